//! Evidence: what the article says as a whole (the countries it names,
//! its anchor places), and the last checks on a name's best candidate
//! (common words, small places far from everything the article names).

use model::PlaceKind;
use rustc_hash::{FxHashMap, FxHashSet};

use super::rank::{spelled, Anchors, Scored};
use super::screen::Context;
use super::weights::WEIGHTS;
use super::{in_region_of_interest, is_country_or_region, Why};
use crate::gazetteer::{fold_hash, Gazetteer, GazetteerPlace};
use crate::matcher::NameMatch;

/// What the article as a whole vouches for, gathered from the names that
/// passed the screening.
pub(super) struct ArticleEvidence<'g> {
    /// The countries the article names outright (or through a region that
    /// is the only candidate of its name).
    countries: FxHashSet<&'g str>,
    /// The countries that names of towns or regions say without naming them
    /// ([`one_country`]), each with the names (their keys) that say it: such
    /// a country is in the article's context for the candidates of every
    /// other name, so that no name vouches for itself (`Chal`, in a slogan,
    /// is an alternate name of Shal, Iran, and only of it), nor for one of
    /// its own candidates against the others.
    vouched: FxHashMap<&'g str, FxHashSet<String>>,
    /// Its anchor places, the points its other places are measured from.
    pub(super) anchors: Anchors,
}

impl<'g> ArticleEvidence<'g> {
    /// The article's countries: those it names outright. Then its anchor
    /// points: names with a single candidate in one of those countries and
    /// no common-word reading. Names that later fail the evidence checks
    /// must not vouch for anything, hence this caution.
    pub(super) fn gather(
        gazetteer: &'g Gazetteer,
        context: &Context<'_>,
        matches: &[NameMatch<'_>],
        decided: &[(usize, Vec<Scored>)],
        countries_in_names: &[&'g str],
    ) -> Self {
        let mut countries: FxHashSet<&str> = countries_in_names.iter().copied().collect();
        let mut vouched: FxHashMap<&str, FxHashSet<String>> = FxHashMap::default();
        // Close variants (see `Context::screen`) vouch for nothing.
        for (index, candidates) in decided {
            let candidates = spelled(candidates);
            let places = candidates.iter().map(|c| gazetteer.place(c.place));
            let named = places.clone().find(|p| p.kind == PlaceKind::Country);
            let region = (candidates.len() == 1)
                .then(|| gazetteer.place(candidates[0].place))
                .filter(|p| p.kind == PlaceKind::Region);
            // A country written in initials (`U.S.`, `UK`) is the state
            // as an actor (`U.S. officials`, `a U.S.-based group`) more
            // than a setting: it says nothing of which Geneva or St
            // Petersburg the article means.
            let found = &matches[*index];
            let initials = context.tokens[found.tokens.start].all_caps
                && found.names.iter().any(|n| n.acronym);
            if !initials {
                countries.extend(named.and_then(|p| p.country.as_deref()));
            }
            if let Some(country) = region.and_then(|p| p.country.as_deref()) {
                // A region says its country for the other names, not for
                // itself: a region's name that is a word (`Ten`, a Sri
                // Lankan province's Tamil name; `Jewish`) would otherwise
                // be its own context.
                vouched
                    .entry(country)
                    .or_default()
                    .insert(matches[*index].key.clone());
            } else if named.is_none() {
                // A region's name may be a word too (`Тульской`, "of Tula"),
                // as long as not a very common one; a town's only when it
                // is a large town's, written as a proper name and rarer
                // than `proper_name_zipf` (the word is then counted mostly
                // as the town's own name: Russian word lists hold
                // `Белгород`, Zipf 3.7), or in a dateline.
                let found = &matches[*index];
                let zipf = context.common_zipf(gazetteer, *index);
                let written_as_town = |place: &GazetteerPlace, z: f32| {
                    place.kind == PlaceKind::City
                        && large_enough_for(place, z)
                        && z < WEIGHTS.proper_name_zipf
                        && (found.dateline
                            || !context.tokens[found.tokens.start].sentence_start
                                && context.written_as_proper_name(found))
                };
                if let Some((country, _)) =
                    one_country(gazetteer, found, candidates).filter(|&(_, place)| match zipf {
                        None => true,
                        Some(z) => {
                            let place = gazetteer.place(place);
                            place.kind == PlaceKind::Region && z < WEIGHTS.very_common_zipf
                                || written_as_town(place, z)
                        }
                    })
                {
                    vouched
                        .entry(country)
                        .or_default()
                        .insert(matches[*index].key.clone());
                }
            }
        }
        let mut evidence = ArticleEvidence {
            countries,
            vouched,
            anchors: Anchors::default(),
        };
        let mut anchors = Anchors::default();
        let mut anchored: FxHashSet<u32> = FxHashSet::default();
        for (index, candidates) in decided {
            if !anchored.insert(candidates[0].place) {
                // A place named again adds no new anchor (and distances to
                // anchors are computed for every candidate).
                continue;
            }
            let place = gazetteer.place(candidates[0].place);
            // One candidate: a name with close variants among them (see
            // `Context::screen`) is none, its place is not sure.
            let supported = candidates.len() == 1
                && place.kind != PlaceKind::Country
                && evidence.names_country_of(gazetteer, &matches[*index], candidates[0].place)
                && context.common_zipf(gazetteer, *index).is_none();
            if supported {
                anchors.push(place);
            }
        }
        evidence.anchors = anchors;
        evidence
    }

    /// Whether the article names the country of place `index`, a candidate
    /// of `found`: outright, or through another name.
    pub(super) fn names_country_of(
        &self,
        gazetteer: &Gazetteer,
        found: &NameMatch<'_>,
        index: u32,
    ) -> bool {
        gazetteer.place(index).country.as_deref().is_some_and(|c| {
            self.countries.contains(c)
                || self
                    .vouched
                    .get(c)
                    .is_some_and(|names| names.iter().any(|k| *k != found.key))
        })
    }
}

/// The country of a name whose candidates all lie in it, when the best of
/// them by the place alone is a region, or a town that the text spells as
/// one of its names: such a name says the country as surely as its name
/// would (`Tashkent`, `Erevan`, `Тульской области`, whose rivals are the
/// region's own villages). Not a town met only through a transliteration
/// variant (`Chal`, keyed like Shal, Iran) or through a given name
/// (`Marek`, an alternate name of Dupnitsa): the name would vouch for
/// itself.
fn one_country<'g>(
    gazetteer: &'g Gazetteer,
    found: &NameMatch<'_>,
    candidates: &[Scored],
) -> Option<(&'g str, u32)> {
    let best = candidates
        .iter()
        .max_by(|a, b| a.score.total_cmp(&b.score).then(b.place.cmp(&a.place)))?;
    let place = gazetteer.place(best.place);
    let country = place.country.as_deref()?;
    // A hamlet abroad that shares the name does not make a region's name
    // less sure (`Курской области`: Kurskoye, Ukraine, 1,200 people).
    // Nor do towns abroad a tenth of a town's size or less make the town of
    // the region of interest less sure (`в Оше`: Osh, 322,000 people, is
    // also the Russian name of Auch, France, 24,000).
    let region = place.kind == PlaceKind::Region;
    let major_town = place.kind == PlaceKind::City && in_region_of_interest(place);
    let same_country = candidates.iter().all(|c| {
        let rival = gazetteer.place(c.place);
        rival.country.as_deref() == Some(country)
            || region && rival.kind == PlaceKind::Village && rival.population < WEIGHTS.small_place
            || major_town
                && !is_country_or_region(rival)
                && rival.population.saturating_mul(WEIGHTS.dwarfed_by) <= place.population
    });
    let text_hash = fold_hash(&found.fold);
    let spelled = found
        .names
        .iter()
        .any(|n| n.place == best.place && n.fold_hash == text_hash);
    let sure = place.kind == PlaceKind::Region
        || place.kind == PlaceKind::City && spelled && !gazetteer.is_given_name(&found.fold);
    (same_country && sure).then_some((country, best.place))
}

/// Whether a town is large enough for its name, a word of Zipf frequency
/// `zipf`, to be read as the town when written as a proper name: a large
/// town, or a town of `minor_town` people if the word is rarer than
/// `rare_word_zipf` (`Сухуми`, Zipf 3.2, 65,000 people).
fn large_enough_for(place: &GazetteerPlace, zipf: f32) -> bool {
    place.population >= WEIGHTS.large_town
        || place.population >= WEIGHTS.minor_town && zipf < WEIGHTS.rare_word_zipf
}

/// What the text says for the chosen place, beyond the article's context.
#[derive(Debug, Clone, Copy)]
pub(super) struct Evidence {
    /// The text spells one of the place's names exactly (up to case and
    /// accents), or an alias pins it.
    pub(super) exact: bool,
    /// The text spells the place's own name.
    pub(super) own_name: bool,
    /// The place is near one of the article's anchor places.
    pub(super) near: bool,
}

impl Evidence {
    /// The evidence for a name's best candidate, `nearest` km from the
    /// article's nearest anchor.
    pub(super) fn for_best(
        gazetteer: &Gazetteer,
        found: &NameMatch<'_>,
        best: &Scored,
        nearest: f64,
    ) -> Self {
        let text_hash = fold_hash(&found.fold);
        let exact = found
            .names
            .iter()
            .any(|n| n.place == best.place && n.fold_hash == text_hash)
            || gazetteer.alias(&found.key).is_some();
        Evidence {
            exact,
            own_name: best.own_name,
            near: nearest < WEIGHTS.near_km,
        }
    }
}

impl Context<'_> {
    /// The last checks, once the best candidate is known: common words and
    /// weak evidence.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn check_evidence(
        &self,
        gazetteer: &Gazetteer,
        index: usize,
        best: &GazetteerPlace,
        evidence: Evidence,
        in_context: bool,
    ) -> Result<(), Why> {
        let found = &self.matches()[index];
        let Evidence {
            exact,
            own_name,
            near,
        } = evidence;
        let first = found.tokens.start;
        let sentence_start = self.tokens[first].sentence_start;
        let cue = !sentence_start && self.match_locative_cue(index);
        // Cyrillic text names a place by its Cyrillic names, which are all
        // alternate ones (the gazetteer's own names are Latin): spelled
        // exactly (up to the case ending), one of them is to Russian text
        // what the own name is to Latin text.
        let cyrillic = found.fold.chars().any(crate::normalize::is_cyrillic);
        let as_named = exact && (own_name || cyrillic);
        if best.kind != PlaceKind::Country {
            if let Some(zipf) = self.common_zipf(gazetteer, index) {
                // The more frequent the word, the more evidence it needs.
                let very_common = zipf >= WEIGHTS.very_common_zipf;
                let famous_town = best.population >= WEIGHTS.famous_town;
                // A large town's own name (or, in Cyrillic text, one of its Cyrillic
                // names: `Белгород` 3.7), capitalised in mid-sentence and
                // rarer than `proper_name_zipf`, is read as the town: at
                // such a frequency the word is counted mostly as the
                // town's name itself (`Geneva` 4.0, `Bristol` 4.0), while
                // ordinary words that towns bear are more frequent
                // (`Mobile` 4.9, `Split` 4.7, `Reading` 5.1). Unless the
                // words around it give it to a person (`Senator Smith and
                // Lincoln`, `quoted Lincoln`): towns are named after people.
                // A dateline in capitals (`GENEVA (Reuters) -`) is read
                // as a place by its form, whatever the word's frequency
                // short of a very common one.
                let proper_name = as_named
                    && (found.dateline && !very_common
                        || !sentence_start
                            && zipf < WEIGHTS.proper_name_zipf
                            && self.written_as_proper_name(found)
                            && !self.person_context(found));
                // A dateline names the town the item was filed in: in the
                // region of interest, any town so written, whatever its size
                // (`СУХУМ, 15 ноября —`), short of a word that is a proper
                // name less often than it is a word.
                let dateline_here = found.dateline
                    && as_named
                    && zipf < WEIGHTS.proper_name_zipf
                    && in_region_of_interest(best);
                let supported = if sentence_start && very_common {
                    // `Washington a averti...`: a famous town's own name
                    // needs no other support; an alternate name that is
                    // a frequent word (`Seul` for Seoul) needs its country.
                    famous_town && (in_context || own_name)
                } else {
                    // A famous town met through a variant that is a word
                    // of the text (`Vous` keyed like Wuxi's Russian name)
                    // still needs its exact spelling or its country.
                    famous_town && (exact || in_context)
                        || best.kind == PlaceKind::Region && (!very_common || in_context)
                        || in_context && best.population >= WEIGHTS.large_town
                        || cue && (in_context || near)
                        || proper_name && large_enough_for(best, zipf)
                        || dateline_here
                };
                if !supported {
                    return Err(Why::CommonWord(zipf));
                }
            }
        }
        let small = matches!(best.kind, PlaceKind::Village | PlaceKind::Feature)
            && best.population < WEIGHTS.small_place;
        let minor = !is_country_or_region(best) && best.population < WEIGHTS.minor_town;
        // The map is about the region of interest: a town there, written
        // with its own name, needs no country named in the same text
        // ("Des tirs ont visé Batken et Isfara."; in Russian, one of its
        // Cyrillic names: "Протестующие перекрыли трассу у Гудауты"), while a small town
        // elsewhere, or one met through an alternate name that happens to
        // be a word (`Chal` for Shal, Iran), still does.
        let on_the_map = (own_name || cyrillic && exact) && in_region_of_interest(best);
        if minor && !in_context && !near && !on_the_map && best.geonameid.is_some() {
            return Err(Why::SmallForeignPlace);
        }
        if small && !exact && !near && !cue {
            return Err(Why::SmallFarPlace);
        }
        Ok(())
    }
}
