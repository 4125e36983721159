//! Tracked actions in the library: each resolution that asks for something, how it was
//! followed up, kept current as meetings come and go, so that listing actions reads rows.
//!
//! Tracking is pure ([`crate::analysis::actions::track`]): a resolution, the later meetings of
//! its council and committee (its *series*) and their text give its kind, due date and
//! follow-up. What it needs of the series is bounded by its [`Reach`]: only later meetings up
//! to a date can change it (a follow-up already found, the due meeting already held, the search
//! window already full), or any later meeting can (the series has not run that far yet). So
//! every change that moves a meeting in or out of a series (stored, deleted, re-extracted, its
//! council, committee or date corrected) re-tracks, in its own transaction, the actions of that
//! series whose reach it falls in ([`dependents`] before the change, [`retrack`] after), and the
//! meeting's own. A batch of stored documents collects them and re-tracks once, when it
//! commits. Re-tracking runs the same pure function over the same rows a full computation would
//! read, so the kept rows always equal a rebuild ([`Library::rebuild_actions`]); the
//! integration tests hold them to that with random edit sequences.
//!
//! Statuses depend on the day (an open action becomes overdue when its date passes), so they
//! are not kept: [`Snapshot::tracked`] computes them in SQL from the kept due date and flags.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

use super::documents::{to_json, to_name};
use super::meetings::parse_date;
use super::rows::{Filter, Snapshot};
use super::Library;
use crate::analysis::actions::ActionRow;
use crate::analysis::actions::{
    series_key, track, ActionConfig, ActionInput, FollowUpSource, Reach, Tracked, ACTIONS_VERSION,
};
use crate::analysis::rows::{MeetingRow, ParagraphRow, ResolutionRow};
use crate::error::Result;
use crate::model::{ActionStatus, Id};

/// The reach of an action that any later meeting can change: after every real date.
const OPEN: &str = "9999-12-31";

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Recompute a meeting's series from its effective council and committee.
pub(super) fn refresh_series(conn: &Connection, id: Id) -> Result<()> {
    let row: Option<(Option<String>, Option<String>)> = conn
        .prepare_cached("SELECT council, committee FROM meetings WHERE id = ?1")?
        .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    if let Some((council, committee)) = row {
        conn.prepare_cached("UPDATE meetings SET series = ?2 WHERE id = ?1")?
            .execute(params![
                id,
                series_key(council.as_deref(), committee.as_deref())
            ])?;
    }
    Ok(())
}

/// The meetings whose actions meeting `id`, where it stands now (its series and date), may
/// change: earlier meetings of its series with an action whose reach it falls in. Call it
/// before the meeting moves or goes, and again after it arrives.
pub(super) fn dependents(conn: &Connection, id: Id) -> Result<Vec<Id>> {
    let place: Option<(Option<String>, Option<String>)> = conn
        .prepare_cached("SELECT series, meeting_date FROM meetings WHERE id = ?1")?
        .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    let Some((Some(series), Some(date))) = place else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT meeting_id FROM actions
         WHERE series = ?1 AND reach >= ?2 AND held < ?2",
    )?;
    let ids = stmt.query_map(params![series, date], |row| row.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Track again the actions of these meetings (those that still exist), replacing their rows.
pub(super) fn retrack(conn: &Connection, meetings: &BTreeSet<Id>) -> Result<()> {
    if meetings.is_empty() {
        return Ok(());
    }
    let ids = to_json(&meetings.iter().collect::<Vec<_>>())?;
    conn.prepare_cached(
        "DELETE FROM actions WHERE meeting_id IN (SELECT value FROM json_each(?1))",
    )?
    .execute([&ids])?;
    let s = Snapshot::over(conn);
    let asked = s.meetings_by_id(&meetings.iter().copied().collect::<Vec<_>>())?;
    // Per series, from the earliest meeting to re-track: later meetings are read from there.
    let mut series: BTreeMap<String, Vec<&MeetingRow>> = BTreeMap::new();
    for m in &asked {
        match m.date {
            Some(_) => series
                .entry(series_key(m.council.as_deref(), m.committee.as_deref()))
                .or_default()
                .push(m),
            // An undated meeting has no later meetings: it is tracked alone.
            None => store(
                conn,
                &track_among(&s, std::slice::from_ref(m), &HashSet::from([m.id]), &[])?,
            )?,
        }
    }
    for (key, members) in series {
        let Some(earliest) = members.iter().filter_map(|m| m.date).min() else {
            continue;
        };
        let later = s.meetings(
            &Filter::default(),
            " AND m.series = ? AND m.meeting_date > ?",
            &[Value::Text(key), Value::Text(ymd(earliest))],
        )?;
        let mut all: Vec<MeetingRow> = members.iter().map(|m| (*m).clone()).collect();
        let asked: HashSet<Id> = all.iter().map(|m| m.id).collect();
        let later_ids: Vec<Id> = later.iter().map(|m| m.id).collect();
        all.extend(later.into_iter().filter(|m| !asked.contains(&m.id)));
        store(conn, &track_among(&s, &all, &asked, &later_ids)?)?;
    }
    Ok(())
}

/// Track the resolutions of the meetings `asked` among `meetings`, reading the paragraphs of
/// `later` (and the resolutions of all) for follow-ups.
fn track_among(
    s: &Snapshot<'_>,
    meetings: &[MeetingRow],
    asked: &HashSet<Id>,
    later: &[Id],
) -> Result<Vec<Tracked>> {
    let all_ids: Vec<Id> = meetings.iter().map(|m| m.id).collect();
    let in_ids = " AND m.id IN (SELECT value FROM json_each(?))";
    let resolutions = s.resolutions(
        &Filter::default(),
        in_ids,
        &[Value::Text(to_json(&all_ids)?)],
    )?;
    let paragraphs = if later.is_empty() {
        Vec::new()
    } else {
        s.paragraphs(&Filter::default(), in_ids, &[Value::Text(to_json(&later)?)])?
    };
    let asked: HashSet<Id> = resolutions
        .iter()
        .filter(|r| asked.contains(&r.meeting_id))
        .map(|r| r.id)
        .collect();
    Ok(track(
        ActionInput {
            meetings,
            resolutions: &resolutions,
            paragraphs: &paragraphs,
        },
        Some(&asked),
        ActionConfig::default(),
    ))
}

/// Keep tracked actions (their rows must not exist).
fn store(conn: &Connection, tracked: &[Tracked]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO actions (resolution_id, meeting_id, series, held, reach, kind, due,
                              due_meeting_held, follow_meeting, follow_paragraph,
                              follow_resolution)
         SELECT ?1, ?2, m.series, m.meeting_date, ?3, ?4, ?5, ?6, ?7, ?8, ?9
         FROM meetings m WHERE m.id = ?2",
    )?;
    for t in tracked {
        let reach = match t.reach {
            Reach::Until(d) => Some(ymd(d)),
            Reach::Open => Some(OPEN.to_string()),
            Reach::Never => None,
        };
        let (paragraph, resolution) = match t.follow_up.as_ref().map(|f| f.source) {
            Some(FollowUpSource::Paragraph(id)) => (Some(id), None),
            Some(FollowUpSource::Resolution(id)) => (None, Some(id)),
            None => (None, None),
        };
        stmt.execute(params![
            t.resolution_id,
            t.meeting_id,
            reach,
            to_name(&t.kind)?,
            t.due.map(ymd),
            t.due_meeting_held,
            t.follow_up.as_ref().map(|f| f.meeting_id),
            paragraph,
            resolution,
        ])?;
    }
    Ok(())
}

/// Track every action of the library from scratch.
pub(super) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM actions", [])?;
    let ids: Vec<Id> = {
        let mut stmt = conn.prepare("SELECT id FROM meetings")?;
        let ids = stmt.query_map([], |row| row.get(0))?;
        ids.collect::<rusqlite::Result<_>>()?
    };
    let mut update = conn.prepare("UPDATE meetings SET series = ?2 WHERE id = ?1")?;
    let rows: Vec<(Id, Option<String>, Option<String>)> = {
        let mut stmt = conn.prepare("SELECT id, council, committee FROM meetings")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, council, committee) in rows {
        update.execute(params![
            id,
            series_key(council.as_deref(), committee.as_deref())
        ])?;
    }
    retrack(conn, &ids.into_iter().collect())?;
    mark_current(conn)
}

fn mark_current(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT INTO library_meta (key, value) VALUES ('actions_version', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [ACTIONS_VERSION.to_string()],
    )?;
    Ok(())
}

/// Bring kept actions up to date when a library opens: track them all when they were tracked
/// by other rules or never (a library from before actions were kept). Looks first, without a
/// write lock, as opening a library another process is importing into must not wait.
pub(super) fn prepare(conn: &mut Connection) -> Result<()> {
    if !needs_rebuild(conn)? {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    if needs_rebuild(&tx)? {
        rebuild(&tx)?;
    }
    tx.commit()?;
    Ok(())
}

/// Whether the kept actions were tracked by other rules, or meetings lack their series (a
/// library from before actions were kept).
fn needs_rebuild(conn: &Connection) -> Result<bool> {
    let version: Option<String> = conn
        .query_row(
            "SELECT value FROM library_meta WHERE key = 'actions_version'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    if version.as_deref() != Some(ACTIONS_VERSION.to_string().as_str()) {
        return Ok(true);
    }
    Ok(conn
        .query_row(
            "SELECT 1 FROM meetings WHERE series IS NULL LIMIT 1",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The SQL condition for actions of `status` as of `today` (argument: the day).
fn status_sql(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::FollowedUp => " AND a.follow_meeting IS NOT NULL",
        ActionStatus::Overdue => {
            " AND a.follow_meeting IS NULL AND (a.due_meeting_held = 1 OR a.due < ?)"
        }
        ActionStatus::Open => {
            " AND a.follow_meeting IS NULL AND a.due_meeting_held = 0
              AND (a.due IS NULL OR a.due >= ?)"
        }
    }
}

impl Snapshot<'_> {
    /// Kept actions of meetings matching `filter` (only `status` as of `today`, when given),
    /// in meeting date order (undated first) and resolution order.
    pub fn tracked(
        &self,
        filter: &Filter,
        today: NaiveDate,
        status: Option<ActionStatus>,
    ) -> Result<Vec<ActionRow>> {
        let mut args = Vec::new();
        let mut cond = filter.meeting_sql(&mut args);
        if let Some(status) = status {
            cond.push_str(status_sql(status));
            if status != ActionStatus::FollowedUp {
                args.push(Value::Text(ymd(today)));
            }
        }
        let sql = format!(
            "SELECT a.resolution_id, a.meeting_id, r.paragraph_id, r.page,
                    COALESCE(i.number, r.item_label), i.title, r.text, a.kind, a.due,
                    a.due_meeting_held, a.follow_meeting, a.follow_paragraph,
                    a.follow_resolution
             FROM actions a JOIN meetings m ON m.id = a.meeting_id
             JOIN resolutions r ON r.id = a.resolution_id
             LEFT JOIN items i ON i.id = r.item_id
             WHERE 1{cond}
             ORDER BY m.meeting_date IS NOT NULL, m.meeting_date, a.resolution_id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(args))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let kind: String = row.get(7)?;
            let due = parse_date(row.get::<_, Option<String>>(8)?.as_deref())?;
            let due_meeting_held: bool = row.get(9)?;
            let follow_meeting: Option<Id> = row.get(10)?;
            let follow_up = match (row.get::<_, Option<Id>>(11)?, row.get::<_, Option<Id>>(12)?) {
                (Some(p), _) => Some(FollowUpSource::Paragraph(p)),
                (None, Some(r)) => Some(FollowUpSource::Resolution(r)),
                _ => None,
            };
            out.push(ActionRow {
                resolution: ResolutionRow {
                    id: row.get(0)?,
                    meeting_id: row.get(1)?,
                    paragraph_id: row.get(2)?,
                    page: row.get(3)?,
                    item_number: row.get(4)?,
                    item_title: row.get(5)?,
                    standing: false,
                    text: row.get(6)?,
                },
                kind: super::documents::from_name(&kind)?,
                status: crate::analysis::actions::action_status(
                    follow_meeting.is_some(),
                    due_meeting_held,
                    due,
                    today,
                ),
                due,
                follow_up: follow_meeting.zip(follow_up),
            });
        }
        Ok(out)
    }

    /// Paragraphs by id, cited.
    pub fn paragraphs_by_id(&self, ids: &[Id]) -> Result<Vec<ParagraphRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.paragraphs(
            &Filter::default(),
            " AND p.id IN (SELECT value FROM json_each(?))",
            &[Value::Text(to_json(&ids)?)],
        )
    }

    /// Resolutions by id, with their items.
    pub fn resolutions_by_id(&self, ids: &[Id]) -> Result<Vec<ResolutionRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.resolutions(
            &Filter::default(),
            " AND r.id IN (SELECT value FROM json_each(?))",
            &[Value::Text(to_json(&ids)?)],
        )
    }
}

impl Library {
    /// Track every action of the library again from scratch, in one transaction. Never
    /// needed in normal use (kept actions are re-tracked as meetings change); a repair, and the
    /// yardstick tests hold incremental upkeep to.
    pub fn rebuild_actions(&self) -> Result<()> {
        self.write(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            rebuild(&tx)?;
            tx.commit()?;
            Ok(())
        })
    }
}
