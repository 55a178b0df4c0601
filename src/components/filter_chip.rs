//! The chip that says the map shows only the places some articles name,
//! with a button to show every place again.

use leptos::prelude::*;

use crate::state::{ArticleFilter, MapContext, UiLang};

/// The article filter's chip, shown while a filter is on.
#[component]
pub fn FilterChip() -> impl IntoView {
    let context = expect_context::<MapContext>();
    let ArticleFilter(filter) = expect_context();
    let UiLang(lang) = expect_context();
    move || {
        let ids = filter.get();
        if ids.is_empty() {
            return None;
        }
        let strings = lang.get().strings();
        let titles: Vec<String> = ids
            .iter()
            .map(|id| {
                context
                    .data
                    .article(id)
                    .map_or_else(|| id.clone(), |(_, a)| a.title.clone())
            })
            .collect();
        Some(view! {
            <div class="ui filter-chip" data-testid="filter-chip" role="status">
                <span class="filter-text">
                    {strings.filter_prefix} " " <cite>{titles.join(" · ")}</cite>
                </span>
                <button
                    class="close"
                    data-testid="clear-filter"
                    aria-label=strings.clear_filter
                    title=strings.clear_filter
                    on:click=move |_| filter.set(Vec::new())
                >
                    "×"
                </button>
            </div>
        })
    }
}
