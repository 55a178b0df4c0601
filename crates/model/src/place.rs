//! Places and their mentions: the features of the places GeoJSON.
//!
//! The GeoJSON (RFC 7946: Point features, longitude first) is what QGIS or
//! geojson.io read. Each feature is a place; its `mentions` property lists
//! every mention as `{article, text, start, end, excerpt}`, where `excerpt`
//! is a position in the collection's `excerpts` foreign member, which holds
//! every sentence once (`{article, start, text}`, ordered by article then
//! offset) instead of repeating it for each mention. A second foreign
//! member, `articles`, lists the articles.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Article, Error, Result};

/// What sort of place a [`Place`] is; decides how the map draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A sovereign country, drawn as its shaded shape.
    Country,
    /// A first-level subdivision (oblast, province, region).
    Region,
    /// A town or city (population 10,000 or more, or a capital).
    City,
    /// A smaller settlement.
    Village,
    /// Anything else: a mountain, a river, a pass, an enclave, a border post.
    Feature,
}

impl PlaceKind {
    /// The lowercase name used in the GeoJSON `kind` property.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::City => "city",
            PlaceKind::Village => "village",
            PlaceKind::Feature => "feature",
        }
    }
}

impl std::str::FromStr for PlaceKind {
    type Err = crate::Error;

    /// Parses the name [`PlaceKind::as_str`] gives.
    ///
    /// ```
    /// use model::PlaceKind;
    /// assert_eq!("city".parse::<PlaceKind>()?, PlaceKind::City);
    /// assert!("nation".parse::<PlaceKind>().is_err());
    /// # Ok::<(), model::Error>(())
    /// ```
    fn from_str(kind: &str) -> crate::Result<Self> {
        [
            PlaceKind::Country,
            PlaceKind::Region,
            PlaceKind::City,
            PlaceKind::Village,
            PlaceKind::Feature,
        ]
        .into_iter()
        .find(|known| known.as_str() == kind)
        .ok_or_else(|| crate::Error::UnknownKind(kind.to_owned()))
    }
}

/// One place named in an article: the text as written and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The [`Article::id`] of the article that names the place.
    pub article: String,
    /// The mention exactly as written (`d'Almaty` gives `Almaty`).
    pub text: String,
    /// Byte offset of the mention's start in the article file.
    pub start: usize,
    /// Byte offset just past the mention's end in the article file.
    pub end: usize,
    /// The sentence that contains the mention.
    pub excerpt: String,
    /// Byte offset of the excerpt's start in the article file, so that the
    /// mention sits at `start - excerpt_start` inside the excerpt.
    pub excerpt_start: usize,
}

impl Mention {
    /// The mention's byte range inside [`Mention::excerpt`], if it lies there.
    ///
    /// ```
    /// # use model::Mention;
    /// let m = Mention {
    ///     article: "a".into(), text: "Batken".into(), start: 112, end: 118,
    ///     excerpt: "Tirs sur Batken.".into(), excerpt_start: 103,
    /// };
    /// assert_eq!(&m.excerpt[m.range_in_excerpt().unwrap()], "Batken");
    /// ```
    pub fn range_in_excerpt(&self) -> Option<std::ops::Range<usize>> {
        let start = self.start.checked_sub(self.excerpt_start)?;
        let end = self.end.checked_sub(self.excerpt_start)?;
        (start <= end && self.excerpt.get(start..end).is_some()).then_some(start..end)
    }
}

/// A place's names by language (BCP 47 code, `en`, `fr`, `ru`): only the
/// languages that have one.
pub type Names = BTreeMap<String, String>;

/// The languages [`Place::names`] is filled for (the interface languages of
/// the map and of its articles).
pub const NAME_LANGUAGES: [&str; 3] = ["en", "fr", "ru"];

/// The name of `lang` in `names`, else `fallback` (the display name).
///
/// ```
/// let names = model::Names::from([("fr".to_owned(), "Moscou".to_owned())]);
/// assert_eq!(model::name_in(&names, "fr", "Moscow"), "Moscou");
/// assert_eq!(model::name_in(&names, "de", "Moscow"), "Moscow");
/// ```
pub fn name_in<'a>(names: &'a Names, lang: &str, fallback: &'a str) -> &'a str {
    names.get(lang).map_or(fallback, String::as_str)
}

/// A resolved place with every mention of it: one Point feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Stable slug: `kg` for a country, `kg-b` for a subdivision,
    /// `batken-1528735` (name and GeoNames id) for a GeoNames place, or the
    /// id given in the hand-kept gazetteer file.
    pub id: String,
    /// Display name: the one people use (the English name of CLDR, else
    /// the form the articles use most), used when [`Place::names`] has none
    /// in the reader's language.
    pub name: String,
    /// The name in each language that has one, by BCP 47 code (`en`, `fr`,
    /// `ru`): `{"en": "Moscow", "fr": "Moscou", "ru": "Москва"}`.
    #[serde(default, skip_serializing_if = "Names::is_empty")]
    pub names: Names,
    /// What sort of place it is.
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 code of the country it lies in (or is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// GeoNames id, when the place comes from GeoNames.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u32>,
    /// Longitude, WGS 84 degrees (for a country: a label point inside it).
    #[serde(skip)]
    pub lon: f64,
    /// Latitude, WGS 84 degrees.
    #[serde(skip)]
    pub lat: f64,
    /// Every mention, ordered by article then offset.
    pub mentions: Vec<Mention>,
}

/// The places GeoJSON: every place and the articles its mentions cite.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlaceCollection {
    /// The articles, ordered by id.
    pub articles: Vec<Article>,
    /// The places, in the order the writer chose (the geocoder sorts by id).
    pub places: Vec<Place>,
}

impl Place {
    /// Its name in language `lang` (`fr`), else its display name.
    pub fn name_in(&self, lang: &str) -> &str {
        name_in(&self.names, lang, &self.name)
    }
}

impl PlaceCollection {
    /// The article with this id.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// Only the mentions `keep` accepts (it sees each mention with its
    /// place), the places left with a mention, and the articles they cite:
    /// the data of what the map shows under a filter, in the same order.
    ///
    /// ```
    /// # use model::{PlaceCollection};
    /// let empty = PlaceCollection::default().retain_mentions(|_, _| true);
    /// assert_eq!(empty, PlaceCollection::default());
    /// ```
    pub fn retain_mentions(&self, keep: impl Fn(&Place, &Mention) -> bool) -> PlaceCollection {
        let places: Vec<Place> = self
            .places
            .iter()
            .filter_map(|place| {
                let mentions: Vec<Mention> = place
                    .mentions
                    .iter()
                    .filter(|m| keep(place, m))
                    .cloned()
                    .collect();
                (!mentions.is_empty()).then(|| Place {
                    mentions,
                    ..place.clone()
                })
            })
            .collect();
        let cited: std::collections::BTreeSet<&str> = places
            .iter()
            .flat_map(|p| &p.mentions)
            .map(|m| m.article.as_str())
            .collect();
        PlaceCollection {
            articles: self
                .articles
                .iter()
                .filter(|a| cited.contains(a.id.as_str()))
                .cloned()
                .collect(),
            places,
        }
    }

    /// The mentions as CSV ([`crate::site::MENTIONS_CSV`]): a header row of
    /// [`crate::site::MENTIONS_CSV_COLUMNS`], then one row per mention,
    /// places in order, UTF-8, RFC 4180 quoting.
    ///
    /// # Errors
    /// [`Error::Csv`] if the writer fails (it writes to memory: in practice never).
    pub fn to_mentions_csv(&self) -> Result<Vec<u8>> {
        let articles: BTreeMap<&str, &Article> =
            self.articles.iter().map(|a| (a.id.as_str(), a)).collect();
        let failed = |e: csv::Error| Error::Csv(e.to_string());
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer
            .write_record(crate::site::MENTIONS_CSV_COLUMNS)
            .map_err(failed)?;
        for place in &self.places {
            let (lat, lon) = (place.lat.to_string(), place.lon.to_string());
            for mention in &place.mentions {
                let article = articles.get(mention.article.as_str());
                writer
                    .write_record([
                        place.name.as_str(),
                        place.id.as_str(),
                        place.kind.as_str(),
                        place.country.as_deref().unwrap_or_default(),
                        &lat,
                        &lon,
                        mention.article.as_str(),
                        article.map_or("", |a| a.title.as_str()),
                        article.and_then(|a| a.date.as_deref()).unwrap_or_default(),
                        article.and_then(|a| a.url.as_deref()).unwrap_or_default(),
                        mention.excerpt.as_str(),
                        place.names.get("en").map_or("", String::as_str),
                        place.names.get("fr").map_or("", String::as_str),
                        place.names.get("ru").map_or("", String::as_str),
                    ])
                    .map_err(failed)?;
            }
        }
        writer.into_inner().map_err(|e| Error::Csv(e.to_string()))
    }

    /// Serialises to compact GeoJSON text: one Point feature per place (its
    /// mentions in the `mentions` property, each pointing at its sentence by
    /// position), and two foreign members, `articles` and `excerpts` (every
    /// sentence once, ordered by article then offset). Properties are
    /// written in alphabetical order.
    ///
    /// # Errors
    /// Only if serialisation itself fails, which the types rule out in practice.
    pub fn to_geojson_string(&self) -> Result<String> {
        let mut excerpts: BTreeMap<(&str, usize, &str), usize> = BTreeMap::new();
        for mention in self.places.iter().flat_map(|p| &p.mentions) {
            excerpts.insert(
                (&mention.article, mention.excerpt_start, &mention.excerpt),
                0,
            );
        }
        for (position, slot) in excerpts.values_mut().enumerate() {
            *slot = position;
        }
        let features = self
            .places
            .iter()
            .map(|place| FeatureOut {
                kind: "Feature",
                geometry: PointOut {
                    kind: "Point",
                    coordinates: [place.lon, place.lat],
                },
                properties: PropertiesOut {
                    country: place.country.as_deref(),
                    geonameid: place.geonameid,
                    id: &place.id,
                    kind: place.kind,
                    mentions: place
                        .mentions
                        .iter()
                        .map(|m| WireMention {
                            article: m.article.clone(),
                            end: m.end,
                            excerpt: excerpts
                                [&(m.article.as_str(), m.excerpt_start, m.excerpt.as_str())],
                            start: m.start,
                            text: m.text.clone(),
                        })
                        .collect(),
                    name: &place.name,
                    names: &place.names,
                },
            })
            .collect();
        let collection = CollectionOut {
            kind: "FeatureCollection",
            features,
            articles: &self.articles,
            excerpts: excerpts
                .keys()
                .map(|&(article, start, text)| WireExcerpt {
                    article: article.to_owned(),
                    start,
                    text: text.to_owned(),
                })
                .collect(),
        };
        Ok(serde_json::to_string(&collection)?)
    }

    /// Parses the places GeoJSON.
    ///
    /// # Errors
    /// [`Error::Json`] for text that is not a FeatureCollection of features
    /// with place properties and position coordinates, and
    /// [`Error::Feature`] for a feature that is not a Point, or a mention
    /// pointing at no excerpt.
    pub fn from_geojson_str(text: &str) -> Result<Self> {
        let collection: CollectionIn = serde_json::from_str(text)?;
        if collection.kind != "FeatureCollection" {
            return Err(Error::Feature {
                index: 0,
                reason: format!("a {} is not a FeatureCollection", collection.kind),
            });
        }
        let places = collection
            .features
            .into_iter()
            .enumerate()
            .map(|(index, feature)| place_from_feature(index, feature, &collection.excerpts))
            .collect::<Result<_>>()?;
        Ok(PlaceCollection {
            articles: collection.articles,
            places,
        })
    }
}

// The GeoJSON as written and read: typed structs, not generic JSON values
// (the `geojson` crate's types are maps of `serde_json::Value`), because the
// app reads and writes this file too, for the downloads of what the map
// shows, and typed serde code is a fraction of the wasm size. Fields are in
// alphabetical order where the file has always had them so.

/// The collection as written.
#[derive(Serialize)]
struct CollectionOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    features: Vec<FeatureOut<'a>>,
    articles: &'a [Article],
    excerpts: Vec<WireExcerpt>,
}

/// A place as a Point feature.
#[derive(Serialize)]
struct FeatureOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    geometry: PointOut,
    properties: PropertiesOut<'a>,
}

/// A Point geometry: longitude, latitude (RFC 7946 §3.1.2).
#[derive(Serialize)]
struct PointOut {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: [f64; 2],
}

/// A place's properties: [`Place`] but its point, with its mentions
/// pointing at the `excerpts` member.
#[derive(Serialize)]
struct PropertiesOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    geonameid: Option<u32>,
    id: &'a str,
    kind: PlaceKind,
    mentions: Vec<WireMention>,
    name: &'a str,
    #[serde(skip_serializing_if = "Names::is_empty")]
    names: &'a Names,
}

/// The collection as read (other members are ignored, as RFC 7946 allows).
#[derive(Deserialize)]
struct CollectionIn {
    #[serde(rename = "type")]
    kind: String,
    features: Vec<FeatureIn>,
    #[serde(default)]
    articles: Vec<Article>,
    #[serde(default)]
    excerpts: Vec<WireExcerpt>,
}

/// A feature as read.
#[derive(Deserialize)]
struct FeatureIn {
    geometry: Option<GeometryIn>,
    properties: PropertiesIn,
}

/// A geometry as read; only a Point is a place (the nested coordinates of
/// a line or polygon fail to read as one position: a JSON error).
#[derive(Deserialize)]
struct GeometryIn {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    coordinates: Vec<f64>,
}

/// A place's properties as read.
#[derive(Deserialize)]
struct PropertiesIn {
    id: String,
    name: String,
    kind: PlaceKind,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    geonameid: Option<u32>,
    #[serde(default)]
    mentions: Vec<WireMention>,
    #[serde(default)]
    names: Names,
}

/// A mention as the GeoJSON holds it: its sentence is
/// `excerpts[excerpt]` of the collection.
#[derive(Serialize, Deserialize)]
struct WireMention {
    article: String,
    end: usize,
    excerpt: usize,
    start: usize,
    text: String,
}

/// A sentence of an article that names places, held once in the GeoJSON's
/// `excerpts` member.
#[derive(Serialize, Deserialize)]
struct WireExcerpt {
    article: String,
    start: usize,
    text: String,
}

fn place_from_feature(index: usize, feature: FeatureIn, excerpts: &[WireExcerpt]) -> Result<Place> {
    let fail = |reason: &str| Error::Feature {
        index,
        reason: reason.to_owned(),
    };
    let (lon, lat) = match feature.geometry {
        Some(GeometryIn { kind, coordinates }) if kind == "Point" && coordinates.len() >= 2 => {
            (coordinates[0], coordinates[1])
        }
        _ => return Err(fail("geometry is not a Point")),
    };
    let PropertiesIn {
        id,
        name,
        kind,
        country,
        geonameid,
        mentions,
        names,
    } = feature.properties;
    let mentions = mentions
        .into_iter()
        .map(|m| {
            let excerpt = excerpts.get(m.excerpt).ok_or_else(|| {
                fail(&format!(
                    "mention points at excerpt {}, which is missing",
                    m.excerpt
                ))
            })?;
            Ok(Mention {
                article: m.article,
                text: m.text,
                start: m.start,
                end: m.end,
                excerpt: excerpt.text.clone(),
                excerpt_start: excerpt.start,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Place {
        id,
        name,
        names,
        kind,
        country,
        geonameid,
        lon,
        lat,
        mentions,
    })
}
