//! The legend: what the colours and sizes mean, in words.

use leptos::prelude::*;

use crate::state::{MapView, NARROW_PX};

/// A collapsible legend, open at first on wide screens.
#[component]
pub fn Legend() -> impl IntoView {
    let MapView(view) = expect_context();
    let open = view.with_untracked(|v| v.width >= NARROW_PX);
    view! {
        <details class="ui legend" open=open>
            <summary>"Legend"</summary>
            <ul>
                <li><span class="swatch csto" aria-hidden="true"></span>"CSTO member state"</li>
                <li><span class="swatch csto-named" aria-hidden="true"></span>"CSTO member named in the articles"</li>
                <li><span class="swatch named" aria-hidden="true"></span>"Other country named in the articles"</li>
                <li><span class="swatch other" aria-hidden="true"></span>"Country not named"</li>
                <li><span class="swatch place" aria-hidden="true"></span>"Town, village or region named: the larger the dot, the more mentions"</li>
                <li><span class="swatch country-marker" aria-hidden="true"></span>"Country named (same sizes): click any marker for its excerpts"</li>
            </ul>
        </details>
    }
}
