//! End-to-end tests of the built site (`dist/`) in headless Chromium, written
//! against the App DOM contract. `scripts/test` builds the site first; alone:
//! `trunk build --release && cargo test -p e2e`.
//!
//! Each test starts its own static server, chromedriver and browser; a lock
//! runs them one at a time, since timing-sensitive checks (drag, zoom) on a
//! two-core machine are not reliable with several browsers at once.

use std::path::PathBuf;

use anyhow::{ensure, Context, Result};
use e2e::{
    browser_log, corpus_dist_dir, dist_dir, wait_until, workspace_root, Browser, BrowserOptions,
    LogEntry, MapPage, Point, Seed, StaticServer, CORPUS_ARTICLES, WAIT,
};
use fantoccini::key::Key;
use fantoccini::Locator;
use model::site::{SiteIndex, ZoneFile};
use tokio::sync::{Mutex, MutexGuard};

mod accessibility;
mod crowded;
mod dense;
mod distribution;
mod downloads;
mod embed_state;
mod fresh_clone;
mod hostile;
mod languages;
mod probe;
mod search;
mod themes;
mod time;
mod zones;

/// One browser at a time (see the module doc).
static ONE_BROWSER_AT_A_TIME: Mutex<()> = Mutex::const_new(());

/// The places the seeds are about; the geocoder must find them.
const BATKEN: &str = "Batken";
const VORUKH: &str = "Vorukh";
const KHUJAND: &str = "Khujand";
const ALMATY: &str = "Almaty";

/// The sites the browser tests of time, zones, the article list and search
/// run on (issue 11): the seeds' (`dist/`) and one of
/// [`CORPUS_ARTICLES`] generated articles ([`corpus_dist_dir`]). A test
/// run on both derives what it expects from the site's own files
/// ([`Site::data`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Site {
    Seeds,
    Corpus,
}

impl Site {
    fn dir(self) -> Result<PathBuf> {
        Ok(match self {
            Site::Seeds => dist_dir()?,
            Site::Corpus => corpus_dist_dir()?,
        })
    }

    /// The site's index and zones, as the app reads them.
    fn data(self) -> Result<SiteData> {
        let dir = self.dir()?;
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name))
                .with_context(|| format!("reading {name} of {}", dir.display()))
        };
        let data = SiteData {
            index: model::site::from_json(&read(model::site::INDEX)?)?,
            zones: model::site::from_json(&read(model::site::ZONES)?)?,
        };
        if self == Site::Corpus {
            ensure!(
                data.index.articles.len() == CORPUS_ARTICLES,
                "the corpus site has {} articles, not {CORPUS_ARTICLES}",
                data.index.articles.len()
            );
        }
        Ok(data)
    }
}

/// What a site's data files say.
struct SiteData {
    index: SiteIndex,
    zones: ZoneFile,
}

/// Two `#[tokio::test]`s, `seeds` and `corpus`, in a module named after
/// the async fn `check(Site)`, which they run on each [`Site`].
macro_rules! on_both_sites {
    ($($check:ident),* $(,)?) => {$(
        mod $check {
            #[tokio::test]
            async fn seeds() -> anyhow::Result<()> {
                super::$check(crate::Site::Seeds).await
            }
            #[tokio::test]
            async fn corpus() -> anyhow::Result<()> {
                super::$check(crate::Site::Corpus).await
            }
        }
    )*};
}
use on_both_sites;

/// A served site and a browser on it.
struct Session {
    browser: Browser,
    server: StaticServer,
    _turn: MutexGuard<'static, ()>,
}

impl Session {
    /// Serves `dist/` and starts a browser of the given size.
    async fn start(options: BrowserOptions) -> Result<Self> {
        let dist = dist_dir()?;
        Self::serving(&dist, options).await
    }

    /// Serves `site` and starts a browser of the given size.
    async fn on(site: Site, options: BrowserOptions) -> Result<Self> {
        Self::serving(&site.dir()?, options).await
    }

    async fn serving(root: &std::path::Path, options: BrowserOptions) -> Result<Self> {
        let turn = ONE_BROWSER_AT_A_TIME.lock().await;
        let server = StaticServer::start(root)?;
        let browser = Browser::launch(options).await?;
        Ok(Self {
            browser,
            server,
            _turn: turn,
        })
    }

    /// Opens the map and waits for its markers.
    async fn map(&self) -> Result<MapPage<'_>> {
        open_map(&self.browser, &self.server).await
    }

    async fn finish(self) -> Result<()> {
        self.browser.quit().await?;
        Ok(())
    }
}

/// Opens the map; if it never shows, the console usually says why.
async fn open_map<'a>(browser: &'a Browser, server: &StaticServer) -> Result<MapPage<'a>> {
    match MapPage::open(browser.client(), &server.url()).await {
        Ok(map) => Ok(map),
        Err(error) => {
            let log = browser_log(browser.client()).await.unwrap_or_default();
            let log: Vec<_> = log.iter().map(ToString::to_string).collect();
            anyhow::bail!("{error}; browser console:\n{}", log.join("\n"))
        }
    }
}

fn seeds() -> Result<Vec<Seed>> {
    Ok(Seed::load_all(&workspace_root().join("seeds"))?)
}

/// The article about the Kyrgyz–Tajik border war: the one naming Batken most.
fn border_war_seed(seeds: &[Seed]) -> Result<&Seed> {
    seeds
        .iter()
        .max_by_key(|seed| seed.text.matches(BATKEN).count())
        .filter(|seed| seed.text.contains(BATKEN))
        .context("no seed names Batken")
}

fn screenshot_path(name: &str) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("e2e-screenshots")
        .join(name)
}

/// Centres of the given markers, once they stop moving.
async fn centres(map: &MapPage<'_>, names: &[&str]) -> Result<Vec<Point>> {
    let mut points = Vec::new();
    for name in names {
        points.push(map.settled_marker_centre(name).await?);
    }
    Ok(points)
}

#[tokio::test]
async fn page_loads_without_console_errors() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    // Let late work (fonts, deferred effects) log too.
    map.settle().await?;
    let errors: Vec<_> = browser_log(map.client())
        .await?
        .into_iter()
        .filter(|entry| entry.is_error())
        .map(|entry| entry.to_string())
        .collect();
    ensure!(
        errors.is_empty(),
        "console errors at load:\n{}",
        errors.join("\n")
    );
    session.finish().await
}

#[tokio::test]
async fn harness_sees_console_errors() -> Result<()> {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/console-error");
    let session = Session::serving(&fixture, BrowserOptions::DESKTOP).await?;
    let client = session.browser.client();
    client.goto(&session.server.url()).await?;
    // The log is read (and emptied) by each call: gather until both show.
    let log = std::cell::RefCell::new(Vec::<LogEntry>::new());
    let seen = |text: &str| {
        log.borrow()
            .iter()
            .any(|entry| entry.is_error() && entry.message.contains(text))
    };
    let waited = wait_until("the planted console errors", WAIT, || async {
        let entries = browser_log(client).await?;
        log.borrow_mut().extend(entries);
        Ok::<_, e2e::Error>(
            seen("planted console error") && seen("undefinedFunctionPlantedByTheTest"),
        )
    })
    .await;
    ensure!(
        waited.is_ok(),
        "console.error or the uncaught exception not seen: {:?}",
        log.borrow()
    );
    session.finish().await
}

#[tokio::test]
async fn key_places_have_markers_and_almaty_is_east_of_batken() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    let names = map.marker_names().await?;
    for place in [BATKEN, VORUKH, KHUJAND, ALMATY] {
        ensure!(
            names.iter().any(|n| n == place),
            "no marker {place} among {names:?}"
        );
        let marker = map.marker(place).await?;
        ensure!(
            marker
                .attr("data-place-id")
                .await?
                .is_some_and(|id| !id.is_empty()),
            "marker {place} has no data-place-id"
        );
    }
    let batken = map.marker_centre(BATKEN).await?;
    let almaty = map.marker_centre(ALMATY).await?;
    ensure!(
        almaty.x > batken.x,
        "Almaty {almaty:?} is not east of Batken {batken:?}"
    );
    // Almaty is also north of Batken (43.2°N vs 40.1°N): screen y is smaller.
    ensure!(
        almaty.y < batken.y,
        "Almaty {almaty:?} is not north of Batken {batken:?}"
    );
    session.finish().await
}

#[tokio::test]
async fn named_countries_are_shaded_and_have_markers() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    // Kyrgyzstan and Kazakhstan are named by every reading of the seeds.
    for code in ["KG", "KZ"] {
        let shaded = format!(r#"svg[data-testid="basemap"] [data-country="{code}"].named"#);
        ensure!(map.exists(&shaded).await?, "country {code} is not shaded");
        let marker = format!(
            r#"button.marker[data-testid="marker"][data-place-id="{}"]"#,
            code.to_lowercase()
        );
        ensure!(map.exists(&marker).await?, "country {code} has no marker");
    }
    session.finish().await
}

#[tokio::test]
async fn clicking_batken_opens_its_popup_with_the_border_war_article() -> Result<()> {
    let seeds = seeds()?;
    let article = border_war_seed(&seeds)?;
    let title = article.title().context("border-war seed has no title")?;
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    map.open_popup(BATKEN).await?;
    ensure!(
        map.popup_label().await? == BATKEN,
        "popup is not labelled Batken"
    );
    let excerpts = map.excerpts().await?;
    ensure!(
        excerpts.iter().any(|e| e.contains(BATKEN)),
        "no excerpt mentions Batken: {excerpts:?}"
    );
    ensure!(
        map.marked_texts().await?.iter().any(|m| m.contains(BATKEN)),
        "Batken is not highlighted with <mark>"
    );
    let text = map.popup_text().await?;
    ensure!(
        text.contains(title),
        "popup lacks the title {title:?}:\n{text}"
    );
    map.screenshot(&screenshot_path("desktop-batken-popup.png"))
        .await?;
    session.finish().await
}

#[tokio::test]
async fn almaty_popup_links_to_the_source_of_seed_004() -> Result<()> {
    let seeds = seeds()?;
    let seed = Seed::find(&seeds, "004").context("no seed 004")?;
    let url = seed.url().context("seed 004 declares no URL")?;
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    map.open_popup(ALMATY).await?;
    let links = map.source_links().await?;
    let link = links
        .iter()
        .find(|(href, _, _)| href == url)
        .with_context(|| format!("no source link to {url} among {links:?}"))?;
    ensure!(
        link.1 == "_blank",
        "source link does not open a new tab: {link:?}"
    );
    ensure!(
        link.2.split_whitespace().any(|r| r == "noopener"),
        "no rel=noopener: {link:?}"
    );
    session.finish().await
}

#[tokio::test]
async fn escape_closes_the_popup_and_focus_returns_to_the_marker() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    map.open_popup(ALMATY).await?;
    map.wait_for("focus to move into the popup", || map.focus_is_in_popup())
        .await?;
    map.press_escape().await?;
    map.wait_for_popup_closed().await?;
    ensure!(
        map.focused_marker().await?.as_deref() == Some(ALMATY),
        "focus did not return to the Almaty marker"
    );
    session.finish().await
}

#[tokio::test]
async fn close_button_and_click_outside_close_the_popup() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    map.open_popup(BATKEN).await?;
    map.click_testid("popup-close").await?;
    map.wait_for_popup_closed().await?;
    ensure!(
        map.focused_marker().await?.as_deref() == Some(BATKEN),
        "focus did not return to the Batken marker"
    );
    map.open_popup(ALMATY).await?;
    map.click_map_background().await?;
    map.wait_for_popup_closed().await?;
    session.finish().await
}

#[tokio::test]
async fn enter_on_a_focused_marker_opens_its_popup() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    map.focus_marker(KHUJAND).await?;
    map.press(Key::Enter).await?;
    map.wait_for_popup().await?;
    ensure!(
        map.popup_label().await? == KHUJAND,
        "popup is not labelled Khujand"
    );
    session.finish().await
}

#[tokio::test]
async fn each_excerpt_offers_its_source_or_its_text() -> Result<()> {
    let seeds = seeds()?;
    let article = border_war_seed(&seeds)?;
    let title = article.title().context("border-war seed has no title")?;
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    map.open_popup(BATKEN).await?;
    let items = map
        .client()
        .find_all(Locator::Css(
            r#"[data-testid="popup"] li[data-testid="excerpt"]"#,
        ))
        .await?;
    ensure!(!items.is_empty(), "Batken's popup has no excerpt");
    let mut article_item = None;
    for item in &items {
        let links = item
            .find_all(Locator::Css(r#"a[data-testid="source-link"]"#))
            .await?;
        let readers = item
            .find_all(Locator::Css(r#"button[data-testid="read-article"]"#))
            .await?;
        ensure!(
            links.len() + readers.len() == 1,
            "an excerpt must have exactly one source link or read-article button: {}",
            item.text().await?
        );
        if item.text().await?.contains(title) {
            article_item = Some((item.clone(), readers.into_iter().next()));
        }
    }
    let (_, reader) = article_item.context("no excerpt of the border-war article")?;
    if article.url().is_none() {
        // No URL: the article's own text must be readable in the app.
        reader
            .context("article without URL has no read-article button")?
            .click()
            .await?;
        map.wait_for("the article text", || {
            map.exists(r#"[data-testid="article-text"]"#)
        })
        .await?;
        let text = map
            .client()
            .find(Locator::Css(r#"[data-testid="article-text"]"#))
            .await?
            .text()
            .await?;
        let sentence = article
            .text
            .lines()
            .find(|line| line.contains(BATKEN))
            .map(str::trim)
            .context("no line names Batken")?;
        ensure!(text.contains(sentence), "article text lacks {sentence:?}");
    }
    session.finish().await
}

#[tokio::test]
async fn dragging_moves_markers_by_the_drag_distance() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    let before = centres(&map, &[BATKEN, ALMATY]).await?;
    let (dx, dy) = (120.0, 80.0);
    map.drag_map(dx, dy).await?;
    let after = centres(&map, &[BATKEN, ALMATY]).await?;
    for (b, a) in before.iter().zip(&after) {
        let moved = Point {
            x: a.x - b.x,
            y: a.y - b.y,
        };
        ensure!(
            (moved.x - dx).abs() <= 8.0 && (moved.y - dy).abs() <= 8.0,
            "a drag by ({dx}, {dy}) moved a marker by ({:.1}, {:.1})",
            moved.x,
            moved.y
        );
    }
    ensure!(!map.popup_is_open().await?, "a drag must not open a popup");
    session.finish().await
}

#[tokio::test]
async fn wheel_up_zooms_in() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    let before = centres(&map, &[BATKEN, ALMATY]).await?;
    map.wheel(-300).await?;
    let after = centres(&map, &[BATKEN, ALMATY]).await?;
    let (d0, d1) = (before[0].distance(before[1]), after[0].distance(after[1]));
    ensure!(
        d1 > d0 * 1.15,
        "wheel up did not zoom in: Batken–Almaty {d0:.1}px -> {d1:.1}px"
    );
    session.finish().await
}

#[tokio::test]
async fn zoom_buttons_zoom_in_and_out() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    let distance = |points: Vec<Point>| points[0].distance(points[1]);
    let start = distance(centres(&map, &[BATKEN, ALMATY]).await?);
    map.click_testid("zoom-in").await?;
    let zoomed_in = distance(centres(&map, &[BATKEN, ALMATY]).await?);
    ensure!(
        zoomed_in > start * 1.15,
        "Zoom in: {start:.1}px -> {zoomed_in:.1}px"
    );
    map.click_testid("zoom-out").await?;
    let zoomed_out = distance(centres(&map, &[BATKEN, ALMATY]).await?);
    ensure!(
        zoomed_out < zoomed_in / 1.15,
        "Zoom out: {zoomed_in:.1}px -> {zoomed_out:.1}px"
    );
    session.finish().await
}

#[tokio::test]
async fn attribution_credits_geonames_and_natural_earth() -> Result<()> {
    let session = Session::start(BrowserOptions::DESKTOP).await?;
    let map = session.map().await?;
    let text = map
        .client()
        .find(Locator::Css(r#"[data-testid="attribution"]"#))
        .await?
        .text()
        .await?;
    for credit in ["GeoNames", "CC-BY 4.0", "Natural Earth"] {
        ensure!(
            text.contains(credit),
            "attribution lacks {credit:?}: {text:?}"
        );
    }
    session.finish().await
}

#[tokio::test]
async fn phone_window_keeps_markers_reachable_and_the_popup_inside() -> Result<()> {
    let session = Session::start(BrowserOptions::PHONE).await?;
    let map = session.map().await?;
    let (_, width) = map.widths().await?;
    ensure!(width == 375.0, "viewport is {width}px wide, not 375");
    for place in [BATKEN, VORUKH, KHUJAND, ALMATY] {
        let Point { x, y } = map.marker_centre(place).await?;
        ensure!(
            (0.0..=375.0).contains(&x) && (0.0..=667.0).contains(&y),
            "marker {place} at ({x:.0}, {y:.0}) is off screen"
        );
        // Nothing but a marker (neighbours may overlap) covers its centre.
        let on_top = map
            .script(
                "const e = document.elementFromPoint(arguments[0], arguments[1]); \
                 return !!e && !!e.closest('button.marker');",
                vec![x.into(), y.into()],
            )
            .await?;
        ensure!(on_top.as_bool() == Some(true), "marker {place} is covered");
    }
    // Every name shown lies wholly on the map and clear of its panels (the
    // zoom buttons, the title card): a name cut by an edge reads as
    // another word ("KAZAKHST").
    map.settle().await?;
    let labels = map
        .script(
            "const map = document.querySelector('main[data-testid=map]').getBoundingClientRect();              const panels = [...document.querySelectorAll('main .ui:not(.popup)')]                .map(p => p.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0);              const cut = [], shown = [];              for (const label of document.querySelectorAll('.place-label')) {                if (getComputedStyle(label).display === 'none') continue;                const r = label.getBoundingClientRect();                shown.push(label.textContent);                const off = r.left < map.left || r.right > map.right || r.top < map.top || r.bottom > map.bottom;                const under = panels.some(p => r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top);                if (off || under) cut.push(label.textContent);              }              return [shown, cut];",
            vec![],
        )
        .await?;
    let (shown, cut) = (&labels[0], &labels[1]);
    ensure!(
        shown.as_array().is_some_and(|s| s.len() >= 3),
        "only these place names are shown on a phone: {shown}"
    );
    ensure!(
        cut.as_array().is_some_and(Vec::is_empty),
        "these place names run off the map or under a panel: {cut}"
    );
    let popup = map.open_popup(ALMATY).await?;
    let (left, _, popup_width, _) = popup.rectangle().await?;
    ensure!(
        left >= 0.0 && left + popup_width <= width + 0.5,
        "popup spans {left:.0}..{:.0}px of a {width}px screen",
        left + popup_width
    );
    let (scroll_width, inner_width) = map.widths().await?;
    ensure!(
        scroll_width <= inner_width,
        "page scrolls sideways: scrollWidth {scroll_width} > innerWidth {inner_width}"
    );
    map.screenshot(&screenshot_path("phone-almaty-popup.png"))
        .await?;
    session.finish().await
}
