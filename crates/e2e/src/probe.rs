//! Performance probes: what a person feels, measured in the page, the same way
//! on any map page.
//!
//! Every probe takes a [`Selectors`] set naming the page's parts (the surface
//! one drags, a marker, the popup's content, what a drag must not start on),
//! so the same code measures this map ([`Selectors::MAP`]) and a reference
//! page such as a Leaflet one. The probes return figures; they assert nothing
//! (machines differ: compare a page with a reference measured in the same run).
//!
//! - [`drag_frames`] and [`wheel_frames`]: the `requestAnimationFrame`
//!   intervals (p50, p95, max) during a TRUSTED gesture, WebDriver pointer or
//!   wheel actions that Chromium dispatches as real input;
//! - [`open_until`]: time from navigation start until a CSS selector first
//!   matches and its frame begins (time to first marker);
//! - [`popup_latency`]: time from the pointer press on a marker until the frame
//!   that shows the popup's content;
//! - [`resources`]: what the page fetched (Resource Timing), and
//!   [`served_files`] to weigh those files gzipped as a static host serves them;
//! - [`js_heap`]: the JS heap after a garbage collection (Chromium DevTools
//!   protocol), and beside it the page's wasm memories;
//! - [`dom_nodes`]: how many elements the document holds.
//!
//! Times are read from the page's own clock (`performance.now()`, event
//! timestamps), so the WebDriver round trips of the polling do not count.
//! The probes wait on conditions, never on time.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;
use std::time::Duration;

use fantoccini::actions::{
    InputSource, MouseActions, PointerAction, WheelAction, WheelActions, MOUSE_BUTTON_LEFT,
};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use crate::chromedriver::VendorCommand;
use crate::error::{Error, Result};
use crate::map_page::MARKER;
use crate::wait::wait_until;
use bundle::{gzipped_len, FileSize};

/// How long a probe waits for the page to reach a state (a slow page is a
/// figure, not an error, up to this point).
pub const PROBE_WAIT: Duration = Duration::from_secs(120);

/// The parts of a map page the probes need, as CSS selectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selectors<'a> {
    /// The element a person drags and wheels over (the map's surface).
    pub surface: &'a str,
    /// Any marker (a place drawn on the map).
    pub marker: &'a str,
    /// Matches once an open popup shows its content (not just its frame).
    pub popup_content: &'a str,
    /// Elements a drag or a wheel must not start on (markers, controls,
    /// popups): the gesture would click them instead of moving the map.
    pub avoid: &'a str,
}

impl Selectors<'static> {
    /// This map, in the words of the App DOM contract.
    pub const MAP: Self = Self {
        surface: r#"main[data-testid="map"]"#,
        marker: MARKER,
        popup_content: r#"div[role="dialog"][data-testid="popup"] li[data-testid="excerpt"]"#,
        avoid: r#"button, a, input, select, [role="dialog"]"#,
    };
}

/// Frame intervals during a gesture, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrameStats {
    /// How many intervals were measured (frames drawn, minus one).
    pub intervals: usize,
    /// Median interval.
    pub p50_ms: f64,
    /// 95th percentile (nearest rank): the jank a person notices.
    pub p95_ms: f64,
    /// Longest interval.
    pub max_ms: f64,
    /// From the first to the last frame recorded: how long the gesture took
    /// in the page (it stretches when the page cannot keep up with input).
    pub span_ms: f64,
}

impl FrameStats {
    /// Statistics of the intervals between consecutive frame times (ms);
    /// `None` with fewer than two frames.
    ///
    /// ```
    /// let frames = [0.0, 16.7, 33.4, 50.1, 150.1];
    /// let stats = e2e::FrameStats::from_frame_times(&frames).unwrap();
    /// assert_eq!(stats.intervals, 4);
    /// assert!((stats.p50_ms - 16.7).abs() < 1e-9);
    /// assert_eq!(stats.max_ms, 100.0);
    /// assert_eq!(stats.p95_ms, 100.0);
    /// ```
    pub fn from_frame_times(times: &[f64]) -> Option<Self> {
        let mut intervals: Vec<f64> = times.windows(2).map(|pair| pair[1] - pair[0]).collect();
        if intervals.is_empty() {
            return None;
        }
        intervals.sort_by(f64::total_cmp);
        Some(Self {
            intervals: intervals.len(),
            p50_ms: nearest_rank(&intervals, 0.50),
            p95_ms: nearest_rank(&intervals, 0.95),
            max_ms: *intervals.last().expect("not empty"),
            span_ms: times[times.len() - 1] - times[0],
        })
    }
}

impl fmt::Display for FrameStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms ({} frames in {:.0} ms)",
            self.p50_ms, self.p95_ms, self.max_ms, self.intervals, self.span_ms
        )
    }
}

/// What a scripted gesture did to the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gesture {
    /// The frame intervals from just before the gesture to just after it.
    pub frames: FrameStats,
    /// How many trusted input events of the gesture's kind (`pointermove`,
    /// `wheel`) the page received: proof that the input was real.
    pub input_events: u64,
}

/// The `rank` quantile (0..=1) of sorted, non-empty `values`, nearest-rank
/// method: the smallest value with at least that share of values at or below.
fn nearest_rank(sorted: &[f64], rank: f64) -> f64 {
    let index = ((rank * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index]
}

/// A scripted pointer drag: `steps` moves of (`dx`, `dy`) / `steps` pixels,
/// each lasting `step`, then as many back, so the view ends where it began
/// (repeated runs measure the same thing).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drag {
    /// Horizontal distance of the outward path, in CSS pixels.
    pub dx: f64,
    /// Vertical distance of the outward path, in CSS pixels.
    pub dy: f64,
    /// Moves on the way out (as many on the way back).
    pub steps: u32,
    /// How long each move lasts.
    pub step: Duration,
}

impl Drag {
    /// About two seconds of dragging by a hand: 60 moves of 16 ms each way
    /// (one a frame), 300 × 120 pixels out and back.
    pub const HAND: Self = Self {
        dx: 300.0,
        dy: 120.0,
        steps: 60,
        step: Duration::from_millis(16),
    };
}

/// A scripted wheel zoom: `notches` wheel turns of `delta_y` pixels (negative:
/// zoom in), each lasting `step`, then as many the other way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wheel {
    /// Turns each way.
    pub notches: u32,
    /// Pixels per turn; negative is "wheel up", which zooms in on every map.
    pub delta_y: i64,
    /// How long each turn lasts.
    pub step: Duration,
}

impl Wheel {
    /// Six notches in and six out, 120 ms each (a brisk zoom of about 1.5 s).
    pub const BRISK: Self = Self {
        notches: 6,
        delta_y: -100,
        step: Duration::from_millis(120),
    };
}

/// Frame intervals while a trusted pointer drag moves the map.
///
/// The drag starts at a point of `selectors.surface` that is not under
/// `selectors.avoid`; frames are recorded from just before the press until
/// two frames after the release, so a redraw the page does after the gesture
/// counts too.
///
/// # Errors
/// [`Error::Unexpected`] if no free point of the surface is found,
/// [`Error::Command`] if the actions fail, [`Error::Timeout`] if the page
/// stops drawing frames.
pub async fn drag_frames(
    client: &Client,
    selectors: &Selectors<'_>,
    drag: Drag,
) -> Result<Gesture> {
    let start = free_point(client, selectors).await?;
    let steps = drag.steps.max(1);
    let (step_x, step_y) = (drag.dx / f64::from(steps), drag.dy / f64::from(steps));
    let mut mouse = MouseActions::new("probe-mouse".into())
        .then(PointerAction::MoveTo {
            duration: None,
            x: start.0,
            y: start.1,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        });
    for sign in [1.0, -1.0] {
        for _ in 0..steps {
            mouse = mouse.then(PointerAction::MoveBy {
                duration: Some(drag.step),
                x: sign * step_x,
                y: sign * step_y,
            });
        }
    }
    mouse = mouse.then(PointerAction::Up {
        button: MOUSE_BUTTON_LEFT,
    });
    record_frames(client, "pointermove", || async {
        client.perform_actions(mouse).await?;
        client.release_actions().await?;
        Ok(())
    })
    .await
}

/// Frame intervals while trusted wheel turns zoom the map in, then out,
/// over a free point of `selectors.surface` (as [`drag_frames`]).
///
/// # Errors
/// As [`drag_frames`].
pub async fn wheel_frames(
    client: &Client,
    selectors: &Selectors<'_>,
    wheel: Wheel,
) -> Result<Gesture> {
    let (x, y) = free_point(client, selectors).await?;
    let mut turns = WheelActions::new("probe-wheel".into());
    for delta_y in [wheel.delta_y, -wheel.delta_y] {
        for _ in 0..wheel.notches.max(1) {
            turns = turns.then(WheelAction::Scroll {
                duration: Some(wheel.step),
                x: x as i64,
                y: y as i64,
                delta_x: 0,
                delta_y,
            });
        }
    }
    record_frames(client, "wheel", || async {
        client.perform_actions(turns).await?;
        client.release_actions().await?;
        Ok(())
    })
    .await
}

/// Records `requestAnimationFrame` times around `gesture`: starts a recorder,
/// waits for its first frames, runs the gesture, waits for two more frames.
/// Counts the trusted `event` events meanwhile.
async fn record_frames<F, Fut>(client: &Client, event: &str, gesture: F) -> Result<Gesture>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    // The rAF timestamp is the frame's start: consecutive ones differ by the
    // refresh interval when the page keeps up, by more when a frame is missed.
    client
        .execute(
            r#"
            const recorder = window.__e2eFrames = { times: [], running: true, events: 0 };
            const tick = (time) => {
              if (!recorder.running) return;
              recorder.times.push(time);
              requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
            const count = (e) => { if (recorder.running && e.isTrusted) recorder.events += 1; };
            // Capture on window: seen before the page can stop the event, and
            // passive, so the counting itself never delays a scroll or a frame.
            addEventListener(arguments[0], count, { capture: true, passive: true });
            "#,
            vec![Value::String(event.to_owned())],
        )
        .await?;
    let frames = || async {
        let count = client
            .execute("return window.__e2eFrames.times.length;", vec![])
            .await?;
        Ok::<_, Error>(count.as_u64().unwrap_or(0))
    };
    wait_until("the page to draw frames", PROBE_WAIT, || async {
        Ok::<_, Error>(frames().await? >= 2)
    })
    .await?;
    gesture().await?;
    let after = frames().await?;
    wait_until(
        "the page to draw frames after the gesture",
        PROBE_WAIT,
        || async { Ok::<_, Error>(frames().await? >= after + 2) },
    )
    .await?;
    let recorded = client
        .execute(
            "const r = window.__e2eFrames; r.running = false; return [r.times, r.events];",
            vec![],
        )
        .await?;
    let times: Vec<f64> = recorded
        .get(0)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .collect();
    let frames = FrameStats::from_frame_times(&times).ok_or_else(|| Error::Unexpected {
        doing: "reading the frame times".into(),
        value: recorded.to_string(),
    })?;
    let input_events = recorded.get(1).and_then(Value::as_u64).unwrap_or(0);
    Ok(Gesture {
        frames,
        input_events,
    })
}

/// When a selector first matched after a navigation, in ms since navigation
/// start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Appearance {
    /// When the DOM first held a match (a mutation observer saw it).
    pub dom_ms: f64,
    /// When the frame that draws it began (the next animation frame).
    pub frame_ms: f64,
}

/// Navigates to `url` and measures when `css` first matches (e.g. a marker:
/// the time to first marker). The watcher is installed before any of the
/// page's own scripts run (DevTools' `Page.addScriptToEvaluateOnNewDocument`),
/// and removed afterwards.
///
/// # Errors
/// [`Error::Command`] if the DevTools commands fail, [`Error::Timeout`] if
/// nothing matches within [`PROBE_WAIT`].
pub async fn open_until(client: &Client, url: &str, css: &str) -> Result<Appearance> {
    let source = format!(
        r#"(() => {{
          const css = {css};
          const seen = window.__e2eAppeared = {{ dom: null, frame: null }};
          const check = () => {{
            if (seen.dom !== null || !document.querySelector(css)) return;
            seen.dom = performance.now();
            observer.disconnect();
            requestAnimationFrame(() => {{ seen.frame = performance.now(); }});
          }};
          const observer = new MutationObserver(check);
          observer.observe(document, {{ childList: true, subtree: true, attributes: true }});
          // Keep the memories of the wasm modules the page instantiates:
          // `js_heap` reads their size (the JS heap does not count them).
          const memories = window.__e2eWasmMemories = [];
          const keep = (result) => {{
            const instance = result instanceof WebAssembly.Instance ? result : result && result.instance;
            for (const value of Object.values((instance && instance.exports) || {{}})) {{
              if (value instanceof WebAssembly.Memory) memories.push(value);
            }}
            return result;
          }};
          for (const name of ["instantiate", "instantiateStreaming"]) {{
            const original = WebAssembly[name];
            if (original) WebAssembly[name] = function (...args) {{ return original.apply(this, args).then(keep); }};
          }}
        }})();"#,
        css = Value::String(css.to_owned()),
    );
    cdp(client, "Page.enable", json!({})).await?;
    let added = cdp(
        client,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": source }),
    )
    .await?;
    let outcome: Result<Appearance> = async {
        client.goto(url).await?;
        wait_until(&format!("{css} to appear"), PROBE_WAIT, || async {
            let frame = client
                .execute(
                    "return window.__e2eAppeared && window.__e2eAppeared.frame;",
                    vec![],
                )
                .await?;
            Ok::<_, Error>(frame.is_number())
        })
        .await?;
        let seen = client
            .execute(
                "const s = window.__e2eAppeared; return [s.dom, s.frame];",
                vec![],
            )
            .await?;
        match (
            seen.get(0).and_then(Value::as_f64),
            seen.get(1).and_then(Value::as_f64),
        ) {
            (Some(dom_ms), Some(frame_ms)) => Ok(Appearance { dom_ms, frame_ms }),
            _ => Err(Error::Unexpected {
                doing: format!("reading when {css} appeared"),
                value: seen.to_string(),
            }),
        }
    }
    .await;
    if let Some(identifier) = added.get("identifier") {
        cdp(
            client,
            "Page.removeScriptToEvaluateOnNewDocument",
            json!({ "identifier": identifier }),
        )
        .await?;
    }
    outcome
}

/// Clicks `marker_css` (any element: a marker of the page) with a trusted
/// pointer press and release at its centre, and measures the time from the
/// press to the frame that first shows `selectors.popup_content`.
///
/// # Errors
/// [`Error::Command`] if the marker is missing or off-screen,
/// [`Error::Timeout`] if no popup content shows within [`PROBE_WAIT`].
pub async fn popup_latency(
    client: &Client,
    selectors: &Selectors<'_>,
    marker_css: &str,
) -> Result<Duration> {
    let marker = client.find(Locator::Css(marker_css)).await?;
    client
        .execute(
            r#"
            const css = arguments[0];
            const seen = window.__e2ePopup = { press: null, shown: null };
            addEventListener('pointerdown', (event) => {
              if (seen.press === null) seen.press = event.timeStamp;
            }, { capture: true, once: true });
            const check = () => {
              if (seen.press === null || !document.querySelector(css)) return;
              observer.disconnect();
              requestAnimationFrame(() => { seen.shown = performance.now(); });
            };
            const observer = new MutationObserver(check);
            observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
            "#,
            vec![Value::String(selectors.popup_content.to_owned())],
        )
        .await?;
    let click = MouseActions::new("probe-mouse".into())
        .then(PointerAction::MoveToElement {
            element: marker,
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    client.perform_actions(click).await?;
    client.release_actions().await?;
    wait_until("the popup's content to show", PROBE_WAIT, || async {
        let shown = client
            .execute("return window.__e2ePopup.shown;", vec![])
            .await?;
        Ok::<_, Error>(shown.is_number())
    })
    .await?;
    let seen = client
        .execute(
            "const s = window.__e2ePopup; return [s.press, s.shown];",
            vec![],
        )
        .await?;
    match (
        seen.get(0).and_then(Value::as_f64),
        seen.get(1).and_then(Value::as_f64),
    ) {
        (Some(press), Some(shown)) => {
            Ok(Duration::from_secs_f64((shown - press).max(0.0) / 1000.0))
        }
        _ => Err(Error::Unexpected {
            doing: "reading the popup timings".into(),
            value: seen.to_string(),
        }),
    }
}

/// One response the page received, from the Resource (and Navigation) Timing
/// entries.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// Its URL.
    pub url: String,
    /// `navigation`, `script`, `link`, `fetch`, ...
    pub initiator: String,
    /// When it was requested, ms since navigation start.
    pub start_ms: f64,
    /// When its last byte arrived, ms since navigation start.
    pub end_ms: f64,
    /// Bytes on the wire, headers included (0 when served from a cache).
    pub transfer: u64,
    /// Body bytes as sent (compressed, if the server compressed it).
    pub encoded: u64,
    /// Body bytes once decoded.
    pub decoded: u64,
}

/// Every response of the current document so far, the document first.
///
/// # Errors
/// [`Error::Command`] if the page cannot be queried.
pub async fn resources(client: &Client) -> Result<Vec<Resource>> {
    let entries = client
        .execute(
            r#"
            return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
              .map(e => [e.name, e.initiatorType, e.startTime, e.responseEnd,
                         e.transferSize, e.encodedBodySize, e.decodedBodySize]);
            "#,
            vec![],
        )
        .await?;
    Ok(entries
        .as_array()
        .into_iter()
        .flatten()
        .map(|entry| {
            let text = |i: usize| {
                entry
                    .get(i)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            let number = |i: usize| entry.get(i).and_then(Value::as_f64).unwrap_or(0.0);
            Resource {
                url: text(0),
                initiator: text(1),
                start_ms: number(2),
                end_ms: number(3),
                transfer: number(4) as u64,
                encoded: number(5) as u64,
                decoded: number(6) as u64,
            }
        })
        .collect())
}

/// The files of `root` (served at `base_url`) that `resources` fetched, each
/// once, with their raw and `gzip -9` sizes: what a static host that
/// pre-compresses its files would send. Responses from elsewhere (`data:`
/// URLs, other origins) are left out.
///
/// # Errors
/// [`Error::Read`] naming a served file that cannot be read.
pub fn served_files(resources: &[Resource], base_url: &str, root: &Path) -> Result<Vec<FileSize>> {
    let relative: BTreeSet<String> = resources
        .iter()
        .filter_map(|resource| resource.url.strip_prefix(base_url))
        .map(|rest| {
            let path = rest.split(['?', '#']).next().unwrap_or_default();
            if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_owned()
            }
        })
        .collect();
    relative
        .into_iter()
        .map(|path| {
            let file = root.join(&path);
            let bytes =
                std::fs::read(&file).map_err(|source| Error::Read { path: file, source })?;
            Ok(FileSize {
                path,
                raw: bytes.len() as u64,
                gzipped: gzipped_len(&bytes),
            })
        })
        .collect()
}

/// The page's JavaScript heap, after a full garbage collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heap {
    /// Bytes used by JS objects.
    pub used: u64,
    /// Bytes the heap has reserved.
    pub total: u64,
    /// Bytes of the memories of the page's wasm modules (outside the JS
    /// heap); `None` unless the page was opened with [`open_until`], which
    /// watches the modules being instantiated.
    pub wasm_memory: Option<u64>,
}

/// Measures the JS heap through the DevTools protocol (`HeapProfiler.collectGarbage`,
/// then `Runtime.getHeapUsage`), and the wasm memories beside it.
///
/// # Errors
/// [`Error::Command`] if the DevTools commands fail, [`Error::Unexpected`] if
/// the answer lacks the sizes.
pub async fn js_heap(client: &Client) -> Result<Heap> {
    cdp(client, "HeapProfiler.collectGarbage", json!({})).await?;
    let usage = cdp(client, "Runtime.getHeapUsage", json!({})).await?;
    let size = |name: &str| {
        usage
            .get(name)
            .and_then(Value::as_f64)
            .map(|bytes| bytes as u64)
    };
    match (size("usedSize"), size("totalSize")) {
        (Some(used), Some(total)) => Ok(Heap {
            used,
            total,
            wasm_memory: client
                .execute(
                    "const m = window.__e2eWasmMemories; \
                     return m ? m.reduce((sum, memory) => sum + memory.buffer.byteLength, 0) : null;",
                    vec![],
                )
                .await?
                .as_u64(),
        }),
        _ => Err(Error::Unexpected {
            doing: "reading the heap usage".into(),
            value: usage.to_string(),
        }),
    }
}

/// How many elements the document holds (shadow roots aside).
///
/// # Errors
/// [`Error::Unexpected`] if the page answers something else than a number.
pub async fn dom_nodes(client: &Client) -> Result<u64> {
    let count = client
        .execute("return document.getElementsByTagName('*').length;", vec![])
        .await?;
    count.as_u64().ok_or_else(|| Error::Unexpected {
        doing: "counting the elements".into(),
        value: count.to_string(),
    })
}

/// Sends a Chromium DevTools protocol command through chromedriver
/// (`goog/cdp/execute`) and returns its result object.
///
/// # Errors
/// [`Error::Command`] if chromedriver or Chromium refuses the command.
pub async fn cdp(client: &Client, command: &str, params: Value) -> Result<Value> {
    Ok(client
        .issue_cmd(VendorCommand::cdp(command, params))
        .await?)
}

/// A point (viewport pixels) of the surface that is not under `avoid`,
/// searched on a grid from the surface's centre outwards.
async fn free_point(client: &Client, selectors: &Selectors<'_>) -> Result<(f64, f64)> {
    let found = client
        .execute(
            r#"
            const [surfaceCss, avoidCss, markerCss] = arguments;
            const surface = document.querySelector(surfaceCss);
            if (!surface) return null;
            const r = surface.getBoundingClientRect();
            for (let ring = 0; ring < 8; ring++) {
              for (const [fx, fy] of [[0,0],[1,0],[-1,0],[0,1],[0,-1],[1,1],[-1,-1],[1,-1],[-1,1]]) {
                const x = r.x + r.width / 2 + fx * ring * r.width / 18;
                const y = r.y + r.height / 2 + fy * ring * r.height / 18;
                const el = document.elementFromPoint(x, y);
                if (el && surface.contains(el) && !el.closest(avoidCss) && !el.closest(markerCss)) {
                  return [x, y];
                }
              }
            }
            return null;
            "#,
            vec![
                Value::String(selectors.surface.to_owned()),
                Value::String(selectors.avoid.to_owned()),
                Value::String(selectors.marker.to_owned()),
            ],
        )
        .await?;
    match (
        found.get(0).and_then(Value::as_f64),
        found.get(1).and_then(Value::as_f64),
    ) {
        (Some(x), Some(y)) => Ok((x, y)),
        _ => Err(Error::Unexpected {
            doing: format!(
                "looking for a free point of {} to start a gesture on",
                selectors.surface
            ),
            value: found.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let sorted: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(nearest_rank(&sorted, 0.95), 19.0);
        assert_eq!(nearest_rank(&sorted, 0.50), 10.0);
        assert_eq!(nearest_rank(&sorted, 1.0), 20.0);
        assert_eq!(nearest_rank(&[7.0], 0.95), 7.0);
    }

    #[test]
    fn frame_stats_need_two_frames() {
        assert_eq!(FrameStats::from_frame_times(&[]), None);
        assert_eq!(FrameStats::from_frame_times(&[5.0]), None);
        let stats = FrameStats::from_frame_times(&[10.0, 30.0]).unwrap();
        assert_eq!(
            (stats.intervals, stats.p95_ms, stats.span_ms),
            (1, 20.0, 20.0)
        );
    }

    #[test]
    fn the_p95_sees_long_frames_once_they_are_more_than_one_in_twenty() {
        let times = |long: &[usize]| {
            let mut times = vec![0.0];
            for i in 0..40 {
                let last: f64 = *times.last().unwrap();
                times.push(last + if long.contains(&i) { 100.0 } else { 16.0 });
            }
            FrameStats::from_frame_times(&times).unwrap()
        };
        let two = times(&[7, 20]);
        assert_eq!(
            (two.intervals, two.p50_ms, two.p95_ms, two.max_ms),
            (40, 16.0, 16.0, 100.0)
        );
        let three = times(&[7, 20, 33]);
        assert_eq!((three.p50_ms, three.p95_ms), (16.0, 100.0));
        assert_eq!(three.span_ms, 37.0 * 16.0 + 300.0);
    }

    #[test]
    fn served_files_maps_urls_to_files_once_each() {
        let dir = std::env::temp_dir().join(format!("e2e-probe-served-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        std::fs::write(dir.join("index.html"), "<p>Batken</p>".repeat(50)).unwrap();
        std::fs::write(dir.join("assets/app.wasm"), vec![0u8; 1000]).unwrap();
        let resource = |url: &str| Resource {
            url: url.into(),
            initiator: "script".into(),
            start_ms: 0.0,
            end_ms: 1.0,
            transfer: 0,
            encoded: 0,
            decoded: 0,
        };
        let base = "http://127.0.0.1:9/";
        let fetched = [
            resource(base),
            resource("http://127.0.0.1:9/assets/app.wasm?v=1"),
            resource("http://127.0.0.1:9/assets/app.wasm"),
            resource("data:,"),
            resource("http://elsewhere.example/x.js"),
        ];
        let files = served_files(&fetched, base, &dir).unwrap();
        let paths: Vec<_> = files.iter().map(|file| file.path.as_str()).collect();
        assert_eq!(paths, ["assets/app.wasm", "index.html"]);
        assert_eq!(files[0].raw, 1000);
        assert!(files[0].gzipped < 100);
        assert_eq!(files[1].raw, 13 * 50);
        let missing =
            served_files(&[resource("http://127.0.0.1:9/gone.js")], base, &dir).unwrap_err();
        assert!(missing.to_string().contains("gone.js"), "{missing}");
    }
}
