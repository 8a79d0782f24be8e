//! The training words' character n-gram ids stored with a model (format version 5): they are the
//! ids looking each n-gram up gives, `classify` writes the same bytes from a format-4 file
//! (which has none) and a format-5 file, and a damaged table is refused.

mod common;

use std::path::Path;

use common::{stance, tiny_data, tiny_model, train, write};
use stance::features::FeatureSink;
use stance::model::file;
use stance::StanceModel;

/// The ids of `word`'s n-grams in `range` looked up one by one, as a model without stored words
/// finds them.
fn looked_up(m: &StanceModel, word: &str, (lo, hi): (usize, usize)) -> Vec<u32> {
    let mut strings: Vec<String> = Vec::new();
    strings.char_ngrams(word, lo, hi);
    strings
        .iter()
        .filter_map(|f| m.vectorizer.index_of(f))
        .collect()
}

#[test]
fn stored_ids_are_the_looked_up_ids_of_the_words_seen_twice() {
    let dir = tempfile::tempdir().unwrap();
    let m = StanceModel::load(&tiny_model(dir.path())).unwrap();
    assert_eq!(m.format_version(), 5);
    let known = m.vectorizer.known_words();
    let range = m.options.extract.char_ngrams.expect("on by default");
    assert_eq!(known.range(), range);
    let words: Vec<&str> = known.iter().map(|(w, _)| w).collect();
    // Lower-cased ("Cairo"), and only words seen at least twice: "vetoed" is in one record
    // ("China vetoed the draft resolution condemning Assad."); actors' names are masked, so
    // they have no n-grams.
    assert!(
        words.contains(&"cairo") && words.contains(&"the"),
        "{words:?}"
    );
    assert!(!words.contains(&"vetoed") && !words.contains(&"Cairo") && !words.contains(&"assad"));
    for (word, ids) in known.iter() {
        assert!(!ids.is_empty(), "{word}");
        assert_eq!(ids, looked_up(&m, word, range), "{word}");
        assert_eq!(m.vectorizer.known_ngrams(word, range), Some(ids));
    }
    // Another n-gram range is not answered from the table.
    assert_eq!(m.vectorizer.known_ngrams("cairo", (1, 3)), None);
    assert_eq!(m.vectorizer.known_ngrams("vetoed", range), None);
}

#[test]
fn classify_writes_the_same_bytes_from_format_4_and_5_files_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    // Without the clause's word pairs, which format 4 cannot hold (`clause_pairs_need_format_5`).
    let records = std::fs::read_to_string(tiny_data()).unwrap();
    let v5 = train(
        dir.path(),
        &records,
        &["--min-df", "1", "--no-clause-pairs"],
    );
    let m = StanceModel::load(&v5).unwrap();
    assert!(!m.vectorizer.known_words().is_empty());
    let v4 = dir.path().join("v4.model");
    m.save_as(&v4, 4).unwrap();
    let old = StanceModel::load(&v4).unwrap();
    assert_eq!(old.format_version(), 4);
    assert!(old.vectorizer.known_words().is_empty());
    // The training sentences, the same in capitals, and words the model never saw.
    let mut input = std::fs::read_to_string(tiny_data()).unwrap();
    for line in input.clone().lines() {
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap().to_uppercase() + " Zyxqwv ÉLAN naïve";
        v["text"] = text.into();
        v["id"] = format!("{}-upper", v["id"].as_str().unwrap()).into();
        input.push_str(&(v.to_string() + "\n"));
    }
    let data = write(dir.path(), "input.jsonl", input.as_bytes());
    let run = |model: &Path, threads: &str| {
        let out = stance()
            .args(["classify", "-q", "--format", "jsonl", "--threads", threads])
            .arg("--model")
            .arg(model)
            .arg(&data)
            .assert()
            .success();
        out.get_output().stdout.clone()
    };
    let reference = run(&v4, "1");
    assert_eq!(reference.iter().filter(|&&b| b == b'\n').count(), 72);
    for (model, threads) in [(&v4, "2"), (&v5, "1"), (&v5, "2")] {
        assert!(
            run(model, threads) == reference,
            "{} --threads {threads}",
            model.display()
        );
    }
}

#[test]
fn a_damaged_known_word_table_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let m = StanceModel::load(&tiny_model(dir.path())).unwrap();
    let good = serde_json::to_value(&m).unwrap();
    let features = m.vectorizer.len() as u64;
    for (what, edit, message) in [
        (
            "an id past the vocabulary",
            &(|v: &mut serde_json::Value| {
                v["vectorizer"]["known_words"]["ids"][0] = features.into();
            }) as &dyn Fn(&mut serde_json::Value),
            "outside the vocabulary",
        ),
        (
            "counts that do not add up",
            &|v: &mut serde_json::Value| {
                let counts = &mut v["vectorizer"]["known_words"]["counts"][0];
                *counts = (counts.as_u64().unwrap() + 1).into();
            },
            "n-gram counts add up to",
        ),
        (
            "a count missing",
            &|v: &mut serde_json::Value| {
                v["vectorizer"]["known_words"]["counts"]
                    .as_array_mut()
                    .unwrap()
                    .pop();
            },
            "n-gram counts",
        ),
        (
            "unsorted words",
            &|v: &mut serde_json::Value| {
                v["vectorizer"]["known_words"]["words"]
                    .as_array_mut()
                    .unwrap()
                    .swap(0, 1);
            },
            "not sorted and unique",
        ),
    ] {
        let mut v = good.clone();
        edit(&mut v);
        // Forged through the model's own types, so the payload decodes and only the checks
        // after decoding can catch it (the checksum matches what was written).
        let forged: StanceModel = serde_json::from_value(v).unwrap();
        let bytes = file::encode(&forged, 5).unwrap();
        let err = StanceModel::from_bytes(&bytes, what)
            .err()
            .unwrap_or_else(|| panic!("{what} was accepted"))
            .to_string();
        assert!(err.contains(message), "{what}: {err}");
    }
}
