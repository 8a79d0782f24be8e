//! `stance evaluate`: score a model on labelled records.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::output::out_err;
use super::{DataArgs, LexiconArgs};
use stance::builtin::load_model;
use stance::data::read_records;
use stance::error::Result;
use stance::predictor::Predictor;

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// A classification report for people.
    Table,
    /// The report as one JSON document.
    Json,
}

/// Flags of `stance evaluate`.
#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// Model: a built-in name (stance, sentiment; also builtin:NAME) or a file path with a
    /// separator or an extension (./stance, models/x.model).
    #[arg(long, default_value = "stance")]
    pub model: String,
    /// Labelled records.
    #[arg(long)]
    pub data: PathBuf,
    /// Write the results to FILE (atomically: complete or not at all) instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Also report the mean F1 of these labels (SemEval's F_avg), e.g. "supports,opposes".
    #[arg(long, value_delimiter = ',')]
    pub favg: Option<Vec<String>>,
    /// Write the misclassified records to FILE as JSONL (id, text, actor, target, gold,
    /// predicted, scores), for error analysis.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    #[command(flatten)]
    pub data_args: DataArgs,
    #[command(flatten)]
    pub labels: super::LabelArgs,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
}

/// Runs `stance evaluate`.
pub fn run(args: EvaluateArgs, quiet: bool) -> Result<()> {
    let predictor = Predictor::new(load_model(&args.model)?, args.lexicon.lexicon()?);
    let model = predictor.model();
    if !quiet {
        eprintln!("stance: evaluating model {}", args.model);
    }
    let trained = model.card.fields.as_ref();
    let read = args.data_args.read_options_for(true, None, trained);
    super::say_trained_fields(quiet, trained, &read.fields);
    let mut records = read_records(&args.data, &read)?;
    args.labels.apply(&mut records);
    let (report, classified) = predictor.evaluate(
        &records,
        args.favg.as_deref(),
        &args.data.display().to_string(),
    )?;
    for t in &classified.unseen_targets {
        eprintln!(
            "stance: warning: target \"{t}\" was not seen in training; the pooled model labels it"
        );
    }
    let preds = classified.predictions;
    if let Some(path) = &args.errors {
        let mut errors =
            super::output::Output::open(Some(path), std::slice::from_ref(&args.data.as_path()))?;
        for (r, p) in records.iter().zip(&preds) {
            let (g, l) = (
                r.label.as_deref().unwrap_or_default(),
                &model.labels[p.label],
            );
            if g == l {
                continue;
            }
            let scores: serde_json::Map<String, serde_json::Value> = model
                .labels
                .iter()
                .zip(&p.scores)
                .map(|(k, v)| (k.clone(), serde_json::json!((v * 1e4).round() / 1e4)))
                .collect();
            super::output::write_json_line(
                &mut errors,
                &serde_json::json!({
                    "id": r.id, "text": r.text, "actor": r.actor, "target": r.target,
                    "gold": g, "predicted": l, "scores": scores,
                }),
            )?;
        }
        errors.finish()?;
    }
    let mut out = super::output::Output::open(
        args.output.as_deref(),
        std::slice::from_ref(&args.data.as_path()),
    )?;
    match args.format {
        ReportFormat::Table => out
            .write_all(report.to_table().as_bytes())
            .map_err(out_err)?,
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report).map_err(|e| out_err(e.into()))?;
            out.write_all(b"\n").map_err(out_err)?;
        }
    }
    out.finish()
}
