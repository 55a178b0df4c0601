//! The map: owns the view and the gestures that change it (drag, pinch,
//! wheel, double-click, keys), and stacks the layers.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::cluster::PlaceIndex;
use crate::components::{
    article_view::ArticleView, attribution::Attribution, basemap::Basemap, controls::Controls,
    embed_dialog::FullMapLink, filter_chip::FilterChip, language_picker::LanguagePicker,
    legend::Legend, markers::Markers,
    popup::Popup, scale_bar::ScaleBar,
};
use crate::data::MapData;
use crate::layout::{marker_layout, passes_filter};
use crate::state::{
    self, ArticleFilter, DragGuard, Hosting, MapContext, MapRoot, MapView, OpenArticle,
    SelectedPlace, Setup, UiLang,
};
use crate::view::View;

/// Overlays that handle their own pointer and key events (popup, panels,
/// buttons): gestures starting on them are not map gestures.
const UI_SELECTOR: &str = ".ui";

/// Pixels a pointer must travel before a press becomes a drag.
const DRAG_THRESHOLD_PX: f64 = 4.0;

/// Arrow keys pan by this many pixels.
const KEY_PAN_PX: f64 = 100.0;

/// A wheel zoom ends when no wheel event came for this long: the map is
/// then redrawn for the new view (wheels send bursts of small steps).
const WHEEL_SETTLE: std::time::Duration = std::time::Duration::from_millis(160);

/// The view while a gesture runs, shown by ONE CSS transform of the pane
/// that holds the basemap and the markers (a composited layer: moving it
/// re-rasterises nothing), and committed to [`MapView`] when the gesture
/// ends, which redraws the paths and markers once for the new view
/// (Leaflet's way). Re-rasterising the world's SVG on every pointer move
/// is what made a drag run at 10 frames a second.
#[derive(Clone, Copy)]
struct Preview {
    /// The committed view: what the pane's content is drawn for.
    view: RwSignal<View>,
    /// The view shown, while it differs from the committed one.
    live: StoredValue<Option<View>>,
    /// The pane moved by the transform.
    pane: NodeRef<leptos::html::Div>,
    /// Bumped by every wheel step, so only the last one's timer commits.
    wheel_turn: StoredValue<u64>,
}

impl Preview {
    /// The view the user sees now.
    fn current(&self) -> View {
        self.live
            .get_value()
            .unwrap_or_else(|| self.view.get_untracked())
    }

    /// Shows `next` by transforming the pane; nothing is redrawn.
    fn show(&self, next: View) {
        self.live.set_value(Some(next));
        let (scale, tx, ty) = next.transform_from(&self.view.get_untracked());
        self.set_transform(&format!("translate({tx:.2}px,{ty:.2}px) scale({scale:.5})"));
    }

    /// Ends the gesture: the committed view becomes the one shown and the
    /// pane goes back in place (both before the next frame is painted).
    fn commit(&self) {
        if let Some(next) = self.live.get_value() {
            self.live.set_value(None);
            self.view.set(next);
            self.set_transform("");
        }
    }

    /// Commits `WHEEL_SETTLE` after the last wheel step.
    fn commit_when_wheel_rests(self) {
        let turn = self.wheel_turn.get_value() + 1;
        self.wheel_turn.set_value(turn);
        set_timeout(
            move || {
                if self.wheel_turn.try_get_value() == Some(turn) {
                    self.commit();
                }
            },
            WHEEL_SETTLE,
        );
    }

    fn set_transform(&self, transform: &str) {
        if let Some(pane) = self.pane.get_untracked() {
            // The CSSOM, not a `style` attribute: allowed by a strict CSP.
            let _ = web_sys::HtmlElement::style(&pane).set_property("transform", transform);
        }
    }
}

/// Pointers currently pressed on the map, for drag and pinch.
#[derive(Debug, Default)]
struct Gesture {
    /// Pointer id and last position, at most two.
    pointers: Vec<(i32, f64, f64)>,
    /// Where the single pointer went down.
    start: (f64, f64),
    /// Whether the press has become a drag (or a pinch).
    dragging: bool,
}

/// The viewport-filling map element with every layer inside it.
#[component]
pub fn Map(
    /// Everything to draw.
    data: Arc<MapData>,
    /// The first state and how the app is hosted.
    setup: Setup,
) -> impl IntoView {
    let (width, height) = setup.size.unwrap_or_else(window_size);
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
        let margin = if width < state::NARROW_PX { 32.0 } else { 64.0 };
        View::fit(data.focus(), width, height, margin, &context.limits(&probe))
    };
    let fragment = setup.initial.clone();
    let initial = match fragment.at {
        Some(at) => super::url_sync::view_at(&context, &initial, at),
        None => initial,
    };
    let view = RwSignal::new(initial);
    let selected = RwSignal::new(fragment.place.filter(|id| data.place(id).is_some()));
    let article = RwSignal::new(fragment.article.filter(|id| data.article(id).is_some()));
    let filter = RwSignal::new(super::url_sync::known_articles(&data, &fragment.filter));
    let lang = RwSignal::new(fragment.lang.unwrap_or(setup.default_lang));
    let hosting = Hosting {
        standalone: setup.standalone,
        embed: fragment.embed,
        theme: fragment.theme,
        default_lang: setup.default_lang,
    };
    let drag_guard = StoredValue::new(false);
    // The cluster hierarchy of the places the filter keeps: rebuilt when
    // the filter changes (milliseconds for thousands of places).
    let index = {
        let data = data.clone();
        let world = context.extent;
        Memo::new(move |_| {
            filter.with(|articles| {
                let kept = data
                    .places
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| passes_filter(&data, *i, articles))
                    .map(|(i, p)| (i, p.x, p.y));
                std::sync::Arc::new(PlaceIndex::new(kept, world))
            })
        })
    };
    let layout = Memo::new(move |_| {
        // The selected place keeps its own marker, which its popup points at.
        let shown = selected.with(|id| {
            let i = id
                .as_deref()
                .and_then(|id| data.places.iter().position(|p| p.place.id == id))?;
            filter
                .with(|articles| passes_filter(&data, i, articles))
                .then_some(i)
        });
        let lang = lang.get().code();
        index.with(|index| view.with(|v| marker_layout(&data, v, index, shown, lang)))
    });
    provide_context(context.clone());
    provide_context(MapView(view));
    provide_context(SelectedPlace(selected));
    provide_context(OpenArticle(article));
    provide_context(DragGuard(drag_guard));
    provide_context(state::Markers(layout));
    provide_context(ArticleFilter(filter));
    provide_context(UiLang(lang));
    provide_context(state::PopupContent(RwSignal::new(0)));
    provide_context(hosting);

    let limits = {
        let context = context.clone();
        move |v: &View| context.limits(v)
    };
    let gesture = StoredValue::new_local(Gesture::default());
    let main_ref = NodeRef::<leptos::html::Main>::new();
    let preview = Preview {
        view,
        live: StoredValue::new(None),
        pane: NodeRef::new(),
        wheel_turn: StoredValue::new(0),
    };
    provide_context(MapRoot(main_ref));

    // Escape closes the reader, else the popup.
    let escape = move |event: &web_sys::KeyboardEvent| {
        if event.key() != "Escape" {
            return;
        }
        if let Some(id) = article.get_untracked() {
            article.set(None);
            crate::components::article_view::focus_reader_button(main_ref, &id);
        } else if selected.get_untracked().is_some() {
            crate::components::popup::close_popup(selected, main_ref);
        }
    };
    if setup.standalone {
        // The standalone page is the map: the window's size and keys are its own.
        let resize = {
            let limits = limits.clone();
            window_event_listener(ev::resize, move |_| {
                let (w, h) = window_size();
                view.update(|v| {
                    let resized = v.resized(w, h);
                    *v = resized.clamped(&limits(&resized));
                });
            })
        };
        let keys = window_event_listener(ev::keydown, move |event| escape(&event));
        on_cleanup(move || {
            resize.remove();
            keys.remove();
        });
        super::url_sync::sync_url(context.clone());
        super::url_sync::iframe_protocol(context.clone());
    } else {
        super::url_sync::follow_element_size(context.clone());
    }

    let on_pointerdown = move |event: ev::PointerEvent| {
        if event.button() != 0 || in_ui(&event) {
            return;
        }
        drag_guard.set_value(false);
        preview.commit();
        let (x, y) = local_point(&main_ref, &event);
        gesture.update_value(|g| {
            g.pointers.retain(|p| p.0 != event.pointer_id());
            if g.pointers.len() < 2 {
                g.pointers.push((event.pointer_id(), x, y));
            }
            if g.pointers.len() == 1 {
                g.start = (x, y);
                g.dragging = false;
            } else {
                g.dragging = true;
                capture(&main_ref, &g.pointers);
            }
        });
    };
    let on_pointermove = {
        let limits = limits.clone();
        move |event: ev::PointerEvent| {
            let id = event.pointer_id();
            let (x, y) = local_point(&main_ref, &event);
            gesture.update_value(|g| {
                let Some(index) = g.pointers.iter().position(|p| p.0 == id) else {
                    return;
                };
                let before = g.pointers.clone();
                g.pointers[index] = (id, x, y);
                match g.pointers.len() {
                    1 => {
                        let moved = ((x - g.start.0).powi(2) + (y - g.start.1).powi(2)).sqrt();
                        if !g.dragging && moved > DRAG_THRESHOLD_PX {
                            g.dragging = true;
                            capture(&main_ref, &g.pointers);
                        }
                        if g.dragging {
                            let (dx, dy) = (x - before[0].1, y - before[0].2);
                            let v = preview.current();
                            preview.show(v.pan_by(dx, dy, &limits(&v)));
                        }
                    }
                    _ => {
                        let (mid0, dist0) = pinch(&before);
                        let (mid1, dist1) = pinch(&g.pointers);
                        if dist0 > 0.0 && dist1 > 0.0 {
                            let v = preview.current();
                            let l = limits(&v);
                            preview.show(v.zoom_about(dist1 / dist0, mid0.0, mid0.1, &l).pan_by(
                                mid1.0 - mid0.0,
                                mid1.1 - mid0.1,
                                &l,
                            ));
                        }
                    }
                }
            });
        }
    };
    let on_pointerend = move |event: ev::PointerEvent| {
        gesture.update_value(|g| {
            g.pointers.retain(|p| p.0 != event.pointer_id());
            if g.dragging {
                drag_guard.set_value(true);
            }
            if g.pointers.is_empty() {
                g.dragging = false;
            }
        });
        if gesture.with_value(|g| g.pointers.is_empty()) {
            preview.commit();
        }
    };
    let on_wheel = {
        let limits = limits.clone();
        move |event: ev::WheelEvent| {
            if in_ui(&event) {
                return;
            }
            event.prevent_default();
            let unit = match event.delta_mode() {
                1 => 16.0,  // lines
                2 => 400.0, // pages
                _ => 1.0,
            };
            let factor = (-event.delta_y() * unit * 0.002).exp().clamp(0.5, 2.0);
            let (x, y) = local_point(&main_ref, &event);
            let v = preview.current();
            preview.show(v.zoom_about(factor, x, y, &limits(&v)));
            preview.commit_when_wheel_rests();
        }
    };
    let on_dblclick = {
        let limits = limits.clone();
        move |event: ev::MouseEvent| {
            if in_ui(&event) || closest(&event, ".marker") {
                return;
            }
            event.prevent_default();
            let factor = if event.shift_key() { 0.5 } else { 2.0 };
            let (x, y) = local_point(&main_ref, &event);
            preview.commit();
            view.update(|v| *v = v.zoom_about(factor, x, y, &limits(v)));
        }
    };
    let on_click = move |event: ev::MouseEvent| {
        // A click on the bare map closes the popup (not the click ending a drag).
        if drag_guard.get_value() || in_ui(&event) || closest(&event, ".marker") {
            return;
        }
        if selected.get_untracked().is_some() {
            crate::components::popup::close_popup(selected, main_ref);
        }
    };
    let standalone = setup.standalone;
    let on_keydown = {
        let limits = limits.clone();
        move |event: ev::KeyboardEvent| {
            if !standalone {
                // Mounted: keys are handled on the map's own element, not the window.
                escape(&event);
            }
            if in_ui(&event) || event.ctrl_key() || event.meta_key() || event.alt_key() {
                return;
            }
            preview.commit();
            let pan = |dx: f64, dy: f64| view.update(|v| *v = v.pan_by(dx, dy, &limits(v)));
            let zoom = |factor: f64| {
                view.update(|v| {
                    *v = v.zoom_about(factor, v.width / 2.0, v.height / 2.0, &limits(v))
                })
            };
            match event.key().as_str() {
                "ArrowLeft" => pan(KEY_PAN_PX, 0.0),
                "ArrowRight" => pan(-KEY_PAN_PX, 0.0),
                "ArrowUp" => pan(0.0, KEY_PAN_PX),
                "ArrowDown" => pan(0.0, -KEY_PAN_PX),
                "+" | "=" => zoom(2.0),
                "-" | "_" => zoom(0.5),
                _ => return,
            }
            event.prevent_default();
        }
    };

    let strings = move || lang.get().strings();
    view! {
        <main
            data-testid="map"
            class="map"
            class:mounted=!setup.standalone
            class:embed=hosting.embed
            lang=move || lang.get().code()
            data-theme=hosting.theme.map(|t| t.code())
            node_ref=main_ref
            tabindex="0"
            aria-label=move || strings().map_label
            on:pointerdown=on_pointerdown
            on:pointermove=on_pointermove
            on:pointerup=on_pointerend
            on:pointercancel=on_pointerend
            on:wheel=on_wheel
            on:dblclick=on_dblclick
            on:click=on_click
            on:keydown=on_keydown
        >
            <div class="pane" node_ref=preview.pane>
                <Basemap />
                <Markers />
            </div>
            <header class="ui title-card">
                <h1>{move || strings().title}</h1>
                <FullMapLink />
                <LanguagePicker />
            </header>
            <FilterChip />
            <Controls />
            <Legend />
            <ScaleBar />
            <Attribution />
            <Popup />
            <ArticleView />
        </main>
    }
}

/// The window's inner size in CSS px (the map fills it).
fn window_size() -> (f64, f64) {
    let window = window();
    let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    (
        size(window.inner_width()).max(1.0),
        size(window.inner_height()).max(1.0),
    )
}

/// An event's pointer position relative to the map element (the
/// standalone map fills the window; a mounted one may sit anywhere).
fn local_point(main_ref: &NodeRef<leptos::html::Main>, event: &web_sys::MouseEvent) -> (f64, f64) {
    let (x, y) = (f64::from(event.client_x()), f64::from(event.client_y()));
    match main_ref.get_untracked() {
        Some(main) => {
            let rect = main.get_bounding_client_rect();
            (x - rect.left(), y - rect.top())
        }
        None => (x, y),
    }
}

/// Midpoint and spread of two pointers.
fn pinch(pointers: &[(i32, f64, f64)]) -> ((f64, f64), f64) {
    match pointers {
        [(_, x0, y0), (_, x1, y1), ..] => (
            ((x0 + x1) / 2.0, (y0 + y1) / 2.0),
            ((x1 - x0).powi(2) + (y1 - y0).powi(2)).sqrt(),
        ),
        _ => ((0.0, 0.0), 0.0),
    }
}

/// Sends the pressed pointers' later events to the map even when they
/// leave it, so a drag is not lost over a marker or outside the window.
fn capture(main_ref: &NodeRef<leptos::html::Main>, pointers: &[(i32, f64, f64)]) {
    if let Some(main) = main_ref.get_untracked() {
        for &(id, _, _) in pointers {
            let _ = main.set_pointer_capture(id);
        }
    }
}

/// Whether the event started inside an element matching `selector`.
fn closest(event: &web_sys::Event, selector: &str) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest(selector).ok().flatten())
        .is_some()
}

/// Whether the event started on an overlay (popup, panel, control).
fn in_ui(event: &web_sys::Event) -> bool {
    closest(event, UI_SELECTOR)
}
