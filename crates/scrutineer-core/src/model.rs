//! The record types: what ingest produces, what extraction produces, what the store keeps and
//! what crosses into the UI.
//!
//! These types are a contract. Their JSON shape (camelCase keys) is what `scrutineer extract
//! --json` prints and what the desktop UI receives; the TypeScript twins in
//! `ui/src/api/bindings/` are generated from here by ts-rs and checked for drift in CI. Change a
//! field here and the UI's types change with it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A database row id. Serialised as a JSON number.
pub type Id = i64;

// ---------------------------------------------------------------------------------------------
// Ingest: bytes -> text with pages
// ---------------------------------------------------------------------------------------------

/// The kind of file a document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SourceFormat {
    Text,
    Markdown,
    Html,
    Pdf,
}

impl SourceFormat {
    /// The stable name stored in the database and shown to users.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Markdown => "markdown",
            SourceFormat::Html => "html",
            SourceFormat::Pdf => "pdf",
        }
    }
}

/// Which extractor produced a document's text. Users see this: a PDF whose text came from the
/// fallback extractor may read differently from one read by the primary one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum TextExtractor {
    /// Plain text or Markdown, decoded.
    Plain,
    /// Visible text of an HTML page.
    Html,
    /// pdf-extract, the primary PDF extractor.
    PdfExtract,
    /// lopdf's own text extraction, the fallback when pdf-extract returns too little.
    Lopdf,
}

impl TextExtractor {
    /// The stable name stored in the database and shown to users.
    pub fn as_str(self) -> &'static str {
        match self {
            TextExtractor::Plain => "plain",
            TextExtractor::Html => "html",
            TextExtractor::PdfExtract => "pdf-extract",
            TextExtractor::Lopdf => "lopdf",
        }
    }
}

/// One page of a document's text. Text files and web pages are a single page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PageText {
    /// 1-based page number, as a reader would cite it.
    pub number: u32,
    /// The page's body text, decoded, with running headers/footers and page numbers removed.
    /// Not normalised: this is the text shown to users.
    pub text: String,
}

/// A line ingest recognised as a running header, footer or page number and kept out of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RemovedLine {
    pub page: u32,
    pub text: String,
}

/// What ingest makes of a file's bytes: text with page breaks, ready for extraction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SourceText {
    pub format: SourceFormat,
    pub extractor: TextExtractor,
    pub pages: Vec<PageText>,
    /// Running headers, footers and page numbers removed from the pages.
    pub removed_lines: Vec<RemovedLine>,
    /// The HTML page's `<title>`, or a PDF's Title metadata, when present.
    pub title: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl SourceText {
    /// A single-page text, as from a `.txt` file. Used by tests and by `extract` on strings.
    pub fn from_plain(text: impl Into<String>) -> SourceText {
        SourceText {
            format: SourceFormat::Text,
            extractor: TextExtractor::Plain,
            pages: vec![PageText {
                number: 1,
                text: text.into(),
            }],
            removed_lines: Vec::new(),
            title: None,
            diagnostics: Vec::new(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Extract: text -> meeting record
// ---------------------------------------------------------------------------------------------

/// A byte range in a document's full text: its pages' texts joined by [`PAGE_JOINER`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// What joins page texts into a document's full text. Spans index into that joined text.
pub const PAGE_JOINER: &str = "\n\n";

/// What sort of document a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DocKind {
    /// The minutes of a meeting.
    Minutes,
    /// A paper (report) to a committee.
    Report,
    /// A council web page for one agenda item, usually with that item's minutes.
    AgendaItem,
    /// Nothing recognisable: stored with diagnostics, never rejected.
    Unknown,
}

impl DocKind {
    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Minutes => "minutes",
            DocKind::Report => "report",
            DocKind::AgendaItem => "agenda_item",
            DocKind::Unknown => "unknown",
        }
    }

    /// The inverse of [`DocKind::as_str`]; anything unrecognised is `Unknown`.
    pub fn parse(s: &str) -> DocKind {
        match s {
            "minutes" => DocKind::Minutes,
            "report" => DocKind::Report,
            "agenda_item" => DocKind::AgendaItem,
            _ => DocKind::Unknown,
        }
    }
}

/// A named field that extraction may get wrong: the value, how sure we are, and the text it
/// came from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NamedField {
    /// The canonical value (for a council, the gazetteer's official name), or null if not found.
    pub name: Option<String>,
    /// 0.0 (a guess, or nothing found) to 1.0 (stated plainly).
    pub confidence: f32,
    /// The text the value was read from, as it stands in the document.
    pub evidence: Option<String>,
    /// The page the evidence is on.
    pub page: Option<u32>,
    /// Where the evidence is in the document's full text.
    pub span: Option<Span>,
}

/// The range of dates a meeting must have fallen in, when the text states no date but implies
/// one (it refers to one date as past and another as still to come).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DateWindow {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// The meeting's own date. Never a date merely mentioned in the text: when the text states no
/// meeting date, `date` is null and `window` says what the text implies.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DateField {
    /// Serialised as `YYYY-MM-DD`.
    pub date: Option<NaiveDate>,
    pub confidence: f32,
    pub evidence: Option<String>,
    pub page: Option<u32>,
    pub span: Option<Span>,
    pub window: Option<DateWindow>,
}

/// One person in an attendance list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Person {
    /// The name as printed, without honorific role text ("Councillor" is kept off when the list
    /// is headed "Councillors"; "Tracy Collins", "Cllr Russell", "Ms Butler").
    pub name: String,
    /// The role or organisation printed with the name ("Group Head Looked After Children").
    pub role: Option<String>,
    /// Marked as chair (or chairman, chairperson) of the meeting.
    pub chair: bool,
    /// Marked as vice-chair.
    pub vice_chair: bool,
}

/// Who was at the meeting, and who sent apologies.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Attendance {
    /// Members present.
    pub present: Vec<Person>,
    /// Apologies for absence.
    pub apologies: Vec<Person>,
    /// In attendance, also present, officers, witnesses, guests.
    pub in_attendance: Vec<Person>,
}

/// Standing business that every meeting has. Left out of theme statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StandingItem {
    Apologies,
    DeclarationsOfInterest,
    PreviousMinutes,
    UrgentBusiness,
    ExemptItems,
    Attendance,
    /// Public questions, petitions, dates of future meetings, any other business.
    Procedural,
}

/// One agenda item of a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AgendaItem {
    /// The number as printed (`10/17`, `A26/17`, `9`, `Item 3`), or null for an unnumbered item.
    pub number: Option<String>,
    pub title: String,
    /// The page the item starts on.
    pub page: u32,
    /// Where the item's text (heading and body) is in the document's full text.
    pub span: Span,
    /// Set when the item is standing business (apologies, declarations, previous minutes…).
    pub standing: Option<StandingItem>,
}

/// A decision recorded in the minutes. Numbered sub-resolutions are one record each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Resolution {
    /// The number of the item it belongs to, as printed (or the item's title when unnumbered).
    pub item: Option<String>,
    /// Index into the record's `items`.
    pub item_index: Option<usize>,
    /// The resolution's text, without the "Resolved that" lead-in.
    pub text: String,
    pub page: u32,
    pub span: Span,
}

/// The unit a figure is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FigureUnit {
    /// Pounds sterling.
    Gbp,
    /// Euro.
    Eur,
    /// US dollars.
    Usd,
    Percent,
    /// A count of things (`what` says of what).
    Count,
}

/// A figure stated in the text: money, a count with its noun, a percentage, a range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Figure {
    /// The figure as printed ("£23,000", "approx. £250,000", "between 12 and 20", "36%").
    pub text: String,
    /// The value (the lower bound of a range).
    pub value: f64,
    /// The upper bound of a range ("between 12 and 20": 20).
    pub value_max: Option<f64>,
    pub unit: FigureUnit,
    /// What is counted or costed ("cases per social worker", "foster care families").
    pub what: Option<String>,
    /// Marked approximate ("approx.", "about", "around", "in the region of").
    pub approximate: bool,
    /// The sentence the figure stands in.
    pub sentence: String,
    pub page: u32,
    pub span: Span,
    /// Index into the record's `paragraphs`.
    pub paragraph_index: Option<usize>,
    /// Index into the record's `items`.
    pub item_index: Option<usize>,
}

/// The unit for search, themes and provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Paragraph {
    pub text: String,
    pub page: u32,
    /// Index into the record's `items`.
    pub item_index: Option<usize>,
    pub span: Span,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// Something ingest or extraction wants the user to know: a guess it made, a thing it could not
/// find. `code` is stable (the UI may branch on it); `message` is for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Diagnostic {
    pub level: Level,
    pub code: String,
    pub message: String,
}

impl Diagnostic {
    pub fn info(code: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level: Level::Info,
            code: code.to_string(),
            message: message.into(),
        }
    }
    pub fn warning(code: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level: Level::Warning,
            code: code.to_string(),
            message: message.into(),
        }
    }
    pub fn error(code: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level: Level::Error,
            code: code.to_string(),
            message: message.into(),
        }
    }
}

/// Everything extraction reads from one document. Extraction never fails: this is its best
/// reading, with confidences and diagnostics saying how far to trust it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingRecord {
    pub kind: DocKind,
    /// The document's own title when it has one (a report's title, an agenda item's heading).
    pub title: Option<String>,
    pub council: NamedField,
    pub committee: NamedField,
    pub meeting_date: DateField,
    /// `HH:MM`, 24-hour.
    pub start_time: Option<String>,
    /// `HH:MM`, 24-hour.
    pub end_time: Option<String>,
    pub venue: Option<String>,
    pub attendance: Attendance,
    pub items: Vec<AgendaItem>,
    pub resolutions: Vec<Resolution>,
    pub figures: Vec<Figure>,
    pub paragraphs: Vec<Paragraph>,
    pub diagnostics: Vec<Diagnostic>,
    /// Overall confidence in the record, 0.0–1.0.
    pub confidence: f32,
}

// ---------------------------------------------------------------------------------------------
// Library views: what the store hands back
// ---------------------------------------------------------------------------------------------

/// A stored file. One document is one meeting record: a document's id is its meeting's id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DocumentInfo {
    pub id: Id,
    pub file_name: String,
    /// The path it was imported from (it may since have moved).
    pub path: String,
    pub format: SourceFormat,
    pub extractor: TextExtractor,
    /// Hex SHA-256 of the file's bytes: the document's identity.
    pub sha256: String,
    pub bytes: u64,
    pub page_count: u32,
    /// RFC 3339.
    pub imported_at: String,
}

/// A field of a meeting the user can correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum CorrectableField {
    Council,
    Committee,
    MeetingDate,
}

/// A user's correction. `value: null` removes the correction (back to what was extracted).
/// A meeting date is written `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Correction {
    pub field: CorrectableField,
    pub value: Option<String>,
}

/// One row of the library: a meeting (or report) with its effective metadata (corrections
/// applied over extraction).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingSummary {
    pub id: Id,
    pub kind: DocKind,
    pub title: Option<String>,
    pub council: Option<String>,
    pub committee: Option<String>,
    pub date: Option<NaiveDate>,
    pub date_window: Option<DateWindow>,
    pub file_name: String,
    pub format: SourceFormat,
    pub page_count: u32,
    pub item_count: u32,
    pub resolution_count: u32,
    pub figure_count: u32,
    pub paragraph_count: u32,
    /// Characters of body text: a meeting's size on the timeline.
    pub text_chars: u32,
    pub confidence: f32,
    pub council_confidence: f32,
    pub committee_confidence: f32,
    pub date_confidence: f32,
    /// The fields the user corrected.
    pub corrected: Vec<CorrectableField>,
    /// Fields whose extraction confidence is low and that nobody has corrected yet.
    pub needs_review: Vec<CorrectableField>,
}

/// Filters and order for listing meetings.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct MeetingFilter {
    pub council: Option<String>,
    pub committee: Option<String>,
    pub year: Option<i32>,
    pub kind: Option<DocKind>,
    pub needs_review: bool,
    pub sort: MeetingSort,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

/// Orders for the library list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum MeetingSort {
    /// Newest meeting first; undated last.
    #[default]
    DateDesc,
    DateAsc,
    Council,
    Committee,
    ImportedDesc,
    Confidence,
}

/// A meeting in full: its record, its pages and the ids that let every fact link to its passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingDetail {
    pub meeting: MeetingSummary,
    pub document: DocumentInfo,
    /// As extracted; `meeting` carries the corrected values.
    pub record: MeetingRecord,
    /// Database ids of `record.paragraphs`, in the same order.
    pub paragraph_ids: Vec<Id>,
    /// Database ids of `record.resolutions`, in the same order.
    pub resolution_ids: Vec<Id>,
    /// The document's pages, as shown to users.
    pub pages: Vec<PageText>,
    pub removed_lines: Vec<RemovedLine>,
    /// Themes found in this meeting, strongest first (empty until themes are applied).
    pub themes: Vec<ThemeCount>,
}

/// Options for full-text search.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct SearchQuery {
    /// Words and "quoted phrases", as a user types them. Never passed raw to FTS5.
    pub text: String,
    pub council: Option<String>,
    pub committee: Option<String>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

/// Marks the start of a highlighted match in a snippet. Snippets are plain text, never HTML.
pub const HIGHLIGHT_START: char = '\u{2}';
/// Marks the end of a highlighted match in a snippet.
pub const HIGHLIGHT_END: char = '\u{3}';

/// One paragraph that matched a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchHit {
    pub paragraph_id: Id,
    pub meeting_id: Id,
    pub council: Option<String>,
    pub committee: Option<String>,
    pub date: Option<NaiveDate>,
    pub page: u32,
    pub item_number: Option<String>,
    pub item_title: Option<String>,
    /// Plain text; matches are wrapped in U+0002 … U+0003.
    pub snippet: String,
    /// bm25 score: lower is better.
    pub rank: f64,
}

/// A page of search results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Matching paragraphs in all (may be an estimate; see `note`).
    pub total: u64,
    /// Said to the user when results are partial or reordered (e.g. a very common word).
    pub note: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

/// What happened to one file of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportStatus {
    Imported,
    /// The same bytes are already in the library; nothing changed.
    Duplicate,
    Failed,
}

/// One file's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportOutcome {
    pub path: String,
    pub status: ImportStatus,
    /// The stored document (new, or the existing one for a duplicate).
    pub document_id: Option<Id>,
    /// A stable error code for failures (see `Error::code`).
    pub code: Option<String>,
    /// For failures, the reason in words; for imports, a one-line description of what was read.
    pub message: String,
    pub meeting: Option<MeetingSummary>,
}

/// Progress of an import in flight, reported after each file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
    pub outcome: ImportOutcome,
}

/// The end of an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportSummary {
    pub imported: u32,
    pub duplicates: u32,
    pub failed: u32,
    pub outcomes: Vec<ImportOutcome>,
}

// ---------------------------------------------------------------------------------------------
// Analysis: themes, timelines, comparisons, figures, actions
// ---------------------------------------------------------------------------------------------

/// A theme of a codebook: what it means and the patterns that find it.
///
/// Patterns match normalised, lower-cased paragraph text on word boundaries. A trailing `*`
/// matches any word ending ("foster*" finds foster, fostering, fosters); a pattern of several
/// words matches them in sequence with any whitespace or hyphens between. A word written in
/// capitals ("SEND") matches only capitals. An exclude pattern silences the include matches it
/// overlaps (see `analysis::pattern` and `analysis::matcher`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Theme {
    /// Stable id (`fostering`, `social-worker-caseloads`).
    pub id: String,
    pub label: String,
    pub description: String,
    /// A grouping for display ("Children's services", "Local government").
    pub group: String,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

/// A set of themes the user owns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Codebook {
    pub name: String,
    pub themes: Vec<Theme>,
}

/// A theme's strength in one meeting (or any other scope).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ThemeCount {
    pub theme_id: String,
    pub label: String,
    /// Paragraphs matched.
    pub hits: u32,
    /// Share of the scope's (non-standing) text those paragraphs make up, 0–1.
    pub share: f64,
}

/// Where a number came from: resolves to document, page and item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EvidenceRef {
    pub paragraph_id: Id,
    pub meeting_id: Id,
    pub council: Option<String>,
    pub committee: Option<String>,
    pub date: Option<NaiveDate>,
    pub page: u32,
    pub item_number: Option<String>,
    pub item_title: Option<String>,
    /// The passage (or the sentence, for a figure).
    pub text: String,
}

/// Why a paragraph matched a theme: the pattern that fired and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ThemeMatch {
    pub theme_id: String,
    pub pattern: String,
    /// Byte range of the match within the paragraph's text.
    pub start: usize,
    pub end: usize,
}

/// A passage behind a theme count (a heatmap cell, a trend point): the paragraph, cited, and
/// where the theme's patterns matched in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ThemePassage {
    pub evidence: EvidenceRef,
    /// Byte ranges within `evidence.text`.
    pub matches: Vec<ThemeMatch>,
}

/// Which passages to show for a theme: those of one council and period (a heatmap cell or a
/// trend point), within a scope.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct ThemePassageQuery {
    pub theme_id: String,
    /// A council as the heatmap names it (null: every council in scope).
    pub council: Option<String>,
    /// A period label as trends name them: `2017`, `2017-Q2` or `2017-04` (null: the scope).
    pub period: Option<String>,
    pub scope: AnalysisScope,
    /// At most this many passages (default 20, at most 500).
    pub limit: Option<u32>,
}

/// Why a paragraph counts (or does not) towards themes: every match of the library's codebook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ParagraphThemes {
    pub evidence: EvidenceRef,
    /// The paragraph belongs to standing business (apologies, declarations, previous
    /// minutes…): its matches are shown but never counted in theme statistics.
    pub standing: bool,
    /// The themes found, in codebook order.
    pub themes: Vec<ThemeRef>,
    /// Every match, in text order; byte ranges within `evidence.text`.
    pub matches: Vec<ThemeMatch>,
}

/// A meeting on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TimelineMeeting {
    pub meeting_id: Id,
    pub council: Option<String>,
    pub committee: Option<String>,
    /// Null for undated meetings, which are listed apart and never placed at a guessed date.
    pub date: Option<NaiveDate>,
    pub date_window: Option<DateWindow>,
    pub kind: DocKind,
    pub title: Option<String>,
    pub item_titles: Vec<String>,
    pub resolutions: Vec<String>,
    pub top_themes: Vec<ThemeCount>,
    pub key_figures: Vec<MetricFigure>,
    pub text_chars: u32,
}

/// One council's meetings, grouped by committee, in date order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TimelineLane {
    pub council: String,
    pub committee: Option<String>,
    pub meetings: Vec<TimelineMeeting>,
}

/// Meetings over time, per council and committee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Timeline {
    pub lanes: Vec<TimelineLane>,
    /// Meetings with no stated date (or no council), listed apart.
    pub undated: Vec<TimelineMeeting>,
}

/// The period a trend is counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Period {
    Month,
    Quarter,
    #[default]
    Year,
}

/// A theme in one council over one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TrendPoint {
    pub theme_id: String,
    pub council: String,
    /// `2017`, `2017-Q2` or `2017-04`.
    pub period: String,
    /// Paragraphs matched.
    pub hits: u32,
    /// Meetings in which the theme appears.
    pub meetings: u32,
    /// All meetings of the council in the period: the denominator.
    pub meetings_total: u32,
    /// Share of the council's non-standing text in the period taken by the theme, 0–1.
    pub share: f64,
}

/// A cell of the themes × councils heatmap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HeatCell {
    pub theme_id: String,
    pub council: String,
    pub hits: u32,
    pub meetings: u32,
    pub meetings_total: u32,
    /// Normalised so a council with more minutes is not "more interested": the theme's share of
    /// the council's text.
    pub share: f64,
}

/// Themes × councils.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Heatmap {
    pub themes: Vec<ThemeRef>,
    pub councils: Vec<String>,
    pub cells: Vec<HeatCell>,
}

/// A theme's id and label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ThemeRef {
    pub id: String,
    pub label: String,
    pub group: String,
}

/// Metrics users compare across councils.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Metric {
    CaseloadPerSocialWorker,
    PlacementCostInHouse,
    PlacementCostAgency,
    PlacementCost,
    LookedAfterChildren,
    FosterCarers,
    AgencyStaffShare,
    Budget,
    Percentage,
    Money,
    Count,
}

/// A figure classified into a metric, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MetricFigure {
    pub metric: Metric,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: FigureUnit,
    pub text: String,
    pub what: Option<String>,
    pub evidence: EvidenceRef,
}

/// One council's profile in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CouncilProfile {
    pub council: String,
    pub meetings: u32,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    /// Median days between consecutive dated meetings.
    pub median_gap_days: Option<f64>,
    pub committees: Vec<String>,
    /// Mean number of members present per meeting with an attendance list.
    pub mean_present: Option<f64>,
    pub mean_apologies: Option<f64>,
    pub themes: Vec<ThemeCount>,
}

/// A theme that sets one council apart from the others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DistinctiveTheme {
    pub council: String,
    pub theme_id: String,
    pub label: String,
    /// Log-odds ratio with an informative Dirichlet prior, z-scored: above 1.645 the council
    /// discusses the theme more than the others at the one-sided 95% level (above 1.96, 97.5%).
    pub z_score: f64,
    pub evidence: Vec<EvidenceRef>,
}

/// A metric side by side: one cell per council, in the comparison's council order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MetricRow {
    pub metric: Metric,
    pub values: Vec<Vec<MetricFigure>>,
}

/// Councils side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Comparison {
    pub councils: Vec<CouncilProfile>,
    pub distinctive: Vec<DistinctiveTheme>,
    /// Themes present in every compared council, with each council's share in council order.
    pub shared: Vec<SharedTheme>,
    pub metrics: Vec<MetricRow>,
}

/// A theme all compared councils discuss.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SharedTheme {
    pub theme_id: String,
    pub label: String,
    pub shares: Vec<f64>,
    /// A passage showing the theme in each council (at most one per council, in council order
    /// where available), so every share in a report can be cited.
    #[serde(default)]
    pub evidence: Vec<EvidenceRef>,
}

/// What a tracked action asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ActionKind {
    Update,
    Report,
    Visit,
    Survey,
    Other,
}

/// Whether a later meeting took the action up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ActionStatus {
    /// A later meeting of the same committee took it up.
    FollowedUp,
    /// Not yet taken up, and not yet due.
    Open,
    /// Not taken up, and its due meeting (or date) has passed.
    Overdue,
}

/// A resolution that asks for something later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Action {
    pub resolution_id: Id,
    pub kind: ActionKind,
    pub status: ActionStatus,
    pub text: String,
    /// When it is due, if the resolution says ("the next meeting" resolves to the committee's next
    /// meeting date when known).
    pub due: Option<NaiveDate>,
    pub evidence: EvidenceRef,
    /// The later passage that took it up.
    pub followed_up_by: Option<EvidenceRef>,
}

/// A keyword-in-context line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KwicLine {
    pub left: String,
    pub keyword: String,
    pub right: String,
    pub evidence: EvidenceRef,
}

/// A recurring phrase not yet in the codebook, offered as a candidate theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EmergentTheme {
    pub phrase: String,
    /// c-TF-IDF score; higher is more distinctive.
    pub score: f64,
    pub meetings: u32,
    pub councils: Vec<String>,
    pub evidence: Vec<EvidenceRef>,
}

// ---------------------------------------------------------------------------------------------
// Library facets and app-level views
// ---------------------------------------------------------------------------------------------

/// A value and how many meetings have it (a council, a committee, a year).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FacetCount {
    pub value: String,
    pub meetings: u32,
}

/// What the library holds, for filters and the empty state.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LibraryStats {
    pub documents: u32,
    pub councils: Vec<FacetCount>,
    pub committees: Vec<FacetCount>,
    pub years: Vec<FacetCount>,
    pub undated: u32,
    pub needs_review: u32,
}

/// Which meetings an analysis looks at. Empty means all.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct AnalysisScope {
    pub councils: Vec<String>,
    pub committee: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Restrict to these themes (trends, heatmap rows).
    pub themes: Vec<String>,
}

/// How a draft pattern would match across the library, shown live while editing the codebook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PatternPreview {
    pub pattern: String,
    pub paragraphs: u32,
    pub meetings: u32,
    pub examples: Vec<KwicLine>,
    /// More paragraphs could match than the preview checked: the counts are a lower bound.
    #[serde(default)]
    pub capped: bool,
}

/// What a keyword-in-context view looks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
#[ts(export)]
pub enum KwicTarget {
    /// A word, phrase or `stem*`, read like a codebook pattern.
    Term(String),
    /// A theme of the library's codebook, by id.
    Theme(String),
}

/// An analysis to run (and export), with its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "analysis", rename_all = "camelCase")]
#[ts(export)]
pub enum AnalysisRequest {
    Timeline {
        #[serde(default)]
        scope: AnalysisScope,
    },
    Heatmap {
        #[serde(default)]
        scope: AnalysisScope,
    },
    Trends {
        #[serde(default)]
        scope: AnalysisScope,
        #[serde(default)]
        period: Period,
    },
    Compare {
        councils: Vec<String>,
        #[serde(default)]
        scope: AnalysisScope,
    },
    Figures {
        #[serde(default)]
        scope: AnalysisScope,
        #[serde(default)]
        metric: Option<Metric>,
    },
    Actions {
        #[serde(default)]
        scope: AnalysisScope,
        today: NaiveDate,
        #[serde(default)]
        status: Option<ActionStatus>,
    },
    Kwic {
        target: KwicTarget,
        #[serde(default)]
        scope: AnalysisScope,
        #[serde(default)]
        limit: Option<u32>,
    },
    Emergent {
        #[serde(default)]
        scope: AnalysisScope,
    },
}

/// A file format for exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportFormat {
    Csv,
    Json,
    /// The self-contained HTML report (comparisons only).
    Html,
}

/// Facts about the running app, for Settings and About.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    /// The library database file.
    pub database_path: String,
    /// The folder holding it.
    pub data_dir: String,
}
