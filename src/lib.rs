//! # stance
//!
//! Reads news and says who stands where. Given articles, `stance` finds the actors named in them
//! (states, leaders, ministries, armed groups, international bodies) and labels each actor's stance
//! toward a target — by default Bashar al-Assad — as `supports`, `opposes` or `neutral`, with the
//! sentences that show it. The same pipeline trains and evaluates any labelled text task.
//!
//! The flow, one module per stage:
//!
//! ```text
//! text      sentences, tokens, negation, stems        (text)
//! actors    lexicon, mentions, readings, discovery    (actors)
//! date      checked article and record dates           (date)
//! example   a record seen from its actor's seat       (example)
//! features  actor-aware feature strings, TF-IDF       (features)
//! model     sparse classifiers behind linfa's traits  (model)
//! article   per-article aggregation                   (article)
//! ```
//!
//! Two entry points wrap the stages: [`Predictor`] (what `stance predict`, `classify` and
//! `evaluate` do) and [`Trainer`] (what `stance train` does, model card included).
//!
//! ```
//! use stance::{Article, Predictor};
//!
//! // The built-in stance model and actor lexicon, as `stance predict` uses them.
//! let predictor = Predictor::builtin()?;
//! let article = Article {
//!     id: "aleppo".into(),
//!     text: "Russia said its jets would keep supporting the Syrian army.".into(),
//!     date: Some("2016-12-13".into()),
//! };
//! for row in predictor.predict(&article)? {
//!     println!("{} {} ({:.2}), decided by {}", row.actor, row.stance, row.confidence,
//!         row.decided_by.as_str());
//! }
//! # Ok::<(), stance::Error>(())
//! ```
#![warn(missing_docs)]
// The numeric kernels index several arrays in lockstep; iterator zips would hide that.
#![allow(clippy::needless_range_loop)]

pub mod actors;
pub mod article;
pub mod builtin;
pub mod data;
pub mod date;
pub mod error;
pub mod eval;
pub mod example;
pub mod features;
pub mod model;
pub mod pipeline;
pub mod predictor;
pub mod report;
pub mod sparse;
pub mod streaming;
pub mod text;
pub mod trainer;

pub use article::{ActorStance, Article};
pub use error::{Error, Result};
pub use pipeline::{StanceModel, TrainOptions};
pub use predictor::Predictor;
pub use trainer::{Trainer, TrainingData};
