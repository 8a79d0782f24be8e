#!/usr/bin/env bash
# Rebuilds the built-in models from the datasets in the tree (and NewsMTSC for sentiment):
#   scripts/build-models.sh
# then `cargo build --release` embeds them. The stance model trains on the Syria train + dev
# splits; test and actor_heldout are never seen. The sentiment model trains on the team's
# sentiment train split plus NewsMTSC's train split (MIT, Hamborg & Donnay 2021).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${STANCE_SHARED_DATASETS:-../shared/datasets}
cargo build --release --quiet
bin=target/release/stance
python3 scripts/build_datasets.py
# The stance model reads the text alone; predict combines it with known alignments at the
# weight chosen on the development articles (0.75 since release 7, when the text reading lost its
# vote floor; docs/defaults.md stage 15, scripts/eval_articles.py).
# min_df 2: grouped CV on the Syria train split preferred it (0.708 against 0.704 for 1, the
# default for users' data; docs/defaults.md); the sentiment model keeps the recipe it was built with.
# Both keep the block weights they were evaluated with (1,1,1,1; users' default is 1,1,1.5,1), and
# the sentiment model reads neither the mention's words nor its place (--no-mention-words
# --no-mention-position; docs/defaults.md, stages 7 and 8) and keeps its unscaled features
# (--nb-scale off; the stance model takes the new default, stage 9).
# The stance model is solved to convergence (--tol 1e-5; release 17, docs/defaults.md stage 25):
# at the users' default 1e-3 its development score moved by up to 0.006 with the order of the
# records alone, which is larger than most choices it is asked to decide.
$bin train --data datasets/syria/train.jsonl --data datasets/syria/dev.jsonl --task stance \
  --alignment-weight 0 --min-df 2 --block-weights 1,1,1,1 --word-ngrams 1,3 \
  --tol 0.00001 --max-iter 5000 --cv 5 \
  --source "datasets/syria: team-written, see datasets/syria/GUIDELINES.md" \
  --out models/stance.model
sentiment_data=(--data datasets/sentiment/train.jsonl)
sources=(--source "datasets/sentiment: team-written")
if [ -f "$shared/newsmtsc/train.jsonl" ]; then
  # NewsMTSC's polarity is converted to negative / neutral / positive on the fly.
  python3 - "$shared/newsmtsc/train.jsonl" > target/newsmtsc-train.jsonl <<'PY'
import json, sys
names = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    for t in d["targets"]:
        print(json.dumps({"id": t["Input.gid"], "text": d["sentence_normalized"], "actor": t["mention"],
                          "span": [t["from"], t["to"]], "label": names[t["polarity"]]}, ensure_ascii=False))
PY
  sentiment_data+=(--data target/newsmtsc-train.jsonl)
  sources+=(--source "NewsMTSC train split (Hamborg & Donnay, EACL 2021), MIT license")
fi
$bin train "${sentiment_data[@]}" --task sentiment --min-df 2 --block-weights 1,1,1,1 \
  --no-mention-words --no-mention-position --nb-scale off "${sources[@]}" --out models/sentiment.model
ls -l models/*.model
