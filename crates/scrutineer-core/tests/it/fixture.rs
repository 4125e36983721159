//! A small multi-council library written for these tests, stored through the real store.
//!
//! Three made-up councils meet four times a year over 2019 and 2020, each in its own style of
//! business. What is planted, and where:
//!
//! | theme | where | counted paragraphs |
//! |---|---|---|
//! | fostering | every meeting of all three councils (one topical paragraph each) | 24 |
//! | youth justice | Harrowfield only, every meeting | 8 |
//! | unaccompanied children (uasc) | Lindenshire only, every meeting | 8 |
//! | SEND | Port Castell only, every meeting | 8 |
//! | caseloads | one figure paragraph per meeting, all councils | 24 |
//!
//! Every meeting also has standing business (apologies naming a foster carer event, a
//! declaration by a councillor who is a foster carer, the previous minutes mentioning
//! caseloads): matched, shown by `explain`, never counted.
//!
//! Actions: Harrowfield (2019-03-12) asks for a fostering recruitment update "to the next
//! meeting" and gets it on 2019-06-11 (item "Fostering Recruitment Campaign Update");
//! Lindenshire (2020-09-11) asks for a report on the holiday activities programme and its next
//! meeting (2020-12-04) does not give it (overdue); Port Castell's last meeting (2020-12-10)
//! asks for an update on SEND transport at the next meeting (open: none held yet).
//!
//! Also one undated meeting of Harrowfield's Corporate Parenting Panel and one meeting whose
//! council was not found. Every sentence here was written for Scrutineer.

use chrono::{NaiveDate, TimeZone, Utc};
use scrutineer_core::model::*;
use scrutineer_core::store::{Inserted, Library, NewDocument};
use scrutineer_core::synth::{self, SynthConfig};

pub const HARROWFIELD: &str = "Harrowfield Borough Council";
pub const LINDENSHIRE: &str = "Lindenshire County Council";
pub const PORT_CASTELL: &str = "Port Castell City Council";
pub const PANEL: &str = "Children's Services Scrutiny Panel";
pub const PARENTING: &str = "Corporate Parenting Panel";

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("fixture dates are valid")
}

/// One agenda item as written: title, standing kind, paragraphs, resolutions (each also a
/// paragraph, prefixed "Resolved:").
pub struct Item {
    pub title: String,
    pub standing: Option<StandingItem>,
    pub paragraphs: Vec<String>,
    pub resolutions: Vec<String>,
    /// (figure text, value, unit, what) of the item's first paragraph.
    pub figure: Option<(String, f64, FigureUnit, String)>,
}

pub fn item(title: &str, paragraphs: &[&str]) -> Item {
    Item {
        title: title.to_string(),
        standing: None,
        paragraphs: paragraphs.iter().map(|s| s.to_string()).collect(),
        resolutions: Vec::new(),
        figure: None,
    }
}

pub fn standing(kind: StandingItem, title: &str, paragraph: &str) -> Item {
    Item {
        standing: Some(kind),
        ..item(title, &[paragraph])
    }
}

/// Minutes of one meeting.
pub struct Minutes {
    pub council: Option<String>,
    pub committee: String,
    pub date: Option<NaiveDate>,
    pub items: Vec<Item>,
}

/// Build a document: the text is the items' headings and paragraphs, one page; every span
/// points at its text.
pub fn document(n: u32, m: &Minutes) -> NewDocument {
    let mut text = String::new();
    let push = |text: &mut String, s: &str| -> Span {
        let start = text.len();
        text.push_str(s);
        let span = Span {
            start,
            end: text.len(),
        };
        text.push_str("\n\n");
        span
    };
    let heading = format!(
        "{}\nMinutes of the {}",
        m.council.as_deref().unwrap_or("Minutes"),
        m.committee
    );
    push(&mut text, &heading);
    let mut items = Vec::new();
    let mut paragraphs = Vec::new();
    let mut resolutions = Vec::new();
    let mut figures = Vec::new();
    for (i, it) in m.items.iter().enumerate() {
        let number = format!("{}", i + 1);
        let head = push(&mut text, &format!("{number}. {}", it.title));
        let mut end = head.end;
        for (j, p) in it.paragraphs.iter().enumerate() {
            let span = push(&mut text, p);
            end = span.end;
            paragraphs.push(Paragraph {
                text: p.clone(),
                page: 1,
                item_index: Some(i),
                span,
            });
            if j == 0 {
                if let Some((figure, value, unit, what)) = &it.figure {
                    let at = p
                        .find(figure.as_str())
                        .expect("the figure is in its paragraph");
                    figures.push(Figure {
                        text: figure.clone(),
                        value: *value,
                        value_max: None,
                        unit: *unit,
                        what: Some(what.clone()),
                        approximate: false,
                        sentence: p.clone(),
                        page: 1,
                        span: Span {
                            start: span.start + at,
                            end: span.start + at + figure.len(),
                        },
                        paragraph_index: Some(paragraphs.len() - 1),
                        item_index: Some(i),
                    });
                }
            }
        }
        for r in &it.resolutions {
            let para = format!("Resolved: {r}");
            let span = push(&mut text, &para);
            end = span.end;
            paragraphs.push(Paragraph {
                text: para,
                page: 1,
                item_index: Some(i),
                span,
            });
            resolutions.push(Resolution {
                item: Some(number.clone()),
                item_index: Some(i),
                text: r.clone(),
                page: 1,
                span: Span {
                    start: span.start + "Resolved: ".len(),
                    end: span.end,
                },
            });
        }
        items.push(AgendaItem {
            number: Some(number),
            title: it.title.clone(),
            page: 1,
            span: Span {
                start: head.start,
                end,
            },
            standing: it.standing,
        });
    }
    let text = text.trim_end().to_string();
    let record = MeetingRecord {
        kind: DocKind::Minutes,
        title: None,
        council: NamedField {
            name: m.council.clone(),
            confidence: if m.council.is_some() { 0.95 } else { 0.0 },
            evidence: m.council.clone(),
            page: Some(1),
            span: None,
        },
        committee: NamedField {
            name: Some(m.committee.clone()),
            confidence: 0.9,
            evidence: Some(m.committee.clone()),
            page: Some(1),
            span: None,
        },
        meeting_date: DateField {
            date: m.date,
            confidence: if m.date.is_some() { 0.9 } else { 0.0 },
            ..Default::default()
        },
        start_time: None,
        end_time: None,
        venue: None,
        attendance: Attendance {
            present: ["Arkwright", "Bellamy", "Cho", "Dunmore", "Ekwueme"]
                .iter()
                .enumerate()
                .map(|(i, n)| Person {
                    name: n.to_string(),
                    role: None,
                    chair: i == 0,
                    vice_chair: false,
                })
                .collect(),
            apologies: vec![Person {
                name: "Farrant".into(),
                role: None,
                chair: false,
                vice_chair: false,
            }],
            in_attendance: Vec::new(),
        },
        items,
        resolutions,
        figures,
        paragraphs,
        diagnostics: Vec::new(),
        confidence: 0.9,
    };
    NewDocument {
        sha256: format!("{:064x}", 0xF1_0000 + n),
        file_name: format!("fixture-{n:02}.txt"),
        path: format!("/fixtures/library/fixture-{n:02}.txt"),
        bytes: text.len() as u64,
        imported_at: Utc
            .with_ymd_and_hms(2021, 2, 3, 10, 0, 0)
            .single()
            .expect("valid time"),
        source: SourceText::from_plain(text),
        record,
    }
}

// Passages written for these tests.
pub const APOLOGIES: &str = "Apologies were received from Councillor Farrant, who was speaking at the annual celebration for foster carers.";
pub const DECLARATION: &str =
    "Councillor Bellamy declared a personal interest as an approved foster carer with the council.";
pub const PREVIOUS: &str = "The minutes of the previous meeting were agreed, subject to correcting the figure given for caseloads.";
pub const FOSTERING: &str = "The Head of Fostering said that the service had approved nine new fostering households this quarter and that more foster carers were needed for teenagers.";
pub const YOUTH: &str = "The youth offending team reported a fall in first time entrants to the youth justice system, though remands to custody were unchanged.";
pub const UASC: &str = "Officers described support for unaccompanied asylum-seeking children arriving through the national transfer scheme, and the pressure on placements.";
pub const SEND: &str = "The Head of Inclusion reported that requests for education, health and care plans continued to rise and that SEND transport costs were under review.";
pub const CLOSE: &str = "Members thanked officers for a clear presentation and asked several questions, which were answered.";

/// The caseload paragraph of a meeting, with its figure.
fn caseload(value: u32) -> Item {
    let p = format!("The average caseload across the assessment teams was {value} cases per social worker at the end of the quarter.");
    Item {
        figure: Some((
            value.to_string(),
            f64::from(value),
            FigureUnit::Count,
            "cases per social worker".to_string(),
        )),
        ..item("Workforce Report", &[&p])
    }
}

fn meeting(council: &str, when: NaiveDate, special: &str, cases: u32, extra: Vec<Item>) -> Minutes {
    let mut items = vec![
        standing(StandingItem::Apologies, "Apologies for Absence", APOLOGIES),
        standing(
            StandingItem::DeclarationsOfInterest,
            "Declarations of Interest",
            DECLARATION,
        ),
        standing(
            StandingItem::PreviousMinutes,
            "Minutes of the Previous Meeting",
            PREVIOUS,
        ),
        item("Fostering Service Report", &[FOSTERING, CLOSE]),
        item("Service Update", &[special]),
        caseload(cases),
    ];
    items.extend(extra);
    Minutes {
        council: Some(council.to_string()),
        committee: PANEL.to_string(),
        date: Some(when),
        items,
    }
}

/// Every meeting of the fixture library, in import order.
pub fn minutes() -> Vec<Minutes> {
    let mut out = Vec::new();
    let days = [(3, 12), (6, 11), (9, 10), (12, 3)];
    for (year, base) in [(2019, 0), (2020, 1)] {
        for (q, (month, day)) in days.iter().enumerate() {
            let when = |offset: u32| date(year, *month, day + offset);
            let cases = 15 + q as u32 + base;
            // Harrowfield: youth justice.
            let mut extra = Vec::new();
            if year == 2019 && q == 0 {
                extra.push(Item {
                    resolutions: vec![
                        "That an update on the fostering recruitment campaign be brought to the next meeting of the Panel.".into(),
                    ],
                    ..item("Fostering Recruitment Campaign", &["Members discussed the recruitment campaign for new carers, which would launch in the spring."])
                });
            }
            if year == 2019 && q == 1 {
                extra.push(item(
                    "Fostering Recruitment Campaign Update",
                    &["The update requested at the last meeting was presented: the recruitment campaign had brought forty enquiries."],
                ));
            }
            out.push(meeting(HARROWFIELD, when(0), YOUTH, cases, extra));

            // Lindenshire: unaccompanied children.
            let mut extra = Vec::new();
            if year == 2020 && q == 2 {
                extra.push(Item {
                    resolutions: vec![
                        "That a report on places in the holiday activities programme be brought to the next meeting.".into(),
                    ],
                    ..item("Holiday Activities", &["Parents had raised concerns about the number of places in the holiday activities programme."])
                });
            }
            out.push(meeting(LINDENSHIRE, when(1), UASC, cases + 3, extra));

            // Port Castell: SEND.
            let mut extra = Vec::new();
            if year == 2020 && q == 3 {
                extra.push(Item {
                    resolutions: vec![
                        "That an update on SEND transport be brought to the next meeting.".into(),
                    ],
                    ..item(
                        "SEND Transport",
                        &["The cost of home to school transport had risen sharply."],
                    )
                });
            }
            out.push(meeting(PORT_CASTELL, when(2), SEND, cases + 1, extra));
        }
    }
    // An undated meeting of another committee, and one whose council was not found.
    out.push(Minutes {
        council: Some(HARROWFIELD.to_string()),
        committee: PARENTING.to_string(),
        date: None,
        items: vec![item("Fostering", &[FOSTERING])],
    });
    out.push(Minutes {
        council: None,
        committee: PANEL.to_string(),
        date: Some(date(2020, 5, 5)),
        items: vec![item("Fostering", &[FOSTERING])],
    });
    out
}

/// The fixture library in a temp dir: (dir, library, document ids in [`minutes`] order).
pub fn library() -> (tempfile::TempDir, Library, Vec<Id>) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let lib = Library::open(dir.path().join("fixture.db")).expect("the library opens");
    let ids = minutes()
        .iter()
        .enumerate()
        .map(|(n, m)| match lib.insert_document(&document(n as u32, m)) {
            Ok(Inserted::New(s)) => s.id,
            other => panic!("fixture document {n} must be stored as new: {other:?}"),
        })
        .collect();
    (dir, lib, ids)
}

/// A new, empty library file in a temp dir (kept alive by the returned dir).
pub fn temp_library(file: &str) -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let lib = Library::open(dir.path().join(file)).expect("the library opens");
    (dir, lib)
}

/// Store synthetic document `n` of `pool`: its id when new, `None` when a duplicate.
pub fn insert_synth(lib: &Library, pool: &SynthConfig, n: usize) -> Option<Id> {
    match lib
        .insert_document(&synth::document(pool, n))
        .expect("a synthetic document stores")
    {
        Inserted::New(s) => Some(s.id),
        Inserted::Duplicate(_) => None,
    }
}
