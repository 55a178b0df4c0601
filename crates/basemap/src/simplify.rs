//! Simplification that depends on where an arc lies.
//!
//! The conflicts the map is about sit between the Caucasus and Xinjiang,
//! where borders are a puzzle of enclaves (Vorukh, Sokh, Shakhimardan) a few
//! kilometres wide: there arcs keep nearly all of Natural Earth's 10m detail.
//! Elsewhere a few kilometres of error are invisible at the zooms that show
//! them, and dropping that detail keeps the file small.

use geo::{Coord, LineString, Polygon, SimplifyVw, SimplifyVwPreserve};

/// How much detail an arc keeps, decided by where it lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Zone {
    /// Caucasus to Xinjiang: fine detail.
    Detail,
    /// Around it, what the map's first view shows (Ukraine to Mongolia,
    /// Turkey to Pakistan): medium detail.
    Near,
    /// The rest of the world: coarse outlines.
    Coarse,
}

impl Zone {
    /// The box of fine detail, `[west, south, east, north]` in degrees.
    pub const DETAIL_BOX: [f64; 4] = [38.0, 35.0, 82.0, 48.0];

    /// The box of medium detail around it.
    pub const NEAR_BOX: [f64; 4] = [25.0, 28.0, 100.0, 60.0];

    /// The zone of a point given in degrees.
    ///
    /// ```
    /// use basemap::Zone;
    /// assert_eq!(Zone::of(70.55, 39.85), Zone::Detail); // Vorukh
    /// assert_eq!(Zone::of(37.62, 55.75), Zone::Near); // Moscow
    /// assert_eq!(Zone::of(-77.04, 38.9), Zone::Coarse); // Washington
    /// ```
    pub fn of(lon: f64, lat: f64) -> Zone {
        let within = |[west, south, east, north]: [f64; 4]| {
            (west..=east).contains(&lon) && (south..=north).contains(&lat)
        };
        if within(Zone::DETAIL_BOX) {
            Zone::Detail
        } else if within(Zone::NEAR_BOX) {
            Zone::Near
        } else {
            Zone::Coarse
        }
    }

    /// Visvalingam–Whyatt threshold in km²: a vertex whose triangle with its
    /// neighbours is smaller than this goes.
    pub fn tolerance_km2(self) -> f64 {
        match self {
            // A 200 m wiggle on a 200 m step: about the source's own grid
            // (world-atlas quantises 10m data to about 300 × 190 m).
            Zone::Detail => 0.02,
            // A 2 km wiggle on a 50 km step.
            Zone::Near => 50.0,
            // A 12 km wiggle on a 100 km step: invisible at the zooms that
            // show a whole country far from the region (France fills the
            // screen at about 1 px per km); it made the basemap 86 -> 69 KB
            // gzipped against 250 km², and the start-up builds and lays out
            // a fifth fewer points.
            Zone::Coarse => 600.0,
        }
    }

    /// Islands and lakes (rings of one closed arc) smaller than this, in
    /// km², are dropped: too small to see at the zooms that show them.
    pub fn min_ring_area_km2(self) -> f64 {
        match self {
            Zone::Detail => 0.5,
            Zone::Near => 100.0,
            // Menorca (700 km²) goes, Mallorca (3,600 km²) stays; a country
            // keeps its largest ring whatever its size.
            Zone::Coarse => 1500.0,
        }
    }
}

/// Splits a longitude/latitude line into pieces lying in one zone each, a
/// piece ending on the vertex where the next one starts (no point is
/// invented, so shared arcs split identically on both sides).
pub fn split_by_zone(line: &[Coord]) -> Vec<Vec<Coord>> {
    let zone = |p: &Coord| Zone::of(p.x, p.y);
    let mut pieces: Vec<Vec<Coord>> = Vec::new();
    let mut current: Vec<Coord> = Vec::new();
    for (i, point) in line.iter().enumerate() {
        if i > 0 && zone(point) != zone(&line[i - 1]) {
            let joint = line[i - 1];
            if current.len() >= 2 {
                pieces.push(std::mem::take(&mut current));
            }
            current = vec![joint];
        }
        current.push(*point);
    }
    if current.len() >= 2 || pieces.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// The zone of a piece made by [`split_by_zone`]: that of its middle vertex
/// (its first vertex may be the joint with a piece of the other zone).
pub fn zone_of_piece(piece: &[Coord]) -> Zone {
    let middle = piece[piece.len() / 2];
    Zone::of(middle.x, middle.y)
}

/// Simplifies one arc with Visvalingam–Whyatt, keeping its end points (the
/// junctions with other arcs). A closed arc is simplified as a ring, so it
/// keeps at least four points.
///
/// The topology-preserving variant (`SimplifyVwPreserve`) is preferred: it
/// keeps the arc from crossing itself. But when a removal would make a
/// crossing it also removes the previous point, and along intricate coasts
/// (lagoons, barrier islands) that cascades until a whole coast becomes one
/// chord (the Gulf of Mexico went from the Rio Grande to Yucatán in one
/// 1,200 km segment). When it keeps less than half the points of plain
/// Visvalingam–Whyatt, the plain result is used instead.
pub fn simplify_arc(points: &[Coord], tolerance_km2: f64) -> Vec<Coord> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let line = LineString::from(points.to_vec());
    let (preserved, plain) = if points.first() == points.last() {
        let ring = Polygon::new(line, vec![]);
        (
            ring.simplify_vw_preserve(tolerance_km2)
                .exterior()
                .0
                .clone(),
            ring.simplify_vw(tolerance_km2).exterior().0.clone(),
        )
    } else {
        (
            line.simplify_vw_preserve(tolerance_km2).0,
            line.simplify_vw(tolerance_km2).0,
        )
    };
    if preserved.len() * 2 < plain.len() {
        plain
    } else {
        preserved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(x: f64, y: f64) -> Coord {
        Coord { x, y }
    }

    #[test]
    fn detail_is_finer_than_elsewhere() {
        let fergana = Zone::of(71.0, 40.5);
        let moscow = Zone::of(37.62, 55.75);
        let paris = Zone::of(2.35, 48.86);
        assert_eq!(
            (fergana, moscow, paris),
            (Zone::Detail, Zone::Near, Zone::Coarse)
        );
        assert!(fergana.tolerance_km2() < moscow.tolerance_km2() / 100.0);
        assert!(moscow.tolerance_km2() < paris.tolerance_km2());
        assert!(fergana.min_ring_area_km2() < moscow.min_ring_area_km2());
        assert!(moscow.min_ring_area_km2() <= paris.min_ring_area_km2());
    }

    #[test]
    fn pieces_share_their_joints_and_keep_every_vertex() {
        let line = [
            c(10.0, 40.0),
            c(20.0, 40.0),
            c(39.0, 40.0),
            c(45.0, 40.0),
            c(45.0, 65.0),
            c(44.0, 66.0),
        ];
        let pieces = split_by_zone(&line);
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces[0], line[..2].to_vec());
        assert_eq!(pieces[1], line[1..4].to_vec());
        assert_eq!(pieces[2], line[3..].to_vec());
        assert_eq!(zone_of_piece(&pieces[1]), Zone::Detail);
        assert_eq!(zone_of_piece(&pieces[2]), Zone::Coarse);
    }

    #[test]
    fn simplification_keeps_end_points_and_drops_small_wiggles() {
        let line: Vec<Coord> = (0..=100)
            .map(|i| c(i as f64, if i % 2 == 0 { 0.0 } else { 0.01 }))
            .collect();
        let simple = simplify_arc(&line, 1.0);
        assert_eq!(simple, vec![line[0], line[100]]);
        let kept = simplify_arc(&line, 0.0001);
        assert_eq!(kept.len(), line.len());
    }

    #[test]
    fn a_closed_arc_stays_a_ring() {
        let square = vec![
            c(0.0, 0.0),
            c(10.0, 0.0),
            c(10.0, 10.0),
            c(5.0, 10.01),
            c(0.0, 10.0),
            c(0.0, 0.0),
        ];
        let simple = simplify_arc(&square, 1.0);
        assert_eq!(simple.first(), simple.last());
        assert_eq!(simple.len(), 5, "{simple:?}");
    }
}
