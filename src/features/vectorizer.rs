//! The project's TF-IDF vectorizer: sorted vocabulary, IDF fixed at fit time, sparse rows.
//!
//! Written here because linfa-preprocessing's vectorizer recomputes IDF on every `transform`
//! batch (one sentence gets IDF 1 everywhere), orders its vocabulary by hash iteration, and has no
//! sublinear tf or row normalisation. Semantics follow scikit-learn's `TfidfVectorizer`
//! (`smooth_idf`, `sublinear_tf`, `min_df`/`max_df` as counts or fractions, `max_features`), with
//! each feature block L2-normalised on its own.

use std::sync::Mutex;

use rustc_hash::FxHashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::extract::{Block, FeatureSink};
use super::hashing::Hashing;
use super::interning::{
    word_of_key, ChunkDocs, ChunkSink, Corpus, Ngrams, MAX_CHUNK, MIN_CHUNK, NGRAM,
};
use super::known_words::KnownWords;
use super::vocabulary::{FeatureIndex, Vocabulary};
use crate::error::{Error, Result};
use crate::sparse::SparseRecords;

/// A document-frequency bound: an absolute count of documents or a fraction of them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum DfBound {
    /// At least / at most this many documents.
    Count(usize),
    /// At least / at most this fraction of documents (0..=1).
    Fraction(f64),
}

impl DfBound {
    /// The bound as a (possibly fractional) document count, compared as scikit-learn does.
    fn resolve(self, n_docs: usize) -> f64 {
        match self {
            DfBound::Count(c) => c as f64,
            DfBound::Fraction(f) => f * n_docs as f64,
        }
    }
}

impl std::str::FromStr for DfBound {
    type Err = String;

    /// "2" is a count, "0.9" or "1.0" a fraction, as scikit-learn reads ints and floats.
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        if s.contains('.') {
            let f: f64 = s.parse().map_err(|_| format!("\"{s}\" is not a number"))?;
            if !(0.0..=1.0).contains(&f) {
                return Err(format!("fraction {f} is not in [0, 1]"));
            }
            Ok(DfBound::Fraction(f))
        } else {
            s.parse()
                .map(DfBound::Count)
                .map_err(|_| format!("\"{s}\" is not a count"))
        }
    }
}

/// Hyperparameters of the vectorizer; check them with [`VectorizerParams::check`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VectorizerParams {
    /// Drop features seen in fewer documents; defaults to a count of 1 (keep all).
    pub min_df: DfBound,
    /// Drop features seen in more documents; defaults to the fraction 1.0 (keep all).
    pub max_df: DfBound,
    /// Keep only the most frequent features (by document frequency); defaults to none.
    pub max_features: Option<usize>,
    /// Use 1 + ln(tf) instead of tf; defaults to true.
    pub sublinear_tf: bool,
    /// Weight of each block (word, char, context, cue) after its L2 normalisation; defaults to 1 each.
    pub block_weights: [f32; 4],
    /// Hash features into a fixed number of columns instead of learning a vocabulary (no IDF,
    /// no document-frequency bounds: see [`Hashing`]); defaults to none. Older files read none.
    #[serde(default)]
    pub hashing: Option<Hashing>,
}

impl Default for VectorizerParams {
    fn default() -> Self {
        VectorizerParams {
            min_df: DfBound::Count(1),
            max_df: DfBound::Fraction(1.0),
            max_features: None,
            sublinear_tf: true,
            block_weights: [1.0, 1.0, 1.0, 1.0],
            hashing: None,
        }
    }
}

/// Checked vectorizer parameters: the only kind that can fit (linfa's checked-params pattern),
/// so a fitted vectorizer never holds invalid settings. Read the settings through `Deref`.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidVectorizerParams(VectorizerParams);

impl std::ops::Deref for ValidVectorizerParams {
    type Target = VectorizerParams;

    fn deref(&self) -> &VectorizerParams {
        &self.0
    }
}

impl VectorizerParams {
    /// Checks the parameters once; only the checked parameters can fit.
    pub fn check(self) -> Result<ValidVectorizerParams> {
        if let DfBound::Fraction(f) = self.max_df {
            if !(0.0..=1.0).contains(&f) {
                return Err(Error::Param(format!(
                    "max_df fraction {f} is not in [0, 1]"
                )));
            }
        }
        if self.max_features == Some(0) {
            return Err(Error::Param("max_features must be at least 1".into()));
        }
        if self
            .block_weights
            .iter()
            .any(|w| !w.is_finite() || *w < 0.0)
        {
            return Err(Error::Param(
                "block weights must be finite and non-negative".into(),
            ));
        }
        if let Some(h) = self.hashing {
            h.check()?;
            // A hashed vectorizer counts no document frequencies: a bound on them would be
            // silently ignored.
            let defaults = VectorizerParams::default();
            if self.min_df != defaults.min_df
                || self.max_df != defaults.max_df
                || self.max_features.is_some()
            {
                return Err(Error::Param(
                    "a hashed vectorizer has no document frequencies: min_df, max_df and max_features cannot be set".into(),
                ));
            }
        }
        Ok(ValidVectorizerParams(self))
    }
}

impl ValidVectorizerParams {
    /// The fitted vectorizer of hashed features: nothing to learn, so no data.
    pub fn hashed(&self) -> Result<Vectorizer> {
        if self.hashing.is_none() {
            return Err(Error::Internal(
                "a hashed vectorizer needs hashing settings".into(),
            ));
        }
        let mut v = Vectorizer {
            params: self.0.clone(),
            vocabulary: Vocabulary::default(),
            idf: Vec::new(),
            known_words: KnownWords::default(),
            index: FeatureIndex::default(),
            block_runs: Vec::new(),
        };
        v.prepare()?;
        Ok(v)
    }

    /// Learns the vocabulary and IDF from the feature strings of `docs`.
    pub fn fit(&self, docs: &[Vec<String>]) -> Result<Vectorizer> {
        self.fit_streaming(docs.len(), |i| docs[i].clone())
    }

    /// Learns the vocabulary and IDF from `n` documents whose features `features(i)` produces
    /// on demand: features are counted and dropped chunk by chunk, so the corpus's feature
    /// strings are never all in memory at once (at 100k sentences they would take gigabytes).
    pub fn fit_streaming(
        &self,
        n: usize,
        features: impl Fn(usize) -> Vec<String> + Sync,
    ) -> Result<Vectorizer> {
        // Document frequencies, counted per chunk in parallel and merged: sums do not depend on
        // the order of merging, so the result is the same for any thread count.
        let chunks: Vec<std::ops::Range<usize>> =
            (0..n).step_by(2048).map(|s| s..(s + 2048).min(n)).collect();
        let df: FxHashMap<String, u32> = chunks
            .into_par_iter()
            .map(|range| {
                let mut local: FxHashMap<String, u32> = FxHashMap::default();
                for i in range {
                    let mut seen = features(i);
                    seen.sort_unstable();
                    seen.dedup();
                    for f in seen {
                        *local.entry(f).or_insert(0) += 1;
                    }
                }
                local
            })
            .reduce(FxHashMap::default, |a, b| {
                let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
                for (k, v) in small {
                    *big.entry(k).or_insert(0) += v;
                }
                big
            });
        let (v, _) = self.select(n, df.into_iter().map(|(t, d)| (t, d, ())))?;
        Ok(v)
    }

    /// Learns the vocabulary and IDF from `n` documents and returns their TF-IDF rows too,
    /// featurizing each document once: `featurize(i, sink)` sends document `i`'s features to
    /// `sink`. Documents are kept as ids of their features, never as strings, so memory stays
    /// near that of [`fit_streaming`](Self::fit_streaming) followed by a
    /// [`transform`](Vectorizer::transform) of every document, at about half the time, and the result is the
    /// same: the same vocabulary, IDF and rows, bit for bit, for any number of threads.
    pub fn fit_transform_streaming(
        &self,
        n: usize,
        featurize: impl Fn(usize, &mut dyn FeatureSink) + Sync,
    ) -> Result<(Vectorizer, SparseRecords)> {
        // Pass 1, per chunk of documents: intern the features under chunk-local ids (character
        // n-grams under ids of the worker's own table), then merge them into the corpus-wide
        // table and rewrite the chunk's documents in its ids. The vocabulary only depends on the
        // strings and their counts, not on which id a string got.
        let corpus = Mutex::new(Corpus::default());
        // Large chunks merge fewer times; at least four per thread keep the threads busy. The
        // result does not depend on the chunk size.
        let chunk = n
            .div_ceil(4 * rayon::current_num_threads())
            .clamp(MIN_CHUNK, MAX_CHUNK);
        let starts: Vec<usize> = (0..n).step_by(chunk).collect();
        // One n-gram table per worker thread, for all the chunks it takes.
        let workers: Vec<Mutex<Ngrams>> = (0..rayon::current_num_threads())
            .map(|_| Mutex::default())
            .collect();
        // Word counts of the tables made for one chunk only (see `fresh` below), so that the
        // known words do not depend on how the chunks fell on the threads.
        let stray_words: Mutex<Vec<(String, u32)>> = Mutex::default();
        let chunks: Vec<ChunkDocs> = starts
            .into_par_iter()
            .map(|start| {
                let me = rayon::current_thread_index().unwrap_or(0) % workers.len();
                // Busy only if `featurize` itself ran rayon jobs and this thread took another
                // chunk meanwhile: that chunk then gets a table of its own.
                let (mut own, mut fresh) = (workers[me].try_lock().ok(), None);
                let worker = own.is_some().then_some(me);
                let ngrams: &mut Ngrams = match own.as_deref_mut() {
                    Some(ngrams) => ngrams,
                    None => fresh.insert(Ngrams::default()),
                };
                let mut sink = ChunkSink::new(ngrams);
                for i in start..(start + chunk).min(n) {
                    sink.doc += 1;
                    sink.ngrams.doc += 1;
                    featurize(i, &mut sink);
                    sink.ends.push(sink.docs.len() as u32);
                }
                let ChunkSink {
                    ids,
                    df,
                    mut docs,
                    ends,
                    ..
                } = sink;
                let to_corpus = {
                    let mut corpus = corpus.lock().unwrap_or_else(|e| e.into_inner());
                    ngrams.merge(&mut corpus);
                    corpus.merge(ids, &df)
                };
                // The n-gram ids of a worker's own table stay as they are: its table outlives
                // the pass, and pass 2 maps them through it to the vocabulary (a table of the
                // worker's n-grams, a few hundred thousand, instead of the whole corpus's).
                for id in docs.iter_mut() {
                    if *id & NGRAM == 0 {
                        *id = to_corpus[*id as usize];
                    } else if worker.is_none() {
                        *id = ngrams.corpus[(*id & !NGRAM) as usize];
                    }
                }
                docs.shrink_to_fit();
                if let Some(fresh) = &fresh {
                    stray_words
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .extend(fresh.word_counts());
                }
                ChunkDocs { docs, ends, worker }
            })
            .collect();
        // The words the n-grams came from, with their counts (summed over the workers by
        // `KnownWords::select`, so the thread count does not matter).
        let mut word_counts = stray_words.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut range = None;
        // The corpus id of each worker's n-grams, by worker.
        let mut ngram_corpus = Vec::with_capacity(workers.len());
        for w in workers {
            let mut w = w.into_inner().unwrap_or_else(|e| e.into_inner());
            if !w.words.is_empty() {
                range = Some(w.range);
                word_counts.extend(w.word_counts());
            }
            ngram_corpus.push(std::mem::take(&mut w.corpus));
        }
        let Corpus { short, ids, df } = corpus.into_inner().unwrap_or_else(|e| e.into_inner());
        let (mut vectorizer, kept) = self.select(
            n,
            short
                .into_iter()
                .map(|(k, id)| (word_of_key(k), df[id as usize], id))
                .chain(
                    ids.into_iter()
                        .map(|(t, id)| (t.text.into_string(), df[id as usize], id)),
                ),
        )?;
        let mut to_vocabulary = vec![u32::MAX; df.len()];
        for (v, &id) in kept.iter().enumerate() {
            to_vocabulary[id as usize] = v as u32;
        }
        drop(df);
        // The vocabulary id (or none) of each worker's n-grams, for the ids pass 1 left in the
        // workers' numbering.
        let ngram_vocabulary: Vec<Vec<u32>> = ngram_corpus
            .into_iter()
            .map(|corpus| {
                corpus
                    .into_iter()
                    .map(|c| to_vocabulary.get(c as usize).copied().unwrap_or(u32::MAX))
                    .collect()
            })
            .collect();
        if let Some(range) = range {
            vectorizer.known_words =
                KnownWords::select(word_counts, range, |f| vectorizer.index_of(f))?;
        }
        // Pass 2: rows from ids. Each chunk writes its rows into its own slice of arrays sized
        // for its emitted features (an upper bound of its non-zeros), freeing its ids as it goes;
        // the slices are then moved together, so the matrix is never held twice.
        let bound: usize = chunks.iter().map(|c| c.docs.len()).sum();
        let mut indices = vec![0u32; bound];
        let mut data = vec![0f32; bound];
        let mut slices = Vec::with_capacity(chunks.len());
        let (mut rest_i, mut rest_d) = (&mut indices[..], &mut data[..]);
        for c in &chunks {
            let (i, ri) = rest_i.split_at_mut(c.docs.len());
            let (d, rd) = rest_d.split_at_mut(c.docs.len());
            slices.push((i, d));
            (rest_i, rest_d) = (ri, rd);
        }
        let lengths: Vec<(usize, Vec<u32>)> = chunks
            .into_par_iter()
            .zip(slices)
            .map(|(chunk, (out_i, out_d))| {
                let mut lengths = Vec::with_capacity(chunk.ends.len());
                let (mut ids, mut row) = (Vec::new(), Vec::new());
                let ngrams: &[u32] = chunk.worker.map_or(&[], |w| &ngram_vocabulary[w]);
                let (mut start, mut at) = (0, 0);
                for &end in &chunk.ends {
                    ids.clear();
                    ids.extend(
                        chunk.docs[start..end as usize]
                            .iter()
                            .map(|&id| {
                                if id & NGRAM != 0 {
                                    ngrams[(id & !NGRAM) as usize]
                                } else {
                                    to_vocabulary[id as usize]
                                }
                            })
                            .filter(|&v| v != u32::MAX),
                    );
                    start = end as usize;
                    vectorizer.transform_ids_into(&mut ids, &mut row);
                    for (k, &(j, v)) in row.iter().enumerate() {
                        out_i[at + k] = j;
                        out_d[at + k] = v;
                    }
                    at += row.len();
                    lengths.push(row.len() as u32);
                }
                (chunk.docs.len(), lengths)
            })
            .collect();
        let mut indptr = Vec::with_capacity(n + 1);
        indptr.push(0usize);
        let (mut read, mut write) = (0, 0);
        for (size, lens) in lengths {
            let used: usize = lens.iter().map(|&l| l as usize).sum();
            indices.copy_within(read..read + used, write);
            data.copy_within(read..read + used, write);
            for l in lens {
                indptr.push(indptr[indptr.len() - 1] + l as usize);
            }
            read += size;
            write += used;
        }
        indices.truncate(write);
        indices.shrink_to_fit();
        data.truncate(write);
        data.shrink_to_fit();
        let x = SparseRecords(sprs::CsMatI::new(
            (n, vectorizer.len()),
            indptr,
            indices,
            data,
        ));
        Ok((vectorizer, x))
    }

    /// The fitted vectorizer from every feature's document frequency over `n` documents, and
    /// the tag of each kept feature in vocabulary order.
    fn select<T: Send>(
        &self,
        n: usize,
        terms: impl Iterator<Item = (String, u32, T)>,
    ) -> Result<(Vectorizer, Vec<T>)> {
        let lo = self.min_df.resolve(n).max(1.0);
        let hi = self.max_df.resolve(n);
        let mut kept: Vec<(String, u32, T)> = terms
            .filter(|&(_, d, _)| d as f64 >= lo && d as f64 <= hi)
            .collect();
        if let Some(cap) = self.max_features {
            if kept.len() > cap {
                // Most frequent first, ties by the term itself, so the cut is deterministic.
                kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                kept.truncate(cap);
            }
        }
        // The terms are distinct, so the parallel unstable sort has one outcome whatever the
        // thread count. Each term's first eight bytes go along as a number that orders as the
        // bytes do, so most comparisons read no string (a million strings compared through their
        // pointers were half a second of cache misses); equal prefixes fall back to the strings.
        let mut keyed: Vec<(u64, (String, u32, T))> =
            kept.into_iter().map(|e| (prefix_key(&e.0), e)).collect();
        keyed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1 .0.cmp(&b.1 .0)));
        let kept: Vec<(String, u32, T)> = keyed.into_iter().map(|(_, e)| e).collect();
        if kept.is_empty() {
            return Err(Error::Training(format!(
                "no feature occurs in at least {lo} documents: the data is too small for min_df"
            )));
        }
        let idf = kept
            .iter()
            .map(|&(_, d, _)| (((1 + n) as f64 / (1 + d as u64) as f64).ln() + 1.0) as f32)
            .collect();
        let vocabulary = Vocabulary::from_strings(kept.iter().map(|(t, _, _)| t))?;
        let tags = kept.into_iter().map(|(_, _, tag)| tag).collect();
        let mut v = Vectorizer {
            params: self.0.clone(),
            vocabulary,
            idf,
            known_words: KnownWords::default(),
            index: FeatureIndex::default(),
            block_runs: Vec::new(),
        };
        v.prepare()?;
        Ok((v, tags))
    }
}
/// A fitted TF-IDF vectorizer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Vectorizer {
    /// The parameters it was fitted with.
    pub params: VectorizerParams,
    /// Feature strings in sorted order; a feature's index is its position here.
    pub vocabulary: Vocabulary,
    /// Inverse document frequency of each feature, fixed at fit time.
    #[serde(with = "crate::model::file::f32_array")]
    pub idf: Vec<f32>,
    /// The character n-gram ids of the training set's frequent words (format version 5; empty
    /// in older files and in hashed vectorizers, which then look every n-gram up).
    #[serde(
        default,
        skip_serializing_if = "crate::model::file::omit_before::<5, _>",
        deserialize_with = "crate::model::file::since::<5, _, _>"
    )]
    known_words: KnownWords,
    #[serde(skip)]
    index: FeatureIndex,
    /// Where each run of one block's features ends in the vocabulary, in order: the vocabulary
    /// is sorted, and a feature's block is its first byte's, so a block's features lie side by
    /// side. A row's ids, sorted, walk these few runs instead of reading a block for each id
    /// from a table of millions (a cache miss each, and a pass over the vocabulary at load).
    #[serde(skip)]
    block_runs: Vec<(u32, Block)>,
}

/// The runs of one block's features of a sorted vocabulary (see `Vectorizer::block_runs`).
///
/// A feature's block depends on its first byte only ([`Block::of`]), and the vocabulary is
/// sorted, so the features of one first byte lie side by side: the runs are found by a binary
/// search for where each first byte's features end, neighbours of one block joined. Asking
/// `Block::of` of each group keeps the prefixes in one place.
fn block_runs(vocabulary: &Vocabulary) -> Vec<(u32, Block)> {
    // -1 for the empty feature, which sorts first.
    let first = |i: usize| vocabulary[i].as_bytes().first().map_or(-1, |&b| b as i16);
    // The first feature whose first byte is `b` or later.
    let start_of = |b: i16| {
        let (mut lo, mut hi) = (0, vocabulary.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if first(mid) < b {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    };
    let mut runs: Vec<(u32, Block)> = Vec::new();
    let mut start = 0;
    for b in -1..=255i16 {
        let end = start_of(b + 1);
        if end > start {
            let block = Block::of(&vocabulary[start]);
            match runs.last_mut() {
                Some(last) if last.1 == block => last.0 = end as u32,
                _ => runs.push((end as u32, block)),
            }
            start = end;
        }
    }
    runs
}

impl Vectorizer {
    /// Rebuilds the lookup tables after loading, and checks the stored shapes agree.
    pub fn prepare(&mut self) -> Result<()> {
        if let Some(h) = self.params.hashing {
            h.check()?;
            if !(self.vocabulary.is_empty() && self.idf.is_empty() && self.known_words.is_empty()) {
                return Err(Error::Internal(
                    "a hashed vectorizer with a vocabulary".into(),
                ));
            }
            return Ok(());
        }
        if self.idf.len() != self.vocabulary.len() {
            return Err(Error::Internal(format!(
                "vocabulary has {} entries but IDF {}",
                self.vocabulary.len(),
                self.idf.len()
            )));
        }
        // On all the cores: a model of 100k sentences has 1.5 million features to compare.
        let v = &self.vocabulary;
        let sorted = (1..v.len())
            .into_par_iter()
            .with_min_len(1 << 14)
            .all(|i| v[i - 1] < v[i]);
        if !sorted {
            return Err(Error::Internal(
                "vocabulary is not sorted and unique".into(),
            ));
        }
        self.known_words
            .prepare(self.vocabulary.len())
            .map_err(Error::Internal)?;
        self.index = FeatureIndex::build(&self.vocabulary);
        self.block_runs = block_runs(&self.vocabulary);
        Ok(())
    }

    /// Number of features: of the vocabulary, or of the hashed columns.
    pub fn len(&self) -> usize {
        match self.params.hashing {
            Some(h) => h.columns(),
            None => self.vocabulary.len(),
        }
    }

    /// True when there are no features.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The hashing settings, for a hashed vectorizer (which has no vocabulary).
    pub fn hashing(&self) -> Option<Hashing> {
        self.params.hashing
    }

    /// The ids of the character n-grams in `range` of a lower-cased training word, from the
    /// model (the same ids, in the same order, as looking each n-gram up).
    pub fn known_ngrams(&self, word: &str, range: (usize, usize)) -> Option<&[u32]> {
        self.known_words.get(word, range)
    }

    /// The training words whose n-gram ids the model carries (see [`KnownWords`]).
    pub fn known_words(&self) -> &KnownWords {
        &self.known_words
    }

    /// The index of a feature string.
    pub fn index_of(&self, feature: &str) -> Option<u32> {
        self.index.get(&self.vocabulary, feature)
    }

    /// Starts loading what a lookup of `feature` of this [`FeatureIndex::hash`] will read, so
    /// that the lookups of a batch of features wait for memory together, not one by one.
    pub(crate) fn prefetch_feature(&self, feature: &str, hash: u64) {
        self.index.prefetch(feature, hash);
    }

    /// For a long feature whose lookup was [prefetched](Self::prefetch_feature): starts loading
    /// the text the lookup will compare it with (see [`FeatureIndex::prefetch_text`]).
    pub(crate) fn prefetch_feature_text(&self, feature: &str, hash: u64) {
        self.index.prefetch_text(&self.vocabulary, feature, hash);
    }

    /// [`index_of`](Self::index_of) of a feature whose [`FeatureIndex::hash`] is made.
    pub(crate) fn index_of_hashed(&self, feature: &str, hash: u64) -> Option<u32> {
        self.index.get_hashed(&self.vocabulary, feature, hash)
    }

    /// One TF-IDF row: (feature index, value) sorted by index; unknown features are ignored.
    pub fn transform(&self, features: &[String]) -> Vec<(u32, f32)> {
        let ids: Vec<u32> = features.iter().filter_map(|f| self.index_of(f)).collect();
        self.transform_ids(ids)
    }

    /// One TF-IDF row from the ids of the features seen (repeats are term counts).
    pub fn transform_ids(&self, mut ids: Vec<u32>) -> Vec<(u32, f32)> {
        let mut row = Vec::with_capacity(ids.len());
        self.transform_ids_into(&mut ids, &mut row);
        row
    }

    /// [`transform_ids`](Self::transform_ids) into a reused row (`ids` is left sorted).
    fn transform_ids_into(&self, ids: &mut [u32], row: &mut Vec<(u32, f32)>) {
        // A radix sort: at about 600 ids a row it takes 0.6 of the comparison sort's time (on
        // 20k synthetic rows), and this sort was the larger part of a TF-IDF row in profiles.
        radsort::sort(ids);
        row.clear();
        for &id in ids.iter() {
            match row.last_mut() {
                Some((last, tf)) if *last == id => *tf += 1.0,
                _ => row.push((id, 1.0)),
            }
        }
        let runs = &self.block_runs;
        let mut norms = [0f32; 4];
        // Run by run, each block's sum of squares in a local: the same additions in the same
        // order as into `norms` directly, but not each one waiting for the last one's store.
        let mut ids = row.iter_mut().peekable();
        for &(end, block) in runs {
            let mut norm = norms[block as usize];
            while let Some((id, v)) = ids.next_if(|(id, _)| *id < end) {
                // A term seen once (most of them) has 1 + ln 1 = 1 exactly: no logarithm to take.
                let tf = if self.params.sublinear_tf && *v != 1.0 {
                    1.0 + v.ln()
                } else {
                    *v
                };
                *v = tf * self.idf[*id as usize];
                norm += *v * *v;
            }
            norms[block as usize] = norm;
            if ids.peek().is_none() {
                break;
            }
        }
        let mut scale = [0f32; 4];
        for ((s, n), w) in scale.iter_mut().zip(norms).zip(self.params.block_weights) {
            *s = if n > 0.0 { w / n.sqrt() } else { 0.0 };
        }
        let mut run = 0;
        for (id, v) in row.iter_mut() {
            while runs[run].0 <= *id {
                run += 1;
            }
            *v *= scale[runs[run].1 as usize];
        }
        row.retain(|(_, v)| *v != 0.0);
    }
}

/// The first eight bytes of `s` as a big-endian number, zero-padded: if two strings' keys
/// differ, they order as the strings do (a string that ends inside the eight bytes is a prefix
/// of any longer string with the same bytes, or differs at a byte where its padding is smaller).
fn prefix_key(s: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = s.len().min(8);
    bytes[..n].copy_from_slice(&s.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn prefix_keys_order_as_the_strings_do() {
        let words = [
            "",
            "a",
            "a\0",
            "a\0\0",
            "ab",
            "abcdefgh",
            "abcdefgh\0",
            "abcdefghi",
            "abcdefgi",
            "b",
            "w:zz",
            "\u{e9}t\u{e9}",
            "\u{ff}",
            "c:  ",
            "c: a",
        ];
        for a in words {
            for b in words {
                let (ka, kb) = (super::prefix_key(a), super::prefix_key(b));
                if ka != kb {
                    assert_eq!(ka.cmp(&kb), a.cmp(b), "{a:?} {b:?}");
                }
            }
        }
    }

    use super::*;

    fn docs(d: &[&[&str]]) -> Vec<Vec<String>> {
        d.iter()
            .map(|x| x.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn idf_and_rows_match_scikit_learn() {
        // sklearn TfidfVectorizer(smooth_idf=True, sublinear_tf=False, min_df=1):
        // docs = ["a b", "a", "a c c"]; idf(a) = ln(4/4)+1 = 1, idf(b) = idf(c) = ln(4/2)+1.
        let d = docs(&[&["w:a", "w:b"], &["w:a"], &["w:a", "w:c", "w:c"]]);
        let p = VectorizerParams {
            min_df: DfBound::Count(1),
            sublinear_tf: false,
            ..Default::default()
        };
        let v = p.check().unwrap().fit(&d).unwrap();
        assert_eq!(v.vocabulary, ["w:a", "w:b", "w:c"]);
        let idf_b = (2f32).ln() + 1.0;
        assert!((v.idf[0] - 1.0).abs() < 1e-6 && (v.idf[1] - idf_b).abs() < 1e-6);
        let row = v.transform(&d[2]);
        let (a, c) = (1.0f32, 2.0 * idf_b);
        let norm = (a * a + c * c).sqrt();
        assert_eq!(row.len(), 2);
        assert!((row[0].1 - a / norm).abs() < 1e-6 && (row[1].1 - c / norm).abs() < 1e-6);
        // IDF is fixed: a single document transforms with the training IDF.
        assert!((v.transform(&docs(&[&["w:b"]])[0])[0].1 - 1.0).abs() < 1e-6);
    }

    #[test]
    fn block_runs_give_every_feature_its_block() {
        let features = [
            "", "a", "c: ab", "c:zz", "ca", "d", "m:x", "q:x", "qv:pos", "r:x", "s", "t:x|w:y",
            "u", "w:a", "w:b c", "x:a", "\u{e9}",
        ];
        let v = Vocabulary::from_strings(features).unwrap();
        let runs = block_runs(&v);
        let mut run = 0;
        for (i, f) in features.iter().enumerate() {
            while runs[run].0 as usize <= i {
                run += 1;
            }
            assert_eq!(runs[run].1, Block::of(f), "{f:?}");
        }
        assert_eq!(runs.last().unwrap().0 as usize, features.len());
        // No run is empty, and neighbouring runs are of different blocks.
        assert!(runs.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 != w[1].1));
        assert!(block_runs(&Vocabulary::default()).is_empty());
    }

    #[test]
    fn df_bounds_and_cap() {
        let d = docs(&[&["w:a", "w:b"], &["w:a", "w:b"], &["w:a", "w:c"]]);
        let v = VectorizerParams {
            min_df: DfBound::Count(2),
            ..Default::default()
        }
        .check()
        .unwrap()
        .fit(&d)
        .unwrap();
        assert_eq!(v.vocabulary, ["w:a", "w:b"]);
        let v = VectorizerParams {
            min_df: DfBound::Count(1),
            max_df: DfBound::Fraction(0.9),
            ..Default::default()
        }
        .check()
        .unwrap()
        .fit(&d)
        .unwrap();
        assert_eq!(v.vocabulary, ["w:b", "w:c"]);
        let v = VectorizerParams {
            min_df: DfBound::Count(1),
            max_features: Some(2),
            ..Default::default()
        }
        .check()
        .unwrap()
        .fit(&d)
        .unwrap();
        assert_eq!(v.vocabulary, ["w:a", "w:b"]);
        assert_eq!("0.5".parse::<DfBound>().unwrap(), DfBound::Fraction(0.5));
        assert_eq!("3".parse::<DfBound>().unwrap(), DfBound::Count(3));
    }

    #[test]
    fn the_one_pass_fit_equals_fit_then_transform() {
        // Documents as words; char n-grams go through the sink's word cache (with a change of
        // range), the rest through emit_prefixed and emit.
        let texts: Vec<Vec<&str>> = (0..3000)
            .map(|i| {
                let words = ["Veto", "veto", "Ba", "of", "Straße", "i", "Mosul", "vetoes"];
                (0..2 + i % 5)
                    .map(|k| words[(i * 7 + k * 3) % words.len()])
                    .collect()
            })
            .collect();
        let featurize = |i: usize, sink: &mut dyn FeatureSink| {
            for (k, w) in texts[i].iter().enumerate() {
                sink.emit_prefixed("w:", w);
                sink.emit(format_args!("k:{w} {}", i % 7));
                if k % 3 == 2 {
                    sink.char_ngrams(w, 1, 3);
                } else {
                    sink.char_ngrams(w, 2, 5);
                }
            }
            if i % 11 == 0 {
                // A string that is also a character n-gram, sent as an ordinary feature.
                sink.emit_prefixed("c:", "ve");
            }
        };
        let strings: Vec<Vec<String>> = (0..texts.len())
            .map(|i| {
                let mut out: Vec<String> = Vec::new();
                featurize(i, &mut out);
                out
            })
            .collect();
        for params in [
            VectorizerParams::default(),
            VectorizerParams {
                min_df: DfBound::Count(1),
                max_df: DfBound::Fraction(0.5),
                max_features: Some(40),
                sublinear_tf: false,
                block_weights: [1.0, 0.5, 2.0, 1.0],
                hashing: None,
            },
        ] {
            let params = params.check().unwrap();
            let expected = params.fit(&strings).unwrap();
            let (v, x) = params
                .fit_transform_streaming(texts.len(), featurize)
                .unwrap();
            assert_eq!(v.vocabulary, expected.vocabulary);
            assert_eq!(v.idf, expected.idf);
            assert_eq!(x.nrows(), texts.len());
            assert_eq!(x.ncols(), v.len());
            for (i, doc) in strings.iter().enumerate() {
                let (c, val) = x.row_slices(i);
                let row: Vec<(u32, f32)> = c.iter().copied().zip(val.iter().copied()).collect();
                assert_eq!(row, expected.transform(doc), "document {i}");
            }
        }
    }

    #[test]
    fn blocks_are_normalised_separately() {
        let d = docs(&[&["w:a", "c:x", "c:y"], &["w:a", "c:x", "c:y"]]);
        let v = VectorizerParams {
            min_df: DfBound::Count(1),
            ..Default::default()
        }
        .check()
        .unwrap()
        .fit(&d)
        .unwrap();
        let row = v.transform(&d[0]);
        let word: f32 = row
            .iter()
            .filter(|(i, _)| v.vocabulary[*i as usize].starts_with("w:"))
            .map(|(_, x)| x * x)
            .sum();
        let chars: f32 = row
            .iter()
            .filter(|(i, _)| v.vocabulary[*i as usize].starts_with("c:"))
            .map(|(_, x)| x * x)
            .sum();
        assert!((word - 1.0).abs() < 1e-6 && (chars - 1.0).abs() < 1e-6);
    }
}
