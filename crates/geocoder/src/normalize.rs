//! Folding and transliteration keys, so that spellings of one name meet.
//!
//! Two levels, applied alike to gazetteer names and to article text:
//!
//! - [`fold`]: lowercase, accents off, apostrophes dropped, hyphens and
//!   other separators turned into single spaces. `Saint-Pétersbourg` and
//!   `saint petersbourg` fold the same.
//! - [`key`]: the fold, then each word rewritten so that the usual
//!   romanisations of Russian, Tajik, Kyrgyz or Kazakh names meet (French
//!   `ou`, `dj`, `tch`, `kh` against English `u`, `zh`, `ch`, `h`...).
//!   Names are looked up by key; the fold tells an exact spelling apart
//!   from a transliteration variant.
//!
//! Russian (Cyrillic) words are folded to their Snowball stem, so that the
//! cases of a name meet (`Исфарой`, `Исфары` and `Исфара` all fold to
//! `исфар`, `в Москве` and `Москва` to `москв`), and keyed in Latin letters
//! ([`deunicode`]'s transliteration, then the same rules), so that a
//! Cyrillic name meets its romanisations: `Баткене` and `Batken`,
//! `Жанаозене`, `Zhanaozen` and `Janaozen` have one key. The stemmer takes
//! a proper noun for any word and may cut its nominative further than its
//! cases (`Жанаозен` -> `жанаоз`), so the gazetteer indexes a Cyrillic name
//! under its unstemmed key too ([`unstemmed_fold_and_key`]).
//!
//! ```
//! use geocoder::normalize::{fold, key};
//! assert_eq!(fold("Исфарой"), fold("Исфара"));
//! assert_eq!(key("Жанаозене"), key("Janaozen"));
//! assert_eq!(fold("Saint-Pétersbourg"), "saint petersbourg");
//! assert_eq!(key("Douchanbé"), key("Dushanbe"));
//! assert_eq!(key("Voroukh"), key("Vorukh"));
//! ```

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// The Snowball Russian stemmer: strips case, number and gender endings.
static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));

/// Whether `c` is a Cyrillic letter (the basic block: Russian, Ukrainian,
/// Belarusian, Kazakh, Kyrgyz, Tajik letters).
#[inline]
pub fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4ff}').contains(&c)
}

/// Folds a name or a piece of text: lowercase, no accents, words separated
/// by single spaces, apostrophes removed (`Bi'r` → `bir`).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        push_folded_word(word, &mut out);
    }
    out
}

/// The transliteration key of a name or a piece of text: [`fold`], then
/// each word through [`push_key_word`].
pub fn key(text: &str) -> String {
    let mut folded = String::new();
    let mut out = String::with_capacity(text.len());
    for word in words(text) {
        folded.clear();
        push_folded_word(word, &mut folded);
        if !out.is_empty() {
            out.push(' ');
        }
        push_key_word(&folded, &mut out);
    }
    out
}

/// The words of a text: runs of letters and digits, apostrophes inside a
/// word kept (they are dropped when folding), everything else a separator.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(is_word_char(c) || is_apostrophe(c)))
        .map(|w| w.trim_matches(is_apostrophe))
        .filter(|w| !w.is_empty())
}

/// Whether `c` belongs inside a word: a letter, a digit or a combining accent.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    is_latin_letter(c) || c.is_alphanumeric() || is_combining_mark(c)
}

/// Whether `c` is a letter of Latin-1 Supplement, Latin Extended-A or -B
/// (`é`, `ï`, `ş`, `ő`...), without the Unicode table lookup: those are
/// most of the non-ASCII letters of French and English news. `×` and `÷`
/// are the only non-letters of the range.
#[inline]
pub fn is_latin_letter(c: char) -> bool {
    ('\u{c0}'..='\u{24f}').contains(&c) && c != '×' && c != '÷'
}

/// The apostrophes French texts use: straight, curly, and the modifier letter.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´')
}

/// The fold and the key of a Cyrillic name without the stemmer, `None`
/// for a name with no Cyrillic letter. The stemmer treats a proper noun
/// like any word, so that a nominative and its cases may stem apart
/// (`Жанаозен` -> `жанаоз`, `Жанаозена` -> `жанаозен`): the gazetteer
/// indexes a Cyrillic name under both keys.
pub fn unstemmed_fold_and_key(name: &str) -> Option<(String, String)> {
    if !name.chars().any(is_cyrillic) {
        return None;
    }
    let (mut fold, mut key) = (String::new(), String::new());
    for word in words(name) {
        if !fold.is_empty() {
            fold.push(' ');
            key.push(' ');
        }
        let start = fold.len();
        for c in word.chars() {
            push_folded_char(c, &mut fold);
        }
        push_key_word(&fold[start..], &mut key);
    }
    Some((fold, key))
}

/// Appends the fold of one word (no separators inside) to `out`.
pub fn push_folded_word(word: &str, out: &mut String) {
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // The common case (most names and most text): copied whole and
        // lowercased in place, not pushed char by char (`String::push`
        // per byte was a visible part of the matcher's time).
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    if word.is_ascii() {
        for b in word.bytes() {
            if b.is_ascii_alphanumeric() {
                out.push(b.to_ascii_lowercase() as char);
            }
        }
        return;
    }
    let start = out.len();
    for c in word.chars() {
        push_folded_char(c, out);
    }
    if out[start..].chars().any(is_cyrillic) {
        // Cases and numbers of a Russian name meet in its stem. The
        // stemmer wants `й`, which the accent folding turned into `и`: it
        // is put back from the word as written.
        let lowered: String = word
            .chars()
            .filter(|c| !is_apostrophe(*c) && !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'ё' { 'е' } else { c })
            .collect();
        let stem = RUSSIAN.stem(&lowered);
        // A stem of three letters or fewer (`поим` -> `по`, `вуси` -> `вус`)
        // would meet short words of any language: such words stay whole.
        let stem = if stem.chars().count() >= 4 {
            stem
        } else {
            lowered.into()
        };
        out.truncate(start);
        for c in stem.chars() {
            push_folded_char(c, out);
        }
    }
}

fn push_folded_char(c: char, out: &mut String) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    // Letters that carry no canonical decomposition but have a usual
    // Latin spelling.
    let special = match c {
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        'ŀ' => "l",
        _ => "",
    };
    if !special.is_empty() {
        out.push_str(special);
        return;
    }
    if is_apostrophe(c) || is_combining_mark(c) {
        return;
    }
    let mut pushed = false;
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            for l in d.to_lowercase() {
                out.push(l);
            }
            pushed = true;
        }
    });
    if !pushed && c.is_alphanumeric() {
        out.extend(c.to_lowercase());
    }
}

/// Spelling variants that meet in a key: defined with the search file
/// (`model::site`), whose query keys in the app must follow the same rules.
pub use model::site::KEY_RULES;

/// Appends the key of one folded word: [`KEY_RULES`] applied left to
/// right, then doubled letters collapsed (`Tokmok`/`Tokmokk`,
/// `Kassym`/`Kasym`).
pub fn push_key_word(folded: &str, out: &mut String) {
    // ASCII words (nearly all) are keyed into a stack buffer, appended
    // with one `push_str`: a `String::push` per byte cost more than the
    // rules themselves. The key of an ASCII word is never longer.
    let mut buffer = [0u8; 48];
    if folded.len() <= buffer.len() && folded.is_ascii() {
        let len = key_ascii_word(folded.as_bytes(), &mut buffer);
        out.push_str(std::str::from_utf8(&buffer[..len]).expect("ASCII rules give ASCII"));
        return;
    }
    push_key_word_any(folded, out);
}

/// [`push_key_word`] for any word: Cyrillic in Latin letters
/// ([`to_latin`]), then the rules ([`model::site::push_rule_key`], the
/// app's too).
fn push_key_word_any(folded: &str, out: &mut String) {
    if folded.chars().any(is_cyrillic) {
        // `Жанаозен` becomes `zhanaozen`, keyed like `Janaozen`.
        let latin = to_latin(folded);
        if !latin.is_empty() {
            model::site::push_rule_key(&latin, out);
        }
        return;
    }
    model::site::push_rule_key(folded, out);
}

/// A folded word with Cyrillic letters in Latin letters: every non-ASCII
/// letter by [`deunicode`]'s transliteration (`жанаозен` -> `zhanaozen`).
/// The search file ships it letter by letter so that the app keys a query
/// the same way.
pub fn to_latin(folded: &str) -> String {
    let mut latin = String::with_capacity(folded.len() * 2);
    for c in folded.chars() {
        if c.is_ascii() {
            latin.push(c);
        } else if let Some(t) = deunicode::deunicode_char(c) {
            latin.extend(
                t.chars()
                    .filter(char::is_ascii_alphanumeric)
                    .map(|c| c.to_ascii_lowercase()),
            );
        }
    }
    latin
}

/// [`push_key_word`] for an ASCII word, into `out` (as long as the word
/// at least); returns the key's length. Same rules, same order.
fn key_ascii_word(bytes: &[u8], out: &mut [u8]) -> usize {
    let mut len = 0;
    let mut last: Option<u8> = None;
    let mut push = |b: u8, last: &mut Option<u8>| {
        if *last != Some(b) {
            out[len] = b;
            len += 1;
        }
        *last = Some(b);
    };
    let mut i = 0;
    'outer: while i < bytes.len() {
        let b = bytes[i];
        if matches!(
            b,
            b's' | b't' | b'd' | b'c' | b'z' | b'k' | b'o' | b'y' | b'w'
        ) {
            for (from, to) in KEY_RULES {
                if starts_with_at(bytes, i, from.as_bytes()) {
                    for &t in to.as_bytes() {
                        push(t, &mut last);
                    }
                    i += from.len();
                    continue 'outer;
                }
            }
        }
        push(b, &mut last);
        i += 1;
    }
    len
}

/// `bytes[i..].starts_with(prefix)` for the short prefixes of the key
/// rules: a byte loop, as a `memcmp` call per rule and byte was the
/// matcher's main cost.
#[inline]
fn starts_with_at(bytes: &[u8], i: usize, prefix: &[u8]) -> bool {
    if prefix[0] != bytes[i] || bytes.len() - i < prefix.len() {
        return false;
    }
    prefix.iter().zip(&bytes[i..]).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_variants_share_a_key() {
        let pairs = [
            ("Voroukh", "Vorukh"),
            ("Djermouk", "Jermuk"),
            ("Janaozen", "Zhanaozen"),
            ("Douchanbé", "Dushanbe"),
            ("Khodjent", "Khodzhent"),
            ("Ouzbékistan", "Uzbekistan"),
            ("Tadjikistan", "Tajikistan"),
            ("Saint-Pétersbourg", "Saint Petersbourg"),
            ("Tokaïev", "Tokayev"),
            ("Kassym", "Kasym"),
        ];
        for (a, b) in pairs {
            assert_eq!(key(a), key(b), "{a} / {b}");
        }
    }

    #[test]
    fn ascii_key_fast_path_agrees_with_the_general_one() {
        let words = [
            "shchuchinsk",
            "tschita",
            "dzhalal",
            "abad",
            "tchoui",
            "schast",
            "chui",
            "shymkent",
            "zhanaozen",
            "djermouk",
            "khorog",
            "voroukh",
            "kyzyl",
            "wwoo",
            "tokmokk",
            "kassym",
            "ss",
            "s",
            "",
            "a1b22",
            "ooouuu",
            "yyy",
            "chch",
            "tsch",
            "zhh",
        ];
        for word in words {
            let (mut fast, mut general) = (String::new(), String::new());
            push_key_word(word, &mut fast);
            push_key_word_any(word, &mut general);
            assert_eq!(fast, general, "{word}");
        }
        let mut folded = String::new();
        push_folded_word("Batken2", &mut folded);
        push_folded_word("Ab-c", &mut folded);
        assert_eq!(folded, "batken2abc");
    }

    #[test]
    fn rules_start_with_the_fast_path_letters() {
        for (from, _) in KEY_RULES {
            assert!(b"stdczkoyw".contains(&from.as_bytes()[0]), "{from}");
        }
    }

    #[test]
    fn russian_cases_and_romanisations_meet() {
        for (a, b) in [
            ("Баткене", "Batken"),
            ("Исфарой", "Исфара"),
            ("Жанаозене", "Zhanaozen"),
            ("Жанаозена", "Жанаозен"),
            ("в Москве", "в Москва"),
            ("Худжанда", "Khudzhand"),
        ] {
            assert_eq!(key(a), key(b), "{a} / {b}");
        }
        // Short stems are not used: `По` must not meet `Поим`.
        assert_ne!(key("По"), key("Поим"));
    }

    #[test]
    fn latin_letters_fast_path_agrees_with_unicode() {
        for c in '\u{80}'..='\u{2ff}' {
            if is_latin_letter(c) {
                assert!(c.is_alphabetic(), "{c:?}");
            }
        }
        assert!(!is_latin_letter('×') && !is_latin_letter('÷') && !is_latin_letter('a'));
    }

    #[test]
    fn different_names_keep_different_keys() {
        let pairs = [
            ("Goris", "Gori"),
            ("Oral", "Orel"),
            ("Batken", "Batumi"),
            ("Chine", "Chili"),
        ];
        for (a, b) in pairs {
            assert_ne!(key(a), key(b), "{a} / {b}");
        }
    }

    #[test]
    fn folding_drops_case_accents_and_separators() {
        let cases = [
            ("Saint-Pétersbourg", "saint petersbourg"),
            ("d’Almaty", "dalmaty"),
            ("  Haut-Karabakh ", "haut karabakh"),
            ("Œsel", "oesel"),
            ("Łódź", "lodz"),
            ("Straße", "strasse"),
            // Russian words fold to their Snowball stem.
            ("Москва", "москв"),
            ("в Москве", "в москв"),
            ("Бишкек-2", "бишкек 2"),
            ("", ""),
        ];
        for (text, folded) in cases {
            assert_eq!(fold(text), folded, "{text}");
        }
    }

    #[test]
    fn words_split_on_separators_but_keep_inner_apostrophes() {
        let words: Vec<&str> = words("« Bi'r Zayt », l’Arménie-Sud").collect();
        assert_eq!(words, ["Bi'r", "Zayt", "l’Arménie", "Sud"]);
    }
}
