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

/// The id of a place, stable from one build to the next: `kg` for a
/// country, `kg-b` for a subdivision, `batken-1528735` (name and GeoNames
/// id) for a GeoNames place, or the id given in the hand-kept gazetteer
/// file. Written as a plain JSON string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PlaceId(String);

impl PlaceId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for PlaceId {
    fn from(id: String) -> PlaceId {
        PlaceId(id)
    }
}

impl From<&str> for PlaceId {
    fn from(id: &str) -> PlaceId {
        PlaceId(id.to_owned())
    }
}

impl std::borrow::Borrow<str> for PlaceId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for PlaceId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for PlaceId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PlaceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for PlaceId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for PlaceId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// A resolved place with every mention of it: one Point feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Stable slug: `kg` for a country, `kg-b` for a subdivision,
    /// `batken-1528735` (name and GeoNames id) for a GeoNames place, or the
    /// id given in the hand-kept gazetteer file.
    pub id: PlaceId,
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

    /// Converts to a GeoJSON FeatureCollection: one Point feature per place
    /// (its mentions in the `mentions` property, each pointing at its
    /// sentence by position), and two foreign members, `articles` and
    /// `excerpts` (every sentence once, ordered by article then offset).
    pub fn to_geojson(&self) -> geojson::FeatureCollection {
        let excerpts = self.excerpt_positions();
        let features = self
            .places
            .iter()
            .map(|place| {
                let mut properties = match serde_json::to_value(place) {
                    Ok(serde_json::Value::Object(map)) => map,
                    _ => unreachable!("a Place always serialises to an object"),
                };
                let mentions: Vec<WireMention> = place
                    .mentions
                    .iter()
                    .map(|m| WireMention {
                        article: m.article.clone(),
                        text: m.text.clone(),
                        start: m.start,
                        end: m.end,
                        excerpt: excerpts
                            [&(m.article.as_str(), m.excerpt_start, m.excerpt.as_str())],
                    })
                    .collect();
                properties.insert(
                    "mentions".into(),
                    serde_json::to_value(mentions).expect("mentions serialise"),
                );
                geojson::Feature {
                    bbox: None,
                    geometry: Some(geojson::Geometry::new_point([place.lon, place.lat])),
                    id: None,
                    properties: Some(properties),
                    foreign_members: None,
                }
            })
            .collect();
        let excerpts: Vec<WireExcerpt> = excerpts
            .keys()
            .map(|&(article, start, text)| WireExcerpt {
                article: article.to_owned(),
                start,
                text: text.to_owned(),
            })
            .collect();
        let mut foreign = serde_json::Map::new();
        foreign.insert(
            "articles".into(),
            serde_json::to_value(&self.articles).expect("articles serialise"),
        );
        foreign.insert(
            "excerpts".into(),
            serde_json::to_value(excerpts).expect("excerpts serialise"),
        );
        geojson::FeatureCollection {
            bbox: None,
            features,
            foreign_members: Some(foreign),
        }
    }

    /// Serialises to compact GeoJSON text (see [`PlaceCollection::write_geojson`]).
    ///
    /// # Errors
    /// Only if serialisation itself fails, which the types rule out in practice.
    pub fn to_geojson_string(&self) -> Result<String> {
        let mut bytes = Vec::new();
        self.write_geojson(&mut bytes)
            .map_err(|e| Error::Json(serde_json::Error::io(e)))?;
        Ok(String::from_utf8(bytes).expect("serde_json writes UTF-8"))
    }

    /// Writes the compact GeoJSON text of [`PlaceCollection::to_geojson`]
    /// (the same bytes) to `writer`, straight from the places: no JSON tree
    /// is built, so the output costs the time of writing it and no copy of
    /// it in memory. Give it a buffered writer.
    ///
    /// # Errors
    /// When `writer` fails.
    pub fn write_geojson(&self, writer: impl std::io::Write) -> std::io::Result<()> {
        let excerpts = self.excerpt_positions();
        let collection = WireCollection {
            kind: "FeatureCollection",
            features: WireFeatures {
                places: &self.places,
                excerpts: &excerpts,
            },
            articles: WireArticles(&self.articles),
            excerpts: WireExcerpts(&excerpts),
        };
        serde_json::to_writer(writer, &collection).map_err(std::io::Error::from)
    }

    /// Every sentence the mentions quote, once, ordered by article then
    /// offset, with its position in the `excerpts` member.
    fn excerpt_positions(&self) -> ExcerptPositions<'_> {
        let mut positions: ExcerptPositions = BTreeMap::new();
        for mention in self.places.iter().flat_map(|p| &p.mentions) {
            positions.insert(
                (&mention.article, mention.excerpt_start, &mention.excerpt),
                0,
            );
        }
        for (position, slot) in positions.values_mut().enumerate() {
            *slot = position;
        }
        positions
    }

    /// Parses the places GeoJSON.
    ///
    /// # Errors
    /// [`Error::Json`] for text that is not a FeatureCollection, and
    /// [`Error::Feature`] for a feature that is not a Point with place
    /// properties, or a mention pointing at no excerpt.
    pub fn from_geojson_str(text: &str) -> Result<Self> {
        let collection: geojson::FeatureCollection = serde_json::from_str(text)?;
        let member = |name: &str| {
            collection
                .foreign_members
                .as_ref()
                .and_then(|m| m.get(name))
                .cloned()
        };
        let articles = match member("articles") {
            Some(value) => serde_json::from_value(value)?,
            None => Vec::new(),
        };
        let excerpts: Vec<WireExcerpt> = match member("excerpts") {
            Some(value) => serde_json::from_value(value)?,
            None => Vec::new(),
        };
        let places = collection
            .features
            .into_iter()
            .enumerate()
            .map(|(index, feature)| place_from_feature(index, feature, &excerpts))
            .collect::<Result<_>>()?;
        Ok(PlaceCollection { articles, places })
    }
}

/// The sentences of the mentions by (article, offset, text), each with its
/// position in the `excerpts` member.
type ExcerptPositions<'a> = BTreeMap<(&'a str, usize, &'a str), usize>;

// What `write_geojson` writes, borrowed from the collection. The keys are in
// the order of `to_geojson` through `serde_json::Value` (the geojson crate's
// order for its own members; objects built from our types sorted by key),
// so both give the same bytes; a field added to `Place` or `Article` must be
// added here too, in its sorted place (`write_geojson_is_to_geojson` fails
// until it is).

#[derive(Serialize)]
struct WireCollection<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    features: WireFeatures<'a>,
    articles: WireArticles<'a>,
    excerpts: WireExcerpts<'a>,
}

struct WireFeatures<'a> {
    places: &'a [Place],
    excerpts: &'a ExcerptPositions<'a>,
}

impl Serialize for WireFeatures<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.places.iter().map(|place| WireFeature {
            kind: "Feature",
            geometry: WirePoint {
                kind: "Point",
                coordinates: [place.lon, place.lat],
            },
            properties: WireProperties {
                country: &place.country,
                geonameid: place.geonameid,
                id: &place.id,
                kind: place.kind,
                mentions: WireMentions {
                    mentions: &place.mentions,
                    excerpts: self.excerpts,
                },
                name: &place.name,
                names: &place.names,
            },
        }))
    }
}

#[derive(Serialize)]
struct WireFeature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    geometry: WirePoint,
    properties: WireProperties<'a>,
}

#[derive(Serialize)]
struct WirePoint {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: [f64; 2],
}

/// [`Place`]'s fields, sorted by name, `mentions` as [`WireMention`]s.
#[derive(Serialize)]
struct WireProperties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    country: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    geonameid: Option<u32>,
    id: &'a PlaceId,
    kind: PlaceKind,
    mentions: WireMentions<'a>,
    name: &'a str,
    #[serde(skip_serializing_if = "Names::is_empty")]
    names: &'a Names,
}

struct WireMentions<'a> {
    mentions: &'a [Mention],
    excerpts: &'a ExcerptPositions<'a>,
}

impl Serialize for WireMentions<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.mentions.iter().map(|m| WireMentionRef {
            article: &m.article,
            end: m.end,
            excerpt: self.excerpts[&(m.article.as_str(), m.excerpt_start, m.excerpt.as_str())],
            start: m.start,
            text: &m.text,
        }))
    }
}

/// [`WireMention`], borrowed, its fields sorted by name.
#[derive(Serialize)]
struct WireMentionRef<'a> {
    article: &'a str,
    end: usize,
    excerpt: usize,
    start: usize,
    text: &'a str,
}

struct WireArticles<'a>(&'a [Article]);

impl Serialize for WireArticles<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|a| WireArticle {
            date: &a.date,
            id: &a.id,
            inferred_date: &a.inferred_date,
            lang: &a.lang,
            text: &a.text,
            title: &a.title,
            url: &a.url,
        }))
    }
}

/// [`Article`]'s fields, sorted by name.
#[derive(Serialize)]
struct WireArticle<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    date: &'a Option<String>,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    inferred_date: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: &'a Option<String>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: &'a Option<String>,
}

struct WireExcerpts<'a>(&'a ExcerptPositions<'a>);

impl Serialize for WireExcerpts<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.keys().map(|&(article, start, text)| WireExcerptRef {
            article,
            start,
            text,
        }))
    }
}

/// [`WireExcerpt`], borrowed.
#[derive(Serialize)]
struct WireExcerptRef<'a> {
    article: &'a str,
    start: usize,
    text: &'a str,
}

/// A mention as the GeoJSON holds it: its sentence is
/// `excerpts[excerpt]` of the collection.
#[derive(Serialize, Deserialize)]
struct WireMention {
    article: String,
    text: String,
    start: usize,
    end: usize,
    excerpt: usize,
}

/// A sentence of an article that names places, held once in the GeoJSON's
/// `excerpts` member.
#[derive(Serialize, Deserialize)]
struct WireExcerpt {
    article: String,
    start: usize,
    text: String,
}

fn place_from_feature(
    index: usize,
    feature: geojson::Feature,
    excerpts: &[WireExcerpt],
) -> Result<Place> {
    let fail = |reason: &str| Error::Feature {
        index,
        reason: reason.to_owned(),
    };
    let (lon, lat) = match feature.geometry.map(|g| g.value) {
        Some(geojson::GeometryValue::Point { coordinates: p }) if p.len() >= 2 => (p[0], p[1]),
        _ => return Err(fail("geometry is not a Point")),
    };
    let mut properties = feature.properties.ok_or_else(|| fail("no properties"))?;
    let wire: Vec<WireMention> = match properties.insert("mentions".into(), serde_json::json!([])) {
        Some(value) => serde_json::from_value(value)?,
        None => Vec::new(),
    };
    let mut place: Place = serde_json::from_value(serde_json::Value::Object(properties))?;
    place.lon = lon;
    place.lat = lat;
    place.mentions = wire
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
    Ok(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(
        article: &str,
        text: &str,
        start: usize,
        excerpt: &str,
        excerpt_start: usize,
    ) -> Mention {
        Mention {
            article: article.into(),
            text: text.into(),
            start,
            end: start + text.len(),
            excerpt: excerpt.into(),
            excerpt_start,
        }
    }

    /// Every optional field set and unset, shared and repeated sentences,
    /// text that JSON must escape.
    fn collection() -> PlaceCollection {
        let full = Article {
            id: "a".into(),
            title: "Tirs à \"Batken\"\n".into(),
            date: Some("2022-09-16".into()),
            inferred_date: Some("2022-09".into()),
            url: Some("https://example.org/a?x=1&y=</script>".into()),
            lang: Some("fr".into()),
            text: Some("Tirs sur Batken.\tEt Isfara \u{2028}.".into()),
        };
        let bare = Article {
            id: "b".into(),
            title: "T".into(),
            date: None,
            inferred_date: None,
            url: None,
            lang: None,
            text: None,
        };
        let sentence = "Tirs sur Batken et Isfara.";
        PlaceCollection {
            articles: vec![full, bare],
            places: vec![
                Place {
                    id: "batken-1528735".into(),
                    name: "Batken".into(),
                    names: Names::from([
                        ("en".to_owned(), "Batken".to_owned()),
                        ("ru".to_owned(), "Баткен".to_owned()),
                    ]),
                    kind: PlaceKind::City,
                    country: Some("KG".into()),
                    geonameid: Some(1_528_735),
                    lon: 70.819_44,
                    lat: -40.062_59,
                    mentions: vec![
                        mention("a", "Batken", 9, sentence, 0),
                        mention("b", "Batken", 0, "Batken.", 0),
                    ],
                },
                Place {
                    id: "isfara".into(),
                    name: "Исфара".into(),
                    names: Names::new(),
                    kind: PlaceKind::Village,
                    country: None,
                    geonameid: None,
                    lon: 70.0,
                    lat: 1e-7,
                    mentions: vec![mention("a", "Isfara", 19, sentence, 0)],
                },
            ],
        }
    }

    #[test]
    fn write_geojson_is_to_geojson() {
        let places = collection();
        let through_tree = serde_json::to_string(&places.to_geojson()).unwrap();
        let mut written = Vec::new();
        places.write_geojson(&mut written).unwrap();
        assert_eq!(String::from_utf8(written).unwrap(), through_tree);
        assert_eq!(places.to_geojson_string().unwrap(), through_tree);
        let empty = PlaceCollection::default();
        assert_eq!(
            empty.to_geojson_string().unwrap(),
            serde_json::to_string(&empty.to_geojson()).unwrap()
        );
    }

    #[test]
    fn geojson_reads_back_as_written() {
        let places = collection();
        let text = places.to_geojson_string().unwrap();
        assert_eq!(PlaceCollection::from_geojson_str(&text).unwrap(), places);
        assert_eq!(
            text.matches(r#""text":"Tirs sur Batken et Isfara.""#)
                .count(),
            1,
            "each sentence once"
        );
    }
}
