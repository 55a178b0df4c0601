//! The whole site as one HTML file that opens from the file system with no
//! server and no network: stylesheets become `<style>`, the wasm-bindgen
//! glue and a base64 copy of the `.wasm` become one inline module script
//! (inline module scripts run from `file://`; module *files* do not, and
//! neither does `fetch` of the `.wasm`). The data files the app fetches on
//! a served site travel inside the page as `<script type="application/json"
//! data-path="…">` elements, which the app reads instead of fetching.

use std::path::Path;

use base64::Engine;

use crate::error::{read_bytes, read_text, Error, Result};
use crate::html::{elements, splice};
use crate::site::Site;

/// The single-file page for the site in `dir`.
///
/// # Errors
/// As [`Site::open`] and [`Site::loader`]; [`Error::Io`] naming an asset
/// that cannot be read; [`Error::Shape`] naming the glue if it cannot be
/// inlined (it imports other modules, or contains `</script`).
pub fn single_file(dir: &Path) -> Result<String> {
    let site = Site::open(dir)?;
    let loader = site.loader()?;
    let mut edits = vec![(
        loader.span.clone(),
        inline_data(&site.dir)? + &inline_app(&site, &loader.glue_url, &loader.wasm_url)?,
    )];
    for link in elements(&site.index, "link") {
        let rel = link.attribute("rel").unwrap_or_default();
        let edit = match rel {
            "stylesheet" => {
                let href = link.attribute("href").unwrap_or_default();
                let path = site.file_for(href);
                let css = read_text(&path)?;
                if css.to_ascii_lowercase().contains("</style") {
                    return Err(shape(&path, "contains `</style`, cannot be inlined"));
                }
                format!("<style>\n{css}</style>")
            }
            // Preloads of files that are now inline would be failed requests.
            "modulepreload" | "preload" => String::new(),
            _ => continue,
        };
        edits.push((link.span.clone(), edit));
    }
    Ok(splice(&site.index, edits))
}

/// The data files the app reads (every `.json` file, in any folder), each
/// as a `<script type="application/json" data-path="…">`, in path order.
/// `<` is written `\u003c` (the same JSON once parsed), so no text inside
/// can end the script element.
fn inline_data(dir: &Path) -> Result<String> {
    let mut paths = Vec::new();
    data_files(dir, dir, &mut paths)?;
    paths.sort();
    let mut out = String::new();
    for relative in paths {
        let json = read_text(&dir.join(&relative))?.replace('<', "\\u003c");
        let attribute = relative.replace('&', "&amp;").replace('"', "&quot;");
        out.push_str(&format!(
            "<script type=\"application/json\" data-path=\"{attribute}\">{json}</script>\n"
        ));
    }
    Ok(out)
}

/// Adds the `/`-separated paths (relative to `root`) of the data files
/// under `dir` to `out`.
fn data_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            data_files(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

/// One inline module script: the glue turned into plain declarations, the
/// wasm bytes, and the start-up Trunk's loader does (`init`, then
/// `window.wasmBindings` and the `TrunkApplicationStarted` event). Its own
/// names start with `__otsc_`: the glue already declares `wasm`.
fn inline_app(site: &Site, glue_url: &str, wasm_url: &str) -> Result<String> {
    let glue_path = site.file_for(glue_url);
    let glue = read_text(&glue_path)?;
    let (code, exports) = strip_exports(&glue).map_err(|message| shape(&glue_path, &message))?;
    if code.to_ascii_lowercase().contains("</script") {
        return Err(shape(&glue_path, "contains `</script`, cannot be inlined"));
    }
    let wasm = read_bytes(&site.file_for(wasm_url))?;
    let wasm_base64 = base64::engine::general_purpose::STANDARD.encode(wasm);
    let bindings = exports
        .iter()
        .map(|(local, exported)| format!("{exported}: {local}"))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(format!(
        r#"<script type="module">
{code}
const __otsc_wasm_bytes = Uint8Array.from(atob("{wasm_base64}"), (c) => c.charCodeAt(0));
const __otsc_wasm = await __wbg_init({{ module_or_path: __otsc_wasm_bytes }});
window.wasmBindings = {{ {bindings} }};
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {{ detail: {{ wasm: __otsc_wasm }} }}));
</script>"#
    ))
}

/// The glue without its `export` keywords, and its exports as (local name,
/// exported name). Only the forms wasm-bindgen writes are accepted; an
/// `import` (a JS snippet module) cannot be inlined.
///
/// ```text
/// export class A {}            ->  class A {}                 (A, A)
/// export { f, g as default };  ->  (removed)                  (f, f), (g, default)
/// ```
fn strip_exports(glue: &str) -> std::result::Result<(String, Vec<(String, String)>), String> {
    let mut code = String::with_capacity(glue.len());
    let mut exports = Vec::new();
    for (number, line) in glue.lines().enumerate() {
        if line.starts_with("import ") {
            return Err(format!(
                "line {}: imports another module (`{line}`), cannot be inlined",
                number + 1
            ));
        }
        if let Some(list) = line.strip_prefix("export {") {
            let list = list.trim_end().trim_end_matches(';').trim_end_matches('}');
            for item in list
                .split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
            {
                let (local, exported) = item.split_once(" as ").unwrap_or((item, item));
                exports.push((local.trim().to_string(), exported.trim().to_string()));
            }
            continue;
        }
        if let Some(declaration) = line.strip_prefix("export ") {
            let name = ["class ", "function ", "async function ", "const ", "let "]
                .iter()
                .find_map(|keyword| declaration.strip_prefix(keyword))
                .and_then(|rest| {
                    rest.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                        .next()
                })
                .filter(|name| !name.is_empty())
                .ok_or_else(|| format!("line {}: unexpected export `{line}`", number + 1))?;
            exports.push((name.to_string(), name.to_string()));
            code.push_str(declaration);
        } else {
            code.push_str(line);
        }
        code.push('\n');
    }
    Ok((code, exports))
}

fn shape(path: &Path, message: &str) -> Error {
    Error::Shape {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_become_declarations_and_bindings() {
        let glue = "let wasm;\nexport class Thing {\n}\nexport function mount(a) {}\nfunction initSync() {}\nasync function __wbg_init() {}\nexport { initSync, __wbg_init as default };\n";
        let (code, exports) = strip_exports(glue).unwrap();
        assert!(!code.contains("export"), "{code}");
        assert!(code.contains("class Thing {\n}\nfunction mount(a) {}"));
        let names: Vec<_> = exports.iter().map(|(l, e)| format!("{l}>{e}")).collect();
        assert_eq!(
            names,
            [
                "Thing>Thing",
                "mount>mount",
                "initSync>initSync",
                "__wbg_init>default"
            ]
        );
    }

    #[test]
    fn snippet_imports_and_unknown_exports_are_refused_with_their_line() {
        let error = strip_exports("let a;\nimport { x } from './snippets/x.js';\n").unwrap_err();
        assert!(error.starts_with("line 2:"), "{error}");
        let error = strip_exports("export * from './x.js';\n").unwrap_err();
        assert!(error.contains("unexpected export"), "{error}");
    }
}
