//! What the tool refuses, and the message it gives: built-in names shadowed by files, absurd
//! thread counts, misspelt fields, labels a model does not have, edited model files, failed
//! writes to stdout.

mod common;
use common::{stance, tiny_data, tiny_model, write};

use std::path::Path;

use predicates::prelude::*;

#[test]
fn a_folder_or_file_named_like_a_built_in_model_does_not_hide_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"Iran backed Assad.");
    std::fs::create_dir(dir.path().join("stance")).unwrap();
    write(dir.path(), "sentiment", b"not a model");
    for args in [
        vec!["predict", "a.txt"],
        vec!["predict", "--model", "builtin:stance", "a.txt"],
        vec!["predict", "--sentiment", "sentiment", "a.txt"],
    ] {
        stance()
            .current_dir(dir.path())
            .args(&args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Iran"));
    }
    // Its twin: a path with a separator is the file, and this one is no model.
    stance()
        .current_dir(dir.path())
        .args(["predict", "--model", "./sentiment", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a stance model file"));
    // A bare word that is no built-in name is refused with a hint, not guessed at.
    let model = tiny_model(dir.path());
    std::fs::rename(&model, dir.path().join("mine")).unwrap();
    stance()
        .current_dir(dir.path())
        .args(["classify", "--model", "mine"])
        .arg(tiny_data())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("write ./mine"));
    stance()
        .current_dir(dir.path())
        .args(["classify", "--model", "./mine"])
        .arg(tiny_data())
        .assert()
        .success();
}

#[test]
fn a_huge_thread_count_is_refused() {
    for n in ["10000", "99999999999", "0"] {
        stance()
            .args(["--threads", n, "classify"])
            .arg(tiny_data())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--threads"));
    }
    stance()
        .args(["--threads", "2", "classify"])
        .arg(tiny_data())
        .assert()
        .success();
}

#[test]
fn a_misspelt_group_field_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = String::new();
    for i in 0..40 {
        let label = ["supports", "opposes"][i % 2];
        rows += &format!(
            "{{\"text\":\"Russia {} Assad {i}.\",\"actor\":\"Russia\",\"label\":\"{label}\",\"story\":\"s{}\"}}\n",
            if i % 2 == 0 { "backed" } else { "condemned" },
            i % 5
        );
    }
    let data = write(dir.path(), "d.jsonl", rows.as_bytes());
    stance()
        .args([
            "cv",
            "-q",
            "--folds",
            "2",
            "--group-field",
            "stroy",
            "--data",
        ])
        .arg(&data)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--group-field stroy: no record has this field",
        ));
    stance()
        .args([
            "cv",
            "-q",
            "--folds",
            "2",
            "--group-field",
            "story",
            "--data",
        ])
        .arg(&data)
        .assert()
        .success();
}

#[test]
fn labels_the_model_does_not_have_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let renamed = std::fs::read_to_string(tiny_data())
        .unwrap()
        .replace("\"supports\"", "\"pro\"")
        .replace("\"opposes\"", "\"anti\"")
        .replace("\"neutral\"", "\"none\"");
    let renamed = write(dir.path(), "renamed.jsonl", renamed.as_bytes());
    stance()
        .args(["evaluate", "--model"])
        .arg(&model)
        .arg("--data")
        .arg(&renamed)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("are not the model's"));
    stance()
        .args(["evaluate", "--favg", "support,oppose", "--model"])
        .arg(&model)
        .arg("--data")
        .arg(tiny_data())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--favg support: not a label of the model",
        ));
    stance()
        .args(["evaluate", "--favg", "supports,opposes", "--model"])
        .arg(&model)
        .arg("--data")
        .arg(tiny_data())
        .assert()
        .success()
        .stdout(predicate::str::contains("F_avg"));
}

/// A change to a model's payload.
type Edit = dyn Fn(&mut serde_json::Value);

/// Rewrites a model file's payload with `edit` and a matching header (size and checksum), as a
/// careful hand-editor would: in JSON (format version 2), the binary payload read through the
/// library without the load-time checks.
fn edit_model(path: &Path, edit: impl Fn(&mut serde_json::Value)) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap();
    let cut = bytes.iter().position(|&b| b == b'\n').unwrap();
    let mut header: serde_json::Value = serde_json::from_slice(&bytes[..cut]).unwrap();
    let model: stance::StanceModel = stance::model::file::load(path).unwrap();
    let mut payload = serde_json::to_value(&model).unwrap();
    header["format_version"] = 2.into();
    edit(&mut payload);
    let body = serde_json::to_vec(&payload).unwrap();
    header["payload_bytes"] = body.len().into();
    header["sha256"] = stance::model::file::sha256_hex(&body).into();
    let mut out = serde_json::to_vec(&header).unwrap();
    out.push(b'\n');
    out.extend(body);
    out
}

#[test]
fn a_model_with_edited_settings_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let cases: [(&str, Box<Edit>); 3] = [
        (
            "word n-gram range (0, 0)",
            Box::new(|p| p["options"]["extract"]["word_ngrams"] = serde_json::json!([0, 0])),
        ),
        (
            "character n-gram range (5, 2)",
            Box::new(|p| p["options"]["extract"]["char_ngrams"] = serde_json::json!([5, 2])),
        ),
        (
            "alignment weight",
            Box::new(|p| p["alignment_weight"] = serde_json::json!(-3.0)),
        ),
    ];
    for (expected, edit) in cases {
        let edited = write(dir.path(), "edited.model", &edit_model(&model, edit));
        stance()
            .args(["classify", "--model"])
            .arg(&edited)
            .arg(tiny_data())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(expected));
    }
    // The twin: an edit within range loads.
    let edited = write(
        dir.path(),
        "edited.model",
        &edit_model(&model, |p| p["alignment_weight"] = serde_json::json!(2.0)),
    );
    stance()
        .args(["classify", "--model"])
        .arg(&edited)
        .arg(tiny_data())
        .assert()
        .success();
}

#[test]
fn a_header_promising_the_largest_size_is_named_not_wrapped() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let bytes = std::fs::read(&model).unwrap();
    let cut = bytes.iter().position(|&b| b == b'\n').unwrap();
    let mut h: serde_json::Value = serde_json::from_slice(&bytes[..cut]).unwrap();
    h["payload_bytes"] = u64::MAX.into();
    let mut forged = serde_json::to_vec(&h).unwrap();
    forged.extend_from_slice(&bytes[cut..]);
    let forged = write(dir.path(), "forged.model", &forged);
    stance()
        .args(["inspect", "--model"])
        .arg(&forged)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "more than {} bytes",
            u64::MAX
        )));
}

#[test]
fn linfa_nb_is_no_longer_trained_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    stance()
        .args(["train", "-q", "--classifier", "linfa-nb", "--data"])
        .arg(tiny_data())
        .arg("--out")
        .arg(dir.path().join("m.model"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'linfa-nb'"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_on_stdout_is_an_error_not_a_panic() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    for args in [vec!["completions", "bash"], vec!["man"]] {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("stance"))
            .args(&args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("No space left"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn an_actor_lexicon_over_the_size_limit_is_refused_before_matching() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"Iran backed Assad.");
    // Valid JSON all the way, so only the size can be the reason.
    let limit = stance::actors::MAX_LEXICON_BYTES;
    let mut big = br#"{"version": 1, "target": "Bashar al-Assad", "actors": []}"#.to_vec();
    big.resize(limit + 1, b' ');
    write(dir.path(), "big.json", &big);
    stance()
        .current_dir(dir.path())
        .args(["predict", "--actors", "big.json", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("big.json").and(predicate::str::contains("64 MiB")));
    // Its twin at the limit loads (and names no actor: the lexicon is empty).
    big.truncate(limit);
    write(dir.path(), "big.json", &big);
    stance()
        .current_dir(dir.path())
        .args([
            "predict", "--actors", "big.json", "--format", "jsonl", "a.txt",
        ])
        .assert()
        .success();
}
