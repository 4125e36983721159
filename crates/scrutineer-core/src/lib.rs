//! # scrutineer-core
//!
//! Reads council meeting minutes — text, Markdown, web pages and PDFs, from any council and any
//! year — into structured meeting records (council, committee, date, attendance, agenda items,
//! resolutions, figures, paragraphs), stores them in a local SQLite library with full-text
//! search, and analyses them (themes, timelines, comparisons, tracked actions).
//!
//! Data flows one way:
//!
//! ```text
//! file -> ingest (bytes -> text with pages) -> extract (text -> record + diagnostics)
//!      -> store (SQLite) -> analysis (themes, timelines, comparisons) -> hosts (CLI, app)
//! ```
//!
//! The API is synchronous and host-agnostic: the hosts (the `scrutineer` CLI, the desktop app,
//! tests) decide threading. Nothing here depends on Tauri or an async runtime.
//!
//! ```
//! use scrutineer_core::{extract::extract, model::SourceText};
//! let record = extract(&SourceText::from_plain("Minutes of the Planning Committee\n"));
//! assert!(record.confidence >= 0.0);
//! ```

pub mod analysis;
pub mod error;
pub mod extract;
pub mod import;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod pdfgen;
pub mod service;
pub mod store;
pub mod synth;

pub use error::{Error, Result};
