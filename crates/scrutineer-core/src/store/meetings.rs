//! Meetings as the library shows them: summaries with effective metadata (a user's correction
//! over what was extracted), a meeting in full with the ids that link its facts to passages,
//! corrections, and the facets the library's filters offer.

use chrono::{NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

use super::documents::{self, document_exists, from_json, from_name, not_found};
use super::Library;
use crate::error::{Error, Result};
use crate::model::{
    AgendaItem, Attendance, CorrectableField, Correction, DateField, DateWindow, DocKind,
    FacetCount, Figure, Id, LibraryStats, MeetingDetail, MeetingFilter, MeetingRecord, MeetingSort,
    MeetingSummary, NamedField, Paragraph, Person, Resolution, Span, ThemeCount,
};

/// Below this extraction confidence a field needs review (until someone corrects it).
pub const REVIEW_THRESHOLD: f32 = 0.6;

const FIELDS: [CorrectableField; 3] = [
    CorrectableField::Council,
    CorrectableField::Committee,
    CorrectableField::MeetingDate,
];

/// The name a corrected field has in the `corrections` table.
fn field_key(field: CorrectableField) -> &'static str {
    match field {
        CorrectableField::Council => "council",
        CorrectableField::Committee => "committee",
        CorrectableField::MeetingDate => "meeting_date",
    }
}

fn field_from_key(key: &str) -> Option<CorrectableField> {
    FIELDS.into_iter().find(|f| field_key(*f) == key)
}

const SUMMARY_SELECT: &str = "SELECT m.id, m.kind, m.title, m.council, m.committee, m.meeting_date,
    m.has_date_window, m.date_window_from, m.date_window_to, d.file_name, d.format, d.page_count,
    m.item_count, m.resolution_count, m.figure_count, m.paragraph_count, m.text_chars,
    m.confidence, m.council_confidence, m.committee_confidence, m.date_confidence,
    (SELECT group_concat(c.field) FROM corrections c WHERE c.meeting_id = m.id)
    FROM meetings m JOIN documents d ON d.id = m.id";

/// Whether a meeting has a field that needs review, as SQL over `meetings m`.
const NEEDS_REVIEW_SQL: &str = "(
    (m.council_confidence < ?R AND NOT EXISTS (SELECT 1 FROM corrections c
        WHERE c.meeting_id = m.id AND c.field = 'council'))
    OR (m.committee_confidence < ?R AND NOT EXISTS (SELECT 1 FROM corrections c
        WHERE c.meeting_id = m.id AND c.field = 'committee'))
    OR (m.date_confidence < ?R AND NOT EXISTS (SELECT 1 FROM corrections c
        WHERE c.meeting_id = m.id AND c.field = 'meeting_date')))";

fn needs_review_sql() -> String {
    // Confidences are stored as the f64 of an f32; comparing with the f64 of the f32 threshold
    // agrees exactly with the summary's own `confidence < REVIEW_THRESHOLD`.
    NEEDS_REVIEW_SQL.replace("?R", &format!("{}", f64::from(REVIEW_THRESHOLD)))
}

fn summary_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<MeetingSummary>> {
    let kind: String = row.get(1)?;
    let format: String = row.get(10)?;
    let date: Option<String> = row.get(5)?;
    let window_from: Option<String> = row.get(7)?;
    let window_to: Option<String> = row.get(8)?;
    let corrected_keys: Option<String> = row.get(21)?;
    let has_window: bool = row.get(6)?;
    let confidence = |i: usize| row.get::<_, f64>(i).map(|c| c as f32);
    let council_confidence = confidence(18)?;
    let committee_confidence = confidence(19)?;
    let date_confidence = confidence(20)?;
    let summary = (|| {
        let mut corrected: Vec<CorrectableField> = corrected_keys
            .as_deref()
            .unwrap_or("")
            .split(',')
            .filter_map(field_from_key)
            .collect();
        corrected.sort_by_key(|f| FIELDS.iter().position(|g| g == f));
        let needs_review = FIELDS
            .into_iter()
            .zip([council_confidence, committee_confidence, date_confidence])
            .filter(|(f, c)| *c < REVIEW_THRESHOLD && !corrected.contains(f))
            .map(|(f, _)| f)
            .collect();
        Ok(MeetingSummary {
            id: row.get(0)?,
            kind: DocKind::parse(&kind),
            title: row.get(2)?,
            council: row.get(3)?,
            committee: row.get(4)?,
            date: parse_date(date.as_deref())?,
            date_window: if has_window {
                Some(DateWindow {
                    from: parse_date(window_from.as_deref())?,
                    to: parse_date(window_to.as_deref())?,
                })
            } else {
                None
            },
            file_name: row.get(9)?,
            format: from_name(&format)?,
            page_count: row.get(11)?,
            item_count: row.get(12)?,
            resolution_count: row.get(13)?,
            figure_count: row.get(14)?,
            paragraph_count: row.get(15)?,
            text_chars: row.get(16)?,
            confidence: confidence(17)?,
            council_confidence,
            committee_confidence,
            date_confidence,
            corrected,
            needs_review,
        })
    })();
    Ok(summary)
}

pub(super) fn parse_date(s: Option<&str>) -> Result<Option<NaiveDate>> {
    s.map(|s| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| Error::Invalid(format!("the library holds an unreadable date {s:?}")))
    })
    .transpose()
}

/// One meeting's summary.
pub(super) fn summary(conn: &Connection, id: Id) -> Result<MeetingSummary> {
    conn.query_row(
        &format!("{SUMMARY_SELECT} WHERE m.id = ?1"),
        [id],
        summary_row,
    )
    .optional()?
    .ok_or_else(|| not_found(id))?
}

/// Recompute a meeting's effective council, committee and date: a correction when there is
/// one, else the extracted value.
pub(super) fn refresh_effective(conn: &Connection, id: Id) -> Result<()> {
    conn.execute(
        "UPDATE meetings SET
            council = COALESCE((SELECT value FROM corrections
                                WHERE meeting_id = ?1 AND field = 'council'), council_name),
            committee = COALESCE((SELECT value FROM corrections
                                  WHERE meeting_id = ?1 AND field = 'committee'), committee_name),
            meeting_date = COALESCE((SELECT value FROM corrections
                                     WHERE meeting_id = ?1 AND field = 'meeting_date'), date_value)
         WHERE id = ?1",
        [id],
    )?;
    super::actions::refresh_series(conn, id)
}

impl Library {
    /// Meetings matching `filter`, in its order. Council and committee match whole names,
    /// ignoring case.
    pub fn meetings(&self, filter: &MeetingFilter) -> Result<Vec<MeetingSummary>> {
        let mut sql = format!("{SUMMARY_SELECT} WHERE 1");
        let mut args: Vec<Value> = Vec::new();
        if let Some(council) = &filter.council {
            sql.push_str(" AND m.council = ?");
            args.push(Value::Text(council.clone()));
        }
        if let Some(committee) = &filter.committee {
            sql.push_str(" AND m.committee = ?");
            args.push(Value::Text(committee.clone()));
        }
        if let Some(year) = filter.year {
            sql.push_str(" AND m.meeting_date >= ? AND m.meeting_date < ?");
            args.push(Value::Text(format!("{year:04}-01-01")));
            args.push(Value::Text(format!("{:04}-01-01", year + 1)));
        }
        if let Some(kind) = filter.kind {
            sql.push_str(" AND m.kind = ?");
            args.push(Value::Text(kind.as_str().to_string()));
        }
        if filter.needs_review {
            sql.push_str(" AND ");
            sql.push_str(&needs_review_sql());
        }
        sql.push_str(match filter.sort {
            MeetingSort::DateDesc => " ORDER BY m.meeting_date IS NULL, m.meeting_date DESC, m.id DESC",
            MeetingSort::DateAsc => " ORDER BY m.meeting_date IS NULL, m.meeting_date ASC, m.id ASC",
            MeetingSort::Council => {
                " ORDER BY m.council IS NULL, m.council, m.meeting_date IS NULL, m.meeting_date DESC, m.id"
            }
            MeetingSort::Committee => {
                " ORDER BY m.committee IS NULL, m.committee, m.meeting_date IS NULL, m.meeting_date DESC, m.id"
            }
            MeetingSort::ImportedDesc => " ORDER BY d.imported_at DESC, m.id DESC",
            // Least sure first: the order in which to review.
            MeetingSort::Confidence => " ORDER BY m.confidence ASC, m.id",
        });
        sql.push_str(" LIMIT ? OFFSET ?");
        args.push(Value::Integer(filter.limit.map_or(-1, i64::from)));
        args.push(Value::Integer(filter.offset.map_or(0, i64::from)));
        self.read(|conn| {
            let mut stmt = conn.prepare(&sql)?;
            let rows = stmt.query_map(params_from_iter(args), summary_row)?;
            let mut out = Vec::new();
            for row in rows {
                out.push(row??);
            }
            Ok(out)
        })
    }

    /// One meeting's summary.
    pub fn meeting_summary(&self, id: Id) -> Result<MeetingSummary> {
        self.read(|conn| summary(conn, id))
    }

    /// A meeting in full: its summary (effective values), its document, the record as
    /// extracted (rebuilt from the rows), the ids of its paragraphs and resolutions, and its
    /// pages.
    pub fn meeting(&self, id: Id) -> Result<MeetingDetail> {
        self.read(|conn| {
            let meeting = summary(conn, id)?;
            let document = documents::document(conn, id)?;
            let (record, paragraph_ids, resolution_ids) = record(conn, id)?;
            let source = documents::source(conn, id)?;
            let themes = themes(conn, id)?;
            Ok(MeetingDetail {
                meeting,
                document,
                record,
                paragraph_ids,
                resolution_ids,
                pages: source.pages,
                removed_lines: source.removed_lines,
                themes,
            })
        })
    }

    /// Set or clear (`value: None`) a user's correction of a meeting's council, committee or
    /// date; returns the meeting as the library now lists it. A date must be `YYYY-MM-DD`.
    /// Corrections survive re-extraction.
    pub fn correct(&self, id: Id, correction: &Correction) -> Result<MeetingSummary> {
        let value = match correction.value.as_deref().map(str::trim) {
            None => None,
            Some("") => {
                return Err(Error::Invalid(
                    "a correction cannot be empty; to undo a correction, clear it instead".into(),
                ))
            }
            Some(v) if correction.field == CorrectableField::MeetingDate => {
                Some(parse_user_date(v)?.format("%Y-%m-%d").to_string())
            }
            Some(v) => Some(v.split_whitespace().collect::<Vec<_>>().join(" ")),
        };
        let key = field_key(correction.field);
        self.write(|conn| {
            let tx = conn.transaction()?;
            if !document_exists(&tx, id)? {
                return Err(not_found(id));
            }
            // The meeting's theme counts are filed under its council and month: take them out
            // under the old values and put them back under the new. Its place in its
            // committee's series moves too: actions it followed up, and actions it may follow
            // up where it lands, are tracked again.
            super::themes::unaggregate(&tx, id)?;
            let mut touched: std::collections::BTreeSet<Id> =
                super::actions::dependents(&tx, id)?.into_iter().collect();
            match &value {
                Some(v) => tx.execute(
                    "INSERT INTO corrections (meeting_id, field, value, corrected_at)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (meeting_id, field) DO UPDATE SET
                        value = excluded.value, corrected_at = excluded.corrected_at",
                    params![
                        id,
                        key,
                        v,
                        Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    ],
                )?,
                None => tx.execute(
                    "DELETE FROM corrections WHERE meeting_id = ?1 AND field = ?2",
                    params![id, key],
                )?,
            };
            refresh_effective(&tx, id)?;
            super::themes::aggregate(&tx, id)?;
            touched.extend(super::actions::dependents(&tx, id)?);
            touched.insert(id);
            super::actions::retrack(&tx, &touched)?;
            let summary = summary(&tx, id)?;
            tx.commit()?;
            Ok(summary)
        })
    }

    /// What the library holds: document count, councils, committees and years with their
    /// meeting counts (most meetings first), undated meetings, meetings needing review.
    pub fn stats(&self) -> Result<LibraryStats> {
        self.read(|conn| {
            let count =
                |sql: &str| -> Result<u32> { Ok(conn.query_row(sql, [], |row| row.get(0))?) };
            let facets = |column: &str| -> Result<Vec<FacetCount>> {
                let mut stmt = conn.prepare(&format!(
                    "SELECT {column} AS value, count(*) AS n FROM meetings m
                     WHERE {column} IS NOT NULL GROUP BY value ORDER BY n DESC, value"
                ))?;
                let rows = stmt.query_map([], |row| {
                    Ok(FacetCount {
                        value: row.get(0)?,
                        meetings: row.get(1)?,
                    })
                })?;
                Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
            };
            let mut years = facets("substr(m.meeting_date, 1, 4)")?;
            years.sort_by(|a, b| b.value.cmp(&a.value));
            Ok(LibraryStats {
                documents: count("SELECT count(*) FROM documents")?,
                councils: facets("m.council")?,
                committees: facets("m.committee")?,
                years,
                undated: count("SELECT count(*) FROM meetings WHERE meeting_date IS NULL")?,
                needs_review: count(&format!(
                    "SELECT count(*) FROM meetings m WHERE {}",
                    needs_review_sql()
                ))?,
            })
        })
    }
}

/// A meeting's themes, strongest (by share of its counted text) first.
fn themes(conn: &Connection, id: Id) -> Result<Vec<ThemeCount>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.label, mt.hits, mt.chars, m.body_chars
         FROM meeting_themes mt JOIN themes t ON t.key = mt.theme_key
         JOIN meetings m ON m.id = mt.meeting_id
         WHERE mt.meeting_id = ?1",
    )?;
    let rows = stmt.query_map([id], |row| {
        let chars: i64 = row.get(3)?;
        let body: i64 = row.get(4)?;
        Ok(ThemeCount {
            theme_id: row.get(0)?,
            label: row.get(1)?,
            hits: row.get(2)?,
            share: if body > 0 {
                (chars as f64 / body as f64).min(1.0)
            } else {
                0.0
            },
        })
    })?;
    let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    out.sort_by(|a, b| {
        b.share
            .total_cmp(&a.share)
            .then(b.hits.cmp(&a.hits))
            .then(a.theme_id.cmp(&b.theme_id))
    });
    Ok(out)
}

/// A date as a user typed it: `YYYY-MM-DD`.
fn parse_user_date(v: &str) -> Result<NaiveDate> {
    let well_formed = v.len() == 10
        && v.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    well_formed
        .then(|| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| {
            Error::Invalid(format!(
                "{v:?} is not a date: write the meeting date as YYYY-MM-DD (for example 2019-03-14)"
            ))
        })
}

/// Rebuild a meeting's record from its rows, with the ids of its paragraphs and resolutions.
fn record(conn: &Connection, id: Id) -> Result<(MeetingRecord, Vec<Id>, Vec<Id>)> {
    struct Head {
        kind: String,
        title: Option<String>,
        council: NamedField,
        committee: NamedField,
        date: Option<String>,
        date_field: DateField,
        has_window: bool,
        window: (Option<String>, Option<String>),
        start_time: Option<String>,
        end_time: Option<String>,
        venue: Option<String>,
        confidence: f32,
        diagnostics: String,
    }
    fn span(start: Option<i64>, end: Option<i64>) -> Option<Span> {
        match (start, end) {
            (Some(s), Some(e)) => Some(Span {
                start: usize::try_from(s).unwrap_or(0),
                end: usize::try_from(e).unwrap_or(0),
            }),
            _ => None,
        }
    }
    let head = conn
        .query_row(
            "SELECT kind, title,
                council_name, council_confidence, council_evidence, council_page,
                council_span_start, council_span_end,
                committee_name, committee_confidence, committee_evidence, committee_page,
                committee_span_start, committee_span_end,
                date_value, date_confidence, date_evidence, date_page, date_span_start,
                date_span_end, has_date_window, date_window_from, date_window_to,
                start_time, end_time, venue, confidence, diagnostics
             FROM meetings WHERE id = ?1",
            [id],
            |row| {
                let named = |i: usize| -> rusqlite::Result<NamedField> {
                    Ok(NamedField {
                        name: row.get(i)?,
                        confidence: row.get::<_, f64>(i + 1)? as f32,
                        evidence: row.get(i + 2)?,
                        page: row.get(i + 3)?,
                        span: span(row.get(i + 4)?, row.get(i + 5)?),
                    })
                };
                Ok(Head {
                    kind: row.get(0)?,
                    title: row.get(1)?,
                    council: named(2)?,
                    committee: named(8)?,
                    date: row.get(14)?,
                    date_field: DateField {
                        date: None,
                        confidence: row.get::<_, f64>(15)? as f32,
                        evidence: row.get(16)?,
                        page: row.get(17)?,
                        span: span(row.get(18)?, row.get(19)?),
                        window: None,
                    },
                    has_window: row.get(20)?,
                    window: (row.get(21)?, row.get(22)?),
                    start_time: row.get(23)?,
                    end_time: row.get(24)?,
                    venue: row.get(25)?,
                    confidence: row.get::<_, f64>(26)? as f32,
                    diagnostics: row.get(27)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| not_found(id))?;

    let mut meeting_date = head.date_field;
    meeting_date.date = parse_date(head.date.as_deref())?;
    if head.has_window {
        meeting_date.window = Some(DateWindow {
            from: parse_date(head.window.0.as_deref())?,
            to: parse_date(head.window.1.as_deref())?,
        });
    }

    let mut attendance = Attendance::default();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT list, name, role, chair, vice_chair FROM attendees
             WHERE meeting_id = ?1 ORDER BY list, position",
        )?;
        let rows = stmt.query_map([id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                Person {
                    name: row.get(1)?,
                    role: row.get(2)?,
                    chair: row.get(3)?,
                    vice_chair: row.get(4)?,
                },
            ))
        })?;
        for row in rows {
            let (list, person) = row?;
            match list.as_str() {
                "present" => attendance.present.push(person),
                "apologies" => attendance.apologies.push(person),
                _ => attendance.in_attendance.push(person),
            }
        }
    }

    // Child rows point at items and paragraphs by id; the record points by index.
    let mut item_ids: Vec<Id> = Vec::new();
    let mut items = Vec::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT id, number, title, page, span_start, span_end, standing FROM items
             WHERE meeting_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([id], |row| {
            Ok((
                row.get::<_, Id>(0)?,
                row.get::<_, Option<String>>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, u32>(3)?,
                span(row.get(4)?, row.get(5)?).unwrap_or_default(),
                row.get::<_, Option<String>>(6)?,
            ))
        })?;
        for row in rows {
            let (item_id, number, title, page, span, standing) = row?;
            item_ids.push(item_id);
            items.push(AgendaItem {
                number,
                title,
                page,
                span,
                standing: standing.as_deref().map(from_name).transpose()?,
            });
        }
    }
    let item_index =
        |item_id: Option<Id>| item_id.and_then(|i| item_ids.iter().position(|&x| x == i));

    let mut paragraph_ids = Vec::new();
    let mut paragraphs = Vec::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT id, item_id, page, text, span_start, span_end FROM paragraphs
             WHERE meeting_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([id], |row| {
            Ok((
                row.get::<_, Id>(0)?,
                row.get::<_, Option<Id>>(1)?,
                row.get::<_, u32>(2)?,
                row.get::<_, String>(3)?,
                span(row.get(4)?, row.get(5)?).unwrap_or_default(),
            ))
        })?;
        for row in rows {
            let (paragraph_id, item_id, page, text, span) = row?;
            paragraph_ids.push(paragraph_id);
            paragraphs.push(Paragraph {
                text,
                page,
                item_index: item_index(item_id),
                span,
            });
        }
    }

    let mut resolution_ids = Vec::new();
    let mut resolutions = Vec::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT id, item_id, item_label, text, page, span_start, span_end FROM resolutions
             WHERE meeting_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([id], |row| {
            Ok((
                row.get::<_, Id>(0)?,
                row.get::<_, Option<Id>>(1)?,
                row.get::<_, Option<String>>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, u32>(4)?,
                span(row.get(5)?, row.get(6)?).unwrap_or_default(),
            ))
        })?;
        for row in rows {
            let (resolution_id, item_id, item, text, page, span) = row?;
            resolution_ids.push(resolution_id);
            resolutions.push(Resolution {
                item,
                item_index: item_index(item_id),
                text,
                page,
                span,
            });
        }
    }

    let mut figures = Vec::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT item_id, paragraph_id, text, value, value_max, unit, what, approximate,
                    sentence, page, span_start, span_end
             FROM figures WHERE meeting_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([id], |row| {
            Ok((
                row.get::<_, Option<Id>>(0)?,
                row.get::<_, Option<Id>>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, f64>(3)?,
                row.get::<_, Option<f64>>(4)?,
                row.get::<_, String>(5)?,
                row.get::<_, Option<String>>(6)?,
                row.get::<_, bool>(7)?,
                row.get::<_, String>(8)?,
                row.get::<_, u32>(9)?,
                span(row.get(10)?, row.get(11)?).unwrap_or_default(),
            ))
        })?;
        for row in rows {
            let (
                item_id,
                paragraph_id,
                text,
                value,
                value_max,
                unit,
                what,
                approximate,
                sentence,
                page,
                span,
            ) = row?;
            figures.push(Figure {
                text,
                value,
                value_max,
                unit: from_name(&unit)?,
                what,
                approximate,
                sentence,
                page,
                span,
                paragraph_index: paragraph_id
                    .and_then(|p| paragraph_ids.iter().position(|&x| x == p)),
                item_index: item_index(item_id),
            });
        }
    }

    let record = MeetingRecord {
        kind: DocKind::parse(&head.kind),
        title: head.title,
        council: head.council,
        committee: head.committee,
        meeting_date,
        start_time: head.start_time,
        end_time: head.end_time,
        venue: head.venue,
        attendance,
        items,
        resolutions,
        figures,
        paragraphs,
        diagnostics: from_json(&head.diagnostics)?,
        confidence: head.confidence,
    };
    Ok((record, paragraph_ids, resolution_ids))
}
