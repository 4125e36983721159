//! The import pipeline: paths -> files -> ingest -> extract -> store, one outcome per file.
//!
//! Reading a file is slow (a PDF can take seconds in its worker) and independent of every other
//! file, while writing is quick and must be serial (SQLite has one writer). So worker threads
//! read, hash, ingest and extract files in parallel, and the calling thread alone writes, in
//! batched transactions, in the order the files were listed. The writer does as little as it
//! can: the pure work of storing a document (theme matching, figure classification; see
//! [`Prepared`]) is done by the reader that extracted it, so the writer mostly inserts rows. Writing in order keeps an import
//! deterministic: the same folder always gives the same ids, and of two identical files the
//! first listed is the one imported. Workers stay at most `WINDOW` files ahead of the writer,
//! so a slow file never lets parsed documents pile up in memory.
//!
//! Nothing is half-written: each document is stored whole or not at all, a file that fails
//! fails alone (the batch goes on), and cancelling stops between files.

use std::collections::{BTreeMap, HashSet};
use std::io::ErrorKind;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};

use chrono::Utc;

use crate::error::{Error, Result};
use crate::extract::extract;
use crate::ingest::{self, pdf::PdfPool, IngestConfig};
use crate::model::{
    Id, ImportOutcome, ImportProgress, ImportStatus, ImportSummary, MeetingRecord, MeetingSummary,
    SourceText,
};
use crate::store::{Inserted, Library, NewDocument, Prepared};

/// How far (in files) the readers may run ahead of the writer.
const WINDOW: usize = 64;

/// The most documents written in one transaction.
const MAX_BATCH: usize = 32;

/// Imports files and folders into a library.
pub struct Importer {
    library: Library,
    config: IngestConfig,
    pdf: Arc<PdfPool>,
    threads: usize,
    cancel: Arc<AtomicBool>,
}

impl Importer {
    /// An importer with its own PDF worker pool (from `config.pdf`) and one reader thread per
    /// core (at most 8).
    pub fn new(library: Library, config: IngestConfig) -> Importer {
        let pdf = Arc::new(config.pdf_pool());
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
        Importer {
            library,
            config,
            pdf,
            threads,
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Share a PDF worker pool with the rest of the host.
    pub fn with_pdf_pool(mut self, pdf: Arc<PdfPool>) -> Importer {
        self.pdf = pdf;
        self
    }

    /// Read with this many threads (at least one).
    pub fn with_threads(mut self, threads: usize) -> Importer {
        self.threads = threads.max(1);
        self
    }

    /// How many threads read files.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Stop when this flag is set: files being read finish and are stored, no new file starts.
    pub fn with_cancel(mut self, cancel: Arc<AtomicBool>) -> Importer {
        self.cancel = cancel;
        self
    }

    /// The flag that cancels this importer's imports.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.cancel)
    }

    /// Import files and folders (folders searched recursively in name order, skipping hidden files and [`is_clutter`]). Every file gets one
    /// outcome, reported to `progress` as soon as it is stored (or has failed), in listing
    /// order. A file that fails never stops the others.
    pub fn import(
        &self,
        paths: &[PathBuf],
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> ImportSummary {
        let files = list_files(paths);
        let total = u32::try_from(files.len()).unwrap_or(u32::MAX);
        let gate = Gate::default();
        let (tx, rx) = mpsc::channel::<(usize, Result<Parsed>)>();
        let mut summary = ImportSummary {
            imported: 0,
            duplicates: 0,
            failed: 0,
            outcomes: Vec::with_capacity(files.len()),
        };

        std::thread::scope(|scope| {
            for _ in 0..self.threads.min(files.len().max(1)) {
                let tx = tx.clone();
                let (files, gate) = (&files, &gate);
                scope.spawn(move || {
                    while let Some(index) = gate.claim(files.len(), &self.cancel) {
                        let parsed = match &files[index] {
                            Listed::File(path) => self.parse_guarded(path),
                            Listed::Unlisted(_, err) => Err(clone_error(err)),
                        };
                        if tx.send((index, parsed)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);

            // The writer: this thread, in listing order.
            let mut waiting: BTreeMap<usize, Result<Parsed>> = BTreeMap::new();
            let mut next = 0;
            while let Ok((index, parsed)) = rx.recv() {
                waiting.insert(index, parsed);
                while let Ok((index, parsed)) = rx.try_recv() {
                    waiting.insert(index, parsed);
                }
                loop {
                    let mut ready = Vec::new();
                    while ready.len() < MAX_BATCH {
                        match waiting.remove(&next) {
                            Some(parsed) => {
                                ready.push((files[next].path().to_path_buf(), parsed));
                                next += 1;
                            }
                            None => break,
                        }
                    }
                    if ready.is_empty() {
                        break;
                    }
                    for outcome in self.store(ready) {
                        match outcome.status {
                            ImportStatus::Imported => summary.imported += 1,
                            ImportStatus::Duplicate => summary.duplicates += 1,
                            ImportStatus::Failed => summary.failed += 1,
                        }
                        summary.outcomes.push(outcome);
                        progress(&ImportProgress {
                            done: u32::try_from(summary.outcomes.len()).unwrap_or(u32::MAX),
                            total,
                            outcome: summary.outcomes[summary.outcomes.len() - 1].clone(),
                        });
                    }
                    gate.written(next);
                }
            }
        });
        summary
    }

    /// [`Importer::parse`], with a panic turned into this file's failure: one bad file must
    /// not take the import (or the writer waiting for it) down.
    fn parse_guarded(&self, path: &Path) -> Result<Parsed> {
        catch_unwind(AssertUnwindSafe(|| self.parse(path))).unwrap_or_else(|panic| {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".into());
            Err(Error::Invalid(format!("reading this file crashed ({why})")))
        })
    }

    /// Read, hash, ingest and extract one file. A file whose bytes are already stored is not
    /// ingested again.
    fn parse(&self, path: &Path) -> Result<Parsed> {
        let (format, bytes) = read_file(path, &self.config)?;
        let sha256 = ingest::sha256_hex(&bytes);
        if let Some(id) = self.library.find_by_sha256(&sha256)? {
            return Ok(Parsed::Known(id));
        }
        let source = ingest::ingest(path, &bytes, format, &self.pdf)?;
        let record = extract(&source);
        let doc = NewDocument {
            sha256,
            file_name: file_name(path),
            path: path.to_string_lossy().into_owned(),
            bytes: bytes.len() as u64,
            imported_at: Utc::now(),
            source,
            record,
        };
        // Without it (the codebook could not be read) the writer does this work itself.
        let prepared = self.library.prepare_document(&doc).ok();
        Ok(Parsed::New(Box::new((doc, prepared))))
    }

    /// Write parsed files in one transaction; one outcome each, in order.
    fn store(&self, ready: Vec<(PathBuf, Result<Parsed>)>) -> Vec<ImportOutcome> {
        let written = self.library.write_batch(|batch| {
            let mut results = Vec::with_capacity(ready.len());
            for (_, parsed) in &ready {
                results.push(match parsed {
                    Ok(Parsed::New(new)) => batch.insert_prepared(&new.0, new.1.as_ref()),
                    Ok(Parsed::Known(id)) => Ok(Inserted::Duplicate(*id)),
                    Err(e) => Err(clone_error(e)),
                });
            }
            Ok(results)
        });
        match written {
            Ok(results) => ready
                .iter()
                .zip(results)
                .map(|((path, _), result)| self.outcome(path, result))
                .collect(),
            // The transaction itself failed (disk full, database locked): nothing of it stayed.
            Err(e) => ready
                .iter()
                .map(|(path, parsed)| match parsed {
                    Err(own) => self.outcome(path, Err(clone_error(own))),
                    Ok(_) => self.outcome(path, Err(clone_error(&e))),
                })
                .collect(),
        }
    }

    fn outcome(&self, path: &Path, result: Result<Inserted>) -> ImportOutcome {
        let path_text = path.to_string_lossy().into_owned();
        match result {
            Ok(Inserted::New(meeting)) => ImportOutcome {
                path: path_text,
                status: ImportStatus::Imported,
                document_id: Some(meeting.id),
                code: None,
                message: describe(&meeting),
                meeting: Some(meeting),
            },
            Ok(Inserted::Duplicate(id)) => ImportOutcome {
                path: path_text,
                status: ImportStatus::Duplicate,
                document_id: Some(id),
                code: None,
                message: format!("same as #{id}"),
                meeting: self.library.meeting_summary(id).ok(),
            },
            Err(e) => ImportOutcome {
                path: path_text,
                status: ImportStatus::Failed,
                document_id: None,
                code: Some(e.code().to_string()),
                message: e.to_string(),
                meeting: None,
            },
        }
    }
}

/// What a reader thread hands the writer.
enum Parsed {
    /// New bytes, read and extracted, with the pure work of storing them done.
    New(Box<(NewDocument, Option<Prepared>)>),
    /// Bytes already in the library, as this document.
    Known(Id),
}

/// Hands out file indexes to reader threads, keeping them within [`WINDOW`] of the writer.
#[derive(Default)]
struct Gate {
    state: Mutex<GateState>,
    moved: Condvar,
}

#[derive(Default)]
struct GateState {
    next: usize,
    written: usize,
}

impl Gate {
    /// The next file to read, or `None` when all are handed out or the import is cancelled.
    fn claim(&self, files: usize, cancel: &AtomicBool) -> Option<usize> {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        loop {
            if cancel.load(Ordering::Relaxed) || state.next >= files {
                return None;
            }
            if state.next < state.written + WINDOW {
                state.next += 1;
                return Some(state.next - 1);
            }
            state = self
                .moved
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    /// The writer has stored every file before `upto`.
    fn written(&self, upto: usize) {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        state.written = upto;
        self.moved.notify_all();
    }
}

/// A listed path: a file to read, or a path that could not even be listed (a folder that may
/// not be read, a path that does not exist), which fails with its reason.
enum Listed {
    File(PathBuf),
    Unlisted(PathBuf, Error),
}

impl Listed {
    fn path(&self) -> &Path {
        match self {
            Listed::File(p) | Listed::Unlisted(p, _) => p,
        }
    }
}

/// Expand files and folders into the files to import: folders recursively, each folder's
/// entries sorted by name, skipping hidden files and folders and operating-system clutter
/// (see [`is_clutter`]). A path given explicitly is always listed, even if hidden.
fn list_files(paths: &[PathBuf]) -> Vec<Listed> {
    let mut out = Vec::new();
    let mut seen_dirs = HashSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut out, &mut seen_dirs),
            Ok(_) => out.push(Listed::File(path.clone())),
            Err(e) if e.kind() == ErrorKind::NotFound && !is_symlink(path) => {
                out.push(Listed::Unlisted(
                    path.clone(),
                    Error::NotFound("no such file or folder".into()),
                ))
            }
            Err(e) => out.push(Listed::Unlisted(path.clone(), listing_error(path, e))),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Listed>, seen_dirs: &mut HashSet<PathBuf>) {
    // A folder reached twice (a symlink loop, or given twice) is listed once.
    if let Ok(real) = std::fs::canonicalize(dir) {
        if !seen_dirs.insert(real) {
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Listed::Unlisted(dir.to_path_buf(), io_error(dir, e)));
            return;
        }
    };
    let mut names: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    names.sort();
    for name in names {
        if is_clutter(&name.to_string_lossy()) {
            continue;
        }
        let path = dir.join(&name);
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, out, seen_dirs),
            Ok(meta) if meta.is_file() => out.push(Listed::File(path)),
            // A named pipe, socket or device is not a document; it is reported rather than
            // skipped, so a file that looks like minutes never goes missing without a word.
            Ok(meta) => out.push(Listed::Unlisted(path, not_a_file(&meta))),
            Err(e) => {
                let err = listing_error(&path, e);
                out.push(Listed::Unlisted(path, err));
            }
        }
    }
}

/// Names a folder search skips: hidden files and folders (`.DS_Store`, `.git`, macOS `._`
/// resource forks), Windows thumbnails and folder settings, Office lock files (`~$report.docx`),
/// editor backups (`minutes.txt~`) and macOS archive clutter (`__MACOSX`).
pub fn is_clutter(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || matches!(
            lower.as_str(),
            "thumbs.db" | "ehthumbs.db" | "desktop.ini" | "__macosx"
        )
}

/// Read one file for import, refusing early what cannot be a document: an unsupported type
/// (before reading a byte), an empty file, a file over the size limit.
fn read_file(path: &Path, config: &IngestConfig) -> Result<(crate::model::SourceFormat, Vec<u8>)> {
    let format = ingest::format_of(path)?;
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    if !meta.is_file() {
        return Err(not_a_file(&meta));
    }
    check_size(meta.len(), config)?;
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    // The file may have changed since its size was read.
    check_size(bytes.len() as u64, config)?;
    Ok((format, bytes))
}

/// An empty file has nothing to read; anything over the configured size is refused unread.
fn check_size(bytes: u64, config: &IngestConfig) -> Result<()> {
    if bytes == 0 {
        return Err(Error::EmptyFile);
    }
    ingest::check_size(bytes, config)
}

/// Why a path that exists is not a file to read. Opening a named pipe would wait for a writer
/// forever, so special files are refused from their metadata, unopened.
fn not_a_file(meta: &std::fs::Metadata) -> Error {
    let file_type = meta.file_type();
    let what = if file_type.is_dir() {
        "a folder"
    } else {
        special_file_kind(&file_type)
    };
    Error::Unreadable(format!("{what}, not a file"))
}

#[cfg(unix)]
fn special_file_kind(file_type: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a named pipe"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_file_kind(_file_type: &std::fs::FileType) -> &'static str {
    "a special file"
}

fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// An error met while listing: a link whose target is missing is named as a broken link (it
/// did not vanish during the import; it never pointed anywhere), anything else as
/// [`io_error`].
fn listing_error(path: &Path, e: std::io::Error) -> Error {
    if e.kind() == ErrorKind::NotFound && is_symlink(path) {
        return Error::Unreadable("a broken link: the file it points to does not exist".into());
    }
    io_error(path, e)
}

/// An I/O error as an import failure that names its reason.
fn io_error(path: &Path, e: std::io::Error) -> Error {
    match e.kind() {
        ErrorKind::NotFound => Error::Vanished,
        ErrorKind::PermissionDenied => Error::Unreadable("permission denied".into()),
        _ => Error::io(path, e),
    }
}

/// Errors are not `Clone` (they may hold I/O and SQLite errors); an outcome needs only the
/// code and message, so a failure shared by several files is carried over as that.
fn clone_error(e: &Error) -> Error {
    match e {
        Error::UnsupportedType(s) => Error::UnsupportedType(s.clone()),
        Error::EmptyFile => Error::EmptyFile,
        Error::TooLarge { bytes, limit } => Error::TooLarge {
            bytes: *bytes,
            limit: *limit,
        },
        Error::TooManyPages { pages, limit } => Error::TooManyPages {
            pages: *pages,
            limit: *limit,
        },
        Error::PdfEncrypted => Error::PdfEncrypted,
        Error::PdfNoText => Error::PdfNoText,
        Error::PdfMalformed(s) => Error::PdfMalformed(s.clone()),
        Error::PdfCrashed(s) => Error::PdfCrashed(s.clone()),
        Error::PdfTimeout(s) => Error::PdfTimeout(*s),
        Error::NotText(s) => Error::NotText(s.clone()),
        Error::Unreadable(s) => Error::Unreadable(s.clone()),
        Error::Vanished => Error::Vanished,
        Error::Io { path, source } => Error::Io {
            path: path.clone(),
            source: std::io::Error::new(source.kind(), source.to_string()),
        },
        Error::SchemaTooNew { found, known } => Error::SchemaTooNew {
            found: *found,
            known: *known,
        },
        Error::NotFound(s) => Error::NotFound(s.clone()),
        Error::Invalid(s) => Error::Invalid(s.clone()),
        Error::InvalidQuery(s) => Error::InvalidQuery(s.clone()),
        Error::Db(inner) => Error::Db(rusqlite::Error::ToSqlConversionFailure(
            inner.to_string().into(),
        )),
        Error::Migration(inner) => Error::Db(rusqlite::Error::ToSqlConversionFailure(
            inner.to_string().into(),
        )),
    }
}

/// The one-line description of an imported meeting: council · committee · date · items.
pub fn describe(m: &MeetingSummary) -> String {
    let items = match m.item_count {
        1 => "1 item".to_string(),
        n => format!("{n} items"),
    };
    format!(
        "{} · {} · {} · {items}",
        m.council.as_deref().unwrap_or("council not found"),
        m.committee.as_deref().unwrap_or("committee not found"),
        m.date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "undated".into()),
    )
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

/// Read and extract one file without storing it (`scrutineer extract`).
pub fn extract_file(
    path: &Path,
    config: &IngestConfig,
    pdf: &PdfPool,
) -> Result<(SourceText, MeetingRecord)> {
    let (format, bytes) = read_file(path, config)?;
    let source = ingest::ingest(path, &bytes, format, pdf)?;
    let record = extract(&source);
    Ok((source, record))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_failures_name_their_reason() {
        let path = Path::new("minutes.txt");
        let cases = [
            (ErrorKind::PermissionDenied, "unreadable"),
            (ErrorKind::NotFound, "vanished"),
            (ErrorKind::InvalidData, "io"),
        ];
        for (kind, code) in cases {
            let err = io_error(path, std::io::Error::new(kind, "test"));
            assert_eq!(err.code(), code, "{kind:?} must fail as {code}");
        }
    }

    #[test]
    fn a_cloned_error_keeps_its_code_and_message() {
        let errors = [
            Error::TooLarge { bytes: 9, limit: 8 },
            Error::PdfEncrypted,
            Error::Unreadable("permission denied".into()),
            Error::io("x.txt", std::io::Error::other("disk on fire")),
        ];
        for e in &errors {
            let copy = clone_error(e);
            assert_eq!((copy.code(), copy.to_string()), (e.code(), e.to_string()));
        }
    }
}
