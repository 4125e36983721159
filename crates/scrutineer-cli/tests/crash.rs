//! Crash safety: the importing process killed (SIGKILL) at random moments, many times.
//!
//! A laptop's battery dies, a user force-quits, the system kills the app: an import of a folder
//! of 500 files can stop at any instruction. SQLite's transactions are what make that safe,
//! provided every document is written in one and nothing that counts a document is written
//! outside it. This test holds the whole program to that: it imports a generated 500-file folder
//! with the real `scrutineer` binary, kills it at seeded random moments (25 kill points, in
//! campaigns that each start from a new library, the first kill of each landing while the
//! library is being created), and after every kill checks that
//!
//! - the library passes SQLite's integrity check, the search index agrees with its paragraphs,
//!   no row points at a missing parent, and every meeting holds exactly the rows it counts;
//! - every stored document is complete: its pages, items, paragraphs, resolutions, figures,
//!   attendance, theme hits and search index rows equal those of the same file in a reference
//!   library imported without interruption, and nothing stored before the kill was lost;
//! - the pre-aggregated theme counts equal a full rebuild;
//!
//! and at the end of each campaign that re-running the import adds exactly the missing files.
//! Afterwards no PDF worker of a killed importer is left running.
//!
//! The kill points and what each found are printed (`--nocapture`). Delays are drawn from the
//! time an uninterrupted import takes on this machine, so the kill points spread over an import
//! on a fast machine and a slow one alike; nothing is asserted about time.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{
    copy_library, health, marked_processes, scrutineer, signatures, theme_counts, write_corpus,
    Rng, Signature,
};
use scrutineer_core::store::Library;
use serde_json::Value;

const FILES: usize = 500;
const KILL_POINTS: usize = 25;
const CAMPAIGNS: usize = 2;
const SEED: u64 = 0x5C2_0771;

/// One kill: when it came and what the library held before and after.
struct KillPoint {
    campaign: usize,
    delay: Duration,
    /// Whether the importer had already finished by itself.
    finished: bool,
    before: usize,
    after: usize,
}

/// Run an import to the end; its JSON summary.
fn import(db: &Path, root: &Path, marker: &str) -> Value {
    let out = scrutineer(db, marker)
        .args(["--json", "import"])
        .arg(root)
        .output()
        .expect("the importer runs");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "the import prints its JSON summary ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn count(summary: &Value, key: &str) -> usize {
    summary[key].as_u64().unwrap_or(u64::MAX) as usize
}

/// Everything that must hold of a library after a kill, given what it held before. Returns
/// the number of stored documents.
fn check_after_kill(
    db: &Path,
    scratch: &Path,
    expected: &BTreeMap<String, Signature>,
    before: &BTreeMap<String, Signature>,
    label: &str,
) -> BTreeMap<String, Signature> {
    if !db.exists() {
        assert!(before.is_empty(), "{label}: the library file vanished");
        return BTreeMap::new();
    }
    let conn = rusqlite::Connection::open(db).expect("a raw connection");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .expect("schema");
    drop(conn);
    if version == 0 {
        assert_eq!(
            tables, 0,
            "{label}: killed while the library was being created, it holds no half of a schema"
        );
        assert!(before.is_empty(), "{label}: stored documents were lost");
        return BTreeMap::new();
    }
    assert_eq!(
        version,
        scrutineer_core::store::SCHEMA_VERSION,
        "{label}: a library is never left half-migrated"
    );
    health::assert_healthy(db);

    let stored = signatures(db);
    for (sha, sig) in &stored {
        let want = expected
            .get(sha)
            .unwrap_or_else(|| panic!("{label}: a stored document {sha} is no file of the folder"));
        assert_eq!(
            sig, want,
            "{label}: document {sha} must be complete (pages, items, paragraphs, characters, \
             resolutions, figures, attendees, theme hits, meeting themes, meetings, index rows)"
        );
    }
    for sha in before.keys() {
        assert!(
            stored.contains_key(sha),
            "{label}: document {sha}, stored before the kill, was lost"
        );
    }

    // Theme counts equal a rebuild: on a copy, so the library itself is left as the kill left
    // it for the next round.
    let copy = scratch.join("rebuilt.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
    }
    copy_library(db, &copy);
    let counts = theme_counts(db);
    let lib = Library::open(&copy).expect("a killed library opens");
    lib.rebuild_themes(&mut |_| {})
        .expect("themes rebuild on the copy");
    drop(lib);
    assert_eq!(
        theme_counts(&copy),
        counts,
        "{label}: the theme counts equal a full rebuild"
    );
    stored
}

#[test]
fn killing_the_importer_at_random_moments_never_harms_the_library() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = write_corpus(&dir.path().join("minutes"), FILES, 50, SEED);
    let marker = format!("crash-{}", std::process::id());

    // The reference: the same folder imported without interruption.
    let reference = dir.path().join("reference.db");
    let started = Instant::now();
    let summary = import(&reference, &corpus.root, &marker);
    let full = started.elapsed();
    assert_eq!(
        (count(&summary, "imported"), count(&summary, "failed")),
        (corpus.importable, corpus.failing),
        "the reference import stores every good file"
    );
    let expected = signatures(&reference);
    assert_eq!(expected.len(), corpus.importable);
    // How long an import takes to start and find nothing new: the earliest useful kill.
    let started = Instant::now();
    let again = import(&reference, &corpus.root, &marker);
    let startup = started.elapsed();
    assert_eq!(count(&again, "imported"), 0);

    let mut rng = Rng::new(SEED);
    let per_campaign = KILL_POINTS.div_ceil(CAMPAIGNS);
    let mut points: Vec<KillPoint> = Vec::new();
    for campaign in 0..CAMPAIGNS {
        let db = dir.path().join(format!("campaign {campaign}.db"));
        let mut stored: BTreeMap<String, Signature> = BTreeMap::new();
        for k in 0..per_campaign {
            if points.len() == KILL_POINTS {
                break;
            }
            // The first kill lands while the library is being created; the others spread
            // over the import (their mean adds up to about one import per campaign).
            let span = startup + full * 2 / per_campaign as u32;
            let delay = if k == 0 {
                Duration::from_millis(rng.below(40))
            } else {
                startup / 2 + Duration::from_micros(rng.below(span.as_micros() as u64))
            };
            let mut child = scrutineer(&db, &marker)
                .args(["--json", "import"])
                .arg(&corpus.root)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("the importer starts");
            std::thread::sleep(delay);
            let finished = matches!(child.try_wait(), Ok(Some(_)));
            // SIGKILL: no destructor, no handler, no flush runs.
            let _ = child.kill();
            let _ = child.wait();
            let label = format!("campaign {campaign}, kill {k} after {delay:?}");
            let after = check_after_kill(&db, dir.path(), &expected, &stored, &label);
            points.push(KillPoint {
                campaign,
                delay,
                finished,
                before: stored.len(),
                after: after.len(),
            });
            stored = after;
        }

        // Re-running the import adds exactly the missing files.
        let present = stored.len();
        let summary = import(&db, &corpus.root, &marker);
        assert_eq!(
            (
                count(&summary, "imported"),
                count(&summary, "duplicates"),
                count(&summary, "failed")
            ),
            (corpus.importable - present, present, corpus.failing),
            "campaign {campaign}: re-running the import adds exactly the {} missing files",
            corpus.importable - present
        );
        assert_eq!(
            signatures(&db),
            expected,
            "campaign {campaign}: the finished library equals the one imported without a kill"
        );
        health::assert_healthy(&db);
    }

    // A killed importer's PDF workers end by themselves (they watch their parent).
    let mut left = marked_processes(&marker);
    for _ in 0..100 {
        if left.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        left = marked_processes(&marker);
    }
    assert!(
        left.is_empty(),
        "no PDF worker of a killed importer is left running: {left:?}"
    );

    println!("reference import of {FILES} files: {full:?}; start-up with nothing new: {startup:?}");
    println!("campaign  kill  delay      stored before -> after  (finished by itself)");
    for (i, p) in points.iter().enumerate() {
        println!(
            "{:>8}  {:>4}  {:>8.3}s  {:>6} -> {:<6}  {}",
            p.campaign,
            i,
            p.delay.as_secs_f64(),
            p.before,
            p.after,
            if p.finished { "yes" } else { "" }
        );
    }
    let mid_import = points
        .iter()
        .filter(|p| !p.finished && p.after > p.before)
        .count();
    println!(
        "{} kill points, {mid_import} of them mid-import with documents stored; findings: none \
         (every check above passed)",
        points.len()
    );
    assert_eq!(points.len(), KILL_POINTS);
    assert!(
        mid_import >= 1,
        "kill points land while documents are being stored"
    );
}
