//! The places of a run, gathered article by article without holding the
//! articles: each article's geocoding becomes one compact record as soon
//! as it is geocoded, and only a small index stays in memory.
//!
//! Why a spill file and a place index, not an external sort: the places
//! GeoJSON lists every place's mentions together, the articles, then every
//! sentence once; the articles come in path order, a place's mentions from
//! all of them. A record per article (its metadata and text, its sentences
//! once) is written once, sequentially; its mentions, grouped by place, are
//! gathered with those of the next articles and written place by place
//! every few MB ([`Pending`]), so that a place's groups lie together. The
//! index keeps per article its id and where its record is, per place where
//! each of its groups is (16 bytes per place and article naming it) and
//! how the articles spell it. The writer then reads each group back once,
//! place by place. An external sort would bound the index
//! too, but writes and reads everything twice more and merges runs; the
//! index is about 1 % of the text (a 5 KB article names a dozen places),
//! against about 5 bytes per byte of text when the mentions were held.
//!
//! The records go to an unnamed temporary file (the system removes it
//! however the run ends), or stay in memory for the runs that build a
//! [`PlaceCollection`] anyway (`site-data`, the library's tests): the same
//! records and index both ways, so the GeoJSON streamed from a spill file
//! is the bytes of the collection's [`PlaceCollection::write_geojson`].

use rustc_hash::FxHashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use model::{Article, GeojsonWriter, Mention, MentionRef, Place, PlaceCollection};

use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::place_names::{name_place, Spellings};
use crate::resolve::{Ambiguity, Rejection};

/// One mention as [`Collector::add`] takes it, borrowed from its article.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MentionParts<'a> {
    /// The place's index in the gazetteer.
    pub place: u32,
    pub start: usize,
    pub end: usize,
    /// The mention as written.
    pub text: &'a str,
    /// Its sentence and where the sentence starts.
    pub excerpt: &'a str,
    pub excerpt_start: usize,
}

/// Gathers the records of a run's articles, from every thread.
pub(crate) struct Collector<'g> {
    gazetteer: &'g Gazetteer,
    state: Mutex<State>,
}

struct State {
    store: Store,
    index: Index,
    /// Mention groups not yet appended to the store.
    pending: Pending,
    /// The report's lines, when the run lists them apart.
    report: Option<ReportLines>,
    /// The first write that failed: the run fails, naming the spill file.
    failed: Option<io::Error>,
}

/// The lines of the full report (every rejection and ambiguity), each
/// article's written to a temporary file of their own as soon as it is
/// geocoded, then read back in the articles' order
/// ([`Collected::write_report`]): held in memory, they grew with the
/// corpus (about a third of the names found are rejected, and each
/// record holds several strings).
struct ReportLines {
    store: Store,
    /// By position in the run's list of paths: where the article's lines
    /// start, and the length of its rejections' lines, then of its
    /// ambiguities' lines.
    articles: Vec<Option<(u64, u64, u64)>>,
}

/// The mention groups of the latest articles, gathered by place until they
/// weigh [`PENDING_BUDGET`], then appended to the store place by place.
///
/// Why: the writer reads a place's groups from every article one after
/// another. Written inside each article's record, two groups of one place
/// were a record apart (several KB), and each was a `pread` of its own
/// (442,000 of them for 10,000 articles, most of the writing's system
/// time); written place by place, the groups of one flush are contiguous
/// and the read-ahead takes them in one read. The budget bounds the memory
/// this holds, whatever the corpus size.
#[derive(Default)]
struct Pending {
    /// By gazetteer index: the groups' bytes, and each group's article
    /// position, start in the bytes and length. (Fx, not std's SipHash,
    /// which was an eighth of the records' instructions: asked for every
    /// group; the places are sorted before they are written either way.)
    places: FxHashMap<u32, PendingPlace>,
    /// The bytes held, all places together.
    bytes: usize,
}

#[derive(Default)]
struct PendingPlace {
    bytes: Vec<u8>,
    groups: Vec<(u32, usize, u32)>,
}

/// How many bytes of mention groups [`Pending`] holds before they go to
/// the store: small against the gazetteer (a run of 53 MB of articles has
/// 26 MB of groups, about 100 flushes, 8,000 reads in all), and small
/// enough that `tests/memory.rs` sees no growth between its two runs.
const PENDING_BUDGET: usize = 256 << 10;

/// Where the records are.
enum Store {
    Memory(Vec<u8>),
    /// An unnamed temporary file in `dir`, written through a buffer, then
    /// read back.
    File {
        writer: BufWriter<File>,
        len: u64,
        dir: PathBuf,
    },
    /// The file once written.
    Written {
        file: File,
        dir: PathBuf,
    },
}

#[derive(Default)]
struct Index {
    /// By position in the run's list of paths; `None` for a skipped file.
    articles: Vec<Option<ArticleEntry>>,
    /// By gazetteer index.
    places: FxHashMap<u32, PlaceEntry>,
    mentions: usize,
}

struct ArticleEntry {
    id: String,
    /// Where its record starts, and the length of its two first parts: the
    /// article, then its sentences.
    at: u64,
    article_len: u64,
    excerpts_len: u64,
    /// How many sentences.
    excerpts: usize,
}

#[derive(Default)]
struct PlaceEntry {
    groups: Vec<Group>,
    spellings: Spellings,
}

/// The mentions of one place in one article's record.
struct Group {
    at: u64,
    len: u32,
    /// The article's position.
    article: u32,
}

impl<'g> Collector<'g> {
    /// A collector for `articles` articles, its records in memory.
    pub fn in_memory(gazetteer: &'g Gazetteer, articles: usize) -> Self {
        Self::with_store(gazetteer, articles, Store::Memory(Vec::new()))
    }

    /// A collector for `articles` articles, its records in a temporary
    /// file in `spill_dir`; with `report`, the report's lines
    /// ([`Collector::add_report`]) in another.
    ///
    /// # Errors
    /// [`Error::Spill`] when a file cannot be created.
    pub fn spilled(
        gazetteer: &'g Gazetteer,
        articles: usize,
        spill_dir: &Path,
        report: bool,
    ) -> Result<Self> {
        let collector = Self::with_store(gazetteer, articles, Store::temporary(spill_dir)?);
        if report {
            let lines = ReportLines {
                store: Store::temporary(spill_dir)?,
                articles: (0..articles).map(|_| None).collect(),
            };
            collector
                .state
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .report = Some(lines);
        }
        Ok(collector)
    }

    /// Whether the report's lines are kept here ([`Collector::add_report`]).
    pub fn keeps_report(&self) -> bool {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.report.is_some()
    }

    /// Writes the report's lines of the article at `position`: its
    /// rejections and its ambiguities, in the order found.
    pub fn add_report(&self, position: usize, rejected: &[Rejection], ambiguous: &[Ambiguity]) {
        // Formatted before taking the lock: the other threads go on.
        let mut lines = Vec::new();
        for rejection in rejected {
            // Writing to a Vec cannot fail.
            let _ = writeln!(lines, "{REJECTED}{rejection}");
        }
        let rejected_len = lines.len() as u64;
        for ambiguity in ambiguous {
            let _ = writeln!(lines, "{AMBIGUOUS}{ambiguity}");
        }
        let ambiguous_len = lines.len() as u64 - rejected_len;
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let State { report, failed, .. } = &mut *state;
        let Some(report) = report else {
            return;
        };
        if failed.is_some() {
            return;
        }
        match report.store.append(&lines) {
            Ok(at) => {
                if let Some(slot) = report.articles.get_mut(position) {
                    *slot = Some((at, rejected_len, ambiguous_len));
                }
            }
            Err(error) => *failed = Some(error),
        }
    }

    fn with_store(gazetteer: &'g Gazetteer, articles: usize, store: Store) -> Self {
        let mut index = Index::default();
        index.articles.resize_with(articles, || None);
        Collector {
            gazetteer,
            state: Mutex::new(State {
                store,
                index,
                pending: Pending::default(),
                report: None,
                failed: None,
            }),
        }
    }

    /// Records the article at `position` of the run and its mentions (in
    /// the order found).
    pub fn add(&self, position: usize, article: &Article, mentions: &[MentionParts<'_>]) {
        let record = Record::new(article, mentions);
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let State {
            store,
            index,
            pending,
            failed,
            ..
        } = &mut *state;
        if failed.is_some() {
            return;
        }
        let at = match store.append(&record.bytes) {
            Ok(at) => at,
            Err(error) => {
                *failed = Some(error);
                return;
            }
        };
        let Some(slot) = index.articles.get_mut(position) else {
            return;
        };
        *slot = Some(ArticleEntry {
            id: article.id.clone(),
            at,
            article_len: record.article_len as u64,
            excerpts_len: record.excerpts_len as u64,
            excerpts: record.excerpts,
        });
        let article_position = u32::try_from(position).unwrap_or(u32::MAX);
        for &(place, start, len) in &record.groups {
            let Ok(len32) = u32::try_from(len) else {
                *failed = Some(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("the mentions of one place in {} exceed 4 GiB", article.id),
                ));
                return;
            };
            let held = pending.places.entry(place).or_default();
            held.groups
                .push((article_position, held.bytes.len(), len32));
            held.bytes
                .extend_from_slice(&record.mentions[start..start + len]);
            pending.bytes += len;
            // The index has an entry for every place named so far.
            index.places.entry(place).or_default();
        }
        if pending.bytes >= PENDING_BUDGET {
            if let Err(error) = pending.flush(store, index) {
                *failed = Some(error);
                return;
            }
        }
        for mention in mentions {
            if let Some(entry) = index.places.get_mut(&mention.place) {
                entry.spellings.add(mention.text, article.lang.as_deref());
            }
        }
        index.mentions += mentions.len();
    }

    /// The records, ready to be read back.
    ///
    /// # Errors
    /// [`Error::Spill`] when a record could not be written.
    pub fn finish(self) -> Result<Collected<'g>> {
        let State {
            mut store,
            mut index,
            mut pending,
            report,
            mut failed,
        } = self
            .state
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        if failed.is_none() {
            failed = pending.flush(&mut store, &mut index).err();
        }
        if let (Some(error), Store::File { dir, .. }) = (failed, &store) {
            return Err(Error::spill(dir, error));
        }
        let report = match report {
            Some(lines) => Some(ReportLines {
                store: lines.store.written()?,
                articles: lines.articles,
            }),
            None => None,
        };
        Ok(Collected {
            gazetteer: self.gazetteer,
            store: store.written()?,
            index,
            report,
        })
    }
    /// The places of a collector made by [`Collector::in_memory`], every
    /// mention with its sentence.
    ///
    /// # Panics
    /// On a collector of [`Collector::spilled`] whose file failed: records
    /// in memory are read back as written, no I/O can fail.
    pub fn into_collection(self) -> PlaceCollection {
        self.finish()
            .ok()
            .and_then(|records| records.into_collection().ok())
            .expect("records in memory read back")
    }
}

impl Pending {
    /// Appends the groups held to `store`, place by place (in gazetteer
    /// order, so that the file is the same whatever the hash order), and
    /// indexes them.
    fn flush(&mut self, store: &mut Store, index: &mut Index) -> io::Result<()> {
        let mut places: Vec<(u32, PendingPlace)> = self.places.drain().collect();
        places.sort_unstable_by_key(|&(place, _)| place);
        self.bytes = 0;
        for (place, held) in places {
            let at = store.append(&held.bytes)?;
            let entry = index.places.entry(place).or_default();
            entry
                .groups
                .extend(held.groups.iter().map(|&(article, start, len)| Group {
                    at: at + start as u64,
                    len,
                    article,
                }));
        }
        Ok(())
    }
}

/// The prefixes of the report's lines ([`Collector::add_report`]).
const REJECTED: &str = "rejected  ";
const AMBIGUOUS: &str = "ambiguous ";

impl Store {
    /// An unnamed temporary file in `dir`, written through a buffer.
    fn temporary(dir: &Path) -> Result<Store> {
        let file = tempfile::tempfile_in(dir).map_err(|e| Error::spill(dir, e))?;
        Ok(Store::File {
            writer: BufWriter::with_capacity(1 << 16, file),
            len: 0,
            dir: dir.to_path_buf(),
        })
    }

    /// The store once everything is appended, ready to be read: a file's
    /// buffer flushed.
    fn written(self) -> Result<Store> {
        match self {
            Store::File { writer, dir, .. } => match writer.into_inner() {
                Ok(file) => Ok(Store::Written { file, dir }),
                Err(error) => Err(Error::spill(&dir, error.into_error())),
            },
            store => Ok(store),
        }
    }

    /// Appends `bytes`; where they start.
    fn append(&mut self, bytes: &[u8]) -> io::Result<u64> {
        match self {
            Store::Memory(records) => {
                let at = records.len() as u64;
                records.extend_from_slice(bytes);
                Ok(at)
            }
            Store::File { writer, len, .. } => {
                writer.write_all(bytes)?;
                let at = *len;
                *len += bytes.len() as u64;
                Ok(at)
            }
            Store::Written { .. } => Err(io::Error::other("the records are already written")),
        }
    }

    /// The `len` bytes at `at` (read into `buffer` from a file).
    fn read<'b>(&'b self, at: u64, len: u64, buffer: &'b mut Vec<u8>) -> io::Result<&'b [u8]> {
        let range = usize::try_from(at)
            .ok()
            .zip(usize::try_from(len).ok())
            .and_then(|(at, len)| Some(at..at.checked_add(len)?));
        let Some(range) = range else {
            return Err(corrupt());
        };
        match self {
            Store::Memory(records) => records.get(range).ok_or_else(corrupt),
            Store::Written { file, dir } => {
                buffer.resize(range.len(), 0);
                read_at(file, at, buffer).map_err(|e| {
                    io::Error::new(
                        e.kind(),
                        format!("reading back the temporary file in {}: {e}", dir.display()),
                    )
                })?;
                Ok(buffer)
            }
            Store::File { .. } => Err(io::Error::other("the records are not written yet")),
        }
    }
}

/// The spill file's bytes read ahead by [`Store::read_next`]: a place's
/// groups, and the articles' records, lie in the file in about the order
/// they are read, most a few hundred bytes apart, and a read per group was
/// a `pread` per group (about a fifth of the writing time).
#[derive(Default)]
struct ReadAhead {
    /// Where `bytes` start in the file.
    at: u64,
    bytes: Vec<u8>,
}

/// How much [`Store::read_next`] reads at once, at most (unless one span
/// is longer).
const READ_AHEAD: u64 = 256 << 10;

/// The largest gap between two spans that [`Store::read_next`] reads in
/// one go: copying the gap costs less than another system call.
const READ_AHEAD_GAP: u64 = 4 << 10;

impl Store {
    /// The bytes of `spans[0]` (offset, length); from a file, read together
    /// with the spans after it that follow it closely, which the next calls
    /// then find in `ahead`. The bytes are those [`Store::read`] gives.
    fn read_next<'b>(
        &'b self,
        spans: &[(u64, u64)],
        ahead: &'b mut ReadAhead,
    ) -> io::Result<&'b [u8]> {
        let Some(&(at, len)) = spans.first() else {
            return Ok(&[]);
        };
        if !matches!(self, Store::Written { .. }) {
            return self.read(at, len, &mut ahead.bytes);
        }
        let Some(end) = at.checked_add(len) else {
            return Err(corrupt());
        };
        let held = ahead.at..ahead.at + ahead.bytes.len() as u64;
        if !(held.start <= at && end <= held.end) {
            let mut read_end = end;
            for &(next, next_len) in &spans[1..] {
                let next_end = next.saturating_add(next_len);
                if next < read_end || next - read_end > READ_AHEAD_GAP || next_end - at > READ_AHEAD
                {
                    break;
                }
                read_end = next_end;
            }
            ahead.at = at;
            if let Err(error) = self.read(at, read_end - at, &mut ahead.bytes) {
                ahead.bytes.clear();
                return Err(error);
            }
        }
        let from = usize::try_from(at - ahead.at).map_err(|_| corrupt())?;
        let to = usize::try_from(end - ahead.at).map_err(|_| corrupt())?;
        ahead.bytes.get(from..to).ok_or_else(corrupt)
    }
}

#[cfg(unix)]
fn read_at(file: &File, at: u64, buffer: &mut [u8]) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, at)
}

#[cfg(not(unix))]
fn read_at(mut file: &File, at: u64, buffer: &mut [u8]) -> io::Result<()> {
    use std::io::{Read, Seek};
    file.seek(io::SeekFrom::Start(at))?;
    file.read_exact(buffer)
}

fn corrupt() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "a record read back is not the one written (the temporary file was changed)",
    )
}

/// One article's record: its metadata and text (when the output holds it),
/// its sentences once (by offset, then text); and apart, its mentions
/// grouped by place (by offset within a place), which the collector stores
/// place by place ([`Pending`]). Numbers are little-endian `u64`s (`u32`
/// for counts and sentence positions), strings a length and UTF-8 bytes.
struct Record {
    bytes: Vec<u8>,
    article_len: usize,
    excerpts_len: usize,
    excerpts: usize,
    /// The groups of mentions, one after another.
    mentions: Vec<u8>,
    /// (place, start in `mentions`, length) of each group.
    groups: Vec<(u32, usize, usize)>,
}

impl Record {
    fn new(article: &Article, mentions: &[MentionParts<'_>]) -> Self {
        let mut bytes = Vec::new();
        put_str(&mut bytes, &article.id);
        put_str(&mut bytes, &article.title);
        for field in [
            &article.date,
            &article.inferred_date,
            &article.url,
            &article.lang,
            &article.text,
        ] {
            put_option(&mut bytes, field.as_deref());
        }
        let article_len = bytes.len();
        let mut sentences: Vec<(usize, &str)> = mentions
            .iter()
            .map(|m| (m.excerpt_start, m.excerpt))
            .collect();
        sentences.sort_unstable();
        sentences.dedup();
        put_u32(&mut bytes, sentences.len());
        for &(start, text) in &sentences {
            put_u64(&mut bytes, start);
            put_str(&mut bytes, text);
        }
        let excerpts_len = bytes.len() - article_len;
        // By place, then offset; equal ones in the order found.
        let mut order: Vec<&MentionParts<'_>> = mentions.iter().collect();
        order.sort_by_key(|m| (m.place, m.start, m.end));
        let mut groups = Vec::new();
        let mut grouped = Vec::new();
        for group in order.chunk_by(|a, b| a.place == b.place) {
            let start = grouped.len();
            put_u32(&mut grouped, group.len());
            for m in group {
                let sentence = sentences
                    .binary_search(&(m.excerpt_start, m.excerpt))
                    .unwrap_or_default();
                put_u64(&mut grouped, m.start);
                put_u64(&mut grouped, m.end);
                put_u32(&mut grouped, sentence);
                put_str(&mut grouped, m.text);
            }
            groups.push((group[0].place, start, grouped.len() - start));
        }
        Record {
            bytes,
            article_len,
            excerpts_len,
            excerpts: sentences.len(),
            mentions: grouped,
            groups,
        }
    }
}

fn put_u32(bytes: &mut Vec<u8>, n: usize) {
    bytes.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn put_u64(bytes: &mut Vec<u8>, n: usize) {
    bytes.extend_from_slice(&(n as u64).to_le_bytes());
}

fn put_str(bytes: &mut Vec<u8>, text: &str) {
    put_u64(bytes, text.len());
    bytes.extend_from_slice(text.as_bytes());
}

fn put_option(bytes: &mut Vec<u8>, text: Option<&str>) {
    match text {
        None => bytes.push(0),
        Some(text) => {
            bytes.push(1);
            put_str(bytes, text);
        }
    }
}

/// Reads what [`Record`] wrote; a record that does not read back is an
/// [`io::ErrorKind::InvalidData`] error, never a panic.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> io::Result<&'a [u8]> {
        if self.0.len() < n {
            return Err(corrupt());
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn u32(&mut self) -> io::Result<usize> {
        let bytes = self.take(4)?.try_into().map_err(|_| corrupt())?;
        Ok(u32::from_le_bytes(bytes) as usize)
    }

    fn u64(&mut self) -> io::Result<usize> {
        let bytes = self.take(8)?.try_into().map_err(|_| corrupt())?;
        usize::try_from(u64::from_le_bytes(bytes)).map_err(|_| corrupt())
    }

    fn str(&mut self) -> io::Result<&'a str> {
        let len = self.u64()?;
        std::str::from_utf8(self.take(len)?).map_err(|_| corrupt())
    }

    fn option(&mut self) -> io::Result<Option<&'a str>> {
        match self.take(1)? {
            [0] => Ok(None),
            [1] => self.str().map(Some),
            _ => Err(corrupt()),
        }
    }

    fn article(&mut self) -> io::Result<Article> {
        let id = self.str()?.to_owned();
        let title = self.str()?.to_owned();
        let mut field = || Ok::<_, io::Error>(self.option()?.map(str::to_owned));
        Ok(Article {
            id,
            title,
            date: field()?,
            inferred_date: field()?,
            url: field()?,
            lang: field()?,
            text: field()?,
        })
    }

    /// The sentences: (offset, text) each.
    fn excerpts(&mut self) -> io::Result<Vec<(usize, &'a str)>> {
        let n = self.u32()?;
        (0..n).map(|_| Ok((self.u64()?, self.str()?))).collect()
    }

    /// The mentions of a group: (start, end, sentence, text) each.
    fn mentions(&mut self) -> io::Result<Vec<(usize, usize, usize, &'a str)>> {
        let n = self.u32()?;
        (0..n)
            .map(|_| Ok((self.u64()?, self.u64()?, self.u32()?, self.str()?)))
            .collect()
    }
}

/// A run's records, read back in the output's order: places by id,
/// mentions by article id then offset, articles by id, sentences by
/// article id then offset then text.
pub struct Collected<'g> {
    gazetteer: &'g Gazetteer,
    store: Store,
    index: Index,
    report: Option<ReportLines>,
}

impl std::fmt::Debug for Collected<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Collected")
            .field("articles", &self.articles())
            .field("places", &self.places())
            .field("mentions", &self.mentions())
            .finish_non_exhaustive()
    }
}

/// The articles ranked by id, and where each one's sentences start among
/// all the sentences.
struct Order<'c> {
    /// The articles by id (ties by position): (position, entry).
    ranked: Vec<(usize, &'c ArticleEntry)>,
    /// By position: the article's rank.
    rank: Vec<usize>,
    /// By rank: how many sentences the articles before it have.
    base: Vec<usize>,
    /// The places by id: gazetteer index and entry.
    places: Vec<(u32, &'c PlaceEntry)>,
}

impl<'g> Collected<'g> {
    /// How many articles were geocoded (skipped files are not).
    pub fn articles(&self) -> usize {
        self.index.articles.iter().flatten().count()
    }

    /// How many places they name.
    pub fn places(&self) -> usize {
        self.index.places.len()
    }

    /// How many mentions of places they hold.
    pub fn mentions(&self) -> usize {
        self.index.mentions
    }

    fn order(&self) -> Order<'_> {
        let mut ranked: Vec<(usize, &ArticleEntry)> = self
            .index
            .articles
            .iter()
            .enumerate()
            .filter_map(|(position, entry)| Some((position, entry.as_ref()?)))
            .collect();
        ranked.sort_by(|a, b| (&a.1.id, a.0).cmp(&(&b.1.id, b.0)));
        let mut rank = vec![usize::MAX; self.index.articles.len()];
        let mut base = Vec::with_capacity(ranked.len());
        let mut before = 0;
        for (r, &(position, entry)) in ranked.iter().enumerate() {
            rank[position] = r;
            base.push(before);
            before += entry.excerpts;
        }
        let mut places: Vec<(u32, &PlaceEntry)> =
            self.index.places.iter().map(|(&i, e)| (i, e)).collect();
        places.sort_unstable_by(|a, b| {
            let id = |i| self.gazetteer.place(i).id.as_str();
            id(a.0).cmp(id(b.0))
        });
        Order {
            ranked,
            rank,
            base,
            places,
        }
    }

    /// The place of gazetteer index `index`, named, without its mentions,
    /// and its groups by article rank.
    fn place<'c>(
        &self,
        order: &Order<'c>,
        index: u32,
        entry: &'c PlaceEntry,
    ) -> (Place, Vec<&'c Group>) {
        let source = self.gazetteer.place(index);
        let mut place = Place::from(source);
        name_place(&mut place, source, &entry.spellings);
        let mut groups: Vec<&Group> = entry.groups.iter().collect();
        groups.sort_unstable_by_key(|g| order.rank.get(g.article as usize).copied());
        (place, groups)
    }

    /// Writes the places GeoJSON ([`PlaceCollection::write_geojson`]'s
    /// bytes) to `writer`, reading each record back as it goes: only one
    /// article's record is held at a time. Give it a buffered writer.
    ///
    /// # Errors
    /// When `writer` fails, or a record cannot be read back (the error
    /// names the temporary file's directory).
    pub fn write_geojson(&self, writer: impl Write) -> io::Result<()> {
        let order = self.order();
        let mut ahead = ReadAhead::default();
        let mut features = GeojsonWriter::new(writer)?;
        for &(index, entry) in &order.places {
            let (place, groups) = self.place(&order, index, entry);
            let spans: Vec<(u64, u64)> = groups.iter().map(|g| (g.at, g.len.into())).collect();
            features.place(&place, |out| {
                for (g, group) in groups.iter().enumerate() {
                    let rank = order.rank[group.article as usize];
                    let (_, article) = order.ranked[rank];
                    let bytes = self.store.read_next(&spans[g..], &mut ahead)?;
                    for (start, end, sentence, text) in Reader(bytes).mentions()? {
                        out.mention(&MentionRef {
                            article: &article.id,
                            end,
                            excerpt: order.base[rank] + sentence,
                            start,
                            text,
                        })?;
                    }
                }
                Ok::<(), io::Error>(())
            })?;
        }
        let mut articles = features.articles()?;
        let spans: Vec<(u64, u64)> = order
            .ranked
            .iter()
            .map(|(_, e)| (e.at, e.article_len))
            .collect();
        for (r, _) in order.ranked.iter().enumerate() {
            let bytes = self.store.read_next(&spans[r..], &mut ahead)?;
            articles.article(&Reader(bytes).article()?)?;
        }
        let mut sentences = articles.excerpts()?;
        let spans: Vec<(u64, u64)> = order
            .ranked
            .iter()
            .map(|(_, e)| (e.at + e.article_len, e.excerpts_len))
            .collect();
        for (r, &(_, entry)) in order.ranked.iter().enumerate() {
            let bytes = self.store.read_next(&spans[r..], &mut ahead)?;
            for (start, text) in Reader(bytes).excerpts()? {
                sentences.excerpt(&entry.id, start, text)?;
            }
        }
        sentences.finish()?.flush()
    }

    /// Writes the lines of the full report (`geocode --report`), read back
    /// from their temporary file: every article's rejections
    /// (`rejected  ` and the [`Rejection`]), in the order of the run's
    /// paths, then every article's ambiguities (`ambiguous ` and the
    /// [`Ambiguity`]). Nothing when the run kept no report. Give it a
    /// buffered writer.
    ///
    /// # Errors
    /// When `writer` fails, or the lines cannot be read back.
    pub fn write_report(&self, mut writer: impl Write) -> io::Result<()> {
        let Some(report) = &self.report else {
            return Ok(());
        };
        let written: Vec<(u64, u64, u64)> = report.articles.iter().flatten().copied().collect();
        let mut ahead = ReadAhead::default();
        let rejections: Vec<(u64, u64)> = written.iter().map(|&(at, r, _)| (at, r)).collect();
        let ambiguities: Vec<(u64, u64)> = written.iter().map(|&(at, r, a)| (at + r, a)).collect();
        for spans in [rejections, ambiguities] {
            for s in 0..spans.len() {
                writer.write_all(report.store.read_next(&spans[s..], &mut ahead)?)?;
            }
        }
        writer.flush()
    }

    /// The places as a [`PlaceCollection`], every mention with its sentence.
    ///
    /// # Errors
    /// When a record cannot be read back.
    pub fn into_collection(self) -> io::Result<PlaceCollection> {
        let order = self.order();
        let mut buffer = Vec::new();
        let mut articles = Vec::with_capacity(order.ranked.len());
        let mut sentences = Vec::with_capacity(order.ranked.len());
        for &(_, entry) in &order.ranked {
            let len = entry.article_len + entry.excerpts_len;
            let mut reader = Reader(self.store.read(entry.at, len, &mut buffer)?);
            articles.push(reader.article()?);
            let owned: Vec<(usize, String)> = reader
                .excerpts()?
                .into_iter()
                .map(|(start, text)| (start, text.to_owned()))
                .collect();
            sentences.push(owned);
        }
        let mut places = Vec::with_capacity(order.places.len());
        for &(index, entry) in &order.places {
            let (mut place, groups) = self.place(&order, index, entry);
            for group in groups {
                let rank = order.rank[group.article as usize];
                let bytes = self.store.read(group.at, group.len.into(), &mut buffer)?;
                for (start, end, sentence, text) in Reader(bytes).mentions()? {
                    let (excerpt_start, excerpt) =
                        sentences[rank].get(sentence).ok_or_else(corrupt)?;
                    place.mentions.push(Mention {
                        article: articles[rank].id.clone(),
                        text: text.to_owned(),
                        start,
                        end,
                        excerpt: excerpt.clone(),
                        excerpt_start: *excerpt_start,
                    });
                }
            }
            places.push(place);
        }
        Ok(PlaceCollection { articles, places })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The read-ahead gives each span the bytes a plain read gives, whatever
    /// the spans' order, overlaps, gaps and sizes.
    #[test]
    fn reading_ahead_gives_the_bytes_of_each_span() {
        let bytes: Vec<u8> = (0..1_000_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let dir = tempfile::tempdir().unwrap();
        let mut file = tempfile::tempfile_in(dir.path()).unwrap();
        file.write_all(&bytes).unwrap();
        let store = Store::Written {
            file,
            dir: dir.path().to_path_buf(),
        };
        let spans: Vec<(u64, u64)> = vec![
            (0, 10),
            (10, 20),
            (40, 5),
            (45, 0),
            (30, 15),
            (5_000, 100),
            (5_100, 300_000),
            (400_000, 1),
            (400_002, 3),
            (400_001, 4),
            (999_990, 10),
            (3, 2),
        ];
        let mut ahead = ReadAhead::default();
        let mut buffer = Vec::new();
        for s in 0..spans.len() {
            let (at, len) = spans[s];
            let got = store.read_next(&spans[s..], &mut ahead).unwrap().to_vec();
            assert_eq!(got, store.read(at, len, &mut buffer).unwrap(), "{at}+{len}");
            assert_eq!(got, bytes[at as usize..(at + len) as usize]);
        }
        // Past the end of the file: an error, not a panic.
        assert!(store.read_next(&[(999_999, 2)], &mut ahead).is_err());
        assert!(store.read_next(&[(u64::MAX, 2)], &mut ahead).is_err());
    }
}
