//! The whole run: list the articles, read, tokenize, match, resolve, collect.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

use crate::article::{read_article, ArticleText, MAX_ARTICLE_BYTES};
use crate::error::{Error, Result, Warning, WarningKind};
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
///
/// Each article is geocoded on its own: if anything goes wrong with one,
/// even a bug of the geocoder that panics, that article becomes a
/// [`WarningKind::Failed`](crate::WarningKind::Failed) warning naming its
/// file and the others are still geocoded.
pub fn geocode_paths_with(
    gazetteer: &Gazetteer,
    paths: &[PathBuf],
    options: Options,
    report: Report,
    on_article: impl FnMut(&Path),
) -> Outcome {
    geocode_paths_using(
        gazetteer,
        paths,
        options,
        report,
        geocode_article_with,
        on_article,
    )
}

/// The geocoding of one read article: [`geocode_article_with`], or, in
/// tests, a function that fails on purpose.
type GeocodeFn = fn(&Gazetteer, &ArticleText, Report) -> Resolution;

/// [`geocode_paths_with`], geocoding each article with `geocode`.
fn geocode_paths_using(
    gazetteer: &Gazetteer,
    paths: &[PathBuf],
    options: Options,
    report: Report,
    geocode: GeocodeFn,
    mut on_article: impl FnMut(&Path),
) -> Outcome {
    let mut outcome = Outcome::default();
    let mut articles = Vec::with_capacity(paths.len());
    for path in paths {
        let result = geocode_isolated(path, |path| {
            let (article, warnings) = read_article(path, options.max_article_bytes);
            let geocoded = article.map(|article| {
                let resolution = geocode(gazetteer, &article, report);
                (article, resolution)
            });
            (geocoded, warnings)
        });
        let (geocoded, warnings) = result.unwrap_or_else(|failed| (None, vec![failed]));
        outcome.warnings.extend(warnings);
        if let Some((article, resolution)) = geocoded {
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

/// Runs `work` on the article at `path`, turning a panic into a
/// [`WarningKind::Failed`] warning naming the file, so that one article's
/// failure never costs the others.
///
/// Nothing is shared between articles but the gazetteer, which is only
/// read: a panic midway through one article leaves nothing half-changed
/// for the next, hence the `AssertUnwindSafe`.
fn geocode_isolated<T>(
    path: &Path,
    work: impl FnOnce(&Path) -> T,
) -> std::result::Result<T, Warning> {
    std::panic::catch_unwind(AssertUnwindSafe(|| work(path))).map_err(|payload| {
        // `panic!("...")` carries a `&str`, `panic!("{x}")` a `String`.
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Warning {
            path: path.to_path_buf(),
            kind: WarningKind::Failed(message),
        }
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Geocodes normally, except the article `b_poison`, on which it
    /// panics as a bug of the geocoder would.
    fn panics_on_poison(
        gazetteer: &Gazetteer,
        article: &ArticleText,
        report: Report,
    ) -> Resolution {
        assert!(article.id != "b_poison", "a geocoder bug on {}", article.id);
        geocode_article_with(gazetteer, article, report)
    }

    #[test]
    fn a_panicking_article_is_a_warning_naming_it_and_the_others_are_geocoded() {
        let gazetteer = Gazetteer::from_strs(
            "batken-1528675\tcity\tKG\t1528675\t40.06\t70.82\t26958\tKG-B\tBatken\n\
             kg\tcountry\tKG\t\t41.46\t74.56\t0\t\tKyrgyzstan|Kirghizistan\n",
            "",
            "",
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        for name in ["a_first", "b_poison", "c_last"] {
            let text = format!("{name}\n\nDes tirs à Batken, au Kirghizistan.");
            std::fs::write(dir.path().join(format!("{name}.txt")), text).unwrap();
        }
        let paths = list_articles(dir.path()).unwrap();
        let mut seen = Vec::new();
        let outcome = geocode_paths_using(
            &gazetteer,
            &paths,
            Options::default(),
            Report::Counts,
            panics_on_poison,
            |path| seen.push(crate::article::article_id(path)),
        );
        assert_eq!(seen, ["a_first", "b_poison", "c_last"]);
        let [warning] = outcome.warnings.as_slice() else {
            panic!("one warning expected: {:?}", outcome.warnings);
        };
        assert!(warning.path.ends_with("b_poison.txt"));
        assert!(warning.skipped());
        let message = warning.to_string();
        assert!(
            message.starts_with(&*warning.path.to_string_lossy()),
            "{message}"
        );
        assert!(message.contains("a geocoder bug on b_poison"), "{message}");
        let ids: Vec<&str> = outcome
            .places
            .articles
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(ids, ["a_first", "c_last"]);
        let batken = outcome
            .places
            .places
            .iter()
            .find(|p| p.id == "batken-1528675");
        let batken = batken.expect("Batken found");
        let cited: Vec<&str> = batken.mentions.iter().map(|m| m.article.as_str()).collect();
        assert_eq!(cited, ["a_first", "c_last"]);
    }
}
