//! The search box (WAI-ARIA combobox): three spellings find their place
//! with the geocoder's keys (`voroukh` Vorukh, `khodjent` Khujand, `Алматы`
//! Almaty), arrow keys move the active option, Enter opens the place's
//! popup or the zone's dialog. On the seeds' site and the 1,000-article one
//! ([`on_both_sites`]).

use anyhow::{ensure, Context, Result};
use e2e::{BrowserOptions, MapPage};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::Locator;

use super::{on_both_sites, Session, Site, ALMATY, KHUJAND, VORUKH};

on_both_sites!(
    three_spellings_find_their_place_and_enter_opens_its_popup,
    arrow_keys_move_through_the_options_and_a_zone_opens_its_dialog,
);

const SEARCH: &str = r#"input[data-testid="search"][role="combobox"]"#;
const OPTION: &str = r#"#search-options[role="listbox"] [role="option"]"#;

/// Types `query` into an emptied search box and waits for its options;
/// returns the box and the options' names.
async fn search(map: &MapPage<'_>, query: &str) -> Result<(Element, Vec<String>)> {
    let input = map.client().find(Locator::Css(SEARCH)).await?;
    input.click().await?;
    input.clear().await?;
    input.send_keys(query).await?;
    map.wait_for("search options", || async {
        Ok(
            input.attr("aria-expanded").await?.as_deref() == Some("true")
                && map.exists(OPTION).await?,
        )
    })
    .await?;
    let mut names = Vec::new();
    for option in map.client().find_all(Locator::Css(OPTION)).await? {
        let name = option.find(Locator::Css(".search-name")).await?;
        names.push(name.text().await?);
    }
    Ok((input, names))
}

/// The id of the option `aria-activedescendant` points at, and whether it
/// is the one marked `aria-selected`.
async fn active_option(map: &MapPage<'_>, input: &Element) -> Result<(String, bool)> {
    let id = input
        .attr("aria-activedescendant")
        .await?
        .context("no aria-activedescendant")?;
    let option = map
        .client()
        .find(Locator::Css(&format!("#{id}[role=\"option\"]")))
        .await?;
    Ok((
        id,
        option.attr("aria-selected").await?.as_deref() == Some("true"),
    ))
}

async fn three_spellings_find_their_place_and_enter_opens_its_popup(site: Site) -> Result<()> {
    let session = Session::on(site, BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    for (query, place) in [
        ("voroukh", VORUKH),
        ("khodjent", KHUJAND),
        ("Алматы", ALMATY),
    ] {
        let (input, names) = search(&map, query).await?;
        ensure!(
            names.first().map(String::as_str) == Some(place),
            "{query:?} offers {names:?}, not {place} first"
        );
        map.press(Key::Down).await?;
        let (id, selected) = active_option(&map, &input).await?;
        ensure!(
            id == "search-option-0" && selected,
            "ArrowDown makes the first option active ({id}, selected {selected})"
        );
        map.press(Key::Enter).await?;
        map.wait_for_popup().await?;
        ensure!(
            map.popup_label().await? == place,
            "Enter on {place} opens another popup"
        );
        ensure!(
            input.attr("aria-expanded").await?.as_deref() == Some("false"),
            "the list closes once chosen"
        );
        map.press_escape().await?;
        map.wait_for_popup_closed().await?;
    }
    session.finish().await
}

async fn arrow_keys_move_through_the_options_and_a_zone_opens_its_dialog(site: Site) -> Result<()> {
    let session = Session::on(site, BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    // "b" offers several places (Batken, ...) and zones.
    let (input, names) = search(&map, "b").await?;
    let count = names.len();
    ensure!(count >= 2, "\"b\" offers {names:?}");
    map.press(Key::Down).await?;
    map.press(Key::Down).await?;
    ensure!(
        active_option(&map, &input).await? == ("search-option-1".into(), true),
        "two ArrowDowns: the second option"
    );
    map.press(Key::Up).await?;
    map.press(Key::Up).await?;
    let last = format!("search-option-{}", count - 1);
    ensure!(
        active_option(&map, &input).await? == (last, true),
        "ArrowUp from the first option wraps to the last"
    );
    let focused = map
        .script(
            "return document.activeElement.getAttribute('data-testid');",
            vec![],
        )
        .await?;
    ensure!(
        focused.as_str() == Some("search"),
        "the focus stays in the box (aria-activedescendant)"
    );
    map.press(Key::Escape).await?;
    ensure!(
        input.attr("aria-expanded").await?.as_deref() == Some("false"),
        "Escape closes the list"
    );

    // A zone by a place of its label: Enter opens the zone's dialog.
    let (_, names) = search(&map, "isfara").await?;
    let kinds = {
        let mut kinds = Vec::new();
        for option in map.client().find_all(Locator::Css(OPTION)).await? {
            kinds.push(
                option
                    .find(Locator::Css(".search-kind"))
                    .await?
                    .text()
                    .await?,
            );
        }
        kinds
    };
    let zone = kinds
        .iter()
        .position(|k| k == "zone")
        .with_context(|| format!("no zone among {names:?} ({kinds:?})"))?;
    for _ in 0..=zone {
        map.press(Key::Down).await?;
    }
    map.press(Key::Enter).await?;
    let dialog = r#"[data-testid="zone-dialog"][role="dialog"]"#;
    map.wait_for("the zone's dialog", || map.exists(dialog))
        .await?;
    let title = map.texts(&format!("{dialog} h2")).await?;
    ensure!(
        title.first() == names.get(zone),
        "the dialog {title:?} is the option's zone {:?}",
        names.get(zone)
    );
    session.finish().await
}
