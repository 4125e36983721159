//! The rows analyses read ([`crate::analysis::rows`]), loaded by scope.
//!
//! A dashboard makes several queries (meetings, their items, their theme counts…); they run in
//! one read transaction ([`Library::snapshot`]), so an import committing halfway through
//! cannot make a view's parts disagree. Each loader takes a [`Filter`]: the user's
//! [`AnalysisScope`] resolved against the library once, so that council and committee names
//! match as analysis matches them (folded: case, quotes and spacing do not matter) while the
//! SQL compares exact stored spellings and can use the indexes.
//!
//! Theme statistics over whole years and months come from the `council_years`/`council_months`
//! and `council_year_themes`/`council_month_themes` aggregates ([`Snapshot::period_cells`]),
//! which hold a few rows per council and month however many meetings the library has.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use super::documents::{from_json, from_name};
use super::meetings::parse_date;
use super::Library;
use crate::analysis::rows::{
    FigureRow, ItemRow, MeetingRow, MeetingThemeCount, ParagraphRow, PeriodThemeSum, PeriodTotal,
    ResolutionRow, ThemeEvidence, UNKNOWN_COUNCIL,
};
use crate::analysis::MeetingOutline;
use crate::error::Result;
use crate::model::{AnalysisScope, DateWindow, DocKind, EvidenceRef, Id, Metric, Period};
use crate::normalize::fold;

/// One consistent view of the library for the queries of one analysis.
pub(crate) struct Snapshot<'c> {
    conn: &'c Connection,
}

impl<'c> Snapshot<'c> {
    /// The loaders over a connection the caller already holds in a transaction (the writer,
    /// when upkeep reads what it is about to change).
    pub(super) fn over(conn: &'c Connection) -> Snapshot<'c> {
        Snapshot { conn }
    }

    pub(super) fn conn(&self) -> &'c Connection {
        self.conn
    }
}

impl Library {
    /// Run `f` inside one read transaction: every query it makes sees the same committed
    /// state.
    pub(crate) fn snapshot<T>(&self, f: impl FnOnce(&Snapshot<'_>) -> Result<T>) -> Result<T> {
        self.read(|conn| {
            // Dropped without commit: a read transaction has nothing to keep.
            let tx = conn.unchecked_transaction()?;
            f(&Snapshot { conn: &tx })
        })
    }
}

/// A scope resolved against the library.
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    /// `None`: every council. Otherwise the stored spellings in scope, and whether meetings
    /// with no known council are in scope too.
    councils: Option<(Vec<String>, bool)>,
    /// `None`: every committee. Otherwise the stored spellings in scope.
    committees: Option<Vec<String>>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Theme ids in scope (empty: all).
    pub themes: Vec<String>,
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

impl Filter {
    /// Conditions (each starting ` AND`) on meetings `m`, with their arguments.
    pub fn meeting_sql(&self, args: &mut Vec<Value>) -> String {
        let mut sql = String::new();
        if let Some((names, unknown)) = &self.councils {
            let mut parts = Vec::new();
            if !names.is_empty() {
                parts.push(format!("m.council IN ({})", placeholders(names.len())));
                args.extend(names.iter().cloned().map(Value::Text));
            }
            if *unknown {
                parts.push("m.council IS NULL".to_string());
            }
            if parts.is_empty() {
                parts.push("0".to_string());
            }
            sql.push_str(&format!(" AND ({})", parts.join(" OR ")));
        }
        if let Some(names) = &self.committees {
            if names.is_empty() {
                sql.push_str(" AND 0");
            } else {
                sql.push_str(&format!(
                    " AND m.committee IN ({})",
                    placeholders(names.len())
                ));
                args.extend(names.iter().cloned().map(Value::Text));
            }
        }
        if let Some(from) = self.from {
            sql.push_str(" AND m.meeting_date >= ?");
            args.push(Value::Text(ymd(from)));
        }
        if let Some(to) = self.to {
            sql.push_str(" AND m.meeting_date <= ?");
            args.push(Value::Text(ymd(to)));
        }
        sql
    }

    /// Conditions on an aggregate table's `council` column (`''` for unknown councils).
    fn council_sql(&self, column: &str, args: &mut Vec<Value>) -> String {
        let Some((names, unknown)) = &self.councils else {
            return String::new();
        };
        let mut all: Vec<String> = names.clone();
        if *unknown {
            all.push(String::new());
        }
        if all.is_empty() {
            return " AND 0".to_string();
        }
        args.extend(all.iter().cloned().map(Value::Text));
        format!(" AND {column} IN ({})", placeholders(all.len()))
    }

    /// The same scope between other dates.
    pub fn with_dates(&self, from: NaiveDate, to: NaiveDate) -> Filter {
        Filter {
            from: Some(from),
            to: Some(to),
            ..self.clone()
        }
    }

    /// Whether a committee is part of the scope (then only per-meeting rows can serve it).
    pub fn has_committee(&self) -> bool {
        self.committees.is_some()
    }

    /// Whether theme `id` is in scope.
    fn theme_sql(&self, column: &str, args: &mut Vec<Value>) -> String {
        if self.themes.is_empty() {
            return String::new();
        }
        args.extend(self.themes.iter().cloned().map(Value::Text));
        format!(" AND {column} IN ({})", placeholders(self.themes.len()))
    }
}

/// Which aggregates a query reads: per year or per month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Tier {
    Years,
    #[default]
    Months,
}

/// A range of an aggregate query: whole years (`YYYY`) or whole months (`YYYY-MM`),
/// inclusive, unbounded where `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Bounds {
    pub tier: Tier,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Leave out undated meetings (any date bound does).
    pub dated_only: bool,
}

/// The SQL for a period label over an aggregate's `month` column.
fn period_sql(period: Option<Period>, column: &str) -> String {
    match period {
        None => "''".to_string(),
        Some(Period::Year) => format!("substr({column}, 1, 4)"),
        Some(Period::Quarter) => format!(
            "substr({column}, 1, 4) || '-Q' || ((CAST(substr({column}, 6, 2) AS INTEGER) + 2) / 3)"
        ),
        Some(Period::Month) => column.to_string(),
    }
}

fn council_out(c: String) -> String {
    if c.is_empty() {
        UNKNOWN_COUNCIL.to_string()
    } else {
        c
    }
}

/// Figures with their item, over `f`, `m` and items `i`.
const FIGURES_FROM: &str = "SELECT f.meeting_id, f.paragraph_id, f.page, i.number, i.title, f.text,
        f.value, f.value_max, f.unit, f.what, f.sentence, f.metric
    FROM figures f JOIN meetings m ON m.id = f.meeting_id
    LEFT JOIN items i ON i.id = f.item_id";

/// Per meeting × theme counts, over `mt`, `t` and `m`.
const THEME_COUNTS_FROM: &str = "SELECT mt.meeting_id, t.id, mt.hits, mt.chars
    FROM meeting_themes mt JOIN themes t ON t.key = mt.theme_key
    JOIN meetings m ON m.id = mt.meeting_id";

/// Which figures a figure query reads.
#[derive(Debug, Clone, Copy)]
enum Figures {
    /// Every figure, in document order.
    All,
    /// Each meeting's kept key figures, in key order.
    Key,
}

/// Kept key figures, as [`FIGURES_FROM`] selects figures.
const KEY_FIGURES_FROM: &str = "SELECT f.meeting_id, f.paragraph_id, f.page, f.item_number,
        f.item_title, f.text, f.value, f.value_max, f.unit, f.what, f.sentence, f.metric
    FROM key_figures f JOIN meetings m ON m.id = f.meeting_id";

/// What every loader of cited passages selects, over `p`, `m` and items `i`.
const PARAGRAPH_COLUMNS: &str = "p.id, p.meeting_id, p.page, i.number, i.title,
    i.standing IS NOT NULL, p.text";

fn paragraph_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ParagraphRow> {
    Ok(ParagraphRow {
        id: row.get(0)?,
        meeting_id: row.get(1)?,
        page: row.get(2)?,
        item_number: row.get(3)?,
        item_title: row.get(4)?,
        standing: row.get(5)?,
        text: row.get(6)?,
    })
}

impl Snapshot<'_> {
    /// Resolve a scope: find the stored spellings of its councils and committee.
    pub fn filter(&self, scope: &AnalysisScope) -> Result<Filter> {
        let councils = if scope.councils.is_empty() {
            None
        } else {
            let wanted: Vec<String> = scope.councils.iter().map(|c| fold(c.trim())).collect();
            let unknown = wanted.contains(&fold(UNKNOWN_COUNCIL));
            let stored =
                self.strings("SELECT DISTINCT council FROM council_months WHERE council <> ''")?;
            let names = stored
                .into_iter()
                .filter(|s| wanted.contains(&fold(s)))
                .collect();
            Some((names, unknown))
        };
        let committees = match &scope.committee {
            None => None,
            Some(c) => {
                let wanted = fold(c.trim());
                let stored = self.strings(
                    "SELECT DISTINCT committee COLLATE BINARY FROM meetings
                     WHERE committee IS NOT NULL",
                )?;
                Some(stored.into_iter().filter(|s| fold(s) == wanted).collect())
            }
        };
        Ok(Filter {
            councils,
            committees,
            from: scope.from,
            to: scope.to,
            themes: scope.themes.clone(),
        })
    }

    fn strings(&self, sql: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Meetings matching `filter` and the extra condition `extra` (over `m`), in date order,
    /// without attendance (see [`Snapshot::meetings_with_attendance`]).
    pub fn meetings(
        &self,
        filter: &Filter,
        extra: &str,
        extra_args: &[Value],
    ) -> Result<Vec<MeetingRow>> {
        self.meeting_rows(filter, extra, extra_args, false)
    }

    /// [`Snapshot::meetings`] with the number present and sending apologies.
    pub fn meetings_with_attendance(&self, filter: &Filter) -> Result<Vec<MeetingRow>> {
        self.meeting_rows(filter, "", &[], true)
    }

    fn meeting_rows(
        &self,
        filter: &Filter,
        extra: &str,
        extra_args: &[Value],
        attendance: bool,
    ) -> Result<Vec<MeetingRow>> {
        let mut args = Vec::new();
        let cond = filter.meeting_sql(&mut args);
        args.extend_from_slice(extra_args);
        let counts = if attendance {
            "(SELECT count(*) FROM attendees a WHERE a.meeting_id = m.id AND a.list = 'present'),
             (SELECT count(*) FROM attendees a WHERE a.meeting_id = m.id AND a.list = 'apologies'),
             EXISTS (SELECT 1 FROM attendees a WHERE a.meeting_id = m.id)"
        } else {
            "0, 0, 0"
        };
        let sql = format!(
            "SELECT m.id, m.council, m.committee, m.meeting_date, m.has_date_window,
                    m.date_window_from, m.date_window_to, m.kind, m.title, m.body_chars,
                    m.body_paragraphs, {counts}
             FROM meetings m WHERE 1{cond}{extra}
             ORDER BY m.meeting_date IS NULL, m.meeting_date, m.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |row| {
            Ok((
                row.get::<_, Id>(0)?,
                row.get::<_, Option<String>>(1)?,
                row.get::<_, Option<String>>(2)?,
                row.get::<_, Option<String>>(3)?,
                row.get::<_, bool>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, Option<String>>(6)?,
                row.get::<_, String>(7)?,
                row.get::<_, Option<String>>(8)?,
                row.get::<_, i64>(9)?,
                row.get::<_, u32>(10)?,
                row.get::<_, u32>(11)?,
                row.get::<_, u32>(12)?,
                row.get::<_, bool>(13)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                id,
                council,
                committee,
                date,
                has_window,
                wfrom,
                wto,
                kind,
                title,
                chars,
                paragraphs,
                present,
                apologies,
                listed,
            ) = row?;
            out.push(MeetingRow {
                id,
                council,
                committee,
                date: parse_date(date.as_deref())?,
                date_window: if has_window {
                    Some(DateWindow {
                        from: parse_date(wfrom.as_deref())?,
                        to: parse_date(wto.as_deref())?,
                    })
                } else {
                    None
                },
                kind: DocKind::parse(&kind),
                title,
                text_chars: u64::try_from(chars).unwrap_or(0),
                paragraphs,
                present: listed.then_some(present),
                apologies: listed.then_some(apologies),
            });
        }
        Ok(out)
    }

    /// Paragraphs of meetings matching `filter` and `extra` (over `p`, `m`, `i`), in meeting
    /// and document order.
    pub fn paragraphs(
        &self,
        filter: &Filter,
        extra: &str,
        extra_args: &[Value],
    ) -> Result<Vec<ParagraphRow>> {
        let mut args = Vec::new();
        let cond = filter.meeting_sql(&mut args);
        args.extend_from_slice(extra_args);
        let sql = format!(
            "SELECT {PARAGRAPH_COLUMNS}
             FROM paragraphs p JOIN meetings m ON m.id = p.meeting_id
             LEFT JOIN items i ON i.id = p.item_id
             WHERE 1{cond}{extra}
             ORDER BY p.meeting_id, p.position"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), paragraph_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One paragraph, cited, or `None`.
    pub fn paragraph(&self, id: Id) -> Result<Option<ParagraphRow>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {PARAGRAPH_COLUMNS} FROM paragraphs p
                     LEFT JOIN items i ON i.id = p.item_id WHERE p.id = ?1"
                ),
                [id],
                paragraph_row,
            )
            .optional()?)
    }

    /// Agenda items of meetings matching `filter`, in meeting and agenda order.
    pub fn items(&self, filter: &Filter) -> Result<Vec<ItemRow>> {
        let mut args = Vec::new();
        let cond = filter.meeting_sql(&mut args);
        let sql = format!(
            "SELECT i.meeting_id, i.number, i.title, i.page, i.standing IS NOT NULL
             FROM items i JOIN meetings m ON m.id = i.meeting_id
             WHERE 1{cond} ORDER BY i.meeting_id, i.position"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |row| {
            Ok(ItemRow {
                meeting_id: row.get(0)?,
                number: row.get(1)?,
                title: row.get(2)?,
                page: row.get(3)?,
                standing: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Resolutions of meetings matching `filter` and `extra`, with the paragraph holding each,
    /// in meeting and document order.
    pub fn resolutions(
        &self,
        filter: &Filter,
        extra: &str,
        extra_args: &[Value],
    ) -> Result<Vec<ResolutionRow>> {
        let mut args = Vec::new();
        let cond = filter.meeting_sql(&mut args);
        args.extend_from_slice(extra_args);
        let sql = format!(
            "SELECT r.id, r.meeting_id, r.paragraph_id, r.page, COALESCE(i.number, r.item_label), i.title, i.standing IS NOT NULL,
                    r.text
             FROM resolutions r JOIN meetings m ON m.id = r.meeting_id
             LEFT JOIN items i ON i.id = r.item_id
             WHERE 1{cond}{extra} ORDER BY r.meeting_id, r.position"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |row| {
            Ok(ResolutionRow {
                id: row.get(0)?,
                meeting_id: row.get(1)?,
                paragraph_id: row.get(2)?,
                page: row.get(3)?,
                item_number: row.get(4)?,
                item_title: row.get(5)?,
                standing: row.get(6)?,
                text: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Figures of meetings matching `filter`, with the metric stored for each; only `metrics`
    /// when given. In meeting and document order.
    pub fn figures(&self, filter: &Filter, metrics: Option<&[Metric]>) -> Result<Vec<FigureRow>> {
        self.figure_rows(Figures::All, filter, metrics, "", &[])
    }

    /// Each meeting's first `n` key figures (by their kept order, at most
    /// [`super::outlines::KEPT`]) of meetings matching `filter`, in meeting and key order.
    pub fn key_figures(&self, filter: &Filter, n: usize) -> Result<Vec<FigureRow>> {
        self.figure_rows(
            Figures::Key,
            filter,
            None,
            " AND f.key_order < ?",
            &[Value::Integer(i64::try_from(n).unwrap_or(i64::MAX))],
        )
    }

    fn figure_rows(
        &self,
        which: Figures,
        filter: &Filter,
        metrics: Option<&[Metric]>,
        extra: &str,
        extra_args: &[Value],
    ) -> Result<Vec<FigureRow>> {
        let mut args = Vec::new();
        let mut cond = filter.meeting_sql(&mut args);
        cond.push_str(extra);
        args.extend_from_slice(extra_args);
        if let Some(metrics) = metrics {
            cond.push_str(&format!(
                " AND f.metric IN ({})",
                placeholders(metrics.len())
            ));
            for m in metrics {
                args.push(Value::Text(super::documents::to_name(m)?));
            }
        }
        let sql = match which {
            Figures::All => {
                format!("{FIGURES_FROM} WHERE 1{cond} ORDER BY f.meeting_id, f.position")
            }
            // The kept order: the table is read as it is laid out, no sort.
            Figures::Key => {
                format!("{KEY_FIGURES_FROM} WHERE 1{cond} ORDER BY f.meeting_id, f.key_order")
            }
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |row| {
            Ok((
                row.get::<_, Id>(0)?,
                row.get::<_, Option<Id>>(1)?,
                row.get::<_, u32>(2)?,
                row.get::<_, Option<String>>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, String>(5)?,
                row.get::<_, f64>(6)?,
                row.get::<_, Option<f64>>(7)?,
                row.get::<_, String>(8)?,
                row.get::<_, Option<String>>(9)?,
                row.get::<_, String>(10)?,
                row.get::<_, Option<String>>(11)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                meeting_id,
                paragraph_id,
                page,
                number,
                title,
                text,
                value,
                value_max,
                unit,
                what,
                sentence,
                metric,
            ) = row?;
            out.push(FigureRow {
                meeting_id,
                paragraph_id,
                page,
                item_number: number,
                item_title: title,
                text,
                value,
                value_max,
                unit: from_name(&unit)?,
                what,
                sentence,
                metric: metric.as_deref().map(from_name).transpose()?,
            });
        }
        Ok(out)
    }

    /// The kept outlines (non-standing item titles and resolutions) of meetings matching
    /// `filter`.
    pub fn meeting_outlines(&self, filter: &Filter) -> Result<HashMap<Id, MeetingOutline>> {
        let mut args = Vec::new();
        let cond = filter.meeting_sql(&mut args);
        let sql = format!(
            "SELECT o.meeting_id, o.item_titles, o.resolutions
             FROM meeting_outlines o JOIN meetings m ON m.id = o.meeting_id WHERE 1{cond}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(args))?;
        let mut out = HashMap::new();
        while let Some(row) = rows.next()? {
            let id: Id = row.get(0)?;
            let titles: String = row.get(1)?;
            let resolutions: String = row.get(2)?;
            out.insert(
                id,
                MeetingOutline {
                    item_titles: from_json(&titles)?,
                    resolutions: from_json(&resolutions)?,
                },
            );
        }
        Ok(out)
    }

    /// Each meeting's strongest `n` themes (by their kept rank, at most
    /// [`super::outlines::KEPT`]) of meetings matching `filter`.
    pub fn top_theme_counts(&self, filter: &Filter, n: usize) -> Result<Vec<MeetingThemeCount>> {
        self.theme_count_rows(
            filter,
            " AND mt.top_rank < ?",
            &[Value::Integer(i64::try_from(n).unwrap_or(i64::MAX))],
            true,
        )
    }

    /// Per meeting × theme counts of meetings matching `filter` (themes in its scope).
    pub fn meeting_theme_counts(
        &self,
        filter: &Filter,
        extra: &str,
        extra_args: &[Value],
    ) -> Result<Vec<MeetingThemeCount>> {
        self.theme_count_rows(filter, extra, extra_args, false)
    }

    fn theme_count_rows(
        &self,
        filter: &Filter,
        extra: &str,
        extra_args: &[Value],
        ranked: bool,
    ) -> Result<Vec<MeetingThemeCount>> {
        let mut args = Vec::new();
        let mut cond = filter.meeting_sql(&mut args);
        cond.push_str(&filter.theme_sql("t.id", &mut args));
        args.extend_from_slice(extra_args);
        // Ranked: in the kept rank, as the partial index holds them (no sort).
        let sql = if ranked {
            format!("{THEME_COUNTS_FROM} WHERE 1{cond}{extra} ORDER BY mt.meeting_id, mt.top_rank")
        } else {
            format!("{THEME_COUNTS_FROM} WHERE 1{cond}{extra} ORDER BY mt.meeting_id, t.position")
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |row| {
            Ok(MeetingThemeCount {
                meeting_id: row.get(0)?,
                theme_id: row.get(1)?,
                hits: row.get(2)?,
                chars: u64::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Up to `per` counted passages per council and theme of the meetings matching `filter`
    /// (most matches first, then newest), as citations.
    pub fn theme_evidence(&self, filter: &Filter, per: usize) -> Result<Vec<ThemeEvidence>> {
        // Rank every counted hit in scope here rather than with a window function: one pass
        // over a covering index, and only the chosen paragraphs' text is read.
        let mut args = Vec::new();
        let mut cond = filter.meeting_sql(&mut args);
        cond.push_str(&filter.theme_sql("t.id", &mut args));
        let sql = format!(
            "SELECT COALESCE(m.council, '') COLLATE BINARY, t.id, h.matches, m.meeting_date,
                    h.paragraph_id
             FROM theme_hits h JOIN meetings m ON m.id = h.meeting_id
             JOIN themes t ON t.key = h.theme_key
             WHERE h.counted = 1{cond}"
        );
        type Ranked = (i64, std::cmp::Reverse<Option<String>>, Id);
        let mut best: std::collections::HashMap<(String, String), Vec<Ranked>> =
            std::collections::HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params_from_iter(args))?;
            while let Some(row) = rows.next()? {
                let key: (String, String) = (row.get(0)?, row.get(1)?);
                // Ordered best first: most matches, newest meeting, lowest paragraph id.
                let rank: Ranked = (
                    -row.get::<_, i64>(2)?,
                    std::cmp::Reverse(row.get(3)?),
                    row.get(4)?,
                );
                let list = best.entry(key).or_default();
                if list.len() < per || list.last().is_some_and(|last| rank < *last) {
                    let at = list.partition_point(|r| *r < rank);
                    list.insert(at, rank);
                    list.truncate(per);
                }
            }
        }
        let mut chosen: Vec<(String, String, usize, Id)> = best
            .into_iter()
            .flat_map(|((council, theme), list)| {
                list.into_iter()
                    .enumerate()
                    .map(move |(i, (_, _, pid))| (theme.clone(), council.clone(), i, pid))
            })
            .collect();
        chosen.sort();
        let ids: Vec<Id> = chosen.iter().map(|c| c.3).collect();
        let sql = "SELECT p.id, p.meeting_id, m.council, m.committee, m.meeting_date, p.page,
                          i.number, i.title, p.text
                   FROM paragraphs p JOIN meetings m ON m.id = p.meeting_id
                   LEFT JOIN items i ON i.id = p.item_id
                   WHERE p.id IN (SELECT value FROM json_each(?1))";
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([super::documents::to_json(&ids)?], |row| {
            Ok((
                row.get::<_, Id>(0)?,
                row.get::<_, Id>(1)?,
                row.get::<_, Option<String>>(2)?,
                row.get::<_, Option<String>>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, u32>(5)?,
                row.get::<_, Option<String>>(6)?,
                row.get::<_, Option<String>>(7)?,
                row.get::<_, String>(8)?,
            ))
        })?;
        let mut passages = std::collections::HashMap::new();
        for row in rows {
            let (
                paragraph_id,
                meeting_id,
                council,
                committee,
                date,
                page,
                item_number,
                item_title,
                text,
            ) = row?;
            passages.insert(
                paragraph_id,
                EvidenceRef {
                    paragraph_id,
                    meeting_id,
                    council,
                    committee,
                    date: parse_date(date.as_deref())?,
                    page,
                    item_number,
                    item_title,
                    text,
                },
            );
        }
        Ok(chosen
            .into_iter()
            .filter_map(|(theme_id, _, _, pid)| {
                passages.get(&pid).map(|e| ThemeEvidence {
                    theme_id,
                    evidence: e.clone(),
                })
            })
            .collect())
    }

    /// Counted paragraphs that matched theme `theme_id`, of meetings matching `filter` and
    /// `extra`, newest meeting first, at most `limit`.
    pub fn theme_paragraphs(
        &self,
        theme_id: &str,
        filter: &Filter,
        extra: &str,
        extra_args: &[Value],
        limit: u32,
    ) -> Result<Vec<ParagraphRow>> {
        let mut args = vec![Value::Text(theme_id.to_string())];
        let cond = filter.meeting_sql(&mut args);
        args.extend_from_slice(extra_args);
        args.push(Value::Integer(i64::from(limit)));
        let sql = format!(
            "SELECT {PARAGRAPH_COLUMNS}
             FROM theme_hits h JOIN paragraphs p ON p.id = h.paragraph_id
             JOIN meetings m ON m.id = h.meeting_id
             LEFT JOIN items i ON i.id = p.item_id
             WHERE h.theme_key = (SELECT key FROM themes WHERE id = ?) AND h.counted = 1{cond}{extra}
             ORDER BY h.meeting_id DESC, h.paragraph_id
             LIMIT ?"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), paragraph_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Paragraphs of meetings matching `filter` whose text matches the FTS5 query `fts`,
    /// most recently imported first: `limit` of them after skipping `offset`.
    pub fn fts_paragraphs(
        &self,
        fts: &str,
        filter: &Filter,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<ParagraphRow>> {
        let mut args = vec![Value::Text(fts.to_string())];
        let cond = filter.meeting_sql(&mut args);
        args.push(Value::Integer(i64::from(limit)));
        args.push(Value::Integer(i64::from(offset)));
        let sql = format!(
            "SELECT {PARAGRAPH_COLUMNS}
             FROM paragraphs_fts JOIN paragraphs p ON p.id = paragraphs_fts.rowid
             JOIN meetings m ON m.id = p.meeting_id
             LEFT JOIN items i ON i.id = p.item_id
             WHERE paragraphs_fts MATCH ?{cond}
             ORDER BY paragraphs_fts.rowid DESC
             LIMIT ? OFFSET ?"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), paragraph_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Council × period cells from the aggregates over `range` (whole years or months), for
    /// councils and themes in `filter` (its dates and committee are not read: the caller
    /// splits date bounds into whole years, whole months and edges, and serves committees per
    /// meeting). Periods finer than the tier (quarters from years) are refused.
    pub fn period_cells(
        &self,
        filter: &Filter,
        range: &Bounds,
        period: Option<Period>,
    ) -> Result<(Vec<PeriodTotal>, Vec<PeriodThemeSum>)> {
        let (totals_table, themes_table, key) = match range.tier {
            Tier::Years => {
                if matches!(period, Some(Period::Quarter | Period::Month)) {
                    return Err(crate::Error::Invalid(
                        "yearly aggregates cannot give quarters or months".into(),
                    ));
                }
                ("council_years", "council_year_themes", "year")
            }
            Tier::Months => ("council_months", "council_month_themes", "month"),
        };
        let months = range;
        let bounds = |alias: &str, args: &mut Vec<Value>| {
            let mut sql = filter.council_sql(&format!("{alias}.council"), args);
            let column = format!("{alias}.{key}");
            if months.dated_only || period.is_some() {
                sql.push_str(&format!(" AND {column} <> ''"));
            }
            if let Some(from) = &months.from {
                sql.push_str(&format!(" AND {column} >= ?"));
                args.push(Value::Text(from.clone()));
            }
            if let Some(to) = &months.to {
                sql.push_str(&format!(" AND {column} <= ?"));
                args.push(Value::Text(to.clone()));
            }
            sql
        };
        let mut args = Vec::new();
        let cond = bounds("cm", &mut args);
        let sql = format!(
            "SELECT cm.council, {} AS period, sum(cm.meetings), sum(cm.chars)
             FROM {totals_table} cm WHERE 1{cond}
             GROUP BY cm.council, period",
            period_sql(period, &format!("cm.{key}"))
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |row| {
            Ok(PeriodTotal {
                council: council_out(row.get(0)?),
                period: row.get(1)?,
                meetings: row.get(2)?,
                chars: u64::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
            })
        })?;
        let totals = rows.collect::<rusqlite::Result<Vec<_>>>()?;

        let mut args = Vec::new();
        let mut cond = bounds("cmt", &mut args);
        cond.push_str(&filter.theme_sql("t.id", &mut args));
        let sql = format!(
            "SELECT cmt.council, {} AS period, t.id, sum(cmt.hits), sum(cmt.meetings),
                    sum(cmt.chars)
             FROM {themes_table} cmt JOIN themes t ON t.key = cmt.theme_key
             WHERE 1{cond}
             GROUP BY cmt.council, period, cmt.theme_key",
            period_sql(period, &format!("cmt.{key}"))
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |row| {
            Ok(PeriodThemeSum {
                council: council_out(row.get(0)?),
                period: row.get(1)?,
                theme_id: row.get(2)?,
                hits: row.get(3)?,
                meetings: row.get(4)?,
                chars: u64::try_from(row.get::<_, i64>(5)?).unwrap_or(0),
            })
        })?;
        let sums = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((totals, sums))
    }

    /// Whether a theme id is in the library's codebook.
    pub fn has_theme(&self, theme_id: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM themes WHERE id = ?1", [theme_id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Meetings by id (those that exist), in date order.
    pub fn meetings_by_id(&self, ids: &[Id]) -> Result<Vec<MeetingRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids = super::documents::to_json(&ids)?;
        self.meetings(
            &Filter::default(),
            " AND m.id IN (SELECT value FROM json_each(?))",
            &[Value::Text(ids)],
        )
    }

    /// The codebook compiled for matching (cached by the library handle).
    pub fn theme_index(&self, library: &Library) -> Result<std::sync::Arc<super::ThemeIndex>> {
        library.theme_index(self.conn)
    }

    /// The library's codebook.
    pub fn codebook(&self) -> Result<crate::model::Codebook> {
        super::themes::load(self.conn)?
            .map(|(c, _)| c)
            .ok_or_else(|| crate::Error::NotFound("the library has no codebook".into()))
    }
}
