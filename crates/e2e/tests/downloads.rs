//! The data for download (issue 12): `places.geojson` as a GIS reads it
//! (GDAL's `ogrinfo`, what QGIS uses), and the downloads of what the map
//! shows under a filter, saved by the real browser and read back from disk.

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
    e2e::wait_until(&format!("the download of {name}"), WAIT, || async {
        Ok::<_, anyhow::Error>(path.is_file())
    })
    .await?;
    Ok(std::fs::read(&path)?)
}

#[tokio::test]
async fn the_downloads_of_what_is_shown_hold_the_filtered_data() -> Result<()> {
    let seeds = seeds()?;
    let seed = border_war_seed(&seeds)?;
    let (_, places) = published_places()?;
    let expected = places.retain_mentions(|_, m| m.article == seed.id);
    ensure!(
        !expected.places.is_empty() && expected.places.len() < places.places.len(),
        "the filter of {} should keep some places, not all",
        seed.id
    );

    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    ensure!(
        !map.exists(r#"[data-testid="shown-downloads"]"#).await?,
        "without a filter, the full files are what is shown"
    );
    let client = session.browser.client();
    client.goto("about:blank").await?;
    let url = format!("{}#filter={}", session.server.url(), seed.id);
    let map = MapPage::open(client, &url).await?;
    let dir = std::env::temp_dir().join(format!("e2e-downloads-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    allow_downloads(&map, &dir).await?;

    map.click_testid("download-shown-csv").await?;
    let csv = downloaded(&dir, "mentions-shown.csv").await?;
    map.click_testid("download-shown-geojson").await?;
    let geojson = downloaded(&dir, "places-shown.geojson").await?;

    let text = String::from_utf8(csv.clone())?;
    let header = text.lines().next().unwrap_or_default();
    ensure!(
        header == site::MENTIONS_CSV_COLUMNS.join(","),
        "CSV header {header:?}"
    );
    let mentions: usize = expected.places.iter().map(|p| p.mentions.len()).sum();
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().collect::<std::result::Result<_, _>>()?;
    ensure!(
        rows.len() == mentions,
        "{} CSV rows for {mentions} mentions",
        rows.len()
    );
    ensure!(
        rows.iter().all(|row| row.get(6) == Some(seed.id.as_str())),
        "a row of another article than {}",
        seed.id
    );
    ensure!(
        csv == expected.to_mentions_csv()?,
        "the CSV differs from the full file's rows of the same mentions"
    );
    let shown = PlaceCollection::from_geojson_str(std::str::from_utf8(&geojson)?)?;
    ensure!(
        shown == expected,
        "the GeoJSON holds other places or mentions"
    );
    ensure!(
        geojson == expected.to_geojson_string()?.into_bytes(),
        "the GeoJSON is not written as the full file is"
    );
    let _ = std::fs::remove_dir_all(&dir);
    session.finish().await
}
