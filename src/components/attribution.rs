//! The attribution line the data licences ask for.

use leptos::prelude::*;

/// Credits for the places (GeoNames), the boundaries (Natural Earth) and
/// the names (Unicode CLDR).
#[component]
pub fn Attribution() -> impl IntoView {
    view! {
        <footer class="ui attribution" data-testid="attribution">
            "Places © "
            <a href="https://www.geonames.org/" target="_blank" rel="noopener">"GeoNames"</a>
            " ("
            <a href="https://creativecommons.org/licenses/by/4.0/" target="_blank" rel="noopener">"CC-BY 4.0"</a>
            ") · Boundaries: "
            <a href="https://www.naturalearthdata.com/" target="_blank" rel="noopener">"Natural Earth"</a>
            " (public domain) · "
            <a href="https://cldr.unicode.org/" target="_blank" rel="noopener">"Unicode CLDR"</a>
        </footer>
    }
}
