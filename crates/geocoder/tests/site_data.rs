//! The `site-data` binary that Trunk's pre_build hook runs: with `--cache`,
//! a rebuild after one article changed geocodes that article only, and the
//! site's files are byte for byte those of a run without the cache.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `site-data articles site --data data [--cache cache]`; its stderr.
fn site_data(articles: &Path, site: &Path, cache: Option<&Path>) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_site-data"));
    command
        .arg(articles)
        .arg(site)
        .arg("--data")
        .arg(workspace().join("data"));
    if let Some(cache) = cache {
        command.arg("--cache").arg(cache);
    }
    let output = command.output().expect("site-data runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "site-data failed: {stderr}");
    stderr
}

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            (
                path.strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_rebuild_with_the_cache_geocodes_only_the_changed_article_and_writes_the_same_files() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = tmp.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    let seeds = geocoder::list_articles(&workspace().join("seeds")).unwrap();
    for path in &seeds {
        std::fs::copy(path, articles.join(path.file_name().unwrap())).unwrap();
    }
    let cache = tmp.path().join("cache");

    let cold = site_data(&articles, &tmp.path().join("cold"), Some(&cache));
    assert!(
        cold.contains(&format!("0 articles reused, {} geocoded", seeds.len())),
        "{cold}"
    );

    // One article changes: only it is geocoded again.
    let changed = articles.join(seeds[0].file_name().unwrap());
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\n\nDes tirs ont été signalés à Isfara, au Tadjikistan.\n");
    std::fs::write(&changed, text).unwrap();
    let warm = site_data(&articles, &tmp.path().join("warm"), Some(&cache));
    assert!(
        warm.contains(&format!("{} articles reused, 1 geocoded", seeds.len() - 1)),
        "{warm}"
    );

    site_data(&articles, &tmp.path().join("uncached"), None);
    let uncached = files(&tmp.path().join("uncached"));
    assert!(uncached.len() > seeds.len(), "index, pages, downloads");
    assert!(
        files(&tmp.path().join("warm")) == uncached,
        "the cached rebuild wrote other files than a run without the cache"
    );
}
