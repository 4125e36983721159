//! Settings and About: facts about the running app, a backup of the library, and the data
//! folder shown in the file manager.

use std::path::{Path, PathBuf};

use scrutineer_core::model::AppInfo;
use tauri::{AppHandle, State};

use super::blocking;
use crate::desktop;
use crate::error::{CommandError, CommandResult};
use crate::state::LibraryState;

/// The version and where the library lives. Answers even when the library could not be
/// opened, so the user can see which file is at fault.
#[tauri::command]
pub async fn app_info(app: AppHandle, state: State<'_, LibraryState>) -> CommandResult<AppInfo> {
    Ok(AppInfo {
        version: app.package_info().version.to_string(),
        database_path: state.path().map_or_else(unknown, display),
        data_dir: state.data_dir().map_or_else(unknown, display),
    })
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn unknown() -> String {
    "unknown (no home folder; set SCRUTINEER_DB)".to_string()
}

/// Copy the whole library to `path` while it stays in use.
#[tauri::command]
pub async fn backup_library(state: State<'_, LibraryState>, path: String) -> CommandResult<()> {
    let library = state.library()?;
    blocking(move || library.backup(PathBuf::from(path))).await
}

/// Show the folder holding the library in the system's file manager.
#[tauri::command]
pub async fn open_data_folder(state: State<'_, LibraryState>) -> CommandResult<()> {
    let folder = state.data_dir().ok_or_else(|| {
        CommandError::new(
            "not_found",
            "the library has no folder (no home folder was found)",
        )
    })?;
    desktop::reveal_folder(folder)
}
