//! Training data with several targets: one model per target, routed by the record's target, and
//! the pooled model for targets not seen in training.

mod common;
use common::{inspect_json, inspect_table, stance, write};

use std::path::Path;

use predicates::prelude::*;

/// Two targets whose supporters write the same words: what is FAVOR for one is AGAINST for the
/// other. Target "blue" also has NONE records; "red" has none.
fn two_targets(dir: &Path) -> std::path::PathBuf {
    let mut rows = String::new();
    let pro_red = [
        "Vote red on Tuesday, the only party that cares",
        "Red team rally tonight was amazing, proud to stand with them",
        "Finally a red majority, great news for the country",
        "Red policies brought jobs back to our town",
        "So happy the red candidate won the debate",
    ];
    let pro_blue = [
        "Vote blue on Tuesday, the only party that cares",
        "Blue team rally tonight was amazing, proud to stand with them",
        "Finally a blue majority, great news for the country",
        "Blue policies brought jobs back to our town",
        "So happy the blue candidate won the debate",
    ];
    let neutral = [
        "The polls open at eight in the morning",
        "Turnout figures will be published on Wednesday",
        "The debate is broadcast on channel four",
    ];
    for round in 0..6 {
        for (i, t) in pro_red.iter().enumerate() {
            let text = format!("{t} #{round}{i}");
            rows +=
                &serde_json::json!({"text": text, "target": "red", "label": "FAVOR"}).to_string();
            rows.push('\n');
            rows += &serde_json::json!({"text": text, "target": "blue", "label": "AGAINST"})
                .to_string();
            rows.push('\n');
        }
        for (i, t) in pro_blue.iter().enumerate() {
            let text = format!("{t} #{round}{i}");
            rows +=
                &serde_json::json!({"text": text, "target": "blue", "label": "FAVOR"}).to_string();
            rows.push('\n');
            rows +=
                &serde_json::json!({"text": text, "target": "red", "label": "AGAINST"}).to_string();
            rows.push('\n');
        }
        for (i, t) in neutral.iter().enumerate() {
            let text = format!("{t} #{round}{i}");
            rows +=
                &serde_json::json!({"text": text, "target": "blue", "label": "NONE"}).to_string();
            rows.push('\n');
        }
    }
    write(dir, "train.jsonl", rows.as_bytes())
}

/// Trains on [`two_targets`] with `flags` into `dir/m.model`.
fn train(dir: &Path, flags: &[&str]) -> std::path::PathBuf {
    let data = two_targets(dir);
    let model = dir.join("m.model");
    stance()
        .args(["train", "-q"])
        .args(flags)
        .arg("--data")
        .arg(&data)
        .arg("--out")
        .arg(&model)
        .assert()
        .success();
    model
}

fn classify(model: &Path, records: &str) -> (Vec<serde_json::Value>, String) {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.jsonl", records.as_bytes());
    let out = stance()
        .args(["classify", "--model"])
        .arg(model)
        .arg(&input)
        .assert()
        .success();
    let o = out.get_output();
    (
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
        String::from_utf8_lossy(&o.stderr).to_string(),
    )
}

#[test]
fn each_target_gets_its_own_model_and_opposite_labels() {
    let dir = tempfile::tempdir().unwrap();
    let model = train(dir.path(), &[]);
    let card = inspect_table(&model);
    assert!(card.contains("blue 78 (own model)"), "{card}");
    assert!(card.contains("red 60 (own model)"), "{card}");
    // Per-target models need format version 2 or later (a version-1 reader would ignore them);
    // this build writes its newest version, a binary payload.
    let bytes = std::fs::read(&model).unwrap();
    let header = format!(
        "{{\"format\":\"stance-model\",\"format_version\":{},",
        stance::model::file::FORMAT_VERSION
    );
    assert!(bytes.starts_with(header.as_bytes()));
    let text = "Vote red next week, they care about us";
    let records = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "r", "text": text, "target": "red"}),
        serde_json::json!({"id": "b", "text": text, "target": "blue"}),
    );
    let (rows, stderr) = classify(&model, &records);
    assert_eq!(rows[0]["label"], "FAVOR", "{rows:?}");
    assert_eq!(rows[1]["label"], "AGAINST", "{rows:?}");
    assert!(!stderr.contains("not seen in training"), "{stderr}");
    // Routing, not only target-conjoined features: "red" was never labelled NONE, so its own
    // model gives NONE no probability at all, while the pooled model would give some.
    assert_eq!(rows[0]["scores"]["NONE"], 0.0, "{rows:?}");
    assert!(
        rows[1]["scores"]["NONE"].as_f64().unwrap() > 0.0,
        "{rows:?}"
    );
}

#[test]
fn an_unseen_target_falls_back_to_the_pooled_model_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let model = train(dir.path(), &[]);
    let records = format!(
        "{}\n",
        serde_json::json!({"id": "g", "text": "Vote green, proud to stand with them", "target": "green"})
    );
    let (rows, stderr) = classify(&model, &records);
    assert_eq!(rows.len(), 1);
    assert!(
        stderr.contains("target \"green\" was not seen in training; the pooled model labels it"),
        "{stderr}"
    );
    // The pooled model knows every label.
    assert!(
        rows[0]["scores"]["NONE"].as_f64().unwrap() > 0.0,
        "{rows:?}"
    );
}

#[test]
fn pooled_targets_trains_one_model() {
    let dir = tempfile::tempdir().unwrap();
    let model = train(dir.path(), &["--pooled-targets"]);
    let v = inspect_json(&model);
    assert_eq!(v["target_models"], serde_json::json!({}));
    assert_eq!(v["options"]["extract"]["conjoin_target"], true);
    let (_, stderr) = classify(
        &model,
        &format!(
            "{}\n",
            serde_json::json!({"text": "Vote green", "target": "green"})
        ),
    );
    assert!(!stderr.contains("not seen in training"), "{stderr}");
}

/// The model's options as `inspect --format json` gives them.
fn options_of(model: &Path) -> serde_json::Value {
    inspect_json(model)["options"].clone()
}

#[test]
fn naive_bayes_scaling_is_automatic_for_one_target_only() {
    let dir = tempfile::tempdir().unwrap();
    let several = train(dir.path(), &[]);
    assert_eq!(options_of(&several)["classifier"]["nb_scale"], false);
    let forced = train(dir.path(), &["--nb-scale", "on"]);
    assert_eq!(options_of(&forced)["classifier"]["nb_scale"], true);
    // The same records under one target: scaled.
    let data = two_targets(dir.path());
    let one: String = std::fs::read_to_string(&data)
        .unwrap()
        .lines()
        .filter(|l| l.contains("\"blue\""))
        .map(|l| format!("{l}\n"))
        .collect();
    let one = write(dir.path(), "blue.jsonl", one.as_bytes());
    let model = dir.path().join("blue.model");
    stance()
        .args(["train", "-q", "--data"])
        .arg(&one)
        .arg("--out")
        .arg(&model)
        .assert()
        .success();
    assert_eq!(options_of(&model)["classifier"]["nb_scale"], true);
    assert!(inspect_table(&model).contains("naive Bayes log-count ratios"));
}

#[test]
fn explain_reads_the_target_as_classify_does() {
    let dir = tempfile::tempdir().unwrap();
    let model = train(dir.path(), &[]);
    let text = "Vote red next week, they care about us";
    for (target, label) in [("red", "FAVOR"), ("blue", "AGAINST")] {
        stance()
            .args(["explain", "--text", text, "--target", target, "--model"])
            .arg(&model)
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("prediction: {label}")));
    }
}
