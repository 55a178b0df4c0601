//! The attribution line the data licences ask for, and the links to the
//! data itself.

use leptos::prelude::*;
use model::site;

use crate::components::downloads::ShownDownloads;
use crate::state::{MapContext, UiLang};

/// Credits for the places (GeoNames), the boundaries (Natural Earth) and
/// the names (Unicode CLDR), then the download links of the data
/// (`places.geojson`, `mentions.csv`: see `model::site`), and of what the
/// map shows while a filter is on.
#[component]
pub fn Attribution() -> impl IntoView {
    let context = expect_context::<MapContext>();
    let UiLang(lang) = expect_context();
    let strings = move || lang.get().strings();
    let geojson = context.data.source.url(site::PLACES_GEOJSON);
    let csv = context.data.source.url(site::MENTIONS_CSV);
    view! {
        <footer class="ui attribution" data-testid="attribution">
            {move || strings().attribution[0]} " © "
            <a href="https://www.geonames.org/" target="_blank" rel="noopener">"GeoNames"</a>
            " ("
            <a href="https://creativecommons.org/licenses/by/4.0/" target="_blank" rel="noopener">"CC-BY 4.0"</a>
            ") · " {move || strings().attribution[1]} ": "
            <a href="https://www.naturalearthdata.com/" target="_blank" rel="noopener">"Natural Earth"</a>
            " (" {move || strings().attribution[2]} ") · "
            <a href="https://cldr.unicode.org/" target="_blank" rel="noopener">"Unicode CLDR"</a>
            <span class="downloads">
                " · " {move || strings().download_data} " "
                <a
                    data-testid="download-geojson"
                    href=geojson
                    download=site::PLACES_GEOJSON
                    type="application/geo+json"
                    aria-label=move || strings().downloads[0]
                >
                    "GeoJSON"
                </a>
                " · "
                <a
                    data-testid="download-csv"
                    href=csv
                    download=site::MENTIONS_CSV
                    type="text/csv"
                    aria-label=move || strings().downloads[1]
                >
                    "CSV"
                </a>
            </span>
            <ShownDownloads />
        </footer>
    }
}
