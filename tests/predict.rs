//! `stance predict` and `stance actors` through the binary on articles written for these tests,
//! with the built-in models.

mod common;
use common::{predict, stance};

use assert_cmd::Command;
use predicates::prelude::*;

fn stance_of(rows: &[serde_json::Value], actor: &str) -> String {
    rows.iter()
        .find(|r| r["actor"] == actor)
        .unwrap_or_else(|| panic!("{actor} not reported in {rows:?}"))["stance"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn two_actors_with_opposite_stances_in_one_sentence() {
    let rows = predict(
        "Putin warned against arming the rebels, while Obama said the Syrian president had to go.",
        &[],
    );
    assert_eq!(stance_of(&rows, "Vladimir Putin"), "supports");
    assert_eq!(stance_of(&rows, "Barack Obama"), "opposes");
    assert_eq!(
        rows.len(),
        2,
        "the target itself is not a stance holder: {rows:?}"
    );
}

/// Russia's row for `text` in 2015, when its known alignment is `supports`.
fn russia_2015(text: &str) -> serde_json::Value {
    predict(text, &["--date", "2015-06-01"])
        .into_iter()
        .find(|r| r["actor"] == "Russia")
        .unwrap_or_else(|| panic!("Russia not reported for {text:?}"))
}

#[test]
fn negation_decides() {
    // Decided by the text, not by Russia's known alignment: the twin without the negation goes
    // against that alignment, and the text reads it there.
    let not = russia_2015("Moscow said it would not allow a no-fly zone over Syria.");
    assert_eq!(not["stance"], "supports", "{not}");
    assert_eq!(not["decided_by"], "text", "{not}");
    let twin = russia_2015("Moscow said it would allow a no-fly zone over Syria.");
    assert_eq!(twin["known"], "supports");
    assert_eq!(twin["text_stance"], "opposes", "{twin}");
    // Above the vote floor: the text's 0.87 for opposes, against the alignment at w = 1.0,
    // leaves 0.74 (at the previous weight, 1.5, a model trained on parts 1-27 only fell under
    // the floor of 0.6 and reported neutral; docs/defaults.md, stages 10 and 11).
    assert_eq!(twin["stance"], "opposes", "{twin}");
    assert_eq!(twin["decided_by"], "text", "{twin}");
}

#[test]
fn negation_with_never_decides() {
    let never = russia_2015("Moscow said it would never allow a no-fly zone over Syria.");
    assert_eq!(never["stance"], "supports", "{never}");
    assert_eq!(never["decided_by"], "text", "{never}");
}

#[test]
fn a_backer_named_by_its_proxies_is_reported() {
    let rows = predict(
        "Turkish-backed factions attacked government positions near Saraqeb on Thursday.",
        &[],
    );
    assert_eq!(stance_of(&rows, "Turkey"), "opposes");
    assert_eq!(stance_of(&rows, "Syrian National Army"), "opposes");
}

#[test]
fn the_article_date_selects_the_known_alignment_but_not_the_text_reading() {
    // Bahrain reopened its embassy in Damascus at the end of 2018: its known alignment changes
    // with the date, what the sentence says does not.
    let text = "Bahrain said its embassy in Damascus would keep working.";
    let before = predict(text, &["--date", "2015-06-01"]);
    let after = predict(text, &["--date", "2020-06-01"]);
    let row = |rows: &[serde_json::Value]| {
        rows.iter()
            .find(|r| r["actor"] == "Bahrain")
            .cloned()
            .unwrap_or_else(|| panic!("Bahrain not reported in {rows:?}"))
    };
    let (before, after) = (row(&before), row(&after));
    assert_eq!(before["known"], "opposes");
    assert_eq!(after["known"], "supports");
    assert_eq!(before["date"], "2015-06-01");
    assert_eq!(before["text_stance"], after["text_stance"]);
    assert_eq!(before["text_confidence"], after["text_confidence"]);
}

#[test]
fn a_partisan_actor_doing_something_neutral() {
    let rows = predict(
        "Iran's foreign minister will travel to Geneva on Monday.",
        &["--rollup"],
    );
    assert_eq!(stance_of(&rows, "Iran"), "neutral");
    assert_eq!(rows.len(), 1);
}

#[test]
fn titles_and_pronouns_reach_the_person() {
    let text = "The Russian president met his Turkish counterpart in Sochi on Tuesday. He said Moscow would keep backing the Syrian army.";
    let rows = predict(text, &["--date", "2018-09-17"]);
    let putin = rows
        .iter()
        .find(|r| r["actor"] == "Vladimir Putin")
        .expect("the title reaches Putin");
    assert!(
        putin["mentions"].as_u64().unwrap() >= 2,
        "title and pronoun both count: {putin}"
    );
    let inferred = putin["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["inferred"] == true && e["mention"] == "He");
    assert!(
        inferred,
        "the pronoun sentence is evidence, flagged as inferred: {putin}"
    );
    let out = Command::cargo_bin("stance")
        .unwrap()
        .args(["actors", "--format", "jsonl", "--date", "2018-09-17", "-"])
        .write_stdin(text)
        .assert()
        .success();
    let found: Vec<serde_json::Value> = String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let he = found.iter().find(|m| m["text"] == "He").unwrap();
    assert_eq!(he["actor"], "Vladimir Putin");
    assert_eq!(he["inferred"], true);
    assert_eq!(
        (he["start"].as_u64(), he["end"].as_u64()),
        (Some(71), Some(73))
    );
}

#[test]
fn us_never_ends_a_sentence_by_mistake() {
    let text = "U.S. officials said on Monday that Gen. Joseph Votel had met Lt. Col. Ahmed Berri near the border. Washington condemned the government's siege of Ghouta and imposed new sanctions on Syrian officials. The sanctions were drafted by the U.S. Treasury Department.";
    let rows = predict(text, &[]);
    let us = rows.iter().find(|r| r["actor"] == "United States").unwrap();
    for e in us["evidence"].as_array().unwrap() {
        let s = e["sentence"].as_str().unwrap();
        assert!(s.ends_with('.') && !s.ends_with("U.S."), "{s}");
        let (start, end) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text.chars()
                .skip(start)
                .take(end - start)
                .collect::<String>(),
            s,
            "offsets are character offsets"
        );
    }
    assert_eq!(us["stance"], "opposes");
}

#[test]
fn sources_and_the_target_are_not_stance_holders_unless_asked() {
    let text = "Turkey condemned the shelling of Idlib, the Associated Press reported, and Assad's forces kept up the bombardment.";
    let rows = predict(text, &[]);
    assert!(
        rows.iter()
            .all(|r| r["actor"] != "Associated Press" && r["actor"] != "Bashar al-Assad"),
        "{rows:?}"
    );
    assert!(rows.iter().any(|r| r["actor"] == "Turkey"));
    let rows = predict(text, &["--include-sources", "--include-target"]);
    assert!(rows.iter().any(|r| r["actor"] == "Associated Press"));
}

#[test]
fn an_article_without_actors_gives_no_rows() {
    Command::cargo_bin("stance")
        .unwrap()
        .args(["predict", "--format", "jsonl", "-"])
        .write_stdin("The weather was mild and the markets were calm.")
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
}

#[test]
fn the_readme_example_runs_from_a_fresh_clone() {
    let root = env!("CARGO_MANIFEST_DIR");
    Command::cargo_bin("stance")
        .unwrap()
        .current_dir(root)
        .args(["predict", "examples/aleppo-2016.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Russia").and(predicate::str::contains("supports")));
}

#[test]
fn sentiment_gives_each_actor_a_tone() {
    let rows = predict("Critics slammed Erdogan for a disastrous offensive, while Macron was praised for a deft diplomatic success.", &["--sentiment", "sentiment"]);
    let tone = |a: &str| {
        rows.iter().find(|r| r["actor"] == a).unwrap()["tone"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(tone("Recep Tayyip Erdogan"), "negative");
    assert_eq!(tone("Emmanuel Macron"), "positive");
}

#[test]
fn predict_explain_names_the_features_behind_each_evidence_sentence() {
    let rows = predict(
        "Putin warned against arming the rebels, while Obama said the Syrian president had to go.",
        &["--explain", "4"],
    );
    for r in &rows {
        let because = r["evidence"][0]["because"].as_array().unwrap();
        assert_eq!(because.len(), 4, "{r}");
        let weights: Vec<f64> = because.iter().map(|b| b[1].as_f64().unwrap()).collect();
        assert!(
            weights.windows(2).all(|w| w[0] >= w[1]),
            "largest first: {weights:?}"
        );
    }
    let plain = predict("Putin warned against arming the rebels.", &[]);
    assert!(plain[0]["evidence"][0].get("because").is_none());
}

#[test]
fn predict_output_does_not_depend_on_the_thread_count() {
    let gold =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/syria/articles/gold.jsonl");
    let run = |threads: &str| {
        let out = Command::cargo_bin("stance")
            .unwrap()
            .args(["predict", "--format", "jsonl", "--threads", threads])
            .arg(&gold)
            .assert()
            .success();
        out.get_output().stdout.clone()
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("2"));
}

#[test]
fn article_fields_can_be_named_and_a_missing_one_lists_what_is_there() {
    let line = r#"{"key": "k1", "when": "2016-05-01", "body": "Iran backed Assad."}"#;
    let out = stance()
        .args([
            "predict",
            "--format",
            "jsonl",
            "--text-field",
            "body",
            "--id-field",
            "key",
            "--date-field",
            "when",
            "-",
        ])
        .write_stdin(line)
        .assert()
        .success();
    let row: serde_json::Value = serde_json::from_slice(
        out.get_output()
            .stdout
            .split(|&b| b == b'\n')
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(row["id"], "k1");
    assert_eq!(row["date"], "2016-05-01");
    assert_eq!(row["actor"], "Iran");
    // The twin without the flags: the text field is missing, and the message says what to do.
    stance()
        .args(["predict", "--format", "jsonl", "-"])
        .write_stdin(line)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "-:1: missing field \"text\" (fields: body, key, when); name the text field with --text-field",
        ));
    // Set once for a project, through the environment.
    stance()
        .args(["predict", "--format", "jsonl", "-"])
        .env("STANCE_TEXT_FIELD", "body")
        .write_stdin(line)
        .assert()
        .success();
}

#[test]
fn readings_list_every_sentence_an_actor_was_read_in() {
    let text = "Turkey said on Monday that its troops would stay in the north. The Syrian Foreign \
                Ministry said Turkey must withdraw its forces at once. Ankara also closed the \
                border crossing to trade.";
    let rows = predict(text, &["--readings", "--date", "2016-05-01"]);
    let turkey = rows.iter().find(|r| r["actor"] == "Turkey").unwrap();
    let readings = turkey["readings"].as_array().unwrap();
    // All three sentences, in text order, where the evidence keeps only those that voted.
    assert_eq!(readings.len(), 3, "{turkey}");
    assert_eq!(turkey["evidence"].as_array().unwrap().len(), 2, "{turkey}");
    let chars: Vec<char> = text.chars().collect();
    let mut last = 0;
    for r in readings {
        let (s, e) = (
            r["mention_span"][0].as_u64().unwrap() as usize,
            r["mention_span"][1].as_u64().unwrap() as usize,
        );
        assert_eq!(chars[s..e].iter().collect::<String>(), r["mention"], "{r}");
        assert!(
            r["start"].as_u64().unwrap() as usize <= s && e <= r["end"].as_u64().unwrap() as usize
        );
        assert!(s >= last, "text order: {readings:?}");
        last = s;
    }
    // Named only inside the ministry's words: read, marked, and not voting while Turkey's own
    // sentences are there; its own sentences vote.
    let quoted: Vec<bool> = readings
        .iter()
        .map(|r| r["quoted"].as_bool().unwrap())
        .collect();
    let voted: Vec<bool> = readings
        .iter()
        .map(|r| r["voted"].as_bool().unwrap())
        .collect();
    assert_eq!(quoted, [false, true, false]);
    assert_eq!(voted, [true, false, true]);
    // Asked for only: the default rows stay as they were.
    let plain = predict(text, &["--date", "2016-05-01"]);
    assert!(
        plain.iter().all(|r| r.get("readings").is_none()),
        "{plain:?}"
    );
}

#[test]
fn readings_need_a_format_that_can_hold_them() {
    for format in ["table", "csv"] {
        stance()
            .args(["predict", "--readings", "--format", format, "-"])
            .write_stdin("Moscow said it would not allow a no-fly zone over Syria.")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--readings"));
    }
}
