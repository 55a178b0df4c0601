//! A place named tens of thousands of times (see `e2e::crowded_place`):
//! its popup opens with one page of excerpts grouped by article, says the
//! whole count in words, and pages on. Its figures (time to open, DOM
//! size) are printed beside those of a place named a few times.

use std::time::Instant;

use anyhow::{ensure, Result};
use e2e::{crowded_place, dist_dir, site_with_places, BrowserOptions, MapPage, CROWDED_PLACE};
use model::site::EXCERPTS_PER_PAGE;

use super::Session;

/// Mentions of the crowded place, and the articles they are spread over.
const MENTIONS: usize = 30_000;
const ARTICLES: usize = 3_000;

/// Excerpts (quotes) and article groups in the open popup.
async fn quotes_and_groups(map: &MapPage<'_>) -> e2e::Result<(usize, usize)> {
    let counts = map
        .script(
            r#"const groups = document.querySelectorAll('[data-testid="popup"] li[data-testid="excerpt"]');
               return [[...groups].reduce((n, g) => n + g.querySelectorAll('blockquote').length, 0),
                       groups.length];"#,
            vec![],
        )
        .await?;
    let n = |i: usize| counts.get(i).and_then(|v| v.as_u64()).unwrap_or(0) as usize;
    Ok((n(0), n(1)))
}

async fn node_count(map: &MapPage<'_>, css: &str) -> Result<usize> {
    let count = map
        .script(
            "const root = document.querySelector(arguments[0]); \
             return root ? root.getElementsByTagName('*').length : 0;",
            vec![css.into()],
        )
        .await?;
    Ok(count.as_u64().unwrap_or(0) as usize)
}

#[tokio::test]
async fn a_place_named_thirty_thousand_times_opens_one_page_at_a_time() -> Result<()> {
    let site = e2e::workspace_root().join("target").join("e2e-crowded");
    let places = crowded_place(MENTIONS, ARTICLES);
    let per_article = MENTIONS / ARTICLES;
    site_with_places(&dist_dir()?, &site, &places)?;
    let session = Session::serving(&site, BrowserOptions::DESKTOP).await?;
    let url = format!("{}#place=synthetic-crowded", session.server.url());
    let started = Instant::now();
    let map = MapPage::open(session.browser.client(), &url).await?;
    map.wait_for_popup().await?;
    let opened = started.elapsed();
    ensure!(
        map.popup_label().await? == CROWDED_PLACE,
        "the popup is {:?}",
        map.popup_label().await?
    );
    // The whole count in words, not the page's: "30,000 mentions in 3,000
    // articles" (digit groups joined again, whatever the separator).
    let numbers: Vec<String> = map
        .popup_text()
        .await?
        .split(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '\u{a0}' | '\u{202f}')))
        .map(|n| n.chars().filter(char::is_ascii_digit).collect())
        .collect();
    ensure!(
        [MENTIONS, ARTICLES]
            .iter()
            .all(|count| numbers.contains(&count.to_string())),
        "the popup does not say {MENTIONS} mentions in {ARTICLES} articles: {numbers:?}"
    );
    // One page, grouped by article.
    let (quotes, groups) = quotes_and_groups(&map).await?;
    ensure!(
        quotes == EXCERPTS_PER_PAGE && groups == EXCERPTS_PER_PAGE.div_ceil(per_article),
        "first page: {quotes} excerpts in {groups} article groups"
    );
    let popup_nodes = node_count(&map, r#"[data-testid="popup"]"#).await?;
    ensure!(
        popup_nodes < 500,
        "{popup_nodes} elements in the popup of one page"
    );
    // The next page joins the first.
    let started = Instant::now();
    map.click_testid("more-excerpts").await?;
    map.wait_for("a second page of excerpts", || async {
        Ok(quotes_and_groups(&map).await?.0 == 2 * EXCERPTS_PER_PAGE)
    })
    .await?;
    let next_page = started.elapsed();
    let (_, groups) = quotes_and_groups(&map).await?;
    ensure!(
        groups == (2 * EXCERPTS_PER_PAGE).div_ceil(per_article),
        "two pages in {groups} article groups: a group cut by the page end is not joined"
    );
    let page_nodes = node_count(&map, "body").await?;
    println!(
        "crowded place ({MENTIONS} mentions, {ARTICLES} articles): popup open {opened:.0?} \
         from navigation, next page {next_page:.0?}; {popup_nodes} elements in the popup, \
         {page_nodes} in the page"
    );
    session.finish().await
}
