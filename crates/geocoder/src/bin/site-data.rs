//! `site-data`: geocodes a folder of articles and writes the data files of
//! the map site into a folder.
//!
//! ```text
//! site-data <articles-dir> <site-dir> [--data data] [--cache DIR]
//! ```
//!
//! With `--cache DIR` (the Trunk hook passes `.cache/site-data`), an
//! article whose bytes, the data files and this executable did not change
//! since the last build is not geocoded again ([`geocoder::Cache`]): a
//! rebuild after one article changed geocodes that article only, and the
//! files written are the same as without the cache.
//!
//! Trunk runs it as a `pre_build` hook with the build's own staging folder
//! (`$TRUNK_STAGING_DIR`, see `Trunk.toml`), so what `dist/` publishes
//! always comes from the same build as the map: no target path is guessed
//! and nothing is copied from an earlier build. The files are listed by
//! [`geocoder::site_files`] and [`geocoder::zone_and_search_files`] (their
//! formats are `model::site`); `data/zones.tsv` names zones by hand.
//!
//! A bad article is a warning naming the file, never a failure: the other
//! articles are still mapped. A missing gazetteer or an unwritable folder
//! fails the build with a message naming the file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

/// Geocodes articles and writes the map site's data files.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Directory of articles (`*.txt`).
    articles: PathBuf,
    /// The site folder to write the data files into (created if missing).
    site: PathBuf,
    /// Directory holding the gazetteer files and `basemap.json`.
    #[arg(long, default_value = "data")]
    data: PathBuf,
    /// Reuse and store each article's geocoding in this directory.
    #[arg(long)]
    cache: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("site-data: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> anyhow::Result<()> {
    let cache = args
        .cache
        .as_deref()
        .map(|dir| {
            geocoder::Cache::open(dir, &args.data)
                .with_context(|| format!("opening the cache {}", dir.display()))
        })
        .transpose()?;
    // With a cache (the site's rebuilds), the gazetteer is read from its
    // snapshot there, as `geocode` does.
    let loading = || format!("loading the gazetteer from {}", args.data.display());
    let gazetteer = match &cache {
        Some(cache) => {
            let (gazetteer, how) = cache.gazetteer(&args.data).with_context(loading)?;
            if let geocoder::Snapshot::Corrupt(why) = how {
                eprintln!("site-data: warning: the cache's gazetteer snapshot was corrupt ({why}): loaded from the data files and written anew");
            }
            gazetteer
        }
        None => geocoder::Gazetteer::load(&args.data).with_context(loading)?,
    };
    let paths = geocoder::list_articles(&args.articles)
        .with_context(|| format!("listing the articles in {}", args.articles.display()))?;
    let options = geocoder::Options {
        cache: cache.as_ref(),
        ..geocoder::Options::default()
    };
    // Only the places are written: the rejection records are counted, not
    // listed (and a cached article has none to list).
    let outcome = geocoder::geocode_paths_with(
        &gazetteer,
        &paths,
        options,
        geocoder::Report::Counts,
        |_| {},
    );
    if cache.is_some() {
        let stats = &outcome.cache;
        eprintln!(
            "site-data: cache: {} articles reused, {} geocoded{}",
            stats.reused,
            stats.stored + stats.unstored,
            stats
                .first_store_error
                .as_ref()
                .map_or(String::new(), |why| format!(
                    " ({} not stored: {why})",
                    stats.unstored
                ))
        );
    }
    for warning in &outcome.warnings {
        eprintln!("site-data: warning: {warning}");
    }
    let basemap = read_basemap(&args.data.join("basemap.json"))?;
    let hand_zones = geocoder::zones::HandZones::load(&args.data, |id| {
        gazetteer
            .places()
            .iter()
            .find(|p| p.id == id)
            .map(|p| (p.lon, p.lat))
    })?;
    let mut files = geocoder::site_files(&outcome.places, &basemap)?;
    files.extend(geocoder::zone_and_search_files(
        &gazetteer,
        &outcome.places,
        &basemap,
        &hand_zones,
    )?);
    let mut bytes = 0;
    for file in &files {
        let path = args.site.join(&file.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        std::fs::write(&path, &file.bytes)
            .with_context(|| format!("writing {}", path.display()))?;
        bytes += file.bytes.len();
    }
    eprintln!(
        "site-data: {} articles, {} places -> {} files ({} KB) in {}",
        outcome.places.articles.len(),
        outcome.places.places.len(),
        files.len(),
        bytes / 1024,
        args.site.display(),
    );
    Ok(())
}

/// The basemap as the basemap tool wrote it, or an empty one (with a
/// warning) while `data/basemap.json` has not been built.
fn read_basemap(path: &Path) -> anyhow::Result<model::Basemap> {
    if !path.exists() {
        eprintln!(
            "site-data: warning: {} is missing: the map has no country outlines",
            path.display()
        );
        return Ok(model::Basemap::default());
    }
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    model::Basemap::from_json_str(&text).with_context(|| format!("reading {}", path.display()))
}
