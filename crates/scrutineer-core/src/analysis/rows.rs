//! The rows analysis reads: plain structs the store fills from one SQL query each.
//!
//! Analysis never sees the database. Each function says which rows it needs; the store loads
//! them (with corrections already applied to council, committee and date) and passes slices.
//! Rows carry what citations need (council, committee, date, item, page), so every number an
//! analysis returns can name the passage it came from.
//!
//! Theme statistics are pre-aggregated: the store matches each paragraph once, when it is
//! imported or when a theme's patterns change, and keeps one [`MeetingThemeCount`] per meeting
//! and theme. Trends, heatmaps and comparisons then add up small rows instead of re-reading
//! text. [`tally`] computes those rows from matches, so the store and the tests count the same
//! way.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::model::{
    AnalysisScope, DateWindow, DocKind, EvidenceRef, FigureUnit, Id, Metric, Period, ThemeMatch,
};
use crate::normalize::fold;

/// The council name used for meetings whose council is not known.
pub const UNKNOWN_COUNCIL: &str = "Unknown council";

/// One meeting (one document), with corrections applied.
///
/// SQL: one row per meeting from the meetings view.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRow {
    pub id: Id,
    pub council: Option<String>,
    pub committee: Option<String>,
    pub date: Option<NaiveDate>,
    pub date_window: Option<DateWindow>,
    pub kind: DocKind,
    pub title: Option<String>,
    /// Characters of the meeting's non-standing paragraphs: the denominator of theme shares.
    /// (`SUM(length(text))` over paragraphs whose item is not standing.)
    pub text_chars: u64,
    /// Non-standing paragraphs: the denominator of hit rates.
    pub paragraphs: u32,
    /// Members present; `None` when the minutes have no attendance list.
    pub present: Option<u32>,
    /// Apologies for absence; `None` when the minutes have no attendance list.
    pub apologies: Option<u32>,
}

impl Default for MeetingRow {
    fn default() -> MeetingRow {
        MeetingRow {
            id: 0,
            council: None,
            committee: None,
            date: None,
            date_window: None,
            kind: DocKind::Minutes,
            title: None,
            text_chars: 0,
            paragraphs: 0,
            present: None,
            apologies: None,
        }
    }
}

impl MeetingRow {
    /// The council's name, or [`UNKNOWN_COUNCIL`].
    pub fn council_name(&self) -> &str {
        self.council.as_deref().unwrap_or(UNKNOWN_COUNCIL)
    }
}

/// One paragraph with what a citation needs.
///
/// SQL: paragraphs joined to their item (number, title, standing flag).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParagraphRow {
    pub id: Id,
    pub meeting_id: Id,
    pub page: u32,
    pub item_number: Option<String>,
    pub item_title: Option<String>,
    /// The paragraph belongs to a standing item (apologies, declarations, previous minutes…):
    /// it is matched (so the meeting view can show it) but never counted.
    pub standing: bool,
    pub text: String,
}

/// A theme's strength in one meeting: the pre-aggregated row behind trends, heatmaps,
/// comparisons and the timeline. Standing paragraphs are never counted.
///
/// SQL: `GROUP BY meeting_id, theme_id` over paragraph-theme matches of non-standing
/// paragraphs, with `COUNT(DISTINCT paragraph_id)` and the sum of those paragraphs' lengths.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MeetingThemeCount {
    pub meeting_id: Id,
    pub theme_id: String,
    /// Paragraphs matched.
    pub hits: u32,
    /// Characters of the paragraphs matched.
    pub chars: u64,
}

/// A passage that shows a theme, for the evidence lists of comparisons and reports.
///
/// SQL: a few matched paragraphs per council and theme (e.g. `ROW_NUMBER() OVER (PARTITION BY
/// council, theme_id ORDER BY date)` ≤ 3), as citations.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeEvidence {
    pub theme_id: String,
    pub evidence: EvidenceRef,
}

/// One agenda item.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ItemRow {
    pub meeting_id: Id,
    pub number: Option<String>,
    pub title: String,
    pub page: u32,
    pub standing: bool,
}

/// One resolution with its item.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResolutionRow {
    pub id: Id,
    pub meeting_id: Id,
    /// The paragraph holding the resolution (the store finds it by span), for citations.
    /// `None` when no paragraph holds it; citations then carry paragraph id 0.
    pub paragraph_id: Option<Id>,
    pub page: u32,
    pub item_number: Option<String>,
    pub item_title: Option<String>,
    /// The item is standing business (previous minutes, declarations): never an action.
    pub standing: bool,
    pub text: String,
}

/// One figure with its item and paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRow {
    pub meeting_id: Id,
    /// The paragraph the figure stands in; `None` cites paragraph id 0.
    pub paragraph_id: Option<Id>,
    pub page: u32,
    pub item_number: Option<String>,
    pub item_title: Option<String>,
    pub text: String,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: FigureUnit,
    pub what: Option<String>,
    pub sentence: String,
    /// The metric as the library classified it when the figure was stored; `None` to classify
    /// it now.
    pub metric: Option<Metric>,
}

/// A council's denominators over one period: meetings and characters of counted
/// (non-standing) text. The period is a label (`2017`, `2017-Q2`, `2017-04`) or `""` for
/// the whole scope.
///
/// SQL: sums over the `council_months` aggregate (or over meetings, for a committee scope).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeriodTotal {
    pub council: String,
    pub period: String,
    pub meetings: u32,
    pub chars: u64,
}

/// A theme in one council over one period: paragraphs matched, meetings with the theme, and
/// characters of the paragraphs matched.
///
/// SQL: sums over the `council_month_themes` aggregate (or over per-meeting counts).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeriodThemeSum {
    pub council: String,
    pub period: String,
    pub theme_id: String,
    pub hits: u32,
    pub meetings: u32,
    pub chars: u64,
}

/// Sum per-meeting rows into per council × period cells: what the store's aggregates hold,
/// computed from meetings. With `period: None` every meeting in scope falls in one period
/// `""` (undated ones included); with a period, undated meetings are left out (they cannot be
/// placed). Themes outside `scope.themes` are skipped. Rows come out sorted by key.
pub fn period_rows(
    meetings: &[MeetingRow],
    counts: &[MeetingThemeCount],
    period: Option<Period>,
    scope: &AnalysisScope,
) -> (Vec<PeriodTotal>, Vec<PeriodThemeSum>) {
    let mut cell_of: HashMap<Id, (String, String)> = HashMap::new();
    let mut totals: BTreeMap<(String, String), PeriodTotal> = BTreeMap::new();
    for m in meetings.iter().filter(|m| in_scope(scope, m)) {
        let label = match (period, m.date) {
            (None, _) => String::new(),
            (Some(p), Some(date)) => super::trends::period_key(date, p),
            (Some(_), None) => continue,
        };
        let key = (m.council_name().to_string(), label);
        let t = totals.entry(key.clone()).or_insert_with(|| PeriodTotal {
            council: key.0.clone(),
            period: key.1.clone(),
            ..PeriodTotal::default()
        });
        t.meetings += 1;
        t.chars += m.text_chars;
        cell_of.insert(m.id, key);
    }
    let mut sums: BTreeMap<(String, String, String), PeriodThemeSum> = BTreeMap::new();
    for c in counts
        .iter()
        .filter(|c| c.hits > 0 && theme_in_scope(scope, &c.theme_id))
    {
        let Some((council, label)) = cell_of.get(&c.meeting_id) else {
            continue;
        };
        let s = sums
            .entry((council.clone(), label.clone(), c.theme_id.clone()))
            .or_insert_with(|| PeriodThemeSum {
                council: council.clone(),
                period: label.clone(),
                theme_id: c.theme_id.clone(),
                ..PeriodThemeSum::default()
            });
        s.hits += c.hits;
        s.meetings += 1;
        s.chars += c.chars;
    }
    (totals.into_values().collect(), sums.into_values().collect())
}

/// Add two sets of period cells together (the store's aggregates over whole months and the
/// per-meeting rows of part-months at a scope's edges). Rows come out sorted by key.
pub fn merge_periods(
    a: (Vec<PeriodTotal>, Vec<PeriodThemeSum>),
    b: (Vec<PeriodTotal>, Vec<PeriodThemeSum>),
) -> (Vec<PeriodTotal>, Vec<PeriodThemeSum>) {
    let mut totals: BTreeMap<(String, String), PeriodTotal> = BTreeMap::new();
    for t in a.0.into_iter().chain(b.0) {
        let e = totals
            .entry((t.council.clone(), t.period.clone()))
            .or_insert_with(|| PeriodTotal {
                council: t.council.clone(),
                period: t.period.clone(),
                ..PeriodTotal::default()
            });
        e.meetings += t.meetings;
        e.chars += t.chars;
    }
    let mut sums: BTreeMap<(String, String, String), PeriodThemeSum> = BTreeMap::new();
    for s in a.1.into_iter().chain(b.1) {
        let e = sums
            .entry((s.council.clone(), s.period.clone(), s.theme_id.clone()))
            .or_insert_with(|| PeriodThemeSum {
                council: s.council.clone(),
                period: s.period.clone(),
                theme_id: s.theme_id.clone(),
                ..PeriodThemeSum::default()
            });
        e.hits += s.hits;
        e.meetings += s.meetings;
        e.chars += s.chars;
    }
    (totals.into_values().collect(), sums.into_values().collect())
}

/// The meetings by id, for joining rows to their meeting.
pub(crate) fn by_id(meetings: &[MeetingRow]) -> HashMap<Id, &MeetingRow> {
    meetings.iter().map(|m| (m.id, m)).collect()
}

/// A citation of `text` in meeting `m`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn cite(
    m: Option<&MeetingRow>,
    meeting_id: Id,
    paragraph_id: Id,
    page: u32,
    item_number: &Option<String>,
    item_title: &Option<String>,
    text: &str,
) -> EvidenceRef {
    EvidenceRef {
        paragraph_id,
        meeting_id,
        council: m.and_then(|m| m.council.clone()),
        committee: m.and_then(|m| m.committee.clone()),
        date: m.and_then(|m| m.date),
        page,
        item_number: item_number.clone(),
        item_title: item_title.clone(),
        text: text.to_string(),
    }
}

/// A citation of a paragraph.
pub fn paragraph_evidence(m: Option<&MeetingRow>, p: &ParagraphRow) -> EvidenceRef {
    cite(
        m,
        p.meeting_id,
        p.id,
        p.page,
        &p.item_number,
        &p.item_title,
        &p.text,
    )
}

/// Whether a meeting is in scope: its council among `scope.councils` (compared folded), its
/// committee `scope.committee`, its date within `from..=to`. An undated meeting is out of scope
/// whenever a date bound is set: it cannot be placed inside one.
pub fn in_scope(scope: &AnalysisScope, m: &MeetingRow) -> bool {
    if !scope.councils.is_empty() {
        let council = fold(m.council_name());
        if !scope.councils.iter().any(|c| fold(c) == council) {
            return false;
        }
    }
    if let Some(committee) = &scope.committee {
        match &m.committee {
            Some(c) if fold(c) == fold(committee) => {}
            _ => return false,
        }
    }
    if scope.from.is_some() || scope.to.is_some() {
        let Some(date) = m.date else {
            return false;
        };
        if scope.from.is_some_and(|from| date < from) || scope.to.is_some_and(|to| date > to) {
            return false;
        }
    }
    true
}

/// Whether a theme is in scope (`scope.themes` empty means every theme).
pub fn theme_in_scope(scope: &AnalysisScope, theme_id: &str) -> bool {
    scope.themes.is_empty() || scope.themes.iter().any(|t| t == theme_id)
}

/// Aggregate one meeting's paragraph matches into [`MeetingThemeCount`] rows: per theme, the
/// paragraphs matched and their characters. Standing paragraphs are skipped. `matches[i]` are
/// the matches of `paragraphs[i]`. Rows come out sorted by theme id.
pub fn tally(paragraphs: &[ParagraphRow], matches: &[Vec<ThemeMatch>]) -> Vec<MeetingThemeCount> {
    let mut out: BTreeMap<(Id, &str), MeetingThemeCount> = BTreeMap::new();
    for (p, found) in paragraphs.iter().zip(matches) {
        if p.standing {
            continue;
        }
        let mut seen: Vec<&str> = Vec::new();
        for m in found {
            if seen.contains(&m.theme_id.as_str()) {
                continue;
            }
            seen.push(&m.theme_id);
            let row = out
                .entry((p.meeting_id, m.theme_id.as_str()))
                .or_insert_with(|| MeetingThemeCount {
                    meeting_id: p.meeting_id,
                    theme_id: m.theme_id.clone(),
                    hits: 0,
                    chars: 0,
                });
            row.hits += 1;
            row.chars += p.text.chars().count() as u64;
        }
    }
    out.into_values().collect()
}

/// The denominators of one meeting's shares: characters and count of its non-standing
/// paragraphs. The store keeps them in [`MeetingRow::text_chars`] and
/// [`MeetingRow::paragraphs`].
pub fn body_size(paragraphs: &[ParagraphRow]) -> (u64, u32) {
    paragraphs
        .iter()
        .filter(|p| !p.standing)
        .fold((0, 0), |(c, n), p| {
            (c + p.text.chars().count() as u64, n + 1)
        })
}
