// The commands the window may call. This file is shared: `build.rs` includes it to generate an
// `allow-<command>` permission for each one (the app's ACL manifest, so nothing unlisted can be
// invoked), `tauri.conf.json` grants exactly those to the main window, and a test checks that
// this list, the capability and the UI's calls in `ui/src/api/tauri.ts` agree.

/// Every command registered with the invoke handler, by its Rust name.
pub const COMMANDS: &[&str] = &[
    // settings.rs
    "app_info",
    "backup_library",
    "open_data_folder",
    // library.rs
    "library_stats",
    "list_meetings",
    "get_meeting",
    "correct_meeting",
    "delete_meeting",
    "search",
    // import.rs
    "import_paths",
    "load_samples",
    "cancel_import",
    // analysis.rs
    "timeline",
    "heatmap",
    "trends",
    "theme_passages",
    "compare_councils",
    "metric_figures",
    "list_actions",
    "kwic",
    "get_codebook",
    "save_codebook",
    "preview_pattern",
    "emergent_themes",
    "export_comparison",
];
