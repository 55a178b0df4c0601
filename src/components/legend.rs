//! The legend: what the colours and sizes mean, in words.

use leptos::prelude::*;

use crate::state::{Hosting, MapView, UiLang, NARROW_PX};

/// A collapsible legend, open at first on wide screens; none in the
/// compact embedded chrome.
#[component]
pub fn Legend() -> impl IntoView {
    let MapView(view) = expect_context();
    let UiLang(lang) = expect_context();
    if expect_context::<Hosting>().embed {
        return None;
    }
    let open = view.with_untracked(|v| v.width >= NARROW_PX);
    let item = move |i: usize| move || lang.get().strings().legend_items[i];
    Some(view! {
        <details class="ui legend" open=open>
            <summary>{move || lang.get().strings().legend}</summary>
            <ul>
                <li><span class="swatch csto" aria-hidden="true"></span>{item(0)}</li>
                <li><span class="swatch csto-named" aria-hidden="true"></span>{item(1)}</li>
                <li><span class="swatch named" aria-hidden="true"></span>{item(2)}</li>
                <li><span class="swatch other" aria-hidden="true"></span>{item(3)}</li>
                <li><span class="swatch place" aria-hidden="true"></span>{item(4)}</li>
                <li><span class="swatch country-marker" aria-hidden="true"></span>{item(5)}</li>
            </ul>
        </details>
    })
}
