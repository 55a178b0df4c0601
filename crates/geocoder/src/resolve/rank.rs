//! Ranking: the score of each candidate of a name, from the place itself
//! (its kind, the region of interest, its population, whether the text
//! spells its own name) and from the article's context (its countries, the
//! distance to its anchor places), and the order they give.

use model::PlaceKind;
use rustc_hash::FxHashMap;

use super::evidence::ArticleEvidence;
use super::in_region_of_interest;
use super::weights::WEIGHTS;
use crate::gazetteer::{Gazetteer, GazetteerPlace};
use crate::matcher::NameMatch;

#[derive(Debug, Clone, Copy)]
pub(super) struct Scored {
    pub(super) place: u32,
    pub(super) score: f64,
    /// The text spells the place's own name, not an alternate name.
    pub(super) own_name: bool,
    /// A close variant of the text's spelling is the place's own name,
    /// while the spelling itself is only other places' alternate name (see
    /// `Context::screen`); such candidates come after the others.
    pub(super) variant: bool,
}

/// The candidates the text spells exactly (or through the usual variants):
/// those before the first close variant.
pub(super) fn spelled(candidates: &[Scored]) -> &[Scored] {
    let end = candidates
        .iter()
        .position(|c| c.variant)
        .unwrap_or(candidates.len());
    &candidates[..end]
}

/// Ranks the candidates of one name after another, remembering the
/// distance from a place to the article's nearest anchor: a place is often
/// named many times, its rivals with it.
#[derive(Debug, Default)]
pub(super) struct Ranking {
    nearest_km: FxHashMap<u32, f64>,
}

impl Ranking {
    /// Adds the article's context to the candidates' scores of name `found`
    /// and sorts them, best first (ties by place index); returns the best
    /// one's distance (km) to the nearest anchor.
    pub(super) fn rank(
        &mut self,
        gazetteer: &Gazetteer,
        found: &NameMatch<'_>,
        candidates: &mut [Scored],
        article: &ArticleEvidence<'_>,
    ) -> f64 {
        for candidate in candidates.iter_mut() {
            let place = gazetteer.place(candidate.place);
            let nearest = *self
                .nearest_km
                .entry(candidate.place)
                .or_insert_with(|| article.anchors.nearest_km(place));
            let named = article.names_country_of(gazetteer, found, candidate.place);
            candidate.score += context_score(named, nearest);
        }
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.place.cmp(&b.place)));
        self.nearest_km[&candidates[0].place]
    }

    /// The distance (km) from a ranked candidate to the article's nearest
    /// anchor.
    pub(super) fn nearest_km(&self, place: u32) -> f64 {
        self.nearest_km[&place]
    }

    /// Whether the best candidate, a close variant, is kept: the article
    /// names its country, and it is nearer the article's other places than
    /// every candidate spelled exactly whose country the article names too
    /// (a nearer variant over a remote alternate name: `Rudny` beside
    /// Kostanay is Rudnyy, Kazakhstan, not a village of Primorye that
    /// bears the spelling, though the article names Russia).
    /// Call after [`Ranking::rank`].
    pub(super) fn close_variant_supported(
        &self,
        gazetteer: &Gazetteer,
        found: &NameMatch<'_>,
        candidates: &[Scored],
        article: &ArticleEvidence<'_>,
    ) -> bool {
        let named = |c: &Scored| article.names_country_of(gazetteer, found, c.place);
        let best = &candidates[0];
        let nearest = self.nearest_km[&best.place];
        best.variant
            && named(best)
            && candidates
                .iter()
                .filter(|c| !c.variant)
                .all(|c| !named(c) || nearest < self.nearest_km[&c.place])
    }
}

/// Score from the place alone and its rivals for the name.
pub(super) fn intrinsic_score(
    gazetteer: &Gazetteer,
    index: u32,
    rivals: &[u32],
    region_cue: bool,
) -> f64 {
    let place = gazetteer.place(index);
    let kind = match place.kind {
        PlaceKind::Country => WEIGHTS.country,
        PlaceKind::Region => {
            // A region named after its capital (`Batken`) is meant only
            // when the text says "region": a city whose subdivision is the
            // region (its id is its code, `kg-b` for `KG-B`).
            let code = place.id.as_str();
            // Or after a city of its country that lies in a namesake
            // subdivision of its own (`Almaty`, `Osh`: city subdivisions).
            let capital_rival = rivals.iter().any(|&r| {
                let rival = gazetteer.place(r);
                rival.kind == PlaceKind::City
                    && (rival.admin1.eq_ignore_ascii_case(code)
                        || rival.country == place.country && rival.population >= WEIGHTS.minor_town)
            });
            if region_cue {
                WEIGHTS.region_with_cue
            } else if capital_rival {
                WEIGHTS.region_named_after_its_city
            } else {
                WEIGHTS.region
            }
        }
        PlaceKind::City => WEIGHTS.city,
        PlaceKind::Village => WEIGHTS.village,
        PlaceKind::Feature => WEIGHTS.feature,
        // Never a candidate of a found name: districts are chosen by a
        // district word only (`district`), outside the ranking.
        PlaceKind::District => WEIGHTS.village,
    };
    let focus = if in_region_of_interest(place) {
        WEIGHTS.region_of_interest
    } else {
        0.0
    };
    kind + focus + WEIGHTS.population_per_decade * ((place.population + 1) as f64).log10()
}

/// Score from the article's context: whether it names the place's country
/// (`named`), and the distance (km, infinite when there is no anchor) to
/// its nearest anchor place.
fn context_score(named: bool, nearest: f64) -> f64 {
    let country = if named { WEIGHTS.named_country } else { 0.0 };
    let near = if nearest.is_finite() {
        WEIGHTS.nearby * (1.0 - nearest / WEIGHTS.nearby_fades_km).max(0.0)
    } else {
        0.0
    };
    country + near
}

const EARTH_RADIUS_KM: f64 = 6371.0;

/// The article's anchor places as unit vectors, so that the distance from
/// a candidate to the nearest one costs one set of trigonometric calls for
/// the candidate and a few multiplications per anchor, not a haversine per
/// pair.
#[derive(Debug, Default)]
pub(super) struct Anchors {
    points: Vec<[f64; 3]>,
}

impl Anchors {
    pub(super) fn push(&mut self, place: &GazetteerPlace) {
        self.points.push(unit_vector(place.lat, place.lon));
    }

    /// Great-circle distance (km) to the nearest anchor; infinite when
    /// there is none.
    pub(super) fn nearest_km(&self, place: &GazetteerPlace) -> f64 {
        if self.points.is_empty() {
            return f64::INFINITY;
        }
        let p = unit_vector(place.lat, place.lon);
        let chord_squared = self
            .points
            .iter()
            .map(|a| (a[0] - p[0]).powi(2) + (a[1] - p[1]).powi(2) + (a[2] - p[2]).powi(2))
            .fold(f64::INFINITY, f64::min);
        2.0 * EARTH_RADIUS_KM * (chord_squared.sqrt() / 2.0).min(1.0).asin()
    }
}

fn unit_vector(lat: f64, lon: f64) -> [f64; 3] {
    let (sin_lat, cos_lat) = lat.to_radians().sin_cos();
    let (sin_lon, cos_lon) = lon.to_radians().sin_cos();
    [cos_lat * cos_lon, cos_lat * sin_lon, sin_lat]
}

/// Great-circle distance in kilometres.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().asin()
}
