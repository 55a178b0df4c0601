//! Hostile articles (issue 8 §3), on the site `scripts/build-hostile-site`
//! builds from `seeds/` plus `fixtures/hostile/` and a generated 20 MiB
//! article: markup and scripts in titles and bodies, `javascript:` and
//! `data:` URLs in headers, bidi controls around place names, an empty file.
//! Every payload would set `window.__otscPwned` (most also log a console
//! error) if it ever ran: the tests check it never does, that the markup is
//! shown as text, and that no other article lost a place.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{ensure, Context, Result};
use e2e::{
    browser_log, dist_dir, hostile_dist_dir, wait_until, Browser, BrowserOptions, MapPage,
    StaticServer, WAIT,
};
use fantoccini::{Client, Locator};
use serde_json::Value;

use super::{open_map, ONE_BROWSER_AT_A_TIME};

const POPUP: &str = r#"[data-testid="popup"]"#;

/// The places the hostile articles name, with a text each popup must show
/// literally (it proves the article reached the page, as text).
const HOSTILE_PLACES: [(&str, &str); 5] = [
    ("Osh", "<script>window.__otscPwned = 'title script'"),
    ("Dushanbe", "\"><svg onload="),
    ("Yerevan", "&lt;script&gt; {{ window.__otscPwned"),
    ("Karagandy", "A very long report"),
    ("Bishkek", "Officials met in"),
];

/// Unicode's bidi embedding, override and isolate controls and marks.
const BIDI_CONTROLS: &[char] = &[
    '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}',
    '\u{2067}', '\u{2068}', '\u{2069}',
];

#[tokio::test]
async fn hostile_articles_run_no_code_and_cost_no_other_article_a_place() -> Result<()> {
    let hostile = hostile_dist_dir()?;
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let browser = Browser::launch(BrowserOptions::DESKTOP).await?;
    let client = browser.client();

    let plain = StaticServer::start(&dist_dir()?)?;
    let seed_places = marker_ids(&open_map(&browser, &plain).await?).await?;
    // What that site logged is not the hostile site's business.
    browser_log(client).await?;
    let server = StaticServer::start(&hostile)?;
    let map = open_map(&browser, &server).await?;
    let places = marker_ids(&map).await?;
    let lost: Vec<_> = seed_places.difference(&places).collect();
    ensure!(
        lost.is_empty(),
        "places of seeds/ missing beside the hostile articles: {lost:?}"
    );
    let names = map.marker_names().await?;
    let with_controls: Vec<_> = names
        .iter()
        .filter(|name| name.contains(BIDI_CONTROLS))
        .collect();
    ensure!(
        with_controls.is_empty(),
        "marker names with bidi controls: {with_controls:?}"
    );

    for (place, shown) in HOSTILE_PLACES {
        let map = open_map(&browser, &server).await?;
        map.open_popup(place).await?;
        let text = map.popup_text().await?;
        ensure!(
            text.contains(shown),
            "{place}'s popup does not show {shown:?} as text:\n{text}"
        );
        ensure_only_web_links(client, place).await?;
        ensure_no_markup_in(client, POPUP, place).await?;
        // An article without URL offers its text: hostile too. (Each hostile
        // place is named by one article; its excerpts share the button.)
        let readers = client
            .find_all(Locator::Css(&format!(
                r#"{POPUP} button[data-testid="read-article"]"#
            )))
            .await?;
        if let Some(reader) = readers.first() {
            reader.click().await?;
            map.wait_for("the article text", || {
                map.exists(r#"[data-testid="article-text"]"#)
            })
            .await?;
            let article = client
                .find(Locator::Css(r#"[data-testid="article-text"]"#))
                .await?
                .text()
                .await?;
            ensure!(
                place != "Osh" || article.contains("<script>window.__otscPwned = 'body script'"),
                "the article's text does not show its <script> as text:\n{article}"
            );
            ensure_no_markup_in(client, r#"[data-testid="article-text"]"#, place).await?;
        }
        ensure_nothing_ran(client, &format!("{place}'s popup")).await?;
    }
    browser.quit().await?;
    Ok(())
}

#[tokio::test]
async fn the_single_file_of_hostile_articles_runs_none_of_them() -> Result<()> {
    // The single file inlines the data into the page itself: a `</script>`
    // in an article must not end its script early.
    let page = bundle::single_file(&hostile_dist_dir()?)?;
    let dir = std::env::temp_dir().join(format!("e2e-hostile-single-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("otsc-map.html");
    std::fs::write(&path, page).with_context(|| format!("writing {}", path.display()))?;
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let browser = Browser::launch(BrowserOptions::DESKTOP).await?;
    let map = MapPage::open(browser.client(), &format!("file://{}", path.display())).await?;
    map.open_popup("Osh").await?;
    ensure_no_markup_in(browser.client(), POPUP, "Osh").await?;
    ensure_nothing_ran(browser.client(), "the single file").await?;
    browser.quit().await?;
    let _ = std::fs::remove_dir_all(Path::new(&dir));
    Ok(())
}

async fn marker_ids(map: &MapPage<'_>) -> Result<BTreeSet<String>> {
    Ok(map.marker_place_ids().await?.into_iter().collect())
}

/// Every source link of the open popup is http(s).
async fn ensure_only_web_links(client: &Client, place: &str) -> Result<()> {
    let hrefs = client
        .execute(
            &format!("return [...document.querySelectorAll('{POPUP} a')].map((a) => a.getAttribute('href'));"),
            vec![],
        )
        .await?;
    let hrefs: Vec<_> = hrefs.as_array().into_iter().flatten().collect();
    ensure!(
        hrefs.iter().all(|href| href
            .as_str()
            .is_some_and(|href| href.starts_with("https://") || href.starts_with("http://"))),
        "{place}'s popup links somewhere else than the web: {hrefs:?}"
    );
    Ok(())
}

/// Nothing below `css` is an element an article could have brought: the
/// app's own markup has no script, image, frame, style or event attribute.
async fn ensure_no_markup_in(client: &Client, css: &str, place: &str) -> Result<()> {
    let found = client
        .execute(
            "const root = document.querySelector(arguments[0]);
             return root ? [...root.querySelectorAll('script, img, iframe, style, object, embed, [onerror], [onload], [srcdoc]')]
                 .map((e) => e.outerHTML.slice(0, 80)) : null;",
            vec![Value::String(css.to_owned())],
        )
        .await?;
    ensure!(
        found.as_array().is_some_and(Vec::is_empty),
        "article markup became elements in {place}'s {css}: {found}"
    );
    Ok(())
}

/// No payload ran: `window.__otscPwned` is unset and the console is clean
/// (an `<img src=x>` that became an element would log its failed load).
async fn ensure_nothing_ran(client: &Client, context: &str) -> Result<()> {
    // Give an injected `onerror` or `onload` the chance to fire first: they
    // run once the failed image or the frame has loaded.
    wait_until("the page's pending loads", WAIT, || async {
        Ok::<_, anyhow::Error>(client
            .execute(
                "return document.readyState === 'complete' && [...document.images].every((i) => i.complete);",
                vec![],
            )
            .await?
            == Value::Bool(true))
    })
    .await?;
    let pwned = client
        .execute("return String(window.__otscPwned);", vec![])
        .await?;
    ensure!(
        pwned == "undefined",
        "an article ran as code in {context}: window.__otscPwned = {pwned}"
    );
    let errors: Vec<_> = browser_log(client)
        .await?
        .into_iter()
        .filter(|entry| entry.is_error())
        .map(|entry| entry.to_string())
        .collect();
    ensure!(
        errors.is_empty(),
        "console errors in {context}:\n{}",
        errors.join("\n")
    );
    Ok(())
}
