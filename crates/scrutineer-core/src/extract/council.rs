//! The council a document belongs to, recognised against the [`super::gazetteer`].

use super::text::Doc;
use crate::model::{Diagnostic, NamedField};

/// Find the council; `name` is the gazetteer's canonical name.
pub fn find(doc: &Doc, diagnostics: &mut Vec<Diagnostic>) -> NamedField {
    let _ = (doc, diagnostics);
    NamedField::default()
}
