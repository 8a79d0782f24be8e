#!/usr/bin/env python3
"""Convert the suite's raw datasets into JSONL records {"id","text","label","target"?,"actor"?,"span"?}.

    convert.py newsmtsc   SRC_DIR  OUT_DIR   # SRC_DIR holds train.jsonl and hf_splits/mt_test.jsonl
    convert.py claimstance CSV     OUT_ROOT  # writes OUT_ROOT/claim_unseen and OUT_ROOT/claim_within
    convert.py uci        FIXTURES OUT_DIR   # FIXTURES holds amazon.json, imdb.json, yelp.json

Standard library only. Every split is deterministic (fixed seed, input order sorted by id first).
"""
import collections
import csv
import json
import os
import random
import sys

SEED = 1
TEST_SHARE = 0.3


def write(path, records):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"convert.py: {path}: {len(records)} records", file=sys.stderr)


def stratified_split(records, key, seed=SEED, share=TEST_SHARE):
    """Per value of key(record), shuffle with a fixed seed and send round(share * n) to test."""
    by = collections.defaultdict(list)
    for r in records:
        by[key(r)].append(r)
    rng = random.Random(seed)
    train, test = [], []
    for k in sorted(by):
        group = sorted(by[k], key=lambda r: r["id"])
        rng.shuffle(group)
        n_test = int(round(share * len(group)))
        test.extend(group[:n_test])
        train.extend(group[n_test:])
    train.sort(key=lambda r: r["id"])
    test.sort(key=lambda r: r["id"])
    return train, test


# --- NewsMTSC ------------------------------------------------------------------------------------
POLARITY = {-1: "negative", 0: "neutral", 1: "positive", 2: "negative", 4: "neutral", 6: "positive"}


def newsmtsc_target(text, t, rid):
    a, b = int(t["from"]), int(t["to"])
    assert 0 <= a <= b <= len(text), (rid, a, b)
    return {"id": rid, "text": text, "label": POLARITY[int(t["polarity"])],
            "actor": t["mention"], "span": [a, b]}


def newsmtsc(src, out):
    train = []
    with open(os.path.join(src, "train.jsonl"), encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            v = json.loads(line)
            for k, t in enumerate(v["targets"]):
                rid = t.get("Input.gid") or f"{line_no}.{k}"
                train.append(newsmtsc_target(v["sentence_normalized"], t, rid))
    test = []
    with open(os.path.join(src, "hf_splits", "mt_test.jsonl"), encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if line.strip():
                v = json.loads(line)
                test.append(newsmtsc_target(v["sentence"], v, v.get("id") or str(line_no)))
    write(os.path.join(out, "train.jsonl"), train)
    write(os.path.join(out, "test.jsonl"), test)


# --- IBM Debater Claim Stance --------------------------------------------------------------------
def claimstance(csv_path, out_root):
    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    recs = {"train": [], "test": []}
    for r in rows:
        label = r["claims.stance"].strip()
        text = r["claims.claimCorrectedText"].strip()
        if label not in ("PRO", "CON") or not text:
            continue
        recs[r["split"]].append({"id": f"c{r['claims.claimId']}", "text": text, "label": label,
                                 "target": r["topicTarget"].strip()})
    for split in recs:
        recs[split].sort(key=lambda r: int(r["id"][1:]))
    # Official split: the 30 test topics are unseen in training.
    write(os.path.join(out_root, "claim_unseen", "train.jsonl"), recs["train"])
    write(os.path.join(out_root, "claim_unseen", "test.jsonl"), recs["test"])
    # Within-topic split: the 25 training topics only, 70/30 per topic, stratified by label.
    tr, te = stratified_split(recs["train"], key=lambda r: (r["target"], r["label"]))
    tr.sort(key=lambda r: int(r["id"][1:]))
    te.sort(key=lambda r: int(r["id"][1:]))
    write(os.path.join(out_root, "claim_within", "train.jsonl"), tr)
    write(os.path.join(out_root, "claim_within", "test.jsonl"), te)


# --- UCI Sentiment Labelled Sentences (as shipped in npm sentiment@5.0.2) -------------------------
def uci(fixtures, out):
    recs = []
    for source in ("amazon", "imdb", "yelp"):
        with open(os.path.join(fixtures, f"{source}.json"), encoding="utf-8") as f:
            items = json.load(f)
        seen = set()
        for i, it in enumerate(items):
            text = (it.get("text") or "").strip()
            if it.get("class") not in (0, 1) or not text or text in seen:
                continue  # one empty record per file; a few exact duplicate sentences
            seen.add(text)
            recs.append({"id": f"{source}-{i:04d}", "text": text,
                         "label": "positive" if it["class"] == 1 else "negative"})
    train, test = stratified_split(recs, key=lambda r: (r["id"].split("-")[0], r["label"]))
    write(os.path.join(out, "train.jsonl"), train)
    write(os.path.join(out, "test.jsonl"), test)


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("newsmtsc", "claimstance", "uci"):
        sys.exit(__doc__)
    {"newsmtsc": newsmtsc, "claimstance": claimstance, "uci": uci}[sys.argv[1]](*sys.argv[2:])
