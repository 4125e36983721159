//! The commands the window calls, one file per area of the UI. Each command is an adapter:
//! it unpacks state, makes one call into the core and maps the error to `{code, message}`.
//! Core calls run on the blocking thread pool ([`blocking`]), never on the main thread (which
//! draws the window) nor on the async workers (which carry IPC).

pub mod analysis;
pub mod import;
pub mod library;
pub mod names;
pub mod settings;

use tauri::{AppHandle, Emitter};

use crate::error::{codes, CommandError, CommandResult};

/// Run a core call on the blocking thread pool and map its error for the UI.
pub(crate) async fn blocking<T, F>(call: F) -> CommandResult<T>
where
    F: FnOnce() -> scrutineer_core::Result<T> + Send + 'static,
    T: Send + 'static,
{
    match tauri::async_runtime::spawn_blocking(call).await {
        Ok(result) => result.map_err(CommandError::from),
        Err(err) => Err(CommandError::new(
            codes::INTERNAL,
            format!("the work behind this request stopped unexpectedly ({err})"),
        )),
    }
}

/// Send an event to the window. A failure (the window closing) never stops the work.
pub(crate) fn emit<T: serde::Serialize>(app: &AppHandle, event: &str, payload: &T) {
    if let Err(err) = app.emit(event, payload) {
        eprintln!("Scrutineer: cannot send {event}: {err}");
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::names::COMMANDS;

    const CONFIG: &str = include_str!("../../../tauri.conf.json");
    const UI_CLIENT: &str = include_str!("../../../ui/src/api/tauri.ts");

    fn commands() -> BTreeSet<String> {
        COMMANDS.iter().map(|c| c.to_string()).collect()
    }

    /// The command names the UI's client passes to `call('…')`.
    fn ui_calls() -> BTreeSet<String> {
        UI_CLIENT
            .split("call('")
            .skip(1)
            .filter_map(|rest| rest.split('\'').next())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_main_window_is_granted_exactly_the_registered_commands() {
        let config: serde_json::Value = serde_json::from_str(CONFIG).expect("tauri.conf.json");
        let granted: BTreeSet<String> = config["app"]["security"]["capabilities"][0]["permissions"]
            .as_array()
            .expect("the main window's capability lists permissions")
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect();
        assert_eq!(
            granted,
            commands(),
            "tauri.conf.json must grant allow-<command> for every command in names.rs, and no other"
        );
    }

    #[test]
    fn every_command_the_ui_calls_is_served() {
        let served = commands();
        let calls = ui_calls();
        assert!(
            calls.len() > 10,
            "the UI client's calls were found: {calls:?}"
        );
        let missing: Vec<_> = calls.difference(&served).collect();
        assert!(
            missing.is_empty(),
            "the UI calls commands the app does not register: {missing:?}"
        );
        let unused: Vec<_> = commands()
            .into_iter()
            .filter(|c| !calls.contains(c))
            .collect();
        assert!(
            unused.is_empty(),
            "commands nobody calls should not be granted: {unused:?}"
        );
    }

    /// One version for everything shipped: the app (which reports it in About), the CLI
    /// (`scrutineer --version`), the core, and the UI's package.
    #[test]
    fn app_cli_core_and_ui_share_one_version() {
        let version = env!("CARGO_PKG_VERSION");
        let config: serde_json::Value = serde_json::from_str(CONFIG).expect("tauri.conf.json");
        match config.get("version") {
            // Without a version of its own, Tauri takes the app package's, from Cargo.toml.
            None => {}
            Some(v) => assert_eq!(
                v.as_str(),
                Some(version),
                "tauri.conf.json's version must be the workspace's, or absent"
            ),
        }
        let ui: serde_json::Value =
            serde_json::from_str(include_str!("../../../ui/package.json")).expect("package.json");
        assert_eq!(
            ui["version"].as_str(),
            Some(version),
            "ui/package.json must carry the workspace version"
        );
        for (name, manifest) in [
            (
                "scrutineer-core",
                include_str!("../../../crates/scrutineer-core/Cargo.toml"),
            ),
            (
                "scrutineer-cli",
                include_str!("../../../crates/scrutineer-cli/Cargo.toml"),
            ),
        ] {
            assert!(
                manifest
                    .lines()
                    .any(|line| line.trim() == "version.workspace = true"),
                "{name} must take its version from the workspace"
            );
        }
    }

    #[test]
    fn no_command_is_registered_twice() {
        assert_eq!(
            commands().len(),
            COMMANDS.len(),
            "names.rs lists a command twice"
        );
    }
}
