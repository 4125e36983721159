//! What sort of document this is (minutes, report, agenda item page, unknown), its title, and
//! the record's overall confidence.
//!
//! Each kind has its own marks: minutes say "Minutes of", list who was present and record
//! resolutions; a report to a committee has a cover sheet (Executive Summary, Recommendations,
//! Contact Officer, Background papers, Financial/Legal implications); a council web page for one
//! agenda item has "Agenda item", a "Minutes:" label under the item's title and "Supporting
//! documents:". The kind with the most evidence wins; with too little, the document is
//! `unknown` (stored with a diagnostic, never rejected).

use std::sync::LazyLock;

use regex::Regex;

use super::text::{ascii_regex, Doc};
use crate::model::{AgendaItem, Attendance, Diagnostic, DocKind, MeetingRecord, Resolution};

/// Classify the document.
pub fn classify(
    doc: &Doc,
    items: &[AgendaItem],
    resolutions: &[Resolution],
    attendance: &Attendance,
    diagnostics: &mut Vec<Diagnostic>,
) -> DocKind {
    let s = scores(doc, items, resolutions, attendance);
    let ranked = [
        (DocKind::AgendaItem, s.agenda_item),
        (DocKind::Minutes, s.minutes),
        (DocKind::Report, s.report),
    ];
    let (kind, best) = ranked
        .iter()
        .copied()
        .fold((DocKind::Unknown, 0.0f32), |acc, (k, v)| {
            if v > acc.1 {
                (k, v)
            } else {
                acc
            }
        });
    if best < 2.0 {
        diagnostics.push(Diagnostic::warning(
            "kind_unknown",
            "The document does not read as minutes, a report or an agenda item page.",
        ));
        return DocKind::Unknown;
    }
    kind
}

/// Evidence for each kind.
#[derive(Debug, Default, Clone, Copy)]
struct Scores {
    minutes: f32,
    report: f32,
    agenda_item: f32,
}

fn scores(
    doc: &Doc,
    items: &[AgendaItem],
    resolutions: &[Resolution],
    attendance: &Attendance,
) -> Scores {
    let header_end = doc.header_end();
    let text = &doc.norm.text;
    let mut s = Scores::default();

    // Minutes.
    let header_says_minutes = doc.lines[..header_end].iter().any(|l| {
        MINUTES_TITLE.is_match(&l.plain)
            || (MINUTES_WORD.is_match(&l.plain)
                && !PREVIOUS_MINUTES.is_match(&l.plain)
                && !super::text::is_item_heading(&l.plain))
    });
    if header_says_minutes {
        s.minutes += 3.0;
    }
    if !attendance.present.is_empty() {
        s.minutes += 2.0;
    }
    if !attendance.apologies.is_empty() {
        s.minutes += 1.0;
    }
    if !resolutions.is_empty() {
        s.minutes += 1.0 + (resolutions.len().min(3) as f32) * 0.3;
    } else if RESOLVED.is_match(text) {
        s.minutes += 1.5;
    }
    if MEETING_ENDED.is_match(text) {
        s.minutes += 1.0;
    }
    if CORRECT_RECORD.is_match(text) {
        s.minutes += 1.0;
    }
    if items.len() >= 3 {
        s.minutes += 0.5;
    }
    // A web page of the decisions a meeting made ("Decision made:", "Date of decision:") is
    // its record, as minutes are.
    let notices = doc
        .lines
        .iter()
        .filter(|l| DECISION_NOTICE.is_match(&l.plain))
        .count();
    s.minutes += (notices as f32).min(3.0);

    // A report's cover sheet: distinct labels, more when they stand in the header block.
    let mut seen = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        if let Some(c) = REPORT_LABEL.captures(&line.plain) {
            let label = c
                .get(1)
                .map(|m| m.as_str().to_lowercase())
                .unwrap_or_default();
            let key: String = label.chars().take(12).collect();
            if !seen.contains(&key) {
                seen.push(key);
                s.report += if i < header_end { 2.0 } else { 1.2 };
            }
        }
    }
    s.report = s.report.min(10.0);

    // An agenda item's web page.
    for (i, line) in doc.lines.iter().enumerate() {
        let p = line.plain.as_str();
        if i < 12 && AGENDA_ITEM_LINE.is_match(p) {
            s.agenda_item += 4.0;
        }
        if MINUTES_LABEL.is_match(p) {
            s.agenda_item += 3.0;
        }
        if SUPPORTING.is_match(p) {
            s.agenda_item += 3.0;
        }
        if DECISION_LABEL.is_match(p) {
            s.agenda_item += 1.5;
        }
    }
    s.agenda_item = s.agenda_item.min(12.0);
    s
}

static MINUTES_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\bminutes\s+of\b|^(?:draft\s+|approved\s+|unconfirmed\s+|confirmed\s+|written\s+)?minutes(?:\s*[-–:].*)?$|\bmeeting\s+minutes\b|^sederunt\b|\bnotes\s+of\s+(?:the|a)\b|[-–]\s*(?:action\s+)?notes$|^(?:meeting|action)\s+notes\b")
        .expect("minutes title pattern is valid")
});

static DECISION_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)^(?:decision\s+made|date\s+of\s+decision|decision\s+details|decisions?\s+published|decision\s+status)\s*:?")
        .expect("decision notice pattern is valid")
});

static MINUTES_WORD: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"(?i)\bminutes\b").expect("minutes word pattern is valid"));

static PREVIOUS_MINUTES: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)minutes\s+of\s+(?:the\s+)?(?:previous|last|prior)|\bminutes\s*:?$")
        .expect("previous minutes pattern is valid")
});

static RESOLVED: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:resolved|it\s+was\s+agreed|recommended\s+that|motion\s+carried)\b")
        .expect("resolved pattern is valid")
});

static MEETING_ENDED: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:meeting|council|committee)\s+(?:ended|closed|terminated|concluded|adjourned|rose)\b")
        .expect("meeting ended pattern is valid")
});

static CORRECT_RECORD: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)\b(?:correct|accurate|true)\s+record\b")
        .expect("correct record pattern is valid")
});

static REPORT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)^(executive\s+summary|purpose\s+of\s+(?:the\s+)?report|summary\s+of\s+report|recommendations?(?:\s+for\s+decision)?\s*:?$|recommendations?\s*:|contact\s+officers?|report\s+(?:of|by|author|to)\b|author\s*:|background\s+(?:papers|documents|information)|financial\s+implications|legal\s+implications|equality\s+(?:impact|implications|analysis)|wards?(?:\(s\))?\s+affected|ward\(s\)|key\s+decision|appendices|portfolios?\s*:|risk\s+(?:management|implications|assessment)|reasons?\s+for\s+(?:decision|recommendations?|scrutiny|the\s+report)|resource\s+and\s+legal|citizen\s+impact|consultation\s*:|implications\s+for|lead\s+officer|report\s+title|subject\s*:|forward\s+plan)")
        .expect("report label pattern is valid")
});

static AGENDA_ITEM_LINE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)^agenda\s+item(?:\s+(?:no\.?\s*)?[\w./]+)?\s*[:\-–]?\s*(?:.{0,120})$")
        .expect("agenda item line pattern is valid")
});

static MINUTES_LABEL: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"^Minutes\s*:").expect("minutes label pattern is valid"));

static SUPPORTING: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)^supporting\s+documents?\s*:?")
        .expect("supporting documents pattern is valid")
});

static DECISION_LABEL: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"^Decisions?\s*:").expect("decision label pattern is valid"));

/// The document's own title, when it has one: a report's title, an agenda item page's item
/// title; for minutes (and anything else) the title ingest found, if any.
pub fn title(doc: &Doc, kind: DocKind, items: &[AgendaItem]) -> Option<String> {
    let header_end = doc.header_end();
    match kind {
        DocKind::AgendaItem => agenda_item_title(doc)
            .or_else(|| items.first().map(|i| i.title.clone()))
            .or_else(|| doc.title.clone()),
        DocKind::Report => report_title(doc, header_end).or_else(|| doc.title.clone()),
        _ => doc.title.clone(),
    }
}

/// The line after "Agenda item" (or its rest: "Agenda item 7: Budget").
fn agenda_item_title(doc: &Doc) -> Option<String> {
    let lines: Vec<&str> = doc
        .lines
        .iter()
        .take(40)
        .map(|l| l.plain.as_str())
        .filter(|p| !p.is_empty())
        .collect();
    let at = lines.iter().position(|p| AGENDA_ITEM_LINE.is_match(p))?;
    if let Some(c) = AGENDA_ITEM_REST.captures(lines[at]) {
        if let Some(rest) = c.get(1).map(|m| m.as_str().trim()).filter(|r| r.len() > 3) {
            return Some(rest.to_string());
        }
    }
    lines
        .get(at + 1)
        .filter(|p| p.split_whitespace().count() <= 25 && !MINUTES_LABEL.is_match(p))
        .map(|p| p.trim_end_matches(['.', ':']).to_string())
}

static AGENDA_ITEM_REST: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)^agenda\s+item(?:\s+(?:no\.?\s*)?[\w./]*\d[\w./]*)?\s*[:\-–]\s*(.+)$")
        .expect("agenda item rest pattern is valid")
});

static TITLE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)^(?:subject|title|report\s+title|subject\s+of\s+report)\s*:\s*(.+)$")
        .expect("title label pattern is valid")
});

/// A report's title: labelled ("Subject: …"), or the first heading-like line after the
/// committee and date lines of the cover sheet.
fn report_title(doc: &Doc, header_end: usize) -> Option<String> {
    let lines: Vec<(usize, &super::text::Line)> = doc.lines
        [..header_end.max(1).min(doc.lines.len())]
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank())
        .collect();
    for (_, l) in &lines {
        if let Some(t) = TITLE_LABEL.captures(&l.plain).and_then(|c| c.get(1)) {
            return Some(t.as_str().trim().to_string());
        }
    }
    // Skip past the date line (cover sheets put the title after committee and date).
    let after_date = lines
        .iter()
        .position(|(_, l)| {
            let dates = super::dates::find_dates(&l.plain, super::dates::NumericOrder::DayFirst);
            !dates.is_empty() && l.plain.split_whitespace().count() <= 8
        })
        .map(|p| p + 1)
        .unwrap_or(0);
    let candidate = |l: &super::text::Line| {
        let p = l.plain.as_str();
        let words = p.split_whitespace().count();
        (2..=25).contains(&words)
            && !p.ends_with(':')
            && !REPORT_LABEL.is_match(p)
            && !LABELISH.is_match(p)
            && !super::text::is_prose(p)
    };
    let pick = lines[after_date.min(lines.len())..]
        .iter()
        .find(|(_, l)| l.emphasised && candidate(l))
        .or_else(|| {
            lines[after_date.min(lines.len())..]
                .iter()
                .find(|(_, l)| candidate(l))
        });
    pick.map(|(_, l)| super::council::title_if_caps(l.plain.trim_end_matches('.')))
}

static LABELISH: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"^[A-Za-z()']+(?: [A-Za-z()']+){0,2}:\s|^(?i:ward|portfolio|date|agenda|item|part|classification|open|exempt|public)\b")
        .expect("labelish pattern is valid")
});

/// How far to trust the record as a whole, 0.0–1.0: a blend of the key fields that drops when
/// they are missing. The council and the date count most; an agenda item page or a report is
/// not marked down for lacking an attendance list, minutes are.
pub fn overall_confidence(record: &MeetingRecord) -> f32 {
    let date = if record.meeting_date.date.is_some() {
        record.meeting_date.confidence
    } else if record.meeting_date.window.is_some() {
        // An implied window is worth something, not much.
        0.2
    } else {
        0.0
    };
    let kind = if record.kind == DocKind::Unknown {
        0.0
    } else {
        1.0
    };
    let attendance = match record.kind {
        DocKind::Minutes if record.attendance.present.is_empty() => 0.0,
        _ => 1.0,
    };
    let committee_weight = if record.kind == DocKind::AgendaItem {
        0.1
    } else {
        0.2
    };
    let weights = [
        (record.council.confidence, 0.3),
        (date, 0.3),
        (record.committee.confidence, committee_weight),
        (kind, 0.1),
        (attendance, 0.1),
    ];
    let total: f32 = weights.iter().map(|w| w.1).sum();
    let value: f32 = weights.iter().map(|(v, w)| v * w).sum::<f32>() / total;
    value.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, SourceText};

    fn kind_of(text: &str, attendance: &Attendance) -> DocKind {
        let doc = Doc::new(&SourceText::from_plain(text));
        classify(&doc, &[], &[], attendance, &mut Vec::new())
    }

    #[test]
    fn kinds_are_told_apart() {
        let present = Attendance {
            present: vec![Person {
                name: "Akers".into(),
                role: None,
                chair: true,
                vice_chair: false,
            }],
            ..Attendance::default()
        };
        let none = Attendance::default();
        let cases: &[(&str, &Attendance, DocKind, &str)] = &[
            ("Minutes of the Cabinet\n\n3 May 2022\n\nPresent: Cllr Akers\n\n1. Budget\n\nRESOLVED that the budget be approved.\n\nThe meeting ended at 8pm.\n", &present, DocKind::Minutes, "minutes: title, attendance, resolutions"),
            ("# Scrutiny Committee\n\n#### 11 October 2016\n\n# Update on Fostering\n\nWard(s) All\n\n#### Executive Summary:\n\nThe report updates members.\n\n#### Recommendations:\n\nThat the panel note it.\n\n#### Background papers:\n\nNone\n\nContact Officer: Jo Bloggs\n", &none, DocKind::Report, "a report's cover sheet"),
            ("Agenda item\n\nFostering Update\n\nReport by the Director.\n\nMinutes:\n\n9.1 The Committee noted it.\n\nResolved - That the Committee notes the report.\n\nSupporting documents:\n", &none, DocKind::AgendaItem, "an agenda item page, even with a 'Report by' line and a resolution"),
            ("Some notes about a walk in the park.\n", &none, DocKind::Unknown, "no marks of any kind"),
            ("Planning Committee minutes - 5 March 2020\n\nAttendance\n\n1 Declarations of Interest\n", &present, DocKind::Minutes, "'minutes' anywhere in a title line"),
        ];
        for (text, att, expected, rule) in cases {
            assert_eq!(kind_of(text, att), *expected, "{rule}");
        }
    }

    #[test]
    fn titles_are_read_for_reports_and_agenda_items() {
        let doc = Doc::new(&SourceText::from_plain("# Scrutiny Committee\n\n#### 11 October 2016\n\n# Update on the Fostering Working Group\n\nWard(s) All\n\nExecutive Summary:\n"));
        assert_eq!(
            title(&doc, DocKind::Report, &[]).as_deref(),
            Some("Update on the Fostering Working Group"),
            "a report's title follows its committee and date"
        );
        let doc = Doc::new(&SourceText::from_plain(
            "Report to: Cabinet\nDate: 3 May 2022\nSubject: Highways Maintenance Plan\n",
        ));
        assert_eq!(
            title(&doc, DocKind::Report, &[]).as_deref(),
            Some("Highways Maintenance Plan"),
            "a labelled subject is the title"
        );
        let doc = Doc::new(&SourceText::from_plain(
            "Agenda item\n\nChildren First Update\n\nMinutes:\n",
        ));
        assert_eq!(
            title(&doc, DocKind::AgendaItem, &[]).as_deref(),
            Some("Children First Update"),
            "an agenda item page's title is the item's"
        );
    }

    #[test]
    fn overall_confidence_drops_when_key_fields_are_missing() {
        let mut record = crate::extract::extract(&SourceText::from_plain(
            "SANDWELL METROPOLITAN BOROUGH COUNCIL\n\nMinutes of the Cabinet\n\n3 May 2022 at 6pm\n\nPresent: Councillor Akers (Chair), Councillor Bell\n\n1. Budget\n\nResolved that it be approved.\n",
        ));
        let full = overall_confidence(&record);
        assert!(
            full >= 0.85,
            "a record with every key field stated is trusted ({full})"
        );
        record.meeting_date.date = None;
        record.meeting_date.confidence = 0.0;
        let no_date = overall_confidence(&record);
        assert!(
            no_date < full - 0.2,
            "losing the date costs confidence ({no_date} vs {full})"
        );
        record.council.confidence = 0.0;
        assert!(
            overall_confidence(&record) < no_date,
            "losing the council costs more"
        );
    }
}
