//! Interface strings in English and French (`lang=en|fr`).
//!
//! One struct of `&'static str` per language, so a missing translation is
//! a compile error, not a blank button. Place names stay as the geocoder
//! wrote them; country labels come from the basemap (`name_en`/`name_fr`).

use model::PlaceKind;

use crate::permalink::Lang;

pub mod zones;

/// Every string of the interface in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Strings {
    /// The title card.
    pub title: &'static str,
    /// The map's accessible name.
    pub map_label: &'static str,
    /// Group label of the controls.
    pub controls: &'static str,
    /// Tooltip of "Zoom in" (its accessible name stays "Zoom in": the DOM contract).
    pub zoom_in_tip: &'static str,
    /// Tooltip of "Zoom out".
    pub zoom_out_tip: &'static str,
    /// Tooltip of the reset button.
    pub reset_tip: &'static str,
    /// Tooltip of the embed button.
    pub embed_tip: &'static str,
    /// Title of the embed dialog.
    pub embed_title: &'static str,
    /// What to do with the snippet.
    pub embed_help: &'static str,
    /// The copy button.
    pub copy: &'static str,
    /// Feedback after copying.
    pub copied: &'static str,
    /// Feedback when the clipboard is refused.
    pub copy_failed: &'static str,
    /// The link from an embedded map to the full map.
    pub open_full_map: &'static str,
    /// Before the article titles of the filter chip.
    pub filter_prefix: &'static str,
    /// The button clearing the filter.
    pub clear_filter: &'static str,
    /// The legend's summary.
    pub legend: &'static str,
    /// Legend lines, in order.
    pub legend_items: [&'static str; 6],
    /// Close buttons' accessible name (the popup's stays "Close": the DOM contract).
    pub close: &'static str,
    /// Kinds of place: country, region, town, village, other place.
    pub kinds: [&'static str; 5],
    /// "mention" and "mentions".
    pub mention: [&'static str; 2],
    /// "article" and "articles", after "in".
    pub in_articles: [&'static str; 2],
    /// Before the host of a source link.
    pub source: &'static str,
    /// The button opening an article in the reader.
    pub read_article: &'static str,
    /// The reader's close button.
    pub close_article: &'static str,
    /// While a popup's excerpts or an article's text are fetched.
    pub loading: &'static str,
    /// Before the reason a file could not be fetched.
    pub load_failed: &'static str,
    /// The button fetching the next page of a popup's excerpts.
    pub more_excerpts: &'static str,
    /// Before the download links.
    pub download_data: &'static str,
    /// Accessible names of the two download links: GeoJSON, CSV.
    pub downloads: [&'static str; 2],
    /// Start of a cluster's accessible name, `{}` the count of its places.
    pub cluster_places: &'static str,
    /// The article list's landmark name and heading, and its toggle.
    pub articles: &'static str,
    /// The timeline's accessible name.
    pub timeline: &'static str,
    /// The timeline's first thumb.
    pub from: &'static str,
    /// The timeline's second thumb.
    pub to: &'static str,
    /// The button playing the months in order, and the one pausing it.
    pub play: [&'static str; 2],
    /// The button showing every date again, and the range's text without one.
    pub all_dates: &'static str,
    /// "article" and "articles", after a count.
    pub article_word: [&'static str; 2],
    /// "place" and "places", after a count.
    pub place_word: [&'static str; 2],
    /// Before the counts of what the map shows.
    pub shown_prefix: &'static str,
    /// After a date inferred from the article's text.
    pub inferred: &'static str,
    /// In place of the date of an undated article.
    pub undated: &'static str,
    /// The button listing more articles, `{}` how many.
    pub show_more: &'static str,
    /// Above the list narrowed to a place, `{}` its name.
    pub naming: &'static str,
    /// The button widening the list to every article again.
    pub all_articles: &'static str,
    /// Tooltip of an article's title button in the list.
    pub only_its_places: &'static str,
    /// The places an article names, before their buttons.
    pub places_named: &'static str,
    /// When no article is dated (the timeline has no month).
    pub no_dates: &'static str,
}

const EN: Strings = Strings {
    title: "CSTO conflict zones in the news",
    map_label: "Map of the places named in the articles. Arrow keys pan, plus and minus zoom.",
    controls: "Map controls",
    zoom_in_tip: "Zoom in (+)",
    zoom_out_tip: "Zoom out (−)",
    reset_tip: "Back to the first view",
    embed_tip: "Embed this map in another page",
    embed_title: "Embed this map",
    embed_help: "Paste this code into your page; the map opens in its current state.",
    copy: "Copy",
    copied: "Copied to the clipboard",
    copy_failed: "Copy refused: select the code and press Ctrl+C",
    open_full_map: "Open the full map",
    filter_prefix: "Only places named in",
    clear_filter: "Show every place",
    legend: "Legend",
    legend_items: [
        "CSTO member state",
        "CSTO member named in the articles",
        "Other country named in the articles",
        "Country not named",
        "Town, village or region named: the larger the dot, the more mentions",
        "Country named (same sizes): click any marker for its excerpts",
    ],
    close: "Close",
    kinds: ["Country", "Region", "Town", "Village", "Place"],
    mention: ["mention", "mentions"],
    in_articles: ["in 1 article", "in {} articles"],
    source: "Source: ",
    read_article: "Read the article",
    close_article: "Close article",
    loading: "Loading…",
    load_failed: "Could not be loaded:",
    more_excerpts: "Show more excerpts",
    download_data: "Download the data:",
    downloads: [
        "Download the places as GeoJSON",
        "Download every mention as CSV",
    ],
    cluster_places: "{} places: ",
    articles: "Articles",
    timeline: "Timeline",
    from: "From",
    to: "To",
    play: ["Play the months in order", "Pause"],
    all_dates: "All dates",
    article_word: ["article", "articles"],
    place_word: ["place", "places"],
    shown_prefix: "Shown:",
    inferred: "inferred from the text",
    undated: "undated",
    show_more: "Show {} more",
    naming: "Naming {}",
    all_articles: "All articles",
    only_its_places: "Show only its places on the map",
    places_named: "Places:",
    no_dates: "No article is dated",
};

const FR: Strings = Strings {
    title: "Les zones de conflit de l'OTSC dans la presse",
    map_label:
        "Carte des lieux cités par les articles. Flèches : déplacer ; plus et moins : zoomer.",
    controls: "Commandes de la carte",
    zoom_in_tip: "Zoomer (+)",
    zoom_out_tip: "Dézoomer (−)",
    reset_tip: "Revenir à la vue de départ",
    embed_tip: "Intégrer cette carte dans une autre page",
    embed_title: "Intégrer cette carte",
    embed_help: "Collez ce code dans votre page ; la carte s'ouvre dans son état actuel.",
    copy: "Copier",
    copied: "Copié dans le presse-papiers",
    copy_failed: "Copie refusée : sélectionnez le code et faites Ctrl+C",
    open_full_map: "Ouvrir la carte complète",
    filter_prefix: "Seulement les lieux cités par",
    clear_filter: "Montrer tous les lieux",
    legend: "Légende",
    legend_items: [
        "État membre de l'OTSC",
        "Membre de l'OTSC cité par les articles",
        "Autre pays cité par les articles",
        "Pays non cité",
        "Ville, village ou région cités : plus le point est gros, plus il y a de mentions",
        "Pays cité (mêmes tailles) : cliquez un repère pour ses extraits",
    ],
    close: "Fermer",
    kinds: ["Pays", "Région", "Ville", "Village", "Lieu"],
    mention: ["mention", "mentions"],
    in_articles: ["dans 1 article", "dans {} articles"],
    source: "Source : ",
    read_article: "Lire l'article",
    close_article: "Fermer l'article",
    loading: "Chargement…",
    load_failed: "Chargement impossible :",
    more_excerpts: "Plus d'extraits",
    download_data: "Télécharger les données :",
    downloads: [
        "Télécharger les lieux en GeoJSON",
        "Télécharger toutes les mentions en CSV",
    ],
    cluster_places: "{} lieux : ",
    articles: "Articles",
    timeline: "Chronologie",
    from: "Depuis",
    to: "Jusqu'à",
    play: ["Faire défiler les mois", "Pause"],
    all_dates: "Toutes les dates",
    article_word: ["article", "articles"],
    place_word: ["lieu", "lieux"],
    shown_prefix: "Affichés :",
    inferred: "déduite du texte",
    undated: "non daté",
    show_more: "{} de plus",
    naming: "Citant {}",
    all_articles: "Tous les articles",
    only_its_places: "Montrer seulement ses lieux sur la carte",
    places_named: "Lieux :",
    no_dates: "Aucun article n'est daté",
};

impl Strings {
    /// What the map shows, e.g. `Shown: 3 articles, 1 place`.
    pub fn shown_count(&self, articles: usize, places: usize) -> String {
        format!(
            "{} {articles} {}, {places} {}",
            self.shown_prefix,
            self.article_word[usize::from(articles != 1)],
            self.place_word[usize::from(places != 1)]
        )
    }

    /// A cluster's accessible name: its count and main places, e.g.
    /// `12 places: Batken, Isfara, Vorukh, …`.
    pub fn cluster_label(&self, count: usize, names: &[String]) -> String {
        let mut label = self.cluster_places.replace("{}", &count.to_string());
        label.push_str(&names.join(", "));
        if count > names.len() {
            label.push_str(", …");
        }
        label
    }

    /// A marker's tooltip, e.g. `Batken (3 mentions)`.
    pub fn marker_title(&self, name: &str, mentions: usize) -> String {
        format!(
            "{name} ({mentions} {})",
            self.mention[usize::from(mentions != 1)]
        )
    }

    /// A popup's summary line, e.g. `Town (KG) · 3 mentions in 2 articles`.
    pub fn place_summary(
        &self,
        kind: PlaceKind,
        country: Option<&str>,
        mentions: usize,
        articles: usize,
    ) -> String {
        let kind = match kind {
            PlaceKind::Country => self.kinds[0],
            PlaceKind::Region => self.kinds[1],
            PlaceKind::City => self.kinds[2],
            PlaceKind::Village => self.kinds[3],
            PlaceKind::Feature => self.kinds[4],
        };
        let country = country.map(|c| format!(" ({c})")).unwrap_or_default();
        let mention = self.mention[usize::from(mentions != 1)];
        let in_articles =
            self.in_articles[usize::from(articles != 1)].replace("{}", &articles.to_string());
        format!("{kind}{country} · {mentions} {mention} {in_articles}")
    }
}

/// A month (and day) in the words of `lang`: `October 2022`, `17 juin
/// 2021`. The browser's `Intl` writes it, so the wasm carries no month
/// names (the geocoder reads them from CLDR; the browser ships CLDR too).
pub fn format_date(lang: Lang, month: model::YearMonth, day: Option<u8>) -> String {
    let options = js_sys::Object::new();
    let set = |key: &str, value: &str| {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    };
    set("year", "numeric");
    set("month", "long");
    if day.is_some() {
        set("day", "numeric");
    }
    let date = js_sys::Date::new_with_year_month_day(
        u32::from(month.year),
        i32::from(month.month) - 1,
        i32::from(day.unwrap_or(1)),
    );
    String::from(date.to_locale_date_string(lang.code(), &options))
}

impl Lang {
    /// The interface strings of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }

    /// A country's name in this language, from the basemap's two names
    /// (the English one when the other is missing).
    pub fn country_name<'a>(self, name_en: &'a str, name_fr: &'a str) -> &'a str {
        match self {
            Lang::Fr if !name_fr.is_empty() => name_fr,
            _ => name_en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_differ_where_they_should() {
        let (en, fr) = (Lang::En.strings(), Lang::Fr.strings());
        assert_eq!(fr.open_full_map, "Ouvrir la carte complète");
        assert_ne!(en.title, fr.title);
        assert_ne!(en.legend_items, fr.legend_items);
    }

    #[test]
    fn summaries_agree_in_number() {
        let en = Lang::En.strings();
        assert_eq!(
            en.place_summary(PlaceKind::City, Some("KG"), 3, 2),
            "Town (KG) · 3 mentions in 2 articles"
        );
        assert_eq!(
            en.place_summary(PlaceKind::Country, None, 1, 1),
            "Country · 1 mention in 1 article"
        );
        let fr = Lang::Fr.strings();
        assert_eq!(
            fr.place_summary(PlaceKind::Village, Some("TJ"), 2, 1),
            "Village (TJ) · 2 mentions dans 1 article"
        );
    }

    #[test]
    fn shown_counts_agree_in_number() {
        assert_eq!(
            Lang::En.strings().shown_count(1, 3),
            "Shown: 1 article, 3 places"
        );
        assert_eq!(
            Lang::Fr.strings().shown_count(2, 1),
            "Affichés : 2 articles, 1 lieu"
        );
    }

    #[test]
    fn cluster_names_say_the_count_and_the_main_places() {
        let names = ["Batken".to_owned(), "Isfara".to_owned()];
        assert_eq!(
            Lang::En.strings().cluster_label(12, &names),
            "12 places: Batken, Isfara, …"
        );
        assert_eq!(
            Lang::Fr.strings().cluster_label(2, &names),
            "2 lieux : Batken, Isfara"
        );
    }

    #[test]
    fn country_names_fall_back_to_english() {
        assert_eq!(Lang::Fr.country_name("China", "Chine"), "Chine");
        assert_eq!(Lang::Fr.country_name("Nauru", ""), "Nauru");
        assert_eq!(Lang::En.country_name("China", "Chine"), "China");
    }
}
