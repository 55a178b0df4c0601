//! The per-article cache: a rebuild after one article changed geocodes
//! that article only.
//!
//! An entry holds what geocoding an article decided (the byte ranges of
//! its mentions, the place of each, the counts of rejected and ambiguous
//! names), under a key that hashes everything the decision depends on:
//! the article's bytes, the size limit, and the run's *fingerprint*, which
//! hashes the geocoder itself (the running executable, so that any change
//! of the code is a new fingerprint) and every file of the data directory.
//! Hashes are BLAKE3: a hostile article cannot be made to collide with
//! another's key.
//!
//! An entry is never trusted: it ends with the BLAKE3 hash of its own
//! content, and every range must lie on char boundaries of the article,
//! in text order, naming a place of the gazetteer. One that fails a check
//! is corrupt: ignored (with a warning) and the article is geocoded again.
//!
//! The directory also keeps a snapshot of the loaded gazetteer
//! ([`Cache::gazetteer`]), under a name that hashes the fingerprint and
//! checked alike: a run with a cache reads it instead of parsing the data
//! files (0.58 -> 0.15 s of CPU for the gazetteer of `data/`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::resolve::Resolved;

/// Changes whenever the entry format or its meaning changes.
const FORMAT: &str = "otsc-geocode-cache 1";

/// Changes whenever the gazetteer snapshot's format or meaning changes.
const SNAPSHOT_FORMAT: &str = "otsc-gazetteer-snapshot 2";

/// How [`Cache::gazetteer`] got the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Snapshot {
    /// Read back from the cache's snapshot.
    Reused,
    /// Loaded from the data files, there being no snapshot for this data
    /// directory and this geocoder; one is written for the next run.
    Built,
    /// Loaded from the data files because the snapshot was corrupt (the
    /// reason); it is written anew.
    Corrupt(String),
}

/// A cache directory, for one geocoder and one data directory.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    fingerprint: blake3::Hash,
}

/// What geocoding one article decided: what an entry holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decision {
    /// The accepted mentions, in text order.
    pub resolved: Vec<Resolved>,
    /// How many found names were not places.
    pub rejected_count: usize,
    /// How many accepted names had several candidates.
    pub ambiguous_count: usize,
}

impl Cache {
    /// Opens (creating it if needed) the cache in `dir`, for the
    /// gazetteer loaded from `data_dir` by this executable.
    ///
    /// # Errors
    /// [`Error::Io`] when `dir` cannot be created, or the executable or
    /// a data file cannot be read.
    pub fn open(dir: &Path, data_dir: &Path) -> Result<Cache> {
        let exe = std::env::current_exe().map_err(|e| Error::io(Path::new("current_exe"), e))?;
        let code = std::fs::read(&exe).map_err(|e| Error::io(&exe, e))?;
        let mut data = Vec::new();
        let entries = std::fs::read_dir(data_dir).map_err(|e| Error::io(data_dir, e))?;
        for entry in entries {
            let path = entry.map_err(|e| Error::io(data_dir, e))?.path();
            if path.is_file() {
                data.push(path);
            }
        }
        data.sort();
        let mut hasher = blake3::Hasher::new();
        hasher.update(FORMAT.as_bytes());
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        hash_part(&mut hasher, &code);
        for path in &data {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            hash_part(
                &mut hasher,
                path.file_name().unwrap_or_default().as_encoded_bytes(),
            );
            hash_part(&mut hasher, &bytes);
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        Ok(Cache {
            dir: dir.to_path_buf(),
            fingerprint: hasher.finalize(),
        })
    }

    /// The file of the gazetteer's snapshot: its name hashes the
    /// fingerprint, so that a snapshot of other data or of another
    /// geocoder is never read.
    pub fn snapshot_path(&self) -> PathBuf {
        let mut hasher = blake3::Hasher::new_keyed(self.fingerprint.as_bytes());
        hasher.update(SNAPSHOT_FORMAT.as_bytes());
        self.dir
            .join(format!("gazetteer-{}.bin", hasher.finalize().to_hex()))
    }

    /// The gazetteer of `data_dir` (the directory the cache was opened
    /// for), read from the cache's snapshot when there is a sound one,
    /// else loaded by [`Gazetteer::load`] and its snapshot written (a
    /// temporary file renamed over it; snapshots of other data or of
    /// another geocoder are removed). The snapshot ends with the
    /// BLAKE3 hash of the rest and every place index in it is checked: a
    /// corrupt one is never used, and the gazetteer is the same as without
    /// the cache. A snapshot that cannot be written is left out: the next
    /// run loads the data files again.
    ///
    /// # Errors
    /// Those of [`Gazetteer::load`].
    pub fn gazetteer(&self, data_dir: &Path) -> Result<(Gazetteer, Snapshot)> {
        let path = self.snapshot_path();
        let how = match std::fs::read(&path) {
            Ok(bytes) => match read_snapshot(&bytes) {
                Ok(gazetteer) => return Ok((gazetteer, Snapshot::Reused)),
                Err(why) => Snapshot::Corrupt(why),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Snapshot::Built,
            Err(e) => Snapshot::Corrupt(e.to_string()),
        };
        let gazetteer = Gazetteer::load(data_dir)?;
        let temporary = path.with_extension(format!("tmp{}", std::process::id()));
        let written = std::fs::File::create(&temporary)
            .and_then(|file| {
                use std::io::Write as _;
                // Buffered before the hasher, which then hashes large
                // pieces.
                let hashing = Hashing {
                    out: file,
                    hasher: blake3::Hasher::new(),
                };
                let mut out = std::io::BufWriter::with_capacity(1 << 16, hashing);
                gazetteer.write_snapshot(&mut out)?;
                let mut hashing = out.into_inner().map_err(|e| e.into_error())?;
                let checksum = hashing.hasher.finalize();
                hashing.out.write_all(checksum.as_bytes())
            })
            .and_then(|()| std::fs::rename(&temporary, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        } else if let Ok(entries) = std::fs::read_dir(&self.dir) {
            for entry in entries.flatten() {
                let other = entry.path();
                let name = other.file_name().unwrap_or_default().to_string_lossy();
                if other != path && name.starts_with("gazetteer-") && name.ends_with(".bin") {
                    let _ = std::fs::remove_file(&other);
                }
            }
        }
        Ok((gazetteer, how))
    }

    /// The key of an article's bytes, read with this size limit.
    pub(crate) fn key(&self, bytes: &[u8], max_article_bytes: usize) -> blake3::Hash {
        let mut hasher = blake3::Hasher::new_keyed(self.fingerprint.as_bytes());
        hasher.update(&(max_article_bytes as u64).to_le_bytes());
        hasher.update(bytes);
        hasher.finalize()
    }

    /// The file of an entry.
    pub(crate) fn entry_path(&self, key: &blake3::Hash) -> PathBuf {
        self.dir.join(format!("{}.txt", key.to_hex()))
    }

    /// The decision stored under `key` for the article `text` (a
    /// gazetteer of `places` places); `Ok(None)` when there is none, an
    /// error saying why when the entry is corrupt.
    pub(crate) fn get(
        &self,
        key: &blake3::Hash,
        text: &str,
        places: usize,
    ) -> std::result::Result<Option<Decision>, String> {
        let bytes = match std::fs::read(self.entry_path(key)) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.to_string()),
        };
        parse_entry(&bytes, text, places).map(Some)
    }

    /// Stores `decision` under `key`, atomically (a temporary file renamed
    /// over the entry), so that a reader never sees half an entry.
    ///
    /// # Errors
    /// [`Error::Io`] when the entry cannot be written.
    pub(crate) fn put(&self, key: &blake3::Hash, decision: &Decision) -> Result<()> {
        let path = self.entry_path(key);
        let temporary = path.with_extension(format!(
            "tmp{}.{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let written = std::fs::write(&temporary, format_entry(decision))
            .and_then(|()| std::fs::rename(&temporary, &path));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temporary);
            return Err(Error::io(&path, e));
        }
        Ok(())
    }
}

/// A writer that hashes what it writes.
struct Hashing<W> {
    out: W,
    hasher: blake3::Hasher,
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.out.write(bytes)?;
        self.hasher.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The gazetteer of a snapshot's bytes ([`Gazetteer::write_snapshot`]'s
/// bytes, then their BLAKE3 hash), or why they are not one.
fn read_snapshot(bytes: &[u8]) -> std::result::Result<Gazetteer, String> {
    if bytes.len() < blake3::OUT_LEN {
        return Err("truncated".to_owned());
    }
    let (payload, checksum) = bytes.split_at(bytes.len() - blake3::OUT_LEN);
    if blake3::hash(payload).as_bytes() != checksum {
        return Err("checksum mismatch".to_owned());
    }
    Gazetteer::from_snapshot(payload)
}

/// Feeds a length-prefixed part, so that parts cannot run into each other.
fn hash_part(hasher: &mut blake3::Hasher, bytes: &[u8]) {
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

/// An entry: the format line, the counts, one `start end place` line per
/// mention, then the BLAKE3 hash of all that.
fn format_entry(decision: &Decision) -> String {
    let mut body = format!(
        "{FORMAT}\n{} {}\n",
        decision.rejected_count, decision.ambiguous_count
    );
    for r in &decision.resolved {
        let _ = writeln!(body, "{} {} {}", r.start, r.end, r.place);
    }
    let checksum = blake3::hash(body.as_bytes());
    body + checksum.to_hex().as_str() + "\n"
}

/// Parses and checks an entry against the article's text.
fn parse_entry(bytes: &[u8], text: &str, places: usize) -> std::result::Result<Decision, String> {
    let entry = std::str::from_utf8(bytes).map_err(|_| "not UTF-8".to_owned())?;
    let body_len = entry
        .trim_end_matches('\n')
        .rfind('\n')
        .map(|i| i + 1)
        .ok_or("no checksum")?;
    let (body, checksum) = entry.split_at(body_len);
    if blake3::hash(body.as_bytes()).to_hex().as_str() != checksum.trim_end() {
        return Err("checksum mismatch".to_owned());
    }
    let mut lines = body.lines();
    if lines.next() != Some(FORMAT) {
        return Err("unknown format".to_owned());
    }
    let numbers = |line: &str| -> std::result::Result<Vec<usize>, String> {
        line.split(' ')
            .map(|n| n.parse().map_err(|_| format!("bad number {n:?}")))
            .collect()
    };
    let counts = numbers(lines.next().ok_or("no counts")?)?;
    let [rejected_count, ambiguous_count] = counts[..] else {
        return Err("bad counts".to_owned());
    };
    let mut resolved = Vec::new();
    let mut previous_end = 0;
    for line in lines {
        let fields = numbers(line)?;
        let [start, end, place] = fields[..] else {
            return Err(format!("bad mention line {line:?}"));
        };
        let valid = previous_end <= start
            && start < end
            && text.get(start..end).is_some()
            && place < places;
        if !valid {
            return Err(format!(
                "mention {start}..{end} of place {place} does not fit the article"
            ));
        }
        previous_end = end;
        resolved.push(Resolved {
            start,
            end,
            place: u32::try_from(place).map_err(|_| "bad place")?,
        });
    }
    Ok(Decision {
        resolved,
        rejected_count,
        ambiguous_count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision() -> Decision {
        Decision {
            resolved: vec![
                Resolved {
                    start: 3,
                    end: 9,
                    place: 0,
                },
                Resolved {
                    start: 14,
                    end: 26,
                    place: 1,
                },
            ],
            rejected_count: 2,
            ambiguous_count: 1,
        }
    }

    const TEXT: &str = "À Batken, au Kirghizistan.";

    #[test]
    fn entries_read_back_what_was_written() {
        let entry = format_entry(&decision());
        assert_eq!(parse_entry(entry.as_bytes(), TEXT, 2), Ok(decision()));
    }

    #[test]
    fn corrupt_entries_are_refused_with_the_reason() {
        let entry = format_entry(&decision());
        let flipped = entry.replacen("14 26", "14 25", 1);
        let truncated = &entry[..entry.len() / 2];
        let cases: [(&[u8], usize, &str); 5] = [
            (flipped.as_bytes(), 2, "checksum mismatch"),
            (truncated.as_bytes(), 2, "checksum mismatch"),
            (b"\xff\xfe", 2, "not UTF-8"),
            (b"", 2, "no checksum"),
            // Valid, but for another gazetteer or article.
            (entry.as_bytes(), 1, "does not fit"),
        ];
        for (bytes, places, why) in cases {
            let error = parse_entry(bytes, TEXT, places).unwrap_err();
            assert!(error.contains(why), "{error} for {bytes:?}");
        }
        // Offsets inside a character of another text.
        let error = parse_entry(entry.as_bytes(), "ÀÀ ÀÀÀ ÀÀÀ ÀÀÀ ÀÀÀ", 2).unwrap_err();
        assert!(error.contains("does not fit"), "{error}");
    }

    #[test]
    fn keys_change_with_the_bytes_the_limit_and_the_data() {
        let dir = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        std::fs::write(data.path().join("gazetteer.tsv"), "a").unwrap();
        let cache = Cache::open(dir.path(), data.path()).unwrap();
        let key = cache.key(b"text", 10);
        assert_eq!(
            key,
            Cache::open(dir.path(), data.path())
                .unwrap()
                .key(b"text", 10)
        );
        assert_ne!(key, cache.key(b"texT", 10));
        assert_ne!(key, cache.key(b"text", 11));
        std::fs::write(data.path().join("gazetteer.tsv"), "b").unwrap();
        assert_ne!(
            key,
            Cache::open(dir.path(), data.path())
                .unwrap()
                .key(b"text", 10)
        );
        cache.put(&key, &decision()).unwrap();
        assert_eq!(cache.get(&key, TEXT, 2), Ok(Some(decision())));
        assert_eq!(cache.get(&cache.key(b"other", 10), TEXT, 2), Ok(None));
    }
}
