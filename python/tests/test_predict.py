"""Prediction from Python gives what `stance predict` gives for the same articles."""

import json

import pandas as pd
import pytest

import stance
from conftest import jsonl, read_jsonl


def test_the_issue_example():
    rows = stance.Predictor.builtin().predict(["Moscow backed Damascus."])
    assert isinstance(rows, list) and rows
    assert {r["actor"] for r in rows} >= {"Russia"}
    assert all(set(r) == set(stance.PREDICT_COLUMNS) for r in rows)
    assert rows[0]["id"] == "1"


@pytest.fixture(scope="module")
def gold(repo):
    return repo / "datasets/syria/articles/gold.jsonl"


@pytest.mark.parametrize(
    "flags, options",
    [
        ([], {}),
        (["--sentiment", "sentiment", "--rollup"], {"sentiment": True, "rollup": True}),
        (
            ["--no-priors", "--min-stance", "0.6", "--include-sources", "--explain", "2"],
            {"no_priors": True, "min_stance": 0.6, "include_sources": True, "explain": 2},
        ),
        (["--alignment-weight", "0.5", "--include-target"], {"alignment_weight": 0.5, "include_target": True}),
        (["--readings"], {"readings": True}),
    ],
)
def test_same_rows_as_the_cli(cli, gold, flags, options):
    articles = read_jsonl(gold)
    expected = jsonl(cli("predict", "--format", "jsonl", *flags, gold).stdout)
    got = stance.Predictor.builtin(**options).predict(
        [a["text"] for a in articles],
        dates=[a.get("date") for a in articles],
        ids=[a["id"] for a in articles],
    )
    assert len(got) == len(expected) > 100
    assert got == expected


def test_jsonl_bytes_are_the_clis(cli, gold):
    articles = read_jsonl(gold)
    expected = cli("predict", "--format", "jsonl", "--rollup", gold).stdout.encode("utf-8")
    got = stance.Predictor.builtin(rollup=True).predict_jsonl(
        [a["text"] for a in articles], [a.get("date") for a in articles], [a["id"] for a in articles]
    )
    assert got == expected


def test_default_date_and_ids_follow_the_cli(cli, repo, tmp_path):
    texts = [
        "The French foreign minister said Assad must go.",
        "The Emirati foreign minister visited Damascus and praised the government.",
    ]
    path = tmp_path / "undated.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
    for date in ["2013", "2019-01-01"]:
        expected = jsonl(cli("predict", "--format", "jsonl", "--date", date, path).stdout)
        got = stance.Predictor.builtin(date=date).predict(texts)
        assert got == expected and expected


def test_frame_round_trip(cli, gold, tmp_path):
    articles = read_jsonl(gold)[:30]
    del articles[0]["date"]  # an undated article: NaT in the frame, no date in the JSONL
    df = pd.DataFrame(
        {
            "body": [a["text"] for a in articles],
            # Timestamps, as pandas users have them: read as the day they name.
            "published": pd.to_datetime([a.get("date") for a in articles]),
            "key": [a["id"] for a in articles],
        }
    )
    out = stance.Predictor.builtin().predict_frame(df, text="body", date="published", id="key")
    assert list(out.columns) == stance.PREDICT_COLUMNS
    path = tmp_path / "some.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles))
    expected = pd.DataFrame(jsonl(cli("predict", "--format", "jsonl", path).stdout), columns=stance.PREDICT_COLUMNS)
    assert len(out) > 30
    pd.testing.assert_frame_equal(out, expected)
    assert set(out["id"]) <= set(df["key"])
    # Rows -> records -> frame gives the same frame back.
    pd.testing.assert_frame_equal(pd.DataFrame(out.to_dict("records")), out)


def test_missing_text_column_is_named():
    with pytest.raises(stance.StanceError, match='missing column "text"'):
        stance.Predictor.builtin().predict_frame(pd.DataFrame({"body": ["x"]}))


def test_a_bad_date_is_an_error_like_the_clis(cli, tmp_path):
    with pytest.raises(stance.StanceError, match=r"dates\[1\] \(id b\)"):
        stance.Predictor.builtin().predict(["a", "b"], dates=["2016", "2018-13-45"], ids=["a", "b"])
    p = cli("predict", "--date", "2018-13-45", "x.txt", check=False)
    assert p.returncode == 2
    with pytest.raises(stance.StanceError, match="--date"):
        stance.Predictor.builtin(date="2018-13-45")


@pytest.mark.parametrize(
    "flag, value, option",
    [("--min-stance", "2", "min_stance"), ("--alignment-weight", "-1", "alignment_weight")],
)
def test_bad_options_carry_the_clis_message(cli, repo, flag, value, option):
    p = cli("predict", f"{flag}={value}", repo / "examples/aleppo-2016.txt", check=False)
    assert p.returncode == 2
    with pytest.raises(stance.StanceError) as e:
        stance.Predictor.builtin(**{option: float(value)})
    assert str(e.value) in p.stderr
    assert isinstance(e.value, ValueError)


def test_a_missing_model_file_is_an_os_error(cli, tmp_path):
    with pytest.raises(OSError, match="nope.model"):
        stance.Predictor.load(tmp_path / "nope.model")
    with pytest.raises(TypeError, match="rolup"):
        stance.Predictor.builtin(rolup=True)


def test_the_gil_is_released_while_predicting(gold):
    import threading
    import time

    texts = [a["text"] for a in read_jsonl(gold)] * 10
    predictor = stance.Predictor.builtin()
    ticks = 0
    worker = threading.Thread(target=predictor.predict, args=(texts,))
    worker.start()
    while worker.is_alive():
        ticks += 1
        time.sleep(0.002)
    worker.join()
    # Holding the GIL, the call would keep this thread from running any Python until it
    # returned: a tick or two at most, however busy the machine. Released, the loop ticks
    # every few milliseconds of the call (hundreds of times here). A count, not a time, so a
    # loaded machine cannot fail it.
    assert ticks >= 20, ticks


def test_a_saved_model_with_an_extra_lexicon_as_the_cli(cli, tmp_path):
    model = tmp_path / "stance.model"
    stance.Predictor.builtin().save(model)
    lexicon = tmp_path / "extra.json"
    lexicon.write_text(json.dumps({
        "version": 1,
        "target": "Bashar al-Assad",
        "actors": [{
            "name": "Acme Brigade", "kind": "armed_group", "affiliation": None, "role": "actor",
            "gender": None, "aliases": ["Acme Brigade"], "demonyms": [], "capitals": [], "titles": [],
        }],
    }))
    text = "The Acme Brigade vowed to fight on until Assad falls, while Moscow backed Damascus."
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "text": text, "date": "2016-05-01"}) + "\n")
    expected = jsonl(cli("predict", "--format", "jsonl", "--model", model, "--actors", lexicon,
                         "--extend-actors", path).stdout)
    got = stance.Predictor.load(model, lexicon, extend_lexicon=True).predict([text], ["2016-05-01"], ["a"])
    assert got == expected
    assert {"Acme Brigade", "Russia"} <= {r["actor"] for r in got}
    # Saving over something that is not a model is refused, as train --out refuses it.
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    with pytest.raises(stance.StanceError):
        stance.Predictor.builtin().save(notes)
    assert notes.read_text() == "mine"
