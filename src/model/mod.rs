//! Models: the sparse classifiers (behind linfa's traits), linfa's dense ones, and the model file.

pub mod bayes;
pub mod dense;
pub mod file;
pub mod logistic;
pub mod sparse;

use linfa::dataset::DatasetBase;
use linfa::traits::Fit;
use linfa::ParamGuard;
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

pub use bayes::{NaiveBayesParams, SparseNaiveBayes};
pub use logistic::{
    argmax, softmax, ClassWeight, Convergence, LogisticParams, SparseLogisticRegression,
};
pub use sparse::SparseRecords;

use crate::error::Result;

/// Which classifier to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ClassifierKind {
    /// The project's sparse multinomial logistic regression (default).
    #[default]
    Logistic,
    /// Sparse multinomial naive Bayes.
    Nb,
    /// linfa-logistic's dense `MultiLogisticRegression` (small data only).
    LinfaLogistic,
    /// linfa-bayes's dense `MultinomialNb` (small data only).
    LinfaNb,
}

/// Hyperparameters of every classifier, as given on the command line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassifierParams {
    /// Which classifier.
    pub kind: ClassifierKind,
    /// Inverse regularisation strength of the logistic models; defaults to 3.
    pub c: f64,
    /// Class weighting of the sparse logistic model; defaults to balanced.
    pub class_weight: ClassWeight,
    /// Solver tolerance; defaults to 1e-3.
    pub tolerance: f64,
    /// Solver iteration cap; defaults to 300.
    pub max_iter: usize,
    /// Naive Bayes smoothing; defaults to 0.1.
    pub alpha: f64,
}

impl Default for ClassifierParams {
    fn default() -> Self {
        ClassifierParams {
            kind: ClassifierKind::Logistic,
            c: 3.0,
            class_weight: ClassWeight::Balanced,
            tolerance: 1e-3,
            max_iter: 300,
            alpha: 0.1,
        }
    }
}

/// A fitted classifier of any kind.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Classifier {
    /// Sparse logistic regression.
    Logistic(SparseLogisticRegression),
    /// Sparse naive Bayes.
    Nb(SparseNaiveBayes),
    /// linfa's dense logistic regression.
    LinfaLogistic {
        /// The linfa model.
        model: linfa_logistic::MultiFittedLogisticRegression<f64, usize>,
        /// Number of classes.
        n_classes: usize,
    },
    /// linfa's dense multinomial naive Bayes.
    LinfaNb {
        /// The linfa model.
        model: linfa_bayes::MultinomialNb<f64, usize>,
        /// Number of classes.
        n_classes: usize,
    },
}

impl Classifier {
    /// Fits the classifier chosen by `params` on rows `x` with class indices `y` (all of
    /// `0..n_classes` present) and optional per-example weights.
    pub fn fit(
        params: &ClassifierParams,
        x: SparseRecords,
        y: &[usize],
        n_classes: usize,
    ) -> Result<Self> {
        let targets = Array1::from(y.to_vec());
        Ok(match params.kind {
            ClassifierKind::Logistic => {
                let p = LogisticParams::default()
                    .c(params.c)
                    .class_weight(params.class_weight)
                    .tolerance(params.tolerance)
                    .max_iter(params.max_iter)
                    .check()?;
                Classifier::Logistic(p.fit(&DatasetBase::new(x, targets))?)
            }
            ClassifierKind::Nb => Classifier::Nb(
                NaiveBayesParams::default()
                    .alpha(params.alpha)
                    .check()?
                    .fit(&DatasetBase::new(x, targets))?,
            ),
            ClassifierKind::LinfaLogistic => Classifier::LinfaLogistic {
                model: dense::fit_linfa_logistic(&x, y, params.c, params.max_iter)?,
                n_classes,
            },
            ClassifierKind::LinfaNb => Classifier::LinfaNb {
                model: dense::fit_linfa_nb(&x, y, params.alpha)?,
                n_classes,
            },
        })
    }

    /// Class probabilities of every row, columns in class-index order.
    pub fn predict_proba(&self, x: &SparseRecords) -> Result<Array2<f64>> {
        match self {
            Classifier::Logistic(m) => Ok(m.predict_proba(x)),
            Classifier::Nb(m) => {
                let mut out = Array2::zeros((x.nrows(), m.n_classes));
                for i in 0..x.nrows() {
                    let (c, v) = x.row_slices(i);
                    for (k, p) in m.proba(c, v).into_iter().enumerate() {
                        out[[i, k]] = p;
                    }
                }
                Ok(out)
            }
            Classifier::LinfaLogistic { model, n_classes } => {
                dense::linfa_logistic_proba(model, x, *n_classes)
            }
            Classifier::LinfaNb { model, n_classes } => dense::linfa_nb_proba(model, x, *n_classes),
        }
    }

    /// Per-class weight of every feature and the bias, for models that have them (explanations).
    pub fn linear_weights(&self) -> Option<(&[f32], &[f64], usize)> {
        match self {
            Classifier::Logistic(m) => Some((&m.weights, &m.bias, m.n_classes)),
            Classifier::Nb(m) => Some((&m.feature_log_prob, &m.class_log_prior, m.n_classes)),
            _ => None,
        }
    }

    /// The solver report, for models fitted iteratively by this crate.
    pub fn convergence(&self) -> Option<&Convergence> {
        match self {
            Classifier::Logistic(m) => Some(&m.convergence),
            _ => None,
        }
    }

    /// Number of features the classifier expects.
    pub fn n_features(&self) -> Option<usize> {
        match self {
            Classifier::Logistic(m) => Some(m.n_features),
            Classifier::Nb(m) => Some(m.n_features),
            _ => None,
        }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        match self {
            Classifier::Logistic(m) => m.n_classes,
            Classifier::Nb(m) => m.n_classes,
            Classifier::LinfaLogistic { n_classes, .. } | Classifier::LinfaNb { n_classes, .. } => {
                *n_classes
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sparse logistic model and linfa's dense `MultiLogisticRegression` minimise the same
    /// objective (linfa's alpha = 1 / C, no class weights), so their probabilities must agree.
    #[test]
    fn sparse_logistic_agrees_with_linfa() {
        let rows: Vec<Vec<(u32, f32)>> = (0..45)
            .map(|i| {
                let c = (i % 3) as u32;
                let noise = ((i * 7) % 5) as u32 + 3;
                let mut row = vec![(c, 1.0), (noise, 0.6), (((c + 1) % 3), 0.2)];
                row.sort_by_key(|&(j, _)| j);
                row
            })
            .collect();
        let x = SparseRecords::from_rows(&rows, 8);
        let y: Vec<usize> = (0..45).map(|i| i % 3).collect();
        let params = ClassifierParams {
            c: 1.0,
            class_weight: ClassWeight::None,
            tolerance: 1e-8,
            max_iter: 1000,
            ..Default::default()
        };
        let ours = Classifier::fit(&params, x.clone(), &y, 3)
            .unwrap()
            .predict_proba(&x)
            .unwrap();
        let linfa = Classifier::fit(
            &ClassifierParams {
                kind: ClassifierKind::LinfaLogistic,
                ..params
            },
            x.clone(),
            &y,
            3,
        )
        .unwrap()
        .predict_proba(&x)
        .unwrap();
        let diff = (&ours - &linfa)
            .mapv(f64::abs)
            .fold(0.0f64, |a, &b| a.max(b));
        assert!(diff < 1e-3, "largest probability difference {diff}");
    }
}
