//! Document structure on our own fixture minutes (`tests/fixtures/minutes/body-*.txt`): agenda
//! items, resolutions and figures against the `body-*.expected.json` beside each, plus the
//! invariants every record keeps (spans inside the text, figures inside their paragraph).
//!
//! A fixture's pages are separated by form feeds (`\f`), as a PDF's text would be.

use std::path::{Path, PathBuf};

use scrutineer_core::extract::extract;
use scrutineer_core::model::{FigureUnit, MeetingRecord, PageText, SourceText};
use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minutes")
}

/// The fixture's text as pages (split on form feeds).
pub fn source_of(text: &str) -> SourceText {
    let mut src = SourceText::from_plain(String::new());
    src.pages = text
        .split('\u{c}')
        .enumerate()
        .map(|(i, t)| PageText {
            number: i as u32 + 1,
            text: t.to_string(),
        })
        .collect();
    src
}

fn fold(s: &str) -> String {
    scrutineer_core::normalize::fold(s)
}

fn unit_name(u: FigureUnit) -> &'static str {
    match u {
        FigureUnit::Gbp => "gbp",
        FigureUnit::Eur => "eur",
        FigureUnit::Usd => "usd",
        FigureUnit::Percent => "percent",
        FigureUnit::Count => "count",
    }
}

/// Everything wrong with one fixture's record, as sentences.
fn problems(name: &str, rec: &MeetingRecord, expected: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let empty = Vec::new();

    let want_items = expected["items"].as_array().unwrap_or(&empty);
    let got_items: Vec<(Option<&str>, &str)> = rec
        .items
        .iter()
        .map(|i| (i.number.as_deref(), i.title.as_str()))
        .collect();
    let want: Vec<(Option<&str>, &str)> = want_items
        .iter()
        .map(|i| (i["number"].as_str(), i["title"].as_str().unwrap_or("")))
        .collect();
    if got_items != want {
        out.push(format!(
            "{name}: items are\n    {got_items:?}\n  expected\n    {want:?}"
        ));
    } else {
        for (got, want) in rec.items.iter().zip(want_items) {
            if let Some(p) = want["page"].as_u64() {
                if u64::from(got.page) != p {
                    out.push(format!(
                        "{name}: item {:?} is on page {}, expected {p}",
                        got.title, got.page
                    ));
                }
            }
        }
    }

    let want_res = expected["resolutions"].as_array().unwrap_or(&empty);
    if rec.resolutions.len() != want_res.len() {
        out.push(format!(
            "{name}: {} resolutions, expected {}: {:?}",
            rec.resolutions.len(),
            want_res.len(),
            rec.resolutions.iter().map(|r| &r.text).collect::<Vec<_>>()
        ));
    } else {
        for (got, want) in rec.resolutions.iter().zip(want_res) {
            let prefix = want["text_prefix"].as_str().unwrap_or("");
            if !fold(&got.text).starts_with(&fold(prefix)) {
                out.push(format!(
                    "{name}: resolution text {:?} should start {prefix:?}",
                    got.text
                ));
            }
            if got.item.as_deref() != want["item"].as_str() {
                out.push(format!(
                    "{name}: resolution {:?} belongs to item {:?}, expected {:?}",
                    got.text, got.item, want["item"]
                ));
            }
            if let Some(p) = want["page"].as_u64() {
                if u64::from(got.page) != p {
                    out.push(format!(
                        "{name}: resolution {:?} is on page {}, expected {p}",
                        got.text, got.page
                    ));
                }
            }
        }
    }

    let want_figs = expected["figures"].as_array().unwrap_or(&empty);
    let described: Vec<String> = rec
        .figures
        .iter()
        .map(|f| format!("{} ({}, {:?})", f.text, unit_name(f.unit), f.what))
        .collect();
    if rec.figures.len() != want_figs.len() {
        out.push(format!(
            "{name}: {} figures, expected {}: {described:?}",
            rec.figures.len(),
            want_figs.len()
        ));
    } else {
        for (got, want) in rec.figures.iter().zip(want_figs) {
            let value = want["value"].as_f64().unwrap_or(f64::NAN);
            let max = want["value_max"].as_f64();
            let ok_value = (got.value - value).abs() < 1e-6
                && match (got.value_max, max) {
                    (Some(a), Some(b)) => (a - b).abs() < 1e-6,
                    (None, None) => true,
                    _ => false,
                };
            let ok_unit = Some(unit_name(got.unit)) == want["unit"].as_str();
            let ok_what = want["what_contains"].as_str().is_none_or(|w| {
                got.what
                    .as_deref()
                    .is_some_and(|g| fold(g).contains(&fold(w)))
            });
            let ok_approx = want["approximate"]
                .as_bool()
                .is_none_or(|a| a == got.approximate);
            let ok_page = want["page"]
                .as_u64()
                .is_none_or(|p| p == u64::from(got.page));
            if !(ok_value && ok_unit && ok_what && ok_approx && ok_page) {
                out.push(format!(
                    "{name}: figure {:?} = {} {:?} {} what {:?} approx {} page {} does not match {want}",
                    got.text,
                    got.value,
                    got.value_max,
                    unit_name(got.unit),
                    got.what,
                    got.approximate,
                    got.page
                ));
            }
        }
    }

    if let Some(wanted) = expected["paragraphs_contain"].as_array() {
        for w in wanted.iter().filter_map(Value::as_str) {
            if !rec.paragraphs.iter().any(|p| p.text.contains(w)) {
                out.push(format!("{name}: no paragraph contains {w:?}"));
            }
        }
    }
    out
}

/// The invariants of any record: spans are char-aligned ranges of the text, texts are what the
/// spans hold, figures sit inside their paragraph, indices point at real records.
pub fn invariant_problems(name: &str, src: &SourceText, rec: &MeetingRecord) -> Vec<String> {
    let original: String = src
        .pages
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(scrutineer_core::model::PAGE_JOINER);
    let mut out = Vec::new();
    let valid = |s: scrutineer_core::model::Span| {
        s.start <= s.end
            && s.end <= original.len()
            && original.is_char_boundary(s.start)
            && original.is_char_boundary(s.end)
    };
    let spans = rec
        .items
        .iter()
        .map(|i| ("item", i.span))
        .chain(rec.paragraphs.iter().map(|p| ("paragraph", p.span)))
        .chain(rec.resolutions.iter().map(|r| ("resolution", r.span)))
        .chain(rec.figures.iter().map(|f| ("figure", f.span)));
    for (what, span) in spans {
        if !valid(span) {
            out.push(format!(
                "{name}: {what} span {span:?} is not a char-aligned range of the text"
            ));
        }
    }
    for f in &rec.figures {
        let Some(pi) = f.paragraph_index else {
            out.push(format!("{name}: figure {:?} has no paragraph", f.text));
            continue;
        };
        let Some(p) = rec.paragraphs.get(pi) else {
            out.push(format!(
                "{name}: figure {:?} points at missing paragraph {pi}",
                f.text
            ));
            continue;
        };
        if f.span.start < p.span.start || f.span.end > p.span.end {
            out.push(format!(
                "{name}: figure {:?} lies outside its paragraph",
                f.text
            ));
        }
        if !p.text.contains(&f.text) || !p.text.contains(&f.sentence) {
            out.push(format!(
                "{name}: figure {:?} or its sentence is not in its paragraph's text",
                f.text
            ));
        }
        if f.item_index != p.item_index {
            out.push(format!(
                "{name}: figure {:?} and its paragraph disagree on the item",
                f.text
            ));
        }
    }
    for r in &rec.resolutions {
        if r.item_index.is_some_and(|i| i >= rec.items.len()) {
            out.push(format!(
                "{name}: resolution {:?} points at a missing item",
                r.text
            ));
        }
    }
    for p in &rec.paragraphs {
        if p.item_index.is_some_and(|i| i >= rec.items.len()) {
            out.push(format!(
                "{name}: paragraph {:?} points at a missing item",
                p.text
            ));
        }
        let held = original[p.span.start..p.span.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let first_word = p.text.split_whitespace().next().unwrap_or("");
        if !held.contains(first_word) {
            out.push(format!(
                "{name}: paragraph {:?} does not start inside its span",
                p.text
            ));
        }
    }
    out
}

#[test]
fn every_body_fixture_reads_as_expected() {
    let dir = fixtures_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("body-") && n.ends_with(".txt"))
    });
    paths.sort();
    assert!(
        paths.len() >= 12,
        "at least 12 body fixtures are present, found {}",
        paths.len()
    );
    let mut all = Vec::new();
    for path in &paths {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name} is readable: {e}"));
        let expected_path = path.with_extension("expected.json");
        let expected: Value = std::fs::read_to_string(&expected_path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_else(|| panic!("{name} has a valid {}", expected_path.display()));
        let src = source_of(&text);
        let rec = extract(&src);
        all.extend(problems(&name, &rec, &expected));
        all.extend(invariant_problems(&name, &src, &rec));
    }
    assert!(
        all.is_empty(),
        "every fixture's structure is read as expected:\n{}",
        all.join("\n")
    );
}

mod properties {
    use proptest::prelude::*;
    use scrutineer_core::extract::extract;
    use scrutineer_core::model::{PageText, SourceText, Span, PAGE_JOINER};

    /// Pieces minutes are made of, so random text reaches the extractors' interesting paths.
    const PIECES: &[&str] = &[
        "RESOLVED that:",
        "Resolved:-",
        "IT WAS AGREED that",
        "Decision:",
        "Recommendations:",
        "Motion by Cllr A, seconded by Cllr B, to approve",
        "Motion carried 5-0.",
        "(1) that",
        "(ii)",
        "1.",
        "9.1",
        "a)",
        "- ",
        "• ",
        "12/17",
        "A26/17",
        "Item 3:",
        "(Item 4)",
        "*42",
        "S-56",
        "19.09.01",
        "Minute 45",
        "£23,000",
        "£1.2m",
        "approx.",
        "between 12 and 20",
        "36%",
        "12 per cent",
        "two thirds of",
        "three",
        "aged 18",
        "2017-18",
        "24th April",
        "5.00 pm",
        "0121 569 3896",
        "**",
        "#",
        "<u>",
        "\u{2013}",
        "\u{00A0}",
        "\u{FB01}",
        "é",
        "\u{1F600}",
        "\r\n",
        "\n",
        "\n\n",
        "\t",
        " ",
        "the ",
        "Committee ",
        "foster carers ",
        "Present: ",
        "Apologies",
        ".",
        ",",
        ";",
        ":",
        "(",
        ")",
        "\u{00AD}",
        "\u{200B}",
        "…",
    ];

    fn minutes_like() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(PIECES).prop_map(str::to_string),
                1 => any::<String>(),
                1 => "[0-9]{1,6}",
            ],
            0..80,
        )
        .prop_map(|parts| parts.concat())
    }

    fn valid(original: &str, s: Span) -> bool {
        s.start <= s.end
            && s.end <= original.len()
            && original.is_char_boundary(s.start)
            && original.is_char_boundary(s.end)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn extraction_never_panics_and_spans_stay_in_the_text(
            pages in prop::collection::vec(minutes_like(), 1..4)
        ) {
            let mut src = SourceText::from_plain(String::new());
            src.pages = pages
                .iter()
                .enumerate()
                .map(|(i, t)| PageText { number: i as u32 + 1, text: t.clone() })
                .collect();
            let original = pages.join(PAGE_JOINER);
            let rec = extract(&src);
            for it in &rec.items {
                prop_assert!(valid(&original, it.span), "item span {:?} is a char-aligned range of the text", it.span);
            }
            for p in &rec.paragraphs {
                prop_assert!(valid(&original, p.span), "paragraph span {:?} is a char-aligned range of the text", p.span);
                prop_assert!(p.item_index.is_none_or(|i| i < rec.items.len()), "a paragraph's item exists");
            }
            for r in &rec.resolutions {
                prop_assert!(valid(&original, r.span), "resolution span {:?} is a char-aligned range of the text", r.span);
                prop_assert!(r.item_index.is_none_or(|i| i < rec.items.len()), "a resolution's item exists");
            }
            for f in &rec.figures {
                prop_assert!(valid(&original, f.span), "figure span {:?} is a char-aligned range of the text", f.span);
                prop_assert!(f.value.is_finite(), "figure values are finite");
                prop_assert!(f.paragraph_index.is_none_or(|i| i < rec.paragraphs.len()), "a figure's paragraph exists");
            }
        }
    }
}
