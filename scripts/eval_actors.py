#!/usr/bin/env python3
"""Scores actor finding (`stance predict`'s rows) on passages with expected actors written down
before any tool run: datasets/actors/dev.jsonl (development) or any file of that form.

Usage: scripts/eval_actors.py [--json] [-v] [FILE.jsonl]
(STANCE_BIN names the binary to score; default target/release/stance.)

Scoring follows datasets/actors/README.md: Bashar al-Assad and the Syrian government are ignored;
a state or body that is only the affiliation of a listed actor (a person acting in its office) is
neither a hit nor an error unless the passage lists it as a trap; discovered people match by name.
Gold articles (datasets/syria/articles/*.jsonl, `gold` instead of `actors`) are read too.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
argv = sys.argv[1:]
verbose = "-v" in argv
as_json = "--json" in argv
argv = [a for a in argv if a not in ("-v", "--json")]
path = argv[0] if argv else str(ROOT / "datasets/actors/dev.jsonl")
IGNORED = {"Bashar al-Assad", "Syrian government"}

lexicon = json.load(open(ROOT / "models/actors.json", encoding="utf-8"))
affiliation = {a["name"]: a.get("affiliation") for a in lexicon["actors"]}


def ancestors(name):
    out = set()
    for _ in range(8):
        name = affiliation.get(name)
        if not name:
            break
        out.add(name)
    return out


passages = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
binary = os.environ.get("STANCE_BIN", str(ROOT / "target/release/stance"))
out = subprocess.run([binary, "predict", "--format", "jsonl", "-q", path],
                     check=True, capture_output=True, text=True).stdout
pred = {}
for line in out.splitlines():
    r = json.loads(line)
    pred.setdefault(r["id"], set()).add(r["actor"])

hits = expected_n = reported_n = disc_hits = disc_n = trap_hits = trap_n = 0
misses, extras = [], []
for p in passages:
    expected = p.get("actors") or p.get("gold") or []
    names = {e["actor"] for e in expected} - IGNORED
    discovered = {e["actor"] for e in expected if e.get("discovered")}
    traps = set(p.get("not_actors", [])) - names
    # Affiliations of listed actors: what a person does in office is its state's too.
    covered = set()
    for e in expected:
        covered |= ancestors(e["actor"])
        if e.get("affiliation"):
            covered.add(e["affiliation"])
            covered |= ancestors(e["affiliation"])
    got = pred.get(p["id"], set()) - IGNORED
    scored = {g for g in got if g in names or g in traps or g not in covered}
    hits += len(names & got)
    expected_n += len(names)
    reported_n += len(scored)
    disc_hits += len(discovered & got)
    disc_n += len(discovered)
    trap_hits += len(traps & got)
    trap_n += len(traps)
    misses += [(p["id"], n) for n in sorted(names - got)]
    extras += [(p["id"], n) for n in sorted(scored - names)]

result = {
    "passages": len(passages),
    "recall": hits / max(1, expected_n),
    "precision": hits / max(1, reported_n),
    "discovered_found": disc_hits / max(1, disc_n),
    "traps_reported": trap_hits / max(1, trap_n),
    "counts": {"expected": expected_n, "found": hits, "reported": reported_n, "discovered": disc_n,
               "discovered_found": disc_hits, "traps": trap_n, "traps_reported": trap_hits},
}
if as_json:
    print(json.dumps(result))
    sys.exit(0)
c = result["counts"]
print(f"{path}: {len(passages)} passages")
print(f"actor recall     {result['recall']:.4f}  ({c['found']}/{c['expected']})")
print(f"actor precision  {result['precision']:.4f}  ({c['found']}/{c['reported']} scored rows)")
if c["discovered"]:
    print(f"discovered found {result['discovered_found']:.4f}  ({c['discovered_found']}/{c['discovered']})")
if c["traps"]:
    print(f"traps reported   {result['traps_reported']:.4f}  ({c['traps_reported']}/{c['traps']})")
if verbose:
    for k in misses:
        print("  missed", *k)
    for k in extras:
        print("  extra ", *k)
