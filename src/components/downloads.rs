//! Downloads of what the map shows: while a filter (articles, time range)
//! is on, the places
//! GeoJSON and the mentions CSV of the places and mentions it keeps, cut in
//! the browser from the published `places.geojson` (fetched through
//! `data`) and written by the same `model` code as the full files, so both
//! have one format. Saved as a Blob download, nothing is sent anywhere.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::PlaceCollection;
use wasm_bindgen::JsCast;

use crate::data::MapData;
use crate::shown::Shown;
use crate::state::{MapContext, MapRoot, ShownArticles, UiLang};

/// The two formats, as the full files name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    GeoJson,
    Csv,
}

impl Format {
    /// The downloaded file's name: the full file's, marked as a selection.
    fn file_name(self) -> &'static str {
        match self {
            Format::GeoJson => "places-shown.geojson",
            Format::Csv => "mentions-shown.csv",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Format::GeoJson => "application/geo+json",
            Format::Csv => "text/csv;charset=utf-8",
        }
    }

    fn write(self, places: &PlaceCollection) -> model::Result<Vec<u8>> {
        match self {
            Format::GeoJson => places.to_geojson_string().map(String::into_bytes),
            Format::Csv => places.to_mentions_csv(),
        }
    }
}

/// The data of what the map shows: the mentions in the articles
/// [`Shown`] keeps (the one definition of what is shown).
pub fn shown_data(places: &PlaceCollection, data: &MapData, shown: &Shown) -> PlaceCollection {
    places.retain_mentions(|_, mention| {
        data.article(&mention.article)
            .is_some_and(|(at, _)| shown.article(at))
    })
}

/// "What the map shows: GeoJSON · CSV", while a filter is on.
#[component]
pub fn ShownDownloads() -> impl IntoView {
    let context = expect_context::<MapContext>();
    let ShownArticles(shown) = expect_context();
    let UiLang(lang) = expect_context();
    let MapRoot(root) = expect_context();
    let failure = RwSignal::new(None::<String>);
    let download = move |format: Format| {
        let data = context.data.clone();
        let kept = shown.get_untracked();
        failure.set(None);
        spawn_local(async move {
            let result = match data.place_collection().await {
                Ok(places) => format
                    .write(&shown_data(&places, &data, &kept))
                    .map_err(|e| format!("{}: {e}", format.file_name())),
                Err(error) => Err(error.to_string()),
            };
            match result {
                Ok(bytes) => save(root, &bytes, format.mime(), format.file_name()),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let strings = move || lang.get().strings();
    move || {
        if shown.with(|s| s.everything) {
            return None;
        }
        let download = download.clone();
        let download_csv = download.clone();
        Some(view! {
            <span class="downloads shown" data-testid="shown-downloads">
                " · " {move || strings().download_shown} " "
                <button
                    class="link-button"
                    data-testid="download-shown-geojson"
                    aria-label=move || strings().downloads_shown[0]
                    on:click=move |_| download(Format::GeoJson)
                >
                    "GeoJSON"
                </button>
                " · "
                <button
                    class="link-button"
                    data-testid="download-shown-csv"
                    aria-label=move || strings().downloads_shown[1]
                    on:click=move |_| download_csv(Format::Csv)
                >
                    "CSV"
                </button>
                <span role="status">
                    {move || failure.get().map(|e| format!(" {} {e}", strings().load_failed))}
                </span>
            </span>
        })
    }
}

/// Offers `bytes` as a file download named `name` (a Blob URL on a
/// temporary link inside the map, clicked, then released).
fn save(root: NodeRef<leptos::html::Main>, bytes: &[u8], mime: &str, name: &str) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let (Some(main), Ok(link)) = (root.get_untracked(), document().create_element("a")) else {
        return;
    };
    let Ok(link) = link.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return;
    };
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    let _ = main.append_child(&link);
    link.click();
    link.remove();
    // The download has started from the URL; free it once the click is handled.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
}
