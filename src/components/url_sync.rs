//! The app's links to the world outside its element: the URL fragment
//! (a permalink at every moment, Back/Forward through selections), the
//! iframe postMessage protocol (see [`crate::embed`]), and the host
//! element's size when mounted.
//!
//! Not components but setup functions, called once by `Map` inside its
//! reactive owner, so that their effects and listeners live as long as it.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use crate::data::MapData;
use crate::embed::{self, Incoming, RawMessage};
use crate::hash::{self, Fragment, Lang};
use crate::state::{
    ArticleFilter, Hosting, MapContext, MapRoot, MapView, OpenArticle, SelectedPlace, UiLang,
    NARROW_PX,
};
use crate::view::View;

/// The parts of the state whose change makes a history entry: selected
/// place, filter, reader, language.
type HistoryKey = (Option<String>, Vec<String>, Option<String>, Lang);

/// How long the view must rest before the URL follows it.
const VIEW_DEBOUNCE: Duration = Duration::from_millis(250);

/// The view centred on `(lon, lat)` at `scale` px/km, within the limits.
pub fn view_at(context: &MapContext, base: &View, (lon, lat, scale): (f64, f64, f64)) -> View {
    let (center_x, center_y) = model::Albers::csto().project(lon, lat);
    let asked = View {
        center_x,
        center_y,
        scale,
        ..*base
    };
    asked.clamped(&context.limits(&asked))
}

/// The ids among `ids` that are articles of the map (the others are dropped).
pub fn known_articles(data: &MapData, ids: &[String]) -> Vec<String> {
    ids.iter()
        .filter(|id| data.article(id).is_some())
        .cloned()
        .collect()
}

/// The app's state now, as a fragment.
pub fn current_fragment() -> Fragment {
    let SelectedPlace(selected) = expect_context();
    let OpenArticle(article) = expect_context();
    let ArticleFilter(filter) = expect_context();
    let UiLang(lang) = expect_context();
    let MapView(view) = expect_context();
    let hosting = expect_context::<Hosting>();
    let at = view.with(|v| {
        let (lon, lat) = model::Albers::csto().invert(v.center_x, v.center_y);
        (lon, lat, v.scale)
    });
    let lang = lang.get();
    Fragment {
        place: selected.get(),
        filter: filter.get(),
        article: article.get(),
        at: Some(at),
        lang: (lang != hosting.default_lang).then_some(lang),
        embed: hosting.embed,
        theme: hosting.theme,
    }
}

/// Keeps the URL fragment equal to the state (pushState when the
/// selection, filter, reader or language changes, debounced replaceState
/// when only the view does), and restores the state on Back/Forward.
///
/// In an iframe every change is a replaceState: a frame's pushState adds
/// entries to the host page's history, and the host's Back button would
/// then step through the map instead of leaving the page.
pub fn sync_url(context: MapContext) {
    let may_push = parent_window().is_none();
    let SelectedPlace(selected) = expect_context();
    let OpenArticle(article) = expect_context();
    let ArticleFilter(filter) = expect_context();
    let UiLang(lang) = expect_context();
    let MapView(view) = expect_context();
    let default_lang = expect_context::<Hosting>().default_lang;
    let owner = Owner::current();
    let restoring = StoredValue::new(false);
    let generation = StoredValue::new(0u64);

    let fragment_now = {
        let owner = owner.clone();
        move || match &owner {
            Some(owner) => owner.with(current_fragment),
            None => current_fragment(),
        }
    };

    Effect::new({
        let fragment_now = fragment_now.clone();
        move |previous: Option<HistoryKey>| {
            let key = (selected.get(), filter.get(), article.get(), lang.get());
            view.track();
            let hash = untrack(|| hash::format(&fragment_now()));
            let changed = previous.as_ref().is_some_and(|p| *p != key);
            if changed && !restoring.get_value() {
                write_url(&hash, may_push);
            } else {
                restoring.set_value(false);
                // Views change many times a second while panning: wait for a pause.
                let turn = generation.get_value() + 1;
                generation.set_value(turn);
                let fragment_now = fragment_now.clone();
                set_timeout(
                    move || {
                        if generation.try_get_value() == Some(turn) {
                            write_url(&untrack(|| hash::format(&fragment_now())), false);
                        }
                    },
                    VIEW_DEBOUNCE,
                );
            }
            key
        }
    });

    let restore = move || {
        let fragment = hash::parse(&window().location().hash().unwrap_or_default());
        let data = &context.data;
        let place = fragment.place.filter(|id| data.place(id).is_some());
        let reader = fragment.article.filter(|id| data.article(id).is_some());
        let articles = known_articles(data, &fragment.filter);
        let language = fragment.lang.unwrap_or(default_lang);
        let key_changed = selected.get_untracked() != place
            || filter.get_untracked() != articles
            || article.get_untracked() != reader
            || lang.get_untracked() != language;
        restoring.set_value(key_changed);
        if let Some(at) = fragment.at {
            view.update(|v| *v = view_at(&context, v, at));
        }
        selected.set(place);
        filter.set(articles);
        article.set(reader);
        lang.set(language);
    };
    let popstate = window_event_listener(leptos::ev::popstate, {
        let restore = restore.clone();
        move |_| restore()
    });
    let hashchange = window_event_listener(leptos::ev::hashchange, move |_| restore());
    on_cleanup(move || {
        popstate.remove();
        hashchange.remove();
    });
}

/// Writes `hash` into the address bar (push: a new history entry) unless
/// it is already there.
fn write_url(hash: &str, push: bool) {
    let window = window();
    let location = window.location();
    if location.hash().unwrap_or_default() == hash {
        return;
    }
    let Ok(href) = location.href() else { return };
    let url = embed::with_fragment(&href, hash);
    let Ok(history) = window.history() else {
        return;
    };
    let _ = if push {
        history.push_state_with_url(&JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
    };
}

/// The parent window when the app runs in an iframe.
fn parent_window() -> Option<web_sys::Window> {
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
pub fn iframe_protocol(context: MapContext) {
    let Some(parent) = parent_window() else {
        return;
    };
    let SelectedPlace(selected) = expect_context();
    let MapView(view) = expect_context();
    let MapRoot(root) = expect_context();
    let UiLang(lang) = expect_context();

    Effect::new({
        let parent = parent.clone();
        let data = context.data.clone();
        move |_| {
            let code = lang.get().code();
            let place = selected
                .get()
                .and_then(|id| data.place(&id).map(|p| (id, p.place.name_in(code).to_owned())));
            let value: JsValue = match place {
                Some((id, name)) => {
                    let object = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&object, &"id".into(), &id.into());
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
                Some(Incoming::Select(place)) => selected.set(place),
                Some(Incoming::View(lon, lat, scale)) => {
                    view.update(|v| *v = view_at(&context, v, (lon, lat, scale)));
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
            view.update(|v| {
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
