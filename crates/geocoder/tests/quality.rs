//! Scores the geocoder on the gold-annotated fixtures (format in
//! `tests/fixtures/README.md`) with the real gazetteer in `data/`.
//!
//! A predicted mention is right when the gold file of its article has a
//! mention with the same span and the same referent; gold `ignore` spans
//! count neither way. Prints precision and recall per article and overall,
//! with every miss, and fails under 0.95 for either.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use geocoder::article::read_article;
use geocoder::gazetteer::GazetteerPlace;
use geocoder::{geocode_article, Gazetteer};
use model::PlaceKind;

const THRESHOLD: f64 = 0.95;

type Span = (usize, usize);

struct Gold {
    /// Span -> referent, without `ignore` spans.
    mentions: BTreeMap<Span, String>,
    ignored: BTreeSet<Span>,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read_gold(path: &Path, text: &str) -> Gold {
    let tsv = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut gold = Gold {
        mentions: BTreeMap::new(),
        ignored: BTreeSet::new(),
    };
    for (number, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let at = format!("{}:{}", path.display(), number + 1);
        assert_eq!(fields.len(), 4, "{at}: expected start, end, text, referent");
        let start: usize = fields[0]
            .parse()
            .unwrap_or_else(|_| panic!("{at}: bad start"));
        let end: usize = fields[1]
            .parse()
            .unwrap_or_else(|_| panic!("{at}: bad end"));
        assert_eq!(
            text.get(start..end),
            Some(fields[2]),
            "{at}: the span does not hold its text"
        );
        if fields[3] == "ignore" {
            gold.ignored.insert((start, end));
        } else {
            gold.mentions.insert((start, end), fields[3].to_owned());
        }
    }
    gold
}

/// The referent of a predicted place, as the gold files write it.
fn referent(place: &GazetteerPlace) -> String {
    match (place.kind, place.geonameid) {
        (PlaceKind::Country, _) => place
            .country
            .clone()
            .unwrap_or_else(|| place.id.to_ascii_uppercase()),
        (PlaceKind::Region, _) if is_iso_3166_2(&place.id) => place.id.to_ascii_uppercase(),
        (_, Some(id)) => format!("gn:{id}"),
        (_, None) => format!("custom:{}", place.id),
    }
}

/// `kg-b`, `ru-spe`, `am-su`: an ISO 3166-2 code, lowercased.
fn is_iso_3166_2(id: &str) -> bool {
    id.split_once('-').is_some_and(|(country, sub)| {
        country.len() == 2
            && (1..=3).contains(&sub.len())
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    })
}

#[test]
fn precision_and_recall_on_gold_fixtures() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let gazetteer = Gazetteer::load(&data).expect("the real gazetteer in data/ loads");
    let mut articles: Vec<PathBuf> = std::fs::read_dir(fixtures().join("articles"))
        .expect("fixture articles")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    articles.sort();
    assert!(!articles.is_empty(), "no fixture articles");

    let (mut true_positives, mut predicted, mut expected) = (0usize, 0usize, 0usize);
    println!(
        "{:<36} {:>5} {:>5} {:>5} {:>9} {:>7}",
        "article", "tp", "pred", "gold", "precision", "recall"
    );
    let mut misses = String::new();
    for path in &articles {
        let (article, warnings) = read_article(path, usize::MAX / 2);
        assert!(warnings.is_empty(), "{warnings:?}");
        let article = article.expect("fixture articles are readable");
        let gold = read_gold(
            &fixtures().join("gold").join(format!("{}.tsv", article.id)),
            &article.text,
        );
        let resolution = geocode_article(&gazetteer, &article);
        let mut tp = 0;
        let mut counted = 0;
        let mut found = BTreeSet::new();
        for r in &resolution.resolved {
            let span = (r.start, r.end);
            if gold.ignored.contains(&span) {
                continue;
            }
            counted += 1;
            let place = gazetteer.place(r.place);
            let got = referent(place);
            match gold.mentions.get(&span) {
                Some(want) if *want == got => {
                    tp += 1;
                    found.insert(span);
                }
                want => misses.push_str(&format!(
                    "  {} FP {}..{} {:?} -> {got} ({}), gold: {}\n",
                    article.id,
                    r.start,
                    r.end,
                    &article.text[r.start..r.end],
                    place.id,
                    want.map_or("none", String::as_str)
                )),
            }
        }
        for (span, want) in &gold.mentions {
            if !found.contains(span) {
                let why = resolution
                    .rejected
                    .iter()
                    .find(|x| x.start == span.0)
                    .map_or(String::new(), |x| format!(" [rejected: {}]", x.reason));
                misses.push_str(&format!(
                    "  {} FN {}..{} {:?} = {want}{why}\n",
                    article.id,
                    span.0,
                    span.1,
                    &article.text[span.0..span.1]
                ));
            }
        }
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        println!(
            "{:<36} {tp:>5} {counted:>5} {:>5} {:>9.3} {:>7.3}",
            article.id,
            gold.mentions.len(),
            ratio(tp, counted),
            ratio(tp, gold.mentions.len())
        );
        true_positives += tp;
        predicted += counted;
        expected += gold.mentions.len();
    }
    let precision = true_positives as f64 / predicted.max(1) as f64;
    let recall = true_positives as f64 / expected.max(1) as f64;
    println!(
        "{:<36} {true_positives:>5} {predicted:>5} {expected:>5} {precision:>9.3} {recall:>7.3}",
        "OVERALL"
    );
    println!("misses:\n{misses}");
    assert!(
        precision >= THRESHOLD && recall >= THRESHOLD,
        "precision {precision:.3}, recall {recall:.3}: under {THRESHOLD}"
    );
}
