//! Resolutions: "Resolved that…", "RESOLVED THAT:", "IT WAS AGREED that", "Decision:", numbered
//! sub-resolutions split one per record, each linked to its item.

use super::text::Doc;
use crate::model::{AgendaItem, Diagnostic, Resolution};

/// Find the decisions recorded in the document.
pub fn find(doc: &Doc, items: &[AgendaItem], diagnostics: &mut Vec<Diagnostic>) -> Vec<Resolution> {
    let _ = (doc, items, diagnostics);
    Vec::new()
}
