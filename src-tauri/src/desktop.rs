//! Asking the desktop to show a folder. The window has no shell permission: the UI asks for
//! "the data folder" by command, and only this code decides what is opened, with which program.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::error::{CommandError, CommandResult};

/// The app's code for "the desktop could not show it": no file manager could be started.
pub const NO_FILE_MANAGER: &str = "no_file_manager";

/// Show `folder` in the system's file manager. Returns once the opener has started; it is
/// reaped in the background so no zombie process is left.
pub fn reveal_folder(folder: &Path) -> CommandResult<()> {
    if !folder.is_dir() {
        return Err(CommandError::new(
            "not_found",
            format!("the folder {} does not exist", folder.display()),
        ));
    }
    let program = opener();
    let mut child = Command::new(program)
        .arg(folder)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|err| {
            CommandError::new(
                NO_FILE_MANAGER,
                format!(
                    "no file manager could be started ({program}: {err}); the folder is {}",
                    folder.display()
                ),
            )
        })?;
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

/// The program that opens a folder in the file manager on this platform.
fn opener() -> &'static str {
    if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_refused_before_any_program_runs() {
        let dir = tempfile::tempdir().expect("temp dir");
        let gone = dir.path().join("not-here");
        let err = reveal_folder(&gone).expect_err("a missing folder cannot be shown");
        assert_eq!(
            err.code, "not_found",
            "the UI says it is no longer there: {err}"
        );
    }
}
