//! One fuzz case per target, with the rules every input must keep.
//!
//! - [`decode_case`]: any bytes, named as text and as a web page, through ingest (sniffing,
//!   decoding, visible text of HTML, running-header removal): text comes back without NULs, or
//!   a refusal with a reason; never a panic.
//! - [`extract_case`]: any text, split into pages at form feeds, through extraction: a record
//!   whose spans are character-aligned ranges of the text and whose cross-references point at
//!   things that exist, confidences within 0-1, figures finite.
//! - [`pdf_case`]: any bytes through the in-process PDF reader (the code a PDF worker runs), in
//!   both modes, then the page clean-up and header removal ingest applies.
//!
//! The PDF case knows one uncatchable failure of pdf-extract 0.12: a form XObject that draws
//! itself (or forms nested deeper than [`MAX_FORM_NESTING`]) makes it recurse until the stack
//! overflows, which aborts the process whatever `catch_unwind` says. That is why hosts read
//! PDFs in worker processes. Such inputs, and files lopdf cannot load as they are (the reader
//! then rebuilds their cross-reference table, and the rebuilt file could hold such a form), are
//! read here in fallback-only mode, which never calls pdf-extract; our own fallback extractor
//! guards against the recursion and is fuzzed on them all the same.

use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

use lopdf::{Document, Object, ObjectId};
use scrutineer_core::extract::extract;
use scrutineer_core::ingest::pdf::{
    read_pdf, PdfConfig, PdfPool, ReadMode, ReadOptions, WorkerCommand,
};
use scrutineer_core::ingest::{boilerplate, cleanup, ingest};
use scrutineer_core::model::{PageText, SourceFormat, SourceText, Span, PAGE_JOINER};

/// The largest PDF the in-process case reads; longer inputs are cut.
pub const MAX_PDF_BYTES: usize = 64 * 1024;

/// The page limit of the in-process PDF case.
pub const MAX_PDF_PAGES: u32 = 64;

/// Deeper nesting of form XObjects than this is treated like a self-drawing form.
pub const MAX_FORM_NESTING: usize = 32;

/// A pool that can never start a worker: text and HTML must not need one, and bytes sniffed as
/// a PDF fail fast with a set-up error instead of spawning processes in a fuzz loop.
fn no_worker_pool() -> &'static PdfPool {
    static POOL: OnceLock<PdfPool> = OnceLock::new();
    POOL.get_or_init(|| {
        PdfPool::new(PdfConfig {
            worker: Some(WorkerCommand::new(
                "/nonexistent/scrutineer-fuzz-no-worker",
                &[],
            )),
            ..PdfConfig::default()
        })
    })
}

/// Any bytes as a text file and as a web page.
pub fn decode_case(data: &[u8]) {
    for (name, format) in [
        ("fuzz.txt", SourceFormat::Text),
        ("fuzz.html", SourceFormat::Html),
    ] {
        match ingest(Path::new(name), data, format, no_worker_pool()) {
            Ok(src) => {
                assert_eq!(src.pages.len(), 1, "text and web pages are one page");
                for page in &src.pages {
                    assert!(!page.text.contains('\0'), "ingested text holds no NUL byte");
                }
                if let Some(title) = &src.title {
                    assert!(!title.contains('\0'), "a title holds no NUL byte");
                }
            }
            Err(e) => {
                assert!(!e.to_string().is_empty(), "a refusal says why");
                assert_ne!(e.code(), "database", "ingest never touches a database");
            }
        }
    }
}

/// Any text, split into pages at form feeds, through extraction.
pub fn extract_case(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let pages: Vec<PageText> = text
        .split('\u{0C}')
        .take(16)
        .enumerate()
        .map(|(i, t)| PageText {
            number: i as u32 + 1,
            text: t.to_string(),
        })
        .collect();
    let original = pages
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(PAGE_JOINER);
    let mut src = SourceText::from_plain(String::new());
    src.pages = pages;
    let rec = extract(&src);
    check_record(&rec, &original);
}

/// The rules a record must keep for any text.
pub fn check_record(rec: &scrutineer_core::model::MeetingRecord, original: &str) {
    let valid = |s: Span| {
        s.start <= s.end
            && s.end <= original.len()
            && original.is_char_boundary(s.start)
            && original.is_char_boundary(s.end)
    };
    let unit = |c: f32| (0.0..=1.0).contains(&c);
    assert!(
        unit(rec.confidence),
        "confidence {} is within 0-1",
        rec.confidence
    );
    for field in [&rec.council, &rec.committee] {
        assert!(unit(field.confidence), "field confidence is within 0-1");
        if let Some(span) = field.span {
            assert!(
                valid(span),
                "field span {span:?} is a char-aligned range of the text"
            );
        }
    }
    assert!(
        unit(rec.meeting_date.confidence),
        "date confidence is within 0-1"
    );
    if let Some(span) = rec.meeting_date.span {
        assert!(
            valid(span),
            "date span {span:?} is a char-aligned range of the text"
        );
    }
    for it in &rec.items {
        assert!(
            valid(it.span),
            "item span {:?} is a char-aligned range of the text",
            it.span
        );
    }
    for p in &rec.paragraphs {
        assert!(
            valid(p.span),
            "paragraph span {:?} is a char-aligned range of the text",
            p.span
        );
        assert!(
            p.item_index.is_none_or(|i| i < rec.items.len()),
            "a paragraph's item exists"
        );
    }
    for r in &rec.resolutions {
        assert!(
            valid(r.span),
            "resolution span {:?} is a char-aligned range of the text",
            r.span
        );
        assert!(
            r.item_index.is_none_or(|i| i < rec.items.len()),
            "a resolution's item exists"
        );
    }
    for f in &rec.figures {
        assert!(
            valid(f.span),
            "figure span {:?} is a char-aligned range of the text",
            f.span
        );
        assert!(f.value.is_finite(), "figure values are finite");
        assert!(
            f.paragraph_index.is_none_or(|i| i < rec.paragraphs.len()),
            "a figure's paragraph exists"
        );
        assert!(
            f.item_index.is_none_or(|i| i < rec.items.len()),
            "a figure's item exists"
        );
    }
}

/// Which modes of the PDF reader an input may safely run in this process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfSafety {
    /// pdf-extract and the fallback.
    Full,
    /// Only the fallback: the input holds (or may hold, once repaired) a form XObject that
    /// would make pdf-extract overflow its stack.
    FallbackOnly,
}

/// Whether pdf-extract may see this input in-process (see the module docs).
pub fn pdf_safety(data: &[u8]) -> PdfSafety {
    let Ok(doc) = Document::load_mem(data) else {
        return PdfSafety::FallbackOnly;
    };
    if forms_recurse(&doc) {
        PdfSafety::FallbackOnly
    } else {
        PdfSafety::Full
    }
}

/// True when some form XObject reaches itself through resources, or forms nest deeper than
/// [`MAX_FORM_NESTING`].
fn forms_recurse(doc: &Document) -> bool {
    fn xobject_refs(doc: &Document, dict: &lopdf::Dictionary) -> Vec<ObjectId> {
        let resources = match dict.get(b"Resources") {
            Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
            Ok(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        let Some(resources) = resources else {
            return Vec::new();
        };
        let xobjects = match resources.get(b"XObject") {
            Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
            Ok(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        xobjects
            .map(|x| {
                x.iter()
                    .filter_map(|(_, o)| o.as_reference().ok())
                    .collect()
            })
            .unwrap_or_default()
    }
    // Depth-first over forms, with the path on an explicit stack (no recursion here either).
    let starts: Vec<ObjectId> = doc.objects.keys().copied().collect();
    let mut done: HashSet<ObjectId> = HashSet::new();
    for start in starts {
        if done.contains(&start) {
            continue;
        }
        let mut path: Vec<(ObjectId, Vec<ObjectId>)> = Vec::new();
        let mut on_path: HashSet<ObjectId> = HashSet::new();
        let children = |id: ObjectId| -> Vec<ObjectId> {
            match doc.get_object(id) {
                Ok(Object::Stream(s)) => xobject_refs(doc, &s.dict),
                Ok(Object::Dictionary(d)) => xobject_refs(doc, d),
                _ => Vec::new(),
            }
        };
        path.push((start, children(start)));
        on_path.insert(start);
        while let Some((id, pending)) = path.last_mut() {
            let id = *id;
            match pending.pop() {
                Some(next) => {
                    if on_path.contains(&next) || path.len() > MAX_FORM_NESTING {
                        return true;
                    }
                    if done.contains(&next) {
                        continue;
                    }
                    on_path.insert(next);
                    let c = children(next);
                    path.push((next, c));
                }
                None => {
                    path.pop();
                    on_path.remove(&id);
                    done.insert(id);
                }
            }
        }
    }
    false
}

/// Any bytes through the in-process PDF reader, then ingest's page clean-up and header removal.
pub fn pdf_case(data: &[u8]) {
    let data = &data[..data.len().min(MAX_PDF_BYTES)];
    let modes: &[ReadMode] = match pdf_safety(data) {
        PdfSafety::Full => &[ReadMode::Full, ReadMode::FallbackOnly],
        PdfSafety::FallbackOnly => &[ReadMode::FallbackOnly],
    };
    for &mode in modes {
        let options = ReadOptions {
            max_pages: MAX_PDF_PAGES,
            mode,
        };
        match read_pdf(data, &options) {
            Ok(text) => {
                assert!(!text.pages.is_empty(), "a PDF read has pages");
                assert!(
                    text.pages.len() <= MAX_PDF_PAGES as usize,
                    "the page limit holds: {} pages",
                    text.pages.len()
                );
                let vocab = cleanup::Vocabulary::of(text.pages.iter().map(String::as_str));
                let cleaned: Vec<String> = text
                    .pages
                    .iter()
                    .map(|p| cleanup::clean_page(p, &vocab))
                    .collect();
                let stripped = boilerplate::strip_pages(&cleaned);
                assert_eq!(
                    stripped.pages.len(),
                    text.pages.len(),
                    "header removal keeps pages"
                );
            }
            Err(e) => {
                let code = e.code();
                assert!(
                    matches!(
                        code,
                        "pdf_malformed" | "pdf_encrypted" | "pdf_no_text" | "too_many_pages"
                    ),
                    "a PDF fails with a PDF reason, not {code}: {e}"
                );
            }
        }
    }
}
