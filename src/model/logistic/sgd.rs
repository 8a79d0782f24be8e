//! The stochastic gradient descent solver, for large data.

use super::objective::{max_abs, Problem};
use super::params::ValidLogisticParams;
use super::Convergence;

/// Fits the problem by stochastic gradient descent: `epochs` passes over the rows, each in a
/// new order drawn from `seed`, with a step that decays linearly from [`SGD_STEP`] to zero over
/// the whole run (as fastText's). One thread, so the result depends on the seed only.
///
/// The objective is the mean over rows of `u_i * CE_i + ||W||^2 / (2 C sum_s)` with
/// `u_i = n s_i / sum_s` (the same function L-BFGS minimises). The L2 step shrinks every weight,
/// so the weights are kept as `a * v`: the shrink changes the scalar `a` (as a proximal step,
/// `a / (1 + eta lambda)`, which stays positive for any step), and a row's update touches its own
/// features only (Bottou, "Stochastic Gradient Descent Tricks", 2012).
pub(super) fn sgd(p: &Problem, params: &ValidLogisticParams) -> (Vec<f64>, Convergence) {
    let w = sgd_epochs(p, params.epochs, params.seed);
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

/// The weights after `epochs` SGD passes from zero, the order drawn from `seed` (in the
/// matrix's column order; the passes run in the problem's renumbered one).
pub(super) fn sgd_epochs(p: &Problem, epochs: usize, seed: u64) -> Vec<f64> {
    use rand::seq::SliceRandom;
    use rand::SeedableRng;
    let (k, d, n) = (p.k, p.d, p.x.len());
    let lambda = 1.0 / (p.c * p.s_sum);
    let mut w = vec![0.0f64; d * k + k];
    let mut a = 1.0f64;
    let mut order: Vec<u32> = (0..n as u32).collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let total = (epochs * n) as f64;
    let mut t = 0usize;
    let mut z = vec![0.0f64; k];
    for _ in 0..epochs {
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
    p.restored(&w)
}

/// The SGD solver's first step. Rows are L2-normalised per block, so a row's squared norm is
/// about the number of blocks it has features in (2-4 with unit block weights).
pub(super) const SGD_STEP: f64 = 0.5;
