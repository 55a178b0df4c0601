//! Downloads of what the map shows: while a filter (articles, time range)
//! is on, the places GeoJSON and the mentions CSV of the places and
//! mentions it keeps; in a zone's dialog, those of the zone. Both are cut
//! in the browser from the published `places.geojson` (fetched through
//! `data`) and written by the same `model` code as the full files, so all
//! have one format. Saved as a Blob download, nothing is sent anywhere.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::site::Zone;
use model::PlaceCollection;
use wasm_bindgen::JsCast;

use crate::components::zones::shown_articles;
use crate::data::MapData;
use crate::i18n::Strings;
use crate::shown::Shown;
use crate::state::{MapContext, MapRoot, ShownArticles, UiLang};

/// The two formats, as the full files name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    GeoJson,
    Csv,
}

impl Format {
    /// The downloaded file's name: the full file's, marked with what it
    /// holds (`places-shown.geojson`, `mentions-zone.csv`).
    fn file_name(self, part: Part) -> String {
        match self {
            Format::GeoJson => format!("places-{}.geojson", part.name()),
            Format::Csv => format!("mentions-{}.csv", part.name()),
        }
    }

    /// The end of the button's `data-testid`.
    fn testid(self) -> &'static str {
        match self {
            Format::GeoJson => "geojson",
            Format::Csv => "csv",
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

/// Which part of the data a pair of download buttons offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// What the map shows under its filters.
    Shown,
    /// What a zone's dialog shows.
    Zone,
}

impl Part {
    /// Its name in the files' and the buttons' names.
    fn name(self) -> &'static str {
        match self {
            Part::Shown => "shown",
            Part::Zone => "zone",
        }
    }

    /// What comes before its words: the shown part follows the full
    /// files' links in the attribution line; a zone's stands alone.
    fn separator(self) -> &'static str {
        match self {
            Part::Shown => " · ",
            Part::Zone => "",
        }
    }

    /// The words before the buttons, and the buttons' accessible names
    /// (GeoJSON, CSV).
    fn words(self, strings: &Strings) -> (&'static str, [&'static str; 2]) {
        match self {
            Part::Shown => (strings.download_shown, strings.downloads_shown),
            Part::Zone => (strings.download_zone, strings.downloads_zone),
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

/// The data of what a zone's dialog shows: the mentions of the zone's
/// places in the zone's articles that the map shows.
pub fn zone_data(
    places: &PlaceCollection,
    data: &MapData,
    shown: &Shown,
    zone: &Zone,
) -> PlaceCollection {
    // A zone has a few places and articles: lists are enough.
    let articles = shown_articles(zone, shown);
    let in_zone: Vec<&str> = data
        .places
        .iter()
        .filter(|p| zone.places.iter().any(|&z| z as usize == p.position))
        .map(|p| p.place.id.as_str())
        .collect();
    places.retain_mentions(|place, mention| {
        in_zone.contains(&place.id.as_str())
            && data
                .article(&mention.article)
                .is_some_and(|(at, _)| articles.contains(&at))
    })
}

/// "What the map shows: GeoJSON · CSV", while a filter is on.
#[component]
pub fn ShownDownloads() -> impl IntoView {
    let ShownArticles(shown) = expect_context();
    let cut = move |places: &PlaceCollection, data: &MapData| {
        shown_data(places, data, &shown.get_untracked())
    };
    move || {
        (!shown.with(|s| s.everything)).then(|| {
            view! { <DownloadPair part=Part::Shown cut=Arc::new(cut) /> }
        })
    }
}

/// "This zone's data: GeoJSON · CSV", in the zone's dialog.
#[component]
pub fn ZoneDownloads(
    /// The zone.
    zone: Zone,
) -> impl IntoView {
    let ShownArticles(shown) = expect_context();
    let cut = move |places: &PlaceCollection, data: &MapData| {
        zone_data(places, data, &shown.get_untracked(), &zone)
    };
    view! { <DownloadPair part=Part::Zone cut=Arc::new(cut) /> }
}

/// How a pair of buttons cuts its data from the full collection.
type Cut = Arc<dyn Fn(&PlaceCollection, &MapData) -> PlaceCollection + Send + Sync>;

/// The words and the GeoJSON and CSV buttons of one part of the data.
#[component]
fn DownloadPair(part: Part, cut: Cut) -> impl IntoView {
    let context = expect_context::<MapContext>();
    let UiLang(lang) = expect_context();
    let MapRoot(root) = expect_context();
    let failure = RwSignal::new(None::<String>);
    let download = move |format: Format| {
        let data = context.data.clone();
        let cut = cut.clone();
        failure.set(None);
        spawn_local(async move {
            let name = format.file_name(part);
            let result = match data.place_collection().await {
                Ok(places) => format
                    .write(&cut(&places, &data))
                    .map_err(|e| format!("{name}: {e}")),
                Err(error) => Err(error.to_string()),
            };
            match result {
                Ok(bytes) => save(root, &bytes, format.mime(), &name),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let words = move || part.words(lang.get().strings());
    let button = move |format: Format, which: usize, text: &'static str| {
        let download = download.clone();
        view! {
            <button
                type="button"
                class="link-button"
                data-testid=format!("download-{}-{}", part.name(), format.testid())
                aria-label=move || words().1[which]
                on:click=move |_| download(format)
            >
                {text}
            </button>
        }
    };
    view! {
        <span class=format!("downloads {}", part.name()) data-testid=format!("{}-downloads", part.name())>
            {part.separator()} {move || words().0} " "
            {button(Format::GeoJson, 0, "GeoJSON")}
            " · "
            {button(Format::Csv, 1, "CSV")}
            <span role="status">
                {move || failure.get().map(|e| format!(" {} {e}", lang.get().strings().load_failed))}
            </span>
        </span>
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
