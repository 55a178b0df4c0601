//! End-to-end tests of the built map, in headless Chromium.
//!
//! The pieces, one concern each:
//! - [`StaticServer`] serves `dist/` on loopback (optionally with extra
//!   headers such as a Content-Security-Policy);
//! - [`Browser`] starts chromedriver and a headless Chromium with a fresh profile;
//! - [`browser_log`] reads the console back, to prove the page logs no error;
//! - [`MapPage`] is the page object, written against the App DOM contract;
//! - [`STRICT_CSP`] is the Content-Security-Policy the site must run under;
//! - [`SizeReport`] measures the gzipped download (the `size-check` binary);
//! - [`Seed`] reads titles and URLs from `seeds/` so tests hard-code neither;
//! - [`wait_until`] is the one way to wait: on a condition, for a bounded time.
//!
//! The tests themselves are in `tests/e2e.rs`; `scripts/test` builds the site
//! first. Run them alone with `trunk build --release && cargo test -p e2e`.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod browser;
mod console;
mod csp;
mod error;
mod map_page;
mod server;
mod site;
mod size;
mod wait;

pub use browser::{Browser, BrowserOptions};
pub use console::{browser_log, LogEntry};
pub use csp::STRICT_CSP;
pub use error::{Error, Result};
pub use map_page::{settle, MapPage, Point, SETTLED, WAIT};
pub use server::StaticServer;
pub use site::{dist_dir, hostile_dist_dir, workspace_root, Seed};
pub use size::{gzipped_len, FileSize, SizeReport, SIZE_BUDGET_BYTES};
pub use wait::{wait_for_settled, wait_until};
