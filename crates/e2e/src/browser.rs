//! Headless Chromium driven through a chromedriver that the tests start.
//!
//! Each [`Browser`] owns its chromedriver (on a free loopback port, in a
//! process group of its own so that a panicking test still takes the whole
//! browser down) and a fresh profile directory, removed afterwards.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Map, Value};

use crate::error::{Error, Result};
use crate::wait::wait_until;

/// How long chromedriver may take to start listening.
const DRIVER_START_TIMEOUT: Duration = Duration::from_secs(30);

/// Chromium flags: headless, quiet (no network beyond the page), and safe to
/// run as root in a container.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
];

/// Window size and other per-session options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrowserOptions {
    /// Viewport width in CSS pixels.
    pub width: u32,
    /// Viewport height in CSS pixels.
    pub height: u32,
    /// Emulate a phone (Chromium's mobile emulation: device metrics, a
    /// `width=device-width` viewport). Headless windows cannot be narrower
    /// than 500 px, so this is also the only way to get a phone-sized page.
    pub mobile: bool,
}

impl BrowserOptions {
    /// A desktop window, 1280×800.
    pub const DESKTOP: Self = Self {
        width: 1280,
        height: 800,
        mobile: false,
    };
    /// A phone-sized window, 375×667.
    pub const PHONE: Self = Self {
        width: 375,
        height: 667,
        mobile: true,
    };
}

/// A chromedriver process; killed with its process group on drop.
#[derive(Debug)]
struct Chromedriver {
    child: Child,
    port: u16,
}

impl Chromedriver {
    async fn start() -> Result<Self> {
        let program = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let launch_error = |message: String| Error::Launch {
            program: program.clone(),
            message,
        };
        let port = free_port().map_err(|error| launch_error(format!("no free port: {error}")))?;
        let mut command = Command::new(&program);
        command
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let child = command.spawn().map_err(|error| {
            launch_error(format!(
                "{error} (install chromium-driver, or set CHROMEDRIVER)"
            ))
        })?;
        let driver = Self { child, port };
        wait_until(
            &format!("{program} to listen on port {port}"),
            DRIVER_START_TIMEOUT,
            || async { Ok::<_, Error>(TcpStream::connect(("127.0.0.1", port)).is_ok()) },
        )
        .await?;
        Ok(driver)
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        // Chromium is a child of chromedriver, in the group we created for it:
        // end the whole group, by its id, so that no browser outlives a test.
        #[cfg(unix)]
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A headless Chromium session.
///
/// Call [`Browser::quit`] at the end of a test; dropping it instead (e.g. on a
/// failed assertion) still ends the browser, less gracefully.
#[derive(Debug)]
pub struct Browser {
    client: Client,
    profile: PathBuf,
    // Only held so that it lives as long as the session; declared last so it
    // is dropped (killed) after the client.
    _driver: Chromedriver,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium of the given window size.
    ///
    /// The Chromium binary is `$CHROME_BIN`, else the first of `chromium`,
    /// `chromium-browser`, `google-chrome` found on `PATH`.
    ///
    /// # Errors
    /// [`Error::Launch`] if a program is missing, [`Error::Session`] if
    /// chromedriver refuses the session.
    pub async fn launch(options: BrowserOptions) -> Result<Self> {
        let chromium = find_chromium()?;
        let profile = fresh_profile_dir()?;
        let driver = Chromedriver::start().await?;
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|flag| flag.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let mut chrome_options = json!({ "binary": chromium, "args": args });
        if options.mobile {
            chrome_options["mobileEmulation"] = json!({
                "deviceMetrics": {
                    "width": options.width,
                    "height": options.height,
                    "pixelRatio": 2.0,
                    // Mouse events, not touch: the same actions drive both layouts.
                    "touch": false,
                },
            });
        } else {
            chrome_options["args"]
                .as_array_mut()
                .expect("args is an array")
                .push(format!("--window-size={},{}", options.width, options.height).into());
        }
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": chrome_options,
            // Lets `console::browser_log` read console messages and page errors.
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("json! of an object literal is an object")
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(capabilities as Map<String, Value>)
            .connect(&driver.url())
            .await?;
        let browser = Self {
            client,
            profile,
            _driver: driver,
        };
        if !options.mobile {
            browser.fit_viewport(options).await?;
        }
        Ok(browser)
    }

    /// The WebDriver client, for commands the page objects do not wrap.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Ends the session and the browser.
    ///
    /// # Errors
    /// [`Error::Command`] if chromedriver fails to close the session.
    pub async fn quit(self) -> Result<()> {
        self.client.clone().close().await?;
        Ok(())
    }

    /// `--window-size` sets the outer window; grow it until the viewport
    /// (`innerWidth`×`innerHeight`) is exactly the size asked for.
    async fn fit_viewport(&self, options: BrowserOptions) -> Result<()> {
        let inner = self
            .client
            .execute("return [window.innerWidth, window.innerHeight];", vec![])
            .await?;
        let size = |index: usize| inner.get(index).and_then(Value::as_u64);
        let (Some(width), Some(height)) = (size(0), size(1)) else {
            return Err(Error::Unexpected {
                doing: "reading the viewport size".into(),
                value: inner.to_string(),
            });
        };
        let (outer_width, outer_height) = self.client.get_window_size().await?;
        let target_width = outer_width + u64::from(options.width).saturating_sub(width);
        let target_height = outer_height + u64::from(options.height).saturating_sub(height);
        if (target_width, target_height) != (outer_width, outer_height) {
            self.client
                .set_window_size(target_width as u32, target_height as u32)
                .await?;
        }
        Ok(())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> std::io::Result<u16> {
    // Bind port 0, read the port the kernel picked, release it for chromedriver.
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn find_chromium() -> Result<String> {
    if let Ok(binary) = std::env::var("CHROME_BIN") {
        return Ok(binary);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
        .map(|found| found.to_string_lossy().into_owned())
        .ok_or_else(|| Error::Launch {
            program: "chromium".into(),
            message: "not found on PATH (apt-get install chromium, or set CHROME_BIN)".into(),
        })
}

fn fresh_profile_dir() -> Result<PathBuf> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "e2e-chromium-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|source| Error::Read {
        path: dir.clone(),
        source,
    })?;
    Ok(dir)
}
