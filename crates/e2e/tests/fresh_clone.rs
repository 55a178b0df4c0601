//! `scripts/serve` on a fresh clone (issue 8 §1). `scripts/check-fresh-clone`
//! clones HEAD into a temporary directory, runs `scripts/serve <port>` there
//! alone (empty `target/`), and runs this test with `E2E_SERVE_URL` (the map
//! it serves) and `E2E_SERVE_SEEDS` (that clone's `seeds/`, to which the test
//! adds an article). Alone: `E2E_SERVE_URL=http://127.0.0.1:8080/
//! E2E_SERVE_SEEDS=seeds cargo test -p e2e -- --ignored fresh_clone`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{ensure, Context, Result};
use e2e::{browser_log, wait_until, Browser, BrowserOptions, MapPage, Seed};
use fantoccini::Client;
use serde_json::Value;

use super::ONE_BROWSER_AT_A_TIME;

/// How long a rebuild may take once `seeds/` changed: a release build of the
/// app (LTO, wasm-opt) on a busy two-core machine. `E2E_SERVE_REBUILD_WAIT`
/// (seconds) overrides it.
const REBUILD_WAIT: Duration = Duration::from_secs(20 * 60);

/// The article the test adds, about a place that no seed names.
const NEW_ARTICLE_ID: &str = "999_fresh_clone_check";
const NEW_ARTICLE: &str = "Title: Fresh clone check\n\n\
    Des affrontements ont été signalés près de Gyumri, en Arménie, hier soir.\n";
const NEW_PLACE: &str = "Gyumri";

#[tokio::test]
#[ignore = "needs a running scripts/serve: scripts/check-fresh-clone runs it"]
async fn serve_maps_exactly_the_seeds_and_follows_a_new_article() -> Result<()> {
    let url = env_var("E2E_SERVE_URL")?;
    let seeds = PathBuf::from(env_var("E2E_SERVE_SEEDS")?);
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let browser = Browser::launch(BrowserOptions::DESKTOP).await?;
    let client = browser.client();

    let before = Snapshot::take(client, &url).await?;
    before.ensure_consistent(&seed_ids(&seeds)?)?;
    ensure!(
        !before.marker_names.iter().any(|name| name == NEW_PLACE),
        "{NEW_PLACE} is on the map before its article is added: the test proves nothing"
    );

    let rebuild_wait = match std::env::var("E2E_SERVE_REBUILD_WAIT") {
        Ok(seconds) => Duration::from_secs(seconds.parse().context("E2E_SERVE_REBUILD_WAIT")?),
        Err(_) => REBUILD_WAIT,
    };
    let added = AddedArticle::write(&seeds)?;
    wait_until(
        "places.geojson to list the article added to seeds/",
        rebuild_wait,
        || async {
            Ok::<_, anyhow::Error>(
                published(client, &url)
                    .await
                    .is_ok_and(|(articles, _)| articles.contains(NEW_ARTICLE_ID)),
            )
        },
    )
    .await
    .with_context(|| format!("{} was added", added.path.display()))?;
    // The page reloads itself after a rebuild; open it afresh all the same.
    let after = Snapshot::take(client, &url).await?;
    after.ensure_consistent(&seed_ids(&seeds)?)?;
    ensure!(
        after.marker_names.iter().any(|name| name == NEW_PLACE),
        "places.geojson lists {NEW_ARTICLE_ID} but the map has no marker {NEW_PLACE}: {:?}",
        after.marker_names
    );
    drop(added);
    browser.quit().await?;
    Ok(())
}

/// What the served site shows at one moment: the map's markers and what its
/// `places.geojson` lists.
struct Snapshot {
    marker_ids: BTreeSet<String>,
    marker_names: Vec<String>,
    published_articles: BTreeSet<String>,
    published_places: BTreeSet<String>,
}

impl Snapshot {
    async fn take(client: &Client, url: &str) -> Result<Self> {
        let map = match MapPage::open(client, url).await {
            Ok(map) => map,
            Err(error) => {
                let log = browser_log(client).await.unwrap_or_default();
                let log: Vec<_> = log.iter().map(ToString::to_string).collect();
                anyhow::bail!("{error} at {url}; browser console:\n{}", log.join("\n"))
            }
        };
        let (published_articles, published_places) = published(client, url).await?;
        Ok(Self {
            marker_ids: map.marker_place_ids().await?.into_iter().collect(),
            marker_names: map.marker_names().await?,
            published_articles,
            published_places,
        })
    }

    /// `places.geojson` lists exactly the articles of `seeds/`, and the map
    /// has one marker per place it lists: both come from the same build.
    fn ensure_consistent(&self, seeds: &BTreeSet<String>) -> Result<()> {
        ensure!(
            &self.published_articles == seeds,
            "places.geojson lists the articles {:?}, seeds/ holds {seeds:?}",
            self.published_articles
        );
        ensure!(
            self.marker_ids == self.published_places,
            "the map's markers are not the places of places.geojson:\n  only on the map: {:?}\n  only in places.geojson: {:?}",
            self.marker_ids.difference(&self.published_places).collect::<Vec<_>>(),
            self.published_places.difference(&self.marker_ids).collect::<Vec<_>>()
        );
        Ok(())
    }
}

/// The article ids and place ids of `places.geojson`, fetched by the page
/// past the browser's cache.
async fn published(client: &Client, url: &str) -> Result<(BTreeSet<String>, BTreeSet<String>)> {
    let answer = client
        .execute(
            "return fetch(new URL('places.geojson', arguments[0]), { cache: 'no-store' })
                .then((r) => r.ok ? r.json() : `HTTP ${r.status}`)
                .then((d) => d.features
                    ? [d.articles.map((a) => a.id), d.features.map((f) => f.properties.id)]
                    : String(d))
                .catch((e) => String(e));",
            vec![Value::String(url.to_owned())],
        )
        .await?;
    let ids = |index: usize| -> Option<BTreeSet<String>> {
        answer
            .get(index)?
            .as_array()?
            .iter()
            .map(|id| id.as_str().map(str::to_owned))
            .collect()
    };
    ids(0)
        .zip(ids(1))
        .with_context(|| format!("fetching places.geojson from {url}: {answer}"))
}

/// The ids of the articles in `dir`.
fn seed_ids(dir: &Path) -> Result<BTreeSet<String>> {
    Ok(Seed::load_all(dir)?
        .into_iter()
        .map(|seed| seed.id)
        .collect())
}

/// The article the test wrote into `seeds/`; removed again on drop, so that
/// the clone's later build (compared byte for byte) has the seeds of HEAD.
struct AddedArticle {
    path: PathBuf,
}

impl AddedArticle {
    fn write(seeds: &Path) -> Result<Self> {
        let path = seeds.join(format!("{NEW_ARTICLE_ID}.txt"));
        ensure!(!path.exists(), "{} exists already", path.display());
        std::fs::write(&path, NEW_ARTICLE)
            .with_context(|| format!("writing {}", path.display()))?;
        Ok(Self { path })
    }
}

impl Drop for AddedArticle {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn env_var(name: &str) -> Result<String> {
    std::env::var(name).with_context(|| {
        format!("{name} is not set: this test runs against scripts/serve (see scripts/check-fresh-clone)")
    })
}
