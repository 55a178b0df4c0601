//! A static file server on loopback, standing in for any web host.
//!
//! It serves a directory (normally the Trunk `dist/`) on `127.0.0.1:<free
//! port>` with `axum` and `tower-http`'s `ServeDir` (MIME types from the file
//! extension, `application/wasm` included, which streaming compilation
//! needs; `..` refused), gzipped for a client that accepts it (as static
//! hosts serve, so that Lighthouse's simulated network counts the bytes a
//! visitor downloads), optionally under a URL prefix and with extra response
//! headers, so a test can check the site from a sub-path or under a
//! Content-Security-Policy.
//!
//! The server runs on a thread and a Tokio runtime of its own, so that it
//! answers while a test blocks, and so that dropping it ends every
//! connection at once (a browser keeps idle ones open).

use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::thread::JoinHandle;

use axum::http::{HeaderName, HeaderValue};
use axum::Router;
use tokio::sync::oneshot;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::{Error, Result};

/// A running static server; it stops when dropped.
pub struct StaticServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    worker: Option<JoinHandle<()>>,
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
        let serve_error = |message: String| Error::Serve {
            root: root.to_path_buf(),
            message,
        };
        if !(prefix.starts_with('/') && prefix.ends_with('/')) {
            return Err(serve_error(format!(
                "the URL prefix {prefix:?} must start and end with '/'"
            )));
        }
        if !root.is_dir() {
            return Err(Error::Read {
                path: root.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "not a directory"),
            });
        }
        let files = ServeDir::new(root);
        let mut app = match prefix.trim_end_matches('/') {
            "" => Router::new().fallback_service(files),
            // `/some/path` and everything below it; `/some/pathx` is not.
            mount => Router::new().nest_service(mount, files),
        };
        for (name, value) in &headers {
            let invalid = |error: &dyn std::fmt::Display| {
                serve_error(format!("invalid header {name}: {value:?}: {error}"))
            };
            let header = HeaderName::try_from(name).map_err(|error| invalid(&error))?;
            let value = HeaderValue::try_from(value).map_err(|error| invalid(&error))?;
            app = app.layer(SetResponseHeaderLayer::overriding(header, value));
        }
        let app = app.layer(CompressionLayer::new());

        let listener = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.set_nonblocking(true).map(|()| listener))
            .map_err(|error| serve_error(error.to_string()))?;
        let addr = listener
            .local_addr()
            .map_err(|error| serve_error(error.to_string()))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
            .map_err(|error| serve_error(error.to_string()))?;
        let (stop, stopped) = oneshot::channel::<()>();
        let worker = std::thread::spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                tokio::select! {
                    _ = axum::serve(listener, app) => {}
                    _ = stopped => {}
                }
            });
            // Dropping the runtime here cancels every connection's task.
        });
        Ok(Self {
            addr,
            stop: Some(stop),
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
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::path::PathBuf;

    /// One request on a connection of its own, answered in full.
    fn get(server: &StaticServer, path: &str) -> String {
        let mut stream = TcpStream::connect(server.addr).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    /// The status code of a raw HTTP answer.
    fn status(answer: &str) -> &str {
        answer.split_whitespace().nth(1).unwrap_or_default()
    }

    /// A header's value in a raw HTTP answer (names are case-insensitive).
    fn header<'a>(answer: &'a str, name: &str) -> Option<&'a str> {
        answer.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
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
        assert_eq!(
            header(&home, "Content-Security-Policy"),
            Some("default-src 'self'")
        );
        let wasm = get(&server, "/app.wasm");
        assert_eq!(header(&wasm, "Content-Type"), Some("application/wasm"));
        assert_eq!(
            header(&wasm, "Content-Security-Policy"),
            Some("default-src 'self'")
        );
        assert!(get(&server, "/sub/").contains("<p>sub</p>"));
    }

    #[test]
    fn gzips_for_a_client_that_accepts_it() {
        let dir = site("gzip");
        fs::write(dir.join("big.json"), "[1,2,3]".repeat(500)).unwrap();
        let server = StaticServer::start(&dir).unwrap();
        let mut stream = TcpStream::connect(server.addr).unwrap();
        write!(
            stream,
            "GET /big.json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap();
        let head = String::from_utf8_lossy(&answer[..answer.len().min(400)]).into_owned();
        assert_eq!(header(&head, "Content-Encoding"), Some("gzip"), "{head}");
        assert!(answer.len() < 1000, "{} bytes for 3,500", answer.len());
        let plain = get(&server, "/big.json");
        assert_eq!(header(&plain, "Content-Encoding"), None);
        assert!(plain.ends_with("[1,2,3]"));
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
        // Browsers keep several connections open and idle; a request on a
        // new one must not queue behind them.
        let dir = site("idle");
        let server = StaticServer::start(&dir).unwrap();
        let _idle: Vec<_> = (0..12)
            .map(|_| TcpStream::connect(server.addr).unwrap())
            .collect();
        let mut stream = TcpStream::connect(server.addr).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(5)))
            .unwrap();
        write!(
            stream,
            "GET /app.wasm HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap();
        assert!(answer.starts_with(b"HTTP/1.1 200"), "{answer:?}");
        assert!(answer.ends_with(b"\0asm"), "{answer:?}");
    }

    #[test]
    fn bad_headers_and_a_missing_root_are_errors_naming_them() {
        let error = StaticServer::start(Path::new("/no/such/dir")).unwrap_err();
        assert!(error.to_string().contains("/no/such/dir"), "{error}");
        let dir = site("bad-header");
        let split = ("X-Split".to_string(), "a\r\nInjected: yes".to_string());
        let error = StaticServer::with_headers(&dir, vec![split]).unwrap_err();
        assert!(error.to_string().contains("X-Split"), "{error}");
    }
}
