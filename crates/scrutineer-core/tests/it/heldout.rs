//! The held-out set: minutes in layouts the extractor was not written against
//! (`tests/fixtures/heldout/`, described in its README), scored with the corpus scorer against a
//! careful reader's truth beside each document, read as text (through ingest, as an import
//! reads them) and, for the documents listed in `pdf.json`, laid out as PDFs and read back.
//!
//! The bar is lower than the seeds' (whose every council and date must be right) because these
//! documents are meant to be hard; it guards against extraction that only fits the examples it
//! was tuned on. Run with `SCRUTINEER_SCORE_DETAIL=1` to see every miss.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use scrutineer_core::extract::extract;
use scrutineer_core::ingest::pdf::{PdfConfig, PdfPool, WorkerCommand};
use scrutineer_core::ingest::{format_of, ingest, IngestConfig};
use scrutineer_core::model::{SourceFormat, SourceText};
use scrutineer_core::pdfgen::{self, PdfLayout};
use serde_json::Value;

use crate::corpus::{assert_bar_of, print_heading, score_and_print, Bar, DocScore};

/// The held-out bar.
const HELDOUT_BAR: Bar = Bar {
    council: 0.95,
    date: 0.95,
    items_f1: 0.85,
    attendance_f1: 0.85,
    resolutions_recall: 0.85,
    figures_recall: 0.8,
};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout")
}

/// Every held-out document: its name, its truth and its file.
fn documents() -> Vec<(String, Value, PathBuf)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir()) else {
        return out;
    };
    let mut truths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".truth.json"))
        .collect();
    truths.sort();
    for p in truths {
        let text = std::fs::read_to_string(&p)
            .unwrap_or_else(|e| panic!("{}: readable truth ({e})", p.display()));
        let truth: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: truth is JSON ({e})", p.display()));
        let file = truth["file"].as_str().unwrap_or_default().to_string();
        let name = file
            .rsplit_once('.')
            .map_or(file.as_str(), |(n, _)| n)
            .to_string();
        out.push((name, truth, dir().join(&file)));
    }
    out
}

/// A pool for text and web pages, which never need a PDF worker.
fn text_pool() -> PdfPool {
    PdfPool::new(PdfConfig {
        worker: Some(WorkerCommand::new("/nonexistent/scrutineer-no-worker", &[])),
        ..PdfConfig::default()
    })
}

fn pdf_pool() -> PdfPool {
    IngestConfig {
        pdf: PdfConfig {
            worker: Some(WorkerCommand::new(
                env!("CARGO_BIN_EXE_scrutineer-pdf-worker"),
                &[],
            )),
            workers: 2,
            timeout: Duration::from_secs(60),
            ..PdfConfig::default()
        },
        ..IngestConfig::default()
    }
    .pdf_pool()
}

fn read_text(path: &Path, pool: &PdfPool) -> SourceText {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let format = format_of(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ingest(path, &bytes, format, pool).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The PDF layouts of `pdf.json`, by document file name.
fn pdf_layouts() -> Vec<(String, PdfLayout)> {
    let text = std::fs::read_to_string(dir().join("pdf.json")).expect("pdf.json is readable");
    let manifest: Value = serde_json::from_str(&text).expect("pdf.json is JSON");
    let s = |v: &Value| v.as_str().map(str::to_string);
    manifest["documents"]
        .as_array()
        .expect("pdf.json lists documents")
        .iter()
        .map(|d| {
            let layout = PdfLayout {
                title: s(&d["title"]),
                header: s(&d["header"]),
                footer: s(&d["footer"]),
                font_size: d["font_size"].as_f64().unwrap_or(11.0),
                ..PdfLayout::default()
            };
            (s(&d["file"]).unwrap_or_default(), layout)
        })
        .collect()
}

fn score_all(
    label: &str,
    docs: &[(String, Value, PathBuf)],
    read: impl Fn(&Path) -> Option<SourceText>,
) -> BTreeMap<String, DocScore> {
    print_heading(label, "tests/fixtures/heldout/*.truth.json");
    let mut scores = BTreeMap::new();
    for (name, truth, path) in docs {
        let Some(src) = read(path) else {
            continue;
        };
        let rec = extract(&src);
        scores.insert(name.clone(), score_and_print(name, truth, &rec));
    }
    scores
}

#[test]
fn the_heldout_set_is_complete_and_well_formed() {
    let docs = documents();
    assert!(
        docs.len() >= 24,
        "the held-out set has at least 24 documents, found {}",
        docs.len()
    );
    let readme = std::fs::read_to_string(dir().join("README.md")).unwrap_or_default();
    for (name, truth, path) in &docs {
        assert!(
            path.is_file(),
            "{name}: the document named by its truth exists"
        );
        for key in [
            "doc_kind",
            "council",
            "committee",
            "meeting_date",
            "present",
            "apologies",
            "in_attendance",
            "items",
            "resolutions",
            "figures",
        ] {
            assert!(
                truth.get(key).is_some(),
                "{name}: the truth states {key} (null when not checked)"
            );
        }
        if truth["meeting_date"].is_null() {
            assert!(
                truth.get("meeting_date_window").is_some() || truth.get("date_note").is_some(),
                "{name}: an undated document's truth says what the text implies"
            );
        }
        assert!(
            readme.contains(name.as_str()),
            "{name}: the README describes every document"
        );
    }
    let pdfs = pdf_layouts();
    assert!(
        pdfs.len() >= 8,
        "at least 8 documents are also read as PDFs"
    );
    for (file, _) in &pdfs {
        assert!(
            docs.iter()
                .any(|(_, t, _)| t["file"].as_str() == Some(file.as_str())),
            "{file}: every PDF in pdf.json is a held-out document"
        );
    }
}

#[test]
fn heldout_text_meets_the_bar() {
    let docs = documents();
    let pool = text_pool();
    let scores = score_all("held-out text", &docs, |p| Some(read_text(p, &pool)));
    assert_bar_of("held-out text", &scores, &HELDOUT_BAR);
}

#[test]
fn heldout_pdfs_meet_the_bar() {
    let docs = documents();
    let layouts = pdf_layouts();
    let pool = pdf_pool();
    let chosen: Vec<(String, Value, PathBuf)> = docs
        .into_iter()
        .filter(|(_, t, _)| {
            layouts
                .iter()
                .any(|(f, _)| Some(f.as_str()) == t["file"].as_str())
        })
        .collect();
    let scores = score_all("held-out PDFs", &chosen, |path| {
        let file = path.file_name()?.to_str()?;
        let layout = &layouts.iter().find(|(f, _)| f == file)?.1;
        let text = std::fs::read_to_string(path).ok()?;
        let bytes = pdfgen::text_pdf(&text, layout)
            .unwrap_or_else(|e| panic!("{file}: lays out as a PDF ({e})"));
        let pdf_path = path.with_extension("pdf");
        Some(
            ingest(&pdf_path, &bytes, SourceFormat::Pdf, &pool)
                .unwrap_or_else(|e| panic!("{file}: the PDF reads back ({e})")),
        )
    });
    assert_eq!(scores.len(), chosen.len(), "every PDF was read");
    assert_bar_of("held-out PDFs", &scores, &HELDOUT_BAR);
}
