//! Distribution anywhere, privately (issue 5 part B), each in the real browser:
//! the site under a sub-path, the single self-contained file from `file://`,
//! the strict Content-Security-Policy with no inline script allowed, a
//! sandboxed iframe (opaque origin), and no request to any other host.

use std::path::{Path, PathBuf};

use anyhow::{bail, ensure, Context, Result};
use e2e::{
    browser_log, dist_dir, wait_until, Browser, BrowserOptions, StaticServer, STRICT_CSP, WAIT,
};
use fantoccini::{Client, Locator};
use serde_json::Value;

use super::{open_map, BATKEN, ONE_BROWSER_AT_A_TIME};

const MARKER: &str = r#"button[data-testid="marker"]"#;
const POPUP: &str = r#"[data-testid="popup"]"#;

/// A fresh directory of this test process for files the tests write.
fn scratch_dir(name: &str) -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("e2e-dist-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

/// Every console error since the last read, as text.
async fn console_errors(client: &Client) -> Result<Vec<String>> {
    Ok(browser_log(client)
        .await?
        .into_iter()
        .filter(|entry| entry.is_error())
        .map(|entry| entry.to_string())
        .collect())
}

/// Waits until a JS expression (in the current frame) is true; if it never
/// is, says what the page looked like and fetched.
async fn wait_for_js(client: &Client, what: &str, expression: &str) -> Result<()> {
    let script = format!("return Boolean({expression});");
    let waited = wait_until(what, WAIT, || async {
        Ok::<_, anyhow::Error>(client.execute(&script, vec![]).await? == Value::Bool(true))
    })
    .await;
    if let Err(error) = waited {
        let errors = console_errors(client).await.unwrap_or_default();
        let page = client
            .execute("return `${document.URL} (${document.readyState}), fetched ${JSON.stringify(performance.getEntriesByType('resource').map((e) => [e.name, e.responseStatus, Math.round(e.duration)]))}: ${document.body ? document.body.innerHTML.slice(0, 300) : 'no body'}`;", vec![])
            .await
            .unwrap_or_default();
        bail!("{error} in {page}; console:\n{}", errors.join("\n"));
    }
    Ok(())
}

/// How many markers sit at distinct places (rounded to a pixel) below the
/// JS node `root`, and how many markers there are: styles the browser
/// refused would leave every marker at the map's corner.
async fn marker_spread(client: &Client, root: &str) -> Result<(u64, u64)> {
    let answer = client
        .execute(
            &format!(
                "const markers = [...{root}.querySelectorAll('{MARKER}:not([hidden])')];
                 const at = markers.map((m) => {{ const r = m.getBoundingClientRect(); return `${{Math.round(r.x)}},${{Math.round(r.y)}}`; }});
                 return [new Set(at).size, markers.length];"
            ),
            vec![],
        )
        .await?;
    let field = |index: usize| answer.get(index).and_then(Value::as_u64);
    field(0)
        .zip(field(1))
        .with_context(|| format!("marker positions: {answer}"))
}

/// Fails unless the markers below `root` are spread over the map.
async fn ensure_markers_positioned(client: &Client, root: &str) -> Result<()> {
    let (places, markers) = marker_spread(client, root).await?;
    ensure!(
        markers > 2 && places * 2 > markers,
        "markers not positioned: {markers} markers at {places} distinct places"
    );
    Ok(())
}

/// Clicks the marker called `name` in the current frame and waits for its popup.
async fn click_marker_and_wait_for_popup(client: &Client, name: &str) -> Result<()> {
    wait_for_js(
        client,
        "the markers",
        &format!("document.querySelector('{MARKER}')"),
    )
    .await?;
    client
        .find(Locator::Css(&format!(r#"{MARKER}[aria-label="{name}"]"#)))
        .await
        .with_context(|| format!("no marker {name}"))?
        .click()
        .await?;
    wait_for_js(
        client,
        "the popup",
        &format!("document.querySelector('{POPUP}')"),
    )
    .await
}

/// The URLs of every resource the page (current frame) fetched.
async fn requested_urls(client: &Client) -> Result<Vec<String>> {
    let answer = client
        .execute(
            "return performance.getEntriesByType('resource').map((entry) => entry.name);",
            vec![],
        )
        .await?;
    Ok(answer
        .as_array()
        .context("resource entries are a list")?
        .iter()
        .filter_map(|name| name.as_str().map(str::to_owned))
        .collect())
}

/// Writes the single-file page of `dist/` (as `scripts/single-file` does).
fn single_file_page() -> Result<PathBuf> {
    let page = bundle::single_file(&dist_dir()?)?;
    let path = scratch_dir("single")?.join("otsc-map.html");
    std::fs::write(&path, page).with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

#[tokio::test]
async fn the_site_works_from_a_sub_path() -> Result<()> {
    let dist = dist_dir()?;
    let index = std::fs::read_to_string(dist.join("index.html"))?;
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    // A site built for `/` uses absolute URLs; one built with
    // `--public-url /some/path/` (E2E_SUB_PATH) is served where it belongs.
    let prefix = std::env::var("E2E_SUB_PATH").unwrap_or_else(|_| "/some/path/".into());
    ensure!(
        !index.contains("=\"/otsc-map") || index.contains(&format!("=\"{prefix}")),
        "dist/index.html uses absolute URLs from `/`: build with `--public-url ./` \
         or `--public-url {prefix}` (and set E2E_SUB_PATH)"
    );
    let server = StaticServer::mounted(&dist, &prefix, Vec::new())?;
    let browser = Browser::launch(BrowserOptions::DESKTOP).await?;
    let client = browser.client();
    client.goto(&format!("{}{prefix}", server.origin())).await?;
    click_marker_and_wait_for_popup(client, BATKEN).await?;
    // The data file is there too, next to the page.
    let reachable = client
        .execute(
            "return fetch('places.geojson').then((r) => r.ok ? r.json() : null)
                .then((data) => Boolean(data && data.features && data.features.length));",
            vec![],
        )
        .await?;
    ensure!(
        reachable == Value::Bool(true),
        "places.geojson is not reachable relative to the page"
    );
    let errors = console_errors(client).await?;
    ensure!(
        errors.is_empty(),
        "console errors under {prefix}:\n{}",
        errors.join("\n")
    );
    browser.quit().await?;
    Ok(())
}

#[tokio::test]
async fn the_single_file_opens_from_the_file_system() -> Result<()> {
    let page = single_file_page()?;
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    // No server at all, and Chromium's default file:// rules.
    let browser = Browser::launch(BrowserOptions::DESKTOP).await?;
    let client = browser.client();
    client.goto(&format!("file://{}", page.display())).await?;
    click_marker_and_wait_for_popup(client, BATKEN).await?;
    let urls = requested_urls(client).await?;
    ensure!(urls.is_empty(), "the single file fetched {urls:?}");
    let errors = console_errors(client).await?;
    ensure!(
        errors.is_empty(),
        "console errors from file://:\n{}",
        errors.join("\n")
    );
    browser.quit().await?;
    Ok(())
}

#[tokio::test]
async fn the_site_runs_under_a_csp_without_inline_scripts() -> Result<()> {
    let dist = dist_dir()?;
    let index = std::fs::read_to_string(dist.join("index.html"))?;
    ensure!(
        !index.contains("<script type=\"module\">"),
        "dist/index.html still has an inline loader (the Trunk post_build hook moves it to {})",
        bundle::LOADER_FILE
    );
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let csp = (
        "Content-Security-Policy".to_string(),
        STRICT_CSP.to_string(),
    );
    let server = StaticServer::with_headers(&dist, vec![csp])?;
    let browser = Browser::launch(BrowserOptions::DESKTOP).await?;
    let map = open_map(&browser, &server).await?;
    ensure_markers_positioned(map.client(), "document").await?;
    map.open_popup(BATKEN).await?;
    map.click_testid("zoom-in").await?;
    map.settled_marker_centre(BATKEN).await?;
    // The popup sits beside its marker (placed through the CSSOM), not at the corner.
    let popup_left = map
        .client()
        .execute(
            &format!("return getComputedStyle(document.querySelector('{POPUP}')).left;"),
            vec![],
        )
        .await?;
    ensure!(
        popup_left
            .as_str()
            .is_some_and(|left| left != "auto" && left != "0px"),
        "the popup is not placed: left {popup_left}"
    );
    // Chromium reports each violation on the console ("Refused to ...").
    let errors = console_errors(map.client()).await?;
    ensure!(
        errors.is_empty(),
        "errors under CSP {STRICT_CSP:?}:\n{}",
        errors.join("\n")
    );
    browser.quit().await?;
    Ok(())
}

#[tokio::test]
async fn the_site_makes_no_request_to_another_host() -> Result<()> {
    let dist = dist_dir()?;
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let server = StaticServer::start(&dist)?;
    let browser = Browser::launch(BrowserOptions::DESKTOP).await?;
    let map = open_map(&browser, &server).await?;
    map.open_popup(BATKEN).await?;
    map.press_escape().await?;
    map.click_testid("zoom-in").await?;
    map.drag_map(-80.0, 40.0).await?;
    // Whatever the gestures made the page fetch, it has fetched once the
    // view rests and the fragment that follows it is written.
    map.settled_location_hash().await?;
    map.settle().await?;
    let urls = requested_urls(map.client()).await?;
    ensure!(
        !urls.is_empty(),
        "no resource entry at all: the probe is blind"
    );
    let origin = server.origin();
    let foreign: Vec<_> = urls
        .iter()
        .filter(|url| !url.starts_with(&format!("{origin}/")) && !url.starts_with("data:"))
        .collect();
    ensure!(
        foreign.is_empty(),
        "requests to other hosts than {origin}: {foreign:?}"
    );
    browser.quit().await?;
    Ok(())
}

/// Writes a host page that frames `src` in a sandbox of scripts only.
fn sandbox_host(dir: &Path, src: &str) -> Result<()> {
    let page = format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,"></head>
<body style="margin:0"><iframe sandbox="allow-scripts" src="{src}" title="Map"
 onload="this.dataset.loaded = 'yes'"
 style="border:0;width:1000px;height:700px"></iframe></body></html>"#
    );
    std::fs::write(dir.join("index.html"), page).context("writing the sandbox host page")
}

#[tokio::test]
async fn the_map_works_in_a_sandboxed_iframe() -> Result<()> {
    // In `sandbox="allow-scripts"` the page has an opaque origin: every fetch
    // of a relative URL is cross-origin. The single-file page needs none (the
    // wasm, the glue, the CSS and the data are all inside it), so a host can
    // frame it with nothing but scripts allowed and no CORS set-up.
    let page = single_file_page()?;
    let map_dir = page.parent().context("the page has a directory")?;
    map_works_in_a_sandboxed_iframe(map_dir, "otsc-map.html", Vec::new(), "sandbox").await
}

#[tokio::test]
async fn the_served_site_works_in_a_sandboxed_iframe() -> Result<()> {
    // The served dist/ in the same sandbox: its module scripts and wasm are
    // CORS fetches from an opaque origin (`Origin: null`), which a host
    // allows with `Access-Control-Allow-Origin: *`; its stylesheet, without
    // an integrity attribute (index.html), loads as any cross-origin one.
    let cors = vec![("Access-Control-Allow-Origin".to_string(), "*".to_string())];
    map_works_in_a_sandboxed_iframe(&dist_dir()?, "index.html", cors, "sandbox-served").await
}

/// Serves `page` of `map_dir` (with `headers`) and frames it from a host page
/// on another loopback port in a `sandbox="allow-scripts"` iframe; checks the
/// frame's origin is opaque, a marker opens its popup, the markers are laid
/// out, and the console stays clean.
async fn map_works_in_a_sandboxed_iframe(
    map_dir: &Path,
    page: &str,
    headers: Vec<(String, String)>,
    scratch: &str,
) -> Result<()> {
    let host_dir = scratch_dir(scratch)?;
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let map_server = StaticServer::with_headers(map_dir, headers)?;
    sandbox_host(&host_dir, &format!("{}{page}", map_server.url()))?;
    let host_server = StaticServer::start(&host_dir)?;
    let browser = Browser::launch(BrowserOptions::DESKTOP).await?;
    let client = browser.client();
    client.goto(&host_server.url()).await?;
    // Enter the frame once its document is the map's, not the initial blank one.
    wait_for_js(
        client,
        "the iframe to load",
        "document.querySelector('iframe[data-loaded]')",
    )
    .await?;
    client.enter_frame(0).await?;
    let origin = client.execute("return window.origin;", vec![]).await?;
    ensure!(
        origin == "null",
        "the frame is not sandboxed: origin {origin}"
    );
    click_marker_and_wait_for_popup(client, BATKEN).await?;
    ensure_markers_positioned(client, "document").await?;
    // The stylesheet applies (a cross-origin `<link>` with an integrity
    // attribute and no `crossorigin` would be refused in the sandbox).
    let touch_action = client
        .execute(
            "return getComputedStyle(document.querySelector('[data-testid=map]')).touchAction;",
            vec![],
        )
        .await?;
    ensure!(
        touch_action == "none",
        "the map's stylesheet did not apply in the sandbox (touch-action {touch_action})"
    );
    let errors = console_errors(client).await?;
    ensure!(
        errors.is_empty(),
        "console errors in the sandboxed iframe:\n{}",
        errors.join("\n")
    );
    browser.quit().await?;
    Ok(())
}

/// JS: the `<otsc-map>` element's shadow root.
const SHADOW: &str = "document.querySelector('otsc-map').shadowRoot";

/// The computed `background-color` and `font-size` of an element, via a JS
/// expression that finds it.
async fn button_style(client: &Client, element: &str) -> Result<(String, String)> {
    let answer = client
        .execute(
            &format!(
                "const style = getComputedStyle({element});
                 return [style.backgroundColor, style.fontSize];"
            ),
            vec![],
        )
        .await?;
    let field = |index: usize| answer.get(index).and_then(Value::as_str).map(str::to_owned);
    field(0)
        .zip(field(1))
        .with_context(|| format!("styles of {element}: {answer}"))
}

#[tokio::test]
async fn the_custom_element_renders_the_map_in_a_shadow_root() -> Result<()> {
    let dist = dist_dir()?;
    ensure!(
        dist.join("otsc-map-element.js").is_file() && dist.join(bundle::LOADER_FILE).is_file(),
        "dist/ lacks otsc-map-element.js or {}: rebuild with trunk",
        bundle::LOADER_FILE
    );
    // The example page, next to the built site as its comment says.
    let host_dir = scratch_dir("element")?;
    let example = e2e::workspace_root().join("examples/custom-element.html");
    std::fs::copy(&example, host_dir.join("index.html"))
        .with_context(|| format!("copying {}", example.display()))?;
    for entry in std::fs::read_dir(&dist)? {
        let path = entry?.path();
        if path.is_file() && path.file_name() != Some("index.html".as_ref()) {
            std::fs::copy(&path, host_dir.join(path.file_name().unwrap_or_default()))?;
        }
    }
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let server = StaticServer::start(&host_dir)?;
    let browser = Browser::launch(BrowserOptions::DESKTOP).await?;
    let client = browser.client();
    client.goto(&server.url()).await?;
    let probe = "document.getElementById('style-probe')";
    let probe_before = button_style(client, probe).await?;
    wait_for_js(
        client,
        "markers inside the shadow root",
        &format!("{SHADOW} && {SHADOW}.querySelector('{MARKER}')"),
    )
    .await?;
    let light_dom_markers = client
        .execute(
            &format!("return document.querySelectorAll('{MARKER}').length;"),
            vec![],
        )
        .await?;
    ensure!(light_dom_markers == 0, "markers leaked into the light DOM");
    // The host's loud `button` rule stops at the shadow root...
    let marker = format!("{SHADOW}.querySelector('{MARKER}')");
    let (marker_background, marker_font) = button_style(client, &marker).await?;
    ensure!(
        marker_background != probe_before.0 && marker_font != probe_before.1,
        "the host's button style reached the map's marker: {marker_background}, {marker_font}"
    );
    // ...and the map's stylesheet stays inside it.
    let probe_after = button_style(client, probe).await?;
    ensure!(
        probe_after == probe_before,
        "the map changed the host's button: {probe_before:?} -> {probe_after:?}"
    );
    // A click on a marker opens its popup, inside the shadow root too.
    client
        .execute(
            &format!("{SHADOW}.querySelector('{MARKER}[aria-label=\"{BATKEN}\"]').click();"),
            vec![],
        )
        .await?;
    wait_for_js(
        client,
        "the popup",
        &format!("{SHADOW}.querySelector('{POPUP}')"),
    )
    .await?;
    let title = client
        .execute(
            &format!("return {SHADOW}.querySelector('{POPUP} h2').textContent;"),
            vec![],
        )
        .await?;
    ensure!(title == BATKEN, "popup title {title}");
    let errors = console_errors(client).await?;
    ensure!(
        errors.is_empty(),
        "console errors with the custom element:\n{}",
        errors.join("\n")
    );
    browser.quit().await?;
    Ok(())
}

/// A host page of no inline script or style, for the strict policy: the
/// element, its script, and the host's stylesheet, all files.
fn strict_element_host(dir: &Path) -> Result<()> {
    let page = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>Strict host</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="host.css">
<script type="module" src="otsc-map-element.js"></script></head>
<body><otsc-map place="batken-1528735" lang="en" embed></otsc-map></body></html>"#;
    std::fs::write(dir.join("index.html"), page).context("writing the strict host page")?;
    std::fs::write(
        dir.join("host.css"),
        "otsc-map { width: 900px; height: 600px; }\n",
    )
    .context("writing the strict host's stylesheet")
}

#[tokio::test]
async fn the_custom_element_runs_under_a_strict_host_csp() -> Result<()> {
    // The element's styles and the app's stylesheet are adopted sheets, and
    // the app sets positions through the CSSOM: a host whose policy refuses
    // every inline style and script still shows a working map.
    let dist = dist_dir()?;
    let host_dir = scratch_dir("strict-element")?;
    for entry in std::fs::read_dir(&dist)? {
        let path = entry?.path();
        if path.is_file() && path.file_name() != Some("index.html".as_ref()) {
            std::fs::copy(&path, host_dir.join(path.file_name().unwrap_or_default()))?;
        }
    }
    strict_element_host(&host_dir)?;
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let csp = (
        "Content-Security-Policy".to_string(),
        STRICT_CSP.to_string(),
    );
    let server = StaticServer::with_headers(&host_dir, vec![csp])?;
    let browser = Browser::launch(BrowserOptions::DESKTOP).await?;
    let client = browser.client();
    client.goto(&server.url()).await?;
    wait_for_js(
        client,
        "markers inside the shadow root",
        &format!("{SHADOW} && {SHADOW}.querySelector('{MARKER}')"),
    )
    .await?;
    ensure_markers_positioned(client, SHADOW).await?;
    // The app's stylesheet reached the shadow root (beside the element's
    // own): markers are laid over the map.
    let styles = client
        .execute(
            &format!(
                "return [getComputedStyle({SHADOW}.querySelector('{MARKER}')).position,
                         {SHADOW}.adoptedStyleSheets.length];"
            ),
            vec![],
        )
        .await?;
    ensure!(
        styles.get(0).and_then(Value::as_str) == Some("absolute")
            && styles.get(1).and_then(Value::as_u64) == Some(2),
        "the app's stylesheet is not adopted by the shadow root: [marker position, adopted sheets] = {styles}"
    );
    let errors = console_errors(client).await?;
    ensure!(
        errors.is_empty(),
        "errors with the custom element under CSP {STRICT_CSP:?}:\n{}",
        errors.join("\n")
    );
    browser.quit().await?;
    Ok(())
}

#[tokio::test]
async fn the_custom_element_takes_lang_and_theme_attributes() -> Result<()> {
    let dist = dist_dir()?;
    let host_dir = scratch_dir("element-lang-theme")?;
    for entry in std::fs::read_dir(&dist)? {
        let path = entry?.path();
        if path.is_file() && path.file_name() != Some("index.html".as_ref()) {
            std::fs::copy(&path, host_dir.join(path.file_name().unwrap_or_default()))?;
        }
    }
    let page = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>Host</title>
<link rel="icon" href="data:,"><script type="module" src="otsc-map-element.js"></script></head>
<body><otsc-map lang="ru" theme="dark" style="width:900px;height:600px"></otsc-map></body></html>"#;
    std::fs::write(host_dir.join("index.html"), page)?;
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let server = StaticServer::start(&host_dir)?;
    let browser = Browser::launch(BrowserOptions::DESKTOP).await?;
    let client = browser.client();
    client.goto(&server.url()).await?;
    let map = format!("{SHADOW}.querySelector('main[data-testid=\"map\"]')");
    wait_for_js(
        client,
        "a Russian, dark map in the shadow root",
        &format!(
            "{SHADOW} && {SHADOW}.querySelector('{MARKER}') && {map}.lang === 'ru' \
             && {map}.dataset.theme === 'dark'"
        ),
    )
    .await?;
    // Painted dark: the sea's computed colour is dark.
    let sea = client
        .execute(
            &format!("return getComputedStyle({map}).backgroundColor;"),
            vec![],
        )
        .await?;
    let channels: Vec<f64> = sea
        .as_str()
        .unwrap_or_default()
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .filter_map(|c| c.trim().parse().ok())
        .collect();
    ensure!(
        channels.len() == 3 && channels.iter().all(|&c| c < 60.0),
        "theme=\"dark\" painted the sea {sea}"
    );
    // Changing the attribute re-mounts the map in the new language.
    client
        .execute(
            "document.querySelector('otsc-map').setAttribute('lang', 'fr');",
            vec![],
        )
        .await?;
    wait_for_js(
        client,
        "the map in French",
        &format!("{map} && {map}.lang === 'fr'"),
    )
    .await?;
    let errors = console_errors(client).await?;
    ensure!(errors.is_empty(), "console errors:\n{}", errors.join("\n"));
    browser.quit().await?;
    Ok(())
}
