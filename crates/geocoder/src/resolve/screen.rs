//! Screening: what the text around a name says before any candidate is
//! weighed. Organisation names, person names, longer proper names, plural
//! demonyms and very common words at a sentence start make a name no
//! place; the names left get their candidates with their intrinsic score
//! (`rank`).

use std::cell::OnceCell;

use model::PlaceKind;
use rustc_hash::FxHashSet;

use super::rank::{intrinsic_score, Scored};
use super::weights::WEIGHTS;
use super::{is_country_or_region, Why};
use crate::article::ArticleText;
use crate::gazetteer::{fold_hash, Exclusion, Gazetteer, NameRef};
use crate::matcher::NameMatch;
use crate::normalize::TokenFolds;
use crate::text_words::{
    role, roles_of, ADJECTIVE_ENDINGS, ADJECTIVE_INFLECTIONS, SURNAME_ENDINGS,
};
use crate::tokenize::{Joiner, Token};

/// Characters that open a quotation (a name quoted as such, or speech).
const OPENING_QUOTES: &[char] = &['«', '“', '„', '"'];
/// Characters that close a quotation.
const CLOSING_QUOTES: &[char] = &['»', '”', '“', '"'];

/// What the article says around its names, computed once.
pub(super) struct Context<'a> {
    pub(super) tokens: &'a [Token],
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
    /// Whether each token is on a line that holds the article's title (the
    /// header's `Title:` line, or the title repeated as the first line).
    in_title: Vec<bool>,
    /// Names (keys) that the article's body names more often with a region
    /// word than as a town: with a settlement word, a preposition of place
    /// or as a dateline (`the Kursk region` twice, `the city of Kursk`
    /// once).
    region_in_body: FxHashSet<String>,
    /// The names the matcher found in the article.
    matches: &'a [NameMatch<'a>],
    /// Per match, what several steps ask about it, computed once: the
    /// region cues, the locative cue and the common-word frequency were
    /// each asked up to four times a match (`names_read_as_regions`,
    /// `screen`, `ArticleEvidence::gather`, `check_evidence`).
    memo: Vec<MatchMemo>,
    /// Per token, the roles of its fold ([`roles_of`]), looked up when
    /// first asked.
    roles: Vec<OnceCell<u32>>,
}

/// What [`Context`] remembers of one match; each filled when first asked.
#[derive(Default)]
struct MatchMemo {
    /// A region word before the name or after it.
    region_cue: OnceCell<bool>,
    /// A locative cue before the name.
    locative_cue: OnceCell<bool>,
    /// The name's Zipf frequency as a common word.
    zipf: OnceCell<Option<f32>>,
}

impl<'a> Context<'a> {
    pub(super) fn new(
        gazetteer: &Gazetteer,
        article: &'a ArticleText,
        folds: &'a TokenFolds<'a>,
        matches: &'a [NameMatch<'a>],
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
            in_title: title_lines(text, &article.title, tokens),
            region_in_body: FxHashSet::default(),
            matches,
            memo: std::iter::repeat_with(MatchMemo::default)
                .take(matches.len())
                .collect(),
            roles: vec![OnceCell::new(); tokens.len()],
        };
        context.find_organisations();
        context.find_persons(gazetteer, article.lang.as_deref());
        context.region_in_body = context.names_read_as_regions();
        context
    }

    /// The keys of the names that the body (outside the title lines) writes
    /// with a region word more often than as a town.
    fn names_read_as_regions(&self) -> FxHashSet<String> {
        let mut balance: rustc_hash::FxHashMap<&str, i32> = rustc_hash::FxHashMap::default();
        for (index, m) in self.matches.iter().enumerate() {
            let (first, last) = (m.tokens.start, m.tokens.end - 1);
            if self.in_title[first] {
                continue;
            }
            let region = self.region_cue(index);
            // A dateline (`GRODNO, Belarus —`: the matcher's reading) names
            // the town it was filed in; a bare name after a preposition of
            // place (`protesters in Gomel`) is read as the town too, while
            // one in a modifier (`the Kursk nuclear power plant`) says
            // nothing.
            let settlement = m.dateline
                || self.cue_before(first, role::SETTLEMENT)
                || self
                    .lowercase_word_after(last)
                    .is_some_and(|j| self.has(j, role::SETTLEMENT))
                || !region && self.match_locative_cue(index);
            *balance.entry(m.key.as_str()).or_default() +=
                i32::from(region) - i32::from(settlement);
        }
        balance
            .into_iter()
            .filter(|&(_, b)| b > 0)
            .map(|(k, _)| k.to_owned())
            .collect()
    }

    fn find_organisations(&mut self) {
        for i in 0..self.tokens.len() {
            if !self.tokens[i].capitalised || !self.has(i, role::ORGANISATION_HEAD) {
                continue;
            }
            let mut j = i;
            while j + 1 < self.tokens.len() && j - i < 8 && self.tokens[j].joiner != Joiner::Break {
                if self.has(j + 1, role::ORGANISATION_STOP) && !self.has(j + 1, role::ELISION) {
                    break;
                }
                j += 1;
                self.in_organisation[j] = true;
            }
        }
    }

    /// Marks a capitalised pair as a person's name when the first word is
    /// a given name (`data/given-names.txt`, from names-dataset) or the
    /// second looks like a surname. On a line in title case, where every
    /// word is capitalised, a given name that is rather a word of the
    /// article's language (`Protesters Block Yerevan-Ijevan Highway`:
    /// `block` is an English word far more than a French one, unlike a
    /// name) is read as that word: its capital says nothing. A title-case
    /// line of an article whose language is unknown is read as English,
    /// the language that writes headlines so.
    fn find_persons(&mut self, gazetteer: &Gazetteer, lang: Option<&str>) {
        let lang = lang.unwrap_or("en");
        for i in 0..self.tokens.len().saturating_sub(1) {
            let (first, second) = (self.tokens[i], self.tokens[i + 1]);
            if !first.capitalised || first.all_caps || first.joiner != Joiner::Space {
                continue;
            }
            if !second.capitalised || second.all_caps || second.sentence_start {
                continue;
            }
            // A Cyrillic word is read as written, unstemmed: given names
            // are listed so in Cyrillic letters too (`никол`), and its stem
            // may be a given name that the word is not (`Армении`, `России`
            // stem to `армен`, `росс`); not in its transliteration either,
            // which may be a Latin given name (`Работа` is `rabota`).
            // Surname endings are listed in Latin letters: a Cyrillic word
            // is read in its transliteration (`Пашинян` is `pashinian`).
            let given = gazetteer.is_given_name(&self.written_fold(i))
                && !self.has(i, role::FUNCTION)
                && !(self.title_case_line(i)
                    && gazetteer.is_word_of(
                        self.fold(i),
                        lang,
                        WEIGHTS.title_case_word_zipf,
                        WEIGHTS.title_case_word_margin,
                    ));
            let surname = (looks_like_surname(&self.latin(i + 1, false))
                || looks_like_surname(&self.latin(i + 1, true)))
                && !self.match_starts[i + 1];
            // A known name before a region word is the region's, whatever
            // its first word (`the Shida Kartli region`: `Shida` is a given
            // name too).
            let region_after = self.match_starts[i]
                && (self
                    .lowercase_word_after(i + 1)
                    .is_some_and(|j| self.has(j, role::REGION_WORD))
                    || self.capitalised_region_word_after(i).is_some());
            // Nor is the capitalised word before such a name, which
            // qualifies the region (`Russia's mostly Muslim Dagestan
            // republic`: `Muslim` is a given name too).
            let region_second = self.match_starts[i + 1]
                && self
                    .lowercase_word_after(i + 1)
                    .is_some_and(|j| self.has(j, role::REGION_WORD));
            if region_after || region_second {
                continue;
            }
            if given || surname && !self.has(i, role::FUNCTION) && !self.match_starts[i] {
                self.in_person[i] = true;
                self.in_person[i + 1] = true;
                self.surnames.insert(self.fold(i + 1).to_owned());
            }
        }
    }

    /// The fold of token `i` in Latin letters: a Cyrillic word
    /// transliterated as the matcher keys it, stemmed or as written
    /// (`stemmed`); any other word is its fold.
    fn latin(&self, i: usize, stemmed: bool) -> std::borrow::Cow<'a, str> {
        let fold = self.fold(i);
        if !fold.chars().any(crate::normalize::is_cyrillic) {
            return fold.into();
        }
        if stemmed {
            return crate::normalize::to_latin(fold).into();
        }
        let written = &self.folds.text()[self.tokens[i].start..self.tokens[i].end];
        crate::normalize::unstemmed_fold_and_key(written).map_or_else(
            || fold.into(),
            |(unstemmed, _)| crate::normalize::to_latin(&unstemmed).into(),
        )
    }

    /// The fold of token `i` as written: unstemmed for a Cyrillic word
    /// (`никол`, `армении`), else its fold.
    fn written_fold(&self, i: usize) -> std::borrow::Cow<'a, str> {
        let fold = self.fold(i);
        if !fold.chars().any(crate::normalize::is_cyrillic) {
            return fold.into();
        }
        let written = &self.folds.text()[self.tokens[i].start..self.tokens[i].end];
        crate::normalize::unstemmed_fold_and_key(written)
            .map_or_else(|| fold.into(), |(unstemmed, _)| unstemmed.into())
    }

    /// Whether the line holding token `i` is in title case (most words
    /// capitalised), where capitals say nothing.
    fn title_case_line(&self, i: usize) -> bool {
        self.title_case[i]
    }

    /// The names the matcher found, which the per-match questions index.
    pub(super) fn matches(&self) -> &'a [NameMatch<'a>] {
        self.matches
    }

    /// The fold of token `i` (computed once, when first needed by the
    /// matcher or here).
    pub(super) fn fold(&self, i: usize) -> &'a str {
        self.folds.fold(i)
    }

    /// First screening of a match: not-a-place reasons that need no
    /// candidate, then the candidates with their intrinsic score.
    pub(super) fn screen(&self, gazetteer: &Gazetteer, index: usize) -> Result<Vec<Scored>, Why> {
        let found = &self.matches[index];
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
        // `said Serik, who grows wheat`: only a person takes `who`; a
        // country, a region or a famous town may stand for its people. After
        // a locative cue the pronoun is the person's who is there (`said a
        // guard in Ishkashim, who asked not to be named`).
        let person_relative_after = self.comma_after(last)
            && !self.match_locative_cue(index)
            && self.has(last + 1, role::PERSON_RELATIVE)
            && !self.tokens[last + 1].capitalised;
        if person_relative_after && !may_be_a_country_region_or_famous_town(gazetteer, found) {
            return Err(Why::PersonName);
        }
        let feature_after = last + 1 < self.tokens.len()
            && self.tokens[last].joiner == Joiner::Space
            && !self.tokens[last + 1].capitalised
            && self.has(last + 1, role::FEATURE_AFTER);
        if feature_after || self.cue_before(first, role::FEATURE_BEFORE) {
            return Err(Why::Feature);
        }
        // A Cyrillic name in an oblique case (`Дагестана`: none of its
        // places' names is so written) after a capitalised word is that
        // word's complement (`МВД Дагестана`, `Глава Дагестана`), not part
        // of a longer proper name as a nominative is (`Спутник Армения`,
        // `«Газпром Армения»`). A nominative that the stemmer cuts
        // (`Армения` to `армен`) is indexed under its unstemmed key too:
        // it is looked up there.
        let cyrillic = found.fold.chars().any(crate::normalize::is_cyrillic);
        let inflected = cyrillic && {
            let written = &self.folds.text()[found.start..found.end];
            crate::normalize::unstemmed_fold_and_key(written).is_some_and(|(unstemmed, key)| {
                let hash = fold_hash(&unstemmed);
                !found.names.iter().any(|n| n.fold_hash == hash)
                    && !gazetteer.lookup(&key).iter().any(|n| n.fold_hash == hash)
            })
        };
        if !self.title_case_line(first) {
            if first > 0 && !inflected {
                let previous = self.tokens[first - 1];
                // A quotation that the name ends (`«Газпром Армения»`,
                // `"Sputnik Armenia"`) is a proper name of several words,
                // though its first word opens the quotation as a sentence.
                let text = self.folds.text();
                let quoted = text[..previous.start].ends_with(OPENING_QUOTES)
                    && text[found.end..].starts_with(CLOSING_QUOTES);
                // A name opening its line is no part of a name that the
                // line before ends when that line is a headline in title
                // case (no stop ends it) or when the name is a dateline's,
                // which opens its line by its form (`... To Stay Home\n
                // BALKHASH, Kazakhstan (AP) —`).
                let new_line = text[previous.end..found.start].contains('\n')
                    && (found.dateline || self.title_case_line(first - 1));
                // Nor is a region's name that a region word follows, which
                // names the region, the capitalised word before it
                // qualifying it (`Russia's mostly Muslim Dagestan
                // republic`); a country's name so written is the end of a
                // region's (`the South Kazakhstan region`).
                let region_word_after = self
                    .lowercase_word_after(last)
                    .is_some_and(|j| self.has(j, role::REGION_WORD))
                    && found
                        .names
                        .iter()
                        .any(|n| gazetteer.place(n.place).kind == PlaceKind::Region);
                let glued = previous.joiner == Joiner::Space
                    && !new_line
                    && !region_word_after
                    && previous.capitalised
                    && (!previous.sentence_start || previous.all_caps || quoted)
                    && !self.has(first - 1, role::FUNCTION);
                if glued {
                    return Err(Why::InsideName);
                }
            }
            if last + 1 < self.tokens.len() {
                let next = self.tokens[last + 1];
                // A person's name after a place is no longer proper name
                // of the place in Russian, which puts a title's country
                // before the name (`Премьер-министр Армении Никол
                // Пашинян`); English does not, and a capitalised pair after
                // a country there is more likely the rest of a company's
                // name read as a person's (`Kazakhstan Temir Zholy`).
                // Nor is a Russian region's adjective with its kind of
                // subdivision, maybe after a lowercase adjective: it says
                // where the place is (`в Новомосковске Тульской области`, `в
                // Ишкашиме Горно-Бадахшанской автономной области`).
                // A hyphenated adjective is read by its last part
                // (`Кабардино-Балкарской`).
                let region_word = |j: usize| self.has(j, role::REGION);
                let mut adjective = last + 1;
                while self.tokens[adjective].joiner == Joiner::Hyphen
                    && adjective + 1 < self.tokens.len()
                {
                    adjective += 1;
                }
                let region_after = cyrillic
                    && self.russian_adjective(adjective)
                    && self.lowercase_word_after(adjective).is_some_and(|j| {
                        region_word(j)
                            || self.lowercase_adjective(j)
                                && self.lowercase_word_after(j).is_some_and(region_word)
                    });
                let glued = self.tokens[last].joiner == Joiner::Space
                    && next.capitalised
                    && !next.all_caps
                    && !next.sentence_start
                    && (!cyrillic || !self.in_person[last + 1])
                    && !self.plural_demonym(gazetteer, last + 1)
                    && !region_after
                    && self.capitalised_region_word_after(last).is_none()
                    && !self.has(last + 1, role::FUNCTION);
                if glued {
                    return Err(Why::InsideName);
                }
            }
        }
        if single && crate::dates::is_english_month(&found.fold) {
            return Err(Why::MonthName);
        }
        if self.tokens[first].sentence_start {
            // A very common word opening a sentence (`Le`, `Il`, `Selon`)
            // can only pass the common-word check of `check_evidence` as
            // a country, a region or a famous town: when no candidate is
            // one, reject it now, before collecting and scoring its many
            // candidates. (Same decision, made cheaply; such a name never
            // gives the article a country or an anchor either.)
            if let Some(zipf) = self
                .common_zipf(gazetteer, index)
                .filter(|&z| z >= WEIGHTS.very_common_zipf)
            {
                if !may_be_a_country_region_or_famous_town(gazetteer, found) {
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
        // A headline names a region as the body does: `Ukraine's Kursk
        // Gamble` over a story of `the Kursk region`; a bare name in the
        // body is the town.
        let region_cue = self.region_cue(index)
            || self.in_title[first] && self.region_in_body.contains(&found.key);
        // A region's name that only a region word makes the region's
        // (`Minsk` of `the Minsk region`) is no name of it elsewhere.
        let eligible = |n: &&NameRef| region_cue || !n.cue_only;
        // An alias pins a spelling to a town (`Djalal-Abad`, keyed like
        // `Jalal-Abad`); a region word still says the region of that name
        // (`the Jalal-Abad and Osh regions`).
        let pinned = pinned.filter(|&p| {
            !region_cue
                || gazetteer.place(p).kind == PlaceKind::Region
                || !found.names.iter().filter(eligible).any(|n| {
                    n.fold_hash == text_hash && gazetteer.place(n.place).kind == PlaceKind::Region
                })
        });
        let exact = found
            .names
            .iter()
            .filter(eligible)
            .any(|n| n.fold_hash == text_hash);
        if !found.names.iter().any(|n| eligible(&n)) {
            return Err(Why::NoCandidate);
        }
        // The names the text may be read as. Latin text meets a Cyrillic
        // name only as written, never through the stems and cases made for
        // Cyrillic text (`Kyrgyz` is keyed like the stem of `Киргизия`).
        let readable = |n: &&NameRef| {
            eligible(n)
                && (!found.french_ending || is_country_or_region(gazetteer.place(n.place)))
                && (cyrillic || n.latin)
        };
        let mut places: Vec<u32> = found
            .names
            .iter()
            .filter(readable)
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
        if region_cue {
            self.eponymous_regions(gazetteer, &mut places);
        }
        places.sort_unstable();
        places.dedup();
        if cyrillic && single && !region_cue && self.russian_adjective(first) {
            // `Курская АЭС`, `Каспийское море`: a place's adjective without a
            // kind of subdivision after it names something else.
            return Err(Why::Feature);
        }
        // Every place under the name's key, spelled so or as a variant.
        let keyed: Vec<u32> = {
            let mut keyed: Vec<u32> = found
                .names
                .iter()
                .filter(eligible)
                .filter(|n| cyrillic || n.latin)
                .map(|n| n.place)
                .collect();
            keyed.sort_unstable();
            keyed.dedup();
            keyed
        };
        if single && pinned.is_none() && self.shared_alternate_name(gazetteer, index, &keyed) {
            return Err(Why::SharedAlternateName);
        }
        let plural_after_article =
            first > 0 && self.has(first - 1, role::PLURAL_ARTICLE) && found.fold.ends_with('s');
        if plural_after_article
            && !places
                .iter()
                .any(|&p| is_country_or_region(gazetteer.place(p)))
        {
            return Err(Why::Demonym);
        }
        // When the text's exact spelling is only an alternate name (often a
        // foreign one: `Martouni`, French for Khojavend, Azerbaijan), the
        // places whose own name it is a close variant of (Martuni, Armenia,
        // keyed alike) stay as candidates, after the others: the resolver
        // keeps one only when the article's context supports it and none
        // of the exact ones (`close_variant_supported`).
        let exact_own = exact
            && found
                .names
                .iter()
                .filter(eligible)
                .any(|n| n.fold_hash == text_hash && n.main);
        let mut variants: Vec<u32> = Vec::new();
        if exact && !exact_own && pinned.is_none() && !places.is_empty() {
            variants = found
                .names
                .iter()
                .filter(readable)
                .filter(|n| n.main && n.fold_hash != text_hash)
                .map(|n| n.place)
                .filter(|p| !excluded_places.contains(p) && !places.contains(p))
                .collect();
            variants.sort_unstable();
            variants.dedup();
        }
        let score_of = |p: u32, own_name: bool| {
            let famous = gazetteer.place(p).population >= WEIGHTS.famous_town;
            intrinsic_score(gazetteer, p, &places, region_cue)
                + match (own_name, famous && !region_cue) {
                    (true, true) => WEIGHTS.famous_own_name,
                    (true, false) => WEIGHTS.own_name,
                    (false, _) => 0.0,
                }
        };
        let scored = places
            .iter()
            .map(|&p| {
                let own_name = found
                    .names
                    .iter()
                    .any(|n| n.place == p && n.main && (!exact || n.fold_hash == text_hash));
                Scored {
                    place: p,
                    score: score_of(p, own_name),
                    own_name,
                    variant: false,
                }
            })
            .chain(variants.iter().map(|&p| Scored {
                place: p,
                score: score_of(p, true),
                own_name: true,
                variant: true,
            }))
            .collect();
        Ok(scored)
    }

    /// Whether a one-word name without a locative cue before it is only an
    /// alternate name (or a variant of one) of towns in several countries
    /// (`places`: all the places under its key), the own name of none
    /// (`Stalin`, an old name of Donetsk, Varna and Kuçovë): such a name,
    /// commemorative or historic, is far more often the person or the thing
    /// it comes from than any of the towns. Not when one of the towns lies
    /// in a region the article names: `Rouchan ..., dans le Haut-Badakhchan`
    /// is the town of Rushan there, whatever a village of China is also called.
    fn shared_alternate_name(&self, gazetteer: &Gazetteer, index: usize, places: &[u32]) -> bool {
        let found = &self.matches[index];
        let first = found.tokens.start;
        if places.len() < 2 || !self.tokens[first].sentence_start && self.match_locative_cue(index)
        {
            return false;
        }
        let own = found
            .names
            .iter()
            .any(|n| n.main && places.contains(&n.place));
        let mut countries = places
            .iter()
            .map(|&p| gazetteer.place(p).country.as_deref());
        let first_country = countries.next().flatten();
        !own && places
            .iter()
            .all(|&p| !is_country_or_region(gazetteer.place(p)))
            && countries.any(|c| c != first_country)
            && !self.names_a_region_of(gazetteer, places)
    }

    /// With a region word, a town's name whose only candidates are towns
    /// means the region that a town among them gives its name to, the one
    /// it lies in (`la région de Samarcande`: the French name is the
    /// city's only, and the region's own names, `Samarqand`, key like the
    /// city's own name, `Samarkand`; `la région de Ferghana`, a spelling
    /// pinned to the city). Replaces `places` by those regions, if any.
    fn eponymous_regions(&self, gazetteer: &Gazetteer, places: &mut Vec<u32>) {
        if places.iter().any(|&p| {
            gazetteer.place(p).kind != PlaceKind::City
                && gazetteer.place(p).kind != PlaceKind::Village
        }) {
            return;
        }
        let mut regions: Vec<u32> = places
            .iter()
            .filter_map(|&p| {
                let town = gazetteer.place(p);
                if town.admin1.is_empty() {
                    return None;
                }
                gazetteer
                    .lookup(&crate::normalize::key(&town.name))
                    .iter()
                    .map(|n| n.place)
                    .find(|&r| {
                        let region = gazetteer.place(r);
                        region.kind == PlaceKind::Region
                            && region.id.eq_ignore_ascii_case(&town.admin1)
                    })
            })
            .collect();
        if !regions.is_empty() {
            regions.sort_unstable();
            regions.dedup();
            *places = regions;
        }
    }

    /// Whether token `i` is an English plural demonym, a country's name
    /// with the endings of its people (`Armenians`, `Azerbaijanis`,
    /// `Belarusians`, `Ukrainians`, `Tajiks` of Tajikistan): after a
    /// place's name it says who lives there (`Karabakh Armenians`), it does
    /// not continue a proper name.
    fn plural_demonym(&self, gazetteer: &Gazetteer, i: usize) -> bool {
        let word = self.fold(i);
        if word.len() < 4 || !word.ends_with('s') || word.contains(' ') {
            return false;
        }
        // (ending of the people, ending of the country in its place)
        const ENDINGS: &[(&str, &str)] = &[
            ("ns", ""),
            ("ians", ""),
            ("ians", "e"),
            ("is", ""),
            ("s", "istan"),
            ("s", "stan"),
        ];
        ENDINGS.iter().any(|&(people, country)| {
            word.strip_suffix(people).is_some_and(|stem| {
                stem.len() >= 3
                    && gazetteer
                        .lookup(&crate::normalize::key(&format!("{stem}{country}")))
                        .iter()
                        .any(|n| gazetteer.place(n.place).kind == PlaceKind::Country)
            })
        })
    }

    /// Whether the article spells exactly the name of a region that holds
    /// one of `places` (`le Haut-Badakhchan`, for Rushan). Asked only of a
    /// name about to be rejected, so it costs the articles nothing else.
    fn names_a_region_of(&self, gazetteer: &Gazetteer, places: &[u32]) -> bool {
        let mut regions = self.matches.iter().flat_map(|m| {
            let text_hash = fold_hash(&m.fold);
            m.names
                .iter()
                .filter(move |n| n.fold_hash == text_hash)
                .map(|n| gazetteer.place(n.place))
                .filter(|p| p.kind == PlaceKind::Region)
        });
        // Towns write their region's ISO 3166-2 code (`TJ-GB`) as admin1,
        // regions their id, the same code in lowercase (`tj-gb`).
        regions.any(|region| {
            places.iter().any(|&p| {
                let admin1 = &gazetteer.place(p).admin1;
                !admin1.is_empty() && admin1.eq_ignore_ascii_case(&region.id)
            })
        })
    }

    /// Whether token `i`, a Cyrillic word, is written as an adjective of a
    /// place (`Курской`, `Донецкая`: `text-words.tsv`'s adjective endings).
    fn russian_adjective(&self, i: usize) -> bool {
        let written = &self.folds.text()[self.tokens[i].start..self.tokens[i].end];
        let lower = written.to_lowercase();
        ADJECTIVE_ENDINGS
            .iter()
            .any(|e| lower.len() > e.len() && lower.ends_with(e))
    }

    /// Whether token `i`, a lowercase Cyrillic word, ends like a Russian
    /// adjective of the feminine, masculine or neuter singular
    /// (`автономной`, `автономного`, `text-words.tsv`'s adjective inflections):
    /// what may stand between a region's adjective and its kind of subdivision.
    fn lowercase_adjective(&self, i: usize) -> bool {
        let written = &self.folds.text()[self.tokens[i].start..self.tokens[i].end];
        written
            .chars()
            .all(|c| c.is_lowercase() && crate::normalize::is_cyrillic(c))
            && ADJECTIVE_INFLECTIONS
                .iter()
                .any(|e| written.len() > e.len() + 2 && written.ends_with(e))
    }

    /// Whether a lowercase region word follows the name ending at token
    /// `last`: `Belgorod region`, `Batken oblast`, or, after names joined by
    /// commas and a conjunction, a plural one that covers them all (`the
    /// Vitebsk and Mogilev regions`, `the Belgorod, Kursk, Voronezh and
    /// Lipetsk regions`, `над Белгородской, Курской и Воронежской областями`).
    fn region_cue_after(&self, last: usize) -> bool {
        if self
            .lowercase_word_after(last)
            .is_some_and(|j| self.has(j, role::REGION_WORD))
            || self.capitalised_region_word_after(last).is_some()
        {
            return true;
        }
        // A Russian plural folds to the stem of the singular (`областей`,
        // `области`: `област`), an English or French one ends in `s`.
        let plural_cue = |j: usize| {
            if self.fold(j).chars().any(crate::normalize::is_cyrillic) {
                self.has(j, role::REGION)
            } else {
                self.has(j, role::PLURAL_REGION)
            }
        };
        let mut end = last;
        for _ in 0..MAX_COORDINATED {
            let Some(next_end) = self.coordinated_name_after(end) else {
                return false;
            };
            end = next_end;
            if self.lowercase_word_after(end).is_some_and(plural_cue) {
                return true;
            }
        }
        false
    }

    /// The token after token `last`, when it is a capitalised kind of
    /// subdivision in Latin letters (`the Kursk Region`, `the Sakha
    /// Republic`, `Kostanay Oblast`): English news often capitalises it,
    /// and the name is then the region's official one, the word included.
    pub(super) fn capitalised_region_word_after(&self, last: usize) -> Option<usize> {
        let next = last + 1;
        (next < self.tokens.len()
            && self.tokens[last].joiner == Joiner::Space
            && self.tokens[next].capitalised
            && !self.tokens[next].all_caps
            && !self.fold(next).chars().any(crate::normalize::is_cyrillic)
            && self.has(next, role::CAPITALISED_REGION))
        .then_some(next)
    }

    /// The lowercase word right after token `i` (a space between them),
    /// if there is one: its token.
    fn lowercase_word_after(&self, i: usize) -> Option<usize> {
        (self.tokens[i].joiner == Joiner::Space
            && i + 1 < self.tokens.len()
            && !self.tokens[i + 1].capitalised)
            .then_some(i + 1)
    }

    /// Whether token `i` has one of `roles` ([`role`]).
    fn has(&self, i: usize, roles: u32) -> bool {
        *self.roles[i].get_or_init(|| roles_of(self.fold(i))) & roles != 0
    }

    /// Whether a comma, and nothing else but spaces, separates token `i`
    /// from the next.
    fn comma_after(&self, i: usize) -> bool {
        i + 1 < self.tokens.len()
            && self.folds.text()[self.tokens[i].end..self.tokens[i + 1].start].trim() == ","
    }

    /// The last token of the capitalised name coordinated with the name
    /// ending at token `end`: after a comma, a conjunction, or both (`X, Y`,
    /// `X and Y`, `X, and Y`), with its hyphenated parts (`Вайоц-Дзорской`)
    /// and its further capitalised words (`Aktobe and West Kazakhstan
    /// regions`), short of a capitalised region word (`Kursk and Belgorod
    /// Regions`).
    fn coordinated_name_after(&self, end: usize) -> Option<usize> {
        let mut i = end + 1;
        if self.comma_after(end) {
            if i < self.tokens.len()
                && self.tokens[i].joiner == Joiner::Space
                && self.has(i, role::CONJUNCTION)
            {
                i += 1;
            }
        } else if self.tokens[end].joiner == Joiner::Space
            && i < self.tokens.len()
            && self.tokens[i].joiner == Joiner::Space
            && self.has(i, role::CONJUNCTION)
        {
            i += 1;
        } else {
            return None;
        }
        if i >= self.tokens.len() || !self.tokens[i].capitalised {
            return None;
        }
        while i + 1 < self.tokens.len()
            && (self.tokens[i].joiner == Joiner::Hyphen
                || self.tokens[i].joiner == Joiner::Space
                    && self.tokens[i + 1].capitalised
                    && !self.has(i + 1, role::REGION_WORD))
        {
            i += 1;
        }
        Some(i)
    }

    /// The first token of the name found by the matcher that the name
    /// starting at token `first` is coordinated with, before it: `X, Y`,
    /// `X et Y`, `X, and Y`, with connectors before the later name (`des
    /// régions de Jambyl et de Turkestan`, `de Koursk, de Belgorod`).
    fn coordinated_name_before(&self, first: usize) -> Option<usize> {
        let mut j = first;
        let mut skipped = 0;
        while j > 0
            && skipped < 2
            && self.tokens[j - 1].joiner != Joiner::Break
            && !self.tokens[j - 1].capitalised
            && self.has(j - 1, role::CONNECTOR)
        {
            j -= 1;
            skipped += 1;
        }
        if j == 0 {
            return None;
        }
        let mut end = j - 1;
        if self.tokens[end].joiner == Joiner::Space && self.has(end, role::CONJUNCTION) {
            if end == 0
                || !(self.tokens[end - 1].joiner == Joiner::Space || self.comma_after(end - 1))
            {
                return None;
            }
            end -= 1;
        } else if !self.comma_after(end) {
            return None;
        }
        if !self.tokens[end].capitalised {
            return None;
        }
        let mut start = end;
        while start > 0 && self.tokens[start - 1].joiner == Joiner::Hyphen {
            start -= 1;
        }
        self.match_starts[start].then_some(start)
    }

    /// Whether a region word comes before match `index` or after it
    /// ([`Context::region_cue_before`], [`Context::region_cue_after`]).
    fn region_cue(&self, index: usize) -> bool {
        *self.memo[index].region_cue.get_or_init(|| {
            let found = &self.matches[index];
            self.region_cue_before(found.tokens.start)
                || self.region_cue_after(found.tokens.end - 1)
        })
    }

    /// [`Context::locative_cue_before`] the first token of match `index`.
    pub(super) fn match_locative_cue(&self, index: usize) -> bool {
        *self.memo[index]
            .locative_cue
            .get_or_init(|| self.locative_cue_before(self.matches[index].tokens.start))
    }

    /// Whether a region word introduces the name at token `first`, or a
    /// name it is coordinated with (`la région de Batken`, `des régions de
    /// Jambyl et de Turkestan`, `the regions of Kursk, Belgorod and Bryansk`).
    fn region_cue_before(&self, first: usize) -> bool {
        let mut i = first;
        for _ in 0..MAX_COORDINATED {
            if self.cue_before(i, role::REGION_WORD) {
                return true;
            }
            match self.coordinated_name_before(i) {
                Some(start) => i = start,
                None => return false,
            }
        }
        false
    }

    /// Whether a locative cue introduces the name at token `i`: one of the
    /// words before it (`à`, `near`, `в`), or before a one-word name it is
    /// coordinated with (`В Махачкале и Каспийске`, `à Goris et Kapan`).
    fn locative_cue_before(&self, i: usize) -> bool {
        if self.cue_before(i, role::LOCATIVE) {
            return true;
        }
        let coordinated = i >= 2
            && self.tokens[i - 1].joiner == Joiner::Space
            && self.tokens[i - 2].joiner == Joiner::Space
            && self.has(i - 1, role::CONJUNCTION)
            && self.match_starts[i - 2];
        coordinated && self.cue_before(i - 2, role::LOCATIVE)
    }

    /// Whether one of the words before token `i` has one of the roles
    /// `cues` ([`role`]), skipping connectors (`de`, `d'`, `of`) and,
    /// before a connector, an adjective of position (`la région voisine de
    /// Tioumen`).
    fn cue_before(&self, i: usize, cues: u32) -> bool {
        let mut j = i;
        let mut after_connector = false;
        for _ in 0..3 {
            if j == 0 || self.tokens[j - 1].joiner == Joiner::Break {
                return false;
            }
            j -= 1;
            if self.has(j, cues) {
                return true;
            }
            after_connector = if self.has(j, role::CONNECTOR) {
                true
            } else if after_connector && self.has(j, role::QUALIFIER) {
                false
            } else {
                return false;
            };
        }
        false
    }
}

/// Whether one of `found`'s candidates is a country, a region or a famous
/// town: the places a name may stand for beyond the place itself (a
/// government, a people), and the only ones a very common word may be.
fn may_be_a_country_region_or_famous_town(gazetteer: &Gazetteer, found: &NameMatch<'_>) -> bool {
    found.names.iter().any(|n| {
        let place = gazetteer.place(n.place);
        is_country_or_region(place) || place.population >= WEIGHTS.famous_town
    })
}

/// How many names one plural region word may cover, in a list before or
/// after it: a bound on the walk, well above what news coordinate.
const MAX_COORDINATED: usize = 8;

impl Context<'_> {
    /// Whether every word of `found` is capitalised and none is written in
    /// capitals only (a heading or a dateline in capitals says nothing of
    /// a proper name).
    pub(super) fn written_as_proper_name(&self, found: &NameMatch<'_>) -> bool {
        found
            .tokens
            .clone()
            .all(|i| self.tokens[i].capitalised && !self.tokens[i].all_caps)
    }

    /// Whether the words around `found` give it to a person: a person's
    /// title or a verb whose object is a person right before it (`Senator
    /// Lincoln`, `quoted Lincoln`), or a person's name coordinated with it
    /// (`Senator Smith and Lincoln`, `Lincoln and Senator Smith`).
    pub(super) fn person_context(&self, found: &NameMatch<'_>) -> bool {
        let (first, last) = (found.tokens.start, found.tokens.end - 1);
        let spaced = |i: usize| self.tokens[i].joiner == Joiner::Space;
        let title = |i: usize| self.has(i, role::PERSON_TITLE);
        // A person's name ends at token `j`: marked so, or after a title.
        let person_ends_at = |j: usize| {
            self.tokens[j].capitalised
                && (self.in_person[j] || j > 0 && spaced(j - 1) && title(j - 1))
        };
        // A person's name starts at token `k`: a title before a
        // capitalised word, or a name marked so.
        let person_starts_at = |k: usize| {
            self.in_person[k]
                || title(k)
                    && spaced(k)
                    && k + 1 < self.tokens.len()
                    && self.tokens[k + 1].capitalised
        };
        if first > 0 && spaced(first - 1) {
            let previous = first - 1;
            if title(previous)
                || !self.tokens[previous].capitalised && self.has(previous, role::PERSON_VERB)
            {
                return true;
            }
        }
        let conjunction = |i: usize| spaced(i) && self.has(i, role::CONJUNCTION);
        let n = self.tokens.len();
        let before = first >= 1 && self.comma_after(first - 1) && person_ends_at(first - 1)
            || first >= 2
                && conjunction(first - 1)
                && spaced(first - 2)
                && person_ends_at(first - 2);
        let after = last + 1 < n && self.comma_after(last) && person_starts_at(last + 1)
            || last + 2 < n && spaced(last) && conjunction(last + 1) && person_starts_at(last + 2);
        before || after
    }

    /// The Zipf frequency of a name that is a common word; for a name of
    /// several words, when every word is common and the name is not
    /// written as a proper name (`Les habitants` at a sentence start).
    pub(super) fn common_zipf(&self, gazetteer: &Gazetteer, index: usize) -> Option<f32> {
        *self.memo[index]
            .zipf
            .get_or_init(|| self.compute_common_zipf(gazetteer, &self.matches[index]))
    }

    fn compute_common_zipf(&self, gazetteer: &Gazetteer, found: &NameMatch<'_>) -> Option<f32> {
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

/// For each token, whether its line holds the article's title: the line is
/// the title, or ends with it after a header key (`Title: ...`). Linear in
/// the number of tokens.
fn title_lines(text: &str, title: &str, tokens: &[Token]) -> Vec<bool> {
    let title = title.trim();
    let mut flags = vec![false; tokens.len()];
    if title.is_empty() {
        return flags;
    }
    let mut line_start = 0;
    let mut next_token = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let content = line.trim();
        let holds_title = content == title
            || content
                .strip_suffix(title)
                .is_some_and(|key| key.trim_end().ends_with(':'));
        while next_token < tokens.len() && tokens[next_token].start < line_end {
            flags[next_token] = holds_title;
            next_token += 1;
        }
        line_start = line_end;
    }
    flags
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

fn looks_like_surname(fold: &str) -> bool {
    fold.len() >= 5 && SURNAME_ENDINGS.iter().any(|e| fold.ends_with(e))
}
