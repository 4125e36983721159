//! Synthetic minutes as files: the text a council publishes, in one of several house styles,
//! and the PDF it would print to.
//!
//! [`super::document`] builds records directly, which measures the store and the analyses but
//! not reading files. An import benchmark has to start where a user starts, from a folder of
//! files, and go through ingest and extraction. Real minutes cannot be shipped in bulk, so this
//! module writes them: each council keeps one house style (UK numbered minutes, minute
//! references, `Item n:` headings, Irish proposer-and-seconder minutes, US council minutes with
//! motions), its meetings run to a realistic length (about ten A4 pages on average, from four
//! to twenty), and each PDF is laid out with its own running header, footer, font size and
//! margins. One document in twenty is written the way Ghostscript writes text, which
//! pdf-extract cannot read, so the fallback extractor is exercised too.
//!
//! Every sentence comes from the banks in [`super`] (written for Scrutineer) plus a few rare
//! sentences here, so searches have rare, common and very common words to look for. The same
//! configuration always gives the same files, byte for byte.

use chrono::{Datelike, Days, NaiveDate};

use super::{Rng, SynthConfig, COMMITTEES, PLACES, SURNAMES, TOPICS};
use crate::error::Result;
use crate::pdfgen::{self, PdfLayout, TextOperators};

/// One synthetic meeting's minutes, ready to be written as a text file or a PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct MinutesFile {
    /// A folder for the file, as councils' archives are kept: `council/year`.
    pub folder: String,
    /// The file name without its extension.
    pub stem: String,
    /// The minutes as published text.
    pub text: String,
    /// How the PDF edition is laid out.
    pub layout: PdfLayout,
}

impl MinutesFile {
    /// The minutes as a PDF (see [`crate::pdfgen::text_pdf`]).
    pub fn pdf(&self) -> Result<Vec<u8>> {
        pdfgen::text_pdf(&self.text, &self.layout)
    }
}

/// A council's way of writing minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `4. FOSTERING RECRUITMENT` … `RESOLVED – That …`
    Numbered,
    /// `CS/17/42 Fostering Recruitment` … `Resolved: that …`
    MinuteRef,
    /// `Item 4: Fostering Recruitment` … `RESOLVED that …`
    ItemColon,
    /// Irish county minutes: proposed, seconded and resolved.
    Irish,
    /// US city council minutes: call to order, roll call, motions.
    Us,
}

const STYLES: [Style; 5] = [
    Style::Numbered,
    Style::MinuteRef,
    Style::ItemColon,
    Style::Irish,
    Style::Us,
];

/// Sentences that turn up rarely (about one paragraph in four hundred), so that a search for
/// a rare word has something to find.
#[rustfmt::skip]
const RARE: [&str; 6] = [
    "A defibrillator had been installed at the community centre after a local appeal.",
    "The allotment society had written about water charges at the Millbeck site.",
    "A petition about the skatepark had gathered several hundred signatures.",
    "Members noted a bequest left to the library service by a former councillor.",
    "The heritage officer reported that the bandstand restoration was complete.",
    "An otter had been seen on the river for the first time in decades.",
];

/// What a US city council asks staff to do, as a motion.
#[rustfmt::skip]
const US_MOTIONS: [&str; 3] = [
    "to direct staff to return with an update on {subject} at the next meeting",
    "to receive and file the report on {subject}",
    "to approve the recommendations on {subject} as presented",
];

/// The councils of Great Britain and Ireland, as the gazetteer lists them: real names, so that
/// extraction finds them as it would in real minutes.
const GAZETTEER: &str = include_str!("../../data/councils.tsv");

/// Councils of one kind in the gazetteer: British (`irish` false) or Irish, official names.
fn gazetteer_councils(irish: bool) -> Vec<&'static str> {
    GAZETTEER
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let name = cols.next()?;
            let kind = cols.next()?;
            (kind.starts_with("irish") == irish).then_some(name)
        })
        .collect()
}

/// The name council `c` publishes under: a real British or Irish council (spread over the
/// gazetteer), or for the US style an invented city.
fn council_name(style: Style, c: usize) -> String {
    if style == Style::Us {
        return format!("City of {}", PLACES[c % PLACES.len()]);
    }
    let names = gazetteer_councils(style == Style::Irish);
    if names.is_empty() {
        return format!("{} Council", PLACES[c % PLACES.len()]);
    }
    names[(c * 37 + 11) % names.len()].to_string()
}

/// The `n`th file of a synthetic library of minutes.
pub fn minutes_file(config: &SynthConfig, n: usize) -> MinutesFile {
    let mut rng = Rng::new(config.seed.wrapping_mul(7_368_787).wrapping_add(n as u64));
    let councils = config.councils.clamp(1, PLACES.len());
    let c = rng.below(councils);
    let style = STYLES[c % STYLES.len()];
    let council = council_name(style, c);
    // Each council has its own few committees and one topic it talks about more than others.
    let mut crng = Rng::new(config.seed ^ ((c as u64 + 1) * 7919));
    let committee_count = 2 + crng.below(3);
    let first_committee = crng.below(COMMITTEES.len());
    let local_topic = crng.below(TOPICS.len());
    let (committee, topics) =
        COMMITTEES[(first_committee + rng.below(committee_count)) % COMMITTEES.len()];
    let committee = match style {
        Style::Us if committee == "Cabinet" => "City Council",
        _ => committee,
    };
    let days = u64::from(config.years.max(1)) * 365;
    let date = NaiveDate::from_ymd_opt(config.first_year, 1, 1)
        .and_then(|d| d.checked_add_days(Days::new(rng.below(days as usize) as u64)))
        .unwrap_or_default();

    let mut w = Text::default();
    let people: Vec<&str> = (0..5 + rng.below(6))
        .map(|_| *rng.pick(&SURNAMES))
        .collect();
    let absent = *rng.pick(&SURNAMES);
    heading(&mut w, style, &council, committee, date, &people, absent);

    let prefix: String = committee
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_uppercase)
        .collect();
    let mut number = 1;
    let label = |n: usize| -> String {
        match style {
            Style::Numbered | Style::Irish => format!("{n}."),
            Style::MinuteRef => format!("{prefix}/{:02}/{}", date.year() % 100, 20 + n),
            Style::ItemColon => format!("Item {n}:"),
            Style::Us => format!("{}.", (b'A' + (n as u8 - 1) % 26) as char),
        }
    };
    for (title, body) in standing(style, absent) {
        w.item(&label(number), title, style);
        number += 1;
        w.para(&body);
    }

    let topical = 8 + rng.below(11);
    for _ in 0..topical {
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
        w.item(&label(number), &title, style);
        number += 1;
        for _ in 0..3 + rng.below(6) {
            let mut para = String::new();
            for _ in 0..3 + rng.below(4) {
                let s = rng
                    .pick(topic.sentences)
                    .replace("{n}", &(5 + rng.below(400)).to_string());
                if !para.is_empty() {
                    para.push(' ');
                }
                para.push_str(&s);
            }
            if rng.below(400) == 0 {
                para.push(' ');
                para.push_str(rng.pick::<&str>(&RARE));
            }
            if follow_up && rng.chance(40) {
                para.push_str(" The update requested at an earlier meeting was presented.");
            }
            w.para(&para);
        }
        let asks = rng.chance(20);
        let (mover, seconder) = (*rng.pick(&people), *rng.pick(&people));
        w.para(&decision(
            style,
            asks,
            topic.subject,
            committee,
            mover,
            seconder,
        ));
    }
    let closing = match style {
        Style::Us => {
            "ADJOURNMENT\n\nThere being no further business, the meeting was adjourned at 9:12 p.m."
                .to_string()
        }
        _ => format!(
            "The meeting closed at {}.{:02} pm.",
            7 + rng.below(3),
            rng.below(60)
        ),
    };
    w.para(&closing);

    let font_size = [10.5, 11.0, 11.0, 12.0][rng.below(4)];
    let short_date = date.format("%d/%m/%Y").to_string();
    let layout = PdfLayout {
        title: Some(format!("{committee} minutes")),
        header: match rng.below(3) {
            0 => None,
            1 => Some(format!("{committee} - {short_date}")),
            _ => Some(council.clone()),
        },
        footer: Some(
            match rng.below(3) {
                0 => "Page {page} of {pages}",
                1 => "{page}",
                _ => "- {page} -",
            }
            .to_string(),
        ),
        font_size,
        margin: [56.0, 64.0, 72.0][rng.below(3)],
        operators: if rng.below(20) == 0 {
            TextOperators::NextLine
        } else {
            TextOperators::Positioned
        },
    };
    MinutesFile {
        folder: format!("{}/{}", slug(&council), date.year()),
        stem: format!("{}-{}-{n:05}", date.format("%Y-%m-%d"), slug(committee)),
        text: w.text,
        layout,
    }
}

/// Every file of a synthetic library, in order.
pub fn minutes_files(config: SynthConfig) -> impl Iterator<Item = MinutesFile> {
    (0..config.meetings).map(move |n| minutes_file(&config, n))
}

/// Text with blank lines between blocks, as minutes are published.
#[derive(Default)]
struct Text {
    text: String,
}

impl Text {
    fn para(&mut self, s: &str) {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        self.text.push_str(s);
    }

    fn item(&mut self, label: &str, title: &str, style: Style) {
        let title = match style {
            Style::Numbered | Style::Us => title.to_uppercase(),
            _ => title.to_string(),
        };
        self.para(&format!("{label} {title}"));
    }
}

fn long_date(d: NaiveDate) -> String {
    let day = d.day();
    let suffix = match (day % 10, day % 100) {
        (1, n) if n != 11 => "st",
        (2, n) if n != 12 => "nd",
        (3, n) if n != 13 => "rd",
        _ => "th",
    };
    format!("{} {day}{suffix} {}", d.format("%A"), d.format("%B %Y"))
}

fn heading(
    w: &mut Text,
    style: Style,
    council: &str,
    committee: &str,
    date: NaiveDate,
    people: &[&str],
    absent: &str,
) {
    let members = people[1..].join(", ");
    match style {
        Style::Numbered => {
            w.para(&council.to_uppercase());
            w.para(&format!(
                "MINUTES of a meeting of the {} held at the Town Hall on {} at 6.00 pm",
                committee.to_uppercase(),
                date.format("%A %-d %B %Y")
            ));
            w.para(&format!(
                "PRESENT: Councillor {} (Chair); Councillors {members}.",
                people[0]
            ));
            w.para("ALSO PRESENT: Director of Children's Services, Democratic Services Officer.");
        }
        Style::MinuteRef => {
            w.para(&format!("{council}\n{committee}"));
            w.para(&format!(
                "Minutes of the meeting held on {}",
                long_date(date)
            ));
            w.para(&format!(
                "Members present: Councillor {} (in the Chair), Councillors {members}",
                people[0]
            ));
            w.para(&format!("Apologies: Councillor {absent}"));
        }
        Style::ItemColon => {
            w.para(&format!(
                "{council}\n\nMinutes of the {committee}\n\nDate: {}\nTime: 2.00 pm\nVenue: Council Chamber",
                date.format("%-d %B %Y")
            ));
            w.para(&format!("Present: {} (Chair), {members}", people[0]));
        }
        Style::Irish => {
            w.para(&format!(
                "Minutes of the {committee} of {council} held in the Council Chamber, County Hall on {} at 3.00 p.m.",
                date.format("%A, %-d %B %Y")
            ));
            let cllrs: Vec<String> = people.iter().map(|p| format!("Cllr. {p}")).collect();
            w.para(&format!(
                "Cathaoirleach: Cllr. {}\n\nMembers present: {}",
                people[0],
                cllrs.join(", ")
            ));
        }
        Style::Us => {
            w.para(&format!(
                "{}\n{}\nREGULAR MEETING MINUTES\n{}",
                council.to_uppercase(),
                committee.to_uppercase(),
                date.format("%B %-d, %Y")
            ));
            w.para(&format!(
                "Mayor {} called the meeting to order at 7:00 p.m. in the Council Chambers.",
                people[0]
            ));
            w.para(&format!(
                "Present: Council Members {members}. Absent: Council Member {absent}."
            ));
        }
    }
}

/// The standing business a style opens with.
fn standing(style: Style, absent: &str) -> Vec<(&'static str, String)> {
    match style {
        Style::Us => vec![
            (
                "Approval of the Agenda",
                "The agenda was approved as presented.".to_string(),
            ),
            (
                "Public Comment",
                "There were no speakers during public comment.".to_string(),
            ),
            (
                "Consent Calendar",
                "The minutes of the previous regular meeting were approved on the consent calendar.".to_string(),
            ),
        ],
        Style::Irish => vec![
            (
                "Confirmation of Minutes",
                "The minutes of the previous meeting were confirmed and signed.".to_string(),
            ),
            (
                "Votes of Sympathy",
                "A vote of sympathy was extended to the family of a former member.".to_string(),
            ),
        ],
        _ => vec![
            (
                "Apologies for Absence",
                format!("Apologies for absence were received from Councillor {absent}."),
            ),
            (
                "Declarations of Interest",
                "There were no declarations of interest.".to_string(),
            ),
            (
                "Minutes of the Previous Meeting",
                "The minutes of the previous meeting were agreed as a correct record.".to_string(),
            ),
        ],
    }
}

/// What the meeting decided on an item: a request for an update, or noting.
fn decision(
    style: Style,
    asks: bool,
    subject: &str,
    committee: &str,
    mover: &str,
    seconder: &str,
) -> String {
    let ask = format!("an update on {subject} be brought to the next meeting of the {committee}");
    match style {
        Style::Numbered if asks => format!("RESOLVED – That {ask}."),
        Style::Numbered => "RESOLVED – That the report be noted.".to_string(),
        Style::MinuteRef if asks => format!("Resolved: that {ask}."),
        Style::MinuteRef => "Resolved: that the report be noted.".to_string(),
        Style::ItemColon if asks => format!("RESOLVED that {ask}."),
        Style::ItemColon => "RESOLVED that the report be received.".to_string(),
        Style::Irish => {
            let what = if asks {
                format!("that {ask}")
            } else {
                "that the report be noted".to_string()
            };
            format!("On the proposal of Cllr. {mover}, seconded by Cllr. {seconder}, it was resolved {what}.")
        }
        Style::Us => {
            let motion = US_MOTIONS[if asks { 0 } else { 1 + subject.len() % 2 }]
                .replace("{subject}", subject);
            format!(
                "MOTION: Council Member {mover} moved, seconded by Council Member {seconder}, {motion}. Motion carried 5-0."
            )
        }
    }
}

/// A name as a folder or file name: lower case, words joined by hyphens.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for word in s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_deterministic_and_varied() {
        let config = SynthConfig {
            meetings: 40,
            councils: 10,
            ..SynthConfig::default()
        };
        let a: Vec<_> = minutes_files(config).collect();
        let b: Vec<_> = minutes_files(config).collect();
        assert_eq!(a, b, "the same configuration gives the same files");
        let stems: std::collections::HashSet<_> = a.iter().map(|f| &f.stem).collect();
        assert_eq!(stems.len(), a.len(), "every file has its own name");
        assert!(
            a.iter().any(|f| f.text.contains("Motion carried"))
                && a.iter().any(|f| f.text.contains("RESOLVED – That"))
                && a.iter().any(|f| f.text.contains("Cllr.")),
            "several house styles appear among ten councils"
        );
    }

    #[test]
    fn minutes_run_to_several_pages() {
        let config = SynthConfig {
            meetings: 6,
            ..SynthConfig::default()
        };
        for file in minutes_files(config) {
            let bytes = file.pdf().expect("synthetic minutes lay out as a PDF");
            let doc = lopdf::Document::load_mem(&bytes).expect("the PDF reads back");
            assert!(
                doc.get_pages().len() >= 3,
                "minutes of six or more items fill several pages, not {}",
                doc.get_pages().len()
            );
        }
    }
}
