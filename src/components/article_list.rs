//! The article list: the text alternative to the map. A landmark named
//! "Articles" listing the articles shown (article filter and time range),
//! newest first: title, date (and whether it was inferred), source, and
//! the places each names.
//!
//! Choosing an article's title shows only its places and frames them (the
//! article filter, `filter=`); choosing one of its places opens that
//! place's popup, as its marker does, and narrows the list to the articles
//! naming it. The list is paged ([`PAGE`] items at a time), so 10,000
//! articles cost the DOM of a few dozen; everything it shows comes from
//! `index.json`, which the first view has already fetched.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::article_date::{iso_day, ArticleDate};
use crate::data::MapData;
use crate::state::{
    ArticleFilter, MapContext, MapView, OpenArticle, SelectedPlace, ShownArticles, UiLang,
};
use crate::view::{Bounds, View};

/// How many articles the list shows at first, and adds per "Show more".
pub const PAGE: usize = 50;

/// How many of an article's places its item names (the most cited ones);
/// its popup-less rest is reachable through the map.
const PLACES_PER_ITEM: usize = 8;

/// Margin around an article's places when the map frames them, km: a
/// lone place is not framed at the maximum zoom.
const FRAME_MARGIN_KM: f64 = 40.0;

/// How far inside the map's edges a place chosen in the list is brought.
const REVEAL_MARGIN_PX: f64 = 80.0;

/// The articles' positions in the index, newest first (undated last), and
/// for each article the places it names (indices of [`MapData::places`],
/// most cited first). Computed once: neither depends on the filters.
struct ListIndex {
    order: Vec<u32>,
    places: Vec<Vec<usize>>,
}

impl ListIndex {
    fn new(data: &MapData) -> ListIndex {
        let mut order: Vec<u32> = (0..data.articles.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let key = |i: u32| {
                let article = &data.articles[i as usize];
                (article.month, iso_day(article))
            };
            key(b).cmp(&key(a)).then(a.cmp(&b))
        });
        let mut places = vec![Vec::new(); data.articles.len()];
        // `data.places` is ordered most cited first, so each list is too.
        for (index, place) in data.places.iter().enumerate() {
            for &article in &place.place.articles {
                if let Some(list) = places.get_mut(article as usize) {
                    list.push(index);
                }
            }
        }
        ListIndex { order, places }
    }
}

/// The host of a web URL (`fr.sputniknews.com`), for the source line.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// The article list panel.
#[component]
pub fn ArticleList() -> impl IntoView {
    let context = expect_context::<MapContext>();
    let ShownArticles(shown) = expect_context();
    let SelectedPlace(selected) = expect_context();
    let UiLang(lang) = expect_context();
    let strings = move || lang.get().strings();
    let data = context.data.clone();
    let index = Arc::new(ListIndex::new(&data));
    let open = RwSignal::new(false);
    // The rows are built when the list is first unfolded, not at start-up:
    // folded, as the map opens, they would only cost the first view its
    // time (a row's date is the page's first `Intl.DateTimeFormat` with a
    // day). Kept once built, so that folding keeps the reader's place.
    let unfolded = RwSignal::new(false);
    let limit = RwSignal::new(PAGE);
    // The place narrowing the list: the one whose popup is open.
    let place = {
        let data = data.clone();
        Memo::new(move |_| {
            selected
                .get()
                .and_then(|id| data.places.iter().position(|p| p.place.id == id))
        })
    };
    let items = {
        let (data, index) = (data.clone(), index.clone());
        Memo::new(move |_| {
            let place = place.get().map(|i| &data.places[i].place);
            shown.with(|shown| {
                index
                    .order
                    .iter()
                    .copied()
                    .filter(|&a| shown.article(a) && place.is_none_or(|p| p.named_in(a)))
                    .collect::<Vec<u32>>()
            })
        })
    };
    // Narrowed to a place, the count says of how many shown, so that it
    // does not read as a contradiction of the timeline's "Shown: N articles".
    let heading = move || {
        let listed = items.with(Vec::len);
        let count = match place.get() {
            Some(_) => strings()
                .count_of
                .replacen("{}", &listed.to_string(), 1)
                .replacen("{}", &shown.with(|s| s.article_count()).to_string(), 1),
            None => listed.to_string(),
        };
        format!("{} ({count})", strings().articles)
    };
    let narrowed_to = {
        let data = data.clone();
        move || {
            place.get().map(|i| {
                view! {
                    <p class="list-narrowed" data-testid="list-narrowed">
                        <span>
                            {strings()
                                .naming
                                .replace("{}", data.places[i].place.name_in(lang.get().code()))}
                        </span>
                        <button
                            class="list-all"
                            data-testid="list-all"
                            on:click=move |_| selected.set(None)
                        >
                            {strings().all_articles}
                        </button>
                    </p>
                }
            })
        }
    };
    let rows = {
        let (data, index) = (data.clone(), index.clone());
        move || {
            if !unfolded.get() {
                return None;
            }
            let shown_items = items.get();
            let visible = shown_items.len().min(limit.get());
            shown_items[..visible]
                .iter()
                .map(|&a| view! { <ArticleItem article=a places=index.places[a as usize].clone() data=data.clone() /> })
                .collect_view()
                .into()
        }
    };
    let more = move || {
        let rest = items.with(Vec::len).saturating_sub(limit.get());
        (rest > 0).then(|| {
            let count = rest.min(PAGE);
            view! {
                <button class="list-more" data-testid="list-more" on:click=move |_| limit.update(|l| *l += PAGE)>
                    {strings().show_more.replace("{}", &count.to_string())}
                </button>
            }
        })
    };

    view! {
        // A <section> with a name is a region landmark, allowed inside <main>
        // (a complementary <aside> should sit at the top level).
        <section
            class="ui article-list"
            class:open=move || open.get()
            data-testid="article-list"
            aria-label=move || strings().articles
        >
            <h2 class="list-heading">
                <button
                    class="list-toggle"
                    data-testid="list-toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="article-list-body"
                    on:click=move |_| {
                        open.update(|o| *o = !*o);
                        if open.get_untracked() && !unfolded.get_untracked() {
                            unfolded.set(true);
                        }
                    }
                >
                    {heading}
                </button>
            </h2>
            <div id="article-list-body" class="list-body" hidden=move || !open.get()>
                {narrowed_to}
                <ol class="list-items">{rows}</ol>
                {more}
            </div>
        </section>
    }
}

/// One article of the list.
#[component]
fn ArticleItem(
    /// Its position in the index.
    article: u32,
    /// The places it names (indices of [`MapData::places`]).
    places: Vec<usize>,
    /// The map's data.
    data: Arc<MapData>,
) -> impl IntoView {
    let context = expect_context::<MapContext>();
    let ArticleFilter(filter) = expect_context();
    let SelectedPlace(selected) = expect_context();
    let OpenArticle(reader) = expect_context();
    let MapView(view) = expect_context();
    let UiLang(lang) = expect_context();
    let strings = move || lang.get().strings();
    let meta = data.articles[article as usize].clone();
    let id = meta.id.clone();
    let chosen = {
        let id = id.clone();
        move || filter.with(|ids| ids.len() == 1 && ids[0] == id)
    };
    let choose = {
        let (id, places, data) = (id.clone(), places.clone(), data.clone());
        let (chosen, context) = (chosen.clone(), context.clone());
        move |_| {
            if chosen() {
                filter.set(Vec::new());
                return;
            }
            filter.set(vec![id.clone()]);
            let points = places.iter().map(|&i| (data.places[i].x, data.places[i].y));
            if let Some(bounds) = Bounds::around(points) {
                frame(&context, view, bounds.grown(FRAME_MARGIN_KM));
            }
        }
    };
    let dated = meta.month.is_some() || meta.date.is_some();
    let date = if dated {
        view! { <ArticleDate article=meta.clone() /> }.into_any()
    } else {
        view! { {move || strings().undated} }.into_any()
    };
    let source = match meta.url.as_deref().filter(|u| model::is_web_url(u)) {
        Some(url) => view! {
            <a class="list-source" href=url.to_owned() target="_blank" rel="noopener noreferrer">
                {host(url).to_owned()}
            </a>
        }
        .into_any(),
        None if meta.text => {
            let id = id.clone();
            view! {
                <button
                    class="list-read"
                    data-testid="read-article"
                    data-article=id.clone()
                    on:click=move |_| reader.set(Some(id.clone()))
                >
                    {move || strings().read_article}
                </button>
            }
            .into_any()
        }
        None => ().into_any(),
    };
    let extra = places.len().saturating_sub(PLACES_PER_ITEM);
    let place_buttons = places
        .iter()
        .take(PLACES_PER_ITEM)
        .map(|&i| {
            let place = &data.places[i].place;
            let place_id = place.id.clone();
            let (x, y) = (data.places[i].x, data.places[i].y);
            let context = context.clone();
            // Opens its popup as its marker would, after bringing the
            // marker into view if it is off the map's edges.
            let pick = move |_| {
                view.update(|v| {
                    let (px, py) = v.to_screen(x, y);
                    let edge = REVEAL_MARGIN_PX;
                    let area = (edge, edge, v.width - edge, v.height - edge);
                    *v = v.reveal(px, py, area, &context.limits(v));
                });
                selected.set(Some(place_id.clone()));
            };
            view! {
                <li>
                    <button
                        class="list-place"
                        data-testid="list-place"
                        data-place=place.id.to_string()
                        on:click=pick
                    >
                        {
                            let data = data.clone();
                            move || data.places[i].place.name_in(lang.get().code()).to_owned()
                        }
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="list-item" data-testid="article-item" data-article=id.clone()>
            <button
                class="list-title"
                data-testid="list-title"
                aria-pressed=move || chosen().to_string()
                title=move || strings().only_its_places
                on:click=choose
            >
                {meta.title.clone()}
            </button>
            <p class="list-meta">
                <span class="list-date" data-testid="list-date">
                    {date}
                </span>
                " · "
                {source}
            </p>
            {(!places.is_empty()).then(|| view! {
                <ul class="list-places" aria-label=move || strings().places_named>
                    {place_buttons}
                    {(extra > 0).then(|| view! { <li class="list-extra">{format!("+{extra}")}</li> })}
                </ul>
            })}
        </li>
    }
}

/// Frames `bounds` in the map's view, within its limits.
fn frame(context: &MapContext, view: RwSignal<View>, bounds: Bounds) {
    view.update(|v| {
        let margin = if v.width < crate::state::NARROW_PX {
            32.0
        } else {
            64.0
        };
        *v = View::fit(bounds, v.width, v.height, margin, &context.limits(v));
    });
}
