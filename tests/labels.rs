//! Label names: `--label-map` makes data labelled in other words train the same model, and
//! labels that look like typos are warned about.

mod common;
use common::{inspect_json, stance, tiny_data, write};

use std::path::{Path, PathBuf};

use predicates::prelude::*;

fn renamed(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(tiny_data())
        .unwrap()
        .replace("\"supports\"", "\"pro\"")
        .replace("\"opposes\"", "\"anti\"")
        .replace("\"neutral\"", "\"none\"");
    write(dir, "renamed.jsonl", text.as_bytes())
}

fn train(data: &Path, out: &Path, extra: &[&str]) {
    stance()
        .args(["train", "-q", "--min-df", "1", "--prior-features", "--data"])
        .arg(data)
        .arg("--out")
        .arg(out)
        .args(extra)
        .assert()
        .success();
}

fn macro_f1(model: &Path, data: &Path, extra: &[&str]) -> f64 {
    let out = stance()
        .args(["evaluate", "-q", "--format", "json", "--model"])
        .arg(model)
        .arg("--data")
        .arg(data)
        .args(extra)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    v["macro_f1"].as_f64().unwrap()
}

#[test]
fn a_label_map_trains_the_same_model_as_the_original_names() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original.model");
    train(&tiny_data(), &original, &[]);
    let data = renamed(dir.path());
    let map = ["--label-map", "pro=supports,anti=opposes,none=neutral"];
    let mapped = dir.path().join("mapped.model");
    train(&data, &mapped, &map);
    let f_original = macro_f1(&original, &tiny_data(), &[]);
    let f_mapped = macro_f1(&mapped, &data, &map);
    assert_eq!(f_original, f_mapped);
    // The twin without the map: other label names, so the known alignments (which speak of
    // supports and opposes) are left out of the features, and the model is another one.
    let unmapped = dir.path().join("unmapped.model");
    train(&data, &unmapped, &[]);
    assert_eq!(inspect_json(&mapped)["options"]["extract"]["priors"], true);
    assert_eq!(
        inspect_json(&unmapped)["options"]["extract"]["priors"],
        false
    );
}

#[test]
fn labels_that_look_like_typos_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = std::fs::read_to_string(tiny_data()).unwrap();
    text.push_str(
        "{\"text\": \"Turkey condemned Assad.\", \"actor\": \"Turkey\", \"label\": \"oppose\"}\n",
    );
    text.push_str(
        "{\"text\": \"Iran backed Assad.\", \"actor\": \"Iran\", \"label\": \"Supports\"}\n",
    );
    let data = write(dir.path(), "typos.jsonl", text.as_bytes());
    stance()
        .args(["train", "--min-df", "1", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(dir.path().join("m.model"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "label \"oppose\" has only 1 records; a typo of \"opposes\"?",
        ))
        .stderr(predicate::str::contains(
            "labels \"Supports\" and \"supports\" differ only in case",
        ));
    // The twin: the clean file gives no label warning.
    stance()
        .args(["train", "--min-df", "1", "--data"])
        .arg(tiny_data())
        .arg("--out")
        .arg(dir.path().join("m.model"))
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: label").not());
}

#[test]
fn evaluate_lists_the_errors_it_counts() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.model");
    train(&tiny_data(), &model, &[]);
    // Gold labels swapped, so there are errors to list.
    let swapped = std::fs::read_to_string(tiny_data())
        .unwrap()
        .replace("\"supports\"", "\"tmp\"")
        .replace("\"opposes\"", "\"supports\"")
        .replace("\"tmp\"", "\"opposes\"");
    let data = write(dir.path(), "swapped.jsonl", swapped.as_bytes());
    let errors = dir.path().join("errors.jsonl");
    let out = stance()
        .args(["evaluate", "-q", "--format", "json", "--model"])
        .arg(&model)
        .arg("--data")
        .arg(&data)
        .arg("--errors")
        .arg(&errors)
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let rows: Vec<serde_json::Value> = std::fs::read_to_string(&errors)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let wrong = ((1.0 - report["accuracy"].as_f64().unwrap()) * 36.0).round() as usize;
    assert!(wrong > 0);
    assert_eq!(rows.len(), wrong, "{rows:?}");
    assert!(rows.iter().all(|r| r["gold"] != r["predicted"]));
}
