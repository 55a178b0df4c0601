//! Clustering of dense places, so that however many places the articles
//! name, at most [`MAX_MARKERS`] focusable markers exist at any moment.
//!
//! The hierarchy is built once per set of places (and again when the
//! article filter changes: a few milliseconds for 5,000 places) by the
//! `supercluster` crate, a port of Mapbox's supercluster, in the map's own
//! projected kilometres (its Cartesian mode). Each view then takes the
//! FINEST level whose groups near the view fit the budget: a map of a few
//! dozen places never clusters, a map of thousands clusters only as much
//! as it must. Markers that still collide are spread by `layout`.

use supercluster::{CoordinateSystem, DataRange, Supercluster};

use crate::view::Bounds;

/// Most markers (places and clusters) drawn at once.
pub const MAX_MARKERS: usize = 300;

/// Cluster radius at each level, in that level's "pixels" (supercluster's
/// default, with its default tile extent of 512).
const RADIUS: f64 = 40.0;
const EXTENT: f64 = 512.0;
/// Deepest clustering level; one more holds the places themselves. At 17
/// levels the finest radius is 40 / 512 / 2^16 of the world's side: metres.
const MAX_LEVEL: u8 = 16;

/// What one marker stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum Group {
    /// One place: its index in the input order.
    Place(usize),
    /// Several places drawn as one marker.
    Cluster(Cluster),
}

/// Places drawn as one marker.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Stable for this index: the same cluster keeps its key across views.
    pub key: u64,
    /// Weighted centre, projected km.
    pub x: f64,
    /// Weighted centre, projected km.
    pub y: f64,
    /// Its places, as input indices in ascending order (the input is most
    /// mentioned first, so the first ones are its main places).
    pub members: Vec<usize>,
}

/// The cluster hierarchy of a set of places.
pub struct PlaceIndex {
    tree: Option<Supercluster>,
    count: usize,
}

impl std::fmt::Debug for PlaceIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlaceIndex")
            .field("count", &self.count)
            .finish()
    }
}

/// An index equals only itself: the map rebuilds it when the filter
/// changes, and comparing hierarchies would cost more than redrawing.
impl PartialEq for PlaceIndex {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl PlaceIndex {
    /// Indexes `points` (input index, projected x and y in km) inside `world`.
    pub fn new(points: impl IntoIterator<Item = (usize, f64, f64)>, world: Bounds) -> Self {
        let features: Vec<supercluster_geojson::Feature> = points
            .into_iter()
            .map(|(index, x, y)| supercluster_geojson::Feature {
                bbox: None,
                geometry: Some(supercluster_geojson::Geometry::new(
                    supercluster_geojson::Value::Point(vec![x, y]),
                )),
                id: Some(supercluster_geojson::feature::Id::Number(index.into())),
                properties: None,
                foreign_members: None,
            })
            .collect();
        let count = features.len();
        let options = Supercluster::builder()
            .radius(RADIUS)
            .extent(EXTENT)
            .min_zoom(0)
            .max_zoom(MAX_LEVEL)
            .coordinate_system(CoordinateSystem::Cartesian {
                range: DataRange {
                    min_x: world.min_x,
                    min_y: world.min_y,
                    max_x: world.max_x,
                    max_y: world.max_y,
                    ..Default::default()
                },
            })
            .build();
        // supercluster 3.0.8 panics when loaded with no point (its kd-tree
        // indexes an empty array), which a time range holding no article
        // asks for: no places, no tree.
        if count == 0 {
            return PlaceIndex { tree: None, count };
        }
        let mut tree = Supercluster::new(options);
        let tree = match tree.load(features) {
            Ok(_) => Some(tree),
            Err(_) => None,
        };
        PlaceIndex { tree, count }
    }

    /// How many places are indexed.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether no place is indexed.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The markers to draw for the places in `area`: every place when that
    /// fits in [`MAX_MARKERS`], else the groups of the finest level that
    /// fits (the coarsest level when none does).
    pub fn groups(&self, area: Bounds) -> Vec<Group> {
        let Some(tree) = &self.tree else {
            return Vec::new();
        };
        let query = |level: u8| {
            tree.get_clusters([area.min_x, area.min_y, area.max_x, area.max_y], level)
                .unwrap_or_default()
        };
        let mut best = None;
        for level in 0..=MAX_LEVEL + 1 {
            let features = query(level);
            if features.len() > MAX_MARKERS && best.is_some() {
                break;
            }
            let done = features.len() > MAX_MARKERS;
            best = Some((level, features));
            if done {
                break;
            }
        }
        let Some((level, features)) = best else {
            return Vec::new();
        };
        features
            .iter()
            .filter_map(|feature| self.group(tree, level, feature))
            .collect()
    }

    fn group(
        &self,
        tree: &Supercluster,
        level: u8,
        feature: &supercluster_geojson::Feature,
    ) -> Option<Group> {
        let cluster_id = feature
            .property("cluster_id")
            .and_then(serde_json::Value::as_u64);
        let Some(cluster_id) = cluster_id else {
            return feature_index(feature).map(Group::Place);
        };
        let Some(supercluster_geojson::Value::Point(point)) =
            feature.geometry.as_ref().map(|g| &g.value)
        else {
            return None;
        };
        let mut members: Vec<usize> = tree
            .get_leaves(cluster_id as usize, usize::MAX, 0)
            .iter()
            .filter_map(feature_index)
            .collect();
        members.sort_unstable();
        Some(Group::Cluster(Cluster {
            key: (u64::from(level) << 48) | cluster_id,
            x: point[0],
            y: point[1],
            members,
        }))
    }
}

/// The input index a point feature carries as its id.
fn feature_index(feature: &supercluster_geojson::Feature) -> Option<usize> {
    match &feature.id {
        Some(supercluster_geojson::feature::Id::Number(n)) => n.as_u64().map(|n| n as usize),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORLD: Bounds = Bounds {
        min_x: -5000.0,
        min_y: -5000.0,
        max_x: 5000.0,
        max_y: 5000.0,
    };

    /// `n` places on a regular grid of `step` km around the origin.
    fn grid(n: usize, step: f64) -> Vec<(usize, f64, f64)> {
        let side = (n as f64).sqrt().ceil() as usize;
        (0..n)
            .map(|i| (i, (i % side) as f64 * step, (i / side) as f64 * step))
            .collect()
    }

    fn places_in(groups: &[Group]) -> Vec<usize> {
        let mut all: Vec<usize> = groups
            .iter()
            .flat_map(|g| match g {
                Group::Place(i) => vec![*i],
                Group::Cluster(c) => c.members.clone(),
            })
            .collect();
        all.sort_unstable();
        all
    }

    #[test]
    fn no_place_gives_no_group() {
        let world = Bounds {
            min_x: -10.0,
            min_y: -10.0,
            max_x: 10.0,
            max_y: 10.0,
        };
        let index = PlaceIndex::new(std::iter::empty(), world);
        assert!(index.is_empty());
        assert!(index.groups(world).is_empty());
    }

    #[test]
    fn a_few_places_are_never_clustered() {
        let index = PlaceIndex::new(grid(40, 0.5), WORLD);
        let groups = index.groups(WORLD);
        assert_eq!(groups.len(), 40);
        assert!(groups.iter().all(|g| matches!(g, Group::Place(_))));
    }

    #[test]
    fn thousands_of_places_fit_the_budget_and_every_place_is_in_one_group() {
        let index = PlaceIndex::new(grid(5000, 10.0), WORLD);
        let groups = index.groups(WORLD);
        assert!(groups.len() <= MAX_MARKERS, "{} markers", groups.len());
        assert!(groups.iter().any(|g| matches!(g, Group::Cluster(_))));
        assert_eq!(places_in(&groups), (0..5000).collect::<Vec<_>>());
    }

    #[test]
    fn a_small_area_shows_its_places_themselves() {
        let index = PlaceIndex::new(grid(5000, 10.0), WORLD);
        let corner = Bounds {
            min_x: -1.0,
            min_y: -1.0,
            max_x: 41.0,
            max_y: 41.0,
        };
        let groups = index.groups(corner);
        assert_eq!(groups.len(), 25, "a 5 x 5 corner of the grid");
        assert!(groups.iter().all(|g| matches!(g, Group::Place(_))));
    }

    #[test]
    fn cluster_members_come_most_mentioned_first_and_keys_are_stable() {
        let index = PlaceIndex::new(grid(5000, 10.0), WORLD);
        let first = index.groups(WORLD);
        let cluster = first
            .iter()
            .find_map(|g| match g {
                Group::Cluster(c) => Some(c.clone()),
                Group::Place(_) => None,
            })
            .expect("a cluster");
        assert!(cluster.members.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(index.groups(WORLD), first);
    }
}
