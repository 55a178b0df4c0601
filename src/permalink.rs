//! The map's state as a permalink: the parameters of the URL fragment,
//! parsed and written, so a link opens the map as it was.
//!
//! The state lives in the fragment (`#…`), not the query string, so the
//! site works unchanged from any static host and from `file://`, and a
//! state change never reloads the page. Parameters, `&`-separated, in any
//! order (the app writes them in the order below); unknown keys and
//! malformed values are ignored, so old links keep working:
//!
//! | parameter | meaning |
//! |---|---|
//! | `place=<id>` | the place whose popup is open (an id of `places.geojson`) |
//! | `filter=<id>[,<id>…]` | show only the places these articles name (article id = file name without `.txt`); a chip clears it |
//! | `when=<YYYY-MM>..<YYYY-MM>` | show only the articles dated in these months (both included), and the places they name |
//! | `article=<id>` | the article open in the reader (articles without a URL) |
//! | `at=<lon>,<lat>,<px per km>` | centre (WGS84 degrees) and zoom of the view |
//! | `lang=en\|fr` | language of the interface and of the country labels (default `en`) |
//! | `embed=1` | compact chrome for iframes, with a link "Open the full map" |
//!
//! Ids are percent-encoded when they hold anything but `A-Z a-z 0-9 - _ .`.
//!
//! ```
//! use otsc_map::permalink::{format, parse, Lang};
//! let state = parse("#place=batken-1528735&at=70.8,40.1,2&lang=fr");
//! assert_eq!(state.place.as_deref(), Some("batken-1528735"));
//! assert_eq!(state.lang, Some(Lang::Fr));
//! assert_eq!(format(&state), "#place=batken-1528735&at=70.8,40.1,2&lang=fr");
//! ```

use std::fmt::Write;

use model::PlaceId;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// French.
    Fr,
}

impl Lang {
    /// Reads `en` or `fr` (any case, with or without a region: `fr-FR`).
    pub fn parse(text: &str) -> Option<Lang> {
        let primary = text.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The BCP 47 code (`en`, `fr`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}

/// The state a permalink asks for (and what the app writes back).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Permalink {
    /// The place whose popup to open.
    pub place: Option<PlaceId>,
    /// Only the places these articles name (empty: every place).
    pub filter: Vec<String>,
    /// Only the articles dated in this range of months.
    pub when: Option<model::MonthRange>,
    /// The article to show in the reader.
    pub article: Option<String>,
    /// Longitude, latitude and zoom (px per km) of the view.
    pub at: Option<(f64, f64, f64)>,
    /// The language asked for (`None`: the default, English).
    pub lang: Option<Lang>,
    /// Compact chrome for an iframe.
    pub embed: bool,
}

/// Parses `#place=batken-1528735&at=70.8,40.1,2`; unknown keys and
/// malformed values are ignored.
pub fn parse(hash: &str) -> Permalink {
    let mut link = Permalink::default();
    for pair in hash.trim_start_matches('#').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "place" if !value.is_empty() => link.place = Some(decode(value).into()),
            "article" if !value.is_empty() => link.article = Some(decode(value)),
            "filter" => {
                for id in value.split(',').filter(|id| !id.is_empty()).map(decode) {
                    if !link.filter.contains(&id) {
                        link.filter.push(id);
                    }
                }
            }
            "when" => link.when = value.parse().ok(),
            "at" => link.at = parse_at(value),
            "lang" => link.lang = Lang::parse(value),
            "embed" => link.embed = matches!(value, "" | "1" | "true"),
            _ => {}
        }
    }
    link
}

/// Reads `lon,lat,pxPerKm`; `None` unless all three are finite and the
/// zoom is positive.
pub fn parse_at(value: &str) -> Option<(f64, f64, f64)> {
    let numbers: Vec<f64> = value
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    match numbers[..] {
        [lon, lat, scale]
            if lon.is_finite() && lat.is_finite() && scale.is_finite() && scale > 0.0 =>
        {
            Some((lon, lat, scale))
        }
        _ => None,
    }
}

/// Writes the permalink as a fragment, `#` included, parameters in a fixed order and
/// numbers rounded (5 decimals of a degree is about a metre; 6 of the zoom
/// keep every view within a pixel), so equal states give equal URLs.
/// The default state is the empty string.
pub fn format(link: &Permalink) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(place) = &link.place {
        parts.push(format!("place={}", encode(place)));
    }
    if !link.filter.is_empty() {
        let ids: Vec<String> = link.filter.iter().map(|id| encode(id)).collect();
        parts.push(format!("filter={}", ids.join(",")));
    }
    if let Some(when) = link.when {
        parts.push(format!("when={when}"));
    }
    if let Some(article) = &link.article {
        parts.push(format!("article={}", encode(article)));
    }
    if let Some((lon, lat, scale)) = link.at {
        parts.push(format!(
            "at={},{},{}",
            number(lon, 5),
            number(lat, 5),
            number(scale, 6)
        ));
    }
    if let Some(lang) = link.lang {
        parts.push(format!("lang={}", lang.code()));
    }
    if link.embed {
        parts.push("embed=1".to_owned());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("#{}", parts.join("&"))
    }
}

/// A number with at most `decimals` decimals, trailing zeros dropped.
fn number(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// Percent-encodes every byte but `A-Z a-z 0-9 - _ .`.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Decodes `%XX` escapes; a broken escape stays as it is.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_place_and_view() {
        let f = parse("#place=vorukh-1220164&at=70.6,39.9,4&article=000_x");
        assert_eq!(f.place.as_deref(), Some("vorukh-1220164"));
        assert_eq!(f.article.as_deref(), Some("000_x"));
        assert_eq!(f.at, Some((70.6, 39.9, 4.0)));
    }

    #[test]
    fn ignores_what_it_does_not_understand() {
        assert_eq!(parse(""), Permalink::default());
        assert_eq!(parse("#at=1,2&place=&x=y&lang=de"), Permalink::default());
        assert_eq!(parse("#at=1,2,-3").at, None);
        assert_eq!(parse("#at=1,NaN,3").at, None);
        assert!(!parse("#embed=0").embed);
        assert_eq!(parse("#when=2022-13..2022-14").when, None);
        assert_eq!(
            parse("#when=2022-10").when,
            Some("2022-10..2022-10".parse().unwrap())
        );
    }

    #[test]
    fn reads_filter_lang_and_embed() {
        let f = parse("#filter=001_a,002_b&filter=001_a,003%20c&lang=FR&embed=1");
        assert_eq!(f.filter, ["001_a", "002_b", "003 c"]);
        assert_eq!(f.lang, Some(Lang::Fr));
        assert!(f.embed);
        assert!(parse("#embed").embed);
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
    }

    #[test]
    fn formats_in_a_fixed_order_and_round_trips() {
        let state = Permalink {
            place: Some("vorukh-1220164".into()),
            filter: vec!["004_almaty".into(), "b,c é".into()],
            when: Some("2021-06..2022-10".parse().unwrap()),
            article: Some("000_x".into()),
            at: Some((70.123456789, -39.9, 0.0512345678)),
            lang: Some(Lang::Fr),
            embed: true,
        };
        let text = format(&state);
        assert_eq!(
            text,
            "#place=vorukh-1220164&filter=004_almaty,b%2Cc%20%C3%A9&when=2021-06..2022-10&article=000_x\
             &at=70.12346,-39.9,0.051235&lang=fr&embed=1"
        );
        let back = parse(&text);
        assert_eq!(back.filter, state.filter);
        assert_eq!(back.place, state.place);
        assert_eq!(back.when, state.when);
        assert_eq!(format(&back), text, "formatting is stable");
    }

    #[test]
    fn the_default_state_is_an_empty_fragment() {
        assert_eq!(format(&Permalink::default()), "");
        assert_eq!(
            format(&parse("#lang=en")),
            "#lang=en",
            "an explicit language is kept"
        );
    }

    #[test]
    fn broken_escapes_survive() {
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%zz%41"), "%zzA");
    }
}
