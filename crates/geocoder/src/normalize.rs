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
//! The data generator (`scripts/gazetteer.py`) folds names through this
//! module too (the `fold-names` binary), so the gazetteer's names and the
//! text are folded by one code. Accents go by Unicode decomposition
//! (`unicode-normalization`), Latin letters that have none by
//! [`deunicode`] (it replaced a hand table; measured on the gazetteer's
//! 320,000 Latin names, folding all of a name with deunicode instead
//! would be no faster and would break 1,539 names, among them every
//! Azerbaijani name with `ə`, which it drops: `Gəncə` to `g nc`).
//!
//! ```
//! use geocoder::normalize::{fold, key};
//! assert_eq!(fold("Исфарой"), fold("Исфара"));
//! assert_eq!(key("Жанаозене"), key("Janaozen"));
//! assert_eq!(fold("Saint-Pétersbourg"), "saint petersbourg");
//! assert_eq!(key("Douchanbé"), key("Dushanbe"));
//! assert_eq!(key("Voroukh"), key("Vorukh"));
//! ```

use std::cell::OnceCell;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::tokenize::Token;

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
    // General Punctuation (curly quotes, dashes, narrow spaces) holds no
    // letter, digit or mark: answered before the costly table lookups.
    is_latin_letter(c)
        || is_cyrillic_letter(c)
        || !is_general_punctuation(c) && (c.is_alphanumeric() || is_combining_mark(c))
}

/// Whether `c` is a letter of the basic Cyrillic block: all of it but the
/// thousands sign and the combining marks (U+0482–U+0489).
#[inline]
fn is_cyrillic_letter(c: char) -> bool {
    is_cyrillic(c) && !('\u{482}'..='\u{489}').contains(&c)
}

/// Whether `c` is in the General Punctuation block (U+2000–U+206F: the
/// typographic spaces, dashes, curly quotes, `…`), where no character is
/// a letter, a digit or a combining mark.
#[inline]
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206f}').contains(&c)
}

/// [`char::is_alphabetic`], answered without Unicode's tables for the
/// characters news text is made of: ASCII, the Latin letters of
/// [`is_latin_letter`], the Cyrillic letters, and the General Punctuation block (U+2000–U+206F:
/// spaces, dashes, curly quotes, `…`; none is a letter). A table lookup
/// costs a few hundred instructions, and the language detection asks for
/// every character of an article.
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if is_latin_letter(c) || is_cyrillic_letter(c) {
        true
    } else if is_general_punctuation(c) {
        false
    } else {
        c.is_alphabetic()
    }
}

/// [`char::is_numeric`], answered without Unicode's tables for ASCII, the
/// Latin and Cyrillic letters and General Punctuation (see [`is_letter`]).
#[inline]
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else if is_latin_letter(c) || is_cyrillic_letter(c) || is_general_punctuation(c) {
        false
    } else {
        c.is_numeric()
    }
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

/// The folds and keys of a Cyrillic name of several words under every mix
/// of stemmed and unstemmed words but the two [`fold`] and
/// [`unstemmed_fold_and_key`] give: the stemmer may cut a nominative
/// further than its cases, word by word (`Нагорный Карабах` stems to
/// `нагорн караб`, `в Нагорном Карабахе` to `нагорн карабах`: the first
/// word's stem, the second's unstemmed nominative). Empty for a name of one
/// word, of more than `max_words`, or without Cyrillic letters.
pub fn mixed_cyrillic_folds_and_keys(name: &str, max_words: usize) -> Vec<(String, String)> {
    if !(2..=max_words).contains(&words(name).count()) || !name.chars().any(is_cyrillic) {
        return Vec::new();
    }
    let key_of = |fold: &str| {
        let mut key = String::new();
        push_key_word(fold, &mut key);
        key
    };
    // Per word: (stemmed fold, its key), (unstemmed fold, its key), and,
    // for an adjective whose stem is too short to be cut (`Новый`, `Малая`:
    // the word stays whole), its oblique cases (`в Новом Уренгое`, `Малой
    // Вишеры`), which no stem meets.
    let forms: Vec<Vec<(String, String)>> = words(name)
        .map(|word| {
            let (mut stemmed, mut unstemmed) = (String::new(), String::new());
            push_folded_word(word, &mut stemmed);
            for c in word.chars() {
                push_folded_char(c, &mut unstemmed);
            }
            let (stemmed_key, unstemmed_key) = (key_of(&stemmed), key_of(&unstemmed));
            let mut options = vec![(stemmed.clone(), stemmed_key), (unstemmed, unstemmed_key)];
            if options[0].0 == options[1].0 {
                for case in short_adjective_cases(word) {
                    let mut fold = String::new();
                    push_folded_word(&case, &mut fold);
                    let key = key_of(&fold);
                    options.push((fold, key));
                }
            }
            options
        })
        .collect();
    let mut mixes: Vec<(String, String)> = Vec::new();
    // Every choice of one option per word, but the plain fold (all first
    // options) and the unstemmed one (all second), which the caller has.
    let mut choice = vec![0usize; forms.len()];
    loop {
        let plain = choice.iter().all(|&c| c == 0) || choice.iter().all(|&c| c == 1);
        if !plain {
            let (mut fold, mut key) = (String::new(), String::new());
            for (w, options) in forms.iter().enumerate() {
                let (f, k) = &options[choice[w]];
                if w > 0 {
                    fold.push(' ');
                    key.push(' ');
                }
                fold.push_str(f);
                key.push_str(k);
            }
            if !mixes.iter().any(|(f, _)| *f == fold) {
                mixes.push((fold, key));
            }
        }
        // The next choice, the first word's option turning fastest.
        let Some(w) = (0..forms.len()).find(|&w| choice[w] + 1 < forms[w].len()) else {
            break;
        };
        choice[w] += 1;
        for earlier in choice.iter_mut().take(w) {
            *earlier = 0;
        }
    }
    mixes
}

/// The oblique singular cases of a Russian adjective in `-ый`, `-ий`,
/// `-ой`, `-ая`, `-яя`, `-ое` or `-ее` (`Новый`: `нового`, `новому`, `новым`,
/// `новом`), lowercase; empty for another word.
fn short_adjective_cases(word: &str) -> Vec<String> {
    let lower = to_lowercase(word);
    const DECLENSIONS: [(&str, &[&str]); 7] = [
        ("ый", &["ого", "ому", "ым", "ом"]),
        ("ой", &["ого", "ому", "ым", "ом"]),
        ("ое", &["ого", "ому", "ым", "ом"]),
        ("ий", &["его", "ему", "им", "ем"]),
        ("ее", &["его", "ему", "им", "ем"]),
        ("ая", &["ой", "ую"]),
        ("яя", &["ей", "юю"]),
    ];
    DECLENSIONS
        .iter()
        .find_map(|(ending, cases)| {
            let head = lower.strip_suffix(ending).filter(|h| !h.is_empty())?;
            Some(cases.iter().map(|c| format!("{head}{c}")).collect())
        })
        .unwrap_or_default()
}

/// The folds of an article's tokens, each computed once, when first
/// asked, and shared by every step that reads them (the matcher's windows,
/// the resolver's cues): most tokens are never looked at, and folding them
/// all would halve the throughput.
#[derive(Debug)]
pub struct TokenFolds<'t> {
    text: &'t str,
    tokens: &'t [Token],
    folds: Vec<OnceCell<TokenFold>>,
}

impl<'t> TokenFolds<'t> {
    /// The (not yet computed) folds of `tokens`, which come from
    /// [`crate::tokenize::tokenize`] on `text`.
    pub fn new(text: &'t str, tokens: &'t [Token]) -> Self {
        TokenFolds {
            text,
            tokens,
            folds: vec![OnceCell::new(); tokens.len()],
        }
    }

    /// The text the tokens come from.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The tokens.
    pub fn tokens(&self) -> &'t [Token] {
        self.tokens
    }

    /// The fold of token `i` ([`push_folded_word`] of its text).
    ///
    /// ```
    /// use geocoder::{normalize::TokenFolds, tokenize::tokenize};
    /// let text = "à Saint-Pétersbourg";
    /// let tokens = tokenize(text);
    /// let folds = TokenFolds::new(text, &tokens);
    /// assert_eq!(folds.fold(2), "petersbourg");
    /// ```
    pub fn fold(&self, i: usize) -> &str {
        self.folds[i]
            .get_or_init(|| {
                let token = self.tokens[i];
                TokenFold::new(&self.text[token.start..token.end])
            })
            .as_str()
    }
}

/// The fold of one token, kept inline when short (most words), so that
/// caching it allocates nothing. Inline in an `ArrayString`, which is a
/// `str` already: reading it back costs no UTF-8 validation (the fold of a
/// token is read several times, by the matcher and by the resolver).
#[derive(Debug, Clone)]
enum TokenFold {
    Inline(arrayvec::ArrayString<22>),
    Heap(Box<str>),
}

impl TokenFold {
    /// The fold of a token (a run of word characters, see
    /// [`crate::tokenize`]).
    fn new(word: &str) -> Self {
        thread_local! {
            // One reused buffer to fold into.
            static BUFFER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        BUFFER.with_borrow_mut(|buffer| {
            buffer.clear();
            push_folded_word(word, buffer);
            match arrayvec::ArrayString::from(buffer) {
                Ok(inline) => TokenFold::Inline(inline),
                Err(_) => TokenFold::Heap(buffer.as_str().into()),
            }
        })
    }

    fn as_str(&self) -> &str {
        match self {
            TokenFold::Inline(text) => text,
            TokenFold::Heap(text) => text,
        }
    }
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
        let mut lowered = String::with_capacity(word.len());
        for c in word.chars() {
            // Neither ASCII nor the Cyrillic letters are marks: the
            // table lookup is for the other characters only.
            let letter = c.is_ascii() || is_cyrillic_letter(c);
            if is_apostrophe(c) || !letter && is_combining_mark(c) {
                continue;
            }
            match lowercase_char(c) {
                Some('ё') => lowered.push('е'),
                Some(lower) => lowered.push(lower),
                None => lowered.extend(c.to_lowercase().map(|c| if c == 'ё' { 'е' } else { c })),
            }
        }
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

/// The first character of [`fold`]`(word)` for a word whose first
/// character folds to something (`Районе` -> `р`, `Éta` -> `e`), found
/// without folding the rest: a Russian word's stem keeps its beginning, so
/// its fold begins as its first character's does. `None` when the first
/// character folds to nothing (an apostrophe, a mark), where only the
/// whole fold tells. A filter for scans that would fold every token.
pub fn first_folded_char(word: &str) -> Option<char> {
    let first = word.chars().next()?;
    if first.is_ascii() {
        return first
            .is_ascii_alphanumeric()
            .then(|| first.to_ascii_lowercase());
    }
    match FOLDED_CHARS.get((first as usize).wrapping_sub(FOLDED_CHARS_FROM)) {
        Some(folded) => folded.chars().next(),
        None => {
            let mut folded = String::new();
            push_folded_char_uncached(first, &mut folded);
            folded.chars().next()
        }
    }
}

/// [`char::to_lowercase`] of an ASCII or basic Cyrillic character (U+0400–U+04FF),
/// each of which lowercases to one character, without Unicode's case
/// tables (a binary search per character, most of the time of folding a
/// Cyrillic name before the stemmer); `None` for other characters.
#[inline]
fn lowercase_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    CYRILLIC_LOWERCASE
        .get((c as usize).wrapping_sub(CYRILLIC_FROM))
        .copied()
}

/// The first character of [`CYRILLIC_LOWERCASE`].
const CYRILLIC_FROM: usize = 0x400;

/// The lowercase of every character from U+0400 to U+04FF, in order: each
/// is one character ([`char::to_lowercase`], checked by a test).
static CYRILLIC_LOWERCASE: LazyLock<Vec<char>> = LazyLock::new(|| {
    ('\u{400}'..='\u{4ff}')
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
});

/// [`str::to_lowercase`] of a text, the ASCII and basic Cyrillic
/// characters without Unicode's case tables (see [`lowercase_char`]).
pub(crate) fn to_lowercase(text: &str) -> String {
    let mut lower = String::with_capacity(text.len());
    for c in text.chars() {
        match lowercase_char(c) {
            Some(l) => lower.push(l),
            // The final sigma's context rule is `str::to_lowercase`'s.
            None if c == 'Σ' => return text.to_lowercase(),
            None => lower.extend(c.to_lowercase()),
        }
    }
    lower
}

fn push_folded_char(c: char, out: &mut String) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    // The accented Latin and the Cyrillic letters, most of what is not
    // ASCII in names and text, are folded once for all: each costs two
    // decompositions, a mark test and a lowercasing otherwise.
    match FOLDED_CHARS.get((c as usize).wrapping_sub(FOLDED_CHARS_FROM)) {
        Some(folded) => out.push_str(folded),
        None => push_folded_char_uncached(c, out),
    }
}

/// The first character of [`FOLDED_CHARS`].
const FOLDED_CHARS_FROM: usize = 0x80;

/// [`push_folded_char_uncached`] of every character from U+0080 to U+04FF
/// (Latin-1, Latin Extended, IPA, Greek, Cyrillic), in order.
static FOLDED_CHARS: LazyLock<Vec<Box<str>>> = LazyLock::new(|| {
    ('\u{80}'..='\u{4ff}')
        .map(|c| {
            let mut folded = String::new();
            push_folded_char_uncached(c, &mut folded);
            folded.into_boxed_str()
        })
        .collect()
});

/// The fold of one character that is not ASCII (see [`push_folded_char`]).
fn push_folded_char_uncached(c: char, out: &mut String) {
    // The turned comma (U+02BB, Uzbek `Oʻzbekiston`, `Xoʻjand`) is a letter
    // to the tokenizer, so the word stays whole, and nothing in the fold,
    // like the other apostrophes.
    if is_apostrophe(c) || is_combining_mark(c) || c == '\u{2BB}' {
        return;
    }
    // Azerbaijani `ə` has no decomposition, and deunicode drops it
    // (`Gəncə` would fold to `g nc`): English writes it `a` (Ganja, Shamkir,
    // Lankaran for Gəncə, Şəmkir, Lənkəran: CLDR's names of the Azerbaijani
    // subdivisions).
    if matches!(c, 'ə' | 'Ə' | 'ǝ' | 'Ǝ') {
        out.push('a');
        return;
    }
    // A Latin letter without a canonical decomposition (`ł`, `ø`, `ß`,
    // `ħ`, `ŋ`, `ı`, `ĳ`, `ɛ`...): deunicode's transliteration, which
    // replaced a hand table of such letters (measured on the gazetteer's
    // 320,000 Latin names: it agrees with the table where the table had
    // the letter, and spells the letters it lacked as English text does:
    // `Al Aħmadi` folds as `Al Ahmadi`).
    if is_latin(c) && !has_decomposition(c) {
        if let Some(t) = deunicode::deunicode_char(c)
            .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric()))
        {
            out.extend(t.chars().map(|l| l.to_ascii_lowercase()));
            return;
        }
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

/// Whether `c` has a canonical decomposition (`é` = `e` + acute).
fn has_decomposition(c: char) -> bool {
    let mut parts = 0;
    let mut first = c;
    decompose_canonical(c, |d| {
        if parts == 0 {
            first = d;
        }
        parts += 1;
    });
    parts > 1 || first != c
}

/// Whether `c` is a Latin letter outside ASCII: Latin-1 Supplement, the
/// Latin Extended blocks, IPA letters used in African and Azerbaijani
/// spellings (`ɛ`, `ɔ`, `ɣ`).
fn is_latin(c: char) -> bool {
    is_latin_letter(c)
        || ('\u{250}'..='\u{2AF}').contains(&c)
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        || ('\u{2C60}'..='\u{2C7F}').contains(&c)
        || ('\u{A720}'..='\u{A7FF}').contains(&c)
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
    if folded.len() <= STACK_KEY_LEN && folded.is_ascii() {
        let mut buffer = StackKey {
            bytes: [0; STACK_KEY_LEN],
            len: 0,
        };
        model::site::push_rule_key(folded, &mut buffer);
        out.push_str(
            std::str::from_utf8(&buffer.bytes[..buffer.len]).expect("ASCII rules give ASCII"),
        );
        return;
    }
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

/// The longest ASCII word keyed on the stack by [`push_key_word`].
const STACK_KEY_LEN: usize = 48;

/// A short ASCII word's key, on the stack.
struct StackKey {
    bytes: [u8; STACK_KEY_LEN],
    len: usize,
}

impl model::site::KeySink for StackKey {
    fn push_byte(&mut self, b: u8) {
        self.bytes[self.len] = b;
        self.len += 1;
    }
    fn push_other(&mut self, _: char) {
        unreachable!("only ASCII words are keyed on the stack")
    }
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
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_folded_char_is_the_fold_s_first() {
        // Every word of the fixtures' kinds of text: ASCII, accented Latin,
        // Cyrillic in capitals and in cases (stemmed), `ё` and `й`, Greek.
        let words = [
            "District",
            "raïon",
            "Районе",
            "района",
            "Ёлки",
            "Йошкар",
            "Éire",
            "Ölgii",
            "Ψ",
            "5th",
            "ŞIRVAN",
            "Æsir",
            "Ødegaard",
            "ǅemal",
            "Ирбит",
            "Ыгыатта",
        ];
        for word in words {
            assert_eq!(first_folded_char(word), fold(word).chars().next(), "{word}");
        }
        // A character that folds to nothing leaves it to the whole fold.
        assert_eq!(first_folded_char("'t"), None);
        assert_eq!(first_folded_char(""), None);
        // Every character the fold table holds, as a word's first letter.
        for c in ('\u{20}'..='\u{4ff}').filter(|c| c.is_alphanumeric()) {
            let word = format!("{c}ab");
            if let Some(first) = first_folded_char(&word) {
                assert_eq!(Some(first), fold(&word).chars().next(), "{c:?}");
            }
        }
    }

    #[test]
    fn a_cyrillic_name_of_several_words_meets_its_cases() {
        let mixes = mixed_cyrillic_folds_and_keys("Нагорный Карабах", 4);
        // `Карабах` stems to `караб` but `Карабахе` to `карабах`.
        assert!(mixes.iter().any(|(f, _)| *f == fold("Нагорном Карабахе")));
        assert!(mixes.iter().any(|(f, _)| *f == fold("Нагорного Карабаха")));
        // `Новый` stays whole (its stem `нов` is too short): its cases are
        // made for it (`в Новом Уренгое`, `Малой Вишеры`).
        let mixes = mixed_cyrillic_folds_and_keys("Новый Уренгой", 4);
        assert!(
            mixes.iter().any(|(f, _)| *f == fold("Новом Уренгое")),
            "{mixes:?}"
        );
        let mixes = mixed_cyrillic_folds_and_keys("Малая Вишера", 4);
        assert!(
            mixes.iter().any(|(f, _)| *f == fold("Малой Вишере")),
            "{mixes:?}"
        );
        assert!(mixed_cyrillic_folds_and_keys("Карабах", 4).is_empty());
        assert!(mixed_cyrillic_folds_and_keys("Nagorno Karabakh", 4).is_empty());
    }

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
    fn stack_and_string_keys_agree() {
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
            let (mut stack, mut string) = (String::new(), String::new());
            push_key_word(word, &mut stack);
            model::site::push_rule_key(word, &mut string);
            assert_eq!(stack, string, "{word}");
        }
        // Longer than the stack buffer: the same rules.
        let long = "khodzhent".repeat(8);
        let mut key = String::new();
        push_key_word(&long, &mut key);
        assert_eq!(key, "hojent".repeat(8));
        let mut folded = String::new();
        push_folded_word("Batken2", &mut folded);
        push_folded_word("Ab-c", &mut folded);
        assert_eq!(folded, "batken2abc");
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
    fn the_fast_lowercase_agrees_with_unicode() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let unicode: String = c.to_lowercase().collect();
            if let Some(lower) = lowercase_char(c) {
                assert_eq!(lower.to_string(), unicode, "{c:?}");
            }
            let text = format!("{c}Аб{c}");
            assert_eq!(to_lowercase(&text), text.to_lowercase(), "{c:?}");
        }
        assert!(('\u{400}'..='\u{4ff}').all(|c| lowercase_char(c).is_some()));
        for text in ["ΟΔΟΣ", "Σ", "МОСКВА Σ", "İstanbul", "Ёлки"] {
            assert_eq!(to_lowercase(text), text.to_lowercase(), "{text}");
        }
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
    fn the_table_of_folded_characters_folds_as_the_rules() {
        assert_eq!(FOLDED_CHARS.len(), 0x480);
        for c in ('\u{80}'..='\u{52f}').chain(['é', 'Ё', 'й', 'ə', 'ł', 'ß', '\u{2bb}', '’'])
        {
            let (mut table, mut rules) = (String::new(), String::new());
            push_folded_char(c, &mut table);
            push_folded_char_uncached(c, &mut rules);
            assert_eq!(table, rules, "{c:?}");
        }
        let mut folded = String::new();
        push_folded_char('É', &mut folded);
        assert_eq!(folded, "e");
    }

    #[test]
    fn the_fast_character_classes_agree_with_unicode() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
            let word_char = c.is_alphanumeric() || is_combining_mark(c);
            assert_eq!(is_word_char(c), word_char, "{c:?}");
        }
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
            // Letters without a decomposition, through deunicode.
            ("Al Aħmadi", "al ahmadi"),
            ("Boŋazköy", "bongazkoy"),
            // Azerbaijani schwa as English writes it; the Uzbek turned comma.
            ("Gəncə", "ganca"),
            ("Xoʻjand", "xojand"),
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
