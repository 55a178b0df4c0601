//! Scores the geocoder on the gold-annotated fixtures (format in
//! `tests/fixtures/README.md`) with the real gazetteer in `data/`.
//!
//! A predicted mention is right when the gold file of its article has a
//! mention with the same span and the same referent; gold `ignore` spans
//! count neither way. Prints precision and recall per development article, per set
//! (development, held-out), per language and for the one-sentence
//! dispatches against whole articles, then the misses of the development
//! set only: the held-out set is never tuned on, so neither its articles'
//! rows nor its misses are shown, only its groups (set
//! `QUALITY_SHOW_HELD_OUT=1` to see them once a change is final).
//!
//! Fails when an article or a group falls under its floor in
//! `fixtures/floors.tsv` (measured minus a small margin, so that one lost
//! place is noticed), or when an article has no floor.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use geocoder::article::read_article;
use geocoder::gazetteer::GazetteerPlace;
use geocoder::{geocode_article, Gazetteer};
use model::PlaceKind;

type Span = (usize, usize);

struct Gold {
    /// Span -> referent, without `ignore` spans.
    mentions: BTreeMap<Span, String>,
    ignored: BTreeSet<Span>,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The data lines of a fixture list file (`#` comments and blank lines
/// skipped), split on tabs.
fn table(name: &str) -> Vec<Vec<String>> {
    let path = fixtures().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split('\t').map(str::to_owned).collect())
        .collect()
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

/// True positives, counted predictions and gold mentions.
#[derive(Debug, Default, Clone, Copy)]
struct Score {
    true_positives: usize,
    predicted: usize,
    expected: usize,
}

impl Score {
    fn add(&mut self, other: Score) {
        self.true_positives += other.true_positives;
        self.predicted += other.predicted;
        self.expected += other.expected;
    }
    fn precision(&self) -> f64 {
        ratio(self.true_positives, self.predicted)
    }
    fn recall(&self) -> f64 {
        ratio(self.true_positives, self.expected)
    }
    fn row(&self, name: &str) -> String {
        format!(
            "{name:<36} {:>5} {:>5} {:>5} {:>9.3} {:>7.3}",
            self.true_positives,
            self.predicted,
            self.expected,
            self.precision(),
            self.recall()
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores one article, appending its misses to `misses`.
fn score_article(gazetteer: &Gazetteer, path: &Path, misses: &mut String) -> (String, Score) {
    let (article, warnings) = read_article(path, usize::MAX / 2);
    assert!(warnings.is_empty(), "{warnings:?}");
    let article = article.expect("fixture articles are readable");
    let gold = read_gold(
        &fixtures().join("gold").join(format!("{}.tsv", article.id)),
        &article.text,
    );
    let resolution = geocode_article(gazetteer, &article);
    let mut score = Score {
        expected: gold.mentions.len(),
        ..Score::default()
    };
    let mut found = BTreeSet::new();
    for r in &resolution.resolved {
        let span = (r.start, r.end);
        if gold.ignored.contains(&span) {
            continue;
        }
        score.predicted += 1;
        let place = gazetteer.place(r.place);
        let got = referent(place);
        match gold.mentions.get(&span) {
            Some(want) if *want == got => {
                score.true_positives += 1;
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
    (article.id, score)
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

    let held_out: BTreeSet<String> = table("held-out.txt")
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    let languages: BTreeMap<String, String> = table("languages.tsv")
        .into_iter()
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect();
    let floors: BTreeMap<String, (f64, f64)> = table("floors.tsv")
        .into_iter()
        .map(|row| {
            let floor = |i: usize| -> f64 {
                row[i]
                    .parse()
                    .unwrap_or_else(|_| panic!("floors.tsv: bad number in {row:?}"))
            };
            (row[0].clone(), (floor(1), floor(2)))
        })
        .collect();

    let header = format!(
        "{:<36} {:>5} {:>5} {:>5} {:>9} {:>7}",
        "article", "tp", "pred", "gold", "precision", "recall"
    );
    println!("{header}");
    let show_held_out = std::env::var_os("QUALITY_SHOW_HELD_OUT").is_some();
    let mut groups: BTreeMap<String, Score> = BTreeMap::new();
    let mut scores = Vec::new();
    let (mut dev_misses, mut held_out_misses) = (String::new(), String::new());
    for path in &articles {
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let set = if held_out.contains(&id) {
            "held-out"
        } else {
            "dev"
        };
        let misses = if set == "dev" {
            &mut dev_misses
        } else {
            &mut held_out_misses
        };
        let (id, score) = score_article(&gazetteer, path, misses);
        // A held-out article's own row would show which one lost a place,
        // as its misses would: only its groups are printed (and its floor,
        // should it fall under it).
        if set == "dev" || show_held_out {
            println!("{}", score.row(&id));
        }
        let lang = languages
            .get(&id)
            .unwrap_or_else(|| panic!("languages.tsv has no line for {id}"));
        let shape = if id.contains("_dispatch_") {
            "dispatches"
        } else {
            "whole articles"
        };
        for group in [
            "all".to_owned(),
            set.to_owned(),
            format!("lang {lang}"),
            format!("{set} lang {lang}"),
            shape.to_owned(),
            format!("{set} {shape}"),
        ] {
            groups.entry(group).or_default().add(score);
        }
        scores.push((id, score));
    }
    println!("\n{}", header.replacen("article", "group  ", 1));
    for (name, score) in &groups {
        println!("{}", score.row(name));
    }
    println!("\nmisses (development set):\n{dev_misses}");
    if show_held_out {
        println!("misses (held-out set):\n{held_out_misses}");
    }

    // A new article gets its floor from its first run, written here rather
    // than by hand: a held-out article's figures are not printed, so whoever
    // adds one could not copy them without showing them to themselves.
    let mut floors = floors;
    if std::env::var_os("QUALITY_WRITE_NEW_FLOORS").is_some() {
        let new_floors = first_run_floors(&scores, &floors);
        append_floors(&new_floors);
        println!(
            "wrote {} new article floors to floors.tsv",
            new_floors.len()
        );
        floors.extend(new_floors);
    }

    let mut failures = Vec::new();
    for (name, score) in scores.iter().map(|(id, s)| (id, s)).chain(groups.iter()) {
        match floors.get(name.as_str()) {
            Some(&(precision, recall))
                if score.precision() < precision || score.recall() < recall =>
            {
                failures.push(format!(
                    "{name}: precision {:.3} (floor {precision}), recall {:.3} (floor {recall})",
                    score.precision(),
                    score.recall()
                ));
            }
            Some(_) => {}
            None if scores.iter().any(|(id, _)| id == name) => {
                failures.push(format!("{name}: no floor in floors.tsv"))
            }
            None => {}
        }
    }
    assert!(
        failures.is_empty(),
        "under the floors:\n{}",
        failures.join("\n")
    );
}

/// The floors of the articles that have none: their measured precision and
/// recall minus the article margin (0.02), rounded down to two decimals, as
/// floors.tsv's header says.
fn first_run_floors(
    scores: &[(String, Score)],
    floors: &BTreeMap<String, (f64, f64)>,
) -> BTreeMap<String, (f64, f64)> {
    let floor = |measured: f64| ((measured - 0.02).max(0.0) * 100.0 + 1e-9).floor() / 100.0;
    scores
        .iter()
        .filter(|(id, _)| !floors.contains_key(id))
        .map(|(id, score)| {
            (
                id.clone(),
                (floor(score.precision()), floor(score.recall())),
            )
        })
        .collect()
}

/// Appends article floors to floors.tsv (its lines are read as a map, in
/// any order).
fn append_floors(new_floors: &BTreeMap<String, (f64, f64)>) {
    use std::io::Write;
    let path = fixtures().join("floors.tsv");
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .expect("floors.tsv opens");
    for (id, (precision, recall)) in new_floors {
        writeln!(file, "{id}\t{precision:.2}\t{recall:.2}").expect("floors.tsv writes");
    }
}
