//! Time and the article list: the seeds' dates (from a header or inferred
//! from the text, and said to be inferred), the time range in the URL
//! (`when=`) and on the timeline's keyboard-operable thumbs, the play
//! button, and the article list as the map's text alternative (choosing an
//! article filters the map, choosing a place narrows the list).
//!
//! The seed-specific tests check the seeds' own dates (issue 11); the
//! others run on the seeds' site and on the 1,000-article one
//! ([`on_both_sites`]: `time::<test>::seeds`, `time::<test>::corpus`), and
//! expect what the site's index says (the articles' months, the places
//! they name).

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};
use e2e::{wait_until, BrowserOptions, MapPage, WAIT};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::Locator;
use model::{MonthRange, YearMonth};
use serde_json::Value;

use super::{on_both_sites, Session, Site, SiteData, ALMATY, BATKEN};

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
    map.unfold_article_list().await?;
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
    map.click_testid("clear-filter").await?;
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
    map.click_testid("list-all").await?;
    until("every article again", || async {
        Ok(list_items(&map).await?.len() == 5)
    })
    .await?;
    session.finish().await
}

// --- on both sites, from the site's own data ---------------------------------

on_both_sites!(
    the_list_shows_each_date_newest_first,
    a_range_shows_only_the_articles_dated_inside_it,
    the_thumbs_move_by_keyboard_and_the_url_keeps_the_range,
    play_shows_the_months_in_order_and_stops_at_the_last,
    choosing_an_article_shows_its_places_and_a_place_narrows_the_list,
    the_list_and_the_timeline_stay_quick,
);

/// English month names, as the interface writes a month ("June 2021").
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A month as the English interface writes it on a thumb.
fn month_text(month: YearMonth) -> String {
    format!("{} {}", MONTHS[usize::from(month.month) - 1], month.year)
}

/// The first and last months of the site's dated articles: the timeline's span.
fn span(data: &SiteData) -> Result<(YearMonth, YearMonth)> {
    let months = data.index.articles.iter().filter_map(|a| a.month);
    Ok((
        months.clone().min().context("no dated article")?,
        months.max().context("no dated article")?,
    ))
}

/// What the map shows for `range` (`None`: every article, undated ones
/// too), by the index: the articles (positions) and the places they name
/// (ids).
fn shown_by(data: &SiteData, range: Option<MonthRange>) -> (Vec<u32>, BTreeSet<String>) {
    let articles: Vec<u32> = (0..data.index.articles.len() as u32)
        .filter(|&a| match range {
            None => true,
            Some(range) => data.index.articles[a as usize]
                .month
                .is_some_and(|m| range.contains(m)),
        })
        .collect();
    let places = data
        .index
        .places
        .iter()
        .filter(|p| articles.iter().any(|&a| p.named_in(a)))
        .map(|p| p.id.to_string())
        .collect();
    (articles, places)
}

/// The two numbers of the shown-count line ("Shown: 1 article, 9 places").
async fn shown_numbers(map: &MapPage<'_>) -> Result<(usize, usize)> {
    let line = shown_count(map).await?;
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers[..] {
        [articles, places] => Ok((articles, places)),
        _ => anyhow::bail!("no two counts in {line:?}"),
    }
}

/// Waits until the map shows what the index says it shows for `range`: the
/// count line, markers (or clusters) exactly when some place is shown, and
/// no marker of a place none of those articles names (markers gathered in
/// a cluster are not drawn one by one).
async fn wait_for_shown(
    map: &MapPage<'_>,
    data: &SiteData,
    range: Option<MonthRange>,
) -> Result<()> {
    let (articles, places) = shown_by(data, range);
    let expected = (articles.len(), places.len());
    until(
        &format!("the map to show {expected:?} (articles, places) for {range:?}"),
        || async { Ok(shown_numbers(map).await? == expected) },
    )
    .await?;
    let drawn = map.marker_place_ids().await?;
    ensure!(
        places.is_empty() == (map.focusable_marker_count().await? == 0),
        "{} places shown for {range:?}, but {} markers and clusters drawn",
        places.len(),
        map.focusable_marker_count().await?
    );
    let stray: Vec<&String> = drawn.iter().filter(|id| !places.contains(*id)).collect();
    ensure!(
        stray.is_empty(),
        "markers of places no article of {range:?} names: {stray:?}"
    );
    Ok(())
}

/// The heading's count of the list ("Articles (1000)").
async fn listed_count(map: &MapPage<'_>) -> Result<usize> {
    Ok(heading_counts(map).await?.0)
}

/// The heading's counts: how many articles are listed, and, when a place
/// narrows the list, of how many shown ("Articles (3 of 1000)").
async fn heading_counts(map: &MapPage<'_>) -> Result<(usize, Option<usize>)> {
    let heading = map.texts(LIST_TOGGLE).await?.join("");
    let counts = heading.rsplit('(').next().unwrap_or_default();
    let mut numbers = counts
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse::<usize>().ok());
    let listed = numbers
        .next()
        .with_context(|| format!("the count in {heading:?}"))?;
    Ok((listed, numbers.next()))
}

/// The list's page size (`components/article_list.rs`'s `PAGE`).
const LIST_PAGE: usize = 50;

async fn the_list_shows_each_date_newest_first(site: Site) -> Result<()> {
    let data = site.data()?;
    let session = Session::on(site, BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    open_list(&map).await?;
    let value = map
        .script(
            "return [...document.querySelectorAll(arguments[0])].map(li => {\
               const time = li.querySelector('time[data-testid=\"article-date\"]');\
               return [li.dataset.article, time && time.getAttribute('datetime'),\
                       !!li.querySelector('[data-testid=\"inferred\"]')];\
             });",
            vec![Value::String(LIST_ITEM.into())],
        )
        .await?;
    let items = value.as_array().context("the list's items")?;
    ensure!(
        items.len() == data.index.articles.len().min(LIST_PAGE),
        "{} items on the first page of {} articles",
        items.len(),
        data.index.articles.len()
    );
    // Each item's date is its article's, as the index has it (a month, or
    // a day when the header or text gives one), inferred or not.
    let datetime = |article: &model::site::IndexArticle| {
        let day = article
            .date
            .as_deref()
            .filter(|d| d.len() == 10)
            .and_then(|d| d.get(8..));
        article.month.map(|m| match day {
            Some(day) => format!("{m}-{day}"),
            None => m.to_string(),
        })
    };
    let mut shown = Vec::new();
    for item in items {
        let id = item[0].as_str().unwrap_or_default();
        let article = data
            .index
            .articles
            .iter()
            .find(|a| a.id == id)
            .with_context(|| format!("listed article {id} is not in the index"))?;
        let listed = item[1].as_str().map(str::to_owned);
        ensure!(
            listed == datetime(article),
            "{id} is listed as {listed:?}, the index dates it {:?}",
            article.date
        );
        ensure!(
            item[2].as_bool() == Some(article.date_inferred),
            "{id} said inferred: {}, the index: {}",
            item[2],
            article.date_inferred
        );
        shown.push(listed);
    }
    // Newest first, undated last: the page holds the newest dates.
    let mut newest: Vec<Option<String>> = data.index.articles.iter().map(datetime).collect();
    newest.sort_by(|a, b| match (a, b) {
        (Some(a), Some(b)) => b.cmp(a),
        _ => b.is_some().cmp(&a.is_some()),
    });
    newest.truncate(shown.len());
    ensure!(shown == newest, "listed {shown:?}, newest first {newest:?}");
    // The thumbs span the dated articles' months.
    let (first, last) = span(&data)?;
    for (thumb, month) in [("From", first), ("To", last)] {
        let text = focus_thumb(&map, thumb)
            .await?
            .attr("aria-valuetext")
            .await?;
        ensure!(
            text == Some(month_text(month)),
            "the {thumb} thumb says {text:?}, not {month}"
        );
    }
    session.finish().await
}

async fn a_range_shows_only_the_articles_dated_inside_it(site: Site) -> Result<()> {
    let data = site.data()?;
    // From the first quarter of the dated articles to their middle: a few
    // months of the seeds, over a year of the corpus.
    let mut months: Vec<YearMonth> = data.index.articles.iter().filter_map(|a| a.month).collect();
    months.sort();
    let range = MonthRange::new(months[months.len() / 4], months[months.len() / 2]);
    let (articles, _) = shown_by(&data, Some(range));
    let session = Session::on(site, BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    wait_for_shown(&map, &data, None).await?;
    let map = open_at(&session, &format!("#when={range}")).await?;
    wait_for_shown(&map, &data, Some(range)).await?;
    ensure!(when_in_url(&map).await? == Some(range.to_string()));
    open_list(&map).await?;
    ensure!(listed_count(&map).await? == articles.len());
    for (id, _) in list_items(&map).await? {
        let at = data.index.articles.iter().position(|a| a.id == id);
        ensure!(
            at.is_some_and(|at| articles.contains(&(at as u32))),
            "{id} is listed but not dated inside {range}"
        );
    }
    session.finish().await
}

async fn the_thumbs_move_by_keyboard_and_the_url_keeps_the_range(site: Site) -> Result<()> {
    let data = site.data()?;
    let (first, last) = span(&data)?;
    let before_last = last.plus(-1);
    let session = Session::on(site, BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    ensure!(when_in_url(&map).await?.is_none());
    let to = focus_thumb(&map, "To").await?;
    map.press(Key::Left).await?;
    let range = MonthRange::new(first, before_last);
    wait_until("the URL to keep the range", WAIT, || async {
        Ok::<_, anyhow::Error>(when_in_url(&map).await? == Some(range.to_string()))
    })
    .await?;
    ensure!(to.attr("aria-valuetext").await? == Some(month_text(before_last)));
    // The last month's articles leave the map.
    wait_for_shown(&map, &data, Some(range)).await?;
    focus_thumb(&map, "From").await?;
    map.press(Key::Right).await?;
    map.press(Key::End).await?;
    let range = MonthRange::new(before_last, before_last);
    wait_until("From to stop at To", WAIT, || async {
        Ok::<_, anyhow::Error>(when_in_url(&map).await? == Some(range.to_string()))
    })
    .await?;
    wait_for_shown(&map, &data, Some(range)).await?;
    map.click_testid("all-dates").await?;
    wait_until("the range to be cleared", WAIT, || async {
        Ok::<_, anyhow::Error>(when_in_url(&map).await?.is_none())
    })
    .await?;
    wait_for_shown(&map, &data, None).await?;
    session.finish().await
}

async fn play_shows_the_months_in_order_and_stops_at_the_last(site: Site) -> Result<()> {
    let data = site.data()?;
    let (first, last) = span(&data)?;
    let session = Session::on(site, BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    map.click_testid("play").await?;
    let seen = std::cell::RefCell::new(Vec::<String>::new());
    let the_last = MonthRange::new(last, last).to_string();
    // Every month of the span at under a second each
    // (`components/timeline.rs`'s PLAY_STEP), with room for a slow machine.
    let months = u64::try_from(first.months_until(last) + 1)?;
    wait_until(
        &format!("play to reach {last}"),
        Duration::from_secs(30 + 2 * months),
        || async {
            if let Some(when) = when_in_url(&map).await? {
                let mut seen = seen.borrow_mut();
                if seen.last() != Some(&when) {
                    seen.push(when.clone());
                }
                return Ok::<_, anyhow::Error>(when == the_last);
            }
            Ok(false)
        },
    )
    .await?;
    let seen = seen.into_inner();
    let second = MonthRange::new(first.next(), first.next()).to_string();
    ensure!(
        seen.first().is_some_and(|w| *w <= second),
        "play starts at the first month: {seen:?}"
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

async fn choosing_an_article_shows_its_places_and_a_place_narrows_the_list(
    site: Site,
) -> Result<()> {
    let data = site.data()?;
    let total = data.index.articles.len();
    let session = Session::on(site, BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    open_list(&map).await?;
    // The first article listed that names a place.
    let position = |id: &str| data.index.articles.iter().position(|a| a.id == id);
    let (id, article) = list_items(&map)
        .await?
        .into_iter()
        .find_map(|(id, _)| {
            let at = position(&id)? as u32;
            data.index
                .places
                .iter()
                .any(|p| p.named_in(at))
                .then_some((id, at))
        })
        .context("no listed article names a place")?;
    let places: BTreeSet<String> = data
        .index
        .places
        .iter()
        .filter(|p| p.named_in(article))
        .map(|p| p.id.to_string())
        .collect();
    item_of(&map, &id)
        .await?
        .find(Locator::Css(r#"button[data-testid="list-title"]"#))
        .await?
        .click()
        .await?;
    until(&format!("the map to show only {id}'s places"), || async {
        Ok(shown_numbers(&map).await? == (1, places.len()))
    })
    .await?;
    let drawn = map.marker_place_ids().await?;
    ensure!(
        !drawn.is_empty() && drawn.iter().all(|p| places.contains(p)),
        "{id} names {places:?}, the map draws {drawn:?}"
    );
    let hash = map.location_hash().await?;
    ensure!(
        hash.contains(&format!("filter={id}")),
        "the filter is in the URL: {hash}"
    );
    map.click_testid("clear-filter").await?;
    until("every article again", || async {
        Ok(listed_count(&map).await? == total)
    })
    .await?;

    // One of its places: its popup opens and the list keeps the articles
    // naming it.
    let place_button = item_of(&map, &id)
        .await?
        .find(Locator::Css(r#"button[data-testid="list-place"]"#))
        .await?;
    let place_id = place_button.attr("data-place").await?.unwrap_or_default();
    let place = data
        .index
        .places
        .iter()
        .find(|p| p.id.to_string() == place_id)
        .with_context(|| format!("listed place {place_id} is not in the index"))?;
    place_button.click().await?;
    map.wait_for_popup().await?;
    ensure!(map.popup_label().await? == place.name);
    // Its count says of how many: "Shown: N articles" stays beside it.
    until(&format!("the list narrowed to {}", place.name), || async {
        Ok(heading_counts(&map).await? == (place.articles.len(), Some(total)))
    })
    .await?;
    for (listed, _) in list_items(&map).await? {
        ensure!(
            position(&listed).is_some_and(|at| place.named_in(at as u32)),
            "{listed} is listed but does not name {}",
            place.name
        );
    }
    map.click_testid("list-all").await?;
    until("every article again", || async {
        Ok(listed_count(&map).await? == total)
    })
    .await?;
    session.finish().await
}

/// The list pages, the thumbs filter; prints how long each step took.
async fn the_list_and_the_timeline_stay_quick(site: Site) -> Result<()> {
    let data = site.data()?;
    let session = Session::on(site, BrowserOptions::DESKTOP).await?;
    let started = Instant::now();
    let map = session.map().await?;
    let first_marker = started.elapsed();
    let total = listed_count(&map).await?;
    ensure!(
        total == data.index.articles.len(),
        "the list counts {total}"
    );
    let clicked = Instant::now();
    open_list(&map).await?;
    let list_open = clicked.elapsed();
    let page = list_items(&map).await?.len();
    ensure!(
        page == total.min(LIST_PAGE),
        "{page} items of {total} on the first page"
    );
    if total > LIST_PAGE {
        map.click_testid("list-more").await?;
        until("the next page", || async {
            Ok(list_items(&map).await?.len() == total.min(2 * LIST_PAGE))
        })
        .await?;
    }
    let before = shown_count(&map).await?;
    focus_thumb(&map, "To").await?;
    let pressed = Instant::now();
    map.press(Key::Home).await?;
    let (first, _) = span(&data)?;
    wait_for_shown(&map, &data, Some(MonthRange::new(first, first))).await?;
    let filtered = pressed.elapsed();
    let after = shown_count(&map).await?;
    let listed = list_items(&map).await?.len();
    let dom = map
        .script("return document.getElementsByTagName('*').length;", vec![])
        .await?;
    eprintln!(
        "time: {site:?}, {total} articles: first marker {first_marker:?}, list opened in \
         {list_open:?}, the To thumb to the first month re-filtered in {filtered:?} \
         ({before} -> {after}), {dom} DOM elements with {listed} list items"
    );
    session.finish().await
}
