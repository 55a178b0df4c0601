//! A tiny static file server on loopback, standing in for any web host.
//!
//! It serves a directory (normally the Trunk `dist/`) on `127.0.0.1:<free port>`
//! from a background thread, with the MIME types a browser insists on
//! (`application/wasm` for streaming compilation) and optional extra response
//! headers, so a test can check the site under a Content-Security-Policy.
//!
//! It is plain `std::net`: one thread per connection and one request per
//! connection (`Connection: close`). It used `tiny_http` 0.12 before, whose
//! connection pool can leave an accepted connection queued, never read, while
//! its threads sit on the browser's idle keep-alive connections (its
//! `TaskPool::spawn` counts a thread already woken for another connection as
//! idle): the browser's request on it then hangs for good. That is what made
//! a sandboxed iframe of `dist/` (more connections at once: CORS and no-CORS
//! requests use separate ones) miss its wasm fetch in about a third of runs.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::error::{Error, Result};

/// A running static server; it stops when dropped.
pub struct StaticServer {
    stopping: Arc<AtomicBool>,
    addr: SocketAddr,
    worker: Option<JoinHandle<()>>,
}

/// What every connection thread needs: the directory, the URL prefix it is
/// mounted under and the extra response header lines.
struct Site {
    root: PathBuf,
    prefix: String,
    extra: Vec<(String, String)>,
}

impl StaticServer {
    /// Serves `root` with no extra headers.
    ///
    /// # Errors
    /// [`Error::Read`] if `root` is not a directory, [`Error::Serve`] if no
    /// loopback port can be bound.
    pub fn start(root: &Path) -> Result<Self> {
        Self::with_headers(root, Vec::new())
    }

    /// Serves `root`, adding `headers` (name, value) to every response.
    ///
    /// # Errors
    /// As [`StaticServer::start`], plus [`Error::Serve`] for a header that is
    /// not valid HTTP.
    pub fn with_headers(root: &Path, headers: Vec<(String, String)>) -> Result<Self> {
        Self::mounted(root, "/", headers)
    }

    /// Serves `root` under the URL path `prefix` (e.g. `/some/path/`), as a
    /// host serving the site from a sub-directory would: `prefix` + `x` is
    /// `root/x`, any path outside `prefix` is 404.
    ///
    /// # Errors
    /// As [`StaticServer::with_headers`], plus [`Error::Serve`] when `prefix`
    /// does not start and end with `/`.
    pub fn mounted(root: &Path, prefix: &str, headers: Vec<(String, String)>) -> Result<Self> {
        if !(prefix.starts_with('/') && prefix.ends_with('/')) {
            return Err(Error::Serve {
                root: root.to_path_buf(),
                message: format!("the URL prefix {prefix:?} must start and end with '/'"),
            });
        }
        let root = fs::canonicalize(root).map_err(|source| Error::Read {
            path: root.to_path_buf(),
            source,
        })?;
        let serve_error = |message: String| Error::Serve {
            root: root.clone(),
            message,
        };
        if let Some((name, value)) = headers
            .iter()
            .find(|(name, value)| !is_token(name) || value.contains(['\r', '\n']))
        {
            return Err(serve_error(format!("invalid header {name}: {value}")));
        }
        let listener =
            TcpListener::bind("127.0.0.1:0").map_err(|error| serve_error(error.to_string()))?;
        let addr = listener
            .local_addr()
            .map_err(|error| serve_error(error.to_string()))?;
        let stopping = Arc::new(AtomicBool::new(false));
        let site = Arc::new(Site {
            root,
            prefix: prefix.to_string(),
            extra: headers,
        });
        let worker = {
            let stopping = Arc::clone(&stopping);
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    // `Drop` sets the flag, then connects once to wake us.
                    if stopping.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    // One thread per connection: a browser may stop reading
                    // a response (a preload it will not use) without closing
                    // the connection; nothing else must wait behind it.
                    let site = Arc::clone(&site);
                    std::thread::spawn(move || serve_connection(&site, stream));
                }
            })
        };
        Ok(Self {
            stopping,
            addr,
            worker: Some(worker),
        })
    }

    /// The base URL, ending with `/`, e.g. `http://127.0.0.1:41234/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The origin, e.g. `http://127.0.0.1:41234` (no trailing `/`).
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl std::fmt::Debug for StaticServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the accept loop; if the connect fails it is not waiting.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// An HTTP header name: a non-empty RFC 9110 token.
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
}

/// Answers the one request of a connection, then closes it. A browser that
/// hangs up early is not the server's problem, hence the ignored errors.
fn serve_connection(site: &Site, stream: TcpStream) {
    // A connection the browser opened speculatively and never used must not
    // hold its thread for ever.
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
        return;
    }
    // Skip the headers: none changes the answer (no body is ever expected:
    // GET and HEAD only).
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line.trim_end().is_empty() => break,
            Ok(_) => {}
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, url) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let (status, content_type, body) = match method {
        "GET" | "HEAD" => answer(site, url),
        _ => (
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"method not allowed".to_vec(),
        ),
    };
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in &site.extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut writer = &stream;
    if writer.write_all(head.as_bytes()).is_err() {
        return;
    }
    if method != "HEAD" {
        let _ = writer.write_all(&body);
    }
    let _ = writer.flush();
}

/// Status line text, Content-Type and body for a GET of `url`.
fn answer(site: &Site, url: &str) -> (&'static str, &'static str, Vec<u8>) {
    // `/some/path` alone means its index, as static hosts redirect it.
    let prefix = site.prefix.as_str();
    let under_prefix = url
        .strip_prefix(prefix)
        .or_else(|| (url == prefix.trim_end_matches('/')).then_some(""));
    under_prefix
        .and_then(|rest| resolve(&site.root, rest))
        .and_then(|path| Some((content_type(&path), fs::read(&path).ok()?)))
        .map_or_else(
            || {
                (
                    "404 Not Found",
                    "text/plain; charset=utf-8",
                    b"not found".to_vec(),
                )
            },
            |(content_type, body)| ("200 OK", content_type, body),
        )
}

/// Maps a request path to a file under `root`; `/` and directories mean their
/// `index.html`. Rejects anything that could climb out of `root`.
fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|component| !matches!(component, Component::Normal(_)))
    {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// The Content-Type for a file, by extension.
fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|ext| ext.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        // Without it `WebAssembly.instantiateStreaming` refuses the module.
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "geojson" => "application/geo+json",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpStream;

    fn get(server: &StaticServer, path: &str) -> String {
        let mut stream = TcpStream::connect(server.addr).unwrap();
        write!(stream, "GET {path} HTTP/1.0\r\nHost: x\r\n\r\n").unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    /// The status code of a raw HTTP answer.
    fn status(answer: &str) -> &str {
        answer.split_whitespace().nth(1).unwrap_or_default()
    }

    /// A small site in a temp directory of its own (tests run in parallel).
    fn site(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("e2e-{name}-{}", std::process::id()));
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("index.html"), "<p>home</p>").unwrap();
        fs::write(dir.join("app.wasm"), b"\0asm").unwrap();
        fs::write(dir.join("sub/index.html"), "<p>sub</p>").unwrap();
        dir
    }

    #[test]
    fn serves_index_wasm_and_extra_headers() {
        let dir = site("headers");
        let csp = (
            "Content-Security-Policy".to_string(),
            "default-src 'self'".to_string(),
        );
        let server = StaticServer::with_headers(&dir, vec![csp]).unwrap();
        let home = get(&server, "/?q=1");
        assert_eq!(status(&home), "200", "{home}");
        assert!(home.contains("<p>home</p>"));
        assert!(home.contains("Content-Security-Policy: default-src 'self'"));
        let wasm = get(&server, "/app.wasm");
        assert!(wasm.contains("Content-Type: application/wasm"), "{wasm}");
        assert!(get(&server, "/sub/").contains("<p>sub</p>"));
    }

    #[test]
    fn refuses_missing_files_and_parent_directories() {
        let dir = site("refuses");
        let server = StaticServer::start(&dir.join("sub")).unwrap();
        assert_eq!(status(&get(&server, "/index.html")), "200");
        assert_eq!(status(&get(&server, "/nope.js")), "404");
        assert_eq!(status(&get(&server, "/../index.html")), "404");
    }

    #[test]
    fn a_mounted_site_answers_only_under_its_prefix() {
        let dir = site("mounted");
        let server = StaticServer::mounted(&dir, "/some/path/", Vec::new()).unwrap();
        assert!(get(&server, "/some/path/").contains("<p>home</p>"));
        assert!(get(&server, "/some/path/sub/").contains("<p>sub</p>"));
        assert_eq!(status(&get(&server, "/some/path/app.wasm")), "200");
        assert_eq!(status(&get(&server, "/index.html")), "404");
        assert_eq!(status(&get(&server, "/some/pathapp.wasm")), "404");
        assert_eq!(status(&get(&server, "/some/path/../index.html")), "404");
        assert!(StaticServer::mounted(&dir, "some/path", Vec::new()).is_err());
    }

    #[test]
    fn idle_connections_do_not_keep_a_request_waiting() {
        // Browsers keep several connections open and idle; tiny_http 0.12
        // could leave a new connection unread behind them.
        let dir = site("idle");
        let server = StaticServer::start(&dir).unwrap();
        let _idle: Vec<_> = (0..12)
            .map(|_| TcpStream::connect(server.addr).unwrap())
            .collect();
        let mut stream = TcpStream::connect(server.addr).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(5)))
            .unwrap();
        write!(stream, "GET /app.wasm HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap();
        assert!(answer.starts_with(b"HTTP/1.1 200"), "{answer:?}");
        assert!(answer.ends_with(b"\0asm"), "{answer:?}");
    }

    #[test]
    fn missing_root_is_an_error_naming_it() {
        let error = StaticServer::start(Path::new("/no/such/dir")).unwrap_err();
        assert!(error.to_string().contains("/no/such/dir"), "{error}");
    }
}
