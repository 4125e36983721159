//! Documents in and out: inserting a file's text and record (whole or not at all), deleting it
//! with everything hanging off it (its search index rows too), re-running extraction over the
//! stored pages, and reading a document's stored text back.
//!
//! A meeting's rows are written by one pair of functions, [`write_meeting`] and
//! [`delete_meeting_rows`], used by both insert and re-extraction, so the two can never store a
//! record differently. They also keep themes current: `write_meeting` matches the new
//! paragraphs against the library's codebook and adds the meeting's counts, and
//! `delete_meeting_rows` takes them away first, all in the document's transaction. Corrections
//! live in their own table and are never touched here: that is what lets them survive
//! re-extraction.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Savepoint, Transaction};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::outlines;
use super::themes::{self, Found, ParagraphToMatch, ThemeIndex};
use super::{actions, meetings, Library};
use crate::analysis::metrics::classify;
use crate::error::{Error, Result};
use crate::model::{
    DocumentInfo, Id, MeetingRecord, MeetingSummary, PageText, Person, SourceText, Span,
};

/// A file's text and its meeting record, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDocument {
    /// Lower-case hex SHA-256 of the file's bytes: the document's identity.
    pub sha256: String,
    pub file_name: String,
    /// Where it was imported from.
    pub path: String,
    /// The file's size.
    pub bytes: u64,
    pub imported_at: DateTime<Utc>,
    pub source: SourceText,
    pub record: MeetingRecord,
}

/// The pure, CPU-heavy part of storing a document, done before the writer (by the importer's
/// reader threads, in parallel): each paragraph's length and theme matches, each figure's
/// metric. The writer then only inserts rows.
///
/// Theme matches depend on the codebook, which may be saved between preparing and writing: they
/// carry the generation they were matched under, and the writer uses them only when that is
/// still the library's generation inside its transaction, matching again itself otherwise. So a
/// prepared document is always stored exactly as an unprepared one would be.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// The codebook generation `matched` was computed under.
    generation: i64,
    /// Per paragraph of the record: [`themes::match_paragraph`].
    matched: Vec<Vec<Found>>,
    /// Per paragraph of the record: its length in characters.
    chars: Vec<u64>,
    /// Per figure of the record: the stored name of its metric.
    metrics: Vec<String>,
}

impl Prepared {
    /// Whether this was prepared from `record` (the writer never trusts a mismatched one).
    fn fits(&self, record: &MeetingRecord) -> bool {
        self.matched.len() == record.paragraphs.len()
            && self.chars.len() == record.paragraphs.len()
            && self.metrics.len() == record.figures.len()
    }
}

/// What inserting a document did.
// Returned once per document and matched at once; boxing the summary would only add an
// allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Inserted {
    /// Stored as a new document; its meeting as the library now lists it.
    New(MeetingSummary),
    /// The same bytes were already stored, as this document. Nothing changed.
    Duplicate(Id),
}

/// Which meetings to re-extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reextract {
    One(Id),
    All,
}

/// Documents written in one transaction (see [`Library::write_batch`]).
pub struct DocumentBatch<'conn> {
    tx: Transaction<'conn>,
    /// The codebook new paragraphs are matched with.
    themes: Arc<ThemeIndex>,
    /// Meetings whose actions the batch's documents may have changed (and the documents' own),
    /// tracked again once, when the batch commits.
    retrack: BTreeSet<Id>,
}

impl<'conn> DocumentBatch<'conn> {
    pub(super) fn new(tx: Transaction<'conn>, themes: Arc<ThemeIndex>) -> DocumentBatch<'conn> {
        DocumentBatch {
            tx,
            themes,
            retrack: BTreeSet::new(),
        }
    }

    pub(super) fn commit(self) -> Result<()> {
        actions::retrack(&self.tx, &self.retrack)?;
        Ok(self.tx.commit()?)
    }

    /// Store one document whole, or nothing of it: it is written under a savepoint, so when it
    /// fails the batch's other documents stay. Same bytes as a stored document (including one
    /// earlier in this batch): [`Inserted::Duplicate`], nothing written.
    pub fn insert(&mut self, doc: &NewDocument) -> Result<Inserted> {
        self.insert_prepared(doc, None)
    }

    /// [`DocumentBatch::insert`], with the pure work already done by
    /// [`Library::prepare_document`] (used when it fits this document; see [`Prepared`]).
    pub fn insert_prepared(
        &mut self,
        doc: &NewDocument,
        prepared: Option<&Prepared>,
    ) -> Result<Inserted> {
        let prepared = prepared.filter(|p| p.fits(&doc.record));
        let sp = self.tx.savepoint()?;
        let inserted = insert(&sp, doc, &self.themes, prepared)?;
        let touched = match &inserted {
            Inserted::New(meeting) => {
                let mut touched = actions::dependents(&sp, meeting.id)?;
                touched.push(meeting.id);
                touched
            }
            Inserted::Duplicate(_) => Vec::new(),
        };
        sp.commit()?;
        self.retrack.extend(touched);
        Ok(inserted)
    }

    /// The document stored with these bytes, if any (including one written earlier in this
    /// batch).
    pub fn find_by_sha256(&self, sha256: &str) -> Result<Option<Id>> {
        find_by_sha256(&self.tx, sha256)
    }
}

impl Library {
    /// Do the pure work of storing `doc` (see [`Prepared`]) under the library's current
    /// codebook. Runs on any thread, reading only; pass the result to
    /// [`DocumentBatch::insert_prepared`].
    pub fn prepare_document(&self, doc: &NewDocument) -> Result<Prepared> {
        let index = self.read(|conn| self.theme_index(conn))?;
        let r = &doc.record;
        let metrics = r
            .figures
            .iter()
            .map(|f| to_name(&classify(f.what.as_deref(), &f.sentence, &f.text, f.unit)))
            .collect::<Result<Vec<_>>>()?;
        Ok(Prepared {
            generation: index.generation,
            matched: r
                .paragraphs
                .iter()
                .map(|p| themes::match_paragraph(&index, &p.text))
                .collect(),
            chars: r
                .paragraphs
                .iter()
                .map(|p| p.text.chars().count() as u64)
                .collect(),
            metrics,
        })
    }

    /// Store one document in its own transaction. See [`DocumentBatch::insert`].
    pub fn insert_document(&self, doc: &NewDocument) -> Result<Inserted> {
        self.write_batch(|batch| batch.insert(doc))
    }

    /// The document stored with these bytes (lower-case hex SHA-256), if any.
    pub fn find_by_sha256(&self, sha256: &str) -> Result<Option<Id>> {
        self.read(|conn| find_by_sha256(conn, sha256))
    }

    /// Every stored document, in import order.
    pub fn documents(&self) -> Result<Vec<DocumentInfo>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(&format!("{DOCUMENT_COLUMNS} ORDER BY id"))?;
            let rows = stmt.query_map([], document_info)?;
            let mut out = Vec::new();
            for row in rows {
                out.push(row??);
            }
            Ok(out)
        })
    }

    /// One stored document.
    pub fn document(&self, id: Id) -> Result<DocumentInfo> {
        self.read(|conn| document(conn, id))
    }

    /// A stored document's text as ingest produced it: what extraction reads.
    pub fn source(&self, id: Id) -> Result<SourceText> {
        self.read(|conn| source(conn, id))
    }

    /// Remove a document and everything read from it: meeting, corrections, attendees, items,
    /// resolutions, figures, paragraphs and their search index rows.
    pub fn delete(&self, id: Id) -> Result<()> {
        self.write(|conn| {
            let tx = conn.transaction()?;
            if !document_exists(&tx, id)? {
                return Err(not_found(id));
            }
            let touched: BTreeSet<Id> = actions::dependents(&tx, id)?.into_iter().collect();
            delete_meeting_rows(&tx, id)?;
            tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
            actions::retrack(&tx, &touched)?;
            tx.commit()?;
            Ok(())
        })
    }

    /// Run extraction again over stored pages (after a better extractor lands), replacing each
    /// meeting's extracted rows. Corrections survive: effective values are recomputed over the
    /// new extraction. Each meeting is its own transaction; extraction runs outside them, so
    /// readers and other writers are not held up. `on_progress(done, total)` is called after
    /// each meeting. Returns how many meetings were re-extracted.
    pub fn reextract(
        &self,
        which: Reextract,
        extract: &dyn Fn(&SourceText) -> MeetingRecord,
        on_progress: &mut dyn FnMut(u32, u32),
    ) -> Result<u32> {
        let ids: Vec<Id> = match which {
            Reextract::One(id) => {
                if !self.read(|conn| document_exists(conn, id))? {
                    return Err(not_found(id));
                }
                vec![id]
            }
            Reextract::All => self.read(|conn| {
                let mut stmt = conn.prepare("SELECT id FROM documents ORDER BY id")?;
                let ids = stmt.query_map([], |row| row.get(0))?;
                Ok(ids.collect::<rusqlite::Result<Vec<Id>>>()?)
            })?,
        };
        let total = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        let mut done = 0;
        for id in ids {
            let src = match self.source(id) {
                Ok(src) => src,
                // Deleted since the list was read: nothing to do.
                Err(Error::NotFound(_)) => continue,
                Err(e) => return Err(e),
            };
            let record = extract(&src);
            let text_chars = text_chars(&src.pages);
            let stored = self.write(|conn| {
                let tx = conn.transaction()?;
                if !document_exists(&tx, id)? {
                    return Ok(false);
                }
                let index = self.theme_index(&tx)?;
                // Actions its old text followed up, and actions its new text may.
                let mut touched: BTreeSet<Id> = actions::dependents(&tx, id)?.into_iter().collect();
                delete_meeting_rows(&tx, id)?;
                write_meeting(&tx, id, &record, text_chars, &index, None)?;
                touched.extend(actions::dependents(&tx, id)?);
                touched.insert(id);
                actions::retrack(&tx, &touched)?;
                tx.commit()?;
                Ok(true)
            })?;
            if stored {
                done += 1;
            }
            on_progress(done, total);
        }
        Ok(done)
    }
}

pub(super) fn not_found(id: Id) -> Error {
    Error::NotFound(format!("meeting #{id}"))
}

pub(super) fn document_exists(conn: &Connection, id: Id) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM documents WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

fn find_by_sha256(conn: &Connection, sha256: &str) -> Result<Option<Id>> {
    Ok(conn
        .prepare_cached("SELECT id FROM documents WHERE sha256 = ?1")?
        .query_row([sha256.to_ascii_lowercase()], |row| row.get(0))
        .optional()?)
}

fn insert(
    sp: &Savepoint<'_>,
    doc: &NewDocument,
    themes: &ThemeIndex,
    prepared: Option<&Prepared>,
) -> Result<Inserted> {
    let sha256 = doc.sha256.to_ascii_lowercase();
    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::Invalid(format!(
            "a document's identity must be a hex SHA-256 (64 characters), not {:?}",
            doc.sha256
        )));
    }
    if let Some(existing) = find_by_sha256(sp, &sha256)? {
        return Ok(Inserted::Duplicate(existing));
    }
    let src = &doc.source;
    sp.prepare_cached(
        "INSERT INTO documents (sha256, file_name, path, format, extractor, bytes, page_count,
                                imported_at, title, ingest_diagnostics, removed_lines)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        sha256,
        doc.file_name,
        doc.path,
        src.format.as_str(),
        src.extractor.as_str(),
        i64::try_from(doc.bytes).unwrap_or(i64::MAX),
        src.pages.len() as i64,
        doc.imported_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        src.title,
        to_json(&src.diagnostics)?,
        to_json(&src.removed_lines)?,
    ])?;
    let id = sp.last_insert_rowid();
    {
        let mut page =
            sp.prepare_cached("INSERT INTO pages (document_id, number, text) VALUES (?1, ?2, ?3)")?;
        for p in &src.pages {
            page.execute(params![id, p.number, p.text])?;
        }
    }
    write_meeting(
        sp,
        id,
        &doc.record,
        text_chars(&src.pages),
        themes,
        prepared,
    )?;
    Ok(Inserted::New(meetings::summary(sp, id)?))
}

fn text_chars(pages: &[PageText]) -> u32 {
    let chars: usize = pages.iter().map(|p| p.text.chars().count()).sum();
    u32::try_from(chars).unwrap_or(u32::MAX)
}

/// Write a meeting's row (insert or replace its extracted values) and all of its child rows,
/// recompute its effective values over any corrections, then match its paragraphs against the
/// codebook and add its theme counts. The child rows must not exist (a new document, or after
/// [`delete_meeting_rows`]). What `prepared` holds (it must fit `r`) is used rather than
/// computed again; its theme matches only if they were made with `themes`' generation.
fn write_meeting(
    conn: &Connection,
    id: Id,
    r: &MeetingRecord,
    text_chars: u32,
    themes: &ThemeIndex,
    prepared: Option<&Prepared>,
) -> Result<()> {
    let (council_start, council_end) = span_parts(r.council.span);
    let (committee_start, committee_end) = span_parts(r.committee.span);
    let date = &r.meeting_date;
    let (date_start, date_end) = span_parts(date.span);
    let window = date.window.as_ref();
    conn.prepare_cached(
        "INSERT INTO meetings (
            id, kind, title,
            council_name, council_confidence, council_evidence, council_page,
            council_span_start, council_span_end,
            committee_name, committee_confidence, committee_evidence, committee_page,
            committee_span_start, committee_span_end,
            date_value, date_confidence, date_evidence, date_page, date_span_start, date_span_end,
            has_date_window, date_window_from, date_window_to,
            start_time, end_time, venue, confidence, diagnostics, text_chars,
            item_count, resolution_count, figure_count, paragraph_count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34)
         ON CONFLICT (id) DO UPDATE SET
            kind = excluded.kind, title = excluded.title,
            council_name = excluded.council_name,
            council_confidence = excluded.council_confidence,
            council_evidence = excluded.council_evidence, council_page = excluded.council_page,
            council_span_start = excluded.council_span_start,
            council_span_end = excluded.council_span_end,
            committee_name = excluded.committee_name,
            committee_confidence = excluded.committee_confidence,
            committee_evidence = excluded.committee_evidence,
            committee_page = excluded.committee_page,
            committee_span_start = excluded.committee_span_start,
            committee_span_end = excluded.committee_span_end,
            date_value = excluded.date_value, date_confidence = excluded.date_confidence,
            date_evidence = excluded.date_evidence, date_page = excluded.date_page,
            date_span_start = excluded.date_span_start, date_span_end = excluded.date_span_end,
            has_date_window = excluded.has_date_window,
            date_window_from = excluded.date_window_from,
            date_window_to = excluded.date_window_to,
            start_time = excluded.start_time, end_time = excluded.end_time,
            venue = excluded.venue, confidence = excluded.confidence,
            diagnostics = excluded.diagnostics, text_chars = excluded.text_chars,
            item_count = excluded.item_count, resolution_count = excluded.resolution_count,
            figure_count = excluded.figure_count, paragraph_count = excluded.paragraph_count",
    )?
    .execute(params![
        id,
        r.kind.as_str(),
        r.title,
        r.council.name,
        f64::from(r.council.confidence),
        r.council.evidence,
        r.council.page,
        council_start,
        council_end,
        r.committee.name,
        f64::from(r.committee.confidence),
        r.committee.evidence,
        r.committee.page,
        committee_start,
        committee_end,
        date.date.map(|d| d.format("%Y-%m-%d").to_string()),
        f64::from(date.confidence),
        date.evidence,
        date.page,
        date_start,
        date_end,
        window.is_some(),
        window
            .and_then(|w| w.from)
            .map(|d| d.format("%Y-%m-%d").to_string()),
        window
            .and_then(|w| w.to)
            .map(|d| d.format("%Y-%m-%d").to_string()),
        r.start_time,
        r.end_time,
        r.venue,
        f64::from(r.confidence),
        to_json(&r.diagnostics)?,
        text_chars,
        r.items.len() as i64,
        r.resolutions.len() as i64,
        r.figures.len() as i64,
        r.paragraphs.len() as i64,
    ])?;

    let lists: [(&str, &[Person]); 3] = [
        ("present", &r.attendance.present),
        ("apologies", &r.attendance.apologies),
        ("in_attendance", &r.attendance.in_attendance),
    ];
    {
        let mut attendee = conn.prepare_cached(
            "INSERT INTO attendees (meeting_id, list, position, name, role, chair, vice_chair)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (list, people) in lists {
            for (i, p) in people.iter().enumerate() {
                attendee.execute(params![
                    id,
                    list,
                    i as i64,
                    p.name,
                    p.role,
                    p.chair,
                    p.vice_chair
                ])?;
            }
        }
    }

    let mut item_ids = Vec::with_capacity(r.items.len());
    {
        let mut item = conn.prepare_cached(
            "INSERT INTO items (meeting_id, position, number, title, page, span_start, span_end,
                                standing)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (i, it) in r.items.iter().enumerate() {
            let standing = it.standing.map(|s| to_name(&s)).transpose()?;
            item.execute(params![
                id,
                i as i64,
                it.number,
                it.title,
                it.page,
                it.span.start as i64,
                it.span.end as i64,
                standing,
            ])?;
            item_ids.push(conn.last_insert_rowid());
        }
    }
    let item_id = |index: Option<usize>| index.and_then(|i| item_ids.get(i).copied());

    let mut paragraph_ids = Vec::with_capacity(r.paragraphs.len());
    {
        let mut paragraph = conn.prepare_cached(
            "INSERT INTO paragraphs (meeting_id, position, item_id, page, text, span_start,
                                     span_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (i, p) in r.paragraphs.iter().enumerate() {
            paragraph.execute(params![
                id,
                i as i64,
                item_id(p.item_index),
                p.page,
                p.text,
                p.span.start as i64,
                p.span.end as i64,
            ])?;
            paragraph_ids.push(conn.last_insert_rowid());
        }
    }
    // The search index is external-content: it learns of new paragraphs here, not by trigger.
    conn.prepare_cached(
        "INSERT INTO paragraphs_fts (rowid, text)
         SELECT id, text FROM paragraphs WHERE meeting_id = ?1",
    )?
    .execute([id])?;

    {
        let mut resolution = conn.prepare_cached(
            "INSERT INTO resolutions (meeting_id, item_id, item_label, position, text, page,
                                      span_start, span_end, paragraph_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for (i, res) in r.resolutions.iter().enumerate() {
            // The first paragraph whose span holds the resolution's: what its citations cite.
            let holder = r
                .paragraphs
                .iter()
                .position(|p| p.span.start <= res.span.start && p.span.end >= res.span.end)
                .and_then(|at| paragraph_ids.get(at).copied());
            resolution.execute(params![
                id,
                item_id(res.item_index),
                res.item,
                i as i64,
                res.text,
                res.page,
                res.span.start as i64,
                res.span.end as i64,
                holder,
            ])?;
        }
    }

    {
        let mut figure = conn.prepare_cached(
            "INSERT INTO figures (meeting_id, position, item_id, paragraph_id, text, value,
                                  value_max, unit, what, approximate, sentence, page,
                                  span_start, span_end, metric)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        for (i, f) in r.figures.iter().enumerate() {
            let paragraph_id = f
                .paragraph_index
                .and_then(|p| paragraph_ids.get(p).copied());
            figure.execute(params![
                id,
                i as i64,
                item_id(f.item_index),
                paragraph_id,
                f.text,
                f.value,
                f.value_max,
                to_name(&f.unit)?,
                f.what,
                f.approximate,
                f.sentence,
                f.page,
                f.span.start as i64,
                f.span.end as i64,
                match prepared.and_then(|p| p.metrics.get(i)) {
                    Some(metric) => metric.clone(),
                    None => to_name(&classify(f.what.as_deref(), &f.sentence, &f.text, f.unit))?,
                },
            ])?;
        }
    }

    // Theme statistics count only paragraphs outside standing business (apologies,
    // declarations, previous minutes…): their characters are the meeting's denominators.
    let counted: Vec<bool> = r
        .paragraphs
        .iter()
        .map(|p| {
            p.item_index
                .and_then(|i| r.items.get(i))
                .is_none_or(|item| item.standing.is_none())
        })
        .collect();
    let chars: Vec<u64> = match prepared {
        Some(p) => p.chars.clone(),
        None => r
            .paragraphs
            .iter()
            .map(|p| p.text.chars().count() as u64)
            .collect(),
    };
    let (body_chars, body_paragraphs) = chars
        .iter()
        .zip(&counted)
        .filter(|(_, c)| **c)
        .fold((0i64, 0i64), |(sum, n), (chars, _)| {
            (sum + i64::try_from(*chars).unwrap_or(i64::MAX), n + 1)
        });
    conn.prepare_cached("UPDATE meetings SET body_chars = ?2, body_paragraphs = ?3 WHERE id = ?1")?
        .execute(params![id, body_chars, body_paragraphs])?;

    meetings::refresh_effective(conn, id)?;
    let to_match: Vec<ParagraphToMatch<'_>> = r
        .paragraphs
        .iter()
        .zip(&paragraph_ids)
        .zip(&counted)
        .zip(&chars)
        .map(|(((p, &pid), &counted), &chars)| ParagraphToMatch {
            id: pid,
            meeting_id: id,
            text: &p.text,
            chars,
            counted,
        })
        .collect();
    // Matches made under another codebook generation are not this transaction's: match again.
    let matched = prepared
        .filter(|p| p.generation == themes.generation)
        .map(|p| p.matched.as_slice());
    themes::index_meeting(conn, id, &to_match, themes, matched)?;
    outlines::refresh_meeting(conn, id)
}

/// Delete a meeting's extracted child rows, their search index rows and everything themes know
/// of them (its counts leave the aggregates first). The meeting row, its document, pages and
/// corrections stay.
fn delete_meeting_rows(conn: &Connection, id: Id) -> Result<()> {
    themes::forget_meeting(conn, id)?;
    // External-content FTS5 needs the old text to remove a row, so this runs before the
    // paragraphs go.
    conn.execute(
        "INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text)
         SELECT 'delete', id, text FROM paragraphs WHERE meeting_id = ?1",
        [id],
    )?;
    for table in [
        "meeting_outlines",
        "key_figures",
        "figures",
        "resolutions",
        "paragraphs",
        "items",
        "attendees",
    ] {
        conn.execute(&format!("DELETE FROM {table} WHERE meeting_id = ?1"), [id])?;
    }
    Ok(())
}

const DOCUMENT_COLUMNS: &str = "SELECT id, file_name, path, format, extractor, sha256, bytes,
    page_count, imported_at FROM documents";

fn document_info(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<DocumentInfo>> {
    let format: String = row.get(3)?;
    let extractor: String = row.get(4)?;
    let bytes: i64 = row.get(6)?;
    let info = (|| {
        Ok(DocumentInfo {
            id: row.get(0)?,
            file_name: row.get(1)?,
            path: row.get(2)?,
            format: from_name(&format)?,
            extractor: from_name(&extractor)?,
            sha256: row.get(5)?,
            bytes: u64::try_from(bytes).unwrap_or(0),
            page_count: row.get(7)?,
            imported_at: row.get(8)?,
        })
    })();
    Ok(info)
}

pub(super) fn document(conn: &Connection, id: Id) -> Result<DocumentInfo> {
    conn.query_row(
        &format!("{DOCUMENT_COLUMNS} WHERE id = ?1"),
        [id],
        document_info,
    )
    .optional()?
    .ok_or_else(|| not_found(id))?
}

pub(super) fn pages(conn: &Connection, id: Id) -> Result<Vec<PageText>> {
    let mut stmt = conn
        .prepare_cached("SELECT number, text FROM pages WHERE document_id = ?1 ORDER BY number")?;
    let pages = stmt.query_map([id], |row| {
        Ok(PageText {
            number: row.get(0)?,
            text: row.get(1)?,
        })
    })?;
    Ok(pages.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(super) fn source(conn: &Connection, id: Id) -> Result<SourceText> {
    let row = conn
        .query_row(
            "SELECT format, extractor, title, ingest_diagnostics, removed_lines
             FROM documents WHERE id = ?1",
            [id],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, Option<String>>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, String>(4)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| not_found(id))?;
    let (format, extractor, title, diagnostics, removed_lines) = row;
    Ok(SourceText {
        format: from_name(&format)?,
        extractor: from_name(&extractor)?,
        pages: pages(conn, id)?,
        removed_lines: from_json(&removed_lines)?,
        title,
        diagnostics: from_json(&diagnostics)?,
    })
}

fn span_parts(span: Option<Span>) -> (Option<i64>, Option<i64>) {
    match span {
        Some(s) => (Some(s.start as i64), Some(s.end as i64)),
        None => (None, None),
    }
}

/// The stable name of a unit enum (`gbp`, `previous_minutes`, `pdf-extract`): its serde name.
pub(super) fn to_name<T: Serialize>(value: &T) -> Result<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        _ => Err(Error::Invalid(
            "a stored name must be a plain string".into(),
        )),
    }
}

/// The inverse of [`to_name`].
pub(super) fn from_name<T: DeserializeOwned>(name: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .map_err(|_| Error::Invalid(format!("the library holds an unknown value {name:?}")))
}

pub(super) fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Invalid(format!("cannot store as JSON: {e}")))
}

pub(super) fn from_json<T: DeserializeOwned>(json: &str) -> Result<T> {
    serde_json::from_str(json)
        .map_err(|e| Error::Invalid(format!("the library holds unreadable JSON: {e}")))
}
