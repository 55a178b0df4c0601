//! Post-processing of the site Trunk builds (`dist/`), so that it can be
//! distributed anywhere:
//!
//! - [`split_loader`] moves Trunk's inline loader script to `loader.js`, so
//!   the page runs under a Content-Security-Policy with no `'unsafe-inline'`
//!   and no hashes (`script-src 'self' 'wasm-unsafe-eval'`). The Trunk
//!   `post_build` hook runs it on every build.
//! - [`single_file`] writes the whole site as one self-contained HTML file
//!   (CSS, glue, base64 wasm and the data files) that opens
//!   by double-click from the file system, with no server and no network.
//!
//! - [`SizeReport`] measures the gzipped bytes a first view loads; the
//!   `size-check` binary holds it to [`SIZE_BUDGET_BYTES`] (`scripts/test`).
//!
//! Run as `cargo run -p bundle -- dist --output dist-single/otsc-map.html`
//! (see `scripts/single-file`) or `cargo run -p bundle -- dist --split-loader`.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod error;
pub mod html;
mod single;
mod site;
mod size;
mod split;

pub use error::{Error, Result};
pub use single::single_file;
pub use site::{Loader, Site};
pub use size::{gzipped_len, FileSize, SizeReport, SIZE_BUDGET_BYTES};
pub use split::{split_loader, LOADER_FILE};
