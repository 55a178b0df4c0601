//! Shapes made of shared arcs, and the edits the pipeline makes to them.
//!
//! The same structure serves from the source (longitude/latitude) to the
//! output (projected kilometres): [`Topology::arcs`] holds coordinates, the
//! shapes hold rings of [`ArcRef`]s into it, TopoJSON-style, so a border
//! between two countries exists once and every edit of it shows on both sides.

use std::collections::HashMap;

use geo::Coord;
use model::ArcRef;

/// Shared arcs and the shapes (countries) whose rings are made of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Topology {
    /// Arcs as point lists; a ring walks them forwards or backwards.
    pub arcs: Vec<Vec<Coord>>,
    /// The shapes, in source order until the pipeline sorts them.
    pub shapes: Vec<Shape>,
}

/// One country (or territory) of the topology.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shape {
    /// ISO 3166-1 alpha-2 code, empty when it has none.
    pub code: String,
    /// Name in the source (Natural Earth's English short name).
    pub name: String,
    /// Rings (outer rings and holes alike), each a closed chain of arcs.
    pub rings: Vec<Vec<ArcRef>>,
}

/// Exact identity of a point, for matching arc ends (they are copies of the
/// same decoded values, so bitwise equality is the right test).
fn key(point: Coord) -> (u64, u64) {
    (point.x.to_bits(), point.y.to_bits())
}

impl Topology {
    /// First point of an arc as the ring walks it.
    pub fn start(&self, arc: ArcRef) -> Coord {
        let points = &self.arcs[arc.index()];
        if arc.is_reversed() {
            points[points.len() - 1]
        } else {
            points[0]
        }
    }

    /// Last point of an arc as the ring walks it.
    pub fn end(&self, arc: ArcRef) -> Coord {
        self.start(arc.reversed())
    }

    /// Points of a ring, arcs joined in order without repeating the joints.
    pub fn ring_points(&self, ring: &[ArcRef]) -> Vec<Coord> {
        let mut points: Vec<Coord> = Vec::new();
        for &arc in ring {
            let mut arc_points = self.arcs[arc.index()].clone();
            if arc.is_reversed() {
                arc_points.reverse();
            }
            let skip = usize::from(!points.is_empty());
            points.extend(arc_points.into_iter().skip(skip));
        }
        points
    }

    /// Replaces every arc by the pieces `split` returns for it (in order, each
    /// piece starting where the previous one ended), and every reference to
    /// it by references to its pieces, walked backwards where it was.
    /// An arc split into no piece disappears from the rings.
    pub fn split_arcs(&mut self, mut split: impl FnMut(&[Coord]) -> Vec<Vec<Coord>>) {
        let mut arcs = Vec::with_capacity(self.arcs.len());
        let mut pieces_of = Vec::with_capacity(self.arcs.len());
        for points in &self.arcs {
            let first = arcs.len();
            arcs.extend(split(points));
            pieces_of.push(first..arcs.len());
        }
        for shape in &mut self.shapes {
            for ring in &mut shape.rings {
                *ring = ring
                    .iter()
                    .flat_map(|&arc| {
                        let pieces = pieces_of[arc.index()].clone();
                        let refs: Vec<ArcRef> = if arc.is_reversed() {
                            pieces.rev().map(ArcRef::backward).collect()
                        } else {
                            pieces.map(ArcRef::forward).collect()
                        };
                        refs
                    })
                    .collect();
            }
            shape.rings.retain(|ring| !ring.is_empty());
        }
        self.arcs = arcs;
    }

    /// Removes the borders inside each shape: arcs its rings use twice, as
    /// when a leased enclave (Baikonur) is merged back into its country.
    /// The remaining arcs are stitched into rings again.
    pub fn dissolve_internal_arcs(&mut self) {
        for index in 0..self.shapes.len() {
            let mut uses: HashMap<usize, usize> = HashMap::new();
            for &arc in self.shapes[index].rings.iter().flatten() {
                *uses.entry(arc.index()).or_default() += 1;
            }
            if uses.values().all(|&count| count < 2) {
                continue;
            }
            let kept: Vec<ArcRef> = self.shapes[index]
                .rings
                .iter()
                .flatten()
                .copied()
                .filter(|&arc| uses[&arc.index()] < 2)
                .collect();
            let rings = self.stitch(&kept);
            self.shapes[index].rings = rings;
        }
    }

    /// Chains directed arcs into closed rings, matching ends to starts.
    fn stitch(&self, arcs: &[ArcRef]) -> Vec<Vec<ArcRef>> {
        let mut by_start: HashMap<(u64, u64), Vec<usize>> = HashMap::new();
        for (position, &arc) in arcs.iter().enumerate() {
            by_start
                .entry(key(self.start(arc)))
                .or_default()
                .push(position);
        }
        let mut used = vec![false; arcs.len()];
        let mut rings = Vec::new();
        for first in 0..arcs.len() {
            if used[first] {
                continue;
            }
            used[first] = true;
            let mut ring = vec![arcs[first]];
            let ring_start = key(self.start(arcs[first]));
            let mut end = key(self.end(arcs[first]));
            while end != ring_start {
                let next = by_start
                    .get(&end)
                    .and_then(|candidates| candidates.iter().copied().find(|&p| !used[p]));
                let Some(next) = next else { break };
                used[next] = true;
                ring.push(arcs[next]);
                end = key(self.end(arcs[next]));
            }
            rings.push(ring);
        }
        rings
    }

    /// Drops arcs no ring uses and renumbers the rest in order of first use,
    /// so the output does not depend on how the source numbered its arcs.
    pub fn drop_unused_arcs(&mut self) {
        let mut new_index: Vec<Option<usize>> = vec![None; self.arcs.len()];
        let mut arcs = Vec::new();
        for shape in &mut self.shapes {
            for arc in shape.rings.iter_mut().flatten() {
                let index = arc.index();
                let renumbered = *new_index[index].get_or_insert_with(|| {
                    arcs.push(std::mem::take(&mut self.arcs[index]));
                    arcs.len() - 1
                });
                *arc = ArcRef::new(renumbered, arc.is_reversed());
            }
        }
        self.arcs = arcs;
    }

    /// Applies `f` to every point of every arc (a projection, say).
    pub fn map_points(&mut self, mut f: impl FnMut(Coord) -> Coord) {
        for point in self.arcs.iter_mut().flatten() {
            *point = f(*point);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(x: f64, y: f64) -> Coord {
        Coord { x, y }
    }

    /// Two unit squares side by side sharing the arc x = 1.
    fn two_squares() -> Topology {
        Topology {
            arcs: vec![
                vec![c(1.0, 0.0), c(1.0, 1.0)],                           // shared
                vec![c(1.0, 1.0), c(0.0, 1.0), c(0.0, 0.0), c(1.0, 0.0)], // left rest
                vec![c(1.0, 0.0), c(2.0, 0.0), c(2.0, 1.0), c(1.0, 1.0)], // right rest
            ],
            shapes: vec![Shape {
                code: "KZ".into(),
                name: "Kazakhstan".into(),
                rings: vec![
                    vec![ArcRef::forward(0), ArcRef::forward(1)],
                    vec![ArcRef::forward(2), ArcRef::backward(0)],
                ],
            }],
        }
    }

    #[test]
    fn dissolving_removes_the_shared_border() {
        let mut topology = two_squares();
        topology.dissolve_internal_arcs();
        assert_eq!(
            topology.shapes[0].rings,
            vec![vec![ArcRef::forward(1), ArcRef::forward(2)]]
        );
        let ring = topology.ring_points(&topology.shapes[0].rings[0]);
        assert_eq!(ring.first(), ring.last());
        assert_eq!(ring.len(), 7);
    }

    #[test]
    fn splitting_an_arc_keeps_rings_walking_both_ways() {
        let mut topology = two_squares();
        let before: Vec<Vec<Coord>> = topology.shapes[0]
            .rings
            .iter()
            .map(|r| topology.ring_points(r))
            .collect();
        topology.split_arcs(|points| {
            if points.len() == 4 {
                vec![points[..2].to_vec(), points[1..].to_vec()]
            } else {
                vec![points.to_vec()]
            }
        });
        assert_eq!(topology.arcs.len(), 5);
        let after: Vec<Vec<Coord>> = topology.shapes[0]
            .rings
            .iter()
            .map(|r| topology.ring_points(r))
            .collect();
        assert_eq!(before, after);
    }

    #[test]
    fn unused_arcs_are_dropped_and_the_rest_renumbered() {
        let mut topology = two_squares();
        topology.shapes[0].rings = vec![vec![ArcRef::forward(2), ArcRef::backward(0)]];
        topology.drop_unused_arcs();
        assert_eq!(topology.arcs.len(), 2);
        assert_eq!(
            topology.shapes[0].rings,
            vec![vec![ArcRef::forward(0), ArcRef::backward(1)]]
        );
        assert_eq!(topology.arcs[1], vec![c(1.0, 0.0), c(1.0, 1.0)]);
    }
}
