//! Resolutions: the decisions a meeting recorded, one record per decision.
//!
//! Councils write decisions in many ways: "Resolved that…", "RESOLVED THAT:", "Resolved:-" or
//! "RESOLVED:" on a line of its own above the text, "Resolved - That the Committee:" above a
//! numbered list, "IT WAS AGREED that", "AGREED:", "Decision:", "The Committee resolved to…",
//! "Proposed by Cllr X, seconded by Cllr Y and RESOLVED that…", American "Motion by X, seconded
//! by Y, to approve… Motion carried 5-0" and "ACTION:". A report records none of these; there
//! the recommended decision ("Recommendations:") is what the committee is asked to resolve, so
//! it is read as the resolution when nothing stronger is in the document.
//!
//! A lead-in is followed by its text on the same line, by one paragraph, or by a list ("(1)
//! that…", "1. Agrees…", "(i) The…", "a)…", bullets) that may run across a page break and a
//! running header; each entry of the list is one decision. Bullets under a numbered entry belong
//! to it. The text is stored without the lead-in ("Resolved that") and without the entry's
//! label and opening "that".
//!
//! Agenda-item detection asks this module where decisions are ([`Decisions::zones`]) so that numbered
//! decisions are never mistaken for agenda items.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::layout::{
    ends_clause, is_bare_label, label, opens_block, sentences, starts_lower, Flow, LabelStyle,
    Layout,
};
use super::text::Doc;
use crate::model::{AgendaItem, Diagnostic, Resolution, StandingItem};

/// Find the decisions recorded in the document.
#[cfg(test)]
pub fn find(
    doc: &Doc,
    layout: &Layout,
    items: &[AgendaItem],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Resolution> {
    let found = Decisions::read(doc, layout);
    find_in(doc, layout, items, &found, diagnostics)
}

/// The decisions of a document, read once: agenda items ask where they are ([`Decisions::zones`])
/// before the resolutions are made from them.
pub(crate) struct Decisions<'a>(Vec<Decision<'a>>);

impl<'a> Decisions<'a> {
    pub(crate) fn read(doc: &Doc, layout: &'a Layout) -> Decisions<'a> {
        Decisions(decisions(doc, layout))
    }

    /// See [`zones`].
    pub(crate) fn zones(&self, doc: &Doc, layout: &Layout) -> Vec<bool> {
        zone_of(doc, layout, &self.0)
    }
}

/// Find the decisions recorded in the document, from its decisions read once.
pub(crate) fn find_in(
    doc: &Doc,
    layout: &Layout,
    items: &[AgendaItem],
    found: &Decisions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Resolution> {
    let found = &found.0;
    let item_heads: Vec<usize> = items
        .iter()
        .map(|it| doc.line_at(doc.norm_offset(it.span.start)))
        .collect();
    let mut out = Vec::new();
    for decision in found {
        if decision.entries.is_empty() {
            diagnostics.push(Diagnostic::info(
                "resolutions.empty",
                format!(
                    "A decision lead-in on page {} has no text after it.",
                    doc.lines[layout.blocks[decision.lead].first()].page
                ),
            ));
            continue;
        }
        for entry in &decision.entries {
            let first_line = layout.blocks[entry.block].first();
            if entry.block != decision.lead && item_heads.contains(&first_line) {
                continue;
            }
            let text = entry.flow.original(doc, entry.start, entry.end);
            let text = tidy(&text);
            if text.chars().filter(|c| c.is_alphabetic()).count() < 3 {
                continue;
            }
            let span = entry.flow.span(doc, entry.start, entry.end);
            let page = doc.page_at(entry.flow.norm_at(entry.start));
            let item_index = item_containing(items, span.start);
            let item = item_index.map(|i| {
                items[i]
                    .number
                    .clone()
                    .unwrap_or_else(|| items[i].title.clone())
            });
            out.push(Resolution {
                item,
                item_index,
                text,
                page,
                span,
            });
        }
    }
    out.extend(minutes_approvals(
        doc,
        layout,
        items,
        &out,
        &zone_of(doc, layout, found),
    ));
    out.sort_by_key(|r| r.span.start);
    out
}

/// "The minutes of the meeting held on 12 November were accepted as an accurate record": the
/// decision on the previous minutes, written without a lead-in. Read only in a previous-minutes
/// item (or a document without items) that records no other decision.
fn minutes_approvals(
    doc: &Doc,
    layout: &Layout,
    items: &[AgendaItem],
    found: &[Resolution],
    zone: &[bool],
) -> Vec<Resolution> {
    let decided: Vec<Option<usize>> = found.iter().map(|r| r.item_index).collect();
    let mut out: Vec<Resolution> = Vec::new();
    for block in &layout.blocks {
        if block.lines.iter().any(|&l| zone[l]) {
            continue;
        }
        let flow = layout.flow_of(doc, &block.lines);
        let mentions_minutes = flow.text.contains("inute")
            || flow.text.contains("INUTE")
            || flow.text.contains("otes of");
        if !mentions_minutes || !MINUTES_APPROVED.is_match(&flow.text) {
            continue;
        }
        let span = flow.span(doc, 0, flow.text.len());
        let item_index = item_containing(items, span.start);
        let eligible = match item_index {
            Some(i) => items[i].standing == Some(StandingItem::PreviousMinutes),
            None => items.is_empty(),
        };
        if !eligible
            || decided.contains(&item_index)
            || out.iter().any(|r| r.item_index == item_index)
        {
            continue;
        }
        for (a, b) in sentences(&flow.text) {
            if !MINUTES_APPROVED.is_match(&flow.text[a..b]) {
                continue;
            }
            // "2.1 The minutes of…": without the paragraph's number.
            let a = a + label(&flow.text[a..b]).map_or(0, |l| l.len);
            let span = flow.span(doc, a, b);
            out.push(Resolution {
                item: item_index.map(|i| {
                    items[i]
                        .number
                        .clone()
                        .unwrap_or_else(|| items[i].title.clone())
                }),
                item_index,
                text: tidy(&flow.original(doc, a, b)),
                page: doc.page_at(flow.norm_at(a)),
                span,
            });
            break;
        }
    }
    out
}

/// Per line of the document: true when the line is part of a recorded decision (its lead-in or
/// its text). Numbered lines there are decisions, not agenda items.
#[cfg(test)]
pub(crate) fn zones(doc: &Doc, layout: &Layout) -> Vec<bool> {
    zone_of(doc, layout, &decisions(doc, layout))
}

/// [`zones`] of decisions already found.
fn zone_of(doc: &Doc, layout: &Layout, decisions: &[Decision]) -> Vec<bool> {
    let mut zone = vec![false; doc.lines.len()];
    for d in decisions {
        let blocks = std::iter::once(d.lead).chain(
            d.entries
                .iter()
                .flat_map(|e| std::iter::once(e.block).chain(e.more_blocks.iter().copied())),
        );
        for b in blocks {
            for &l in &layout.blocks[b].lines {
                zone[l] = true;
            }
        }
    }
    zone
}

/// The innermost item whose span holds `offset` (items are in document order; a sub-item starts
/// after its parent).
pub(crate) fn item_containing(items: &[AgendaItem], offset: usize) -> Option<usize> {
    items
        .iter()
        .enumerate()
        .rev()
        .find(|(_, it)| it.span.start <= offset && offset <= it.span.end)
        .map(|(i, _)| i)
}

/// One decision lead-in and the entries it introduces.
struct Decision<'a> {
    /// The block holding the lead-in.
    lead: usize,
    entries: Vec<Entry<'a>>,
}

/// One decision's text: a stretch of a block's running text (plus nested blocks).
struct Entry<'a> {
    block: usize,
    /// Nested blocks whose lines belong to this entry (bullets under a numbered entry).
    more_blocks: Vec<usize>,
    flow: Cow<'a, Flow>,
    start: usize,
    end: usize,
}

/// How sure a lead-in is that a decision follows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Strength {
    /// "Resolved", "Agreed", "Decision", a carried motion.
    Strong,
    /// A report's "Recommendations:", used only when nothing strong is in the document.
    Weak,
}

static PARA_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-•*]\s+)?(?:\d{1,3}(?:\.\d{1,3})*\.?|\(?\d{1,3}\)|\(?[a-z]\))\s+")
        .expect("paragraph number pattern compiles")
});
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?P<pre>(?i:it\s+was\s+(?:further\s+|also\s+|therefore\s+|then\s+)?(?:unanimously\s+)?))?
        (?P<kw>(?i:resolved|agreed|decided|recommended|decisions?(?:\s+(?:made|taken))?|agreed\s+actions?|actions?(?:\s+agreed)?))
        (?:\s*\([^)]{0,60}\))?
        (?:\s+(?i:unanimously|accordingly))?
        (?:\s*,?\s*(?i:by\s+\d+\s+votes?\s+to\s+\d+)(?:\s*\([^)]{0,40}\))?)?
        (?P<sep>\s*[:;,.\-]+\s*|\s+|$)
        (?P<that>(?i:that)\b\s*[:\-]*\s*|to\s*:\s*|to\s+)?",
    )
    .expect("lead-in pattern compiles")
});
static BODY_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:The\s+)?(?P<body>(?:[A-Z][\w'&-]*\s+|(?:of|and|for|on)\s+){1,7})(?:(?:therefore|then|also|unanimously)\s+)?(?:resolved|RESOLVED|agreed|AGREED|decided)(?:\s*:?\s+(?P<that>that\s*:?\s*|to\s+)|\s*:-?\s*|\s+as\s+follows\s*:-?\s*)",
    )
    .expect("body lead-in pattern compiles")
});
/// The bodies whose agreement is a decision ("The Committee agreed to…"), unlike officers' or
/// members' agreement in discussion.
#[rustfmt::skip]
const BODIES: &[&str] = &[
    "committee", "sub-committee", "subcommittee", "board", "panel", "council", "cabinet",
    "executive", "forum", "group", "commission", "authority", "assembly", "meeting", "trustees",
    "governors", "partnership", "council's", "committee's",
];
/// "Proposed by", "seconded by", "moved": a proposal whose outcome ("and RESOLVED that…")
/// follows in the same sentence.
static MOVER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:seconded|proposed|moved)\b").expect("mover pattern compiles")
});
static AGREED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:and\s+)?(?:(?i:it\s+was)\s+)?(?:(?i:unanimously)\s+)?(?:RESOLVED|[Rr]esolved|AGREED|[Aa]greed)\b\s*[:\-]*\s*(?P<that>(?i:that)\b\s*[:\-]*\s*|to\s+)?",
    )
    .expect("agreed-after pattern compiles")
});

/// Where the decision's text starts after "Proposed by Cllr A, seconded by Cllr B and RESOLVED
/// that…": the outcome must follow within the sentence (a full stop after "Cllr." or an initial
/// does not end it) and within 200 bytes.
fn seconded_lead(s: &str) -> Option<usize> {
    let mover = MOVER.find(s)?;
    let c = AGREED_AFTER.captures_at(s, mover.end())?;
    let outcome = c.get(0)?;
    if outcome.start() - mover.end() > 200 {
        return None;
    }
    let between = &s[mover.end()..outcome.start()];
    let sentence_ends = between.match_indices(". ").any(|(i, _)| {
        let word = between[..i]
            .rsplit(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or("");
        let abbreviation = matches!(
            word.to_lowercase().as_str(),
            "cllr" | "cllrs" | "mr" | "mrs" | "ms" | "dr" | "prof" | "rev" | "st" | "no"
        );
        !(abbreviation || word.chars().count() == 1)
    });
    (!sentence_ends).then_some(outcome.end())
}
static CAPS_RESOLVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bRESOLVED\b\s*[:\-]*\s*(?P<that>(?i:that)\b\s*[:\-]*\s*|to\s+)?")
        .expect("resolved pattern compiles")
});
static MOTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:a\s+|upon\s+(?:a\s+)?|on\s+(?:a\s+)?|on\s+the\s+|it\s+was\s+)?(?:motion|moved|proposed|proposal\s+of)\b",
    )
    .expect("motion pattern compiles")
});
static MOTION_BODY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:to|that)\s+").expect("motion body pattern compiles"));
static SECOND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bsecond(?:ed)?\b(?:\s+by)?").expect("second pattern compiles")
});
static MOTION_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[.;]?\s*(?:\(|\b)(?:the\s+)?(?:motion\s+(?:was\s+)?(?:carried|passed|approved|adopted|failed|defeated|lost|withdrawn)|carried|passed\s+\d|vote\b|votes\b|ayes\b|roll\s+call|unanimously\s+(?:carried|approved)|by\s+a\s+show\s+of\s+hands|on\s+a\s+show\s+of\s+hands|this\s+was\s+(?:agreed|carried|approved))",
    )
    .expect("motion end pattern compiles")
});
static MOTION_FAILED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:failed|defeated|lost|withdrawn|died\s+for\s+lack|not\s+carried|fell)\b")
        .expect("motion failed pattern compiles")
});
static RECOMMENDATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:recommendations?|recommended\s+(?:decisions?|resolutions?)|recommendations?\s+to\s+(?:the\s+)?[a-z]+)\s*(?:\(s\))?\s*[:\-]*\s*",
    )
    .expect("recommendation pattern compiles")
});
static MINUTES_APPROVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:minutes?|notes)\b.{0,160}?\b(?:were|was|are|be)\s+(?:duly\s+|unanimously\s+)?(?:taken\s+as\s+read,?\s+(?:and\s+)?)?(?:accepted|approved|agreed|confirmed|signed|adopted)\b(?:.{0,40}?\b(?:true|correct|accurate)\s+record)?",
    )
    .expect("minutes approval pattern compiles")
});
static LEADING_THAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:that\b\s*[:,\-]*\s*)").expect("leading that pattern compiles")
});
static INLINE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s;:,])\((\d{1,2}|[ivx]{1,4}|[a-h])\)\s")
        .expect("inline mark pattern compiles")
});

/// "RECOMMENDED to Cabinet that…": a committee's recommendation to another body is its decision.
static RECOMMENDED_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?i:it\s+was\s+)(?:unanimously\s+)?)?(?:RECOMMENDED|Recommended|recommended)\s+to\s+(?:the\s+)?(?:[A-Z][\w'&-]*\s+){1,6}?(?i:that)\b\s*[:\-]*\s*")
        .expect("recommended-to pattern compiles")
});
/// "Minute Order No. 23-81: Approved…", "Order No. 12:": a US board's numbered decision.
static ORDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:minute\s+order|order)\s+(?i:no\.?\s*)?[\w./-]*\d[\w./-]*\s*[:.\-]\s*")
        .expect("order pattern compiles")
});
/// "The following payments were approved (proposed Cllr A, seconded Cllr B)": a passive
/// decision with its proposer.
static PASSIVE_DECISION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:was|were|is|are)\s+(?:duly\s+|unanimously\s+)?(?:approved|agreed|adopted|accepted|endorsed|ratified|authorised|authorized)\b")
        .expect("passive decision pattern compiles")
});
static PROPOSER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\(?\s*\b(?:proposed|moved)\b(?:\s+by)?\s+(?:cllr|councillor|mr|mrs|ms|dr)\b[^)]*\bseconded\b")
        .expect("proposer pattern compiles")
});

/// A lead-in found in a block's running text: where the decision's own text starts.
struct Lead {
    text_start: usize,
    strength: Strength,
    /// For motions: where the text ends (before "Motion carried").
    text_end: Option<usize>,
}

/// Find a lead-in in a block's running text.
fn lead_in(t: &str) -> Option<Lead> {
    let skip = PARA_NUMBER.find(t).map_or(0, |m| m.end());
    let s = &t[skip..];
    if let Some(c) = LEAD.captures(s) {
        let kw = c.name("kw").map_or("", |m| m.as_str());
        let first = c
            .name("pre")
            .map_or(kw, |m| m.as_str())
            .chars()
            .next()
            .unwrap_or('a');
        let sep = c.name("sep").map_or("", |m| m.as_str());
        let punct =
            sep.chars().any(|c| !c.is_whitespace()) || c.get(0).is_some_and(|m| m.end() == s.len());
        let has_that = c.name("that").is_some();
        let kw_lower = kw.to_lowercase();
        let is_action = kw_lower.starts_with("action");
        let is_decision = kw_lower.starts_with("decision");
        let is_recommended = kw_lower == "recommended";
        let allowed = first.is_uppercase()
            && if is_action || is_decision {
                punct && !sep.trim().starts_with(',') && !sep.trim().starts_with('.')
            } else if is_recommended {
                punct
                    || c.name("that")
                        .is_some_and(|m| m.as_str().to_lowercase().starts_with("that"))
            } else {
                punct || has_that
            };
        if allowed {
            let end = c.get(0).map_or(0, |m| m.end());
            return Some(Lead {
                text_start: skip + end,
                strength: Strength::Strong,
                text_end: None,
            });
        }
    }
    if let Some(m) = RECOMMENDED_TO.find(s).or_else(|| ORDER.find(s)) {
        return Some(Lead {
            text_start: skip + m.end(),
            strength: Strength::Strong,
            text_end: None,
        });
    }
    if PASSIVE_DECISION.is_match(s) {
        if let Some(p) = PROPOSER.find(s) {
            return Some(Lead {
                text_start: skip,
                strength: Strength::Strong,
                text_end: Some(skip + p.start()),
            });
        }
    }
    if let Some(c) = BODY_LEAD.captures(s).filter(|c| {
        c.name("body")
            .and_then(|b| b.as_str().split_whitespace().last())
            .is_some_and(|w| BODIES.contains(&w.to_lowercase().as_str()))
    }) {
        return Some(Lead {
            text_start: skip + c.get(0).map_or(0, |m| m.end()),
            strength: Strength::Strong,
            text_end: None,
        });
    }
    // Cheap checks first: most blocks are discussion, and these patterns scan the whole block.
    let lower = s.to_ascii_lowercase();
    let seconded = ["second", "propos", "moved"]
        .iter()
        .any(|n| lower.contains(n))
        .then(|| seconded_lead(s))
        .flatten();
    let caps = || {
        s.contains("RESOLVED")
            .then(|| CAPS_RESOLVED.captures(s))
            .flatten()
            .and_then(|c| c.get(0).map(|m| m.end()))
    };
    if let Some(end) = seconded.or_else(caps) {
        return Some(Lead {
            text_start: skip + end,
            strength: Strength::Strong,
            text_end: None,
        });
    }
    // A motion, or any seconded proposal that records its outcome ("X moved, seconded by Y,
    // to approve…; carried").
    let seconded_outcome =
        || lower.contains("second") && MOTION_END.is_match(s) && !MOTION_FAILED.is_match(s);
    if MOTION.is_match(s) || seconded_outcome() {
        return motion(s).map(|(a, b)| Lead {
            text_start: skip + a,
            strength: Strength::Strong,
            text_end: Some(skip + b),
        });
    }
    if let Some(m) = RECOMMENDATION.find(s) {
        return Some(Lead {
            text_start: skip + m.end(),
            strength: Strength::Weak,
            text_end: None,
        });
    }
    None
}

/// The text of a motion ("Motion by X, seconded by Y, to approve…. Motion carried 5-0"):
/// its range, or None when the motion failed or has no stated text.
fn motion(s: &str) -> Option<(usize, usize)> {
    let after_second = SECOND.find(s).map_or(0, |m| m.end()).min(s.len());
    // Skip the mover's or seconder's name: the text starts at the first "to"/"that" after it,
    // or after the comma that closes the name (", the minutes were confirmed").
    let by_word = MOTION_BODY.find_at(s, after_second).map(|m| m.end());
    let by_comma = (after_second > 0)
        .then(|| {
            s[after_second..]
                .match_indices(", ")
                .map(|(i, _)| after_second + i + 2)
                .find(|&i| starts_lower(&s[i..]))
        })
        .flatten();
    // ", to approve…": the comma and the "to" mark the same start.
    let by_comma = by_comma.map(|i| match MOTION_BODY.find_at(s, i) {
        Some(m) if m.start() == i => m.end(),
        _ => i,
    });
    let start = match (by_word, by_comma) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    let end = MOTION_END.find_at(s, start).map_or(s.len(), |m| m.start());
    if MOTION_FAILED.is_match(&s[end..]) {
        return None;
    }
    (end > start).then_some((start, end))
}

/// All decisions in the document, in order.
fn decisions<'a>(doc: &Doc, layout: &'a Layout) -> Vec<Decision<'a>> {
    let mut found: Vec<(usize, &Flow, Lead)> = Vec::new();
    for bi in 0..layout.blocks.len() {
        let flow = layout.flow(doc, bi);
        if let Some(lead) = lead_in(&flow.text) {
            found.push((bi, flow, lead));
        }
    }
    let any_strong = found.iter().any(|(_, _, l)| l.strength == Strength::Strong);
    let mut out = Vec::new();
    let mut consumed_until = 0usize;
    for (bi, flow, lead) in found {
        if bi < consumed_until {
            continue;
        }
        if lead.strength == Strength::Weak && any_strong {
            continue;
        }
        let Some((entries, next)) = entries_after(doc, layout, bi, flow, &lead) else {
            continue;
        };
        consumed_until = next;
        out.push(Decision { lead: bi, entries });
    }
    out
}

/// The entries a lead-in introduces, and the index of the first block after them; None when
/// the lead-in turns out to head a run of numbered sections rather than a decision.
fn entries_after<'a>(
    doc: &Doc,
    layout: &'a Layout,
    bi: usize,
    flow: &'a Flow,
    lead: &Lead,
) -> Option<(Vec<Entry<'a>>, usize)> {
    let end = lead
        .text_end
        .unwrap_or(flow.text.len())
        .min(flow.text.len());
    let start = lead.text_start.min(end);
    let rest = flow.text[start..end].trim();
    let rest_open = rest.is_empty() || rest.ends_with(':') || rest.ends_with(":-");
    if !rest_open {
        let ws = flow.text[start..].len() - flow.text[start..].trim_start().len();
        let inline = split_inline(flow, start, end);
        let listed = label(&flow.text[start + ws..end]).filter(|l| l.style != LabelStyle::Bullet);
        if let (Some(l), 1) = (listed, inline.len()) {
            // "Resolved:- (1) that…" with the list's first entry on the lead-in's line.
            let s = start + ws + entry_text_start(&flow.text[start + ws..end]);
            let mut entries = vec![Entry {
                block: bi,
                more_blocks: Vec::new(),
                flow: Cow::Borrowed(flow),
                start: s,
                end,
            }];
            let next = collect_list(doc, layout, bi + 1, l.style, &mut entries);
            return Some((entries, next));
        }
        let entries = inline
            .into_iter()
            .map(|(s, e)| Entry {
                block: bi,
                more_blocks: Vec::new(),
                flow: Cow::Borrowed(flow),
                start: s,
                end: e,
            })
            .collect();
        return Some((entries, bi + 1));
    }
    // The text follows: a list, or one paragraph. A short line ending in a colon ("That
    // Cabinet:", "The Board:") introduces the list after it.
    let mut bi = bi;
    if let Some(intro) = layout.blocks.get(bi + 1) {
        let t = &layout.flow(doc, bi + 1).text;
        let next_is_list = layout
            .blocks
            .get(bi + 2)
            .is_some_and(|b| label(&doc.lines[b.first()].plain).is_some());
        if label(&doc.lines[intro.first()].plain).is_none()
            && t.trim_end().ends_with(':')
            && t.split_whitespace().count() <= 8
            && next_is_list
        {
            bi += 1;
        }
    }
    let Some(next) = layout.blocks.get(bi + 1) else {
        return Some((Vec::new(), bi + 1));
    };
    let next_plain = &doc.lines[next.first()].plain;
    let first_label = label(next_plain);
    let Some(first_label) = first_label else {
        if is_heading_like(doc, layout, bi + 1) {
            return Some((Vec::new(), bi + 1));
        }
        let nf = layout.flow(doc, bi + 1);
        let s = LEADING_THAT.find(&nf.text).map_or(0, |m| m.end());
        let e = nf.text.len();
        return Some((
            vec![Entry {
                block: bi + 1,
                more_blocks: Vec::new(),
                flow: Cow::Borrowed(nf),
                start: s,
                end: e,
            }],
            bi + 2,
        ));
    };
    let style = first_label.style;
    let mut entries: Vec<Entry> = Vec::new();
    let j = collect_list(doc, layout, bi + 1, style, &mut entries);
    if lead.strength == Strength::Weak && is_section_list(doc, layout, j, style) {
        // Numbered headings with discussion under each: a report's sections, not its decision.
        return None;
    }
    Some((entries, j))
}

/// Collect the entries of a list of `style` starting at block `j` into `entries` (bullets and
/// other nested labels join the entry above them); returns the first block after the list.
fn collect_list<'a>(
    doc: &Doc,
    layout: &'a Layout,
    mut j: usize,
    style: LabelStyle,
    entries: &mut Vec<Entry<'a>>,
) -> usize {
    while let Some(block) = layout.blocks.get(j) {
        let plain = &doc.lines[block.first()].plain;
        let Some(l) = label(plain) else { break };
        // "5.5 Reason for decision…": the minutes' next numbered paragraph, never an entry's.
        if l.style == LabelStyle::Decimal && style != LabelStyle::Decimal {
            break;
        }
        // "6. Finance" after entries that are sentences: the next agenda item.
        let after_sentences = entries
            .last()
            .is_some_and(|e| ends_clause(&e.flow.text[..e.end.min(e.flow.text.len())]));
        if l.style == style && after_sentences && is_heading_like(doc, layout, j) {
            break;
        }
        if l.style == style {
            let nf = layout.flow(doc, j);
            let s = entry_text_start(&nf.text);
            let e = nf.text.len();
            entries.push(Entry {
                block: j,
                more_blocks: Vec::new(),
                flow: Cow::Borrowed(nf),
                start: s,
                end: e,
            });
        } else if let Some(current) = entries.last_mut() {
            // A nested list belongs to the entry above it, unless it is a sub-heading or no
            // deeper than the list ("5. Date of next meeting" after "(a)", "(b)").
            if is_heading_like(doc, layout, j) || depth(l.style) <= depth(style) {
                break;
            }
            current.more_blocks.push(j);
            let mut lines: Vec<usize> = layout.blocks[current.block].lines.clone();
            for &b in &current.more_blocks {
                lines.extend(&layout.blocks[b].lines);
            }
            let nf = Flow::new(doc, &lines, 0);
            current.end = nf.text.len();
            current.flow = Cow::Owned(nf);
        } else {
            break;
        }
        j += 1;
    }
    j
}

/// How deep a list style nests: numbers hold bracketed numbers, which hold letters, which hold
/// roman numerals, which hold bullets.
fn depth(style: LabelStyle) -> u8 {
    match style {
        LabelStyle::Number | LabelStyle::Decimal => 0,
        LabelStyle::ParenNumber => 1,
        LabelStyle::Letter => 2,
        LabelStyle::Roman => 3,
        LabelStyle::Bullet => 4,
    }
}

/// After a list ends at block `j`: does prose follow and the same numbering carry on later?
/// Then the "list" is a run of numbered sections.
fn is_section_list(doc: &Doc, layout: &Layout, j: usize, style: LabelStyle) -> bool {
    if j >= layout.blocks.len() {
        return false;
    }
    let words = layout.flow(doc, j).text.split_whitespace().count();
    if words < 12 {
        return false;
    }
    layout.blocks[j..]
        .iter()
        .take(40)
        .any(|b| label(&doc.lines[b.first()].plain).is_some_and(|l| l.style == style))
}

/// A short line with no closing punctuation: a sub-heading, not a decision's text.
fn is_heading_like(doc: &Doc, layout: &Layout, bi: usize) -> bool {
    let block = &layout.blocks[bi];
    let line = &doc.lines[block.first()];
    let text = &layout.flow(doc, bi).text;
    let body = match label(text) {
        Some(l) => &text[l.len..],
        None => text,
    };
    let words = body.split_whitespace().count();
    if line.emphasised {
        return true;
    }
    if opens_block(&line.plain) && label(&line.plain).is_none() {
        // An agenda item number.
        return true;
    }
    let own_lines = block.lines.len() - usize::from(is_bare_label(&line.plain));
    words <= 8 && !ends_clause(body) && !starts_lower(body) && own_lines == 1
}

/// Where an entry's text starts: after its label and an opening "that".
fn entry_text_start(t: &str) -> usize {
    let after_label = label(t).map_or(0, |l| l.len);
    after_label + LEADING_THAT.find(&t[after_label..]).map_or(0, |m| m.end())
}

/// Split "(1) that…; (2) that…" written on one line into one range per decision.
fn split_inline(flow: &Flow, start: usize, end: usize) -> Vec<(usize, usize)> {
    let t = &flow.text[start..end];
    let marks: Vec<(usize, usize, &str)> = INLINE_MARK
        .captures_iter(t)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let v = c.get(1)?;
            let open = whole
                .as_str()
                .find('(')
                .map_or(whole.start(), |i| whole.start() + i);
            Some((open, whole.end(), v.as_str()))
        })
        .collect();
    let sequential = marks.len() >= 2
        && matches!(marks[0].2, "1" | "i" | "a")
        && marks.windows(2).all(|w| next_label(w[0].2) == w[1].2);
    let trim = |s: usize, e: usize| -> (usize, usize) {
        let piece = &flow.text[start + s..start + e];
        let lead = piece.len() - piece.trim_start().len();
        let s2 = s + lead + LEADING_THAT.find(piece.trim_start()).map_or(0, |m| m.end());
        (start + s2, start + e.max(s2))
    };
    if !sequential {
        return vec![trim(0, t.len())];
    }
    let mut out = Vec::new();
    let head = t[..marks[0].0].trim();
    if head.split_whitespace().count() > 6 && !head.ends_with(':') {
        return vec![trim(0, t.len())];
    }
    for (k, m) in marks.iter().enumerate() {
        let e = marks.get(k + 1).map_or(t.len(), |n| n.0);
        out.push(trim(m.1, e));
    }
    out
}

/// The label after `v` in its sequence: 1 → 2, i → ii, a → b.
fn next_label(v: &str) -> String {
    if let Ok(n) = v.parse::<u32>() {
        return (n + 1).to_string();
    }
    #[rustfmt::skip]
    const ROMAN: &[&str] = &[
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
    ];
    if let Some(p) = ROMAN.iter().position(|r| *r == v) {
        if let Some(n) = ROMAN.get(p + 1) {
            return (*n).to_string();
        }
    }
    v.chars()
        .next()
        .and_then(|c| char::from_u32(c as u32 + 1))
        .map(|c| c.to_string())
        .unwrap_or_default()
}

/// Tidy a decision's text: no trailing "; and", no dangling separators.
fn tidy(text: &str) -> String {
    let mut t = text.trim();
    loop {
        let before = t;
        t = t.trim_end_matches([';', ',', ' ']);
        for tail in [" and", " or", " and/or"] {
            if let Some(s) = t.strip_suffix(tail) {
                t = s;
            }
        }
        t = t.trim_start_matches([':', '-', ' ', ',']);
        if t == before {
            break;
        }
    }
    t.strip_suffix(":-").unwrap_or(t).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceText;

    fn texts(input: &str) -> Vec<String> {
        let doc = Doc::new(&SourceText::from_plain(input));
        find(&doc, &Layout::new(&doc), &[], &mut Vec::new())
            .into_iter()
            .map(|r| r.text)
            .collect()
    }

    #[test]
    fn decisions_are_found_in_every_style() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "inline 'Resolved that' drops the lead-in",
                "Resolved that the report be noted.",
                &["the report be noted."],
            ),
            (
                "'RESOLVED THAT:' with the text on the same line",
                "RESOLVED THAT: the minutes be signed as a correct record.",
                &["the minutes be signed as a correct record."],
            ),
            (
                "'Resolved:-' above a list of parenthesised numbers, one record per entry",
                "Resolved:-\n\n- (1) that the clerk writes to the trust;\n- (2) that a report comes back in June.",
                &["the clerk writes to the trust", "a report comes back in June."],
            ),
            (
                "'RESOLVED:' alone above one paragraph",
                "RESOLVED:\n\nThat a survey of staff be run this year.",
                &["a survey of staff be run this year."],
            ),
            (
                "'Resolved - That the Committee:' above a numbered list with nested bullets",
                "9.4 Resolved - That the Committee:\n\n1. Notes the plan.\n2. Asks for a report covering:\n• costs;\n• staffing.\n\nSupporting papers:",
                &["Notes the plan.", "Asks for a report covering: • costs; • staffing."],
            ),
            (
                "'IT WAS AGREED that:' above a roman list",
                "IT WAS AGREED that:\n\n(i) The next topic will be housing.",
                &["The next topic will be housing."],
            ),
            (
                "'AGREED:' with text",
                "AGREED: to defer the item.",
                &["defer the item."],
            ),
            (
                "'Decision:' with text",
                "Decision: The Cabinet approved the scheme.",
                &["The Cabinet approved the scheme."],
            ),
            (
                "'The Committee resolved to' drops the lead-in",
                "The Planning Committee resolved to refuse the application.",
                &["refuse the application."],
            ),
            (
                "parish style: proposed, seconded and RESOLVED",
                "Proposed by Cllr Hart, seconded by Cllr Moss and RESOLVED that the accounts be approved.",
                &["the accounts be approved."],
            ),
            (
                "US style motion, carried",
                "Motion by Council Member Ortiz, seconded by Council Member Reed, to approve the consent agenda. Motion carried 5-0.",
                &["approve the consent agenda"],
            ),
            (
                "a motion moved and seconded with the outcome after it",
                "Councilmember Diaz moved, seconded by Councilmember Park, to accept the audit report; carried unanimously.",
                &["accept the audit report"],
            ),
            (
                "an Irish proposal and seconder before the decision",
                "On the proposal of Cllr Walsh, seconded by Cllr Byrne, the Council adopted the county development plan.",
                &["the Council adopted the county development plan."],
            ),
            (
                "'The Committee agreed:-' above a roman list",
                "The Committee agreed:-\n\n(i) to note the report; and\n(ii) to ask for a briefing on staffing.",
                &["to note the report", "to ask for a briefing on staffing."],
            ),
            (
                "a failed motion is not a decision",
                "Motion by Council Member Ortiz, seconded by Council Member Reed, to close the pool. Motion failed 2-3.",
                &[],
            ),
            (
                "'ACTION:' records an agreed action",
                "ACTION: Clerk to obtain three quotes for the fence.",
                &["Clerk to obtain three quotes for the fence."],
            ),
            (
                "inline numbered decisions split",
                "RESOLVED that (1) the report be noted; and (2) the budget be approved.",
                &["the report be noted", "the budget be approved."],
            ),
            (
                "a list across a page break and a running header stays one list",
                "Town Board 3 May 2021 minutes\n\nResolved\n\n(1) that the clerk acts;\n\nTown Board 3 May 2021 minutes\n\n(2) that the chair writes.\n\nTown Board 3 May 2021 minutes",
                &["the clerk acts", "the chair writes."],
            ),
            (
                "a report's recommendation is its decision when nothing stronger is there",
                "Recommendations:\n\nThe panel notes the report.",
                &["The panel notes the report."],
            ),
            (
                "words that only look like lead-ins are not decisions",
                "Resolved issues were listed. Members agreed that it was good. Officers agreed to help.",
                &[],
            ),
            (
                "'RESOLVED (unanimously)' then 'That Cabinet:' over a list; the next paragraph is not an entry",
                "5.4 RESOLVED (unanimously)\nThat Cabinet:\n1. Approves the plan.\n2. Notes the risks.\n\n5.5 Reason for decision: the law requires it.",
                &["Approves the plan.", "Notes the risks."],
            ),
            (
                "'It was resolved unanimously to:' over a lettered list",
                "It was resolved unanimously to:\na) note the report;\nb) approve the plan.",
                &["note the report", "approve the plan."],
            ),
            (
                "a recommendation to another body is the committee's decision",
                "RECOMMENDED to Cabinet that the scheme be approved.",
                &["the scheme be approved."],
            ),
            (
                "a US board's numbered minute order",
                "Minute Order No. 23-81: Approved the consent agenda.",
                &["Approved the consent agenda."],
            ),
            (
                "a passive decision with its proposer and seconder",
                "The following payments were approved (proposed Cllr Ash, seconded Cllr Oak):",
                &["The following payments were approved"],
            ),
            (
                "'Decision made:' over a body's name and a numbered list",
                "Decision made:\n\nCabinet:\n\n1. Approved the plan.\n2. Noted the cost.",
                &["Approved the plan.", "Noted the cost."],
            ),
            (
                "a motion moved and seconded ends where the vote on it is recorded",
                "It was moved and seconded that the report go to Cabinet. By a show of hands this was agreed by the majority present.",
                &["the report go to Cabinet"],
            ),
            (
                "a numbered item after a lettered decision list is not part of it",
                "RESOLVED:\n\n(a) That the update be noted;\n\n(b) That the comments be sent to Cabinet.\n\n5. Date of next meeting.\n\nThe next meeting will be on 6 May.",
                &["the update be noted", "the comments be sent to Cabinet."],
            ),
            (
                "minutes taken as read and confirmed",
                "The minutes of the meeting held on 6 June were taken as read, confirmed and signed.",
                &["The minutes of the meeting held on 6 June were taken as read, confirmed and signed."],
            ),
            (
                "the previous minutes approved without a lead-in are a decision",
                "The minutes of the meeting held on 3 May were approved as a correct record.",
                &["The minutes of the meeting held on 3 May were approved as a correct record."],
            ),
        ];
        for (rule, input, expected) in cases {
            assert_eq!(&texts(input), expected, "{rule}");
        }
    }

    #[test]
    fn recommendations_give_way_to_resolutions() {
        let got = texts("Recommendation: note it.\n\nRESOLVED that it be noted.");
        assert_eq!(
            got,
            vec!["it be noted.".to_string()],
            "a recommendation is not a decision when the minutes record one"
        );
    }
}
