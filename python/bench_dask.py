"""Throughput of `stance predict` on Dask, with 1 and 2 worker processes.

    python python/bench_dask.py [--articles 2000] [--partitions 8] [--workers 1,2] [--cli BIN]

Makes a corpus of generated articles (sentences of the development and sealed articles,
recombined with a fixed seed: `make_corpus`), writes it as Parquet, and for each worker count
starts a `LocalCluster(n_workers=N, processes=True, threads_per_worker=1)`, maps
`stance.dask.write_jsonl` over the partitions and reports the wall time, articles per second
overall and per worker. Each worker runs stance on one thread, so N workers use N cores.
The numbers are in docs/benchmarks.md ("Scaling out").
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import random
import re
import sys
import tempfile
import time
from collections import defaultdict

REPO = pathlib.Path(__file__).resolve().parents[1]
SOURCES = [
    REPO / "datasets/syria/articles/gold.jsonl",
    REPO / "datasets/syria/sealed/articles.jsonl",
]
DATES = [None, "2011", "2012-08-01", "2013-09-10", "2015-10-01", "2016-12-13", "2018-04-14",
         "2019-01-01", "2023-05-07", "2024-12-20"]


def make_corpus(n: int, seed: int = 7) -> list:
    """`n` articles of 3 to 12 sentences drawn from the team's articles, with dates drawn from
    the war's turning points (some undated): the same corpus for the same `n` and `seed`."""
    sentences = []
    for path in SOURCES:
        with open(path, encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                sentences.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20)
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        k = rng.randint(3, 12)
        article = {"id": f"gen-{i:05d}", "text": " ".join(rng.choice(sentences) for _ in range(k))}
        date = rng.choice(DATES)
        if date is not None:
            article["date"] = date
        articles.append(article)
    return articles


def write_corpus(articles: list, directory: pathlib.Path, partitions: int) -> tuple:
    """The corpus as JSONL (for `stance predict`) and as Parquet in `partitions` files (for
    Dask); returns both paths."""
    import pandas as pd

    directory.mkdir(parents=True, exist_ok=True)
    jsonl = directory / "corpus.jsonl"
    with open(jsonl, "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    frame = pd.DataFrame(articles, columns=["id", "text", "date"])
    parquet = directory / "corpus.parquet"
    parquet.mkdir(exist_ok=True)
    size = -(-len(frame) // partitions)
    for p in range(partitions):
        part = frame.iloc[p * size:(p + 1) * size]
        part.to_parquet(parquet / f"part-{p:05d}.parquet", index=False)
    return jsonl, parquet


def run(parquet: pathlib.Path, out_dir: pathlib.Path, workers: int) -> dict:
    """One run on a fresh local cluster of `workers` processes; wall time and per-partition
    statistics."""
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    import stance
    import stance.dask

    with LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.run(stance.set_threads, 1)
        # Load the model on every worker before the clock starts: the time is prediction's.
        client.run(stance.dask.warm)
        corpus = dd.read_parquet(str(parquet))
        start = time.perf_counter()
        parts = stance.dask.write_jsonl(corpus, str(out_dir))
        wall = time.perf_counter() - start
    return {"workers": workers, "wall": wall, "parts": parts}


def report(result: dict) -> str:
    per_worker = defaultdict(lambda: [0, 0.0])
    for p in result["parts"]:
        per_worker[p["worker"]][0] += p["articles"]
        per_worker[p["worker"]][1] += p["seconds"]
    articles = sum(p["articles"] for p in result["parts"])
    lines = [f"{result['workers']} worker(s): {articles} articles in {result['wall']:.2f} s wall, "
             f"{articles / result['wall']:.0f} articles/s overall"]
    for w, (n, s) in sorted(per_worker.items()):
        lines.append(f"  worker {w}: {n} articles, {s:.2f} s busy, {n / s:.0f} articles/s")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--cli", default=None,
                    help="also time this stance binary on the corpus with --threads 1 and 2")
    ap.add_argument("--out", type=pathlib.Path, default=None,
                    help="working folder (default: a temporary one)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        base = args.out or pathlib.Path(tmp)
        jsonl, parquet = write_corpus(make_corpus(args.articles), base, args.partitions)
        if args.cli:
            import subprocess

            for t in (1, 2):
                start = time.perf_counter()
                subprocess.run([args.cli, "-q", "--threads", str(t), "predict", "--format", "jsonl",
                                "-o", str(base / f"cli-{t}.jsonl"), str(jsonl)], check=True)
                wall = time.perf_counter() - start
                print(f"stance predict --threads {t}: {args.articles} articles in {wall:.2f} s, "
                      f"{args.articles / wall:.0f} articles/s", flush=True)
        for n in (int(x) for x in args.workers.split(",")):
            print(report(run(parquet, base / f"out-{n}", n)), flush=True)
    return 0


if __name__ == "__main__":
    # Run as a script, this file's folder (python/) heads sys.path, where the package's sources
    # without their compiled extension would hide the installed package.
    here = pathlib.Path(__file__).resolve().parent
    sys.path = [p for p in sys.path if pathlib.Path(p or ".").resolve() != here]
    sys.exit(main())
