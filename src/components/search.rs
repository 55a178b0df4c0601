//! The search box: the WAI-ARIA combobox pattern (an input with
//! `role=combobox`, a listbox of `role=option`s, `aria-activedescendant`)
//! over the places, the zones and the article titles.
//!
//! The keys come from the search file (`model::site::SearchIndex`),
//! fetched when the box first gets the focus; they are the geocoder's, and
//! the query is keyed by the same rule (`model::site::query_key`), so
//! `voroukh` offers Vorukh, `khodjent` Khujand and `Алматы` Almaty. Arrow
//! keys move through the options; Enter opens the place's popup, the
//! zone's dialog, or shows the article's places (the article filter).

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use model::site::{query_key, SearchIndex};
use model::PlaceId;

use crate::data::{DataError, MapData};
use crate::shown::Shown;
use crate::state::{
    ArticleFilter, MapContext, MapView, SelectedPlace, SelectedZone, ShownArticles, UiLang,
};

/// Most options offered for each kind: places, zones, articles.
const MOST: [usize; 3] = [8, 3, 4];

/// What an option leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A place, by id: its popup.
    Place(PlaceId),
    /// A zone, by position: its dialog.
    Zone(usize),
    /// An article, by id: only its places on the map.
    Article(String),
}

/// One option of the listbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// What choosing it does.
    pub target: Target,
    /// Its text.
    pub label: String,
    /// 0 place, 1 zone, 2 article (the kind's name in `ZoneStrings::kinds`).
    pub kind: usize,
}

/// The options for `query`: places most named first, then zones, then
/// articles, only those the map shows (article filter and time range).
pub fn choices(
    data: &MapData,
    index: &SearchIndex,
    shown: &Shown,
    lang: &str,
    query: &str,
) -> Vec<Choice> {
    let key = query_key(&index.letters, query);
    if key.is_empty() {
        return Vec::new();
    }
    // Site position -> position in `data.places` (most named first).
    let drawn: HashMap<usize, usize> = data
        .places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.position, i))
        .collect();
    let mut places: Vec<usize> = index
        .places
        .iter()
        .filter(|e| e.matches(&key))
        .filter_map(|e| drawn.get(&(e.at as usize)).copied())
        .filter(|&i| shown.place(&data.places[i].place))
        .collect();
    places.sort_unstable();
    let mut out: Vec<Choice> = places
        .into_iter()
        .take(MOST[0])
        .map(|i| Choice {
            target: Target::Place(data.places[i].place.id.clone()),
            label: data.places[i].place.name_in(lang).to_owned(),
            kind: 0,
        })
        .collect();
    out.extend(
        index
            .zones
            .iter()
            .filter(|e| e.matches(&key))
            .filter_map(|e| {
                let zone = data.zones.zones.get(e.at as usize)?;
                let visible = !crate::components::zones::shown_articles(zone, shown).is_empty();
                visible.then(|| Choice {
                    target: Target::Zone(e.at as usize),
                    label: zone.label.clone(),
                    kind: 1,
                })
            })
            .take(MOST[1]),
    );
    out.extend(
        index
            .articles
            .iter()
            .filter(|e| e.matches(&key))
            .filter(|e| shown.article(e.at))
            .filter_map(|e| {
                let article = data.articles.get(e.at as usize)?;
                Some(Choice {
                    target: Target::Article(article.id.clone()),
                    label: article.title.clone(),
                    kind: 2,
                })
            })
            .take(MOST[2]),
    );
    out
}

/// The search box.
#[component]
pub fn Search() -> impl IntoView {
    let context = expect_context::<MapContext>();
    let UiLang(lang) = expect_context();
    let ArticleFilter(filter) = expect_context();
    let ShownArticles(shown) = expect_context();
    let SelectedPlace(place) = expect_context();
    let SelectedZone(zone) = expect_context();
    let MapView(view) = expect_context();
    let index: RwSignal<Option<Result<Arc<SearchIndex>, DataError>>> = RwSignal::new(None);
    let loading = StoredValue::new(false);
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(None::<usize>);
    let expanded = RwSignal::new(false);
    let options = {
        let data = context.data.clone();
        Memo::new(move |_| {
            let index = index.get();
            let Some(Ok(index)) = index else {
                return Vec::new();
            };
            let lang = lang.get().code();
            query.with(|q| shown.with(|s| choices(&data, &index, s, lang, q)))
        })
    };
    let fetch = {
        let data = context.data.clone();
        move || {
            if loading.get_value() {
                return;
            }
            loading.set_value(true);
            let data = data.clone();
            leptos::task::spawn_local(async move {
                let result = data.search_index().await;
                if result.is_err() {
                    // A later focus tries again.
                    loading.set_value(false);
                }
                index.set(Some(result));
            });
        }
    };
    let choose = {
        let context = context.clone();
        move |choice: Choice| {
            expanded.set(false);
            active.set(None);
            match choice.target {
                Target::Place(id) => {
                    zone.set(None);
                    if let Some(target) = context.data.place(&id) {
                        let (x, y) = (target.x, target.y);
                        view.update(|v| {
                            let area = (24.0, 24.0, v.width - 24.0, v.height - 24.0);
                            let (px, py) = v.to_screen(x, y);
                            *v = v.reveal(px, py, area, &context.limits(v));
                        });
                    }
                    place.set(Some(id));
                }
                Target::Zone(at) => {
                    place.set(None);
                    zone.set(Some(at));
                }
                Target::Article(id) => {
                    place.set(None);
                    zone.set(None);
                    filter.set(vec![id]);
                }
            }
        }
    };
    let on_keydown = {
        let choose = choose.clone();
        move |event: leptos::ev::KeyboardEvent| {
            let count = options.with(Vec::len);
            match event.key().as_str() {
                "ArrowDown" | "ArrowUp" if count > 0 => {
                    event.prevent_default();
                    expanded.set(true);
                    let down = event.key() == "ArrowDown";
                    active.update(|a| {
                        *a = Some(match (*a, down) {
                            (None, true) => 0,
                            (None, false) => count - 1,
                            (Some(i), true) => (i + 1) % count,
                            (Some(i), false) => (i + count - 1) % count,
                        })
                    });
                }
                "Enter" => {
                    let at = active.get_untracked().unwrap_or(0);
                    if let Some(choice) = options.with_untracked(|o| o.get(at).cloned()) {
                        event.prevent_default();
                        choose(choice);
                    }
                }
                "Escape" if expanded.get_untracked() => {
                    // Closes the list only: the map's Escape is for its dialogs.
                    event.stop_propagation();
                    expanded.set(false);
                    active.set(None);
                }
                _ => {}
            }
        }
    };
    let on_input = move |event: leptos::ev::Event| {
        query.set(event_target_value(&event));
        active.set(None);
        expanded.set(true);
    };
    let strings = move || lang.get().zone_strings();
    let open = move || expanded.get() && !query.with(|q| q.trim().is_empty());
    let option_id = |i: usize| format!("search-option-{i}");
    let list = move || {
        let choose = choose.clone();
        let rows = options.get();
        if rows.is_empty() {
            let status = match index.get() {
                None => strings().search_loading.to_owned(),
                Some(Err(error)) => format!("{} {error}", lang.get().strings().load_failed),
                Some(Ok(_)) => strings().no_match.to_owned(),
            };
            return view! { <li class="search-empty" role="presentation">{status}</li> }.into_any();
        }
        rows.into_iter()
            .enumerate()
            .map(|(i, choice)| {
                let choose = choose.clone();
                let selected = move || active.get() == Some(i);
                let kind = choice.kind;
                let label = choice.label.clone();
                view! {
                    <li
                        id=option_id(i)
                        role="option"
                        data-testid="search-option"
                        class="search-option"
                        class:active=selected
                        aria-selected=move || if selected() { "true" } else { "false" }
                        on:mousedown=|event| event.prevent_default()
                        on:click=move |_| choose(choice.clone())
                    >
                        <span class="search-name">{label}</span>
                        " "
                        <span class="search-kind">{move || strings().kinds[kind]}</span>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="search">
            <input
                type="text"
                data-testid="search"
                role="combobox"
                aria-autocomplete="list"
                aria-controls="search-options"
                aria-expanded=move || if open() { "true" } else { "false" }
                aria-activedescendant=move || active.get().filter(|_| open()).map(option_id)
                aria-label=move || strings().search_label
                placeholder=move || strings().search_placeholder
                autocomplete="off"
                spellcheck="false"
                prop:value=move || query.get()
                on:focus=move |_| fetch()
                on:input=on_input
                on:keydown=on_keydown
                on:blur=move |_| expanded.set(false)
            />
            <ul
                id="search-options"
                role="listbox"
                class="search-options"
                aria-label=move || strings().search_label
                hidden=move || !open()
            >
                {list}
            </ul>
        </div>
    }
}
