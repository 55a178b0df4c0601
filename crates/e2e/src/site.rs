//! Where the built site and the articles are, and what the tests read from
//! the articles (titles, URLs) instead of hard-coding them.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use model::site;

use crate::error::{Error, Result};

/// The workspace root (holds `dist/` and `seeds/`).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Canonical, so that a crate reached through a symlink still finds its workspace.
    fs::canonicalize(manifest_dir)
        .unwrap_or_else(|_| manifest_dir.to_path_buf())
        .ancestors()
        .nth(2)
        .expect("crates/e2e sits two levels below the workspace root")
        .to_path_buf()
}

/// The built site: `$E2E_DIST`, else `<workspace>/dist`.
///
/// # Errors
/// [`Error::Read`] naming the directory when it holds no `index.html`.
pub fn dist_dir() -> Result<PathBuf> {
    built_site(
        "E2E_DIST",
        "dist",
        "no built site: run `trunk build --release` (or scripts/test) first",
    )
}

/// The site of `seeds/` plus hostile articles: `$E2E_HOSTILE_DIST`, else
/// `<workspace>/dist-hostile`, written by `scripts/build-hostile-site`.
///
/// # Errors
/// [`Error::Read`] naming the directory when it holds no `index.html`.
pub fn hostile_dist_dir() -> Result<PathBuf> {
    built_site(
        "E2E_HOSTILE_DIST",
        "dist-hostile",
        "no hostile-articles site: run scripts/build-hostile-site (or scripts/test) first",
    )
}

/// How many articles the corpus site has (`scripts/build-corpus-site`).
pub const CORPUS_ARTICLES: usize = 1000;

/// The site of [`CORPUS_ARTICLES`] generated articles: the app of
/// [`dist_dir`] with the data files `scripts/build-corpus-site` geocoded
/// from `scripts/gen-corpus`'s articles (`$E2E_CORPUS_DATA`, else
/// `<target>/corpus-1000/data`). The app fetches its data rather than
/// embedding them, so the two are put together here, in
/// `<target>/corpus-1000/site`, once per test run, instead of building the
/// wasm a second time.
///
/// # Errors
/// [`Error::Read`] naming the file or directory that is missing or could
/// not be copied.
pub fn corpus_dist_dir() -> Result<PathBuf> {
    static SITE: OnceLock<std::result::Result<PathBuf, String>> = OnceLock::new();
    let site = SITE.get_or_init(|| assemble_corpus_site().map_err(|e| e.to_string()));
    site.clone().map_err(|message| Error::Read {
        path: corpus_dir().join("site"),
        source: std::io::Error::other(message),
    })
}

/// Where `scripts/build-corpus-site` works: `<target>/corpus-1000`.
fn corpus_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("corpus-1000")
}

fn assemble_corpus_site() -> Result<PathBuf> {
    let data = std::env::var_os("E2E_CORPUS_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| corpus_dir().join("data"));
    if !data.join(site::INDEX).is_file() {
        return Err(Error::Read {
            path: data.join(site::INDEX),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no 1,000-article data: run scripts/build-corpus-site (or scripts/test) first",
            ),
        });
    }
    let app = dist_dir()?;
    let into = corpus_dir().join("site");
    let _ = fs::remove_dir_all(&into);
    // The app: every file of dist/ but the seeds' data.
    copy_files(&app, &into, &|name| !site::is_data_file(name))?;
    copy_files(&data, &into, &|_| true)?;
    Ok(into)
}

/// Copies what `from` holds into `to` (created if missing): the files whose
/// names pass `keep`, and every folder whole (the data files are all at
/// the top).
fn copy_files(from: &Path, to: &Path, keep: &dyn Fn(&str) -> bool) -> Result<()> {
    let read_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Read { path, source }
    };
    fs::create_dir_all(to).map_err(read_error(to))?;
    for entry in fs::read_dir(from).map_err(read_error(from))? {
        let source = entry.map_err(read_error(from))?.path();
        let name = source
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if source.is_dir() {
            copy_files(&source, &to.join(name), &|_| true)?;
        } else if keep(name) {
            fs::copy(&source, to.join(name)).map_err(read_error(&source))?;
        }
    }
    Ok(())
}

/// `$variable`, else `<workspace>/default`, if it holds an `index.html`.
fn built_site(variable: &str, default: &str, hint: &str) -> Result<PathBuf> {
    let dist = std::env::var_os(variable)
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join(default));
    let index = dist.join("index.html");
    if !index.is_file() {
        return Err(Error::Read {
            path: index,
            source: std::io::Error::new(std::io::ErrorKind::NotFound, hint),
        });
    }
    Ok(dist)
}

/// One article of `seeds/`.
#[derive(Debug, Clone)]
pub struct Seed {
    /// File name without `.txt`, e.g. `004_da95acbb3e09ca14`.
    pub id: String,
    /// The whole text.
    pub text: String,
}

impl Seed {
    /// Every `*.txt` of `dir`, sorted by id.
    ///
    /// # Errors
    /// [`Error::Read`] naming the directory or file.
    pub fn load_all(dir: &Path) -> Result<Vec<Seed>> {
        let read_error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Read { path, source }
        };
        let mut seeds = Vec::new();
        for entry in fs::read_dir(dir).map_err(read_error(dir))? {
            let path = entry.map_err(read_error(dir))?.path();
            if path.extension().is_some_and(|ext| ext == "txt") {
                let text = fs::read_to_string(&path).map_err(read_error(&path))?;
                let id = path
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                seeds.push(Seed { id, text });
            }
        }
        seeds.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(seeds)
    }

    /// The seed whose id starts with `prefix` (e.g. `004`).
    pub fn find<'a>(seeds: &'a [Seed], prefix: &str) -> Option<&'a Seed> {
        seeds.iter().find(|seed| seed.id.starts_with(prefix))
    }

    /// The first http(s) URL of the header (the lines before the first blank
    /// line), as the geocoder keeps it.
    ///
    /// ```
    /// let seed = e2e::Seed { id: "x".into(), text: " date 2022-01 https://a.example/b\n\nTitle\n".into() };
    /// assert_eq!(seed.url(), Some("https://a.example/b"));
    /// ```
    pub fn url(&self) -> Option<&str> {
        self.header_lines()
            .flat_map(str::split_whitespace)
            .find(|word| word.starts_with("https://") || word.starts_with("http://"))
    }

    /// The title: a `Title:`/`Titre:` header, else the first non-empty line
    /// that is not metadata.
    ///
    /// ```
    /// let seed = e2e::Seed { id: "x".into(), text: " date 2022-01 https://a.example\n\nLe titre\n\nTexte".into() };
    /// assert_eq!(seed.title(), Some("Le titre"));
    /// ```
    pub fn title(&self) -> Option<&str> {
        let declared = self.header_lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            matches!(key.trim().to_lowercase().as_str(), "title" | "titre").then(|| value.trim())
        });
        declared.or_else(|| {
            self.text
                .lines()
                .map(str::trim)
                .find(|line| !line.is_empty() && !is_metadata(line))
        })
    }

    fn header_lines(&self) -> impl Iterator<Item = &str> {
        self.text.lines().take_while(|line| !line.trim().is_empty())
    }
}

fn is_metadata(line: &str) -> bool {
    let lower = line.to_lowercase();
    let header_key = lower.split_once(':').is_some_and(|(key, _)| {
        matches!(
            key.trim(),
            "title" | "titre" | "date" | "url" | "lang" | "langue"
        )
    });
    header_key
        || lower.starts_with("date ")
        || lower.contains("http://")
        || lower.contains("https://")
}
