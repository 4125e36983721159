//! Paragraphs: the unit for search, themes and provenance.

use super::text::Doc;
use crate::model::{AgendaItem, Paragraph};

/// Split the body text into paragraphs, each with its page and item.
pub fn split(doc: &Doc, items: &[AgendaItem]) -> Vec<Paragraph> {
    let _ = (doc, items);
    Vec::new()
}
