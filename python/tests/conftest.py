"""Shared fixtures: the `stance` binary to compare with, and the repository's data.

`tests/python.rs` (the Rust side of `cargo test --release`) runs pytest with STANCE_BIN set to
the binary cargo built from the same sources; the Python package must answer as that binary does.
"""

import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def stance_bin():
    path = os.environ.get("STANCE_BIN")
    if not path:
        pytest.fail("STANCE_BIN is not set: run these tests through `cargo test --release --test python`")
    return path


@pytest.fixture(scope="session")
def cli(stance_bin):
    """Runs the binary; returns its stdout, or raises with its stderr."""

    def run(*args, check=True):
        p = subprocess.run([stance_bin, "-q", *map(str, args)], capture_output=True, text=True)
        if check and p.returncode != 0:
            raise AssertionError(f"stance {' '.join(map(str, args))}: exit {p.returncode}: {p.stderr}")
        return p

    return run


def jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return jsonl(f.read())
