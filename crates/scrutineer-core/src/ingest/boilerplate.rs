//! Running headers, footers and page numbers: recognised across pages and kept out of the body.
//!
//! A PDF of minutes repeats the committee's name and the meeting date at the top or bottom of
//! every page, with a page number. Left in the text they split paragraphs in two, turn up as
//! false agenda items, and offer extraction a second "meeting date" (often another meeting's:
//! headers are copied from template to template). They are recognised by repetition:
//!
//! - a line in the first or last three lines of a page that repeats, with its digits folded
//!   (so "Page 3" and "Page 4" match), on at least half the pages (and at least three); a
//!   two-page document needs the same line exactly on both pages;
//! - a dated, header-like line (not a sentence) that repeats exactly, once per page, anywhere
//!   on at least half the pages, because extractors sometimes emit a running header mid-text
//!   (undated headings are not enough: a bundle of several meetings' minutes repeats its
//!   section headings on page after page);
//! - page-number lines ("Page 3 of 12", "- 3 -", a bare "3" at a page's edge when it matches
//!   the page's place in the document).
//!
//! A line that occurs once is never removed. What is removed is listed (page and text) so the
//! user can see it. Text files have no pages; there only explicit page markers and a dated
//! header line repeated at least three times are removed, keeping its first occurrence.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use crate::model::RemovedLine;

/// Pages with their boilerplate removed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stripped {
    pub pages: Vec<String>,
    pub removed: Vec<RemovedLine>,
}

/// How many non-blank lines at each end of a page count as its top or bottom.
const EDGE: usize = 3;

/// Remove running headers, footers and page numbers from the pages of a PDF.
pub fn strip_pages(pages: &[String]) -> Stripped {
    let n = pages.len();
    let split: Vec<Vec<&str>> = pages.iter().map(|p| p.split('\n').collect()).collect();
    let edges: Vec<Vec<usize>> = split.iter().map(|lines| edge_lines(lines)).collect();

    let mut running: HashMap<String, usize> = HashMap::new();
    let mut exact_anywhere: HashMap<&str, (usize, usize)> = HashMap::new();
    for (lines, edge) in split.iter().zip(&edges) {
        // A line alone on its page is that page's text, not a header over it: a document of
        // one-line pages ("This is page 7 of …") would otherwise lose every word. Such pages
        // do not vote; a running line found on the others is still removed from them.
        let alone = lines.iter().filter(|l| !l.trim().is_empty()).count() < 2;
        let mut keys: Vec<String> = edge
            .iter()
            .map(|&i| {
                if n >= 3 {
                    fold(lines[i])
                } else {
                    squash(lines[i])
                }
            })
            .filter(|k| !k.is_empty() && !alone)
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *running.entry(k).or_default() += 1;
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for line in lines {
            let t = line.trim();
            if !t.is_empty() {
                *seen.entry(t).or_default() += 1;
            }
        }
        for (t, count) in seen {
            let e = exact_anywhere.entry(t).or_default();
            e.0 += 1;
            e.1 = e.1.max(count);
        }
    }
    let needed = if n >= 3 { (n.div_ceil(2)).max(3) } else { 2 };
    let is_running = |line: &str| -> bool {
        if n < 2 {
            return false;
        }
        let key = if n >= 3 { fold(line) } else { squash(line) };
        !key.is_empty() && !only_numbers(&key) && running.get(&key).is_some_and(|&c| c >= needed)
    };
    let is_repeated_header = |line: &str| -> bool {
        let t = line.trim();
        n >= 3
            && header_like(t)
            && has_date(t)
            && exact_anywhere
                .get(t)
                .is_some_and(|&(pages, most)| pages >= needed && most == 1)
    };

    let mut out = Stripped::default();
    for (p, lines) in split.iter().enumerate() {
        let page_no = p + 1;
        let edge = &edges[p];
        let mut remove = vec![false; lines.len()];
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            let at_edge = edge.contains(&i);
            remove[i] = (at_edge && is_running(t))
                || is_repeated_header(t)
                || explicit_page_number(t)
                || (at_edge && edge_page_number(t, page_no, n));
        }
        let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
        for (i, line) in lines.iter().enumerate() {
            if remove[i] {
                out.removed.push(RemovedLine {
                    page: page_no as u32,
                    text: line.trim().to_string(),
                });
            } else {
                kept.push(line);
            }
        }
        out.pages.push(if remove.contains(&true) {
            collapse_blank_lines(&kept)
        } else {
            lines.join("\n")
        });
    }
    out
}

/// Remove page markers and a repeated dated header from a text file (one page). The header's
/// first occurrence is kept: in a text file it is usually also the document's title.
pub fn strip_text(text: &str) -> (String, Vec<RemovedLine>) {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for line in &lines {
        let t = line.trim();
        if !t.is_empty() {
            *counts.entry(t).or_default() += 1;
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut removed = Vec::new();
    let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
    for line in &lines {
        let t = line.trim();
        let repeat = if t.is_empty() {
            0
        } else {
            let s = seen.entry(t).or_default();
            *s += 1;
            *s
        };
        let running_header = repeat > 1 && counts[t] >= 3 && header_like(t) && has_date(t);
        if !t.is_empty() && (running_header || explicit_page_number(t)) {
            removed.push(RemovedLine {
                page: 1,
                text: t.to_string(),
            });
        } else {
            kept.push(line);
        }
    }
    if removed.is_empty() {
        return (text.to_string(), removed);
    }
    (kept.join("\n"), removed)
}

/// Indices of the first and last [`EDGE`] non-blank lines.
fn edge_lines(lines: &[&str]) -> Vec<usize> {
    let non_blank: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    let mut edge: Vec<usize> = non_blank.iter().take(EDGE).copied().collect();
    edge.extend(non_blank.iter().rev().take(EDGE).copied());
    edge.sort_unstable();
    edge.dedup();
    edge
}

/// Whitespace collapsed.
fn squash(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whitespace collapsed and every run of digits folded to `#`, so page-numbered lines match.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_digits = false;
    for word in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
            in_digits = false;
        }
        for c in word.chars() {
            if c.is_ascii_digit() {
                if !in_digits {
                    out.push('#');
                }
                in_digits = true;
            } else {
                out.push(c);
                in_digits = false;
            }
        }
    }
    out
}

/// Keys made only of numbers and punctuation ("#", "#/#") are item or paragraph numbers as
/// often as page numbers; those are left to the page-number rules, which check the value.
fn only_numbers(key: &str) -> bool {
    !key.chars().any(char::is_alphabetic)
}

/// A running header looks like a heading, not a sentence: short, not ending in sentence
/// punctuation, mostly capitalised words or carrying a date.
fn header_like(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    if t.chars().count() < 8 || t.chars().count() > 120 || words.len() < 2 {
        return false;
    }
    if t.ends_with(['.', ',', ';', ':', '?', '!']) {
        return false;
    }
    let lettered: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let capitalised = lettered
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    has_date(t) || (!lettered.is_empty() && capitalised * 3 >= lettered.len() * 2)
}

fn has_date(t: &str) -> bool {
    static DATE: OnceLock<Option<Regex>> = OnceLock::new();
    DATE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4})\b",
        )
        .ok()
    })
    .as_ref()
    .is_some_and(|re| re.is_match(t))
}

/// "Page 3", "Page 3 of 12", "page 3/12", "- 3 -": page markers wherever they stand.
fn explicit_page_number(t: &str) -> bool {
    static PAGE: OnceLock<Option<Regex>> = OnceLock::new();
    PAGE.get_or_init(|| {
        Regex::new(r"(?i)^(?:(?:page|pg\.?)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-\u{2013}\u{2014}]\s*\d{1,4}\s*[-\u{2013}\u{2014}])$")
            .ok()
    })
    .as_ref()
    .is_some_and(|re| re.is_match(t))
}

/// At a page's edge: a bare number close to the page's place ("3" on page 3, allowing for
/// unnumbered cover pages), or "3 of 12" / "3/12" naming the document's page count.
fn edge_page_number(t: &str, page: usize, pages: usize) -> bool {
    if let Ok(v) = t.parse::<usize>() {
        return t.len() <= 4 && v.abs_diff(page) <= 3;
    }
    let parts: Vec<&str> = t
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|s| !s.is_empty() && !s.eq_ignore_ascii_case("of"))
        .collect();
    if let [a, b] = parts.as_slice() {
        if let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
            return b == pages && a.abs_diff(page) <= 3;
        }
    }
    false
}

fn collapse_blank_lines(lines: &[&str]) -> String {
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    for line in lines {
        let blank = line.trim().is_empty();
        if blank && out.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lines_that_occur_once_are_never_removed(
            pages in prop::collection::vec(prop::collection::vec("[A-Za-z][a-z]{2,9}( [A-Za-z][a-z]{1,9}){0,6}[.:]?", 1..12), 1..8)
        ) {
            // Make every line unique across the document.
            let mut seen = std::collections::HashSet::new();
            let pages: Vec<String> = pages
                .into_iter()
                .map(|lines| {
                    lines
                        .into_iter()
                        .filter(|l| seen.insert(squash(l)))
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect();
            let got = strip_pages(&pages);
            prop_assert!(got.removed.is_empty(), "removed {:?}", got.removed);
            prop_assert_eq!(got.pages, pages);
        }

        #[test]
        fn stripping_never_panics_and_keeps_the_page_count(
            pages in prop::collection::vec("(?s).{0,300}", 0..6)
        ) {
            let got = strip_pages(&pages);
            prop_assert_eq!(got.pages.len(), pages.len());
            for r in &got.removed {
                prop_assert!(pages[r.page as usize - 1].contains(r.text.as_str()), "a removed line was on its page");
            }
            let joined = pages.join("\n");
            let (text, removed) = strip_text(&joined);
            prop_assert!(text.len() <= joined.len());
            prop_assert!(removed.len() <= joined.lines().count());
        }
    }

    fn pages(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn running_header_and_numbered_footer_are_removed() {
        let input = pages(&[
            "Harbour Board 4 June 2021\n\nMINUTES\n\nThe Board met.\n\nHarbour Board minutes Page 1",
            "Harbour Board 4 June 2021\n\nItem 2 continued here.\n\nHarbour Board minutes Page 2",
            "Harbour Board 4 June 2021\n\nItem 3 text.\n\nHarbour Board minutes Page 3",
        ]);
        let got = strip_pages(&input);
        assert_eq!(got.pages[0], "MINUTES\n\nThe Board met.");
        assert_eq!(got.pages[1], "Item 2 continued here.");
        assert_eq!(
            got.removed.len(),
            6,
            "header and footer on each of 3 pages: {:?}",
            got.removed
        );
        assert_eq!(got.removed[5].page, 3);
        assert_eq!(got.removed[5].text, "Harbour Board minutes Page 3");
    }

    #[test]
    fn one_line_pages_keep_their_text() {
        let input: Vec<String> = (1..=6)
            .map(|i| format!("This is page {i} of a report on street lighting."))
            .collect();
        let got = strip_pages(&input);
        assert!(
            got.removed.is_empty(),
            "a line alone on every page is the text, not a running footer: {:?}",
            got.removed
        );
        assert_eq!(got.pages, input);
        let mut with_blank = pages(&[
            "Lighting Panel 3 May 2022\n\nThe panel met.\n\nLighting Panel minutes Page 1",
            "Lighting Panel 3 May 2022\n\nLamps were replaced.\n\nLighting Panel minutes Page 2",
            "Lighting Panel 3 May 2022\n\nNo questions.\n\nLighting Panel minutes Page 3",
        ]);
        with_blank.push("Lighting Panel minutes Page 4".into());
        let got = strip_pages(&with_blank);
        assert_eq!(
            got.pages[3], "",
            "a footer alone on a blank page is still removed when other pages show it is a footer"
        );
    }

    #[test]
    fn lines_that_occur_once_are_kept() {
        let input = pages(&[
            "Alpha\nResolved that the plan be approved.",
            "Beta",
            "Gamma\n3",
        ]);
        let got = strip_pages(&input);
        assert_eq!(
            got.pages,
            pages(&[
                "Alpha\nResolved that the plan be approved.",
                "Beta",
                "Gamma"
            ])
        );
        assert_eq!(
            got.removed,
            vec![RemovedLine {
                page: 3,
                text: "3".into()
            }],
            "only the bare page number goes"
        );
    }

    #[test]
    fn item_numbers_at_page_edges_are_not_page_numbers() {
        let input = pages(&[
            "Opening text\n12/21",
            "Budget\nspending\n13/21",
            "Roads\npotholes\n14/21",
            "Parks\ntrees\n15/21",
        ]);
        let got = strip_pages(&input);
        assert!(
            got.removed.is_empty(),
            "item numbers stay: {:?}",
            got.removed
        );
        let input = pages(&["Intro\n45", "Body\n46", "Close\n47"]);
        assert!(
            strip_pages(&input).removed.is_empty(),
            "numbers far from the page's place stay"
        );
    }

    #[test]
    fn two_page_documents_need_exact_repeats() {
        let input = pages(&[
            "Parish Council\nText one\nPage 1 of 2",
            "Parish Council\nText two\nPage 2 of 2",
        ]);
        let got = strip_pages(&input);
        assert_eq!(got.pages, pages(&["Text one", "Text two"]));
        let input = pages(&["Report 1 draft\nText one", "Report 2 draft\nText two"]);
        assert!(
            strip_pages(&input).removed.is_empty(),
            "folded matches need three pages"
        );
    }

    #[test]
    fn a_running_header_mid_page_is_removed_but_a_repeated_sentence_is_not() {
        let header = "Scrutiny Panel 14 March 2019";
        let input: Vec<String> = ["Alpha", "Bravo", "Charlie", "Delta"]
            .iter()
            .map(|w| format!("{w} opens\n{w} two\n{w} three\n{header}\n{w} four\nThe panel noted the report.\n{w} five\n{w} six\n{w} ends"))
            .collect();
        let got = strip_pages(&input);
        assert!(
            got.pages.iter().all(|p| !p.contains(header)),
            "the mid-page header goes"
        );
        assert!(
            got.pages
                .iter()
                .all(|p| p.contains("The panel noted the report.")),
            "a sentence repeated on every page is body text"
        );
    }

    #[test]
    fn text_files_lose_page_markers_and_repeated_dated_headers() {
        let text = "Licensing Committee 2 May 2023\r\nMinutes\r\nText\r\nPage 1 of 2\r\nLicensing Committee 2 May 2023\r\nMore\r\nLicensing Committee 2 May 2023\r\nEnd";
        let (out, removed) = strip_text(text);
        assert_eq!(
            out,
            "Licensing Committee 2 May 2023\r\nMinutes\r\nText\r\nMore\r\nEnd"
        );
        assert_eq!(removed.len(), 3);
        let text = "Agreed\nAgreed\nAgreed\nThe End";
        assert_eq!(
            strip_text(text).0,
            text,
            "undated repeated lines stay in text files"
        );
    }
}
