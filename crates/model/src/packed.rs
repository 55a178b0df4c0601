//! Lists of number pairs as one short string: the compact form of the site
//! files' long lists (the basemap's arcs; the articles of a place or a zone),
//! which JSON arrays would make several times larger.
//!
//! The numbers are written in turn, each zigzag-mapped to an unsigned value
//! (0, -1, 1, -2… become 0, 1, 2, 3…) and cut into groups of 5 bits, lowest
//! first, one character per group; a character stands for `group + 32`
//! when more groups of the same number follow. The characters are those of
//! base64url (`A`–`Z`, `a`–`z`, `0`–`9`, `-`, `_`: digits 0–63), which JSON
//! and an HTML `<script>` carry unescaped. Small numbers (deltas, counts)
//! take one character.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};

const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const MORE: u32 = 32;

/// Pairs of numbers as one string.
///
/// ```
/// use model::packed::{decode, encode};
/// let arc = [[-24273, -7615], [-11, -74], [0, 0], [15, 1]];
/// let text = encode(&arc);
/// assert_eq!(text, "htvB97OVzEAAeC");
/// assert_eq!(decode(&text), Ok(arc.to_vec()));
/// ```
pub fn encode(pairs: &[[i32; 2]]) -> String {
    encode_numbers(pairs.iter().flatten().copied())
}

/// Numbers as one string, in turn (what [`encode`] writes of its pairs).
fn encode_numbers(numbers: impl Iterator<Item = i32>) -> String {
    let mut text = String::new();
    for value in numbers {
        let mut rest = ((value << 1) ^ (value >> 31)) as u32;
        while rest >= MORE {
            text.push(char::from(DIGITS[(MORE | (rest & (MORE - 1))) as usize]));
            rest >>= 5;
        }
        text.push(char::from(DIGITS[rest as usize]));
    }
    text
}

/// The pairs a string holds.
///
/// # Errors
/// A message saying what is wrong: a character outside the alphabet, a
/// number cut off or too large, an odd count of numbers.
pub fn decode(text: &str) -> Result<Vec<[i32; 2]>, String> {
    let numbers = decode_numbers(text)?;
    if numbers.len() % 2 != 0 {
        return Err("an odd count of numbers".to_owned());
    }
    Ok(numbers.chunks_exact(2).map(|xy| [xy[0], xy[1]]).collect())
}

/// The numbers a string holds (what [`decode`] pairs up).
fn decode_numbers(text: &str) -> Result<Vec<i32>, String> {
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
    Ok(numbers)
}

/// The serde `with` form of a list of ascending positions (a zone's
/// places and articles): each written as its difference from the previous
/// one, so that a run of neighbours takes a character each.
pub mod ascending {
    use super::*;

    /// Serialises the positions as one string.
    ///
    /// # Errors
    /// When the positions do not ascend or a step exceeds `i32::MAX`.
    pub fn serialize<S: Serializer>(positions: &[u32], serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error as _;
        let mut previous = 0u32;
        let mut steps = Vec::with_capacity(positions.len());
        for &position in positions {
            let step = position
                .checked_sub(previous)
                .and_then(|step| i32::try_from(step).ok())
                .ok_or_else(|| {
                    S::Error::custom(format!(
                        "position {position} after {previous}: not ascending or too large"
                    ))
                })?;
            steps.push(step);
            previous = position;
        }
        serializer.serialize_str(&encode_numbers(steps.into_iter()))
    }

    /// Reads the positions from their string.
    ///
    /// # Errors
    /// When the string does not decode or holds a negative step.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u32>, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        let mut position = 0u32;
        decode_numbers(&text)
            .map_err(D::Error::custom)?
            .into_iter()
            .map(|step| {
                let step = u32::try_from(step)
                    .map_err(|_| D::Error::custom(format!("a negative step: {step}")))?;
                position = position
                    .checked_add(step)
                    .ok_or_else(|| D::Error::custom("a position past u32::MAX"))?;
                Ok(position)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_round_trip_extremes_and_bad_text_is_said() {
        let pairs = vec![
            [i32::MAX, i32::MIN],
            [0, -1],
            [1, 31],
            [-16, 16],
            [1023, -1024],
        ];
        assert_eq!(decode(&encode(&pairs)), Ok(pairs));
        assert_eq!(encode(&[[0, -1], [1, -2]]), "ABCD");
        assert!(decode("AB!").unwrap_err().contains("character 2"));
        assert!(decode("ABg").unwrap_err().contains("cut off"));
        assert!(decode("ABC").unwrap_err().contains("odd"));
        assert!(decode("gggggggD").unwrap_err().contains("too large"));
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Positions(#[serde(with = "ascending")] Vec<u32>);

    #[test]
    fn ascending_positions_are_written_as_steps() {
        let positions = Positions(vec![0, 1, 2, 3, 40, 41, 1_000_000]);
        let json = serde_json::to_string(&positions).unwrap();
        // A run of neighbours: a character each.
        assert!(json.starts_with("\"ACCC"), "{json}");
        assert_eq!(serde_json::from_str::<Positions>(&json).unwrap(), positions);
        assert_eq!(serde_json::to_string(&Positions(vec![])).unwrap(), "\"\"");
        assert!(serde_json::to_string(&Positions(vec![5, 4])).is_err());
        let negative = format!("\"{}\"", encode_numbers([3, -1].into_iter()));
        assert!(serde_json::from_str::<Positions>(&negative).is_err());
    }
}
