//! The whole run: list the articles, read, tokenize, match, resolve, collect.

use std::path::{Path, PathBuf};

use crate::article::{read_article, ArticleText, MAX_ARTICLE_BYTES};
use crate::error::{Error, Result, Warning};
use crate::gazetteer::Gazetteer;
use crate::matcher::find_names;
use crate::output::collect;
use crate::resolve::{resolve_with, Ambiguity, Rejection, Report, Resolution};
use crate::tokenize::tokenize;

/// Everything a geocoding run produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The places GeoJSON contract.
    pub places: model::PlaceCollection,
    /// Problems with single articles (each names its file).
    pub warnings: Vec<Warning>,
    /// Names found that were judged not to be place mentions (empty when
    /// the run asked for [`Report::Counts`]).
    pub rejected: Vec<Rejection>,
    /// Accepted names that several places bear, and the choice made
    /// (empty when the run asked for [`Report::Counts`]).
    pub ambiguous: Vec<Ambiguity>,
    /// How many names were rejected, whatever the report.
    pub rejected_count: usize,
    /// How many accepted names were ambiguous, whatever the report.
    pub ambiguous_count: usize,
}

/// Settings of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Articles larger than this are truncated to it, with a warning.
    pub max_article_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_article_bytes: MAX_ARTICLE_BYTES,
        }
    }
}

/// Geocodes every `*.txt` file of `dir`, in name order.
///
/// # Errors
/// [`Error::Io`] only when the directory cannot be listed; a bad article is
/// a [`Warning`] in the outcome.
pub fn geocode_dir(gazetteer: &Gazetteer, dir: &Path) -> Result<Outcome> {
    let paths = list_articles(dir)?;
    Ok(geocode_paths(gazetteer, &paths, Options::default(), |_| {}))
}

/// The `*.txt` files of a directory, sorted by name.
///
/// # Errors
/// [`Error::Io`] when the directory cannot be read.
pub fn list_articles(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.extension().is_some_and(|e| e == "txt") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// Geocodes the given article files, with the full report of rejections
/// and ambiguities; `on_article` is called after each (for a progress bar).
pub fn geocode_paths(
    gazetteer: &Gazetteer,
    paths: &[PathBuf],
    options: Options,
    on_article: impl FnMut(&Path),
) -> Outcome {
    geocode_paths_with(gazetteer, paths, options, Report::Full, on_article)
}

/// [`geocode_paths`], listing the rejections and ambiguities only when
/// `report` is [`Report::Full`] (they are counted either way). The places
/// are the same.
pub fn geocode_paths_with(
    gazetteer: &Gazetteer,
    paths: &[PathBuf],
    options: Options,
    report: Report,
    mut on_article: impl FnMut(&Path),
) -> Outcome {
    let mut outcome = Outcome::default();
    let mut articles = Vec::with_capacity(paths.len());
    for path in paths {
        let (article, warnings) = read_article(path, options.max_article_bytes);
        outcome.warnings.extend(warnings);
        if let Some(article) = article {
            let resolution = geocode_article_with(gazetteer, &article, report);
            outcome.rejected_count += resolution.rejected_count;
            outcome.ambiguous_count += resolution.ambiguous_count;
            outcome.rejected.extend(resolution.rejected);
            outcome.ambiguous.extend(resolution.ambiguous);
            articles.push((article, resolution.resolved));
        }
        on_article(path);
    }
    outcome.places = collect(gazetteer, &articles);
    outcome
}

/// Finds and resolves the place names of one article, with the full
/// report of rejections and ambiguities.
///
/// ```
/// let gazetteer = geocoder::Gazetteer::from_strs(
///     "batken-1528675\tcity\tKG\t1528675\t40.06\t70.82\t26958\tKG-B\tBatken\n\
///      kg\tcountry\tKG\t\t41.46\t74.56\t0\t\tKyrgyzstan|Kirghizistan\n",
///     "", "")?;
/// let article = geocoder::article::parse_article("a", "Des tirs à Batken, au Kirghizistan.".into());
/// let resolution = geocoder::geocode_article(&gazetteer, &article);
/// let starts: Vec<usize> = resolution.resolved.iter().map(|r| r.start).collect();
/// assert_eq!(starts, ["Des tirs à ".len(), "Des tirs à Batken, au ".len()]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn geocode_article(gazetteer: &Gazetteer, article: &ArticleText) -> Resolution {
    geocode_article_with(gazetteer, article, Report::Full)
}

/// [`geocode_article`], listing the rejections and ambiguities only when
/// `report` is [`Report::Full`]; [`Report::Counts`] is what a run that
/// only needs the places (and the counts) should ask for: it spares the
/// strings of every record.
///
/// ```
/// use geocoder::Report;
/// let gazetteer = geocoder::Gazetteer::from_strs(
///     "batken-1528675\tcity\tKG\t1528675\t40.06\t70.82\t26958\tKG-B\tBatken\n\
///      kg\tcountry\tKG\t\t41.46\t74.56\t0\t\tKyrgyzstan|Kirghizistan\n",
///     "", "")?;
/// let text = "Des tirs à Batken, au Kirghizistan. L'Organisation de Batken proteste.";
/// let article = geocoder::article::parse_article("a", text.into());
/// let full = geocoder::geocode_article_with(&gazetteer, &article, Report::Full);
/// let counts = geocoder::geocode_article_with(&gazetteer, &article, Report::Counts);
/// assert_eq!(full.resolved, counts.resolved);
/// assert_eq!((full.rejected.len(), full.rejected_count, counts.rejected_count), (1, 1, 1));
/// assert!(counts.rejected.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn geocode_article_with(
    gazetteer: &Gazetteer,
    article: &ArticleText,
    report: Report,
) -> Resolution {
    let tokens = tokenize(&article.text);
    let matches = find_names(gazetteer, &article.text, &tokens, &article.masked);
    resolve_with(gazetteer, article, &tokens, &matches, report)
}
