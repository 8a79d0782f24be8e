//! `stance train --hash-bits`: a hashed model trained by streaming the file, used by classify
//! and evaluate as any other, the same bytes for any thread count, and the settings it refuses.

mod common;
use common::{inspect_json, inspect_table, stance, tiny_data, write};

use std::path::{Path, PathBuf};

use predicates::prelude::*;

/// `n` labelled sentences (JSONL) in three classes, each with a cue word of its class among
/// shared background words, so a model that learns shows it on sentences it has not seen.
fn sentences(n: usize, seed: usize) -> String {
    let cues = [
        ["condemned", "attacked", "denounced", "rejected"],
        ["met", "visited", "discussed", "noted"],
        ["praised", "backed", "welcomed", "supported"],
    ];
    let labels = ["negative", "neutral", "positive"];
    let background = [
        "the",
        "minister",
        "said",
        "on",
        "Monday",
        "city",
        "talks",
        "government",
        "of",
        "a",
        "report",
        "forces",
        "in",
        "after",
        "officials",
        "week",
    ];
    (0..n)
        .map(|i| {
            let x = i * 7919 + seed * 104_729;
            let class = x % 3;
            let mut words: Vec<&str> = (0..6).map(|k| background[(x / 3 + k * 5) % 16]).collect();
            words.insert(2 + x % 3, cues[class][(x / 7) % 4]);
            format!(
                "{{\"id\": \"s{i}\", \"text\": \"{}.\", \"label\": \"{}\"}}\n",
                words.join(" "),
                labels[class]
            )
        })
        .collect()
}

fn train(data: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    stance()
        .args(["train", "-q", "--hash-bits", "14", "--data"])
        .arg(data)
        .arg("--out")
        .arg(out)
        .args(extra)
        .assert()
}

fn data(dir: &Path) -> (PathBuf, PathBuf) {
    (
        write(dir, "train.jsonl", sentences(900, 1).as_bytes()),
        write(dir, "test.jsonl", sentences(150, 2).as_bytes()),
    )
}

#[test]
fn a_hashed_model_classifies_and_evaluates_unseen_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let (train_file, test_file) = data(dir.path());
    let model = dir.path().join("hashed.model");
    train(&train_file, &model, &[]).success();
    let out = stance()
        .args(["evaluate", "--format", "json", "--model"])
        .arg(&model)
        .arg("--data")
        .arg(&test_file)
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let accuracy = report["accuracy"].as_f64().unwrap();
    assert!(accuracy > 0.95, "accuracy {accuracy}");
    let out = stance()
        .args(["classify", "--format", "jsonl", "--model"])
        .arg(&model)
        .arg(&test_file)
        .assert()
        .success();
    let rows: Vec<serde_json::Value> = String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 150);
    assert_eq!(rows[0]["id"], "s0");
    // The card says how the model was made.
    let card = inspect_json(&model);
    assert_eq!(card["features"], 1 << 14);
    assert_eq!(card["hashing"]["bits"], 14);
    assert_eq!(card["hashing"]["function"], "xxh3-signed");
    assert_eq!(card["card"]["examples"], 900);
    assert_eq!(card["options"]["classifier"]["solver"], "sgd");
    assert!(inspect_table(&model).contains("hashed into 2^14 columns"));
    // Explain names a sentence's features from its own strings.
    stance()
        .args([
            "explain",
            "--text",
            "The minister praised the talks.",
            "--model",
        ])
        .arg(&model)
        .assert()
        .success()
        .stdout(predicate::str::contains("prais"));
    stance()
        .args(["explain", "--model"])
        .arg(&model)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("keeps no feature names"));
}

#[test]
fn the_same_seed_writes_the_same_bytes_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let (train_file, _) = data(dir.path());
    let run = |threads: &str, seed: &str, name: &str| {
        let out = dir.path().join(name);
        stance()
            .env("RAYON_NUM_THREADS", threads)
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .args(["train", "-q", "--hash-bits", "12", "--seed", seed, "--data"])
            .arg(&train_file)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        std::fs::read(out).unwrap()
    };
    let one = run("1", "3", "one.model");
    let two = run("2", "3", "two.model");
    assert!(one == two, "the model files differ between 1 and 2 threads");
    let other = run("2", "4", "other.model");
    assert!(
        one != other,
        "another seed, another example order, other weights"
    );
}

#[test]
fn settings_hashing_cannot_honour_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.model");
    let data = tiny_data();
    for (flags, message) in [
        (vec!["--hash-bits", "9"], "9 is not in 10..=26"),
        (vec!["--hash-bits", "27"], "27 is not in 10..=26"),
        (vec!["--hash-bits", "x"], "invalid value"),
        (vec!["--hash-bits", "16", "--min-df", "2"], "--min-df"),
        (vec!["--hash-bits", "16", "--max-df", "0.5"], "--max-df"),
        (
            vec!["--hash-bits", "16", "--max-features", "10"],
            "--max-features",
        ),
        (vec!["--hash-bits", "16", "--cv", "3"], "--cv"),
        (
            vec!["--hash-bits", "16", "--nb-scale", "on"],
            "--nb-scale on",
        ),
        (
            vec!["--hash-bits", "16", "--solver", "lbfgs"],
            "--solver lbfgs",
        ),
        (
            vec!["--hash-bits", "16", "--classifier", "nb"],
            "--classifier",
        ),
    ] {
        stance()
            .args(["train", "--data"])
            .arg(&data)
            .arg("--out")
            .arg(&out)
            .args(&flags)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
        assert!(!out.exists(), "{flags:?} wrote a model");
    }
    // Standard input cannot be read once per epoch.
    stance()
        .args(["train", "--hash-bits", "16", "--data", "-", "--out"])
        .arg(&out)
        .write_stdin(std::fs::read(&data).unwrap())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "standard input cannot be read again",
        ));
}

#[test]
fn a_malformed_record_names_its_line_before_any_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let mut body = sentences(50, 1);
    body.push_str("{\"id\": \"bad\", \"text\": \"no label here\"}\n");
    body.push_str(&sentences(5, 3));
    let file = write(dir.path(), "bad.jsonl", body.as_bytes());
    let out = dir.path().join("m.model");
    train(&file, &out, &[])
        .code(2)
        .stderr(predicate::str::contains("bad.jsonl:51"));
    let broken = write(
        dir.path(),
        "broken.jsonl",
        b"{\"text\": \"a\", \"label\": \"x\"}\n{oops\n",
    );
    train(&broken, &out, &[])
        .code(2)
        .stderr(predicate::str::contains("broken.jsonl:2: invalid JSON"));
    let single = write(
        dir.path(),
        "single.jsonl",
        b"{\"text\": \"a b\", \"label\": \"x\"}\n",
    );
    train(&single, &out, &[])
        .code(2)
        .stderr(predicate::str::contains("a single label"));
    assert!(!out.exists());
}

#[test]
fn predict_explains_a_hashed_model_by_the_sentence_own_features() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("stance.model");
    train(&tiny_data(), &model, &[]).success();
    let article = write(
        dir.path(),
        "a.txt",
        b"Russia said it would keep backing Assad against the rebels.",
    );
    let out = stance()
        .args(["predict", "--format", "json", "--explain", "3", "--model"])
        .arg(&model)
        .arg(&article)
        .assert()
        .success();
    let rows: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let because = &rows[0]["evidence"][0]["because"];
    assert_eq!(because.as_array().unwrap().len(), 3, "{because}");
    // Named by feature strings (a hashed model keeps no vocabulary), not left blank.
    assert!(because[0][0].as_str().unwrap().contains(':'), "{because}");
}
