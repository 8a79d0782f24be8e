//! Fuzzes the record readers (`stance::data::open_records`).
//!
//! Input: first byte picks the reader (bits 0-1: JSONL, CSV, TSV, NewsMTSC; bit 2: require a
//! label; bit 3: small `max_record_bytes`); the rest is the file.

use stance::data::{open_records, InputFormat, ReadOptions};

fn main() {
    let path = stance_fuzz::scratch_path("records", "dat");
    afl::fuzz!(|data: &[u8]| {
        let Some((&sel, body)) = data.split_first() else {
            return;
        };
        let format = match sel & 3 {
            0 => InputFormat::Jsonl,
            1 => InputFormat::Csv,
            2 => InputFormat::Tsv,
            _ => InputFormat::Newsmtsc,
        };
        let options = ReadOptions {
            format,
            require_label: sel & 4 != 0,
            max_record_bytes: if sel & 8 != 0 { 64 } else { 64 << 20 },
            ..Default::default()
        };
        stance_fuzz::write_scratch(&path, body);
        let Ok(stream) = open_records(&path, &options) else {
            return;
        };
        // Bounded: a reader that never ends is a bug too, and shows up as a hang.
        for item in stream.take(1_000_000) {
            if let Ok(record) = item {
                // Downstream code slices the text with the span; it must be usable.
                let _ = record.byte_span();
            }
        }
    });
    let _ = std::fs::remove_file(&path);
}
