//! The fictional sample minutes that ship with the app (`samples/minutes/`), read through ingest
//! and extraction exactly as `scrutineer import samples/minutes` reads them, checked field by
//! field against `samples/expected.json` (what a careful reader extracts; see
//! `samples/README.md`).
//!
//! Every field the expectations state is compared: kind, council, committee, date or undated
//! window, title, times, venue, the people present (with chair and vice-chair marks), apologies
//! and in attendance (compared on surname, as `expected.json` says, and with their roles), the
//! agenda items (number, title, standing business) and the planted figures (a subset of what is
//! found: each must be found with its value and unit). All mismatches are listed before the
//! test fails, so one run shows everything that is wrong.
//!
//! Two conventions differ between `expected.json` and the extractor, and are compared as the
//! same: `expected.json` writes an item's number with its keyword ("Item 5") where the
//! extractor keeps the number ("5", as its structure fixtures require), and keeps a trailing
//! agenda reference in a title ("URGENT BUSINESS (Agenda item 4)") that the extractor reads as
//! a cross-reference, not part of the title.

use std::path::{Path, PathBuf};

use scrutineer_core::extract::extract;
use scrutineer_core::ingest::pdf::{PdfConfig, PdfPool, WorkerCommand};
use scrutineer_core::ingest::{format_of, ingest};
use scrutineer_core::model::{FigureUnit, MeetingRecord, Person};
use scrutineer_core::normalize::fold;
use serde_json::Value;

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

fn text_pool() -> PdfPool {
    PdfPool::new(PdfConfig {
        worker: Some(WorkerCommand::new("/nonexistent/scrutineer-no-worker", &[])),
        ..PdfConfig::default()
    })
}

fn surname(name: &str) -> String {
    fold(name)
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .rfind(|t| !t.is_empty())
        .unwrap_or_default()
        .to_string()
}

fn unit_of(s: &str) -> Option<FigureUnit> {
    Some(match s {
        "gbp" => FigureUnit::Gbp,
        "eur" => FigureUnit::Eur,
        "usd" => FigureUnit::Usd,
        "percent" => FigureUnit::Percent,
        "count" => FigureUnit::Count,
        _ => return None,
    })
}

/// The words of a role, for a loose comparison ("Co-opted Member, Roman Catholic Diocese" and
/// "Roman Catholic Diocese" share theirs).
fn role_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_string)
        .collect()
}

/// An item number without its keyword: "Item 5" and "5" are the same number.
fn bare_number(n: &str) -> String {
    let f = fold(n);
    for k in ["agenda item ", "item ", "minute "] {
        if let Some(rest) = f.strip_prefix(k) {
            return rest.trim().to_string();
        }
    }
    f
}

/// A title without a trailing agenda reference: "Urgent business (agenda item 4)".
fn bare_title(t: &str) -> String {
    let f = fold(t);
    match f.rfind(" (agenda item ") {
        Some(i) if f.ends_with(')') => f[..i].trim().to_string(),
        _ => f,
    }
}

/// Compare one list of people; push what differs.
fn check_people(field: &str, expected: &[Value], ours: &[Person], out: &mut Vec<String>) {
    let mut used = vec![false; ours.len()];
    for e in expected {
        let name = e["name"].as_str().unwrap_or_default();
        let Some(i) =
            (0..ours.len()).find(|&i| !used[i] && surname(&ours[i].name) == surname(name))
        else {
            out.push(format!("{field}: {name} not found"));
            continue;
        };
        used[i] = true;
        let p = &ours[i];
        if e["chair"].as_bool().unwrap_or(false) != p.chair {
            out.push(format!("{field}: {name} chair mark is {}", p.chair));
        }
        if e["viceChair"].as_bool().unwrap_or(false) != p.vice_chair {
            out.push(format!(
                "{field}: {name} vice-chair mark is {}",
                p.vice_chair
            ));
        }
        if let Some(role) = e["role"].as_str() {
            let want = role_words(role);
            let have = role_words(p.role.as_deref().unwrap_or_default());
            let shared = want.iter().filter(|w| have.contains(w)).count();
            if have.is_empty() || shared * 2 < want.len().min(have.len().max(1)) {
                out.push(format!(
                    "{field}: {name} role {:?}, expected {role:?}",
                    p.role
                ));
            }
        }
    }
    for (i, p) in ours.iter().enumerate() {
        if !used[i] {
            out.push(format!("{field}: extra person {:?}", p.name));
        }
    }
}

/// Every difference between a record and its expectations.
fn differences(doc: &Value, rec: &MeetingRecord) -> Vec<String> {
    let mut out = Vec::new();
    let str_field = |key: &str| doc.get(key).map(|v| v.as_str().map(str::to_string));
    let mut same = |field: &str, expected: Option<Option<String>>, ours: Option<String>| {
        if let Some(e) = expected {
            let equal = match (&e, &ours) {
                (Some(a), Some(b)) => fold(a) == fold(b),
                (None, None) => true,
                _ => false,
            };
            if !equal {
                out.push(format!("{field}: {ours:?}, expected {e:?}"));
            }
        }
    };
    same(
        "kind",
        str_field("kind"),
        Some(rec.kind.as_str().to_string()),
    );
    same("council", str_field("council"), rec.council.name.clone());
    let committee_ok_when_null = doc.get("committeeNote").is_some() && rec.committee.name.is_none();
    if !committee_ok_when_null {
        same(
            "committee",
            str_field("committee"),
            rec.committee.name.clone(),
        );
    }
    same(
        "date",
        str_field("date"),
        rec.meeting_date.date.map(|d| d.to_string()),
    );
    same("title", str_field("title"), rec.title.clone());
    same("startTime", str_field("startTime"), rec.start_time.clone());
    same("endTime", str_field("endTime"), rec.end_time.clone());
    same("venue", str_field("venue"), rec.venue.clone());
    if let Some(w) = doc.get("window") {
        let ours = rec
            .meeting_date
            .window
            .as_ref()
            .map(|w| (w.from.map(|d| d.to_string()), w.to.map(|d| d.to_string())));
        let expected = Some((
            w["from"].as_str().map(str::to_string),
            w["to"].as_str().map(str::to_string),
        ));
        if ours != expected {
            out.push(format!("window: {ours:?}, expected {expected:?}"));
        }
    }
    for (key, ours) in [
        ("present", &rec.attendance.present),
        ("apologies", &rec.attendance.apologies),
        ("inAttendance", &rec.attendance.in_attendance),
    ] {
        if let Some(list) = doc[key].as_array() {
            check_people(key, list, ours, &mut out);
        }
    }
    // An empty list is no expectation: an agenda-item page is one item whose number it may not
    // print.
    if let Some(items) = doc["items"].as_array().filter(|i| !i.is_empty()) {
        if items.len() != rec.items.len() {
            out.push(format!(
                "items: {} found, expected {}: {:?}",
                rec.items.len(),
                items.len(),
                rec.items
                    .iter()
                    .map(|i| (i.number.clone(), i.title.clone()))
                    .collect::<Vec<_>>()
            ));
        }
        for (k, e) in items.iter().enumerate() {
            let Some(o) = rec.items.get(k) else { break };
            let number = e["number"].as_str().map(str::to_string);
            let title = e["title"].as_str().unwrap_or_default();
            if number.as_deref().map(bare_number) != o.number.as_deref().map(bare_number)
                || bare_title(title) != bare_title(&o.title)
            {
                out.push(format!(
                    "item {k}: {:?} {:?}, expected {number:?} {title:?}",
                    o.number, o.title
                ));
            }
            let standing = e["standing"].as_str();
            let ours = o.standing.and_then(|s| {
                serde_json::to_value(s)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
            });
            if standing.map(str::to_string) != ours {
                out.push(format!(
                    "item {k} ({title}): standing {ours:?}, expected {standing:?}"
                ));
            }
        }
    }
    if let Some(figures) = doc["figures"].as_array() {
        for f in figures {
            let value = f["value"].as_f64().unwrap_or(f64::NAN);
            let max = f["valueMax"].as_f64();
            let unit = f["unit"].as_str().and_then(unit_of);
            let found = rec.figures.iter().any(|o| {
                (o.value - value).abs() < 1e-6 * value.abs().max(1.0)
                    && Some(o.unit) == unit
                    && match max {
                        Some(m) => o
                            .value_max
                            .is_some_and(|om| (om - m).abs() < 1e-6 * m.max(1.0)),
                        None => true,
                    }
            });
            if !found {
                out.push(format!("figure {} not found", f["text"]));
            }
        }
    }
    out
}

#[test]
fn every_sample_reads_as_expected() {
    let dir = samples_dir();
    let Ok(text) = std::fs::read_to_string(dir.join("expected.json")) else {
        eprintln!("samples/expected.json not found; skipping");
        return;
    };
    let expected: Value = serde_json::from_str(&text).expect("expected.json is JSON");
    let root = dir.join(
        expected["importRoot"]
            .as_str()
            .unwrap_or("samples/minutes")
            .trim_start_matches("samples/"),
    );
    let pool = text_pool();
    let docs = expected["documents"].as_array().expect("documents listed");
    assert!(docs.len() >= 20, "every sample is described");
    let mut failures = Vec::new();
    let mut wrong_fields = 0usize;
    for doc in docs {
        let file = doc["file"].as_str().unwrap_or_default();
        let path = root.join(file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let format = format_of(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let src = ingest(&path, &bytes, format, &pool).unwrap_or_else(|e| panic!("{file}: {e}"));
        let rec = extract(&src);
        let diffs = differences(doc, &rec);
        wrong_fields += diffs.len();
        for d in diffs {
            failures.push(format!("{file}: {d}"));
        }
    }
    for f in &failures {
        println!("{f}");
    }
    println!(
        "samples: {wrong_fields} differences in {} files",
        docs.len()
    );
    assert!(
        failures.is_empty(),
        "every sample reads as samples/expected.json says; {} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
