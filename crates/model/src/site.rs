//! The files of the map site: what the geocoder writes next to
//! `index.html` and the app fetches.
//!
//! File names are fixed here, so that writer and reader can never disagree.
//! Every file is written by `site-data` (crates/geocoder) into the build's
//! staging folder, and the app (`src/data.rs`) fetches them relative to the
//! page, or reads them from the page itself in the single-file build.
//!
//! | file | type | fetched |
//! | --- | --- | --- |
//! | [`INDEX`] | [`SiteIndex`] | at start: every place and article, no excerpt |
//! | [`BASEMAP`] | [`crate::Basemap`] | at start |
//! | [`excerpt_page_path`] | [`ExcerptPage`] | when a popup opens or pages on |
//! | [`text_path`] | [`ArticleText`] | when the reader opens an article |
//! | [`ZONES`] | [`ZoneFile`] | at start, beside the index |
//! | [`SEARCH`] | [`SearchIndex`] | when the search box gets the focus |
//! | [`PLACES_GEOJSON`] | [`crate::PlaceCollection`] | never: a download |
//! | [`MENTIONS_CSV`] | one row per mention | never: a download |
//!
//! Every file sits next to `index.html` (flat, as Trunk writes its
//! assets, so copying the folder's files is enough to host it). Every
//! file the app reads is JSON and ends in `.json`; positions
//! (`u32`) refer to the index's sorted lists, which keeps the chunks
//! small and their names deterministic.

use serde::Deserialize;
pub use serde::Serialize;

use crate::{Names, PlaceKind};

mod search;
mod zones;

pub use search::{
    is_apostrophe, key_matches, push_rule_key, query_key, KeySink, SearchEntry, SearchIndex,
    KEY_RULES, SEARCH, SEPARATOR,
};
pub use zones::{Zone, ZoneFile, ZONES};

/// The places GeoJSON ([`crate::PlaceCollection`]), published for anyone
/// who wants the data.
pub const PLACES_GEOJSON: &str = "places.geojson";

/// The basemap ([`crate::Basemap`]).
pub const BASEMAP: &str = "basemap.json";

/// Every mention as CSV (RFC 4180, UTF-8, a header row), published for
/// spreadsheets: columns [`MENTIONS_CSV_COLUMNS`].
pub const MENTIONS_CSV: &str = "mentions.csv";

/// The columns of [`MENTIONS_CSV`], in order: `place` is the display
/// name, `name_en`, `name_fr`, `name_ru` the names of
/// [`crate::NAME_LANGUAGES`] (empty when the place has none in that
/// language).
pub const MENTIONS_CSV_COLUMNS: [&str; 14] = [
    "place", "id", "kind", "country", "lat", "lon", "article", "title", "date", "url", "excerpt",
    "name_en", "name_fr", "name_ru",
];

/// The data files a first view of the map fetches; the others are
/// fetched on demand (excerpt pages, texts) or only downloaded.
pub const FIRST_VIEW_DATA: [&str; 3] = [INDEX, BASEMAP, ZONES];

/// Whether `name` (a file name of the site) is one of the data files
/// written by `site-data`, rather than the app itself.
pub fn is_data_file(name: &str) -> bool {
    [INDEX, BASEMAP, ZONES, SEARCH, PLACES_GEOJSON, MENTIONS_CSV].contains(&name)
        || (name.ends_with(".json") && (name.starts_with("excerpts-") || name.starts_with("text-")))
}

/// One file of the site: its path relative to `index.html`, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Path relative to the site's folder, `/`-separated.
    pub path: String,
    /// The file's content.
    pub bytes: Vec<u8>,
}

/// The places index: everything the first view needs and nothing more
/// (no excerpt, no article text). The app fetches it when it starts.
pub const INDEX: &str = "index.json";

/// The excerpts of one place in pages of at most this many excerpts, so
/// that a place named tens of thousands of times opens as fast as one
/// named once.
pub const EXCERPTS_PER_PAGE: usize = 20;

/// Page `page` (from 0) of the excerpts of place `place` (its position in
/// [`SiteIndex::places`]): an [`ExcerptPage`].
pub fn excerpt_page_path(place: usize, page: usize) -> String {
    format!("excerpts-{place}-{page}.json")
}

/// The text of article `article` (its position in [`SiteIndex::articles`]):
/// an [`ArticleText`], written only for articles without a URL.
pub fn text_path(article: usize) -> String {
    format!("text-{article}.json")
}

/// The contents of [`INDEX`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SiteIndex {
    /// The articles, ordered by id; the other files refer to one by its
    /// position here.
    pub articles: Vec<IndexArticle>,
    /// The places, ordered by id; the other files refer to one by its
    /// position here.
    pub places: Vec<IndexPlace>,
}

/// An article as the index lists it: what a popup's source line and the
/// article filter show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexArticle {
    /// [`crate::Article::id`].
    pub id: String,
    /// [`crate::Article::title`].
    pub title: String,
    /// The date to show: [`crate::Article::date`] as written in the header
    /// or metadata line, else the date inferred from the text (ISO,
    /// `2021-06-17` or `2021-06`, and [`IndexArticle::date_inferred`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The month of `date`, normalised: what the timeline counts and the
    /// time filter compares. `None` for an undated article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<crate::YearMonth>,
    /// Whether `date` was inferred from the text's own dates rather than
    /// given by the header (shown as such wherever the date is shown).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_inferred: bool,
    /// [`crate::Article::url`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// [`crate::Article::lang`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Whether [`text_path`] holds its text (articles without a URL).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub text: bool,
}

/// A place as the index lists it: where to draw it and how often it is
/// named, without its excerpts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexPlace {
    /// [`crate::Place::id`].
    pub id: crate::PlaceId,
    /// [`crate::Place::name`].
    pub name: String,
    /// [`crate::Place::names`]: `{"en": "Moscow", "fr": "Moscou", "ru":
    /// "Москва"}`, only the languages that have a name.
    #[serde(default, skip_serializing_if = "Names::is_empty")]
    pub names: Names,
    /// [`crate::Place::kind`].
    pub kind: PlaceKind,
    /// [`crate::Place::country`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Longitude, WGS 84 degrees.
    pub lon: f64,
    /// Latitude, WGS 84 degrees.
    pub lat: f64,
    /// How many times the articles name it.
    pub mentions: u32,
    /// The articles that name it: their positions in
    /// [`SiteIndex::articles`], ascending. Written as one string of steps
    /// ([`crate::packed::ascending`]): a place named in thousands of
    /// articles would otherwise weigh most of the index. How many times
    /// each names it is [`ExcerptGroup::mentions`], fetched with the
    /// excerpts: what the first view needs least.
    #[serde(with = "crate::packed::ascending")]
    pub articles: Vec<u32>,
    /// How many [`ExcerptPage`]s it has ([`excerpt_page_path`]).
    pub pages: u32,
}

impl IndexPlace {
    /// Its name in language `lang` (`fr`), else its display name.
    ///
    /// ```
    /// # use model::{site::IndexPlace, PlaceKind};
    /// let place = IndexPlace {
    ///     id: "moscow-524901".into(), name: "Moscow".into(),
    ///     names: [("fr", "Moscou"), ("ru", "Москва")]
    ///         .map(|(l, n)| (l.to_owned(), n.to_owned())).into(),
    ///     kind: PlaceKind::City, country: Some("RU".into()), lon: 37.6, lat: 55.8,
    ///     mentions: 1, articles: vec![0], pages: 1,
    /// };
    /// assert_eq!(place.name_in("ru"), "Москва");
    /// assert_eq!(place.name_in("en"), "Moscow");
    /// ```
    pub fn name_in(&self, lang: &str) -> &str {
        crate::name_in(&self.names, lang, &self.name)
    }

    /// Whether article `article` (a position in [`SiteIndex::articles`])
    /// names this place.
    pub fn named_in(&self, article: u32) -> bool {
        self.articles.binary_search(&article).is_ok()
    }
}

/// One page of a place's excerpts, grouped by article in article order. A
/// group cut by the end of a page goes on at the start of the next one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ExcerptPage {
    /// The groups of this page.
    pub groups: Vec<ExcerptGroup>,
}

/// Excerpts of one article that name the place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcerptGroup {
    /// The article's position in [`SiteIndex::articles`].
    pub article: u32,
    /// How many times the article names the place: its excerpts may be
    /// fewer (one sentence naming it twice is one excerpt), and a group cut
    /// by a page's end carries the whole count on both pages.
    pub mentions: u32,
    /// Its sentences that name the place, each once, in text order.
    pub excerpts: Vec<Excerpt>,
}

/// A sentence naming a place, with the mentions marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excerpt {
    /// The sentence.
    pub text: String,
    /// The mentions' byte ranges inside `text`, ascending.
    pub marks: Vec<[u32; 2]>,
}

/// The contents of a [`text_path`] file: an article's whole text, for the
/// reader, with every mention of every place in it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ArticleText {
    /// The article file as stored.
    pub text: String,
    /// The mentions, as `[place, start, end]`: the place's position in
    /// [`SiteIndex::places`] and the mention's byte range in `text`,
    /// ordered by place then start.
    pub marks: Vec<[u32; 3]>,
}

/// Compact JSON of any of the site's types, as every site file is written.
///
/// # Errors
/// Only if serialisation itself fails, which the types rule out in practice.
pub fn to_json<T: Serialize>(value: &T) -> crate::Result<String> {
    Ok(serde_json::to_string(value)?)
}

/// Parses a site file of type `T`.
///
/// # Errors
/// [`crate::Error::Json`] when the text is not a `T`.
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> crate::Result<T> {
    Ok(serde_json::from_str(text)?)
}
