//! Importing minutes: files and folders the user picked or dropped, the sample minutes that
//! ship with the app, and cancelling.
//!
//! An import answers at once and runs on the blocking thread pool; the window follows it by
//! events: `import-progress` ([`ImportProgress`]) after each file, in listing order, and
//! `import-done` ([`ImportSummary`]) at the end, always, even when the import is cancelled or
//! its thread panics. So the window stays responsive through a thousand-file import and never
//! waits for a "done" that will not come.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use scrutineer_core::model::{ImportProgress, ImportStatus, ImportSummary};
use scrutineer_core::store::Library;
use tauri::path::BaseDirectory;
use tauri::{AppHandle, Manager, State};

use super::emit;
use crate::desktop;
use crate::error::{codes, CommandError, CommandResult};
use crate::state::{ImportCoordinator, LibraryState};

/// Sent after each file: how far the import is and what became of the file.
pub const IMPORT_PROGRESS: &str = "import-progress";
/// Sent once at the end with every outcome.
pub const IMPORT_DONE: &str = "import-done";

/// Where the sample minutes sit among the app's resources (`bundle.resources`).
pub const SAMPLES_RESOURCE: &str = "samples/minutes";

/// Import files and folders (folders recursively).
#[tauri::command]
pub async fn import_paths(
    app: AppHandle,
    state: State<'_, LibraryState>,
    imports: State<'_, ImportCoordinator>,
    paths: Vec<String>,
) -> CommandResult<()> {
    if paths.is_empty() {
        return Err(CommandError::new("invalid", "Nothing to import."));
    }
    let paths = paths.into_iter().map(PathBuf::from).collect();
    start(app, state.library()?, &imports, paths)
}

/// Import the fictional sample minutes that ship with the app.
#[tauri::command]
pub async fn load_samples(
    app: AppHandle,
    state: State<'_, LibraryState>,
    imports: State<'_, ImportCoordinator>,
) -> CommandResult<()> {
    let library = state.library()?;
    let samples = app
        .path()
        .resolve(SAMPLES_RESOURCE, BaseDirectory::Resource)
        .map_err(|err| {
            CommandError::new(
                "not_found",
                format!("cannot find the app's resources ({err})"),
            )
        })?;
    if !samples.is_dir() {
        return Err(CommandError::new(
            "not_found",
            format!(
                "the sample minutes are not installed with this copy of Scrutineer (looked in {})",
                samples.display()
            ),
        ));
    }
    start(app, library, &imports, vec![samples])
}

/// Stop the import in flight after the files being read; what is stored stays stored.
#[tauri::command]
pub async fn cancel_import(imports: State<'_, ImportCoordinator>) -> CommandResult<()> {
    imports.cancel();
    Ok(())
}

/// Take the import slot and run the import in the background, reporting by events.
fn start(
    app: AppHandle,
    library: Library,
    imports: &ImportCoordinator,
    paths: Vec<PathBuf>,
) -> CommandResult<()> {
    let slot = imports.begin()?;
    // A thread of its own rather than the shared pool, because its priority is lowered for
    // good: the window keeps drawing smoothly while every core reads files.
    let spawned = std::thread::Builder::new()
        .name("import".into())
        .spawn(move || {
            desktop::yield_to_the_window();
            let importer = slot.importer(library);
            let mut seen = Vec::new();
            let run = catch_unwind(AssertUnwindSafe(|| {
                importer.import(&paths, &mut |progress: &ImportProgress| {
                    seen.push(progress.outcome.clone());
                    emit(&app, IMPORT_PROGRESS, progress);
                })
            }));
            let summary = run.unwrap_or_else(|_| {
                // The core turns a failing file into its outcome; reaching here is a bug. Report
                // what was stored so far rather than leave the window waiting.
                eprintln!("Scrutineer: the import stopped unexpectedly");
                summarise(std::mem::take(&mut seen))
            });
            // Free the slot before saying "done", so the window may start the next import at once.
            drop(importer);
            drop(slot);
            emit(&app, IMPORT_DONE, &summary);
        });
    // If the thread could not start, the slot went with it: the next import may try again.
    spawned.map(|_| ()).map_err(|err| {
        CommandError::new(
            codes::INTERNAL,
            format!("the import could not start ({err})"),
        )
    })
}

/// A summary of the outcomes reported so far.
fn summarise(outcomes: Vec<scrutineer_core::model::ImportOutcome>) -> ImportSummary {
    let count = |status| {
        let n = outcomes.iter().filter(|o| o.status == status).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    };
    ImportSummary {
        imported: count(ImportStatus::Imported),
        duplicates: count(ImportStatus::Duplicate),
        failed: count(ImportStatus::Failed),
        outcomes,
    }
}
