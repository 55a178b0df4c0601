//! Which articles, and so which places, the map shows now: the ONE
//! definition used by the map, the article list, the zones and the
//! downloads.
//!
//! An article is shown when it passes the article filter (`filter=`: empty
//! keeps every article) AND the time range (`when=`: `None` keeps every
//! article, dated or not; a range keeps only the articles dated inside it,
//! so undated ones are shown only without a range). A place is shown when
//! a shown article names it.

use model::site::IndexPlace;
use model::MonthRange;

use crate::data::MapData;

/// The articles shown, one flag per article of [`MapData::articles`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shown {
    articles: Vec<bool>,
    count: usize,
    /// Whether every article is shown (no filter, no range).
    pub everything: bool,
}

impl Shown {
    /// What `filter` (article ids; empty: all) and `range` keep of `data`.
    pub fn new(data: &MapData, filter: &[String], range: Option<MonthRange>) -> Shown {
        let mut articles = vec![filter.is_empty(); data.articles.len()];
        for (at, _) in filter.iter().filter_map(|id| data.article(id)) {
            articles[at as usize] = true;
        }
        if let Some(range) = range {
            for (flag, article) in articles.iter_mut().zip(&data.articles) {
                *flag &= article.month.is_some_and(|m| range.contains(m));
            }
        }
        let count = articles.iter().filter(|&&shown| shown).count();
        Shown {
            articles,
            count,
            everything: filter.is_empty() && range.is_none(),
        }
    }

    /// Whether the article at position `article` of the index is shown.
    pub fn article(&self, article: u32) -> bool {
        self.articles
            .get(article as usize)
            .copied()
            .unwrap_or(false)
    }

    /// Whether `place` is shown: a shown article names it.
    pub fn place(&self, place: &IndexPlace) -> bool {
        self.everything || place.articles.iter().any(|&a| self.article(a))
    }

    /// How many articles are shown.
    pub fn article_count(&self) -> usize {
        self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::site::{IndexArticle, SiteIndex};
    use model::{PlaceKind, YearMonth};

    /// A map of these articles, article `i` naming place `i` alone.
    fn map_data_with(articles: &[(&str, Option<YearMonth>)]) -> MapData {
        let index = SiteIndex {
            articles: articles
                .iter()
                .map(|&(id, month)| IndexArticle {
                    id: id.into(),
                    title: id.into(),
                    date: month.map(|m| m.to_string()),
                    month,
                    date_inferred: false,
                    url: None,
                    lang: None,
                    text: false,
                })
                .collect(),
            places: (0..articles.len())
                .map(|i| IndexPlace {
                    id: format!("p{i}").into(),
                    name: format!("P{i}"),
                    names: Default::default(),
                    kind: PlaceKind::City,
                    country: None,
                    lon: 70.0 + i as f64,
                    lat: 40.0,
                    mentions: 1,
                    articles: vec![i as u32],
                    pages: 1,
                })
                .collect(),
        };
        let json = model::site::to_json(&index).unwrap();
        crate::data::parse(&json, r#"{"arcs":[],"countries":[]}"#, Default::default()).unwrap()
    }

    fn month(text: &str) -> Option<YearMonth> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn filter_and_range_both_apply() {
        // Articles a (2021-06), b (2022-10), c (undated); a names place 0,
        // b place 1, c place 2.
        let data = map_data_with(&[
            ("a", month("2021-06")),
            ("b", month("2022-10")),
            ("c", None),
        ]);
        let all = Shown::new(&data, &[], None);
        assert!(all.everything && all.article_count() == 3);
        let october: MonthRange = "2022-10..2022-10".parse().unwrap();
        let shown = Shown::new(&data, &[], Some(october));
        assert_eq!(
            (shown.article(0), shown.article(1), shown.article(2)),
            (false, true, false)
        );
        let places: Vec<bool> = data.places.iter().map(|p| shown.place(&p.place)).collect();
        assert_eq!(places.iter().filter(|&&p| p).count(), 1);
        let both = Shown::new(&data, &["a".into()], Some(october));
        assert_eq!(both.article_count(), 0, "a is outside the range");
        let filtered = Shown::new(&data, &["c".into()], None);
        assert!(
            filtered.article(2) && !filtered.article(0),
            "undated articles pass without a range"
        );
    }
}
