//! The fuzzers' corpora, replayed through the real functions in the normal test run.
//!
//! `fuzz/` holds cargo-fuzz targets for the text decoder, the extractor and the in-process PDF
//! reader (see `fuzz/README.md`). Their bodies live in `fuzz/src/cases.rs`, included here, so
//! this test runs exactly what the fuzzers run: every input of the committed, minimised corpora
//! (`fuzz/corpus/<target>/`) and every crash a fuzzer found (`fuzz/regressions/<target>/`,
//! each fixed since) goes through its case again, with no fuzzer needed. A case panics when a
//! rule breaks, naming the rule; the file that broke it is named here.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

#[path = "../../../../fuzz/src/cases.rs"]
mod cases;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// Every file of a target's corpus and regressions.
fn inputs(target: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for kind in ["corpus", "regressions"] {
        let dir = fuzz_dir().join(kind).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.path().is_file() {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    files
}

fn replay(target: &str, case: fn(&[u8])) {
    let files = inputs(target);
    if files.is_empty() {
        eprintln!(
            "no corpus for the {target} fuzz target under {}: skipped",
            fuzz_dir().display()
        );
        return;
    }
    let mut failed = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| case(&bytes))) {
            let why = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failed.push(format!("{}: {why}", file.display()));
        }
    }
    eprintln!("{target}: {} inputs replayed", files.len());
    assert!(
        failed.is_empty(),
        "every input the {target} fuzzer kept must pass its case again:\n{}",
        failed.join("\n")
    );
}

#[test]
fn the_decode_corpus_replays_cleanly() {
    replay("decode", cases::decode_case);
}

#[test]
fn the_extract_corpus_replays_cleanly() {
    replay("extract", cases::extract_case);
}

#[test]
fn the_pdf_corpus_replays_cleanly() {
    replay("pdf", cases::pdf_case);
}

#[test]
fn self_drawing_forms_are_kept_from_pdf_extract_in_process() {
    let bomb = scrutineer_core::pdfgen::self_referencing_form_pdf(Some("Board minutes"))
        .expect("a self-drawing PDF");
    assert_eq!(
        cases::pdf_safety(&bomb),
        cases::PdfSafety::FallbackOnly,
        "a form that draws itself never reaches pdf-extract in this process"
    );
    // Read in fallback-only mode, it is harmless here.
    cases::pdf_case(&bomb);
    let plain =
        scrutineer_core::pdfgen::text_pdf("Board minutes", &Default::default()).expect("a PDF");
    assert_eq!(cases::pdf_safety(&plain), cases::PdfSafety::Full);
}

/// Writes the fuzzers' first inputs into `fuzz/corpus-raw/<target>/` (not committed; see
/// `fuzz/README.md`): minutes written for this project in several layouts and encodings, and
/// PDFs of them from `pdfgen`, broken in every way it knows, and the text fixtures of this crate.
/// `cargo test -p scrutineer-core --test it write_fuzz_seeds -- --ignored`
#[test]
#[ignore = "writes seed files for the fuzzers; run by hand"]
fn write_fuzz_seeds() {
    use scrutineer_core::pdfgen::{self, PdfLayout, TextOperators};
    let minutes = [
        "Harlow Fen Parish Council\n\nMinutes of the meeting held on 12 March 2021 at 7.30pm\n\nPresent: Cllr A. Hart (Chair), Cllr B. Moss\n\n1. Apologies\nCllr Dale.\n\n2. Finance\nThe precept of £12,400 was agreed.\nRESOLVED: that the budget be approved.\n",
        "MINUTES OF THE CABINET\nTuesday, 4 May 2021\n\nITEM 5 - FOSTERING SERVICE\n5.1 Officers reported 23 new foster carers (up 15%).\n5.2 RESOLVED - That the report be noted.\n\u{C}Page 2\nITEM 6 - SEND TRANSPORT\nCosts rose to £1.2m.\n",
        "Town of Millbrook Select Board\nRegular Meeting Minutes - January 9, 2023\n\nCall to order: 6:00 PM\nMotion to approve the warrant of $45,210.33 passed 3-0.\nAdjourned at 8:15 PM.\n",
        "Comhairle Contae Chill Mhantáin\nMinutes of the Municipal District meeting, 3rd February 2020\n\n(a) Roads programme: €350,000 allocated.\n(b) It was proposed and seconded that the report be adopted.\n",
    ];
    let out = fuzz_dir().join("corpus-raw");
    let write = |target: &str, name: &str, bytes: &[u8]| {
        let dir = out.join(target);
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join(name), bytes).expect("write seed");
    };
    for (i, text) in minutes.iter().enumerate() {
        write("extract", &format!("minutes-{i}.txt"), text.as_bytes());
        write("decode", &format!("utf8-{i}.txt"), text.as_bytes());
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        write("decode", &format!("utf16-{i}.txt"), &utf16);
        let cp1252: Vec<u8> = text
            .chars()
            .map(|c| match c {
                '£' => 0xA3,
                '€' => 0x80,
                'á' => 0xE1,
                c if c.is_ascii() => c as u8,
                _ => b'?',
            })
            .collect();
        write("decode", &format!("cp1252-{i}.txt"), &cp1252);
        let html = format!(
            "<!DOCTYPE html><html><head><title>Minutes {i}</title><style>p{{}}</style></head><body><h1>Minutes</h1><p>{}</p><script>x()</script></body></html>",
            text.replace('\n', "<br>")
        );
        write("decode", &format!("page-{i}.html"), html.as_bytes());
        let layout = PdfLayout {
            header: Some("Minutes {page} of {pages}".into()),
            footer: Some("Page {page}".into()),
            ..PdfLayout::default()
        };
        let pdf = pdfgen::text_pdf(text, &layout).expect("pdf");
        write("pdf", &format!("text-{i}.pdf"), &pdf);
        let gs = PdfLayout {
            operators: TextOperators::NextLine,
            ..PdfLayout::default()
        };
        write(
            "pdf",
            &format!("ghostscript-{i}.pdf"),
            &pdfgen::text_pdf(text, &gs).expect("pdf"),
        );
    }
    // The project's own minutes fixtures (written for it, in many layouts) seed extraction too.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for set in ["heldout", "minutes", "ingest"] {
        let Ok(entries) = std::fs::read_dir(fixtures.join(set)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "txt") {
                let bytes = std::fs::read(&path).expect("read fixture");
                let name = path.file_name().expect("a file name").to_string_lossy();
                write("extract", &format!("fixture-{name}"), &bytes);
            }
        }
    }
    let text = minutes[0];
    write(
        "pdf",
        "encrypted.pdf",
        &pdfgen::encrypted_pdf(text, "secret").expect("pdf"),
    );
    write(
        "pdf",
        "copy-protected.pdf",
        &pdfgen::encrypted_pdf(text, "").expect("pdf"),
    );
    write(
        "pdf",
        "truncated.pdf",
        &pdfgen::truncated_pdf(text).expect("pdf"),
    );
    write(
        "pdf",
        "broken-xref.pdf",
        &pdfgen::broken_xref_pdf(text).expect("pdf"),
    );
    write(
        "pdf",
        "scanned.pdf",
        &pdfgen::image_only_pdf(2).expect("pdf"),
    );
    write(
        "pdf",
        "self-drawing.pdf",
        &pdfgen::self_referencing_form_pdf(Some(text)).expect("pdf"),
    );
    write(
        "pdf",
        "many-pages.pdf",
        &pdfgen::many_pages_pdf(12).expect("pdf"),
    );
}
