//! The whole pipeline in one object: text options, features, vectorizer, classifier and card.
//!
//! Training runs records -> examples -> feature strings -> TF-IDF rows -> classifier and keeps
//! every option needed to repeat the same steps at prediction time. Prediction never refits.
//!
//! Its length: training, prediction, per-target routing and the load-time checks of one model
//! value; the checks must see every part of it.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::data::Record;
use crate::error::{Error, Result};
use crate::example::{Example, ExampleBuilder};
use crate::features::{
    extract, ExtractOptions, HashSink, IdSink, NgramCache, SharedNgrams, Vectorizer,
    VectorizerParams,
};
use crate::model::{file, Classifier, ClassifierParams, SparseRecords};
use crate::text::{Analyzer, TextOptions};

/// Every option of training, stored in the model file and its card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainOptions {
    /// What the model predicts ("stance", "sentiment", or the user's name for it).
    pub task: String,
    /// Text stage options.
    pub text: TextOptions,
    /// Feature extraction options.
    pub extract: ExtractOptions,
    /// Vectorizer options.
    pub vectorizer: VectorizerParams,
    /// Classifier options.
    pub classifier: ClassifierParams,
    /// Use the actor lexicon to place other actors and the target; defaults to true.
    pub use_lexicon: bool,
    /// Mark capitalised names outside the lexicon as other actors (`__other__`); defaults to false
    /// (it cost 0.8 points of macro-F1 in cross-validation on NewsMTSC, see docs/defaults.md).
    #[serde(default)]
    pub mark_names: bool,
    /// With several targets in the training data, fit one model per target (routed by the
    /// record's target) besides the pooled one, which labels targets not seen in training;
    /// defaults to true. For different targets the same words mean opposite stances, and one
    /// set of weights for all of them fights itself (docs/defaults.md). Older files read false.
    #[serde(default)]
    pub per_target: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            task: "stance".into(),
            text: TextOptions::default(),
            extract: ExtractOptions::default(),
            vectorizer: VectorizerParams::default(),
            classifier: ClassifierParams::default(),
            use_lexicon: true,
            mark_names: false,
            per_target: true,
        }
    }
}

/// What a model file says about itself.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct ModelCard {
    /// Version of stance that trained it.
    pub tool_version: String,
    /// When it was trained (UTC, RFC 3339).
    pub created: String,
    /// Training data files, as given.
    pub data_files: Vec<String>,
    /// SHA-256 of the training data: of the one file, or of the files' hashes in order.
    pub data_sha256: String,
    /// SHA-256 of each training data file, in order.
    #[serde(default)]
    pub data_file_sha256: Vec<String>,
    /// Number of training examples.
    pub examples: usize,
    /// Training examples per label.
    pub label_counts: BTreeMap<String, usize>,
    /// Cross-validation summary, when it was run at training time.
    #[serde(
        default,
        skip_serializing_if = "file::omit_none",
        with = "file::json_in_binary"
    )]
    pub cv: Option<serde_json::Value>,
    /// Where the data came from and under which license.
    #[serde(default, skip_serializing_if = "file::omit_empty_vec")]
    pub sources: Vec<String>,
    /// Training examples whose actor was not found in their text.
    pub actors_not_found: usize,
    /// Training examples per target, when the data names targets.
    #[serde(default, skip_serializing_if = "file::omit_empty_map")]
    pub targets: BTreeMap<String, usize>,
    /// The input fields the training data was read with, when not the default ones.
    #[serde(default, skip_serializing_if = "file::omit_none")]
    pub fields: Option<crate::data::FieldMap>,
}

/// Fewest training records a target needs for a model of its own; below it the pooled model
/// labels it.
pub const MIN_TARGET_RECORDS: usize = 20;

/// Training sets from this many records up are "large": the command line's automatic settings
/// then drop character n-grams and fit with SGD instead of L-BFGS.
///
/// Measured on the synthetic corpora (docs/benchmarks.md): character n-grams are about 750 of a
/// sentence's 800 non-zeros, 6 KB a record, so 1M records would need a 6.4 GB matrix, and their
/// gain (1-1.5 points of macro-F1 on 5-9k real sentences, docs/defaults.md) comes from words seen
/// too rarely to get a weight of their own, which more data makes fewer. At 1M sentences L-BFGS
/// still moved the objective after 300 iterations (C = 3 is a regularisation of 1 / (3n)): 10 SGD
/// epochs went lower (0.342 against 0.357), and 5, in the time of about 10 L-BFGS iterations,
/// nearly as low (0.372) at the same macro-F1.
pub const LARGE_DATA: usize = 200_000;

/// The weight of a known alignment against the text's log-probabilities that `train` stores
/// unless told otherwise: 0, the stance is the text's. On the three development article sets
/// together (1,571 stances) no weight above 0 kept three in four counter-alignment stances right
/// while reading more stances right (`scripts/eval_articles.py --alignment-weight W`,
/// docs/defaults.md, stage 16; it was 1.5, then 1.0 and 0.75 on fewer development sets).
pub const DEFAULT_ALIGNMENT_WEIGHT: f64 = 0.0;

/// Model files that do not store the weight are read at 1.0, as they were before release 8.
fn default_alignment_weight() -> f64 {
    1.0
}

/// What [`StanceModel::train_owned`] is doing, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrainStage {
    /// Building, featurizing and counting the examples.
    Featurizing {
        /// How many.
        records: usize,
    },
    /// The solver has started.
    Fitting {
        /// Columns of the TF-IDF matrix.
        features: usize,
        /// Its non-zero entries.
        nonzeros: usize,
    },
    /// Streaming (`--hash-bits`): the first pass, counting the records and their labels.
    Counting,
    /// Streaming: an epoch has started.
    Epoch {
        /// Which, from 1.
        epoch: usize,
        /// Of how many.
        epochs: usize,
        /// Hashed columns.
        features: usize,
    },
}

/// A trained pipeline: everything needed to label new text.
#[derive(Serialize, Deserialize)]
pub struct StanceModel {
    /// Training options (text, features, vectorizer, classifier).
    pub options: TrainOptions,
    /// Label names; class index i is `labels[i]`.
    pub labels: Vec<String>,
    /// The fitted vectorizer.
    pub vectorizer: Vectorizer,
    /// The fitted classifier.
    pub classifier: Classifier,
    /// The model card.
    pub card: ModelCard,
    /// Weight of an actor's known alignment when it is combined with this model's text reading
    /// (see [`crate::article::combine`]); fitted on the development articles.
    #[serde(default = "default_alignment_weight")]
    pub alignment_weight: f64,
    /// One model per target seen in training (see [`TrainOptions::per_target`]); empty for a
    /// single target. Their labels are a subset of this model's.
    #[serde(default, skip_serializing_if = "file::omit_empty_map")]
    pub targets: BTreeMap<String, StanceModel>,
    #[serde(skip)]
    analyzer: OnceLock<Analyzer>,
    /// Character n-gram caches lent to prediction workers, so each one keeps what it learnt
    /// from one batch for the next (see [`NgramCache`]).
    #[serde(skip)]
    caches: Mutex<Vec<NgramCache>>,
    /// The n-gram cache behind the workers' own, shared by all of them.
    #[serde(skip)]
    shared_ngrams: std::sync::Arc<SharedNgrams>,
    /// See [`StanceModel::format_version`].
    #[serde(skip, default = "current_format")]
    format_version: u32,
}

fn current_format() -> u32 {
    file::FORMAT_VERSION
}

/// A cache taken from a model's pool for one worker and given back when the worker is done.
struct CacheLease<'a> {
    pool: &'a Mutex<Vec<NgramCache>>,
    cache: NgramCache,
}

impl<'a> CacheLease<'a> {
    fn new(pool: &'a Mutex<Vec<NgramCache>>, shared: &std::sync::Arc<SharedNgrams>) -> Self {
        // A poisoned pool only means a worker panicked; its caches are still valid.
        let cache = pool.lock().unwrap_or_else(|e| e.into_inner()).pop();
        CacheLease {
            pool,
            cache: cache.unwrap_or_else(|| NgramCache::with_shared(shared.clone())),
        }
    }
}

impl Drop for CacheLease<'_> {
    fn drop(&mut self) {
        let cache = std::mem::take(&mut self.cache);
        self.pool
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(cache);
    }
}

/// One prediction: the label index and the probability of every label.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Index into the model's labels.
    pub label: usize,
    /// Probability of each label, in label order.
    pub scores: Vec<f64>,
}

/// UTC now as RFC 3339, to the second; or the time `SOURCE_DATE_EPOCH` gives (seconds since
/// 1970, the reproducible-builds convention), so the same training writes the same bytes.
pub fn now_rfc3339() -> String {
    let fixed = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok());
    fixed
        .unwrap_or_else(jiff::Timestamp::now)
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Turns off the feature blocks that the training labels give no meaning to; the in-memory and
/// the streamed (`--hash-bits`) training both call it, so a model's blocks do not depend on how
/// it was trained.
pub(crate) fn fit_to_labels(extract: &mut ExtractOptions, labels: &[String]) {
    let has = |l: &str| labels.iter().any(|x| x == l);
    let stances = has("supports") && has("opposes");
    // Known alignments are stances ("supports", "opposes"); on data labelled otherwise
    // (sentiment, favour/against) they are not what the labels mean, so they stay out.
    extract.priors &= stances;
    // On the lexicon's stances, an actor's name is its known alignment, which `predict`
    // combines with the text reading apart (`article::combine`): read from the mention too,
    // it would count twice. Elsewhere the mention's words say what it is ("Monday", "he").
    extract.mention_words &= !stances;
    // The mention's place serves the same reading (the sentiment toward the mention, not an
    // actor's stance); on the Syria data it was level (docs/defaults.md, stage 8).
    extract.mention_position &= !stances;
    // Pairs of the actor's clause read an act's direction from its verb and object; on
    // sentiment toward a mention (NewsMTSC) they lowered cross-validation (docs/defaults.md,
    // stage 10), so they are read where the labels are stances.
    extract.clause_pairs &= stances;
}

impl StanceModel {
    fn analyzer(&self) -> &Analyzer {
        self.analyzer
            .get_or_init(|| Analyzer::new(&self.options.text))
    }

    /// The feature strings of one example.
    pub fn feature_strings(&self, example: &Example) -> Vec<String> {
        feature_strings(self.analyzer(), &self.options.extract, example)
    }

    /// The TF-IDF row of one example; features are looked up as they are formatted, never
    /// collected as strings.
    pub fn vectorize(&self, example: &Example) -> Vec<(u32, f32)> {
        vectorize(
            self.analyzer(),
            &self.options.extract,
            &self.vectorizer,
            example,
            None,
        )
    }

    /// [`vectorize`](Self::vectorize), answering the character n-grams of words seen before from
    /// `cache` (one per worker, used with this model only). The row is the same.
    pub fn vectorize_cached(&self, example: &Example, cache: &mut NgramCache) -> Vec<(u32, f32)> {
        vectorize(
            self.analyzer(),
            &self.options.extract,
            &self.vectorizer,
            example,
            Some(cache),
        )
    }

    /// The `top` features that pushed `example` toward `label` most: (feature, weight x value),
    /// largest first. Empty for models without linear weights (linfa's dense models).
    pub fn contributions(&self, example: &Example, label: usize, top: usize) -> Vec<(String, f64)> {
        let model = self.route(example);
        if !std::ptr::eq(model, self) {
            let name = &self.labels[label];
            return match model.labels.iter().position(|l| l == name) {
                Some(k) => model.contributions(example, k, top),
                None => Vec::new(),
            };
        }
        let Some((weights, _, k)) = self.classifier.linear_weights() else {
            return Vec::new();
        };
        if let Some(hashing) = self.vectorizer.hashing() {
            return self.hashed_contributions(hashing, example, weights, k, label, top);
        }
        let mut c: Vec<(f64, u32)> = self
            .vectorize(example)
            .into_iter()
            .map(|(j, v)| (weights[j as usize * k + label] as f64 * v as f64, j))
            .collect();
        c.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        c.into_iter()
            .take(top)
            .map(|(w, j)| (self.vectorizer.vocabulary[j as usize].to_string(), w))
            .collect()
    }

    /// [`contributions`](Self::contributions) of a hashed model: it keeps no feature names, so
    /// the example's own feature strings name them. A feature's contribution is its column's
    /// weight times its own (signed) value; features sharing a column are listed apart.
    fn hashed_contributions(
        &self,
        hashing: crate::features::Hashing,
        example: &Example,
        weights: &[f32],
        k: usize,
        label: usize,
        top: usize,
    ) -> Vec<(String, f64)> {
        let mut names: Vec<(u64, String)> = self
            .feature_strings(example)
            .into_iter()
            .map(|f| (hashing.hash(&f), f))
            .collect();
        let mut features: Vec<(u64, crate::features::Block)> = names
            .iter()
            .map(|(h, f)| (*h, crate::features::Block::of(f)))
            .collect();
        names.sort_unstable();
        names.dedup();
        let p = &self.vectorizer.params;
        let mut c: Vec<(f64, String)> = hashing
            .entries(&mut features, p.sublinear_tf, p.block_weights)
            .into_iter()
            .map(|(h, j, v)| {
                let at = names.partition_point(|(n, _)| *n < h);
                let name = names.get(at).map_or(String::new(), |(_, f)| f.clone());
                (weights[j as usize * k + label] as f64 * v as f64, name)
            })
            .collect();
        c.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        c.into_iter().take(top).map(|(w, f)| (f, w)).collect()
    }

    /// For a hashed model, the feature strings of `example` that land in each column (several
    /// when they collide), in sorted order: a hashed model keeps no names, so the example's own
    /// strings name its columns. `None` for a model with a vocabulary.
    pub fn column_names(&self, example: &Example) -> Option<BTreeMap<u32, Vec<String>>> {
        let hashing = self.vectorizer.hashing()?;
        let mut names: BTreeMap<u32, Vec<String>> = BTreeMap::new();
        for f in self.feature_strings(example) {
            let (column, _) = hashing.column(hashing.hash(&f));
            let at = names.entry(column).or_default();
            if !at.contains(&f) {
                at.push(f);
            }
        }
        names.values_mut().for_each(|v| v.sort());
        Some(names)
    }

    /// The model that labels `example`: its target's own, else this (pooled) one.
    fn route(&self, example: &Example) -> &StanceModel {
        example
            .target
            .as_deref()
            .and_then(|t| self.targets.get(t))
            .unwrap_or(self)
    }

    /// Targets of `examples` that have no model of their own although this model has per-target
    /// models: the pooled model labels them. Empty for single-target models.
    pub fn unseen_targets<'a>(
        &self,
        examples: &'a [Example],
    ) -> std::collections::BTreeSet<&'a str> {
        if self.targets.is_empty() {
            return Default::default();
        }
        examples
            .iter()
            .filter_map(|e| e.target.as_deref())
            .filter(|t| !self.targets.contains_key(*t))
            .collect()
    }

    /// Labels a batch of examples (in parallel; the order of results follows the input). With
    /// per-target models each example goes to its target's model; scores are given in this
    /// model's label order (0 for a label a target's model never saw).
    pub fn predict(&self, examples: &[Example]) -> Result<Vec<Prediction>> {
        if self.targets.is_empty() {
            return self.predict_own(&examples.iter().collect::<Vec<_>>());
        }
        let mut groups: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
        for (i, e) in examples.iter().enumerate() {
            let key = e
                .target
                .as_deref()
                .filter(|t| self.targets.contains_key(*t));
            groups.entry(key).or_default().push(i);
        }
        let mut out: Vec<Option<Prediction>> = vec![None; examples.len()];
        for (key, idx) in groups {
            let model = key.map_or(self, |t| &self.targets[t]);
            let batch: Vec<&Example> = idx.iter().map(|&i| &examples[i]).collect();
            let preds = model.predict_own(&batch)?;
            for (i, p) in idx.into_iter().zip(preds) {
                let scores: Vec<f64> = self
                    .labels
                    .iter()
                    .map(|l| {
                        model
                            .labels
                            .iter()
                            .position(|m| m == l)
                            .map_or(0.0, |k| p.scores[k])
                    })
                    .collect();
                out[i] = Some(Prediction {
                    label: crate::model::argmax(&scores),
                    scores,
                });
            }
        }
        Ok(out.into_iter().flatten().collect())
    }

    fn predict_own(&self, examples: &[&Example]) -> Result<Vec<Prediction>> {
        // The sparse models score each row as it is made, in the worker that made it: the same
        // numbers as from a matrix of the batch, without building one (a batch's matrix was tens
        // of megabytes of fresh memory, a tenth of `classify`'s page faults).
        if self.classifier.scores_rows_alone() {
            return Ok(examples
                .par_iter()
                .map_init(
                    || CacheLease::new(&self.caches, &self.shared_ngrams),
                    |lease, e| {
                        let row = self.vectorize_cached(e, &mut lease.cache);
                        let scores = self
                            .classifier
                            .proba_of_row(&row)
                            .expect("a sparse model scores rows");
                        Prediction {
                            label: crate::model::argmax(&scores),
                            scores,
                        }
                    },
                )
                .collect());
        }
        let rows: Vec<Vec<(u32, f32)>> = examples
            .par_iter()
            .map_init(
                || CacheLease::new(&self.caches, &self.shared_ngrams),
                |lease, e| self.vectorize_cached(e, &mut lease.cache),
            )
            .collect();
        let x = SparseRecords::from_rows(&rows, self.vectorizer.len());
        let p = self.classifier.predict_proba(&x)?;
        Ok(p.outer_iter()
            .map(|row| {
                let scores: Vec<f64> = row.to_vec();
                Prediction {
                    label: crate::model::argmax(&scores),
                    scores,
                }
            })
            .collect())
    }

    /// Fits the whole pipeline on labelled records.
    pub fn train(
        records: &[Record],
        options: &TrainOptions,
        builder: &ExampleBuilder,
    ) -> Result<StanceModel> {
        Self::fit(Cow::Borrowed(records), options, builder, &|_| {})
    }

    /// [`train`](Self::train) on records it may free: they are dropped once featurized, before
    /// the solver starts (at a million sentences, 0.4 GB less at the peak). `report` hears of
    /// each stage as it starts, for a progress display.
    pub fn train_owned(
        records: Vec<Record>,
        options: &TrainOptions,
        builder: &ExampleBuilder,
        report: &dyn Fn(TrainStage),
    ) -> Result<StanceModel> {
        Self::fit(Cow::Owned(records), options, builder, report)
    }

    fn fit(
        records: Cow<'_, [Record]>,
        options: &TrainOptions,
        builder: &ExampleBuilder,
        report: &dyn Fn(TrainStage),
    ) -> Result<StanceModel> {
        let mut by_target: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, r) in records.iter().enumerate() {
            if let Some(t) = &r.target {
                by_target.entry(t.clone()).or_default().push(i);
            }
        }
        let single = TrainOptions {
            per_target: false,
            ..options.clone()
        };
        if !options.per_target || by_target.len() < 2 {
            let mut model = Self::fit_one(records, &single, builder, report)?;
            model.card.targets = by_target
                .iter()
                .map(|(t, i)| (t.clone(), i.len()))
                .collect();
            return Ok(model);
        }
        // Each target's records, copied before the pooled fit may drop the originals.
        let subsets: Vec<(String, Vec<Record>)> = by_target
            .iter()
            .filter(|(_, idx)| {
                let mut labels: Vec<&str> = idx
                    .iter()
                    .filter_map(|&i| records[i].label.as_deref())
                    .collect();
                labels.sort_unstable();
                labels.dedup();
                idx.len() >= MIN_TARGET_RECORDS && labels.len() >= 2
            })
            .map(|(t, idx)| (t.clone(), idx.iter().map(|&i| records[i].clone()).collect()))
            .collect();
        let counts = by_target
            .iter()
            .map(|(t, i)| (t.clone(), i.len()))
            .collect();
        let mut pooled = Self::fit_one(records, &single, builder, report)?;
        for (target, subset) in subsets {
            let model = Self::fit_one(Cow::Owned(subset), &single, builder, &|_| {})?;
            pooled.targets.insert(target, model);
        }
        pooled.options.per_target = true;
        pooled.card.targets = counts;
        Ok(pooled)
    }

    fn fit_one(
        records: Cow<'_, [Record]>,
        options: &TrainOptions,
        builder: &ExampleBuilder,
        report: &dyn Fn(TrainStage),
    ) -> Result<StanceModel> {
        let labels: Vec<String> = {
            let mut l: Vec<String> = records.iter().filter_map(|r| r.label.clone()).collect();
            l.sort();
            l.dedup();
            l
        };
        options.extract.check()?;
        if labels.len() < 2 {
            let which = labels.first().map_or("no label".to_string(), |l| {
                format!("a single label (\"{l}\")")
            });
            return Err(Error::Training(format!(
                "training data has {which}: there is nothing to learn"
            )));
        }
        let y: Vec<usize> = records
            .iter()
            .map(|r| {
                r.label
                    .as_ref()
                    .and_then(|l| labels.binary_search(l).ok())
                    .ok_or_else(|| Error::input("-", r.line, "record has no label"))
            })
            .collect::<Result<_>>()?;
        let mut options = options.clone();
        let targets: std::collections::BTreeSet<&str> =
            records.iter().filter_map(|r| r.target.as_deref()).collect();
        options.extract.conjoin_target = targets.len() > 1;
        fit_to_labels(&mut options.extract, &labels);
        let analyzer = Analyzer::new(&options.text);
        let not_found = AtomicUsize::new(0);
        report(TrainStage::Featurizing {
            records: records.len(),
        });
        // Each example is built and featurized once, when the vectorizer asks for it, and never
        // kept: the vectorizer holds examples as feature ids, not strings, until it knows the
        // vocabulary (the strings of 100k sentences take gigabytes).
        let (vectorizer, x) = options
            .vectorizer
            .clone()
            .check()?
            .fit_transform_streaming(records.len(), |i, sink| {
                let (example, found) = builder.from_record(&records[i]);
                if !found {
                    not_found.fetch_add(1, Ordering::Relaxed);
                }
                featurize(&analyzer, &options.extract, &example, sink)
            })?;
        let examples = records.len();
        drop(records);
        report(TrainStage::Fitting {
            features: vectorizer.len(),
            nonzeros: x.0.nnz(),
        });
        let classifier = Classifier::fit(&options.classifier, x, &y, labels.len())?;
        let mut label_counts = BTreeMap::new();
        for &t in &y {
            *label_counts.entry(labels[t].clone()).or_insert(0) += 1;
        }
        let card = ModelCard {
            tool_version: env!("CARGO_PKG_VERSION").into(),
            created: now_rfc3339(),
            examples,
            label_counts,
            actors_not_found: not_found.into_inner(),
            ..Default::default()
        };
        Ok(StanceModel::assemble(
            options, labels, vectorizer, classifier, card,
        ))
    }

    /// A model from its fitted parts (a single-target model: no per-target models).
    pub(crate) fn assemble(
        options: TrainOptions,
        labels: Vec<String>,
        vectorizer: Vectorizer,
        classifier: Classifier,
        card: ModelCard,
    ) -> StanceModel {
        StanceModel {
            options,
            labels,
            vectorizer,
            classifier,
            card,
            alignment_weight: DEFAULT_ALIGNMENT_WEIGHT,
            targets: BTreeMap::new(),
            analyzer: OnceLock::new(),
            caches: Mutex::default(),
            shared_ngrams: Default::default(),
            format_version: file::FORMAT_VERSION,
        }
    }

    /// Checks that the parts of a loaded model agree with each other.
    fn validate(mut self, name: &str) -> Result<Self> {
        let refuse = |m: String| Error::Model {
            path: name.to_string(),
            message: m,
        };
        self.options
            .extract
            .check()
            .and_then(|()| self.vectorizer.params.clone().check().map(drop))
            .map_err(|e| refuse(format!("bad settings: {e}")))?;
        if !(self.alignment_weight.is_finite() && self.alignment_weight >= 0.0) {
            return Err(refuse(format!(
                "bad settings: alignment weight {} is not a finite number >= 0",
                self.alignment_weight
            )));
        }
        self.vectorizer.prepare().map_err(|e| match e {
            Error::Internal(m) => refuse(format!("damaged vectorizer: {m}")),
            e => refuse(format!("damaged vectorizer: {e}")),
        })?;
        if self.labels.len() < 2 || self.classifier.n_classes() != self.labels.len() {
            return Err(refuse(format!(
                "{} labels but the classifier has {} classes",
                self.labels.len(),
                self.classifier.n_classes()
            )));
        }
        if let Some(d) = self.classifier.n_features() {
            if d != self.vectorizer.len() {
                return Err(refuse(format!(
                    "vectorizer has {} features but the classifier {}",
                    self.vectorizer.len(),
                    d
                )));
            }
        }
        self.classifier
            .check(self.vectorizer.len())
            .map_err(|e| refuse(format!("damaged classifier: {e}")))?;
        if let Some((w, b, k)) = self.classifier.linear_weights() {
            if w.len() != self.vectorizer.len() * k || b.len() != k {
                return Err(refuse("weight matrix has the wrong shape".into()));
            }
            if !(w.iter().all(|x| x.is_finite()) && b.iter().all(|x| x.is_finite())) {
                return Err(refuse("weights that are not finite numbers".into()));
            }
        }
        let targets = std::mem::take(&mut self.targets);
        for (t, m) in targets {
            if let Some(l) = m.labels.iter().find(|l| !self.labels.contains(l)) {
                return Err(refuse(format!(
                    "the model of target \"{t}\" has a label (\"{l}\") the pooled model lacks"
                )));
            }
            if !m.targets.is_empty() {
                return Err(refuse(format!(
                    "the model of target \"{t}\" has target models of its own"
                )));
            }
            let m = m.validate(&format!("{name} (target \"{t}\")"))?;
            self.targets.insert(t, m);
        }
        Ok(self)
    }

    /// Writes the model file atomically.
    pub fn save(&self, path: &Path) -> Result<()> {
        file::save(self, path)
    }

    /// The oldest format version that holds everything this model reads: 5 when it reads the
    /// word pairs of the actor's clause (a reader of an older version would featurize without
    /// them and score differently), 1 otherwise.
    pub fn oldest_format(&self) -> u32 {
        let pairs = self.options.extract.clause_pairs
            || self
                .targets
                .values()
                .any(|m| m.options.extract.clause_pairs);
        if pairs {
            5
        } else {
            1
        }
    }

    /// Writes the model file in format `version` (older ones are for older builds and tests),
    /// refused when that version cannot hold the model ([`oldest_format`](Self::oldest_format)).
    pub fn save_as(&self, path: &Path, version: u32) -> Result<()> {
        let oldest = self.oldest_format();
        if version < oldest {
            return Err(Error::Param(format!(
                "this model reads word pairs of the actor's clause, which format version {oldest} added: it cannot be written as version {version}"
            )));
        }
        file::save_as(self, path, version)
    }

    /// Loads and checks a model file.
    pub fn load(path: &Path) -> Result<Self> {
        let (mut m, version): (StanceModel, u32) = file::load_versioned(path)?;
        m.format_version = version;
        m.validate(&path.display().to_string())
    }

    /// Loads a model from bytes (the built-in models).
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Self> {
        let (mut m, version): (StanceModel, u32) = file::from_bytes_versioned(bytes, name)?;
        m.format_version = version;
        m.validate(name)
    }

    /// The format version of the file this model was read from ([`file::FORMAT_VERSION`], the
    /// one it would be written in, for a model trained in this process).
    pub fn format_version(&self) -> u32 {
        self.format_version
    }
}

/// Analyses one example and sends its features to `sink`: the one featurizing path that
/// training and prediction share.
pub fn featurize(
    analyzer: &Analyzer,
    options: &ExtractOptions,
    example: &Example,
    sink: &mut dyn crate::features::FeatureSink,
) {
    let tokens = analyzer.analyze(&example.text);
    extract(
        &example.text,
        &tokens,
        &example.roles,
        example.target.as_deref(),
        example.prior.as_deref(),
        options,
        sink,
    );
}

/// The TF-IDF row of one example: features are looked up in the vocabulary as they are
/// formatted, never collected as strings; with a `cache` (used with this vectorizer only), a
/// word's character n-grams are looked up once.
pub fn vectorize(
    analyzer: &Analyzer,
    options: &ExtractOptions,
    vectorizer: &Vectorizer,
    example: &Example,
    cache: Option<&mut NgramCache>,
) -> Vec<(u32, f32)> {
    if let Some(hashing) = vectorizer.hashing() {
        let mut sink = HashSink::new(hashing);
        featurize(analyzer, options, example, &mut sink);
        let p = &vectorizer.params;
        return hashing.row(&mut sink.features, p.sublinear_tf, p.block_weights);
    }
    let mut sink = match cache {
        Some(cache) => IdSink::with_cache(vectorizer, cache),
        None => IdSink::new(vectorizer),
    };
    featurize(analyzer, options, example, &mut sink);
    vectorizer.transform_ids(sink.into_ids())
}

/// The feature strings of one example under the given options.
pub fn feature_strings(
    analyzer: &Analyzer,
    options: &ExtractOptions,
    example: &Example,
) -> Vec<String> {
    let mut out = Vec::with_capacity(64 * 24);
    featurize(analyzer, options, example, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::ActorLexicon;
    use crate::data::{read_records, ReadOptions};

    #[test]
    fn the_fast_path_builds_the_same_rows_as_the_string_path() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/tiny_stance.jsonl");
        let records = read_records(
            &path,
            &ReadOptions {
                require_label: true,
                ..Default::default()
            },
        )
        .unwrap();
        let builder = ExampleBuilder::new(ActorLexicon::builtin(), true);
        let mut options = TrainOptions::default();
        options.vectorizer.min_df = crate::features::DfBound::Count(1);
        let model = StanceModel::train(&records, &options, &builder).unwrap();
        // One cache over every record, twice: the second time every word's n-grams are cached.
        // Two workers' caches behind one shared cache: the second answers from the shared one.
        let mut cache = NgramCache::default();
        let shared = std::sync::Arc::new(SharedNgrams::default());
        let mut first = NgramCache::with_shared(shared.clone());
        let mut second = NgramCache::with_shared(shared);
        for r in records.iter().chain(&records) {
            let example = builder.from_record(r).0;
            let expected = model.vectorizer.transform(&model.feature_strings(&example));
            assert_eq!(model.vectorize(&example), expected, "{}", r.id);
            // A row scored alone gives the numbers of the matrix path, bit for bit.
            let matrix =
                SparseRecords::from_rows(std::slice::from_ref(&expected), model.vectorizer.len());
            let from_matrix = model.classifier.predict_proba(&matrix).unwrap();
            assert_eq!(
                model.classifier.proba_of_row(&expected),
                Some(from_matrix.row(0).to_vec()),
                "{}",
                r.id
            );
            for cache in [&mut cache, &mut first, &mut second] {
                assert_eq!(
                    model.vectorize_cached(&example, cache),
                    expected,
                    "{}",
                    r.id
                );
            }
        }
        assert!(model.options.extract.priors);
        assert!(model
            .vectorizer
            .vocabulary
            .iter()
            .any(|f| f == "qp:supports"));
        // The same texts labelled as sentiment: alignments are not what those labels mean.
        let relabelled = as_sentiment(&records);
        let model = StanceModel::train(&relabelled, &options, &builder).unwrap();
        assert!(!model.options.extract.priors);
        assert!(!model
            .vectorizer
            .vocabulary
            .iter()
            .any(|f| f.starts_with("qp:")));
    }

    /// The same records with supports/opposes renamed positive/negative.
    fn as_sentiment(records: &[Record]) -> Vec<Record> {
        records
            .iter()
            .cloned()
            .map(|mut r| {
                r.label = r.label.map(|l| match l.as_str() {
                    "supports" => "positive".into(),
                    "opposes" => "negative".into(),
                    _ => l,
                });
                r
            })
            .collect()
    }

    #[test]
    fn mention_words_and_place_are_read_unless_the_labels_are_the_lexicons_stances() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/tiny_stance.jsonl");
        let read = ReadOptions {
            require_label: true,
            ..Default::default()
        };
        let records = read_records(&path, &read).unwrap();
        let builder = ExampleBuilder::new(ActorLexicon::builtin(), true);
        let options = TrainOptions::default();
        let has_mention = |m: &StanceModel| {
            m.vectorizer
                .vocabulary
                .iter()
                .any(|f| f.starts_with("m:") || f.starts_with("ms:"))
        };
        // Supports / opposes: the actor's name would be its known alignment a second time.
        let model = StanceModel::train(&records, &options, &builder).unwrap();
        assert!(!model.options.extract.mention_words);
        assert!(!model.options.extract.mention_position);
        assert!(!has_mention(&model));
        let has_position =
            |m: &StanceModel| m.vectorizer.vocabulary.iter().any(|f| f.starts_with("p:"));
        assert!(!has_position(&model));
        // The clause's word pairs the other way round: read on stances only.
        let has_pairs =
            |m: &StanceModel| m.vectorizer.vocabulary.iter().any(|f| f.starts_with("s:"));
        assert!(model.options.extract.clause_pairs);
        assert!(has_pairs(&model));
        let sentiment = as_sentiment(&records);
        let model = StanceModel::train(&sentiment, &options, &builder).unwrap();
        assert!(!model.options.extract.clause_pairs);
        assert!(!has_pairs(&model));
        assert!(model.options.extract.mention_words);
        assert!(model.options.extract.mention_position);
        assert!(has_mention(&model));
        assert!(has_position(&model));
        let mut off = options.clone();
        off.extract.mention_words = false;
        let model = StanceModel::train(&sentiment, &off, &builder).unwrap();
        assert!(!has_mention(&model));
    }
}
