//! Errors a stage reports: configuration issues found while building it,
//! analysis failures for one document, and sink write failures.

use std::fmt;

type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// One problem with a stage's configuration, with the dotted path of the
/// offending key (`sinks.json.path`). The pipeline adds the file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigIssue {
    /// Dotted key path inside the stage's table (empty for the table itself).
    pub key: String,
    /// What is wrong.
    pub message: String,
}

impl ConfigIssue {
    /// An issue with `key` (relative to the stage's table).
    pub fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.key, self.message)
        }
    }
}

/// An analyzer could not analyze one document.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct AnalyzeError {
    /// What went wrong.
    pub message: String,
    /// The underlying error, if any.
    #[source]
    pub source: Option<BoxError>,
}

impl AnalyzeError {
    /// An error with a message.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            source: None,
        }
    }

    /// An error with a message and its cause.
    pub fn with_source(message: impl Into<String>, source: impl Into<BoxError>) -> Self {
        Self {
            message: message.into(),
            source: Some(source.into()),
        }
    }
}

/// A sink could not write one document (or finish a run).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct SinkError {
    /// What went wrong, naming the path written to.
    pub message: String,
    /// True when trying again may succeed (disk full, permission denied, a
    /// busy file); the watch daemon retries those with backoff.
    pub transient: bool,
    /// The underlying error, if any.
    #[source]
    pub source: Option<BoxError>,
}

impl SinkError {
    /// A permanent error.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            transient: false,
            source: None,
        }
    }

    /// An I/O error while writing `path`; disk-full, permission and
    /// interrupted-style errors count as transient.
    pub fn io(path: &std::path::Path, err: std::io::Error) -> Self {
        use std::io::ErrorKind::*;
        let transient = matches!(
            err.kind(),
            PermissionDenied
                | Interrupted
                | WouldBlock
                | TimedOut
                | StorageFull
                | ResourceBusy
                | QuotaExceeded
        ) || err.raw_os_error() == Some(28);
        Self {
            message: format!("{}: {err}", path.display()),
            transient,
            source: Some(Box::new(err)),
        }
    }
}
