//! In an iframe, the map talks to its parent window: the postMessage
//! protocol's effects (its pure parts, documented, are in [`crate::embed`]).
//!
//! A setup function, not a component: called once by the standalone `Map`
//! inside its reactive owner, so that its effects and listeners live as long as it.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::embed::{self, Incoming, RawMessage};
use crate::state::{MapContext, MapRoot, MapView, SelectedPlace, NARROW_PX};

/// The parent window when the app runs in an iframe.
pub fn parent_window() -> Option<web_sys::Window> {
    let window = window();
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// Posts `{type, <key>: value}` to the parent window, target origin `*`.
fn post(parent: &web_sys::Window, kind: &str, key: &str, value: &JsValue) {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &kind.into());
    let _ = js_sys::Reflect::set(&message, &key.into(), value);
    // "*": the map cannot know its host, and says nothing secret.
    let _ = parent.post_message(&message, "*");
}

/// In an iframe: posts the wanted height and the selection to the parent,
/// and obeys the documented messages from it.
pub fn talk_to_parent(context: MapContext) {
    let Some(parent) = parent_window() else {
        return;
    };
    let SelectedPlace(selected) = expect_context();
    let MapView(view) = expect_context();
    let MapRoot(root) = expect_context();

    Effect::new({
        let parent = parent.clone();
        let data = context.data.clone();
        move |_| {
            let place = selected
                .get()
                .and_then(|id| data.place(&id).map(|p| (id, p.place.name.clone())));
            let value: JsValue = match place {
                Some((id, name)) => {
                    let object = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&object, &"id".into(), &id.as_str().into());
                    let _ = js_sys::Reflect::set(&object, &"name".into(), &name.into());
                    object.into()
                }
                None => JsValue::NULL,
            };
            post(&parent, embed::SELECT, "place", &value);
        }
    });

    let crate::state::PopupContent(popup_content) = expect_context();
    let last_height = StoredValue::new(0.0f64);
    Effect::new({
        let parent = parent.clone();
        move |_| {
            selected.track();
            popup_content.track();
            let narrow = view.with(|v| v.width < NARROW_PX);
            let parent = parent.clone();
            // Measure once the popup is drawn.
            request_animation_frame(move || {
                let popup = root
                    .get_untracked()
                    .and_then(|main| main.query_selector("[data-testid=popup]").ok().flatten())
                    .map(|popup| f64::from(popup.scroll_height()));
                let height = embed::wanted_height(popup, narrow);
                if (height - last_height.get_value()).abs() >= 1.0 {
                    last_height.set_value(height);
                    post(&parent, embed::HEIGHT, "height", &height.into());
                }
            });
        }
    });

    let data = context.data.clone();
    let on_message =
        window_event_listener(leptos::ev::message, move |event: web_sys::MessageEvent| {
            let raw = read_message(&event.data());
            match embed::validate(&raw, |id| data.place(id).is_some()) {
                Some(Incoming::Select(place)) => selected.set(place.map(Into::into)),
                Some(Incoming::View(lon, lat, scale)) => {
                    view.update(|v| *v = context.view_at(v, (lon, lat, scale)));
                }
                None => {}
            }
        });
    on_cleanup(move || on_message.remove());
}

/// The fields of a message's data, typed as the protocol wants or absent.
fn read_message(data: &JsValue) -> RawMessage {
    if !data.is_object() {
        return RawMessage::default();
    }
    let get = |key: &str| js_sys::Reflect::get(data, &key.into()).unwrap_or(JsValue::UNDEFINED);
    let place = get("place");
    let at = get("at");
    RawMessage {
        kind: get("type").as_string(),
        place: if place.is_null() {
            Some(None)
        } else {
            place.as_string().map(Some)
        },
        at: js_sys::Array::is_array(&at)
            .then(|| {
                js_sys::Array::from(&at)
                    .iter()
                    .map(|v| v.as_f64())
                    .collect::<Option<Vec<f64>>>()
            })
            .flatten(),
    }
}
