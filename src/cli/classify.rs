//! `stance classify`: label every record of a dataset, streaming, in input order.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::output::{out_err, table, write_json_line, Format};
use super::{DataArgs, LexiconArgs};
use stance::builtin::load_model;
use stance::data::{open_records, InputFormat, Record};
use stance::error::{Error, Result};
use stance::example::ExampleBuilder;
use stance::predictor::{classify_json, Predictor};

/// Flags of `stance classify`.
#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// Records to label (JSONL, CSV, TSV; `-` for stdin).
    pub file: PathBuf,
    /// Write the results to FILE (atomically: complete or not at all) instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Model: a built-in name (stance, sentiment; also builtin:NAME) or a file path with a
    /// separator or an extension (./stance, models/x.model).
    #[arg(long, default_value = "stance")]
    pub model: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Write each input record's own fields too, then `predicted` and the scores (`scores` in
    /// JSON, `score_LABEL` columns in CSV): the output joins back to the input as it is. With
    /// `--format csv` the input must be CSV or TSV, whose header names the columns.
    #[arg(long)]
    pub keep_fields: bool,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
}

/// Records are read, labelled and written in batches of this size, so memory stays flat.
const BATCH: usize = 4096;

/// Runs `stance classify`.
pub fn run(args: ClassifyArgs, quiet: bool) -> Result<()> {
    // The actor matcher does not depend on the model: it is built on a second thread while the
    // model loads, which keeps one core busy and the other mostly idle.
    let (model, examples) = std::thread::scope(|s| {
        let examples = s.spawn(|| args.lexicon.lexicon().map(|l| ExampleBuilder::new(l, true)));
        let model = load_model(&args.model);
        let examples = examples
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (model, examples)
    });
    // Model errors first, as when the two were made one after the other.
    let predictor = Predictor::with_examples(model?, examples?);
    let predictor = ExitWithout::new(predictor);
    let model = predictor.model();
    let trained = model.card.fields.as_ref();
    let mut read = args.data.read_options_for(false, None, trained);
    super::say_trained_fields(quiet, trained, &read.fields);
    read.keep_fields = args.keep_fields;
    if args.keep_fields {
        let delimited = matches!(
            read.format.resolve(&args.file),
            InputFormat::Csv | InputFormat::Tsv
        );
        match args.format {
            Format::Table => {
                return Err(Error::Usage(
                    "--keep-fields writes jsonl, json or csv, not a table".into(),
                ))
            }
            Format::Csv if !delimited => {
                return Err(Error::Usage(
                    "--keep-fields with --format csv needs CSV or TSV input (its header names the columns); use --format jsonl".into(),
                ))
            }
            _ => {}
        }
    }
    let mut stream = open_records(&args.file, &read)?;
    let mut out = super::output::Output::open(
        args.output.as_deref(),
        std::slice::from_ref(&args.file.as_path()),
    )?;
    let labels = &model.labels;
    // The header of --keep-fields CSV comes from the first record's columns.
    let mut header_written = false;
    if args.format == Format::Csv && !args.keep_fields {
        let mut header = vec!["id".to_string(), "label".to_string()];
        header.extend(labels.iter().map(|l| format!("score_{l}")));
        out.write_all(&csv_line(&header)?).map_err(out_err)?;
        header_written = true;
    }
    let mut table_rows = Vec::new();
    let mut first_json = true;
    let mut warned = std::collections::BTreeSet::new();
    if args.format == Format::Json {
        out.write_all(b"[").map_err(out_err)?;
    }
    let total = super::progress_total(quiet, std::slice::from_ref(&args.file), false);
    let bar = super::progress(quiet, "classify", "records", total);
    let mut counts = vec![0usize; labels.len()];
    loop {
        let batch: Vec<Record> = stream.by_ref().take(BATCH).collect::<Result<_>>()?;
        if batch.is_empty() {
            break;
        }
        let classified = predictor.classify(&batch)?;
        bar.inc(batch.len() as u64);
        for t in classified.unseen_targets {
            if !warned.contains(&t) {
                eprintln!(
                    "stance: warning: target \"{t}\" was not seen in training; the pooled model labels it"
                );
                warned.insert(t);
            }
        }
        let preds = classified.predictions;
        for (r, p) in batch.iter().zip(&preds) {
            let label = &labels[p.label];
            counts[p.label] += 1;
            let kept = r.fields.as_ref().filter(|_| args.keep_fields);
            if let Some(fields) = kept {
                let ours = ["predicted", "scores"];
                if let Some((name, _)) = fields.iter().find(|(k, _)| {
                    ours.contains(&k.as_str())
                        || k.starts_with("score_") && args.format == Format::Csv
                }) {
                    return Err(Error::input(
                        &args.file,
                        r.line,
                        format!(
                            "field \"{name}\" would be overwritten by --keep-fields; rename it"
                        ),
                    ));
                }
            }
            match args.format {
                Format::Jsonl | Format::Json => {
                    let scored = classify_json(&r.id, labels, p);
                    // With --keep-fields: the record's own fields, then the prediction.
                    let v = match kept {
                        Some(fields) => {
                            let mut v: serde_json::Map<String, serde_json::Value> =
                                fields.iter().cloned().collect();
                            v.insert("predicted".into(), scored["label"].clone());
                            v.insert("scores".into(), scored["scores"].clone());
                            serde_json::Value::Object(v)
                        }
                        None => scored,
                    };
                    if args.format == Format::Jsonl {
                        write_json_line(&mut out, &v)?;
                    } else {
                        if !first_json {
                            out.write_all(b",").map_err(out_err)?;
                        }
                        first_json = false;
                        out.write_all(b"\n").map_err(out_err)?;
                        serde_json::to_writer(&mut out, &v).map_err(|e| out_err(e.into()))?;
                    }
                }
                Format::Csv => {
                    let mut row = match kept {
                        Some(fields) => {
                            if !header_written {
                                let mut header: Vec<String> =
                                    fields.iter().map(|(k, _)| k.clone()).collect();
                                header.push("predicted".into());
                                header.extend(labels.iter().map(|l| format!("score_{l}")));
                                out.write_all(&csv_line(&header)?).map_err(out_err)?;
                                header_written = true;
                            }
                            fields
                                .iter()
                                .map(|(_, v)| {
                                    v.as_str().map_or_else(|| v.to_string(), str::to_string)
                                })
                                .collect()
                        }
                        None => vec![r.id.clone()],
                    };
                    row.push(label.clone());
                    row.extend(p.scores.iter().map(|s| format!("{:.4}", s)));
                    out.write_all(&csv_line(&row)?).map_err(out_err)?;
                }
                Format::Table => {
                    let mut row = vec![r.id.clone(), label.clone()];
                    row.extend(p.scores.iter().map(|s| format!("{:.3}", s)));
                    table_rows.push(row);
                }
            }
        }
    }
    match args.format {
        Format::Json => out.write_all(b"\n]\n").map_err(out_err)?,
        Format::Table => {
            let mut header = vec!["id", "label"];
            header.extend(labels.iter().map(String::as_str));
            out.write_all(table(&header, &table_rows).as_bytes())
                .map_err(out_err)?;
        }
        _ => {}
    }
    bar.finish_and_clear();
    out.finish()?;
    if !quiet {
        let n: usize = counts.iter().sum();
        let by_label: Vec<String> = labels
            .iter()
            .zip(&counts)
            .map(|(l, c)| format!("{l} {c}"))
            .collect();
        eprintln!("classify: {n} records labelled ({})", by_label.join(", "));
    }
    Ok(())
}

/// A value that is not freed when it goes out of scope: the model's hundreds of megabytes of
/// tables, freed page by page just before the process exits, cost `classify` of a small file
/// about a twentieth of its time, and the operating system reclaims them at once. Only for a
/// value whose drop has no effect outside the process (no files, no locks).
struct ExitWithout<T>(std::mem::ManuallyDrop<T>);

impl<T> ExitWithout<T> {
    fn new(value: T) -> Self {
        ExitWithout(std::mem::ManuallyDrop::new(value))
    }
}

impl<T> std::ops::Deref for ExitWithout<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// One CSV line with the csv crate's quoting.
fn csv_line(fields: &[String]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(fields).map_err(|e| out_err(e.into()))?;
    w.into_inner().map_err(|e| out_err(e.into_error()))
}
