//! Word pairs of the actor's clause: an act's direction read from its verb and object together.
//!
//! The data is an exclusive or. Helping the blue brigade is support and helping the green one
//! opposition; hitting them is the reverse. Every word, and every pair of neighbours, comes with
//! both labels equally often. A model that adds up evidence from single words and adjacent
//! pairs cannot get all four combinations right. If helped+blue and hit+green score above zero,
//! their sum does too, and that sum equals helped+green plus hit+blue, which would need both
//! of those below zero. Only a feature that holds the verb and the object together can.

mod common;
use common::{classify, train, write};

const ACTORS: [&str; 6] = ["Russia", "France", "Turkey", "Iran", "Britain", "China"];
const PLACES: [&str; 4] = ["Homs", "Aleppo", "Deraa", "Hama"];

/// The verb and object of each combination, and its label.
const COMBINATIONS: [(&str, &str, &str); 4] = [
    ("helped", "blue", "supports"),
    ("helped", "green", "opposes"),
    ("hit", "blue", "opposes"),
    ("hit", "green", "supports"),
];

fn record(id: &str, actor: &str, verb: &str, object: &str, place: &str) -> serde_json::Value {
    let text = format!("{actor} {verb} the {object} brigade near {place} on Sunday.");
    serde_json::json!({"id": id, "text": text, "actor": actor,
        "span": [0, actor.len()], "target": "Bashar al-Assad"})
}

fn data() -> String {
    let mut rows = String::new();
    for (a, actor) in ACTORS.iter().enumerate() {
        for (p, place) in PLACES.iter().enumerate() {
            for (c, (verb, object, label)) in COMBINATIONS.iter().enumerate() {
                let mut r = record(&format!("{a}-{p}-{c}"), actor, verb, object, place);
                r["label"] = (*label).into();
                rows += &r.to_string();
                rows.push('\n');
            }
        }
    }
    rows
}

/// Labels of the four combinations in a place the training data never names.
fn labels(flags: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let model = train(dir.path(), &data(), flags);
    let input: String = COMBINATIONS
        .iter()
        .enumerate()
        .map(|(c, (verb, object, _))| {
            record(&c.to_string(), "Russia", verb, object, "Idlib").to_string() + "\n"
        })
        .collect();
    let input = write(dir.path(), "in.jsonl", input.as_bytes());
    classify(&model, &input)
        .iter()
        .map(|r| r["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_verb_and_its_object_decide_together() {
    let expected: Vec<&str> = COMBINATIONS.iter().map(|c| c.2).collect();
    assert_eq!(labels(&["--min-df", "1"]), expected);
}

#[test]
fn without_clause_pairs_the_exclusive_or_cannot_be_read() {
    let expected: Vec<&str> = COMBINATIONS.iter().map(|c| c.2).collect();
    let got = labels(&["--min-df", "1", "--no-clause-pairs"]);
    let right = got.iter().zip(&expected).filter(|(g, e)| g == e).count();
    assert!(right < 4, "{got:?}");
}
