//! `stance report`: articles (or saved predictions) in, one self-contained HTML report out.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use rayon::prelude::*;

use super::predict::{run_stream, AnalysisArgs};
use stance::error::{Error, Result};
use stance::report::html::{render_report, ReportOptions, GENERATOR};
use stance::report::{
    group_rows, looks_like_prediction, mention_spans, ArticleReading, Period, Polarity,
    PredictionRow,
};

/// The timeline's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// Flags of `stance report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Articles (as for `predict`: .txt files, folders, JSONL, `-`), or saved
    /// `predict --format jsonl` (or `json`) output, recognised by its rows, or said with
    /// --from-predictions.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The HTML file to write (atomically; an existing file is replaced only if it is a stance
    /// report). `-` writes to stdout.
    #[arg(short = 'o', long, value_name = "FILE", required = true)]
    pub output: PathBuf,
    /// Read FILES as saved `predict --format jsonl` rows (needed for `-`; files are recognised
    /// without it). The report then shows evidence sentences, not whole articles.
    #[arg(long)]
    pub from_predictions: bool,
    /// How many of the most-read actors get a timeline and a heatmap row.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    /// The timelines' period (the heatmap is always by year).
    #[arg(long, value_enum, default_value_t = By::Year)]
    pub by: By,
    /// Fewest articles about an actor a period needs to count in the changes.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub min_articles: usize,
    /// The report's title.
    #[arg(long, default_value = "Stance report")]
    pub title: String,
    /// The target the stances are toward, for the headings (default: the lexicon's target,
    /// Bashar al-Assad for the built-in one).
    #[arg(long, value_name = "NAME")]
    pub target: Option<String>,
    /// Labels that count for the target (+1 in the net stance); default: supports, favor,
    /// positive and their like.
    #[arg(long, value_delimiter = ',', value_name = "LABEL,...")]
    pub positive: Vec<String>,
    /// Labels that count against it (-1); default: opposes, against, negative and their like.
    #[arg(long, value_delimiter = ',', value_name = "LABEL,...")]
    pub negative: Vec<String>,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    #[command(flatten)]
    pub input: super::ArticleArgs,
}

/// Bytes of an existing `-o` file read to recognise a stance report.
const HEAD_BYTES: u64 = 2048;

/// Refuses to replace a file that is not a stance report (notes, an article, another page).
fn check_replaceable(path: &Path) -> Result<()> {
    if path.as_os_str() == "-" || !path.is_file() {
        return Ok(());
    }
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(HEAD_BYTES).read_to_end(&mut head))
        .map_err(|e| Error::io(path, e))?;
    let marker = format!("<meta name=\"generator\" content=\"{GENERATOR}\">");
    if head.is_empty() || String::from_utf8_lossy(&head).contains(&marker) {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "-o {}: exists and is not a stance report; only a report is overwritten (remove it or choose another name)",
        path.display()
    )))
}

/// Whether the inputs are saved predictions: said with the flag, or every input file's first
/// line is a `predict` row. A mix of rows and articles is refused, since it is most likely a
/// wrong file.
fn predictions_given(args: &ReportArgs) -> Result<bool> {
    if args.from_predictions {
        return Ok(true);
    }
    let mut kinds = Vec::new();
    for p in &args.files {
        let is_jsonl = p.extension().is_some_and(|x| x == "jsonl" || x == "json");
        if p.as_os_str() == "-" || !is_jsonl || !p.is_file() {
            kinds.push((p, false));
            continue;
        }
        let f = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
        let mut first = String::new();
        for line in std::io::BufReader::new(f.take(args.input.max_record_bytes as u64)).lines() {
            let line = line.map_err(|e| Error::io(p, e))?;
            if !line.trim().is_empty() {
                first = line;
                break;
            }
        }
        // `predict --format json` output: a pretty-printed list of the same rows.
        let json_list = first.trim() == "[" || first.trim() == "[]";
        kinds.push((
            p,
            json_list || looks_like_prediction(&first, &args.input.text_field),
        ));
    }
    let rows: Vec<_> = kinds
        .iter()
        .filter(|k| k.1)
        .map(|k| k.0.display())
        .collect();
    if !rows.is_empty() && rows.len() < kinds.len() {
        return Err(Error::Usage(format!(
            "{} hold predict rows, the other inputs articles: give one kind (articles, or saved predictions)",
            rows.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
        )));
    }
    Ok(!rows.is_empty())
}

/// Reads saved `predict --format jsonl` rows, with the same line limit as articles.
fn read_predictions(files: &[PathBuf], max: usize) -> Result<Vec<ArticleReading>> {
    let mut rows = Vec::new();
    for p in files {
        let input: Box<dyn std::io::Read + Send> = if p.as_os_str() == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(std::fs::File::open(p).map_err(|e| Error::io(p, e))?)
        };
        let mut reader = std::io::BufReader::new(input);
        let starts_with_list = reader
            .fill_buf()
            .map_err(|e| Error::io(p, e))?
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            == Some(&b'[');
        if starts_with_list {
            // One JSON document: bounded like a line, since it is read whole.
            let mut text = String::new();
            (&mut reader)
                .take(max as u64 + 1)
                .read_to_string(&mut text)
                .map_err(|e| Error::input(p, 0, format!("cannot read: {e}")))?;
            if text.len() > max {
                return Err(Error::input(
                    p,
                    0,
                    format!("a JSON list longer than the limit of {max} bytes (--max-record-bytes); save the rows with --format jsonl"),
                ));
            }
            let list: Vec<PredictionRow> = serde_json::from_str(&text).map_err(|e| {
                Error::input(p, e.line(), format!("not a list of predict rows ({e})"))
            })?;
            rows.extend(list);
            continue;
        }
        // Rows, one per line, through the record files' size-limited line reader.
        let mut lines = stance::data::LineReader::new(Box::new(reader), max);
        let mut buf = Vec::new();
        while let Some(read) = lines.next_line(&mut buf).map_err(|e| Error::io(p, e))? {
            let n = lines.line();
            if read.is_err() {
                return Err(Error::input(
                    p,
                    n,
                    format!("row is longer than the limit of {max} bytes (--max-record-bytes)"),
                ));
            }
            let line = std::str::from_utf8(&buf).map_err(|e| {
                Error::input(p, n, format!("invalid UTF-8 at byte {}", e.valid_up_to()))
            })?;
            if line.trim().is_empty() {
                continue;
            }
            let row: PredictionRow = serde_json::from_str(line).map_err(|e| {
                Error::input(
                    p,
                    n,
                    format!(
                        "not a predict row ({e}); rows come from `stance predict --format jsonl`"
                    ),
                )
            })?;
            rows.push(row);
        }
    }
    Ok(group_rows(rows))
}

/// The non-default reading options, for the report's header.
fn describe(a: &AnalysisArgs) -> String {
    let mut s = format!("Read by model \"{}\"", a.model);
    if let Some(m) = &a.sentiment {
        s.push_str(&format!(", tone by \"{m}\""));
    }
    let mut flags = Vec::new();
    if a.rollup {
        flags.push("--rollup".to_string());
    }
    if a.include_sources {
        flags.push("--include-sources".into());
    }
    if a.include_target {
        flags.push("--include-target".into());
    }
    if a.no_priors {
        flags.push("--no-priors (stance is the text reading alone)".into());
    }
    if a.min_stance != stance::article::DEFAULT_MIN_STANCE {
        flags.push(format!("--min-stance {}", a.min_stance));
    }
    if a.min_text_stance != stance::article::DEFAULT_MIN_TEXT_STANCE {
        flags.push(format!("--min-text-stance {}", a.min_text_stance));
    }
    if let Some(w) = a.alignment_weight {
        flags.push(format!("--alignment-weight {w}"));
    }
    if let Some(d) = &a.date {
        flags.push(format!("--date {d} for undated articles"));
    }
    if a.lexicon.actors.is_some() {
        flags.push("a custom actor lexicon".into());
    }
    if !flags.is_empty() {
        s.push_str(&format!(" with {}", flags.join(", ")));
    }
    s.push_str(", as `stance predict` reads them.");
    s
}

/// Runs `stance report`.
pub fn run(args: ReportArgs, quiet: bool) -> Result<()> {
    if args.top == 0 {
        return Err(Error::Usage("--top must be at least 1".into()));
    }
    let inputs: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    // Refused before any work: a wrong -o should not cost a long prediction run.
    if args.output.as_os_str() != "-" {
        stance::model::file::check_destination(&args.output, &inputs, "-o")?;
    }
    check_replaceable(&args.output)?;
    let mut out = super::output::Output::open(Some(&args.output), &inputs)?;
    let lexicon_target = |lex: &stance::actors::ActorLexicon| {
        lex.actors
            .iter()
            .find(|a| a.role == stance::actors::Role::Target)
            .map(|a| a.name.clone())
    };
    let mut notes = Vec::new();
    let (articles, target, source) = if predictions_given(&args)? {
        let articles = read_predictions(&args.files, args.input.max_record_bytes)?;
        notes.push(format!(
            "Read from saved predictions ({}): {} articles with at least one actor.",
            args.files
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            articles.len()
        ));
        let target = lexicon_target(&args.analysis.lexicon.lexicon()?);
        (articles, target, Source::Predictions)
    } else {
        let predictor = args.analysis.predictor()?;
        notes.push(describe(&args.analysis));
        let mut articles = Vec::new();
        let (counts, stream) = run_stream(
            &predictor,
            &args.files,
            &args.input,
            quiet,
            "report",
            |batch, results| {
                let read: Vec<ArticleReading> = batch
                    .par_iter()
                    .zip(results.par_iter())
                    .filter(|(_, rows)| !rows.is_empty())
                    .map(|(a, rows)| {
                        let spans = mention_spans(
                            predictor.lexicon(),
                            predictor.matcher(),
                            a,
                            predictor.options().rollup,
                        );
                        ArticleReading::analysed(a, rows, spans)
                    })
                    .collect();
                articles.extend(read);
                Ok(())
            },
        )?;
        let target = lexicon_target(predictor.lexicon());
        (articles, target, Source::Articles(counts, Box::new(stream)))
    };
    let polarity = {
        let usual = Polarity::usual();
        Polarity {
            positive: if args.positive.is_empty() {
                usual.positive
            } else {
                args.positive.clone()
            },
            negative: if args.negative.is_empty() {
                usual.negative
            } else {
                args.negative.clone()
            },
        }
    };
    let options = ReportOptions {
        title: args.title.clone(),
        target: args.target.clone().or(target),
        top: args.top,
        period: match args.by {
            By::Month => Period::Month,
            By::Year => Period::Year,
        },
        min_articles: args.min_articles.max(1),
        polarity,
        notes,
        without_actors: match &source {
            Source::Articles(counts, _) => counts.without_actors,
            Source::Predictions => 0,
        },
    };
    let page = render_report(&articles, &options);
    out.write_all(page.as_bytes())
        .map_err(|e| Error::io(&args.output, e))?;
    out.finish()?;
    if !quiet && args.output.as_os_str() != "-" {
        eprintln!(
            "report: wrote {} ({} KB, {} articles)",
            args.output.display(),
            page.len().div_ceil(1024),
            articles.len()
        );
    }
    match source {
        Source::Articles(counts, stream) => counts.summarise("report", &stream, quiet),
        Source::Predictions => {
            if !quiet {
                eprintln!("report: {} articles read from predictions", articles.len());
            }
            Ok(())
        }
    }
}

/// Where the readings came from, for the closing summary.
enum Source {
    /// Saved `predict` rows.
    Predictions,
    /// Articles analysed here.
    Articles(super::predict::Counts, Box<stance::article::ArticleStream>),
}
