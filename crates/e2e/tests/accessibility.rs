//! The accessibility audit (issue 12): axe-core 4, every default rule,
//! injected into the real page, finds nothing on the first view, an open
//! popup and the embed dialog, at desktop and phone sizes, in the light and
//! the dark colour scheme. Also: the popup never covers the download links.

use anyhow::{ensure, Result};
use e2e::audit::{axe_violations, emulate_color_scheme};
use e2e::{BrowserOptions, MapPage};
use serde_json::Value;

use super::{Session, BATKEN};

/// Fails with axe's report if the page breaks any rule now.
async fn ensure_no_violations(map: &MapPage<'_>, state: &str) -> Result<()> {
    let violations = axe_violations(map.client()).await?;
    ensure!(
        violations.is_empty(),
        "axe-core, {state}:\n{}",
        violations
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
    Ok(())
}

/// Audits every state the map can be in, in both colour schemes.
async fn audit_every_state(options: BrowserOptions, size: &str) -> Result<()> {
    let session = Session::start(options).await?;
    let client = session.browser.client();
    for scheme in ["light", "dark"] {
        emulate_color_scheme(client, scheme).await?;
        client.goto("about:blank").await?;
        let map = MapPage::open(client, &session.server.url()).await?;
        map.settle().await?;
        ensure_no_violations(&map, &format!("first view, {size}, {scheme}")).await?;

        // A script's click: on a phone Batken's marker may lie under the
        // title card, and the popup is what is audited here.
        map.script(
            r#"document.querySelector('button[data-testid="marker"][data-place-id^="batken-"]').click();"#,
            vec![],
        )
        .await?;
        map.wait_for_popup().await?;
        map.settle().await?;
        ensure_no_violations(&map, &format!("popup of {BATKEN}, {size}, {scheme}")).await?;
        map.click_testid("popup-close").await?;
        map.wait_for_popup_closed().await?;

        map.click_testid("embed-button").await?;
        map.wait_for("the embed dialog", || async {
            map.exists(r#"[data-testid="embed-dialog"]"#).await
        })
        .await?;
        map.settle().await?;
        ensure_no_violations(&map, &format!("embed dialog, {size}, {scheme}")).await?;
        map.click_testid("embed-close").await?;
    }
    session.finish().await
}

#[tokio::test]
async fn axe_finds_nothing_at_desktop_size() -> Result<()> {
    audit_every_state(BrowserOptions::DESKTOP, "desktop").await
}

#[tokio::test]
async fn axe_finds_nothing_at_phone_size() -> Result<()> {
    audit_every_state(BrowserOptions::PHONE, "phone").await
}

/// The rectangle of `css` in viewport px: `[left, top, right, bottom]`.
async fn rect(map: &MapPage<'_>, css: &str) -> Result<[f64; 4]> {
    let value = map
        .script(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect(); \
             return [r.left, r.top, r.right, r.bottom];",
            vec![Value::String(css.to_owned())],
        )
        .await?;
    let n = |i: usize| value.get(i).and_then(Value::as_f64).unwrap_or(f64::NAN);
    Ok([n(0), n(1), n(2), n(3)])
}

#[tokio::test]
async fn an_open_popup_leaves_the_download_links_visible() -> Result<()> {
    // 1280 px wide: the floating card used to reach the bottom edge, over
    // the attribution line and its links.
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    // Every marker on screen: wherever the card goes, the links stay free.
    let on_screen = map
        .script(
            r#"return [...document.querySelectorAll('button[data-testid="marker"]')]
                 .filter((m) => { const r = m.getBoundingClientRect();
                   return r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight; })
                 .map((m) => m.dataset.placeId);"#,
            vec![],
        )
        .await?;
    let ids: Vec<&str> = on_screen
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    ensure!(!ids.is_empty(), "no marker on screen");
    for id in ids {
        let marker = format!(r#"button[data-testid="marker"][data-place-id="{id}"]"#);
        map.script(
            "document.querySelector(arguments[0]).click();",
            vec![Value::String(marker)],
        )
        .await?;
        map.wait_for_popup().await?;
        let popup = rect(&map, r#"[data-testid="popup"]"#).await?;
        for link in ["download-geojson", "download-csv"] {
            let link = rect(&map, &format!(r#"[data-testid="{link}"]"#)).await?;
            let overlap = popup[0] < link[2]
                && link[0] < popup[2]
                && popup[1] < link[3]
                && link[1] < popup[3];
            ensure!(
                !overlap,
                "the popup of {id} {popup:?} covers a download link {link:?}"
            );
        }
        map.click_testid("popup-close").await?;
        map.wait_for_popup_closed().await?;
    }
    session.finish().await
}

/// Audits the other helpers' panels: the article list opened, the search
/// box's results, the zone dialog, in both colour schemes (desktop).
#[tokio::test]
async fn axe_finds_nothing_in_the_list_the_search_results_and_a_zone_dialog() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let client = session.browser.client();
    for scheme in ["light", "dark"] {
        emulate_color_scheme(client, scheme).await?;
        client.goto("about:blank").await?;
        let map = MapPage::open(client, &session.server.url()).await?;
        if map.exists(r#"[data-testid="list-toggle"]"#).await? {
            map.unfold_article_list().await?;
            map.settle().await?;
            ensure_no_violations(&map, &format!("article list, {scheme}")).await?;
        }
        let search = client
            .find(fantoccini::Locator::Css(r#"input[data-testid="search"]"#))
            .await?;
        search.click().await?;
        search.send_keys("Bat").await?;
        map.wait_for("search options", || async {
            map.exists(r#"[role="listbox"] [role="option"]"#).await
        })
        .await?;
        map.settle().await?;
        ensure_no_violations(&map, &format!("search results, {scheme}")).await?;
        search.clear().await?;

        map.wait_for("a zone", || map.exists(r#"[data-testid="zone"]"#))
            .await?;
        map.script(
            r#"document.querySelector('[data-testid="zone"]').dispatchEvent(new MouseEvent('click', { bubbles: true }));"#,
            vec![],
        )
        .await?;
        map.wait_for("the zone dialog", || {
            map.exists(r#"[data-testid="zone-dialog"]"#)
        })
        .await?;
        map.settle().await?;
        ensure_no_violations(&map, &format!("zone dialog, {scheme}")).await?;
    }
    session.finish().await
}
