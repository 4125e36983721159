//! Meeting metadata (council, committee, date and window, times, venue, attendance, kind) on
//! our own fixture minutes (`tests/fixtures/minutes/meta-*.txt`, each with its
//! `meta-*.expected.json`), and a property test that extraction never panics on any text.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use scrutineer_core::extract::extract;
use scrutineer_core::model::{MeetingRecord, Person, SourceText};
use serde_json::Value;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minutes");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    name.starts_with("meta-") && name.ends_with(".txt")
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn names(people: &[Person]) -> Value {
    Value::Array(
        people
            .iter()
            .map(|p| Value::String(p.name.clone()))
            .collect(),
    )
}

/// The fields a fixture's expectations name, as extracted.
fn actual(rec: &MeetingRecord) -> Value {
    let chair = rec
        .attendance
        .present
        .iter()
        .find(|p| p.chair)
        .map(|p| Value::String(p.name.clone()))
        .unwrap_or(Value::Null);
    serde_json::json!({
        "council": rec.council.name,
        "committee": rec.committee.name,
        "meetingDate": rec.meeting_date.date.map(|d| d.to_string()),
        "window": rec.meeting_date.window.as_ref().map(|w| serde_json::json!({
            "from": w.from.map(|d| d.to_string()),
            "to": w.to.map(|d| d.to_string()),
        })),
        "startTime": rec.start_time,
        "endTime": rec.end_time,
        "venue": rec.venue,
        "present": names(&rec.attendance.present),
        "chair": chair,
        "apologies": names(&rec.attendance.apologies),
        "inAttendance": names(&rec.attendance.in_attendance),
        "kind": rec.kind.as_str(),
        "title": rec.title,
    })
}

#[test]
fn every_fixture_reads_as_expected() {
    let files = fixtures();
    assert!(
        files.len() >= 12,
        "the metadata fixtures cover at least 12 layouts, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for txt in &files {
        let expected_path = txt.with_extension("expected.json");
        let text = std::fs::read_to_string(txt).unwrap_or_default();
        let expected: Value = std::fs::read_to_string(&expected_path)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(Value::Null);
        let name = txt.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let Some(expected) = expected.as_object() else {
            failures.push(format!("{name}: no readable {}", expected_path.display()));
            continue;
        };
        let rec = extract(&SourceText::from_plain(text));
        let got = actual(&rec);
        for (field, want) in expected {
            let have = got.get(field).cloned().unwrap_or(Value::Null);
            if &have != want {
                failures.push(format!("{name}: {field}: expected {want}, got {have}"));
            }
        }
        for (field, conf) in [
            ("council", rec.council.confidence),
            ("committee", rec.committee.confidence),
            ("meetingDate", rec.meeting_date.confidence),
        ] {
            let stated = !expected.get(field).is_none_or(Value::is_null);
            if stated && conf < 0.4 {
                failures.push(format!("{name}: {field} found but confidence only {conf}"));
            }
            if !stated && conf != 0.0 {
                failures.push(format!("{name}: {field} not stated but confidence {conf}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "every fixture's metadata matches its expected.json:\n{}",
        failures.join("\n")
    );
}

#[test]
fn evidence_points_at_the_text_it_came_from() {
    for txt in fixtures() {
        let text = std::fs::read_to_string(&txt).unwrap_or_default();
        let rec = extract(&SourceText::from_plain(text.clone()));
        for (field, span, evidence) in [
            ("council", rec.council.span, &rec.council.evidence),
            ("committee", rec.committee.span, &rec.committee.evidence),
            (
                "meetingDate",
                rec.meeting_date.span,
                &rec.meeting_date.evidence,
            ),
        ] {
            if let (Some(span), Some(evidence)) = (span, evidence) {
                let quoted = text.get(span.start..span.end).unwrap_or("");
                assert_eq!(
                    quoted.trim(),
                    evidence.trim(),
                    "{}: the {field} span quotes its evidence",
                    txt.display()
                );
            }
        }
    }
}

#[test]
fn metadata_extraction_is_fast() {
    // Not a timing assertion (machines vary): a sanity bound that catches accidental quadratic
    // work on a long document, with generous room.
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/minutes/meta-london-borough.txt"),
    )
    .unwrap_or_default();
    let long: String = std::iter::repeat_n(page.as_str(), 200)
        .collect::<Vec<_>>()
        .join("\n");
    let rec = extract(&SourceText::from_plain(long));
    assert_eq!(
        rec.council.name.as_deref(),
        Some("London Borough of Lambeth"),
        "a long document is read in full"
    );
}

/// Text built from the words minutes are made of, so the generator reaches the extractors'
/// deeper paths (labels, lists, dates) rather than only rejecting noise.
fn minutes_like() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Present:",
        "Apologies:",
        "Councillor",
        "Councillors",
        "Cllr",
        "(Chair)",
        "and",
        ",",
        ";",
        "Minutes of the",
        "MEETING OF THE",
        "Committee",
        "Council",
        "held on",
        "24th April, 2017",
        "11/10/2016",
        "at 5.00 pm",
        "Sandwell",
        "@walsall.gov.uk",
        "Parish Council",
        "City of",
        "Mr",
        "Ms Butler",
        "The Cabinet Member, Cllr Russell,",
        "\n",
        "\n\n",
        "1.",
        "A26/17",
        "Roll Call:",
        "Absent:",
        "(excused)",
        "together with",
        "THIS 12TH DAY OF",
        "JANUARY,",
        "2011",
        "Sept. 9,",
        "(Meeting ended 6:26pm)",
        "Venue:",
        "via Microsoft Teams",
        "Dún",
        "é",
        "—",
        "\u{00A0}",
        "\t",
        "ﬁ",
        "£23,000",
        "next meeting",
        "due to",
        "(",
        ")",
        ":",
    ]);
    prop::collection::vec(words, 0..120).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn extraction_never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        let rec = extract(&SourceText::from_plain(text));
        prop_assert!((0.0..=1.0).contains(&rec.confidence), "confidence stays within 0-1");
    }

    #[test]
    fn extraction_never_panics_on_minutes_like_text(text in minutes_like()) {
        let rec = extract(&SourceText::from_plain(text));
        prop_assert!((0.0..=1.0).contains(&rec.confidence), "confidence stays within 0-1");
        for f in [&rec.council, &rec.committee] {
            prop_assert!((0.0..=1.0).contains(&f.confidence), "field confidence stays within 0-1");
        }
    }

    #[test]
    fn extraction_never_panics_on_huge_lines(unit in "\\PC{1,12}", n in 1usize..4000) {
        let text = unit.repeat(n);
        let _ = extract(&SourceText::from_plain(text));
    }
}
