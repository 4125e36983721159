//! The library: a SQLite file holding documents, meeting records, paragraphs (with an FTS5
//! index), the user's codebook, and theme hits with their pre-aggregated counts.
//!
//! [`Library`] is a cheap-to-clone handle. One writer connection takes writes (one document =
//! one transaction: all of its records or none); reads use their own connections from a small
//! pool, so the UI can read while an import writes. That only works because every file
//! connection runs in WAL mode: readers see the last committed state and never wait for the
//! writer. An in-memory library (for tests) has a single connection that reads and writes.
//!
//! SQL stays inside this module and is always parameterised. The submodules split the work by
//! table family: `schema` (migrations), `documents` (insert, delete, re-extract), `meetings`
//! (summaries, detail, corrections, stats), `search` (FTS5 queries built from user text),
//! `themes` (the codebook, theme hits and their pre-aggregated counts, kept current in the
//! transaction of every change) and `rows` (the rows analyses read, loaded by scope).

mod actions;
pub mod documents;
mod meetings;
mod outlines;
mod rows;
mod schema;
mod search;
mod themes;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};

pub use documents::{DocumentBatch, Inserted, NewDocument, Prepared, Reextract};
pub use meetings::REVIEW_THRESHOLD;
pub(crate) use outlines::KEPT as OUTLINE_KEPT;
pub(crate) use rows::{Bounds, Filter, Snapshot, Tier};
pub use schema::{MIGRATIONS, SCHEMA_VERSION};
pub use search::{fts_query, RANKED_CANDIDATES};
pub(crate) use themes::ThemeIndex;

/// How long a connection waits for a lock held by another connection before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Idle reader connections kept for reuse; more are opened when needed and closed after use.
const IDLE_READERS: usize = 4;

/// The environment variable that names the library file, for the app and the CLI alike.
pub const LIBRARY_ENV: &str = "SCRUTINEER_DB";

/// Where the library lives unless told otherwise: `$SCRUTINEER_DB`, else `library.db` in the
/// platform's data directory for Scrutineer (e.g. `~/.local/share/scrutineer/` on Linux).
pub fn default_library_path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os(LIBRARY_ENV) {
        if !path.is_empty() {
            return Ok(PathBuf::from(path));
        }
    }
    directories::ProjectDirs::from("app", "Scrutineer", "Scrutineer")
        .map(|dirs| dirs.data_dir().join("library.db"))
        .ok_or_else(|| {
            Error::Invalid(format!(
                "cannot find a home directory for the library; set {LIBRARY_ENV} to a file path"
            ))
        })
}

/// A handle on the library. Clones share the same connections; it is `Send + Sync`.
#[derive(Clone)]
pub struct Library {
    inner: Arc<Inner>,
}

struct Inner {
    /// The file, or `None` for an in-memory library.
    path: Option<PathBuf>,
    /// The one connection that writes. For an in-memory library it also reads.
    writer: Mutex<Connection>,
    /// Idle reader connections (file libraries only).
    readers: Mutex<Vec<Connection>>,
    /// The codebook as last compiled for matching new paragraphs.
    themes: themes::ThemeCache,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library")
            .field("path", &self.inner.path)
            .finish_non_exhaustive()
    }
}

impl Library {
    /// Open (or create) the library at `path`, creating its folder if needed, and bring its
    /// schema up to date. A library made by a newer Scrutineer is refused with
    /// [`Error::SchemaTooNew`] and left untouched.
    pub fn open(path: impl AsRef<Path>) -> Result<Library> {
        let path = path.as_ref();
        if let Some(parent) = path.parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
        }
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Look before touching anything: switching to WAL or migrating writes to the file.
        refuse_newer_schema(&conn, path)?;
        configure(&conn, true)?;
        migrate(&mut conn)?;
        themes::prepare(&mut conn)?;
        actions::prepare(&mut conn)?;
        outlines::prepare(&mut conn)?;
        Ok(Library {
            inner: Arc::new(Inner {
                path: Some(path.to_path_buf()),
                writer: Mutex::new(conn),
                readers: Mutex::new(Vec::new()),
                themes: Mutex::new(None),
            }),
        })
    }

    /// A library that lives in memory and vanishes with its last handle (tests, previews).
    /// It has a single connection, so reads wait for writes.
    pub fn open_in_memory() -> Result<Library> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn, false)?;
        migrate(&mut conn)?;
        themes::prepare(&mut conn)?;
        actions::prepare(&mut conn)?;
        outlines::prepare(&mut conn)?;
        Ok(Library {
            inner: Arc::new(Inner {
                path: None,
                writer: Mutex::new(conn),
                readers: Mutex::new(Vec::new()),
                themes: Mutex::new(None),
            }),
        })
    }

    /// The library file, or `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.inner.path.as_deref()
    }

    /// Run `f` on a reader connection. It sees the last committed state and never waits for
    /// the writer (except in memory, where there is only one connection).
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let Some(path) = &self.inner.path else {
            let conn = self.lock_writer();
            return f(&conn);
        };
        let idle = lock(&self.inner.readers).pop();
        let conn = match idle {
            Some(conn) => conn,
            None => open_reader(path)?,
        };
        let result = f(&conn);
        let mut idle = lock(&self.inner.readers);
        if idle.len() < IDLE_READERS {
            idle.push(conn);
        }
        result
    }

    /// The codebook compiled for matching, current as of `conn`'s view of the library.
    pub(crate) fn theme_index(&self, conn: &Connection) -> Result<Arc<themes::ThemeIndex>> {
        themes::index(conn, &self.inner.themes)
    }

    /// Run `f` with the writer connection, one writer at a time.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.lock_writer();
        f(&mut conn)
    }

    /// Write several documents in one transaction, which is much faster than one transaction
    /// each. Every document stays whole: one that fails is rolled back alone (see
    /// [`DocumentBatch::insert`]); if `f` returns an error, or the commit fails, nothing of the
    /// batch is stored.
    pub fn write_batch<T>(&self, f: impl FnOnce(&mut DocumentBatch<'_>) -> Result<T>) -> Result<T> {
        self.write(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let index = themes::index(&tx, &self.inner.themes)?;
            let mut batch = DocumentBatch::new(tx, index);
            let out = f(&mut batch)?;
            batch.commit()?;
            Ok(out)
        })
    }

    /// Copy the whole library to `to` with SQLite's online backup, while it stays in use. The
    /// copy is written beside `to` and renamed into place, so `to` is either the old file or a
    /// complete backup. The copy is a single self-contained file (rollback journal, not WAL).
    pub fn backup(&self, to: impl AsRef<Path>) -> Result<()> {
        let to = to.as_ref();
        if let (Some(own), Ok(target)) = (self.path(), std::fs::canonicalize(to)) {
            if std::fs::canonicalize(own).ok().as_deref() == Some(target.as_path()) {
                return Err(Error::Invalid(
                    "the backup would overwrite the library itself; choose another file".into(),
                ));
            }
        }
        if let Some(parent) = to.parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
        }
        let mut partial = to.as_os_str().to_owned();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let _ = std::fs::remove_file(&partial);
        let copied = self.read(|conn| {
            let mut copy = Connection::open(&partial)?;
            {
                // All pages in one step, from one read snapshot. Copied in chunks, a backup
                // starts again whenever another connection commits between two chunks, so
                // during an import of a large library it would never finish; a snapshot does
                // not block the writer (WAL).
                let backup = rusqlite::backup::Backup::new(conn, &mut copy)?;
                match backup.step(-1)? {
                    rusqlite::backup::StepResult::Done => {}
                    other => {
                        return Err(Error::Invalid(format!(
                            "the backup could not copy the library ({other:?}); try again"
                        )))
                    }
                }
            }
            copy.pragma_update(None, "journal_mode", "DELETE")?;
            Ok(())
        });
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        std::fs::rename(&partial, to).map_err(|e| Error::io(to, e))
    }

    fn lock_writer(&self) -> MutexGuard<'_, Connection> {
        lock(&self.inner.writer)
    }
}

/// Lock a mutex, recovering it if a thread panicked while holding it: a connection stays
/// usable (SQLite rolled back any open transaction when its guard was dropped).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The per-connection settings every connection gets.
fn configure(conn: &Connection, file: bool) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Storing one document runs some thirty distinct cached statements (rows, themes,
    // aggregates, outline, actions); with rusqlite's default cache of 16 they would evict each
    // other and every document would compile them all again.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    if file {
        let mode = switch_to_wal(conn)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Invalid(format!(
                "the library cannot use write-ahead logging (journal mode is {mode}); is it on a network drive?"
            )));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Put the library in write-ahead-logging mode, returning the journal mode it is in.
///
/// Leaving the rollback journal needs an exclusive lock that SQLite takes without calling the
/// busy handler, so when another program is reading or switching the same new library at that
/// moment the pragma fails at once with `SQLITE_BUSY` whatever the busy timeout. It is tried
/// again until the busy timeout has passed, as any other lock would be waited for.
fn switch_to_wal(conn: &Connection) -> Result<String> {
    let started = std::time::Instant::now();
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0)) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            other => return Ok(other?),
        }
    }
}

/// Prepared statements kept per connection.
const STATEMENT_CACHE: usize = 128;

/// How much of a library file each reader maps into memory.
const READER_MMAP_BYTES: i64 = 1 << 30;

fn open_reader(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    configure(&conn, true)?;
    // Readers never write; SQLite enforces it.
    conn.pragma_update(None, "query_only", "ON")?;
    // Dashboards read rows scattered over the file (a meeting's key figures, its outline):
    // through a memory map a page already in the OS cache costs no system call, which at
    // library scale is most of a whole-library view's time. Pages are the OS's to evict.
    conn.pragma_update(None, "mmap_size", READER_MMAP_BYTES)?;
    Ok(conn)
}

/// Refuse a library whose schema is newer than this build knows, or a file that is not a
/// SQLite database at all, without changing it.
fn refuse_newer_schema(conn: &Connection, path: &Path) -> Result<()> {
    let found: i64 = match conn.query_row("PRAGMA user_version", [], |row| row.get(0)) {
        Ok(v) => v,
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(Error::Invalid(format!(
                "{} is not a Scrutineer library (not a SQLite database)",
                path.display()
            )));
        }
        Err(e) => return Err(e.into()),
    };
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Bring the schema up to date, safely when another process opens the same library at once
/// (the app and a CLI script started together, or two imports).
///
/// `rusqlite_migration` reads the schema version before it begins its transaction, so two
/// processes can both decide to migrate, and the second then fails on the tables the first has
/// just created. So its transactions take the write lock as they begin (waiting for the other
/// process's migration to commit), and when a migration fails the version is read again: a
/// library another process has brought up to date meanwhile is left as it is, and one it has
/// brought part of the way is migrated on from there.
fn migrate(conn: &mut Connection) -> Result<()> {
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    let mut result = Ok(());
    for _ in 0..=SCHEMA_VERSION {
        let before = schema_version(conn);
        result = MIGRATIONS.to_latest(conn);
        let after = schema_version(conn);
        if result.is_ok() || after == Some(SCHEMA_VERSION) {
            result = Ok(());
            break;
        }
        // Unless another process moved the version on meanwhile, the failure is this
        // library's own.
        if after == before {
            break;
        }
    }
    conn.set_transaction_behavior(TransactionBehavior::Deferred);
    result.map_err(|e| match e {
        rusqlite_migration::Error::MigrationDefinition(
            rusqlite_migration::MigrationDefinitionError::DatabaseTooFarAhead,
        ) => {
            let found = conn
                .query_row("PRAGMA user_version", [], |row| row.get(0))
                .unwrap_or(SCHEMA_VERSION + 1);
            Error::SchemaTooNew {
                found,
                known: SCHEMA_VERSION,
            }
        }
        other => Error::Migration(other),
    })
}

/// The schema version a library file records, if it can be read.
fn schema_version(conn: &Connection) -> Option<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
        .ok()
}
