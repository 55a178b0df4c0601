//! The bundler on a small Trunk-shaped site written to a temp directory.

use std::fs;
use std::path::PathBuf;

use base64::Engine;

/// A site shaped like Trunk's output (public URL `./`), in a fresh directory.
fn site(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bundle-test-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("index.html"),
        r#"<html><head><link rel="icon" href="data:," />
<link rel="stylesheet" href="./style-1.css" integrity="sha384-x"/>
<script type="module">
import init, * as bindings from './app-1.js';
const wasm = await init({ module_or_path: './app-1_bg.wasm' });
window.wasmBindings = bindings;
</script>
<link rel="modulepreload" href="./app-1.js" crossorigin="anonymous"><link rel="preload" href="./app-1_bg.wasm" as="fetch"></head><body></body></html>"#,
    )
    .unwrap();
    fs::write(dir.join("style-1.css"), "button { color: red; }\n").unwrap();
    fs::write(
        dir.join("app-1.js"),
        "let wasm;\nexport function mount(e) { return e; }\nasync function __wbg_init(m) { wasm = m; }\nexport { __wbg_init as default };\n",
    )
    .unwrap();
    fs::write(dir.join("app-1_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    dir
}

#[test]
fn the_single_file_inlines_everything_and_fetches_nothing() {
    let dir = site("single");
    let page = bundle::single_file(&dir).unwrap();
    assert!(
        page.contains("<style>\nbutton { color: red; }\n</style>"),
        "{page}"
    );
    let wasm_base64 = base64::engine::general_purpose::STANDARD.encode(b"\0asm\x01\0\0\0");
    assert!(page.contains(&format!("atob(\"{wasm_base64}\")")), "{page}");
    assert!(page.contains("function mount(e) { return e; }"));
    assert!(page.contains("window.wasmBindings = { mount: mount, default: __wbg_init };"));
    for reference in ["app-1.js", "app-1_bg.wasm", "style-1.css", "export "] {
        assert!(!page.contains(reference), "{reference} left in:\n{page}");
    }
    // Deterministic: the same site gives the same bytes.
    assert_eq!(bundle::single_file(&dir).unwrap(), page);
}

#[test]
fn a_split_site_bundles_to_the_same_page() {
    let dir = site("split");
    let before = bundle::single_file(&dir).unwrap();
    assert!(bundle::split_loader(&dir).unwrap());
    let index = fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(
        index.contains(r#"<script type="module" src="./loader.js"></script>"#),
        "{index}"
    );
    assert_eq!(bundle::single_file(&dir).unwrap(), before);
}

#[test]
fn a_missing_asset_is_an_error_naming_it() {
    let dir = site("missing");
    fs::remove_file(dir.join("app-1_bg.wasm")).unwrap();
    let error = bundle::single_file(&dir).unwrap_err().to_string();
    assert!(error.contains("app-1_bg.wasm"), "{error}");
    let error = bundle::single_file(&dir.join("nowhere"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("nowhere/index.html"), "{error}");
}

#[test]
fn a_page_without_a_trunk_loader_is_refused_with_its_name() {
    let dir = site("no-loader");
    fs::write(
        dir.join("index.html"),
        "<html><script src=x.js></script></html>",
    )
    .unwrap();
    let error = bundle::split_loader(&dir).unwrap_err().to_string();
    assert!(
        error.contains("index.html") && error.contains("init"),
        "{error}"
    );
}
