//! The library's schema, as an append-only list of migrations.
//!
//! `rusqlite_migration` keeps the schema version in SQLite's `user_version` and applies the
//! missing migrations in one transaction, so a library is never left half-migrated. Migrations
//! are only ever appended: a released migration is never edited, because libraries made with it
//! already exist on users' laptops.
//!
//! Design notes:
//! - `meetings` shares its id with `documents` (one file, one meeting record) and keeps both the
//!   extracted values (with confidence, evidence, page and span) and the *effective* council,
//!   committee and date (a user's correction when there is one, else the extracted value). The
//!   effective columns are what lists, filters and analyses group by, so they are indexed.
//! - `corrections` hang off the meeting, not its extracted rows, so re-extraction keeps them.
//! - `paragraphs_fts` is an external-content FTS5 index over `paragraphs`. The store's insert and
//!   delete code keeps it in step (per document, in the same transaction); there are no row
//!   triggers, which keeps bulk imports fast.
//! - Spans are byte ranges into the document's full text; a CHECK refuses a span that ends
//!   before it starts, so a broken record never lands half-stored.
//! - Themes (V2) live in the library so that every stored count agrees with the codebook it
//!   was matched with. `theme_hits` holds one row per paragraph and theme (the first match's
//!   pattern and position, for explanations); `meeting_themes`, `council_month_themes` and
//!   `council_months` are pre-aggregated sums of it that dashboards read instead of scanning
//!   paragraphs. They are kept by the store in the same transaction as whatever changed them
//!   (see `store::themes`), never by triggers, so every writer shows its work in one place.
//! - Tracked actions (V3) are kept too: a whole-library action list would otherwise re-read
//!   every resolution and every later meeting's paragraphs. `actions` holds, per resolution that
//!   asks for something, what does not depend on the day it is read (kind, due date, the passage
//!   that followed it up) and its *reach*: the date up to which later meetings of its series can
//!   change it. A meeting stored, deleted, re-extracted or corrected re-tracks only the actions
//!   of its series whose reach it falls in (see `store::actions`). `meetings.series` is the
//!   folded council and committee (computed in Rust, which SQL cannot fold), filled by the store
//!   and backfilled on open.
//! - Meeting outlines (V4) are what the timeline shows of each meeting, kept so that a
//!   whole-library timeline reads one row per meeting instead of every item, resolution, theme
//!   count and figure: `meeting_outlines` holds the non-standing item titles and resolutions as
//!   JSON arrays, `key_figures` copies a meeting's first figures in the order the timeline picks
//!   key figures, and `meeting_themes.top_rank` ranks a meeting's strongest themes. The
//!   store refreshes them with whatever changes their inputs (see `store::outlines`); they are
//!   filled on open for libraries from before they were kept.
//! - Aggregate keys are the meeting's *effective* council and month (or year) spelled exactly
//!   as stored (`''` for an unknown council or an undated meeting), so adding and subtracting a
//!   meeting's contribution always lands on the same row. Years are kept beside months so a
//!   heatmap over a decade reads a twelfth of the rows.

use rusqlite_migration::{Migrations, M};

/// Every migration, oldest first. Append only.
static STEPS: [M<'static>; 4] = [
    M::up(V1_LIBRARY),
    M::up(V2_THEMES),
    M::up(V3_ACTIONS),
    M::up(V4_OUTLINES),
];

/// The migrations, for `to_latest` and for the test that validates them.
pub static MIGRATIONS: Migrations<'static> = Migrations::from_slice(&STEPS);

/// The schema version this build creates and understands: the number of migrations.
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

const V1_LIBRARY: &str = r#"
CREATE TABLE documents (
    id                 INTEGER PRIMARY KEY,
    sha256             TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    file_name          TEXT NOT NULL,
    path               TEXT NOT NULL,
    format             TEXT NOT NULL CHECK (format IN ('text', 'markdown', 'html', 'pdf')),
    extractor          TEXT NOT NULL,
    bytes              INTEGER NOT NULL CHECK (bytes >= 0),
    page_count         INTEGER NOT NULL CHECK (page_count >= 0),
    imported_at        TEXT NOT NULL,
    title              TEXT,
    ingest_diagnostics TEXT NOT NULL DEFAULT '[]',
    removed_lines      TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE TABLE pages (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL CHECK (number >= 1),
    text        TEXT NOT NULL,
    PRIMARY KEY (document_id, number)
) STRICT, WITHOUT ROWID;

CREATE TABLE meetings (
    id                    INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    kind                  TEXT NOT NULL,
    title                 TEXT,

    council_name          TEXT,
    council_confidence    REAL NOT NULL,
    council_evidence      TEXT,
    council_page          INTEGER,
    council_span_start    INTEGER,
    council_span_end      INTEGER,

    committee_name        TEXT,
    committee_confidence  REAL NOT NULL,
    committee_evidence    TEXT,
    committee_page        INTEGER,
    committee_span_start  INTEGER,
    committee_span_end    INTEGER,

    date_value            TEXT,
    date_confidence       REAL NOT NULL,
    date_evidence         TEXT,
    date_page             INTEGER,
    date_span_start       INTEGER,
    date_span_end         INTEGER,
    has_date_window       INTEGER NOT NULL DEFAULT 0,
    date_window_from      TEXT,
    date_window_to        TEXT,

    start_time            TEXT,
    end_time              TEXT,
    venue                 TEXT,
    confidence            REAL NOT NULL,
    diagnostics           TEXT NOT NULL DEFAULT '[]',

    -- Effective values: the user's correction when there is one, else what was extracted.
    council               TEXT COLLATE NOCASE,
    committee             TEXT COLLATE NOCASE,
    meeting_date          TEXT,

    text_chars            INTEGER NOT NULL DEFAULT 0,
    item_count            INTEGER NOT NULL DEFAULT 0,
    resolution_count      INTEGER NOT NULL DEFAULT 0,
    figure_count          INTEGER NOT NULL DEFAULT 0,
    paragraph_count       INTEGER NOT NULL DEFAULT 0,
    CHECK (council_span_end >= council_span_start),
    CHECK (committee_span_end >= committee_span_start),
    CHECK (date_span_end >= date_span_start)
) STRICT;

CREATE INDEX meetings_by_council ON meetings (council, meeting_date);
CREATE INDEX meetings_by_committee ON meetings (committee, meeting_date);
CREATE INDEX meetings_by_date ON meetings (meeting_date);

CREATE TABLE corrections (
    meeting_id   INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    field        TEXT NOT NULL CHECK (field IN ('council', 'committee', 'meeting_date')),
    value        TEXT NOT NULL,
    corrected_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, field)
) STRICT, WITHOUT ROWID;

CREATE TABLE attendees (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    list       TEXT NOT NULL CHECK (list IN ('present', 'apologies', 'in_attendance')),
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT,
    chair      INTEGER NOT NULL DEFAULT 0,
    vice_chair INTEGER NOT NULL DEFAULT 0,
    UNIQUE (meeting_id, list, position)
) STRICT;

CREATE TABLE items (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    number     TEXT,
    title      TEXT NOT NULL,
    page       INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL CHECK (span_end >= span_start),
    standing   TEXT,
    UNIQUE (meeting_id, position)
) STRICT;

CREATE TABLE paragraphs (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    item_id    INTEGER REFERENCES items(id) ON DELETE SET NULL,
    page       INTEGER NOT NULL,
    text       TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL CHECK (span_end >= span_start),
    UNIQUE (meeting_id, position)
) STRICT;
CREATE INDEX paragraphs_by_item ON paragraphs (item_id);

CREATE TABLE resolutions (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    item_id    INTEGER REFERENCES items(id) ON DELETE SET NULL,
    item_label TEXT,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    page       INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL CHECK (span_end >= span_start),
    UNIQUE (meeting_id, position)
) STRICT;
CREATE INDEX resolutions_by_item ON resolutions (item_id);

CREATE TABLE figures (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    item_id      INTEGER REFERENCES items(id) ON DELETE SET NULL,
    paragraph_id INTEGER REFERENCES paragraphs(id) ON DELETE SET NULL,
    text         TEXT NOT NULL,
    value        REAL NOT NULL,
    value_max    REAL,
    unit         TEXT NOT NULL,
    what         TEXT,
    approximate  INTEGER NOT NULL DEFAULT 0,
    sentence     TEXT NOT NULL,
    page         INTEGER NOT NULL,
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL CHECK (span_end >= span_start),
    UNIQUE (meeting_id, position)
) STRICT;
CREATE INDEX figures_by_item ON figures (item_id);
CREATE INDEX figures_by_paragraph ON figures (paragraph_id);

CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
    text,
    content = 'paragraphs',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
"#;

const V2_THEMES: &str = r#"
-- The library's codebook: one row. `generation` changes with every save, so a compiled
-- matcher cached by any process sharing the file can tell that it is stale.
CREATE TABLE codebook (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL,
    generation INTEGER NOT NULL,
    saved_at   TEXT NOT NULL
) STRICT;

-- One row per theme. `fingerprint` is the fingerprint the theme's stored hits were matched
-- with (see analysis::codebook::fingerprint): a theme is re-matched exactly when it changes.
CREATE TABLE themes (
    key         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    position    INTEGER NOT NULL,
    label       TEXT NOT NULL,
    description TEXT NOT NULL,
    grp         TEXT NOT NULL,
    include     TEXT NOT NULL,
    exclude     TEXT NOT NULL,
    fingerprint TEXT NOT NULL
) STRICT;

-- Which themes a paragraph matched and why: the number of matches, and the first match's
-- pattern (as written) and byte range in the paragraph. `counted` is 0 for a paragraph of a
-- standing item (matched for explanations, never counted); `chars` is the paragraph's length
-- in characters, so sums never re-read paragraph text.
CREATE TABLE theme_hits (
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    theme_key    INTEGER NOT NULL REFERENCES themes(key) ON DELETE CASCADE,
    meeting_id   INTEGER NOT NULL,
    counted      INTEGER NOT NULL CHECK (counted IN (0, 1)),
    chars        INTEGER NOT NULL CHECK (chars >= 0),
    matches      INTEGER NOT NULL CHECK (matches >= 1),
    pattern      TEXT NOT NULL,
    match_start  INTEGER NOT NULL,
    match_end    INTEGER NOT NULL CHECK (match_end >= match_start),
    PRIMARY KEY (paragraph_id, theme_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX theme_hits_by_theme ON theme_hits (theme_key, meeting_id);
-- Covers the evidence search (a meeting's counted hits, most matches first).
CREATE INDEX theme_hits_by_meeting ON theme_hits (meeting_id, counted, matches);

-- Per meeting and theme: counted paragraphs matched and their characters.
CREATE TABLE meeting_themes (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    theme_key  INTEGER NOT NULL REFERENCES themes(key) ON DELETE CASCADE,
    hits       INTEGER NOT NULL CHECK (hits > 0),
    chars      INTEGER NOT NULL CHECK (chars >= 0),
    PRIMARY KEY (meeting_id, theme_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX meeting_themes_by_theme ON meeting_themes (theme_key);

-- Per council, month and theme: paragraphs matched, meetings with the theme, characters.
CREATE TABLE council_month_themes (
    council   TEXT NOT NULL,
    month     TEXT NOT NULL,
    theme_key INTEGER NOT NULL REFERENCES themes(key) ON DELETE CASCADE,
    hits      INTEGER NOT NULL CHECK (hits > 0),
    meetings  INTEGER NOT NULL CHECK (meetings > 0),
    chars     INTEGER NOT NULL CHECK (chars >= 0),
    PRIMARY KEY (council, month, theme_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX council_month_themes_by_theme ON council_month_themes (theme_key, month);

-- Per council and month: the denominators (meetings, counted characters and paragraphs).
CREATE TABLE council_months (
    council    TEXT NOT NULL,
    month      TEXT NOT NULL,
    meetings   INTEGER NOT NULL CHECK (meetings > 0),
    chars      INTEGER NOT NULL CHECK (chars >= 0),
    paragraphs INTEGER NOT NULL CHECK (paragraphs >= 0),
    PRIMARY KEY (council, month)
) STRICT, WITHOUT ROWID;

-- The same two aggregates per year ('YYYY', '' when undated): a twelfth of the rows, for
-- heatmaps over many years and yearly trends.
CREATE TABLE council_year_themes (
    council   TEXT NOT NULL,
    year      TEXT NOT NULL,
    theme_key INTEGER NOT NULL REFERENCES themes(key) ON DELETE CASCADE,
    hits      INTEGER NOT NULL CHECK (hits > 0),
    meetings  INTEGER NOT NULL CHECK (meetings > 0),
    chars     INTEGER NOT NULL CHECK (chars >= 0),
    PRIMARY KEY (council, year, theme_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX council_year_themes_by_theme ON council_year_themes (theme_key, year);

CREATE TABLE council_years (
    council    TEXT NOT NULL,
    year       TEXT NOT NULL,
    meetings   INTEGER NOT NULL CHECK (meetings > 0),
    chars      INTEGER NOT NULL CHECK (chars >= 0),
    paragraphs INTEGER NOT NULL CHECK (paragraphs >= 0),
    PRIMARY KEY (council, year)
) STRICT, WITHOUT ROWID;

-- A meeting's counted (non-standing) paragraphs: the denominators of its theme shares.
ALTER TABLE meetings ADD COLUMN body_chars INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN body_paragraphs INTEGER NOT NULL DEFAULT 0;
UPDATE meetings SET
    body_chars = (SELECT COALESCE(sum(length(p.text)), 0) FROM paragraphs p
                  LEFT JOIN items i ON i.id = p.item_id
                  WHERE p.meeting_id = meetings.id AND i.standing IS NULL),
    body_paragraphs = (SELECT count(*) FROM paragraphs p
                       LEFT JOIN items i ON i.id = p.item_id
                       WHERE p.meeting_id = meetings.id AND i.standing IS NULL);
INSERT INTO council_months (council, month, meetings, chars, paragraphs)
    SELECT COALESCE(council, '') COLLATE BINARY, COALESCE(substr(meeting_date, 1, 7), ''),
           count(*), sum(body_chars), sum(body_paragraphs)
    FROM meetings
    GROUP BY COALESCE(council, '') COLLATE BINARY, COALESCE(substr(meeting_date, 1, 7), '');
INSERT INTO council_years (council, year, meetings, chars, paragraphs)
    SELECT council, substr(month, 1, 4), sum(meetings), sum(chars), sum(paragraphs)
    FROM council_months GROUP BY council, substr(month, 1, 4);

-- The metric a figure measures (analysis::metrics::classify), stored so that figure lists
-- filter by metric without classifying every figure. NULL until classified.
ALTER TABLE figures ADD COLUMN metric TEXT;
CREATE INDEX figures_by_metric ON figures (metric);

-- The paragraph holding each resolution (found by span when stored), for citations.
ALTER TABLE resolutions ADD COLUMN paragraph_id INTEGER
    REFERENCES paragraphs(id) ON DELETE SET NULL;
UPDATE resolutions SET paragraph_id = (
    SELECT p.id FROM paragraphs p
    WHERE p.meeting_id = resolutions.meeting_id
      AND p.span_start <= resolutions.span_start AND p.span_end >= resolutions.span_end
    ORDER BY p.position LIMIT 1);
CREATE INDEX resolutions_by_paragraph ON resolutions (paragraph_id);

-- Versions of derived data (the metric classifier), so a newer build can recompute it.
CREATE TABLE library_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
"#;

const V3_ACTIONS: &str = r#"
-- The series a meeting's follow-ups are looked for in: its council and committee, folded
-- (analysis::actions::series_key). NULL until the store fills it (on write, or on open).
ALTER TABLE meetings ADD COLUMN series TEXT;
CREATE INDEX meetings_by_series ON meetings (series, meeting_date);

-- One row per resolution that asks for something later (analysis::actions::track). `reach` is
-- the last date of a later meeting of the series that can change the row ('9999-12-31': any
-- later meeting can; NULL: none can, the meeting is undated). `held` and `series` are the
-- asking meeting's, copied so the rows a change touches are found from one index.
CREATE TABLE actions (
    resolution_id     INTEGER PRIMARY KEY REFERENCES resolutions(id) ON DELETE CASCADE,
    meeting_id        INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    series            TEXT,
    held              TEXT,
    reach             TEXT,
    kind              TEXT NOT NULL,
    due               TEXT,
    due_meeting_held  INTEGER NOT NULL CHECK (due_meeting_held IN (0, 1)),
    follow_meeting    INTEGER,
    follow_paragraph  INTEGER,
    follow_resolution INTEGER
) STRICT;
CREATE INDEX actions_by_meeting ON actions (meeting_id);
CREATE INDEX actions_by_reach ON actions (series, reach);
"#;

const V4_OUTLINES: &str = r#"
-- What the timeline shows of a meeting: its non-standing item titles and resolutions in
-- document order, as JSON arrays of strings (store::outlines).
CREATE TABLE meeting_outlines (
    meeting_id  INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    item_titles TEXT NOT NULL,
    resolutions TEXT NOT NULL
) STRICT;

-- A meeting's first key figures (specific metrics first, then document order), copied with
-- their item's number and title so a whole-library timeline reads them in meeting order
-- instead of looking each up in `figures`.
CREATE TABLE key_figures (
    meeting_id   INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    key_order    INTEGER NOT NULL CHECK (key_order >= 0),
    figure_id    INTEGER NOT NULL,
    paragraph_id INTEGER,
    page         INTEGER NOT NULL,
    item_number  TEXT,
    item_title   TEXT,
    text         TEXT NOT NULL,
    value        REAL NOT NULL,
    value_max    REAL,
    unit         TEXT NOT NULL,
    what         TEXT,
    sentence     TEXT NOT NULL,
    metric       TEXT,
    PRIMARY KEY (meeting_id, key_order)
) STRICT, WITHOUT ROWID;

-- A theme's place among its meeting's strongest themes (share of the meeting's text, then
-- hits, then theme id), for the first few of each meeting; NULL for the rest.
ALTER TABLE meeting_themes ADD COLUMN top_rank INTEGER;
CREATE INDEX meeting_themes_by_rank ON meeting_themes (meeting_id, top_rank, theme_key, hits, chars)
    WHERE top_rank IS NOT NULL;
"#;
