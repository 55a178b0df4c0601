//! Screen layout of the markers: their size, spreading markers that
//! collide, and which place labels fit.
//!
//! Pure functions on screen pixels, recomputed for every view (a few dozen
//! markers), and tested natively.

use model::PlaceKind;

use crate::data::MapData;
use crate::view::View;

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

/// Where each marker is drawn: its true point, or, when its hit target
/// would overlap another's, a point on a small circle around the group's
/// centre, so that every one stays separately clickable (Batken, Vorukh
/// and Isfara lie a few km apart). Members keep their geographic order
/// around the circle. Output is in input order.
pub fn spread(markers: &[Marker]) -> Vec<(f64, f64)> {
    let mut group: Vec<usize> = (0..markers.len()).collect();
    fn root(group: &mut [usize], mut i: usize) -> usize {
        while group[i] != i {
            group[i] = group[group[i]];
            i = group[i];
        }
        i
    }
    for i in 0..markers.len() {
        for j in i + 1..markers.len() {
            let (a, b) = (markers[i], markers[j]);
            let gap = (a.size + b.size) / 2.0;
            if (a.x - b.x).abs() < gap && (a.y - b.y).abs() < gap {
                let (ri, rj) = (root(&mut group, i), root(&mut group, j));
                group[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    let mut positions: Vec<(f64, f64)> = markers.iter().map(|m| (m.x, m.y)).collect();
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
        // Neighbours on the circle are one target apart (chord = biggest + 2).
        let ring = (biggest + 2.0) / (2.0 * (std::f64::consts::PI / n).sin());
        let angle_of = |i: usize| (markers[i].y - cy).atan2(markers[i].x - cx);
        let mut ordered = members.clone();
        ordered.sort_by(|&a, &b| angle_of(a).total_cmp(&angle_of(b)).then(a.cmp(&b)));
        let start = angle_of(ordered[0]);
        for (k, &i) in ordered.iter().enumerate() {
            let angle = start + std::f64::consts::TAU * k as f64 / n;
            positions[i] = (cx + ring * angle.cos(), cy + ring * angle.sin());
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

/// Where every marker of the map is drawn at one view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MarkerLayout {
    /// Drawn centre of each marker (screen px), in [`MapData::places`] order.
    pub positions: Vec<(f64, f64)>,
    /// True screen point of each place (differs when spread).
    pub anchors: Vec<(f64, f64)>,
    /// Side of each marker's square target, px.
    pub sizes: Vec<f64>,
    /// Where each place label goes, if it has one that fits.
    pub labels: Vec<Option<LabelSide>>,
}

/// How many of the most mentioned places get a label.
pub const LABELLED_PLACES: usize = 10;

/// Lays out the markers of `data` at `view`.
pub fn marker_layout(data: &MapData, view: &View) -> MarkerLayout {
    let anchors: Vec<(f64, f64)> = data
        .places
        .iter()
        .map(|p| view.to_screen(p.x, p.y))
        .collect();
    let sizes: Vec<f64> = data
        .places
        .iter()
        .map(|p| target_size(dot_radius(p.place.mentions as usize)))
        .collect();
    let markers: Vec<Marker> = anchors
        .iter()
        .zip(&sizes)
        .map(|(&(x, y), &size)| Marker { x, y, size })
        .collect();
    let positions = spread(&markers);
    let on_screen =
        |&(x, y): &(f64, f64)| x >= 0.0 && y >= 0.0 && x <= view.width && y <= view.height;
    // Places are ordered most mentioned first. Named countries always get
    // their name beside their marker (the basemap leaves them unlabelled),
    // other places only the most mentioned ones; all compete for room.
    let label_width = |name: &str| name.chars().count() as f64 * 7.5 + 8.0;
    let mut widths = vec![None; positions.len()];
    let mut towns = 0;
    for (i, p) in data.places.iter().enumerate() {
        if !on_screen(&positions[i]) {
            continue;
        }
        if p.place.kind == PlaceKind::Country {
            widths[i] = Some(label_width(&p.place.name));
        } else if towns < LABELLED_PLACES {
            widths[i] = Some(label_width(&p.place.name));
            towns += 1;
        }
    }
    let priority: Vec<usize> = (0..positions.len()).collect();
    let labels = place_labels(&positions, &sizes, &widths, &priority);
    MarkerLayout {
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
        assert_eq!(spread(&markers), vec![(10.0, 10.0), (100.0, 10.0)]);
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
        let spread = spread(&markers);
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
    fn spreading_keeps_west_on_the_west() {
        let spread = spread(&[marker(100.0, 100.0), marker(90.0, 100.0)]);
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
