//! The command line: one file per subcommand; this file holds the shared flags and the dispatch.

mod actors;
mod classify;
pub mod config;
mod cv;
mod evaluate;
mod explain;
mod inspect;
mod output;
mod predict;
mod report;
pub mod serve;
mod train;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use stance::actors::ActorLexicon;
use stance::data::{FieldMap, InputFormat, ReadOptions};
use stance::example::ExampleBuilder;
use stance::Result;

/// Reads news and says who stands where.
#[derive(Debug, Parser)]
#[command(name = "stance", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, global = true)]
    pub threads: Option<usize>,
    /// Print less on stderr.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Settings for each command from a TOML file (one table per command, keys named as its
    /// flags; the command line wins). Read before the other flags; see docs/config.md.
    #[arg(long, global = true, value_name = "FILE", env = "STANCE_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Articles -> one row per (article, actor): stance, confidence, mentions, evidence.
    #[command(
        after_help = "Example:\n  stance predict examples/aleppo-2016.txt\n  stance predict --format jsonl articles.jsonl"
    )]
    Predict(predict::PredictArgs),
    /// Label every record of a dataset, in order: id, label, scores.
    #[command(
        after_help = "Example:\n  stance classify --model sentiment sentences.jsonl --format csv"
    )]
    Classify(classify::ClassifyArgs),
    /// Fit the pipeline on labelled records and write one model file.
    #[command(
        after_help = "Example:\n  stance train --data datasets/syria/train.jsonl --out my.model"
    )]
    Train(train::TrainArgs),
    /// Score a model on labelled records: accuracy, per-class P/R/F1, macro/weighted F1, confusion.
    #[command(
        after_help = "Example:\n  stance evaluate --model my.model --data datasets/syria/test.jsonl"
    )]
    Evaluate(evaluate::EvaluateArgs),
    /// Stratified (or grouped), seeded k-fold cross-validation with the same report.
    #[command(
        after_help = "Example:\n  stance cv --data datasets/syria/train.jsonl --folds 5 --seed 1"
    )]
    Cv(cv::CvArgs),
    /// The actors found in articles, with mentions and character offsets.
    #[command(after_help = "Example:\n  stance actors examples/aleppo-2016.txt --unknown")]
    Actors(actors::ActorsArgs),
    /// Top weighted features per label, or the contributions behind one prediction.
    #[command(
        after_help = "Example:\n  stance explain --model stance --top 15\n  stance explain --model stance --text \"Moscow vetoed the resolution.\" --actor Russia"
    )]
    Explain(explain::ExplainArgs),
    /// The model card: task, labels, options, data hash, scores.
    #[command(after_help = "Example:\n  stance inspect --model stance")]
    Inspect(inspect::InspectArgs),
    /// A self-contained HTML report: stance timelines, an actor x year heatmap, changes, and
    /// every article with its mentions and evidence marked.
    #[command(
        after_help = "Example:\n  stance report examples/ -o report.html\n  stance predict --format jsonl -o rows.jsonl corpus.jsonl && stance report rows.jsonl --by month -o report.html"
    )]
    Report(report::ReportArgs),
    /// A local web page to paste an article and see its reading; POST /predict answers JSON.
    #[command(
        after_help = "Example:\n  stance serve --addr 127.0.0.1:8321\n  curl -d '{\"text\": \"Moscow vetoed the resolution.\"}' http://127.0.0.1:8321/predict"
    )]
    Serve(serve::ServeArgs),
    /// Shell completions for bash, zsh, fish, elvish or PowerShell, on stdout.
    #[command(
        after_help = "Example:\n  stance completions bash > ~/.local/share/bash-completion/completions/stance"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Man pages (roff), generated from these definitions: stance(1) on stdout, one
    /// subcommand's page, or every page into a folder.
    #[command(
        after_help = "Examples:\n  stance man > stance.1 && man ./stance.1\n  stance man predict | man -l -\n  stance man --dir man/  # stance.1 and stance-<command>.1 for every command"
    )]
    Man {
        /// The subcommand whose page to print (stance-SUBCOMMAND(1)).
        subcommand: Option<String>,
        /// Write every page (stance.1, stance-predict.1, ...) into this folder instead.
        #[arg(long, value_name = "DIR", conflicts_with = "subcommand")]
        dir: Option<PathBuf>,
    },
}

/// Flags that say how to read a dataset. A field flag not given takes the field the model was
/// trained with (`classify`, `evaluate`), else its default name.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Input layout (default: by extension; .csv, .tsv, else JSONL).
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// Field holding the text [default: text, or the model's training field].
    #[arg(long, value_name = "NAME", env = "STANCE_TEXT_FIELD")]
    pub text_field: Option<String>,
    /// Field holding the label [default: label, or the model's training field].
    #[arg(long, value_name = "NAME", env = "STANCE_LABEL_FIELD")]
    pub label_field: Option<String>,
    /// Field holding the actor [default: actor, or the model's training field].
    #[arg(long, value_name = "NAME", env = "STANCE_ACTOR_FIELD")]
    pub actor_field: Option<String>,
    /// Field holding the target [default: target, or the model's training field].
    #[arg(long, value_name = "NAME", env = "STANCE_TARGET_FIELD")]
    pub target_field: Option<String>,
    /// Field holding the id [default: id, or the model's training field].
    #[arg(long, value_name = "NAME", env = "STANCE_ID_FIELD")]
    pub id_field: Option<String>,
    /// Field holding the actor's span, [start, end] in characters [default: span, or the
    /// model's training field].
    #[arg(long, value_name = "NAME", env = "STANCE_SPAN_FIELD")]
    pub span_field: Option<String>,
    /// Largest accepted record, in bytes (the same limit caps articles in `predict`).
    #[arg(long, default_value_t = stance::data::DEFAULT_MAX_RECORD_BYTES)]
    pub max_record_bytes: usize,
}

impl DataArgs {
    /// Reading options for these flags.
    pub fn read_options(&self, require_label: bool, group: Option<String>) -> ReadOptions {
        self.read_options_for(require_label, group, None)
    }

    /// Reading options for these flags, a field not named by a flag taking its name from
    /// `trained` (the mapping a model was trained with) before the default.
    pub fn read_options_for(
        &self,
        require_label: bool,
        group: Option<String>,
        trained: Option<&FieldMap>,
    ) -> ReadOptions {
        let default = FieldMap::default();
        let base = trained.unwrap_or(&default);
        let pick =
            |flag: &Option<String>, from: &String| flag.clone().unwrap_or_else(|| from.clone());
        ReadOptions {
            format: self.input_format,
            fields: FieldMap {
                id: pick(&self.id_field, &base.id),
                text: pick(&self.text_field, &base.text),
                label: pick(&self.label_field, &base.label),
                actor: pick(&self.actor_field, &base.actor),
                target: pick(&self.target_field, &base.target),
                span: pick(&self.span_field, &base.span),
                group,
            },
            require_label,
            max_record_bytes: self.max_record_bytes,
            keep_fields: false,
        }
    }
}

/// Says on stderr which fields are read as the model was trained (unless `quiet`), so a user who
/// did not name them sees where the names came from.
fn say_trained_fields(quiet: bool, trained: Option<&FieldMap>, used: &FieldMap) {
    let Some(t) = trained else { return };
    if quiet {
        return;
    }
    let d = FieldMap::default();
    let named: Vec<String> = [
        ("text", &t.text, &used.text, &d.text),
        ("label", &t.label, &used.label, &d.label),
        ("actor", &t.actor, &used.actor, &d.actor),
        ("target", &t.target, &used.target, &d.target),
        ("id", &t.id, &used.id, &d.id),
        ("span", &t.span, &used.span, &d.span),
    ]
    .iter()
    .filter(|(_, t, u, d)| t != d && t == u)
    .map(|(role, t, _, _)| format!("{role} from \"{t}\""))
    .collect();
    if !named.is_empty() {
        eprintln!(
            "stance: reading {}, as the model was trained (--ROLE-field overrides)",
            named.join(", ")
        );
    }
}

/// `--label-map`: renames labels as records are read (train, cv, evaluate).
#[derive(Debug, Clone, Default, Args)]
pub struct LabelArgs {
    /// Rename labels as they are read: FROM=TO pairs, comma-separated
    /// (`favor=supports,against=opposes`), so data labelled in other words trains the same model.
    #[arg(long, value_delimiter = ',', value_parser = parse_label_pair, value_name = "FROM=TO,...")]
    pub label_map: Vec<(String, String)>,
}

fn parse_label_pair(s: &str) -> std::result::Result<(String, String), String> {
    match s.split_once('=') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            Ok((a.trim().to_string(), b.trim().to_string()))
        }
        _ => Err(format!("\"{s}\" is not FROM=TO")),
    }
}

impl LabelArgs {
    /// Applies the mapping to the records' labels.
    pub fn apply(&self, records: &mut [stance::data::Record]) {
        stance::trainer::map_labels(records, &self.label_map);
    }
}

/// Flags of the commands that read articles (`predict`, `actors`).
#[derive(Debug, Clone, Args)]
pub struct ArticleArgs {
    /// Search folders' subfolders for articles too (symbolic links to folders are not followed).
    #[arg(long, short = 'r')]
    pub recursive: bool,
    /// Largest accepted article, in bytes, for every input kind (.txt, a JSONL line, stdin);
    /// longer ones are skipped with a warning.
    #[arg(long, default_value_t = stance::data::DEFAULT_MAX_RECORD_BYTES)]
    pub max_record_bytes: usize,
    /// JSONL field holding an article's text.
    #[arg(long, default_value = "text", env = "STANCE_TEXT_FIELD")]
    pub text_field: String,
    /// JSONL field holding an article's id (the line number when absent).
    #[arg(long, default_value = "id", env = "STANCE_ID_FIELD")]
    pub id_field: String,
    /// JSONL field holding an article's date (YYYY-MM-DD or YYYY).
    #[arg(long, default_value = "date", env = "STANCE_DATE_FIELD")]
    pub date_field: String,
}

impl ArticleArgs {
    /// Reading options for these flags.
    pub fn options(&self) -> stance::article::ReadArticles {
        stance::article::ReadArticles {
            max_bytes: self.max_record_bytes,
            recursive: self.recursive,
            text_field: self.text_field.clone(),
            id_field: self.id_field.clone(),
            date_field: self.date_field.clone(),
        }
    }
}

/// Prints the warnings an article stream gathered (skipped files and articles): always, since
/// they say what was not read.
pub fn print_warnings(stream: &mut stance::article::ArticleStream) {
    for w in stream.take_warnings() {
        eprintln!("stance: warning: {w}");
    }
}

/// Flags that choose the actor lexicon.
#[derive(Debug, Clone, Args)]
pub struct LexiconArgs {
    /// An actor lexicon (JSON, see models/ACTORS.md) to use instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub actors: Option<PathBuf>,
    /// Add the actors of FILE to the built-in lexicon instead of replacing it.
    #[arg(long, requires = "actors")]
    pub extend_actors: bool,
}

impl LexiconArgs {
    /// The lexicon these flags select.
    pub fn lexicon(&self) -> Result<ActorLexicon> {
        match &self.actors {
            None => Ok(ActorLexicon::builtin()),
            Some(p) if self.extend_actors => {
                let mut lex = ActorLexicon::builtin();
                lex.extend(ActorLexicon::load(p)?);
                Ok(lex)
            }
            Some(p) => ActorLexicon::load(p),
        }
    }

    /// An example builder over the selected lexicon.
    pub fn builder(&self, options: &stance::TrainOptions) -> Result<ExampleBuilder> {
        Ok(
            ExampleBuilder::new(self.lexicon()?, options.use_lexicon)
                .mark_names(options.mark_names),
        )
    }
}

/// A spinner on stderr with the given template: drawn on a terminal only (indicatif hides it
/// elsewhere), never with `-q`.
fn spinner(quiet: bool, template: &str) -> indicatif::ProgressBar {
    let bar = if quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new_spinner()
    };
    bar.set_style(indicatif::ProgressStyle::with_template(template).expect("valid template"));
    bar
}

/// A progress line on stderr for `noun` (articles, records): with a known total, a bar with the
/// count, the rate and the time left; without, a count and the rate. Drawn on a terminal only,
/// never with `-q`.
fn progress(
    quiet: bool,
    prefix: &'static str,
    noun: &str,
    total: Option<u64>,
) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let template = match total {
        Some(_) => format!(
            "{{prefix}} [{{bar:30}}] {{human_pos}}/{{human_len}} {noun}, {{rate}}, {{eta}} left"
        ),
        None => format!("{{prefix}} {{spinner}} {{human_pos}} {noun}, {{rate}}"),
    };
    // indicatif's {per_sec} prints "1,136.2525/s"; whole items per second read better.
    let style = indicatif::ProgressStyle::with_template(&template)
        .expect("valid template")
        .progress_chars("=> ")
        .with_key(
            "rate",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}/s", s.per_sec());
            },
        );
    let bar = match total {
        Some(n) => indicatif::ProgressBar::new(n),
        None => indicatif::ProgressBar::new_spinner(),
    };
    bar.set_style(style);
    bar.set_prefix(prefix);
    bar
}

/// How many items (records or articles) `paths` hold, for a progress total: a `.txt` file is one
/// article, another file one item per line (less a CSV/TSV header), a folder its `.txt` files and
/// the lines of its `.jsonl` files. Unknown (`None`) for stdin and for recursive folders.
fn count_items(paths: &[PathBuf], recursive: bool) -> Option<u64> {
    use std::io::Read;
    let lines = |p: &Path| -> Option<u64> {
        let mut f = std::fs::File::open(p).ok()?;
        let (mut n, mut buf, mut last) = (0u64, vec![0u8; 1 << 16], b'\n');
        loop {
            let k = f.read(&mut buf).ok()?;
            if k == 0 {
                break;
            }
            n += buf[..k].iter().filter(|&&b| b == b'\n').count() as u64;
            last = buf[k - 1];
        }
        Some(n + u64::from(last != b'\n'))
    };
    let file = |p: &Path| -> Option<u64> {
        match p.extension().and_then(|e| e.to_str()) {
            Some("txt") => Some(1),
            Some("csv" | "tsv") => Some(lines(p)?.saturating_sub(1)),
            _ => lines(p),
        }
    };
    let mut total = 0;
    for p in paths {
        if p.as_os_str() == "-" {
            return None;
        }
        if p.is_dir() {
            if recursive {
                return None;
            }
            for entry in std::fs::read_dir(p).ok()? {
                let q = entry.ok()?.path();
                if q.is_file()
                    && matches!(
                        q.extension().and_then(|e| e.to_str()),
                        Some("txt" | "jsonl")
                    )
                {
                    total += file(&q)?;
                }
            }
        } else {
            total += file(p)?;
        }
    }
    Some(total)
}

/// The total for [`progress`], counted only when a bar will be drawn: reading the input twice
/// costs little next to predicting it, and nothing when stderr is not a terminal.
fn progress_total(quiet: bool, paths: &[PathBuf], recursive: bool) -> Option<u64> {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    count_items(paths, recursive)
}

/// Most worker threads per core accepted by `--threads`.
const MAX_THREADS_PER_CORE: usize = 8;

/// Runs the parsed command.
pub fn run(cli: Cli) -> Result<()> {
    if let Some(n) = cli.threads {
        // Results do not depend on the thread count, but time does: thousands of threads on a
        // few cores only thrash.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let most = MAX_THREADS_PER_CORE * cores;
        if n == 0 || n > most {
            return Err(stance::Error::Usage(format!(
                "--threads {n}: give 1 to {most} ({MAX_THREADS_PER_CORE} per core, {cores} cores)"
            )));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| stance::Error::Usage(format!("--threads: {e}")))?;
    }
    let quiet = cli.quiet;
    match cli.command {
        Command::Predict(a) => predict::run(a, quiet),
        Command::Classify(a) => classify::run(a, quiet),
        Command::Train(a) => train::run(a, quiet),
        Command::Evaluate(a) => evaluate::run(a, quiet),
        Command::Cv(a) => cv::run(a, quiet),
        Command::Actors(a) => actors::run(a, quiet),
        Command::Explain(a) => explain::run(a, quiet),
        Command::Inspect(a) => inspect::run(a, quiet),
        Command::Report(a) => report::run(a, quiet),
        Command::Serve(a) => serve::run(a, quiet),
        Command::Completions { shell } => {
            // Written to memory first: clap_complete panics on a failed write (`> /dev/full`).
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "stance", &mut script);
            let mut out = std::io::stdout().lock();
            out.write_all(&script)
                .and_then(|()| out.flush())
                .map_err(|e| stance::Error::io("<stdout>", e))
        }
        Command::Man { subcommand, dir } => man(subcommand.as_deref(), dir.as_deref()),
    }
}

/// `stance man`: the top page, one subcommand's page, or every page into `dir`.
fn man(subcommand: Option<&str>, dir: Option<&Path>) -> Result<()> {
    let mut top = <Cli as clap::CommandFactory>::command();
    // Building sets each subcommand's display name to "stance-NAME", the name of its page.
    top.build();
    let render = |cmd: clap::Command| -> std::io::Result<Vec<u8>> {
        let mut page = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut page)?;
        Ok(page)
    };
    let Some(dir) = dir else {
        let cmd = match subcommand {
            None => top,
            Some(name) => top.find_subcommand(name).cloned().ok_or_else(|| {
                let names: Vec<&str> = top.get_subcommands().map(|c| c.get_name()).collect();
                stance::Error::Usage(format!(
                    "no command \"{name}\" (commands: {})",
                    names.join(", ")
                ))
            })?,
        };
        let page = render(cmd).map_err(|e| stance::Error::io("<stdout>", e))?;
        return std::io::stdout()
            .write_all(&page)
            .map_err(|e| stance::Error::io("<stdout>", e));
    };
    if !dir.is_dir() {
        return Err(stance::Error::Usage(format!(
            "--dir {}: not a folder",
            dir.display()
        )));
    }
    let mut pages = vec![("stance".to_string(), top.clone())];
    for sub in top.get_subcommands() {
        let name = sub.get_display_name().unwrap_or(sub.get_name()).to_string();
        pages.push((name, sub.clone()));
    }
    // Every destination is checked before any page is written: only a page this command wrote
    // before is replaced, and a refusal leaves the folder as it was.
    for (name, _) in &pages {
        let path = dir.join(format!("{name}.1"));
        if let Ok(old) = std::fs::read(&path) {
            let ours = String::from_utf8_lossy(&old[..old.len().min(512)])
                .contains(&format!(".TH {name} 1"));
            if !ours {
                return Err(stance::Error::Usage(format!(
                    "{}: exists and is not a stance man page; not replaced",
                    path.display()
                )));
            }
        }
    }
    for (name, cmd) in pages {
        let path = dir.join(format!("{name}.1"));
        let page = render(cmd).map_err(|e| stance::Error::io(&path, e))?;
        stance::model::file::write_atomically(&path, &page)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_totals_count_articles_and_records() {
        let dir = tempfile::tempdir().unwrap();
        let p = |name: &str, body: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, body).unwrap();
            path
        };
        let txt = p("a.txt", "One article.\nTwo lines.\n");
        let jsonl = p("b.jsonl", "{}\n{}\n{}");
        let csv = p("c.csv", "text,label\nx,y\nz,w\n");
        assert_eq!(count_items(std::slice::from_ref(&txt), false), Some(1));
        assert_eq!(count_items(std::slice::from_ref(&jsonl), false), Some(3));
        assert_eq!(count_items(std::slice::from_ref(&csv), false), Some(2));
        // The folder: its .txt article and the .jsonl lines; the CSV is not an article file.
        assert_eq!(count_items(&[dir.path().to_path_buf()], false), Some(4));
        assert_eq!(count_items(&[dir.path().to_path_buf()], true), None);
        assert_eq!(count_items(&[txt, PathBuf::from("-")], false), None);
    }
}
