//! Paragraphs: the unit for search, themes and provenance.
//!
//! A paragraph is a block of the layout (see [`super::layout`]): blank-line separated text with
//! wrapped lines joined, each bullet or list entry on its own, and a sentence that breaks across
//! a page (or a running header) kept whole, on the page where it starts.
//!
//! Headings: a line that is wholly an agenda item's heading ("11/17 Fostering Services") is not
//! a paragraph; the item's title carries it. Every other line is, including short lines such as
//! sub-topic headings and labels, so that no body text is lost to search. A heading line that
//! carries body text too ("15. Present: Councillors Ash, Birch…") stays a paragraph.
//!
//! `text` is the original text of the paragraph's lines (whitespace collapsed, lines joined by a
//! space, running headers left out); `span` runs from its first character to its last.

use std::collections::HashSet;

use super::layout::Layout;
use super::resolutions::item_containing;
use super::text::Doc;
use crate::model::{AgendaItem, Paragraph};

/// Split the body text into paragraphs, each with its page and item.
pub fn split(doc: &Doc, layout: &Layout, items: &[AgendaItem]) -> Vec<Paragraph> {
    runs(doc, layout, items)
        .into_iter()
        .map(|run| {
            let flow = layout.flow_of(doc, &run);
            let flow = flow.as_ref();
            let len = flow.text.len();
            let span = flow.span(doc, 0, len);
            Paragraph {
                text: flow.original(doc, 0, len),
                page: doc.page_at(flow.norm_at(0)),
                item_index: item_containing(items, span.start),
                span,
            }
        })
        .collect()
}

/// The lines of each paragraph, in order: the layout's blocks without item heading lines.
pub(crate) fn runs(doc: &Doc, layout: &Layout, items: &[AgendaItem]) -> Vec<Vec<usize>> {
    let heads = heading_lines(doc, layout, items);
    let mut out = Vec::new();
    for block in &layout.blocks {
        let mut run: Vec<usize> = Vec::new();
        for &l in &block.lines {
            if heads.contains(&l) {
                if !run.is_empty() {
                    out.push(std::mem::take(&mut run));
                }
                continue;
            }
            run.push(l);
        }
        if !run.is_empty() {
            out.push(run);
        }
    }
    out.retain(|run| {
        run.iter()
            .any(|&l| doc.lines[l].plain.chars().any(char::is_alphanumeric))
    });
    out
}

/// Letters and digits only, lower-cased: the key two renderings of a heading share.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The lines that are wholly an item's heading: from the item's first line, the few lines whose
/// text is the item's number and title (and perhaps an agenda reference) and nothing more.
fn heading_lines(doc: &Doc, layout: &Layout, items: &[AgendaItem]) -> HashSet<usize> {
    let mut heads = HashSet::new();
    for item in items {
        let title = key(&item.title);
        if title.is_empty() {
            continue;
        }
        let number = item.number.as_deref().map(key).unwrap_or_default();
        let allowance = number.len() + 24;
        let mut line = doc.line_at(doc.norm_offset(item.span.start));
        let mut acc = String::new();
        let mut taken = Vec::new();
        for _ in 0..4 {
            let l = &doc.lines[line];
            if !l.is_blank() && !layout.furniture[line] {
                acc.push_str(&key(&l.plain));
                taken.push(line);
                if acc.contains(&title) && acc.len() <= title.len() + allowance {
                    heads.extend(taken.iter().copied());
                    break;
                }
                if acc.len() > title.len() + allowance {
                    break;
                }
            }
            match layout.next_content(doc, line) {
                Some(n) => line = n,
                None => break,
            }
        }
    }
    heads
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::items;
    use crate::model::{PageText, SourceText};

    fn paragraphs(src: &SourceText) -> Vec<(String, u32, Option<usize>)> {
        let doc = Doc::new(src);
        let layout = Layout::new(&doc);
        let items = items::find(&doc, &layout, &mut Vec::new());
        split(&doc, &layout, &items)
            .into_iter()
            .map(|p| (p.text, p.page, p.item_index))
            .collect()
    }

    /// (rule, input, expected paragraphs as (text, page, item index)).
    type Case = (&'static str, SourceText, Vec<(String, u32, Option<usize>)>);

    fn p(text: &str, page: u32, item: Option<usize>) -> (String, u32, Option<usize>) {
        (text.to_string(), page, item)
    }

    #[test]
    fn paragraphs_follow_the_rules() {
        let cases: Vec<Case> = vec![
            (
                "item headings are not paragraphs; body paragraphs link to their item",
                SourceText::from_plain(
                    "Minutes of the Board\n\n1. Apologies\n\nNone were received.\n\n2. Parks\n\nThe parks were discussed.\n\n- a bullet point;\n- another one.",
                ),
                vec![
                    p("Minutes of the Board", 1, None),
                    p("None were received.", 1, Some(0)),
                    p("The parks were discussed.", 1, Some(1)),
                    p("- a bullet point;", 1, Some(1)),
                    p("- another one.", 1, Some(1)),
                ],
            ),
            (
                "a heading line that carries body text stays a paragraph",
                SourceText::from_plain(
                    "15. Present: Councillors Ash, Birch, Cedar, Dogwood, Elm, Fir and Gorse with officers.\n\n16. Apologies\n\nNone.",
                ),
                vec![
                    p("15. Present: Councillors Ash, Birch, Cedar, Dogwood, Elm, Fir and Gorse with officers.", 1, Some(0)),
                    p("None.", 1, Some(1)),
                ],
            ),
            (
                "a sentence broken by a page break is one paragraph on the page where it starts",
                {
                    let mut src = SourceText::from_plain("1. Apologies\n\nNone.\n\n2. Budget\n\nThe treasurer said that the\n");
                    src.pages.push(PageText {
                        number: 2,
                        text: "reserves were healthy.\n\nNext point.".into(),
                    });
                    src
                },
                vec![
                    p("None.", 1, Some(0)),
                    p("The treasurer said that the reserves were healthy.", 1, Some(1)),
                    p("Next point.", 2, Some(1)),
                ],
            ),
        ];
        for (rule, src, expected) in cases {
            assert_eq!(paragraphs(&src), expected, "{rule}");
        }
    }

    #[test]
    fn paragraph_text_is_the_original() {
        let src = SourceText::from_plain(
            "The \u{201C}front door\u{201D} was\nre-opened \u{2013} at last.",
        );
        let doc = Doc::new(&src);
        let paras = split(&doc, &Layout::new(&doc), &[]);
        assert_eq!(paras.len(), 1);
        assert_eq!(
            paras[0].text, "The \u{201C}front door\u{201D} was re-opened \u{2013} at last.",
            "paragraph text keeps the original characters"
        );
        assert_eq!(
            doc.original_text(paras[0].span),
            "The \u{201C}front door\u{201D} was\nre-opened \u{2013} at last.",
            "the span covers the paragraph in the original"
        );
    }
}
