//! The import pipeline: paths -> files -> ingest -> extract -> store, one outcome per file.
