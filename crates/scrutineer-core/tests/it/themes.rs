//! Theme upkeep in the store: incremental changes agree exactly with a full rebuild, nothing is
//! ever half-written, and a library made before themes gets them when first opened.
//!
//! Libraries here are synthetic (`scrutineer_core::synth`) and live in real SQLite files in
//! temp dirs; the aggregate tables are read back with a raw connection.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use crate::fixture::{insert_synth, temp_library};
use chrono::NaiveDate;
use proptest::prelude::*;
use rusqlite::Connection;
use scrutineer_core::analysis::codebook::{default_codebook, CodebookEdit, PatternList};
use scrutineer_core::analysis::{heatmap, trends};
use scrutineer_core::model::*;
use scrutineer_core::store::{Library, Reextract, MIGRATIONS};
use scrutineer_core::synth::{self, SynthConfig};
use scrutineer_core::Error;

const POOL: SynthConfig = SynthConfig {
    meetings: 40,
    councils: 3,
    first_year: 2019,
    years: 2,
    seed: 11,
};

/// Every row of every table theme statistics are made of, as text, in a fixed order.
fn dump(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).expect("raw connection");
    let queries = [
        "SELECT paragraph_id, theme_key, meeting_id, counted, chars, matches, pattern,
                match_start, match_end FROM theme_hits ORDER BY 1, 2",
        "SELECT meeting_id, theme_key, hits, chars FROM meeting_themes ORDER BY 1, 2",
        "SELECT council, month, theme_key, hits, meetings, chars FROM council_month_themes
         ORDER BY 1, 2, 3",
        "SELECT council, month, meetings, chars, paragraphs FROM council_months ORDER BY 1, 2",
        "SELECT council, year, theme_key, hits, meetings, chars FROM council_year_themes
         ORDER BY 1, 2, 3",
        "SELECT council, year, meetings, chars, paragraphs FROM council_years ORDER BY 1, 2",
        "SELECT id, body_chars, body_paragraphs FROM meetings ORDER BY 1",
        "SELECT id, label, fingerprint FROM themes ORDER BY 1",
    ];
    let mut out = Vec::new();
    for q in queries {
        let mut stmt = conn.prepare(q).expect("query prepares");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                let cells: Vec<String> = (0..n)
                    .map(|i| match row.get_ref(i) {
                        Ok(v) => format!("{v:?}"),
                        Err(e) => format!("<{e}>"),
                    })
                    .collect();
                Ok(cells.join("|"))
            })
            .expect("query runs");
        out.push(format!("-- {}", q.split_whitespace().nth(1).unwrap_or("")));
        for r in rows {
            out.push(r.expect("row"));
        }
    }
    out
}

/// One change a user (or an import) can make.
#[derive(Debug, Clone)]
enum Op {
    Insert(usize),
    Delete(usize),
    Council(usize, usize),
    Date(usize, Option<u16>),
    Reextract(usize, usize),
    Codebook(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..POOL.meetings).prop_map(Op::Insert),
        1 => any::<usize>().prop_map(Op::Delete),
        1 => (any::<usize>(), 0..5usize).prop_map(|(k, c)| Op::Council(k, c)),
        1 => (any::<usize>(), proptest::option::of(0..900u16)).prop_map(|(k, d)| Op::Date(k, d)),
        1 => (any::<usize>(), 0..POOL.meetings).prop_map(|(k, n)| Op::Reextract(k, n)),
        1 => (0..7usize).prop_map(Op::Codebook),
    ]
}

fn codebook_edit(which: usize) -> Option<CodebookEdit> {
    Some(match which {
        0 => CodebookEdit::AddPattern {
            id: "fostering".into(),
            list: PatternList::Include,
            pattern: "placement*".into(),
        },
        1 => CodebookEdit::DeleteTheme {
            id: "caseloads".into(),
        },
        2 => CodebookEdit::AddTheme {
            theme: Theme {
                id: "budget-watch".into(),
                label: "Budget watch".into(),
                description: String::new(),
                group: String::new(),
                include: vec!["overspend*".into(), "reserves".into()],
                exclude: vec!["reserves of goodwill".into()],
            },
        },
        3 => CodebookEdit::RenameTheme {
            id: "ofsted".into(),
            label: "Inspections".into(),
        },
        4 => CodebookEdit::MergeThemes {
            from: "agency-staff".into(),
            into: "social-worker-recruitment".into(),
        },
        5 => CodebookEdit::AddPattern {
            id: "care-leavers".into(),
            list: PatternList::Exclude,
            pattern: "personal adviser*".into(),
        },
        _ => return None,
    })
}

fn apply(lib: &Library, ids: &mut Vec<Id>, op: &Op) {
    let pick = |k: usize| (!ids.is_empty()).then(|| ids[k % ids.len()]);
    match op {
        Op::Insert(n) => ids.extend(insert_synth(lib, &POOL, *n)),
        Op::Delete(k) => {
            if let Some(id) = pick(*k) {
                lib.delete(id).expect("delete");
                ids.retain(|x| *x != id);
            }
        }
        Op::Council(k, c) => {
            if let Some(id) = pick(*k) {
                let names = synth::council_names(&POOL);
                let value = match c {
                    0..=2 => Some(names[*c].clone()),
                    3 => Some("Elsewhere Borough Council".to_string()),
                    _ => None,
                };
                lib.correct(
                    id,
                    &Correction {
                        field: CorrectableField::Council,
                        value,
                    },
                )
                .expect("correct council");
            }
        }
        Op::Date(k, d) => {
            if let Some(id) = pick(*k) {
                let value = d.map(|d| {
                    (NaiveDate::from_ymd_opt(2019, 1, 1).expect("date")
                        + chrono::Days::new(u64::from(d)))
                    .format("%Y-%m-%d")
                    .to_string()
                });
                lib.correct(
                    id,
                    &Correction {
                        field: CorrectableField::MeetingDate,
                        value,
                    },
                )
                .expect("correct date");
            }
        }
        Op::Reextract(k, n) => {
            if let Some(id) = pick(*k) {
                let record = synth::document(&POOL, *n).record;
                lib.reextract(Reextract::One(id), &|_| record.clone(), &mut |_, _| {})
                    .expect("re-extract");
            }
        }
        Op::Codebook(which) => match codebook_edit(*which) {
            Some(edit) => match lib.edit_codebook(&edit, &mut |_| {}) {
                Ok(_) => {}
                // Deleting or merging a theme already gone is refused, and changes nothing.
                Err(Error::Invalid(_)) => {}
                Err(e) => panic!("codebook edit {edit:?} failed: {e}"),
            },
            None => {
                lib.save_codebook(&default_codebook().expect("built in"), &mut |_| {})
                    .expect("restore the built-in codebook");
            }
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Whatever sequence of imports, deletions, corrections, re-extractions and codebook edits
    /// a library goes through, its stored theme counts are exactly what a full rebuild gives.
    #[test]
    fn incremental_upkeep_equals_a_full_rebuild(ops in proptest::collection::vec(op(), 1..14)) {
        let (dir, lib) = temp_library("themes.db");
        let path = dir.path().join("themes.db");
        let mut ids = Vec::new();
        // Start from a few meetings so that every kind of change has something to act on.
        for n in 0..4 {
            ids.extend(insert_synth(&lib, &POOL, n));
        }
        for op in &ops {
            apply(&lib, &mut ids, op);
        }
        let incremental = dump(&path);
        lib.rebuild_themes(&mut |_| {}).expect("rebuild");
        let rebuilt = dump(&path);
        prop_assert_eq!(incremental, rebuilt, "after {:?}", ops);
    }
}

#[test]
fn a_library_built_in_any_order_counts_alike() {
    let (dir_a, a) = temp_library("themes.db");
    let (dir_b, b) = temp_library("themes.db");
    for n in 0..POOL.meetings {
        insert_synth(&a, &POOL, n);
    }
    // The other library learns the codebook edit first, then imports in reverse.
    let edit = codebook_edit(0).expect("an edit");
    b.edit_codebook(&edit, &mut |_| {}).expect("edit");
    for n in (0..POOL.meetings).rev() {
        insert_synth(&b, &POOL, n);
    }
    a.edit_codebook(&edit, &mut |_| {}).expect("edit");
    let scope = AnalysisScope::default();
    assert_eq!(
        a.heatmap(&scope).expect("heatmap"),
        b.heatmap(&scope).expect("heatmap"),
        "the same meetings and codebook give the same heatmap, whatever the order of events"
    );
    assert_eq!(
        a.trends(&scope, Period::Quarter).expect("trends"),
        b.trends(&scope, Period::Quarter).expect("trends")
    );
    drop((dir_a, dir_b));
}

#[test]
fn a_failed_batch_leaves_every_count_as_it_was() {
    let (dir, lib) = temp_library("themes.db");
    let path = dir.path().join("themes.db");
    for n in 0..5 {
        insert_synth(&lib, &POOL, n);
    }
    let before = dump(&path);
    let result: Result<(), Error> = lib.write_batch(|batch| {
        batch.insert(&synth::document(&POOL, 7))?;
        batch.insert(&synth::document(&POOL, 8))?;
        Err(Error::Invalid("the import was stopped".into()))
    });
    assert!(result.is_err());
    assert_eq!(
        dump(&path),
        before,
        "documents, hits and aggregates are written together or not at all"
    );
}

#[test]
fn an_interrupted_codebook_save_leaves_the_old_counts() {
    let (dir, lib) = temp_library("themes.db");
    let path = dir.path().join("themes.db");
    for n in 0..POOL.meetings {
        insert_synth(&lib, &POOL, n);
    }
    let before = dump(&path);
    let codebook_before = lib.codebook().expect("codebook");
    let mut changed = codebook_before.clone();
    changed.themes[0].include.push("household*".into());
    // The progress callback dies after the first round of hits has been written.
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        lib.save_codebook(&changed, &mut |p| {
            if p.done > 0 {
                panic!("the host went away mid-save");
            }
        })
    }));
    assert!(outcome.is_err(), "the save was interrupted");
    assert_eq!(
        dump(&path),
        before,
        "no new hit or count survives an interrupted save"
    );
    assert_eq!(lib.codebook().expect("codebook"), codebook_before);

    // The library goes on working, and the save can be made again.
    assert!(
        insert_synth(&lib, &POOL, 0).is_none(),
        "the same bytes are still a duplicate"
    );
    let saved = lib.save_codebook(&changed, &mut |_| {}).expect("save");
    assert_eq!(saved.diff.changed, [changed.themes[0].id.clone()]);
    let after = dump(&path);
    lib.rebuild_themes(&mut |_| {}).expect("rebuild");
    assert_eq!(dump(&path), after, "the completed save is complete");
}

#[test]
fn opening_a_library_another_writer_holds_does_not_wait_for_it() {
    let (dir, lib) = temp_library("themes.db");
    insert_synth(&lib, &POOL, 0);
    let path = dir.path().join("themes.db");
    let mut other = Connection::open(&path).expect("raw connection");
    let tx = other
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .expect("another process takes the write lock");
    // Had opening tried to write, it would have failed with "database is locked" once its
    // busy timeout ran out.
    let reopened = Library::open(&path).expect("an up-to-date library opens while locked");
    assert!(!reopened.codebook().expect("codebook").themes.is_empty());
    drop(tx);
}

#[test]
fn progress_counts_every_paragraph_once() {
    let (_dir, lib) = temp_library("themes.db");
    let mut paragraphs = 0;
    for n in 0..10 {
        paragraphs += synth::document(&POOL, n).record.paragraphs.len() as u32;
        insert_synth(&lib, &POOL, n);
    }
    let mut seen = Vec::new();
    let saved = lib
        .rebuild_themes(&mut |p| seen.push((p.done, p.total)))
        .expect("rebuild");
    assert_eq!(saved.paragraphs, paragraphs);
    assert_eq!(
        seen.first(),
        Some(&(0, paragraphs)),
        "progress starts at zero"
    );
    assert_eq!(
        seen.last(),
        Some(&(paragraphs, paragraphs)),
        "and ends at the total"
    );
    assert!(
        seen.windows(2).all(|w| w[0].0 <= w[1].0),
        "and never goes back"
    );
}

#[test]
fn a_library_made_before_themes_gets_them_when_opened() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("old.db");
    {
        let mut conn = Connection::open(&path).expect("raw connection");
        MIGRATIONS
            .to_version(&mut conn, 1)
            .expect("the first schema");
        conn.execute_batch(
            "INSERT INTO documents (id, sha256, file_name, path, format, extractor, bytes,
                                    page_count, imported_at)
             VALUES (1, '0000000000000000000000000000000000000000000000000000000000000001',
                     'old.txt', '/old.txt', 'text', 'plain', 10, 1, '2020-01-01T00:00:00Z');
             INSERT INTO meetings (id, kind, council_confidence, committee_confidence,
                                   date_confidence, confidence, council_name, council,
                                   meeting_date, date_value)
             VALUES (1, 'minutes', 0.9, 0.9, 0.9, 0.9, 'Oldbury Council', 'Oldbury Council',
                     '2018-05-01', '2018-05-01');
             INSERT INTO items (id, meeting_id, position, title, page, span_start, span_end,
                                standing)
             VALUES (1, 1, 0, 'Apologies', 1, 0, 10, 'apologies'),
                    (2, 1, 1, 'Fostering', 1, 11, 90, NULL);
             INSERT INTO paragraphs (id, meeting_id, position, item_id, page, text, span_start,
                                     span_end)
             VALUES (1, 1, 0, 1, 1, 'Apologies from a foster carer.', 0, 10),
                    (2, 1, 1, 2, 1, 'Twelve new foster carers were approved.', 11, 50);
             INSERT INTO figures (meeting_id, position, item_id, paragraph_id, text, value,
                                  unit, sentence, page, span_start, span_end)
             VALUES (1, 0, 2, 2, '12', 12, 'count', 'There were 12 new foster carers.', 1, 11, 13);",
        )
        .expect("a library as the first release wrote it");
    }
    let lib = Library::open(&path).expect("an old library opens and is brought up to date");
    assert!(
        !lib.codebook().expect("codebook").themes.is_empty(),
        "seeded"
    );
    let h = lib.heatmap(&AnalysisScope::default()).expect("heatmap");
    let cell = h
        .cells
        .iter()
        .find(|c| c.theme_id == "fostering" && c.council == "Oldbury Council")
        .expect("a fostering cell");
    assert_eq!(
        (cell.hits, cell.meetings, cell.meetings_total),
        (1, 1, 1),
        "existing paragraphs are matched on first open; the standing one is not counted"
    );
    let figures = lib
        .metric_figures(&AnalysisScope::default(), Some(Metric::FosterCarers))
        .expect("figures");
    assert_eq!(
        figures.len(),
        1,
        "existing figures are classified on first open"
    );
    let path2 = path.clone();
    drop(lib);
    let before = dump(&path2);
    Library::open(&path2).expect("reopens");
    assert_eq!(dump(&path2), before, "opening again changes nothing");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Heatmaps and trends read from the aggregates equal the sums of the per-meeting rows,
    /// for any scope: council subsets, a committee, theme subsets, and date bounds falling
    /// anywhere in a month.
    #[test]
    fn aggregated_views_equal_meeting_sums_for_any_scope(
        councils in proptest::collection::vec(0..4usize, 0..3),
        committee in proptest::option::of(0..3usize),
        from in proptest::option::of(0..900u16),
        span in proptest::option::of(0..600u16),
        themes in proptest::collection::vec(0..6usize, 0..3),
    ) {
        thread_local! {
            static LIB: (tempfile::TempDir, Library) = {
                let (dir, lib) = temp_library("themes.db");
                for n in 0..POOL.meetings {
                    insert_synth(&lib, &POOL, n);
                }
                (dir, lib)
            };
        }
        let names = synth::council_names(&POOL);
        let day = |d: u16| NaiveDate::from_ymd_opt(2019, 1, 1).expect("date") + chrono::Days::new(u64::from(d));
        let scope = AnalysisScope {
            councils: councils.iter().map(|c| names.get(*c).cloned().unwrap_or_else(|| "Unknown council".into())).collect(),
            committee: committee.map(|c| ["Cabinet", "planning committee", "Children's Services Scrutiny Board"][c].to_string()),
            from: from.map(day),
            to: span.map(|s| day(from.unwrap_or(0) + s)),
            themes: themes.iter().map(|t| ["fostering", "caseloads", "ofsted", "housing", "planning", "send"][*t].to_string()).collect(),
        };
        LIB.with(|(_, lib)| {
            let codebook = lib.codebook().expect("codebook");
            let (meetings, counts) = lib.theme_rows(&scope).expect("rows");
            prop_assert_eq!(
                lib.heatmap(&scope).expect("heatmap"),
                heatmap(&meetings, &counts, &codebook, &scope),
                "heatmap for {:?}", &scope
            );
            for period in [Period::Year, Period::Quarter, Period::Month] {
                prop_assert_eq!(
                    lib.trends(&scope, period).expect("trends"),
                    trends(&meetings, &counts, period, &scope),
                    "{:?} trends for {:?}", period, &scope
                );
            }
            Ok(())
        })?;
    }
}

/// Every figure's metric, in id order: what classification stored.
fn metrics(path: &Path) -> Vec<(i64, Option<String>)> {
    let conn = Connection::open(path).expect("raw connection");
    let mut stmt = conn
        .prepare("SELECT id, metric FROM figures ORDER BY id")
        .expect("query prepares");
    let rows = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("query runs");
    rows.map(|r| r.expect("row")).collect()
}

#[test]
fn a_prepared_document_is_stored_as_an_unprepared_one_and_as_a_rebuild_counts() {
    let (dir_plain, plain) = temp_library("themes.db");
    let (dir_prepared, prepared) = temp_library("themes.db");
    for n in 0..12 {
        insert_synth(&plain, &POOL, n);
        let doc = synth::document(&POOL, n);
        let work = prepared
            .prepare_document(&doc)
            .expect("a document prepares");
        prepared
            .write_batch(|batch| batch.insert_prepared(&doc, Some(&work)))
            .expect("a prepared document stores");
    }
    let path_plain = dir_plain.path().join("themes.db");
    let path_prepared = dir_prepared.path().join("themes.db");
    let stored = dump(&path_prepared);
    assert_eq!(
        stored,
        dump(&path_plain),
        "matching in a reader thread stores the same hits and counts as matching in the writer"
    );
    assert_eq!(
        metrics(&path_prepared),
        metrics(&path_plain),
        "figures classified before the writer get the metrics the writer would give them"
    );
    prepared.rebuild_themes(&mut |_| {}).expect("rebuild");
    assert_eq!(
        stored,
        dump(&path_prepared),
        "an import's theme rows equal a full rebuild's"
    );
}

#[test]
fn a_document_prepared_under_an_older_codebook_is_matched_again_when_stored() {
    let (dir, lib) = temp_library("themes.db");
    let path = dir.path().join("themes.db");
    let docs: Vec<_> = (0..6).map(|n| synth::document(&POOL, n)).collect();
    let work: Vec<_> = docs
        .iter()
        .map(|d| lib.prepare_document(d).expect("a document prepares"))
        .collect();
    // The codebook changes between the readers' matching and the writer's storing.
    let edit = codebook_edit(0).expect("an edit");
    lib.edit_codebook(&edit, &mut |_| {}).expect("edit");
    lib.write_batch(|batch| {
        for (doc, work) in docs.iter().zip(&work) {
            batch.insert_prepared(doc, Some(work))?;
        }
        Ok(())
    })
    .expect("the documents store");
    let stored = dump(&path);
    lib.rebuild_themes(&mut |_| {}).expect("rebuild");
    assert_eq!(
        stored,
        dump(&path),
        "hits matched under a codebook no longer in force are never stored"
    );
}

#[test]
fn a_folder_import_counts_themes_as_a_rebuild_does() {
    let (dir, lib) = temp_library("themes.db");
    let path = dir.path().join("themes.db");
    let folder = tempfile::tempdir().expect("a temp dir");
    for file in synth::files::minutes_files(SynthConfig {
        meetings: 16,
        ..POOL
    }) {
        std::fs::write(folder.path().join(format!("{}.txt", file.stem)), &file.text)
            .expect("a synthetic file writes");
    }
    let summary = scrutineer_core::import::Importer::new(lib.clone(), Default::default())
        .with_threads(2)
        .import(&[folder.path().to_path_buf()], &mut |_| {});
    assert_eq!(summary.imported, 16, "every synthetic file imports");
    let imported = dump(&path);
    lib.rebuild_themes(&mut |_| {}).expect("rebuild");
    assert_eq!(
        imported,
        dump(&path),
        "an import's theme rows and aggregates equal a full rebuild's"
    );
}
