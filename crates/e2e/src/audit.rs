//! What assistive technology and an accessibility audit see of a page:
//! axe-core's rules run in the page, Chromium's own accessibility tree
//! (the names a screen reader announces), and the emulated media features
//! (`prefers-color-scheme`) and browser languages a reader may have.
//!
//! axe-core is the npm package (version pinned by `scripts/setup`, in
//! `.cache/npm`), injected into the page as it is when a test asks for an
//! audit; nothing of it ships with the site.

use std::path::PathBuf;

use fantoccini::Client;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::{Error, Result};
use crate::probe::cdp;
use crate::site::workspace_root;

/// Where `scripts/setup` installs axe-core.
pub fn axe_script_path() -> PathBuf {
    workspace_root().join(".cache/npm/node_modules/axe-core/axe.min.js")
}

/// One rule axe-core found broken, with the elements that break it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Violation {
    /// The rule (`color-contrast`, `target-size`, …).
    pub id: String,
    /// How bad: minor, moderate, serious, critical.
    pub impact: Option<String>,
    /// What the rule asks for.
    pub help: String,
    /// CSS paths of the offending elements, with axe's summary of each.
    pub nodes: Vec<String>,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}): {}\n    {}",
            self.id,
            self.impact.as_deref().unwrap_or("?"),
            self.help,
            self.nodes.join("\n    ")
        )
    }
}

/// Runs every default rule of axe-core on the page as it is now, and
/// `target-size` (WCAG 2.2's 24 px targets, which Lighthouse's mobile audit
/// runs too), and returns the violations (none is the goal). axe is
/// injected on the first call in each document.
///
/// # Errors
/// [`Error::Read`] if axe-core is not installed (run `scripts/setup`),
/// [`Error::Unexpected`] if the audit itself fails.
pub async fn axe_violations(client: &Client) -> Result<Vec<Violation>> {
    let loaded = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await?;
    if loaded != Value::Bool(true) {
        let path = axe_script_path();
        let source = std::fs::read_to_string(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        client
            .execute(&format!("{source}\nreturn true;"), vec![])
            .await?;
    }
    let report = client
        .execute_async(
            r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } })
              .then((r) => done(JSON.stringify(r.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' ')),
              })))))
              .catch((e) => done('axe failed: ' + e));
            "#,
            vec![],
        )
        .await?;
    let text = report.as_str().unwrap_or_default();
    serde_json::from_str(text).map_err(|_| Error::Unexpected {
        doing: "running axe-core".into(),
        value: report.to_string(),
    })
}

/// A node of Chromium's accessibility tree: what a screen reader is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxNode {
    /// The computed role (`button`, `combobox`, `dialog`, `image`, …).
    pub role: String,
    /// The computed accessible name.
    pub name: String,
    /// The computed description (e.g. from `title`), if any.
    pub description: String,
}

/// The page's whole accessibility tree as Chromium computes it (the
/// DevTools protocol's `Accessibility.getFullAXTree`), ignored nodes left out.
///
/// # Errors
/// [`Error::Command`] if the protocol command fails.
pub async fn accessibility_tree(client: &Client) -> Result<Vec<AxNode>> {
    cdp(client, "Accessibility.enable", json!({})).await?;
    let tree = cdp(client, "Accessibility.getFullAXTree", json!({})).await?;
    let text = |node: &Value, key: &str| {
        node.pointer(&format!("/{key}/value"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    Ok(tree
        .get("nodes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|node| node.get("ignored") != Some(&Value::Bool(true)))
        .map(|node| AxNode {
            role: text(node, "role"),
            name: text(node, "name"),
            description: text(node, "description"),
        })
        .collect())
}

/// Emulates the reader's colour-scheme preference (`"dark"`, `"light"`)
/// for the current page and the next ones of the session.
///
/// # Errors
/// [`Error::Command`] if the protocol command fails.
pub async fn emulate_color_scheme(client: &Client, scheme: &str) -> Result<()> {
    cdp(
        client,
        "Emulation.setEmulatedMedia",
        json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
    )
    .await?;
    Ok(())
}

/// Makes the browser prefer these languages (`navigator.languages` and the
/// `Accept-Language` header), e.g. `"ru-RU,ru"`, from the next page loaded.
///
/// # Errors
/// [`Error::Command`] if the protocol command fails.
pub async fn emulate_languages(client: &Client, accept_language: &str) -> Result<()> {
    let user_agent = client
        .execute("return navigator.userAgent;", vec![])
        .await?;
    cdp(
        client,
        "Emulation.setUserAgentOverride",
        json!({
            "userAgent": user_agent.as_str().unwrap_or_default(),
            "acceptLanguage": accept_language,
        }),
    )
    .await?;
    Ok(())
}
