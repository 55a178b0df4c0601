//! The `site-data` binary that Trunk's pre_build hook runs: with `--cache`,
//! a rebuild after one article changed geocodes that article only, and the
//! site's files are byte for byte those of a run without the cache, whose
//! gazetteer snapshot it reads (and rewrites when corrupt).

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

    // The rebuild read the gazetteer from the cache's snapshot; a corrupt
    // one is a warning, and the same files.
    let snapshot = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "bin"))
        .expect("a gazetteer snapshot in the cache");
    let mut bytes = std::fs::read(&snapshot).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&snapshot, bytes).unwrap();
    let corrupt = site_data(&articles, &tmp.path().join("corrupt"), Some(&cache));
    assert!(
        corrupt.contains("gazetteer snapshot was corrupt"),
        "{corrupt}"
    );
    assert!(
        files(&tmp.path().join("corrupt")) == uncached,
        "a corrupt snapshot changed the files"
    );
}

#[test]
fn every_seed_is_dated_from_its_header_or_its_text_and_inferred_dates_say_so() {
    let tmp = tempfile::tempdir().unwrap();
    site_data(&workspace().join("seeds"), tmp.path(), None);
    let index: model::site::SiteIndex =
        model::site::from_json(&std::fs::read_to_string(tmp.path().join("index.json")).unwrap())
            .unwrap();
    let dated = |prefix: &str| {
        let article = index
            .articles
            .iter()
            .find(|a| a.id.starts_with(prefix))
            .unwrap_or_else(|| panic!("seed {prefix}"));
        (
            article.month.map(|m| m.to_string()),
            article.date_inferred,
            article.date.clone(),
        )
    };
    assert_eq!(
        dated("004"),
        (Some("2022-01".into()), false, Some("2022-01".into())),
        "its metadata line"
    );
    assert_eq!(
        dated("003"),
        (Some("2022-10".into()), true, Some("2022-10-10".into())),
        "« Le 10 octobre … 2022 »"
    );
    let (month, inferred, _) = dated("002");
    assert!(
        inferred && month.is_some_and(|m| m.starts_with("2021-")),
        "« le 17 juin 2021 »"
    );
    // 000 names only "les années 1990", 001 "le 2 janvier" with no year near it.
    assert_eq!(dated("000"), (None, false, None));
    assert_eq!(dated("001"), (None, false, None));
    let geojson = std::fs::read_to_string(tmp.path().join("places.geojson")).unwrap();
    let places = model::PlaceCollection::from_geojson_str(&geojson).unwrap();
    let seed_003 = places
        .articles
        .iter()
        .find(|a| a.id.starts_with("003"))
        .unwrap();
    assert_eq!(
        (seed_003.date.as_deref(), seed_003.inferred_date.as_deref()),
        (None, Some("2022-10-10"))
    );
}
