//! Agenda items: the numbered (or titled) business of a meeting, in order.
//!
//! Councils number items in many schemes: `10/17`, `A26/17`, `CAB 123/21`, `45/2021`, `15.`,
//! `Item 3:`, `(Item 4)`, `Agenda Item 5`, `Minute 45`, `19.09.01`, `*42`, `S-56`, `IV.`, `12 (a)`,
//! or a bare `5` in a table-like layout. Minutes are also full of lines that merely *look* like
//! numbered headings: numbered decisions, numbered questions, lists, dates, sums of money, "15
//! foster carers resigned". What separates them is consistency: a document numbers its items in
//! one scheme, and the numbers run in order. So every line that opens with something
//! number-like becomes a candidate with its scheme, and the scheme whose candidates are most
//! numerous, run in sequence and look like headings wins; the rest are not items. Numbered
//! decisions are never candidates (see [`super::resolutions::Decisions::zones`]).
//!
//! Three shapes have no numbered headings at all:
//! - an agenda-item web page, whose paragraphs are numbered `9.1`, `9.2`…: the item is `9`, its
//!   title the page's heading, and lettered sub-headings (`a) Programme update`) are items `9a`,
//!   `9b`;
//! - a report whose numbered recommendations ("1. That the Director…") are its items; a
//!   recommendation whose number was lost between two numbered ones gets the missing number;
//! - minutes with unnumbered headings (bold, Markdown, capitals, Title Case, or standing business
//!   such as "Apologies"), each followed by body text.
//!
//! Sub-paragraph numbering (`9.1` under item 9, `(a)`, `i.`, `(1)`) and sub-topic headings inside
//! an item are not items. A heading that carries an agenda reference ("The Children's Workforce
//! (Agenda item 7)") is an item even among numbered ones; its number stays null, as the minute
//! number was not printed.

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::layout::{
    ends_clause, ends_unfinished, is_bare_label, label, opens_block, starts_lower, Layout,
};
#[cfg(test)]
use super::resolutions;
use super::text::Doc;
use crate::model::{AgendaItem, Diagnostic, StandingItem};

/// Find the document's agenda items, in order.
#[cfg(test)]
pub fn find(doc: &Doc, layout: &Layout, diagnostics: &mut Vec<Diagnostic>) -> Vec<AgendaItem> {
    find_in(doc, layout, &resolutions::zones(doc, layout), diagnostics)
}

/// The document's agenda items, in order, kept out of the decision zones (see
/// [`super::resolutions::Decisions::zones`]).
pub(crate) fn find_in(
    doc: &Doc,
    layout: &Layout,
    zones: &[bool],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<AgendaItem> {
    let finder = Finder { doc, layout, zones };
    let found = finder.run(diagnostics);
    if found.is_empty() && doc.lines.iter().any(|l| !l.is_blank()) {
        diagnostics.push(Diagnostic::warning(
            "items.none",
            "No agenda items were recognised; paragraphs are not linked to items.",
        ));
    }
    finder.to_items(found)
}

/// What kind of business an item title names, when it is standing business.
pub(crate) fn standing(title: &str) -> Option<StandingItem> {
    let t = crate::normalize::fold(title);
    let t = t.trim_matches(|c: char| !c.is_alphanumeric());
    // "Work Programme and Date of Next Meeting": business first, standing business after it.
    if let Some((head, _)) = t.split_once(" and ").or_else(|| t.split_once(" & ")) {
        standing_phrase(head)?;
    }
    standing_phrase(t)
}

/// The standing business a folded title names.
fn standing_phrase(t: &str) -> Option<StandingItem> {
    let has = |s: &str| t.contains(s);
    if has("apolog") {
        Some(StandingItem::Apologies)
    } else if has("declaration")
        || has("disclosure")
        || t == "interests"
        || has("conflicts of interest")
        || has("members' interests")
    {
        Some(StandingItem::DeclarationsOfInterest)
    } else if t.starts_with("minutes")
        || t.starts_with("approval of the minutes")
        || t.starts_with("approval of minutes")
        || t.starts_with("confirmation of")
        || has("previous minutes")
        || has("minutes of the last")
        || has("minutes of the previous")
        || t.starts_with("matters arising")
        || t.starts_with("notes of the last")
        || t.starts_with("notes of the previous")
        || t.starts_with("minute of the previous")
    {
        Some(StandingItem::PreviousMinutes)
    } else if has("urgent") || has("matters of urgency") {
        Some(StandingItem::UrgentBusiness)
    } else if has("exempt") || has("exclusion of the") || has("exclusion of press") {
        Some(StandingItem::ExemptItems)
    } else if t == "present"
        || t.starts_with("present ")
        || t.starts_with("members present")
        || t == "attendance"
        || t.starts_with("attendance ")
        || t.starts_with("roll call")
    {
        Some(StandingItem::Attendance)
    } else if has("public question")
        || has("questions from the public")
        || has("questions from members of the public")
        || has("public participation")
        || has("public forum")
        || has("public session")
        || has("open forum")
        || has("public comment")
        || has("petition")
        || has("date of next meeting")
        || has("date of the next meeting")
        || has("dates of future meetings")
        || has("date of future meetings")
        || has("any other business")
        || t == "aob"
        || has("call to order")
        || t.starts_with("adjourn")
        || has("pledge of allegiance")
        || t.starts_with("welcome and introductions")
        || has("announcements")
        || t.starts_with("substitut")
    {
        Some(StandingItem::Procedural)
    } else {
        None
    }
}

/// A numbering scheme: candidates in one scheme are compared with each other.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Scheme {
    /// `10/17`, `A26/17`: the prefix and the year part.
    Slash(String, String),
    /// `19.09.01`: the first two parts.
    Dotted(String),
    /// `Item 3`, `Minute 45`, `Agenda Item 5`.
    Keyword,
    /// `*42`.
    Star,
    /// `S-56`: the prefix.
    Dash(String),
    /// `PL.38`: the prefix.
    PrefixDot(String),
    /// `IV.`
    Roman,
    /// `15.`, `15`, `12 (a)`.
    Int,
}

/// A number parsed off the start of a line, with the rest of the line.
struct Parsed {
    number: String,
    scheme: Scheme,
    value: u32,
    sub: u32,
    rest: String,
}

/// A line that may be an item heading.
#[derive(Debug, Clone)]
struct Candidate {
    block: usize,
    first: usize,
    number: String,
    scheme: Scheme,
    value: u32,
    sub: u32,
    title: String,
    strong: bool,
    /// A list item: right after a line ending in ":".
    listy: bool,
}

/// An item found, before spans are worked out.
#[derive(Debug, Clone)]
struct Found {
    /// The first line of the item (its heading).
    start: usize,
    number: Option<String>,
    title: String,
    /// 0 for items, 1 for sub-items (`9a` under `9`).
    level: u8,
}

static KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\(?\s*(?:agenda\s+)?(?:item|minute)(?:\s+no\.?)?\s+(?P<num>[a-z]{0,3}\d{1,4}(?:[./]\d{1,4})*(?:\s?\([a-z]\)|[a-z])?)\s*\)?(?P<rest>(?:[\s.:\-)].*)?)$",
    )
    .expect("keyword item pattern compiles")
});
static SLASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<pre>[A-Z]{1,5}[\s/]?)?(?P<a>\d{1,4})/(?P<b>\d{2,4})(?P<sub>\([a-z0-9]{1,3}\))?(?P<rest>(?:[\s.:\-)].*)?)$")
        .expect("slash item pattern compiles")
});
static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<a>\d{1,2}\.\d{1,2})\.(?P<c>\d{1,3})\.?(?P<rest>(?:\s.*)?)$")
        .expect("dotted item pattern compiles")
});
static STAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\*(?P<a>\d{1,4})(?P<rest>(?:[\s.:)].*)?)$").expect("star item pattern compiles")
});
/// `PL.38`: letters, a dot, a number.
static PREFIX_DOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<pre>[A-Z]{2,5})\.(?P<a>\d{1,4})(?P<rest>(?:[\s:\-)].*)?)$")
        .expect("prefix-dot item pattern compiles")
});
static DASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<pre>[A-Z]{1,4})-(?P<a>\d{1,4})(?P<rest>(?:[\s.:)].*)?)$")
        .expect("dash item pattern compiles")
});
static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<r>[IVXLC]{1,7})[.)](?P<rest>(?:\s.*)?)$")
        .expect("roman item pattern compiles")
});
static INT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<a>\d{1,3})(?P<sub>\s?\([a-z]\))?(?P<p>[.:)])?(?P<rest>(?:\s.*)?)$")
        .expect("int item pattern compiles")
});
static DECIMAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<a>\d{1,3})\.(?P<b>\d{1,2})\.?(?P<rest>\s.*)$")
        .expect("decimal pattern compiles")
});
static LETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?(?P<l>[a-z])[).](?P<rest>\s.*)$").expect("letter pattern compiles")
});
static AGENDA_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*\((?:agenda\s+)?item\s*(?:no\.?\s*)?[\w.]{1,6}\)\s*$")
        .expect("agenda reference pattern compiles")
});
static PAGES_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*\((?:pages?|pp?\.?)\s*\d+(?:\s*(?:-|to)\s*\d+)?\)\s*$")
        .expect("pages reference pattern compiles")
});
/// A label that only says an item's title follows: "Decision details:", "Subject:".
static TITLE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:decision\s+details|subject|report\s+title|title\s+of\s+report)\s*:\s*")
        .expect("title label pattern compiles")
});
static DATE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b[\s,]*(?:\d|$))",
    )
    .expect("date pattern compiles")
});
static TIME_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d{1,2}[.:]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?|(?:am|pm|a\.m\.|p\.m\.))\b")
        .expect("time pattern compiles")
});
static AGENDA_PAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^agenda\s+item(?:\s+(?:no\.?\s*)?\d{1,3}[a-z]?)?\W*$")
        .expect("agenda page pattern compiles")
});
static GENERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:joint\s+)?report\s+(?:by|of|from)\s.*|agenda(?:\s+item)?|minutes|minutes\s+of\s+the\s+meeting|supporting\s+documents|report|decisions?|background(?:\s+papers)?|attachments?|appendix|appendices|contents|summary|notes?|part\s+[a-z0-9]+|open\s+session|public\s+session)\W*$",
    )
    .expect("generic heading pattern compiles")
});

/// Words in a title, ignoring punctuation.
fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .count()
}

/// The value of an upper-case Roman numeral (`IV` → 4), if it is a well-formed one.
fn roman_value(r: &str) -> Option<u32> {
    let v = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        _ => 0,
    };
    let digits: Vec<u32> = r.chars().map(v).collect();
    if digits.contains(&0) {
        return None;
    }
    let mut total = 0i64;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|n| n > d) {
            total -= i64::from(*d);
        } else {
            total += i64::from(*d);
        }
    }
    u32::try_from(total).ok().filter(|t| (1..200).contains(t))
}

/// Parse the agenda number at the start of a line's plain text.
fn parse_number(plain: &str) -> Option<Parsed> {
    let get = |c: &regex::Captures, n: &str| c.name(n).map_or("", |m| m.as_str()).to_string();
    if let Some(c) = KEYWORD.captures(plain) {
        let number = get(&c, "num").replace(' ', "");
        let value = number
            .chars()
            .filter(|c| c.is_ascii_digit())
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        return Some(Parsed {
            number: get(&c, "num").trim().to_string(),
            scheme: Scheme::Keyword,
            value,
            sub: 0,
            rest: get(&c, "rest"),
        });
    }
    if let Some(c) = SLASH.captures(plain) {
        let pre = get(&c, "pre");
        let (a, b, sub) = (get(&c, "a"), get(&c, "b"), get(&c, "sub"));
        return Some(Parsed {
            number: format!("{pre}{a}/{b}{sub}"),
            scheme: Scheme::Slash(pre.trim().trim_end_matches('/').to_string(), b),
            value: a.parse().unwrap_or(0),
            sub: 0,
            rest: get(&c, "rest"),
        });
    }
    if let Some(c) = DOTTED.captures(plain) {
        let (a, cc) = (get(&c, "a"), get(&c, "c"));
        return Some(Parsed {
            number: format!("{a}.{cc}"),
            scheme: Scheme::Dotted(a),
            value: cc.parse().unwrap_or(0),
            sub: 0,
            rest: get(&c, "rest"),
        });
    }
    if let Some(c) = STAR.captures(plain) {
        let a = get(&c, "a");
        return Some(Parsed {
            number: format!("*{a}"),
            scheme: Scheme::Star,
            value: a.parse().unwrap_or(0),
            sub: 0,
            rest: get(&c, "rest"),
        });
    }
    if let Some(c) = PREFIX_DOT.captures(plain) {
        let (pre, a) = (get(&c, "pre"), get(&c, "a"));
        return Some(Parsed {
            number: format!("{pre}.{a}"),
            scheme: Scheme::PrefixDot(pre),
            value: a.parse().unwrap_or(0),
            sub: 0,
            rest: get(&c, "rest"),
        });
    }
    if let Some(c) = DASH.captures(plain) {
        let (pre, a) = (get(&c, "pre"), get(&c, "a"));
        return Some(Parsed {
            number: format!("{pre}-{a}"),
            scheme: Scheme::Dash(pre),
            value: a.parse().unwrap_or(0),
            sub: 0,
            rest: get(&c, "rest"),
        });
    }
    if let Some(c) = ROMAN.captures(plain) {
        let r = get(&c, "r");
        let value = roman_value(&r)?;
        return Some(Parsed {
            number: r,
            scheme: Scheme::Roman,
            value,
            sub: 0,
            rest: get(&c, "rest"),
        });
    }
    if let Some(c) = INT.captures(plain) {
        let a = get(&c, "a");
        let sub = get(&c, "sub");
        let value: u32 = a.parse().unwrap_or(0);
        if value == 0 || a.starts_with('0') {
            return None;
        }
        let sub_value = sub
            .chars()
            .find(|c| c.is_ascii_lowercase())
            .map_or(0, |c| c as u32 - 'a' as u32 + 1);
        return Some(Parsed {
            number: format!("{a}{sub}"),
            scheme: Scheme::Int,
            value,
            sub: sub_value,
            rest: get(&c, "rest"),
        });
    }
    None
}

/// Tidy a heading into a title: no separators, agenda or page references, or text after a
/// "Present:"-style label.
fn clean_title(s: &str) -> String {
    let mut t = s
        .trim()
        .trim_start_matches(['.', ':', '-', ')', ' '])
        .trim()
        .to_string();
    loop {
        let before = t.len();
        if let Some(m) = AGENDA_REF.find(&t) {
            t.truncate(m.start());
        }
        if let Some(m) = PAGES_REF.find(&t) {
            t.truncate(m.start());
        }
        if t.len() == before {
            break;
        }
    }
    if let Some(i) = t.find(": ") {
        let (head, tail) = (&t[..i], &t[i + 2..]);
        if word_count(head) <= 6 && word_count(tail) > 8 {
            t = head.to_string();
        }
    }
    t.trim_end_matches(['.', ':', ';', ',', '-', ' '])
        .trim()
        .to_string()
}

/// True when a numbered line is a recommendation ("That the Director reviews…").
fn is_recommendation(t: &str) -> bool {
    t.split_whitespace()
        .next()
        .is_some_and(|w| w.trim_end_matches(',').eq_ignore_ascii_case("that"))
}

/// True when a title reads like a heading rather than a sentence, a date or a time.
fn title_ok(t: &str) -> bool {
    let Some(first) = t.chars().next() else {
        return false;
    };
    if !(first.is_uppercase() || first.is_ascii_digit() || matches!(first, '"' | '\'' | '(')) {
        return false;
    }
    if t.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return false;
    }
    if DATE_START.is_match(t) || TIME_LIKE.is_match(t) {
        return false;
    }
    let words = word_count(t);
    if is_recommendation(t) {
        return words <= 90;
    }
    words <= 40 && (words <= 16 || !t.ends_with('.'))
}

/// True when a line reads as a heading with no number: short, no closing punctuation.
fn heading_shape(t: &str) -> bool {
    let words = word_count(t);
    (1..=14).contains(&words)
        && !starts_lower(t)
        && t.chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '"' || c == '\'')
        && !matches!(t.chars().last(), Some('.' | ';' | ',' | '?' | '!'))
        && !DATE_START.is_match(t)
        && !TIME_LIKE.is_match(t)
}

struct Finder<'a> {
    doc: &'a Doc,
    layout: &'a Layout,
    zones: &'a [bool],
}

impl Finder<'_> {
    fn plain(&self, line: usize) -> &str {
        &self.doc.lines[line].plain
    }

    fn run(&self, diagnostics: &mut Vec<Diagnostic>) -> Vec<Found> {
        let candidates = self.candidates();
        let (mut found, chain) = self.numbered(&candidates);
        if !found.is_empty() {
            let kept: HashSet<usize> = found.iter().map(|f| f.start).collect();
            let others = candidates
                .iter()
                .filter(|c| !kept.contains(&c.first))
                .count();
            if others > 0 {
                diagnostics.push(Diagnostic::info(
                    "items.lookalikes",
                    format!(
                        "{others} numbered line(s) did not follow the document's item numbering and were read as lists or sub-paragraphs, not agenda items."
                    ),
                ));
            }
            if let Some(chain) = chain {
                found.extend(self.fill_gaps(&chain, diagnostics));
            }
            found.extend(self.referenced_unnumbered(&found));
        } else {
            found = self.paragraph_groups();
        }
        if found.is_empty() {
            found = self.unnumbered();
        }
        if found.is_empty() {
            found.extend(self.agenda_page_heading());
        }
        found.sort_by_key(|f| f.start);
        found.dedup_by_key(|f| f.start);
        let subs = self.lettered_subitems(&found);
        found.extend(subs);
        found.sort_by_key(|f| (f.start, f.level));
        found
    }

    /// Every block whose first line opens with an agenda-like number and a heading-like title.
    fn candidates(&self) -> Vec<Candidate> {
        let mut out = Vec::new();
        for (bi, block) in self.layout.blocks.iter().enumerate() {
            let first = block.first();
            if self.zones[first] {
                continue;
            }
            let (opening, used) = self.opening(bi);
            let Some(p) = parse_number(&opening) else {
                continue;
            };
            let Some((last, raw_title)) = self.heading(bi, &p.rest, used) else {
                continue;
            };
            let title = clean_title(&raw_title);
            // "41. The Director explained that…": a numbered sentence, not a heading.
            let sentence = raw_title.trim_end().ends_with('.')
                && word_count(&title) >= 8
                && !is_recommendation(&title);
            let ok = match p.scheme {
                Scheme::Keyword => !title.is_empty() && !starts_lower(&title),
                _ => title_ok(&title) && !sentence,
            };
            if !ok {
                continue;
            }
            let line = &self.doc.lines[first];
            let emphasised = line.emphasised || self.doc.lines[last].emphasised;
            let strong = emphasised || standing(&title).is_some() || self.body_follows(last);
            let listy = !emphasised
                && self.layout.prev_content(self.doc, first).is_some_and(|p| {
                    let prev = &self.doc.lines[p];
                    !prev.emphasised && prev.plain.ends_with(':')
                });
            out.push(Candidate {
                block: bi,
                first,
                number: p.number,
                scheme: p.scheme,
                value: p.value,
                sub: p.sub,
                title,
                strong,
                listy,
            });
        }
        out
    }

    /// [`Self::opening`] of the block that starts at `line`.
    fn opening_of(&self, line: usize) -> (String, usize) {
        let bi = self.layout.blocks.partition_point(|b| b.first() < line);
        if self
            .layout
            .blocks
            .get(bi)
            .is_some_and(|b| b.first() == line)
        {
            self.opening(bi)
        } else {
            (self.plain(line).to_string(), 1)
        }
    }

    /// The text a block opens with, and how many of its lines that takes: the first line, or,
    /// when that is a bare label ("9.1", "a)"), the label and the line it labels.
    fn opening(&self, bi: usize) -> (String, usize) {
        let block = &self.layout.blocks[bi];
        let first = self.plain(block.first());
        match block.lines.get(1) {
            Some(&second) if is_bare_label(first) => (format!("{first} {}", self.plain(second)), 2),
            _ => (first.to_string(), 1),
        }
    }

    /// The heading text of a candidate and its last line: the rest of its opening, carried on
    /// by lines of the same block that continue the title, or, for a number alone on its line,
    /// the line after it.
    fn heading(&self, bi: usize, rest: &str, used: usize) -> Option<(usize, String)> {
        let block = &self.layout.blocks[bi];
        let rest = rest.trim();
        let (mut title, mut last, lines): (String, usize, &[usize]) =
            if rest.is_empty() || rest.chars().all(|c| !c.is_alphanumeric()) {
                let (first, more): (usize, &[usize]) = match block.lines.get(used) {
                    Some(&l) => (l, &block.lines[used + 1..]),
                    None => {
                        let next = self.layout.blocks.get(bi + 1)?;
                        (next.first(), &next.lines[1..])
                    }
                };
                if first > block.last() + 4 || opens_block(self.plain(first)) {
                    return None;
                }
                let t = self.plain(first).to_string();
                if word_count(&t) > 20 || t.ends_with('.') || starts_lower(&t) {
                    return None;
                }
                (t, first, more)
            } else {
                (
                    rest.to_string(),
                    block.lines[used - 1],
                    &block.lines[used..],
                )
            };
        let mut last_len = self.plain(last).chars().count();
        // A heading marked up on its own line may still wrap onto the next block.
        let mut more: Vec<usize> = lines.to_vec();
        let own = lines.len();
        if lines.is_empty() {
            let bi_last = self.layout.blocks.partition_point(|b| b.first() <= last);
            if let Some(next) = self.layout.blocks.get(bi_last) {
                more.extend(&next.lines);
            }
        }
        for (k, &l) in more.iter().enumerate() {
            let p = self.plain(l);
            // A title wrapped at the margin carries on whatever the next line starts with; the
            // next block, past a blank line, is a wrap only when the title stops mid-phrase.
            let wrapped = k < own && last_len * 4 >= self.layout.width * 3;
            let carry = !ends_clause(&title)
                && !AGENDA_REF.is_match(&title)
                && !opens_block(p)
                && (starts_lower(p) || p.starts_with('(') || ends_unfinished(&title) || wrapped)
                && word_count(&title) + word_count(p) <= 90;
            if !carry {
                break;
            }
            title.push(' ');
            title.push_str(p);
            last = l;
            last_len = p.chars().count();
        }
        Some((last, title))
    }

    /// True when body text (a sentence, not another heading) follows line `last`.
    fn body_follows(&self, last: usize) -> bool {
        let Some(next) = self.layout.next_content(self.doc, last) else {
            return false;
        };
        let (p, _) = self.opening_of(next);
        if parse_number(&p).is_some() && !self.zones[next] {
            return false;
        }
        word_count(&p) >= 8 || ends_clause(&p)
    }

    /// The numbered items: the winning scheme's candidates plus any keyword ("Item 3") ones.
    /// Also returns the integer chain when integers won, for gap filling.
    fn numbered(&self, cands: &[Candidate]) -> (Vec<Found>, Option<Vec<Candidate>>) {
        let decimal_prefixes = self.decimal_prefixes();
        let mut options: Vec<(f32, Scheme, Vec<Candidate>)> = Vec::new();
        let score = |c: &Candidate| 1.0 + if c.strong { 0.5 } else { 0.0 };
        let mut groups: BTreeMap<Scheme, Vec<Candidate>> = BTreeMap::new();
        for c in cands {
            groups.entry(c.scheme.clone()).or_default().push(c.clone());
            // "21/22, 21/23…" number items by the part after the slash: group them both ways.
            if let Scheme::Slash(pre, _) = &c.scheme {
                if let Some((left, _)) = c.number.split_once('/') {
                    let lead: String = left.chars().filter(char::is_ascii_digit).collect();
                    groups
                        .entry(Scheme::Slash(pre.clone(), format!("{lead}/")))
                        .or_default()
                        .push(c.clone());
                }
            }
        }
        for (scheme, members) in groups {
            match scheme {
                Scheme::Int | Scheme::Roman => {
                    let usable: Vec<Candidate> = members.into_iter().filter(|c| !c.listy).collect();
                    let (s, chain) = best_chain(&usable, score);
                    let single_ok = chain.len() == 1 && {
                        let c = &chain[0];
                        self.doc.lines[c.first].emphasised
                            || standing(&c.title).is_some()
                            || decimal_prefixes.contains(&c.value)
                    };
                    if chain.len() >= 2 || single_ok {
                        options.push((s, scheme, chain));
                    }
                }
                _ => {
                    let s: f32 = members.iter().map(score).sum();
                    let single_ok = members.len() >= 2 || members.iter().all(|c| c.strong);
                    if single_ok {
                        options.push((s, scheme, members));
                    }
                }
            }
        }
        // Ties go to the more distinctive scheme (the enum's order).
        options.sort_by(|a, b| {
            b.0.partial_cmp(&a.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.1.cmp(&b.1))
        });
        let Some((_, scheme, best)) = options.first().cloned() else {
            return (Vec::new(), None);
        };
        let mut chosen = best.clone();
        if scheme != Scheme::Keyword {
            if let Some((_, _, kw)) = options.iter().find(|o| o.1 == Scheme::Keyword) {
                chosen.extend(kw.iter().cloned());
            }
        }
        let found = chosen
            .iter()
            .map(|c| Found {
                start: c.first,
                number: Some(c.number.clone()),
                title: c.title.clone(),
                level: 0,
            })
            .collect();
        let chain = (scheme == Scheme::Int).then_some(best);
        (found, chain)
    }

    /// Prefixes of numbered paragraphs (`9` for `9.1`, `9.2`).
    fn decimal_prefixes(&self) -> HashSet<u32> {
        let mut seen: BTreeMap<u32, usize> = BTreeMap::new();
        for block in &self.layout.blocks {
            if let Some(c) = DECIMAL.captures(&self.opening_of(block.first()).0) {
                if let Some(a) = c.name("a").and_then(|m| m.as_str().parse().ok()) {
                    *seen.entry(a).or_default() += 1;
                }
            }
        }
        seen.into_iter()
            .filter(|(_, n)| *n >= 2)
            .map(|(a, _)| a)
            .collect()
    }

    /// A recommendation whose number was lost between two numbered ones (1, ?, 3): the heading
    /// between them in the same style gets the missing number. Other gaps are reported.
    fn fill_gaps(&self, chain: &[Candidate], diagnostics: &mut Vec<Diagnostic>) -> Vec<Found> {
        let mut out = Vec::new();
        for w in chain.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if b.value <= a.value + 1 || b.sub != 0 {
                continue;
            }
            let filled = (b.value == a.value + 2)
                .then(|| self.lost_number(a, b))
                .flatten();
            match filled {
                Some(found) => {
                    diagnostics.push(Diagnostic::info(
                        "items.number_inferred",
                        format!(
                            "Item \"{}\" has no printed number; it sits between items {} and {}, so it is read as {}.",
                            shorten(&found.title),
                            a.number,
                            b.number,
                            found.number.as_deref().unwrap_or_default()
                        ),
                    ));
                    out.push(found);
                }
                None => diagnostics.push(Diagnostic::info(
                    "items.gap",
                    format!(
                        "Item numbers jump from {} to {}: an item may be missing or unreadable.",
                        a.number, b.number
                    ),
                )),
            }
        }
        out
    }

    /// The marked-up heading between items `a` and `b` that starts like them ("That…").
    fn lost_number(&self, a: &Candidate, b: &Candidate) -> Option<Found> {
        let first_word = |t: &str| t.split_whitespace().next().unwrap_or("").to_lowercase();
        let (wa, wb) = (first_word(&a.title), first_word(&b.title));
        for bi in a.block + 1..b.block {
            let line = self.layout.blocks[bi].first();
            if self.zones[line] || label(self.plain(line)).is_some() {
                continue;
            }
            let raw = self
                .heading(bi, self.plain(line), 1)
                .map_or_else(|| self.plain(line).to_string(), |h| h.1);
            let title = clean_title(&raw);
            let w = first_word(&title);
            if self.doc.lines[line].emphasised && (w == wa || w == wb) && title_ok(&title) {
                return Some(Found {
                    start: line,
                    number: Some((a.value + 1).to_string()),
                    title,
                    level: 0,
                });
            }
        }
        None
    }

    /// Headings with an agenda reference ("The Workforce (Agenda item 7)") among numbered items.
    fn referenced_unnumbered(&self, found: &[Found]) -> Vec<Found> {
        let taken: HashSet<usize> = found.iter().map(|f| f.start).collect();
        let mut out = Vec::new();
        for block in &self.layout.blocks {
            let line = block.first();
            if self.zones[line] || taken.contains(&line) || block.lines.len() > 2 {
                continue;
            }
            let text: Vec<&str> = block.lines.iter().map(|&l| self.plain(l)).collect();
            let text = text.join(" ");
            if !AGENDA_REF.is_match(&text) || parse_number(&text).is_some() {
                continue;
            }
            let title = clean_title(&text);
            if heading_shape(&title) && self.body_follows(block.last()) {
                out.push(Found {
                    start: line,
                    number: None,
                    title,
                    level: 0,
                });
            }
        }
        out
    }

    /// Items implied by numbered paragraphs (`9.1`, `9.2`… → item 9), or numbered sub-headings
    /// (`5.1 Planning application…`) that are themselves the items.
    fn paragraph_groups(&self) -> Vec<Found> {
        // Per prefix: (first line, number, text after the number, whether that is a heading).
        let mut groups: BTreeMap<u32, Vec<(usize, String, String, bool)>> = BTreeMap::new();
        let mut order: Vec<u32> = Vec::new();
        for (bi, block) in self.layout.blocks.iter().enumerate() {
            let line = block.first();
            let (opening, used) = self.opening(bi);
            let Some(c) = DECIMAL.captures(&opening) else {
                continue;
            };
            let Some(a) = c.name("a").and_then(|m| m.as_str().parse::<u32>().ok()) else {
                continue;
            };
            let number = format!("{a}.{}", c.name("b").map_or("", |m| m.as_str()));
            let rest = c.name("rest").map_or("", |m| m.as_str()).trim().to_string();
            // A heading is the whole block; a numbered paragraph runs on.
            let heading = block.lines.len() == used
                && !self.zones[line]
                && heading_shape(&rest)
                && word_count(&rest) <= 12;
            if !groups.contains_key(&a) {
                order.push(a);
            }
            groups
                .entry(a)
                .or_default()
                .push((line, number, rest, heading));
        }
        let mut out = Vec::new();
        let mut prev_end = 0usize;
        for a in order {
            let members = &groups[&a];
            if members.len() < 2 {
                continue;
            }
            let headings = members.iter().filter(|m| m.3).count();
            if headings * 10 >= members.len() * 6 {
                for (line, number, rest, heading) in members {
                    if *heading {
                        out.push(Found {
                            start: *line,
                            number: Some(number.clone()),
                            title: clean_title(rest),
                            level: 0,
                        });
                    }
                }
            } else {
                let first = members[0].0;
                let (start, title) = self.title_above(prev_end, first).unwrap_or((
                    first,
                    self.doc
                        .title
                        .clone()
                        .unwrap_or_else(|| format!("Item {a}")),
                ));
                out.push(Found {
                    start,
                    number: Some(a.to_string()),
                    title,
                    level: 0,
                });
            }
            prev_end = members.last().map_or(prev_end, |m| m.0);
        }
        out
    }

    /// The nearest heading above line `before` (and after line `after`): the title of an item
    /// whose paragraphs are numbered.
    fn title_above(&self, after: usize, before: usize) -> Option<(usize, String)> {
        let mut line = before;
        while let Some(p) = self.layout.prev_content(self.doc, line) {
            if p < after {
                break;
            }
            line = p;
            if self.zones[p] {
                continue;
            }
            let plain = self.plain(p);
            if plain.ends_with(':') || plain.ends_with('.') {
                // "The report informs Members about:" introduces a list.
                continue;
            }
            let text = match parse_number(plain) {
                Some(n) if n.scheme == Scheme::Int => n.rest,
                _ => plain.to_string(),
            };
            let title = clean_title(&text);
            if heading_shape(&title) && word_count(&title) <= 12 && !GENERIC.is_match(&title) {
                return Some((p, title));
            }
        }
        None
    }

    /// Lettered sub-headings inside a numbered item (`a) Programme update`, `b) Fostering`): items
    /// `9a`, `9b` when at least two run in order from `a`.
    fn lettered_subitems(&self, found: &[Found]) -> Vec<Found> {
        let mut out = Vec::new();
        for (i, item) in found.iter().enumerate() {
            let Some(number) = &item.number else {
                continue;
            };
            let end = found.get(i + 1).map_or(self.doc.lines.len(), |n| n.start);
            let mut subs: Vec<(usize, char, String)> = Vec::new();
            let from = self
                .layout
                .blocks
                .partition_point(|b| b.first() <= item.start);
            let to = self.layout.blocks.partition_point(|b| b.first() < end);
            for block in &self.layout.blocks[from..to.max(from)] {
                let line = block.first();
                if self.zones[line] || block.lines.len() > 2 {
                    continue;
                }
                let (opening, _) = self.opening_of(line);
                let Some(c) = LETTER.captures(&opening) else {
                    continue;
                };
                let letter = c
                    .name("l")
                    .map_or('?', |m| m.as_str().chars().next().unwrap_or('?'));
                let title = clean_title(c.name("rest").map_or("", |m| m.as_str()));
                if heading_shape(&title)
                    && word_count(&title) <= 12
                    && self.body_follows(block.last())
                {
                    subs.push((line, letter, title));
                }
            }
            let in_order = subs
                .iter()
                .enumerate()
                .all(|(k, s)| s.1 as u32 == 'a' as u32 + k as u32);
            if subs.len() >= 2 && in_order {
                for (line, letter, title) in subs {
                    out.push(Found {
                        start: line,
                        number: Some(format!("{number}{letter}")),
                        title,
                        level: 1,
                    });
                }
            }
        }
        out
    }

    /// Minutes with no numbering: headings (marked up, capitals, Title Case, standing business)
    /// followed by body text. Headings above the first sentence of body text are the
    /// document's own title lines, unless they name standing business.
    fn unnumbered(&self) -> Vec<Found> {
        let mut out = Vec::new();
        let mut seen_body = false;
        for (bi, block) in self.layout.blocks.iter().enumerate() {
            let line = block.first();
            let texts: Vec<&str> = block.lines.iter().map(|&l| self.plain(l)).collect();
            let joined = texts.join(" ");
            let is_body = word_count(&joined) >= 6 && ends_clause(&joined);
            // "Decision details: Clean Air Zone": a label that only says a title follows.
            let title_label = TITLE_LABEL.find(&joined);
            let text = match title_label {
                Some(m) => joined[m.end()..].to_string(),
                None => joined.clone(),
            };
            // A line ending in a colon introduces what follows ("Cabinet:"); it heads nothing. A
            // colon inside is a label ("Present: …") unless the line is a heading in capitals or
            // marked up ("RESOLUTION 2023-88: ADOPTION OF …"); a full stop ends a sentence.
            let marked_line = block.lines.iter().all(|&l| self.doc.lines[l].emphasised);
            let capitals = text.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && !text.chars().any(char::is_lowercase);
            let candidate = !self.zones[line]
                && block.lines.len() <= 2
                && label(&text).is_none()
                && (!text.contains(": ") || capitals || marked_line)
                && !text.trim_end().ends_with(':')
                && (!text.trim_end().ends_with('.') || marked_line);
            if candidate {
                let title = clean_title(&text);
                let stand = standing(&title).is_some();
                let marked = block.lines.iter().all(|&l| self.doc.lines[l].emphasised);
                let letters: Vec<char> = title.chars().filter(|c| c.is_alphabetic()).collect();
                let caps = letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase());
                let long_words: Vec<&str> = title
                    .split_whitespace()
                    .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
                    .collect();
                let title_case = word_count(&title) <= 10
                    && !long_words.is_empty()
                    && long_words
                        .iter()
                        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
                        .count()
                        * 10
                        >= long_words.len() * 7;
                let referenced = AGENDA_REF.is_match(&text);
                let labelled = title_label.is_some();
                let cue = marked || stand || caps || title_case || referenced || labelled;
                let next_is_body = self.layout.blocks.get(bi + 1).is_some_and(|n| {
                    let t: Vec<&str> = n.lines.iter().map(|&l| self.plain(l)).collect();
                    let t = t.join(" ");
                    word_count(&t) >= 5 || ends_clause(&t)
                });
                // "Minutes" is a document's title at the top, a standing item after body text.
                if cue
                    && heading_shape(&title)
                    && (!GENERIC.is_match(&title) || (seen_body && marked && stand))
                    && (next_is_body || labelled)
                    && (seen_body
                        || referenced
                        || (stand && standing(&title) != Some(StandingItem::PreviousMinutes)))
                {
                    out.push(Found {
                        start: line,
                        number: None,
                        title,
                        level: 0,
                    });
                    // Past the document's title lines now.
                    seen_body = true;
                    continue;
                }
            }
            seen_body |= is_body;
        }
        out
    }

    /// An agenda-item web page ("Agenda item" above the item's heading) with nothing numbered:
    /// the page is one item, titled by its heading.
    fn agenda_page_heading(&self) -> Option<Found> {
        let mut lines = (0..self.doc.lines.len())
            .filter(|&l| !self.doc.lines[l].is_blank() && !self.layout.furniture[l])
            .take(4);
        lines.find(|&l| AGENDA_PAGE.is_match(self.plain(l)))?;
        let line = lines.next()?;
        let title = clean_title(self.plain(line));
        (heading_shape(&title) && !GENERIC.is_match(&title)).then_some(Found {
            start: line,
            number: None,
            title,
            level: 0,
        })
    }

    /// Spans, pages and standing business for the items found.
    fn to_items(&self, found: Vec<Found>) -> Vec<AgendaItem> {
        let last_line = self.doc.lines.len().saturating_sub(1);
        let mut items = Vec::with_capacity(found.len());
        for (i, f) in found.iter().enumerate() {
            let bound = found[i + 1..]
                .iter()
                .find(|n| n.level <= f.level && n.start > f.start)
                .map_or(last_line, |n| n.start.saturating_sub(1));
            let mut end = bound.max(f.start);
            while end > f.start && (self.doc.lines[end].is_blank() || self.layout.furniture[end]) {
                end -= 1;
            }
            items.push(AgendaItem {
                number: f.number.clone(),
                title: f.title.clone(),
                page: self.doc.lines[f.start].page,
                span: self.doc.lines_span(f.start, end),
                standing: standing(&f.title),
            });
        }
        items
    }
}

/// The best run of candidates in order (1, 2, 3… with small gaps; `12 (a)`, `12 (b)` share a
/// number): the longest, strongest, least gappy. Returns its score and members.
fn best_chain(cands: &[Candidate], score: impl Fn(&Candidate) -> f32) -> (f32, Vec<Candidate>) {
    let n = cands.len();
    if n == 0 {
        return (0.0, Vec::new());
    }
    let mut dp: Vec<f32> = cands.iter().map(&score).collect();
    let mut prev: Vec<Option<usize>> = vec![None; n];
    for j in 0..n {
        for i in 0..j {
            let (a, b) = (&cands[i], &cands[j]);
            let penalty = if b.value == a.value && b.sub > a.sub {
                Some(0.0)
            } else if b.value > a.value && b.value - a.value <= 3 {
                Some(0.4 * (b.value - a.value - 1) as f32)
            } else {
                None
            };
            if let Some(p) = penalty {
                let v = dp[i] + score(b) - p;
                if v > dp[j] {
                    dp[j] = v;
                    prev[j] = Some(i);
                }
            }
        }
    }
    let mut best = 0;
    for j in 1..n {
        if dp[j] > dp[best] {
            best = j;
        }
    }
    let mut chain = vec![cands[best].clone()];
    let mut at = best;
    while let Some(p) = prev[at] {
        chain.push(cands[p].clone());
        at = p;
    }
    chain.reverse();
    (dp[best], chain)
}

/// A title cut short for a message.
fn shorten(s: &str) -> String {
    if s.chars().count() <= 60 {
        return s.to_string();
    }
    let cut: String = s.chars().take(57).collect();
    format!("{cut}...")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceText;

    fn items(input: &str) -> Vec<(Option<String>, String)> {
        let doc = Doc::new(&SourceText::from_plain(input));
        find(&doc, &Layout::new(&doc), &mut Vec::new())
            .into_iter()
            .map(|i| (i.number, i.title))
            .collect()
    }

    /// (rule, input, expected items as (number, title)).
    type Case = (&'static str, String, Vec<(Option<String>, String)>);

    fn n(number: &str, title: &str) -> (Option<String>, String) {
        (Some(number.to_string()), title.to_string())
    }

    #[test]
    fn numbering_schemes_are_read_as_printed() {
        let body = "The committee discussed the matter at some length and noted it.";
        let cases: Vec<Case> = vec![
            (
                "NN/YY numbers, a number alone above its title",
                format!("10/17 Minutes\n\n{body}\n\n11/17\n\nHousing Update\n\n{body}"),
                vec![n("10/17", "Minutes"), n("11/17", "Housing Update")],
            ),
            (
                "prefixed A26/17 numbers keep the prefix; agenda references leave the title",
                format!("A26/17 Apologies (agenda item 1)\n\n{body}\n\nA27/17 Parks (agenda item 2)\n\n{body}"),
                vec![n("A26/17", "Apologies"), n("A27/17", "Parks")],
            ),
            (
                "'15.' loses its full stop; a 'Present:' heading keeps only the label",
                format!("15. Present: Councillors Ash, Birch, Cedar, Dogwood, Elm, Fir and Gorse with officers.\n\n16. Apologies\n\n{body}\n\n17. Budget\n\n{body}"),
                vec![n("15", "Present"), n("16", "Apologies"), n("17", "Budget")],
            ),
            (
                "'Item 3:' and '(Item 4)' give the bare number",
                format!("Item 3: Parking Review\n\n{body}\n\n(Item 4) Library Hours\n\n{body}"),
                vec![n("3", "Parking Review"), n("4", "Library Hours")],
            ),
            (
                "dotted, star and dash numbers stay as printed",
                format!("19.09.01 Welcome\n\n{body}\n\n19.09.02 Roads\n\n{body}"),
                vec![n("19.09.01", "Welcome"), n("19.09.02", "Roads")],
            ),
            (
                "star numbers",
                format!("*42 Budget Monitoring\n\n{body}\n\n*43 Fees and Charges\n\n{body}"),
                vec![n("*42", "Budget Monitoring"), n("*43", "Fees and Charges")],
            ),
            (
                "dash numbers",
                format!("S-56 Highways\n\n{body}\n\nS-57 Lighting\n\n{body}"),
                vec![n("S-56", "Highways"), n("S-57", "Lighting")],
            ),
            (
                "'Minute 45' gives the number",
                format!("Minute 45 Tree Works\n\n{body}\n\nMinute 46 Allotments\n\n{body}"),
                vec![n("45", "Tree Works"), n("46", "Allotments")],
            ),
            (
                "a table-like agenda with the number in its own column",
                format!("5    Apologies for absence\n{body}\n6    Declarations of interest\n{body}\n7    Play Area\n{body}"),
                vec![n("5", "Apologies for absence"), n("6", "Declarations of interest"), n("7", "Play Area")],
            ),
            (
                "lettered sub-items share their number: '12 (a)', '12 (b)'; '45/2021' years",
                format!("45/2021 Budget\n\n{body}\n\n46/2021 Housing\n\n{body}"),
                vec![n("45/2021", "Budget"), n("46/2021", "Housing")],
            ),
            (
                "sub-items numbered '12 (a)' are items in the same run",
                format!("11. Parks\n\n{body}\n\n12 (a) Leisure Centre\n\n{body}\n\n12 (b) Swimming Pool\n\n{body}\n\n13. Close\n\n{body}"),
                vec![n("11", "Parks"), n("12 (a)", "Leisure Centre"), n("12 (b)", "Swimming Pool"), n("13", "Close")],
            ),
            (
                "'Agenda Item 5' gives the number",
                format!("AGENDA ITEM 5: BUDGET\n\n{body}\n\nAGENDA ITEM 6: CLOSE\n\n{body}"),
                vec![n("5", "BUDGET"), n("6", "CLOSE")],
            ),
            (
                "'PL.38' letters, a dot and a number",
                format!("PL.38     ANNOUNCEMENTS\n\n38.1 {body}\n\nPL.39     APOLOGIES\n\n39.1 {body}"),
                vec![n("PL.38", "ANNOUNCEMENTS"), n("PL.39", "APOLOGIES")],
            ),
            (
                "three-part references 'FC/23/58'",
                format!("FC/23/58 Apologies for absence\n{body}\n\nFC/23/59 Financial report\n{body}"),
                vec![n("FC/23/58", "Apologies for absence"), n("FC/23/59", "Financial report")],
            ),
            (
                "a long heading in capitals does not run on into the paragraph after a blank line",
                format!("1.   DECLARATIONS OF INTEREST\n\n     {body}\n\n2.   PREMISES LICENCE APPLICATION - THE OLD BAKEHOUSE, 14 MARKET STREET, ASHFORD\n\n     The officer submitted a report on an application for a new licence to sell alcohol for\n     consumption on the premises every day of the week."),
                vec![n("1", "DECLARATIONS OF INTEREST"), n("2", "PREMISES LICENCE APPLICATION - THE OLD BAKEHOUSE, 14 MARKET STREET, ASHFORD")],
            ),
            (
                "a title wrapped onto a second line",
                format!("A31/17 The inspection of services for children in need of help and\nprotection (agenda item 5)\nThe officers attended.\n\nA32/17 Close\n\n{body}"),
                vec![n("A31/17", "The inspection of services for children in need of help and protection"), n("A32/17", "Close")],
            ),
        ];
        for (rule, input, expected) in cases {
            assert_eq!(items(&input), expected, "{rule}");
        }
    }

    #[test]
    fn things_that_look_like_numbers_are_not_items() {
        let body = "The committee discussed the matter at some length and noted it.";
        let cases: Vec<Case> = vec![
            (
                "numbered decisions, dates, figures and questions inside items are not items",
                format!(
                    "1. Apologies\n\n{body}\n\n2. Budget\n\n{body}\n\nRESOLVED that:\n\n1. The report be noted.\n2. The plan be adopted.\n\n15 foster carers resigned last year.\n\n11 October 2016\n\ni. What are the risks?\n\n3. Parks\n\n{body}"
                ),
                vec![n("1", "Apologies"), n("2", "Budget"), n("3", "Parks")],
            ),
            (
                "sub-paragraphs 9.1, 9.2 make one item 9 titled by the page heading; a) b) sub-headings are 9a, 9b",
                format!("Agenda item\n\nYouth Services Update\n\nMinutes:\n\n9.1 {body}\n\na) Programme Update\n\n9.2 {body}\n\nb) Fostering Drive\n\n9.3 {body}"),
                vec![n("9", "Youth Services Update"), n("9a", "Programme Update"), n("9b", "Fostering Drive")],
            ),
            (
                "a sub-topic heading inside an item is not an item",
                format!("13/17\n\nUpdates from the Chair\n\nRecruitment of Staff\n\n{body}\n\n14/17 Close\n\n{body}"),
                vec![n("13/17", "Updates from the Chair"), n("14/17", "Close")],
            ),
            (
                "an unnumbered heading with an agenda reference counts among numbered items",
                format!("A30/17 Exempt Items\n\n{body}\n\nA31/17 Inspection\n\n{body}\n\nThe Workforce (Agenda item 7)\n\n{body}"),
                vec![n("A30/17", "Exempt Items"), n("A31/17", "Inspection"), (None, "The Workforce".to_string())],
            ),
            (
                "a recommendation whose number was lost takes the missing number",
                format!("# 1. That the director reviews the service;\n\n{body}\n\n## That the panel monitors costs:-\n\n{body}\n\n3. That staff are trained;\n\n{body}"),
                vec![n("1", "That the director reviews the service"), n("2", "That the panel monitors costs"), n("3", "That staff are trained")],
            ),
        ];
        for (rule, input, expected) in cases {
            assert_eq!(items(&input), expected, "{rule}");
        }
    }

    #[test]
    fn doubtful_numbering_is_reported() {
        let body = "The committee discussed the matter at some length and noted it.";
        let text = format!("1. Apologies\n\n{body}\n\n2. Budget\n\n{body}\n\n5. Parks\n\n{body}\n\n7 Closing Remarks\n\n{body}");
        let doc = Doc::new(&SourceText::from_plain(text));
        let mut diagnostics = Vec::new();
        let found = find(&doc, &Layout::new(&doc), &mut diagnostics);
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(found.len(), 4, "a jump in numbering does not lose items");
        assert!(
            codes.contains(&"items.gap"),
            "a jump from 2 to 5 is reported as a possible missing item: {codes:?}"
        );
    }

    #[test]
    fn unnumbered_headings_are_items() {
        let input = "WESTFORD PARISH COUNCIL\nMinutes of the meeting of 3 March 2021\n\nAPOLOGIES\n\nCllr Doe sent apologies for this meeting.\n\n**Village Hall Roof**\n\nThe clerk reported on the roof repairs and the quotes received.\n\nPlay Area\n\nThe new swings have been installed and inspected by the contractor.";
        assert_eq!(
            items(input),
            vec![
                (None, "APOLOGIES".to_string()),
                (None, "Village Hall Roof".to_string()),
                (None, "Play Area".to_string())
            ],
            "headings followed by body text are items; the title lines above the first body text are not"
        );
    }

    #[test]
    fn capitals_headings_with_colons_are_items_and_sentences_are_not() {
        let input = "VILLAGE OF ASHGROVE\nBOARD OF TRUSTEES\n\nThe meeting was called to order at 7:30 p.m. by the Mayor of the village.\n\nAPOLOGIES\n\nTrustee Bell sent apologies, which were accepted.\n\nRESOLUTION 2023-88: ADOPTION OF LOCAL LAW NO. 4\n\nBE IT RESOLVED that the Board adopts Local Law No. 4 of 2023 as presented.";
        assert_eq!(
            items(input),
            vec![
                (None, "APOLOGIES".to_string()),
                (
                    None,
                    "RESOLUTION 2023-88: ADOPTION OF LOCAL LAW NO. 4".to_string()
                )
            ],
            "a capitals heading may hold a colon; a sentence ending in a full stop heads nothing"
        );
    }

    #[test]
    fn labelled_and_marked_headings_are_items() {
        let input = "Decisions\n\nDecisions published by the Cabinet on Tuesday 4 July 2023.\n\nDecision details: Library Opening Hours\n\nDecision Maker: Cabinet\n\nDecision made:\n\nCabinet:\n\n1. Approved the new hours.\n\nDecision details: Parks Strategy\n\nDecision Maker: Cabinet\n\nDecision made:\n\nCabinet noted the strategy.";
        assert_eq!(
            items(input),
            vec![
                (None, "Library Opening Hours".to_string()),
                (None, "Parks Strategy".to_string())
            ],
            "'Decision details:' titles an item; 'Cabinet:' introduces a list and heads nothing"
        );
        let input = "# Westford Council\n\n# Audit Committee\n\nMinutes of the meeting held on 3 May 2022.\n\n## Apologies\n\nNone were received at the meeting.\n\n## Minutes\n\nThe minutes of the last meeting were agreed.\n\n## Internal Audit\n\nThe auditor presented the annual report to members.";
        assert_eq!(
            items(input),
            vec![
                (None, "Apologies".to_string()),
                (None, "Minutes".to_string()),
                (None, "Internal Audit".to_string())
            ],
            "a marked 'Minutes' heading after body text is the previous-minutes item"
        );
    }

    #[test]
    fn standing_business_is_recognised() {
        let cases = [
            ("Apologies for Absence", Some(StandingItem::Apologies)),
            ("Work Programme 2024/25 and Date of Next Meeting", None),
            (
                "Apologies for Absence and Substitutions",
                Some(StandingItem::Apologies),
            ),
            (
                "Notes of the last meeting and actions",
                Some(StandingItem::PreviousMinutes),
            ),
            (
                "Disclosures of interest",
                Some(StandingItem::DeclarationsOfInterest),
            ),
            (
                "Minutes of the meeting held on 20 June",
                Some(StandingItem::PreviousMinutes),
            ),
            ("Urgent business", Some(StandingItem::UrgentBusiness)),
            (
                "Exclusion of the press and public",
                Some(StandingItem::ExemptItems),
            ),
            ("Present", Some(StandingItem::Attendance)),
            ("Date of Next Meeting", Some(StandingItem::Procedural)),
            ("Public Questions", Some(StandingItem::Procedural)),
            ("Fostering Services", None),
        ];
        for (title, expected) in cases {
            assert_eq!(standing(title), expected, "standing business of {title:?}");
        }
    }

    #[test]
    fn item_spans_cover_heading_and_body() {
        let text = "1. Apologies\n\nNone were received.\n\n2. Budget\n\nThe budget was set.\n";
        let doc = Doc::new(&SourceText::from_plain(text));
        let found = find(&doc, &Layout::new(&doc), &mut Vec::new());
        assert_eq!(found.len(), 2, "two items");
        assert_eq!(
            doc.original_text(found[0].span),
            "1. Apologies\n\nNone were received.",
            "an item's span runs from its heading to the end of its body"
        );
        assert_eq!(found[1].page, 1);
    }
}
