//! The L-BFGS solver, the default.

use super::objective::{dot, dot32, max_abs, Problem};
use super::params::ValidLogisticParams;
use super::Convergence;

/// Relative decrease of the objective below which the solver stops: scipy's L-BFGS-B default
/// (factr 1e7 times machine epsilon), which scikit-learn's `lbfgs` solver inherits.
const FTOL: f64 = 2.220446049250313e-9;

/// One stored L-BFGS correction pair: `s` = step, `y` = change of gradient, `rho` = 1 / s.y,
/// and s.y and y.y, kept for the initial scaling of the next direction.
struct Pair {
    s: Vec<f32>,
    y: Vec<f32>,
    rho: f64,
    sy: f64,
    yy: f64,
}

/// Minimises the problem with L-BFGS (history 10) and a backtracking Armijo line search, from
/// `start` (weights then biases) or from zero.
///
/// Each vector operation of the textbook two-loop recursion reads whole vectors of d * k
/// numbers; the loops below do the update of one step and the dot product of the next in one
/// pass, element by element in index order, so every number is the same as with separate
/// passes, with half the memory traffic. Vectors are allocated once.
pub(super) fn lbfgs(
    p: &Problem,
    params: &ValidLogisticParams,
    start: Option<Vec<f64>>,
) -> (Vec<f64>, Convergence) {
    let m = p.d * p.k + p.k;
    let mut buffers = p.buffers();
    let mut w = start.unwrap_or_else(|| vec![0.0; m]);
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
            step = backtrack(f, slope, step, f_new);
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

/// The next, shorter step after `step` failed the sufficient-decrease test: the minimum of the
/// quadratic through f(0) = `f`, f'(0) = `slope` and f(step) = `f_new` (Nocedal & Wright,
/// section 3.5), kept within [0.1, 0.5] of the step. After a warm start the first direction is
/// far too long; halving took five evaluations there (each a pass over the data) where the
/// interpolation takes two.
fn backtrack(f: f64, slope: f64, step: f64, f_new: f64) -> f64 {
    let curvature = f_new - f - slope * step;
    let quadratic = if curvature > 0.0 {
        -slope * step * step / (2.0 * curvature)
    } else {
        0.5 * step
    };
    quadratic.clamp(0.1 * step, 0.5 * step)
}

#[cfg(test)]
mod tests {
    use super::backtrack;

    #[test]
    fn backtracking_lands_on_the_minimum_of_a_quadratic() {
        // f(t) = 1 - 2t + 50t^2: minimum at t = 0.02; f(1) = 49 fails the test.
        let f = |t: f64| 1.0 - 2.0 * t + 50.0 * t * t;
        let next = backtrack(f(0.0), -2.0, 1.0, f(1.0));
        assert_eq!(next, 0.1, "clamped at a tenth of the step");
        let next = backtrack(f(0.0), -2.0, 0.1, f(0.1));
        assert!((next - 0.02).abs() < 1e-12, "{next}");
        // Halving would need six evaluations to come within a factor two of 0.02.
    }

    #[test]
    fn backtracking_halves_when_the_curve_is_not_convex_there() {
        // f(step) below the tangent line: the quadratic has no minimum, so halve.
        assert_eq!(backtrack(1.0, -1.0, 1.0, -0.5), 0.5);
        // A minimum past half the step is held to half, so the search still shortens.
        assert_eq!(backtrack(1.0, -1.0, 1.0, 0.01), 0.5);
    }
}
