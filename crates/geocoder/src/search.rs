//! The search file ([`model::site::SearchIndex`]): the keys of every place
//! the map shows, from the gazetteer's own index of names (every name and
//! alternate name of the place, keyed by [`crate::normalize::key`]), and
//! the letters of the fold, so that the app keys a query as the geocoder
//! keys a name without linking the gazetteer.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use model::site::{query_key, SearchEntry, SearchIndex, ZoneFile, SEPARATOR};
use model::PlaceCollection;

use crate::normalize::{fold, is_cyrillic, is_word_char, to_latin};
use crate::Gazetteer;

/// The non-ASCII characters whose fold the app is told: the scripts of
/// the region's names (Latin with its accents, Greek, Cyrillic, Armenian,
/// Georgian) and the punctuation of Latin-1, General Punctuation and CJK
/// Symbols. A character of another script is kept as typed (the geocoder
/// would lowercase it): the table stays small (all of the plane would add
/// 50 KB gzipped, Hangul syllables first).
const FOLDED: [std::ops::RangeInclusive<char>; 4] = [
    '\u{80}'..='\u{58f}',
    '\u{10a0}'..='\u{10ff}',
    '\u{1e00}'..='\u{206f}',
    '\u{3000}'..='\u{303f}',
];

/// Whether a non-word character is punctuation the app must be told is
/// a separator (others it takes for letters: symbols a query does not hold).
fn is_listed_separator(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{bf}' | '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{303f}')
}

/// Each character of [`FOLDED`] that the geocoder folds to something else
/// than itself, as it keys it before the key rules: its fold (`é` → `e`,
/// `Ω` → `ω`), in Latin letters when Cyrillic (`Ж` → `zh`); and the
/// listed separators as [`model::site::SEPARATOR`].
pub fn folded_letters() -> BTreeMap<char, String> {
    FOLDED
        .iter()
        .flat_map(|range| range.clone())
        .filter_map(|c| {
            if !is_word_char(c) {
                return is_listed_separator(c).then(|| (c, SEPARATOR.to_owned()));
            }
            let folded = fold(&c.to_string());
            let folded = if folded.chars().any(is_cyrillic) {
                to_latin(&folded)
            } else {
                folded
            };
            (folded != c.to_string()).then_some((c, folded))
        })
        .collect()
}

/// The search file of these places (in the site index's order) and zones.
pub fn search_index(
    gazetteer: &Gazetteer,
    places: &PlaceCollection,
    zones: &ZoneFile,
) -> SearchIndex {
    let letters = folded_letters();
    // Gazetteer position -> site position, for the places shown.
    let site_position: HashMap<&str, u32> = places
        .places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), to_u32(i)))
        .collect();
    let shown: HashMap<u32, u32> = gazetteer
        .places()
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((to_u32(i), *site_position.get(p.id.as_str())?)))
        .collect();
    let mut keys: Vec<BTreeSet<String>> = places
        .places
        .iter()
        .map(|p| {
            // The names per language too (`data/place-names.tsv`), which
            // the app shows.
            std::iter::once(&p.name)
                .chain(p.names.values())
                .map(|name| query_key(&letters, name))
                .collect::<BTreeSet<String>>()
        })
        .collect();
    for (key, names) in gazetteer.keys() {
        for name in names {
            if let Some(&at) = shown.get(&name.place) {
                keys[at as usize].insert(key.to_owned());
            }
        }
    }
    let entry = |at: usize, keys: BTreeSet<String>| SearchEntry {
        at: to_u32(at),
        keys: keys.into_iter().filter(|k| !k.is_empty()).collect(),
    };
    let one_key = |text: &str| BTreeSet::from([query_key(&letters, text)]);
    SearchIndex {
        places: keys
            .into_iter()
            .enumerate()
            .map(|(at, keys)| entry(at, keys))
            .collect(),
        zones: zones
            .zones
            .iter()
            .enumerate()
            .map(|(at, zone)| entry(at, one_key(&zone.label)))
            .collect(),
        articles: places
            .articles
            .iter()
            .enumerate()
            .map(|(at, article)| entry(at, one_key(&article.title)))
            .collect(),
        letters,
    }
}

/// Positions fit in `u32`: the index refers to places by `u32` too.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{key, unstemmed_fold_and_key};

    #[test]
    fn the_apps_query_key_is_the_geocoders_key() {
        let letters = folded_letters();
        for name in [
            "Voroukh",
            "Douchanbé",
            "Khodjent",
            "Saint-Pétersbourg",
            "Tokaïev",
            "d’Almaty",
            "Łódź",
            "Straße",
            "Nghệ An",
        ] {
            assert_eq!(query_key(&letters, name), key(name), "{name}");
        }
        // Cyrillic: the key without the stemmer, which the gazetteer
        // indexes too.
        for name in ["Алматы", "Худжанд", "Баткен", "Жанаозен", "Йошкар-Ола"]
        {
            let (_, unstemmed) = unstemmed_fold_and_key(name).unwrap();
            assert_eq!(query_key(&letters, name), unstemmed, "{name}");
        }
        assert_eq!(letters.get(&'«').map(String::as_str), Some(SEPARATOR));
        assert_eq!(query_key(&letters, "«Voroukh»"), key("Voroukh"));
        assert_eq!(query_key(&letters, "ΑΘΗΝΑ"), key("ΑΘΗΝΑ"), "Greek capitals");
    }

    #[test]
    fn places_are_found_by_every_spelling_of_their_names() {
        let gazetteer = Gazetteer::from_strs(
            "almaty-1\tcity\tKZ\t1\t43.25\t76.91\t2000000\tKZ-75\tAlmaty|Alma-Ata|Алматы\n\
             khujand-2\tcity\tTJ\t2\t40.28\t69.62\t180000\tTJ-SU\tKhujand|Khodzhent|Худжанд\n\
             vorukh-3\tvillage\tTJ\t3\t39.85\t70.58\t0\tTJ-SU\tVorukh\n",
            "alias\tKhodjent\tkhujand-2\nalias\tVoroukh\tvorukh-3\n",
            "",
        )
        .unwrap();
        let mut places = model::PlaceCollection::default();
        for p in gazetteer.places() {
            places.places.push(model::Place::from(p));
        }
        let index = search_index(&gazetteer, &places, &ZoneFile::default());
        let found = |query: &str| -> Vec<&str> {
            let q = query_key(&index.letters, query);
            index
                .places
                .iter()
                .filter(|e| e.matches(&q))
                .map(|e| places.places[e.at as usize].id.as_str())
                .collect()
        };
        assert_eq!(found("voroukh"), ["vorukh-3"]);
        assert_eq!(found("khodjent"), ["khujand-2"]);
        assert_eq!(found("Алматы"), ["almaty-1"]);
        assert_eq!(found("alma ata"), ["almaty-1"]);
        assert_eq!(found("Худж"), ["khujand-2"]);
        assert!(found("paris").is_empty());
    }
}
