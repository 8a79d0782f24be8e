//! Features: actor-aware feature strings and the TF-IDF vectorizer that turns them into sparse rows.

mod cues;
mod extract;
mod hashing;
mod interning;
mod known_words;
mod valence;
mod vectorizer;
mod vocabulary;

pub use cues::{cue_features, CueUnit};
pub use extract::{
    extract, Block, ExtractOptions, FeatureSink, IdSink, NgramCache, Roles, SharedNgrams,
};
pub use hashing::{HashFunction, HashSink, Hashing, HASH_BITS};
/// Maps keyed by short strings packed in a number, for the text analysis's stem cache too.
pub(crate) use interning::WordMap;
pub use known_words::KnownWords;
pub use valence::{polarity, valence};
pub use vectorizer::{DfBound, ValidVectorizerParams, Vectorizer, VectorizerParams};
pub use vocabulary::Vocabulary;
