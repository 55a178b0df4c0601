//! Moves Trunk's inline loader script to a file of its own, so that the page
//! runs under `script-src 'self'` with neither `'unsafe-inline'` nor a hash.
//! Trunk 0.21 has no option for this (it always inlines the loader).

use std::path::Path;

use crate::error::{write, Result};
use crate::site::Site;

/// The file the loader is moved to, next to `index.html`.
pub const LOADER_FILE: &str = "loader.js";

/// Moves the inline loader of `dir/index.html` to `dir/loader.js` and points
/// the page at it (a `<script type="module" src>` with the same URL prefix as
/// the glue, so it works under any `--public-url`). Returns `false` when the
/// loader already is a file (running twice changes nothing).
///
/// # Errors
/// As [`Site::open`] and [`Site::loader`]; [`crate::Error::Io`] if a file
/// cannot be written.
pub fn split_loader(dir: &Path) -> Result<bool> {
    let site = Site::open(dir)?;
    let loader = site.loader()?;
    if loader.src.is_some() {
        return Ok(false);
    }
    let prefix = match loader.glue_url.rfind('/') {
        Some(slash) => &loader.glue_url[..=slash],
        None => "",
    };
    let script = format!(r#"<script type="module" src="{prefix}{LOADER_FILE}"></script>"#);
    let mut page = String::with_capacity(site.index.len());
    page.push_str(&site.index[..loader.span.start]);
    page.push_str(&script);
    page.push_str(&site.index[loader.span.end..]);
    write(&dir.join(LOADER_FILE), loader.code.trim_start().as_bytes())?;
    write(&site.index_path, page.as_bytes())?;
    Ok(true)
}
