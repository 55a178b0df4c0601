//! The Content-Security-Policy the site must run under, as a careful host
//! would send it (the README promises it): only the site's own scripts, no
//! `'unsafe-inline'` at all and no hashes, WebAssembly compilation but no
//! `eval`, no foreign connections.
//!
//! `style-src 'self'` refuses `style="…"` attributes and `<style>` elements,
//! so the app sets positions and sizes through the CSSOM (Leptos
//! `style:left=…`, i.e. `element.style.setProperty`) and gives a shadow root
//! its stylesheet as a constructable (adopted) sheet; CSP allows both.

/// The policy, as a `Content-Security-Policy` header value.
pub const STRICT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_nothing_inline_and_no_eval() {
        assert!(!STRICT_CSP.contains("unsafe-inline"));
        assert!(!STRICT_CSP.contains("'unsafe-eval'"));
        assert!(!STRICT_CSP.contains("sha256-"));
        assert!(STRICT_CSP.contains("style-src 'self';"));
    }
}
