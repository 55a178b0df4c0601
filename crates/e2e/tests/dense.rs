//! A dense map: 5,000 synthetic places (see `e2e::synthetic_places`) in a
//! copy of `dist/`, written by the site build's own writer. Few focusable
//! markers at once, clusters named by their count and main places, and
//! Enter on a cluster opens it. (Its frame figures during a drag and a
//! wheel zoom are `scripts/bench-site`'s "5,000 synthetic places" column.)

use anyhow::{ensure, Context, Result};
use e2e::{dist_dir, site_with_places, synthetic_places, BrowserOptions};
use fantoccini::key::Key;

use super::{open_map, Session};

/// Places of the dense site.
pub const DENSE_PLACES: usize = 5000;

/// Most focusable markers the map may show at once (the app's budget is
/// 300, plus the selected place).
const FEW_HUNDRED: usize = 301;

/// Serves a copy of `dist/` with `count` synthetic places.
pub async fn dense_session(count: usize) -> Result<Session> {
    // In this checkout's target/, replaced by each run: a copy (some 40 MB)
    // per run in the temp folder would pile up. Written once per run and
    // size: the tests of this file run at once and would write it together.
    static WRITTEN: tokio::sync::Mutex<Vec<usize>> = tokio::sync::Mutex::const_new(Vec::new());
    let site = e2e::workspace_root()
        .join("target")
        .join(format!("e2e-dense-{count}"));
    let mut written = WRITTEN.lock().await;
    if !written.contains(&count) {
        site_with_places(&dist_dir()?, &site, &synthetic_places(count))?;
        written.push(count);
    }
    drop(written);
    Session::serving(&site, BrowserOptions::DESKTOP).await
}

/// `"12 places: A, B, C, …"` -> (12, ["A", "B", "C"]).
fn parse_cluster_name(name: &str) -> Option<(usize, Vec<String>)> {
    let (count, rest) = name.split_once(" places: ")?;
    let names = rest
        .split(", ")
        .filter(|n| *n != "…")
        .map(str::to_owned)
        .collect();
    Some((count.parse().ok()?, names))
}

#[tokio::test]
async fn dense_first_view_has_a_few_hundred_markers_and_named_clusters() -> Result<()> {
    let session = dense_session(DENSE_PLACES).await?;
    let map = open_map(&session.browser, &session.server).await?;
    let focusable = map.focusable_marker_count().await?;
    ensure!(
        focusable <= FEW_HUNDRED,
        "{focusable} focusable markers for {DENSE_PLACES} places"
    );
    let clusters = map.cluster_names().await?;
    ensure!(!clusters.is_empty(), "no cluster among {focusable} markers");
    for name in &clusters {
        let (count, names) =
            parse_cluster_name(name).with_context(|| format!("cluster named {name:?}"))?;
        ensure!(
            count >= 2 && !names.is_empty() && names.len() <= count,
            "cluster named {name:?}"
        );
        ensure!(
            names.iter().all(|n| n.starts_with("Synthetic place ")),
            "cluster named {name:?}"
        );
        ensure!(
            name.ends_with('…') == (count > names.len()),
            "cluster named {name:?}: an ellipsis for the places not named"
        );
    }
    session.finish().await
}

#[tokio::test]
async fn dense_enter_on_a_cluster_zooms_in_and_reveals_its_places() -> Result<()> {
    let session = dense_session(DENSE_PLACES).await?;
    let map = open_map(&session.browser, &session.server).await?;
    let clusters = map.cluster_names().await?;
    let smallest = clusters
        .iter()
        .filter_map(|name| Some((parse_cluster_name(name)?, name.clone())))
        .min_by_key(|((count, _), _)| *count)
        .context("no cluster at the first view")?;
    let ((_, names), mut cluster) = smallest;
    let place = names[0].clone();
    ensure!(
        !map.marker_names().await?.contains(&place),
        "{place} is both in {cluster:?} and a marker"
    );
    // Each Enter zooms in; a big cluster may open into smaller ones first.
    for _ in 0..4 {
        map.focus_cluster(&cluster).await?;
        let focused = map
            .client()
            .execute(
                "const a = document.activeElement; return a && a.getAttribute('aria-label');",
                vec![],
            )
            .await?;
        map.press(Key::Enter).await?;
        let opened = map
            .wait_for("the cluster to open", || async {
                Ok(!map.cluster_names().await?.contains(&cluster))
            })
            .await;
        opened.with_context(|| format!("Enter on {cluster:?} (focused: {focused:?})"))?;
        if map.marker_names().await?.contains(&place) {
            break;
        }
        cluster = map
            .cluster_names()
            .await?
            .into_iter()
            .find(|name| parse_cluster_name(name).is_some_and(|(_, names)| names.contains(&place)))
            .with_context(|| format!("{place} is in no marker nor cluster"))?;
    }
    ensure!(
        map.marker_names().await?.contains(&place),
        "{place} never got its own marker"
    );
    let focusable = map.focusable_marker_count().await?;
    ensure!(focusable <= FEW_HUNDRED, "{focusable} focusable markers");
    session.finish().await
}
