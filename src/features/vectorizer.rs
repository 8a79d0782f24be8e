//! The project's TF-IDF vectorizer: sorted vocabulary, IDF fixed at fit time, sparse rows.
//!
//! Written here because linfa-preprocessing's vectorizer recomputes IDF on every `transform`
//! batch (one sentence gets IDF 1 everywhere), orders its vocabulary by hash iteration, and has no
//! sublinear tf or row normalisation. Semantics follow scikit-learn's `TfidfVectorizer`
//! (`smooth_idf`, `sublinear_tf`, `min_df`/`max_df` as counts or fractions, `max_features`), with
//! each feature block L2-normalised on its own.

use rustc_hash::FxHashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::extract::Block;
use crate::error::{Error, Result};

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
    /// Drop features seen in fewer documents; defaults to a count of 2.
    pub min_df: DfBound,
    /// Drop features seen in more documents; defaults to the fraction 1.0 (keep all).
    pub max_df: DfBound,
    /// Keep only the most frequent features (by document frequency); defaults to none.
    pub max_features: Option<usize>,
    /// Use 1 + ln(tf) instead of tf; defaults to true.
    pub sublinear_tf: bool,
    /// Weight of each block (word, char, context, cue) after its L2 normalisation; defaults to 1 each.
    pub block_weights: [f32; 4],
}

impl Default for VectorizerParams {
    fn default() -> Self {
        VectorizerParams {
            min_df: DfBound::Count(2),
            max_df: DfBound::Fraction(1.0),
            max_features: None,
            sublinear_tf: true,
            block_weights: [1.0, 1.0, 1.0, 1.0],
        }
    }
}

impl VectorizerParams {
    /// Checks the parameters once, so a fitted vectorizer never holds invalid settings.
    pub fn check(self) -> Result<Self> {
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
        Ok(self)
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
        let lo = self.min_df.resolve(n).max(1.0);
        let hi = self.max_df.resolve(n);
        let mut kept: Vec<(String, u32)> = df
            .into_iter()
            .filter(|&(_, d)| d as f64 >= lo && d as f64 <= hi)
            .collect();
        if let Some(cap) = self.max_features {
            if kept.len() > cap {
                // Most frequent first, ties by the term itself, so the cut is deterministic.
                kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                kept.truncate(cap);
            }
        }
        kept.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        if kept.is_empty() {
            return Err(Error::Training(format!(
                "no feature occurs in at least {lo} documents: the data is too small for min_df"
            )));
        }
        let idf = kept
            .iter()
            .map(|&(_, d)| (((1 + n) as f64 / (1 + d as u64) as f64).ln() + 1.0) as f32)
            .collect();
        let vocabulary = kept.into_iter().map(|(t, _)| t).collect();
        let mut v = Vectorizer {
            params: self.clone(),
            vocabulary,
            idf,
            index: FxHashMap::default(),
            blocks: Vec::new(),
        };
        v.prepare()?;
        Ok(v)
    }
}

/// A fitted TF-IDF vectorizer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Vectorizer {
    /// The parameters it was fitted with.
    pub params: VectorizerParams,
    /// Feature strings in sorted order; a feature's index is its position here.
    pub vocabulary: Vec<String>,
    /// Inverse document frequency of each feature, fixed at fit time.
    pub idf: Vec<f32>,
    #[serde(skip)]
    index: FxHashMap<String, u32>,
    #[serde(skip)]
    blocks: Vec<Block>,
}

impl Vectorizer {
    /// Rebuilds the lookup tables after loading, and checks the stored shapes agree.
    pub fn prepare(&mut self) -> Result<()> {
        if self.idf.len() != self.vocabulary.len() {
            return Err(Error::Training(format!(
                "vocabulary has {} entries but IDF {}",
                self.vocabulary.len(),
                self.idf.len()
            )));
        }
        if self.vocabulary.windows(2).any(|w| w[0] >= w[1]) {
            return Err(Error::Training(
                "vocabulary is not sorted and unique".into(),
            ));
        }
        self.index = self
            .vocabulary
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        self.blocks = self.vocabulary.iter().map(|t| Block::of(t)).collect();
        Ok(())
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.vocabulary.len()
    }

    /// True when the vocabulary is empty.
    pub fn is_empty(&self) -> bool {
        self.vocabulary.is_empty()
    }

    /// The index of a feature string.
    pub fn index_of(&self, feature: &str) -> Option<u32> {
        self.index.get(feature).copied()
    }

    /// One TF-IDF row: (feature index, value) sorted by index; unknown features are ignored.
    pub fn transform(&self, features: &[String]) -> Vec<(u32, f32)> {
        let ids: Vec<u32> = features
            .iter()
            .filter_map(|f| self.index.get(f.as_str()).copied())
            .collect();
        self.transform_ids(ids)
    }

    /// The vocabulary index, for an [`IdSink`](super::IdSink).
    pub fn index(&self) -> &FxHashMap<String, u32> {
        &self.index
    }

    /// One TF-IDF row from the ids of the features seen (repeats are term counts).
    pub fn transform_ids(&self, mut ids: Vec<u32>) -> Vec<(u32, f32)> {
        ids.sort_unstable();
        let mut row: Vec<(u32, f32)> = Vec::with_capacity(ids.len());
        for id in ids {
            match row.last_mut() {
                Some((last, tf)) if *last == id => *tf += 1.0,
                _ => row.push((id, 1.0)),
            }
        }
        let mut norms = [0f32; 4];
        for (id, v) in row.iter_mut() {
            let tf = if self.params.sublinear_tf {
                1.0 + v.ln()
            } else {
                *v
            };
            *v = tf * self.idf[*id as usize];
            norms[self.blocks[*id as usize] as usize] += *v * *v;
        }
        let scale: Vec<f32> = norms
            .iter()
            .zip(self.params.block_weights)
            .map(|(n, w)| if *n > 0.0 { w / n.sqrt() } else { 0.0 })
            .collect();
        for (id, v) in row.iter_mut() {
            *v *= scale[self.blocks[*id as usize] as usize];
        }
        row.retain(|(_, v)| *v != 0.0);
        row
    }
}

#[cfg(test)]
mod tests {
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
    fn df_bounds_and_cap() {
        let d = docs(&[&["w:a", "w:b"], &["w:a", "w:b"], &["w:a", "w:c"]]);
        let v = VectorizerParams {
            min_df: DfBound::Count(2),
            ..Default::default()
        }
        .fit(&d)
        .unwrap();
        assert_eq!(v.vocabulary, ["w:a", "w:b"]);
        let v = VectorizerParams {
            min_df: DfBound::Count(1),
            max_df: DfBound::Fraction(0.9),
            ..Default::default()
        }
        .fit(&d)
        .unwrap();
        assert_eq!(v.vocabulary, ["w:b", "w:c"]);
        let v = VectorizerParams {
            min_df: DfBound::Count(1),
            max_features: Some(2),
            ..Default::default()
        }
        .fit(&d)
        .unwrap();
        assert_eq!(v.vocabulary, ["w:a", "w:b"]);
        assert_eq!("0.5".parse::<DfBound>().unwrap(), DfBound::Fraction(0.5));
        assert_eq!("3".parse::<DfBound>().unwrap(), DfBound::Count(3));
    }

    #[test]
    fn blocks_are_normalised_separately() {
        let d = docs(&[&["w:a", "c:x", "c:y"], &["w:a", "c:x", "c:y"]]);
        let v = VectorizerParams {
            min_df: DfBound::Count(1),
            ..Default::default()
        }
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
