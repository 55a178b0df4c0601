//! Interface strings in English, French and Russian (`lang=en|fr|ru`).
//!
//! One struct of `&'static str` per language, so a missing translation is
//! a compile error, not a blank button. Accessible names are translated
//! like the visible text (tests find elements by role and `data-testid`).
//! Counts agree in number by each language's CLDR plural rule
//! ([`Lang::plural`]: Russian has three forms). Place names come from the
//! index (`IndexPlace::name_in`), country labels from the basemap
//! (`name_en`/`name_fr`/`name_ru`).

use model::PlaceKind;

use crate::permalink::Lang;

/// The CLDR plural forms a count picks from: one, few, many/other
/// (English and French use the first and the last).
pub type Plural = [&'static str; 3];
pub mod zones;

/// Every string of the interface in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Strings {
    /// The language these strings are in (its plural rule).
    pub lang: Lang,
    /// The title card.
    pub title: &'static str,
    /// The map's accessible name.
    pub map_label: &'static str,
    /// While the map's data is fetched.
    pub loading_map: &'static str,
    /// Before the reason the map's data could not be read.
    pub data_failed: &'static str,
    /// Group label of the controls.
    pub controls: &'static str,
    /// Accessible name of the zoom-in button.
    pub zoom_in: &'static str,
    /// Its tooltip (with the key).
    pub zoom_in_tip: &'static str,
    /// Accessible name of the zoom-out button.
    pub zoom_out: &'static str,
    /// Its tooltip.
    pub zoom_out_tip: &'static str,
    /// Accessible name of the reset button.
    pub reset: &'static str,
    /// Its tooltip.
    pub reset_tip: &'static str,
    /// Accessible name of the embed button.
    pub embed: &'static str,
    /// Its tooltip.
    pub embed_tip: &'static str,
    /// Title of the embed dialog.
    pub embed_title: &'static str,
    /// What to do with the snippet.
    pub embed_help: &'static str,
    /// The `title` of the snippet's iframe (its accessible name in the host page).
    pub iframe_title: &'static str,
    /// The copy button.
    pub copy: &'static str,
    /// Feedback after copying.
    pub copied: &'static str,
    /// Feedback when the clipboard is refused.
    pub copy_failed: &'static str,
    /// The link from an embedded map to the full map.
    pub open_full_map: &'static str,
    /// The language control's label.
    pub language: &'static str,
    /// Before the article titles of the filter chip.
    pub filter_prefix: &'static str,
    /// The button clearing the filter.
    pub clear_filter: &'static str,
    /// The legend's summary.
    pub legend: &'static str,
    /// Legend lines, in order.
    pub legend_items: [&'static str; 6],
    /// Close buttons' accessible name.
    pub close: &'static str,
    /// Kinds of place: country, region, town, village, other place, district.
    pub kinds: [&'static str; 6],
    /// "mention", by number.
    pub mention: Plural,
    /// "in {} articles", by number.
    pub in_articles: Plural,
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
    /// Before the links downloading only what the map shows (a filter is on).
    pub download_shown: &'static str,
    /// Accessible names of those two links: GeoJSON, CSV.
    pub downloads_shown: [&'static str; 2],
    /// Before the links downloading a zone's data, in its dialog.
    pub download_zone: &'static str,
    /// Accessible names of those two links: GeoJSON, CSV.
    pub downloads_zone: [&'static str; 2],
    /// Start of a cluster's accessible name, `{}` the count of its places.
    pub cluster_places: Plural,
    /// The scale bar's accessible name, `{}` its length.
    pub scale: &'static str,
    /// Units of the scale bar: kilometre, metre.
    pub units: [&'static str; 2],
    /// The attribution line's words: places, boundaries, public domain.
    pub attribution: [&'static str; 3],
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
    /// "article", after a count, by number.
    pub article_word: Plural,
    /// "place", after a count, by number.
    pub place_word: Plural,
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
    /// The list's count when a place narrows it: `{}` of `{}` shown (the
    /// timeline's "Shown" counts every article shown on the map).
    pub count_of: &'static str,
    /// Tooltip of an article's title button in the list.
    pub only_its_places: &'static str,
    /// The places an article names, before their buttons.
    pub places_named: &'static str,
    /// When no article is dated (the timeline has no month).
    pub no_dates: &'static str,
}

const EN: Strings = Strings {
    lang: Lang::En,
    title: "CSTO conflict zones in the news",
    map_label: "Map of the places named in the articles. Arrow keys pan, plus and minus zoom.",
    loading_map: "Loading the map…",
    data_failed: "The map data could not be read:",
    controls: "Map controls",
    zoom_in: "Zoom in",
    zoom_in_tip: "Zoom in (+)",
    zoom_out: "Zoom out",
    zoom_out_tip: "Zoom out (−)",
    reset: "Reset view",
    reset_tip: "Back to the first view",
    embed: "Embed map",
    embed_tip: "Embed this map in another page",
    embed_title: "Embed this map",
    embed_help: "Paste this code into your page; the map opens in its current state.",
    iframe_title: "Map of the CSTO conflict zones in the news",
    copy: "Copy",
    copied: "Copied to the clipboard",
    copy_failed: "Copy refused: select the code and press Ctrl+C",
    open_full_map: "Open the full map",
    language: "Language",
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
    kinds: ["Country", "Region", "Town", "Village", "Place", "District"],
    mention: ["mention", "mentions", "mentions"],
    in_articles: ["in {} article", "in {} articles", "in {} articles"],
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
    download_shown: "What the map shows:",
    downloads_shown: [
        "Download the places shown as GeoJSON",
        "Download the mentions shown as CSV",
    ],
    download_zone: "This zone's data:",
    downloads_zone: [
        "Download this zone's places as GeoJSON",
        "Download this zone's mentions as CSV",
    ],
    cluster_places: ["{} place: ", "{} places: ", "{} places: "],
    scale: "Scale: {}",
    units: ["km", "m"],
    attribution: ["Places", "Boundaries", "public domain"],
    articles: "Articles",
    timeline: "Timeline",
    from: "From",
    to: "To",
    play: ["Play the months in order", "Pause"],
    all_dates: "All dates",
    article_word: ["article", "articles", "articles"],
    place_word: ["place", "places", "places"],
    shown_prefix: "Shown:",
    inferred: "inferred from the text",
    undated: "undated",
    show_more: "Show {} more",
    naming: "Naming {}",
    all_articles: "All articles",
    count_of: "{} of {}",
    only_its_places: "Show only its places on the map",
    places_named: "Places:",
    no_dates: "No article is dated",
};

const FR: Strings = Strings {
    lang: Lang::Fr,
    title: "Les zones de conflit de l'OTSC dans la presse",
    map_label:
        "Carte des lieux cités par les articles. Flèches : déplacer ; plus et moins : zoomer.",
    loading_map: "Chargement de la carte…",
    data_failed: "Les données de la carte n'ont pas pu être lues :",
    controls: "Commandes de la carte",
    zoom_in: "Zoomer",
    zoom_in_tip: "Zoomer (+)",
    zoom_out: "Dézoomer",
    zoom_out_tip: "Dézoomer (−)",
    reset: "Vue de départ",
    reset_tip: "Revenir à la vue de départ",
    embed: "Intégrer la carte",
    embed_tip: "Intégrer cette carte dans une autre page",
    embed_title: "Intégrer cette carte",
    embed_help: "Collez ce code dans votre page ; la carte s'ouvre dans son état actuel.",
    iframe_title: "Carte des zones de conflit de l'OTSC dans la presse",
    copy: "Copier",
    copied: "Copié dans le presse-papiers",
    copy_failed: "Copie refusée : sélectionnez le code et faites Ctrl+C",
    open_full_map: "Ouvrir la carte complète",
    language: "Langue",
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
    kinds: ["Pays", "Région", "Ville", "Village", "Lieu", "District"],
    mention: ["mention", "mentions", "mentions"],
    in_articles: ["dans {} article", "dans {} articles", "dans {} articles"],
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
    download_shown: "Ce que montre la carte :",
    downloads_shown: [
        "Télécharger les lieux affichés en GeoJSON",
        "Télécharger les mentions affichées en CSV",
    ],
    download_zone: "Les données de cette zone :",
    downloads_zone: [
        "Télécharger les lieux de cette zone en GeoJSON",
        "Télécharger les mentions de cette zone en CSV",
    ],
    cluster_places: ["{} lieu : ", "{} lieux : ", "{} lieux : "],
    scale: "Échelle : {}",
    units: ["km", "m"],
    attribution: ["Lieux", "Frontières", "domaine public"],
    articles: "Articles",
    timeline: "Chronologie",
    from: "Depuis",
    to: "Jusqu'à",
    play: ["Faire défiler les mois", "Pause"],
    all_dates: "Toutes les dates",
    article_word: ["article", "articles", "articles"],
    place_word: ["lieu", "lieux", "lieux"],
    shown_prefix: "Affichés :",
    inferred: "déduite du texte",
    undated: "non daté",
    show_more: "{} de plus",
    naming: "Citant {}",
    all_articles: "Tous les articles",
    count_of: "{} sur {}",
    only_its_places: "Montrer seulement ses lieux sur la carte",
    places_named: "Lieux :",
    no_dates: "Aucun article n'est daté",
};

const RU: Strings = Strings {
    lang: Lang::Ru,
    title: "Зоны конфликтов ОДКБ в прессе",
    map_label:
        "Карта мест, названных в статьях. Стрелки перемещают карту, плюс и минус меняют масштаб.",
    loading_map: "Загрузка карты…",
    data_failed: "Не удалось прочитать данные карты:",
    controls: "Управление картой",
    zoom_in: "Приблизить",
    zoom_in_tip: "Приблизить (+)",
    zoom_out: "Отдалить",
    zoom_out_tip: "Отдалить (−)",
    reset: "Исходный вид",
    reset_tip: "Вернуться к исходному виду",
    embed: "Встроить карту",
    embed_tip: "Встроить эту карту в другую страницу",
    embed_title: "Встроить эту карту",
    embed_help: "Вставьте этот код в свою страницу; карта откроется в текущем состоянии.",
    iframe_title: "Карта зон конфликтов ОДКБ в прессе",
    copy: "Копировать",
    copied: "Скопировано в буфер обмена",
    copy_failed: "Копирование запрещено: выделите код и нажмите Ctrl+C",
    open_full_map: "Открыть полную карту",
    language: "Язык",
    filter_prefix: "Только места, названные в статьях",
    clear_filter: "Показать все места",
    legend: "Легенда",
    legend_items: [
        "Государство — член ОДКБ",
        "Член ОДКБ, названный в статьях",
        "Другая страна, названная в статьях",
        "Страна не названа",
        "Названный город, село или регион: чем больше точка, тем больше упоминаний",
        "Названная страна (те же размеры): нажмите на метку, чтобы увидеть выдержки",
    ],
    close: "Закрыть",
    kinds: ["Страна", "Регион", "Город", "Село", "Место", "Район"],
    mention: ["упоминание", "упоминания", "упоминаний"],
    in_articles: ["в {} статье", "в {} статьях", "в {} статьях"],
    source: "Источник: ",
    read_article: "Читать статью",
    close_article: "Закрыть статью",
    loading: "Загрузка…",
    load_failed: "Не удалось загрузить:",
    more_excerpts: "Ещё выдержки",
    download_data: "Скачать данные:",
    downloads: [
        "Скачать места в формате GeoJSON",
        "Скачать все упоминания в формате CSV",
    ],
    download_shown: "То, что показано на карте:",
    downloads_shown: [
        "Скачать показанные места в формате GeoJSON",
        "Скачать показанные упоминания в формате CSV",
    ],
    download_zone: "Данные этой зоны:",
    downloads_zone: [
        "Скачать места этой зоны в формате GeoJSON",
        "Скачать упоминания этой зоны в формате CSV",
    ],
    cluster_places: ["{} место: ", "{} места: ", "{} мест: "],
    scale: "Масштаб: {}",
    units: ["км", "м"],
    attribution: ["Места", "Границы", "общественное достояние"],
    articles: "Статьи",
    timeline: "Хронология",
    from: "С",
    to: "По",
    play: ["Показать месяцы по порядку", "Пауза"],
    all_dates: "Все даты",
    article_word: ["статья", "статьи", "статей"],
    place_word: ["место", "места", "мест"],
    shown_prefix: "Показано:",
    inferred: "дата выведена из текста",
    undated: "без даты",
    show_more: "Ещё {}",
    naming: "Называющие {}",
    all_articles: "Все статьи",
    count_of: "{} из {}",
    only_its_places: "Показать на карте только её места",
    places_named: "Места:",
    no_dates: "Ни одна статья не датирована",
};

impl Strings {
    /// What the map shows, e.g. `Shown: 3 articles, 1 place`.
    pub fn shown_count(&self, articles: usize, places: usize) -> String {
        format!(
            "{} {articles} {}, {places} {}",
            self.shown_prefix,
            self.article_word[self.lang.plural(articles)],
            self.place_word[self.lang.plural(places)]
        )
    }

    /// The form of `forms` that agrees with `count`, `{}` replaced by it.
    pub fn count(&self, forms: Plural, count: usize) -> String {
        forms[self.lang.plural(count)].replace("{}", &count.to_string())
    }

    /// `3 mentions`, `3 упоминания`.
    pub fn mentions(&self, count: usize) -> String {
        format!("{count} {}", self.mention[self.lang.plural(count)])
    }

    /// A cluster's accessible name: its count and main places, e.g.
    /// `12 places: Batken, Isfara, Vorukh, …`.
    pub fn cluster_label(&self, count: usize, names: &[String]) -> String {
        let mut label = self.count(self.cluster_places, count);
        label.push_str(&names.join(", "));
        if count > names.len() {
            label.push_str(", …");
        }
        label
    }

    /// A marker's tooltip (its accessible description), e.g. `Batken (3 mentions)`.
    pub fn marker_title(&self, name: &str, mentions: usize) -> String {
        format!("{name} ({})", self.mentions(mentions))
    }

    /// A distance of the scale bar, e.g. `200 km`, `500 m`.
    pub fn distance(&self, km: f64) -> String {
        if km >= 1.0 {
            format!("{km:.0} {}", self.units[0])
        } else {
            format!("{:.0} {}", km * 1000.0, self.units[1])
        }
    }

    /// The scale bar's accessible name, e.g. `Scale: 200 km`.
    pub fn scale_label(&self, km: f64) -> String {
        self.scale.replace("{}", &self.distance(km))
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
            PlaceKind::District => self.kinds[5],
        };
        let country = country.map(|c| format!(" ({c})")).unwrap_or_default();
        format!(
            "{kind}{country} · {} {}",
            self.mentions(mentions),
            self.count(self.in_articles, articles)
        )
    }
}

/// A month (and day) in the words of `lang`: `October 2022`, `17 juin
/// 2021`. The browser's `Intl` writes it, so the wasm carries no month
/// names (the geocoder reads them from CLDR; the browser ships CLDR too).
pub fn format_date(lang: Lang, month: model::YearMonth, day: Option<u8>) -> String {
    let date = js_sys::Date::new_with_year_month_day(
        u32::from(month.year),
        i32::from(month.month) - 1,
        i32::from(day.unwrap_or(1)),
    );
    date_format(lang, day.is_some())
        .call1(&wasm_bindgen::JsValue::NULL, &date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// Makes the browser ready to write months in `lang` ([`format_date`]),
/// so that the first date shown does not pay for it: the page's first
/// `Intl.DateTimeFormat` starts the browser's ICU, 35 to 90 ms on a
/// phone-speed CPU, which made the task that first shows a date (the
/// timeline's) block the page for over 100 ms. Called in a task of its
/// own, it stays under the 50 ms that count as blocking.
pub fn prepare_date_format(lang: Lang) {
    date_format(lang, false);
}

/// One `Intl.DateTimeFormat` per language and form, kept: building one is
/// what costs (`Date.toLocaleDateString` builds one per call, 100 ms for
/// the seeds' first view on a phone-speed CPU).
fn date_format(lang: Lang, with_day: bool) -> js_sys::Function {
    thread_local! {
        static FORMATS: std::cell::RefCell<Vec<((Lang, bool), js_sys::Function)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    let key = (lang, with_day);
    FORMATS.with_borrow_mut(|formats| {
        if let Some((_, format)) = formats.iter().find(|(k, _)| *k == key) {
            return format.clone();
        }
        let options = js_sys::Object::new();
        let set = |key: &str, value: &str| {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
        };
        set("year", "numeric");
        set("month", "long");
        if with_day {
            set("day", "numeric");
        }
        let locales = js_sys::Array::of1(&lang.code().into());
        let format = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
        formats.push((key, format.clone()));
        format
    })
}

impl Lang {
    /// The interface strings of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
            Lang::Ru => &RU,
        }
    }

    /// The language's own name, as its speakers look for it in a list.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Ru => "Русский",
        }
    }

    /// Which of a [`Plural`]'s forms a count takes, by the CLDR rules of
    /// cardinals: English `one` for 1; French `one` for 0 and 1; Russian
    /// `one` (1, 21, 31…), `few` (2–4, 22–24…), `many` (the rest).
    pub fn plural(self, count: usize) -> usize {
        let (units, tens) = (count % 10, count % 100);
        match self {
            Lang::En if count == 1 => 0,
            Lang::Fr if count <= 1 => 0,
            Lang::Ru if units == 1 && tens != 11 => 0,
            Lang::Ru if (2..=4).contains(&units) && !(12..=14).contains(&tens) => 1,
            _ => 2,
        }
    }

    /// A country's name in this language, from the basemap's names (the
    /// English one when the other is missing).
    pub fn country_name<'a>(self, name_en: &'a str, name_fr: &'a str, name_ru: &'a str) -> &'a str {
        match self {
            Lang::Fr if !name_fr.is_empty() => name_fr,
            Lang::Ru if !name_ru.is_empty() => name_ru,
            _ => name_en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_differ_where_they_should() {
        let (en, fr, ru) = (Lang::En.strings(), Lang::Fr.strings(), Lang::Ru.strings());
        assert_eq!(fr.open_full_map, "Ouvrir la carte complète");
        assert_eq!(
            [en.language, fr.language, ru.language],
            ["Language", "Langue", "Язык"]
        );
        assert_ne!(en.title, fr.title);
        assert_ne!(en.legend_items, fr.legend_items);
        assert_ne!(en.zoom_in, ru.zoom_in);
        for lang in Lang::ALL {
            assert_eq!(
                lang.strings().lang,
                lang,
                "{lang:?} strings say their language"
            );
        }
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
        let ru = Lang::Ru.strings();
        assert_eq!(
            ru.place_summary(PlaceKind::City, Some("KG"), 21, 3),
            "Город (KG) · 21 упоминание в 3 статьях"
        );
        assert_eq!(ru.mentions(3), "3 упоминания");
        assert_eq!(ru.mentions(12), "12 упоминаний");
        assert_eq!(ru.count(ru.in_articles, 1), "в 1 статье");
    }

    #[test]
    fn plural_rules_follow_cldr() {
        let forms = |lang: Lang| [0, 1, 2, 4, 5, 11, 12, 21, 22, 25, 111].map(|n| lang.plural(n));
        assert_eq!(forms(Lang::En), [2, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
        assert_eq!(forms(Lang::Fr), [0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
        assert_eq!(forms(Lang::Ru), [2, 0, 1, 1, 2, 2, 2, 0, 1, 2, 2]);
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
        assert_eq!(
            Lang::Ru.strings().cluster_label(5, &names),
            "5 мест: Batken, Isfara, …"
        );
    }

    #[test]
    fn the_scale_bar_speaks_every_language() {
        assert_eq!(Lang::En.strings().scale_label(200.0), "Scale: 200 km");
        assert_eq!(Lang::Ru.strings().scale_label(0.5), "Масштаб: 500 м");
    }

    #[test]
    fn country_names_fall_back_to_english() {
        assert_eq!(Lang::Fr.country_name("China", "Chine", "Китай"), "Chine");
        assert_eq!(Lang::Ru.country_name("China", "Chine", "Китай"), "Китай");
        assert_eq!(Lang::Ru.country_name("Nauru", "Nauru", ""), "Nauru");
        assert_eq!(Lang::Fr.country_name("Nauru", "", ""), "Nauru");
        assert_eq!(Lang::En.country_name("China", "Chine", "Китай"), "China");
    }
}
