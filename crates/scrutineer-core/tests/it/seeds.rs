//! The analysis layer on the five real seed minutes (`../shared/corpus/seeds`), imported with
//! the real pipeline into a temp library.
//!
//! Skips cleanly when the corpus is not beside the project, and (with a message) while the
//! extractor reads no paragraphs from them: themes are found in paragraphs, so these checks
//! wait for extraction. Nothing from the seeds is copied here: the tests name themes, files
//! and councils, never sentences.

use std::path::PathBuf;

use chrono::NaiveDate;
use scrutineer_core::import::Importer;
use scrutineer_core::ingest::IngestConfig;
use scrutineer_core::model::*;
use scrutineer_core::store::Library;

/// The seeds in a library: its temp dir, the library, and (file name, meeting id) per seed.
type Imported = (tempfile::TempDir, Library, Vec<(String, Id)>);

/// The seeds imported.
fn imported() -> Option<Imported> {
    let dir = crate::corpus::corpus_dir()?;
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(dir.join("seeds"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seeds.sort();
    let tmp = tempfile::tempdir().expect("a temp dir");
    let lib = Library::open(tmp.path().join("seeds.db")).expect("library");
    let summary = Importer::new(lib.clone(), IngestConfig::default()).import(&seeds, &mut |_| {});
    let ids = summary
        .outcomes
        .iter()
        .filter_map(|o| {
            let name = PathBuf::from(&o.path)
                .file_name()
                .map(|n| n.to_string_lossy().to_string())?;
            Some((name, o.document_id?))
        })
        .collect();
    Some((tmp, lib, ids))
}

/// The imported seeds, or `None` (with the reason printed) when the checks cannot run yet.
fn ready() -> Option<Imported> {
    let Some((tmp, lib, ids)) = imported() else {
        eprintln!("corpus not found: skipping");
        return None;
    };
    let paragraphs: u32 = ids
        .iter()
        .filter_map(|(_, id)| lib.meeting_summary(*id).ok())
        .map(|m| m.paragraph_count)
        .sum();
    if paragraphs == 0 {
        eprintln!("skipping: extraction reads no paragraphs from the seeds yet");
        return None;
    }
    Some((tmp, lib, ids))
}

fn seed<'a>(ids: &'a [(String, Id)], prefix: &str) -> &'a (String, Id) {
    ids.iter()
        .find(|(n, _)| n.starts_with(prefix))
        .unwrap_or_else(|| panic!("seed {prefix} is imported"))
}

fn themes_of(lib: &Library, id: Id) -> Vec<String> {
    lib.meeting(id)
        .expect("the meeting loads")
        .themes
        .into_iter()
        .map(|t| t.theme_id)
        .collect()
}

#[test]
fn fostering_and_caseloads_are_found_where_the_seeds_discuss_them() {
    let Some((_tmp, lib, ids)) = ready() else {
        return;
    };
    let dir = crate::corpus::corpus_dir().expect("corpus");
    let mut fostering = 0;
    for (name, id) in &ids {
        let text = std::fs::read_to_string(dir.join("seeds").join(name)).unwrap_or_default();
        let themes = themes_of(&lib, *id);
        if text.to_lowercase().contains("foster") {
            assert!(
                themes.contains(&"fostering".to_string()),
                "fostering is counted in {name}: {themes:?}"
            );
            fostering += 1;
        }
    }
    assert!(
        fostering >= 4,
        "fostering in at least four seeds ({fostering})"
    );
    for prefix in ["000_", "001_", "002_"] {
        let (name, id) = seed(&ids, prefix);
        assert!(
            themes_of(&lib, *id).contains(&"caseloads".to_string()),
            "caseloads are counted in {name}"
        );
    }
}

#[test]
fn croydon_and_sandwell_each_have_distinctive_themes_with_evidence() {
    let Some((_tmp, lib, ids)) = ready() else {
        return;
    };
    let council = |prefix: &str| {
        lib.meeting_summary(seed(&ids, prefix).1)
            .ok()
            .and_then(|m| m.council)
    };
    let (Some(sandwell), Some(croydon)) = (council("000_"), council("002_")) else {
        eprintln!("skipping: extraction found no council for the Sandwell or Croydon seed");
        return;
    };
    let cmp = lib
        .compare(
            &[croydon.clone(), sandwell.clone()],
            &AnalysisScope::default(),
        )
        .expect("compare");
    for council in [&croydon, &sandwell] {
        let mine: Vec<_> = cmp
            .distinctive
            .iter()
            .filter(|d| &d.council == council)
            .collect();
        assert!(!mine.is_empty(), "{council} has distinctive themes");
        for d in mine {
            assert!(
                !d.evidence.is_empty()
                    && d.evidence
                        .iter()
                        .all(|e| e.council.as_deref() == Some(council.as_str())),
                "{council}'s distinctive theme {} is cited from its own minutes",
                d.theme_id
            );
        }
    }
}

#[test]
fn sandwells_requests_for_the_next_meeting_are_open_actions() {
    let Some((_tmp, lib, ids)) = ready() else {
        return;
    };
    let (_, id) = seed(&ids, "000_");
    let Some(council) = lib.meeting_summary(*id).ok().and_then(|m| m.council) else {
        eprintln!("skipping: extraction found no council for the Sandwell seed");
        return;
    };
    let today = NaiveDate::from_ymd_opt(2017, 6, 1).expect("date");
    let actions = lib
        .actions(
            &AnalysisScope {
                councils: vec![council],
                ..Default::default()
            },
            today,
            None,
        )
        .expect("actions");
    let next: Vec<&Action> = actions
        .iter()
        .filter(|a| {
            let t = a.text.to_lowercase();
            t.contains("next meeting") || t.contains("each meeting")
        })
        .collect();
    assert!(
        !next.is_empty(),
        "the seed's requests for the next meeting are tracked: {actions:?}"
    );
    assert!(
        next.iter().all(|a| a.status == ActionStatus::Open),
        "with no later meeting in the library they are open, not overdue: {next:?}"
    );
}
