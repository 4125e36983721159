//! The library on real SQLite files in temp dirs: schema, round trips, duplicates, atomicity,
//! corrections, deletion, search, concurrency and backups.
//!
//! Records here are made by hand (the extractor is tested elsewhere), with every field set, so
//! a column the store forgets shows up as a failed round trip.

use crate::fixture::date;
use crate::health::{assert_healthy, row_counts};
use std::sync::mpsc;
use std::time::Duration;

use chrono::{NaiveDate, TimeZone, Utc};
use rusqlite::Connection;
use scrutineer_core::model::*;
use scrutineer_core::store::{
    fts_query, Inserted, Library, NewDocument, Reextract, MIGRATIONS, RANKED_CANDIDATES,
    SCHEMA_VERSION,
};
use scrutineer_core::Error;
use tempfile::TempDir;

fn span(start: usize, end: usize) -> Span {
    Span { start, end }
}

fn person(name: &str, role: Option<&str>, chair: bool, vice_chair: bool) -> Person {
    Person {
        name: name.into(),
        role: role.map(str::to_string),
        chair,
        vice_chair,
    }
}

/// Two pages of minutes of a made-up council, written for these tests.
fn source(seed: &str) -> SourceText {
    SourceText {
        format: SourceFormat::Pdf,
        extractor: TextExtractor::Lopdf,
        pages: vec![
            PageText {
                number: 1,
                text: format!(
                    "Wessex Vale Borough Council\nMinutes of the Housing Panel ({seed})\n\
                     1. Foster carers\nThe panel heard that foster carers in the north of the \
                     borough wanted more respite support."
                ),
            },
            PageText {
                number: 2,
                text: "2. Budget\nThe café refurbishment would cost £12,500.".into(),
            },
        ],
        removed_lines: vec![RemovedLine {
            page: 2,
            text: "Page 2 of 2".into(),
        }],
        title: Some(format!("Housing Panel {seed}")),
        diagnostics: vec![Diagnostic::info("fallback_extractor", "read with lopdf")],
    }
}

/// A record with every field set.
fn record(council: &str, committee: &str, on: Option<NaiveDate>) -> MeetingRecord {
    MeetingRecord {
        kind: DocKind::Minutes,
        title: Some("Housing Panel minutes".into()),
        council: NamedField {
            name: Some(council.into()),
            confidence: 0.9,
            evidence: Some("Wessex Vale Borough Council".into()),
            page: Some(1),
            span: Some(span(0, 27)),
        },
        committee: NamedField {
            name: Some(committee.into()),
            confidence: 0.4,
            evidence: Some("Housing Panel".into()),
            page: Some(1),
            span: Some(span(44, 57)),
        },
        meeting_date: DateField {
            date: on,
            confidence: 0.75,
            evidence: on.map(|d| d.format("%-d %B %Y").to_string()),
            page: Some(1),
            span: Some(span(59, 70)),
            window: Some(DateWindow {
                from: Some(date(2018, 1, 1)),
                to: None,
            }),
        },
        start_time: Some("18:30".into()),
        end_time: Some("20:05".into()),
        venue: Some("Council Chamber, Town Hall".into()),
        attendance: Attendance {
            present: vec![
                person("Priya Okafor", None, true, false),
                person("Tom Lindqvist", None, false, true),
                person("Ann Hale", None, false, false),
            ],
            apologies: vec![person("Cllr Byrne", None, false, false)],
            in_attendance: vec![person("Dee Marsh", Some("Head of Housing"), false, false)],
        },
        items: vec![
            AgendaItem {
                number: Some("1".into()),
                title: "Foster carers".into(),
                page: 1,
                span: span(72, 180),
                standing: None,
            },
            AgendaItem {
                number: Some("2".into()),
                title: "Budget".into(),
                page: 2,
                span: span(182, 240),
                standing: Some(StandingItem::Procedural),
            },
        ],
        resolutions: vec![
            Resolution {
                item: Some("1".into()),
                item_index: Some(0),
                text: "the panel asks for a report on respite support".into(),
                page: 1,
                span: span(150, 180),
            },
            Resolution {
                item: None,
                item_index: None,
                text: "the notes be received".into(),
                page: 2,
                span: span(230, 240),
            },
        ],
        figures: vec![Figure {
            text: "£12,500".into(),
            value: 12_500.0,
            value_max: Some(13_000.0),
            unit: FigureUnit::Gbp,
            what: Some("café refurbishment".into()),
            approximate: true,
            sentence: "The café refurbishment would cost £12,500.".into(),
            page: 2,
            span: span(200, 207),
            paragraph_index: Some(1),
            item_index: Some(1),
        }],
        paragraphs: vec![
            Paragraph {
                text: "The panel heard that foster carers in the north of the borough wanted \
                       more respite support."
                    .into(),
                page: 1,
                item_index: Some(0),
                span: span(90, 180),
            },
            Paragraph {
                text: "The café refurbishment would cost £12,500.".into(),
                page: 2,
                item_index: Some(1),
                span: span(193, 240),
            },
        ],
        diagnostics: vec![Diagnostic::warning(
            "committee_guess",
            "committee read from a heading",
        )],
        confidence: 0.68,
    }
}

fn sha(n: u32) -> String {
    format!("{n:064x}")
}

fn new_doc(n: u32, record: MeetingRecord) -> NewDocument {
    NewDocument {
        sha256: sha(n),
        file_name: format!("minutes {n}.pdf"),
        path: format!("/archive/minutes {n}.pdf"),
        bytes: 4_096 + u64::from(n),
        imported_at: Utc
            .with_ymd_and_hms(2024, 5, 6, 7, 8, 9)
            .single()
            .expect("valid time"),
        source: source(&format!("doc {n}")),
        record,
    }
}

fn temp_library() -> (TempDir, Library) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let lib = Library::open(dir.path().join("nested/folder/library.db")).expect("library opens");
    (dir, lib)
}

fn insert_new(lib: &Library, doc: &NewDocument) -> MeetingSummary {
    match lib.insert_document(doc).expect("insert succeeds") {
        Inserted::New(summary) => summary,
        Inserted::Duplicate(id) => panic!("a new document must not be a duplicate (of #{id})"),
    }
}

fn search(lib: &Library, text: &str) -> SearchResults {
    lib.search(&SearchQuery {
        text: text.into(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("search {text:?} must not fail: {e}"))
}

#[test]
fn migrations_validate_and_set_the_schema_version() {
    MIGRATIONS
        .validate()
        .expect("every migration applies to an empty database");
    let (dir, lib) = temp_library();
    let path = lib.path().expect("a file library").to_path_buf();
    let conn = Connection::open(&path).expect("raw connection");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(
        version, SCHEMA_VERSION,
        "a new library is at this build's schema version"
    );
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(
        mode, "wal",
        "file libraries run in WAL mode so reads never wait for writes"
    );
    drop(lib);
    // Opening again does not migrate twice.
    Library::open(&path).expect("an up-to-date library reopens");
    drop(dir);
}

#[test]
fn a_record_round_trips_with_every_field() {
    let (_dir, lib) = temp_library();
    let original = record(
        "Wessex Vale Borough Council",
        "Housing Panel",
        Some(date(2019, 3, 14)),
    );
    let doc = new_doc(1, original.clone());
    let summary = insert_new(&lib, &doc);

    let detail = lib.meeting(summary.id).expect("the meeting loads");
    assert_eq!(
        detail.record, original,
        "the stored record must equal the record inserted"
    );
    assert_eq!(detail.pages, doc.source.pages, "pages come back as stored");
    assert_eq!(detail.removed_lines, doc.source.removed_lines);
    assert_eq!(detail.paragraph_ids.len(), 2, "one id per paragraph");
    assert_eq!(detail.resolution_ids.len(), 2, "one id per resolution");
    assert!(
        detail.paragraph_ids[0] < detail.paragraph_ids[1],
        "paragraph ids follow the record's order"
    );

    let d = &detail.document;
    assert_eq!(d.id, summary.id, "a document's id is its meeting's id");
    assert_eq!(d.file_name, "minutes 1.pdf");
    assert_eq!(d.path, "/archive/minutes 1.pdf");
    assert_eq!(d.format, SourceFormat::Pdf);
    assert_eq!(d.extractor, TextExtractor::Lopdf);
    assert_eq!(d.sha256, sha(1));
    assert_eq!(d.bytes, 4_097);
    assert_eq!(d.page_count, 2);
    assert_eq!(d.imported_at, "2024-05-06T07:08:09Z");

    let m = &detail.meeting;
    assert_eq!(
        m, &summary,
        "the insert's summary is the summary the library lists"
    );
    assert_eq!(m.council.as_deref(), Some("Wessex Vale Borough Council"));
    assert_eq!(m.committee.as_deref(), Some("Housing Panel"));
    assert_eq!(m.date, Some(date(2019, 3, 14)));
    assert_eq!(m.date_window, original.meeting_date.window);
    assert_eq!(m.title.as_deref(), Some("Housing Panel minutes"));
    assert_eq!(m.kind, DocKind::Minutes);
    assert_eq!(
        (
            m.item_count,
            m.resolution_count,
            m.figure_count,
            m.paragraph_count
        ),
        (2, 2, 1, 2),
        "counts match the record"
    );
    let chars: usize = doc
        .source
        .pages
        .iter()
        .map(|p| p.text.chars().count())
        .sum();
    assert_eq!(
        m.text_chars as usize, chars,
        "text_chars counts characters, not bytes"
    );
    assert_eq!(m.confidence, 0.68);
    assert_eq!(
        m.needs_review,
        vec![CorrectableField::Committee],
        "only the committee (confidence 0.4) needs review"
    );
    assert!(m.corrected.is_empty());

    let source = lib.source(summary.id).expect("the source text loads");
    assert_eq!(
        source, doc.source,
        "the stored text is what extraction would read again"
    );
    assert_healthy(lib.path().expect("file"));
}

#[test]
fn the_same_bytes_twice_change_nothing() {
    let (_dir, lib) = temp_library();
    let first = insert_new(&lib, &new_doc(7, record("A Council", "Cabinet", None)));
    let before = row_counts(lib.path().expect("file"));
    let mut again = new_doc(7, record("Other Council", "Other", Some(date(2020, 1, 1))));
    again.path = "/elsewhere/copy.pdf".into();
    again.sha256 = again.sha256.to_uppercase();
    assert_eq!(
        lib.insert_document(&again)
            .expect("a duplicate is not an error"),
        Inserted::Duplicate(first.id),
        "same sha256 (in any case) is the same document"
    );
    assert_eq!(
        row_counts(lib.path().expect("file")),
        before,
        "a duplicate writes nothing"
    );
    assert_eq!(lib.find_by_sha256(&sha(7)).expect("lookup"), Some(first.id));
    assert_eq!(lib.find_by_sha256(&sha(8)).expect("lookup"), None);
}

#[test]
fn a_document_is_stored_whole_or_not_at_all() {
    let (_dir, lib) = temp_library();
    let path = lib.path().expect("file").to_path_buf();
    // The figure is the last row written; a span that ends before it starts trips a CHECK.
    let mut broken = record("Broken Council", "Cabinet", Some(date(2021, 2, 3)));
    broken.figures[0].span = span(50, 10);
    let err = lib
        .insert_document(&new_doc(1, broken.clone()))
        .expect_err("a record that violates the schema is refused");
    assert_eq!(err.code(), "database");
    assert!(
        row_counts(&path).iter().all(|(_, n)| *n == 0),
        "nothing of a failed document may remain: {:?}",
        row_counts(&path)
    );
    assert_eq!(
        search(&lib, "respite").total,
        0,
        "its paragraphs were not indexed"
    );

    // In a batch, the failing document goes alone; the others are stored.
    let good_a = new_doc(2, record("Good Council", "Cabinet", Some(date(2021, 1, 1))));
    let bad = new_doc(3, broken);
    let good_b = new_doc(4, record("Good Council", "Cabinet", Some(date(2021, 4, 1))));
    let results = lib
        .write_batch(|batch| {
            Ok(vec![
                batch.insert(&good_a),
                batch.insert(&bad),
                batch.insert(&good_b),
            ])
        })
        .expect("the batch commits");
    assert!(matches!(results[0], Ok(Inserted::New(_))));
    assert!(results[1].is_err(), "the broken document fails");
    assert!(matches!(results[2], Ok(Inserted::New(_))));
    let stats = lib.stats().expect("stats");
    assert_eq!(
        stats.documents, 2,
        "both good documents of the batch are stored"
    );
    assert_eq!(lib.find_by_sha256(&sha(3)).expect("lookup"), None);
    assert_eq!(
        search(&lib, "respite").total,
        2,
        "exactly the stored paragraphs are indexed"
    );

    // A batch whose closure fails stores nothing at all.
    let failed = lib.write_batch(|batch| {
        batch.insert(&new_doc(5, record("Later Council", "Cabinet", None)))?;
        Err::<(), _>(Error::Invalid("stop".into()))
    });
    assert!(failed.is_err());
    assert_eq!(
        lib.find_by_sha256(&sha(5)).expect("lookup"),
        None,
        "the batch was rolled back"
    );
    assert_healthy(&path);
}

#[test]
fn corrections_apply_validate_and_survive_reextraction() {
    let (_dir, lib) = temp_library();
    let id = insert_new(
        &lib,
        &new_doc(1, record("Wrong Council", "Housing Panel", None)),
    )
    .id;

    let bad_date = lib
        .correct(
            id,
            &Correction {
                field: CorrectableField::MeetingDate,
                value: Some("14/03/2019".into()),
            },
        )
        .expect_err("a date must be YYYY-MM-DD");
    assert_eq!(bad_date.code(), "invalid");
    assert!(
        bad_date.to_string().contains("YYYY-MM-DD"),
        "the message says the format: {bad_date}"
    );
    assert!(
        lib.correct(
            id,
            &Correction {
                field: CorrectableField::MeetingDate,
                value: Some("2019-02-30".into()),
            },
        )
        .is_err(),
        "an impossible date is refused"
    );
    assert_eq!(
        lib.correct(
            9_999,
            &Correction {
                field: CorrectableField::Council,
                value: Some("X".into()),
            },
        )
        .expect_err("no such meeting")
        .code(),
        "not_found"
    );

    lib.correct(
        id,
        &Correction {
            field: CorrectableField::Council,
            value: Some("  Wessex Vale   Borough Council ".into()),
        },
    )
    .expect("council corrected");
    let summary = lib
        .correct(
            id,
            &Correction {
                field: CorrectableField::MeetingDate,
                value: Some("2019-03-14".into()),
            },
        )
        .expect("date corrected");
    assert_eq!(
        summary.council.as_deref(),
        Some("Wessex Vale Borough Council")
    );
    assert_eq!(summary.date, Some(date(2019, 3, 14)));
    assert_eq!(
        summary.corrected,
        vec![CorrectableField::Council, CorrectableField::MeetingDate]
    );
    assert_eq!(
        lib.meetings(&MeetingFilter {
            year: Some(2019),
            ..Default::default()
        })
        .expect("list")
        .len(),
        1,
        "filters use the corrected (effective) date"
    );

    // A better extractor: different council, committee and paragraphs.
    let reextracted = |src: &SourceText| {
        let mut r = record(
            "Still Wrong Council",
            "Housing and Homes Panel",
            Some(date(2018, 1, 1)),
        );
        r.paragraphs[0].text = format!(
            "Re-read from {} pages: adoption breakdowns.",
            src.pages.len()
        );
        r.committee.confidence = 0.95;
        r
    };
    let mut progress = Vec::new();
    let n = lib
        .reextract(Reextract::All, &reextracted, &mut |done, total| {
            progress.push((done, total))
        })
        .expect("re-extraction runs");
    assert_eq!(n, 1);
    assert_eq!(progress, vec![(1, 1)], "progress is reported per meeting");
    let detail = lib.meeting(id).expect("loads");
    assert_eq!(
        detail.meeting.council.as_deref(),
        Some("Wessex Vale Borough Council"),
        "a correction survives re-extraction"
    );
    assert_eq!(
        detail.meeting.date,
        Some(date(2019, 3, 14)),
        "so does the corrected date"
    );
    assert_eq!(
        detail.meeting.committee.as_deref(),
        Some("Housing and Homes Panel"),
        "an uncorrected field takes the new extraction"
    );
    assert_eq!(
        detail.record.council.name.as_deref(),
        Some("Still Wrong Council"),
        "the record is as extracted"
    );
    assert!(detail.meeting.needs_review.is_empty());
    assert_eq!(
        search(&lib, "adoption").total,
        1,
        "new paragraphs are indexed"
    );
    assert_eq!(
        search(&lib, "respite").total,
        0,
        "old paragraphs left the index"
    );

    let cleared = lib
        .correct(
            id,
            &Correction {
                field: CorrectableField::Council,
                value: None,
            },
        )
        .expect("correction cleared");
    assert_eq!(
        cleared.council.as_deref(),
        Some("Still Wrong Council"),
        "back to what was extracted"
    );
    assert_eq!(cleared.corrected, vec![CorrectableField::MeetingDate]);
    assert!(matches!(
        lib.reextract(Reextract::One(9_999), &reextracted, &mut |_, _| {}),
        Err(Error::NotFound(_))
    ));
    assert_healthy(lib.path().expect("file"));
}

#[test]
fn delete_removes_everything_including_search_rows() {
    let (_dir, lib) = temp_library();
    let path = lib.path().expect("file").to_path_buf();
    let keep = insert_new(
        &lib,
        &new_doc(1, record("Keep Council", "Cabinet", Some(date(2020, 1, 1)))),
    )
    .id;
    let mut gone_record = record("Gone Council", "Cabinet", Some(date(2020, 2, 1)));
    gone_record.paragraphs[1].text = "Only here: a zebra crossing on Mill Lane.".into();
    let gone = insert_new(&lib, &new_doc(2, gone_record)).id;
    lib.correct(
        gone,
        &Correction {
            field: CorrectableField::Committee,
            value: Some("Highways".into()),
        },
    )
    .expect("corrected");
    assert_eq!(search(&lib, "zebra").total, 1);

    lib.delete(gone).expect("deleted");
    assert_eq!(
        search(&lib, "zebra").total,
        0,
        "a deleted meeting is not found by search"
    );
    assert_eq!(
        search(&lib, "respite").total,
        1,
        "the other meeting's paragraphs stay searchable"
    );
    let conn = Connection::open(&path).expect("raw");
    let pages: i64 = conn
        .query_row(
            "SELECT count(*) FROM pages WHERE document_id = ?1",
            [gone],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(pages, 0, "the pages of a deleted document must go");
    for table in ["meetings", "documents"] {
        let n: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE id = ?1"),
                [gone],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(n, 0, "{table} row of a deleted document must go");
    }
    for table in [
        "corrections",
        "attendees",
        "items",
        "paragraphs",
        "resolutions",
        "figures",
    ] {
        let n: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE meeting_id = ?1"),
                [gone],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(n, 0, "{table} rows of a deleted meeting must go");
    }
    assert!(lib.meeting(keep).is_ok(), "the other meeting is untouched");
    assert_eq!(
        lib.delete(gone).expect_err("already gone").code(),
        "not_found"
    );
    assert_healthy(&path);
}

#[test]
fn search_never_passes_user_syntax_to_fts5() {
    let (_dir, lib) = temp_library();
    insert_new(
        &lib,
        &new_doc(1, record("A Council", "Cabinet", Some(date(2020, 1, 1)))),
    );
    let hostile = [
        "\"",
        "\"\"",
        "foster\"",
        "\"foster carers",
        "*",
        "foster*",
        "**carers",
        "NEAR(",
        "NEAR(foster carers)",
        "foster OR carers",
        "OR",
        "AND NOT",
        "-",
        "-foster",
        ":",
        "text:foster",
        "col:word",
        "{text}: foster",
        "foster^",
        "^foster",
        "(foster",
        "foster)",
        "'",
        "foster's",
        "café",
        "£12,500",
        "\u{2}",
        "foster\u{0}carers",
    ];
    for q in hostile {
        match lib.search(&SearchQuery {
            text: q.into(),
            ..Default::default()
        }) {
            Ok(_) => {}
            Err(Error::InvalidQuery(msg)) => assert!(!msg.is_empty(), "an invalid query says why"),
            Err(e) => panic!("search {q:?} must not fail with {} ({e})", e.code()),
        }
    }
    for empty in ["", "   ", "\"", "-", "* : -", "\"\""] {
        assert!(
            matches!(fts_query(empty), Err(Error::InvalidQuery(_))),
            "{empty:?} has no searchable words"
        );
    }
    assert_eq!(
        fts_query("foster OR carers").expect("valid"),
        "\"foster\" AND \"OR\" AND \"carers\""
    );
    assert_eq!(
        fts_query("fost* \"respite support\"").expect("valid"),
        "\"fost\"* AND \"respite support\""
    );
    assert_eq!(
        search(&lib, "(foster carers)").total,
        1,
        "brackets do not group"
    );
    assert_eq!(
        search(&lib, "respite-support").total,
        1,
        "a hyphen joins words into a phrase; it does not exclude"
    );
    assert_eq!(
        search(&lib, "NEAR(foster carers)").total,
        0,
        "NEAR is a word to find (absent here), not an operator"
    );
    assert_eq!(search(&lib, "cafe").total, 1, "diacritics are folded");
    assert_eq!(
        search(&lib, "fost*").total,
        1,
        "a trailing star is a prefix search"
    );
}

#[test]
fn search_finds_phrases_ranks_filters_and_highlights() {
    let (_dir, lib) = temp_library();
    let a = insert_new(
        &lib,
        &new_doc(
            1,
            record("North Council", "Cabinet", Some(date(2018, 6, 1))),
        ),
    )
    .id;
    let mut reversed = record("South Council", "Scrutiny", Some(date(2021, 6, 1)));
    reversed.paragraphs[0].text =
        "Carers said foster placements were scarce; respite was mentioned too.".into();
    let b = insert_new(&lib, &new_doc(2, reversed)).id;

    let phrase = search(&lib, "\"foster carers\"");
    assert_eq!(phrase.total, 1, "a quoted phrase needs its words in order");
    assert_eq!(phrase.hits[0].meeting_id, a);
    let hit = &phrase.hits[0];
    assert!(
        hit.snippet.contains("\u{2}foster carers\u{3}"),
        "matches are wrapped in the highlight markers: {:?}",
        hit.snippet
    );
    assert_eq!(hit.council.as_deref(), Some("North Council"));
    assert_eq!(hit.date, Some(date(2018, 6, 1)));
    assert_eq!(hit.page, 1);
    assert_eq!(hit.item_number.as_deref(), Some("1"));
    assert_eq!(hit.item_title.as_deref(), Some("Foster carers"));

    let words = search(&lib, "foster carers");
    assert_eq!(words.total, 2, "bare words match in any order");
    assert!(
        words.hits[0].rank <= words.hits[1].rank,
        "best (lowest bm25) first"
    );

    let filtered = |q: SearchQuery| {
        lib.search(&q)
            .expect("search")
            .hits
            .iter()
            .map(|h| h.meeting_id)
            .collect::<Vec<_>>()
    };
    let base = SearchQuery {
        text: "respite".into(),
        ..Default::default()
    };
    assert_eq!(
        filtered(SearchQuery {
            council: Some("south council".into()),
            ..base.clone()
        }),
        vec![b],
        "council filter (any case)"
    );
    assert_eq!(
        filtered(SearchQuery {
            committee: Some("Cabinet".into()),
            ..base.clone()
        }),
        vec![a]
    );
    assert_eq!(
        filtered(SearchQuery {
            year_from: Some(2019),
            ..base.clone()
        }),
        vec![b],
        "year_from is inclusive"
    );
    assert_eq!(
        filtered(SearchQuery {
            year_to: Some(2018),
            ..base.clone()
        }),
        vec![a],
        "year_to is inclusive"
    );
    let paged = lib
        .search(&SearchQuery {
            limit: Some(1),
            offset: Some(1),
            ..base.clone()
        })
        .expect("search");
    assert_eq!(
        (paged.total, paged.hits.len()),
        (2, 1),
        "total counts all matches, not the page"
    );
}

#[test]
fn a_very_common_word_ranks_only_the_newest_candidates() {
    let lib = Library::open_in_memory().expect("in memory");
    let mut big = record("Big Council", "Cabinet", Some(date(2022, 1, 1)));
    big.figures.clear();
    big.paragraphs = (0..RANKED_CANDIDATES + 20)
        .map(|i| Paragraph {
            text: format!("The council noted report number {i}."),
            page: 1,
            item_index: None,
            span: span(0, 10),
        })
        .collect();
    insert_new(&lib, &new_doc(1, big));
    let results = search(&lib, "council");
    assert_eq!(results.total, RANKED_CANDIDATES + 20, "the total is exact");
    assert!(
        results.note.is_some(),
        "the user is told only some matches were ranked"
    );
    assert_eq!(results.hits.len(), 50, "one page of hits");
    let rare = search(&lib, "\"number 7\"");
    assert!(rare.note.is_none(), "a rare term is ranked in full");
}

#[test]
fn a_library_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("library.db");
    {
        let conn = Connection::open(&path).expect("raw");
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .expect("future schema");
    }
    let before = std::fs::read(&path).expect("read");
    match Library::open(&path) {
        Err(Error::SchemaTooNew { found, known }) => {
            assert_eq!((found, known), (99, SCHEMA_VERSION));
        }
        other => panic!("a newer schema must be refused, got {other:?}"),
    }
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the newer library is not modified"
    );

    let junk = dir.path().join("notes.db");
    std::fs::write(
        &junk,
        b"these are not the droids you are looking for, not a database",
    )
    .expect("write");
    let before = std::fs::read(&junk).expect("read");
    let err = Library::open(&junk).expect_err("not a database");
    assert!(
        err.to_string().contains("not a Scrutineer library"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&junk).expect("read"),
        before,
        "a foreign file is not modified"
    );
}

#[test]
fn readers_are_not_blocked_by_an_open_write_transaction() {
    let (_dir, lib) = temp_library();
    insert_new(
        &lib,
        &new_doc(
            1,
            record("First Council", "Cabinet", Some(date(2020, 1, 1))),
        ),
    );
    let (in_tx, writer_waiting) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    let writer = {
        let lib = lib.clone();
        std::thread::spawn(move || {
            lib.write_batch(|batch| {
                batch.insert(&new_doc(2, record("Second Council", "Cabinet", None)))?;
                in_tx.send(()).expect("test thread listening");
                released.recv().expect("test thread releases");
                Ok(())
            })
        })
    };
    writer_waiting
        .recv()
        .expect("the writer is inside its transaction");

    let (seen, reads) = mpsc::channel();
    let reader = {
        let lib = lib.clone();
        std::thread::spawn(move || {
            let stats = lib.stats().map(|s| s.documents);
            let hits = lib
                .search(&SearchQuery {
                    text: "respite".into(),
                    ..Default::default()
                })
                .map(|r| r.total);
            let _ = seen.send((stats, hits));
        })
    };
    // Generous: only a reader stuck behind the writer would take this long.
    let (stats, hits) = reads
        .recv_timeout(Duration::from_secs(60))
        .expect("a read must complete while a write transaction is open");
    assert_eq!(
        stats.expect("stats"),
        1,
        "a reader sees the last committed state"
    );
    assert_eq!(hits.expect("search"), 1);
    release.send(()).expect("writer waiting");
    writer
        .join()
        .expect("writer thread")
        .expect("the write commits");
    reader.join().expect("reader thread");
    assert_eq!(
        lib.stats().expect("stats").documents,
        2,
        "after commit the write is visible"
    );
}

#[test]
fn a_backup_opens_with_the_same_contents() {
    let (dir, lib) = temp_library();
    for n in 1..=3 {
        insert_new(
            &lib,
            &new_doc(
                n,
                record("Copy Council", "Cabinet", Some(date(2019 + n as i32, 1, 1))),
            ),
        );
    }
    let copy = dir.path().join("backups/copy.db");
    lib.backup(&copy)
        .expect("backup succeeds while the library is open");
    assert!(
        lib.backup(lib.path().expect("file")).is_err(),
        "backing up onto the library itself is refused"
    );
    let restored = Library::open(&copy).expect("the backup opens as a library");
    assert_eq!(
        restored.stats().expect("stats"),
        lib.stats().expect("stats")
    );
    assert_eq!(row_counts(&copy), row_counts(lib.path().expect("file")));
    assert_eq!(
        search(&restored, "respite").total,
        3,
        "the search index came along"
    );
    assert_healthy(&copy);
}

#[test]
fn listing_filters_sorts_and_counts() {
    let lib = Library::open_in_memory().expect("in memory");
    let mut ids = Vec::new();
    for (n, (council, committee, on)) in [
        ("North Council", "Cabinet", Some(date(2019, 5, 1))),
        ("North Council", "Scrutiny", Some(date(2020, 5, 1))),
        ("South Council", "Cabinet", None),
        ("South Council", "Cabinet", Some(date(2018, 5, 1))),
    ]
    .into_iter()
    .enumerate()
    {
        let mut r = record(council, committee, on);
        if on.is_none() {
            r.kind = DocKind::Report;
        }
        ids.push(insert_new(&lib, &new_doc(n as u32 + 1, r)).id);
    }
    let list = |f: MeetingFilter| {
        lib.meetings(&f)
            .expect("list")
            .iter()
            .map(|m| m.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        list(MeetingFilter::default()),
        vec![ids[1], ids[0], ids[3], ids[2]],
        "newest first, undated last"
    );
    assert_eq!(
        list(MeetingFilter {
            sort: MeetingSort::DateAsc,
            ..Default::default()
        }),
        vec![ids[3], ids[0], ids[1], ids[2]],
        "oldest first, undated still last"
    );
    assert_eq!(
        list(MeetingFilter {
            council: Some("NORTH COUNCIL".into()),
            ..Default::default()
        }),
        vec![ids[1], ids[0]]
    );
    assert_eq!(
        list(MeetingFilter {
            committee: Some("Cabinet".into()),
            year: Some(2019),
            ..Default::default()
        }),
        vec![ids[0]]
    );
    assert_eq!(
        list(MeetingFilter {
            kind: Some(DocKind::Report),
            ..Default::default()
        }),
        vec![ids[2]]
    );
    assert_eq!(
        list(MeetingFilter {
            limit: Some(2),
            offset: Some(1),
            ..Default::default()
        }),
        vec![ids[0], ids[3]]
    );
    assert_eq!(
        list(MeetingFilter {
            needs_review: true,
            ..Default::default()
        })
        .len(),
        4,
        "every committee is a guess here"
    );
    lib.correct(
        ids[0],
        &Correction {
            field: CorrectableField::Committee,
            value: Some("Cabinet".into()),
        },
    )
    .expect("corrected");
    assert_eq!(
        list(MeetingFilter {
            needs_review: true,
            ..Default::default()
        })
        .len(),
        3,
        "a corrected field no longer needs review"
    );

    let stats = lib.stats().expect("stats");
    assert_eq!(stats.documents, 4);
    assert_eq!(stats.undated, 1);
    assert_eq!(stats.needs_review, 3);
    assert_eq!(
        stats.councils,
        vec![
            FacetCount {
                value: "North Council".into(),
                meetings: 2
            },
            FacetCount {
                value: "South Council".into(),
                meetings: 2
            },
        ]
    );
    assert_eq!(
        stats.committees[0],
        FacetCount {
            value: "Cabinet".into(),
            meetings: 3
        }
    );
    assert_eq!(
        stats
            .years
            .iter()
            .map(|y| y.value.as_str())
            .collect::<Vec<_>>(),
        vec!["2020", "2019", "2018"],
        "years newest first"
    );
    assert_eq!(lib.documents().expect("documents").len(), 4);
}

/// Search timings over a synthetic library of 100,000 paragraphs. Prints, asserts nothing
/// about time: `cargo test -p scrutineer-core --test it search_timings -- --ignored --nocapture`.
#[test]
#[ignore = "a benchmark; run by hand"]
fn search_timings_over_100k_paragraphs() {
    use std::time::Instant;
    const WORDS: &[&str] = &[
        "budget",
        "housing",
        "fostering",
        "adoption",
        "library",
        "parking",
        "planning",
        "waste",
        "recycling",
        "school",
        "transport",
        "flooding",
        "licensing",
        "heritage",
        "allotments",
        "cemetery",
        "playground",
        "footpath",
        "grant",
        "tender",
        "audit",
        "pension",
        "staffing",
        "vacancy",
        "consultation",
        "petition",
        "scrutiny",
        "homelessness",
        "respite",
        "carers",
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = Library::open(dir.path().join("bench.db")).expect("library");
    let started = Instant::now();
    let mut seed: u64 = 42;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for batch in 0..20 {
        let docs: Vec<NewDocument> = (0..50)
            .map(|i| {
                let n: u32 = batch * 50 + i;
                let mut r = record(
                    "Bench Council",
                    "Cabinet",
                    Some(date(2000 + (n % 24) as i32, 1, 1)),
                );
                r.figures.clear();
                r.resolutions.clear();
                r.paragraphs = (0..100)
                    .map(|_| {
                        let words: Vec<&str> =
                            (0..40).map(|_| WORDS[next() % WORDS.len()]).collect();
                        let common = if next() % 10 == 0 { "" } else { "the council " };
                        Paragraph {
                            text: format!("{common}{}.", words.join(" ")),
                            page: 1,
                            item_index: None,
                            span: span(0, 1),
                        }
                    })
                    .collect();
                new_doc(n + 1, r)
            })
            .collect();
        lib.write_batch(|b| {
            for d in &docs {
                b.insert(d)?;
            }
            Ok(())
        })
        .expect("batch");
    }
    eprintln!(
        "inserted 1,000 documents / 100,000 paragraphs in {:?}",
        started.elapsed()
    );
    for q in [
        "council",
        "budget",
        "fostering adoption",
        "\"respite carers\"",
        "heri*",
        "zebra",
    ] {
        let t = Instant::now();
        let r = search(&lib, q);
        eprintln!(
            "{q:>22}: {:>6} matches, {:>4} hits, {:?}{}",
            r.total,
            r.hits.len(),
            t.elapsed(),
            if r.note.is_some() { " (capped)" } else { "" }
        );
    }
    let t = Instant::now();
    let r = lib
        .search(&SearchQuery {
            text: "council".into(),
            year_from: Some(2010),
            year_to: Some(2012),
            ..Default::default()
        })
        .expect("search");
    eprintln!(
        "council 2010-2012: {} matches in {:?}",
        r.total,
        t.elapsed()
    );
    let t = Instant::now();
    let n = lib.meetings(&MeetingFilter::default()).expect("list").len();
    eprintln!("list {n} meetings: {:?}", t.elapsed());
    let t = Instant::now();
    lib.stats().expect("stats");
    eprintln!("stats: {:?}", t.elapsed());
}

#[test]
fn a_library_handle_can_be_shared_across_threads() {
    fn shareable<T: Send + Sync + Clone + 'static>() {}
    shareable::<Library>();
    let lib = Library::open_in_memory().expect("in memory");
    let other = lib.clone();
    std::thread::spawn(move || {
        insert_new(
            &other,
            &new_doc(1, record("Thread Council", "Cabinet", None)),
        );
    })
    .join()
    .expect("the writing thread finishes");
    assert_eq!(
        lib.stats().expect("stats").documents,
        1,
        "clones share one library"
    );
}

#[test]
fn review_threshold_is_the_same_in_lists_filters_and_stats() {
    let lib = Library::open_in_memory().expect("in memory");
    for (n, confidence) in [(1, 0.6_f32), (2, 0.599_f32)] {
        let mut r = record("Edge Council", "Cabinet", Some(date(2020, 1, 1)));
        r.committee.confidence = confidence;
        let m = insert_new(&lib, &new_doc(n, r));
        assert_eq!(
            m.needs_review.is_empty(),
            confidence >= scrutineer_core::store::REVIEW_THRESHOLD,
            "a field needs review only below the threshold ({confidence})"
        );
    }
    let filtered = lib
        .meetings(&MeetingFilter {
            needs_review: true,
            ..Default::default()
        })
        .expect("list");
    assert_eq!(filtered.len(), 1, "the filter agrees with the summaries");
    assert_eq!(
        lib.stats().expect("stats").needs_review,
        1,
        "so do the stats"
    );
}
