//! Conflict zones: places that the same articles name and that lie near
//! each other, drawn as one area ([`model::site::ZoneFile`]).
//!
//! The method, each knob in [`ZoneOptions`]:
//!
//! 1. The candidates are the towns, villages and other local places the
//!    articles name; countries and regions are left out (their point is a
//!    label point, which says nothing about where events happen).
//! 2. A co-mention graph links two candidates when at least
//!    [`ZoneOptions::min_shared_articles`] articles name both and they lie
//!    within [`ZoneOptions::max_link_km`] of each other (projected with
//!    [`model::Albers::csto`], an equal-area projection whose distances
//!    are true to a few per cent across the region).
//! 3. A zone is a connected component of two places or more, or of any
//!    size when a hand-kept record of `data/zones.tsv` names one of its
//!    places ([`HandZones`]): such a record also joins its places into one
//!    zone whatever the articles say, pins its extent (its places' points
//!    are covered even when no article names them) and gives its label.
//! 4. Its area is the convex hull of its points buffered by
//!    [`ZoneOptions::buffer_km`] (the hull of a circle around each point),
//!    clipped to land (the basemap's countries), so that a zone never
//!    spills into the sea. ACLED draws buffers of a few km around events;
//!    a hull of buffers keeps a zone one readable area.
//!
//! Output is deterministic: places and articles are taken in index order,
//! zones ordered by their first place, coordinates quantised.

use std::collections::BTreeSet;
use std::path::Path;

use geo::{
    BooleanOps, BoundingRect, ConvexHull, Coord, Intersects, LineString, MultiPoint, MultiPolygon,
    Point, Polygon, Rect,
};
use model::site::{Zone, ZoneFile};
use model::{Albers, Basemap, PlaceCollection, PlaceKind, COORDINATE_UNIT_KM};

use crate::error::{Error, Result};

/// The parameters of the zones, with the reason for each value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZoneOptions {
    /// Two places are linked only within this distance: 60 km holds the
    /// border villages and towns of one district together (Batken and
    /// Vorukh are 30 km apart, Isfara 25 km from both) while keeping
    /// apart the next district's town (Khujand is 95 km from Vorukh).
    pub max_link_km: f64,
    /// Two places are linked when at least this many articles name both:
    /// one article naming two neighbours is already a statement that
    /// they belong to one story.
    pub min_shared_articles: usize,
    /// The radius of the area around each place: 15 km keeps a village's
    /// surroundings inside its zone and draws a pair of places as a band,
    /// not a line.
    pub buffer_km: f64,
    /// Points of each circle around a place: 32 make a round edge at
    /// every zoom the map allows.
    pub circle_points: usize,
    /// Most names a zone's default label joins: three say where it is
    /// without making a sentence.
    pub label_places: usize,
}

impl Default for ZoneOptions {
    fn default() -> Self {
        ZoneOptions {
            max_link_km: 60.0,
            min_shared_articles: 1,
            buffer_km: 15.0,
            circle_points: 32,
            label_places: 3,
        }
    }
}

/// The file of hand-kept zones, in the data directory.
pub const HAND_ZONES_FILE: &str = "zones.tsv";

/// The hand-kept zones of `data/zones.tsv` (format in `data/README.md`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HandZones {
    zones: Vec<HandZone>,
}

/// One record of `data/zones.tsv`.
#[derive(Debug, Clone, PartialEq)]
struct HandZone {
    label: String,
    /// The places' ids and their longitude and latitude.
    places: Vec<(String, f64, f64)>,
}

impl HandZones {
    /// Reads `zones.tsv` from the data directory (none there: no hand-kept
    /// zone); `place` gives the longitude and latitude of a gazetteer id.
    ///
    /// # Errors
    /// [`Error::Io`] when the file exists but cannot be read,
    /// [`Error::Parse`] naming the file and line of a bad record.
    pub fn load(data_dir: &Path, place: impl Fn(&str) -> Option<(f64, f64)>) -> Result<Self> {
        let path = data_dir.join(HAND_ZONES_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&path, &text, place),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(HandZones::default()),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// Parses the text of `zones.tsv` (`path` names it in errors).
    ///
    /// # Errors
    /// [`Error::Parse`] naming the file and line of a bad record.
    pub fn parse(
        path: &Path,
        text: &str,
        place: impl Fn(&str) -> Option<(f64, f64)>,
    ) -> Result<Self> {
        let mut zones = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let number = number + 1;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            let fail = |reason: String| Error::parse(path, number, reason);
            let [kind, label, ids] = fields[..] else {
                return Err(fail(format!(
                    "expected 3 tab-separated columns (zone, label, place ids), found {}",
                    fields.len()
                )));
            };
            if kind != "zone" {
                return Err(fail(format!("unknown record `{kind}` (expected zone)")));
            }
            if label.is_empty() {
                return Err(fail("empty label".into()));
            }
            let mut places = Vec::new();
            for id in ids.split('|').map(str::trim).filter(|id| !id.is_empty()) {
                let (lon, lat) =
                    place(id).ok_or_else(|| fail(format!("unknown place id `{id}`")))?;
                places.push((id.to_owned(), lon, lat));
            }
            if places.is_empty() {
                return Err(fail("no place ids".into()));
            }
            zones.push(HandZone {
                label: label.to_owned(),
                places,
            });
        }
        Ok(HandZones { zones })
    }
}

/// A candidate place: its position in the collection, projected point,
/// and the positions of the articles that name it (ascending).
struct Candidate {
    position: usize,
    point: (f64, f64),
    articles: Vec<u32>,
}

/// The zones of these places (positions refer to the collection's order,
/// which is the site index's).
pub fn zones(
    places: &PlaceCollection,
    basemap: &Basemap,
    hand: &HandZones,
    options: &ZoneOptions,
) -> ZoneFile {
    let albers = Albers::csto();
    let article_at = |id: &str| {
        places
            .articles
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .ok()
            .and_then(|at| u32::try_from(at).ok())
    };
    let articles_of = |place: &model::Place| -> Vec<u32> {
        let set: BTreeSet<u32> = place
            .mentions
            .iter()
            .filter_map(|m| article_at(&m.article))
            .collect();
        set.into_iter().collect()
    };
    let candidates: Vec<Candidate> = places
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            !matches!(
                p.kind,
                PlaceKind::Country | PlaceKind::Region | PlaceKind::District
            )
        })
        .map(|(position, p)| Candidate {
            position,
            point: albers.project(p.lon, p.lat),
            articles: articles_of(p),
        })
        .filter(|c| !c.articles.is_empty())
        .collect();

    let mut sets = DisjointSets::new(candidates.len());
    for (i, a) in candidates.iter().enumerate() {
        for (j, b) in candidates.iter().enumerate().skip(i + 1) {
            let distance = (a.point.0 - b.point.0).hypot(a.point.1 - b.point.1);
            if distance <= options.max_link_km
                && shared(&a.articles, &b.articles) >= options.min_shared_articles
            {
                sets.join(i, j);
            }
        }
    }
    // Hand-kept zones join their named places, and remember which
    // component each record belongs to.
    let candidate_of = |id: &str| {
        candidates
            .iter()
            .position(|c| places.places[c.position].id == id)
    };
    let mut pinned: Vec<(usize, &HandZone)> = Vec::new();
    for record in &hand.zones {
        let members: Vec<usize> = record
            .places
            .iter()
            .filter_map(|(id, _, _)| candidate_of(id))
            .collect();
        if let Some(&first) = members.first() {
            for &other in &members[1..] {
                sets.join(first, other);
            }
            pinned.push((first, record));
        }
    }

    let mut components: Vec<Vec<usize>> = Vec::new();
    let mut root_component: Vec<Option<usize>> = vec![None; candidates.len()];
    for i in 0..candidates.len() {
        let root = sets.root(i);
        let at = *root_component[root].get_or_insert_with(|| {
            components.push(Vec::new());
            components.len() - 1
        });
        components[at].push(i);
    }
    let land = Land::new(basemap);
    let mut zones: Vec<Zone> = Vec::new();
    for members in components {
        let records: Vec<&HandZone> = pinned
            .iter()
            .filter(|(first, _)| members.contains(first))
            .map(|(_, record)| *record)
            .collect();
        if members.len() < 2 && records.is_empty() {
            continue;
        }
        let mut points: Vec<(f64, f64)> = members.iter().map(|&i| candidates[i].point).collect();
        for record in &records {
            points.extend(
                record
                    .places
                    .iter()
                    .map(|&(_, lon, lat)| albers.project(lon, lat)),
            );
        }
        let area = land.clip(buffered_hull(&points, options));
        let rings = quantised_rings(&area);
        let label = match records.first() {
            Some(record) => record.label.clone(),
            None => default_label(places, &candidates, &members, options.label_places),
        };
        let article_set: BTreeSet<u32> = members
            .iter()
            .flat_map(|&i| candidates[i].articles.iter().copied())
            .collect();
        let mut place_positions: Vec<u32> = members
            .iter()
            .map(|&i| to_u32(candidates[i].position))
            .collect();
        place_positions.sort_unstable();
        zones.push(Zone {
            label,
            label_at: label_point(&rings),
            places: place_positions,
            articles: article_set.into_iter().collect(),
            rings,
        });
    }
    zones.sort_by(|a, b| a.places.cmp(&b.places));
    ZoneFile { zones }
}

/// How many articles two ascending lists share.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Its most named places (ties by id), joined by en dashes.
fn default_label(
    places: &PlaceCollection,
    candidates: &[Candidate],
    members: &[usize],
    most: usize,
) -> String {
    let mut named: Vec<&model::Place> = members
        .iter()
        .map(|&i| &places.places[candidates[i].position])
        .collect();
    named.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then_with(|| a.id.cmp(&b.id))
    });
    named
        .iter()
        .take(most)
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(" – ")
}

/// The convex hull of a circle of [`ZoneOptions::buffer_km`] around each point.
fn buffered_hull(points: &[(f64, f64)], options: &ZoneOptions) -> Polygon {
    let steps = options.circle_points.max(8);
    let circles: Vec<Point> = points
        .iter()
        .flat_map(|&(x, y)| {
            (0..steps).map(move |k| {
                let angle = std::f64::consts::TAU * k as f64 / steps as f64;
                Point::new(
                    x + options.buffer_km * angle.cos(),
                    y + options.buffer_km * angle.sin(),
                )
            })
        })
        .collect();
    MultiPoint::new(circles).convex_hull()
}

/// The countries of the basemap as polygons, to clip zones to land.
struct Land {
    countries: Vec<(Rect, MultiPolygon)>,
}

impl Land {
    fn new(basemap: &Basemap) -> Self {
        let countries = basemap
            .countries
            .iter()
            .filter_map(|country| {
                // Rings are outer rings and holes alike, filled even-odd:
                // their symmetric difference is the country.
                let shape = country
                    .rings
                    .iter()
                    .map(|ring| {
                        let points: Vec<Coord> = basemap
                            .ring_points(ring)
                            .into_iter()
                            .map(|(x, y)| Coord { x, y })
                            .collect();
                        Polygon::new(LineString::new(points), vec![])
                    })
                    .filter(|p| p.exterior().0.len() >= 4)
                    .fold(MultiPolygon::new(vec![]), |shape, ring| shape.xor(&ring));
                Some((shape.bounding_rect()?, shape))
            })
            .collect();
        Land { countries }
    }

    /// `area` cut to the land it covers; `area` itself where there is no
    /// basemap, or no land under it.
    fn clip(&self, area: Polygon) -> MultiPolygon {
        let Some(bounds) = area.bounding_rect() else {
            return MultiPolygon::new(vec![area]);
        };
        // The countries under it as one shape first (they share their
        // borders), then one cut: cutting country by country would leave
        // slits along the borders.
        let land = self
            .countries
            .iter()
            .filter(|(rect, _)| rect.intersects(&bounds))
            .fold(MultiPolygon::new(vec![]), |land, (_, shape)| {
                land.union(shape)
            });
        let clipped = area.intersection(&land);
        if clipped.0.is_empty() {
            MultiPolygon::new(vec![area])
        } else {
            clipped
        }
    }
}

/// Rings smaller than this (in square [`COORDINATE_UNIT_KM`] steps: 1 km²)
/// are slivers of the clipping, not part of the zone.
const SLIVER_UNITS2: i64 = 100;

/// Rings of the area in [`COORDINATE_UNIT_KM`] steps, without the closing
/// point (the app closes them), repeated points dropped.
fn quantised_rings(area: &MultiPolygon) -> Vec<Vec<[i32; 2]>> {
    let quantise = |c: &Coord| {
        [
            (c.x / COORDINATE_UNIT_KM).round() as i32,
            (c.y / COORDINATE_UNIT_KM).round() as i32,
        ]
    };
    area.0
        .iter()
        .flat_map(|polygon| std::iter::once(polygon.exterior()).chain(polygon.interiors()))
        .map(|ring| despiked(ring.0.iter().map(quantise).collect()))
        .filter(|ring| ring.len() >= 3 && twice_area(ring).abs() >= 2 * SLIVER_UNITS2)
        .collect()
}

/// A closed ring without its closing point, repeated points and spikes
/// (`a b a`: an edge walked there and back, left by the clipping along a
/// border).
fn despiked(mut points: Vec<[i32; 2]>) -> Vec<[i32; 2]> {
    loop {
        points.dedup();
        while points.len() > 1 && points.first() == points.last() {
            points.pop();
        }
        let n = points.len();
        if n < 3 {
            return points;
        }
        let spike = (0..n).find(|&i| points[(i + n - 1) % n] == points[(i + 1) % n]);
        match spike {
            Some(i) => {
                points.remove(i);
            }
            None => return points,
        }
    }
}

/// Twice the signed area of a ring (shoelace), in square units.
fn twice_area(ring: &[[i32; 2]]) -> i64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let ([x0, y0], [x1, y1]) = (ring[i], ring[(i + 1) % n]);
            i64::from(x0) * i64::from(y1) - i64::from(x1) * i64::from(y0)
        })
        .sum()
}

/// The top of the outline, centred.
fn label_point(rings: &[Vec<[i32; 2]>]) -> [i32; 2] {
    let points = rings.iter().flatten();
    let (mut min_x, mut max_x, mut max_y) = (i32::MAX, i32::MIN, i32::MIN);
    for &[x, y] in points {
        min_x = min_x.min(x);
        max_x = max_x.max(x);
        max_y = max_y.max(y);
    }
    if min_x > max_x {
        return [0, 0];
    }
    [min_x + (max_x - min_x) / 2, max_y]
}

/// Positions fit in `u32`: the index refers to places by `u32` too.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Union–find over the candidates (path halving, union by index so the
/// result does not depend on the order of the joins).
struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n).collect(),
        }
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        let (low, high) = (a.min(b), a.max(b));
        self.parent[high] = low;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Article, Mention, Place};

    fn article(id: &str) -> Article {
        Article {
            id: id.into(),
            title: id.into(),
            date: None,
            inferred_date: None,
            url: None,
            lang: None,
            text: None,
        }
    }

    fn place(id: &str, kind: PlaceKind, lon: f64, lat: f64, articles: &[&str]) -> Place {
        Place {
            id: id.into(),
            name: id.to_uppercase(),
            names: Default::default(),
            kind,
            country: None,
            geonameid: None,
            lon,
            lat,
            mentions: articles
                .iter()
                .map(|a| Mention {
                    article: (*a).into(),
                    text: id.into(),
                    start: 0,
                    end: 1,
                    excerpt: id.into(),
                    excerpt_start: 0,
                })
                .collect(),
        }
    }

    /// Batken, Vorukh and Khujand as seed 000 names them, Isfara in another
    /// article, Almaty far away in both, Kyrgyzstan (a country) in both.
    fn collection() -> PlaceCollection {
        PlaceCollection {
            articles: vec![article("a"), article("b")],
            places: vec![
                place("almaty", PlaceKind::City, 76.91, 43.25, &["a", "b"]),
                place("batken", PlaceKind::City, 70.82, 40.06, &["a", "a"]),
                place("isfara", PlaceKind::City, 70.63, 40.13, &["b"]),
                place("khujand", PlaceKind::City, 69.62, 40.28, &["a"]),
                place("kg", PlaceKind::Country, 74.8, 41.7, &["a", "b"]),
                place("vorukh", PlaceKind::Village, 70.58, 39.85, &["a"]),
            ],
        }
    }

    #[test]
    fn neighbours_named_together_make_a_zone() {
        let file = zones(
            &collection(),
            &Basemap::default(),
            &HandZones::default(),
            &ZoneOptions::default(),
        );
        assert_eq!(file.zones.len(), 1, "{file:?}");
        let zone = &file.zones[0];
        assert_eq!(
            zone.places,
            [1, 5],
            "Batken and Vorukh, not Khujand (95 km)"
        );
        assert_eq!(zone.articles, [0]);
        assert_eq!(zone.label, "BATKEN – VORUKH", "most named first");
        assert!(zone.has_article(0) && !zone.has_article(1));
        // The area covers both places, with the buffer around them.
        let albers = Albers::csto();
        let ring = &zone.rings[0];
        for (lon, lat) in [(70.82, 40.06), (70.58, 39.85)] {
            let (x, y) = albers.project(lon, lat);
            let (x, y) = (x / COORDINATE_UNIT_KM, y / COORDINATE_UNIT_KM);
            let nearest_edge = ring
                .iter()
                .map(|&[px, py]| (f64::from(px) - x).hypot(f64::from(py) - y))
                .fold(f64::INFINITY, f64::min);
            assert!(nearest_edge >= 140.0, "{nearest_edge}");
        }
        assert!(zone.label_at[1] >= ring.iter().map(|p| p[1]).max().unwrap());
    }

    #[test]
    fn a_hand_kept_record_names_joins_and_pins_a_zone() {
        let text =
            "# label and places\nzone\tBatken – Isfara – Vorukh\tisfara|vorukh|batken|chorkuh\n";
        let known = |id: &str| match id {
            "isfara" => Some((70.63, 40.13)),
            "vorukh" => Some((70.58, 39.85)),
            "batken" => Some((70.82, 40.06)),
            "chorkuh" => Some((70.6, 39.97)),
            _ => None,
        };
        let hand = HandZones::parse(Path::new("data/zones.tsv"), text, known).unwrap();
        let file = zones(
            &collection(),
            &Basemap::default(),
            &hand,
            &ZoneOptions::default(),
        );
        assert_eq!(file.zones.len(), 1);
        let zone = &file.zones[0];
        assert_eq!(zone.label, "Batken – Isfara – Vorukh");
        assert_eq!(zone.places, [1, 2, 5], "Isfara joined though named apart");
        assert_eq!(zone.articles, [0, 1]);
        assert_eq!(
            zones(
                &collection(),
                &Basemap::default(),
                &hand,
                &ZoneOptions::default()
            ),
            file,
            "deterministic"
        );
    }

    #[test]
    fn bad_records_name_the_file_and_line() {
        let known = |id: &str| (id == "batken").then_some((70.8, 40.0));
        for (text, message) in [
            (
                "zone\tX\tnowhere\n",
                "data/zones.tsv:1: unknown place id `nowhere`",
            ),
            (
                "\nzone\tX\n",
                "data/zones.tsv:2: expected 3 tab-separated columns",
            ),
            (
                "area\tX\tbatken\n",
                "data/zones.tsv:1: unknown record `area`",
            ),
            ("zone\t\tbatken\n", "data/zones.tsv:1: empty label"),
        ] {
            let error = HandZones::parse(Path::new("data/zones.tsv"), text, known)
                .unwrap_err()
                .to_string();
            assert!(error.starts_with(message), "{error}");
        }
    }

    #[test]
    fn spikes_and_repeats_are_dropped() {
        let ring = vec![
            [0, 0],
            [10, 0],
            [10, 0],
            [20, 0],
            [10, 0],
            [10, 10],
            [0, 10],
            [0, 0],
        ];
        assert_eq!(despiked(ring), [[0, 0], [10, 0], [10, 10], [0, 10]]);
        assert!(
            despiked(vec![[0, 0], [5, 5], [0, 0]]).len() < 3,
            "no area left"
        );
    }

    #[test]
    fn zones_are_clipped_to_land() {
        // A square "country" whose edge runs between the two places'
        // buffers: the zone keeps only the part over it.
        let albers = Albers::csto();
        let (x, y) = albers.project(70.7, 39.95);
        let unit = |v: f64| (v / COORDINATE_UNIT_KM).round() as i32;
        let (x0, y0) = (unit(x - 100.0), unit(y - 100.0));
        let side = unit(100.0);
        let basemap = Basemap {
            arcs: vec![vec![
                [x0, y0],
                [side, 0],
                [0, 2 * side],
                [-side, 0],
                [0, -2 * side],
            ]],
            countries: vec![model::BasemapCountry {
                code: "KG".into(),
                rings: vec![vec![0.into()]],
                ..Default::default()
            }],
        };
        let file = zones(
            &collection(),
            &basemap,
            &HandZones::default(),
            &ZoneOptions::default(),
        );
        let max_x = file.zones[0].rings.iter().flatten().map(|p| p[0]).max();
        assert_eq!(max_x, Some(x0 + side), "cut at the coast");
    }
}
