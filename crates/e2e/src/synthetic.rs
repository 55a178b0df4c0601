//! A site with thousands of places, for the tests and figures of a dense
//! map: synthetic places around the towns the articles are about, written
//! into a copy of `dist/` by the site build's own writer
//! (`geocoder::site_files`, the files of `model::site`), so the test site
//! can never drift from what the app reads.

use std::fs;
use std::path::{Path, PathBuf};

use model::{site, Article, Basemap, Mention, Place, PlaceCollection, PlaceKind};

use crate::error::{Error, Result};

/// Centres the synthetic places gather around (lon, lat, share): the
/// Fergana valley most densely, as in the articles, then the capitals.
const HUBS: &[(f64, f64, f64)] = &[
    (70.8, 40.1, 0.30), // Batken and the enclaves
    (72.8, 40.5, 0.15), // Osh
    (69.6, 40.3, 0.10), // Khujand
    (74.6, 42.9, 0.10), // Bishkek
    (76.9, 43.2, 0.10), // Almaty
    (68.8, 38.6, 0.10), // Dushanbe
    (44.5, 40.2, 0.08), // Yerevan
    (37.6, 55.8, 0.07), // Moscow
];

/// Places per synthetic article.
const PLACES_PER_ARTICLE: usize = 10;

/// `count` synthetic places named `Synthetic place 0001`… (unique, so a
/// test can find each by name), mentioned 1 to 20 times, in articles of
/// ten places each. The same `count` always gives the same places.
pub fn synthetic_places(count: usize) -> PlaceCollection {
    let mut rng = fastrand::Rng::with_seed(9);
    let total: f64 = HUBS.iter().map(|h| h.2).sum();
    let articles: Vec<Article> = (0..count.div_ceil(PLACES_PER_ARTICLE))
        .map(|a| {
            dispatch(
                format!("synthetic-{a:04}"),
                format!("Synthetic dispatch {a}"),
                "A synthetic dispatch.".into(),
            )
        })
        .collect();
    let places = (0..count)
        .map(|i| {
            let mut pick = rng.f64() * total;
            let hub = HUBS
                .iter()
                .find(|h| {
                    pick -= h.2;
                    pick <= 0.0
                })
                .unwrap_or(&HUBS[0]);
            // A rough normal spread (sum of uniforms), wider in longitude.
            let spread = |rng: &mut fastrand::Rng| (0..4).map(|_| rng.f64() - 0.5).sum::<f64>();
            let lon = hub.0 + 2.4 * spread(&mut rng);
            let lat = hub.1 + 1.4 * spread(&mut rng);
            let name = format!("Synthetic place {:04}", i + 1);
            let article = &articles[i / PLACES_PER_ARTICLE].id;
            let mentions = (0..1 + rng.usize(..20))
                .map(|m| Mention {
                    article: article.clone(),
                    text: name.clone(),
                    start: m * 40,
                    end: m * 40 + name.len(),
                    excerpt: format!("{name} was named in a synthetic dispatch."),
                    excerpt_start: m * 40,
                })
                .collect();
            Place {
                id: format!("synthetic-{:04}", i + 1).into(),
                name,
                names: Default::default(),
                kind: PlaceKind::Village,
                country: Some("KG".into()),
                geonameid: None,
                lon,
                lat,
                mentions,
            }
        })
        .collect();
    PlaceCollection { articles, places }
}

/// An undated English article without a URL (the app shows its text).
fn dispatch(id: String, title: String, text: String) -> Article {
    Article {
        id,
        title,
        date: None,
        inferred_date: None,
        url: None,
        lang: Some("en".into()),
        text: Some(text),
    }
}

/// The name of [`crowded_place`]'s place.
pub const CROWDED_PLACE: &str = "Synthetic crowded place";

/// A place named `mentions` times over `articles` articles (the mentions
/// spread evenly, article by article), beside a few ordinary synthetic
/// places: the popup of a place that tens of thousands of dispatches name.
pub fn crowded_place(mentions: usize, articles: usize) -> PlaceCollection {
    let mut collection = synthetic_places(20);
    let per_article = mentions.div_ceil(articles.max(1));
    let first = collection.articles.len();
    collection.articles.extend((0..articles).map(|a| {
        dispatch(
            format!("crowded-{a:05}"),
            format!("Crowded dispatch {a}"),
            format!("{CROWDED_PLACE} again, dispatch {a}."),
        )
    }));
    let mentions = (0..mentions)
        .map(|m| {
            let (article, nth) = (first + m / per_article, m % per_article);
            let excerpt = format!("{CROWDED_PLACE} was named, time {nth} of dispatch {article}.");
            Mention {
                article: collection.articles[article].id.clone(),
                text: CROWDED_PLACE.to_owned(),
                start: nth * 80,
                end: nth * 80 + CROWDED_PLACE.len(),
                excerpt,
                excerpt_start: nth * 80,
            }
        })
        .collect();
    collection.places.push(Place {
        id: "synthetic-crowded".into(),
        name: CROWDED_PLACE.to_owned(),
        names: Default::default(),
        kind: PlaceKind::City,
        country: Some("KG".into()),
        geonameid: None,
        lon: 70.8,
        lat: 40.1,
        mentions,
    });
    collection
}

/// A copy of the built site `dist` in `into` (emptied first) whose data
/// are `places`.
///
/// # Errors
/// [`Error::Read`] naming the file that could not be copied or written.
pub fn site_with_places(dist: &Path, into: &Path, places: &PlaceCollection) -> Result<PathBuf> {
    let _ = fs::remove_dir_all(into);
    copy_dir(dist, into)?;
    write_places(into, places)?;
    Ok(into.to_path_buf())
}

/// Replaces the data files of `site` (those of `model::site`: the index,
/// excerpt pages, texts, downloads) by those of `places`, keeping its
/// basemap.
fn write_places(site: &Path, places: &PlaceCollection) -> Result<()> {
    let read_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Read { path, source }
    };
    let basemap_path = site.join(site::BASEMAP);
    let basemap_text = fs::read_to_string(&basemap_path).map_err(read_error(&basemap_path))?;
    let basemap = Basemap::from_json_str(&basemap_text)
        .map_err(|e| read_error(&basemap_path)(std::io::Error::other(e.to_string())))?;
    for entry in fs::read_dir(site).map_err(read_error(site))? {
        let path = entry.map_err(read_error(site))?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        // The zones and the search file need the gazetteer to be rebuilt
        // (`geocoder::zone_and_search_files`): the seeds' are kept.
        if site::is_data_file(name) && ![site::ZONES, site::SEARCH].contains(&name) {
            fs::remove_file(&path).map_err(read_error(&path))?;
        }
    }
    let files = geocoder::site_files(places, &basemap)
        .map_err(|e| read_error(site)(std::io::Error::other(e.to_string())))?;
    for file in files {
        let path = site.join(&file.path);
        fs::write(&path, &file.bytes).map_err(read_error(&path))?;
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    let read_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Read { path, source }
    };
    fs::create_dir_all(to).map_err(read_error(to))?;
    for entry in fs::read_dir(from).map_err(read_error(from))? {
        let entry = entry.map_err(read_error(from))?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_dir(&source, &target)?;
        } else {
            fs::copy(&source, &target).map_err(read_error(&source))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_deterministic_unique_and_in_central_asia_or_near() {
        let a = synthetic_places(500);
        assert_eq!(a, synthetic_places(500));
        let mut names: Vec<&str> = a.places.iter().map(|p| p.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 500);
        assert!(a
            .places
            .iter()
            .all(|p| (30.0..85.0).contains(&p.lon) && (30.0..62.0).contains(&p.lat)));
        assert!(a
            .places
            .iter()
            .all(|p| a.article(&p.mentions[0].article).is_some()));
    }

    #[test]
    fn the_site_copy_holds_the_places_in_the_apps_format() {
        let root = std::env::temp_dir().join(format!("e2e-synthetic-{}", std::process::id()));
        let dist = root.join("dist");
        fs::create_dir_all(&dist).unwrap();
        fs::write(dist.join("index.html"), "<p>map</p>").unwrap();
        fs::write(
            dist.join(site::BASEMAP),
            r#"{"arcs":["AB"],"countries":[]}"#,
        )
        .unwrap();
        fs::write(dist.join(site::excerpt_page_path(99, 0)), "{}").unwrap();
        let places = synthetic_places(30);
        let copy = site_with_places(&dist, &root.join("copy"), &places).unwrap();
        let index: site::SiteIndex =
            site::from_json(&fs::read_to_string(copy.join(site::INDEX)).unwrap()).unwrap();
        assert_eq!(index.places.len(), 30);
        assert_eq!(index.articles.len(), 3);
        assert!(copy.join(site::excerpt_page_path(0, 0)).is_file());
        assert!(
            !copy.join(site::excerpt_page_path(99, 0)).exists(),
            "the seeds' chunks are gone"
        );
        assert!(copy.join("index.html").is_file());
        let basemap = fs::read_to_string(copy.join(site::BASEMAP)).unwrap();
        assert_eq!(
            Basemap::from_json_str(&basemap).unwrap().arcs,
            vec![vec![[0, -1]]]
        );
        let _ = fs::remove_dir_all(&root);
    }
}
