//! Entry point of the map app: installs the panic hook, mounts
//! [`otsc_map::App`] on the standalone page, and exports `mount` for
//! pages that put the map into their own element.

use wasm_bindgen::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
    if otsc_map::mount::auto_mount_wanted() {
        otsc_map::mount::mount_standalone();
    }
}

/// Mounts the map into `element` (see [`otsc_map::mount`] for the options:
/// `{place, lang, embed, filter | article, at}`, all optional). Returns a
/// function that unmounts it again.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> js_sys::Function {
    otsc_map::mount::mount_into(element, &options)
}
