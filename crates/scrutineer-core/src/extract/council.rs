//! The council a document belongs to, recognised against the [`super::gazetteer`].
//!
//! Minutes name other councils all the time ("neighbouring authorities", "Birmingham's
//! approach", "the 14 West Midlands local authorities"), and some never print their own name at
//! all except in a venue or an e-mail address. So every mention is evidence with a weight: how
//! strongly the words name a council (from strongest: the official name, "X Council", a web
//! domain, "X Council House", the bare place) times where they stand (the header block outranks the body, and repeated
//! body mentions add up with diminishing returns). The best-supported council wins; its
//! confidence says whether it was read from the header or inferred from the body.
//!
//! Town, parish and community councils, and US councils, are in no gazetteer: they are
//! recognised by pattern ("Milburn Parish Council", "City of Springfield") in the header block
//! and kept as printed.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::gazetteer::{gazetteer, Form};
use super::text::{ascii_regex, Doc};
use crate::model::{Diagnostic, NamedField, Span};

/// Find the council; `name` is the gazetteer's canonical name, or the name as printed for
/// councils recognised by pattern.
pub fn find(doc: &Doc, diagnostics: &mut Vec<Diagnostic>) -> NamedField {
    let us = us_context(doc);
    let header_end_offset = doc
        .lines
        .get(doc.header_end())
        .map(|l| l.start)
        .unwrap_or(doc.norm.text.len());
    let mut board = Board::default();

    // Gazetteer mentions in the text.
    let gaz = gazetteer();
    let text = &doc.norm.text;
    let mentions = gaz.find(text);
    let mut body_seen: HashMap<usize, usize> = HashMap::new();
    let mut covered: Vec<(usize, usize)> = Vec::with_capacity(mentions.len());
    for m in &mentions {
        covered.push((m.start, m.end));
        let in_header = m.start < header_end_offset;
        let context = place_context(text, m.start, m.end);
        let share = 1.0 / m.councils.len() as f32;
        for &(council, form) in &m.councils {
            let mut w = form_weight(form);
            if form == Form::Place {
                w *= context;
            }
            if m.councils.len() > 1 {
                // A name two councils share ("Cork") is evidence for each, but less.
                w *= 0.5 + 0.5 * share;
            }
            if us {
                w *= 0.3;
            }
            let region = if in_header {
                3.0
            } else {
                let n = body_seen.entry(council).or_default();
                *n += 1;
                1.0 / *n as f32
            };
            let key = Key::Gazetteer(council);
            let ev = Evidence {
                strength: w * region,
                header: in_header,
                form_rank: form as u8,
                span: Some((m.start, m.end)),
                page: doc.page_at(m.start),
                text: None,
            };
            board.add(key, gaz.councils[council].official.clone(), ev);
        }
    }

    // "The County Council" in the body says a county council is meant: it supports whichever
    // county is named at all.
    let county_refs = COUNTY_COUNCIL
        .find_iter(text)
        .filter(|m| !covered.iter().any(|&(s, e)| m.start() < e && s < m.end()))
        .count();
    if county_refs > 0 {
        let boost = 0.5 * (1.0 + (county_refs as f32).ln());
        for (key, cand) in board.candidates.iter_mut() {
            if let Key::Gazetteer(i) = key {
                let c = &gaz.councils[*i];
                if c.kind.says_county_council() || c.official.contains("County Council") {
                    cand.score += boost;
                }
            }
        }
    }

    // Running headers and the document title, which ingest keeps apart from the text.
    let mut extra: Vec<(u32, String, f32)> = Vec::new();
    let mut seen_removed = Vec::new();
    for (page, line) in &doc.removed {
        let k = crate::normalize::fold(line);
        if !seen_removed.contains(&k) {
            seen_removed.push(k);
            extra.push((*page, line.clone(), 2.0));
        }
    }
    if let Some(t) = &doc.title {
        extra.push((1, crate::normalize::normalize(t), 2.5));
    }
    for (page, line, region) in &extra {
        for m in gaz.find(line) {
            for &(council, form) in &m.councils {
                let w = form_weight(form) * region * if us { 0.3 } else { 1.0 };
                let ev = Evidence {
                    strength: w,
                    header: true,
                    form_rank: form as u8,
                    span: None,
                    page: *page,
                    text: Some(line[m.start..m.end].to_string()),
                };
                board.add(
                    Key::Gazetteer(council),
                    gaz.councils[council].official.clone(),
                    ev,
                );
            }
        }
    }

    // Local and US councils by pattern, in the header block (and running headers, title).
    let header_lines = doc.lines[..doc.header_end()].iter();
    let mut pattern_sources: Vec<(Option<usize>, u32, String, f32)> = header_lines
        .filter(|l| !l.is_blank())
        .map(|l| (Some(l.start), l.page, doc.line_raw(l).to_string(), 4.0))
        .collect();
    for (page, line, _) in &extra {
        pattern_sources.push((None, *page, line.clone(), 3.0));
    }
    for (start, page, line, weight) in &pattern_sources {
        for found in local_councils(line, us) {
            // A gazetteer name ("Leeds City Council") is not a local council.
            let abs = start.map(|s| (s + found.start, s + found.end));
            if let Some((s, e)) = abs {
                if covered.iter().any(|&(cs, ce)| s < ce && cs < e) {
                    continue;
                }
            } else if !gaz.find(&line[found.start..found.end]).is_empty() {
                continue;
            }
            let ev = Evidence {
                strength: *weight * if found.us && !us { 0.6 } else { 1.0 },
                header: true,
                form_rank: 0,
                span: abs,
                page: *page,
                text: Some(line[found.start..found.end].to_string()),
            };
            board.add(
                Key::Local(crate::normalize::fold(&found.name)),
                found.name,
                ev,
            );
        }
    }

    let ranked = board.ranked();
    let Some(best) = ranked.first() else {
        diagnostics.push(Diagnostic::warning(
            "council_not_found",
            "No council is named in the text (no gazetteer council, parish, town or US council found).",
        ));
        return NamedField::default();
    };
    if best.score < 0.2 {
        diagnostics.push(Diagnostic::warning(
            "council_not_found",
            format!(
                "Only a passing mention of {} was found; the council is left blank.",
                best.name
            ),
        ));
        return NamedField::default();
    }

    let ev = &best.best;
    let mut confidence: f32 = if ev.header {
        match ev.form_rank {
            0 | 1 => 0.95,
            2 | 3 => 0.9,
            _ => 0.75,
        }
    } else {
        let base: f32 = match ev.form_rank {
            0 | 1 => 0.65,
            2 => 0.7,
            3 => 0.6,
            _ => 0.45,
        };
        (base + 0.05 * (best.score - 1.0).clamp(0.0, 2.0)).min(0.75)
    };
    if !ev.header {
        diagnostics.push(Diagnostic::info(
            "council_from_body",
            format!(
                "The header does not name the council; {} is inferred from mentions in the text.",
                best.name
            ),
        ));
    }
    if let Some(second) = ranked.get(1) {
        if second.score >= 0.7 * best.score {
            confidence *= 0.7;
            diagnostics.push(Diagnostic::warning(
                "council_ambiguous",
                format!(
                    "Both {} and {} are named about as strongly; {} was chosen.",
                    best.name, second.name, best.name
                ),
            ));
        }
    }

    let (span, evidence) = match (ev.span, &ev.text) {
        (Some((s, e)), _) => {
            let span = doc.span(s, e);
            (Some(span), Some(doc.original_text(span).to_string()))
        }
        (None, Some(t)) => (None, Some(t.clone())),
        (None, None) => (None, None),
    };
    NamedField {
        name: Some(best.name.clone()),
        confidence,
        evidence,
        page: Some(ev.page),
        span: span.filter(|s: &Span| s.end > s.start),
    }
}

/// True when the document reads as American: dates are then month-first, and names like
/// "Cambridge City Council" are not the English councils of the same name.
pub(crate) fn us_context(doc: &Doc) -> bool {
    let text = &doc.norm.text;
    let us_terms = US_TERMS.find_iter(text).take(20).count();
    let states = US_STATES.find_iter(text).take(10).count();
    let dollars = DOLLARS.find_iter(text).take(5).count();
    let uk = UK_TERMS.find_iter(text).take(30).count();
    let us = us_terms + 2 * states + dollars;
    us >= 3 && us > uk
}

/// How strongly a form of name points at a council.
fn form_weight(form: Form) -> f32 {
    match form {
        Form::Official => 1.0,
        Form::Qualified => 0.9,
        Form::Domain => 0.9,
        Form::Building => 0.7,
        Form::Place => 0.25,
    }
}

/// How far a bare place name is evidence of its council: less when it is someone's surname
/// ("Councillor Preston", "Jane Bury"), another council's way of doing things ("Birmingham's
/// approach") or one of several authorities listed as neighbours.
fn place_context(text: &str, start: usize, end: usize) -> f32 {
    let mut from = start.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = &text[from..start];
    let after = text.get(end..(end + 2).min(text.len())).unwrap_or("");
    if HONORIFIC_BEFORE.is_match(before) {
        return 0.1;
    }
    // Names in an attendance list are people's ("Present: Councillors Clare, Druitt").
    let line_start = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    if start - line_start <= 400 && ATTENDANCE_LINE.is_match(&text[line_start..start]) {
        return 0.1;
    }
    let mut w = 1.0;
    if let Some(word) = CAPITALISED_BEFORE
        .captures(before)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
    {
        if !NOT_FIRST_NAMES.contains(&word) {
            // "Jane Bury": a first name before a place makes it a surname, often enough.
            w *= 0.5;
        }
    }
    if after == "'s" {
        w *= 0.6;
    }
    if NEIGHBOUR_BEFORE.is_match(before) {
        w *= 0.4;
    }
    w
}

/// Capitalised words that commonly stand before a place and are not first names.
const NOT_FIRST_NAMES: &[&str] = &[
    "The",
    "In",
    "At",
    "Of",
    "For",
    "And",
    "But",
    "By",
    "To",
    "From",
    "With",
    "On",
    "That",
    "This",
    "Within",
    "Across",
    "Council",
    "Cabinet",
    "Members",
    "Greater",
    "Royal",
    "City",
    "Borough",
    "County",
    "Minutes",
    "Meeting",
    "Both",
    "All",
    "Each",
    "Only",
    "Outside",
    "Inside",
    "Whole",
    "Central",
    "Rural",
    "Urban",
    "Old",
    "New",
    "Great",
    "Little",
    "Upper",
    "Lower",
    "Where",
    "When",
    "If",
    "As",
    "Whilst",
    "While",
    "Although",
    "Children",
    "Safeguarding",
    "Partnership",
    "Venue",
    "Place",
    "Location",
    "MINUTES",
    "OF",
    "THE",
    "AND",
    "AT",
    "IN",
    "FOR",
];

static ATTENDANCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:\d+\.?\s*)?(?:present|apologies|councillors?|cllrs?|members|also\s+present|in\s+attendance|other\s+members|sederunt|attendees|absent|roll\s+call)\b")
        .expect("attendance line pattern is valid")
});

static HONORIFIC_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\b(?:Councillors?|Cllrs?\.?|Mrs?\.?|Ms\.?|Miss|Dr\.?|Sir|Dame|Lord|Lady|Professor|Rev(?:erend|d)?\.?)|\b[A-Z]\.)\s+$",
    )
    .expect("honorific-before pattern is valid")
});

static CAPITALISED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([A-Z][A-Za-z]+) $").expect("capitalised-before pattern is valid")
});

static COUNTY_COUNCIL: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"\bCounty Council\b").expect("county council pattern is valid"));

static NEIGHBOUR_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:neighbouring|neighboring|other|such as|like|compared (?:with|to)|than|including|versus|vs\.?)\s+(?:[A-Z][\w']*,?\s+(?:and\s+)?)*$")
        .expect("neighbour pattern is valid")
});

static US_TERMS: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"\b(?:Mayor Pro Tem|Councilmember|Councilmembers|Council Members?|Councilman|Councilwoman|Alderman|Aldermen|Alderperson|Board of Supervisors|Board of Commissioners|County Commissioners?|Pledge of Allegiance|Roll Call|ROLL CALL|City Manager|City Attorney|Village Board|Board of Trustees|Selectmen|Select Board|Township|Ordinance No|ORDINANCE NO|Consent Agenda|CONSENT AGENDA|Motion carried|MOTION CARRIED|Ayes?:|Nays?:)\b",
    )
    .expect("US terms pattern is valid")
});

static US_STATES: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"\b(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York State|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington State|West Virginia|Wisconsin|Wyoming)\b|,\s[A-Z]{2}\s\d{5}\b",
    )
    .expect("US states pattern is valid")
});

static DOLLARS: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"\$\s?\d").expect("dollar pattern is valid"));

static UK_TERMS: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"£|\b(?:Councillors?|Cllrs?|Borough|Parish|Ofsted|OFSTED|Apologies|programme|organisation|gov\.uk|Chairman|Clerk to the Council|Ward Councillor|Metropolitan)\b",
    )
    .expect("UK terms pattern is valid")
});

/// A council recognised by pattern in a line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LocalCouncil {
    /// Byte range of the name in the line.
    pub start: usize,
    pub end: usize,
    /// The name as printed (title-cased when printed in capitals).
    pub name: String,
    /// An American form ("City of X", "X County Board of Supervisors").
    pub us: bool,
    /// A principal council recognised by the form of its name ("X County Council", "London
    /// Borough of X"), not a town, parish or community council.
    pub principal: bool,
}

/// Councils named in a line by the form of their names: town, parish and community councils,
/// US cities and counties, and principal councils that are in no gazetteer (abolished, renamed,
/// newly created, or simply not listed): "X County Council", "X Metropolitan Borough Council",
/// "London Borough of X", "Royal Borough of X", "City of X Council", and a header line that is
/// nothing but "X Council".
pub(crate) fn local_councils(line: &str, us: bool) -> Vec<LocalCouncil> {
    let mut out = Vec::new();
    for m in PRINCIPAL_SUFFIX.captures_iter(line) {
        let Some(whole) = m.get(0) else { continue };
        if let Some(start) = name_before(line, whole.start()) {
            let name = format!(
                "{} {}",
                title_if_caps(line[start..whole.start()].trim()),
                title_if_caps(whole.as_str().trim())
            );
            out.push(LocalCouncil {
                start,
                end: whole.end(),
                name,
                us: false,
                principal: true,
            });
        }
    }
    for m in PRINCIPAL_PREFIXED.captures_iter(line) {
        let (Some(whole), Some(kind)) = (m.get(0), m.get(1)) else {
            continue;
        };
        if let Some(end) = name_after(line, whole.end()) {
            let mut end = end;
            // "City of X Council": the council's name runs on to "Council".
            let city = kind.as_str().eq_ignore_ascii_case("city");
            if let Some(c) = COUNCIL_AFTER.find(&line[end..]) {
                end += c.end();
            } else if city {
                // "City of X" alone is left to the US reading below.
                continue;
            }
            let text = line[kind.start()..end].trim_end();
            out.push(LocalCouncil {
                start: kind.start(),
                end: kind.start() + text.len(),
                name: title_if_caps(text),
                us: false,
                principal: true,
            });
        }
    }
    if let Some(c) = BARE_COUNCIL.captures(line.trim()) {
        let name = c.get(1).map_or("", |m| m.as_str());
        let words_ok = name.split_whitespace().all(|w| {
            let l = w.to_lowercase();
            !NOT_PLACE_WORDS.contains(&l.as_str())
        });
        let capitalised = name
            .split_whitespace()
            .filter(|w| !JOINERS.contains(&w.to_lowercase().as_str()))
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
        if words_ok && capitalised {
            let start = line.len() - line.trim_start().len() + c.get(1).map_or(0, |m| m.start());
            let end = line.trim_end().len();
            out.push(LocalCouncil {
                start,
                end,
                name: title_if_caps(line[start..end].trim()),
                us: false,
                principal: true,
            });
        }
    }
    for m in LOCAL_SUFFIX.captures_iter(line) {
        let Some(whole) = m.get(0) else { continue };
        let suffix = m.get(1).map(|g| g.as_str()).unwrap_or("");
        let is_city = suffix.to_ascii_lowercase().starts_with("city");
        if let Some(start) = name_before(line, whole.start()) {
            let name = format!(
                "{} {}",
                title_if_caps(line[start..whole.start()].trim()),
                title_if_caps(whole.as_str().trim())
            );
            out.push(LocalCouncil {
                start,
                end: whole.end(),
                name,
                us: is_city && us,
                principal: false,
            });
        }
    }
    for m in US_PREFIXED.captures_iter(line) {
        let (Some(whole), Some(kind)) = (m.get(0), m.get(1)) else {
            continue;
        };
        if let Some(end) = name_after(line, whole.end()).filter(|_| kind.end() <= whole.end()) {
            // "the City of X" is named "City of X".
            let text = line[kind.start()..end].trim_end();
            out.push(LocalCouncil {
                start: kind.start(),
                end: kind.start() + text.len(),
                name: title_if_caps(text),
                us: true,
                principal: false,
            });
        }
    }
    for m in US_COUNTY_BOARD.captures_iter(line) {
        let Some(whole) = m.get(0) else { continue };
        if let Some(start) = name_before(line, whole.start()) {
            let county = &line[start..whole.start() + m.get(1).map(|g| g.len()).unwrap_or(0)];
            out.push(LocalCouncil {
                start,
                end: whole.end(),
                name: title_if_caps(county.trim()),
                us: true,
                principal: false,
            });
        }
    }
    out.sort_by_key(|c| c.start);
    out.dedup_by(|b, a| b.start < a.end);
    out
}

static LOCAL_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(parish council|town council|community council|village council|neighbourhood council|city council|parish meeting)\b")
        .expect("local council pattern is valid")
});

static PRINCIPAL_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:metropolitan borough|metropolitan district|county borough|county|district|borough) council\b")
        .expect("principal council pattern is valid")
});

static PRINCIPAL_PREFIXED: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(london borough|royal borough|metropolitan borough|city and county|county borough|city) of\b")
        .expect("principal prefixed pattern is valid")
});

static COUNCIL_AFTER: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"(?i)^\s+council\b").expect("council-after pattern is valid"));

/// A line that is only a council's name: "Westmorland and Furness Council", "THE FIFE COUNCIL".
static BARE_COUNCIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:the\s+)?((?:[A-Z][\w'’.-]*|(?i:and|&|upon|on|le|by|with|in))(?:\s+(?:[A-Z][\w'’.-]*|(?i:and|&|upon|on|le|by|with|in))){0,4})\s+(?i:council)$")
        .expect("bare council pattern is valid")
});

/// Words that make "X Council" a body of a council, not a council: "Youth Council", "Full
/// Council", "Children in Care Council".
const NOT_PLACE_WORDS: &[&str] = &[
    "full",
    "youth",
    "young",
    "schools",
    "school",
    "care",
    "children",
    "pupils",
    "student",
    "students",
    "executive",
    "city",
    "county",
    "district",
    "borough",
    "parish",
    "town",
    "community",
    "village",
    "neighbourhood",
    "the",
    "council",
    "councils",
    "county's",
    "members",
    "joint",
    "special",
    "annual",
    "ordinary",
    "extraordinary",
    "meeting",
    "minutes",
    "of",
    "budget",
    "common",
    "privy",
    "sports",
    "arts",
    "trades",
    "works",
    "staff",
    "faith",
    "regional",
    "national",
    "european",
    "security",
    "research",
    "medical",
    "british",
    "state",
];

static US_PREFIXED: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:the\s+)?(city|town|village|township|county|borough)\s+of\b")
        .expect("US prefixed pattern is valid")
});

static US_COUNTY_BOARD: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)( county)\s+(?:board of (?:supervisors|commissioners)|commission(?:ers)?(?: court)?)\b")
        .expect("US county board pattern is valid")
});

/// Words that join the parts of a place name ("Stoke by Nayland", "Bradford on Avon").
const JOINERS: &[&str] = &[
    "upon", "on", "under", "le", "de", "cum", "with", "by", "in", "next", "and", "&", "the", "en",
];

/// Words that open a line but are no part of a council's name.
const NOT_NAME: &[&str] = &[
    "minutes",
    "minute",
    "meeting",
    "meetings",
    "the",
    "of",
    "annual",
    "extraordinary",
    "ordinary",
    "special",
    "monthly",
    "regular",
    "full",
    "draft",
    "approved",
    "unapproved",
    "confirmed",
    "agenda",
    "a",
    "an",
    "and",
    "&",
    "at",
    "held",
    "notes",
    "record",
    "summary",
    "council",
    "committee",
    "planning",
    "finance",
    "for",
    "to",
    "from",
    "present",
    "by",
    "in",
    "on",
    "with",
];

/// The start of the capitalised name that ends just before `end` in `line`, if any.
fn name_before(line: &str, end: usize) -> Option<usize> {
    let caps_line = !line.chars().any(|c| c.is_lowercase());
    let head = &line[..end];
    let mut start = end;
    let mut content = 0;
    let mut tokens: Vec<(usize, &str)> = Vec::new();
    let mut idx = head.len();
    for tok in head.split_whitespace().rev() {
        let Some(pos) = head[..idx].rfind(tok) else {
            break;
        };
        idx = pos;
        tokens.push((pos, tok));
    }
    for (pos, tok) in tokens {
        let t = tok.trim_end_matches(',');
        if t.len() != tok.len() {
            // A comma ends the name ("Minutes, Milburn Parish Council" is rare; "X, Y Town
            // Council" is two things).
            break;
        }
        let lower = t.to_lowercase();
        let capitalised = t.chars().next().is_some_and(|c| c.is_uppercase());
        if NOT_NAME.contains(&lower.as_str()) && !JOINERS.contains(&lower.as_str()) {
            break;
        }
        if lower == "of" {
            break;
        }
        if JOINERS.contains(&lower.as_str()) {
            if content == 0 {
                break;
            }
            start = pos;
            continue;
        }
        if !(capitalised || caps_line) || !t.chars().any(|c| c.is_alphabetic()) {
            break;
        }
        start = pos;
        content += 1;
        if content >= 5 {
            break;
        }
    }
    // Drop joiners left at the front ("the Milburn" -> "Milburn"). A joiner was only taken
    // with a name word after it, so this stops inside the name.
    while content > 0 && start < end {
        let rest = &line[start..end];
        let first = rest.split_whitespace().next().unwrap_or("");
        if first.is_empty() || !JOINERS.contains(&first.to_lowercase().as_str()) {
            break;
        }
        start += rest.find(first).unwrap_or(0) + first.len();
        start += line[start..].len() - line[start..].trim_start().len();
    }
    (content > 0 && start < end).then_some(start)
}

/// The end of the capitalised name that starts at `start` in `line` ("City of| Springfield").
fn name_after(line: &str, start: usize) -> Option<usize> {
    let caps_line = !line.chars().any(|c| c.is_lowercase());
    const STOP: &[&str] = &[
        "city",
        "council",
        "board",
        "regular",
        "special",
        "meeting",
        "minutes",
        "commission",
        "planning",
        "work",
        "session",
        "agenda",
        "held",
        "on",
        "at",
        "in",
        "of",
        "and",
        "the",
        "town",
        "village",
        "workshop",
        "study",
        "joint",
    ];
    let mut end = None;
    let mut idx = start;
    for tok in line[start..].split_whitespace() {
        let Some(rel) = line[idx..].find(tok) else {
            break;
        };
        let pos = idx + rel;
        let t = tok.trim_end_matches([',', '.', ':', ';']);
        let lower = t.to_lowercase();
        let capitalised = t.chars().next().is_some_and(|c| c.is_uppercase());
        if (end.is_some() && STOP.contains(&lower.as_str()))
            || !(capitalised || caps_line)
            || !t
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.')
            || t.is_empty()
        {
            break;
        }
        end = Some(pos + t.len());
        idx = pos + tok.len();
        if tok.len() != t.len() {
            break;
        }
    }
    end
}

/// Title-case a name printed in capitals ("MILBURN PARISH COUNCIL" -> "Milburn Parish
/// Council"); leave mixed-case names as printed.
pub(crate) fn title_if_caps(s: &str) -> String {
    if s.chars().any(|c| c.is_lowercase()) {
        return s.to_string();
    }
    super::committee::title_case(s)
}

/// Candidates keyed by what they are.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Gazetteer(usize),
    Local(String),
}

#[derive(Debug, Clone)]
struct Evidence {
    strength: f32,
    header: bool,
    /// `Form as u8` for gazetteer names, 0 for local councils (printed in full).
    form_rank: u8,
    /// Normalised byte range, when the evidence is in the text.
    span: Option<(usize, usize)>,
    page: u32,
    /// The words, when the evidence is outside the text (running header, title).
    text: Option<String>,
}

#[derive(Debug, Clone)]
struct Candidate {
    name: String,
    score: f32,
    best: Evidence,
    current: bool,
}

#[derive(Default)]
struct Board {
    candidates: HashMap<Key, Candidate>,
}

impl Board {
    fn add(&mut self, key: Key, name: String, ev: Evidence) {
        let current = match &key {
            Key::Gazetteer(i) => gazetteer().councils[*i].current,
            Key::Local(_) => true,
        };
        let cand = self.candidates.entry(key).or_insert_with(|| Candidate {
            name,
            score: 0.0,
            best: ev.clone(),
            current,
        });
        cand.score += ev.strength;
        let better = (
            ev.header,
            std::cmp::Reverse(ev.form_rank),
            ordered(ev.strength),
        ) > (
            cand.best.header,
            std::cmp::Reverse(cand.best.form_rank),
            ordered(cand.best.strength),
        );
        if better {
            cand.best = ev;
        }
    }

    /// Candidates, best first; ties go to councils that still exist.
    fn ranked(self) -> Vec<Candidate> {
        let mut v: Vec<Candidate> = self.candidates.into_values().collect();
        v.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(b.current.cmp(&a.current))
                .then(a.name.cmp(&b.name))
        });
        v
    }
}

fn ordered(x: f32) -> i64 {
    (x * 1000.0) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceText;

    fn council(text: &str) -> (Option<String>, f32, Vec<String>) {
        let doc = Doc::new(&SourceText::from_plain(text));
        let mut diags = Vec::new();
        let f = find(&doc, &mut diags);
        (
            f.name,
            f.confidence,
            diags.into_iter().map(|d| d.code).collect(),
        )
    }

    #[test]
    fn councils_are_recognised_in_every_form() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            ("BARNSLEY METROPOLITAN BOROUGH COUNCIL\n\nCABINET\n", Some("Barnsley Metropolitan Borough Council"), "an ALL-CAPS header names the council"),
            ("Minutes of the Board\n\n26 April 2018 at 4pm\nat the Solihull Council House, Manor Square\n", Some("Solihull Metropolitan Borough Council"), "a council house in the venue names its council"),
            ("Contact: jo.bloggs@walsall.gov.uk\n\nThe report says Walsall is improving.", Some("Walsall Metropolitan Borough Council"), "an e-mail domain names the council"),
            ("Minutes of the Cabinet\n\nThe County Council approved the plan. The County Council will consult. West Sussex is large.", Some("West Sussex County Council"), "'the County Council' supports the county named in the body"),
            ("CORK COUNTY COUNCIL\nMinutes of the Monthly Meeting\n", Some("Cork County Council"), "an Irish county council by its full name"),
            ("Dún Laoghaire-Rathdown County Council\n", Some("Dún Laoghaire-Rathdown County Council"), "accents are kept in the canonical name"),
            ("MILBURN PARISH COUNCIL\nMinutes of the meeting held on 3 May 2022\n\nThe clerk wrote to Eden District Council about the verge.", Some("Milburn Parish Council"), "a parish council in the header beats a district named in the body"),
            ("Minutes of the Annual Meeting of Stoke by Nayland Parish Council\n", Some("Stoke by Nayland Parish Council"), "parish names may contain joining words"),
            ("Llanfair Community Council\nMinutes of the meeting\n", Some("Llanfair Community Council"), "Welsh community councils by pattern"),
            ("CITY OF SPRINGFIELD\nCITY COUNCIL REGULAR MEETING\nRoll Call: Councilmembers present. Motion carried. Mayor Pro Tem.\n", Some("City of Springfield"), "US 'City of X' kept as printed, title-cased"),
            ("Marin County Board of Supervisors\nMinutes\nRoll Call. Motion carried. Consent Agenda.", Some("Marin County"), "a US county board names its county"),
            ("Town of Millbrook\nBoard of Selectmen\nMeeting Minutes\n", Some("Town of Millbrook"), "'Town of X' in mixed case, with little US context"),
            ("MINUTES OF THE REGULAR MEETING OF THE CITY COUNCIL OF THE CITY OF SPRINGFIELD HELD ON MONDAY, MARCH 1, 2021\n\nROLL CALL\nCouncil Members present: Aldana, Burke\n", Some("City of Springfield"), "'the City of X' is named without 'the'"),
            ("Minutes of a meeting of the Policy Committee held at Hove Town Hall\n\nPresent: Councillors Clare, Druitt and Yates.\n", Some("Brighton and Hove City Council"), "a surname in an attendance list is not a place"),
            ("Minutes of the Planning Committee\n\nPresent: Councillor Preston, Councillor Bury\n", None, "people's surnames are not councils"),
            ("Minutes of the Planning Committee\n\nThe chair noted the weather.\n", None, "no council named: null"),
            ("NORTHMOOR METROPOLITAN BOROUGH COUNCIL\n\nMinutes of the Scrutiny Board\n", Some("Northmoor Metropolitan Borough Council"), "a principal council missing from the gazetteer, by the form of its name"),
            ("HUMBERSIDE COUNTY COUNCIL\n\nSOCIAL SERVICES COMMITTEE\n", Some("Humberside County Council"), "an abolished county council"),
            ("Eastbridge County Council - Select Committee\n\n3 May 2022\n", Some("Eastbridge County Council"), "the council before a committee on one line"),
            ("LONDON BOROUGH OF KINGSMERE\n\nMEETING OF THE\n\nCABINET\n", Some("London Borough of Kingsmere"), "'London Borough of X' keeps 'London'"),
            ("Royal Borough of Ashvale\nPlanning Committee\n", Some("Royal Borough of Ashvale"), "'Royal Borough of X'"),
            ("City of Dunmere Council\nLicensing Board\n", Some("City of Dunmere Council"), "'City of X Council'"),
            ("Tarnmouth Council\n\nCabinet\n\n3 May 2022\n", Some("Tarnmouth Council"), "a header line that is only 'X Council'"),
            ("Youth Council\n\nNotes of the meeting\n", None, "a youth council is a body, not a council"),
        ];
        for (text, expected, rule) in cases {
            let (name, conf, _) = council(text);
            assert_eq!(name.as_deref(), *expected, "{rule}");
            if expected.is_some() {
                assert!(
                    conf > 0.3,
                    "{rule}: a found council has a real confidence ({conf})"
                );
            } else {
                assert!(conf == 0.0, "{rule}: nothing found has confidence 0");
            }
        }
    }

    #[test]
    fn a_council_in_the_header_outranks_others_in_the_body() {
        let text = "SANDWELL METROPOLITAN BOROUGH COUNCIL\nCabinet\n\n1. Benchmarking\n\nBirmingham's approach was compared. Birmingham has more staff than Birmingham had. Neighbouring authorities such as Dudley and Walsall agreed.\n";
        let (name, conf, _) = council(text);
        assert_eq!(
            name.as_deref(),
            Some("Sandwell Metropolitan Borough Council"),
            "the header council wins over repeated body mentions of others"
        );
        assert!(
            conf >= 0.9,
            "a council stated in the header is near-certain ({conf})"
        );
    }

    #[test]
    fn body_only_evidence_has_lower_confidence_and_says_so() {
        let text = "Minutes of the Sub-Committee\n\n1. Improvement\n\nMissing children numbers are high in Croydon. The Croydon partnership met. Croydon schools agreed.\n";
        let (name, conf, codes) = council(text);
        assert_eq!(name.as_deref(), Some("London Borough of Croydon"));
        assert!(
            (0.3..=0.7).contains(&conf),
            "body-only evidence is 0.3-0.7, got {conf}"
        );
        assert!(
            codes.contains(&"council_from_body".to_string()),
            "the inference is reported"
        );
    }

    #[test]
    fn us_context_is_recognised() {
        let us = Doc::new(&SourceText::from_plain("CITY OF SPRINGFIELD, Illinois\nRoll Call\nCouncilmember Lee moved. Motion carried. $5,000 approved."));
        assert!(
            us_context(&us),
            "states, roll call and dollars make a US document"
        );
        let uk = Doc::new(&SourceText::from_plain(
            "Present: Councillor Lee (Chair)\nApologies: Cllr Smith\nThe programme costs £5,000.",
        ));
        assert!(
            !us_context(&uk),
            "councillors, apologies and pounds make a UK document"
        );
    }
}
