//! Attendance: present (chair marked), apologies, in attendance / also present / officers /
//! witnesses; names separated from roles.
//!
//! Lists open with a label ("Present:", "Members present", "Sederunt", "Apologies for absence
//! were received from", "Also in attendance:", "The Chair welcomed the following witnesses:",
//! "Roll Call: Present: …; Absent: …") and run over the following lines while they read as
//! names: they end at the next label, the next agenda item or heading, or the first line of
//! prose. A list is split on commas, semicolons, "and", "together with", new lines, bullets and
//! table columns; each entry is a name, perhaps with a role ("Tracy Collins, Group Head Looked
//! After Children"), a chair mark ("(Chair)", "(in the Chair)") or a note ("(Co-opted
//! member)"). "Councillor(s)"/"Cllr" are stripped from names; other honorifics ("Reverend P
//! French", "Ms Butler") are kept as printed, post-nominals ("MBE") dropped.
//!
//! Agenda-item pages often have no list at all; then people are read from the appositives that
//! introduce them ("The Executive Director, Ms Butler, reported…") into `inAttendance`.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{is_item_heading, strip_markup, Doc};
use crate::model::{AgendaItem, Attendance, Diagnostic, Person};

/// Find who attended and who sent apologies.
pub fn find(doc: &Doc, items: &[AgendaItem], diagnostics: &mut Vec<Diagnostic>) -> Attendance {
    let item_lines = item_start_lines(doc, items);
    let mut att = Attendance::default();
    let mut found_any = false;
    let mut i = 0;
    while i < doc.lines.len() {
        let Some(label) = label_at(doc, i) else {
            i += 1;
            continue;
        };
        let (lines, last) = gather(doc, i, &label, &item_lines);
        found_any = true;
        let (section_text, none) = (lines.join("\n"), label.none);
        if !none {
            for (section, rest) in split_inline_labels(label.section, &section_text) {
                let people = parse_list(&rest);
                file(&mut att, section, people);
            }
        }
        i = last + 1;
    }
    if found_any {
        mark_chair_statements(doc, &mut att);
    } else {
        att.in_attendance = appositives(doc);
        if att.in_attendance.is_empty() {
            diagnostics.push(Diagnostic::info(
                "attendance_not_found",
                "No attendance list (present, apologies, in attendance) was found.",
            ));
        }
    }
    dedupe(&mut att.present);
    dedupe(&mut att.apologies);
    dedupe(&mut att.in_attendance);
    att
}

/// Mark the chair named in a sentence ("Chairman Ingersoll presided.") among those present.
fn mark_chair_statements(doc: &Doc, att: &mut Attendance) {
    if att.present.iter().any(|p| p.chair) {
        return;
    }
    for line in &doc.lines {
        let Some(name) = CHAIR_STATEMENT
            .captures(line.plain.trim())
            .and_then(|c| c.name("name"))
            .map(|m| make_person(m.as_str()).name)
        else {
            continue;
        };
        let Some(surname) = name.split_whitespace().last().map(crate::normalize::fold) else {
            continue;
        };
        if let Some(p) = att.present.iter_mut().find(|p| {
            p.name
                .split_whitespace()
                .last()
                .is_some_and(|l| crate::normalize::fold(l) == surname)
        }) {
            p.chair = true;
            return;
        }
    }
}

/// Which list a label opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Present,
    Chair,
    ViceChair,
    Apologies,
    /// Absent: apologies only when marked as excused or with apologies.
    Absent,
    /// Absent with apologies, excused, with notice.
    AbsentExcused,
    InAttendance,
    RollCall,
}

/// A label found on a line.
#[derive(Debug, Clone)]
struct Label {
    section: Section,
    /// The list text after the label on the same line (may be empty).
    rest: String,
    /// "There were no apologies": the list is known to be empty.
    none: bool,
    /// The last line the label's own sentence runs over (a wrapped line in PDF text).
    last: usize,
}

/// Line indices where agenda items (from the item finder) start.
fn item_start_lines(doc: &Doc, items: &[AgendaItem]) -> HashSet<usize> {
    if items.is_empty() {
        return HashSet::new();
    }
    let mut starts: Vec<usize> = items.iter().map(|it| it.span.start).collect();
    starts.sort_unstable();
    let mut out = HashSet::new();
    for (i, line) in doc.lines.iter().enumerate() {
        let span = doc.span(line.start, line.end);
        let k = starts.partition_point(|&s| s < span.start);
        if starts.get(k).is_some_and(|&s| s <= span.end) {
            out.insert(i);
        }
    }
    out
}

/// The text of a line for list reading: markup stripped, table columns (runs of spaces or
/// tabs) turned into commas.
fn list_text(doc: &Doc, i: usize) -> String {
    let line = &doc.lines[i];
    let raw = doc.line_raw(line).trim();
    // A Markdown or text table row: "| Cllr A Smith | Chair |".
    if raw.starts_with('|') && raw.matches('|').count() >= 2 {
        let cells: Vec<String> = raw
            .split('|')
            .map(|c| strip_markup(c).0)
            .filter(|c| !c.is_empty() && !c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
            .collect();
        return cells.join(", ");
    }
    if COLUMNS.is_match(raw) {
        let joined = COLUMN_GAP.replace_all(raw, ", ");
        strip_markup(&joined).0
    } else {
        line.plain.clone()
    }
}

static COLUMN_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r" {3,}|\t+ *").expect("column gap pattern is valid"));

static COLUMNS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\S(?: {3,}|\t+ *)\S").expect("columns pattern is valid"));

const NUMBER: &str =
    r"^(?:(?i:item|minute|min\.?)\s+)?(?:[A-Z]{0,3}\d{1,3}(?:[./]\d{1,3})?[.):]?\s+)?";

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{NUMBER}(?i:(?P<label>(?:(?:members|councillors|cllrs|councilmembers|council\s+members|commissioners|supervisors|trustees|aldermen|board\s+members|committee\s+members|governors|directors|voting\s+members|elected\s+members)\s+)?(?:present(?:\s+were)?(?:\s+in\s+person)?|absent(?:\s+with(?:out)?\s+(?:apologies|notice))?)|sederunt|attendance(?:\s+list)?|attendees|those\s+present|in\s+attendance|also\s+(?:present|in\s+attendance|attending|attended)|attended\s+by|others?\s+present|(?:other|non-committee|visiting)\s+(?:members|councillors)\s+(?:present|in\s+attendance)|(?:council\s+|other\s+)?officers?(?:\s+(?:present|in\s+attendance|attending))?|staff(?:\s+present)?|witnesses|guests|advisers|advisors|apologies(?:\s+for\s+absence)?(?:\s+received)?|apologies\s+received|excused|absentees|roll\s+call|chair(?:man|person|woman)?|vice[-\s]?chair(?:man|person|woman)?|deputy\s+chair(?:man|person)?|presiding(?:\s+officer)?|cathaoirleach|convener|convenor|members|councillors|cllrs|councilmembers|council\s+members|elected\s+members))\b(?P<rest>.*)$"
    ))
    .expect("attendance label pattern is valid")
});

static PROSE_APOLOGIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\S+\s+)?(?:there\s+were\s+|an\s+)?apolog(?:y|ies)\b[^.]*?\b(?:received|submitted|tendered|given|noted|reported|sent)?\s*(?:from|by|on\s+behalf\s+of)\s+(?P<rest>.+)$")
        .expect("prose apologies pattern is valid")
});

static SENT_APOLOGIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<rest>.+?)\s+(?:had\s+)?(?:sent|submitted|tendered|gave|offered)\s+(?:their\s+|his\s+|her\s+)?apologies\b")
        .expect("sent-apologies pattern is valid")
});

static FOLLOWING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bthe\s+following\s+(?P<who>(?:\w+\s+){0,2}?(?:officers?|members?|councillors|witnesses|guests|representatives|people|persons|officials|advisers|speakers|attendees))\s+(?:(?:(?:were|was)\s+)?(?:also\s+)?(?:in\s+attendance|present|attending)|attended|to\s+the\s+meeting)\b[^:]*:\s*(?P<rest>.*)$|\b(?:welcomed|introduced)\s+the\s+following\s+(?P<who2>(?:\w+\s+){0,2}?(?:officers?|witnesses|guests|representatives|speakers|people|persons|members))\b[^:]*:\s*(?P<rest2>.*)$")
        .expect("following-people pattern is valid")
});

/// "Clerk: Mrs X", "Youth workers: Y", "Co-opted Members: Z": a line headed by a group of
/// people.
static GROUP_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<label>(?:[A-Z][A-Za-z'’-]*\s+){0,4}?(?i:clerks?|clerk\s+to\s+the\s+(?:council|committee)|minute[-\s]?takers?|officers?|staff|workers|advisers|advisors|representatives|guests|observers|visitors|speakers|partners|co-opted\s+members?|co-optees|substitutes?|(?:independent|lay)\s+members?))\s*:\s*(?P<rest>\S.*)$")
        .expect("group label pattern is valid")
});

/// "Chairman Ingersoll presided.", "Mr F Henderson in the Chair": who chaired, in a sentence.
static CHAIR_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?i:the)\s+)?(?:(?i:chair(?:man|person|woman)?|mayor|president|convener|cathaoirleach|supervisor|commissioner)\s+)?(?P<name>(?:(?i:councillor|cllr\.?|mr\.?|mrs\.?|ms\.?|miss|dr\.?|alderman)\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*,?\s+(?i:presided|presiding|was\s+in\s+the\s+chair|in\s+the\s+chair|took\s+the\s+chair)\.?$")
        .expect("chair statement pattern is valid")
});

static NONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:there\s+were\s+)?(?:no\s+apologies|none\b|nil\b|no\s+apologies\s+(?:were\s+)?received)|^there\s+were\s+none\b|^no\s+apologies\b")
        .expect("no-apologies pattern is valid")
});

/// Trailers after a label that are not names: "(agenda item 1)", "for this item", "- Parent
/// Governor Representatives" on an item heading.
static LABEL_TRAILER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:\((?:agenda\s+)?item[^)]*\)|\(\d+\)|for\s+(?:this|the\s+following|all|part\s+of\s+the)?\s*items?(?:\s+\d+)?|were|was|at\s+the\s+meeting|at\s+this\s+meeting|(?:and\s+)?substitutions?|and\s+substitutes?|of\s+members)\s*")
        .expect("label trailer pattern is valid")
});

/// Words one of the labels needs: most lines have none and are passed over at once.
static LABEL_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    super::text::ascii_regex(r"(?i)present|apolog|attend|absent|officer|chair|sederunt|roll\s+call|excused|witness|guest|staff|advis|clerk|worker|representative|member|following|presid|conven|cathaoirleach|co-opt|substitut|visitor|observer|speaker|partner|taker|absentee|councillor|cllr")
        .expect("label words pattern is valid")
});

/// The label a line opens with, if any.
fn label_at(doc: &Doc, i: usize) -> Option<Label> {
    let plain = doc.lines[i].plain.as_str();
    if plain.is_empty() || !LABEL_WORDS.is_match(plain) {
        return None;
    }
    // Sentences that introduce a list may be wrapped over several lines in PDF text.
    let (para, para_last) = paragraph(doc, i);
    let following = FOLLOWING
        .captures(plain)
        .map(|c| (c, i))
        .or_else(|| FOLLOWING.captures(&para).map(|c| (c, para_last)));
    if let Some((c, used)) = following {
        let who = c
            .name("who")
            .or(c.name("who2"))
            .map(|m| m.as_str().to_lowercase())
            .unwrap_or_default();
        let rest = c
            .name("rest")
            .or(c.name("rest2"))
            .map(|m| m.as_str())
            .unwrap_or("");
        let section = if who.contains("member") || who.contains("councillor") {
            Section::Present
        } else {
            Section::InAttendance
        };
        // The list starts after the colon: on the sentence's last line, or the next ones.
        let rest = if used == i { rest } else { rest.trim() };
        return Some(Label {
            section,
            rest: rest.to_string(),
            none: false,
            last: used,
        });
    }
    if let Some(c) = LABEL.captures(plain) {
        let label = c
            .name("label")
            .map(|m| m.as_str().to_lowercase())
            .unwrap_or_default();
        let rest_raw = c.name("rest").map(|m| m.as_str()).unwrap_or("");
        let section = section_of(&label);
        // Prose apologies ("Apologies for absence were received from …").
        if matches!(section, Section::Apologies) {
            let prose = PROSE_APOLOGIES
                .captures(plain)
                .map(|c| (c, i))
                .or_else(|| PROSE_APOLOGIES.captures(&para).map(|c| (c, para_last)));
            if let Some((r, used)) = prose.and_then(|(c, used)| c.name("rest").map(|r| (r, used))) {
                return Some(Label {
                    section,
                    rest: r.as_str().to_string(),
                    none: false,
                    last: used,
                });
            }
        }
        let mut rest = rest_raw.trim_start();
        let colon = rest.starts_with([':', '-', '–', '=']);
        rest = rest.trim_start_matches([':', '-', '–', '=', ' ']);
        loop {
            match LABEL_TRAILER.find(rest) {
                Some(m) if m.end() > 0 => {
                    rest = rest[m.end()..].trim_start_matches([':', '-', '–', ' '])
                }
                _ => break,
            }
        }
        let rest = rest.trim();
        // "Apologies for absence in accordance with Regulation 7…" with no "from": the words
        // after the label are a sentence, not names.
        let rest = if matches!(section, Section::Apologies)
            && rest.starts_with(|c: char| c.is_lowercase())
        {
            ""
        } else {
            rest
        };
        let heading_only = rest.is_empty();
        let strict = matches!(
            label.as_str(),
            l if l.starts_with("chair") || l.starts_with("vice") || l.starts_with("cathaoirleach") || l.starts_with("conven") || l.starts_with("deputy")
                || l.starts_with("presiding") || l.contains("officer") || l.starts_with("staff")
                || l.starts_with("witnesses") || l.starts_with("guests") || l.starts_with("advis")
                || l.starts_with("attendance") || l.starts_with("attendees") || l.starts_with("excused")
                || l.starts_with("absentees") || l.starts_with("members") || l.starts_with("councillors")
                || l.starts_with("cllrs") || l.starts_with("councilmembers") || l.starts_with("council members")
                || l.starts_with("elected members")
        );
        // A strict label alone on its line is a heading ("Attendance", "Officers present"), but
        // "Chairman" alone is a signature line, not a list.
        let chair_like = [
            "chair",
            "vice",
            "deputy",
            "presiding",
            "cathaoirleach",
            "conven",
        ]
        .iter()
        .any(|c| label.starts_with(c));
        let accepted = if strict {
            colon
                || (heading_only
                    && rest_raw.trim().is_empty()
                    && (!chair_like || label.split_whitespace().count() >= 2))
        } else {
            colon
                || heading_only
                || rest.starts_with(|c: char| c.is_uppercase())
                || rest.starts_with('(')
        };
        // "Officers advised that…", "Present at the meeting…": prose, not a label.
        if !accepted
            || super::text::is_prose(plain) && !colon && !matches!(section, Section::Present)
        {
            return None;
        }
        if matches!(section, Section::Apologies) && NONE.is_match(rest) {
            return Some(Label {
                section,
                rest: String::new(),
                none: true,
                last: i,
            });
        }
        return Some(Label {
            section,
            rest: rest.to_string(),
            none: false,
            last: i,
        });
    }
    if let Some(c) = GROUP_LABEL.captures(plain) {
        let label = c
            .name("label")
            .map(|m| m.as_str().to_lowercase())
            .unwrap_or_default();
        let rest = c.name("rest").map(|m| m.as_str()).unwrap_or("");
        // "Contact Officer: Jo Bloggs" on a report names its author, not someone present.
        let not_there = ["contact", "report", "author", "lead", "responsible", "case"]
            .iter()
            .any(|w| label.starts_with(w));
        if starts_with_name(rest) && !not_there {
            let section = if label.contains("member") || label.contains("co-optee") {
                Section::Present
            } else {
                Section::InAttendance
            };
            return Some(Label {
                section,
                rest: rest.to_string(),
                none: false,
                last: i,
            });
        }
    }
    let lower = plain.to_lowercase();
    if lower.starts_with("apolog")
        || lower.starts_with("there were")
        || lower.starts_with("an apolog")
    {
        for (text, used) in [(plain, i), (para.as_str(), para_last)] {
            if let Some(r) = PROSE_APOLOGIES.captures(text).and_then(|c| c.name("rest")) {
                return Some(Label {
                    section: Section::Apologies,
                    rest: r.as_str().to_string(),
                    none: false,
                    last: used,
                });
            }
        }
    }
    for (text, used) in [(plain, i), (para.as_str(), para_last)] {
        if let Some(r) = SENT_APOLOGIES.captures(text).and_then(|c| c.name("rest")) {
            let names = r.as_str();
            if names.split_whitespace().count() <= 12 && starts_with_person(names) {
                return Some(Label {
                    section: Section::Apologies,
                    rest: names.to_string(),
                    none: false,
                    last: used,
                });
            }
        }
    }
    None
}

/// A line and the lines that continue its sentence (wrapped PDF text), up to four more: joined
/// with spaces, with the index of the last line used. A line ending a sentence, a blank line or
/// an item heading ends the paragraph.
fn paragraph(doc: &Doc, i: usize) -> (String, usize) {
    let mut text = doc.lines[i].plain.clone();
    let mut last = i;
    for j in i + 1..(i + 5).min(doc.lines.len()) {
        let next = &doc.lines[j];
        if text.ends_with(['.', ':', ';', '?', '!'])
            || next.is_blank()
            || is_item_heading(&next.plain)
            || LABEL.is_match(&next.plain) && !next.plain.starts_with(|c: char| c.is_lowercase())
        {
            break;
        }
        text.push(' ');
        text.push_str(&next.plain);
        last = j;
    }
    (text, last)
}

/// Labels naming the members themselves: their list is who was present.
const MEMBER_LABELS: &[&str] = &[
    "members",
    "councillors",
    "cllrs",
    "councilmembers",
    "council members",
    "elected members",
];

fn section_of(label: &str) -> Section {
    let l = label.trim();
    if l.starts_with("vice") || l.starts_with("deputy") {
        Section::ViceChair
    } else if l.starts_with("chair")
        || l.starts_with("presiding")
        || l.starts_with("cathaoirleach")
        || l.starts_with("conven")
    {
        Section::Chair
    } else if l.starts_with("apolog") {
        Section::Apologies
    } else if l.contains("absent") || l.starts_with("absentees") {
        if l.contains("without") {
            Section::Absent
        } else if l.contains("apologies") || l.contains("notice") {
            Section::AbsentExcused
        } else {
            Section::Absent
        }
    } else if l.starts_with("excused") {
        Section::AbsentExcused
    } else if l.starts_with("roll") {
        Section::RollCall
    } else if MEMBER_LABELS.contains(&l)
        || l.contains("present")
            && !l.starts_with("also")
            && !l.starts_with("other")
            && !l.contains("officer")
            && !l.starts_with("staff")
        || l.starts_with("sederunt")
        || l.starts_with("attendance")
        || l.starts_with("attendees")
        || l.starts_with("those present")
    {
        Section::Present
    } else {
        Section::InAttendance
    }
}

/// The lines of a list: the label's own rest and the following lines that read as names.
/// Returns the texts and the index of the last line used.
fn gather(
    doc: &Doc,
    at: usize,
    label: &Label,
    item_lines: &HashSet<usize>,
) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    if !label.rest.is_empty() {
        out.push(label.rest.clone());
    }
    let mut last = label.last.max(at);
    if label.none {
        return (out, last);
    }
    // A prose sentence ("Apologies were received from X and Y.") is complete on its line.
    if !label.rest.is_empty()
        && label.rest.ends_with('.')
        && label.rest.split_whitespace().count() > 3
    {
        return (out, last);
    }
    let mut blanks = 0;
    let mut j = last + 1;
    while j < doc.lines.len() && j - at <= 60 {
        let line = &doc.lines[j];
        if line.is_blank() {
            blanks += 1;
            if blanks > 2 {
                break;
            }
            j += 1;
            continue;
        }
        let text = list_text(doc, j);
        // A table's rule or heading row ("|---|", "Member | Role") sits inside the list.
        if is_table_furniture(doc, j, &text) {
            last = j;
            j += 1;
            continue;
        }
        if item_lines.contains(&j) || label_at(doc, j).is_some() || is_item_heading(&line.plain) {
            break;
        }
        // "There were no apologies." under an "Apologies for absence" heading.
        if out.is_empty()
            && matches!(
                label.section,
                Section::Apologies | Section::Absent | Section::AbsentExcused
            )
            && NONE.is_match(&line.plain)
        {
            last = j;
            break;
        }
        let continues =
            out.last().is_some_and(|prev: &String| {
                blanks == 0
                    && (prev.trim_end().ends_with([',', '&'])
                        || prev.trim_end().to_lowercase().ends_with(" and"))
            }) || (blanks == 0 && !out.is_empty() && text.starts_with(|c: char| c.is_lowercase()));
        // A line indented under its label is one of its entries; otherwise, after a blank
        // line, an entry must look more like a person than a heading does.
        let indented = line.indent > doc.lines[at].indent;
        let strict = !indented && (blanks > 0 || out.is_empty() && line.emphasised);
        // A line wrapped in PDF text: the one before ran long without ending its entry, and
        // this one is a short tail ("Directorate.") rather than a new name.
        let prev_line = &doc.lines[last];
        let wrapped = blanks == 0
            && !out.is_empty()
            && prev_line.plain.len() >= 55
            && !prev_line.plain.ends_with(['.', ';', ':'])
            && text.split_whitespace().count() <= 8
            && !entry_like(&text, false);
        let is_entry = continues || wrapped || entry_like(&text, strict);
        if !is_entry || (line.emphasised && !continues && !text.contains(',')) {
            break;
        }
        if continues || wrapped {
            if let Some(prev) = out.last_mut() {
                prev.push(' ');
                prev.push_str(&text);
                last = j;
                blanks = 0;
                j += 1;
                continue;
            }
        }
        out.push(text);
        last = j;
        blanks = 0;
        j += 1;
    }
    (out, last)
}

/// A table row that holds no one: a rule ("|---|---|") or the column headings.
fn is_table_furniture(doc: &Doc, i: usize, text: &str) -> bool {
    const HEADINGS: &[&str] = &[
        "member",
        "members",
        "name",
        "names",
        "role",
        "roles",
        "councillor",
        "councillors",
        "attendance",
        "present",
        "apologies",
        "status",
        "position",
        "title",
        "organisation",
        "representing",
        "party",
        "ward",
        "notes",
    ];
    if !doc.line_raw(&doc.lines[i]).trim_start().starts_with('|') {
        return false;
    }
    text.is_empty()
        || text
            .split(',')
            .map(|c| c.trim().to_lowercase())
            .all(|c| HEADINGS.contains(&c.as_str()))
}

/// Whether a line reads as an attendance entry: it opens with a person's name. After a blank
/// line the bar is higher (a name with a role, an honorific, or a list), so a heading like
/// "Budget Monitoring" does not pass for a person.
fn entry_like(text: &str, strict: bool) -> bool {
    let t = strip_bullet(text);
    if t.is_empty() || super::text::is_prose(t) && !t.contains(',') {
        return false;
    }
    let first = split_outside_parens(t, &[',', ';'])
        .into_iter()
        .next()
        .unwrap_or_default();
    let first = first.trim();
    let first = strip_group_prefix(first);
    let first = DASH_ROLE.split(first).next().unwrap_or(first);
    let first_name = split_and(first).into_iter().next().unwrap_or_default();
    if !name_like(&first_name) {
        return false;
    }
    if !strict {
        return true;
    }
    t.contains(',')
        || t.contains('(')
        || t.contains(';')
        || has_honorific(first)
        || DASH_ROLE.is_match(t)
        || text.trim_start().starts_with(['-', '•', '*'])
}

/// Whether a list's text opens with a name.
fn starts_with_name(s: &str) -> bool {
    let first = split_outside_parens(s, &[',', ';'])
        .into_iter()
        .next()
        .unwrap_or_default();
    let first = strip_group_prefix(first.trim());
    let first = DASH_ROLE.split(first).next().unwrap_or(first);
    split_and(first).first().is_some_and(|f| name_like(f))
}

fn starts_with_person(s: &str) -> bool {
    let first = split_outside_parens(s, &[','])
        .into_iter()
        .next()
        .unwrap_or_default();
    let first = split_and(strip_group_prefix(first.trim()))
        .into_iter()
        .next()
        .unwrap_or_default();
    name_like(&first)
        && (has_honorific(s)
            || s.to_lowercase().starts_with("councillor")
            || s.to_lowercase().starts_with("cllr"))
}

static INLINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[.;]\s*|\s)(present|absent(?:\s+with(?:out)?\s+(?:apologies|notice))?|excused|also\s+present|in\s+attendance|apologies)\s*:\s*")
        .expect("inline label pattern is valid")
});

/// "Roll Call: Present: A, B; Absent: C" holds several lists: split it at the inner labels.
fn split_inline_labels(section: Section, text: &str) -> Vec<(Section, String)> {
    let mut out = Vec::new();
    let mut current = section;
    let mut from = 0;
    for c in INLINE_LABEL.captures_iter(text) {
        let (Some(m0), Some(l)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if m0.start() > from || m0.start() == 0 {
            let piece = &text[from..m0.start()];
            if !piece.trim().is_empty() {
                out.push((current, piece.to_string()));
            }
        }
        current = section_of(&l.as_str().to_lowercase());
        from = m0.end();
    }
    let piece = &text[from..];
    if !piece.trim().is_empty() {
        out.push((current, piece.to_string()));
    }
    out
}

/// Put a list's people where they belong.
fn file(att: &mut Attendance, section: Section, people: Vec<Person>) {
    match section {
        Section::Present => att.present.extend(people),
        Section::Chair => att.present.extend(people.into_iter().map(|mut p| {
            p.chair = true;
            p
        })),
        Section::ViceChair => att.present.extend(people.into_iter().map(|mut p| {
            p.vice_chair = true;
            p
        })),
        Section::Apologies | Section::AbsentExcused => att.apologies.extend(people),
        Section::Absent => {
            // Only those marked as excused or with apologies count as apologies.
            att.apologies.extend(people.into_iter().filter(|p| {
                p.role
                    .as_deref()
                    .is_some_and(|r| EXCUSED.is_match(r) && !r.to_lowercase().contains("without"))
            }));
        }
        Section::InAttendance => att.in_attendance.extend(people),
        Section::RollCall => {
            for mut p in people {
                let role = p.role.clone().unwrap_or_default().to_lowercase();
                if role.starts_with("absent") || role.starts_with("excused") {
                    if EXCUSED.is_match(&role) && !role.contains("without") {
                        p.role = None;
                        att.apologies.push(p);
                    }
                } else {
                    if role == "present" || role == "here" {
                        p.role = None;
                    }
                    att.present.push(p);
                }
            }
        }
    }
}

static EXCUSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:apolog|excused|with\s+notice)").expect("excused pattern is valid")
});

/// Split a list's text into people.
fn parse_list(text: &str) -> Vec<Person> {
    // Entries: lines, joined where a line continues the one before; then semicolons.
    let mut entries: Vec<String> = Vec::new();
    for line in text.lines() {
        let l = strip_bullet(line).trim();
        if l.is_empty() {
            continue;
        }
        let join = entries.last().is_some_and(|prev| {
            let p = prev.trim_end();
            p.ends_with([',', '&'])
                || p.to_lowercase().ends_with(" and")
                || l.starts_with(|c: char| c.is_lowercase())
        });
        match entries.last_mut() {
            Some(prev) if join => {
                prev.push(' ');
                prev.push_str(l);
            }
            _ => entries.push(l.to_string()),
        }
    }
    let mut people = Vec::new();
    for entry in entries {
        for piece in split_outside_parens(&entry, &[';']) {
            for part in TOGETHER.split(&piece) {
                people.extend(parse_entry(part));
            }
        }
    }
    people
}

static TOGETHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s*(?:,\s*)?\b(?:together\s+with|along\s+with|as\s+well\s+as|accompanied\s+by)\b\s*",
    )
    .expect("together-with pattern is valid")
});

/// "Co-opted Members: Mr E, Mrs F": a sub-label whose words are everyone's role.
static SUB_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<label>[A-Za-z][A-Za-z'’ &-]{2,50}?)\s*:\s*(?P<rest>.+)$")
        .expect("sub-label pattern is valid")
});

/// "Jane Smith - Director of Finance", "Councillor A Smith – Chair".
static DASH_ROLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[-–]\s+").expect("dash-role pattern is valid"));

fn parse_entry(entry: &str) -> Vec<Person> {
    let mut entry = entry
        .trim()
        .trim_end_matches(['.', ';', ','])
        .trim()
        .to_string();
    let mut group_role: Option<String> = None;
    if let Some(c) = SUB_LABEL.captures(&entry) {
        let (label, rest) = (
            c.name("label").map(|m| m.as_str().trim()).unwrap_or(""),
            c.name("rest")
                .map(|m| m.as_str().to_string())
                .unwrap_or_default(),
        );
        let lower = label.to_lowercase();
        if !name_like(label) && label.split_whitespace().count() <= 5 {
            if !matches!(
                lower.as_str(),
                "councillors" | "cllrs" | "members" | "councillor" | "cllr" | "present"
            ) {
                group_role = Some(singular(label));
            }
            entry = rest;
        }
    }
    let mut people: Vec<Person> = Vec::new();
    let mut role_mode = false;
    // "Mr N. O'Leary, Meetings Administrator": after a titled name, an untitled part is a role.
    let mut titled = false;
    for part in split_outside_parens(&entry, &[',']) {
        let mut p = part.trim().trim_end_matches('.').trim();
        for lead in ["and from ", "and also ", "from ", "and ", "also "] {
            if p.to_lowercase().starts_with(lead) {
                p = p[lead.len()..].trim();
            }
        }
        if p.is_empty() || GROUP_ONLY.is_match(p) {
            continue;
        }
        let p = strip_group_prefix(p);
        let (p, presiding) = match PRESIDING.find(p) {
            Some(m) => (p[..m.start()].trim(), true),
            None => (p, false),
        };
        // "Jane Smith - Director of Finance".
        let (p, dash_role) = match DASH_ROLE.splitn(p, 2).collect::<Vec<_>>().as_slice() {
            [name, role] if name_like(name) => (*name, Some(role.to_string())),
            _ => (p, None),
        };
        let subs = split_and(p);
        let all_names = !subs.is_empty() && subs.iter().all(|s| name_like(s));
        let has_title = subs.iter().any(|s| has_title(s));
        let new_person_ok = if role_mode || (titled && !people.is_empty()) {
            has_title
                || subs.iter().any(|s| has_honorific(s))
                || (!titled && subs.iter().any(|s| bare_tokens(s) >= 2))
        } else {
            true
        };
        if all_names && new_person_ok {
            for s in &subs {
                let mut person = make_person(s);
                person.chair |= presiding;
                if let Some(r) = &dash_role {
                    add_role(&mut person, r);
                }
                if let Some(g) = &group_role {
                    if person.role.is_none() {
                        person.role = Some(g.clone());
                    }
                }
                people.push(person);
            }
            role_mode = dash_role.is_some();
            titled = has_title;
        } else if let Some((role, name)) = role_then_name(p) {
            let mut person = make_person(&name);
            add_role(&mut person, &role);
            people.push(person);
            role_mode = false;
        } else if let Some(last) = people.last_mut() {
            add_role(last, p);
            role_mode = true;
        }
    }
    people
}

static PRESIDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:presiding|in\s+the\s+chair)\.?$").expect("presiding pattern is valid")
});

/// "Councillor" or "Councillors" standing alone ("Councillor, EM Giles"): a stray prefix.
static GROUP_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:councillors?|cllrs?\.?|members?|councilmembers?|council\s+members?|present|absent)$").expect("group-only pattern is valid")
});

/// Strip a list's group prefix: "Councillors Allen" -> "Allen".
fn strip_group_prefix(s: &str) -> &str {
    let t = s.trim();
    for p in [
        "Councillors ",
        "Councilors ",
        "Cllrs. ",
        "Cllrs ",
        "COUNCILLORS ",
        "Councilmembers ",
        "Council Members ",
        "Members ",
        "Aldermen ",
        "Supervisors ",
        "Commissioners ",
        "Trustees ",
        "Comhairleoirí ",
        "Comhairleoiri ",
    ] {
        if let Some(rest) = t.strip_prefix(p) {
            return rest.trim();
        }
    }
    t
}

fn singular(label: &str) -> String {
    let l = label.trim();
    let l = l
        .strip_suffix("Members")
        .map(|s| format!("{s}Member"))
        .unwrap_or_else(|| l.to_string());
    let l = l
        .strip_suffix("members")
        .map(|s| format!("{s}member"))
        .unwrap_or(l);
    l.strip_suffix("Representatives")
        .map(|s| format!("{s}Representative"))
        .unwrap_or(l)
}

/// Split "A and B", "A & B" when both sides are names ("Children and Families" is not split).
fn split_and(s: &str) -> Vec<String> {
    let parts: Vec<String> = AND
        .split(s)
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() > 1 && parts.iter().all(|p| name_like(p)) {
        parts
    } else {
        vec![s.trim().to_string()]
    }
}

static AND: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+(?:and|&|AND)\s+").expect("and pattern is valid"));

/// Split on separators that are not inside parentheses.
fn split_outside_parens(s: &str, seps: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            _ => {}
        }
        if depth == 0 && seps.contains(&c) {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

fn strip_bullet(s: &str) -> &str {
    let t = s.trim();
    let t = t
        .trim_start_matches(['-', '•', '*', '·', '▪', '–'])
        .trim_start();
    // "1." or "(a)" list numbering.
    if let Some(m) = LIST_NUMBER.find(t) {
        return t[m.end()..].trim_start();
    }
    t
}

static LIST_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\(?[a-z]\)|\(?\d{1,2}[.)])\s+").expect("list number pattern is valid")
});

/// Honorifics a name may start with, longest first.
const HONORIFICS: &[&str] = &[
    "Councillor",
    "Councilmember",
    "Council Member",
    "Councilman",
    "Councilwoman",
    "Cllrs",
    "Cllr",
    "Reverend",
    "Revd",
    "Rev",
    "Professor",
    "Prof",
    "Mrs",
    "Miss",
    "Mr",
    "Ms",
    "Mx",
    "Dr",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Baroness",
    "Baron",
    "Alderman",
    "Alderwoman",
    "Father",
    "Canon",
    "Bishop",
    "Rabbi",
    "Imam",
    "Sister",
    "Brother",
    "Commissioner",
    "Supervisor",
    "Trustee",
    "Mayor",
    "Deputy Mayor",
    "Vice Mayor",
    "An Ardmhéara",
    "Ardmhéara",
    "Leas-Ardmhéara",
    "An Cathaoirleach",
    "Cathaoirleach",
    "Leas-Chathaoirleach",
    "Deputy Lord Mayor",
    "Lord Mayor",
    "Lady Mayoress",
    "Mayor Pro Tem",
    "Judge",
    "Captain",
    "Major",
    "Colonel",
    "Inspector",
    "Sergeant",
    "Superintendent",
    "Chief Inspector",
    "Chief Superintendent",
    "Comhairleoir",
    "Council President",
    "Council Vice President",
    "Vice President",
    "President",
    "Vice-Chair",
    "Vice Chair",
    "Chairman",
    "Chairwoman",
    "Chairperson",
    "Chair",
    "City Manager",
    "City Attorney",
    "City Clerk",
    "City Recorder",
    "Town Manager",
    "Town Clerk",
    "County Manager",
    "County Clerk",
    "County Attorney",
    "County Administrator",
    "Village Manager",
    "Village Clerk",
    "Clerk",
    "Treasurer",
];

/// Offices printed before a name that are the person's role, not part of the name:
/// "Mayor Lee", "City Manager Paul Hartman", "Chairman Ingersoll".
const OFFICES: &[&str] = &[
    "An Ardmhéara",
    "Ardmhéara",
    "Leas-Ardmhéara",
    "An Cathaoirleach",
    "Cathaoirleach",
    "Leas-Chathaoirleach",
    "Deputy Lord Mayor",
    "Lord Mayor",
    "Lady Mayoress",
    "Mayor Pro Tem",
    "Deputy Mayor",
    "Vice Mayor",
    "Mayor",
    "Council President",
    "Council Vice President",
    "Vice President",
    "President",
    "Vice-Chair",
    "Vice Chair",
    "Chairman",
    "Chairwoman",
    "Chairperson",
    "Chair",
    "City Manager",
    "City Attorney",
    "City Clerk",
    "City Recorder",
    "Town Manager",
    "Town Clerk",
    "County Manager",
    "County Clerk",
    "County Attorney",
    "County Administrator",
    "Village Manager",
    "Village Clerk",
    "Supervisor",
    "Commissioner",
    "Trustee",
];

/// Honorifics that are the councillor title itself: stripped from names.
const COUNCILLOR: &[&str] = &[
    "Councillor",
    "Councilmember",
    "Council Member",
    "Councilman",
    "Councilwoman",
    "Cllr",
    "Cllrs",
    "Comhairleoir",
];

/// Post-nominal letters dropped from names.
const POSTNOMINALS: &[&str] = &[
    "MBE", "OBE", "CBE", "KBE", "DBE", "BEM", "JP", "MP", "MSP", "MS", "AM", "MLA", "TD", "DL",
    "QC", "KC", "FRSA", "PhD", "MEP", "CB", "CMG", "Esq", "RN", "MA", "BA", "MSc", "BSc", "FCA",
    "CPFA", "ACA",
];

/// Words that make a phrase a role, an organisation or a heading rather than a name.
const NOT_NAME_WORDS: &[&str] = &[
    "director",
    "directors",
    "head",
    "officer",
    "officers",
    "manager",
    "managers",
    "member",
    "members",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "vice",
    "deputy",
    "assistant",
    "executive",
    "chief",
    "lead",
    "senior",
    "principal",
    "interim",
    "acting",
    "cabinet",
    "portfolio",
    "holder",
    "council",
    "councils",
    "service",
    "services",
    "children",
    "children's",
    "families",
    "family",
    "education",
    "health",
    "care",
    "social",
    "adult",
    "adults",
    "learning",
    "people",
    "group",
    "team",
    "board",
    "committee",
    "panel",
    "clerk",
    "solicitor",
    "legal",
    "governance",
    "democratic",
    "democracy",
    "representative",
    "representatives",
    "co-optee",
    "co-opted",
    "governor",
    "governors",
    "adviser",
    "advisor",
    "inspector",
    "coordinator",
    "co-ordinator",
    "partner",
    "partners",
    "strategic",
    "corporate",
    "finance",
    "financial",
    "policy",
    "planning",
    "housing",
    "environment",
    "development",
    "regeneration",
    "public",
    "safeguarding",
    "improvement",
    "directorate",
    "department",
    "authority",
    "trust",
    "nhs",
    "police",
    "secretary",
    "treasurer",
    "auditor",
    "engineer",
    "surveyor",
    "planner",
    "scrutiny",
    "project",
    "programme",
    "support",
    "commissioning",
    "operations",
    "resources",
    "human",
    "transformation",
    "business",
    "partnership",
    "organisation",
    "association",
    "society",
    "university",
    "college",
    "school",
    "schools",
    "academy",
    "diocese",
    "diocesan",
    "church",
    "teacher",
    "parent",
    "minute",
    "minutes",
    "taker",
    "agenda",
    "item",
    "items",
    "apologies",
    "present",
    "declarations",
    "declaration",
    "interest",
    "interests",
    "questions",
    "question",
    "resolved",
    "report",
    "reports",
    "update",
    "welcome",
    "announcements",
    "matters",
    "arising",
    "introductions",
    "exclusion",
    "urgent",
    "petitions",
    "budget",
    "monitoring",
    "plan",
    "strategy",
    "review",
    "performance",
    "annual",
    "quarterly",
    "scheme",
    "application",
    "applications",
    "correspondence",
    "accounts",
    "audit",
    "risk",
    "none",
    "nil",
    "apology",
    "absence",
    "absent",
    "attendance",
    "also",
    "other",
    "others",
    "officials",
    "guests",
    "witnesses",
    "public",
    "press",
    "observers",
    "observer",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "meeting",
    "date",
    "time",
    "venue",
    "substitute",
    "substitutes",
    "substituting",
    "ward",
    "wards",
    "county",
    "borough",
    "district",
    "city",
    "parish",
    "town",
    "community",
    "mayor's",
    "leader",
    "office",
    "offices",
    "unit",
    "youth",
    "voluntary",
    "sector",
    "agency",
    "ofsted",
    "update",
    "progress",
    "delivery",
    "framework",
    "the",
    "of",
    "for",
    "to",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "was",
    "were",
    "is",
    "are",
    "gave",
    "said",
    "reported",
    "noted",
    "welcomed",
    "thanked",
    "advised",
    "explained",
    "presented",
    "introduced",
    "attended",
    "clinical",
    "commissioner",
    "consultant",
    "specialist",
    "analyst",
    "lawyer",
    "advocate",
    "worker",
    "workers",
    "administrator",
    "administrators",
    "accountant",
    "architect",
    "archivist",
    "registrar",
    "warden",
    "caretaker",
    "chaplain",
    "meetings",
    "recorder",
    "manager's",
    "practitioner",
    "nurse",
    "doctor",
    "gp",
    "pupil",
    "student",
    "residents",
    "resident",
    "applicant",
    "agent",
    "objector",
    "supporter",
    "speaker",
    "speakers",
    "minority",
    "opposition",
    "labour",
    "conservative",
    "liberal",
    "democrat",
    "green",
    "independent",
    "party",
    "group's",
];

/// Lower-case particles inside names ("Ursula von der Leyen", "Maria de la Cruz").
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "la", "le", "da", "di", "du", "del", "bin", "al", "ap",
    "ter", "ten", "dos", "das",
];

/// Remove leading honorifics; returns the rest and whether any were there.
fn strip_honorifics(s: &str) -> (&str, bool) {
    let mut t = s.trim();
    let mut any = false;
    'outer: loop {
        for h in HONORIFICS {
            // As printed ("Mr") or in capitals ("MR"), never in lower case ("mr" is not one).
            let Some(head) = t.get(..h.len()) else {
                continue;
            };
            let same = head == *h
                || (head.eq_ignore_ascii_case(h) && !head.bytes().any(|b| b.is_ascii_lowercase()));
            if !same {
                continue;
            }
            let rest_trim = t[h.len()..].trim_start_matches('.');
            if rest_trim.starts_with(' ') {
                t = rest_trim.trim_start();
                any = true;
                continue 'outer;
            }
        }
        break;
    }
    (t, any)
}

fn has_honorific(s: &str) -> bool {
    strip_honorifics(s).1
}

/// A courtesy or professional title ("Mr", "Dr", "Reverend"), not "Councillor".
fn has_title(s: &str) -> bool {
    TITLE.is_match(s.trim())
}

static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Mrs|Mr|Ms|Miss|Mx|Dr|Prof|Professor|Rev|Revd|Reverend|Sir|Dame|Lord|Lady|Father|Canon)\.?\s")
        .expect("title pattern is valid")
});

/// Remove parenthetical notes: "(Chair)", "(Co-opted member)".
fn without_parens(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strip_postnominals(s: &str) -> String {
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while let Some(last) = words.last() {
        let bare = last.trim_matches(|c: char| c == '.' || c == ',');
        if words.len() > 1 && POSTNOMINALS.contains(&bare) {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ")
}

/// The name words left once honorifics, notes and post-nominals are gone.
fn bare_name(s: &str) -> String {
    let no_parens = without_parens(s);
    let (rest, _) = strip_honorifics(&no_parens);
    strip_postnominals(rest)
}

fn bare_tokens(s: &str) -> usize {
    bare_name(s).split_whitespace().count()
}

/// Whether a phrase reads as a person's name: one to five name-like words (capitalised words,
/// initials, particles), no role or heading words, no digits.
fn name_like(s: &str) -> bool {
    let name = bare_name(s);
    let tokens: Vec<&str> = name.split_whitespace().collect();
    if tokens.is_empty() || tokens.len() > 5 || name.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let mut real = 0;
    for (i, tok) in tokens.iter().enumerate() {
        let t = tok.trim_end_matches([',', ';', ':']);
        let lower = t.to_lowercase();
        let lower_bare =
            lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-');
        if NOT_NAME_WORDS.contains(&lower_bare)
            || lower_bare
                .split('-')
                .any(|part| NOT_NAME_WORDS.contains(&part))
        {
            return false;
        }
        if i > 0 && PARTICLES.contains(&lower.as_str()) {
            continue;
        }
        if INITIALS.is_match(t) {
            continue;
        }
        if NAME_WORD.is_match(t) {
            real += 1;
            continue;
        }
        return false;
    }
    real > 0
}

static INITIALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z]\.?){1,3}$|^(?:[A-Z]\.){1,3}[A-Z]?\.?$|^[A-Z]\.-?[A-Z]\.?$")
        .expect("initials pattern is valid")
});

static NAME_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[A-Z][a-zà-öø-ÿ]*['’])?[A-Z][A-Za-zà-öø-ÿÀ-ÖØ-Þ'’]+(?:-[A-Z][A-Za-zà-öø-ÿ'’]+)*\.?$",
    )
    .expect("name-word pattern is valid")
});

/// "co-opted member Mr. J. Winter": a role, then an honorific and a name.
/// "Town Administrator Greg Hale": a role, then a first name and surname.
fn role_then_name(p: &str) -> Option<(String, String)> {
    let words: Vec<&str> = p.split_whitespace().collect();
    for i in 1..words.len() {
        let tail = words[i..].join(" ");
        let head = words[..i].join(" ");
        let titled = has_honorific(&tail) && name_like(&tail);
        // Without a title the name must be two or three words and the head plainly a role.
        let untitled = (2..=3).contains(&(words.len() - i))
            && name_like(&tail)
            && words[..i].iter().any(|w| {
                NOT_NAME_WORDS.contains(
                    &w.to_lowercase()
                        .trim_matches(|c: char| !c.is_alphanumeric()),
                )
            });
        if (titled || untitled) && !name_like(&head) {
            return Some((head, tail));
        }
    }
    None
}

/// Build a person from one name phrase: honorific "Councillor" off, post-nominals off, notes in
/// parentheses read as chair marks or roles.
fn make_person(s: &str) -> Person {
    let mut role_parts: Vec<String> = Vec::new();
    let (mut chair, mut vice) = (false, false);
    for note in PARENS.captures_iter(s).filter_map(|c| c.get(1)) {
        let n = note.as_str().trim();
        match chair_mark(n) {
            Some(true) => chair = true,
            Some(false) => vice = true,
            None => {
                if !n.is_empty() {
                    role_parts.push(n.to_string());
                }
            }
        }
    }
    let no_parens = without_parens(s);
    let mut name = no_parens
        .trim()
        .trim_end_matches([',', ';', ':'])
        .to_string();
    // "Councillor" (and its forms) comes off; "Mayor Lee" keeps the office as a role.
    loop {
        let mut changed = false;
        for h in COUNCILLOR {
            for form in [h.to_string(), h.to_uppercase()] {
                if let Some(rest) = name.strip_prefix(form.as_str()) {
                    let rest = rest.trim_start_matches('.');
                    if rest.starts_with(' ') {
                        name = rest.trim().to_string();
                        changed = true;
                    }
                }
            }
        }
        for office in OFFICES {
            if let Some(rest) = name.strip_prefix(office) {
                if rest.starts_with(' ') && name_like(rest) {
                    name = rest.trim().to_string();
                    match chair_mark(office) {
                        Some(true) => chair = true,
                        Some(false) => vice = true,
                        None => role_parts.insert(0, office.to_string()),
                    }
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let name = strip_postnominals(&name);
    let mut person = Person {
        name: name.trim().to_string(),
        role: None,
        chair,
        vice_chair: vice,
    };
    for r in role_parts {
        add_role(&mut person, &r);
    }
    person
}

static PARENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([^()]*)\)").expect("parens pattern is valid"));

/// Some(true) for a chair mark, Some(false) for a vice-chair mark, None otherwise.
fn chair_mark(note: &str) -> Option<bool> {
    let n = note.trim().trim_matches(['.', ',']).to_lowercase();
    let n = n.trim_start_matches("the ").trim();
    if VICE.is_match(n) {
        Some(false)
    } else if CHAIR.is_match(n) {
        Some(true)
    } else {
        None
    }
}

static CHAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:in\s+the\s+chair|chair(?:man|person|woman)?|presiding|presiding\s+officer|convener|convenor|cathaoirleach|an\s+cathaoirleach|provost|(?:lord\s+)?mayor\s+\(?in\s+the\s+chair\)?)(?:\s+in\s+the\s+chair)?$").expect("chair pattern is valid")
});

static VICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:vice[-\s]?chair(?:man|person|woman)?|deputy\s+chair(?:man|person|woman)?|vice[-\s]?convener|depute\s+convener|leas[-\s]?chathaoirleach|an\s+leas[-\s]?chathaoirleach)(?:\s+in\s+the\s+chair)?$").expect("vice-chair pattern is valid")
});

/// Add role text to a person; a role that is only a chair mark sets the mark instead.
fn add_role(person: &mut Person, role: &str) {
    let r = role.trim().trim_end_matches(['.', ';']).trim();
    if r.is_empty() {
        return;
    }
    match chair_mark(r) {
        Some(true) => person.chair = true,
        Some(false) => person.vice_chair = true,
        None => {
            person.role = Some(match person.role.take() {
                Some(prev) => format!("{prev}, {r}"),
                None => r.to_string(),
            });
        }
    }
}

fn dedupe(people: &mut Vec<Person>) {
    let mut seen = HashSet::new();
    people.retain(|p| !p.name.is_empty() && seen.insert(crate::normalize::fold(&p.name)));
}

static APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[Tt]he\s+(?P<role>[A-Z][\w'’&-]*(?:,?\s+(?:[A-Z][\w'’&-]*|for|of|and|the|&|on|in)){0,12}?),\s+(?P<name>(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Professor|Prof|Rev|Reverend|Sir|Dame)\.?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s*(?:[,.;)]|$)")
        .expect("appositive pattern is valid")
});

static ROLE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:Member|Director|Head|Leader|Executive|Officer|Manager|Chair|Chairman|Chairperson|Holder|Commissioner|Lead|Deputy|Assistant|Clerk|Solicitor|Adviser|Advisor|Inspector|Principal|Chief|Secretary|Treasurer|Mayor|Councillor)\b")
        .expect("role word pattern is valid")
});

/// People introduced by appositives in the narrative: "The Cabinet Member for Children, Cllr
/// Russell, introduced…". Used only when the document has no attendance lists.
fn appositives(doc: &Doc) -> Vec<Person> {
    // Read whole paragraphs: in PDF text "…for Children, Ms" and "Butler, reported…" may stand
    // on two lines.
    let mut paragraphs: Vec<String> = vec![String::new()];
    for line in &doc.lines {
        if line.is_blank() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(String::new());
            }
        } else if let Some(p) = paragraphs.last_mut() {
            if !p.is_empty() {
                p.push(' ');
            }
            p.push_str(&line.plain);
        }
    }
    let mut out = Vec::new();
    for para in &paragraphs {
        for c in APPOSITIVE.captures_iter(para) {
            let (Some(role), Some(name)) = (c.name("role"), c.name("name")) else {
                continue;
            };
            // The role is the words after the last "the" before the name.
            let role = role.as_str();
            let role = role
                .rsplit_once(" the ")
                .map(|(_, r)| r)
                .unwrap_or(role)
                .trim();
            if !ROLE_WORD.is_match(role) || role.split_whitespace().count() > 14 {
                continue;
            }
            let mut person = make_person(name.as_str());
            person.role = Some(role.to_string());
            out.push(person);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceText;

    fn read(text: &str) -> Attendance {
        let doc = Doc::new(&SourceText::from_plain(text));
        find(&doc, &[], &mut Vec::new())
    }

    fn names(people: &[Person]) -> Vec<String> {
        people.iter().map(|p| p.name.clone()).collect()
    }

    fn check(text: &str, present: &[&str], apologies: &[&str], in_attendance: &[&str], rule: &str) {
        let att = read(text);
        assert_eq!(names(&att.present), present, "{rule}: present");
        assert_eq!(names(&att.apologies), apologies, "{rule}: apologies");
        assert_eq!(
            names(&att.in_attendance),
            in_attendance,
            "{rule}: in attendance"
        );
    }

    #[test]
    fn lists_are_split_in_every_layout() {
        check(
            "Present: Councillor Akers (Chair);\nCouncillors Bell, Crane, Dunn,\nEaves and Ford.\n\nApologies: Councillor, AB Gale and Reverend T Hale (Co-opted member).\n\nIn Attendance: Ann Ives, Director - Adults and Housing;\nBob Jute, Head of Schools.\n\n1/22 Minutes\n",
            &["Akers", "Bell", "Crane", "Dunn", "Eaves", "Ford"],
            &["AB Gale", "Reverend T Hale"],
            &["Ann Ives", "Bob Jute"],
            "a list over several lines, a stray comma after 'Councillor', roles after a comma",
        );
        check(
            "15. Present: Councillors Kemp (Chair), L. Lowe, Moss and N. Nash together with co-opted member Mr. P. Orr.\n\n16. Apologies for Absence\n\nApologies for absence were received from Ms Q. Pike and Mr R. S. Quinn.\n\n17. Minutes\n",
            &["Kemp", "L. Lowe", "Moss", "N. Nash", "Mr. P. Orr"],
            &["Ms Q. Pike", "Mr R. S. Quinn"],
            &[],
            "numbered present line, 'together with', prose apologies",
        );
        check(
            "Present: Councillor Ray Tull (Chairman)\nCouncillors Uma Vale, Will Wren and Xavier Yates\n\nZoe Abel, Diocesan co-optee\nBen Cole, parent governor co-optee\n\nAlso in attendance:\n\nCouncillor Dee Egan, Cabinet Member for Children, Young People and Learning\n\nA1/22 Apologies for absence (agenda item 1)\n\nThere were no apologies.\n",
            &["Ray Tull", "Uma Vale", "Will Wren", "Xavier Yates", "Zoe Abel", "Ben Cole"],
            &[],
            &["Dee Egan"],
            "co-optees after a blank line stay present; 'There were no apologies' is empty",
        );
        check(
            "Present: Cllrs A Jones (Chair), B Evans, C Hughes and D Lloyd\nApologies: Cllr E Morgan\nAlso present: the Clerk, Mrs F Price\n\n1. Declarations\n",
            &["A Jones", "B Evans", "C Hughes", "D Lloyd"],
            &["E Morgan"],
            &["Mrs F Price"],
            "parish 'Cllrs' lists",
        );
        check(
            "ROLL CALL: Present: Councilmembers Gray, Hill and Irving; Mayor Lee. Absent: Councilmember Jordan (excused), Councilmember King.\n\n1. CALL TO ORDER\n",
            &["Gray", "Hill", "Irving", "Lee"],
            &["Jordan"],
            &[],
            "roll call: absent counts as apologies only when excused",
        );
        check(
            "Members Present:\nCouncillor M North - Chair\nCouncillor O Page\n\nOfficers:\nP Quill - Democratic Services Officer\nR Stone - Head of Planning\n\n1. Welcome\n",
            &["M North", "O Page"],
            &[],
            &["P Quill", "R Stone"],
            "one name a line with dash-separated roles",
        );
        check(
            "Sederunt: Councillor Tait (Convener), Councillor Urquhart and Councillor Vass.\n\nIn attendance: W Watt, Executive Chief Officer.\n\n1. Minute\n",
            &["Tait", "Urquhart", "Vass"],
            &[],
            &["W Watt"],
            "Scottish 'Sederunt'",
        );
    }

    #[test]
    fn lines_wrapped_in_pdf_text_are_read_whole() {
        let att = read("The Chair welcomed the following witnesses to the\nmeeting:\nJane Roe MBE, Independent Chair, Improvement Board.\nCllr Tom Poe, Cabinet Member, Children, Young People and Families\nDirectorate.\nAnn Lee, Executive Director, Children, Young People and Families\nDirectorate\nJane Roe gave an overview of her role.\n");
        assert_eq!(
            names(&att.in_attendance),
            ["Jane Roe", "Tom Poe", "Ann Lee"],
            "a wrapped label and wrapped roles do not end the list"
        );
        assert_eq!(
            att.in_attendance[2].role.as_deref(),
            Some("Executive Director, Children, Young People and Families Directorate")
        );
        let att = read("16. Apologies for Absence\nApologies for absence in accordance with Regulation 7 of the Parent Governor\nRepresentatives Regulations were received from Ms K. Pike and\nMr W. Quinn.\n17. Declarations\n");
        assert_eq!(
            names(&att.apologies),
            ["Ms K. Pike", "Mr W. Quinn"],
            "a prose apology wrapped over three lines"
        );
        let att = read("Agenda item\n\nMinutes:\n\n9.2 The Executive Director for Place, Ms\nTate, reported progress.\n");
        assert_eq!(
            names(&att.in_attendance),
            ["Ms Tate"],
            "an appositive broken over two lines"
        );
        let att = read("Report to: Cabinet\n\nContact Officer: Jo Bloggs, Head of Waste\n");
        assert!(
            att.in_attendance.is_empty(),
            "a report's contact officer did not attend anything"
        );
    }

    #[test]
    fn members_labels_and_irish_offices_are_read() {
        check(
            "Members: Cllr P Gale (Chair), Cllr T Hume\nOther Members present: Councillors Bell, Mears.\nApologies: Cllr J Walsh\n\nMinute 21 - Budget\n",
            &["P Gale", "T Hume"],
            &["J Walsh"],
            &["Bell", "Mears"],
            "'Members:' is the present list; other members present are in attendance",
        );
        let att = read("Present: An Ardmhéara Comhairleoir Aoife Nic Giolla in the Chair.\n\nCouncillors: Burke, Costello\n");
        assert_eq!(
            names(&att.present),
            ["Aoife Nic Giolla", "Burke", "Costello"],
            "Irish offices and 'Comhairleoir' come off the name"
        );
        assert!(att.present[0].chair, "'in the Chair' marks the chair");
        assert_eq!(att.present[0].role.as_deref(), Some("An Ardmhéara"));
    }

    #[test]
    fn table_rows_are_read_as_columns() {
        let att = read("Present:\n\n| Member | Role |\n|---|---|\n| Cllr A Smith | Chair |\n| Cllr B Jones | |\n\n1. Minutes\n");
        assert_eq!(
            names(&att.present),
            ["A Smith", "B Jones"],
            "table cells are list entries; header rows are not people"
        );
        assert!(att.present[0].chair, "a 'Chair' cell marks the chair");
    }

    #[test]
    fn headings_alone_open_lists_and_offices_are_roles() {
        check(
            "Planning Committee minutes - 5 March 2020\n\nAttendance\n\nCouncillor Fox (Chair)\nCouncillor Grey\n\nApologies\nCouncillor Irons\n\n1 Declarations of Interest\nNone.\n",
            &["Fox", "Grey"],
            &["Irons"],
            &[],
            "'Attendance' and 'Apologies' as headings over one name a line",
        );
        let att = read("Members present: Chair Ann Baker, Vice Chair Carl Dunn, Ellen Fisk\nAlso present: Town Administrator Greg Hale\n\nThe meeting was called to order at 6:30 PM.\n");
        assert!(
            att.present[0].chair && att.present[1].vice_chair,
            "offices before names mark the chair and vice-chair"
        );
        assert_eq!(
            names(&att.in_attendance),
            ["Greg Hale"],
            "an office before a full name is a role"
        );
        assert_eq!(
            att.in_attendance[0].role.as_deref(),
            Some("Town Administrator")
        );
        let att = read("Present: Councillor Akers\n\nChairman\n");
        assert_eq!(
            names(&att.present),
            ["Akers"],
            "'Chairman' alone is a signature line, not a list"
        );
    }

    #[test]
    fn chairs_roles_and_honorifics_are_read() {
        let att = read("Present: Councillor Akers (Chair), Councillor Bell (Vice-Chair), Councillor Crane (in the Chair for item 4), Dr Dunn MBE (Co-opted Member)\n\n1. Minutes\n");
        let akers = &att.present[0];
        assert!(
            akers.chair && !akers.vice_chair,
            "'(Chair)' marks the chair"
        );
        assert!(
            att.present[1].vice_chair,
            "'(Vice-Chair)' marks the vice-chair"
        );
        assert_eq!(
            att.present[3].name, "Dr Dunn",
            "honorifics kept, post-nominals dropped"
        );
        assert_eq!(
            att.present[3].role.as_deref(),
            Some("Co-opted Member"),
            "a note in parentheses is a role"
        );

        let att = read("The Chair welcomed the following witnesses to the meeting:\n\nJane Roe MBE, Independent Chair, Improvement Board.\n\nCllr Tom Poe, Cabinet Member, Children, Young People and Families Directorate.\n\nJane Roe gave an overview of her role and of the work done.\n");
        assert_eq!(
            names(&att.in_attendance),
            ["Jane Roe", "Tom Poe"],
            "witness lists end at the first line of prose"
        );
        assert_eq!(
            att.in_attendance[0].role.as_deref(),
            Some("Independent Chair, Improvement Board"),
            "roles keep their commas"
        );
        assert!(
            !att.in_attendance[0].chair,
            "'Independent Chair' in a role is not the meeting's chair"
        );
    }

    #[test]
    fn agenda_item_pages_yield_people_from_appositives() {
        let att = read("Agenda item\n\nUpdate\n\nMinutes:\n\n9.1 The Cabinet Member for Adults, Cllr Sims, introduced the item.\n\n9.2 The Executive Director for Place, Ms Tate, reported progress. Ms Tate said more.\n\n9.3 The Assistant Director, Mr Udall, agreed.\n");
        assert_eq!(names(&att.in_attendance), ["Sims", "Ms Tate", "Mr Udall"]);
        assert_eq!(
            att.in_attendance[1].role.as_deref(),
            Some("Executive Director for Place")
        );
        assert!(
            att.present.is_empty(),
            "no list means no one is recorded as present"
        );
    }

    #[test]
    fn prose_and_headings_are_not_people() {
        let att = read("Present: Councillor Akers (Chair)\n\nBudget Monitoring\n\nOfficers advised that the budget was on track for the year and members noted it.\n");
        assert_eq!(
            names(&att.present),
            ["Akers"],
            "a heading after a blank line is not a person"
        );
        assert!(
            att.in_attendance.is_empty(),
            "'Officers advised that…' is prose, not a label"
        );
    }
}
