//! `stance cv`: seeded k-fold cross-validation of the whole pipeline.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use super::evaluate::ReportFormat;
use super::output::{out_err, stdout, write_json_line, Output};
use super::train::ModelArgs;
use super::{DataArgs, LexiconArgs};
use stance::error::Result;
use stance::eval::cross_validate_with;
use stance::trainer::{label_warnings, TrainingData};

/// Flags of `stance cv`.
#[derive(Debug, Args)]
pub struct CvArgs {
    /// Labelled records. Repeat to pool several files.
    #[arg(long, required = true)]
    pub data: Vec<PathBuf>,
    /// Labelled records that join every fold's training set and are never scored, so the scores
    /// stay those of `--data` and compare with a run without them: what new data (a new part,
    /// silver labels, augmentation) buys on a fixed set. With `--group-field`, a record of a
    /// group that `--data` holds sits out the fold that scores that group. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub train_only: Vec<PathBuf>,
    /// Number of folds.
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Seed of the fold assignment (and of the SGD solver's example order).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Keep records sharing this field's value (e.g. "story") in one fold instead of
    /// stratifying by label.
    #[arg(long)]
    pub group_field: Option<String>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Also write every record's out-of-fold prediction here, as JSON lines in input order
    /// (`id`, `fold`, `gold`, `label`, `confidence`), for error analysis on training data.
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub data_args: DataArgs,
    #[command(flatten)]
    pub labels: super::LabelArgs,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
}

/// Runs `stance cv`.
pub fn run(args: CvArgs, quiet: bool) -> Result<()> {
    let inputs: Vec<&std::path::Path> = args
        .data
        .iter()
        .chain(&args.train_only)
        .map(PathBuf::as_path)
        .collect();
    // Opened first, so a destination that would overwrite an input is refused before the work.
    let predictions = match &args.predictions {
        Some(path) => Some(Output::open(Some(path), &inputs)?),
        None => None,
    };
    let read = args.data_args.read_options(true, args.group_field.clone());
    let mut records = TrainingData::read(&args.data, &read)?.records;
    args.labels.apply(&mut records);
    let mut extra = if args.train_only.is_empty() {
        Vec::new()
    } else {
        TrainingData::read(&args.train_only, &read)?.records
    };
    args.labels.apply(&mut extra);
    for w in label_warnings(&records) {
        eprintln!("stance: warning: {w}");
    }
    if !extra.is_empty() {
        // The same sentence about the same actor on both sides makes the scores a memory test.
        let scored: std::collections::HashSet<(&str, Option<&str>)> = records
            .iter()
            .map(|r| (r.text.as_str(), r.actor.as_deref()))
            .collect();
        let repeats = extra
            .iter()
            .filter(|r| scored.contains(&(r.text.as_str(), r.actor.as_deref())))
            .count();
        if repeats > 0 {
            eprintln!(
                "stance: warning: {repeats} --train-only records repeat a --data record's text and actor; they train on what is scored"
            );
        }
    }
    if let Some(field) = &args.group_field {
        // A misspelt field would otherwise run ungrouped folds without a word.
        let missing = records.iter().filter(|r| r.group.is_none()).count();
        if missing == records.len() {
            return Err(stance::error::Error::Usage(format!(
                "--group-field {field}: no record has this field"
            )));
        }
        if missing > 0 {
            eprintln!(
                "stance: warning: {missing} of {} records have no \"{field}\"; each is a group of its own",
                records.len()
            );
        }
    }
    let lexicon_target = args.lexicon.lexicon()?.target;
    // The options read the data (targets, actors, size): all of what the folds train on.
    let all: Vec<stance::data::Record> = if extra.is_empty() {
        Vec::new()
    } else {
        records.iter().chain(&extra).cloned().collect()
    };
    let options = args.model.settings().options_for(
        if extra.is_empty() { &records } else { &all },
        args.seed,
        &lexicon_target,
    );
    let builder = args.lexicon.builder(&options)?;
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(args.folds as u64)
    };
    bar.set_style(
        ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} folds {elapsed}")
            .expect("valid template"),
    );
    bar.set_prefix("cv");
    let report = cross_validate_with(
        &records,
        &extra,
        &options,
        &builder,
        args.folds,
        args.seed,
        args.group_field.is_some(),
        |_| bar.inc(1),
    )?;
    bar.finish_and_clear();
    if let Some(mut file) = predictions {
        for p in &report.predictions {
            write_json_line(&mut file, p)?;
        }
        file.finish()?;
    }
    let mut out = stdout();
    match args.format {
        ReportFormat::Table => {
            let folds: Vec<String> = report
                .fold_macro_f1
                .iter()
                .map(|f| format!("{f:.4}"))
                .collect();
            writeln!(
                out,
                "{}-fold cross-validation (seed {}), {} records{}",
                report.folds,
                report.seed,
                records.len(),
                if report.train_only > 0 {
                    format!(
                        " (and {} train-only records in the training folds)",
                        report.train_only
                    )
                } else {
                    String::new()
                }
            )
            .map_err(out_err)?;
            writeln!(out, "macro-F1 per fold: {}", folds.join(" ")).map_err(out_err)?;
            writeln!(
                out,
                "macro-F1 mean {:.4} ± {:.4} (std)\n",
                report.macro_f1_mean, report.macro_f1_std
            )
            .map_err(out_err)?;
            writeln!(out, "pooled out-of-fold report:").map_err(out_err)?;
            out.write_all(report.pooled.to_table().as_bytes())
                .map_err(out_err)?;
        }
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report).map_err(|e| out_err(e.into()))?;
            out.write_all(b"\n").map_err(out_err)?;
        }
    }
    out.flush().map_err(out_err)
}
