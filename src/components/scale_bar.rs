//! A scale bar for the current zoom.

use leptos::prelude::*;

use crate::state::{MapView, UiLang};
use crate::view::scale_bar;

/// Longest the bar may be, px.
const MAX_BAR_PX: f64 = 120.0;

/// A bar of a round length in km. True along the projection's standard
/// parallels (35° and 55° N); within a few percent across Central Asia.
#[component]
pub fn ScaleBar() -> impl IntoView {
    let MapView(view) = expect_context();
    let UiLang(lang) = expect_context();
    let bar = Memo::new(move |_| view.with(|v| scale_bar(v.scale, MAX_BAR_PX)));
    let strings = move || lang.get().strings();
    // role="img": a picture with a name (an `aria-label` on a bare div is
    // ignored by assistive technology, and axe flags it).
    view! {
        <div
            class="ui scale-bar"
            data-testid="scale-bar"
            role="img"
            aria-label=move || strings().scale_label(bar.get().0)
        >
            <span class="scale-line" style:width=move || format!("{:.0}px", bar.get().1)></span>
            <span class="scale-text">{move || strings().distance(bar.get().0)}</span>
        </div>
    }
}
