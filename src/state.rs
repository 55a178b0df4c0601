//! The app's shared state, provided as newtype contexts (one type per
//! concern, so `expect_context` can never hand out the wrong signal).

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::MapData;
use crate::hash::{Fragment, Lang, Theme};
use crate::layout::MarkerLayout;
use crate::view::{Bounds, Limits, View};

/// The id of the place whose popup is open.
#[derive(Debug, Clone, Copy)]
pub struct SelectedPlace(pub RwSignal<Option<String>>);

/// The id of the article shown in the reader panel.
#[derive(Debug, Clone, Copy)]
pub struct OpenArticle(pub RwSignal<Option<String>>);

/// Only the places these articles name (empty: every place).
#[derive(Debug, Clone, Copy)]
pub struct ArticleFilter(pub RwSignal<Vec<String>>);

/// The language of the interface and of the country labels.
#[derive(Debug, Clone, Copy)]
pub struct UiLang(pub RwSignal<Lang>);

/// The map's root element: every DOM query of the app starts there, never
/// at `document`, so the app also works inside a shadow root.
#[derive(Debug, Clone, Copy)]
pub struct MapRoot(pub NodeRef<leptos::html::Main>);

/// How the app is hosted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hosting {
    /// The standalone page: the app owns the URL fragment and the window's
    /// listeners, and talks to a parent window when in an iframe. `false`
    /// when mounted into someone else's element with `mount`.
    pub standalone: bool,
    /// Compact chrome (`embed=1`).
    pub embed: bool,
    /// The colour scheme the URL or the host forces (`None`: the reader's).
    pub theme: Option<Theme>,
    /// The language without a `lang=` in the fragment (the query string's,
    /// else the browser's, else English): the URL names the language only
    /// when it differs, so that a link opens in each reader's own.
    pub default_lang: Lang,
}

/// What the app starts from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Setup {
    /// The first state (from the URL, or from `mount`'s options).
    pub initial: Fragment,
    /// See [`Hosting::default_lang`].
    pub default_lang: Lang,
    /// See [`Hosting::standalone`].
    pub standalone: bool,
    /// The host element's size in CSS px when mounted (the window's otherwise).
    pub size: Option<(f64, f64)>,
    /// Where the data files are.
    pub data: crate::data::DataSource,
}

/// What the map shows (centre, zoom, viewport size).
#[derive(Debug, Clone, Copy)]
pub struct MapView(pub RwSignal<View>);

/// Where every marker is drawn at the current view.
#[derive(Debug, Clone, Copy)]
pub struct Markers(pub Memo<MarkerLayout>);

/// Bumped whenever the popup's content arrives (a page of excerpts is
/// fetched after the popup opened), so that what depends on its size
/// (the iframe's wanted height) measures it again.
#[derive(Debug, Clone, Copy)]
pub struct PopupContent(pub RwSignal<u32>);

/// Set when a pointer gesture panned the map, so that the click ending it
/// neither opens a marker nor closes the popup.
#[derive(Debug, Clone, Copy)]
pub struct DragGuard(pub StoredValue<bool>);

/// The data and the fixed extent of the map.
#[derive(Debug, Clone)]
pub struct MapContext {
    /// Everything the map draws.
    pub data: Arc<MapData>,
    /// The box the view's centre must stay in.
    pub extent: Bounds,
}

impl MapContext {
    /// Zoom and pan limits for a view of this size.
    pub fn limits(&self, view: &View) -> Limits {
        Limits::for_extent(self.extent, view.width, view.height)
    }
}

/// Below this width (CSS px) the popup becomes a bottom sheet.
pub const NARROW_PX: f64 = 600.0;
