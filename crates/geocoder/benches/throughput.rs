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
//! Then end to end, as `geocode` runs: the same kind of corpus written to
//! files, at two sizes (a fifth of `E2E_MEGABYTES` and the whole, 50 MB by
//! default: 10 and 50 MB), or the `*.txt` files of `E2E_CORPUS` (e.g.
//! `scripts/gen-corpus DIR --articles 10000`), read, geocoded and written
//! as GeoJSON (through a spill file, as `geocode` does), at 1 thread and at
//! every core, with the output's size and the peak memory (RSS) of the
//! `geocode` binary run on the corpus in a process of its own (the
//! allocator of this one keeps what the previous corpus used), then side
//! by side in a table: a row per corpus size, so that one sees whether
//! memory grows with the corpus.
//!
//! Uses the real `data/` of the workspace when `data/gazetteer.tsv` exists
//! (set `GEOCODER_DATA` to point elsewhere), else a small built-in one.
//! Under CI (`CI` set) it makes one quick pass: fewer articles, 1 and 5 MB
//! end to end, one run per phase.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use geocoder::article::{parse_article, ArticleText};
use geocoder::{
    geocode_article_with, geocode_paths_spilled, list_articles, Cache, CacheStats, Gazetteer,
    Options, Report,
};

/// The allocator of the `geocode` binary (see the `mimalloc` dependency),
/// so that the figures in process are those of the binary.
#[cfg(feature = "cli")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ARTICLE_BYTES: usize = 4_000;

/// Whether this is the quick pass of CI.
fn quick() -> bool {
    std::env::var_os("CI").is_some()
}

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
    let data = data_dir();
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
    let count = if quick() { 600 } else { 6_000 };
    let articles: Vec<ArticleText> = (0..count)
        .map(|n| parse_article(&format!("{n:05}"), article_text(&news, n)))
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
                geocoder::matcher::find_names(
                    &gazetteer,
                    &geocoder::normalize::TokenFolds::new(&a.text, &t),
                    &a.masked,
                )
                .len()
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
        "matching: {count} articles, {megabytes:.1} MB, {mentions} mentions ({:.1} per KB) in {elapsed:.2?} ({}): {:.1} MB/s",
        mentions as f64 / (bytes as f64 / 1e3),
        if cpu_time().is_some() { "CPU time, best of 3" } else { "wall time, best of 3" },
        megabytes / elapsed.as_secs_f64()
    );
    drop(articles);
    end_to_end(&gazetteer, &news);
}

/// Article `n` of the generated corpus: news and plain paragraphs
/// alternate, a different deterministic mix per article, until it is long
/// enough.
fn article_text(news: &[String], n: usize) -> String {
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
    text
}

/// One end-to-end measure: a corpus at a number of threads.
struct EndToEnd {
    megabytes: f64,
    threads: usize,
    /// Wall time of the best run.
    wall: Duration,
    /// CPU time of the best run, where Linux gives it.
    cpu: Option<Duration>,
    /// Peak RSS of `geocode` on the corpus, in MB (the gazetteer included).
    peak_rss: Option<u64>,
    /// Size of the GeoJSON written.
    output: u64,
}

impl EndToEnd {
    /// What the side-by-side table shows of it.
    fn cell(&self) -> String {
        format!(
            "{:.1} MB/s{}, peak RSS {}, output {:.1} MB",
            self.megabytes / self.wall.as_secs_f64(),
            self.cpu.map_or(String::new(), |cpu| format!(
                " ({:.1} per CPU-s)",
                self.megabytes / cpu.as_secs_f64()
            )),
            self.peak_rss
                .map_or("unknown".to_owned(), |mb| format!("{mb} MB")),
            self.output as f64 / 1e6,
        )
    }
}

/// Reading, geocoding and writing a corpus of files, as `geocode` does
/// (the gazetteer already loaded), at one thread and at every core, on
/// two corpus sizes (a fifth of `E2E_MEGABYTES` and the whole, smaller
/// first) so that the table shows whether memory grows with the corpus;
/// or on the one corpus of `E2E_CORPUS`.
fn end_to_end(gazetteer: &Gazetteer, news: &[String]) {
    let megabytes: usize = std::env::var("E2E_MEGABYTES")
        .ok()
        .and_then(|m| m.parse().ok())
        .unwrap_or(if quick() { 5 } else { 50 });
    let output_dir = tempfile::tempdir().expect("a temporary directory");
    let output = output_dir.path().join("places.geojson");
    // The generated corpora, kept until the end (the cache runs use the largest).
    let mut generated = Vec::new();
    // (directory, files, bytes) of each corpus.
    let corpora: Vec<(PathBuf, usize, usize)> = match std::env::var_os("E2E_CORPUS") {
        // A corpus of one's own, e.g. `scripts/gen-corpus DIR --articles 10000`.
        Some(dir) => {
            let dir = PathBuf::from(dir);
            let paths = list_articles(&dir).expect("E2E_CORPUS listed");
            let bytes: u64 = paths
                .iter()
                .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
                .sum();
            vec![(dir, paths.len(), bytes as usize)]
        }
        None => {
            let mut sizes = vec![(megabytes / 5).max(1), megabytes.max(1)];
            sizes.dedup();
            sizes
                .into_iter()
                .map(|size| {
                    let dir = tempfile::tempdir().expect("a temporary directory");
                    let (mut bytes, mut n) = (0, 0);
                    while bytes < size * 1_000_000 {
                        let text = article_text(news, n);
                        bytes += text.len();
                        std::fs::write(dir.path().join(format!("{n:06}.txt")), text)
                            .expect("corpus written");
                        n += 1;
                    }
                    let path = dir.path().to_path_buf();
                    generated.push(dir);
                    (path, n, bytes)
                })
                .collect()
        }
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut thread_counts = vec![1];
    if cores > 1 {
        thread_counts.push(cores);
    }
    let runs = if quick() { 1 } else { 3 };
    let mut table: Vec<(String, Vec<EndToEnd>)> = Vec::new();
    for (corpus, n, bytes) in &corpora {
        let megabytes = *bytes as f64 / 1e6;
        let mut row = Vec::new();
        for &threads in &thread_counts {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool");
            // Best of the runs by CPU time where Linux gives it (the machine
            // is shared: wall time counts the waits for a core too).
            let (phases, cpu) = (0..runs)
                .map(|_| {
                    let before = cpu_time();
                    let (phases, _) = pool.install(|| run(gazetteer, corpus, &output, None));
                    let cpu = before.zip(cpu_time()).map(|(b, a)| a.saturating_sub(b));
                    (phases, cpu)
                })
                .min_by_key(|(phases, cpu)| cpu.unwrap_or_else(|| phases.iter().sum()))
                .expect("one run");
            let measure = EndToEnd {
                megabytes,
                threads,
                wall: phases.iter().sum(),
                cpu,
                peak_rss: peak_rss_of_geocode(corpus, threads),
                output: std::fs::metadata(&output).map_or(0, |m| m.len()),
            };
            println!(
                "end to end: {n} files, {megabytes:.1} MB, {threads} thread{}, best of {runs}: \
                 {:.2?} wall (reading + geocoding {:.2?}, writing the GeoJSON {:.2?}){}: {}",
                if threads == 1 { "" } else { "s" },
                measure.wall,
                phases[0],
                phases[1],
                cpu.map_or(String::new(), |cpu| format!(", {cpu:.2?} CPU")),
                measure.cell(),
            );
            row.push(measure);
        }
        table.push((format!("{megabytes:.1} MB, {n} files"), row));
    }
    print_side_by_side(&table);
    // The rebuild after one article changed, with the cache, on every core.
    let cache_dir = tempfile::tempdir().expect("a temporary directory");
    let data = data_dir();
    // Not on an E2E_CORPUS: it edits an article of the corpus.
    if let (true, Some(largest)) = (data.join("gazetteer.tsv").is_file(), generated.last()) {
        let corpus = largest.path();
        let cache = Cache::open(cache_dir.path(), &data).expect("the cache opens");
        let mut line = String::from("end to end with --cache, every core:");
        for label in ["cold", "warm", "one article changed"] {
            if label == "one article changed" {
                let changed = corpus.join("000007.txt");
                let text = std::fs::read_to_string(&changed).expect("an article");
                std::fs::write(&changed, text + "\n\nDes tirs à Batken.").expect("written");
            }
            let (phases, stats) = run(gazetteer, corpus, &output, Some(&cache));
            let elapsed: Duration = phases.iter().sum();
            line += &format!(
                " {label} {elapsed:.2?} ({} reused, {} geocoded);",
                stats.reused, stats.stored
            );
        }
        println!("{}", line.trim_end_matches(';'));
    }
}

/// The end-to-end table: a row per corpus, a column per thread count.
fn print_side_by_side(table: &[(String, Vec<EndToEnd>)]) {
    let Some((_, first)) = table.first() else {
        return;
    };
    let headers: Vec<String> = first
        .iter()
        .map(|m| {
            format!(
                "{} thread{}",
                m.threads,
                if m.threads == 1 { "" } else { "s" }
            )
        })
        .collect();
    let label_width = table
        .iter()
        .map(|(label, _)| label.len())
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = (0..headers.len())
        .map(|column| {
            table
                .iter()
                .filter_map(|(_, row)| row.get(column).map(|m| m.cell().len()))
                .chain([headers[column].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    println!("end to end, side by side (MB/s by wall time, and per CPU-second; best of the runs):");
    let line = |label: &str, cells: Vec<String>| {
        let cells: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        let line = format!("  {label:<label_width$} | {}", cells.join(" | "));
        println!("{}", line.trim_end());
    };
    line("", headers.clone());
    for (label, row) in table {
        line(label, row.iter().map(EndToEnd::cell).collect());
    }
}

/// One `geocode` run over the corpus: the time of reading and geocoding,
/// of writing the GeoJSON; and what the cache did.
fn run(
    gazetteer: &Gazetteer,
    corpus: &Path,
    output: &Path,
    cache: Option<&Cache>,
) -> ([Duration; 2], CacheStats) {
    let started = Instant::now();
    let paths = list_articles(corpus).expect("corpus listed");
    let options = Options {
        cache,
        ..Options::default()
    };
    let spill_dir = output.parent().expect("the output is in a directory");
    let outcome = geocode_paths_spilled(
        gazetteer,
        &paths,
        options,
        Report::Counts,
        spill_dir,
        |_| {},
    )
    .expect("places spilled");
    let geocoded = started.elapsed();
    // As `geocode` writes it: straight to a buffered file.
    let file = std::fs::File::create(output).expect("output created");
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, file);
    outcome
        .places
        .write_geojson(&mut buffered)
        .expect("output written");
    drop(buffered);
    let written = started.elapsed();
    ([geocoded, written - geocoded], outcome.cache)
}

/// The data directory: `GEOCODER_DATA`, else the workspace's `data/`.
fn data_dir() -> PathBuf {
    std::env::var_os("GEOCODER_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data"))
}

/// The peak RSS in MB of the `geocode` binary run on `corpus` at
/// `threads` threads, in a process of its own: this process's allocator
/// keeps the memory of the corpora before (its own peak says nothing of a
/// run's), and the binary reports its peak (Linux: `VmHWM`) in its summary.
fn peak_rss_of_geocode(corpus: &Path, threads: usize) -> Option<u64> {
    let output = tempfile::tempdir().expect("a temporary directory");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_geocode"))
        .arg(corpus)
        .arg("--output")
        .arg(output.path().join("places.geojson"))
        .arg("--data")
        .arg(data_dir())
        .arg("--threads")
        .arg(threads.to_string())
        .output()
        .expect("geocode runs");
    let summary = String::from_utf8_lossy(&run.stderr);
    let peak = summary.split(", peak memory ").nth(1)?;
    peak.split(' ').next()?.parse().ok()
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
