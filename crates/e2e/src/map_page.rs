//! `MapPage`: the page object of the map, in the words of the App DOM contract
//! (`docs: notes/contracts.md`), so that tests read like what a person does.

use std::path::Path;
use std::time::Duration;

use fantoccini::actions::{
    InputSource, MouseActions, PointerAction, WheelAction, WheelActions, MOUSE_BUTTON_LEFT,
};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::wait::{wait_for_settled, wait_until};

/// How long the page may take to reach an awaited state (slow CI machines).
pub const WAIT: Duration = Duration::from_secs(20);

/// How long a moving value (a marker during an animated zoom, the URL
/// fragment) must stay the same to count as settled: longer than the app's
/// animations and its fragment debounce.
pub const SETTLED: Duration = Duration::from_millis(400);

pub(crate) const MARKER: &str = r#"button.marker[data-testid="marker"]"#;
/// A cluster of places at low zoom (a dense map has no place marker at first).
const CLUSTER: &str = r#"button.cluster[data-testid="cluster"]"#;
/// A place marker or a cluster.
const ANY_MARKER: &str =
    r#"button.marker[data-testid="marker"], button.cluster[data-testid="cluster"]"#;
const POPUP: &str = r#"div[role="dialog"][data-testid="popup"]"#;
/// The map once its first view is drawn: the app marks it `aria-busy`
/// until its last stage (the panels) is on the page.
const FIRST_VIEW_DRAWN: &str = r#"main[data-testid="map"]:not([aria-busy])"#;

/// A point in viewport (CSS pixel) coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Pixels from the left edge of the viewport.
    pub x: f64,
    /// Pixels from the top edge of the viewport.
    pub y: f64,
}

impl Point {
    /// Euclidean distance to `other`.
    ///
    /// ```
    /// use e2e::Point;
    /// assert_eq!(Point { x: 0.0, y: 0.0 }.distance(Point { x: 3.0, y: 4.0 }), 5.0);
    /// ```
    pub fn distance(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

/// The map page, loaded in a browser.
#[derive(Debug)]
pub struct MapPage<'a> {
    client: &'a Client,
}

impl<'a> MapPage<'a> {
    /// Opens `url` and waits until the map's first view is drawn (it is no
    /// longer `aria-busy`: its stages are done) with at least one marker.
    ///
    /// # Errors
    /// [`Error::Timeout`] if the app does not render its markers in [`WAIT`].
    pub async fn open(client: &'a Client, url: &str) -> Result<Self> {
        client.goto(url).await?;
        let page = Self { client };
        page.wait_for("the map and its markers", || async {
            Ok(page.exists(ANY_MARKER).await? && page.exists(FIRST_VIEW_DRAWN).await?)
        })
        .await?;
        Ok(page)
    }

    /// The map already loaded in the current browsing context (e.g. inside
    /// an iframe the test entered): waits for its markers, navigates nowhere.
    ///
    /// # Errors
    /// [`Error::Timeout`] if the app does not render its markers in [`WAIT`].
    pub async fn attach(client: &'a Client) -> Result<Self> {
        let page = Self { client };
        page.wait_for("the map and its markers", || async {
            Ok(page.exists(ANY_MARKER).await? && page.exists(FIRST_VIEW_DRAWN).await?)
        })
        .await?;
        Ok(page)
    }

    /// The page's URL fragment (`location.hash`, with its `#`).
    ///
    /// # Errors
    /// [`Error::Unexpected`] if the page does not answer a string.
    pub async fn location_hash(&self) -> Result<String> {
        let hash = self.script("return location.hash;", vec![]).await?;
        hash.as_str()
            .map(str::to_owned)
            .ok_or_else(|| Error::Unexpected {
                doing: "reading location.hash".into(),
                value: hash.to_string(),
            })
    }

    /// The fragment once it stops changing (the map rewrites it after the
    /// view rests): the same for [`SETTLED`].
    ///
    /// # Errors
    /// As [`MapPage::location_hash`], or [`Error::Timeout`].
    pub async fn settled_location_hash(&self) -> Result<String> {
        wait_for_settled("location.hash to settle", WAIT, SETTLED, String::eq, || {
            self.location_hash()
        })
        .await
    }

    /// Names (`aria-label`) of the markers not hidden by a filter.
    ///
    /// # Errors
    /// [`Error::Unexpected`] if the page does not answer a list.
    pub async fn visible_marker_names(&self) -> Result<Vec<String>> {
        let names = self
            .script(
                &format!(
                    "return [...document.querySelectorAll('{MARKER}')]\
                     .filter(m => !m.hidden).map(m => m.getAttribute('aria-label'));"
                ),
                vec![],
            )
            .await?;
        names
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .ok_or_else(|| Error::Unexpected {
                doing: "listing visible markers".into(),
                value: names.to_string(),
            })
    }

    /// Text content of every element matching `css`.
    ///
    /// # Errors
    /// [`Error::Unexpected`] if the page does not answer a list.
    pub async fn texts(&self, css: &str) -> Result<Vec<String>> {
        let texts = self
            .script(
                "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim());",
                vec![Value::String(css.to_owned())],
            )
            .await?;
        texts
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .ok_or_else(|| Error::Unexpected {
                doing: format!("reading the texts of {css}"),
                value: texts.to_string(),
            })
    }

    /// The WebDriver client.
    pub fn client(&self) -> &'a Client {
        self.client
    }

    /// The marker button whose accessible name is `name`.
    ///
    /// # Errors
    /// [`Error::Command`] (no such element) when there is none.
    pub async fn marker(&self, name: &str) -> Result<Element> {
        let css = format!(r#"{MARKER}[aria-label="{}"]"#, css_string(name));
        Ok(self.client.find(Locator::Css(&css)).await?)
    }

    /// The place id (`data-place-id`) of every marker, in document order.
    ///
    /// # Errors
    /// [`Error::Command`] if the page cannot be queried.
    pub async fn marker_place_ids(&self) -> Result<Vec<String>> {
        let ids = self
            .script(
                &format!(
                    "return [...document.querySelectorAll('{MARKER}')].map(m => m.dataset.placeId);"
                ),
                vec![],
            )
            .await?;
        Ok(strings(&ids))
    }

    /// The accessible names of every marker, in document order.
    ///
    /// # Errors
    /// [`Error::Command`] if the page cannot be queried.
    pub async fn marker_names(&self) -> Result<Vec<String>> {
        let names = self
            .script(
                &format!(
                    "return [...document.querySelectorAll('{MARKER}')].map(m => m.getAttribute('aria-label'));"
                ),
                vec![],
            )
            .await?;
        Ok(strings(&names))
    }

    /// The accessible names of every cluster, in document order.
    ///
    /// # Errors
    /// [`Error::Command`] if the page cannot be queried.
    pub async fn cluster_names(&self) -> Result<Vec<String>> {
        self.labels(CLUSTER).await
    }

    /// How many markers and clusters exist (each is a button: one Tab stop).
    ///
    /// # Errors
    /// [`Error::Command`] if the page cannot be queried.
    pub async fn focusable_marker_count(&self) -> Result<usize> {
        Ok(self.labels(ANY_MARKER).await?.len())
    }

    /// Moves keyboard focus to the cluster named `name`.
    ///
    /// # Errors
    /// [`Error::Command`] (no such element) when there is none.
    pub async fn focus_cluster(&self, name: &str) -> Result<()> {
        let css = format!(r#"{CLUSTER}[aria-label="{}"]"#, css_string(name));
        let cluster = self.client.find(Locator::Css(&css)).await?;
        self.script("arguments[0].focus();", vec![element_arg(&cluster)?])
            .await?;
        Ok(())
    }

    /// The `aria-label` of every element matching `css`.
    async fn labels(&self, css: &str) -> Result<Vec<String>> {
        let names = self
            .script(
                "return [...document.querySelectorAll(arguments[0])].map(m => m.getAttribute('aria-label'));",
                vec![Value::String(css.to_owned())],
            )
            .await?;
        Ok(strings(&names))
    }

    /// The centre of the marker named `name`, in viewport pixels.
    ///
    /// # Errors
    /// As [`MapPage::marker`].
    pub async fn marker_centre(&self, name: &str) -> Result<Point> {
        let marker = self.marker(name).await?;
        let rect = self
            .script(
                "const r = arguments[0].getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2];",
                vec![element_arg(&marker)?],
            )
            .await?;
        match (
            rect.get(0).and_then(Value::as_f64),
            rect.get(1).and_then(Value::as_f64),
        ) {
            (Some(x), Some(y)) => Ok(Point { x, y }),
            _ => Err(Error::Unexpected {
                doing: format!("locating marker {name}"),
                value: rect.to_string(),
            }),
        }
    }

    /// The centre of the marker named `name` once it stops moving (zoom and
    /// pan may be animated): within half a pixel for [`SETTLED`].
    ///
    /// # Errors
    /// As [`MapPage::marker`], or [`Error::Timeout`] if it never settles.
    pub async fn settled_marker_centre(&self, name: &str) -> Result<Point> {
        wait_for_settled(
            &format!("marker {name} to stop moving"),
            WAIT,
            SETTLED,
            |a: &Point, b: &Point| a.distance(*b) < 0.5,
            || self.marker_centre(name),
        )
        .await
    }

    /// Clicks the marker named `name` and waits for the popup.
    ///
    /// # Errors
    /// As [`MapPage::marker`], or [`Error::Timeout`] if no popup opens.
    pub async fn open_popup(&self, name: &str) -> Result<Element> {
        self.marker(name).await?.click().await?;
        self.wait_for_popup().await
    }

    /// Waits for the popup to be open with its excerpts and returns it.
    ///
    /// # Errors
    /// [`Error::Timeout`] if it does not open in [`WAIT`].
    pub async fn wait_for_popup(&self) -> Result<Element> {
        // Open, and its first page of excerpts fetched (`aria-busy` false).
        let loaded = format!(r#"{POPUP}[aria-busy="false"]"#);
        self.wait_for("the popup to open", || async { self.exists(&loaded).await })
            .await?;
        Ok(self.client.find(Locator::Css(POPUP)).await?)
    }

    /// Waits for the popup to be closed.
    ///
    /// # Errors
    /// [`Error::Timeout`] if it is still open after [`WAIT`].
    pub async fn wait_for_popup_closed(&self) -> Result<()> {
        self.wait_for("the popup to close", || async {
            Ok(!self.exists(POPUP).await?)
        })
        .await
    }

    /// Whether a popup is open.
    ///
    /// # Errors
    /// [`Error::Command`] if the page cannot be queried.
    pub async fn popup_is_open(&self) -> Result<bool> {
        self.exists(POPUP).await
    }

    /// The name in the popup's heading, found through `aria-labelledby` as
    /// assistive technology would.
    ///
    /// # Errors
    /// [`Error::Unexpected`] if the popup has no label.
    pub async fn popup_label(&self) -> Result<String> {
        let label = self
            .script(
                &format!(
                    "const d = document.querySelector('{POPUP}'); \
                     const id = d && d.getAttribute('aria-labelledby'); \
                     const h = id && document.getElementById(id); \
                     return h ? h.textContent.trim() : null;"
                ),
                vec![],
            )
            .await?;
        label
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| Error::Unexpected {
                doing: "reading the popup's label".into(),
                value: label.to_string(),
            })
    }

    /// The popup's whole visible text.
    ///
    /// # Errors
    /// [`Error::Command`] if no popup is open.
    pub async fn popup_text(&self) -> Result<String> {
        Ok(self.client.find(Locator::Css(POPUP)).await?.text().await?)
    }

    /// The text of each excerpt of the open popup.
    ///
    /// # Errors
    /// [`Error::Command`] if the page cannot be queried.
    pub async fn excerpts(&self) -> Result<Vec<String>> {
        let texts = self
            .script(
                &format!(
                    "return [...document.querySelectorAll('{POPUP} li[data-testid=\"excerpt\"]')]\
                     .map(li => li.innerText);"
                ),
                vec![],
            )
            .await?;
        Ok(strings(&texts))
    }

    /// The texts inside `<mark>` in the open popup's excerpts.
    ///
    /// # Errors
    /// [`Error::Command`] if the page cannot be queried.
    pub async fn marked_texts(&self) -> Result<Vec<String>> {
        self.texts(&format!(r#"{POPUP} li[data-testid="excerpt"] mark"#))
            .await
    }

    /// The source links of the open popup: `(href, target, rel)` each.
    ///
    /// # Errors
    /// [`Error::Command`] if the page cannot be queried.
    pub async fn source_links(&self) -> Result<Vec<(String, String, String)>> {
        let links = self
            .script(
                &format!(
                    "return [...document.querySelectorAll('{POPUP} a[data-testid=\"source-link\"]')]\
                     .map(a => [a.getAttribute('href'), a.getAttribute('target') || '', a.getAttribute('rel') || '']);"
                ),
                vec![],
            )
            .await?;
        Ok(links
            .as_array()
            .into_iter()
            .flatten()
            .map(|link| {
                let part = |i: usize| {
                    link.get(i)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned()
                };
                (part(0), part(1), part(2))
            })
            .collect())
    }

    /// Presses Escape on the focused element.
    ///
    /// # Errors
    /// [`Error::Command`] if the key cannot be sent.
    pub async fn press_escape(&self) -> Result<()> {
        self.press(Key::Escape).await
    }

    /// Presses `key` on the focused element.
    ///
    /// # Errors
    /// [`Error::Command`] if the key cannot be sent.
    pub async fn press(&self, key: Key) -> Result<()> {
        let focused = self.client.active_element().await?;
        focused.send_keys(&char::from(key).to_string()).await?;
        Ok(())
    }

    /// Moves keyboard focus to the marker named `name`.
    ///
    /// # Errors
    /// As [`MapPage::marker`].
    pub async fn focus_marker(&self, name: &str) -> Result<()> {
        let marker = self.marker(name).await?;
        self.script("arguments[0].focus();", vec![element_arg(&marker)?])
            .await?;
        Ok(())
    }

    /// Whether the focused element is inside the open popup.
    ///
    /// # Errors
    /// [`Error::Command`] if the page cannot be queried.
    pub async fn focus_is_in_popup(&self) -> Result<bool> {
        let inside = self
            .script(
                &format!(
                    "const d = document.querySelector('{POPUP}'); \
                     return !!d && d.contains(document.activeElement);"
                ),
                vec![],
            )
            .await?;
        Ok(inside.as_bool() == Some(true))
    }

    /// The accessible name of the focused marker, if a marker has focus.
    ///
    /// # Errors
    /// [`Error::Command`] if the page cannot be queried.
    pub async fn focused_marker(&self) -> Result<Option<String>> {
        let name = self
            .script(
                &format!(
                    "const a = document.activeElement; \
                     return a && a.matches('{MARKER}') ? a.getAttribute('aria-label') : null;"
                ),
                vec![],
            )
            .await?;
        Ok(name.as_str().map(str::to_owned))
    }

    /// Drags the map by (`dx`, `dy`) pixels with the mouse, starting from a
    /// point of the map that is not a marker or a control.
    ///
    /// # Errors
    /// [`Error::Unexpected`] if no free point of the map is found.
    pub async fn drag_map(&self, dx: f64, dy: f64) -> Result<()> {
        let start = self.free_map_point().await?;
        const STEPS: u32 = 10;
        let mut mouse = MouseActions::new("mouse".into())
            .then(PointerAction::MoveTo {
                duration: None,
                x: start.x,
                y: start.y,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            });
        // Several small moves, as a hand would, so pointermove fires often.
        for _ in 0..STEPS {
            mouse = mouse.then(PointerAction::MoveBy {
                duration: Some(Duration::from_millis(20)),
                x: dx / f64::from(STEPS),
                y: dy / f64::from(STEPS),
            });
        }
        mouse = mouse.then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
        self.client.perform_actions(mouse).await?;
        self.client.release_actions().await?;
        Ok(())
    }

    /// Turns the mouse wheel over the map centre; negative `delta_y` is
    /// "wheel up", which zooms in on every map.
    ///
    /// # Errors
    /// [`Error::Command`] if the action fails.
    pub async fn wheel(&self, delta_y: i64) -> Result<()> {
        let at = self.free_map_point().await?;
        let wheel = WheelActions::new("wheel".into()).then(WheelAction::Scroll {
            duration: None,
            x: at.x as i64,
            y: at.y as i64,
            delta_x: 0,
            delta_y,
        });
        self.client.perform_actions(wheel).await?;
        self.client.release_actions().await?;
        Ok(())
    }

    /// Unfolds the article list (its toggle `aria-expanded`), if folded.
    ///
    /// # Errors
    /// [`Error::Command`] if the page has no article list.
    pub async fn unfold_article_list(&self) -> Result<()> {
        let toggle = self
            .client
            .find(Locator::Css(r#"[data-testid="list-toggle"]"#))
            .await?;
        if toggle.attr("aria-expanded").await?.as_deref() != Some("true") {
            toggle.click().await?;
        }
        Ok(())
    }

    /// Clicks the control whose `data-testid` is `testid` (e.g. `zoom-in`):
    /// never found by its English name, which changes with the language.
    ///
    /// # Errors
    /// [`Error::Command`] if there is no such element.
    pub async fn click_testid(&self, testid: &str) -> Result<()> {
        let css = format!(r#"[data-testid="{}"]"#, css_string(testid));
        self.client.find(Locator::Css(&css)).await?.click().await?;
        Ok(())
    }

    /// The accessible name (`aria-label`) of the element whose `data-testid`
    /// is `testid`.
    ///
    /// # Errors
    /// [`Error::Unexpected`] if there is no such element or it has no label.
    pub async fn label_of(&self, testid: &str) -> Result<String> {
        let label = self
            .script(
                "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); \
                 return e ? e.getAttribute('aria-label') : null;",
                vec![Value::String(testid.to_owned())],
            )
            .await?;
        label
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| Error::Unexpected {
                doing: format!("reading the accessible name of {testid}"),
                value: label.to_string(),
            })
    }

    /// Clicks a point of the map away from markers and controls.
    ///
    /// # Errors
    /// As [`MapPage::drag_map`].
    pub async fn click_map_background(&self) -> Result<()> {
        let at = self.free_map_point().await?;
        let mouse = MouseActions::new("mouse".into())
            .then(PointerAction::MoveTo {
                duration: None,
                x: at.x,
                y: at.y,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        self.client.perform_actions(mouse).await?;
        self.client.release_actions().await?;
        Ok(())
    }

    /// `(document scroll width, viewport width)`: the page scrolls
    /// horizontally when the first exceeds the second.
    ///
    /// # Errors
    /// [`Error::Unexpected`] if the page answers something else.
    pub async fn widths(&self) -> Result<(f64, f64)> {
        let widths = self
            .script(
                "return [document.documentElement.scrollWidth, window.innerWidth];",
                vec![],
            )
            .await?;
        match (
            widths.get(0).and_then(Value::as_f64),
            widths.get(1).and_then(Value::as_f64),
        ) {
            (Some(scroll), Some(inner)) => Ok((scroll, inner)),
            _ => Err(Error::Unexpected {
                doing: "reading the page widths".into(),
                value: widths.to_string(),
            }),
        }
    }

    /// Whether an element matching `css` exists.
    ///
    /// # Errors
    /// [`Error::Command`] if the page cannot be queried.
    pub async fn exists(&self, css: &str) -> Result<bool> {
        Ok(!self.client.find_all(Locator::Css(css)).await?.is_empty())
    }

    /// Runs `script` in the page (see WebDriver "Execute Script").
    ///
    /// # Errors
    /// [`Error::Command`] if the script throws.
    pub async fn script(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        Ok(self.client.execute(script, args).await?)
    }

    /// Saves a PNG of the viewport to `path`, creating its directory.
    ///
    /// # Errors
    /// [`Error::Read`] if the file cannot be written.
    pub async fn screenshot(&self, path: &Path) -> Result<()> {
        let png = self.client.screenshot().await?;
        let write_error = |source| Error::Read {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(write_error)?;
        }
        std::fs::write(path, png).map_err(write_error)
    }

    /// Waits until `condition` holds, for at most [`WAIT`].
    ///
    /// # Errors
    /// [`Error::Timeout`] naming `what`, or the condition's own error.
    pub async fn wait_for<F, Fut>(&self, what: &str, condition: F) -> Result<()>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<bool>>,
    {
        wait_until(what, WAIT, condition).await
    }

    /// Waits until the page has done what it had to: the document and its
    /// fonts are loaded and two animation frames have been drawn (effects
    /// run and the DOM painted). Tests call it before asserting that
    /// something did NOT happen.
    ///
    /// # Errors
    /// [`Error::Command`] if the page cannot be queried.
    pub async fn settle(&self) -> Result<()> {
        settle(self.client).await
    }

    /// A point of the map's own surface (its SVG, not a marker or a
    /// control), searched on a grid from the centre outwards.
    async fn free_map_point(&self) -> Result<Point> {
        let found = self
            .script(
                r#"
                const map = document.querySelector('main[data-testid="map"]');
                const r = map.getBoundingClientRect();
                for (let ring = 0; ring < 8; ring++) {
                  for (const [fx, fy] of [[0,0],[1,0],[-1,0],[0,1],[0,-1],[1,1],[-1,-1],[1,-1],[-1,1]]) {
                    const x = r.x + r.width / 2 + fx * ring * r.width / 18;
                    const y = r.y + r.height / 2 + fy * ring * r.height / 18;
                    const el = document.elementFromPoint(x, y);
                    if (el && map.contains(el) && !el.closest('button, a, [role="dialog"]')) {
                      return [x, y];
                    }
                  }
                }
                return null;
                "#,
                vec![],
            )
            .await?;
        match (
            found.get(0).and_then(Value::as_f64),
            found.get(1).and_then(Value::as_f64),
        ) {
            (Some(x), Some(y)) => Ok(Point { x, y }),
            _ => Err(Error::Unexpected {
                doing: "looking for a free point of the map to drag".into(),
                value: found.to_string(),
            }),
        }
    }
}

/// See [`MapPage::settle`]; for pages that are not the map (a host page).
///
/// # Errors
/// [`Error::Command`] if the page cannot be queried.
pub async fn settle(client: &Client) -> Result<()> {
    wait_until("the page to finish loading", WAIT, || async {
        Ok::<_, Error>(client
            .execute(
                "return document.readyState === 'complete' && document.fonts.status === 'loaded';",
                vec![],
            )
            .await?
            == Value::Bool(true))
    })
    .await?;
    client
        .execute(
            "return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));",
            vec![],
        )
        .await?;
    Ok(())
}

/// An element as a script argument.
fn element_arg(element: &Element) -> Result<Value> {
    serde_json::to_value(element).map_err(|error| Error::Unexpected {
        doing: "passing an element to a script".into(),
        value: error.to_string(),
    })
}

/// The strings of a JSON array (others skipped).
fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item.as_str().map(str::to_owned))
        .collect()
}

/// `text` escaped for a double-quoted CSS string.
fn css_string(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn css_strings_escape_quotes_and_backslashes() {
        assert_eq!(css_string(r#"Say "Oš"\"#), r#"Say \"Oš\"\\"#);
        assert_eq!(css_string("Batken"), "Batken");
    }

    #[test]
    fn strings_keeps_only_strings() {
        assert_eq!(strings(&json!(["a", 1, null, "b"])), ["a", "b"]);
        assert!(strings(&json!({"a": 1})).is_empty());
    }
}
