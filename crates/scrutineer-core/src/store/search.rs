//! Full-text search over paragraphs (FTS5, bm25 ranking, highlighted snippets).
//!
//! A user's text is never handed to FTS5 as typed: its query syntax (`OR`, `NEAR(`, `col:`,
//! `-`, `^`, stray quotes) would turn a search for a phrase into a syntax error or a different
//! question. [`fts_query`] splits the text into words and "quoted phrases", quotes each one as
//! an FTS5 string and joins them with AND; a word ending in `*` stays a prefix search.
//!
//! Ranking every match of a very common word with bm25 costs time proportional to the number
//! of matches, so when more than [`RANKED_CANDIDATES`] paragraphs match, only the most recently
//! imported ones are ranked, and the results say so in their `note`.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use super::Library;
use crate::error::{Error, Result};
use crate::model::{SearchHit, SearchQuery, SearchResults};

/// Above this many matching paragraphs, only the most recently imported this many are ranked.
pub const RANKED_CANDIDATES: u64 = 5_000;

/// Hits per page unless the query says otherwise, and the most a page may hold.
const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 500;

/// The most terms one search may have.
const MAX_TERMS: usize = 32;

/// Tokens either side of a match in a snippet.
const SNIPPET_TOKENS: u32 = 12;

/// Turn what a user typed into a safe FTS5 query: each word and each "quoted phrase" becomes a
/// quoted FTS5 string (so nothing in it is an operator), a trailing `*` keeps a prefix search,
/// and all terms must match. Terms with nothing searchable in them (`-`, `*`, `:`) are dropped;
/// if nothing is left the query is refused with [`Error::InvalidQuery`].
pub fn fts_query(text: &str) -> Result<String> {
    // Control characters (a NUL ends FTS5's reading of a string) separate words, like spaces.
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut terms: Vec<String> = Vec::new();
    let mut rest = text.as_str();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let (raw, after) = if let Some(inner) = rest.strip_prefix('"') {
            // A phrase runs to the closing quote; an unbalanced quote runs to the end.
            match inner.find('"') {
                Some(end) => {
                    let after = &inner[end + 1..];
                    let unstarred = after.trim_start_matches('*');
                    ((&inner[..end], unstarred.len() < after.len()), unstarred)
                }
                None => ((inner, false), ""),
            }
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            let word = &rest[..end];
            let stem = word.trim_end_matches('*');
            ((stem, stem.len() < word.len()), &rest[end..])
        };
        rest = after;
        let (content, prefix) = raw;
        if !content.chars().any(char::is_alphanumeric) {
            continue;
        }
        let mut term = format!("\"{}\"", content.replace('"', "\"\""));
        if prefix {
            term.push('*');
        }
        terms.push(term);
    }
    if terms.is_empty() {
        return Err(Error::InvalidQuery(
            "type at least one word to search for (letters or digits)".into(),
        ));
    }
    if terms.len() > MAX_TERMS {
        return Err(Error::InvalidQuery(format!(
            "too many words ({}); a search may have up to {MAX_TERMS}",
            terms.len()
        )));
    }
    Ok(terms.join(" AND "))
}

/// The filter clauses of a search, over `paragraphs p` joined to `meetings m`.
fn filters(q: &SearchQuery) -> (String, Vec<Value>) {
    let mut sql = String::new();
    let mut args = Vec::new();
    if let Some(council) = &q.council {
        sql.push_str(" AND m.council = ?");
        args.push(Value::Text(council.clone()));
    }
    if let Some(committee) = &q.committee {
        sql.push_str(" AND m.committee = ?");
        args.push(Value::Text(committee.clone()));
    }
    if let Some(from) = q.year_from {
        sql.push_str(" AND m.meeting_date >= ?");
        args.push(Value::Text(format!("{from:04}-01-01")));
    }
    if let Some(to) = q.year_to {
        sql.push_str(" AND m.meeting_date < ?");
        args.push(Value::Text(format!("{:04}-01-01", to + 1)));
    }
    (sql, args)
}

const FROM_MATCHES: &str = "FROM paragraphs_fts
    JOIN paragraphs p ON p.id = paragraphs_fts.rowid
    JOIN meetings m ON m.id = p.meeting_id
    WHERE paragraphs_fts MATCH ?";

impl Library {
    /// Paragraphs matching a search, best first (bm25), with highlighted snippets (matches
    /// wrapped in [`HIGHLIGHT_START`](crate::model::HIGHLIGHT_START) …
    /// [`HIGHLIGHT_END`](crate::model::HIGHLIGHT_END)). See [`fts_query`] for what the text
    /// may contain.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        let fts = fts_query(&q.text)?;
        let (filter_sql, filter_args) = filters(q);
        let limit = q.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let offset = q.offset.unwrap_or(0);
        self.read(|conn| {
            let args = |extra: &[Value]| {
                std::iter::once(Value::Text(fts.clone()))
                    .chain(filter_args.iter().cloned())
                    .chain(extra.iter().cloned())
                    .collect::<Vec<_>>()
            };
            let total: i64 = if filter_sql.is_empty() {
                conn.query_row(
                    "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH ?1",
                    [&fts],
                    |row| row.get(0),
                )?
            } else {
                conn.query_row(
                    &format!("SELECT count(*) {FROM_MATCHES}{filter_sql}"),
                    params_from_iter(args(&[])),
                    |row| row.get(0),
                )?
            };
            let total = u64::try_from(total).unwrap_or(0);

            let (mut window_sql, mut window_args, mut note) = (String::new(), Vec::new(), None);
            if total > RANKED_CANDIDATES {
                if let Some(first) = newest_candidates_from(conn, &filter_sql, args(&[]))? {
                    window_sql = " AND paragraphs_fts.rowid >= ?".to_string();
                    window_args.push(Value::Integer(first));
                    note = Some(format!(
                        "{total} paragraphs match; the {RANKED_CANDIDATES} most recently imported \
                         are ranked. Add words or filters to narrow the search."
                    ));
                }
            }

            let sql = format!(
                "SELECT p.id, p.meeting_id, m.council, m.committee, m.meeting_date, p.page,
                        i.number, i.title,
                        snippet(paragraphs_fts, 0, char(2), char(3), '…', {SNIPPET_TOKENS}),
                        bm25(paragraphs_fts) AS score
                 FROM paragraphs_fts
                 JOIN paragraphs p ON p.id = paragraphs_fts.rowid
                 JOIN meetings m ON m.id = p.meeting_id
                 LEFT JOIN items i ON i.id = p.item_id
                 WHERE paragraphs_fts MATCH ?{filter_sql}{window_sql}
                 ORDER BY score, p.id DESC
                 LIMIT ? OFFSET ?"
            );
            window_args.push(Value::Integer(i64::from(limit)));
            window_args.push(Value::Integer(i64::from(offset)));
            let mut stmt = conn.prepare(&sql)?;
            let rows = stmt.query_map(params_from_iter(args(&window_args)), |row| {
                Ok((
                    SearchHit {
                        paragraph_id: row.get(0)?,
                        meeting_id: row.get(1)?,
                        council: row.get(2)?,
                        committee: row.get(3)?,
                        date: None,
                        page: row.get(5)?,
                        item_number: row.get(6)?,
                        item_title: row.get(7)?,
                        snippet: row.get(8)?,
                        rank: row.get(9)?,
                    },
                    row.get::<_, Option<String>>(4)?,
                ))
            })?;
            let mut hits = Vec::new();
            for row in rows {
                let (mut hit, date) = row?;
                hit.date = super::meetings::parse_date(date.as_deref())?;
                hits.push(hit);
            }
            Ok(SearchResults { hits, total, note })
        })
    }
}

/// The smallest paragraph id among the [`RANKED_CANDIDATES`] newest matches, or `None` when
/// there are fewer.
fn newest_candidates_from(
    conn: &Connection,
    filter_sql: &str,
    args: Vec<Value>,
) -> Result<Option<i64>> {
    let sql = format!(
        "SELECT paragraphs_fts.rowid {FROM_MATCHES}{filter_sql}
         ORDER BY paragraphs_fts.rowid DESC LIMIT 1 OFFSET {}",
        RANKED_CANDIDATES - 1
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    Ok(match rows.next()? {
        Some(row) => Some(row.get(0)?),
        None => None,
    })
}
