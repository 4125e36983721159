//! Tracked actions on the fictional sample minutes (`samples/minutes`, planted facts in
//! `samples/README.md`), imported with the real pipeline.
//!
//! Every request `samples/expected.json` plants is checked for its status; skipped with a
//! message if extraction reads no paragraphs.

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
    let summary = Importer::new(lib.clone(), IngestConfig::default())
        .import(std::slice::from_ref(&samples), &mut |_| {});
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
    // Every request `samples/expected.json` plants, found by a run of its words, with the status
    // it must have on 1 September 2024.
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(samples.join("../expected.json")).expect("samples/expected.json"),
    )
    .expect("expected.json is JSON");
    let planted = expected["actions"]
        .as_array()
        .expect("expected.json lists actions");
    assert!(
        planted.len() >= 10,
        "the samples plant at least ten requests"
    );
    let fold = |s: &str| scrutineer_core::normalize::fold(s);
    for want in planted {
        let text = want["text"].as_str().expect("an action's text");
        let words: Vec<&str> = text.split_whitespace().skip(2).take(5).collect();
        let key = fold(&words.join(" "));
        let found = actions
            .iter()
            .find(|a| fold(&a.text).contains(&key))
            .unwrap_or_else(|| panic!("a tracked action reads {key:?} ({text})"));
        let status = match want["status"].as_str() {
            Some("followed_up") => ActionStatus::FollowedUp,
            Some("overdue") => ActionStatus::Overdue,
            _ => ActionStatus::Open,
        };
        assert_eq!(found.status, status, "the planted request {text:?}");
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
