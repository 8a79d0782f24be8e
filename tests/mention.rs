//! The actor mention's own words: the same sentence about a person and about a day.

mod common;
use common::{stance, write};

/// Sentences naming one mention, whose label follows what the mention is: people are praised
/// (positive), days are only dates (neutral). The words around the mention are the same for
/// both, so only the mention's own words tell them apart.
fn data() -> String {
    let people = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid"];
    let days = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Saturday",
        "Sunday",
    ];
    let frames = [
        "{} came up again in the report",
        "Everyone was talking about {} at the meeting",
        "The newspaper wrote about {} twice",
        "{} was the subject of the evening",
    ];
    let mut rows = String::new();
    for (i, frame) in frames.iter().enumerate() {
        for (k, (p, d)) in people.iter().zip(&days).enumerate() {
            for (m, label) in [(p, "positive"), (d, "neutral")] {
                let text = frame.replace("{}", m);
                let start = text.find(m).unwrap();
                rows += &serde_json::json!({"id": format!("{i}-{k}-{m}"), "text": text,
                    "actor": m, "span": [start, start + m.len()], "label": label})
                .to_string();
                rows.push('\n');
            }
        }
    }
    rows
}

fn labels(flags: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let train = write(dir.path(), "train.jsonl", data().as_bytes());
    let model = dir.path().join("m.model");
    stance()
        .args(["train", "-q", "--data"])
        .arg(&train)
        .arg("--out")
        .arg(&model)
        .args(flags)
        .assert()
        .success();
    let input = write(
        dir.path(),
        "in.jsonl",
        concat!(
            r#"{"id": "p", "text": "Clara was mentioned in the minutes", "actor": "Clara", "span": [0, 5]}"#,
            "\n",
            r#"{"id": "d", "text": "Tuesday was mentioned in the minutes", "actor": "Tuesday", "span": [0, 7]}"#,
            "\n"
        )
        .as_bytes(),
    );
    let out = stance()
        .args(["classify", "-q", "--model"])
        .arg(&model)
        .arg(&input)
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["label"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn a_person_and_a_day_in_the_same_words_get_their_own_labels() {
    assert_eq!(labels(&[]), ["positive", "neutral"]);
}

#[test]
fn without_mention_words_the_masked_mentions_read_alike() {
    let l = labels(&["--no-mention-words"]);
    assert_eq!(l[0], l[1], "{l:?}");
}
