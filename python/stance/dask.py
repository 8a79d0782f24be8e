"""Scaling out with Dask: `stance predict` mapped over the partitions of a corpus.

The recipe (README, "Scaling out"): read the corpus as a Dask DataFrame (Parquet or JSONL, one
row per article with ``id``, ``text`` and ``date``), give each worker process one thread for
stance's own pool, and write one JSONL part per partition::

    from dask.distributed import Client, LocalCluster
    import dask.dataframe as dd
    import stance, stance.dask

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1) as cluster, \\
            Client(cluster) as client:
        client.run(stance.set_threads, 1)
        corpus = dd.read_parquet("corpus.parquet")
        stats = stance.dask.write_jsonl(corpus, "out/")

The parts, read in order, are byte for byte what one ``stance predict --format jsonl`` run over
the same articles writes: each is written by :meth:`stance.Predictor.predict_jsonl`, the command
line's own line writer. Each worker loads the model once and keeps it (a few hundred
milliseconds); the articles of a partition are analysed on the worker's threads.

Dask is imported only by these functions, so ``import stance`` does not need it.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any, Dict, List, Optional

import stance

#: Predictors made in this process, by their options: a worker loads each model once.
_PREDICTORS: Dict[str, "stance.Predictor"] = {}


def _predictor(model: Optional[str], options: Dict[str, Any]) -> "stance.Predictor":
    key = json.dumps([model, options], sort_keys=True, default=str)
    if key not in _PREDICTORS:
        if model is None:
            _PREDICTORS[key] = stance.Predictor.builtin(**options)
        else:
            _PREDICTORS[key] = stance.Predictor.load(model, **options)
    return _PREDICTORS[key]


def warm(model: Optional[str] = None, **options: Any) -> None:
    """Loads the predictor a worker will use (``client.run(stance.dask.warm)``), so the first
    partition's time is prediction's, not loading's."""
    _predictor(model, options)


def predict_partition(
    df,
    *,
    text: str = "text",
    date: Optional[str] = "date",
    id: Optional[str] = "id",
    model: Optional[str] = None,
    **options: Any,
):
    """The rows of one partition of articles, as a DataFrame with
    :data:`stance.PREDICT_COLUMNS`: the function to map over partitions
    (``ddf.map_partitions(predict_partition, meta=...)``). ``model`` is a model file (default:
    the built-in one); ``options`` are :class:`stance.Predictor`'s."""
    return _predictor(model, options).predict_frame(df, text=text, date=date, id=id)


def _write_part(df, path: str, columns: Dict[str, Any], model, options) -> Dict[str, Any]:
    start = time.perf_counter()
    predictor = _predictor(model, options)
    out = predictor.predict_jsonl(
        df[columns["text"]].tolist(),
        dates=df[columns["date"]].tolist() if columns["date"] in df.columns else None,
        ids=df[columns["id"]].tolist() if columns["id"] in df.columns else None,
    )
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(out)
    os.replace(tmp, path)  # a part is complete or absent
    try:
        from distributed import get_worker

        worker = get_worker().name
    except (ImportError, ValueError):
        worker = f"pid {os.getpid()}"
    return {
        "part": os.path.basename(path),
        "worker": str(worker),
        "articles": len(df),
        "rows": out.count(b"\n"),
        "seconds": time.perf_counter() - start,
    }


def write_jsonl(
    ddf,
    out_dir: str,
    *,
    text: str = "text",
    date: str = "date",
    id: str = "id",
    model: Optional[str] = None,
    **options: Any,
) -> List[Dict[str, Any]]:
    """Predicts every partition of the Dask DataFrame ``ddf`` on the current Dask client and
    writes ``out_dir/part-00000.jsonl``, ... one per partition, in partition order. Returns one
    record per partition: its worker, articles, rows and seconds spent, for throughput."""
    import dask

    os.makedirs(out_dir, exist_ok=True)
    columns = {"text": text, "date": date, "id": id}
    tasks = [
        dask.delayed(_write_part)(
            part, os.path.join(out_dir, f"part-{i:05d}.jsonl"), columns, model, options
        )
        for i, part in enumerate(ddf.to_delayed())
    ]
    return list(dask.compute(*tasks))


def read_parts(out_dir: str) -> bytes:
    """The parts of ``out_dir``, concatenated in order: one `stance predict --format jsonl`
    output."""
    names = sorted(n for n in os.listdir(out_dir) if n.startswith("part-") and n.endswith(".jsonl"))
    chunks = []
    for n in names:
        with open(os.path.join(out_dir, n), "rb") as f:
            chunks.append(f.read())
    return b"".join(chunks)
