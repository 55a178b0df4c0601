//! Interactive map of the CSTO conflict zones, built from news articles.
//!
//! A Leptos (client-side) app compiled to WebAssembly. The places and the
//! country outlines are prepared at build time (the `site-data` hook of
//! `Trunk.toml`) and fetched by [`data`] when the app starts; the app draws the basemap in SVG, the places as HTML buttons over it,
//! and shows the excerpts that name a place in a popup.
//!
//! Modules:
//! - [`data`]: fetches the data files (the one place that knows where they come from);
//! - [`view`]: viewport maths (projected km <-> screen px, zoom, pan, fit);
//! - [`cluster`]: clusters of dense places, so few markers exist at once;
//! - [`layout`]: marker sizes, spreading of colliding markers, place labels;
//! - [`excerpt`]: excerpts split into plain and highlighted runs;
//! - [`permalink`]: the state in the URL fragment (`#place=…&at=…&lang=fr…`), documented there;
//! - [`i18n`]: interface strings in English, French and Russian;
//! - [`embed`]: iframe snippet and the postMessage protocol (pure parts);
//! - [`mount`]: mounting the app into any element (the `mount` export);
//! - [`shown`]: which articles and places are shown (article filter AND time range);
//! - [`state`]: the shared state, as newtype contexts, and its creation;
//! - [`gestures`]: drag, pinch, wheel, double-click and keys on the map;
//! - [`url_sync`]: the URL follows the state (permalink, Back/Forward);
//! - [`iframe`]: the postMessage protocol with a parent window;
//! - [`resize`]: the map follows the window's or its element's size;
//! - [`timeline`]: the timeline's histogram and thumbs (pure maths);
//! - [`components`]: one component per file.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod cluster;
pub mod components;
pub mod data;
pub mod embed;
pub mod excerpt;
pub mod gestures;
pub mod i18n;
pub mod iframe;
pub mod layout;
pub mod mount;
pub mod occluders;
pub mod permalink;
pub mod resize;
pub mod shown;
pub mod state;
pub mod timeline;
pub mod url_sync;
pub mod view;

use std::sync::Arc;

use leptos::prelude::*;

/// The whole app: a loading state while its data is fetched, then the
/// map, or a clear message naming the file that could not be read.
#[component]
pub fn App(
    /// Where the app starts from and how it is hosted.
    setup: state::Setup,
) -> impl IntoView {
    let source = setup.data.clone();
    // Before the map exists: its first language, from the URL or the browser.
    let strings = setup.initial.lang.unwrap_or(setup.default_lang).strings();
    let theme = setup.initial.theme.map(|t| t.code());
    let data = LocalResource::new(move || {
        let source = source.clone();
        async move { data::load(source).await.map(Arc::new) }
    });
    // Not a <Suspense>: the map must not sit under a boundary that every
    // resource read inside it (a popup's excerpts) would suspend again.
    move || {
        match data.get() {
        None => view! {
            <main data-testid="map" class="map loading" aria-busy="true" lang=strings.lang.code() data-theme=theme>
                <p class="map-status" role="status">{strings.loading_map}</p>
            </main>
        }
        .into_any(),
        Some(Ok(data)) => {
            view! { <components::map::Map data=data setup=setup.clone() /> }.into_any()
        }
        Some(Err(error)) => view! {
            <main data-testid="map" class="map failed" lang=strings.lang.code() data-theme=theme>
                <p class="map-status" role="alert">
                    {format!("{} {error}", strings.data_failed)}
                </p>
            </main>
        }
        .into_any(),
    }
    }
}
