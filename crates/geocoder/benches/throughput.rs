//! Throughput benchmark (`cargo bench -p geocoder`): gazetteer load time,
//! then matching speed in MB/s over a generated corpus of 10,000
//! article-sized texts, on one core.
//!
//! Uses the real `data/` of the workspace when `data/gazetteer.tsv` exists
//! (set `GEOCODER_DATA` to point elsewhere), else a small built-in one.

use std::path::PathBuf;
use std::time::Instant;

use geocoder::article::parse_article;
use geocoder::{geocode_article, Gazetteer};

const ARTICLES: usize = 10_000;

/// Sentences the generated articles are made of: French news prose with
/// place names, person names, organisations and common words.
const SENTENCES: &[&str] = &[
    "Des tirs d'artillerie ont été signalés sur la ville de Batken, près de l'enclave tadjike de Voroukh.",
    "Le président Kassym-Jomart Tokaïev a demandé l'aide de l'Organisation du traité de sécurité collective.",
    "À Almaty, la plus grande ville du Kazakhstan, les manifestants ont incendié la résidence présidentielle.",
    "Vladimir Poutine a reçu ses homologues du Tadjikistan et d'Ouzbékistan à Saint-Pétersbourg.",
    "Il y a de l'eau dans le gaz entre Moscou et Douchanbé, selon RT France et Sputnik Kazakhstan.",
    "Plus tôt cette semaine, des affrontements ont eu lieu à la frontière entre l'Arménie et l'Azerbaïdjan, près de Goris.",
    "Les talibans contrôlent désormais les passages frontaliers afghans avec le Pakistan et l'Iran.",
    "Une série d'attentats a frappé Tachkent, capitale de l'Ouzbékistan, et la région de Khodjent.",
    "the border guards reported that shelling continued overnight in several villages of the valley",
    "Au bord du chaos, le pays appelle à l'aide de ses alliés historiques de l'Union économique eurasiatique.",
];

fn main() {
    let data = std::env::var_os("GEOCODER_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data"));
    let started = Instant::now();
    let gazetteer = if data.join("gazetteer.tsv").is_file() {
        Gazetteer::load(&data).expect("the gazetteer loads")
    } else {
        eprintln!("{} has no gazetteer.tsv: using a small built-in gazetteer", data.display());
        Gazetteer::from_strs(BUILT_IN, "", "").expect("the built-in gazetteer loads")
    };
    let load = started.elapsed();
    println!("gazetteer: {} places, {} keys, loaded in {load:.2?}", gazetteer.places().len(), gazetteer.key_count());

    let articles: Vec<_> = (0..ARTICLES)
        .map(|n| {
            // About 3 KB each, a different mix of sentences per article.
            let mut text = format!("Article {n}\n\n");
            for k in 0..24 {
                text.push_str(SENTENCES[(n * 7 + k * 3) % SENTENCES.len()]);
                text.push(if k % 6 == 5 { '\n' } else { ' ' });
            }
            parse_article(&format!("{n:05}"), text)
        })
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();

    let started = Instant::now();
    let mut tokens = 0;
    for article in &articles {
        tokens += geocoder::tokenize::tokenize(&article.text).len();
    }
    let tokenizing = started.elapsed();
    let started = Instant::now();
    let mut names = 0;
    for article in &articles {
        let t = geocoder::tokenize::tokenize(&article.text);
        names += geocoder::matcher::find_names(&gazetteer, &article.text, &t, &article.masked).len();
    }
    let finding = started.elapsed();
    println!("  tokenizing alone: {tokens} tokens in {tokenizing:.2?}; tokenizing + finding {names} names: {finding:.2?}");

    let started = Instant::now();
    let mut mentions = 0;
    for article in &articles {
        mentions += geocode_article(&gazetteer, article).resolved.len();
    }
    let elapsed = started.elapsed();
    let megabytes = bytes as f64 / 1e6;
    println!(
        "matching: {ARTICLES} articles, {megabytes:.1} MB, {mentions} mentions in {elapsed:.2?}: {:.1} MB/s",
        megabytes / elapsed.as_secs_f64()
    );
}

const BUILT_IN: &str = "\
kg\tcountry\tKG\t\t41.46\t74.56\t0\t\tKyrgyzstan|Kirghizistan
kz\tcountry\tKZ\t\t48.0\t67.0\t0\t\tKazakhstan
tj\tcountry\tTJ\t\t38.8\t71.0\t0\t\tTajikistan|Tadjikistan
batken-1528675\tcity\tKG\t1528675\t40.06259\t70.81944\t26958\tKG-B\tBatken
almaty-1526384\tcity\tKZ\t1526384\t43.25\t76.91\t2000000\tKZ-75\tAlmaty
moscow-524901\tcity\tRU\t524901\t55.75\t37.61\t10000000\tRU-MOW\tMoscow|Moscou
";
