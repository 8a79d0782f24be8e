//! Features: actor-aware feature strings and the TF-IDF vectorizer that turns them into sparse rows.

mod extract;
mod vectorizer;

pub use extract::{extract, Block, ExtractOptions, Roles};
pub use vectorizer::{DfBound, Vectorizer, VectorizerParams};
