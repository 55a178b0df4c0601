//! A tiny static file server on loopback, standing in for any web host.
//!
//! It serves a directory (normally the Trunk `dist/`) on `127.0.0.1:<free port>`
//! from a background thread, with the MIME types a browser insists on
//! (`application/wasm` for streaming compilation) and optional extra response
//! headers, so a test can check the site under a Content-Security-Policy.

use std::fs;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use crate::error::{Error, Result};

/// A running static server; it stops when dropped.
pub struct StaticServer {
    server: Arc<tiny_http::Server>,
    addr: SocketAddr,
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
        if !(prefix.starts_with('/') && prefix.ends_with('/')) {
            return Err(Error::Serve {
                root: root.to_path_buf(),
                message: format!("the URL prefix {prefix:?} must start and end with '/'"),
            });
        }
        let prefix = prefix.to_string();
        let root = fs::canonicalize(root).map_err(|source| Error::Read {
            path: root.to_path_buf(),
            source,
        })?;
        let serve_error = |message: String| Error::Serve {
            root: root.clone(),
            message,
        };
        let extra = headers
            .iter()
            .map(|(name, value)| {
                tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
                    .map_err(|()| serve_error(format!("invalid header {name}: {value}")))
            })
            .collect::<Result<Vec<_>>>()?;
        let server = tiny_http::Server::http("127.0.0.1:0")
            .map_err(|error| serve_error(error.to_string()))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| serve_error("not listening on an IP address".into()))?;
        let server = Arc::new(server);
        let worker = {
            let server = Arc::clone(&server);
            let site = Arc::new((root, prefix, extra));
            std::thread::spawn(move || {
                // `incoming_requests` ends when `unblock` is called on drop.
                for request in server.incoming_requests() {
                    // One thread per answer: a browser may stop reading a
                    // response (a preload it will not use) without closing
                    // the connection, and writing a large body to it then
                    // blocks; the other requests must not wait behind it.
                    let site = Arc::clone(&site);
                    std::thread::spawn(move || {
                        let (root, prefix, extra) = &*site;
                        respond(root, prefix, extra, request);
                    });
                }
            })
        };
        Ok(Self {
            server,
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
        self.server.unblock();
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

fn respond(root: &Path, prefix: &str, extra: &[tiny_http::Header], request: tiny_http::Request) {
    // `/some/path` alone means its index, as static hosts redirect it.
    let url = request.url();
    let under_prefix = url
        .strip_prefix(prefix)
        .or_else(|| (url == prefix.trim_end_matches('/')).then_some(""));
    let response = match under_prefix.and_then(|rest| resolve(root, rest)) {
        Some(path) => match fs::read(&path) {
            Ok(body) => {
                let content_type =
                    tiny_http::Header::from_bytes("Content-Type", content_type(&path))
                        .expect("static header is valid");
                tiny_http::Response::from_data(body).with_header(content_type)
            }
            Err(_) => not_found(),
        },
        None => not_found(),
    };
    let response = extra
        .iter()
        .cloned()
        .fold(response, |response, header| response.with_header(header));
    // A browser that hangs up early is not the server's problem.
    let _ = request.respond(response);
}

fn not_found() -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    tiny_http::Response::from_string("not found").with_status_code(404)
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
    fn missing_root_is_an_error_naming_it() {
        let error = StaticServer::start(Path::new("/no/such/dir")).unwrap_err();
        assert!(error.to_string().contains("/no/such/dir"), "{error}");
    }
}
