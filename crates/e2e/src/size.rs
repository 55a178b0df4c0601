//! The download budget: gzipped size of every file the site ships.
//!
//! Sizes are measured with gzip at its best level, as a static host would
//! pre-compress them, so the figure is what a visitor downloads.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::error::{Error, Result};

/// The budget for a first view of the site built from the seeds: 390 KB
/// gzipped, just above today's 379 KB, so that what was won stays won.
/// Issue 9's target is 200 KB; the app's own wasm alone weighs 280 KB
/// gzipped (docs/first-view-size.md says what weighs what), so that target
/// is not enforced yet.
pub const SIZE_BUDGET_BYTES: u64 = 390_000;

/// One shipped file and its sizes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSize {
    /// Path relative to the measured directory, with `/` separators.
    pub path: String,
    /// Size on disk.
    pub raw: u64,
    /// Size after `gzip -9`.
    pub gzipped: u64,
}

/// Sizes of every file under a directory, sorted by path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizeReport {
    /// The files, sorted by path.
    pub files: Vec<FileSize>,
}

impl SizeReport {
    /// Measures every regular file under `dir`, recursively.
    ///
    /// # Errors
    /// [`Error::Read`] naming the directory or file that could not be read.
    pub fn measure(dir: &Path) -> Result<Self> {
        let mut paths = Vec::new();
        collect_files(dir, &mut paths)?;
        paths.sort();
        let files = paths
            .iter()
            .map(|path| {
                let bytes = fs::read(path).map_err(|source| Error::Read {
                    path: path.clone(),
                    source,
                })?;
                let relative = path.strip_prefix(dir).unwrap_or(path);
                Ok(FileSize {
                    path: relative.to_string_lossy().replace('\\', "/"),
                    raw: bytes.len() as u64,
                    gzipped: gzipped_len(&bytes),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self { files })
    }

    /// Only the files a first view of the map loads: the page, its script,
    /// wasm and styles, and the data of [`model::site::FIRST_VIEW_DATA`];
    /// not the chunks fetched on demand, the downloads, nor the custom
    /// element's script (for host pages).
    pub fn first_view(self) -> Self {
        let files = self
            .files
            .into_iter()
            .filter(|file| {
                let name = file.path.rsplit('/').next().unwrap_or(&file.path);
                if model::site::is_data_file(name) {
                    model::site::FIRST_VIEW_DATA.contains(&name)
                } else {
                    name != "otsc-map-element.js"
                }
            })
            .collect();
        Self { files }
    }

    /// Total gzipped bytes.
    pub fn total_gzipped(&self) -> u64 {
        self.files.iter().map(|file| file.gzipped).sum()
    }

    /// Total bytes on disk.
    pub fn total_raw(&self) -> u64 {
        self.files.iter().map(|file| file.raw).sum()
    }

    /// Whether the gzipped total fits in `budget` bytes.
    pub fn fits(&self, budget: u64) -> bool {
        self.total_gzipped() <= budget
    }
}

impl fmt::Display for SizeReport {
    /// A table: gzipped bytes, raw bytes, path; then the total.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:>10} {:>10}  file", "gzip -9", "raw")?;
        for file in &self.files {
            writeln!(f, "{:>10} {:>10}  {}", file.gzipped, file.raw, file.path)?;
        }
        write!(
            f,
            "{:>10} {:>10}  total",
            self.total_gzipped(),
            self.total_raw()
        )
    }
}

/// Length of `bytes` compressed by gzip at its best level.
///
/// ```
/// let text = "Batken ".repeat(1000);
/// let packed = e2e::gzipped_len(text.as_bytes());
/// assert!(packed > 0 && packed < 100);
/// ```
pub fn gzipped_len(bytes: &[u8]) -> u64 {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map(|packed| packed.len() as u64)
        .expect("writing to a Vec cannot fail")
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let read_error = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    for entry in fs::read_dir(dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else if path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir_with(name: &str, files: &[(&str, Vec<u8>)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("e2e-size-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for (path, bytes) in files {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
        dir
    }

    #[test]
    fn measures_every_file_recursively_sorted() {
        let dir = dir_with(
            "sorted",
            &[
                ("z.js", b"let a = 1;".to_vec()),
                ("index.html", "<p>Almaty</p>".repeat(200).into_bytes()),
                ("assets/a.wasm", vec![0u8; 5000]),
            ],
        );
        let report = SizeReport::measure(&dir).unwrap();
        let paths: Vec<_> = report.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["assets/a.wasm", "index.html", "z.js"]);
        assert_eq!(report.total_raw(), 5000 + 13 * 200 + 10);
        // Repetitive content compresses well; the total is the sum of the parts.
        assert!(report.files[0].gzipped < 100);
        let sum: u64 = report.files.iter().map(|f| f.gzipped).sum();
        assert_eq!(report.total_gzipped(), sum);
        assert!(report
            .to_string()
            .ends_with(&format!("{sum:>10} {:>10}  total", 7610)));
    }

    #[test]
    fn budget_is_checked_on_the_gzipped_total() {
        // Incompressible bytes: a simple xorshift stream.
        let mut state = 0x2545_f491_u32;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state as u8
            })
            .collect();
        let report = SizeReport::measure(&dir_with("budget", &[("n.bin", noise)])).unwrap();
        assert!(report.total_gzipped() > 4096);
        assert!(!report.fits(4096));
        assert!(report.fits(report.total_gzipped()));
    }

    #[test]
    fn the_first_view_leaves_out_chunks_and_downloads() {
        let dir = dir_with(
            "first-view",
            &[
                ("index.html", b"<html>".to_vec()),
                ("app_bg.wasm", vec![0; 10]),
                ("index.json", b"{}".to_vec()),
                ("basemap.json", b"{}".to_vec()),
                ("excerpts-0-0.json", b"{}".to_vec()),
                ("text-0.json", b"{}".to_vec()),
                ("places.geojson", b"{}".to_vec()),
                ("mentions.csv", b"a".to_vec()),
                ("otsc-map-element.js", b"x".to_vec()),
            ],
        );
        let report = SizeReport::measure(&dir).unwrap().first_view();
        let paths: Vec<&str> = report.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            ["app_bg.wasm", "basemap.json", "index.html", "index.json"]
        );
    }

    #[test]
    fn missing_directory_is_named() {
        let error = SizeReport::measure(Path::new("/no/such/dist")).unwrap_err();
        assert!(error.to_string().contains("/no/such/dist"), "{error}");
    }
}
