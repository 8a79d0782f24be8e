"""classify, train and evaluate from Python give what the command line gives."""

import hashlib
import json
import warnings

import pandas as pd
import pytest

import stance
from conftest import jsonl, read_jsonl


@pytest.fixture(scope="module")
def small_train(repo, tmp_path_factory):
    """600 training records: a model in a second, enough labels of each kind."""
    path = tmp_path_factory.mktemp("data") / "train.jsonl"
    lines = (repo / "datasets/syria/train.jsonl").read_text(encoding="utf-8").splitlines()[:600]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def test_split(repo, tmp_path_factory):
    path = tmp_path_factory.mktemp("data") / "test.jsonl"
    lines = (repo / "datasets/syria/test.jsonl").read_text(encoding="utf-8").splitlines()[:300]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_classify_as_the_cli(cli, repo, test_split):
    expected = jsonl(cli("classify", "--model", "stance", test_split).stdout)
    p = stance.Predictor.builtin()
    assert p.classify(read_jsonl(test_split)) == expected
    assert p.classify(test_split) == expected
    frame = pd.read_json(test_split, lines=True, dtype={"id": str})
    assert p.classify(frame) == expected
    out = p.classify_frame(frame)
    assert list(out.columns) == stance.CLASSIFY_COLUMNS and out.to_dict("records") == expected


def test_classify_with_renamed_fields(cli, tmp_path):
    records = [{"key": "k1", "sentence": "Tehran pledged to stand by Damascus.", "who": "Iran"}]
    path = tmp_path / "renamed.jsonl"
    path.write_text(json.dumps(records[0]) + "\n")
    expected = jsonl(
        cli("classify", "--text-field", "sentence", "--id-field", "key", "--actor-field", "who", path).stdout
    )
    got = stance.Predictor.builtin().classify(records, text="sentence", id="key", actor="who")
    assert got == expected and got[0]["id"] == "k1"


def test_evaluate_report_is_the_clis(cli, test_split):
    expected = json.loads(
        cli("evaluate", "--model", "stance", "--data", test_split, "--format", "json", "--favg", "supports,opposes").stdout
    )
    got = stance.evaluate(read_jsonl(test_split), favg=["supports", "opposes"])
    assert got == expected
    assert set(got) >= {"accuracy", "macro_f1", "classes", "confusion", "favg"}
    assert stance.evaluate(test_split, model="stance", favg=["supports", "opposes"]) == expected


def test_evaluate_with_a_label_map(cli, test_split, tmp_path):
    renamed = [dict(r, label={"supports": "favor", "opposes": "against"}.get(r["label"], r["label"]))
               for r in read_jsonl(test_split)]
    path = tmp_path / "renamed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in renamed))
    expected = json.loads(
        cli("evaluate", "--data", path, "--format", "json", "--label-map", "favor=supports,against=opposes").stdout
    )
    got = stance.evaluate(renamed, label_map={"favor": "supports", "against": "opposes"})
    assert got == expected


def test_train_then_predict_as_the_cli(cli, small_train, test_split, tmp_path):
    cli_model = tmp_path / "cli.model"
    cli("train", "--data", small_train, "--out", cli_model, "--cv", "3", "--c", "2")
    out = tmp_path / "py.model"
    # From the file: the same model, card hashes included.
    p = stance.train(small_train, out, cv=3, c=2.0)
    assert out.exists()
    expected = jsonl(cli("classify", "--model", cli_model, test_split).stdout)
    assert p.classify(test_split) == expected
    assert jsonl(cli("classify", "--model", out, test_split).stdout) == expected
    card = p.card
    assert card["cv"]["folds"] == 3 and card["examples"] == 600
    assert card["data_sha256"] == hashlib.sha256(small_train.read_bytes()).hexdigest()
    # From records in memory (a DataFrame): the same model, hashed as records.
    frame = pd.read_json(small_train, lines=True, dtype={"id": str})
    q = stance.train(frame, cv=3, c=2.0)
    assert q.classify(test_split) == expected
    assert q.card["data_files"] == ["<records>"] and len(q.card["data_sha256"]) == 64
    # And the trained model predicts articles.
    rows = q.predict(["Russian jets kept bombing rebel towns to shore up Assad."], dates=["2016"])
    assert any(r["actor"] == "Russia" for r in rows)


def test_train_options_follow_the_flags(cli, small_train, test_split, tmp_path):
    cli_model = tmp_path / "cli.model"
    cli("train", "--data", small_train, "--out", cli_model, "--char-ngrams", "none",
        "--word-ngrams", "1,1", "--no-stem", "--classifier", "nb", "--min-df", "2")
    p = stance.train(small_train, char_ngrams=None, word_ngrams=(1, 1), stem=False,
                     classifier="nb", min_df=2)
    assert p.classify(test_split) == jsonl(cli("classify", "--model", cli_model, test_split).stdout)


def test_nb_scale_follows_the_flag(cli, small_train, test_split, tmp_path):
    scaled, plain = tmp_path / "on.model", tmp_path / "off.model"
    cli("train", "--data", small_train, "--out", scaled, "--nb-scale", "on")
    cli("train", "--data", small_train, "--out", plain, "--nb-scale", "off")
    on = stance.train(small_train, nb_scale="on").classify(test_split)
    off = stance.train(small_train, nb_scale="off").classify(test_split)
    assert on == jsonl(cli("classify", "--model", scaled, test_split).stdout)
    assert off == jsonl(cli("classify", "--model", plain, test_split).stdout)
    assert on != off
    with pytest.raises(stance.StanceError, match="nb_scale \"maybe\""):
        stance.train(small_train, nb_scale="maybe")


def test_hashed_training_matches_the_cli(cli, small_train, test_split, tmp_path):
    cli_model = tmp_path / "cli.model"
    cli("train", "--data", small_train, "--out", cli_model, "--hash-bits", "12")
    p = stance.train(small_train, hash_bits=12)
    assert p.classify(test_split) == jsonl(cli("classify", "--model", cli_model, test_split).stdout)
    with pytest.raises(stance.StanceError, match="--hash-bits 40"):
        stance.train(small_train, hash_bits=40)
    with pytest.raises(stance.StanceError, match="--min-df"):
        stance.train(small_train, hash_bits=12, min_df=3)


def test_train_refusals(small_train, tmp_path):
    with pytest.raises(stance.StanceError, match="no option called \"colour\""):
        stance.train(small_train, colour="blue")
    with pytest.raises(stance.StanceError, match="classifier \"svm\""):
        stance.train(small_train, classifier="svm")
    with pytest.raises(stance.StanceError, match=r"<records>:2: .*label"):
        stance.train([{"text": "a", "label": "x"}, {"text": "b"}])
    precious = tmp_path / "notes.txt"
    precious.write_text("mine")
    with pytest.raises(stance.StanceError):
        stance.train(small_train, precious)
    assert precious.read_text() == "mine"
    with pytest.raises(stance.StanceError, match="--alignment-weight"):
        stance.train(small_train, alignment_weight=-1.0)


def test_label_warnings_reach_python(small_train):
    records = read_jsonl(small_train)
    records[0]["label"] = "Opposes"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        stance.train(records)
    assert any("differ only in case" in str(w.message) for w in caught)


def test_missing_text_field_names_the_record():
    with pytest.raises(stance.StanceError, match=r'<records>:1: missing field "text"'):
        stance.Predictor.builtin().classify([{"body": "x"}])
