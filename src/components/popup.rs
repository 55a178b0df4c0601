//! The popup of a place: a dialog listing the excerpts that name it,
//! grouped by article and fetched a page at a time.

use std::sync::Arc;

use leptos::prelude::*;
use model::site::{Excerpt, ExcerptPage, IndexArticle};
use model::PlaceId;

use crate::components::article_date::ArticleDate;
use crate::data::{DataError, MapPlace};
use crate::excerpt::segments;
use crate::layout::{card_floor, card_left};
use crate::state::{self, MapContext, MapRoot, MapView, OpenArticle, SelectedPlace, UiLang};

/// Width of the floating card on wide screens, px (matches the CSS).
const CARD_WIDTH_PX: f64 = 360.0;
/// Gap between a marker's target and the card, px.
const GAP_PX: f64 = 10.0;
/// Room the floating card leaves free at the bottom of the map, px: the
/// attribution line and its download links (two lines of 11 px text at
/// most) stay visible and clickable beside an open popup.
const BOTTOM_FREE_PX: f64 = 44.0;
/// The height the floating card keeps, when the map has it, px: it moves
/// up from its marker rather than get shorter.
const MIN_HEIGHT_PX: f64 = 260.0;

/// The popup of the selected place, if any.
#[component]
pub fn Popup() -> impl IntoView {
    let context = expect_context::<MapContext>();
    let SelectedPlace(selected) = expect_context();
    move || {
        let id = selected.get()?;
        let index = context.data.index_of(&id)?;
        Some(view! { <PopupCard index=index place=context.data.places[index].clone() /> })
    }
}

/// Closes the popup and gives the focus back to the marker that opened it.
pub fn close_popup(selected: RwSignal<Option<PlaceId>>, root: NodeRef<leptos::html::Main>) {
    let Some(id) = selected.get_untracked() else {
        return;
    };
    selected.set(None);
    focus_marker(root, &id);
}

/// Moves the keyboard focus to the marker of place `id` (searched in the
/// map's element, which may be inside a shadow root).
fn focus_marker(root: NodeRef<leptos::html::Main>, id: &str) {
    use wasm_bindgen::JsCast;
    let Some(main) = root.get_untracked() else {
        return;
    };
    let Ok(markers) = main.query_selector_all(".marker") else {
        return;
    };
    for i in 0..markers.length() {
        let Some(element) = markers
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        if element.get_attribute("data-place-id").as_deref() == Some(id) {
            let _ = element.focus();
            return;
        }
    }
}

/// The dialog itself, placed beside its marker (or as a bottom sheet on
/// narrow screens, where the marker is panned above it).
#[component]
fn PopupCard(
    /// Index of the place in the map data (and in the marker layout).
    index: usize,
    /// The place shown.
    place: MapPlace,
) -> impl IntoView {
    let context = expect_context::<MapContext>();
    let SelectedPlace(selected) = expect_context();
    let MapView(view) = expect_context();
    let MapRoot(root) = expect_context();
    let UiLang(lang) = expect_context();
    let state::DrawnMarkers(layout) = expect_context();
    let state::Panels(panels) = expect_context();
    let close_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = close_ref.get() {
            let _ = button.focus();
        }
    });
    // On a narrow screen the popup is a bottom sheet over the lower part
    // of the map: pan once so the marker stays visible above it.
    Effect::new({
        let context = context.clone();
        move |_| {
            let (x, y) = layout.with_untracked(|l| l.positions[index]);
            view.update(|v| {
                if v.width < state::NARROW_PX {
                    let area = (24.0, 24.0, v.width - 24.0, v.height * 0.4 - 24.0);
                    *v = v.reveal(x, y, area, &context.limits(v));
                }
            });
        }
    });

    // Where the card sits beside its marker: (left, top, max height) in
    // px, or `None` for the bottom sheet of a narrow screen (placed by the
    // stylesheet). Applied through the CSSOM (`style:…`), which a strict
    // Content-Security-Policy allows, unlike a `style` attribute.
    let placement = Memo::new(move |_| {
        let (width, height) = view.with(|v| (v.width, v.height));
        if width < state::NARROW_PX {
            return None;
        }
        let ((x, y), size, label) =
            layout.with(|l| (l.positions[index], l.sizes[index], l.labels[index]));
        let left = card_left(x, size, label, CARD_WIDTH_PX, GAP_PX, width);
        let bottom = panels.with(|panels| {
            let span = (left, left + CARD_WIDTH_PX);
            card_floor(span, y, height - BOTTOM_FREE_PX, MIN_HEIGHT_PX, panels)
        });
        let top = (y - 60.0).clamp(8.0, (bottom - MIN_HEIGHT_PX).max(8.0));
        Some((
            format!("{left:.0}px"),
            format!("{top:.0}px"),
            format!("{:.0}px", (bottom - top).max(120.0)),
        ))
    });
    let left = move || placement.get().map(|p| p.0);
    let top = move || placement.get().map(|p| p.1);
    let max_height = move || placement.get().map(|p| p.2);
    let narrow = move || view.with(|v| v.width < state::NARROW_PX);

    let summary = {
        let place = &place.place;
        let (kind, country) = (place.kind, place.country.clone());
        let (mentions, articles) = (place.mentions as usize, place.articles.len());
        move || {
            lang.get()
                .strings()
                .place_summary(kind, country.as_deref(), mentions, articles)
        }
    };
    let name = {
        let place = place.place.clone();
        move || place.name_in(lang.get().code()).to_owned()
    };
    // The excerpts come in pages (`model::site::ExcerptPage`), fetched when
    // shown: a place named 60,000 times opens as fast as one named once.
    let total_pages = place.place.pages;
    let pages = RwSignal::new(1u32);
    let loaded = LocalResource::new({
        let data = context.data.clone();
        let place = place.clone();
        move || {
            let (data, place, count) = (data.clone(), place.clone(), pages.get());
            async move {
                let mut loaded = Vec::with_capacity(count as usize);
                for page in 0..count {
                    loaded.push(data.excerpt_page(&place, page).await?);
                }
                Ok::<_, DataError>(loaded)
            }
        }
    });
    let busy = move || loaded.get().is_none();
    let crate::state::PopupContent(content) = expect_context();
    Effect::new(move |_| {
        if loaded.get().is_some() {
            content.update(|n| *n = n.wrapping_add(1));
        }
    });
    let items = {
        let context = context.clone();
        move || {
            let context = context.clone();
            Suspend::new(async move {
                match loaded.await {
                    Ok(pages) => excerpt_items(&context, &pages).into_any(),
                    Err(error) => view! {
                        <li class="popup-status" role="alert">
                            {move || lang.get().strings().load_failed} " " {error.to_string()}
                        </li>
                    }
                    .into_any(),
                }
            })
        }
    };
    let more = move || {
        (pages.get() < total_pages).then(|| {
            view! {
                <button
                    class="more-excerpts"
                    data-testid="more-excerpts"
                    on:click=move |_| pages.update(|p| *p += 1)
                >
                    {move || lang.get().strings().more_excerpts}
                </button>
            }
        })
    };

    view! {
        <div
            class="ui popup"
            class:sheet=narrow
            role="dialog"
            data-testid="popup"
            aria-labelledby="popup-title"
            aria-busy=move || busy().to_string()
            style:left=left
            style:top=top
            style:max-height=max_height
        >
            <div class="popup-head">
                <div>
                    <h2 id="popup-title">{name}</h2>
                    <p class="popup-summary">{summary}</p>
                </div>
                <button
                    class="close"
                    data-testid="popup-close"
                    aria-label=move || lang.get().strings().close
                    node_ref=close_ref
                    on:click=move |_| close_popup(selected, root)
                >
                    "×"
                </button>
            </div>
            <ul class="excerpts">
                <Transition fallback=move || {
                    view! {
                        <li class="popup-status" role="status">
                            {move || lang.get().strings().loading}
                        </li>
                    }
                }>{items}</Transition>
            </ul>
            {more}
        </div>
    }
}

/// One item per article of the loaded pages (a group cut by a page end
/// is joined again): its source, its excerpts with the place marked, and
/// the way to the whole article.
fn excerpt_items(context: &MapContext, pages: &[Arc<ExcerptPage>]) -> impl IntoView {
    // (article, its mentions of the place, its excerpts)
    let mut groups: Vec<(u32, u32, Vec<&Excerpt>)> = Vec::new();
    for group in pages.iter().flat_map(|page| &page.groups) {
        match groups.last_mut() {
            Some((article, _, excerpts)) if *article == group.article => {
                excerpts.extend(&group.excerpts);
            }
            _ => groups.push((
                group.article,
                group.mentions,
                group.excerpts.iter().collect(),
            )),
        }
    }
    groups
        .into_iter()
        .map(|(position, mentions, excerpts)| {
            let article = context.data.articles.get(position as usize).cloned();
            let quotes = excerpts
                .into_iter()
                .map(|excerpt| {
                    let marks: Vec<std::ops::Range<usize>> = excerpt
                        .marks
                        .iter()
                        .map(|&[start, end]| start as usize..end as usize)
                        .collect();
                    let text = segments(&excerpt.text, &marks)
                        .into_iter()
                        .map(|s| {
                            let text = s.text.to_owned();
                            if s.marked {
                                view! { <mark>{text}</mark> }.into_any()
                            } else {
                                text.into_any()
                            }
                        })
                        .collect_view();
                    view! { <blockquote>{text}</blockquote> }
                })
                .collect_view();
            view! {
                <li data-testid="excerpt" class="excerpt">
                    <ArticleSource article=article.clone() mentions=mentions />
                    {quotes}
                    <SourceAction article=article />
                </li>
            }
        })
        .collect_view()
}

/// Title and date of the article an item's excerpts come from, and how
/// often it names the place when more than once.
#[component]
fn ArticleSource(article: Option<IndexArticle>, mentions: u32) -> impl IntoView {
    let UiLang(lang) = expect_context();
    let title = article
        .as_ref()
        .map(|a| a.title.clone())
        .unwrap_or_default();
    let date = article.filter(|a| a.date.is_some());
    let count = (mentions > 1).then(|| {
        view! {
            " · "
            <span class="mention-count">
                {move || lang.get().strings().mentions(mentions as usize)}
            </span>
        }
    });
    view! {
        <p class="source">
            <cite>{title}</cite>
            {date.map(|article| view! { " · " <ArticleDate article=article /> })}
            {count}
        </p>
    }
}

/// The way to the whole article: a link to its URL, or the in-app reader.
#[component]
fn SourceAction(article: Option<IndexArticle>) -> impl IntoView {
    let OpenArticle(open) = expect_context();
    let UiLang(lang) = expect_context();
    let strings = move || lang.get().strings();
    let article = article?;
    if let Some(url) = article.url.filter(|u| model::is_web_url(u)) {
        let host = url.split('/').nth(2).unwrap_or(&url).to_owned();
        return Some(
            view! {
                <a data-testid="source-link" class="source-link" href=url target="_blank" rel="noopener">
                    {move || strings().source} {host} " ↗"
                </a>
            }
            .into_any(),
        );
    }
    if !article.text {
        return None;
    }
    let id = article.id;
    Some(
        view! {
            <button
                data-testid="read-article"
                class="read-article"
                data-article=id.clone()
                on:click=move |_| open.set(Some(id.clone()))
            >
                {move || strings().read_article}
            </button>
        }
        .into_any(),
    )
}
