//! The basemap: country outlines, projected and simplified at build time.
//!
//! Stored as TopoJSON-style shared arcs, so a border between two countries
//! is kept (and drawn) once. Coordinates are projected with
//! [`crate::Albers::csto`], quantised to [`COORDINATE_UNIT_KM`] and
//! delta-encoded along each arc, which keeps the file small; in the file,
//! each arc is one string of variable-length numbers ([`packed_arcs`]),
//! four fifths of the gzipped bytes of the same numbers as JSON arrays.

use serde::{Deserialize, Serialize};

/// Size of one quantised coordinate step, in kilometres (100 m).
pub const COORDINATE_UNIT_KM: f64 = 0.1;

/// A reference to an arc inside a ring: `i` for arc `i` as stored, `!i`
/// (that is `-i - 1`) for arc `i` walked backwards, as in TopoJSON.
pub type ArcRef = i32;

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
            let (index, reversed) = if arc < 0 {
                ((!arc) as usize, true)
            } else {
                (arc as usize, false)
            };
            let mut arc_points = self.arc_cells(index);
            if reversed {
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

/// The file form of [`Basemap::arcs`]: each arc is a string holding its
/// numbers `x0 y0 dx1 dy1 …` in turn, each zigzag-mapped to an unsigned
/// value (0, -1, 1, -2… become 0, 1, 2, 3…) and written as groups of 5
/// bits, lowest first, one character per group; a character stands for
/// `group + 32` when more groups of the same number follow. Characters are
/// those of base64url (`A`–`Z`, `a`–`z`, `0`–`9`, `-`, `_`: digits 0–63),
/// which JSON and an HTML `<script>` carry unescaped. A small step of the
/// outline takes one or two characters per coordinate, where the JSON
/// array `[-11,-74],` takes ten.
pub mod packed_arcs {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const MORE: u32 = 32;

    /// One arc as its string.
    ///
    /// ```
    /// use model::packed_arcs::{decode, encode};
    /// let arc = [[-24273, -7615], [-11, -74], [0, 0], [15, 1]];
    /// let text = encode(&arc);
    /// assert_eq!(text, "htvB97OVzEAAeC");
    /// assert_eq!(decode(&text), Ok(arc.to_vec()));
    /// ```
    pub fn encode(arc: &[[i32; 2]]) -> String {
        let mut text = String::with_capacity(arc.len() * 4);
        for &value in arc.iter().flatten() {
            let mut rest = ((value << 1) ^ (value >> 31)) as u32;
            while rest >= MORE {
                text.push(char::from(DIGITS[(MORE | (rest & (MORE - 1))) as usize]));
                rest >>= 5;
            }
            text.push(char::from(DIGITS[rest as usize]));
        }
        text
    }

    /// The arc a string holds.
    ///
    /// # Errors
    /// A message saying what is wrong: a character outside the alphabet, a
    /// number cut off or too large, an odd count of numbers.
    pub fn decode(text: &str) -> Result<Vec<[i32; 2]>, String> {
        let mut numbers = Vec::with_capacity(text.len() / 2);
        let (mut value, mut shift) = (0u32, 0u32);
        for (at, byte) in text.bytes().enumerate() {
            let digit = match byte {
                b'A'..=b'Z' => byte - b'A',
                b'a'..=b'z' => byte - b'a' + 26,
                b'0'..=b'9' => byte - b'0' + 52,
                b'-' => 62,
                b'_' => 63,
                _ => return Err(format!("character {at} is not a base64url digit")),
            };
            let group = u32::from(digit) & (MORE - 1);
            if shift > 30 || (shift == 30 && group > 3) {
                return Err(format!("the number ending at character {at} is too large"));
            }
            value |= group << shift;
            if u32::from(digit) & MORE != 0 {
                shift += 5;
            } else {
                numbers.push(((value >> 1) as i32) ^ -((value & 1) as i32));
                (value, shift) = (0, 0);
            }
        }
        if shift != 0 {
            return Err("the last number is cut off".to_owned());
        }
        if numbers.len() % 2 != 0 {
            return Err("an odd count of numbers".to_owned());
        }
        Ok(numbers.chunks_exact(2).map(|xy| [xy[0], xy[1]]).collect())
    }

    /// Serialises the arcs as strings (serde `with`).
    ///
    /// # Errors
    /// Those of the serializer.
    pub fn serialize<S: Serializer>(
        arcs: &[Vec<[i32; 2]>],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(arcs.iter().map(|arc| encode(arc)))
    }

    /// Reads the arcs from their strings (serde `with`).
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
                decode(text).map_err(|reason| D::Error::custom(format!("arc {index}: {reason}")))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_arcs_round_trip_extremes_and_reject_bad_text() {
        let arc = vec![
            [i32::MAX, i32::MIN],
            [0, -1],
            [1, 31],
            [-16, 16],
            [1023, -1024],
        ];
        assert_eq!(packed_arcs::decode(&packed_arcs::encode(&arc)), Ok(arc));
        assert_eq!(packed_arcs::encode(&[[0, -1], [1, -2]]), "ABCD");
        assert!(packed_arcs::decode("AB!")
            .unwrap_err()
            .contains("character 2"));
        assert!(packed_arcs::decode("ABg").unwrap_err().contains("cut off"));
        assert!(packed_arcs::decode("ABC").unwrap_err().contains("odd"));
        assert!(packed_arcs::decode("gggggggD")
            .unwrap_err()
            .contains("too large"));
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
        let ring = basemap.ring_points(&[0, 1]);
        assert_eq!(
            ring,
            vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
        );
        let backwards = basemap.ring_points(&[!1]);
        assert_eq!(backwards, vec![(0.0, 0.0), (0.0, 1.0), (1.0, 1.0)]);
    }
}
