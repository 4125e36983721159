// Prevents an additional console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use scrutineer_core::ingest::pdf::{run_worker, WORKER_ARG};

fn main() {
    // PDFs are read in worker processes that are this executable re-run with a hidden first
    // argument. Check for it before anything else: a worker must never start a window.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|arg| arg == WORKER_ARG)
    {
        std::process::exit(run_worker());
    }
    scrutineer_app::run();
}
