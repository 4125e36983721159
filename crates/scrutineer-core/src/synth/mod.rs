//! Synthetic libraries: many varied, deterministic meeting records, for the analysis benchmark
//! and for tests that need more meetings than anyone would write by hand.
//!
//! Real minutes cannot be shipped in bulk, and a benchmark over ten copies of one meeting
//! measures nothing: every dashboard query would hit the same few rows. So this module invents
//! councils (made-up place names), committees with their own mix of business, meeting dates
//! over many years, agenda items with standing business first, paragraphs written from a bank
//! of sentences about children's services and general council work (every sentence written
//! for Scrutineer), resolutions that ask for updates and later items that give them, figures
//! with their sentences, and attendance lists. The same [`SynthConfig`] always gives the same
//! documents, byte for byte.
//!
//! Records are built directly (extraction is not involved), with real spans into the page
//! text, so the store, search and analysis see exactly what an import of such minutes would
//! give them. [`files`] writes synthetic minutes as text and PDF files instead, for benchmarks
//! that start where a user starts: a folder of files.

use chrono::{Days, NaiveDate, TimeZone, Utc};

use crate::model::{
    AgendaItem, Attendance, DateField, DocKind, Figure, FigureUnit, MeetingRecord, NamedField,
    PageText, Paragraph, Person, RemovedLine, Resolution, SourceFormat, SourceText, Span,
    StandingItem, TextExtractor, PAGE_JOINER,
};
use crate::store::NewDocument;

pub mod files;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthConfig {
    /// Meetings (documents) in all.
    pub meetings: usize,
    /// Councils they are spread over (at most the number of invented names, 48).
    pub councils: usize,
    /// The first year meetings fall in.
    pub first_year: i32,
    /// Years meetings are spread over.
    pub years: u32,
    /// Varies everything; the same seed gives the same library.
    pub seed: u64,
}

impl Default for SynthConfig {
    fn default() -> SynthConfig {
        SynthConfig {
            meetings: 100,
            councils: 6,
            first_year: 2015,
            years: 8,
            seed: 7,
        }
    }
}

/// A small fast PRNG (SplitMix64): deterministic, no dependencies, good enough to vary text.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[rustfmt::skip]
const PLACES: [&str; 48] = [
    "Ashcombe", "Brackenfold", "Caldermere", "Dunhallow", "Eastwick Vale", "Fernleigh",
    "Greyhaven", "Hollinsford", "Ivybridge Moor", "Juniper Cross", "Kestrelby", "Larkhampton",
    "Marrowdale", "Netherstowe", "Oakhurst Fields", "Pellingham", "Quarry Bank", "Rookwood",
    "Saltmarsh", "Thornwick", "Upper Wensley", "Valeborough", "Wexcombe", "Yarrowfield",
    "Alderholt Heath", "Blackmere", "Coldharbour", "Dovecote Hill", "Elmstead Water", "Foxley",
    "Gorsebrook", "Hartsmoor", "Inchmoor", "Kingsfold", "Lowther Bridge", "Millbeck",
    "Northgrave", "Otterburn Vale", "Pennyfield", "Ravensholme", "Stonebridge Wells", "Tarnside",
    "Underhill", "Westermoor", "Wildmarsh", "Yewdale", "Brightling", "Cresswell Downs",
];

#[rustfmt::skip]
const KINDS: [&str; 5] = [
    "Borough Council", "County Council", "City Council", "Metropolitan Borough Council",
    "District Council",
];

#[rustfmt::skip]
const SURNAMES: [&str; 32] = [
    "Abbott", "Bramley", "Carver", "Delaney", "Ellison", "Fairbairn", "Gossage", "Hebden",
    "Ingleby", "Jessop", "Kettlewell", "Lathom", "Marsden", "Nuttall", "Ormerod", "Pilling",
    "Quayle", "Rushton", "Stansfield", "Tattersall", "Umpleby", "Varley", "Wardle", "Yeadon",
    "Armitage", "Birtwistle", "Clegg", "Dewhurst", "Entwistle", "Frankland", "Greenwood", "Haworth",
];

/// Topics: a name for item titles and the sentences paragraphs are made of. `{n}` is a number.
struct Topic {
    title: &'static str,
    /// Words a follow-up item title repeats ("Fostering Recruitment Update").
    subject: &'static str,
    sentences: &'static [&'static str],
}

#[rustfmt::skip]
const TOPICS: &[Topic] = &[
    Topic { title: "Fostering Recruitment", subject: "fostering recruitment", sentences: &[
        "The service had approved {n} new fostering households since the spring.",
        "Members asked how many foster carers had left the service in the year and why.",
        "The fostering team described its campaign to attract carers for older children.",
        "Officers said that enquiries from prospective foster carers had risen after the radio advertising.",
    ]},
    Topic { title: "Social Work Caseloads", subject: "social work caseloads", sentences: &[
        "The average caseload stood at {n} cases per social worker, above the target.",
        "Caseloads in the assessment teams had fallen, but remained high in long-term teams.",
        "Members were concerned that newly qualified social workers held protected caseloads for only six months.",
        "The service manager explained how caseloads were weighted by complexity.",
    ]},
    Topic { title: "Ofsted Inspection Outcome", subject: "ofsted inspection", sentences: &[
        "Inspectors had judged the service to require improvement to be good.",
        "The Ofsted focused visit had looked at the front door and at children in need.",
        "An action plan responding to the inspection findings would be monitored by the improvement board.",
        "Members asked when the next inspection was likely to take place.",
    ]},
    Topic { title: "Agency Staffing", subject: "agency staffing", sentences: &[
        "Agency social workers made up {n}% of the workforce, costing more than budgeted.",
        "The plan was to convert agency staff to permanent posts through a market supplement.",
        "Reliance on locum managers had reduced over the quarter.",
    ]},
    Topic { title: "Children in Care", subject: "children care", sentences: &[
        "There were {n} looked after children at the end of the quarter.",
        "The number of children in care had risen, mainly among teenagers.",
        "Members discussed placement stability for looked after children placed out of area.",
        "The corporate parenting panel had heard from young people about their reviews.",
    ]},
    Topic { title: "Care Leavers", subject: "care leavers", sentences: &[
        "The service supported {n} care leavers, most of them in education or training.",
        "Members asked about suitable accommodation for care leavers turning eighteen.",
        "Personal advisers now kept in touch with care leavers up to the age of twenty-five.",
    ]},
    Topic { title: "Placement Costs", subject: "placement costs", sentences: &[
        "An in-house foster placement cost about £{n} a year, far less than an agency placement.",
        "Residential placements remained the largest pressure on the placements budget.",
        "The sufficiency strategy aimed to open two small children's homes within the borough.",
    ]},
    Topic { title: "Children's Mental Health", subject: "mental health", sentences: &[
        "Waiting times for CAMHS had reached {n} weeks for a first appointment.",
        "Schools reported more pupils with anxiety and low mood since the pandemic.",
        "The emotional wellbeing service offered drop-in sessions in secondary schools.",
    ]},
    Topic { title: "SEND and EHC Plans", subject: "send plans", sentences: &[
        "Only {n}% of education, health and care plans were issued within twenty weeks.",
        "Members asked about SEND transport costs and the number of appeals to the tribunal.",
        "The local area SEND inspection had identified weaknesses in joint commissioning.",
    ]},
    Topic { title: "Early Help", subject: "early help", sentences: &[
        "Early help assessments had increased, with family hubs now open in every locality.",
        "The threshold document had been revised with partners at the safeguarding partnership.",
        "Referrals to the front door were mostly from the police and from schools.",
    ]},
    Topic { title: "Youth Justice Plan", subject: "youth justice", sentences: &[
        "The youth justice service reported {n} first time entrants in the year.",
        "Reoffending by young people had fallen, though custody numbers were unchanged.",
        "Members welcomed the restorative justice work with victims.",
    ]},
    Topic { title: "Unaccompanied Children", subject: "unaccompanied children", sentences: &[
        "The council was looking after {n} unaccompanied asylum-seeking children.",
        "Transfers under the national transfer scheme had placed pressure on placements.",
        "Age assessments were carried out by trained social workers.",
    ]},
    Topic { title: "Local Plan", subject: "local plan", sentences: &[
        "The planning committee considered the draft local plan and its housing allocation.",
        "Members asked about the planning application for {n} dwellings on the edge of the town.",
        "The conservation area appraisal would go out to consultation.",
    ]},
    Topic { title: "Housing and Homelessness", subject: "housing homelessness", sentences: &[
        "Homelessness presentations had risen, with {n} households in temporary accommodation.",
        "The housing register was being reviewed to reduce waiting times for social housing.",
        "Members discussed the supply of affordable homes and empty properties.",
    ]},
    Topic { title: "Highways Maintenance", subject: "highways maintenance", sentences: &[
        "The highways team had repaired {n} potholes following the winter.",
        "Members raised road safety concerns near schools and asked about speed limits.",
        "The bus service review would report on rural routes.",
    ]},
    Topic { title: "Budget Monitoring", subject: "budget monitoring", sentences: &[
        "The forecast overspend for the year stood at £{n} million.",
        "Savings proposals for the medium term financial strategy would go to Cabinet.",
        "Members asked how reserves would be used to balance the budget.",
    ]},
    Topic { title: "Climate Action", subject: "climate action", sentences: &[
        "The climate emergency action plan aimed for carbon neutrality by the end of the decade.",
        "Recycling rates had reached {n}% across the district.",
        "Tree planting and flood defences were discussed.",
    ]},
    Topic { title: "Community Safety", subject: "community safety", sentences: &[
        "Anti-social behaviour reports had fallen in the town centre.",
        "The community safety partnership was focusing on domestic abuse.",
        "Members asked about CCTV coverage in the new car park.",
    ]},
];

/// Committees and the topics their business is drawn from (indices into [`TOPICS`]).
#[rustfmt::skip]
const COMMITTEES: &[(&str, &[usize])] = &[
    ("Children's Services Scrutiny Board", &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ("Corporate Parenting Panel", &[0, 4, 5, 6, 7]),
    ("Children and Young People Select Committee", &[1, 2, 3, 8, 9, 10, 11]),
    ("Planning Committee", &[12, 13, 16]),
    ("Housing Scrutiny Panel", &[13, 15, 17]),
    ("Cabinet", &[6, 12, 13, 14, 15, 16]),
    ("Environment and Transport Committee", &[14, 16, 17]),
];

const STANDING: [(&str, StandingItem, &str); 3] = [
    (
        "Apologies for Absence",
        StandingItem::Apologies,
        "Apologies were received from Councillor {name}, who was attending a fostering celebration event.",
    ),
    (
        "Declarations of Interest",
        StandingItem::DeclarationsOfInterest,
        "Councillor {name} declared an interest as a foster carer and took no part in that item.",
    ),
    (
        "Minutes of the Previous Meeting",
        StandingItem::PreviousMinutes,
        "The minutes of the previous meeting were agreed as a correct record, including the note on caseloads.",
    ),
];

/// The councils a configuration spreads meetings over, by full name.
pub fn council_names(config: &SynthConfig) -> Vec<String> {
    (0..config.councils.clamp(1, PLACES.len()))
        .map(|i| format!("{} {}", PLACES[i], KINDS[i % KINDS.len()]))
        .collect()
}

/// Every document of a synthetic library, in order.
pub fn documents(config: SynthConfig) -> impl Iterator<Item = NewDocument> {
    (0..config.meetings).map(move |n| document(&config, n))
}

/// The `n`th document of a synthetic library.
pub fn document(config: &SynthConfig, n: usize) -> NewDocument {
    let (source, record) = meeting(config, n);
    let bytes: usize = source.pages.iter().map(|p| p.text.len()).sum();
    NewDocument {
        sha256: format!("{:016x}{:048x}", config.seed, n),
        file_name: format!("synthetic-{n:05}.txt"),
        path: format!("/synthetic/{}/synthetic-{n:05}.txt", config.seed),
        bytes: bytes as u64,
        imported_at: Utc
            .with_ymd_and_hms(2024, 1, 1, 9, 0, 0)
            .single()
            .unwrap_or_default(),
        source,
        record,
    }
}

/// Builds a document's text and record together, so that every span points at its text.
struct Writer {
    text: String,
    items: Vec<AgendaItem>,
    paragraphs: Vec<Paragraph>,
    resolutions: Vec<Resolution>,
    figures: Vec<Figure>,
}

impl Writer {
    fn line(&mut self, s: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(s);
        let span = Span {
            start,
            end: self.text.len(),
        };
        self.text.push_str("\n\n");
        span
    }

    fn item(&mut self, number: usize, title: &str, standing: Option<StandingItem>) -> usize {
        let span = self.line(&format!("{number}. {title}"));
        self.items.push(AgendaItem {
            number: Some(number.to_string()),
            title: title.to_string(),
            page: 1,
            span,
            standing,
        });
        self.items.len() - 1
    }

    fn paragraph(&mut self, item: usize, text: &str) -> usize {
        let span = self.line(text);
        self.paragraphs.push(Paragraph {
            text: text.to_string(),
            page: 1,
            item_index: Some(item),
            span,
        });
        if let Some(it) = self.items.get_mut(item) {
            it.span.end = span.end;
        }
        self.paragraphs.len() - 1
    }
}

fn meeting(config: &SynthConfig, n: usize) -> (SourceText, MeetingRecord) {
    let mut rng = Rng::new(config.seed.wrapping_mul(1_000_003).wrapping_add(n as u64));
    let councils = council_names(config);
    let council_index = rng.below(councils.len());
    let council = &councils[council_index];
    // Each council has its own few committees, and one topic it talks about more than others.
    let mut crng = Rng::new(config.seed ^ ((council_index as u64 + 1) * 7919));
    let committee_count = 2 + crng.below(3);
    let first_committee = crng.below(COMMITTEES.len());
    let local_topic = crng.below(TOPICS.len());
    let (committee, topics) =
        COMMITTEES[(first_committee + rng.below(committee_count)) % COMMITTEES.len()];
    let days = i64::from(config.years.max(1)) * 365;
    let date = NaiveDate::from_ymd_opt(config.first_year, 1, 1)
        .and_then(|d| d.checked_add_days(Days::new(rng.below(days as usize) as u64)));
    let undated = rng.chance(1);
    let unknown_council = rng.chance(1);

    let mut w = Writer {
        text: String::new(),
        items: Vec::new(),
        paragraphs: Vec::new(),
        resolutions: Vec::new(),
        figures: Vec::new(),
    };
    let heading = format!(
        "{council}\nMinutes of the {committee}{}",
        date.filter(|_| !undated)
            .map(|d| format!(" held on {}", d.format("%-d %B %Y")))
            .unwrap_or_default()
    );
    let heading_span = w.line(&heading);

    let name = |rng: &mut Rng| rng.pick(&SURNAMES).to_string();
    let mut number = 1;
    for (title, standing, text) in STANDING {
        let item = w.item(number, title, Some(standing));
        number += 1;
        let text = text.replace("{name}", &name(&mut rng));
        w.paragraph(item, &text);
    }
    let topical = 3 + rng.below(5);
    for _ in 0..topical {
        // A council's own topic comes up more often than the committee's usual business.
        let t = if rng.chance(20) {
            local_topic
        } else {
            *rng.pick(topics)
        };
        let topic = &TOPICS[t];
        let follow_up = rng.chance(15);
        let title = if follow_up {
            format!("{} Update", topic.title)
        } else {
            topic.title.to_string()
        };
        let item = w.item(number, &title, None);
        number += 1;
        for _ in 0..2 + rng.below(4) {
            let mut para = String::new();
            let mut figure: Option<(String, f64)> = None;
            for _ in 0..2 + rng.below(2) {
                let s = *rng.pick(topic.sentences);
                let s = if s.contains("{n}") {
                    let value = 5 + rng.below(400);
                    let shown = value.to_string();
                    if figure.is_none() {
                        figure = Some((shown.clone(), value as f64));
                    }
                    s.replace("{n}", &shown)
                } else {
                    s.to_string()
                };
                if !para.is_empty() {
                    para.push(' ');
                }
                para.push_str(&s);
            }
            if follow_up && rng.chance(50) {
                para.push_str(" The update requested at an earlier meeting was presented.");
            }
            let pi = w.paragraph(item, &para);
            if let Some((shown, value)) = figure {
                let span = w.paragraphs[pi].span;
                let at = para.find(&shown).unwrap_or(0);
                let pound = at > 0 && para[..at].ends_with('£');
                let percent = para[at + shown.len()..].starts_with('%');
                let (text, unit, start) = if pound {
                    (format!("£{shown}"), FigureUnit::Gbp, at - '£'.len_utf8())
                } else if percent {
                    (format!("{shown}%"), FigureUnit::Percent, at)
                } else {
                    (shown.clone(), FigureUnit::Count, at)
                };
                w.figures.push(Figure {
                    value,
                    value_max: None,
                    unit,
                    what: None,
                    approximate: para.contains("about"),
                    sentence: para
                        .split_inclusive(". ")
                        .find(|s| s.contains(&text))
                        .unwrap_or(&para)
                        .trim()
                        .to_string(),
                    page: 1,
                    span: Span {
                        start: span.start + start,
                        end: span.start + start + text.len(),
                    },
                    paragraph_index: Some(pi),
                    item_index: Some(item),
                    text,
                });
            }
        }
        let resolution = if rng.chance(35) {
            format!(
                "That an update on {} be brought to the next meeting of the {committee}.",
                topic.subject
            )
        } else {
            "That the report be noted.".to_string()
        };
        let text = format!("Resolved: {resolution}");
        let pi = w.paragraph(item, &text);
        let span = w.paragraphs[pi].span;
        w.resolutions.push(Resolution {
            item: Some((number - 1).to_string()),
            item_index: Some(item),
            text: resolution,
            page: 1,
            span: Span {
                start: span.start + "Resolved: ".len(),
                end: span.end,
            },
        });
    }
    let item = w.item(
        number,
        "Date of Next Meeting",
        Some(StandingItem::Procedural),
    );
    w.paragraph(item, "The next meeting would be held in six weeks' time.");

    let present: Vec<Person> = (0..5 + rng.below(6))
        .map(|i| Person {
            name: name(&mut rng),
            role: None,
            chair: i == 0,
            vice_chair: i == 1,
        })
        .collect();
    let apologies: Vec<Person> = (0..rng.below(3))
        .map(|_| Person {
            name: name(&mut rng),
            role: None,
            chair: false,
            vice_chair: false,
        })
        .collect();

    let text = w.text.trim_end().to_string();
    let record = MeetingRecord {
        kind: DocKind::Minutes,
        title: None,
        council: NamedField {
            name: (!unknown_council).then(|| council.clone()),
            confidence: if unknown_council { 0.0 } else { 0.9 },
            evidence: Some(council.clone()),
            page: Some(1),
            span: Some(Span {
                start: heading_span.start,
                end: heading_span.start + council.len(),
            }),
        },
        committee: NamedField {
            name: Some(committee.to_string()),
            confidence: 0.85,
            evidence: Some(committee.to_string()),
            page: Some(1),
            span: None,
        },
        meeting_date: DateField {
            date: date.filter(|_| !undated),
            confidence: if undated { 0.0 } else { 0.9 },
            evidence: None,
            page: Some(1),
            span: None,
            window: None,
        },
        start_time: Some("18:00".into()),
        end_time: Some("20:00".into()),
        venue: Some("Council Chamber".into()),
        attendance: Attendance {
            present,
            apologies,
            in_attendance: Vec::new(),
        },
        items: w.items,
        resolutions: w.resolutions,
        figures: w.figures,
        paragraphs: w.paragraphs,
        diagnostics: Vec::new(),
        confidence: 0.85,
    };
    let source = SourceText {
        format: SourceFormat::Text,
        extractor: TextExtractor::Plain,
        pages: vec![PageText { number: 1, text }],
        removed_lines: Vec::<RemovedLine>::new(),
        title: None,
        diagnostics: Vec::new(),
    };
    debug_assert!(
        PAGE_JOINER.len() == 2,
        "single-page documents need no joiner"
    );
    (source, record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_config_gives_the_same_documents() {
        let config = SynthConfig::default();
        let a: Vec<_> = documents(config).take(5).collect();
        let b: Vec<_> = documents(config).take(5).collect();
        assert_eq!(a, b, "generation is deterministic");
        let other = document(&SynthConfig { seed: 8, ..config }, 0);
        assert_ne!(other.record, a[0].record, "another seed gives other text");
    }

    #[test]
    fn spans_point_at_their_text() {
        for doc in documents(SynthConfig::default()).take(20) {
            let text = &doc.source.pages[0].text;
            for p in &doc.record.paragraphs {
                assert_eq!(
                    &text[p.span.start..p.span.end],
                    p.text,
                    "a paragraph's span is its text"
                );
            }
            for f in &doc.record.figures {
                assert_eq!(
                    &text[f.span.start..f.span.end],
                    f.text,
                    "a figure's span is its text"
                );
                let p = &doc.record.paragraphs[f.paragraph_index.unwrap_or(0)];
                assert!(
                    p.text.contains(&f.sentence),
                    "a figure's sentence is in its paragraph"
                );
            }
            for r in &doc.record.resolutions {
                assert_eq!(
                    &text[r.span.start..r.span.end],
                    r.text,
                    "a resolution's span is its text"
                );
            }
        }
    }
}
