//! The body that met: Board, Committee, Sub-Committee, Panel, Cabinet, full Council, Parish
//! Council…

use super::text::Doc;
use crate::model::{Diagnostic, NamedField};

/// Find the committee's name.
pub fn find(doc: &Doc, council: &NamedField, diagnostics: &mut Vec<Diagnostic>) -> NamedField {
    let _ = (doc, council, diagnostics);
    NamedField::default()
}
