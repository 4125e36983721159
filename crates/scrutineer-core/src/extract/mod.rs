//! Extraction: text -> meeting record + diagnostics.
//!
//! Parsing never fails. [`extract`] always returns its best reading of a document; every field
//! that can be wrong carries a confidence and the evidence it was read from, and anything
//! doubtful is said in `diagnostics`. The user can correct the record later.
//!
//! Each concern has its own module, all reading the same prepared [`text::Doc`]:
//! - document structure: [`items`] (agenda items), [`paragraphs`], [`resolutions`], [`figures`];
//! - metadata: [`council`] (against the [`gazetteer`]), [`committee`], [`dates`] (the meeting's
//!   own date among the many a text mentions), [`times`] and venue, [`attendance`], [`kind`].

pub(crate) mod attendance;
pub(crate) mod committee;
pub(crate) mod council;
pub(crate) mod dates;
pub(crate) mod figures;
pub(crate) mod gazetteer;
pub(crate) mod items;
pub(crate) mod kind;
pub(crate) mod layout;
pub(crate) mod paragraphs;
pub(crate) mod resolutions;
pub(crate) mod text;
pub(crate) mod times;

use crate::model::{MeetingRecord, SourceText};
use text::Doc;

/// Read one document's text into a meeting record. Never fails and never panics.
pub fn extract(src: &SourceText) -> MeetingRecord {
    let doc = Doc::new(src);
    let mut diagnostics = Vec::new();

    // Structure first: metadata extractors use it (the attendance list is often an item). The
    // layout (lines grouped into blocks) is worked out once and shared by the four.
    let layout = layout::Layout::new(&doc);
    let items = items::find(&doc, &layout, &mut diagnostics);
    let paragraphs = paragraphs::split(&doc, &layout, &items);
    let resolutions = resolutions::find(&doc, &layout, &items, &mut diagnostics);
    let figures = figures::find(&doc, &layout, &paragraphs, &items);

    let council = council::find(&doc, &mut diagnostics);
    let committee = committee::find(&doc, &council, &mut diagnostics);
    let meeting_date = dates::meeting_date(&doc, &mut diagnostics);
    let times = times::find(&doc);
    let attendance = attendance::find(&doc, &items, &mut diagnostics);
    let kind = kind::classify(&doc, &items, &resolutions, &attendance, &mut diagnostics);
    let title = kind::title(&doc, kind, &items);

    let mut record = MeetingRecord {
        kind,
        title,
        council,
        committee,
        meeting_date,
        start_time: times.start,
        end_time: times.end,
        venue: times.venue,
        attendance,
        items,
        resolutions,
        figures,
        paragraphs,
        diagnostics,
        confidence: 0.0,
    };
    record.confidence = kind::overall_confidence(&record);
    record
}
