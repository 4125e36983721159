//! The analysis views: timeline, themes (heatmap, trends, the passages behind a count, the
//! codebook, its live preview and candidate themes), council comparison and its export,
//! figures, tracked actions and keyword in context.
//!
//! Each command is one call to the core's analysis entry points on `Library`. What is decided
//! here is the host's alone: today's date, read from this computer's clock (the core never
//! reads it), for overdue actions and the date on a report.

use std::path::PathBuf;

use chrono::NaiveDate;
use scrutineer_core::analysis::codebook::ThemeProgress;
use scrutineer_core::model::{
    Action, AnalysisScope, Codebook, Comparison, EmergentTheme, ExportFormat, Heatmap, KwicLine,
    KwicTarget, MetricFigure, PatternPreview, Period, ThemePassageQuery, Timeline, TrendPoint,
};
use tauri::{AppHandle, State};

use super::{blocking, emit};
use crate::error::CommandResult;
use crate::state::LibraryState;

/// Sent while a saved codebook is matched against the library: `{done, total}` paragraphs.
pub const THEMES_PROGRESS: &str = "themes-progress";
/// Sent when saving the codebook has ended, whether it was saved or refused.
pub const THEMES_DONE: &str = "themes-done";

/// Today on this computer.
fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Meetings over time, per council and committee; undated meetings apart.
#[tauri::command]
pub async fn timeline(
    state: State<'_, LibraryState>,
    scope: AnalysisScope,
) -> CommandResult<Timeline> {
    let library = state.library()?;
    blocking(move || library.timeline(&scope)).await
}

/// Themes × councils, each cell the theme's share of the council's text.
#[tauri::command]
pub async fn heatmap(
    state: State<'_, LibraryState>,
    scope: AnalysisScope,
) -> CommandResult<Heatmap> {
    let library = state.library()?;
    blocking(move || library.heatmap(&scope)).await
}

/// Each theme in each council per period.
#[tauri::command]
pub async fn trends(
    state: State<'_, LibraryState>,
    scope: AnalysisScope,
    period: Period,
) -> CommandResult<Vec<TrendPoint>> {
    let library = state.library()?;
    blocking(move || library.trends(&scope, period)).await
}

/// The passages behind a heatmap cell or a trend point, as keyword-in-context lines.
#[tauri::command]
pub async fn theme_passages(
    state: State<'_, LibraryState>,
    theme_id: String,
    council: Option<String>,
    period: Option<String>,
    limit: Option<u32>,
) -> CommandResult<Vec<KwicLine>> {
    let library = state.library()?;
    let query = ThemePassageQuery {
        theme_id,
        council,
        period,
        scope: AnalysisScope::default(),
        limit,
    };
    blocking(move || library.theme_passage_lines(&query)).await
}

/// Councils side by side: profiles, distinctive and shared themes with evidence, figures.
#[tauri::command]
pub async fn compare_councils(
    state: State<'_, LibraryState>,
    councils: Vec<String>,
) -> CommandResult<Comparison> {
    let library = state.library()?;
    blocking(move || library.compare(&councils, &AnalysisScope::default())).await
}

/// Figures in scope classified into metrics, each cited.
#[tauri::command]
pub async fn metric_figures(
    state: State<'_, LibraryState>,
    scope: AnalysisScope,
) -> CommandResult<Vec<MetricFigure>> {
    let library = state.library()?;
    blocking(move || library.metric_figures(&scope, None)).await
}

/// Resolutions that ask for something later, and whether a later meeting took each up.
#[tauri::command]
pub async fn list_actions(
    state: State<'_, LibraryState>,
    scope: AnalysisScope,
) -> CommandResult<Vec<Action>> {
    let library = state.library()?;
    blocking(move || library.actions(&scope, today(), None)).await
}

/// Keyword-in-context lines for a term, read like a codebook pattern.
#[tauri::command]
pub async fn kwic(
    state: State<'_, LibraryState>,
    term: String,
    scope: AnalysisScope,
    limit: Option<u32>,
) -> CommandResult<Vec<KwicLine>> {
    let library = state.library()?;
    blocking(move || library.kwic(&KwicTarget::Term(term), &scope, limit)).await
}

/// The library's codebook.
#[tauri::command]
pub async fn get_codebook(state: State<'_, LibraryState>) -> CommandResult<Codebook> {
    let library = state.library()?;
    blocking(move || library.codebook()).await
}

/// Make `codebook` the library's, matching what changed against every paragraph with
/// `themes-progress` events; answers once it is saved, or refused with nothing changed.
/// `themes-done` follows either way, so the window never waits for it in vain.
#[tauri::command]
pub async fn save_codebook(
    app: AppHandle,
    state: State<'_, LibraryState>,
    codebook: Codebook,
) -> CommandResult<()> {
    let library = state.library()?;
    let events = app.clone();
    let saved = blocking(move || {
        library.save_codebook(&codebook, &mut |progress: ThemeProgress| {
            emit(&events, THEMES_PROGRESS, &progress);
        })
    })
    .await;
    emit(&app, THEMES_DONE, &());
    saved.map(|_| ())
}

/// How a draft pattern would match across the library, with a few examples.
#[tauri::command]
pub async fn preview_pattern(
    state: State<'_, LibraryState>,
    pattern: String,
) -> CommandResult<PatternPreview> {
    let library = state.library()?;
    blocking(move || library.preview_pattern(&pattern, None)).await
}

/// Recurring phrases the codebook does not cover yet: candidate themes.
#[tauri::command]
pub async fn emergent_themes(
    state: State<'_, LibraryState>,
    scope: AnalysisScope,
) -> CommandResult<Vec<EmergentTheme>> {
    let library = state.library()?;
    blocking(move || library.emergent_themes(&scope)).await
}

/// Write a comparison of `councils` to `path` (picked in the save dialog) as CSV, JSON or the
/// HTML report dated today; the file is whole or untouched.
#[tauri::command]
pub async fn export_comparison(
    state: State<'_, LibraryState>,
    councils: Vec<String>,
    format: ExportFormat,
    path: String,
) -> CommandResult<()> {
    let library = state.library()?;
    let path = PathBuf::from(path);
    blocking(move || {
        library.export_comparison(&councils, &AnalysisScope::default(), format, &path, today())
    })
    .await
}
