//! Fuzzing on stable Rust: property tests of the article reader, the whole
//! geocoder (with the real gazetteer of `data/`) and the excerpt cutter
//! (issue 8 §3).
//!
//! `cargo test -p geocoder --test fuzz` runs a short, deterministic pass
//! (a few hundred inputs per target, seconds). The long run explores new
//! inputs (random seed) and prints its figures:
//!
//! ```sh
//! scripts/fuzz            # 10^6 inputs per target, release build
//! scripts/fuzz 50000      # fewer
//! FUZZ_CASES=50000 cargo test --release -p geocoder --test fuzz -- --nocapture
//! ```
//!
//! A failure prints the smallest failing input proptest could shrink it
//! to; a long run's seed is random, so rerun with that input in a test.
//!
//! Inputs are not random bytes alone: the generators mix in the shapes of
//! real articles ([`SHAPES`]: no-break spaces, the narrow no-break space
//! French puts before `; : ! ?` and inside `« »`, combining accents,
//! Cyrillic, RTL marks and bidi overrides, zero-width joiners, CRLF,
//! control characters, headers, URLs, place names) and slices of the real
//! fixture articles, so that they reach the code that matters (a place
//! name far into a sentence of no-break-spaced words is what broke). A
//! 20 MB line is a test of its own below.
//!
//! The properties, beyond "no panic": offsets on char boundaries and
//! inside the text, every mention inside its excerpt, every excerpt a
//! slice of the article, nothing found in masked ranges, and the same
//! output for the same input.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::LazyLock;
use std::time::Instant;

use geocoder::article::{
    is_blank, parse_article, read_article, sentence_around, ArticleText, MAX_ARTICLE_BYTES,
};
use geocoder::{geocode_article_with, mention, Gazetteer, Report};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// Pieces of real articles that byte arithmetic gets wrong, and names
/// the geocoder looks for.
const SHAPES: &[&str] = &[
    // Spaces and French typography.
    " ",
    "  ",
    "\u{a0}",
    "\u{202f}",
    "\u{202f};",
    "\u{202f}:",
    "\u{202f}!",
    "\u{202f}?",
    "«\u{202f}",
    "\u{202f}»",
    "«\u{a0}",
    "\u{a0}»",
    "\u{2009}",
    "\u{3000}",
    "\t",
    // Combining accents, precomposed or not.
    "e\u{301}",
    "a\u{308}\u{301}",
    "E\u{301}re\u{301}van",
    "é",
    "ç",
    // Cyrillic, other scripts, 4-byte characters, emoji sequences.
    "Душанбе",
    "Москва",
    "Бишкек",
    "Ош",
    "Ереван",
    "中文",
    "𝔸",
    "😀",
    "👩\u{200d}👩\u{200d}👧",
    "🇰🇬",
    "\u{fffd}",
    "\u{10ffff}",
    // RTL marks, bidi overrides and isolates, zero-width characters.
    "\u{200f}",
    "\u{200e}",
    "\u{202e}",
    "\u{202d}",
    "\u{202c}",
    "\u{2066}",
    "\u{2069}",
    "\u{200d}",
    "\u{200c}",
    "\u{200b}",
    "\u{2060}",
    "\u{feff}",
    "\u{202e}Batken\u{202c}",
    // Line ends and separators.
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\r\n\r\n",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    // Control characters.
    "\u{1}",
    "\u{7}",
    "\u{8}",
    "\u{b}",
    "\u{c}",
    "\u{1b}[31m",
    "\u{7f}",
    "\u{9b}",
    // Sentence ends, quotes, apostrophes, hyphens, brackets.
    ".",
    ". ",
    "! ",
    "? ",
    "…",
    "...",
    "« ",
    " »",
    "“",
    "”",
    "\"",
    "’",
    "'",
    "-",
    "\u{2011}",
    "—",
    "(",
    ")",
    "[",
    ",",
    ";",
    ":",
    // Headers, metadata, links.
    "Title: ",
    "Titre : ",
    "URL: https://example.org/a",
    "Date: 2022-09-16",
    "Lang: fr",
    "Langue:",
    " date 2022-01 https://x.org/Batken",
    "https://example.org/Batken",
    "www.batken.kg",
    "a@b.kz",
    "CNSNews.com",
    // Place names, with the forms the matcher handles.
    "Batken",
    "Isfara",
    "Voroukh",
    "Douchanbé",
    "Kirghizistan",
    "Tadjikistan",
    "Kazakhstan",
    "Saint-Pétersbourg",
    "Haut-Karabakh",
    "d'Almaty",
    "l’Arménie",
    "OTSC",
    "MOSCOU, Russie —",
    "Erevan",
    "Minsk",
    "Grodno",
    "Belgorod",
    "Asie centrale",
    "région de Batken",
];

/// The fixture articles' paragraphs: real French and English news.
static PARAGRAPHS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .flat_map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            text.split("\n\n").map(str::to_owned).collect::<Vec<_>>()
        })
        .filter(|p| !p.trim().is_empty())
        .collect()
});

/// The real gazetteer, loaded once for every input.
static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    Gazetteer::load(&data).expect("the gazetteer of data/ loads")
});

/// A slice of a fixture paragraph, cut at char boundaries.
fn paragraph_slice() -> impl Strategy<Value = String> {
    (any::<Index>(), any::<Index>(), any::<Index>()).prop_map(|(which, a, b)| {
        let paragraph = &PARAGRAPHS[which.index(PARAGRAPHS.len())];
        let mut ends = [a.index(paragraph.len() + 1), b.index(paragraph.len() + 1)];
        ends.sort();
        let [start, end] = ends.map(|i| floor_boundary(paragraph, i));
        paragraph[start..end].to_owned()
    })
}

/// A made-up word, capitalised or not. (Not a regex strategy: proptest
/// parses a `&str` regex again for every value.)
fn word() -> impl Strategy<Value = String> {
    const LETTERS: &[char] = &[
        'a', 'e', 'k', 'n', 'r', 's', 't', 'B', 'K', 'T', 'à', 'é', 'è', 'ç', 'ô', 'É', 'ж', 'Д',
    ];
    prop::collection::vec(select(LETTERS), 1..12).prop_map(String::from_iter)
}

/// One piece of an article.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(SHAPES).prop_map(str::to_owned),
        2 => paragraph_slice(),
        2 => word(),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Article texts: pieces end to end, now and then around a long run
/// without line breaks (up to 100 KB; the 20 MB line has its own test).
fn text() -> impl Strategy<Value = String> {
    let pieces = || prop::collection::vec(piece(), 0..48).prop_map(|p| p.concat());
    let run = (
        select(&["x", " ", "\u{a0}", "é", "Batken ", "les\u{a0}combats "][..]),
        1..100_000usize,
    )
        .prop_map(|(unit, bytes)| unit.repeat(bytes / unit.len() + 1));
    prop_oneof![
        15 => pieces(),
        1 => (pieces(), run, pieces()).prop_map(|(a, run, b)| a + &run + &b),
    ]
}

/// Article files: texts, raw bytes, texts with invalid bytes spliced in,
/// Latin-1.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => text().prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 0..2048),
        1 => (text(), prop::collection::vec(any::<u8>(), 1..8), any::<Index>()).prop_map(
            |(text, junk, at)| {
                let mut bytes = text.into_bytes();
                let at = at.index(bytes.len() + 1);
                bytes.splice(at..at, junk);
                bytes
            }
        ),
        1 => text().prop_map(|text| text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect()),
    ]
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Runs `property` on `cases` inputs of `strategy` (`FUZZ_CASES`, else
/// `default_cases`) and prints the figures; panics with the smallest
/// failing input proptest finds.
fn fuzz<S: Strategy>(
    target: &str,
    default_cases: u32,
    strategy: S,
    property: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let long = std::env::var("FUZZ_CASES").ok();
    let cases = long.as_deref().map_or(default_cases, |n| {
        n.parse().expect("FUZZ_CASES is a number of inputs")
    });
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    // The short run sees the same inputs every time (no flaky CI); a long
    // run explores new ones.
    let mut runner = if long.is_some() {
        TestRunner::new(config)
    } else {
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
    };
    let inputs = AtomicUsize::new(0);
    let started = Instant::now();
    let result = runner.run(&strategy, |value| {
        inputs.fetch_add(1, Ordering::Relaxed);
        property(value)
    });
    let elapsed = started.elapsed();
    let crashes = usize::from(result.is_err());
    println!(
        "fuzz {target}: {} inputs in {elapsed:.1?} ({:.0} inputs/s), {crashes} failing",
        inputs.load(Ordering::Relaxed),
        inputs.load(Ordering::Relaxed) as f64 / elapsed.as_secs_f64(),
    );
    if let Err(error) = result {
        panic!("fuzz {target}: {error}");
    }
}

/// What holds of any article, however it was read.
fn check_article(article: &ArticleText) -> Result<(), TestCaseError> {
    let text = &article.text;
    for range in &article.masked {
        prop_assert!(
            range.start <= range.end && range.end <= text.len(),
            "{range:?}"
        );
        prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
    }
    prop_assert!(article
        .masked
        .windows(2)
        .all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)));
    prop_assert!(!article.title.is_empty(), "an empty title");
    prop_assert!(article.url.as_deref().is_none_or(|u| u.starts_with("http")));
    Ok(())
}

#[test]
fn fuzz_read_article() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    let limits = prop_oneof![3 => Just(MAX_ARTICLE_BYTES), 1 => 1..4096usize];
    fuzz("read_article", 300, (bytes(), limits), |(bytes, limit)| {
        std::fs::write(&path, &bytes).unwrap();
        let (article, warnings) = read_article(&path, limit);
        let named = path.to_string_lossy();
        for warning in &warnings {
            prop_assert_eq!(&warning.path, &path);
            prop_assert!(warning.to_string().starts_with(&*named), "{}", warning);
        }
        match &article {
            None => prop_assert!(warnings.iter().any(|w| w.skipped()), "{warnings:?}"),
            Some(article) => {
                prop_assert!(!warnings.iter().any(|w| w.skipped()), "{warnings:?}");
                prop_assert_eq!(&article.id, "article");
                check_article(article)?;
                if let Ok(text) = std::str::from_utf8(&bytes) {
                    // UTF-8 comes through unchanged, or cut at the limit.
                    prop_assert!(text.starts_with(&article.text));
                    prop_assert!(text.len() <= limit || article.text.len() <= limit);
                }
            }
        }
        // The same file reads the same.
        prop_assert_eq!(read_article(&path, limit), (article, warnings));
        Ok(())
    });
}

#[test]
fn fuzz_parse_article() {
    fuzz("parse_article", 300, text(), |text| {
        let article = parse_article("id", text.clone());
        prop_assert_eq!(&article.text, &text);
        check_article(&article)?;
        prop_assert_eq!(parse_article("id", text), article);
        Ok(())
    });
}

#[test]
fn fuzz_geocoder_with_the_real_gazetteer() {
    LazyLock::force(&GAZETTEER);
    fuzz("geocoder", 200, text(), |text| {
        let article = parse_article("fuzz", text);
        let full = geocode_article_with(&GAZETTEER, &article, Report::Full);
        let counts = geocode_article_with(&GAZETTEER, &article, Report::Counts);
        // Deterministic, and the report does not change the places.
        prop_assert_eq!(&full.resolved, &counts.resolved);
        prop_assert_eq!(full.rejected.len(), full.rejected_count);
        prop_assert_eq!(counts.rejected_count, full.rejected_count);
        let text = &article.text;
        prop_assert!(full.resolved.windows(2).all(|w| w[0].end <= w[1].start));
        for resolved in &full.resolved {
            let (start, end) = (resolved.start, resolved.end);
            prop_assert!(start < end && end <= text.len(), "{resolved:?}");
            prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            prop_assert!((resolved.place as usize) < GAZETTEER.places().len());
            prop_assert!(
                !article
                    .masked
                    .iter()
                    .any(|m| m.start < end && start < m.end),
                "{resolved:?} is masked"
            );
            let m = mention(&article, resolved);
            prop_assert_eq!(&m.text, &text[start..end]);
            let excerpt_end = m.excerpt_start + m.excerpt.len();
            prop_assert_eq!(
                text.get(m.excerpt_start..excerpt_end),
                Some(m.excerpt.as_str())
            );
            let inside = m.range_in_excerpt();
            prop_assert!(inside.is_some(), "{resolved:?} outside its excerpt");
            prop_assert_eq!(&m.excerpt[inside.unwrap()], m.text.as_str());
        }
        Ok(())
    });
}

#[test]
fn fuzz_sentence_around() {
    // Ranges anywhere (also reversed, inside characters, past the end), or
    // at char boundaries inside the text.
    let ranges = prop_oneof![
        1 => any::<(usize, usize)>().prop_map(|(a, b)| (a % 200_000, b % 200_000, false)),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| (a.index(usize::MAX), b.index(usize::MAX), true)),
    ];
    fuzz(
        "sentence_around",
        1000,
        (text(), ranges),
        |(text, (a, b, inside))| {
            let (start, end) = if inside {
                let mut ends = [a % (text.len() + 1), b % (text.len() + 1)];
                ends.sort();
                (
                    floor_boundary(&text, ends[0]),
                    floor_boundary(&text, ends[1]),
                )
            } else {
                (a, b)
            };
            let sentence = sentence_around(&text, start..end);
            prop_assert!(sentence.start <= sentence.end && sentence.end <= text.len());
            prop_assert!(
                text.is_char_boundary(sentence.start) && text.is_char_boundary(sentence.end)
            );
            if inside {
                prop_assert!(
                    sentence.start <= start && end <= sentence.end,
                    "{sentence:?}"
                );
                // At most about 300 bytes on each side of the range.
                prop_assert!(
                    sentence.len() <= end - start + 2 * 303,
                    "{}",
                    sentence.len()
                );
                let excerpt = &text[sentence.clone()];
                prop_assert!(sentence.start == start || !excerpt.starts_with(is_blank));
                prop_assert!(sentence.end == end || !excerpt.ends_with(is_blank));
            }
            Ok(())
        },
    );
}

/// A 20 MB article on one line: read (cut at the limit), geocoded, every
/// excerpt cut around its mention, in bounded time. Unoptimised (`cargo
/// test`), 2 MB lines keep it to seconds; `--release` (`scripts/fuzz`)
/// takes the full 20 MB.
#[test]
fn twenty_megabyte_lines() {
    let limit = if cfg!(debug_assertions) {
        MAX_ARTICLE_BYTES / 10
    } else {
        MAX_ARTICLE_BYTES
    };
    let dir = tempfile::tempdir().unwrap();
    let prose: String = PARAGRAPHS
        .iter()
        .map(|p| p.replace('\n', " ") + " ")
        .collect();
    let lines = [
        ("prose", prose.repeat(limit / prose.len() + 2)),
        // No space at all: the excerpt cutter must not scan back to the
        // start of the line for each mention.
        (
            "no spaces",
            format!("{},Batken,Kirghizistan,", "x".repeat(100_000)).repeat(limit / 100_000 + 2),
        ),
    ];
    for (shape, line) in lines {
        let path = dir.path().join("long.txt");
        std::fs::write(&path, &line).unwrap();
        let started = Instant::now();
        let (article, warnings) = read_article(&path, limit);
        let article = article.expect("a long article is geocoded");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].to_string().contains("too large"));
        assert!(article.text.len() <= limit && !article.text.contains('\n'));
        let resolved = geocode_article_with(&GAZETTEER, &article, Report::Counts).resolved;
        assert!(!resolved.is_empty(), "{shape}: no place found");
        let mut excerpt_bytes = 0;
        for r in &resolved {
            let m = mention(&article, r);
            assert!(m.range_in_excerpt().is_some(), "{shape}: {r:?}");
            excerpt_bytes += m.excerpt.len();
        }
        let average = excerpt_bytes / resolved.len();
        assert!(
            average <= 620,
            "{shape}: excerpts of {average} bytes on average"
        );
        println!(
            "{} MB line ({shape}): {} mentions in {:.1?}",
            limit >> 20,
            resolved.len(),
            started.elapsed()
        );
    }
}
