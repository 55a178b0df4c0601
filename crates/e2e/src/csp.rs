//! A strict Content-Security-Policy for the built page, as a careful host
//! would send it: only the site's own scripts (plus the exact inline loader
//! Trunk writes, allowed by its hash), WebAssembly compilation but no `eval`,
//! no plugins, no foreign connections.

use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy for a page whose HTML is `index_html`.
///
/// ```
/// let policy = e2e::strict_csp("<script>alert('Hello, world.');</script>");
/// assert!(policy.contains("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"));
/// assert!(!policy.contains(" 'unsafe-eval'"));
/// ```
pub fn strict_csp(index_html: &str) -> String {
    let hashes: String = inline_scripts(index_html)
        .map(|script| format!(" 'sha256-{}'", sha256_base64(script)))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )
}

/// The bodies of the `<script>` elements that have no `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, rest) = rest.split_once('>')?;
        let (body, _) = rest.split_once("</script>")?;
        (!attributes.contains("src=")).then_some(body)
    })
}

fn sha256_base64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inline_scripts_are_hashed_byte_for_byte() {
        let html = r#"<script src="/app.js"></script>
            <script type="module">
 import init from '/app.js';</script><p>text</p>"#;
        let bodies: Vec<_> = inline_scripts(html).collect();
        assert_eq!(bodies, ["\n import init from '/app.js';"]);
        let policy = strict_csp(html);
        assert_eq!(policy.matches("'sha256-").count(), 1);
        assert!(policy.contains(&sha256_base64("\n import init from '/app.js';")));
        assert_ne!(sha256_base64("a"), sha256_base64("a "));
    }

    #[test]
    fn a_page_without_inline_scripts_allows_none() {
        let policy = strict_csp("<html><script src=x.js></script></html>");
        assert!(!policy.contains("sha256"));
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval';"));
    }
}
