//! The data for download (issue 12): `places.geojson` as a GIS reads it
//! (GDAL's `ogrinfo`, what QGIS uses), and the downloads of what the map
//! shows under a filter, saved by the real browser and read back from disk.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{ensure, Context, Result};
use e2e::probe::cdp;
use e2e::{dist_dir, MapPage, WAIT};
use model::site::{self, SiteIndex};
use model::PlaceCollection;
use serde_json::json;

use super::{border_war_seed, seeds, Session};
use e2e::BrowserOptions;

/// The places GeoJSON of the built site.
fn published_places() -> Result<(PathBuf, PlaceCollection)> {
    let path = dist_dir()?.join(site::PLACES_GEOJSON);
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    Ok((path, PlaceCollection::from_geojson_str(&text)?))
}

#[test]
fn ogrinfo_reads_the_places_geojson_as_points_longitude_first() -> Result<()> {
    let (path, places) = published_places()?;
    let index: SiteIndex =
        site::from_json(&std::fs::read_to_string(dist_dir()?.join(site::INDEX))?)?;
    let run = |args: &[&str]| -> Result<String> {
        let output = Command::new("ogrinfo")
            .args(args)
            .arg(&path)
            .output()
            .context("running ogrinfo (Debian gdal-bin; scripts/setup installs it)")?;
        ensure!(
            output.status.success(),
            "ogrinfo failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let summary = run(&["-ro", "-al", "-so"])?;
    ensure!(
        summary.contains("Geometry: Point"),
        "not a layer of points:\n{summary}"
    );
    let count: usize = summary
        .lines()
        .find_map(|l| l.trim().strip_prefix("Feature Count: "))
        .context("no feature count")?
        .trim()
        .parse()?;
    ensure!(
        count == index.places.len() && count == places.places.len(),
        "ogrinfo counts {count} features, the index {} places",
        index.places.len()
    );
    // Batken is at 70.8° E, 40.1° N: GDAL must read it as POINT (lon lat).
    let batken = places
        .places
        .iter()
        .find(|p| p.id.starts_with("batken-"))
        .context("no Batken in places.geojson")?;
    let features = run(&["-ro", "-al", "-where", &format!("id = '{}'", batken.id)])?;
    let point = features
        .lines()
        .find_map(|l| l.trim().strip_prefix("POINT ("))
        .context("no POINT for Batken")?;
    let xy: Vec<f64> = point
        .trim_end_matches(')')
        .split_whitespace()
        .map(str::parse)
        .collect::<std::result::Result<_, _>>()?;
    ensure!(
        xy.len() == 2 && (xy[0] - batken.lon).abs() < 1e-6 && (xy[1] - batken.lat).abs() < 1e-6,
        "Batken read as {xy:?}, not (lon {}, lat {})",
        batken.lon,
        batken.lat
    );
    Ok(())
}

/// Lets the browser save downloads into `dir` (the DevTools protocol).
async fn allow_downloads(map: &MapPage<'_>, dir: &Path) -> Result<()> {
    let dir = dir.to_string_lossy();
    let browser = cdp(
        map.client(),
        "Browser.setDownloadBehavior",
        json!({ "behavior": "allow", "downloadPath": dir }),
    )
    .await;
    if browser.is_err() {
        cdp(
            map.client(),
            "Page.setDownloadBehavior",
            json!({ "behavior": "allow", "downloadPath": dir }),
        )
        .await?;
    }
    Ok(())
}

/// Waits for the browser to have saved `name` into `dir`, and reads it.
async fn downloaded(dir: &Path, name: &str) -> Result<Vec<u8>> {
    let path = dir.join(name);
    // Chromium first reserves the name with an empty file and writes into
    // a `.crdownload` file, which it renames over it when done.
    e2e::wait_until(&format!("the download of {name}"), WAIT, || async {
        let written = std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() > 0);
        let partial = std::fs::read_dir(dir)?
            .filter_map(|entry| entry.ok())
            .any(|entry| entry.file_name().to_string_lossy().ends_with(".crdownload"));
        Ok::<_, anyhow::Error>(written && !partial)
    })
    .await?;
    Ok(std::fs::read(&path)?)
}

/// A fresh, empty folder for one state's downloads (the browser renames a
/// file saved twice into the same folder).
fn download_dir(state: &str) -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("e2e-downloads-{}-{state}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Clicks the GeoJSON and CSV buttons of one part of the data (`shown`,
/// `zone`) and reads both files back: (GeoJSON, CSV).
async fn download_both(map: &MapPage<'_>, part: &str) -> Result<(Vec<u8>, Vec<u8>)> {
    let dir = download_dir(part)?;
    allow_downloads(map, &dir).await?;
    map.click_testid(&format!("download-{part}-geojson"))
        .await?;
    let geojson = downloaded(&dir, &format!("places-{part}.geojson")).await?;
    map.click_testid(&format!("download-{part}-csv")).await?;
    let csv = downloaded(&dir, &format!("mentions-{part}.csv")).await?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok((geojson, csv))
}

/// Every (place id, article id) pair of a collection's mentions.
fn mention_pairs(places: &PlaceCollection) -> BTreeSet<(String, String)> {
    places
        .places
        .iter()
        .flat_map(|p| {
            p.mentions
                .iter()
                .map(|m| (p.id.to_string(), m.article.clone()))
        })
        .collect()
}

/// Checks a pair of downloads against the data they were cut from: the
/// GeoJSON is `expected` written as the full file is, the CSV its rows
/// (RFC 4180, the published header), one per mention.
fn ensure_downloads_are(geojson: &[u8], csv: &[u8], expected: &PlaceCollection) -> Result<()> {
    let shown = PlaceCollection::from_geojson_str(std::str::from_utf8(geojson)?)?;
    ensure!(
        mention_pairs(&shown) == mention_pairs(expected),
        "the GeoJSON holds other mentions: {:?}, not {:?}",
        mention_pairs(&shown),
        mention_pairs(expected)
    );
    ensure!(
        shown == *expected && geojson == expected.to_geojson_string()?.as_bytes(),
        "the GeoJSON is not written as the full file is"
    );
    let text = std::str::from_utf8(csv)?;
    let header = text.lines().next().unwrap_or_default();
    ensure!(
        header == site::MENTIONS_CSV_COLUMNS.join(","),
        "CSV header {header:?}"
    );
    let mut reader = csv::Reader::from_reader(csv);
    let rows: Vec<csv::StringRecord> = reader.records().collect::<std::result::Result<_, _>>()?;
    let mentions: usize = expected.places.iter().map(|p| p.mentions.len()).sum();
    ensure!(
        rows.len() == mentions,
        "{} CSV rows for {mentions} mentions",
        rows.len()
    );
    let column = |name: &str| site::MENTIONS_CSV_COLUMNS.iter().position(|c| *c == name);
    let (id, article) = (
        column("id").context("id")?,
        column("article").context("article")?,
    );
    let pairs: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r[id].to_owned(), r[article].to_owned()))
        .collect();
    ensure!(
        pairs == mention_pairs(expected),
        "the CSV's rows are of other mentions"
    );
    ensure!(
        csv == expected.to_mentions_csv()?,
        "the CSV differs from the full file's rows of the same mentions"
    );
    Ok(())
}

/// What the page shows under a filter: the place ids of its markers (no
/// cluster may hide one) and the article ids of its article list.
async fn shown_on_the_page(map: &MapPage<'_>) -> Result<(BTreeSet<String>, BTreeSet<String>)> {
    map.settle().await?;
    ensure!(
        map.cluster_names().await?.is_empty(),
        "a cluster hides some places"
    );
    let places: BTreeSet<String> = map.marker_place_ids().await?.into_iter().collect();
    map.unfold_article_list().await?;
    while map.exists(r#"[data-testid="list-more"]"#).await? {
        map.click_testid("list-more").await?;
        map.settle().await?;
    }
    let articles = map
        .script(
            r#"return [...document.querySelectorAll('[data-testid="article-item"]')].map((a) => a.dataset.article);"#,
            vec![],
        )
        .await?;
    let articles: BTreeSet<String> = articles
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a.as_str().map(str::to_owned))
        .collect();
    Ok((places, articles))
}

/// Opens the map at `fragment`, and checks that the downloads of what is
/// shown hold exactly the places of its markers and the articles of its
/// list, as cut from `places.geojson`. Returns the data downloaded.
async fn ensure_shown_downloads_match_the_page(
    session: &Session,
    fragment: &str,
) -> Result<PlaceCollection> {
    let (_, places) = published_places()?;
    let client = session.browser.client();
    client.goto("about:blank").await?;
    let url = format!("{}#{fragment}", session.server.url());
    let map = MapPage::open(client, &url).await?;
    let (markers, listed) = shown_on_the_page(&map).await?;
    ensure!(!listed.is_empty(), "{fragment}: no article listed");
    let expected = places.retain_mentions(|_, m| listed.contains(&m.article));
    let (geojson, csv) = download_both(&map, "shown")
        .await
        .with_context(|| format!("the downloads at {fragment}"))?;
    ensure_downloads_are(&geojson, &csv, &expected).with_context(|| fragment.to_owned())?;
    let ids: BTreeSet<String> = expected.places.iter().map(|p| p.id.to_string()).collect();
    ensure!(
        ids == markers,
        "{fragment}: the downloads hold the places {ids:?}, the map shows {markers:?}"
    );
    let cited: BTreeSet<String> = expected.articles.iter().map(|a| a.id.clone()).collect();
    ensure!(
        cited == listed,
        "{fragment}: the downloads cite the articles {cited:?}, the list shows {listed:?}"
    );
    Ok(expected)
}

#[tokio::test]
async fn the_downloads_under_an_article_filter_hold_what_the_map_shows() -> Result<()> {
    let seeds = seeds()?;
    let seed = border_war_seed(&seeds)?;
    let (_, places) = published_places()?;
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    ensure!(
        !map.exists(r#"[data-testid="shown-downloads"]"#).await?,
        "without a filter, the full files are what is shown"
    );
    let shown =
        ensure_shown_downloads_match_the_page(&session, &format!("filter={}", seed.id)).await?;
    ensure!(
        shown == places.retain_mentions(|_, m| m.article == seed.id),
        "the filter of {} keeps other mentions than its own",
        seed.id
    );
    ensure!(
        !shown.places.is_empty() && shown.places.len() < places.places.len(),
        "the filter of {} should keep some places, not all",
        seed.id
    );
    session.finish().await
}

#[tokio::test]
async fn the_downloads_under_a_time_range_hold_what_the_map_shows() -> Result<()> {
    let index: SiteIndex =
        site::from_json(&std::fs::read_to_string(dist_dir()?.join(site::INDEX))?)?;
    let october: model::MonthRange = "2022-10..2022-10".parse()?;
    let in_range: BTreeSet<String> = index
        .articles
        .iter()
        .filter(|a| a.month.is_some_and(|m| october.contains(m)))
        .map(|a| a.id.clone())
        .collect();
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let shown = ensure_shown_downloads_match_the_page(&session, "when=2022-10..2022-10").await?;
    let cited: BTreeSet<String> = shown.articles.iter().map(|a| a.id.clone()).collect();
    ensure!(
        cited == in_range,
        "October 2022 holds the articles {in_range:?}, the downloads {cited:?}"
    );
    let names: Vec<&str> = shown.places.iter().map(|p| p.name.as_str()).collect();
    ensure!(
        names.contains(&"Saint Petersburg") && !names.contains(&super::ALMATY),
        "October 2022 keeps Saint Petersburg and removes Almaty: {names:?}"
    );
    // Both filters at once: the article AND the range.
    let article = in_range
        .iter()
        .next()
        .context("no article in October 2022")?;
    ensure_shown_downloads_match_the_page(
        &session,
        &format!("filter={article}&when=2022-10..2022-10"),
    )
    .await?;
    session.finish().await
}

/// What a zone's dialog lists: each (place id, article id) of the zone's
/// places its articles name.
async fn zone_dialog_pairs(map: &MapPage<'_>) -> Result<BTreeSet<(String, String)>> {
    let pairs = map
        .script(
            r#"return [...document.querySelectorAll('[data-testid="zone-dialog"] [data-testid="zone-article"]')]
                 .flatMap((a) => [...a.querySelectorAll('button.zone-place')]
                   .map((p) => [p.dataset.placeId, a.dataset.articleId]));"#,
            vec![],
        )
        .await?;
    Ok(pairs
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| {
            let place = pair.get(0)?.as_str()?.to_owned();
            let article = pair.get(1)?.as_str()?.to_owned();
            Some((place, article))
        })
        .collect())
}

#[tokio::test]
async fn a_zones_downloads_hold_what_its_dialog_shows() -> Result<()> {
    let (_, places) = published_places()?;
    let dist = dist_dir()?;
    let index: SiteIndex = site::from_json(&std::fs::read_to_string(dist.join(site::INDEX))?)?;
    let zones: site::ZoneFile = site::from_json(&std::fs::read_to_string(dist.join(site::ZONES))?)?;
    ensure!(!zones.zones.is_empty(), "the site has no zone");
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let client = session.browser.client();
    // Every zone, without a filter and within the range of its first month.
    for (at, zone) in zones.zones.iter().enumerate() {
        let month = zone
            .articles
            .iter()
            .find_map(|&a| index.articles.get(a as usize)?.month);
        let mut fragments = vec![String::new()];
        fragments.extend(month.map(|m| format!("when={m}..{m}")));
        for fragment in fragments {
            client.goto("about:blank").await?;
            let url = format!("{}#{fragment}", session.server.url());
            let map = MapPage::open(client, &url).await?;
            let selector = format!(r#"[data-testid="zone"][data-zone="{at}"]"#);
            map.wait_for("the zone", || map.exists(&selector)).await?;
            map.script(
                "document.querySelector(arguments[0]).dispatchEvent(new MouseEvent('click', { bubbles: true }));",
                vec![serde_json::Value::String(selector.clone())],
            )
            .await?;
            map.wait_for("the zone dialog", || {
                map.exists(r#"[data-testid="zone-dialog"]"#)
            })
            .await?;
            let listed = zone_dialog_pairs(&map).await?;
            let state = format!("zone {:?} at #{fragment}", zone.label);
            ensure!(!listed.is_empty(), "{state}: the dialog lists nothing");
            let expected = places
                .retain_mentions(|p, m| listed.contains(&(p.id.to_string(), m.article.clone())));
            let (geojson, csv) = download_both(&map, "zone")
                .await
                .with_context(|| state.clone())?;
            ensure_downloads_are(&geojson, &csv, &expected).with_context(|| state.clone())?;
            // And what the dialog lists is the zone's data: its places
            // in its articles that the range keeps.
            let zone_places: BTreeSet<&str> = zone
                .places
                .iter()
                .filter_map(|&p| Some(index.places.get(p as usize)?.id.as_str()))
                .collect();
            let zone_articles: BTreeSet<&str> = zone
                .articles
                .iter()
                .filter_map(|&a| index.articles.get(a as usize))
                .filter(|a| month.is_none() || fragment.is_empty() || a.month == month)
                .map(|a| a.id.as_str())
                .collect();
            let from_the_files = places.retain_mentions(|p, m| {
                zone_places.contains(p.id.as_str()) && zone_articles.contains(m.article.as_str())
            });
            ensure!(
                from_the_files == expected,
                "{state}: the dialog lists {listed:?}, the zone's data is {:?}",
                mention_pairs(&from_the_files)
            );
            ensure!(
                mention_pairs(&expected) == listed,
                "{state}: the dialog lists {listed:?}, the data has {:?}",
                mention_pairs(&expected)
            );
        }
    }
    session.finish().await
}
