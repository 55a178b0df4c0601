//! The per-article cache (issue 9, fast builds): a rebuild after one
//! article changed geocodes that article only, gives the output a build
//! without cache gives, and never trusts a corrupt entry.

use std::path::{Path, PathBuf};

use geocoder::{
    geocode_paths_with, list_articles, Cache, Gazetteer, Options, Outcome, Report, Snapshot,
    WarningKind,
};

const GAZETTEER: &str = "\
batken-1528675\tcity\tKG\t1528675\t40.06259\t70.81944\t26958\tKG-B\tBatken
kg\tcountry\tKG\t\t41.46\t74.56\t0\t\tKyrgyzstan|Kirghizistan
isfara-1221194\tcity\tTJ\t1221194\t40.12\t70.62\t40000\tTJ-SU\tIsfara
tj\tcountry\tTJ\t\t38.8\t71.0\t0\t\tTajikistan|Tadjikistan
";

/// A data directory, the gazetteer loaded from it, and ten articles.
struct Setup {
    data: tempfile::TempDir,
    articles: tempfile::TempDir,
    cache: tempfile::TempDir,
    gazetteer: Gazetteer,
}

fn setup() -> Setup {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("gazetteer.tsv"), GAZETTEER).unwrap();
    let articles = tempfile::tempdir().unwrap();
    for n in 0..10 {
        let text = format!(
            "Dépêche {n}\n\nDes tirs à Batken, au Kirghizistan, et {n} blessés à Isfara, au Tadjikistan."
        );
        std::fs::write(articles.path().join(format!("{n:02}.txt")), text).unwrap();
    }
    let gazetteer = Gazetteer::load(data.path()).unwrap();
    Setup {
        data,
        articles,
        cache: tempfile::tempdir().unwrap(),
        gazetteer,
    }
}

impl Setup {
    fn run(&self, cache: Option<&Cache>, report: Report) -> Outcome {
        let paths = list_articles(self.articles.path()).unwrap();
        let options = Options {
            cache,
            ..Options::default()
        };
        geocode_paths_with(&self.gazetteer, &paths, options, report, |_| {})
    }

    fn open(&self) -> Cache {
        Cache::open(self.cache.path(), self.data.path()).unwrap()
    }

    fn entries(&self) -> Vec<PathBuf> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(self.cache.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        entries
    }
}

fn geojson(outcome: &Outcome) -> String {
    outcome.places.to_geojson_string().unwrap()
}

#[test]
fn a_rebuild_geocodes_only_the_changed_article() {
    let setup = setup();
    let without = setup.run(None, Report::Counts);
    let cache = setup.open();
    let cold = setup.run(Some(&cache), Report::Counts);
    assert_eq!((cold.cache.reused, cold.cache.stored), (0, 10));
    assert_eq!(geojson(&cold), geojson(&without));
    let warm = setup.run(Some(&cache), Report::Counts);
    assert_eq!((warm.cache.reused, warm.cache.stored), (10, 0));
    assert_eq!(geojson(&warm), geojson(&without));
    assert_eq!(warm.rejected_count, without.rejected_count);

    let changed = setup.articles.path().join("03.txt");
    std::fs::write(&changed, "Dépêche 3\n\nCalme à Batken, au Kirghizistan.").unwrap();
    let rebuilt = setup.run(Some(&cache), Report::Counts);
    assert_eq!((rebuilt.cache.reused, rebuilt.cache.stored), (9, 1));
    assert_eq!(geojson(&rebuilt), geojson(&setup.run(None, Report::Counts)));
    assert!(!geojson(&rebuilt).contains("3 blessés"));
}

#[test]
fn the_data_or_a_full_report_is_never_served_from_an_older_cache() {
    let setup = setup();
    let cache = setup.open();
    setup.run(Some(&cache), Report::Counts);
    // A full report lists rejections, which the cache does not hold.
    let full = setup.run(Some(&cache), Report::Full);
    assert_eq!(full.cache.reused, 0);
    // New data, new fingerprint: nothing reused.
    std::fs::write(setup.data.path().join("common-words.tsv"), "").unwrap();
    let reopened = setup.open();
    let after = setup.run(Some(&reopened), Report::Counts);
    assert_eq!((after.cache.reused, after.cache.stored), (0, 10));
}

#[test]
fn corrupt_entries_are_ignored_with_a_warning_and_rewritten() {
    let setup = setup();
    let cache = setup.open();
    let expected = geojson(&setup.run(Some(&cache), Report::Counts));
    let entries = setup.entries();
    assert_eq!(entries.len(), 10);
    // One truncated, one with a mention moved by a byte, one garbage.
    let truncated = std::fs::read(&entries[0]).unwrap();
    std::fs::write(&entries[0], &truncated[..truncated.len() / 2]).unwrap();
    let moved = std::fs::read_to_string(&entries[1]).unwrap();
    let (first, rest) = moved.split_once('\n').unwrap();
    let (counts, rest) = rest.split_once('\n').unwrap();
    let (start, rest) = rest.split_once(' ').unwrap();
    let shifted = format!(
        "{first}\n{counts}\n{} {rest}",
        start.parse::<usize>().unwrap() + 1
    );
    std::fs::write(&entries[1], shifted).unwrap();
    std::fs::write(&entries[2], b"\x00\xff garbage").unwrap();

    let outcome = setup.run(Some(&cache), Report::Counts);
    assert_eq!(geojson(&outcome), expected, "corrupt entries were trusted");
    let mut corrupt: Vec<&Path> = outcome
        .warnings
        .iter()
        .filter_map(|w| match &w.kind {
            WarningKind::CacheCorrupt { entry, .. } => Some(entry.as_path()),
            _ => None,
        })
        .collect();
    corrupt.sort();
    assert_eq!(
        corrupt,
        [&entries[0], &entries[1], &entries[2]].map(|p| p.as_path())
    );
    for warning in &outcome.warnings {
        assert!(
            warning.to_string().contains(".txt: its cached geocoding"),
            "{warning}"
        );
    }
    assert_eq!((outcome.cache.reused, outcome.cache.stored), (7, 3));
    // Rewritten: the next run reuses all ten.
    let again = setup.run(Some(&cache), Report::Counts);
    assert!(again.warnings.is_empty(), "{:?}", again.warnings);
    assert_eq!(again.cache.reused, 10);
}

/// Every place and every key with its names, in key order: what two
/// gazetteers must share to geocode alike.
fn contents(gazetteer: &Gazetteer) -> (String, Vec<(String, String)>) {
    let mut keys: Vec<(String, String)> = gazetteer
        .keys()
        .map(|(key, names)| (key.to_owned(), format!("{names:?}")))
        .collect();
    keys.sort();
    (format!("{:?}", gazetteer.places()), keys)
}

fn snapshots(setup: &Setup) -> Vec<PathBuf> {
    setup
        .entries()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect()
}

#[test]
fn the_gazetteer_snapshot_is_written_once_then_read_back() {
    let setup = setup();
    let cache = setup.open();
    assert!(snapshots(&setup).is_empty());
    let (built, how) = cache.gazetteer(setup.data.path()).unwrap();
    assert_eq!(how, Snapshot::Built);
    assert_eq!(snapshots(&setup), [cache.snapshot_path()]);
    let (reused, how) = cache.gazetteer(setup.data.path()).unwrap();
    assert_eq!(how, Snapshot::Reused);
    assert_eq!(contents(&built), contents(&setup.gazetteer));
    assert_eq!(contents(&reused), contents(&setup.gazetteer));
    assert_eq!(reused.alias("batken"), setup.gazetteer.alias("batken"));
    // The same output as the gazetteer of the data files.
    let paths = list_articles(setup.articles.path()).unwrap();
    let from_snapshot =
        geocode_paths_with(&reused, &paths, Options::default(), Report::Counts, |_| {});
    assert_eq!(
        geojson(&from_snapshot),
        geojson(&setup.run(None, Report::Counts))
    );
}

#[test]
fn a_stale_gazetteer_snapshot_is_never_read_and_is_removed() {
    let setup = setup();
    let cache = setup.open();
    cache.gazetteer(setup.data.path()).unwrap();
    let old = cache.snapshot_path();
    // New data: a new place, so a new fingerprint and snapshot.
    let main = setup.data.path().join("gazetteer.tsv");
    let more =
        format!("{GAZETTEER}osh-1527534\tcity\tKG\t1527534\t40.52\t72.79\t200000\tKG-O\tOsh\n");
    std::fs::write(&main, more).unwrap();
    let reopened = setup.open();
    assert_ne!(reopened.snapshot_path(), old);
    let (gazetteer, how) = reopened.gazetteer(setup.data.path()).unwrap();
    assert_eq!(how, Snapshot::Built);
    assert_eq!(gazetteer.places().len(), 5);
    assert_eq!(gazetteer.lookup(&geocoder::normalize::key("Osh")).len(), 1);
    assert_eq!(
        snapshots(&setup),
        [reopened.snapshot_path()],
        "the stale one is removed"
    );
    assert_eq!(
        contents(&gazetteer),
        contents(&Gazetteer::load(setup.data.path()).unwrap())
    );
}

#[test]
fn a_corrupt_gazetteer_snapshot_is_never_trusted_and_is_rewritten() {
    let setup = setup();
    let cache = setup.open();
    cache.gazetteer(setup.data.path()).unwrap();
    let path = cache.snapshot_path();
    let sound = std::fs::read(&path).unwrap();
    let mut flipped = sound.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    let mut checksum_flipped = sound.clone();
    checksum_flipped[0] ^= 1;
    let cases: [(&[u8], &str); 5] = [
        (&flipped, "checksum mismatch"),
        (&checksum_flipped, "checksum mismatch"),
        (&sound[..sound.len() / 2], "checksum mismatch"),
        (b"", "truncated"),
        (b"\x00\xff garbage", "truncated"),
    ];
    let without = geojson(&setup.run(None, Report::Counts));
    let paths = list_articles(setup.articles.path()).unwrap();
    for (bytes, why) in cases {
        std::fs::write(&path, bytes).unwrap();
        let (gazetteer, how) = cache.gazetteer(setup.data.path()).unwrap();
        assert!(
            matches!(&how, Snapshot::Corrupt(reason) if reason.contains(why)),
            "{how:?} for {why}"
        );
        assert_eq!(contents(&gazetteer), contents(&setup.gazetteer));
        let outcome = geocode_paths_with(
            &gazetteer,
            &paths,
            Options::default(),
            Report::Counts,
            |_| {},
        );
        assert_eq!(geojson(&outcome), without, "the same output as no cache");
        assert_eq!(std::fs::read(&path).unwrap(), sound, "written anew");
        assert_eq!(
            cache.gazetteer(setup.data.path()).unwrap().1,
            Snapshot::Reused
        );
    }
    // A checksum that matches bytes that are no gazetteer.
    let mut forged = b"not a gazetteer".to_vec();
    forged.extend_from_slice(blake3::hash(b"not a gazetteer").as_bytes());
    std::fs::write(&path, forged).unwrap();
    let (gazetteer, how) = cache.gazetteer(setup.data.path()).unwrap();
    assert!(matches!(how, Snapshot::Corrupt(_)), "{how:?}");
    assert_eq!(contents(&gazetteer), contents(&setup.gazetteer));
}
