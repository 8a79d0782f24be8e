//! `--config FILE` / `STANCE_CONFIG`: a project's settings per command, the command line winning,
//! and every mistake in the file named with the file.

mod common;
use common::{stance, write};

use std::path::Path;

use predicates::prelude::*;

const CONFIG: &str = "[train]\ntext-field = \"sentence\"\nlabel-field = \"stance\"\nmin-df = 1\n\n[classify]\ntext-field = \"sentence\"\n";

#[test]
fn a_config_file_gives_each_command_its_flags() {
    let dir = tempfile::tempdir().unwrap();
    let data = common::renamed_fields(dir.path());
    let config = write(dir.path(), "stance.toml", CONFIG.as_bytes());
    stance()
        .arg("--config")
        .arg(&config)
        .args(["train", "-q", "--out", "m.model", "--data"])
        .arg(&data)
        .current_dir(dir.path())
        .assert()
        .success();
    // Through the environment, for classify's own table: a model trained with the default
    // names reads this data's `sentence` because the file says so...
    let plain = common::tiny_model(dir.path());
    stance()
        .env("STANCE_CONFIG", &config)
        .args(["classify", "-q", "--model"])
        .arg(&plain)
        .arg(&data)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"label\":"));
    // ...and without the file it cannot.
    stance()
        .args(["classify", "-q", "--model"])
        .arg(&plain)
        .arg(&data)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing field \"text\""));
    // Its twin without the file: the default field names, which this data does not have.
    stance()
        .args(["train", "-q", "--min-df", "1", "--out", "n.model", "--data"])
        .arg(&data)
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing field \"text\""));
}

#[test]
fn the_command_line_wins_over_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = common::renamed_fields(dir.path());
    let config = write(
        dir.path(),
        "stance.toml",
        b"[train]\ntext-field = \"sentence\"\nlabel-field = \"stance\"\ndata = [\"missing.jsonl\"]\n",
    );
    // The file's `data` list is replaced by the command line's, and its text field too.
    stance()
        .arg("--config")
        .arg(&config)
        .args([
            "train",
            "-q",
            "--min-df",
            "1",
            "--text-field",
            "body",
            "--out",
            "m.model",
            "--data",
        ])
        .arg(&data)
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("missing field \"body\"")
                .and(predicate::str::contains("missing.jsonl").not()),
        );
}

#[test]
fn mistakes_in_the_file_are_named_with_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for (body, message) in [
        (
            "[train]\nmin-dff = 2\n",
            "c.toml: [train] has no flag --min-dff",
        ),
        (
            "[trian]\nmin-df = 2\n",
            "c.toml: [trian] is not a stance command",
        ),
        (
            "[train]\nno-cues = \"yes\"\n",
            "c.toml: [train] no-cues: --no-cues is a switch",
        ),
        ("[train]\nmin-df = true\n", "--min-df takes a value"),
        ("[train]\nmin-df =\n", "c.toml:2: invalid TOML"),
        ("train = 3\n", "\"train\" must be a table"),
    ] {
        write(dir.path(), "c.toml", body.as_bytes());
        stance()
            .args(["--config", "c.toml", "inspect"])
            .current_dir(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    stance()
        .args(["--config", "absent.toml", "inspect"])
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("absent.toml"));
}

#[test]
fn the_documented_example_is_a_valid_config() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/config.md"))
        .unwrap();
    let start = doc.find("```toml\n").expect("a TOML example") + 8;
    let end = doc[start..].find("```").unwrap() + start;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "stance.toml", &doc.as_bytes()[start..end]);
    stance()
        .args(["--config", "stance.toml", "inspect", "-q"])
        .current_dir(dir.path())
        .assert()
        .success();
}
