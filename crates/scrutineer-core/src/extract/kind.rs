//! What sort of document this is (minutes, report, agenda item page, unknown), its title, and
//! the record's overall confidence.

use super::text::Doc;
use crate::model::{AgendaItem, Attendance, Diagnostic, DocKind, MeetingRecord, Resolution};

/// Classify the document.
pub fn classify(
    doc: &Doc,
    items: &[AgendaItem],
    resolutions: &[Resolution],
    attendance: &Attendance,
    diagnostics: &mut Vec<Diagnostic>,
) -> DocKind {
    let _ = (doc, items, resolutions, attendance, diagnostics);
    DocKind::Unknown
}

/// The document's own title, when it has one.
pub fn title(doc: &Doc, kind: DocKind, items: &[AgendaItem]) -> Option<String> {
    let _ = (kind, items);
    doc.title.clone()
}

/// How far to trust the record as a whole, 0.0–1.0.
pub fn overall_confidence(record: &MeetingRecord) -> f32 {
    let fields = [
        record.council.confidence,
        record.committee.confidence,
        record.meeting_date.confidence,
    ];
    fields.iter().sum::<f32>() / fields.len() as f32
}
