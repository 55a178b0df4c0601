//! The map's state in the URL (permalinks, Back/Forward, language, article
//! filter), the Embed dialog, and the iframe postMessage protocol with a
//! host page served from another origin (`examples/iframe.html`).

use anyhow::{ensure, Context, Result};
use e2e::{wait_until, workspace_root, BrowserOptions, MapPage, StaticServer, WAIT};
use fantoccini::Locator;
use serde_json::Value;

use super::{border_war_seed, seeds, Session, ALMATY, BATKEN, VORUKH};

/// Loads `url` as a new document (a bare change of fragment on the same
/// page would only fire `hashchange`), and waits for the map.
async fn open_fresh<'a>(session: &'a Session, url: &str) -> Result<MapPage<'a>> {
    session.browser.client().goto("about:blank").await?;
    Ok(MapPage::open(session.browser.client(), url).await?)
}

#[tokio::test]
async fn permalink_restores_popup_and_view() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    map.open_popup(BATKEN).await?;
    map.click_testid("zoom-in").await?;
    map.drag_map(-90.0, 40.0).await?;
    map.wait_for_popup().await?;
    let hash = map.settled_location_hash().await?;
    ensure!(
        hash.contains("place=") && hash.contains("at="),
        "no permalink in {hash:?}"
    );
    let before = [
        map.settled_marker_centre(VORUKH).await?,
        map.settled_marker_centre(ALMATY).await?,
    ];

    let url = format!("{}{hash}", session.server.url());
    let map = open_fresh(&session, &url).await?;
    map.wait_for_popup().await?;
    ensure!(
        map.popup_label().await? == BATKEN,
        "the permalink {url} did not open {BATKEN}"
    );
    let after = [
        map.settled_marker_centre(VORUKH).await?,
        map.settled_marker_centre(ALMATY).await?,
    ];
    for (b, a) in before.iter().zip(&after) {
        ensure!(
            b.distance(*a) <= 1.0,
            "the view moved: {before:?} then {after:?} (link {url})"
        );
    }
    ensure!(
        map.location_hash().await? == hash,
        "opening the link rewrote it"
    );
    session.finish().await
}

#[tokio::test]
async fn back_and_forward_step_through_selections() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    map.open_popup(BATKEN).await?;
    map.press_escape().await?;
    map.wait_for_popup_closed().await?;
    map.open_popup(ALMATY).await?;
    let client = session.browser.client();

    client.back().await?;
    map.wait_for_popup_closed().await?;
    client.back().await?;
    map.wait_for_popup().await?;
    ensure!(
        map.popup_label().await? == BATKEN,
        "Back twice should reopen {BATKEN}"
    );
    ensure!(
        map.location_hash().await?.contains("place=batken"),
        "URL does not name Batken"
    );

    client.forward().await?;
    map.wait_for_popup_closed().await?;
    client.forward().await?;
    map.wait_for_popup().await?;
    ensure!(
        map.popup_label().await? == ALMATY,
        "Forward twice should reopen {ALMATY}"
    );
    session.finish().await
}

#[tokio::test]
async fn lang_fr_shows_french_labels() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let english = session
        .map()
        .await?
        .texts("svg[data-testid=basemap] .country-label")
        .await?;
    let map = open_fresh(&session, &format!("{}#lang=fr", session.server.url())).await?;
    let french = map.texts("svg[data-testid=basemap] .country-label").await?;
    ensure!(
        english.iter().any(|n| n == "Mongolia"),
        "no English label Mongolia in {english:?}"
    );
    ensure!(
        french.iter().any(|n| n == "Mongolie"),
        "no French label Mongolie in {french:?}"
    );
    ensure!(
        map.exists(r#"main[data-testid="map"][lang="fr"]"#).await?,
        "the map is not marked lang=fr"
    );
    let legend = map.texts(".legend summary").await?;
    ensure!(legend == ["Légende"], "legend summary {legend:?}");
    map.open_popup(BATKEN).await?;
    let summary = map.texts(".popup-summary").await?;
    ensure!(
        summary.iter().any(|s| s.contains(" dans ")),
        "popup summary not in French: {summary:?}"
    );
    session.finish().await
}

#[tokio::test]
async fn article_filter_shows_only_its_places_until_cleared() -> Result<()> {
    let seeds = seeds()?;
    let seed = border_war_seed(&seeds)?;
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let all = session.map().await?.visible_marker_names().await?;
    let map = open_fresh(
        &session,
        &format!("{}#filter={}", session.server.url(), seed.id),
    )
    .await?;
    let chip = map
        .client()
        .find(Locator::Css(r#"[data-testid="filter-chip"]"#))
        .await?;
    ensure!(!chip.text().await?.is_empty(), "the filter chip is empty");
    let filtered = map.visible_marker_names().await?;
    ensure!(
        filtered.iter().any(|n| n == BATKEN),
        "{BATKEN} filtered out: {filtered:?}"
    );
    ensure!(
        !filtered.is_empty() && filtered.len() < all.len(),
        "filter kept {} of {} markers",
        filtered.len(),
        all.len()
    );
    map.click_testid("clear-filter").await?;
    map.wait_for("every marker back", || async {
        Ok(map.visible_marker_names().await?.len() == all.len())
    })
    .await?;
    ensure!(
        !map.exists(r#"[data-testid="filter-chip"]"#).await?,
        "the chip stayed"
    );
    ensure!(
        !map.settled_location_hash().await?.contains("filter="),
        "the URL kept the filter"
    );
    session.finish().await
}

#[tokio::test]
async fn embed_dialog_gives_an_iframe_snippet_of_the_current_state() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    map.open_popup(VORUKH).await?;
    map.press_escape().await?;
    map.open_popup(VORUKH).await?;
    map.click_testid("embed-button").await?;
    let textarea = map
        .client()
        .find(Locator::Css(r#"[data-testid="embed-snippet"]"#))
        .await?;
    let snippet = textarea.prop("value").await?.unwrap_or_default();
    ensure!(snippet.starts_with("<iframe src=\""), "snippet: {snippet}");
    ensure!(
        snippet.contains(r#"title="Map of the CSTO conflict zones in the news""#),
        "no title: {snippet}"
    );
    ensure!(
        snippet.contains("embed=1") && snippet.contains("place=") && snippet.contains("lang=en"),
        "state missing: {snippet}"
    );
    map.client()
        .find(Locator::Css(r#"[data-testid="embed-copy"]"#))
        .await?
        .click()
        .await?;
    map.wait_for("copy feedback", || async {
        Ok(map
            .texts(".copy-feedback")
            .await?
            .iter()
            .any(|t| !t.is_empty()))
    })
    .await?;

    // The snippet's address is the same place, in the compact chrome.
    let src = snippet
        .split('"')
        .nth(1)
        .context("no src")?
        .replace("&amp;", "&");
    let embedded = open_fresh(&session, &src).await?;
    embedded.wait_for_popup().await?;
    ensure!(
        embedded.popup_label().await? == VORUKH,
        "embedded map did not open {VORUKH}"
    );
    ensure!(
        !embedded.exists(".legend").await?,
        "the embedded map shows the legend"
    );
    let link = embedded
        .client()
        .find(Locator::Css(r#"[data-testid="full-map-link"]"#))
        .await?;
    let href = link.attr("href").await?.unwrap_or_default();
    ensure!(
        href.contains("place=") && !href.contains("embed"),
        "full-map link {href}"
    );
    ensure!(
        link.attr("target").await?.as_deref() == Some("_blank"),
        "link not in a new tab"
    );
    ensure!(
        link.attr("rel")
            .await?
            .unwrap_or_default()
            .contains("noopener"),
        "link without noopener"
    );
    session.finish().await
}

/// The iframe's height in the host page.
async fn iframe_height(session: &Session) -> Result<f64> {
    let value = session
        .browser
        .client()
        .execute(
            "return document.getElementById('map').getBoundingClientRect().height;",
            vec![],
        )
        .await?;
    value.as_f64().context("iframe height")
}

/// The host page's `#selected` text.
async fn host_selected(session: &Session) -> Result<String> {
    let value = session
        .browser
        .client()
        .execute(
            "return document.getElementById('selected').textContent;",
            vec![],
        )
        .await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}

/// Waits for `condition`, for up to [`WAIT`].
async fn eventually<F, Fut>(what: &str, condition: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<bool>>,
{
    wait_until(what, WAIT, condition).await
}

#[tokio::test]
async fn iframe_on_another_origin_resizes_and_reports_the_selection() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let host = StaticServer::start(&workspace_root().join("examples"))?;
    ensure!(
        host.url() != session.server.url(),
        "host and map share an origin"
    );
    let client = session.browser.client();
    let page = format!(
        "{}iframe.html?map={}index.html",
        host.url(),
        session.server.url()
    );
    client.goto(&page).await?;

    // The host page starts the iframe at 300 px; the map asks for more.
    eventually("the iframe to take the height the map asks", || async {
        Ok((iframe_height(&session).await? - 480.0).abs() < 1.0)
    })
    .await?;

    let history_length = || async {
        Ok::<_, anyhow::Error>(client.execute("return history.length;", vec![]).await?)
    };
    let entries_before = history_length().await?;
    client.enter_frame(0).await?;
    let map = MapPage::attach(client).await?;
    ensure!(
        map.exists(".map.embed").await?,
        "the iframe map is not in embed mode"
    );
    map.open_popup(ALMATY).await?;
    client.enter_parent_frame().await?;
    eventually("#selected to name Almaty", || async {
        Ok(host_selected(&session).await? == ALMATY)
    })
    .await?;
    // The frame's selections stay out of the host page's history.
    let entries_after = history_length().await?;
    ensure!(
        entries_after == entries_before,
        "history grew from {entries_before} to {entries_after}"
    );

    // And the other way: the host selects a place by message.
    client
        .find(Locator::Css(r#"button[data-place="batken-1528735"]"#))
        .await?
        .click()
        .await?;
    eventually("#selected to name Batken", || async {
        Ok(host_selected(&session).await? == BATKEN)
    })
    .await?;
    client.enter_frame(0).await?;
    let map = MapPage::attach(client).await?;
    map.wait_for_popup().await?;
    ensure!(
        map.popup_label().await? == BATKEN,
        "the message did not open Batken's popup"
    );
    // A message of another shape is ignored.
    // Messages from one window arrive in order: once the last one (a probe
    // the test listens for) has, the map has handled the two before it.
    map.script(
        "return new Promise((handled) => {
             window.addEventListener('message', (e) => e.data === 'otsc-test:probe' && handled(true));
             window.postMessage({type: 'otsc-map:select', place: 42}, '*');
             window.postMessage({type: 'otsc-map:select', place: 'no-such-place'}, '*');
             window.postMessage('otsc-test:probe', '*');
         });",
        Vec::<Value>::new(),
    )
    .await?;
    map.settle().await?;
    ensure!(
        map.popup_label().await? == BATKEN,
        "an invalid message changed the selection"
    );
    client.enter_parent_frame().await?;
    drop(host);
    session.finish().await
}

/// A host page that opts out of the automatic mount and mounts the map
/// into a shadow root with `mount(element, options)`.
const MOUNT_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>mount test</title>
<style>button { color: rgb(255, 0, 0) !important; font-size: 40px !important; }</style></head>
<body data-otsc-no-automount>
<div id="host" style="position:relative;width:700px;height:450px;margin:30px"></div>
<button id="probe">host button</button>
<script>
addEventListener('TrunkApplicationStarted', () => {
  const root = document.getElementById('host').attachShadow({ mode: 'open' });
  const el = document.createElement('div');
  el.style.cssText = 'position:relative;width:100%;height:100%';
  root.appendChild(el);
  window.unmountMap = window.wasmBindings.mount(el, { place: 'batken-1528735', lang: 'fr' });
});
</script>
<script type="module" src="./loader.js"></script>
</body></html>
"#;

/// Runs `script` (which may use `shadow`, the host's shadow root) in the page.
async fn in_shadow(session: &Session, script: &str) -> Result<Value> {
    let body = format!("const shadow = document.getElementById('host').shadowRoot; {script}");
    Ok(session.browser.client().execute(&body, vec![]).await?)
}

#[tokio::test]
async fn mount_puts_the_map_in_a_shadow_root_with_its_options() -> Result<()> {
    let dist = e2e::dist_dir()?;
    let site = std::env::temp_dir().join(format!("e2e-mount-{}", std::process::id()));
    std::fs::create_dir_all(&site)?;
    for entry in std::fs::read_dir(&dist)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), site.join(entry.file_name()))?;
        }
    }
    std::fs::write(site.join("mount.html"), MOUNT_PAGE)?;
    let session = Session::serving(&site, BrowserOptions::DESKTOP).await?;
    let client = session.browser.client();
    client
        .goto(&format!("{}mount.html", session.server.url()))
        .await?;

    eventually("markers in the shadow root", || async {
        Ok(in_shadow(
            &session,
            "return shadow ? shadow.querySelectorAll('button.marker').length : 0;",
        )
        .await?
        .as_u64()
        .unwrap_or(0)
            > 0)
    })
    .await?;
    let checks = in_shadow(
        &session,
        "const main = shadow.querySelector('main[data-testid=map]'); \
         const r = main.getBoundingClientRect(); \
         const popup = shadow.querySelector('[data-testid=popup] h2'); \
         return { automounted: document.querySelectorAll('body > main').length, \
                  lang: main.getAttribute('lang'), position: getComputedStyle(main).position, \
                  width: r.width, height: r.height, popup: popup && popup.textContent, \
                  button_color: getComputedStyle(shadow.querySelector('.controls button')).color, \
                  hash: location.hash };",
    )
    .await?;
    ensure!(
        checks["automounted"] == 0,
        "the map also mounted itself on the body: {checks}"
    );
    ensure!(
        checks["lang"] == "fr" && checks["popup"] == BATKEN,
        "options not applied: {checks}"
    );
    ensure!(
        checks["position"] == "absolute",
        "the stylesheet is not in the shadow root: {checks}"
    );
    ensure!(
        checks["width"] == 700.0 && checks["height"] == 450.0,
        "the map does not fill its element: {checks}"
    );
    ensure!(
        checks["button_color"] != "rgb(255, 0, 0)",
        "host styles reach the map: {checks}"
    );
    ensure!(
        checks["hash"] == "",
        "a mounted map wrote the URL: {checks}"
    );

    // A click on another marker opens its popup, in the shadow root.
    in_shadow(
        &session,
        "shadow.querySelector('button.marker[aria-label=\"Almaty\"]').click();",
    )
    .await?;
    eventually("Almaty's popup", || async {
        Ok(in_shadow(
            &session,
            "const h = shadow.querySelector('[data-testid=popup] h2'); return h && h.textContent;",
        )
        .await?
            == ALMATY)
    })
    .await?;
    // A standalone map writes the fragment as the selection changes, in the
    // same effects that open the popup; let them all run.
    e2e::settle(client).await?;
    let hash = client.execute("return location.hash;", vec![]).await?;
    ensure!(hash == "", "a mounted map wrote the URL: {hash}");

    // The returned function unmounts it.
    in_shadow(&session, "window.unmountMap();").await?;
    let left = in_shadow(
        &session,
        "return shadow.querySelectorAll('main, style').length;",
    )
    .await?;
    ensure!(left == 0, "unmount left {left} elements");
    session.finish().await?;
    let _ = std::fs::remove_dir_all(&site);
    Ok(())
}

#[tokio::test]
async fn iframe_grows_for_a_popup_on_a_phone() -> Result<()> {
    let session = Session::start(BrowserOptions::PHONE).await?;
    let host = StaticServer::start(&workspace_root().join("examples"))?;
    let client = session.browser.client();
    client
        .goto(&format!(
            "{}iframe.html?map={}index.html",
            host.url(),
            session.server.url()
        ))
        .await?;
    eventually("the iframe at the base height", || async {
        Ok((iframe_height(&session).await? - 480.0).abs() < 1.0)
    })
    .await?;
    client.enter_frame(0).await?;
    let map = MapPage::attach(client).await?;
    map.open_popup(BATKEN).await?;
    let wanted = map
        .script(
            "return document.querySelector('[data-testid=popup]').scrollHeight / 0.6;",
            vec![],
        )
        .await?
        .as_f64()
        .context("popup height")?;
    client.enter_parent_frame().await?;
    // Batken's popup lists many excerpts: a bottom sheet needs more than 480 px.
    ensure!(wanted > 480.0, "the test needs a long popup, got {wanted}");
    eventually("the iframe to grow for the popup", || async {
        Ok(iframe_height(&session).await? > 480.0 + 1.0)
    })
    .await?;
    drop(host);
    session.finish().await
}

/// The `at=lon,lat,pxPerKm` of a fragment.
fn at_of(hash: &str) -> Result<[f64; 3]> {
    let at = hash
        .trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("at="))
        .with_context(|| format!("no at= in {hash:?}"))?;
    let numbers: Vec<f64> = at
        .split(',')
        .map(str::parse)
        .collect::<std::result::Result<_, _>>()
        .with_context(|| format!("at={at}"))?;
    numbers
        .try_into()
        .map_err(|n| anyhow::anyhow!("at= has {n:?}, not three numbers"))
}

#[tokio::test]
async fn a_link_to_a_place_opens_on_it_with_its_neighbours() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let whole = session.map().await?;
    let [.., first_scale] = at_of(&whole.settled_location_hash().await?)?;
    let size = whole
        .script("return [innerWidth, innerHeight];", vec![])
        .await?;
    let (width, height) = (
        size[0].as_f64().context("innerWidth")?,
        size[1].as_f64().context("innerHeight")?,
    );

    const BATKEN_ID: &str = "batken-1528735";
    let url = format!("{}#place={BATKEN_ID}", session.server.url());
    let map = open_fresh(&session, &url).await?;
    let popup = map.wait_for_popup().await?;
    ensure!(map.popup_label().await? == BATKEN);
    let [_, _, scale] = at_of(&map.settled_location_hash().await?)?;
    // `PLACE_FRAME_KM` (src/state.rs): 1,000 km across the shorter side.
    ensure!(
        scale > first_scale && scale * 1_000.0 >= width.min(height) * 0.99,
        "the link opens at {scale} px/km, the first view is at {first_scale}"
    );
    let marker = map.settled_marker_centre(BATKEN).await?;
    ensure!(
        (marker.x - width / 2.0).abs() < width / 4.0
            && (marker.y - height / 2.0).abs() < height / 4.0,
        "{BATKEN} is at {marker:?}, not near the middle of {width}x{height}"
    );
    // Neither the marker nor its name (the label just before it, when the
    // place has one) lies under the card that tells about it.
    let covered = map
        .script(
            "const card = arguments[0].getBoundingClientRect(); \
             const marker = document.querySelector(`[data-testid=marker][data-place-id='${arguments[1]}']`); \
             const label = marker.previousElementSibling; \
             const boxes = [marker.getBoundingClientRect()]; \
             if (label.classList.contains('place-label') && getComputedStyle(label).display !== 'none') \
               boxes.push(label.getBoundingClientRect()); \
             return boxes.filter(b => b.left < card.right && b.right > card.left \
               && b.top < card.bottom && b.bottom > card.top).length;",
            vec![serde_json::to_value(&popup)?, serde_json::json!(BATKEN_ID)],
        )
        .await?;
    ensure!(
        covered == serde_json::json!(0),
        "the popup covers {BATKEN}'s marker or its label"
    );
    // Nor the timeline below it, whose thumbs stay usable beside it.
    let over_timeline = map
        .script(
            "const card = arguments[0].getBoundingClientRect(); \
             const t = document.querySelector('[data-testid=timeline]').getBoundingClientRect(); \
             return t.left < card.right && t.right > card.left && t.top < card.bottom && t.bottom > card.top;",
            vec![serde_json::to_value(&popup)?],
        )
        .await?;
    ensure!(
        over_timeline == Value::Bool(false),
        "the popup of {BATKEN} covers the timeline"
    );
    let others = map.visible_marker_names().await?.len();
    ensure!(others >= 4, "only {others} markers around {BATKEN}");
    session.finish().await
}
