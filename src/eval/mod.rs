//! Evaluation: metrics tested on hand-worked cases, and cross-validation.

mod cv;
mod metrics;

pub use cv::{cross_validate, group_folds, mean_std, stratified_folds, CvReport};
pub use metrics::{evaluate, ClassScores, Report};
