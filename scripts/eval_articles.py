#!/usr/bin/env python3
"""Scores `stance predict` on gold articles: actor recall / precision and stances right, with the
combined stance and the text reading alone side by side, and the counter-alignment subset apart.

Usage: scripts/eval_articles.py [--model M] [--alignment-weight W] [--min-stance P]
                                [--min-text-stance P] [--json] [-v]
                                [GOLD.jsonl]
       (default datasets/syria/articles/gold.jsonl, the development articles)

An actor counts as found when `predict` reports a row for it (discovered people match by their
name as written); a stance is right when the row's stance equals the gold one. Stance accuracy is
over all gold (article, actor) pairs, so a missed actor counts as a wrong stance. "Counter" is the
gold pairs whose stance differs from the actor's known alignment at the article's date (as
`predict` reports it in `known`; a gold `counter` field wins when the writers gave one).
"""
import json
import subprocess
import sys
from collections import Counter

argv = sys.argv[1:]
verbose = "-v" in argv
as_json = "--json" in argv
argv = [a for a in argv if a not in ("-v", "--json")]
model, weight, min_stance, min_text = "stance", None, None, None
while argv[:1] and argv[0].startswith("--"):
    if argv[0] == "--model":
        model, argv = argv[1], argv[2:]
    elif argv[0] == "--alignment-weight":
        weight, argv = argv[1], argv[2:]
    elif argv[0] == "--min-stance":
        min_stance, argv = argv[1], argv[2:]
    elif argv[0] == "--min-text-stance":
        min_text, argv = argv[1], argv[2:]
    else:
        sys.exit(f"unknown option {argv[0]}")
gold_path = argv[0] if argv else "datasets/syria/articles/gold.jsonl"
binary = "target/release/stance"
cmd = [binary, "predict", "--model", model, "--format", "jsonl", gold_path]
if weight is not None:
    cmd += ["--alignment-weight", weight]
if min_stance is not None:
    cmd += ["--min-stance", min_stance]
if min_text is not None:
    cmd += ["--min-text-stance", min_text]
out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
pred = {}
for line in out.splitlines():
    r = json.loads(line)
    pred[(r["id"], r["actor"])] = r
gold, counter_flag, discovered = {}, {}, set()
for line in open(gold_path, encoding="utf-8"):
    a = json.loads(line)
    for g in a["gold"]:
        key = (a["id"], g["actor"])
        gold[key] = g["stance"]
        if "counter" in g:
            counter_flag[key] = bool(g["counter"])
        if g.get("discovered"):
            discovered.add(key)


def is_counter(k):
    if k in counter_flag:
        return counter_flag[k]
    p = pred.get(k)
    return p is not None and p.get("known") is not None and p["known"] != gold[k]


def score(keys, field):
    keys = list(keys)
    right = sum(1 for k in keys if k in pred and pred[k][field] == gold[k])
    return right, len(keys)


found = [k for k in gold if k in pred]
extra = [k for k in pred if k not in gold]
counter = [k for k in gold if is_counter(k)]
result = {
    "articles": len({k[0] for k in gold}),
    "gold_pairs": len(gold),
    "actor_recall": len(found) / len(gold),
    "actor_precision": len(found) / max(1, len(pred)),
    "discovered_found": (sum(1 for k in discovered if k in pred), len(discovered)),
    "combined": score(gold, "stance"),
    "text_only": score(gold, "text_stance"),
    "counter_combined": score(counter, "stance"),
    "counter_text_only": score(counter, "text_stance"),
    "decided_by_alignment": sum(1 for k in found if pred[k]["decided_by"] == "alignment"),
}
if as_json:
    print(json.dumps(result))
    sys.exit(0)
print(f"articles {result['articles']}, gold (article, actor) pairs {len(gold)}")
print(f"actor recall    {result['actor_recall']:.4f}  ({len(found)}/{len(gold)})")
print(f"actor precision {result['actor_precision']:.4f}  ({len(found)}/{len(pred)} predicted rows)")
d = result["discovered_found"]
if d[1]:
    print(f"discovered people found {d[0] / d[1]:.4f}  ({d[0]}/{d[1]})")
for name in ["combined", "text_only", "counter_combined", "counter_text_only"]:
    r, n = result[name]
    print(f"stances right, {name:18} {r / max(1, n):.4f}  ({r}/{n})")
print(f"rows decided by the alignment: {result['decided_by_alignment']} of {len(found)} found")
by_label = Counter(gold.values())
right_by_label = Counter(v for k, v in gold.items() if k in pred and pred[k]["stance"] == v)
for label in sorted(by_label):
    print(f"  {label:9} {right_by_label[label]}/{by_label[label]}")
if verbose:
    for k in sorted(set(gold) | set(pred)):
        p = pred.get(k)
        if gold.get(k) != (p and p["stance"]):
            print("  ", k, "gold", gold.get(k), "pred", p and p["stance"], "text", p and p["text_stance"],
                  "known", p and p["known"])
