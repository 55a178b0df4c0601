//! Finds the places that news articles name and resolves them offline.
//!
//! The pipeline, one module per step:
//!
//! - [`article`]: reads a file (UTF-8, else Windows-1252; binary, empty and
//!   oversized files become [`Warning`]s), parses its header, detects its
//!   language, cuts sentences for excerpts;
//! - [`dates`]: the article's date, normalised from its header or inferred
//!   from the explicit dates of its text (month names from CLDR);
//! - [`tokenize`]: word tokens with byte offsets (`d'Almaty` gives `Almaty`);
//! - [`normalize`]: folding and transliteration keys (`Voroukh` = `Vorukh`);
//! - [`gazetteer`]: loads `data/gazetteer.tsv` (+ hand-kept extras and the
//!   common-words list) into a hash index of name keys;
//! - [`matcher`]: leftmost-longest lookups of 1–4-token windows;
//! - [`resolve`]: not-a-place rules (organisations, persons, common words)
//!   and homonym ranking by the article's context; [`text_words`]: the words
//!   it reads around names, by role (`data/text-words.tsv`,
//!   `data/subdivision-words.txt`);
//! - [`output`]: the [`model::PlaceCollection`] with excerpts;
//! - [`zones`]: conflict zones, places named together that lie near each
//!   other; [`search`]: the keys of the search box;
//! - [`cache`]: each article's geocoding, reused while the article, the
//!   data and the geocoder stay the same.
//!
//! [`geocode_paths_with`] runs the steps for every article on every core,
//! each article on its own (a failing one is a [`Warning`]), the output
//! the same whatever the number of threads.
//!
//! ```
//! use geocoder::{Gazetteer, geocode_dir};
//!
//! let dir = tempfile::tempdir()?;
//! std::fs::write(dir.path().join("a.txt"), "Combats à Batken\n\nDes tirs sur Batken, au Kirghizistan.")?;
//! let gazetteer = Gazetteer::from_strs(
//!     "batken-1528675\tcity\tKG\t1528675\t40.06259\t70.81944\t26958\tKG-B\tBatken\n\
//!      kg\tcountry\tKG\t\t41.46\t74.56\t0\t\tKyrgyzstan|Kirghizistan\n",
//!     "", "")?;
//! let outcome = geocode_dir(&gazetteer, dir.path())?;
//! let ids: Vec<&str> = outcome.places.places.iter().map(|p| p.id.as_str()).collect();
//! assert_eq!(ids, ["batken-1528675", "kg"]);
//! assert_eq!(outcome.places.places[0].mentions.len(), 2);
//! let geojson = outcome.places.to_geojson_string()?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod article;
pub mod cache;
pub mod dates;
mod error;
pub mod gazetteer;
pub mod matcher;
pub mod normalize;
mod output;
mod pipeline;
mod place_names;
mod records;
pub mod resolve;
pub mod search;
pub mod text_words;
pub mod tokenize;
pub mod zones;

pub use cache::{Cache, Snapshot};
pub use error::{Error, Result, Warning, WarningKind};
pub use gazetteer::Gazetteer;
pub use output::{mention, site_files, zone_and_search_files};
pub use pipeline::{
    geocode_article, geocode_article_with, geocode_dir, geocode_paths, geocode_paths_spilled,
    geocode_paths_with, list_articles, CacheStats, Options, Outcome,
};
pub use records::Collected;
pub use resolve::{Ambiguity, Reason, Rejection, Report, Resolution, Resolved};

/// The repository's own texts: every file under `seeds/` and the quality
/// fixtures that reads as UTF-8 (articles, gold files, specs), for the tests
/// that check a fast path against its reference on real text.
#[cfg(test)]
pub(crate) fn repository_texts() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut texts = Vec::new();
    for dir in ["seeds", "crates/geocoder/tests/fixtures"] {
        let mut stack = vec![root.join(dir)];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                texts.push(text);
            }
        }
    }
    texts
}
