//! Place markers: HTML buttons laid over the basemap, one per place, and
//! labels for the most mentioned places.

use leptos::prelude::*;
use model::PlaceKind;

use crate::layout::{dot_radius, LabelSide};
use crate::state::{self, ArticleFilter, DragGuard, MapContext, MapView, SelectedPlace};

/// Every marker and place label.
#[component]
pub fn Markers() -> impl IntoView {
    let context = expect_context::<MapContext>();
    let state::Markers(layout) = expect_context();
    let SelectedPlace(selected) = expect_context();
    let MapView(view) = expect_context();
    let DragGuard(drag_guard) = expect_context();
    let ArticleFilter(filter) = expect_context();
    // Whether place `index` is filtered out (no filtered article names it).
    let filtered_out = {
        let context = expect_context::<MapContext>();
        move |index: usize| {
            filter.with(|ids| !ids.is_empty() && !context.data.named_in_any(index, ids))
        }
    };
    let limits = move |v: &crate::view::View| context.limits(v);

    let markers = expect_context::<MapContext>()
        .data
        .places
        .iter()
        .enumerate()
        .map(|(index, place)| {
            let place = &place.place;
            let id = place.id.clone();
            let count = place.mentions as usize;
            let diameter = 2.0 * dot_radius(count);
            let is_country = place.kind == PlaceKind::Country;
            let title = format!(
                "{} ({} mention{})",
                place.name,
                count,
                if count == 1 { "" } else { "s" }
            );
            // Set through the CSSOM (`style:…`), not a `style` attribute:
            // a strict Content-Security-Policy (`style-src 'self'`) blocks
            // the attribute but not `element.style.setProperty`.
            let size = move || layout.with(|l| format!("{}px", l.sizes[index]));
            let transform = move || {
                layout.with(|l| {
                    let (x, y) = l.positions[index];
                    let half = l.sizes[index] / 2.0;
                    format!("translate({:.1}px,{:.1}px)", x - half, y - half)
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
            let reveal_on_focus = {
                let limits = limits.clone();
                move |_| {
                    let (x, y) = layout.with_untracked(|l| l.positions[index]);
                    view.update(|v| {
                        let area = (16.0, 16.0, v.width - 16.0, v.height - 16.0);
                        if x < area.0 || y < area.1 || x > area.2 || y > area.3 {
                            *v = v.reveal(x, y, area, &limits(v));
                        }
                    });
                }
            };
            view! {
                <button
                    class="marker"
                    class:country=is_country
                    class:selected=is_selected.clone()
                    data-testid="marker"
                    data-place-id=id
                    data-kind=place.kind.as_str()
                    aria-label=place.name.clone()
                    aria-haspopup="dialog"
                    aria-expanded=move || if is_selected() { "true" } else { "false" }
                    title=title
                    style:width=size
                    style:height=size
                    style:transform=transform
                    hidden={
                        let filtered_out = filtered_out.clone();
                        move || filtered_out(index)
                    }
                    on:click=open
                    on:focus=reveal_on_focus
                >
                    <span class="dot" style:width=format!("{diameter}px") style:height=format!("{diameter}px")></span>
                </button>
            }
        })
        .collect_view();

    let labels = expect_context::<MapContext>()
        .data
        .places
        .iter()
        .enumerate()
        .map(|(index, place)| {
            let is_country = place.place.kind == PlaceKind::Country;
            // Unlabelled places keep their (hidden) label element.
            let display = move || layout.with(|l| l.labels[index].is_none().then_some("none"));
            let transform = move || {
                layout.with(|l| {
                    let side = l.labels[index]?;
                    let (x, y) = l.positions[index];
                    let half = l.sizes[index] / 2.0;
                    Some(match side {
                        LabelSide::Right => {
                            format!("translate({:.1}px,{:.1}px) translateY(-50%)", x + half + 2.0, y)
                        }
                        LabelSide::Left => {
                            format!("translate({:.1}px,{:.1}px) translate(-100%,-50%)", x - half - 2.0, y)
                        }
                    })
                })
            };
            let hidden = {
                let filtered_out = filtered_out.clone();
                move || filtered_out(index)
            };
            view! { <span class="place-label" class:country=is_country aria-hidden="true" hidden=hidden style:display=display style:transform=transform>{place.place.name.clone()}</span> }
        })
        .collect_view();

    let leaders = move || {
        layout.with(|l| {
            l.positions
                .iter()
                .zip(&l.anchors)
                .filter(|(p, a)| (p.0 - a.0).abs() > 0.5 || (p.1 - a.1).abs() > 0.5)
                .map(|(p, a)| format!("M{:.1} {:.1}L{:.1} {:.1}", a.0, a.1, p.0, p.1))
                .collect::<String>()
        })
    };

    view! {
        <div class="markers">
            <svg class="leaders" aria-hidden="true" focusable="false">
                <path d=leaders />
            </svg>
            {labels}
            {markers}
        </div>
    }
}
