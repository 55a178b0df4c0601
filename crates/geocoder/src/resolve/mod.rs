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
//!
//! The steps live in their own modules: `screen` reads the text around
//! each name (organisations, persons, proper names, cues) and gives the
//! candidates of a name that may be a place; `evidence` gathers what the
//! article says as a whole (its countries, its anchor places) and makes the
//! last checks on the best candidate; `rank` scores and orders the
//! candidates. Every number they weigh with is in `weights`. Last,
//! `district` adds the second-level divisions that a district word names
//! (`Суджанского района`, `the Rushan district`), which no name alone
//! selects.

mod district;
mod evidence;
mod rank;
mod screen;
mod weights;

use std::fmt;

use std::sync::LazyLock;

use model::PlaceKind;
use rustc_hash::FxHashSet;

use crate::article::ArticleText;
use crate::gazetteer::{Gazetteer, GazetteerPlace};
use crate::matcher::NameMatch;
use crate::normalize::TokenFolds;

use evidence::{ArticleEvidence, Evidence};
use rank::Scored;
use screen::Context;

pub use rank::distance_km;

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
    /// The name of a feature named after the place (`the Lachin corridor`).
    Feature,
    /// An English month's name (`August`), capitalised as months are.
    MonthName,
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
            Reason::Feature => write!(f, "names a feature after the place"),
            Reason::MonthName => write!(f, "a month's name"),
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
    Feature,
    MonthName,
    /// A common word, with its Zipf frequency.
    CommonWord(f32),
    /// The best candidate is a small place in a country the article does
    /// not name.
    SmallForeignPlace,
    /// The best candidate is a small place spelled otherwise, far from the
    /// article's other places.
    SmallFarPlace,
    /// Only an alternate name of towns in several countries, without a
    /// locative cue.
    SharedAlternateName,
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
            Why::Feature => Reason::Feature,
            Why::MonthName => Reason::MonthName,
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
            Why::SharedAlternateName => Reason::WeakEvidence(
                "only an alternate name, of towns in several countries, with no locative cue"
                    .to_owned(),
            ),
            Why::NoCandidate => Reason::NoCandidate,
        }
    }
}

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
    // Countries whose name opens or ends a longer proper name or an
    // organisation's (`Kazakhstan Temir Zholy`, the national railway;
    // `Sputnik Armenia`): no mention, but the article's setting all the same.
    let mut countries_in_names: Vec<&str> = Vec::new();
    for (index, found) in matches.iter().enumerate() {
        let why = match context.screen(gazetteer, index) {
            Err(why @ (Why::InsideName | Why::Organisation)) => {
                countries_in_names.extend(
                    found
                        .names
                        .iter()
                        .map(|n| gazetteer.place(n.place))
                        .filter(|p| p.kind == PlaceKind::Country)
                        .filter_map(|p| p.country.as_deref()),
                );
                why
            }
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
    let article_evidence =
        ArticleEvidence::gather(gazetteer, &context, matches, &decided, &countries_in_names);
    let mut ranking = rank::Ranking::default();
    let ranked: Vec<(usize, Vec<Scored>, Result<(), Why>)> = decided
        .into_iter()
        .map(|(index, mut candidates)| {
            let found = &matches[index];
            let mut nearest = ranking.rank(gazetteer, found, &mut candidates, &article_evidence);
            if candidates.iter().any(|c| c.variant)
                && !ranking.close_variant_supported(
                    gazetteer,
                    found,
                    &candidates,
                    &article_evidence,
                )
            {
                // The exact spellings' places, as if no variant had been met.
                candidates.retain(|c| !c.variant);
                nearest = ranking.nearest_km(candidates[0].place);
            }
            let best = gazetteer.place(candidates[0].place);
            let evidence = Evidence::for_best(gazetteer, found, &candidates[0], nearest);
            let checked = context.check_evidence(
                gazetteer,
                index,
                best,
                evidence,
                article_evidence.names_country_of(gazetteer, found, candidates[0].place),
            );
            (index, candidates, checked)
        })
        .collect();
    // A name that the article shows to be a place at one mention (`at
    // Kant`) is that place at its others too (`Residents of Kant`, a
    // title's `Kant`), though a common word there: one sense per article.
    let shown: FxHashSet<(&str, u32)> = ranked
        .iter()
        .filter(|(_, _, checked)| checked.is_ok())
        .map(|(index, candidates, _)| (matches[*index].key.as_str(), candidates[0].place))
        .collect();
    for (index, candidates, checked) in ranked {
        let found = &matches[index];
        let checked = match checked {
            Err(Why::CommonWord(_))
                if shown.contains(&(found.key.as_str(), candidates[0].place)) =>
            {
                Ok(())
            }
            checked => checked,
        };
        match checked {
            Ok(()) => {
                // A region's name with its kind capitalised after it (`the
                // Kursk Region`) is one official name: the mention spans both.
                let end = context
                    .capitalised_region_word_after(found.tokens.end - 1)
                    .filter(|_| gazetteer.place(candidates[0].place).kind == PlaceKind::Region)
                    .map_or(found.end, |t| context.tokens[t].end);
                accept(
                    &mut resolution,
                    article,
                    gazetteer,
                    found,
                    end,
                    &candidates,
                    full,
                )
            }
            Err(why) => reject(
                &mut resolution,
                article,
                gazetteer,
                found,
                &candidates,
                why,
                full,
            ),
        }
    }
    district::add_districts(gazetteer, folds, &mut resolution);
    resolution
}

/// Records `found` as a mention of its best candidate (and, with the full
/// report, its ambiguity).
fn accept(
    resolution: &mut Resolution,
    article: &ArticleText,
    gazetteer: &Gazetteer,
    found: &NameMatch<'_>,
    end: usize,
    candidates: &[Scored],
    full: bool,
) {
    if candidates.len() > 1 {
        resolution.ambiguous_count += 1;
        if full {
            resolution.ambiguous.push(Ambiguity {
                article: article.id.clone(),
                text: article.text[found.start..found.end].to_owned(),
                start: found.start,
                chosen: gazetteer.place(candidates[0].place).id.clone(),
                alternatives: candidates[1..]
                    .iter()
                    .take(4)
                    .map(|c| gazetteer.place(c.place).id.clone())
                    .collect(),
            });
        }
    }
    resolution.resolved.push(Resolved {
        start: found.start,
        end,
        place: candidates[0].place,
    });
}

/// Records `found` as no mention, for `why`, its best candidate named.
fn reject(
    resolution: &mut Resolution,
    article: &ArticleText,
    gazetteer: &Gazetteer,
    found: &NameMatch<'_>,
    candidates: &[Scored],
    why: Why,
    full: bool,
) {
    resolution.rejected_count += 1;
    if full {
        let best = gazetteer.place(candidates[0].place);
        resolution.rejected.push(Rejection {
            article: article.id.clone(),
            text: article.text[found.start..found.end].to_owned(),
            start: found.start,
            reason: why.reason(Some(best)),
            candidate: Some(best.id.clone()),
        });
    }
}

/// The region of interest (`model::region`, from `data/region.tsv`) as a
/// set: asked about every candidate.
static REGION_OF_INTEREST_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| model::region::region_of_interest().collect());

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
        ids_in(&gazetteer, text)
    }

    /// The ids of the places `gazetteer` resolves in article `text`
    /// (header lines and all), in text order.
    fn ids_in(gazetteer: &Gazetteer, text: &str) -> Vec<String> {
        let article = parse_article("a", text.to_owned());
        let resolution = geocode_article(gazetteer, &article);
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

    /// Geneva, a large town whose name is a word of middling frequency
    /// (Zipf 4.0, counted mostly as the town itself), and Mobile, a town as
    /// large whose name is a more frequent ordinary word.
    fn geneva_and_mobile() -> Gazetteer {
        let main = "\
geneva-2660646\tcity\tCH\t2660646\t46.20\t6.15\t183981\tCH-GE\tGeneva|Geneve
mobile-4076598\tcity\tUS\t4076598\t30.69\t-88.04\t190000\tUS-AL\tMobile
";
        let common = "geneva\t2.75\t4.00\t0.00\nmobile\t4.60\t4.85\t0.00\n";
        Gazetteer::from_strs(main, "", common).unwrap()
    }

    #[test]
    fn a_large_town_s_rare_own_name_in_mid_sentence_is_the_town() {
        // No country named, no other place: `Geneva` is still the town;
        // `Mobile` is not.
        let gazetteer = geneva_and_mobile();
        assert_eq!(
            ids_in(
                &gazetteer,
                "The next round of talks will be held in Geneva."
            ),
            ["geneva-2660646"]
        );
        assert!(ids_in(&gazetteer, "The talks went on by Mobile phone.").is_empty());
    }

    #[test]
    fn a_rare_town_name_that_the_context_gives_a_person_is_no_town() {
        // `Lincoln`, a large town's name rarer than `proper_name_zipf`, is
        // a person's name when a verb that takes a person as its object
        // comes before it, or when it is listed with a person (`Senator
        // Smith`); `Geneva` in a sentence that names people after it stays
        // the town.
        let main = "\
geneva-2660646\tcity\tCH\t2660646\t46.20\t6.15\t183981\tCH-GE\tGeneva|Geneve
lincoln-5072006\tcity\tUS\t5072006\t40.80\t-96.67\t280364\tUS-NE\tLincoln
";
        let common =
            "geneva\t2.75\t4.00\t0.00\nlincoln\t3.75\t4.31\t0.00\nsmith\t4.25\t4.89\t0.00\n";
        let gazetteer = Gazetteer::from_strs(main, "", common).unwrap();
        assert!(ids_in(
            &gazetteer,
            "Senator Smith and Lincoln disagreed on the bill."
        )
        .is_empty());
        assert!(ids_in(
            &gazetteer,
            "Lincoln and Senator Smith disagreed on the bill."
        )
        .is_empty());
        assert!(ids_in(&gazetteer, "The minister quoted Lincoln at length.").is_empty());
        assert!(ids_in(&gazetteer, "The speech praised Lincoln, the president.").is_empty());
        assert_eq!(
            ids_in(
                &gazetteer,
                "Talks in Geneva between Russian and American diplomats resumed."
            ),
            ["geneva-2660646"]
        );
        assert_eq!(
            ids_in(&gazetteer, "The delegates flew to Lincoln on Monday."),
            ["lincoln-5072006"]
        );
    }

    #[test]
    fn a_two_word_name_before_a_region_word_is_no_person() {
        // `Shida` is a given name, but `Shida Kartli` before `region` is
        // the region's name; a given name before a surname stays a person.
        let main = "\
ge\tcountry\tGE\t\t42.0\t43.5\t0\t\tGeorgia
ge-sk\tregion\tGE\t\t42.08\t43.9\t0\t\tShida Kartli
";
        let mut gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        gazetteer.add_given_names("shida\n");
        assert_eq!(
            ids_in(
                &gazetteer,
                "Gori is the largest town of the Shida Kartli region of Georgia."
            ),
            ["ge-sk", "ge"]
        );
        assert_eq!(
            ids_in(&gazetteer, "Officials met Shida Kartli in Georgia."),
            ["ge"]
        );
    }

    #[test]
    fn a_nearer_close_variant_beats_a_remote_exact_alternate_name() {
        // `Rudny` is only an alternate name of a village of Primorye; the
        // town of Kazakhstan beside Kostanay is `Rudnyy`, keyed alike. The
        // article names both countries: the nearer variant wins. Without
        // Kostanay to place the article, the exact spelling stays.
        let main = "\
kz\tcountry\tKZ\t\t48.0\t67.0\t0\t\tKazakhstan
ru\tcountry\tRU\t\t60\t90\t0\t\tRussia
kostanay-1519928\tcity\tKZ\t1519928\t53.21\t63.62\t223558\tKZ-39\tKostanay
rudnyy-1519843\tcity\tKZ\t1519843\t52.96\t63.13\t124000\tKZ-39\tRudnyy
rudnyy-2017377\tvillage\tRU\t2017377\t44.37\t135.83\t2567\tRU-PRI\tRudnyy Primorskiy|Rudny
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        assert_eq!(
            ids_in(
                &gazetteer,
                "In Kazakhstan, Kostanay and Rudny mine iron ore for Russia."
            ),
            ["kz", "kostanay-1519928", "rudnyy-1519843", "ru"]
        );
        assert_eq!(
            ids_in(&gazetteer, "Kazakhstan and Russia: ore from Rudny."),
            ["kz", "ru", "rudnyy-2017377"]
        );
    }

    #[test]
    fn a_dateline_in_capitals_names_the_town_it_was_filed_in() {
        // Even when its name is a word as frequent as `Mobile`; the same
        // word in a line of capitals that is no dateline is not.
        let gazetteer = geneva_and_mobile();
        assert_eq!(
            ids_in(&gazetteer, "GENEVA (Reuters) - Talks resumed on Monday."),
            ["geneva-2660646"]
        );
        assert_eq!(
            ids_in(&gazetteer, "MOBILE (AP) - The port reopened on Monday."),
            ["mobile-4076598"]
        );
        assert!(ids_in(&gazetteer, "The port reopened.\n\nMOBILE PHONES CUT OFF\n").is_empty());
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
        let ids = |text: &str| ids_in(&gazetteer, text);
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
    fn initials_name_a_country_and_months_are_no_towns() {
        let main = "\
us\tcountry\tUS\t\t39.2\t-97.9\t0\t\tUnited States|US|U. S.
august-5325256\tcity\tUS\t5325256\t37.98\t-121.26\t8390\tUS-CA\tAugust
";
        let gazetteer = Gazetteer::from_strs(main, "", "august\t3.1\t4.9\t0.00\n").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert_eq!(ids("A U.S.-based group said so in August."), ["us"]);
        assert_eq!(ids("Sanctions by the U.S. began in August 2023."), ["us"]);
    }

    #[test]
    fn a_ship_named_after_a_town_is_no_mention_of_it() {
        let main = "\
moscow-524901\tcity\tRU\t524901\t55.75\t37.62\t10381222\tRU-MOW\tMoscow|Moskva|Moscou
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert!(ids("The cruiser Moskva sank in April.").is_empty());
        assert!(ids("Le croiseur Moskva a coulé.").is_empty());
        assert_eq!(
            ids("Sailors of the cruiser were mourned in Moskva."),
            ["moscow-524901"]
        );
    }

    #[test]
    fn a_test_site_named_after_a_town_is_no_mention_of_it() {
        let main = "\
semey-1519422\tcity\tKZ\t1519422\t50.41\t80.23\t292780\tKZ-10\tSemey|Semipalatinsk
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert!(ids("Survivors of the Semipalatinsk test site still wait.").is_empty());
        assert_eq!(
            ids("Survivors in Semipalatinsk still wait."),
            ["semey-1519422"]
        );
    }

    #[test]
    fn a_country_opening_a_company_s_name_is_no_mention_but_the_setting() {
        let main = "\
kz\tcountry\tKZ\t\t48\t67\t0\t\tKazakhstan
druzhba-1524537\tvillage\tKZ\t1524537\t45.25\t82.48\t4000\tKZ-10\tDruzhba|Dostyk
";
        let mut gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        // names-dataset lists `Temir` among given names.
        gazetteer.add_given_names("temir\n");
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert_eq!(
            ids("Kazakhstan Temir Zholy halts freight to Dostyk after a derailment"),
            ["druzhba-1524537"]
        );
        assert!(ids("Freight halted to Dostyk after a derailment").is_empty());
    }

    #[test]
    fn a_capitalised_kind_of_subdivision_makes_one_official_name() {
        let main = "\
ru-krs\tregion\tRU\t\t51.6\t36.5\t0\t\tKursk
kursk-538560\tcity\tRU\t538560\t51.73\t36.19\t448733\tRU-KRS\tKursk
ru-sa\tregion\tRU\t\t66.0\t129.0\t0\t\tSakha|Yakutia
";
        let mut gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        // names-dataset lists `Sakha` among given names.
        gazetteer.add_given_names("sakha\n");
        let spans = |text: &str| -> Vec<(String, String)> {
            let article = parse_article("a", text.to_owned());
            geocode_article(&gazetteer, &article)
                .resolved
                .iter()
                .map(|r| {
                    (
                        text[r.start..r.end].to_owned(),
                        gazetteer.place(r.place).id.clone(),
                    )
                })
                .collect()
        };
        let pair = |t: &str, id: &str| (t.to_owned(), id.to_owned());
        assert_eq!(
            spans("Drones hit the Kursk Region and the Sakha Republic on Monday."),
            [
                pair("Kursk Region", "ru-krs"),
                pair("Sakha Republic", "ru-sa")
            ]
        );
        // Lowercase, the kind stays outside the name; a capitalised word
        // that is no kind of subdivision still glues the name into a longer
        // one (`Kursk State University`).
        assert_eq!(
            spans("Drones hit the Kursk region."),
            [pair("Kursk", "ru-krs")]
        );
        assert!(spans(
            "Title: A lecture\n\nHe teaches at Kursk State University, his students say."
        )
        .is_empty());
    }

    #[test]
    fn a_preposition_is_no_given_name() {
        let main = "\
minsk-625144\tcity\tBY\t625144\t53.9\t27.57\t1742124\tBY-HM\tMinsk
";
        let mut gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        // names-dataset lists `Beyond` and `Amid` among given names.
        gazetteer.add_given_names("beyond\namid\nsergei\n");
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert_eq!(
            ids("Beyond Minsk: protests spread\n\nMINSK (Reuters) - Crowds filled central Minsk."),
            ["minsk-625144"; 3]
        );
        assert_eq!(
            ids("Amid Minsk's protests, police moved in."),
            ["minsk-625144"]
        );
        assert!(ids("Sergei Minsk, a driver, said so.").is_empty());
    }

    #[test]
    fn a_country_in_initials_is_no_setting_for_its_towns() {
        let main = "\
us\tcountry\tUS\t\t39.2\t-97.9\t0\t\tUnited States|US
geneva-2660646\tcity\tCH\t2660646\t46.2\t6.15\t183981\tCH-GE\tGeneva|Genève
geneva-4893591\tcity\tUS\t4893591\t41.89\t-88.31\t21495\tUS-IL\tGeneva
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert_eq!(
            ids("U.S. officials met their Russian counterparts in Geneva."),
            ["us", "geneva-2660646"]
        );
        assert_eq!(
            ids("Storms hit the United States; in Geneva, roofs fell."),
            ["us", "geneva-4893591"]
        );
    }

    #[test]
    fn a_region_s_name_is_not_its_own_context() {
        let main = "\
lk-3\tregion\tLK\t1227618\t6.1\t80.7\t0\t\tSouthern Province|Teṉ
lk\tcountry\tLK\t\t7.7\t80.7\t0\t\tSri Lanka
";
        let gazetteer = Gazetteer::from_strs(main, "", "ten\t3.53\t5.05\t0.00\n").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert!(ids("Trials go on - Ten months after the unrest.").is_empty());
        assert_eq!(
            ids("In Sri Lanka, voters of Ten went to the polls."),
            ["lk", "lk-3"]
        );
    }

    #[test]
    fn a_governor_is_a_region_s() {
        let main = "\
ru-sam\tregion\tRU\t\t53.4\t50.4\t0\t\tSamara|Samarskaya oblast'
samara-499099\tcity\tRU\t499099\t53.2\t50.15\t1134730\tRU-SAM\tSamara
ru\tcountry\tRU\t\t60\t90\t0\t\tRussia|Russie
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert_eq!(
            ids("In Russia, the Samara governor spoke."),
            ["ru", "ru-sam"]
        );
        assert_eq!(
            ids("In Russia, the governor of Samara spoke."),
            ["ru", "ru-sam"]
        );
        assert_eq!(
            ids("En Russie, le gouverneur de Samara a parlé."),
            ["ru", "ru-sam"]
        );
        assert_eq!(
            ids("In Russia, the Samara mayor spoke."),
            ["ru", "samara-499099"]
        );
    }

    #[test]
    fn an_adjective_of_position_keeps_the_region_word_s_cue() {
        let main = "\
ru-tyu\tregion\tRU\t\t58.8\t70.4\t0\t\tTyumen|Тюменская Область
tyumen-1488754\tcity\tRU\t1488754\t57.15\t65.53\t768358\tRU-TYU\tTyumen|Tioumen|Тюмень
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert_eq!(ids("Les crues gagnent la région de Tioumen."), ["ru-tyu"]);
        assert_eq!(
            ids("Les crues gagnent la région voisine de Tioumen."),
            ["ru-tyu"]
        );
        // Not an adjective of position: the words say where the region is.
        assert_eq!(
            ids("Les crues gagnent une région proche de Tioumen."),
            ["tyumen-1488754"]
        );
    }

    #[test]
    fn one_plural_region_word_covers_a_list_of_names() {
        let main = "\
by-vi\tregion\tBY\t\t55.3\t29.0\t0\t\tVitebsk|Витебская Область
by-ma\tregion\tBY\t\t53.7\t30.5\t0\t\tMogilev|Могилёвская Область
by-ho\tregion\tBY\t\t52.4\t29.9\t0\t\tGomel|Гомельская Область
vitebsk-620127\tcity\tBY\t620127\t55.19\t30.20\t342700\tBY-VI\tVitebsk|Витебск
mahilyow-625665\tcity\tBY\t625665\t53.91\t30.34\t369200\tBY-MA\tMahilyow|Mogilev|Могилёв
gomel-627907\tcity\tBY\t627907\t52.43\t30.98\t480951\tBY-HO\tGomel|Гомель
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        let regions = ["by-vi", "by-ma", "by-ho"];
        assert_eq!(
            ids("Drones flew over the Vitebsk, Mogilev and Gomel regions."),
            regions
        );
        assert_eq!(
            ids("Drones flew over the Vitebsk, Mogilev, and Gomel regions."),
            regions
        );
        assert_eq!(
            ids("Des drones ont survolé les régions de Vitebsk, de Mogilev et de Gomel."),
            regions
        );
        assert_eq!(
            ids("Lang: ru\n\nНад Витебской, Могилёвской и Гомельской областями сбиты дроны."),
            regions
        );
        // A name of two words in the list (`West Kazakhstan`) does not end it.
        let main = "\
kz-39\tregion\tKZ\t\t51.5\t64.0\t0\t\tKostanay
kz-15\tregion\tKZ\t\t48.8\t58.0\t0\t\tAktobe
kz-27\tregion\tKZ\t\t49.6\t51.3\t0\t\tWest Kazakhstan
kostanay-1519928\tcity\tKZ\t1519928\t53.21\t63.62\t210000\tKZ-39\tKostanay
aktobe-610611\tcity\tKZ\t610611\t50.28\t57.21\t500757\tKZ-15\tAktobe
";
        let kazakh = Gazetteer::from_strs(main, "", "").unwrap();
        assert_eq!(
            ids_in(
                &kazakh,
                "Floods hit the Kostanay, Aktobe and West Kazakhstan regions."
            ),
            ["kz-39", "kz-15", "kz-27"]
        );
        // A list without a region word is a list of cities.
        assert_eq!(
            ids("Drones flew over Vitebsk, Mogilev and Gomel."),
            ["vitebsk-620127", "mahilyow-625665", "gomel-627907"]
        );
    }

    #[test]
    fn a_water_body_or_a_bridge_named_after_a_town_is_no_mention_of_it() {
        assert_eq!(
            places("Kyrgyzstan: the Talas river is low, the Talas bridge is shut, Talas is calm."),
            ["kg", "talas-1527299"]
        );
        assert_eq!(
            places("Kirghizistan : le lac Talas et la rivière Talas baissent, à Talas."),
            ["kg", "talas-1527299"]
        );
        assert_eq!(
            places("Kyrgyzstan: the Sea of Talas and the Lake of Talas froze; in Talas, calm."),
            ["kg", "talas-1527299"]
        );
    }

    #[test]
    fn a_town_or_region_whose_name_only_one_country_bears_says_that_country() {
        let main = "\
tashkent-1512569\tcity\tUZ\t1512569\t41.26\t69.22\t1978028\tUZ-TK\tTashkent|Tachkent
rishton-1512955\tcity\tUZ\t1512955\t40.36\t71.28\t34800\tUZ-FA\tRishton|Rishtan
shal-115615\tcity\tIR\t115615\t35.90\t49.77\t15290\tIR-26\tShāl|Chal
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        // Rishtan, an alternate name of a small town abroad, needs its
        // country: Tashkent says it.
        assert_eq!(
            ids("Residents can now drive to Rishtan."),
            Vec::<String>::new()
        );
        assert_eq!(
            ids("Residents can now drive to Rishtan, officials in Tashkent said."),
            ["rishton-1512955", "tashkent-1512569"]
        );
        // A name does not vouch for itself.
        assert_eq!(
            ids("On entendait « Chal, ket ! » dans les rues."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_large_town_s_name_that_is_a_rare_word_says_its_country() {
        // Russian word lists hold `Белгород` (Zipf 3.7): written as a
        // proper name in mid-sentence, or in a dateline, it still says
        // Russia for a small town of its region.
        let main = "\
belgorod-578072\tcity\tRU\t578072\t50.61\t36.58\t345289\tRU-BEL\tBelgorod|Белгород
shebekino-495112\tcity\tRU\t495112\t50.41\t36.93\t45194\tRU-BEL\tShebekino|Шебекино
shebekino-1\tcity\tUA\t1\t49.00\t30.00\t49000\tUA-23\tShebekino|Шебекино
";
        let gazetteer = Gazetteer::from_strs(main, "", "белгород\t0.00\t0.00\t3.67\n").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, &format!("Lang: ru\n\n{text}"));
        assert_eq!(
            ids("Под Белгородом и в Шебекино сбиты беспилотники."),
            ["belgorod-578072", "shebekino-495112"]
        );
        assert_eq!(
            ids("БЕЛГОРОД, 12 марта — В Шебекино сбиты беспилотники."),
            ["belgorod-578072", "shebekino-495112"]
        );
        // Alone, the name is the larger namesake's (here a made-up one in
        // Ukraine): only the other name said Russia.
        assert_eq!(ids("В Шебекино сбиты беспилотники."), ["shebekino-1"]);
    }

    #[test]
    fn a_small_town_of_the_map_needs_no_country_in_russian_either() {
        // "Des tirs ont visé Batken" needs no country: nor does its Russian
        // counterpart, which spells one of the town's Cyrillic names.
        let main = "\
gudauta-614409\tvillage\tGE\t614409\t43.10\t40.62\t8752\tGE-AB\tGudauta|Гудаута
dupnitsa-731549\tcity\tBG\t731549\t42.27\t23.12\t35000\tBG-10\tDupnitsa|Дупница
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, &format!("Lang: ru\n\n{text}"));
        assert_eq!(
            ids("Протестующие перекрыли трассу у Гудауты."),
            ["gudauta-614409"]
        );
        // A small town off the map still needs its country.
        assert_eq!(
            ids("Протестующие перекрыли трассу у Дупницы."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_place_s_russian_name_is_its_own_name_to_russian_text() {
        // `Ставрополь` is Stavropol's Russian name and an old name of
        // Tolyatti, which is larger: Russian text means Stavropol.
        let main = "\
stavropol-487846\tcity\tRU\t487846\t45.03\t41.96\t433931\tRU-STA\tStavropol|Ставрополь
tolyatti-482283\tcity\tRU\t482283\t53.53\t49.35\t702879\tRU-SAM\tTolyatti|Ставрополь|Тольятти
";
        let mut gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        gazetteer
            .add_place_names(
                std::path::Path::new("place-names.tsv"),
                "stavropol-487846\tru\tСтаврополь\ntolyatti-482283\tru\tТольятти\n",
            )
            .unwrap();
        let ids = |text: &str| ids_in(&gazetteer, &format!("Lang: ru\n\n{text}"));
        assert_eq!(ids("В Ставрополе прошёл митинг."), ["stavropol-487846"]);
        assert_eq!(ids("Митинг прошёл в Тольятти."), ["tolyatti-482283"]);
    }

    #[test]
    fn a_town_before_an_autonomous_region_s_adjective_is_the_town() {
        // `Горно-Бадахшанской автономной области`: an adjective between the
        // region's adjective and its kind; the town is no part of its name.
        let main = "\
ishkashim-1\tvillage\tTJ\t1\t36.73\t71.61\t3000\tTJ-GB\tIshkashim|Ишкашим
nefteyugansk-2\tcity\tRU\t2\t61.09\t72.60\t123276\tRU-KHM\tNefteyugansk|Нефтеюганск
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, &format!("Lang: ru\n\n{text}"));
        assert_eq!(
            ids("Вчера в Ишкашиме Горно-Бадахшанской автономной области отключили интернет."),
            ["ishkashim-1"]
        );
        assert_eq!(
            ids("Вчера в Нефтеюганске Ханты-Мансийского автономного округа прошли обыски."),
            ["nefteyugansk-2"]
        );
    }

    #[test]
    fn a_russian_preposition_opening_a_sentence_is_no_given_name() {
        // `На` is a given name too (names-dataset): before a region's
        // colloquial name (`Белгородчина`, which ends like a surname) it
        // is the preposition.
        let main = "ru-bel\tregion\tRU\t\t50.7\t37.4\t0\t\tBelgorod|Белгородская область\n";
        let mut gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        gazetteer.add_given_names("на\nпо\n");
        let ids = |text: &str| ids_in(&gazetteer, &format!("Lang: ru\n\n{text}"));
        assert_eq!(ids("На Белгородчине сбиты два беспилотника."), ["ru-bel"]);
        assert_eq!(ids("По Белгородчине нанесён удар."), ["ru-bel"]);
    }

    #[test]
    fn a_dateline_names_a_town_of_the_map_whatever_its_size() {
        // A town's name that is a word (here made as frequent as `Орёл`,
        // Zipf 3.8): as a dateline in capitals, it is the town, though too
        // small for a proper name in mid-sentence to pass as one without
        // its country.
        let main = "\
sokhumi-611847\tcity\tGE\t611847\t43.00\t40.99\t65439\tGE-AB\tSokhumi|Сухум|Сухуми
suhum-2295065\tcity\tGH\t2295065\t6.04\t-0.45\t50610\tGH-EP\tSuhum
";
        let gazetteer = Gazetteer::from_strs(main, "", "сухуми\t0.00\t0.00\t3.80\n").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, &format!("Lang: ru\n\n{text}"));
        assert_eq!(
            ids("СУХУМ, 15 ноября — Сторонники оппозиции перекрыли трассу."),
            ["sokhumi-611847"]
        );
    }

    #[test]
    fn a_town_s_name_rarer_than_ordinary_nouns_is_the_town_in_mid_sentence() {
        // `Сухуми` (Zipf 3.2) is read as the town of 65,000 people;
        // `Городок` (3.9), also a noun, not without the town's country.
        let main = "\
sokhumi-611847\tcity\tGE\t611847\t43.00\t40.99\t65439\tGE-AB\tSokhumi|Сухум|Сухуми
horodok-707752\tcity\tUA\t707752\t49.17\t26.57\t66000\tUA-09\tHorodok|Городок
";
        let gazetteer = Gazetteer::from_strs(
            main,
            "",
            "городке\t0.00\t0.00\t3.90\nсухуми\t0.00\t0.00\t3.15\n",
        )
        .unwrap();
        let ids = |text: &str| ids_in(&gazetteer, &format!("Lang: ru\n\n{text}"));
        assert_eq!(ids("Ночью в Сухуми прошёл митинг."), ["sokhumi-611847"]);
        assert_eq!(ids("Ночью в Городке прошёл митинг."), Vec::<String>::new());
    }

    #[test]
    fn a_major_town_says_its_country_despite_small_namesakes_abroad() {
        // `Ош` is also the Russian name of Auch, France, a tenth of Osh's
        // size: Osh still says Kyrgyzstan for another name.
        let main = "\
osh-1527534\tcity\tKG\t1527534\t40.53\t72.80\t322164\tKG-O\tOsh|Ош
auch-3036281\tcity\tFR\t3036281\t43.65\t0.59\t24494\tFR-OCC\tAuch|Ош
pokrovka-1\tvillage\tKG\t1\t42.00\t78.00\t8522\tKG-Y\tPokrovka|Покровка
pokrovka-2\tvillage\tUA\t2\t48.00\t37.00\t9100\tUA-14\tPokrovka|Покровка
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, &format!("Lang: ru\n\n{text}"));
        assert_eq!(ids("Обыски прошли в Покровке."), ["pokrovka-2"]);
        assert_eq!(
            ids("Обыски прошли в Оше и Покровке."),
            ["osh-1527534", "pokrovka-1"]
        );
    }

    #[test]
    fn a_russian_nominative_after_a_capitalised_word_is_part_of_its_name() {
        // The stemmer cuts `Армения` to `армен`: the nominative is still
        // the country's name as written, inside a company's name; its
        // oblique case is a complement (`МИД Армении`).
        let main = "am\tcountry\tAM\t\t40.2\t45.0\t0\t\tArmenia|Армения\n";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, &format!("Lang: ru\n\n{text}"));
        assert_eq!(
            ids("Об этом сообщили в компании «Газпром Армения» вчера."),
            Vec::<String>::new()
        );
        assert_eq!(
            ids("Об этом сообщили в агентстве Спутник Армения вчера."),
            Vec::<String>::new()
        );
        assert_eq!(ids("Об этом сообщили в МИД Армении вчера."), ["am"]);
        assert_eq!(ids("«Армения готова», — заявил он."), ["am"]);
        assert_eq!(ids("Об этом сообщили вчера в Армении."), ["am"]);
    }

    #[test]
    fn a_region_s_name_says_its_country_despite_a_hamlet_abroad() {
        let main = "\
ru-krs\tregion\tRU\t\t51.5\t36.0\t0\t\tKursk|Курская область
kurchatov-538908\tcity\tRU\t538908\t51.66\t35.66\t38803\tRU-KRS\tKurchatov|Курчатов
kurskoye-6957703\tvillage\tUA\t6957703\t47.20\t35.80\t1204\tUA-23\tKurskoye|Курское
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, &format!("Lang: ru\n\n{text}"));
        assert_eq!(
            ids("Беспилотник упал в Курской области, под Курчатовым повреждена ЛЭП."),
            ["ru-krs", "kurchatov-538908"]
        );
    }

    #[test]
    fn a_famous_town_s_own_name_beats_a_nearer_town_s_alternate_name() {
        let main = "\
pl\tcountry\tPL\t\t52.0\t19.0\t0\t\tPoland|Pologne
minsk-625144\tcity\tBY\t625144\t53.90\t27.57\t1742124\tBY-HM\tMinsk
minsk-mazowiecki-764679\tcity\tPL\t764679\t52.18\t21.56\t40000\tPL-14\tMińsk Mazowiecki|Minsk
warsaw-756135\tcity\tPL\t756135\t52.23\t21.01\t1702139\tPL-14\tWarsaw|Varsovie
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        assert_eq!(
            ids_in(
                &gazetteer,
                "Varsovie accuse Minsk de pousser des migrants vers la Pologne."
            ),
            ["warsaw-756135", "minsk-625144", "pl"]
        );
    }

    #[test]
    fn a_russian_town_before_its_region_s_adjective_is_the_town() {
        let main = "\
ru-tul\tregion\tRU\t\t54.0\t37.5\t0\t\tTula|Тульская Область
novomoskovsk-518557\tcity\tRU\t518557\t54.01\t38.29\t130982\tRU-TUL\tNovomoskovsk|Новомосковск
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        assert_eq!(
            ids_in(
                &gazetteer,
                "Lang: ru\n\nВ Новомосковске Тульской области загорелся цех."
            ),
            ["novomoskovsk-518557", "ru-tul"]
        );
    }

    #[test]
    fn a_headline_names_a_region_as_the_body_does() {
        let main = "\
ru-krs\tregion\tRU\t\t51.6\t36.5\t0\t\tKursk
kursk-538560\tcity\tRU\t538560\t51.73\t36.19\t448733\tRU-KRS\tKursk
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        let region = "Title: The Kursk Gamble Enters Its Third Month\n\nThe Kursk Gamble Enters Its Third Month\n\nTroops hold villages of the Kursk region; the Kursk region's governor spoke.";
        assert_eq!(ids(region), ["ru-krs", "ru-krs", "ru-krs", "ru-krs"]);
        // A body that names the city as often (here by a dateline) leaves
        // the headline's bare name the city.
        let city = "Title: Kursk traders count their losses\n\nKURSK, Russia — Lorries queued in the Kursk region.";
        assert_eq!(ids(city), ["kursk-538560", "kursk-538560", "ru-krs"]);
        // A name in capitals opening a line is a dateline only as the
        // matcher reads one (a comma, a dash or the agency after it): a
        // heading in capitals says nothing of the town.
        let heading =
            "Title: Kursk after the incursion\n\nKURSK\n\nLorries queued in the Kursk region.";
        assert_eq!(ids(heading)[0], "ru-krs");
        // As does a bare name after a preposition of place; one in a
        // modifier (`the Kursk nuclear power plant`) says nothing.
        let town =
            "Title: Protests reach Kursk\n\nProtesters in Kursk marched; the Kursk region is calm.";
        assert_eq!(ids(town), ["kursk-538560", "kursk-538560", "ru-krs"]);
        let modifier = "Title: Protests reach Kursk\n\nThe Kursk nuclear power plant; the Kursk region is calm.";
        assert_eq!(ids(modifier)[0], "ru-krs");
        // An English verb of arrival says a place as a preposition does.
        let arrival =
            "Title: Flood moves to Kursk\n\nThe crest reached Kursk; the Kursk region is flooded.";
        assert_eq!(ids(arrival), ["kursk-538560", "kursk-538560", "ru-krs"]);
    }

    #[test]
    fn a_region_s_bare_name_that_a_town_elsewhere_bears_needs_a_region_word() {
        // The generator leaves `Minsk` off Minsk Region (the city lies in
        // Minsk City) and `Abay` off Abai Region (the towns lie elsewhere).
        let main = "\
by-mi\tregion\tBY\t\t53.6\t27.6\t0\t\tMinsk Region|Minskaya voblasts
minsk-625144\tcity\tBY\t625144\t53.90\t27.57\t1742124\tBY-HM\tMinsk
kz-10\tregion\tKZ\t\t48.9\t80.5\t0\t\tAbay oblysy|Abai Region
abay-1526970\tcity\tKZ\t1526970\t49.63\t72.86\t35454\tKZ-35\tAbay
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert_eq!(ids("Floods hit the Minsk region."), ["by-mi"]);
        assert_eq!(ids("Protests in Minsk grew."), ["minsk-625144"]);
        assert_eq!(ids("Une nouvelle région d'Abaï a été créée."), ["kz-10"]);
        assert_eq!(
            ids("Des mineurs d'Abaï manifestent à Abaï."),
            ["abay-1526970", "abay-1526970"]
        );
    }

    #[test]
    fn an_exclave_is_the_region_when_the_name_has_one() {
        let main = "\
ru-kgd\tregion\tRU\t\t54.7\t21.1\t0\t\tKaliningrad
kaliningrad-554234\tcity\tRU\t554234\t54.71\t20.51\t434954\tRU-KGD\tKaliningrad
vorukh-1220164\tvillage\tTJ\t1220164\t39.85\t70.58\t3836\tTJ-SU\tVorukh
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert_eq!(ids("NATO watches the Kaliningrad exclave."), ["ru-kgd"]);
        assert_eq!(
            ids("Flights to Kaliningrad resumed."),
            ["kaliningrad-554234"]
        );
        assert_eq!(
            ids("Talks on the exclave of Vorukh resumed."),
            ["vorukh-1220164"]
        );
    }

    #[test]
    fn a_french_region_name_in_ie_meets_the_name_in_a_or_i() {
        let main = "\
ge-aj\tregion\tGE\t\t41.6\t42.0\t0\t\tAdjara|Ajaria
ge-sj\tregion\tGE\t\t41.5\t43.2\t0\t\tSamtskhe-Javakheti
maria-1\tvillage\tGE\t1\t41.7\t44.8\t900\tGE-TB\tMaria
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert_eq!(
            ids("La colère gagne l'Adjarie et la région de Samtskhé-Djavakhétie."),
            ["ge-aj", "ge-sj"]
        );
        // Only countries and regions take the French ending: `Marie` is
        // no village Maria.
        assert_eq!(
            ids("Selon elle, Marie a quitté le pays."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_common_word_shown_to_be_a_place_once_is_that_place_throughout() {
        let main = "\
kg\tcountry\tKG\t\t41.46\t74.56\t0\t\tKyrgyzstan
kant-1528193\tcity\tKG\t1528193\t42.89\t74.85\t22617\tKG-C\tKant
";
        let gazetteer = Gazetteer::from_strs(main, "", "kant\t2.5\t3.3\t2.0\n").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert_eq!(
            ids("Kyrgyzstan hosts a base. Residents of Kant complain."),
            ["kg"]
        );
        assert_eq!(
            ids("Kyrgyzstan hosts a base at Kant. Residents of Kant complain."),
            ["kg", "kant-1528193", "kant-1528193"]
        );
    }

    #[test]
    fn a_region_word_overrides_an_alias_that_pins_a_town() {
        let main = "\
kg-j\tregion\tKG\t\t41.5\t73.2\t0\t\tJalal-Abad
manas-1528249\tcity\tKG\t1528249\t40.94\t72.99\t123239\tKG-J\tManas|Jalal-Abad
";
        let extra = "alias\tDjalal-Abad\tmanas-1528249\n";
        let gazetteer = Gazetteer::from_strs(main, extra, "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert_eq!(ids("Floods in the Jalal-Abad region."), ["kg-j"]);
        assert_eq!(ids("Floods in Jalal-Abad."), ["manas-1528249"]);
    }

    #[test]
    fn a_russian_title_s_country_before_a_person_s_name_is_the_country() {
        let main = "\
am\tcountry\tAM\t\t40.2\t45.0\t0\t\tArmenia|Армения
ru\tcountry\tRU\t\t60\t90\t0\t\tRussia|Россия
";
        let mut gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        gazetteer.add_given_names("никол\nвладимир\nармен\nросс\nrabota\n");
        let ids = ids_in(
            &gazetteer,
            "Lang: ru\n\nПремьер-министр Армении Никол Пашинян встретился с президентом России Владимиром Путиным. Работа Армении продолжается.",
        );
        // `Армении` and `России` stem to the given names Armen and Ross:
        // the word as written is read, not its stem; `Работа` ("work") is
        // read in Cyrillic letters, not as the Latin given name `rabota`.
        assert_eq!(ids, ["am", "ru", "am"]);
    }

    #[test]
    fn a_russian_region_is_named_by_its_adjective() {
        // Russian names an oblast by an adjective: the region's own
        // Russian name is `Воронежская Область`, the city's `Воронеж`.
        let main = "\
ru-vor\tregion\tRU\t\t51.0\t40.0\t0\t\tVoronezh|Воронежская Область
voronezh-472045\tcity\tRU\t472045\t51.67\t39.18\t848752\tRU-VOR\tVoronezh|Воронеж
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, &format!("Lang: ru\n\n{text}"));
        assert_eq!(ids("Колонна прошла через Воронежскую область."), ["ru-vor"]);
        assert_eq!(
            ids("Беспилотник сбит над Воронежской областью."),
            ["ru-vor"]
        );
        assert_eq!(ids("В Воронеже тихо."), ["voronezh-472045"]);
    }

    #[test]
    fn a_place_s_adjective_without_a_kind_of_subdivision_names_something_else() {
        let main = "\
ru-krs\tregion\tRU\t\t51.6\t36.5\t0\t\tKursk|Курская Область
kursk-538560\tcity\tRU\t538560\t51.73\t36.19\t448733\tRU-KRS\tKursk|Курск
";
        let mut gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        // A Latin given name that a Russian word transliterates to.
        gazetteer.add_given_names("rabota\n");
        let ids = |text: &str| ids_in(&gazetteer, &format!("Lang: ru\n\n{text}"));
        // `Курская АЭС`, the plant, is in Kurchatov: neither the region nor
        // the city; `Работа` ("work") is no given name in Russian.
        assert_eq!(ids("Работа Курской АЭС не нарушена."), Vec::<String>::new());
        assert_eq!(ids("Губернатор Курской области заявил."), ["ru-krs"]);
        assert_eq!(ids("Власти Курской и Белгородской областей."), ["ru-krs"]);
        assert_eq!(ids("Под Курском тихо."), ["kursk-538560"]);
    }

    #[test]
    fn a_nominative_the_stemmer_cuts_further_meets_its_cases() {
        // Snowball cuts `Махачкала` to `махачка`, its cases to `махачкал`.
        let main = "\
ru-da\tregion\tRU\t\t42.5\t47.0\t0\t\tDagestan|Дагестан
makhachkala-532096\tcity\tRU\t532096\t42.98\t47.50\t596356\tRU-DA\tMakhachkala|Махачкала
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, &format!("Lang: ru\n\n{text}"));
        for text in [
            "В Махачкале тихо.",
            "Жители Махачкалы.",
            "Под Махачкалой тихо.",
        ] {
            assert_eq!(ids(text), ["makhachkala-532096"], "{text}");
        }
        // An oblique case after a capitalised word is its complement, not
        // part of a longer proper name.
        assert_eq!(ids("Сообщили в МВД Дагестана."), ["ru-da"]);
    }

    #[test]
    fn latin_text_meets_a_cyrillic_name_only_as_written() {
        // `Киргизия` stems to `киргиз`, keyed like the demonym `Kyrgyz`.
        let main = "\
kg\tcountry\tKG\t\t41.46\t74.56\t0\t\tKyrgyzstan|Киргизия
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        assert_eq!(
            ids_in(&gazetteer, "Kyrgyz officials met."),
            Vec::<String>::new()
        );
        assert_eq!(ids_in(&gazetteer, "Lang: ru\n\nВ Киргизии тихо."), ["kg"]);
    }

    #[test]
    fn a_region_named_in_latin_only_has_its_russian_adjective() {
        // The sources name Armenia's marzes in Latin letters only.
        let main = "\
am-su\tregion\tAM\t\t39.5\t46.3\t0\t\tSyunik|Syunik’i Marz
am-vd\tregion\tAM\t\t39.8\t45.4\t0\t\tVayots Dzor
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = ids_in(
            &gazetteer,
            "Lang: ru\n\nОбстрелы сёл Сюникской и Вайоц-Дзорской областей.",
        );
        assert_eq!(ids, ["am-su", "am-vd"]);
    }

    #[test]
    fn an_old_name_of_towns_in_several_countries_needs_a_locative_cue() {
        let main = "\
donetsk-709717\tcity\tUA\t709717\t48.02\t37.80\t901645\tUA-14\tDonetsk|Stalin
varna-726050\tcity\tBG\t726050\t43.22\t27.92\t318737\tBG-03\tVarna|Stalin
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert_eq!(
            ids("Gori is the birthplace of Stalin, whose museum draws tourists."),
            Vec::<String>::new()
        );
        assert_eq!(ids("Donetsk was renamed in 1961."), ["donetsk-709717"]);
        assert_eq!(ids("Varna, then called Stalin, grew."), ["varna-726050"]);
    }

    #[test]
    fn a_shared_alternate_name_is_the_town_of_a_region_the_article_names() {
        let main = "\
tj-gb\tregion\tTJ\t\t38.5\t73.0\t0\t\tGorno-Badakhshan|Haut-Badakhchan
rushon-1220685\tvillage\tTJ\t1220685\t37.94\t71.56\t4031\tTJ-GB\tRŭshon|Rushan
chengqu-8541400\tvillage\tCN\t8541400\t36.91\t121.53\t0\tCN-SD\tChengqu|Rushan
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert_eq!(
            ids("Les forces ont bouclé Rushan, dans le Haut-Badakhchan."),
            ["rushon-1220685", "tj-gb"]
        );
        assert_eq!(ids("Les forces ont bouclé Rushan."), Vec::<String>::new());
    }

    #[test]
    fn a_name_before_a_comma_and_who_is_a_person_s() {
        let main = "\
serik-301101\tcity\tTR\t301101\t36.92\t31.10\t60000\tTR-07\tSerik
moscow-524901\tcity\tRU\t524901\t55.75\t37.62\t10381222\tRU-MOW\tMoscow
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let ids = |text: &str| ids_in(&gazetteer, text);
        assert_eq!(
            ids("\"Our fields are a lake,\" said Serik, who grows wheat."),
            Vec::<String>::new()
        );
        assert_eq!(
            ids("Tourists flew to Serik, which lies on the coast."),
            ["serik-301101"]
        );
        assert_eq!(
            ids("A guard in Serik, who asked not to be named, said so."),
            ["serik-301101"]
        );
        // A famous town may stand for its government.
        assert_eq!(
            ids("The talks angered Moscow, who recalled its envoy."),
            ["moscow-524901"]
        );
    }

    #[test]
    fn a_corridor_named_after_a_town_is_no_mention_of_it() {
        assert_eq!(
            places("Kyrgyzstan: the Talas corridor is closed, Talas is calm."),
            ["kg", "talas-1527299"]
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

    #[test]
    fn a_title_case_word_of_the_language_is_no_given_name() {
        // `Block` is a given name and an English word (Zipf 4.88 in
        // English, 3.50 in French); `Anna`, as frequent in both languages,
        // is a name. On a title-case line the word is read as the word,
        // unless it is as much a name in French as in English.
        let main = "\
am\tcountry\tAM\t\t40.1\t45.0\t0\t\tArmenia
yerevan-616052\tcity\tAM\t616052\t40.18\t44.51\t1093485\tAM-ER\tYerevan
";
        let common = "anna\t4.19\t4.37\t0.00\nblock\t3.50\t4.88\t0.00\n";
        let mut gazetteer = Gazetteer::from_strs(main, "", common).unwrap();
        gazetteer.add_given_names("anna\nblock\n");
        assert_eq!(
            ids_in(
                &gazetteer,
                "Protesters Block Yerevan Highway Near Border Markers\nThe road was shut."
            ),
            ["yerevan-616052"]
        );
        assert_eq!(
            ids_in(
                &gazetteer,
                "Police Question Anna Yerevan Over Fraud Claims\nShe was released."
            ),
            Vec::<String>::new()
        );
        // In sentence case the capital still says a name.
        assert_eq!(
            ids_in(&gazetteer, "The police questioned Block Yerevan on Monday."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_name_opening_a_line_after_a_headline_is_no_part_of_it() {
        let main = "\
kz\tcountry\tKZ\t\t48.0\t67.0\t0\t\tKazakhstan
balqash-1525798\tcity\tKZ\t1525798\t46.85\t74.98\t81364\tKZ-35\tBalqash|Balkhash
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        // A title-case headline without a stop, then its lead.
        assert_eq!(
            ids_in(
                &gazetteer,
                "Smoke Hangs Over The Smelter Town As Residents Told To Stay Home\n\
                 Balkhash residents were told to stay indoors in Kazakhstan."
            ),
            ["balqash-1525798", "kz"]
        );
        // A dateline opens its line, whatever the line before.
        assert_eq!(
            ids_in(
                &gazetteer,
                "Smoke hangs over Balkhash\nBALKHASH, Kazakhstan (AP) — A fire broke out."
            ),
            ["balqash-1525798", "balqash-1525798", "kz"]
        );
    }

    #[test]
    fn a_capitalised_word_before_a_region_s_name_and_region_word_is_no_given_name() {
        let main = "\
ru\tcountry\tRU\t\t60\t90\t0\t\tRussia
ru-da\tregion\tRU\t\t42.5\t47.0\t0\t\tDagestan
";
        let mut gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        gazetteer.add_given_names("muslim\n");
        assert_eq!(
            ids_in(
                &gazetteer,
                "Makhachkala is the capital of Russia's mostly Muslim Dagestan republic."
            ),
            ["ru", "ru-da"]
        );
        // Without a region word the pair stays a person's name.
        assert_eq!(
            ids_in(&gazetteer, "In Russia, Muslim Dagestan spoke on Monday."),
            ["ru"]
        );
    }

    #[test]
    fn a_hand_kept_name_shared_with_another_region_leaves_the_choice_to_the_context() {
        // `Badakhshan` is the Afghan province's own name, and a name of
        // Tajikistan's Gorno-Badakhshan by a `name` record of the hand-kept
        // file: the article's country decides.
        let main = "\
af\tcountry\tAF\t\t33.0\t65.0\t0\t\tAfghanistan
tj\tcountry\tTJ\t\t38.9\t71.0\t0\t\tTajikistan
af-bds\tregion\tAF\t1147745\t36.80\t71.37\t0\t\tBadakhshan
tj-gb\tregion\tTJ\t1221692\t38.35\t73.00\t0\t\tGorno-Badakhshan
";
        let gazetteer = Gazetteer::from_strs(main, "name\tBadakhshan\ttj-gb\n", "").unwrap();
        assert_eq!(
            ids_in(
                &gazetteer,
                "MURGHOB, Tajikistan — Power lines to villages of Badakhshan were down."
            ),
            ["tj", "tj-gb"]
        );
        assert_eq!(
            ids_in(
                &gazetteer,
                "Fighting was reported in Afghanistan's Badakhshan province."
            ),
            ["af", "af-bds"]
        );
    }

    #[test]
    fn a_region_word_before_a_town_s_name_is_the_region_the_town_names() {
        // `Samarcande` is only the city's (French) name; the region that
        // holds the city bears the city's own name: after `la région de`,
        // the region.
        let main = "\
uz\tcountry\tUZ\t\t41.0\t64.0\t0\t\tOuzbékistan|Uzbekistan
uz-sa\tregion\tUZ\t1114927\t39.73\t66.13\t0\t\tSamarqand|Samarkand
samarkand-1216265\tcity\tUZ\t1216265\t39.65\t66.96\t319366\tUZ-SA\tSamarkand|Samarcande
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        assert_eq!(
            ids_in(
                &gazetteer,
                "En Ouzbékistan, des crues dans la région de Samarcande."
            ),
            ["uz", "uz-sa"]
        );
        assert_eq!(
            ids_in(&gazetteer, "En Ouzbékistan, des crues à Samarcande."),
            ["uz", "samarkand-1216265"]
        );
    }

    #[test]
    fn a_plural_demonym_after_a_place_is_no_part_of_its_name() {
        let main = "\
am\tcountry\tAM\t\t40.1\t45.0\t0\t\tArmenia
tj\tcountry\tTJ\t\t38.9\t71.0\t0\t\tTajikistan
az\tcountry\tAZ\t\t40.3\t47.7\t0\t\tAzerbaijan
nagorno-karabakh\tregion\tAZ\t\t39.82\t46.75\t0\t\tNagorno-Karabakh|Karabakh
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        assert_eq!(
            ids_in(
                &gazetteer,
                "In Azerbaijan, officials said Karabakh Armenians who stayed would be safe."
            ),
            ["az", "nagorno-karabakh"]
        );
        assert_eq!(
            ids_in(&gazetteer, "In Azerbaijan, the Karabakh Tajiks left."),
            ["az", "nagorno-karabakh"]
        );
        // A capitalised word that is no people's name still continues it.
        assert_eq!(
            ids_in(&gazetteer, "In Azerbaijan, the Karabakh Horses club won."),
            ["az"]
        );
    }
}
