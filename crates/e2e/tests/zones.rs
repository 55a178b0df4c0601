//! Conflict zones: a zone holds Batken and Vorukh and lists the border war
//! article; it is a focusable element with the role description "zone"
//! whose dialog opens by keyboard, leads to a place's excerpts, and
//! closes with Escape back onto the zone; a `when=` range outside its
//! articles' months removes it.
//!
//! Each test runs on the seeds' site and on the 1,000-article one
//! ([`on_both_sites`]) and expects what the site's files say (its zones'
//! places and articles, the articles' months); the border war article's
//! check applies where the site has that article (the seeds').

use std::collections::BTreeSet;

use anyhow::{ensure, Context, Result};
use e2e::{BrowserOptions, MapPage};
use fantoccini::key::Key;
use fantoccini::Locator;
use model::site::{SiteIndex, ZoneFile};
use model::{MonthRange, YearMonth};

use super::{border_war_seed, on_both_sites, seeds, Session, Site, BATKEN, VORUKH};

const ZONE: &str = r#"[data-testid="zone"]"#;
const ZONE_DIALOG: &str = r#"[data-testid="zone-dialog"][role="dialog"]"#;

on_both_sites!(
    a_zone_holds_batken_and_vorukh_and_opens_its_dialog_by_keyboard,
    zones_follow_the_time_range,
);

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

async fn a_zone_holds_batken_and_vorukh_and_opens_its_dialog_by_keyboard(site: Site) -> Result<()> {
    let super::SiteData { index, zones } = site.data()?;
    let (at, label) = batken_vorukh_zone(&index, &zones)?;
    let session = Session::on(site, BrowserOptions::DESKTOP).await?;
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

/// The zones drawn, as positions in the zone file (`data-zone`; one
/// without is left out, and so fails the comparisons).
async fn drawn_zones(map: &MapPage<'_>) -> e2e::Result<BTreeSet<usize>> {
    let mut drawn = BTreeSet::new();
    for zone in map.client().find_all(Locator::Css(ZONE)).await? {
        if let Some(at) = zone.attr("data-zone").await?.and_then(|at| at.parse().ok()) {
            drawn.insert(at);
        }
    }
    Ok(drawn)
}

/// The zones with an article dated inside `range` (`None`: every zone).
fn zones_in(index: &SiteIndex, zones: &ZoneFile, range: Option<MonthRange>) -> BTreeSet<usize> {
    let inside = |article: u32| {
        range.is_none_or(|range| {
            index.articles[article as usize]
                .month
                .is_some_and(|m| range.contains(m))
        })
    };
    (0..zones.zones.len())
        .filter(|&z| zones.zones[z].articles.iter().any(|&a| inside(a)))
        .collect()
}

async fn zones_follow_the_time_range(site: Site) -> Result<()> {
    let super::SiteData { index, zones } = site.data()?;
    // The month that splits the zones most evenly into those with an
    // article in it (which stay) and those without (which go); the
    // earliest of equals.
    let mut months: Vec<YearMonth> = index.articles.iter().filter_map(|a| a.month).collect();
    months.sort();
    months.dedup();
    let split = |month: YearMonth| {
        let inside = zones_in(&index, &zones, Some(MonthRange::new(month, month)));
        (inside.len().min(zones.zones.len() - inside.len()), inside)
    };
    let (month, (balance, inside)) = months
        .iter()
        .map(|&m| (m, split(m)))
        .max_by_key(|(m, (balance, _))| (*balance, std::cmp::Reverse(*m)))
        .context("no dated article")?;
    ensure!(
        inside.len() < zones.zones.len(),
        "every zone has an article in every month: nothing to see go"
    );
    // The seeds' one zone has an undated article only: it goes with any
    // range, and none stays. The 1,000-article site shows both.
    ensure!(
        site == Site::Seeds || balance > 0,
        "no month has articles in some zones and not in others ({} zones)",
        zones.zones.len()
    );
    let session = Session::on(site, BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    let every = zones_in(&index, &zones, None);
    map.wait_for("every zone without a range", || async {
        Ok(drawn_zones(&map).await? == every)
    })
    .await?;
    let range = MonthRange::new(month, month);
    let ranged = open_at(&session, &format!("when={range}")).await?;
    let waited = ranged
        .wait_for(
            &format!("the {} zones with an article in {month}", inside.len()),
            || async { Ok(drawn_zones(&ranged).await? == inside) },
        )
        .await;
    if waited.is_err() {
        let drawn = drawn_zones(&ranged).await?;
        anyhow::bail!(
            "for {range}: drawn {drawn:?}, zones with an article in the range {inside:?} \
             (of {} zones)",
            zones.zones.len()
        );
    }
    // Their labels count the articles of the range only.
    for &z in &inside {
        let zone = &zones.zones[z];
        let count = zone
            .articles
            .iter()
            .filter(|&&a| index.articles[a as usize].month == Some(month))
            .count();
        let text = ranged
            .texts(&format!(r#"{ZONE}[data-zone="{z}"] .zone-summary"#))
            .await?
            .join("");
        ensure!(
            text.starts_with(&format!("{count} article")),
            "zone {:?} in {month}: {text:?}, not {count} articles",
            zone.label
        );
    }
    session.finish().await
}
