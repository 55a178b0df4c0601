//! The whole run: list the articles, then for each one, on every core:
//! read, tokenize, match, resolve, reduce to one compact record (in memory
//! or in a spill file, `records.rs`); then write the places from the
//! records.
//!
//! Articles are geocoded in parallel (rayon); each record is indexed by the
//! article's position in the list, and warnings are put back in path
//! order, so the output is byte-identical whatever the number of threads.
//! Each article is reduced to what the output keeps of it right after its
//! geocoding, each sentence once: a run never holds every article's text,
//! and with a spill file ([`geocode_paths_spilled`]) not their mentions
//! either.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::article::{decode_article, read_bytes, ArticleText, Sentences, MAX_ARTICLE_BYTES};
use crate::cache::{Cache, Decision};
use crate::error::{Error, Result, Warning, WarningKind};
use crate::gazetteer::Gazetteer;
use crate::matcher::find_names;
use crate::normalize::TokenFolds;
use crate::records::{Collected, Collector, MentionParts};
use crate::resolve::{resolve_with, Ambiguity, Rejection, Report, Resolution, Resolved};
use crate::tokenize::tokenize;

/// Everything a geocoding run produced.
///
/// `P` is how the places are held: a [`model::PlaceCollection`]
/// ([`geocode_paths_with`]), or the records of a spill file
/// ([`geocode_paths_spilled`]), written from there.
#[derive(Debug, Default)]
pub struct Outcome<P = model::PlaceCollection> {
    /// The places GeoJSON contract.
    pub places: P,
    /// Problems with single articles (each names its file).
    pub warnings: Vec<Warning>,
    /// Names found that were judged not to be place mentions (empty when
    /// the run asked for [`Report::Counts`], and in a spilled run, whose
    /// report is written by [`Collected::write_report`]).
    pub rejected: Vec<Rejection>,
    /// Accepted names that several places bear, and the choice made
    /// (empty as [`Outcome::rejected`] is).
    pub ambiguous: Vec<Ambiguity>,
    /// How many names were rejected, whatever the report.
    pub rejected_count: usize,
    /// How many accepted names were ambiguous, whatever the report.
    pub ambiguous_count: usize,
    /// What the cache did, when the run had one.
    pub cache: CacheStats,
}

/// What the cache did in a run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CacheStats {
    /// Articles whose geocoding was reused from the cache.
    pub reused: usize,
    /// Articles geocoded, then stored in the cache.
    pub stored: usize,
    /// Articles geocoded whose result could not be stored, and why for
    /// the first one (the run goes on: the cache only saves time).
    pub unstored: usize,
    /// Why the first unstored result could not be stored.
    pub first_store_error: Option<String>,
}

/// Settings of a run.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Articles larger than this are truncated to it, with a warning.
    pub max_article_bytes: usize,
    /// Where to reuse and store each article's geocoding: a rebuild after
    /// one article changed then geocodes that article only. Not read when
    /// the run asks for [`Report::Full`] (the cache holds no rejection
    /// records), but written.
    pub cache: Option<&'a Cache>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            max_article_bytes: MAX_ARTICLE_BYTES,
            cache: None,
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
    on_article: impl Fn(&Path) + Sync,
) -> Outcome {
    geocode_paths_with(gazetteer, paths, options, Report::Full, on_article)
}

/// [`geocode_paths`], listing the rejections and ambiguities only when
/// `report` is [`Report::Full`] (they are counted either way). The places
/// are the same.
///
/// Articles are geocoded on every thread of the current rayon pool (all
/// cores unless run inside [`rayon::ThreadPool::install`]); the outcome is
/// the same whatever their number. `on_article` is called after each
/// article, from the thread that geocoded it.
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
    on_article: impl Fn(&Path) + Sync,
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

/// [`geocode_paths_with`] for a run of any size: right after its geocoding,
/// each article's places go to an unnamed temporary file in `spill_dir`
/// (the system removes it however the run ends), and the outcome's places
/// are written from there ([`Collected::write_geojson`]), reading one
/// article's record at a time. The run holds only the gazetteer, the
/// articles being geocoded and a small index (per article its id, per
/// place and article naming it 16 bytes): memory no longer grows with the
/// mentions. Put `spill_dir` where the output goes: the file is about the
/// size of the output (without the JSON's keys). With [`Report::Full`],
/// the report's lines go to a temporary file too, article by article, and
/// [`Collected::write_report`] writes them: the outcome's
/// [`Outcome::rejected`] and [`Outcome::ambiguous`] stay empty, and the
/// report costs no memory whatever the corpus size.
///
/// # Errors
/// [`Error::Spill`] when the temporary file cannot be created or written
/// (a bad article is still a warning).
pub fn geocode_paths_spilled<'g>(
    gazetteer: &'g Gazetteer,
    paths: &[PathBuf],
    options: Options,
    report: Report,
    spill_dir: &Path,
    on_article: impl Fn(&Path) + Sync,
) -> Result<Outcome<Collected<'g>>> {
    let collector = Collector::spilled(gazetteer, paths.len(), spill_dir, report == Report::Full)?;
    let outcome = geocode_paths_into(
        gazetteer,
        paths,
        options,
        report,
        geocode_article_with,
        on_article,
        &collector,
    );
    let places = collector.finish()?;
    Ok(outcome.with_places(places))
}

/// [`geocode_paths_with`], geocoding each article with `geocode`, its
/// records in memory.
fn geocode_paths_using(
    gazetteer: &Gazetteer,
    paths: &[PathBuf],
    options: Options,
    report: Report,
    geocode: GeocodeFn,
    on_article: impl Fn(&Path) + Sync,
) -> Outcome {
    let collector = Collector::in_memory(gazetteer, paths.len());
    let outcome = geocode_paths_into(
        gazetteer, paths, options, report, geocode, on_article, &collector,
    );
    outcome.with_places(collector.into_collection())
}

impl Outcome<()> {
    fn with_places<P>(self, places: P) -> Outcome<P> {
        Outcome {
            places,
            warnings: self.warnings,
            rejected: self.rejected,
            ambiguous: self.ambiguous,
            rejected_count: self.rejected_count,
            ambiguous_count: self.ambiguous_count,
            cache: self.cache,
        }
    }
}

/// Geocodes every article with `geocode` into `collector`; the outcome but
/// its places.
fn geocode_paths_into(
    gazetteer: &Gazetteer,
    paths: &[PathBuf],
    options: Options,
    report: Report,
    geocode: GeocodeFn,
    on_article: impl Fn(&Path) + Sync,
    collector: &Collector<'_>,
) -> Outcome<()> {
    // An indexed parallel iterator collects in path order, whichever
    // thread finished first; each record goes to the collector as soon as
    // the article is geocoded, so only warnings and counts are collected.
    let results: Vec<ArticleResult> = paths
        .par_iter()
        .enumerate()
        .map(|(position, path)| {
            let mut result = geocode_isolated(path, |path| {
                geocode_file(
                    gazetteer,
                    path,
                    options,
                    report,
                    geocode,
                    |article, resolved| {
                        record(collector, position, article, resolved);
                    },
                )
            })
            .unwrap_or_else(ArticleResult::skipped);
            if collector.keeps_report() {
                collector.add_report(position, &result.rejected, &result.ambiguous);
                result.rejected = Vec::new();
                result.ambiguous = Vec::new();
            }
            on_article(path);
            result
        })
        .collect();
    let mut outcome = Outcome::default();
    for result in results {
        outcome.warnings.extend(result.warnings);
        outcome.rejected.extend(result.rejected);
        outcome.ambiguous.extend(result.ambiguous);
        outcome.rejected_count += result.rejected_count;
        outcome.ambiguous_count += result.ambiguous_count;
        match result.cache {
            CacheUse::None => {}
            CacheUse::Reused => outcome.cache.reused += 1,
            CacheUse::Stored => outcome.cache.stored += 1,
            CacheUse::Unstored(why) => {
                outcome.cache.unstored += 1;
                outcome.cache.first_store_error.get_or_insert(why);
            }
        }
    }
    outcome
}

/// Gives `collector` the record of the article at `position`: its
/// metadata, its mentions with their sentences (borrowed from the text).
pub(crate) fn record(
    collector: &Collector<'_>,
    position: usize,
    article: &ArticleText,
    resolved: &[Resolved],
) {
    // The mentions come in text order: each sentence is found once.
    let mut sentences = Sentences::new(&article.text);
    let mentions: Vec<MentionParts<'_>> = resolved
        .iter()
        .map(|r| {
            let sentence = sentences.around(r.start..r.end);
            MentionParts {
                place: r.place,
                start: r.start,
                end: r.end,
                text: &article.text[r.start..r.end],
                excerpt_start: sentence.start,
                excerpt: &article.text[sentence],
            }
        })
        .collect();
    collector.add(position, &model::Article::from(article), &mentions);
}

/// What one article gave.
#[derive(Debug, Default)]
struct ArticleResult {
    warnings: Vec<Warning>,
    rejected: Vec<Rejection>,
    ambiguous: Vec<Ambiguity>,
    rejected_count: usize,
    ambiguous_count: usize,
    cache: CacheUse,
}

/// What the cache did for one article.
#[derive(Debug, Default)]
enum CacheUse {
    /// No cache, or a skipped article.
    #[default]
    None,
    Reused,
    Stored,
    Unstored(String),
}

impl ArticleResult {
    fn skipped(warning: Warning) -> Self {
        ArticleResult {
            warnings: vec![warning],
            ..ArticleResult::default()
        }
    }
}

/// Reads, geocodes (or finds in the cache) one article, and gives it with
/// its resolved mentions to `keep`.
fn geocode_file(
    gazetteer: &Gazetteer,
    path: &Path,
    options: Options,
    report: Report,
    geocode: GeocodeFn,
    keep: impl FnOnce(&ArticleText, &[Resolved]),
) -> ArticleResult {
    let limit = options.max_article_bytes;
    let (bytes, truncated) = match read_bytes(path, limit) {
        Ok(read) => read,
        Err(warning) => return ArticleResult::skipped(warning),
    };
    let cache = options.cache.map(|cache| (cache, cache.key(&bytes, limit)));
    let (article, warnings) = decode_article(path, bytes, truncated, limit);
    let mut result = ArticleResult {
        warnings,
        ..ArticleResult::default()
    };
    let Some(article) = article else {
        return result;
    };
    // The cache holds decisions, not the records a full report lists.
    let cached = match cache {
        Some((cache, key)) if report == Report::Counts => {
            match cache.get(&key, &article.text, gazetteer.places().len()) {
                Ok(found) => found,
                Err(why) => {
                    result.warnings.push(Warning {
                        path: path.to_path_buf(),
                        kind: WarningKind::CacheCorrupt {
                            entry: cache.entry_path(&key),
                            why,
                        },
                    });
                    None
                }
            }
        }
        _ => None,
    };
    let decision = match cached {
        Some(decision) => {
            result.cache = CacheUse::Reused;
            decision
        }
        None => {
            let resolution = geocode(gazetteer, &article, report);
            result.rejected = resolution.rejected;
            result.ambiguous = resolution.ambiguous;
            let decision = Decision {
                resolved: resolution.resolved,
                rejected_count: resolution.rejected_count,
                ambiguous_count: resolution.ambiguous_count,
            };
            if let Some((cache, key)) = cache {
                result.cache = match cache.put(&key, &decision) {
                    Ok(()) => CacheUse::Stored,
                    Err(error) => CacheUse::Unstored(error_chain(&error)),
                };
            }
            decision
        }
    };
    result.rejected_count = decision.rejected_count;
    result.ambiguous_count = decision.ambiguous_count;
    keep(&article, &decision.resolved);
    result
}

/// An error and its causes, `: `-separated.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text = format!("{text}: {cause}");
        source = cause.source();
    }
    text
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
    // Each token is folded once, by whichever step asks first.
    let folds = TokenFolds::new(&article.text, &tokens);
    let matches = find_names(gazetteer, &folds, &article.masked);
    resolve_with(gazetteer, article, &folds, &matches, report)
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
        let seen = std::sync::Mutex::new(Vec::new());
        let outcome = geocode_paths_using(
            &gazetteer,
            &paths,
            Options::default(),
            Report::Counts,
            panics_on_poison,
            |path| seen.lock().unwrap().push(crate::article::article_id(path)),
        );
        let mut seen = seen.into_inner().unwrap();
        seen.sort();
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
