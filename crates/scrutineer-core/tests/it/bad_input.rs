//! Bad input through the whole import pipeline, into a real library, beside good files.
//!
//! Users drop whatever their council's website gave them: scanned and encrypted PDFs, broken
//! downloads, Word files, old encodings, files that vanish or cannot be opened. `ingest.rs` and
//! `import.rs` test each reader on its own; here every kind of bad file goes through
//! [`Importer::import`] in one batch with good files, and the test then asserts three things:
//! each bad file has its own clear outcome (a stable code and a message naming the reason, on
//! the outcome that names the file), every good file is stored and searchable, and the library
//! is whole (SQLite's integrity check, the search index, foreign keys, every meeting's rows).
//! Importing the same batch again changes nothing.
//!
//! Every fixture is generated here, from text written for this test.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use scrutineer_core::import::Importer;
use scrutineer_core::ingest::pdf::{PdfConfig, WorkerCommand};
use scrutineer_core::ingest::IngestConfig;
use scrutineer_core::model::{DocKind, ImportOutcome, ImportStatus, ImportSummary, SearchQuery};
use scrutineer_core::pdfgen::{self, PdfLayout};
use scrutineer_core::store::Library;

use super::health::{assert_healthy, row_counts};

/// The size limit of these imports: small, so a file over it is cheap to write.
const MAX_BYTES: u64 = 200_000;

fn config(max_pages: u32) -> IngestConfig {
    IngestConfig {
        max_bytes: MAX_BYTES,
        max_pages,
        pdf: PdfConfig {
            worker: Some(WorkerCommand::new(
                env!("CARGO_BIN_EXE_scrutineer-pdf-worker"),
                &[],
            )),
            workers: 2,
            timeout: Duration::from_secs(120),
            ..PdfConfig::default()
        },
    }
}

/// Minutes of a made-up meeting; `marker` is a word found nowhere else in the batch, so a
/// search for it finds this file alone.
fn minutes(council: &str, committee: &str, date: &str, marker: &str) -> String {
    format!(
        "{council}\n\nMinutes of the meeting of the {committee} held on {date}\n\n\
         Present: Councillors A. Pryce (Chair), M. Okafor and J. Lindqvist\n\n\
         1. Apologies for absence\n\nApologies were received from Councillor Thane.\n\n\
         2. The {marker} footpath\n\nMembers considered a report on resurfacing the {marker} \
         footpath, costed at £48,000, and asked when the work would start.\n\n\
         RESOLVED: that the resurfacing be approved.\n\n\
         3. Date of the next meeting\n\nThe next meeting will be held in the spring.\n"
    )
}

fn write(root: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().expect("a fixture has a folder")).expect("mkdir");
    fs::write(&path, bytes).expect("write a fixture");
    path
}

/// Bytes that look like nothing: a fixed pseudo-random sequence with no `%PDF-` in it.
fn noise(len: usize, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 11) as u8
        })
        .collect()
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

/// What must become of one file.
#[derive(Debug, Clone)]
enum Want {
    /// Stored; a search for `word` finds it and only it; its ingest or extraction
    /// diagnostics include `diagnostic`.
    Stored {
        word: &'static str,
        diagnostic: Option<&'static str>,
    },
    /// The same bytes as `first`: one of the two is stored, the other points at it.
    SameAs { first: &'static str },
    /// Refused with this code and a message that says this.
    Failed {
        code: &'static str,
        says: &'static str,
    },
}

struct Case {
    /// The path relative to the batch's folder, as listed.
    rel: String,
    want: Want,
}

fn case(rel: &str, want: Want) -> Case {
    Case {
        rel: rel.to_string(),
        want,
    }
}

fn stored(word: &'static str, diagnostic: Option<&'static str>) -> Want {
    Want::Stored { word, diagnostic }
}

fn failed(code: &'static str, says: &'static str) -> Want {
    Want::Failed { code, says }
}

/// Whether a chmod 000 file is really unreadable here (not when running as root).
#[cfg(unix)]
fn make_unreadable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o000)).expect("chmod");
    fs::read(path).is_err()
}

#[cfg(not(unix))]
fn make_unreadable(_path: &Path) -> bool {
    false
}

/// The batch: good files and every kind of bad one, in one folder tree. Returns what must
/// become of each file, and the extra paths given on the command line beside the folder.
fn batch(root: &Path) -> (Vec<Case>, Vec<(PathBuf, Want)>) {
    let mut cases = Vec::new();
    let planning = minutes(
        "Brackenmoor Town Council",
        "Planning Committee",
        "4 March 2021",
        "brackenmoor",
    );

    // Good files of every supported kind.
    write(root, "good/planning 2021.txt", planning.as_bytes());
    cases.push(case("good/planning 2021.txt", stored("brackenmoor", None)));
    let parks = minutes(
        "Quillhaven Parish Council",
        "Parks Committee",
        "9 June 2020",
        "quillhaven",
    );
    write(root, "good/parks.md", format!("# {parks}").as_bytes());
    cases.push(case("good/parks.md", stored("quillhaven", None)));
    let html = format!(
        "<!DOCTYPE html><html><head><title>Licensing</title><script>var hidden = 'tamberlow';</script></head>\
         <body><pre>{}</pre></body></html>",
        minutes(
            "Pennyfold District Council",
            "Licensing Panel",
            "2 February 2022",
            "pennyfold"
        )
    );
    write(root, "good/licensing.html", html.as_bytes());
    cases.push(case("good/licensing.html", stored("pennyfold", None)));
    let pdf = pdfgen::text_pdf(
        &minutes(
            "Harnwick Borough Council",
            "Highways Committee",
            "12 May 2019",
            "harnwick",
        ),
        &PdfLayout::default(),
    )
    .expect("a PDF is written");
    write(root, "good/highways.pdf", &pdf);
    cases.push(case("good/highways.pdf", stored("harnwick", None)));

    // The same file twice, and the same name in another folder with other contents.
    write(root, "same name/planning 2021.txt", planning.as_bytes());
    cases.push(case(
        "same name/planning 2021.txt",
        Want::SameAs {
            first: "good/planning 2021.txt",
        },
    ));
    let other = minutes(
        "Aldercombe Parish Council",
        "Planning Committee",
        "5 March 2021",
        "aldercombe",
    );
    write(root, "other folder/planning 2021.txt", other.as_bytes());
    cases.push(case(
        "other folder/planning 2021.txt",
        stored("aldercombe", None),
    ));

    // Unicode and spaces in the path.
    let eskerfold = minutes(
        "Comhairle Contae Eskerfold",
        "Comhairle Ceantair",
        "3 Márta 2020",
        "eskerfold",
    );
    let unicode = "Ünïcode – folder/minutes with spaces ☃ café.txt";
    write(root, unicode, eskerfold.as_bytes());
    cases.push(case(unicode, stored("eskerfold", None)));

    // Encodings: UTF-16 with a byte-order mark, Windows-1252, NUL bytes and invalid UTF-8.
    let dunmallagh = minutes(
        "Dunmallagh County Council",
        "Finance Committee",
        "7 October 2018",
        "dunmallagh",
    )
    .replace("£48,000", "€48,000");
    write(root, "encodings/utf16.txt", &utf16le_with_bom(&dunmallagh));
    cases.push(case(
        "encodings/utf16.txt",
        stored("dunmallagh", Some("decoded_utf16")),
    ));
    let ploverscar = minutes(
        "Ploverscar Town Council",
        "Finance Committee",
        "8 October 2018",
        "ploverscar",
    );
    let cp1252: Vec<u8> = ploverscar
        .chars()
        .map(|c| if c == '£' { 0xA3 } else { c as u8 })
        .collect();
    write(root, "encodings/windows-1252.txt", &cp1252);
    cases.push(case(
        "encodings/windows-1252.txt",
        stored("ploverscar", Some("decoded_windows_1252")),
    ));
    let gorse = minutes(
        "Gorsethwaite Parish Council",
        "Allotments Committee",
        "1 April 2017",
        "gorsethwaite",
    );
    let mut dirty = Vec::new();
    for (i, line) in gorse.lines().enumerate() {
        dirty.extend_from_slice(line.as_bytes());
        // A NUL here and there, and once a byte that is not UTF-8, among “curly” quotes.
        dirty.extend_from_slice(match i % 4 {
            0 => &b"\0"[..],
            1 => "  \u{201C}noted\u{201D}".as_bytes(),
            2 if i == 2 => &b"\xFF"[..],
            _ => &b""[..],
        });
        dirty.push(b'\n');
    }
    write(root, "encodings/nul and bad utf-8.txt", &dirty);
    cases.push(case(
        "encodings/nul and bad utf-8.txt",
        stored("gorsethwaite", Some("nul_removed")),
    ));

    // No recognisable structure: stored, as an unknown document with diagnostics.
    write(
        root,
        "shopping list.txt",
        b"flour\neggs\nkettlewick tea\nstring for the runner beans\n",
    );
    cases.push(case("shopping list.txt", stored("kettlewick", None)));

    // Empty, too large, binary.
    write(root, "empty.txt", b"");
    cases.push(case("empty.txt", failed("empty_file", "empty file")));
    let big = minutes(
        "Oversize Council",
        "Budget Committee",
        "1 January 2020",
        "oversize",
    )
    .repeat(MAX_BYTES as usize / 400);
    write(root, "too large.txt", big.as_bytes());
    cases.push(case(
        "too large.txt",
        // MAX_BYTES, as the message writes it.
        failed("too_large", "limit 200000 bytes"),
    ));
    write(root, "binary.txt", &noise(4096, 7));
    cases.push(case("binary.txt", failed("not_text", "binary data")));

    // Broken and awkward PDFs.
    write(root, "pdf/empty.pdf", b"");
    cases.push(case("pdf/empty.pdf", failed("empty_file", "empty file")));
    let long_text = minutes(
        "Truncby Council",
        "Audit Committee",
        "3 May 2016",
        "truncby",
    )
    .repeat(6);
    write(
        root,
        "pdf/truncated.pdf",
        &pdfgen::truncated_pdf(&long_text).expect("truncated PDF"),
    );
    cases.push(case(
        "pdf/truncated.pdf",
        failed("pdf_malformed", "malformed PDF"),
    ));
    let xref = pdfgen::broken_xref_pdf(&minutes(
        "Tollemarsh Council",
        "Audit Committee",
        "4 May 2016",
        "tollemarsh",
    ))
    .expect("broken xref PDF");
    write(root, "pdf/broken xref.pdf", &xref);
    cases.push(case(
        "pdf/broken xref.pdf",
        stored("tollemarsh", Some("pdf_repaired")),
    ));
    let secret = minutes(
        "Sealbridge Council",
        "Staffing Committee",
        "5 May 2016",
        "sealbridge",
    );
    write(
        root,
        "pdf/encrypted.pdf",
        &pdfgen::encrypted_pdf(&secret, "hunter2").expect("encrypted PDF"),
    );
    cases.push(case(
        "pdf/encrypted.pdf",
        failed("pdf_encrypted", "encrypted PDF"),
    ));
    let protected = minutes(
        "Seldenbrook Council",
        "Staffing Committee",
        "6 May 2016",
        "seldenbrook",
    );
    write(
        root,
        "pdf/copy protected.pdf",
        &pdfgen::encrypted_pdf(&protected, "").expect("copy-protected PDF"),
    );
    cases.push(case(
        "pdf/copy protected.pdf",
        stored("seldenbrook", Some("pdf_empty_password")),
    ));
    write(
        root,
        "pdf/scanned.pdf",
        &pdfgen::image_only_pdf(2).expect("image-only PDF"),
    );
    cases.push(case(
        "pdf/scanned.pdf",
        failed("pdf_no_text", "no text layer"),
    ));
    write(root, "pdf/random bytes.pdf", &noise(3000, 11));
    cases.push(case(
        "pdf/random bytes.pdf",
        failed("pdf_malformed", "not a PDF"),
    ));
    write(
        root,
        "pdf/error page.pdf",
        b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>",
    );
    cases.push(case(
        "pdf/error page.pdf",
        failed("pdf_malformed", "web page"),
    ));
    let mut png = b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR".to_vec();
    png.extend(noise(500, 3));
    write(root, "pdf/photo of a page.pdf", &png);
    cases.push(case(
        "pdf/photo of a page.pdf",
        failed("unsupported_type", "image (PNG)"),
    ));
    write(
        root,
        "pdf/self-drawing form.pdf",
        &pdfgen::self_referencing_form_pdf(None).expect("self-drawing PDF"),
    );
    cases.push(case(
        "pdf/self-drawing form.pdf",
        failed("pdf_crashed", "stack overflow"),
    ));

    // Word-processor files, by name and by content.
    let mut docx = b"PK\x03\x04\x14\0\x06\0\x08\0".to_vec();
    docx.extend_from_slice(b"[Content_Types].xml word/document.xml word/styles.xml");
    let mut odt = b"PK\x03\x04\x14\0\0\0".to_vec();
    odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text content.xml");
    let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    doc.extend(vec![0u8; 200]);
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    write(root, "office/report.docx", &docx);
    cases.push(case(
        "office/report.docx",
        failed("unsupported_type", "word-processor document"),
    ));
    write(root, "office/report.odt", &odt);
    cases.push(case(
        "office/report.odt",
        failed("unsupported_type", "word-processor document"),
    ));
    write(root, "office/report.doc", &doc);
    cases.push(case(
        "office/report.doc",
        failed("unsupported_type", "word-processor document"),
    ));
    write(root, "office/word file renamed.txt", &docx);
    cases.push(case(
        "office/word file renamed.txt",
        failed("unsupported_type", "Word document (.docx)"),
    ));
    write(root, "office/old word file renamed.txt", &doc);
    cases.push(case(
        "office/old word file renamed.txt",
        failed("unsupported_type", "Word 97-2003 document (.doc)"),
    ));
    write(root, "office/writer file renamed.md", &odt);
    cases.push(case(
        "office/writer file renamed.md",
        failed("unsupported_type", "OpenDocument text (.odt)"),
    ));

    // Files that cannot be read, in ways that bite even for root.
    #[cfg(unix)]
    {
        let unreadable = root.join("unreadable");
        fs::create_dir_all(&unreadable).expect("mkdir");
        std::os::unix::fs::symlink(
            root.join("nowhere/minutes.txt"),
            unreadable.join("broken link.txt"),
        )
        .expect("symlink");
        cases.push(case(
            "unreadable/broken link.txt",
            failed("unreadable", "broken link"),
        ));
        let fifo = unreadable.join("named pipe.txt");
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
        // SAFETY: mkfifo reads a NUL-terminated path we own.
        let made = unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) };
        assert_eq!(made, 0, "a named pipe is made for the test");
        cases.push(case(
            "unreadable/named pipe.txt",
            failed("unreadable", "named pipe"),
        ));
        let socket = std::os::unix::net::UnixListener::bind(unreadable.join("socket.txt"))
            .expect("a socket is made for the test");
        drop(socket);
        cases.push(case(
            "unreadable/socket.txt",
            failed("unreadable", "socket"),
        ));
        let locked = write(
            root,
            "unreadable/no permission.txt",
            minutes(
                "Lockwood Council",
                "Cabinet",
                "2 June 2015",
                "lockwoodshire",
            )
            .as_bytes(),
        );
        let want = if make_unreadable(&locked) {
            failed("unreadable", "permission denied")
        } else {
            eprintln!("running as root: chmod 000 does not bite, the file reads");
            stored("lockwoodshire", None)
        };
        cases.push(case("unreadable/no permission.txt", want));
    }

    // Paths given beside the folder: the same file again, a path under a file, a missing one.
    let extra = vec![
        (
            root.join("good/planning 2021.txt"),
            Want::SameAs {
                first: "good/planning 2021.txt",
            },
        ),
        (
            root.join("good/planning 2021.txt/inside a file.txt"),
            failed("io", "Not a directory"),
        ),
        (
            root.join("no such folder"),
            failed("not_found", "no such file or folder"),
        ),
    ];
    (cases, extra)
}

fn outcome<'a>(summary: &'a ImportSummary, path: &Path, nth: usize) -> &'a ImportOutcome {
    let text = path.to_string_lossy();
    summary
        .outcomes
        .iter()
        .filter(|o| o.path == text)
        .nth(nth)
        .unwrap_or_else(|| panic!("{text} must have an outcome (#{nth})"))
}

fn search_ids(lib: &Library, word: &str) -> Vec<i64> {
    let results = lib
        .search(&SearchQuery {
            text: word.into(),
            ..SearchQuery::default()
        })
        .unwrap_or_else(|e| panic!("searching {word:?} must work: {e}"));
    let mut ids: Vec<i64> = results.hits.iter().map(|h| h.meeting_id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[test]
fn every_kind_of_bad_file_fails_alone_with_its_reason_and_the_good_files_import() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("council downloads");
    let (cases, extra) = batch(&root);
    let lib = Library::open(dir.path().join("library.db")).expect("library");
    let importer = Importer::new(lib.clone(), config(2_000)).with_threads(2);
    let mut args = vec![root.clone()];
    args.extend(extra.iter().map(|(p, _)| p.clone()));
    let summary = importer.import(&args, &mut |_| {});

    let mut expected: Vec<(PathBuf, usize, Want)> = cases
        .iter()
        .map(|c| (root.join(&c.rel), 0, c.want.clone()))
        .collect();
    for (path, want) in &extra {
        let nth = usize::from(expected.iter().any(|(p, _, _)| p == path));
        expected.push((path.clone(), nth, want.clone()));
    }
    assert_eq!(
        summary.outcomes.len(),
        expected.len(),
        "every listed file and every path given has exactly one outcome: {:#?}",
        summary
            .outcomes
            .iter()
            .map(|o| (&o.path, &o.code))
            .collect::<Vec<_>>()
    );

    let mut stored_ids = Vec::new();
    for (path, nth, want) in &expected {
        let o = outcome(&summary, path, *nth);
        let name = path.display();
        match want {
            Want::Stored { word, diagnostic } => {
                assert_eq!(
                    o.status,
                    ImportStatus::Imported,
                    "{name} must be stored: {} {}",
                    o.code.as_deref().unwrap_or(""),
                    o.message
                );
                let id = o.document_id.expect("a stored file has its document id");
                stored_ids.push(id);
                assert_eq!(
                    search_ids(&lib, word),
                    vec![id],
                    "{name}: a search for {word:?} finds this file alone"
                );
                if let Some(code) = diagnostic {
                    let source = lib.source(id).expect("stored text");
                    let detail = lib.meeting(id).expect("stored meeting");
                    let codes: Vec<&str> = source
                        .diagnostics
                        .iter()
                        .chain(&detail.record.diagnostics)
                        .map(|d| d.code.as_str())
                        .collect();
                    assert!(
                        codes.contains(code),
                        "{name}: what was done to read it is reported ({code}), got {codes:?}"
                    );
                }
            }
            Want::SameAs { first } => {
                let first = outcome(&summary, &root.join(first), 0);
                assert_eq!(
                    o.document_id, first.document_id,
                    "{name}: the same bytes are one document"
                );
                assert!(
                    o.status == ImportStatus::Duplicate || first.status == ImportStatus::Duplicate,
                    "{name}: one of the two copies is a duplicate"
                );
            }
            Want::Failed { code, says } => {
                assert_eq!(
                    (o.status, o.code.as_deref()),
                    (ImportStatus::Failed, Some(*code)),
                    "{name} must fail as {code}: {}",
                    o.message
                );
                assert!(
                    o.message.contains(says),
                    "{name}: the message must say {says:?}, got {:?}",
                    o.message
                );
                assert!(o.document_id.is_none(), "{name}: nothing is stored");
            }
        }
    }

    // The specific readings.
    let by_rel = |rel: &str| {
        outcome(&summary, &root.join(rel), 0)
            .document_id
            .expect("stored")
    };
    let list = lib.meeting(by_rel("shopping list.txt")).expect("stored");
    assert_eq!(
        list.meeting.kind,
        DocKind::Unknown,
        "text with no structure is stored as an unknown document"
    );
    assert!(
        !list.record.diagnostics.is_empty(),
        "an unknown document says what was not found"
    );
    let text_of = |rel: &str| {
        lib.source(by_rel(rel))
            .expect("stored text")
            .pages
            .iter()
            .map(|p| p.text.clone())
            .collect::<String>()
    };
    assert!(
        text_of("encodings/utf16.txt").contains("€48,000"),
        "UTF-16 text keeps its euro sign"
    );
    assert!(
        text_of("encodings/windows-1252.txt").contains("£48,000"),
        "Windows-1252 text keeps its pound sign"
    );
    let dirty = text_of("encodings/nul and bad utf-8.txt");
    assert!(
        !dirty.contains('\0') && dirty.contains('\u{FFFD}') && dirty.contains("“noted”"),
        "NULs are removed, a bad byte is replaced, good characters stay: {dirty:?}"
    );
    let unicode = lib
        .document(by_rel("Ünïcode – folder/minutes with spaces ☃ café.txt"))
        .expect("stored");
    assert_eq!(unicode.file_name, "minutes with spaces ☃ café.txt");
    assert!(
        unicode.path.contains("Ünïcode – folder"),
        "{}",
        unicode.path
    );

    // The library afterwards: exactly the stored files, whole.
    let lib_path = lib.path().expect("a file library").to_path_buf();
    assert_eq!(
        summary.imported as usize,
        stored_ids.len(),
        "the summary counts the stored files"
    );
    assert_eq!(
        lib.stats().expect("stats").documents as usize,
        stored_ids.len(),
        "the library holds the stored files and nothing of the failed ones"
    );
    assert_healthy(&lib_path);

    // The same batch again changes nothing and fails the same way.
    let before = row_counts(&lib_path);
    let again = importer.import(&args, &mut |_| {});
    assert_eq!(again.imported, 0, "nothing is imported twice");
    assert_eq!(
        again.failed, summary.failed,
        "the bad files fail again, alike"
    );
    for (first, second) in summary.outcomes.iter().zip(&again.outcomes) {
        assert_eq!(
            (&first.path, &first.code),
            (&second.path, &second.code),
            "the second import gives each file the same outcome"
        );
    }
    assert_eq!(
        row_counts(&lib_path),
        before,
        "a second import writes nothing"
    );
    assert_healthy(&lib_path);
}

#[test]
fn a_file_that_vanishes_mid_import_fails_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("batch");
    // More files than the readers may run ahead of the writer (64), so the last ones are not
    // read before the first is stored.
    let n = 80;
    let mut paths = Vec::new();
    for i in 0..n {
        let text = minutes(
            "Vanishing Vale Council",
            "Cabinet",
            &format!("{} March 2020", i % 28 + 1),
            &format!("vanishword{i:03}"),
        );
        paths.push(write(
            &root,
            &format!("minutes {i:03}.txt"),
            text.as_bytes(),
        ));
    }
    let doomed = paths[n - 3].clone();
    let lib = Library::open(dir.path().join("library.db")).expect("library");
    let importer = Importer::new(lib.clone(), config(2_000)).with_threads(1);
    let mut first = true;
    let summary = importer.import(std::slice::from_ref(&root), &mut |_| {
        if first {
            first = false;
            fs::remove_file(&doomed).expect("the file is deleted mid-import");
        }
    });
    let gone = outcome(&summary, &doomed, 0);
    assert_eq!(
        (gone.status, gone.code.as_deref()),
        (ImportStatus::Failed, Some("vanished")),
        "a file deleted after it was listed fails as vanished: {}",
        gone.message
    );
    assert!(gone.message.contains("disappeared"), "{}", gone.message);
    assert_eq!(
        (summary.imported, summary.failed),
        (n as u32 - 1, 1),
        "every other file imports"
    );
    assert_eq!(search_ids(&lib, "vanishword078").len(), 1);
    assert!(search_ids(&lib, "vanishword077").is_empty());
    assert_healthy(lib.path().expect("file"));
}

#[test]
fn an_agenda_pack_of_520_pages_imports_within_the_limits_or_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack = write(
        dir.path(),
        "agenda pack.pdf",
        &pdfgen::many_pages_pdf(520).expect("a 520-page PDF"),
    );
    let good = write(
        dir.path(),
        "minutes.txt",
        minutes(
            "Packwood Council",
            "Full Council",
            "1 July 2021",
            "packwoodian",
        )
        .as_bytes(),
    );
    let paths = [pack.clone(), good];

    let strict = Library::open(dir.path().join("strict.db")).expect("library");
    let summary = Importer::new(strict.clone(), config(500)).import(&paths, &mut |_| {});
    let refused = outcome(&summary, &pack, 0);
    assert_eq!(refused.code.as_deref(), Some("too_many_pages"));
    assert_eq!(
        refused.message, "too many pages: 520 (limit 500)",
        "the refusal names the count and the limit"
    );
    assert_eq!(summary.imported, 1, "the other file imports");
    assert_healthy(strict.path().expect("file"));

    let roomy = Library::open(dir.path().join("roomy.db")).expect("library");
    let summary = Importer::new(roomy.clone(), config(2_000)).import(&paths, &mut |_| {});
    let read = outcome(&summary, &pack, 0);
    assert_eq!(
        read.status,
        ImportStatus::Imported,
        "within the limits a long agenda pack imports: {}",
        read.message
    );
    let doc = roomy
        .document(read.document_id.expect("stored"))
        .expect("document");
    assert_eq!(doc.page_count, 520, "every page is stored");
    let hits = roomy
        .search(&SearchQuery {
            text: "\"page 517 of a long generated document\"".into(),
            ..SearchQuery::default()
        })
        .expect("search");
    assert_eq!(hits.total, 1, "a late page is searchable");
    assert_healthy(roomy.path().expect("file"));
}
