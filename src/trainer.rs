//! The library's entry point for training: what `stance train` does — its options with their
//! defaults, the settings that follow the size of the data, cross-validation recorded in the
//! card, and the data's hashes — so a library or Python caller gets the same model file as the
//! command line.
//!
//! Its length: every `stance train` setting with its default and doc, the automatic settings
//! and the card; a declaration per flag.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::actors::ActorLexicon;
use crate::data::{read_records, ReadOptions, Record};
use crate::error::{Error, Result};
use crate::eval::{cross_validate, CvReport};
use crate::example::ExampleBuilder;
use crate::features::{DfBound, ExtractOptions, VectorizerParams};
use crate::model::file::{sha256_file, sha256_hex};
use crate::model::{ClassWeight, ClassifierKind, ClassifierParams, Solver};
use crate::pipeline::{
    StanceModel, TrainOptions, TrainStage, DEFAULT_ALIGNMENT_WEIGHT, LARGE_DATA,
};
use crate::text::{Language, TextOptions};

/// Training sets from this many records up start L-BFGS from a few SGD epochs
/// ([`TrainSettings::warm_epochs`]). On 100k short sentences L-BFGS from zero stopped on its
/// gradient test far from the optimum, after 59 iterations; from 3 SGD epochs it ended lower in
/// a few, 2.7 times faster and more accurate on held-out data (docs/benchmarks.md). Below, L-BFGS
/// from zero takes seconds, and 5-fold cross-validation on the suite's and the Syria data
/// (1-9k records) went either way with the warm start (-0.008 to +0.003 macro-F1, within a
/// fold's spread), so small sets are fitted as before.
pub const WARM_START_RECORDS: usize = 20_000;

/// Whether the actor lexicon marks actors and the target (`--lexicon-marking`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum LexiconUse {
    /// When the records name actors, or their target is the lexicon's.
    Auto,
    /// Always.
    On,
    /// Never.
    Off,
}

/// Whether the logistic model scales its columns by naive Bayes log-count ratios before fitting
/// (`--nb-scale`; `model::logistic::nb_scale`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum NbScale {
    /// When the training records have one target (or none). With several targets the ratios,
    /// pooled over them, favour each target's own topic words, which do not carry over: 5-fold
    /// CV on IBM Claim Stance with unseen topics fell from 0.549 to 0.519 (docs/defaults.md).
    Auto,
    /// Always (not in the hashing mode, which streams its rows).
    On,
    /// Never.
    Off,
}

/// Character n-grams (`--char-ngrams`): a range, none, or chosen by the size of the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharNgrams {
    /// 2 to 5 below [`LARGE_DATA`] training records, none from there.
    Auto,
    /// None, or this range.
    Fixed(Option<(usize, usize)>),
}

/// The logistic model's solver (`--solver`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum SolverChoice {
    /// L-BFGS below [`LARGE_DATA`] training records, SGD from there.
    Auto,
    /// L-BFGS to the gradient tolerance.
    Lbfgs,
    /// Stochastic gradient descent, `epochs` passes.
    Sgd,
}

/// The options of `stance train` and `stance cv`, before the data decides the automatic ones.
/// Each default is the command line's (chosen by cross-validation, docs/defaults.md).
#[derive(Debug, Clone, PartialEq)]
pub struct TrainSettings {
    /// Name of the task, stored in the model card; defaults to "stance".
    pub task: String,
    /// Stemmer language; defaults to English.
    pub language: Language,
    /// Stem words; defaults to true.
    pub stem: bool,
    /// Mark negation scopes; defaults to true.
    pub negation: bool,
    /// Word n-gram range; defaults to (1, 2).
    pub word_ngrams: (usize, usize),
    /// Character n-grams inside words; defaults to [`CharNgrams::Auto`].
    pub char_ngrams: CharNgrams,
    /// Words each side of the actor's mention used as context features; defaults to 4.
    pub actor_window: usize,
    /// Emit the actor's clause as context features; defaults to true.
    pub clause: bool,
    /// Emit the stance cue features (English only); defaults to true.
    pub cues: bool,
    /// Emit word valence features (English only); defaults to true.
    pub valence: bool,
    /// Keep the words of other actors' segments apart; defaults to true.
    pub segments: bool,
    /// Emit a "no cue" feature when the actor's clause holds no cue; defaults to false.
    pub cue_none: bool,
    /// Version of the cue reading (the `features::cues` module);
    /// defaults to 1.
    pub cue_reader: u8,
    /// Give the model the actors' known alignments as features (dropped when the data turns
    /// automatic lexicon marking off); defaults to false.
    pub prior_features: bool,
    /// Weight of the known alignment when `predict` combines it with the text reading, stored in
    /// the model; defaults to [`DEFAULT_ALIGNMENT_WEIGHT`].
    pub alignment_weight: f64,
    /// Minimum document frequency; defaults to a count of 1.
    pub min_df: DfBound,
    /// Maximum document frequency; defaults to the fraction 1.0.
    pub max_df: DfBound,
    /// Keep at most this many features; defaults to no limit.
    pub max_features: Option<usize>,
    /// Use 1 + ln(tf) rather than raw counts; defaults to true.
    pub sublinear_tf: bool,
    /// Weights of the word, char, context and cue blocks; defaults to 1, 1, 2, 1
    /// ([`DEFAULT_BLOCK_WEIGHTS`]).
    pub block_weights: [f32; 4],
    /// Classifier; defaults to sparse logistic regression.
    pub classifier: ClassifierKind,
    /// Inverse L2 regularisation strength; defaults to 3.
    pub c: f64,
    /// Class weighting; defaults to balanced.
    pub class_weight: ClassWeight,
    /// Solver tolerance (largest gradient component); defaults to 1e-3.
    pub tol: f64,
    /// L-BFGS iteration cap; defaults to 300.
    pub max_iter: usize,
    /// Solver; defaults to [`SolverChoice::Auto`].
    pub solver: SolverChoice,
    /// Passes of the SGD solver; defaults to 5.
    pub epochs: usize,
    /// SGD passes before L-BFGS from [`WARM_START_RECORDS`] training records up; defaults to 3
    /// (0: L-BFGS from zero).
    pub warm_epochs: usize,
    /// Naive Bayes smoothing; defaults to 0.1.
    pub alpha: f64,
    /// Scale the logistic model's columns by their naive Bayes log-count ratios before fitting
    /// (`model::logistic::nb_scale`; never in the hashing mode, which streams its rows);
    /// defaults to [`NbScale::Auto`].
    pub nb_scale: NbScale,
    /// Whether the lexicon marks actors and the target; defaults to [`LexiconUse::Auto`].
    pub lexicon_marking: LexiconUse,
    /// One model per target plus a pooled one (false: one pooled model); defaults to true.
    pub per_target: bool,
    /// Mark capitalised names outside the lexicon as other actors; defaults to false.
    pub mark_names: bool,
    /// Read the actor mention's own words and shape (dropped on data labelled with the
    /// lexicon's stances, see [`ExtractOptions::mention_words`]); defaults to true.
    pub mention_words: bool,
    /// Read where the actor's mention sits and its nearest words (dropped where the mention's
    /// words are, see [`ExtractOptions::mention_position`]); defaults to true.
    pub mention_position: bool,
    /// Read pairs of words of the actor's clause (kept only where the labels are the lexicon's
    /// stances, see [`ExtractOptions::clause_pairs`]); defaults to true.
    pub clause_pairs: bool,
    /// Hash features into 2^N columns and stream the data through SGD epochs in constant
    /// memory (see [`crate::streaming`]); defaults to none (a vocabulary, data in memory).
    pub hash_bits: Option<u8>,
}

/// Default weights of the word, character, context and cue blocks: the context block (the words
/// around the actor, its clause, its mention) weighs 2, which helps the mentions of one sentence
/// part ways: against 1.5, the NewsMTSC training records whose sentence holds mentions of different
/// labels 0.591 -> 0.604 out of fold, with NewsMTSC and Syria CV level (docs/defaults.md, stage 12).
pub const DEFAULT_BLOCK_WEIGHTS: [f32; 4] = [1.0, 1.0, 2.0, 1.0];

impl Default for TrainSettings {
    fn default() -> Self {
        TrainSettings {
            task: "stance".into(),
            language: Language::English,
            stem: true,
            negation: true,
            word_ngrams: (1, 2),
            char_ngrams: CharNgrams::Auto,
            actor_window: 4,
            clause: true,
            cues: true,
            valence: true,
            segments: true,
            cue_none: false,
            cue_reader: 1,
            prior_features: false,
            alignment_weight: DEFAULT_ALIGNMENT_WEIGHT,
            min_df: DfBound::Count(1),
            max_df: DfBound::Fraction(1.0),
            max_features: None,
            sublinear_tf: true,
            block_weights: DEFAULT_BLOCK_WEIGHTS,
            classifier: ClassifierKind::Logistic,
            c: 3.0,
            class_weight: ClassWeight::Balanced,
            tol: 1e-3,
            max_iter: 300,
            solver: SolverChoice::Auto,
            epochs: 5,
            warm_epochs: 3,
            alpha: 0.1,
            nb_scale: NbScale::Auto,
            lexicon_marking: LexiconUse::Auto,
            per_target: true,
            mark_names: false,
            mention_words: true,
            mention_position: true,
            clause_pairs: true,
            hash_bits: None,
        }
    }
}

impl TrainSettings {
    /// The training options for `n` training records (the automatic settings depend on it).
    pub fn options(&self, n: usize, seed: u64) -> TrainOptions {
        // Hashing is the mode for data beyond memory: the large-data settings, whatever `n`.
        let large = n >= LARGE_DATA || self.hash_bits.is_some();
        let lexicon = self.lexicon_marking != LexiconUse::Off;
        TrainOptions {
            task: self.task.clone(),
            text: TextOptions {
                language: self.language,
                stem: self.stem,
                negation: self.negation,
                lowercase: true,
            },
            extract: ExtractOptions {
                word_ngrams: self.word_ngrams,
                char_ngrams: match self.char_ngrams {
                    CharNgrams::Auto if large => None,
                    CharNgrams::Auto => Some((2, 5)),
                    CharNgrams::Fixed(r) => r,
                },
                actor_window: self.actor_window,
                clause_features: self.clause,
                cue_features: self.cues && self.language == Language::English,
                valence_features: self.valence && self.language == Language::English,
                priors: self.prior_features,
                conjoin_target: false,
                segments: self.segments,
                cue_none: self.cue_none,
                cue_reader: self.cue_reader,
                mention_words: self.mention_words,
                mention_position: self.mention_position,
                clause_pairs: self.clause_pairs,
            },
            vectorizer: VectorizerParams {
                min_df: self.min_df,
                max_df: self.max_df,
                max_features: self.max_features,
                sublinear_tf: self.sublinear_tf,
                block_weights: self.block_weights,
                hashing: self.hash_bits.map(|bits| crate::features::Hashing {
                    bits,
                    function: crate::features::HashFunction::Xxh3Signed,
                }),
            },
            classifier: ClassifierParams {
                kind: self.classifier,
                c: self.c,
                class_weight: self.class_weight,
                tolerance: self.tol,
                max_iter: self.max_iter,
                alpha: self.alpha,
                solver: match self.solver {
                    SolverChoice::Auto if large => Solver::Sgd,
                    SolverChoice::Auto | SolverChoice::Lbfgs => Solver::Lbfgs,
                    SolverChoice::Sgd => Solver::Sgd,
                },
                epochs: self.epochs,
                warm_epochs: if n >= WARM_START_RECORDS {
                    self.warm_epochs
                } else {
                    0
                },
                seed,
                nb_scale: self.nb_scale != NbScale::Off && self.hash_bits.is_none(),
            },
            use_lexicon: lexicon,
            mark_names: self.mark_names,
            per_target: self.per_target,
        }
    }

    /// The training options for `records`: [`options`](Self::options), with the lexicon's
    /// marking decided by the data when it is automatic (`lexicon_target` is the lexicon's
    /// target): in tweets about US politicians "Trump", "CNN" and "RT" would become other actors.
    pub fn options_for(&self, records: &[Record], seed: u64, lexicon_target: &str) -> TrainOptions {
        let mut options = self.options(records.len(), seed);
        if options.use_lexicon && self.lexicon_marking == LexiconUse::Auto {
            options.use_lexicon = records
                .iter()
                .any(|r| r.actor.is_some() || r.target.as_deref() == Some(lexicon_target));
            options.extract.priors &= options.use_lexicon;
        }
        if self.nb_scale == NbScale::Auto {
            let mut targets = records.iter().filter_map(|r| r.target.as_deref());
            let first = targets.next();
            options.classifier.nb_scale &= targets.all(|t| Some(t) == first);
        }
        options
    }
}

/// Labelled records with where they came from, as the model card records it.
#[derive(Debug, Clone)]
pub struct TrainingData {
    /// The records, in input order.
    pub records: Vec<Record>,
    /// The names of the inputs (file paths, or a caller's name for records given in memory).
    pub files: Vec<String>,
    /// SHA-256 of the one input, or of the inputs' hashes in order.
    pub sha256: String,
    /// Each input's SHA-256: of the file's bytes, or of the records read (standard input and
    /// records in memory).
    pub file_sha256: Vec<String>,
    /// The field mapping the files were read with, when it is not the default one (recorded in
    /// the card, so `classify` and `evaluate` read new data the same way).
    pub fields: Option<crate::data::FieldMap>,
}

impl TrainingData {
    /// Reads every file (`-` is standard input) with `options`, hashing each.
    pub fn read(files: &[PathBuf], options: &ReadOptions) -> Result<Self> {
        let mut records = Vec::new();
        let mut hashes = Vec::new();
        for f in files {
            let part = read_records(f, options)?;
            hashes.push(if f.as_os_str() == "-" {
                records_sha256(&part)
            } else {
                sha256_file(f)?
            });
            records.extend(part);
        }
        let mut data = Self::with_hashes(
            records,
            files.iter().map(|p| p.display().to_string()).collect(),
            hashes,
        );
        data.fields = options.fields.for_card();
        Ok(data)
    }

    /// Records given in memory, named `name` in the card and hashed as standard input is.
    pub fn from_records(records: Vec<Record>, name: &str) -> Self {
        let hash = records_sha256(&records);
        Self::with_hashes(records, vec![name.to_string()], vec![hash])
    }

    fn with_hashes(records: Vec<Record>, files: Vec<String>, hashes: Vec<String>) -> Self {
        let sha256 = if hashes.len() == 1 {
            hashes[0].clone()
        } else {
            sha256_hex(hashes.concat().as_bytes())
        };
        TrainingData {
            records,
            files,
            sha256,
            file_sha256: hashes,
            fields: None,
        }
    }
}

fn records_sha256(records: &[Record]) -> String {
    sha256_hex(&serde_json::to_vec(records).unwrap_or_default())
}

/// Renames labels as records are read (`--label-map favor=supports,...`).
pub fn map_labels(records: &mut [Record], map: &[(String, String)]) {
    if map.is_empty() {
        return;
    }
    for r in records {
        if let Some(l) = r.label.as_mut() {
            if let Some((_, to)) = map.iter().find(|(from, _)| from == l) {
                *l = to.clone();
            }
        }
    }
}

/// Fewest records a label should have; fewer is most often a typo ("oppose" for "opposes").
const FEW_RECORDS: usize = 5;

/// Warnings about a training set's labels: ones that differ only in case, and ones with fewer
/// than a handful of records.
pub fn label_warnings(records: &[Record]) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = Default::default();
    for r in records {
        if let Some(l) = r.label.as_deref() {
            *counts.entry(l).or_default() += 1;
        }
    }
    label_count_warnings(&counts)
}

/// [`label_warnings`] from the number of records of each label (what a streaming pass counts).
pub fn label_count_warnings(counts: &BTreeMap<&str, usize>) -> Vec<String> {
    let mut out = Vec::new();
    let labels: Vec<&str> = counts.keys().copied().collect();
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            if a.to_lowercase() == b.to_lowercase() {
                out.push(format!(
                    "labels \"{a}\" and \"{b}\" differ only in case: they are two classes (--label-map {a}={b} joins them)"
                ));
            }
        }
    }
    for (l, n) in counts {
        if *n < FEW_RECORDS && labels.len() > 2 {
            let like = labels
                .iter()
                .filter(|o| *o != l && counts[*o] >= FEW_RECORDS)
                .find(|o| {
                    let head: String = l.to_lowercase().chars().take(4).collect();
                    o.to_lowercase().starts_with(&head)
                });
            let hint = like.map_or(String::new(), |o| {
                format!("; a typo of \"{o}\"? (--label-map {l}={o})")
            });
            out.push(format!("label \"{l}\" has only {n} records{hint}"));
        }
    }
    out
}

/// What `stance train` does: [`TrainSettings`], a seed, optional cross-validation and source
/// notes, over an actor lexicon.
///
/// ```
/// use stance::data::Record;
/// use stance::trainer::{Trainer, TrainingData};
///
/// let record = |text: &str, label: &str| Record {
///     text: text.into(),
///     label: Some(label.into()),
///     ..Record::default()
/// };
/// let records = (0..4)
///     .flat_map(|_| [record("a fine calm day", "positive"), record("a grim awful day", "negative")])
///     .collect();
/// let trained = Trainer::default().train(TrainingData::from_records(records, "memory"), &|_| {})?;
/// assert_eq!(trained.model.labels, ["negative", "positive"]);
/// # Ok::<(), stance::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Trainer {
    /// The pipeline's options.
    pub settings: TrainSettings,
    /// Seed of the cross-validation folds and of the SGD solver's example order; defaults to 1.
    pub seed: u64,
    /// Also run k-fold cross-validation and record it in the card; defaults to none.
    pub cv: Option<usize>,
    /// Notes on where the data came from and its license, stored in the card; defaults to none.
    pub sources: Vec<String>,
    /// The actor lexicon; defaults to the built-in one.
    pub lexicon: ActorLexicon,
}

impl Default for Trainer {
    fn default() -> Self {
        Trainer {
            settings: TrainSettings::default(),
            seed: 1,
            cv: None,
            sources: Vec::new(),
            lexicon: ActorLexicon::builtin(),
        }
    }
}

/// A trained model, with what training had to say about it.
pub struct Trained {
    /// The model, its card filled in.
    pub model: StanceModel,
    /// The cross-validation report, when asked for.
    pub cv: Option<CvReport>,
    /// Problems worth a warning however quiet the caller is (a solver that did not converge).
    pub warnings: Vec<String>,
    /// Facts about the data worth telling unless asked to be quiet.
    pub notes: Vec<String>,
}

impl Trainer {
    /// Checks the settings that can be refused before any work: the ones the type allows but
    /// training cannot use.
    pub fn check(&self) -> Result<()> {
        let s = &self.settings;
        let w = s.alignment_weight;
        if !w.is_finite() || w < 0.0 {
            return Err(Error::Usage(format!(
                "--alignment-weight must be a finite number >= 0, not {w}"
            )));
        }
        let ranges = [
            ("--word-ngrams", Some(s.word_ngrams)),
            (
                "--char-ngrams",
                match s.char_ngrams {
                    CharNgrams::Fixed(r) => r,
                    CharNgrams::Auto => None,
                },
            ),
        ];
        for (flag, range) in ranges {
            if let Some((a, b)) = range.filter(|&(a, b)| a == 0 || a > b || b > 10) {
                return Err(Error::Usage(format!(
                    "{flag} {a},{b}: need 1 <= MIN <= MAX <= 10"
                )));
            }
        }
        if s.block_weights.iter().any(|x| !x.is_finite() || *x < 0.0) {
            return Err(Error::Usage(
                "--block-weights: need four non-negative weights W,C,X,Q".into(),
            ));
        }
        if s.epochs == 0 {
            return Err(Error::Usage("--epochs: need at least 1".into()));
        }
        if let Some(bits) = s.hash_bits {
            self.check_hashing(bits)?;
        }
        Ok(())
    }

    /// Refuses what hashing cannot do rather than ignoring it: every refused setting would
    /// otherwise be silently dropped from a model trained for an hour.
    fn check_hashing(&self, bits: u8) -> Result<()> {
        let s = &self.settings;
        let range = crate::features::HASH_BITS;
        if !range.contains(&bits) {
            return Err(Error::Usage(format!(
                "--hash-bits {bits}: need {} to {} (2^N columns)",
                range.start(),
                range.end()
            )));
        }
        let defaults = TrainSettings::default();
        let refused = [
            (
                s.min_df != defaults.min_df,
                "--min-df (hashing counts no document frequencies)",
            ),
            (
                s.max_df != defaults.max_df,
                "--max-df (hashing counts no document frequencies)",
            ),
            (
                s.max_features.is_some(),
                "--max-features (hashing has 2^N columns; choose N)",
            ),
            (
                s.classifier != ClassifierKind::Logistic,
                "--classifier other than logistic (hashing streams through SGD)",
            ),
            (
                s.solver == SolverChoice::Lbfgs,
                "--solver lbfgs (hashing streams through SGD epochs)",
            ),
            (
                s.nb_scale == NbScale::On,
                "--nb-scale on (hashing counts no per-label document frequencies)",
            ),
            (
                self.cv.is_some(),
                "--cv (hashing streams the data; run stance cv without --hash-bits on a sample)",
            ),
        ];
        if let Some((_, what)) = refused.iter().find(|(on, _)| *on) {
            return Err(Error::Usage(format!(
                "--hash-bits cannot be used with {what}"
            )));
        }
        Ok(())
    }

    /// The training options for these records.
    pub fn options_for(&self, records: &[Record]) -> TrainOptions {
        self.settings
            .options_for(records, self.seed, &self.lexicon.target)
    }

    /// The example builder training uses for `options`.
    pub(crate) fn builder(&self, options: &TrainOptions) -> ExampleBuilder {
        ExampleBuilder::new(self.lexicon.clone(), options.use_lexicon)
            .mark_names(options.mark_names)
    }

    /// Cross-validates (when asked), fits the pipeline and fills in the model card. `report`
    /// hears of each stage as it starts, for a progress display.
    pub fn train(&self, data: TrainingData, report: &dyn Fn(TrainStage)) -> Result<Trained> {
        self.check()?;
        if self.settings.hash_bits.is_some() {
            return crate::streaming::train_records(self, data, report);
        }
        let options = self.options_for(&data.records);
        let builder = self.builder(&options);
        let cv = match self.cv {
            Some(k) => Some(cross_validate(
                &data.records,
                &options,
                &builder,
                k,
                self.seed,
                false,
                |_| {},
            )?),
            None => None,
        };
        let mut model = StanceModel::train_owned(data.records, &options, &builder, report)?;
        model.card.data_files = data.files;
        model.card.fields = data.fields;
        model.card.data_sha256 = data.sha256;
        model.card.data_file_sha256 = data.file_sha256;
        model.card.cv = cv.as_ref().map(|r| {
            serde_json::json!({
                "folds": r.folds, "seed": self.seed,
                "macro_f1_mean": r.macro_f1_mean, "macro_f1_std": r.macro_f1_std,
                "accuracy": r.pooled.accuracy, "pooled_macro_f1": r.pooled.macro_f1,
            })
        });
        model.card.sources = self.sources.clone();
        model.alignment_weight = self.settings.alignment_weight;
        let mut warnings = Vec::new();
        if let Some(c) = model.classifier.convergence().filter(|c| !c.converged) {
            warnings.push(format!(
                "the solver did not converge in {} iterations (largest gradient {:.2e}); raise --max-iter or --tol",
                c.iterations, c.gradient
            ));
        }
        let notes: Vec<String> = actors_not_found_note(&model.card).into_iter().collect();
        Ok(Trained {
            model,
            cv,
            warnings,
            notes,
        })
    }
}

/// The note training gives when records name an actor their text does not mention; the
/// in-memory and the streamed training give the same one.
pub(crate) fn actors_not_found_note(card: &crate::pipeline::ModelCard) -> Option<String> {
    (card.actors_not_found > 0).then(|| {
        format!(
            "{} of {} records name an actor not found in their text",
            card.actors_not_found, card.examples
        )
    })
}

/// Refuses, before any work, an output path `stance train --out` would refuse: an input, a
/// folder, a device, or an existing file that is not a model.
pub fn check_model_output(out: &Path, inputs: &[&Path]) -> Result<()> {
    crate::model::file::check_output(out, inputs)
}
