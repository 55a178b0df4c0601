//! `geocode`: finds the places a directory of articles names and writes
//! them as GeoJSON.
//!
//! ```text
//! geocode <articles-dir> --output <places.geojson> [--data DIR] [--report]
//!         [--threads N] [--cache DIR]
//! ```
//!
//! Articles are geocoded on every core (`--threads` to choose), the output
//! the same whatever the number. With `--cache DIR`, each article's
//! geocoding is stored there and reused while the article, the data and
//! the geocoder stay the same: a rerun after one article changed geocodes
//! that article only; so is a snapshot of the loaded gazetteer, read
//! back instead of the data files (a quarter of the load's time).
//!
//! The data directory (the one holding `gazetteer.tsv`) is, in order:
//! `--data DIR`; the `OTSC_DATA` environment variable; the first `data/`
//! found beside the executable or in a directory above it (a checkout's
//! `target/release/geocode` finds the checkout's `data/`); the first
//! `data/` in the current directory or above it; the `data/` of the source
//! checkout it was built from (so that `cargo install --path
//! crates/geocoder` works from anywhere while that checkout stays).
//!
//! A bad article is a warning naming the file and makes the exit code 1,
//! but the output is still written, atomically (temporary file + rename),
//! so a failed run never leaves a half-written file behind.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Parser;

/// The allocator: see the `mimalloc` dependency in Cargo.toml for why.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Finds the places news articles name and writes them as GeoJSON.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Directory of articles (`*.txt`).
    articles: PathBuf,
    /// Where to write the places GeoJSON.
    #[arg(short, long)]
    output: PathBuf,
    /// Directory holding gazetteer.tsv, gazetteer-extra.tsv, common-words.tsv
    /// [default: $OTSC_DATA, else the first data/ found beside the
    /// executable or above it, in the current directory or above it, or in
    /// the source checkout it was built from].
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// List every rejected or ambiguous candidate with the reason.
    #[arg(long)]
    report: bool,
    /// Threads to geocode on [default: one per core].
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Directory where each article's geocoding is kept and reused.
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
}

/// Articles from which a progress bar is worth drawing.
const PROGRESS_MIN_ARTICLES: usize = 200;

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("geocode: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs the geocoder; `Ok(false)` when some article had a problem.
fn run(args: &Args) -> anyhow::Result<bool> {
    let started = Instant::now();
    let data = find_data(
        args.data.as_deref(),
        std::env::var_os(DATA_VARIABLE)
            .map(PathBuf::from)
            .as_deref(),
        &search_path(),
    )?;
    let cache = args
        .cache
        .as_deref()
        .map(|dir| geocoder::Cache::open(dir, &data).context("opening the cache"))
        .transpose()?;
    // With a cache, the gazetteer is read from its snapshot there (a
    // fraction of the time parsing the data files takes).
    let gazetteer = match &cache {
        Some(cache) => {
            let (gazetteer, how) = cache.gazetteer(&data).context("loading the gazetteer")?;
            if let geocoder::Snapshot::Corrupt(why) = how {
                eprintln!("geocode: warning: the cache's gazetteer snapshot was corrupt ({why}): loaded from the data files and written anew");
            }
            gazetteer
        }
        None => geocoder::Gazetteer::load(&data).context("loading the gazetteer")?,
    };
    let loaded = started.elapsed();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("starting the threads")?;
    let paths = geocoder::list_articles(&args.articles).context("listing the articles")?;
    let progress = (std::io::stderr().is_terminal() && paths.len() >= PROGRESS_MIN_ARTICLES)
        .then(|| indicatif::ProgressBar::new(paths.len() as u64));
    // The records of the report cost time to build: only when asked for.
    let report = if args.report {
        geocoder::Report::Full
    } else {
        geocoder::Report::Counts
    };
    let options = geocoder::Options {
        cache: cache.as_ref(),
        ..geocoder::Options::default()
    };
    // Each article's places wait in a temporary file beside the output (as
    // large as the output, about): memory does not grow with the corpus.
    let spill_dir = output_dir(&args.output);
    let outcome = pool.install(|| {
        geocoder::geocode_paths_spilled(&gazetteer, &paths, options, report, spill_dir, |_| {
            if let Some(bar) = &progress {
                bar.inc(1);
            }
        })
    })?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    write_atomically(&args.output, |file| outcome.places.write_geojson(file))?;

    let mut stderr = std::io::stderr().lock();
    for warning in &outcome.warnings {
        writeln!(stderr, "geocode: warning: {warning}")?;
    }
    // The report's lines wait in a temporary file too (empty without
    // `--report`).
    outcome
        .places
        .write_report(std::io::BufWriter::with_capacity(1 << 16, &mut stderr))?;
    if cache.is_some() {
        let stats = &outcome.cache;
        writeln!(
            stderr,
            "geocode: cache: {} articles reused, {} geocoded and stored{}",
            stats.reused,
            stats.stored,
            stats
                .first_store_error
                .as_ref()
                .map_or(String::new(), |why| {
                    format!(", {} not stored ({why})", stats.unstored)
                })
        )?;
    }
    writeln!(
        stderr,
        "geocode: {} articles, {} places, {} mentions, {} candidates rejected, {} ambiguous; \
         gazetteer {} places loaded in {:.0?}, total {:.0?} on {} threads{} -> {}",
        outcome.places.articles(),
        outcome.places.places(),
        outcome.places.mentions(),
        outcome.rejected_count,
        outcome.ambiguous_count,
        gazetteer.places().len(),
        loaded,
        started.elapsed(),
        pool.current_num_threads(),
        peak_memory().map_or(String::new(), |mb| format!(", peak memory {mb} MB")),
        args.output.display(),
    )?;
    let clean = outcome.warnings.is_empty();
    // The process ends right after: freeing the run's hundreds of thousands
    // of strings one by one would cost a few per cent of the run, for
    // memory the system takes back at once anyway.
    std::mem::forget(outcome);
    std::mem::forget(gazetteer);
    Ok(clean)
}

/// The peak resident memory of this process in MB (Linux: `VmHWM`).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes / 1000)
}

/// The environment variable naming the data directory.
const DATA_VARIABLE: &str = "OTSC_DATA";

/// Whether `dir` is a data directory: it holds the gazetteer.
fn is_data_dir(dir: &Path) -> bool {
    dir.join(geocoder::gazetteer::GAZETTEER_FILE).is_file()
}

/// The `data/` directories searched when neither `--data` nor `OTSC_DATA`
/// says where the data is, in order: beside the executable and above it,
/// in the current directory and above it, in the source checkout.
fn search_path() -> Vec<PathBuf> {
    let beside_executable = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.canonicalize().ok())
        .and_then(|exe| Some(exe.parent()?.to_path_buf()));
    let current = std::env::current_dir().ok();
    let mut dirs: Vec<PathBuf> = [beside_executable, current]
        .iter()
        .flatten()
        .flat_map(|start| start.ancestors().map(|dir| dir.join("data")))
        .collect();
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data"));
    dirs
}

/// The data directory: the one given (`--data`, else `OTSC_DATA`), which
/// must hold the gazetteer, else the first of `search` that does.
///
/// # Errors
/// One sentence saying what is missing and how to point at it.
fn find_data(
    flag: Option<&Path>,
    variable: Option<&Path>,
    search: &[PathBuf],
) -> anyhow::Result<PathBuf> {
    let file = geocoder::gazetteer::GAZETTEER_FILE;
    let given = flag
        .map(|dir| (dir, "--data"))
        .or_else(|| variable.map(|dir| (dir, DATA_VARIABLE)));
    if let Some((dir, source)) = given {
        anyhow::ensure!(
            is_data_dir(dir),
            "{} (from {source}) holds no {file}: point --data or {DATA_VARIABLE} at the \
             directory that does, the data/ of the otsc-map repository",
            dir.display(),
        );
        return Ok(dir.to_path_buf());
    }
    search
        .iter()
        .find(|dir| is_data_dir(dir))
        .cloned()
        .with_context(|| {
            format!(
                "no data directory with {file} found beside the executable, in the current \
                 directory or in the source checkout: pass --data DIR or set {DATA_VARIABLE}=DIR, \
                 DIR being the data/ of the otsc-map repository"
            )
        })
}

/// The directory a file `path` is written in.
fn output_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes a temporary file next to `path` with `write` (through a buffer),
/// then renames it over `path`: readers see the old file or the new one,
/// never half of one.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let dir = output_dir(path);
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file path", path.display()))?;
    let temporary = dir.join(format!(
        ".{}.tmp{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = std::fs::File::create(&temporary)
        .and_then(|file| {
            let mut buffered = std::io::BufWriter::with_capacity(1 << 16, file);
            write(&mut buffered)?;
            buffered.into_inner().map(drop).map_err(|e| e.into_error())
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(error).with_context(|| format!("writing {}", path.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_then_the_variable_then_the_search() {
        let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
        for dir in &dirs {
            std::fs::write(dir.path().join("gazetteer.tsv"), "").unwrap();
        }
        let [flag, variable, searched] = [0, 1, 2].map(|i| dirs[i].path());
        let search = [PathBuf::from("/nonexistent/data"), searched.to_path_buf()];
        let found = |f, v| find_data(f, v, &search).unwrap();
        assert_eq!(found(Some(flag), Some(variable)), flag);
        assert_eq!(found(None, Some(variable)), variable);
        assert_eq!(found(None, None), searched);
    }

    #[test]
    fn what_is_missing_is_one_sentence_saying_how_to_point_at_it() {
        let empty = tempfile::tempdir().unwrap();
        let nothing = find_data(None, None, &[empty.path().join("data")]).unwrap_err();
        let wrong = find_data(Some(empty.path()), None, &[]).unwrap_err();
        let wrong_variable = find_data(None, Some(empty.path()), &[]).unwrap_err();
        for error in [&nothing, &wrong, &wrong_variable] {
            let message = format!("{error:#}");
            assert!(message.contains("gazetteer.tsv"), "{message}");
            assert!(
                message.contains("--data") && message.contains("OTSC_DATA"),
                "{message}"
            );
            assert_eq!(message.matches(". ").count(), 0, "one sentence: {message}");
        }
        assert!(format!("{wrong:#}").contains(&*empty.path().to_string_lossy()));
        assert!(format!("{wrong_variable:#}").contains("(from OTSC_DATA)"));
    }
}
