//! Offsets and excerpts over every Unicode space and multi-byte neighbour
//! (issue 8 §2: a no-break space made the excerpt cutter slice inside a
//! character and the whole run panicked).

use geocoder::article::{is_blank, parse_article, sentence_around};
use geocoder::tokenize::tokenize;
use geocoder::{geocode_article, mention, Gazetteer};

/// Every character `char::is_whitespace` accepts, and the invisible
/// separators it does not (zero-width space, word joiner, BOM).
fn every_space() -> Vec<char> {
    let mut spaces: Vec<char> = (0..=char::MAX as u32)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace())
        .collect();
    assert_eq!(spaces.len(), 25, "Unicode's White_Space property");
    spaces.extend(['\u{200b}', '\u{2060}', '\u{feff}']);
    spaces
}

/// Neighbours of 1 to 4 bytes, a letter with a combining accent, French
/// quotes.
const NEIGHBOURS: &[&str] = &["a", "é", "€", "𝔸", "e\u{301}", "«", "»"];

/// A text where `à Batken, au Kirghizistan,` sits between 120 repetitions of
/// `{before}{space}{after}` on each side, separated by `space`, shifted by `pad` bytes so that
/// the 300-byte clips land on every byte of the multi-byte characters.
fn text_around(space: char, before: &str, after: &str, pad: usize) -> String {
    let word = format!("{before}{space}{after}");
    format!(
        "{}{}{space}à Batken, au Kirghizistan,{space}{}{}",
        "x".repeat(pad),
        word.repeat(120),
        word.repeat(120),
        "y".repeat(pad)
    )
}

fn every_case() -> impl Iterator<Item = (String, String)> {
    every_space().into_iter().flat_map(|space| {
        NEIGHBOURS.iter().flat_map(move |before| {
            NEIGHBOURS.iter().flat_map(move |after| {
                (0..4).map(move |pad| {
                    (
                        format!("{space:?} between {before:?} and {after:?}, pad {pad}"),
                        text_around(space, before, after, pad),
                    )
                })
            })
        })
    })
}

#[test]
fn excerpts_lie_on_char_boundaries_and_hold_the_mention() {
    for (case, text) in every_case() {
        let at = text.find("Batken").unwrap();
        let range = sentence_around(&text, at..at + 6);
        assert!(
            text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
            "{case}: {range:?}"
        );
        assert!(range.start <= at && at + 6 <= range.end, "{case}");
        assert!(range.len() <= 2 * 300 + 6, "{case}: {}", range.len());
        let excerpt = &text[range];
        assert!(
            !excerpt.starts_with(is_blank) && !excerpt.ends_with(is_blank),
            "{case}: {excerpt:?}"
        );
    }
}

#[test]
fn token_offsets_lie_on_char_boundaries() {
    for (case, text) in every_case() {
        for token in tokenize(&text) {
            let word = text.get(token.start..token.end);
            assert!(word.is_some_and(|w| !w.is_empty()), "{case}: {token:?}");
        }
    }
}

#[test]
fn mentions_and_excerpts_of_the_whole_geocoder_are_slices_of_the_text() {
    let gazetteer = Gazetteer::from_strs(
        "batken-1528675\tcity\tKG\t1528675\t40.06259\t70.81944\t26958\tKG-B\tBatken\n\
         kg\tcountry\tKG\t\t41.46\t74.56\t0\t\tKyrgyzstan|Kirghizistan\n",
        "",
        "",
    )
    .unwrap();
    for (case, body) in every_case() {
        let article = parse_article("a", format!("Titre\n\n{body}"));
        let resolution = geocode_article(&gazetteer, &article);
        let resolved = resolution.resolved;
        let batken = resolved
            .iter()
            .find(|r| &article.text[r.start..r.end] == "Batken")
            .unwrap_or_else(|| panic!("{case}: Batken not found in {resolved:?}"));
        let m = mention(&article, batken);
        let in_excerpt = m.range_in_excerpt().expect("the mention is in its excerpt");
        assert_eq!(&m.excerpt[in_excerpt], "Batken", "{case}");
        assert_eq!(
            article
                .text
                .get(m.excerpt_start..m.excerpt_start + m.excerpt.len()),
            Some(m.excerpt.as_str()),
            "{case}"
        );
    }
}

#[test]
fn clipped_excerpts_start_and_end_at_words_whatever_the_space() {
    for space in every_space() {
        let text = format!(
            "{}Batken{}",
            format!("les{space}combats ").repeat(40),
            format!(" des{space}tirs").repeat(40)
        );
        let at = text.find("Batken").unwrap();
        let excerpt = &text[sentence_around(&text, at..at + 6)];
        assert!(
            excerpt.starts_with("les") || excerpt.starts_with("combats"),
            "{space:?}: {excerpt:?}"
        );
        assert!(
            excerpt.ends_with("des") || excerpt.ends_with("tirs"),
            "{space:?}: {excerpt:?}"
        );
    }
}
