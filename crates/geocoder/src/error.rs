//! Errors that stop the geocoder, and warnings that only skip one article.

use std::fmt;
use std::path::{Path, PathBuf};

/// Why the gazetteer could not be loaded or the articles not listed.
///
/// Problems with a single article are never errors: they become
/// [`Warning`]s and the other articles are still geocoded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read or written.
    ///
    /// Its message is the path alone: the operating system's reason is the
    /// error's `source()`, which `anyhow`'s `{:#}` and every error report
    /// print after it (printing it here too showed it twice).
    #[error("{}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A line of a gazetteer file is malformed.
    #[error("{path}:{line}: {reason}")]
    Parse {
        /// The file (`data/gazetteer.tsv`, ...).
        path: PathBuf,
        /// Line number, starting at 1.
        line: usize,
        /// What is wrong with the line.
        reason: String,
    },
    /// The temporary file that holds a run's places until they are written
    /// ([`crate::geocode_paths_spilled`]) could not be created or written.
    #[error("the temporary file of the run's places in {}", dir.display())]
    Spill {
        /// The directory of the file (the file itself has no name).
        dir: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The places GeoJSON or the mentions CSV could not be written.
    #[error("writing the site's data: {0}")]
    Model(#[from] model::Error),
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn spill(dir: &Path, source: std::io::Error) -> Self {
        Error::Spill {
            dir: dir.to_path_buf(),
            source,
        }
    }

    pub(crate) fn parse(path: &Path, line: usize, reason: impl Into<String>) -> Self {
        Error::Parse {
            path: path.to_path_buf(),
            line,
            reason: reason.into(),
        }
    }
}

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// A problem with one article: it was skipped, truncated or decoded with a
/// fallback encoding. Never fatal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The article file.
    pub path: PathBuf,
    /// What happened to it.
    pub kind: WarningKind,
}

/// What went wrong with an article.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WarningKind {
    /// The file could not be read; skipped.
    Unreadable(String),
    /// The file is empty or only whitespace; skipped.
    Empty,
    /// The file holds NUL bytes, so it is not text; skipped.
    Binary,
    /// The file is not UTF-8; decoded as Windows-1252 (a superset of
    /// Latin-1). Offsets then point into the decoded UTF-8 text.
    NotUtf8,
    /// Geocoding the article failed (a bug of the geocoder: it panicked,
    /// with this message); skipped.
    Failed(String),
    /// The cache's entry for the article failed its checks (it is never
    /// trusted): ignored, the article was geocoded again.
    CacheCorrupt {
        /// The entry's file.
        entry: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// The file is larger than the limit; only its start was geocoded.
    Truncated {
        /// Bytes kept.
        kept: usize,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.kind {
            WarningKind::Unreadable(why) => {
                write!(f, "{path}: cannot read the article, skipped: {why}")
            }
            WarningKind::Empty => write!(f, "{path}: empty article, skipped"),
            WarningKind::Binary => write!(
                f,
                "{path}: binary file (NUL bytes), not an article, skipped"
            ),
            WarningKind::NotUtf8 => {
                write!(f, "{path}: not UTF-8, decoded as Windows-1252 (offsets are into the decoded text)")
            }
            WarningKind::Failed(why) => write!(
                f,
                "{path}: the geocoder failed on this article (a bug, please report it), skipped: {why}"
            ),
            WarningKind::CacheCorrupt { entry, why } => write!(
                f,
                "{path}: its cached geocoding {} is corrupt ({why}): ignored, geocoded again",
                entry.display()
            ),
            WarningKind::Truncated { kept } => {
                write!(
                    f,
                    "{path}: article too large, only its first {kept} bytes were geocoded"
                )
            }
        }
    }
}

impl Warning {
    /// Whether the article was left out of the output entirely.
    pub fn skipped(&self) -> bool {
        matches!(
            self.kind,
            WarningKind::Unreadable(_)
                | WarningKind::Empty
                | WarningKind::Binary
                | WarningKind::Failed(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file() {
        let parse = Error::parse(Path::new("data/gazetteer.tsv"), 12, "bad latitude `x`");
        assert_eq!(parse.to_string(), "data/gazetteer.tsv:12: bad latitude `x`");
        let warning = Warning {
            path: "seeds/x.txt".into(),
            kind: WarningKind::Binary,
        };
        assert!(warning.to_string().starts_with("seeds/x.txt: "));
        assert!(warning.skipped());
    }
}
