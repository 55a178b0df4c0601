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
    let seeds = root.join("seeds");
    let data = root.join("data");
    watch(&seeds)?;
    watch(&data)?;

    let places = geocode(&seeds, &data)?;
    let geojson = places.to_geojson_string().context("serialising the places")?;
    write(&out_dir.join("places.geojson"), &geojson)?;
    let site = target_dir(&out_dir).join("site");
    std::fs::create_dir_all(&site).with_context(|| format!("creating {}", site.display()))?;
    write(&site.join("places.geojson"), &geojson)?;

    let basemap_path = data.join("basemap.json");
    let basemap = if basemap_path.exists() {
        std::fs::read_to_string(&basemap_path)
            .with_context(|| format!("reading {}", basemap_path.display()))?
    } else {
        println!("cargo:warning={} is missing: the map has no country outlines", basemap_path.display());
        r#"{"arcs":[],"countries":[]}"#.to_owned()
    };
    write(&out_dir.join("basemap.json"), &basemap)?;
    Ok(())
}

/// INTERIM until the geocoder library lands: finds a few hand-listed names
/// in the articles so the app has realistic data to draw.
fn geocode(seeds: &Path, _data: &Path) -> anyhow::Result<model::PlaceCollection> {
    use model::PlaceKind::*;
    let table: &[(&str, &str, model::PlaceKind, &str, f64, f64, &[&str])] = &[
        ("kg", "Kyrgyzstan", Country, "KG", 74.5, 41.5, &["Kirghizistan", "Kirghizstan"]),
        ("tj", "Tajikistan", Country, "TJ", 70.9, 38.9, &["Tadjikistan"]),
        ("kz", "Kazakhstan", Country, "KZ", 67.0, 48.0, &["Kazakhstan"]),
        ("ru", "Russia", Country, "RU", 45.0, 56.0, &["Russie"]),
        ("am", "Armenia", Country, "AM", 44.9, 40.2, &["Arménie"]),
        ("af", "Afghanistan", Country, "AF", 66.0, 34.0, &["Afghanistan"]),
        ("batken-1528675", "Batken", City, "KG", 70.81944, 40.06259, &["Batken"]),
        ("vorukh-1", "Vorukh", Village, "TJ", 70.575, 39.85, &["Vorukh", "Voroukh"]),
        ("isfara-1221874", "Isfara", City, "TJ", 70.62, 40.13, &["Isfara"]),
        ("almaty-1526384", "Almaty", City, "KZ", 76.92861, 43.25667, &["Almaty"]),
        ("moscow-524901", "Moscow", City, "RU", 37.61556, 55.75222, &["Moscou"]),
        ("washington-4140963", "Washington", City, "US", -77.03637, 38.89511, &["Washington"]),
    ];
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut collection = model::PlaceCollection::default();
    let mut places: Vec<model::Place> = table
        .iter()
        .map(|&(id, name, kind, country, lon, lat, _)| model::Place {
            id: id.into(), name: name.into(), kind, country: Some(country.into()),
            geonameid: id.rsplit('-').next().and_then(|n| n.parse().ok()), lon, lat, mentions: vec![],
        })
        .collect();
    for file in &files {
        let text = std::fs::read_to_string(file)?;
        let id = file.file_stem().unwrap().to_string_lossy().into_owned();
        let title = text.lines().find(|l| !l.trim().is_empty() && !l.contains("http")).unwrap_or("").trim();
        let url = text.lines().next().and_then(|l| l.split_whitespace().find(|w| w.starts_with("http")));
        collection.articles.push(model::Article {
            id: id.clone(), title: title.into(), date: None, url: url.map(Into::into),
            lang: Some("fr".into()), text: if url.is_none() { Some(text.clone()) } else { None },
        });
        for (place, row) in places.iter_mut().zip(table) {
            for needle in row.6 {
                for (start, _) in text.match_indices(needle) {
                    let excerpt_start = text[..start].rfind(['\n', '.']).map_or(0, |i| i + 1);
                    let excerpt_end = text[start..].find(['\n', '.']).map_or(text.len(), |i| start + i + 1);
                    place.mentions.push(model::Mention {
                        article: id.clone(), text: needle.to_string(), start, end: start + needle.len(),
                        excerpt: text[excerpt_start..excerpt_end].into(), excerpt_start,
                    });
                }
            }
        }
    }
    places.retain(|p| !p.mentions.is_empty());
    collection.places = places;
    Ok(collection)
}

/// Asks cargo to rerun when a directory or any file in it changes (cargo
/// only compares a directory's own mtime, which editing a file in place
/// does not touch).
fn watch(dir: &Path) -> anyhow::Result<()> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
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
/// (`<target>[/<triple>]/<profile>/build/<pkg>-<hash>/out`): the nearest
/// ancestor holding cargo's `CACHEDIR.TAG`, else the directory above the
/// profile's.
fn target_dir(out_dir: &Path) -> PathBuf {
    if let Some(tagged) = out_dir.ancestors().find(|dir| dir.join("CACHEDIR.TAG").is_file()) {
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
