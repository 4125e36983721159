//! The Scrutineer desktop app: a thin Tauri 2 adapter over `scrutineer-core`.
//!
//! This file sets the app up: it opens the library, prepares the import coordinator (with PDF
//! workers that are this executable re-run, see `main.rs`), registers the dialog plugin and the
//! commands. The commands live in `commands/`, one file per area of the UI; they hold no SQL
//! and no parsing, only calls into the core. What the window may call is listed once, in
//! `commands/names.rs`, and granted to the main window by `tauri.conf.json`.

pub mod commands;
pub mod desktop;
pub mod error;
pub mod state;

use state::{ImportCoordinator, LibraryState};

/// Start the app. Returns when the last window closes.
pub fn run() {
    let library = LibraryState::open_default();
    let imports = ImportCoordinator::new(state::ingest_config());
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(library)
        .manage(imports)
        .invoke_handler(tauri::generate_handler![
            commands::settings::app_info,
            commands::settings::backup_library,
            commands::settings::open_data_folder,
            commands::library::library_stats,
            commands::library::list_meetings,
            commands::library::get_meeting,
            commands::library::correct_meeting,
            commands::library::delete_meeting,
            commands::library::search,
            commands::import::import_paths,
            commands::import::load_samples,
            commands::import::cancel_import,
            commands::analysis::timeline,
            commands::analysis::heatmap,
            commands::analysis::trends,
            commands::analysis::theme_passages,
            commands::analysis::compare_councils,
            commands::analysis::metric_figures,
            commands::analysis::list_actions,
            commands::analysis::kwic,
            commands::analysis::get_codebook,
            commands::analysis::save_codebook,
            commands::analysis::preview_pattern,
            commands::analysis::emergent_themes,
            commands::analysis::export_comparison,
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("Scrutineer could not start: {err}");
        std::process::exit(1);
    }
}
