//! The crate's error type: every failure names what it was working on and keeps its cause.

use std::path::PathBuf;

/// Everything that can go wrong in `stance`, split by who has to act on it.
///
/// [`is_users`](Error::is_users) tells the errors that are the user's to fix (a malformed record,
/// a bad flag, data that cannot train, a damaged model file) from runtime failures; the binary
/// turns that into exit code 2 or 1. New variants may come, so matches need a wildcard arm.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A malformed record or input file; `line` is 1-based, 0 when the whole file is at fault.
    #[error("{}", fmt_input(path, *line, message))]
    Input {
        /// The file (or `-` for standard input).
        path: PathBuf,
        /// 1-based line number, 0 when no single line is at fault.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A bad combination of options or arguments.
    #[error("{0}")]
    Usage(String),
    /// A model file that cannot be used: damaged, foreign, or from a newer version.
    #[error("{path}: {message}")]
    Model {
        /// The model file or built-in name.
        path: String,
        /// Why it was refused.
        message: String,
    },
    /// An invalid hyperparameter (checked once by `ParamGuard`).
    #[error("invalid parameter: {0}")]
    Param(String),
    /// The training data cannot train a model (a single label, no feature frequent enough).
    #[error("{0}")]
    Training(String),
    /// Shapes that do not agree inside the library (rows and labels, vocabulary and IDF): a bug,
    /// or a model file edited by hand (loading reports those as [`Error::Model`]).
    #[error("internal error: {0}")]
    Internal(String),
    /// A model could not be written out.
    #[error("cannot serialise the model: {source}")]
    Serialize {
        /// serde_json's error.
        source: serde_json::Error,
    },
    /// One article failed; the article's id and the cause.
    #[error("{id}: {source}")]
    Article {
        /// The article's id.
        id: String,
        /// What went wrong.
        source: Box<Error>,
    },
    /// A failed read or write on a named file.
    #[error("{path}: {source}")]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// Some input could not be read and was skipped (each named in a warning); the rest was
    /// processed and written.
    #[error("{0}")]
    Incomplete(String),
    /// An error reported by linfa or one of its model crates.
    #[error("linfa: {source}")]
    Linfa {
        /// linfa's error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

fn fmt_input(path: &std::path::Path, line: usize, message: &str) -> String {
    if line == 0 {
        format!("{}: {}", path.display(), message)
    } else {
        format!("{}:{}: {}", path.display(), line, message)
    }
}

impl Error {
    /// Whether the user can fix this by changing the input, the flags or the files named: bad
    /// input or usage, data that cannot train, a refused model, a missing file, skipped input.
    /// Otherwise it is a runtime failure (I/O, linfa, a bug).
    pub fn is_users(&self) -> bool {
        match self {
            Error::Input { .. } | Error::Usage(_) | Error::Model { .. } | Error::Param(_) => true,
            Error::Training(_) | Error::Incomplete(_) => true,
            Error::Io { source, .. } => source.kind() == std::io::ErrorKind::NotFound,
            Error::Article { source, .. } => source.is_users(),
            Error::Internal(_) | Error::Serialize { .. } | Error::Linfa { .. } => false,
        }
    }

    /// Shorthand for an input error at `path:line`.
    pub fn input(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    /// Shorthand for an I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<linfa::Error> for Error {
    fn from(e: linfa::Error) -> Self {
        Error::linfa(e)
    }
}

impl Error {
    /// Wraps an error of linfa or one of its model crates, keeping it as the source.
    pub fn linfa(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        Error::Linfa {
            source: Box::new(e),
        }
    }
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
