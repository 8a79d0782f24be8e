//! The HTML stance report (`stance report`) and the page `stance serve` renders: who stands where,
//! over time.
//!
//! The report is built from the same rows `predict` writes, either straight from
//! [`crate::article::analyze`] (with the article text, so mentions can be highlighted) or read
//! back from a saved `predict --format jsonl` file (evidence sentences only, since the rows do not
//! carry the text). [`aggregate`] counts readings by actor and period and finds the changes;
//! [`html`] draws the page, with the charts as inline SVG.

pub mod aggregate;
pub mod html;
mod mentions;

use serde::Deserialize;

use crate::article::{ActorStance, Article};

pub use aggregate::{Change, Measure, Period, Polarity, Summary};
pub use mentions::{mention_spans, MentionSpan};

/// One evidence sentence of a reading, as `predict` writes it.
#[derive(Debug, Clone, Deserialize)]
pub struct EvidenceSentence {
    /// The sentence.
    pub sentence: String,
    /// Character offset of the sentence in the article.
    pub start: usize,
    /// Character offset one past its end.
    pub end: usize,
    /// The sentence's label for the actor.
    pub label: String,
    /// Its probability.
    #[serde(default)]
    pub confidence: f64,
    /// How the actor was named in it.
    #[serde(default)]
    pub mention: String,
    /// True when the actor was only reached through a pronoun.
    #[serde(default)]
    pub inferred: bool,
}

/// One actor's reading in one article: a `predict` row without the article's id and date.
#[derive(Debug, Clone, Deserialize)]
pub struct Reading {
    /// Canonical actor name.
    pub actor: String,
    /// What the actor is (state, person, ...).
    #[serde(default)]
    pub kind: String,
    /// The combined stance.
    pub stance: String,
    /// Confidence in it.
    #[serde(default)]
    pub confidence: f64,
    /// The text reading alone.
    #[serde(default)]
    pub text_stance: Option<String>,
    /// The actor's known alignment at the article's date.
    #[serde(default)]
    pub known: Option<String>,
    /// Which signal decided `stance` (text, alignment, model).
    #[serde(default)]
    pub decided_by: Option<String>,
    /// Number of mentions.
    #[serde(default)]
    pub mentions: usize,
    /// The deciding sentences.
    #[serde(default)]
    pub evidence: Vec<EvidenceSentence>,
    /// The tone of the actor's coverage, with a sentiment model.
    #[serde(default)]
    pub tone: Option<String>,
}

impl Reading {
    /// The label this reading has for `measure` (`None`: a tone was asked for and not given).
    pub fn label(&self, measure: Measure) -> Option<&str> {
        match measure {
            Measure::Stance => Some(&self.stance),
            Measure::Tone => self.tone.as_deref(),
        }
    }
}

impl From<&ActorStance> for Reading {
    fn from(s: &ActorStance) -> Reading {
        Reading {
            actor: s.actor.clone(),
            kind: s.kind.clone(),
            stance: s.stance.clone(),
            confidence: s.confidence,
            text_stance: Some(s.text_stance.clone()),
            known: s.known.clone(),
            decided_by: Some(s.decided_by.as_str().to_string()),
            mentions: s.mentions,
            evidence: s
                .evidence
                .iter()
                .map(|e| EvidenceSentence {
                    sentence: e.sentence.clone(),
                    start: e.start,
                    end: e.end,
                    label: e.label.clone(),
                    confidence: e.confidence,
                    mention: e.mention.clone(),
                    inferred: e.inferred,
                })
                .collect(),
            tone: s.tone.clone(),
        }
    }
}

/// One article as the report shows it.
#[derive(Debug, Clone)]
pub struct ArticleReading {
    /// Its id.
    pub id: String,
    /// Its date (YYYY-MM-DD or YYYY), when known.
    pub date: Option<String>,
    /// Its text: `None` when the report is built from saved predictions.
    pub text: Option<String>,
    /// The actor mentions that counted in the reading, with byte offsets into `text`.
    pub mentions: Vec<MentionSpan>,
    /// One reading per actor.
    pub readings: Vec<Reading>,
}

impl ArticleReading {
    /// An analysed article, with its text and mentions.
    pub fn analysed(article: &Article, rows: &[ActorStance], mentions: Vec<MentionSpan>) -> Self {
        ArticleReading {
            id: article.id.clone(),
            date: article.date.clone(),
            text: Some(article.text.clone()),
            mentions,
            readings: rows.iter().map(Reading::from).collect(),
        }
    }
}

/// A `predict --format jsonl` row: a reading with its article's id and date.
#[derive(Debug, Clone, Deserialize)]
pub struct PredictionRow {
    /// The article id.
    pub id: serde_json::Value,
    /// The article date.
    #[serde(default)]
    pub date: Option<String>,
    /// The reading.
    #[serde(flatten)]
    pub reading: Reading,
}

/// Groups prediction rows into articles: `predict` writes an article's rows one after another,
/// so a new article starts where the id (or date) changes. Articles without actors have no rows
/// and cannot be seen here.
pub fn group_rows(rows: impl IntoIterator<Item = PredictionRow>) -> Vec<ArticleReading> {
    let mut out: Vec<ArticleReading> = Vec::new();
    for r in rows {
        let id = match &r.id {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        match out.last_mut() {
            Some(a) if a.id == id && a.date == r.date => a.readings.push(r.reading),
            _ => out.push(ArticleReading {
                id,
                date: r.date,
                text: None,
                mentions: Vec::new(),
                readings: vec![r.reading],
            }),
        }
    }
    out
}

/// Whether a JSONL line is a `predict` row rather than an article: it has `actor` and `stance`
/// and no text.
pub fn looks_like_prediction(line: &str, text_field: &str) -> bool {
    match serde_json::from_str::<serde_json::Value>(line) {
        Ok(serde_json::Value::Object(o)) => {
            o.contains_key("actor") && o.contains_key("stance") && !o.contains_key(text_field)
        }
        _ => false,
    }
}
