//! The analysis commands end to end, on a temp `--db`.
//!
//! One library is seeded through the core with synthetic minutes (`scrutineer_core::synth`),
//! so the commands have themes, figures and actions to show whatever the extractor reads yet.
//! Another imports the fictional sample minutes with the real pipeline; its checks of what the
//! samples plant (fostering in three councils, caseload figures, followed-up actions) need the
//! extractor's paragraphs and are skipped with a message until extraction reads them.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use scrutineer_core::store::Library;
use scrutineer_core::synth::{self, SynthConfig};
use serde_json::Value;
use tempfile::TempDir;

const CONFIG: SynthConfig = SynthConfig {
    meetings: 80,
    councils: 3,
    first_year: 2018,
    years: 3,
    seed: 5,
};

fn scrutineer(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("scrutineer").expect("the binary is built");
    cmd.arg("--db").arg(db).env_remove("SCRUTINEER_DB");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("output is UTF-8")
}

fn json(cmd: &mut Command) -> Value {
    let out = stdout(cmd.arg("--json"));
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("--json output must parse ({e}): {out}"))
}

fn seeded() -> (TempDir, PathBuf, Vec<String>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("library.db");
    let lib = Library::open(&db).expect("library");
    lib.write_batch(|batch| {
        for doc in synth::documents(CONFIG) {
            batch.insert(&doc)?;
        }
        Ok(())
    })
    .expect("seed");
    (dir, db, synth::council_names(&CONFIG))
}

#[test]
fn every_analysis_answers_in_text_json_and_csv_with_resolvable_sources() {
    let (dir, db, councils) = seeded();

    // Timeline.
    let t = json(scrutineer(&db).args(["timeline", "--council", &councils[0]]));
    let lanes = t["lanes"].as_array().expect("lanes");
    assert!(
        !lanes.is_empty(),
        "the council has meetings on the timeline"
    );
    assert!(lanes.iter().all(|l| l["council"] == councils[0].as_str()));
    let text = stdout(scrutineer(&db).args(["timeline", "--council", &councils[0]]));
    assert!(text.contains(&councils[0]) && text.contains(" item"));
    let csv = stdout(scrutineer(&db).args(["timeline", "--csv"]));
    assert!(csv.starts_with("meeting_id,council,committee,date"));

    // Themes (the heatmap).
    let h = json(scrutineer(&db).arg("themes"));
    let cells = h["cells"].as_array().expect("cells");
    assert!(
        cells
            .iter()
            .any(|c| c["themeId"] == "fostering" && c["hits"].as_u64() > Some(0)),
        "fostering is found"
    );
    let text = stdout(scrutineer(&db).arg("themes"));
    assert!(text.contains("Fostering") && text.contains("[1]"));
    assert!(stdout(scrutineer(&db).args(["themes", "--csv"]))
        .starts_with("theme_id,theme,group,council,hits"));

    // Trends.
    let points =
        json(scrutineer(&db).args(["trends", "--period", "quarter", "--theme", "caseloads"]));
    let points = points.as_array().expect("points");
    assert!(!points.is_empty());
    assert!(points
        .iter()
        .all(|p| p["themeId"] == "caseloads"
            && p["period"].as_str().is_some_and(|s| s.contains("-Q"))));
    assert!(
        stdout(scrutineer(&db).args(["trends", "--csv"])).starts_with("theme_id,council,period")
    );

    // Passages behind a cell.
    let passages = json(scrutineer(&db).args([
        "passages",
        "fostering",
        "--council",
        &councils[1],
        "--limit",
        "3",
    ]));
    let passages = passages.as_array().expect("passages");
    assert!(!passages.is_empty() && passages.len() <= 3);
    assert!(passages
        .iter()
        .all(|p| p["evidence"]["council"] == councils[1].as_str()));

    // Compare, with the HTML report.
    let c = json(scrutineer(&db).args(["compare", &councils[0], &councils[1]]));
    assert_eq!(c["councils"].as_array().map(Vec::len), Some(2));
    let report = dir.path().join("report.html");
    scrutineer(&db)
        .args([
            "compare",
            &councils[0],
            &councils[1],
            "--today",
            "2024-05-01",
            "--html",
        ])
        .arg(&report)
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote"));
    let html = std::fs::read_to_string(&report).expect("the report was written");
    assert!(!html.contains("<script"), "the report runs no script");
    assert!(
        html.contains("[meeting ") && html.contains("2024-05-01"),
        "it cites sources and is dated"
    );
    assert!(
        stdout(scrutineer(&db).args(["compare", &councils[0], &councils[2]]))
            .contains("Distinctive themes")
    );

    // Figures: every one cites a paragraph that `explain` resolves.
    let figures = json(scrutineer(&db).args(["figures", "--metric", "caseload"]));
    let figures = figures.as_array().expect("figures");
    assert!(!figures.is_empty(), "caseload figures are classified");
    assert!(figures
        .iter()
        .all(|f| f["metric"] == "caseload_per_social_worker"));
    let pid = figures[0]["evidence"]["paragraphId"]
        .as_i64()
        .expect("a paragraph id");
    let mid = figures[0]["evidence"]["meetingId"]
        .as_i64()
        .expect("a meeting id");
    let why = json(scrutineer(&db).args(["explain", &pid.to_string()]));
    assert_eq!(
        why["evidence"]["meetingId"], mid,
        "the paragraph resolves to its meeting"
    );
    assert!(why["themes"]
        .as_array()
        .is_some_and(|t| t.iter().any(|t| t["id"] == "caseloads")));
    scrutineer(&db)
        .args(["show", &mid.to_string()])
        .assert()
        .success()
        .stdout(predicate::str::contains("Themes"));
    assert!(stdout(scrutineer(&db).args(["explain", &pid.to_string()])).contains("Caseloads"));

    // Actions, judged as of a date given.
    let actions = json(scrutineer(&db).args(["actions", "--today", "2024-01-01"]));
    let actions = actions.as_array().expect("actions");
    assert!(!actions.is_empty(), "update requests are tracked");
    let overdue =
        json(scrutineer(&db).args(["actions", "--status", "overdue", "--today", "2024-01-01"]));
    assert!(overdue
        .as_array()
        .expect("actions")
        .iter()
        .all(|a| a["status"] == "overdue"));
    assert!(stdout(scrutineer(&db).args(["actions", "--today", "2024-01-01"])).contains("asked:"));
    assert!(
        stdout(scrutineer(&db).args(["actions", "--csv", "--today", "2024-01-01"]))
            .starts_with("resolution_id,kind,status")
    );

    // KWIC, by term and by theme.
    let text = stdout(scrutineer(&db).args(["kwic", "foster carer*", "--limit", "5"]));
    assert_eq!(text.lines().count(), 5);
    assert!(
        text.to_lowercase().contains("[foster carer"),
        "the keyword is marked: {text}"
    );
    let lines = json(scrutineer(&db).args(["kwic", "--theme", "ofsted", "--limit", "4"]));
    assert_eq!(lines.as_array().map(Vec::len), Some(4));
    scrutineer(&db).args(["kwic"]).assert().code(2);

    // Emergent themes and exports.
    json(scrutineer(&db).arg("emergent"));
    let out = dir.path().join("trends.csv");
    scrutineer(&db)
        .args([
            "export", "trends", "--format", "csv", "--period", "month", "--output",
        ])
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out)
        .expect("written")
        .starts_with("theme_id,council,period"));
    let exported = stdout(scrutineer(&db).args([
        "export",
        "actions",
        "--format",
        "json",
        "--today",
        "2024-01-01",
    ]));
    let exported: Value = serde_json::from_str(&exported).expect("the export is JSON");
    assert_eq!(exported.as_array().map(Vec::len), Some(actions.len()));
    let exported = stdout(scrutineer(&db).args([
        "export",
        "compare",
        "--format",
        "csv",
        "--council",
        &councils[0],
        "--council",
        &councils[1],
    ]));
    assert!(exported.starts_with("section,subject,measure,value,passage"));
    scrutineer(&db)
        .args(["export", "kwic", "--format", "csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--term"));
}

#[test]
fn the_codebook_is_edited_exported_and_imported() {
    let (dir, db, _) = seeded();
    let show = stdout(scrutineer(&db).arg("codebook"));
    assert!(show.contains("fostering") && show.contains("include:"));

    let preview = json(scrutineer(&db).args(["codebook", "preview", "radio advertis*"]));
    assert!(
        preview["paragraphs"].as_u64() > Some(0),
        "a live preview counts matches"
    );
    scrutineer(&db)
        .args(["codebook", "preview", "ra*"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("at least 3"));

    let saved = json(scrutineer(&db).args([
        "codebook",
        "add",
        "recruitment-adverts",
        "Recruitment adverts",
        "--include",
        "radio advertis*",
    ]));
    assert_eq!(
        saved["diff"]["added"],
        serde_json::json!(["recruitment-adverts"])
    );
    assert!(saved["hits"].as_u64() > Some(0));
    let h = json(scrutineer(&db).args(["themes", "--theme", "recruitment-adverts"]));
    assert!(h["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .any(|c| c["hits"].as_u64() > Some(0)));

    let renamed = stdout(scrutineer(&db).args([
        "codebook",
        "rename",
        "recruitment-adverts",
        "Adverts for carers",
    ]));
    assert!(
        renamed.contains("no theme needed matching again"),
        "{renamed}"
    );
    scrutineer(&db)
        .args(["codebook", "add-pattern", "recruitment-adverts", "leaflet*"])
        .assert()
        .success()
        .stdout(predicate::str::contains("changed: recruitment-adverts"));

    let file = dir.path().join("mine.toml");
    scrutineer(&db)
        .args(["codebook", "export"])
        .arg(&file)
        .assert()
        .success();
    let toml = std::fs::read_to_string(&file).expect("exported");
    assert!(toml.contains("recruitment-adverts") && toml.contains("leaflet*"));

    scrutineer(&db)
        .args(["codebook", "delete", "recruitment-adverts"])
        .assert()
        .success()
        .stdout(predicate::str::contains("removed: recruitment-adverts"));
    scrutineer(&db)
        .args(["codebook", "delete", "recruitment-adverts"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no theme"));
    // `themes --codebook FILE` makes a file the library's codebook, then shows the heatmap.
    let text = stdout(scrutineer(&db).args(["themes", "--codebook"]).arg(&file));
    assert!(
        text.contains("added: recruitment-adverts") && text.contains("Adverts for carers"),
        "{text}"
    );
    json(scrutineer(&db).args(["codebook", "rebuild"]));
}

fn samples() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/minutes");
    dir.is_dir().then_some(dir)
}

#[test]
fn the_sample_minutes_import_and_every_analysis_answers() {
    let Some(samples) = samples() else {
        eprintln!("samples/minutes not found: skipping");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("library.db");
    scrutineer(&db)
        .arg("import")
        .arg(&samples)
        .assert()
        .success();

    // Every command runs, in text and JSON, whatever extraction reads.
    for args in [
        vec!["timeline"],
        vec!["themes"],
        vec!["trends", "--period", "quarter"],
        vec!["figures"],
        vec!["actions", "--today", "2024-09-01"],
        vec!["kwic", "foster*"],
        vec!["emergent"],
    ] {
        scrutineer(&db).args(&args).assert().success();
        json(scrutineer(&db).args(&args));
    }
    let h = json(scrutineer(&db).arg("themes"));
    let councils: Vec<String> = h["councils"]
        .as_array()
        .expect("councils")
        .iter()
        .filter_map(|c| c.as_str().map(str::to_string))
        .collect();
    let paragraphs: u64 = json(scrutineer(&db).args(["meetings"]))
        .as_array()
        .expect("meetings")
        .iter()
        .filter_map(|m| m["paragraphCount"].as_u64())
        .sum();
    if paragraphs == 0 || councils.len() < 3 {
        eprintln!(
            "skipping the samples' planted-theme checks: extraction read {paragraphs} paragraphs and {} councils",
            councils.len()
        );
        return;
    }
    let children: Vec<&String> = councils
        .iter()
        .filter(|c| {
            ["Northmoor", "Eastbridge", "Kingsmere"]
                .iter()
                .any(|n| c.contains(n))
        })
        .collect();
    for council in &children {
        assert!(
            h["cells"]
                .as_array()
                .expect("cells")
                .iter()
                .any(|c| c["themeId"] == "fostering"
                    && c["council"] == council.as_str()
                    && c["hits"].as_u64() > Some(0)),
            "fostering is found in {council}"
        );
    }
    let figures = json(scrutineer(&db).args(["figures", "--metric", "caseload"]));
    assert!(
        !figures.as_array().expect("figures").is_empty(),
        "the samples' caseloads are found"
    );
    let actions = json(scrutineer(&db).args([
        "actions",
        "--status",
        "followed-up",
        "--today",
        "2024-09-01",
    ]));
    assert!(
        !actions.as_array().expect("actions").is_empty(),
        "requested updates are followed up"
    );
    if children.len() >= 2 {
        let report = dir.path().join("samples.html");
        scrutineer(&db)
            .args(["compare", children[0], children[1], "--html"])
            .arg(&report)
            .assert()
            .success();
        let html = std::fs::read_to_string(&report).expect("written");
        assert!(!html.contains("<script") && html.contains("[meeting "));
    }
}
