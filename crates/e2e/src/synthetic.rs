//! A site with thousands of places, for the tests and figures of a dense
//! map: synthetic places around the towns the articles are about, written
//! into a copy of `dist/` in the format the app reads.
//!
//! The ONE place that knows that format on the test side: when the app's
//! data files change, only [`write_places`] changes.

use std::fs;
use std::path::{Path, PathBuf};

use model::{Article, Mention, Place, PlaceCollection, PlaceKind};

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
        .map(|a| Article {
            id: format!("synthetic-{a:04}"),
            title: format!("Synthetic dispatch {a}"),
            date: None,
            inferred_date: None,
            url: None,
            lang: Some("en".into()),
            text: Some("A synthetic dispatch.".into()),
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

/// Writes `places` where the app reads its places from.
fn write_places(site: &Path, places: &PlaceCollection) -> Result<()> {
    let path = site.join("places.geojson");
    let json = places.to_geojson_string().map_err(|e| Error::Read {
        path: path.clone(),
        source: std::io::Error::other(e.to_string()),
    })?;
    fs::write(&path, json).map_err(|source| Error::Read { path, source })
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
}
