//! The isolated PDF text extractor, as a standalone binary (for tests and development; the CLI
//! and the app re-run themselves as workers instead).

fn main() {
    std::process::exit(scrutineer_core::ingest::pdf::run_worker());
}
