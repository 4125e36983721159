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
    // Decisions are read once: items keep out of them, resolutions are made from them.
    let decisions = resolutions::Decisions::read(&doc, &layout);
    let zones = decisions.zones(&doc, &layout);
    let items = items::find_in(&doc, &layout, &zones, &mut diagnostics);
    let paragraphs = paragraphs::split(&doc, &layout, &items);
    let resolutions = resolutions::find_in(&doc, &layout, &items, &decisions, &mut diagnostics);
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

#[cfg(test)]
mod timing {
    //! How long extraction takes, on the held-out documents laid out as a 10-page document. Not
    //! a timing assertion (machines vary): run in release and read the numbers,
    //! `cargo test --release -p scrutineer-core --lib timing -- --ignored --nocapture`.

    use std::time::Instant;

    use super::*;
    use crate::model::PageText;

    /// Ten pages of minutes in different layouts, one held-out document a page.
    fn ten_pages() -> SourceText {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout");
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        let mut src = SourceText::from_plain(String::new());
        src.pages = names
            .iter()
            .take(10)
            .enumerate()
            .map(|(i, p)| PageText {
                number: i as u32 + 1,
                text: std::fs::read_to_string(p).unwrap_or_default(),
            })
            .collect();
        src
    }

    /// The fastest and the median of `runs` timings of `f`, in milliseconds: the minimum is what
    /// the code costs, the median what a busy machine gives.
    fn measure(runs: usize, f: &dyn Fn()) -> (f64, f64) {
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        (times[0], times[times.len() / 2])
    }

    #[test]
    #[ignore = "a measurement to run in release, not a check"]
    fn extraction_timing() {
        let src = ten_pages();
        let pages = src.pages.len().max(1) as f64;
        let runs = 200;
        // Warm the lazily compiled patterns and the gazetteer first.
        let _ = extract(&src);
        let (meta_min, meta_median) = measure(runs, &|| {
            let doc = Doc::new(&src);
            let mut diagnostics = Vec::new();
            let layout = layout::Layout::new(&doc);
            let items = items::find(&doc, &layout, &mut diagnostics);
            let council = council::find(&doc, &mut diagnostics);
            let _ = committee::find(&doc, &council, &mut diagnostics);
            let _ = dates::meeting_date(&doc, &mut diagnostics);
            let _ = times::find(&doc);
            let _ = attendance::find(&doc, &items, &mut diagnostics);
        });
        let (whole_min, whole_median) = measure(runs, &|| drop(extract(&src)));
        // Each stage alone, to see where the time goes.
        let doc = Doc::new(&src);
        let layout = layout::Layout::new(&doc);
        let items = items::find(&doc, &layout, &mut Vec::new());
        let paragraphs = paragraphs::split(&doc, &layout, &items);
        let council = council::find(&doc, &mut Vec::new());
        type Stage<'a> = (&'static str, Box<dyn Fn() + 'a>);
        let stages: Vec<Stage> = vec![
            ("doc", Box::new(|| drop(Doc::new(&src)))),
            ("layout", Box::new(|| drop(layout::Layout::new(&doc)))),
            (
                "items",
                Box::new(|| drop(items::find(&doc, &layout, &mut Vec::new()))),
            ),
            (
                "paragraphs",
                Box::new(|| drop(paragraphs::split(&doc, &layout, &items))),
            ),
            (
                "resolutions",
                Box::new(|| drop(resolutions::find(&doc, &layout, &items, &mut Vec::new()))),
            ),
            (
                "figures",
                Box::new(|| drop(figures::find(&doc, &layout, &paragraphs, &items))),
            ),
            (
                "council",
                Box::new(|| drop(council::find(&doc, &mut Vec::new()))),
            ),
            (
                "committee",
                Box::new(|| drop(committee::find(&doc, &council, &mut Vec::new()))),
            ),
            (
                "dates",
                Box::new(|| drop(dates::meeting_date(&doc, &mut Vec::new()))),
            ),
            ("times", Box::new(|| drop(times::find(&doc)))),
            (
                "attendance",
                Box::new(|| drop(attendance::find(&doc, &items, &mut Vec::new()))),
            ),
        ];
        for (name, f) in &stages {
            let (min, median) = measure(runs, f.as_ref());
            eprintln!("  {name:<12} {min:.3} ms (median {median:.3})");
        }
        eprintln!(
            "{pages} pages, {} bytes: metadata (with the items attendance needs) {meta_min:.2} ms, \
             {:.3} ms a page (median {meta_median:.2}); whole extract {whole_min:.2} ms (median \
             {whole_median:.2})",
            src.pages.iter().map(|p| p.text.len()).sum::<usize>(),
            meta_min / pages,
        );
        // Real minutes, when the shared corpus is beside the project: two seeds, 11 pages.
        let seeds =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
        let real: Vec<String> = ["000_2d0d26b62d562f0a.txt", "002_eb523b947f5c9452.txt"]
            .iter()
            .filter_map(|f| std::fs::read_to_string(seeds.join(f)).ok())
            .collect();
        if real.len() == 2 {
            let real = SourceText::from_plain(real.join("\n\n"));
            let (min, median) = measure(runs, &|| drop(extract(&real)));
            eprintln!(
                "two real seeds (11 pages as PDFs), {} bytes: whole extract {min:.2} ms (median {median:.2})",
                real.pages[0].text.len()
            );
        }
        assert!(whole_min > 0.0, "extraction ran");
    }
}
