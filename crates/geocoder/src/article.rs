//! Reading one article: bytes to text, header, language, sentences.
//!
//! An article is a text file. It may start with a header of `Key: value`
//! lines (keys `title`/`titre`, `date`, `url`, `lang`/`langue`, any case)
//! ended by a blank line, or with a bare metadata line such as
//! ` date 2022-01 https://...`. Header keys, metadata and every URL or
//! e-mail address are *masked*: never searched for places.

use std::io::Read;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::error::{Warning, WarningKind};

/// Articles larger than this are cut to this many bytes (with a warning).
pub const MAX_ARTICLE_BYTES: usize = 20 * 1024 * 1024;

/// One article, decoded and with its metadata parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleText {
    /// File name without `.txt`.
    pub id: String,
    /// The whole text (offsets into it are the mentions' offsets).
    pub text: String,
    /// The header's title, else the first non-empty line that is not metadata.
    pub title: String,
    /// Date as written in the header.
    pub date: Option<String>,
    /// Source URL (http or https only).
    pub url: Option<String>,
    /// Declared language, else the detected one (`fr` or `en`).
    pub lang: Option<String>,
    /// Byte ranges never searched: header keys, metadata, URLs, e-mails.
    pub masked: Vec<Range<usize>>,
}

/// Reads an article file; `None` when it must be skipped. Every problem is
/// a warning naming the file; this never panics on bad bytes.
pub fn read_article(path: &Path, max_bytes: usize) -> (Option<ArticleText>, Vec<Warning>) {
    match read_bytes(path, max_bytes) {
        Ok((bytes, truncated)) => decode_article(path, bytes, truncated, max_bytes),
        Err(warning) => (None, vec![warning]),
    }
}

/// The first `max_bytes` bytes of a file, and whether it had more.
///
/// # Errors
/// A [`WarningKind::Unreadable`] warning naming the file.
pub(crate) fn read_bytes(path: &Path, max_bytes: usize) -> Result<(Vec<u8>, bool), Warning> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| {
            // Sized from the file's length (`take` hides it from
            // `read_to_end`, which then read a 5 KB article in nine calls).
            let len = file.metadata().map_or(0, |m| m.len());
            bytes.reserve(len.min(max_bytes as u64) as usize + 1);
            // Read one byte past the limit to know whether there was more.
            file.take(max_bytes as u64 + 1).read_to_end(&mut bytes)
        })
        .map_err(|e| Warning {
            path: path.to_path_buf(),
            kind: WarningKind::Unreadable(e.to_string()),
        })?;
    let truncated = bytes.len() > max_bytes;
    bytes.truncate(max_bytes);
    Ok((bytes, truncated))
}

/// Decodes the bytes [`read_bytes`] read from `path` into an article;
/// `None` when it must be skipped.
pub(crate) fn decode_article(
    path: &Path,
    bytes: Vec<u8>,
    truncated: bool,
    max_bytes: usize,
) -> (Option<ArticleText>, Vec<Warning>) {
    let warn = |kind| Warning {
        path: path.to_path_buf(),
        kind,
    };
    let mut warnings = Vec::new();
    if truncated {
        warnings.push(warn(WarningKind::Truncated { kept: max_bytes }));
    }
    if memchr::memchr(0, &bytes).is_some() {
        return (None, vec![warn(WarningKind::Binary)]);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        // Cut in the middle of a character by the size limit.
        Err(e) if e.utf8_error().error_len().is_none() && truncated => {
            let valid = e.utf8_error().valid_up_to();
            let mut bytes = e.into_bytes();
            bytes.truncate(valid);
            String::from_utf8(bytes).expect("valid up to here")
        }
        Err(e) => {
            warnings.push(warn(WarningKind::NotUtf8));
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(e.as_bytes());
            text.into_owned()
        }
    };
    if text.trim_matches(is_blank).is_empty() {
        return (None, vec![warn(WarningKind::Empty)]);
    }
    let id = article_id(path);
    (Some(parse_article(&id, text)), warnings)
}

/// The article id of a file: its name without `.txt`.
pub fn article_id(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.strip_suffix(".txt").map(str::to_owned).unwrap_or(name)
}

/// Parses the header and metadata of an article's text.
///
/// ```
/// let a = geocoder::article::parse_article("x", "Title: Batken\nDate: 2022-09\n\nTirs sur Batken.".into());
/// assert_eq!(a.title, "Batken");
/// assert_eq!(a.date.as_deref(), Some("2022-09"));
/// assert_eq!(a.lang.as_deref(), None); // too short to tell
/// ```
pub fn parse_article(id: &str, text: String) -> ArticleText {
    let mut article = ArticleText {
        id: id.to_owned(),
        title: String::new(),
        date: None,
        url: None,
        lang: None,
        masked: Vec::new(),
        text: String::new(),
    };
    let mut title = None;
    let mut offset = 0;
    let mut in_header = true;
    let mut first_line = true;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start_matches(is_blank);
        if in_header {
            if let Some((key, value_start)) = header_field(trimmed) {
                let value = trimmed[value_start..].trim_matches(is_blank);
                let value_offset = start + (content.len() - trimmed.len()) + value_start;
                // `Title:` with nothing after it is no title (nor date, ...).
                let given = Some(value).filter(|v| !v.is_empty());
                match key {
                    HeaderKey::Title => {
                        article.masked.push(start..value_offset);
                        title = given.map(str::to_owned).or(title);
                    }
                    HeaderKey::Date => article.date = given.map(str::to_owned),
                    HeaderKey::Url => {
                        article.url = given.filter(|u| model::is_web_url(u)).map(str::to_owned)
                    }
                    HeaderKey::Lang => article.lang = given.map(str::to_ascii_lowercase),
                }
                if key != HeaderKey::Title {
                    article.masked.push(start..start + content.len());
                }
                first_line = false;
                continue;
            }
            if first_line && !trimmed.is_empty() && parse_metadata_line(trimmed, &mut article) {
                article.masked.push(start..start + content.len());
                first_line = false;
                in_header = false;
                continue;
            }
            if !trimmed.is_empty() || !first_line {
                in_header = false;
            }
        }
        if title.is_none() && !trimmed.is_empty() {
            title = Some(trimmed.trim_end_matches(is_blank).to_owned());
        }
    }
    article.title = title.unwrap_or_else(|| id.to_owned());
    mask_links(&text, &mut article.masked);
    article.masked.sort_by_key(|r| (r.start, r.end));
    if article.lang.is_none() {
        article.lang = detect_language(&text).map(str::to_owned);
    }
    article.text = text;
    article
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeaderKey {
    Title,
    Date,
    Url,
    Lang,
}

/// `Key: value` with a known key: the key and the value's byte offset.
fn header_field(line: &str) -> Option<(HeaderKey, usize)> {
    let colon = line.find(':')?;
    let key = match line[..colon].trim().to_ascii_lowercase().as_str() {
        "title" | "titre" => HeaderKey::Title,
        "date" => HeaderKey::Date,
        "url" | "source" => HeaderKey::Url,
        "lang" | "langue" | "language" => HeaderKey::Lang,
        _ => return None,
    };
    Some((key, colon + 1))
}

/// A bare metadata line like ` date 2022-01 https://...`: only the word
/// `date`, dates and URLs. Fills in what it finds.
fn parse_metadata_line(line: &str, article: &mut ArticleText) -> bool {
    let (mut date, mut url) = (None, None);
    for word in line.split_whitespace() {
        if model::is_web_url(word) {
            url = Some(word);
        } else if is_date(word) {
            date = Some(word);
        } else if !word.eq_ignore_ascii_case("date") && !word.eq_ignore_ascii_case("url") {
            return false;
        }
    }
    if date.is_none() && url.is_none() {
        return false;
    }
    article.date = date.map(str::to_owned).or(article.date.take());
    article.url = url.map(str::to_owned).or(article.url.take());
    true
}

fn is_date(word: &str) -> bool {
    word.len() >= 4
        && word
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'/' | b'.'))
        && word.bytes().filter(u8::is_ascii_digit).count() >= 4
}

/// Top-level domains that mark a word as a web address (`CNSNews.com`).
const DOMAINS: &[&str] = &[
    "com", "org", "net", "info", "int", "gov", "edu", "eu", "ru", "fr", "kz", "kg", "tj", "am",
    "by", "uz", "az", "ge", "ua", "uk", "de", "io", "tv", "news",
];

/// Masks URLs, e-mail addresses and bare domain names.
fn mask_links(text: &str, masked: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    // Every link has a `:` (of `://`), a `.` (of `www.` or a domain) or an
    // `@`: only the words holding one are looked at, found by `memchr`
    // rather than by testing every word of the text.
    let mut next_word = 0;
    for hit in memchr::memchr3_iter(b':', b'.', b'@', bytes) {
        if hit < next_word {
            // In the word just looked at.
            continue;
        }
        // The word around `hit`: the run of bytes that are not ASCII
        // whitespace (ASCII bytes, hence char boundaries, at both ends).
        let start = bytes[next_word..hit]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(next_word, |i| next_word + i + 1);
        let end = bytes[hit..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(bytes.len(), |i| hit + i);
        if is_link(&text[start..end]) {
            masked.push(start..end);
        }
        next_word = end;
    }
}

/// Whether a word (no ASCII whitespace) is a URL, an e-mail address or a
/// domain name.
fn is_link(word: &str) -> bool {
    word.contains("://") || word.starts_with("www.") || word.contains('@') || has_domain(word)
}

fn has_domain(word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| !c.is_ascii_alphanumeric() && c != '/');
    word.split(['/', '?', '#']).next().is_some_and(|host| {
        host.rsplit_once('.').is_some_and(|(name, tld)| {
            DOMAINS.contains(&tld)
                && name
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
        })
    })
}

/// Detects Russian by its script, French or English by counting frequent
/// short words; `None` when the text is too short or neither.
pub fn detect_language(text: &str) -> Option<&'static str> {
    let sample = &text[..floor_char_boundary(text, 64 * 1024)];
    // One pass over the sample (it was a fifth of an article's geocoding
    // with a pass per count and a `String` per short word): letters are
    // counted for the script, and each word (a run of letters) of at most
    // four bytes is looked up among the frequent words.
    let (mut cyrillic, mut letters) = (0usize, 0usize);
    let (mut french, mut english) = (0usize, 0usize);
    let mut word_start = None;
    let mut tally = |word: &str| {
        let (fr, en) = marker_of(word);
        french += usize::from(fr);
        english += usize::from(en);
    };
    // By bytes, an ASCII byte tested as a byte; only the other characters
    // are decoded (decoding every one was half of the detection).
    let bytes = sample.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (letter, in_cyrillic, width) = match bytes[i] {
            b if b.is_ascii() => (b.is_ascii_alphabetic(), false, 1),
            _ => {
                let c = sample[i..].chars().next().expect("a char boundary");
                let letter = crate::normalize::is_letter(c);
                (letter, crate::normalize::is_cyrillic(c), c.len_utf8())
            }
        };
        if letter {
            letters += 1;
            cyrillic += usize::from(in_cyrillic);
            word_start.get_or_insert(i);
        } else if let Some(start) = word_start.take() {
            tally(&sample[start..i]);
        }
        i += width;
    }
    if let Some(start) = word_start {
        tally(&sample[start..]);
    }
    // Russian is told by its script: most letters Cyrillic (a few Latin
    // names, URLs and header keys aside).
    if letters >= 20 && cyrillic * 2 > letters {
        return Some("ru");
    }
    match (french, english) {
        (f, e) if f >= 5 && f > 2 * e => Some("fr"),
        (f, e) if e >= 5 && e > 2 * f => Some("en"),
        _ => None,
    }
}

/// Frequent short words of each language (`data/text-words.tsv`).
static FRENCH: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| crate::text_words::language_markers("fr"));
static ENGLISH: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| crate::text_words::language_markers("en"));

/// Whether a word (a run of letters) is a frequent short word of French,
/// of English (`data/text-words.tsv`), compared in lowercase: only words
/// of at most four bytes are.
fn marker_of(word: &str) -> (bool, bool) {
    let is_marker = |lower: &str| (FRENCH.contains(lower), ENGLISH.contains(lower));
    if word.is_empty() || word.len() > 4 {
        return (false, false);
    }
    if word.is_ascii() {
        // Most words: their lowercase packed in a number, looked up among
        // the markers packed alike (a hash of a string per word was a
        // third of the detection).
        ascii_marker(pack_ascii(word.bytes().map(|b| b.to_ascii_lowercase())))
    } else if !*ASCII_MARKERS_ONLY {
        is_marker(&word.to_lowercase())
    } else {
        // Every marker is ASCII: a word whose lowercase is not (`à`, `на`,
        // most non-ASCII words, and they are many in Russian) is none, and
        // costs no `String`. A few letters lowercase to ASCII (the Kelvin
        // sign): those words are looked up as ASCII ones.
        let mut lower = word.chars().flat_map(char::to_lowercase);
        if lower.clone().all(|c| c.is_ascii()) && lower.clone().count() <= 4 {
            ascii_marker(pack_ascii(lower.map(|c| c as u8)))
        } else if lower.all(|c| c.is_ascii()) {
            is_marker(&word.to_lowercase())
        } else {
            (false, false)
        }
    }
}

/// Whether every marker is ASCII.
static ASCII_MARKERS_ONLY: LazyLock<bool> =
    LazyLock::new(|| FRENCH.iter().chain(ENGLISH.iter()).all(|m| m.is_ascii()));

/// Whether the ASCII word packed by [`pack_ascii`] is a French, an
/// English marker.
fn ascii_marker(packed: u32) -> (bool, bool) {
    ASCII_MARKERS
        .binary_search_by_key(&packed, |&(key, _)| key)
        .map_or((false, false), |found| ASCII_MARKERS[found].1)
}

/// The markers that an ASCII word of at most four bytes can equal (ASCII
/// themselves, as long), packed by [`pack_ascii`], sorted, with whether
/// each is French, English.
static ASCII_MARKERS: LazyLock<Vec<(u32, (bool, bool))>> = LazyLock::new(|| {
    let mut packed: Vec<(u32, (bool, bool))> = FRENCH
        .iter()
        .chain(ENGLISH.iter())
        .filter(|m| m.is_ascii() && (1..=4).contains(&m.len()))
        .map(|m| {
            let key = pack_ascii(m.bytes());
            (key, (FRENCH.contains(m), ENGLISH.contains(m)))
        })
        .collect();
    packed.sort_unstable();
    packed.dedup();
    packed
});

/// At most four ASCII bytes, none zero (letters), as one number: two
/// such words are equal when their numbers are.
fn pack_ascii(bytes: impl Iterator<Item = u8>) -> u32 {
    bytes.fold(0, |packed, b| packed << 8 | u32::from(b))
}

/// The largest char boundary at or before `index` (the text's length past
/// its end).
fn floor_char_boundary(text: &str, index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    // A UTF-8 character is at most 4 bytes: a boundary is at most 3 back.
    (index.saturating_sub(3)..=index)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// The smallest char boundary at or after `index` (the text's length past
/// its end).
fn ceil_char_boundary(text: &str, index: usize) -> usize {
    (index..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

/// Whether `c` is blank at the edge of an excerpt or an article: Unicode
/// whitespace (no-break spaces included) and the invisible characters that
/// typeset text carries between words (zero-width space, word joiner, byte
/// order mark), which `char::is_whitespace` does not count.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// Whether `c` breaks a line for excerpts: a line feed, or Unicode's line
/// and paragraph separators.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\u{2028}' | '\u{2029}')
}

/// The sentence around `range`: from just after the previous sentence end
/// (`.`, `!`, `?`, `…` before a space, a capital or a closing quote, or a
/// line break) to the next, trimmed. Over-long sentences are clipped
/// around the range at word boundaries, at most about 300 bytes each side.
///
/// Any range is accepted: it is first clamped to the text and widened to
/// char boundaries. The result lies on char boundaries and contains that
/// range.
///
/// ```
/// use geocoder::article::sentence_around;
/// let text = "Il pleut. Tirs\u{a0}à Batken, près de Voroukh\u{202f}! Fin.";
/// let start = text.find("Batken").unwrap();
/// let sentence = sentence_around(text, start..start + "Batken".len());
/// assert_eq!(&text[sentence], "Tirs\u{a0}à Batken, près de Voroukh\u{202f}!");
/// ```
pub fn sentence_around(text: &str, range: Range<usize>) -> Range<usize> {
    Sentences::new(text).around(range)
}

/// How far an excerpt reaches on each side of its mention, in bytes.
const MAX_HALF: usize = 300;
/// How far the sentence's ends are looked for.
const SCAN: usize = 4 * MAX_HALF;

/// [`sentence_around`] for the mentions of one text in text order, each
/// sentence's ends found once: an article names a dozen places in some
/// sentences, and each mention scanned its sentence again (a twentieth of
/// a run).
///
/// Why it gives [`sentence_around`]'s answer: whether a byte ends a
/// sentence (or starts the next) depends on the text only, not on the
/// mention. So the last sentence end before a later mention is the last
/// one between the previous mention and it, else the one found for the
/// previous mention if still within reach; and the first end after the
/// previous mention is the first after a later one that it does not pass.
/// A mention before the previous one is scanned afresh.
#[derive(Debug)]
pub(crate) struct Sentences<'t> {
    text: &'t str,
    /// The previous start scan: where it started (`at`), and the offset
    /// of the character ending the previous sentence with the sentence's
    /// start, if one was found within reach.
    start: Option<(usize, Option<Boundary>)>,
    /// The previous end scan: where it started (`at`), how far it looked
    /// (its window), and the offset of the character ending the sentence
    /// with the sentence's end, if one was found.
    end: Option<(usize, usize, Option<Boundary>)>,
}

/// A sentence's end found in a text: the offset of the character that
/// ends it, and where the sentence ends or the next one starts.
type Boundary = (usize, usize);

impl<'t> Sentences<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Sentences {
            text,
            start: None,
            end: None,
        }
    }

    /// [`sentence_around`]`(text, range)`.
    pub(crate) fn around(&mut self, range: Range<usize>) -> Range<usize> {
        let text = self.text;
        let range = char_range(text, range);
        let mut start = self.sentence_start(range.start);
        let mut end = self.sentence_end(range.end);
        if range.start - start > MAX_HALF {
            start = word_start_after(text, range.start - MAX_HALF, range.start);
        }
        if end - range.end > MAX_HALF {
            end = word_end_before(text, range.end + MAX_HALF, range.end);
        }
        let slice = &text[start..end];
        let leading = slice.len() - slice.trim_start_matches(is_blank).len();
        let trailing = slice.len() - slice.trim_end_matches(is_blank).len();
        (start + leading).min(range.start)..(end - trailing).max(range.end)
    }

    /// Where the sentence holding the char boundary `at` starts, looking
    /// back no further than [`SCAN`] bytes.
    fn sentence_start(&mut self, at: usize) -> usize {
        let text = self.text;
        let window = floor_char_boundary(text, at.saturating_sub(SCAN));
        let (from, known) = match self.start {
            Some((previous, known)) if previous <= at => (previous.max(window), known),
            _ => (window, None),
        };
        let found = last_sentence_end(text, from, at).or(known.filter(|&(i, _)| i >= window));
        self.start = Some((at, found));
        found.map_or(window, |(_, start)| start)
    }

    /// Where the sentence holding the char boundary `at` ends (past its
    /// final punctuation and a closing quote or bracket), looking no
    /// further than [`SCAN`] bytes.
    fn sentence_end(&mut self, at: usize) -> usize {
        let text = self.text;
        let window = floor_char_boundary(text, at.saturating_add(SCAN));
        let found = match self.end {
            Some((previous, _, Some((here, end)))) if previous <= at && here >= at => {
                Some((here, end))
            }
            // Nothing ended the sentence before the previous window.
            Some((previous, previous_window, None)) if previous <= at => {
                first_sentence_end(text, at.max(previous_window), window)
            }
            _ => first_sentence_end(text, at, window),
        };
        self.end = Some((at, window, found));
        found.map_or(window, |(_, end)| end)
    }
}

/// `range` clamped to `text` and widened to char boundaries.
fn char_range(text: &str, range: Range<usize>) -> Range<usize> {
    let end = ceil_char_boundary(text, range.end.min(text.len()));
    let start = floor_char_boundary(text, range.start.min(end));
    start..end
}

/// The last character of `text[from..at]` that ends a sentence or a line:
/// its offset and where the next sentence starts.
fn last_sentence_end(text: &str, from: usize, at: usize) -> Option<Boundary> {
    let bytes = text.as_bytes();
    (from..at)
        .rev()
        .filter(|&i| may_end_sentence(bytes[i]))
        .find_map(|i| {
            let c = char_at(text, i);
            let after = i + c.len_utf8();
            (is_line_break(c) || ends_sentence(c, &text[after..])).then_some((i, after))
        })
}

/// The first character of `text[at..window]` that ends a sentence or a
/// line: its offset and where the sentence ends (past a closing quote or
/// bracket; before a line break).
fn first_sentence_end(text: &str, at: usize, window: usize) -> Option<Boundary> {
    let bytes = text.as_bytes();
    (at..window)
        .filter(|&i| may_end_sentence(bytes[i]))
        .find_map(|here| {
            let c = char_at(text, here);
            if is_line_break(c) {
                return Some((here, here));
            }
            let after = here + c.len_utf8();
            ends_sentence(c, &text[after..]).then(|| {
                // Keep a closing quote or bracket with its sentence.
                let rest = &text[after..];
                (
                    here,
                    after + (rest.len() - rest.trim_start_matches(['"', ')']).len()),
                )
            })
        })
}

/// Whether byte `b` of a text may start a character that ends a line or
/// a sentence (`\n`, `.`, `!`, `?`, or 0xE2, the first byte of `…` and of
/// U+2028 and U+2029): the sentence's ends are looked for byte by byte,
/// and only these bytes are decoded (each mention's excerpt scans up to
/// 2.4 KB, and decoding every character of it was a tenth of the run).
fn may_end_sentence(b: u8) -> bool {
    matches!(b, b'\n' | b'.' | b'!' | b'?' | 0xe2)
}

/// The character at byte `i` of `text`, where `i` is the offset of one of
/// the bytes [`may_end_sentence`] accepts: ASCII, or a first byte
/// (continuation bytes are 0x80–0xBF), so a char boundary.
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().expect("a character starts here")
}

/// Whether `c`, followed by `rest`, ends a sentence: `.`, `!`, `?` or `…`
/// followed by whitespace, a capital, a closing quote, or the end.
fn ends_sentence(c: char, rest: &str) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
        && rest.chars().next().is_none_or(|next| {
            next.is_whitespace() || next.is_uppercase() || matches!(next, '»' | '"' | '”')
        })
}

/// The start of the first word that begins at or after `index`, but no
/// later than `limit` (a char boundary): only `index..limit` is searched,
/// so a huge text without spaces costs no more than a short one.
fn word_start_after(text: &str, index: usize, limit: usize) -> usize {
    let index = floor_char_boundary(text, index).min(limit);
    text[index..limit]
        .char_indices()
        .find(|&(_, c)| is_blank(c))
        .map_or(index, |(i, c)| index + i + c.len_utf8())
}

/// The end of the last word that ends at or before `index`, but no
/// earlier than `limit` (a char boundary): only `limit..index` is searched.
fn word_end_before(text: &str, index: usize, limit: usize) -> usize {
    let index = floor_char_boundary(text, index).max(limit);
    text[limit..index]
        .rfind(is_blank)
        .map_or(index, |i| limit + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_value_header_is_parsed_and_masked() {
        let text = "Titre: Combats à Batken\nDate: 2022-09-16\nURL: https://example.org/a\nLangue: FR\n\nTexte.";
        let a = parse_article("a", text.into());
        assert_eq!(a.title, "Combats à Batken");
        assert_eq!(a.date.as_deref(), Some("2022-09-16"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.lang.as_deref(), Some("fr"));
        // The title's value stays searchable, its key does not.
        assert_eq!(a.masked[0], 0..6);
        assert!(a
            .masked
            .iter()
            .all(|r| !r.contains(&text.find("Batken").unwrap())));
    }

    #[test]
    fn bare_metadata_line_is_recognised() {
        let text = " date 2022-01 https://fr.sputniknews.com/x.html\n\nSoulèvement au Kazakhstan\n\nTexte.";
        let a = parse_article("s", text.into());
        assert_eq!(a.date.as_deref(), Some("2022-01"));
        assert_eq!(a.url.as_deref(), Some("https://fr.sputniknews.com/x.html"));
        assert_eq!(a.title, "Soulèvement au Kazakhstan");
        assert_eq!(a.masked[0], 0..text.find('\n').unwrap());
    }

    #[test]
    fn no_header_title_is_first_line_and_only_http_urls_kept() {
        let a = parse_article(
            "n",
            "\n\nLa Russie et ses alliés\n\nTexte (CNSNews.com) et mail a@b.kz.".into(),
        );
        assert_eq!(a.title, "La Russie et ses alliés");
        assert_eq!(a.url, None);
        assert_eq!(a.masked.len(), 2, "{:?}", a.masked);
        let b = parse_article("n", "URL: ftp://x.org/a\n\nTexte".into());
        assert_eq!(b.url, None);
    }

    #[test]
    fn language_is_detected_from_frequent_words() {
        let fr = "Le conflit est dans la région et les villes sont sur la frontière avec des tirs pour la paix.";
        let en = "The conflict is in the region and the towns are on the border with shelling for the peace of the area.";
        assert_eq!(detect_language(fr), Some("fr"));
        assert_eq!(detect_language(en), Some("en"));
        assert_eq!(detect_language("Batken"), None);
        let ru = "Жители Жанаозена вышли на главную площадь города второй день подряд.";
        assert_eq!(detect_language(ru), Some("ru"));
    }

    /// The detection as it was first written (a pass for the script, a
    /// split and a lowercase `String` per short word): the one pass must
    /// decide alike.
    fn detect_language_reference(text: &str) -> Option<&'static str> {
        let sample = &text[..floor_char_boundary(text, 64 * 1024)];
        let (mut cyrillic, mut letters) = (0usize, 0usize);
        for c in sample.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            cyrillic += usize::from(crate::normalize::is_cyrillic(c));
        }
        if letters >= 20 && cyrillic * 2 > letters {
            return Some("ru");
        }
        let (mut french, mut english) = (0usize, 0usize);
        for word in sample
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.len() <= 4 && !w.is_empty())
        {
            let lower = word.to_lowercase();
            french += usize::from(FRENCH.contains(lower.as_str()));
            english += usize::from(ENGLISH.contains(lower.as_str()));
        }
        match (french, english) {
            (f, e) if f >= 5 && f > 2 * e => Some("fr"),
            (f, e) if e >= 5 && e > 2 * f => Some("en"),
            _ => None,
        }
    }

    /// The masking of links as it was first written: every word tested.
    fn mask_links_reference(text: &str) -> Vec<Range<usize>> {
        let (bytes, mut masked, mut i) = (text.as_bytes(), Vec::new(), 0);
        while i < bytes.len() {
            if bytes[i].is_ascii_whitespace() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if is_link(&text[start..i]) {
                masked.push(start..i);
            }
        }
        masked
    }

    /// The sentence's ends as first written: every character decoded.
    fn sentence_around_reference(text: &str, range: Range<usize>) -> Range<usize> {
        fn start(text: &str, at: usize, floor: usize) -> usize {
            let window = floor_char_boundary(text, floor);
            for (i, c) in text[window..at].char_indices().rev() {
                let after = window + i + c.len_utf8();
                if is_line_break(c) || ends_sentence(c, &text[after..]) {
                    return after;
                }
            }
            window
        }
        fn end(text: &str, at: usize, ceiling: usize) -> usize {
            let window = floor_char_boundary(text, ceiling);
            for (i, c) in text[at..window].char_indices() {
                let here = at + i;
                if is_line_break(c) {
                    return here;
                }
                let after = here + c.len_utf8();
                if ends_sentence(c, &text[after..]) {
                    let rest = &text[after..];
                    return after + (rest.len() - rest.trim_start_matches(['"', ')']).len());
                }
            }
            window
        }
        let range = char_range(text, range);
        let mut from = start(text, range.start, range.start.saturating_sub(1200));
        let mut to = end(text, range.end, range.end.saturating_add(1200));
        if range.start - from > 300 {
            from = word_start_after(text, range.start - 300, range.start);
        }
        if to - range.end > 300 {
            to = word_end_before(text, range.end + 300, range.end);
        }
        let slice = &text[from..to];
        let leading = slice.len() - slice.trim_start_matches(is_blank).len();
        let trailing = slice.len() - slice.trim_end_matches(is_blank).len();
        (from + leading).min(range.start)..(to - trailing).max(range.end)
    }

    #[test]
    fn the_fast_scans_decide_as_the_references() {
        let mut texts = vec![
            // Letters that lowercase to other lengths or to ASCII (the
            // Kelvin sign), Cyrillic signs that are no letters, a word cut
            // by the end of the sample.
            "THE AND OF TO IS \u{212a}IN \u{130}S \u{1e9e}ER Ǆ".repeat(3),
            "\u{482}\u{483}жители \u{488}города le la les des est".repeat(4),
            format!("{}the and of to is", "x".repeat(64 * 1024 - 3)),
            "le\u{2019}la\u{a0}les«des»est—et…une".repeat(2),
            // Sentence ends of every kind, `…` and the separators among
            // other characters starting with the byte 0xE2.
            "Un… Deux\u{2028}trois\u{2029}Quatre — « cinq ». Six!\"Sept? (huit.) Neuf.»\n€ dix…"
                .repeat(3),
            String::new(),
            // Links at the edges, glued to punctuation, after Unicode spaces.
            "www.a.kz x@y.ru\u{a0}https://b.org/c. (CNSNews.com) fin. a@b..c: http://".to_owned(),
            " . @ :".to_owned(),
        ];
        texts.extend(crate::repository_texts());
        assert!(texts.len() > 20, "the articles are found: {}", texts.len());
        let mut detected = std::collections::BTreeMap::new();
        for text in &texts {
            let language = detect_language(text);
            assert_eq!(
                language,
                detect_language_reference(text),
                "in {:?}",
                &text[..floor_char_boundary(text, 80)]
            );
            *detected.entry(language).or_insert(0) += 1;
            let mut masked = Vec::new();
            mask_links(text, &mut masked);
            assert_eq!(masked, mask_links_reference(text));
            // The sentence of every few words (and of ranges that end
            // inside a character).
            let tokens = crate::tokenize::tokenize(text);
            for token in tokens.iter().step_by(5) {
                for range in [token.start..token.end, token.start + 1..token.end] {
                    assert_eq!(
                        sentence_around(text, range.clone()),
                        sentence_around_reference(text, range)
                    );
                }
            }
            // Every word through one cursor, in text order as a run asks,
            // with a step back now and then and pairs of words.
            let mut sentences = Sentences::new(text);
            for (n, token) in tokens.iter().enumerate() {
                let range = match n % 7 {
                    6 => tokens[n / 2].start..tokens[n / 2].end,
                    3 => token.start..tokens.get(n + 1).map_or(token.end, |t| t.end),
                    _ => token.start..token.end,
                };
                assert_eq!(
                    sentences.around(range.clone()),
                    sentence_around(text, range)
                );
            }
        }
        // The texts hold every answer, so each was compared.
        for language in [Some("fr"), Some("en"), Some("ru"), None] {
            assert!(detected.contains_key(&language), "{detected:?}");
        }
    }

    #[test]
    fn sentences_end_at_stops_before_capitals_and_line_breaks() {
        let text = "Titre\nIl pleut. Tirs à Batken, près de Voroukh. Fin.Le reste 06.01.2022 ici.";
        let at = |word: &str| {
            let start = text.find(word).unwrap();
            let range = sentence_around(text, start..start + word.len());
            &text[range]
        };
        assert_eq!(at("Batken"), "Tirs à Batken, près de Voroukh.");
        assert_eq!(at("Titre"), "Titre");
        assert_eq!(at("reste"), "Le reste 06.01.2022 ici.");
    }

    #[test]
    fn long_sentences_are_clipped_around_the_mention() {
        let text = format!("{} Batken {}", "mot ".repeat(400), "mot ".repeat(400));
        let start = text.find("Batken").unwrap();
        let range = sentence_around(&text, start..start + 6);
        assert!(range.len() < 700 && range.contains(&start));
    }

    #[test]
    fn empty_header_values_are_no_values() {
        // Found by the fuzzer: `Title: ` gave an empty title.
        let a = parse_article(
            "id",
            "Title: \u{200b}\nLang:\nDate:\n\nTirs à Batken.".into(),
        );
        assert_eq!(a.title, "Tirs à Batken.");
        assert_eq!((a.lang, a.date), (None, None));
        assert_eq!(parse_article("id", "Title:".into()).title, "id");
    }

    #[test]
    fn any_range_is_accepted_and_widened_to_char_boundaries() {
        let text = "Tirs à Batken. Fin.";
        let a = text.find('à').unwrap();
        // Inside `à`, reversed, past the end: never a panic.
        assert_eq!(&text[sentence_around(text, a + 1..a + 1)], "Tirs à Batken.");
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 9..3;
        assert_eq!(&text[sentence_around(text, reversed)], "Tirs à Batken.");
        assert_eq!(&text[sentence_around(text, 100..200)], "");
        assert_eq!(sentence_around("", 0..5), 0..0);
    }

    #[test]
    fn sentences_end_at_unicode_punctuation_and_separators() {
        let text = "Il pleut…\u{a0}Tirs à Batken\u{202f}!\u{2029}Fin";
        let at = text.find("Batken").unwrap();
        assert_eq!(
            &text[sentence_around(text, at..at + 6)],
            "Tirs à Batken\u{202f}!"
        );
        let text = "Tirs\u{2028}à Batken";
        let at = text.find("Batken").unwrap();
        assert_eq!(&text[sentence_around(text, at..at + 6)], "à Batken");
    }

    #[test]
    fn blank_only_articles_are_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("blank.txt");
        std::fs::write(&path, "\u{feff}\u{a0}\u{202f}\u{200b}\r\n\u{3000}").unwrap();
        let (article, warnings) = read_article(&path, MAX_ARTICLE_BYTES);
        assert!(article.is_none());
        assert_eq!(warnings[0].kind, WarningKind::Empty);
    }
}
