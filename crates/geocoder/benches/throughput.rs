//! Throughput benchmark (`cargo bench -p geocoder`): gazetteer load time,
//! then matching + resolution speed in MB/s on one core.
//!
//! The corpus: 6,000 article-sized texts (about 4 KB each). Each one
//! interleaves paragraphs of the real French and English news articles of
//! `tests/fixtures/articles/` (conflict reporting, about ten place
//! mentions per KB) with paragraphs of ordinary news prose that names no
//! place (economy, politics, sport), so that the whole has a usual density
//! of place names: a few per KB, not one every other sentence. What is
//! timed is what `geocode_article_with` does (counting rejections
//! without listing them, as the build and `geocode` without `--report` do) on an already-read article:
//! tokenizing, finding names, resolving them. Reading files and writing
//! GeoJSON are not.
//!
//! Uses the real `data/` of the workspace when `data/gazetteer.tsv` exists
//! (set `GEOCODER_DATA` to point elsewhere), else a small built-in one.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use geocoder::article::parse_article;
use geocoder::{geocode_article_with, Gazetteer, Report};

const ARTICLES: usize = 6_000;
const ARTICLE_BYTES: usize = 4_000;

/// Paragraphs of ordinary news prose without place names, French and
/// English, with the capitalised words such prose has (sentence starts,
/// people, organisations, months).
const PLAIN_PARAGRAPHS: &[&str] = &[
    "Le gouvernement a présenté mercredi un projet de loi de finances rectificative. Selon le ministre, la hausse des prix de l'énergie pèse sur le budget des ménages, et les aides seront prolongées jusqu'à la fin de l'année. L'opposition dénonce des mesures tardives et insuffisantes.",
    "La banque centrale a relevé son taux directeur d'un demi-point, la troisième hausse depuis janvier. Les économistes interrogés par l'agence s'attendent à une inflation supérieure à huit pour cent au deuxième trimestre, portée par les produits alimentaires et le carburant.",
    "Dans un entretien accordé à la presse, le Premier ministre a assuré que la réforme des retraites serait menée à son terme. « Nous avons pris nos responsabilités », a-t-il déclaré, avant de rappeler que le texte avait été adopté en première lecture au Parlement.",
    "Les syndicats appellent à une nouvelle journée de grève jeudi. Ils réclament une revalorisation des salaires dans la fonction publique et l'ouverture de négociations sur les conditions de travail dans les hôpitaux et les écoles.",
    "The ministry said on Tuesday that exports had fallen for a third consecutive month, as higher freight costs and weaker demand weighed on manufacturers. Analysts expect the trade balance to improve in the second half of the year.",
    "Officials declined to comment on the report, citing an ongoing investigation. A spokesperson for the company said it was cooperating fully with regulators and that its operations had not been affected.",
    "Le tribunal a condamné mardi l'ancien directeur de l'entreprise publique à cinq ans de prison pour détournement de fonds. Ses avocats ont annoncé qu'ils feraient appel de cette décision, qu'ils jugent politique.",
    "The central bank's board voted to keep its key rate unchanged, saying that inflation risks remained balanced. In a statement, it noted that wage growth had slowed and that credit conditions were tightening.",
    "La saison de football a repris ce week-end devant des tribunes à moitié vides. Le club champion en titre s'est imposé deux buts à zéro, grâce à un doublé de son attaquant vedette, de retour de blessure.",
    "Plus de deux cents personnes ont participé samedi à une marche pour le climat. Les organisateurs demandent la fermeture progressive des centrales à charbon et des investissements massifs dans les transports publics.",
];

fn main() {
    let data = std::env::var_os("GEOCODER_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data"));
    let (cpu, started) = (cpu_time(), Instant::now());
    let gazetteer = if data.join("gazetteer.tsv").is_file() {
        Gazetteer::load(&data).expect("the gazetteer loads")
    } else {
        eprintln!(
            "{} has no gazetteer.tsv: using a small built-in gazetteer",
            data.display()
        );
        Gazetteer::from_strs(BUILT_IN, "", "").expect("the built-in gazetteer loads")
    };
    let load = started.elapsed();
    let load_cpu = cpu
        .zip(cpu_time())
        .map_or(String::new(), |(before, after)| {
            format!(" ({:.2?} CPU)", after - before)
        });
    println!(
        "gazetteer: {} places, {} keys, loaded in {load:.2?}{load_cpu}",
        gazetteer.places().len(),
        gazetteer.key_count()
    );

    let news =
        news_paragraphs(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles"));
    let articles: Vec<_> = (0..ARTICLES)
        .map(|n| {
            // A different, deterministic mix per article: news and plain
            // paragraphs alternate until the article is long enough.
            let mut text = format!("Article {n}\n\n");
            let mut k = 0;
            while text.len() < ARTICLE_BYTES {
                let paragraph = if k % 2 == 0 {
                    news[(n * 7 + k * 13) % news.len()].as_str()
                } else {
                    PLAIN_PARAGRAPHS[(n * 3 + k * 5) % PLAIN_PARAGRAPHS.len()]
                };
                text.push_str(paragraph);
                text.push_str("\n\n");
                k += 1;
            }
            parse_article(&format!("{n:05}"), text)
        })
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();

    // The machine is shared: each phase runs a few times and the best
    // (least disturbed) run counts, timed in CPU time of this process
    // where Linux gives it, so that waiting for a core is not counted.
    let (tokenizing, tokens) = best_of(|| {
        articles
            .iter()
            .map(|a| geocoder::tokenize::tokenize(&a.text).len())
            .sum()
    });
    let (finding, names) = best_of(|| {
        articles
            .iter()
            .map(|a| {
                let t = geocoder::tokenize::tokenize(&a.text);
                geocoder::matcher::find_names(&gazetteer, &a.text, &t, &a.masked).len()
            })
            .sum()
    });
    println!("  tokenizing alone: {tokens} tokens in {tokenizing:.2?}; tokenizing + finding {names} names: {finding:.2?}");
    // As the build and `geocode` without `--report` run it: rejections and
    // ambiguities counted, not listed.
    let (elapsed, mentions) = best_of(|| {
        articles
            .iter()
            .map(|a| {
                geocode_article_with(&gazetteer, a, Report::Counts)
                    .resolved
                    .len()
            })
            .sum()
    });
    let megabytes = bytes as f64 / 1e6;
    println!(
        "matching: {ARTICLES} articles, {megabytes:.1} MB, {mentions} mentions ({:.1} per KB) in {elapsed:.2?} ({}): {:.1} MB/s",
        mentions as f64 / (bytes as f64 / 1e3),
        if cpu_time().is_some() { "CPU time, best of 3" } else { "wall time, best of 3" },
        megabytes / elapsed.as_secs_f64()
    );
}

/// Runs `work` three times; the shortest duration and its result.
fn best_of(mut work: impl FnMut() -> usize) -> (Duration, usize) {
    (0..3)
        .map(|_| {
            let (cpu, wall) = (cpu_time(), Instant::now());
            let result = std::hint::black_box(work());
            let elapsed = match (cpu, cpu_time()) {
                (Some(before), Some(after)) => after.saturating_sub(before),
                _ => wall.elapsed(),
            };
            (elapsed, result)
        })
        .min()
        .expect("three runs")
}

/// CPU time (user + system) of this process, from `/proc/self/stat`
/// (Linux; clock ticks of 10 ms, plenty for runs of a second).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The paragraphs of the fixture articles, without their header lines.
fn news_paragraphs(dir: &Path) -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut paragraphs = Vec::new();
    for path in paths {
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let article = parse_article("fixture", text);
        paragraphs.extend(
            article
                .text
                .split("\n\n")
                .map(str::trim)
                // Header lines and titles are short; body paragraphs are not.
                .filter(|p| p.len() >= 200)
                .map(str::to_owned),
        );
    }
    assert!(!paragraphs.is_empty(), "{}: no paragraphs", dir.display());
    paragraphs
}

const BUILT_IN: &str = "\
kg\tcountry\tKG\t\t41.46\t74.56\t0\t\tKyrgyzstan|Kirghizistan
kz\tcountry\tKZ\t\t48.0\t67.0\t0\t\tKazakhstan
tj\tcountry\tTJ\t\t38.8\t71.0\t0\t\tTajikistan|Tadjikistan
batken-1528675\tcity\tKG\t1528675\t40.06259\t70.81944\t26958\tKG-B\tBatken
almaty-1526384\tcity\tKZ\t1526384\t43.25\t76.91\t2000000\tKZ-75\tAlmaty
moscow-524901\tcity\tRU\t524901\t55.75\t37.61\t10000000\tRU-MOW\tMoscow|Moscou
";
