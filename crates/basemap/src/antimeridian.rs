//! Cutting shapes at the antimeridian.
//!
//! The projection uses longitudes as given in `[-180, 180]`: the 180th
//! meridian is the cut of the conic's fan, so points just east and just west
//! of it land on opposite edges of the map. world-atlas stitched Natural
//! Earth's polygons back together across that meridian (Chukotka, Wrangel
//! Island, Fiji), so a few arcs step from 179.9° to -179.9°: drawn as is,
//! such a step would smear a line across the whole map. Here each step is
//! cut where it crosses the meridian, and each ring left open on a side is
//! closed along the meridian, which the projection draws as a straight edge.

use std::cmp::Ordering;

use geo::Coord;
use model::ArcRef;

use crate::topology::Topology;

/// Splits a longitude/latitude line where a segment jumps across the 180th
/// meridian (a longitude step of more than 180°), adding the crossing point
/// at the end of one piece (on the side being left) and at the start of the
/// next (on the other side). Pieces of a single point are dropped.
///
/// ```
/// use geo::Coord;
/// let line = [Coord { x: 179.0, y: 60.0 }, Coord { x: -179.0, y: 62.0 }];
/// let pieces = basemap::split_at_antimeridian(&line);
/// assert_eq!(pieces.len(), 2);
/// assert_eq!(pieces[0][1], Coord { x: 180.0, y: 61.0 });
/// assert_eq!(pieces[1][0], Coord { x: -180.0, y: 61.0 });
/// ```
pub fn split_at_antimeridian(line: &[Coord]) -> Vec<Vec<Coord>> {
    let Some(&first) = line.first() else {
        return Vec::new();
    };
    let mut pieces = vec![vec![first]];
    for pair in line.windows(2) {
        let (p, q) = (pair[0], pair[1]);
        if (q.x - p.x).abs() > 180.0 {
            // The side being left: +180 when p is east of Greenwich.
            let side = if p.x > 0.0 { 180.0 } else { -180.0 };
            let q_unwrapped = q.x + 2.0 * side;
            // Both ends on the meridian (a step from 180 to -180 along it):
            // the crossing is at p.
            let lat = if q_unwrapped == p.x {
                p.y
            } else {
                p.y + (side - p.x) / (q_unwrapped - p.x) * (q.y - p.y)
            };
            push_new(
                pieces.last_mut().expect("never empty"),
                Coord { x: side, y: lat },
            );
            pieces.push(vec![Coord { x: -side, y: lat }]);
        }
        push_new(pieces.last_mut().expect("never empty"), q);
    }
    pieces.retain(|piece| piece.len() >= 2);
    pieces
}

fn push_new(points: &mut Vec<Coord>, point: Coord) {
    if points.last() != Some(&point) {
        points.push(point);
    }
}

/// Cuts every arc at the antimeridian and closes the rings this opens, with
/// new arcs along the meridian on each side.
pub fn cut_at_antimeridian(topology: &mut Topology) {
    topology.split_arcs(split_at_antimeridian);
    let mut meridian_arcs = Vec::new();
    let first_new = topology.arcs.len();
    let mut shapes = std::mem::take(&mut topology.shapes);
    for shape in &mut shapes {
        shape.rings = std::mem::take(&mut shape.rings)
            .into_iter()
            .flat_map(|ring| close_ring(topology, ring, first_new, &mut meridian_arcs))
            .collect();
    }
    topology.shapes = shapes;
    topology.arcs.extend(meridian_arcs);
}

/// A run of arcs lying on one side of the meridian, open at both ends.
struct Chain {
    arcs: Vec<ArcRef>,
    start: Coord,
    end: Coord,
}

/// Splits a ring at its gaps (where an arc does not end where the next one
/// starts: the cuts) into chains, and joins the chains of each side into
/// closed rings, each chain's end to the nearest chain start along the
/// meridian on the same side.
fn close_ring(
    topology: &Topology,
    ring: Vec<ArcRef>,
    first_new: usize,
    meridian_arcs: &mut Vec<Vec<Coord>>,
) -> Vec<Vec<ArcRef>> {
    let n = ring.len();
    let gaps: Vec<usize> = (0..n)
        .filter(|&i| topology.end(ring[i]) != topology.start(ring[(i + 1) % n]))
        .collect();
    if gaps.is_empty() {
        return vec![ring];
    }
    let chains: Vec<Chain> = (0..gaps.len())
        .map(|k| {
            let from = gaps[k] + 1;
            let to = if k + 1 < gaps.len() {
                gaps[k + 1] + 1
            } else {
                gaps[0] + 1 + n
            };
            let arcs: Vec<ArcRef> = (from..to).map(|i| ring[i % n]).collect();
            let start = topology.start(arcs[0]);
            let end = topology.end(arcs[arcs.len() - 1]);
            Chain { arcs, start, end }
        })
        .collect();

    // Pair each chain's end with a chain start on the same side.
    let mut next = vec![usize::MAX; chains.len()];
    let mut taken = vec![false; chains.len()];
    for (i, chain) in chains.iter().enumerate() {
        let east = chain.end.x > 0.0;
        let nearest = (0..chains.len())
            .filter(|&j| !taken[j] && (chains[j].start.x > 0.0) == east)
            .min_by(|&a, &b| {
                let da = (chains[a].start.y - chain.end.y).abs();
                let db = (chains[b].start.y - chain.end.y).abs();
                da.partial_cmp(&db)
                    .unwrap_or(Ordering::Equal)
                    .then(a.cmp(&b))
            });
        // A chain whose side has no free start closes on itself.
        let j = nearest.unwrap_or(i);
        taken[j] = true;
        next[i] = j;
    }

    let mut rings = Vec::new();
    let mut visited = vec![false; chains.len()];
    for first in 0..chains.len() {
        if visited[first] {
            continue;
        }
        let mut ring = Vec::new();
        let mut i = first;
        while !visited[i] {
            visited[i] = true;
            ring.extend(&chains[i].arcs);
            let j = next[i];
            let (from, to) = (chains[i].end, chains[j].start);
            if from != to {
                let index = first_new + meridian_arcs.len();
                meridian_arcs.push(vec![from, to]);
                ring.push(ArcRef::forward(index));
            }
            i = j;
        }
        rings.push(ring);
    }
    rings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topology::Shape;

    fn c(x: f64, y: f64) -> Coord {
        Coord { x, y }
    }

    #[test]
    fn a_line_that_stays_on_one_side_is_one_piece() {
        let line = [c(170.0, 60.0), c(179.0, 61.0), c(179.5, 65.0)];
        assert_eq!(split_at_antimeridian(&line), vec![line.to_vec()]);
    }

    #[test]
    fn a_vertex_on_the_meridian_is_not_duplicated() {
        let line = [c(179.0, 60.0), c(180.0, 61.0), c(-179.0, 62.0)];
        let pieces = split_at_antimeridian(&line);
        assert_eq!(
            pieces,
            vec![
                vec![c(179.0, 60.0), c(180.0, 61.0)],
                vec![c(-180.0, 61.0), c(-179.0, 62.0)]
            ]
        );
    }

    #[test]
    fn a_step_along_the_meridian_is_cut_at_its_start() {
        let line = [
            c(179.0, 70.0),
            c(180.0, 71.0),
            c(-180.0, 72.0),
            c(-179.0, 72.0),
        ];
        let pieces = split_at_antimeridian(&line);
        assert_eq!(
            pieces,
            vec![
                vec![c(179.0, 70.0), c(180.0, 71.0)],
                vec![c(-180.0, 71.0), c(-180.0, 72.0), c(-179.0, 72.0)]
            ]
        );
    }

    #[test]
    fn westward_crossings_are_cut_too() {
        let line = [c(-179.0, 10.0), c(179.0, 20.0)];
        let pieces = split_at_antimeridian(&line);
        assert_eq!(
            pieces,
            vec![
                vec![c(-179.0, 10.0), c(-180.0, 15.0)],
                vec![c(180.0, 15.0), c(179.0, 20.0)]
            ]
        );
    }

    /// A square from 178°E to 178°W, stored as one closed arc, as in world-atlas.
    #[test]
    fn a_ring_across_the_meridian_becomes_two_closed_rings() {
        let mut topology = Topology {
            arcs: vec![vec![
                c(178.0, 60.0),
                c(-178.0, 60.0),
                c(-178.0, 62.0),
                c(178.0, 62.0),
                c(178.0, 60.0),
            ]],
            shapes: vec![Shape {
                code: "RU".into(),
                name: "Russia".into(),
                rings: vec![vec![ArcRef::forward(0)]],
            }],
        };
        cut_at_antimeridian(&mut topology);
        let rings = &topology.shapes[0].rings;
        assert_eq!(rings.len(), 2);
        for ring in rings {
            let points = topology.ring_points(ring);
            assert_eq!(points.first(), points.last(), "closed");
            let east = points[0].x > 0.0;
            assert!(
                points.iter().all(|p| (p.x > 0.0) == east),
                "one side only: {points:?}"
            );
            for pair in points.windows(2) {
                assert!(
                    (pair[0].x - pair[1].x).abs() <= 180.0,
                    "no jump: {points:?}"
                );
            }
        }
    }
}
