//! Agenda items: numbered (`10/17`, `A26/17`, `9`, `15.`, `Item 3:`, `(Item 4)`, `19.09.01`,
//! `*42`, `S-56`) and unnumbered titled items. Sub-paragraph numbering (9.1, 9.2) is not an item.

use super::text::Doc;
use crate::model::{AgendaItem, Diagnostic};

/// Find the document's agenda items, in order.
pub fn find(doc: &Doc, diagnostics: &mut Vec<Diagnostic>) -> Vec<AgendaItem> {
    let _ = (doc, diagnostics);
    Vec::new()
}
