//! The `geocode` binary run as a user runs it: from any folder, installed
//! elsewhere, with and without its data found (issue 8 §4).

use std::path::Path;
use std::process::{Command, Output};

/// A folder outside the repository with one article in `articles/`.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(
        dir.path().join("articles/batken.txt"),
        "Tirs à Batken\n\nDes tirs ont visé Batken, au Kirghizistan, hier.",
    )
    .unwrap();
    dir
}

/// Runs `geocode` (the binary at `exe`) in `cwd` with `args`, without
/// `OTSC_DATA`.
fn geocode(exe: &Path, cwd: &Path, args: &[&str]) -> Output {
    Command::new(exe)
        .args(args)
        .current_dir(cwd)
        .env_remove("OTSC_DATA")
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn places(cwd: &Path) -> String {
    std::fs::read_to_string(cwd.join("out.geojson")).unwrap()
}

#[test]
fn runs_from_any_folder_finding_the_data_of_its_checkout() {
    let cwd = workspace();
    let exe = Path::new(env!("CARGO_BIN_EXE_geocode"));
    let output = geocode(exe, cwd.path(), &["articles", "--output", "out.geojson"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(places(cwd.path()).contains("\"batken-"), "Batken geocoded");
}

#[test]
fn runs_installed_elsewhere() {
    // What `cargo install --path crates/geocoder` does: the binary alone,
    // in a folder of its own.
    let bin = tempfile::tempdir().unwrap();
    let installed = bin.path().join("geocode");
    std::fs::copy(env!("CARGO_BIN_EXE_geocode"), &installed).unwrap();
    let cwd = workspace();
    let output = geocode(
        &installed,
        cwd.path(),
        &["articles", "--output", "out.geojson"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(places(cwd.path()).contains("\"batken-"));
}

#[test]
fn data_not_found_is_one_sentence_saying_how_to_point_at_it() {
    let cwd = workspace();
    std::fs::create_dir(cwd.path().join("empty")).unwrap();
    let exe = Path::new(env!("CARGO_BIN_EXE_geocode"));
    let runs = [
        geocode(
            exe,
            cwd.path(),
            &["articles", "-o", "out.geojson", "--data", "empty"],
        ),
        Command::new(exe)
            .args(["articles", "-o", "out.geojson"])
            .current_dir(cwd.path())
            .env("OTSC_DATA", "empty")
            .output()
            .unwrap(),
    ];
    for output in runs {
        assert_eq!(output.status.code(), Some(2));
        let message = stderr(&output);
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(message.starts_with("geocode: error: empty "), "{message}");
        assert!(
            message.contains("gazetteer.tsv") && message.contains("--data"),
            "{message}"
        );
        assert!(!cwd.path().join("out.geojson").exists());
    }
}

#[test]
fn an_io_error_gives_its_cause_once() {
    let cwd = workspace();
    let exe = Path::new(env!("CARGO_BIN_EXE_geocode"));
    let output = geocode(exe, cwd.path(), &["missing", "--output", "out.geojson"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert_eq!(
        message.trim_end(),
        "geocode: error: listing the articles: missing: No such file or directory (os error 2)"
    );
}

#[test]
fn a_second_run_with_a_cache_reuses_every_article() {
    let cwd = workspace();
    let exe = Path::new(env!("CARGO_BIN_EXE_geocode"));
    let args = [
        "articles",
        "-o",
        "out.geojson",
        "--cache",
        "cache",
        "--threads",
        "2",
    ];
    let first = geocode(exe, cwd.path(), &args);
    assert!(stderr(&first).contains("cache: 0 articles reused, 1 geocoded and stored"));
    let geojson = places(cwd.path());
    let second = geocode(exe, cwd.path(), &args);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("cache: 1 articles reused, 0 geocoded and stored"),
        "{}",
        stderr(&second)
    );
    assert!(stderr(&second).contains("on 2 threads"));
    assert_eq!(places(cwd.path()), geojson);
}

#[test]
fn a_corrupt_gazetteer_snapshot_in_the_cache_is_a_warning_and_the_same_output() {
    let cwd = workspace();
    let exe = Path::new(env!("CARGO_BIN_EXE_geocode"));
    let without = geocode(exe, cwd.path(), &["articles", "-o", "out.geojson"]);
    assert!(without.status.success(), "{}", stderr(&without));
    let expected = places(cwd.path());
    let args = ["articles", "-o", "out.geojson", "--cache", "cache"];
    let first = geocode(exe, cwd.path(), &args);
    assert!(first.status.success(), "{}", stderr(&first));
    let snapshot = std::fs::read_dir(cwd.path().join("cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "bin"))
        .expect("a gazetteer snapshot in the cache");
    let mut bytes = std::fs::read(&snapshot).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&snapshot, bytes).unwrap();
    let corrupt = geocode(exe, cwd.path(), &args);
    assert!(corrupt.status.success(), "{}", stderr(&corrupt));
    assert!(
        stderr(&corrupt).contains("gazetteer snapshot was corrupt (checksum mismatch)"),
        "{}",
        stderr(&corrupt)
    );
    assert_eq!(places(cwd.path()), expected);
    let again = geocode(exe, cwd.path(), &args);
    assert!(!stderr(&again).contains("corrupt"), "{}", stderr(&again));
    assert_eq!(places(cwd.path()), expected);
}
