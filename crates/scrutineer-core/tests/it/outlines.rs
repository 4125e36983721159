//! Kept meeting outlines: the timeline read from them (each meeting's kept item titles,
//! resolutions, strongest themes and key figures) equals the timeline computed afresh from every
//! item, resolution, theme count and figure, whatever the library went through: imports one at
//! a time and in batches, deletions, re-extractions, corrections, codebook edits and rebuilds,
//! and a library whose outlines were never kept.

use crate::fixture::{date, insert_synth, temp_library};
use proptest::prelude::*;
use rusqlite::Connection;
use scrutineer_core::analysis::codebook::{CodebookEdit, PatternList};
use scrutineer_core::model::*;
use scrutineer_core::store::{Inserted, Library, Reextract};
use scrutineer_core::synth::{self, SynthConfig};

const POOL: SynthConfig = SynthConfig {
    meetings: 30,
    councils: 2,
    first_year: 2019,
    years: 2,
    seed: 11,
};

/// The kept timeline equals the one computed afresh, over several scopes.
fn assert_timeline_is_current(lib: &Library, context: &str) {
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
        AnalysisScope {
            themes: vec!["fostering".into(), "caseloads".into()],
            ..Default::default()
        },
    ];
    for scope in &scopes {
        let kept = lib.timeline(scope).expect("the kept timeline");
        let fresh = lib
            .timeline_recomputed(scope)
            .expect("the timeline computed afresh");
        assert_eq!(
            kept, fresh,
            "the timeline read from kept outlines must equal the one computed afresh \
             ({context}; scope {scope:?})"
        );
    }
}

fn meetings_of(t: &Timeline) -> Vec<&TimelineMeeting> {
    t.lanes
        .iter()
        .flat_map(|l| l.meetings.iter())
        .chain(t.undated.iter())
        .collect()
}

#[test]
fn kept_timeline_shows_what_meetings_hold() {
    let (_dir, lib) = temp_library("outlines.db");
    for n in 0..POOL.meetings {
        insert_synth(&lib, &POOL, n);
    }
    let t = lib.timeline(&AnalysisScope::default()).expect("timeline");
    let meetings = meetings_of(&t);
    assert_eq!(
        meetings.len(),
        POOL.meetings,
        "every meeting is on the timeline"
    );
    // The comparison below would prove little over empty outlines.
    assert!(
        meetings.iter().any(|m| !m.item_titles.is_empty()),
        "synthetic meetings have items"
    );
    assert!(
        meetings.iter().any(|m| !m.resolutions.is_empty()),
        "synthetic meetings have resolutions"
    );
    assert!(
        meetings.iter().any(|m| m.top_themes.len() == 3),
        "synthetic meetings match at least three themes"
    );
    assert!(
        meetings.iter().any(|m| !m.key_figures.is_empty()),
        "synthetic meetings state figures"
    );
    assert_timeline_is_current(&lib, "after imports");
}

#[test]
fn kept_timeline_follows_codebook_edits_and_rebuilds() {
    let (_dir, lib) = temp_library("outlines.db");
    lib.write_batch(|batch| {
        for n in 0..POOL.meetings {
            batch.insert(&synth::document(&POOL, n))?;
        }
        Ok(())
    })
    .expect("a batch stores");
    assert_timeline_is_current(&lib, "after a batch");
    lib.edit_codebook(
        &CodebookEdit::AddPattern {
            id: "fostering".into(),
            list: PatternList::Include,
            pattern: "report*".into(),
        },
        &mut |_| {},
    )
    .expect("a pattern is added");
    assert_timeline_is_current(&lib, "after a pattern that matches many paragraphs");
    let mut codebook = lib.codebook().expect("codebook");
    codebook.themes.retain(|t| t.id != "caseloads");
    lib.save_codebook(&codebook, &mut |_| {})
        .expect("a theme is dropped");
    assert_timeline_is_current(&lib, "after a theme was dropped");
    lib.rebuild_themes(&mut |_| {}).expect("rebuild");
    assert_timeline_is_current(&lib, "after a rebuild");
}

#[test]
fn outlines_are_filled_when_a_library_without_them_opens() {
    let (dir, lib) = temp_library("outlines.db");
    for n in 0..POOL.meetings {
        insert_synth(&lib, &POOL, n);
    }
    let before = lib.timeline(&AnalysisScope::default()).expect("timeline");
    drop(lib);
    // A library from before outlines were kept: no outlines, no ranks, no version.
    let path = dir.path().join("outlines.db");
    {
        let conn = Connection::open(&path).expect("raw connection");
        conn.execute_batch(
            "DELETE FROM meeting_outlines;
             DELETE FROM key_figures;
             UPDATE meeting_themes SET top_rank = NULL;
             DELETE FROM library_meta WHERE key = 'outlines_version';",
        )
        .expect("outlines wiped");
    }
    let lib = Library::open(&path).expect("the library reopens");
    assert_eq!(
        lib.timeline(&AnalysisScope::default()).expect("timeline"),
        before,
        "opening a library without outlines fills them"
    );
    assert_timeline_is_current(&lib, "after outlines were filled on open");
}

/// One change to the library.
#[derive(Debug, Clone)]
enum Op {
    Insert(usize),
    Batch(Vec<usize>),
    Delete(usize),
    Council(usize),
    Reextract(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..POOL.meetings).prop_map(Op::Insert),
        2 => proptest::collection::vec(0..POOL.meetings, 1..5).prop_map(Op::Batch),
        1 => any::<usize>().prop_map(Op::Delete),
        1 => any::<usize>().prop_map(Op::Council),
        2 => (any::<usize>(), 0..POOL.meetings).prop_map(|(k, n)| Op::Reextract(k, n)),
    ]
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
        Op::Council(k) => {
            if let Some(id) = pick(*k) {
                let names = synth::council_names(&POOL);
                lib.correct(
                    id,
                    &Correction {
                        field: CorrectableField::Council,
                        value: Some(names[1].clone()),
                    },
                )
                .expect("a correction applies");
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
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// Whatever a library goes through, the timeline read from its kept outlines equals the
    /// one computed afresh.
    #[test]
    fn kept_timeline_equals_timeline_computed_afresh(ops in proptest::collection::vec(op(), 1..10)) {
        let (_dir, lib) = temp_library("outlines.db");
        let mut ids = Vec::new();
        for (step, op) in ops.iter().enumerate() {
            apply(&lib, &mut ids, op);
            assert_timeline_is_current(&lib, &format!("step {step}: {op:?}"));
        }
    }
}
