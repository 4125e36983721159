//! The analysis layer end to end on a synthetic library built here in code: three councils,
//! two years of meetings, themes planted where we know they are. Every passage below was
//! written for these tests.
//!
//! Also: the built-in codebooks, codebook edits and file round trips, the matcher on awkward
//! text, emergent themes, the HTML report, the real corpus when present (skipped otherwise) and
//! an ignored micro-benchmark (`cargo test -p scrutineer-core --release --test it
//! analysis::bench -- --ignored --nocapture`).

use std::collections::HashMap;

use crate::fixture::date;

use chrono::NaiveDate;
use scrutineer_core::analysis::codebook::{
    self, add_pattern, add_theme, default_codebook, delete_theme, diff, fingerprints, from_json,
    from_toml, merge_themes, remove_pattern, rename_theme, to_json, to_toml,
};
use scrutineer_core::analysis::export::{comparison_html, to_csv, ReportInfo};
use scrutineer_core::analysis::rows::{body_size, paragraph_evidence, tally};
use scrutineer_core::analysis::*;
use scrutineer_core::model::{
    ActionStatus, AnalysisScope, Codebook, FigureUnit, Id, Metric, Period, Theme,
};

// ---------------------------------------------------------------------------------------------
// A synthetic library
// ---------------------------------------------------------------------------------------------

/// Rows as the store would load them, built meeting by meeting.
#[derive(Default)]
struct Library {
    meetings: Vec<MeetingRow>,
    paragraphs: Vec<ParagraphRow>,
    items: Vec<ItemRow>,
    resolutions: Vec<ResolutionRow>,
    figures: Vec<FigureRow>,
    next: Id,
    counts: Vec<MeetingThemeCount>,
    evidence: Vec<ThemeEvidence>,
}

struct Item {
    meeting: Id,
    number: String,
    title: String,
    standing: bool,
}

impl Library {
    fn id(&mut self) -> Id {
        self.next += 1;
        self.next
    }

    fn meeting(&mut self, council: &str, committee: &str, when: Option<NaiveDate>) -> Id {
        let id = self.id();
        self.meetings.push(MeetingRow {
            id,
            council: Some(council.to_string()),
            committee: Some(committee.to_string()),
            date: when,
            present: Some(8),
            apologies: Some(1),
            ..MeetingRow::default()
        });
        id
    }

    fn item(&mut self, meeting: Id, number: &str, title: &str, standing: bool) -> Item {
        self.items.push(ItemRow {
            meeting_id: meeting,
            number: Some(number.to_string()),
            title: title.to_string(),
            page: 1,
            standing,
        });
        Item {
            meeting,
            number: number.to_string(),
            title: title.to_string(),
            standing,
        }
    }

    fn para(&mut self, item: &Item, text: &str) -> Id {
        let id = self.id();
        self.paragraphs.push(ParagraphRow {
            id,
            meeting_id: item.meeting,
            page: 1 + (self.paragraphs.len() as u32 % 3),
            item_number: Some(item.number.clone()),
            item_title: Some(item.title.clone()),
            standing: item.standing,
            text: text.to_string(),
        });
        id
    }

    fn resolution(&mut self, item: &Item, text: &str) -> Id {
        let id = self.id();
        let paragraph_id = self.para(item, text);
        self.resolutions.push(ResolutionRow {
            id,
            meeting_id: item.meeting,
            paragraph_id: Some(paragraph_id),
            page: 1,
            item_number: Some(item.number.clone()),
            item_title: Some(item.title.clone()),
            standing: item.standing,
            text: text.to_string(),
        });
        id
    }

    fn figure(&mut self, item: &Item, text: &str, value: f64, unit: FigureUnit, sentence: &str) {
        let paragraph_id = self.para(item, sentence);
        self.figures.push(FigureRow {
            meeting_id: item.meeting,
            paragraph_id: Some(paragraph_id),
            page: 1,
            item_number: Some(item.number.clone()),
            item_title: Some(item.title.clone()),
            text: text.to_string(),
            value,
            value_max: None,
            unit,
            what: None,
            sentence: sentence.to_string(),
            metric: None,
        });
    }

    /// What the store does after import: match every paragraph, keep per meeting × theme
    /// counts, the denominators, and a few citations per council and theme.
    fn apply(&mut self, matcher: &ThemeMatcher) {
        let meetings = self.meetings.clone();
        self.counts.clear();
        self.evidence.clear();
        for m in &mut self.meetings {
            let ps: Vec<ParagraphRow> = self
                .paragraphs
                .iter()
                .filter(|p| p.meeting_id == m.id)
                .cloned()
                .collect();
            let (chars, n) = body_size(&ps);
            m.text_chars = chars;
            m.paragraphs = n;
            let matches: Vec<_> = ps.iter().map(|p| matcher.match_text(&p.text)).collect();
            self.counts.extend(tally(&ps, &matches));
        }
        let by_id: HashMap<Id, &MeetingRow> = meetings.iter().map(|m| (m.id, m)).collect();
        let mut per: HashMap<(String, String), usize> = HashMap::new();
        for p in self.paragraphs.iter().filter(|p| !p.standing) {
            let m = by_id.get(&p.meeting_id).copied();
            for t in matcher.themes_in(&p.text) {
                let theme_id = matcher.theme_ids()[t].clone();
                let council = m.and_then(|m| m.council.clone()).unwrap_or_default();
                let n = per.entry((council, theme_id.clone())).or_default();
                if *n < 3 {
                    *n += 1;
                    self.evidence.push(ThemeEvidence {
                        theme_id,
                        evidence: paragraph_evidence(m, p),
                    });
                }
            }
        }
    }
}

const NORTH: &str = "Northmoor Borough Council";
const EAST: &str = "Eastvale County Council";
const WEST: &str = "Westbrook City Council";
const PANEL: &str = "Children and Families Scrutiny Panel";

// Passages written for these tests.
const APOLOGIES: &str = "Apologies were received from Councillor Reed, who was at a celebration evening for foster carers and adopters.";
const WELCOME: &str =
    "The Chair welcomed everyone to the meeting and introduced the officers in attendance.";
const FOSTERING: &str = "The Panel heard that fostering enquiries had risen after the summer campaign, and that the service hoped to approve more foster families.";
const CLOSE: &str = "Members thanked the officers for a clear and helpful presentation and asked questions, which were answered.";
const SEND_TEXT: &str = "The Head of Inclusion said that requests for EHC needs assessments had grown and that SEND transport costs remained under review.";
const UASC_TEXT: &str = "Officers reported on unaccompanied asylum-seeking children placed through the national transfer scheme this quarter.";
const YOUTH_TEXT: &str = "The youth offending service reported fewer first time entrants, although remands to youth custody had risen slightly.";
const LIGHTHOUSE: &str =
    "The Lighthouse Mentoring programme now pairs older residents with teenagers in the town.";
const VELVET: &str = "A one-off velvet bridge concert was mentioned in passing.";
const SCRIPT: &str = "Youth offending leads discussed a web form that had displayed <script>alert('x')</script> in error.";

/// One ordinary meeting: a standing apologies item (which mentions fostering but must not
/// count), a welcome, the planted fostering passage, one council-specific passage, a close.
fn ordinary_meeting(
    lib: &mut Library,
    council: &str,
    when: Option<NaiveDate>,
    special: &str,
) -> Id {
    let m = lib.meeting(council, PANEL, when);
    let apologies = lib.item(m, "1", "Apologies for Absence", true);
    lib.para(&apologies, APOLOGIES);
    let business = lib.item(m, "4", "Service Update", false);
    lib.para(&business, WELCOME);
    lib.para(&business, FOSTERING);
    lib.para(&business, special);
    lib.para(&business, CLOSE);
    m
}

/// Northmoor meets every two months, Eastvale quarterly (half as often, same mix), Westbrook
/// quarterly plus one undated meeting; over 2018 and 2019.
fn library() -> (Library, Codebook, ThemeMatcher) {
    let mut lib = Library::default();
    for year in [2018, 2019] {
        for month in [1, 3, 5, 7, 9, 11] {
            let m = ordinary_meeting(&mut lib, NORTH, Some(date(year, month, 10)), SEND_TEXT);
            let item = lib.item(m, "5", "Workforce", false);
            lib.figure(
                &item,
                "17",
                17.0,
                FigureUnit::Count,
                "Average caseloads stood at 17 cases per social worker.",
            );
        }
        for month in [2, 5, 8, 11] {
            let m = ordinary_meeting(&mut lib, WEST, Some(date(year, month, 20)), YOUTH_TEXT);
            if year == 2018 && month < 11 {
                let item = lib.item(m, "6", "Community Mentoring", false);
                lib.para(&item, LIGHTHOUSE);
            }
            if year == 2018 && month == 2 {
                let item = lib.item(m, "7", "Any Other Business", false);
                lib.para(&item, VELVET);
                lib.para(&item, SCRIPT);
            }
        }
        for month in [3, 9, 12] {
            let m = ordinary_meeting(&mut lib, EAST, Some(date(year, month, 15)), UASC_TEXT);
            let item = lib.item(m, "5", "Placements", false);
            lib.figure(
                &item,
                "£950",
                950.0,
                FigureUnit::Gbp,
                "An agency placement costs about £950 per week.",
            );
        }
    }
    // Eastvale has half Northmoor's meetings (6 against 12); Westbrook one more, undated.
    ordinary_meeting(&mut lib, WEST, None, YOUTH_TEXT);
    let codebook = default_codebook().expect("the default codebook loads");
    let matcher = ThemeMatcher::new(&codebook).expect("the default codebook compiles");
    lib.apply(&matcher);
    (lib, codebook, matcher)
}

fn scope() -> AnalysisScope {
    AnalysisScope::default()
}

#[test]
fn the_fixture_passages_match_what_they_were_written_for() {
    let codebook = default_codebook().expect("loads");
    let m = ThemeMatcher::new(&codebook).expect("compiles");
    let themes = |t: &str| -> Vec<String> {
        let mut v: Vec<String> = m.match_text(t).into_iter().map(|x| x.theme_id).collect();
        v.dedup();
        v
    };
    for neutral in [WELCOME, CLOSE, LIGHTHOUSE, VELVET] {
        assert!(
            themes(neutral).is_empty(),
            "filler matches no theme: {neutral:?} -> {:?}",
            themes(neutral)
        );
    }
    assert_eq!(themes(FOSTERING), ["fostering"]);
    assert!(themes(SEND_TEXT).contains(&"send".to_string()));
    assert!(themes(UASC_TEXT).contains(&"uasc".to_string()));
    assert!(themes(YOUTH_TEXT).contains(&"youth-justice".to_string()));
}

// ---------------------------------------------------------------------------------------------
// Trends, heatmap, standing items
// ---------------------------------------------------------------------------------------------

#[test]
fn a_theme_planted_in_three_councils_over_two_years_shows_in_every_trend_cell() {
    let (lib, _, _) = library();
    let points = trends(&lib.meetings, &lib.counts, Period::Year, &scope());
    for council in [NORTH, EAST, WEST] {
        for year in ["2018", "2019"] {
            let p = points
                .iter()
                .find(|p| p.theme_id == "fostering" && p.council == council && p.period == year)
                .unwrap_or_else(|| panic!("a fostering point for {council} {year}"));
            assert!(
                p.share > 0.0 && p.hits > 0,
                "fostering is discussed by {council} in {year}: {p:?}"
            );
            assert_eq!(
                p.meetings, p.meetings_total,
                "every meeting of {council} in {year} touched fostering"
            );
        }
    }
    let quarters = trends(&lib.meetings, &lib.counts, Period::Quarter, &scope());
    assert!(
        quarters.iter().any(|p| p.period == "2019-Q4"),
        "quarters are labelled 2019-Q4"
    );
    assert!(
        quarters
            .iter()
            .filter(|p| p.theme_id == "youth-justice")
            .all(|p| p.council == WEST || p.hits == 0),
        "youth justice appears only where it was planted"
    );
}

#[test]
fn a_council_with_twice_the_meetings_and_the_same_mix_is_not_more_interested() {
    let (lib, codebook, _) = library();
    let map = heatmap(&lib.meetings, &lib.counts, &codebook, &scope());
    let cell = |council: &str| {
        map.cells
            .iter()
            .find(|c| c.theme_id == "fostering" && c.council == council)
            .unwrap_or_else(|| panic!("a fostering cell for {council}"))
            .clone()
    };
    let (north, east) = (cell(NORTH), cell(EAST));
    assert_eq!(north.meetings_total, 12);
    assert_eq!(east.meetings_total, 6);
    assert_eq!(
        north.hits,
        2 * east.hits,
        "twice the meetings, twice the raw hits"
    );
    let relative = (north.share - east.share).abs() / east.share;
    assert!(
        relative < 0.05,
        "shares are normalised by text, so the busier council is not 'more interested' ({} vs {})",
        north.share,
        east.share
    );
    let cmp = compare(
        &[NORTH.to_string(), EAST.to_string()],
        CompareInput {
            meetings: &lib.meetings,
            counts: &lib.counts,
            evidence: &lib.evidence,
            figures: &lib.figures,
            codebook: &codebook,
        },
        CompareConfig::default(),
    );
    assert!(
        !cmp.distinctive.iter().any(|d| d.theme_id == "fostering"),
        "the same share of fostering is not distinctive of either council: {:?}",
        cmp.distinctive
            .iter()
            .map(|d| (&d.council, &d.theme_id, d.z_score))
            .collect::<Vec<_>>()
    );
}

#[test]
fn standing_items_do_not_count() {
    let (lib, _, matcher) = library();
    let apologies: Vec<&ParagraphRow> = lib
        .paragraphs
        .iter()
        .filter(|p| p.text == APOLOGIES)
        .collect();
    assert!(
        apologies
            .iter()
            .all(|p| !matcher.match_text(&p.text).is_empty()),
        "the apologies passage does mention fostering (so skipping it is what is tested)"
    );
    for m in &lib.meetings {
        let fostering = lib
            .counts
            .iter()
            .find(|c| c.meeting_id == m.id && c.theme_id == "fostering")
            .expect("every meeting has a fostering count");
        assert_eq!(
            fostering.hits, 1,
            "only the planted passage counts, not the standing apologies"
        );
    }
    let adoption_hits: u32 = lib
        .counts
        .iter()
        .filter(|c| c.theme_id == "adoption")
        .map(|c| c.hits)
        .sum();
    assert_eq!(
        adoption_hits, 0,
        "adopters are mentioned only in standing apologies"
    );
    let standing_chars: usize = apologies.iter().map(|p| p.text.chars().count()).sum();
    let body: u64 = lib.meetings.iter().map(|m| m.text_chars).sum();
    let all: usize = lib.paragraphs.iter().map(|p| p.text.chars().count()).sum();
    assert_eq!(
        body as usize,
        all - standing_chars,
        "standing text is not in the denominator"
    );
}

// ---------------------------------------------------------------------------------------------
// Comparison, timeline, metrics
// ---------------------------------------------------------------------------------------------

fn three_way(lib: &Library, codebook: &Codebook) -> scrutineer_core::model::Comparison {
    compare(
        &[NORTH.to_string(), EAST.to_string(), WEST.to_string()],
        CompareInput {
            meetings: &lib.meetings,
            counts: &lib.counts,
            evidence: &lib.evidence,
            figures: &lib.figures,
            codebook,
        },
        CompareConfig::default(),
    )
}

#[test]
fn distinctive_themes_are_the_ones_planted_in_one_council() {
    let (lib, codebook, _) = library();
    let cmp = three_way(&lib, &codebook);
    let top = |council: &str| -> Vec<&str> {
        cmp.distinctive
            .iter()
            .filter(|d| d.council == council)
            .map(|d| d.theme_id.as_str())
            .collect()
    };
    assert!(
        top(NORTH).contains(&"send"),
        "SEND was planted only in Northmoor: {:?}",
        top(NORTH)
    );
    assert!(
        top(EAST).contains(&"uasc"),
        "UASC was planted only in Eastvale: {:?}",
        top(EAST)
    );
    assert!(
        top(WEST).contains(&"youth-justice"),
        "youth justice only in Westbrook: {:?}",
        top(WEST)
    );
    for d in &cmp.distinctive {
        assert!(
            d.z_score > CompareConfig::default().min_z,
            "only notable differences are reported: {d:?}"
        );
        assert!(
            !d.evidence.is_empty(),
            "a distinctive theme cites passages: {}",
            d.theme_id
        );
        assert!(
            d.evidence
                .iter()
                .all(|e| e.council.as_deref() == Some(d.council.as_str())),
            "evidence comes from the council it describes"
        );
    }
    let shared: Vec<&str> = cmp.shared.iter().map(|s| s.theme_id.as_str()).collect();
    assert!(
        shared.contains(&"fostering"),
        "fostering is shared by all three: {shared:?}"
    );
    assert!(!shared.contains(&"send"), "SEND is not shared");
    let fostering = cmp
        .shared
        .iter()
        .find(|s| s.theme_id == "fostering")
        .expect("shared");
    assert_eq!(
        fostering.shares.len(),
        3,
        "one share per council, in council order"
    );
    assert_eq!(fostering.evidence.len(), 3, "one citation per council");

    let north = &cmp.councils[0];
    assert_eq!(north.meetings, 12);
    assert_eq!(
        north.median_gap_days,
        Some(61.0),
        "Northmoor meets every two months"
    );
    assert_eq!(north.mean_present, Some(8.0));
    let east = &cmp.councils[1];
    assert!(
        east.median_gap_days.is_some_and(|g| g > 80.0),
        "Eastvale meets about quarterly"
    );

    let caseloads = cmp
        .metrics
        .iter()
        .find(|r| r.metric == Metric::CaseloadPerSocialWorker)
        .expect("caseloads compared");
    assert!(!caseloads.values[0].is_empty() && caseloads.values[1].is_empty());
    let costs = cmp
        .metrics
        .iter()
        .find(|r| r.metric == Metric::PlacementCostAgency)
        .expect("agency placement costs");
    assert_eq!(costs.values[1][0].value, 950.0);
    assert_eq!(costs.values[1][0].evidence.council.as_deref(), Some(EAST));
}

#[test]
fn the_timeline_orders_meetings_and_keeps_undated_ones_apart() {
    let (lib, codebook, _) = library();
    let t = timeline(
        TimelineInput {
            meetings: &lib.meetings,
            items: &lib.items,
            resolutions: &lib.resolutions,
            counts: &lib.counts,
            figures: &lib.figures,
            codebook: &codebook,
        },
        &scope(),
        TimelineConfig::default(),
    );
    assert_eq!(t.lanes.len(), 3, "one lane per council and committee");
    for lane in &t.lanes {
        assert!(
            lane.meetings.windows(2).all(|w| w[0].date <= w[1].date),
            "{} in date order",
            lane.council
        );
        assert!(
            lane.meetings.iter().all(|m| m.date.is_some()),
            "lanes hold dated meetings only"
        );
    }
    assert_eq!(t.undated.len(), 1, "the undated meeting is listed apart");
    assert_eq!(t.undated[0].council.as_deref(), Some(WEST));
    let first = &t
        .lanes
        .iter()
        .find(|l| l.council == NORTH)
        .expect("Northmoor lane")
        .meetings[0];
    assert!(
        first.top_themes.iter().any(|c| c.theme_id == "fostering"),
        "{:?}",
        first.top_themes
    );
    assert!(
        !first
            .item_titles
            .contains(&"Apologies for Absence".to_string()),
        "standing items are not listed"
    );
    assert_eq!(first.key_figures[0].metric, Metric::CaseloadPerSocialWorker);
    let dated = trends(&lib.meetings, &lib.counts, Period::Year, &scope());
    let west_total: u32 = dated
        .iter()
        .filter(|p| p.council == WEST && p.theme_id == "fostering")
        .map(|p| p.meetings_total)
        .sum();
    assert_eq!(
        west_total, 8,
        "trends never place the undated meeting in a period"
    );
    let bounded = AnalysisScope {
        from: Some(date(2019, 1, 1)),
        ..AnalysisScope::default()
    };
    let t2019 = timeline(
        TimelineInput {
            meetings: &lib.meetings,
            items: &lib.items,
            resolutions: &lib.resolutions,
            counts: &lib.counts,
            figures: &lib.figures,
            codebook: &codebook,
        },
        &bounded,
        TimelineConfig::default(),
    );
    assert!(
        t2019.undated.is_empty(),
        "an undated meeting is outside any date bound"
    );
    assert!(t2019
        .lanes
        .iter()
        .flat_map(|l| &l.meetings)
        .all(|m| m.date >= Some(date(2019, 1, 1))));
}

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

#[test]
fn requested_updates_are_followed_up_open_or_overdue() {
    let mut lib = Library::default();
    let committee = "Corporate Parenting Panel";
    let m1 = lib.meeting(NORTH, committee, Some(date(2019, 1, 14)));
    let i1 = lib.item(m1, "3", "Fostering Service", false);
    lib.para(&i1, FOSTERING);
    let asked = lib.resolution(&i1, "That an update on the recruitment of foster carers be brought to the next meeting of the Panel.");
    let phones = lib.resolution(&i1, "That a report on the mobile phone allowance for care leavers be brought to the next meeting.");
    let dated = lib.resolution(
        &i1,
        "That the review of short breaks be completed by 30 June 2019.",
    );
    let noted = lib.resolution(&i1, "That the report be noted.");
    // Another committee of the same council gives the phone report: not a follow-up.
    let other = lib.meeting(NORTH, "Cabinet", Some(date(2019, 2, 1)));
    let oi = lib.item(other, "8", "Mobile Phone Allowance for Care Leavers", false);
    lib.para(
        &oi,
        "Cabinet considered the mobile phone allowance for care leavers.",
    );

    let m2 = lib.meeting(NORTH, committee, Some(date(2019, 3, 11)));
    let i2 = lib.item(m2, "4", "Foster Carer Recruitment Update", false);
    lib.para(&i2, "The Fostering Manager gave the update requested in January: eleven households were in assessment.");
    let i3 = lib.item(m2, "5", "Family Hubs", false);
    let visit = lib.resolution(
        &i3,
        "That members be invited to visit the new family hub in Eastfield.",
    );

    let found = actions(
        ActionInput {
            meetings: &lib.meetings,
            resolutions: &lib.resolutions,
            paragraphs: &lib.paragraphs,
        },
        date(2019, 4, 1),
        ActionConfig::default(),
    );
    let by = |id: Id| found.iter().find(|a| a.resolution_id == id);
    let a = by(asked).expect("the requested update is an action");
    assert_eq!(
        a.status,
        ActionStatus::FollowedUp,
        "the next meeting's item gave it"
    );
    let f = a.followed_up_by.as_ref().expect("cites the follow-up");
    assert_eq!(f.meeting_id, m2);
    assert_eq!(
        f.item_title.as_deref(),
        Some("Foster Carer Recruitment Update")
    );
    assert_eq!(
        a.due,
        Some(date(2019, 3, 11)),
        "due at the committee's next meeting"
    );

    let p = by(phones).expect("the phone report is an action");
    assert_eq!(
        p.status,
        ActionStatus::Overdue,
        "the next meeting of the Panel passed without it (Cabinet does not count)"
    );

    let d = by(dated).expect("a dated review is an action");
    assert_eq!(d.due, Some(date(2019, 6, 30)));
    assert_eq!(
        d.status,
        ActionStatus::Open,
        "due after today and not yet taken up"
    );
    let later = actions(
        ActionInput {
            meetings: &lib.meetings,
            resolutions: &lib.resolutions,
            paragraphs: &lib.paragraphs,
        },
        date(2019, 8, 1),
        ActionConfig::default(),
    );
    let d = later
        .iter()
        .find(|a| a.resolution_id == dated)
        .expect("still listed");
    assert_eq!(
        d.status,
        ActionStatus::Overdue,
        "a stated due date before today makes it overdue"
    );

    assert!(
        by(noted).is_none(),
        "noting a report asks for nothing later"
    );
    let v = by(visit).expect("a visit is an action");
    assert_eq!(v.kind, scrutineer_core::model::ActionKind::Visit);
    assert_eq!(v.status, ActionStatus::Open, "no later meeting yet");
    assert_eq!(v.evidence.meeting_id, m2);
}

// ---------------------------------------------------------------------------------------------
// Emergent themes, KWIC, previews
// ---------------------------------------------------------------------------------------------

#[test]
fn emergent_themes_find_a_recurring_phrase_the_codebook_lacks() {
    let (lib, _, matcher) = library();
    let config = EmergentConfig {
        max_phrases: 500,
        ..EmergentConfig::default()
    };
    let found = emergent_themes(&lib.paragraphs, &lib.meetings, &matcher, config);
    let lighthouse = found
        .iter()
        .find(|t| t.phrase.contains("lighthouse mentoring"))
        .unwrap_or_else(|| {
            panic!(
                "the planted phrase surfaces: {:?}",
                found.iter().map(|t| &t.phrase).collect::<Vec<_>>()
            )
        });
    assert_eq!(lighthouse.meetings, 3);
    assert_eq!(lighthouse.councils, [WEST]);
    assert!(
        !lighthouse.evidence.is_empty()
            && lighthouse
                .evidence
                .iter()
                .all(|e| e.text.contains("Lighthouse"))
    );
    assert!(
        !found.iter().any(|t| t.phrase.contains("velvet")),
        "a phrase from one meeting is not a theme"
    );
    assert!(
        !found
            .iter()
            .any(|t| t.phrase.contains("foster") || t.phrase.contains("youth offending")),
        "phrases the codebook already covers are not offered"
    );
    assert!(
        !found
            .iter()
            .any(|t| t.phrase == "mentoring" || t.phrase == "lighthouse"),
        "sub-phrases of the kept phrase are merged into it"
    );
    assert!(
        found.windows(2).all(|w| w[0].score >= w[1].score),
        "best first"
    );
}

#[test]
fn kwic_and_previews_show_words_in_context() {
    let (lib, codebook, _) = library();
    let lines = kwic(
        KwicQuery::Term("foster famil*"),
        &lib.paragraphs,
        &lib.meetings,
        5,
    )
    .expect("valid term");
    assert_eq!(lines.len(), 5, "limited to 5");
    assert_eq!(lines[0].keyword, "foster families");
    assert!(
        lines[0].left.ends_with("approve more "),
        "{:?}",
        lines[0].left
    );
    assert!(lines[0].left.chars().count() <= 61 && lines[0].right.chars().count() <= 61);
    let themed = kwic(
        KwicQuery::Theme {
            codebook: &codebook,
            theme_id: "uasc",
        },
        &lib.paragraphs,
        &lib.meetings,
        100,
    )
    .expect("known theme");
    assert!(themed
        .iter()
        .all(|l| l.evidence.council.as_deref() == Some(EAST)));
    assert!(kwic(
        KwicQuery::Theme {
            codebook: &codebook,
            theme_id: "nope"
        },
        &lib.paragraphs,
        &lib.meetings,
        1
    )
    .is_err());
    assert!(
        lib.paragraphs.iter().any(|p| p.standing)
            && themed.iter().all(|l| l.evidence.text != APOLOGIES),
        "KWIC skips standing paragraphs"
    );

    let preview =
        preview_pattern("first time entrant*", &lib.paragraphs, &lib.meetings, 3).expect("valid");
    assert_eq!(
        preview.meetings, 9,
        "every Westbrook meeting, the undated one included"
    );
    assert_eq!(preview.paragraphs, 9);
    assert_eq!(preview.examples.len(), 3);
    let bad =
        preview_pattern("fi*", &lib.paragraphs, &lib.meetings, 3).expect_err("too short a stem");
    assert!(bad.to_string().contains("at least 3"), "{bad}");
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

#[test]
fn the_html_report_is_self_contained_escaped_and_cited() {
    let (lib, codebook, _) = library();
    let cmp = three_way(&lib, &codebook);
    let youth = cmp
        .distinctive
        .iter()
        .find(|d| d.theme_id == "youth-justice")
        .expect("youth justice is distinctive of Westbrook");
    assert!(
        youth.evidence.iter().any(|e| e.text.contains("<script>")),
        "the planted markup is in the evidence, so escaping is tested"
    );
    let html = comparison_html(
        &cmp,
        &ReportInfo {
            title: "Three councils <compared>",
            generated: date(2020, 1, 31),
            meetings: &lib.meetings,
        },
    );
    assert!(
        !html.to_lowercase().contains("<script"),
        "no scripts, and document text cannot inject one"
    );
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        "document text is escaped"
    );
    assert!(html.contains("Three councils &lt;compared&gt;"));
    for remote in ["http:", "https:", "src=", "<link", "@import", "url("] {
        assert!(!html.contains(remote), "no remote resources ({remote})");
    }
    assert!(html.contains("<svg"), "charts are inline SVG");
    assert!(
        html.contains("Westbrook City Council, Children and Families Scrutiny Panel, 2018-02-20, item 4 Service Update, p. "),
        "evidence carries council, committee, date, item and page"
    );
    assert!(html.contains("[meeting "), "citations carry the meeting id");

    let csv = to_csv(&cmp);
    assert!(csv.starts_with("section,subject,measure,value,passage,council,committee,date,item_number,item_title,page,meeting_id,paragraph_id\r\n"));
    assert!(csv
        .lines()
        .any(|l| l.starts_with("distinctive,Westbrook City Council,youth-justice,")));
    let trends_csv = to_csv(trends(&lib.meetings, &lib.counts, Period::Year, &scope()).as_slice());
    assert!(trends_csv.contains("fostering,Eastvale County Council,2018,3,3,3,"));
    let json = export::to_json(&cmp).expect("serialises");
    assert!(
        json.contains("\"zScore\""),
        "JSON uses the app's camelCase shape"
    );
}

// ---------------------------------------------------------------------------------------------
// Codebooks
// ---------------------------------------------------------------------------------------------

#[test]
fn the_built_in_codebooks_are_complete_and_well_formed() {
    let children =
        codebook::builtin(BuiltinCodebook::ChildrensServices).expect("children's codebook loads");
    assert!(
        children.themes.len() >= 30,
        "at least 30 children's themes, got {}",
        children.themes.len()
    );
    for required in [
        "fostering",
        "adoption",
        "looked-after-children",
        "care-leavers",
        "child-protection",
        "children-in-need",
        "early-help",
        "front-door-thresholds",
        "ofsted",
        "improvement",
        "intervention-trust",
        "social-worker-recruitment",
        "agency-staff",
        "caseloads",
        "supervision-quality-assurance",
        "placements-sufficiency",
        "residential-care",
        "missing-exploitation",
        "mental-health",
        "send",
        "schools-education",
        "uasc",
        "childrens-budgets",
        "it-systems",
        "performance-data",
        "corporate-parenting",
        "courts-kinship",
        "covid-19",
        "youth-justice",
        "voice-participation",
    ] {
        assert!(
            children.themes.iter().any(|t| t.id == required),
            "the children's codebook covers {required}"
        );
    }
    let general =
        codebook::builtin(BuiltinCodebook::LocalGovernment).expect("general codebook loads");
    assert!(general.themes.len() >= 11);
    let all = default_codebook().expect("both together");
    let mut ids: Vec<&str> = all.themes.iter().map(|t| t.id.as_str()).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len(), "no two themes share an id");
    for t in &all.themes {
        assert!(
            !t.include.is_empty() && !t.description.is_empty() && !t.group.is_empty(),
            "{} is complete",
            t.id
        );
        for p in t.include.iter().chain(&t.exclude) {
            pattern::Pattern::parse(p)
                .unwrap_or_else(|e| panic!("{}: pattern {p:?} compiles: {e}", t.id));
        }
    }
    ThemeMatcher::new(&all).expect("the whole default codebook compiles into one matcher");
}

/// The theme ids the default codebook finds in `text`.
fn themes_of(matcher: &ThemeMatcher, text: &str) -> Vec<String> {
    let mut v: Vec<String> = matcher
        .match_text(text)
        .into_iter()
        .map(|m| m.theme_id)
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn built_in_patterns_are_precise() {
    let m = ThemeMatcher::new(&default_codebook().expect("loads")).expect("compiles");
    let has = |text: &str, theme: &str| themes_of(&m, text).contains(&theme.to_string());
    // Inflections and spellings.
    for text in [
        "Fostering is under pressure.",
        "two new foster carers",
        "Foster-carer numbers",
        "children who are fostered",
    ] {
        assert!(has(text, "fostering"), "fostering in {text:?}");
    }
    for text in [
        "Looked-After Children",
        "looked after children",
        "LOOKED AFTER CHILDREN",
        "children in care",
        "children looked\nafter",
    ] {
        assert!(
            has(text, "looked-after-children"),
            "looked-after children in {text:?}"
        );
    }
    assert!(
        has(
            "the Children\u{2019}s Trust will launch",
            "intervention-trust"
        ),
        "curly apostrophe"
    );
    // Precision.
    assert!(
        !has(
            "The council will continue to care about residents.",
            "looked-after-children"
        ),
        "'care' alone is not children in care"
    );
    assert!(
        !has(
            "She secured a work placement with the council.",
            "placements-sufficiency"
        ),
        "a work placement is not a care placement"
    );
    assert!(
        has(
            "She secured a work placement; two foster placements ended.",
            "placements-sufficiency"
        ),
        "the other placement in the paragraph still counts"
    );
    assert!(
        !has(
            "The NHS trust and the trust fund were discussed.",
            "intervention-trust"
        ),
        "'trust' alone is not a children's trust"
    );
    assert!(has(
        "Staff receive monthly supervision.",
        "supervision-quality-assurance"
    ));
    assert!(
        !has(
            "The court made a supervision order.",
            "supervision-quality-assurance"
        ),
        "a supervision order is not staff supervision"
    );
    assert!(has("The court made a supervision order.", "courts-kinship"));
    assert!(
        !has("We will send the letter next week.", "send"),
        "'send' the verb is not SEND"
    );
    assert!(has("SEND reforms were discussed.", "send"));
    assert!(
        !has(
            "The Council resolved on the adoption of the Local Plan.",
            "adoption"
        ),
        "adopting a plan is not adoption"
    );
    assert!(has("Twelve children were placed for adoption.", "adoption"));
    assert!(
        !has(
            "This will foster good relations between partners.",
            "fostering"
        ),
        "to foster relations is not fostering"
    );
    assert!(
        !has(
            "Internal audit reported to the Audit Committee.",
            "supervision-quality-assurance"
        ),
        "financial audit is not practice audit"
    );
    assert!(has(
        "Monthly case audits showed practice improving.",
        "supervision-quality-assurance"
    ));
}

#[test]
fn matches_explain_themselves_with_offsets_into_the_original_text() {
    let m = ThemeMatcher::new(&default_codebook().expect("loads")).expect("compiles");
    let text = "\u{201C}Looked\u{2011}After\u{00A0}Children\u{201D} \u{2014} and the \u{FB01}nal foster\u{2010}carer count";
    let found = m.match_text(text);
    let lac = found
        .iter()
        .find(|x| x.theme_id == "looked-after-children")
        .expect("found");
    assert_eq!(
        &text[lac.start..lac.end],
        "Looked\u{2011}After\u{00A0}Children",
        "offsets are in the original text"
    );
    assert_eq!(
        lac.pattern, "looked after child*",
        "the pattern that fired, as written"
    );
    let fost = found
        .iter()
        .find(|x| x.theme_id == "fostering")
        .expect("found");
    assert_eq!(&text[fost.start..fost.end], "foster\u{2010}carer");
}

fn sample_theme(id: &str, include: &[&str]) -> Theme {
    Theme {
        id: id.to_string(),
        label: id.to_string(),
        description: "A theme for tests.".to_string(),
        group: "Tests".to_string(),
        include: include.iter().map(|s| s.to_string()).collect(),
        exclude: Vec::new(),
    }
}

#[test]
fn codebook_edits_validate_and_fail_without_change() {
    let mut cb = Codebook {
        name: "Mine".to_string(),
        themes: vec![
            sample_theme("kinship", &["kinship"]),
            sample_theme("family-time", &["family time"]),
        ],
    };
    add_theme(&mut cb, sample_theme("respite", &["short break*"])).expect("a new theme");
    assert!(
        add_theme(&mut cb, sample_theme("respite", &["respite"])).is_err(),
        "ids are unique"
    );
    assert!(
        add_theme(&mut cb, sample_theme("Bad Id", &["x"])).is_err(),
        "ids are plain"
    );
    rename_theme(&mut cb, "respite", "Short breaks").expect("rename");
    assert_eq!(cb.themes[2].label, "Short breaks");
    let before = cb.clone();
    let err = add_pattern(&mut cb, "respite", PatternList::Include, "sh*").expect_err("too short");
    assert!(
        err.to_string().contains("respite") && err.to_string().contains("sh*"),
        "{err}"
    );
    assert_eq!(cb, before, "a failed edit changes nothing");
    add_pattern(&mut cb, "respite", PatternList::Include, "respite care").expect("add");
    assert!(
        add_pattern(&mut cb, "respite", PatternList::Include, "Respite-Care").is_err(),
        "the same pattern twice"
    );
    remove_pattern(&mut cb, "respite", PatternList::Include, "respite  care")
        .expect("found by canonical form");
    assert!(remove_pattern(&mut cb, "respite", PatternList::Include, "respite care").is_err());

    let fps = fingerprints(&cb);
    merge_themes(&mut cb, "family-time", "kinship").expect("merge");
    assert_eq!(cb.themes.len(), 2);
    let kinship = &cb.themes[0];
    assert_eq!(
        kinship.include,
        ["kinship", "family time"],
        "patterns are united"
    );
    let d = diff(&fps, &cb);
    assert_eq!(
        d.changed,
        ["kinship"],
        "the merged theme is re-matched, so evidence follows it"
    );
    assert_eq!(d.removed, ["family-time"]);
    assert_eq!(d.unchanged, ["respite"]);
    assert_eq!(d.rematch(), ["kinship"]);
    rename_theme(&mut cb, "kinship", "Kinship care").expect("rename");
    assert_eq!(
        diff(&fingerprints(&cb), &cb).changed.len(),
        0,
        "a new label re-matches nothing"
    );
    delete_theme(&mut cb, "respite").expect("delete");
    assert!(
        delete_theme(&mut cb, "respite").is_err(),
        "deleting twice names the missing theme"
    );
    let added = diff(&[], &cb);
    assert_eq!(added.added, ["kinship"]);
}

#[test]
fn codebooks_round_trip_and_bad_files_say_where() {
    let cb = default_codebook().expect("loads");
    let toml = to_toml(&cb).expect("writes TOML");
    assert_eq!(
        from_toml(&toml).expect("reads its own TOML"),
        cb,
        "TOML round trip"
    );
    let json = to_json(&cb).expect("writes JSON");
    assert_eq!(
        from_json(&json).expect("reads its own JSON"),
        cb,
        "JSON round trip"
    );

    let missing_label = "name = \"x\"\n\n[[themes]]\nid = \"a\"\ninclude = [\"alpha\"]\n";
    let e = from_toml(missing_label)
        .expect_err("label is required")
        .to_string();
    assert!(
        e.contains("line") && e.contains("label"),
        "names the line and field: {e}"
    );
    let typo = "name = \"x\"\n[[themes]]\nid = \"a\"\nlabel = \"A\"\ninclde = [\"alpha\"]\n";
    let e = from_toml(typo)
        .expect_err("unknown keys are refused")
        .to_string();
    assert!(e.contains("inclde") && e.contains("line 5"), "{e}");
    let bad_pattern = "name = \"x\"\n\n[[themes]]\nid = \"a\"\nlabel = \"A\"\ninclude = [\n  \"alpha\",\n  \"be*ta\",\n]\n";
    let e = from_toml(bad_pattern).expect_err("bad pattern").to_string();
    assert!(
        e.starts_with("line 8:") && e.contains("be*ta"),
        "names the line of the pattern: {e}"
    );
    let e = from_json("{\"name\": \"x\", \"themes\": [{\"id\": \"a\"}]}")
        .expect_err("label is required")
        .to_string();
    assert!(e.contains("label") && e.contains("line 1"), "{e}");
    let dup = "{\"name\":\"x\",\"themes\":[\n{\"id\":\"a\",\"label\":\"A\"},\n{\"id\":\"a\",\"label\":\"B\"}]}";
    let e = from_json(dup).expect_err("duplicate ids").to_string();
    assert!(
        e.contains("\"a\"") && e.starts_with("line 3:"),
        "the second use of the id is the error: {e}"
    );
}

// ---------------------------------------------------------------------------------------------
// The real corpus
// ---------------------------------------------------------------------------------------------

/// Truth theme labels (as a careful reader wrote them) and the codebook themes that express
/// them. Used to print a recall figure, not to assert.
const TRUTH_TO_THEMES: &[(&str, &[&str])] = &[
    ("fostering", &["fostering"]),
    ("foster carer recruitment", &["fostering"]),
    ("fostering frameworks", &["fostering"]),
    ("placement costs", &["placements-sufficiency"]),
    (
        "placement costs and commissioning",
        &["placements-sufficiency"],
    ),
    ("residential placements", &["residential-care"]),
    ("ofsted", &["ofsted"]),
    ("children's trust", &["intervention-trust"]),
    ("social worker caseloads", &["caseloads"]),
    ("caseloads", &["caseloads"]),
    (
        "recruitment and retention of social workers",
        &["social-worker-recruitment"],
    ),
    (
        "social worker recruitment and retention",
        &["social-worker-recruitment"],
    ),
    ("thresholds", &["front-door-thresholds"]),
    (
        "thresholds and early help",
        &["front-door-thresholds", "early-help"],
    ),
    ("thresholds and referrals", &["front-door-thresholds"]),
    (
        "schools and referrals",
        &["schools-education", "front-door-thresholds"],
    ),
    ("supervision and audit", &["supervision-quality-assurance"]),
    (
        "quality assurance and audit",
        &["supervision-quality-assurance"],
    ),
    ("audit", &["supervision-quality-assurance"]),
    ("improvement programme", &["improvement"]),
    ("improvement plan", &["improvement"]),
    ("improvement plan and improvement board", &["improvement"]),
    ("mental health / camhs", &["mental-health"]),
    ("camhs", &["mental-health"]),
    ("covid-19 pandemic", &["covid-19"]),
    (
        "courts, kinship and special guardianship",
        &["courts-kinship"],
    ),
    ("corporate parenting", &["corporate-parenting"]),
    ("agency staff", &["agency-staff"]),
    ("unaccompanied asylum seeking children", &["uasc"]),
    ("missing children", &["missing-exploitation"]),
    ("funding", &["childrens-budgets"]),
    ("staff satisfaction", &["workforce-wellbeing"]),
    ("it systems", &["it-systems"]),
    ("looked after children numbers", &["looked-after-children"]),
    ("organisational structure", &["leadership-structure"]),
    ("leadership stability", &["leadership-structure"]),
    ("workforce stability", &["social-worker-recruitment"]),
    ("contact arrangements", &["family-time-contact"]),
    ("adoption", &["adoption"]),
    ("care leavers", &["care-leavers"]),
    ("voluntary sector resources", &["voluntary-sector"]),
];

#[test]
fn the_codebook_finds_the_themes_of_real_minutes() {
    let Some(dir) = crate::corpus::corpus_dir() else {
        eprintln!("corpus not found: skipping");
        return;
    };
    let codebook = default_codebook().expect("loads");
    let matcher = ThemeMatcher::new(&codebook).expect("compiles");
    let mut seeds: Vec<_> = std::fs::read_dir(dir.join("seeds"))
        .expect("the seeds folder is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seeds.sort();
    let (mut found_truth, mut all_truth) = (0, 0);
    let mut fell_back = false;
    let mut by_seed: HashMap<String, Vec<String>> = HashMap::new();
    for path in &seeds {
        let text = std::fs::read_to_string(path).expect("a seed is readable text");
        let record = scrutineer_core::extract::extract(
            &scrutineer_core::model::SourceText::from_plain(text.clone()),
        );
        // Paragraph splitting belongs to extraction; until it lands, split on blank lines.
        let paragraphs: Vec<String> = if record.paragraphs.is_empty() {
            fell_back = true;
            text.split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        } else {
            record.paragraphs.iter().map(|p| p.text.clone()).collect()
        };
        let mut themes: Vec<String> = paragraphs
            .iter()
            .flat_map(|p| matcher.themes_in(p))
            .map(|i| matcher.theme_ids()[i].clone())
            .collect();
        themes.sort();
        themes.dedup();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let truth_path = dir.join("truth").join(name.replace(".txt", ".json"));
        if let Ok(truth) = std::fs::read_to_string(&truth_path) {
            let truth: serde_json::Value = serde_json::from_str(&truth).expect("truth is JSON");
            for t in truth["themes"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t.as_str())
            {
                let key = t.to_lowercase();
                if let Some((_, ids)) = TRUTH_TO_THEMES.iter().find(|(k, _)| *k == key) {
                    all_truth += 1;
                    let hit = ids.iter().any(|id| themes.iter().any(|x| x == id));
                    found_truth += usize::from(hit);
                    if !hit {
                        eprintln!("  {name}: missed truth theme {t:?}");
                    }
                }
            }
        }
        eprintln!("{name}: {} themes: {}", themes.len(), themes.join(", "));
        by_seed.insert(name, themes);
    }
    // Emergent themes across the seeds, printed for a reader to judge (not asserted: the
    // seeds are five meetings of five councils, too few for recurring local phrases).
    let mut meetings = Vec::new();
    let mut rows = Vec::new();
    for (i, path) in seeds.iter().enumerate() {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let truth = std::fs::read_to_string(dir.join("truth").join(name.replace(".txt", ".json")))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok());
        let council = truth
            .as_ref()
            .and_then(|t| t["council"].as_str().map(str::to_string));
        let id = i as Id + 1;
        meetings.push(MeetingRow {
            id,
            council,
            ..MeetingRow::default()
        });
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for (j, p) in text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .enumerate()
        {
            rows.push(ParagraphRow {
                id: id * 10_000 + j as Id,
                meeting_id: id,
                text: p.to_string(),
                ..ParagraphRow::default()
            });
        }
    }
    let emergent = emergent_themes(&rows, &meetings, &matcher, EmergentConfig::default());
    let shown: Vec<String> = emergent
        .iter()
        .take(15)
        .map(|t| format!("{} ({}, {:.2})", t.phrase, t.meetings, t.score))
        .collect();
    eprintln!("emergent across the seeds: {}", shown.join("; "));
    if fell_back {
        eprintln!(
            "note: extraction gave no paragraphs on this branch; split seed texts on blank lines"
        );
    }
    eprintln!("theme recall against the truth files: {found_truth}/{all_truth}");
    // Fostering wherever the minutes discuss it. (The brief expected all five seeds; the
    // Croydon seed, 002, never mentions fostering and its truth file lists no such theme.)
    for (name, themes) in &by_seed {
        let text = std::fs::read_to_string(dir.join("seeds").join(name)).unwrap_or_default();
        if text.to_lowercase().contains("foster") {
            assert!(
                themes.contains(&"fostering".to_string()),
                "fostering is found in {name}"
            );
        } else {
            eprintln!("{name} never mentions fostering: not asserted");
        }
    }
    let fostering = by_seed
        .values()
        .filter(|t| t.contains(&"fostering".to_string()))
        .count();
    assert!(
        fostering >= 4,
        "fostering is found in at least four of the five seeds ({fostering})"
    );
    for prefix in ["000_", "001_", "002_"] {
        let (name, themes) = by_seed
            .iter()
            .find(|(n, _)| n.starts_with(prefix))
            .expect("the seed exists");
        assert!(
            themes.contains(&"caseloads".to_string()),
            "caseloads are found in {name}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Micro-benchmark (ignored: run with --release --ignored --nocapture)
// ---------------------------------------------------------------------------------------------

#[test]
#[ignore = "benchmark: prints timings, asserts nothing about them"]
fn bench_matcher_throughput() {
    let m = ThemeMatcher::new(&default_codebook().expect("loads")).expect("compiles");
    let passages = [
        FOSTERING, SEND_TEXT, UASC_TEXT, YOUTH_TEXT, WELCOME, CLOSE, LIGHTHOUSE, APOLOGIES,
    ];
    let paragraphs: Vec<String> = (0..500_000)
        .map(|i| {
            let a = passages[i % passages.len()];
            let b = passages[(i * 7 + 3) % passages.len()];
            // Real minutes carry curly quotes and dashes, which take the slower path.
            format!("{a} {b} The Council\u{2019}s view \u{2013} item {i}.")
        })
        .collect();
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    let start = std::time::Instant::now();
    let mut hits = 0usize;
    for p in &paragraphs {
        hits += m.match_text(p).len();
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "match_text: {} paragraphs, {:.1} MB in {:.2} s = {:.1} MB/s, {:.0} paragraphs/s ({hits} matches)",
        paragraphs.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs,
        paragraphs.len() as f64 / secs
    );
    let start = std::time::Instant::now();
    let mut themes = 0usize;
    for p in &paragraphs {
        themes += m.themes_in(p).len();
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "themes_in: {:.1} MB/s ({themes} paragraph-themes)",
        bytes as f64 / 1e6 / secs
    );
}
