//! Start and end times, and the venue.

use super::text::Doc;

/// When and where the meeting sat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sitting {
    /// `HH:MM`, 24-hour.
    pub start: Option<String>,
    /// `HH:MM`, 24-hour.
    pub end: Option<String>,
    pub venue: Option<String>,
}

/// Find the start time, end time and venue.
pub fn find(doc: &Doc) -> Sitting {
    let _ = doc;
    Sitting::default()
}
