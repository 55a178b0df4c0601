//! Build script: geocodes the articles in `seeds/` and stages the data the
//! app embeds.
//!
//! Writes to `$OUT_DIR`:
//! - `places.geojson`: every place the articles name (the app embeds it with
//!   `include_str!`); a copy goes to `<target>/site/places.geojson`, which
//!   the Trunk `post_build` hook puts next to `index.html`;
//! - `basemap.json`: `data/basemap.json` as written by the basemap tool, or
//!   an empty basemap while that file does not exist yet (never committed).
//!
//! A broken article never fails the build: the geocoder reports it as a
//! warning naming the file, and it becomes a `cargo:warning=` line.

use std::path::{Path, PathBuf};

use anyhow::Context;

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    // `OTSC_SEEDS=<dir>` builds the map of another folder of articles (the
    // site benchmark's generated corpora); `seeds/` otherwise.
    println!("cargo:rerun-if-env-changed=OTSC_SEEDS");
    let seeds = std::env::var_os("OTSC_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("seeds"));
    let data = root.join("data");
    watch(&seeds)?;
    watch(&data)?;

    let places = geocode(&seeds, &data)?;
    let geojson = places
        .to_geojson_string()
        .context("serialising the places")?;
    write(&out_dir.join("places.geojson"), &geojson)?;
    let site = target_dir(&out_dir).join("site");
    std::fs::create_dir_all(&site).with_context(|| format!("creating {}", site.display()))?;
    write(&site.join("places.geojson"), &geojson)?;

    let basemap_path = data.join("basemap.json");
    let basemap = if basemap_path.exists() {
        std::fs::read_to_string(&basemap_path)
            .with_context(|| format!("reading {}", basemap_path.display()))?
    } else {
        println!(
            "cargo:warning={} is missing: the map has no country outlines",
            basemap_path.display()
        );
        r#"{"arcs":[],"countries":[]}"#.to_owned()
    };
    write(&out_dir.join("basemap.json"), &basemap)?;
    Ok(())
}

/// Runs the geocoder over every article; per-file problems become warnings.
fn geocode(seeds: &Path, data: &Path) -> anyhow::Result<model::PlaceCollection> {
    let gazetteer = geocoder::Gazetteer::load(data)
        .with_context(|| format!("loading the gazetteer from {}", data.display()))?;
    let outcome = geocoder::geocode_dir(&gazetteer, seeds)
        .with_context(|| format!("geocoding the articles in {}", seeds.display()))?;
    for warning in &outcome.warnings {
        // One line per warning: cargo shows each `cargo:warning` line apart.
        let text = warning.to_string().replace('\n', " ");
        println!("cargo:warning={text}");
    }
    Ok(outcome.places)
}

/// Asks cargo to rerun when a directory or any file in it changes (cargo
/// only compares a directory's own mtime, which editing a file in place
/// does not touch).
fn watch(dir: &Path) -> anyhow::Result<()> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_file() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    Ok(())
}

/// The cargo target directory, found from `OUT_DIR`
/// (`<target>[/<triple>]/<profile>/build/<pkg>-<hash>/out`): the farthest
/// ancestor holding cargo's `CACHEDIR.TAG` (cargo tags `<target>/<triple>`
/// too: the nearest one would be the wasm build's own directory, not the
/// `<target>/site` the Trunk hook copies from), else the directory above the
/// profile's.
fn target_dir(out_dir: &Path) -> PathBuf {
    if let Some(tagged) = out_dir
        .ancestors()
        .filter(|dir| dir.join("CACHEDIR.TAG").is_file())
        .last()
    {
        return tagged.to_path_buf();
    }
    out_dir.ancestors().nth(4).unwrap_or(out_dir).to_path_buf()
}

fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    // Leave an identical file alone so its mtime does not wake up watchers.
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}
