//! Strings of the zones and of the search box, per language (kept apart
//! from the main [`super::Strings`] so that each feature's strings sit
//! together; a language missing here is a compile error, as there).

use crate::permalink::Lang;

/// The strings of the zones and of the search box in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneStrings {
    /// The role description of a zone (`aria-roledescription`).
    pub zone: &'static str,
    /// "1 article" and "{} articles".
    pub articles: [&'static str; 2],
    /// How the zones were made, said in the zone dialog.
    pub method: &'static str,
    /// After a date inferred from the text.
    pub inferred: &'static str,
    /// Before the places of the zone an article names.
    pub names: &'static str,
    /// The search box's accessible name.
    pub search_label: &'static str,
    /// The search box's placeholder.
    pub search_placeholder: &'static str,
    /// While the search keys are fetched.
    pub search_loading: &'static str,
    /// When nothing matches.
    pub no_match: &'static str,
    /// What each option is: place, zone, article.
    pub kinds: [&'static str; 3],
}

const EN: ZoneStrings = ZoneStrings {
    zone: "zone",
    articles: ["1 article", "{} articles"],
    method: "A zone groups places that the same articles name and that lie less than 60 km apart.",
    inferred: "inferred",
    names: "Names:",
    search_label: "Search places, zones and articles",
    search_placeholder: "Search…",
    search_loading: "Loading the search…",
    no_match: "No match",
    kinds: ["place", "zone", "article"],
};

const FR: ZoneStrings = ZoneStrings {
    zone: "zone",
    articles: ["1 article", "{} articles"],
    method:
        "Une zone réunit des lieux que les mêmes articles nomment et distants de moins de 60 km.",
    inferred: "déduite",
    names: "Nomme :",
    search_label: "Chercher un lieu, une zone, un article",
    search_placeholder: "Chercher…",
    search_loading: "Chargement de la recherche…",
    no_match: "Aucun résultat",
    kinds: ["lieu", "zone", "article"],
};

impl ZoneStrings {
    /// "3 articles".
    pub fn article_count(&self, count: usize) -> String {
        self.articles[usize::from(count != 1)].replace("{}", &count.to_string())
    }
}

impl Lang {
    /// The zone and search strings of this language.
    pub fn zone_strings(self) -> &'static ZoneStrings {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(Lang::En.zone_strings().article_count(1), "1 article");
        assert_eq!(Lang::Fr.zone_strings().article_count(3), "3 articles");
    }
}
