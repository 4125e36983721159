//! The library views: what the library holds, the meeting list, one meeting, corrections,
//! deletion and search.

use scrutineer_core::model::{
    Correction, Id, LibraryStats, MeetingDetail, MeetingFilter, MeetingSummary, SearchQuery,
    SearchResults,
};
use tauri::State;

use super::blocking;
use crate::error::CommandResult;
use crate::state::LibraryState;

/// Counts and facets for the sidebar, the filters and the empty state.
#[tauri::command]
pub async fn library_stats(state: State<'_, LibraryState>) -> CommandResult<LibraryStats> {
    let library = state.library()?;
    blocking(move || library.stats()).await
}

/// The library list, filtered and sorted.
#[tauri::command]
pub async fn list_meetings(
    state: State<'_, LibraryState>,
    filter: MeetingFilter,
) -> CommandResult<Vec<MeetingSummary>> {
    let library = state.library()?;
    blocking(move || library.meetings(&filter)).await
}

/// One meeting in full: record, pages and the ids that link facts to passages.
#[tauri::command]
pub async fn get_meeting(state: State<'_, LibraryState>, id: Id) -> CommandResult<MeetingDetail> {
    let library = state.library()?;
    blocking(move || library.meeting(id)).await
}

/// Correct (or clear the correction of) a meeting's council, committee or date.
#[tauri::command]
pub async fn correct_meeting(
    state: State<'_, LibraryState>,
    id: Id,
    correction: Correction,
) -> CommandResult<MeetingSummary> {
    let library = state.library()?;
    blocking(move || library.correct(id, &correction)).await
}

/// Remove a meeting and everything read from its file.
#[tauri::command]
pub async fn delete_meeting(state: State<'_, LibraryState>, id: Id) -> CommandResult<()> {
    let library = state.library()?;
    blocking(move || library.delete(id)).await
}

/// Full-text search over paragraphs; the user's words are made safe by the core.
#[tauri::command]
pub async fn search(
    state: State<'_, LibraryState>,
    query: SearchQuery,
) -> CommandResult<SearchResults> {
    let library = state.library()?;
    blocking(move || library.search(&query)).await
}
