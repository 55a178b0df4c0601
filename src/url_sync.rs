//! The URL follows the app's state: a permalink at every moment, and
//! Back/Forward step through selections (the parameters: [`crate::permalink`]).
//!
//! A setup function, not a component: called once by the standalone `Map`
//! inside its reactive owner, so that its effect and listeners live as long as it.

use std::time::Duration;

use leptos::prelude::*;
use model::PlaceId;
use wasm_bindgen::JsValue;

use crate::embed;
use crate::permalink::{self, Lang, Permalink};
use crate::state::{
    ArticleFilter, Hosting, MapContext, MapView, OpenArticle, SelectedPlace, TimeRange, UiLang,
};

/// The parts of the state whose change makes a history entry: selected
/// place, filter, time range, reader, language.
type HistoryKey = (
    Option<PlaceId>,
    Vec<String>,
    Option<model::MonthRange>,
    Option<String>,
    Lang,
);

/// How long the view must rest before the URL follows it.
const VIEW_DEBOUNCE: Duration = Duration::from_millis(250);

/// The app's state now, as a fragment.
pub fn current_permalink() -> Permalink {
    let SelectedPlace(selected) = expect_context();
    let OpenArticle(article) = expect_context();
    let ArticleFilter(filter) = expect_context();
    let TimeRange(when) = expect_context();
    let UiLang(lang) = expect_context();
    let MapView(view) = expect_context();
    let hosting = expect_context::<Hosting>();
    let at = view.with(|v| {
        let (lon, lat) = model::Albers::csto().invert(v.center_x, v.center_y);
        (lon, lat, v.scale)
    });
    let lang = lang.get();
    Permalink {
        place: selected.get(),
        filter: filter.get(),
        when: when.get(),
        article: article.get(),
        at: Some(at),
        lang: (lang != Lang::default()).then_some(lang),
        embed: hosting.embed,
    }
}

/// Keeps the URL fragment equal to the state (pushState when the
/// selection, filter, reader or language changes, debounced replaceState
/// when only the view or the time range does: a thumb moved month by
/// month, or the timeline playing, must not fill the history), and
/// restores the state on Back/Forward.
///
/// In an iframe every change is a replaceState: a frame's pushState adds
/// entries to the host page's history, and the host's Back button would
/// then step through the map instead of leaving the page.
pub fn sync_url(context: MapContext) {
    let may_push = crate::iframe::parent_window().is_none();
    let SelectedPlace(selected) = expect_context();
    let OpenArticle(article) = expect_context();
    let ArticleFilter(filter) = expect_context();
    let TimeRange(when) = expect_context();
    let UiLang(lang) = expect_context();
    let MapView(view) = expect_context();
    let owner = Owner::current();
    let restoring = StoredValue::new(false);
    let generation = StoredValue::new(0u64);

    let fragment_now = {
        let owner = owner.clone();
        move || match &owner {
            Some(owner) => owner.with(current_permalink),
            None => current_permalink(),
        }
    };

    Effect::new({
        let fragment_now = fragment_now.clone();
        move |previous: Option<HistoryKey>| {
            let key = (
                selected.get(),
                filter.get(),
                when.get(),
                article.get(),
                lang.get(),
            );
            view.track();
            when.track();
            let hash = untrack(|| permalink::format(&fragment_now()));
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
                            write_url(&untrack(|| permalink::format(&fragment_now())), false);
                        }
                    },
                    VIEW_DEBOUNCE,
                );
            }
            key
        }
    });

    let restore = move || {
        let fragment = permalink::parse(&window().location().hash().unwrap_or_default());
        let data = &context.data;
        let place = fragment.place.filter(|id| data.place(id).is_some());
        let reader = fragment.article.filter(|id| data.article(id).is_some());
        let articles = context.known_articles(&fragment.filter);
        let language = fragment.lang.unwrap_or_default();
        let key_changed = selected.get_untracked() != place
            || filter.get_untracked() != articles
            || when.get_untracked() != fragment.when
            || article.get_untracked() != reader
            || lang.get_untracked() != language;
        restoring.set_value(key_changed);
        if let Some(at) = fragment.at {
            view.update(|v| *v = context.view_at(v, at));
        }
        selected.set(place);
        filter.set(articles);
        when.set(fragment.when);
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
