#!/usr/bin/env python3
"""Synthetic short review sentences (SST-2-sized): about 10 words each, two labels.

    python3 bench/gen_reviews.py N OUT.jsonl [--seed S]

Writes N JSONL records {"id", "text", "label"} with labels negative / positive (about 45 / 55 %),
the shape of SST-2's sentences. Only the standard library is used; nothing it writes is kept
under version control (bench/data is ignored).

As bench/gen_corpus.py, the "language" (background words, each label's cue words) comes from a
fixed seed and --seed only drives the sampling, so a training and a test set share it. A
sentence is 5-13 background words (Zipf-distributed) with one or two cue words; one cue in six
is negated ("not good"), which flips what it says, so word bigrams matter; 4 % of the labels
are replaced by a random label, so a TF-IDF + logistic regression model reaches about 0.95
accuracy. Output is byte-identical for the same N and seed.
"""

import json
import os
import random
import sys
from itertools import accumulate

LANGUAGE_SEED = 20261206
LABELS = ("negative", "positive")
POSITIVE_SHARE = 0.55
LABEL_NOISE = 0.04
NEGATION = 1 / 6
OWN_POOL = 0.92

BACKGROUND = (
    "the a and of to is it this that in film movie with for as its but an on story be his one "
    "by are at all more about from has you like so than who what characters director script "
    "performance plot cast time way there just even into much out some their most which while "
    "scenes comedy drama audience picture work moments screen acting music ending minutes "
    "feels seems makes could would little every both hour long"
).split()

CUES = {
    "positive": "good great funny moving charming beautiful brilliant fresh smart touching "
    "engaging delightful wonderful enjoyable clever warm powerful witty gorgeous solid",
    "negative": "bad dull boring flat tedious stupid mess awful weak lame predictable "
    "pointless clumsy tiresome bland shallow unfunny painful forgettable sloppy",
}

ONSETS = "b c d f g h k l m n p r s t v w br cr fl gr pl pr st tr sh ch".split()
VOWELS = "a e i o u ee oo ai ou".split()
CODAS = ["", "", "n", "r", "s", "l", "t", "ng", "ck", "m"]


def build_language():
    rng = random.Random(LANGUAGE_SEED)
    seen = set(BACKGROUND)
    for cues in CUES.values():
        seen.update(cues.split())

    def pseudo_word():
        while True:
            w = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.choice((2, 3))))
            w += rng.choice(CODAS)
            if w not in seen:
                seen.add(w)
                return w

    background = BACKGROUND + [pseudo_word() for _ in range(12000)]
    bg_cum = list(accumulate(1.0 / (r + 2.0) ** 1.08 for r in range(len(background))))
    pools = {label: CUES[label].split() + [pseudo_word() for _ in range(300)] for label in LABELS}
    cue_words = pools["negative"] + pools["positive"]
    from gen_corpus import cue_distributions

    return background, bg_cum, cue_words, cue_distributions(pools, LABELS, OWN_POOL)


def generate(n, out, seed):
    background, bg_cum, cue_words, cue_dists = build_language()
    rng = random.Random(seed)
    rand, randint, choices = rng.random, rng.randint, rng.choices
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for i in range(n):
            label = LABELS[1] if rand() < POSITIVE_SHARE else LABELS[0]
            words = choices(background, cum_weights=bg_cum, k=randint(5, 13))
            for _ in range(1 if rand() < 0.6 else 2):
                # A negated cue is drawn from the other label's distribution.
                negated = rand() < NEGATION
                said = LABELS[1 - LABELS.index(label)] if negated else label
                cue = choices(cue_words, cum_weights=cue_dists[said], k=1)[0]
                at = int(rand() * (len(words) + 1))
                words[at:at] = ["not", cue] if negated else [cue]
            if rand() < LABEL_NOISE:
                label = LABELS[int(rand() * 2)]
            text = " ".join(words)
            text = text[0].upper() + text[1:] + " ."
            f.write(json.dumps({"id": f"r{seed}-{i}", "text": text, "label": label}) + "\n")


if __name__ == "__main__":
    # The command line is gen_corpus.py's, next to this file.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from gen_corpus import run_cli

    run_cli("gen_reviews.py", __doc__, generate)
