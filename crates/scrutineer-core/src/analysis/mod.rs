//! Analysis: themes (a codebook the user owns), timelines, trends, council comparisons, figures
//! classified into metrics, tracked actions, keyword in context, emergent themes, exports.
//!
//! Pure functions over rows the store loads ([`rows`]): no SQL here, no clock, no files. Time
//! and configuration are passed in. Each function's module says which rows it expects; theme
//! statistics read pre-aggregated per meeting × theme counts ([`MeetingThemeCount`]) that the
//! store keeps up to date by matching each paragraph once ([`ThemeMatcher`], [`rows::tally`]).
//!
//! - [`codebook`]: built-in codebooks, TOML/JSON import and export, validated edits,
//!   fingerprints for incremental re-application; [`pattern`] is the pattern language and
//!   [`matcher`] finds themes in paragraphs.
//! - [`trends`] (theme × council × period, and the heatmap), [`timeline`], [`compare`].
//! - [`metrics`] (figures classified), [`actions`] (tracked requests), [`kwic`] (keyword in
//!   context and pattern previews), [`emergent`] (candidate themes), [`export`] (CSV, JSON,
//!   HTML).

pub mod actions;
pub mod codebook;
pub mod compare;
pub mod emergent;
pub mod export;
mod keytext;
pub mod kwic;
pub mod matcher;
pub mod metrics;
pub mod pattern;
pub mod rows;
pub mod timeline;
pub mod trends;

pub use actions::{actions, actions_among, ActionConfig, ActionInput};
pub use codebook::{
    BuiltinCodebook, CodebookDiff, CodebookSaved, PatternList, ThemeFingerprint, ThemeProgress,
};
pub use compare::{compare, CompareConfig, CompareInput};
pub use emergent::{emergent_themes, EmergentConfig};
pub use kwic::{kwic, preview_pattern, KwicQuery};
pub use matcher::{IndexedMatch, ThemeMatcher};
pub use metrics::{classify, metric_figures};
pub use rows::{
    FigureRow, ItemRow, MeetingRow, MeetingThemeCount, ParagraphRow, ResolutionRow, ThemeEvidence,
};
pub use timeline::{
    timeline, timeline_outlined, MeetingOutline, OutlinedInput, TimelineConfig, TimelineInput,
};
pub use trends::{heatmap, trends};
