//! Several programs on one library: two imports at once, reads while an import writes, and a
//! library another version made.
//!
//! The app and the CLI share the library file, so a user can run a script while the app
//! imports, or start two imports. SQLite allows one writer at a time; these tests hold
//! Scrutineer to what that must mean for a user: both imports finish, each file is stored once,
//! the file stays whole, and a reader is answered while a writer holds the lock.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{health, marker, scrutineer, write_corpus};
use rusqlite::{Connection, TransactionBehavior};
use scrutineer_core::model::SearchQuery;
use scrutineer_core::store::Library;
use serde_json::Value;

fn summary_of(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "the import prints its JSON summary ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn count(summary: &Value, key: &str) -> u64 {
    summary[key].as_u64().unwrap_or(u64::MAX)
}

#[test]
fn two_imports_of_overlapping_folders_at_once_store_each_file_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    // 300 files in three folders of 100: one import takes the first two, the other the last
    // two, so the middle folder is imported by both at the same time.
    let corpus = write_corpus(&dir.path().join("minutes"), 300, 0, 77);
    let folder = |i: usize| corpus.root.join(format!("year {i}"));
    let db = dir.path().join("shared library.db");
    let tag = format!("overlap-{}", std::process::id());
    let start = |a: usize, b: usize| {
        scrutineer(&db, &tag)
            .args(["--json", "import"])
            .arg(folder(a))
            .arg(folder(b))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("an importer starts")
    };
    let first = start(0, 1);
    let second = start(1, 2);
    let first = first.wait_with_output().expect("the first import ends");
    let second = second.wait_with_output().expect("the second import ends");
    assert!(
        first.status.success() && second.status.success(),
        "both imports succeed; stderr: {} / {}",
        String::from_utf8_lossy(&first.stderr),
        String::from_utf8_lossy(&second.stderr)
    );
    let (a, b) = (summary_of(&first), summary_of(&second));
    assert_eq!(
        (count(&a, "failed"), count(&b, "failed")),
        (0, 0),
        "no file fails because another program was writing"
    );
    assert_eq!(
        count(&a, "imported") + count(&b, "imported"),
        300,
        "every file is stored by one of the two"
    );
    assert_eq!(
        count(&a, "duplicates") + count(&b, "duplicates"),
        100,
        "the files both imported are stored once and found as duplicates by the other"
    );

    health::assert_healthy(&db);
    let conn = Connection::open(&db).expect("raw");
    let (documents, distinct): (i64, i64) = conn
        .query_row(
            "SELECT count(*), count(DISTINCT sha256) FROM documents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("count");
    assert_eq!(
        (documents, distinct),
        (300, 300),
        "each file is stored once"
    );
    let lib = Library::open(&db).expect("library");
    for i in [0, 150, 299] {
        let hits = lib
            .search(&SearchQuery {
                text: marker(i),
                ..SearchQuery::default()
            })
            .expect("search");
        assert_eq!(hits.total, 1, "file {i} is stored once and searchable");
    }
}

#[test]
fn a_reader_is_answered_while_an_import_holds_the_writer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = write_corpus(&dir.path().join("minutes"), 400, 0, 91);
    let db = dir.path().join("library.db");
    let tag = format!("reader-{}", std::process::id());
    // The library exists before the import starts, so the probes below have a file to read.
    let lib = Library::open(&db).expect("library");
    let mut child = scrutineer(&db, &tag)
        .args(["--json", "import"])
        .arg(&corpus.root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the importer starts");

    // Probe the write lock without waiting for it; whenever the importer holds it, read.
    let probe = Connection::open(&db).expect("a probe connection");
    probe
        .busy_timeout(Duration::ZERO)
        .expect("no waiting for locks");
    let mut probe = probe;
    let (mut reads_under_lock, mut probes, mut last_seen, mut last_hits) = (0, 0, 0u32, 0u64);
    let deadline = Instant::now() + Duration::from_secs(300);
    while matches!(child.try_wait(), Ok(None)) && Instant::now() < deadline {
        probes += 1;
        let held = match probe.transaction_with_behavior(TransactionBehavior::Immediate) {
            Ok(tx) => {
                drop(tx);
                false
            }
            Err(_) => true,
        };
        if !held {
            std::thread::sleep(Duration::from_millis(2));
            continue;
        }
        // The importer is writing now: a reader must be answered, with a committed state.
        let stats = lib
            .stats()
            .expect("a read succeeds while the importer holds the writer");
        let hits = lib
            .search(&SearchQuery {
                text: "fostering".into(),
                ..SearchQuery::default()
            })
            .expect("a search succeeds while the importer holds the writer");
        assert!(
            stats.documents >= last_seen,
            "a reader never sees documents disappear ({} after {last_seen})",
            stats.documents
        );
        assert!(
            hits.total >= last_hits,
            "a search never loses committed paragraphs ({} after {last_hits})",
            hits.total
        );
        last_seen = stats.documents;
        last_hits = hits.total;
        reads_under_lock += 1;
    }
    let status = child.wait().expect("the importer ends");
    assert!(
        status.code() == Some(1),
        "the import ends (exit 1: the folder holds two bad files)"
    );
    assert_eq!(
        lib.stats().expect("stats").documents,
        400,
        "the import finished"
    );
    println!(
        "{probes} probes, {reads_under_lock} reads answered while the importer held the writer"
    );
    assert!(
        reads_under_lock > 0,
        "the importer was caught holding the writer at least once ({probes} probes)"
    );
    health::assert_healthy(&db);
}

#[test]
fn failures_name_the_file_and_the_reason_and_a_newer_library_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("downloads");
    std::fs::create_dir_all(&root).expect("mkdir");
    std::fs::write(
        root.join("agenda pack.docx"),
        b"PK\x03\x04 word/document.xml",
    )
    .expect("write");
    std::fs::write(root.join("scan.pdf"), b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR").expect("write");
    std::fs::write(root.join("empty minutes.txt"), b"").expect("write");
    std::fs::write(
        root.join("good minutes.txt"),
        common::minutes(&mut common::Rng::new(1), "goodmark"),
    )
    .expect("write");
    let db = dir.path().join("library.db");
    let out = scrutineer(&db, "messages")
        .arg("import")
        .arg(&root)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed file makes the exit code 1"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for (file, reason) in [
        ("agenda pack.docx", "word-processor document"),
        ("scan.pdf", "image (PNG)"),
        ("empty minutes.txt", "empty file"),
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with("failed") && l.contains(file) && l.contains(reason)),
            "the output names {file} and why it failed ({reason}):\n{text}"
        );
    }
    assert!(
        text.contains("1 imported, 0 duplicates, 3 failed"),
        "the summary counts them:\n{text}"
    );

    // A library from a newer version: refused, with what to do, and left as it was.
    Connection::open(&db)
        .expect("raw")
        .execute_batch("PRAGMA user_version = 999;")
        .expect("a newer version");
    let before = std::fs::read(&db).expect("read");
    let out = scrutineer(&db, "messages")
        .arg("info")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("newer version of Scrutineer") && err.contains(&*db.to_string_lossy()),
        "the refusal names the library and the reason: {err}"
    );
    assert_eq!(
        std::fs::read(&db).expect("read"),
        before,
        "not a byte changes"
    );
    assert!(Path::new(&db).exists());
}
