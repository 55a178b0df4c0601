//! Building the places GeoJSON contract ([`model::PlaceCollection`]).
//!
//! Ordering is fixed so that identical inputs give byte-identical output:
//! articles by id, places by id, mentions by article then offset.

use std::collections::BTreeMap;

use model::{Article, Mention, Place, PlaceCollection};

use crate::article::{sentence_around, ArticleText};
use crate::gazetteer::{Gazetteer, GazetteerPlace};
use crate::pipeline::GeocodedArticle;
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
pub fn collect(gazetteer: &Gazetteer, articles: Vec<GeocodedArticle>) -> PlaceCollection {
    let mut places: BTreeMap<&str, Place> = BTreeMap::new();
    let mut metadata = Vec::with_capacity(articles.len());
    for GeocodedArticle { article, mentions } in articles {
        for (place, mention) in mentions {
            let source = gazetteer.place(place);
            places
                .entry(source.id.as_str())
                .or_insert_with(|| Place::from(source))
                .mentions
                .push(mention);
        }
        metadata.push(article);
    }
    let mut places: Vec<Place> = places.into_values().collect();
    for place in &mut places {
        place
            .mentions
            .sort_by(|a, b| (&a.article, a.start, a.end).cmp(&(&b.article, b.start, b.end)));
    }
    metadata.sort_by(|a, b| a.id.cmp(&b.id));
    PlaceCollection {
        articles: metadata,
        places,
    }
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
        let collection = collect(&gazetteer, vec![GeocodedArticle::new(&article, &resolved)]);
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
}
