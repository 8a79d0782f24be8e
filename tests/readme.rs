//! The README's sample outputs are what the tool prints: each sample block is run and compared
//! line by line, so a rebuilt model or a changed column shows up here, not in a reader's terminal.

mod common;
use common::stance;

use std::path::Path;

/// The lines of the first ```text block that follows `marker` in the README.
fn sample_after(marker: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let at = readme
        .find(marker)
        .unwrap_or_else(|| panic!("README.md no longer has {marker:?}"));
    let rest = &readme[at..];
    let open = rest
        .find("```text\n")
        .expect("a text block after the marker")
        + 8;
    let close = rest[open..].find("```").expect("the block closes") + open;
    rest[open..close].lines().map(str::to_string).collect()
}

/// Compares a sample with real output: every sample line but a closing `...` (more rows) must be
/// the output's line at the same place.
fn assert_sample(sample: &[String], output: &str) {
    let shown: Vec<&String> = sample.iter().filter(|l| l.as_str() != "...").collect();
    let real: Vec<&str> = output.lines().collect();
    assert!(
        real.len() >= shown.len(),
        "the README shows {} lines, the tool printed {}:\n{output}",
        shown.len(),
        real.len()
    );
    for (i, (s, r)) in shown.iter().zip(&real).enumerate() {
        assert_eq!(
            s.as_str(),
            *r,
            "README sample line {} differs from the tool's output (regenerate the sample)",
            i + 1
        );
    }
    if sample.last().map(String::as_str) != Some("...") {
        assert_eq!(
            real.len(),
            shown.len(),
            "the tool printed more than the README shows"
        );
    }
}

#[test]
fn the_quick_start_sample_is_what_predict_prints() {
    let sample = sample_after("cargo run --release -- predict examples/aleppo-2016.txt");
    let out = stance()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["predict", "examples/aleppo-2016.txt"])
        .assert()
        .success();
    assert_sample(&sample, &String::from_utf8_lossy(&out.get_output().stdout));
}

#[test]
fn the_explain_sample_is_what_explain_prints() {
    let sample = sample_after("## Explaining a decision");
    let command = sample[0]
        .strip_prefix("$ stance ")
        .expect("the sample starts with the command");
    // The command's words: double quotes group, as the shell would.
    let args: Vec<String> = command
        .split('"')
        .enumerate()
        .flat_map(|(i, part)| {
            if i % 2 == 1 {
                vec![part.to_string()]
            } else {
                part.split_whitespace().map(str::to_string).collect()
            }
        })
        .collect();
    let out = stance()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(&args)
        .assert()
        .success();
    assert_sample(
        &sample[1..],
        &String::from_utf8_lossy(&out.get_output().stdout),
    );
}
