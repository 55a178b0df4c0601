//! The conflict zones (`model::site::ZoneFile`), drawn as areas under the
//! markers, each labelled with its article count and date span. A zone is
//! a focusable element (`aria-roledescription` "zone", its label as
//! accessible name); Enter, Space or a click opens its dialog
//! (`zone_dialog`). A zone none of whose articles is shown (article
//! filter and time range: [`crate::shown::Shown`]) is not drawn.
//!
//! Paths are in projected kilometres under the view's SVG transform, as
//! the basemap's; labels in screen pixels, so their text never scales.

use std::fmt::Write;

use leptos::prelude::*;
use model::site::Zone;

use crate::components::basemap::OVERDRAW;
use crate::data::MapData;
use crate::shown::Shown;
use crate::state::{
    DragGuard, MapContext, MapView, SelectedPlace, SelectedZone, ShownArticles, UiLang,
};

/// The zones layer.
#[component]
pub fn Zones() -> impl IntoView {
    let context = expect_context::<MapContext>();
    let MapView(view) = expect_context();
    let zones = context
        .data
        .zones
        .zones
        .iter()
        .enumerate()
        .map(|(index, zone)| view! { <ZoneArea index=index zone=zone.clone() /> })
        .collect_view();
    view! {
        <svg data-testid="zones" class="zones">
            <g transform=move || {
                view.with(|v| format!("translate({:.1} {:.1})", v.width * OVERDRAW, v.height * OVERDRAW))
            }>{zones}</g>
        </svg>
    }
}

/// One zone: its area and its label, focusable as one element.
#[component]
fn ZoneArea(index: usize, zone: Zone) -> impl IntoView {
    let context = expect_context::<MapContext>();
    let MapView(view) = expect_context();
    let UiLang(lang) = expect_context();
    let ShownArticles(shown_now) = expect_context();
    let SelectedZone(selected) = expect_context();
    let SelectedPlace(place) = expect_context();
    let DragGuard(guard) = expect_context();
    let path = zone_path(&zone);
    let label = zone.label.clone();
    let shown = Memo::new({
        let zone = zone.clone();
        move |_| shown_now.with(|s| shown_articles(&zone, s))
    });
    let summary = {
        let data = context.data.clone();
        move || {
            let articles = shown.get();
            let strings = lang.get().zone_strings();
            let mut line = strings.article_count(articles.len());
            if let Some(span) = date_span(&data, &articles) {
                line.push_str(" · ");
                line.push_str(&span);
            }
            line
        }
    };
    let [label_x, label_y] = zone.label_at;
    let (label_x, label_y) = (
        f64::from(label_x) * model::COORDINATE_UNIT_KM,
        f64::from(label_y) * model::COORDINATE_UNIT_KM,
    );
    // The label shows once the zone is wide enough on screen: at a small
    // scale labels of neighbouring zones would pile up (the name stays
    // the zone's accessible name).
    let width_km = zone_width_km(&zone);
    let label_hidden = move || {
        view.with(|v| width_km * v.scale < LABEL_MIN_WIDTH_PX)
            .then_some("hidden")
    };
    let label_at = move || {
        view.with(|v| {
            let (x, y) = v.to_screen(label_x, label_y);
            format!("translate({x:.1} {:.1})", y - 6.0)
        })
    };
    let open = move || {
        place.set(None);
        selected.set(Some(index));
    };
    let on_click = move |event: leptos::ev::MouseEvent| {
        // The click that ends a drag across the zone opens nothing.
        if guard.get_value() {
            return;
        }
        event.stop_propagation();
        open();
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if matches!(event.key().as_str(), "Enter" | " ") {
            event.prevent_default();
            open();
        }
    };
    move || {
        let summary = summary.clone();
        (!shown.with(Vec::is_empty)).then(|| {
            view! {
                <g
                    class="zone"
                    data-testid="zone"
                    data-zone=index
                    tabindex="0"
                    role="button"
                    aria-haspopup="dialog"
                    aria-roledescription=move || lang.get().zone_strings().zone
                    aria-label=label.clone()
                    on:click=on_click
                    on:keydown=on_keydown
                >
                    <path
                        class="zone-area"
                        d=path.clone()
                        fill-rule="evenodd"
                        transform=move || view.with(|v| v.svg_transform())
                    />
                    <text
                        class="zone-label"
                        transform=label_at
                        visibility=label_hidden
                        aria-hidden="true"
                    >
                        <tspan x="0" dy="-1.1em">{label.clone()}</tspan>
                        <tspan x="0" dy="1.1em" class="zone-summary">{summary}</tspan>
                    </text>
                </g>
            }
        })
    }
}

/// A zone's label is drawn once the zone is this wide on screen (px).
const LABEL_MIN_WIDTH_PX: f64 = 40.0;

/// The width of a zone's outline, km.
fn zone_width_km(zone: &Zone) -> f64 {
    let xs = zone.rings.iter().flatten().map(|p| p[0]);
    match (xs.clone().min(), xs.max()) {
        (Some(min), Some(max)) => f64::from(max - min) * model::COORDINATE_UNIT_KM,
        _ => 0.0,
    }
}

/// The path data of a zone's rings, in km with 100 m steps.
fn zone_path(zone: &Zone) -> String {
    let mut path = String::new();
    for ring in &zone.rings {
        for (i, [x, y]) in ring.iter().enumerate() {
            let command = if i == 0 { 'M' } else { 'L' };
            let (x, y) = (
                f64::from(*x) * model::COORDINATE_UNIT_KM,
                f64::from(*y) * model::COORDINATE_UNIT_KM,
            );
            let _ = write!(path, "{command}{x:.1} {y:.1}");
        }
        if !ring.is_empty() {
            path.push('Z');
        }
    }
    path
}

/// The zone's articles that the map shows (positions in the index).
pub fn shown_articles(zone: &Zone, shown: &Shown) -> Vec<u32> {
    zone.articles
        .iter()
        .copied()
        .filter(|&at| shown.article(at))
        .collect()
}

/// The months the articles span (`2021-06 – 2022-09`, or one month), an
/// inferred month marked `≈`; `None` when none is dated.
pub fn date_span(data: &MapData, articles: &[u32]) -> Option<String> {
    let months: Vec<(model::YearMonth, bool)> = articles
        .iter()
        .filter_map(|&at| {
            let article = data.articles.get(at as usize)?;
            Some((article.month?, article.date_inferred))
        })
        .collect();
    // The earliest and latest months; a month given by a header wins
    // over the same month inferred.
    let first = months.iter().min_by_key(|(m, inferred)| (*m, *inferred))?;
    let last = months.iter().max_by_key(|(m, inferred)| (*m, !*inferred))?;
    let show = |(month, inferred): &(model::YearMonth, bool)| {
        format!("{}{month}", if *inferred { "≈" } else { "" })
    };
    Some(if first.0 == last.0 {
        show(first)
    } else {
        format!("{} – {}", show(first), show(last))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::site::{IndexArticle, SiteIndex};

    /// A map of articles `a0`, `a1`... with these months (and whether inferred).
    fn data(months: &[Option<(&str, bool)>]) -> MapData {
        let index = SiteIndex {
            articles: months
                .iter()
                .enumerate()
                .map(|(i, month)| IndexArticle {
                    id: format!("a{i}"),
                    title: "T".into(),
                    date: month.map(|(m, _)| m.to_owned()),
                    month: month.map(|(m, _)| m.parse().unwrap()),
                    date_inferred: month.is_some_and(|(_, inferred)| inferred),
                    url: None,
                    lang: None,
                    text: false,
                })
                .collect(),
            places: vec![],
        };
        crate::data::parse(
            &model::site::to_json(&index).unwrap(),
            r#"{"arcs":[],"countries":[]}"#,
            crate::data::DataSource::default(),
        )
        .unwrap()
    }

    fn zone(articles: Vec<u32>) -> Zone {
        Zone {
            label: "Z".into(),
            places: vec![],
            articles,
            rings: vec![vec![[0, 0], [10, 0], [10, 10]]],
            label_at: [5, 10],
        }
    }

    #[test]
    fn a_zone_shows_the_articles_the_filter_and_the_range_keep() {
        let data = data(&[Some(("2021-06", false)), None, Some(("2022-10", false))]);
        let zone = zone(vec![0, 2]);
        assert_eq!(shown_articles(&zone, &Shown::new(&data, &[], None)), [0, 2]);
        let filtered = Shown::new(&data, &["a2".into()], None);
        assert_eq!(shown_articles(&zone, &filtered), [2]);
        let range = "2023-01..2023-12".parse().ok();
        assert!(shown_articles(&zone, &Shown::new(&data, &[], range)).is_empty());
    }

    #[test]
    fn the_date_span_goes_from_the_first_month_to_the_last() {
        let data = data(&[
            Some(("2022-09", false)),
            None,
            Some(("2021-06", true)),
            Some(("2022-09", true)),
        ]);
        assert_eq!(
            date_span(&data, &[0, 1, 2, 3]).as_deref(),
            Some("≈2021-06 – 2022-09")
        );
        assert_eq!(date_span(&data, &[3]).as_deref(), Some("≈2022-09"));
        assert_eq!(date_span(&data, &[1]), None);
        assert_eq!(zone_path(&zone(vec![])), "M0.0 0.0L1.0 0.0L1.0 1.0Z");
        assert_eq!(zone_width_km(&zone(vec![])), 1.0);
    }
}
