//! The SGD solver fed one row at a time, for training on data that is never all in memory
//! (`train --hash-bits`): the caller streams the rows of each epoch in its own (shuffled) order.

use super::objective::{sgd_row_step, SgdRow};
use super::params::ValidLogisticParams;
use super::sgd::SGD_STEP;
use super::{Convergence, SparseLogisticRegression};
use crate::error::{Error, Result};

/// Stochastic gradient descent over rows given one by one, with the in-memory solver's objective,
/// step schedule and update (`sgd`): the mean over rows of `u_i * CE_i + ||W||^2 / (2 C sum_s)`,
/// a step decaying linearly from [`SGD_STEP`] to zero over `epochs * n` rows, weights kept as
/// `a * v`. The result depends on the order of the rows only.
pub struct StreamingSgd {
    k: usize,
    d: usize,
    w: Vec<f64>,
    a: f64,
    lambda: f64,
    /// Each class's row weight `u = n s_c / sum_s`.
    u: Vec<f64>,
    n: usize,
    epochs: usize,
    epoch: usize,
    t: usize,
    z: Vec<f64>,
    /// In the last epoch: the rows' summed weighted loss and gradient, each at the weights the
    /// row met (Vowpal Wabbit's progressive loss), for the convergence report.
    loss: f64,
    gradient: Vec<f64>,
}

impl StreamingSgd {
    /// A solver for `d` features and the classes whose training rows number `counts` (every
    /// class present), fitted in `params.epochs` epochs of `sum(counts)` rows each.
    pub fn new(params: &ValidLogisticParams, d: usize, counts: &[usize]) -> Result<Self> {
        let k = counts.len();
        if k < 2 || counts.contains(&0) {
            return Err(Error::Internal(format!(
                "a streaming fit needs rows of at least two classes, got {counts:?}"
            )));
        }
        let n: usize = counts.iter().sum();
        let cw = params.class_weight.weights_of_counts(counts);
        let s_sum: f64 = counts.iter().zip(&cw).map(|(&c, w)| c as f64 * w).sum();
        Ok(StreamingSgd {
            k,
            d,
            w: vec![0.0; d * k + k],
            a: 1.0,
            lambda: 1.0 / (params.c * s_sum),
            u: cw.iter().map(|w| n as f64 * w / s_sum).collect(),
            n,
            epochs: params.epochs,
            epoch: 0,
            t: 0,
            z: vec![0.0; k],
            loss: 0.0,
            gradient: Vec::new(),
        })
    }

    /// Starts the next epoch; the last one also measures the loss and gradient it meets.
    pub fn start_epoch(&mut self) {
        self.epoch += 1;
        if self.epoch == self.epochs {
            self.loss = 0.0;
            self.gradient = vec![0.0; self.w.len()];
        }
    }

    /// One step on a row (`cols` sorted and below `d`) of class `y`.
    pub fn step(&mut self, cols: &[u32], vals: &[f32], y: usize) {
        let (k, d) = (self.k, self.d);
        // Past the planned `epochs * n` rows (a file that grew since it was counted) the step
        // stays at its last value rather than turning negative.
        let total = (self.epochs * self.n) as f64;
        let eta = SGD_STEP * (1.0 - self.t as f64 / total).max(1.0 / total);
        self.t += 1;
        self.a /= 1.0 + eta * self.lambda;
        let u = self.u[y];
        let row = SgdRow { cols, vals, y };
        let w = &mut self.w;
        let z = &mut self.z;
        let loss = match k {
            2 => sgd_row_step::<2>(&row, k, d, w, self.a, eta, u, z),
            3 => sgd_row_step::<3>(&row, k, d, w, self.a, eta, u, z),
            4 => sgd_row_step::<4>(&row, k, d, w, self.a, eta, u, z),
            _ => sgd_row_step::<0>(&row, k, d, w, self.a, eta, u, z),
        };
        if !self.gradient.is_empty() {
            self.loss += u * loss;
            for (&j, &v) in cols.iter().zip(vals) {
                let g = &mut self.gradient[j as usize * k..j as usize * k + k];
                for c in 0..k {
                    g[c] += u * v as f64 * self.z[c];
                }
            }
            for c in 0..k {
                self.gradient[d * k + c] += u * self.z[c];
            }
        }
        if self.a < 1e-9 {
            self.w[..d * k].iter_mut().for_each(|v| *v *= self.a);
            self.a = 1.0;
        }
    }

    /// The fitted model. Its convergence report holds the last epoch's progressive objective and
    /// the largest component of its mean gradient (each row's at the weights it met): no pass
    /// over the data is left to evaluate them at the final weights.
    pub fn finish(mut self) -> SparseLogisticRegression {
        let (k, d) = (self.k, self.d);
        let a = self.a;
        self.w[..d * k].iter_mut().for_each(|v| *v *= a);
        let n = self.n as f64;
        let penalty: f64 = self.w[..d * k].iter().map(|v| v * v).sum::<f64>() * 0.5 * self.lambda;
        let gradient = self
            .gradient
            .iter()
            .enumerate()
            .map(|(p, g)| {
                g / n
                    + if p < d * k {
                        self.lambda * self.w[p]
                    } else {
                        0.0
                    }
            })
            .fold(0.0f64, |m, g| m.max(g.abs()));
        let (weights, bias) = self.w.split_at(d * k);
        SparseLogisticRegression {
            n_classes: k,
            n_features: d,
            weights: weights.iter().map(|&w| w as f32).collect(),
            bias: bias.to_vec(),
            convergence: Convergence {
                iterations: self.epochs,
                // SGD runs its epochs; it has no stopping test to fail.
                converged: true,
                objective: self.loss / n + penalty,
                gradient,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClassWeight, LogisticParams, Solver};
    use crate::sparse::SparseRecords;
    use linfa::dataset::DatasetBase;
    use linfa::traits::Fit;
    use linfa::ParamGuard;
    use ndarray::Array1;

    #[test]
    fn rows_streamed_in_the_in_memory_order_give_the_in_memory_model() {
        // The in-memory solver shuffles with ChaCha8 from the seed; the same order streamed
        // must give the same bits.
        use rand::seq::SliceRandom;
        use rand::SeedableRng;
        let (n, k) = (300, 3);
        let rows: Vec<Vec<(u32, f32)>> = (0..n)
            .map(|i| {
                let mut r = vec![((i % k) as u32, 0.8), (3 + (i % 5) as u32, 0.6)];
                r.sort_by_key(|&(j, _)| j);
                r
            })
            .collect();
        let y: Vec<usize> = (0..n)
            .map(|i| if i % 7 == 0 { (i + 1) % k } else { i % k })
            .collect();
        let x = SparseRecords::from_rows(&rows, 8);
        let params = LogisticParams::default()
            .solver(Solver::Sgd)
            .epochs(3)
            .seed(5)
            .class_weight(ClassWeight::Balanced)
            .check()
            .unwrap();
        let memory = params
            .fit(&DatasetBase::new(x, Array1::from(y.clone())))
            .unwrap();
        let mut counts = vec![0; k];
        y.iter().for_each(|&c| counts[c] += 1);
        let mut sgd = StreamingSgd::new(&params, 8, &counts).unwrap();
        let mut order: Vec<u32> = (0..n as u32).collect();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        for _ in 0..3 {
            order.shuffle(&mut rng);
            sgd.start_epoch();
            for &i in &order {
                let (c, v): (Vec<u32>, Vec<f32>) = rows[i as usize].iter().copied().unzip();
                sgd.step(&c, &v, y[i as usize]);
            }
        }
        let streamed = sgd.finish();
        // The one difference: the in-memory solver sums the class weights row by row, this one
        // as count x weight, so sums of the weights differ in their last bits.
        assert_eq!(streamed.weights, memory.weights);
        for (a, b) in streamed.bias.iter().zip(&memory.bias) {
            assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        }
        // The progressive objective of the last epoch is near the exact one at the end.
        let (p, e) = (streamed.convergence.objective, memory.convergence.objective);
        assert!((p - e).abs() < 0.1 * e, "progressive {p} vs exact {e}");
        assert!(streamed.convergence.gradient.is_finite());
    }

    #[test]
    fn a_missing_class_is_refused() {
        let params = LogisticParams::default().check().unwrap();
        assert!(StreamingSgd::new(&params, 4, &[3, 0, 2]).is_err());
        assert!(StreamingSgd::new(&params, 4, &[3]).is_err());
    }
}
