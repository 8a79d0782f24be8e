"""Dask: `predict` mapped over the partitions of a 2,000-article corpus on two worker processes
gives, part by part, exactly what one `stance predict` run gives."""

import importlib.util
import pathlib

import pytest

pytest.importorskip("dask.distributed")

# Loaded from its file: putting python/ on sys.path would shadow the installed package with its
# uncompiled sources.
_spec = importlib.util.spec_from_file_location(
    "bench_dask", pathlib.Path(__file__).resolve().parents[1] / "bench_dask.py"
)
bench_dask = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_dask)


def test_two_workers_match_one_cli_run(cli, tmp_path):
    articles = bench_dask.make_corpus(2000)
    assert len(articles) == 2000 and len({a["id"] for a in articles}) == 2000
    jsonl, parquet = bench_dask.write_corpus(articles, tmp_path, partitions=8)
    expected = cli("predict", "--format", "jsonl", jsonl).stdout.encode("utf-8")
    result = bench_dask.run(parquet, tmp_path / "out", workers=2)
    parts = result["parts"]
    assert len(parts) == 8 and sum(p["articles"] for p in parts) == 2000
    # Both processes did work: the partitions were spread, not run in one.
    assert len({p["worker"] for p in parts}) == 2
    import stance.dask

    got = stance.dask.read_parts(str(tmp_path / "out"))
    assert got.count(b"\n") > 2000
    assert got == expected
    print(bench_dask.report(result))
