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

use linfa::dataset::DatasetBase;
use linfa::traits::{Fit, PredictInplace};
use linfa::ParamGuard;
use ndarray::{Array1, Array2};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::sparse::SparseRecords;
use crate::error::{Error, Result};

/// How examples of each class are weighted in the loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum ClassWeight {
    /// Weight n / (k * n_c), as scikit-learn's `class_weight="balanced"`.
    #[default]
    Balanced,
    /// Every example weighs 1.
    None,
}

impl ClassWeight {
    /// The weight of each class given the class of every example.
    pub fn weights(self, targets: &[usize], n_classes: usize) -> Vec<f64> {
        match self {
            ClassWeight::None => vec![1.0; n_classes],
            ClassWeight::Balanced => {
                let mut counts = vec![0usize; n_classes];
                for &t in targets {
                    counts[t] += 1;
                }
                let present = counts.iter().filter(|&&c| c > 0).count().max(1);
                counts
                    .iter()
                    .map(|&c| {
                        if c == 0 {
                            0.0
                        } else {
                            targets.len() as f64 / (present as f64 * c as f64)
                        }
                    })
                    .collect()
            }
        }
    }
}

/// Hyperparameters (unchecked); see [`LogisticParams::check`] through linfa's `ParamGuard`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogisticParams(ValidLogisticParams);

/// Checked hyperparameters: these can fit a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidLogisticParams {
    /// Inverse regularisation strength; defaults to 3.0.
    pub c: f64,
    /// Class weighting; defaults to balanced.
    pub class_weight: ClassWeight,
    /// Stop when the largest gradient component falls below this; defaults to 1e-3 (tighter moved no cross-validated score, see docs/defaults.md).
    pub tolerance: f64,
    /// Iteration cap; defaults to 300. Reaching it is reported, never silent.
    pub max_iter: usize,
    /// The optimiser; defaults to L-BFGS.
    #[serde(default)]
    pub solver: Solver,
    /// Passes over the data of the SGD solver; defaults to 5.
    #[serde(default = "default_epochs")]
    pub epochs: usize,
    /// Seed of the SGD solver's example order.
    #[serde(default)]
    pub seed: u64,
}

/// The SGD solver's default number of epochs (fastText's too).
pub(crate) fn default_epochs() -> usize {
    5
}

/// How the weights are fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Solver {
    /// L-BFGS on the whole objective, to the gradient tolerance: the exact optimum of the
    /// objective scikit-learn's `lbfgs` solver minimises, in a few dozen passes on up to some
    /// hundred thousand examples. Gradients are computed in parallel.
    #[default]
    Lbfgs,
    /// Stochastic gradient descent, a fixed number of epochs (`epochs`) with a linearly decaying
    /// step, in one thread: an epoch costs about two L-BFGS iterations' time. At a million
    /// sentences, where the regularisation (1 / (C n)) is so weak that L-BFGS crawls, 10 epochs
    /// got closer to the optimum than 300 L-BFGS iterations, and 5 nearly as close.
    Sgd,
}

impl Default for LogisticParams {
    fn default() -> Self {
        LogisticParams(ValidLogisticParams {
            c: 3.0,
            class_weight: ClassWeight::Balanced,
            tolerance: 1e-3,
            max_iter: 300,
            solver: Solver::Lbfgs,
            epochs: default_epochs(),
            seed: 0,
        })
    }
}

impl LogisticParams {
    /// Sets the inverse regularisation strength C (defaults to 3.0).
    pub fn c(mut self, c: f64) -> Self {
        self.0.c = c;
        self
    }

    /// Sets the class weighting (defaults to balanced).
    pub fn class_weight(mut self, w: ClassWeight) -> Self {
        self.0.class_weight = w;
        self
    }

    /// Sets the gradient tolerance (defaults to 1e-3).
    pub fn tolerance(mut self, t: f64) -> Self {
        self.0.tolerance = t;
        self
    }

    /// Sets the iteration cap (defaults to 300).
    pub fn max_iter(mut self, n: usize) -> Self {
        self.0.max_iter = n;
        self
    }

    /// Sets the solver (defaults to L-BFGS).
    pub fn solver(mut self, solver: Solver) -> Self {
        self.0.solver = solver;
        self
    }

    /// Sets the SGD solver's number of epochs (defaults to 5).
    pub fn epochs(mut self, epochs: usize) -> Self {
        self.0.epochs = epochs;
        self
    }

    /// Sets the seed of the SGD solver's example order.
    pub fn seed(mut self, seed: u64) -> Self {
        self.0.seed = seed;
        self
    }
}

impl ParamGuard for LogisticParams {
    type Checked = ValidLogisticParams;
    type Error = Error;

    fn check_ref(&self) -> Result<&ValidLogisticParams> {
        let p = &self.0;
        if !(p.c.is_finite() && p.c > 0.0) {
            return Err(Error::Param(format!(
                "C must be positive and finite, got {}",
                p.c
            )));
        }
        if !(p.tolerance.is_finite() && p.tolerance > 0.0) {
            return Err(Error::Param(format!(
                "tolerance must be positive, got {}",
                p.tolerance
            )));
        }
        if p.max_iter == 0 {
            return Err(Error::Param("max_iter must be at least 1".into()));
        }
        if p.epochs == 0 {
            return Err(Error::Param("epochs must be at least 1".into()));
        }
        Ok(p)
    }

    fn check(self) -> Result<ValidLogisticParams> {
        self.check_ref()?;
        Ok(self.0)
    }
}

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
    pub weights: Vec<f32>,
    /// Intercept of each class.
    pub bias: Vec<f64>,
    /// How fitting ended.
    pub convergence: Convergence,
}

/// Relative decrease of the objective below which the solver stops: scipy's L-BFGS-B default
/// (factr 1e7 times machine epsilon), which scikit-learn's `lbfgs` solver inherits.
const FTOL: f64 = 2.220446049250313e-9;

/// Row groups for the gradient sum: fixed, so the summation order never depends on threads.
const GROUPS: usize = 4;

struct Problem<'a> {
    x: &'a SparseRecords,
    y: &'a [usize],
    s: Vec<f64>,
    s_sum: f64,
    k: usize,
    d: usize,
    c: f64,
}

impl<'a> Problem<'a> {
    fn new(x: &'a SparseRecords, y: &'a [usize], s: Vec<f64>, k: usize, c: f64) -> Self {
        let s_sum = s.iter().sum();
        Problem {
            x,
            y,
            s,
            s_sum,
            k,
            d: x.ncols(),
            c,
        }
    }

    /// The partial gradients of the row groups: allocated once per fit, reused by every
    /// [`Problem::eval`].
    fn buffers(&self) -> Vec<Vec<f64>> {
        vec![vec![0.0; self.d * self.k + self.k]; GROUPS]
    }

    /// Objective and gradient at `w` (weights then biases).
    fn eval(&self, w: &[f64], grad: &mut [f64], buffers: &mut [Vec<f64>]) -> f64 {
        let (k, d) = (self.k, self.d);
        let losses: Vec<f64> = match k {
            2 => self.partial_gradients::<2>(w, buffers),
            3 => self.partial_gradients::<3>(w, buffers),
            4 => self.partial_gradients::<4>(w, buffers),
            5 => self.partial_gradients::<5>(w, buffers),
            _ => self.partial_gradients::<0>(w, buffers),
        };
        let scale = 1.0 / self.s_sum;
        let reg = 1.0 / (self.c * self.s_sum);
        // Each buffer is read once, in blocks, and zeroed as it is read, so the next evaluation
        // starts from zeros without a pass of its own over the group buffers.
        const BLOCK: usize = 1 << 14;
        let mut blocks: Vec<Vec<&mut [f64]>> = grad.chunks(BLOCK).map(|_| Vec::new()).collect();
        for b in buffers.iter_mut() {
            for (slot, chunk) in blocks.iter_mut().zip(b.chunks_mut(BLOCK)) {
                slot.push(chunk);
            }
        }
        grad.par_chunks_mut(BLOCK)
            .zip(blocks.par_iter_mut())
            .enumerate()
            .for_each(|(bi, (g, parts))| {
                for (o, g) in g.iter_mut().enumerate() {
                    let mut sum = 0.0;
                    for part in parts.iter_mut() {
                        sum += part[o];
                        part[o] = 0.0;
                    }
                    let p = bi * BLOCK + o;
                    *g = sum * scale + if p < d * k { reg * w[p] } else { 0.0 };
                }
            });
        let penalty: f64 = w[..d * k].iter().map(|v| v * v).sum::<f64>() * 0.5 * reg;
        losses.iter().sum::<f64>() * scale + penalty
    }

    /// Fills each group's buffer with the gradient of its rows' losses and returns the groups'
    /// losses. `K` is the number of classes, or 0 for "read it from `self.k`": a constant lets the
    /// compiler keep a row's scores in registers instead of a heap vector (twice as fast at k = 3).
    fn partial_gradients<const K: usize>(&self, w: &[f64], buffers: &mut [Vec<f64>]) -> Vec<f64> {
        let n = self.x.nrows();
        let group = n.div_ceil(GROUPS).max(1);
        let (cols, vals) = (self.x.0.indices(), self.x.0.data());
        buffers
            .par_iter_mut()
            .enumerate()
            .map(|(g, buf)| {
                // `eval` hands the buffers back zeroed.
                debug_assert!(buf.iter().all(|&v| v == 0.0));
                let mut loss = 0.0;
                let mut z = vec![0.0f64; self.k];
                for i in (g * group)..((g + 1) * group).min(n) {
                    let range = self.x.row_range(i);
                    let (cols, vals) = (&cols[range.clone()], &vals[range]);
                    loss += if K == 0 {
                        self.row_dynamic(i, cols, vals, w, buf, &mut z)
                    } else {
                        self.row::<K>(i, cols, vals, w, buf)
                    };
                }
                loss
            })
            .collect()
    }

    /// Adds the gradient of row `i`'s loss to `buf` and returns the loss, for `K` classes. The
    /// operations and their order are those of [`Problem::row_dynamic`], so both give the same
    /// bits.
    #[inline(always)]
    fn row<const K: usize>(
        &self,
        i: usize,
        cols: &[u32],
        vals: &[f32],
        w: &[f64],
        buf: &mut [f64],
    ) -> f64 {
        let d = self.d;
        let mut z = [0.0f64; K];
        z.copy_from_slice(&w[d * K..d * K + K]);
        for (&j, &v) in cols.iter().zip(vals) {
            let row: &[f64; K] = w[j as usize * K..j as usize * K + K]
                .try_into()
                .expect("K weights");
            for c in 0..K {
                z[c] += v as f64 * row[c];
            }
        }
        let loss = Self::softmax_residual(self.y[i], self.s[i], &mut z);
        for (&j, &v) in cols.iter().zip(vals) {
            let row: &mut [f64; K] = (&mut buf[j as usize * K..j as usize * K + K])
                .try_into()
                .expect("K weights");
            for c in 0..K {
                row[c] += v as f64 * z[c];
            }
        }
        for c in 0..K {
            buf[d * K + c] += z[c];
        }
        loss
    }

    /// [`Problem::row`] for any number of classes.
    fn row_dynamic(
        &self,
        i: usize,
        cols: &[u32],
        vals: &[f32],
        w: &[f64],
        buf: &mut [f64],
        z: &mut [f64],
    ) -> f64 {
        let (k, d) = (self.k, self.d);
        z.copy_from_slice(&w[d * k..d * k + k]);
        for (&j, &v) in cols.iter().zip(vals) {
            let row = &w[j as usize * k..j as usize * k + k];
            for c in 0..k {
                z[c] += v as f64 * row[c];
            }
        }
        let loss = Self::softmax_residual(self.y[i], self.s[i], z);
        for (&j, &v) in cols.iter().zip(vals) {
            let row = &mut buf[j as usize * k..j as usize * k + k];
            for c in 0..k {
                row[c] += v as f64 * z[c];
            }
        }
        for c in 0..k {
            buf[d * k + c] += z[c];
        }
        loss
    }

    /// One SGD step on row `i` (weights `a * w`, biases at the end of `w`, step `eta`, row
    /// weight `u`), the loss part only (the L2 shrink is `a`). `K` as in [`Problem::row`]; `z`
    /// is scratch for `K = 0`.
    #[inline(always)]
    fn sgd_step<const K: usize>(
        &self,
        i: usize,
        w: &mut [f64],
        a: f64,
        eta: f64,
        u: f64,
        z: &mut [f64],
    ) {
        let (k, d) = (if K == 0 { self.k } else { K }, self.d);
        let range = self.x.row_range(i);
        let (cols, vals) = (&self.x.0.indices()[range.clone()], &self.x.0.data()[range]);
        let mut fixed = [0.0f64; 8];
        let z: &mut [f64] = if K == 0 { z } else { &mut fixed[..K] };
        z.iter_mut().for_each(|v| *v = 0.0);
        // The bias is a feature of value 1.
        let mut norm2 = 1.0;
        for (&j, &v) in cols.iter().zip(vals) {
            let row = &w[j as usize * k..j as usize * k + k];
            for c in 0..k {
                z[c] += v as f64 * row[c];
            }
            norm2 += v as f64 * v as f64;
        }
        for c in 0..k {
            z[c] = a * z[c] + w[d * k + c];
        }
        // Unweighted residuals: the row weight `u` goes into the capped step below.
        Self::softmax_residual(self.y[i], 1.0, z);
        // The step moves this row's scores by `eta * u * norm2` times the residuals; the loss
        // has curvature at most 1/2 in the scores, so that factor must stay under 4 or the step
        // overshoots. A rare class under balanced weights has a large `u` (50 at 1 % of two
        // classes), hence the cap at 2.
        let eta = (eta * u).min(SGD_MAX_MOVE / norm2);
        let step = eta / a;
        for (&j, &v) in cols.iter().zip(vals) {
            let row = &mut w[j as usize * k..j as usize * k + k];
            for c in 0..k {
                row[c] -= step * v as f64 * z[c];
            }
        }
        for c in 0..k {
            w[d * k + c] -= eta * z[c];
        }
    }

    /// Turns scores `z` of a row of class `yi` into its residuals (probability minus one-hot)
    /// times `si`, and returns its loss times `si`.
    #[inline(always)]
    fn softmax_residual(yi: usize, si: f64, z: &mut [f64]) -> f64 {
        let max = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let sum: f64 = z.iter().map(|v| (v - max).exp()).sum();
        let lse = max + sum.ln();
        let loss = si * (lse - z[yi]);
        for (c, zc) in z.iter_mut().enumerate() {
            *zc = si * ((*zc - lse).exp() - if c == yi { 1.0 } else { 0.0 });
        }
        loss
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// `a . b` with `a` stored as f32, summed in f64 in index order.
fn dot32(a: &[f32], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(&x, y)| x as f64 * y).sum()
}

fn max_abs(a: &[f64]) -> f64 {
    a.iter().fold(0.0, |m, v| m.max(v.abs()))
}

/// One stored L-BFGS correction pair: `s` = step, `y` = change of gradient, `rho` = 1 / s.y,
/// and s.y and y.y, kept for the initial scaling of the next direction.
struct Pair {
    s: Vec<f32>,
    y: Vec<f32>,
    rho: f64,
    sy: f64,
    yy: f64,
}

/// Fits the problem by stochastic gradient descent: `epochs` passes over the rows, each in a
/// new order drawn from `seed`, with a step that decays linearly from [`SGD_STEP`] to zero over
/// the whole run (as fastText's). One thread, so the result depends on the seed only.
///
/// The objective is the mean over rows of `u_i * CE_i + ||W||^2 / (2 C sum_s)` with
/// `u_i = n s_i / sum_s` (the same function L-BFGS minimises). The L2 step shrinks every weight,
/// so the weights are kept as `a * v`: the shrink changes the scalar `a` (as a proximal step,
/// `a / (1 + eta lambda)`, which stays positive for any step), and a row's update touches its own
/// features only (Bottou, "Stochastic Gradient Descent Tricks", 2012).
fn sgd(p: &Problem, params: &ValidLogisticParams) -> (Vec<f64>, Convergence) {
    use rand::seq::SliceRandom;
    use rand::SeedableRng;
    let (k, d, n) = (p.k, p.d, p.x.nrows());
    let lambda = 1.0 / (p.c * p.s_sum);
    let mut w = vec![0.0f64; d * k + k];
    let mut a = 1.0f64;
    let mut order: Vec<u32> = (0..n as u32).collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(params.seed);
    let total = (params.epochs * n) as f64;
    let mut t = 0usize;
    let mut z = vec![0.0f64; k];
    for _ in 0..params.epochs {
        order.shuffle(&mut rng);
        for &i in &order {
            let eta = SGD_STEP * (1.0 - t as f64 / total);
            t += 1;
            a /= 1.0 + eta * lambda;
            let u = n as f64 * p.s[i as usize] / p.s_sum;
            match k {
                2 => p.sgd_step::<2>(i as usize, &mut w, a, eta, u, &mut z),
                3 => p.sgd_step::<3>(i as usize, &mut w, a, eta, u, &mut z),
                4 => p.sgd_step::<4>(i as usize, &mut w, a, eta, u, &mut z),
                _ => p.sgd_step::<0>(i as usize, &mut w, a, eta, u, &mut z),
            }
            if a < 1e-9 {
                w[..d * k].iter_mut().for_each(|v| *v *= a);
                a = 1.0;
            }
        }
    }
    w[..d * k].iter_mut().for_each(|v| *v *= a);
    // One full evaluation, for the report: how far from the optimum the epochs ended.
    let mut g = vec![0.0; w.len()];
    let f = p.eval(&w, &mut g, &mut p.buffers());
    let convergence = Convergence {
        iterations: params.epochs,
        // SGD runs its epochs; it has no stopping test to fail.
        converged: true,
        objective: f,
        gradient: max_abs(&g),
    };
    (w, convergence)
}

/// The SGD solver's first step. Rows are L2-normalised per block, so a row's squared norm is
/// about the number of blocks it has features in (2-4 with unit block weights).
const SGD_STEP: f64 = 0.5;

/// The largest factor by which one SGD step moves a row's scores along its residuals (see
/// [`Problem::sgd_step`]).
const SGD_MAX_MOVE: f64 = 2.0;

/// Minimises the problem with L-BFGS (history 10) and a backtracking Armijo line search.
///
/// Each vector operation of the textbook two-loop recursion reads whole vectors of d * k
/// numbers; the loops below do the update of one step and the dot product of the next in one
/// pass, element by element in index order, so every number is the same as with separate
/// passes, with half the memory traffic. Vectors are allocated once.
fn lbfgs(p: &Problem, params: &ValidLogisticParams) -> (Vec<f64>, Convergence) {
    let m = p.d * p.k + p.k;
    let mut buffers = p.buffers();
    let mut w = vec![0.0; m];
    let mut g = vec![0.0; m];
    let mut f = p.eval(&w, &mut g, &mut buffers);
    let history = 10;
    // Oldest first; `spare` holds the vectors of a dropped or rejected pair, for reuse.
    let mut pairs: Vec<Pair> = Vec::with_capacity(history);
    let mut spare: Option<(Vec<f32>, Vec<f32>)> = None;
    let mut alpha = vec![0.0; history];
    let mut dir = vec![0.0; m];
    let mut w_new = vec![0.0; m];
    let mut g_new = vec![0.0; m];
    let mut iterations = 0;
    let mut converged = max_abs(&g) <= params.tolerance;
    while !converged && iterations < params.max_iter {
        iterations += 1;
        // Two-loop recursion: direction = -H g, built in `dir` (as q, then negated).
        dir.copy_from_slice(&g);
        let q = &mut dir;
        if let Some(last) = pairs.last() {
            alpha[pairs.len() - 1] = last.rho * dot32(&last.s, q);
        }
        for i in (0..pairs.len()).rev() {
            let (a, y) = (alpha[i], &pairs[i].y);
            match i.checked_sub(1).map(|h| &pairs[h]) {
                Some(next) => {
                    let mut sq = -0.0;
                    for ((q, &y), &s) in q.iter_mut().zip(y).zip(&next.s) {
                        *q -= a * y as f64;
                        sq += s as f64 * *q;
                    }
                    alpha[i - 1] = next.rho * sq;
                }
                None => q.iter_mut().zip(y).for_each(|(q, &y)| *q -= a * y as f64),
            }
        }
        let gamma = match pairs.last() {
            Some(last) => last.sy / last.yy,
            None => 1.0 / max_abs(&g).max(1e-12),
        };
        match pairs.first() {
            Some(first) => {
                let mut yq = -0.0;
                for (q, &y) in q.iter_mut().zip(&first.y) {
                    *q *= gamma;
                    yq += y as f64 * *q;
                }
                let mut beta = first.rho * yq;
                for i in 0..pairs.len() {
                    let (a, s) = (alpha[i], &pairs[i].s);
                    match pairs.get(i + 1) {
                        Some(next) => {
                            let mut yq = -0.0;
                            for ((q, &s), &y) in q.iter_mut().zip(s).zip(&next.y) {
                                *q += s as f64 * (a - beta);
                                yq += y as f64 * *q;
                            }
                            beta = next.rho * yq;
                        }
                        None => q
                            .iter_mut()
                            .zip(s)
                            .for_each(|(q, &s)| *q += s as f64 * (a - beta)),
                    }
                }
            }
            None => q.iter_mut().for_each(|v| *v *= gamma),
        }
        let mut slope = -0.0;
        for (d, g) in dir.iter_mut().zip(&g) {
            *d = -*d;
            slope += g * *d;
        }
        if slope >= 0.0 {
            // Not a descent direction (numerical trouble): restart from steepest descent.
            if let Some(p) = pairs.pop() {
                spare = Some((p.s, p.y));
            }
            pairs.clear();
            slope = -dot(&g, &g);
            let scale = max_abs(&g).max(1e-12);
            dir.iter_mut().zip(&g).for_each(|(d, g)| *d = -g / scale);
        }
        let slope = if slope >= 0.0 { -dot(&g, &g) } else { slope };
        let mut step = 1.0;
        let mut f_new;
        let mut accepted = false;
        for _ in 0..40 {
            w_new
                .iter_mut()
                .zip(&w)
                .zip(&dir)
                .for_each(|((n, w), d)| *n = w + step * d);
            f_new = p.eval(&w_new, &mut g_new, &mut buffers);
            if f_new <= f + 1e-4 * step * slope {
                accepted = true;
                let (mut s, mut y) = spare
                    .take()
                    .unwrap_or_else(|| (vec![0.0f32; m], vec![0.0f32; m]));
                let (mut sy, mut yy) = (-0.0, -0.0);
                for ((((s, y), wn), w), (gn, g)) in s
                    .iter_mut()
                    .zip(y.iter_mut())
                    .zip(&w_new)
                    .zip(&w)
                    .zip(g_new.iter().zip(&g))
                {
                    // Stored as f32 (half the memory of the ten pairs, the solver's largest
                    // part); the products use the stored values, so rho, s.y and y.y agree
                    // with the vectors the recursion reads.
                    *s = (wn - w) as f32;
                    *y = (gn - g) as f32;
                    let (s, y) = (*s as f64, *y as f64);
                    sy += s * y;
                    yy += y * y;
                }
                if sy > 1e-12 {
                    if pairs.len() == history {
                        let oldest = pairs.remove(0);
                        spare = Some((oldest.s, oldest.y));
                    }
                    pairs.push(Pair {
                        s,
                        y,
                        rho: 1.0 / sy,
                        sy,
                        yy,
                    });
                } else {
                    spare = Some((s, y));
                }
                let decrease = f - f_new;
                std::mem::swap(&mut w, &mut w_new);
                std::mem::swap(&mut g, &mut g_new);
                f = f_new;
                converged = max_abs(&g) <= params.tolerance || decrease <= FTOL * f.abs().max(1.0);
                break;
            }
            step *= 0.5;
        }
        if !accepted {
            // The line search cannot make progress: we are at the numerical optimum.
            converged = max_abs(&g) <= params.tolerance * 100.0;
            break;
        }
    }
    let gradient = max_abs(&g);
    (
        w,
        Convergence {
            iterations,
            converged,
            objective: f,
            gradient,
        },
    )
}

impl Fit<SparseRecords, Array1<usize>, Error> for ValidLogisticParams {
    type Object = SparseLogisticRegression;

    fn fit(
        &self,
        dataset: &DatasetBase<SparseRecords, Array1<usize>>,
    ) -> Result<SparseLogisticRegression> {
        let x = &dataset.records;
        let y: Vec<usize> = dataset.targets.iter().copied().collect();
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
        let cw = self.class_weight.weights(&y, k);
        let sample = dataset.weights();
        let s: Vec<f64> = y
            .iter()
            .enumerate()
            .map(|(i, &t)| cw[t] * sample.map_or(1.0, |w| w[i] as f64))
            .collect();
        let problem = Problem::new(x, &y, s, k, self.c);
        let (w, convergence) = match self.solver {
            Solver::Lbfgs => lbfgs(&problem, self),
            Solver::Sgd => sgd(&problem, self),
        };
        let (weights, bias) = w.split_at(problem.d * k);
        Ok(SparseLogisticRegression {
            n_classes: k,
            n_features: problem.d,
            weights: weights.iter().map(|&w| w as f32).collect(),
            bias: bias.to_vec(),
            convergence,
        })
    }
}

impl SparseLogisticRegression {
    /// Raw class scores (logits) of one sparse row.
    pub fn decision(&self, cols: &[u32], vals: &[f32]) -> Vec<f64> {
        let k = self.n_classes;
        let mut z = self.bias.clone();
        for (&j, &v) in cols.iter().zip(vals) {
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

/// Numerically stable softmax.
pub fn softmax(z: &[f64]) -> Vec<f64> {
    let max = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - max).exp()).collect();
    let s: f64 = e.iter().sum();
    e.into_iter().map(|v| v / s).collect()
}

/// The index of the largest value (the first one on ties).
pub fn argmax(v: &[f64]) -> usize {
    v.iter()
        .enumerate()
        .fold((0, f64::NEG_INFINITY), |(bi, bv), (i, &x)| {
            if x > bv {
                (i, x)
            } else {
                (bi, bv)
            }
        })
        .0
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
        let p = Problem::new(&x, &y, vec![1.0, 2.0, 1.0, 0.5], 3, 0.7);
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
                &x,
                &y,
                (0..40).map(|i| 1.0 + i as f64 * 0.1).collect(),
                k,
                0.7,
            );
            let w: Vec<f64> = (0..11 * k).map(|i| (i as f64 * 0.37).sin()).collect();
            let (mut fast, mut slow) = (p.buffers(), p.buffers());
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
