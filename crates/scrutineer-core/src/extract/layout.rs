//! Layout: how a document's lines group into blocks (paragraphs, list entries, headings), and
//! the running text of a block with a map back to the document.
//!
//! Minutes reach extraction in two shapes. Converted documents and web pages put one paragraph on
//! one line with blank lines between; PDF text wraps every paragraph at the page width, often with
//! no blank line between paragraphs, and breaks sentences across pages (and, in text that kept
//! them, across running headers). Items, paragraphs and resolutions all need the same answer to
//! "where does this paragraph end", so it is worked out once, here, from evidence every layout
//! shares: list labels and bullets start a block; a line that ends a sentence well short of the
//! typical line width ends one; a line that stops mid-sentence (no closing punctuation, a trailing
//! "the" or "which she") runs on into the next, across blank lines, page breaks and running
//! headers.
//!
//! Running headers and page labels that ingest did not remove ("Planning Committee 20th March
//! 2017" repeated on every page) are recognised as *furniture* and skipped.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;

use super::text::{Doc, Line};
use crate::model::Span;

/// The style of a list label or bullet at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelStyle {
    /// `-`, `•`, `*` and other bullet characters.
    Bullet,
    /// `1.`, `1)`.
    Number,
    /// `(1)`.
    ParenNumber,
    /// `a)`, `(a)`, `a.`.
    Letter,
    /// `i.`, `(ii)`, `iv)`.
    Roman,
    /// `9.1`, `2.3.1`: numbered paragraphs.
    Decimal,
}

/// A list label at the start of a text: its style and how many bytes it takes (with the spaces
/// after it, and any bullet before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Label {
    pub style: LabelStyle,
    pub len: usize,
}

static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-•*+▪◦‣⁃>]|o\s{2,})(?:\s+|$)").expect("bullet pattern compiles")
});
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?P<paren_num>\(\d{1,3}\))|(?P<paren_roman>\((?:[ivx]{1,5}|[IVX]{1,5})\))|(?P<paren_letter>\([a-zA-Z]\))|(?P<decimal>\d{1,3}\.\d{1,3}(?:\.\d{1,3})?\.?)|(?P<num>\d{1,3}[.)])|(?P<roman>(?:[ivx]{1,5}|[IVX]{2,5})[.)])|(?P<letter>[a-zA-Z][.)]))(?:\s+|$)",
    )
    .expect("label pattern compiles")
});
/// Line openings that number an agenda item in a style no list uses: `10/17`, `A26/17`,
/// `CAB 123/21`, `Item 3`, `Minute 45`, `*42`, `S-56`, `19.09.01`.
static ITEM_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\(?\s*(?:agenda\s+)?(?:item|minute)(?:\s+no\.?)?\s+[a-z]{0,3}\d{1,4}\b|(?-i:[A-Z]{1,5}[\s/]?)?\d{1,4}/\d{2,4}(?:\s|$|[.:)])|\*\d{1,4}\b|(?-i:[A-Z]{1,4})-\d{1,4}\s|(?-i:[A-Z]{2,5})\.\d{1,4}\s|\d{1,2}\.\d{1,2}\.\d{1,3}\s)",
    )
    .expect("item opener pattern compiles")
});

/// Line openings that lead into a recorded decision; in wrapped text they start a new block
/// even when the line above runs to the margin.
static DECISION_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\d{1,3}(?:\.\d{1,3})*\.?\s+)?(?:RESOLVED|Resolved|IT WAS (?:RESOLVED|AGREED)|It was (?:unanimously )?(?:resolved|agreed)|AGREED|DECISION|Decision)\s*(?:[:\-]|that\b|THAT\b|$)",
    )
    .expect("decision opener pattern compiles")
});

/// A number and a capitalised word: an item heading in a table-like layout.
static NUMBERED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{1,3}\.?\s+[A-Z]").expect("numbered heading pattern compiles")
});

/// The list label at the start of `s`, if any. A bullet followed by a label (`- (1) that`) is
/// one label of the inner style.
pub(crate) fn label(s: &str) -> Option<Label> {
    let (bullet_len, rest) = match BULLET.find(s) {
        Some(m) => (m.end(), &s[m.end()..]),
        None => (0, s),
    };
    if let Some(c) = LABEL.captures(rest) {
        let style = if c.name("paren_num").is_some() {
            LabelStyle::ParenNumber
        } else if c.name("paren_roman").is_some() || c.name("roman").is_some() {
            LabelStyle::Roman
        } else if c.name("paren_letter").is_some() || c.name("letter").is_some() {
            LabelStyle::Letter
        } else if c.name("decimal").is_some() {
            LabelStyle::Decimal
        } else {
            LabelStyle::Number
        };
        let whole = c.get(0).map_or(0, |m| m.end());
        return Some(Label {
            style,
            len: bullet_len + whole,
        });
    }
    (bullet_len > 0).then_some(Label {
        style: LabelStyle::Bullet,
        len: bullet_len,
    })
}

/// True when the line opens with something that starts a new block: a bullet, a list label or
/// an agenda item number.
pub(crate) fn opens_block(plain: &str) -> bool {
    label(plain).is_some() || ITEM_OPENER.is_match(plain) || DECISION_OPENER.is_match(plain)
}

/// True when the text is nothing but a list label or bullet ("9.1", "a)", "(2)", "•").
pub(crate) fn is_bare_label(plain: &str) -> bool {
    label(plain).is_some_and(|l| l.len >= plain.trim_end().len())
}

/// Words a paragraph never ends on: when a line stops on one, the sentence runs on.
#[rustfmt::skip]
const RUN_ON_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "and", "or", "but", "in", "on", "at", "by", "for", "with",
    "from", "that", "which", "who", "whose", "she", "he", "they", "we", "it", "its", "their",
    "his", "her", "our", "be", "was", "were", "is", "are", "has", "have", "had", "will", "would",
    "could", "should", "may", "as", "than", "into", "this", "these", "those", "not", "also",
    "very", "more", "most", "such", "there", "where", "when", "while", "whilst", "if", "so", "per",
    "between", "about", "&",
];

/// The last character of a line that counts for punctuation: closing quotes, brackets and
/// emphasis markers are looked through.
fn last_meaningful(s: &str) -> Option<char> {
    s.trim_end()
        .trim_end_matches(['"', '\'', ')', ']', '*', '_', ' '])
        .chars()
        .last()
}

/// True when the text ends a sentence or a clause (`.`, `!`, `?`, `:`, `;`).
pub(crate) fn ends_clause(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(":-") || matches!(last_meaningful(t), Some('.' | '!' | '?' | ':' | ';'))
}

/// True when the text stops on a comma, a hyphen or a word no sentence ends on.
pub(crate) fn ends_unfinished(s: &str) -> bool {
    let t = s.trim_end();
    if t.ends_with(',') || t.ends_with('&') || (t.ends_with('-') && !t.ends_with(" -")) {
        return true;
    }
    // As printed: "PART A" ends a heading, "and a" runs on.
    let last = t.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    RUN_ON_WORDS.contains(&last)
}

/// True when the first letter-or-digit of the text is a lower-case letter.
pub(crate) fn starts_lower(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_lowercase())
}

/// The grouping of a document's lines.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// Per line: a running header, footer or page label to skip.
    pub furniture: Vec<bool>,
    /// The blocks, in order. Every non-blank line that is not furniture is in exactly one.
    pub blocks: Vec<Block>,
    /// The typical width of a line of running text, in characters (the 90th percentile).
    pub width: usize,
    /// Each block's running text, built on first use: items, paragraphs, resolutions and
    /// figures all read it.
    flows: Vec<OnceLock<Flow>>,
}

/// A run of lines read as one unit: a paragraph, a list entry, a heading.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// Indices into `Doc::lines`, in order; never empty.
    pub lines: Vec<usize>,
}

impl Block {
    pub fn first(&self) -> usize {
        self.lines[0]
    }
    pub fn last(&self) -> usize {
        self.lines[self.lines.len() - 1]
    }
}

static PAGE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|-\s*\d{1,4}\s*-|\d{1,4}\s+of\s+\d{1,4})$",
    )
    .expect("page label pattern compiles")
});
/// Lines that repeat because they are structure, not furniture.
static STRUCTURAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:resolved|agreed|decision|motion|carried|recommend|present|apologies|minutes:|action)\b",
    )
    .expect("structural pattern compiles")
});

impl Layout {
    pub fn new(doc: &Doc) -> Layout {
        let furniture = find_furniture(doc);
        let width = typical_width(&doc.lines, &furniture);
        let mut blocks: Vec<Block> = Vec::new();
        let mut current: Vec<usize> = Vec::new();
        let mut gap = false;
        for (i, line) in doc.lines.iter().enumerate() {
            if line.is_blank() {
                gap = true;
                continue;
            }
            if furniture[i] {
                continue;
            }
            if let Some(&prev) = current.last() {
                // A label alone on its line ("9.1", "a)", "•") labels the line after it.
                let bare_label = current.len() == 1 && is_bare_label(&doc.lines[prev].plain);
                if !bare_label && (gap || !continues(&doc.lines[prev], line, width)) {
                    blocks.push(Block {
                        lines: std::mem::take(&mut current),
                    });
                }
            }
            current.push(i);
            gap = false;
        }
        if !current.is_empty() {
            blocks.push(Block { lines: current });
        }
        // A sentence broken by a blank line, a page break or a running header is one paragraph.
        let mut merged: Vec<Block> = Vec::with_capacity(blocks.len());
        for block in blocks {
            if let Some(prev) = merged.last_mut() {
                if runs_on(&doc.lines[prev.last()], &doc.lines[block.first()]) {
                    prev.lines.extend(block.lines);
                    continue;
                }
            }
            merged.push(block);
        }
        Layout {
            furniture,
            flows: merged.iter().map(|_| OnceLock::new()).collect(),
            blocks: merged,
            width,
        }
    }

    /// The running text of block `bi`.
    pub fn flow(&self, doc: &Doc, bi: usize) -> &Flow {
        self.flows[bi].get_or_init(|| Flow::new(doc, &self.blocks[bi].lines, 0))
    }

    /// The running text of some lines: a block's own (shared) when they are exactly a block.
    pub fn flow_of<'a>(&'a self, doc: &Doc, lines: &[usize]) -> Cow<'a, Flow> {
        let Some(&first) = lines.first() else {
            return Cow::Owned(Flow::new(doc, lines, 0));
        };
        let bi = self.blocks.partition_point(|b| b.first() < first);
        match self.blocks.get(bi) {
            Some(b) if b.lines == lines => Cow::Borrowed(self.flow(doc, bi)),
            _ => Cow::Owned(Flow::new(doc, lines, 0)),
        }
    }

    /// The next line after `line` that is neither blank nor furniture.
    pub fn next_content(&self, doc: &Doc, line: usize) -> Option<usize> {
        (line + 1..doc.lines.len()).find(|&j| !doc.lines[j].is_blank() && !self.furniture[j])
    }

    /// The last line before `line` that is neither blank nor furniture.
    pub fn prev_content(&self, doc: &Doc, line: usize) -> Option<usize> {
        (0..line)
            .rev()
            .find(|&j| !doc.lines[j].is_blank() && !self.furniture[j])
    }
}

/// Whether line `b` continues the paragraph of the line `a` right above it.
fn continues(a: &Line, b: &Line, width: usize) -> bool {
    if opens_block(&b.plain) || a.emphasised || b.emphasised {
        return false;
    }
    if ends_unfinished(&a.plain) {
        return true;
    }
    let last = last_meaningful(&a.plain);
    if starts_lower(&b.plain) {
        return !matches!(last, Some('.' | '?' | '!' | ':'));
    }
    if NUMBERED_HEADING.is_match(&b.plain)
        && b.plain.split_whitespace().count() <= 10
        && !ends_clause(&b.plain)
    {
        // "6 Declarations of interest" in a table-like agenda.
        return false;
    }
    let len = a.plain.chars().count();
    if !ends_clause(&a.plain) {
        return len * 10 >= width * 7;
    }
    // A sentence that ends right at the margin of wrapped text is more likely mid-paragraph than
    // a paragraph end.
    matches!(last, Some('.')) && len >= 50 && len * 10 >= width * 9
}

/// Whether a block ending on line `a` runs on into the block starting on line `b` across a
/// blank line, page break or running header.
fn runs_on(a: &Line, b: &Line) -> bool {
    if a.emphasised || b.emphasised || opens_block(&b.plain) || ends_clause(&a.plain) {
        return false;
    }
    if !b.plain.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return false;
    }
    starts_lower(&b.plain) || ends_unfinished(&a.plain)
}

/// The 90th-percentile width of the document's lines of text.
fn typical_width(lines: &[Line], furniture: &[bool]) -> usize {
    let mut widths: Vec<usize> = lines
        .iter()
        .zip(furniture)
        .filter(|(l, f)| !l.is_blank() && !**f)
        .map(|(l, _)| l.plain.chars().count())
        .collect();
    if widths.len() < 5 {
        return 80;
    }
    widths.sort_unstable();
    widths[(widths.len() * 9 / 10).min(widths.len() - 1)].max(20)
}

/// Running headers and footers that ingest left in the text (a text file keeps them), and page
/// labels. A header repeats with only its numbers changing, so lines are compared with digits
/// masked.
fn find_furniture(doc: &Doc) -> Vec<bool> {
    let mut out = vec![false; doc.lines.len()];
    let key = |l: &Line| -> String {
        l.plain
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect::<String>()
            .to_lowercase()
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for l in doc.lines.iter().filter(|l| !l.is_blank()) {
        *counts.entry(key(l)).or_default() += 1;
    }
    for (i, l) in doc.lines.iter().enumerate() {
        if l.is_blank() {
            continue;
        }
        if PAGE_LABEL.is_match(&l.plain) {
            out[i] = true;
            continue;
        }
        let repeated = counts.get(&key(l)).copied().unwrap_or(0) >= 3;
        if repeated
            && l.plain.len() >= 16
            && l.plain.split_whitespace().count() >= 3
            && !ends_clause(&l.plain)
            && !l.plain.ends_with(',')
            && !opens_block(&l.plain)
            && !STRUCTURAL.is_match(&l.plain)
        {
            out[i] = true;
        }
    }
    out
}

/// The running text of some lines: normalised, markup removed, whitespace collapsed, lines
/// joined by a space (or by nothing after a hyphen that broke a word), with a map from every
/// byte back to the normalised text so any stretch of it is a span in the original.
#[derive(Debug, Clone, Default)]
pub(crate) struct Flow {
    pub text: String,
    /// `map[i]`: the normalised offset of `text` byte `i`.
    map: Vec<usize>,
    /// Per source line: (flow start, flow end), and whether it was joined to the previous one
    /// without a space.
    pieces: Vec<(usize, usize, bool)>,
}

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>]{0,40})?/?>").expect("tag pattern compiles")
});

impl Flow {
    /// The running text of `lines` (indices into `doc.lines`), starting `skip` bytes into the
    /// first line's normalised text.
    pub fn new(doc: &Doc, lines: &[usize], skip: usize) -> Flow {
        let mut flow = Flow::default();
        for (n, &li) in lines.iter().enumerate() {
            let line = &doc.lines[li];
            let from = if n == 0 {
                (line.start + skip).min(line.end)
            } else {
                line.start
            };
            let raw = &doc.norm.text[from..line.end];
            // A word or a number range broken at the margin: "re-" + "directed", "2016-" + "17".
            let before_hyphen = flow.text.chars().rev().nth(1);
            let first = raw.trim_start().chars().next();
            let glued = flow.text.ends_with('-')
                && ((before_hyphen.is_some_and(char::is_alphabetic) && starts_lower(raw))
                    || (before_hyphen.is_some_and(|c| c.is_ascii_digit())
                        && first.is_some_and(|c| c.is_ascii_digit())));
            if !flow.text.is_empty() && !glued {
                flow.push(" ", doc.lines[lines[n - 1]].end);
            }
            let start = flow.text.len();
            flow.push_line(raw, from, n == 0 && skip == 0 || n > 0);
            // Drop the space pushed for an empty piece.
            if flow.text.len() == start && flow.text.ends_with(' ') {
                flow.text.pop();
                flow.map.pop();
            }
            let start = start.min(flow.text.len());
            flow.pieces.push((start, flow.text.len(), glued));
        }
        let end = lines.last().map_or(0, |&l| doc.lines[l].end);
        flow.map.push(end);
        flow
    }

    fn push(&mut self, s: &str, norm_at: usize) {
        self.text.push_str(s);
        self.map.extend(std::iter::repeat_n(norm_at, s.len()));
    }

    /// Append one line's text, dropping markup and collapsing whitespace. `line_start`: strip
    /// the line-opening markup (`#` headings, `>` quotes).
    fn push_line(&mut self, raw: &str, from: usize, line_start: bool) {
        let mut i = 0;
        let bytes = raw.as_bytes();
        if line_start {
            let t = raw.trim_start();
            i = raw.len() - t.len();
            loop {
                let rest = &raw[i..];
                if let Some(r) = rest.strip_prefix('>') {
                    i += 1 + (r.len() - r.trim_start().len());
                    continue;
                }
                let hashes = rest.bytes().take_while(|b| *b == b'#').count();
                if (1..=6).contains(&hashes) && rest[hashes..].starts_with(' ') {
                    let r = &rest[hashes..];
                    i += hashes + (r.len() - r.trim_start().len());
                    continue;
                }
                break;
            }
        }
        let mut pending_space = false;
        while i < raw.len() {
            let rest = &raw[i..];
            if rest.starts_with("**") || rest.starts_with("__") {
                i += 2;
                continue;
            }
            if bytes[i] == b'<' {
                if let Some(m) = TAG.find(rest) {
                    i += m.end();
                    continue;
                }
            }
            let c = rest.chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                pending_space = true;
                i += c.len_utf8();
                continue;
            }
            if pending_space && !self.text.is_empty() && !self.text.ends_with(' ') {
                self.push(" ", from + i - 1);
            }
            pending_space = false;
            let at = from + i;
            self.text.push(c);
            self.map.extend(at..at + c.len_utf8());
            i += c.len_utf8();
        }
    }

    /// The normalised offset of flow byte `i` (`i == len` gives the end of the last line).
    pub fn norm_at(&self, i: usize) -> usize {
        self.map[i.min(self.map.len() - 1)]
    }

    /// The normalised range of flow bytes `a..b`.
    pub fn norm_range(&self, a: usize, b: usize) -> (usize, usize) {
        if a >= b || a >= self.text.len() {
            let at = self.norm_at(a);
            return (at, at);
        }
        let b = b.min(self.text.len());
        (self.map[a], self.map[b - 1] + 1)
    }

    /// The original-text span of flow bytes `a..b`.
    pub fn span(&self, doc: &Doc, a: usize, b: usize) -> Span {
        let (s, e) = self.norm_range(a, b);
        doc.span(s, e)
    }

    /// The original text of flow bytes `a..b`: each line's part as the user sees it, whitespace
    /// collapsed, lines joined as in the flow. Running headers between the lines are left out.
    pub fn original(&self, doc: &Doc, a: usize, b: usize) -> String {
        let mut out = String::new();
        for &(ps, pe, glued) in &self.pieces {
            let (s, e) = (ps.max(a), pe.min(b));
            if s >= e {
                continue;
            }
            let (ns, ne) = self.norm_range(s, e);
            let text = without_markup(doc.original_text(doc.span(ns, ne)));
            let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if collapsed.is_empty() {
                continue;
            }
            if !out.is_empty() && !glued {
                out.push(' ');
            }
            out.push_str(&collapsed);
        }
        out
    }
}

/// Words whose final full stop does not end a sentence.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "approx", "e.g", "i.e", "etc", "no", "nos", "cllr", "cllrs", "mr", "mrs", "ms", "dr", "st",
    "c", "ref", "vs", "fig", "para", "inc", "ltd", "co", "p", "pp", "hon", "rev", "revd", "prof",
    "cf", "al", "ca", "est", "jr", "sr", "dept", "govt", "assoc",
];

/// The word before byte `at` (letters, digits and apostrophes), lower-cased.
pub(crate) fn word_before(text: &str, at: usize) -> String {
    let before = text[..at].trim_end();
    let before = before.trim_end_matches(['(', '#', '.']);
    before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// The sentences of a text, as byte ranges.
pub(crate) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let after = i + 1;
        if after >= text.len() || bytes[after] != b' ' {
            continue;
        }
        let next = text[after + 1..].chars().next();
        if !next.is_some_and(|n| {
            n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '\'' | '(' | '•' | '-')
        }) {
            continue;
        }
        if c == '.' {
            let word = word_before(text, i + 1);
            let single_initial = word.chars().count() == 1;
            if single_initial || ABBREVIATIONS.contains(&word.as_str()) {
                continue;
            }
        }
        out.push((start, after));
        start = after + 1;
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// Text without the emphasis markers and simple tags a converter left in it (`**`, `__`,
/// `<u>`): the words as a reader sees them.
fn without_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with("**") || rest.starts_with("__") {
            i += 2;
            continue;
        }
        if rest.starts_with('<') {
            if let Some(m) = TAG.find(rest) {
                i += m.end();
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceText;

    fn blocks_of(text: &str) -> Vec<String> {
        let doc = Doc::new(&SourceText::from_plain(text));
        let layout = Layout::new(&doc);
        layout
            .blocks
            .iter()
            .map(|b| Flow::new(&doc, &b.lines, 0).text)
            .collect()
    }

    #[test]
    fn blocks_follow_the_layout() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "blank lines separate paragraphs",
                "First paragraph here.\n\nSecond one.",
                &["First paragraph here.", "Second one."],
            ),
            (
                "a sentence broken by a page break and a repeated running header stays one paragraph",
                "Head Board Meeting 3 May\n\nThe plan was to\n\nHead Board Meeting 3 May\n\nrecruit more carers.\n\nHead Board Meeting 3 May",
                &["The plan was to recruit more carers."],
            ),
            (
                "wrapped lines join, a short line ending a sentence ends the paragraph",
                "The committee considered the report of the director on the state of the\nlibrary service in the district and its future funding from the council.\nIt noted it.\nA new paragraph starts here and runs on for a while until the margin is hit\nand ends.",
                &[
                    "The committee considered the report of the director on the state of the library service in the district and its future funding from the council. It noted it.",
                    "A new paragraph starts here and runs on for a while until the margin is hit and ends.",
                ],
            ),
            (
                "bullets and labels start blocks",
                "Points:\n- one thing;\n- another\n(1) that this;\n(2) that that.",
                &["Points:", "- one thing;", "- another", "(1) that this;", "(2) that that."],
            ),
            (
                "a word broken by a hyphen is joined without a space",
                "The service was re-\ndirected to the new team.",
                &["The service was re-directed to the new team."],
            ),
            (
                "a number range broken at the margin is joined without a space",
                "There were 15 resignations in 2016-\n17 for many reasons.",
                &["There were 15 resignations in 2016-17 for many reasons."],
            ),
            (
                "markup is dropped from the running text",
                "## **Fostering** <u>update</u>\n\nText.",
                &["Fostering update", "Text."],
            ),
        ];
        for (rule, input, expected) in cases {
            assert_eq!(&blocks_of(input), expected, "{rule}");
        }
    }

    #[test]
    fn flow_spans_point_into_the_original() {
        let text = "The cost was \u{00A3}23,000 \u{2013} agreed.\n\nNext.";
        let doc = Doc::new(&SourceText::from_plain(text));
        let layout = Layout::new(&doc);
        let flow = Flow::new(&doc, &layout.blocks[0].lines, 0);
        let at = flow.text.find("23,000").expect("flow has the number");
        let span = flow.span(&doc, at - "\u{00A3}".len(), at + 6);
        assert_eq!(
            doc.original_text(span),
            "\u{00A3}23,000",
            "a flow range maps to the original bytes"
        );
        assert_eq!(
            flow.original(&doc, 0, flow.text.len()),
            "The cost was \u{00A3}23,000 \u{2013} agreed.",
            "the original text keeps typographic characters"
        );
    }

    #[test]
    fn labels_are_recognised() {
        let cases: &[(&str, Option<LabelStyle>)] = &[
            ("(1) that", Some(LabelStyle::ParenNumber)),
            ("- (2) that", Some(LabelStyle::ParenNumber)),
            ("1. Agrees", Some(LabelStyle::Number)),
            ("(ii) The", Some(LabelStyle::Roman)),
            ("iv. What", Some(LabelStyle::Roman)),
            ("a) Children", Some(LabelStyle::Letter)),
            ("9.1 The Cabinet", Some(LabelStyle::Decimal)),
            ("• Culture", Some(LabelStyle::Bullet)),
            ("15 foster carers", None),
            ("2017 was", None),
            ("*42 Budget", None),
        ];
        for (input, style) in cases {
            assert_eq!(
                label(input).map(|l| l.style),
                *style,
                "label style of {input:?}"
            );
        }
    }

    #[test]
    fn sentences_do_not_end_at_abbreviations() {
        let text = "Cllr. G. Carr said approx. 5 were left. Then Mr. Ash agreed.";
        let s = sentences(text);
        assert_eq!(
            s.iter().map(|(a, b)| &text[*a..*b]).collect::<Vec<_>>(),
            vec![
                "Cllr. G. Carr said approx. 5 were left.",
                "Then Mr. Ash agreed."
            ],
            "abbreviations and initials do not end sentences"
        );
    }
}
