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
/// The moved loader resolves the `.wasm` URL against its own URL
/// (`import.meta.url`) rather than the page's, so a page anywhere (e.g. one
/// using the `<otsc-map>` custom element) can import it.
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
    let code = module_relative_wasm_url(loader.code.trim_start(), &loader.wasm_url);
    write(&dir.join(LOADER_FILE), code.as_bytes())?;
    write(&site.index_path, page.as_bytes())?;
    Ok(true)
}

/// `code` with the quoted `wasm_url` passed to `init` turned into a URL
/// resolved against the module's own URL.
///
/// ```text
/// init({ module_or_path: './a_bg.wasm' })
///   -> init({ module_or_path: new URL('./a_bg.wasm', import.meta.url) })
/// ```
fn module_relative_wasm_url(code: &str, wasm_url: &str) -> String {
    let resolved = format!("new URL({wasm_url:?}, import.meta.url)");
    ['\'', '"']
        .iter()
        .map(|quote| format!("{quote}{wasm_url}{quote}"))
        .find(|literal| code.contains(literal.as_str()))
        .map_or_else(
            || code.to_string(),
            |literal| code.replace(&literal, &resolved),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wasm_url_is_resolved_against_the_loader() {
        let code = "import init from './a.js';\nawait init({ module_or_path: './a_bg.wasm' });";
        assert_eq!(
            module_relative_wasm_url(code, "./a_bg.wasm"),
            "import init from './a.js';\nawait init({ module_or_path: new URL(\"./a_bg.wasm\", import.meta.url) });"
        );
    }

    #[test]
    fn splitting_writes_the_loader_and_is_idempotent() {
        let dir = std::env::temp_dir().join(format!("bundle-split-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let page = "<html><head><script type=\"module\">\nimport init, * as b from '/p/a-1.js';\nawait init({ module_or_path: '/p/a_bg.wasm' });\n</script></head></html>";
        std::fs::write(dir.join("index.html"), page).unwrap();
        assert!(split_loader(&dir).unwrap());
        let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert_eq!(
            index,
            "<html><head><script type=\"module\" src=\"/p/loader.js\"></script></head></html>"
        );
        let loader = std::fs::read_to_string(dir.join(LOADER_FILE)).unwrap();
        assert!(
            loader.starts_with("import init, * as b from '/p/a-1.js';"),
            "{loader}"
        );
        assert!(
            loader.contains("new URL(\"/p/a_bg.wasm\", import.meta.url)"),
            "{loader}"
        );
        assert!(!split_loader(&dir).unwrap());
        assert_eq!(
            std::fs::read_to_string(dir.join("index.html")).unwrap(),
            index
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
