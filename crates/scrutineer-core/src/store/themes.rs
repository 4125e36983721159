//! Themes in the library: the user's codebook, which paragraphs each theme matched (and why),
//! and the pre-aggregated counts that dashboards read instead of scanning paragraphs.
//!
//! Matching itself is pure ([`crate::analysis::matcher`]); keeping its results true is a
//! storage problem, so every change that can move a count goes through this module, inside the
//! transaction that makes the change:
//! - a document stored: its paragraphs are matched and its counts added ([`index_meeting`]);
//! - a document deleted or re-extracted: its counts are taken away first ([`forget_meeting`]);
//! - a council or date corrected: its counts move from the old key to the new one
//!   ([`unaggregate`] before, [`aggregate`] after);
//! - a codebook saved: only the themes whose fingerprint changed are matched again, over every
//!   paragraph ([`save`]); a renamed theme costs nothing.
//!
//! Every stored count is a sum of per-meeting integers, so adding and subtracting one meeting
//! at a time gives exactly what a full rebuild ([`rebuild`]) gives; the integration tests check
//! that with random edit sequences.
//!
//! The compiled codebook is cached per library handle, keyed by the codebook's `generation`
//! (which every save changes), so an import in the app after the CLI edited the codebook
//! recompiles rather than matching with stale themes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};

use super::documents::{from_json, to_json, to_name};
use super::{lock, Library};
use crate::analysis::codebook::{self, CodebookSaved, ThemeFingerprint, ThemeProgress};
use crate::analysis::metrics::{classify, METRICS_VERSION};
use crate::analysis::{IndexedMatch, ThemeMatcher};
use crate::error::{Error, Result};
use crate::model::{Codebook, FigureUnit, Id, Theme};

/// Paragraphs read and matched per round when a theme is matched across the library.
const CHUNK: usize = 8_192;

/// The library's codebook, compiled.
#[derive(Debug)]
pub(crate) struct ThemeIndex {
    /// The codebook generation this was compiled from.
    pub generation: i64,
    pub codebook: Codebook,
    pub matcher: ThemeMatcher,
    /// `keys[i]` is the `themes.key` of `matcher.theme_ids()[i]`.
    pub keys: Vec<i64>,
}

/// The compiled codebook a library handle last used.
pub(crate) type ThemeCache = Mutex<Option<Arc<ThemeIndex>>>;

/// A paragraph to match: its id, its meeting, its text, and whether it counts towards theme
/// statistics (it does unless it belongs to a standing item).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ParagraphToMatch<'a> {
    pub id: Id,
    pub meeting_id: Id,
    pub text: &'a str,
    /// The text's length in characters.
    pub chars: u64,
    pub counted: bool,
}

/// One theme's matches in one paragraph: how many, and the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    theme: usize,
    matches: u32,
    pattern: usize,
    start: usize,
    end: usize,
}

struct StoredTheme {
    key: i64,
    theme: Theme,
    fingerprint: String,
}

fn stored_themes(conn: &Connection) -> Result<Vec<StoredTheme>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, id, label, description, grp, include, exclude, fingerprint
         FROM themes ORDER BY position, key",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, String>(5)?,
            row.get::<_, String>(6)?,
            row.get::<_, String>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (key, id, label, description, group, include, exclude, fingerprint) = row?;
        out.push(StoredTheme {
            key,
            theme: Theme {
                id,
                label,
                description,
                group,
                include: from_json(&include)?,
                exclude: from_json(&exclude)?,
            },
            fingerprint,
        });
    }
    Ok(out)
}

/// The stored codebook and its generation, or `None` before one is saved.
pub(crate) fn load(conn: &Connection) -> Result<Option<(Codebook, i64)>> {
    let head: Option<(String, i64)> = conn
        .query_row(
            "SELECT name, generation FROM codebook WHERE id = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((name, generation)) = head else {
        return Ok(None);
    };
    let themes = stored_themes(conn)?.into_iter().map(|s| s.theme).collect();
    Ok(Some((Codebook { name, themes }, generation)))
}

/// The library's codebook compiled, from `cache` when it is of the current generation.
pub(crate) fn index(conn: &Connection, cache: &ThemeCache) -> Result<Arc<ThemeIndex>> {
    let generation: i64 = conn
        .query_row("SELECT generation FROM codebook WHERE id = 1", [], |row| {
            row.get(0)
        })
        .optional()?
        .unwrap_or(-1);
    if let Some(cached) = lock(cache).as_ref() {
        if cached.generation == generation {
            return Ok(Arc::clone(cached));
        }
    }
    let stored = stored_themes(conn)?;
    let codebook = Codebook {
        name: String::new(),
        themes: stored.iter().map(|s| s.theme.clone()).collect(),
    };
    let matcher = ThemeMatcher::new(&codebook)?;
    let keys = stored.iter().map(|s| s.key).collect();
    let index = Arc::new(ThemeIndex {
        generation,
        codebook,
        matcher,
        keys,
    });
    *lock(cache) = Some(Arc::clone(&index));
    Ok(index)
}

/// One paragraph's matches summed per theme, in order of each theme's first match.
fn summarise(matches: &[IndexedMatch]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for m in matches {
        match out.iter_mut().find(|f| f.theme == m.theme) {
            Some(f) => f.matches += 1,
            None => out.push(Found {
                theme: m.theme,
                matches: 1,
                pattern: m.pattern,
                start: m.start,
                end: m.end,
            }),
        }
    }
    out
}

/// One paragraph's matches under `index`, summed per theme: pure, so reader threads run it
/// before the writer (see [`index_meeting`]).
pub(crate) fn match_paragraph(index: &ThemeIndex, text: &str) -> Vec<Found> {
    let matches = index.matcher.match_indexed(text);
    if matches.is_empty() {
        Vec::new()
    } else {
        summarise(&matches)
    }
}

/// Store one paragraph's hits; returns how many themes it matched.
fn insert_hits(
    conn: &Connection,
    p: &ParagraphToMatch<'_>,
    chars: u64,
    found: &[Found],
    matcher: &ThemeMatcher,
    keys: &[i64],
) -> Result<usize> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO theme_hits (paragraph_id, theme_key, meeting_id, counted, chars, matches,
                                 pattern, match_start, match_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for f in found {
        stmt.execute(params![
            p.id,
            keys[f.theme],
            p.meeting_id,
            p.counted,
            i64::try_from(chars).unwrap_or(i64::MAX),
            f.matches,
            matcher.pattern_source(f.pattern),
            f.start as i64,
            f.end as i64,
        ])?;
    }
    Ok(found.len())
}

/// Store a just-written meeting's theme hits and per-theme counts, and add the meeting to the
/// council × month and × year aggregates. Its effective council and date must be set.
///
/// `matched[i]` is paragraph `i`'s [`match_paragraph`] under `index`, when a reader thread has
/// already matched it with this very codebook; without it (or when it does not cover every
/// paragraph) the paragraphs are matched here.
pub(crate) fn index_meeting(
    conn: &Connection,
    meeting_id: Id,
    paragraphs: &[ParagraphToMatch<'_>],
    index: &ThemeIndex,
    matched: Option<&[Vec<Found>]>,
) -> Result<()> {
    let matched = matched.filter(|m| m.len() == paragraphs.len());
    // Per theme, in order of first appearance (so the rows are written in the same order
    // whatever matched them): hits and characters.
    let mut per_theme: Vec<(usize, u32, u64)> = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let own;
        let found: &[Found] = match matched {
            Some(m) => &m[i],
            None => {
                own = match_paragraph(index, p.text);
                &own
            }
        };
        if found.is_empty() {
            continue;
        }
        let chars = p.chars;
        insert_hits(conn, p, chars, found, &index.matcher, &index.keys)?;
        if p.counted {
            for f in found {
                match per_theme.iter_mut().find(|(t, _, _)| *t == f.theme) {
                    Some(e) => {
                        e.1 += 1;
                        e.2 += chars;
                    }
                    None => per_theme.push((f.theme, 1, chars)),
                }
            }
        }
    }
    let counts: Vec<(i64, u32, i64)> = per_theme
        .iter()
        .map(|&(theme, hits, chars)| {
            (
                index.keys[theme],
                hits,
                i64::try_from(chars).unwrap_or(i64::MAX),
            )
        })
        .collect();
    {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO meeting_themes (meeting_id, theme_key, hits, chars)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (key, hits, chars) in &counts {
            stmt.execute(params![meeting_id, key, hits, chars])?;
        }
    }
    aggregate_counts(conn, meeting_id, &counts)
}

/// The aggregate key of a meeting (effective council and month, `''` when unknown) and its
/// denominators; `None` when the meeting does not exist.
fn meeting_key(conn: &Connection, id: Id) -> Result<Option<(String, String, i64, i64)>> {
    Ok(conn
        .prepare_cached(
            "SELECT COALESCE(council, ''), COALESCE(substr(meeting_date, 1, 7), ''),
                    body_chars, body_paragraphs
             FROM meetings WHERE id = ?1",
        )?
        .query_row([id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .optional()?)
}

/// The two tiers of aggregates: (totals table, themes table, key column, key length in the
/// `YYYY-MM` month).
const TIERS: [(&str, &str, &str, usize); 2] = [
    ("council_months", "council_month_themes", "month", 7),
    ("council_years", "council_year_themes", "year", 4),
];

/// Add a meeting's denominators and theme counts to the council × month and council × year
/// aggregates, under its current effective council and date.
pub(crate) fn aggregate(conn: &Connection, id: Id) -> Result<()> {
    let Some((council, month, chars, paragraphs)) = meeting_key(conn, id)? else {
        return Ok(());
    };
    for (totals, themes, column, len) in TIERS {
        let key = month.get(..len).unwrap_or("");
        add_totals(conn, totals, column, (&council, key), chars, paragraphs)?;
        conn.prepare_cached(&format!(
            "INSERT INTO {themes} (council, {column}, theme_key, hits, meetings, chars)
             SELECT ?1, ?2, theme_key, hits, 1, chars FROM meeting_themes WHERE meeting_id = ?3
             ON CONFLICT (council, {column}, theme_key) DO UPDATE SET
                hits = hits + excluded.hits,
                meetings = meetings + 1,
                chars = chars + excluded.chars"
        ))?
        .execute(params![council, key, id])?;
    }
    Ok(())
}

/// Add one meeting to a tier's totals row.
fn add_totals(
    conn: &Connection,
    totals: &str,
    column: &str,
    (council, key): (&str, &str),
    chars: i64,
    paragraphs: i64,
) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO {totals} (council, {column}, meetings, chars, paragraphs)
         VALUES (?1, ?2, 1, ?3, ?4)
         ON CONFLICT (council, {column}) DO UPDATE SET
            meetings = meetings + 1,
            chars = chars + excluded.chars,
            paragraphs = paragraphs + excluded.paragraphs"
    ))?
    .execute(params![council, key, chars, paragraphs])?;
    Ok(())
}

/// [`aggregate`] for a meeting whose per-theme counts (theme key, hits, characters) are at
/// hand: the same sums, added from these values rather than read back from `meeting_themes`.
fn aggregate_counts(conn: &Connection, id: Id, counts: &[(i64, u32, i64)]) -> Result<()> {
    let Some((council, month, chars, paragraphs)) = meeting_key(conn, id)? else {
        return Ok(());
    };
    for (totals, themes, column, len) in TIERS {
        let key = month.get(..len).unwrap_or("");
        add_totals(conn, totals, column, (&council, key), chars, paragraphs)?;
        let mut add = conn.prepare_cached(&format!(
            "INSERT INTO {themes} (council, {column}, theme_key, hits, meetings, chars)
             VALUES (?1, ?2, ?3, ?4, 1, ?5)
             ON CONFLICT (council, {column}, theme_key) DO UPDATE SET
                hits = hits + excluded.hits,
                meetings = meetings + 1,
                chars = chars + excluded.chars"
        ))?;
        for (theme_key, hits, theme_chars) in counts {
            add.execute(params![council, key, theme_key, hits, theme_chars])?;
        }
    }
    Ok(())
}

/// Take a meeting's denominators and theme counts out of the aggregates, under its current
/// effective council and date. Rows left with no meetings go.
pub(crate) fn unaggregate(conn: &Connection, id: Id) -> Result<()> {
    let Some((council, month, chars, paragraphs)) = meeting_key(conn, id)? else {
        return Ok(());
    };
    for (totals, themes, column, len) in TIERS {
        let key = month.get(..len).unwrap_or("");
        // Delete what would fall to zero first: the tables refuse a row of zero meetings.
        conn.prepare_cached(&format!(
            "DELETE FROM {themes}
             WHERE council = ?1 AND {column} = ?2 AND meetings <= 1
               AND theme_key IN (SELECT theme_key FROM meeting_themes WHERE meeting_id = ?3)"
        ))?
        .execute(params![council, key, id])?;
        conn.prepare_cached(&format!(
            "UPDATE {themes} AS a SET
                hits = a.hits - mt.hits, meetings = a.meetings - 1, chars = a.chars - mt.chars
             FROM meeting_themes mt
             WHERE mt.meeting_id = ?3 AND a.council = ?1 AND a.{column} = ?2
               AND a.theme_key = mt.theme_key"
        ))?
        .execute(params![council, key, id])?;
        conn.prepare_cached(&format!(
            "DELETE FROM {totals} WHERE council = ?1 AND {column} = ?2 AND meetings <= 1"
        ))?
        .execute(params![council, key])?;
        conn.prepare_cached(&format!(
            "UPDATE {totals} SET
                meetings = meetings - 1, chars = chars - ?3, paragraphs = paragraphs - ?4
             WHERE council = ?1 AND {column} = ?2"
        ))?
        .execute(params![council, key, chars, paragraphs])?;
    }
    Ok(())
}

/// Remove everything themes know of a meeting: its share of the aggregates, its per-theme
/// counts and its paragraphs' hits. The meeting row itself stays.
pub(crate) fn forget_meeting(conn: &Connection, id: Id) -> Result<()> {
    unaggregate(conn, id)?;
    conn.prepare_cached("DELETE FROM meeting_themes WHERE meeting_id = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM theme_hits WHERE meeting_id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Drop a theme's hits and counts everywhere (before it is matched again).
fn clear_theme(conn: &Connection, key: i64) -> Result<()> {
    for table in [
        "theme_hits",
        "meeting_themes",
        "council_month_themes",
        "council_year_themes",
    ] {
        conn.execute(&format!("DELETE FROM {table} WHERE theme_key = ?1"), [key])?;
    }
    Ok(())
}

/// Save `codebook` as the library's, re-matching only what changed (see
/// [`codebook::diff`]): removed themes lose their hits, added and changed themes are matched
/// against every paragraph, unchanged ones are kept (a new label or description is just
/// stored). Runs inside the caller's transaction: on any error nothing of it stays.
pub(crate) fn save(
    conn: &Connection,
    codebook: &Codebook,
    progress: &mut dyn FnMut(ThemeProgress),
) -> Result<CodebookSaved> {
    codebook::validate(codebook)?;
    let stored = stored_themes(conn)?;
    let prints: Vec<ThemeFingerprint> = stored
        .iter()
        .map(|s| ThemeFingerprint {
            theme_id: s.theme.id.clone(),
            fingerprint: s.fingerprint.clone(),
        })
        .collect();
    let diff = codebook::diff(&prints, codebook);
    for id in &diff.removed {
        // Hits and counts go with the theme (ON DELETE CASCADE).
        conn.execute("DELETE FROM themes WHERE id = ?1", [id])?;
    }
    let mut keys: HashMap<&str, i64> = HashMap::new();
    for (position, theme) in codebook.themes.iter().enumerate() {
        let fingerprint = codebook::fingerprint(theme);
        let include = to_json(&theme.include)?;
        let exclude = to_json(&theme.exclude)?;
        match stored.iter().find(|s| s.theme.id == theme.id) {
            Some(s) => {
                if s.fingerprint != fingerprint {
                    clear_theme(conn, s.key)?;
                }
                conn.execute(
                    "UPDATE themes SET position = ?2, label = ?3, description = ?4, grp = ?5,
                        include = ?6, exclude = ?7, fingerprint = ?8
                     WHERE key = ?1",
                    params![
                        s.key,
                        position as i64,
                        theme.label,
                        theme.description,
                        theme.group,
                        include,
                        exclude,
                        fingerprint
                    ],
                )?;
                keys.insert(&theme.id, s.key);
            }
            None => {
                conn.execute(
                    "INSERT INTO themes (id, position, label, description, grp, include, exclude,
                                         fingerprint)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        theme.id,
                        position as i64,
                        theme.label,
                        theme.description,
                        theme.group,
                        include,
                        exclude,
                        fingerprint
                    ],
                )?;
                keys.insert(&theme.id, conn.last_insert_rowid());
            }
        }
    }
    let rematch = diff.rematch();
    let (paragraphs, hits) = if rematch.is_empty() {
        (0, 0)
    } else {
        let matcher = ThemeMatcher::for_themes(codebook, &rematch)?;
        let theme_keys: Vec<i64> = matcher
            .theme_ids()
            .iter()
            .map(|id| keys.get(id.as_str()).copied().unwrap_or(-1))
            .collect();
        match_library(conn, &matcher, &theme_keys, progress)?
    };
    conn.execute(
        "INSERT INTO codebook (id, name, generation, saved_at) VALUES (1, ?1, 1, ?2)
         ON CONFLICT (id) DO UPDATE SET
            name = excluded.name, generation = generation + 1, saved_at = excluded.saved_at",
        params![
            codebook.name.trim(),
            Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        ],
    )?;
    // The timeline's strongest themes per meeting follow the new counts.
    super::outlines::rank_themes(conn)?;
    Ok(CodebookSaved {
        diff,
        paragraphs,
        hits,
    })
}

/// Recompute every theme count from scratch: meetings' denominators, every hit, every
/// aggregate. What incremental upkeep must always agree with; also a repair.
pub(crate) fn rebuild(
    conn: &Connection,
    progress: &mut dyn FnMut(ThemeProgress),
) -> Result<CodebookSaved> {
    for table in [
        "theme_hits",
        "meeting_themes",
        "council_month_themes",
        "council_months",
        "council_year_themes",
        "council_years",
    ] {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
    }
    conn.execute_batch(
        "UPDATE meetings SET
            body_chars = (SELECT COALESCE(sum(length(p.text)), 0) FROM paragraphs p
                          LEFT JOIN items i ON i.id = p.item_id
                          WHERE p.meeting_id = meetings.id AND i.standing IS NULL),
            body_paragraphs = (SELECT count(*) FROM paragraphs p
                               LEFT JOIN items i ON i.id = p.item_id
                               WHERE p.meeting_id = meetings.id AND i.standing IS NULL);
         INSERT INTO council_months (council, month, meetings, chars, paragraphs)
            SELECT COALESCE(council, '') COLLATE BINARY,
                   COALESCE(substr(meeting_date, 1, 7), ''),
                   count(*), sum(body_chars), sum(body_paragraphs)
            FROM meetings
            GROUP BY 1, 2;
         INSERT INTO council_years (council, year, meetings, chars, paragraphs)
            SELECT council, substr(month, 1, 4), sum(meetings), sum(chars), sum(paragraphs)
            FROM council_months GROUP BY council, substr(month, 1, 4);",
    )?;
    let stored = stored_themes(conn)?;
    let codebook = Codebook {
        name: String::new(),
        themes: stored.iter().map(|s| s.theme.clone()).collect(),
    };
    let matcher = ThemeMatcher::new(&codebook)?;
    let keys: Vec<i64> = stored.iter().map(|s| s.key).collect();
    let (paragraphs, hits) = match_library(conn, &matcher, &keys, progress)?;
    super::outlines::rank_themes(conn)?;
    Ok(CodebookSaved {
        diff: codebook::CodebookDiff {
            changed: codebook.themes.iter().map(|t| t.id.clone()).collect(),
            ..Default::default()
        },
        paragraphs,
        hits,
    })
}

/// Match `matcher`'s themes (stored under `keys`) against every paragraph, storing hits,
/// per-meeting counts and council × month counts for them. Their old rows must be gone.
/// Paragraphs are read in chunks and matched on every core. Returns (paragraphs, hits).
fn match_library(
    conn: &Connection,
    matcher: &ThemeMatcher,
    keys: &[i64],
    progress: &mut dyn FnMut(ThemeProgress),
) -> Result<(u32, u32)> {
    let total: i64 = conn.query_row("SELECT count(*) FROM paragraphs", [], |row| row.get(0))?;
    let total = u32::try_from(total).unwrap_or(u32::MAX);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let mut done = 0u32;
    let mut hits = 0usize;
    let mut per_meeting: HashMap<(Id, usize), (u32, u64)> = HashMap::new();
    progress(ThemeProgress { done, total });
    let mut after: Id = 0;
    loop {
        let rows: Vec<(Id, Id, String, bool)> = {
            let mut stmt = conn.prepare_cached(
                "SELECT p.id, p.meeting_id, p.text, i.standing IS NULL
                 FROM paragraphs p LEFT JOIN items i ON i.id = p.item_id
                 WHERE p.id > ?1 ORDER BY p.id LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![after, CHUNK as i64], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let Some(last) = rows.last() else { break };
        after = last.0;
        let found = match_parallel(matcher, &rows, threads);
        for ((id, meeting_id, text, counted), (found, chars)) in rows.iter().zip(found) {
            if found.is_empty() {
                continue;
            }
            let p = ParagraphToMatch {
                id: *id,
                meeting_id: *meeting_id,
                text,
                chars,
                counted: *counted,
            };
            hits += insert_hits(conn, &p, chars, &found, matcher, keys)?;
            if *counted {
                for f in &found {
                    let e = per_meeting.entry((*meeting_id, f.theme)).or_default();
                    e.0 += 1;
                    e.1 += chars;
                }
            }
        }
        done = done.saturating_add(u32::try_from(rows.len()).unwrap_or(u32::MAX));
        progress(ThemeProgress {
            done: done.min(total),
            total,
        });
    }
    {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO meeting_themes (meeting_id, theme_key, hits, chars)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        for ((meeting_id, theme), (n, chars)) in &per_meeting {
            stmt.execute(params![
                meeting_id,
                keys[*theme],
                n,
                i64::try_from(*chars).unwrap_or(i64::MAX)
            ])?;
        }
    }
    let keys_json = to_json(&keys)?;
    for (_, themes, column, len) in TIERS {
        conn.execute(
            &format!(
                "INSERT INTO {themes} (council, {column}, theme_key, hits, meetings, chars)
                 SELECT COALESCE(m.council, '') COLLATE BINARY,
                        COALESCE(substr(m.meeting_date, 1, {len}), ''),
                        mt.theme_key, sum(mt.hits), count(*), sum(mt.chars)
                 FROM meeting_themes mt JOIN meetings m ON m.id = mt.meeting_id
                 WHERE mt.theme_key IN (SELECT value FROM json_each(?1))
                 GROUP BY 1, 2, 3"
            ),
            [&keys_json],
        )?;
    }
    Ok((done.min(total), u32::try_from(hits).unwrap_or(u32::MAX)))
}

/// Match paragraphs on up to `threads` threads; one (found, characters) per paragraph, in order.
fn match_parallel(
    matcher: &ThemeMatcher,
    rows: &[(Id, Id, String, bool)],
    threads: usize,
) -> Vec<(Vec<Found>, u64)> {
    let one = |rows: &[(Id, Id, String, bool)]| -> Vec<(Vec<Found>, u64)> {
        rows.iter()
            .map(|(_, _, text, _)| {
                let matches = matcher.match_indexed(text);
                if matches.is_empty() {
                    (Vec::new(), 0)
                } else {
                    (summarise(&matches), text.chars().count() as u64)
                }
            })
            .collect()
    };
    if threads <= 1 || rows.len() < 256 {
        return one(rows);
    }
    let per = rows.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = rows
            .chunks(per)
            .map(|part| scope.spawn(move || one(part)))
            .collect();
        let mut out = Vec::with_capacity(rows.len());
        for (handle, part) in handles.into_iter().zip(rows.chunks(per)) {
            match handle.join() {
                Ok(found) => out.extend(found),
                // A matcher panic is a bug; match that part again here so it surfaces as one.
                Err(_) => out.extend(one(part)),
            }
        }
        out
    })
}

/// Bring derived data up to date when a library opens: seed the built-in codebook into a
/// library that has none (matching every stored paragraph), re-match themes whose fingerprint
/// a newer matcher changed, and classify figures the metric classifier has not seen. One
/// transaction; usually nothing to do.
pub(crate) fn prepare(conn: &mut Connection) -> Result<()> {
    // Look first, without a write lock: opening a library another process is importing into
    // must not wait for that import when there is nothing to bring up to date.
    if !needs_preparing(conn)? {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    match load(&tx)? {
        None => {
            save(&tx, &codebook::default_codebook()?, &mut |_| {})?;
        }
        Some((stored, _)) => {
            let prints: Vec<ThemeFingerprint> = stored_themes(&tx)?
                .into_iter()
                .map(|s| ThemeFingerprint {
                    theme_id: s.theme.id,
                    fingerprint: s.fingerprint,
                })
                .collect();
            if !codebook::diff(&prints, &stored).changed.is_empty() {
                save(&tx, &stored, &mut |_| {})?;
            }
        }
    }
    classify_figures(&tx)?;
    tx.commit()?;
    Ok(())
}

/// Whether [`prepare`] has anything to do: no codebook yet, a theme matched by another matcher
/// version, figures classified by other rules or not at all.
fn needs_preparing(conn: &Connection) -> Result<bool> {
    let Some((stored, _)) = load(conn)? else {
        return Ok(true);
    };
    let prints: Vec<ThemeFingerprint> = stored_themes(conn)?
        .into_iter()
        .map(|s| ThemeFingerprint {
            theme_id: s.theme.id,
            fingerprint: s.fingerprint,
        })
        .collect();
    if !codebook::diff(&prints, &stored).changed.is_empty() {
        return Ok(true);
    }
    let version: Option<String> = conn
        .query_row(
            "SELECT value FROM library_meta WHERE key = 'metrics_version'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    if version.as_deref() != Some(METRICS_VERSION.to_string().as_str()) {
        return Ok(true);
    }
    Ok(conn
        .query_row(
            "SELECT 1 FROM figures WHERE metric IS NULL LIMIT 1",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Classify every figure not yet classified by this build's classifier.
fn classify_figures(conn: &Connection) -> Result<()> {
    let version: Option<String> = conn
        .query_row(
            "SELECT value FROM library_meta WHERE key = 'metrics_version'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    let current = METRICS_VERSION.to_string();
    let sql = if version.as_deref() == Some(current.as_str()) {
        "SELECT id, what, sentence, text, unit FROM figures WHERE metric IS NULL"
    } else {
        "SELECT id, what, sentence, text, unit FROM figures"
    };
    let figures: Vec<(Id, Option<String>, String, String, String)> = {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let reclassified = !figures.is_empty();
    let mut update = conn.prepare("UPDATE figures SET metric = ?2 WHERE id = ?1")?;
    for (id, what, sentence, text, unit) in figures {
        let unit: FigureUnit = super::documents::from_name(&unit)?;
        let metric = classify(what.as_deref(), &sentence, &text, unit);
        update.execute(params![id, to_name(&metric)?])?;
    }
    if reclassified {
        // Key figures are picked by metric.
        super::outlines::order_figures(conn)?;
    }
    conn.execute(
        "INSERT INTO library_meta (key, value) VALUES ('metrics_version', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [current],
    )?;
    Ok(())
}

impl Library {
    /// The library's codebook: the themes it matches, in order.
    pub fn codebook(&self) -> Result<Codebook> {
        self.read(|conn| {
            load(conn)?.map(|(c, _)| c).ok_or_else(|| {
                Error::NotFound(
                    "the library has no codebook (it was not opened by Scrutineer)".into(),
                )
            })
        })
    }

    /// Make `codebook` the library's: validate it, then in one transaction drop the themes it
    /// no longer has, match added and changed themes against every paragraph (reporting
    /// progress), and keep the rest. Readers see the old counts until it commits, then the new
    /// ones; if anything fails, nothing changes.
    pub fn save_codebook(
        &self,
        codebook: &Codebook,
        progress: &mut dyn FnMut(ThemeProgress),
    ) -> Result<CodebookSaved> {
        codebook::validate(codebook)?;
        self.write(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let saved = save(&tx, codebook, progress)?;
            tx.commit()?;
            Ok(saved)
        })
    }

    /// Match every theme against every paragraph again and recompute every count from
    /// scratch, in one transaction. Never needed in normal use (counts are kept current
    /// incrementally); a repair, and the yardstick tests hold incremental upkeep to.
    pub fn rebuild_themes(&self, progress: &mut dyn FnMut(ThemeProgress)) -> Result<CodebookSaved> {
        self.write(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let saved = rebuild(&tx, progress)?;
            tx.commit()?;
            Ok(saved)
        })
    }
}
