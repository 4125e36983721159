//! The library as an attack surface: text from minutes and from the user never becomes SQL or
//! FTS5 syntax, and no input makes extraction or search misbehave.
//!
//! - Every SQL string the store builds with `format!` is checked here, by reading the store's
//!   source: whatever it interpolates must be a constant or one of the fragments allow-listed
//!   below, each with the reason it can never carry user input. Values always travel as `?`
//!   parameters. A new interpolation fails this test until it is added with its reason.
//! - Search takes any text a user can type: property-tested to answer or refuse with
//!   `invalid_query`, never another error.
//! - Extraction is deterministic and never panics, for any bytes a file can hold (through
//!   ingest, as an import reads them).

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use scrutineer_core::extract::extract;
use scrutineer_core::ingest::ingest;
use scrutineer_core::ingest::pdf::{PdfConfig, PdfPool, WorkerCommand};
use scrutineer_core::model::{SearchQuery, SourceFormat, SourceText};
use scrutineer_core::store::Library;

/// Interpolations allowed in the store's SQL, with why each can never hold user input.
/// Constants (`ALL_CAPS` names) are always allowed: they are fixed at compile time.
const ALLOWED: &[(&str, &str)] = &[
    (
        "filter_sql",
        "search::filters: fixed ' AND m.x = ?' fragments; values are bound as parameters",
    ),
    (
        "window_sql",
        "search: empty or the fixed fragment ' AND paragraphs_fts.rowid >= ?'",
    ),
    ("RANKED_CANDIDATES - 1", "arithmetic on a constant"),
    (
        "needs_review_sql()",
        "meetings: a constant clause with the constant review threshold written in",
    ),
    (
        "counts",
        "rows::meetings: one of two fixed column lists, chosen by a bool",
    ),
    (
        "cond",
        "rows: Filter::meeting_sql/theme_sql/council_sql, fixed fragments with ? placeholders",
    ),
    (
        "extra",
        "rows: a caller's extra clause; every caller (service.rs) passes a string literal \
         with ? placeholders",
    ),
    (
        "column",
        "rows: 'alias.month' or 'alias.year' from fixed strings; themes: a column of the \
         constant TIERS",
    ),
    (
        "totals_table",
        "rows::period_cells: a fixed table name chosen by the tier",
    ),
    (
        "themes_table",
        "rows::period_cells: a fixed table name chosen by the tier",
    ),
    ("totals", "themes: a table name from the constant TIERS"),
    ("themes", "themes: a table name from the constant TIERS"),
    ("len", "themes: a prefix length from the constant TIERS"),
    (
        "table",
        "documents, themes: loops over constant arrays of table names",
    ),
    (
        "parts.join(\" OR \")",
        "rows::Filter::meeting_sql: fixed clauses with ? placeholders, joined",
    ),
    (
        "period_sql(period, &format!(\"cm.{key}\"))",
        "rows::period_sql: substr() of a fixed column for a fixed period",
    ),
    (
        "period_sql(period, &format!(\"cmt.{key}\"))",
        "rows::period_sql: substr() of a fixed column for a fixed period",
    ),
    (
        "placeholders(names.len())",
        "a run of '?, ?' placeholders, one per bound value",
    ),
    (
        "placeholders(all.len())",
        "a run of '?, ?' placeholders, one per bound value",
    ),
    (
        "placeholders(self.themes.len())",
        "a run of '?, ?' placeholders, one per bound value",
    ),
    (
        "placeholders(metrics.len())",
        "a run of '?, ?' placeholders, one per bound value",
    ),
];

/// Words that mark a string literal as SQL (the store writes SQL keywords in capitals).
const SQL_MARKERS: &[&str] = &[
    "SELECT ", "INSERT ", "UPDATE ", "DELETE ", " WHERE ", "WHERE ", " FROM ", " JOIN ",
    "ORDER BY", "GROUP BY", " LIMIT ", " OFFSET ", "VALUES", " AND ", " OR ", " IN (", "substr(",
];

/// One `format!` whose template is SQL: where it is and what it interpolates.
#[derive(Debug)]
struct SqlFormat {
    at: String,
    interpolated: Vec<String>,
}

/// The end (exclusive) of the string literal starting at `i` (`"…"`, `r"…"` or `r#"…"#`).
fn literal_end(src: &[u8], i: usize) -> Option<(usize, String)> {
    if src[i] == b'"' {
        let mut j = i + 1;
        while j < src.len() {
            match src[j] {
                b'\\' => j += 2,
                b'"' => return Some((j + 1, String::from_utf8_lossy(&src[i + 1..j]).into_owned())),
                _ => j += 1,
            }
        }
        return None;
    }
    if src[i] == b'r' {
        let hashes = src[i + 1..].iter().take_while(|&&b| b == b'#').count();
        if src.get(i + 1 + hashes) != Some(&b'"') {
            return None;
        }
        let close: Vec<u8> = std::iter::once(b'"')
            .chain(std::iter::repeat_n(b'#', hashes))
            .collect();
        let body = i + 2 + hashes;
        let end = src[body..]
            .windows(close.len())
            .position(|w| w == close.as_slice())?;
        return Some((
            body + end + close.len(),
            String::from_utf8_lossy(&src[body..body + end]).into_owned(),
        ));
    }
    None
}

/// The arguments after a `format!` template, split at top-level commas, up to the macro's
/// closing parenthesis.
fn format_args(src: &[u8], mut i: usize) -> Vec<String> {
    let mut args = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    while i < src.len() {
        let c = src[i];
        if c == b'"' || (c == b'r' && matches!(src.get(i + 1), Some(b'"') | Some(b'#'))) {
            if let Some((end, _)) = literal_end(src, i) {
                current.push_str(&String::from_utf8_lossy(&src[i..end]));
                i = end;
                continue;
            }
        }
        match c {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth == 0 => break,
            b')' | b']' | b'}' => depth -= 1,
            b',' if depth == 0 => {
                args.push(std::mem::take(&mut current));
                i += 1;
                continue;
            }
            _ => {}
        }
        current.push(c as char);
        i += 1;
    }
    args.push(current);
    args.into_iter()
        .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|a| !a.is_empty())
        .collect()
}

/// The holes of a format template: inline names (`{name}`, `{name:?}`) and positional `{}`.
fn holes(template: &str) -> Vec<Option<String>> {
    let mut out = Vec::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '{' {
            if chars.peek() == Some(&'{') {
                chars.next();
                continue;
            }
            let mut inner = String::new();
            for d in chars.by_ref() {
                if d == '}' {
                    break;
                }
                inner.push(d);
            }
            let name = inner.split(':').next().unwrap_or("").trim().to_string();
            out.push((!name.is_empty()).then_some(name));
        }
    }
    out
}

/// Every `format!` in a source file whose template is SQL.
fn sql_formats(path: &Path) -> Vec<SqlFormat> {
    let text = std::fs::read_to_string(path).expect("read store source");
    let src = text.as_bytes();
    let mut out = Vec::new();
    let needle = b"format!(";
    let mut from = 0;
    while let Some(pos) = src[from..].windows(needle.len()).position(|w| w == needle) {
        let start = from + pos + needle.len();
        from = start;
        let mut i = start;
        while i < src.len() && src[i].is_ascii_whitespace() {
            i += 1;
        }
        let Some((end, template)) = literal_end(src, i) else {
            continue;
        };
        if !SQL_MARKERS.iter().any(|m| template.contains(m)) {
            continue;
        }
        let mut rest = end;
        while rest < src.len() && (src[rest].is_ascii_whitespace() || src[rest] == b',') {
            rest += 1;
        }
        let args = format_args(src, rest);
        let (named, positional): (Vec<String>, Vec<String>) = args.into_iter().partition(|a| {
            a.split_once('=').is_some_and(|(n, v)| {
                !v.starts_with('=') && n.trim().chars().all(|c| c.is_alphanumeric() || c == '_')
            })
        });
        let mut positional = positional.into_iter();
        let mut interpolated = Vec::new();
        for hole in holes(&template) {
            match hole {
                Some(name) => {
                    let bound = named.iter().find_map(|a| {
                        a.split_once('=')
                            .filter(|(n, _)| n.trim() == name)
                            .map(|(_, v)| v.trim().to_string())
                    });
                    interpolated.push(bound.unwrap_or(name));
                }
                None => interpolated.push(positional.next().unwrap_or_else(|| "?".into())),
            }
        }
        let line = text[..start].lines().count();
        out.push(SqlFormat {
            at: format!(
                "{}:{line}",
                path.file_name().unwrap_or_default().to_string_lossy()
            ),
            interpolated,
        });
    }
    out
}

fn store_sources() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the store's sources")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

fn is_constant(expr: &str) -> bool {
    !expr.is_empty()
        && expr
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

#[test]
fn sql_is_never_built_from_anything_but_constants_and_fixed_fragments() {
    let mut found = 0;
    let mut offending = Vec::new();
    let mut used = std::collections::HashSet::new();
    for file in store_sources() {
        for f in sql_formats(&file) {
            found += 1;
            for expr in &f.interpolated {
                let allowed = ALLOWED.iter().find(|(name, _)| name == expr);
                if let Some((name, _)) = allowed {
                    used.insert(*name);
                } else if !is_constant(expr) {
                    offending.push(format!("{}: {expr}", f.at));
                }
            }
        }
    }
    let unused: Vec<&str> = ALLOWED
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !used.contains(name))
        .collect();
    assert!(
        unused.is_empty(),
        "ALLOWED lists fragments no SQL interpolates any more; remove them: {unused:?}"
    );
    assert!(
        found >= 20,
        "the scanner finds the store's SQL templates ({found}); has it stopped reading them?"
    );
    assert!(
        offending.is_empty(),
        "SQL may interpolate only constants and allow-listed fixed fragments; bind values as \
         ? parameters, or add the fragment to ALLOWED with the reason it cannot carry user \
         input:\n{}",
        offending.join("\n")
    );
}

#[test]
fn the_sql_scanner_catches_an_interpolated_value() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.rs");
    std::fs::write(
        &bad,
        "fn f(conn: &Connection, council: &str) {\n    let sql = format!(\"SELECT id FROM meetings WHERE council = '{council}'\");\n    let two = format!(\n        r#\"DELETE FROM {} WHERE id = {}\"#,\n        TABLE, user_id\n    );\n    let msg = format!(\"not found: {council}\");\n}\n",
    )
    .expect("write");
    let found = sql_formats(&bad);
    let exprs: Vec<&str> = found
        .iter()
        .flat_map(|f| f.interpolated.iter().map(String::as_str))
        .collect();
    assert_eq!(
        exprs,
        vec!["council", "TABLE", "user_id"],
        "both SQL templates are read, their holes resolved, and a message is not SQL"
    );
}

/// A small file library with a few documents, for search properties.
fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = Library::open(dir.path().join("library.db")).expect("library");
    let pool = PdfPool::new(PdfConfig::default());
    let importer = scrutineer_core::import::Importer::new(
        lib.clone(),
        scrutineer_core::ingest::IngestConfig::default(),
    )
    .with_pdf_pool(std::sync::Arc::new(pool));
    let files = dir.path().join("minutes");
    std::fs::create_dir_all(&files).expect("mkdir");
    for (i, text) in [
        "Wexcombe Council\n\nMinutes of the Cabinet, 3 March 2022\n\n1. Fostering\n\nThe cabinet noted that foster carers' allowances rise by 4% (\"uplift\") to £212.50 a week.",
        "Wexcombe Council\n\nMinutes of the Planning Committee, 9 May 2022\n\n1. Café licences\n\nNEAR the market, café tables AND chairs were allowed; OR not? -- col:value * ^start",
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(files.join(format!("m{i}.txt")), text).expect("write");
    }
    let summary = importer.import(&[files], &mut |_| {});
    assert_eq!(summary.imported, 2, "{summary:?}");
    (dir, lib)
}

/// Text a user can type, leaning on FTS5's syntax: quotes, operators, columns, brackets,
/// stars, carets, NULs and other control characters, and non-Latin letters.
fn typed() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\"",
        "\"\"",
        "*",
        "^",
        "-",
        "+",
        ":",
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        "'",
        "NEAR",
        "NEAR(",
        "AND",
        "OR",
        "NOT",
        "text:",
        "paragraphs_fts",
        "rank",
        "bm25(",
        "\0",
        "\u{1}",
        "\n",
        "\t",
        " ",
        "  ",
        "foster",
        "carers",
        "café",
        "£212.50",
        "4%",
        "uplift",
        "ćŵ",
        "日本",
        "🙂",
        "\u{FFFD}",
        "\u{200B}",
        "\\",
        ";",
        "--",
        "/*",
        "*/",
        "%",
        "_",
        "?",
        "?1",
        "$x",
        "@x",
        "NULL",
        "''",
        "x'00'",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..12).prop_map(|p| p.concat()),
        "\\PC{0,40}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_search_text_is_answered_or_refused_as_an_invalid_query(text in typed(), limit in proptest::option::of(0u32..1000), offset in proptest::option::of(0u32..5000)) {
        let (_dir, lib) = LIBRARY.with(|l| l.clone());
        let query = SearchQuery { text: text.clone(), limit, offset, ..SearchQuery::default() };
        match lib.search(&query) {
            Ok(results) => {
                prop_assert!(results.hits.len() as u64 <= results.total, "a page holds no more hits than match");
            }
            Err(e) => {
                prop_assert_eq!(e.code(), "invalid_query", "search {:?} failed with {}", text, e);
                prop_assert!(!e.to_string().is_empty(), "a refused search says why");
            }
        }
    }
}

thread_local! {
    /// One library per test thread, kept for the whole property run.
    static LIBRARY: (std::rc::Rc<tempfile::TempDir>, Library) = {
        let (dir, lib) = library();
        (std::rc::Rc::new(dir), lib)
    };
}

/// A pool that can never start a worker: bytes sniffed as a PDF fail as a set-up error.
fn no_worker_pool() -> PdfPool {
    PdfPool::new(PdfConfig {
        worker: Some(WorkerCommand::new("/nonexistent/scrutineer-no-worker", &[])),
        ..PdfConfig::default()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_a_file_can_hold_import_or_fail_cleanly_and_extract_deterministically(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..3000),
            "(?s)\\PC{0,600}".prop_map(String::into_bytes),
            prop::collection::vec(prop::sample::select(vec![
                "Minutes of the ", "Cabinet", "\n", "\n\n", "1. ", "2.1 ", "(a) ", "RESOLVED ",
                "that ", "£", "4.5m", "%", " 12 March 2021", "Present:", "Apologies", "\u{C}",
                "\r\n", "\0", "\u{FEFF}", "<p>", "</p>", "<html>", "é", "\u{2013}", "\t",
            ]), 0..80).prop_map(|p| p.concat().into_bytes()),
        ],
        html in any::<bool>(),
    ) {
        let pool = no_worker_pool();
        let (name, format) = if html { ("f.html", SourceFormat::Html) } else { ("f.txt", SourceFormat::Text) };
        match ingest(Path::new(name), &bytes, format, &pool) {
            Ok(source) => {
                let first = extract(&source);
                let second = extract(&source);
                prop_assert_eq!(&first, &second, "extraction is deterministic");
                prop_assert!((0.0..=1.0).contains(&first.confidence));
            }
            Err(e) => prop_assert!(!e.to_string().is_empty(), "a refusal says why ({})", e.code()),
        }
    }

    #[test]
    fn extraction_is_deterministic_on_arbitrary_pages(pages in prop::collection::vec("(?s)\\PC{0,300}", 1..4)) {
        let mut source = SourceText::from_plain(String::new());
        source.pages = pages
            .iter()
            .enumerate()
            .map(|(i, t)| scrutineer_core::model::PageText { number: i as u32 + 1, text: t.clone() })
            .collect();
        prop_assert_eq!(extract(&source), extract(&source), "the same text gives the same record");
    }
}
