//! Places and their mentions: the features of the places GeoJSON.
//!
//! The GeoJSON (RFC 7946: Point features, longitude first) is what QGIS or
//! geojson.io read. Each feature is a place; its `mentions` property lists
//! every mention as `{article, text, start, end, excerpt}`, where `excerpt`
//! is a position in the collection's `excerpts` foreign member, which holds
//! every sentence once (`{article, start, text}`, ordered by article then
//! offset) instead of repeating it for each mention. A second foreign
//! member, `articles`, lists the articles.

use std::collections::{BTreeMap, HashMap};

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
    /// A second-level subdivision (district, raion), drawn at its seat.
    District,
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
            PlaceKind::District => "district",
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
    /// assert_eq!("district".parse::<PlaceKind>()?, PlaceKind::District);
    /// assert!("nation".parse::<PlaceKind>().is_err());
    /// # Ok::<(), model::Error>(())
    /// ```
    fn from_str(kind: &str) -> crate::Result<Self> {
        [
            PlaceKind::Country,
            PlaceKind::Region,
            PlaceKind::District,
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

    /// The article with this id.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// Converts to a GeoJSON FeatureCollection: one Point feature per place
    /// (its mentions in the `mentions` property, each pointing at its
    /// sentence by position), and two foreign members, `articles` and
    /// `excerpts` (every sentence once, ordered by article then offset).
    pub fn to_geojson(&self) -> geojson::FeatureCollection {
        // Built apart from `write_geojson`'s index, so that each checks the other.
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
    /// (the same bytes) to `writer`, straight from the places through a
    /// [`GeojsonWriter`]: no JSON tree is built, so the output costs the
    /// time of writing it and no copy of it in memory. Give it a buffered
    /// writer.
    ///
    /// # Errors
    /// When `writer` fails.
    pub fn write_geojson(&self, writer: impl std::io::Write) -> std::io::Result<()> {
        let excerpts = ExcerptPositions::new(&self.places);
        let mut features = GeojsonWriter::new(writer)?;
        for (i, place) in self.places.iter().enumerate() {
            features.place(place, |out| {
                for (m, &excerpt) in place.mentions.iter().zip(excerpts.of_place(i)) {
                    out.mention(&MentionRef {
                        article: &m.article,
                        text: &m.text,
                        start: m.start,
                        end: m.end,
                        excerpt,
                    })?;
                }
                Ok::<(), std::io::Error>(())
            })?;
        }
        let mut articles = features.articles()?;
        for article in &self.articles {
            articles.article(article)?;
        }
        let mut sentences = articles.excerpts()?;
        for (article, start, text) in excerpts.iter() {
            sentences.excerpt(article, start, text)?;
        }
        sentences.finish().map(drop)
    }

    /// Parses the places GeoJSON.
    ///
    /// # Errors
    /// [`Error::Json`] for text that is not a FeatureCollection, and
    /// [`Error::Feature`] for a feature that is not a Point with place
    /// properties, or a mention pointing at no excerpt.
    pub fn from_geojson_str(text: &str) -> Result<Self> {
        let collection: ReadCollection = serde_json::from_str(text)?;
        let excerpts = collection.excerpts;
        let places = collection
            .features
            .into_iter()
            .enumerate()
            .map(|(index, feature)| place_from_feature(index, feature, &excerpts))
            .collect::<Result<_>>()?;
        Ok(PlaceCollection {
            articles: collection.articles,
            places,
        })
    }
}

/// Every sentence the mentions quote, once, in the order of the `excerpts`
/// member (by article id, then offset, then text), and the position of each
/// mention's sentence there.
struct ExcerptPositions<'a> {
    /// The article ids the mentions name, sorted.
    articles: Vec<&'a str>,
    /// The sentences as (rank of the article id in `articles`, offset,
    /// text), in order, each once.
    sentences: Vec<(u32, usize, &'a str)>,
    /// For each mention, places and their mentions in order, the position
    /// of its sentence in `sentences`.
    of_mention: Vec<usize>,
    /// Where each place's mentions start in `of_mention`.
    place_starts: Vec<usize>,
}

impl<'a> ExcerptPositions<'a> {
    fn new(places: &'a [Place]) -> Self {
        // Articles ranked in id order, so that sorting compares numbers, not
        // ids; a place's mentions come article by article, so an id is
        // looked up once per run of mentions, not once per mention.
        let mut first_seen: HashMap<&str, u32> = HashMap::new();
        let mut keys: Vec<(u32, usize, &str, u32)> = Vec::new();
        let mut place_starts = Vec::with_capacity(places.len());
        let mut last: Option<(&str, u32)> = None;
        for place in places {
            place_starts.push(keys.len());
            for mention in &place.mentions {
                let article = mention.article.as_str();
                let seen = match last {
                    Some((id, seen)) if id == article => seen,
                    _ => {
                        let next =
                            u32::try_from(first_seen.len()).expect("fewer than 2^32 articles");
                        *first_seen.entry(article).or_insert(next)
                    }
                };
                last = Some((article, seen));
                let index = u32::try_from(keys.len()).expect("fewer than 2^32 mentions");
                keys.push((seen, mention.excerpt_start, &mention.excerpt, index));
            }
        }
        let mut articles: Vec<(&str, u32)> = first_seen.into_iter().collect();
        articles.sort_unstable();
        let mut rank = vec![0u32; articles.len()];
        for (r, &(_, seen)) in articles.iter().enumerate() {
            rank[seen as usize] = r as u32;
        }
        for key in &mut keys {
            key.0 = rank[key.0 as usize];
        }
        keys.sort_unstable_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
        let mut sentences: Vec<(u32, usize, &str)> = Vec::new();
        let mut of_mention = vec![0; keys.len()];
        for (article, start, text, index) in keys {
            if sentences.last() != Some(&(article, start, text)) {
                sentences.push((article, start, text));
            }
            of_mention[index as usize] = sentences.len() - 1;
        }
        ExcerptPositions {
            articles: articles.into_iter().map(|(id, _)| id).collect(),
            sentences,
            of_mention,
            place_starts,
        }
    }

    /// The positions of the sentences of place `index`'s mentions, in order.
    fn of_place(&self, index: usize) -> &[usize] {
        let end = self
            .place_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.of_mention.len());
        &self.of_mention[self.place_starts[index]..end]
    }

    /// The sentences in order: (article id, offset, text).
    fn iter(&self) -> impl Iterator<Item = (&'a str, usize, &'a str)> + '_ {
        self.sentences
            .iter()
            .map(|&(rank, start, text)| (self.articles[rank as usize], start, text))
    }
}

// What `write_geojson` writes. The keys are in the order of `to_geojson`
// through `serde_json::Value` (the geojson crate's order for its own members;
// objects built from our types sorted by key), so both give the same bytes; a
// field added to `Place` or `Article` must be added here too, in its sorted
// place (`write_geojson_is_to_geojson` fails until it is).

/// Writes the places GeoJSON piece by piece, in the file's order: the
/// features place by place (each place's mentions one by one), then the
/// articles ([`GeojsonWriter::articles`]), then the sentences
/// ([`GeojsonArticles::excerpts`]), then [`GeojsonExcerpts::finish`]. The
/// bytes are those of [`PlaceCollection::write_geojson`] for the same
/// places, articles and sentences, which writes through it; a writer that
/// keeps its mentions elsewhere (the geocoder's spill file) writes a
/// collection of any size without holding it. The order and the positions
/// are the caller's: places as listed, mentions by article id then offset,
/// articles by id, sentences by article id then offset then text, each
/// mention's `excerpt` the position of its sentence among them.
pub struct GeojsonWriter<W: std::io::Write> {
    writer: W,
    first: bool,
}

/// The articles part of a [`GeojsonWriter`].
pub struct GeojsonArticles<W: std::io::Write>(GeojsonWriter<W>);

/// The sentences part of a [`GeojsonWriter`].
pub struct GeojsonExcerpts<W: std::io::Write>(GeojsonWriter<W>);

/// Writes the mentions of one feature ([`GeojsonWriter::place`]).
pub struct MentionWriter<'w, W: std::io::Write>(&'w mut GeojsonWriter<W>);

/// A mention as the places GeoJSON holds it (its fields sorted by name):
/// its sentence is the `excerpt`-th of the collection's `excerpts` member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MentionRef<'a> {
    /// The [`Article::id`] of the article naming the place.
    pub article: &'a str,
    /// Byte offset just past the mention's end in the article file.
    pub end: usize,
    /// The position of its sentence in the `excerpts` member.
    pub excerpt: usize,
    /// Byte offset of the mention's start in the article file.
    pub start: usize,
    /// The mention as written.
    pub text: &'a str,
}

impl<W: std::io::Write> GeojsonWriter<W> {
    /// Starts the collection; then [`GeojsonWriter::place`] for each feature.
    ///
    /// # Errors
    /// When `writer` fails.
    pub fn new(mut writer: W) -> std::io::Result<Self> {
        writer.write_all(br#"{"type":"FeatureCollection","features":["#)?;
        Ok(GeojsonWriter {
            writer,
            first: true,
        })
    }

    /// A comma before every item but the first of a list.
    fn separate(&mut self) -> std::io::Result<()> {
        if !std::mem::replace(&mut self.first, false) {
            self.writer.write_all(b",")?;
        }
        Ok(())
    }

    fn json(&mut self, value: &impl Serialize) -> std::io::Result<()> {
        serde_json::to_writer(&mut self.writer, value).map_err(std::io::Error::from)
    }

    /// Writes the feature of `place`, its mentions being those `mentions`
    /// writes (`place.mentions` is not read).
    ///
    /// # Errors
    /// When the writer fails, or what `mentions` returns.
    pub fn place<E: From<std::io::Error>>(
        &mut self,
        place: &Place,
        mentions: impl FnOnce(&mut MentionWriter<'_, W>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        self.separate()?;
        self.writer.write_all(br#"{"type":"Feature","geometry":"#)?;
        self.json(&WirePoint {
            kind: "Point",
            coordinates: [place.lon, place.lat],
        })?;
        self.writer.write_all(br#","properties":{"#)?;
        if let Some(country) = &place.country {
            self.writer.write_all(br#""country":"#)?;
            self.json(country)?;
            self.writer.write_all(b",")?;
        }
        if let Some(geonameid) = place.geonameid {
            self.writer.write_all(br#""geonameid":"#)?;
            self.json(&geonameid)?;
            self.writer.write_all(b",")?;
        }
        self.writer.write_all(br#""id":"#)?;
        self.json(&place.id)?;
        self.writer.write_all(br#","kind":"#)?;
        self.json(&place.kind)?;
        self.writer.write_all(br#","mentions":["#)?;
        self.first = true;
        mentions(&mut MentionWriter(self))?;
        self.writer.write_all(br#"],"name":"#)?;
        self.json(&place.name)?;
        if !place.names.is_empty() {
            self.writer.write_all(br#","names":"#)?;
            self.json(&place.names)?;
        }
        self.writer.write_all(b"}}")?;
        // The next feature is not the first.
        self.first = false;
        Ok(())
    }

    /// Ends the features and starts the articles.
    ///
    /// # Errors
    /// When the writer fails.
    pub fn articles(mut self) -> std::io::Result<GeojsonArticles<W>> {
        self.writer.write_all(br#"],"articles":["#)?;
        self.first = true;
        Ok(GeojsonArticles(self))
    }
}

impl<W: std::io::Write> MentionWriter<'_, W> {
    /// Writes one mention of the feature.
    ///
    /// # Errors
    /// When the writer fails.
    pub fn mention(&mut self, mention: &MentionRef<'_>) -> std::io::Result<()> {
        self.0.separate()?;
        self.0.json(mention)
    }
}

impl<W: std::io::Write> GeojsonArticles<W> {
    /// Writes one article of the `articles` member.
    ///
    /// # Errors
    /// When the writer fails.
    pub fn article(&mut self, a: &Article) -> std::io::Result<()> {
        self.0.separate()?;
        self.0.json(&WireArticle {
            date: &a.date,
            id: &a.id,
            inferred_date: &a.inferred_date,
            lang: &a.lang,
            text: &a.text,
            title: &a.title,
            url: &a.url,
        })
    }

    /// Ends the articles and starts the sentences.
    ///
    /// # Errors
    /// When the writer fails.
    pub fn excerpts(mut self) -> std::io::Result<GeojsonExcerpts<W>> {
        self.0.writer.write_all(br#"],"excerpts":["#)?;
        self.0.first = true;
        Ok(GeojsonExcerpts(self.0))
    }
}

impl<W: std::io::Write> GeojsonExcerpts<W> {
    /// Writes one sentence of the `excerpts` member: article `article`'s,
    /// at byte offset `start`.
    ///
    /// # Errors
    /// When the writer fails.
    pub fn excerpt(&mut self, article: &str, start: usize, text: &str) -> std::io::Result<()> {
        self.0.separate()?;
        self.0.json(&WireExcerptRef {
            article,
            start,
            text,
        })
    }

    /// Ends the collection; the writer (flush it, if buffered).
    ///
    /// # Errors
    /// When the writer fails.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.0.writer.write_all(b"]}")?;
        Ok(self.0.writer)
    }
}

#[derive(Serialize)]
struct WirePoint {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: [f64; 2],
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
    feature: ReadFeature,
    excerpts: &[WireExcerpt],
) -> Result<Place> {
    let fail = |reason: &str| Error::Feature {
        index,
        reason: reason.to_owned(),
    };
    let (lon, lat) = match feature.geometry {
        Some(ReadGeometry {
            kind: GeometryType::Point,
            coordinates: Numbers(Some(p)),
        }) if p.len() >= 2 => (p[0], p[1]),
        _ => return Err(fail("geometry is not a Point")),
    };
    let properties = feature.properties.ok_or_else(|| fail("no properties"))?;
    let mentions = properties
        .mentions
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
        id: properties.id,
        name: properties.name,
        names: properties.names,
        kind: properties.kind,
        country: properties.country,
        geonameid: properties.geonameid,
        lon,
        lat,
        mentions,
    })
}

// The GeoJSON as read: typed, the twins of the `Wire*` types above, so that
// reading builds no JSON tree (the app reads the whole file to cut the
// downloads of what it shows; through `geojson`'s generic features and
// `serde_json::Value` that took 40 KB more wasm and a tree of every
// property). Members it does not know are skipped, as a GeoJSON reader
// must (RFC 7946, section 6.1).

#[derive(Deserialize)]
struct ReadCollection {
    #[serde(rename = "type")]
    _kind: CollectionType,
    features: Vec<ReadFeature>,
    #[serde(default)]
    articles: Vec<Article>,
    #[serde(default)]
    excerpts: Vec<WireExcerpt>,
}

/// The one `type` a places file may have.
#[derive(Deserialize)]
enum CollectionType {
    FeatureCollection,
}

#[derive(Deserialize)]
struct ReadFeature {
    #[serde(default)]
    geometry: Option<ReadGeometry>,
    #[serde(default)]
    properties: Option<ReadProperties>,
}

#[derive(Deserialize)]
struct ReadGeometry {
    #[serde(rename = "type")]
    kind: GeometryType,
    #[serde(default)]
    coordinates: Numbers,
}

#[derive(Deserialize)]
enum GeometryType {
    Point,
    /// Any other geometry: a place file holds Points only, so the feature is
    /// refused (as [`Error::Feature`], naming it).
    #[serde(other)]
    Other,
}

/// The properties of a feature as [`GeojsonWriter::place`] writes them, owned.
#[derive(Deserialize)]
struct ReadProperties {
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    geonameid: Option<u32>,
    id: PlaceId,
    kind: PlaceKind,
    #[serde(default)]
    mentions: Vec<WireMention>,
    name: String,
    #[serde(default)]
    names: Names,
}

/// A geometry's `coordinates` when they are one flat list of numbers (a
/// Point's position); `None` for the nested lists of other geometries,
/// skipped without being kept.
#[derive(Default)]
struct Numbers(Option<Vec<f64>>);

impl<'de> Deserialize<'de> for Numbers {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Flat;
        impl<'de> serde::de::Visitor<'de> for Flat {
            type Value = Numbers;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of coordinates")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Numbers, A::Error> {
                let mut numbers = Some(Vec::new());
                while let Some(Number(item)) = seq.next_element()? {
                    match (item, numbers.as_mut()) {
                        (Some(x), Some(list)) => list.push(x),
                        _ => numbers = None,
                    }
                }
                Ok(Numbers(numbers))
            }
        }
        deserializer.deserialize_seq(Flat)
    }
}

/// One item of a `coordinates` list: a number, or `None` for anything else
/// (a nested list), read and dropped.
struct Number(Option<f64>);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct AnyItem;
        impl<'de> serde::de::Visitor<'de> for AnyItem {
            type Value = Number;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or a list")
            }
            fn visit_f64<E>(self, x: f64) -> std::result::Result<Number, E> {
                Ok(Number(Some(x)))
            }
            fn visit_i64<E>(self, x: i64) -> std::result::Result<Number, E> {
                Ok(Number(Some(x as f64)))
            }
            fn visit_u64<E>(self, x: u64) -> std::result::Result<Number, E> {
                Ok(Number(Some(x as f64)))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Number, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Number(None))
            }
        }
        deserializer.deserialize_any(AnyItem)
    }
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
                    names: [("en", "Batken"), ("ru", "Баткен")]
                        .map(|(l, n)| (l.to_owned(), n.to_owned()))
                        .into(),
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
                    // "a-b" sorts after "a" as an id, before it as a file name.
                    mentions: vec![
                        mention("a", "Isfara", 19, sentence, 0),
                        mention("a-b", "Isfara", 0, "Isfara.", 0),
                        mention("a", "Isfara", 40, "Isfara, encore.", 40),
                    ],
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

    /// What other tools may add (members it does not know, a `bbox`, an
    /// `id`) is skipped; what is not a places file is refused, naming the
    /// feature at fault.
    #[test]
    fn geojson_reading_skips_the_unknown_and_refuses_what_is_not_a_place() {
        let point = r#"{"type":"Point","coordinates":[71.7,39.8,1200.0]}"#;
        let properties = r#"{"id":"batken-1528735","name":"Batken","kind":"city","colour":"red"}"#;
        let file = |geometry: &str, properties: &str| {
            format!(
                r#"{{"type":"FeatureCollection","bbox":[0,0,1,1],"features":[{{"type":"Feature","id":7,"geometry":{geometry},"properties":{properties},"style":{{"a":[1,[2]]}}}}],"crs":null}}"#
            )
        };
        let read = PlaceCollection::from_geojson_str(&file(point, properties)).unwrap();
        let place = &read.places[0];
        assert_eq!(
            (place.id.as_str(), place.lon, place.lat),
            ("batken-1528735", 71.7, 39.8)
        );
        assert!(place.mentions.is_empty() && read.articles.is_empty());

        let line = r#"{"type":"LineString","coordinates":[[71.7,39.8],[70.0,40.0]]}"#;
        let refused = |geometry: &str, properties: &str| match PlaceCollection::from_geojson_str(
            &file(geometry, properties),
        ) {
            Err(Error::Feature { index: 0, reason }) => reason,
            other => panic!("{geometry} {properties}: {other:?}"),
        };
        assert_eq!(refused(line, properties), "geometry is not a Point");
        assert_eq!(refused("null", properties), "geometry is not a Point");
        assert_eq!(
            refused(r#"{"type":"Point","coordinates":[71.7]}"#, properties),
            "geometry is not a Point"
        );
        assert_eq!(refused(point, "null"), "no properties");
        let dangling = r#"{"id":"x","name":"X","kind":"city","mentions":[{"article":"a","text":"X","start":0,"end":1,"excerpt":3}]}"#;
        assert_eq!(
            refused(point, dangling),
            "mention points at excerpt 3, which is missing"
        );
        for not_places in [
            r#"{"type":"Feature","features":[]}"#,
            r#"{"type":"FeatureCollection"}"#,
            "[1, 2]",
        ] {
            assert!(
                matches!(
                    PlaceCollection::from_geojson_str(not_places),
                    Err(Error::Json(_))
                ),
                "{not_places}"
            );
        }
    }
}
