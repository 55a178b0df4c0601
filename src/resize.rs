//! The map follows the size of what it fills: the window for the
//! standalone page, its element when mounted.
//!
//! Setup functions, not components: called once by `Map` inside its
//! reactive owner, so that their listeners live as long as it.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use crate::state::{MapContext, MapRoot, MapView};

/// The window's inner size in CSS px (the standalone map fills it).
pub fn window_size() -> (f64, f64) {
    let window = window();
    let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    (
        size(window.inner_width()).max(1.0),
        size(window.inner_height()).max(1.0),
    )
}

/// Standalone: the map follows the window's size.
pub fn follow_window_size(context: MapContext) {
    let MapView(view) = expect_context();
    let resize = window_event_listener(ev::resize, move |_| {
        let (w, h) = window_size();
        view.update(|v| {
            let resized = v.resized(w, h);
            *v = resized.clamped(&context.limits(&resized));
        });
    });
    on_cleanup(move || resize.remove());
}

/// Mounted: the map follows its element's size (a `ResizeObserver` on the
/// map itself, no window listener).
pub fn follow_element_size(context: MapContext) {
    let MapView(view) = expect_context();
    let MapRoot(root) = expect_context();
    let observer: StoredValue<Option<web_sys::ResizeObserver>, LocalStorage> =
        StoredValue::new_local(None);
    Effect::new(move |_| {
        let Some(main) = root.get() else { return };
        let context = context.clone();
        let measured = main.clone();
        let callback = Closure::<dyn FnMut()>::new(move || {
            let (w, h) = (
                f64::from(measured.client_width()),
                f64::from(measured.client_height()),
            );
            if w < 1.0 || h < 1.0 {
                return;
            }
            // `try_`: a resize seen just before the map was unmounted is
            // reported after its view is disposed; it resizes nothing.
            view.try_update(|v| {
                if (v.width - w).abs() >= 0.5 || (v.height - h).abs() >= 0.5 {
                    let resized = v.resized(w, h);
                    *v = resized.clamped(&context.limits(&resized));
                }
            });
        });
        if let Ok(resize_observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref())
        {
            resize_observer.observe(&main);
            observer.update_value(|o| *o = Some(resize_observer));
        }
        callback.forget();
    });
    on_cleanup(move || {
        if let Some(Some(o)) = observer.try_get_value() {
            o.disconnect();
        }
    });
}
