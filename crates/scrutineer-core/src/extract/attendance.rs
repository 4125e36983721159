//! Attendance: present (chair marked), apologies, in attendance / also present / officers /
//! witnesses; names separated from roles.

use super::text::Doc;
use crate::model::{AgendaItem, Attendance, Diagnostic};

/// Find who attended and who sent apologies.
pub fn find(doc: &Doc, items: &[AgendaItem], diagnostics: &mut Vec<Diagnostic>) -> Attendance {
    let _ = (doc, items, diagnostics);
    Attendance::default()
}
