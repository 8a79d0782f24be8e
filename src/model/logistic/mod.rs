//! Sparse multinomial logistic regression (softmax, L2), fitted with L-BFGS or, for large data,
//! SGD.
//!
//! linfa's `MultiLogisticRegression` takes dense records only; on TF-IDF data (99.9 % zeros) it
//! needed two minutes where a sparse softmax takes one second (measured when this module was
//! written; `cargo bench` and `--classifier linfa-logistic` compare them today). This is
//! the same objective as scikit-learn's `LogisticRegression(multi_class="multinomial")`:
//! `C * sum_i s_i * CE_i + ||W||^2 / 2`, intercept unpenalised, here divided by `C * sum_i s_i` so
//! that tolerances do not depend on the data size. The gradient is summed over a fixed number of
//! row groups in a fixed order, so results are bit-identical for any thread count.
//!
//! The parts: [`params`] (checked hyperparameters), [`nb_scale`] (naive Bayes column scaling),
//! `objective` (loss and gradient), `lbfgs` and `sgd` (the solvers), `stream` (SGD fed one row at
//! a time, for `train --hash-bits`); this
//! file holds the fitted model and linfa's `Fit` and `Predict`.

mod lbfgs;
pub mod nb_scale;
mod objective;
pub mod params;
mod sgd;
mod stream;

use std::borrow::Cow;

use linfa::dataset::DatasetBase;
use linfa::traits::{Fit, PredictInplace};
use ndarray::{Array1, Array2};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::model::probability::{argmax, softmax};
pub(crate) use params::default_epochs;
pub use params::{ClassWeight, LogisticParams, Solver, ValidLogisticParams};
pub use stream::StreamingSgd;

use crate::error::{Error, Result};
use crate::sparse::SparseRecords;
use lbfgs::lbfgs;
use objective::Problem;
use sgd::sgd;

/// How the solver ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Convergence {
    /// Iterations run.
    pub iterations: usize,
    /// True when the tolerance was reached before the cap.
    pub converged: bool,
    /// Final value of the (scaled) objective.
    pub objective: f64,
    /// Final largest absolute gradient component.
    pub gradient: f64,
}

/// A fitted model: weights feature-major (`weights[j * k + c]`), one bias per class.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SparseLogisticRegression {
    /// Number of classes.
    pub n_classes: usize,
    /// Number of features.
    pub n_features: usize,
    /// Weights, feature-major: `weights[feature * n_classes + class]`. Stored as f32 (rounded
    /// once, right after fitting) so model files are half the size and a reloaded model is
    /// bit-identical to the one that was trained.
    #[serde(with = "crate::model::file::f32_array")]
    pub weights: Vec<f32>,
    /// Intercept of each class.
    pub bias: Vec<f64>,
    /// How fitting ended.
    pub convergence: Convergence,
}

impl Fit<SparseRecords, Array1<usize>, Error> for ValidLogisticParams {
    type Object = SparseLogisticRegression;

    fn fit(
        &self,
        dataset: &DatasetBase<SparseRecords, Array1<usize>>,
    ) -> Result<SparseLogisticRegression> {
        let y: Vec<usize> = dataset.targets.iter().copied().collect();
        self.fit_rows(Cow::Borrowed(&dataset.records), &y, dataset.weights())
    }
}

impl ValidLogisticParams {
    /// [`Fit::fit`] on a dataset it may consume: with naive Bayes scaling the rows are scaled in
    /// place instead of into a copy, so fitting holds one matrix, not two (at 100k news
    /// sentences the copy was 0.5 GB of a 1.3 GB peak). The model is the same bit for bit.
    pub fn fit_owned(
        &self,
        dataset: DatasetBase<SparseRecords, Array1<usize>>,
    ) -> Result<SparseLogisticRegression> {
        let y: Vec<usize> = dataset.targets.iter().copied().collect();
        let weights = dataset.weights().map(<[f32]>::to_vec);
        self.fit_rows(Cow::Owned(dataset.records), &y, weights.as_deref())
    }

    fn fit_rows(
        &self,
        x: Cow<'_, SparseRecords>,
        y: &[usize],
        sample: Option<&[f32]>,
    ) -> Result<SparseLogisticRegression> {
        if x.nrows() != y.len() {
            return Err(Error::Internal(format!(
                "{} rows but {} targets",
                x.nrows(),
                y.len()
            )));
        }
        let k = y.iter().copied().max().map_or(0, |m| m + 1);
        if k < 2 {
            return Err(Error::Training(
                "training data has a single label: there is nothing to learn".into(),
            ));
        }
        let cw = self.class_weight.weights(y, k);
        let s: Vec<f64> = y
            .iter()
            .enumerate()
            .map(|(i, &t)| cw[t] * sample.map_or(1.0, |w| w[i] as f64))
            .collect();
        let scale = self.nb_scale.then(|| nb_scale::column_scale(&x, y, k));
        let x = match (&scale, x) {
            (Some(scale), Cow::Owned(x)) => Cow::Owned(nb_scale::scale_in_place(x, scale)),
            (Some(scale), Cow::Borrowed(x)) => Cow::Owned(nb_scale::scaled(x, scale)),
            (None, x) => x,
        };
        let problem = Problem::new(x, y, s, k, self.c);
        let (w, convergence) = match self.solver {
            Solver::Lbfgs => {
                // Seeded and single-threaded, so the start (and the model) is the same for any
                // thread count.
                let start = (self.warm_epochs > 0)
                    .then(|| sgd::sgd_epochs(&problem, self.warm_epochs, self.seed));
                lbfgs(&problem, self, start)
            }
            Solver::Sgd => sgd(&problem, self),
        };
        let (weights, bias) = w.split_at(problem.d * k);
        // The model reads unscaled rows: a weight on a column scaled by s is s times that weight
        // on the column itself.
        let unscale = |i: usize| scale.as_ref().map_or(1.0, |s| s[i / k] as f64);
        Ok(SparseLogisticRegression {
            n_classes: k,
            n_features: problem.d,
            weights: weights
                .iter()
                .enumerate()
                .map(|(i, &w)| (w * unscale(i)) as f32)
                .collect(),
            bias: bias.to_vec(),
            convergence,
        })
    }
}

impl SparseLogisticRegression {
    /// Raw class scores (logits) of one sparse row.
    pub fn decision(&self, cols: &[u32], vals: &[f32]) -> Vec<f64> {
        self.decision_of(cols.iter().copied().zip(vals.iter().copied()))
    }

    /// [`decision`](Self::decision) of a row given as (column, value) pairs: the same sums in the
    /// same order, so the same numbers bit for bit.
    pub fn decision_of(&self, row: impl IntoIterator<Item = (u32, f32)>) -> Vec<f64> {
        match self.n_classes {
            2 => self.decision_in::<2>(row),
            3 => self.decision_in::<3>(row),
            4 => self.decision_in::<4>(row),
            5 => self.decision_in::<5>(row),
            _ => self.decision_any(row),
        }
    }

    /// [`decision_of`](Self::decision_of) with `K` classes known when compiled: the sums stay
    /// in registers. With `z` in memory each addition waited for the store of the one before
    /// (a sentence's few hundred features, one after another: scoring took 8 % of `classify`'s
    /// samples, 5.5 % after); here the classes' sums run side by side, each the same additions
    /// in the same order.
    fn decision_in<const K: usize>(&self, row: impl IntoIterator<Item = (u32, f32)>) -> Vec<f64> {
        let mut z = [0f64; K];
        z.copy_from_slice(&self.bias[..K]);
        for (j, v) in row {
            if (j as usize) < self.n_features {
                let w = &self.weights[j as usize * K..j as usize * K + K];
                for c in 0..K {
                    z[c] += v as f64 * w[c] as f64;
                }
            }
        }
        z.to_vec()
    }

    /// [`decision_of`](Self::decision_of) for any number of classes.
    fn decision_any(&self, row: impl IntoIterator<Item = (u32, f32)>) -> Vec<f64> {
        let k = self.n_classes;
        let mut z = self.bias.clone();
        for (j, v) in row {
            if (j as usize) < self.n_features {
                let row = &self.weights[j as usize * k..j as usize * k + k];
                for c in 0..k {
                    z[c] += v as f64 * row[c] as f64;
                }
            }
        }
        z
    }

    /// Class probabilities of every row.
    pub fn predict_proba(&self, x: &SparseRecords) -> Array2<f64> {
        let rows: Vec<Vec<f64>> = (0..x.nrows())
            .into_par_iter()
            .map(|i| {
                let (c, v) = x.row_slices(i);
                softmax(&self.decision(c, v))
            })
            .collect();
        let mut out = Array2::zeros((x.nrows(), self.n_classes));
        for (i, r) in rows.into_iter().enumerate() {
            for (c, p) in r.into_iter().enumerate() {
                out[[i, c]] = p;
            }
        }
        out
    }
}

impl PredictInplace<SparseRecords, Array1<usize>> for SparseLogisticRegression {
    fn predict_inplace(&self, x: &SparseRecords, y: &mut Array1<usize>) {
        let p = self.predict_proba(x);
        for (i, row) in p.outer_iter().enumerate() {
            y[i] = argmax(row.as_slice().unwrap_or(&row.to_vec()));
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
    use linfa::ParamGuard;

    #[test]
    fn scores_with_the_class_count_compiled_in_equal_the_general_ones_bit_for_bit() {
        for k in 1..=6 {
            let d = 50;
            let m = SparseLogisticRegression {
                n_classes: k,
                n_features: d,
                // Weights of all magnitudes, so that rounding differs with the order of sums.
                weights: (0..d * k)
                    .map(|i| ((i * 7919 % 1000) as f32 - 500.0) * 10f32.powi((i % 9) as i32 - 4))
                    .collect(),
                bias: (0..k).map(|c| c as f64 * 0.37 - 0.5).collect(),
                convergence: Convergence {
                    iterations: 0,
                    converged: true,
                    objective: 0.0,
                    gradient: 0.0,
                },
            };
            // Columns past the model's features are skipped by both.
            let row: Vec<(u32, f32)> = (0..60)
                .map(|i| ((i * 3 % 55) as u32, 0.1 + (i as f32).sqrt() * 1.7))
                .collect();
            let any = m.decision_any(row.iter().copied());
            let of = m.decision_of(row.iter().copied());
            assert_eq!(
                any.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                of.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                "{k} classes"
            );
        }
    }

    fn toy() -> (SparseRecords, Array1<usize>) {
        // Three separable classes on three features, plus a shared noise feature.
        let rows: Vec<Vec<(u32, f32)>> = (0..60)
            .map(|i| vec![((i % 3) as u32, 1.0), (3, 0.5)])
            .collect();
        (
            SparseRecords::from_rows(&rows, 4),
            Array1::from_iter((0..60).map(|i| i % 3)),
        )
    }

    #[test]
    fn learns_separable_classes_through_linfa_traits() {
        let (x, y) = toy();
        let ds = DatasetBase::new(x.clone(), y.clone());
        let model = LogisticParams::default().check().unwrap().fit(&ds).unwrap();
        assert!(model.convergence.converged, "{:?}", model.convergence);
        let pred: Array1<usize> = model.predict(&DatasetBase::new(x.clone(), ()));
        assert_eq!(pred, y);
        let p = model.predict_proba(&x);
        assert!((p.row(0).sum() - 1.0).abs() < 1e-9);
    }

    /// Overlapping classes (no feature decides alone), so the optimum has finite weights.
    fn noisy(n: usize, k: usize) -> (SparseRecords, Array1<usize>) {
        let rows: Vec<Vec<(u32, f32)>> = (0..n)
            .map(|i| {
                let c = (i % k) as u32;
                let other = ((i / k + 1) % k) as u32;
                let mut row = vec![(c, 0.8), (k as u32 + other, 0.6), (2 * k as u32, 0.3)];
                row.sort_by_key(|&(j, _)| j);
                row
            })
            .collect();
        let y = (0..n).map(|i| if i % 7 == 0 { (i + 1) % k } else { i % k });
        (
            SparseRecords::from_rows(&rows, 2 * k + 1),
            Array1::from_iter(y),
        )
    }

    #[test]
    fn nb_scaling_is_fitting_on_scaled_columns_with_the_scale_folded_into_the_weights() {
        let (x, y) = noisy(300, 3);
        let ds = DatasetBase::new(x.clone(), y.clone());
        let fit = |on: bool, ds: &DatasetBase<SparseRecords, Array1<usize>>| {
            LogisticParams::default()
                .tolerance(1e-8)
                .max_iter(1000)
                .nb_scale(on)
                .check()
                .unwrap()
                .fit(ds)
                .unwrap()
        };
        let nb = fit(true, &ds);
        let scale = nb_scale::column_scale(&x, y.as_slice().unwrap(), 3);
        let by_hand = fit(
            false,
            &DatasetBase::new(nb_scale::scaled(&x, &scale), y.clone()),
        );
        for j in 0..x.ncols() {
            for c in 0..3 {
                let folded = by_hand.weights[j * 3 + c] as f64 * scale[j] as f64;
                assert!(
                    (nb.weights[j * 3 + c] as f64 - folded).abs() < 1e-4,
                    "feature {j} class {c}"
                );
            }
        }
        // On unscaled rows the folded model scores as the hand-scaled one does on scaled rows.
        let (a, b) = (
            nb.predict_proba(&x),
            by_hand.predict_proba(&nb_scale::scaled(&x, &scale)),
        );
        assert!(a.iter().zip(b.iter()).all(|(p, q)| (p - q).abs() < 1e-5));
        // And it is another model than the plain one: the scale is not all ones.
        let plain = fit(false, &ds);
        assert!(plain
            .weights
            .iter()
            .zip(&nb.weights)
            .any(|(p, q)| (p - q).abs() > 1e-3));
    }

    #[test]
    fn fitting_an_owned_dataset_scales_in_place_and_gives_the_same_model() {
        let (x, y) = noisy(300, 3);
        let weights = Array1::from_iter((0..300).map(|i| if i % 5 == 0 { 2.0f32 } else { 1.0 }));
        let params = LogisticParams::default().nb_scale(true).check().unwrap();
        let ds = DatasetBase::new(x.clone(), y.clone()).with_weights(weights.clone());
        let borrowed = params.fit(&ds).unwrap();
        let owned = params
            .fit_owned(DatasetBase::new(x.clone(), y.clone()).with_weights(weights))
            .unwrap();
        assert_eq!(borrowed.weights, owned.weights);
        assert_eq!(borrowed.bias, owned.bias);
        // The sample weights reach the owned fit: without them it is another model.
        let unweighted = params.fit_owned(DatasetBase::new(x.clone(), y)).unwrap();
        assert_ne!(unweighted.weights, owned.weights);
    }

    #[test]
    fn sgd_reaches_the_lbfgs_optimum_and_depends_on_its_seed_only() {
        for k in [2, 3, 5] {
            let (x, y) = noisy(600, k);
            let ds = DatasetBase::new(x.clone(), y.clone());
            let exact = LogisticParams::default()
                .tolerance(1e-8)
                .max_iter(1000)
                .check()
                .unwrap()
                .fit(&ds)
                .unwrap();
            let sgd = |seed| {
                LogisticParams::default()
                    .solver(Solver::Sgd)
                    .epochs(20)
                    .seed(seed)
                    .check()
                    .unwrap()
                    .fit(&ds)
                    .unwrap()
            };
            let (a, b, other) = (sgd(7), sgd(7), sgd(8));
            let gap = a.convergence.objective - exact.convergence.objective;
            assert!(
                gap >= -1e-9 && gap < 0.01 * exact.convergence.objective,
                "k = {k}: SGD {} vs optimum {}",
                a.convergence.objective,
                exact.convergence.objective
            );
            let pa: Array1<usize> = a.predict(&DatasetBase::new(x.clone(), ()));
            let pe: Array1<usize> = exact.predict(&DatasetBase::new(x.clone(), ()));
            assert_eq!(pa, pe, "k = {k}");
            assert_eq!(a.weights, b.weights, "same seed, same bits");
            assert_ne!(a.weights, other.weights, "another seed, another order");
        }
    }

    #[test]
    fn the_warm_start_is_used_ends_as_low_and_is_the_same_for_any_thread_count() {
        let (x, y) = noisy(3000, 3);
        let ds = DatasetBase::new(x, y);
        let fit = |warm, threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| {
                    LogisticParams::default()
                        .warm_epochs(warm)
                        .check()
                        .unwrap()
                        .fit(&ds)
                        .unwrap()
                })
        };
        let cold = fit(0, 2);
        let (a, b) = (fit(3, 1), fit(3, 2));
        assert_eq!(a.weights, b.weights, "one thread or two, the same bits");
        assert_ne!(a.weights, cold.weights, "the warm start changes the path");
        let (fw, fc) = (a.convergence.objective, cold.convergence.objective);
        assert!(fw <= fc * 1.001, "warm {fw} vs cold {fc}");
        assert!(a.convergence.converged);
    }

    #[test]
    fn sgd_stays_stable_on_a_rare_class_with_balanced_weights() {
        // 1 % of the rows in class 1, so balanced weights give those rows 50 times the weight.
        // Their feature is also on as many rows of class 0, so the optimum is not separable.
        let n = 2000;
        let rows: Vec<Vec<(u32, f32)>> = (0..n)
            .map(|i| {
                let marked = i % 50 == 0;
                let noise = (i % 13) as u32 + 2;
                vec![(u32::from(marked), 0.7), (noise, 0.7)]
            })
            .collect();
        let x = SparseRecords::from_rows(&rows, 15);
        let y = Array1::from_iter((0..n).map(|i| usize::from(i % 100 == 0)));
        let ds = DatasetBase::new(x.clone(), y.clone());
        let fit = |solver| {
            LogisticParams::default()
                .solver(solver)
                .tolerance(1e-8)
                .max_iter(1000)
                .epochs(10)
                .check()
                .unwrap()
                .fit(&ds)
                .unwrap()
        };
        let (exact, sgd) = (fit(Solver::Lbfgs), fit(Solver::Sgd));
        let (fe, fs) = (exact.convergence.objective, sgd.convergence.objective);
        assert!(
            fs.is_finite() && fs - fe < 0.05 * fe,
            "SGD {fs} vs optimum {fe}"
        );
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let rows = vec![
            vec![(0, 1.0), (2, 0.3)],
            vec![(1, 0.7)],
            vec![(0, 0.2), (1, 0.4), (2, 1.0)],
            vec![(2, 0.9)],
        ];
        let x = SparseRecords::from_rows(&rows, 3);
        let y = [0usize, 1, 2, 1];
        let p = Problem::new(Cow::Borrowed(&x), &y, vec![1.0, 2.0, 1.0, 0.5], 3, 0.7);
        let m = 12;
        let w: Vec<f64> = (0..m).map(|i| (i as f64 * 0.37).sin()).collect();
        let mut g = vec![0.0; m];
        let mut buffers = p.buffers();
        p.eval(&w, &mut g, &mut buffers);
        for i in 0..m {
            let (mut a, mut b) = (w.clone(), w.clone());
            a[i] += 1e-6;
            b[i] -= 1e-6;
            let mut tmp = vec![0.0; m];
            let num =
                (p.eval(&a, &mut tmp, &mut buffers) - p.eval(&b, &mut tmp, &mut buffers)) / 2e-6;
            assert!(
                (num - g[i]).abs() < 1e-6,
                "component {i}: {num} vs {}",
                g[i]
            );
        }
    }

    #[test]
    fn the_specialised_kernels_give_the_generic_bits() {
        let rows: Vec<Vec<(u32, f32)>> = (0..40u32)
            .map(|i| vec![(i % 5, 0.5 + i as f32 * 0.01), (5 + i % 3, 0.25), (9, 1.0)])
            .collect();
        let x = SparseRecords::from_rows(&rows, 10);
        for k in 2..=6 {
            let y: Vec<usize> = (0..40).map(|i| i % k).collect();
            let p = Problem::new(
                Cow::Borrowed(&x),
                &y,
                (0..40).map(|i| 1.0 + i as f64 * 0.1).collect(),
                k,
                0.7,
            );
            let w: Vec<f64> = (0..11 * k).map(|i| (i as f64 * 0.37).sin()).collect();
            let (mut fast, mut slow) = (p.buffers().parts, p.buffers().parts);
            let fast_loss = match k {
                2 => p.partial_gradients::<2>(&w, &mut fast),
                3 => p.partial_gradients::<3>(&w, &mut fast),
                4 => p.partial_gradients::<4>(&w, &mut fast),
                5 => p.partial_gradients::<5>(&w, &mut fast),
                _ => p.partial_gradients::<0>(&w, &mut fast),
            };
            assert_eq!(fast_loss, p.partial_gradients::<0>(&w, &mut slow));
            assert_eq!(fast, slow, "k = {k}");
        }
    }

    /// The rows of a matrix whose column frequencies are far from its column order, so the
    /// solvers' renumbering moves most columns.
    fn skewed_rows(n: u32, d: u32) -> SparseRecords {
        let rows: Vec<Vec<(u32, f32)>> = (0..n)
            .map(|i| {
                let mut r: Vec<(u32, f32)> = (0..d)
                    .filter(|&j| (i * 7 + j * j) % (d - j + 1) == 0 || j == d - 1)
                    .map(|j| (j, 0.1 + ((i + j) % 9) as f32 * 0.13))
                    .collect();
                r.dedup_by_key(|e| e.0);
                r
            })
            .collect();
        SparseRecords::from_rows(&rows, d as usize)
    }

    #[test]
    fn renumbered_columns_give_the_bits_of_the_matrix_order() {
        // The objective and gradient as they were computed before the columns were renumbered:
        // row groups in the matrix's order, each weight read where the matrix puts it.
        let (n, d, k) = (37u32, 23u32, 3usize);
        let x = skewed_rows(n, d);
        let y: Vec<usize> = (0..n as usize).map(|i| (i * 5 / 3) % k).collect();
        let s: Vec<f64> = (0..n).map(|i| 0.5 + i as f64 * 0.07).collect();
        let c = 0.9;
        let p = Problem::new(Cow::Borrowed(&x), &y, s.clone(), k, c);
        let m = d as usize * k + k;
        let w: Vec<f64> = (0..m).map(|i| (i as f64 * 0.61).cos() * 0.3).collect();
        let (mut g, mut buffers) = (vec![0.0; m], p.buffers());
        let f = p.eval(&w, &mut g, &mut buffers);
        let s_sum: f64 = s.iter().sum();
        let group = (n as usize).div_ceil(objective::GROUPS);
        let mut parts = vec![vec![0.0; m]; objective::GROUPS];
        let mut losses = [0.0; objective::GROUPS];
        for (gi, part) in parts.iter_mut().enumerate() {
            for i in gi * group..((gi + 1) * group).min(n as usize) {
                let (cols, vals) = x.row_slices(i);
                let mut z = w[d as usize * k..].to_vec();
                for (&j, &v) in cols.iter().zip(vals) {
                    for (cl, zc) in z.iter_mut().enumerate() {
                        *zc += v as f64 * w[j as usize * k + cl];
                    }
                }
                losses[gi] += Problem::softmax_residual(y[i], s[i], &mut z);
                for (&j, &v) in cols.iter().zip(vals) {
                    for (cl, zc) in z.iter().enumerate() {
                        part[j as usize * k + cl] += v as f64 * zc;
                    }
                }
                for (cl, zc) in z.iter().enumerate() {
                    part[d as usize * k + cl] += zc;
                }
            }
        }
        let (scale, reg) = (1.0 / s_sum, 1.0 / (c * s_sum));
        let expected: Vec<f64> = (0..m)
            .map(|q| {
                let mut sum = 0.0;
                for part in &parts {
                    sum += part[q];
                }
                sum * scale + if q < d as usize * k { reg * w[q] } else { 0.0 }
            })
            .collect();
        let penalty: f64 = w[..d as usize * k].iter().map(|v| v * v).sum::<f64>() * 0.5 * reg;
        let expected_f = losses.iter().sum::<f64>() * scale + penalty;
        assert_eq!(f.to_bits(), expected_f.to_bits());
        assert_eq!(g, expected);
        assert!(buffers.parts.iter().flatten().all(|&v| v == 0.0));

        // SGD: the same steps on the rows as the matrix has them.
        let got = sgd::sgd_epochs(&p, 2, 5);
        let mut expected = vec![0.0f64; m];
        let mut a = 1.0f64;
        let mut order: Vec<u32> = (0..n).collect();
        let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(5);
        let total = (2 * n) as f64;
        let mut t = 0usize;
        let mut z = vec![0.0; k];
        for _ in 0..2 {
            rand::seq::SliceRandom::shuffle(&mut order[..], &mut rng);
            for &i in &order {
                let eta = sgd::SGD_STEP * (1.0 - t as f64 / total);
                t += 1;
                a /= 1.0 + eta / (c * s_sum);
                let u = n as f64 * s[i as usize] / s_sum;
                let (cols, vals) = x.row_slices(i as usize);
                let row = objective::SgdRow {
                    cols,
                    vals,
                    y: y[i as usize],
                };
                objective::sgd_row_step::<0>(&row, k, d as usize, &mut expected, a, eta, u, &mut z);
            }
        }
        expected[..d as usize * k].iter_mut().for_each(|v| *v *= a);
        assert_eq!(got, expected);
    }

    #[test]
    fn single_label_and_bad_params_are_refused() {
        let x = SparseRecords::from_rows(&[vec![(0, 1.0)], vec![(0, 1.0)]], 1);
        let ds = DatasetBase::new(x, Array1::from(vec![0usize, 0]));
        assert!(LogisticParams::default().check().unwrap().fit(&ds).is_err());
        assert!(LogisticParams::default().c(-1.0).check().is_err());
        assert!(LogisticParams::default().max_iter(0).check().is_err());
    }

    #[test]
    fn balanced_weights() {
        let w = ClassWeight::Balanced.weights(&[0, 0, 0, 1], 2);
        assert!((w[0] - 4.0 / 6.0).abs() < 1e-12 && (w[1] - 2.0).abs() < 1e-12);
    }
}
