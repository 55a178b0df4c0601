//! Word tokens with byte offsets, and what joins each token to the next.
//!
//! A token is a run of letters and digits. Apostrophes always split, so the
//! French elisions `d'Almaty`, `l’Arménie`, `qu'Oural` give the tokens `d`
//! and `Almaty`: the place part is what gets matched. Hyphens split too, but
//! the [`Joiner`] remembers them, so `Saint-Pétersbourg` can be matched as
//! one two-token name and never as a bare `Pétersbourg`.
//!
//! ```
//! use geocoder::tokenize::{tokenize, Joiner};
//! let text = "près d’Almaty et de Saint-Pétersbourg";
//! let tokens = tokenize(text);
//! let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
//! assert_eq!(words, ["près", "d", "Almaty", "et", "de", "Saint", "Pétersbourg"]);
//! assert_eq!(tokens[1].joiner, Joiner::Apostrophe);
//! assert_eq!(tokens[5].joiner, Joiner::Hyphen);
//! ```

use crate::normalize::{is_apostrophe, is_latin_letter, is_word_char};

/// One word of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset just past its last byte.
    pub end: usize,
    /// What separates it from the next token.
    pub joiner: Joiner,
    /// Whether it opens a sentence (or a line, or a quotation): a capital
    /// letter there says nothing about being a name.
    pub sentence_start: bool,
    /// Whether its first character is an uppercase letter.
    pub capitalised: bool,
    /// Whether it has two or more letters, all uppercase (`OTSC`, `TASS`).
    pub all_caps: bool,
}

/// What lies between a token and the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joiner {
    /// Only spaces, with at most one line break: the two may be one name.
    Space,
    /// A single hyphen: parts of one compound word.
    Hyphen,
    /// An apostrophe: an elision (`d'`, `l’`) or a name like `Bi'r`.
    Apostrophe,
    /// Punctuation, a paragraph break, or the end of the text.
    Break,
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 6);
    // Whether the next token opens a sentence; the text's first one does.
    let mut at_sentence_start = true;
    let mut gap_start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() && !b.is_ascii_alphanumeric() {
            // Spaces and punctuation, without decoding.
            i += 1;
            continue;
        }
        let (c, width) = char_at(text, i);
        if !is_word_char(c) {
            i += width;
            continue;
        }
        let start = i;
        let mut all_caps = c.is_uppercase();
        let mut letters = usize::from(c.is_alphabetic());
        i += width;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                // The common case, without decoding.
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                if b.is_ascii_alphabetic() {
                    letters += 1;
                    all_caps &= b.is_ascii_uppercase();
                }
                i += 1;
                continue;
            }
            let (d, width) = char_at(text, i);
            if !is_word_char(d) {
                break;
            }
            if is_latin_letter(d) || d.is_alphabetic() {
                letters += 1;
                all_caps &= d.is_uppercase();
            }
            i += width;
        }
        let end = i;
        let gap = &text[gap_start..start];
        if let Some(previous) = tokens.last_mut() {
            // A single space, the usual gap, compared as a byte: a string
            // comparison is a `memcmp` call.
            let space = gap.len() == 1 && bytes[gap_start] == b' ';
            previous.joiner = if space { Joiner::Space } else { joiner(gap) };
            at_sentence_start = !space && ends_sentence(gap);
        }
        tokens.push(Token {
            start,
            end,
            joiner: Joiner::Break,
            sentence_start: at_sentence_start,
            capitalised: c.is_uppercase(),
            all_caps: all_caps && letters >= 2,
        });
        gap_start = end;
    }
    tokens
}

/// The character at byte `i` and its width; ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return (b as char, 1);
    }
    let c = text[i..].chars().next().expect("i is a char boundary");
    (c, c.len_utf8())
}

fn joiner(gap: &str) -> Joiner {
    match gap {
        " " => Joiner::Space,
        "-" | "\u{2010}" | "\u{2011}" => Joiner::Hyphen,
        _ if gap.chars().count() == 1 && gap.chars().all(is_apostrophe) => Joiner::Apostrophe,
        _ if gap.chars().all(char::is_whitespace) && gap.matches('\n').count() <= 1 => Joiner::Space,
        _ => Joiner::Break,
    }
}

/// Whether a gap between two words ends a sentence (or a heading line, or
/// opens a quotation), so that the next word's capital is no evidence.
fn ends_sentence(gap: &str) -> bool {
    let trimmed = gap.trim_end_matches(|c: char| c.is_whitespace() || is_opening(c));
    if trimmed.len() < gap.len() && gap[trimmed.len()..].contains(is_opening) {
        // `« En avant`, `(Photo par`: a quotation or aside starts.
        return true;
    }
    gap.contains('\n')
        || trimmed.ends_with(['.', '!', '?', '…', ':', ';'])
        || trimmed.ends_with(['»', '"', '”', ')']) && trimmed.contains(['.', '!', '?'])
}

fn is_opening(c: char) -> bool {
    matches!(c, '«' | '"' | '“' | '(' | '[' | '–' | '—' | '\u{2018}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, Joiner, bool)> {
        tokenize(text).iter().map(|t| (&text[t.start..t.end], t.joiner, t.sentence_start)).collect()
    }

    #[test]
    fn elisions_split_off() {
        let cases = [
            ("d'Almaty", "Almaty"),
            ("d’Almaty", "Almaty"),
            ("l’Arménie", "Arménie"),
            ("qu'Oural", "Oural"),
            ("jusqu’à Och", "Och"),
        ];
        for (text, place) in cases {
            let tokens = tokenize(text);
            assert!(tokens.iter().any(|t| &text[t.start..t.end] == place), "{text}");
        }
    }

    #[test]
    fn joiners_tell_names_from_punctuation() {
        use Joiner::*;
        let got = words("Saint-Pétersbourg, Haut-Karabakh et\nAsie centrale.\n\nLa");
        let joiners: Vec<Joiner> = got.iter().map(|w| w.1).collect();
        assert_eq!(joiners, [Hyphen, Break, Hyphen, Space, Space, Space, Break, Break]);
    }

    #[test]
    fn sentence_starts_are_marked() {
        let got = words("Moscou a dit. Il pleut; « En avant » dit-il.Plus tard\nAu bord (Photo par X)");
        let starts: Vec<&str> = got.iter().filter(|w| w.2).map(|w| w.0).collect();
        assert_eq!(starts, ["Moscou", "Il", "En", "Plus", "Au", "Photo"]);
    }

    #[test]
    fn offsets_are_bytes_and_capitals_flagged() {
        let text = "à Douchanbé, l'OTSC";
        let tokens = tokenize(text);
        let t = tokens[1];
        assert_eq!(&text[t.start..t.end], "Douchanbé");
        assert_eq!((t.start, t.end), (3, 13));
        assert!(t.capitalised && !t.all_caps);
        assert!(tokens[3].all_caps);
        assert!(tokenize("").is_empty());
    }
}
