//! The objective the solvers minimise: weighted softmax cross-entropy plus L2, its gradient,
//! and the vector helpers the solvers share.
//!
//! The solvers read the matrix with its columns renumbered, most frequent first ([`Rows`]): a
//! row's weights are looked up at random in a vector of d * k numbers (30 MB at 100k news
//! sentences), and in the matrix's own order (the vocabulary's, alphabetical) the few thousand
//! columns most rows have are spread over all of it, one cache line and one page each. Numbered
//! by frequency they share a few hundred kilobytes. Only where the weights sit changes: every
//! row keeps its non-zeros in their order, each weight gets the same operations in the same
//! order, and the solvers' own vectors (and their dot products) stay in the matrix's order, so
//! the model is the same bit for bit.

use std::borrow::Cow;

use rayon::prelude::*;

use crate::sparse::SparseRecords;

/// Row groups for the gradient sum: fixed, so the summation order never depends on threads.
pub(super) const GROUPS: usize = 4;

/// The largest factor by which one SGD step moves a row's scores along its residuals (see
/// [`Problem::sgd_step`]).
pub(super) const SGD_MAX_MOVE: f64 = 2.0;

/// The matrix as the solvers read it: its rows' non-zeros in their order, with each column
/// renumbered by how many rows have it (most first, ties by column).
pub(super) struct Rows<'a> {
    indptr: Cow<'a, [usize]>,
    /// Renumbered columns: `order[cols[i]]` is the matrix's column.
    cols: Cow<'a, [u32]>,
    vals: Cow<'a, [f32]>,
    /// The matrix's column of each renumbered one.
    order: Vec<u32>,
    /// The renumbered column of each of the matrix's columns (`order` inverted).
    place: Vec<u32>,
}

impl<'a> Rows<'a> {
    /// Renumbers the columns of `x`: in place when the matrix is owned, else in a copy of its
    /// column indices.
    fn new(x: Cow<'a, SparseRecords>) -> Self {
        let d = x.ncols();
        let (indptr, mut cols, vals) = match x {
            Cow::Owned(x) => {
                let (indptr, cols, vals) = x.0.into_raw_storage();
                (Cow::Owned(indptr), Cow::Owned(cols), Cow::Owned(vals))
            }
            Cow::Borrowed(x) => (
                x.0.proper_indptr(),
                Cow::Borrowed(x.0.indices()),
                Cow::Borrowed(x.0.data()),
            ),
        };
        let mut count = vec![0u32; d];
        for &j in cols.iter() {
            count[j as usize] += 1;
        }
        // A counting sort, most rows first: stable, so ties keep the columns' order.
        let most = count.iter().copied().max().unwrap_or(0) as usize;
        let mut start = vec![0u32; most + 2];
        for &c in &count {
            start[most - c as usize + 1] += 1;
        }
        for b in 1..start.len() {
            start[b] += start[b - 1];
        }
        let mut order = vec![0u32; d];
        let mut place = vec![0u32; d];
        for (j, &c) in count.iter().enumerate() {
            let slot = &mut start[most - c as usize];
            order[*slot as usize] = j as u32;
            place[j] = *slot;
            *slot += 1;
        }
        drop(count);
        cols.to_mut()
            .par_chunks_mut(1 << 16)
            .for_each(|chunk| chunk.iter_mut().for_each(|j| *j = place[*j as usize]));
        Rows {
            indptr,
            cols,
            vals,
            order,
            place,
        }
    }

    /// Row `i`'s renumbered columns and values.
    #[inline(always)]
    fn row(&self, i: usize) -> (&[u32], &[f32]) {
        let range = self.indptr[i]..self.indptr[i + 1];
        (&self.cols[range.clone()], &self.vals[range])
    }

    /// Number of rows.
    pub(super) fn len(&self) -> usize {
        self.indptr.len() - 1
    }

    /// `w` (weights in the matrix's column order, then `k` biases) in renumbered order, into `out`.
    fn renumber(&self, w: &[f64], k: usize, out: &mut [f64]) {
        gather(&self.order, w, k, out);
    }

    /// `w` in renumbered order (then `k` biases) back in the matrix's order, into `out`.
    fn restore(&self, w: &[f64], k: usize, out: &mut [f64]) {
        gather(&self.place, w, k, out);
    }
}

/// `out[q]` = `w[from[q]]` for each feature's `k` numbers, the `k` biases after them copied as
/// they are. A `k` known when compiled makes each copy a few moves instead of a call to `memcpy`.
fn gather(from: &[u32], w: &[f64], k: usize, out: &mut [f64]) {
    fn run<const K: usize>(from: &[u32], w: &[f64], k: usize, out: &mut [f64]) {
        let d = from.len();
        const FEATURES: usize = 4096;
        out.par_chunks_mut(k * FEATURES)
            .enumerate()
            .for_each(|(b, chunk)| {
                for (o, v) in chunk.chunks_exact_mut(k).enumerate() {
                    let q = b * FEATURES + o;
                    let f = if q < d { from[q] as usize } else { d };
                    if K == 0 {
                        v.copy_from_slice(&w[f * k..f * k + k]);
                    } else {
                        let src: &[f64; K] = w[f * K..f * K + K].try_into().expect("K numbers");
                        v.copy_from_slice(src);
                    }
                }
            });
    }
    match k {
        2 => run::<2>(from, w, k, out),
        3 => run::<3>(from, w, k, out),
        4 => run::<4>(from, w, k, out),
        _ => run::<0>(from, w, k, out),
    }
}

/// The scratch space of [`Problem::eval`]: the row groups' partial gradients and the weights
/// in renumbered order. Allocated once per fit.
pub(super) struct Buffers {
    pub(super) parts: Vec<Vec<f64>>,
    weights: Vec<f64>,
}

/// A fit's data and settings: rows, classes `y`, row weights `s` (and their sum), `k` classes,
/// `d` features, and `c`, the inverse of the L2 strength.
pub(super) struct Problem<'a> {
    pub(super) x: Rows<'a>,
    pub(super) y: &'a [usize],
    pub(super) s: Vec<f64>,
    pub(super) s_sum: f64,
    pub(super) k: usize,
    pub(super) d: usize,
    pub(super) c: f64,
}

impl<'a> Problem<'a> {
    /// The problem of the rows of `x` (renumbered in place when `x` is owned).
    pub(super) fn new(
        x: Cow<'a, SparseRecords>,
        y: &'a [usize],
        s: Vec<f64>,
        k: usize,
        c: f64,
    ) -> Self {
        let s_sum = s.iter().sum();
        let d = x.ncols();
        Problem {
            x: Rows::new(x),
            y,
            s,
            s_sum,
            k,
            d,
            c,
        }
    }

    /// The scratch space of [`Problem::eval`]: allocated once per fit, reused by every
    /// evaluation.
    pub(super) fn buffers(&self) -> Buffers {
        Buffers {
            parts: vec![vec![0.0; self.d * self.k + self.k]; GROUPS],
            weights: vec![0.0; self.d * self.k + self.k],
        }
    }

    /// Objective and gradient at `w` (weights then biases, in the matrix's column order).
    pub(super) fn eval(&self, w: &[f64], grad: &mut [f64], buffers: &mut Buffers) -> f64 {
        let (k, d) = (self.k, self.d);
        let Buffers { parts, weights } = buffers;
        self.x.renumber(w, k, weights);
        let losses: Vec<f64> = match k {
            2 => self.partial_gradients::<2>(weights, parts),
            3 => self.partial_gradients::<3>(weights, parts),
            4 => self.partial_gradients::<4>(weights, parts),
            5 => self.partial_gradients::<5>(weights, parts),
            _ => self.partial_gradients::<0>(weights, parts),
        };
        let scale = 1.0 / self.s_sum;
        let reg = 1.0 / (self.c * self.s_sum);
        // Each buffer is read once, in blocks, and zeroed as it is read, so the next evaluation
        // starts from zeros without a pass of its own over the group buffers. The gradient is
        // made in renumbered order, over the renumbered weights (which are no longer needed and
        // hold the same numbers as `w`), then put in the matrix's order.
        const BLOCK: usize = 1 << 14;
        let mut blocks: Vec<Vec<&mut [f64]>> = weights.chunks(BLOCK).map(|_| Vec::new()).collect();
        for b in parts.iter_mut() {
            for (slot, chunk) in blocks.iter_mut().zip(b.chunks_mut(BLOCK)) {
                slot.push(chunk);
            }
        }
        weights
            .par_chunks_mut(BLOCK)
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
                    *g = sum * scale + if p < d * k { reg * *g } else { 0.0 };
                }
            });
        self.x.restore(weights, k, grad);
        let penalty: f64 = w[..d * k].iter().map(|v| v * v).sum::<f64>() * 0.5 * reg;
        losses.iter().sum::<f64>() * scale + penalty
    }

    /// Weights in the matrix's order from renumbered ones.
    pub(super) fn restored(&self, w: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; w.len()];
        self.x.restore(w, self.k, &mut out);
        out
    }

    /// Fills each group's buffer with the gradient of its rows' losses and returns the groups'
    /// losses; `w` and the buffers are in renumbered order. `K` is the number of classes, or 0 for "read it from `self.k`": a constant lets the
    /// compiler keep a row's scores in registers instead of a heap vector (twice as fast at k = 3).
    pub(super) fn partial_gradients<const K: usize>(
        &self,
        w: &[f64],
        buffers: &mut [Vec<f64>],
    ) -> Vec<f64> {
        let n = self.x.len();
        let group = n.div_ceil(GROUPS).max(1);
        buffers
            .par_iter_mut()
            .enumerate()
            .map(|(g, buf)| {
                // `eval` hands the buffers back zeroed.
                debug_assert!(buf.iter().all(|&v| v == 0.0));
                let mut loss = 0.0;
                let mut z = vec![0.0f64; self.k];
                for i in (g * group)..((g + 1) * group).min(n) {
                    let (cols, vals) = self.x.row(i);
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
    pub(super) fn row<const K: usize>(
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
    pub(super) fn row_dynamic(
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

    /// One SGD step on row `i` (weights `a * w` in renumbered order, biases at the end of `w`,
    /// step `eta`, row weight `u`), the loss part only (the L2 shrink is `a`). `K` as in [`Problem::row`]; `z`
    /// is scratch.
    #[inline(always)]
    pub(super) fn sgd_step<const K: usize>(
        &self,
        i: usize,
        w: &mut [f64],
        a: f64,
        eta: f64,
        u: f64,
        z: &mut [f64],
    ) {
        let (cols, vals) = self.x.row(i);
        let row = SgdRow {
            cols,
            vals,
            y: self.y[i],
        };
        sgd_row_step::<K>(&row, self.k, self.d, w, a, eta, u, z);
    }

    /// Turns scores `z` of a row of class `yi` into its residuals (probability minus one-hot)
    /// times `si`, and returns its loss times `si`.
    #[inline(always)]
    pub(super) fn softmax_residual(yi: usize, si: f64, z: &mut [f64]) -> f64 {
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

/// One row as an SGD step sees it: its features and its class.
pub(super) struct SgdRow<'r> {
    pub(super) cols: &'r [u32],
    pub(super) vals: &'r [f32],
    pub(super) y: usize,
}

/// One SGD step on `row` over `k` classes and `d` features (weights `a * w`, biases at the end
/// of `w`, step `eta`, row weight `u`), the loss part only (the L2 shrink is `a`): shared by the
/// in-memory solver and the streaming one (`train --hash-bits`). `K` as in [`Problem::row`].
/// Leaves the row's residuals (probabilities minus one-hot, unweighted) in `z[..k]` and returns
/// its loss at the weights before the step.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(super) fn sgd_row_step<const K: usize>(
    row: &SgdRow<'_>,
    k: usize,
    d: usize,
    w: &mut [f64],
    a: f64,
    eta: f64,
    u: f64,
    z_out: &mut [f64],
) -> f64 {
    let (cols, vals) = (row.cols, row.vals);
    let mut fixed = [0.0f64; 8];
    let z: &mut [f64] = if K == 0 {
        &mut z_out[..k]
    } else {
        &mut fixed[..K]
    };
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
    let loss = Problem::softmax_residual(row.y, 1.0, z);
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
    if K != 0 {
        z_out[..K].copy_from_slice(&fixed[..K]);
    }
    loss
}

pub(super) fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// `a . b` with `a` stored as f32, summed in f64 in index order.
pub(super) fn dot32(a: &[f32], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(&x, y)| x as f64 * y).sum()
}

pub(super) fn max_abs(a: &[f64]) -> f64 {
    a.iter().fold(0.0, |m, v| m.max(v.abs()))
}
