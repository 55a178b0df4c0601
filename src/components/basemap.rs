//! The basemap: country shapes, borders and country labels, in SVG.
//!
//! Path strings are built once, in the basemap's integer units (100 m,
//! `model::COORDINATE_UNIT_KM`) and relative steps, so they are short and
//! need no float formatting (which cost most of the start-up before); a
//! new view only changes the transform of the group that holds them, and
//! `vector-effect: non-scaling-stroke` keeps the strokes crisp at every
//! zoom. Labels are drawn in screen pixels so their text never scales.
//!
//! The view changes when a gesture ends (see [`crate::gestures`]); during the
//! gesture the whole pane is moved by a CSS transform instead, so the SVG
//! reaches [`OVERDRAW`] of the viewport beyond each edge: a drag uncovers
//! drawn land, not bare sea, until the redraw.

use leptos::prelude::*;
use model::Basemap as BasemapData;

use crate::state::{MapContext, MapView, UiLang};

/// How far the SVG reaches past each edge of the map, as a fraction of the
/// viewport's size (the stylesheet's `.basemap` box says the same: -50%, 200%).
pub const OVERDRAW: f64 = 0.5;

/// A country as drawn: its code, classes and outline.
struct CountryShape {
    code: String,
    class: &'static str,
    path: String,
}

/// A country label: name, anchor (projected km) and area. Countries the
/// articles name are labelled beside their marker instead (see `layout`).
struct CountryLabel {
    name_en: String,
    name_fr: String,
    name_ru: String,
    x: f64,
    y: f64,
    area_km2: f64,
}

/// The SVG basemap. Its coasts and borders come once `lines` is true: the
/// first view draws them in a task of their own (`components/map.rs`).
#[component]
pub fn Basemap(
    /// Whether to draw the coasts and borders yet.
    lines: Signal<bool>,
) -> impl IntoView {
    let context = expect_context::<MapContext>();
    let MapView(view) = expect_context();
    let UiLang(lang) = expect_context();
    let basemap = &context.data.basemap;
    let named = &context.data.named_countries;

    let shapes: Vec<CountryShape> = basemap
        .countries
        .iter()
        .map(|country| {
            let is_named = !country.code.is_empty() && named.contains(&country.code);
            let class = match (country.csto, is_named) {
                (true, true) => "country csto named",
                (true, false) => "country csto",
                (false, true) => "country named",
                (false, false) => "country",
            };
            let mut path = String::new();
            for ring in &country.rings {
                push_ring(&mut path, &basemap.ring_cells(ring));
            }
            CountryShape {
                code: country.code.clone(),
                class,
                path,
            }
        })
        .collect();
    let lines = {
        let context = context.clone();
        move || {
            lines.get().then(|| {
                let (coasts, borders) = border_paths(&context.data.basemap);
                view! {
                    <path class="coast" d=coasts />
                    <path class="border" d=borders />
                }
            })
        }
    };
    let labels: Vec<CountryLabel> = basemap
        .countries
        .iter()
        .filter(|c| !c.name_en.is_empty() && !named.contains(&c.code))
        .map(|c| CountryLabel {
            name_en: c.name_en.clone(),
            name_fr: c.name_fr.clone(),
            name_ru: c.name_ru.clone(),
            x: f64::from(c.label[0]) * model::COORDINATE_UNIT_KM,
            y: f64::from(c.label[1]) * model::COORDINATE_UNIT_KM,
            area_km2: c.area_km2,
        })
        .collect();

    let countries = shapes
        .into_iter()
        .map(|s| view! { <path class=s.class data-country=s.code d=s.path fill-rule="evenodd" /> })
        .collect_view();
    let labels = labels
        .into_iter()
        .map(|label| {
            // A label shows once the country is about as wide on screen as its name.
            let names = std::sync::Arc::new((label.name_en, label.name_fr, label.name_ru));
            let name = move || {
                lang.get()
                    .country_name(&names.0, &names.1, &names.2)
                    .to_owned()
            };
            let needed_px = {
                let name = name.clone();
                move || name().chars().count() as f64 * 7.0
            };
            let side_km = label.area_km2.max(0.0).sqrt();
            let position = move || {
                view.with(|v| {
                    let (x, y) = v.to_screen(label.x, label.y);
                    format!("translate({x:.1} {y:.1})")
                })
            };
            let hidden = {
                let needed_px = needed_px.clone();
                move || {
                    view.with(|v| side_km * v.scale < needed_px())
                        .then_some("hidden")
                }
            };
            view! {
                <text class="country-label" transform=position visibility=hidden>
                    {name}
                </text>
            }
        })
        .collect_view();

    // The SVG's corner sits OVERDRAW of a viewport up and left of the map's.
    view! {
        <svg data-testid="basemap" class="basemap" aria-hidden="true" focusable="false">
            <g transform=move || {
                view.with(|v| format!("translate({:.1} {:.1})", v.width * OVERDRAW, v.height * OVERDRAW))
            }>
                <g transform=move || view.with(|v| v.svg_transform())>
                    <g transform=format!("scale({})", model::COORDINATE_UNIT_KM)>
                        <g class="countries">{countries}</g>
                        {lines}
                    </g>
                </g>
                <g class="country-labels">{labels}</g>
            </g>
        </svg>
    }
}

/// Appends one closed ring as `M x y l dx dy … Z`, in basemap units.
fn push_ring(path: &mut String, cells: &[[i32; 2]]) {
    push_line(path, cells);
    if !cells.is_empty() {
        path.push('Z');
    }
}

/// Appends an open line: its first point absolute, then relative steps
/// (integers: no float formatting, and a step takes a few characters).
/// `itoa` writes the numbers: `core::fmt` took a third of the basemap's
/// drawing time at start-up.
fn push_line(path: &mut String, cells: &[[i32; 2]]) {
    let mut digits = itoa::Buffer::new();
    let mut previous = [0, 0];
    for (i, &[x, y]) in cells.iter().enumerate() {
        let (command, step) = if i == 0 {
            ('M', [x, y])
        } else {
            ('l', [x - previous[0], y - previous[1]])
        };
        path.push(command);
        path.push_str(digits.format(step[0]));
        path.push(' ');
        path.push_str(digits.format(step[1]));
        previous = [x, y];
    }
}

/// Path data of the coastlines (arcs used by one country) and of the land
/// borders (arcs shared by two), each arc drawn once.
fn border_paths(basemap: &BasemapData) -> (String, String) {
    let mut users = vec![0u8; basemap.arcs.len()];
    for country in &basemap.countries {
        let mut seen: Vec<usize> = country.rings.iter().flatten().map(|a| a.index()).collect();
        seen.sort_unstable();
        seen.dedup();
        let arcs = users.len();
        for index in seen.into_iter().filter(|&i| i < arcs) {
            users[index] = users[index].saturating_add(1);
        }
    }
    let (mut coasts, mut borders) = (String::new(), String::new());
    for (index, &count) in users.iter().enumerate() {
        let target = if count >= 2 {
            &mut borders
        } else {
            &mut coasts
        };
        push_line(target, &basemap.arc_cells(index));
    }
    (coasts, borders)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rings_are_integer_steps_closed() {
        let mut path = String::new();
        push_ring(&mut path, &[[10, 20], [15, 18], [10, 20]]);
        assert_eq!(path, "M10 20l5 -2l-5 2Z");
        push_line(&mut path, &[[-3, 4]]);
        assert_eq!(path, "M10 20l5 -2l-5 2ZM-3 4");
    }
}
