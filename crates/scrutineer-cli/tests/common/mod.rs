//! What the process-level hardening tests share: a generated folder of minutes, the
//! `scrutineer` binary as a child process, and views of a library file that say whether each
//! stored document is complete.
//!
//! The library-wide checks (integrity, search index, foreign keys, every meeting's counted rows)
//! are the core's own (`scrutineer-core/tests/it/health.rs`), included here so the two test
//! suites hold libraries to one definition of "whole".

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use rusqlite::Connection;
use scrutineer_core::pdfgen::{self, PdfLayout};

#[path = "../../../scrutineer-core/tests/it/health.rs"]
pub mod health;

/// The environment variable set on every child process these tests start, so the PDF workers
/// it starts (which inherit its environment) can be found afterwards.
pub const MARKER_ENV: &str = "SCRUTINEER_HARDENING_TEST";

/// The `scrutineer` binary on a library, marked with `marker`.
pub fn scrutineer(db: &Path, marker: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_scrutineer"));
    cmd.arg("--db")
        .arg(db)
        .env_remove("SCRUTINEER_DB")
        .env(MARKER_ENV, marker)
        .stdin(Stdio::null());
    cmd
}

/// A small deterministic random number generator (SplitMix64): the tests' kill points and
/// corpora are reproducible from a seed, with no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const COUNCILS: [&str; 6] = [
    "Ashcombe District Council",
    "Brindle Vale Borough Council",
    "Corran County Council",
    "Dunsford City Council",
    "Elmstead Parish Council",
    "Fairhaven Town Council",
];

const COMMITTEES: [&str; 5] = [
    "Children's Services Scrutiny Panel",
    "Planning Committee",
    "Cabinet",
    "Corporate Parenting Panel",
    "Finance and Audit Committee",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Paragraphs of business, written for these tests, touching the themes of the default
/// codebook and carrying figures.
const BUSINESS: [&str; 8] = [
    "The Head of Fostering reported that {n} new foster carers had been approved this year and that recruitment would continue.",
    "Officers explained that social work caseloads averaged {n} children per worker, above the target agreed last year.",
    "The youth justice service recorded {n} first time entrants, a fall on the previous quarter.",
    "Members asked about education, health and care plans; {n} requests were waiting for assessment.",
    "The budget for home to school transport was overspent by £{n},000 and a recovery plan was being prepared.",
    "Residents raised concerns about the condition of the footpath near the village hall and asked for repairs.",
    "The committee heard that {n} per cent of care leavers were in education, employment or training.",
    "Councillors discussed the playground refurbishment and the cost of new fencing at £{n},500.",
];

/// Minutes of a made-up meeting: a heading, attendance, numbered items with paragraphs and a
/// resolution; `marker` is a word found in this file alone.
pub fn minutes(rng: &mut Rng, marker: &str) -> String {
    let council = rng.pick(&COUNCILS);
    let committee = rng.pick(&COMMITTEES);
    let day = rng.below(28) + 1;
    let month = rng.pick(&MONTHS);
    let year = 2015 + rng.below(10);
    let mut text = format!(
        "{council}\n\nMinutes of the meeting of the {committee} held on {day} {month} {year}\n\n\
         Present: Councillors P. Ashdown (Chair), K. Mensah and L. Ferreira\n\n\
         1. Apologies for absence\n\nApologies were received from Councillor Rowe.\n\n"
    );
    let items = 2 + rng.below(3);
    for i in 0..items {
        let n = 2 + rng.below(97);
        let body = rng.pick(&BUSINESS).replace("{n}", &n.to_string());
        text.push_str(&format!(
            "{}. Item of business {}\n\n{body}\n\n",
            i + 2,
            i + 1
        ));
        if rng.below(2) == 0 {
            text.push_str("RESOLVED: that the report be noted and an update brought back.\n\n");
        }
    }
    text.push_str(&format!(
        "{}. Any other business\n\nThe clerk recorded reference {marker} for the file.\n",
        items + 2
    ));
    text
}

/// A generated folder of minutes.
pub struct Corpus {
    pub root: PathBuf,
    /// Files that import.
    pub importable: usize,
    /// Files that must fail (empty, a Word file).
    pub failing: usize,
}

/// The marker word of file `i`.
pub fn marker(i: usize) -> String {
    format!("crashmark{i:04}")
}

/// `n` files of minutes: text and Markdown, a PDF every `pdf_every` files (so PDF workers are
/// running when the importer is killed), and two files that must fail.
pub fn write_corpus(root: &Path, n: usize, pdf_every: usize, seed: u64) -> Corpus {
    let mut rng = Rng::new(seed);
    fs::create_dir_all(root).expect("mkdir");
    for i in 0..n {
        let text = minutes(&mut rng, &marker(i));
        let folder = root.join(format!("year {}", i / 100));
        fs::create_dir_all(&folder).expect("mkdir");
        if pdf_every > 0 && i % pdf_every == pdf_every / 2 {
            let pdf = pdfgen::text_pdf(&text, &PdfLayout::default()).expect("a PDF is written");
            fs::write(folder.join(format!("minutes {i:04}.pdf")), pdf).expect("write");
        } else if i % 7 == 3 {
            fs::write(folder.join(format!("minutes {i:04}.md")), text).expect("write");
        } else {
            fs::write(folder.join(format!("minutes {i:04}.txt")), text).expect("write");
        }
    }
    fs::write(root.join("empty.txt"), b"").expect("write");
    fs::write(root.join("report.docx"), b"PK\x03\x04 word/document.xml").expect("write");
    Corpus {
        root: root.to_path_buf(),
        importable: n,
        failing: 2,
    }
}

/// What a stored document consists of, counted from its rows (never from the counters the
/// store keeps beside them): pages, items, paragraphs and their characters, resolutions,
/// figures, attendees, theme hits, per-meeting theme counts, and the paragraphs the search
/// index finds by the file's marker word.
pub type Signature = Vec<i64>;

/// Every stored document's signature, by SHA-256.
pub fn signatures(path: &Path) -> BTreeMap<String, Signature> {
    let conn = Connection::open(path).expect("a raw connection");
    let mut indexed: BTreeMap<i64, i64> = BTreeMap::new();
    {
        let mut stmt = conn
            .prepare(
                "SELECT p.meeting_id, count(*) FROM paragraphs_fts
                 JOIN paragraphs p ON p.id = paragraphs_fts.rowid
                 WHERE paragraphs_fts MATCH 'crashmark*' GROUP BY p.meeting_id",
            )
            .expect("search index query");
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("search index rows");
        for row in rows {
            let (id, n) = row.expect("row");
            indexed.insert(id, n);
        }
    }
    let mut stmt = conn
        .prepare(
            "SELECT d.id, d.sha256,
                (SELECT count(*) FROM meetings x WHERE x.id = d.id),
                (SELECT count(*) FROM pages x WHERE x.document_id = d.id),
                (SELECT count(*) FROM items x WHERE x.meeting_id = d.id),
                (SELECT count(*) FROM paragraphs x WHERE x.meeting_id = d.id),
                (SELECT coalesce(sum(length(x.text)), 0) FROM paragraphs x WHERE x.meeting_id = d.id),
                (SELECT count(*) FROM resolutions x WHERE x.meeting_id = d.id),
                (SELECT count(*) FROM figures x WHERE x.meeting_id = d.id),
                (SELECT count(*) FROM attendees x WHERE x.meeting_id = d.id),
                (SELECT count(*) FROM theme_hits x WHERE x.meeting_id = d.id),
                (SELECT count(*) FROM meeting_themes x WHERE x.meeting_id = d.id)
             FROM documents d",
        )
        .expect("signature query");
    let rows = stmt
        .query_map([], |r| {
            let id: i64 = r.get(0)?;
            let sha: String = r.get(1)?;
            let mut sig = Vec::new();
            for i in 2..12 {
                sig.push(r.get::<_, i64>(i)?);
            }
            Ok((id, sha, sig))
        })
        .expect("signature rows");
    let mut out = BTreeMap::new();
    for row in rows {
        let (id, sha, mut sig) = row.expect("row");
        sig.push(indexed.get(&id).copied().unwrap_or(0));
        out.insert(sha, sig);
    }
    out
}

/// Every row of the tables theme statistics are made of, as text, in a fixed order.
pub fn theme_counts(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).expect("a raw connection");
    let queries = [
        "SELECT paragraph_id, theme_key, meeting_id, counted, chars, matches FROM theme_hits ORDER BY 1, 2",
        "SELECT meeting_id, theme_key, hits, chars FROM meeting_themes ORDER BY 1, 2",
        "SELECT council, month, theme_key, hits, meetings, chars FROM council_month_themes ORDER BY 1, 2, 3",
        "SELECT council, month, meetings, chars, paragraphs FROM council_months ORDER BY 1, 2",
        "SELECT council, year, theme_key, hits, meetings, chars FROM council_year_themes ORDER BY 1, 2, 3",
        "SELECT council, year, meetings, chars, paragraphs FROM council_years ORDER BY 1, 2",
        "SELECT id, body_chars, body_paragraphs FROM meetings ORDER BY 1",
    ];
    let mut out = Vec::new();
    for q in queries {
        let mut stmt = conn.prepare(q).expect("query prepares");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", row.get_ref(i).expect("cell")))
                    .collect();
                Ok(cells.join("|"))
            })
            .expect("query runs");
        for r in rows {
            out.push(r.expect("row"));
        }
    }
    out
}

/// Copy a library that no process has open (the file and its write-ahead log) to `to`.
pub fn copy_library(from: &Path, to: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut src = from.as_os_str().to_owned();
        src.push(suffix);
        let mut dst = to.as_os_str().to_owned();
        dst.push(suffix);
        if Path::new(&src).exists() {
            fs::copy(&src, &dst).expect("copy the library");
        }
    }
}

/// Process ids of running processes whose environment carries `marker` (Linux only: an empty
/// list elsewhere).
pub fn marked_processes(marker: &str) -> Vec<u32> {
    let needle = format!("{MARKER_ENV}={marker}");
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut pids = Vec::new();
    for entry in entries.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(env) = fs::read(entry.path().join("environ")) else {
            continue;
        };
        // A zombie (exited, not yet reaped) has no environment left to read.
        if env.split(|&b| b == 0).any(|var| var == needle.as_bytes()) {
            pids.push(pid);
        }
    }
    pids
}
