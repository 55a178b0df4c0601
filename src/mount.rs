//! Mounting the app: on the standalone page (automatic) or into any
//! element (the `mount` export, for the custom element and other hosts).
//!
//! # Standalone page
//! `main` mounts the app on `document.body` unless the page opts out, by
//! either `<body data-otsc-no-automount>` or `globalThis.otscMapNoAutomount
//! = true` set before the wasm starts. Only the standalone app reads and
//! writes the URL fragment, listens on `window` and talks to a parent frame.
//!
//! # `mount(element, options)`
//! Exported by the wasm module (with Trunk's loader: `window.wasmBindings.mount`
//! once the `TrunkApplicationStarted` event fired; or import the glue module
//! and call it after `init`). Options, all optional, as a plain object:
//! `place` (id), `lang` (`"en"`/`"fr"`), `embed` (`true`, or a string other
//! than `"0"`/`"false"`, so an empty attribute value counts), `filter` or
//! `article` (an article id, comma-separated ids, or an array of ids),
//! `at` (`"lon,lat,pxPerKm"` or `[lon, lat, pxPerKm]`), `base` (the absolute
//! URL of the map site's folder, where the data files are; default: the
//! page's folder). Returns a function that unmounts the map.
//!
//! The map fills `element` (give it a size and `position: relative`); it
//! follows the element's size. When `element` is inside a shadow root the
//! app's stylesheet (embedded in the wasm) is adopted by it as a
//! constructable stylesheet (`adoptedStyleSheets`), which a strict host
//! Content-Security-Policy (`style-src 'self'`, no `'unsafe-inline'`)
//! allows, unlike a `<style>` element; in the light DOM the page must load `style.css` itself (it styles
//! `html, body` for the standalone page, so it is not injected there).
//! Keyboard handling stays on the map's element; nothing is added to
//! `window` or `document` but a `ResizeObserver` on the map itself.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::permalink::{self, Lang, Permalink};
use crate::state::Setup;

/// The app's stylesheet, for shadow roots (the standalone page links it).
pub const STYLE_CSS: &str = include_str!("../public/style.css");

/// Body attribute that stops the automatic mount.
pub const NO_AUTOMOUNT_ATTRIBUTE: &str = "data-otsc-no-automount";

/// Global flag that stops the automatic mount.
pub const NO_AUTOMOUNT_GLOBAL: &str = "otscMapNoAutomount";

/// Whether `main` should mount the app on the page's body.
pub fn auto_mount_wanted() -> bool {
    let opted_out_by_body = document()
        .body()
        .is_some_and(|b| b.has_attribute(NO_AUTOMOUNT_ATTRIBUTE));
    let opted_out_by_global =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(NO_AUTOMOUNT_GLOBAL))
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
    !opted_out_by_body && !opted_out_by_global
}

/// Mounts the standalone app on `document.body`, from the URL fragment.
pub fn mount_standalone() {
    let initial = permalink::parse(&window().location().hash().unwrap_or_default());
    let setup = Setup {
        initial,
        standalone: true,
        size: None,
        data: crate::data::DataSource::default(),
    };
    leptos::mount::mount_to_body(move || view! { <crate::App setup=setup.clone() /> });
}

/// Mounts the app into `element` with JS `options`; returns a JS function
/// that unmounts it.
pub fn mount_into(element: web_sys::HtmlElement, options: &JsValue) -> js_sys::Function {
    let options = MountOptions::read(options);
    let initial = permalink_from(&options);
    let root = element.get_root_node();
    // A shadow root, which the page's styles do not reach, needs the app's own.
    let adopted = root
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()
        .and_then(|shadow| adopt_style(&shadow));
    let size = (
        f64::from(element.client_width()),
        f64::from(element.client_height()),
    );
    let size = (size.0 > 0.0 && size.1 > 0.0).then_some(size);
    let setup = Setup {
        initial,
        standalone: false,
        size,
        data: crate::data::DataSource { base: options.base },
    };
    let handle = leptos::mount::mount_to(
        element,
        move || view! { <crate::App setup=setup.clone() /> },
    );
    let unmount = move || {
        drop(handle);
        if let Some(shadow) = adopted {
            let sheets = shadow.adopted_style_sheets();
            let sheet = app_sheet();
            let kept: js_sys::Array = sheets
                .iter()
                .filter(|s| sheet.as_ref() != Some(s))
                .collect();
            shadow.set_adopted_style_sheets(&kept);
        }
    };
    wasm_bindgen::closure::Closure::once_into_js(unmount).unchecked_into()
}

thread_local! {
    /// The app's stylesheet as a constructable sheet, built once and shared
    /// by every shadow root of the page (a sheet may be adopted many times).
    static APP_SHEET: Option<JsValue> = {
        let sheet = web_sys::CssStyleSheet::new().ok();
        sheet.filter(|sheet| sheet.replace_sync(STYLE_CSS).is_ok()).map(JsValue::from)
    };
}

/// The app's constructable stylesheet, `None` if the browser lacks them.
fn app_sheet() -> Option<JsValue> {
    APP_SHEET.with(Clone::clone)
}

/// Adds the app's stylesheet to `shadow`'s adopted sheets, after the ones
/// already there (the host element's own); returns `shadow` if it was
/// added by this call, so that unmounting removes only what it added.
fn adopt_style(shadow: &web_sys::ShadowRoot) -> Option<web_sys::ShadowRoot> {
    let sheet = app_sheet()?;
    let sheets = shadow.adopted_style_sheets();
    if sheets.includes(&sheet, 0) {
        return None;
    }
    let sheets = sheets.slice(0, sheets.length());
    sheets.push(&sheet);
    shadow.set_adopted_style_sheets(&sheets);
    Some(shadow.clone())
}

/// `mount`'s options as strings, before validation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MountOptions {
    /// `place`.
    pub place: Option<String>,
    /// `lang`.
    pub lang: Option<String>,
    /// `embed`: `Some(true)` for `true` or a string that is not `0`/`false`.
    pub embed: bool,
    /// `filter` and `article`, each split at commas.
    pub filter: Vec<String>,
    /// `at`, as `lon,lat,pxPerKm`.
    pub at: Option<String>,
    /// `base`: the absolute URL of the map site's folder, where its data
    /// files are (default: the page's folder).
    pub base: Option<String>,
}

impl MountOptions {
    /// Reads the options object; fields of the wrong type are ignored.
    fn read(options: &JsValue) -> MountOptions {
        if !options.is_object() {
            return MountOptions::default();
        }
        let get = |key: &str| {
            js_sys::Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
        };
        let list = |value: JsValue| -> Vec<String> {
            if let Some(text) = value.as_string() {
                vec![text]
            } else if js_sys::Array::is_array(&value) {
                js_sys::Array::from(&value)
                    .iter()
                    .filter_map(|v| v.as_string())
                    .collect()
            } else {
                Vec::new()
            }
        };
        let embed = get("embed");
        let at = get("at");
        let at = at.as_string().or_else(|| {
            js_sys::Array::is_array(&at).then(|| {
                js_sys::Array::from(&at)
                    .iter()
                    .filter_map(|v| v.as_f64())
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            })
        });
        MountOptions {
            place: get("place").as_string(),
            lang: get("lang").as_string(),
            embed: embed.as_bool().unwrap_or(false)
                || embed.as_string().is_some_and(|s| s != "0" && s != "false"),
            filter: list(get("filter"))
                .into_iter()
                .chain(list(get("article")))
                .collect(),
            at,
            base: get("base").as_string(),
        }
    }
}

/// The first state `mount`'s options ask for.
pub fn permalink_from(options: &MountOptions) -> Permalink {
    let mut filter: Vec<String> = Vec::new();
    for id in options
        .filter
        .iter()
        .flat_map(|ids| ids.split(','))
        .map(str::trim)
        .filter(|id| !id.is_empty())
    {
        if !filter.iter().any(|known| known == id) {
            filter.push(id.to_owned());
        }
    }
    Permalink {
        place: options
            .place
            .clone()
            .filter(|p| !p.is_empty())
            .map(Into::into),
        filter,
        when: None,
        article: None,
        at: options.at.as_deref().and_then(permalink::parse_at),
        lang: options.lang.as_deref().and_then(Lang::parse),
        embed: options.embed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_become_a_first_state() {
        let options = MountOptions {
            place: Some("batken-1528735".into()),
            lang: Some("fr".into()),
            embed: true,
            filter: vec!["a, b".into(), "a".into()],
            at: Some("70,40,2".into()),
            base: None,
        };
        let f = permalink_from(&options);
        assert_eq!(f.place.as_deref(), Some("batken-1528735"));
        assert_eq!(f.lang, Some(Lang::Fr));
        assert_eq!(f.filter, ["a", "b"]);
        assert_eq!(f.at, Some((70.0, 40.0, 2.0)));
        assert!(f.embed);
    }

    #[test]
    fn bad_options_are_ignored() {
        let options = MountOptions {
            place: Some(String::new()),
            lang: Some("de".into()),
            at: Some("x".into()),
            ..Default::default()
        };
        assert_eq!(permalink_from(&options), Permalink::default());
    }
}
