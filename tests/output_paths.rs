//! Where `train --out` may write, checked before any work, and what an interrupted write leaves.

mod common;
use common::{stance, write};

use std::path::{Path, PathBuf};
use std::time::Duration;

use predicates::prelude::*;

fn tiny_data(dir: &Path) -> PathBuf {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny_stance.jsonl");
    let p = dir.join("d.jsonl");
    std::fs::copy(data, &p).unwrap();
    p
}

fn train(data: &Path, out: &Path) -> assert_cmd::assert::Assert {
    stance()
        .args(["train", "-q", "--min-df", "1", "--data"])
        .arg(data)
        .arg("--out")
        .arg(out)
        .assert()
}

#[test]
fn the_training_data_is_never_replaced_by_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let data = tiny_data(dir.path());
    let before = std::fs::read(&data).unwrap();
    train(&data, &data)
        .code(2)
        .stderr(predicate::str::contains("is also an input"));
    // The same file under another name (a hard link) is caught too.
    let link = dir.path().join("alias.jsonl");
    std::fs::hard_link(&data, &link).unwrap();
    train(&data, &link)
        .code(2)
        .stderr(predicate::str::contains("is also an input"));
    assert_eq!(std::fs::read(&data).unwrap(), before);
}

#[test]
fn only_a_model_file_or_nothing_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let data = tiny_data(dir.path());
    let notes = write(dir.path(), "notes.txt", b"my notes\n");
    train(&data, &notes)
        .code(2)
        .stderr(predicate::str::contains("is not a stance model"));
    assert_eq!(std::fs::read(&notes).unwrap(), b"my notes\n");
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    train(&data, &folder)
        .code(2)
        .stderr(predicate::str::contains("is a folder"));
    train(&data, &dir.path().join("missing/m.model"))
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
    // Its twin: a model file is replaced by a new model.
    let model = dir.path().join("m.model");
    train(&data, &model).success();
    train(&data, &model).success();
}

#[cfg(unix)]
#[test]
fn a_device_node_is_refused_and_stays_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let data = tiny_data(dir.path());
    // A named pipe stands for any special file (making a device node needs root).
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    train(&data, &fifo)
        .code(2)
        .stderr(predicate::str::contains("not a regular file"));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    // /dev/null itself, which a root user's train would once have replaced.
    train(&data, Path::new("/dev/null"))
        .code(2)
        .stderr(predicate::str::contains("not a regular file"));
}

#[test]
fn a_stale_temporary_file_from_a_killed_write_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let data = tiny_data(dir.path());
    // No process has this id (above the kernel's pid limit).
    let stale = write(dir.path(), ".m.model.tmp-99999999", b"half a model");
    let other = write(dir.path(), ".other.model.tmp-99999999", b"not ours");
    train(&data, &dir.path().join("m.model")).success();
    assert!(!stale.exists(), "the stale temporary file is still there");
    assert!(other.exists(), "another file's temporary was removed");
}

#[cfg(unix)]
#[test]
fn a_signal_during_the_model_write_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = tiny_data(dir.path());
    let model = dir.path().join("m.model");
    train(&data, &model).success();
    let before = std::fs::read(&model).unwrap();
    for signal in ["TERM", "INT"] {
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("stance"))
            .args(["train", "-q", "--min-df", "1", "--data"])
            .arg(&data)
            .arg("--out")
            .arg(&model)
            .env("STANCE_TEST_WRITE_PAUSE_MS", "20000")
            .spawn()
            .unwrap();
        let temporary = || {
            std::fs::read_dir(dir.path())
                .unwrap()
                .flatten()
                .any(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        };
        // Wait until the write has begun (the hook then holds it open), then interrupt it.
        let mut waited = 0;
        while !temporary() && waited < 600 {
            std::thread::sleep(Duration::from_millis(50));
            waited += 1;
        }
        assert!(temporary(), "the write never started");
        let sent = std::process::Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(130), "SIG{signal}");
        assert!(!temporary(), "SIG{signal} left a temporary file");
        assert_eq!(std::fs::read(&model).unwrap(), before);
    }
}

#[test]
fn output_files_are_complete_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "a.jsonl",
        b"{\"id\":\"1\",\"text\":\"Iran backed Assad.\"}\n{\"id\":\"2\",\"text\":\"Turkey condemned Assad.\"}\n",
    );
    let out = dir.path().join("rows.jsonl");
    stance()
        .args(["predict", "-q", "--format", "jsonl", "-o"])
        .arg(&out)
        .arg(&good)
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written.lines().count(), 2, "{written}");
    // A bad record after good ones: the earlier output stays as it was, no partial file appears.
    let bad = write(
        dir.path(),
        "b.jsonl",
        b"{\"id\":\"1\",\"text\":\"Iran backed Assad.\"}\n{oops\n",
    );
    stance()
        .args(["predict", "-q", "--format", "jsonl", "-o"])
        .arg(&out)
        .arg(&bad)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), written);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The output may not be an input.
    stance()
        .args(["classify", "-o"])
        .arg(&good)
        .arg(&good)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is also an input"));
    assert!(std::fs::read_to_string(&good)
        .unwrap()
        .contains("Iran backed Assad"));
}
