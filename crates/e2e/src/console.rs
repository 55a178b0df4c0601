//! The browser's console, read back through chromedriver.
//!
//! A page cannot be hooked before it loads through WebDriver, so the tests ask
//! Chromium itself: the session is opened with `goog:loggingPrefs
//! {"browser": "ALL"}` and the log is fetched with chromedriver's `se/log`
//! command, which returns (and clears) every console message, uncaught
//! exception and failed resource load since the last call.

use fantoccini::Client;
use serde_json::Value;

use crate::chromedriver::VendorCommand;
use crate::error::{Error, Result};

/// One console entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// `SEVERE` (errors), `WARNING`, `INFO`, `DEBUG`.
    pub level: String,
    /// Where it came from: `console-api`, `javascript`, `network`, ...
    pub source: String,
    /// The text, prefixed by Chromium with the script URL and position.
    pub message: String,
}

impl LogEntry {
    /// Whether DevTools would show it as an error.
    pub fn is_error(&self) -> bool {
        self.level == "SEVERE"
    }
}

impl std::fmt::Display for LogEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{} {}] {}", self.level, self.source, self.message)
    }
}

/// Takes every console entry logged since the previous call.
///
/// # Errors
/// [`Error::Command`] if chromedriver does not support the command,
/// [`Error::Unexpected`] if its answer is not a list of entries.
pub async fn browser_log(client: &Client) -> Result<Vec<LogEntry>> {
    let answer = client.issue_cmd(VendorCommand::browser_log()).await?;
    let unexpected = || Error::Unexpected {
        doing: "reading the browser log".into(),
        value: answer.to_string(),
    };
    let entries = answer.as_array().ok_or_else(unexpected)?;
    entries
        .iter()
        .map(|entry| {
            let field = |name: &str| entry.get(name).and_then(Value::as_str).map(str::to_owned);
            Ok(LogEntry {
                level: field("level").ok_or_else(unexpected)?,
                source: field("source").unwrap_or_default(),
                message: field("message").ok_or_else(unexpected)?,
            })
        })
        .collect()
}
