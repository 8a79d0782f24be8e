//! linfa's own dense models, for small data and as a cross-check of the sparse ones.

use linfa::dataset::DatasetBase;
use linfa::traits::Fit;
use linfa_logistic::{MultiFittedLogisticRegression, MultiLogisticRegression};
use ndarray::{Array1, Array2};

use crate::error::{Error, Result};
use crate::sparse::SparseRecords;

/// Largest number of cells (rows x features) accepted for a dense model: beyond it the dense
/// copy alone would take gigabytes.
pub const MAX_DENSE_CELLS: usize = 200_000_000;

fn densify(x: &SparseRecords) -> Result<Array2<f64>> {
    let cells = x.nrows().saturating_mul(x.ncols());
    if cells > MAX_DENSE_CELLS {
        return Err(Error::Usage(format!(
            "{} rows x {} features is too large for a dense linfa model; use --classifier logistic or nb",
            x.nrows(),
            x.ncols()
        )));
    }
    Ok(x.to_dense())
}

/// Fits linfa's `MultiLogisticRegression` with scikit-learn's `C` (linfa's `alpha` is `1 / C`).
pub fn fit_linfa_logistic(
    x: &SparseRecords,
    y: &[usize],
    c: f64,
    max_iter: usize,
) -> Result<MultiFittedLogisticRegression<f64, usize>> {
    let ds = DatasetBase::new(densify(x)?, Array1::from(y.to_vec()));
    MultiLogisticRegression::default()
        .alpha(1.0 / c)
        .max_iterations(max_iter as u64)
        .fit(&ds)
        .map_err(Error::linfa)
}

/// Class probabilities from a linfa logistic model, columns in class-index order.
pub fn linfa_logistic_proba(
    model: &MultiFittedLogisticRegression<f64, usize>,
    x: &SparseRecords,
    n_classes: usize,
) -> Result<Array2<f64>> {
    let p = model.predict_probabilities(&densify(x)?);
    let mut out = Array2::zeros((x.nrows(), n_classes));
    for (col, class) in model.classes().iter().enumerate() {
        out.column_mut(*class).assign(&p.column(col));
    }
    Ok(out)
}
