//! String interning for the vectorizer's fit: every distinct feature string of the corpus gets an
//! id once, hashed once (FxHash, kept with the string so the tables never rehash), and documents
//! are kept as id lists; character n-grams of a word are looked up once per distinct word. Written
//! here because the fit's memory and speed are dominated by these tables (a general interner
//! crate would hash twice and keep no document frequencies).

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault};

use rustc_hash::{FxBuildHasher, FxHashMap};

use super::extract::{char_ngrams, FeatureSink};

/// Bounds of the documents per chunk of [`VectorizerParams::fit_transform_streaming`]'s first
/// pass: each chunk's distinct features are merged into the corpus table one by one, and 8192
/// sentences hold about 200k distinct features (8 MB of strings while the chunk is in flight).
pub(super) const MIN_CHUNK: usize = 256;
pub(super) const MAX_CHUNK: usize = 8192;

/// Every distinct feature string of the corpus so far, its id and its document frequency.
#[derive(Default)]
pub(super) struct Corpus {
    /// The features of at most [`SHORT_WORD`] bytes, keyed by their packed bytes ([`word_key`]):
    /// no string kept or compared for them (words, most n-grams, the short feature kinds).
    pub(super) short: FxHashMap<u128, u32>,
    /// The longer features.
    pub(super) ids: HashMap<Term, u32, BuildHasherDefault<Prehashed>>,
    pub(super) df: Vec<u32>,
}

impl Corpus {
    /// Adds a chunk's features (the short ones by their keys) and their document frequencies;
    /// returns the corpus id of each chunk id.
    pub(super) fn merge(&mut self, ids: WordMap<u32>, df: &[u32]) -> Vec<u32> {
        let mut to_corpus = vec![0u32; df.len()];
        self.short.reserve(ids.short.len() / 2);
        self.ids.reserve(ids.long.len() / 2);
        let short = ids
            .short
            .into_iter()
            .map(|(key, id)| (self.short_id(key), id));
        let short: Vec<(u32, u32)> = short.collect();
        let long: Vec<(u32, u32)> = ids
            .long
            .into_iter()
            .map(|(text, id)| (self.long_id(text), id))
            .collect();
        for (global, id) in short.into_iter().chain(long) {
            self.df[global as usize] += df[id as usize];
            to_corpus[id as usize] = global;
        }
        to_corpus
    }

    /// The corpus id of a feature string, new or not.
    pub(super) fn id(&mut self, text: Box<str>) -> u32 {
        match word_key(&text) {
            Some(key) => self.short_id(key),
            None => self.long_id(text),
        }
    }

    /// The id a new feature gets: below [`NGRAM`], so that a chunk's documents can hold corpus
    /// ids and a worker's n-gram ids side by side ([`ChunkDocs`]).
    fn next_id(&self) -> u32 {
        let next = self.df.len() as u32;
        assert!(next < NGRAM, "more than 2^31 distinct features");
        next
    }

    /// The corpus id of a short feature by its key, new or not.
    fn short_id(&mut self, key: u128) -> u32 {
        let next = self.next_id();
        let id = *self.short.entry(key).or_insert(next);
        if id == next {
            self.df.push(0);
        }
        id
    }

    /// The corpus id of a feature longer than [`SHORT_WORD`] bytes, new or not.
    fn long_id(&mut self, text: Box<str>) -> u32 {
        let term = Term {
            hash: FxBuildHasher.hash_one(&*text),
            text,
        };
        let next = self.next_id();
        let id = *self.ids.entry(term).or_insert(next);
        if id == next {
            self.df.push(0);
        }
        id
    }
}

/// A feature string with its hash, computed once: the corpus table holds a million of them and
/// would otherwise hash every string again each time it grows.
pub(super) struct Term {
    pub(super) hash: u64,
    pub(super) text: Box<str>,
}

impl PartialEq for Term {
    fn eq(&self, other: &Term) -> bool {
        self.hash == other.hash && self.text == other.text
    }
}

impl Eq for Term {}

impl std::hash::Hash for Term {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// The hasher of [`Term`]s: passes their stored hash through.
#[derive(Default)]
pub(super) struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, _: &[u8]) {
        unreachable!("Term hashes with write_u64 only");
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }
}

/// The longest n-gram, in bytes, that [`short_key`] packs: "c:" and five ASCII characters.
pub(super) const SHORT: usize = 7;

/// The bytes of a string shorter than `N` and its length in the last byte: one string, one
/// array, and back; `None` for a longer string.
fn pack<const N: usize>(text: &str) -> Option<[u8; N]> {
    (text.len() < N).then(|| {
        let mut bytes = [0u8; N];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        bytes[N - 1] = text.len() as u8;
        bytes
    })
}

/// A string of at most [`SHORT`] bytes packed in one number; `None` for a longer string.
pub(super) fn short_key(text: &str) -> Option<u64> {
    pack::<{ SHORT + 1 }>(text).map(u64::from_le_bytes)
}

/// The longest word or feature, in bytes, that [`word_key`] packs.
pub(super) const SHORT_WORD: usize = 15;

/// [`short_key`] for words and features of at most [`SHORT_WORD`] bytes.
pub(crate) fn word_key(word: &str) -> Option<u128> {
    pack::<{ SHORT_WORD + 1 }>(word).map(u128::from_le_bytes)
}

/// The word a [`word_key`] was made from.
pub(super) fn word_of_key(key: u128) -> String {
    let bytes = key.to_le_bytes();
    let len = bytes[15] as usize;
    String::from_utf8(bytes[..len].to_vec()).expect("a key is made from a string")
}

/// A map from strings whose keys of at most [`SHORT_WORD`] bytes (most words and features) are
/// their packed bytes ([`word_key`]): a hit then reads no key string elsewhere in memory, which
/// was a cache miss per lookup in the fit's tables and the stem cache.
pub(crate) struct WordMap<V> {
    pub(super) short: FxHashMap<u128, V>,
    pub(super) long: FxHashMap<Box<str>, V>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        }
    }
}

/// A word as a [`WordMap`] looks it up: its packed bytes, or the string when it is too long.
/// Made once where a lookup that misses is followed by an insert.
pub(crate) enum WordKey<'a> {
    Short(u128),
    Long(&'a str),
}

impl<'a> WordKey<'a> {
    /// The key of `word`.
    pub(crate) fn of(word: &'a str) -> Self {
        match word_key(word) {
            Some(k) => WordKey::Short(k),
            None => WordKey::Long(word),
        }
    }
}

impl<V> WordMap<V> {
    /// The value of `word`, if any.
    pub(crate) fn get(&self, word: &str) -> Option<&V> {
        self.get_key(&WordKey::of(word))
    }

    /// Sets the value of `word`.
    pub(crate) fn insert(&mut self, word: &str, value: V) {
        self.insert_key(WordKey::of(word), value);
    }

    /// The value of a word by its key, if any.
    pub(crate) fn get_key(&self, key: &WordKey) -> Option<&V> {
        match *key {
            WordKey::Short(k) => self.short.get(&k),
            WordKey::Long(w) => self.long.get(w),
        }
    }

    /// The value of a word by its key, if any, to change.
    pub(crate) fn get_key_mut(&mut self, key: &WordKey) -> Option<&mut V> {
        match *key {
            WordKey::Short(k) => self.short.get_mut(&k),
            WordKey::Long(w) => self.long.get_mut(w),
        }
    }

    /// Sets the value of a word by its key.
    pub(crate) fn insert_key(&mut self, key: WordKey, value: V) {
        match key {
            WordKey::Short(k) => self.short.insert(k, value),
            WordKey::Long(w) => self.long.insert(w.into(), value),
        };
    }

    /// How many words it holds.
    pub(crate) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Whether it holds no word.
    pub(crate) fn is_empty(&self) -> bool {
        self.short.is_empty() && self.long.is_empty()
    }

    /// Forgets every word.
    pub(crate) fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }

    /// The words and their values, the short ones first.
    pub(super) fn iter(&self) -> impl Iterator<Item = (String, &V)> + '_ {
        let short = self.short.iter().map(|(&k, v)| (word_of_key(k), v));
        short.chain(self.long.iter().map(|(w, v)| (w.to_string(), v)))
    }
}

/// A chunk's documents as corpus ids of their features, concatenated in emission order
/// (repeats are term counts); `ends[d]` is where document `d` ends. With a `worker`, the ids
/// marked [`NGRAM`] are of that worker's [`Ngrams`] table, not of the corpus.
pub(super) struct ChunkDocs {
    pub(super) docs: Vec<u32>,
    pub(super) ends: Vec<u32>,
    pub(super) worker: Option<usize>,
}

/// Marks a document's feature id as one of the worker's [`Ngrams`], not of its chunk.
pub(super) const NGRAM: u32 = 1 << 31;

/// The character n-grams (every feature starting with `c:`) a worker thread has seen, over all
/// the chunks it featurizes: they are most of the features but come from a small set, and the same
/// words come back in every chunk, so each word's n-grams are built, interned and merged into
/// the corpus once per worker instead of once per chunk. Ids are dense from 0.
#[derive(Default)]
pub(super) struct Ngrams {
    /// The ids of n-grams of at most [`SHORT`] bytes, keyed by their bytes ([`short_key`]): most
    /// n-grams are that short, and a key in the table compares without reading a string
    /// elsewhere in memory (a cache miss per lookup, a quarter of the table's time).
    pub(super) short: FxHashMap<u64, u32>,
    /// The ids of the longer n-grams.
    pub(super) ids: FxHashMap<Box<str>, u32>,
    /// The string of each id.
    pub(super) text: Vec<Box<str>>,
    /// The corpus id of each id, `u32::MAX` until it is merged.
    pub(super) corpus: Vec<u32>,
    /// For each id, the last document (numbered from 1 over the worker's chunks) that counted
    /// it and its document frequency in the current chunk, side by side: every n-gram of every
    /// word reads both, and apart they were two cache misses.
    pub(super) counts: Vec<(u32, u32)>,
    /// The ids whose document frequency in the current chunk is not zero.
    pub(super) touched: Vec<u32>,
    pub(super) doc: u32,
    /// The ids of the n-grams of each word seen, as ranges of `word_ids` (start, length), for
    /// one n-gram range, and how many times the word came: the most frequent words' ids are
    /// stored with the model ([`KnownWords`](super::KnownWords)).
    pub(super) words: WordMap<(u32, u32, u32)>,
    pub(super) word_ids: Vec<u32>,
    pub(super) range: (usize, usize),
}

impl Ngrams {
    /// The words seen and how many times each came, for [`KnownWords`](super::KnownWords).
    pub(super) fn word_counts(&self) -> impl Iterator<Item = (String, u32)> + '_ {
        self.words.iter().map(|(w, &(_, _, n))| (w, n))
    }

    /// The id of an n-gram (new or not).
    pub(super) fn id(&mut self, text: &str) -> u32 {
        let key = short_key(text);
        let known = match key {
            Some(k) => self.short.get(&k),
            None => self.ids.get(text),
        };
        if let Some(&id) = known {
            return id;
        }
        let id = self.text.len() as u32;
        assert!(id < NGRAM, "more than 2^31 distinct character n-grams");
        match key {
            Some(k) => self.short.insert(k, id),
            None => self.ids.insert(text.into(), id),
        };
        self.text.push(text.into());
        self.corpus.push(u32::MAX);
        self.counts.push((0, 0));
        id
    }

    /// Counts `id` in the current document (once per document).
    pub(super) fn count(&mut self, id: u32) {
        let (counted, df) = &mut self.counts[id as usize];
        if *counted != self.doc {
            *counted = self.doc;
            if *df == 0 {
                self.touched.push(id);
            }
            *df += 1;
        }
    }

    /// Adds the current chunk's n-grams and document frequencies to the corpus, and starts
    /// the next chunk's counts from zero.
    pub(super) fn merge(&mut self, corpus: &mut Corpus) {
        for &id in &self.touched {
            let id = id as usize;
            if self.corpus[id] == u32::MAX {
                self.corpus[id] = corpus.id(self.text[id].clone());
            }
            corpus.df[self.corpus[id] as usize] += self.counts[id].1;
            self.counts[id].1 = 0;
        }
        self.touched.clear();
    }
}

/// Receives the n-grams of a word the worker has not seen yet: interns them and appends their
/// ids to the word cache.
pub(super) struct NgramSink<'a> {
    pub(super) ngrams: &'a mut Ngrams,
    pub(super) buffer: String,
}

impl FeatureSink for NgramSink<'_> {
    fn buffer(&mut self) -> &mut String {
        &mut self.buffer
    }

    fn take(&mut self) {
        self.push_buffer();
    }
}

impl NgramSink<'_> {
    pub(super) fn push_buffer(&mut self) {
        // Character n-grams all start with "c:"; every such string goes to the worker's table
        // (ChunkSink sends them there too), so no string is counted in two tables.
        debug_assert!(self.buffer.starts_with("c:"), "{}", self.buffer);
        let id = self.ngrams.id(&self.buffer);
        self.ngrams.word_ids.push(id);
    }
}

/// Interns the features of one chunk of documents under chunk-local ids (character n-grams
/// under the worker's [`Ngrams`] ids, marked with [`NGRAM`]), counting document frequencies as
/// they come.
pub(super) struct ChunkSink<'a> {
    pub(super) ngrams: &'a mut Ngrams,
    /// The id of each feature.
    pub(super) ids: WordMap<u32>,
    /// Document frequency of each id.
    pub(super) df: Vec<u32>,
    /// The last document (numbered from 1) that counted each id.
    pub(super) counted: Vec<u32>,
    /// The current document's number, from 1.
    pub(super) doc: u32,
    pub(super) docs: Vec<u32>,
    pub(super) ends: Vec<u32>,
    pub(super) buffer: String,
}

impl<'a> ChunkSink<'a> {
    pub(super) fn new(ngrams: &'a mut Ngrams) -> Self {
        ChunkSink {
            ngrams,
            ids: WordMap::default(),
            df: Vec::new(),
            counted: Vec::new(),
            doc: 0,
            docs: Vec::new(),
            ends: Vec::new(),
            buffer: String::new(),
        }
    }

    pub(super) fn push(&mut self, id: u32) {
        self.docs.push(id);
        let counted = &mut self.counted[id as usize];
        if *counted != self.doc {
            *counted = self.doc;
            self.df[id as usize] += 1;
        }
    }

    pub(super) fn push_buffer(&mut self) {
        if self.buffer.starts_with("c:") {
            let id = self.ngrams.id(&self.buffer);
            self.ngrams.count(id);
            self.docs.push(id | NGRAM);
            return;
        }
        let key = WordKey::of(&self.buffer);
        let id = match self.ids.get_key(&key) {
            Some(&id) => id,
            None => {
                let id = self.df.len() as u32;
                assert!(id < NGRAM, "more than 2^31 distinct features in a chunk");
                self.ids.insert_key(key, id);
                self.df.push(0);
                self.counted.push(0);
                id
            }
        };
        self.push(id);
    }
}

impl FeatureSink for ChunkSink<'_> {
    fn buffer(&mut self) -> &mut String {
        &mut self.buffer
    }

    fn take(&mut self) {
        self.push_buffer();
    }

    fn char_ngrams(&mut self, word: &str, lo: usize, hi: usize) {
        let ngrams = &mut *self.ngrams;
        if ngrams.range != (lo, hi) {
            ngrams.words.clear();
            ngrams.word_ids.clear();
            ngrams.range = (lo, hi);
        }
        let key = WordKey::of(word);
        let (start, len) = match ngrams.words.get_key_mut(&key) {
            Some((start, len, seen)) => {
                *seen += 1;
                (*start, *len)
            }
            None => {
                let start = ngrams.word_ids.len() as u32;
                let mut sink = NgramSink {
                    ngrams,
                    buffer: String::new(),
                };
                char_ngrams(word, lo, hi, &mut sink);
                let len = ngrams.word_ids.len() as u32 - start;
                ngrams.words.insert_key(key, (start, len, 1));
                (start, len)
            }
        };
        for k in start..start + len {
            let id = ngrams.word_ids[k as usize];
            ngrams.count(id);
            self.docs.push(id | NGRAM);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_keys_tell_every_short_string_apart_and_give_words_back() {
        let texts = [
            "",
            "\0",
            "\0\0",
            "c:",
            "c: a",
            "c:abcde",
            "c:abcd\0",
            "c:\u{e9}t",
            "abcdefgh",
        ];
        for a in texts {
            for b in texts {
                if let (Some(ka), Some(kb)) = (short_key(a), short_key(b)) {
                    assert_eq!(ka == kb, a == b, "{a:?} {b:?}");
                }
            }
        }
        assert_eq!(short_key("abcdefgh"), None);
        for w in [
            "",
            "a",
            "a\0",
            "r\u{e9}gime",
            "fifteen-letters",
            "abcdefghijklmn\0",
        ] {
            let k = word_key(w).expect("short");
            assert_eq!(word_of_key(k), w);
            assert_ne!(word_key(&format!("{w}\0")), Some(k));
        }
        assert_eq!(word_key("sixteen-letters!"), None);
    }
}
