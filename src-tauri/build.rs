//! Generates the Tauri context and, from the shared command list, one `allow-<command>`
//! permission per app command. With an app manifest, Tauri refuses any command the window's
//! capability does not grant, instead of allowing every registered command.

include!("src/commands/names.rs");

fn main() {
    // tauri-build names its own inputs; the command list is ours.
    println!("cargo:rerun-if-changed=src-tauri/src/commands/names.rs");
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    if let Err(err) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        // A build script reports failure by panicking; cargo prints the message.
        panic!("tauri-build failed: {err:#}");
    }
}
