//! Zoom buttons, a button back to the first view, and the embed button
//! (the last two not in the compact embedded chrome).

use leptos::prelude::*;

use crate::components::embed_dialog::EmbedButton;
use crate::state::{Hosting, MapContext, MapView, UiLang};
use crate::view::View;

/// Zoom in, zoom out, and reset buttons.
#[component]
pub fn Controls() -> impl IntoView {
    let context = expect_context::<MapContext>();
    let MapView(view) = expect_context();
    let UiLang(lang) = expect_context();
    let hosting = expect_context::<Hosting>();
    let strings = move || lang.get().strings();
    let initial = view.get_untracked();
    let zoom = {
        let context = context.clone();
        move |factor: f64| {
            view.update(|v| {
                *v = v.zoom_about(factor, v.width / 2.0, v.height / 2.0, &context.limits(v))
            })
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
            let fresh = View {
                width: v.width,
                height: v.height,
                ..initial
            };
            *v = fresh.clamped(&context.limits(&fresh));
        })
    };
    view! {
        <div class="ui controls" role="group" aria-label=move || strings().controls>
            <button data-testid="zoom-in" aria-label=move || strings().zoom_in title=move || strings().zoom_in_tip aria-disabled=move || at_max().to_string() on:click=move |_| zoom(2.0)>
                "+"
            </button>
            <button data-testid="zoom-out" aria-label=move || strings().zoom_out title=move || strings().zoom_out_tip aria-disabled=move || at_min().to_string() on:click=move |_| zoom_out(0.5)>
                "−"
            </button>
            {(!hosting.embed).then(|| view! {
                <button data-testid="reset-view" aria-label=move || strings().reset title=move || strings().reset_tip on:click=reset>
                    "⌂"
                </button>
            })}
            {(!hosting.embed && hosting.standalone).then(|| view! { <EmbedButton /> })}
        </div>
    }
}
