//! The body that met: Board, Committee, Sub-Committee, Panel, Cabinet, full Council, Parish
//! Council…
//!
//! The committee is read only from the document's header block ("Minutes of the X", "MEETING OF
//! THE / X", an ALL-CAPS or heading line naming a body, "X – Tuesday 3 May 2022"), its running
//! headers and its title, never from the body: minutes mention other bodies all the time ("this
//! would be scrutinised by the Health Scrutiny Committee"), and an agenda-item page that says
//! only "the Committee" does not say which. Then the answer is null with a diagnostic, not a
//! guess.

use std::sync::LazyLock;

use regex::Regex;

use super::council::local_councils;
use super::gazetteer::{gazetteer, Form};
use super::text::Doc;
use crate::model::{Diagnostic, NamedField};

/// Find the committee's name.
pub fn find(doc: &Doc, council: &NamedField, diagnostics: &mut Vec<Diagnostic>) -> NamedField {
    let header_end = doc.header_end();
    let repeated = doc.repeated_lines();
    let mut best: Option<Found> = None;
    let mut consider = |f: Found| {
        if best.as_ref().is_none_or(|b| f.score > b.score) {
            best = Some(f);
        }
    };

    let header: Vec<usize> = (0..header_end)
        .filter(|&i| !doc.lines[i].is_blank())
        .collect();
    for (pos, &i) in header.iter().enumerate() {
        let line = &doc.lines[i];
        let plain = line.plain.as_str();
        let next = header
            .get(pos + 1)
            .map(|&j| (j, doc.lines[j].plain.as_str()));
        let at = Source::Lines(i, i);

        // A header laid out as a table ("Meeting:   Planning Committee     Date:   3 May"): a
        // label cell and the cell after it.
        let layout = doc.line_layout(line);
        let cells = super::text::cells(&layout);
        if cells.len() >= 2 {
            let labelled = cells.iter().enumerate().find_map(|(k, cell)| {
                let value = match LABEL_CELL.captures(cell) {
                    Some(c) => match c.get(1).map(|m| m.as_str().trim()) {
                        Some(rest) if !rest.is_empty() => rest.to_string(),
                        _ => cells.get(k + 1)?.to_string(),
                    },
                    None => return None,
                };
                clean_with(&super::text::strip_markup(&value).0, council, false, true)
            });
            if let Some(name) = labelled {
                consider(Found::new(name, 8.5, at, line.page));
                continue;
            }
        }

        // "MEETING OF THE" alone: the body is on the next line.
        if MEETING_OF_ALONE.is_match(plain) {
            if let Some((j, next_plain)) = next {
                if let Some(name) = clean(next_plain, council, true) {
                    consider(Found::new(name, 9.5, Source::Lines(i, j), line.page));
                }
            }
            continue;
        }
        // "Minutes of the X held on …", possibly broken over two lines.
        if let Some(c) = MINUTES_OF.captures(plain) {
            let rest = c.get(1).map(|m| m.as_str()).unwrap_or("");
            let (rest, until) = if rest.trim().is_empty() || ENDS_WITH_OF.is_match(plain) {
                match next {
                    Some((j, next_plain)) => (format!("{rest} {next_plain}"), j),
                    None => (rest.to_string(), i),
                }
            } else {
                (rest.to_string(), i)
            };
            if let Some(name) = clean(&rest, council, true) {
                consider(Found::new(name, 10.0, Source::Lines(i, until), line.page));
            }
            continue;
        }
        // "Report to: Cabinet", "Committee: Planning Committee", "Meeting: Full Council".
        if let Some(c) = LABELLED.captures(plain) {
            if let Some(name) = c
                .get(1)
                .or(c.get(2))
                .and_then(|m| clean_with(m.as_str(), council, false, true))
            {
                consider(Found::new(name, 8.5, at, line.page));
            }
            continue;
        }
        // "A meeting of the X was held …" at the top.
        if let Some(c) = A_MEETING_OF.captures(plain) {
            if let Some(name) = c.get(1).and_then(|m| clean(m.as_str(), council, true)) {
                consider(Found::new(name, 9.0, at, line.page));
            }
            continue;
        }
        // A title line that names a body.
        if LABEL_LINE.is_match(plain) || plain.split_whitespace().count() > 16 {
            continue;
        }
        if let Some(name) = clean(plain, council, false) {
            let mut score = 7.0;
            if line.emphasised || !plain.chars().any(|c| c.is_lowercase()) {
                score += 0.7;
            }
            if pos < 5 {
                score += 0.3;
            }
            if repeated[i] {
                score -= 1.0;
            }
            consider(Found::new(name, score, at, line.page));
        } else if let Some(local) = whole_line_local(plain) {
            // The parish council itself is the body, unless a committee of it is named.
            consider(Found::new(local, 3.0, at, line.page));
        }
    }

    // Running headers left in the text, running headers ingest removed, and the title.
    for (i, line) in doc.lines.iter().enumerate().skip(header_end) {
        if repeated[i] && BODY_WORD.is_match(&line.plain) {
            if let Some(name) = clean(&line.plain, council, false) {
                consider(Found::new(name, 5.0, Source::Lines(i, i), line.page));
            }
        }
    }
    for (page, line) in &doc.removed {
        if let Some(name) = clean(line, council, false) {
            consider(Found::new(name, 5.5, Source::Outside(line.clone()), *page));
        }
    }
    if let Some(title) = &doc.title {
        let t = crate::normalize::normalize(title);
        for part in t.split(['|', '-', '–', ':']).map(str::trim) {
            if let Some(name) = clean(part, council, false) {
                consider(Found::new(name, 6.0, Source::Outside(title.clone()), 1));
                break;
            }
        }
    }

    // A parish, town or community council's own meeting, when no committee of it is named.
    if best.is_none() {
        if let (Some(name), Some(span)) = (&council.name, council.span) {
            let header_end_original = doc
                .lines
                .get(header_end)
                .map(|l| doc.span(l.start, l.start).start)
                .unwrap_or(doc.original.len());
            if LOCAL_COUNCIL_NAME.is_match(name) && span.start < header_end_original {
                best = Some(Found::new(
                    name.clone(),
                    4.0,
                    Source::Outside(council.evidence.clone().unwrap_or_default()),
                    council.page.unwrap_or(1),
                ));
            }
        }
    }
    // A town, parish or community council's full meeting is the council itself.
    if let (Some(f), Some(name)) = (best.as_mut(), &council.name) {
        if f.name == "Full Council" && LOCAL_COUNCIL_NAME.is_match(name) {
            f.name = name.clone();
        }
    }
    let Some(found) = best else {
        diagnostics.push(Diagnostic::warning(
            "committee_not_found",
            "The header does not name the body that met; the committee is left blank.",
        ));
        return NamedField::default();
    };
    let confidence = match found.score {
        s if s >= 9.0 => 0.95,
        s if s >= 7.5 => 0.9,
        s if s >= 6.5 => 0.85,
        s if s >= 5.0 => 0.7,
        _ => 0.6,
    };
    let (span, evidence) = match &found.source {
        Source::Lines(a, b) => {
            let span = doc.lines_span(*a, *b);
            (Some(span), Some(doc.original_text(span).trim().to_string()))
        }
        Source::Outside(t) => (None, Some(t.clone())),
    };
    NamedField {
        name: Some(found.name),
        confidence,
        evidence,
        page: Some(found.page),
        span,
    }
}

#[derive(Debug, Clone)]
enum Source {
    /// Lines of the text, first and last.
    Lines(usize, usize),
    /// A running header or the title, which have no span in the text.
    Outside(String),
}

#[derive(Debug, Clone)]
struct Found {
    name: String,
    score: f32,
    source: Source,
    page: u32,
}

impl Found {
    fn new(name: String, score: f32, source: Source, page: u32) -> Found {
        Found {
            name,
            score,
            source,
            page,
        }
    }
}

/// The committee's name in a phrase, or None if the phrase names no body. Strips what follows
/// the name (dates, "held on…", venues), what precedes it ("Minutes of the meeting of the"),
/// and the council's own name; title-cases names printed in capitals; turns the council
/// meeting itself into "Full Council".
pub(crate) fn clean(phrase: &str, council: &NamedField, meeting: bool) -> Option<String> {
    clean_with(phrase, council, meeting, false)
}

/// [`clean`], and for a value a label names as the meeting ("Meeting: Decision Session -
/// Executive Member for Transport") a body word anywhere in it is enough.
fn clean_with(phrase: &str, council: &NamedField, meeting: bool, labelled: bool) -> Option<String> {
    let mut s = phrase.trim().to_string();
    if let Some(m) = TRAILER.find(&s) {
        s.truncate(m.start());
    }
    s = s
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '-' | ':' | ';' | '.' | '*' | '#')
        })
        .to_string();
    loop {
        let before = s.len();
        if let Some(m) = LEADER.find(&s) {
            s = s[m.end()..].trim_start().to_string();
        }
        if let Some(rest) = MEETING_ADJECTIVES.captures(&s).and_then(|c| c.get(1)) {
            s = rest.as_str().to_string();
        }
        if let Some(m) = TRAILING_WORDS.find(&s) {
            s.truncate(m.start());
            s = s.trim_end().to_string();
        }
        if s.len() == before {
            break;
        }
    }
    if s.is_empty() {
        return None;
    }
    // "Environment Committee of Mid Ulster District Council": the body, not whose it is.
    if let Some(cut) = of_council(&s) {
        s.truncate(cut);
    }
    if FULL_COUNCIL.is_match(&s) {
        return Some("Full Council".to_string());
    }
    // The council's own name in front: "Barnsley MBC Cabinet" -> "Cabinet"; the name alone is
    // the council, not a committee, unless it is a whole meeting of it.
    let gaz = gazetteer();
    if let Some(m) = gaz.find(&s).into_iter().find(|m| m.start == 0) {
        if m.form() <= Form::Domain {
            let rest = s[m.end..]
                .trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '-' | ':' | ',' | '\'')
                })
                .to_string();
            if rest.is_empty() {
                // "Minutes of the meeting of Cork County Council": the council met in full.
                return meeting.then(|| "Full Council".to_string());
            }
            return clean_rest(&rest, labelled);
        }
    }
    if let Some(name) = &council.name {
        let lower = s.to_lowercase();
        let own = name.to_lowercase();
        if lower == own {
            // A parish council's own meeting is the parish council; a principal council's
            // is full council.
            return meeting.then(|| {
                let principal =
                    !LOCAL_COUNCIL_NAME.is_match(name) && name.to_lowercase().ends_with(" council");
                if gaz.by_official(name).is_some() || principal {
                    "Full Council".to_string()
                } else {
                    name.clone()
                }
            });
        }
        if let Some(rest) = lower.strip_prefix(&own) {
            let cut = s.len() - rest.len();
            return clean_rest(s[cut..].trim_start_matches([' ', '-', ':', ',']), labelled);
        }
    }
    clean_rest(&s, labelled)
}

/// Where " of <a council>" starts after a body's name, if it does.
fn of_council(s: &str) -> Option<usize> {
    let lower = s.to_lowercase();
    let gaz = gazetteer();
    lower.match_indices(" of ").map(|(i, _)| i).find(|&i| {
        if !BODY_WORD.is_match(&s[..i]) {
            return false;
        }
        let rest = s[i + 4..].trim();
        let rest = rest
            .strip_prefix("the ")
            .or_else(|| rest.strip_prefix("The "))
            .unwrap_or(rest);
        let whole = |start: usize, end: usize| start == 0 && rest[end..].trim().is_empty();
        gaz.find(rest)
            .first()
            .is_some_and(|m| m.form() <= Form::Domain && whole(m.start, m.end))
            || local_councils(rest, false)
                .first()
                .is_some_and(|c| !c.us && whole(c.start, c.end))
    })
}

/// The last checks on a candidate name: it must end in a body word (or, when a label names it,
/// hold one) and not be generic.
fn clean_rest(s: &str, labelled: bool) -> Option<String> {
    let mut s = s.trim();
    // "City Council of the City of Springfield", "Scrutiny Committee of the County Council"
    // ("Court of Common Council" and "Committee of the Whole" stay whole).
    let lower = s.to_lowercase();
    if let Some(pos) = lower
        .match_indices(" of ")
        .map(|(i, _)| i)
        .find(|&i| BODY_WORD.is_match(&s[..i]) && OF_PLACE.is_match(&s[i + 4..]))
    {
        s = s[..pos].trim();
    }
    if FULL_COUNCIL.is_match(s) {
        return Some("Full Council".to_string());
    }
    let body = BODY_WORD.is_match(s) || (labelled && BODY_ANYWHERE.is_match(s));
    if !body || GENERIC.is_match(s) || s.split_whitespace().count() > 14 {
        return None;
    }
    if s.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    // A parish, town or US city council alone names the council; as a committee it is the
    // council's own meeting.
    let name = super::council::title_if_caps(s);
    if !name.chars().next().is_some_and(|c| c.is_uppercase()) {
        return None;
    }
    Some(name)
}

/// A parish, town or community council standing alone on a header line.
fn whole_line_local(plain: &str) -> Option<String> {
    let found = local_councils(plain, false);
    let first = found.first()?;
    let rest_before = plain[..first.start].trim();
    let rest_after = plain[first.end..].trim();
    (rest_before.len() + rest_after.len() <= 3 && !first.us && !first.principal)
        .then(|| first.name.clone())
}

/// Title-case a name printed in capitals: "CHILDREN'S SERVICES SCRUTINY COMMITTEE" ->
/// "Children's Services Scrutiny Committee". Small words stay lower-case, "&" and "and" stay as
/// printed, hyphenated words are capitalised on both sides ("Sub-Committee"), and well-known
/// acronyms stay in capitals.
pub(crate) fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &[
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or",
        "the", "to", "with", "upon", "under", "via", "cum", "le", "de",
    ];
    const ACRONYMS: &[&str] = &[
        "HR", "ICT", "NHS", "SEND", "SEN", "SACRE", "CAMHS", "LGBT", "LGBTQ", "UK", "EU", "HMO",
        "LEP", "PCC", "JSNA", "BCF", "CCG", "ICB", "ICS", "PFI", "ASB", "CCTV", "MBC", "DC", "BC",
        "CC", "LB", "II", "III", "IV", "JNC", "JCC", "SPR", "O&S", "OSC", "OSMB", "ADHD", "COVID",
        "COVID-19", "LAC", "MASH", "YOT", "YOS", "CSP", "GP", "GPS", "A&E",
    ];
    let mut out = Vec::new();
    for (i, word) in s.split_whitespace().enumerate() {
        let lower = word.to_lowercase();
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        if i > 0 && SMALL.contains(&lower.as_str()) {
            out.push(lower);
        } else if ACRONYMS.contains(&bare) || word == "&" {
            out.push(word.to_string());
        } else {
            let parts: Vec<String> = word
                .split('-')
                .map(|p| {
                    let mut cs = p.chars();
                    match cs.next() {
                        Some(f) => {
                            f.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase()
                        }
                        None => String::new(),
                    }
                })
                .collect();
            out.push(parts.join("-"));
        }
    }
    out.join(" ")
}

static LOCAL_COUNCIL_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:parish|town|community|village|neighbourhood)\s+council$|\bparish\s+meeting$",
    )
    .expect("local council name pattern is valid")
});

static OF_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the\s+)?(?:city|town|village|county|borough|township|parish|district|royal\s+borough|london\s+borough)\s+of\b|^the\s+.*\b(?:council|county|city|borough)$")
        .expect("of-place pattern is valid")
});

static MEETING_OF_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:an?\s+)?(?:(?:special|extraordinary|annual|ordinary|monthly|regular)\s+)?meeting\s+of(?:\s+the)?\s*:?$")
        .expect("meeting-of pattern is valid")
});

static MINUTES_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:draft|approved|unapproved|unconfirmed|confirmed|signed)\s+)?minutes?\s+of\s+(.*)$")
        .expect("minutes-of pattern is valid")
});

static ENDS_WITH_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:of|of the|meeting of the|meeting of)\s*$")
        .expect("ends-with-of pattern is valid")
});

static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:report\s+to(?:\s+the)?|committee|meeting|body|decision\s+maker|decision\s+taker|forum|panel|board)\s*:\s*(.+)$|^(?i:report\s+to)\s+(?:the\s+)?(.+)$")
        .expect("labelled pattern is valid")
});

static A_MEETING_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:at\s+)?an?\s+(?:(?:special|extraordinary|annual|ordinary|monthly|regular|remote|virtual)\s+)*meeting\s+of\s+(?:the\s+)?(.+?)\s+(?:was|were|held|duly|convened|which)\b")
        .expect("a-meeting-of pattern is valid")
});

/// Lines that are labels, not titles ("Present:", "Date:", "Venue:").
static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:present|apologies|in attendance|also present|date|time|venue|place|location|members|chair|officers|contact|ward|portfolio|agenda item|wards? affected|key decision|report (?:of|by|author)|purpose)\b")
        .expect("label-line pattern is valid")
});

/// A table cell that labels the meeting's body: "Meeting:", "Committee", "Body: Cabinet".
static LABEL_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:meeting|committee|body|decision\s+maker|forum|panel|board|meeting\s+of)\s*:?\s*(.*)$")
        .expect("label cell pattern is valid")
});

/// A meeting that is no body's, in a labelled value ("Decision Session - Executive Member for
/// X"); a person alone ("Cabinet Member for Education") is not a body.
static BODY_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:decision\s+session|decisions?\s+meeting|session)\b")
        .expect("body-anywhere pattern is valid")
});

/// What a body's name ends with.
static BODY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:committee|sub-committee|subcommittee|board|panel|cabinet|executive|council|forum|group|commission|assembly|partnership|conference|working party|task group|select committee|trustees|sub-group|network|court|authority|cabinet member decisions?|commissioners|supervisors|selectmen|aldermen)$")
        .expect("body-word pattern is valid")
});

static GENERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the\s+)?(?:new\s+|this\s+|said\s+)?(?:committee|sub-committee|subcommittee|board|panel|group|forum|commission|authority|partnership|council's|local authority|county council|borough council|district council|parish council)$")
        .expect("generic pattern is valid")
});

/// The full council meeting, however it is written.
static FULL_COUNCIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the\s+)?(?:(?:full|annual|ordinary|extraordinary|special|budget|reconvened|adjourned|statutory|monthly)\s+)*(?:(?:meeting\s+of\s+(?:the\s+)?)?(?:county|borough|district)?\s*council(?:\s+meeting)?|council\s+meeting)$")
        .expect("full-council pattern is valid")
});

/// What comes after a body's name on a title line: a date, "held on…", a venue, a time.
static TRAILER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\s+(?:held|which was held|to be held|convened|meeting held)\b|\s+(?:on|at|in)\s+(?:the\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d|council chamber|committee room|civic|town hall|county hall|city hall|council house|guildhall|village hall|microsoft|zoom|teams|remote)|[\s,–-]+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d)|\s*\((?:[^)]*\d[^)]*|[^)]*(?:remote|virtual|hybrid|meeting|agenda item)[^)]*)\)\s*$|\s+-\s+(?:part|minutes|agenda|draft|public|notes|action\s+notes|summary)\b|\s*:\s*(?:minutes|agenda|draft\s+minutes|notes|decisions|record\s+of\s+decisions)\s*$)",
    )
    .expect("trailer pattern is valid")
});

/// What comes before a body's name: "the", "meeting of the", "special meeting of".
static LEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the\s+|an?\s+|meeting\s+of\s+(?:the\s+)?|proceedings\s+of\s+(?:the\s+)?|minutes?\s+(?:of|for)\s+(?:the\s+)?|notes\s+of\s+(?:the\s+)?|agenda\s+(?:for|of)\s+(?:the\s+)?|decisions?\s+(?:of|for)\s+(?:the\s+)?|record\s+of\s+(?:the\s+)?)")
        .expect("leader pattern is valid")
});

/// Adjectives of a meeting: "Special Meeting of…" (but "Joint Committee" keeps its "Joint").
static MEETING_ADJECTIVES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:special|extraordinary|annual|ordinary|monthly|regular|remote|virtual|informal|inquorate|budget|reconvened|adjourned|joint|public|hybrid|additional|urgent)\s+)+(meeting\b.*)$")
        .expect("meeting adjectives pattern is valid")
});

/// Words after a body's name that are not part of it: "Cabinet Meeting", "Committee Minutes".
static TRAILING_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:meeting|minutes|regular|special|adjourned|regular meeting|special meeting|meeting minutes|minutes of meeting|agenda|record of decisions|decisions|draft minutes|part a|part b|written minutes|session|regular session|work session|study session|workshop)$")
        .expect("trailing-words pattern is valid")
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceText;

    fn committee(text: &str, council: Option<&str>) -> (Option<String>, f32) {
        let doc = Doc::new(&SourceText::from_plain(text));
        let field = NamedField {
            name: council.map(str::to_string),
            ..NamedField::default()
        };
        let f = find(&doc, &field, &mut Vec::new());
        (f.name, f.confidence)
    }

    #[test]
    fn committees_are_read_from_the_header_in_every_layout() {
        let cases: &[(&str, Option<&str>, Option<&str>, &str)] = &[
            ("Minutes of the Housing Review Board\n\n3 May 2022 at 6pm\n", None, Some("Housing Review Board"), "'Minutes of the X'"),
            ("MEETING OF THE\n\nADULT SOCIAL CARE SCRUTINY SUB-COMMITTEE\n\nMinutes of the meeting held on Monday 2 May 2022\n", None, Some("Adult Social Care Scrutiny Sub-Committee"), "'MEETING OF THE' then the body, title-cased"),
            ("NORTHAMPTONSHIRE COUNTY COUNCIL\n\nCORPORATE PARENTING PANEL\n\n14TH JANUARY 2014\n", Some("Northamptonshire County Council"), Some("Corporate Parenting Panel"), "the council line is skipped; the body line is taken"),
            ("BARNSLEY METROPOLITAN BOROUGH COUNCIL\n\n14TH JANUARY 2014\n\n1. Present: Councillors A and B\n", Some("Barnsley Metropolitan Borough Council"), None, "the council alone is not a committee"),
            ("# Transport & Highways Overview & Scrutiny Committee\n\n#### 11 October 2016\n", None, Some("Transport & Highways Overview & Scrutiny Committee"), "a Markdown heading; '&' kept as printed"),
            ("Cabinet - Tuesday 3 May 2022\n\nPresent: Cllr A\n", None, Some("Cabinet"), "'X - date' title lines"),
            ("Planning Committee, 12/05/2021\n", None, Some("Planning Committee"), "'X, date'"),
            ("Minutes of a meeting of the Health and Wellbeing Board held at County Hall on 5 March 2020\n", None, Some("Health and Wellbeing Board"), "'held at' ends the name"),
            ("Minutes of the Meeting of the County Council held on 21 July 2014\n", None, Some("Full Council"), "a county council meeting is full council"),
            ("COUNCIL\n\nWednesday 5 February 2020\n", None, Some("Full Council"), "'COUNCIL' alone is full council"),
            ("Minutes of the Monthly Meeting of Cork County Council held in the Council Chamber\n", Some("Cork County Council"), Some("Full Council"), "a meeting of the council itself is full council"),
            ("MILBURN PARISH COUNCIL\nMinutes of the meeting held on 3 May 2022 in the Village Hall\n", Some("Milburn Parish Council"), Some("Milburn Parish Council"), "a parish council's own meeting"),
            ("MILBURN PARISH COUNCIL\nPLANNING COMMITTEE\n3 May 2022\n", Some("Milburn Parish Council"), Some("Planning Committee"), "a named committee of a parish council"),
            ("Sandwell Children's Services Board\n\n5 May 2022\n", Some("Sandwell Metropolitan Borough Council"), Some("Sandwell Children's Services Board"), "a place in a body's name is kept"),
            ("Barnsley MBC Cabinet\n\n5 May 2022\n", Some("Barnsley Metropolitan Borough Council"), Some("Cabinet"), "the council prefix is stripped"),
            ("Report to: Cabinet\n\nDate: 3 May 2022\n\nExecutive Summary\n", None, Some("Cabinet"), "'Report to:' names the receiving body"),
            ("Agenda item\n\nChildren First Update\n\nThe report tells the Committee about progress.\n\nMinutes:\n\n9.1 The Committee heard that the Health Scrutiny Committee would look at it in detail next month and more.\n", None, None, "'the Committee' and body mentions are never promoted"),
            ("A meeting of the Licensing Committee was held on 3 May 2022.\n", None, Some("Licensing Committee"), "'A meeting of the X was held'"),
            ("MINUTES OF THE REGULAR MEETING OF THE CITY COUNCIL OF THE CITY OF SPRINGFIELD HELD ON MONDAY, MARCH 1, 2021\n", None, Some("City Council"), "'X of the City of Y' is X"),
            ("Minutes of the Audit Committee of the County Council held on 3 May 2022\n", None, Some("Audit Committee"), "'X of the County Council' is X"),
            ("# Eastbridge County Council - Children and Young People Select Committee\n\n11 October 2023\n", Some("Eastbridge County Council"), Some("Children and Young People Select Committee"), "'Council - Committee' is split; the council is not the committee"),
            ("FIFE COUNCIL\n\nMinute of Meeting of the Education Scrutiny Committee held in Fife House on Tuesday 3 October 2023 at 10.00 am.\n", Some("Fife Council"), Some("Education Scrutiny Committee"), "Scottish 'Minute of Meeting of the X'"),
            ("Minutes of Meeting of the Environment Committee of Mid Ulster District Council held on Tuesday 12 September 2023\n", None, Some("Environment Committee"), "'X of <council>' is X"),
            ("  Meeting:   Licensing Sub-Committee       Date:    Tuesday, 5 December 2023\n  Time:      10.00 am\n", None, Some("Licensing Sub-Committee"), "a header laid out as a table"),
            ("York Council          Committee Minutes\n\nMeeting             Decision Session - Executive Member for Transport\n\nDate                12 March 2024\n", None, Some("Decision Session - Executive Member for Transport"), "a label cell without a colon names the meeting"),
            ("Cambridgeshire County Council\nChildren and Young People Committee: Minutes\nDate: Tuesday 7 March 2023\n", Some("Cambridgeshire County Council"), Some("Children and Young People Committee"), "'X: Minutes'"),
            ("Ashby Town Council\n\nMinutes of the meeting of the Full Council held on Thursday 18th January 2024\n", Some("Ashby Town Council"), Some("Ashby Town Council"), "a town council's full council is the town council"),
            ("EASTBRIDGE COUNTY COUNCIL\n\nMinutes of a meeting of Eastbridge County Council held on 3 May 2022\n", Some("Eastbridge County Council"), Some("Full Council"), "a meeting of a principal council missing from the gazetteer is full council"),
        ];
        for (text, council, expected, rule) in cases {
            let (name, conf) = committee(text, *council);
            assert_eq!(name.as_deref(), *expected, "{rule}");
            if expected.is_some() {
                assert!(
                    conf >= 0.6,
                    "{rule}: a committee read from the header is trusted ({conf})"
                );
            } else {
                assert_eq!(conf, 0.0, "{rule}: nothing found has confidence 0");
            }
        }
    }

    #[test]
    fn the_document_title_names_the_committee_when_the_text_does_not() {
        let mut src = SourceText::from_plain("1. Apologies\n\nNone.\n");
        src.title = Some(
            "Agenda for Housing Scrutiny Committee on Wednesday, 7th July, 2021, 10.30 am".into(),
        );
        let doc = Doc::new(&src);
        let f = find(&doc, &NamedField::default(), &mut Vec::new());
        assert_eq!(
            f.name.as_deref(),
            Some("Housing Scrutiny Committee"),
            "an HTML title names the body"
        );
        assert!(f.span.is_none(), "evidence outside the text has no span");
    }

    #[test]
    fn title_case_keeps_small_words_and_acronyms() {
        let cases = [
            (
                "CHILDREN'S SERVICES SCRUTINY COMMITTEE",
                "Children's Services Scrutiny Committee",
            ),
            (
                "CHILDREN AND YOUNG PEOPLE SCRUTINY SUB-COMMITTEE",
                "Children and Young People Scrutiny Sub-Committee",
            ),
            ("HEALTH & WELLBEING BOARD", "Health & Wellbeing Board"),
            (
                "THE SEND SUB-COMMITTEE OF THE NHS BOARD",
                "The SEND Sub-Committee of the NHS Board",
            ),
        ];
        for (caps, expected) in cases {
            assert_eq!(title_case(caps), expected, "title case of {caps:?}");
        }
    }
}
