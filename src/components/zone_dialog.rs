//! The dialog of a conflict zone: its label, how many articles and which
//! months, how zones are made, and the zone's articles, each with the
//! zone's places it names (opening that place's popup, with its excerpts)
//! and, without a source link, its text in the reader; the zone's data
//! for download.

use leptos::prelude::*;
use model::site::Zone;
use model::PlaceId;
use wasm_bindgen::JsCast;

use crate::components::downloads::ZoneDownloads;
use crate::components::zones::{date_span, shown_articles};
use crate::state::{
    MapContext, MapRoot, MapView, OpenArticle, SelectedPlace, SelectedZone, ShownArticles, UiLang,
};

/// The dialog of the selected zone, if any.
#[component]
pub fn ZoneDialog() -> impl IntoView {
    let context = expect_context::<MapContext>();
    let SelectedZone(selected) = expect_context();
    move || {
        let index = selected.get()?;
        let zone = context.data.zones.zones.get(index)?.clone();
        Some(view! { <ZoneCard index=index zone=zone /> })
    }
}

/// Closes the zone dialog and gives the focus back to its zone.
pub fn close_zone(selected: RwSignal<Option<usize>>, root: NodeRef<leptos::html::Main>) {
    let Some(index) = selected.get_untracked() else {
        return;
    };
    selected.set(None);
    let zone = root.get_untracked().and_then(|main| {
        main.query_selector(&format!(r#"[data-zone="{index}"]"#))
            .ok()
            .flatten()
    });
    if let Some(zone) = zone.and_then(|z| z.dyn_into::<web_sys::SvgElement>().ok()) {
        let _ = zone.focus();
    }
}

#[component]
fn ZoneCard(index: usize, zone: Zone) -> impl IntoView {
    let context = expect_context::<MapContext>();
    let SelectedZone(selected) = expect_context();
    let SelectedPlace(place) = expect_context();
    let OpenArticle(open_article) = expect_context();
    let ShownArticles(shown) = expect_context();
    let MapRoot(root) = expect_context();
    let MapView(view) = expect_context();
    let UiLang(lang) = expect_context();
    let data = context.data.clone();
    let downloads = view! { <ZoneDownloads zone=zone.clone() /> };
    let close_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = close_ref.get() {
            let _ = button.focus();
        }
    });
    let articles = {
        let zone = zone.clone();
        Memo::new(move |_| shown.with(|s| shown_articles(&zone, s)))
    };
    let summary = {
        let data = data.clone();
        move || {
            let shown = articles.get();
            let mut line = lang.get().zone_strings().article_count(shown.len());
            if let Some(span) = date_span(&data, &shown) {
                line.push_str(" · ");
                line.push_str(&span);
            }
            line
        }
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" {
            // Handled here: the map's own Escape would close the popup too.
            event.stop_propagation();
            close_zone(selected, root);
        }
    };
    let open_place = move |id: PlaceId| {
        selected.set(None);
        if let Some(target) = context.data.place(&id) {
            let (x, y) = (target.x, target.y);
            let limits = {
                let context = context.clone();
                move |v: &crate::view::View| context.limits(v)
            };
            // Bring the place into view before its popup opens beside it.
            view.update(|v| {
                let area = (24.0, 24.0, v.width - 24.0, v.height - 24.0);
                let (px, py) = v.to_screen(x, y);
                *v = v.reveal(px, py, area, &limits(v));
            });
        }
        place.set(Some(id));
    };
    let list = move || {
        let code = lang.get().code();
        articles
            .get()
            .into_iter()
            .filter_map(|at| {
                let article = data.articles.get(at as usize)?.clone();
                let named: Vec<(PlaceId, String)> = zone
                    .places
                    .iter()
                    .filter_map(|&p| data.places.iter().find(|m| m.position == p as usize))
                    .filter(|m| m.place.named_in(at))
                    .map(|m| (m.place.id.clone(), m.place.name_in(code).to_owned()))
                    .collect();
                let places = named
                    .into_iter()
                    .map(|(id, name)| {
                        let open_place = open_place.clone();
                        view! {
                            <button
                                type="button"
                                class="zone-place"
                                data-place-id=id.to_string()
                                on:click=move |_| open_place(id.clone())
                            >
                                {name}
                            </button>
                        }
                    })
                    .collect_view();
                let read = article.text.then(|| {
                    let id = article.id.clone();
                    view! {
                        <button
                            type="button"
                            class="zone-read"
                            on:click=move |_| {
                                selected.set(None);
                                open_article.set(Some(id.clone()));
                            }
                        >
                            {move || lang.get().strings().read_article}
                        </button>
                    }
                });
                Some(view! {
                    <li data-testid="zone-article" data-article-id=article.id.clone()>
                        <cite>{article.title.clone()}</cite>
                        {article.date.clone().map(|d| {
                            let inferred = article.date_inferred;
                            view! {
                                <span class="zone-date">
                                    {" · "}{d}
                                    {move || inferred.then(|| format!(" ({})", lang.get().zone_strings().inferred))}
                                </span>
                            }
                        })}
                        <p class="zone-names">
                            {move || lang.get().zone_strings().names}
                            " "
                            {places}
                            {read}
                        </p>
                    </li>
                })
            })
            .collect_view()
    };
    let title_id = format!("zone-title-{index}");
    let labelled_by = title_id.clone();
    view! {
        <section
            class="ui popup zone-dialog"
            data-testid="zone-dialog"
            role="dialog"
            aria-labelledby=labelled_by
            on:keydown=on_keydown
        >
            <div class="popup-head">
                <h2 id=title_id>{zone.label.clone()}</h2>
                <button
                    type="button"
                    class="close"
                    node_ref=close_ref
                    aria-label=move || lang.get().strings().close
                    on:click=move |_| close_zone(selected, root)
                >
                    "×"
                </button>
            </div>
            <p class="popup-summary">{summary}</p>
            <p class="zone-method">{move || lang.get().zone_strings().method}</p>
            <ul class="zone-articles">{list}</ul>
            <p class="zone-downloads">{downloads}</p>
        </section>
    }
}
