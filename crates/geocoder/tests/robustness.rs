//! Bad input never stops a run, and identical input gives identical output.

use std::path::Path;

use geocoder::{
    geocode_dir, geocode_paths, geocode_paths_spilled, geocode_paths_with, list_articles,
    Gazetteer, Options, Report, WarningKind,
};

const GAZETTEER: &str = "\
batken-1528675\tcity\tKG\t1528675\t40.06259\t70.81944\t26958\tKG-B\tBatken
kg\tcountry\tKG\t\t41.46\t74.56\t0\t\tKyrgyzstan|Kirghizistan
tj\tcountry\tTJ\t\t38.8\t71.0\t0\t\tTajikistan|Tadjikistan
vorukh-1220164\tvillage\tTJ\t1220164\t39.85\t70.58\t23000\tTJ-SU\tVorukh
";

fn gazetteer() -> Gazetteer {
    Gazetteer::from_strs(GAZETTEER, "alias\tVoroukh\tvorukh-1220164\n", "").unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn bad_articles_are_warnings_naming_the_file_and_the_others_are_geocoded() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a_good.txt",
        "Tirs à Batken\n\nDes tirs sur Batken, au Kirghizistan.".as_bytes(),
    );
    write(dir.path(), "b_empty.txt", b"  \n\n ");
    write(
        dir.path(),
        "c_binary.txt",
        b"\x7fELF\x02\x01\x01\x00\x00\x00Batken",
    );
    // "Voroukh, Tadjikistan : tirs à Batken" in Latin-1 (é = 0xE9 elsewhere).
    write(
        dir.path(),
        "d_latin1.txt",
        b"Voroukh, Tadjikistan\n\nL'enclave est assi\xe9g\xe9e.",
    );
    // Large: 100 MB of prose, cut at a smaller limit so the test stays fast.
    let sentence = "Des tirs ont ete signales pres de la frontiere au Tadjikistan. ";
    let big = sentence.repeat(100 * 1024 * 1024 / sentence.len());
    write(dir.path(), "e_large.txt", big.as_bytes());
    write(dir.path(), "f_not_an_article.md", b"Batken");

    let paths = list_articles(dir.path()).unwrap();
    assert_eq!(paths.len(), 5, "only *.txt files are articles");
    let options = Options {
        max_article_bytes: 2 * 1024 * 1024,
        ..Options::default()
    };
    let outcome = geocode_paths(&gazetteer(), &paths, options, |_| {});

    let warned = |file: &str| {
        outcome
            .warnings
            .iter()
            .find(|w| w.path.ends_with(file))
            .map(|w| &w.kind)
    };
    assert_eq!(warned("a_good.txt"), None);
    assert_eq!(warned("b_empty.txt"), Some(&WarningKind::Empty));
    assert_eq!(warned("c_binary.txt"), Some(&WarningKind::Binary));
    assert_eq!(warned("d_latin1.txt"), Some(&WarningKind::NotUtf8));
    assert_eq!(
        warned("e_large.txt"),
        Some(&WarningKind::Truncated {
            kept: 2 * 1024 * 1024
        })
    );
    for warning in &outcome.warnings {
        assert!(
            warning
                .to_string()
                .contains(&*warning.path.to_string_lossy()),
            "{warning}"
        );
    }

    let ids: Vec<&str> = outcome
        .places
        .articles
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(ids, ["a_good", "d_latin1", "e_large"]);
    let place = |id: &str| outcome.places.places.iter().find(|p| p.id == id);
    let batken = place("batken-1528675").expect("Batken found");
    assert!(batken.mentions.iter().all(|m| m.article == "a_good"));
    let vorukh = place("vorukh-1220164").expect("Vorukh found in the Latin-1 article");
    assert_eq!(vorukh.mentions[0].text, "Voroukh");
    let latin1 = outcome.places.article("d_latin1").unwrap();
    assert!(latin1.text.as_deref().unwrap().contains("assiégée"));
    let tajikistan = place("tj").unwrap();
    let in_large = tajikistan
        .mentions
        .iter()
        .filter(|m| m.article == "e_large")
        .count();
    assert_eq!(in_large, 2 * 1024 * 1024 / sentence.len());
}

#[test]
fn missing_directory_is_an_error_naming_it() {
    let error = geocode_dir(&gazetteer(), Path::new("/nonexistent/articles")).unwrap_err();
    assert!(
        error.to_string().contains("/nonexistent/articles"),
        "{error}"
    );
}

/// Two runs, one holding its places in memory, one spilling them to a
/// temporary file and streaming the GeoJSON from there, give the same bytes.
#[test]
fn two_runs_give_byte_identical_output_in_memory_or_spilled() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let first = {
        let gazetteer = Gazetteer::load(&data).unwrap();
        geocode_dir(&gazetteer, &seeds)
            .unwrap()
            .places
            .to_geojson_string()
            .unwrap()
    };
    let spill = tempfile::tempdir().unwrap();
    let (second, collection) = {
        let gazetteer = Gazetteer::load(&data).unwrap();
        let paths = list_articles(&seeds).unwrap();
        let outcome = geocode_paths_spilled(
            &gazetteer,
            &paths,
            Options::default(),
            Report::Counts,
            spill.path(),
            |_| {},
        )
        .unwrap();
        let mut written = Vec::new();
        outcome.places.write_geojson(&mut written).unwrap();
        let collection = outcome.places.into_collection().unwrap();
        (String::from_utf8(written).unwrap(), collection)
    };
    assert!(first.len() > 1000);
    assert!(first == second, "two runs differ");
    assert!(collection.to_geojson_string().unwrap() == first);
    let left: Vec<_> = std::fs::read_dir(spill.path()).unwrap().collect();
    assert!(left.is_empty(), "the temporary file is gone: {left:?}");
}

/// A spilled run with the full report holds none of it: its outcome lists
/// no rejection nor ambiguity, and `write_report` writes the lines of the
/// in-memory run's records, in the same order, whatever the threads.
#[test]
fn a_spilled_run_writes_the_report_it_does_not_hold() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let gazetteer = Gazetteer::load(&data).unwrap();
    let paths = list_articles(&seeds).unwrap();
    let held = geocode_paths_with(&gazetteer, &paths, Options::default(), Report::Full, |_| {});
    let mut expected = String::new();
    for rejection in &held.rejected {
        expected += &format!("rejected  {rejection}\n");
    }
    for ambiguity in &held.ambiguous {
        expected += &format!("ambiguous {ambiguity}\n");
    }
    assert!(!held.rejected.is_empty() && !held.ambiguous.is_empty());
    let spill = tempfile::tempdir().unwrap();
    for threads in [1, 3] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let outcome = pool
            .install(|| {
                geocode_paths_spilled(
                    &gazetteer,
                    &paths,
                    Options::default(),
                    Report::Full,
                    spill.path(),
                    |_| {},
                )
            })
            .unwrap();
        assert!(outcome.rejected.is_empty() && outcome.ambiguous.is_empty());
        assert_eq!(outcome.rejected_count, held.rejected.len());
        let mut written = Vec::new();
        outcome.places.write_report(&mut written).unwrap();
        assert!(
            String::from_utf8(written).unwrap() == expected,
            "{threads} threads"
        );
    }
}

#[test]
fn a_spill_directory_that_cannot_be_written_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"Tirs a Batken.");
    let paths = list_articles(dir.path()).unwrap();
    let missing = dir.path().join("missing");
    let error = geocode_paths_spilled(
        &gazetteer(),
        &paths,
        Options::default(),
        Report::Counts,
        &missing,
        |_| {},
    )
    .unwrap_err();
    assert!(matches!(error, geocoder::Error::Spill { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains(&*missing.to_string_lossy()), "{message}");
    let cause = std::error::Error::source(&error).map(ToString::to_string);
    assert!(
        cause.is_some_and(|c| c.contains("No such file")),
        "{error:?}"
    );
}

/// Issue 8 §2: more than 300 bytes of no-break-spaced words before a place
/// name made the excerpt cutter slice inside the 2-byte U+00A0.
#[test]
fn no_break_spaces_before_a_far_place_name_do_not_panic() {
    for space in ['\u{a0}', '\u{202f}'] {
        let body = format!(
            "x{}ont repris à Batken, au Kirghizistan, hier.",
            format!("les{space}combats ").repeat(40)
        );
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "nbsp.txt", body.as_bytes());
        let outcome = geocode_dir(&gazetteer(), dir.path()).unwrap();
        assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
        let batken = outcome
            .places
            .places
            .iter()
            .find(|p| p.id == "batken-1528675")
            .expect("Batken found");
        let mention = &batken.mentions[0];
        let in_excerpt = mention
            .range_in_excerpt()
            .expect("the mention is in its excerpt");
        assert_eq!(&mention.excerpt[in_excerpt], "Batken");
        assert!(mention.excerpt.len() <= 700, "{}", mention.excerpt.len());
        assert_eq!(
            &body[mention.excerpt_start..mention.excerpt_start + mention.excerpt.len()],
            mention.excerpt
        );
    }
}

/// Issue 9: articles are geocoded on every core, yet the output does not
/// depend on how many there are, nor on which thread finishes first.
#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let gazetteer = Gazetteer::load(&data).unwrap();
    // The fixtures, each several times under other names, with bad
    // articles in between (warnings must come in path order too).
    let dir = tempfile::tempdir().unwrap();
    let fixtures = list_articles(&fixtures).unwrap();
    for (n, path) in fixtures.iter().enumerate() {
        for copy in 0..2 {
            std::fs::copy(path, dir.path().join(format!("{copy}_{n:02}.txt"))).unwrap();
        }
        write(dir.path(), &format!("{n:02}_empty.txt"), b" ");
    }
    let paths = list_articles(dir.path()).unwrap();
    let run = |threads| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let outcome = pool.install(|| {
            geocode_paths_with(&gazetteer, &paths, Options::default(), Report::Full, |_| {})
        });
        let warnings: Vec<String> = outcome.warnings.iter().map(|w| w.to_string()).collect();
        let rejected: Vec<String> = outcome.rejected.iter().map(|r| r.to_string()).collect();
        (
            outcome.places.to_geojson_string().unwrap(),
            warnings,
            rejected,
        )
    };
    let one = run(1);
    // One warning per empty article, none for the fixtures.
    assert!(one.0.len() > 10_000 && one.1.len() == fixtures.len() && !one.2.is_empty());
    for threads in [2, 5] {
        assert!(run(threads) == one, "{threads} threads differ from one");
    }
}
