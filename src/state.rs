//! The app's shared state, provided as newtype contexts (one type per
//! concern, so `expect_context` can never hand out the wrong signal).

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::MapData;
use crate::layout::MarkerLayout;
use crate::view::{Bounds, Limits, View};

/// The id of the place whose popup is open.
#[derive(Debug, Clone, Copy)]
pub struct SelectedPlace(pub RwSignal<Option<String>>);

/// The id of the article shown in the reader panel.
#[derive(Debug, Clone, Copy)]
pub struct OpenArticle(pub RwSignal<Option<String>>);

/// What the map shows (centre, zoom, viewport size).
#[derive(Debug, Clone, Copy)]
pub struct MapView(pub RwSignal<View>);

/// Where every marker is drawn at the current view.
#[derive(Debug, Clone, Copy)]
pub struct Markers(pub Memo<MarkerLayout>);

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
