//! `geocode`'s memory does not grow with the corpus: what a run holds
//! beyond the article being geocoded is a small index, not the mentions.
//!
//! Measured with a counting allocator (this test binary's global
//! allocator), so the figures are bytes the run asked for, the same from
//! one run to the next: no timing, no RSS.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use geocoder::{geocode_paths_spilled, list_articles, Gazetteer, Options, Report};

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; the
// counters are only read.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's promises about `layout` are passed on.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: `pointer` was allocated by `alloc` with `layout`.
        unsafe { System.dealloc(pointer, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The tests of this file one at a time: the counters are the process's.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

const GAZETTEER: &str = "\
batken-1528675\tcity\tKG\t1528675\t40.06259\t70.81944\t26958\tKG-B\tBatken
kg\tcountry\tKG\t\t41.46\t74.56\t0\t\tKyrgyzstan|Kirghizistan
tj\tcountry\tTJ\t\t38.8\t71.0\t0\t\tTajikistan|Tadjikistan
vorukh-1220164\tvillage\tTJ\t1220164\t39.85\t70.58\t28000\tTJ-SU\tVorukh
isfara-1221194\tcity\tTJ\t1221194\t40.12\t70.62\t42000\tTJ-SU\tIsfara
";

/// Sentences per article: each names three places (a mention per 30
/// bytes or so, denser than news).
const SENTENCES: usize = 150;

/// Writes `n` articles without a URL (the output embeds their text, which
/// the run used to hold too), every sentence its own.
fn corpus(dir: &Path, n: usize) -> usize {
    let mut bytes = 0;
    for a in 0..n {
        let mut text = format!("Rapport {a}\n\n");
        for s in 0..SENTENCES {
            text += &format!(
                "Le jour {s} du rapport {a}, des tirs ont visé Batken, Vorukh et Isfara, à la frontière du Kirghizistan. "
            );
        }
        bytes += text.len();
        std::fs::write(dir.join(format!("{a:05}.txt")), text).unwrap();
    }
    bytes
}

/// The peak of the bytes in use while `geocode` geocodes the corpus of
/// `dir` and writes its GeoJSON, above what was in use before; and the
/// GeoJSON's size (with [`Report::Full`], the GeoJSON's size and the
/// report's).
fn peak_of_a_run(
    gazetteer: &Gazetteer,
    dir: &Path,
    spill: &Path,
    report: Report,
) -> (usize, usize) {
    let paths = list_articles(dir).unwrap();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let mut output = CountingSink(0);
    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    pool.install(|| {
        let outcome =
            geocode_paths_spilled(gazetteer, &paths, Options::default(), report, spill, |_| {})
                .unwrap();
        assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
        outcome
            .places
            .write_geojson(std::io::BufWriter::new(&mut output))
            .unwrap();
        outcome
            .places
            .write_report(std::io::BufWriter::new(&mut output))
            .unwrap();
    });
    (PEAK.load(Ordering::Relaxed) - before, output.0)
}

/// Counts the bytes written to it.
struct CountingSink(usize);

impl std::io::Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Four times the articles cost a few hundred bytes more per article (the
/// index: its id, where its record is, the places it names), not the
/// mentions' sentences and the text, as when the run held them: through
/// `geocode_paths_with`, which holds the collection, 278 KB more per
/// article of 16 KB (285 bytes spilled).
#[test]
fn memory_does_not_grow_with_the_mentions() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let gazetteer = Gazetteer::from_strs(GAZETTEER, "", "").unwrap();
    let growth = growth_per_article(&gazetteer, Report::Counts);
    assert!(
        growth.per_article * 20 < growth.article_bytes,
        "each article costs {} bytes for the whole run ({} of text): {growth:?}",
        growth.per_article,
        growth.article_bytes,
    );
}

/// The full report (`geocode --report`) does not grow the run's memory
/// either: each article's lines go to a temporary file as soon as it is
/// geocoded. Here every `Vorukh` is rejected (an exclusion), 150 per
/// article; held as records, they cost about 23 KB per article of 16 KB.
#[test]
fn the_report_does_not_grow_with_the_rejections() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let gazetteer = Gazetteer::from_strs(GAZETTEER, "exclude\tVorukh\n", "").unwrap();
    let growth = growth_per_article(&gazetteer, Report::Full);
    assert!(
        growth.per_article * 20 < growth.article_bytes,
        "each article costs {} bytes for the whole run ({} of text): {growth:?}",
        growth.per_article,
        growth.article_bytes,
    );
}

/// What a run's peak memory gains per article from `n` articles to `4n`.
#[derive(Debug)]
#[allow(dead_code)] // The peaks are read through `Debug`, in the failure message.
struct Growth {
    n: usize,
    small_peak: usize,
    large_peak: usize,
    per_article: usize,
    article_bytes: usize,
}

/// Runs `n` and then `4n` generated articles (after a first run, which makes
/// what is made once and kept: the date patterns, the stemmers), checks that
/// what the run writes does grow with the corpus, and measures how much more
/// memory each article costs at the peak.
fn growth_per_article(gazetteer: &Gazetteer, report: Report) -> Growth {
    let (small, large) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let spill = tempfile::tempdir().unwrap();
    let (n, small_bytes) = (40, corpus(small.path(), 40));
    let large_bytes = corpus(large.path(), 4 * n);
    let run = |dir: &Path| peak_of_a_run(gazetteer, dir, spill.path(), report);
    run(small.path());
    let (small_peak, small_output) = run(small.path());
    let (large_peak, large_output) = run(large.path());
    assert!(large_output > 3 * small_output && small_output > small_bytes);
    let growth = Growth {
        n,
        small_peak,
        large_peak,
        per_article: large_peak.saturating_sub(small_peak) / (3 * n),
        article_bytes: (large_bytes - small_bytes) / (3 * n),
    };
    eprintln!(
        "{report:?}: peak above the start {small_peak} bytes for {n} articles, {large_peak} for \
         {}: {} bytes more per article of {} bytes",
        4 * n,
        growth.per_article,
        growth.article_bytes
    );
    growth
}
