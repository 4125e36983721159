//! Ingest: a file's bytes -> text with page breaks ([`SourceText`]).
//!
//! Text files are decoded (UTF-8 with or without BOM, UTF-16, Windows-1252 fallback), web pages
//! reduced to their visible text, PDFs read page by page in an isolated worker process (see
//! [`pdf`]) because pdf-extract can abort the whole process on a malformed file. Running
//! headers, footers and page numbers are recognised and kept out of the body text
//! ([`boilerplate`]).
//!
//! The extension says what a file claims to be; the first bytes say what it is ([`sniff`]). A
//! PDF named `.txt` is read as a PDF and a web page named `.txt` as a web page (with a
//! diagnostic); a Word document, an image or an archive is refused whatever its name, with a
//! reason the user can act on. Nothing is ever decoded into garbage.

pub mod boilerplate;
pub mod cleanup;
pub mod decode;
pub mod html;
pub mod pdf;
mod pdf_fallback;
mod pdf_read;
mod sniff;

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::{Diagnostic, PageText, SourceFormat, SourceText, TextExtractor};
use sniff::Sniffed;

/// Limits and the PDF worker set-up for ingesting files.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    /// Files larger than this are refused with [`Error::TooLarge`] (see [`check_size`]).
    pub max_bytes: u64,
    /// PDFs with more pages than this are refused with [`Error::TooManyPages`]. The PDF pool
    /// enforces it: build the pool with [`IngestConfig::pdf_pool`].
    pub max_pages: u32,
    pub pdf: pdf::PdfConfig,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            max_bytes: 200 * 1024 * 1024,
            max_pages: 2_000,
            pdf: pdf::PdfConfig::default(),
        }
    }
}

impl IngestConfig {
    /// The PDF settings with this configuration's page limit applied.
    pub fn pdf_config(&self) -> pdf::PdfConfig {
        pdf::PdfConfig {
            max_pages: self.max_pages,
            ..self.pdf.clone()
        }
    }

    /// A PDF pool that enforces this configuration's limits.
    pub fn pdf_pool(&self) -> pdf::PdfPool {
        pdf::PdfPool::new(self.pdf_config())
    }
}

/// The format of a file, from its extension (`.txt`, `.md`, `.html`/`.htm`, `.pdf`).
pub fn format_of(path: &Path) -> Result<SourceFormat> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Ok(SourceFormat::Text),
        "md" | "markdown" => Ok(SourceFormat::Markdown),
        "html" | "htm" | "xhtml" => Ok(SourceFormat::Html),
        "pdf" => Ok(SourceFormat::Pdf),
        "" => Err(Error::UnsupportedType("no file extension".into())),
        "docx" | "doc" | "odt" | "rtf" | "pages" | "wpd" => Err(Error::UnsupportedType(format!(
            ".{ext} \u{2014} a word-processor document; save it as PDF or text"
        ))),
        other => Err(Error::UnsupportedType(format!(".{other}"))),
    }
}

/// Refuse a file larger than the configured limit, before reading it.
pub fn check_size(len: u64, config: &IngestConfig) -> Result<()> {
    if len > config.max_bytes {
        return Err(Error::TooLarge {
            bytes: len,
            limit: config.max_bytes,
        });
    }
    Ok(())
}

/// The content hash documents are identified by: SHA-256 of the file's bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Turn a file's bytes into text with pages. PDFs go through `pdf_pool` (an isolated worker),
/// which receives the bytes; `path` names the file in diagnostics.
pub fn ingest(
    path: &Path,
    bytes: &[u8],
    format: SourceFormat,
    pdf_pool: &pdf::PdfPool,
) -> Result<SourceText> {
    if bytes.is_empty() {
        return Err(Error::EmptyFile);
    }
    match sniff::sniff(bytes) {
        Sniffed::Foreign(what) => Err(Error::UnsupportedType(what)),
        Sniffed::Pdf => {
            let mut src = ingest_pdf(bytes, pdf_pool)?;
            if format != SourceFormat::Pdf {
                src.diagnostics.insert(0, mismatch(path, format, "a PDF"));
            }
            Ok(src)
        }
        Sniffed::Html if matches!(format, SourceFormat::Text | SourceFormat::Markdown) => {
            let mut src = ingest_html(bytes)?;
            src.diagnostics
                .insert(0, mismatch(path, format, "a web page"));
            Ok(src)
        }
        _ => match format {
            SourceFormat::Pdf => Err(Error::PdfMalformed(sniff::not_a_pdf(bytes))),
            SourceFormat::Html => ingest_html(bytes),
            SourceFormat::Text | SourceFormat::Markdown => ingest_text(bytes, format),
        },
    }
}

fn mismatch(path: &Path, claimed: SourceFormat, actual: &str) -> Diagnostic {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Diagnostic::info(
        "content_type_mismatch",
        format!(
            "{name} is named as {} but is {actual}; read as {actual}",
            claimed.as_str()
        ),
    )
}

fn ingest_text(bytes: &[u8], format: SourceFormat) -> Result<SourceText> {
    let decoded = decode::decode(bytes)?;
    let mut diagnostics = decoded.diagnostics;
    let (text, removed_lines) = boilerplate::strip_text(&decoded.text);
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic::warning("no_text", "the file holds no text"));
    }
    Ok(SourceText {
        format,
        extractor: TextExtractor::Plain,
        pages: vec![PageText { number: 1, text }],
        removed_lines,
        title: None,
        diagnostics,
    })
}

fn ingest_html(bytes: &[u8]) -> Result<SourceText> {
    let decoded = decode::decode(bytes)?;
    let mut diagnostics = decoded.diagnostics;
    let page = html::visible_text(&decoded.text);
    if page.text.trim().is_empty() {
        diagnostics.push(Diagnostic::warning(
            "no_text",
            "the web page shows no text (is it built by scripts?)",
        ));
    }
    Ok(SourceText {
        format: SourceFormat::Html,
        extractor: TextExtractor::Html,
        pages: vec![PageText {
            number: 1,
            text: page.text,
        }],
        removed_lines: Vec::new(),
        title: page.title,
        diagnostics,
    })
}

fn ingest_pdf(bytes: &[u8], pool: &pdf::PdfPool) -> Result<SourceText> {
    let raw = pool.extract(bytes)?;
    let vocab = cleanup::Vocabulary::of(raw.pages.iter().map(String::as_str));
    let cleaned: Vec<String> = raw
        .pages
        .iter()
        .map(|p| cleanup::clean_page(p, &vocab))
        .collect();
    let stripped = boilerplate::strip_pages(&cleaned);
    let pages = stripped
        .pages
        .into_iter()
        .enumerate()
        .map(|(i, text)| PageText {
            number: i as u32 + 1,
            text,
        })
        .collect();
    Ok(SourceText {
        format: SourceFormat::Pdf,
        extractor: raw.extractor,
        pages,
        removed_lines: stripped.removed,
        title: raw.title,
        diagnostics: raw.diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn size_limit() {
        let config = IngestConfig {
            max_bytes: 10,
            ..IngestConfig::default()
        };
        assert!(
            check_size(10, &config).is_ok(),
            "the limit itself is allowed"
        );
        let err = check_size(11, &config).expect_err("over the limit");
        assert_eq!(err.code(), "too_large");
    }

    #[test]
    fn the_ingest_page_limit_reaches_the_pool() {
        for limit in [500, 5_000] {
            let config = IngestConfig {
                max_pages: limit,
                ..IngestConfig::default()
            };
            assert_eq!(config.pdf_pool().config().max_pages, limit);
        }
    }
}
