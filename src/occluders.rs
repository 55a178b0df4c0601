//! The map's own panels (title card, article list, controls, timeline,
//! legend, …) as rectangles of the map's screen, so that the markers are
//! laid out around them and never under them: a marker half under the
//! article list's button is a target obscured by another (WCAG 2.5.8) and,
//! focused, a focus hidden (2.4.11).
//!
//! Measured from the DOM whenever a panel appears, goes, opens or changes
//! size (a `MutationObserver` and a `ResizeObserver` on the map); the
//! signal changes only when a rectangle does, so the markers are laid out
//! again only then. A measure reads layout (`getBoundingClientRect`), which
//! forces the browser to lay the page out at once unless it just did: the
//! `ResizeObserver` measures right after a layout, and mutations only ask
//! for one measure in the next animation frame, so that the many mutations
//! of a redraw (every marker is a child of the map) cost one layout, not
//! one each. Measured on the seeds' first view with a 4× slower CPU, the
//! measures done at each mutation took 270 ms of the start-up task.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::layout::Panel;

/// The panels: every element of the map with the class `ui`.
const PANELS: &str = ".ui";

/// Panels left out: a place's popup or a zone's dialog is placed beside
/// its marker, so markers kept from under it would move the marker it is
/// placed by, and it again, without end; and its marker takes the focus
/// back when it closes, so it must not be hidden under it.
const PLACED_BY_A_MARKER: &str = ".popup";

/// Keeps `occluders` equal to the rectangles of the map's panels, in px
/// from the map's top-left corner, rounded outwards to whole px.
pub fn follow_panels(root: NodeRef<leptos::html::Main>, occluders: RwSignal<Vec<Panel>>) {
    type Observers = (web_sys::MutationObserver, web_sys::ResizeObserver);
    let observers: StoredValue<Option<Observers>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        let Some(main) = root.get() else { return };
        let resize: std::rc::Rc<std::cell::OnceCell<web_sys::ResizeObserver>> = Default::default();
        let measure = {
            let resize = resize.clone();
            let main = main.clone();
            move || {
                // A call already queued (a frame asked for, a resize seen)
                // can come after the map is unmounted and its signals
                // disposed, the observers disconnected: nothing to measure.
                if occluders.is_disposed() {
                    return;
                }
                let origin = main.get_bounding_client_rect();
                let mut rects = Vec::new();
                if let Ok(panels) = main.query_selector_all(PANELS) {
                    for k in 0..panels.length() {
                        let Some(panel) = panels
                            .item(k)
                            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                        else {
                            continue;
                        };
                        if let Some(observer) = resize.get() {
                            observer.observe(&panel);
                        }
                        let r = panel.get_bounding_client_rect();
                        // A panel in the page's flow (the stylesheet not
                        // applied: a sandbox that blocks it) is not over the
                        // map, but beside it.
                        let in_flow = window()
                            .get_computed_style(&panel)
                            .ok()
                            .flatten()
                            .and_then(|style| style.get_property_value("position").ok())
                            .is_none_or(|position| position == "static");
                        if r.width() < 1.0
                            || r.height() < 1.0
                            || in_flow
                            || panel.matches(PLACED_BY_A_MARKER).unwrap_or(false)
                        {
                            continue;
                        }
                        rects.push(Panel {
                            rect: [
                                (r.left() - origin.left()).floor(),
                                (r.top() - origin.top()).floor(),
                                (r.right() - origin.left()).ceil(),
                                (r.bottom() - origin.top()).ceil(),
                            ],
                        });
                    }
                }
                if occluders.with_untracked(|now| *now != rects) {
                    occluders.set(rects);
                }
            }
        };
        // One measure in the next frame, however many changes before it.
        let pending = std::rc::Rc::new(std::cell::Cell::new(false));
        let in_next_frame = {
            let pending = pending.clone();
            let measure = measure.clone();
            Closure::<dyn Fn()>::new(move || {
                pending.set(false);
                measure();
            })
        };
        let schedule = move || {
            if pending.replace(true) {
                return;
            }
            let asked = window().request_animation_frame(in_next_frame.as_ref().unchecked_ref());
            if asked.is_err() {
                pending.set(false);
            }
        };
        let on_mutation = Closure::<dyn Fn()>::new(schedule);
        // A `ResizeObserver` is called back just after a layout, when rects
        // cost nothing to read, and once when it starts observing: that is
        // the first measure.
        let on_resize = Closure::<dyn Fn()>::new(measure);
        let (Ok(mutations), Ok(sizes)) = (
            web_sys::MutationObserver::new(on_mutation.as_ref().unchecked_ref()),
            web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()),
        ) else {
            return;
        };
        let _ = resize.set(sizes.clone());
        let options = web_sys::MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        options.set_attributes(true);
        let watched = js_sys::Array::of3(&"class".into(), &"hidden".into(), &"open".into());
        options.set_attribute_filter(&watched);
        let _ = mutations.observe_with_options(&main, &options);
        sizes.observe(&main);
        on_mutation.forget();
        on_resize.forget();
        observers.update_value(|o| *o = Some((mutations, sizes)));
    });
    on_cleanup(move || {
        if let Some(Some((mutations, sizes))) = observers.try_get_value() {
            mutations.disconnect();
            sizes.disconnect();
        }
    });
}
