//! Integration tests through the real binary: train, classify, evaluate, cv, inspect, explain,
//! and the errors users meet.

mod common;
use common::{inspect_json, inspect_table, stance, write};

use std::path::{Path, PathBuf};

use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Trains a model on the tiny written set into `dir`.
fn tiny_model(dir: &Path) -> PathBuf {
    train_tiny(dir, "tiny.model", &[])
}

/// Trains on the tiny written set into `dir/name`, with `flags` added.
fn train_tiny(dir: &Path, name: &str, flags: &[&str]) -> PathBuf {
    let out = dir.join(name);
    stance()
        .args(["train", "-q", "--min-df", "1"])
        .args(flags)
        .arg("--data")
        .arg(fixture("tiny_stance.jsonl"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    out
}

/// `stance inspect --format json` of a model file.
#[test]
fn train_classify_evaluate_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let out = stance()
        .args(["classify", "--model"])
        .arg(&model)
        .arg(fixture("tiny_stance.jsonl"))
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 36, "one output per input record");
    assert_eq!(lines[0]["id"], "t01");
    assert_eq!(lines[35]["id"], "t36");
    for l in &lines {
        let sum: f64 = l["scores"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_f64().unwrap())
            .sum();
        assert!((sum - 1.0).abs() < 1e-3);
    }
    // The model fits its own training data.
    let correct = lines
        .iter()
        .filter(|l| {
            l["label"]
                == (if l["id"].as_str().unwrap() <= "t12" {
                    "supports"
                } else if l["id"].as_str().unwrap() <= "t24" {
                    "opposes"
                } else {
                    "neutral"
                })
        })
        .count();
    assert!(correct >= 33, "{correct}/36 right on training data");
    let report = stance()
        .args(["evaluate", "--format", "json", "--model"])
        .arg(&model)
        .arg("--data")
        .arg(fixture("tiny_stance.jsonl"))
        .assert()
        .success();
    let r: serde_json::Value = serde_json::from_slice(&report.get_output().stdout).unwrap();
    assert!(r["accuracy"].as_f64().unwrap() > 0.9);
    assert_eq!(
        r["labels"],
        serde_json::json!(["neutral", "opposes", "supports"])
    );
}

#[test]
fn classify_formats_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let input = "{\"id\":\"a\",\"text\":\"Moscow vetoed the resolution and defended Assad.\",\"actor\":\"Russia\"}\n{\"id\":\"b\",\"text\":\"Paris condemned Assad and imposed sanctions.\",\"actor\":\"France\"}\n";
    stance()
        .args(["classify", "--format", "csv", "--model"])
        .arg(&model)
        .arg("-")
        .write_stdin(input)
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with(
                "id,label,score_neutral,score_opposes,score_supports\na,supports,",
            )
            .and(predicate::str::contains("\nb,opposes,")),
        );
    let out = stance()
        .args(["classify", "--format", "json", "--model"])
        .arg(&model)
        .arg("-")
        .write_stdin(input)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
}

#[test]
fn cv_is_deterministic_across_thread_counts() {
    let run = |threads: &str, seed: &str| {
        let out = stance()
            .args([
                "cv",
                "--min-df",
                "1",
                "--folds",
                "3",
                "--format",
                "json",
                "--threads",
                threads,
                "--seed",
                seed,
                "--data",
            ])
            .arg(fixture("tiny_stance.jsonl"))
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let a = run("1", "5");
    assert_eq!(a, run("2", "5"));
    let r: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(r["fold_macro_f1"].as_array().unwrap().len(), 3);
    assert_eq!(r["pooled"]["n"], 36);
}

#[test]
fn cv_writes_each_records_out_of_fold_prediction() {
    let dir = tempfile::tempdir().unwrap();
    let oof = dir.path().join("oof.jsonl");
    let out = stance()
        .args(["cv", "--min-df", "1", "--folds", "3", "--format", "json"])
        .arg("--predictions")
        .arg(&oof)
        .arg("--data")
        .arg(fixture("tiny_stance.jsonl"))
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&oof)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let input: Vec<serde_json::Value> = std::fs::read_to_string(fixture("tiny_stance.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), input.len());
    let mut per_fold = [0usize; 3];
    for (p, r) in lines.iter().zip(&input) {
        assert_eq!(p["id"], r["id"], "input order");
        assert_eq!(p["gold"], r["label"]);
        per_fold[p["fold"].as_u64().unwrap() as usize] += 1;
        let c = p["confidence"].as_f64().unwrap();
        assert!(c > 0.0 && c <= 1.0);
    }
    assert!(per_fold.iter().all(|&n| n > 0), "{per_fold:?}");
    // The pooled report is computed from exactly these predictions.
    let right = lines.iter().filter(|p| p["gold"] == p["label"]).count();
    let accuracy = report["pooled"]["accuracy"].as_f64().unwrap();
    assert!((accuracy - right as f64 / lines.len() as f64).abs() < 1e-9);
    // An input is never overwritten by the predictions.
    let copy = dir.path().join("data.jsonl");
    std::fs::copy(fixture("tiny_stance.jsonl"), &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    stance()
        .args(["cv", "--min-df", "1", "--folds", "3", "--predictions"])
        .arg(&copy)
        .arg("--data")
        .arg(&copy)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&copy).unwrap(), before);
}

#[test]
fn cv_trains_on_train_only_records_and_scores_only_the_data() {
    let dir = tempfile::tempdir().unwrap();
    // The fixture's records three times over with their labels turned around: if they train,
    // the out-of-fold readings of the fixture follow them and its scores fall.
    fn flip(l: &str) -> &str {
        match l {
            "supports" => "opposes",
            "opposes" => "supports",
            other => other,
        }
    }
    let mut inverted = String::new();
    for copy in 0..3 {
        for line in std::fs::read_to_string(fixture("tiny_stance.jsonl"))
            .unwrap()
            .lines()
        {
            let mut r: serde_json::Value = serde_json::from_str(line).unwrap();
            let label = flip(r["label"].as_str().unwrap()).to_string();
            r["label"] = label.into();
            r["id"] = format!("x{copy}-{}", r["id"].as_str().unwrap()).into();
            inverted.push_str(&format!("{r}\n"));
        }
    }
    let extra = dir.path().join("inverted.jsonl");
    std::fs::write(&extra, inverted).unwrap();
    let run = |with: bool| {
        let mut cmd = stance();
        cmd.args(["cv", "--min-df", "1", "--folds", "3", "--format", "json"])
            .arg("--data")
            .arg(fixture("tiny_stance.jsonl"));
        if with {
            cmd.arg("--train-only").arg(&extra);
        }
        let out = cmd.assert().success();
        serde_json::from_slice::<serde_json::Value>(&out.get_output().stdout).unwrap()
    };
    let (plain, with) = (run(false), run(true));
    // Only the fixture's 36 records are scored, in both runs.
    assert_eq!(plain["pooled"]["n"], 36);
    assert_eq!(with["pooled"]["n"], 36);
    assert_eq!(plain["train_only"], 0);
    assert_eq!(with["train_only"], 108);
    let f1 = |r: &serde_json::Value| r["macro_f1_mean"].as_f64().unwrap();
    assert!(
        f1(&with) < f1(&plain) - 0.2,
        "{} -> {}",
        f1(&plain),
        f1(&with)
    );
    // The table says what trained, and a repeat of a scored record is warned about.
    stance()
        .args(["cv", "--min-df", "1", "--folds", "3", "--data"])
        .arg(fixture("tiny_stance.jsonl"))
        .arg("--train-only")
        .arg(&extra)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "36 records (and 108 train-only records in the training folds)",
        ))
        .stderr(predicate::str::contains("108 --train-only records repeat"));
}

#[test]
fn inspect_prints_what_train_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let bytes = std::fs::read(fixture("tiny_stance.jsonl")).unwrap();
    let hash = stance::model::file::sha256_hex(&bytes);
    let v = inspect_json(&model);
    assert_eq!(v["card"]["data_sha256"], hash.as_str());
    assert_eq!(v["card"]["examples"], 36);
    assert_eq!(v["card"]["label_counts"]["supports"], 12);
    assert_eq!(
        v["options"]["vectorizer"]["min_df"],
        serde_json::json!({"Count": 1})
    );
    assert_eq!(
        v["labels"],
        serde_json::json!(["neutral", "opposes", "supports"])
    );
}

#[test]
fn inspect_reports_the_alignment_weight_predict_will_use() {
    let dir = tempfile::tempdir().unwrap();
    let default = inspect_json(&train_tiny(dir.path(), "default", &[]));
    assert_eq!(
        default["alignment_weight"],
        stance::pipeline::DEFAULT_ALIGNMENT_WEIGHT
    );
    let chosen = train_tiny(dir.path(), "chosen", &["--alignment-weight", "0.7"]);
    assert_eq!(inspect_json(&chosen)["alignment_weight"], 0.7);
    assert!(inspect_table(&chosen).contains("alignment weight  0.7"));
}

#[test]
fn the_sgd_solver_is_chosen_seeded_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let train = |seed: &str, threads: &str, out: &str| {
        let flags = [
            "--solver",
            "sgd",
            "--epochs",
            "3",
            "--seed",
            seed,
            "--threads",
            threads,
        ];
        train_tiny(dir.path(), out, &flags)
    };
    let (a, b, c) = (
        train("4", "1", "a"),
        train("4", "2", "b"),
        train("5", "2", "c"),
    );
    let v = inspect_json(&a);
    assert_eq!(v["options"]["classifier"]["solver"], "sgd");
    assert_eq!(v["options"]["classifier"]["epochs"], 3);
    assert_eq!(v["convergence"]["iterations"], 3);
    // Small data: "auto" would have kept character n-grams (and L-BFGS).
    assert_eq!(
        v["options"]["extract"]["char_ngrams"],
        serde_json::json!([2, 5])
    );
    let weights = |m: &Path| {
        let model = stance::StanceModel::load(m).unwrap();
        model.classifier.linear_weights().unwrap().0.to_vec()
    };
    assert_eq!(weights(&a), weights(&b), "the thread count changes nothing");
    assert_ne!(weights(&a), weights(&c), "the seed orders the examples");
    stance()
        .args(["train", "-q", "--solver", "sgd", "--epochs", "0", "--out"])
        .arg(dir.path().join("d"))
        .arg("--data")
        .arg(fixture("tiny_stance.jsonl"))
        .assert()
        .code(2);
}

#[test]
fn explain_top_features_and_contributions() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let out = stance()
        .args(["explain", "--format", "json", "--top", "40", "--model"])
        .arg(&model)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let feats = |label: &str| -> Vec<String> {
        v[label]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["feature"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        feats("opposes")
            .iter()
            .any(|f| f == "w:condemn" || f == "k:condemn"),
        "{:?}",
        feats("opposes")
    );
    assert!(
        feats("neutral")
            .iter()
            .any(|f| f.contains("meet") || f.contains("travel")),
        "{:?}",
        feats("neutral")
    );
    assert!(
        feats("supports")
            .iter()
            .any(|f| f.contains("defend") || f.contains("prais") || f.contains("back")),
        "{:?}",
        feats("supports")
    );
    // Contributions of one prediction sum, with the bias, to its score.
    let out = stance()
        .args(["explain", "--format", "json", "--top", "100000", "--model"])
        .arg(&model)
        .args(["--text", "Ankara condemned the siege.", "--actor", "Turkey"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    for label in ["neutral", "opposes", "supports"] {
        let l = &v["labels"][label];
        let sum: f64 = l["contributions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["contribution"].as_f64().unwrap())
            .sum::<f64>()
            + l["bias"].as_f64().unwrap();
        assert!((sum - l["score"].as_f64().unwrap()).abs() < 1e-9);
    }
    assert_eq!(v["prediction"], "opposes");
}

#[test]
fn malformed_records_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, &[u8], &str)> = vec![
        (
            "bad.jsonl",
            b"{\"text\":\"a\",\"label\":\"x\"}\n{\"text\":\"b\",\"label\":\n",
            "bad.jsonl:2: invalid JSON",
        ),
        (
            "nolabel.jsonl",
            b"{\"text\":\"a\",\"label\":\"x\"}\n{\"text\":\"b\"}\n",
            "nolabel.jsonl:2: missing field \"label\"",
        ),
        (
            "notext.jsonl",
            b"{\"label\":\"x\"}\n",
            "notext.jsonl:1: missing field \"text\"",
        ),
        (
            "utf8.jsonl",
            b"{\"text\":\"a\",\"label\":\"x\"}\n{\"text\":\"\xff\xfe\",\"label\":\"y\"}\n",
            "utf8.jsonl:2: invalid UTF-8",
        ),
        ("empty.jsonl", b"", "empty.jsonl: no records"),
        (
            "single.jsonl",
            b"{\"text\":\"a b\",\"label\":\"x\"}\n{\"text\":\"a c\",\"label\":\"x\"}\n",
            "single label",
        ),
        (
            "quote.csv",
            b"text,label\n\"unterminated,x\n",
            "quote.csv:2",
        ),
        (
            "binary.jsonl",
            b"\x00\x01\x02\x89PNG\r\n\x1a\n",
            "binary.jsonl:1:",
        ),
    ];
    for (name, content, expected) in cases {
        let p = write(dir.path(), name, content);
        stance()
            .args(["train", "--min-df", "1", "--out"])
            .arg(dir.path().join("m.model"))
            .arg("--data")
            .arg(&p)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(expected));
        assert!(
            !dir.path().join("m.model").exists(),
            "{name}: no model written on error"
        );
    }
}

#[test]
fn usage_errors_exit_two() {
    stance().args(["train", "--bogus"]).assert().code(2);
    stance()
        .args([
            "train",
            "--data",
            "/no/such/file.jsonl",
            "--out",
            "/tmp/x.model",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/file.jsonl"));
    stance()
        .args(["cv", "--data"])
        .arg(fixture("tiny_stance.jsonl"))
        .args(["--folds", "1"])
        .assert()
        .code(2);
    stance()
        .args(["train", "--word-ngrams", "3,1", "--data", "x", "--out", "y"])
        .assert()
        .code(2);
}

#[test]
fn damaged_and_foreign_models_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let bytes = std::fs::read(&model).unwrap();
    let input = fixture("tiny_stance.jsonl");
    let check = |content: &[u8], expected: &str| {
        let p = write(dir.path(), "bad.model", content);
        stance()
            .args(["classify", "--model"])
            .arg(&p)
            .arg(&input)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(expected));
    };
    check(&bytes[..bytes.len() / 2], "truncated");
    let mut flipped = bytes.clone();
    let n = flipped.len() - 10;
    flipped[n] ^= 0x01;
    check(&flipped, "checksum");
    check(
        b"{\"weights\": [1, 2, 3]}",
        "not a stance model file (a JSON file without a stance header)",
    );
    check(
        b"\x89PNG\r\n\x1a\n\x00\x00",
        "not a stance model file (binary data)",
    );
    check(b"", "not a stance model file (the file is empty)");
    let version = stance::model::file::FORMAT_VERSION;
    let newer = String::from_utf8_lossy(&bytes).replacen(
        &format!("\"format_version\":{version}"),
        &format!("\"format_version\":{}", version + 1),
        1,
    );
    assert_ne!(
        newer.as_bytes(),
        bytes,
        "the header names the current version"
    );
    check(newer.as_bytes(), "upgrade stance");
    stance()
        .args(["classify", "--model", "/no/such.model"])
        .arg(&input)
        .assert()
        .code(2);
}

#[test]
fn test_labels_absent_from_training_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let data = write(dir.path(), "t.jsonl", b"{\"text\":\"Russia defended Assad.\",\"actor\":\"Russia\",\"label\":\"supports\"}\n{\"text\":\"Russia said nothing.\",\"actor\":\"Russia\",\"label\":\"unclear\"}\n");
    stance()
        .args(["evaluate", "--model"])
        .arg(&model)
        .arg("--data")
        .arg(&data)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "gold labels absent from training: unclear",
        ));
}

#[test]
fn an_existing_model_survives_a_failed_train() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let before = std::fs::read(&model).unwrap();
    let bad = write(
        dir.path(),
        "bad.jsonl",
        b"{\"text\":\"a\",\"label\":\"x\"}\n{oops\n",
    );
    stance()
        .args(["train", "--data"])
        .arg(&bad)
        .arg("--out")
        .arg(&model)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&model).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn completions_and_man_page() {
    stance()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("stance").and(predicate::str::contains("predict")));
    stance()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH stance"));
    for cmd in [
        "predict", "classify", "train", "evaluate", "cv", "actors", "explain", "inspect",
    ] {
        stance()
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Example:"));
    }
}

#[test]
fn version_names_the_built_in_models_and_lexicon() {
    stance()
        .arg("--version")
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(
                r"built-in stance model: (sha256|xxh3-128) [0-9a-f]{16}, trained 20\d\d-",
            )
            .unwrap(),
        )
        .stdout(predicate::str::contains("built-in sentiment model: "))
        .stdout(
            predicate::str::is_match(r"actor lexicon: sha256 [0-9a-f]{16}, \d+ actors").unwrap(),
        );
}
