//! The basemap: country outlines, projected and simplified at build time.
//!
//! Stored as TopoJSON-style shared arcs, so a border between two countries
//! is kept (and drawn) once. Coordinates are projected with
//! [`crate::Albers::csto`], quantised to [`COORDINATE_UNIT_KM`] and
//! delta-encoded along each arc, which keeps the file small; in the file,
//! each arc is one string of variable-length numbers ([`packed_arcs`],
//! [`crate::packed`]), four fifths of the gzipped bytes of the same numbers
//! as JSON arrays.

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
    /// from the previous point, in units of [`COORDINATE_UNIT_KM`]. Written
    /// as one string per arc ([`packed_arcs`]).
    #[serde(with = "packed_arcs")]
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
        to_km(self.arc_cells(index))
    }

    /// Points of a ring in kilometres, arcs joined in order.
    pub fn ring_points(&self, ring: &[ArcRef]) -> Vec<(f64, f64)> {
        to_km(self.ring_cells(ring))
    }

    /// Points of arc `index` in units of [`COORDINATE_UNIT_KM`] (absolute,
    /// no longer delta-encoded): what the app draws, as integers.
    pub fn arc_cells(&self, index: usize) -> Vec<[i32; 2]> {
        let mut x = 0i32;
        let mut y = 0i32;
        self.arcs[index]
            .iter()
            .map(|&[dx, dy]| {
                x = x.wrapping_add(dx);
                y = y.wrapping_add(dy);
                [x, y]
            })
            .collect()
    }

    /// Points of a ring in units of [`COORDINATE_UNIT_KM`], arcs joined in
    /// order (each arc's first point is the previous arc's last, so it is
    /// not repeated).
    pub fn ring_cells(&self, ring: &[ArcRef]) -> Vec<[i32; 2]> {
        let mut points = Vec::new();
        for &arc in ring {
            let mut arc_points = self.arc_cells(arc.index());
            if arc.is_reversed() {
                arc_points.reverse();
            }
            let skip = usize::from(!points.is_empty());
            points.extend(arc_points.into_iter().skip(skip));
        }
        points
    }
}

fn to_km(cells: Vec<[i32; 2]>) -> Vec<(f64, f64)> {
    cells
        .into_iter()
        .map(|[x, y]| {
            (
                f64::from(x) * COORDINATE_UNIT_KM,
                f64::from(y) * COORDINATE_UNIT_KM,
            )
        })
        .collect()
}

/// The file form of [`Basemap::arcs`] (serde `with`): each arc one string
/// of its numbers `x0 y0 dx1 dy1 …` ([`crate::packed`]). A small step of the
/// outline takes one or two characters per coordinate, where the JSON
/// array `[-11,-74],` takes ten.
pub mod packed_arcs {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::packed;

    /// Serialises the arcs as strings.
    ///
    /// # Errors
    /// Those of the serializer.
    pub fn serialize<S: Serializer>(
        arcs: &[Vec<[i32; 2]>],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(arcs.iter().map(|arc| packed::encode(arc)))
    }

    /// Reads the arcs from their strings.
    ///
    /// # Errors
    /// Naming the arc that does not decode.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Vec<[i32; 2]>>, D::Error> {
        let texts = Vec::<std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        texts
            .iter()
            .enumerate()
            .map(|(index, text)| {
                packed::decode(text)
                    .map_err(|reason| D::Error::custom(format!("arc {index}: {reason}")))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_arc_is_named() {
        let json = r#"{"arcs":["AB","A*"],"countries":[]}"#;
        let error = Basemap::from_json_str(json).unwrap_err().to_string();
        assert!(error.contains("arc 1: character 1"), "{error}");
    }

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
