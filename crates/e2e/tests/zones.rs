//! Conflict zones: a zone holds Batken and Vorukh and lists the border war
//! article; it is a focusable element with the role description "zone"
//! whose dialog opens by keyboard, leads to a place's excerpts, and
//! closes with Escape back onto the zone; a `when=` range outside its
//! articles' months removes it.
//!
//! Runs on any built site (`E2E_DIST`, e.g. the 1,000-article one): the
//! seed-specific checks (the border war article listed, its month) apply
//! when the site has that article.

use anyhow::{ensure, Context, Result};
use e2e::{dist_dir, BrowserOptions, MapPage};
use fantoccini::key::Key;
use fantoccini::Locator;
use model::site::{SiteIndex, ZoneFile};

use super::{border_war_seed, seeds, Session, BATKEN, VORUKH};

const ZONE: &str = r#"[data-testid="zone"]"#;
const ZONE_DIALOG: &str = r#"[data-testid="zone-dialog"][role="dialog"]"#;

/// The site's index and zones, as the app reads them.
fn site_files() -> Result<(SiteIndex, ZoneFile)> {
    let dist = dist_dir()?;
    let read = |name: &str| {
        std::fs::read_to_string(dist.join(name)).with_context(|| format!("reading {name}"))
    };
    Ok((
        model::site::from_json(&read(model::site::INDEX)?)?,
        model::site::from_json(&read(model::site::ZONES)?)?,
    ))
}

/// The position and label of the zone holding both Batken and Vorukh.
fn batken_vorukh_zone(index: &SiteIndex, zones: &ZoneFile) -> Result<(usize, String)> {
    let position = |name: &str| {
        index
            .places
            .iter()
            .position(|p| p.name == name)
            .with_context(|| format!("no place {name}"))
    };
    let (batken, vorukh) = (position(BATKEN)? as u32, position(VORUKH)? as u32);
    zones
        .zones
        .iter()
        .position(|z| z.places.contains(&batken) && z.places.contains(&vorukh))
        .map(|at| (at, zones.zones[at].label.clone()))
        .context("no zone holds Batken and Vorukh")
}

/// A fresh load of the map with this URL fragment (not a same-page jump).
pub async fn open_at<'a>(session: &'a Session, fragment: &str) -> Result<MapPage<'a>> {
    let client = session.browser.client();
    client.goto("about:blank").await?;
    Ok(MapPage::open(client, &format!("{}#{fragment}", session.server.url())).await?)
}

/// The labels (accessible names) of the zones drawn.
async fn zone_labels(map: &MapPage<'_>) -> e2e::Result<Vec<String>> {
    let mut labels = Vec::new();
    for zone in map.client().find_all(Locator::Css(ZONE)).await? {
        labels.push(zone.attr("aria-label").await?.unwrap_or_default());
    }
    Ok(labels)
}

#[tokio::test]
async fn a_zone_holds_batken_and_vorukh_and_opens_its_dialog_by_keyboard() -> Result<()> {
    let (index, zones) = site_files()?;
    let (at, label) = batken_vorukh_zone(&index, &zones)?;
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    let selector = format!(r#"{ZONE}[data-zone="{at}"]"#);
    map.wait_for("the Batken–Vorukh zone", || map.exists(&selector))
        .await?;
    let zone = map.client().find(Locator::Css(&selector)).await?;
    for (attribute, expected) in [
        ("aria-roledescription", "zone"),
        ("role", "button"),
        ("tabindex", "0"),
        ("aria-label", label.as_str()),
    ] {
        let value = zone.attr(attribute).await?;
        ensure!(
            value.as_deref() == Some(expected),
            "zone {attribute} is {value:?}, not {expected:?}"
        );
    }
    // Its label (drawn once the zone is wide enough on screen).
    let text = map
        .script(
            "return arguments[0].textContent;",
            vec![serde_json::to_value(&zone)?],
        )
        .await?;
    let text = text.as_str().unwrap_or_default();
    ensure!(
        text.contains(&label) && text.contains("article"),
        "the zone's label shows its name and article count: {text:?}"
    );

    // Keyboard: focus it, Enter opens the dialog, focus goes inside.
    map.script("arguments[0].focus();", vec![serde_json::to_value(&zone)?])
        .await?;
    map.press(Key::Enter).await?;
    map.wait_for("the zone dialog", || map.exists(ZONE_DIALOG))
        .await?;
    let dialog = map.client().find(Locator::Css(ZONE_DIALOG)).await?;
    let heading = dialog.find(Locator::Css("h2")).await?;
    ensure!(
        heading.text().await? == label
            && dialog.attr("aria-labelledby").await? == heading.attr("id").await?,
        "the dialog is labelled by the zone's name"
    );
    let focus_inside = map
        .script(
            &format!(
                "return document.querySelector('{ZONE_DIALOG}').contains(document.activeElement);"
            ),
            vec![],
        )
        .await?;
    ensure!(
        focus_inside.as_bool() == Some(true),
        "focus not in the dialog"
    );
    let mut listed = Vec::new();
    for item in dialog
        .find_all(Locator::Css(r#"[data-testid="zone-article"]"#))
        .await?
    {
        listed.push(item.attr("data-article-id").await?.unwrap_or_default());
    }
    ensure!(
        listed.len() == zones.zones[at].articles.len(),
        "the dialog lists {} articles, the zone has {}",
        listed.len(),
        zones.zones[at].articles.len()
    );
    let seeds = seeds()?;
    let war = border_war_seed(&seeds)?;
    if index.articles.iter().any(|a| a.id == war.id) {
        ensure!(
            listed.contains(&war.id),
            "the border war article {} is not among {listed:?}",
            war.id
        );
        let article = dialog
            .find(Locator::Css(&format!(r#"[data-article-id="{}"]"#, war.id)))
            .await?;
        let names = article.text().await?;
        ensure!(
            names.contains(BATKEN) && names.contains(VORUKH),
            "the article names Batken and Vorukh: {names:?}"
        );
    }

    // Escape closes it and gives the focus back to the zone.
    map.press_escape().await?;
    map.wait_for("the zone dialog to close", || async {
        Ok(!map.exists(ZONE_DIALOG).await?)
    })
    .await?;
    let focused = map
        .script(
            "return document.activeElement && document.activeElement.getAttribute('data-zone');",
            vec![],
        )
        .await?;
    ensure!(
        focused.as_str() == Some(at.to_string().as_str()),
        "focus is back on the zone, not on {focused:?}"
    );

    // A place of the dialog opens its popup, with its excerpts.
    map.press(Key::Enter).await?;
    map.wait_for("the zone dialog again", || map.exists(ZONE_DIALOG))
        .await?;
    let vorukh = map
        .client()
        .find(Locator::Css(&format!(
            r#"{ZONE_DIALOG} button.zone-place[data-place-id="{}"]"#,
            index
                .places
                .iter()
                .find(|p| p.name == VORUKH)
                .map(|p| p.id.clone())
                .unwrap_or_default()
        )))
        .await?;
    vorukh.click().await?;
    map.wait_for_popup().await?;
    ensure!(map.popup_label().await? == VORUKH, "the popup is Vorukh's");
    ensure!(!map.excerpts().await?.is_empty(), "Vorukh's excerpts");
    ensure!(!map.exists(ZONE_DIALOG).await?, "the zone dialog gave way");
    session.finish().await
}

#[tokio::test]
async fn zones_follow_the_time_range() -> Result<()> {
    let (index, zones) = site_files()?;
    // The Batken–Vorukh zone, or on a bigger site (where it spans every
    // month) the first zone with a month of articles none of its own.
    let (batken_vorukh, _) = batken_vorukh_zone(&index, &zones)?;
    let months_of = |zone: &model::site::Zone| -> Vec<model::YearMonth> {
        zone.articles
            .iter()
            .filter_map(|&a| index.articles[a as usize].month)
            .collect()
    };
    // A month with articles, but none of the zone's: the zone must go
    // (an undated article is shown only without a range).
    let elsewhere = |zone: &model::site::Zone| {
        let months = months_of(zone);
        index
            .articles
            .iter()
            .enumerate()
            .filter(|(a, _)| !zone.has_article(*a as u32))
            .filter_map(|(_, article)| article.month)
            .find(|m| !months.contains(m))
    };
    let (zone, elsewhere) = std::iter::once(&zones.zones[batken_vorukh])
        .chain(&zones.zones)
        .find_map(|zone| Some((zone, elsewhere(zone)?)))
        .context("every zone has articles of every month")?;
    let (label, months) = (zone.label.clone(), months_of(zone));

    let session = Session::start(BrowserOptions::DESKTOP).await?;
    // Inside one of its months (when it has dated articles: seed 000 has
    // none), the zone stays.
    if let Some(first) = months.iter().min() {
        let inside = open_at(&session, &format!("when={first}..{first}")).await?;
        inside
            .wait_for("the zone inside its months", || async {
                Ok(zone_labels(&inside).await?.contains(&label))
            })
            .await?;
    }
    let outside = open_at(&session, &format!("when={elsewhere}..{elsewhere}")).await?;
    outside.settle().await?;
    let labels = zone_labels(&outside).await?;
    ensure!(
        !labels.contains(&label),
        "zone {label:?} still drawn for {elsewhere}: {labels:?}"
    );
    session.finish().await
}
