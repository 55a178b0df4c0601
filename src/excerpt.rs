//! Excerpts with their mentions marked, and mentions grouped per excerpt.
//!
//! The popup shows each excerpt once, with every mention of the place in
//! it highlighted; the text is split into plain and marked segments here
//! and rendered as text nodes, never parsed as HTML.

use std::ops::Range;

use model::Mention;

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

/// Mentions that share an article and an excerpt, shown as one item.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionGroup<'a> {
    /// The article id.
    pub article: &'a str,
    /// The excerpt text.
    pub excerpt: &'a str,
    /// Where the mentions lie inside the excerpt.
    pub ranges: Vec<Range<usize>>,
}

/// Groups mentions by (article, excerpt start), keeping their order. The
/// same sentence repeated elsewhere in an article (a title printed twice)
/// is shown once.
pub fn group_mentions(mentions: &[Mention]) -> Vec<MentionGroup<'_>> {
    let mut groups: Vec<MentionGroup<'_>> = Vec::new();
    for mention in mentions {
        let range = mention.range_in_excerpt();
        let existing = groups
            .iter_mut()
            .find(|g| g.article == mention.article && g.excerpt == mention.excerpt);
        match existing {
            Some(group) => {
                if let Some(range) = range {
                    if !group.ranges.contains(&range) {
                        group.ranges.push(range);
                    }
                }
            }
            None => groups.push(MentionGroup {
                article: &mention.article,
                excerpt: &mention.excerpt,
                ranges: range.into_iter().collect(),
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(
        article: &str,
        excerpt: &str,
        excerpt_start: usize,
        word: &str,
        nth: usize,
    ) -> Mention {
        let at = excerpt.match_indices(word).nth(nth).unwrap().0;
        Mention {
            article: article.into(),
            text: word.into(),
            start: excerpt_start + at,
            end: excerpt_start + at + word.len(),
            excerpt: excerpt.into(),
            excerpt_start,
        }
    }

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

    #[test]
    fn mentions_in_one_excerpt_form_one_group() {
        let excerpt = "Almaty et Almaty.";
        let other = "Puis Almaty.";
        let mentions = vec![
            mention("a", excerpt, 100, "Almaty", 0),
            mention("a", excerpt, 100, "Almaty", 1),
            mention("a", excerpt, 300, "Almaty", 0), // the same sentence repeated
            mention("a", other, 400, "Almaty", 0),
            mention("b", other, 0, "Almaty", 0),
        ];
        let groups = group_mentions(&mentions);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].ranges, vec![0..6, 10..16]);
        assert_eq!((groups[1].article, groups[1].excerpt), ("a", other));
        assert_eq!(groups[2].article, "b");
    }
}
