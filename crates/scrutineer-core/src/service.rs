//! The core's entry points for hosts: one call per view, the same for the desktop app's
//! commands and the CLI.
//!
//! Each call loads the rows its analysis needs from one read snapshot of the library (SQL in
//! [`crate::store`]) and hands them to a pure function of [`crate::analysis`]. That split keeps
//! analyses testable without a database and keeps every query where the schema is. Theme
//! statistics never scan paragraphs: heatmaps and trends read the council × month aggregates
//! (the part-months at a scope's date bounds are summed from per-meeting counts), passages come
//! from the stored theme hits, and free-text lookups (KWIC terms, pattern previews) let the
//! full-text index find candidates before the pattern is checked.
//!
//! Time is passed in (`today` for actions, `generated` for reports): the core never reads the
//! clock on a host's behalf.

use std::collections::HashSet;
use std::path::Path;

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::types::Value;

use crate::analysis::codebook::{self, CodebookEdit, CodebookSaved, ThemeProgress};
use crate::analysis::export::{self, ReportInfo};
use crate::analysis::rows::{
    merge_periods, paragraph_evidence, period_rows, MeetingRow, ParagraphRow, PeriodThemeSum,
    PeriodTotal,
};
use crate::analysis::{
    actions::{self, action_kind, FollowUpSource},
    compare, emergent, kwic as kwic_mod, metrics, timeline, trends, ActionConfig, ActionInput,
    CompareConfig, CompareInput, EmergentConfig, KwicQuery, OutlinedInput, ThemeMatcher,
    TimelineConfig, TimelineInput,
};
use crate::error::{Error, Result};
use crate::model::{
    Action, ActionStatus, AnalysisRequest, AnalysisScope, Codebook, Comparison, EmergentTheme,
    EvidenceRef, ExportFormat, Heatmap, Id, KwicLine, KwicTarget, Metric, MetricFigure,
    ParagraphThemes, PatternPreview, Period, ThemePassage, ThemePassageQuery, ThemeRef, Timeline,
    TrendPoint,
};
use crate::store::{Bounds, Filter, Library, Snapshot, Tier, OUTLINE_KEPT};

/// Passages a theme cell shows unless told, and the most it may ask for.
pub const DEFAULT_PASSAGES: u32 = 20;
pub const MAX_PASSAGES: u32 = 500;
/// Keyword-in-context lines unless told, and the most.
pub const DEFAULT_KWIC_LINES: u32 = 100;
pub const MAX_KWIC_LINES: u32 = 5_000;
/// Paragraphs a term lookup (KWIC, pattern preview) checks at most: the full-text index finds
/// candidates, the pattern is checked on each, and a very common word stops here.
pub const MAX_CANDIDATES: u32 = 20_000;
/// Paragraphs a live pattern preview checks at most (it runs as the user types).
pub const PREVIEW_CANDIDATES: u32 = 5_000;
/// Examples a pattern preview shows unless told.
pub const PREVIEW_EXAMPLES: u32 = 5;
/// Candidates read from the full-text index per round.
const CANDIDATE_PAGE: u32 = 1_000;

/// What an analysis produced: one variant per [`AnalysisRequest`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "analysis", content = "result", rename_all = "camelCase")]
pub enum AnalysisOutput {
    Timeline(Timeline),
    Heatmap(Heatmap),
    Trends(Vec<TrendPoint>),
    Compare(Comparison),
    Figures(Vec<MetricFigure>),
    Actions(Vec<Action>),
    Kwic(Vec<KwicLine>),
    Emergent(Vec<EmergentTheme>),
}

impl Library {
    /// Meetings over time per council and committee, with their items, resolutions,
    /// strongest themes and key figures; undated meetings apart.
    ///
    /// Reads each meeting's kept outline, strongest themes and key figures (`store::outlines`),
    /// not its every item, resolution, count and figure: equal to
    /// [`Library::timeline_recomputed`].
    pub fn timeline(&self, scope: &AnalysisScope) -> Result<Timeline> {
        let config = TimelineConfig::default();
        self.snapshot(|s| {
            let f = s.filter(scope)?;
            let meetings = s.meetings(&f, "", &[])?;
            let outlines = s.meeting_outlines(&f)?;
            // Ranks are kept over every theme: with themes in scope, those themes' counts.
            let counts = if scope.themes.is_empty() && config.top_themes <= OUTLINE_KEPT {
                s.top_theme_counts(&f, config.top_themes)?
            } else {
                s.meeting_theme_counts(&f, "", &[])?
            };
            let figures = if config.key_figures <= OUTLINE_KEPT {
                s.key_figures(&f, config.key_figures)?
            } else {
                s.figures(&f, None)?
            };
            let codebook = s.codebook()?;
            Ok(timeline::timeline_outlined(
                OutlinedInput {
                    meetings: &meetings,
                    outlines,
                    counts: &counts,
                    figures: &figures,
                    codebook: &codebook,
                },
                scope,
                config,
            ))
        })
    }

    /// [`Library::timeline`] computed from every item, resolution, theme count and figure in
    /// scope: the yardstick the kept outlines are tested against.
    pub fn timeline_recomputed(&self, scope: &AnalysisScope) -> Result<Timeline> {
        self.snapshot(|s| {
            let f = s.filter(scope)?;
            let meetings = s.meetings(&f, "", &[])?;
            let items = s.items(&f)?;
            let resolutions = s.resolutions(&f, "", &[])?;
            let counts = s.meeting_theme_counts(&f, "", &[])?;
            let figures = s.figures(&f, None)?;
            let codebook = s.codebook()?;
            Ok(timeline::timeline(
                TimelineInput {
                    meetings: &meetings,
                    items: &items,
                    resolutions: &resolutions,
                    counts: &counts,
                    figures: &figures,
                    codebook: &codebook,
                },
                scope,
                TimelineConfig::default(),
            ))
        })
    }

    /// Themes × councils over the scope, each cell with its share of the council's
    /// non-standing text, from the pre-aggregated counts.
    pub fn heatmap(&self, scope: &AnalysisScope) -> Result<Heatmap> {
        self.snapshot(|s| {
            let f = s.filter(scope)?;
            let (totals, sums) = cells(s, scope, &f, None)?;
            Ok(trends::heatmap_from(&totals, &sums, &s.codebook()?, scope))
        })
    }

    /// Each theme in each council per period (zeros included), from the pre-aggregated counts.
    pub fn trends(&self, scope: &AnalysisScope, period: Period) -> Result<Vec<TrendPoint>> {
        self.snapshot(|s| {
            let f = s.filter(scope)?;
            let (totals, sums) = cells(s, scope, &f, Some(period))?;
            Ok(trends::trends_from(&totals, &sums))
        })
    }

    /// The passages behind a theme's count in one council and period (a heatmap cell or a
    /// trend point), newest meeting first, each with the theme's matches marked.
    pub fn theme_passages(&self, q: &ThemePassageQuery) -> Result<Vec<ThemePassage>> {
        let limit = q.limit.unwrap_or(DEFAULT_PASSAGES).clamp(1, MAX_PASSAGES);
        let mut scope = q.scope.clone();
        if let Some(council) = &q.council {
            scope.councils = vec![council.clone()];
        }
        if let Some(label) = &q.period {
            let (from, to) = period_range(label)?;
            scope.from = Some(scope.from.map_or(from, |f| f.max(from)));
            scope.to = Some(scope.to.map_or(to, |t| t.min(to)));
        }
        self.snapshot(|s| {
            if !s.has_theme(&q.theme_id)? {
                return Err(no_theme(&q.theme_id));
            }
            let f = s.filter(&scope)?;
            let paragraphs = s.theme_paragraphs(&q.theme_id, &f, "", &[], limit)?;
            let index = s.theme_index(self)?;
            let matcher =
                ThemeMatcher::for_themes(&index.codebook, std::slice::from_ref(&q.theme_id))?;
            let meetings = s.meetings_by_id(&meeting_ids(&paragraphs))?;
            let by_id = crate::analysis::rows::by_id(&meetings);
            Ok(paragraphs
                .iter()
                .map(|p| ThemePassage {
                    evidence: paragraph_evidence(by_id.get(&p.meeting_id).copied(), p),
                    matches: matcher.match_text(&p.text),
                })
                .collect())
        })
    }

    /// [`Library::theme_passages`] as keyword-in-context lines: each passage once, its first
    /// match as the keyword (the passage in full is in the line's evidence).
    pub fn theme_passage_lines(&self, q: &ThemePassageQuery) -> Result<Vec<KwicLine>> {
        Ok(self
            .theme_passages(q)?
            .into_iter()
            .filter_map(|p| {
                let m = p.matches.first()?;
                let (left, keyword, right) =
                    kwic_mod::context(&p.evidence.text, m.start, m.end, kwic_mod::CONTEXT_CHARS);
                Some(KwicLine {
                    left,
                    keyword,
                    right,
                    evidence: p.evidence,
                })
            })
            .collect())
    }

    /// Councils side by side: profiles, distinctive and shared themes with evidence, key
    /// figures. `councils` as the library names them (case and spacing do not matter).
    pub fn compare(&self, councils: &[String], scope: &AnalysisScope) -> Result<Comparison> {
        Ok(self.compare_with_meetings(councils, scope)?.0)
    }

    fn compare_with_meetings(
        &self,
        councils: &[String],
        scope: &AnalysisScope,
    ) -> Result<(Comparison, Vec<MeetingRow>)> {
        if councils.is_empty() {
            return Err(Error::Invalid(
                "name at least one council to compare".into(),
            ));
        }
        let mut scope = scope.clone();
        scope.councils = councils.to_vec();
        self.snapshot(|s| {
            let f = s.filter(&scope)?;
            let meetings = s.meetings_with_attendance(&f)?;
            let counts = s.meeting_theme_counts(&f, "", &[])?;
            let evidence = s.theme_evidence(&f, CompareConfig::default().evidence_per_theme)?;
            let figures = s.figures(&f, Some(&SPECIFIC_METRICS))?;
            let codebook = s.codebook()?;
            let comparison = compare::compare(
                councils,
                CompareInput {
                    meetings: &meetings,
                    counts: &counts,
                    evidence: &evidence,
                    figures: &figures,
                    codebook: &codebook,
                },
                CompareConfig::default(),
            );
            Ok((comparison, meetings))
        })
    }

    /// Figures in scope classified into metrics (only `metric` when given), each cited, in
    /// date order.
    pub fn metric_figures(
        &self,
        scope: &AnalysisScope,
        metric: Option<Metric>,
    ) -> Result<Vec<MetricFigure>> {
        self.snapshot(|s| {
            let f = s.filter(scope)?;
            let wanted = metric.map(|m| [m]);
            let figures = s.figures(&f, wanted.as_ref().map(|m| &m[..]))?;
            let ids: Vec<Id> = unique(figures.iter().map(|f| f.meeting_id));
            let meetings = s.meetings_by_id(&ids)?;
            let mut out = metrics::metric_figures(&figures, &meetings);
            out.sort_by(|a, b| {
                (
                    a.evidence.date.is_none(),
                    a.evidence.date,
                    a.evidence.meeting_id,
                )
                    .cmp(&(
                        b.evidence.date.is_none(),
                        b.evidence.date,
                        b.evidence.meeting_id,
                    ))
            });
            Ok(out)
        })
    }

    /// Resolutions in scope that ask for something later, whether a later meeting of the same
    /// committee took each up, and which are overdue as of `today` (only `status` when given).
    /// Read from the tracking the library keeps current (see `store::actions`); the same list
    /// as [`Library::actions_recomputed`].
    pub fn actions(
        &self,
        scope: &AnalysisScope,
        today: NaiveDate,
        status: Option<ActionStatus>,
    ) -> Result<Vec<Action>> {
        self.snapshot(|s| {
            let f = s.filter(scope)?;
            let rows = s.tracked(&f, today, status)?;
            let mut paragraph_ids = Vec::new();
            let mut resolution_ids = Vec::new();
            for (_, source) in rows.iter().filter_map(|r| r.follow_up) {
                match source {
                    FollowUpSource::Paragraph(id) => paragraph_ids.push(id),
                    FollowUpSource::Resolution(id) => resolution_ids.push(id),
                }
            }
            let meeting_ids = unique(
                rows.iter()
                    .map(|r| r.resolution.meeting_id)
                    .chain(rows.iter().filter_map(|r| r.follow_up.map(|f| f.0))),
            );
            let meetings = s.meetings_by_id(&meeting_ids)?;
            let paragraphs = s.paragraphs_by_id(&paragraph_ids)?;
            let resolutions = s.resolutions_by_id(&resolution_ids)?;
            Ok(actions::listed(rows, &meetings, &paragraphs, &resolutions))
        })
    }

    /// [`Library::actions`] computed from the minutes themselves: every resolution in scope read
    /// again, the later meetings of its committee searched for its follow-up. Slow over a whole
    /// library; the yardstick the kept tracking is tested against.
    pub fn actions_recomputed(
        &self,
        scope: &AnalysisScope,
        today: NaiveDate,
        status: Option<ActionStatus>,
    ) -> Result<Vec<Action>> {
        self.snapshot(|s| {
            let f = s.filter(scope)?;
            let asked: Vec<_> = s
                .resolutions(&f, " AND i.standing IS NULL", &[])?
                .into_iter()
                .filter(|r| action_kind(&r.text).is_some())
                .collect();
            if asked.is_empty() {
                return Ok(Vec::new());
            }
            let asked_ids: HashSet<Id> = asked.iter().map(|r| r.id).collect();
            let mut meetings = s.meetings_by_id(&unique(asked.iter().map(|r| r.meeting_id)))?;
            // Later meetings of the same councils and committees, wherever the scope ends: a
            // request is followed up by what happened after it.
            let earliest = meetings.iter().filter_map(|m| m.date).min();
            let later = match earliest {
                Some(earliest) => {
                    // A meeting whose council or committee was not found is in a series
                    // too (the unknown one), and its follow-ups are searched like any other.
                    let councils: Vec<String> =
                        unique(meetings.iter().filter_map(|m| m.council.clone()));
                    let committees: Vec<String> =
                        unique(meetings.iter().filter_map(|m| m.committee.clone()));
                    let args: Vec<Value> = vec![
                        Value::Text(to_json(&councils)?),
                        Value::Integer(i64::from(meetings.iter().any(|m| m.council.is_none()))),
                        Value::Text(to_json(&committees)?),
                        Value::Integer(i64::from(meetings.iter().any(|m| m.committee.is_none()))),
                        Value::Text(earliest.format("%Y-%m-%d").to_string()),
                    ];
                    s.meetings(
                        &Filter::default(),
                        " AND (m.council IN (SELECT value FROM json_each(?))
                               OR (m.council IS NULL AND ?))
                          AND (m.committee IN (SELECT value FROM json_each(?))
                               OR (m.committee IS NULL AND ?))
                          AND m.meeting_date > ?",
                        &args,
                    )?
                }
                None => Vec::new(),
            };
            let known: HashSet<Id> = meetings.iter().map(|m| m.id).collect();
            let later_ids: Vec<Id> = later.iter().map(|m| m.id).collect();
            meetings.extend(later.into_iter().filter(|m| !known.contains(&m.id)));
            let ids = Value::Text(to_json(&later_ids)?);
            let filter = " AND m.id IN (SELECT value FROM json_each(?))";
            let paragraphs =
                s.paragraphs(&Filter::default(), filter, std::slice::from_ref(&ids))?;
            let mut resolutions = asked;
            resolutions.extend(
                s.resolutions(&Filter::default(), filter, &[ids])?
                    .into_iter()
                    .filter(|r| !asked_ids.contains(&r.id)),
            );
            let found = actions::actions_among(
                ActionInput {
                    meetings: &meetings,
                    resolutions: &resolutions,
                    paragraphs: &paragraphs,
                },
                Some(&asked_ids),
                today,
                ActionConfig::default(),
            );
            Ok(found
                .into_iter()
                .filter(|a| status.is_none_or(|s| a.status == s))
                .collect())
        })
    }

    /// Keyword-in-context lines for a term (read like a codebook pattern) or a theme, newest
    /// first, at most `limit` (default [`DEFAULT_KWIC_LINES`]).
    pub fn kwic(
        &self,
        target: &KwicTarget,
        scope: &AnalysisScope,
        limit: Option<u32>,
    ) -> Result<Vec<KwicLine>> {
        let limit = limit.unwrap_or(DEFAULT_KWIC_LINES).clamp(1, MAX_KWIC_LINES) as usize;
        self.snapshot(|s| {
            let f = s.filter(scope)?;
            match target {
                KwicTarget::Theme(id) => {
                    if !s.has_theme(id)? {
                        return Err(no_theme(id));
                    }
                    let paragraphs = s.theme_paragraphs(id, &f, "", &[], limit as u32)?;
                    let meetings = s.meetings_by_id(&meeting_ids(&paragraphs))?;
                    let codebook = s.codebook()?;
                    kwic_mod::kwic(
                        KwicQuery::Theme {
                            codebook: &codebook,
                            theme_id: id,
                        },
                        &paragraphs,
                        &meetings,
                        limit,
                    )
                }
                KwicTarget::Term(term) => {
                    // Refuse a bad pattern before touching the index.
                    ThemeMatcher::from_patterns("term", std::slice::from_ref(term), &[])?;
                    let mut lines = Vec::new();
                    let mut checked = 0;
                    for page in candidates(s, term, &f)? {
                        let page = page?;
                        checked += page.len() as u32;
                        let meetings = s.meetings_by_id(&meeting_ids(&page))?;
                        lines.extend(kwic_mod::kwic(
                            KwicQuery::Term(term),
                            &page,
                            &meetings,
                            limit - lines.len(),
                        )?);
                        if lines.len() >= limit || checked >= MAX_CANDIDATES {
                            break;
                        }
                    }
                    Ok(lines)
                }
            }
        })
    }

    /// How a draft pattern would match across the library, live: paragraphs and meetings it
    /// finds (standing business skipped, as in theme statistics) and a few examples from
    /// different meetings. Checks at most [`PREVIEW_CANDIDATES`] paragraphs that the full-text
    /// index offers; `capped` says when there were more. An invalid pattern is an error that
    /// says why.
    pub fn preview_pattern(&self, pattern: &str, examples: Option<u32>) -> Result<PatternPreview> {
        let examples = examples.unwrap_or(PREVIEW_EXAMPLES).min(50) as usize;
        // Validates the pattern, with the message the editor shows.
        kwic_mod::preview_pattern(pattern, &[], &[], 0)?;
        self.snapshot(|s| {
            let f = Filter::default();
            let mut found: Vec<ParagraphRow> = Vec::new();
            let mut capped = false;
            for page in candidates(s, pattern, &f)? {
                let page = page?;
                found.extend(page);
                if found.len() as u32 >= PREVIEW_CANDIDATES {
                    capped = true;
                    break;
                }
            }
            let mut preview = kwic_mod::preview_pattern(pattern, &found, &[], examples)?;
            let ids: Vec<Id> = unique(preview.examples.iter().map(|e| e.evidence.meeting_id));
            let meetings = s.meetings_by_id(&ids)?;
            for e in &mut preview.examples {
                if let Some(m) = meetings.iter().find(|m| m.id == e.evidence.meeting_id) {
                    e.evidence.council = m.council.clone();
                    e.evidence.committee = m.committee.clone();
                    e.evidence.date = m.date;
                }
            }
            preview.capped = capped;
            Ok(preview)
        })
    }

    /// Recurring phrases in scope that the codebook does not cover yet, best first.
    pub fn emergent_themes(&self, scope: &AnalysisScope) -> Result<Vec<EmergentTheme>> {
        self.snapshot(|s| {
            let f = s.filter(scope)?;
            let paragraphs = s.paragraphs(&f, " AND i.standing IS NULL", &[])?;
            let meetings = s.meetings(&f, "", &[])?;
            let index = s.theme_index(self)?;
            Ok(emergent::emergent_themes(
                &paragraphs,
                &meetings,
                &index.matcher,
                EmergentConfig::default(),
            ))
        })
    }

    /// Which themes a paragraph matches and why: every match of the library's codebook, with
    /// its pattern and position, and whether the paragraph counts (standing business does
    /// not).
    pub fn explain(&self, paragraph_id: Id) -> Result<ParagraphThemes> {
        self.snapshot(|s| {
            let p = s
                .paragraph(paragraph_id)?
                .ok_or_else(|| Error::NotFound(format!("paragraph #{paragraph_id}")))?;
            let meetings = s.meetings_by_id(&[p.meeting_id])?;
            let index = s.theme_index(self)?;
            let matches = index.matcher.match_text(&p.text);
            let found: HashSet<&str> = matches.iter().map(|m| m.theme_id.as_str()).collect();
            let themes = index
                .codebook
                .themes
                .iter()
                .filter(|t| found.contains(t.id.as_str()))
                .map(|t| ThemeRef {
                    id: t.id.clone(),
                    label: t.label.clone(),
                    group: t.group.clone(),
                })
                .collect();
            Ok(ParagraphThemes {
                evidence: paragraph_evidence(meetings.first(), &p),
                standing: p.standing,
                themes,
                matches,
            })
        })
    }

    /// A paragraph with its citation: council, committee, date, item and page.
    pub fn passage(&self, paragraph_id: Id) -> Result<EvidenceRef> {
        self.snapshot(|s| {
            let p = s
                .paragraph(paragraph_id)?
                .ok_or_else(|| Error::NotFound(format!("paragraph #{paragraph_id}")))?;
            let meetings = s.meetings_by_id(&[p.meeting_id])?;
            Ok(paragraph_evidence(meetings.first(), &p))
        })
    }

    /// The per-meeting rows theme statistics are sums of: every meeting in scope (with its
    /// counted text) and its per-theme counts. Dashboards never need these (they read the
    /// aggregates); they are for checks and for analyses of one's own.
    pub fn theme_rows(
        &self,
        scope: &AnalysisScope,
    ) -> Result<(
        Vec<MeetingRow>,
        Vec<crate::analysis::rows::MeetingThemeCount>,
    )> {
        self.snapshot(|s| {
            let f = s.filter(scope)?;
            Ok((
                s.meetings(&f, "", &[])?,
                s.meeting_theme_counts(&f, "", &[])?,
            ))
        })
    }

    /// Run any analysis.
    pub fn analyse(&self, request: &AnalysisRequest) -> Result<AnalysisOutput> {
        Ok(match request {
            AnalysisRequest::Timeline { scope } => AnalysisOutput::Timeline(self.timeline(scope)?),
            AnalysisRequest::Heatmap { scope } => AnalysisOutput::Heatmap(self.heatmap(scope)?),
            AnalysisRequest::Trends { scope, period } => {
                AnalysisOutput::Trends(self.trends(scope, *period)?)
            }
            AnalysisRequest::Compare { councils, scope } => {
                AnalysisOutput::Compare(self.compare(councils, scope)?)
            }
            AnalysisRequest::Figures { scope, metric } => {
                AnalysisOutput::Figures(self.metric_figures(scope, *metric)?)
            }
            AnalysisRequest::Actions {
                scope,
                today,
                status,
            } => AnalysisOutput::Actions(self.actions(scope, *today, *status)?),
            AnalysisRequest::Kwic {
                target,
                scope,
                limit,
            } => AnalysisOutput::Kwic(self.kwic(target, scope, *limit)?),
            AnalysisRequest::Emergent { scope } => {
                AnalysisOutput::Emergent(self.emergent_themes(scope)?)
            }
        })
    }

    /// Any analysis as CSV (every number-bearing row ends with its citation) or JSON (the
    /// shape the app receives).
    pub fn export(&self, request: &AnalysisRequest, format: ExportFormat) -> Result<String> {
        let output = self.analyse(request)?;
        Ok(match format {
            ExportFormat::Json => match &output {
                AnalysisOutput::Timeline(v) => export::to_json(v)?,
                AnalysisOutput::Heatmap(v) => export::to_json(v)?,
                AnalysisOutput::Trends(v) => export::to_json(v)?,
                AnalysisOutput::Compare(v) => export::to_json(v)?,
                AnalysisOutput::Figures(v) => export::to_json(v)?,
                AnalysisOutput::Actions(v) => export::to_json(v)?,
                AnalysisOutput::Kwic(v) => export::to_json(v)?,
                AnalysisOutput::Emergent(v) => export::to_json(v)?,
            },
            ExportFormat::Html => {
                return Err(Error::Invalid(
                    "only a comparison has an HTML report, and it is made (and dated) by \
                     export_comparison_html"
                        .into(),
                ))
            }
            ExportFormat::Csv => match &output {
                AnalysisOutput::Timeline(v) => export::to_csv(v),
                AnalysisOutput::Heatmap(v) => export::to_csv(v),
                AnalysisOutput::Trends(v) => export::to_csv(v.as_slice()),
                AnalysisOutput::Compare(v) => export::to_csv(v),
                AnalysisOutput::Figures(v) => export::to_csv(v.as_slice()),
                AnalysisOutput::Actions(v) => export::to_csv(v.as_slice()),
                AnalysisOutput::Kwic(v) => export::to_csv(v.as_slice()),
                AnalysisOutput::Emergent(v) => export::to_csv(v.as_slice()),
            },
        })
    }

    /// A comparison as one self-contained HTML report (no scripts, no remote resources, every
    /// number cited), dated `generated`.
    pub fn export_comparison_html(
        &self,
        councils: &[String],
        scope: &AnalysisScope,
        title: &str,
        generated: NaiveDate,
    ) -> Result<String> {
        let (comparison, meetings) = self.compare_with_meetings(councils, scope)?;
        Ok(export::comparison_html(
            &comparison,
            &ReportInfo {
                title,
                generated,
                meetings: &meetings,
            },
        ))
    }

    /// Write a comparison to a file: CSV, JSON, or the self-contained HTML report dated
    /// `generated`. The file is written beside its destination and renamed into place, so it
    /// is either the old file or the whole new one.
    pub fn export_comparison(
        &self,
        councils: &[String],
        scope: &AnalysisScope,
        format: ExportFormat,
        path: &Path,
        generated: NaiveDate,
    ) -> Result<()> {
        let text = match format {
            ExportFormat::Html => self.export_comparison_html(
                councils,
                scope,
                &format!("Comparison: {}", councils.join(", ")),
                generated,
            )?,
            other => self.export(
                &AnalysisRequest::Compare {
                    councils: councils.to_vec(),
                    scope: scope.clone(),
                },
                other,
            )?,
        };
        write_whole(path, &text)
    }

    /// Apply one edit to the library's codebook and save it (re-matching only what the edit
    /// changed). A failed edit changes nothing.
    pub fn edit_codebook(
        &self,
        edit: &CodebookEdit,
        progress: &mut dyn FnMut(ThemeProgress),
    ) -> Result<CodebookSaved> {
        let mut codebook = self.codebook()?;
        codebook::apply_edit(&mut codebook, edit)?;
        self.save_codebook(&codebook, progress)
    }

    /// Replace the library's codebook with one read from a TOML or JSON file (by extension;
    /// anything but `.json` is read as TOML).
    pub fn import_codebook(
        &self,
        path: &Path,
        progress: &mut dyn FnMut(ThemeProgress),
    ) -> Result<CodebookSaved> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let codebook = read_codebook(path, &text)?;
        self.save_codebook(&codebook, progress)
    }

    /// Write the library's codebook to a TOML or JSON file (by extension).
    pub fn export_codebook(&self, path: &Path) -> Result<()> {
        let codebook = self.codebook()?;
        let text = if is_json(path) {
            codebook::to_json(&codebook)?
        } else {
            codebook::to_toml(&codebook)?
        };
        std::fs::write(path, text).map_err(|e| Error::io(path, e))
    }
}

/// Write `text` to `path` whole: to a file beside it first, then renamed into place.
fn write_whole(path: &Path, text: &str) -> Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    std::fs::write(&partial, text).map_err(|e| Error::io(&partial, e))?;
    std::fs::rename(&partial, path).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        Error::io(path, e)
    })
}

/// Read a codebook file's text: JSON for `.json`, TOML otherwise.
pub fn read_codebook(path: &Path, text: &str) -> Result<Codebook> {
    if is_json(path) {
        codebook::from_json(text)
    } else {
        codebook::from_toml(text)
    }
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// The metrics worth comparing side by side (not bare units).
const SPECIFIC_METRICS: [Metric; 8] = [
    Metric::CaseloadPerSocialWorker,
    Metric::LookedAfterChildren,
    Metric::FosterCarers,
    Metric::AgencyStaffShare,
    Metric::PlacementCostInHouse,
    Metric::PlacementCostAgency,
    Metric::PlacementCost,
    Metric::Budget,
];

fn no_theme(id: &str) -> Error {
    Error::NotFound(format!("theme \"{id}\" (not in the library's codebook)"))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Invalid(format!("cannot write JSON: {e}")))
}

/// Values without repeats, in first-seen order.
fn unique<T: Eq + std::hash::Hash + Clone>(values: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen = HashSet::new();
    values.filter(|v| seen.insert(v.clone())).collect()
}

fn meeting_ids(paragraphs: &[ParagraphRow]) -> Vec<Id> {
    unique(paragraphs.iter().map(|p| p.meeting_id))
}

/// Pages of paragraphs in `filter` that the full-text index offers for `pattern` (newest
/// first), up to [`MAX_CANDIDATES`] in all.
fn candidates<'a>(
    s: &'a Snapshot<'_>,
    pattern: &str,
    filter: &'a Filter,
) -> Result<impl Iterator<Item = Result<Vec<ParagraphRow>>> + 'a> {
    let words = crate::analysis::pattern::prefilter_words(pattern);
    let fts = if words.is_empty() {
        None
    } else {
        let query = words
            .iter()
            .map(|w| format!("{w}*"))
            .collect::<Vec<_>>()
            .join(" ");
        Some(crate::store::fts_query(&query)?)
    };
    let mut offset = 0;
    let mut done = fts.is_none();
    Ok(std::iter::from_fn(move || {
        if done || offset >= MAX_CANDIDATES {
            return None;
        }
        let fts = fts.as_deref()?;
        let page = s.fts_paragraphs(fts, filter, CANDIDATE_PAGE, offset);
        offset += CANDIDATE_PAGE;
        match page {
            Ok(rows) if rows.is_empty() => None,
            Ok(rows) => {
                if (rows.len() as u32) < CANDIDATE_PAGE {
                    done = true;
                }
                Some(Ok(rows))
            }
            Err(e) => {
                done = true;
                Some(Err(e))
            }
        }
    }))
}

/// Period cells over a scope: whole months from the aggregates, part-months at the scope's
/// date bounds from per-meeting counts, and everything per meeting when a committee is in
/// scope (the aggregates are per council, not per committee).
fn cells(
    s: &Snapshot<'_>,
    scope: &AnalysisScope,
    f: &Filter,
    period: Option<Period>,
) -> Result<(Vec<PeriodTotal>, Vec<PeriodThemeSum>)> {
    if f.has_committee() {
        let meetings = s.meetings(f, "", &[])?;
        let counts = s.meeting_theme_counts(f, "", &[])?;
        return Ok(period_rows(&meetings, &counts, period, scope));
    }
    // Yearly aggregates serve heatmaps and yearly trends; quarters and months need months.
    let years = matches!(period, None | Some(Period::Year));
    let split = split_dates(scope.from, scope.to, years);
    let mut out = (Vec::new(), Vec::new());
    for range in &split.ranges {
        out = merge_periods(out, s.period_cells(f, range, period)?);
    }
    for (from, to) in split.edges {
        let edge = f.with_dates(from, to);
        let meetings = s.meetings(&edge, "", &[])?;
        let counts = s.meeting_theme_counts(&edge, "", &[])?;
        out = merge_periods(out, period_rows(&meetings, &counts, period, scope));
    }
    Ok(out)
}

/// A scope's dates split into whole years and whole months (the aggregates serve them) and
/// the part-months at its bounds (per-meeting rows serve them). Together they cover every
/// date in scope exactly once.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Split {
    ranges: Vec<Bounds>,
    edges: Vec<(NaiveDate, NaiveDate)>,
}

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn month_end(d: NaiveDate) -> NaiveDate {
    month_start(d)
        .checked_add_months(Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(d)
}

fn ym(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

fn split_dates(from: Option<NaiveDate>, to: Option<NaiveDate>, years: bool) -> Split {
    let mut split = Split {
        ranges: Vec::new(),
        edges: Vec::new(),
    };
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return split;
        }
    }
    // The first day of the first whole month, and the last day of the last.
    let first = from.map(|f| {
        if f.day() == 1 {
            f
        } else {
            month_end(f).succ_opt().unwrap_or(f)
        }
    });
    let last = to.map(|t| {
        if t == month_end(t) {
            t
        } else {
            month_start(t).pred_opt().unwrap_or(t)
        }
    });
    if let (Some(f), Some(t), Some(a), Some(b)) = (from, to, first, last) {
        if a > b {
            // No whole month inside: the whole range is an edge.
            split.edges.push((f, t));
            return split;
        }
    }
    if let (Some(f), Some(a)) = (from, first) {
        if f < a {
            split.edges.push((f, a.pred_opt().unwrap_or(f)));
        }
    }
    if let (Some(t), Some(b)) = (to, last) {
        if b < t {
            split.edges.push((b.succ_opt().unwrap_or(t), t));
        }
    }
    let dated_only = from.is_some() || to.is_some();
    let months = |from: Option<String>, to: Option<String>| Bounds {
        tier: Tier::Months,
        from,
        to,
        dated_only,
    };
    if !years {
        split.ranges.push(months(first.map(ym), last.map(ym)));
        return split;
    }
    // Whole years inside the whole months.
    let first_year = first.map(|a| {
        if a.month() == 1 {
            a.year()
        } else {
            a.year() + 1
        }
    });
    let last_year = last.map(|b| {
        if b.month() == 12 {
            b.year()
        } else {
            b.year() - 1
        }
    });
    if let (Some(ya), Some(yb)) = (first_year, last_year) {
        if ya > yb {
            split.ranges.push(months(first.map(ym), last.map(ym)));
            return split;
        }
    }
    split.ranges.push(Bounds {
        tier: Tier::Years,
        from: first_year.map(|y| format!("{y:04}")),
        to: last_year.map(|y| format!("{y:04}")),
        dated_only,
    });
    if let (Some(a), Some(ya)) = (first, first_year) {
        if a.month() != 1 {
            split
                .ranges
                .push(months(Some(ym(a)), Some(format!("{:04}-12", ya - 1))));
        }
    }
    if let (Some(b), Some(yb)) = (last, last_year) {
        if b.month() != 12 {
            split
                .ranges
                .push(months(Some(format!("{:04}-01", yb + 1)), Some(ym(b))));
        }
    }
    split
}

/// The dates a period label covers: `2017`, `2017-Q2` or `2017-04`.
pub fn period_range(label: &str) -> Result<(NaiveDate, NaiveDate)> {
    let bad = || {
        Error::Invalid(format!(
            "{label:?} is not a period: write a year (2017), a quarter (2017-Q2) or a month (2017-04)"
        ))
    };
    let label = label.trim();
    let year: i32 = label
        .get(..4)
        .and_then(|y| y.parse().ok())
        .ok_or_else(bad)?;
    let rest = &label[4..];
    let (from_month, months) = if rest.is_empty() {
        (1, 12)
    } else if let Some(q) = rest.strip_prefix("-Q").or_else(|| rest.strip_prefix("-q")) {
        let q: u32 = q.parse().map_err(|_| bad())?;
        if !(1..=4).contains(&q) {
            return Err(bad());
        }
        ((q - 1) * 3 + 1, 3)
    } else if let Some(m) = rest.strip_prefix('-') {
        let m: u32 = m.parse().map_err(|_| bad())?;
        (m, 1)
    } else {
        return Err(bad());
    };
    let from = NaiveDate::from_ymd_opt(year, from_month, 1).ok_or_else(bad)?;
    let to = from
        .checked_add_months(Months::new(months))
        .and_then(|d| d.pred_opt())
        .ok_or_else(bad)?;
    Ok((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn range(tier: Tier, from: &str, to: &str) -> Bounds {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Bounds {
            tier,
            from: opt(from),
            to: opt(to),
            dated_only: true,
        }
    }

    #[test]
    fn scopes_split_into_whole_years_months_and_edges() {
        let s = split_dates(None, None, true);
        assert_eq!(
            s.ranges,
            vec![Bounds {
                tier: Tier::Years,
                ..Bounds::default()
            }],
            "no bounds: every year, undated included"
        );
        assert!(s.edges.is_empty());

        let s = split_dates(Some(d(2016, 3, 15)), Some(d(2019, 6, 30)), true);
        assert_eq!(
            s.ranges,
            vec![
                range(Tier::Years, "2017", "2018"),
                range(Tier::Months, "2016-04", "2016-12"),
                range(Tier::Months, "2019-01", "2019-06"),
            ]
        );
        assert_eq!(
            s.edges,
            vec![(d(2016, 3, 15), d(2016, 3, 31))],
            "the part of March is an edge"
        );

        let s = split_dates(Some(d(2019, 3, 1)), Some(d(2019, 5, 10)), true);
        assert_eq!(s.ranges, vec![range(Tier::Months, "2019-03", "2019-04")]);
        assert_eq!(s.edges, vec![(d(2019, 5, 1), d(2019, 5, 10))]);

        let s = split_dates(Some(d(2019, 3, 1)), Some(d(2019, 5, 10)), false);
        assert_eq!(
            s.ranges,
            vec![range(Tier::Months, "2019-03", "2019-04")],
            "quarters and months read months only"
        );

        let s = split_dates(Some(d(2019, 3, 5)), Some(d(2019, 3, 20)), true);
        assert!(s.ranges.is_empty(), "no whole month inside");
        assert_eq!(s.edges, vec![(d(2019, 3, 5), d(2019, 3, 20))]);

        let s = split_dates(Some(d(2019, 3, 5)), None, true);
        assert_eq!(
            s.ranges,
            vec![
                range(Tier::Years, "2020", ""),
                range(Tier::Months, "2019-04", "2019-12"),
            ]
        );

        let s = split_dates(Some(d(2020, 1, 1)), Some(d(2019, 1, 1)), true);
        assert_eq!((s.ranges.len(), s.edges.len()), (0, 0), "an empty range");
    }

    #[test]
    fn period_labels_cover_their_dates() {
        assert_eq!(
            period_range("2017").expect("a year"),
            (d(2017, 1, 1), d(2017, 12, 31))
        );
        assert_eq!(
            period_range("2017-Q2").expect("a quarter"),
            (d(2017, 4, 1), d(2017, 6, 30))
        );
        assert_eq!(
            period_range("2016-02").expect("a month"),
            (d(2016, 2, 1), d(2016, 2, 29))
        );
        for bad in ["", "17", "2017-Q5", "2017-13", "2017/04", "spring"] {
            assert!(period_range(bad).is_err(), "{bad:?} is refused");
        }
    }
}
