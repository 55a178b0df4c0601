//! Just enough HTML scanning for the pages Trunk writes: find elements by tag
//! name, read their attributes, and splice replacements in. Not a general
//! HTML parser: Trunk's output is regular (double-quoted attributes, one
//! `<script type="module">` loader), and the browser tests check the result.

use std::ops::Range;

/// One element found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element<'a> {
    /// The bytes of the whole element (start tag, body and end tag if any).
    pub span: Range<usize>,
    /// The text between the tag name and `>`.
    pub attributes: &'a str,
    /// The body, for elements with an end tag (`script`, `style`).
    pub body: Option<&'a str>,
}

impl<'a> Element<'a> {
    /// The value of an attribute, quoted with `"` or `'`.
    ///
    /// ```
    /// let page = r#"<link rel="stylesheet" href='/a.css'>"#;
    /// let link = &bundle::html::elements(page, "link")[0];
    /// assert_eq!(link.attribute("href"), Some("/a.css"));
    /// assert_eq!(link.attribute("rel"), Some("stylesheet"));
    /// assert_eq!(link.attribute("type"), None);
    /// ```
    pub fn attribute(&self, name: &str) -> Option<&'a str> {
        let mut rest = self.attributes;
        while let Some(found) = rest.find(name) {
            let before = rest[..found].chars().next_back();
            let after = &rest[found + name.len()..];
            rest = after;
            if before.is_some_and(|c| !c.is_whitespace()) {
                continue;
            }
            let Some(value) = after.trim_start().strip_prefix('=') else {
                continue;
            };
            let value = value.trim_start();
            let quote = value.chars().next()?;
            if quote != '"' && quote != '\'' {
                return value.split(|c: char| c.is_whitespace() || c == '>').next();
            }
            return value[1..].split(quote).next();
        }
        None
    }
}

/// Every `<tag …>` element of `html`, in order. Elements of tag `script` and
/// `style` include their body and end tag.
pub fn elements<'a>(html: &'a str, tag: &str) -> Vec<Element<'a>> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let has_body = matches!(tag, "script" | "style");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = html[from..].find(&open) {
        let start = from + offset;
        let after_name = start + open.len();
        // `<linkx` is not a `<link`.
        if !html[after_name..].starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/') {
            from = after_name;
            continue;
        }
        let Some(tag_end) = html[after_name..].find('>').map(|i| after_name + i) else {
            break;
        };
        let attributes = html[after_name..tag_end].trim_end_matches('/');
        let (end, body) = if has_body {
            match html[tag_end + 1..].find(&close) {
                Some(i) => {
                    let body_end = tag_end + 1 + i;
                    (body_end + close.len(), Some(&html[tag_end + 1..body_end]))
                }
                None => break,
            }
        } else {
            (tag_end + 1, None)
        };
        found.push(Element {
            span: start..end,
            attributes,
            body,
        });
        from = end;
    }
    found
}

/// `html` with each range replaced by its text; ranges must not overlap.
pub fn splice(html: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (range, text) in edits {
        out.push_str(&html[at..range.start]);
        out.push_str(&text);
        at = range.end;
    }
    out.push_str(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<head><link rel="icon" href="data:," /><linkish>
<script type="module">
import init from '/a.js';
</script><script src="/b.js"></script></head>"#;

    #[test]
    fn finds_elements_with_bodies_and_skips_longer_tag_names() {
        let links = elements(PAGE, "link");
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].attribute("href"), Some("data:,"));
        let scripts = elements(PAGE, "script");
        assert_eq!(scripts.len(), 2);
        assert_eq!(scripts[0].body, Some("\nimport init from '/a.js';\n"));
        assert_eq!(scripts[0].attribute("type"), Some("module"));
        assert_eq!(scripts[1].attribute("src"), Some("/b.js"));
        assert_eq!(
            &PAGE[scripts[1].span.clone()],
            r#"<script src="/b.js"></script>"#
        );
    }

    #[test]
    fn attribute_names_match_whole_words_only() {
        let page = r#"<link data-href="x" href="y">"#;
        assert_eq!(elements(page, "link")[0].attribute("href"), Some("y"));
    }

    #[test]
    fn splice_replaces_ranges_in_any_order() {
        assert_eq!(
            splice("abcdef", vec![(4..5, "E".into()), (0..2, "".into())]),
            "cdEf"
        );
    }
}
