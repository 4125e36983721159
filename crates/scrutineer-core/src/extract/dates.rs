//! Dates: parsing every way councils write them, and choosing the meeting's own date among the
//! many a text mentions (previous meetings, running headers, report dates, future visits).

use super::text::Doc;
use crate::model::{DateField, Diagnostic};

/// The meeting's own date, or null with the window the text implies.
pub fn meeting_date(doc: &Doc, diagnostics: &mut Vec<Diagnostic>) -> DateField {
    let _ = (doc, diagnostics);
    DateField::default()
}
