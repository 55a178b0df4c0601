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

/// A rectangle of the map's screen, px: left, top, right, bottom.
pub type ScreenRect = [f64; 4];

/// One of the map's own panels (title card, list, controls, timeline),
/// which markers keep out from under.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Panel {
    /// Where it is.
    pub rect: ScreenRect,
}

/// Whether a target of side `size` centred on `(x, y)` reaches into `rect`.
fn under(rect: &ScreenRect, (x, y): (f64, f64), size: f64) -> bool {
    let half = size / 2.0;
    x - half < rect[2] && rect[0] < x + half && y - half < rect[3] && rect[1] < y + half
}

/// Whether a target of side `size` centred on `(x, y)` lies wholly in `rect`.
fn within(rect: &ScreenRect, (x, y): (f64, f64), size: f64) -> bool {
    let half = size / 2.0;
    rect[0] <= x - half && x + half <= rect[2] && rect[1] <= y - half && y + half <= rect[3]
}

/// Space kept clear between two targets, px, so that no two touch.
const TARGET_GAP: f64 = 2.0;

/// How far from its place a marker may be drawn, px: beyond it, a leader
/// line would point at the wrong place; the marker folds into a cluster.
const MAX_SHIFT: f64 = 48.0;

/// Step between the spots tried around a place, px.
const SHIFT_STEP: f64 = 4.0;

/// Whether the square targets of two markers at these points overlap
/// (or come closer than [`TARGET_GAP`]).
fn boxes_overlap(a: (f64, f64), a_size: f64, b: (f64, f64), b_size: f64) -> bool {
    let gap = (a_size + b_size) / 2.0 + TARGET_GAP;
    (a.0 - b.0).abs() < gap && (a.1 - b.1).abs() < gap
}

/// The first spot `accept` takes for a marker, nearest its place first:
/// the place itself, then circles of growing radius up to [`MAX_SHIFT`],
/// each walked in steps of about [`SHIFT_STEP`] px. (Plain loops and a
/// `dyn` test: the first view's wasm is on a budget.)
fn nearest_spot((x, y): (f64, f64), accept: &dyn Fn((f64, f64)) -> bool) -> Option<(f64, f64)> {
    if accept((x, y)) {
        return Some((x, y));
    }
    let circles = (MAX_SHIFT / SHIFT_STEP) as usize;
    for k in 1..=circles {
        let radius = k as f64 * SHIFT_STEP;
        let steps = ((std::f64::consts::TAU * radius / SHIFT_STEP).ceil() as usize).max(8);
        for step in 0..steps {
            let angle = std::f64::consts::TAU * step as f64 / steps as f64;
            let spot = (x + radius * angle.cos(), y + radius * angle.sin());
            if accept(spot) {
                return Some(spot);
            }
        }
    }
    None
}

/// Where each marker is drawn, or `None` where there is no room: markers
/// are placed in the order given (most mentioned place first), each on its
/// true point when its target is clear of those already placed, else on the
/// nearest clear spot within [`MAX_SHIFT`] px (Batken, Vorukh and Isfara
/// lie a few km apart: each keeps a target of its own, WCAG 2.5.8). A
/// marker of a place on screen (`width` x `height` px) keeps its whole
/// target on it, and no target goes under a panel of `panels` (but the
/// `kept` markers', the selected and the focused ones, which always get a
/// spot), when there is room beside it. Output is in input order.
pub fn spread(
    markers: &[Marker],
    width: f64,
    height: f64,
    panels: &[Panel],
    kept: &[usize],
) -> Vec<Option<(f64, f64)>> {
    let mut placed: Vec<Option<(f64, f64)>> = vec![None; markers.len()];
    let biggest = markers.iter().map(|m| m.size).fold(0.0, f64::max);
    // How far a placed target may be and still touch one of this marker's
    // spots: each spot is tested against those only.
    let reach = MAX_SHIFT + biggest + TARGET_GAP;
    for (i, marker) in markers.iter().enumerate() {
        let half = marker.size / 2.0;
        let on_screen = (0.0..=width).contains(&marker.x) && (0.0..=height).contains(&marker.y);
        let inside = |(x, y): (f64, f64)| {
            x - half >= 0.0 && y - half >= 0.0 && x + half <= width && y + half <= height
        };
        let near: Vec<((f64, f64), f64)> = placed
            .iter()
            .zip(markers)
            .filter_map(|(spot, other)| Some(((*spot)?, other.size)))
            .filter(|&((x, y), _)| (x - marker.x).abs() < reach && (y - marker.y).abs() < reach)
            .collect();
        let clear = |spot: (f64, f64)| {
            near.iter()
                .all(|&(other, size)| !boxes_overlap(spot, marker.size, other, size))
        };
        let anchor = (marker.x, marker.y);
        // Clear of every panel; or, when `hidden` is allowed, wholly
        // under one (a target half under a panel's buttons is obscured).
        let free = |spot: (f64, f64), hidden: bool| {
            kept.contains(&i)
                || panels.iter().all(|p| {
                    !under(&p.rect, spot, marker.size)
                        || (hidden && within(&p.rect, spot, marker.size))
                })
        };
        let find = |hidden: bool| {
            nearest_spot(anchor, &|spot| {
                (!on_screen || inside(spot)) && free(spot, hidden) && clear(spot)
            })
        };
        // Clear of the panels if there is room; else wholly under a panel
        // (hidden by it, not folded: the panel may be gone at the next
        // redraw, or unstyled and over everything); a kept marker always
        // has a spot, as one under a panel, on its place if need be. No
        // room among other markers: it folds.
        let under_a_panel = panels.iter().any(|p| under(&p.rect, anchor, marker.size));
        let spot = find(false)
            .or_else(|| find(true))
            .or_else(|| (under_a_panel || kept.contains(&i)).then_some(anchor));
        placed[i] = spot;
    }
    placed
}

/// Which marker a marker with no room folds into: the weakest other one
/// (latest in priority order, not `kept`) whose place lies within
/// [`MAX_SHIFT`] of its own, the nearest when none does.
fn fold_partner(markers: &[Marker], lost: usize, kept: &[usize]) -> Option<usize> {
    let distance =
        |j: usize| (markers[j].x - markers[lost].x).hypot(markers[j].y - markers[lost].y);
    let others = || (0..markers.len()).filter(|&j| j != lost && !kept.contains(&j));
    others()
        .filter(|&j| distance(j) <= MAX_SHIFT + markers[lost].size)
        .max()
        .or_else(|| others().min_by(|&a, &b| distance(a).total_cmp(&distance(b))))
}

/// Which side of its marker a place label goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelSide {
    /// Text starts just right of the dot.
    Right,
    /// Text ends just left of the dot.
    Left,
}

/// A place label as laid out: its side and its estimated width, px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaceLabel {
    /// Which side of the marker it is on.
    pub side: LabelSide,
    /// Its estimated width, px.
    pub width: f64,
}

/// The left edge (px) of a popup card `card_width` px wide beside the
/// marker at `x` (its target `size` px across, its label `label`) in a map
/// `width` px wide: right of the marker and its label if the card fits
/// there, else left of them, so that the card never hides the name of the
/// place it tells about; with no room for either, beside the target alone
/// (the label may then be covered), else against the right edge.
pub fn card_left(
    x: f64,
    size: f64,
    label: Option<PlaceLabel>,
    card_width: f64,
    gap: f64,
    width: f64,
) -> f64 {
    const MARGIN: f64 = 8.0;
    let half = size / 2.0;
    let (left_label, right_label) = match label {
        Some(PlaceLabel {
            side: LabelSide::Right,
            width,
        }) => (0.0, width),
        Some(PlaceLabel {
            side: LabelSide::Left,
            width,
        }) => (width, 0.0),
        None => (0.0, 0.0),
    };
    let fits_right = |start: f64| start + card_width + MARGIN <= width;
    let fits_left = |end: f64| end - card_width >= MARGIN;
    let (right, left) = (x + half + gap, x - half - gap);
    if fits_right(right + right_label) {
        right + right_label
    } else if fits_left(left - left_label) {
        left - left_label - card_width
    } else if fits_right(right) {
        right
    } else if fits_left(left) {
        left - card_width
    } else {
        (width - card_width - MARGIN).max(MARGIN)
    }
}

/// The lowest y (px) that a popup card spanning `left..right` may reach,
/// from a marker at `y`: `bottom`, raised to just above the top of a panel
/// below the marker that the card would otherwise cover (the timeline, so
/// that its thumbs stay usable beside an open popup), when that leaves the
/// card at least `min_height` px.
pub fn card_floor(
    (left, right): (f64, f64),
    y: f64,
    bottom: f64,
    min_height: f64,
    panels: &[Panel],
) -> f64 {
    const GAP: f64 = 8.0;
    let floor = panels
        .iter()
        .map(|panel| panel.rect)
        .filter(|r| r[0] < right && left < r[2] && r[1] > y)
        .fold(bottom, |floor, r| floor.min(r[1] - GAP));
    if floor - GAP >= min_height {
        floor
    } else {
        bottom
    }
}

/// Places labels greedily in `priority` order (most mentioned first): on
/// the right of the marker, else on its left, else not at all, so that no
/// label covers another label or another marker's target, runs off the
/// `screen` or under one of the map's `panels` (a name cut by the screen's
/// edge or the zoom buttons reads as another word: "KAZAKHST"). `width` is
/// each label's estimated width in px; `None` for markers without a label.
pub fn place_labels(
    positions: &[(f64, f64)],
    sizes: &[f64],
    widths: &[Option<f64>],
    priority: &[usize],
    screen: ScreenRect,
    panels: &[Panel],
) -> Vec<Option<LabelSide>> {
    const HEIGHT: f64 = 16.0;
    type Rect = (f64, f64, f64, f64);
    let overlaps = |a: Rect, b: Rect| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
    let on_screen =
        |r: Rect| screen[0] <= r.0 && r.2 <= screen[2] && screen[1] <= r.1 && r.3 <= screen[3];
    let under_a_panel = |r: Rect| {
        panels
            .iter()
            .any(|p| overlaps(r, (p.rect[0], p.rect[1], p.rect[2], p.rect[3])))
    };
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
            on_screen(rect)
                && !under_a_panel(rect)
                && !placed.iter().any(|&p| overlaps(p, rect))
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
    pub labels: Vec<Option<PlaceLabel>>,
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
/// Markers keep out from under the map's `panels` where there is room;
/// the selected place and the `focused` marker (a key) are never folded.
pub fn marker_layout(
    data: &MapData,
    view: &View,
    index: &PlaceIndex,
    selected: Option<usize>,
    lang: &str,
    panels: &[Panel],
    focused: Option<u64>,
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
    // Spread the markers that collide; a marker with no room near its
    // place folds into a cluster with a weaker neighbour, and all are
    // placed again, until every target is clear of the others (WCAG 2.5.8:
    // 24 px, no target on another). Each fold removes a marker, so this
    // ends.
    // The selected place (its popup needs its marker) and the focused
    // marker (a redraw must not take the focus away) are never folded nor
    // hidden; they are placed in their turn, so that focusing or opening
    // a marker does not move it (from under the pointer that clicks it).
    let kept_keys: Vec<u64> = selected.map(place_key).into_iter().chain(focused).collect();
    loop {
        // The most mentioned places first: they win the spots and labels.
        // The order (also the markers' order in the page) does not depend
        // on the selection: the markers' list moves a button that changes
        // place in it, which takes the keyboard focus off it.
        drawn.sort_by_key(|m| match m.kind {
            MarkerKind::Place(i) => (0, i),
            MarkerKind::Cluster { .. } => (1, m.key as usize),
        });
        let markers: Vec<Marker> = drawn
            .iter()
            .map(|m| Marker {
                x: m.anchor.0,
                y: m.anchor.1,
                size: m.size,
            })
            .collect();
        let kept: Vec<usize> = (0..drawn.len())
            .filter(|&i| kept_keys.contains(&drawn[i].key))
            .collect();
        let spots = spread(&markers, view.width, view.height, panels, &kept);
        let mut fold: Vec<usize> = (0..drawn.len()).collect();
        fn root(fold: &mut [usize], mut i: usize) -> usize {
            while fold[i] != i {
                fold[i] = fold[fold[i]];
                i = fold[i];
            }
            i
        }
        let mut any = false;
        for lost in (0..drawn.len()).filter(|&i| spots[i].is_none()) {
            if let Some(partner) = fold_partner(&markers, lost, &kept) {
                let (a, b) = (root(&mut fold, lost), root(&mut fold, partner));
                if a != b {
                    fold[a.max(b)] = a.min(b);
                    any = true;
                }
            }
        }
        if !any {
            drawn = drawn
                .into_iter()
                .zip(spots)
                .filter_map(|(marker, spot)| {
                    spot.map(|position| DrawnMarker { position, ..marker })
                })
                .collect();
            break;
        }
        let mut groups: Vec<Vec<DrawnMarker>> = drawn.iter().map(|_| Vec::new()).collect();
        for (i, marker) in drawn.into_iter().enumerate() {
            groups[root(&mut fold, i)].push(marker);
        }
        drawn = groups
            .into_iter()
            .filter(|group| !group.is_empty())
            .map(|group| match <[DrawnMarker; 1]>::try_from(group) {
                Ok([one]) => one,
                Err(group) => fold_into_cluster(data, &group),
            })
            .collect();
    }
    let on_screen =
        |&(x, y): &(f64, f64)| x >= 0.0 && y >= 0.0 && x <= view.width && y <= view.height;
    // Named countries always get their name beside their marker (the
    // basemap leaves them unlabelled), other places only the most
    // mentioned ones; all compete for room.
    // Estimated from the style sheet's `.place-label`: 13 px semibold
    // mixed case averages 7.5 px a letter; countries are 12 px in capitals
    // spaced 0.04 em, about 9.5 px a letter (measured on "KAZAKHSTAN").
    let label_width = |name: &str, capitals: bool| {
        let per_letter = if capitals { 9.5 } else { 7.5 };
        name.chars().count() as f64 * per_letter + 8.0
    };
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
            widths[slot] = Some(label_width(place.name_in(lang), true));
        } else if towns < LABELLED_PLACES {
            widths[slot] = Some(label_width(place.name_in(lang), false));
            towns += 1;
        }
    }
    let drawn_positions: Vec<(f64, f64)> = drawn.iter().map(|m| m.position).collect();
    let drawn_sizes: Vec<f64> = drawn.iter().map(|m| m.size).collect();
    let priority: Vec<usize> = (0..drawn.len()).collect();
    let screen = [0.0, 0.0, view.width, view.height];
    let sides = place_labels(
        &drawn_positions,
        &drawn_sizes,
        &widths,
        &priority,
        screen,
        panels,
    );
    let mut positions = anchors.clone();
    let mut labels = vec![None; data.places.len()];
    for ((marker, side), width) in drawn.iter().zip(sides).zip(widths) {
        if let MarkerKind::Place(i) = marker.kind {
            positions[i] = marker.position;
            labels[i] = side
                .zip(width)
                .map(|(side, width)| PlaceLabel { side, width });
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

/// One cluster of the places of several markers (places and clusters):
/// named by its most mentioned places, drawn at their centre, opening onto
/// the box around them. Its key follows [`crate::cluster::Cluster::key`]'s
/// rule (first place, count), so it is unique in a layout.
fn fold_into_cluster(data: &MapData, markers: &[DrawnMarker]) -> DrawnMarker {
    let mut count = 0;
    let mut main = Vec::new();
    let mut bounds: Option<Bounds> = None;
    let (mut sum_x, mut sum_y) = (0.0, 0.0);
    for marker in markers {
        let (n, places, area) = match &marker.kind {
            MarkerKind::Place(i) => {
                let (x, y) = (data.places[*i].x, data.places[*i].y);
                let point = Bounds {
                    min_x: x,
                    min_y: y,
                    max_x: x,
                    max_y: y,
                };
                (1, vec![*i], point)
            }
            MarkerKind::Cluster {
                count,
                main,
                bounds,
            } => (*count, main.clone(), *bounds),
        };
        count += n;
        main.extend(places);
        sum_x += marker.anchor.0 * n as f64;
        sum_y += marker.anchor.1 * n as f64;
        bounds = Some(match bounds {
            None => area,
            Some(b) => Bounds {
                min_x: b.min_x.min(area.min_x),
                min_y: b.min_y.min(area.min_y),
                max_x: b.max_x.max(area.max_x),
                max_y: b.max_y.max(area.max_y),
            },
        });
    }
    // Each part's main places are its most mentioned (lowest indices), so
    // the lowest of them all are the cluster's.
    main.sort_unstable();
    main.dedup();
    main.truncate(CLUSTER_NAMES);
    let first = main.first().copied().unwrap_or(0);
    let anchor = (sum_x / count.max(1) as f64, sum_y / count.max(1) as f64);
    let bounds = bounds.unwrap_or(Bounds {
        min_x: 0.0,
        min_y: 0.0,
        max_x: 0.0,
        max_y: 0.0,
    });
    DrawnMarker {
        key: ((first as u64) << 32) | count as u64,
        kind: MarkerKind::Cluster {
            count,
            main,
            bounds,
        },
        position: anchor,
        anchor,
        size: target_size(cluster_radius(count)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A screen larger than every position of the label tests.
    const SCREEN: ScreenRect = [0.0, 0.0, 1280.0, 800.0];

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
        let markers = [marker(20.0, 20.0), marker(100.0, 20.0)];
        assert_eq!(
            spread(&markers, 1000.0, 1000.0, &[], &[]),
            vec![Some((20.0, 20.0)), Some((100.0, 20.0))]
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
        let spread: Vec<(f64, f64)> = spread(&markers, 1000.0, 1000.0, &[], &[])
            .into_iter()
            .map(|spot| spot.expect("room for each"))
            .collect();
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
    fn markers_spread_towards_a_neighbour_stay_clear_of_it() {
        // A tight group of three, and a fourth marker 30 px away, placed
        // last: the group's spread must not land on it, nor it on them.
        let markers = [
            marker(100.0, 100.0),
            marker(104.0, 100.0),
            marker(102.0, 104.0),
            marker(134.0, 100.0),
        ];
        let spread: Vec<(f64, f64)> = spread(&markers, 1000.0, 1000.0, &[], &[])
            .into_iter()
            .map(|spot| spot.expect("room for each"))
            .collect();
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
    fn markers_at_the_edge_stay_on_screen() {
        // Four markers on top of each other 10 px from the right edge.
        let markers = [marker(390.0, 200.0); 4];
        for spot in spread(&markers, 400.0, 600.0, &[], &[]) {
            let (x, y) = spot.expect("room for each");
            assert!(
                (12.0..=388.0).contains(&x) && (12.0..=588.0).contains(&y),
                "({x}, {y}) leaves the view"
            );
        }
    }

    #[test]
    fn a_marker_with_no_room_near_its_place_is_left_out() {
        // A 9 x 9 pile on one point: 81 targets do not fit within
        // MAX_SHIFT of it.
        let markers = [marker(300.0, 300.0); 81];
        let spread = spread(&markers, 1000.0, 1000.0, &[], &[]);
        assert_eq!(spread[0], Some((300.0, 300.0)), "the first keeps its place");
        assert!(spread.iter().any(Option::is_none));
        for spot in spread.iter().flatten() {
            let shift = (spot.0 - 300.0).hypot(spot.1 - 300.0);
            assert!(shift <= MAX_SHIFT + 1e-9, "{spot:?} is {shift} px away");
        }
    }

    #[test]
    fn no_target_goes_under_a_panel() {
        // A panel over x 0..200, y 0..100: a marker just under its edge
        // moves below it; one deep under it stays under it; the kept one stays.
        let panel = [0.0, 0.0, 200.0, 100.0];
        let markers = [marker(100.0, 95.0), marker(100.0, 30.0), marker(50.0, 50.0)];
        let hiding = Panel { rect: panel };
        let spots = spread(&markers, 400.0, 600.0, &[hiding], &[2]);
        let moved = spots[0].expect("room below the panel");
        assert!(
            !under(&panel, moved, MIN_TARGET_PX),
            "{moved:?} is under the panel"
        );
        assert!((moved.1 - 95.0).abs() <= MAX_SHIFT);
        assert_eq!(spots[1], Some((100.0, 30.0)));
        assert_eq!(spots[2], Some((50.0, 50.0)));
    }

    #[test]
    fn spreading_keeps_west_on_the_west() {
        let spread = spread(
            &[marker(100.0, 100.0), marker(90.0, 100.0)],
            1000.0,
            1000.0,
            &[],
            &[],
        );
        let (east, west) = (spread[0].unwrap(), spread[1].unwrap());
        assert!(west.0 < east.0);
    }

    #[test]
    fn labels_avoid_each_other_and_markers() {
        let positions = [(100.0, 100.0), (160.0, 100.0), (400.0, 100.0)];
        let sizes = [24.0; 3];
        let widths = [Some(80.0), Some(50.0), None];
        let sides = place_labels(&positions, &sizes, &widths, &[0, 1, 2], SCREEN, &[]);
        // The first label's right side runs into the second marker: it goes left.
        assert_eq!(
            sides,
            vec![Some(LabelSide::Left), Some(LabelSide::Right), None]
        );
    }

    #[test]
    fn a_popup_card_clears_its_marker_and_label() {
        let right = Some(PlaceLabel {
            side: LabelSide::Right,
            width: 60.0,
        });
        let left = Some(PlaceLabel {
            side: LabelSide::Left,
            width: 60.0,
        });
        // Room on the right: after the 12 px half-target, the label and the gap.
        assert_eq!(card_left(100.0, 24.0, right, 360.0, 10.0, 1280.0), 182.0);
        assert_eq!(card_left(100.0, 24.0, None, 360.0, 10.0, 1280.0), 122.0);
        assert_eq!(card_left(100.0, 24.0, left, 360.0, 10.0, 1280.0), 122.0);
        // Not on the right with the label, so on the left, clear of it too.
        assert_eq!(card_left(900.0, 24.0, right, 360.0, 10.0, 1280.0), 518.0);
        assert_eq!(card_left(900.0, 24.0, left, 360.0, 10.0, 1280.0), 458.0);
        // Room for neither with the label: beside the target, label covered.
        assert_eq!(card_left(300.0, 24.0, right, 360.0, 10.0, 700.0), 322.0);
        // Room for nothing: against the right edge.
        assert_eq!(card_left(200.0, 24.0, None, 360.0, 10.0, 500.0), 132.0);
    }

    #[test]
    fn a_popup_card_stops_above_a_panel_below_its_marker() {
        let panel = |rect: ScreenRect| Panel { rect };
        let timeline = panel([410.0, 675.0, 870.0, 780.0]);
        let title = panel([10.0, 10.0, 320.0, 110.0]);
        let panels = [timeline, title];
        // The card over the timeline's right end stops above it.
        assert_eq!(
            card_floor((716.0, 1076.0), 400.0, 756.0, 260.0, &panels),
            667.0
        );
        // Beside it, or with the marker below its top, the card goes down.
        assert_eq!(
            card_floor((880.0, 1240.0), 400.0, 756.0, 260.0, &panels),
            756.0
        );
        assert_eq!(
            card_floor((716.0, 1076.0), 700.0, 756.0, 260.0, &panels),
            756.0
        );
        // Too little room above it: the card covers it rather than shrink.
        assert_eq!(
            card_floor((716.0, 1076.0), 400.0, 756.0, 700.0, &panels),
            756.0
        );
    }

    #[test]
    fn labels_stay_on_screen_and_out_from_under_panels() {
        let narrow: ScreenRect = [0.0, 0.0, 375.0, 667.0];
        let zoom_buttons = Panel {
            rect: [321.0, 10.0, 365.0, 210.0],
        };
        // A country near the right edge: its name on the right would be cut.
        let edge = place_labels(
            &[(300.0, 320.0)],
            &[24.0],
            &[Some(103.0)],
            &[0],
            narrow,
            &[],
        );
        assert_eq!(edge, vec![Some(LabelSide::Left)]);
        // Room on screen, but the right side runs under the zoom buttons.
        let under = place_labels(
            &[(250.0, 100.0)],
            &[24.0],
            &[Some(80.0)],
            &[0],
            narrow,
            &[zoom_buttons],
        );
        assert_eq!(under, vec![Some(LabelSide::Left)]);
        // Too wide for either side of a narrow screen: no label, not a cut one.
        let wide = place_labels(
            &[(187.0, 320.0)],
            &[24.0],
            &[Some(200.0)],
            &[0],
            narrow,
            &[],
        );
        assert_eq!(wide, vec![None]);
    }

    #[test]
    fn a_label_with_no_room_is_dropped() {
        let positions = [(100.0, 100.0), (130.0, 100.0), (70.0, 100.0)];
        let sides = place_labels(
            &positions,
            &[24.0; 3],
            &[Some(60.0), None, None],
            &[0],
            SCREEN,
            &[],
        );
        assert_eq!(sides, vec![None, None, None]);
    }

    /// A map of `n` places around each of these (lon, lat) spots, within
    /// `spread_deg` degrees, the first spot's places most mentioned.
    /// The clustering index of every place of `data`.
    fn index_of(data: &MapData) -> PlaceIndex {
        PlaceIndex::new(
            data.places.iter().enumerate().map(|(i, p)| (i, p.x, p.y)),
            crate::view::Bounds {
                min_x: -1e4,
                min_y: -1e4,
                max_x: 1e4,
                max_y: 1e4,
            },
        )
    }

    fn crowded_map(spots: &[(f64, f64)], n: usize, spread_deg: f64) -> MapData {
        use model::site::{IndexArticle, IndexPlace, SiteIndex};
        let places = spots
            .iter()
            .enumerate()
            .flat_map(|(s, &(lon, lat))| {
                (0..n).map(move |k| {
                    let angle = k as f64 * 2.4;
                    let r = spread_deg * (k as f64 / n as f64).sqrt();
                    IndexPlace {
                        id: format!("p{s}-{k}").into(),
                        name: format!("P{s}-{k}"),
                        names: Default::default(),
                        kind: PlaceKind::City,
                        country: None,
                        lon: lon + r * angle.cos(),
                        lat: lat + r * angle.sin(),
                        mentions: (1000 - s * n - k) as u32,
                        articles: vec![0],
                        pages: 1,
                    }
                })
            })
            .collect();
        let index = SiteIndex {
            articles: vec![IndexArticle {
                id: "a".into(),
                title: "a".into(),
                date: None,
                month: None,
                date_inferred: false,
                url: None,
                lang: None,
                text: false,
            }],
            places,
        };
        let json = model::site::to_json(&index).unwrap();
        crate::data::parse(&json, r#"{"arcs":[],"countries":[]}"#, Default::default()).unwrap()
    }

    #[test]
    fn crowded_places_fold_into_clusters_until_no_target_overlaps_another() {
        // Three crowds of 14 places a few degrees apart, seen from afar on
        // a phone: each crowd's ring reaches the next, too many to merge.
        let data = crowded_map(&[(68.0, 40.0), (70.5, 40.5), (69.0, 38.0)], 14, 0.8);
        let index = index_of(&data);
        let (cx, cy) = (
            data.places.iter().map(|p| p.x).sum::<f64>() / data.places.len() as f64,
            data.places.iter().map(|p| p.y).sum::<f64>() / data.places.len() as f64,
        );
        for scale in [0.05, 0.2, 0.5, 1.0, 4.0] {
            let view = View {
                center_x: cx,
                center_y: cy,
                scale,
                width: 375.0,
                height: 667.0,
            };
            let layout = marker_layout(&data, &view, &index, None, "en", &[], None);
            let drawn = &layout.drawn;
            for (a, m) in drawn.iter().enumerate() {
                for n in &drawn[a + 1..] {
                    assert!(
                        !boxes_overlap(m.position, m.size, n.position, n.size),
                        "at scale {scale}, {:?} overlaps {:?}",
                        m.kind,
                        n.kind
                    );
                }
            }
            let places: usize = drawn
                .iter()
                .map(|m| match m.kind {
                    MarkerKind::Place(_) => 1,
                    MarkerKind::Cluster { count, .. } => count,
                })
                .sum();
            assert_eq!(
                places,
                data.places.len(),
                "every place once, at scale {scale}"
            );
            let mut keys: Vec<u64> = drawn.iter().map(|m| m.key).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), drawn.len(), "keys are unique");
            assert!(
                drawn.iter().any(|m| m.kind == MarkerKind::Place(0)),
                "the most mentioned place keeps its marker at scale {scale}"
            );
            // Spread markers stay near their places: no ring of a whole
            // region across the screen.
            for m in drawn {
                let reach = (m.position.0 - m.anchor.0).hypot(m.position.1 - m.anchor.1);
                assert!(
                    reach < 120.0,
                    "at scale {scale}, {:?} drawn {reach:.0} px away",
                    m.kind
                );
            }
            if scale < 0.1 {
                assert!(
                    drawn
                        .iter()
                        .any(|m| matches!(m.kind, MarkerKind::Cluster { .. })),
                    "from afar the crowds fold into clusters"
                );
            }
        }
    }

    #[test]
    fn the_selected_place_is_never_folded() {
        let data = crowded_map(&[(68.0, 40.0), (70.5, 40.5)], 20, 0.8);
        let index = index_of(&data);
        let last = data.places.len() - 1;
        let view = View {
            center_x: data.places[0].x,
            center_y: data.places[0].y,
            scale: 0.3,
            width: 375.0,
            height: 667.0,
        };
        let layout = marker_layout(&data, &view, &index, Some(last), "en", &[], None);
        assert!(layout
            .drawn
            .iter()
            .any(|m| m.kind == MarkerKind::Place(last)));
    }
}
