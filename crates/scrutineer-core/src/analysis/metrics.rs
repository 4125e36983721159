//! Figures classified into the metrics people compare across councils.
//!
//! Extraction finds figures ("£23,000", "18 cases per worker", "36%") with what they count
//! (`what`) and their sentence. To put one council's caseloads beside another's we need to
//! know which figures *are* caseloads. [`classify`] reads the cues nearest the figure: its
//! `what` first, then a window of the sentence around the figure (a sentence often holds two
//! figures of different kinds, so the whole sentence would mislead), and falls back to the
//! generic metric of the figure's unit when nothing specific is said.

use super::rows::{by_id, cite, FigureRow, MeetingRow};
use crate::model::{FigureUnit, Metric, MetricFigure};
use crate::normalize::fold;

/// The version of [`classify`]'s rules. The library stores each figure's metric; a build whose
/// rules classify differently bumps this, and libraries re-classify their figures on opening.
pub const METRICS_VERSION: u32 = 1;

/// Bytes of the sentence read before and after the figure for cues.
const WINDOW_BEFORE: usize = 60;
const WINDOW_AFTER: usize = 70;

/// The metric a figure measures.
pub fn classify(what: Option<&str>, sentence: &str, figure_text: &str, unit: FigureUnit) -> Metric {
    // `what` is the extractor's reading of the figure's noun: trust it before the sentence.
    if let Some(what) = what.map(fold).filter(|w| !w.trim().is_empty()) {
        if let Some(m) = nearest(&what, None, unit) {
            return m;
        }
    }
    let s = fold(sentence);
    let f = fold(figure_text);
    let at = (!f.is_empty())
        .then(|| s.find(&f))
        .flatten()
        .map(|at| (at, at + f.len()));
    nearest(&s, at, unit).unwrap_or_else(|| generic(unit))
}

/// The metric of a figure's unit alone.
fn generic(unit: FigureUnit) -> Metric {
    match unit {
        FigureUnit::Gbp | FigureUnit::Eur | FigureUnit::Usd => Metric::Money,
        FigureUnit::Percent => Metric::Percentage,
        FigureUnit::Count => Metric::Count,
    }
}

fn money(unit: FigureUnit) -> bool {
    matches!(unit, FigureUnit::Gbp | FigureUnit::Eur | FigureUnit::Usd)
}

/// What points to a specific metric: cue word starts, and the units the metric is counted in.
struct Rule {
    metric: Metric,
    cues: &'static [&'static str],
    unit: fn(FigureUnit) -> bool,
}

#[rustfmt::skip]
const RULES: &[Rule] = &[
    Rule {
        metric: Metric::CaseloadPerSocialWorker,
        cues: &["caseload", "case load", "cases per", "per social worker", "per worker", "children per worker", "per practitioner", "cases each", "cases held"],
        unit: |u| u == FigureUnit::Count,
    },
    Rule {
        metric: Metric::AgencyStaffShare,
        cues: &["agency staff", "agency social", "agency worker", "agency", "locum", "interim staff", "interims"],
        unit: |u| u == FigureUnit::Percent,
    },
    Rule {
        metric: Metric::PlacementCost,
        cues: &["placement", "per week", "a week", "weekly", "per child", "residential", "foster care", "fostering", "ifa", "children's home", "childrens home", "unit cost", "per night"],
        unit: money,
    },
    Rule {
        metric: Metric::Budget,
        cues: &["budget", "overspend", "over spend", "underspend", "under spend", "deficit", "savings", "saving", "allocation", "funding", "grant", "spend", "expenditure", "cost pressure", "pressure", "reserve", "precept", "council tax", "outturn"],
        unit: money,
    },
    Rule {
        metric: Metric::FosterCarers,
        cues: &["foster carer", "foster famil", "fostering household", "foster household", "foster home", "fostering famil", "approved carer", "mainstream carer", "carers"],
        unit: |u| u == FigureUnit::Count,
    },
    Rule {
        metric: Metric::LookedAfterChildren,
        cues: &["looked after", "looked-after", "children in care", "child in care", "in our care", "into care", "cla", "lac", "children we look after", "care population"],
        unit: |u| u == FigureUnit::Count,
    },
];

/// Cues never count for a metric when they are part of these ("agency" in "fostering
/// agency" is not agency staff).
const NOT_AGENCY_STAFF: &[&str] = &["fostering agenc", "adoption agenc", "independent fostering"];

/// The metric whose cue stands nearest the figure (at `figure`, a byte range of `text`; with
/// no position every cue is at distance 0 and the rules' order decides). Cues further than
/// [`WINDOW_BEFORE`]/[`WINDOW_AFTER`] from the figure do not count.
fn nearest(text: &str, figure: Option<(usize, usize)>, unit: FigureUnit) -> Option<Metric> {
    let mut best: Option<(usize, Metric)> = None;
    for rule in RULES.iter().filter(|r| (r.unit)(unit)) {
        for cue in rule.cues {
            for at in word_starts(text, cue) {
                if rule.metric == Metric::AgencyStaffShare
                    && NOT_AGENCY_STAFF
                        .iter()
                        .any(|x| overlaps_phrase(text, at, x))
                {
                    continue;
                }
                let distance = match figure {
                    None => 0,
                    Some((s, _)) if at + cue.len() <= s => {
                        let d = s - (at + cue.len());
                        if d > WINDOW_BEFORE {
                            continue;
                        }
                        d
                    }
                    Some((_, e)) if at >= e => {
                        let d = at - e;
                        if d > WINDOW_AFTER {
                            continue;
                        }
                        d
                    }
                    Some(_) => 0,
                };
                if best.is_none_or(|(d, _)| distance < d) {
                    best = Some((distance, rule.metric));
                }
            }
        }
    }
    let metric = best?.1;
    if metric != Metric::PlacementCost {
        return Some(metric);
    }
    // Whose placement: read the neighbourhood for in-house and external cues.
    let near = match figure {
        Some((s, e)) => {
            let from = floor_char(text, s.saturating_sub(WINDOW_BEFORE));
            let to = floor_char(text, (e + WINDOW_AFTER).min(text.len()));
            &text[from..to]
        }
        None => text,
    };
    let in_house = has(
        near,
        &[
            "in-house",
            "in house",
            "inhouse",
            "internal",
            "our own",
            "own foster",
            "local authority foster",
            "council foster",
            "council's own",
        ],
    );
    let external = has(
        near,
        &[
            "agency",
            "agencies",
            "ifa",
            "independent",
            "private",
            "external",
            "out of area",
            "commissioned",
            "provider",
        ],
    );
    Some(match (in_house, external) {
        (true, false) => Metric::PlacementCostInHouse,
        (false, true) => Metric::PlacementCostAgency,
        _ => Metric::PlacementCost,
    })
}

fn has(text: &str, cues: &[&str]) -> bool {
    cues.iter().any(|c| word_starts(text, c).next().is_some())
}

/// Where `cue` occurs in `text` at the start of a word (cues are word starts: "placement"
/// finds "placements").
fn word_starts<'a>(text: &'a str, cue: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.match_indices(cue)
        .map(|(at, _)| at)
        .filter(move |&at| {
            at == 0
                || !text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
        })
}

/// Whether `phrase` occurs in `text` covering byte `at`.
fn overlaps_phrase(text: &str, at: usize, phrase: &str) -> bool {
    text.match_indices(phrase)
        .any(|(p, _)| p <= at && at < p + phrase.len())
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Classify figures and attach their citations. Figures of meetings not in `meetings` are
/// cited without council, committee and date.
pub fn metric_figures(figures: &[FigureRow], meetings: &[MeetingRow]) -> Vec<MetricFigure> {
    let meetings = by_id(meetings);
    figures
        .iter()
        .map(|f| metric_figure(f, meetings.get(&f.meeting_id).copied()))
        .collect()
}

/// One figure, classified and cited.
pub fn metric_figure(f: &FigureRow, meeting: Option<&MeetingRow>) -> MetricFigure {
    MetricFigure {
        metric: f
            .metric
            .unwrap_or_else(|| classify(f.what.as_deref(), &f.sentence, &f.text, f.unit)),
        value: f.value,
        value_max: f.value_max,
        unit: f.unit,
        text: f.text.clone(),
        what: f.what.clone(),
        evidence: cite(
            meeting,
            f.meeting_id,
            f.paragraph_id.unwrap_or(0),
            f.page,
            &f.item_number,
            &f.item_title,
            &f.sentence,
        ),
    }
}

/// Whether a metric is specific (worth comparing side by side), not a bare unit.
pub fn is_specific(metric: Metric) -> bool {
    !matches!(metric, Metric::Percentage | Metric::Money | Metric::Count)
}

/// The order metrics are shown in: specific ones first, in the order people ask about them.
pub fn rank(metric: Metric) -> u8 {
    match metric {
        Metric::CaseloadPerSocialWorker => 0,
        Metric::LookedAfterChildren => 1,
        Metric::FosterCarers => 2,
        Metric::AgencyStaffShare => 3,
        Metric::PlacementCostInHouse => 4,
        Metric::PlacementCostAgency => 5,
        Metric::PlacementCost => 6,
        Metric::Budget => 7,
        Metric::Percentage => 8,
        Metric::Money => 9,
        Metric::Count => 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(what: Option<&str>, sentence: &str, figure: &str, unit: FigureUnit, want: Metric) {
        assert_eq!(
            classify(what, sentence, figure, unit),
            want,
            "{figure} in {sentence:?} (what {what:?}) is {want:?}"
        );
    }

    #[test]
    fn figures_are_classified_by_their_nearest_cues() {
        use FigureUnit::*;
        check(
            Some("cases per social worker"),
            "Average was 19 cases per social worker.",
            "19",
            Count,
            Metric::CaseloadPerSocialWorker,
        );
        check(
            None,
            "Caseloads have come down to an average of 17.",
            "17",
            Count,
            Metric::CaseloadPerSocialWorker,
        );
        check(
            None,
            "An in-house foster placement costs £450 a week.",
            "£450",
            Gbp,
            Metric::PlacementCostInHouse,
        );
        check(
            None,
            "An agency (IFA) placement costs £900 per week.",
            "£900",
            Gbp,
            Metric::PlacementCostAgency,
        );
        check(
            None,
            "The average residential placement cost £4,000 per week.",
            "£4,000",
            Gbp,
            Metric::PlacementCost,
        );
        check(
            Some("looked after children"),
            "There are 612 looked after children.",
            "612",
            Count,
            Metric::LookedAfterChildren,
        );
        check(
            None,
            "We now have 140 fostering households approved.",
            "140",
            Count,
            Metric::FosterCarers,
        );
        check(
            None,
            "Agency social workers make up 28% of staff.",
            "28%",
            Percent,
            Metric::AgencyStaffShare,
        );
        check(
            None,
            "The service is forecasting an overspend of £2.1m.",
            "£2.1m",
            Gbp,
            Metric::Budget,
        );
        check(
            None,
            "Attendance rose to 94%.",
            "94%",
            Percent,
            Metric::Percentage,
        );
        check(
            None,
            "A grand total of £12 was raised.",
            "£12",
            Gbp,
            Metric::Money,
        );
        check(
            Some("visits"),
            "There were 30 visits.",
            "30",
            Count,
            Metric::Count,
        );
    }

    #[test]
    fn a_sentence_with_two_figures_classifies_each_by_its_own_neighbourhood() {
        let s = "The number of looked after children has risen to 640 over the last five years, while across the service the average caseload of each social worker stood at 22.";
        check(
            None,
            s,
            "640",
            FigureUnit::Count,
            Metric::LookedAfterChildren,
        );
        check(
            None,
            s,
            "22",
            FigureUnit::Count,
            Metric::CaseloadPerSocialWorker,
        );
    }
}
