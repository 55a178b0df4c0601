//! Every number the resolution weighs with ([`WEIGHTS`]), in one
//! documented structure: the kinds' scores, the bonuses of the article's
//! context, and the population and frequency thresholds of the evidence
//! checks.

/// Every number the resolution weighs evidence with, in one place, each
/// with the reason for its value. Scores add up: a candidate's score is
/// its kind, plus the region-of-interest bonus, plus `population_per_decade`
/// times log10(population), plus its own-name bonus, plus the article's
/// context (country named, distance to its other places). The kinds are
/// orders of magnitude apart so that only a change of kind outweighs
/// population, and context (up to `named_country + nearby`) decides
/// between places of one kind.
#[derive(Debug, Clone, Copy)]
pub(super) struct Weights {
    /// A country beats anything that bears its name: "Georgia", "Armenia"
    /// the countries, not the US state or the Colombian town.
    pub(super) country: f64,
    /// A region when the text says "region" (`la région de Batken`): more
    /// than a town can reach with population and context (at most about
    /// 40 + 15 + 35 + 20 + 70).
    pub(super) region_with_cue: f64,
    /// A region without such a word: above towns (a region named alone is
    /// usually the region), below countries.
    pub(super) region: f64,
    /// A region named after a city of its country (`Batken`, `Almaty`,
    /// `Osh`): without "region", the bare name means the city.
    pub(super) region_named_after_its_city: f64,
    /// A town of 10,000 people or more, or a capital.
    pub(super) city: f64,
    /// A smaller populated place.
    pub(super) village: f64,
    /// A hand-kept feature (enclave, disputed point) of `gazetteer-extra`.
    pub(super) feature: f64,
    /// Bonus for a place of the region of interest: with no other clue, a
    /// name in a text about the CSTO is more likely there. Less than a
    /// named country (`named_country`), so the article's context wins.
    pub(super) region_of_interest: f64,
    /// Points per tenfold population: 5 × log10(pop) separates a city of
    /// a million (30) from a village of a thousand (15), less than a kind.
    pub(super) population_per_decade: f64,
    /// Bonus for a place whose own name the text spells, over places that
    /// bear it only as an alternate (often old or foreign) name: `Talas` is
    /// the Kyrgyz town, not Taraz (once Talas) though Taraz is larger. Less
    /// than what the article's context gives, so that context still decides.
    pub(super) own_name: f64,
    /// The own-name bonus of a famous town (`famous_town`) named without a
    /// region word: what news mean by `Minsk` is the capital, however well
    /// the article's context (Poland named, Warsaw nearby: up to
    /// `named_country + nearby`) suits a smaller town that bears the name as
    /// an alternate one (Mińsk Mazowiecki). More than that context minus
    /// the kind and size a famous town already has over a town.
    pub(super) famous_own_name: f64,
    /// The article names the place's country.
    pub(super) named_country: f64,
    /// The place is at the article's other places; falls linearly to 0 at
    /// `nearby_fades_km`.
    pub(super) nearby: f64,
    /// Distance (km) at which the nearby bonus is gone: about the size of
    /// the region's countries.
    pub(super) nearby_fades_km: f64,
    /// A place within this distance (km) of an anchor is near the article's
    /// other places: one or two neighbouring provinces, where the region's
    /// conflicts spread.
    pub(super) near_km: f64,
    /// Towns under this population are taken only when the article names
    /// their country or a place near them (or, in the region of interest,
    /// are written with their own name): a lone capitalised word that a
    /// far-away small town bears is more likely something else.
    pub(super) minor_town: u64,
    /// Places under this population that the text spells only as a variant
    /// need an exact spelling, a nearby place or a locative cue.
    pub(super) small_place: u64,
    /// A town this big whose country the article names may bear a common
    /// word as its name (`Oral`, Kazakhstan, in a text about Kazakhstan).
    pub(super) large_town: u64,
    /// Population above which a town's name is famous enough to be a common
    /// word because of the town itself (`Moscou`, `Washington`).
    pub(super) famous_town: u64,
    /// A town of the region of interest this many times as populous as each
    /// of its namesakes abroad says its country as if it had none (see
    /// `one_country`): the name means the town far more often than them.
    pub(super) dwarfed_by: u64,
    /// Zipf frequency from which a word is so common (`nous`, `est`, `an`,
    /// `central`) that a capital at a sentence start is no evidence at all.
    pub(super) very_common_zipf: f32,
    /// Zipf frequency under which a word capitalised in mid-sentence that
    /// is a large town's own name is taken as the town without other
    /// support (see `check_evidence`).
    pub(super) proper_name_zipf: f32,
    /// Zipf frequency in the article's language from which a given name
    /// written on a title-case line may be that language's word instead
    /// (`Block`, 4.88 in English); names of persons in the news are rarer
    /// as words (`alexei` 3.13, `dmitry` 3.17, `vladimir` 3.93).
    pub(super) title_case_word_zipf: f32,
    /// How much more frequent in the article's language than in the other
    /// (French or English) such a word must be: a person's name is about
    /// as frequent in both (`anna` +0.18, `alexander` +0.56, `roman`
    /// -0.21), a word of one language is not (`block` +1.38, `grant`
    /// +0.75, `copper` +1.64).
    pub(super) title_case_word_margin: f32,
    /// Zipf frequency under which the same holds of a town of `minor_town`
    /// people or more: a word this rare (about twice a million words) is
    /// no ordinary noun (`Городок`, a small town, 3.9; `Орёл`, an eagle, 3.8),
    /// and is counted as a name (`Сухуми` 3.2).
    pub(super) rare_word_zipf: f32,
    /// Zipf frequency from which a one-word name before or after a district
    /// word is not read as a district's (`Central district`, `Советского
    /// района`: many districts, and other senses).
    pub(super) district_common_zipf: f32,
}

/// The weights in force.
pub(super) const WEIGHTS: Weights = Weights {
    country: 1000.0,
    region_with_cue: 200.0,
    region: 100.0,
    region_named_after_its_city: 0.0,
    city: 40.0,
    village: 10.0,
    feature: 5.0,
    region_of_interest: 15.0,
    population_per_decade: 5.0,
    own_name: 20.0,
    famous_own_name: 60.0,
    named_country: 40.0,
    nearby: 30.0,
    nearby_fades_km: 1000.0,
    near_km: 400.0,
    minor_town: 50_000,
    small_place: 10_000,
    large_town: 100_000,
    famous_town: 500_000,
    dwarfed_by: 10,
    very_common_zipf: 5.0,
    proper_name_zipf: 4.5,
    title_case_word_zipf: 4.0,
    title_case_word_margin: 0.7,
    rare_word_zipf: 3.5,
    district_common_zipf: 4.0,
};
