//! Libraries made by other versions of Scrutineer, and copies taken while one is busy.
//!
//! A library lives on a user's laptop for years and is opened by whatever version they run
//! today. An older library must open and upgrade with every row intact; one made by a newer
//! version must be refused with a clear message and not a byte changed; a migration that fails
//! half-way must leave the library as it was. And a backup taken while an import is writing
//! must be a whole library, never a torn one.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use rusqlite::Connection;
use scrutineer_core::import::Importer;
use scrutineer_core::ingest::IngestConfig;
use scrutineer_core::model::{AnalysisScope, ImportStatus, SearchQuery};
use scrutineer_core::store::{Library, MIGRATIONS, SCHEMA_VERSION};
use scrutineer_core::Error;

use super::health::{assert_healthy, row_counts};

/// A library as the first release (schema version 1) wrote it, with rows in every table.
fn version_1_library(path: &Path) {
    let mut conn = Connection::open(path).expect("a raw connection");
    MIGRATIONS
        .to_version(&mut conn, 1)
        .expect("the first schema applies");
    conn.execute_batch(
        "INSERT INTO documents (id, sha256, file_name, path, format, extractor, bytes, page_count,
                                imported_at, title, ingest_diagnostics, removed_lines)
         VALUES (1, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                 'fenby 2018.txt', '/minutes/fenby 2018.txt', 'text', 'plain', 812, 2,
                 '2019-01-02T10:00:00Z', NULL, '[]', '[]'),
                (2, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
                 'marlow vale.pdf', '/minutes/marlow vale.pdf', 'pdf', 'pdf-extract', 20480, 1,
                 '2019-01-03T10:00:00Z', 'Scrutiny Board',
                 '[{\"level\":\"info\",\"code\":\"pdf_fallback_extractor\",\"message\":\"one page\"}]',
                 '[{\"page\":1,\"text\":\"Page 1 of 1\"}]');
         INSERT INTO pages (document_id, number, text) VALUES
                (1, 1, 'Fenby Town Council. Minutes of the Finance Committee, 3 December 2018.'),
                (1, 2, 'Members noted that fostering allowances rose to 210 pounds a week.'),
                (2, 1, 'Marlow Vale Council. Scrutiny Board, 9 January 2019. Youth services.');
         INSERT INTO meetings (id, kind, title, council_name, council_confidence, council_evidence,
                               council_page, council_span_start, council_span_end,
                               committee_name, committee_confidence, date_value,
                               date_confidence, confidence, council, committee, meeting_date,
                               text_chars, item_count, resolution_count, figure_count,
                               paragraph_count, diagnostics)
         VALUES (1, 'minutes', NULL, 'Fenby Town Council', 0.95, 'Fenby Town Council', 1, 0, 18,
                 'Finance Committee', 0.9, '2018-12-03', 0.9, 0.9, 'Fenby Town Council',
                 'Finance Committee', '2018-12-03', 140, 2, 1, 1, 2, '[]'),
                (2, 'minutes', 'Scrutiny Board', 'Marlow Vale Council', 0.4, NULL, NULL, NULL,
                 NULL, 'Scrutiny Board', 0.8, NULL, 0.0, 0.5, 'Marlow Vale Borough Council',
                 'Scrutiny Board', '2019-01-09', 70, 1, 0, 0, 1,
                 '[{\"level\":\"warning\",\"code\":\"no_date\",\"message\":\"no date found\"}]');
         INSERT INTO corrections (meeting_id, field, value, corrected_at) VALUES
                (2, 'council', 'Marlow Vale Borough Council', '2019-02-01T09:00:00Z'),
                (2, 'meeting_date', '2019-01-09', '2019-02-01T09:00:00Z');
         INSERT INTO attendees (meeting_id, list, position, name, role, chair, vice_chair) VALUES
                (1, 'present', 0, 'Councillor R. Amble', NULL, 1, 0),
                (1, 'apologies', 0, 'Councillor T. Greaves', NULL, 0, 0);
         INSERT INTO items (id, meeting_id, position, number, title, page, span_start, span_end,
                            standing)
         VALUES (1, 1, 0, '1', 'Apologies', 1, 0, 70, 'apologies'),
                (2, 1, 1, '2', 'Fostering allowances', 2, 72, 140, NULL),
                (3, 2, 0, NULL, 'Youth services', 1, 0, 70, NULL);
         INSERT INTO paragraphs (id, meeting_id, position, item_id, page, text, span_start,
                                 span_end)
         VALUES (1, 1, 0, 1, 1, 'Apologies were received from a foster carer on the panel.', 0, 70),
                (2, 1, 1, 2, 2, 'Members noted that fostering allowances rose to 210 pounds a week.', 72, 140),
                (3, 2, 0, 3, 1, 'The board heard about youth services in the Marlow Vale wards.', 0, 70);
         INSERT INTO paragraphs_fts (rowid, text) SELECT id, text FROM paragraphs;
         INSERT INTO resolutions (meeting_id, item_id, item_label, position, text, page,
                                  span_start, span_end)
         VALUES (1, 2, '2', 0, 'That the allowances be noted.', 2, 80, 120);
         INSERT INTO figures (meeting_id, position, item_id, paragraph_id, text, value, value_max,
                              unit, what, approximate, sentence, page, span_start, span_end)
         VALUES (1, 0, 2, 2, '210 pounds', 210, NULL, 'gbp', 'fostering allowance', 0,
                 'Members noted that fostering allowances rose to 210 pounds a week.', 2, 110, 120);",
    )
    .expect("rows as the first release wrote them");
}

/// Every row of the first schema's tables, in their first-schema columns only, as text.
fn version_1_rows(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).expect("a raw connection");
    let tables = [
        ("documents", "id"),
        ("pages", "document_id, number"),
        ("meetings", "id"),
        ("corrections", "meeting_id, field"),
        ("attendees", "id"),
        ("items", "id"),
        ("paragraphs", "id"),
        ("resolutions", "id"),
        ("figures", "id"),
    ];
    let v1 = Connection::open_in_memory().expect("memory");
    let mut v1 = v1;
    MIGRATIONS.to_version(&mut v1, 1).expect("first schema");
    let mut out = Vec::new();
    for (table, order) in tables {
        // The first schema's columns of this table, from a database made with it alone.
        let mut stmt = v1
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .expect("table info");
        let columns: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .expect("columns")
            .collect::<Result<_, _>>()
            .expect("names");
        let sql = format!(
            "SELECT {} FROM {table} ORDER BY {order}",
            columns.join(", ")
        );
        let mut stmt = conn.prepare(&sql).expect("select");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", row.get_ref(i).expect("cell")))
                    .collect();
                Ok(format!("{table}: {}", cells.join(" | ")))
            })
            .expect("rows");
        for r in rows {
            out.push(r.expect("row"));
        }
    }
    out
}

fn user_version(path: &Path) -> i64 {
    Connection::open(path)
        .expect("raw")
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version")
}

/// The files in a folder, by name.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_version_1_library_opens_upgraded_with_every_row_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old library.db");
    version_1_library(&path);
    let before = version_1_rows(&path);
    assert_eq!(user_version(&path), 1);

    let lib = Library::open(&path).expect("a version 1 library opens");
    assert_eq!(
        user_version(&path),
        SCHEMA_VERSION,
        "it is upgraded to this build's schema"
    );
    assert_eq!(
        version_1_rows(&path),
        before,
        "every row of the first schema is kept, column for column"
    );
    assert_healthy(&path);

    // The old rows work through today's API.
    let detail = lib.meeting(2).expect("an old meeting reads");
    assert_eq!(
        detail.meeting.council.as_deref(),
        Some("Marlow Vale Borough Council"),
        "a correction made in the first release still applies"
    );
    let hits = lib
        .search(&SearchQuery {
            text: "allowances".into(),
            ..SearchQuery::default()
        })
        .expect("search");
    assert_eq!(hits.total, 1, "the old search index answers");
    let source = lib.source(2).expect("stored text");
    assert_eq!(source.removed_lines.len(), 1, "removed lines are kept");
    let conn = Connection::open(&path).expect("raw");
    let paragraph: Option<i64> = conn
        .query_row("SELECT paragraph_id FROM resolutions", [], |r| r.get(0))
        .expect("resolution");
    assert_eq!(
        paragraph,
        Some(2),
        "the upgrade finds the paragraph holding each old resolution"
    );
    let heat = lib.heatmap(&AnalysisScope::default()).expect("heatmap");
    assert!(
        heat.cells
            .iter()
            .any(|c| c.theme_id == "fostering" && c.council == "Fenby Town Council"),
        "old paragraphs are matched against the codebook on upgrade"
    );

    // Opening again changes nothing.
    drop(lib);
    let counts = row_counts(&path);
    Library::open(&path).expect("reopens");
    assert_eq!(row_counts(&path), counts);
    assert_eq!(version_1_rows(&path), before);
}

#[test]
fn a_library_from_a_newer_version_is_refused_and_not_a_byte_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("library.db");
    {
        // A real library of this version, then a newer version's migration on top.
        let lib = Library::open(&path).expect("library");
        drop(lib);
        let conn = Connection::open(&path).expect("raw");
        conn.execute_batch(&format!(
            "CREATE TABLE from_the_future (x TEXT); INSERT INTO from_the_future VALUES ('hello');
             PRAGMA user_version = {};",
            SCHEMA_VERSION + 1
        ))
        .expect("a newer schema");
    }
    let files = listing(dir.path());
    let bytes = fs::read(&path).expect("read");
    match Library::open(&path) {
        Err(e @ Error::SchemaTooNew { .. }) => {
            assert_eq!(e.code(), "schema_too_new");
            let message = e.to_string();
            assert!(
                message.contains("newer version of Scrutineer") && message.contains("upgrade"),
                "the refusal says what happened and what to do: {message}"
            );
        }
        other => panic!("a newer library must be refused, got {other:?}"),
    }
    assert_eq!(
        fs::read(&path).expect("read"),
        bytes,
        "the newer library is not modified"
    );
    assert_eq!(
        listing(dir.path()),
        files,
        "no journal or other file is left beside it"
    );
    assert_eq!(user_version(&path), SCHEMA_VERSION + 1);
}

#[test]
fn a_migration_that_fails_leaves_the_library_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old library.db");
    version_1_library(&path);
    // Something in the way of the second migration (a table of the name it creates), so it
    // fails part-way through, after several of its statements have run.
    Connection::open(&path)
        .expect("raw")
        .execute_batch(
            "CREATE TABLE council_months (mine TEXT); INSERT INTO council_months VALUES ('x');",
        )
        .expect("an obstacle");
    let before = version_1_rows(&path);
    let err = Library::open(&path).expect_err("the migration fails");
    assert_eq!(err.code(), "migration", "{err}");
    assert_eq!(
        user_version(&path),
        1,
        "a failed migration leaves the schema version as it was"
    );
    assert_eq!(
        version_1_rows(&path),
        before,
        "and every row as it was: the migration is one transaction"
    );
    let conn = Connection::open(&path).expect("raw");
    let codebook: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'codebook'",
            [],
            |r| r.get(0),
        )
        .expect("schema");
    assert_eq!(
        codebook, 0,
        "no table of the failed migration is left behind"
    );
}

/// Minutes of a made-up meeting, numbered so every file differs.
fn minutes(n: usize) -> String {
    format!(
        "Copperfield District Council\n\nMinutes of the Cabinet held on {} May 2021\n\n\
         1. Apologies\n\nNone were received.\n\n2. Play area number {n}\n\n\
         The Cabinet considered replacing the swings at play area {n}, costed at £{n},500, \
         and the fostering service's request for more support.\n\n\
         RESOLVED: that the replacement be approved (backupword{n}).\n",
        n % 28 + 1
    )
}

fn write_batch(dir: &Path, n: usize) -> PathBuf {
    let root = dir.join("batch");
    fs::create_dir_all(&root).expect("mkdir");
    for i in 0..n {
        fs::write(root.join(format!("minutes {i:04}.txt")), minutes(i)).expect("write");
    }
    root
}

#[test]
fn a_backup_taken_during_an_import_is_a_whole_library() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = 240;
    let root = write_batch(dir.path(), files);
    let lib = Library::open(dir.path().join("library.db")).expect("library");

    let importing = Arc::new(AtomicBool::new(true));
    let backups_done = Arc::new(AtomicUsize::new(0));
    let (started_tx, started) = mpsc::channel();
    let import = {
        let lib = lib.clone();
        let root = root.clone();
        let importing = Arc::clone(&importing);
        let backups_done = Arc::clone(&backups_done);
        std::thread::spawn(move || {
            let importer = Importer::new(lib, IngestConfig::default()).with_threads(2);
            let mut stored = 0;
            let summary = importer.import(&[root], &mut |p| {
                stored += 1;
                if stored == 20 {
                    let _ = started_tx.send(());
                }
                // Half-way, the import waits (writing nothing) until a backup has finished
                // since it started, so at least one backup certainly lands mid-import; the
                // others race the writer.
                if stored == files / 2 {
                    for _ in 0..600 {
                        if backups_done.load(Ordering::SeqCst) > 0 {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(100));
                    }
                }
                assert_ne!(
                    p.outcome.status,
                    ImportStatus::Failed,
                    "{}",
                    p.outcome.message
                );
            });
            importing.store(false, Ordering::SeqCst);
            summary
        })
    };
    started.recv().expect("the import stores its first files");

    let mut copies = Vec::new();
    let mut during = 0;
    while importing.load(Ordering::SeqCst) || copies.is_empty() {
        let copy = dir.path().join(format!("backups/copy {}.db", copies.len()));
        lib.backup(&copy)
            .expect("a backup succeeds while an import writes");
        backups_done.fetch_add(1, Ordering::SeqCst);
        if importing.load(Ordering::SeqCst) {
            during += 1;
        }
        copies.push(copy);
    }
    let summary = import.join().expect("the import thread");
    assert_eq!(
        summary.imported as usize, files,
        "the import itself is unharmed"
    );
    assert!(
        during >= 1,
        "at least one backup finished while the import was running"
    );

    let mut last = 0;
    for copy in &copies {
        assert_healthy(copy);
        let restored = Library::open(copy).expect("a backup opens as a library");
        let n = restored.stats().expect("stats").documents;
        assert!(
            n >= last && n as usize <= files,
            "each backup holds a whole prefix of the import ({n} after {last})"
        );
        last = n;
        if n > 0 {
            let word = format!("backupword{}", n - 1);
            let hits = restored
                .search(&SearchQuery {
                    text: word.clone(),
                    ..SearchQuery::default()
                })
                .expect("search");
            assert_eq!(
                hits.total, 1,
                "the last document in a backup is whole and searchable ({word})"
            );
        }
    }
    eprintln!(
        "{} backups, {during} finished mid-import, holding {:?} documents",
        copies.len(),
        copies
            .iter()
            .map(|c| row_counts(c)[0].1)
            .collect::<Vec<_>>()
    );
}

#[test]
fn libraries_opened_by_two_programs_at_once_are_created_and_upgraded_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Two connections racing to create (and, from version 1, to upgrade) the same library, as
    // the app and a CLI script started together do. Each round races on a new file.
    for round in 0..12 {
        let path = dir.path().join(format!("race {round}.db"));
        if round % 2 == 1 {
            version_1_library(&path);
        }
        let barrier = Arc::new(std::sync::Barrier::new(2));
        let openers: Vec<_> = (0..2)
            .map(|_| {
                let (path, barrier) = (path.clone(), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    Library::open(&path).map(|lib| lib.stats().map(|s| s.documents))
                })
            })
            .collect();
        for opener in openers {
            let opened = opener.join().expect("the opening thread");
            match opened {
                Ok(Ok(documents)) => assert_eq!(
                    documents,
                    if round % 2 == 1 { 2 } else { 0 },
                    "round {round}: each opener sees the library's documents"
                ),
                other => panic!(
                    "round {round}: a library opened by two programs at once must open for both, got {other:?}"
                ),
            }
        }
        assert_eq!(user_version(&path), SCHEMA_VERSION);
        assert_healthy(&path);
    }
}

#[test]
fn a_backup_finishes_while_another_program_keeps_writing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("library.db");
    let lib = Library::open(&path).expect("library");
    // A library of a few thousand pages (a year of minutes is far more).
    let conn = Connection::open(&path).expect("raw");
    conn.execute_batch(
        "CREATE TABLE ballast (text TEXT);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
         INSERT INTO ballast SELECT printf('%.3000c', 'x') FROM n;
         CREATE TABLE ticks (n INTEGER);",
    )
    .expect("ballast");
    drop(conn);

    // Another program commits small writes for as long as the backup runs (at most `CAP`).
    const CAP: u32 = 20_000;
    let backing_up = Arc::new(AtomicBool::new(true));
    let (writing_tx, writing) = mpsc::channel();
    let writer = {
        let (path, backing_up) = (path.clone(), Arc::clone(&backing_up));
        std::thread::spawn(move || {
            let conn = Connection::open(&path).expect("raw writer");
            conn.busy_timeout(Duration::from_secs(5)).expect("timeout");
            let mut commits = 0;
            while backing_up.load(Ordering::SeqCst) && commits < CAP {
                conn.execute("INSERT INTO ticks VALUES (?1)", [commits])
                    .expect("a small commit");
                commits += 1;
                if commits == 10 {
                    let _ = writing_tx.send(());
                }
            }
            commits
        })
    };
    writing.recv().expect("the writer is writing");
    lib.backup(dir.path().join("copy.db"))
        .expect("the backup succeeds");
    backing_up.store(false, Ordering::SeqCst);
    let commits = writer.join().expect("writer thread");
    eprintln!("{commits} commits by the other program while the backup ran");
    assert!(
        commits < CAP,
        "the backup must finish while the other program is still writing, not restart after \
         each of its commits until it stops ({commits} commits)"
    );
    assert_healthy(&dir.path().join("copy.db"));
    let copy = Connection::open(dir.path().join("copy.db")).expect("copy");
    let ballast: i64 = copy
        .query_row("SELECT count(*) FROM ballast", [], |r| r.get(0))
        .expect("ballast");
    assert_eq!(ballast, 20000, "the copy holds the whole library");
}
