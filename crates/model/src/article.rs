//! Articles: the source texts mentions point into.

use serde::{Deserialize, Serialize};

/// One source article, as listed in the places GeoJSON's `articles` member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// File name without `.txt`; [`crate::Mention::article`] refers to it.
    pub id: String,
    /// Title: the header's `title`, else the first non-empty line.
    pub title: String,
    /// Publication date as written in the header (`2022-01`, `2022-01-06`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Without a `date`, the date inferred from the text's own explicit
    /// dates (ISO: `2021-06-17`, `2021-06`); always shown as inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred_date: Option<String>,
    /// Where the article was published (http or https only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Language code (`fr`, `en`, ...), declared or detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The article's whole text, kept only when it has no `url`, so the app
    /// can still show the reader the source of every excerpt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Whether a URL may become a link: http(s) only, never `javascript:` or
/// `data:` (the geocoder keeps no other source URL; the app checks again).
///
/// ```
/// assert!(model::is_web_url("https://fr.sputniknews.com/x"));
/// assert!(model::is_web_url("HTTP://example.org"));
/// assert!(!model::is_web_url("javascript:alert(1)"));
/// assert!(!model::is_web_url("ftp://example.org"));
/// assert!(!model::is_web_url("data:text/html,hi"));
/// ```
pub fn is_web_url(url: &str) -> bool {
    let start = url.trim_start();
    let scheme = start.get(..8).unwrap_or(start).to_ascii_lowercase();
    scheme.starts_with("https://") || scheme.starts_with("http://")
}
