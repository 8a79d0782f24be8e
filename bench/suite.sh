#!/usr/bin/env bash
# Public benchmark suite: stance with DEFAULT settings against a scikit-learn TF-IDF baseline whose
# settings are chosen by 5-fold cross-validation on the training split only, on openly licensed
# labelled datasets of different kinds:
#
#   newsmtsc       NewsMTSC (MIT): sentiment toward a person mention in a news sentence
#   claim_unseen   IBM Debater Claim Stance (CC BY-SA 3.0), official split: test topics unseen
#   claim_within   the same claims, training topics only, 70/30 within each topic
#   uci_sentences  UCI Sentiment Labelled Sentences (CC BY 4.0): Amazon/IMDb/Yelp review sentences
#
#   bench/suite.sh                                # everything; prints the table, writes the report
#   DATASETS="claim_within uci_sentences" bench/suite.sh
#   FORCE=1 bench/suite.sh                        # recompute results that are up to date
#
# Idempotent: downloads, the venv and each result are kept in bench/data/suite/ (git-ignored) and
# redone only when their inputs change (stamps hold the hashes of the binary, data and scripts).
# Data are fetched with the ordinary registry clients: `pip download --no-deps` (PyPI wheel of
# few-shot-priming 0.0.99, which ships the Claim Stance CSV) and `npm pack` (npm sentiment 5.0.2,
# which ships the UCI sentences as test fixtures); both archives are checked against a SHA-256.
# NewsMTSC is read from the shared datasets folder.
#
# Environment:
#   STANCE_BIN      stance binary to benchmark (default target/release/stance; it is copied to
#                   bench/data/suite/stance-bin first, so a rebuild during the run cannot interfere)
#   NEWSMTSC_DIR    default ${STANCE_SHARED_DATASETS:-../shared/datasets}/newsmtsc
#   DATASETS        subset of "claim_unseen claim_within uci_sentences newsmtsc" (the default)
#   RESULTS_MD      default bench/suite-results.md
#   JOBS            scikit-learn CV worker processes (default 2)
#   NICE            niceness of every step (default 10)
#   PYTHON          Python used to make the venv (default python3)
#   SKLEARN_PIP     pip requirement list of the venv
#                   (default "scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1")
#   FORCE=1         recompute every result
set -euo pipefail

T0=$(date +%s)
die() { echo "suite.sh: $*" >&2; exit 1; }
say() { echo "suite.sh: $*" >&2; }

cd "$(dirname "$0")/.."
ROOT=$PWD
HELPERS=$ROOT/bench/suite
SUITE=$ROOT/bench/data/suite
DL=$SUITE/downloads
RAW=$SUITE/raw
VENV=$SUITE/.venv
NEWSMTSC_DIR=${NEWSMTSC_DIR:-${STANCE_SHARED_DATASETS:-$ROOT/../shared/datasets}/newsmtsc}
DATASETS=${DATASETS:-claim_unseen claim_within uci_sentences newsmtsc}
RESULTS_MD=${RESULTS_MD:-$ROOT/bench/suite-results.md}
JOBS=${JOBS:-2}
NICE=${NICE:-10}
PYTHON=${PYTHON:-python3}
SKLEARN_PIP=${SKLEARN_PIP:-scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1}
FORCE=${FORCE:-0}
RUN=(nice -n "$NICE")
# One BLAS/OpenMP thread per process: the CV runs JOBS processes side by side.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

FSP_WHEEL=few_shot_priming-0.0.99-py3-none-any.whl
FSP_SHA256=3a2901a8fd28a981452268f4862919e62e66ffd4c8548c0ddf336d20fc850c5b
NPM_TGZ=sentiment-5.0.2.tgz
NPM_SHA256=89302eb03d2005d03b214fe65814bb48adb7d3c42c8ca80bdee6a3ecb7e4480f

for d in $DATASETS; do
  case $d in newsmtsc | claim_unseen | claim_within | uci_sentences) ;;
    *) die "DATASETS: unknown dataset '$d'" ;;
  esac
done
want() { [[ " $DATASETS " == *" $1 "* ]]; }
command -v "$PYTHON" >/dev/null || die "$PYTHON not found (set PYTHON=...)"
sha() { sha256sum "$1" | cut -d' ' -f1; }

mkdir -p "$SUITE" "$DL" "$RAW" "$SUITE/runs"
if ! git -C "$ROOT" check-ignore -q "$SUITE/x" 2>/dev/null; then
  say "WARNING: bench/data/suite/ is not git-ignored; do not commit it"
fi

# --- the stance binary ---------------------------------------------------------------------------
SRC_BIN=${STANCE_BIN:-$ROOT/target/release/stance}
[ -x "$SRC_BIN" ] || die "stance binary $SRC_BIN not found: cargo build --release, or set STANCE_BIN"
STANCE=$SUITE/stance-bin
if [ "$(realpath "$SRC_BIN")" != "$(realpath -m "$STANCE")" ]; then
  cp "$SRC_BIN" "$STANCE.tmp" && mv -f "$STANCE.tmp" "$STANCE"
fi
STANCE_SHA=$(sha "$STANCE")
STANCE_VER=$("$STANCE" --version 2>/dev/null | head -n 1 || echo unknown)
# The commit the binary was built from, as far as can be told: HEAD (and whether the sources differ
# from it) for target/release/stance, remembered beside the copy; unknown for another binary.
if [ -z "${STANCE_BIN:-}" ]; then
  STANCE_REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no -- \
    src build.rs Cargo.toml Cargo.lock models 2>/dev/null)" ]; then
    STANCE_REV="$STANCE_REV + uncommitted changes"
  fi
  echo "$STANCE_SHA $STANCE_REV" >"$STANCE.rev"
elif [ -f "$STANCE.rev" ] && [ "$(cut -d' ' -f1 "$STANCE.rev")" = "$STANCE_SHA" ]; then
  STANCE_REV=$(cut -d' ' -f2- "$STANCE.rev")
else
  STANCE_REV="unknown (STANCE_BIN=$SRC_BIN)"
  rm -f "$STANCE.rev"
fi
say "stance: $STANCE_VER ($STANCE_REV), sha256 ${STANCE_SHA:0:12}"

# --- the scikit-learn venv -----------------------------------------------------------------------
PY=$VENV/bin/python
if ! "$PY" -c "import sklearn, numpy, scipy, joblib" 2>/dev/null; then
  say "creating $VENV ($SKLEARN_PIP)"
  "$PYTHON" -m venv "$VENV" || die "python3 -m venv failed"
  # shellcheck disable=SC2086
  "${RUN[@]}" "$PY" -m pip install -q $SKLEARN_PIP || die "pip install $SKLEARN_PIP failed"
fi
SK_VER=$("$PY" -c "import sklearn, numpy, scipy; print(f'scikit-learn {sklearn.__version__}, numpy {numpy.__version__}, scipy {scipy.__version__}')")
PY_VER=$("$PY" --version 2>&1)

# --- fetch ---------------------------------------------------------------------------------------
fetch_checked() { # file sha256 command...
  local file=$1 want_sha=$2
  shift 2
  if [ ! -f "$DL/$file" ] || [ "$(sha "$DL/$file")" != "$want_sha" ]; then
    rm -f "$DL/$file"
    say "fetching $file"
    (cd "$DL" && "$@") >"$DL/$file.log" 2>&1 || { cat "$DL/$file.log" >&2; die "fetching $file failed"; }
  fi
  [ -f "$DL/$file" ] || die "$file missing after download"
  [ "$(sha "$DL/$file")" = "$want_sha" ] || die "$file: SHA-256 differs from the one recorded"
}
if want claim_unseen || want claim_within; then
  fetch_checked "$FSP_WHEEL" "$FSP_SHA256" \
    "$PY" -m pip download --no-deps --no-cache-dir few-shot-priming==0.0.99 -d .
  "$PY" - "$DL/$FSP_WHEEL" "$RAW/claim_stance_dataset_v1.csv" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("few_shot_priming/data/claim_stance_dataset_v1.csv"))
EOF
fi
if want uci_sentences; then
  command -v npm >/dev/null || die "npm not found (apt-get install npm): it fetches the UCI sentences"
  fetch_checked "$NPM_TGZ" "$NPM_SHA256" npm pack --silent sentiment@5.0.2
  mkdir -p "$RAW/uci"
  "$PY" - "$DL/$NPM_TGZ" "$RAW/uci" <<'EOF'
import os, sys, tarfile
with tarfile.open(sys.argv[1]) as t:
    for name in ("amazon", "imdb", "yelp"):
        data = t.extractfile(f"package/test/fixtures/{name}.json").read()
        open(os.path.join(sys.argv[2], f"{name}.json"), "wb").write(data)
EOF
fi
if want newsmtsc; then
  [ -f "$NEWSMTSC_DIR/train.jsonl" ] && [ -f "$NEWSMTSC_DIR/hf_splits/mt_test.jsonl" ] ||
    die "NewsMTSC not found in $NEWSMTSC_DIR (set NEWSMTSC_DIR)"
fi

# --- convert -------------------------------------------------------------------------------------
want newsmtsc && "$PY" "$HELPERS/convert.py" newsmtsc "$NEWSMTSC_DIR" "$SUITE/newsmtsc"
{ want claim_unseen || want claim_within; } &&
  "$PY" "$HELPERS/convert.py" claimstance "$RAW/claim_stance_dataset_v1.csv" "$SUITE"
want uci_sentences && "$PY" "$HELPERS/convert.py" uci "$RAW/uci" "$SUITE/uci_sentences"

# --- run -----------------------------------------------------------------------------------------
# Per dataset: the fold scheme shared by `stance cv` and the scikit-learn CV, and baseline options.
stance_cv_args() {
  case $1 in
    newsmtsc) echo "--group-field text" ;;
    claim_unseen) echo "--group-field target" ;;
    *) echo "" ;;
  esac
}
sklearn_args() {
  case $1 in
    newsmtsc) echo "--cv group --group-field text --marker" ;;
    claim_unseen) echo "--cv group --group-field target" ;;
    *) echo "--cv stratified" ;;
  esac
}
up_to_date() { # stamp-file content
  [ "$FORCE" != 1 ] && [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]
}
secs() { echo $(($(date +%s) - $1)); }

for d in $DATASETS; do
  data=$SUITE/$d
  out=$SUITE/runs/$d
  mkdir -p "$out"
  dsha="$(sha "$data/train.jsonl") $(sha "$data/test.jsonl")"

  # stance, defaults only
  cvargs=$(stance_cv_args "$d")
  stamp="$STANCE_SHA $dsha $(sha "$ROOT/bench/suite.sh") cv:$cvargs"
  if up_to_date "$out/stance.stamp" "$stamp"; then
    say "$d: stance results up to date"
  else
    say "$d: stance train / evaluate / classify / cv"
    t=$(date +%s)
    rm -f "$out/stance.stamp"
    (
      cd "$out"
      "${RUN[@]}" "$STANCE" train --data "$data/train.jsonl" --out ./m.model -q
      "${RUN[@]}" "$STANCE" evaluate --model ./m.model --data "$data/test.jsonl" --format json -q \
        >stance.eval.json
      "${RUN[@]}" "$STANCE" classify --model ./m.model "$data/test.jsonl" -q >stance.pred.jsonl
      # shellcheck disable=SC2086
      "${RUN[@]}" "$STANCE" cv --data "$data/train.jsonl" --folds 5 $cvargs --format json -q \
        >stance.cv.json
      if [ "$d" = claim_within ]; then # also with unseen-topic folds, as on the official split
        "${RUN[@]}" "$STANCE" cv --data "$data/train.jsonl" --folds 5 --group-field target \
          --format json -q >stance.cv_target.json
      fi
    ) 2>"$out/stance.log" || { cat "$out/stance.log" >&2; die "$d: stance failed"; }
    echo "$stamp" >"$out/stance.stamp"
    secs "$t" >"$out/stance.seconds"
    say "$d: stance done in $(secs "$t") s"
  fi

  # scikit-learn, CV-chosen settings (and one model per target on the within-topic split)
  variants="sklearn"
  [ "$d" = claim_within ] && variants="sklearn sklearn_pt"
  for v in $variants; do
    args=$(sklearn_args "$d")
    [ "$v" = sklearn_pt ] && args="$args --per-target"
    stamp="$(sha "$HELPERS/baseline.py") $dsha $SK_VER args:$args"
    if up_to_date "$out/$v.stamp" "$stamp"; then
      say "$d: $v results up to date"
      continue
    fi
    say "$d: $v grid search ($args)"
    t=$(date +%s)
    rm -f "$out/$v.stamp"
    # shellcheck disable=SC2086
    "${RUN[@]}" "$PY" "$HELPERS/baseline.py" --train "$data/train.jsonl" --test "$data/test.jsonl" \
      --out-pred "$out/$v.pred.jsonl" --out-json "$out/$v.json" --jobs "$JOBS" $args \
      2>"$out/$v.log" || { cat "$out/$v.log" >&2; die "$d: $v failed"; }
    tail -n 1 "$out/$v.log" >&2
    echo "$stamp" >"$out/$v.stamp"
    secs "$t" >"$out/$v.seconds"
    say "$d: $v done in $(secs "$t") s"
  done
done

# --- report --------------------------------------------------------------------------------------
WALL=$(secs "$T0")
"$PY" "$HELPERS/report.py" "$SUITE" "$RESULTS_MD" \
  "date=$(date -u +%Y-%m-%dT%H:%MZ)" \
  "stance=$STANCE_VER, commit $STANCE_REV" \
  "stance_sha256=$STANCE_SHA" \
  "python=$PY_VER" \
  "sklearn=$SK_VER" \
  "machine=$(getconf _NPROCESSORS_ONLN) cores, $(uname -m); steps under nice -n $NICE, scikit-learn CV with $JOBS processes" \
  "wall_time=${WALL} s for this invocation of bench/suite.sh (steps already up to date are not redone)"
say "wrote $RESULTS_MD (${WALL} s)"
