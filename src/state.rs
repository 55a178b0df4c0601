//! The app's shared state, provided as newtype contexts (one type per
//! concern, so `expect_context` can never hand out the wrong signal), and
//! its creation for one map ([`provide_map_state`], called by `Map`).

use std::sync::Arc;

use leptos::prelude::*;
use model::PlaceId;

use crate::cluster::PlaceIndex;
use crate::data::MapData;
use crate::layout::{marker_layout, MarkerLayout};
use crate::permalink::{Lang, Permalink, Theme};
use crate::view::{Bounds, Limits, View};

/// The id of the place whose popup is open.
#[derive(Debug, Clone, Copy)]
pub struct SelectedPlace(pub RwSignal<Option<PlaceId>>);

/// The conflict zone whose dialog is open (its position in the zones file).
#[derive(Debug, Clone, Copy)]
pub struct SelectedZone(pub RwSignal<Option<usize>>);

/// The id of the article shown in the reader panel.
#[derive(Debug, Clone, Copy)]
pub struct OpenArticle(pub RwSignal<Option<String>>);

/// Only the places these articles name (empty: every place).
#[derive(Debug, Clone, Copy)]
pub struct ArticleFilter(pub RwSignal<Vec<String>>);

/// The time filter: only the articles dated inside this range of months
/// are shown (`None`: every article, dated or not). In the URL as
/// `when=YYYY-MM..YYYY-MM`.
#[derive(Debug, Clone, Copy)]
pub struct TimeRange(pub RwSignal<Option<model::MonthRange>>);

/// The articles (and so places) shown now: [`crate::shown::Shown`] of the
/// article filter and the time range, recomputed when either changes. The
/// map, the article list, the zones and the downloads all read this one.
#[derive(Debug, Clone, Copy)]
pub struct ShownArticles(pub Memo<Arc<crate::shown::Shown>>);

impl ShownArticles {
    /// The memo of what `filter` and `range` keep of `data`.
    pub fn new(data: Arc<MapData>, filter: ArticleFilter, range: TimeRange) -> ShownArticles {
        ShownArticles(Memo::new(move |_| {
            let range = range.0.get();
            filter
                .0
                .with(|ids| Arc::new(crate::shown::Shown::new(&data, ids, range)))
        }))
    }
}

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
    pub initial: Permalink,
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
pub struct DrawnMarkers(pub Memo<MarkerLayout>);

/// The rectangles of the map's own panels (`crate::occluders`), which
/// markers keep out from under.
#[derive(Debug, Clone, Copy)]
pub struct Panels(pub RwSignal<Vec<crate::layout::Panel>>);

/// The key of the marker (`layout::DrawnMarker::key`) that has the
/// keyboard focus: the layout never folds nor hides it.
#[derive(Debug, Clone, Copy)]
pub struct FocusedMarker(pub RwSignal<Option<u64>>);

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

    /// The view centred on `(lon, lat)` at `scale` px/km, within the limits.
    pub fn view_at(&self, base: &View, (lon, lat, scale): (f64, f64, f64)) -> View {
        let (center_x, center_y) = model::Albers::csto().project(lon, lat);
        let asked = View {
            center_x,
            center_y,
            scale,
            ..*base
        };
        asked.clamped(&self.limits(&asked))
    }

    /// The view a link to `place` opens on: centred on it, and, unless it
    /// is a country (its shape is the context), close enough that its
    /// neighbours are named around it: the shorter side of the screen spans
    /// [`PLACE_FRAME_KM`] (or less, if the first view was closer already).
    pub fn framing(&self, first: &View, place: &crate::data::MapPlace) -> View {
        let regional = first.width.min(first.height) / PLACE_FRAME_KM;
        let scale = match place.place.kind {
            model::PlaceKind::Country => first.scale,
            _ => first.scale.max(regional),
        };
        let asked = View {
            center_x: place.x,
            center_y: place.y,
            scale,
            ..*first
        };
        asked.clamped(&self.limits(&asked))
    }

    /// The ids among `ids` that are articles of the map (the others are dropped).
    pub fn known_articles(&self, ids: &[String]) -> Vec<String> {
        ids.iter()
            .filter(|id| self.data.article(id).is_some())
            .cloned()
            .collect()
    }
}

/// The signals of one map, created by [`provide_map_state`].
#[derive(Debug, Clone)]
pub struct MapState {
    /// The data and the extent.
    pub context: MapContext,
    /// See [`MapView`].
    pub view: RwSignal<View>,
    /// See [`SelectedPlace`].
    pub selected: RwSignal<Option<PlaceId>>,
    /// See [`OpenArticle`].
    pub article: RwSignal<Option<String>>,
    /// See [`UiLang`].
    pub lang: RwSignal<Lang>,
    /// See [`Hosting`].
    pub hosting: Hosting,
    /// See [`DragGuard`].
    pub drag_guard: StoredValue<bool>,
    /// See [`MapRoot`].
    pub root: NodeRef<leptos::html::Main>,
}

/// How many kilometres the shorter side of the screen spans when a link
/// opens on a town or region: the Fergana valley and its neighbours around
/// Batken, not the whole of Eurasia with a dot in it.
pub const PLACE_FRAME_KM: f64 = 1_000.0;

/// Creates the state of a map of `data` sized `width` x `height` CSS px,
/// starting from `setup` (ids the data does not have are dropped), and
/// provides every context of this module to the components below.
pub fn provide_map_state(
    data: Arc<MapData>,
    setup: &Setup,
    (width, height): (f64, f64),
) -> MapState {
    let context = MapContext {
        extent: data.extent(),
        data: data.clone(),
    };
    let initial = {
        let probe = View {
            center_x: 0.0,
            center_y: 0.0,
            scale: 1.0,
            width,
            height,
        };
        let margin = if width < NARROW_PX { 32.0 } else { 64.0 };
        View::fit(data.focus(), width, height, margin, &context.limits(&probe))
    };
    let permalink = setup.initial.clone();
    let linked_place = permalink.place.as_deref().and_then(|id| data.place(id));
    let initial = match (permalink.at, linked_place) {
        (Some(at), _) => context.view_at(&initial, at),
        (None, Some(place)) => context.framing(&initial, place),
        (None, None) => initial,
    };
    let view = RwSignal::new(initial);
    let selected = RwSignal::new(linked_place.map(|place| place.place.id.clone()));
    let article = RwSignal::new(permalink.article.filter(|id| data.article(id).is_some()));
    let filter = RwSignal::new(context.known_articles(&permalink.filter));
    let when = RwSignal::new(permalink.when);
    let shown = ShownArticles::new(data.clone(), ArticleFilter(filter), TimeRange(when)).0;
    let lang = RwSignal::new(permalink.lang.unwrap_or(setup.default_lang));
    let hosting = Hosting {
        standalone: setup.standalone,
        embed: permalink.embed,
        theme: permalink.theme,
        default_lang: setup.default_lang,
    };
    let drag_guard = StoredValue::new(false);
    // The cluster hierarchy of the places shown (article filter and time
    // range): rebuilt when they change (milliseconds for thousands of places).
    let index = {
        let data = data.clone();
        let world = context.extent;
        Memo::new(move |_| {
            shown.with(|shown| {
                let kept = data
                    .places
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| shown.place(&p.place))
                    .map(|(i, p)| (i, p.x, p.y));
                Arc::new(PlaceIndex::new(kept, world))
            })
        })
    };
    let occluders = RwSignal::new(Vec::new());
    let focused = RwSignal::new(None);
    let layout = Memo::new(move |_| {
        // The selected place keeps its own marker, which its popup points at.
        let shown = selected.with(|id| {
            let i = data.index_of(id.as_deref()?)?;
            shown
                .with(|shown| shown.place(&data.places[i].place))
                .then_some(i)
        });
        let lang = lang.get().code();
        let focused = focused.get();
        occluders.with(|panels| {
            index.with(|index| {
                view.with(|v| marker_layout(&data, v, index, shown, lang, panels, focused))
            })
        })
    });
    let root = NodeRef::<leptos::html::Main>::new();
    provide_context(context.clone());
    provide_context(MapView(view));
    provide_context(SelectedPlace(selected));
    provide_context(SelectedZone(RwSignal::new(None)));
    provide_context(OpenArticle(article));
    provide_context(DragGuard(drag_guard));
    provide_context(DrawnMarkers(layout));
    provide_context(Panels(occluders));
    provide_context(FocusedMarker(focused));
    provide_context(ArticleFilter(filter));
    provide_context(TimeRange(when));
    provide_context(ShownArticles(shown));
    provide_context(UiLang(lang));
    provide_context(PopupContent(RwSignal::new(0)));
    provide_context(hosting);
    provide_context(MapRoot(root));
    MapState {
        context,
        view,
        selected,
        article,
        lang,
        hosting,
        drag_guard,
        root,
    }
}

/// Below this width (CSS px) the popup becomes a bottom sheet.
pub const NARROW_PX: f64 = 600.0;
