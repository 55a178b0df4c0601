//! End-to-end tests of the built map, in headless Chromium.
//!
//! The pieces, one concern each:
//! - [`StaticServer`] serves `dist/` on loopback (optionally with extra
//!   headers such as a Content-Security-Policy);
//! - [`Browser`] starts chromedriver and a headless Chromium with a fresh profile;
//! - [`browser_log`] reads the console back, to prove the page logs no error;
//! - [`MapPage`] is the page object, written against the App DOM contract;
//! - [`STRICT_CSP`] is the Content-Security-Policy the site must run under;
//! - [`probe`] measures what a person feels (frame intervals during a drag or
//!   a wheel zoom, time to first marker, popup latency, bytes, heap, DOM size)
//!   on this map or any reference page, for the benchmarks;
//! - [`leaflet`] writes the benchmarks' reference: a plain Leaflet page of the
//!   same places;
//! - [`Seed`] reads titles and URLs from `seeds/` so tests hard-code neither;
//! - [`corpus_dist_dir`] is the 1,000-article site (dist/'s app, generated data);
//! - [`synthetic_places`] and [`site_with_places`] make a dense site (thousands of places);
//! - [`wait_until`] is the one way to wait: on a condition, for a bounded time;
//! - [`audit`] runs axe-core in the page, reads Chromium's accessibility tree,
//!   and emulates a reader's colour scheme and languages.
//!
//! The tests themselves are in `tests/e2e.rs`; `scripts/test` builds the site
//! first. Run them alone with `trunk build --release && cargo test -p e2e`.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod audit;
mod browser;
mod chromedriver;
mod console;
mod csp;
mod error;
pub mod leaflet;
mod map_page;
pub mod probe;
mod server;
mod site;
mod synthetic;
mod wait;

pub use browser::{Browser, BrowserOptions};
pub use console::{browser_log, LogEntry};
pub use csp::STRICT_CSP;
pub use error::{Error, Result};
pub use map_page::{settle, MapPage, Point, SETTLED, WAIT};
pub use probe::{FrameStats, Gesture, Selectors};
pub use server::StaticServer;
pub use site::{
    corpus_dist_dir, dist_dir, hostile_dist_dir, workspace_root, Seed, CORPUS_ARTICLES,
};
pub use synthetic::{crowded_place, site_with_places, synthetic_places, CROWDED_PLACE};
pub use wait::{wait_for_settled, wait_until};
