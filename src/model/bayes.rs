//! Sparse multinomial naive Bayes: the fast second model, and a baseline to beat.

use linfa::dataset::DatasetBase;
use linfa::traits::{Fit, PredictInplace};
use linfa::ParamGuard;
use ndarray::Array1;
use serde::{Deserialize, Serialize};

use super::logistic::{argmax, softmax};
use crate::error::{Error, Result};
use crate::sparse::SparseRecords;

/// Naive Bayes hyperparameters (unchecked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NaiveBayesParams(ValidNaiveBayesParams);

/// Checked naive Bayes hyperparameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidNaiveBayesParams {
    /// Additive (Laplace/Lidstone) smoothing; defaults to 0.1.
    pub alpha: f64,
}

impl Default for NaiveBayesParams {
    fn default() -> Self {
        NaiveBayesParams(ValidNaiveBayesParams { alpha: 0.1 })
    }
}

impl NaiveBayesParams {
    /// Sets the smoothing (defaults to 0.1).
    pub fn alpha(mut self, alpha: f64) -> Self {
        self.0.alpha = alpha;
        self
    }
}

impl ParamGuard for NaiveBayesParams {
    type Checked = ValidNaiveBayesParams;
    type Error = Error;

    fn check_ref(&self) -> Result<&ValidNaiveBayesParams> {
        if !(self.0.alpha.is_finite() && self.0.alpha > 0.0) {
            return Err(Error::Param(format!(
                "alpha must be positive, got {}",
                self.0.alpha
            )));
        }
        Ok(&self.0)
    }

    fn check(self) -> Result<ValidNaiveBayesParams> {
        self.check_ref()?;
        Ok(self.0)
    }
}

/// A fitted multinomial naive Bayes model on sparse rows.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SparseNaiveBayes {
    /// Number of classes.
    pub n_classes: usize,
    /// Number of features.
    pub n_features: usize,
    /// log P(feature | class), feature-major: `feature_log_prob[j * k + c]` (f32, as the
    /// logistic model's weights).
    #[serde(with = "crate::model::file::f32_array")]
    pub feature_log_prob: Vec<f32>,
    /// log P(class).
    pub class_log_prior: Vec<f64>,
}

impl Fit<SparseRecords, Array1<usize>, Error> for ValidNaiveBayesParams {
    type Object = SparseNaiveBayes;

    fn fit(&self, dataset: &DatasetBase<SparseRecords, Array1<usize>>) -> Result<SparseNaiveBayes> {
        let x = &dataset.records;
        let y = &dataset.targets;
        let k = y.iter().copied().max().map_or(0, |m| m + 1);
        if k < 2 {
            return Err(Error::Training(
                "training data has a single label: there is nothing to learn".into(),
            ));
        }
        let d = x.ncols();
        let mut counts = vec![0.0f64; d * k];
        let mut class_n = vec![0.0f64; k];
        for i in 0..x.nrows() {
            let c = y[i];
            class_n[c] += 1.0;
            let (cols, vals) = x.row_slices(i);
            for (&j, &v) in cols.iter().zip(vals) {
                counts[j as usize * k + c] += v as f64;
            }
        }
        let mut totals = vec![0.0f64; k];
        for j in 0..d {
            for c in 0..k {
                totals[c] += counts[j * k + c];
            }
        }
        for j in 0..d {
            for c in 0..k {
                counts[j * k + c] =
                    ((counts[j * k + c] + self.alpha) / (totals[c] + self.alpha * d as f64)).ln();
            }
        }
        let n: f64 = class_n.iter().sum();
        let class_log_prior = class_n
            .iter()
            .map(|&c| {
                if c > 0.0 {
                    (c / n).ln()
                } else {
                    f64::NEG_INFINITY
                }
            })
            .collect();
        Ok(SparseNaiveBayes {
            n_classes: k,
            n_features: d,
            feature_log_prob: counts.iter().map(|&v| v as f32).collect(),
            class_log_prior,
        })
    }
}

impl SparseNaiveBayes {
    /// Joint log-likelihood of each class for one row.
    pub fn decision(&self, cols: &[u32], vals: &[f32]) -> Vec<f64> {
        self.decision_of(cols.iter().copied().zip(vals.iter().copied()))
    }

    /// [`decision`](Self::decision) of a row given as (column, value) pairs: the same sums in the
    /// same order, so the same numbers bit for bit.
    pub fn decision_of(&self, row: impl IntoIterator<Item = (u32, f32)>) -> Vec<f64> {
        let k = self.n_classes;
        let mut z = self.class_log_prior.clone();
        for (j, v) in row {
            if (j as usize) < self.n_features {
                for c in 0..k {
                    z[c] += v as f64 * self.feature_log_prob[j as usize * k + c] as f64;
                }
            }
        }
        z
    }

    /// Class probabilities of one row.
    pub fn proba(&self, cols: &[u32], vals: &[f32]) -> Vec<f64> {
        softmax(&self.decision(cols, vals))
    }
}

impl PredictInplace<SparseRecords, Array1<usize>> for SparseNaiveBayes {
    fn predict_inplace(&self, x: &SparseRecords, y: &mut Array1<usize>) {
        for i in 0..x.nrows() {
            let (c, v) = x.row_slices(i);
            y[i] = argmax(&self.decision(c, v));
        }
    }

    fn default_target(&self, x: &SparseRecords) -> Array1<usize> {
        Array1::zeros(x.nrows())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linfa::traits::Predict;

    #[test]
    fn hand_computed_probabilities() {
        // Two classes, two features; class 0 sees feature 0 twice, class 1 feature 1 once.
        let x = SparseRecords::from_rows(&[vec![(0, 2.0)], vec![(1, 1.0)]], 2);
        let ds = DatasetBase::new(x.clone(), Array1::from(vec![0usize, 1]));
        let m = NaiveBayesParams::default()
            .alpha(1.0)
            .check()
            .unwrap()
            .fit(&ds)
            .unwrap();
        // P(f0|c0) = (2+1)/(2+2) = 0.75; P(f0|c1) = (0+1)/(1+2) = 1/3.
        assert!((m.feature_log_prob[0] as f64 - 0.75f64.ln()).abs() < 1e-6);
        assert!((m.feature_log_prob[1] as f64 - (1.0f64 / 3.0).ln()).abs() < 1e-6);
        let pred: Array1<usize> = m.predict(&DatasetBase::new(x.clone(), ()));
        assert_eq!(pred, Array1::from(vec![0usize, 1]));
    }
}
