//! Dates: parsing every way councils write them, and choosing the meeting's own date among the
//! many a text mentions (previous meetings, running headers, report dates, future visits).
//!
//! Parsing finds every date in the text ("24th April, 2017", "MONDAY, 21ST JULY, 2014",
//! "11/10/2016", "Sept. 9, 2019", "THIS 12TH DAY OF JANUARY, 2011", "9 Oct 17", "9 October"
//! with the year taken from the dates around it). Numeric dates are read day-first unless the
//! document is American or its own numeric dates prove month-first (a first part over 12 proves
//! day-first, a second part over 12 month-first).
//!
//! Choosing is scoring: a date in the header block, alone on its line, followed by a start time,
//! after "Date of meeting:" or in the title line "Minutes of the meeting held on…" is this
//! meeting's; a date after "minutes of the previous meeting held on", "next meeting", "due to",
//! "report of", in a running header that repeats on every page, or anywhere in the body is
//! something else's. When nothing scores as this meeting's date, the answer is null, never a
//! mentioned date, with the window the text implies: after the latest date it speaks of as past,
//! before the earliest it speaks of as still to come.

use std::sync::LazyLock;

use chrono::{Datelike, Months, NaiveDate, Weekday};
use regex::{Captures, Regex};

use super::text::{ascii_regex, Doc};
use crate::model::{DateField, DateWindow, Diagnostic};

/// How exactly a mention gives its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Precision {
    Day,
    /// "March 2021": only good for windows and for the year of dates printed without one.
    Month,
}

/// A date found in a text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DateMention {
    /// The (first) day meant.
    pub date: NaiveDate,
    /// The last day meant: the end of a range ("7 and 8 September") or of a month.
    pub last: NaiveDate,
    pub precision: Precision,
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
    /// Whether the weekday printed with the date agrees with it (None: no weekday printed).
    pub weekday_ok: Option<bool>,
    /// The year was printed (not inferred from the dates around it).
    pub year_given: bool,
}

/// How to read `03/04/2017`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumericOrder {
    /// UK and Ireland: 3 April.
    DayFirst,
    /// United States: March 4.
    MonthFirst,
}

const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
const WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun";

static DMY: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"(?i)\b(?:(?P<wd>{WEEKDAYS})\.?,?\s+)?(?:(?:the|this)\s+)?(?:(?P<d0>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:and|&|-|to)\s*)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?(?:\s+day)?(?:\s+of)?\s+(?P<m>{MONTHS})\b\.?(?:,?\s*(?P<y>\d{{4}})\b|\s+(?P<q>')?(?P<y2>\d{{2}})\b)?"
    ))
    .expect("day-month-year pattern is valid")
});

static MDY: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"(?i)\b(?:(?P<wd>{WEEKDAYS})\.?,?\s+)?(?P<m>{MONTHS})\b\.?\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*(?:-|and|&|to|through)\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<y>\d{{4}})\b)?"
    ))
    .expect("month-day-year pattern is valid")
});

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\b(?:(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.?,?\s+)?(?P<a>\d{1,2})(?P<s1>[/.-])(?P<b>\d{1,2})(?P<s2>[/.-])(?P<y>\d{4}|\d{2})\b",
    )
    .expect("numeric date pattern is valid")
});

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")
        .expect("ISO date pattern is valid")
});

static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"(?i)\b(?P<m>{MONTHS})\b\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b"
    ))
    .expect("month-year pattern is valid")
});

/// Every date in `text`, in order, not overlapping.
pub(crate) fn find_dates(text: &str, order: NumericOrder) -> Vec<DateMention> {
    let mut raw: Vec<Raw> = Vec::new();
    for c in DMY.captures_iter(text) {
        if let Some(r) = dmy(text, &c) {
            raw.push(r);
        }
    }
    for c in MDY.captures_iter(text) {
        if let Some(r) = mdy(&c) {
            raw.push(r);
        }
    }
    for c in NUMERIC.captures_iter(text) {
        if let Some(r) = numeric(text, &c, order) {
            raw.push(r);
        }
    }
    for c in ISO.captures_iter(text) {
        let (Some(m0), Some(y), Some(mo), Some(d)) =
            (c.get(0), num(&c, "y"), num(&c, "m"), num(&c, "d"))
        else {
            continue;
        };
        raw.push(Raw {
            start: m0.start(),
            end: m0.end(),
            year: Some(y as i32),
            month: mo,
            day: d,
            day_last: d,
            weekday: None,
            precision: Precision::Day,
        });
    }
    for c in MONTH_YEAR.captures_iter(text) {
        let (Some(m0), Some(m), Some(y)) = (c.get(0), c.name("m"), num(&c, "y")) else {
            continue;
        };
        if !capitalised(m.as_str()) {
            continue;
        }
        let Some(month) = month_number(m.as_str()) else {
            continue;
        };
        raw.push(Raw {
            start: m0.start(),
            end: m0.end(),
            year: Some(y as i32),
            month,
            day: 1,
            day_last: 31,
            weekday: None,
            precision: Precision::Month,
        });
    }
    // Longest first at each place, then drop overlaps.
    raw.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Raw> = Vec::new();
    for r in raw {
        if kept.last().is_some_and(|k| r.start < k.end) {
            continue;
        }
        kept.push(r);
    }
    resolve_years(kept)
}

/// A date as parsed, before years are filled in and the calendar checked.
#[derive(Debug, Clone)]
struct Raw {
    start: usize,
    end: usize,
    year: Option<i32>,
    month: u32,
    day: u32,
    day_last: u32,
    weekday: Option<Weekday>,
    precision: Precision,
}

fn num(c: &Captures, name: &str) -> Option<u32> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

fn dmy(text: &str, c: &Captures) -> Option<Raw> {
    let m0 = c.get(0)?;
    let m = c.name("m")?;
    if !capitalised(m.as_str()) {
        // "15 may be", "3 march on": a month is written with a capital.
        return None;
    }
    let month = month_number(m.as_str())?;
    let day: u32 = num(c, "d")?;
    let first = num(c, "d0").filter(|d0| *d0 < day).unwrap_or(day);
    let mut end = m0.end();
    let year = if let Some(y) = num(c, "y") {
        Some(y as i32)
    } else if let Some(y2) = c.name("y2") {
        // "9 Oct 17": a two-digit year after an abbreviated month (or with an apostrophe).
        let after = text[y2.end()..].chars().next();
        let abbreviated = m.as_str().trim_end_matches('.').len() <= 4;
        if (abbreviated || c.name("q").is_some()) && !matches!(after, Some(':') | Some('.')) {
            y2.as_str().parse::<i32>().ok().map(two_digit_year)
        } else {
            end = m.end();
            None
        }
    } else {
        None
    };
    let weekday = c.name("wd").and_then(|w| weekday(w.as_str()));
    let start = if c.name("wd").is_some() || c.name("d0").is_some() {
        m0.start()
    } else {
        c.name("d").map(|d| d.start()).unwrap_or(m0.start())
    };
    Some(Raw {
        start,
        end,
        year,
        month,
        day: first,
        day_last: day,
        weekday,
        precision: Precision::Day,
    })
}

fn mdy(c: &Captures) -> Option<Raw> {
    let m0 = c.get(0)?;
    let m = c.name("m")?;
    if !capitalised(m.as_str()) {
        return None;
    }
    let month = month_number(m.as_str())?;
    let day = num(c, "d")?;
    let last = num(c, "d1").filter(|d1| *d1 > day).unwrap_or(day);
    Some(Raw {
        start: m0.start(),
        end: m0.end(),
        year: num(c, "y").map(|y| y as i32),
        month,
        day,
        day_last: last,
        weekday: c.name("wd").and_then(|w| weekday(w.as_str())),
        precision: Precision::Day,
    })
}

fn numeric(text: &str, c: &Captures, order: NumericOrder) -> Option<Raw> {
    let m0 = c.get(0)?;
    let (s1, s2) = (c.name("s1")?.as_str(), c.name("s2")?.as_str());
    let y = c.name("y")?;
    if s1 != s2 || (s1 == "." && y.len() == 2) {
        return None;
    }
    // Part of a longer run of numbers (a version, an IP address, a phone number).
    let before = text[..m0.start()].chars().next_back();
    let after: Vec<char> = text[m0.end()..].chars().take(2).collect();
    if before.is_some_and(|b| b.is_ascii_digit() || b == '/' || b == '.' || b == '-')
        || (after.len() == 2
            && (after[0] == '/' || after[0] == '.' || after[0] == '-')
            && after[1].is_ascii_digit())
    {
        return None;
    }
    let (a, b) = (num(c, "a")?, num(c, "b")?);
    let (day, month) = match order {
        NumericOrder::DayFirst if a <= 31 && b <= 12 => (a, b),
        NumericOrder::MonthFirst if a <= 12 && b <= 31 => (b, a),
        // The order is proved wrong by this date itself (13/25 cannot be either way round).
        _ if a > 12 && b <= 12 => (a, b),
        _ if b > 12 && a <= 12 => (b, a),
        _ => return None,
    };
    let year: i32 = y.as_str().parse().ok()?;
    let year = if y.len() == 2 {
        two_digit_year(year)
    } else {
        year
    };
    Some(Raw {
        start: m0.start(),
        end: m0.end(),
        year: Some(year),
        month,
        day,
        day_last: day,
        weekday: c.name("wd").and_then(|w| weekday(w.as_str())),
        precision: Precision::Day,
    })
}

fn two_digit_year(y: i32) -> i32 {
    if y < 70 {
        2000 + y
    } else {
        1900 + y
    }
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    let key = n.get(..3)?;
    Some(match key {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

fn weekday(name: &str) -> Option<Weekday> {
    let n = name.to_lowercase();
    Some(match n.get(..3)? {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// Fill in years not printed ("9 October") from the nearest dates that have one, preferring a
/// year that agrees with a printed weekday; check every date against the calendar.
fn resolve_years(raw: Vec<Raw>) -> Vec<DateMention> {
    let years: Vec<(usize, i32)> = raw
        .iter()
        .filter_map(|r| r.year.map(|y| (r.start, y)))
        .collect();
    let mut out = Vec::with_capacity(raw.len());
    for r in raw {
        let year_given = r.year.is_some();
        let year = match r.year {
            Some(y) => y,
            None => {
                let before = years.iter().rev().find(|(s, _)| *s < r.start);
                let after = years.iter().find(|(s, _)| *s > r.start);
                let Some(&(_, ctx)) = before.or(after) else {
                    continue;
                };
                match r.weekday {
                    Some(wd) => [ctx, ctx + 1, ctx - 1]
                        .into_iter()
                        .find(|y| {
                            NaiveDate::from_ymd_opt(*y, r.month, r.day)
                                .is_some_and(|d| d.weekday() == wd)
                        })
                        .unwrap_or(ctx),
                    None => ctx,
                }
            }
        };
        if !(1950..=2100).contains(&year) {
            continue;
        }
        let Some(date) = NaiveDate::from_ymd_opt(year, r.month, r.day) else {
            continue;
        };
        let last = match r.precision {
            Precision::Month => date
                .checked_add_months(Months::new(1))
                .and_then(|d| d.pred_opt())
                .unwrap_or(date),
            Precision::Day => NaiveDate::from_ymd_opt(year, r.month, r.day_last).unwrap_or(date),
        };
        out.push(DateMention {
            date,
            last,
            precision: r.precision,
            start: r.start,
            end: r.end,
            weekday_ok: r.weekday.map(|w| date.weekday() == w),
            year_given,
        });
    }
    out
}

/// Decide the numeric order for a document: its own dates prove it when they can (a part over
/// 12), otherwise American documents are month-first and all others day-first.
pub(crate) fn numeric_order(text: &str, us: bool) -> NumericOrder {
    let (mut day_first, mut month_first) = (0, 0);
    for c in NUMERIC.captures_iter(text) {
        let (Some(a), Some(b)) = (num(&c, "a"), num(&c, "b")) else {
            continue;
        };
        if a > 12 && b <= 12 {
            day_first += 1;
        } else if b > 12 && a <= 12 {
            month_first += 1;
        }
    }
    if day_first > month_first {
        NumericOrder::DayFirst
    } else if month_first > day_first || us {
        NumericOrder::MonthFirst
    } else {
        NumericOrder::DayFirst
    }
}

/// The meeting's own date, or null with the window the text implies.
pub fn meeting_date(doc: &Doc, diagnostics: &mut Vec<Diagnostic>) -> DateField {
    let text = &doc.norm.text;
    let order = numeric_order(text, super::council::us_context(doc));
    let mentions = find_dates(text, order);
    let header_end = doc.header_end();
    let repeated = doc.repeated_lines();
    // The first two lines of text after the header: narrative minutes open there ("A meeting
    // of the Parish Council was held on…").
    let opening: Vec<usize> = (header_end..doc.lines.len())
        .filter(|&i| !doc.lines[i].is_blank())
        .take(2)
        .collect();

    let mut candidates: Vec<Candidate> = Vec::new();
    let mut first_in_header = true;
    for m in mentions.iter().filter(|m| m.precision == Precision::Day) {
        let li = doc.line_at(m.start);
        let line = &doc.lines[li];
        let line_text = &text[line.start..line.end];
        let before = sentence_before(&text[line.start..m.start.max(line.start)]);
        let after = &text[m.end.min(line.end)..line.end];
        let in_header = li < header_end;
        let mut score: f32 = if in_header {
            3.0
        } else if opening.contains(&li) {
            0.5
        } else {
            -1.0
        };
        if in_header && first_in_header {
            score += 1.0;
            first_in_header = false;
        }
        // In the body a sentence may run over from the lines above (wrapped PDF text).
        let wide = if in_header {
            before.to_string()
        } else {
            wide_before(doc, li, m.start)
        };
        score += cue_score(
            &wide, before, after, line_text, m, in_header, li, header_end,
        );
        if repeated[li] {
            score -= if in_header { 1.0 } else { 2.0 };
        }
        candidates.push(Candidate {
            mention: m.clone(),
            score,
            header: in_header,
            line: Some(li),
            outside: None,
            page: line.page,
        });
    }
    // Running headers ingest removed, and the document's title: weak header evidence.
    let mut outside: Vec<(u32, String, f32)> = Vec::new();
    for (page, line) in &doc.removed {
        if !outside.iter().any(|o| o.1 == *line) {
            outside.push((*page, line.clone(), 1.5));
        }
    }
    if let Some(t) = &doc.title {
        outside.push((1, crate::normalize::normalize(t), 2.5));
    }
    for (page, line, base) in outside {
        for m in find_dates(&line, order)
            .into_iter()
            .filter(|m| m.precision == Precision::Day)
        {
            let before = sentence_before(&line[..m.start]);
            let after = &line[m.end..];
            let score = base + cue_score(before, before, after, &line, &m, true, 1, 2);
            candidates.push(Candidate {
                mention: m,
                score,
                header: true,
                line: None,
                outside: Some(line.clone()),
                page,
            });
        }
    }

    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.mention.start.cmp(&b.mention.start))
    });
    let chosen = candidates.first().filter(|c| c.score >= 3.0).cloned();
    let Some(best) = chosen else {
        if let Some(field) = running_date(doc, order, diagnostics) {
            return field;
        }
        return undated(doc, &mentions, diagnostics);
    };

    // A different date nearly as well supported makes the choice doubtful.
    let rival = candidates.iter().skip(1).find(|c| {
        c.mention.date != best.mention.date && c.score >= best.score - 1.0 && c.score >= 3.0
    });
    let mut confidence: f32 = match best.score {
        s if s >= 6.0 => 0.95,
        s if s >= 4.5 => 0.9,
        _ => 0.8,
    };
    if !best.header {
        confidence = 0.5;
        diagnostics.push(Diagnostic::info(
            "date_from_body",
            format!(
                "No date is stated in the header; {} is read from the body text.",
                best.mention.date
            ),
        ));
    } else if best.line.is_none() {
        confidence = confidence.min(0.75);
    }
    if !best.mention.year_given {
        confidence *= 0.8;
    }
    if let Some(r) = rival {
        confidence *= 0.7;
        diagnostics.push(Diagnostic::warning(
            "date_ambiguous",
            format!(
                "The text gives {} and {} about equally as the meeting's date; {} was chosen.",
                best.mention.date, r.mention.date, best.mention.date
            ),
        ));
    }
    let (evidence, span) = match (best.line, &best.outside) {
        (Some(_), _) => {
            let span = doc.span(best.mention.start, best.mention.end);
            (Some(doc.original_text(span).to_string()), Some(span))
        }
        (None, Some(line)) => (
            Some(line[best.mention.start..best.mention.end].to_string()),
            None,
        ),
        (None, None) => (None, None),
    };
    DateField {
        date: Some(best.mention.date),
        confidence,
        evidence,
        page: Some(best.page),
        span,
        window: None,
    }
}

/// When nothing states the meeting's date, its running headers or footers may: one date on
/// every page ("Audit and Risk Committee - 14 February 2024 - Page 2 of 3"), in lines that repeat with
/// only their numbers changing, or in the lines ingest removed as running headers and footers.
/// Only a date repeated more often than any other is taken, with a low confidence.
fn running_date(
    doc: &Doc,
    order: NumericOrder,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<DateField> {
    let masked = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect::<String>()
            .to_lowercase()
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let short = |s: &str| (2..=20).contains(&s.split_whitespace().count());
    for line in doc
        .lines
        .iter()
        .filter(|l| !l.is_blank() && short(&l.plain))
    {
        *counts.entry(masked(&line.plain)).or_default() += 1;
    }
    // (date, line index in the text or None, the words, page)
    let mut seen: Vec<(NaiveDate, Option<usize>, DateMention, String, u32)> = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        if line.is_blank() || !short(&line.plain) {
            continue;
        }
        if counts.get(&masked(&line.plain)).copied().unwrap_or(0) < 2 {
            continue;
        }
        for m in find_dates(&line.plain, order) {
            if m.precision == Precision::Day && m.year_given {
                seen.push((m.date, Some(i), m, line.plain.clone(), line.page));
            }
        }
    }
    for (page, line) in &doc.removed {
        for m in find_dates(line, order) {
            if m.precision == Precision::Day && m.year_given {
                seen.push((m.date, None, m, line.clone(), *page));
            }
        }
    }
    let mut tally: Vec<(NaiveDate, usize)> = Vec::new();
    for (d, ..) in &seen {
        match tally.iter_mut().find(|(t, _)| t == d) {
            Some((_, n)) => *n += 1,
            None => tally.push((*d, 1)),
        }
    }
    tally.sort_by_key(|t| std::cmp::Reverse(t.1));
    let (date, n) = *tally.first()?;
    if n < 2 || tally.get(1).is_some_and(|(_, m)| *m == n) {
        return None;
    }
    let (_, line, m, words, page) = seen.into_iter().find(|(d, ..)| *d == date)?;
    diagnostics.push(Diagnostic::info(
        "date_from_running_header",
        format!(
            "No date is stated in the text; {date} is read from its running headers or footers."
        ),
    ));
    let (evidence, span) = match line {
        Some(li) => {
            let start = doc.lines[li].start + m.start;
            let span = doc.span(start, start + (m.end - m.start));
            (Some(doc.original_text(span).to_string()), Some(span))
        }
        None => (Some(words[m.start..m.end].to_string()), None),
    };
    Some(DateField {
        date: Some(date),
        confidence: 0.55,
        evidence,
        page: Some(page),
        span,
        window: None,
    })
}

#[derive(Debug, Clone)]
struct Candidate {
    mention: DateMention,
    score: f32,
    header: bool,
    /// The line in the text, or None for a running header or title.
    line: Option<usize>,
    outside: Option<String>,
    page: u32,
}

/// The words before a date in its sentence, reaching back over up to two lines the sentence is
/// wrapped across (a blank line or a line ending a sentence stops it).
fn wide_before(doc: &Doc, li: usize, at: usize) -> String {
    let text = &doc.norm.text;
    let line = &doc.lines[li];
    let mut parts = vec![&text[line.start..at.clamp(line.start, line.end)]];
    let mut k = li;
    while k > 0 && li - k < 2 {
        let prev = &doc.lines[k - 1];
        if prev.is_blank() || prev.plain.ends_with(['.', ':', ';', '?', '!']) {
            break;
        }
        parts.push(prev.plain.as_str());
        k -= 1;
    }
    parts.reverse();
    sentence_before(&parts.join(" ")).to_string()
}

/// The words after a date to the end of its sentence, over at most one wrapped line.
fn wide_after(doc: &Doc, li: usize, at: usize) -> String {
    let text = &doc.norm.text;
    let line = &doc.lines[li];
    let mut after = text[at.clamp(line.start, line.end)..line.end].to_string();
    if !after.trim_end().ends_with(['.', ':', ';', '?', '!']) {
        if let Some(next) = doc.lines.get(li + 1).filter(|l| !l.is_blank()) {
            after.push(' ');
            after.push_str(&next.plain);
        }
    }
    after
}

/// The part of `before` in the same sentence as the date.
fn sentence_before(before: &str) -> &str {
    let cut = SENTENCE_END
        .find_iter(before)
        .last()
        .map(|m| m.end())
        .unwrap_or(0);
    &before[cut..]
}

/// What the words around a date say about whether it is this meeting's.
#[allow(clippy::too_many_arguments)]
fn cue_score(
    cues_before: &str,
    before: &str,
    after: &str,
    line: &str,
    m: &DateMention,
    in_header: bool,
    line_index: usize,
    header_end: usize,
) -> f32 {
    let mut score = 0.0;
    let sentence = format!("{cues_before} {after}");
    let numbered = super::text::is_item_heading(line.trim_start_matches(['#', '*', ' ']));
    if MINUTES_REF.is_match(cues_before) {
        // "Minutes of the meeting held on…" as the document's own title line is this meeting;
        // as an item ("18. Minutes of the meeting held on…") or with "previous" it is another.
        if in_header && !numbered && !PREVIOUS.is_match(cues_before) && line_index < header_end {
            score += 2.0;
        } else {
            score -= 3.5;
        }
    } else if HELD_ON.is_match(cues_before) {
        score += if in_header { 2.0 } else { 3.5 };
    }
    if LABEL.is_match(before) {
        score += 3.0;
    }
    if RECORD.is_match(&sentence) {
        score -= 3.0;
    }
    if let Some(cue) = OTHER_EVENT.find_iter(cues_before).last() {
        // Only cues close to the date count ("inspectors are expected back on 12 October").
        if cues_before.len() - cue.end() <= 60 {
            score -= 2.5;
        }
    }
    if TIME_AFTER.is_match(after) {
        score += 1.5;
    } else if TIME_ANY.is_match(line) {
        score += 0.5;
    }
    // A line that is (nearly) only the date: "16TH JANUARY 2015", "26th April, 2018 at 4pm".
    let rest = format!("{before} {after}");
    let rest = TIME_ANY.replace_all(&rest, " ");
    let words = rest
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() > 1 && !FILLER.contains(&w.to_lowercase().as_str()))
        .count();
    if words <= 1 {
        score += 1.5;
    } else if words <= 3 {
        score += 0.5;
    }
    match m.weekday_ok {
        Some(true) => score += 0.5,
        Some(false) => score -= 1.0,
        None => {}
    }
    if !m.year_given {
        score -= 0.5;
    }
    score
}

/// Words that may stand beside a meeting date on its line without making the line prose.
const FILLER: &[&str] = &[
    "at",
    "on",
    "the",
    "held",
    "date",
    "of",
    "meeting",
    "pm",
    "am",
    "and",
    "day",
    "this",
    "in",
    "commencing",
    "starting",
    "time",
    "from",
    "to",
    "until",
    "hrs",
];

static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"[.!?;]\s+|\s\(|:\s+-").expect("sentence-end pattern is valid"));

static MINUTES_REF: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\bminutes\s+of\b|\b(?:previous|last|prior|earlier|preceding)\s+(?:\w+\s+){0,2}meeting").expect("minutes-reference pattern is valid")
});

static PREVIOUS: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:previous|last|prior|earlier|preceding)\b")
        .expect("previous pattern is valid")
});

static HELD_ON: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:meeting|council|committee|board|cabinet|panel|session)\b[^.;]{0,120}\b(?:held|took place|convened|sat|met|commenced|called to order)\b[^.;]{0,80}?\bon\s*(?:the\s+)?$|^\s*(?:held|took place)\s+on\s*(?:the\s+)?$")
        .expect("held-on pattern is valid")
});

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)(?:^|\b)(?:date(?:\s+of\s+(?:the\s+)?meeting)?|meeting\s+date|date\s+and\s+time|when)\s*[:\-–]?\s*$")
        .expect("date label pattern is valid")
});

static RECORD: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:correct|accurate|true)\s+record\b|\bconfirmed\s+as\b|\bapproved\s+as\b|\bsigned\s+(?:by|as)\b")
        .expect("record pattern is valid")
});

/// Cues that a date belongs to another event: a future one, a report, a deadline.
static OTHER_EVENT: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:next|future|following|forthcoming|subsequent|upcoming|proposed|previous|last|prior)\s+(?:\w+\s+){0,2}(?:meeting|visit|inspection|session|report)s?\b|\b(?:due|will|would|shall|expected|scheduled|planned|deadline|by|until|before|after|from|since|between|dated|published|issued|received|report(?:ed)?\s+(?:of|on|dated)|letter\s+(?:of|dated|on)|inspection\s+(?:of|on|in)|visit\s+(?:on|of)|as\s+(?:at|of)|w/c|week\s+commencing|ending|ended|born|effective|starting|commencing\s+on)\b")
        .expect("other-event pattern is valid")
});

static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)^\W{0,3}(?:at|@|from|commencing(?:\s+at)?|starting(?:\s+at)?|beginning(?:\s+at)?|time:?|-|–)?\s*(?:\d{1,2}(?:[.:]\d{2})?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?|hrs|hours|noon)|\d{1,2}[:.]\d{2}\b|noon|midday)")
        .expect("time-after pattern is valid")
});

static TIME_ANY: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\b\d{1,2}(?:[.:]\d{2})?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?|hrs\b)|\b\d{1,2}:\d{2}\b",
    )
    .expect("time pattern is valid")
});

/// Whether the text speaks of a date as past or still to come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
}

static PAST_CUES: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:had|has been|have been|was|were|since|last|previous|prior|recent|recently|most recent|ago|took place|held|received|published|dated|reported|earlier|went live|gone live|started|began|commenced|completed|concluded|ended|visited|inspected|met|attended|approved|agreed|confirmed|launched|introduced|opened|closed)\b")
        .expect("past cues pattern is valid")
});

static FUTURE_CUES: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:(?:will|would|shall|to|is\s+to|are\s+to)\s+(?:not\s+)?be\s+\w+|will|would|shall|due|next|forthcoming|upcoming|scheduled|intends?|going to|to be held|to be|by|until|no later than|deadline|future|aim|aims|aiming)\b")
        .expect("future cues pattern is valid")
});

/// Words that speak of the future only when nothing plainer does: "the proposed priorities"
/// are an adjective's, "had endorsed" is the verb that dates the meeting.
static FUTURE_WEAK: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:planned|expected|intended|proposed|anticipated)\b")
        .expect("weak future cues pattern is valid")
});

/// Whether the words around a date speak of it as past or future: the nearest cue before the
/// date in its sentence decides, else the nearest after it.
pub(crate) fn tense(before: &str, after: &str) -> Option<Tense> {
    let before = sentence_before(before);
    let past = PAST_CUES.find_iter(before).last().map(|m| m.end());
    let future = FUTURE_CUES
        .find_iter(before)
        .last()
        .map(|m| m.end())
        .or_else(|| {
            past.is_none()
                .then(|| FUTURE_WEAK.find_iter(before).last().map(|m| m.end()))
                .flatten()
        });
    match (past, future) {
        (Some(p), Some(f)) => return Some(if p > f { Tense::Past } else { Tense::Future }),
        (Some(_), None) => return Some(Tense::Past),
        (None, Some(_)) => return Some(Tense::Future),
        (None, None) => {}
    }
    let after: String = after
        .split(['.', ';', '!', '?'])
        .next()
        .unwrap_or("")
        .split_whitespace()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ");
    let past = PAST_CUES.find(&after).map(|m| m.start());
    let future = FUTURE_CUES
        .find(&after)
        .or_else(|| FUTURE_WEAK.find(&after))
        .map(|m| m.start());
    match (past, future) {
        (Some(p), Some(f)) => Some(if p < f { Tense::Past } else { Tense::Future }),
        (Some(_), None) => Some(Tense::Past),
        (None, Some(_)) => Some(Tense::Future),
        (None, None) => None,
    }
}

/// No date stated: null, low confidence, and the window the text implies.
fn undated(doc: &Doc, mentions: &[DateMention], diagnostics: &mut Vec<Diagnostic>) -> DateField {
    let (mut from, mut to): (Option<NaiveDate>, Option<NaiveDate>) = (None, None);
    for m in mentions {
        let li = doc.line_at(m.start);
        let before = wide_before(doc, li, m.start);
        let after = wide_after(doc, li, m.end);
        match tense(&before, &after) {
            // After a past date: at the earliest its first day (a month counts from its start).
            Some(Tense::Past) => {
                let d = if m.precision == Precision::Day {
                    m.last
                } else {
                    m.date
                };
                from = Some(from.map_or(d, |f| f.max(d)));
            }
            // Before a future date: at the latest its first day (a month, its last).
            Some(Tense::Future) => {
                let d = if m.precision == Precision::Day {
                    m.date
                } else {
                    m.last
                };
                to = Some(to.map_or(d, |t| t.min(d)));
            }
            None => {}
        }
    }
    let window = match (from, to) {
        (Some(f), Some(t)) if f > t => {
            diagnostics.push(Diagnostic::warning(
                "date_window_conflict",
                format!(
                    "The text speaks of {f} as past but {t} as still to come; no window is given."
                ),
            ));
            None
        }
        (None, None) => None,
        (f, t) => Some(DateWindow { from: f, to: t }),
    };
    let message = match &window {
        Some(DateWindow { from: Some(f), to: Some(t) }) => format!(
            "The text states no meeting date. It refers to {f} as past and {t} as still to come, so the meeting fell between them."
        ),
        Some(DateWindow { from: Some(f), to: None }) => format!(
            "The text states no meeting date. It refers to {f} as past, so the meeting was later."
        ),
        Some(DateWindow { from: None, to: Some(t) }) => format!(
            "The text states no meeting date. It refers to {t} as still to come, so the meeting was earlier."
        ),
        _ => "The text states no meeting date, and the dates it mentions do not narrow it down.".to_string(),
    };
    diagnostics.push(Diagnostic::warning("date_not_stated", message));
    DateField {
        date: None,
        confidence: 0.0,
        evidence: None,
        page: None,
        span: None,
        window,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceText;

    fn parse(text: &str, order: NumericOrder) -> Vec<String> {
        find_dates(text, order)
            .into_iter()
            .filter(|m| m.precision == Precision::Day)
            .map(|m| m.date.to_string())
            .collect()
    }

    #[test]
    fn dates_are_parsed_in_every_format_councils_use() {
        use NumericOrder::*;
        let cases: &[(&str, NumericOrder, &[&str])] = &[
            ("26th April, 2018 at 4.30 pm", DayFirst, &["2018-04-26"]),
            ("Wednesday 20 September 2017", DayFirst, &["2017-09-20"]),
            ("16TH JANUARY 2015", DayFirst, &["2015-01-16"]),
            ("MONDAY, 20TH JULY, 2015", DayFirst, &["2015-07-20"]),
            ("11/10/2016", DayFirst, &["2016-10-11"]),
            ("11/10/2016", MonthFirst, &["2016-11-10"]),
            ("25/10/2016", MonthFirst, &["2016-10-25"]),
            ("2017-04-24", DayFirst, &["2017-04-24"]),
            ("THIS 12TH DAY OF JANUARY, 2011", DayFirst, &["2011-01-12"]),
            ("the 3rd day of March 2020", DayFirst, &["2020-03-03"]),
            ("Wednesday, 5 February 2020", DayFirst, &["2020-02-05"]),
            ("Sept. 9, 2019", DayFirst, &["2019-09-09"]),
            ("March 9th, 2021", DayFirst, &["2021-03-09"]),
            ("Wednesday, February 5, 2020", DayFirst, &["2020-02-05"]),
            ("on 9 Oct 17 the", DayFirst, &["2017-10-09"]),
            (
                "held on 1 May 2020. Ofsted will visit on 9 October.",
                DayFirst,
                &["2020-05-01", "2020-10-09"],
            ),
            ("7 and 8 September 2021", DayFirst, &["2021-09-07"]),
            ("05.06.2019", DayFirst, &["2019-06-05"]),
        ];
        for (text, order, expected) in cases {
            assert_eq!(
                parse(text, *order),
                expected.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                "{text:?} ({order:?})"
            );
        }
    }

    #[test]
    fn non_dates_are_not_dates() {
        for text in [
            "it may 15 times",
            "item 10/17 and 2016/17 budget",
            "paragraph 9.1.2 and version 1.2.3",
            "call 01922 652756",
            "31/02/2020",
            "Regulation 7 (6) of 2001",
            "15 may be enough",
        ] {
            assert!(
                parse(text, NumericOrder::DayFirst).is_empty(),
                "{text:?} holds no date"
            );
        }
    }

    #[test]
    fn numeric_order_is_decided_per_document() {
        assert_eq!(
            numeric_order("on 25/10/2016 and 03/04/2016", true),
            NumericOrder::DayFirst,
            "a day over 12 proves day-first even in a US document"
        );
        assert_eq!(
            numeric_order("on 10/25/2016 and 03/04/2016", false),
            NumericOrder::MonthFirst,
            "a second part over 12 proves month-first"
        );
        assert_eq!(
            numeric_order("on 03/04/2016", true),
            NumericOrder::MonthFirst,
            "US documents are month-first by default"
        );
        assert_eq!(
            numeric_order("on 03/04/2016", false),
            NumericOrder::DayFirst,
            "UK documents are day-first by default"
        );
    }

    fn meeting(text: &str) -> (Option<String>, f32, Option<DateWindow>, Vec<String>) {
        let doc = Doc::new(&SourceText::from_plain(text));
        let mut diags = Vec::new();
        let f = meeting_date(&doc, &mut diags);
        (
            f.date.map(|d| d.to_string()),
            f.confidence,
            f.window,
            diags.into_iter().map(|d| d.code).collect(),
        )
    }

    #[test]
    fn the_meeting_date_is_chosen_over_other_dates() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            ("Minutes of the Board\n\n26th April, 2018 at 4.30 pm\nat the Civic Offices\n\n12/18 Minutes\n\nResolved that the notes of the sitting on 22nd March, 2018 be agreed as accurate.\n\nThe Board 22nd March 2018\n\ntext\n\nThe Board 22nd March 2018\n", Some("2018-04-26"), "a header date with a time beats a previous meeting and a running header"),
            ("MEETING OF THE\n\nFAMILIES SCRUTINY PANEL\n\nNotes of the panel meeting held on Thursday 21 September 2017 at 6.45pm\n\nB14/17 Notes of the panel meeting held on Wednesday 14 June 2017\n\nThe inspectors' letter of 5 September 2017 said more. They are expected to return on 11 October.\n", Some("2017-09-21"), "'held on' in the title line is this meeting"),
            ("KIRKHOLM METROPOLITAN BOROUGH COUNCIL\n\nCABINET\n\n16TH JANUARY 2015\n\n21. Present: Councillors A and B.\n\n24. Minutes of the meeting held on 14th November 2014\n", Some("2015-01-16"), "an ALL-CAPS date line in the header"),
            ("Planning Committee\n\nDate of meeting: 11/10/2016\n\n1. Minutes\n", Some("2016-10-11"), "'Date of meeting:' label, day-first"),
            ("CITY OF SPRINGFIELD\nCITY COUNCIL MINUTES\n03/09/2021\nRoll Call: Councilmembers present. Motion carried. Mayor Pro Tem.\n", Some("2021-03-09"), "US documents read numeric dates month-first"),
            ("A meeting of the Parish Council was held on Monday 3rd May 2021 at 7.30pm in the Village Hall.\n\nPresent: Cllrs A, B and C.\n", Some("2021-05-03"), "a narrative opening line"),
            ("Cabinet\n\n1. Budget\n\nThe next meeting will be held on 5 June 2022. The report of 3 March 2022 was noted.\n", None, "future and report dates in the body are never the meeting date"),
        ];
        for (text, expected, rule) in cases {
            let (date, conf, _, _) = meeting(text);
            assert_eq!(date.as_deref(), *expected, "{rule}");
            if expected.is_some() {
                assert!(
                    conf >= 0.8,
                    "{rule}: a date stated in the header is trusted ({conf})"
                );
            }
        }
    }

    #[test]
    fn a_date_only_in_running_footers_is_the_meeting_date() {
        let text = "AUDIT AND RISK COMMITTEE\n\nPresent: Cllr A\n\n1. Minutes\n\nThe record of the sitting on 22 November 2023 was signed.\n\nAudit and Risk Committee - 14 February 2024 - Page 1 of 2\n\n2. Risks\n\nThe next meeting will be held on 24 April 2024.\n\nAudit and Risk Committee - 14 February 2024 - Page 2 of 2\n";
        let (date, conf, _, codes) = meeting(text);
        assert_eq!(
            date.as_deref(),
            Some("2024-02-14"),
            "the footer's date, repeated on every page"
        );
        assert!(
            conf < 0.7,
            "a date read from footers is not certain ({conf})"
        );
        assert!(
            codes.contains(&"date_from_running_header".to_string()),
            "the source is reported"
        );
        let (date, ..) =
            meeting("Cabinet\n\n1. Budget\n\nThe next meeting will be held on 5 June 2022.\n");
        assert_eq!(date, None, "no running header, no date");
    }

    #[test]
    fn an_undated_text_gives_a_window_from_past_and_future_references() {
        let text = "Agenda item\n\nFostering Update\n\nMinutes:\n\n9.1 The Director said the latest conversation with inspectors on 16 June 2021 had gone well. Since March 2021 the service had grown.\n\n9.2 A new pay scheme would start on 1 July 2021 and the next inspection visit is due on 7 and 8 September 2021.\n";
        let (date, conf, window, codes) = meeting(text);
        assert_eq!(
            date, None,
            "no mentioned date is promoted to the meeting date"
        );
        assert_eq!(conf, 0.0, "no date means no confidence");
        assert_eq!(
            window,
            Some(DateWindow {
                from: NaiveDate::from_ymd_opt(2021, 6, 16),
                to: NaiveDate::from_ymd_opt(2021, 7, 1),
            }),
            "the window runs from the latest past date to the earliest future one"
        );
        assert!(
            codes.contains(&"date_not_stated".to_string()),
            "the missing date is reported"
        );
    }

    #[test]
    fn tense_reads_sentences_wrapped_over_lines() {
        let text = "Agenda item\n\nMinutes:\n\n9.1 The last check-in with the regulator on\n16 June 2021 had gone well. A revised carers' allowance would go live on\n1 July 2021 and this was welcomed.\n";
        let (date, _, window, _) = meeting(text);
        assert_eq!(date, None);
        assert_eq!(
            window,
            Some(DateWindow {
                from: NaiveDate::from_ymd_opt(2021, 6, 16),
                to: NaiveDate::from_ymd_opt(2021, 7, 1),
            }),
            "cues on the line above a wrapped date still count"
        );
    }

    #[test]
    fn tense_is_read_from_the_nearest_cue() {
        let cases = [
            (
                "our most recent talk on ",
                " had gone well",
                Some(Tense::Past),
            ),
            (
                "a new scheme would go live on ",
                " and this seemed good",
                Some(Tense::Future),
            ),
            ("the next visit is ", "", Some(Tense::Future)),
            (
                "the Committee had endorsed the proposed priorities at its meeting on ",
                "",
                Some(Tense::Past),
            ),
            ("the proposed start date is ", "", Some(Tense::Future)),
            ("systems that had gone live on ", "", Some(Tense::Past)),
            ("on ", "", None),
        ];
        for (before, after, expected) in cases {
            assert_eq!(tense(before, after), expected, "{before:?} DATE {after:?}");
        }
    }
}
