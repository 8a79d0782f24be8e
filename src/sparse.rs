//! The sparse matrix shared by the feature stage (TF-IDF rows) and the models: a CSR matrix of f32
//! that is also linfa `Records`, so the project's models plug into linfa.

use sprs::CsMatI;

/// A CSR matrix of f32 feature values (rows are examples), usable as linfa `Records`.
#[derive(Debug, Clone)]
pub struct SparseRecords(pub CsMatI<f32, u32, usize>);

impl SparseRecords {
    /// Builds the matrix from rows of (column, value) sorted by column.
    pub fn from_rows(rows: &[Vec<(u32, f32)>], ncols: usize) -> Self {
        let nnz: usize = rows.iter().map(Vec::len).sum();
        let mut indptr = Vec::with_capacity(rows.len() + 1);
        let mut indices = Vec::with_capacity(nnz);
        let mut data = Vec::with_capacity(nnz);
        indptr.push(0usize);
        for row in rows {
            for &(c, v) in row {
                indices.push(c);
                data.push(v);
            }
            indptr.push(indices.len());
        }
        SparseRecords(CsMatI::new((rows.len(), ncols), indptr, indices, data))
    }

    /// Raw slices of row `i`: (columns, values).
    pub fn row_slices(&self, i: usize) -> (&[u32], &[f32]) {
        let range = self.row_range(i);
        (&self.0.indices()[range.clone()], &self.0.data()[range])
    }

    /// Where row `i` sits in the matrix's index and value arrays.
    pub fn row_range(&self, i: usize) -> std::ops::Range<usize> {
        self.0.indptr().outer_inds_sz(i)
    }

    /// Number of rows.
    pub fn nrows(&self) -> usize {
        self.0.rows()
    }

    /// Number of columns.
    pub fn ncols(&self) -> usize {
        self.0.cols()
    }

    /// A dense copy, for linfa's dense models on small data.
    pub fn to_dense(&self) -> ndarray::Array2<f64> {
        let mut out = ndarray::Array2::zeros((self.nrows(), self.ncols()));
        for i in 0..self.nrows() {
            let (c, v) = self.row_slices(i);
            for (&c, &v) in c.iter().zip(v) {
                out[[i, c as usize]] = v as f64;
            }
        }
        out
    }
}

impl linfa::dataset::Records for SparseRecords {
    type Elem = f32;

    fn nsamples(&self) -> usize {
        self.nrows()
    }

    fn nfeatures(&self) -> usize {
        self.ncols()
    }
}
