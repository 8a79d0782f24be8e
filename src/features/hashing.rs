//! Feature hashing (`train --hash-bits N`): feature strings go straight to one of 2^N columns, so
//! a model needs no vocabulary and no pass over the data to build one.
//!
//! As Vowpal Wabbit and scikit-learn's `HashingVectorizer` do: a column is the low N bits of a
//! 64-bit hash of the feature string, and its sign another bit of the same hash (Weinberger et
//! al., "Feature Hashing for Large Scale Multitask Learning", 2009), so two features that share a
//! column add with independent signs and their collision is unbiased on average.
//!
//! A hashed row is the projection of the row the vocabulary vectorizer would build without IDF:
//! term counts (sublinear when asked), each block L2-normalised over its own features, then
//! hashed. Normalising before the projection keeps a row's scale independent of collisions.
//!
//! No IDF: document frequencies would take a pass over the data before the first epoch (at 10M
//! records, as long as an epoch), would be counted per column (collisions merged), and they
//! matter little to a logistic model fitted on millions of rows, whose per-feature weights
//! absorb any per-column scale (Vowpal Wabbit does not weight by IDF either).

use serde::{Deserialize, Serialize};

use super::extract::{Block, FeatureSink};
use crate::error::{Error, Result};

/// The accepted `--hash-bits`: from 1,024 columns (a toy) to 2^26 = 67M, whose weights for
/// three labels already take 1.6 GB in training.
pub const HASH_BITS: std::ops::RangeInclusive<u8> = 10..=26;

/// The hash function of a hashed vectorizer, stored in the model so that a later change of
/// function is a new variant, never a silent change of columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HashFunction {
    /// XXH3-64 of the feature's UTF-8 bytes (seed 0): column = the low bits, sign = the top bit.
    Xxh3Signed,
}

impl HashFunction {
    /// The function in words, for the model card.
    pub fn describe(self) -> &'static str {
        match self {
            HashFunction::Xxh3Signed => "XXH3-64, signed",
        }
    }
}

/// The settings of a hashed vectorizer; stored in the model file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hashing {
    /// The vectorizer has 2^bits columns.
    pub bits: u8,
    /// How a feature string becomes a column and a sign.
    pub function: HashFunction,
}

impl Hashing {
    /// Hashing into 2^`bits` columns with the current function; `bits` outside [`HASH_BITS`] is
    /// refused.
    pub fn new(bits: u8) -> Result<Self> {
        let h = Hashing {
            bits,
            function: HashFunction::Xxh3Signed,
        };
        h.check()?;
        Ok(h)
    }

    /// Refuses a number of bits outside [`HASH_BITS`] (a model file can hold any).
    pub fn check(&self) -> Result<()> {
        if !HASH_BITS.contains(&self.bits) {
            return Err(Error::Param(format!(
                "hash bits {} is not in {}..={}",
                self.bits,
                HASH_BITS.start(),
                HASH_BITS.end()
            )));
        }
        Ok(())
    }

    /// Number of columns, 2^bits.
    pub fn columns(&self) -> usize {
        1 << self.bits
    }

    /// The 64-bit hash of a feature string.
    #[inline]
    pub fn hash(&self, feature: &str) -> u64 {
        match self.function {
            HashFunction::Xxh3Signed => xxhash_rust::xxh3::xxh3_64(feature.as_bytes()),
        }
    }

    /// The column and sign (+1 or -1) of a feature's hash.
    #[inline]
    pub fn column(&self, hash: u64) -> (u32, f32) {
        let column = (hash & ((1u64 << self.bits) - 1)) as u32;
        let sign = if hash >> 63 == 1 { -1.0 } else { 1.0 };
        (column, sign)
    }

    /// Each distinct feature of `features` (hashes with their blocks, repeats are term counts)
    /// as (hash, column, signed value), in hash order: the row before features sharing a column
    /// are added up. `features` is left sorted.
    pub fn entries(
        &self,
        features: &mut [(u64, Block)],
        sublinear_tf: bool,
        block_weights: [f32; 4],
    ) -> Vec<(u64, u32, f32)> {
        features.sort_unstable_by_key(|&(h, b)| (h, b as u8));
        let mut out: Vec<(u64, u32, f32)> = Vec::with_capacity(features.len());
        let mut blocks: Vec<Block> = Vec::with_capacity(features.len());
        for &(h, b) in features.iter() {
            match out.last_mut() {
                Some((last, _, tf)) if *last == h => *tf += 1.0,
                _ => {
                    out.push((h, 0, 1.0));
                    blocks.push(b);
                }
            }
        }
        let mut norms = [0f32; 4];
        for ((_, _, v), &b) in out.iter_mut().zip(&blocks) {
            if sublinear_tf {
                *v = 1.0 + v.ln();
            }
            norms[b as usize] += *v * *v;
        }
        let mut scale = [0f32; 4];
        for ((s, n), w) in scale.iter_mut().zip(norms).zip(block_weights) {
            *s = if n > 0.0 { w / n.sqrt() } else { 0.0 };
        }
        for ((h, column, v), &b) in out.iter_mut().zip(&blocks) {
            let (c, sign) = self.column(*h);
            *column = c;
            *v *= sign * scale[b as usize];
        }
        out.retain(|&(_, _, v)| v != 0.0);
        out
    }

    /// One row: (column, value) sorted by column, features sharing a column added up in hash
    /// order (so the sum's rounding is the same on every run).
    pub fn row(
        &self,
        features: &mut [(u64, Block)],
        sublinear_tf: bool,
        block_weights: [f32; 4],
    ) -> Vec<(u32, f32)> {
        let mut entries = self.entries(features, sublinear_tf, block_weights);
        // Stable: equal columns keep their hash order.
        entries.sort_by_key(|&(_, c, _)| c);
        let mut row: Vec<(u32, f32)> = Vec::with_capacity(entries.len());
        for (_, c, v) in entries {
            match row.last_mut() {
                Some((last, sum)) if *last == c => *sum += v,
                _ => row.push((c, v)),
            }
        }
        // Opposite signs can cancel exactly; a stored zero would only cost time.
        row.retain(|&(_, v)| v != 0.0);
        row
    }
}

/// Hashes each feature as it is formatted, keeping (hash, block): no string outlives its
/// formatting.
pub struct HashSink {
    hashing: Hashing,
    buffer: String,
    /// The hash and block of each feature seen, in emission order (repeats are term counts).
    pub features: Vec<(u64, Block)>,
}

impl HashSink {
    /// A sink hashing with `hashing`.
    pub fn new(hashing: Hashing) -> Self {
        HashSink {
            hashing,
            buffer: String::with_capacity(64),
            features: Vec::with_capacity(256),
        }
    }
}

impl FeatureSink for HashSink {
    fn buffer(&mut self) -> &mut String {
        &mut self.buffer
    }

    fn take(&mut self) {
        let h = self.hashing.hash(&self.buffer);
        self.features.push((h, Block::of(&self.buffer)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_signs_are_the_same_on_every_run_and_build() {
        // Fixed by XXH3's specification: a model file trained today must read the same columns
        // after any rebuild or upgrade. The hashes are the reference C implementation's (Python's
        // `xxhash.xxh3_64_intdigest`, xxHash 0.8).
        let h = Hashing::new(20).unwrap();
        assert_eq!(h.hash(""), 0x2d06800538d394c2);
        assert_eq!(h.hash("w:assad"), 0x470c2d17613fb714);
        assert_eq!(h.hash("c:ve"), 0x83f860e6818c5661);
        let columns: Vec<(u32, f32)> = ["w:assad", "w:veto", "c:ve", "q:pro"]
            .iter()
            .map(|f| h.column(h.hash(f)))
            .collect();
        assert_eq!(
            columns,
            [(1029908, 1.0), (973381, 1.0), (808545, -1.0), (310949, 1.0)]
        );
        // Fewer bits keep the low bits of the same hash.
        let small = Hashing::new(10).unwrap();
        for f in ["w:assad", "w:veto", "c:ve"] {
            let (c20, s20) = h.column(h.hash(f));
            assert_eq!(small.column(small.hash(f)), (c20 & 1023, s20));
        }
    }

    #[test]
    fn bits_out_of_range_are_refused() {
        assert!(Hashing::new(9).is_err());
        assert!(Hashing::new(27).is_err());
        assert_eq!(Hashing::new(26).unwrap().columns(), 1 << 26);
    }

    #[test]
    fn a_row_is_the_normalised_counts_projected() {
        let h = Hashing::new(16).unwrap();
        let mut sink = HashSink::new(h);
        for f in ["w:a", "w:a", "w:b", "c:xy", "q:pro"] {
            sink.emit_prefixed("", f);
        }
        let row = h.row(&mut sink.features, true, [1.0; 4]);
        let value = |f: &str| {
            let (c, s) = h.column(h.hash(f));
            row.iter().find(|&&(j, _)| j == c).map(|&(_, v)| v * s)
        };
        // Words: tf 2 -> 1 + ln 2, tf 1 -> 1, normalised together; the other blocks alone.
        let a = 1.0 + 2f32.ln();
        let norm = (a * a + 1.0).sqrt();
        assert!((value("w:a").unwrap() - a / norm).abs() < 1e-6);
        assert!((value("w:b").unwrap() - 1.0 / norm).abs() < 1e-6);
        assert!((value("c:xy").unwrap() - 1.0).abs() < 1e-6);
        assert!((value("q:pro").unwrap() - 1.0).abs() < 1e-6);
        assert!(row.windows(2).all(|w| w[0].0 < w[1].0));
        // The order of emission does not change the row.
        let mut again = HashSink::new(h);
        for f in ["q:pro", "c:xy", "w:b", "w:a", "w:a"] {
            again.emit_prefixed("", f);
        }
        assert_eq!(h.row(&mut again.features, true, [1.0; 4]), row);
    }

    #[test]
    fn features_sharing_a_column_add_with_their_signs() {
        // With 10 bits (1,024 columns) among 5,000 distinct words some must share a column.
        let h = Hashing::new(10).unwrap();
        let words: Vec<String> = (0..5000).map(|i| format!("w:{i}")).collect();
        let mut sink = HashSink::new(h);
        for w in &words {
            sink.emit_prefixed("", w);
        }
        let row = h.row(&mut sink.features, false, [1.0; 4]);
        assert!(row.len() <= 1024);
        let mut expected = vec![0f64; 1024];
        let unit = 1.0 / (words.len() as f64).sqrt();
        for w in &words {
            let (c, s) = h.column(h.hash(w));
            expected[c as usize] += s as f64 * unit;
        }
        for &(c, v) in &row {
            assert!((v as f64 - expected[c as usize]).abs() < 1e-5, "column {c}");
        }
        // Signs are balanced: about as many negative as positive columns.
        let negative = row.iter().filter(|&&(_, v)| v < 0.0).count();
        assert!(
            (350..650).contains(&negative),
            "{negative} of {}",
            row.len()
        );
    }
}
