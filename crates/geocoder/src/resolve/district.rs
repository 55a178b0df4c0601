//! Second-level divisions: a name next to a district word.
//!
//! A district ([`PlaceKind::District`]) is never a candidate of a found name:
//! its names are not in the name index, so a bare `Rushan` stays the town
//! and `Баткенской области` the oblast. Only a word of the `district` role
//! of `text-words.tsv` selects one, next to the name:
//!
//! - before it, the district's adjective or name, capitalised: `Суджанского
//!   района`, `в Рушанском районе`, `the Rushan district`, `Sudzhansky
//!   District`;
//! - after it, in French, with `de`: `le district de Rushan`, `raïon de
//!   Soudja`.
//!
//! The mention's span is the name, as the fixtures' gold writes spans; in
//! Russian the noun is part of it (`Суджанского района`), as the gold of
//! Russian articles writes district mentions. The district replaces a town,
//! a village or a feature the resolver found on the same words; a region
//! only after the Russian `район` (an oblast is an `область` or a `край`;
//! English `the Batken district` and Azerbaijan's rayons, which are
//! first-level subdivisions, keep the region), and a country never. Not
//! read: a plural (`Суджанского и Кореневского районов`: several districts),
//! a town's borough (`в Ленинском районе Махачкалы`), and homonymous
//! districts none of which lies in a subdivision the article names.

use std::sync::LazyLock;

use model::PlaceKind;
use rustc_hash::FxHashSet;

use super::weights::WEIGHTS;
use super::{Resolution, Resolved};
use crate::gazetteer::Gazetteer;
use crate::normalize::{first_folded_char, is_cyrillic, push_key_word, TokenFolds};
use crate::text_words::{DISTRICT_WORDS, FUNCTION_WORDS};
use crate::tokenize::Joiner;

/// Most words of a district's name.
const MAX_WORDS: usize = 3;

/// The first characters of the district words' folds: a token that begins
/// otherwise is no district word, told without folding it (folding every
/// token of every article to ask [`DISTRICT_WORDS`] was a tenth of the
/// geocoding's instructions).
static DISTRICT_INITIALS: LazyLock<FxHashSet<char>> = LazyLock::new(|| {
    DISTRICT_WORDS
        .iter()
        .filter_map(|w| w.chars().next())
        .collect()
});

/// A district named next to a district word: its place and the span of the
/// mention.
struct Found {
    start: usize,
    end: usize,
    places: Vec<u32>,
    /// The district word is Russian.
    russian: bool,
    /// The token of the district word.
    word: usize,
    /// The name stands before the district word.
    before: bool,
}

/// Adds to `resolution` the districts that a district word names in the
/// text, replacing what the resolver found on the same words (see the
/// module's documentation).
pub(super) fn add_districts(
    gazetteer: &Gazetteer,
    folds: &TokenFolds<'_>,
    resolution: &mut Resolution,
) {
    let tokens = folds.tokens();
    let text = folds.text();
    let mut found: Vec<Found> = Vec::new();
    for i in 0..tokens.len() {
        let written = &text[tokens[i].start..tokens[i].end];
        if first_folded_char(written).is_some_and(|c| !DISTRICT_INITIALS.contains(&c)) {
            continue;
        }
        if !DISTRICT_WORDS.contains(folds.fold(i)) {
            continue;
        }
        let word = &text[tokens[i].start..tokens[i].end];
        let russian = word.chars().any(is_cyrillic);
        // A plural (`Суджанского и Кореневского районов`) names several
        // districts, which no one span names; the stem hides the number.
        if russian && is_russian_plural(word) {
            continue;
        }
        // `the Meshchansky District Court`: a longer proper name.
        let in_a_name = !russian
            && tokens[i].joiner == Joiner::Space
            && tokens.get(i + 1).is_some_and(|t| t.capitalised);
        if in_a_name {
            continue;
        }
        let spaced = i > 0 && tokens[i - 1].joiner == Joiner::Space;
        let before = (1..=MAX_WORDS.min(i))
            .rev()
            .filter(|_| spaced)
            .find_map(|len| {
                let first = i - len;
                let places = name_at(gazetteer, folds, first, i)?;
                let end = if russian {
                    tokens[i].end
                } else {
                    tokens[i - 1].end
                };
                Some(Found {
                    start: tokens[first].start,
                    end,
                    places,
                    russian,
                    word: i,
                    before: true,
                })
            });
        // `district de Rushan`, `raïon d'Isfara` (French only: `the
        // district of` opens longer descriptions in English).
        let after = || {
            let connector = i + 1;
            let de = matches!(folds.fold(connector), "de" | "d")
                && !russian
                && matches!(tokens[i].joiner, Joiner::Space)
                && matches!(tokens[connector].joiner, Joiner::Space | Joiner::Apostrophe);
            if !de || connector + 1 >= tokens.len() {
                return None;
            }
            (1..=MAX_WORDS.min(tokens.len() - connector - 1))
                .rev()
                .find_map(|len| {
                    let first = connector + 1;
                    let places = name_at(gazetteer, folds, first, first + len)?;
                    Some(Found {
                        start: tokens[first].start,
                        end: tokens[first + len - 1].end,
                        places,
                        russian: false,
                        word: i,
                        before: false,
                    })
                })
        };
        if let Some(hit) = before.or_else(|| (i + 1 < tokens.len()).then(after).flatten()) {
            found.push(hit);
        }
    }
    if found.is_empty() {
        return;
    }
    // A raion of a town, the town's name after the district word (`в
    // Ленинском районе Махачкалы`, `the Soviet district of Makhachkala`): a
    // town's borough, not a second-level division.
    let town_at = |start: usize| {
        resolution.resolved.iter().any(|r| {
            r.start == start
                && matches!(
                    gazetteer.place(r.place).kind,
                    PlaceKind::City | PlaceKind::Village
                )
        })
    };
    found.retain(|f| {
        let next = f.word + 1;
        let after = match tokens.get(next) {
            Some(_) if folds.fold(next) == "of" => next + 1,
            _ => next,
        };
        !(f.before && tokens.get(after).is_some_and(|t| town_at(t.start)))
    });
    let chosen: Vec<(Found, u32)> = found
        .into_iter()
        .filter_map(|f| choose(gazetteer, resolution, &f.places).map(|p| (f, p)))
        .collect();
    for (hit, place) in chosen {
        let overlapping = |r: &Resolved| r.start < hit.end && hit.start < r.end;
        let blocked =
            resolution
                .resolved
                .iter()
                .filter(|r| overlapping(r))
                .any(|r| match gazetteer.place(r.place).kind {
                    PlaceKind::Country => true,
                    PlaceKind::Region => !hit.russian,
                    _ => false,
                });
        if blocked {
            continue;
        }
        resolution.resolved.retain(|r| !overlapping(r));
        let at = resolution.resolved.partition_point(|r| r.start < hit.start);
        resolution.resolved.insert(
            at,
            Resolved {
                start: hit.start,
                end: hit.end,
                place,
            },
        );
    }
}

/// Whether a Russian noun as written has a plural ending (`районов`,
/// `районы`, `районах`, `районам`, `районами`).
fn is_russian_plural(word: &str) -> bool {
    let lower = crate::normalize::to_lowercase(word);
    ["ов", "ы", "ам", "ами", "ах"]
        .iter()
        .any(|ending| lower.ends_with(ending))
}

/// The districts named by tokens `first..end`, if they may be a name: every
/// word capitalised, joined by spaces or hyphens, not a function word, and
/// a single word not a frequent word (`Central`, `Советского`: too many
/// districts and too many other senses).
fn name_at(
    gazetteer: &Gazetteer,
    folds: &TokenFolds<'_>,
    first: usize,
    end: usize,
) -> Option<Vec<u32>> {
    let tokens = folds.tokens();
    let words = first..end;
    if words.is_empty() || end > tokens.len() {
        return None;
    }
    let joined =
        (first..end - 1).all(|t| matches!(tokens[t].joiner, Joiner::Space | Joiner::Hyphen));
    if !joined {
        return None;
    }
    if !words
        .clone()
        .all(|t| tokens[t].capitalised && !FUNCTION_WORDS.contains(folds.fold(t)))
    {
        return None;
    }
    if end - first == 1
        && gazetteer
            .common_word_zipf(folds.fold(first))
            .is_some_and(|z| z >= WEIGHTS.district_common_zipf)
    {
        return None;
    }
    let mut key = String::new();
    for t in words {
        if !key.is_empty() {
            key.push(' ');
        }
        push_key_word(folds.fold(t), &mut key);
    }
    let places = gazetteer.districts_named(&key);
    (!places.is_empty()).then(|| places.to_vec())
}

/// The district among `places` that the article's other mentions point to:
/// the only one, else the only one lying in a first-level subdivision that
/// the article names or whose place it names (`Махачкалы` names Dagestan);
/// none when the article cannot tell them apart (`в Ленинском районе`:
/// dozens of Leninsky districts, none to be guessed by distance).
fn choose(gazetteer: &Gazetteer, resolution: &Resolution, places: &[u32]) -> Option<u32> {
    if let [only] = places {
        return Some(*only);
    }
    let subdivisions: FxHashSet<String> = resolution
        .resolved
        .iter()
        .map(|r| gazetteer.place(r.place))
        .filter(|p| p.kind != PlaceKind::Country)
        .map(|p| match p.kind {
            PlaceKind::Region => p.id.to_ascii_uppercase(),
            _ => p.admin1.clone(),
        })
        .filter(|code| !code.is_empty())
        .collect();
    let mut within = places
        .iter()
        .copied()
        .filter(|&p| subdivisions.contains(&gazetteer.place(p).admin1));
    match (within.next(), within.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::article::parse_article;
    use crate::{geocode_article, Gazetteer};

    const MAIN: &str = "\
tj\tcountry\tTJ\t\t38.5\t71.0\t0\t\tTajikistan
kg-b\tregion\tKG\t1463580\t39.79\t70.85\t0\t\tBatken|Batkenskaya oblast|Баткенская Область
ru-krs\tregion\tRU\t514801\t51.5\t36.0\t0\t\tKursk|Kurskaya oblast|Курская Область
batken-1528735\tcity\tKG\t1528735\t40.06\t70.82\t27730\tKG-B\tBatken|Баткен
sudzha-486811\tcity\tRU\t486811\t51.19\t35.27\t5000\tRU-KRS\tSudzha|Суджа
rushon-1220685\tvillage\tTJ\t1220685\t37.94\t71.56\t4031\tTJ-GB\tRŭshon|Rushan|Рӯшон
batkenskiy-rayon-1222703\tdistrict\tKG\t1222703\t40.06\t70.82\t0\tKG-B\tBatkenskiy Rayon|Batken|Баткенский Район
sudzhanskiy-rayon-486813\tdistrict\tRU\t486813\t51.19\t35.27\t0\tRU-KRS\tSudzhanskiy Rayon|Sudzha|Sudzhansky District|Суджанский Район
nohiyai-rushon-8220920\tdistrict\tTJ\t8220920\t37.94\t71.56\t0\tTJ-GB\tNohiyai Rŭshon|Rushan|Rushon District
sovetskiy-rayon-1\tdistrict\tRU\t1\t51.0\t36.0\t0\tRU-KRS\tSovetskiy Rayon|Советский Район
sovetskiy-rayon-2\tdistrict\tRU\t2\t55.0\t40.0\t0\tRU-VLA\tSovetskiy Rayon|Советский Район
leninskiy-rayon-3\tdistrict\tRU\t3\t48.7\t45.2\t0\tRU-VGG\tLeninskiy Rayon|Ленинский Район
leninskiy-rayon-4\tdistrict\tRU\t4\t51.4\t36.1\t0\tRU-KRS\tLeninskiy Rayon|Ленинский Район
kirovskiy-rayon-5\tdistrict\tRU\t5\t59.9\t31.0\t0\tRU-LEN\tKirovskiy Rayon|Кировский Район
ru-da\tregion\tRU\t567293\t42.5\t47.0\t0\t\tDagestan|Дагестан
makhachkala-532096\tcity\tRU\t532096\t42.98\t47.50\t596356\tRU-DA\tMakhachkala|Махачкала
";

    /// The places found in `text` with the text of their spans, in text
    /// order.
    fn found(text: &str) -> Vec<(String, String)> {
        let gazetteer = Gazetteer::from_strs(MAIN, "", "советск\t0.0\t0.0\t4.5\n").unwrap();
        let article = parse_article("a", text.to_owned());
        geocode_article(&gazetteer, &article)
            .resolved
            .iter()
            .map(|r| {
                (
                    gazetteer.place(r.place).id.clone(),
                    text[r.start..r.end].to_owned(),
                )
            })
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(id, span)| ((*id).to_owned(), (*span).to_owned()))
            .collect()
    }

    #[test]
    fn a_russian_adjective_before_raion_is_the_district_noun_included() {
        assert_eq!(
            found("Жители Суджанского района Курской области эвакуированы."),
            pairs(&[
                ("sudzhanskiy-rayon-486813", "Суджанского района"),
                ("ru-krs", "Курской"),
            ])
        );
        assert_eq!(
            found("Бои шли в Суджанском районе."),
            pairs(&[("sudzhanskiy-rayon-486813", "Суджанском районе")])
        );
    }

    #[test]
    fn the_oblast_s_adjective_stays_the_oblast_s_and_raion_takes_the_district() {
        assert_eq!(
            found("Обстрел в Баткенской области."),
            pairs(&[("kg-b", "Баткенской")])
        );
        assert_eq!(
            found("Обстрел в Баткенском районе."),
            pairs(&[("batkenskiy-rayon-1222703", "Баткенском районе")])
        );
    }

    #[test]
    fn an_english_or_french_district_word_makes_the_name_before_or_after_it_the_district() {
        assert_eq!(
            found("Troops moved into the Rushan district on Monday."),
            pairs(&[("nohiyai-rushon-8220920", "Rushan")])
        );
        assert_eq!(
            found("Shelling hit Sudzhansky District overnight."),
            pairs(&[("sudzhanskiy-rayon-486813", "Sudzhansky")])
        );
        assert_eq!(
            found("Des combats dans le district de Rushan, au Pamir."),
            pairs(&[("nohiyai-rushon-8220920", "Rushan")])
        );
        assert_eq!(
            found("Le raïon de Sudzha a été évacué."),
            pairs(&[("sudzhanskiy-rayon-486813", "Sudzha")])
        );
    }

    #[test]
    fn a_district_is_never_named_bare_nor_by_a_region_word() {
        assert_eq!(
            found("Gunmen were killed in Rushan, Tajikistan."),
            pairs(&[("rushon-1220685", "Rushan"), ("tj", "Tajikistan")])
        );
        assert!(found("Sudzhansky officials spoke.").is_empty());
        // `district` after a region's name in English keeps the region (and
        // Azerbaijan's first-level rayons so).
        assert!(found("Shelling in the Batken district.")
            .iter()
            .all(|(id, _)| id != "batkenskiy-rayon-1222703"));
        // A capitalised word after the district word: a longer name.
        assert!(found("The Sudzhansky District Court ruled.").is_empty());
    }

    #[test]
    fn a_frequent_adjective_names_no_district() {
        assert!(found("Жители Советского района Курской области.")
            .iter()
            .all(|(id, _)| !id.starts_with("sovetskiy")));
    }

    #[test]
    fn homonymous_districts_need_the_article_s_subdivision() {
        // Two Leninsky districts: the one of the oblast the article names.
        assert_eq!(
            found("Жители Ленинского района Курской области."),
            pairs(&[
                ("leninskiy-rayon-4", "Ленинского района"),
                ("ru-krs", "Курской"),
            ])
        );
        // None of them in Dagestan: no guess.
        assert_eq!(
            found("Стрельба в Ленинском районе, Дагестан."),
            pairs(&[("ru-da", "Дагестан")])
        );
    }

    #[test]
    fn a_town_s_borough_is_no_district() {
        // The one Kirovsky district is Leningrad oblast's: `районе
        // Махачкалы` says a borough of the town.
        assert_eq!(
            found("Перестрелка в Кировском районе Махачкалы."),
            pairs(&[("makhachkala-532096", "Махачкалы")])
        );
        assert_eq!(
            found("Перестрелка в Кировском районе."),
            pairs(&[("kirovskiy-rayon-5", "Кировском районе")])
        );
    }

    #[test]
    fn a_plural_district_word_names_no_one_district() {
        assert_eq!(
            found("Жители Суджанского и Кореневского районов Курской области."),
            pairs(&[("ru-krs", "Курской")])
        );
    }
}
