//! Tracked actions on the fictional sample minutes (`samples/minutes`, planted facts in
//! `samples/README.md`), imported with the real pipeline.
//!
//! The requests checked are those whose asking and answering meetings the extractor files
//! under one committee; skipped with a message while extraction reads no paragraphs.

use std::path::Path;

use chrono::NaiveDate;
use scrutineer_core::import::Importer;
use scrutineer_core::ingest::IngestConfig;
use scrutineer_core::model::*;
use scrutineer_core::store::Library;

#[test]
fn the_samples_requests_are_followed_up_overdue_or_open_as_planted() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/minutes");
    if !samples.is_dir() {
        eprintln!("samples/minutes not found: skipping");
        return;
    }
    let tmp = tempfile::tempdir().expect("a temp dir");
    let lib = Library::open(tmp.path().join("samples.db")).expect("library");
    let summary =
        Importer::new(lib.clone(), IngestConfig::default()).import(&[samples], &mut |_| {});
    assert_eq!(
        summary.failed, 0,
        "every sample imports: {:?}",
        summary.outcomes
    );
    let paragraphs: u32 = lib
        .meetings(&MeetingFilter::default())
        .expect("meetings")
        .iter()
        .map(|m| m.paragraph_count)
        .sum();
    if paragraphs == 0 {
        eprintln!("skipping: extraction reads no paragraphs from the samples yet");
        return;
    }
    let today = NaiveDate::from_ymd_opt(2024, 9, 1).expect("date");
    let actions = lib
        .actions(&AnalysisScope::default(), today, None)
        .expect("actions");
    let status = |words: &str| {
        actions
            .iter()
            .find(|a| a.text.contains(words))
            .map(|a| a.status)
            .unwrap_or_else(|| panic!("a tracked action mentions {words:?}"))
    };
    for (words, want) in [
        (
            "Foster Carer Recruitment Campaign",
            ActionStatus::FollowedUp,
        ),
        ("home-to-school transport", ActionStatus::Overdue),
        ("Multi-Agency Safeguarding", ActionStatus::FollowedUp),
        ("Ofsted improvement plan", ActionStatus::FollowedUp),
        ("survey of care leavers", ActionStatus::FollowedUp),
    ] {
        assert_eq!(status(words), want, "the request about {words}");
    }
    assert!(
        actions.iter().all(|a| !a.text.ends_with("be noted.")
            && !a.text.eq_ignore_ascii_case("date of next meeting")),
        "notings and headings are not requests"
    );
    let followed: Vec<&Action> = actions
        .iter()
        .filter(|a| a.status == ActionStatus::FollowedUp)
        .collect();
    assert!(
        followed.iter().all(|a| a
            .followed_up_by
            .as_ref()
            .is_some_and(|by| by.date > a.evidence.date)),
        "every follow-up is cited, from a later meeting"
    );
}
