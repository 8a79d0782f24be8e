//! `stance train`: fit the pipeline on labelled records and write one model file.

use std::path::PathBuf;

use clap::Args;

use super::{DataArgs, LexiconArgs};
use stance::error::Result;
use stance::features::DfBound;
use stance::model::{ClassWeight, ClassifierKind, Solver};
use stance::pipeline::TrainStage;
use stance::text::Language;
use stance::trainer::{check_model_output, label_warnings, TrainSettings, Trainer, TrainingData};
pub use stance::trainer::{CharNgrams, LexiconUse, NbScale, SolverChoice};

/// Flags of `stance train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Labelled records (JSONL, CSV, TSV; `-` for stdin). Repeat to train on several files.
    #[arg(long, required = true)]
    pub data: Vec<PathBuf>,
    /// Where to write the model file.
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub model: ModelArgs,
    /// Also run k-fold cross-validation on the training data and record it in the model card.
    #[arg(long, value_name = "K")]
    pub cv: Option<usize>,
    /// Seed for --cv folds and for the SGD solver's example order.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// A note on where the data came from and its license, stored in the model card.
    #[arg(long)]
    pub source: Vec<String>,
    /// Train beyond memory: hash features into 2^N columns (no vocabulary, no IDF) and stream
    /// the data file through --epochs SGD epochs, reading it again for each, in memory that
    /// does not grow with the data (the weights take up to 2^N x labels x 20 bytes: 0.25 GB at
    /// N = 22 and three labels). The model is
    /// used as any other. Not with --min-df, --max-df, --max-features, --cv, --solver lbfgs,
    /// another --classifier, or standard input.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(10..=26))]
    pub hash_bits: Option<u8>,
    #[command(flatten)]
    pub data_args: DataArgs,
    #[command(flatten)]
    pub labels: super::LabelArgs,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
}

/// Pipeline options shared by `train` and `cv`; defaults were chosen by cross-validation
/// (docs/defaults.md).
#[derive(Debug, Clone, Args)]
pub struct ModelArgs {
    /// Name of the task, stored in the model card.
    #[arg(long, default_value = "stance")]
    pub task: String,
    /// Stemmer language.
    #[arg(long, value_enum, default_value_t = Language::English)]
    pub language: Language,
    /// Do not stem.
    #[arg(long)]
    pub no_stem: bool,
    /// Do not mark negation scopes.
    #[arg(long)]
    pub no_negation: bool,
    /// Word n-gram range, "MIN,MAX".
    #[arg(long, default_value = "1,2", value_parser = parse_range)]
    pub word_ngrams: (usize, usize),
    /// Character n-gram range inside words, "MIN,MAX", "none", or "auto" (2,5 below
    /// 200,000 training records, none from there: they are most of the non-zeros, 6 KB a record).
    #[arg(long, default_value = "auto", value_parser = parse_char_ngrams)]
    pub char_ngrams: CharNgrams,
    /// Words each side of the actor's mention used as context features (0: none).
    #[arg(long, default_value_t = 4)]
    pub actor_window: usize,
    /// Do not emit the actor's clause as context features.
    #[arg(long)]
    pub no_clause: bool,
    /// Do not emit the stance cue features (composed polarity of the actor's clause).
    #[arg(long)]
    pub no_cues: bool,
    /// Do not emit word valence features (VADER lexicon).
    #[arg(long)]
    pub no_valence: bool,
    /// Read the whole sentence's words for every actor, instead of keeping the words of other
    /// actors' segments ("..., while Obama said ...") apart.
    #[arg(long)]
    pub no_segments: bool,
    /// Emit a "no cue" feature when the actor's clause holds no stance cue.
    #[arg(long)]
    pub cue_none: bool,
    /// Do not read the actor mention's own words and shape ("Monday", "the poll", "he"), which
    /// are otherwise features wherever the labels are not the lexicon's stances
    /// (docs/defaults.md).
    #[arg(long)]
    pub no_mention_words: bool,
    /// Do not read where the actor's mention sits (its place in the sentence and clause, inside a
    /// quotation or not) and its nearest words, which are otherwise features wherever the mention
    /// words are (docs/defaults.md)
    #[arg(long)]
    pub no_mention_position: bool,
    /// Do not read pairs of words of the actor's clause that are not next to each other ("sent
    /// missiles ... army"), which are otherwise features wherever the labels are stances
    /// (docs/defaults.md)
    #[arg(long)]
    pub no_clause_pairs: bool,
    /// Version of the cue reading: 2 needs an object for acts such as "bombed" or "accused",
    /// reads demands made of the target ("urged Damascus to ...") and undoing ("lifted the
    /// sanctions"); 1, the default, is what grouped cross-validation could not tell apart from 2.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
    pub cue_reader: u8,
    /// Kept for older scripts: the text model never sees known alignments unless
    /// `--prior-features` asks for it.
    #[arg(long, hide = true)]
    pub no_priors: bool,
    /// Give the model the actors' known alignments from the lexicon as features (when the labels
    /// include supports and opposes). By default the model reads the text alone, and `predict`
    /// combines its reading with the alignment after (see `--alignment-weight`), so each signal
    /// is reported apart.
    #[arg(long, conflicts_with = "no_priors")]
    pub prior_features: bool,
    /// Weight of an actor's known alignment when `predict` combines it with this model's text
    /// reading, stored in the model (0: the text alone).
    #[arg(long, value_name = "W", default_value_t = stance::pipeline::DEFAULT_ALIGNMENT_WEIGHT)]
    pub alignment_weight: f64,
    /// Minimum document frequency: a count ("2") or a fraction ("0.001"). 1 keeps every
    /// feature: cross-validation on the public suite preferred it (docs/defaults.md).
    #[arg(long, default_value = "1")]
    pub min_df: DfBound,
    /// Maximum document frequency: a count or a fraction ("1.0" keeps all).
    #[arg(long, default_value = "1.0")]
    pub max_df: DfBound,
    /// Keep at most this many features (most frequent first).
    #[arg(long)]
    pub max_features: Option<usize>,
    /// Use raw term counts instead of 1 + ln(tf).
    #[arg(long)]
    pub no_sublinear: bool,
    /// Weights of the word, char, context and cue blocks, "W,C,X,Q" (the context block, the
    /// words around the actor and its mention, weighs 2: docs/defaults.md).
    #[arg(long, default_value = "1,1,2,1", value_parser = parse_weights)]
    pub block_weights: [f32; 4],
    /// Classifier.
    #[arg(long, value_enum, default_value_t = ClassifierKind::Logistic)]
    pub classifier: ClassifierKind,
    /// Inverse L2 regularisation strength of the logistic models.
    #[arg(long = "c", default_value_t = 3.0)]
    pub c: f64,
    /// Class weighting.
    #[arg(long, value_enum, default_value_t = ClassWeight::Balanced)]
    pub class_weight: ClassWeight,
    /// Solver tolerance (largest gradient component).
    #[arg(long, default_value_t = 1e-3)]
    pub tol: f64,
    /// Solver iteration cap (L-BFGS).
    #[arg(long, default_value_t = 300)]
    pub max_iter: usize,
    /// Solver of the logistic model: "auto" is L-BFGS below 200,000 training records and SGD
    /// from there, where L-BFGS needs hundreds of passes.
    #[arg(long, value_enum, default_value_t = SolverChoice::Auto)]
    pub solver: SolverChoice,
    /// Passes over the data of the SGD solver.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    pub epochs: u64,
    /// SGD passes before L-BFGS, which starts from their weights, from 20,000 training records
    /// up (0: L-BFGS from zero, as on smaller sets). Fewer L-BFGS iterations, and a lower
    /// objective where L-BFGS from zero stops on its gradient test early.
    #[arg(long, default_value_t = 3)]
    pub warm_epochs: usize,
    /// Naive Bayes smoothing.
    #[arg(long, default_value_t = 0.1)]
    pub alpha: f64,
    /// Scale each feature by how well it tells one label from the rest (its largest naive Bayes
    /// log-count ratio) before fitting the logistic model, as NBSVM does, so that separating
    /// words are regularised less: "auto" does when the data has one target (docs/defaults.md).
    /// Never with --hash-bits.
    #[arg(long, value_enum, default_value_t = NbScale::Auto)]
    pub nb_scale: NbScale,
    /// Mark other actors and the target from the actor lexicon: "auto" does when the records
    /// name actors or their target is the lexicon's own, and not on other data (in tweets about
    /// US politicians "Trump", "CNN" and "RT" would become other actors).
    #[arg(long, value_enum, default_value_t = LexiconUse::Auto)]
    pub lexicon_marking: LexiconUse,
    /// Same as `--lexicon-marking off`.
    #[arg(long)]
    pub no_lexicon: bool,
    /// With several targets, train one pooled model (word n-grams joined with the target)
    /// instead of one model per target plus a pooled one for unseen targets.
    #[arg(long)]
    pub pooled_targets: bool,
    /// Mark capitalised names outside the lexicon as other actors.
    #[arg(long)]
    pub mark_names: bool,
}

fn parse_range(s: &str) -> std::result::Result<(usize, usize), String> {
    let (a, b) = s
        .split_once(',')
        .ok_or_else(|| format!("\"{s}\" is not MIN,MAX"))?;
    let (a, b) = (
        a.trim().parse::<usize>().map_err(|e| e.to_string())?,
        b.trim().parse::<usize>().map_err(|e| e.to_string())?,
    );
    if a == 0 || a > b || b > 10 {
        return Err(format!("\"{s}\": need 1 <= MIN <= MAX <= 10"));
    }
    Ok((a, b))
}

fn parse_char_ngrams(s: &str) -> std::result::Result<CharNgrams, String> {
    match s {
        "auto" => Ok(CharNgrams::Auto),
        "none" => Ok(CharNgrams::Fixed(None)),
        _ => parse_range(s).map(|r| CharNgrams::Fixed(Some(r))),
    }
}

fn parse_weights(s: &str) -> std::result::Result<[f32; 4], String> {
    let v: Vec<f32> = s
        .split(',')
        .map(|x| x.trim().parse::<f32>().map_err(|e| e.to_string()))
        .collect::<std::result::Result<_, _>>()?;
    if v.len() != 4 || v.iter().any(|x| !x.is_finite() || *x < 0.0) {
        return Err(format!("\"{s}\": need four non-negative weights W,C,X,Q"));
    }
    Ok([v[0], v[1], v[2], v[3]])
}

impl ModelArgs {
    /// The library's settings for these flags.
    pub fn settings(&self) -> TrainSettings {
        TrainSettings {
            task: self.task.clone(),
            language: self.language,
            stem: !self.no_stem,
            negation: !self.no_negation,
            word_ngrams: self.word_ngrams,
            char_ngrams: self.char_ngrams,
            actor_window: self.actor_window,
            clause: !self.no_clause,
            cues: !self.no_cues,
            valence: !self.no_valence,
            segments: !self.no_segments,
            cue_none: self.cue_none,
            cue_reader: self.cue_reader,
            prior_features: self.prior_features && !self.no_lexicon,
            alignment_weight: self.alignment_weight,
            min_df: self.min_df,
            max_df: self.max_df,
            max_features: self.max_features,
            sublinear_tf: !self.no_sublinear,
            block_weights: self.block_weights,
            classifier: self.classifier,
            c: self.c,
            class_weight: self.class_weight,
            tol: self.tol,
            max_iter: self.max_iter,
            solver: self.solver,
            epochs: self.epochs as usize,
            warm_epochs: self.warm_epochs,
            alpha: self.alpha,
            nb_scale: self.nb_scale,
            lexicon_marking: if self.no_lexicon {
                LexiconUse::Off
            } else {
                self.lexicon_marking
            },
            per_target: !self.pooled_targets,
            mark_names: self.mark_names,
            mention_words: !self.no_mention_words,
            mention_position: !self.no_mention_position,
            clause_pairs: !self.no_clause_pairs,
            hash_bits: None,
        }
    }
}

/// Runs `stance train`.
pub fn run(args: TrainArgs, quiet: bool) -> Result<()> {
    let mut settings = args.model.settings();
    settings.hash_bits = args.hash_bits;
    let trainer = Trainer {
        settings,
        seed: args.seed,
        cv: args.cv,
        sources: args.source.clone(),
        lexicon: args.lexicon.lexicon()?,
    };
    trainer.check()?;
    // Refused before any work: a bad --out found only after an hour of training costs the hour.
    let mut inputs: Vec<&std::path::Path> = args.data.iter().map(PathBuf::as_path).collect();
    inputs.extend(args.lexicon.actors.as_deref());
    check_model_output(&args.out, &inputs)?;
    if args.hash_bits.is_some() {
        let bar = super::spinner(quiet, "train {spinner} {elapsed} {msg}");
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        let report = |stage: TrainStage| {
            bar.set_message(match stage {
                TrainStage::Counting => "counting records and labels".to_string(),
                TrainStage::Epoch {
                    epoch,
                    epochs,
                    features,
                } => format!("SGD epoch {epoch} of {epochs}, {features} hashed columns"),
                _ => String::new(),
            })
        };
        let read = args.data_args.read_options(true, None);
        let trained = stance::streaming::train_files(
            &trainer,
            &args.data,
            &read,
            &args.labels.label_map,
            &report,
        );
        bar.finish_and_clear();
        return finish(trained?, &args.out, quiet);
    }
    let mut data = TrainingData::read(&args.data, &args.data_args.read_options(true, None))?;
    args.labels.apply(&mut data.records);
    for w in label_warnings(&data.records) {
        eprintln!("stance: warning: {w}");
    }
    let options = trainer.options_for(&data.records);
    // The stage and the time spent.
    let bar = super::spinner(quiet, "train {spinner} {elapsed} {msg}");
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    let solver = match options.classifier.solver {
        Solver::Lbfgs if options.classifier.warm_epochs > 0 => {
            format!("{} SGD epochs, then L-BFGS", options.classifier.warm_epochs)
        }
        Solver::Lbfgs => "L-BFGS".to_string(),
        Solver::Sgd => format!("SGD, {} epochs", options.classifier.epochs),
    };
    if let Some(k) = args.cv {
        bar.set_message(format!("{k}-fold cross-validation"));
    }
    let report = |stage: TrainStage| {
        bar.set_message(match stage {
            TrainStage::Featurizing { records } => format!("featurizing {records} records"),
            TrainStage::Fitting { features, nonzeros } => {
                format!("fitting ({solver}): {features} features, {nonzeros} non-zeros")
            }
            TrainStage::Counting | TrainStage::Epoch { .. } => String::new(),
        })
    };
    let trained = trainer.train(data, &report);
    bar.finish_and_clear();
    finish(trained?, &args.out, quiet)
}

/// Reports on a trained model and writes it.
fn finish(trained: stance::trainer::Trained, out: &std::path::Path, quiet: bool) -> Result<()> {
    if let (Some(r), false) = (&trained.cv, quiet) {
        eprintln!(
            "stance: {}-fold cross-validation: macro-F1 {:.4} ± {:.4}",
            r.folds, r.macro_f1_mean, r.macro_f1_std
        );
    }
    for w in &trained.warnings {
        eprintln!("stance: warning: {w}");
    }
    if !quiet {
        for n in &trained.notes {
            eprintln!("stance: warning: {n}");
        }
    }
    let model = trained.model;
    model.save(out)?;
    if !quiet {
        let hashed = if model.vectorizer.hashing().is_some() {
            " (hashed)"
        } else {
            ""
        };
        eprintln!(
            "stance: trained on {} records, {} labels, {} features{hashed} -> {}",
            model.card.examples,
            model.labels.len(),
            model.vectorizer.len(),
            out.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use stance::pipeline::LARGE_DATA;

    #[derive(Parser)]
    struct Flags {
        #[command(flatten)]
        model: ModelArgs,
    }

    fn settings(flags: &[&str]) -> TrainSettings {
        let args = std::iter::once("stance").chain(flags.iter().copied());
        Flags::try_parse_from(args).unwrap().model.settings()
    }

    fn options(flags: &[&str], n: usize) -> stance::TrainOptions {
        settings(flags).options(n, 9)
    }

    #[test]
    fn the_flags_defaults_are_the_librarys() {
        // Two sources of defaults (clap's attributes and `TrainSettings::default`) must agree,
        // or the Python package and the command line train different models.
        assert_eq!(settings(&[]), TrainSettings::default());
        assert_eq!(settings(&[]).block_weights, [1.0, 1.0, 2.0, 1.0]);
        assert_eq!(
            settings(&["--block-weights", "1,1,1,1"]).block_weights,
            [1.0; 4]
        );
        let no_lexicon = settings(&["--no-lexicon", "--prior-features"]);
        assert_eq!(no_lexicon.lexicon_marking, LexiconUse::Off);
        assert!(!no_lexicon.prior_features);
    }

    #[test]
    fn automatic_settings_follow_the_size_of_the_training_data() {
        let small = options(&[], LARGE_DATA - 1);
        assert_eq!(small.extract.char_ngrams, Some((2, 5)));
        assert_eq!(small.classifier.solver, Solver::Lbfgs);
        let large = options(&[], LARGE_DATA);
        assert_eq!(large.extract.char_ngrams, None);
        assert_eq!(large.classifier.solver, Solver::Sgd);
        assert_eq!(large.classifier.seed, 9);
        let forced = options(&["--char-ngrams", "3,4", "--solver", "lbfgs"], LARGE_DATA);
        assert_eq!(forced.extract.char_ngrams, Some((3, 4)));
        assert_eq!(forced.classifier.solver, Solver::Lbfgs);
        let forced = options(&["--char-ngrams", "none", "--solver", "sgd"], 10);
        assert_eq!(forced.extract.char_ngrams, None);
        assert_eq!(forced.classifier.solver, Solver::Sgd);
    }
}
