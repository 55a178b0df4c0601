//! A site built by Trunk: its `index.html` and the loader that starts the
//! WebAssembly app (inline, as Trunk writes it, or moved to a file by
//! [`crate::split_loader`]).

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::error::{read_text, Error, Result};
use crate::html::{elements, Element};

/// A built site in a directory.
#[derive(Debug)]
pub struct Site {
    /// The directory (`dist/`).
    pub dir: PathBuf,
    /// Its `index.html`.
    pub index_path: PathBuf,
    /// The text of `index.html`.
    pub index: String,
}

/// The module script that imports the wasm-bindgen glue and starts the app.
#[derive(Debug)]
pub struct Loader {
    /// Where the `<script>` element is in `index.html`.
    pub span: Range<usize>,
    /// Its code (the inline body, or the file its `src` names).
    pub code: String,
    /// `src` of an external loader; `None` for an inline one.
    pub src: Option<String>,
    /// The URL the loader imports the glue from, as written.
    pub glue_url: String,
    /// The URL of the `.wasm` module it passes to `init`, as written.
    pub wasm_url: String,
}

impl Site {
    /// Reads `dir/index.html`.
    ///
    /// # Errors
    /// [`Error::Io`] naming `index.html` when it cannot be read.
    pub fn open(dir: &Path) -> Result<Self> {
        let index_path = dir.join("index.html");
        let index = read_text(&index_path)?;
        Ok(Self {
            dir: dir.to_path_buf(),
            index_path,
            index,
        })
    }

    /// The file of the site a URL of the page points to. Trunk writes every
    /// asset flat next to `index.html`, under any `--public-url`, so the last
    /// path segment names it.
    pub fn file_for(&self, url: &str) -> PathBuf {
        let path = url.split(['?', '#']).next().unwrap_or_default();
        self.dir.join(path.rsplit('/').next().unwrap_or(path))
    }

    /// The module script that imports the glue and calls its `init`.
    ///
    /// # Errors
    /// [`Error::Shape`] naming the page (or loader file) when there is no
    /// such script or it does not say where the glue and the wasm are.
    pub fn loader(&self) -> Result<Loader> {
        let shape = |path: &Path, message: &str| Error::Shape {
            path: path.to_path_buf(),
            message: message.to_string(),
        };
        let modules: Vec<Element> = elements(&self.index, "script")
            .into_iter()
            .filter(|script| script.attribute("type") == Some("module"))
            .collect();
        for script in modules {
            let (code, src, path) = match script.attribute("src") {
                Some(src) => {
                    let path = self.file_for(src);
                    (read_text(&path)?, Some(src.to_string()), path)
                }
                None => (
                    script.body.unwrap_or_default().to_string(),
                    None,
                    self.index_path.clone(),
                ),
            };
            if !code.contains("module_or_path") {
                continue;
            }
            let glue_url = quoted_after(&code, " from ")
                .ok_or_else(|| shape(&path, "the loader imports no glue module (`from '…'`)"))?;
            // `'x_bg.wasm'` as Trunk writes it, or `new URL('x_bg.wasm',
            // import.meta.url)` once `split_loader` moved it.
            let wasm_url = quoted_after(&code, "module_or_path:")
                .or_else(|| quoted_after(&code, "module_or_path: new URL("))
                .ok_or_else(|| {
                    shape(
                        &path,
                        "the loader passes no wasm URL (`module_or_path: '…'`)",
                    )
                })?;
            return Ok(Loader {
                span: script.span.clone(),
                src,
                glue_url: glue_url.to_string(),
                wasm_url: wasm_url.to_string(),
                code,
            });
        }
        Err(shape(
            &self.index_path,
            "no <script type=\"module\"> calling init({ module_or_path }) (is this a Trunk site?)",
        ))
    }
}

/// The quoted string that follows the first `marker` in `code`.
fn quoted_after<'a>(code: &'a str, marker: &str) -> Option<&'a str> {
    let rest = code[code.find(marker)? + marker.len()..].trim_start();
    let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    rest[1..].split(quote).next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_after_reads_either_quote() {
        let code =
            "import init, * as b from '/p/app-1.js';\ninit({ module_or_path: \"/p/app_bg.wasm\" })";
        assert_eq!(quoted_after(code, " from "), Some("/p/app-1.js"));
        assert_eq!(
            quoted_after(code, "module_or_path:"),
            Some("/p/app_bg.wasm")
        );
        assert_eq!(quoted_after(code, "nothing"), None);
    }
}
