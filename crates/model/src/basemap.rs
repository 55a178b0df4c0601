//! The basemap: country outlines, projected and simplified at build time.
//!
//! Stored as TopoJSON-style shared arcs, so a border between two countries
//! is kept (and drawn) once. Coordinates are projected with
//! [`crate::Albers::csto`], quantised to [`COORDINATE_UNIT_KM`] and
//! delta-encoded along each arc, which keeps the file small.

use serde::{Deserialize, Serialize};

/// Size of one quantised coordinate step, in kilometres (100 m).
pub const COORDINATE_UNIT_KM: f64 = 0.1;

/// A reference to an arc inside a ring, stored as in TopoJSON: `i` for arc
/// `i` as stored, `!i` (that is `-i - 1`) for arc `i` walked backwards.
/// Decoded here only, by [`ArcRef::index`] and [`ArcRef::is_reversed`].
///
/// ```
/// use model::ArcRef;
/// let arc = ArcRef::new(3, true);
/// assert_eq!((arc.index(), arc.is_reversed()), (3, true));
/// assert_eq!(serde_json::to_string(&arc).unwrap(), "-4");
/// assert_eq!(arc.reversed(), ArcRef::new(3, false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArcRef(i32);

impl ArcRef {
    /// Arc `index`, walked backwards when `reversed`.
    ///
    /// # Panics
    /// When `index` is 2³¹ or more (a basemap has a few thousand arcs).
    pub fn new(index: usize, reversed: bool) -> ArcRef {
        let index = i32::try_from(index).expect("fewer than 2^31 arcs");
        ArcRef(if reversed { !index } else { index })
    }

    /// Arc `index` as stored.
    pub fn forward(index: usize) -> ArcRef {
        ArcRef::new(index, false)
    }

    /// Arc `index` walked backwards.
    pub fn backward(index: usize) -> ArcRef {
        ArcRef::new(index, true)
    }

    /// The index of the arc in [`Basemap::arcs`] (or any list of arcs).
    pub fn index(self) -> usize {
        // `!i` of a negative `i32` is its non-negative index.
        (if self.0 < 0 { !self.0 } else { self.0 }) as usize
    }

    /// Whether the ring walks the arc backwards.
    pub fn is_reversed(self) -> bool {
        self.0 < 0
    }

    /// The same arc walked the other way.
    pub fn reversed(self) -> ArcRef {
        ArcRef(!self.0)
    }
}

/// From its TopoJSON integer (`-1` is arc 0 walked backwards).
impl From<i32> for ArcRef {
    fn from(topojson: i32) -> ArcRef {
        ArcRef(topojson)
    }
}

/// As its TopoJSON integer.
impl std::fmt::Display for ArcRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Country outlines for the map, in projected kilometres (`y` north).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Basemap {
    /// Shared arcs: first point absolute, the following ones as differences
    /// from the previous point, in units of [`COORDINATE_UNIT_KM`].
    pub arcs: Vec<Vec<[i32; 2]>>,
    /// Countries, ordered by code then name.
    pub countries: Vec<BasemapCountry>,
}

/// One country of the basemap.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BasemapCountry {
    /// ISO 3166-1 alpha-2 code, or empty for territories without one.
    pub code: String,
    /// Name in French, for the label.
    pub name_fr: String,
    /// Name in English.
    pub name_en: String,
    /// Whether it is a member state of the CSTO (drawn apart).
    pub csto: bool,
    /// Rings of all its polygons (outer rings and holes alike: the app fills
    /// with the even-odd rule), each a closed chain of arcs.
    pub rings: Vec<Vec<ArcRef>>,
    /// Label point (pole of inaccessibility of its largest polygon), in
    /// quantised projected units, not delta-encoded.
    pub label: [i32; 2],
    /// Rough area of the country in km², to decide from which zoom its
    /// label fits.
    pub area_km2: f64,
}

impl Basemap {
    /// Parses the basemap JSON.
    ///
    /// # Errors
    /// When the text is not a basemap.
    pub fn from_json_str(text: &str) -> crate::Result<Self> {
        Ok(serde_json::from_str(text)?)
    }

    /// Serialises the basemap as compact JSON.
    ///
    /// # Errors
    /// Only if serialisation itself fails, which the types rule out in practice.
    pub fn to_json_string(&self) -> crate::Result<String> {
        Ok(serde_json::to_string(self)?)
    }

    /// Points of arc `index`, decoded to kilometres.
    pub fn arc_points(&self, index: usize) -> Vec<(f64, f64)> {
        let mut x = 0i64;
        let mut y = 0i64;
        self.arcs[index]
            .iter()
            .map(|&[dx, dy]| {
                x += i64::from(dx);
                y += i64::from(dy);
                (x as f64 * COORDINATE_UNIT_KM, y as f64 * COORDINATE_UNIT_KM)
            })
            .collect()
    }

    /// Points of a ring, arcs joined in order (each arc's first point is
    /// the previous arc's last, so it is not repeated).
    pub fn ring_points(&self, ring: &[ArcRef]) -> Vec<(f64, f64)> {
        let mut points = Vec::new();
        for &arc in ring {
            let mut arc_points = self.arc_points(arc.index());
            if arc.is_reversed() {
                arc_points.reverse();
            }
            let skip = usize::from(!points.is_empty());
            points.extend(arc_points.into_iter().skip(skip));
        }
        points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rings_join_arcs_and_walk_reversed_ones_backwards() {
        let basemap = Basemap {
            arcs: vec![
                vec![[0, 0], [10, 0], [0, 10]],
                vec![[10, 10], [-10, 0], [0, -10]],
            ],
            countries: vec![],
        };
        let ring = basemap.ring_points(&[ArcRef::forward(0), ArcRef::forward(1)]);
        assert_eq!(
            ring,
            vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
        );
        let backwards = basemap.ring_points(&[ArcRef::backward(1)]);
        assert_eq!(backwards, vec![(0.0, 0.0), (0.0, 1.0), (1.0, 1.0)]);
    }
}
