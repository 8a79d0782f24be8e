//! Naive Bayes feature scaling for the logistic model (Wang & Manning 2012, "NBSVM"; here the
//! one-matrix multinomial variant).
//!
//! Before fitting, every column is multiplied by how well it tells one class from the rest: the
//! largest absolute log-count ratio over the classes, plus a floor. Under the L2 penalty a column
//! scaled by `s` is penalised as if its weight cost `1 / s^2` as much, so words that separate the
//! classes in the training data are held back less than words seen evenly in all of them. After
//! fitting, the scale is folded into the weights, so the model predicts from unscaled rows and
//! its file and prediction path do not change. On the Syria stance data, NewsMTSC and review
//! sentences (5-fold CV on training splits) this gave +0.8 to +1.0 macro-F1 points over plain
//! TF-IDF; docs/defaults.md (stage 9) has the measurements.
//!
//! Hand-written: no crate computes NB log-count ratios over a CSR matrix; it is one counting pass.

use rayon::prelude::*;

use crate::sparse::SparseRecords;

/// Added to each column's largest absolute log-count ratio, so that a column seen evenly in
/// every class keeps some weight (a scale of 0 would remove it from the model). 0.25, 0.5 and 1
/// scored alike in Syria CV (0.711, 0.710, 0.709; docs/defaults.md, stage 9); the middle was kept.
pub const FLOOR: f32 = 0.5;

/// Laplace smoothing of the per-class document counts.
const SMOOTHING: f64 = 1.0;

/// The scale of each of `x`'s columns for classes `y` (indices below `k`): the largest, over the
/// classes `c`, of `|ln((p_c / |p_c|) / (q_c / |q_c|))|`, plus [`FLOOR`], where `p_c[j]` is one
/// plus the number of rows of class `c` in which column `j` is non-zero, `q_c[j]` the same for
/// the rows of the other classes, and `|.|` a sum over the columns.
pub fn column_scale(x: &SparseRecords, y: &[usize], k: usize) -> Vec<f32> {
    let d = x.ncols();
    // Presence counts, column-major by class: counts[j * k + c]. Counted in parallel, one
    // table per worker thread over its share of the rows (so at most a table per core in
    // memory), and added up; integer counts, so the sum is the same in any order and for any
    // thread count (one serial pass was a tenth of training on 100k news sentences).
    let n = y.len();
    let workers = rayon::current_num_threads().clamp(1, n.max(1));
    let share = n.div_ceil(workers).max(1);
    let counts: Vec<u32> = (0..workers)
        .into_par_iter()
        .map(|w| {
            let mut counts = vec![0u32; d * k];
            for i in (w * share)..((w + 1) * share).min(n) {
                let (cols, vals) = x.row_slices(i);
                for (&j, &v) in cols.iter().zip(vals) {
                    if v != 0.0 {
                        counts[j as usize * k + y[i]] += 1;
                    }
                }
            }
            counts
        })
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(&b).for_each(|(a, b)| *a += b);
            a
        })
        .unwrap_or_else(|| vec![0u32; d * k]);
    let counts: Vec<f64> = counts.into_iter().map(f64::from).collect();
    let mut column_total = vec![0f64; d];
    for j in 0..d {
        column_total[j] = counts[j * k..j * k + k].iter().sum();
    }
    // |p_c| and |q_c|: sums over the columns of the smoothed counts.
    let mut p_sum = vec![0f64; k];
    let mut q_sum = vec![0f64; k];
    for j in 0..d {
        for c in 0..k {
            let p = counts[j * k + c];
            p_sum[c] += p + SMOOTHING;
            q_sum[c] += column_total[j] - p + SMOOTHING;
        }
    }
    (0..d)
        .map(|j| {
            let mut largest = 0f64;
            for c in 0..k {
                let p = counts[j * k + c] + SMOOTHING;
                let q = column_total[j] - counts[j * k + c] + SMOOTHING;
                let r = ((p / p_sum[c]) / (q / q_sum[c])).ln();
                largest = largest.max(r.abs());
            }
            largest as f32 + FLOOR
        })
        .collect()
}

/// `x` with column `j` multiplied by `scale[j]`, in its own storage.
pub fn scale_in_place(x: SparseRecords, scale: &[f32]) -> SparseRecords {
    let shape = (x.nrows(), x.ncols());
    let (indptr, indices, mut data) = x.0.into_raw_storage();
    data.par_iter_mut()
        .zip(indices.par_iter())
        .for_each(|(v, &j)| *v *= scale[j as usize]);
    SparseRecords(sprs::CsMatI::new(shape, indptr, indices, data))
}

/// A copy of `x` with column `j` multiplied by `scale[j]`.
pub fn scaled(x: &SparseRecords, scale: &[f32]) -> SparseRecords {
    scale_in_place(x.clone(), scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_is_the_largest_log_count_ratio_plus_the_floor() {
        // Two classes, four rows; column 0 only in class 0, column 1 in every row, column 2 once
        // in class 1.
        let rows = vec![
            vec![(0, 1.0), (1, 1.0)],
            vec![(0, 2.0), (1, 1.0)],
            vec![(1, 1.0), (2, 1.0)],
            vec![(1, 1.0)],
        ];
        let x = SparseRecords::from_rows(&rows, 3);
        let s = column_scale(&x, &[0, 0, 1, 1], 2);
        // Smoothed counts: class 0 = [3, 3, 1] (sum 7), class 1 = [1, 3, 2] (sum 6).
        // Column 0: ln((3/7) / (1/6)) = ln(18/7); column 1: ln((3/7) / (3/6)) = ln(6/7);
        // column 2: ln((1/7) / (2/6)) = ln(3/7). Class 1's ratios are their negatives.
        let expect = [
            (18f64 / 7.0).ln().abs(),
            (6f64 / 7.0).ln().abs(),
            (3f64 / 7.0).ln().abs(),
        ];
        for (got, want) in s.iter().zip(expect) {
            assert!((*got as f64 - (want + FLOOR as f64)).abs() < 1e-6, "{s:?}");
        }
        // The column that tells the classes apart is scaled up most, the even one least.
        assert!(s[0] > s[2] && s[2] > s[1]);
    }

    #[test]
    fn scaling_multiplies_each_column() {
        let x = SparseRecords::from_rows(&[vec![(0, 1.0), (2, 2.0)], vec![(1, 3.0)]], 3);
        let y = scaled(&x, &[2.0, 0.5, 10.0]);
        assert_eq!(y.row_slices(0), (&[0u32, 2][..], &[2.0f32, 20.0][..]));
        assert_eq!(y.row_slices(1), (&[1u32][..], &[1.5f32][..]));
    }

    #[test]
    fn scale_is_the_same_for_any_thread_count() {
        // Rows shared among 1, 2 or 3 workers; a column in every row and columns seen in a few
        // rows of one class.
        let rows: Vec<Vec<(u32, f32)>> = (0..20_000u32)
            .map(|i| vec![(0, 1.0), (1 + i % 7, 0.5), (8 + (i * 31) % 50, 2.0)])
            .collect();
        let y: Vec<usize> = (0..20_000).map(|i| (i * 13 % 3) as usize).collect();
        let x = SparseRecords::from_rows(&rows, 58);
        let with = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| column_scale(&x, &y, 3))
        };
        let one = with(1);
        assert_eq!(one, with(2));
        assert_eq!(one, with(3));
        // Column 0 is in every row, evenly over the classes: only the floor and a little more.
        assert!(one[0] < FLOOR + 0.1, "{}", one[0]);
    }
}
