//! The core's one error type. Every variant has a stable `code()` that hosts pass on to the UI
//! (`{code, message}`), so the UI branches on codes, never on message text.

use std::path::PathBuf;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("unsupported file type ({0})")]
    UnsupportedType(String),
    #[error("empty file (0 bytes)")]
    EmptyFile,
    #[error("file too large: {bytes} bytes (limit {limit} bytes)")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("too many pages: {pages} (limit {limit})")]
    TooManyPages { pages: u32, limit: u32 },
    #[error("encrypted PDF")]
    PdfEncrypted,
    #[error("no text layer (scanned image?)")]
    PdfNoText,
    #[error("malformed PDF: {0}")]
    PdfMalformed(String),
    #[error("PDF extractor crashed ({0})")]
    PdfCrashed(String),
    #[error("PDF extraction timed out after {0} s")]
    PdfTimeout(u64),
    #[error("not a text file: {0}")]
    NotText(String),
    /// The file exists but may not be read (permissions, a lock held by another program).
    #[error("not readable ({0})")]
    Unreadable(String),
    /// The file was listed for import but had gone (moved or deleted) by the time it was read.
    #[error("the file disappeared during the import")]
    Vanished,
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error(
        "this library was made by a newer version of Scrutineer (schema version {found}; this version knows up to {known}); upgrade Scrutineer to open it"
    )]
    SchemaTooNew { found: i64, known: i64 },
    #[error("not found: {0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("invalid search: {0}")]
    InvalidQuery(String),
}

impl Error {
    /// A stable, machine-readable code for this error. Never change an existing code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnsupportedType(_) => "unsupported_type",
            Error::EmptyFile => "empty_file",
            Error::TooLarge { .. } => "too_large",
            Error::TooManyPages { .. } => "too_many_pages",
            Error::PdfEncrypted => "pdf_encrypted",
            Error::PdfNoText => "pdf_no_text",
            Error::PdfMalformed(_) => "pdf_malformed",
            Error::PdfCrashed(_) => "pdf_crashed",
            Error::PdfTimeout(_) => "pdf_timeout",
            Error::NotText(_) => "not_text",
            Error::Unreadable(_) => "unreadable",
            Error::Vanished => "vanished",
            Error::Io { .. } => "io",
            Error::Db(_) => "database",
            Error::Migration(_) => "migration",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::NotFound(_) => "not_found",
            Error::Invalid(_) => "invalid",
            Error::InvalidQuery(_) => "invalid_query",
        }
    }

    /// An I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
