#!/usr/bin/env python3
"""Turns article-level gold into sentence-level training records (stdlib only).

    python3 scripts/article_records.py [--binary PATH] [SEALED_SET ...]

A gold article says which stance each actor takes in the article, not in which sentence. Where
the article names an actor in exactly one sentence of its own (sentences where it is only inside
another actor's reported words do not count when it has others, as `predict` counts them), that
sentence is the one that shows the stance, and it becomes a training record labelled with the
article's stance. Actors read in several sentences are left out: the article's label does not
say which of them carries it.

Which sentences name the actor, and where, is read by the tool itself (`stance predict
--readings`), so a record's actor span and the other names in it are those `predict` sees. The
records go to datasets/syria/raw/article-sentences.jsonl, which scripts/build_datasets.py splits
by article as it splits the parts by story. Records are dropped when they share eight words in a
row with a text held back from training (a development article, a sealed article not yet scored,
a sealed minimal pair: the same writers telling the same events can share whole phrases, and
those sets must stay unseen; their texts are matched, never their labels) or name an actor held
out of training (the actor-held-out split stays unseen).

Two kinds of article sets go in: the articles written for training (datasets/syria/train-articles/,
by writers who saw no evaluation data), and the sealed sets that have been scored
(datasets/syria/scored.txt): a sealed set becomes training data after its one scoring, never
before, and the sets still to be scored are never read here.
People the lexicon does not know, whom the gold lists as `discovered` (named with an office, as
`predict` finds them), keep that mark on their records.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_datasets import DEV_ARTICLES, HELD_OUT, LEAK_WORDS, words  # noqa: E402

# The sealed sets already scored once, one folder per line (comments start with #).
SCORED = ROOT / "datasets/syria/scored.txt"
# Articles written for training, in the sealed sets' format.
TRAINING = ROOT / "datasets/syria/train-articles"
OUT = ROOT / "datasets/syria/raw/article-sentences.jsonl"
TARGET = "Bashar al-Assad"


def held_back(scored):
    """The texts no training record may share a run of words with: the development articles,
    the sealed sets not yet scored, and the sealed minimal pairs (scored in every release)."""
    files = [ROOT / name for name, _ in DEV_ARTICLES]
    files += [p for p in sorted((ROOT / "datasets/syria").glob("sealed*/articles.jsonl"))
              if p.parent.name not in scored]
    files.append(ROOT / "datasets/syria/sealed/pairs.jsonl")
    return files


def grams_of(files):
    grams = set()
    for path in files:
        for line in path.open(encoding="utf-8"):
            if line.strip():
                w = words(json.loads(line)["text"])
                grams.update(tuple(w[i:i + LEAK_WORDS]) for i in range(len(w) - LEAK_WORDS + 1))
    return grams


def lexicon_actors():
    lexicon = json.load((ROOT / "models/actors.json").open(encoding="utf-8"))
    return lexicon["actors"] if isinstance(lexicon, dict) else lexicon


def held_out_pattern(actors):
    """Every form the lexicon knows a held-out actor by, as one whole-word pattern."""
    forms = set()
    for a in actors:
        if a["name"] in HELD_OUT:
            forms.add(a["name"])
            for key in ("aliases", "demonyms", "capitals", "common"):
                forms.update(a.get(key) or [])
            for t in a.get("titles") or []:
                forms.update(t["forms"])
    forms = sorted((f for f in forms if len(f) >= 3), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")


def main(argv):
    binary = ROOT / "target/release/stance"
    if argv[:1] == ["--binary"]:
        binary, argv = Path(argv[1]), argv[2:]
    scored = [line.strip() for line in SCORED.open(encoding="utf-8")
              if line.strip() and not line.startswith("#")]
    # (name in the records' ids, file): a sealed set by its folder, training articles as "train".
    sets = [(name, ROOT / f"datasets/syria/{name}/articles.jsonl") for name in argv or scored]
    if not argv:
        sets += [("train", p) for p in sorted(TRAINING.glob("*.jsonl"))]
    if not binary.exists():
        sys.exit(f"{binary} is missing: run `cargo build --release` first")
    actors = lexicon_actors()
    grams, held = grams_of(held_back(scored)), held_out_pattern(actors)
    known = {a["name"] for a in actors}
    counts = {"articles": 0, "gold": 0, "not found": 0, "several sentences": 0,
              "not in the lexicon": 0, "held-back overlap": 0, "held-out name": 0,
              "written": 0}
    out = []
    for name, path in sets:
        rows = subprocess.run(
            [str(binary), "predict", "--readings", "--format", "jsonl", "-q", str(path)],
            check=True, capture_output=True, text=True).stdout
        read = {}
        for line in rows.splitlines():
            r = json.loads(line)
            read[(r["id"], r["actor"])] = r
        for line in path.open(encoding="utf-8"):
            if not line.strip():
                continue
            a = json.loads(line)
            counts["articles"] += 1
            for g in a["gold"]:
                counts["gold"] += 1
                if g["actor"] not in known and not g.get("discovered"):
                    counts["not in the lexicon"] += 1
                    continue
                r = read.get((a["id"], g["actor"]))
                if r is None:
                    counts["not found"] += 1
                    continue
                voted = {}
                for s in r["readings"]:
                    if s["voted"]:
                        voted.setdefault(s["start"], s)
                if len(voted) != 1:
                    counts["several sentences"] += 1
                    continue
                s = next(iter(voted.values()))
                text = s["sentence"]
                w = words(text)
                if any(tuple(w[i:i + LEAK_WORDS]) in grams for i in range(len(w) - LEAK_WORDS + 1)):
                    counts["held-back overlap"] += 1
                    continue
                if held.search(text) or g["actor"] in HELD_OUT:
                    counts["held-out name"] += 1
                    continue
                span = [s["mention_span"][0] - s["start"], s["mention_span"][1] - s["start"]]
                assert text[span[0]:span[1]] == s["mention"], (a["id"], g["actor"])
                rec = {
                    "id": f"a-{name}-{a['id']}-{len(out) + 1:05d}",
                    "text": text,
                    "actor": g["actor"],
                    "mention": s["mention"],
                    "span": span,
                    "target": TARGET,
                    "label": g["stance"],
                    "story": f"a-{name}-{a['id']}",
                    "year": int(a["date"][:4]),
                    "counter": r["known"] is not None and r["known"] != g["stance"],
                }
                if g.get("discovered"):
                    rec["discovered"] = True
                out.append(rec)
    counts["written"] = len(out)
    tmp = OUT.with_suffix(".jsonl.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for rec in out:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    tmp.replace(OUT)
    print(" ".join(f"{k}: {v}," for k, v in counts.items()).rstrip(","))


if __name__ == "__main__":
    main(sys.argv[1:])
