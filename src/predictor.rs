//! The library's entry point for prediction: one value that owns the stance model, the optional
//! sentiment model, the actor lexicon and the matcher built from it, and the options of
//! `stance predict`, so a caller cannot pair a lexicon with another lexicon's matcher.
//!
//! `stance predict` and the Python package are thin shells over [`Predictor`]; the JSON form of
//! a row ([`row_json`]) is shared too, so every front end writes the same fields.

use std::path::Path;

use rayon::prelude::*;

use crate::actors::ActorLexicon;
use crate::article::{analyze, ActorStance, Article, ArticleOptions};
use crate::builtin::ModelSource;
use crate::data::Record;
use crate::error::{Error, Result};
use crate::eval::{evaluate, Report};
use crate::example::{Example, ExampleBuilder};
use crate::pipeline::{Prediction, StanceModel};

/// Stance (and optionally tone) of every actor in articles: what `stance predict` does, as a
/// value to keep and call.
///
/// ```
/// use stance::{Article, Predictor};
///
/// let predictor = Predictor::builtin()?.rollup(true);
/// let article = Article {
///     id: "a".into(),
///     text: "Moscow said it would keep backing Damascus.".into(),
///     date: Some("2016-01-01".into()),
/// };
/// let rows = predictor.predict(&article)?;
/// assert!(rows.iter().any(|r| r.actor == "Russia"));
/// # Ok::<(), stance::Error>(())
/// ```
pub struct Predictor {
    model: StanceModel,
    sentiment: Option<StanceModel>,
    /// The lexicon and its matcher, set up for the model's own record reading (`classify`);
    /// articles use the same two.
    examples: ExampleBuilder,
    options: ArticleOptions,
    date: Option<String>,
}

impl Predictor {
    /// A predictor over `model` and `lexicon`, with `stance predict`'s default options; the
    /// matcher is built here from the lexicon, the only way to get one into a predictor.
    pub fn new(model: StanceModel, lexicon: ActorLexicon) -> Self {
        Self::with_examples(model, ExampleBuilder::new(lexicon, true))
    }

    /// [`new`](Self::new) with the lexicon's matcher already built (it does not depend on the
    /// model, so a caller can build it while the model loads); whether the lexicon places
    /// mentions and whether other names are marked are set here from the model's options.
    pub fn with_examples(model: StanceModel, examples: ExampleBuilder) -> Self {
        let examples = examples
            .use_lexicon(model.options.use_lexicon)
            .mark_names(model.options.mark_names);
        Predictor {
            model,
            sentiment: None,
            examples,
            options: ArticleOptions::default(),
            date: None,
        }
    }

    /// The built-in stance model with the built-in actor lexicon (what `stance predict` uses
    /// without `--model` and `--actors`). Fails when this build has no built-in stance model.
    pub fn builtin() -> Result<Self> {
        Ok(Self::new(
            ModelSource::Builtin("stance").load()?,
            ActorLexicon::builtin(),
        ))
    }

    /// A model file, with the actor lexicon of `lexicon` (a JSON file, see `models/ACTORS.md`)
    /// or, when `None`, the built-in lexicon.
    pub fn load(model: &Path, lexicon: Option<&Path>) -> Result<Self> {
        let model = StanceModel::load(model)?;
        let lexicon = match lexicon {
            Some(p) => ActorLexicon::load(p)?,
            None => ActorLexicon::builtin(),
        };
        Ok(Self::new(model, lexicon))
    }

    /// Also gives each actor the tone of its coverage, from this sentiment model; `None` (the
    /// default) gives no tone.
    pub fn sentiment(mut self, model: Option<StanceModel>) -> Self {
        self.sentiment = model;
        self
    }

    /// Folds people and bodies into the state they belong to (Lavrov -> Russia); defaults to
    /// false.
    pub fn rollup(mut self, on: bool) -> Self {
        self.options.rollup = on;
        self
    }

    /// Reports news agencies and monitors as actors too; defaults to false.
    pub fn include_sources(mut self, on: bool) -> Self {
        self.options.include_sources = on;
        self
    }

    /// Reports the target and its own government too; defaults to false.
    pub fn include_target(mut self, on: bool) -> Self {
        self.options.include_target = on;
        self
    }

    /// Attaches the `n` features that pushed each evidence sentence toward its label; defaults
    /// to 0 (none).
    pub fn explain(mut self, n: usize) -> Self {
        self.options.explain = n;
        self
    }

    /// Lists every sentence each actor was read in ([`ActorStance::readings`](crate::article::ActorStance::readings));
    /// defaults to false.
    pub fn readings(mut self, on: bool) -> Self {
        self.options.readings = on;
        self
    }

    /// Reports the text reading alone (known alignments shown but not deciding); defaults to
    /// false.
    pub fn no_priors(mut self, on: bool) -> Self {
        self.options.no_priors = on;
        self
    }

    /// Least probability a sentence's supports/opposes label needs to count as a stance vote;
    /// defaults to [`DEFAULT_MIN_STANCE`](crate::article::DEFAULT_MIN_STANCE). Refused outside
    /// [0, 1] with `--min-stance`'s message.
    pub fn min_stance(mut self, p: f64) -> Result<Self> {
        self.options.min_stance = probability("--min-stance", p)?;
        Ok(self)
    }

    /// The floor for the text reading's votes (and for actors with no known alignment); defaults
    /// to [`DEFAULT_MIN_TEXT_STANCE`](crate::article::DEFAULT_MIN_TEXT_STANCE). Refused outside
    /// [0, 1] with `--min-text-stance`'s message.
    pub fn min_text_stance(mut self, p: f64) -> Result<Self> {
        self.options.min_text_stance = probability("--min-text-stance", p)?;
        Ok(self)
    }

    /// Weight of an actor's known alignment against the text's log-probabilities; defaults to
    /// `None`, the model's own. Refused when negative or not finite.
    pub fn alignment_weight(mut self, w: Option<f64>) -> Result<Self> {
        if let Some(w) = w.filter(|w| !w.is_finite() || *w < 0.0) {
            return Err(Error::Usage(format!(
                "--alignment-weight must be a finite number >= 0, not {w}"
            )));
        }
        self.options.alignment_weight = w;
        Ok(self)
    }

    /// The date of articles that have none of their own (YYYY-MM-DD, YYYYMMDD or YYYY, checked
    /// as `--date` is); defaults to none.
    pub fn date(mut self, date: Option<&str>) -> Result<Self> {
        self.date = date
            .map(|d| crate::date::normalise(d).map_err(|e| Error::Usage(format!("--date: {e}"))))
            .transpose()?;
        Ok(self)
    }

    /// The stance model.
    pub fn model(&self) -> &StanceModel {
        &self.model
    }

    /// The sentiment model, if one was given.
    pub fn sentiment_model(&self) -> Option<&StanceModel> {
        self.sentiment.as_ref()
    }

    /// The actor lexicon.
    pub fn lexicon(&self) -> &ActorLexicon {
        &self.examples.lexicon
    }

    /// The options the rows are computed with.
    pub fn options(&self) -> &ArticleOptions {
        &self.options
    }

    /// The date given to articles that have none of their own ([`date`](Self::date)).
    pub fn default_date(&self) -> Option<&str> {
        self.date.as_deref()
    }

    /// The mention matcher built from [`lexicon`](Self::lexicon).
    pub fn matcher(&self) -> &crate::actors::MentionMatcher {
        &self.examples.matcher
    }

    /// The date `article` is read at: its own, else the predictor's ([`date`](Self::date)).
    pub fn date_of<'a>(&'a self, article: &'a Article) -> Option<&'a str> {
        article.date.as_deref().or(self.date.as_deref())
    }

    /// One row per actor of `article`, in `stance predict`'s order. A failure names the article.
    pub fn predict(&self, article: &Article) -> Result<Vec<ActorStance>> {
        let dated;
        let article = match (&article.date, &self.date) {
            (None, Some(d)) => {
                dated = Article {
                    date: Some(d.clone()),
                    ..article.clone()
                };
                &dated
            }
            _ => article,
        };
        analyze(
            article,
            &self.model,
            self.sentiment.as_ref(),
            &self.examples.lexicon,
            &self.examples.matcher,
            &self.options,
        )
        .map_err(|e| match e {
            Error::Model { .. } | Error::Io { .. } => e,
            other => Error::Article {
                id: article.id.clone(),
                source: Box::new(other),
            },
        })
    }

    /// [`predict`](Self::predict) for each article, on rayon's threads; results come back in
    /// input order, so they do not depend on the thread count.
    pub fn predict_batch(&self, articles: &[Article]) -> Vec<Result<Vec<ActorStance>>> {
        articles.par_iter().map(|a| self.predict(a)).collect()
    }
}

/// Labels of records, with the targets the model had no model of its own for.
#[derive(Debug, Clone)]
pub struct Classification {
    /// One prediction per record, in input order.
    pub predictions: Vec<Prediction>,
    /// Targets of the records that the pooled model labelled although the model has per-target
    /// models (`stance classify` warns of each).
    pub unseen_targets: Vec<String>,
}

impl Predictor {
    /// Labels records as `stance classify` does: each record read from its actor's seat with
    /// the predictor's lexicon, in parallel, results in input order.
    pub fn classify(&self, records: &[Record]) -> Result<Classification> {
        let examples: Vec<Example> = records
            .par_iter()
            .map(|r| self.examples.from_record(r).0)
            .collect();
        let unseen_targets = self
            .model
            .unseen_targets(&examples)
            .into_iter()
            .map(str::to_string)
            .collect();
        Ok(Classification {
            predictions: self.model.predict(&examples)?,
            unseen_targets,
        })
    }

    /// Scores the model on labelled records as `stance evaluate` does; `name` names the data in
    /// the error when none of its labels is the model's, and `favg` asks for the mean F1 of
    /// those labels. Returns the report with the classification it came from.
    pub fn evaluate(
        &self,
        records: &[Record],
        favg: Option<&[String]>,
        name: &str,
    ) -> Result<(Report, Classification)> {
        let labels = &self.model.labels;
        let classified = self.classify(records)?;
        let gold: Vec<String> = records
            .iter()
            .map(|r| r.label.clone().unwrap_or_default())
            .collect();
        // When no gold label is one the model knows, the report would be all zeros: the wrong
        // model or a renamed label set, not a result. (Some unknown labels are scored and listed.)
        let unknown: std::collections::BTreeSet<&str> = gold
            .iter()
            .map(String::as_str)
            .filter(|g| !labels.iter().any(|l| l == g))
            .collect();
        if gold.iter().all(|g| unknown.contains(g.as_str())) {
            return Err(Error::Usage(format!(
                "{name}: labels {} are not the model's ({})",
                unknown.into_iter().collect::<Vec<_>>().join(", "),
                labels.join(", ")
            )));
        }
        if let Some(bad) = favg.into_iter().flatten().find(|f| !labels.contains(f)) {
            return Err(Error::Usage(format!(
                "--favg {bad}: not a label of the model ({})",
                labels.join(", ")
            )));
        }
        let pred: Vec<String> = classified
            .predictions
            .iter()
            .map(|p| labels[p.label].clone())
            .collect();
        Ok((evaluate(&gold, &pred, labels, favg), classified))
    }
}

/// Rounds a probability to the 4 decimals every front end writes.
fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// The fields of a [`row_json`] row, in its order: the contract of `predict --format json|jsonl`
/// that scripts, the report and the Python package's DataFrames rely on.
pub const ROW_FIELDS: &[&str] = &[
    "id",
    "date",
    "actor",
    "kind",
    "stance",
    "confidence",
    "text_stance",
    "text_confidence",
    "known",
    "decided_by",
    "discovered",
    "affiliation",
    "scores",
    "mentions",
    "evidence",
    "tone",
    "tone_confidence",
];

/// One row of `stance predict --format jsonl`: the article's id and date (`date` as read, see
/// [`Predictor::date_of`]) and the actor's result, with probabilities rounded to 4 decimals.
pub fn row_json(id: &str, date: Option<&str>, s: &ActorStance) -> serde_json::Value {
    let mut row = serde_json::json!({
        "id": id, "date": date, "actor": s.actor, "kind": s.kind, "stance": s.stance,
        "confidence": round4(s.confidence),
        "text_stance": s.text_stance,
        "text_confidence": round4(s.text_confidence),
        "known": s.known, "decided_by": s.decided_by,
        "discovered": s.discovered, "affiliation": s.affiliation,
        "scores": s.scores.iter().map(|(k, v)| (k.clone(), serde_json::json!(round4(*v)))).collect::<serde_json::Map<_, _>>(),
        "mentions": s.mentions, "evidence": s.evidence,
        "tone": s.tone, "tone_confidence": s.tone_confidence,
    });
    // Only when asked for: rows without them stay as they were.
    if !s.readings.is_empty() {
        row["readings"] = serde_json::json!(s.readings);
    }
    row
}

/// One row of `stance classify --format jsonl`: the record's id, its label and each label's
/// probability rounded to 6 decimals (plenty, and lines stay short).
pub fn classify_json(id: &str, labels: &[String], p: &Prediction) -> serde_json::Value {
    let scores: serde_json::Map<String, serde_json::Value> = labels
        .iter()
        .zip(&p.scores)
        .map(|(l, s)| (l.clone(), serde_json::json!((s * 1e6).round() / 1e6)))
        .collect();
    serde_json::json!({"id": id, "label": labels[p.label], "scores": scores})
}

/// A vote floor as given to `flag`: refused outside [0, 1] (and when not a number).
fn probability(flag: &str, p: f64) -> Result<f64> {
    if !(0.0..=1.0).contains(&p) {
        return Err(Error::Usage(format!(
            "{flag} must be between 0 and 1, not {p}"
        )));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_has_exactly_the_listed_fields() {
        let article = Article {
            id: "a".into(),
            text: "Moscow said it would keep backing Damascus.".into(),
            date: Some("2016-01-01".into()),
        };
        let predictor = Predictor::builtin().unwrap();
        let rows = predictor.predict(&article).unwrap();
        let row = row_json(&article.id, article.date.as_deref(), &rows[0]);
        let mut keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut listed = ROW_FIELDS.to_vec();
        keys.sort_unstable();
        listed.sort_unstable();
        assert_eq!(keys, listed);
    }
}
