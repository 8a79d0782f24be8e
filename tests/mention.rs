//! The actor mention's own words: the same sentence about a person and about a day.

mod common;
use common::{classify, train, write};

/// The people the sentences name.
const PEOPLE: [&str; 6] = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid"];

/// Sentences around one mention (`{}`), saying nothing of it.
const FRAMES: [&str; 4] = [
    "{} came up again in the report",
    "Everyone was talking about {} at the meeting",
    "The newspaper wrote about {} twice",
    "{} was the subject of the evening",
];

/// One labelled JSONL row whose actor is the first `mention` in `text` (its span in characters).
fn row(id: &str, text: &str, mention: &str, label: &str) -> String {
    // Spans count characters: an opening quotation mark is one character of three bytes.
    let start = text[..text.find(mention).unwrap()].chars().count();
    serde_json::json!({"id": id, "text": text, "actor": mention,
        "span": [start, start + mention.chars().count()], "label": label})
    .to_string()
        + "\n"
}

/// Sentences naming one mention, whose label follows what the mention is: people are praised
/// (positive), days are only dates (neutral). The words around the mention are the same for
/// both, so only the mention's own words tell them apart.
fn data() -> String {
    let days = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Saturday",
        "Sunday",
    ];
    let mut rows = String::new();
    for (i, frame) in FRAMES.iter().enumerate() {
        for (k, (p, d)) in PEOPLE.iter().zip(&days).enumerate() {
            for (m, label) in [(p, "positive"), (d, "neutral")] {
                rows += &row(&format!("{i}-{k}-{m}"), &frame.replace("{}", m), m, label);
            }
        }
    }
    rows
}

fn labels(flags: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let model = train(dir.path(), &data(), flags);
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
    classify(&model, &input)
        .iter()
        .map(|v| v["label"].as_str().unwrap().to_string())
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

/// The same sentences about the same people, plain (neutral) and as a quotation (positive): the
/// words, the windows and the clause are the same in both, so only where the mention sits (inside
/// a quotation or not) tells the labels apart.
fn quoted_data() -> String {
    let mut rows = String::new();
    for (i, frame) in FRAMES.iter().enumerate() {
        for (k, p) in PEOPLE.iter().enumerate() {
            let plain = frame.replace("{}", p);
            for (text, label) in [
                (plain.clone(), "neutral"),
                (format!("\u{201c}{plain}\u{201d}"), "positive"),
            ] {
                rows += &row(&format!("{i}-{k}-{label}"), &text, p, label);
            }
        }
    }
    rows
}

/// The probability of `positive` for a plain and a quoted sentence about the same person.
fn quoted_scores(flags: &[&str]) -> Vec<f64> {
    let dir = tempfile::tempdir().unwrap();
    let model = train(dir.path(), &quoted_data(), flags);
    let plain = "Boris was mentioned in the minutes";
    let quoted = format!("\u{201c}{plain}\u{201d}");
    let mut input = String::new();
    for (id, text) in [("plain", plain.to_string()), ("quoted", quoted)] {
        let start = text[..text.find("Boris").unwrap()].chars().count();
        input += &serde_json::json!({"id": id, "text": text, "actor": "Boris",
            "span": [start, start + 5]})
        .to_string();
        input.push('\n');
    }
    let input = write(dir.path(), "in.jsonl", input.as_bytes());
    classify(&model, &input)
        .iter()
        .map(|v| v["scores"]["positive"].as_f64().unwrap())
        .collect()
}

#[test]
fn a_mention_inside_a_quotation_reads_apart_from_the_same_words_outside() {
    let p = quoted_scores(&[]);
    assert!(p[0] < 0.5 && p[1] > 0.5, "{p:?}");
}

#[test]
fn without_mention_position_the_quoted_and_plain_mentions_read_alike() {
    // Every feature is then shared by both labels: the model cannot lean either way.
    let p = quoted_scores(&["--no-mention-position"]);
    assert!((p[0] - p[1]).abs() < 0.01, "{p:?}");
    assert!((p[0] - 0.5).abs() < 0.01, "{p:?}");
}
