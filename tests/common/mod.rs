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
