//! Fuzzes the sentence splitter (`stance::text::split_sentences`).
//!
//! Besides panics, checks what every caller relies on: each sentence is a valid, non-empty slice
//! of the text, and sentences come in order without overlapping.

use stance::text::split_sentences;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let sentences = split_sentences(text);
        let mut prev_end = 0;
        for s in &sentences {
            stance_fuzz::check_span(text, s.start, s.end, "sentence");
            assert!(
                s.start >= prev_end,
                "sentence {}..{} overlaps the previous one (ends at {prev_end})",
                s.start,
                s.end
            );
            prev_end = s.end;
            let _ = s.as_str(text);
        }
    });
}
