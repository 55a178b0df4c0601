//! Finding names: hash lookups of 1–4-token windows, leftmost-longest.
//!
//! A window may start only at a capitalised token (`Asie centrale` yes,
//! `centrale` no), never inside a hyphenated compound, never in a masked
//! range (URLs, header keys), and its tokens must be joined by spaces or
//! hyphens. At each start the longest window whose key is a known name wins
//! (`Saint-Pétersbourg` over `Saint`), and the search goes on after it.
//! A name ends inside a compound only where the compound is no name but is
//! made on one (see [`CompoundEnd`]): before an ordinary lowercase word
//! (`Moscow-led`, `Baku-based`: English's adjectives of a place), and
//! between two countries or towns (`the Armenia-Azerbaijan border`, `the
//! Yerevan-Ijevan highway`), whose second starts a window of its own.
//! A token in capitals (`OTSC`) only matches a name written in capitals,
//! unless its whole line is in capitals (a shouted headline).

use std::ops::Range;

use model::PlaceKind;

use crate::gazetteer::{Gazetteer, NameRef, MAX_NAME_TOKENS};
use crate::normalize::{push_key_word, TokenFolds};
use crate::text_words::GENERIC_AFTER_NAME;
use crate::tokenize::{Joiner, Token};

/// A piece of text that is a known name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMatch<'g> {
    /// Token indices covered.
    pub tokens: Range<usize>,
    /// Byte range in the text.
    pub start: usize,
    /// Byte offset just past the match.
    pub end: usize,
    /// The fold of the matched text.
    pub fold: String,
    /// The key it was found under.
    pub key: String,
    /// The names stored under that key.
    pub names: &'g [NameRef],
    /// Found only through a French ending: the text's last word ends in
    /// `-ie` where the name ends in `-ia`, `-i` or `-a` (`Adjarie` for
    /// Adjara, `Djavakhétie` for Javakheti, `Ossétie` for Ossetia): the
    /// form French gives names of countries and regions, which the
    /// resolver keeps to those.
    pub french_ending: bool,
    /// Written in capitals as a dateline's place (`GENEVA (Reuters) -`):
    /// the place the dispatch was filed in.
    pub dateline: bool,
}

/// Finds every name of the gazetteer in `text`, leftmost-longest.
///
/// `folds` holds the text's tokens (from [`crate::tokenize::tokenize`])
/// and their folds, which the resolver reads too; `masked` are sorted
/// byte ranges never searched.
///
/// Cost: each token that can belong to a window is folded (once per
/// article, see [`TokenFolds`]) and keyed once (into reused buffers, see
/// [`WindowKeys`]); a window's key is then a slice of those buffers,
/// looked up without building a string, and a window widens only while
/// the gazetteer says a longer name starts with its words. Strings are
/// allocated only for the names found.
pub fn find_names<'g>(
    gazetteer: &'g Gazetteer,
    folds: &TokenFolds<'_>,
    masked: &[Range<usize>],
) -> Vec<NameMatch<'g>> {
    let (text, tokens) = (folds.text(), folds.tokens());
    let mut matches = Vec::new();
    let mut mask = masked.iter().peekable();
    let mut keys = WindowKeys::default();
    // The last line checked for capitals, as (start, end, uppercase): a
    // huge one-line text must not be rescanned for each token.
    let mut uppercase_line: Option<(usize, usize, bool)> = None;
    // The token after the hyphen of a pair of countries or towns just
    // matched (`Armenia-Azerbaijan`, `Yerevan-Ijevan`): a window may start
    // there.
    let mut second_of_pair = None;
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        let inside_compound =
            i > 0 && tokens[i - 1].joiner == Joiner::Hyphen && second_of_pair != Some(i);
        if !token.capitalised || inside_compound {
            i += 1;
            continue;
        }
        while mask.peek().is_some_and(|r| r.end <= token.start) {
            mask.next();
        }
        let is_masked = |t: &Token| {
            let next = masked.partition_point(|r| r.end <= t.start);
            masked.get(next).is_some_and(|r| r.start < t.end)
        };
        if mask.peek().is_some_and(|r| r.start < token.end) {
            i += 1;
            continue;
        }
        // The longest run of joined tokens from here, up to the limit.
        let mut n = 1;
        while n < MAX_NAME_TOKENS
            && i + n < tokens.len()
            && matches!(tokens[i + n - 1].joiner, Joiner::Space | Joiner::Hyphen)
            && !is_masked(&tokens[i + n])
        {
            n += 1;
        }
        // Asked once per window in capitals, and kept with its match.
        let dateline = |len: usize| token.all_caps && is_dateline(text, tokens, i, i + len);
        let mut found = None;
        for len in 1..=n {
            keys.extend_to(folds, i, i + len);
            let Some(entry) = gazetteer.entry(keys.key(i, i + len)) else {
                // No name starts with these words: none with more either.
                break;
            };
            let end = if acceptable_end(tokens, i, len, &keys) {
                Some(CompoundEnd::Whole)
            } else {
                compound_end(gazetteer, folds, i + len - 1, &entry.names)
            };
            if let Some(end) = end {
                if !entry.names.is_empty() {
                    let dateline = dateline(len);
                    let capitals_only = token.all_caps && !dateline && {
                        let cached = uppercase_line
                            .filter(|&(start, end, _)| start <= token.start && token.start < end);
                        let (start, end, uppercase) =
                            cached.unwrap_or_else(|| line_is_uppercase(text, token.start));
                        uppercase_line = Some((start, end, uppercase));
                        !uppercase
                    };
                    if !capitals_only || entry.names.iter().any(|n| n.acronym) {
                        found = Some((len, entry.names.as_slice(), dateline, end));
                    }
                } else if len > 1
                    && end == CompoundEnd::Whole
                    && gazetteer.exclusion(keys.fold(i, i + len)).is_some()
                {
                    // An excluded multi-word name (`Turkestan oriental`)
                    // shadows the names inside it; resolve rejects it.
                    found = Some((len, entry.names.as_slice(), dateline(len), end));
                }
            }
            if !entry.continues {
                break;
            }
        }
        let mut french_ending = false;
        if found.is_none() {
            found = french_ending_match(gazetteer, tokens, i, n, &mut keys, folds)
                .map(|(len, names)| (len, names, dateline(len), CompoundEnd::Whole));
            french_ending = found.is_some();
        }
        match found {
            Some((len, names, dateline, end)) => {
                if end == CompoundEnd::BeforePlace {
                    second_of_pair = Some(i + len);
                }
                matches.push(NameMatch {
                    tokens: i..i + len,
                    start: token.start,
                    end: tokens[i + len - 1].end,
                    fold: keys.fold(i, i + len).to_owned(),
                    key: keys.key(i, i + len).to_owned(),
                    names,
                    french_ending,
                    dateline,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    matches
}

/// The longest window of at most `n` tokens from `i` whose key ends in
/// `ie` and is a name's key once that ending is `ia`, `i` or `a`, with the
/// names under it. Tried only where no name starts (rare), so the few keys
/// it builds cost nothing on the common path.
fn french_ending_match<'g>(
    gazetteer: &'g Gazetteer,
    tokens: &[Token],
    i: usize,
    n: usize,
    keys: &mut WindowKeys,
    folds: &TokenFolds<'_>,
) -> Option<(usize, &'g [NameRef])> {
    // Most capitalised words are no name: look at the letters first, fold
    // and key nothing more unless a word of the window ends in `ie`.
    let text = folds.text().as_bytes();
    let ends_in_ie = |t: &Token| {
        let word = &text[t.start..t.end];
        word.len() >= 2 && word[word.len() - 2..].eq_ignore_ascii_case(b"ie")
    };
    if !tokens[i..i + n].iter().any(ends_in_ie) {
        return None;
    }
    keys.extend_to(folds, i, i + n);
    (1..=n).rev().find_map(|len| {
        let stem = keys.key(i, i + len).strip_suffix("ie")?;
        if stem.len() < 3 || !acceptable_end(tokens, i, len, keys) {
            return None;
        }
        ["ia", "i", "a"].iter().find_map(|ending| {
            let names = gazetteer.lookup(&format!("{stem}{ending}"));
            (!names.is_empty()).then_some((len, names))
        })
    })
}

/// Where a window that is a name ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CompoundEnd {
    /// Not inside a compound word.
    Whole,
    /// Before the hyphen of an ordinary lowercase word: English makes an
    /// adjective of a place so (`Moscow-led`, `a Baku-based agency`,
    /// `Kyiv-made drones`), and the place is named.
    BeforeWord,
    /// Before the hyphen of another country or town (`the
    /// Armenia-Azerbaijan border`, `the Russia-Ukraine war`, `the
    /// Yerevan-Ijevan highway`, `the Moscow-Minsk train`): two places, as
    /// with a dash.
    BeforePlace,
}

/// Whether a name whose last token, `last`, is joined by a hyphen to the
/// next one may end there all the same, and how (see [`CompoundEnd`]).
///
/// The word after the hyphen must be an ordinary one, so that a compound
/// that is a name of its own the gazetteer lacks (`Kara-suu`) never
/// becomes its first part: a frequent word (`based`, `led`, `made`,
/// `born`), or one ending like an English past participle (`brokered`,
/// too rare to be listed). Written in Latin letters: Russian's lowercase
/// compounds are names (`Москва-река`, the river), and it says `московский`
/// for `Moscow-based`. And it must end the compound: in `Rostov-on-Don`,
/// `Châlons-en-Champagne`, the word is a name's connector. Other compounds
/// are names of their own or words made on one (`Saint-Pétersbourg`,
/// `anti-Russie`, `Saint-Pétersbourgeois`), never ended inside.
fn compound_end(
    gazetteer: &Gazetteer,
    folds: &TokenFolds<'_>,
    last: usize,
    names: &[NameRef],
) -> Option<CompoundEnd> {
    let tokens = folds.tokens();
    let next = last + 1;
    if tokens[last].joiner != Joiner::Hyphen
        || !tokens[last].capitalised
        || next >= tokens.len()
        || names.is_empty()
    {
        return None;
    }
    if !tokens[next].capitalised {
        let word = folds.fold(next);
        let ordinary = tokens[next].joiner != Joiner::Hyphen
            && word.bytes().all(|b| b.is_ascii_lowercase())
            && (gazetteer.common_word_zipf(word).is_some()
                || word.len() > 4 && word.ends_with("ed"));
        return ordinary.then_some(CompoundEnd::BeforeWord);
    }
    // Both words must name a country or a town (a capital, or 10,000
    // people and more): a pair of villages' names is more likely one
    // village's compound name that the gazetteer lacks (`Kok-Tash`).
    let is_country_or_town = |names: &[NameRef]| {
        names.iter().any(|n| {
            matches!(
                gazetteer.place(n.place).kind,
                PlaceKind::Country | PlaceKind::City
            )
        })
    };
    let mut key = String::new();
    push_key_word(folds.fold(next), &mut key);
    (is_country_or_town(names) && is_country_or_town(gazetteer.lookup(&key)))
        .then_some(CompoundEnd::BeforePlace)
}

/// Whether a window of `len` tokens from `i` may end where it does: not
/// inside a compound word, not on a lowercase generic word.
fn acceptable_end(tokens: &[Token], i: usize, len: usize, keys: &WindowKeys) -> bool {
    let last = tokens[i + len - 1];
    if last.joiner == Joiner::Hyphen && i + len < tokens.len() {
        // The window would end inside a compound word.
        return false;
    }
    // `Badakhshan province`: the lowercase generic word is not part of the
    // name, even if the gazetteer lists it so.
    !(len > 1 && !last.capitalised && GENERIC_AFTER_NAME.contains(keys.fold(i + len - 1, i + len)))
}

/// The folds and keys of a run of consecutive tokens, each computed once
/// and stored one after the other with single spaces, so that the fold or
/// key of any window inside the run is a slice: no allocation per window.
#[derive(Debug, Default)]
struct WindowKeys {
    /// First token of the run.
    first: usize,
    /// Folds of the run's tokens, space-separated.
    folds: String,
    /// Keys of the run's tokens, space-separated.
    keys: String,
    /// Per token of the run: (fold start, fold end, key start, key end).
    spans: Vec<(u32, u32, u32, u32)>,
}

impl WindowKeys {
    /// Makes tokens `start..end` part of the run: the run restarts at
    /// `start` unless it already covers it.
    fn extend_to(&mut self, folds: &TokenFolds<'_>, start: usize, end: usize) {
        if start < self.first || start >= self.first + self.spans.len() {
            self.first = start;
            self.folds.clear();
            self.keys.clear();
            self.spans.clear();
        }
        while self.first + self.spans.len() < end {
            let token = self.first + self.spans.len();
            if !self.spans.is_empty() {
                self.folds.push(' ');
                self.keys.push(' ');
            }
            let fold_start = self.folds.len();
            self.folds.push_str(folds.fold(token));
            let key_start = self.keys.len();
            push_key_word(&self.folds[fold_start..], &mut self.keys);
            self.spans.push((
                fold_start as u32,
                self.folds.len() as u32,
                key_start as u32,
                self.keys.len() as u32,
            ));
        }
    }

    /// The fold of tokens `start..end` (inside the run).
    fn fold(&self, start: usize, end: usize) -> &str {
        let (from, to) = (
            self.spans[start - self.first].0,
            self.spans[end - 1 - self.first].1,
        );
        &self.folds[from as usize..to as usize]
    }

    /// The key of tokens `start..end` (inside the run).
    fn key(&self, start: usize, end: usize) -> &str {
        let (from, to) = (
            self.spans[start - self.first].2,
            self.spans[end - 1 - self.first].3,
        );
        &self.keys[from as usize..to as usize]
    }
}

/// Whether tokens `i..end` are a dateline's place in capitals: the name
/// opens its line, or follows other capitalised places joined by slashes
/// (`BISHKEK/DUSHANBE, June 6 (Reuters) -`), and a comma, a dash, or the
/// wire agency in brackets and then one of those follows it (`KHOROG,
/// Tajikistan —`, `YEREVAN — Armenia and...`, `GORI (AP) —`,
/// `ROSTOV-ON-DON — Yevgeny...`).
fn is_dateline(text: &str, tokens: &[Token], i: usize, end: usize) -> bool {
    let line_start =
        memchr::memrchr(b'\n', &text.as_bytes()[..tokens[i].start]).map_or(0, |n| n + 1);
    let before = text[line_start..tokens[i].start].trim();
    let opens_line = before.is_empty()
        || before.ends_with('/') && !before.contains(|c: char| c.is_lowercase() || c == ' ');
    let mut after = &text[tokens[end - 1].end..];
    // Other places of the dateline, joined by slashes.
    while let Some(rest) = after.strip_prefix('/') {
        after = rest.trim_start_matches(|c: char| c.is_uppercase() || c == '-');
    }
    // The agency in brackets (`(Reuters)`, `(AP)`), after the country in
    // brackets too in French wires (`TERMEZ (Ouzbékistan) (AFP) -`), then
    // the dateline's end.
    for _ in 0..2 {
        let Some(rest) = after.strip_prefix(" (") else {
            break;
        };
        match rest.split_once(')') {
            Some((agency, rest)) if agency.len() <= 40 && !agency.contains('\n') => after = rest,
            _ => return false,
        }
    }
    let dash = after.trim_start_matches(' ').starts_with(['—', '–']) || after.starts_with(" - ");
    opens_line && (after.starts_with(',') || dash)
}

/// The line holding `offset` (start, end) and whether it has no lowercase
/// letter.
fn line_is_uppercase(text: &str, offset: usize) -> (usize, usize, bool) {
    let start = memchr::memrchr(b'\n', &text.as_bytes()[..offset]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &text.as_bytes()[offset..]).map_or(text.len(), |i| offset + i);
    (
        start,
        end,
        !text[start..end].chars().any(char::is_lowercase),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    const MAIN: &str = "\
ru\tcountry\tRU\t\t60\t90\t0\t\tRussia|Russie
spb-498817\tcity\tRU\t498817\t59.9\t30.3\t5000000\tRU-SPE\tSaint Petersburg|Saint-Pétersbourg
saint-1\tvillage\tFR\t1\t45\t1\t100\t\tSaint
pet-2\tvillage\tFR\t2\t45\t1\t100\t\tPétersbourg
ac-3\tvillage\tAF\t3\t34\t69\t100\t\tAsie centrale
otsc-4\tvillage\tAF\t4\t34\t69\t100\t\tOtsc
usa-5\tvillage\tUS\t5\t34\t69\t100\t\tUSA
";

    fn found(text: &str) -> Vec<&str> {
        let gazetteer = Gazetteer::from_strs(MAIN, "", "").unwrap();
        let tokens = tokenize(text);
        find_names(&gazetteer, &TokenFolds::new(text, &tokens), &[])
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect()
    }

    #[test]
    fn leftmost_longest_whole_compounds_only() {
        let cases: &[(&str, &[&str])] = &[
            (
                "à Saint-Pétersbourg et en Russie",
                &["Saint-Pétersbourg", "Russie"],
            ),
            ("à Saint-Pétersbourgeois", &[]),
            ("l’Asie centrale", &["Asie centrale"]),
            ("l’asie centrale", &[]),
            ("de la Russie.", &["Russie"]),
            ("anti-Russie", &[]),
            ("Russies", &[]),
            ("Saint Petersburg", &["Saint Petersburg"]),
            ("Saint, Pétersbourg", &["Saint", "Pétersbourg"]),
            ("Asie centrale province", &["Asie centrale"]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), *expected, "{text}");
        }
    }

    #[test]
    fn a_name_ends_inside_a_compound_made_on_it() {
        let main = format!(
            "{MAIN}ua\tcountry\tUA\t\t49\t32\t0\t\tUkraine|Україна\n             kara-7\tvillage\tKG\t7\t40\t72\t100\t\tKara\n\
             suu-8\tvillage\tKG\t8\t40\t72\t100\t\tSuu\n\
             kant-9\tcity\tKG\t9\t42.9\t74.8\t22000\t\tKant\n\
             osh-10\tcity\tKG\t10\t40.5\t72.8\t320000\t\tOsh\n"
        );
        let common = "led\t3.79\t5.11\t0.00\nbased\t3.03\t5.51\t0.00\nрека\t0\t0\t4.5\n";
        let gazetteer = Gazetteer::from_strs(&main, "", common).unwrap();
        let found = |text: &str| -> Vec<String> {
            let tokens = tokenize(text);
            find_names(&gazetteer, &TokenFolds::new(text, &tokens), &[])
                .iter()
                .map(|m| text[m.start..m.end].to_owned())
                .collect()
        };
        let cases: &[(&str, &[&str])] = &[
            // An ordinary word after the hyphen: frequent, or a participle.
            ("the Russia-led bloc", &["Russia"]),
            ("a Saint Petersburg-based agency", &["Saint Petersburg"]),
            ("the Ukraine-brokered truce", &["Ukraine"]),
            // Two countries.
            ("the Russia-Ukraine war", &["Russia", "Ukraine"]),
            ("the Ukraine-Russia-led talks", &["Ukraine", "Russia"]),
            // Two towns, or a town and a country.
            ("the Kant-Osh road", &["Kant", "Osh"]),
            (
                "the Saint Petersburg-Osh flight",
                &["Saint Petersburg", "Osh"],
            ),
            ("the Osh-Russia route", &["Osh", "Russia"]),
            // Two villages: more likely one village's own compound name.
            ("in Kara-Suu", &[]),
            // Not a word: a name's own part, lowercase; a connector; a
            // town after a country; Cyrillic.
            ("in Kara-suu", &[]),
            ("in Kara-led", &["Kara"]),
            ("in Russia-on-Don", &[]),
            ("in Russia-Saint", &[]),
            ("Україна-река", &[]),
            // The whole compound, when it is a name, wins.
            ("Saint-Pétersbourg-based", &["Saint-Pétersbourg"]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), *expected, "{text}");
        }
    }

    #[test]
    fn capitals_match_only_acronyms_unless_the_line_shouts() {
        assert_eq!(found("membres de l'OTSC et des USA"), ["USA"]);
        assert_eq!(found("l'Otsc"), ["Otsc"]);
        assert_eq!(found("LA RUSSIE ET L'OTSC\nTexte"), ["RUSSIE", "OTSC"]);
        assert_eq!(found("Texte\nOTSC, Russie — texte"), ["OTSC", "Russie"]);
        // A dateline, ended by a comma or a dash, whatever its length.
        assert_eq!(found("Titre\nRUSSIA — Texte"), ["RUSSIA"]);
        assert_eq!(
            found("Titre\nSAINT-PETERSBURG – Texte"),
            ["SAINT-PETERSBURG"]
        );
        assert_eq!(found("Titre\nRUSSIA - Texte"), ["RUSSIA"]);
        assert_eq!(found("Titre\nRUSSIA says so"), Vec::<&str>::new());
        // Wire copy: the agency in brackets, places joined by slashes.
        assert_eq!(found("Titre\nRUSSIA (AP) — Texte"), ["RUSSIA"]);
        assert_eq!(found("Titre\nRUSSIA (Reuters) - Texte"), ["RUSSIA"]);
        assert_eq!(
            found("Titre\nUSA/RUSSIA, June 6 (Reuters) - Texte"),
            ["USA", "RUSSIA"]
        );
        // The country in brackets before the agency (French wires).
        assert_eq!(
            found("Titre\nRUSSIA (Russie) (AFP) - Texte"),
            ["RUSSIA", "Russie"]
        );
        assert_eq!(found("Titre\nRUSSIA (Russie) (AFP) says so"), ["Russie"]);
        assert_eq!(found("Titre\nRUSSIA (says) so"), Vec::<&str>::new());
        assert_eq!(found("Titre\nthe/RUSSIA, texte"), Vec::<&str>::new());
    }

    #[test]
    fn multi_word_exclusions_shadow_the_names_inside() {
        let main =
            format!("{MAIN}turkistan-6\tcity\tKZ\t6\t43.3\t68.2\t165000\t\tTurkistan|Turkestan\n");
        let gazetteer = Gazetteer::from_strs(&main, "exclude\tTurkestan oriental\n", "").unwrap();
        let text = "le mouvement du Turkestan oriental, puis Turkestan et Turkestan occidental";
        let tokens = tokenize(text);
        let found: Vec<&str> = find_names(&gazetteer, &TokenFolds::new(text, &tokens), &[])
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(found, ["Turkestan oriental", "Turkestan", "Turkestan"]);
        assert!(gazetteer.entry("turkestan").is_some_and(|e| e.continues));
        assert!(gazetteer
            .entry("saint")
            .is_some_and(|e| e.continues && !e.names.is_empty()));
        assert!(gazetteer
            .entry(&crate::normalize::key("Russia"))
            .is_some_and(|e| !e.continues));
    }

    #[test]
    fn masked_ranges_are_skipped() {
        let gazetteer = Gazetteer::from_strs(MAIN, "", "").unwrap();
        let text = "Russie https://x.org/Russie Russie";
        let tokens = tokenize(text);
        let masked = vec![7..27, 40..40];
        let starts: Vec<usize> = find_names(&gazetteer, &TokenFolds::new(text, &tokens), &masked)
            .iter()
            .map(|m| m.start)
            .collect();
        assert_eq!(starts, [0, 28]);
    }
}
