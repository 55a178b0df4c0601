//! `bench-site`: measures built sites and, beside each, a plain Leaflet page of
//! the same places, in headless Chromium, and prints the figures side by side.
//!
//! ```text
//! bench-site --leaflet-dist DIR --countries FILE [--lighthouse]
//!            --site LABEL DIST BUILD_SECONDS [--site ...] [--not-built LABEL WHY ...]
//! ```
//!
//! `scripts/bench-site` builds the sites and installs Leaflet, the countries
//! and Lighthouse, then runs this. For every page (fresh browser, empty
//! cache): time to first marker, the files fetched by then (gzipped), JS heap
//! and DOM elements of that first view, popup latency on the place named most
//! (the largest popup) and the DOM with it open, then on a fresh load the
//! frame intervals of a scripted drag and of a wheel zoom. With
//! `--lighthouse`, a Lighthouse mobile run of each page (`$LIGHTHOUSE`, run
//! with `$CHROME_PATH`). Figures, not asserts: the exit code is 1 only when a
//! probe fails outright (a page that never shows a marker, say).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use bundle::FileSize;
use e2e::leaflet::{LeafletPage, LEAFLET};
use e2e::probe::{self, Drag, Wheel};
use e2e::{Browser, BrowserOptions, Selectors, StaticServer};
use serde_json::Value;

fn main() -> ExitCode {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    match runtime.block_on(run()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("bench-site: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// One site to measure, as the command line names it.
struct Site {
    label: String,
    dist: PathBuf,
    build_seconds: f64,
}

struct Options {
    leaflet_dist: PathBuf,
    countries: PathBuf,
    lighthouse: bool,
    sites: Vec<Site>,
    /// Sites that could not be built: (label, why), shown as such.
    not_built: Vec<(String, String)>,
}

fn parse_args() -> Result<Options> {
    let mut args = std::env::args().skip(1);
    let mut leaflet_dist = None;
    let mut countries = None;
    let mut lighthouse = false;
    let mut sites = Vec::new();
    let mut not_built = Vec::new();
    let usage = "usage: bench-site --leaflet-dist DIR --countries FILE [--lighthouse] \
                 --site LABEL DIST BUILD_SECONDS [--site ...] [--not-built LABEL WHY ...]";
    while let Some(arg) = args.next() {
        let mut value = |what: &str| {
            args.next()
                .with_context(|| format!("{arg} needs {what}; {usage}"))
        };
        match arg.as_str() {
            "--leaflet-dist" => leaflet_dist = Some(PathBuf::from(value("a directory")?)),
            "--countries" => countries = Some(PathBuf::from(value("a GeoJSON file")?)),
            "--lighthouse" => lighthouse = true,
            "--site" => {
                let label = value("a label")?;
                let dist = PathBuf::from(value("a directory")?);
                let seconds = value("the build time in seconds")?;
                let build_seconds = seconds.parse().with_context(|| {
                    format!("build time {seconds:?} of site {label} is not a number")
                })?;
                sites.push(Site {
                    label,
                    dist,
                    build_seconds,
                });
            }
            "--not-built" => {
                let label = value("a label")?;
                not_built.push((label, value("the reason")?));
            }
            _ => bail!("unknown argument {arg:?}; {usage}"),
        }
    }
    if sites.is_empty() && not_built.is_empty() {
        bail!("no --site given; {usage}");
    }
    Ok(Options {
        leaflet_dist: leaflet_dist
            .with_context(|| format!("--leaflet-dist is missing; {usage}"))?,
        countries: countries.with_context(|| format!("--countries is missing; {usage}"))?,
        lighthouse,
        sites,
        not_built,
    })
}

/// Returns whether every probe answered.
async fn run() -> Result<bool> {
    let options = parse_args()?;
    let scratch = std::env::temp_dir().join(format!("bench-site-{}", std::process::id()));
    let mut columns = Vec::new();
    for site in &options.sites {
        let places = site.dist.join("places.geojson");
        let popup_place = most_named_place(&places)?;
        eprintln!(
            "bench-site: measuring {} ({})",
            site.label,
            site.dist.display()
        );
        columns.push(
            measure(
                &format!("map, {}", site.label),
                &site.dist,
                &Selectors::MAP,
                &popup_place,
                Some(site.build_seconds),
                options.lighthouse,
            )
            .await,
        );
        let leaflet_dir = scratch.join(format!("leaflet-{}", columns.len()));
        let page = LeafletPage::write(
            &leaflet_dir,
            &options.leaflet_dist,
            &options.countries,
            &places,
        )?;
        eprintln!("bench-site: measuring the Leaflet page of {}", site.label);
        columns.push(
            measure(
                &format!("Leaflet, {}", site.label),
                &page.dir,
                &LEAFLET,
                &popup_place,
                None,
                options.lighthouse,
            )
            .await,
        );
    }
    let _ = std::fs::remove_dir_all(&scratch);
    for (label, why) in &options.not_built {
        columns.push(Column {
            label: format!("map, {label}"),
            build_note: Some(why.clone()),
            ..Column::default()
        });
    }
    print!("{}", table(&columns));
    let failures: Vec<_> = columns.iter().flat_map(|column| &column.errors).collect();
    for failure in &failures {
        eprintln!("bench-site: {failure}");
    }
    Ok(failures.is_empty())
}

/// The name of the place with the most mentions in a `places.geojson`.
fn most_named_place(places: &Path) -> Result<String> {
    let text =
        std::fs::read_to_string(places).with_context(|| format!("reading {}", places.display()))?;
    let collection: Value =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", places.display()))?;
    collection["features"]
        .as_array()
        .into_iter()
        .flatten()
        .max_by_key(|feature| {
            feature["properties"]["mentions"]
                .as_array()
                .map_or(0, Vec::len)
        })
        .and_then(|feature| feature["properties"]["name"].as_str())
        .map(str::to_owned)
        .with_context(|| format!("{} names no place", places.display()))
}

/// Every figure of one page; `None` where its probe failed.
#[derive(Default)]
struct Column {
    label: String,
    first_marker_ms: Option<f64>,
    first_view: Option<Vec<FileSize>>,
    heap: Option<probe::Heap>,
    dom_first_view: Option<u64>,
    markers: Option<u64>,
    popup: Option<(String, Duration)>,
    dom_with_popup: Option<u64>,
    drag: Option<probe::Gesture>,
    wheel: Option<probe::Gesture>,
    build_seconds: Option<f64>,
    /// Why there is no build time (the build failed or took too long).
    build_note: Option<String>,
    lighthouse: Option<Lighthouse>,
    errors: Vec<String>,
}

impl Column {
    /// Keeps `result`'s value, or records its error.
    fn keep<T>(&mut self, what: &str, result: Result<T>) -> Option<T> {
        result
            .map_err(|error| {
                self.errors
                    .push(format!("{}: {what}: {error:#}", self.label))
            })
            .ok()
    }
}

async fn measure(
    label: &str,
    root: &Path,
    selectors: &Selectors<'_>,
    popup_place: &str,
    build_seconds: Option<f64>,
    lighthouse: bool,
) -> Column {
    let mut column = Column {
        label: label.to_owned(),
        build_seconds,
        ..Column::default()
    };
    let server = match StaticServer::start(root) {
        Ok(server) => server,
        Err(error) => {
            column
                .errors
                .push(format!("{label}: serving {}: {error}", root.display()));
            return column;
        }
    };
    let outcome = probe_page(&mut column, &server, root, selectors, popup_place).await;
    column.keep("the browser", outcome);
    if lighthouse {
        let report = run_lighthouse(&server.url());
        column.lighthouse = column.keep("Lighthouse", report);
    }
    column
}

/// Runs the probes in a fresh browser; a failed probe is noted in the column
/// and the others still run, an error here is the browser's own.
async fn probe_page(
    column: &mut Column,
    server: &StaticServer,
    root: &Path,
    selectors: &Selectors<'_>,
    popup_place: &str,
) -> Result<()> {
    let browser = Browser::launch(BrowserOptions::DESKTOP).await?;
    let client = browser.client();
    let url = server.url();
    let first = probe::open_until(client, &url, selectors.marker).await;
    let Some(first) = column.keep("time to first marker", first.map_err(Into::into)) else {
        browser.quit().await?;
        return Ok(());
    };
    column.first_marker_ms = Some(first.frame_ms);
    let fetched = probe::resources(client)
        .await
        .map_err(anyhow::Error::from)
        .and_then(|all| {
            // The first view: what had been requested when the first marker showed.
            let before: Vec<_> = all
                .into_iter()
                .filter(|r| r.start_ms <= first.frame_ms)
                .collect();
            Ok(probe::served_files(&before, &url, root)?)
        });
    column.first_view = column.keep("first-view bytes", fetched);
    column.heap = column.keep("JS heap", probe::js_heap(client).await.map_err(Into::into));
    column.dom_first_view = column.keep(
        "DOM nodes",
        probe::dom_nodes(client).await.map_err(Into::into),
    );
    let markers = client
        .find_all(fantoccini::Locator::Css(selectors.marker))
        .await;
    column.markers = column.keep(
        "markers",
        markers.map(|found| found.len() as u64).map_err(Into::into),
    );

    let target = format!(
        r#"{}[aria-label="{}"]"#,
        selectors.marker,
        popup_place.replace('"', "\\\"")
    );
    let latency = probe::popup_latency(client, selectors, &target).await;
    if let Some(latency) = column.keep("popup latency", latency.map_err(Into::into)) {
        column.popup = Some((popup_place.to_owned(), latency));
        column.dom_with_popup = column.keep(
            "DOM nodes with the popup",
            probe::dom_nodes(client).await.map_err(Into::into),
        );
    }

    // The gestures on a fresh load, with no popup in the way.
    let reload = probe::open_until(client, &url, selectors.marker).await;
    if column
        .keep("reloading", reload.map_err(Into::into))
        .is_some()
    {
        let drag = probe::drag_frames(client, selectors, Drag::HAND).await;
        column.drag = column.keep("drag", drag.map_err(Into::into));
        let wheel = probe::wheel_frames(client, selectors, Wheel::BRISK).await;
        column.wheel = column.keep("wheel zoom", wheel.map_err(Into::into));
    }
    browser.quit().await?;
    Ok(())
}

/// Lighthouse's mobile figures of one page.
struct Lighthouse {
    performance: f64,
    accessibility: f64,
    lcp_ms: f64,
    tbt_ms: f64,
}

/// One Lighthouse run (its default: a Moto G Power on slow 4G, simulated),
/// `$LIGHTHOUSE` (else `lighthouse` on `PATH`) with Chromium at `$CHROME_PATH`.
fn run_lighthouse(url: &str) -> Result<Lighthouse> {
    let program = std::env::var("LIGHTHOUSE").unwrap_or_else(|_| "lighthouse".into());
    let report =
        std::env::temp_dir().join(format!("bench-site-lighthouse-{}.json", std::process::id()));
    let status = Command::new(&program)
        .arg(url)
        .args([
            "--quiet",
            "--output=json",
            "--only-categories=performance,accessibility",
            // As the e2e browser: headless, no sandbox (root in a container),
            // and nothing on the network but the page.
            "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
             --disable-background-networking --disable-component-update --disable-sync \
             --disable-default-apps --no-first-run --no-default-browser-check",
        ])
        .arg(format!("--output-path={}", report.display()))
        .status()
        .with_context(|| format!("running {program} (scripts/bench-site installs it)"))?;
    if !status.success() {
        bail!("{program} {url} failed: {status}");
    }
    let text = std::fs::read_to_string(&report)
        .with_context(|| format!("reading {}", report.display()))?;
    let _ = std::fs::remove_file(&report);
    let json: Value = serde_json::from_str(&text).context("parsing Lighthouse's report")?;
    let number = |pointer: &str| {
        json.pointer(pointer)
            .and_then(Value::as_f64)
            .with_context(|| format!("Lighthouse's report has no {pointer}"))
    };
    Ok(Lighthouse {
        performance: number("/categories/performance/score")? * 100.0,
        accessibility: number("/categories/accessibility/score")? * 100.0,
        lcp_ms: number("/audits/largest-contentful-paint/numericValue")?,
        tbt_ms: number("/audits/total-blocking-time/numericValue")?,
    })
}

/// The figures, one column a page, then each page's first-view files.
fn table(columns: &[Column]) -> String {
    let kib = |bytes: u64| format!("{:.1} KB", bytes as f64 / 1000.0);
    let ms = |value: f64| {
        if value >= 10_000.0 {
            format!("{:.1} s", value / 1000.0)
        } else {
            format!("{value:.0} ms")
        }
    };
    let frame = |gesture: &probe::Gesture| format!("{:.1} ms", gesture.frames.p95_ms);
    type Row<'a> = (&'a str, Box<dyn Fn(&Column) -> Option<String> + 'a>);
    let rows: Vec<Row> = vec![
        (
            "first view, gzip",
            Box::new(|c: &Column| {
                c.first_view
                    .as_ref()
                    .map(|files| kib(files.iter().map(|f| f.gzipped).sum()))
            }),
        ),
        (
            "first view, files",
            Box::new(|c: &Column| c.first_view.as_ref().map(|files| files.len().to_string())),
        ),
        (
            "time to first marker",
            Box::new(move |c: &Column| c.first_marker_ms.map(ms)),
        ),
        (
            "markers",
            Box::new(|c: &Column| c.markers.map(|n| n.to_string())),
        ),
        (
            "popup latency",
            Box::new(move |c: &Column| {
                c.popup
                    .as_ref()
                    .map(|(_, latency)| ms(latency.as_secs_f64() * 1000.0))
            }),
        ),
        (
            "  popup of",
            Box::new(|c: &Column| c.popup.as_ref().map(|(place, _)| place.clone())),
        ),
        (
            "drag, p95 frame",
            Box::new(move |c: &Column| c.drag.as_ref().map(frame)),
        ),
        (
            "drag, p50 / max",
            Box::new(|c: &Column| {
                c.drag
                    .map(|g| format!("{:.1} / {:.0} ms", g.frames.p50_ms, g.frames.max_ms))
            }),
        ),
        (
            "wheel zoom, p95 frame",
            Box::new(move |c: &Column| c.wheel.as_ref().map(frame)),
        ),
        (
            "wheel, p50 / max",
            Box::new(|c: &Column| {
                c.wheel
                    .map(|g| format!("{:.1} / {:.0} ms", g.frames.p50_ms, g.frames.max_ms))
            }),
        ),
        (
            "JS heap (after GC)",
            Box::new(move |c: &Column| c.heap.map(|h| format!("{:.1} MB", h.used as f64 / 1e6))),
        ),
        (
            "wasm memory",
            Box::new(move |c: &Column| {
                c.heap
                    .and_then(|h| h.wasm_memory)
                    .map(|b| format!("{:.1} MB", b as f64 / 1e6))
            }),
        ),
        (
            "DOM elements",
            Box::new(|c: &Column| c.dom_first_view.map(|n| n.to_string())),
        ),
        (
            "DOM, popup open",
            Box::new(|c: &Column| c.dom_with_popup.map(|n| n.to_string())),
        ),
        (
            "build time",
            Box::new(|c: &Column| {
                c.build_seconds
                    .map(|s| format!("{s:.0} s"))
                    .or_else(|| c.build_note.clone())
            }),
        ),
        (
            "Lighthouse perf",
            Box::new(|c: &Column| {
                c.lighthouse
                    .as_ref()
                    .map(|l| format!("{:.0}", l.performance))
            }),
        ),
        (
            "Lighthouse LCP",
            Box::new(|c: &Column| {
                c.lighthouse
                    .as_ref()
                    .map(|l| format!("{:.1} s", l.lcp_ms / 1000.0))
            }),
        ),
        (
            "Lighthouse TBT",
            Box::new(move |c: &Column| c.lighthouse.as_ref().map(|l| ms(l.tbt_ms))),
        ),
        (
            "Lighthouse a11y",
            Box::new(|c: &Column| {
                c.lighthouse
                    .as_ref()
                    .map(|l| format!("{:.0}", l.accessibility))
            }),
        ),
    ];
    let any_lighthouse = columns.iter().any(|c| c.lighthouse.is_some());
    let cells: Vec<Vec<String>> = rows
        .iter()
        .filter(|(name, _)| any_lighthouse || !name.starts_with("Lighthouse"))
        .map(|(name, cell)| {
            std::iter::once(name.to_string())
                .chain(
                    columns
                        .iter()
                        .map(|c| cell(c).unwrap_or_else(|| "—".into())),
                )
                .collect()
        })
        .collect();
    let header: Vec<String> = std::iter::once("measure".to_string())
        .chain(columns.iter().map(|c| c.label.clone()))
        .collect();
    let mut out = String::new();
    let line = |row: &[String], out: &mut String| {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    };
    line(&header, &mut out);
    line(&vec!["---".to_string(); header.len()], &mut out);
    for row in &cells {
        line(row, &mut out);
    }
    for column in columns {
        if let Some(files) = &column.first_view {
            let _ = writeln!(out, "\nfirst view of {}, gzip -9 by file:", column.label);
            let mut files = files.clone();
            files.sort_by_key(|file| std::cmp::Reverse(file.gzipped));
            for file in files {
                let _ = writeln!(
                    out,
                    "  {:>10}  {:>10} raw  {}",
                    kib(file.gzipped),
                    kib(file.raw),
                    file.path
                );
            }
        }
    }
    out
}
