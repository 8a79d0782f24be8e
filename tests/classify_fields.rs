//! `classify --keep-fields`: the output carries each input record's own fields, so it joins back
//! to the input, and refuses what it could not write without losing or overwriting a field.

mod common;
use common::{stance, write};

use predicates::prelude::*;

const CSV: &str = "id,text,source,label\n1,\"Moscow backed Damascus, the Kremlin said.\",wire,supports\n2,Washington said Assad must go.,paper,opposes\n";

fn stdout(args: &[&str], dir: &std::path::Path) -> String {
    let out = stance().current_dir(dir).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn csv_keeps_its_columns_and_adds_the_prediction() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.csv", CSV.as_bytes());
    let kept = stdout(
        &["classify", "--keep-fields", "--format", "csv", "in.csv"],
        dir.path(),
    );
    let plain = stdout(&["classify", "--format", "csv", "in.csv"], dir.path());
    let kept: Vec<Vec<String>> = csv::Reader::from_reader(kept.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let plain: Vec<Vec<String>> = csv::Reader::from_reader(plain.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(kept.len(), 2);
    // The input's columns as they were (the comma inside the quoted text included), then the
    // label and scores classify gives without the flag.
    assert_eq!(
        kept[0][..4],
        [
            "1",
            "Moscow backed Damascus, the Kremlin said.",
            "wire",
            "supports"
        ]
    );
    assert_eq!(kept[1][2], "paper");
    for (k, p) in kept.iter().zip(&plain) {
        assert_eq!(k[4..], p[1..]);
    }
    let header = stdout(
        &["classify", "--keep-fields", "--format", "csv", "in.csv"],
        dir.path(),
    );
    assert!(header.starts_with("id,text,source,label,predicted,score_"));
}

#[test]
fn jsonl_keeps_nested_fields_and_its_twin_without_the_flag_does_not() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "in.jsonl",
        b"{\"id\": \"a\", \"text\": \"Iran backs Assad.\", \"meta\": {\"n\": 1}}\n",
    );
    let kept: serde_json::Value = serde_json::from_str(&stdout(
        &["classify", "--keep-fields", "in.jsonl"],
        dir.path(),
    ))
    .unwrap();
    assert_eq!(kept["meta"]["n"], 1);
    assert_eq!(kept["text"], "Iran backs Assad.");
    assert!(kept["predicted"].is_string() && kept["scores"].is_object());
    let plain: serde_json::Value =
        serde_json::from_str(&stdout(&["classify", "in.jsonl"], dir.path())).unwrap();
    assert!(plain.get("meta").is_none() && plain["label"] == kept["predicted"]);
}

#[test]
fn what_keep_fields_cannot_write_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.csv", CSV.as_bytes());
    write(
        dir.path(),
        "in.jsonl",
        b"{\"text\": \"Iran backs Assad.\"}\n",
    );
    write(
        dir.path(),
        "clash.jsonl",
        b"{\"text\": \"Iran backs Assad.\"}\n{\"text\": \"x\", \"predicted\": \"mine\"}\n",
    );
    for (args, message) in [
        (vec!["--format", "table", "in.csv"], "not a table"),
        (
            vec!["--format", "csv", "in.jsonl"],
            "needs CSV or TSV input",
        ),
        (
            vec!["clash.jsonl"],
            "clash.jsonl:2: field \"predicted\" would be overwritten",
        ),
    ] {
        stance()
            .current_dir(dir.path())
            .args(["classify", "--keep-fields"])
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn classify_ends_with_a_count_per_label_on_stderr_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.csv", CSV.as_bytes());
    let out = stance()
        .current_dir(dir.path())
        .args(["classify", "--format", "jsonl", "in.csv"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let line = stderr
        .lines()
        .find(|l| l.starts_with("classify: 2 records labelled ("))
        .unwrap_or_else(|| panic!("no summary: {stderr}"));
    // The counts add up, and each is the number of rows with that label.
    for part in line
        .split('(')
        .nth(1)
        .unwrap()
        .trim_end_matches(')')
        .split(", ")
    {
        let (label, n) = part.rsplit_once(' ').unwrap();
        let rows = stdout.matches(&format!("\"label\":\"{label}\"")).count();
        assert_eq!(n.parse::<usize>().unwrap(), rows, "{line}");
    }
    stance()
        .current_dir(dir.path())
        .args(["classify", "-q", "in.csv"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
}

#[test]
fn the_field_names_a_model_was_trained_with_are_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = common::renamed_fields(dir.path());
    let model = dir.path().join("m.model");
    stance()
        .args([
            "train",
            "-q",
            "--min-df",
            "1",
            "--text-field",
            "sentence",
            "--label-field",
            "stance",
            "--data",
        ])
        .arg(&data)
        .arg("--out")
        .arg(&model)
        .assert()
        .success();
    // No field flags: the card's names are used, and stderr says so.
    stance()
        .args(["classify", "--model"])
        .arg(&model)
        .arg(&data)
        .assert()
        .success()
        .stderr(predicate::str::contains("reading text from \"sentence\""));
    stance()
        .args(["evaluate", "--model"])
        .arg(&model)
        .arg("--data")
        .arg(&data)
        .assert()
        .success()
        .stdout(predicate::str::contains("macro"));
    // A flag overrides the card: here it names a field the data does not have.
    stance()
        .args(["classify", "--text-field", "body", "--model"])
        .arg(&model)
        .arg(&data)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing field \"body\""));
    // Its twin: a model trained with the default names reads the default names.
    let plain = common::tiny_model(dir.path());
    stance()
        .args(["classify", "--model"])
        .arg(&plain)
        .arg(&data)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing field \"text\""));
}
