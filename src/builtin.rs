//! The built-in models, embedded in the binary: `--model stance` and `--model sentiment`.

use std::path::Path;

use crate::error::{Error, Result};
use crate::pipeline::StanceModel;

#[cfg(builtin_stance)]
const STANCE: Option<&[u8]> = Some(include_bytes!("../models/stance.model"));
#[cfg(not(builtin_stance))]
const STANCE: Option<&[u8]> = None;
#[cfg(builtin_sentiment)]
const SENTIMENT: Option<&[u8]> = Some(include_bytes!("../models/sentiment.model"));
#[cfg(not(builtin_sentiment))]
const SENTIMENT: Option<&[u8]> = None;

/// Names of the built-in models.
pub const BUILTIN_NAMES: &[&str] = &["stance", "sentiment"];

/// The bytes of a built-in model, when this binary was built with it.
pub fn builtin_bytes(name: &str) -> Option<&'static [u8]> {
    match name {
        "stance" => STANCE,
        "sentiment" => SENTIMENT,
        _ => None,
    }
}

/// Loads `--model`: a built-in name, or a path to a model file.
pub fn load_model(spec: &str) -> Result<StanceModel> {
    if BUILTIN_NAMES.contains(&spec) && !Path::new(spec).exists() {
        let bytes = builtin_bytes(spec).ok_or_else(|| Error::Model {
            path: spec.to_string(),
            message: format!("this binary was built without the built-in {spec} model (run scripts/build-models.sh)"),
        })?;
        return StanceModel::from_bytes(bytes, &format!("built-in {spec} model"));
    }
    StanceModel::load(Path::new(spec))
}
