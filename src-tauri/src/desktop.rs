//! What the app asks of the desktop: to show a folder, and to let the window's drawing come
//! before background work.
//!
//! The window has no shell permission: the UI asks for "the data folder" by command, and only
//! this code decides what is opened, with which program.

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

/// Lower the calling thread's priority (nice 10) so that the window's drawing wins the CPU
/// over background work; threads and processes it starts afterwards (the importer's readers,
/// PDF workers) inherit it. The thread keeps it until it ends, since an unprivileged process may
/// not raise it again. Linux only: elsewhere the nice value belongs to the whole process.
pub fn yield_to_the_window() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes plain integers and touches no memory of ours; on Linux,
    // PRIO_PROCESS with `who` 0 names the calling thread alone. Failing leaves the priority as it
    // was, which is harmless.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, BACKGROUND_NICE);
    }
}

/// The nice value of background work: lower priority than the window, not starved.
#[cfg(target_os = "linux")]
const BACKGROUND_NICE: libc::c_int = 10;

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

    #[cfg(target_os = "linux")]
    #[test]
    fn background_work_yields_and_the_caller_does_not() {
        // SAFETY: getpriority takes plain integers; 0 names the calling thread.
        let nice = || unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
        let before = nice();
        let inside = std::thread::spawn(move || {
            yield_to_the_window();
            let own = nice();
            let child = std::thread::spawn(nice).join().expect("child thread");
            (own, child)
        })
        .join()
        .expect("background thread");
        assert_eq!(
            inside,
            (BACKGROUND_NICE.max(before), BACKGROUND_NICE.max(before)),
            "background work and the threads it starts run at the lower priority"
        );
        assert_eq!(nice(), before, "the thread that asked is not slowed");
    }

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
