//! Evidence: what the article says as a whole (the countries it names,
//! its anchor places), and the last checks on a name's best candidate
//! (common words, small places far from everything the article names).

use model::PlaceKind;
use rustc_hash::FxHashSet;

use super::rank::{Anchors, Scored};
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
    pub(super) countries: FxHashSet<&'g str>,
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
    ) -> Self {
        let mut countries: FxHashSet<&str> = FxHashSet::default();
        for (_, candidates) in decided {
            let places = candidates.iter().map(|c| gazetteer.place(c.place));
            let named = places.clone().find(|p| p.kind == PlaceKind::Country);
            let region = (candidates.len() == 1)
                .then(|| gazetteer.place(candidates[0].place))
                .filter(|p| p.kind == PlaceKind::Region);
            countries.extend(named.or(region).and_then(|p| p.country.as_deref()));
        }
        let mut anchors = Anchors::default();
        let mut anchored: FxHashSet<u32> = FxHashSet::default();
        for (index, candidates) in decided {
            if !anchored.insert(candidates[0].place) {
                // A place named again adds no new anchor (and distances to
                // anchors are computed for every candidate).
                continue;
            }
            let place = gazetteer.place(candidates[0].place);
            let supported = candidates.len() == 1
                && place.kind != PlaceKind::Country
                && place
                    .country
                    .as_deref()
                    .is_some_and(|c| countries.contains(c))
                && context.common_zipf(gazetteer, &matches[*index]).is_none();
            if supported {
                anchors.push(place);
            }
        }
        ArticleEvidence { countries, anchors }
    }
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
        found: &NameMatch<'_>,
        best: &GazetteerPlace,
        evidence: Evidence,
        countries: &FxHashSet<&str>,
    ) -> Result<(), Why> {
        let Evidence {
            exact,
            own_name,
            near,
        } = evidence;
        let first = found.tokens.start;
        let sentence_start = self.tokens[first].sentence_start;
        let in_context = best
            .country
            .as_deref()
            .is_some_and(|c| countries.contains(c));
        let cue = !sentence_start && self.locative_cue_before(first);
        if best.kind != PlaceKind::Country {
            if let Some(zipf) = self.common_zipf(gazetteer, found) {
                // The more frequent the word, the more evidence it needs.
                let very_common = zipf >= WEIGHTS.very_common_zipf;
                let famous_town = best.population >= WEIGHTS.famous_town;
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
        // ("Des tirs ont visé Batken et Isfara."), while a small town
        // elsewhere, or one met through an alternate name that happens to
        // be a word (`Chal` for Shal, Iran), still does.
        let on_the_map = own_name && in_region_of_interest(best);
        if minor && !in_context && !near && !on_the_map && best.geonameid.is_some() {
            return Err(Why::SmallForeignPlace);
        }
        if small && !exact && !near && !cue {
            return Err(Why::SmallFarPlace);
        }
        Ok(())
    }
}
