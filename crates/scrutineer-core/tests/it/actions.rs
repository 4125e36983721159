//! Tracked actions kept in the library: whatever happens to its meetings, the kept tracking
//! lists exactly what computing actions afresh from the minutes lists, and equals a rebuild.
//!
//! Libraries are synthetic (`scrutineer_core::synth`): their committees ask for updates "to the
//! next meeting" and later meetings hold "… Update" items, so actions are followed up, overdue
//! and open. Random sequences of imports (one at a time and in batches), deletions,
//! corrections and re-extractions move meetings in and out of committee series in every order.

use crate::fixture::{date, insert_synth, temp_library};
use proptest::prelude::*;
use rusqlite::Connection;
use scrutineer_core::model::*;
use scrutineer_core::store::{Inserted, Library, Reextract};
use scrutineer_core::synth::{self, SynthConfig};

const POOL: SynthConfig = SynthConfig {
    meetings: 36,
    councils: 2,
    first_year: 2019,
    years: 2,
    seed: 5,
};

/// Every kept action row, as text, in a fixed order.
fn kept(path: &std::path::Path) -> Vec<String> {
    let conn = Connection::open(path).expect("raw connection");
    let mut stmt = conn
        .prepare(
            "SELECT resolution_id, meeting_id, series, held, reach, kind, due, due_meeting_held,
                    follow_meeting, follow_paragraph, follow_resolution
             FROM actions ORDER BY resolution_id",
        )
        .expect("query prepares");
    let n = stmt.column_count();
    let rows = stmt
        .query_map([], |row| {
            Ok((0..n)
                .map(|i| format!("{:?}", row.get_ref(i)))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .expect("query runs");
    rows.map(|r| r.expect("row")).collect()
}

/// The kept listing equals actions computed afresh, for several scopes, days and statuses.
fn assert_listing_is_current(lib: &Library, context: &str) {
    let councils = synth::council_names(&POOL);
    let scopes = [
        AnalysisScope::default(),
        AnalysisScope {
            councils: vec![councils[0].clone()],
            ..Default::default()
        },
        AnalysisScope {
            from: Some(date(2019, 6, 1)),
            to: Some(date(2020, 6, 30)),
            ..Default::default()
        },
    ];
    for scope in &scopes {
        for today in [date(2019, 9, 1), date(2030, 1, 1)] {
            for status in [
                None,
                Some(ActionStatus::Open),
                Some(ActionStatus::Overdue),
                Some(ActionStatus::FollowedUp),
            ] {
                let kept = lib.actions(scope, today, status).expect("kept actions");
                let fresh = lib
                    .actions_recomputed(scope, today, status)
                    .expect("actions computed afresh");
                assert_eq!(
                    kept, fresh,
                    "kept tracking must list what computing afresh lists \
                     ({context}; scope {scope:?}, today {today}, status {status:?})"
                );
            }
        }
    }
}

/// One change to the library.
#[derive(Debug, Clone)]
enum Op {
    Insert(usize),
    Batch(Vec<usize>),
    Delete(usize),
    Council(usize, usize),
    Committee(usize, bool),
    Date(usize, Option<u16>),
    Reextract(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..POOL.meetings).prop_map(Op::Insert),
        2 => proptest::collection::vec(0..POOL.meetings, 1..6).prop_map(Op::Batch),
        1 => any::<usize>().prop_map(Op::Delete),
        1 => (any::<usize>(), 0..3usize).prop_map(|(k, c)| Op::Council(k, c)),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(k, c)| Op::Committee(k, c)),
        2 => (any::<usize>(), proptest::option::of(0..700u16)).prop_map(|(k, d)| Op::Date(k, d)),
        1 => (any::<usize>(), 0..POOL.meetings).prop_map(|(k, n)| Op::Reextract(k, n)),
    ]
}

fn correct(lib: &Library, id: Id, field: CorrectableField, value: Option<String>) {
    lib.correct(id, &Correction { field, value })
        .expect("a correction applies");
}

fn apply(lib: &Library, ids: &mut Vec<Id>, op: &Op) {
    let pick = |k: usize| (!ids.is_empty()).then(|| ids[k % ids.len()]);
    match op {
        Op::Insert(n) => ids.extend(insert_synth(lib, &POOL, *n)),
        Op::Batch(ns) => {
            let stored = lib
                .write_batch(|batch| {
                    let mut out = Vec::new();
                    for n in ns {
                        if let Inserted::New(s) = batch.insert(&synth::document(&POOL, *n))? {
                            out.push(s.id);
                        }
                    }
                    Ok(out)
                })
                .expect("a batch stores");
            ids.extend(stored);
        }
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
                    0 | 1 => Some(names[*c].to_uppercase()),
                    _ => None,
                };
                correct(lib, id, CorrectableField::Council, value);
            }
        }
        Op::Committee(k, set) => {
            if let Some(id) = pick(*k) {
                let value = set.then(|| "Corporate Parenting Panel".to_string());
                correct(lib, id, CorrectableField::Committee, value);
            }
        }
        Op::Date(k, days) => {
            if let Some(id) = pick(*k) {
                let value = days.map(|n| {
                    (date(2019, 1, 1) + chrono::Days::new(u64::from(n)))
                        .format("%Y-%m-%d")
                        .to_string()
                });
                correct(lib, id, CorrectableField::MeetingDate, value);
            }
        }
        Op::Reextract(k, n) => {
            if let Some(id) = pick(*k) {
                let record = synth::document(&POOL, *n).record;
                lib.reextract(Reextract::One(id), &|_| record.clone(), &mut |_, _| {})
                    .expect("re-extract");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    /// Whatever a library goes through, its kept actions list what computing them afresh
    /// lists, and its kept rows are exactly what tracking everything again gives.
    #[test]
    fn kept_actions_equal_actions_computed_afresh(ops in proptest::collection::vec(op(), 1..12)) {
        let (dir, lib) = temp_library("actions.db");
        let path = dir.path().join("actions.db");
        let mut ids = Vec::new();
        for n in 0..6 {
            ids.extend(insert_synth(&lib, &POOL, n));
        }
        for op in &ops {
            apply(&lib, &mut ids, op);
        }
        assert_listing_is_current(&lib, &format!("after {ops:?}"));
        let incremental = kept(&path);
        lib.rebuild_actions().expect("rebuild");
        prop_assert_eq!(incremental, kept(&path), "after {:?}", ops);
    }
}

#[test]
fn a_whole_library_in_any_order_tracks_alike() {
    let (_dir, lib) = temp_library("actions.db");
    for n in (0..POOL.meetings).rev() {
        insert_synth(&lib, &POOL, n);
    }
    let actions = lib
        .actions(&AnalysisScope::default(), date(2021, 6, 1), None)
        .expect("actions");
    let statuses: std::collections::HashSet<ActionStatus> =
        actions.iter().map(|a| a.status).collect();
    assert!(
        statuses.contains(&ActionStatus::FollowedUp) && statuses.len() >= 2,
        "a synthetic library has followed-up actions and others, not {statuses:?}"
    );
    assert_listing_is_current(&lib, "imported newest first");
}

#[test]
fn a_library_from_before_kept_actions_tracks_them_on_open() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("old.db");
    {
        let lib = Library::open(&path).expect("the library opens");
        for n in 0..POOL.meetings {
            insert_synth(&lib, &POOL, n);
        }
    }
    // As a library written before actions were kept: no rows, no series.
    {
        let conn = Connection::open(&path).expect("raw connection");
        conn.execute_batch(
            "DELETE FROM actions; UPDATE meetings SET series = NULL;
             DELETE FROM library_meta WHERE key = 'actions_version';",
        )
        .expect("forget the kept actions");
    }
    let lib = Library::open(&path).expect("the library opens again");
    assert!(
        !kept(&path).is_empty(),
        "opening the library tracks its actions again"
    );
    assert_listing_is_current(&lib, "reopened");
}
