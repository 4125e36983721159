//! Meeting outlines: what the timeline shows of each meeting, kept so that a whole-library
//! timeline reads a row per meeting rather than every item, resolution, theme count and figure.
//!
//! Three things are kept, each the stored form of a choice the pure timeline makes
//! ([`crate::analysis::timeline`]):
//! - `meeting_outlines`: the meeting's non-standing item titles and resolutions, in document
//!   order, as JSON arrays;
//! - `key_figures`: a meeting's first [`KEPT`] figures in the order the timeline picks key
//!   figures (specific metrics first, then document order), copied with their item's number
//!   and title so they are read in meeting order, not looked up one by one;
//! - `meeting_themes.top_rank`: the place of each of a meeting's first [`KEPT`] themes in the
//!   order the timeline ranks them (share of the meeting's counted text, then hits, then id).
//!
//! They are derived data, refreshed by whoever changes their inputs in the same transaction: a
//! meeting stored or re-extracted refreshes its own ([`refresh_meeting`]), a codebook saved or
//! rebuilt re-ranks every meeting's themes ([`rank_themes`]), figures reclassified re-order
//! every meeting's figures ([`order_figures`]). Deleting a meeting deletes its outline. A
//! library from before outlines were kept (or kept by other rules) is filled when it opens.
//! The integration tests hold the timeline read from them equal to the one computed afresh.

use rusqlite::{params, Connection, OptionalExtension};

use crate::analysis::metrics::{classify, is_specific, rank};
use crate::error::Result;
use crate::model::{FigureUnit, Id, Metric};

/// Key figures and top themes ranked per meeting: a timeline may show up to this many of each
/// from the kept ranks (it reads every row when asked for more).
pub(crate) const KEPT: usize = 5;

/// The rules the kept outlines follow; a library kept by other rules is refreshed on open.
const OUTLINES_VERSION: &str = "1";

/// Refresh one meeting's outline, key-figure order and theme ranks.
pub(super) fn refresh_meeting(conn: &Connection, id: Id) -> Result<()> {
    conn.prepare_cached(&format!("{OUTLINE_SQL} WHERE m.id = ?1"))?
        .execute([id])?;
    order_meeting_figures(conn, id)?;
    conn.prepare_cached(&rank_sql("mt.meeting_id = ?1"))?
        .execute([id])?;
    Ok(())
}

/// The outline of each meeting selected by the `WHERE` that follows.
const OUTLINE_SQL: &str =
    "INSERT OR REPLACE INTO meeting_outlines (meeting_id, item_titles, resolutions)
     SELECT m.id,
            (SELECT json_group_array(i.title ORDER BY i.position) FROM items i
             WHERE i.meeting_id = m.id AND i.standing IS NULL),
            (SELECT json_group_array(r.text ORDER BY r.position) FROM resolutions r
             LEFT JOIN items i ON i.id = r.item_id
             WHERE r.meeting_id = m.id AND i.standing IS NULL)
     FROM meetings m";

/// Rank the themes of the meetings matching `cond` (over `mt`): the order
/// [`crate::analysis::timeline`] sorts a meeting's themes in, computed the same way (the share
/// is the theme's characters over the meeting's counted characters, at most 1, and 0 for a
/// meeting without counted text).
fn rank_sql(cond: &str) -> String {
    format!(
        "UPDATE meeting_themes AS t SET top_rank = CASE WHEN r.n < {KEPT} THEN r.n END
         FROM (SELECT mt.meeting_id, mt.theme_key,
                      row_number() OVER (
                          PARTITION BY mt.meeting_id
                          ORDER BY CASE WHEN m.body_chars <= 0 THEN 0.0
                                        ELSE min(1.0, CAST(mt.chars AS REAL) / m.body_chars) END DESC,
                                   mt.hits DESC, th.id COLLATE BINARY) - 1 AS n
               FROM meeting_themes mt JOIN meetings m ON m.id = mt.meeting_id
               JOIN themes th ON th.key = mt.theme_key
               WHERE {cond}) AS r
         WHERE t.meeting_id = r.meeting_id AND t.theme_key = r.theme_key"
    )
}

/// Re-rank every meeting's themes (after a codebook is saved or rebuilt).
pub(super) fn rank_themes(conn: &Connection) -> Result<()> {
    conn.execute(&rank_sql("1"), [])?;
    Ok(())
}

/// A figure as ordering needs it: id and the metric it measures.
type FigureToOrder = (Id, Option<String>, Option<String>, String, String, String);

fn metric_of(f: &FigureToOrder) -> Result<Metric> {
    let (_, metric, what, sentence, text, unit) = f;
    Ok(match metric {
        Some(m) => super::documents::from_name(m)?,
        None => {
            let unit: FigureUnit = super::documents::from_name(unit)?;
            classify(what.as_deref(), sentence, text, unit)
        }
    })
}

/// Keep the first [`KEPT`] key figures of meeting `id`, whose figures are given in document
/// order.
fn store_order(conn: &Connection, id: Id, figures: &[FigureToOrder]) -> Result<()> {
    let mut keyed = Vec::with_capacity(figures.len());
    for (i, f) in figures.iter().enumerate() {
        let metric = metric_of(f)?;
        keyed.push(((!is_specific(metric), rank(metric), i), f.0));
    }
    // The index breaks ties by document order, as the timeline's stable sort does.
    keyed.sort_unstable();
    conn.prepare_cached("DELETE FROM key_figures WHERE meeting_id = ?1")?
        .execute([id])?;
    let mut keep = conn.prepare_cached(
        "INSERT INTO key_figures (meeting_id, key_order, figure_id, paragraph_id, page,
                                  item_number, item_title, text, value, value_max, unit, what,
                                  sentence, metric)
         SELECT f.meeting_id, ?2, f.id, f.paragraph_id, f.page, i.number, i.title, f.text,
                f.value, f.value_max, f.unit, f.what, f.sentence, f.metric
         FROM figures f LEFT JOIN items i ON i.id = f.item_id WHERE f.id = ?1",
    )?;
    for (order, (_, figure)) in keyed.iter().take(KEPT).enumerate() {
        keep.execute(params![figure, order as i64])?;
    }
    Ok(())
}

const FIGURE_COLUMNS: &str = "SELECT id, metric, what, sentence, text, unit FROM figures";

fn figure_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<FigureToOrder> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
    ))
}

fn order_meeting_figures(conn: &Connection, id: Id) -> Result<()> {
    let figures: Vec<FigureToOrder> = {
        let mut stmt = conn.prepare_cached(&format!(
            "{FIGURE_COLUMNS} WHERE meeting_id = ?1 ORDER BY position"
        ))?;
        let rows = stmt.query_map([id], figure_row)?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    store_order(conn, id, &figures)
}

/// Re-order every meeting's figures (after figures are reclassified).
pub(super) fn order_figures(conn: &Connection) -> Result<()> {
    let ids: Vec<Id> = {
        let mut stmt = conn.prepare("SELECT id FROM meetings")?;
        let rows = stmt.query_map([], |row| row.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for id in ids {
        order_meeting_figures(conn, id)?;
    }
    Ok(())
}

/// Refresh every meeting's outline, figure order and theme ranks.
pub(super) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM meeting_outlines", [])?;
    conn.execute("DELETE FROM key_figures", [])?;
    conn.execute(OUTLINE_SQL, [])?;
    order_figures(conn)?;
    rank_themes(conn)?;
    conn.execute(
        "INSERT INTO library_meta (key, value) VALUES ('outlines_version', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [OUTLINES_VERSION],
    )?;
    Ok(())
}

/// Fill the outlines of a library that does not keep them yet (or keeps them by other rules)
/// when it opens. Looks first, without a write lock.
pub(super) fn prepare(conn: &mut Connection) -> Result<()> {
    if current(conn)? {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    if !current(&tx)? {
        rebuild(&tx)?;
    }
    tx.commit()?;
    Ok(())
}

fn current(conn: &Connection) -> Result<bool> {
    let version: Option<String> = conn
        .query_row(
            "SELECT value FROM library_meta WHERE key = 'outlines_version'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    Ok(version.as_deref() == Some(OUTLINES_VERSION))
}
