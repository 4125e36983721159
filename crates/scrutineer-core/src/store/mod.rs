//! The library: a SQLite file holding documents, meeting records, paragraphs (with an FTS5
//! index), themes and their pre-aggregated counts.
//!
//! [`Library`] is a cheap-to-clone handle. One writer connection takes writes (one document =
//! one transaction: all of its records or none); reads use their own connections, so the UI can
//! read while an import writes (WAL).
