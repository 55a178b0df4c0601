//! Building the places GeoJSON contract ([`model::PlaceCollection`]).
//!
//! Ordering is fixed so that identical inputs give byte-identical output:
//! articles by id, places by id, mentions by article then offset.

use std::collections::BTreeMap;

use model::site::{self, SiteFile};
use model::{Article, Basemap, Mention, Place, PlaceCollection};

use crate::article::{sentence_around, ArticleText};
use crate::gazetteer::{Gazetteer, GazetteerPlace};
use crate::resolve::Resolved;

impl From<&ArticleText> for Article {
    fn from(article: &ArticleText) -> Self {
        Article {
            id: article.id.clone(),
            title: article.title.clone(),
            date: article.date.clone(),
            url: article.url.clone(),
            lang: article.lang.clone(),
            // Without a link to the source, the app shows the text itself.
            text: article.url.is_none().then(|| article.text.clone()),
        }
    }
}

impl From<&GazetteerPlace> for Place {
    fn from(place: &GazetteerPlace) -> Self {
        Place {
            id: place.id.clone(),
            name: place.name.clone(),
            kind: place.kind,
            country: place.country.clone(),
            geonameid: place.geonameid,
            lon: place.lon,
            lat: place.lat,
            mentions: Vec::new(),
        }
    }
}

/// The mention of a resolved name, with its sentence as excerpt.
pub fn mention(article: &ArticleText, resolved: &Resolved) -> Mention {
    let sentence = sentence_around(&article.text, resolved.start..resolved.end);
    Mention {
        article: article.id.clone(),
        text: article.text[resolved.start..resolved.end].to_owned(),
        start: resolved.start,
        end: resolved.end,
        excerpt: article.text[sentence.clone()].to_owned(),
        excerpt_start: sentence.start,
    }
}

/// Gathers the mentions of every article into places.
pub fn collect(
    gazetteer: &Gazetteer,
    articles: &[(ArticleText, Vec<Resolved>)],
) -> PlaceCollection {
    let mut places: BTreeMap<&str, Place> = BTreeMap::new();
    for (article, resolved) in articles {
        for r in resolved {
            let source = gazetteer.place(r.place);
            places
                .entry(source.id.as_str())
                .or_insert_with(|| Place::from(source))
                .mentions
                .push(mention(article, r));
        }
    }
    let mut places: Vec<Place> = places.into_values().collect();
    for place in &mut places {
        place
            .mentions
            .sort_by(|a, b| (&a.article, a.start, a.end).cmp(&(&b.article, b.start, b.end)));
    }
    let mut articles: Vec<Article> = articles.iter().map(|(a, _)| Article::from(a)).collect();
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    PlaceCollection { articles, places }
}

/// Every data file of the map site for these places and this basemap
/// (formats and names in [`model::site`]), in a fixed order, each
/// byte-identical for identical inputs.
///
/// # Errors
/// [`crate::Error::Model`] if serialisation fails (the types rule it out).
pub fn site_files(places: &PlaceCollection, basemap: &Basemap) -> crate::Result<Vec<SiteFile>> {
    Ok(vec![
        SiteFile {
            path: site::PLACES_GEOJSON.to_owned(),
            bytes: places.to_geojson_string()?.into_bytes(),
        },
        SiteFile {
            path: site::BASEMAP.to_owned(),
            bytes: basemap.to_json_string()?.into_bytes(),
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse_article;

    #[test]
    fn places_sorted_by_id_with_excerpts() {
        let gazetteer = Gazetteer::from_strs(
            "b-2\tcity\tKG\t2\t40\t70\t30000\tKG-B\tBatken\na-1\tvillage\tTJ\t1\t39.8\t70.5\t900\t\tVorukh\n",
            "",
            "",
        )
        .unwrap();
        let text = "Titre\n\nTirs sur Batken. Puis Vorukh et Batken.";
        let article = parse_article("x", text.into());
        let at = |w: &str, nth: usize| article.text.match_indices(w).nth(nth).unwrap().0;
        let resolved = vec![
            Resolved {
                start: at("Batken", 1),
                end: at("Batken", 1) + 6,
                place: 0,
            },
            Resolved {
                start: at("Vorukh", 0),
                end: at("Vorukh", 0) + 6,
                place: 1,
            },
            Resolved {
                start: at("Batken", 0),
                end: at("Batken", 0) + 6,
                place: 0,
            },
        ];
        let collection = collect(&gazetteer, &[(article, resolved)]);
        let ids: Vec<&str> = collection.places.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["a-1", "b-2"]);
        let batken = &collection.places[1];
        assert!(batken.mentions[0].start < batken.mentions[1].start);
        assert_eq!(batken.mentions[0].excerpt, "Tirs sur Batken.");
        let m = &batken.mentions[1];
        assert_eq!(&m.excerpt[m.range_in_excerpt().unwrap()], "Batken");
        // No URL: the app gets the whole text to show.
        assert_eq!(collection.articles[0].text.as_deref(), Some(text));
    }

    #[test]
    fn site_files_read_back_as_the_contract() {
        let gazetteer = Gazetteer::from_strs(
            "b-2\tcity\tKG\t2\t40\t70\t30000\tKG-B\tBatken\n",
            "",
            "",
        )
        .unwrap();
        let article = parse_article("x", "Titre\n\nTirs sur Batken.".into());
        let start = article.text.find("Batken").unwrap();
        let resolved = vec![Resolved {
            start,
            end: start + 6,
            place: 0,
        }];
        let places = collect(&gazetteer, &[(article, resolved)]);
        let basemap = Basemap::default();
        let files = site_files(&places, &basemap).unwrap();
        let file = |name: &str| {
            let file = files.iter().find(|f| f.path == name).expect(name);
            std::str::from_utf8(&file.bytes).unwrap().to_owned()
        };
        assert_eq!(
            PlaceCollection::from_geojson_str(&file(site::PLACES_GEOJSON)).unwrap(),
            places
        );
        assert_eq!(
            Basemap::from_json_str(&file(site::BASEMAP)).unwrap(),
            basemap
        );
        assert_eq!(site_files(&places, &basemap).unwrap(), files, "deterministic");
    }
}
