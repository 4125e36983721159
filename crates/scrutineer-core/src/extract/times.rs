//! Start and end times, and the venue.
//!
//! The start time stands in the header beside the date ("24th April, 2017 at 5.00 pm"), after a
//! label ("Time: 7pm") or in an opening sentence ("The meeting commenced at 10:00 a.m.",
//! "called to order at 7:02 p.m."); the end time is near the end ("(Meeting ended 6:26pm)",
//! "The meeting closed at 9.15pm", "terminated at", "adjourned at"). Both are written as 24-hour
//! `HH:MM`. The venue is read from the header block only: a labelled line ("Venue:", "Place:",
//! "Held at:"), "held at/in the…" in the title line, a line beginning "at the…", or a remote
//! meeting ("via Microsoft Teams").

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::text::{ascii_regex, Doc};

/// When and where the meeting sat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sitting {
    /// `HH:MM`, 24-hour.
    pub start: Option<String>,
    /// `HH:MM`, 24-hour.
    pub end: Option<String>,
    pub venue: Option<String>,
}

/// Find the start time, end time and venue.
pub fn find(doc: &Doc) -> Sitting {
    let header_end = doc.header_end();
    let mut start = start_time(doc, header_end);
    let mut end = end_time(doc);
    // "Time: 10:00 a.m. - 1:10 p.m." in the header, "(Duration of meeting: 10.30 am - 1.15 pm)"
    // anywhere: a range gives whichever end is still missing.
    if end.is_none() || start.is_none() {
        if let Some((s, e)) = time_range(doc, header_end) {
            start = start.or(Some(s));
            end = end.or(Some(e));
        }
    }
    // "Closed at 9.15" after a 6.30pm start is 21:15: an end before the start is in the
    // afternoon or evening.
    if let (Some(s), Some(e)) = (&start, &end) {
        if e < s {
            if let Some(h) = e
                .get(..2)
                .and_then(|h| h.parse::<u32>().ok())
                .filter(|h| *h < 12)
            {
                end = Some(format!("{:02}{}", h + 12, &e[2..]));
            }
        }
    }
    Sitting {
        start,
        end,
        venue: venue(doc, header_end),
    }
}

/// A clock time: "5.00 pm", "6.30pm", "10:00 a.m.", "18:00", "7pm", "noon", "18.00 hrs".
const TIME: &str = r"(?:(?P<h>\d{1,2})(?:[.:](?P<m>[0-5]\d))?\s*(?P<ap>a\.?\s?m\b\.?|p\.?\s?m\b\.?)|(?P<h24>[01]?\d|2[0-3])[:.](?P<m24>[0-5]\d)(?:\s*(?:hrs|hours|h)\b)?|(?P<noon>(?:12\s*)?(?:noon|midday)))";

static START_CUE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"(?i)\b(?:commenced|commencing|started|starting|start(?:\s+time)?|began|beginning|opened|convened|called\s+(?:the\s+meeting\s+)?to\s+order|met(?:\s+in\s+(?:regular|special|adjourned|emergency|closed|open)\s+session)?|time\s+of\s+meeting|meeting\s+time|time)\b[^.\n\d]{{0,40}}?(?:\bat\b|:|-)?\s*(?:the\s+)?(?:hour\s+of\s+)?{TIME}"
    ))
    .expect("start-cue pattern is valid")
});

static HEADER_TIME: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"(?i)(?:^|\b(?:at|@|from)\s+|[,;–-]\s*|\s)\(?{TIME}"
    ))
    .expect("header time pattern is valid")
});

static END_CUE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"(?i)\b(?:ended|closed|close|finished|terminated|concluded|adjourned|adjourn|rose|end(?:ed)?\s+at|closure)\b[^.\n]{{0,25}}?{TIME}"
    ))
    .expect("end-cue pattern is valid")
});

static END_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:meeting|council|committee|board|cabinet|panel|session|business|proceedings|sub-committee|motion)\b")
        .expect("end-context pattern is valid")
});

/// A time as `HH:MM`, 24-hour, unless the digits are part of a date or a longer number
/// ("11.10.2016", "9.1.2").
fn clock_in(hay: &str, c: &Captures) -> Option<String> {
    let m0 = c.get(0)?;
    let digits_start = ["h", "h24"]
        .iter()
        .find_map(|n| c.name(n))
        .map(|m| m.start());
    if let Some(ds) = digits_start {
        let before = hay[..ds].chars().next_back();
        if before.is_some_and(|b| b.is_ascii_digit() || b == '.' || b == '/') {
            return None;
        }
    }
    let mut after = hay[m0.end()..].chars();
    if let (Some(a), Some(b)) = (after.next(), after.next()) {
        if matches!(a, '.' | '/' | '-' | ':') && b.is_ascii_digit() {
            return None;
        }
    }
    clock(c)
}

/// A time as `HH:MM`, 24-hour. A time without am/pm is read as the afternoon or evening for
/// hours 1 to 7 (meetings do not start at 6.30 in the morning).
fn clock(c: &Captures) -> Option<String> {
    if c.name("noon").is_some() {
        return Some("12:00".to_string());
    }
    if let Some(h) = c.name("h").and_then(|m| m.as_str().parse::<u32>().ok()) {
        let m: u32 = c
            .name("m")
            .and_then(|m| m.as_str().parse().ok())
            .unwrap_or(0);
        let pm = c
            .name("ap")
            .is_some_and(|ap| ap.as_str().to_lowercase().starts_with('p'));
        if !(1..=12).contains(&h) {
            return None;
        }
        let h24 = match (pm, h) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
        return Some(format!("{h24:02}:{m:02}"));
    }
    let h: u32 = c.name("h24")?.as_str().parse().ok()?;
    let m: u32 = c.name("m24")?.as_str().parse().ok()?;
    let h = if (1..=7).contains(&h) { h + 12 } else { h };
    (h < 24).then(|| format!("{h:02}:{m:02}"))
}

fn start_time(doc: &Doc, header_end: usize) -> Option<String> {
    let text = &doc.norm.text;
    // An explicit cue anywhere on the first page beats a bare time in the header.
    let first_page = doc.lines.first().map(|l| l.page).unwrap_or(1);
    let page_end = doc
        .lines
        .iter()
        .find(|l| l.page != first_page)
        .map(|l| l.start)
        .unwrap_or(text.len());
    let first_page_text = &text[..page_end];
    if let Some(t) = START_CUE
        .captures_iter(first_page_text)
        .find_map(|c| clock_in(first_page_text, &c))
    {
        return Some(t);
    }
    for line in header_lines(doc, header_end) {
        if super::text::is_prose(&line) && !line.to_lowercase().contains("held") {
            continue;
        }
        if let Some(t) = HEADER_TIME
            .captures_iter(&line)
            .find_map(|c| clock_in(&line, &c))
        {
            return Some(t);
        }
    }
    for (_, line) in &doc.removed {
        if let Some(t) = HEADER_TIME
            .captures_iter(line)
            .find_map(|c| clock_in(line, &c))
        {
            return Some(t);
        }
    }
    // After a cover page, or in the closing line: "The meeting began at 6.30pm.", "The meeting
    // commenced at 11.00 am and concluded at 4.15 pm".
    for line in doc.lines.iter().filter(|l| !l.is_blank()) {
        for c in START_CUE.captures_iter(&line.plain) {
            let Some(m0) = c.get(0) else { continue };
            let before = tail(&line.plain[..m0.start()], 60);
            let called = m0.as_str().to_lowercase().contains("order");
            if called || END_CONTEXT.is_match(before) {
                if let Some(t) = clock_in(&line.plain, &c) {
                    return Some(t);
                }
            }
        }
    }
    None
}

static TIME_ONLY: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(&format!(r"(?i){TIME}")).expect("time pattern is valid"));

static RANGE_GAP: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)^\s*(?:-|–|—|to|until|till)\s*$").expect("range gap pattern is valid")
});

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\b(?:duration\s+of\s+(?:the\s+)?meeting|meeting\s+duration|meeting\s+times?)\b",
    )
    .expect("duration pattern is valid")
});

/// A start and end written as a range on one line: in the header block, or anywhere after
/// "Duration of meeting".
fn time_range(doc: &Doc, header_end: usize) -> Option<(String, String)> {
    // A line that is only the range (and perhaps "CHAIRMAN") stands in the signature block.
    let bare_range =
        |p: &str| p.split_whitespace().count() <= 6 && TIME_ONLY.find_iter(p).count() >= 2;
    let lines = doc.lines.iter().enumerate().filter(|(i, l)| {
        !l.is_blank() && (*i < header_end || DURATION.is_match(&l.plain) || bare_range(&l.plain))
    });
    for (_, line) in lines {
        let p = &line.plain;
        let times: Vec<(usize, usize, String)> = TIME_ONLY
            .captures_iter(p)
            .filter_map(|c| {
                let m = c.get(0)?;
                Some((m.start(), m.end(), clock_in(p, &c)?))
            })
            .collect();
        for w in times.windows(2) {
            if RANGE_GAP.is_match(&p[w[0].1..w[1].0]) {
                return Some((w[0].2.clone(), w[1].2.clone()));
            }
        }
    }
    None
}

/// The last `n` bytes of `s` or a little fewer, cut on a character boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut from = s.len().saturating_sub(n);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..]
}

fn end_time(doc: &Doc) -> Option<String> {
    let mut found = None;
    for line in doc.lines.iter().filter(|l| !l.is_blank()) {
        for c in END_CUE.captures_iter(&line.plain) {
            let Some(m0) = c.get(0) else { continue };
            let before = tail(&line.plain[..m0.start()], 60);
            let short = line.plain.split_whitespace().count() <= 8;
            if !(short || END_CONTEXT.is_match(before) || END_CONTEXT.is_match(m0.as_str())) {
                continue;
            }
            if let Some(t) = clock_in(&line.plain, &c) {
                // The last end cue in the document wins (an adjournment mid-meeting comes
                // before the close).
                found = Some(t);
            }
        }
    }
    found
}

static VENUE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)^(?:venue|place|location|held\s+at|meeting\s+(?:venue|place|location)|where)\s*[:\-–]\s*(.+)$")
        .expect("venue label pattern is valid")
});

static HELD_AT: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\b(?:held|meeting|convened|sitting|took place)\s+(?:at|in)\s+(?:the\s+)?(.+)$",
    )
    .expect("held-at pattern is valid")
});

static AT_THE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?:^|(?:(?i:pm|am|p\.m\.|a\.m\.)|\d)\s*,?\s+)(?i:at|in)\s+(?i:the\s+)?([A-Z].+)$")
        .expect("at-the pattern is valid")
});

static REMOTE_TOOL: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:via|on|using|by|through)\s+(microsoft\s+teams|ms\s+teams|teams|zoom|webex|skype|google\s+meet)\b")
        .expect("remote tool pattern is valid")
});

static REMOTE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:remote(?:ly)?|virtual(?:ly)?|online)\s+(?:meeting|held)|\bheld\s+(?:remotely|virtually|online)\b|\b(hybrid)\s+meeting\b")
        .expect("remote pattern is valid")
});

/// Where a venue's words end: a date, a time, "on Tuesday", a full stop.
static VENUE_END: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\s+on\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d|the\s+\d)|,?\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|,?\s+\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|,?\s+(?:at|from|commencing)\s+\d|,?\s+\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m|p\.m)|\s+(?:and|which|when|to consider)\s+|,?\s+with\s+|\.\s|\.$|;|\s+-\s+")
        .expect("venue-end pattern is valid")
});

/// The header block's lines, with a title sentence wrapped over several lines ("Minutes of …
/// held in the Council Chamber, County" / "Buildings, … at 3.00 p.m.") joined into one.
fn header_lines(doc: &Doc, header_end: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in doc.lines[..header_end].iter() {
        if line.is_blank() {
            open = false;
            continue;
        }
        match out.last_mut() {
            Some(prev) if open => {
                prev.push(' ');
                prev.push_str(&line.plain);
            }
            _ => out.push(line.plain.clone()),
        }
        let last = out.last().map_or("", String::as_str);
        open = super::text::is_title_sentence(last) && !last.ends_with('.');
    }
    out
}

fn venue(doc: &Doc, header_end: usize) -> Option<String> {
    let header_owned = header_lines(doc, header_end);
    let header: Vec<&str> = header_owned.iter().map(String::as_str).collect();
    for line in &header {
        if let Some(v) = VENUE_LABEL
            .captures(line)
            .and_then(|c| c.get(1))
            .and_then(|m| tidy(m.as_str()))
        {
            return Some(v);
        }
    }
    for line in &header {
        if let Some(v) = HELD_AT
            .captures(line)
            .and_then(|c| c.get(1))
            .and_then(|m| tidy(m.as_str()))
        {
            return Some(v);
        }
        if let Some(v) = AT_THE
            .captures(line)
            .and_then(|c| c.get(1))
            .and_then(|m| tidy(m.as_str()))
        {
            return Some(v);
        }
    }
    // A header line that is plainly a place: "Civic Suite, Council House, Manor Square".
    for line in &header {
        if VENUE_WORDS.is_match(line)
            && !super::text::is_prose(line)
            && !VENUE_LABEL_OTHER.is_match(line)
        {
            if let Some(v) = tidy(line) {
                if v.split_whitespace().count() <= 12 && gazetteer_council_only(&v).is_none() {
                    return Some(v);
                }
            }
        }
    }
    let opening: Vec<&str> = doc
        .lines
        .iter()
        .skip(header_end)
        .filter(|l| !l.is_blank())
        .take(3)
        .map(|l| l.plain.as_str())
        .collect();
    // "… called the meeting to order at 7:02 p.m. in the Council Chambers, 210 Main Street."
    for line in &opening {
        if let Some(v) = OPENING_VENUE
            .captures(line)
            .and_then(|c| c.get(1))
            .and_then(|m| tidy(m.as_str()))
        {
            return Some(v);
        }
    }
    let opening = opening.into_iter();
    for line in header.iter().copied().chain(opening) {
        if let Some(tool) = REMOTE_TOOL.captures(line).and_then(|c| c.get(1)) {
            let tool = tool.as_str().to_lowercase();
            return Some(
                match tool.as_str() {
                    "microsoft teams" | "ms teams" | "teams" => "Microsoft Teams",
                    "zoom" => "Zoom",
                    "webex" => "Webex",
                    "skype" => "Skype",
                    _ => "Google Meet",
                }
                .to_string(),
            );
        }
        if let Some(c) = REMOTE.captures(line) {
            return Some(
                if c.get(1).is_some() {
                    "Hybrid meeting"
                } else {
                    "Remote meeting"
                }
                .to_string(),
            );
        }
    }
    None
}

static VENUE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:council house|town hall|city hall|civic cent(?:re|er)|civic suite|civic offices|county hall|council chambers?|committee room|village hall|parish hall|church hall|community cent(?:re|er)|guildhall|council offices|courthouse|memorial hall)\b")
        .expect("venue words pattern is valid")
});

/// Header lines with a label that is not a venue ("Present:", "Contact:").
static VENUE_LABEL_OTHER: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)^(?:present|apologies|in attendance|also present|contact|members|officers|minutes|report|agenda)\b")
        .expect("other label pattern is valid")
});

static OPENING_VENUE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:met|held|convened|to\s+order|session)\b[^.]{0,40}?\bat\s+\d{1,2}(?:[.:]\d{2})?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?)?\s+(?:in|at)\s+(?:the\s+)?([A-Z].*)$")
        .expect("opening venue pattern is valid")
});

/// The council when a phrase is nothing but a council's name (not a venue).
fn gazetteer_council_only(s: &str) -> Option<usize> {
    let found = super::gazetteer::gazetteer().find(s);
    let m = found.first()?;
    (m.start == 0 && m.end == s.len() && m.form() != super::gazetteer::Form::Building)
        .then(|| m.councils.first().map(|c| c.0))
        .flatten()
}

/// A venue's words, cut where they end, or None if they are not a place.
fn tidy(raw: &str) -> Option<String> {
    let mut s = raw.trim();
    if let Some(m) = VENUE_END.find(s) {
        s = &s[..m.start()];
    }
    let s = s
        .trim()
        .trim_start_matches("the ")
        .trim_start_matches("The ")
        .trim_end_matches([',', '.', ';', ':', '-', ' ']);
    let words = s.split_whitespace().count();
    let starts_well = s
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let is_time = HEADER_TIME.is_match(s) && words <= 2;
    if !starts_well || words == 0 || words > 14 || is_time || NOT_VENUE.is_match(s) {
        return None;
    }
    Some(super::council::title_if_caps(s))
}

static NOT_VENUE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)^(?:\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.?|p\.m\.?)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*|which\b.*|least\b.*|this\b.*|that\b.*|accordance\b.*|respect\b.*|attendance\b.*|person\b.*)$")
        .expect("not-venue pattern is valid")
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceText;

    fn sitting(text: &str) -> Sitting {
        find(&Doc::new(&SourceText::from_plain(text)))
    }

    #[test]
    fn times_are_read_as_24_hour_clock() {
        let cases: &[(&str, Option<&str>, Option<&str>, &str)] = &[
            ("Minutes of the Board\n\n24th April, 2017 at 5.00 pm\n\n1. Item\n\ntext\n\n(Meeting ended 6:26pm)\n", Some("17:00"), Some("18:26"), "header time and '(Meeting ended …)'"),
            ("Notes of the panel meeting held on Thursday 21 September 2017 at 6.45pm\n\n1. Item\n\nThe meeting ended at 9.05pm\n", Some("18:45"), Some("21:05"), "'held on … at 6.45pm' and 'ended at'"),
            ("Cabinet\n\n1. Opening\n\nThe meeting commenced at 10:00 a.m. and the Chair welcomed everyone to it.\n\nThe meeting closed at 12 noon.\n", Some("10:00"), Some("12:00"), "'commenced at' and noon"),
            ("Council\n\nThe meeting started at 18:00\n\nThe meeting terminated at 20.45 hrs\n", Some("18:00"), Some("20:45"), "24-hour times"),
            ("CITY COUNCIL\n\nMayor Lee called the meeting to order at 7:02 p.m.\n\nThere being no further business, the meeting adjourned at 9:14 p.m.\n", Some("19:02"), Some("21:14"), "US 'called to order' and 'adjourned'"),
            ("Planning Committee\nTime: 7pm\n\n1. Item\n\nClosed at 8.40pm\n", Some("19:00"), Some("20:40"), "'Time:' label and a short closing line"),
            ("CITY COUNCIL\n\nThe meeting was called to order by Mayor Tom Keller at 7:00 p.m.\n", Some("19:00"), None, "words between the cue and the time"),
            ("Cabinet\n\n1. Item\n\nThe report was published at 9am on the website.\n", None, None, "times not tied to the meeting are ignored"),
            ("Planning Committee\nDate: 11.10.2016\n\n1. Item\n", None, None, "a dotted date is not a time"),
            ("Parish Council\nMonday 3 May 2021 at 7pm\n\n1. Item\n\nThe meeting closed at 9.15\n", Some("19:00"), Some("21:15"), "an end time before the start is in the evening"),
            ("Children Committee: Minutes\nDate: Tuesday 7 March 2023\nTime: 10:00 a.m. - 1:10 p.m.\n\n1. Item\n", Some("10:00"), Some("13:10"), "a range in the header"),
            ("Audit Committee\n\n1. Item\n\nThe report was noted by members.\n\n(Duration of meeting: 10.30 am - 1.15 pm)\n", Some("10:30"), Some("13:15"), "'Duration of meeting' at the end"),
            ("COUNCIL\n\nMinutes of a meeting of the Council\n\n1. Item\n\nThe report was noted by members.\n\nThe meeting commenced at 11.00 am and concluded at 4.15 pm\n", Some("11:00"), Some("16:15"), "start and end in the closing line"),
            ("Minutes of Ordinary Meeting of the Council held in the Council Chamber, County\nBuildings, Main Street on Monday 20th November 2023 at 3.00 p.m.\n\nPresent: Cllr A\n", Some("15:00"), None, "a title sentence wrapped over two lines"),
            ("Scrutiny Committee\n\n1.\tMinutes.\n\nThe minutes were signed.\n\n2.00 - 3.45 pm\t\t\tCHAIRMAN\n", Some("14:00"), Some("15:45"), "a range alone in the signature block"),
            ("CITY COUNCIL\n\nMayor Lee called the meeting to order at 6:00 p.m.\n\nMotion by Hale, seconded by Vogel, to adjourn at 7:48 p.m. Motion carried 5-0.\n", Some("18:00"), Some("19:48"), "a motion to adjourn at a time"),
        ];
        for (text, start, end, rule) in cases {
            let s = sitting(text);
            assert_eq!(s.start.as_deref(), *start, "{rule}: start");
            assert_eq!(s.end.as_deref(), *end, "{rule}: end");
        }
    }

    #[test]
    fn the_venue_is_read_from_the_header() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            ("Minutes of the Board\n\n26th April, 2018 at 4.30 pm\nat the Solihull Council House, Manor Square\n", Some("Solihull Council House, Manor Square"), "a line starting 'at the'"),
            ("Planning Committee\nVenue: Committee Room 1, County Hall\nDate: 3 May 2022\n", Some("Committee Room 1, County Hall"), "'Venue:' label"),
            ("Minutes of the meeting of the Council held in the Council Chamber, County Hall, Cork on Monday 10th January 2022 at 11.00 a.m.\n", Some("Council Chamber, County Hall, Cork"), "'held in the …' ends at 'on Monday'"),
            ("Cabinet\nHeld at: The Guildhall, Market Square\n", Some("Guildhall, Market Square"), "'Held at:' label"),
            ("Cabinet\nPlace: Civic Centre, Room 2\n", Some("Civic Centre, Room 2"), "'Place:' label"),
            ("Cabinet\n3 May 2022, held remotely via Microsoft Teams\n", Some("Microsoft Teams"), "a remote meeting names its platform"),
            ("Cabinet\nRemote meeting, 3 May 2022\n", Some("Remote meeting"), "a remote meeting without a platform"),
            ("MINUTES OF THE CABINET MEETING HELD ON THURSDAY 9 DECEMBER 2021 AT 2PM IN THE COUNCIL CHAMBER, TOWN HALL\n", Some("Council Chamber, Town Hall"), "a venue in capitals is title-cased"),
            ("Notes of the panel meeting held on Thursday 21 September 2017 at 6.45pm\n", None, "a time is not a venue"),
            ("Cabinet\n\n1. Visits\n\nMembers met at the Town Hall to discuss it with the officers and more people besides these.\n", None, "body text is never the venue"),
        ];
        for (text, expected, rule) in cases {
            assert_eq!(sitting(text).venue.as_deref(), *expected, "{rule}");
        }
    }
}
