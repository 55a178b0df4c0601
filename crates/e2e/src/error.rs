//! The one error type of this crate: every variant says what was being done.

use std::path::PathBuf;
use std::time::Duration;

/// A failure of the test harness (not a failed assertion about the app).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file or directory.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The static file server could not listen on loopback.
    #[error("cannot start the static server for {root}: {message}")]
    Serve {
        /// The directory it was asked to serve.
        root: PathBuf,
        /// Why binding failed.
        message: String,
    },
    /// A program the tests need (chromedriver, chromium) is missing or failed to start.
    #[error("cannot start {program}: {message}")]
    Launch {
        /// The program.
        program: String,
        /// Why it could not be started.
        message: String,
    },
    /// The WebDriver session could not be created.
    #[error("cannot open a browser session: {0}")]
    Session(#[from] fantoccini::error::NewSessionError),
    /// A WebDriver command failed.
    #[error("webdriver command failed: {0}")]
    Command(#[from] fantoccini::error::CmdError),
    /// The page did not reach the awaited state in time.
    #[error("timed out after {waited:?} waiting for {what}")]
    Timeout {
        /// What was awaited, in words.
        what: String,
        /// How long it waited.
        waited: Duration,
    },
    /// The page answered something the page object cannot interpret.
    #[error("unexpected answer from the page while {doing}: {value}")]
    Unexpected {
        /// What the page object was doing.
        doing: String,
        /// What the page returned.
        value: String,
    },
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;
