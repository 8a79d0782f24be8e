//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The `stance` binary under test.
pub fn stance() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("stance").expect("binary builds")
}

/// Writes `content` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

/// `stance predict --format jsonl EXTRA... -` on `text`: the rows, parsed.
pub fn predict(text: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let out = stance()
        .args(["predict", "--format", "jsonl"])
        .args(extra)
        .arg("-")
        .write_stdin(text)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The tiny labelled Syria set in `tests/fixtures` (36 records, three labels).
pub fn tiny_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny_stance.jsonl")
}

/// A model trained on [`tiny_data`] (`--min-df 1`) into `dir/tiny.model`.
pub fn tiny_model(dir: &Path) -> PathBuf {
    let out = dir.join("tiny.model");
    stance()
        .args(["train", "-q", "--min-df", "1", "--data"])
        .arg(tiny_data())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    out
}

/// [`tiny_data`] with its fields renamed (`text` -> `sentence`, `label` -> `stance`), written to
/// `dir/renamed.jsonl`: data whose field names need flags, a card or a config.
pub fn renamed_fields(dir: &Path) -> PathBuf {
    let body: String = std::fs::read_to_string(tiny_data())
        .unwrap()
        .lines()
        .map(|l| {
            let mut v: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(l).unwrap();
            let text = v.remove("text").unwrap();
            let label = v.remove("label").unwrap();
            v.insert("sentence".into(), text);
            v.insert("stance".into(), label);
            serde_json::to_string(&v).unwrap() + "\n"
        })
        .collect();
    write(dir, "renamed.jsonl", body.as_bytes())
}

/// Trains on the JSONL `records` with `flags` into `dir/m.model`.
pub fn train(dir: &std::path::Path, records: &str, flags: &[&str]) -> std::path::PathBuf {
    let data = write(dir, "train.jsonl", records.as_bytes());
    let model = dir.join("m.model");
    stance()
        .args(["train", "-q", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&model)
        .args(flags)
        .assert()
        .success();
    model
}

/// `stance classify`'s JSON rows for the records in `input`.
pub fn classify(model: &std::path::Path, input: &std::path::Path) -> Vec<serde_json::Value> {
    let out = stance()
        .args(["classify", "-q", "--model"])
        .arg(model)
        .arg(input)
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A model's card as `stance inspect --format json` prints it.
pub fn inspect_json(model: &Path) -> serde_json::Value {
    let out = stance()
        .args(["inspect", "--format", "json", "--model"])
        .arg(model)
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).expect("inspect prints JSON")
}

/// A model's card as `stance inspect` prints it for people.
pub fn inspect_table(model: &Path) -> String {
    let out = stance()
        .args(["inspect", "--model"])
        .arg(model)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).expect("inspect prints UTF-8")
}
