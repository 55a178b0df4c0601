//! Checks the committed `data/basemap.json` and `data/country-labels.tsv`:
//! what the app draws and the geocoder reads, not just what the code would
//! build today.

use std::path::PathBuf;

use basemap::shape_contains;
use geo::Coord;
use model::{Albers, Basemap, BasemapCountry, COORDINATE_UNIT_KM};

fn data(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data")
        .join(file)
}

fn committed() -> Basemap {
    let path = data("basemap.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Basemap::from_json_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn rings(basemap: &Basemap, country: &BasemapCountry) -> Vec<Vec<Coord>> {
    country
        .rings
        .iter()
        .map(|ring| {
            basemap
                .ring_points(ring)
                .into_iter()
                .map(|(x, y)| Coord { x, y })
                .collect()
        })
        .collect()
}

fn country<'a>(basemap: &'a Basemap, code: &str) -> &'a BasemapCountry {
    basemap
        .countries
        .iter()
        .find(|c| c.code == code)
        .unwrap_or_else(|| panic!("{code} missing"))
}

fn inside(basemap: &Basemap, code: &str, lon: f64, lat: f64) -> bool {
    let (x, y) = Albers::csto().project(lon, lat);
    shape_contains(&rings(basemap, country(basemap, code)), Coord { x, y })
}

#[test]
fn csto_members_are_present_and_flagged() {
    let basemap = committed();
    for code in model::region::csto_members() {
        let member = country(&basemap, code);
        assert!(member.csto, "{code} flagged");
        assert!(!member.rings.is_empty(), "{code} drawn");
    }
    let flagged = basemap.countries.iter().filter(|c| c.csto).count();
    assert_eq!(flagged, model::region::csto_members().count());
    assert_eq!(country(&basemap, "KG").name_fr, "Kirghizstan");
}

#[test]
fn known_places_fall_in_their_countries() {
    let basemap = committed();
    let cases = [
        ("KG", 70.82, 40.06, "Batken"),
        ("TJ", 70.55, 39.85, "Vorukh, an enclave"),
        ("UZ", 71.13, 39.96, "Sokh, an enclave"),
        ("RU", 37.62, 55.75, "Moscow"),
        ("KZ", 76.95, 43.25, "Almaty"),
        ("KZ", 63.31, 45.96, "Baikonur, merged back"),
        ("AM", 44.51, 40.18, "Yerevan"),
        ("US", -77.04, 38.9, "Washington"),
        ("RU", -175.0, 66.5, "Chukotka east of 180°"),
        ("FJ", 177.98, -17.8, "Viti Levu"),
        ("UA", 34.1, 44.95, "Simferopol, Crimea"),
        ("UA", 30.52, 50.45, "Kyiv"),
    ];
    for (code, lon, lat, what) in cases {
        assert!(
            inside(&basemap, code, lon, lat),
            "{what} ({lon}, {lat}) should be in {code}"
        );
    }
    assert!(
        !inside(&basemap, "KG", 70.55, 39.85),
        "Vorukh is a hole in Kyrgyzstan"
    );
    assert!(
        !inside(&basemap, "KZ", 70.82, 40.06),
        "Batken is not in Kazakhstan"
    );
}

#[test]
fn vorukh_is_a_ring_of_its_own() {
    let basemap = committed();
    let (x, y) = Albers::csto().project(70.55, 39.85);
    let tajikistan = rings(&basemap, country(&basemap, "TJ"));
    let around: Vec<&Vec<Coord>> = tajikistan
        .iter()
        .filter(|ring| basemap::ring_contains(ring, Coord { x, y }))
        .collect();
    assert_eq!(around.len(), 1);
    let area = basemap::ring_area(around[0]);
    assert!(
        (20.0..500.0).contains(&area),
        "an enclave, not all of Tajikistan: {area} km²"
    );
}

#[test]
fn no_segment_smears_across_the_map() {
    let basemap = committed();
    for country in &basemap.countries {
        for ring in rings(&basemap, country) {
            for pair in ring.windows(2) {
                let length =
                    ((pair[0].x - pair[1].x).powi(2) + (pair[0].y - pair[1].y).powi(2)).sqrt();
                assert!(
                    length < 2000.0,
                    "{}: a {length:.0} km segment",
                    country.code
                );
            }
        }
    }
}

#[test]
fn labels_are_inside_and_match_the_tsv() {
    let basemap = committed();
    let path = data("country-labels.tsv");
    let tsv = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let albers = Albers::csto();
    let mut previous = String::new();
    let mut count = 0;
    for line in tsv.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let [code, lon, lat] = fields[..] else {
            panic!("bad line {line:?}")
        };
        assert!(code > previous.as_str(), "sorted by code: {code}");
        previous = code.to_owned();
        let (lon, lat): (f64, f64) = (lon.parse().unwrap(), lat.parse().unwrap());
        let country = country(&basemap, code);
        let (x, y) = albers.project(lon, lat);
        let label = (
            f64::from(country.label[0]) * COORDINATE_UNIT_KM,
            f64::from(country.label[1]) * COORDINATE_UNIT_KM,
        );
        assert!(
            (x - label.0).abs() < 0.1 && (y - label.1).abs() < 0.1,
            "{code}: tsv and basemap agree"
        );
        count += 1;
    }
    assert_eq!(
        count,
        basemap
            .countries
            .iter()
            .filter(|c| !c.code.is_empty())
            .count()
    );
    // The label of every member state, and of large countries, lies inside
    // the outline drawn (small ones may lose their only island).
    for country in basemap
        .countries
        .iter()
        .filter(|c| c.csto || c.area_km2 > 200_000.0)
    {
        let label = Coord {
            x: f64::from(country.label[0]) * COORDINATE_UNIT_KM,
            y: f64::from(country.label[1]) * COORDINATE_UNIT_KM,
        };
        assert!(
            shape_contains(&rings(&basemap, country), label),
            "{} label outside",
            country.code
        );
    }
}

#[test]
fn areas_are_roughly_true() {
    let basemap = committed();
    // Equal-area projection: areas within a few percent of the official ones.
    for (code, km2) in [
        ("KG", 199_951.0),
        ("RU", 17_098_246.0),
        ("AM", 29_743.0),
        ("KZ", 2_724_900.0),
    ] {
        let area = country(&basemap, code).area_km2;
        assert!(
            (area - km2).abs() < km2 * 0.06,
            "{code}: {area} km² vs {km2}"
        );
    }
}
