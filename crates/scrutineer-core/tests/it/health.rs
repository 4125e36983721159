//! What "nothing stored is harmed" means, as checks on a library file: SQLite's own integrity
//! check, the search index agreeing with the paragraphs it indexes, no row pointing at a missing
//! parent, and every meeting's counted rows equal to the rows stored for it. The hardening tests
//! (bad input, migrations, backups under load) run these after doing their worst.

use std::path::Path;

use rusqlite::Connection;

/// The tables a document's records live in, in the order their counts are reported.
pub const TABLES: [&str; 9] = [
    "documents",
    "pages",
    "meetings",
    "corrections",
    "attendees",
    "items",
    "paragraphs",
    "resolutions",
    "figures",
];

/// Row counts of every table of a document's records, straight from SQLite.
pub fn row_counts(path: &Path) -> Vec<(String, i64)> {
    let conn = Connection::open(path).expect("a raw connection to the library");
    TABLES
        .iter()
        .map(|t| {
            // The table names are the constants above, never input.
            let n = conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .expect("count rows");
            (t.to_string(), n)
        })
        .collect()
}

/// Panics with the rule broken unless the library file is whole.
pub fn assert_healthy(path: &Path) {
    let conn = Connection::open(path).expect("a raw connection to the library");
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check runs");
    assert_eq!(
        ok, "ok",
        "the library file must pass SQLite's integrity check"
    );
    conn.execute(
        "INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('integrity-check')",
        [],
    )
    .expect("the search index must agree with the paragraphs it indexes");
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("foreign key check runs");
    assert_eq!(fk, 0, "no row may point at a missing parent");
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS
                 (SELECT 1 FROM meetings m WHERE m.id = d.id)
              OR d.page_count <> (SELECT count(*) FROM pages p WHERE p.document_id = d.id)",
            [],
            |r| r.get(0),
        )
        .expect("document check runs");
    assert_eq!(
        orphans, 0,
        "every document has its meeting and all of its pages"
    );
    let miscounted: i64 = conn
        .query_row(
            "SELECT count(*) FROM meetings m WHERE
                m.item_count <> (SELECT count(*) FROM items x WHERE x.meeting_id = m.id)
             OR m.paragraph_count <> (SELECT count(*) FROM paragraphs x WHERE x.meeting_id = m.id)
             OR m.resolution_count <> (SELECT count(*) FROM resolutions x WHERE x.meeting_id = m.id)
             OR m.figure_count <> (SELECT count(*) FROM figures x WHERE x.meeting_id = m.id)",
            [],
            |r| r.get(0),
        )
        .expect("meeting check runs");
    assert_eq!(
        miscounted, 0,
        "every meeting holds exactly the items, paragraphs, resolutions and figures it counts"
    );
}
