//! The ONE module that loads the map's data.
//!
//! The data files are written next to `index.html` by the site build
//! (`site-data`, run by a Trunk hook; names and formats in `model::site`)
//! and fetched here when the app starts, so the wasm holds only code and the
//! browser caches the data like any other file. In the single-file build
//! the files travel inside the page, as `<script type="application/json"
//! data-path="…">` elements, which are read before anything is fetched.
//! Everything else reads the data through [`load`] and the [`MapData`] it
//! returns.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use model::site::{
    self, ArticleText, ExcerptPage, IndexArticle, IndexPlace, SearchIndex, SiteIndex, ZoneFile,
};
use model::{Albers, Basemap, PlaceCollection, PlaceId, PlaceKind};
use wasm_bindgen::JsCast;

use crate::view::Bounds;

/// Why the map's data could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataError {
    /// A file could not be fetched (network error, HTTP status).
    #[error("{path} could not be fetched: {reason}")]
    Fetch {
        /// The file, relative to the site.
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// A file was fetched but is not of the expected shape.
    #[error("{path}: {reason}")]
    Invalid {
        /// The file, relative to the site.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl DataError {
    fn invalid(path: &str, error: impl std::fmt::Display) -> Self {
        DataError::Invalid {
            path: path.to_owned(),
            reason: error.to_string(),
        }
    }
}

/// Where the data files are: the page's own folder, or the folder given to
/// `mount` (a host page elsewhere loads the map from the map's site).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataSource {
    /// Absolute URL of the site's folder, ending in `/`; `None` resolves
    /// against the page.
    pub base: Option<String>,
}

impl DataSource {
    /// The URL of the site file `path`.
    pub fn url(&self, path: &str) -> String {
        match &self.base {
            Some(base) => web_sys::Url::new_with_base(path, base)
                .map(|url| url.href())
                .unwrap_or_else(|_| format!("{base}{path}")),
            None => path.to_owned(),
        }
    }

    /// The text of site file `path`: from the page when it carries the file
    /// (single-file build), else fetched.
    ///
    /// # Errors
    /// [`DataError::Fetch`] when the request fails or is not answered 2xx.
    pub async fn text(&self, path: &str) -> Result<String, DataError> {
        if let Some(text) = inline_file(path) {
            return Ok(text);
        }
        let failed = |reason: String| DataError::Fetch {
            path: path.to_owned(),
            reason,
        };
        let describe = |value: wasm_bindgen::JsValue| {
            value
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| value.as_string())
                .unwrap_or_else(|| "network error".to_owned())
        };
        // The data files keep their names from one build to the next (only
        // the code's names are hashed), so the browser must ask the server
        // whether its copy is still current: a conditional request (304 when
        // unchanged), never a stale index after the articles changed.
        let init = web_sys::RequestInit::new();
        init.set_cache(web_sys::RequestCache::NoCache);
        let promise = web_sys::window()
            .ok_or_else(|| failed("no window".to_owned()))?
            .fetch_with_str_and_init(&self.url(path), &init);
        let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(|e| failed(describe(e)))?
            .unchecked_into();
        if !response.ok() {
            return Err(failed(format!(
                "HTTP {} {}",
                response.status(),
                response.status_text()
            )));
        }
        let text = response.text().map_err(|e| failed(describe(e)))?;
        wasm_bindgen_futures::JsFuture::from(text)
            .await
            .map_err(|e| failed(describe(e)))?
            .as_string()
            .ok_or_else(|| failed("the body is not text".to_owned()))
    }
}

/// The content of `<script type="application/json" data-path="{path}">` in
/// the page, if the page carries that file.
fn inline_file(path: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let scripts = document
        .query_selector_all(r#"script[type="application/json"][data-path]"#)
        .ok()?;
    (0..scripts.length())
        .filter_map(|i| scripts.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|script| script.get_attribute("data-path").as_deref() == Some(path))
        .and_then(|script| script.text_content())
}

/// A place ready to draw: the place and its projected point.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPlace {
    /// The place as the index lists it.
    pub place: IndexPlace,
    /// Its position in the index, which names its excerpt files.
    pub position: usize,
    /// Projected kilometres east.
    pub x: f64,
    /// Projected kilometres north.
    pub y: f64,
}

/// Everything the map draws, and the way to the excerpts and texts.
#[derive(Debug)]
pub struct MapData {
    /// Places, most mentioned first (ties by id), so big markers are
    /// drawn under small ones and labels go to the most cited places.
    pub places: Vec<MapPlace>,
    /// The articles, in index order (places refer to them by position).
    pub articles: Vec<IndexArticle>,
    /// Country outlines.
    pub basemap: Basemap,
    /// The conflict zones (`model::site::ZONES`), already projected.
    pub zones: ZoneFile,
    /// ISO codes of the countries the articles name (shaded on the map).
    pub named_countries: BTreeSet<String>,
    /// Where the files are.
    pub source: DataSource,
    /// The position in [`MapData::places`] of each place id.
    by_id: HashMap<PlaceId, usize>,
    /// The chunks fetched so far, by path: each is fetched once.
    cache: Mutex<HashMap<String, Chunk>>,
}

/// A chunk file, parsed.
#[derive(Debug, Clone)]
enum Chunk {
    Excerpts(Arc<ExcerptPage>),
    Text(Arc<ArticleText>),
    Places(Arc<PlaceCollection>),
    Search(Arc<SearchIndex>),
}

impl PartialEq for MapData {
    fn eq(&self, other: &Self) -> bool {
        self.places == other.places
            && self.articles == other.articles
            && self.basemap == other.basemap
            && self.zones == other.zones
            && self.source == other.source
    }
}

impl MapData {
    /// The drawn place with this id.
    pub fn place(&self, id: &str) -> Option<&MapPlace> {
        self.places.get(self.index_of(id)?)
    }

    /// The position in [`MapData::places`] of the place with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The article with this id and its position.
    pub fn article(&self, id: &str) -> Option<(u32, &IndexArticle)> {
        let at = self
            .articles
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .ok()?;
        Some((u32::try_from(at).ok()?, &self.articles[at]))
    }

    /// Whether any of the articles `ids` names the drawn place at `index`.
    pub fn named_in_any(&self, index: usize, ids: &[String]) -> bool {
        let place = &self.places[index].place;
        ids.iter()
            .filter_map(|id| self.article(id))
            .any(|(at, _)| place.named_in(at))
    }

    /// Page `page` of the excerpts of the drawn place `place`, fetched once.
    ///
    /// # Errors
    /// When the file cannot be fetched or read; the error names it.
    pub async fn excerpt_page(
        &self,
        place: &MapPlace,
        page: u32,
    ) -> Result<Arc<ExcerptPage>, DataError> {
        let path = site::excerpt_page_path(place.position, page as usize);
        match self
            .chunk(&path, |text| {
                site::from_json(text).map(|p| Chunk::Excerpts(Arc::new(p)))
            })
            .await?
        {
            Chunk::Excerpts(page) => Ok(page),
            _ => Err(DataError::invalid(&path, "not an excerpt page")),
        }
    }

    /// The text of the article at position `article`, fetched once.
    ///
    /// # Errors
    /// When the file cannot be fetched or read; the error names it.
    pub async fn article_text(&self, article: u32) -> Result<Arc<ArticleText>, DataError> {
        let path = site::text_path(article as usize);
        match self
            .chunk(&path, |text| {
                site::from_json(text).map(|t| Chunk::Text(Arc::new(t)))
            })
            .await?
        {
            Chunk::Text(text) => Ok(text),
            _ => Err(DataError::invalid(&path, "not an article text")),
        }
    }

    /// Every place with every mention (the published `places.geojson`),
    /// fetched once: what the downloads of the shown data are cut from, so
    /// that they have exactly the full files' format.
    ///
    /// # Errors
    /// When the file cannot be fetched or read; the error names it.
    pub async fn place_collection(&self) -> Result<Arc<PlaceCollection>, DataError> {
        let path = site::PLACES_GEOJSON;
        match self
            .chunk(path, |text| {
                PlaceCollection::from_geojson_str(text).map(|c| Chunk::Places(Arc::new(c)))
            })
            .await?
        {
            Chunk::Places(places) => Ok(places),
            _ => Err(DataError::invalid(path, "not the places GeoJSON")),
        }
    }

    /// The search keys (`model::site::SEARCH`), fetched once: when the
    /// search box first gets the focus, not with the first view.
    ///
    /// # Errors
    /// When the file cannot be fetched or read; the error names it.
    pub async fn search_index(&self) -> Result<Arc<SearchIndex>, DataError> {
        let path = site::SEARCH;
        match self
            .chunk(path, |text| {
                site::from_json(text).map(|s| Chunk::Search(Arc::new(s)))
            })
            .await?
        {
            Chunk::Search(index) => Ok(index),
            _ => Err(DataError::invalid(path, "not a search index")),
        }
    }

    async fn chunk(
        &self,
        path: &str,
        parse: impl FnOnce(&str) -> model::Result<Chunk>,
    ) -> Result<Chunk, DataError> {
        if let Some(chunk) = self.cached(path) {
            return Ok(chunk);
        }
        let text = self.source.text(path).await?;
        let chunk = parse(&text).map_err(|e| DataError::invalid(path, e))?;
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(path.to_owned(), chunk.clone());
        }
        Ok(chunk)
    }

    fn cached(&self, path: &str) -> Option<Chunk> {
        self.cache.lock().ok()?.get(path).cloned()
    }

    /// The box the map may show: the basemap's, or the places' when there
    /// is no basemap yet, grown by a margin.
    pub fn extent(&self) -> Bounds {
        let arcs = (0..self.basemap.arcs.len()).flat_map(|i| self.basemap.arc_points(i));
        Bounds::around(arcs)
            .or_else(|| Bounds::around(self.places.iter().map(|p| (p.x, p.y))))
            .unwrap_or(Bounds {
                min_x: -3000.0,
                min_y: -2000.0,
                max_x: 3000.0,
                max_y: 2000.0,
            })
            .grown(200.0)
    }

    /// The box the first view frames: where the places concentrate (towns
    /// and villages; countries only when nothing finer is named, since a
    /// country's label point says little about where events happen).
    pub fn focus(&self) -> Bounds {
        let weighted = |countries: bool| -> Vec<((f64, f64), f64)> {
            self.places
                .iter()
                .filter(|p| countries || p.place.kind != PlaceKind::Country)
                .map(|p| ((p.x, p.y), f64::from(p.place.mentions)))
                .collect()
        };
        let fine = weighted(false);
        let points = if fine.is_empty() {
            weighted(true)
        } else {
            fine
        };
        crate::view::focus_bounds(&points).unwrap_or_else(|| self.extent())
    }
}

/// Fetches the files of the first view (the places index and the basemap)
/// and prepares them for drawing.
///
/// # Errors
/// When a file cannot be fetched or does not parse; the error names it.
pub async fn load(source: DataSource) -> Result<MapData, DataError> {
    let index = source.text(site::INDEX).await?;
    let basemap = source.text(site::BASEMAP).await?;
    let zones = source.text(site::ZONES).await?;
    let mut data = parse(&index, &basemap, source)?;
    data.zones = parse_zones(&zones)?;
    Ok(data)
}

/// Parses the zones file.
///
/// # Errors
/// [`DataError::Invalid`] naming the file for broken input.
pub fn parse_zones(zones_json: &str) -> Result<ZoneFile, DataError> {
    site::from_json(zones_json).map_err(|e| DataError::invalid(site::ZONES, e))
}

/// Parses the places index and the basemap and projects the places.
///
/// # Errors
/// [`DataError::Invalid`] naming the file for broken input.
pub fn parse(
    index_json: &str,
    basemap_json: &str,
    source: DataSource,
) -> Result<MapData, DataError> {
    let index: SiteIndex =
        site::from_json(index_json).map_err(|e| DataError::invalid(site::INDEX, e))?;
    let basemap =
        Basemap::from_json_str(basemap_json).map_err(|e| DataError::invalid(site::BASEMAP, e))?;
    let albers = Albers::csto();
    let mut places: Vec<MapPlace> = index
        .places
        .into_iter()
        .enumerate()
        .filter(|(_, p)| p.lon.is_finite() && p.lat.is_finite())
        .map(|(position, place)| {
            let (x, y) = albers.project(place.lon, place.lat);
            MapPlace {
                place,
                position,
                x,
                y,
            }
        })
        .collect();
    places.sort_by(|a, b| {
        b.place
            .mentions
            .cmp(&a.place.mentions)
            .then_with(|| a.place.id.cmp(&b.place.id))
    });
    let named_countries = places
        .iter()
        .filter(|p| p.place.kind == PlaceKind::Country)
        .filter_map(|p| p.place.country.clone())
        .collect();
    let by_id = places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.place.id.clone(), i))
        .collect();
    Ok(MapData {
        places,
        articles: index.articles,
        basemap,
        zones: ZoneFile::default(),
        named_countries,
        source,
        by_id,
        cache: Mutex::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(
        id: &str,
        kind: PlaceKind,
        country: &str,
        lon: f64,
        lat: f64,
        mentions: u32,
    ) -> IndexPlace {
        IndexPlace {
            id: id.into(),
            name: id.into(),
            names: Default::default(),
            kind,
            country: Some(country.into()),
            lon,
            lat,
            mentions,
            articles: vec![0],
            pages: 1,
        }
    }

    fn index() -> String {
        let index = SiteIndex {
            articles: vec![IndexArticle {
                id: "a".into(),
                title: "T".into(),
                date: None,
                month: None,
                date_inferred: false,
                url: None,
                lang: None,
                text: true,
            }],
            places: vec![
                place("batken", PlaceKind::City, "KG", 70.82, 40.06, 5),
                place("kg", PlaceKind::Country, "KG", 74.5, 41.5, 9),
                place("almaty", PlaceKind::City, "KZ", 76.93, 43.26, 5),
                place("washington", PlaceKind::City, "US", -77.04, 38.9, 1),
            ],
        };
        site::to_json(&index).unwrap()
    }

    const EMPTY_BASEMAP: &str = r#"{"arcs":[],"countries":[]}"#;

    fn data() -> MapData {
        parse(&index(), EMPTY_BASEMAP, DataSource::default()).unwrap()
    }

    #[test]
    fn places_are_projected_and_ordered_by_mentions() {
        let data = data();
        let ids: Vec<&str> = data.places.iter().map(|p| p.place.id.as_str()).collect();
        assert_eq!(ids, ["kg", "almaty", "batken", "washington"]);
        let batken = data.place("batken").unwrap();
        assert_eq!(
            batken.position, 0,
            "its excerpt files keep its index position"
        );
        let expected = Albers::csto().project(70.82, 40.06);
        assert_eq!((batken.x, batken.y), expected);
        assert_eq!(data.named_countries.iter().collect::<Vec<_>>(), ["KG"]);
    }

    #[test]
    fn articles_are_found_by_id_and_filter_places() {
        let data = data();
        assert_eq!(
            data.article("a").map(|(at, a)| (at, a.title.as_str())),
            Some((0, "T"))
        );
        assert!(data.article("b").is_none());
        assert!(data.named_in_any(0, &["a".into()]));
        assert!(!data.named_in_any(0, &["b".into()]));
    }

    #[test]
    fn the_focus_frames_the_towns_without_the_outlier() {
        let focus = data().focus();
        let (bx, by) = Albers::csto().project(70.82, 40.06);
        let (ax, ay) = Albers::csto().project(76.93, 43.26);
        assert_eq!((focus.min_x, focus.max_x), (bx.min(ax), bx.max(ax)));
        assert_eq!((focus.min_y, focus.max_y), (by.min(ay), by.max(ay)));
    }

    #[test]
    fn broken_input_names_the_file() {
        let err = parse("{", EMPTY_BASEMAP, DataSource::default()).unwrap_err();
        assert!(err.to_string().starts_with("index.json:"), "{err}");
        let err = parse(&index(), "[]", DataSource::default()).unwrap_err();
        assert!(err.to_string().starts_with("basemap.json:"), "{err}");
    }
}
