//! Evaluation: metrics tested on hand-worked cases, and cross-validation.

mod cv;
mod metrics;

pub use cv::{
    cross_validate, cross_validate_with, group_folds, mean_std, sit_out, stratified_folds, CvReport,
};
pub use metrics::{evaluate, ClassScores, Report};
