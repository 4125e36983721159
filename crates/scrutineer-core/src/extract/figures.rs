//! Figures: money, counts with their noun, percentages and ranges, each with its sentence.

use super::text::Doc;
use crate::model::{AgendaItem, Figure, Paragraph};

/// Find the figures stated in the paragraphs.
pub fn find(doc: &Doc, paragraphs: &[Paragraph], items: &[AgendaItem]) -> Vec<Figure> {
    let _ = (doc, paragraphs, items);
    Vec::new()
}
