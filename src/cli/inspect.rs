//! `stance inspect`: the model card.

use std::io::Write;

use clap::Args;

use super::evaluate::ReportFormat;
use super::output::{out_err, stdout};
use stance::builtin::load_model;
use stance::error::Result;

/// Flags of `stance inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Model: a built-in name (stance, sentiment; also builtin:NAME) or a file path with a
    /// separator or an extension (./stance, models/x.model).
    #[arg(long, default_value = "stance")]
    pub model: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

/// Runs `stance inspect`.
pub fn run(args: InspectArgs, _quiet: bool) -> Result<()> {
    let m = load_model(&args.model)?;
    let classifier = match &m.classifier {
        stance::model::Classifier::Logistic(_) => "sparse logistic regression",
        stance::model::Classifier::Nb(_) => "sparse multinomial naive Bayes",
        #[cfg(feature = "linfa-dense")]
        stance::model::Classifier::LinfaLogistic { .. } => "linfa MultiLogisticRegression (dense)",
    };
    let card = serde_json::json!({
        "model": args.model,
        "task": m.options.task,
        "labels": m.labels,
        "classifier": classifier,
        "features": m.vectorizer.len(),
        "hashing": m.vectorizer.hashing(),
        "format_version": m.format_version(),
        "convergence": m.classifier.convergence(),
        "alignment_weight": m.alignment_weight,
        "options": m.options,
        "card": m.card,
        "target_models": m.targets.iter().map(|(t, sub)| (t.clone(), serde_json::json!({
            "examples": sub.card.examples,
            "labels": sub.labels,
            "features": sub.vectorizer.len(),
        }))).collect::<serde_json::Map<_, _>>(),
    });
    let mut out = stdout();
    match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &card).map_err(|e| out_err(e.into()))?;
            out.write_all(b"\n").map_err(out_err)?;
        }
        ReportFormat::Table => {
            let c = &m.card;
            let mut lines = vec![
                ("model", args.model.clone()),
                ("task", m.options.task.clone()),
                ("labels", m.labels.join(", ")),
                ("classifier", classifier.to_string()),
                ("features", m.vectorizer.len().to_string()),
                (
                    "vectorizer",
                    match m.vectorizer.hashing() {
                        Some(h) => format!(
                            "hashed into 2^{} columns ({}), no IDF",
                            h.bits,
                            h.function.describe()
                        ),
                        None => "TF-IDF over a vocabulary".to_string(),
                    },
                ),
                ("trained with", format!("stance {}", c.tool_version)),
                ("created", c.created.clone()),
                ("data files", c.data_files.join(", ")),
                ("data sha256", c.data_sha256.clone()),
                ("examples", c.examples.to_string()),
                (
                    "per label",
                    c.label_counts
                        .iter()
                        .map(|(k, v)| format!("{k} {v}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                ("word n-grams", {
                    let (lo, hi) = m.options.extract.word_ngrams;
                    format!("{lo} to {hi} words")
                }),
                (
                    "char n-grams",
                    match m.options.extract.char_ngrams {
                        Some((lo, hi)) => format!("{lo} to {hi} characters, within words"),
                        None => "none".to_string(),
                    },
                ),
                ("actor window", m.options.extract.actor_window.to_string()),
                ("extra features", {
                    let e = &m.options.extract;
                    let on: Vec<&str> = [
                        (e.clause_features, "actor's clause"),
                        (e.cue_features, "stance cues"),
                        (e.valence_features, "valence"),
                        (e.priors, "known alignments"),
                        (e.conjoin_target, "target conjunctions"),
                        (e.mention_words, "mention words"),
                        (e.mention_position, "mention position"),
                        (e.clause_pairs, "clause word pairs"),
                    ]
                    .iter()
                    .filter(|(yes, _)| *yes)
                    .map(|(_, n)| *n)
                    .collect();
                    if on.is_empty() {
                        "none".to_string()
                    } else {
                        on.join(", ")
                    }
                }),
                ("C", m.options.classifier.c.to_string()),
                (
                    "class weight",
                    format!("{:?}", m.options.classifier.class_weight).to_lowercase(),
                ),
                // What `predict` adds to the known alignment's log-probability (article::combine).
                ("alignment weight", m.alignment_weight.to_string()),
            ];
            if m.options.classifier.nb_scale {
                lines.push((
                    "feature scale",
                    "naive Bayes log-count ratios (NBSVM-style), folded into the weights".into(),
                ));
            }
            if !c.targets.is_empty() {
                let listed: Vec<String> = c
                    .targets
                    .iter()
                    .map(|(t, n)| {
                        let own = if m.targets.contains_key(t) {
                            "own model"
                        } else {
                            "pooled"
                        };
                        format!("{t} {n} ({own})")
                    })
                    .collect();
                lines.push(("targets", listed.join(", ")));
            }
            if let Some(cv) = &c.cv {
                let num = |k: &str| cv.get(k).and_then(|v| v.as_f64());
                let line = match (num("folds"), num("macro_f1_mean"), num("macro_f1_std")) {
                    (Some(k), Some(mean), Some(std)) => {
                        let mut l = format!("{k}-fold, macro-F1 {mean:.4} ± {std:.4}");
                        if let Some(a) = num("accuracy") {
                            l += &format!(", accuracy {a:.4}");
                        }
                        if let Some(seed) = num("seed") {
                            l += &format!(" (seed {seed})");
                        }
                        l
                    }
                    _ => cv.to_string(),
                };
                lines.push(("cross-validation", line));
            }
            if let Some(conv) = m.classifier.convergence() {
                let run = match m.options.classifier.solver {
                    stance::model::Solver::Lbfgs => format!(
                        "{}L-BFGS, {} iterations, converged: {}",
                        match m.options.classifier.warm_epochs {
                            0 => String::new(),
                            n => format!("{n} SGD epochs, then "),
                        },
                        conv.iterations,
                        conv.converged
                    ),
                    stance::model::Solver::Sgd => format!("SGD, {} epochs", conv.iterations),
                };
                lines.push((
                    "solver",
                    format!(
                        "{run}; objective {:.4}, largest gradient {:.1e}",
                        conv.objective, conv.gradient
                    ),
                ));
            }
            for s in &c.sources {
                lines.push(("source", s.clone()));
            }
            for (k, v) in lines {
                writeln!(out, "{k:>16}  {v}").map_err(out_err)?;
            }
        }
    }
    out.flush().map_err(out_err)
}
