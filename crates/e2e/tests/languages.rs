//! Three languages (issue 12): the browser's language first, the visible
//! "Language" control afterwards, `lang=` in the URL (fragment or query
//! string), every accessible name translated, as Chromium's accessibility
//! tree (what a screen reader announces) says. Elements are found by role
//! and `data-testid`, never by their English text.

use anyhow::{ensure, Context, Result};
use e2e::audit::{accessibility_tree, emulate_languages, AxNode};
use e2e::{BrowserOptions, MapPage};
use fantoccini::Locator;

use super::Session;

/// The marker of Batken, found by its id (its name changes with the language).
const BATKEN_MARKER: &str = r#"button[data-testid="marker"][data-place-id^="batken-"]"#;

/// The accessible names of the nodes of `role`.
fn names<'a>(tree: &'a [AxNode], role: &str) -> Vec<&'a str> {
    tree.iter()
        .filter(|node| node.role == role)
        .map(|node| node.name.as_str())
        .collect()
}

/// What a language must show: its control's name, the names of the four
/// map controls, the scale bar's first word, the popup's close button, a
/// word of a popup summary, a country label.
struct Expected {
    code: &'static str,
    language: &'static str,
    buttons: [&'static str; 4],
    scale: &'static str,
    close: &'static str,
    summary_word: &'static str,
    country: &'static str,
}

const FRENCH: Expected = Expected {
    code: "fr",
    language: "Langue",
    buttons: ["Zoomer", "Dézoomer", "Vue de départ", "Intégrer la carte"],
    scale: "Échelle : ",
    close: "Fermer",
    summary_word: " dans ",
    country: "Mongolie",
};

const RUSSIAN: Expected = Expected {
    code: "ru",
    language: "Язык",
    buttons: ["Приблизить", "Отдалить", "Исходный вид", "Встроить карту"],
    scale: "Масштаб: ",
    close: "Закрыть",
    summary_word: " в ",
    country: "Монголия",
};

/// Checks that the map in `map` speaks `expected` everywhere, accessible
/// names included, and that no English name is left.
async fn ensure_speaks(map: &MapPage<'_>, expected: &Expected) -> Result<()> {
    let code = expected.code;
    map.wait_for(&format!("the map in {code}"), || async {
        map.exists(&format!(r#"main[data-testid="map"][lang="{code}"]"#))
            .await
    })
    .await?;
    let tree = accessibility_tree(map.client()).await?;
    let comboboxes = names(&tree, "combobox");
    ensure!(
        comboboxes.contains(&expected.language),
        "{code}: no language control named {:?} among {comboboxes:?}",
        expected.language
    );
    let buttons = names(&tree, "button");
    for name in expected.buttons {
        ensure!(
            buttons.contains(&name),
            "{code}: no button {name:?} among {buttons:?}"
        );
    }
    for english in ["Zoom in", "Zoom out", "Reset view", "Embed map", "Close"] {
        ensure!(
            !buttons.contains(&english),
            "{code}: a button is still named {english:?}"
        );
    }
    let images = names(&tree, "image");
    ensure!(
        images.iter().any(|n| n.starts_with(expected.scale)),
        "{code}: no scale bar named {:?}… among {images:?}",
        expected.scale
    );
    let labels = map.texts("svg[data-testid=basemap] .country-label").await?;
    ensure!(
        labels.iter().any(|l| l == expected.country),
        "{code}: no country label {:?} in {labels:?}",
        expected.country
    );

    map.client()
        .find(Locator::Css(BATKEN_MARKER))
        .await?
        .click()
        .await?;
    map.wait_for_popup().await?;
    let marker_name = map
        .client()
        .find(Locator::Css(BATKEN_MARKER))
        .await?
        .attr("aria-label")
        .await?
        .context("Batken's marker has no name")?;
    ensure!(
        map.popup_label().await? == marker_name,
        "{code}: the popup and its marker name the place differently"
    );
    let tree = accessibility_tree(map.client()).await?;
    ensure!(
        names(&tree, "dialog").contains(&marker_name.as_str()),
        "{code}: no dialog named {marker_name:?}"
    );
    ensure!(
        names(&tree, "button").contains(&expected.close),
        "{code}: the popup has no button {:?}",
        expected.close
    );
    let summary = map.texts(".popup-summary").await?;
    ensure!(
        summary.iter().any(|s| s.contains(expected.summary_word)),
        "{code}: popup summary {summary:?}"
    );
    map.click_testid("popup-close").await?;
    map.wait_for_popup_closed().await?;
    Ok(())
}

#[tokio::test]
async fn lang_fr_and_lang_ru_translate_every_accessible_name() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    for expected in [FRENCH, RUSSIAN] {
        let client = session.browser.client();
        client.goto("about:blank").await?;
        let url = format!("{}#lang={}", session.server.url(), expected.code);
        let map = MapPage::open(client, &url).await?;
        ensure_speaks(&map, &expected).await?;
    }
    session.finish().await
}

#[tokio::test]
async fn the_browser_language_comes_first_then_the_language_control() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let client = session.browser.client();
    // A reader whose browser prefers German, then Russian: the map speaks
    // the first of those it knows.
    emulate_languages(client, "de-DE,de,ru,en").await?;
    let map = MapPage::open(client, &session.server.url()).await?;
    ensure_speaks(&map, &RUSSIAN).await?;
    let hash = map.settled_location_hash().await?;
    ensure!(
        !hash.contains("lang="),
        "the reader's own language needs no lang= in the URL: {hash}"
    );

    // The control switches the language, and the URL keeps the choice.
    client
        .find(Locator::Css(r#"[data-testid="language-select"]"#))
        .await?
        .select_by_value("fr")
        .await?;
    ensure_speaks(&map, &FRENCH).await?;
    let hash = map.settled_location_hash().await?;
    ensure!(
        hash.contains("lang=fr"),
        "the choice is not in the URL: {hash}"
    );
    client.goto("about:blank").await?;
    let map = MapPage::open(client, &format!("{}{hash}", session.server.url())).await?;
    ensure_speaks(&map, &FRENCH).await?;

    // Back undoes the choice, like any other change of the state.
    client
        .find(Locator::Css(r#"[data-testid="language-select"]"#))
        .await?
        .select_by_value("en")
        .await?;
    map.wait_for("the map in English", || async {
        map.exists(r#"main[data-testid="map"][lang="en"]"#).await
    })
    .await?;
    ensure!(
        map.settled_location_hash().await?.contains("lang=en"),
        "English, not the browser's language, must be named in the URL"
    );
    client.back().await?;
    map.wait_for("Back to French", || async {
        map.exists(r#"main[data-testid="map"][lang="fr"]"#).await
    })
    .await?;
    session.finish().await
}

#[tokio::test]
async fn the_query_string_is_read_like_the_fragment() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let client = session.browser.client();
    // As a CMS writes an embed URL: every parameter in the query string.
    let url = format!("{}?embed=1&lang=ru&theme=dark", session.server.url());
    let map = MapPage::open(client, &url).await?;
    ensure!(
        map.exists(r#"main[data-testid="map"].embed[lang="ru"][data-theme="dark"]"#)
            .await?,
        "?embed=1&lang=ru&theme=dark was not applied"
    );
    ensure!(
        map.exists(r#"[data-testid="full-map-link"]"#).await?,
        "the compact chrome has no link to the full map"
    );
    // The fragment wins over the query string.
    client.goto("about:blank").await?;
    let url = format!("{}?lang=ru&place=nowhere#lang=fr", session.server.url());
    let map = MapPage::open(client, &url).await?;
    map.wait_for("the fragment's language", || async {
        map.exists(r#"main[data-testid="map"][lang="fr"]"#).await
    })
    .await?;
    session.finish().await
}

#[tokio::test]
async fn the_embed_snippet_carries_the_language() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let client = session.browser.client();
    let url = format!("{}#lang=ru", session.server.url());
    let map = MapPage::open(client, &url).await?;
    map.click_testid("embed-button").await?;
    let snippet = client
        .find(Locator::Css(r#"[data-testid="embed-snippet"]"#))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    ensure!(
        snippet.contains("lang=ru") && snippet.contains("embed=1"),
        "the snippet does not keep the language: {snippet}"
    );
    ensure!(
        snippet.contains(r#"title="Карта зон конфликтов ОДКБ в прессе""#),
        "the iframe's title is not in Russian: {snippet}"
    );
    let tree = accessibility_tree(client).await?;
    ensure!(
        names(&tree, "dialog").contains(&"Встроить эту карту"),
        "the embed dialog is not named in Russian"
    );
    session.finish().await
}
