//! The conflict zones (`model::site::ZoneFile`), drawn as areas under the
//! markers, each labelled with its article count and date span. A zone is
//! a focusable element (`aria-roledescription` "zone", its label as
//! accessible name); Enter, Space or a click opens its dialog
//! (`zone_dialog`). A zone none of whose articles is shown (article
//! filter) is not drawn.
//!
//! Paths are in projected kilometres under the view's SVG transform, as
//! the basemap's; labels in screen pixels, so their text never scales.

use std::fmt::Write;

use leptos::prelude::*;
use model::site::Zone;

use crate::components::basemap::OVERDRAW;
use crate::data::MapData;
use crate::state::{
    ArticleFilter, DragGuard, MapContext, MapView, SelectedPlace, SelectedZone, UiLang,
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
    let ArticleFilter(filter) = expect_context();
    let SelectedZone(selected) = expect_context();
    let SelectedPlace(place) = expect_context();
    let DragGuard(guard) = expect_context();
    let data = context.data.clone();
    let path = zone_path(&zone);
    let label = zone.label.clone();
    let shown = Memo::new({
        let zone = zone.clone();
        move |_| filter.with(|ids| shown_articles(&data, &zone, ids))
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
                    <text class="zone-label" transform=label_at aria-hidden="true">
                        <tspan x="0" dy="-1.1em">{label.clone()}</tspan>
                        <tspan x="0" dy="1.1em" class="zone-summary">{summary}</tspan>
                    </text>
                </g>
            }
        })
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

/// The zone's articles that the map shows (positions in the index): all
/// of them without an article filter, else those the filter keeps.
pub fn shown_articles(data: &MapData, zone: &Zone, filter: &[String]) -> Vec<u32> {
    zone.articles
        .iter()
        .copied()
        .filter(|&at| {
            filter.is_empty()
                || data
                    .articles
                    .get(at as usize)
                    .is_some_and(|a| filter.contains(&a.id))
        })
        .collect()
}

/// The months the articles span (`2021-06 – 2022-09`, or one month),
/// from their dates; `None` when none is dated.
pub fn date_span(data: &MapData, articles: &[u32]) -> Option<String> {
    let months: Vec<&str> = articles
        .iter()
        .filter_map(|&at| data.articles.get(at as usize)?.date.as_deref())
        .filter_map(month_of)
        .collect();
    let first = months.iter().min()?;
    let last = months.iter().max()?;
    Some(if first == last {
        (*first).to_owned()
    } else {
        format!("{first} – {last}")
    })
}

/// The `YYYY-MM` (or `YYYY`) a date starts with, if it is one.
fn month_of(date: &str) -> Option<&str> {
    let bytes = date.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes.get(range).is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    if digits(0..4) && bytes.get(4) == Some(&b'-') && digits(5..7) {
        Some(&date[..7])
    } else if digits(0..4) && bytes.get(4).is_none_or(|b| !b.is_ascii_digit()) {
        Some(&date[..4])
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::site::{IndexArticle, SiteIndex};

    fn data(dates: &[Option<&str>]) -> MapData {
        let index = SiteIndex {
            articles: dates
                .iter()
                .enumerate()
                .map(|(i, date)| IndexArticle {
                    id: format!("a{i}"),
                    title: "T".into(),
                    date: date.map(str::to_owned),
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
    fn the_filter_keeps_the_zones_articles_it_names() {
        let data = data(&[None, None, None]);
        let zone = zone(vec![0, 2]);
        assert_eq!(shown_articles(&data, &zone, &[]), [0, 2]);
        assert_eq!(shown_articles(&data, &zone, &["a2".into()]), [2]);
        assert!(shown_articles(&data, &zone, &["a1".into()]).is_empty());
    }

    #[test]
    fn the_date_span_goes_from_the_first_month_to_the_last() {
        let data = data(&[Some("2022-09-16"), None, Some("2021-06"), Some("le 3 mai")]);
        assert_eq!(
            date_span(&data, &[0, 1, 2, 3]).as_deref(),
            Some("2021-06 – 2022-09")
        );
        assert_eq!(date_span(&data, &[0]).as_deref(), Some("2022-09"));
        assert_eq!(date_span(&data, &[1, 3]), None);
        assert_eq!(zone_path(&zone(vec![])), "M0.0 0.0L1.0 0.0L1.0 1.0Z");
    }
}
