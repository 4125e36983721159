//! Reading a PDF's text, page by page, in the current process.
//!
//! This is what a PDF worker runs (see [`super::pdf`]); hosts never call it on untrusted files
//! themselves, because pdf-extract can overflow the stack, which no `catch_unwind` survives.
//!
//! The steps, each with its own outcome:
//! 1. not a PDF, or lopdf cannot parse it -> `PdfMalformed` with a short reason;
//! 2. encrypted: lopdf tries the empty user password (many council PDFs are "encrypted" only to
//!    forbid copying); when that fails -> `PdfEncrypted`;
//! 3. more pages than allowed -> `TooManyPages`, before any text is read;
//! 4. pdf-extract, one page at a time, each page's panic caught so one bad page costs only itself;
//! 5. the fallback extractor ([`super::pdf_fallback`]) for pages pdf-extract failed or read
//!    suspiciously little of (while the page draws text), keeping whichever reading has more;
//! 6. nearly no text on nearly all pages -> `PdfNoText` (a scanned document).

use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::{Document, Object, ObjectId};
use serde::{Deserialize, Serialize};

use super::pdf_fallback;
use super::sniff;
use crate::error::{Error, Result};
use crate::model::{Diagnostic, TextExtractor};

/// A PDF's raw page texts, before cleanup and header removal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PdfText {
    /// One entry per page, in page order.
    pub pages: Vec<String>,
    /// The extractor that produced most of the text.
    pub extractor: TextExtractor,
    /// The document's Title metadata.
    pub title: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Which extractors to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReadMode {
    /// pdf-extract, with the fallback where it fails.
    Full,
    /// Only the fallback extractor: the retry after pdf-extract crashed a worker.
    FallbackOnly,
}

/// Limits for one read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadOptions {
    pub max_pages: u32,
    pub mode: ReadMode,
}

/// Below this many letters and digits per page on average, pdf-extract's text is too thin to
/// trust (said in a diagnostic when the fallback did better).
const THIN_PER_PAGE: usize = 20;

/// A page with fewer letters and digits than this from pdf-extract is also read by the fallback
/// extractor, and the better reading kept.
const PAGE_SUSPECT: usize = 200;

/// A page with fewer letters and digits than this has no text layer worth the name.
const PAGE_TEXT_MIN: usize = 20;

/// Read a PDF's text.
pub fn read_pdf(bytes: &[u8], options: &ReadOptions) -> Result<PdfText> {
    if sniff::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_none() {
        return Err(Error::PdfMalformed(sniff::not_a_pdf(bytes)));
    }
    let mut diagnostics = Vec::new();
    let mut doc = match Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(first) => {
            let err = load_error(first);
            // A damaged cross-reference table is common (files edited by hand or by tools
            // that append carelessly); readers rebuild it by scanning for objects, and so do we.
            let repaired = match &err {
                Error::PdfMalformed(_) => {
                    rebuild_xref(bytes).and_then(|b| Document::load_mem(&b).ok())
                }
                _ => None,
            };
            match repaired {
                Some(doc) if !doc.get_pages().is_empty() => {
                    diagnostics.push(Diagnostic::warning(
                        "pdf_repaired",
                        format!("the PDF was damaged ({err}); its objects were found by scanning the file"),
                    ));
                    doc
                }
                _ => return Err(err),
            }
        }
    };
    // lopdf decrypts with the empty password while loading and removes /Encrypt when that
    // works; a document that still has it needs a password we do not have.
    if doc.trailer.get(b"Encrypt").is_ok() && doc.decrypt("").is_err() {
        return Err(Error::PdfEncrypted);
    }
    let pages: Vec<(u32, ObjectId)> = doc.get_pages().into_iter().collect();
    if pages.is_empty() {
        return Err(Error::PdfMalformed("the PDF has no pages".into()));
    }
    let count = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    if count > options.max_pages {
        return Err(Error::TooManyPages {
            pages: count,
            limit: options.max_pages,
        });
    }
    if doc.was_encrypted() {
        diagnostics.push(Diagnostic::info(
            "pdf_empty_password",
            "the PDF is encrypted with an empty password (copy protection); opened",
        ));
    }
    let title = title(&doc);

    let mut texts: Vec<String> = Vec::with_capacity(pages.len());
    let mut from_fallback = vec![false; pages.len()];
    let mut failed_pages: Vec<(u32, String)> = Vec::new();
    match options.mode {
        ReadMode::Full => {
            for &(number, _) in &pages {
                match primary_page(&doc, number) {
                    Ok(text) => texts.push(text),
                    Err(reason) => {
                        failed_pages.push((number, reason));
                        texts.push(String::new());
                    }
                }
            }
        }
        ReadMode::FallbackOnly => {
            texts = pages.iter().map(|_| String::new()).collect();
        }
    }

    let total: usize = texts.iter().map(|t| visible(t)).sum();
    let thin = total < THIN_PER_PAGE * pages.len();
    for (i, &(number, id)) in pages.iter().enumerate() {
        let failed = failed_pages.iter().any(|(n, _)| *n == number);
        // A page of minutes holds a thousand characters or more; one with little text may be
        // a page pdf-extract half-read (it skips some text operators entirely), so the
        // fallback gets a look at it, when the page draws text at all.
        let suspect =
            visible(&texts[i]) < PAGE_SUSPECT && pdf_fallback::page_has_text_operators(&doc, id);
        if !(options.mode == ReadMode::FallbackOnly || failed || suspect) {
            continue;
        }
        if let Ok(Ok(alt)) = catch_unwind(AssertUnwindSafe(|| pdf_fallback::page_text(&doc, id))) {
            // Take the fallback's page only when it found clearly more.
            if visible(&alt) > visible(&texts[i]) * 6 / 5 + 5 {
                texts[i] = alt;
                from_fallback[i] = true;
            }
        }
    }

    for (number, reason) in &failed_pages {
        let rescued = from_fallback[(*number as usize).saturating_sub(1)];
        diagnostics.push(Diagnostic::warning(
            "pdf_page_failed",
            format!(
                "pdf-extract could not read page {number} ({reason}){}",
                if rescued {
                    "; read by the fallback extractor"
                } else {
                    ""
                }
            ),
        ));
    }
    if failed_pages.len() == pages.len() && !from_fallback.contains(&true) {
        let reason = failed_pages
            .first()
            .map(|(_, r)| r.clone())
            .unwrap_or_default();
        return Err(Error::PdfMalformed(format!(
            "no page could be read ({reason})"
        )));
    }

    let with_text: Vec<bool> = texts.iter().map(|t| visible(t) >= PAGE_TEXT_MIN).collect();
    let text_pages = with_text.iter().filter(|&&b| b).count();
    let total: usize = texts.iter().map(|t| visible(t)).sum();
    if text_pages == 0 || (text_pages * 10 < pages.len() && total < 200) {
        return Err(Error::PdfNoText);
    }
    let empty: Vec<String> = with_text
        .iter()
        .enumerate()
        .filter(|(_, &b)| !b)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if !empty.is_empty() {
        diagnostics.push(Diagnostic::warning(
            "pages_without_text",
            format!(
                "no text on page(s) {} (scanned or blank pages?)",
                empty.join(", ")
            ),
        ));
    }

    let fallback_chars: usize = texts
        .iter()
        .zip(&from_fallback)
        .filter(|(_, &f)| f)
        .map(|(t, _)| visible(t))
        .sum();
    let total: usize = texts.iter().map(|t| visible(t)).sum();
    let extractor = if fallback_chars * 2 > total {
        TextExtractor::Lopdf
    } else {
        TextExtractor::PdfExtract
    };
    let fallback_pages = from_fallback.iter().filter(|&&f| f).count();
    if fallback_pages > 0 {
        diagnostics.push(Diagnostic::info(
            "pdf_fallback_extractor",
            format!(
                "text of {fallback_pages} of {} page(s) read by the fallback extractor (lopdf){}",
                pages.len(),
                if options.mode == ReadMode::Full && thin {
                    ": pdf-extract returned too little text"
                } else {
                    ""
                }
            ),
        ));
    }
    Ok(PdfText {
        pages: texts,
        extractor,
        title,
        diagnostics,
    })
}

/// Letters and digits: what counts as text when judging whether a page has any.
pub(crate) fn visible(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphanumeric()).count()
}

/// One page through pdf-extract, its panics caught.
fn primary_page(doc: &Document, number: u32) -> std::result::Result<String, String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let mut text = String::new();
        {
            let mut out = pdf_extract::PlainTextOutput::new(&mut text);
            pdf_extract::output_doc_page(doc, &mut out, number)?;
        }
        Ok::<String, pdf_extract::OutputError>(text)
    }));
    match outcome {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(short(&e.to_string())),
        Err(panic) => Err(format!(
            "it failed: {}",
            short(&panic_message(panic.as_ref()))
        )),
    }
}

/// The message a panic carried.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

fn short(s: &str) -> String {
    let s = s.lines().next().unwrap_or("").trim();
    if s.chars().count() > 160 {
        let cut: String = s.chars().take(160).collect();
        format!("{cut}…")
    } else {
        s.to_string()
    }
}

/// lopdf's load errors, in words a user can act on.
fn load_error(e: lopdf::Error) -> Error {
    use lopdf::Error as E;
    match e {
        E::Decryption(_) | E::InvalidPassword | E::UnsupportedSecurityHandler(_) => {
            Error::PdfEncrypted
        }
        E::Xref(_) | E::InvalidOffset(_) | E::MissingXrefEntry => Error::PdfMalformed(format!(
            "broken cross-reference table ({})",
            short(&e.to_string())
        )),
        E::Parse(_) | E::ObjectNotFound(_) | E::IndirectObject { .. } => {
            Error::PdfMalformed(format!(
                "the file is damaged or truncated ({})",
                short(&e.to_string())
            ))
        }
        E::IO(io) => Error::PdfMalformed(format!("cannot read the PDF ({io})")),
        other => Error::PdfMalformed(short(&other.to_string())),
    }
}

/// The file with a fresh cross-reference table appended, built by scanning for `N G obj`
/// headers (the last definition of an object wins, as in incremental updates) and for the
/// catalog. `None` when no catalog is found: without it there is no page tree to read.
fn rebuild_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::collections::BTreeMap;
    use std::sync::OnceLock;
    static OBJ: OnceLock<Option<regex::bytes::Regex>> = OnceLock::new();
    static CATALOG: OnceLock<Option<regex::bytes::Regex>> = OnceLock::new();
    let obj = OBJ
        .get_or_init(|| {
            regex::bytes::Regex::new(r"(?:^|[\r\n\s])(\d{1,10})\s+(\d{1,5})\s+obj\b").ok()
        })
        .as_ref()?;
    let catalog = CATALOG
        .get_or_init(|| regex::bytes::Regex::new(r"/Type\s*/Catalog\b").ok())
        .as_ref()?;
    let mut objects: BTreeMap<u32, (usize, u16)> = BTreeMap::new();
    for c in obj.captures_iter(bytes) {
        let (Some(id), Some(generation)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let id: u32 = std::str::from_utf8(id.as_bytes()).ok()?.parse().ok()?;
        let generation: u16 = std::str::from_utf8(generation.as_bytes())
            .ok()?
            .parse()
            .ok()?;
        if id > 0 && id < 10_000_000 {
            objects.insert(id, (c.get(1)?.start(), generation));
        }
    }
    let catalog_at = catalog.find_iter(bytes).last()?.start();
    let (&root, &(_, root_gen)) = objects
        .iter()
        .filter(|(_, (offset, _))| *offset < catalog_at)
        .max_by_key(|(_, (offset, _))| *offset)?;
    let size = objects.keys().next_back()? + 1;
    let mut out = bytes.to_vec();
    out.push(b'\n');
    let xref_at = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n").as_bytes());
    for id in 0..size {
        let entry = match objects.get(&id) {
            Some((offset, generation)) => format!("{offset:010} {generation:05} n\r\n"),
            None => "0000000000 65535 f\r\n".to_string(),
        };
        out.extend_from_slice(entry.as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {size} /Root {root} {root_gen} R >>\nstartxref\n{xref_at}\n%%EOF\n"
        )
        .as_bytes(),
    );
    Some(out)
}

/// The Info dictionary's Title, when it is a real title (not empty, not a file name a word
/// processor left there).
fn title(doc: &Document) -> Option<String> {
    let info = match doc.trailer.get(b"Info").ok()? {
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    let raw = info.get(b"Title").ok()?;
    let raw = match raw {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        o => o,
    };
    let text = lopdf::decode_text_string(raw).ok()?;
    let text = text
        .trim_start_matches("Microsoft Word - ")
        .trim_start_matches("Microsoft Word -")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let lower = text.to_ascii_lowercase();
    let file_name = [".doc", ".docx", ".odt", ".rtf", ".pdf", ".txt"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    (!text.is_empty() && !file_name && lower != "untitled").then_some(text)
}
