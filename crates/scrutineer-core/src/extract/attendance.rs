//! Attendance: present (chair marked), apologies, in attendance / also present / officers /
//! witnesses; names separated from roles.
//!
//! Lists open with a label ("Present:", "Members present", "Sederunt", "Apologies for absence
//! were received from", "Also in attendance:", "… welcomed the following witnesses",
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
    // Someone present as a member is not also "in attendance".
    let present: Vec<String> = att
        .present
        .iter()
        .map(|p| crate::normalize::fold(&bare_name(&p.name)))
        .collect();
    att.in_attendance
        .retain(|p| !present.contains(&crate::normalize::fold(&bare_name(&p.name))));
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
    /// The list is a prose sentence, complete in `rest` ("Apologies were received from X.").
    complete: bool,
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
    let layout = doc.line_layout(line);
    let raw = layout.trim();
    // A Markdown, text or web-page table row: "| Cllr A Smith | Chair |", "Cllr A Smith | Chair".
    if (raw.starts_with('|') && raw.matches('|').count() >= 2) || raw.contains(" | ") {
        let cells: Vec<String> = raw
            .split('|')
            .map(|c| strip_markup(c).0)
            .filter(|c| !c.is_empty() && !c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
            .collect();
        return row_text(&cells);
    }
    if COLUMNS.is_match(raw) {
        let cells: Vec<String> = super::text::cells(raw)
            .into_iter()
            .map(|c| strip_markup(c).0)
            .collect();
        row_text(&cells)
    } else {
        line.plain.clone()
    }
}

/// A table row as list text: names side by side are a list ("A Smith, B Jones"); a name with
/// other columns is one person with notes ("A Smith (Chair) (Present)"); a role column before a
/// name reads "Chief Executive (Jo Bloggs)".
fn row_text(cells: &[String]) -> String {
    let names = |c: &String| c.split(',').all(|p| name_like(p.trim()));
    if cells.len() <= 1 || cells.iter().all(names) {
        return cells.join(", ");
    }
    let mut out = cells[0].clone();
    for c in &cells[1..] {
        // Brackets inside a cell ("Present (remote)") become square ones so the note stays one.
        out.push_str(" (");
        out.push_str(&c.replace('(', "[").replace(')', "]"));
        out.push(')');
    }
    out
}

static COLUMNS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\S(?: {3,}|\t+ *)\S").expect("columns pattern is valid"));

const NUMBER: &str =
    r"^(?:(?i:item|minute|min\.?)\s+)?(?:[A-Z]{0,3}\d{1,3}(?:[./]\d{1,3})?[.):]?\s+)?";

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{NUMBER}(?i:(?P<label>(?:members|councillors)\s+of\s+the\s+[a-z]+(?:\s+[a-z]+)?\s+present|(?:(?:(?:co-opted|independent|lay|voting|non-voting)\s+members|members|councillors|cllrs|councilmembers|council\s+members|commissioners|supervisors|trustees|aldermen|board\s+members|committee\s+members|governors|directors|voting\s+members|elected\s+members)\s+)?(?:present(?:\s+were)?(?:\s+in\s+person)?|absent(?:\s+with(?:out)?\s+(?:apologies|notice))?)|sederunt|attendance(?:\s+list)?|attendees|those\s+present|in\s+attendance|also\s+(?:present|in\s+attendance|attending|attended)|attended\s+by|others?\s+present|others?\s+in\s+attendance|officers?\s+and\s+others?(?:\s+(?:present|in\s+attendance))?|(?:other|non-committee|visiting)\s+(?:members|councillors)\s+(?:present|in\s+attendance)|(?:council\s+|other\s+)?(?:officers?|officials?)(?:\s+(?:present|in\s+attendance|attending))?|staff(?:\s+present)?|witnesses|guests|advisers|advisors|apologies(?:\s+for\s+absence)?(?:\s+received)?|apologies\s+received|excused|absentees|roll\s+call|chair(?:man|person|woman)?|vice[-\s]?chair(?:man|person|woman)?|deputy\s+chair(?:man|person)?|presiding(?:\s+officer)?|(?:an\s+)?cathaoirleach|convener|convenor|members|councillors|cllrs|councilmembers|council\s+members|elected\s+members))\b(?P<rest>.*)$"
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
    Regex::new(r"^(?P<label>(?:[A-Z][A-Za-z'’-]*\s+){0,4}?(?i:clerks?|clerk\s+to\s+the\s+(?:council|committee)|minute[-\s]?takers?|officers?|staff|workers|advisers|advisors|representatives|guests|observers|visitors|speakers|partners|co-opted\s+members?|co-optees|substitutes?|(?:independent|lay)\s+members?|(?:cabinet|executive|lead)\s+members?|portfolio\s+holders?|members?))\s*:\s*(?P<rest>.*)$")
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
    Regex::new(r"(?i)^\s*(?:\((?:agenda\s+)?item[^)]*\)|\(\d+\)|\((?:for|in|at|during|part|all|remote|virtual)[^)]*\)|for\s+(?:this|the\s+following|all|part\s+of\s+the)?\s*items?(?:\s+\d+)?|were|was|at\s+the\s+meeting|at\s+this\s+meeting|(?:and\s+)?substitutions?|and\s+substitutes?|of\s+members|of\s+the\s+(?:committee|sub-committee|board|panel|council|cabinet|forum|executive))\s*")
        .expect("label trailer pattern is valid")
});

/// Words one of the labels needs: most lines have none and are passed over at once.
static LABEL_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    super::text::ascii_regex(r"(?i)present|apolog|attend|absent|officer|official|chair|sederunt|roll\s+call|excused|witness|guest|staff|advis|clerk|worker|representative|member|following|presid|conven|cathaoirleach|co-opt|substitut|visitor|observer|speaker|partner|taker|absentee|councillor|cllr")
        .expect("label words pattern is valid")
});

/// The label a line opens with, if any.
fn label_at(doc: &Doc, i: usize) -> Option<Label> {
    let line_plain = doc.lines[i].plain.as_str();
    if line_plain.is_empty() || !LABEL_WORDS.is_match(line_plain) {
        return None;
    }
    if let Some(label) = cell_label(doc, i) {
        return Some(label);
    }
    // A bilingual label: "YN BRESENNOL / PRESENT:", "Ymddiheuriadau / Apologies"; a list
    // carried on after another: "and Councillors:".
    let plain = match line_plain.rsplit_once(" / ") {
        Some((_, english)) if LABEL.is_match(english) => english,
        _ => line_plain,
    };
    let plain = match plain
        .strip_prefix("and ")
        .or_else(|| plain.strip_prefix("And "))
    {
        Some(rest)
            if MEMBER_LABELS
                .iter()
                .any(|l| rest.to_lowercase().starts_with(l)) =>
        {
            rest
        }
        _ => plain,
    };
    // Sentences that introduce a list may be wrapped over several lines in PDF text.
    // The paragraph from this line on, worked out only when a sentence may wrap past it.
    let line_complete = plain.ends_with(['.', ':', ';', '?', '!']) && !ends_mid_name(plain);
    let para_cell: std::cell::OnceCell<(String, usize)> = std::cell::OnceCell::new();
    let para_of = || {
        para_cell.get_or_init(|| {
            if line_complete {
                (plain.to_string(), i)
            } else {
                paragraph(doc, i)
            }
        })
    };
    // Cheap checks before the patterns: most lines that pass the word filter are prose.
    let has_following = |t: &str| t.to_ascii_lowercase().contains("following");
    let following = has_following(plain)
        .then(|| FOLLOWING.captures(plain).map(|c| (c, i)))
        .flatten()
        .or_else(|| {
            let (para, para_last) = para_of();
            (!line_complete)
                .then(|| {
                    has_following(para)
                        .then(|| FOLLOWING.captures(para).map(|c| (c, *para_last)))
                        .flatten()
                })
                .flatten()
        });
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
            complete: false,
        });
    }
    if let Some(c) = LABEL
        .is_match(plain)
        .then(|| LABEL.captures(plain))
        .flatten()
    {
        let label = c
            .name("label")
            .map(|m| m.as_str().to_lowercase())
            .unwrap_or_default();
        let rest_raw = c.name("rest").map(|m| m.as_str()).unwrap_or("");
        let section = section_of(&label);
        // Prose apologies ("Apologies for absence were received from …").
        if matches!(section, Section::Apologies) {
            // The sentence may wrap onto the next line ("… MRS. J." / "TENNANT."): read the
            // paragraph, which holds the line.
            let (para, para_last) = para_of();
            let prose = PROSE_APOLOGIES
                .captures(para)
                .map(|c| (c, *para_last))
                .or_else(|| PROSE_APOLOGIES.captures(plain).map(|c| (c, i)));
            if let Some((r, used)) = prose.and_then(|(c, used)| c.name("rest").map(|r| (r, used))) {
                return Some(Label {
                    section,
                    rest: first_sentence(r.as_str()).to_string(),
                    none: false,
                    last: used,
                    complete: true,
                });
            }
        }
        let mut rest = rest_raw.trim_start();
        let mut colon = rest.starts_with([':', '-', '–', '=']);
        rest = rest.trim_start_matches([':', '-', '–', '=', ' ']);
        loop {
            match LABEL_TRAILER.find(rest) {
                Some(m) if m.end() > 0 => {
                    // "Officers present (for all or part of the meeting):" still has its colon.
                    colon |= rest[m.end()..].trim_start().starts_with(':');
                    rest = rest[m.end()..].trim_start_matches([':', '-', '–', ' '])
                }
                _ => break,
            }
        }
        let rest = rest.trim();
        // "Apologies for absence under Regulation 9 of …" with no "from": the words
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
            l if l.starts_with("chair") || l.starts_with("vice") || l.starts_with("cathaoirleach") || l.starts_with("an cathaoirleach") || l.starts_with("conven") || l.starts_with("deputy")
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
                complete: false,
            });
        }
        return Some(Label {
            section,
            rest: rest.to_string(),
            none: false,
            last: i,
            complete: false,
        });
    }
    if let Some(c) = plain
        .contains(':')
        .then(|| GROUP_LABEL.captures(plain))
        .flatten()
    {
        let label = c
            .name("label")
            .map(|m| m.as_str().to_lowercase())
            .unwrap_or_default();
        let rest = c.name("rest").map(|m| m.as_str()).unwrap_or("");
        // "Contact Officer: Jo Bloggs" on a report names its author, not someone present.
        let not_there = ["contact", "report", "author", "lead", "responsible", "case"]
            .iter()
            .any(|w| label.starts_with(w))
            && !label.contains("member");
        // The label alone is a heading over a list ("Co-optees:"); with words after it they
        // must start with a name.
        // Substitutes listed alone are an agenda's membership, not who came.
        let heading = rest.trim().is_empty()
            && plain.split_whitespace().count() <= 4
            && !label.starts_with("substitut");
        if (heading || starts_with_name(rest)) && !not_there {
            // Cabinet members and portfolio holders attend a committee; co-opted, independent
            // and other members of it are present.
            let visiting = ["cabinet", "executive", "lead", "portfolio"]
                .iter()
                .any(|w| label.starts_with(w));
            let section = if visiting {
                Section::InAttendance
            } else if label.contains("member") || label.contains("co-optee") {
                Section::Present
            } else {
                Section::InAttendance
            };
            return Some(Label {
                section,
                rest: rest.to_string(),
                none: false,
                last: i,
                complete: false,
            });
        }
    }
    let lower = plain.to_lowercase();
    if lower.starts_with("apolog")
        || lower.starts_with("there were")
        || lower.starts_with("an apolog")
    {
        let (para, para_last) = para_of();
        for (text, used) in [(para.as_str(), *para_last), (plain, i)] {
            if let Some(r) = PROSE_APOLOGIES.captures(text).and_then(|c| c.name("rest")) {
                return Some(Label {
                    section: Section::Apologies,
                    rest: first_sentence(r.as_str()).to_string(),
                    none: false,
                    last: used,
                    complete: true,
                });
            }
        }
    }
    // "Councillor X had sent apologies": only where apologies are spoken of.
    if line_complete && !lower.contains("apolog") {
        return None;
    }
    let (para, para_last) = para_of();
    if !para.to_ascii_lowercase().contains("apolog") {
        return None;
    }
    for (text, used) in [(plain, i), (para.as_str(), *para_last)] {
        if let Some(r) = SENT_APOLOGIES.captures(text).and_then(|c| c.name("rest")) {
            let names = r.as_str();
            if names.split_whitespace().count() <= 12 && starts_with_person(names) {
                return Some(Label {
                    section: Section::Apologies,
                    rest: names.to_string(),
                    none: false,
                    last: used,
                    complete: false,
                });
            }
        }
    }
    None
}

/// A label in a table's first column, its list in the next ("Chair        Councillor R Ash",
/// "Members Present:   Councillor S Grey, Chair"), also when the label's words wrap onto the
/// next row ("Officers in   Mr Kingsley, …" over "Attendance:   Mr O'Hagan, …").
fn cell_label(doc: &Doc, i: usize) -> Option<Label> {
    if !COLUMNS.is_match(doc.line_layout(&doc.lines[i]).trim()) {
        return None;
    }
    let cells_of = |k: usize| -> Vec<String> {
        super::text::cells(&doc.line_layout(&doc.lines[k]))
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    let cells = cells_of(i);
    if cells.len() < 2 {
        return None;
    }
    let label_only = |t: &str| {
        LABEL.captures(t).is_some_and(|c| {
            c.name("rest")
                .is_some_and(|r| r.as_str().trim_matches([':', ' ', '-']).is_empty())
        }) && t.split_whitespace().count() <= 5
    };
    let value = |cells: &[String]| {
        cells[1..]
            .iter()
            .map(|c| strip_markup(c).0)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (label_text, rest, last) = if label_only(&cells[0]) {
        (cells[0].to_string(), value(&cells), i)
    } else {
        if i + 1 >= doc.lines.len() {
            return None;
        }
        let next = cells_of(i + 1);
        if next.len() < 2 && !(next.len() == 1 && doc.lines[i + 1].indent == doc.lines[i].indent) {
            return None;
        }
        let joined = format!("{} {}", cells[0], next[0]);
        if !label_only(&joined) {
            return None;
        }
        let mut rest = value(&cells);
        if next.len() >= 2 {
            rest.push('\n');
            rest.push_str(&value(&next));
        }
        (joined, rest, i + 1)
    };
    let c = LABEL.captures(&label_text)?;
    let section = section_of(&c.name("label")?.as_str().to_lowercase());
    Some(Label {
        section,
        none: matches!(section, Section::Apologies) && NONE.is_match(&rest),
        rest,
        last,
        complete: false,
    })
}

/// A line and the lines that continue its sentence (wrapped PDF text), up to four more: joined
/// with spaces, with the index of the last line used. A line ending a sentence, a blank line or
/// an item heading ends the paragraph.
fn paragraph(doc: &Doc, i: usize) -> (String, usize) {
    let mut text = doc.lines[i].plain.clone();
    let mut last = i;
    for j in i + 1..(i + 5).min(doc.lines.len()) {
        let next = &doc.lines[j];
        if (text.ends_with(['.', ':', ';', '?', '!']) && !ends_mid_name(&text))
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
        || l.starts_with("an cathaoirleach")
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
    if label.complete
        || (!label.rest.is_empty()
            && label.rest.ends_with('.')
            && !ends_mid_name(&label.rest)
            && label.rest.split_whitespace().count() > 3)
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
        // A line the entry above runs on into ("… Section" / "151 Officer (Ian Whitlow)") is
        // part of it, even when it opens with a number or a label's word.
        let runs_into = blanks == 0
            && !item_lines.contains(&j)
            && out.last().is_some_and(|prev: &String| {
                let wrap = !COLUMNS.is_match(doc.line_layout(&doc.lines[last]).trim());
                (ends_mid_name(prev) || paren_depth(prev) > 0 || prev.trim_end().ends_with(','))
                    || (wrap && wrapped_comma_list(&doc.lines[last].plain, &text))
            });
        // "An Cathaoirleach: Cllr X" inside a "Present:" list is its first entry, the chair.
        if !runs_into && matches!(label.section, Section::Present) {
            if let Some(chair) = label_at(doc, j).filter(|l| {
                matches!(l.section, Section::Chair | Section::ViceChair) && !l.rest.is_empty()
            }) {
                let mark = if chair.section == Section::Chair {
                    "Chair"
                } else {
                    "Vice-Chair"
                };
                out.push(format!("{} ({mark})", chair.rest));
                last = chair.last;
                blanks = 0;
                j = chair.last + 1;
                continue;
            }
        }
        if !runs_into
            && (item_lines.contains(&j)
                || label_at(doc, j).is_some()
                || is_item_heading(&line.plain))
        {
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
        let continues = runs_into
            || blanks == 0
                && out.last().is_some_and(|prev: &String| {
                    // Column layouts are never wrapped text.
                    let wrap = !COLUMNS.is_match(doc.line_layout(&doc.lines[last]).trim());
                    continues_list(prev, wrap.then_some(doc.lines[last].plain.as_str()), &text)
                });
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
    let layout = doc.line_layout(&doc.lines[i]);
    let raw = layout.trim();
    if !(raw.starts_with('|') || raw.contains(" | ") || COLUMNS.is_match(raw)) {
        return false;
    }
    let cells: Vec<String> = raw
        .split('|')
        .flat_map(super::text::cells)
        .map(|c| strip_markup(c).0.to_lowercase())
        .filter(|c| !c.is_empty() && !c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
        .collect();
    text.is_empty() || cells.iter().all(|c| HEADINGS.contains(&c.as_str()))
}

/// Whether a line reads as an attendance entry: it opens with a person's name. After a blank
/// line the bar is higher (a name with a role, an honorific, or a list), so a heading like
/// "Budget Monitoring" does not pass for a person.
fn entry_like(text: &str, strict: bool) -> bool {
    let t = strip_bullet(text);
    if t.is_empty() || super::text::is_prose(t) && !t.contains([',', ';']) {
        return false;
    }
    let first = split_outside_parens(t, &[',', ';'])
        .into_iter()
        .next()
        .unwrap_or_default();
    let first = trim_joiner(&first);
    // "Schools members: Mr J Abbott, …": a group's label, then its people.
    if let Some(c) = first
        .contains(':')
        .then(|| SUB_LABEL.captures(first))
        .flatten()
    {
        let label = c.name("label").map_or("", |m| m.as_str());
        let rest = c.name("rest").map_or("", |m| m.as_str());
        if !name_like(label) && label.split_whitespace().count() <= 5 && starts_with_name(rest) {
            return true;
        }
    }
    let stripped = strip_group_prefix(first);
    // "Councillors Cuddy and Forde": the plural title makes them people.
    let grouped = stripped.len() < first.len();
    let first = match PRESIDING.find(stripped) {
        // "Mr F Henderson in the Chair" alone on its line says who chaired; it is no entry.
        Some(m)
            if strict
                && !t.contains([',', ';'])
                && role_paren_name(stripped[..m.start()].trim()).is_none() =>
        {
            return false
        }
        Some(m) => stripped[..m.start()].trim(),
        None => stripped,
    };
    if role_paren_name(first).is_some() {
        return true;
    }
    let first = DASH_ROLE.split(first).next().unwrap_or(first);
    let first_name = split_and(first).into_iter().next().unwrap_or_default();
    if !name_like(&first_name) {
        // "Cllr Tom Ridley Cabinet Member for Highways": a name run into its role.
        if name_then_role(first).is_some() {
            return true;
        }
        // "County Counsel Philip Greer": an office before the name, in a list already open.
        return !strict && role_then_name(first).is_some();
    }
    if !strict {
        return true;
    }
    t.contains(',')
        || t.contains('(')
        || t.contains(';')
        || grouped
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
    let first = strip_group_prefix(trim_joiner(&first));
    let first = DASH_ROLE.split(first).next().unwrap_or(first);
    split_and(first).first().is_some_and(|f| name_like(f))
}

/// Without a joining word the list carries on after: "Mr R Taverner (Governor) and" / "…".
fn trim_joiner(s: &str) -> &str {
    let t = s.trim().trim_end_matches([',', '&', '.']).trim_end();
    t.strip_suffix(" and")
        .or_else(|| t.strip_suffix(" AND"))
        .unwrap_or(t)
        .trim_end()
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
        Section::Present => {
            // A table's attendance column: "Present", "Present (remote)", "Apologies".
            for mut p in people {
                match take_status(&mut p) {
                    Some(Status::Apologies) => att.apologies.push(p),
                    Some(Status::Absent) => {}
                    _ => att.present.push(p),
                }
            }
        }
        // A chair's label names one person; a list carried on under it is the other members.
        Section::Chair => att
            .present
            .extend(people.into_iter().enumerate().map(|(k, mut p)| {
                p.chair |= k == 0;
                p
            })),
        Section::ViceChair => {
            att.present
                .extend(people.into_iter().enumerate().map(|(k, mut p)| {
                    p.vice_chair |= k == 0;
                    p
                }))
        }
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

/// What an attendance column says of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Present,
    Apologies,
    Absent,
}

/// Take an attendance status out of a person's role ("Member, Present [remote]" -> "Member").
fn take_status(p: &mut Person) -> Option<Status> {
    let role = p.role.take()?;
    let mut status = None;
    let mut kept: Vec<&str> = Vec::new();
    for part in role.split(", ") {
        let l = part.trim().to_lowercase();
        let l = l.split(['[', '(']).next().unwrap_or("").trim();
        let s = match l {
            "present" | "attended" | "in attendance" | "yes" | "y" | "attending" => {
                Some(Status::Present)
            }
            "apologies" | "apologies sent" | "sent apologies" | "apologies received"
            | "excused" => Some(Status::Apologies),
            "absent" | "not present" | "no" | "n" | "did not attend" => Some(Status::Absent),
            _ => None,
        };
        match s {
            Some(s) => status = Some(s),
            None => kept.push(part),
        }
    }
    p.role = (!kept.is_empty()).then(|| kept.join(", "));
    status
}

static EXCUSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:apolog|excused|with\s+notice)").expect("excused pattern is valid")
});

/// Split a list's text into people.
fn parse_list(text: &str) -> Vec<Person> {
    // Entries: lines, joined where a line continues the one before; then semicolons.
    let mut entries: Vec<(String, bool)> = Vec::new();
    for line in text.lines() {
        let l = strip_bullet(line).trim();
        if l.is_empty() {
            continue;
        }
        let bulleted = line
            .trim_start()
            .starts_with(['-', '•', '*', '·', '▪', '–']);
        let join = entries
            .last()
            .is_some_and(|(prev, _)| continues_list(prev, None, l));
        match entries.last_mut() {
            Some((prev, _)) if join => {
                prev.push(' ');
                prev.push_str(l);
            }
            _ => entries.push((l.to_string(), bulleted)),
        }
    }
    let mut people = Vec::new();
    for (entry, bulleted) in entries {
        for piece in split_outside_parens(&entry, &[';']) {
            for part in TOGETHER.split(&piece) {
                people.extend(parse_entry(part, bulleted));
            }
        }
    }
    people
}

/// Whether `next` carries on the list entry `prev` rather than starting a new one: `prev` ends
/// on a comma, "and" or an open bracket, `next` starts in lower case, or `prev` is a comma list
/// wrapped at the margin with no closing punctuation ("…, Philippa Slatter and Simon" / "King").
fn continues_list(entry: &str, last_line: Option<&str>, next: &str) -> bool {
    let p = entry.trim_end();
    p.ends_with([',', '&'])
        || p.to_lowercase().ends_with(" and")
        || next.starts_with(|c: char| c.is_lowercase())
        || paren_depth(p) > 0
        || next.starts_with('(')
        || ends_mid_name(p)
        || last_line.is_some_and(|l| wrapped_comma_list(l, next))
}

/// Whether text stops inside a name: on a title or an initial ("… Ms." / "Orla Tynan",
/// "MRS. J." / "TENNANT").
fn ends_mid_name(s: &str) -> bool {
    let last = s
        .trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let bare = last.trim_end_matches('.');
    let initial = bare.chars().count() == 1 && bare.chars().all(|c| c.is_uppercase());
    const TITLES: &[&str] = &[
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "cllr",
        "cllrs",
        "councillor",
        "councillors",
        "rev",
        "revd",
        "reverend",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "alderman",
        "pc",
        "pcso",
        "sgt",
    ];
    initial || TITLES.contains(&bare.to_lowercase().as_str())
}

/// A comma list wrapped at the page margin: the line is long, holds several commas and stops
/// without punctuation.
fn wrapped_comma_list(line: &str, next: &str) -> bool {
    let l = line.trim_end();
    // A list of names, not one person with a role and an organisation.
    let parts: Vec<&str> = l.split(',').map(str::trim).collect();
    let names = parts
        .iter()
        .filter(|p| {
            role_paren_name(p).is_some()
                || split_and(strip_group_prefix(p))
                    .iter()
                    .all(|n| name_like(n))
        })
        .count();
    names >= 2
        && names * 3 >= parts.len() * 2
        && l.matches(',').count() >= 2
        && l.chars().count() >= 60
        && !l.ends_with(['.', ';', ':', ')'])
        && !next.contains(':')
        && next.split_whitespace().count() <= 12
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

/// Read one entry of a list. `single`: the entry is a bulleted line, which names one person
/// (further names need a title: "- Julie Pargeter, Healthwatch Shropshire" is one person with
/// her organisation).
fn parse_entry(entry: &str, single: bool) -> Vec<Person> {
    let mut entry = entry
        .trim()
        .trim_end_matches(['.', ';', ','])
        .trim()
        .to_string();
    let mut group_role: Option<String> = None;
    if let Some(c) = entry
        .contains(':')
        .then(|| SUB_LABEL.captures(&entry))
        .flatten()
    {
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
        let lower_part = part.to_ascii_lowercase();
        let part = if ["public", "press", "resident", "observer"]
            .iter()
            .any(|w| lower_part.contains(w))
        {
            PUBLIC_TAIL.replace(part.trim(), "")
        } else {
            std::borrow::Cow::Borrowed(part.trim())
        };
        let mut p = part.trim().trim_end_matches('.').trim();
        for lead in ["and from ", "and also ", "from ", "and ", "also "] {
            if p.to_lowercase().starts_with(lead) {
                p = p[lead.len()..].trim();
            }
        }
        if p.is_empty() || GROUP_ONLY.is_match(p) {
            continue;
        }
        if CLAUSE.is_match(p) {
            // "…, who was substituted by Cllr X,": about the person before, not a new one.
            continue;
        }
        let p = strip_group_prefix(p);
        if let Some((role, name, chair)) = role_paren_name(p) {
            let mut person = make_person(&name);
            add_role(&mut person, &role);
            person.chair |= chair;
            people.push(person);
            role_mode = false;
            titled = true;
            continue;
        }
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
        let new_person_ok = if role_mode || ((titled || single) && !people.is_empty()) {
            has_title
                || subs.iter().any(|s| has_honorific(s))
                || (!titled && !single && !role_mode && subs.iter().any(|s| bare_tokens(s) >= 2))
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
        } else if let Some((name, role)) = name_then_role(p).filter(|_| new_person_ok) {
            let mut person = make_person(&name);
            person.chair |= presiding;
            add_role(&mut person, &role);
            people.push(person);
            role_mode = true;
            titled = true;
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
    // Only "and" outside brackets: "(Head of Employment and Skills)" is one role.
    let mut parts: Vec<String> = Vec::new();
    let mut from = 0;
    for m in AND.find_iter(s) {
        if paren_depth(&s[..m.start()]) == 0 {
            parts.push(s[from..m.start()].trim().to_string());
            from = m.end();
        }
    }
    parts.push(s[from..].trim().to_string());
    parts.retain(|p| !p.is_empty());
    if parts.len() > 1 && parts.iter().all(|p| name_like(p)) {
        parts
    } else {
        vec![s.trim().to_string()]
    }
}

static AND: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+(?:and|&|AND)\s+").expect("and pattern is valid"));

/// How many brackets are open at the end of `s`.
fn paren_depth(s: &str) -> i32 {
    s.chars().fold(0i32, |d, c| match c {
        '(' | '[' => d + 1,
        ')' | ']' => (d - 1).max(0),
        _ => d,
    })
}

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
    "PCSO",
    "PC",
    "Sgt",
    "Insp",
    "Supt",
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
    "CC", "CPFA", "ACA",
];

/// Words that make a phrase a role, an organisation or a heading rather than a name. Common
/// surnames are left out even where they can be part of a role ("Holder", "Ward", "Green",
/// "Church"): the other words of the role ("Portfolio", "Councillor", "Diocese") already say it.
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
    "teacher",
    "parent",
    "minute",
    "minutes",
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
    "psychiatrist",
    "psychologist",
    "therapist",
    "paediatrician",
    "pediatrician",
    "counsel",
    "attorney",
    "engineer's",
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
    "independent",
    "party",
    "group's",
];

/// Whether a lower-case word is one of [`NOT_NAME_WORDS`]: looked up in a set, as names are
/// checked word by word many times over a long attendance list.
fn is_role_word(w: &&str) -> bool {
    static SET: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| NOT_NAME_WORDS.iter().copied().collect());
    SET.contains(*w)
}

/// Lower-case particles inside names ("Ursula von der Leyen", "Maria de la Cruz").
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "la", "le", "da", "di", "du", "del", "bin", "al", "ap",
    "ter", "ten", "dos", "das",
];

/// Remove leading honorifics; returns the rest and whether any were there.
fn strip_honorifics(s: &str) -> (&str, bool) {
    // Honorifics by their first word, lower-cased, in list order: most words start none, and
    // names are checked many times over a long list.
    static BY_FIRST_WORD: LazyLock<std::collections::HashMap<String, Vec<&'static str>>> =
        LazyLock::new(|| {
            let mut map: std::collections::HashMap<String, Vec<&'static str>> =
                std::collections::HashMap::new();
            for h in HONORIFICS {
                let first = h.split([' ', '-']).next().unwrap_or(h).to_lowercase();
                map.entry(first).or_default().push(h);
            }
            map
        });
    let mut t = s.trim();
    let mut any = false;
    'outer: loop {
        let first = t.split([' ', '.', '-']).next().unwrap_or("").to_lowercase();
        let Some(candidates) = BY_FIRST_WORD.get(&first) else {
            break;
        };
        for h in candidates {
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
    Regex::new(r"^(?:Mrs|Mr|Ms|Miss|Mx|Dr|Prof|Professor|Rev|Revd|Reverend|Sir|Dame|Lord|Lady|Father|Canon|PCSO|PC|Sgt|Insp|Supt|Inspector|Sergeant|Superintendent)\.?\s")
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
    // "Kingsmere CAMHS": an acronym among mixed-case words names a service, not a person.
    let mixed = name.chars().any(char::is_lowercase);
    if mixed
        && tokens.iter().any(|t| {
            let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
            letters.len() >= 3
                && letters.iter().all(|c| c.is_uppercase())
                && !t.contains('.')
                && !POSTNOMINALS.contains(&t.trim_matches(|c: char| !c.is_alphanumeric()))
        })
    {
        return false;
    }
    let mut real = 0;
    for (i, tok) in tokens.iter().enumerate() {
        let t = tok.trim_end_matches([',', ';', ':']);
        if t.is_empty() || t == "." {
            continue;
        }
        let lower = t.to_lowercase();
        let lower_bare =
            lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-');
        if is_role_word(&lower_bare) || lower_bare.split('-').any(|part| is_role_word(&part)) {
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
    Regex::new(r"^(?:[A-ZÀ-ÖØ-Þ]\.?){1,3}$|^(?:[A-Z]\.){1,3}[A-Z]?\.?$|^[A-Z]\.-?[A-Z]\.?$")
        .expect("initials pattern is valid")
});

static NAME_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]*['’])?[A-ZÀ-ÖØ-Þ][A-Za-zà-öø-ÿÀ-ÖØ-Þ'’]+(?:-[A-ZÀ-ÖØ-Þ][A-Za-zà-öø-ÿ'’]+)*\.?$",
    )
    .expect("name-word pattern is valid")
});

/// "The Mayor (Councillor Dorothy Flint) in the Chair", "Chief Executive (Martin Saxby)": an
/// office, then the person holding it in brackets. Returns the role, the name and whether the
/// person chaired.
fn role_paren_name(p: &str) -> Option<(String, String, bool)> {
    if !p.contains('(') {
        return None;
    }
    let c = ROLE_PAREN_NAME.captures(p.trim())?;
    let role = c.name("role")?.as_str().trim();
    let name = c.name("name")?.as_str().trim();
    let tail = c.name("tail").map_or("", |m| m.as_str()).trim();
    let chair = !tail.is_empty() && PRESIDING.is_match(&format!(" {tail}"));
    if !tail.is_empty() && !chair {
        return None;
    }
    let person_like = name_like(name) && (has_honorific(name) || bare_tokens(name) >= 2);
    let role = role
        .strip_prefix("The ")
        .or_else(|| role.strip_prefix("the "))
        .unwrap_or(role);
    let office = OFFICES.iter().any(|o| o.eq_ignore_ascii_case(role))
        || HONORIFICS.iter().any(|o| o.eq_ignore_ascii_case(role));
    (person_like && (office || !name_like(role)) && role.chars().any(char::is_alphabetic))
        .then(|| (role.to_string(), name.to_string(), chair))
}

static ROLE_PAREN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<role>[^()]+?)\s*\((?P<name>[^()]+)\)\s*(?P<tail>.*)$")
        .expect("role-paren-name pattern is valid")
});

/// "and 4 members of the public", "press": people who are not named.
static PUBLIC_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\s+and\s+|\s*,\s*)(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+number\s+of|some|many)?\s*(?:members?\s+of\s+(?:the\s+)?(?:public|press)|(?:local\s+)?residents?|press|public|observers?)\s*$")
        .expect("public tail pattern is valid")
});

/// A clause about the person before ("who was substituted by Cllr X"): not a new person.
static CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:who|whose|which|substituted|substituting|represented|replaced|deputising|standing\s+in|in\s+place\s+of|for\s+part|attending\s+for|from\s+item|until\s+item|left\s+at|arrived\s+at)\b")
        .expect("clause pattern is valid")
});

/// The first sentence of a prose list: "Cllr E. Mortimer (holiday). Accepted." ends after the
/// bracket; "Cllr E. Mortimer" does not end at the initial.
fn first_sentence(s: &str) -> &str {
    for (i, _) in s.match_indices(". ") {
        let word = s[..i]
            .rsplit(|c: char| c.is_whitespace() || c == '.')
            .next()
            .unwrap_or("");
        let after: Vec<char> = s[i + 2..].chars().take(2).collect();
        // An initial ("E."), an honorific ("MRS.") or an initial after it ("J.") is no end.
        let initial = word.chars().count() == 1
            || HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(word))
            || (after.len() == 2 && after[1] == '.');
        if !initial && after.first().is_some_and(|c| c.is_uppercase()) {
            return &s[..i];
        }
    }
    s
}

/// "Cllr Tom Ridley Cabinet Member for Highways": a titled name run into its role, as PDF text
/// prints a table whose column gap was lost. Returns the name and the role.
fn name_then_role(p: &str) -> Option<(String, String)> {
    let (_, titled) = strip_honorifics(p);
    if !titled {
        return None;
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    let role_word = |w: &str| {
        let l = w.to_lowercase();
        is_role_word(&l.trim_matches(|c: char| !c.is_alphanumeric()))
    };
    // The name is the words before the first capitalised role word after a name.
    for i in 2..words.len() {
        let head = words[..i].join(" ");
        if role_word(words[i])
            && words[i].chars().next().is_some_and(char::is_uppercase)
            && name_like(&head)
            && !name_like(&words[i..].join(" "))
        {
            return Some((head, words[i..].join(" ")));
        }
    }
    None
}

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
                is_role_word(
                    &w.to_lowercase()
                        .trim_matches(|c: char| !c.is_alphanumeric()),
                )
            });
        // "Child and Adolescent Psychiatrist": a role's own words, not a name after a role.
        let connector = matches!(
            words[i - 1].to_lowercase().as_str(),
            "and" | "&" | "of" | "for" | "the" | "in" | "to" | "with" | "on"
        );
        // "Shropshire Councillor D Turley", "County Cllr D Low": the authority a councillor
        // sits for may look like a name.
        let councillor = COUNCILLOR
            .iter()
            .any(|c| tail.starts_with(&format!("{c} ")))
            && i <= 2;
        if (titled || untitled) && !connector && (councillor || !name_like(&head)) {
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

/// Drop repeats: the same name twice, or a shorter form of a name already listed ("Mr Adeyemi"
/// after "Mr Kayode Adeyemi", "Pattinson" after "W Pattinson").
fn dedupe(people: &mut Vec<Person>) {
    let tokens = |p: &Person| -> Vec<String> {
        let bare = bare_name(&p.name);
        crate::normalize::fold(&bare)
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut kept: Vec<Vec<String>> = Vec::new();
    people.retain(|p| {
        let t = tokens(p);
        if p.name.is_empty() || t.is_empty() {
            return false;
        }
        let repeat = kept
            .iter()
            .any(|k| t.iter().all(|w| k.contains(w)) && t.last() == k.last());
        if !repeat {
            kept.push(t);
        }
        !repeat
    });
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
            "Present: Councillor Ray Tull (Chairman)\nCouncillors Uma Vale, Will Wren and Xavier Yates\n\nZoe Abel, Diocesan co-optee\nBen Cole, parent governor co-optee\n\nAlso in attendance:\n\nCouncillor Dee Egan, Portfolio Holder for Education and Early Years\n\nA1/22 Apologies for absence (agenda item 1)\n\nThere were no apologies.\n",
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
        let att = read("The Chairman welcomed the following witnesses to today's\nsession:\nJane Roe MBE, Independent Chair, Improvement Board.\nCllr Tom Poe, Cabinet Member, Children, Young People and Families\nDirectorate.\nAnn Lee, Executive Director, Children, Young People and Families\nDirectorate\nJane Roe gave an overview of her role.\n");
        assert_eq!(
            names(&att.in_attendance),
            ["Jane Roe", "Tom Poe", "Ann Lee"],
            "a wrapped label and wrapped roles do not end the list"
        );
        assert_eq!(
            att.in_attendance[2].role.as_deref(),
            Some("Executive Director, Children, Young People and Families Directorate")
        );
        let att = read("16. Apologies for Absence\nApologies for absence under Regulation 9 of the Parent Governor\nRepresentatives Regulations were received from Ms K. Pike and\nMr W. Quinn.\n17. Declarations\n");
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
    fn offices_before_bracketed_names_and_column_labels_are_read() {
        check(
            "PRESENT\n\nThe Mayor (Councillor Ann Bray) in the Chair\nThe Deputy Mayor (Councillor Ben Cole)\n\nCouncillors C Dale, E Fry and G Hart\n\nOFFICERS IN ATTENDANCE\nChief Executive (Ian Jones), Head of Law (Kay Lamb)\n\n12 APOLOGIES\n",
            &["Ann Bray", "Ben Cole", "C Dale", "E Fry", "G Hart"],
            &[],
            &["Ian Jones", "Kay Lamb"],
            "'The Mayor (Councillor X) in the Chair', 'Chief Executive (Name)'",
        );
        let att = read("The Mayor (Councillor Ann Bray) in the Chair\n\n1. Minutes\n");
        assert!(att.present.is_empty(), "a chair line alone is not a list");
        check(
            "Present:\n\nChair                 Councillor R Ash\nVice Chair            Councillor L Pine\n\nand Councillors:\n\nK Birch, E Elm and T Oak\n\nOfficers in          Mr Yew, Director of Place\nAttendance:          Ms Fir, Committee Officer\n\n1. Minutes\n",
            &["R Ash", "L Pine", "K Birch", "E Elm", "T Oak"],
            &[],
            &["Mr Yew", "Ms Fir"],
            "labels in a first column, one wrapped over two rows, 'and Councillors:'",
        );
        let att = read("Present:\n\nChair                 Councillor R Ash\nVice Chair            Councillor L Pine\n");
        assert!(
            att.present[0].chair && att.present[1].vice_chair,
            "column labels mark the chair and vice-chair"
        );
    }

    #[test]
    fn tables_with_an_attendance_column_and_bilingual_labels_are_read() {
        check(
            "Attendance\n\n| Name | Role | Attendance |\n|---|---|---|\n| Cllr Ann Bray | Chair | Present |\n| Cllr Ben Cole | Member | Apologies |\n| Dee Fox | Independent Member | Present (remote) |\n\nOfficers and others in attendance\n\n| Name | Title |\n|---|---|\n| Ed Gray | Treasurer (Section 151) |\n| Flo Hunt | Clerk |\n\n1 Minutes\n",
            &["Ann Bray", "Dee Fox"],
            &["Ben Cole"],
            &["Ed Gray", "Flo Hunt"],
            "a status column routes people; a bracket in a cell stays in its role",
        );
        check(
            "YN BRESENNOL / PRESENT:\n\nCouncillor T. Rhys - Chair\n\nCouncillors:\n\nA. Bevan, C. Dee and E. Ffion\n\nCabinet Member: Councillor G. Huws (Cabinet Member for Schools)\n\nOfficers: K. Lloyd (Chief Officer), S. Morgan (Head of Inclusion and Learning) and E. Nash (Clerk)\n\n1. YMDDIHEURIADAU / APOLOGIES\n",
            &["T. Rhys", "A. Bevan", "C. Dee", "E. Ffion"],
            &[],
            &["G. Huws", "K. Lloyd", "S. Morgan", "E. Nash"],
            "a Welsh label before the English one; a cabinet member attends; 'and' inside a role is no separator",
        );
    }

    #[test]
    fn wrapped_lists_prose_sentences_and_repeats_are_read() {
        check(
            "Present: Councillors Ann Bray (Chair), Ben Cole (Vice-Chair), Carl Dale,\nDee Fox, Ed Gray, Flo Hunt, Gus Ince, Hal Jones, Ivy King and Jon\nLamb\nCo-opted Members: Kit Moss (Church of England Diocese) and Lia Nunn (Roman\nCatholic Diocese)\n1. Apologies\nApologies were received from Councillor Max Orr. There were no declarations of\ninterest.\n",
            &["Ann Bray", "Ben Cole", "Carl Dale", "Dee Fox", "Ed Gray", "Flo Hunt", "Gus Ince", "Hal Jones", "Ivy King", "Jon Lamb", "Kit Moss", "Lia Nunn"],
            &["Max Orr"],
            &[],
            "a name wrapped at the margin, a bracket wrapped onto the next line, a prose list ends with its sentence",
        );
        check(
            "Apologies: Mr Kay Ade (Parent Governor).\n\nIn attendance: Mrs K Blake (Clerk), County Cllr D Low, PCSO J Reid (Policing Team) and 3 members of the public\n\n1. Apologies\n\nApologies were received from Mr Ade, who was represented by Mr Tom Bell.\n",
            &[],
            &["Mr Kay Ade"],
            &["Mrs K Blake", "D Low", "PCSO J Reid"],
            "a surname repeated later is the same person; members of the public are not people; a substitute clause names no one absent",
        );
    }

    #[test]
    fn pdf_text_that_lost_its_columns_and_wrapped_mid_name_is_read() {
        check(
            "Present:\nCllr Ann Bray (Chair) Leader and Cabinet Member for Strategy\nCllr Tom Hale Cabinet Member for Highways, Transport and Waste\n\nAlso Present: Ms. Una Reid, Chief Executive; Mr. Sam Lowe, Director of Services; Ms.\nOrla Tait, Head of Finance.\n\nOFFICERS IN ATTENDANCE\nChief Executive (Mark Ives), Director of Governance and Compliance (Fay Long), Section\n151 Officer (Ian West), Head of Democratic Services (Cara Hill)\n\nAPOLOGIES FOR ABSENCE WERE RECEIVED FROM COUNCILLORS S. BRAMBLE AND MRS. J.\nTENNISON.\n\n1. MINUTES\n",
            &["Ann Bray", "Tom Hale"],
            &["S. BRAMBLE", "MRS. J. TENNISON"],
            &["Ms. Una Reid", "Mr. Sam Lowe", "Ms. Orla Tait", "Mark Ives", "Fay Long", "Ian West", "Cara Hill"],
            "a name run into its role, a list wrapped after a title, a number or an initial",
        );
    }

    #[test]
    fn irish_chairs_officials_tabs_and_accents_are_read() {
        let att = read("PRESENT:\nAn Cathaoirleach: Cllr. Niamh Ó Dálaigh\nCllr. Áine Breen, Cllr. Conor Daly and Cllr. Síle Lally\n\nOFFICIALS:\nMr. D. Ó Briain, Chief Executive\nMs. T. Kenny, Director of Services\n\n1. MINUTES\n");
        assert_eq!(
            names(&att.present),
            ["Niamh Ó Dálaigh", "Áine Breen", "Conor Daly", "Síle Lally"],
            "'An Cathaoirleach:' opens a present list; accented capitals start names"
        );
        assert!(
            att.present[0].chair && !att.present[1].chair,
            "only the Cathaoirleach is the chair"
        );
        assert_eq!(
            names(&att.in_attendance),
            ["Mr. D. Ó Briain", "Ms. T. Kenny"],
            "'OFFICIALS:'"
        );
        check(
            "PRESENT\n\nMr. T. Grey CC (in the Chair)\n\nMrs. A. Hart CC\tMr. M. Hunt CC\nMrs. K. Lamb CC\tMr. P. Lee CC\n\nMembers of the Committee present: Councillor Ann Bray\n\nAlso present: Mrs G Pound (Town Clerk), Shropshire Councillor D Turley, 5 members of the public\n\n1.\tMinutes.\n",
            &["Mr. T. Grey", "Mrs. A. Hart", "Mr. M. Hunt", "Mrs. K. Lamb", "Mr. P. Lee", "Ann Bray"],
            &[],
            &["Mrs G Pound", "D Turley"],
            "names in tab-separated columns, 'CC' after names, 'Members of the Committee present:', a councillor named with the authority they sit for",
        );
    }

    #[test]
    fn common_surnames_that_are_also_role_words_are_names() {
        check(
            "Present: Councillors Nick Holder, Colin Ward, Jo Green and Amy Church\n\n1. Minutes\n",
            &["Nick Holder", "Colin Ward", "Jo Green", "Amy Church"],
            &[],
            &[],
            "Holder, Ward, Green and Church are surnames",
        );
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

        let att = read("The Chairman welcomed the following witnesses to today's session:\n\nJane Roe MBE, Independent Chair, Improvement Board.\n\nCllr Tom Poe, Cabinet Member, Children, Young People and Families Directorate.\n\nJane Roe gave an overview of her role and of the work done.\n");
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
