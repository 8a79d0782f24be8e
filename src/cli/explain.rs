//! `stance explain`: what a model learned, and why it labelled one text as it did.

use std::io::Write;

use clap::Args;

use super::evaluate::ReportFormat;
use super::output::{out_err, stdout, table};
use super::LexiconArgs;
use stance::builtin::load_model;
use stance::data::Record;
use stance::error::{Error, Result};

/// Flags of `stance explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Model: a built-in name (stance, sentiment; also builtin:NAME) or a file path with a
    /// separator or an extension (./stance, models/x.model).
    #[arg(long, default_value = "stance")]
    pub model: String,
    /// How many features to show per label.
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// Explain the prediction for this text instead of the model's top features.
    #[arg(long)]
    pub text: Option<String>,
    /// The actor whose stance is asked (with --text).
    #[arg(long, requires = "text")]
    pub actor: Option<String>,
    /// When the text was written (YYYY-MM-DD or YYYY), for titles and known alignments.
    #[arg(long, requires = "text", value_parser = parse_date)]
    pub date: Option<String>,
    /// The stance target (with --text), as `classify` reads a record's `target`: a model with
    /// one model per target explains that target's.
    #[arg(long, requires = "text")]
    pub target: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
}

/// Makes a feature string readable (the glossary is docs/features.md): "w:" word n-grams, "c:"
/// character n-grams, "l:"/"r:" words left/right of the actor, "k:" words of the actor's clause,
/// "q:" stance cues.
pub fn readable(f: &str) -> String {
    let (prefix, rest) = f.split_once(':').unwrap_or(("", f));
    match prefix {
        "w" => format!("\"{rest}\""),
        "c" => format!("chars \"{rest}\""),
        "l" => format!("left of actor: \"{rest}\""),
        "l1" => format!("just before actor: \"{rest}\""),
        "r" => format!("right of actor: \"{rest}\""),
        "r1" => format!("just after actor: \"{rest}\""),
        "r2" => format!("after actor: \"{rest}\""),
        "k" => format!("actor's clause: \"{rest}\""),
        "qp" => format!("known alignment: {rest}"),
        "x" => format!("another actor's segment: \"{rest}\""),
        "m" => format!("the actor's own words: \"{rest}\""),
        "ms" => format!("the actor's mention: {rest}"),
        "q" if rest == "pro" || rest == "anti" => format!("clause reads {rest}-target"),
        "q" if rest == "place" => "mention names a place".to_string(),
        "q" => format!("cue pattern {rest}"),
        "qv" => format!("valence {rest}"),
        p if p.starts_with('t') => format!("with target: \"{rest}\""),
        _ => f.to_string(),
    }
}

/// Runs `stance explain`.
pub fn run(args: ExplainArgs, _quiet: bool) -> Result<()> {
    let pooled = load_model(&args.model)?;
    // The model `classify` would use for this target: its own, else the pooled one.
    let model = match args.target.as_deref() {
        Some(t) if !pooled.targets.is_empty() => match pooled.targets.get(t) {
            Some(m) => m,
            None => {
                eprintln!(
                    "stance: warning: target \"{t}\" was not seen in training; the pooled model labels it"
                );
                &pooled
            }
        },
        _ => &pooled,
    };
    let (weights, bias, k) = model.classifier.linear_weights().ok_or_else(|| {
        Error::Usage("explain needs a sparse logistic or naive Bayes model".into())
    })?;
    if args.text.is_none() && model.vectorizer.hashing().is_some() {
        return Err(Error::Usage(
            "a hashed model (train --hash-bits) keeps no feature names, so it has no list of top features; explain --text shows the features of one sentence".into(),
        ));
    }
    let vocab = &model.vectorizer.vocabulary;
    let mut out = stdout();
    let mut result = serde_json::Map::new();
    match &args.text {
        None => {
            for (c, label) in model.labels.iter().enumerate() {
                // A feature pushes toward a label by how much its weight there exceeds its mean
                // weight across labels (softmax is invariant to a shared shift).
                let mut scored: Vec<(f64, usize)> = (0..vocab.len())
                    .map(|j| {
                        let row = &weights[j * k..j * k + k];
                        let mean = row.iter().map(|&w| w as f64).sum::<f64>() / k as f64;
                        (row[c] as f64 - mean, j)
                    })
                    .collect();
                scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                let top: Vec<(String, f64)> = scored
                    .into_iter()
                    .take(args.top)
                    .map(|(w, j)| (vocab[j].to_string(), w))
                    .collect();
                result.insert(label.clone(), serde_json::json!(top.iter().map(|(f, w)| serde_json::json!({"feature": f, "readable": readable(f), "weight": w})).collect::<Vec<_>>()));
                if args.format == ReportFormat::Table {
                    writeln!(out, "{label}").map_err(out_err)?;
                    let rows: Vec<Vec<String>> = top
                        .iter()
                        .map(|(f, w)| vec![format!("{w:+.3}"), readable(f)])
                        .collect();
                    out.write_all(table(&["weight", "feature"], &rows).as_bytes())
                        .map_err(out_err)?;
                    writeln!(out).map_err(out_err)?;
                }
            }
        }
        Some(text) => {
            let builder = args.lexicon.builder(&model.options)?;
            let record = Record {
                id: "text".into(),
                text: text.clone(),
                actor: args.actor.clone(),
                target: args.target.clone(),
                date: args.date.clone(),
                ..Default::default()
            };
            let (example, found) = builder.from_record(&record);
            if !found {
                eprintln!(
                    "stance: warning: actor \"{}\" is not named in the text",
                    args.actor.as_deref().unwrap_or("")
                );
            }
            let row = model.vectorize(&example);
            let hashed = model.column_names(&example);
            // A column's feature: from the vocabulary, or, hashed, from this text's strings.
            let name = |j: u32| -> String {
                match &hashed {
                    Some(names) => names.get(&j).map_or(String::new(), |n| n.join(" | ")),
                    None => vocab[j as usize].to_string(),
                }
            };
            let readable_name = |j: u32| -> String {
                match &hashed {
                    Some(names) => names.get(&j).map_or(String::new(), |n| {
                        n.iter()
                            .map(|f| readable(f))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    }),
                    None => readable(&vocab[j as usize]),
                }
            };
            let pred = &model.predict(std::slice::from_ref(&example))?[0];
            let mut per_label = serde_json::Map::new();
            for (c, label) in model.labels.iter().enumerate() {
                let mut contrib: Vec<(f64, u32, f32)> = row
                    .iter()
                    .map(|&(j, v)| (weights[j as usize * k + c] as f64 * v as f64, j, v))
                    .collect();
                let total: f64 = contrib.iter().map(|x| x.0).sum::<f64>() + bias[c];
                contrib.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()).then(a.1.cmp(&b.1)));
                let items: Vec<serde_json::Value> = contrib
                    .iter()
                    .take(args.top)
                    .map(|(w, j, v)| serde_json::json!({"feature": name(*j), "readable": readable_name(*j), "value": v, "contribution": w}))
                    .collect();
                per_label.insert(
                    label.clone(),
                    serde_json::json!({"score": total, "bias": bias[c], "probability": pred.scores[c], "contributions": items}),
                );
                if args.format == ReportFormat::Table {
                    writeln!(
                        out,
                        "{label}: score {total:+.3} (bias {:+.3}), probability {:.3}",
                        bias[c], pred.scores[c]
                    )
                    .map_err(out_err)?;
                    let rows: Vec<Vec<String>> = contrib
                        .iter()
                        .take(args.top)
                        .map(|(w, j, v)| {
                            vec![format!("{w:+.4}"), format!("{v:.3}"), readable_name(*j)]
                        })
                        .collect();
                    out.write_all(table(&["contrib", "value", "feature"], &rows).as_bytes())
                        .map_err(out_err)?;
                    writeln!(out).map_err(out_err)?;
                }
            }
            if args.format == ReportFormat::Table {
                writeln!(out, "prediction: {}", model.labels[pred.label]).map_err(out_err)?;
            }
            result.insert(
                "prediction".into(),
                serde_json::json!(model.labels[pred.label]),
            );
            result.insert("labels".into(), serde_json::Value::Object(per_label));
        }
    }
    if args.format == ReportFormat::Json {
        serde_json::to_writer_pretty(&mut out, &result).map_err(|e| out_err(e.into()))?;
        out.write_all(b"\n").map_err(out_err)?;
    }
    out.flush().map_err(out_err)
}

/// `--date`: checked, and given in the tool's form (see `stance::date`).
fn parse_date(s: &str) -> std::result::Result<String, String> {
    stance::date::normalise(s)
}
