//! Dating an article: its header's date, normalised, or else a date
//! inferred from the explicit dates its text writes.
//!
//! The forms read, in French, English and Russian (month names from CLDR,
//! `data/month-names.tsv`, wide and abbreviated):
//!
//! | form | example |
//! | --- | --- |
//! | ISO | `2022-01`, `2022-01-06` |
//! | day first, numeric | `06.01.2022`, `06/01/2022` (slashes in English only when unambiguous) |
//! | day month [year] | `le 17 juin 2021`, `1er mai`, `13 сентября 2022 года`, `13 September 2022` |
//! | month day[,] [year] | `September 13, 2022`, `on June 17` |
//! | month year | `juin 2021`, `September 2022` |
//!
//! A day and month without a year count only when a year (1900–2099) is
//! named in the same sentence ("Le 10 octobre, l'exercice « … 2022 »"); a
//! bare year is never a date, so an article that names only years (or days
//! without a year nearby) stays undated: nothing is guessed from nothing.
//! The inferred date is the latest one the text writes: a news report's
//! own date is usually the most recent event it tells, earlier dates being
//! background.
//!
//! ```
//! use geocoder::dates::{infer_date, read_date};
//! let text = "Des soldats se sont rendus le 17 juin 2021. Puis le 14 juillet, rien.";
//! assert_eq!(infer_date(text, &[]).map(|d| d.iso()), Some("2021-06-17".into()));
//! assert_eq!(read_date("2022-01").map(|d| d.iso()), Some("2022-01".into()));
//! ```

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use model::YearMonth;
use regex::Regex;

use crate::article::sentence_around;

/// `data/month-names.tsv`, generated from CLDR by `scripts/month_names.py`.
const MONTH_NAMES_TSV: &str = include_str!("../../../data/month-names.tsv");

/// The years a date may have: what news of the CSTO era can be about. A
/// four-digit number outside is a quantity, not a year.
const YEARS: Range<u16> = 1900..2100;

/// A date as precise as the text gives it: a month, and the day when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleDate {
    /// The month.
    pub month: YearMonth,
    /// The day of the month, when the text gives it.
    pub day: Option<u8>,
}

impl ArticleDate {
    /// ISO 8601: `2021-06-17`, or `2021-06` without a day.
    pub fn iso(&self) -> String {
        match self.day {
            Some(day) => format!("{}-{day:02}", self.month),
            None => self.month.to_string(),
        }
    }

    fn new(year: u16, month: u8, day: Option<u8>) -> Option<ArticleDate> {
        if !YEARS.contains(&year) {
            return None;
        }
        let month = YearMonth::new(year, month)?;
        if let Some(day) = day {
            if day == 0 || day > days_in(month) {
                return None;
            }
        }
        Some(ArticleDate { month, day })
    }
}

/// How many days `month` has.
fn days_in(month: YearMonth) -> u8 {
    match month.month {
        4 | 6 | 9 | 11 => 30,
        2 if month.year % 4 == 0 && (month.year % 100 != 0 || month.year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// A date the text writes, where it writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// The date.
    pub date: ArticleDate,
    /// Its byte range in the text.
    pub range: Range<usize>,
    /// Whether its year was not written with it but taken from the sentence.
    pub year_from_sentence: bool,
}

/// Whether a folded word is the full name of a month in English (`august`,
/// `may`, `march`): English capitalises months, so their capital says
/// nothing of a place's name (`August`, a town in California). The full
/// name is a month's longest English name; the others abbreviate it.
pub fn is_english_month(fold: &str) -> bool {
    static FULL: OnceLock<Vec<String>> = OnceLock::new();
    FULL.get_or_init(|| {
        let mut longest: Vec<String> = vec![String::new(); 12];
        for line in MONTH_NAMES_TSV.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t');
            if let (Some("en"), Some(month), Some(name)) =
                (fields.next(), fields.next(), fields.next())
            {
                if let Some(slot) = month
                    .parse::<usize>()
                    .ok()
                    .and_then(|m| longest.get_mut(m.wrapping_sub(1)))
                {
                    if name.len() > slot.len() {
                        *slot = name.to_lowercase();
                    }
                }
            }
        }
        longest
    })
    .iter()
    .any(|month| month == fold)
}

/// The month names, folded (lowercase), to their month number.
fn month_names() -> &'static HashMap<String, u8> {
    static NAMES: OnceLock<HashMap<String, u8>> = OnceLock::new();
    NAMES.get_or_init(|| {
        MONTH_NAMES_TSV
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| {
                let mut fields = line.split('\t');
                let (_lang, month, name) = (fields.next()?, fields.next()?, fields.next()?);
                Some((name.to_lowercase(), month.parse().ok()?))
            })
            .collect()
    })
}

/// The one regex of every date form, its month alternatives built from
/// [`month_names`] (longest first, so `septembre` wins over `sept`).
fn date_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        let mut names: Vec<&String> = month_names().keys().collect();
        names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        let months = names
            .iter()
            .map(|n| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|");
        // A whole word ("janvier", not the start of "январе"); an
        // abbreviation may end with its dot ("janv.", "Sep.").
        let month = |group: &str| format!(r"(?P<{group}>{months})\b\.?");
        let year = |group: &str| format!(r"(?P<{group}>\d{{4}})");
        let pattern = [
            // 2022-01-06, 2022-01
            format!(
                r"\b{}-(?P<iso_m>\d{{2}})(?:-(?P<iso_d>\d{{2}}))?\b",
                year("iso_y")
            ),
            // 06.01.2022, 06/01/2022
            format!(
                r"\b(?P<num_a>\d{{1,2}})(?P<sep>[./])(?P<num_b>\d{{1,2}})[./]{}\b",
                year("num_y")
            ),
            // 17 juin 2021, 1er mai, 13 сентября 2022 года
            format!(
                r"\b(?P<dm_d>\d{{1,2}})(?:er|st|nd|rd|th)?\s+{}(?:,?\s+{}\b)?",
                month("dm_m"),
                year("dm_y")
            ),
            // juin 2021, September 2022 (before "month day": "mai 2021" is no 20 May)
            format!(r"\b{}\s+{}\b", month("my_m"), year("my_y")),
            // September 13, 2022; June 17
            format!(
                r"\b{}\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+{}\b)?",
                month("md_m"),
                year("md_y")
            ),
        ]
        .join("|");
        Regex::new(&format!("(?iu){pattern}")).expect("the date pattern is valid")
    })
}

/// What every match of [`date_pattern`] holds: a digit, maybe an ordinal
/// suffix, spaces and a month name; a month name, maybe its dot, spaces
/// and a digit; or a digit, a `-`, `.` or `/` and a digit (the ISO and
/// numeric forms). Without captures or `\b`, the regex's DFA runs it on
/// any text, where the whole pattern (Unicode `\b`) falls back to a
/// backtracking engine; and a month name must touch a number, so the
/// windows where `mai` only starts `maintenant`, or `mar` `marché`, are
/// not handed to the pattern.
fn date_hint() -> &'static Regex {
    static HINT: OnceLock<Regex> = OnceLock::new();
    HINT.get_or_init(|| {
        let months = month_names()
            .keys()
            .map(|n| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|");
        Regex::new(&format!(
            r"(?iu)\d(?:er|st|nd|rd|th)?\s+(?:{months})|(?:{months})\.?\s+\d|\d[-./]\d"
        ))
        .expect("the date hint is valid")
    })
}

/// Every date `text` writes, in text order, outside the `masked` byte
/// ranges (header, metadata, URLs: a URL's `/20220106/` is no date of the
/// text). `english` says whether slashes may be month first (`6/17/2021`).
pub fn dates_in(text: &str, masked: &[Range<usize>], english: bool) -> Vec<FoundDate> {
    // Most windows (quantities, years alone) hold no date: the cheap
    // necessary condition spares them the pattern's captures.
    let windows = date_windows(text)
        .into_iter()
        .filter(|window| date_hint().is_match(&text[window.clone()]));
    dates_in_windows(text, windows, masked, english)
}

/// The dates the pattern finds in the `windows` of `text`.
fn dates_in_windows(
    text: &str,
    windows: impl IntoIterator<Item = Range<usize>>,
    masked: &[Range<usize>],
    english: bool,
) -> Vec<FoundDate> {
    let names = month_names();
    let number = |m: &regex::Captures<'_>, group: &str| -> Option<u16> {
        m.name(group).and_then(|g| g.as_str().parse().ok())
    };
    let small =
        |m: &regex::Captures<'_>, group: &str| number(m, group).and_then(|n| u8::try_from(n).ok());
    let month_of = |m: &regex::Captures<'_>, group: &str| {
        m.name(group)
            .and_then(|g| names.get(&g.as_str().to_lowercase()).copied())
    };
    let mut found = Vec::new();
    let matches = windows.into_iter().flat_map(|window| {
        let offset = window.start;
        date_pattern()
            .captures_iter(&text[window])
            .map(move |m| (offset, m))
    });
    for (offset, m) in matches {
        let whole = m.get(0).expect("group 0");
        let range = offset + whole.start()..offset + whole.end();
        if masked
            .iter()
            .any(|mask| mask.start < range.end && range.start < mask.end)
        {
            continue;
        }
        // (year, month, day), the year None when the text leaves it out.
        let parts: Option<(Option<u16>, u8, Option<u8>)> = if m.name("iso_y").is_some() {
            Some((
                number(&m, "iso_y"),
                small(&m, "iso_m").unwrap_or(0),
                small(&m, "iso_d"),
            ))
        } else if m.name("num_y").is_some() {
            let (a, b) = (
                small(&m, "num_a").unwrap_or(0),
                small(&m, "num_b").unwrap_or(0),
            );
            let slash = m.name("sep").is_some_and(|s| s.as_str() == "/");
            // Day first (European), except an English slash date that can
            // only be month first; an ambiguous English one is left out.
            let (day, month) = if slash && english {
                match (a > 12, b > 12) {
                    (true, false) => (a, b),
                    (false, true) => (b, a),
                    _ => continue,
                }
            } else {
                (a, b)
            };
            Some((number(&m, "num_y"), month, Some(day)))
        } else if m.name("dm_d").is_some() {
            month_of(&m, "dm_m").map(|month| (number(&m, "dm_y"), month, small(&m, "dm_d")))
        } else if m.name("my_y").is_some() {
            month_of(&m, "my_m").map(|month| (number(&m, "my_y"), month, None))
        } else {
            month_of(&m, "md_m").map(|month| (number(&m, "md_y"), month, small(&m, "md_d")))
        };
        let Some((year, month, day)) = parts else {
            continue;
        };
        let (year, year_from_sentence) = match year {
            Some(year) => (Some(year), false),
            None => (year_in_sentence(text, range.clone(), masked), true),
        };
        if let Some(date) = year.and_then(|year| ArticleDate::new(year, month, day)) {
            found.push(FoundDate {
                date,
                range,
                year_from_sentence,
            });
        }
    }
    found
}

/// The parts of `text` that can hold a date, in text order: the words
/// within two of a word with a digit, runs of them merged.
///
/// Every date form has a digit and spans at most three whitespace-separated
/// words, and each window starts and ends at whitespace (or the text's
/// ends), where `\b` reads the same as in the whole text: the pattern finds
/// the same dates in the windows as in the text. It is only faster: with
/// Unicode `\b`, the regex's DFA gives up on non-ASCII text and a slower
/// engine would otherwise walk every byte of every article through the
/// month alternation.
fn date_windows(text: &str) -> Vec<Range<usize>> {
    /// Words kept on each side of a word with a digit.
    const REACH: usize = 2;
    let mut windows: Vec<Range<usize>> = Vec::new();
    // The starts of the last `REACH` words, oldest first, and the last
    // word the current window reaches to (it grows as the words come).
    let mut recent = [0usize; REACH];
    let mut reach_to: Option<usize> = None;
    for (i, (start, end, has_digit)) in words_with_digits(text).enumerate() {
        if has_digit {
            match reach_to {
                // The window of the previous digit word reaches this one's first.
                Some(last) if i.saturating_sub(REACH) <= last + 1 => {}
                _ => {
                    let back = i.min(REACH);
                    let first = if back == 0 {
                        start
                    } else {
                        recent[REACH - back]
                    };
                    windows.push(first..end);
                }
            }
            reach_to = Some(i + REACH);
        }
        if reach_to.is_some_and(|last| i <= last) {
            windows.last_mut().expect("a window is open").end = end;
        }
        recent.rotate_left(1);
        recent[REACH - 1] = start;
    }
    windows
}

/// The words of `text` as [`str::split_whitespace`] cuts them, as (start,
/// end, whether the word holds a character `\d` matches under Unicode,
/// i.e. [`char::is_numeric`]). One pass over the bytes, an ASCII byte
/// classified as a byte: this runs over every byte of every article, and
/// decoding each character for `split_whitespace`, then each word again
/// for its digits, was most of the dating's time.
fn words_with_digits(text: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let mut word: Option<(usize, bool)> = None;
        while i < bytes.len() {
            let (whitespace, numeric, width) = match bytes[i] {
                b if b.is_ascii() => (char::from(b).is_whitespace(), b.is_ascii_digit(), 1),
                _ => {
                    let c = text[i..].chars().next().expect("a char boundary");
                    (
                        c.is_whitespace(),
                        crate::normalize::is_numeric(c),
                        c.len_utf8(),
                    )
                }
            };
            i += width;
            match (whitespace, &mut word) {
                (true, Some((start, digit))) => return Some((*start, i - width, *digit)),
                (true, None) => {}
                (false, Some((_, digit))) => *digit |= numeric,
                (false, None) => word = Some((i - width, numeric)),
            }
        }
        word.map(|(start, digit)| (start, bytes.len(), digit))
    })
}

/// The year named in the sentence around `range` closest to it, if any:
/// what completes "le 10 octobre" in "Le 10 octobre, l'exercice … 2022".
fn year_in_sentence(text: &str, range: Range<usize>, masked: &[Range<usize>]) -> Option<u16> {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let year = YEAR.get_or_init(|| Regex::new(r"\b(?:19|20)\d{2}\b").expect("valid"));
    let sentence = sentence_around(text, range.clone());
    year.find_iter(&text[sentence.clone()])
        .map(|m| (sentence.start + m.start())..(sentence.start + m.end()))
        .filter(|y| !masked.iter().any(|k| k.start < y.end && y.start < k.end))
        .min_by_key(|y| y.start.abs_diff(range.start))
        .and_then(|y| text[y].parse().ok())
}

/// The date the text's explicit dates give the article: the latest of
/// them (see the module's doc), `None` when it writes none.
pub fn infer_date(text: &str, masked: &[Range<usize>]) -> Option<ArticleDate> {
    infer_date_in(text, masked, false)
}

/// [`infer_date`] for an article in `lang` (`en` reads month-first
/// slash dates when unambiguous).
pub fn infer_date_in(text: &str, masked: &[Range<usize>], english: bool) -> Option<ArticleDate> {
    dates_in(text, masked, english)
        .into_iter()
        .map(|found| found.date)
        .max()
}

/// A date as a header writes it (`2022-01`, `2022-09-16`, `16 septembre
/// 2022`, `06.01.2022`), normalised; `None` when it holds no date with a
/// month (`2022` alone, `hier`).
pub fn read_date(written: &str) -> Option<ArticleDate> {
    dates_in(written, &[], false)
        .into_iter()
        .find(|found| !found.year_from_sentence)
        .map(|found| found.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_months_are_known_by_their_full_names() {
        for month in ["january", "may", "august", "september", "december"] {
            assert!(is_english_month(month), "{month}");
        }
        for word in ["aug", "sept", "mai", "aout", "augusta", ""] {
            assert!(!is_english_month(word), "{word}");
        }
    }

    fn inferred(text: &str) -> Option<String> {
        infer_date(text, &[]).map(|d| d.iso())
    }

    fn all(text: &str) -> Vec<String> {
        dates_in(text, &[], true)
            .iter()
            .map(|f| f.date.iso())
            .collect()
    }

    /// The windows and the hint are necessary conditions: the pattern run
    /// on the windows that pass the hint finds what it finds in the whole
    /// text.
    #[test]
    fn the_windows_find_what_the_whole_text_holds() {
        // Every article the project has, in its three languages, and the
        // edges: dates at the very start and end, across line breaks and
        // no-break spaces, digits glued to letters.
        let mut texts = vec![
            "2022-01-06 ouvre. Le 17\u{a0}juin 2021, puis\nSeptember\n13, 2022 et 13 сентября 2022"
                .to_owned(),
            "a17 juin 2021 x2022-01 в2022-02-03 juin2021 06.01.2022".to_owned(),
            "le 1er\u{2003}MAI 2022, Sept.\n3, déc. 2021 3rd\tJune; 5th of May 2020".to_owned(),
            String::new(),
            "   ".to_owned(),
        ];
        texts.extend(crate::repository_texts());
        assert!(texts.len() > 20, "the articles are found: {}", texts.len());
        for text in &texts {
            for english in [false, true] {
                let whole = dates_in_windows(text, std::iter::once(0..text.len()), &[], english);
                let windowed = dates_in(text, &[], english);
                assert_eq!(windowed, whole, "in {:?}", &text[..text.len().min(80)]);
            }
        }
    }

    /// The words of `text` and their digits as first written: with
    /// `split_whitespace`, then a look for a digit in each word.
    fn words_with_digits_reference(text: &str) -> Vec<(usize, usize, bool)> {
        text.split_whitespace()
            .map(|word| {
                let start = word.as_ptr() as usize - text.as_ptr() as usize;
                let digit = word.bytes().any(|b| b.is_ascii_digit())
                    || !word.is_ascii() && word.chars().any(char::is_numeric);
                (start, start + word.len(), digit)
            })
            .collect()
    }

    #[test]
    fn the_byte_scan_cuts_words_as_split_whitespace() {
        // Every Unicode space and line break, digits of other scripts
        // and numbers that are no digits (`²`, `½`), at the edges too.
        let mut texts = vec![
            "\u{85}a1\u{a0}b\u{1680}٣\u{2000}²\u{200a}c\u{2028}d\u{2029}½\u{202f}é\u{205f}ж\u{3000}\u{b}x\u{c}9\r\t".to_owned(),
            "1".to_owned(),
            " ".to_owned(),
            String::new(),
            "é ". repeat(3),
        ];
        texts.extend(crate::repository_texts());
        for text in &texts {
            let words: Vec<_> = words_with_digits(text).collect();
            assert_eq!(words, words_with_digits_reference(text), "in {text:?}");
        }
    }

    #[test]
    fn the_month_names_come_from_cldr_without_clashes() {
        let names = month_names();
        for (name, month) in [
            ("janvier", 1),
            ("févr", 2),
            ("august", 8),
            ("сентября", 9),
            ("май", 5),
            ("мая", 5),
        ] {
            assert_eq!(names.get(name), Some(&month), "{name}");
        }
        // A name given two months in two languages would be dropped silently by the map.
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for line in MONTH_NAMES_TSV.lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').collect();
            if let Some(month) = seen.insert(fields[2], fields[1]) {
                assert_eq!(month, fields[1], "{} names two months", fields[2]);
            }
        }
    }

    #[test]
    fn french_dates() {
        // Seed 002.
        assert_eq!(
            all("des soldats de l’ANA se retirant de la province de Shinkay le 17 juin 2021, après leur reddition"),
            ["2021-06-17"]
        );
        assert_eq!(
            all("Au bord du chaos, le Kazakhstan appelle à l'aide. 06.01.2022"),
            ["2022-01-06"]
        );
        assert_eq!(
            all("Le 1er mai 2023, puis en février 2022."),
            ["2023-05-01", "2022-02"]
        );
        assert_eq!(all("le 3 déc. 2021"), ["2021-12-03"]);
    }

    #[test]
    fn english_dates() {
        assert_eq!(
            all("Fighting resumed on September 13, 2022, along the Armenia–Azerbaijan border."),
            ["2022-09-13"]
        );
        assert_eq!(
            all("On 13 September 2022 and in Sep. 2021"),
            ["2022-09-13", "2021-09"]
        );
        assert_eq!(
            all("Reported on 6/17/2021 and 17/06/2021; 06/07/2021 is ambiguous."),
            ["2021-06-17", "2021-06-17"]
        );
        assert_eq!(
            all("The talks may 2 years ago"),
            Vec::<String>::new(),
            "no day before the month"
        );
    }

    #[test]
    fn russian_dates() {
        assert_eq!(
            all("Обострение на границе произошло 13 сентября 2022 года, сообщили в Ереване."),
            ["2022-09-13"]
        );
        assert_eq!(
            all("Протесты начались 2 января 2022 года в Жанаозене."),
            ["2022-01-02"]
        );
        assert_eq!(
            all("В январе 2022 года, а точнее 5 янв. 2022"),
            ["2022-01-05"],
            "no prepositional form in CLDR"
        );
    }

    #[test]
    fn a_day_and_month_take_the_year_of_their_sentence() {
        // Seed 003.
        let text = "Le 10 octobre, un exercice militaire CTSO « Indestructible Brotherhood 2022 » d’une durée de cinq jours devait commencer au Kirghizistan. Cependant, le Kirghizistan a annulé les exercices conjoints le 9 octobre – juste un jour avant.";
        assert_eq!(
            all(text),
            ["2022-10-10"],
            "the second sentence names no year"
        );
        assert_eq!(inferred(text).as_deref(), Some("2022-10-10"));
        let found = &dates_in(text, &[], false)[0];
        assert!(found.year_from_sentence);
    }

    #[test]
    fn years_alone_and_days_alone_date_nothing() {
        // Seed 001: a day without a year nearby, and years of background.
        let text = "Créée en 1992, l'OTSC a été fondée pour servir. Les manifestations ont commencé le 2 janvier en réponse à une flambée des prix du carburant. Selon un recensement national de 2021, les Russes étaient nombreux.";
        assert_eq!(inferred(text), None);
        assert_eq!(inferred("les années 1990"), None);
        assert_eq!(
            inferred("le 31 février 2022, le 12.13.2022, le 5 mai 1850"),
            None,
            "impossible dates"
        );
    }

    #[test]
    fn the_latest_date_is_the_articles() {
        let text = "Le 17 juin 2021, les talibans avancent. La réunion du 14 juillet 2021 l'a évoqué. En 2020, rien.";
        assert_eq!(inferred(text).as_deref(), Some("2021-07-14"));
    }

    #[test]
    fn masked_ranges_hold_no_date() {
        let text = "https://fr.sputniknews.com/2022-01-06/x.html Texte du 3 mars 2021.";
        let url = 0..text.find(' ').unwrap();
        assert_eq!(
            infer_date(text, &[url]).map(|d| d.iso()).as_deref(),
            Some("2021-03-03")
        );
        assert_eq!(inferred(text).as_deref(), Some("2022-01-06"));
    }

    #[test]
    fn header_dates_are_normalised() {
        for (written, iso) in [
            ("2022-01", Some("2022-01")),
            ("2022-09-16", Some("2022-09-16")),
            ("16 septembre 2022", Some("2022-09-16")),
            ("06.01.2022", Some("2022-01-06")),
            ("September 2022", Some("2022-09")),
            ("2022", None),
            ("hier", None),
            ("17 juin", None),
        ] {
            assert_eq!(
                read_date(written).map(|d| d.iso()).as_deref(),
                iso,
                "{written}"
            );
        }
    }
}
