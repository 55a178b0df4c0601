//! A scale bar for the current zoom.

use leptos::prelude::*;

use crate::state::MapView;
use crate::view::scale_bar;

/// Longest the bar may be, px.
const MAX_BAR_PX: f64 = 120.0;

/// A bar of a round length in km. True along the projection's standard
/// parallels (35° and 55° N); within a few percent across Central Asia.
#[component]
pub fn ScaleBar() -> impl IntoView {
    let MapView(view) = expect_context();
    let bar = Memo::new(move |_| view.with(|v| scale_bar(v.scale, MAX_BAR_PX)));
    view! {
        <div class="ui scale-bar" aria-label=move || format!("Scale: {} km", bar.get().0)>
            <span class="scale-line" style:width=move || format!("{:.0}px", bar.get().1)></span>
            <span class="scale-text">{move || format_km(bar.get().0)}</span>
        </div>
    }
}

fn format_km(km: f64) -> String {
    if km >= 1.0 {
        format!("{km:.0} km")
    } else {
        format!("{:.0} m", km * 1000.0)
    }
}
