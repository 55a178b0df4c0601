//! Time and the article list: the seeds' dates (from a header or inferred
//! from the text, and said to be inferred), the time range in the URL
//! (`when=`) and on the timeline's keyboard-operable thumbs, the play
//! button, and the article list as the map's text alternative (choosing an
//! article filters the map, choosing a place narrows the list).
//!
//! The seed-specific tests need the seeds' site (`dist/`); the last one
//! works on any site and prints timings: run it on the 1,000-article site
//! with `E2E_DIST=<dir> cargo test -p e2e --test e2e time::`.

use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};
use e2e::{wait_until, BrowserOptions, MapPage, WAIT};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::Value;

use super::{Session, ALMATY, BATKEN};

const SAINT_PETERSBURG: &str = "Saint Petersburg";
const LIST_TOGGLE: &str =
    r#"section[data-testid="article-list"] button[data-testid="list-toggle"]"#;
const LIST_ITEM: &str = r#"section[data-testid="article-list"] li[data-testid="article-item"]"#;

/// Waits until `condition` holds (for [`WAIT`]), with this file's
/// `anyhow` helpers inside.
async fn until<F, Fut>(what: &str, condition: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<bool>>,
{
    wait_until(what, WAIT, condition).await
}

/// Opens the map at `fragment` (e.g. `#when=…`) as a new document.
async fn open_at<'a>(session: &'a Session, fragment: &str) -> Result<MapPage<'a>> {
    session.browser.client().goto("about:blank").await?;
    let url = format!("{}{fragment}", session.server.url());
    Ok(MapPage::open(session.browser.client(), &url).await?)
}

/// Unfolds the article list and waits for its items.
async fn open_list(map: &MapPage<'_>) -> Result<()> {
    let toggle = map.client().find(Locator::Css(LIST_TOGGLE)).await?;
    if toggle.attr("aria-expanded").await?.as_deref() != Some("true") {
        toggle.click().await?;
    }
    until("the article list's items", || async {
        Ok(map.exists(LIST_ITEM).await?)
    })
    .await?;
    Ok(())
}

/// The list's items as `(article id, text of the item)`.
async fn list_items(map: &MapPage<'_>) -> Result<Vec<(String, String)>> {
    let value = map
        .script(
            "return [...document.querySelectorAll(arguments[0])]\
             .map(li => [li.dataset.article, li.textContent]);",
            vec![Value::String(LIST_ITEM.into())],
        )
        .await?;
    Ok(value
        .as_array()
        .context("the list's items")?
        .iter()
        .filter_map(|pair| Some((pair[0].as_str()?.to_owned(), pair[1].as_str()?.to_owned())))
        .collect())
}

/// The item of the article whose id starts with `prefix` (a seed's number).
async fn item_of(map: &MapPage<'_>, prefix: &str) -> Result<Element> {
    let css = format!(r#"{LIST_ITEM}[data-article^="{prefix}"]"#);
    Ok(map.client().find(Locator::Css(&css)).await?)
}

/// The accessible names of the markers drawn.
async fn markers(map: &MapPage<'_>) -> Result<Vec<String>> {
    Ok(map.visible_marker_names().await?)
}

/// The shown-count line ("Shown: 1 article, 9 places").
async fn shown_count(map: &MapPage<'_>) -> Result<String> {
    Ok(map
        .texts(r#"[data-testid="shown-count"]"#)
        .await?
        .into_iter()
        .next()
        .unwrap_or_default())
}

/// The `when=` value of the URL fragment, if any.
async fn when_in_url(map: &MapPage<'_>) -> Result<Option<String>> {
    let hash = map.location_hash().await?;
    Ok(hash
        .trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("when="))
        .map(str::to_owned))
}

/// Focuses the range input named `label` ("From", "To").
async fn focus_thumb(map: &MapPage<'_>, label: &str) -> Result<Element> {
    let css = format!(r#"input[type="range"][aria-label="{label}"]"#);
    let thumb = map.client().find(Locator::Css(&css)).await?;
    map.script("arguments[0].focus();", vec![serde_json::to_value(&thumb)?])
        .await?;
    Ok(thumb)
}

#[tokio::test]
async fn the_seeds_are_dated_from_their_header_or_their_text_and_say_which() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    open_list(&map).await?;
    let items = list_items(&map).await?;
    ensure!(items.len() == 5, "the list shows every seed: {items:?}");
    let item = |prefix: &str| {
        items
            .iter()
            .find(|(id, _)| id.starts_with(prefix))
            .map(|(_, text)| text.clone())
            .with_context(|| format!("seed {prefix} is not listed"))
    };
    let header_dated = item("004")?;
    ensure!(
        header_dated.contains("January 2022") && !header_dated.contains("inferred"),
        "004 is January 2022 from its metadata line: {header_dated}"
    );
    let october = item("003")?;
    ensure!(
        october.contains("October") && october.contains("2022") && october.contains("inferred"),
        "003 is October 2022, inferred: {october}"
    );
    let june = item("002")?;
    ensure!(
        june.contains("2021") && june.contains("inferred"),
        "002 is mid-2021, inferred: {june}"
    );
    ensure!(item("000")?.contains("undated"), "000 names no date");
    // Newest first, the undated ones last.
    let order: Vec<&str> = items.iter().map(|(id, _)| &id[..3]).collect();
    ensure!(
        order[..3] == ["003", "004", "002"],
        "ordered by date: {order:?}"
    );
    // The timeline spans June 2021 to October 2022; the French interface
    // names the thumbs in French.
    let from = focus_thumb(&map, "From").await?;
    ensure!(
        from.attr("aria-valuetext").await?.as_deref() == Some("June 2021"),
        "the From thumb starts at the first dated month"
    );
    let french = open_at(&session, "#lang=fr").await?;
    let thumb = focus_thumb(&french, "Jusqu'à").await?;
    ensure!(thumb.attr("aria-valuetext").await?.as_deref() == Some("octobre 2022"));
    session.finish().await
}

#[tokio::test]
async fn a_range_of_october_2022_keeps_saint_petersburg_and_removes_almaty() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    let all = markers(&map).await?;
    ensure!(
        all.iter().any(|m| m == ALMATY) && all.iter().any(|m| m == SAINT_PETERSBURG),
        "without a range both are drawn: {all:?}"
    );
    let everything = shown_count(&map).await?;
    ensure!(everything.starts_with("Shown: 5 articles"), "{everything}");

    let map = open_at(&session, "#when=2022-10..2022-10").await?;
    until("Almaty to leave the map", || async {
        Ok(!markers(&map).await?.iter().any(|m| m == ALMATY))
    })
    .await?;
    let october = markers(&map).await?;
    ensure!(
        october.iter().any(|m| m == SAINT_PETERSBURG),
        "Saint Petersburg (seed 003, October 2022) stays: {october:?}"
    );
    ensure!(
        !october.iter().any(|m| m == BATKEN),
        "Batken's seed is undated"
    );
    let count = shown_count(&map).await?;
    ensure!(count.starts_with("Shown: 1 article, "), "{count}");
    let places: usize = count
        .rsplit(", ")
        .next()
        .and_then(|p| p.split(' ').next()?.parse().ok())
        .context("the count of places")?;
    ensure!(
        places == october.len(),
        "{count} but {} markers",
        october.len()
    );
    // Its popup says the date was inferred, as the list does.
    map.open_popup(SAINT_PETERSBURG).await?;
    let popup = map.popup_text().await?;
    ensure!(
        popup.contains("October 10, 2022") && popup.contains("inferred from the text"),
        "the popup's source line: {popup}"
    );
    open_list(&map).await?;
    let listed: Vec<String> = list_items(&map)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    ensure!(
        listed.len() == 1 && listed[0].starts_with("003"),
        "the list follows the range: {listed:?}"
    );
    session.finish().await
}

#[tokio::test]
async fn the_thumbs_move_by_keyboard_and_the_url_keeps_the_range() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    ensure!(when_in_url(&map).await?.is_none());
    let to = focus_thumb(&map, "To").await?;
    map.press(Key::Left).await?;
    wait_until("the URL to keep the range", WAIT, || async {
        Ok::<_, anyhow::Error>(when_in_url(&map).await?.as_deref() == Some("2021-06..2022-09"))
    })
    .await?;
    ensure!(to.attr("aria-valuetext").await?.as_deref() == Some("September 2022"));
    until(
        "Saint Petersburg (October 2022) to leave the map",
        || async { Ok(!markers(&map).await?.iter().any(|m| m == SAINT_PETERSBURG)) },
    )
    .await?;
    focus_thumb(&map, "From").await?;
    map.press(Key::Right).await?;
    map.press(Key::End).await?;
    wait_until("From to stop at To", WAIT, || async {
        Ok::<_, anyhow::Error>(when_in_url(&map).await?.as_deref() == Some("2022-09..2022-09"))
    })
    .await?;
    map.client()
        .find(Locator::Css(r#"button[data-testid="all-dates"]"#))
        .await?
        .click()
        .await?;
    wait_until("the range to be cleared", WAIT, || async {
        Ok::<_, anyhow::Error>(when_in_url(&map).await?.is_none())
    })
    .await?;
    until("every seed's places to come back", || async {
        Ok(markers(&map).await?.iter().any(|m| m == SAINT_PETERSBURG))
    })
    .await?;
    session.finish().await
}

#[tokio::test]
async fn play_shows_the_months_in_order_and_stops_at_the_last() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    map.client()
        .find(Locator::Css(r#"button[data-testid="play"]"#))
        .await?
        .click()
        .await?;
    let seen = std::cell::RefCell::new(Vec::<String>::new());
    // 17 months at under a second each.
    wait_until(
        "play to reach October 2022",
        Duration::from_secs(60),
        || async {
            if let Some(when) = when_in_url(&map).await? {
                let mut seen = seen.borrow_mut();
                if seen.last() != Some(&when) {
                    seen.push(when.clone());
                }
                return Ok::<_, anyhow::Error>(when == "2022-10..2022-10");
            }
            Ok(false)
        },
    )
    .await?;
    let seen = seen.into_inner();
    ensure!(
        seen.first()
            .is_some_and(|w| w.as_str() <= "2021-07..2021-07"),
        "{seen:?}"
    );
    ensure!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "months in order: {seen:?}"
    );
    let play = map
        .client()
        .find(Locator::Css(r#"button[data-testid="play"]"#))
        .await?;
    until("play to stop", || async {
        Ok(play.attr("aria-pressed").await?.as_deref() == Some("false"))
    })
    .await?;
    session.finish().await
}

#[tokio::test]
async fn choosing_an_article_filters_the_map_and_a_place_narrows_the_list() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    open_list(&map).await?;
    let landmark = map
        .client()
        .find(Locator::Css(r#"section[aria-label="Articles"]"#))
        .await?;
    ensure!(landmark.tag_name().await? == "section");
    // Seed 004 names Almaty and not Batken.
    item_of(&map, "004")
        .await?
        .find(Locator::Css(r#"button[data-testid="list-title"]"#))
        .await?
        .click()
        .await?;
    until("the map to show only 004's places", || async {
        let drawn = markers(&map).await?;
        Ok(drawn.iter().any(|m| m == ALMATY) && !drawn.iter().any(|m| m == BATKEN))
    })
    .await?;
    let hash = map.location_hash().await?;
    ensure!(
        hash.contains("filter=004"),
        "the filter is in the URL: {hash}"
    );
    // Framed: Almaty is inside the window.
    let almaty = map.settled_marker_centre(ALMATY).await?;
    let (width, height) = map.widths().await?;
    ensure!(
        (0.0..width).contains(&almaty.x) && (0.0..height).contains(&almaty.y),
        "Almaty at {almaty:?} in a {width}x{height} window"
    );
    map.client()
        .find(Locator::Css(r#"button[data-testid="clear-filter"]"#))
        .await?
        .click()
        .await?;
    until("every article again", || async {
        Ok(list_items(&map).await?.len() == 5)
    })
    .await?;

    // Almaty is named by 001 and 004: choosing it opens its popup and
    // leaves those two in the list.
    item_of(&map, "004")
        .await?
        .find(Locator::Css(
            r#"button[data-testid="list-place"][data-place^="almaty"]"#,
        ))
        .await?
        .click()
        .await?;
    map.wait_for_popup().await?;
    ensure!(map.popup_label().await? == ALMATY);
    until("the list narrowed to Almaty", || async {
        Ok(list_items(&map).await?.len() == 2)
    })
    .await?;
    let ids: Vec<String> = list_items(&map)
        .await?
        .into_iter()
        .map(|(id, _)| id[..3].to_owned())
        .collect();
    ensure!(ids == ["004", "001"], "the articles naming Almaty: {ids:?}");
    map.client()
        .find(Locator::Css(r#"button[data-testid="list-all"]"#))
        .await?
        .click()
        .await?;
    until("every article again", || async {
        Ok(list_items(&map).await?.len() == 5)
    })
    .await?;
    session.finish().await
}

/// Works on any site: the list pages, the thumbs filter; prints how long
/// each step took (run on the 1,000-article site through `E2E_DIST`).
#[tokio::test]
async fn the_list_and_the_timeline_stay_quick_on_a_large_site() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let started = Instant::now();
    let map = session.map().await?;
    let first_marker = started.elapsed();
    let heading = map.texts(LIST_TOGGLE).await?.join("");
    let total: usize = heading
        .rsplit('(')
        .next()
        .and_then(|n| n.trim_end_matches(')').parse().ok())
        .with_context(|| format!("the count in {heading:?}"))?;
    let clicked = Instant::now();
    open_list(&map).await?;
    let list_open = clicked.elapsed();
    let page = list_items(&map).await?.len();
    ensure!(
        page == total.min(50),
        "{page} items of {total} on the first page"
    );
    if total > 50 {
        map.client()
            .find(Locator::Css(r#"button[data-testid="list-more"]"#))
            .await?
            .click()
            .await?;
        until("the next page", || async {
            Ok(list_items(&map).await?.len() == total.min(100))
        })
        .await?;
    }
    let before = shown_count(&map).await?;
    focus_thumb(&map, "To").await?;
    let pressed = Instant::now();
    map.press(Key::Home).await?;
    until("the count to follow the range", || async {
        Ok(shown_count(&map).await? != before)
    })
    .await?;
    let filtered = pressed.elapsed();
    let after = shown_count(&map).await?;
    let listed = list_items(&map).await?.len();
    let dom = map
        .script("return document.getElementsByTagName('*').length;", vec![])
        .await?;
    eprintln!(
        "time: {total} articles: first marker {first_marker:?}, list opened in {list_open:?}, \
         the To thumb to the first month re-filtered in {filtered:?} ({before} -> {after}), \
         {dom} DOM elements with {listed} list items"
    );
    session.finish().await
}
