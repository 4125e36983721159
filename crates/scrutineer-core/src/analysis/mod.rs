//! Analysis: themes (a codebook the user owns), timelines, trends, council comparisons, figures
//! classified into metrics, tracked actions, keyword in context, emergent themes.
//!
//! Pure functions over records the store loads: no SQL here. Time and configuration are passed
//! in, never read from the clock.

pub mod codebook;
mod keytext;
pub mod matcher;
pub mod pattern;
pub mod rows;

pub use codebook::{BuiltinCodebook, CodebookDiff, PatternList, ThemeFingerprint};
pub use matcher::ThemeMatcher;
pub use rows::{
    FigureRow, ItemRow, MeetingRow, MeetingThemeCount, ParagraphRow, ResolutionRow,
    ThemeEvidence,
};
