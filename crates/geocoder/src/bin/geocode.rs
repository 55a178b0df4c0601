//! `geocode`: finds the places a directory of articles names and writes
//! them as GeoJSON.
//!
//! ```text
//! geocode <articles-dir> --output <places.geojson> [--data data] [--report]
//! ```
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

/// Finds the places news articles name and writes them as GeoJSON.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Directory of articles (`*.txt`).
    articles: PathBuf,
    /// Where to write the places GeoJSON.
    #[arg(short, long)]
    output: PathBuf,
    /// Directory holding gazetteer.tsv, gazetteer-extra.tsv, common-words.tsv.
    #[arg(long, default_value = "data")]
    data: PathBuf,
    /// List every rejected or ambiguous candidate with the reason.
    #[arg(long)]
    report: bool,
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
    let gazetteer = geocoder::Gazetteer::load(&args.data)
        .with_context(|| format!("loading the gazetteer from {}", args.data.display()))?;
    let loaded = started.elapsed();
    let paths = geocoder::list_articles(&args.articles)
        .with_context(|| format!("listing the articles in {}", args.articles.display()))?;
    let progress = (std::io::stderr().is_terminal() && paths.len() >= PROGRESS_MIN_ARTICLES)
        .then(|| indicatif::ProgressBar::new(paths.len() as u64));
    // The records of the report cost time to build: only when asked for.
    let report = if args.report {
        geocoder::Report::Full
    } else {
        geocoder::Report::Counts
    };
    let outcome = geocoder::geocode_paths_with(
        &gazetteer,
        &paths,
        geocoder::Options::default(),
        report,
        |_| {
            if let Some(bar) = &progress {
                bar.inc(1);
            }
        },
    );
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let geojson = outcome
        .places
        .to_geojson_string()
        .context("serialising the places")?;
    write_atomically(&args.output, geojson.as_bytes())?;

    let mut stderr = std::io::stderr().lock();
    for warning in &outcome.warnings {
        writeln!(stderr, "geocode: warning: {warning}")?;
    }
    if args.report {
        for rejection in &outcome.rejected {
            writeln!(stderr, "rejected  {rejection}")?;
        }
        for ambiguity in &outcome.ambiguous {
            writeln!(stderr, "ambiguous {ambiguity}")?;
        }
    }
    let mentions: usize = outcome.places.places.iter().map(|p| p.mentions.len()).sum();
    writeln!(
        stderr,
        "geocode: {} articles, {} places, {} mentions, {} candidates rejected, {} ambiguous; \
         gazetteer {} places loaded in {:.0?}, total {:.0?} -> {}",
        outcome.places.articles.len(),
        outcome.places.places.len(),
        mentions,
        outcome.rejected_count,
        outcome.ambiguous_count,
        gazetteer.places().len(),
        loaded,
        started.elapsed(),
        args.output.display(),
    )?;
    Ok(outcome.warnings.is_empty())
}

/// Writes `bytes` to a temporary file next to `path`, then renames it over
/// `path`: readers see the old file or the new one, never half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file path", path.display()))?;
    let temporary = dir.join(format!(
        ".{}.tmp{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written =
        std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path));
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(error).with_context(|| format!("writing {}", path.display()));
    }
    Ok(())
}
