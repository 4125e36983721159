//! Ingest end to end: bytes of every supported kind in, `SourceText` out, and PDFs through the
//! isolated worker pool, including the files that crash, hang or lie about their type.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use scrutineer_core::ingest::pdf::{read_pdf, ReadMode, ReadOptions};
use scrutineer_core::ingest::pdf::{PdfConfig, PdfPool, WorkerCommand};
use scrutineer_core::ingest::{format_of, ingest, IngestConfig};
use scrutineer_core::model::{SourceFormat, SourceText, TextExtractor};
use scrutineer_core::pdfgen::{self, PdfLayout, TextOperators};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest")
        .join(name)
}

fn read_fixture(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

fn worker() -> WorkerCommand {
    WorkerCommand::new(env!("CARGO_BIN_EXE_scrutineer-pdf-worker"), &[])
}

fn pool_with(workers: usize, timeout: Duration, max_pages: u32) -> PdfPool {
    let config = IngestConfig {
        max_pages,
        pdf: PdfConfig {
            worker: Some(worker()),
            workers,
            timeout,
            ..PdfConfig::default()
        },
        ..IngestConfig::default()
    };
    config.pdf_pool()
}

fn pool() -> PdfPool {
    pool_with(2, Duration::from_secs(60), 2_000)
}

/// A pool that never starts a worker: for text and HTML, which must not need one.
fn no_pdf_pool() -> PdfPool {
    PdfPool::new(PdfConfig {
        worker: Some(WorkerCommand::new("/nonexistent/scrutineer-no-worker", &[])),
        ..PdfConfig::default()
    })
}

fn ingest_bytes(name: &str, bytes: &[u8], pool: &PdfPool) -> scrutineer_core::Result<SourceText> {
    let path = Path::new(name);
    let format = format_of(path)?;
    ingest(path, bytes, format, pool)
}

fn full_text(src: &SourceText) -> String {
    src.pages
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn codes(src: &SourceText) -> Vec<&str> {
    src.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

/// Lower-cased words of three letters or more.
fn words(s: &str) -> HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// Share of `want`'s words found in `got`.
fn coverage(want: &str, got: &str) -> f64 {
    let want = words(want);
    let got = words(got);
    if want.is_empty() {
        return 1.0;
    }
    want.iter().filter(|w| got.contains(*w)).count() as f64 / want.len() as f64
}

fn error_code(result: scrutineer_core::Result<SourceText>) -> String {
    match result {
        Ok(src) => panic!(
            "expected an error, got text: {:?}",
            full_text(&src).chars().take(120).collect::<String>()
        ),
        Err(e) => e.code().to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Text, decoding, HTML, unsupported types
// ---------------------------------------------------------------------------------------------

#[test]
fn text_files_decode_in_every_common_encoding() {
    let pool = no_pdf_pool();
    let text = "Minutes \u{2013} budget £4,000 “approved”\r\nNext line";
    let utf16le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let utf16be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    let with = |prefix: &[u8], body: &[u8]| [prefix, body].concat();
    let cases: Vec<(&str, Vec<u8>, &str, Option<&str>)> = vec![
        ("utf-8", text.as_bytes().to_vec(), text, None),
        (
            "utf-8 with BOM",
            with(b"\xEF\xBB\xBF", text.as_bytes()),
            text,
            None,
        ),
        (
            "utf-16le with BOM",
            with(b"\xFF\xFE", &utf16le),
            text,
            Some("decoded_utf16"),
        ),
        (
            "utf-16be with BOM",
            with(b"\xFE\xFF", &utf16be),
            text,
            Some("decoded_utf16"),
        ),
        (
            "utf-16le without BOM",
            utf16le.clone(),
            text,
            Some("decoded_utf16"),
        ),
        (
            "windows-1252",
            b"Budget \xA34,000 \x93approved\x94".to_vec(),
            "Budget £4,000 “approved”",
            Some("decoded_windows_1252"),
        ),
        (
            "NUL bytes",
            b"Item\x00 one\x00".to_vec(),
            "Item one",
            Some("nul_removed"),
        ),
    ];
    for (name, bytes, want, diagnostic) in cases {
        let src =
            ingest_bytes("minutes.txt", &bytes, &pool).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(src.pages.len(), 1, "{name}: a text file is one page");
        assert_eq!(
            src.pages[0].text, want,
            "{name}: decoded text is kept as it is"
        );
        assert_eq!(src.extractor, TextExtractor::Plain);
        if let Some(code) = diagnostic {
            assert!(
                codes(&src).contains(&code),
                "{name}: diagnostic {code} expected, got {:?}",
                codes(&src)
            );
        }
    }
}

#[test]
fn invalid_utf8_never_fails_a_text_file() {
    let pool = no_pdf_pool();
    for bytes in [
        &b"caf\xC3"[..],
        b"\xE2\x82 price",
        b"ok \xF0\x9F\x98 end",
        b"\xC0\xAF slash",
    ] {
        let src = ingest_bytes("notes.txt", bytes, &pool).expect("invalid UTF-8 still decodes");
        assert!(
            !src.pages[0].text.is_empty(),
            "something is read from {bytes:?}"
        );
    }
}

#[test]
fn empty_files_are_refused() {
    let pool = no_pdf_pool();
    for name in ["empty.txt", "empty.pdf", "empty.html"] {
        assert_eq!(
            error_code(ingest_bytes(name, b"", &pool)),
            "empty_file",
            "{name}"
        );
    }
}

#[test]
fn web_pages_keep_only_their_visible_text() {
    let html = read_fixture("county-page.html");
    let want = read_fixture("county-page.expected.txt");
    let src =
        ingest_bytes("county-page.html", html.as_bytes(), &no_pdf_pool()).expect("html ingests");
    assert_eq!(src.format, SourceFormat::Html);
    assert_eq!(src.extractor, TextExtractor::Html);
    assert_eq!(
        src.pages[0].text, want,
        "visible text only, laid out in lines and paragraphs"
    );
    assert_eq!(
        src.title.as_deref(),
        Some("Minutes: Adult Social Care Scrutiny Panel - Wednesday, 6th November, 2024 | Westmarch County Council")
    );
}

#[test]
fn a_web_page_named_txt_is_read_as_a_web_page() {
    let html = read_fixture("county-page.html");
    let src = ingest_bytes("saved.txt", html.as_bytes(), &no_pdf_pool()).expect("ingests");
    assert_eq!(src.format, SourceFormat::Html);
    assert!(
        !src.pages[0].text.contains("dataLayer"),
        "scripts are not text"
    );
    assert!(
        codes(&src).contains(&"content_type_mismatch"),
        "the mismatch is reported"
    );
}

#[test]
fn unsupported_types_are_named() {
    for (name, want) in [
        ("minutes.docx", "unsupported_type"),
        ("minutes.xls", "unsupported_type"),
        ("README", "unsupported_type"),
    ] {
        let err = format_of(Path::new(name)).expect_err(name);
        assert_eq!(err.code(), want, "{name}");
        assert!(!err.to_string().is_empty());
    }
    let docx_message = format_of(Path::new("x.docx"))
        .expect_err("docx")
        .to_string();
    assert!(
        docx_message.contains("save it as PDF or text"),
        "{docx_message}"
    );
}

#[test]
fn content_is_sniffed_whatever_the_name() {
    let pool = no_pdf_pool();
    let mut docx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00".to_vec();
    docx.extend_from_slice(b"[Content_Types].xml word/document.xml word/styles.xml");
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend(vec![0u8; 200]);
    ole.extend("WordDocument".encode_utf16().flat_map(|u| u.to_le_bytes()));
    let png = b"\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00\x00\x01\x00".to_vec();
    let random: Vec<u8> = (0..3000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "minutes.txt",
            docx.clone(),
            "unsupported_type",
            "Word document (.docx)",
        ),
        (
            "minutes.pdf",
            docx,
            "unsupported_type",
            "save it as PDF or text",
        ),
        (
            "minutes.txt",
            ole,
            "unsupported_type",
            "Word 97-2003 document (.doc)",
        ),
        (
            "minutes.md",
            b"{\\rtf1\\ansi Minutes}".to_vec(),
            "unsupported_type",
            "Rich Text Format",
        ),
        ("scan.pdf", png.clone(), "unsupported_type", "image (PNG)"),
        ("scan.txt", png, "unsupported_type", "OCR"),
        (
            "noise.txt",
            random.clone(),
            "not_text",
            "binary data, not text",
        ),
        (
            "noise.pdf",
            random,
            "pdf_malformed",
            "not a PDF (file starts with",
        ),
        (
            "page.pdf",
            b"<!DOCTYPE html><html><body>Not found</body></html>".to_vec(),
            "pdf_malformed",
            "web page",
        ),
        (
            "notes.pdf",
            b"Minutes of the meeting held on Monday".to_vec(),
            "pdf_malformed",
            "not a PDF",
        ),
    ];
    for (name, bytes, code, words) in cases {
        let err = ingest_bytes(name, &bytes, &pool).expect_err(name);
        assert_eq!(err.code(), code, "{name}: {err}");
        assert!(
            err.to_string().contains(words),
            "{name}: the message says what it is: {err}"
        );
    }
}

#[test]
fn text_files_lose_repeated_dated_headers_and_page_markers() {
    let body = read_fixture("parish-minutes.txt").replace(
        '\u{0C}',
        "\nPage 2\nLittle Hadley Parish Council 12 March 2024\n",
    );
    let text = format!("Little Hadley Parish Council 12 March 2024\n{body}\nLittle Hadley Parish Council 12 March 2024\n");
    let src = ingest_bytes("parish.txt", text.as_bytes(), &no_pdf_pool()).expect("ingests");
    let out = &src.pages[0].text;
    assert_eq!(
        out.matches("Little Hadley Parish Council 12 March 2024")
            .count(),
        1,
        "the first occurrence of a repeated header is kept, the rest removed"
    );
    assert!(!out.contains("\nPage 2\n"), "page markers are removed");
    assert_eq!(src.removed_lines.len(), 5, "{:?}", src.removed_lines);
    assert!(
        out.contains("24/037 Precept for 2024/25"),
        "the body is intact"
    );
}

// ---------------------------------------------------------------------------------------------
// PDFs through the worker pool
// ---------------------------------------------------------------------------------------------

fn parish_layout() -> PdfLayout {
    PdfLayout {
        title: Some("Finance and General Purposes Committee, 12 March 2024".into()),
        header: Some("Little Hadley Parish Council \u{2013} Finance and General Purposes \u{2013} 12 March 2024".into()),
        footer: Some("Page {page} of {pages}".into()),
        ..PdfLayout::default()
    }
}

#[test]
fn generated_pdfs_round_trip_with_pages_and_without_running_headers() {
    let text = read_fixture("parish-minutes.txt");
    let bytes = pdfgen::text_pdf(&text, &parish_layout()).expect("pdf written");
    let src = ingest_bytes("parish.pdf", &bytes, &pool()).expect("pdf ingests");
    assert_eq!(src.format, SourceFormat::Pdf);
    assert_eq!(src.extractor, TextExtractor::PdfExtract);
    assert_eq!(
        src.pages.iter().map(|p| p.number).collect::<Vec<_>>(),
        vec![1, 2, 3],
        "pages are numbered from 1"
    );
    assert_eq!(
        src.title.as_deref(),
        Some("Finance and General Purposes Committee, 12 March 2024")
    );
    assert_parish_round_trip(&src, &text);
}

/// The checks every round trip of the parish fixture must pass, whichever extractor read it.
fn assert_parish_round_trip(src: &SourceText, text: &str) {
    assert_eq!(src.pages.len(), 3, "three pages, as the form feeds say");
    for (phrase, page) in [
        ("24/034 Budget monitoring", 1),
        ("24/035 Earmarked reserves", 2),
        ("peppercorn rent", 2),
        ("24/039 Date of next meeting", 3),
    ] {
        let found = src
            .pages
            .iter()
            .find(|p| p.text.contains(phrase))
            .map(|p| p.number);
        assert_eq!(found, Some(page), "{phrase:?} is on page {page}");
    }
    let all = full_text(src);
    assert!(
        !all.contains("Page 1 of 3")
            && !all.contains("Finance and General Purposes \u{2013} 12 March"),
        "running header and footer are gone"
    );
    assert_eq!(
        src.removed_lines.len(),
        6,
        "a header and a footer on each page: {:?}",
        src.removed_lines
    );
    assert!(src
        .removed_lines
        .iter()
        .any(|r| r.page == 3 && r.text == "Page 3 of 3"));
    assert!(
        all.contains("£41,860") && all.contains("“miscellaneous”"),
        "£ and curly quotes survive"
    );
    assert!(all.contains("council’s"), "apostrophes survive");
    let cov = coverage(text, &all);
    assert!(
        cov >= 0.99,
        "nearly every word of the source comes back ({cov:.3})"
    );
    assert!(
        all.contains("\n\n24/036 Playing field lease"),
        "paragraph breaks are kept"
    );
}

#[test]
fn ghostscript_style_pdfs_are_read_by_the_fallback_extractor() {
    let text = read_fixture("parish-minutes.txt");
    let layout = PdfLayout {
        operators: TextOperators::NextLine,
        ..parish_layout()
    };
    let bytes = pdfgen::text_pdf(&text, &layout).expect("pdf written");
    let src = ingest_bytes("gs-style.pdf", &bytes, &pool()).expect("pdf ingests");
    assert_eq!(
        src.extractor,
        TextExtractor::Lopdf,
        "pdf-extract reads too little of these"
    );
    assert!(
        codes(&src).contains(&"pdf_fallback_extractor"),
        "{:?}",
        codes(&src)
    );
    assert_parish_round_trip(&src, &text);
}

#[test]
fn a_pdf_rewritten_by_ghostscript_still_reads() {
    let text = read_fixture("parish-minutes.txt");
    let bytes = pdfgen::text_pdf(&text, &parish_layout()).expect("pdf written");
    let dir = tempfile::tempdir().expect("temp dir");
    let (input, output) = (dir.path().join("in.pdf"), dir.path().join("out.pdf"));
    std::fs::write(&input, &bytes).expect("write pdf");
    let gs = std::process::Command::new("gs")
        .args(["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite"])
        .arg(format!("-sOutputFile={}", output.display()))
        .arg(&input)
        .output();
    if !gs.is_ok_and(|o| o.status.success()) {
        eprintln!("Ghostscript (gs) not available; skipping");
        return;
    }
    let rewritten = std::fs::read(&output).expect("gs output");
    let src = ingest_bytes("gs.pdf", &rewritten, &pool()).expect("pdf ingests");
    assert_parish_round_trip(&src, &text);
}

#[test]
fn the_fallback_extractor_alone_reads_the_corpus() {
    let Some(dir) = crate::corpus::corpus_dir() else {
        eprintln!("corpus not found; skipping");
        return;
    };
    let options = ReadOptions {
        max_pages: 100,
        mode: ReadMode::FallbackOnly,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir.join("pdf"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.sort();
    for pdf in &entries {
        let stem = pdf.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let seed = std::fs::read_to_string(dir.join("seeds").join(format!("{stem}.txt")))
            .unwrap_or_default();
        // In process: these are known files, and the point is the extractor itself.
        let text = read_pdf(&std::fs::read(pdf).expect("corpus pdf"), &options)
            .unwrap_or_else(|e| panic!("{stem}: {e}"));
        assert_eq!(text.extractor, TextExtractor::Lopdf);
        let all = text.pages.join("\n\n");
        let cov = coverage(&seed, &all);
        assert!(
            cov >= 0.95,
            "{stem}: the fallback finds {:.1}% of the seed's words",
            cov * 100.0
        );
        let paragraphs = all.matches("\n\n").count();
        assert!(
            paragraphs * 2 >= seed.matches("\n\n").count(),
            "{stem}: paragraph breaks survive ({paragraphs})"
        );
    }
}

#[test]
fn a_second_layout_round_trips_too() {
    let text = read_fixture("select-board-minutes.txt");
    let layout = PdfLayout {
        header: Some(
            "Maple Falls Select Board \u{2013} Regular Meeting \u{2013} April 2, 2024".into(),
        ),
        footer: Some("- {page} -".into()),
        font_size: 10.0,
        margin: 50.0,
        ..PdfLayout::default()
    };
    // Repeat the text so it flows over several pages without explicit breaks.
    let long = format!("{text}\n\n{text}\n\n{text}");
    let bytes = pdfgen::text_pdf(&long, &layout).expect("pdf written");
    let src = ingest_bytes("board.pdf", &bytes, &pool()).expect("pdf ingests");
    assert!(
        src.pages.len() >= 3,
        "overflowing text makes pages ({})",
        src.pages.len()
    );
    let all = full_text(&src);
    assert!(
        !all.contains("Regular Meeting \u{2013} April 2, 2024"),
        "the running header is removed"
    );
    assert!(
        !all.lines().any(|l| l.trim() == "- 2 -"),
        "dashed page numbers are removed"
    );
    assert_eq!(
        src.removed_lines.len(),
        src.pages.len() * 2,
        "{:#?}",
        src.removed_lines
    );
    let cov = coverage(&text, &all);
    assert!(cov >= 0.99, "words survive ({cov:.3})");
    assert!(all.contains("$147,300"), "figures survive");
}

#[test]
fn a_pdf_named_txt_is_read_as_a_pdf() {
    let bytes = pdfgen::text_pdf(
        "Harbour Commissioners\n\nThe harbour dues were reviewed.",
        &PdfLayout::default(),
    )
    .expect("pdf written");
    let src = ingest_bytes("mislabelled.txt", &bytes, &pool()).expect("ingests");
    assert_eq!(src.format, SourceFormat::Pdf);
    assert!(src.pages[0].text.contains("harbour dues were reviewed"));
    assert!(codes(&src).contains(&"content_type_mismatch"));
}

#[test]
fn a_worker_can_read_a_pdf_by_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("minutes.pdf");
    let bytes = pdfgen::text_pdf(
        "Harbour Board\n\nMoorings were let for the season.",
        &PdfLayout::default(),
    )
    .expect("pdf written");
    std::fs::write(&path, bytes).expect("write pdf");
    let pool = pool();
    let text = pool
        .extract_path(&path)
        .expect("the worker reads the file itself");
    assert!(text.pages[0].contains("Moorings were let for the season."));
    let err = pool
        .extract_path(&dir.path().join("missing.pdf"))
        .expect_err("no such file");
    assert!(
        err.to_string().contains("missing.pdf"),
        "the error names the file: {err}"
    );
}

#[test]
fn a_worker_that_cannot_start_is_a_setup_error_not_a_bad_file() {
    let bytes =
        pdfgen::text_pdf("Parish Meeting\n\nNo business.", &PdfLayout::default()).expect("pdf");
    let err = ingest_bytes("a.pdf", &bytes, &no_pdf_pool()).expect_err("no worker program");
    assert_eq!(err.code(), "io", "{err}");
    assert!(
        err.to_string().contains("scrutineer-no-worker"),
        "the message names the program: {err}"
    );
}

#[test]
fn pdfs_can_be_read_in_process_when_asked() {
    let pool = PdfPool::new(PdfConfig::default());
    let bytes = pdfgen::text_pdf(
        "Allotments Committee\n\nPlot rents rise to £42 a year.",
        &PdfLayout::default(),
    )
    .expect("pdf written");
    let src = ingest_bytes("a.pdf", &bytes, &pool).expect("in-process read");
    assert!(src.pages[0].text.contains("Plot rents rise to £42 a year."));
    assert!(
        pool.worker_pids().is_empty(),
        "no worker is started in process mode"
    );
}

#[test]
fn pdfs_encrypted_with_a_password_are_refused_and_copy_protected_ones_open() {
    let pool = pool();
    let text = "Licensing Sub-Committee\n\nThe premises licence was granted with conditions.";
    let locked = pdfgen::encrypted_pdf(text, "letmein").expect("encrypted pdf");
    assert_eq!(
        error_code(ingest_bytes("locked.pdf", &locked, &pool)),
        "pdf_encrypted"
    );
    let protected = pdfgen::encrypted_pdf(text, "").expect("copy-protected pdf");
    let src = ingest_bytes("protected.pdf", &protected, &pool).expect("empty password opens");
    assert!(
        full_text(&src).contains("premises licence was granted"),
        "text of a copy-protected PDF is read: {:?}",
        full_text(&src)
    );
    assert!(
        codes(&src).contains(&"pdf_empty_password"),
        "{:?}",
        codes(&src)
    );
}

#[test]
fn scanned_pdfs_have_no_text() {
    let bytes = pdfgen::image_only_pdf(3).expect("image pdf");
    assert_eq!(
        error_code(ingest_bytes("scan.pdf", &bytes, &pool())),
        "pdf_no_text"
    );
}

#[test]
fn broken_pdfs_are_malformed() {
    let pool = pool();
    let text = read_fixture("select-board-minutes.txt");
    let truncated = pdfgen::truncated_pdf(&text).expect("truncated pdf");
    let err = ingest_bytes("cut.pdf", &truncated, &pool).expect_err("a truncated PDF fails");
    assert_eq!(err.code(), "pdf_malformed", "{err}");
    let mut noise = b"%PDF-1.4\n".to_vec();
    noise.extend((0..5000u32).map(|i| (i.wrapping_mul(2_246_822_519) >> 7) as u8));
    let err =
        ingest_bytes("noise.pdf", &noise, &pool).expect_err("random bytes after a PDF header fail");
    assert_eq!(err.code(), "pdf_malformed", "{err}");
}

#[test]
fn a_broken_cross_reference_table_is_rebuilt() {
    let text = read_fixture("select-board-minutes.txt");
    let bytes = pdfgen::broken_xref_pdf(&text).expect("broken pdf");
    let src = ingest_bytes("xref.pdf", &bytes, &pool()).expect("objects are found by scanning");
    let cov = coverage(&text, &full_text(&src));
    assert!(
        cov > 0.95,
        "the rebuilt document's text is the document's ({cov:.3})"
    );
    assert!(
        codes(&src).contains(&"pdf_repaired"),
        "the repair is reported: {:?}",
        codes(&src)
    );
}

#[test]
fn too_many_pages_are_refused_before_reading() {
    let bytes = pdfgen::many_pages_pdf(600).expect("600 pages");
    let pool = pool_with(1, Duration::from_secs(60), 500);
    let err = ingest_bytes("long.pdf", &bytes, &pool).expect_err("600 > 500 pages");
    assert_eq!(err.code(), "too_many_pages");
    assert_eq!(err.to_string(), "too many pages: 600 (limit 500)");
}

#[test]
fn a_self_drawing_form_crashes_only_its_own_file() {
    let pool = pool_with(1, Duration::from_secs(60), 2_000);
    let bomb = pdfgen::self_referencing_form_pdf(None).expect("self-referencing pdf");
    let err = ingest_bytes("bomb.pdf", &bomb, &pool).expect_err("the extractor crashes");
    assert_eq!(err.code(), "pdf_crashed", "{err}");
    assert!(
        err.to_string().contains("stack overflow"),
        "the reason is given: {err}"
    );
    let good = pdfgen::text_pdf(
        "Ward Forum\n\nResidents asked about parking.",
        &PdfLayout::default(),
    )
    .expect("pdf written");
    let src = ingest_bytes("good.pdf", &good, &pool).expect("the pool keeps working");
    assert!(src.pages[0].text.contains("Residents asked about parking."));
}

#[test]
fn a_self_drawing_form_with_text_is_saved_by_the_fallback_extractor() {
    let pool = pool_with(1, Duration::from_secs(60), 2_000);
    let bomb = pdfgen::self_referencing_form_pdf(Some(
        "Cemetery Board\n\nThe board agreed new fees for memorial permits.",
    ))
    .expect("self-referencing pdf");
    let src = ingest_bytes("bomb.pdf", &bomb, &pool).expect("the fallback reads the page");
    assert_eq!(src.extractor, TextExtractor::Lopdf);
    assert!(
        codes(&src).contains(&"pdf_extract_crashed"),
        "{:?}",
        codes(&src)
    );
    assert_eq!(
        src.pages[0].text, "Cemetery Board\n\nThe board agreed new fees for memorial permits.",
        "the fallback keeps lines and paragraph breaks"
    );
}

#[test]
fn a_worker_killed_mid_request_is_replaced() {
    let pool = pool_with(1, Duration::from_secs(120), 5_000);
    let big = pdfgen::many_pages_pdf(3_000).expect("big pdf");
    let small = pdfgen::text_pdf(
        "Flood Panel\n\nGauges were read daily.",
        &PdfLayout::default(),
    )
    .expect("pdf");
    let mut outcome = None;
    for _ in 0..5 {
        let result = std::thread::scope(|s| {
            let request = s.spawn(|| ingest_bytes("big.pdf", &big, &pool));
            let deadline = Instant::now() + Duration::from_secs(30);
            let mut killed = None;
            while Instant::now() < deadline && !request.is_finished() {
                if let Some(&pid) = pool.busy_worker_pids().first() {
                    let status = std::process::Command::new("kill")
                        .args(["-9", &pid.to_string()])
                        .status();
                    assert!(status.is_ok_and(|s| s.success()), "kill {pid}");
                    killed = Some(pid);
                    break;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
            (request.join().expect("request thread"), killed)
        });
        if let (Err(e), Some(pid)) = result {
            outcome = Some((e, pid));
            break;
        }
    }
    let (err, killed) = outcome.expect("a request was caught in flight and killed");
    assert_eq!(err.code(), "pdf_crashed", "{err}");
    assert!(err.to_string().contains("SIGKILL"), "{err}");
    let src = ingest_bytes("small.pdf", &small, &pool).expect("a new worker takes the next file");
    assert!(src.pages[0].text.contains("Gauges were read daily."));
    assert!(
        !pool.worker_pids().contains(&killed),
        "the killed worker was replaced"
    );
}

#[test]
fn a_slow_file_times_out() {
    let bytes = pdfgen::many_pages_pdf(400).expect("pdf");
    let pool = pool_with(1, Duration::from_millis(1), 2_000);
    let err = ingest_bytes("slow.pdf", &bytes, &pool).expect_err("1 ms is too little");
    assert_eq!(err.code(), "pdf_timeout", "{err}");
    assert!(
        pool.worker_pids().is_empty(),
        "the overrunning worker was killed, not kept"
    );
}

#[test]
fn a_hung_worker_times_out_even_while_we_write_to_it() {
    // `sleep` never reads its stdin: with a PDF bigger than a pipe buffer the write would block
    // forever if the time limit did not cover it.
    let pool = PdfPool::new(PdfConfig {
        worker: Some(WorkerCommand::new("sleep", &["30"])),
        workers: 1,
        timeout: Duration::from_millis(300),
        ..PdfConfig::default()
    });
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.resize(1 << 20, b' ');
    let started = Instant::now();
    let err = pool
        .extract(&bytes)
        .expect_err("a worker that never answers");
    assert_eq!(err.code(), "pdf_timeout", "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the time limit holds"
    );
}

#[test]
fn damaged_pdfs_never_take_the_pool_down() {
    let text = read_fixture("parish-minutes.txt");
    let base = pdfgen::text_pdf(&text, &parish_layout()).expect("pdf written");
    let pool = pool_with(2, Duration::from_secs(30), 2_000);
    // A fixed xorshift sequence: the same damage every run.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    let allowed = [
        "ok",
        "pdf_malformed",
        "pdf_no_text",
        "pdf_crashed",
        "pdf_encrypted",
    ];
    let mut outcomes: std::collections::BTreeMap<String, usize> = Default::default();
    for round in 0..120 {
        let mut bytes = base.clone();
        match round % 3 {
            0 => {
                for _ in 0..1 + next(8) {
                    let at = next(bytes.len());
                    bytes[at] = next(256) as u8;
                }
            }
            1 => {
                let at = next(bytes.len());
                let len = 1 + next(64);
                bytes.drain(at..(at + len).min(bytes.len()));
            }
            _ => {
                let at = next(bytes.len());
                let len = (1 + next(200)).min(bytes.len() - at);
                let copy: Vec<u8> = bytes[at..at + len].to_vec();
                let to = next(bytes.len());
                bytes.splice(to..to, copy);
            }
        }
        let code = match ingest_bytes("damaged.pdf", &bytes, &pool) {
            Ok(src) => {
                assert_eq!(
                    src.pages.iter().map(|p| p.number).collect::<Vec<_>>(),
                    (1..=src.pages.len() as u32).collect::<Vec<_>>()
                );
                "ok".to_string()
            }
            Err(e) => e.code().to_string(),
        };
        assert!(
            allowed.contains(&code.as_str()),
            "round {round}: unexpected outcome {code}"
        );
        *outcomes.entry(code).or_default() += 1;
    }
    eprintln!("damaged PDFs: {outcomes:?}");
    let src = ingest_bytes("intact.pdf", &base, &pool).expect("the pool still works");
    assert_eq!(src.pages.len(), 3);
}

#[test]
fn four_threads_share_a_two_worker_pool() {
    let pool = pool_with(2, Duration::from_secs(120), 2_000);
    let pdfs: Vec<(String, Vec<u8>)> = (0..40)
        .map(|i| {
            let marker = format!("Resolution number {i} was carried unanimously.");
            let text = format!("Joint Committee meeting {i}\n\n{marker}\n\nThe meeting closed.");
            (
                marker,
                pdfgen::text_pdf(&text, &PdfLayout::default()).expect("pdf"),
            )
        })
        .collect();
    std::thread::scope(|s| {
        for chunk in pdfs.chunks(10) {
            let pool = &pool;
            s.spawn(move || {
                for (marker, bytes) in chunk {
                    let src = ingest_bytes("j.pdf", bytes, pool).expect("every file succeeds");
                    assert!(
                        full_text(&src).contains(marker.as_str()),
                        "each file gets its own text back"
                    );
                }
            });
        }
    });
    assert!(
        pool.worker_pids().len() <= 2,
        "never more workers than configured"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn workers_die_with_the_pool() {
    let pool = pool_with(2, Duration::from_secs(60), 2_000);
    let bytes = pdfgen::text_pdf(
        "Trust Board\n\nAccounts were adopted.",
        &PdfLayout::default(),
    )
    .expect("pdf");
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| ingest_bytes("t.pdf", &bytes, &pool).expect("ingests"));
        }
    });
    let pids = pool.worker_pids();
    assert!(!pids.is_empty(), "workers were started");
    drop(pool);
    for pid in pids {
        assert!(
            !Path::new(&format!("/proc/{pid}")).exists(),
            "worker {pid} is killed and reaped (no zombie) when the pool is dropped"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The shared corpus of real minutes
// ---------------------------------------------------------------------------------------------

#[test]
fn corpus_pdfs_read_close_to_their_text() {
    let Some(dir) = crate::corpus::corpus_dir() else {
        eprintln!("corpus not found; skipping");
        return;
    };
    let pool = pool();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir.join("pdf"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.sort();
    let mut pages = 0usize;
    let started = Instant::now();
    for pdf in &entries {
        let stem = pdf.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let seed = std::fs::read_to_string(dir.join("seeds").join(format!("{stem}.txt")))
            .unwrap_or_default();
        let bytes = std::fs::read(pdf).expect("corpus pdf readable");
        let src =
            ingest_bytes("corpus.pdf", &bytes, &pool).unwrap_or_else(|e| panic!("{stem}: {e}"));
        assert!(!src.pages.is_empty(), "{stem}: pages were read");
        pages += src.pages.len();
        let cov = coverage(&seed, &full_text(&src));
        eprintln!(
            "{stem}: {} pages, {:.1}% of the seed's words, {} lines removed",
            src.pages.len(),
            cov * 100.0,
            src.removed_lines.len()
        );
        assert!(
            cov >= 0.95,
            "{stem}: {:.1}% of the seed's words found",
            cov * 100.0
        );
    }
    let ours = started.elapsed();
    let poppler = Instant::now();
    let mut pdftotext_ok = true;
    for pdf in &entries {
        pdftotext_ok &= std::process::Command::new("pdftotext")
            .arg(pdf)
            .arg("-")
            .output()
            .is_ok_and(|o| o.status.success());
    }
    let theirs = poppler.elapsed();
    eprintln!(
        "timing: {pages} pages through the worker pool in {:.0} ms ({:.0} pages/s){}",
        ours.as_secs_f64() * 1000.0,
        pages as f64 / ours.as_secs_f64().max(1e-9),
        if pdftotext_ok {
            format!(
                "; pdftotext took {:.0} ms ({:.0} pages/s)",
                theirs.as_secs_f64() * 1000.0,
                pages as f64 / theirs.as_secs_f64().max(1e-9)
            )
        } else {
            "; pdftotext not available".to_string()
        }
    );
}

/// The accuracy bar on the corpus PDFs read through ingest: the same bar as the text seeds, so a
/// gap between the two tables is ingest's to close. Needs extraction, which is being built
/// beside ingest.
#[test]
fn pdf_seeds_meet_the_accuracy_bar() {
    let pool = pool();
    let read = |txt: &Path, stem: &str| -> Option<SourceText> {
        let pdf = txt
            .parent()?
            .parent()?
            .join("pdf")
            .join(format!("{stem}.pdf"));
        let bytes = std::fs::read(&pdf).ok()?;
        ingest(&pdf, &bytes, SourceFormat::Pdf, &pool).ok()
    };
    let Some(scores) = crate::corpus::score_corpus("pdf seeds", read) else {
        eprintln!("corpus not found; skipping");
        return;
    };
    crate::corpus::assert_bar("pdf seeds", &scores);
}
