//! Areas, point-in-shape tests and label points of rings in the plane.
//!
//! Rings come without a role: a country's rings are outer rings and holes
//! alike, and the map fills them with the even-odd rule, so these measures
//! follow the same rule.

use geo::{Coord, LineString, Polygon};

/// Area enclosed by a ring (closed or not), whatever its orientation.
///
/// ```
/// use geo::Coord;
/// let square = [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)].map(|(x, y)| Coord { x, y });
/// assert_eq!(basemap::ring_area(&square), 4.0);
/// ```
pub fn ring_area(ring: &[Coord]) -> f64 {
    let n = ring.len();
    let twice: f64 = (0..n)
        .map(|i| {
            let (p, q) = (ring[i], ring[(i + 1) % n]);
            p.x * q.y - q.x * p.y
        })
        .sum();
    twice.abs() / 2.0
}

/// Whether `point` lies inside `ring` (crossing-number test).
pub fn ring_contains(ring: &[Coord], point: Coord) -> bool {
    let n = ring.len();
    let mut inside = false;
    for i in 0..n {
        let (p, q) = (ring[i], ring[(i + 1) % n]);
        if (p.y > point.y) != (q.y > point.y) {
            let x = p.x + (point.y - p.y) / (q.y - p.y) * (q.x - p.x);
            if point.x < x {
                inside = !inside;
            }
        }
    }
    inside
}

/// Whether `point` is inside the shape the rings make under the even-odd
/// rule, as the map fills it: inside an odd number of rings.
pub fn shape_contains(rings: &[Vec<Coord>], point: Coord) -> bool {
    rings
        .iter()
        .filter(|ring| ring_contains(ring, point))
        .count()
        % 2
        == 1
}

/// Area of the shape under the even-odd rule: a ring inside an odd number
/// of the others is a hole. Rings are assumed not to cross each other.
pub fn shape_area(rings: &[Vec<Coord>]) -> f64 {
    rings
        .iter()
        .enumerate()
        .filter(|(_, ring)| !ring.is_empty())
        .map(|(i, ring)| {
            let depth = rings
                .iter()
                .enumerate()
                .filter(|&(j, other)| j != i && ring_contains(other, interior_probe(ring)))
                .count();
            if depth % 2 == 0 {
                ring_area(ring)
            } else {
                -ring_area(ring)
            }
        })
        .sum()
}

/// A vertex of the ring to test its nesting with. Rings that touch share
/// vertices, and arcs start at such junctions, so a ring's first vertex is
/// often shared with its neighbour; its middle vertex less often.
fn interior_probe(ring: &[Coord]) -> Coord {
    ring[ring.len() / 2]
}

/// Label point of a shape: the pole of inaccessibility (via `polylabel`) of
/// its largest polygon, that is its largest ring with the other rings inside
/// it as holes. `None` for a shape without rings.
pub fn label_point(rings: &[Vec<Coord>]) -> Option<Coord> {
    let (largest, outer) = rings
        .iter()
        .enumerate()
        .filter(|(_, ring)| ring.len() >= 3)
        .max_by(|(_, a), (_, b)| ring_area(a).total_cmp(&ring_area(b)))?;
    let holes: Vec<LineString> = rings
        .iter()
        .enumerate()
        .filter(|&(i, ring)| {
            i != largest && ring.len() >= 3 && ring_contains(outer, interior_probe(ring))
        })
        .map(|(_, ring)| LineString::from(ring.clone()))
        .collect();
    let polygon = Polygon::new(LineString::from(outer.clone()), holes);
    // Precision: a hundredth of the polygon's size, at least 10 m.
    let tolerance = (ring_area(outer).sqrt() / 100.0).max(0.01);
    match polylabel::polylabel(&polygon, &tolerance) {
        Ok(point) => Some(point.0),
        // Degenerate polygons only: fall back on a vertex.
        Err(_) => Some(outer[0]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(points: &[(f64, f64)]) -> Vec<Coord> {
        points.iter().map(|&(x, y)| Coord { x, y }).collect()
    }

    /// A "C": a 10×10 square with a 6×6 bite out of its right side, whose
    /// centroid (about x = 4.3, y = 5) falls in the bite.
    fn crescent() -> Vec<Coord> {
        ring(&[
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 2.0),
            (2.0, 2.0),
            (2.0, 8.0),
            (10.0, 8.0),
            (10.0, 10.0),
            (0.0, 10.0),
        ])
    }

    #[test]
    fn label_of_a_crescent_is_inside_it() {
        let rings = vec![crescent()];
        let label = label_point(&rings).unwrap();
        assert!(shape_contains(&rings, label), "{label:?}");
        assert!(
            !shape_contains(&rings, Coord { x: 6.0, y: 5.0 }),
            "the bite is outside"
        );
    }

    #[test]
    fn holes_are_outside_and_islands_in_holes_inside() {
        let outer = ring(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]);
        let hole = ring(&[(2.0, 2.0), (8.0, 2.0), (8.0, 8.0), (2.0, 8.0)]);
        let island = ring(&[(4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0)]);
        let rings = vec![outer, hole, island];
        assert!(shape_contains(&rings, Coord { x: 1.0, y: 1.0 }));
        assert!(!shape_contains(&rings, Coord { x: 3.0, y: 3.0 }));
        assert!(shape_contains(&rings, Coord { x: 5.0, y: 5.0 }));
        assert_eq!(shape_area(&rings), 100.0 - 36.0 + 4.0);
    }

    #[test]
    fn label_avoids_a_hole_in_the_middle() {
        let outer = ring(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]);
        let hole = ring(&[(3.0, 3.0), (7.0, 3.0), (7.0, 7.0), (3.0, 7.0)]);
        let rings = vec![hole, outer];
        let label = label_point(&rings).unwrap();
        assert!(shape_contains(&rings, label), "{label:?}");
    }
}
