//! Dark mode (issue 12): the map follows the reader's
//! `prefers-color-scheme` (emulated through the DevTools protocol), and
//! `theme=dark|light` in the URL forces either. Checked on the colours the
//! browser computes for the page and for an open popup.

use anyhow::{ensure, Context, Result};
use e2e::audit::emulate_color_scheme;
use e2e::{BrowserOptions, MapPage};
use serde_json::Value;

use super::{Session, BATKEN};

/// Relative luminance (WCAG 2) of a computed CSS colour `rgb(r, g, b)` or
/// `rgba(r, g, b, a)` (the alpha is ignored: the panels are nearly opaque).
fn luminance(css: &str) -> Result<f64> {
    let inner = css
        .split_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .with_context(|| format!("not an rgb() colour: {css}"))?;
    let channels: Vec<f64> = inner
        .split(',')
        .take(3)
        .map(|c| c.trim().parse::<f64>())
        .collect::<std::result::Result<_, _>>()
        .with_context(|| format!("not an rgb() colour: {css}"))?;
    ensure!(channels.len() == 3, "not an rgb() colour: {css}");
    let linear = |c: f64| {
        let c = c / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    Ok(0.2126 * linear(channels[0]) + 0.7152 * linear(channels[1]) + 0.0722 * linear(channels[2]))
}

/// WCAG contrast ratio of two computed colours.
fn contrast(a: &str, b: &str) -> Result<f64> {
    let (a, b) = (luminance(a)?, luminance(b)?);
    Ok((a.max(b) + 0.05) / (a.min(b) + 0.05))
}

/// `(background, text colour)` computed for the first element matching `css`.
async fn colours(map: &MapPage<'_>, css: &str) -> Result<(String, String)> {
    let value = map
        .script(
            "const e = document.querySelector(arguments[0]); \
             if (!e) return null; const s = getComputedStyle(e); return [s.backgroundColor, s.color];",
            vec![Value::String(css.to_owned())],
        )
        .await?;
    let part = |i: usize| value.get(i).and_then(Value::as_str).map(str::to_owned);
    part(0)
        .zip(part(1))
        .with_context(|| format!("no colours for {css}: {value}"))
}

/// Whether the map and its popup are painted dark (`true`) or light, with
/// the popup's text readable (4.5:1) either way.
async fn painted_dark(map: &MapPage<'_>) -> Result<bool> {
    let (sea, ink) = colours(map, r#"main[data-testid="map"]"#).await?;
    map.open_popup(BATKEN).await?;
    let (panel, text) = colours(map, r#"[data-testid="popup"]"#).await?;
    let (_, summary) = colours(map, ".popup-summary").await?;
    let dark = luminance(&panel)? < 0.05;
    ensure!(
        (luminance(&sea)? < 0.05) == dark && (luminance(&ink)? > 0.5) == dark,
        "the map ({sea}, ink {ink}) and its popup ({panel}) disagree on the scheme"
    );
    for (what, colour) in [("text", &text), ("summary", &summary)] {
        let ratio = contrast(colour, &panel)?;
        ensure!(
            ratio >= 4.5,
            "popup {what} {colour} on {panel}: contrast {ratio:.2} < 4.5"
        );
    }
    map.click_testid("popup-close").await?;
    map.wait_for_popup_closed().await?;
    Ok(dark)
}

/// Opens `fragment` on a fresh document.
async fn open<'a>(session: &'a Session, fragment: &str) -> Result<MapPage<'a>> {
    let client = session.browser.client();
    client.goto("about:blank").await?;
    Ok(MapPage::open(client, &format!("{}{fragment}", session.server.url())).await?)
}

#[tokio::test]
async fn prefers_color_scheme_dark_paints_the_map_and_the_popup_dark() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let client = session.browser.client();
    let map = open(&session, "").await?;
    ensure!(
        !painted_dark(&map).await?,
        "dark by default in a light browser"
    );

    emulate_color_scheme(client, "dark").await?;
    ensure!(
        painted_dark(&map).await?,
        "prefers-color-scheme: dark left the map light"
    );
    let map = open(&session, "#theme=light").await?;
    ensure!(
        !painted_dark(&map).await?,
        "theme=light did not win over the dark preference"
    );

    emulate_color_scheme(client, "light").await?;
    let map = open(&session, "#theme=dark").await?;
    ensure!(
        painted_dark(&map).await?,
        "theme=dark did not win over the light preference"
    );
    ensure!(
        map.settled_location_hash().await?.contains("theme=dark"),
        "the URL dropped theme=dark"
    );
    session.finish().await
}

#[test]
fn contrast_is_computed_as_wcag_says() -> Result<()> {
    assert!((contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)")? - 21.0).abs() < 0.01);
    assert!((contrast("rgba(118, 118, 118, 1)", "rgb(255, 255, 255)")? - 4.54).abs() < 0.01);
    assert!(luminance("transparent").is_err());
    Ok(())
}
