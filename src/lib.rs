//! Interactive map of the CSTO conflict zones, built from news articles.
//!
//! A Leptos (client-side) app compiled to WebAssembly. The places and the
//! country outlines are prepared at build time (`build.rs`) and embedded;
//! the app draws the basemap in SVG, the places as HTML buttons over it,
//! and shows the excerpts that name a place in a popup.
//!
//! Modules:
//! - [`data`]: loads the embedded data (the one place that knows where it comes from);
//! - [`view`]: viewport maths (projected km <-> screen px, zoom, pan, fit);
//! - [`layout`]: marker sizes, spreading of colliding markers, place labels;
//! - [`excerpt`]: excerpts split into plain and highlighted runs;
//! - [`hash`]: deep links (`#place=…&at=…`);
//! - [`state`]: the shared state, as newtype contexts;
//! - [`components`]: one component per file.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod components;
pub mod data;
pub mod excerpt;
pub mod hash;
pub mod layout;
pub mod state;
pub mod view;

use std::sync::Arc;

use leptos::prelude::*;

/// The whole app: the map, or a clear message when its data cannot be read.
#[component]
pub fn App() -> impl IntoView {
    match data::load() {
        Ok(data) => view! { <components::map::Map data=Arc::new(data) /> }.into_any(),
        Err(error) => view! {
            <main data-testid="map" class="map failed">
                <p role="alert">{format!("The map data could not be read: {error}")}</p>
            </main>
        }
        .into_any(),
    }
}
