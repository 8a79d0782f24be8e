//! `stance predict`: articles in, one row per (article, actor) out.

use std::io::Write;
use std::path::PathBuf;

use super::output::{out_err, table, write_json_line, Format};
use super::LexiconArgs;
use clap::Args;
use stance::article::{open_articles, ActorStance, Article, ArticleStream};
use stance::builtin::load_model;
use stance::error::{Error, Result};
use stance::Predictor;

/// Flags of `stance predict`.
#[derive(Debug, Args)]
pub struct PredictArgs {
    /// Articles: .txt files, folders of them, JSONL ({"id", "text", "date"?}), or `-` for stdin.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write the results to FILE (atomically: complete or not at all) instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Show, for each evidence sentence, the N features that pushed it toward its label.
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "5")]
    pub explain: Option<usize>,
    /// List every sentence each actor was read in (`readings`: the sentence, the mention and its
    /// span, the sentence's label, whether it was another actor's reported words and whether it
    /// voted), not only the deciding evidence. JSON and JSONL only.
    #[arg(long)]
    pub readings: bool,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    #[command(flatten)]
    pub input: super::ArticleArgs,
}

/// Flags that say how articles are read into stances: the models, the lexicon and the options
/// of [`Predictor`]. `predict`, `report` and `serve` share them, so one article gets one reading
/// whichever command shows it.
#[derive(Debug, Clone, Args)]
pub struct AnalysisArgs {
    /// Stance model: a built-in name (stance; also builtin:NAME) or a file path with a separator
    /// or an extension (./stance, models/x.model).
    #[arg(long, default_value = "stance")]
    pub model: String,
    /// Also give each actor the tone of its coverage, from this sentiment model ("sentiment" is
    /// built in).
    #[arg(long)]
    pub sentiment: Option<String>,
    /// Fold people and bodies into the state they belong to (Lavrov -> Russia).
    #[arg(long)]
    pub rollup: bool,
    /// Report news agencies and monitors as actors too, also where they only relay a report (an
    /// outlet that passes its own verdict, "state television praised ...", is reported anyway).
    #[arg(long)]
    pub include_sources: bool,
    /// Report the target and its own government too.
    #[arg(long)]
    pub include_target: bool,
    /// Article date (YYYY-MM-DD or YYYY) for resolving titles and alignments, for articles
    /// with none of their own (a JSONL `date`, or a date in the file name such as
    /// `aleppo-2016.txt`).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<String>,
    /// Least probability a sentence's supports/opposes label needs, combined with the actor's
    /// known alignment, to count as a stance vote (below it the sentence votes neutral). 0 lets
    /// every sentence vote its label; the default was chosen on the development articles, where
    /// lower let the alignment's pull make weak sentences take sides (docs/defaults.md, stage 15).
    /// It applies only when an alignment weight above 0 combines the alignment in (the built-in
    /// model's weight is 0 since release 8).
    #[arg(long, value_name = "P", default_value_t = stance::article::DEFAULT_MIN_STANCE)]
    pub min_stance: f64,
    /// The same floor for the text reading (`text_stance`), and for the stance of an actor with
    /// no known alignment. 0: every sentence votes its most probable label (docs/defaults.md,
    /// stage 15).
    #[arg(long, value_name = "P", default_value_t = stance::article::DEFAULT_MIN_TEXT_STANCE)]
    pub min_text_stance: f64,
    /// Report the text reading alone: known alignments are shown (`known`) but do not decide.
    #[arg(long)]
    pub no_priors: bool,
    /// Weight of an actor's known alignment against the text's log-probabilities (default: the
    /// model's own, fitted on the development articles: 0, the text alone, for the built-in
    /// model since release 8).
    #[arg(long, value_name = "W")]
    pub alignment_weight: Option<f64>,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
}

/// Articles read, analysed and written per batch: memory stays flat on large JSONL inputs.
const BATCH: usize = 256;

/// What a run over an article stream counted.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Articles read.
    pub articles: usize,
    /// (article, actor) rows.
    pub rows: usize,
    /// Articles in which no actor was found.
    pub without_actors: usize,
}

impl AnalysisArgs {
    /// The library's predictor for these flags: models and lexicon loaded once, options checked.
    pub fn predictor(&self) -> Result<Predictor> {
        Predictor::new(load_model(&self.model)?, self.lexicon.lexicon()?)
            .sentiment(self.sentiment.as_deref().map(load_model).transpose()?)
            .rollup(self.rollup)
            .include_sources(self.include_sources)
            .include_target(self.include_target)
            .no_priors(self.no_priors)
            .min_stance(self.min_stance)?
            .min_text_stance(self.min_text_stance)?
            .alignment_weight(self.alignment_weight)?
            .date(self.date.as_deref())
    }
}

/// Predicts a batch of articles in parallel, in input order (so results are the same for any
/// thread count), after giving `--date` to the articles without one, so that whatever shows
/// them (rows, reports, pages) sees the date they were read at.
pub fn analyze_batch(
    predictor: &Predictor,
    batch: &mut [Article],
) -> Result<Vec<Vec<ActorStance>>> {
    if let Some(d) = predictor.default_date() {
        for a in batch.iter_mut().filter(|a| a.date.is_none()) {
            a.date = Some(d.to_string());
        }
    }
    predictor.predict_batch(batch).into_iter().collect()
}

/// Reads `files` batch by batch and hands each predicted batch to `each`, with a count on stderr
/// (a bar with the time left when the inputs can be counted). Warnings about skipped input are
/// printed as they come.
pub fn run_stream(
    predictor: &Predictor,
    files: &[PathBuf],
    input: &super::ArticleArgs,
    quiet: bool,
    command: &'static str,
    mut each: impl FnMut(Vec<Article>, Vec<Vec<ActorStance>>) -> Result<()>,
) -> Result<(Counts, ArticleStream)> {
    let mut stream = open_articles(files, &input.options())?;
    super::print_warnings(&mut stream);
    let total = super::progress_total(quiet, files, input.options().recursive);
    let bar = super::progress(quiet, command, "articles", total);
    let mut counts = Counts::default();
    loop {
        let batch: Result<Vec<Article>> = stream.by_ref().take(BATCH).collect();
        super::print_warnings(&mut stream);
        let mut batch = batch?;
        if batch.is_empty() {
            break;
        }
        let results = analyze_batch(predictor, &mut batch)?;
        bar.inc(batch.len() as u64);
        counts.articles += batch.len();
        counts.without_actors += results.iter().filter(|r| r.is_empty()).count();
        counts.rows += results.iter().map(Vec::len).sum::<usize>();
        each(batch, results)?;
    }
    bar.finish_and_clear();
    Ok((counts, stream))
}

impl Counts {
    /// Prints the counts on stderr (unless `quiet`), and fails when articles were skipped: the
    /// output is written, but it is not the whole input.
    pub fn summarise(&self, command: &str, stream: &ArticleStream, quiet: bool) -> Result<()> {
        if !quiet {
            eprintln!(
                "{command}: {} articles read, {} rows written, {} articles without actors, {} skipped, {} other files ignored",
                self.articles,
                self.rows,
                self.without_actors,
                stream.skipped(),
                stream.ignored()
            );
        }
        match stream.skipped() {
            0 => Ok(()),
            n => Err(Error::Incomplete(format!(
                "{n} articles were skipped (see the warnings above); the others were written"
            ))),
        }
    }
}

/// One (article, actor) row as `predict --format json|jsonl` writes it (the library's
/// [`stance::predictor::row_json`], with the date the article was read at).
pub fn row_json(a: &Article, s: &ActorStance) -> serde_json::Value {
    stance::predictor::row_json(&a.id, a.date.as_deref(), s)
}

/// Runs `stance predict`.
pub fn run(args: PredictArgs, quiet: bool) -> Result<()> {
    if args.readings && !matches!(args.format, Format::Json | Format::Jsonl) {
        return Err(Error::Usage(
            "--readings lists sentences per actor, which only --format json or jsonl can hold"
                .into(),
        ));
    }
    let predictor = args
        .analysis
        .predictor()?
        .explain(args.explain.unwrap_or(0))
        .readings(args.readings);
    let sentiment = predictor.sentiment_model();
    let mut out = super::output::Output::open(
        args.output.as_deref(),
        &args.files.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
    )?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut json = Vec::new();
    let mut csv = csv::Writer::from_writer(Vec::new());
    if args.format == Format::Csv {
        csv.write_record([
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
            "mentions",
            "tone",
            "evidence",
        ])
        .map_err(|e| out_err(e.into()))?;
    }
    let (counts, stream) = run_stream(
        &predictor,
        &args.files,
        &args.input,
        quiet,
        "predict",
        |batch, results| {
            for (a, r) in batch.iter().zip(results) {
                for s in r {
                    let value = row_json(a, &s);
                    match args.format {
                        Format::Jsonl => write_json_line(&mut out, &value)?,
                        Format::Json => json.push(value),
                        Format::Csv => {
                            let ev = s
                                .evidence
                                .first()
                                .map(|e| e.sentence.clone())
                                .unwrap_or_default();
                            let row = [
                                a.id.clone(),
                                a.date.clone().unwrap_or_default(),
                                s.actor.clone(),
                                s.kind.clone(),
                                s.stance.clone(),
                                format!("{:.4}", s.confidence),
                                s.text_stance.clone(),
                                format!("{:.4}", s.text_confidence),
                                s.known.clone().unwrap_or_default(),
                                s.decided_by.as_str().to_string(),
                                s.mentions.to_string(),
                                s.tone.clone().unwrap_or_default(),
                                ev,
                            ];
                            csv.write_record(&row).map_err(|e| out_err(e.into()))?;
                        }
                        Format::Table => {
                            let ev = s
                                .evidence
                                .first()
                                .map(|e| shorten(&e.sentence, 90))
                                .unwrap_or_default();
                            let mut row = vec![
                                a.id.clone(),
                                s.actor.clone(),
                                s.stance.clone(),
                                format!("{:.2}", s.confidence),
                                s.text_stance.clone(),
                                s.known.clone().unwrap_or_else(|| "-".into()),
                                s.decided_by.as_str().to_string(),
                                s.mentions.to_string(),
                            ];
                            if sentiment.is_some() {
                                row.push(s.tone.clone().unwrap_or_default());
                            }
                            row.push(ev);
                            let width = row.len();
                            rows.push(row);
                            if let Some(e) = s.evidence.first().filter(|e| !e.because.is_empty()) {
                                let because: Vec<String> = e
                                    .because
                                    .iter()
                                    .map(|(f, w)| {
                                        format!("{} {w:+.2}", super::explain::readable(f))
                                    })
                                    .collect();
                                let mut extra = vec![String::new(); width - 1];
                                extra.push(format!("  because: {}", because.join(", ")));
                                rows.push(extra);
                            }
                        }
                    }
                }
            }
            if args.format == Format::Csv {
                // Flush each batch's rows so CSV output streams like JSONL.
                let done = std::mem::replace(&mut csv, csv::Writer::from_writer(Vec::new()));
                out.write_all(&done.into_inner().map_err(|e| out_err(e.into_error()))?)
                    .map_err(out_err)?;
            }
            Ok(())
        },
    )?;
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &json).map_err(|e| out_err(e.into()))?;
            out.write_all(b"\n").map_err(out_err)?;
        }
        Format::Csv => {}
        Format::Table => {
            let mut header = vec![
                "id", "actor", "stance", "conf", "text", "known", "by", "mentions",
            ];
            if sentiment.is_some() {
                header.push("tone");
            }
            header.push("evidence");
            out.write_all(table(&header, &rows).as_bytes())
                .map_err(out_err)?;
        }
        Format::Jsonl => {}
    }
    out.finish()?;
    counts.summarise("predict", &stream, quiet)
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}...", s.chars().take(n).collect::<String>())
    }
}

/// `--date`: checked, and given in the tool's form (see `stance::date`).
fn parse_date(s: &str) -> std::result::Result<String, String> {
    stance::date::normalise(s)
}
