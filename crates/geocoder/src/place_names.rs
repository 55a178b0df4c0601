//! The names a place is shown by: its display name and its name per
//! language ([`model::Place::name`], [`model::Place::names`]).
//!
//! Two sources, in this order:
//!
//! 1. the data (`place-names.tsv`, [`GazetteerPlace::names`]): CLDR for
//!    countries (Russie / Russia / Россия), CLDR and iso3166-2 for
//!    subdivisions, the Russian name GeoNames attests for a place; for
//!    English, the gazetteer's display name when the file gives none
//!    (the generator leaves out an English name equal to it), unless it is
//!    a scholarly romanisation ([`is_plain_spelling`]);
//! 2. the form the articles use: the spelling the articles of a language
//!    give a place most often is its name in that language when the data
//!    has none ("Khodjent" in French news), and the spelling all the
//!    articles give it most often is its display name when the data has no
//!    English name (GeoNames shows "Ḩukūmat-e Shīnkaī" for the town news
//!    call Shinkay, and "Manas" for Jalal-Abad).
//!
//! Only Latin spellings written as a name is (a capital, then not all
//! capitals) count: Russian inflects names ("в Баткене"), so a Russian name
//! comes from the data only.

use std::collections::BTreeMap;

use model::{Names, Place, NAME_LANGUAGES};

use crate::gazetteer::GazetteerPlace;

/// How the articles spell a place: how often each spelling written as a
/// name ([`is_written_as_name`]) comes, in all and per article language.
/// Gathered mention by mention ([`Spellings::add`]), so that a run naming
/// a place never holds its mentions to name it; equal whatever the order
/// of the additions.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Spellings {
    all: BTreeMap<String, usize>,
    by_lang: BTreeMap<String, BTreeMap<String, usize>>,
}

impl Spellings {
    /// Counts the mention `text` of an article in language `lang`.
    pub fn add(&mut self, text: &str, lang: Option<&str>) {
        if !is_written_as_name(text) {
            return;
        }
        count(&mut self.all, text);
        if let Some(lang) = lang {
            let counts = match self.by_lang.get_mut(lang) {
                Some(counts) => counts,
                None => self.by_lang.entry(lang.to_owned()).or_default(),
            };
            count(counts, text);
        }
    }
}

/// Counts `text` once more, allocating only for a new spelling.
fn count(counts: &mut BTreeMap<String, usize>, text: &str) {
    match counts.get_mut(text) {
        Some(c) => *c += 1,
        None => {
            counts.insert(text.to_owned(), 1);
        }
    }
}

/// Sets `place.name` and `place.names` from the data of `source` and the
/// articles' spellings of it.
pub fn name_place(place: &mut Place, source: &GazetteerPlace, spellings: &Spellings) {
    let all = &spellings.all;
    let by_lang = &spellings.by_lang;
    let mut names: Names = source.names.clone();
    if !names.contains_key("en") && is_plain_spelling(&source.name) {
        names.insert("en".to_owned(), source.name.clone());
    }
    let data_english = names.get("en").cloned();
    for lang in NAME_LANGUAGES {
        if names.contains_key(lang) {
            continue;
        }
        if let Some(form) = by_lang.get(lang).and_then(|c| most_used(c)) {
            names.insert(lang.to_owned(), form.to_owned());
        }
    }
    place.name = match data_english.or_else(|| names.get("en").cloned()) {
        Some(english) => english,
        None => most_used(all).unwrap_or(&source.name).to_owned(),
    };
    place.names = names;
}

/// Combining marks of scholarly romanisations (BGN/PCGN, ALA-LC): macron,
/// dot below, breve below, line below. GeoNames writes "Ḩukūmat-e
/// Shīnkaī" and "Jalālābād" so; English text writes "Shinkay" and
/// "Jalalabad".
const SCHOLARLY_MARKS: [char; 4] = ['\u{0304}', '\u{0323}', '\u{032E}', '\u{0331}'];

/// Whether `name` is spelled as text spells it: no scholarly romanisation
/// mark ("Batken", "Türkiye", not "Jalālābād").
pub fn is_plain_spelling(name: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    !name.nfd().any(|c| SCHOLARLY_MARKS.contains(&c))
}

/// The spelling used most, the first in sort order among equals.
fn most_used(counts: &BTreeMap<String, usize>) -> Option<&str> {
    // max_by_key keeps the last of equals: reverse so that it is the first.
    counts
        .iter()
        .rev()
        .max_by_key(|(_, &count)| count)
        .map(|(text, _)| text.as_str())
}

/// A Latin spelling that starts with a capital and is not all capitals
/// (`BATKEN` in a headline says nothing of how the name is written).
fn is_written_as_name(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return false;
    };
    let latin = |c: char| c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c);
    first.is_uppercase()
        && latin(first)
        && text.chars().filter(|c| c.is_alphabetic()).all(latin)
        && text.chars().any(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Mention, PlaceKind};
    use std::collections::HashMap;

    fn source(name: &str, names: &[(&str, &str)]) -> GazetteerPlace {
        GazetteerPlace {
            id: "p".into(),
            name: name.into(),
            names: names
                .iter()
                .map(|&(l, n)| (l.to_owned(), n.to_owned()))
                .collect(),
            kind: PlaceKind::City,
            country: Some("KG".into()),
            geonameid: None,
            lat: 0.0,
            lon: 0.0,
            population: 0,
            admin1: String::new(),
        }
    }

    fn place(mentions: &[(&str, &str)]) -> Place {
        Place {
            id: "p".into(),
            name: String::new(),
            names: Names::new(),
            kind: PlaceKind::City,
            country: None,
            geonameid: None,
            lon: 0.0,
            lat: 0.0,
            mentions: mentions
                .iter()
                .map(|&(article, text)| Mention {
                    article: article.into(),
                    text: text.into(),
                    start: 0,
                    end: text.len(),
                    excerpt: text.into(),
                    excerpt_start: 0,
                })
                .collect(),
        }
    }

    /// Names `place` from the spellings of its mentions, the articles
    /// `fr1`, `fr2` being French, `en1` English, `ru1` Russian.
    fn name(place: &mut Place, source: &GazetteerPlace) {
        let langs = HashMap::from([("fr1", "fr"), ("fr2", "fr"), ("en1", "en"), ("ru1", "ru")]);
        let mut spellings = Spellings::default();
        for mention in &place.mentions {
            spellings.add(&mention.text, langs.get(mention.article.as_str()).copied());
        }
        name_place(place, source, &spellings);
    }

    #[test]
    fn the_data_names_win_and_the_english_one_is_the_display_name() {
        let mut moscow = place(&[("fr1", "Moscou"), ("en1", "Moscow")]);
        let data = [("en", "Moscow"), ("fr", "Moscou"), ("ru", "Москва")];
        name(&mut moscow, &source("Moscow", &data));
        assert_eq!(moscow.name, "Moscow");
        assert_eq!(moscow.name_in("fr"), "Moscou");
        assert_eq!(moscow.name_in("ru"), "Москва");
    }

    #[test]
    fn without_data_the_articles_forms_name_the_place() {
        // GeoNames' "Ḩukūmat-e Shīnkaī" is the town French and English news call Shinkay.
        let mut shinkay = place(&[
            ("fr1", "Shinkay"),
            ("fr2", "Shinkay"),
            ("en1", "Shinkai"),
            ("ru1", "Шинкае"),
        ]);
        name(
            &mut shinkay,
            &source("Ḩukūmat-e Shīnkaī", &[("ru", "Хукумат-е Шинкай")]),
        );
        // The display name is the English one, then the form all articles use most.
        assert_eq!(shinkay.name, "Shinkai");
        assert_eq!(shinkay.name_in("fr"), "Shinkay");
        assert_eq!(shinkay.name_in("en"), "Shinkai");
        // An inflected Russian form never becomes a name.
        assert_eq!(shinkay.name_in("ru"), "Хукумат-е Шинкай");
    }

    #[test]
    fn a_plain_gazetteer_name_is_the_english_name() {
        // Named in French articles only: English readers still read "Moscow".
        let mut moscow = place(&[("fr1", "Moscou")]);
        name(&mut moscow, &source("Moscow", &[("ru", "Москва")]));
        assert_eq!(moscow.name, "Moscow");
        assert_eq!(moscow.name_in("en"), "Moscow");
        assert_eq!(moscow.name_in("fr"), "Moscou");
        assert!(is_plain_spelling("Türkiye"));
        assert!(!is_plain_spelling("Jalālābād"));
    }

    #[test]
    fn without_an_english_name_the_most_used_form_is_the_display_name() {
        let mut shinkay = place(&[("fr1", "Shinkay"), ("ru1", "Shinkay")]);
        name(&mut shinkay, &source("Ḩukūmat-e Shīnkaī", &[]));
        assert_eq!(shinkay.name, "Shinkay");
        assert_eq!(shinkay.name_in("en"), "Shinkay");
        assert!(!shinkay.names.contains_key("en"));
    }

    #[test]
    fn capitals_and_unnamed_places_keep_the_data_name() {
        let mut batken = place(&[("fr1", "BATKEN")]);
        name(&mut batken, &source("Batken", &[]));
        assert_eq!(batken.name, "Batken");
        assert_eq!(batken.names.keys().collect::<Vec<_>>(), ["en"]);
        let mut jalalabad = place(&[]);
        name(&mut jalalabad, &source("Jalālābād", &[]));
        assert_eq!(jalalabad.name, "Jalālābād");
        assert!(jalalabad.names.is_empty());
    }

    #[test]
    fn equal_counts_pick_the_first_spelling() {
        let mut place = place(&[("fr1", "Khodjent"), ("fr2", "Khoudjand")]);
        name(&mut place, &source("Xujand", &[]));
        assert_eq!(place.name_in("fr"), "Khodjent");
    }
}
