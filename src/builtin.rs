//! The built-in models, embedded in the binary: `--model stance` and `--model sentiment`.

use std::path::{Path, PathBuf};

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

/// What `stance --version` says of the built-in data: each model's checksum and training date,
/// and the lexicon's checksum and size, so a result can be traced to the models that gave it.
pub fn describe_builtins() -> String {
    let mut lines = Vec::new();
    for name in BUILTIN_NAMES {
        let line = match builtin_bytes(name) {
            None => format!("built-in {name} model: not in this build"),
            Some(bytes) => {
                let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
                let header: serde_json::Value = serde_json::from_slice(header).unwrap_or_default();
                // Format versions up to 3 carry a SHA-256, later ones an XXH3-128.
                let (kind, sha) = match header["sha256"].as_str() {
                    Some(s) => ("sha256", s),
                    None => ("xxh3-128", header["xxh3_128"].as_str().unwrap_or("?")),
                };
                let created = StanceModel::from_bytes(bytes, name)
                    .map(|m| m.card.created.clone())
                    .unwrap_or_else(|e| format!("unreadable: {e}"));
                format!(
                    "built-in {name} model: {kind} {}, trained {created}",
                    &sha[..sha.len().min(16)]
                )
            }
        };
        lines.push(line);
    }
    let lexicon = crate::actors::BUILTIN_LEXICON;
    let sha = crate::model::file::sha256_hex(lexicon.as_bytes());
    let actors = crate::actors::ActorLexicon::builtin().actors.len();
    lines.push(format!(
        "actor lexicon: sha256 {}, {actors} actors",
        &sha[..16]
    ));
    lines.join("\n")
}

/// Where a model comes from: built into the binary, or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelSource {
    /// A built-in model, by name.
    Builtin(&'static str),
    /// A model file.
    File(PathBuf),
}

impl ModelSource {
    /// Reads a `--model` value. A built-in name (`stance`, `sentiment`) or `builtin:NAME` is always
    /// the built-in model, whatever files the working folder holds; a path needs a separator or
    /// an extension (`./stance`, `models/x`, `x.model`). A bare word that names no built-in model
    /// is refused rather than guessed at.
    pub fn parse(spec: &str) -> Result<Self> {
        let builtin = |name: &str| {
            BUILTIN_NAMES
                .iter()
                .find(|&&n| n == name)
                .map(|&n| ModelSource::Builtin(n))
        };
        if let Some(name) = spec.strip_prefix("builtin:") {
            return builtin(name).ok_or_else(|| unknown(spec, name));
        }
        if let Some(b) = builtin(spec) {
            return Ok(b);
        }
        let bare = !spec.is_empty()
            && !spec.contains(['/', '.'])
            && !spec.contains(std::path::MAIN_SEPARATOR);
        if bare {
            return Err(unknown(spec, spec));
        }
        Ok(ModelSource::File(PathBuf::from(spec)))
    }

    /// Loads and checks the model.
    pub fn load(&self) -> Result<StanceModel> {
        match self {
            ModelSource::Builtin(name) => {
                let bytes = builtin_bytes(name).ok_or_else(|| Error::Model {
                    path: name.to_string(),
                    message: format!(
                        "this binary was built without the built-in {name} model (run scripts/build-models.sh)"
                    ),
                })?;
                StanceModel::from_bytes(bytes, &format!("built-in {name} model"))
            }
            ModelSource::File(path) => StanceModel::load(path),
        }
    }
}

fn unknown(spec: &str, name: &str) -> Error {
    let file_hint = if Path::new(name).exists() {
        format!("; to load the file {name}, write ./{name}")
    } else {
        String::new()
    };
    Error::Usage(format!(
        "--model {spec}: no built-in model is called \"{name}\" (built in: {}){file_hint}",
        BUILTIN_NAMES.join(", ")
    ))
}

/// Loads `--model` (see [`ModelSource::parse`]).
pub fn load_model(spec: &str) -> Result<StanceModel> {
    ModelSource::parse(spec)?.load()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_names_never_mean_files() {
        assert_eq!(
            ModelSource::parse("stance").unwrap(),
            ModelSource::Builtin("stance")
        );
        assert_eq!(
            ModelSource::parse("builtin:sentiment").unwrap(),
            ModelSource::Builtin("sentiment")
        );
        assert_eq!(
            ModelSource::parse("./stance").unwrap(),
            ModelSource::File("./stance".into())
        );
        assert_eq!(
            ModelSource::parse("my.model").unwrap(),
            ModelSource::File("my.model".into())
        );
        assert!(ModelSource::parse("mymodel").is_err());
        assert!(ModelSource::parse("builtin:nope").is_err());
    }
}
