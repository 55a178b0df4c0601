//! Markers: HTML buttons laid over the basemap, one per drawn place or
//! cluster (see `layout`), and labels for the most mentioned places.

use leptos::prelude::*;
use model::PlaceKind;

use crate::layout::{dot_radius, mentions, place_key, DrawnMarker, LabelSide, MarkerKind};
use crate::state::{self, DragGuard, MapContext, MapView, SelectedPlace, UiLang};
use crate::view::View;

/// Every marker and place label.
#[component]
pub fn Markers() -> impl IntoView {
    let state::DrawnMarkers(layout) = expect_context();
    let leaders = move || {
        layout.with(|l| {
            l.drawn
                .iter()
                .filter(|m| {
                    (m.position.0 - m.anchor.0).abs() > 0.5
                        || (m.position.1 - m.anchor.1).abs() > 0.5
                })
                .map(|m| {
                    let (a, p) = (m.anchor, m.position);
                    format!("M{:.1} {:.1}L{:.1} {:.1}", a.0, a.1, p.0, p.1)
                })
                .collect::<String>()
        })
    };
    // A redraw may move or replace the focused marker's button (the pan
    // that reveals it, a cluster opening): the focus then falls to the
    // page's body. Give it back to the marker with the same key.
    let state::FocusedMarker(focused) = expect_context();
    let state::MapRoot(root) = expect_context();
    Effect::new(move |_| {
        layout.track();
        if let Some(key) = focused.get_untracked() {
            request_animation_frame(move || restore_focus(root, key));
        }
    });
    view! {
        <div class="markers">
            <svg class="leaders" aria-hidden="true" focusable="false">
                <path d=leaders />
            </svg>
            <For
                each=move || layout.with(|l| l.drawn.clone())
                key=|marker: &DrawnMarker| marker.key
                children=move |marker: DrawnMarker| match marker.kind {
                    MarkerKind::Place(index) => view! { <PlaceMarker index=index /> }.into_any(),
                    MarkerKind::Cluster { .. } => view! { <ClusterMarker marker=marker /> }.into_any(),
                }
            />
        </div>
    }
}

/// Focuses the marker with this key if the focus has fallen to the body.
fn restore_focus(root: NodeRef<leptos::html::Main>, key: u64) {
    use wasm_bindgen::JsCast;
    let lost = document()
        .active_element()
        .is_none_or(|active| document().body().is_some_and(|body| *body == active));
    if !lost {
        return;
    }
    let marker = root.get_untracked().and_then(|main| {
        main.query_selector(&format!(r#"[data-key="{key}"]"#))
            .ok()
            .flatten()
    });
    if let Some(marker) = marker.and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = marker.focus();
    }
}

/// Forgets that marker `key` has the focus, unless another took it since.
fn forget_focus(focused: RwSignal<Option<u64>>, key: u64) {
    if focused.get_untracked() == Some(key) {
        focused.set(None);
    }
}

/// The CSS translate that puts a target of side `size` centred on `(x, y)`.
fn centred(x: f64, y: f64, size: f64) -> String {
    format!("translate({:.1}px,{:.1}px)", x - size / 2.0, y - size / 2.0)
}

/// Pans just enough to bring screen point `(x, y)` inside the map (a
/// marker reached with Tab may lie past an edge).
fn reveal(view: RwSignal<View>, context: &MapContext, (x, y): (f64, f64)) {
    view.update(|v| {
        let area = (16.0, 16.0, v.width - 16.0, v.height - 16.0);
        if x < area.0 || y < area.1 || x > area.2 || y > area.3 {
            *v = v.reveal(x, y, area, &context.limits(v));
        }
    });
}

/// The marker of one place, and its label.
#[component]
fn PlaceMarker(
    /// Index of the place in the map data.
    index: usize,
) -> impl IntoView {
    let context = expect_context::<MapContext>();
    let state::DrawnMarkers(layout) = expect_context();
    let SelectedPlace(selected) = expect_context();
    let MapView(view) = expect_context();
    let DragGuard(drag_guard) = expect_context();
    let map_place = &context.data.places[index];
    let place = &map_place.place;
    let id = place.id.clone();
    let count = mentions(map_place);
    let diameter = 2.0 * dot_radius(count);
    let is_country = place.kind == PlaceKind::Country;
    let UiLang(lang) = expect_context();
    // The place's name in the interface language (Moscou / Moscow / Москва).
    let name = {
        let data = context.data.clone();
        move || {
            data.places[index]
                .place
                .name_in(lang.get().code())
                .to_owned()
        }
    };
    let title = {
        let name = name.clone();
        move || lang.get().strings().marker_title(&name(), count)
    };
    // Set through the CSSOM (`style:…`), not a `style` attribute: a strict
    // Content-Security-Policy (`style-src 'self'`) blocks the attribute
    // but not `element.style.setProperty`.
    let size = move || layout.with(|l| format!("{}px", l.sizes[index]));
    let transform = move || {
        layout.with(|l| {
            let (x, y) = l.positions[index];
            centred(x, y, l.sizes[index])
        })
    };
    let is_selected = {
        let id = id.clone();
        move || selected.with(|s| s.as_deref() == Some(id.as_str()))
    };
    let open = {
        let id = id.clone();
        move |_| {
            if drag_guard.get_value() {
                return;
            }
            selected.set(Some(id.clone()));
        }
    };
    let state::FocusedMarker(focused) = expect_context();
    let key = place_key(index);
    let reveal_on_focus = {
        let context = context.clone();
        move |_| {
            focused.set(Some(key));
            reveal(
                view,
                &context,
                layout.with_untracked(|l| l.positions[index]),
            )
        }
    };
    let on_blur = move |_| forget_focus(focused, key);
    let label_display = move || layout.with(|l| l.labels[index].is_none().then_some("none"));
    let label_transform = move || {
        layout.with(|l| {
            let side = l.labels[index]?.side;
            let (x, y) = l.positions[index];
            let half = l.sizes[index] / 2.0;
            Some(match side {
                LabelSide::Right => {
                    format!(
                        "translate({:.1}px,{:.1}px) translateY(-50%)",
                        x + half + 2.0,
                        y
                    )
                }
                LabelSide::Left => {
                    format!(
                        "translate({:.1}px,{:.1}px) translate(-100%,-50%)",
                        x - half - 2.0,
                        y
                    )
                }
            })
        })
    };
    view! {
        <span class="place-label" class:country=is_country aria-hidden="true" style:display=label_display style:transform=label_transform>
            {name.clone()}
        </span>
        <button
            class="marker"
            class:country=is_country
            class:selected=is_selected.clone()
            data-testid="marker"
            data-key=key.to_string()
            data-place-id=id.to_string()
            data-kind=place.kind.as_str()
            aria-label=name
            aria-haspopup="dialog"
            aria-expanded=move || if is_selected() { "true" } else { "false" }
            title=title
            style:width=size
            style:height=size
            style:transform=transform
            on:click=open
            on:focus=reveal_on_focus
            on:blur=on_blur
        >
            <span class="dot" style:width=format!("{diameter}px") style:height=format!("{diameter}px")></span>
        </button>
    }
}

/// A cluster: a button named by its count and main places; a click (or
/// Enter) zooms in until its places spread apart.
#[component]
fn ClusterMarker(
    /// The cluster as first drawn (its key finds it in later layouts).
    marker: DrawnMarker,
) -> impl IntoView {
    let context = expect_context::<MapContext>();
    let state::DrawnMarkers(layout) = expect_context();
    let MapView(view) = expect_context();
    let UiLang(lang) = expect_context();
    let DragGuard(drag_guard) = expect_context();
    let key = marker.key;
    let MarkerKind::Cluster {
        count,
        main,
        bounds,
    } = marker.kind
    else {
        return None;
    };
    let label = {
        let data = context.data.clone();
        move || {
            let lang = lang.get();
            let names: Vec<String> = main
                .iter()
                .map(|&i| data.places[i].place.name_in(lang.code()).to_owned())
                .collect();
            lang.strings().cluster_label(count, &names)
        }
    };
    let placed = move || layout.with(|l| l.marker(key).map(|m| (m.position, m.size)));
    let size = move || placed().map(|(_, size)| format!("{size}px"));
    let transform = move || placed().map(|((x, y), size)| centred(x, y, size));
    let zoom_in = {
        let context = context.clone();
        move |_| {
            if drag_guard.get_value() {
                return;
            }
            view.update(|v| *v = zoom_into(v, bounds, &context));
        }
    };
    let state::FocusedMarker(focused) = expect_context();
    let on_blur = move |_| forget_focus(focused, key);
    let reveal_on_focus = move |_| {
        focused.set(Some(key));
        if let Some((position, _)) =
            layout.with_untracked(|l| l.marker(key).map(|m| (m.position, m.size)))
        {
            reveal(view, &context, position);
        }
    };
    let diameter = marker.size - 4.0;
    Some(view! {
        <button
            class="cluster"
            data-testid="cluster"
            data-key=key.to_string()
            aria-label=label
            style:width=size
            style:height=size
            style:transform=transform
            on:click=zoom_in
            on:focus=reveal_on_focus
            on:blur=on_blur
        >
            <span class="disc" aria-hidden="true" style:width=format!("{diameter}px") style:height=format!("{diameter}px")>
                {count}
            </span>
        </button>
    })
}

/// The view that opens a cluster: its places framed with a margin, and
/// always at least twice as close as now.
fn zoom_into(v: &View, bounds: crate::view::Bounds, context: &MapContext) -> View {
    let limits = context.limits(v);
    let framed = View::fit(bounds, v.width, v.height, 48.0, &limits);
    let scale = framed.scale.max(v.scale * 2.0).min(limits.max_scale);
    let (center_x, center_y) = bounds.center();
    View {
        center_x,
        center_y,
        scale,
        ..*v
    }
    .clamped(&limits)
}
