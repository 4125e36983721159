//! What the app holds while it runs: the library (or why it could not be opened) and the one
//! import that may be in flight.
//!
//! The library is opened at start. If that fails (a library made by a newer Scrutineer, a file
//! that is not a library, a folder that may not be written) the window still opens: every
//! command that needs the library answers with the reason and its code, while `app_info` keeps
//! working, so the user sees what went wrong and where the file is instead of a blank window.
//! Each such command tries to open the library again first, so once the user has moved the file
//! aside (or upgraded), "Try again" works without restarting. The opened handle is read without
//! a lock; only the failure path takes one.
//!
//! Imports run one at a time, because the library has one writer and two imports racing for it
//! would only interleave. The coordinator hands out the single slot and the flag that cancels
//! the import holding it; the slot frees itself when the import ends, even by a panic.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use scrutineer_core::import::Importer;
use scrutineer_core::ingest::pdf::{PdfPool, WorkerCommand, WORKER_ARG};
use scrutineer_core::ingest::IngestConfig;
use scrutineer_core::store::{self, Library};

use crate::error::{codes, CommandError, CommandResult};

/// The library, opened at start, or the reason it could not be.
pub struct LibraryState {
    /// The library file, when a location could be worked out at all.
    path: Option<PathBuf>,
    /// Set once the library has opened; handles are cloned from it without a lock.
    opened: OnceLock<Library>,
    /// Why the last attempt to open it failed. Locked only while the library is not open.
    failure: Mutex<Option<CommandError>>,
}

impl LibraryState {
    /// Open the library where the CLI would (`$SCRUTINEER_DB`, else the platform data folder).
    pub fn open_default() -> LibraryState {
        match store::default_library_path() {
            Ok(path) => LibraryState::open(path),
            Err(err) => LibraryState {
                path: None,
                opened: OnceLock::new(),
                failure: Mutex::new(Some(err.into())),
            },
        }
    }

    /// Open the library at `path`, keeping the failure (with its code) if it cannot be opened.
    pub fn open(path: PathBuf) -> LibraryState {
        // Settings shows the path, and the file manager needs a real folder: make it absolute.
        let path = std::path::absolute(&path).unwrap_or(path);
        let opened = OnceLock::new();
        let failure = match try_open(&path) {
            Ok(library) => {
                let _ = opened.set(library);
                None
            }
            Err(err) => Some(err),
        };
        LibraryState {
            path: Some(path),
            opened,
            failure: Mutex::new(failure),
        }
    }

    /// A handle on the library (cheap: handles share their connections), or why there is none.
    pub fn library(&self) -> CommandResult<Library> {
        if let Some(library) = self.opened.get() {
            return Ok(library.clone());
        }
        let mut failure = self
            .failure
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Another command may have opened it while this one waited.
        if let Some(library) = self.opened.get() {
            return Ok(library.clone());
        }
        let Some(path) = &self.path else {
            return Err(failure.clone().unwrap_or_else(|| {
                CommandError::new("not_found", "no place for the library was found")
            }));
        };
        match try_open(path) {
            Ok(library) => Ok(self.opened.get_or_init(|| library).clone()),
            Err(err) => {
                *failure = Some(err.clone());
                Err(err)
            }
        }
    }

    /// The library file, opened or not.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The folder holding the library file.
    pub fn data_dir(&self) -> Option<&Path> {
        self.path().and_then(Path::parent)
    }
}

/// Open the library at `path`, naming what is wrong with the file when it cannot serve as one.
fn try_open(path: &Path) -> CommandResult<Library> {
    Library::open(path).map_err(|err| {
        eprintln!(
            "Scrutineer cannot open the library {}: {err}",
            path.display()
        );
        match err {
            scrutineer_core::Error::Invalid(why) => CommandError::new(codes::LIBRARY_UNUSABLE, why),
            other => CommandError::from(other),
        }
    })
}

/// Ingest settings for the app: PDFs are read by this executable re-run as a worker.
pub fn ingest_config() -> IngestConfig {
    let mut config = IngestConfig::default();
    let worker = WorkerCommand::current_exe().unwrap_or_else(|err| {
        // Never read PDFs in this process: fall back to the installed program on the PATH,
        // which fails only the PDFs if it is not there either.
        eprintln!("Scrutineer cannot find its own program ({err}); PDF workers use the PATH");
        WorkerCommand::new("scrutineer-app", &[WORKER_ARG])
    });
    config.pdf.worker = Some(worker);
    config
}

/// One import at a time, and the means to cancel it. Clones share the slot.
#[derive(Clone)]
pub struct ImportCoordinator {
    inner: Arc<Coordinator>,
}

struct Coordinator {
    config: IngestConfig,
    /// Shared by every import, so PDF workers started once are reused.
    pdf: Arc<PdfPool>,
    /// The cancel flag of the import in flight; `None` when none is.
    current: Mutex<Option<Arc<AtomicBool>>>,
}

impl ImportCoordinator {
    pub fn new(config: IngestConfig) -> ImportCoordinator {
        let pdf = Arc::new(config.pdf_pool());
        ImportCoordinator {
            inner: Arc::new(Coordinator {
                config,
                pdf,
                current: Mutex::new(None),
            }),
        }
    }

    /// Take the import slot, or refuse (code `invalid`) while another import holds it.
    pub fn begin(&self) -> CommandResult<ImportSlot> {
        let mut current = self.lock();
        if current.is_some() {
            return Err(CommandError::new(
                "invalid",
                "An import is already running; wait for it to finish or cancel it.",
            ));
        }
        let cancel = Arc::new(AtomicBool::new(false));
        *current = Some(Arc::clone(&cancel));
        Ok(ImportSlot {
            owner: self.clone(),
            cancel,
        })
    }

    /// Ask the import in flight to stop after the files being read. Returns whether one was
    /// running.
    pub fn cancel(&self) -> bool {
        match self.lock().as_ref() {
            Some(flag) => {
                flag.store(true, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }

    /// Whether an import holds the slot.
    pub fn running(&self) -> bool {
        self.lock().is_some()
    }

    fn lock(&self) -> MutexGuard<'_, Option<Arc<AtomicBool>>> {
        // A panic while holding this lock leaves nothing half-done: the slot is one Option.
        self.inner
            .current
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The import slot, held for the length of one import; dropping it frees the slot.
pub struct ImportSlot {
    owner: ImportCoordinator,
    cancel: Arc<AtomicBool>,
}

impl ImportSlot {
    /// An importer into `library` that stops when this import is cancelled.
    pub fn importer(&self, library: Library) -> Importer {
        Importer::new(library, self.owner.inner.config.clone())
            .with_pdf_pool(Arc::clone(&self.owner.inner.pdf))
            .with_cancel(Arc::clone(&self.cancel))
    }
}

impl Drop for ImportSlot {
    fn drop(&mut self) {
        *self.owner.lock() = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_import_holds_the_slot() {
        let imports = ImportCoordinator::new(IngestConfig::default());
        let slot = imports
            .begin()
            .expect("the first import takes the free slot");
        let Err(refused) = imports.begin() else {
            panic!("a second import must wait for the first");
        };
        assert_eq!(
            refused.code, "invalid",
            "the UI shows the refusal as an invalid request"
        );
        assert!(imports.running());
        drop(slot);
        assert!(!imports.running(), "ending an import frees the slot");
        assert!(imports.begin().is_ok(), "and the next import may start");
    }

    #[test]
    fn cancel_reaches_the_import_in_flight_only() {
        let imports = ImportCoordinator::new(IngestConfig::default());
        assert!(!imports.cancel(), "nothing to cancel when no import runs");
        let first = imports.begin().expect("free slot");
        assert!(imports.cancel());
        assert!(
            first.cancel.load(Ordering::Relaxed),
            "the running import sees the flag"
        );
        drop(first);
        let second = imports.begin().expect("free slot");
        assert!(
            !second.cancel.load(Ordering::Relaxed),
            "a cancel of an earlier import must not stop the next one"
        );
    }

    #[test]
    fn a_library_that_cannot_open_keeps_its_reason_and_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("library.db");
        std::fs::write(&path, b"this is not a SQLite database, just words").expect("write");
        let state = LibraryState::open(path.clone());
        let err = state
            .library()
            .expect_err("a non-library file must not open");
        assert_eq!(
            err.code, "library_unusable",
            "the reason names the file's problem: {err}"
        );
        assert!(
            err.message.contains("not a Scrutineer library"),
            "and keeps the core's words: {err}"
        );
        assert_eq!(
            state.path(),
            Some(path.as_path()),
            "Settings still shows where it is"
        );
        assert_eq!(
            state.data_dir(),
            Some(dir.path()),
            "and the folder it is in"
        );
    }

    #[test]
    fn the_library_opens_on_a_later_try_once_the_bad_file_is_moved_aside() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("library.db");
        std::fs::write(&path, b"not a database").expect("write");
        let state = LibraryState::open(path.clone());
        assert!(state.library().is_err(), "the bad file does not open");
        assert!(
            state.library().is_err(),
            "nor on a second try while it is there"
        );
        std::fs::rename(&path, dir.path().join("moved-aside.db")).expect("move");
        let library = state
            .library()
            .expect("with the file moved aside, a fresh library opens");
        assert!(library.stats().is_ok(), "and answers");
        assert!(state.library().is_ok(), "and stays open");
    }
}
