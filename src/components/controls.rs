//! Zoom buttons and a button back to the first view.

use leptos::prelude::*;

use crate::state::{MapContext, MapView};
use crate::view::View;

/// Zoom in, zoom out, and reset buttons.
#[component]
pub fn Controls() -> impl IntoView {
    let context = expect_context::<MapContext>();
    let MapView(view) = expect_context();
    let initial = view.get_untracked();
    let zoom = {
        let context = context.clone();
        move |factor: f64| {
            view.update(|v| *v = v.zoom_about(factor, v.width / 2.0, v.height / 2.0, &context.limits(v)))
        }
    };
    let zoom_out = zoom.clone();
    let at_max = {
        let context = context.clone();
        move || view.with(|v| v.scale >= context.limits(v).max_scale * 0.999)
    };
    let at_min = {
        let context = context.clone();
        move || view.with(|v| v.scale <= context.limits(v).min_scale * 1.001)
    };
    let reset = move |_| {
        view.update(|v| {
            let fresh = View { width: v.width, height: v.height, ..initial };
            *v = fresh.clamped(&context.limits(&fresh));
        })
    };
    view! {
        <div class="ui controls" role="group" aria-label="Map controls">
            <button aria-label="Zoom in" title="Zoom in (+)" aria-disabled=move || at_max().to_string() on:click=move |_| zoom(2.0)>
                "+"
            </button>
            <button aria-label="Zoom out" title="Zoom out (−)" aria-disabled=move || at_min().to_string() on:click=move |_| zoom_out(0.5)>
                "−"
            </button>
            <button aria-label="Reset view" title="Back to the first view" on:click=reset>
                "⌂"
            </button>
        </div>
    }
}
