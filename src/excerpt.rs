//! Excerpts with their mentions marked.
//!
//! The popup shows each excerpt once (the site build groups the mentions:
//! `model::site::Excerpt`), with every mention of the place in it
//! highlighted; the text is split into plain and marked segments here and
//! rendered as text nodes, never parsed as HTML.

use std::ops::Range;

/// A run of excerpt text, highlighted or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    /// The text of the run.
    pub text: &'a str,
    /// Whether it is a mention of the place (drawn in `<mark>`).
    pub marked: bool,
}

/// Splits `excerpt` into plain and marked runs. Ranges that are out of
/// bounds, not on character boundaries, or overlapping an earlier one are
/// ignored, so a bad mention can never break the popup.
pub fn segments<'a>(excerpt: &'a str, ranges: &[Range<usize>]) -> Vec<Segment<'a>> {
    let mut sorted: Vec<Range<usize>> = ranges.to_vec();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut out = Vec::new();
    let mut cursor = 0;
    for range in sorted {
        if range.start < cursor || range.start >= range.end || excerpt.get(range.clone()).is_none()
        {
            continue;
        }
        if range.start > cursor {
            out.push(Segment {
                text: &excerpt[cursor..range.start],
                marked: false,
            });
        }
        out.push(Segment {
            text: &excerpt[range.clone()],
            marked: true,
        });
        cursor = range.end;
    }
    if cursor < excerpt.len() {
        out.push(Segment {
            text: &excerpt[cursor..],
            marked: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_every_mention_in_order() {
        let text = "Tirs à Batken, puis à Batken encore.";
        let at: Vec<usize> = text.match_indices("Batken").map(|(i, _)| i).collect();
        // Given out of order, on purpose.
        let parts = segments(text, &[at[1]..at[1] + 6, at[0]..at[0] + 6]);
        let rendered: String = parts
            .iter()
            .map(|s| {
                if s.marked {
                    format!("[{}]", s.text)
                } else {
                    s.text.to_owned()
                }
            })
            .collect();
        assert_eq!(rendered, "Tirs à [Batken], puis à [Batken] encore.");
    }

    #[test]
    fn bad_ranges_are_ignored_not_fatal() {
        let text = "Vorukh é";
        // 8 is inside the two-byte "é"; 3..20 runs past the end.
        let parts = segments(text, &[3..20, 7..8, 0..6, 2..4]);
        assert_eq!(
            parts,
            vec![
                Segment {
                    text: "Vorukh",
                    marked: true
                },
                Segment {
                    text: " é",
                    marked: false
                }
            ]
        );
    }
}
