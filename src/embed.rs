//! Embedding: the iframe snippet, permalinks, and the postMessage protocol
//! (the pure parts; `components::embed_dialog` and `iframe` wire them).
//!
//! Protocol, when the map runs in an iframe (`window.parent !== window`):
//! - out, to the parent, target origin `"*"` (the map cannot know who
//!   embeds it, and the messages carry nothing secret: ids and names of
//!   public places):
//!   - `{type: "otsc-map:height", height: <px>}` on load and whenever the
//!     height the map wants changes (a popup opens on a narrow layout);
//!   - `{type: "otsc-map:select", place: {id, name} | null}` whenever the
//!     selection changes.
//! - in, from any window (the only effect is what a click could do):
//!   - `{type: "otsc-map:select", place: "<id>" | null}` selects a place
//!     (an id the map knows) or closes the popup;
//!   - `{type: "otsc-map:view", at: [lon, lat, pxPerKm]}` moves the view.
//!
//!   Anything else (other types, wrong field types, unknown ids) is ignored.

/// Message types, shared by both directions.
pub const SELECT: &str = "otsc-map:select";
/// Outgoing height message type.
pub const HEIGHT: &str = "otsc-map:height";
/// Incoming view message type.
pub const VIEW: &str = "otsc-map:view";

/// Height (CSS px) an embedded map asks for with nothing open.
pub const BASE_HEIGHT_PX: f64 = 480.0;

/// A message from the host page, once validated.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    /// Select this place (`None`: close the popup).
    Select(Option<String>),
    /// Show this centre and zoom.
    View(f64, f64, f64),
}

/// The fields of an incoming message as read from JS, before validation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawMessage {
    /// `data.type` when it is a string.
    pub kind: Option<String>,
    /// `data.place`: `Some(Some(id))` for a string, `Some(None)` for `null`,
    /// `None` when absent or of another type.
    pub place: Option<Option<String>>,
    /// `data.at` when it is an array of numbers.
    pub at: Option<Vec<f64>>,
}

/// Validates a message; `known` says whether a place id exists.
pub fn validate(raw: &RawMessage, known: impl Fn(&str) -> bool) -> Option<Incoming> {
    match raw.kind.as_deref()? {
        SELECT => match raw.place.as_ref()? {
            Some(id) if known(id) => Some(Incoming::Select(Some(id.clone()))),
            Some(_) => None,
            None => Some(Incoming::Select(None)),
        },
        VIEW => match raw.at.as_deref()? {
            &[lon, lat, scale]
                if lon.is_finite() && lat.is_finite() && scale.is_finite() && scale > 0.0 =>
            {
                Some(Incoming::View(lon, lat, scale))
            }
            _ => None,
        },
        _ => None,
    }
}

/// The height an embedded map asks for: the base height, or enough for an
/// open popup (`popup_px`, its content height) to show whole when the
/// layout is narrow (where the popup is a bottom sheet over 60 % of the map).
pub fn wanted_height(popup_px: Option<f64>, narrow: bool) -> f64 {
    match popup_px {
        Some(px) if narrow && px.is_finite() => BASE_HEIGHT_PX.max((px / 0.6).ceil()),
        _ => BASE_HEIGHT_PX,
    }
}

/// The iframe snippet for a map at `src`.
///
/// ```
/// let s = otsc_map::embed::iframe_snippet("https://x.org/map/#place=a&embed=1");
/// assert!(s.contains(r#"src="https://x.org/map/#place=a&amp;embed=1""#));
/// ```
pub fn iframe_snippet(src: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"Map of the CSTO conflict zones in the news\" width=\"100%\" \
         height=\"480\" style=\"border:0\" loading=\"lazy\"></iframe>",
        escape_attribute(src)
    )
}

/// Escapes text for a double-quoted HTML attribute.
fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// The page URL (`href` without its fragment) joined with a fragment.
pub fn with_fragment(href: &str, fragment: &str) -> String {
    let base = href.split_once('#').map_or(href, |(base, _)| base);
    format!("{base}{fragment}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(kind: &str, place: Option<Option<&str>>) -> RawMessage {
        RawMessage {
            kind: Some(kind.into()),
            place: place.map(|p| p.map(str::to_owned)),
            at: None,
        }
    }

    #[test]
    fn accepts_only_known_places() {
        let known = |id: &str| id == "batken-1528735";
        assert_eq!(
            validate(&raw(SELECT, Some(Some("batken-1528735"))), known),
            Some(Incoming::Select(Some("batken-1528735".into())))
        );
        assert_eq!(
            validate(&raw(SELECT, Some(None)), known),
            Some(Incoming::Select(None))
        );
        assert_eq!(validate(&raw(SELECT, Some(Some("nowhere"))), known), None);
        assert_eq!(
            validate(&raw(SELECT, None), known),
            None,
            "a place of another type"
        );
        assert_eq!(
            validate(&raw("other", Some(Some("batken-1528735"))), known),
            None
        );
        assert_eq!(validate(&RawMessage::default(), known), None);
    }

    #[test]
    fn view_needs_three_finite_numbers() {
        let view = |at: Vec<f64>| RawMessage {
            kind: Some(VIEW.into()),
            place: None,
            at: Some(at),
        };
        assert_eq!(
            validate(&view(vec![70.0, 40.0, 2.0]), |_| true),
            Some(Incoming::View(70.0, 40.0, 2.0))
        );
        assert_eq!(validate(&view(vec![70.0, 40.0]), |_| true), None);
        assert_eq!(validate(&view(vec![70.0, f64::NAN, 2.0]), |_| true), None);
        assert_eq!(validate(&view(vec![70.0, 40.0, 0.0]), |_| true), None);
    }

    #[test]
    fn height_grows_for_a_long_sheet_only() {
        assert_eq!(wanted_height(None, true), BASE_HEIGHT_PX);
        assert_eq!(wanted_height(Some(600.0), false), BASE_HEIGHT_PX);
        assert_eq!(wanted_height(Some(600.0), true), 1000.0);
        assert_eq!(wanted_height(Some(100.0), true), BASE_HEIGHT_PX);
    }

    #[test]
    fn snippet_escapes_its_url() {
        let s = iframe_snippet("a\"b<c>&d");
        assert!(s.starts_with("<iframe src=\"a&quot;b&lt;c&gt;&amp;d\" title=\""));
        assert!(s.ends_with("loading=\"lazy\"></iframe>"));
    }

    #[test]
    fn fragment_replaces_the_old_one() {
        assert_eq!(
            with_fragment("http://h/p/?q=1#old", "#new"),
            "http://h/p/?q=1#new"
        );
        assert_eq!(
            with_fragment("file:///x/index.html", ""),
            "file:///x/index.html"
        );
    }
}
