//! `stance man`: the top page, one page per subcommand, and every page into a folder, replacing
//! only pages it wrote.

mod common;
use common::{stance, write};

use predicates::prelude::*;

#[test]
fn each_subcommand_has_its_own_page() {
    let top = stance().arg("man").assert().success();
    let top = String::from_utf8_lossy(&top.get_output().stdout).to_string();
    assert!(top.contains(".TH stance 1"));
    // The top page sends readers to stance-predict(1): that page exists.
    assert!(top.contains("stance\\-predict(1)"), "{top}");
    stance().args(["man", "predict"]).assert().success().stdout(
        predicate::str::contains(".TH stance-predict 1")
            .and(predicate::str::contains("\\-\\-no\\-priors")),
    );
    stance()
        .args(["man", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no command \"nope\""));
}

#[test]
fn dir_writes_every_page_and_replaces_only_its_own() {
    let dir = tempfile::tempdir().unwrap();
    stance()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    for name in [
        "stance",
        "stance-predict",
        "stance-train",
        "stance-report",
        "stance-serve",
    ] {
        let page = std::fs::read_to_string(dir.path().join(format!("{name}.1"))).unwrap();
        assert!(page.contains(&format!(".TH {name} 1")), "{name}");
    }
    // Again: its own pages are replaced.
    stance()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    // Its twin: a file of someone else's under a page's name stays as it was, and no page is
    // written (the folder is as it was).
    write(dir.path(), "stance-cv.1", b"my notes");
    std::fs::remove_file(dir.path().join("stance.1")).unwrap();
    stance()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "stance-cv.1: exists and is not a stance man page",
        ));
    assert_eq!(
        std::fs::read(dir.path().join("stance-cv.1")).unwrap(),
        b"my notes"
    );
}
