#!/usr/bin/env bash
# Benchmarks stance against scikit-learn (TF-IDF + logistic regression, the same recipe) and
# fastText (supervised, word bigrams) on synthetic corpora and on NewsMTSC:
#
#   bench/compare.sh                         # sizes 10k, 100k, 1M + NewsMTSC
#   SIZES="10000 100000" bench/compare.sh    # restrict the synthetic sizes ("" for none)
#   NEWSMTSC=0 bench/compare.sh              # leave NewsMTSC out
#   REVIEWS=0 bench/compare.sh               # leave the short review sentences out
#
# The short review sentences (SST-2-sized: about 10 words each, two labels) come from
# bench/gen_reviews.py: REVIEW_SIZE (default 100000) to train on, a tenth of it to classify.
#   TOOLS=stance SIZES="" NEWSMTSC=0 HASH_SIZES="1000000 10000000" bench/compare.sh
#                                            # training beyond memory (train --hash-bits) alone
#
# Every train and classify step is its own process, measured with `/usr/bin/time -v` (or
# bench/measure.py when GNU time is missing): whole-process wall time and peak resident memory.
# Writes the table to stdout and bench/results.md; corpora, models, predictions and logs go to
# bench/data/ (gitignored), the Python tools to bench/.venv (gitignored).
#
# Training beyond memory: for each size in HASH_SIZES (default none; "1000000 10000000" for the
# table in docs/benchmarks.md) stance trains with `--hash-bits HASH_BITS` (default 22) on the same
# synthetic corpus, streaming the file through its SGD epochs (HASH_EPOCHS, default stance's
# own), then classifies that size's test set: rows "stance --hash-bits", two sizes at least to
# show the peak memory flat as the file grows.
#
# Environment: SIZES, NEWSMTSC (1/0), TOOLS (default "stance scikit-learn fastText"),
# RESULTS_MD (default bench/results.md), STANCE_SHARED_DATASETS (default ../shared/datasets),
# SKLEARN_MAX_S (default 1200: a scikit-learn or fastText step estimated or running longer is
# skipped / stopped), STANCE_BIN (default target/release/stance, built if missing),
# PYTHON (default python3, used to make the venv), WAIT_IDLE_S (default 120: how long to wait
# for other processes to leave the CPUs before each step), BENCH_TIMER=python (use
# bench/measure.py even where GNU time exists), RETRIES (default 1: a step during which other
# processes took more than 10 % of its wall time in CPU is run again, this many times at most).
set -euo pipefail

die() { echo "compare.sh: $*" >&2; exit 1; }
say() { echo "compare.sh: $*" >&2; }

cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench
DATA=$BENCH/data
VENV=$BENCH/.venv
SIZES=${SIZES-10000 100000 1000000}
NEWSMTSC=${NEWSMTSC:-1}
REVIEWS=${REVIEWS:-1}
REVIEW_SIZE=${REVIEW_SIZE:-100000}
SHARED=${STANCE_SHARED_DATASETS:-$ROOT/../shared/datasets}
SKLEARN_MAX_S=${SKLEARN_MAX_S:-1200}
TOOLS=${TOOLS:-stance scikit-learn fastText}
RESULTS_MD=${RESULTS_MD:-$ROOT/bench/results.md}
PYTHON=${PYTHON:-python3}
STANCE=${STANCE_BIN:-$ROOT/target/release/stance}
NPROC=$(nproc 2>/dev/null || echo 1)

for n in $SIZES; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "SIZES must be positive integers, got '$n'"
done
for t in $TOOLS; do
  case $t in stance | scikit-learn | fastText) ;; *) die "TOOLS: unknown tool '$t' (stance scikit-learn fastText)" ;; esac
done
use() { [[ " $TOOLS " == *" $1 "* ]]; }
[[ $SKLEARN_MAX_S =~ ^[0-9]+$ ]] || die "SKLEARN_MAX_S must be a number of seconds"
[[ $REVIEW_SIZE =~ ^[1-9][0-9]*$ ]] || die "REVIEW_SIZE must be a positive integer"
command -v "$PYTHON" >/dev/null || die "$PYTHON not found (set PYTHON=...)"
command -v timeout >/dev/null || die "timeout (coreutils) not found"

# --- the stance binary -------------------------------------------------------------------------
if [ -z "${STANCE_BIN:-}" ]; then
  command -v cargo >/dev/null || { [ -x "$STANCE" ] || die "cargo not found and $STANCE missing"; }
  if command -v cargo >/dev/null; then
    say "cargo build --release"
    cargo build --release --quiet || die "cargo build --release failed"
  fi
fi
[ -x "$STANCE" ] || die "stance binary $STANCE not found"
mkdir -p "$DATA"
# Run a private copy: a rebuild of target/release/stance during the run cannot mix versions.
if [ "$(realpath "$STANCE")" != "$(realpath -m "$DATA/stance.bin")" ]; then
  cp "$STANCE" "$DATA/stance.bin" || die "cannot copy $STANCE to $DATA"
fi
STANCE=$DATA/stance.bin
STANCE_REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "unknown")
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no -- src build.rs Cargo.toml \
  Cargo.lock models 2>/dev/null)" ]; then
  STANCE_REV="$STANCE_REV + uncommitted changes"
fi

# --- the timer ----------------------------------------------------------------------------------
if [ "${BENCH_TIMER:-}" != python ] && [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
  TIMER=(/usr/bin/time -v -o)
  TIMER_NAME="GNU time -v"
else
  TIMER=("$PYTHON" "$BENCH/measure.py" -o)
  TIMER_NAME="bench/measure.py (GNU time not found)"
fi
timed() {  # timed LOG CMD... : runs CMD under the timer, log to LOG
  local log=$1
  shift
  if [ "${TIMER[0]}" = /usr/bin/time ]; then
    "${TIMER[@]}" "$log" "$@"
  else
    "${TIMER[@]}" "$log" -- "$@"
  fi
}

# --- the Python side ----------------------------------------------------------------------------
if ! "$VENV/bin/python" -c "import sklearn, fasttext, numpy, joblib" 2>/dev/null; then
  say "creating $VENV (scikit-learn, fasttext-wheel, numpy)"
  "$PYTHON" -m venv "$VENV" || die "python3 -m venv failed (install python3-venv?)"
  "$VENV/bin/pip" install --quiet --upgrade pip || die "pip upgrade failed"
  "$VENV/bin/pip" install --quiet scikit-learn fasttext-wheel numpy || die "pip install failed"
  "$VENV/bin/python" -c "import sklearn, fasttext, numpy, joblib" || die "venv imports fail"
fi
PY=$VENV/bin/python

mkdir -p "$DATA/logs" "$DATA/models" "$DATA/pred"
TOOLS_PY=$DATA/bench_tools.py
cat >"$TOOLS_PY" <<'PY'
"""Helpers for bench/compare.sh (generated by it; edit compare.sh, not this file)."""
import json
import os
import re
import sys
import tempfile


def read_jsonl(path):
    texts, labels, ids = [], [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            d = json.loads(line)
            texts.append(d["text"])
            labels.append(d.get("label"))
            ids.append(str(d.get("id", n)))
    return ids, texts, labels


def sk_train(data, model):
    import joblib
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    _, texts, labels = read_jsonl(data)
    pipe = Pipeline([
        ("features", FeatureUnion([
            ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                     min_df=2)),
        ])),
        ("clf", LogisticRegression(C=3, class_weight="balanced", max_iter=300)),
    ])
    pipe.fit(texts, labels)
    # The pruned-term sets are only for introspection and can be huge: not pickled.
    for _, vec in pipe.named_steps["features"].transformer_list:
        if hasattr(vec, "stop_words_"):
            vec.stop_words_ = None
    joblib.dump(pipe, model)


def sk_classify(model, data):
    import joblib

    pipe = joblib.load(model)
    ids, texts, _ = read_jsonl(data)
    probs = pipe.predict_proba(texts)
    classes = list(pipe.classes_)
    out = sys.stdout
    for i, p in zip(ids, probs):
        k = int(p.argmax())
        scores = {c: round(float(s), 6) for c, s in zip(classes, p)}
        out.write(json.dumps({"id": i, "label": classes[k], "scores": scores}) + "\n")


TOKEN = re.compile(r"\w+|[^\w\s]")


def ft_line(text):
    return " ".join(TOKEN.findall(text.lower()))


def ft_train(data, model, threads):
    import fasttext

    _, texts, labels = read_jsonl(data)
    fd, tmp = tempfile.mkstemp(suffix=".txt", dir=os.path.dirname(os.path.abspath(model)))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for t, y in zip(texts, labels):
                f.write(f"__label__{y} {ft_line(t)}\n")
        m = fasttext.train_supervised(input=tmp, wordNgrams=2, epoch=5, thread=int(threads),
                                      verbose=0)
        m.save_model(model)
    finally:
        os.unlink(tmp)


def ft_predict(model, data):
    import fasttext

    m = fasttext.load_model(model)
    ids, texts, _ = read_jsonl(data)
    # fasttext-wheel 0.9.2's predict() calls np.array(copy=False), which NumPy 2 rejects:
    # call the C++ binding directly (same computation, lists instead of arrays).
    all_labels, all_probs = m.f.multilinePredict([ft_line(t) for t in texts], -1, 0.0, "strict")
    out = sys.stdout
    for i, labs, ps in zip(ids, all_labels, all_probs):
        scores = {l[len("__label__"):]: round(float(p), 6) for l, p in zip(labs, ps)}
        best = max(scores, key=scores.get)
        out.write(json.dumps({"id": i, "label": best, "scores": scores}) + "\n")


def score(gold, pred):
    """Accuracy and macro-F1 (labels in gold or predictions, as scikit-learn) by line order."""
    from sklearn.metrics import accuracy_score, f1_score

    gids, _, y = read_jsonl_labels(gold)
    pids, p = [], []
    with open(pred, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                pids.append(str(d["id"]))
                p.append(d["label"])
    if len(p) != len(y):
        sys.exit(f"score: {pred} has {len(p)} predictions for {len(y)} gold records")
    if pids != gids:
        sys.exit(f"score: ids of {pred} do not follow {gold}")
    print(f"{accuracy_score(y, p):.4f} {f1_score(y, p, average='macro'):.4f}")


def read_jsonl_labels(path):
    ids, texts, labels = read_jsonl(path)
    return ids, texts, labels


NAMES = {2.0: "negative", 4.0: "neutral", 6.0: "positive",
         -1.0: "negative", 0.0: "neutral", 1.0: "positive"}
MARKER = "__actor__"


def marked(text, start, end):
    """The sentence with the target mention replaced by a marker token (char offsets)."""
    return f"{text[:start]} {MARKER} {text[end:]}".strip()


def newsmtsc_flat(src, dst):
    """NewsMTSC (nested train layout or one target per line) -> {id, text, label} per target."""
    n = 0
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            if "sentence_normalized" in d:
                text = d["sentence_normalized"]
                targets = [(t.get("Input.gid"), t) for t in d["targets"]]
            else:
                text = d["sentence"]
                targets = [(d.get("id"), d)]
            for gid, t in targets:
                n += 1
                rec = {"id": str(gid if gid is not None else n),
                       "text": marked(text, t["from"], t["to"]),
                       "label": NAMES[float(t["polarity"])]}
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(n)


def timelog(path):
    """wall seconds and peak MiB from a GNU time -v (or measure.py) log."""
    wall = peak = None
    cpu = 0.0
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("Wall seconds:"):
                wall = float(line.split(":", 1)[1])
            elif line.startswith("Elapsed (wall clock) time") and wall is None:
                v = line.rsplit(": ", 1)[1]
                parts = [float(x) for x in v.split(":")]
                wall = sum(x * 60 ** k for k, x in enumerate(reversed(parts)))
            elif line.startswith(("User time (seconds)", "System time (seconds)")):
                cpu += float(line.rsplit(":", 1)[1])
            elif line.startswith("Maximum resident set size"):
                peak = int(line.rsplit(":", 1)[1]) / 1024
    if wall is None or peak is None:
        sys.exit(f"timelog: no wall time / peak memory in {path}")
    print(f"{wall:.2f} {cpu:.2f} {peak:.1f}")


def table(tsv, out_md, header_file):
    rows = []
    with open(tsv, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            rows.append(dict(zip(["dataset", "tool", "phase", "wall", "cpu", "peak", "size",
                                  "acc", "f1", "note"], c)))
    base = {(r["dataset"], r["phase"]): r for r in rows if r["tool"] == "scikit-learn"}

    def num(v):
        try:
            return float(v)
        except ValueError:
            return None

    def ratio(r, key):
        b = base.get((r["dataset"], r["phase"]))
        v, w = num(r[key]), num(b[key]) if b else None
        if v is None or not w:
            return "n/a"
        return f"{v / w:.2f}×"

    lines = ["| dataset | tool | phase | wall s | CPU s | peak MB | model MB | accuracy | macro-F1 "
             "| wall / sklearn | peak / sklearn | note |",
             "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|"]
    for r in rows:
        lines.append("| " + " | ".join([
            r["dataset"], r["tool"], r["phase"], r["wall"], r["cpu"], r["peak"], r["size"], r["acc"],
            r["f1"], ratio(r, "wall"), ratio(r, "peak"), r["note"]]) + " |")
    md = "\n".join(lines) + "\n"
    with open(header_file, encoding="utf-8") as h:
        head = h.read()
    with open(out_md, "w", encoding="utf-8") as f:
        f.write(head + "\n" + md)
    sys.stdout.write(md)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"sk-train": sk_train, "sk-classify": sk_classify, "ft-train": ft_train,
     "ft-predict": ft_predict, "score": score, "newsmtsc-flat": newsmtsc_flat,
     "timelog": timelog, "table": table}[cmd](*args)
PY

# --- bookkeeping ---------------------------------------------------------------------------------
RESULTS=$DATA/results.tsv
: >"$RESULTS"
declare -A WALL PEAK   # "tool phase n" -> seconds / MiB of the synthetic runs, for estimates
T_START=$SECONDS

record() {  # dataset tool phase wall cpu peak size acc f1 note
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RESULTS"
}
size_mb() { [ -f "$1" ] && awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1048576 }' || echo "—"; }
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
WAIT_IDLE_S=${WAIT_IDLE_S:-120}
RETRIES=${RETRIES:-1}
[[ $RETRIES =~ ^[0-9]+$ ]] || die "RETRIES must be a count"
cpu_busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# wait_idle: up to WAIT_IDLE_S seconds for the other processes to leave the CPUs (< 15 % busy)
wait_idle() {
  local waited=0 a b pct
  while :; do
    a=$(cpu_busy_ticks)
    sleep 1
    b=$(cpu_busy_ticks)
    pct=$(((b - a) * 100 / (CLK_TCK * NPROC)))
    if [ "$pct" -lt 15 ] || [ "$waited" -ge "$WAIT_IDLE_S" ]; then
      [ "$pct" -ge 15 ] && say "CPUs still ${pct}% busy after ${waited} s: measuring anyway"
      return 0
    fi
    [ "$waited" -eq 0 ] && say "CPUs ${pct}% busy with other work: waiting (up to ${WAIT_IDLE_S} s)"
    waited=$((waited + 1))
  done
}
mem_avail_mb() { awk '/^MemAvailable:/ { printf "%d", $2 / 1024 }' /proc/meminfo; }

# estimate TOOL PHASE N -> prints "wall peak" scaled linearly from the largest smaller size run
# Time grows as n^e, e measured between the two largest sizes run (at least 1); memory linearly.
estimate() {
  local tool=$1 phase=$2 n=$3 best=0 prev=0 m t p
  for key in "${!WALL[@]}"; do
    read -r t p m <<<"$key"
    if [ "$t" = "$tool" ] && [ "$p" = "$phase" ] && [ "$m" -lt "$n" ]; then
      if [ "$m" -gt "$best" ]; then
        prev=$best
        best=$m
      elif [ "$m" -gt "$prev" ]; then
        prev=$m
      fi
    fi
  done
  [ "$best" -gt 0 ] || return 1
  local w0=0
  [ "$prev" -gt 0 ] && w0=${WALL[$tool $phase $prev]}
  awk -v w="${WALL[$tool $phase $best]}" -v w0="$w0" -v n0="$prev" -v n1="$best" -v n="$n" \
    -v p="${PEAK[$tool $phase $best]}" 'BEGIN {
      e = 1
      if (n0 > 0 && w0 > 1 && w > w0) { e = log(w / w0) / log(n1 / n0); if (e < 1) e = 1 }
      printf "%d %d", w * exp(e * log(n / n1)), p * n / n1
    }'
}

# run_step DATASET TOOL PHASE N OUT MODEL GOLD CMD... ; sets STEP_OK=1 when the command succeeded
run_step() {
  local ds=$1 tool=$2 phase=$3 n=$4 out=$5 model=$6 gold=$7
  shift 7
  local slug="${ds}.${tool// /_}.${phase}"
  local log=$DATA/logs/$slug.time err=$DATA/logs/$slug.stderr
  local limit=0 est note="" rc=0 wall peak acc="" f1="" sz="" tl s ew ep
  STEP_OK=0
  # Skip a step that a linear extrapolation says would run past the limit or the memory.
  if [ "$n" -gt 0 ] && est=$(estimate "$tool" "$phase" "$n"); then
    read -r ew ep <<<"$est"
    if [[ $tool != stance* ]] && [ "$ew" -gt "$SKLEARN_MAX_S" ]; then
      note="skipped: ~${ew} s estimated (> SKLEARN_MAX_S=${SKLEARN_MAX_S} s)"
    elif [ "$ep" -gt "$(mem_avail_mb)" ]; then
      note="skipped: ~${ep} MB peak estimated > $(mem_avail_mb) MB available"
    fi
  fi
  if [ -n "$note" ]; then
    say "$ds $tool $phase: $note"
    record "$ds" "$tool" "$phase" "—" "—" "—" "—" "—" "—" "$note"
    return 0
  fi
  [[ $tool != stance* ]] && limit=$SKLEARN_MAX_S
  local busy0 busy1 cpu others attempt=0
  while :; do
    attempt=$((attempt + 1))
    note=""
    rc=0
    wait_idle
    say "$ds $tool $phase ..."
    busy0=$(cpu_busy_ticks)
    if [ "$limit" -gt 0 ]; then
      timed "$log" timeout "$limit" "$@" >"$out" 2>"$err" || rc=$?
    else
      timed "$log" "$@" >"$out" 2>"$err" || rc=$?
    fi
    busy1=$(cpu_busy_ticks)
    if [ -s "$log" ] && tl=$("$PY" "$TOOLS_PY" timelog "$log" 2>/dev/null); then
      read -r wall cpu peak <<<"$tl"
      # CPU time the whole machine spent during the step, less the step's own: other processes.
      others=$(awk -v d="$((busy1 - busy0))" -v t="$CLK_TCK" -v c="$cpu" 'BEGIN { printf "%.1f", d / t - c }')
      if awk -v o="$others" -v w="$wall" 'BEGIN { exit !(o > 0.5 && o > 0.1 * w) }'; then
        note="other processes used ${others} CPU s meanwhile"
      fi
    else
      wall="—"
      cpu="—"
      peak="—"
    fi
    # A step that shared the CPUs with other work is run again (RETRIES times at most).
    if [ -n "$note" ] && [ "$rc" -eq 0 ] && [ "$attempt" -le "$RETRIES" ]; then
      say "$ds $tool $phase: ${wall} s, but $note: again"
      continue
    fi
    [ -n "$note" ] && [ "$attempt" -gt 1 ] && note="$note (run $attempt times)"
    break
  done
  if [ "$rc" -ne 0 ]; then
    if [ "$rc" -eq 124 ] && [ "$limit" -gt 0 ]; then
      note="stopped after $((limit / 60)) min"
    elif [ "$rc" -eq 137 ] || grep -q "signal 9" "$log" 2>/dev/null; then
      note="killed (signal 9, out of memory?)"
    else
      note="failed (exit $rc): $(tail -n 1 "$err" | cut -c1-120)"
    fi
    say "$ds $tool $phase: $note (see $err)"
    record "$ds" "$tool" "$phase" "$wall" "$cpu" "$peak" "—" "—" "—" "$note"
    return 0
  fi
  if [ "$n" -gt 0 ]; then
    WALL[$tool $phase $n]=$wall
    PEAK[$tool $phase $n]=$peak
  fi
  if [ "$phase" = train ]; then
    sz=$(size_mb "$model")
  else
    sz="—"
    if s=$("$PY" "$TOOLS_PY" score "$gold" "$out" 2>>"$err"); then
      read -r acc f1 <<<"$s"
    else
      note="${note:+$note; }scoring failed: $(tail -n 1 "$err")"
      acc="—"
      f1="—"
    fi
  fi
  [ -n "$acc" ] || acc="—"
  [ -n "$f1" ] || f1="—"
  if [ "$acc" = "—" ]; then
    say "$ds $tool $phase: ${wall} s, ${peak} MB ${note}"
  else
    say "$ds $tool $phase: ${wall} s, ${peak} MB, accuracy $acc ${note}"
  fi
  record "$ds" "$tool" "$phase" "$wall" "$cpu" "$peak" "$sz" "$acc" "$f1" "$note"
  STEP_OK=1
}

# stance_eval DATASET MODEL DATA [ARGS...]: stance's own accuracy / macro-F1, checked against ours
stance_eval() {
  local ds=$1 model=$2 data=$3
  shift 3
  local json=$DATA/pred/$ds.stance.evaluate.json
  if ! "$STANCE" evaluate -q --model "$model" --data "$data" "$@" --format json >"$json" \
    2>"$DATA/logs/$ds.stance.evaluate.stderr"; then
    say "$ds: stance evaluate failed (see $DATA/logs/$ds.stance.evaluate.stderr)"
    return 0
  fi
  local ev
  if ! ev=$("$PY" -c 'import json, sys; d = json.load(open(sys.argv[1])); print("%.4f %.4f" % (d["accuracy"], d["macro_f1"]))' "$json"); then
    say "$ds: cannot read accuracy / macro_f1 from $json"
    return 0
  fi
  # The classify row was scored from classify's output; evaluate must agree with it.
  local last
  last=$(tail -n 1 "$RESULTS")
  local acc f1
  acc=$(cut -f8 <<<"$last")
  f1=$(cut -f9 <<<"$last")
  if [ "$acc $f1" != "$ev" ]; then
    say "$ds: WARNING stance evaluate says '$ev', classify output scores '$acc $f1'"
    if [ -z "$(cut -f10 <<<"$last")" ]; then
      sed -i '$ s/$/stance evaluate says '"${ev// / \/ }"'/' "$RESULTS"
    else
      sed -i '$ s/$/; stance evaluate says '"${ev// / \/ }"'/' "$RESULTS"
    fi
  fi
}

bench_dataset() {  # DATASET N TRAIN_JSONL TEST_JSONL GOLD_JSONL PY_TRAIN PY_TEST [stance input args]
  local ds=$1 n=$2 train=$3 test=$4 gold=$5 pytrain=$6 pytest=$7
  shift 7
  local m=$DATA/models/$ds p=$DATA/pred/$ds
  rm -f "$m".stance.model "$m".sklearn.joblib "$m".fasttext.bin
  if use stance; then
    run_step "$ds" stance train "$n" /dev/null "$m.stance.model" - \
      "$STANCE" train -q --data "$train" --out "$m.stance.model" "$@"
    if [ "$STEP_OK" = 1 ]; then
      run_step "$ds" stance classify "$n" "$p.stance.jsonl" - "$gold" \
        "$STANCE" classify -q --model "$m.stance.model" "$test" --format jsonl "$@"
      if [ "$STEP_OK" = 1 ]; then
        stance_eval "$ds" "$m.stance.model" "$test" "$@"
      fi
    else
      record "$ds" stance classify "—" "—" "—" "—" "—" "—" "not run: no model"
    fi
  fi
  if use scikit-learn; then
    run_step "$ds" scikit-learn train "$n" /dev/null "$m.sklearn.joblib" - \
      "$PY" "$TOOLS_PY" sk-train "$pytrain" "$m.sklearn.joblib"
    if [ "$STEP_OK" = 1 ]; then
      run_step "$ds" scikit-learn classify "$n" "$p.sklearn.jsonl" - "$gold" \
        "$PY" "$TOOLS_PY" sk-classify "$m.sklearn.joblib" "$pytest"
    else
      record "$ds" scikit-learn classify "—" "—" "—" "—" "—" "—" "not run: no model"
    fi
  fi
  if use fastText; then
    run_step "$ds" fastText train "$n" /dev/null "$m.fasttext.bin" - \
      "$PY" "$TOOLS_PY" ft-train "$pytrain" "$m.fasttext.bin" "$NPROC"
    if [ "$STEP_OK" = 1 ]; then
      run_step "$ds" fastText classify "$n" "$p.fasttext.jsonl" - "$gold" \
        "$PY" "$TOOLS_PY" ft-predict "$m.fasttext.bin" "$pytest"
    else
      record "$ds" fastText classify "—" "—" "—" "—" "—" "—" "not run: no model"
    fi
  fi
  return 0
}

label() {  # 10000 -> 10k, 1000000 -> 1M
  local n=$1
  if [ $((n % 1000000)) -eq 0 ]; then echo "synthetic-$((n / 1000000))M"
  elif [ $((n % 1000)) -eq 0 ]; then echo "synthetic-$((n / 1000))k"
  else echo "synthetic-$n"; fi
}

# make_corpus GENERATOR N FILE SEED: writes N generated sentences to FILE unless it is already
# there (train seed 1, test seed 1000 + size: the same language, different sentences).
make_corpus() {
  [ -s "$3" ] || "$PYTHON" "$BENCH/$1" "$2" "$3" --seed "$4" || die "$1 failed for $3"
}

# The synthetic news corpus of N training records and its test set (a tenth of N): sets ds,
# tr_file and te_file.
news_corpus() {
  ds=$(label "$1")
  tr_file=$DATA/train-$1.jsonl
  te_file=$DATA/test-$1.jsonl
  make_corpus gen_corpus.py "$1" "$tr_file" 1
  make_corpus gen_corpus.py $((($1 + 9) / 10)) "$te_file" $((1000 + $1))
}

# --- synthetic corpora, smallest first (their numbers drive the estimates for the larger ones) --
for n in $(tr ' ' '\n' <<<"$SIZES" | sort -n | uniq); do
  news_corpus "$n"
  bench_dataset "$ds" "$n" "$tr_file" "$te_file" "$te_file" "$tr_file" "$te_file"
done

# --- short review sentences (SST-2-style) -------------------------------------------------------
if [ "$REVIEWS" = 1 ]; then
  rv_train=$DATA/reviews-train-$REVIEW_SIZE.jsonl
  rv_test=$DATA/reviews-test-$REVIEW_SIZE.jsonl
  make_corpus gen_reviews.py "$REVIEW_SIZE" "$rv_train" 1
  make_corpus gen_reviews.py $(((REVIEW_SIZE + 9) / 10)) "$rv_test" $((1000 + REVIEW_SIZE))
  # n = 0: no size-based estimates from (or for) the synthetic news corpora.
  bench_dataset "reviews-$((REVIEW_SIZE / 1000))k" 0 "$rv_train" "$rv_test" "$rv_test" "$rv_train" \
    "$rv_test"
fi
# --- training beyond memory: hashed features streamed through SGD, the same corpora -----------
HASH_SIZES=${HASH_SIZES-}
HASH_BITS=${HASH_BITS:-22}
HASH_EPOCHS=${HASH_EPOCHS:-}
for n in $HASH_SIZES; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "HASH_SIZES must be positive integers, got '$n'"
done
hashed_args=(--hash-bits "$HASH_BITS")
[ -n "$HASH_EPOCHS" ] && hashed_args+=(--epochs "$HASH_EPOCHS")
for n in $(tr ' ' '\n' <<<"$HASH_SIZES" | sort -n | uniq); do
  news_corpus "$n"
  m=$DATA/models/$ds.hashed.model
  p=$DATA/pred/$ds.hashed
  rm -f "$m"
  # N 0: no estimate from the in-memory runs, whose memory grows with the data.
  run_step "$ds" "stance --hash-bits $HASH_BITS" train 0 /dev/null "$m" - \
    "$STANCE" train -q --data "$tr_file" --out "$m" "${hashed_args[@]}"
  if [ "$STEP_OK" = 1 ]; then
    run_step "$ds" "stance --hash-bits $HASH_BITS" classify 0 "$p.jsonl" - "$te_file" \
      "$STANCE" classify -q --model "$m" "$te_file" --format jsonl
    [ "$STEP_OK" = 1 ] && stance_eval "$ds.hashed" "$m" "$te_file"
  else
    record "$ds" "stance --hash-bits $HASH_BITS" classify "—" "—" "—" "—" "—" "—" "not run: no model"
  fi
done

# --- NewsMTSC: train.jsonl -> hf_splits/mt_test.jsonl ------------------------------------------
if [ "$NEWSMTSC" = 1 ]; then
  nm_train=$SHARED/newsmtsc/train.jsonl
  nm_test=$SHARED/newsmtsc/hf_splits/mt_test.jsonl
  if [ -f "$nm_train" ] && [ -f "$nm_test" ]; then
    # For scikit-learn and fastText: one record per target, the mention replaced by __actor__
    # (stance reads the files as they are and marks the mention itself).
    "$PY" "$TOOLS_PY" newsmtsc-flat "$nm_train" "$DATA/newsmtsc-train.flat.jsonl" >/dev/null \
      || die "converting $nm_train failed"
    "$PY" "$TOOLS_PY" newsmtsc-flat "$nm_test" "$DATA/newsmtsc-mt_test.flat.jsonl" >/dev/null \
      || die "converting $nm_test failed"
    bench_dataset newsmtsc 0 "$nm_train" "$nm_test" "$DATA/newsmtsc-mt_test.flat.jsonl" \
      "$DATA/newsmtsc-train.flat.jsonl" "$DATA/newsmtsc-mt_test.flat.jsonl" \
      --input-format newsmtsc
  else
    say "NewsMTSC not found under $SHARED/newsmtsc: skipped (set STANCE_SHARED_DATASETS)"
  fi
fi

# --- the table ----------------------------------------------------------------------------------
HEADER=$DATA/results-header.md
{
  echo "# stance vs scikit-learn vs fastText"
  echo
  echo "Made by \`bench/compare.sh\` on $(date -u +%Y-%m-%d) in $(((SECONDS - T_START) / 60)) min."
  echo "Machine: $NPROC cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')),"
  echo "$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo) GiB RAM. Timer: $TIMER_NAME."
  echo "Versions: $("$STANCE" --version) (commit $STANCE_REV), $("$PY" -c 'import sklearn, numpy, sys; print(f"scikit-learn {sklearn.__version__}, numpy {numpy.__version__}, Python {sys.version.split()[0]}")'), fasttext-wheel $("$VENV/bin/pip" show fasttext-wheel 2>/dev/null | awk '/^Version:/ { print $2 }')."
  echo
  echo "Each step is one process: wall time and peak RSS of the whole process (start-up, reading,"
  echo "model load/save included), one run each. Accuracy and macro-F1 are scored from the classify"
  echo "output against the gold labels. Ratios divide by scikit-learn's number for the same dataset"
  echo "and phase (below 1: less time / memory than scikit-learn). CPU s is user + system time"
  echo "(above wall s when a tool uses both cores). Before each step the script waits for the"
  echo "CPUs to be idle; a note says when other processes still took CPU time during a step."
} >"$HEADER"
"$PY" "$TOOLS_PY" table "$RESULTS" "$RESULTS_MD" "$HEADER"
say "wrote $RESULTS_MD"
