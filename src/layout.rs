//! Screen layout of the markers: their size, spreading markers that
//! collide, and which place labels fit.
//!
//! Pure functions on screen pixels, recomputed for every view (at most
//! [`MAX_MARKERS`] markers: dense places are clustered, see [`crate::cluster`]),
//! and tested natively.

use model::PlaceKind;

use crate::cluster::{Group, PlaceIndex, MAX_MARKERS};
use crate::data::{MapData, MapPlace};
use crate::view::{Bounds, View};

/// Smallest touch and click target, in CSS px (WCAG 2.2, 2.5.8).
pub const MIN_TARGET_PX: f64 = 24.0;

/// Radius in px of the dot drawn for a place mentioned `mentions` times:
/// its area grows with the count (radius ∝ √mentions), never below a
/// visible minimum nor so large that it buries its neighbours.
pub fn dot_radius(mentions: usize) -> f64 {
    (3.0 * (mentions as f64).sqrt()).clamp(5.0, 16.0)
}

/// Side of the square hit target around a dot of radius `radius`.
pub fn target_size(radius: f64) -> f64 {
    (2.0 * radius + 4.0).max(MIN_TARGET_PX)
}

/// One marker to lay out: its true screen point and its target size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marker {
    /// True screen x of the place.
    pub x: f64,
    /// True screen y of the place.
    pub y: f64,
    /// Side of its hit target, px.
    pub size: f64,
}

/// How many times [`spread`] looks again for targets that still overlap
/// (a ring spread out may reach a neighbour; the two then share one ring).
const SPREAD_ROUNDS: usize = 8;

/// After the first round, a ring takes in a neighbour it reaches only while
/// the two together have at most this many markers: rings merged without
/// bound grow wider than a phone's screen at low zoom (the places of a
/// whole region on one circle), which pushes visible places off it.
const MAX_MERGED_RING: usize = 8;

/// Whether the square targets of two markers at these points overlap.
fn boxes_overlap(a: (f64, f64), a_size: f64, b: (f64, f64), b_size: f64) -> bool {
    let gap = (a_size + b_size) / 2.0;
    (a.0 - b.0).abs() < gap && (a.1 - b.1).abs() < gap
}

/// Where each marker is drawn: its true point, or, when its hit target
/// would overlap another's, a point on a small circle around the group's
/// centre, so that every one stays separately clickable (Batken, Vorukh
/// and Isfara lie a few km apart) with a target of its own (WCAG 2.5.8:
/// no target obscured by another). A ring that reaches a neighbour takes it
/// in, for at most [`SPREAD_ROUNDS`] rounds. A ring is moved inside the
/// view (`width` x `height` px) when it fits, so that spreading never
/// pushes a visible place's marker off the screen. Members keep their
/// geographic order around the circle. Output is in input order.
pub fn spread(markers: &[Marker], width: f64, height: f64) -> Vec<(f64, f64)> {
    let mut group: Vec<usize> = (0..markers.len()).collect();
    fn root(group: &mut [usize], mut i: usize) -> usize {
        while group[i] != i {
            group[i] = group[group[i]];
            i = group[i];
        }
        i
    }
    let mut positions: Vec<(f64, f64)> = markers.iter().map(|m| (m.x, m.y)).collect();
    let mut members_of: Vec<usize> = vec![1; markers.len()];
    for round in 0..SPREAD_ROUNDS {
        let mut merged = false;
        for i in 0..markers.len() {
            for j in i + 1..markers.len() {
                if !boxes_overlap(positions[i], markers[i].size, positions[j], markers[j].size) {
                    continue;
                }
                let (ri, rj) = (root(&mut group, i), root(&mut group, j));
                let together = members_of[ri] + members_of[rj];
                if ri != rj && (round == 0 || together <= MAX_MERGED_RING) {
                    group[ri.max(rj)] = ri.min(rj);
                    members_of[ri.min(rj)] = together;
                    merged = true;
                }
            }
        }
        if !merged {
            break;
        }
        let mut clusters: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for i in 0..markers.len() {
            let r = root(&mut group, i);
            clusters.entry(r).or_default().push(i);
        }
        for members in clusters.values().filter(|m| m.len() > 1) {
            let n = members.len() as f64;
            let cx = members.iter().map(|&i| markers[i].x).sum::<f64>() / n;
            let cy = members.iter().map(|&i| markers[i].y).sum::<f64>() / n;
            let biggest = members.iter().map(|&i| markers[i].size).fold(0.0, f64::max);
            // Neighbours on the circle are one target's diagonal apart, so
            // that their square targets never overlap, whatever the angle.
            let chord = biggest * std::f64::consts::SQRT_2 + 2.0;
            let ring = chord / (2.0 * (std::f64::consts::PI / n).sin());
            // Keep the ring on screen when its places are on or near it
            // (within a ring of the edge); a ring wider than the view, or
            // one of places far off screen, stays centred on its places.
            let inside = |c: f64, extent: f64| {
                let margin = ring + biggest / 2.0;
                if (-margin..=extent + margin).contains(&c) && extent > 2.0 * margin {
                    c.clamp(margin, extent - margin)
                } else {
                    c
                }
            };
            let (ring_x, ring_y) = (inside(cx, width), inside(cy, height));
            let angle_of = |i: usize| (markers[i].y - cy).atan2(markers[i].x - cx);
            let mut ordered = members.clone();
            ordered.sort_by(|&a, &b| angle_of(a).total_cmp(&angle_of(b)).then(a.cmp(&b)));
            let start = angle_of(ordered[0]);
            for (k, &i) in ordered.iter().enumerate() {
                let angle = start + std::f64::consts::TAU * k as f64 / n;
                positions[i] = (ring_x + ring * angle.cos(), ring_y + ring * angle.sin());
            }
        }
    }
    positions
}

/// Which side of its marker a place label goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelSide {
    /// Text starts just right of the dot.
    Right,
    /// Text ends just left of the dot.
    Left,
}

/// Places labels greedily in `priority` order (most mentioned first): on
/// the right of the marker, else on its left, else not at all, so that no
/// label covers another label or another marker's target. `width` is each
/// label's estimated width in px; `None` for markers without a label.
pub fn place_labels(
    positions: &[(f64, f64)],
    sizes: &[f64],
    widths: &[Option<f64>],
    priority: &[usize],
) -> Vec<Option<LabelSide>> {
    const HEIGHT: f64 = 16.0;
    type Rect = (f64, f64, f64, f64);
    let overlaps = |a: Rect, b: Rect| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
    let targets: Vec<Rect> = positions
        .iter()
        .zip(sizes)
        .map(|(&(x, y), &s)| (x - s / 2.0, y - s / 2.0, x + s / 2.0, y + s / 2.0))
        .collect();
    let mut placed: Vec<Rect> = Vec::new();
    let mut sides = vec![None; positions.len()];
    for &i in priority {
        let Some(width) = widths[i] else { continue };
        let (x, y) = positions[i];
        let half = sizes[i] / 2.0;
        let right = (
            x + half + 2.0,
            y - HEIGHT / 2.0,
            x + half + 2.0 + width,
            y + HEIGHT / 2.0,
        );
        let left = (
            x - half - 2.0 - width,
            y - HEIGHT / 2.0,
            x - half - 2.0,
            y + HEIGHT / 2.0,
        );
        let free = |rect: Rect| {
            !placed.iter().any(|&p| overlaps(p, rect))
                && !targets
                    .iter()
                    .enumerate()
                    .any(|(j, &t)| j != i && overlaps(t, rect))
        };
        let side = if free(right) {
            Some((LabelSide::Right, right))
        } else if free(left) {
            Some((LabelSide::Left, left))
        } else {
            None
        };
        if let Some((side, rect)) = side {
            placed.push(rect);
            sides[i] = Some(side);
        }
    }
    sides
}

/// How many mentions a place has (the one accessor the drawing uses, so
/// that the data's shape can change behind it).
pub fn mentions(place: &MapPlace) -> usize {
    place.place.mentions as usize
}

/// Radius in px of the disc of a cluster of `count` places: its area
/// grows with the count, between a readable and a modest size.
pub fn cluster_radius(count: usize) -> f64 {
    (3.0 * (count as f64).sqrt()).clamp(13.0, 26.0)
}

/// How many main places a cluster's accessible name lists.
pub const CLUSTER_NAMES: usize = 3;

/// Markers are drawn for the places this far around the viewport (a
/// fraction of its size on each side), so a short drag uncovers markers,
/// not emptiness, until the redraw; further ones are left out once there
/// are more places than [`MAX_MARKERS`].
pub const MARKER_MARGIN: f64 = 0.25;

/// What a drawn marker stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum MarkerKind {
    /// One place: its index in [`MapData::places`].
    Place(usize),
    /// Several places behind one button.
    Cluster {
        /// How many places.
        count: usize,
        /// Its main places (most mentioned first), at most [`CLUSTER_NAMES`].
        main: Vec<usize>,
        /// The box around its places, projected km (zooming in shows it).
        bounds: Bounds,
    },
}

/// One marker on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnMarker {
    /// Stable identity across views (the same place or cluster keeps it).
    pub key: u64,
    /// What it stands for.
    pub kind: MarkerKind,
    /// Drawn centre, screen px.
    pub position: (f64, f64),
    /// True centre, screen px (differs when spread).
    pub anchor: (f64, f64),
    /// Side of its square target, px.
    pub size: f64,
}

/// Where every marker of the map is drawn at one view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MarkerLayout {
    /// The markers drawn: places and clusters, at most [`MAX_MARKERS`]
    /// (plus the selected place).
    pub drawn: Vec<DrawnMarker>,
    /// Drawn centre of each place (screen px), in [`MapData::places`]
    /// order: its marker's, or its true point when it has none.
    pub positions: Vec<(f64, f64)>,
    /// True screen point of each place.
    pub anchors: Vec<(f64, f64)>,
    /// Side of each place's square target, px.
    pub sizes: Vec<f64>,
    /// Where each place label goes, if its place is drawn and it fits.
    pub labels: Vec<Option<LabelSide>>,
}

impl MarkerLayout {
    /// The drawn marker with this key.
    pub fn marker(&self, key: u64) -> Option<&DrawnMarker> {
        self.drawn.iter().find(|m| m.key == key)
    }
}

/// Key of the marker of place `index` (clusters' keys never have the top bit).
pub fn place_key(index: usize) -> u64 {
    (1 << 63) | index as u64
}

/// How many of the most mentioned places get a label.
pub const LABELLED_PLACES: usize = 10;

/// Lays out the markers of `data` at `view`: the groups `index` gives for
/// the area around the view, plus the `selected` place so its popup keeps
/// its marker; labels are measured in language `lang` (names differ in length).
pub fn marker_layout(
    data: &MapData,
    view: &View,
    index: &PlaceIndex,
    selected: Option<usize>,
    lang: &str,
) -> MarkerLayout {
    let anchors: Vec<(f64, f64)> = data
        .places
        .iter()
        .map(|p| view.to_screen(p.x, p.y))
        .collect();
    let sizes: Vec<f64> = data
        .places
        .iter()
        .map(|p| target_size(dot_radius(mentions(p))))
        .collect();
    let area = if index.len() <= MAX_MARKERS {
        None
    } else {
        let (w, h) = (view.width * MARKER_MARGIN, view.height * MARKER_MARGIN);
        let (min_x, min_y) = view.to_world(-w, view.height + h);
        let (max_x, max_y) = view.to_world(view.width + w, -h);
        Some(Bounds {
            min_x,
            min_y,
            max_x,
            max_y,
        })
    };
    let mut groups = index.groups(area.unwrap_or(Bounds {
        min_x: f64::MIN,
        min_y: f64::MIN,
        max_x: f64::MAX,
        max_y: f64::MAX,
    }));
    if let Some(s) = selected.filter(|&s| s < data.places.len()) {
        if !groups.contains(&Group::Place(s)) {
            groups.push(Group::Place(s));
        }
    }
    let mut drawn: Vec<DrawnMarker> = groups
        .into_iter()
        .map(|group| match group {
            Group::Place(i) => DrawnMarker {
                key: place_key(i),
                kind: MarkerKind::Place(i),
                position: anchors[i],
                anchor: anchors[i],
                size: sizes[i],
            },
            Group::Cluster(cluster) => {
                let anchor = view.to_screen(cluster.x, cluster.y);
                let bounds = Bounds::around(
                    cluster
                        .members
                        .iter()
                        .map(|&i| (data.places[i].x, data.places[i].y)),
                )
                .unwrap_or(Bounds {
                    min_x: cluster.x,
                    min_y: cluster.y,
                    max_x: cluster.x,
                    max_y: cluster.y,
                });
                DrawnMarker {
                    key: cluster.key,
                    kind: MarkerKind::Cluster {
                        count: cluster.members.len(),
                        main: cluster
                            .members
                            .iter()
                            .copied()
                            .take(CLUSTER_NAMES)
                            .collect(),
                        bounds,
                    },
                    position: anchor,
                    anchor,
                    size: target_size(cluster_radius(cluster.members.len())),
                }
            }
        })
        .collect();
    // Most mentioned places first: they win the labels.
    drawn.sort_by_key(|m| match m.kind {
        MarkerKind::Place(i) => (0, i),
        MarkerKind::Cluster { .. } => (1, 0),
    });
    let markers: Vec<Marker> = drawn
        .iter()
        .map(|m| Marker {
            x: m.anchor.0,
            y: m.anchor.1,
            size: m.size,
        })
        .collect();
    let spread_to = spread(&markers, view.width, view.height);
    for (marker, position) in drawn.iter_mut().zip(spread_to) {
        marker.position = position;
    }
    let on_screen =
        |&(x, y): &(f64, f64)| x >= 0.0 && y >= 0.0 && x <= view.width && y <= view.height;
    // Named countries always get their name beside their marker (the
    // basemap leaves them unlabelled), other places only the most
    // mentioned ones; all compete for room.
    let label_width = |name: &str| name.chars().count() as f64 * 7.5 + 8.0;
    let mut widths = vec![None; drawn.len()];
    let mut towns = 0;
    for (slot, marker) in drawn.iter().enumerate() {
        let MarkerKind::Place(i) = marker.kind else {
            continue;
        };
        if !on_screen(&marker.position) {
            continue;
        }
        let place = &data.places[i].place;
        if place.kind == PlaceKind::Country {
            widths[slot] = Some(label_width(place.name_in(lang)));
        } else if towns < LABELLED_PLACES {
            widths[slot] = Some(label_width(place.name_in(lang)));
            towns += 1;
        }
    }
    let drawn_positions: Vec<(f64, f64)> = drawn.iter().map(|m| m.position).collect();
    let drawn_sizes: Vec<f64> = drawn.iter().map(|m| m.size).collect();
    let priority: Vec<usize> = (0..drawn.len()).collect();
    let sides = place_labels(&drawn_positions, &drawn_sizes, &widths, &priority);
    let mut positions = anchors.clone();
    let mut labels = vec![None; data.places.len()];
    for (marker, side) in drawn.iter().zip(sides) {
        if let MarkerKind::Place(i) = marker.kind {
            positions[i] = marker.position;
            labels[i] = side;
        }
    }
    MarkerLayout {
        drawn,
        positions,
        anchors,
        sizes,
        labels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(x: f64, y: f64) -> Marker {
        Marker {
            x,
            y,
            size: MIN_TARGET_PX,
        }
    }

    fn targets_overlap(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < MIN_TARGET_PX && (a.1 - b.1).abs() < MIN_TARGET_PX
    }

    #[test]
    fn dots_grow_by_area_within_bounds() {
        assert_eq!(dot_radius(1), 5.0);
        assert_eq!(dot_radius(9), 9.0);
        assert!(
            (dot_radius(16) / dot_radius(4) - 2.0).abs() < 1e-9,
            "4x the mentions, 2x the radius"
        );
        assert_eq!(dot_radius(10_000), 16.0);
        assert_eq!(target_size(dot_radius(1)), MIN_TARGET_PX);
    }

    #[test]
    fn far_apart_markers_stay_on_their_places() {
        let markers = [marker(10.0, 10.0), marker(100.0, 10.0)];
        assert_eq!(
            spread(&markers, 1000.0, 1000.0),
            vec![(10.0, 10.0), (100.0, 10.0)]
        );
    }

    #[test]
    fn colliding_markers_are_spread_apart() {
        // Batken, Isfara, Vorukh a few px apart when zoomed out, plus one
        // marker sitting exactly on another.
        let markers = [
            marker(200.0, 100.0),
            marker(196.0, 98.0),
            marker(198.0, 104.0),
            marker(198.0, 104.0),
        ];
        let spread = spread(&markers, 1000.0, 1000.0);
        for i in 0..spread.len() {
            for j in i + 1..spread.len() {
                assert!(
                    !targets_overlap(spread[i], spread[j]),
                    "{i} and {j} overlap: {spread:?}"
                );
            }
        }
        // They stay around where they were.
        for &(x, y) in &spread {
            assert!((x - 198.0).abs() < 40.0 && (y - 101.0).abs() < 40.0);
        }
    }

    #[test]
    fn a_spread_ring_takes_in_the_neighbour_it_reaches() {
        // A tight group of three, and a fourth marker 30 px away: the ring
        // of the three reaches it, so all four end on one ring.
        let markers = [
            marker(100.0, 100.0),
            marker(104.0, 100.0),
            marker(102.0, 104.0),
            marker(134.0, 100.0),
        ];
        let spread = spread(&markers, 1000.0, 1000.0);
        for i in 0..spread.len() {
            for j in i + 1..spread.len() {
                assert!(
                    !boxes_overlap(spread[i], 24.0, spread[j], 24.0),
                    "{i} and {j} overlap: {spread:?}"
                );
            }
        }
    }

    #[test]
    fn a_ring_at_the_edge_stays_on_screen() {
        // Four markers on top of each other 10 px from the right edge, and
        // four just past it.
        let markers = [marker(390.0, 200.0); 4];
        for (x, y) in spread(&markers, 400.0, 600.0) {
            assert!(
                (12.0..=388.0).contains(&x) && (12.0..=588.0).contains(&y),
                "({x}, {y}) leaves the view"
            );
        }
        let markers = [marker(410.0, 200.0); 4];
        for (x, y) in spread(&markers, 400.0, 600.0) {
            assert!(
                (12.0..=388.0).contains(&x) && (12.0..=588.0).contains(&y),
                "({x}, {y}) leaves the view"
            );
        }
    }

    #[test]
    fn spreading_keeps_west_on_the_west() {
        let spread = spread(&[marker(100.0, 100.0), marker(90.0, 100.0)], 1000.0, 1000.0);
        assert!(spread[1].0 < spread[0].0);
    }

    #[test]
    fn labels_avoid_each_other_and_markers() {
        let positions = [(100.0, 100.0), (160.0, 100.0), (400.0, 100.0)];
        let sizes = [24.0; 3];
        let widths = [Some(80.0), Some(50.0), None];
        let sides = place_labels(&positions, &sizes, &widths, &[0, 1, 2]);
        // The first label's right side runs into the second marker: it goes left.
        assert_eq!(
            sides,
            vec![Some(LabelSide::Left), Some(LabelSide::Right), None]
        );
    }

    #[test]
    fn a_label_with_no_room_is_dropped() {
        let positions = [(100.0, 100.0), (130.0, 100.0), (70.0, 100.0)];
        let sides = place_labels(&positions, &[24.0; 3], &[Some(60.0), None, None], &[0]);
        assert_eq!(sides, vec![None, None, None]);
    }
}
