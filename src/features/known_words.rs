//! The character n-gram ids of the training set's words, stored with a fitted vectorizer (model
//! format version 5).
//!
//! Character n-grams are most of a sentence's features: a word of eight letters has 30 of them
//! (2 to 5 characters), each a string hashed and looked up in a vocabulary of millions, about two
//! cache misses apiece. The per-worker [`NgramCache`](super::NgramCache) answers a word seen before
//! in the same process, but every `classify` process starts cold: on 10k news sentences the first
//! sight of each of their 20k distinct words cost a fifth of the process's CPU. The training set
//! already names nearly every word a test set holds (99.5 % of the distinct words of the
//! generated news test set), so the model carries each frequent training word's n-gram ids and a
//! known word costs one lookup, in a table small enough to stay in cache.
//!
//! The ids are made by looking the word's n-grams up in the final vocabulary, exactly as
//! prediction would, so the stored path and the looked-up path give the same ids in the same
//! order (`tests/known_words.rs` checks it on a trained model).

use serde::{Deserialize, Serialize};

use super::extract::{char_ngrams, FeatureSink};
use super::vocabulary::{FeatureIndex, Vocabulary};

/// Lower-cased words and the vocabulary ids of their character n-grams, for one n-gram range.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct KnownWords {
    /// The n-gram range (`lo..=hi`) the ids are for; (0, 0) when there are no words.
    range: (usize, usize),
    /// The words, lower-cased, sorted and unique.
    words: Vocabulary,
    /// How many ids each word has in `ids`, in word order.
    counts: Vec<u32>,
    /// The ids of every word's n-grams, word after word, in the order prediction emits them.
    ids: Vec<u32>,
    /// Where each word's ids start in `ids`, and after the last word, its end (from `counts`).
    #[serde(skip)]
    starts: Vec<u32>,
    #[serde(skip)]
    index: FeatureIndex,
}

impl KnownWords {
    /// Words kept at most: the most frequent ones, so that a corpus of millions of sentences
    /// (whose rare words are mostly names and typos) adds a few megabytes to its model, not tens.
    pub const MAX_WORDS: usize = 1 << 16;

    /// Fewest times a training word must occur to be kept: a word seen once is rarely seen again.
    pub const MIN_COUNT: u32 = 2;

    /// The known words of a vocabulary, from training words (any case) and how often each
    /// occurred: the [`MAX_WORDS`](Self::MAX_WORDS) most frequent of those seen at least
    /// [`MIN_COUNT`](Self::MIN_COUNT) times, each with the ids `lookup` gives its n-grams in
    /// `range`. Deterministic: ties are broken by the word. Fails only when the kept words add
    /// up to over 4 GiB of text (tokens of tens of kilobytes each).
    pub fn select(
        counts: impl IntoIterator<Item = (String, u32)>,
        range: (usize, usize),
        index_of: impl Fn(&str) -> Option<u32> + Sync,
    ) -> crate::error::Result<Self> {
        use rayon::prelude::*;
        // Counted under the lower-cased word, as prediction's cache keys them ("Rebels" and
        // "rebels" have the same n-grams).
        let mut merged: rustc_hash::FxHashMap<String, u32> = Default::default();
        for (w, c) in counts {
            *merged.entry(lower(&w)).or_insert(0) += c;
        }
        let mut kept: Vec<(String, u32)> = merged
            .into_iter()
            .filter(|&(_, c)| c >= Self::MIN_COUNT)
            .collect();
        if kept.len() > Self::MAX_WORDS {
            kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            kept.truncate(Self::MAX_WORDS);
        }
        kept.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        if kept.is_empty() {
            return Ok(KnownWords::default());
        }
        let per_word: Vec<Vec<u32>> = kept
            .par_iter()
            .map(|(w, _)| {
                let mut sink = Lookup {
                    index_of: &index_of,
                    buffer: String::new(),
                    ids: Vec::new(),
                };
                char_ngrams(w, range.0, range.1, &mut sink);
                sink.ids
            })
            .collect();
        let words = Vocabulary::from_strings(kept.iter().map(|(w, _)| w))?;
        let mut known = KnownWords {
            range,
            words,
            counts: per_word.iter().map(|ids| ids.len() as u32).collect(),
            ids: per_word.concat(),
            starts: Vec::new(),
            index: FeatureIndex::default(),
        };
        known
            .prepare(u32::MAX as usize)
            .map_err(crate::error::Error::Internal)?;
        Ok(known)
    }

    /// Checks what a model file held against a vocabulary of `features` and builds the lookup
    /// table. A damaged table is refused here rather than indexed out of bounds later.
    pub fn prepare(&mut self, features: usize) -> std::result::Result<(), String> {
        if self.words.len() != self.counts.len() {
            return Err(format!(
                "known words: {} words but {} n-gram counts",
                self.words.len(),
                self.counts.len()
            ));
        }
        let mut starts = Vec::with_capacity(self.counts.len() + 1);
        let mut end = 0u64;
        for &c in &self.counts {
            starts.push(end as u32);
            end += c as u64;
        }
        if end != self.ids.len() as u64 {
            return Err(format!(
                "known words: n-gram counts add up to {end}, {} ids stored",
                self.ids.len()
            ));
        }
        starts.push(end as u32);
        if let Some(&bad) = self.ids.iter().find(|&&id| id as usize >= features) {
            return Err(format!(
                "known words: n-gram id {bad} is outside the vocabulary of {features} features"
            ));
        }
        let mut words = self.words.iter();
        let mut previous = words.next();
        if words.any(|w| previous.replace(w).is_some_and(|p| p >= w)) {
            return Err("known words are not sorted and unique".into());
        }
        let (lo, hi) = self.range;
        let empty = self.words.is_empty();
        if !(empty || (1 <= lo && lo <= hi && hi <= 12)) {
            return Err(format!("known words: bad n-gram range ({lo}, {hi})"));
        }
        self.starts = starts;
        self.index = FeatureIndex::build(&self.words);
        Ok(())
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when there are no words (a model before format version 5, or a hashed one).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The ids of the n-grams in `range` of `word` (lower-cased), when it is known.
    pub fn get(&self, word: &str, range: (usize, usize)) -> Option<&[u32]> {
        if range != self.range || self.words.is_empty() {
            return None;
        }
        let w = self.index.get(&self.words, word)? as usize;
        Some(&self.ids[self.starts[w] as usize..self.starts[w + 1] as usize])
    }

    /// The words, in order, with their ids (for tests and inspection).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u32])> + '_ {
        self.words.iter().enumerate().map(|(w, word)| {
            (
                word,
                &self.ids[self.starts[w] as usize..self.starts[w + 1] as usize],
            )
        })
    }

    /// The n-gram range the ids are for.
    pub fn range(&self) -> (usize, usize) {
        self.range
    }
}

/// A word lower-cased as the n-gram cache keys it.
pub(crate) fn lower(word: &str) -> String {
    if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
        word.chars().flat_map(char::to_lowercase).collect()
    } else {
        word.to_string()
    }
}

/// Looks each n-gram up as it is formatted, keeping the ids of the known ones.
struct Lookup<'a, F> {
    index_of: &'a F,
    buffer: String,
    ids: Vec<u32>,
}

impl<F: Fn(&str) -> Option<u32>> FeatureSink for Lookup<'_, F> {
    fn buffer(&mut self) -> &mut String {
        &mut self.buffer
    }

    fn take(&mut self) {
        if let Some(id) = (self.index_of)(&self.buffer) {
            self.ids.push(id);
        }
    }
}
