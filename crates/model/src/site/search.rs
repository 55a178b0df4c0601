//! The search file ([`SEARCH`]) and the one rule that keys a name or a
//! query, so that the search box finds `Vorukh` from `voroukh`, `Khujand`
//! from `khodjent` and `Almaty` from `Алматы`.
//!
//! The keys of the places are the geocoder's own (its gazetteer indexes
//! every name of a place under them, `crates/geocoder/src/normalize.rs`),
//! computed at build time, so the app never links the gazetteer. The app
//! keys what is typed with [`query_key`]: the geocoder's fold of each
//! letter comes with the file ([`SearchIndex::letters`], written by the
//! geocoder from its own fold), and [`KEY_RULES`], defined here, are the
//! rules both apply. The one step the app leaves out is the geocoder's
//! Russian stemmer (it would cost the wasm its tables): a query is typed
//! in the nominative, whose unstemmed key the gazetteer indexes too, and a
//! prefix of a key matches.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The search keys ([`SearchIndex`]), fetched when the search box first
/// gets the focus.
pub const SEARCH: &str = "search.json";

/// The contents of [`SEARCH`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchIndex {
    /// How the geocoder folds each non-ASCII letter that folds to
    /// something else than itself (`é` → `e`, `ß` → `ss`, `Ж` → `zh`,
    /// `Ω` → `ω`), before the [`KEY_RULES`]; [`SEPARATOR`] for the usual
    /// non-ASCII punctuation. So the app needs no Unicode tables.
    pub letters: BTreeMap<char, String>,
    /// The places, each with every key of its names.
    pub places: Vec<SearchEntry>,
    /// The zones, keyed by their labels.
    pub zones: Vec<SearchEntry>,
    /// The articles, keyed by their titles.
    pub articles: Vec<SearchEntry>,
}

/// One thing the search can offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchEntry {
    /// Its position in its list ([`super::SiteIndex::places`],
    /// [`super::ZoneFile::zones`] or [`super::SiteIndex::articles`]).
    pub at: u32,
    /// Its keys, sorted, each once.
    pub keys: Vec<String>,
}

impl SearchEntry {
    /// Whether a query's key (from [`query_key`], not empty) matches: it
    /// starts one of the keys, or one of their words.
    pub fn matches(&self, query: &str) -> bool {
        self.keys.iter().any(|key| key_matches(key, query))
    }
}

/// Whether `query` (a key) starts `key` or one of its words.
pub fn key_matches(key: &str, query: &str) -> bool {
    !query.is_empty()
        && (key.starts_with(query)
            || key
                .match_indices(' ')
                .any(|(at, _)| key[at + 1..].starts_with(query)))
}

/// Spelling variants that meet in a key, longest first at each position.
/// The romanisations of Cyrillic names differ by language: French writes
/// `Douchanbé`, `Djermouk`, `Tchétchénie`, `Khodjent`; English `Dushanbe`,
/// `Jermuk`, `Chechnya`, `Khujand`; GeoNames often `Zhanaozen`, `Khodzhent`.
/// The geocoder keys every name and every word of the articles by them
/// (`geocoder::normalize::key`); the app keys a query by them.
pub const KEY_RULES: &[(&str, &str)] = &[
    ("shch", "c"),
    ("tsch", "c"),
    ("dzh", "j"),
    ("tch", "c"),
    ("sch", "c"),
    ("ch", "c"),
    ("sh", "c"),
    ("zh", "j"),
    ("dj", "j"),
    ("kh", "h"),
    ("ou", "u"),
    ("y", "i"),
    ("w", "v"),
];

/// Where [`push_rule_key`] writes a key: a `String`, or the geocoder's
/// stack buffer for short ASCII words (its hot path).
pub trait KeySink {
    /// Appends an ASCII byte.
    fn push_byte(&mut self, b: u8);
    /// Appends a letter no rule applies to (of a script the fold leaves
    /// alone).
    fn push_other(&mut self, c: char);
}

impl KeySink for String {
    fn push_byte(&mut self, b: u8) {
        self.push(char::from(b));
    }
    fn push_other(&mut self, c: char) {
        self.push(c);
    }
}

/// Appends the key of one folded word (lowercase, accents off, Latin
/// letters): [`KEY_RULES`] applied left to right, then doubled letters
/// collapsed (`Tokmok`/`Tokmokk`, `Kassym`/`Kasym`). Other letters (of
/// scripts the fold leaves alone) pass through. The one implementation of
/// the rules: the geocoder keys names and text with it, the app queries.
pub fn push_rule_key(folded: &str, out: &mut impl KeySink) {
    /// Pushes `b` unless it doubles the last byte pushed.
    #[inline]
    fn push_collapsed(out: &mut impl KeySink, last: &mut Option<u8>, b: u8) {
        if *last != Some(b) {
            out.push_byte(b);
        }
        *last = Some(b);
    }
    let bytes = folded.as_bytes();
    let mut last: Option<u8> = None;
    let mut i = 0;
    'outer: while i < bytes.len() {
        let b = bytes[i];
        if !b.is_ascii() {
            let c = folded[i..].chars().next().expect("i is a char boundary");
            out.push_other(c);
            last = None;
            i += c.len_utf8();
            continue;
        }
        // No rule starts with the other letters (most letters): they skip
        // the rules (`rules_start_with_rule_letters` keeps this list in step
        // with KEY_RULES), as a comparison per rule and byte is the
        // matcher's main cost.
        if RULE_LETTERS.contains(&b) {
            for (from, to) in KEY_RULES {
                let from = from.as_bytes();
                if bytes.len() - i >= from.len()
                    && from.iter().zip(&bytes[i..]).all(|(a, b)| a == b)
                {
                    for &t in to.as_bytes() {
                        push_collapsed(out, &mut last, t);
                    }
                    i += from.len();
                    continue 'outer;
                }
            }
        }
        push_collapsed(out, &mut last, b);
        i += 1;
    }
}

/// The letters a rule of [`KEY_RULES`] starts with.
const RULE_LETTERS: [u8; 9] = *b"stdczkoyw";

/// What [`SearchIndex::letters`] gives a character that separates words.
pub const SEPARATOR: &str = " ";

/// The key of a query (or of a name, as the app sees it): words are runs
/// of letters and digits (apostrophes inside them dropped), each folded
/// letter by letter (ASCII lowercased, others by `letters`, else kept),
/// then keyed by [`push_rule_key`]; words joined by single spaces. ASCII
/// characters other than letters and digits, and those `letters` maps to
/// [`SEPARATOR`], separate words.
pub fn query_key(letters: &BTreeMap<char, String>, text: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            push_rule_key(word, out);
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if is_apostrophe(c) {
            // Dropped, as the geocoder drops it (`d'Almaty`: `dalmaty`).
        } else if c.is_ascii() {
            flush(&mut word, &mut out);
        } else {
            match letters.get(&c).map(String::as_str) {
                Some(SEPARATOR) => flush(&mut word, &mut out),
                Some(folded) => word.push_str(folded),
                None => word.push(c),
            }
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The apostrophes the geocoder drops inside words.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_start_with_rule_letters() {
        for (from, _) in KEY_RULES {
            assert!(RULE_LETTERS.contains(&from.as_bytes()[0]), "{from}");
        }
    }

    #[test]
    fn rules_and_letters_make_the_key() {
        let letters: BTreeMap<char, String> = [('é', "e"), ('ж', "zh"), ('а', "a"), ('«', " ")]
            .into_iter()
            .map(|(c, s)| (c, s.to_owned()))
            .collect();
        assert_eq!(query_key(&letters, "Voroukh"), "voruh");
        assert_eq!(query_key(&letters, "Douchanbé"), "ducanbe");
        assert_eq!(query_key(&letters, "  d’Almaty, Tokmokk"), "dalmati tokmok");
        assert_eq!(query_key(&letters, "жа"), "ja");
        assert_eq!(query_key(&letters, "--"), "");
        assert_eq!(query_key(&letters, "«Vorukh"), "voruh");
    }

    #[test]
    fn a_query_matches_the_start_of_a_key_or_of_its_words() {
        let entry = SearchEntry {
            at: 0,
            keys: vec!["saint peterburg".into(), "sankt".into()],
        };
        assert!(entry.matches("saint pe"));
        assert!(entry.matches("peter"));
        assert!(entry.matches("sank"));
        assert!(!entry.matches("eter"));
        assert!(!entry.matches(""));
    }
}
