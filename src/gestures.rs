//! The map's gestures: drag and pinch, wheel and double-click zoom, a click
//! on the bare map, keys (arrows pan, `+`/`-` zoom, Escape closes).
//!
//! During a drag, a pinch or a wheel zoom the view is only previewed (see
//! [`Preview`]); it is committed to [`MapView`](crate::state::MapView) when
//! the gesture ends.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::MapState;
use crate::view::{Bounds, Limits, View};

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
/// re-rasterises nothing), and committed to the view signal when the gesture
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
struct Pointers {
    /// Pointer id and last position, at most two.
    pressed: Vec<(i32, f64, f64)>,
    /// Where the single pointer went down.
    start: (f64, f64),
    /// Whether the press has become a drag (or a pinch).
    dragging: bool,
}

/// The gesture handlers of one map, for the events of its root element
/// (and, standalone, the window's Escape key).
#[derive(Clone, Copy)]
pub struct Gestures {
    view: RwSignal<View>,
    extent: Bounds,
    selected: RwSignal<Option<model::PlaceId>>,
    article: RwSignal<Option<String>>,
    drag_guard: StoredValue<bool>,
    root: NodeRef<leptos::html::Main>,
    standalone: bool,
    preview: Preview,
    pointers: StoredValue<Pointers, LocalStorage>,
}

impl Gestures {
    /// The gestures of the map of `state`.
    pub fn new(state: &MapState) -> Gestures {
        Gestures {
            view: state.view,
            extent: state.context.extent,
            selected: state.selected,
            article: state.article,
            drag_guard: state.drag_guard,
            root: state.root,
            standalone: state.hosting.standalone,
            preview: Preview {
                view: state.view,
                live: StoredValue::new(None),
                pane: NodeRef::new(),
                wheel_turn: StoredValue::new(0),
            },
            pointers: StoredValue::new_local(Pointers::default()),
        }
    }

    /// The pane the previewed view transforms (holds the basemap and the markers).
    pub fn pane(&self) -> NodeRef<leptos::html::Div> {
        self.preview.pane
    }

    /// Zoom and pan limits for a view of this size (as [`crate::state::MapContext::limits`]).
    fn limits(&self, v: &View) -> Limits {
        Limits::for_extent(self.extent, v.width, v.height)
    }

    /// Escape closes the reader, else the popup.
    pub fn escape(&self, event: &web_sys::KeyboardEvent) {
        if event.key() != "Escape" {
            return;
        }
        if let Some(id) = self.article.get_untracked() {
            self.article.set(None);
            crate::components::article_view::focus_reader_button(self.root, &id);
        } else if self.selected.get_untracked().is_some() {
            crate::components::popup::close_popup(self.selected, self.root);
        }
    }

    /// A press: the start of a drag, or with a second pointer of a pinch.
    pub fn pointer_down(&self, event: ev::PointerEvent) {
        if event.button() != 0 || in_ui(&event) {
            return;
        }
        self.drag_guard.set_value(false);
        self.preview.commit();
        let (x, y) = local_point(&self.root, &event);
        let root = self.root;
        self.pointers.update_value(|g| {
            g.pressed.retain(|p| p.0 != event.pointer_id());
            if g.pressed.len() < 2 {
                g.pressed.push((event.pointer_id(), x, y));
            }
            if g.pressed.len() == 1 {
                g.start = (x, y);
                g.dragging = false;
            } else {
                g.dragging = true;
                capture(&root, &g.pressed);
            }
        });
    }

    /// A move: pans (one pointer past the threshold) or pinches (two).
    pub fn pointer_move(&self, event: ev::PointerEvent) {
        let id = event.pointer_id();
        let (x, y) = local_point(&self.root, &event);
        let this = *self;
        self.pointers.update_value(|g| {
            let Some(index) = g.pressed.iter().position(|p| p.0 == id) else {
                return;
            };
            let before = g.pressed.clone();
            g.pressed[index] = (id, x, y);
            match g.pressed.len() {
                1 => {
                    let moved = ((x - g.start.0).powi(2) + (y - g.start.1).powi(2)).sqrt();
                    if !g.dragging && moved > DRAG_THRESHOLD_PX {
                        g.dragging = true;
                        capture(&this.root, &g.pressed);
                    }
                    if g.dragging {
                        let (dx, dy) = (x - before[0].1, y - before[0].2);
                        let v = this.preview.current();
                        this.preview.show(v.pan_by(dx, dy, &this.limits(&v)));
                    }
                }
                _ => {
                    let (mid0, dist0) = pinch(&before);
                    let (mid1, dist1) = pinch(&g.pressed);
                    if dist0 > 0.0 && dist1 > 0.0 {
                        let v = this.preview.current();
                        let l = this.limits(&v);
                        this.preview
                            .show(v.zoom_about(dist1 / dist0, mid0.0, mid0.1, &l).pan_by(
                                mid1.0 - mid0.0,
                                mid1.1 - mid0.1,
                                &l,
                            ));
                    }
                }
            }
        });
    }

    /// A release or a cancel: the gesture ends with its last pointer.
    pub fn pointer_end(&self, event: ev::PointerEvent) {
        let drag_guard = self.drag_guard;
        self.pointers.update_value(|g| {
            g.pressed.retain(|p| p.0 != event.pointer_id());
            if g.dragging {
                drag_guard.set_value(true);
            }
            if g.pressed.is_empty() {
                g.dragging = false;
            }
        });
        if self.pointers.with_value(|g| g.pressed.is_empty()) {
            self.preview.commit();
        }
    }

    /// A wheel step zooms about the pointer.
    pub fn wheel(&self, event: ev::WheelEvent) {
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
        let (x, y) = local_point(&self.root, &event);
        let v = self.preview.current();
        self.preview
            .show(v.zoom_about(factor, x, y, &self.limits(&v)));
        self.preview.commit_when_wheel_rests();
    }

    /// A double-click zooms in about the pointer (out with Shift).
    pub fn double_click(&self, event: ev::MouseEvent) {
        if in_ui(&event) || closest(&event, ".marker") {
            return;
        }
        event.prevent_default();
        let factor = if event.shift_key() { 0.5 } else { 2.0 };
        let (x, y) = local_point(&self.root, &event);
        self.preview.commit();
        self.view
            .update(|v| *v = v.zoom_about(factor, x, y, &self.limits(v)));
    }

    /// A click on the bare map closes the popup (not the click ending a drag).
    pub fn click(&self, event: ev::MouseEvent) {
        if self.drag_guard.get_value() || in_ui(&event) || closest(&event, ".marker") {
            return;
        }
        if self.selected.get_untracked().is_some() {
            crate::components::popup::close_popup(self.selected, self.root);
        }
    }

    /// Keys on the map: arrows pan, `+`/`-` zoom; mounted, Escape too.
    pub fn key_down(&self, event: ev::KeyboardEvent) {
        if !self.standalone {
            // Mounted: keys are handled on the map's own element, not the window.
            self.escape(&event);
        }
        if in_ui(&event) || event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        self.preview.commit();
        let view = self.view;
        let pan = |dx: f64, dy: f64| view.update(|v| *v = v.pan_by(dx, dy, &self.limits(v)));
        let zoom = |factor: f64| {
            view.update(|v| {
                *v = v.zoom_about(factor, v.width / 2.0, v.height / 2.0, &self.limits(v))
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
