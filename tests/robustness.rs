//! The bad-input matrix and crash-safety tests through the binary, and property tests that feed
//! arbitrary bytes to every parser (the fuzzing that runs in CI). The matrix is listed in
//! docs/robustness.md.

mod common;
use common::{stance, write};

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use predicates::prelude::*;
use proptest::prelude::*;

#[test]
fn a_100_mb_single_line_is_refused_with_its_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.jsonl");
    let mut f = std::fs::File::create(&p).unwrap();
    f.write_all(b"{\"text\":\"ok\",\"label\":\"a\"}\n{\"text\":\"")
        .unwrap();
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..100 {
        f.write_all(&chunk).unwrap();
    }
    f.write_all(b"\",\"label\":\"b\"}\n").unwrap();
    drop(f);
    stance()
        .args(["classify", "--model", "stance"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "huge.jsonl:2: record is longer than the limit",
        ));
}

#[test]
fn odd_texts_are_classified_not_crashed_on() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "!!! ??? ... ---",
        "\u{1F600}\u{1F4A5}\u{1F525}",
        "2011 2012 3.5 1,000,000",
        "the of and to a in",
        "\u{0628}\u{0634}\u{0627}\u{0631} \u{0627}\u{0644}\u{0623}\u{0633}\u{062f}",
        "\u{041f}\u{0443}\u{0442}\u{0438}\u{043d} \u{043f}\u{043e}\u{0434}\u{0434}\u{0435}\u{0440}\u{0436}\u{0430}\u{043b} Assad \u{0410}\u{0441}\u{0430}\u{0434}\u{0430}",
        "nul \u{0} byte inside",
        "",
    ];
    let mut input = String::new();
    for (i, t) in texts.iter().enumerate() {
        input += &serde_json::json!({"id": i, "text": t, "actor": "Russia"}).to_string();
        input.push('\n');
    }
    let p = write(dir.path(), "odd.jsonl", input.as_bytes());
    let out = stance()
        .args(["classify", "--model", "stance"])
        .arg(&p)
        .assert()
        .success();
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout)
            .lines()
            .count(),
        texts.len()
    );
    // The same texts as articles: no actors, no rows, no error.
    let p = write(dir.path(), "odd.txt", texts.join("\n").as_bytes());
    stance()
        .args(["predict", "--format", "jsonl"])
        .arg(&p)
        .assert()
        .success();
}

#[test]
fn invalid_utf8_in_an_article_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "bad.txt",
        b"Russia backed Assad.\nTurkey \xff\xfe opposed him.\n",
    );
    stance()
        .args(["predict"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.txt:2: invalid UTF-8"));
}

#[test]
fn killing_train_leaves_the_previous_model_intact() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.model");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/syria/train.jsonl");
    stance()
        .args(["train", "-q", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&model)
        .assert()
        .success();
    let before = std::fs::read(&model).unwrap();
    for delay_ms in [50u64, 300, 800, 1500] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("stance"))
            .args(["train", "-q", "--c", "7", "--data"])
            .arg(&data)
            .arg("--out")
            .arg(&model)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read(&model).unwrap();
        // Either the old model or a complete new one, never a torn file.
        if now != before {
            stance()
                .args(["inspect", "--model"])
                .arg(&model)
                .assert()
                .success();
        }
        stance()
            .args(["inspect", "--model"])
            .arg(&model)
            .assert()
            .success();
    }
}

/// Cases per property: 64 in CI; `STANCE_FUZZ_CASES=100000` for a long fuzzing run.
fn fuzz_cases() -> u32 {
    std::env::var("STANCE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

fn model_bytes() -> &'static [u8] {
    stance::builtin::builtin_bytes("stance").expect("built with the stance model")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: fuzz_cases(), .. ProptestConfig::default() })]

    #[test]
    fn the_model_loader_refuses_damaged_files_without_panicking(cut in 0usize..4096, flip in any::<(usize, u8)>()) {
        let bytes = model_bytes();
        let cut = bytes.len().saturating_sub(cut + 1);
        prop_assert!(stance::StanceModel::from_bytes(&bytes[..cut], "cut").is_err());
        let mut flipped = bytes.to_vec();
        let at = flip.0 % flipped.len();
        flipped[at] ^= flip.1 | 1;
        prop_assert!(stance::StanceModel::from_bytes(&flipped, "flipped").is_err());
    }

    #[test]
    fn the_model_loader_survives_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048), header in any::<bool>()) {
        let mut input = if header { b"{\"format\":\"stance-model\",\"format_version\":1,\"tool_version\":\"x\",\"payload_bytes\":5,\"sha256\":\"00\"}\n".to_vec() } else { Vec::new() };
        input.extend(bytes);
        prop_assert!(stance::StanceModel::from_bytes(&input, "random").is_err());
    }

    #[test]
    fn record_readers_survive_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..1024), ext in prop::sample::select(vec!["jsonl", "csv", "tsv"])) {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), &format!("r.{ext}"), &bytes);
        let opts = stance::data::ReadOptions { require_label: true, ..Default::default() };
        if let Ok(stream) = stance::data::open_records(&p, &opts) {
            for r in stream {
                if let Err(e) = r {
                    prop_assert!(e.to_string().contains("r."), "errors name the file: {e}");
                }
            }
        }
    }

    #[test]
    fn mention_matching_and_articles_survive_arbitrary_text(text in "\\PC{0,300}") {
        let lexicon = stance::actors::ActorLexicon::builtin();
        let matcher = stance::actors::MentionMatcher::new(&lexicon);
        let found = matcher.find(&lexicon, &text, None);
        for m in &found {
            prop_assert!(m.start < m.end && m.end <= text.len() && text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        // People and bodies found outside the lexicon: spans inside the text, on char boundaries.
        for d in stance::actors::discover(&lexicon, &text, &found) {
            for (s, e) in d.spans {
                prop_assert!(s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
            }
        }
    }
}

#[test]
fn articles_with_random_news_words_never_crash() {
    let model = stance::builtin::load_model("stance").unwrap();
    let lexicon = stance::actors::ActorLexicon::builtin();
    let matcher = stance::actors::MentionMatcher::new(&lexicon);
    let words = [
        "Russia",
        "U.S.",
        "Gen.",
        "he",
        "it",
        "Assad",
        "the",
        "Russian",
        "president",
        "said",
        ".",
        ",",
        "\u{201C}",
        "Iranian-backed",
        "militias",
        "not",
        "Moscow",
        "in",
        "Lt.",
        "Col.",
        "\n\n",
        "Erdoğan",
        "'s",
        "...",
        // Words that make discovered bodies: a head, its cause, its initials, a demonym.
        "Levant",
        "Front",
        "Network",
        "for",
        "of",
        "Human",
        "Rights",
        "(SNHR)",
        "SNHR",
        "(",
        ")",
        "Turkish",
        "Army",
        "Division",
        "Syrian",
    ];
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    });
    runner
        .run(
            &proptest::collection::vec(proptest::sample::select(words.to_vec()), 0..60),
            |ws| {
                let article = stance::article::Article {
                    id: "p".into(),
                    text: ws.join(" "),
                    date: None,
                };
                let rows = stance::article::analyze(
                    &article,
                    &model,
                    None,
                    &lexicon,
                    &matcher,
                    &Default::default(),
                )
                .unwrap();
                for r in rows {
                    for e in r.evidence {
                        prop_assert!(e.start < e.end && e.end <= article.text.chars().count());
                    }
                }
                Ok(())
            },
        )
        .unwrap();
}
