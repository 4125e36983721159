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

use crate::model::{AnalysisScope, DateWindow, DocKind, EvidenceRef, FigureUnit, Id, ThemeMatch};
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
