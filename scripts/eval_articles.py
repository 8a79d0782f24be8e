#!/usr/bin/env python3
"""Scores `stance predict` on the gold articles: actor recall / precision and stances right.

Usage: scripts/eval_articles.py [--model M] [GOLD.jsonl]   (default datasets/syria/articles/gold.jsonl)
An actor counts as found when `predict` reports a row for it; a stance is right when the row's
stance equals the gold one. Stance accuracy is over all gold (article, actor) pairs, so a missed
actor counts as a wrong stance.
"""
import json
import subprocess
import sys
from collections import Counter

args = [a for a in sys.argv[1:] if a != "-v"]
model = "stance"
if args[:1] == ["--model"]:
    model, args = args[1], args[2:]
gold_path = args[0] if args else "datasets/syria/articles/gold.jsonl"
binary = "target/release/stance"
out = subprocess.run([binary, "predict", "--model", model, "--format", "jsonl", gold_path],
                     check=True, capture_output=True, text=True).stdout
pred = {}
for line in out.splitlines():
    r = json.loads(line)
    pred[(r["id"], r["actor"])] = r["stance"]
gold = {}
for line in open(gold_path, encoding="utf-8"):
    a = json.loads(line)
    for g in a["gold"]:
        gold[(a["id"], g["actor"])] = g["stance"]
found = sum(1 for k in gold if k in pred)
right = sum(1 for k, v in gold.items() if pred.get(k) == v)
extra = [k for k in pred if k not in gold]
by_label = Counter(v for v in gold.values())
right_by_label = Counter(v for k, v in gold.items() if pred.get(k) == v)
print(f"articles {len({k[0] for k in gold})}, gold (article, actor) pairs {len(gold)}")
print(f"actor recall    {found / len(gold):.4f}  ({found}/{len(gold)})")
print(f"actor precision {found / max(1, len(pred)):.4f}  ({found}/{len(pred)} predicted rows)")
print(f"stances right   {right / len(gold):.4f}  ({right}/{len(gold)}); of found actors {right / max(1, found):.4f}")
for label in sorted(by_label):
    print(f"  {label:9} {right_by_label[label]}/{by_label[label]}")
if "-v" in sys.argv:
    for k in sorted(set(gold) | set(pred)):
        if gold.get(k) != pred.get(k):
            print("  ", k, "gold", gold.get(k), "pred", pred.get(k))
