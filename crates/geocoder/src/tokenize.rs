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

use crate::normalize::{is_apostrophe, is_letter, is_word_char};

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
        let class = BYTE_CLASS[usize::from(bytes[i])];
        if class == SEPARATOR {
            // Spaces and punctuation, without decoding.
            i += 1;
            continue;
        }
        let start = i;
        let (capitalised, mut all_caps, mut letters);
        if class & NON_ASCII == 0 {
            capitalised = class & UPPER != 0;
            all_caps = capitalised;
            letters = usize::from(class & LETTER != 0);
            i += 1;
        } else {
            let (c, width) = char_at(text, i);
            if !is_word_char(c) {
                i += width;
                continue;
            }
            capitalised = c.is_uppercase();
            all_caps = capitalised;
            letters = usize::from(is_letter(c));
            i += width;
        }
        while i < bytes.len() {
            let class = BYTE_CLASS[usize::from(bytes[i])];
            if class & NON_ASCII == 0 {
                // The common case, a table lookup per byte.
                if class == SEPARATOR {
                    break;
                }
                letters += usize::from(class & LETTER != 0);
                // Only a lowercase letter (a letter not in capitals)
                // makes the word not all capitals.
                all_caps &= class & (LETTER | UPPER) != LETTER;
                i += 1;
                continue;
            }
            let (d, width) = char_at(text, i);
            if !is_word_char(d) {
                break;
            }
            if is_letter(d) {
                letters += 1;
                all_caps &= d.is_uppercase();
            }
            i += width;
        }
        if i == start + 1 && capitalised && class & NON_ASCII == 0 {
            // Initials with full stops are one word (`U.S.`, `U.K.`: the
            // abbreviation English news write most), its final stop in it:
            // a stop that ends the sentence too goes unnoticed, which a
            // capital after an abbreviation leaves ambiguous anyway.
            let mut j = i;
            while bytes.get(j) == Some(&b'.')
                && bytes.get(j + 1).is_some_and(u8::is_ascii_uppercase)
                && !bytes.get(j + 2).is_some_and(u8::is_ascii_alphanumeric)
            {
                j += 2;
                letters += 1;
            }
            if j > i {
                i = j + usize::from(bytes.get(j) == Some(&b'.'));
            }
        }
        let end = i;
        if let Some(previous) = tokens.last_mut() {
            let gap = &bytes[gap_start..start];
            // A single space, the usual gap, compared as a byte: a string
            // comparison is a `memcmp` call.
            let space = gap == b" ";
            let (joiner, ends) = if space {
                (Joiner::Space, false)
            } else if gap.is_ascii() {
                ascii_gap(gap)
            } else {
                let gap = &text[gap_start..start];
                (joiner(gap), ends_sentence(gap))
            };
            // `St. Petersburg`: the stop of an abbreviation that opens a
            // name joins its words and ends no sentence.
            let (joiner, ends) =
                if gap == b". " && is_name_abbreviation(&text[previous.start..previous.end]) {
                    (Joiner::Space, false)
                } else {
                    (joiner, ends)
                };
            previous.joiner = joiner;
            at_sentence_start = ends;
        }
        tokens.push(Token {
            start,
            end,
            joiner: Joiner::Break,
            sentence_start: at_sentence_start,
            capitalised,
            all_caps: all_caps && letters >= 2,
        });
        gap_start = end;
    }
    tokens
}

/// Byte classes for [`tokenize`]: a separator (ASCII, not a letter or a
/// digit) is 0; word bytes have [`WORD`] and maybe [`LETTER`] and
/// [`UPPER`]; bytes of non-ASCII characters have [`NON_ASCII`] and are
/// decoded. One table lookup per byte instead of a chain of range tests.
const BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if !byte.is_ascii() {
            NON_ASCII
        } else if byte.is_ascii_uppercase() {
            WORD | LETTER | UPPER
        } else if byte.is_ascii_lowercase() {
            WORD | LETTER
        } else if byte.is_ascii_digit() {
            WORD
        } else {
            SEPARATOR
        };
        b += 1;
    }
    table
};
const SEPARATOR: u8 = 0;
const WORD: u8 = 1;
const LETTER: u8 = 2;
const UPPER: u8 = 4;
const NON_ASCII: u8 = 8;

/// [`joiner`] and [`ends_sentence`] of an ASCII gap, byte by byte (most
/// gaps: `, `, `. `, line breaks), without decoding chars. Same answers
/// (checked by `ascii_gaps_agree_with_the_general_rules`).
fn ascii_gap(gap: &[u8]) -> (Joiner, bool) {
    // `char::is_whitespace` on ASCII, which includes the vertical tab.
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
    let is_open = |b: u8| matches!(b, b'"' | b'(' | b'[');
    let joiner = match gap {
        b" " => Joiner::Space,
        b"-" => Joiner::Hyphen,
        b"'" | b"`" => Joiner::Apostrophe,
        _ if gap.iter().all(|&b| is_space(b))
            && gap.iter().filter(|&&b| b == b'\n').count() <= 1 =>
        {
            Joiner::Space
        }
        _ => Joiner::Break,
    };
    let trimmed_len = gap
        .iter()
        .rposition(|&b| !(is_space(b) || is_open(b)))
        .map_or(0, |p| p + 1);
    let trimmed = &gap[..trimmed_len];
    let ends = if trimmed_len < gap.len() && gap[trimmed_len..].iter().any(|&b| is_open(b)) {
        true
    } else {
        gap.contains(&b'\n')
            || trimmed
                .last()
                .is_some_and(|b| matches!(b, b'.' | b'!' | b'?' | b':' | b';'))
            || trimmed.last().is_some_and(|b| matches!(b, b'"' | b')'))
                && trimmed.iter().any(|b| matches!(b, b'.' | b'!' | b'?'))
    };
    (joiner, ends)
}

/// Whether a word is an abbreviation that opens a place's name (`St`,
/// `Mt`), capitalised: `data/text-words.tsv`'s `name-abbreviation`.
fn is_name_abbreviation(word: &str) -> bool {
    word.len() <= 4
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && crate::text_words::NAME_ABBREVIATIONS.contains(word.to_ascii_lowercase().as_str())
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
        _ if gap.chars().all(char::is_whitespace) && gap.matches('\n').count() <= 1 => {
            Joiner::Space
        }
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
        tokenize(text)
            .iter()
            .map(|t| (&text[t.start..t.end], t.joiner, t.sentence_start))
            .collect()
    }

    #[test]
    fn ascii_gaps_agree_with_the_general_rules() {
        // Every gap of up to three bytes from the ASCII characters that
        // matter to the rules.
        let alphabet = b" \t\n\x0b\r-'`.,!?:;\")([/";
        let mut gaps = vec![Vec::new()];
        for _ in 0..3 {
            let longer: Vec<Vec<u8>> = gaps
                .iter()
                .flat_map(|g| alphabet.iter().map(move |&b| [g.as_slice(), &[b]].concat()))
                .collect();
            gaps.extend(longer);
        }
        gaps.sort();
        gaps.dedup();
        for gap in gaps {
            let text = std::str::from_utf8(&gap).unwrap();
            assert_eq!(
                ascii_gap(&gap),
                (joiner(text), ends_sentence(text)),
                "{text:?}"
            );
        }
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
            assert!(
                tokens.iter().any(|t| &text[t.start..t.end] == place),
                "{text}"
            );
        }
    }

    #[test]
    fn joiners_tell_names_from_punctuation() {
        use Joiner::*;
        let got = words("Saint-Pétersbourg, Haut-Karabakh et\nAsie centrale.\n\nLa");
        let joiners: Vec<Joiner> = got.iter().map(|w| w.1).collect();
        assert_eq!(
            joiners,
            [Hyphen, Break, Hyphen, Space, Space, Space, Break, Break]
        );
    }

    #[test]
    fn sentence_starts_are_marked() {
        let got =
            words("Moscou a dit. Il pleut; « En avant » dit-il.Plus tard\nAu bord (Photo par X)");
        let starts: Vec<&str> = got.iter().filter(|w| w.2).map(|w| w.0).collect();
        assert_eq!(starts, ["Moscou", "Il", "En", "Plus", "Au", "Photo"]);
    }

    #[test]
    fn initials_with_stops_are_one_word() {
        let got = words("the U.S.-based group, U.K. troops and the U.S. A.B.C.d Plan B. E.U");
        let got: Vec<&str> = got.iter().map(|w| w.0).collect();
        assert_eq!(
            got,
            [
                "the", "U.S.", "based", "group", "U.K.", "troops", "and", "the", "U.S.", "A.B.C.",
                "d", "Plan", "B", "E.U"
            ]
        );
        let tokens = tokenize("U.S.");
        assert!(tokens[0].all_caps && tokens[0].capitalised);
        assert_eq!(tokens[1..].len(), 0);
        assert_eq!(tokenize("the U.S.-based")[1].joiner, Joiner::Hyphen);
    }

    #[test]
    fn an_abbreviation_s_stop_opens_a_name() {
        let got = words("protests in St. Petersburg and Mt. Elbrus. St. Paul");
        let got: Vec<(&str, Joiner, bool)> = got.into_iter().collect();
        assert_eq!(got[2], ("St", Joiner::Space, false));
        assert_eq!(got[3], ("Petersburg", Joiner::Space, false));
        assert_eq!(got[5], ("Mt", Joiner::Space, false));
        assert_eq!(got[6], ("Elbrus", Joiner::Break, false));
        assert_eq!(got[7], ("St", Joiner::Space, true));
        // Lowercase, it is no abbreviation of a name.
        assert!(words("the 1st. Then")[2].2);
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
