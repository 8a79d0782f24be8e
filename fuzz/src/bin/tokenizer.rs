//! Fuzzes the tokenizer and the text analyzer chain (`stance::text::Analyzer`), with the default
//! options and with every filter switched by the first byte.

use std::panic::AssertUnwindSafe;

use stance::text::{tokenize, Analyzer, TextOptions};

fn main() {
    // The analyzers hold trait objects; they are only read inside the loop.
    let default = AssertUnwindSafe(Analyzer::new(&TextOptions::default()));
    let variants: AssertUnwindSafe<Vec<Analyzer>> = AssertUnwindSafe((0u8..8)
        .map(|bits| {
            Analyzer::new(&TextOptions {
                stem: bits & 1 != 0,
                negation: bits & 2 != 0,
                lowercase: bits & 4 != 0,
                ..TextOptions::default()
            })
        })
        .collect());
    afl::fuzz!(|data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        for t in tokenize(text) {
            stance_fuzz::check_span(text, t.start, t.end, "token");
        }
        for t in default.analyze(text) {
            stance_fuzz::check_span(text, t.start, t.end, "analyzed token");
            let _ = t.feature();
        }
        if let Some(&b) = data.first() {
            for t in variants[(b & 7) as usize].analyze(text) {
                let _ = t.feature();
            }
        }
    });
}
