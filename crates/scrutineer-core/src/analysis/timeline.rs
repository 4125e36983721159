//! The timeline: each council's meetings, per committee, in date order, with what each meeting
//! was about (items, resolutions, strongest themes, key figures).
//!
//! A meeting is placed on the timeline only at its own stated date. Undated meetings (and
//! meetings with no known council) are listed apart in `undated`, never at a guessed date: a
//! timeline that quietly invents dates cannot be cited.
//!
//! Input: [`MeetingRow`]s, [`ItemRow`]s, [`ResolutionRow`]s, [`MeetingThemeCount`]s and
//! [`FigureRow`]s of the meetings to show, and the codebook for theme labels.

use std::collections::{BTreeMap, HashMap};

use super::metrics::{is_specific, metric_figure, rank};
use super::rows::{
    in_scope, theme_in_scope, FigureRow, ItemRow, MeetingRow, MeetingThemeCount, ResolutionRow,
};
use crate::model::{
    AnalysisScope, Codebook, Id, ThemeCount, Timeline, TimelineLane, TimelineMeeting,
};

/// How much to show per meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineConfig {
    /// Themes shown per meeting, strongest (by share of the meeting's text) first.
    pub top_themes: usize,
    /// Figures shown per meeting, specific metrics (caseloads, costs) first.
    pub key_figures: usize,
}

impl Default for TimelineConfig {
    fn default() -> TimelineConfig {
        TimelineConfig {
            top_themes: 3,
            key_figures: 3,
        }
    }
}

/// All rows a timeline is built from.
#[derive(Debug, Clone, Copy)]
pub struct TimelineInput<'a> {
    pub meetings: &'a [MeetingRow],
    pub items: &'a [ItemRow],
    pub resolutions: &'a [ResolutionRow],
    pub counts: &'a [MeetingThemeCount],
    pub figures: &'a [FigureRow],
    pub codebook: &'a Codebook,
}

/// What the timeline shows of a meeting besides its own row: its non-standing item titles and
/// resolutions, in document order. The library keeps these per meeting (`store::outlines`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingOutline {
    pub item_titles: Vec<String>,
    pub resolutions: Vec<String>,
}

/// The outlines of the meetings `items` and `resolutions` belong to.
pub fn outlines(items: &[ItemRow], resolutions: &[ResolutionRow]) -> HashMap<Id, MeetingOutline> {
    let mut out: HashMap<Id, MeetingOutline> = HashMap::new();
    for i in items.iter().filter(|i| !i.standing) {
        out.entry(i.meeting_id)
            .or_default()
            .item_titles
            .push(i.title.clone());
    }
    for r in resolutions.iter().filter(|r| !r.standing) {
        out.entry(r.meeting_id)
            .or_default()
            .resolutions
            .push(r.text.clone());
    }
    out
}

/// The rows a timeline is built from when meetings' outlines are already made. `counts` and
/// `figures` may be only each meeting's strongest themes and key figures (at least as many as
/// the config shows, in their stored order): the rest would be cut anyway.
#[derive(Debug, Clone)]
pub struct OutlinedInput<'a> {
    pub meetings: &'a [MeetingRow],
    pub outlines: HashMap<Id, MeetingOutline>,
    pub counts: &'a [MeetingThemeCount],
    pub figures: &'a [FigureRow],
    pub codebook: &'a Codebook,
}

/// Build the timeline of the meetings in scope.
pub fn timeline(
    input: TimelineInput<'_>,
    scope: &AnalysisScope,
    config: TimelineConfig,
) -> Timeline {
    timeline_outlined(
        OutlinedInput {
            meetings: input.meetings,
            outlines: outlines(input.items, input.resolutions),
            counts: input.counts,
            figures: input.figures,
            codebook: input.codebook,
        },
        scope,
        config,
    )
}

/// [`timeline`] from meetings' outlines.
pub fn timeline_outlined(
    input: OutlinedInput<'_>,
    scope: &AnalysisScope,
    config: TimelineConfig,
) -> Timeline {
    let labels: HashMap<&str, &str> = input
        .codebook
        .themes
        .iter()
        .map(|t| (t.id.as_str(), t.label.as_str()))
        .collect();
    let mut outlines = input.outlines;
    let mut counts: HashMap<Id, Vec<&MeetingThemeCount>> = HashMap::new();
    for c in input
        .counts
        .iter()
        .filter(|c| c.hits > 0 && theme_in_scope(scope, &c.theme_id))
    {
        counts.entry(c.meeting_id).or_default().push(c);
    }
    let mut figures: HashMap<Id, Vec<&FigureRow>> = HashMap::new();
    for f in input.figures {
        figures.entry(f.meeting_id).or_default().push(f);
    }

    let mut lanes: BTreeMap<(String, Option<String>), Vec<TimelineMeeting>> = BTreeMap::new();
    let mut undated = Vec::new();
    for m in input.meetings.iter().filter(|m| in_scope(scope, m)) {
        let mut top_themes: Vec<ThemeCount> = counts
            .get(&m.id)
            .map(|cs| {
                cs.iter()
                    .map(|c| ThemeCount {
                        theme_id: c.theme_id.clone(),
                        label: labels
                            .get(c.theme_id.as_str())
                            .map_or_else(|| c.theme_id.clone(), |l| l.to_string()),
                        hits: c.hits,
                        share: if m.text_chars == 0 {
                            0.0
                        } else {
                            (c.chars as f64 / m.text_chars as f64).min(1.0)
                        },
                    })
                    .collect()
            })
            .unwrap_or_default();
        top_themes.sort_by(|a, b| {
            b.share
                .total_cmp(&a.share)
                .then(b.hits.cmp(&a.hits))
                .then(a.theme_id.cmp(&b.theme_id))
        });
        top_themes.truncate(config.top_themes);

        let mut key_figures: Vec<_> = figures
            .get(&m.id)
            .map(|fs| fs.iter().map(|f| metric_figure(f, Some(m))).collect())
            .unwrap_or_default();
        // Specific metrics first, then in document order (stable sort keeps it).
        key_figures
            .sort_by_key(|f: &crate::model::MetricFigure| (!is_specific(f.metric), rank(f.metric)));
        key_figures.truncate(config.key_figures);

        let outline = outlines.remove(&m.id).unwrap_or_default();
        let meeting = TimelineMeeting {
            meeting_id: m.id,
            council: m.council.clone(),
            committee: m.committee.clone(),
            date: m.date,
            date_window: m.date_window.clone(),
            kind: m.kind,
            title: m.title.clone(),
            item_titles: outline.item_titles,
            resolutions: outline.resolutions,
            top_themes,
            key_figures,
            text_chars: u32::try_from(m.text_chars).unwrap_or(u32::MAX),
        };
        match (&m.council, m.date) {
            (Some(council), Some(_)) => lanes
                .entry((council.clone(), m.committee.clone()))
                .or_default()
                .push(meeting),
            _ => undated.push(meeting),
        }
    }
    let lanes = lanes
        .into_iter()
        .map(|((council, committee), mut meetings)| {
            meetings.sort_by(|a, b| a.date.cmp(&b.date).then(a.meeting_id.cmp(&b.meeting_id)));
            TimelineLane {
                council,
                committee,
                meetings,
            }
        })
        .collect();
    undated.sort_by(|a: &TimelineMeeting, b: &TimelineMeeting| {
        a.council
            .cmp(&b.council)
            .then(a.committee.cmp(&b.committee))
            .then(a.date.cmp(&b.date))
            .then(a.meeting_id.cmp(&b.meeting_id))
    });
    Timeline { lanes, undated }
}
