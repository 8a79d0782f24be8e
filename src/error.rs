//! The crate's error type: every failure names what it was working on, and knows its exit code.

use std::path::PathBuf;

/// Everything that can go wrong in `stance`, split by who has to act on it.
///
/// Input and usage errors (exit code 2) are the user's to fix: a malformed record, a bad flag, a
/// damaged model file. Everything else (exit code 1) is a runtime failure.
#[derive(Debug, thiserror::Error)]
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
    /// Training could not proceed (for example a single label).
    #[error("{0}")]
    Training(String),
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
    /// An error reported by linfa.
    #[error("linfa: {0}")]
    Linfa(String),
}

fn fmt_input(path: &std::path::Path, line: usize, message: &str) -> String {
    if line == 0 {
        format!("{}: {}", path.display(), message)
    } else {
        format!("{}:{}: {}", path.display(), line, message)
    }
}

impl Error {
    /// The process exit code for this error: 2 for bad input or usage, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input { .. } | Error::Usage(_) | Error::Model { .. } | Error::Param(_) => 2,
            Error::Training(_) | Error::Incomplete(_) => 2,
            Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => 2,
            Error::Io { .. } | Error::Linfa(_) => 1,
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
        Error::Linfa(e.to_string())
    }
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
