//! The Scrutineer desktop app: a thin Tauri 2 adapter over `scrutineer-core`.

/// Start the app.
pub fn run() {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("Scrutineer could not start: {err}");
        std::process::exit(1);
    }
}
