//! Deciding what each found name is: a place (which one?) or not a place.
//!
//! A name found by the [matcher](crate::matcher) is first checked against
//! what makes it *not* a place mention, in this order:
//!
//! 1. the hand-kept exclusions of `gazetteer-extra.tsv`;
//! 2. organisation names: a head word (`Organisation`, `Union`, `Conseil`...)
//!    opens a name that runs to the first punctuation or verb-like word, so
//!    `Shanghai` in `Organisation de coopération de Shanghai` is no place;
//! 3. person names: a place name next to a given name (`Vladimir Poutine`,
//!    `Xi Jinping`) or next to a surname-like word, and any later lone use
//!    of such a surname;
//! 4. parts of longer proper names: a capitalised word glued to the name
//!    (`RT France`, `Sputnik Kazakhstan`), unless the line is in title case;
//! 5. plural demonyms after an article (`les Russes`);
//! 6. common words (`data/common-words.tsv`): `Il`, `Plus`, `Union`... are
//!    accepted only for a country, a region, a large city, or with a
//!    locative cue before them in an article about that country;
//! 7. weak evidence: a village in a country the article never names and
//!    far from every other place it names.
//!
//! Then the candidates of the name are ranked: kind first (a country beats
//! anything, a region beats towns unless a town is the region's namesake
//! capital), then the article's context (its countries, the distance to
//! its other places), the region of interest of the map, and population.

use std::fmt;

use model::PlaceKind;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::article::ArticleText;
use crate::gazetteer::{fold_hash, Exclusion, Gazetteer, GazetteerPlace};
use crate::matcher::NameMatch;
use crate::normalize::TokenFolds;
use crate::tokenize::{Joiner, Token};

/// A name resolved to one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// Byte offset of the mention in the article.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// The chosen place (index into [`Gazetteer::places`]).
    pub place: u32,
}

/// Why a found name was not taken as a place mention.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// `gazetteer-extra.tsv` says this name is never a place.
    Excluded,
    /// Part of an organisation's name.
    Organisation,
    /// Part of a person's name.
    PersonName,
    /// Glued to another capitalised word: part of a longer proper name
    /// (a media outlet, a company...).
    InsideName,
    /// A plural demonym (`les Russes`).
    Demonym,
    /// An ordinary word (Zipf frequency given) with too little evidence
    /// of being a place.
    CommonWord(String),
    /// Only small places bear the name, and the article gives no reason to
    /// think of any of them.
    WeakEvidence(String),
    /// Every candidate place was excluded for this name.
    NoCandidate,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Excluded => write!(f, "excluded by the hand-kept gazetteer"),
            Reason::Organisation => write!(f, "inside an organisation name"),
            Reason::PersonName => write!(f, "part of a person's name"),
            Reason::InsideName => write!(f, "part of a longer proper name"),
            Reason::Demonym => write!(f, "plural demonym"),
            Reason::CommonWord(why) => write!(f, "common word without enough evidence ({why})"),
            Reason::WeakEvidence(why) => write!(f, "weak evidence: {why}"),
            Reason::NoCandidate => write!(f, "every candidate excluded"),
        }
    }
}

/// A found name that was not taken as a place mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// Article id.
    pub article: String,
    /// The text as written.
    pub text: String,
    /// Byte offset in the article.
    pub start: usize,
    /// Why it was rejected.
    pub reason: Reason,
    /// The best candidate place's id, when it got that far.
    pub candidate: Option<String>,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}@{}: {:?}: {}",
            self.article, self.start, self.text, self.reason
        )?;
        match &self.candidate {
            Some(id) => write!(f, " (best candidate {id})"),
            None => Ok(()),
        }
    }
}

/// A name that several places bear, and the choice made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguity {
    /// Article id.
    pub article: String,
    /// The text as written.
    pub text: String,
    /// Byte offset in the article.
    pub start: usize,
    /// Id of the chosen place.
    pub chosen: String,
    /// Ids of the next best candidates, best first (at most four).
    pub alternatives: Vec<String>,
}

impl fmt::Display for Ambiguity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}@{}: {:?}: chose {} over {}",
            self.article,
            self.start,
            self.text,
            self.chosen,
            self.alternatives.join(", ")
        )
    }
}

/// What [`resolve`] decided for one article.
#[derive(Debug, Default)]
pub struct Resolution {
    /// Accepted mentions, in text order.
    pub resolved: Vec<Resolved>,
    /// Found names that are not places; empty unless the report was
    /// asked for ([`Report::Full`]).
    pub rejected: Vec<Rejection>,
    /// Accepted names that had several candidates; empty unless the
    /// report was asked for ([`Report::Full`]).
    pub ambiguous: Vec<Ambiguity>,
    /// How many found names are not places (with or without the report).
    pub rejected_count: usize,
    /// How many accepted names had several candidates (with or without
    /// the report).
    pub ambiguous_count: usize,
}

/// How much of its decisions [`resolve_with`] reports.
///
/// A rejection or an ambiguity record holds several strings (article id,
/// text, place ids, a formatted reason): on a realistic corpus about a
/// third of the names found are rejected, and building those strings was
/// a sizeable part of the run time, for a report only `geocode --report`
/// and test diagnostics read. The counts are kept either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Report {
    /// Only [`Resolution::rejected_count`] and
    /// [`Resolution::ambiguous_count`]; the record lists stay empty.
    Counts,
    /// Every rejection and ambiguity, with its reason and candidates.
    #[default]
    Full,
}

/// Why a name was rejected, before it is spelled out as a [`Reason`]:
/// copyable, so that a rejection nobody reads costs no allocation.
#[derive(Debug, Clone, Copy)]
enum Why {
    Excluded,
    Organisation,
    PersonName,
    InsideName,
    Demonym,
    /// A common word, with its Zipf frequency.
    CommonWord(f32),
    /// The best candidate is a small place in a country the article does
    /// not name.
    SmallForeignPlace,
    /// The best candidate is a small place spelled otherwise, far from the
    /// article's other places.
    SmallFarPlace,
    NoCandidate,
}

impl Why {
    /// The reason as reported; `best` is the best candidate, when the
    /// name got that far (the weak-evidence reasons always do).
    fn reason(self, best: Option<&GazetteerPlace>) -> Reason {
        let best_id = || best.map_or("?", |p| p.id.as_str());
        match self {
            Why::Excluded => Reason::Excluded,
            Why::Organisation => Reason::Organisation,
            Why::PersonName => Reason::PersonName,
            Why::InsideName => Reason::InsideName,
            Why::Demonym => Reason::Demonym,
            Why::CommonWord(zipf) => Reason::CommonWord(format!("Zipf {zipf:.1}")),
            Why::SmallForeignPlace => {
                let country = best.and_then(|p| p.country.as_deref()).unwrap_or("?");
                Reason::WeakEvidence(format!(
                    "{} is a small place in {country}, a country the article does not name",
                    best_id()
                ))
            }
            Why::SmallFarPlace => Reason::WeakEvidence(format!(
                "{} is a small place spelled otherwise, far from the article's other places",
                best_id()
            )),
            Why::NoCandidate => Reason::NoCandidate,
        }
    }
}

/// Words that open an organisation's name.
const ORGANISATION_HEADS: &[&str] = &[
    "organisation",
    "organization",
    "union",
    "communaute",
    "community",
    "conseil",
    "council",
    "commission",
    "banque",
    "bank",
    "agence",
    "agency",
    "universite",
    "university",
    "parti",
    "party",
    "front",
    "mouvement",
    "movement",
    "comite",
    "committee",
    "institut",
    "institute",
    "fondation",
    "foundation",
    "association",
    "assemblee",
    "assembly",
    "cour",
    "court",
    "tribunal",
    "forum",
    "groupe",
    "group",
    "compagnie",
    "company",
    "societe",
    "radio",
    "television",
    "journal",
    "gazette",
    "ministere",
    "ministry",
    "office",
    "bureau",
    "programme",
    "fonds",
    "fund",
    "traite",
    "treaty",
    "accord",
    "pacte",
    "pact",
    "alliance",
    "sommet",
];

/// Words that end an organisation's name: verbs, and prepositions that
/// introduce a place or time rather than belong to the name.
const ORGANISATION_STOPS: &[&str] = &[
    "a", "ai", "as", "avait", "est", "etait", "ont", "sont", "sera", "fut", "qui", "que", "dont",
    "ou", "au", "aux", "a", "en", "dans", "avec", "par", "contre", "vers", "selon", "depuis",
    "lors", "et", "mais", "se", "s", "ne", "n", "y", "is", "was", "has", "had", "are", "were",
    "in", "at", "to", "which", "that", "and", "on", "with", "by", "from", "il", "elle", "ils",
    "elles", "le", "les", "sa", "son", "ses",
];

/// Words allowed before a name without making it part of a longer proper
/// name: articles, prepositions, conjunctions (French and English).
const FUNCTION_WORDS: &[&str] = &[
    "le", "la", "les", "l", "au", "aux", "a", "en", "de", "du", "des", "d", "et", "ou", "vers",
    "pour", "par", "sur", "dans", "avec", "entre", "chez", "selon", "contre", "pres", "outre",
    "sous", "depuis", "via", "comme", "the", "in", "of", "to", "and", "or", "for", "from", "at",
    "by", "on", "with", "near", "into", "than",
];

/// Endings of Russian, Armenian, Georgian, Ukrainian... surnames (folded).
const SURNAME_ENDINGS: &[&str] = &[
    "ov", "ev", "ova", "eva", "yan", "ian", "enko", "vich", "vitch", "ski", "sky", "skiy", "dze",
    "shvili", "iev", "aev", "ayev", "ova", "ovna", "evna", "in", "ina",
];

/// Words before a name that say it is a place.
const LOCATIVE_CUES: &[&str] = &[
    "a", "au", "aux", "en", "vers", "pres", "depuis", "ville", "village", "region", "province",
    "district", "oblast", "localite", "commune", "capitale", "in", "at", "near", "city", "town",
    "from", "to", "sur",
];

/// Words before a name that say it is a subdivision rather than a town.
const REGION_CUES: &[&str] = &[
    "region",
    "province",
    "oblast",
    // Russia's krais and okrugs, Armenia's marzes: what news calls them.
    "krai",
    "kray",
    "okrug",
    "marz",
    // The same in Russian, as the geocoder folds them: `области`,
    // `область` -> `област`, `района` -> `район` (Snowball stems); `край`,
    // too short to be stemmed, keeps its cases (`край` folds to `краи`).
    "област",
    "район",
    "краи",
    "края",
    "крае",
    "district",
    "gouvernorat",
    "etat",
    "state",
    "territoire",
];

/// The word lists above as hash sets, built on first use: they are asked
/// about most capitalised tokens, and a linear scan of string
/// comparisons was a visible part of the run time.
macro_rules! word_set {
    ($($set:ident = $list:ident;)*) => {$(
        static $set: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| $list.iter().copied().collect());
    )*};
}

word_set! {
    ORGANISATION_HEAD_SET = ORGANISATION_HEADS;
    ORGANISATION_STOP_SET = ORGANISATION_STOPS;
    FUNCTION_WORD_SET = FUNCTION_WORDS;
    LOCATIVE_CUE_SET = LOCATIVE_CUES;
    REGION_CUE_SET = REGION_CUES;
}

/// The region of interest (`model::region`, from `data/region.tsv`) as a
/// set: asked about every candidate.
static REGION_OF_INTEREST_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| model::region::region_of_interest().collect());

/// Every number the resolution weighs evidence with, in one place, each
/// with the reason for its value. Scores add up: a candidate's score is
/// its kind, plus the region-of-interest bonus, plus `population_per_decade`
/// times log10(population), plus its own-name bonus, plus the article's
/// context (country named, distance to its other places). The kinds are
/// orders of magnitude apart so that only a change of kind outweighs
/// population, and context (up to `named_country + nearby`) decides
/// between places of one kind.
#[derive(Debug, Clone, Copy)]
struct Weights {
    /// A country beats anything that bears its name: "Georgia", "Armenia"
    /// the countries, not the US state or the Colombian town.
    country: f64,
    /// A region when the text says "region" (`la région de Batken`): more
    /// than a town can reach with population and context (at most about
    /// 40 + 15 + 35 + 20 + 70).
    region_with_cue: f64,
    /// A region without such a word: above towns (a region named alone is
    /// usually the region), below countries.
    region: f64,
    /// A region named after a city of its country (`Batken`, `Almaty`,
    /// `Osh`): without "region", the bare name means the city.
    region_named_after_its_city: f64,
    /// A town of 10,000 people or more, or a capital.
    city: f64,
    /// A smaller populated place.
    village: f64,
    /// A hand-kept feature (enclave, disputed point) of `gazetteer-extra`.
    feature: f64,
    /// Bonus for a place of the region of interest: with no other clue, a
    /// name in a text about the CSTO is more likely there. Less than a
    /// named country (`named_country`), so the article's context wins.
    region_of_interest: f64,
    /// Points per tenfold population: 5 × log10(pop) separates a city of
    /// a million (30) from a village of a thousand (15), less than a kind.
    population_per_decade: f64,
    /// Bonus for a place whose own name the text spells, over places that
    /// bear it only as an alternate (often old or foreign) name: `Talas` is
    /// the Kyrgyz town, not Taraz (once Talas) though Taraz is larger. Less
    /// than what the article's context gives, so that context still decides.
    own_name: f64,
    /// The article names the place's country.
    named_country: f64,
    /// The place is at the article's other places; falls linearly to 0 at
    /// `nearby_fades_km`.
    nearby: f64,
    /// Distance (km) at which the nearby bonus is gone: about the size of
    /// the region's countries.
    nearby_fades_km: f64,
    /// A place within this distance (km) of an anchor is near the article's
    /// other places: one or two neighbouring provinces, where the region's
    /// conflicts spread.
    near_km: f64,
    /// Towns under this population are taken only when the article names
    /// their country or a place near them (or, in the region of interest,
    /// are written with their own name): a lone capitalised word that a
    /// far-away small town bears is more likely something else.
    minor_town: u64,
    /// Places under this population that the text spells only as a variant
    /// need an exact spelling, a nearby place or a locative cue.
    small_place: u64,
    /// A town this big whose country the article names may bear a common
    /// word as its name (`Oral`, Kazakhstan, in a text about Kazakhstan).
    large_town: u64,
    /// Population above which a town's name is famous enough to be a common
    /// word because of the town itself (`Moscou`, `Washington`).
    famous_town: u64,
    /// Zipf frequency from which a word is so common (`nous`, `est`, `an`,
    /// `central`) that a capital at a sentence start is no evidence at all.
    very_common_zipf: f32,
}

/// The weights in force.
const WEIGHTS: Weights = Weights {
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
    named_country: 40.0,
    nearby: 30.0,
    nearby_fades_km: 1000.0,
    near_km: 400.0,
    minor_town: 50_000,
    small_place: 10_000,
    large_town: 100_000,
    famous_town: 500_000,
    very_common_zipf: 5.0,
};

/// Resolves the names found in one article, with the full report;
/// `folds` are the article's tokens and their folds, as the matcher used
/// them.
pub fn resolve(
    gazetteer: &Gazetteer,
    article: &ArticleText,
    folds: &TokenFolds<'_>,
    matches: &[NameMatch<'_>],
) -> Resolution {
    resolve_with(gazetteer, article, folds, matches, Report::Full)
}

/// Resolves the names found in one article; `report` says whether the
/// rejections and ambiguities are listed or only counted. The resolved
/// mentions are the same either way.
pub fn resolve_with(
    gazetteer: &Gazetteer,
    article: &ArticleText,
    folds: &TokenFolds<'_>,
    matches: &[NameMatch<'_>],
    report: Report,
) -> Resolution {
    let full = report == Report::Full;
    let context = Context::new(gazetteer, article, folds, matches);
    let mut resolution = Resolution::default();
    let mut decided: Vec<(usize, Vec<Scored>)> = Vec::new();
    for (index, found) in matches.iter().enumerate() {
        let why = match context.screen(gazetteer, found) {
            Err(why) => why,
            Ok(candidates) if candidates.is_empty() => Why::NoCandidate,
            Ok(candidates) => {
                decided.push((index, candidates));
                continue;
            }
        };
        resolution.rejected_count += 1;
        if full {
            resolution.rejected.push(Rejection {
                article: article.id.clone(),
                text: article.text[found.start..found.end].to_owned(),
                start: found.start,
                reason: why.reason(None),
                candidate: None,
            });
        }
    }
    // The article's countries: those it names outright. Then its anchor
    // points: names with a single candidate in one of those countries and
    // no common-word reading. Names that later fail the evidence checks
    // must not vouch for anything, hence this caution.
    let mut countries: FxHashSet<&str> = FxHashSet::default();
    for (_, candidates) in &decided {
        let places = candidates.iter().map(|c| gazetteer.place(c.place));
        let named = places.clone().find(|p| p.kind == PlaceKind::Country);
        let region = (candidates.len() == 1)
            .then(|| gazetteer.place(candidates[0].place))
            .filter(|p| p.kind == PlaceKind::Region);
        countries.extend(named.or(region).and_then(|p| p.country.as_deref()));
    }
    let mut anchors = Anchors::default();
    let mut anchored: FxHashSet<u32> = FxHashSet::default();
    for (index, candidates) in &decided {
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
    // Distance from a place to the nearest anchor, once per place: a
    // place is often named many times, its rivals with it.
    let mut nearest_km: FxHashMap<u32, f64> = FxHashMap::default();
    for (index, mut candidates) in decided {
        let found = &matches[index];
        for candidate in &mut candidates {
            let place = gazetteer.place(candidate.place);
            let nearest = *nearest_km
                .entry(candidate.place)
                .or_insert_with(|| anchors.nearest_km(place));
            candidate.score += context_score(place, &countries, nearest);
        }
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.place.cmp(&b.place)));
        let best = gazetteer.place(candidates[0].place);
        let text_hash = fold_hash(&found.fold);
        let exact = found
            .names
            .iter()
            .any(|n| n.place == candidates[0].place && n.fold_hash == text_hash)
            || gazetteer.alias(&found.key).is_some();
        let near = nearest_km[&candidates[0].place] < WEIGHTS.near_km;
        let evidence = Evidence {
            exact,
            own_name: candidates[0].own_name,
            near,
        };
        if let Err(why) = context.check_evidence(gazetteer, found, best, evidence, &countries) {
            resolution.rejected_count += 1;
            if full {
                resolution.rejected.push(Rejection {
                    article: article.id.clone(),
                    text: article.text[found.start..found.end].to_owned(),
                    start: found.start,
                    reason: why.reason(Some(best)),
                    candidate: Some(best.id.clone()),
                });
            }
            continue;
        }
        if candidates.len() > 1 {
            resolution.ambiguous_count += 1;
        }
        if candidates.len() > 1 && full {
            resolution.ambiguous.push(Ambiguity {
                article: article.id.clone(),
                text: article.text[found.start..found.end].to_owned(),
                start: found.start,
                chosen: best.id.clone(),
                alternatives: candidates[1..]
                    .iter()
                    .take(4)
                    .map(|c| gazetteer.place(c.place).id.clone())
                    .collect(),
            });
        }
        resolution.resolved.push(Resolved {
            start: found.start,
            end: found.end,
            place: candidates[0].place,
        });
    }
    resolution
}

#[derive(Debug, Clone, Copy)]
struct Scored {
    place: u32,
    score: f64,
    /// The text spells the place's own name, not an alternate name.
    own_name: bool,
}

/// What the article says around its names, computed once.
struct Context<'a> {
    tokens: &'a [Token],
    /// Whether each token's line is in title case.
    title_case: Vec<bool>,
    /// Tokens inside an organisation name (after its head word).
    in_organisation: Vec<bool>,
    /// Tokens that are part of a person's name.
    in_person: Vec<bool>,
    /// Surnames seen in full names, rejected when used alone.
    surnames: FxHashSet<String>,
    /// For each token, whether a match starts there.
    match_starts: Vec<bool>,
    /// The folds of the tokens, shared with the matcher.
    folds: &'a TokenFolds<'a>,
}

impl<'a> Context<'a> {
    fn new(
        gazetteer: &Gazetteer,
        article: &'a ArticleText,
        folds: &'a TokenFolds<'a>,
        matches: &[NameMatch<'_>],
    ) -> Self {
        let text = article.text.as_str();
        let tokens = folds.tokens();
        let title_case = title_case_lines(text, tokens);
        let mut match_starts = vec![false; tokens.len()];
        for m in matches {
            match_starts[m.tokens.start] = true;
        }
        let mut context = Context {
            tokens,
            title_case,
            in_organisation: vec![false; tokens.len()],
            in_person: vec![false; tokens.len()],
            surnames: FxHashSet::default(),
            match_starts,
            folds,
        };
        context.find_organisations();
        context.find_persons(gazetteer);
        context
    }

    fn find_organisations(&mut self) {
        for i in 0..self.tokens.len() {
            if !self.tokens[i].capitalised || !ORGANISATION_HEAD_SET.contains(self.fold(i)) {
                continue;
            }
            let mut j = i;
            while j + 1 < self.tokens.len() && j - i < 8 && self.tokens[j].joiner != Joiner::Break {
                let next = self.fold(j + 1);
                if ORGANISATION_STOP_SET.contains(next) && !matches!(next, "d" | "l") {
                    break;
                }
                j += 1;
                self.in_organisation[j] = true;
            }
        }
    }

    /// Marks a capitalised pair as a person's name when the first word is
    /// a given name (`data/given-names.txt`, from names-dataset) or the
    /// second looks like a surname.
    fn find_persons(&mut self, gazetteer: &Gazetteer) {
        for i in 0..self.tokens.len().saturating_sub(1) {
            let (first, second) = (self.tokens[i], self.tokens[i + 1]);
            if !first.capitalised || first.all_caps || first.joiner != Joiner::Space {
                continue;
            }
            if !second.capitalised || second.all_caps || second.sentence_start {
                continue;
            }
            let given =
                gazetteer.is_given_name(self.fold(i)) && !FUNCTION_WORD_SET.contains(self.fold(i));
            let surname = looks_like_surname(self.fold(i + 1)) && !self.match_starts[i + 1];
            if given
                || surname && !FUNCTION_WORD_SET.contains(self.fold(i)) && !self.match_starts[i]
            {
                self.in_person[i] = true;
                self.in_person[i + 1] = true;
                self.surnames.insert(self.fold(i + 1).to_owned());
            }
        }
    }

    /// Whether the line holding token `i` is in title case (most words
    /// capitalised), where capitals say nothing.
    fn title_case_line(&self, i: usize) -> bool {
        self.title_case[i]
    }

    /// The fold of token `i` (computed once, when first needed by the
    /// matcher or here).
    fn fold(&self, i: usize) -> &'a str {
        self.folds.fold(i)
    }

    /// First screening of a match: not-a-place reasons that need no
    /// candidate, then the candidates with their intrinsic score.
    fn screen(&self, gazetteer: &Gazetteer, found: &NameMatch<'_>) -> Result<Vec<Scored>, Why> {
        let first = found.tokens.start;
        let last = found.tokens.end - 1;
        let mut excluded_places: &[u32] = &[];
        match gazetteer.exclusion(&found.fold) {
            Some(Exclusion::Always) => return Err(Why::Excluded),
            Some(Exclusion::Places(places)) => excluded_places = places,
            None => {}
        }
        if self.in_organisation[first] {
            return Err(Why::Organisation);
        }
        let single = found.tokens.len() == 1;
        if (first..=last).any(|i| self.in_person[i])
            || single && self.surnames.contains(&found.fold)
        {
            return Err(Why::PersonName);
        }
        if !self.title_case_line(first) {
            if first > 0 {
                let previous = self.tokens[first - 1];
                let glued = previous.joiner == Joiner::Space
                    && previous.capitalised
                    && (!previous.sentence_start || previous.all_caps)
                    && !FUNCTION_WORD_SET.contains(self.fold(first - 1));
                if glued {
                    return Err(Why::InsideName);
                }
            }
            if last + 1 < self.tokens.len() {
                let next = self.tokens[last + 1];
                let glued = self.tokens[last].joiner == Joiner::Space
                    && next.capitalised
                    && !next.all_caps
                    && !next.sentence_start
                    && !FUNCTION_WORD_SET.contains(self.fold(last + 1));
                if glued {
                    return Err(Why::InsideName);
                }
            }
        }
        if self.tokens[first].sentence_start {
            // A very common word opening a sentence (`Le`, `Il`, `Selon`)
            // can only pass the common-word check of `check_evidence` as
            // a country, a region or a famous town: when no candidate is
            // one, reject it now, before collecting and scoring its many
            // candidates. (Same decision, made cheaply; such a name never
            // gives the article a country or an anchor either.)
            if let Some(zipf) = self
                .common_zipf(gazetteer, found)
                .filter(|&z| z >= WEIGHTS.very_common_zipf)
            {
                let could_pass = found.names.iter().any(|n| {
                    let place = gazetteer.place(n.place);
                    is_country_or_region(place) || place.population >= WEIGHTS.famous_town
                });
                if !could_pass {
                    return Err(Why::CommonWord(zipf));
                }
            }
        }
        // The candidates: a pinned alias wins; exact spellings beat
        // transliteration variants, except that a region word keeps the
        // regions (`la région de Koursk`: the city's French name is
        // `Koursk`, the region's only `Kursk`).
        let pinned = gazetteer.alias(&found.key);
        let text_hash = fold_hash(&found.fold);
        let exact = found.names.iter().any(|n| n.fold_hash == text_hash);
        if found.names.is_empty() {
            return Err(Why::NoCandidate);
        }
        let region_cue = self.cue_before(first, &REGION_CUE_SET) || self.region_cue_after(last);
        let mut places: Vec<u32> = found
            .names
            .iter()
            .filter(|n| {
                !exact
                    || n.fold_hash == text_hash
                    || region_cue && gazetteer.place(n.place).kind == PlaceKind::Region
            })
            .filter(|n| pinned.is_none_or(|p| p == n.place))
            .map(|n| n.place)
            .filter(|p| !excluded_places.contains(p))
            .collect();
        if let Some(p) = pinned.filter(|p| !excluded_places.contains(p)) {
            places = vec![p];
        }
        places.sort_unstable();
        places.dedup();
        let plural_after_article = first > 0
            && matches!(self.fold(first - 1), "les" | "des" | "aux")
            && found.fold.ends_with('s');
        if plural_after_article
            && !places
                .iter()
                .any(|&p| is_country_or_region(gazetteer.place(p)))
        {
            return Err(Why::Demonym);
        }
        let scored = places
            .iter()
            .map(|&p| {
                let own_name = found
                    .names
                    .iter()
                    .any(|n| n.place == p && n.main && (!exact || n.fold_hash == text_hash));
                let score = intrinsic_score(gazetteer, p, &places, region_cue)
                    + if own_name { WEIGHTS.own_name } else { 0.0 };
                Scored {
                    place: p,
                    score,
                    own_name,
                }
            })
            .collect();
        Ok(scored)
    }

    /// Whether a lowercase region word follows the name ending at token
    /// `last`: `Belgorod region`, `Batken oblast`, or, after two names
    /// joined by a conjunction, a plural one that covers both (`the
    /// Vitebsk and Mogilev regions`).
    fn region_cue_after(&self, last: usize) -> bool {
        let lowercase_word_after = |i: usize| {
            (self.tokens[i].joiner == Joiner::Space
                && i + 1 < self.tokens.len()
                && !self.tokens[i + 1].capitalised)
                .then(|| self.fold(i + 1))
        };
        let Some(next) = lowercase_word_after(last) else {
            return false;
        };
        if REGION_CUE_SET.contains(next)
            || next
                .strip_suffix('s')
                .is_some_and(|w| REGION_CUE_SET.contains(w))
        {
            return true;
        }
        // `X and Y regions`: skip the conjunction and one capitalised name.
        let other = last + 2;
        matches!(next, "and" | "or" | "et" | "ou")
            && self.tokens[last + 1].joiner == Joiner::Space
            && other < self.tokens.len()
            && self.tokens[other].capitalised
            && lowercase_word_after(other)
                .and_then(|w| w.strip_suffix('s'))
                .is_some_and(|w| REGION_CUE_SET.contains(w))
    }

    /// Whether one of the two words before token `i` (skipping `de`,
    /// `d'`, `of`) is one of `cues`.
    fn cue_before(&self, i: usize, cues: &FxHashSet<&'static str>) -> bool {
        let mut j = i;
        for _ in 0..3 {
            if j == 0 || self.tokens[j - 1].joiner == Joiner::Break {
                return false;
            }
            j -= 1;
            let word = self.fold(j);
            if cues.contains(word) {
                return true;
            }
            if !matches!(word, "de" | "d" | "of" | "du" | "la" | "l" | "the") {
                return false;
            }
        }
        false
    }

    /// The last checks, once the best candidate is known: common words and
    /// weak evidence.
    #[allow(clippy::too_many_arguments)]
    fn check_evidence(
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
        let cue = !sentence_start && self.cue_before(first, &LOCATIVE_CUE_SET);
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

impl Context<'_> {
    /// The Zipf frequency of a name that is a common word; for a name of
    /// several words, when every word is common and the name is not
    /// written as a proper name (`Les habitants` at a sentence start).
    fn common_zipf(&self, gazetteer: &Gazetteer, found: &NameMatch<'_>) -> Option<f32> {
        if found.tokens.len() == 1 {
            return gazetteer.common_word_zipf(&found.fold);
        }
        let lowercase_part = found
            .tokens
            .clone()
            .skip(1)
            .any(|i| !self.tokens[i].capitalised);
        if !(lowercase_part || self.tokens[found.tokens.start].sentence_start) {
            return None;
        }
        found
            .fold
            .split(' ')
            .map(|w| gazetteer.common_word_zipf(w))
            .try_fold(f32::INFINITY, |min, z| z.map(|z| min.min(z)))
    }
}

/// For each token, whether its line has three or more words, most of them
/// capitalised. Linear in the number of tokens.
fn title_case_lines(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut flags = vec![false; tokens.len()];
    let mut line_start = 0;
    let mut capitalised = 0;
    for i in 0..=tokens.len() {
        let line_ends = i == tokens.len()
            || i > 0 && text.as_bytes()[tokens[i - 1].end..tokens[i].start].contains(&b'\n');
        if line_ends && i > line_start {
            let words = i - line_start;
            let title = words >= 3 && capitalised * 10 >= words * 6;
            flags[line_start..i].iter_mut().for_each(|f| *f = title);
            line_start = i;
            capitalised = 0;
        }
        if i < tokens.len() && tokens[i].capitalised {
            capitalised += 1;
        }
    }
    flags
}

/// Whether the place lies in a country of the region of interest
/// ([`model::region::region_of_interest`]).
fn in_region_of_interest(place: &GazetteerPlace) -> bool {
    place
        .country
        .as_deref()
        .is_some_and(|c| REGION_OF_INTEREST_SET.contains(c))
}

fn is_country_or_region(place: &GazetteerPlace) -> bool {
    matches!(place.kind, PlaceKind::Country | PlaceKind::Region)
}

fn looks_like_surname(fold: &str) -> bool {
    fold.len() >= 5 && SURNAME_ENDINGS.iter().any(|e| fold.ends_with(e))
}

/// What the text says for the chosen place, beyond the article's context.
#[derive(Debug, Clone, Copy)]
struct Evidence {
    /// The text spells one of the place's names exactly (up to case and
    /// accents), or an alias pins it.
    exact: bool,
    /// The text spells the place's own name.
    own_name: bool,
    /// The place is near one of the article's anchor places.
    near: bool,
}

/// Score from the place alone and its rivals for the name.
fn intrinsic_score(gazetteer: &Gazetteer, index: u32, rivals: &[u32], region_cue: bool) -> f64 {
    let place = gazetteer.place(index);
    let kind = match place.kind {
        PlaceKind::Country => WEIGHTS.country,
        PlaceKind::Region => {
            // A region named after its capital (`Batken`) is meant only
            // when the text says "region".
            let code = place.id.to_ascii_uppercase();
            // Or after a city of its country that lies in a namesake
            // subdivision of its own (`Almaty`, `Osh`: city subdivisions).
            let capital_rival = rivals.iter().any(|&r| {
                let rival = gazetteer.place(r);
                rival.kind == PlaceKind::City
                    && (rival.admin1.eq_ignore_ascii_case(&code)
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
    };
    let focus = if in_region_of_interest(place) {
        WEIGHTS.region_of_interest
    } else {
        0.0
    };
    kind + focus + WEIGHTS.population_per_decade * ((place.population + 1) as f64).log10()
}

/// Score from the article's context: its countries, and the distance
/// (km, infinite when there is no anchor) to its nearest anchor place.
fn context_score(place: &GazetteerPlace, countries: &FxHashSet<&str>, nearest: f64) -> f64 {
    let country = if place
        .country
        .as_deref()
        .is_some_and(|c| countries.contains(c))
    {
        WEIGHTS.named_country
    } else {
        0.0
    };
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
struct Anchors {
    points: Vec<[f64; 3]>,
}

impl Anchors {
    fn push(&mut self, place: &GazetteerPlace) {
        self.points.push(unit_vector(place.lat, place.lon));
    }

    /// Great-circle distance (km) to the nearest anchor; infinite when
    /// there is none.
    fn nearest_km(&self, place: &GazetteerPlace) -> f64 {
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

#[cfg(test)]
mod tests {
    use crate::article::parse_article;
    use crate::{geocode_article, Gazetteer};

    /// Two towns bear `Talas`: the Kyrgyz town as its own name, the larger
    /// Taraz as an old alternate name. `Washington` is a very common word.
    const MAIN: &str = "\
kg\tcountry\tKG\t\t41.46\t74.56\t0\t\tKyrgyzstan|Kirghizistan
kz\tcountry\tKZ\t\t48.0\t67.0\t0\t\tKazakhstan
talas-1527299\tcity\tKG\t1527299\t42.52\t72.24\t40308\tKG-T\tTalas
taraz-1516905\tcity\tKZ\t1516905\t42.90\t71.37\t358153\tKZ-31\tTaraz|Talas|Zhambyl
washington-4140963\tcity\tUS\t4140963\t38.90\t-77.04\t689545\tUS-DC\tWashington
washington-2634715\tcity\tGB\t2634715\t54.90\t-1.52\t67085\tGB-ENG\tWashington
seoul-1835848\tcity\tKR\t1835848\t37.57\t126.98\t10349312\tKR-11\tSeoul|Seul
";

    /// The ids of the places found in `text`, in text order.
    fn places(text: &str) -> Vec<String> {
        let gazetteer =
            Gazetteer::from_strs(MAIN, "", "washington\t3.9\t5.1\t0.0\nseul\t5.6\t3.0\t0.0\n")
                .unwrap();
        let article = parse_article("a", text.to_owned());
        let resolution = geocode_article(&gazetteer, &article);
        resolution
            .resolved
            .iter()
            .map(|r| gazetteer.place(r.place).id.clone())
            .collect()
    }

    #[test]
    fn own_name_beats_a_larger_place_s_alternate_name() {
        // Both countries named: the own name outweighs Taraz's size.
        assert_eq!(
            places("Kirghizistan et Kazakhstan : heurts à Talas."),
            ["kg", "kz", "talas-1527299"]
        );
        // Context still decides: an article about Kazakhstan means Taraz.
        assert_eq!(
            places("Au Kazakhstan, des heurts à Talas."),
            ["kz", "taraz-1516905"]
        );
    }

    #[test]
    fn region_words_after_names_choose_the_region() {
        let main = "\
by-vi\tregion\tBY\t\t55.3\t29.0\t0\t\tVitebsk
by-ma\tregion\tBY\t\t53.7\t30.5\t0\t\tMogilev
vitebsk-620127\tcity\tBY\t620127\t55.19\t30.20\t342700\tBY-VI\tVitebsk
mahilyow-625665\tcity\tBY\t625665\t53.91\t30.34\t369200\tBY-MA\tMahilyow|Mogilev
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| -> Vec<String> {
            let article = parse_article("a", text.to_owned());
            let resolution = geocode_article(&gazetteer, &article);
            resolution
                .resolved
                .iter()
                .map(|r| gazetteer.place(r.place).id.clone())
                .collect()
        };
        assert_eq!(
            ids("Traffic grew in the Vitebsk and Mogilev regions."),
            ["by-vi", "by-ma"]
        );
        assert_eq!(
            ids("Traffic grew in the Vitebsk region, not in Mogilev."),
            ["by-vi", "mahilyow-625665"]
        );
        assert_eq!(
            ids("Traffic grew between Vitebsk and Mogilev in May."),
            ["vitebsk-620127", "mahilyow-625665"]
        );
    }

    #[test]
    fn famous_town_s_own_name_opens_a_sentence() {
        assert_eq!(
            places("Le ton monte. Washington a averti Moscou."),
            ["washington-4140963"]
        );
        // An alternate name that is a frequent word needs more than fame.
        assert_eq!(
            places("Le ton monte. Seul le président décide."),
            Vec::<String>::new()
        );
    }
}
