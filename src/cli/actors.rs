//! `stance actors`: the actors found in articles, their mentions and offsets.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::output::{out_err, table, write_json_line, Format};
use super::LexiconArgs;
use stance::actors::{discover, read_mentions, resolve_pronouns, MentionKind, MentionMatcher};
use stance::article::open_articles;
use stance::article::with_discovered_mentions;
use stance::data::byte_to_char;
use stance::error::Result;

/// Flags of `stance actors`.
#[derive(Debug, Args)]
pub struct ActorsArgs {
    /// Articles: .txt files, folders, JSONL, or `-` for stdin.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write the results to FILE (atomically: complete or not at all) instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Also list capitalised names that are neither in the lexicon nor discovered (people named
    /// with an office and bodies named in full are always listed, as `discovered`), to grow the
    /// lexicon.
    #[arg(long)]
    pub unknown: bool,
    /// Leave out pronouns resolved to actors.
    #[arg(long)]
    pub no_pronouns: bool,
    /// Article date (YYYY-MM-DD) for resolving titles.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<String>,
    #[command(flatten)]
    pub input: super::ArticleArgs,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
}

/// Runs `stance actors`.
pub fn run(args: ActorsArgs, _quiet: bool) -> Result<()> {
    let lexicon = args.lexicon.lexicon()?;
    let matcher = MentionMatcher::new(&lexicon);
    let mut stream = open_articles(&args.files, &args.input.options())?;
    let articles = stream.by_ref().collect::<Result<Vec<_>>>();
    super::print_warnings(&mut stream);
    let articles = articles?;
    let mut out = super::output::Output::open(
        args.output.as_deref(),
        &args.files.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
    )?;
    let mut rows = Vec::new();
    let mut json = Vec::new();
    let mut csv = csv::Writer::from_writer(Vec::new());
    if args.format == Format::Csv {
        csv.write_record([
            "id", "actor", "kind", "role", "text", "start", "end", "via", "inferred", "reading",
        ])
        .map_err(|e| out_err(e.into()))?;
    }
    for a in &articles {
        let date = a.date.clone().or_else(|| args.date.clone());
        let named = matcher.find(&lexicon, &a.text, date.as_deref());
        // People named with an office and bodies named in full, not in the lexicon, as `predict`
        // sees them.
        let discovered = discover(&lexicon, &a.text, &named);
        let (extended, named) = if discovered.is_empty() {
            (None, named)
        } else {
            let (lex, base) = lexicon.with_discovered(&discovered);
            (
                Some(lex),
                with_discovered_mentions(named, &discovered, base),
            )
        };
        let lex = extended.as_ref().unwrap_or(&lexicon);
        let all = if args.no_pronouns {
            named.clone()
        } else {
            resolve_pronouns(lex, &a.text, &named)
        };
        let readings = read_mentions(lex, &a.text, &all);
        let mut items: Vec<serde_json::Value> = all
            .iter()
            .zip(readings)
            .map(|(m, reading)| {
                let actor = &lex.actors[m.actor];
                let via = if actor.discovered && m.kind != MentionKind::Pronoun {
                    serde_json::json!("discovered")
                } else {
                    serde_json::json!(m.kind)
                };
                serde_json::json!({
                    "id": a.id, "actor": actor.name, "kind": actor.kind, "role": actor.role,
                    "affiliation": actor.affiliation,
                    "text": &a.text[m.start..m.end],
                    "start": byte_to_char(&a.text, m.start), "end": byte_to_char(&a.text, m.end),
                    "via": via, "inferred": m.kind == MentionKind::Pronoun,
                    "reading": reading,
                })
            })
            .collect();
        if args.unknown {
            let covered: Vec<(usize, usize)> = named.iter().map(|m| (m.start, m.end)).collect();
            for (s, e) in stance::actors::capitalised_names(&a.text, &covered) {
                items.push(serde_json::json!({
                    "id": a.id, "actor": null, "kind": "unknown", "role": "unknown", "text": &a.text[s..e],
                    "start": byte_to_char(&a.text, s), "end": byte_to_char(&a.text, e), "via": "capitalised", "inferred": false, "reading": null,
                }));
            }
            items.sort_by_key(|v| v["start"].as_u64());
        }
        for v in items {
            let s = |k: &str| match &v[k] {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => "?".into(),
                other => other.to_string(),
            };
            match args.format {
                Format::Jsonl => write_json_line(&mut out, &v)?,
                Format::Json => json.push(v),
                Format::Csv => csv
                    .write_record([
                        s("id"),
                        s("actor"),
                        s("kind"),
                        s("role"),
                        s("text"),
                        s("start"),
                        s("end"),
                        s("via"),
                        s("inferred"),
                        s("reading"),
                    ])
                    .map_err(|e| out_err(e.into()))?,
                Format::Table => rows.push(vec![
                    s("id"),
                    s("actor"),
                    s("kind"),
                    s("role"),
                    format!("{}..{}", s("start"), s("end")),
                    s("via"),
                    s("reading"),
                    s("text"),
                ]),
            }
        }
    }
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &json).map_err(|e| out_err(e.into()))?;
            out.write_all(b"\n").map_err(out_err)?;
        }
        Format::Csv => out
            .write_all(&csv.into_inner().map_err(|e| out_err(e.into_error()))?)
            .map_err(out_err)?,
        Format::Table => out
            .write_all(
                table(
                    &[
                        "id", "actor", "kind", "role", "chars", "via", "reading", "text",
                    ],
                    &rows,
                )
                .as_bytes(),
            )
            .map_err(out_err)?,
        Format::Jsonl => {}
    }
    out.finish()
}

/// `--date`: checked, and given in the tool's form (see `stance::date`).
fn parse_date(s: &str) -> std::result::Result<String, String> {
    stance::date::normalise(s)
}
