//! A fitted vectorizer's feature strings, kept in one buffer, and the index that finds them.
//!
//! A model of 100,000 news sentences has 1.5 million features. Kept as a `Vec<String>` they were
//! 1.5 million allocations to make when a model loads and to free when it goes (a third of the
//! load), and a lookup touched four scattered places: the hash table's control bytes, its slot,
//! the `String`'s header and its heap bytes. Here the strings are one `String` cut by end
//! offsets, which a binary model file (format version 4) holds as such, and the index keeps the
//! first bytes of each feature in its slot: most features (character n-grams, short words) are
//! found without leaving the table.

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::model::file;

/// Feature strings in sorted order, one buffer; a feature's index is its position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    text: String,
    /// Where each feature ends in `text` (it starts where the previous one ends).
    ends: Vec<u32>,
}

impl Vocabulary {
    /// The vocabulary of these strings, in their order.
    pub fn from_strings<S: AsRef<str>>(strings: impl IntoIterator<Item = S>) -> Result<Self> {
        let mut v = Vocabulary::default();
        for s in strings {
            v.text.push_str(s.as_ref());
            let end = u32::try_from(v.text.len()).map_err(|_| {
                Error::Training(
                    "the vocabulary's features add up to over 4 GiB of text: use --max-features or --hash-bits".into(),
                )
            })?;
            v.ends.push(end);
        }
        Ok(v)
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there are no features.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The feature at `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        // The ends were checked to be ascending char boundaries when the vocabulary was made.
        self.text.get(start..end)
    }

    /// The features in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| &self[i])
    }

    /// The vocabulary from its binary form: feature lengths and their concatenation. Refused
    /// (rather than trusted) when the lengths do not cut the text into whole characters.
    fn from_parts(lengths: Vec<u32>, text: String) -> std::result::Result<Self, String> {
        let mut ends = lengths;
        let mut end = 0u64;
        for e in ends.iter_mut() {
            end += *e as u64;
            if end > text.len() as u64 || !text.is_char_boundary(end as usize) {
                return Err(format!(
                    "vocabulary lengths run past its {} bytes of text or cut a character",
                    text.len()
                ));
            }
            *e = end as u32;
        }
        if end != text.len() as u64 {
            return Err(format!(
                "vocabulary lengths add up to {end} bytes, its text has {}",
                text.len()
            ));
        }
        Ok(Vocabulary { text, ends })
    }
}

impl std::ops::Index<usize> for Vocabulary {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        self.get(i).unwrap_or_else(|| {
            panic!(
                "feature {i} of a vocabulary of {} (a caller's bug)",
                self.len()
            )
        })
    }
}

impl<const N: usize> PartialEq<[&str; N]> for Vocabulary {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.len() == N && self.iter().zip(other).all(|(a, b)| a == *b)
    }
}

/// JSON and binary payloads before format version 4: a list of strings. From version 4: the
/// lengths, then the text (one allocation to read, not one per feature).
impl Serialize for Vocabulary {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        if s.is_human_readable() || file::binary_layout() < file::COMPACT_VOCABULARY_VERSION {
            return s.collect_seq(self.iter());
        }
        let mut start = 0;
        let lengths: Vec<u32> = self
            .ends
            .iter()
            .map(|&e| {
                let n = e - start;
                start = e;
                n
            })
            .collect();
        (lengths, self.text.as_str()).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Vocabulary {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::Error as _;
        if d.is_human_readable() || file::binary_layout() < file::COMPACT_VOCABULARY_VERSION {
            let strings = Vec::<String>::deserialize(d)?;
            return Vocabulary::from_strings(&strings).map_err(D::Error::custom);
        }
        let (lengths, text) = <(Vec<u32>, String)>::deserialize(d)?;
        Vocabulary::from_parts(lengths, text).map_err(D::Error::custom)
    }
}

/// Bytes of a feature kept in its index slot: the feature is found without reading the
/// vocabulary when it is this short (character n-grams of up to five letters with their
/// `c:` prefix, most words).
const INLINE: usize = 11;
/// The last key byte of a feature longer than [`INLINE`] bytes (a short one's holds its length
/// plus one).
const LONG: u8 = u8::MAX;
/// The last key byte of a slot that holds no feature: zero, so an empty slot is all zeros.
const EMPTY: u8 = 0;
/// Bytes of a long feature kept in its slot, before its length and where its text starts.
const LONG_PREFIX: usize = 6;

/// One slot of the index: the feature's first bytes and its position. 16 bytes, so four fill a
/// bucket of one cache line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    key: [u8; INLINE + 1],
    id: u32,
}

impl Slot {
    const EMPTY: Slot = Slot {
        key: [EMPTY; INLINE + 1],
        id: 0,
    };
}

/// Four slots on one cache line: a lookup reads the line its hash points to and, rarely, the
/// next ones, and nothing else unless the feature is long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, align(64))]
struct Bucket([Slot; 4]);

impl Bucket {
    const EMPTY: Bucket = Bucket([Slot::EMPTY; 4]);
}

/// The key of a feature that starts at byte `start` of the vocabulary's text. A feature of up
/// to [`INLINE`] bytes: those bytes, zero-padded, and its length plus one; two such features
/// have the same key only when they are equal. A longer one (most word pairs): its first
/// [`LONG_PREFIX`] bytes, its length (255 for 255 or more), where its text starts, and [`LONG`].
/// The start saves a lookup the length of every long feature found otherwise needs: reading it
/// from the vocabulary's ends was a cache miss of its own, a sixth of `classify`'s lookup time.
fn key_of(feature: &[u8], start: u32) -> [u8; INLINE + 1] {
    let mut key = [0u8; INLINE + 1];
    if feature.len() <= INLINE {
        key[..feature.len()].copy_from_slice(feature);
        key[INLINE] = feature.len() as u8 + 1;
    } else {
        key[..LONG_PREFIX].copy_from_slice(&feature[..LONG_PREFIX]);
        key[LONG_PREFIX] = feature.len().min(255) as u8;
        key[LONG_PREFIX + 1..INLINE].copy_from_slice(&start.to_le_bytes());
        key[INLINE] = LONG;
    }
    key
}

/// Finds a feature string's position in a [`Vocabulary`]: open-addressing tables whose slots
/// hold each feature's first bytes, so the vocabulary's text is read only to confirm a long
/// feature.
///
/// A table is an array of [`Bucket`]s of four slots, one cache line each, probed linearly from
/// the bucket the hash picks: a feature lives in the first bucket from there with room, so a
/// lookup stops at the first empty slot. At three quarters full nearly every lookup reads one
/// line. (hashbrown's tables, used before, keep control bytes apart from the slots: two cache
/// misses a lookup, in about equal parts of the lookup time in profiles of `classify`.)
///
/// The features are split by hash into [`FeatureIndex::SHARDS`] tables of a few hundred
/// kilobytes each: one table of 1.5 million slots took longer to fill (a cache miss for each
/// insert) than the rest of a model's load, while a shard's inserts stay in the core's cache,
/// and the shards fill on all the cores.
#[derive(Debug, Clone, Default)]
pub struct FeatureIndex {
    shards: Vec<Box<[Bucket]>>,
}

impl FeatureIndex {
    /// Tables the features are split into.
    const SHARDS: usize = 64;

    /// The shard of a feature and its hash: character n-grams in the first half, the rest in
    /// the second (a new word's dozens of n-gram lookups then touch a third of the index, which
    /// stays in cache better), and within a half bits of the hash that the bucket (the low 32)
    /// does not use.
    fn shard(feature: &str, hash: u64) -> usize {
        let half = Self::SHARDS / 2;
        let within = (hash >> 40) as usize % half;
        if feature.starts_with("c:") {
            within
        } else {
            half + within
        }
    }

    /// The bucket a hash starts at in a table of `buckets`: the low 32 bits of the hash read as
    /// a fraction of the table (no division, and any table size).
    fn home(hash: u64, buckets: usize) -> usize {
        ((hash as u32 as u64 * buckets as u64) >> 32) as usize
    }

    /// Buckets of a table of `features` slots: at most three quarters full, and never quite
    /// full, so that a lookup of an absent feature meets an empty slot.
    fn buckets_for(features: usize) -> usize {
        (features / 3 + 1).max(1)
    }

    /// The index of `vocabulary`, whose features must be unique.
    pub fn build(vocabulary: &Vocabulary) -> Self {
        use rayon::prelude::*;
        // Each piece of the vocabulary sorts its slots by shard on its own (all cores at once),
        // so that each shard's inserts then read runs of memory rather than every 64th feature
        // of the vocabulary. The pieces are in vocabulary order, and so are a shard's slots
        // from them: the tables do not depend on the number of pieces.
        let n = vocabulary.len();
        let pieces = (4 * rayon::current_num_threads()).clamp(1, n.div_ceil(1 << 12).max(1));
        let per_piece = n.div_ceil(pieces).max(1);
        let grouped: Vec<Vec<Vec<(u64, Slot)>>> = (0..n)
            .step_by(per_piece)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|first| {
                let last = (first + per_piece).min(n);
                // A little over the mean size, so a shard's slots are rarely moved as it grows.
                let guess = (last - first) / Self::SHARDS * 9 / 8 + 16;
                let mut shards: Vec<Vec<(u64, Slot)>> = (0..Self::SHARDS)
                    .map(|_| Vec::with_capacity(guess))
                    .collect();
                let mut start = if first == 0 {
                    0
                } else {
                    vocabulary.ends[first - 1]
                };
                for i in first..last {
                    let t = &vocabulary[i];
                    let h = FxBuildHasher.hash_one(t);
                    shards[Self::shard(t, h)].push((
                        h,
                        Slot {
                            key: key_of(t.as_bytes(), start),
                            id: i as u32,
                        },
                    ));
                    start = vocabulary.ends[i];
                }
                shards
            })
            .collect();
        let shards = (0..Self::SHARDS)
            .into_par_iter()
            .map(|s| {
                let size = grouped.iter().map(|piece| piece[s].len()).sum();
                let mut table = vec![Bucket::EMPTY; Self::buckets_for(size)].into_boxed_slice();
                let buckets = table.len();
                for &(h, slot) in grouped.iter().flat_map(|piece| &piece[s]) {
                    // The table has more slots than features, so a free one is always found.
                    let mut b = Self::home(h, buckets);
                    loop {
                        if let Some(free) = table[b].0.iter_mut().find(|x| x.key[INLINE] == EMPTY) {
                            *free = slot;
                            break;
                        }
                        b = if b + 1 == buckets { 0 } else { b + 1 };
                    }
                }
                table
            })
            .collect();
        FeatureIndex { shards }
    }

    /// The hash a lookup of `feature` starts from (see [`get_hashed`](Self::get_hashed)).
    pub fn hash(feature: &str) -> u64 {
        FxBuildHasher.hash_one(feature)
    }

    /// The table and the bucket where a lookup of `feature`, of this hash, starts.
    fn start(&self, feature: &str, hash: u64) -> Option<(&[Bucket], usize)> {
        let table = self.shards.get(Self::shard(feature, hash))?;
        (!table.is_empty()).then(|| (&table[..], Self::home(hash, table.len())))
    }

    /// Asks the processor to bring the bucket a lookup of `feature` starts at into its cache,
    /// without waiting for it: a caller with several features to look up asks for all their
    /// buckets first, so that their cache misses overlap instead of coming one after another.
    pub fn prefetch(&self, feature: &str, hash: u64) {
        if let Some((table, b)) = self.start(feature, hash) {
            prefetch(&table[b]);
        }
    }

    /// The position of `feature` in `vocabulary` (the one the index was built from).
    pub fn get(&self, vocabulary: &Vocabulary, feature: &str) -> Option<u32> {
        self.get_hashed(vocabulary, feature, Self::hash(feature))
    }

    /// For a feature longer than a slot holds: once its bucket is in cache (see
    /// [`prefetch`](Self::prefetch)), asks for the vocabulary text the lookup will compare it
    /// with, the second cache miss of a found word pair.
    pub fn prefetch_text(&self, vocabulary: &Vocabulary, feature: &str, hash: u64) {
        let bytes = feature.as_bytes();
        if bytes.len() <= INLINE {
            return;
        }
        let Some((table, b)) = self.start(feature, hash) else {
            return;
        };
        let key = key_of(bytes, 0);
        if let Some(s) = table[b].0.iter().find(|s| Self::may_be(s, &key)) {
            if let Some(first) = vocabulary.text.as_bytes().get(Self::text_start(s)) {
                prefetch(first);
            }
        }
    }

    /// Whether a slot may hold the long feature of `key`: a long one, whose first bytes and
    /// length are the same.
    fn may_be(s: &Slot, key: &[u8; INLINE + 1]) -> bool {
        s.key[INLINE] == LONG && s.key[..=LONG_PREFIX] == key[..=LONG_PREFIX]
    }

    /// Where a long slot's feature starts in the vocabulary's text.
    fn text_start(s: &Slot) -> usize {
        let at = &s.key[LONG_PREFIX + 1..INLINE];
        u32::from_le_bytes([at[0], at[1], at[2], at[3]]) as usize
    }

    /// [`get`](Self::get) with the feature's [`hash`](Self::hash) already made.
    pub fn get_hashed(&self, vocabulary: &Vocabulary, feature: &str, hash: u64) -> Option<u32> {
        let (table, mut b) = self.start(feature, hash)?;
        let buckets = table.len();
        let bytes = feature.as_bytes();
        let key = key_of(bytes, 0);
        // At most every bucket once; a table always has an empty slot, so this is a guard only.
        for _ in 0..buckets {
            for s in &table[b].0 {
                if s.key[INLINE] == EMPTY {
                    return None;
                }
                if bytes.len() <= INLINE {
                    if s.key == key {
                        return Some(s.id);
                    }
                } else if Self::may_be(s, &key)
                    && if bytes.len() < 255 {
                        // The slot's feature has this length (its key says so) and starts here.
                        let start = Self::text_start(s);
                        vocabulary.text.as_bytes().get(start..start + bytes.len()) == Some(bytes)
                    } else {
                        vocabulary.get(s.id as usize) == Some(feature)
                    }
                {
                    return Some(s.id);
                }
            }
            b = if b + 1 == buckets { 0 } else { b + 1 };
        }
        None
    }
}

/// A hint to the processor to load `value`'s cache line; it changes no result. (x86-64 only:
/// elsewhere nothing.)
#[inline(always)]
pub(crate) fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: the intrinsic needs SSE, which every x86-64 processor has (it is part of the
        // target's baseline), and a prefetch only hints: it dereferences nothing and cannot fault.
        unsafe { _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_long_and_multibyte_features_are_found_and_only_they() {
        let long_a = format!("w:{}", "a".repeat(300));
        let long_b = format!("w:{}b", "a".repeat(299));
        let features = [
            "",
            "a",
            "a\0",
            "c: ab",
            "c:abcdefghi",
            "c:abcdefghij",
            "c:abcdefghijk",
            "c:abcdefghijl",
            "w:ça va très bien",
            "w:naïve",
            // Long features with the same first bytes and length, and ones of 255 bytes or more.
            "w:abcdef ghij",
            "w:abcdef ghik",
            "w:abcdef ghikl",
            long_a.as_str(),
            long_b.as_str(),
        ];
        let mut sorted = features.to_vec();
        sorted.sort_unstable();
        let v = Vocabulary::from_strings(&sorted).unwrap();
        let index = FeatureIndex::build(&v);
        for (i, f) in sorted.iter().enumerate() {
            assert_eq!(&v[i], *f);
            assert_eq!(index.get(&v, f), Some(i as u32), "{f:?}");
        }
        for absent in [
            "a\0\0",
            "b",
            "c:abcdefghijm",
            "c:abcdefghijkl",
            "c:abcdefghij\0",
            "w:ça va très bie",
            "w:naïv",
            "w:abcdef ghi",
            "w:abcdef ghil",
            "w:abcdef ghijk",
            "w:abcdef ghij\0",
            format!("w:{}", "a".repeat(299)).as_str(),
            format!("w:{}c", "a".repeat(299)).as_str(),
            format!("w:{}", "a".repeat(301)).as_str(),
        ] {
            assert_eq!(index.get(&v, absent), None, "{absent:?}");
        }
    }

    #[test]
    fn a_vocabulary_built_in_many_pieces_finds_every_feature() {
        // Enough features for the build to split the vocabulary into pieces on any machine.
        let mut features: Vec<String> = (0..40_000)
            .map(|i| match i % 3 {
                0 => format!("c:{i}"),
                1 => format!("w:{i} and a longer pair"),
                _ => format!("q:{i}"),
            })
            .collect();
        features.sort_unstable();
        let v = Vocabulary::from_strings(&features).unwrap();
        let index = FeatureIndex::build(&v);
        let filled = index
            .shards
            .iter()
            .flat_map(|t| t.iter().flat_map(|b| &b.0))
            .filter(|s| s.key[INLINE] != EMPTY)
            .count();
        assert_eq!(filled, features.len());
        for (i, f) in features.iter().enumerate() {
            assert_eq!(index.get(&v, f), Some(i as u32), "{f}");
        }
        for absent in [
            "c:40000",
            "w:1 and a longer pai",
            "w:1 and a longer pairs",
            "q:-1",
        ] {
            assert_eq!(index.get(&v, absent), None, "{absent}");
        }
    }

    #[test]
    fn binary_parts_that_cut_a_character_or_miss_text_are_refused() {
        let v = Vocabulary::from_strings(["é", "ab"]).unwrap();
        assert_eq!(v.ends, [2, 4]);
        assert!(Vocabulary::from_parts(vec![2, 2], "éab".into()).is_ok());
        assert!(Vocabulary::from_parts(vec![1, 3], "éab".into()).is_err());
        assert!(Vocabulary::from_parts(vec![2, 1], "éab".into()).is_err());
        assert!(Vocabulary::from_parts(vec![2, 3], "éab".into()).is_err());
        assert!(Vocabulary::from_parts(vec![u32::MAX, 5], "éab".into()).is_err());
    }
}
