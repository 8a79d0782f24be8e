#!/usr/bin/env python3
"""Scores a stance model record by record, on a split and on its counter-alignment subset, and
minimal pairs (both members right).

Usage: scripts/eval_text.py [--model M] [--alignment-weight W] [--json] FILE.jsonl [FILE.jsonl ...]

Each record is labelled with `stance classify` (which gives the model the actor's known alignment
only if the model was trained with `--prior-features`; the built-in text model never sees it):
that is the text reading. The combined reading applies `predict`'s rule to the same scores (the
known label's probability times e^W, renormalised; W is the model's own, read from `stance inspect`,
as `predict` uses it), so both are scored on the same records.
A record is counter-alignment when its label differs from the actor's known alignment at its
year, computed from models/actors.json exactly as the tool does (own periods, else the
affiliation's; none when the periods meeting the year disagree); a `counter` field in the record
is not trusted, so every split is scored by the same rule. Records sharing a `pair` value are a
minimal pair: the pair is right when both members are.
"""
import json
import math
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
argv = sys.argv[1:]
as_json = "--json" in argv
argv = [a for a in argv if a != "--json"]
model, weight = "stance", None
while argv[:1] and argv[0] in ("--model", "--alignment-weight"):
    if argv[0] == "--model":
        model = argv[1]
    else:
        weight = float(argv[1])
    argv = argv[2:]
if not argv:
    sys.exit(__doc__)
if weight is None:
    # The weight the model carries, the one `predict` uses.
    card = subprocess.run([str(ROOT / "target/release/stance"), "inspect", "--format", "json",
                           "--model", model], capture_output=True, text=True, check=True)
    weight = json.loads(card.stdout)["alignment_weight"]

lexicon = json.load(open(ROOT / "models/actors.json", encoding="utf-8"))
actors = {a["name"]: a for a in lexicon["actors"]}


def known(name, year):
    span = (f"{year:04d}-01-01", f"{year + 1:04d}-01-01")
    for _ in range(8):
        a = actors.get(name)
        if a is None:
            return None
        if a.get("alignment"):
            hits = [p["stance"] for p in a["alignment"]
                    if (p["from"] is None or p["from"] < span[1]) and (p["to"] is None or span[0] < p["to"])]
            return hits[0] if hits and all(h == hits[0] for h in hits) else None
        name = a.get("affiliation")
    return None


def macro_f1(pairs):
    labels = sorted({g for g, _ in pairs} | {p for _, p in pairs})
    f1s = []
    for c in labels:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        fp = sum(1 for g, p in pairs if g != c and p == c)
        fn = sum(1 for g, p in pairs if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


results = {}
for path in argv:
    records = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    out = subprocess.run([str(ROOT / "target/release/stance"), "classify", "--model", model, "-q", path],
                         check=True, capture_output=True, text=True).stdout
    scored = [json.loads(l) for l in out.splitlines()]
    assert len(scored) == len(records), (len(scored), len(records))
    preds = [s["label"] for s in scored]
    combined = []
    for r, s in zip(records, scored):
        k = known(r["actor"], int(r.get("year", 0) or 0))
        scores = dict(s["scores"])
        if k in scores:
            scores[k] *= math.exp(weight)
        combined.append(max(sorted(scores), key=lambda c: scores[c]))
    all_pairs = [(r["label"], p) for r, p in zip(records, preds)]
    is_counter = [(k := known(r["actor"], int(r.get("year", 0) or 0))) is not None and k != r["label"]
                  for r in records]
    counter = [(r["label"], p) for r, p, c in zip(records, preds, is_counter) if c]
    all_combined = [(r["label"], p) for r, p in zip(records, combined)]
    counter_combined = [(r["label"], p) for r, p, c in zip(records, combined, is_counter) if c]
    groups = defaultdict(list)
    for r, p in zip(records, preds):
        if r.get("pair"):
            groups[r["pair"]].append(r["label"] == p)
    res = {
        "records": len(records),
        "macro_f1": macro_f1(all_pairs),
        "accuracy": sum(g == p for g, p in all_pairs) / len(all_pairs),
        "counter_records": len(counter),
        "counter_macro_f1": macro_f1(counter) if counter else None,
        "counter_accuracy": sum(g == p for g, p in counter) / len(counter) if counter else None,
        "combined_macro_f1": macro_f1(all_combined),
        "counter_combined_macro_f1": macro_f1(counter_combined) if counter else None,
        "counter_combined_accuracy": sum(g == p for g, p in counter_combined) / len(counter) if counter else None,
        "pairs": len(groups),
        "pair_members_right": sum(sum(v) for v in groups.values()),
        "pairs_both_right": sum(1 for v in groups.values() if all(v)),
    }
    results[path] = res
    if not as_json:
        print(f"{path}: {res['records']} records, text macro-F1 {res['macro_f1']:.4f}"
              f" (accuracy {res['accuracy']:.4f}), combined macro-F1 {res['combined_macro_f1']:.4f}")
        if counter:
            print(f"  counter-alignment: {res['counter_records']} records, text macro-F1 {res['counter_macro_f1']:.4f}"
                  f" (accuracy {res['counter_accuracy']:.4f}), combined macro-F1 {res['counter_combined_macro_f1']:.4f}"
                  f" (accuracy {res['counter_combined_accuracy']:.4f})")
        if groups:
            members = sum(len(v) for v in groups.values())
            print(f"  minimal pairs: {res['pairs']}, members right {res['pair_members_right']}/{members}"
                  f" ({res['pair_members_right'] / members:.4f}), both right {res['pairs_both_right']}"
                  f" ({res['pairs_both_right'] / res['pairs']:.4f})")
if as_json:
    print(json.dumps(results))
