//! Building the places GeoJSON contract ([`model::PlaceCollection`]).
//!
//! Ordering is fixed so that identical inputs give byte-identical output:
//! articles by id, places by id, mentions by article then offset.

use std::collections::HashMap;

use model::site::{
    self, ArticleText as SiteText, Excerpt, ExcerptGroup, ExcerptPage, IndexArticle, IndexPlace,
    SiteFile, SiteIndex,
};
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
            // Only when neither the header nor the metadata line dates it.
            inferred_date: article
                .date
                .is_none()
                .then(|| {
                    let english = article.lang.as_deref() == Some("en");
                    crate::dates::infer_date_in(&article.text, &article.masked, english)
                })
                .flatten()
                .map(|date| date.iso()),
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
            id: place.id.as_str().into(),
            name: place.name.clone(),
            names: place.names.clone(),
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

/// Every data file of the map site for these places and this basemap
/// (formats and names in [`model::site`]), in a fixed order, each
/// byte-identical for identical inputs.
///
/// # Errors
/// [`crate::Error::Model`] if serialisation fails (the types rule it out),
/// [`crate::Error::Model`] if the CSV cannot be written.
pub fn site_files(places: &PlaceCollection, basemap: &Basemap) -> crate::Result<Vec<SiteFile>> {
    fn json<T: model::site::Serialize>(path: String, value: &T) -> crate::Result<SiteFile> {
        Ok(SiteFile {
            path,
            bytes: site::to_json(value)?.into_bytes(),
        })
    }
    let chunks = SiteChunks::new(places);
    let mut files = vec![
        json(site::INDEX.to_owned(), &chunks.index)?,
        json(site::BASEMAP.to_owned(), basemap)?,
        SiteFile {
            path: site::PLACES_GEOJSON.to_owned(),
            bytes: places.to_geojson_string()?.into_bytes(),
        },
        SiteFile {
            path: site::MENTIONS_CSV.to_owned(),
            bytes: places.to_mentions_csv()?,
        },
    ];
    for (place, pages) in chunks.pages.iter().enumerate() {
        for (page, content) in pages.iter().enumerate() {
            files.push(json(site::excerpt_page_path(place, page), content)?);
        }
    }
    for (article, text) in &chunks.texts {
        files.push(json(site::text_path(*article), text)?);
    }
    Ok(files)
}

/// The zones file and the search file of the map site
/// ([`site::ZONES`], [`site::SEARCH`]) for these places (the collection's
/// order is the index's): written beside [`site_files`]' files, kept out of
/// the index so that the first view stays small.
///
/// # Errors
/// [`crate::Error::Model`] if serialisation fails (the types rule it out).
pub fn zone_and_search_files(
    gazetteer: &Gazetteer,
    places: &PlaceCollection,
    basemap: &Basemap,
    hand_zones: &crate::zones::HandZones,
) -> crate::Result<Vec<SiteFile>> {
    let zones = crate::zones::zones(
        places,
        basemap,
        hand_zones,
        &crate::zones::ZoneOptions::default(),
    );
    let search = crate::search::search_index(gazetteer, places, &zones);
    Ok(vec![
        SiteFile {
            path: site::ZONES.to_owned(),
            bytes: site::to_json(&zones)?.into_bytes(),
        },
        SiteFile {
            path: site::SEARCH.to_owned(),
            bytes: site::to_json(&search)?.into_bytes(),
        },
    ])
}

/// The places index and the chunks fetched on demand.
struct SiteChunks {
    index: SiteIndex,
    /// Excerpt pages, per place in index order.
    pages: Vec<Vec<ExcerptPage>>,
    /// Texts of the articles without a URL, by position.
    texts: Vec<(usize, SiteText)>,
}

impl SiteChunks {
    fn new(places: &PlaceCollection) -> Self {
        let position: HashMap<&str, u32> = places
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), to_u32(i)))
            .collect();
        let mut marks: Vec<Vec<[u32; 3]>> = vec![Vec::new(); places.articles.len()];
        let mut index_places = Vec::with_capacity(places.places.len());
        let mut pages = Vec::with_capacity(places.places.len());
        for (p, place) in places.places.iter().enumerate() {
            let mut groups: Vec<ExcerptGroup> = Vec::new();
            // Where each sentence of the current article is, so that one
            // repeated (a title printed twice) is shown once.
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for mention in &place.mentions {
                let Some(&article) = position.get(mention.article.as_str()) else {
                    continue;
                };
                marks[article as usize].push([
                    to_u32(p),
                    to_u32(mention.start),
                    to_u32(mention.end),
                ]);
                if groups.last().is_none_or(|group| group.article != article) {
                    groups.push(ExcerptGroup {
                        article,
                        mentions: 0,
                        excerpts: Vec::new(),
                    });
                    seen.clear();
                }
                let group = groups.last_mut().expect("pushed above");
                group.mentions += 1;
                let mark = mention
                    .range_in_excerpt()
                    .map(|r| [to_u32(r.start), to_u32(r.end)]);
                let at = *seen.entry(mention.excerpt.as_str()).or_insert_with(|| {
                    group.excerpts.push(Excerpt {
                        text: mention.excerpt.clone(),
                        marks: Vec::new(),
                    });
                    group.excerpts.len() - 1
                });
                let marks = &mut group.excerpts[at].marks;
                if let Some(mark) = mark.filter(|m| !marks.contains(m)) {
                    marks.push(mark);
                }
            }
            for group in &mut groups {
                for excerpt in &mut group.excerpts {
                    excerpt.marks.sort_unstable();
                }
            }
            // Taken before the pages split the groups.
            let mentions = groups.iter().map(|group| group.mentions).sum();
            let articles = groups.iter().map(|group| group.article).collect();
            let place_pages = paginate(groups);
            index_places.push(IndexPlace {
                id: place.id.clone(),
                name: place.name.clone(),
                names: place.names.clone(),
                kind: place.kind,
                country: place.country.clone(),
                lon: place.lon,
                lat: place.lat,
                mentions,
                articles,
                pages: to_u32(place_pages.len()),
            });
            pages.push(place_pages);
        }
        let texts = places
            .articles
            .iter()
            .zip(marks)
            .enumerate()
            .filter_map(|(i, (article, mut marks))| {
                let text = article.text.clone()?;
                marks.sort_unstable();
                Some((i, SiteText { text, marks }))
            })
            .collect();
        let articles = places
            .articles
            .iter()
            .map(|a| IndexArticle {
                id: a.id.clone(),
                title: a.title.clone(),
                date: a.date.clone().or_else(|| a.inferred_date.clone()),
                month: a
                    .date
                    .as_deref()
                    .or(a.inferred_date.as_deref())
                    .and_then(crate::dates::read_date)
                    .map(|date| date.month),
                date_inferred: a.date.is_none() && a.inferred_date.is_some(),
                url: a.url.clone(),
                lang: a.lang.clone(),
                text: a.text.is_some(),
            })
            .collect();
        SiteChunks {
            index: SiteIndex {
                articles,
                places: index_places,
            },
            pages,
            texts,
        }
    }
}

/// Cuts a place's groups into pages of [`site::EXCERPTS_PER_PAGE`]
/// excerpts (a group may go on over the next page); always one page at
/// least.
fn paginate(groups: Vec<ExcerptGroup>) -> Vec<ExcerptPage> {
    let mut pages = Vec::new();
    let mut page = ExcerptPage::default();
    let mut count = 0;
    for group in groups {
        for excerpt in group.excerpts {
            if count == site::EXCERPTS_PER_PAGE {
                pages.push(std::mem::take(&mut page));
                count = 0;
            }
            match page.groups.last_mut() {
                Some(last) if last.article == group.article => last.excerpts.push(excerpt),
                _ => page.groups.push(ExcerptGroup {
                    article: group.article,
                    mentions: group.mentions,
                    excerpts: vec![excerpt],
                }),
            }
            count += 1;
        }
    }
    if count > 0 || pages.is_empty() {
        pages.push(page);
    }
    pages
}

/// Positions and offsets fit in `u32`: articles are cut at 20 MB.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse_article;
    use crate::records::Collector;

    /// The places of one article's resolved names, gathered as a run
    /// gathers them (its record, through a [`Collector`]).
    fn collect(
        gazetteer: &Gazetteer,
        article: &ArticleText,
        resolved: &[Resolved],
    ) -> PlaceCollection {
        let collector = Collector::in_memory(gazetteer, 1);
        crate::pipeline::record(&collector, 0, article, resolved);
        collector.into_collection()
    }

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
        let collection = collect(&gazetteer, &article, &resolved);
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
        let gazetteer =
            Gazetteer::from_strs("b-2\tcity\tKG\t2\t40\t70\t30000\tKG-B\tBatken\n", "", "")
                .unwrap();
        // Batken named 45 times, twice in a sentence that says "quoted, too".
        let body: String = (0..22)
            .map(|i| format!("Tirs {i} sur Batken. "))
            .chain(["Batken et Batken, \"quoted, too\".".to_owned()])
            .collect();
        let article = parse_article("x", format!("Titre\n\n{body}"));
        let resolved: Vec<Resolved> = article
            .text
            .match_indices("Batken")
            .map(|(start, _)| Resolved {
                start,
                end: start + 6,
                place: 0,
            })
            .collect();
        let places = collect(&gazetteer, &article, &resolved);
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

        let index: SiteIndex = site::from_json(&file(site::INDEX)).unwrap();
        let batken = &index.places[0];
        assert_eq!((batken.mentions, batken.articles.clone()), (24, vec![0]));
        assert_eq!(batken.pages, 2, "23 sentences at 20 a page");
        assert!(index.articles[0].text, "no URL: the text is published");
        let first: ExcerptPage = site::from_json(&file(&site::excerpt_page_path(0, 0))).unwrap();
        let second: ExcerptPage = site::from_json(&file(&site::excerpt_page_path(0, 1))).unwrap();
        assert_eq!(first.groups[0].excerpts.len(), site::EXCERPTS_PER_PAGE);
        // The group cut by the page's end: the article's whole count on both.
        assert_eq!(
            (first.groups[0].mentions, second.groups[0].mentions),
            (24, 24)
        );
        let last = &second.groups[0].excerpts[2];
        let marked: Vec<&str> = last
            .marks
            .iter()
            .map(|&[a, b]| &last.text[a as usize..b as usize])
            .collect();
        assert_eq!(marked, ["Batken", "Batken"], "one sentence, both mentions");
        let text: SiteText = site::from_json(&file(&site::text_path(0))).unwrap();
        assert_eq!(text.marks.len(), 24);
        let [_, start, end] = text.marks[0];
        assert_eq!(&text.text[start as usize..end as usize], "Batken");

        let csv_text = file(site::MENTIONS_CSV);
        let mut csv = csv::Reader::from_reader(csv_text.as_bytes());
        assert_eq!(
            csv.headers().unwrap(),
            site::MENTIONS_CSV_COLUMNS.as_slice()
        );
        let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 24);
        assert_eq!(&rows[0][1], "b-2");
        assert_eq!(
            &rows[23][10], "Batken et Batken, \"quoted, too\".",
            "RFC 4180 quoting"
        );

        assert_eq!(
            site_files(&places, &basemap).unwrap(),
            files,
            "deterministic"
        );
    }
}
