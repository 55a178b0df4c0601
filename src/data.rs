//! The ONE module that loads the map's data.
//!
//! Today both files are embedded in the wasm at build time (`build.rs`
//! writes them to `OUT_DIR`). Everything else reads the data through
//! [`load`] and the [`MapData`] it returns, so the data could later be
//! fetched (in chunks, on demand) by changing this module alone.

use std::collections::BTreeSet;

use model::{Albers, Basemap, Place, PlaceCollection, PlaceKind};

use crate::view::Bounds;

/// The places GeoJSON written by `build.rs` (also served as `places.geojson`).
const PLACES_GEOJSON: &str = include_str!(concat!(env!("OUT_DIR"), "/places.geojson"));
/// The basemap written by the basemap tool (`data/basemap.json`).
const BASEMAP_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/basemap.json"));

/// Why the map's data could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// The places GeoJSON is broken.
    #[error("places.geojson: {0}")]
    Places(#[source] model::Error),
    /// The basemap is broken.
    #[error("basemap.json: {0}")]
    Basemap(#[source] model::Error),
}

/// A place ready to draw: the place and its projected point.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPlace {
    /// The place as the geocoder wrote it.
    pub place: Place,
    /// Projected kilometres east.
    pub x: f64,
    /// Projected kilometres north.
    pub y: f64,
}

/// Everything the map draws.
#[derive(Debug, Clone, PartialEq)]
pub struct MapData {
    /// Places, most mentioned first (ties by id), so big markers are
    /// drawn under small ones and labels go to the most cited places.
    pub places: Vec<MapPlace>,
    /// The articles the mentions cite, plus the raw collection.
    pub collection: PlaceCollection,
    /// Country outlines.
    pub basemap: Basemap,
    /// ISO codes of the countries the articles name (shaded on the map).
    pub named_countries: BTreeSet<String>,
}

impl MapData {
    /// The drawn place with this id.
    pub fn place(&self, id: &str) -> Option<&MapPlace> {
        self.places.iter().find(|p| p.place.id == id)
    }

    /// The box the map may show: the basemap's, or the places' when there
    /// is no basemap yet, grown by a margin.
    pub fn extent(&self) -> Bounds {
        let arcs = (0..self.basemap.arcs.len()).flat_map(|i| self.basemap.arc_points(i));
        Bounds::around(arcs)
            .or_else(|| Bounds::around(self.places.iter().map(|p| (p.x, p.y))))
            .unwrap_or(Bounds {
                min_x: -3000.0,
                min_y: -2000.0,
                max_x: 3000.0,
                max_y: 2000.0,
            })
            .grown(200.0)
    }

    /// The box the first view frames: where the places concentrate (towns
    /// and villages; countries only when nothing finer is named, since a
    /// country's label point says little about where events happen).
    pub fn focus(&self) -> Bounds {
        let weighted = |countries: bool| -> Vec<((f64, f64), f64)> {
            self.places
                .iter()
                .filter(|p| countries || p.place.kind != PlaceKind::Country)
                .map(|p| ((p.x, p.y), p.place.mentions.len() as f64))
                .collect()
        };
        let fine = weighted(false);
        let points = if fine.is_empty() {
            weighted(true)
        } else {
            fine
        };
        crate::view::focus_bounds(&points).unwrap_or_else(|| self.extent())
    }
}

/// Loads the embedded data.
///
/// # Errors
/// When either embedded file does not parse (a build problem).
pub fn load() -> Result<MapData, DataError> {
    parse(PLACES_GEOJSON, BASEMAP_JSON)
}

/// Parses the places GeoJSON and the basemap and projects the places.
///
/// # Errors
/// [`DataError::Places`] or [`DataError::Basemap`] for broken input.
pub fn parse(places_geojson: &str, basemap_json: &str) -> Result<MapData, DataError> {
    let collection =
        PlaceCollection::from_geojson_str(places_geojson).map_err(DataError::Places)?;
    let basemap = Basemap::from_json_str(basemap_json).map_err(DataError::Basemap)?;
    let albers = Albers::csto();
    let mut places: Vec<MapPlace> = collection
        .places
        .iter()
        .filter(|p| p.lon.is_finite() && p.lat.is_finite())
        .map(|place| {
            let (x, y) = albers.project(place.lon, place.lat);
            MapPlace {
                place: place.clone(),
                x,
                y,
            }
        })
        .collect();
    places.sort_by(|a, b| {
        b.place
            .mentions
            .len()
            .cmp(&a.place.mentions.len())
            .then_with(|| a.place.id.cmp(&b.place.id))
    });
    let named_countries = places
        .iter()
        .filter(|p| p.place.kind == PlaceKind::Country)
        .filter_map(|p| p.place.country.clone())
        .collect();
    Ok(MapData {
        places,
        collection,
        basemap,
        named_countries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Article, Mention};

    fn place(
        id: &str,
        kind: PlaceKind,
        country: &str,
        lon: f64,
        lat: f64,
        mentions: usize,
    ) -> Place {
        Place {
            id: id.into(),
            name: id.into(),
            kind,
            country: Some(country.into()),
            geonameid: None,
            lon,
            lat,
            mentions: (0..mentions)
                .map(|i| Mention {
                    article: "a".into(),
                    text: "x".into(),
                    start: i,
                    end: i + 1,
                    excerpt: "x".into(),
                    excerpt_start: i,
                })
                .collect(),
        }
    }

    fn collection() -> PlaceCollection {
        PlaceCollection {
            articles: vec![Article {
                id: "a".into(),
                title: "T".into(),
                date: None,
                url: None,
                lang: None,
                text: Some("x".into()),
            }],
            places: vec![
                place("batken", PlaceKind::City, "KG", 70.82, 40.06, 5),
                place("kg", PlaceKind::Country, "KG", 74.5, 41.5, 9),
                place("almaty", PlaceKind::City, "KZ", 76.93, 43.26, 5),
                place("washington", PlaceKind::City, "US", -77.04, 38.9, 1),
            ],
        }
    }

    const EMPTY_BASEMAP: &str = r#"{"arcs":[],"countries":[]}"#;

    #[test]
    fn the_embedded_data_loads() {
        let data = load().expect("the build writes valid data");
        assert!(data
            .places
            .iter()
            .all(|p| p.x.is_finite() && p.y.is_finite()));
    }

    #[test]
    fn places_are_projected_and_ordered_by_mentions() {
        let json = collection().to_geojson_string().unwrap();
        let data = parse(&json, EMPTY_BASEMAP).unwrap();
        let ids: Vec<&str> = data.places.iter().map(|p| p.place.id.as_str()).collect();
        assert_eq!(ids, ["kg", "almaty", "batken", "washington"]);
        let batken = data.place("batken").unwrap();
        let expected = Albers::csto().project(70.82, 40.06);
        assert_eq!((batken.x, batken.y), expected);
        assert_eq!(data.named_countries.iter().collect::<Vec<_>>(), ["KG"]);
    }

    #[test]
    fn the_focus_frames_the_towns_without_the_outlier() {
        let json = collection().to_geojson_string().unwrap();
        let data = parse(&json, EMPTY_BASEMAP).unwrap();
        let focus = data.focus();
        let (bx, by) = Albers::csto().project(70.82, 40.06);
        let (ax, ay) = Albers::csto().project(76.93, 43.26);
        assert_eq!((focus.min_x, focus.max_x), (bx.min(ax), bx.max(ax)));
        assert_eq!((focus.min_y, focus.max_y), (by.min(ay), by.max(ay)));
    }

    #[test]
    fn broken_input_names_the_file() {
        let err = parse("{", EMPTY_BASEMAP).unwrap_err();
        assert!(err.to_string().starts_with("places.geojson:"), "{err}");
        let json = collection().to_geojson_string().unwrap();
        let err = parse(&json, "[]").unwrap_err();
        assert!(err.to_string().starts_with("basemap.json:"), "{err}");
    }
}
