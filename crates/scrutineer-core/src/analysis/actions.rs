//! Tracked actions: resolutions that ask for something later, and whether a later meeting took
//! them up.
//!
//! Scrutiny is only as good as its follow-through. A committee that asks for "an update to the
//! next meeting" and never gets one should see that. This module reads each resolution for a
//! request about the future (an update, a report back, a visit, a survey, "to be kept
//! informed", "a further item to be brought"), works out when it is due, and looks through
//! later meetings of the **same council and committee** for the meeting that took it up.
//!
//! **Follow-up** is decided by subject-term overlap. The action's subject terms are its content
//! words (stopwords, numbers, and the vocabulary of asking — update, report, meeting, director
//! — removed; crudely stemmed so "carers" meets "carer" and "fostering" meets "foster"). A later
//! meeting follows the action up when
//! - one of its item titles is mostly subject terms (at least half of the title's content
//!   words, or two of them): "Fostering Update" follows up "an update on foster carer
//!   recruitment"; or
//! - one of its paragraphs holds at least half of the subject terms (and at least two, when the
//!   action has two or more) and a word of giving account (update, report, progress, visit,
//!   survey, findings, feedback…).
//!
//! Only the meetings up to [`ActionConfig::follow_up_meetings`] past the action's due point are
//! searched: a follow-up answers the request around when it was due.
//!
//! **Status**: `FollowedUp` when such a meeting exists; otherwise `Overdue` when the due meeting
//! has passed (a later meeting of the committee exists — for "a future meeting", after
//! [`ActionConfig::future_meeting_grace`] later meetings) or a stated due date is before
//! `today`; otherwise `Open`. `today` is passed in, never read from the clock.
//!
//! Input: [`MeetingRow`]s, [`ResolutionRow`]s and [`ParagraphRow`]s of the meetings concerned
//! (the action's meeting and the later meetings of its committee).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate};
use regex::Regex;

use super::rows::{
    by_id, cite, paragraph_evidence, MeetingRow, ParagraphRow, ResolutionRow, UNKNOWN_COUNCIL,
};
use crate::model::{Action, ActionKind, ActionStatus, EvidenceRef, Id};
use crate::normalize::fold;

/// The version of the rules in this module (what counts as a request, when it is due, what
/// follows it up). The library keeps every resolution's tracking and re-tracks them all when
/// this changes: bump it with any change to the rules (a test of fixed sentences fails until
/// you do).
pub const ACTIONS_VERSION: u32 = 1;

/// Settings of action tracking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionConfig {
    /// For an action due at "a future meeting" (no meeting named), how many later meetings of
    /// the committee may pass without it before it is overdue.
    pub future_meeting_grace: usize,
    /// How many later meetings of the committee, counted from when the action fell due (from
    /// the meeting that asked, when no due date or meeting is said), are searched for its
    /// follow-up. A passage years later that happens to share its words is a coincidence, not
    /// a follow-up; and the bound keeps a long series from being read once per action.
    pub follow_up_meetings: usize,
}

impl Default for ActionConfig {
    fn default() -> ActionConfig {
        ActionConfig {
            future_meeting_grace: 3,
            follow_up_meetings: 6,
        }
    }
}

/// The rows actions are read from.
#[derive(Debug, Clone, Copy)]
pub struct ActionInput<'a> {
    pub meetings: &'a [MeetingRow],
    pub resolutions: &'a [ResolutionRow],
    pub paragraphs: &'a [ParagraphRow],
}

/// When an action is due, as the resolution says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// "to the next meeting", "each meeting", "a regular item".
    NextMeeting,
    /// "a future meeting", "in due course": a few meetings' grace.
    FutureMeeting,
    /// "the March meeting": the first later meeting in that month.
    MeetingInMonth(u32),
    /// A date: stated ("by 31 March 2018", "by March 2018": the month's end) or implied
    /// ("in six months").
    Date(NaiveDate),
    /// Nothing said.
    Unstated,
}

static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(?:report(?:ed|ing)? back|come back|brought back|bring back",
        r"|(?:further|follow[- ]?up|progress|update[d]?|future|written|detailed|full|annual|six[- ]monthly|quarterly) (?:report|update|item|paper|briefing|presentation)s?",
        r"|(?:to|at|for|before|by|until|in) (?:the |a |an |its )?(?:next|future|subsequent|later|following|forthcoming|further) (?:\w+ )?meeting",
        r"|(?:be|are|is) (?:kept|provided|brought|presented|submitted|circulated|reported|made available|shared|sent|arranged|invited|updated|undertaken|carried out|produced|prepared|given|scheduled|added|organised|organized|held|convened|included|sought|obtained|commissioned|written|established|developed|considered|explored)",
        r"|(?:to|will|would|should|shall|must) (?:provide|bring|submit|present|report|arrange|circulate|undertake|carry out|visit|write|share|include|update|return|come back|look into|investigate|explore|produce|prepare|send|invite|give|organise|organize|schedule|confirm|seek|review|consider|monitor|receive|discuss|examine|scrutinise|scrutinize|lobby|follow up|look at|meet|develop|consult)",
        r"|^(?:that )?(?:the (?:\w+ ){0,3})?(?:consider|explore|investigate|review|provide|arrange|bring|circulate|write to|seek|undertake|develop|produce|share|monitor|request|ask|invite|visit|survey|lobby|commission)\b",
        r"|request(?:ed|s)?|asked|invited to",
        r"|(?:submit|provide|bring|present|prepare|produce|circulate|arrange|undertake|carry out|conduct|share|send|give) (?:a |an |the |further |written |regular )?(?:report|update|briefing|paper|item|visit|survey|review|presentation|breakdown)",
        r"|report (?:the |their |its )?(?:results|findings|outcome|outcomes|conclusions) (?:back )?to",
        r"|in (?:\d+|one|two|three|four|five|six|nine|twelve|eighteen) (?:months?|weeks?)(?:'? time)?",
        r"|in due course|regular (?:item|update|report)s?|each meeting|every meeting",
        r"|kept (?:informed|updated|apprised|abreast|up to date)",
        r"|(?:be|is|are) (?:completed|reviewed|finalised|finalized|implemented|developed|established|set up|explored|investigated|reconsidered|revisited)",
        r"|by (?:the end of )?(?:\d{1,2}(?:st|nd|rd|th)? )?(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{4})\b",
    ))
    .expect("future-request pattern is valid")
});

static VISIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bvisit(?:s|ed|ing)?\b").expect("visit pattern is valid"));
static SURVEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bsurvey(?:s|ed|ing)?\b").expect("survey pattern is valid"));
static UPDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:update[sd]?|kept (?:informed|updated|apprised|abreast|up to date)|progress)\b",
    )
    .expect("update pattern is valid")
});
static REPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:report(?:s|ed)?|paper|item|briefing|presentation|presented|submitted|brought back|come back|bring back)\b")
        .expect("report pattern is valid")
});

#[rustfmt::skip]
const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];

static DATE_FULL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})(?:st|nd|rd|th)? (january|february|march|april|may|june|july|august|september|october|november|december),? (\d{4})\b")
        .expect("full date pattern is valid")
});
static DATE_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:by|in|before|during|until|for) (?:the end of |end of |the )?(january|february|march|april|june|july|august|september|october|november|december|may) (\d{4})\b")
        .expect("month date pattern is valid")
});
static MONTH_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(january|february|march|april|may|june|july|august|september|october|november|december)(?: \d{4})? meeting\b")
        .expect("month meeting pattern is valid")
});
static IN_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:in|within) (?:(\d+)|(a|one|two|three|four|five|six|nine|twelve|eighteen)) (months?|weeks?)\b|\b(?:in|within) (?:a|one) year\b|\bannual(?:ly)?\b")
        .expect("period pattern is valid")
});
static NEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:next|each|every|following) (?:\w+ )?meeting\b|\bregular (?:item|update|report)s?\b|\bkept (?:informed|updated|apprised|abreast|up to date)\b")
        .expect("next meeting pattern is valid")
});
static LATER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:future|subsequent|later|forthcoming|a further) meeting\b|\bin due course\b|\bin the (?:new|next) (?:year|municipal year)\b")
        .expect("future meeting pattern is valid")
});

/// Verbs of taking note: a clause built on one records, it asks for nothing.
static NOTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:noted|received|agreed|approved|accepted|endorsed|welcomed|confirmed|adopted|ratified|thanked|commended)\b")
        .expect("noting pattern is valid")
});

/// What still makes a noting clause a request ("be noted and brought back to the next meeting").
static FORWARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(?:to|at|for|before|by|until|in) (?:the |a |an |its )?(?:next|future|subsequent|later|following|forthcoming|further|each|every) (?:\w+ )?meeting",
        r"|\b(?:brought|provided|presented|submitted|circulated|produced|prepared|arranged|undertaken|carried out|report(?:ed)? back|come back|continue to|kept (?:informed|updated|apprised))\b",
    ))
    .expect("forward pattern is valid")
});

/// Where a resolution divides into clauses.
static CLAUSES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r";|\band that\b|\band\b").expect("clause pattern is valid"));

/// The part of a (folded) resolution that may ask for something: its clauses less those that
/// only take note ("the annual report be noted and the increase in fees welcomed" asks for
/// nothing, though "annual report" reads like a request on its own).
fn asking_part(folded: &str) -> String {
    CLAUSES
        .split(folded)
        .filter(|c| !NOTING.is_match(c) || FORWARD.is_match(c))
        .collect::<Vec<_>>()
        .join(";")
}

/// What a resolution asks for later, if anything.
pub fn action_kind(resolution: &str) -> Option<ActionKind> {
    let t = asking_part(&fold(resolution));
    if !FUTURE.is_match(&t) {
        return None;
    }
    Some(if VISIT.is_match(&t) {
        ActionKind::Visit
    } else if SURVEY.is_match(&t) {
        ActionKind::Survey
    } else if UPDATE.is_match(&t) {
        ActionKind::Update
    } else if REPORT.is_match(&t) {
        ActionKind::Report
    } else {
        ActionKind::Other
    })
}

/// When a resolution of a meeting held on `held` says it is due.
pub fn due_of(resolution: &str, held: Option<NaiveDate>) -> Due {
    let t = fold(resolution);
    let month = |m: &str| MONTHS.iter().position(|x| *x == m).map(|i| i as u32 + 1);
    if let Some(c) = DATE_FULL.captures(&t) {
        let day = c[1].parse().ok();
        let year = c[3].parse().ok();
        if let (Some(d), Some(m), Some(y)) = (day, month(&c[2]), year) {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                return Due::Date(date);
            }
        }
    }
    if let Some(c) = DATE_MONTH.captures(&t) {
        if let (Some(m), Ok(y)) = (month(&c[1]), c[2].parse::<i32>()) {
            if let Some(end) = month_end(y, m) {
                return Due::Date(end);
            }
        }
    }
    if let Some(c) = MONTH_MEETING.captures(&t) {
        if let Some(m) = month(&c[1]) {
            return Due::MeetingInMonth(m);
        }
    }
    if let (Some(c), Some(held)) = (IN_PERIOD.captures(&t), held) {
        let n = match (c.get(1), c.get(2)) {
            (Some(d), _) => d.as_str().parse::<u32>().ok(),
            (_, Some(w)) => word_number(w.as_str()),
            _ => Some(12),
        };
        let weeks = c.get(3).is_some_and(|u| u.as_str().starts_with("week"));
        let date = match (n, weeks) {
            (Some(n), true) => held.checked_add_days(Days::new(u64::from(n) * 7)),
            (Some(n), false) => held.checked_add_months(Months::new(n)),
            (None, _) => None,
        };
        if let Some(date) = date {
            return Due::Date(date);
        }
    }
    if NEXT.is_match(&t) {
        return Due::NextMeeting;
    }
    if LATER.is_match(&t) {
        return Due::FutureMeeting;
    }
    Due::Unstated
}

fn word_number(w: &str) -> Option<u32> {
    Some(match w {
        "a" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "nine" => 9,
        "twelve" => 12,
        "eighteen" => 18,
        _ => return None,
    })
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

/// Words that say nothing about an action's subject: grammar, the vocabulary of asking and
/// reporting, and words every children's services minute uses.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "the", "and", "that", "this", "these", "those", "with", "from", "for", "into", "onto", "upon",
    "about", "which", "who", "whom", "whose", "what", "when", "where", "how", "why", "their",
    "them", "they", "there", "then", "than", "its", "his", "her", "our", "ours", "your", "all",
    "any", "each", "every", "some", "such", "other", "also", "only", "both", "more", "most",
    "very", "well", "further", "future", "next", "following", "forthcoming", "subsequent",
    "later", "meeting", "meetings", "committee", "board", "panel", "council", "councillor",
    "councillors", "cabinet", "member", "members", "chair", "chairman", "vice", "director",
    "officer", "officers", "head", "service", "services", "report", "reports", "reported",
    "reporting", "update", "updates", "updated", "updating", "item", "items", "paper",
    "briefing", "presentation", "progress", "provide", "provided", "providing", "bring",
    "brought", "back", "come", "submit", "submitted", "present", "presented", "circulate",
    "circulated", "arrange", "arranged", "include", "included", "including", "request",
    "requested", "requests", "ask", "asked", "invite", "invited", "kept", "keep", "informed",
    "apprised", "due", "course", "regular", "regularly", "being", "been", "will", "would",
    "should", "shall", "must", "can", "could", "may", "might", "have", "has", "had", "are",
    "was", "were", "not", "but", "note", "noted", "notes", "agreed", "agree", "resolved",
    "receive", "received", "consider", "considered", "consideration", "time", "months", "month",
    "weeks", "week", "year", "years", "children", "child", "childrens", "young", "people",
    "peoples", "social", "care", "work", "local", "authority", "made", "make", "give", "given",
    "undertake", "undertaken", "carry", "carried", "out", "look", "looked", "share", "shared",
    "send", "sent", "write", "written", "prepare", "prepared", "produce", "produced", "return",
    "detail", "detailed", "full", "information", "writing", "via", "per", "new", "current",
    "matter", "matters", "issue", "issues", "position", "view", "views", "possible", "relation",
    "regard", "respect", "respective", "within", "over", "under", "after", "before", "during",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "municipal", "visit", "visits", "survey", "surveys", "outcome",
    "outcomes",
];

/// Words that show a passage gives account of something asked for.
#[rustfmt::skip]
const ACCOUNT: &[&str] = &[
    "update", "updated", "updates", "report", "reported", "reports", "progress", "visit",
    "visited", "visits", "survey", "surveys", "surveyed", "feedback", "findings", "outcome",
    "outcomes", "results", "briefing", "presented", "presentation", "requested", "previous",
    "last", "follow", "following", "response", "responded",
];

/// A word's crude stem: lower case, a plural `s` off, at most six characters.
fn stem(w: &str) -> String {
    let w = w
        .strip_suffix("ies")
        .map_or_else(|| w.to_string(), |b| format!("{b}y"));
    let w = if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
        &w[..w.len() - 1]
    } else {
        &w[..]
    };
    w.chars().take(6).collect()
}

/// Call `f` with each word of `text`, folded (lower case, typographic variants as one). Plain
/// ASCII text, nearly all minutes, is split and lower-cased as it stands: folding it would
/// change nothing the split sees, and skipping it keeps follow-up search cheap.
fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    if text.is_ascii() && !text.contains('\0') {
        let mut buf = String::new();
        for w in text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            buf.clear();
            buf.push_str(w);
            buf.make_ascii_lowercase();
            f(&buf);
        }
    } else {
        let folded = fold(text);
        for w in folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            f(w);
        }
    }
}

/// Whether a folded word is a content word: three letters or more, no digits, not a stopword.
fn is_content(w: &str) -> bool {
    w.chars().count() >= 3 && !w.chars().any(|c| c.is_ascii_digit()) && !STOP_SET.contains(w)
}

/// An action's subject terms (stemmed content words), at most twelve.
pub fn subject_terms(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    content_terms(text)
        .into_iter()
        .filter(|s| seen.insert(s.clone()))
        .take(12)
        .collect()
}

fn term_set(text: &str) -> HashSet<String> {
    content_terms(text).into_iter().collect()
}

/// Stemmed content words of a text, in order, repeats kept.
fn content_terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| {
        if is_content(w) {
            out.push(stem(w));
        }
    });
    out
}

static STOP_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| STOP.iter().copied().collect());
static ACCOUNT_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| ACCOUNT.iter().copied().collect());

/// The words of giving account as substrings, any case: a paragraph of plain text without one
/// of them cannot give account of anything, and is not split into words at all.
static ACCOUNT_SCAN: LazyLock<Option<aho_corasick::AhoCorasick>> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(ACCOUNT)
        .ok()
});

/// Whether a paragraph might use a word of giving account (never false when it does).
fn may_give_account(text: &str) -> bool {
    match ACCOUNT_SCAN.as_ref() {
        // Folding can change non-ASCII text (ligatures), so only plain text is ruled out here.
        Some(scan) if text.is_ascii() => scan.is_match(text),
        _ => true,
    }
}

/// Term sets of item titles and paragraphs, each worked out once however many actions look
/// at it.
#[derive(Default)]
struct TermCache<'a> {
    titles: HashMap<&'a str, HashSet<String>>,
    /// A paragraph's terms, and whether it uses a word of giving account.
    paragraphs: HashMap<Id, (HashSet<String>, bool)>,
}

impl<'a> TermCache<'a> {
    /// How well an item title takes up an action with subject terms `subject`: the subject
    /// terms it shares, or 0 when it does not take it up.
    fn title_score(&mut self, subject: &HashSet<String>, title: &'a str) -> usize {
        let terms = self.titles.entry(title).or_insert_with(|| term_set(title));
        let k = terms.iter().filter(|t| subject.contains(*t)).count();
        if k >= 1 && (k >= 2 || k * 2 >= terms.len()) {
            k
        } else {
            0
        }
    }

    /// Whether an item title takes up an action with subject terms `subject`.
    #[cfg(test)]
    fn title_follows(&mut self, subject: &HashSet<String>, title: &'a str) -> bool {
        self.title_score(subject, title) > 0
    }

    /// Whether a paragraph gives account of an action with subject terms `subject`.
    fn paragraph_follows(&mut self, subject: &HashSet<String>, p: &ParagraphRow) -> bool {
        let (terms, account) = self.paragraphs.entry(p.id).or_insert_with(|| {
            let mut terms = HashSet::new();
            let mut account = false;
            if !may_give_account(&p.text) {
                return (terms, account);
            }
            for_each_word(&p.text, |w| {
                account |= ACCOUNT_SET.contains(w);
                if is_content(w) {
                    terms.insert(stem(w));
                }
            });
            (terms, account)
        });
        let k = subject.iter().filter(|t| terms.contains(*t)).count();
        let need = subject.len().div_ceil(2).max(2).min(subject.len());
        *account && need > 0 && k >= need
    }
}

/// The series a meeting belongs to for follow-ups: its council and committee, folded (so case,
/// quotes and spacing do not matter), joined by a unit separator. The library keeps it per
/// meeting to find the actions a new meeting may follow up.
pub fn series_key(council: Option<&str>, committee: Option<&str>) -> String {
    format!(
        "{}\u{1f}{}",
        fold(council.unwrap_or(UNKNOWN_COUNCIL)),
        committee.map(fold).unwrap_or_default()
    )
}

fn committee_key(m: &MeetingRow) -> String {
    series_key(m.council.as_deref(), m.committee.as_deref())
}

/// Every tracked action among the resolutions, in meeting date order (then resolution id).
pub fn actions(input: ActionInput<'_>, today: NaiveDate, config: ActionConfig) -> Vec<Action> {
    actions_among(input, None, today, config)
}

/// [`actions`] of only the resolutions in `asked` (all when `None`): the others are read for
/// follow-ups but not tracked themselves (the library passes the later meetings' resolutions
/// along with the ones in scope).
pub fn actions_among(
    input: ActionInput<'_>,
    asked: Option<&HashSet<Id>>,
    today: NaiveDate,
    config: ActionConfig,
) -> Vec<Action> {
    let mut out: Vec<(Option<NaiveDate>, Action)> = track(input, asked, config)
        .into_iter()
        .map(|t| (t.held, t.action(today)))
        .collect();
    out.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.resolution_id.cmp(&b.1.resolution_id))
    });
    out.into_iter().map(|(_, a)| a).collect()
}

/// What took an action up: a paragraph, or a resolution (cited when an item's resolution
/// rather than its text shares the action's subject).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpSource {
    Paragraph(Id),
    Resolution(Id),
}

/// The passage that took an action up.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    pub meeting_id: Id,
    pub source: FollowUpSource,
    pub evidence: EvidenceRef,
}

/// How far along its committee's later meetings an action's tracking looked. A meeting that
/// joins or leaves the series (stored, deleted, re-extracted, its council, committee or date
/// corrected) can change the action only if it falls inside this reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Only later meetings dated on or before this date matter (the action's own date when
    /// nothing later matters at all).
    Until(NaiveDate),
    /// Any later meeting may matter: the series has not yet run past what the action looks at.
    Open,
    /// No later meeting can matter: the action's meeting is undated, or in no series.
    Never,
}

/// A kept action as the library lists it (see `store::actions`): the resolution, what it asks,
/// its status as of the day asked about, and the meeting and passage that followed it up.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionRow {
    pub resolution: ResolutionRow,
    pub kind: ActionKind,
    pub status: ActionStatus,
    pub due: Option<NaiveDate>,
    pub follow_up: Option<(Id, FollowUpSource)>,
}

/// Kept actions as [`Action`]s, cited: `meetings` must hold the asking and following-up
/// meetings, `paragraphs` and `resolutions` the passages that followed them up. The same
/// actions, in the same order, as [`actions_among`] over the rows they were tracked from.
pub fn listed(
    rows: Vec<ActionRow>,
    meetings: &[MeetingRow],
    paragraphs: &[ParagraphRow],
    resolutions: &[ResolutionRow],
) -> Vec<Action> {
    let meetings = by_id(meetings);
    let paragraphs: HashMap<Id, &ParagraphRow> = paragraphs.iter().map(|p| (p.id, p)).collect();
    let resolutions: HashMap<Id, &ResolutionRow> = resolutions.iter().map(|r| (r.id, r)).collect();
    rows.into_iter()
        .map(|row| {
            let r = &row.resolution;
            let evidence = cite(
                meetings.get(&r.meeting_id).copied(),
                r.meeting_id,
                r.paragraph_id.unwrap_or(0),
                r.page,
                &r.item_number,
                &r.item_title,
                &r.text,
            );
            let followed_up_by = row.follow_up.and_then(|(meeting_id, source)| {
                let m = meetings.get(&meeting_id).copied();
                match source {
                    FollowUpSource::Paragraph(id) => {
                        paragraphs.get(&id).map(|p| paragraph_evidence(m, p))
                    }
                    FollowUpSource::Resolution(id) => resolutions.get(&id).map(|f| {
                        cite(
                            m,
                            meeting_id,
                            f.paragraph_id.unwrap_or(0),
                            f.page,
                            &f.item_number,
                            &f.item_title,
                            &f.text,
                        )
                    }),
                }
            });
            Action {
                resolution_id: r.id,
                kind: row.kind,
                status: row.status,
                text: row.resolution.text,
                due: row.due,
                evidence,
                followed_up_by,
            }
        })
        .collect()
}

/// An action with everything that does not depend on the day it is read: what the library
/// keeps, so that listing actions reads rows instead of re-reading minutes. [`Tracked::action`]
/// adds the status as of a given day.
#[derive(Debug, Clone, PartialEq)]
pub struct Tracked {
    pub resolution_id: Id,
    pub meeting_id: Id,
    /// The date of the meeting that asked.
    pub held: Option<NaiveDate>,
    pub kind: ActionKind,
    pub text: String,
    pub due: Option<NaiveDate>,
    /// The meeting it was due at has been held (a later meeting of the committee exists at
    /// the due position).
    pub due_meeting_held: bool,
    pub evidence: EvidenceRef,
    pub follow_up: Option<FollowUp>,
    pub reach: Reach,
}

impl Tracked {
    /// The action as of `today`.
    pub fn status(&self, today: NaiveDate) -> ActionStatus {
        action_status(
            self.follow_up.is_some(),
            self.due_meeting_held,
            self.due,
            today,
        )
    }

    /// The action as of `today`.
    pub fn action(self, today: NaiveDate) -> Action {
        let status = self.status(today);
        Action {
            resolution_id: self.resolution_id,
            kind: self.kind,
            status,
            text: self.text,
            due: self.due,
            evidence: self.evidence,
            followed_up_by: self.follow_up.map(|f| f.evidence),
        }
    }
}

/// An action's status: followed up when a later meeting took it up; else overdue when the
/// meeting it was due at has been held or its due date is before `today`; else open.
pub fn action_status(
    followed_up: bool,
    due_meeting_held: bool,
    due: Option<NaiveDate>,
    today: NaiveDate,
) -> ActionStatus {
    if followed_up {
        ActionStatus::FollowedUp
    } else if due_meeting_held || due.is_some_and(|d| d < today) {
        ActionStatus::Overdue
    } else {
        ActionStatus::Open
    }
}

/// Every action among the resolutions in `asked` (all when `None`), tracked through the later
/// meetings in `input`, in input order. See [`actions_among`].
pub fn track(
    input: ActionInput<'_>,
    asked: Option<&HashSet<Id>>,
    config: ActionConfig,
) -> Vec<Tracked> {
    let meetings = by_id(input.meetings);
    // Dated meetings of each council and committee, in date order.
    let mut series: HashMap<String, Vec<&MeetingRow>> = HashMap::new();
    let mut key_of: HashMap<Id, String> = HashMap::new();
    for m in input.meetings.iter().filter(|m| m.date.is_some()) {
        let key = committee_key(m);
        series.entry(key.clone()).or_default().push(m);
        key_of.insert(m.id, key);
    }
    for s in series.values_mut() {
        s.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    }
    let mut paragraphs: HashMap<Id, Vec<&ParagraphRow>> = HashMap::new();
    for p in input.paragraphs {
        paragraphs.entry(p.meeting_id).or_default().push(p);
    }
    let mut resolutions_of: HashMap<Id, Vec<&ResolutionRow>> = HashMap::new();
    for r in input.resolutions {
        resolutions_of.entry(r.meeting_id).or_default().push(r);
    }

    let mut terms = TermCache::default();
    let mut out = Vec::new();
    for r in input
        .resolutions
        .iter()
        .filter(|r| !r.standing && asked.is_none_or(|a| a.contains(&r.id)))
    {
        let Some(kind) = action_kind(&r.text) else {
            continue;
        };
        let meeting = meetings.get(&r.meeting_id).copied();
        let held = meeting.and_then(|m| m.date);
        let evidence = cite(
            meeting,
            r.meeting_id,
            r.paragraph_id.unwrap_or(0),
            r.page,
            &r.item_number,
            &r.item_title,
            &r.text,
        );
        // The committee's meetings after this one (the series is in date order).
        let in_series = meeting.and_then(|m| key_of.get(&m.id)).is_some();
        let later: &[&MeetingRow] = match (meeting, held) {
            (Some(m), Some(held)) => key_of
                .get(&m.id)
                .and_then(|key| series.get(key))
                .map(|s| &s[s.partition_point(|x| x.date.is_some_and(|d| d <= held))..])
                .unwrap_or_default(),
            _ => &[],
        };
        // How many of the later meetings the outcome depends on; `None`: all of them.
        let mut needs: Option<usize> = Some(0);
        let mut need = |n: Option<usize>| {
            needs = match (needs, n) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            };
        };
        // A lookup at `i` depends on meetings up to `i`; past the end, on any later meeting
        // (one may arrive there).
        let at = |i: usize| (i < later.len()).then_some(i + 1);
        let due_spec = due_of(&r.text, held);
        let due_meeting: Option<usize> = match due_spec {
            Due::NextMeeting => Some(0),
            Due::FutureMeeting => Some(config.future_meeting_grace.saturating_sub(1)),
            Due::MeetingInMonth(month) => {
                let found = later
                    .iter()
                    .position(|m| m.date.is_some_and(|d| d.month() == month));
                need(found.map(|i| i + 1));
                found
            }
            _ => None,
        };
        if let Some(i) = due_meeting {
            need(at(i));
        }
        let due: Option<NaiveDate> = match due_spec {
            Due::Date(d) => Some(d),
            Due::MeetingInMonth(month) => match due_meeting.and_then(|i| later.get(i)) {
                Some(m) => m.date,
                // No meeting that month is known: the month's end, in the first such month
                // after the meeting.
                None => held.and_then(|h| {
                    let year = if month > h.month() {
                        h.year()
                    } else {
                        h.year() + 1
                    };
                    month_end(year, month)
                }),
            },
            _ => due_meeting.and_then(|i| later.get(i)).and_then(|m| m.date),
        };

        let subject: HashSet<String> = subject_terms(&r.text).into_iter().collect();
        // Search from the meeting that asked to `follow_up_meetings` past when it fell due.
        let due_at = match (due_meeting, due) {
            (Some(i), _) => i,
            (None, Some(d)) => {
                let n = later
                    .iter()
                    .take_while(|m| m.date.is_some_and(|x| x < d))
                    .count();
                need(at(n));
                n
            }
            (None, None) => 0,
        };
        let window = due_at.saturating_add(config.follow_up_meetings);
        let followed_up_by = if subject.is_empty() {
            None
        } else {
            let found = later.iter().take(window).enumerate().find_map(|(i, m)| {
                follow_up_in(
                    &subject,
                    m,
                    paragraphs.get(&m.id).map_or(&[][..], Vec::as_slice),
                    resolutions_of.get(&m.id).map_or(&[][..], Vec::as_slice),
                    &mut terms,
                )
                .map(|f| (i, f))
            });
            match &found {
                Some((i, _)) => need(Some(i + 1)),
                // Nothing among the meetings searched: a meeting arriving among them could be
                // the follow-up.
                None if window <= later.len() => need(Some(window)),
                None => need(None),
            }
            found.map(|(_, f)| f)
        };
        let due_meeting_held = due_meeting.is_some_and(|i| i < later.len());
        let reach = match (held, in_series, needs) {
            (Some(held), true, Some(0)) => Reach::Until(held),
            (Some(_), true, Some(n)) => later
                .get(n - 1)
                .and_then(|m| m.date)
                .map_or(Reach::Open, Reach::Until),
            (Some(_), true, None) => Reach::Open,
            _ => Reach::Never,
        };
        out.push(Tracked {
            resolution_id: r.id,
            meeting_id: r.meeting_id,
            held,
            kind,
            text: r.text.clone(),
            due,
            due_meeting_held,
            evidence,
            follow_up: followed_up_by,
            reach,
        });
    }
    out
}

/// The passage of meeting `m` that takes up an action, if any: the item whose title shares
/// most of the action's subject (cited by its first paragraph, or its resolution), else the
/// first paragraph that gives account of it.
fn follow_up_in<'a>(
    subject: &HashSet<String>,
    m: &MeetingRow,
    paragraphs: &[&'a ParagraphRow],
    resolutions: &[&'a ResolutionRow],
    terms: &mut TermCache<'a>,
) -> Option<FollowUp> {
    let found = |source: FollowUpSource, evidence: EvidenceRef| FollowUp {
        meeting_id: m.id,
        source,
        evidence,
    };
    // The item whose title shares most of the subject (the first such, on a tie).
    let mut best: Option<(usize, FollowUp)> = None;
    for p in paragraphs.iter().filter(|p| !p.standing) {
        let score = p
            .item_title
            .as_deref()
            .map_or(0, |t| terms.title_score(subject, t));
        if score > best.as_ref().map_or(0, |b| b.0) {
            best = Some((
                score,
                found(
                    FollowUpSource::Paragraph(p.id),
                    paragraph_evidence(Some(m), p),
                ),
            ));
        }
    }
    for r in resolutions.iter().filter(|r| !r.standing) {
        let score = r
            .item_title
            .as_deref()
            .map_or(0, |t| terms.title_score(subject, t));
        if score > best.as_ref().map_or(0, |b| b.0) {
            best = Some((
                score,
                found(
                    FollowUpSource::Resolution(r.id),
                    cite(
                        Some(m),
                        m.id,
                        r.paragraph_id.unwrap_or(0),
                        r.page,
                        &r.item_number,
                        &r.item_title,
                        &r.text,
                    ),
                ),
            ));
        }
    }
    if let Some((_, f)) = best {
        return Some(f);
    }
    paragraphs
        .iter()
        .filter(|p| !p.standing)
        .find(|p| terms.paragraph_follows(subject, p))
        .map(|p| {
            found(
                FollowUpSource::Paragraph(p.id),
                paragraph_evidence(Some(m), p),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the rules make of fixed sentences, as one fingerprint. Kept tracking is only
    /// re-done when [`ACTIONS_VERSION`] changes, so a change to the rules must bump it.
    #[test]
    fn a_change_to_the_rules_bumps_the_actions_version() {
        use sha2::{Digest, Sha256};
        let held = NaiveDate::from_ymd_opt(2019, 1, 15);
        let sentences = [
            "that an update on foster carer recruitment be brought to the next meeting",
            "the Director to report back on agency spend in six months",
            "members be invited to visit the new family hub",
            "a survey of care leavers be undertaken and the results shared with the Panel",
            "that the Board be kept informed of progress with the trust",
            "that a further item on placement sufficiency be brought to a future meeting",
            "a report to the March meeting on SEND transport costs",
            "the review be completed by 31st May 2019",
            "a report by September 2019 on the budget",
            "that the figures be circulated to all members",
            "that the report be noted",
            "the annual update be noted and the increase in carers' fees welcomed",
            "Fostering Update: foster carers' allowances (2019)",
        ];
        let mut digest = Sha256::new();
        for s in sentences {
            let line = format!(
                "{:?}|{:?}|{:?}\n",
                action_kind(s),
                due_of(s, held),
                subject_terms(s)
            );
            digest.update(line.as_bytes());
        }
        let print: String = digest.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            (ACTIONS_VERSION, print.as_str()),
            (1, "8c9463afc320cef2"),
            "the action rules changed: bump ACTIONS_VERSION (libraries re-track their actions \
             when it changes) and set the new version and fingerprint here"
        );
    }

    #[test]
    fn requests_for_later_are_actions_and_notings_are_not() {
        for (text, want) in [
            (
                "that an update on foster carer recruitment be brought to the next meeting",
                Some(ActionKind::Update),
            ),
            (
                "the Director to report back on agency spend in six months",
                Some(ActionKind::Report),
            ),
            (
                "members be invited to visit the new family hub",
                Some(ActionKind::Visit),
            ),
            (
                "a survey of care leavers be undertaken and the results shared with the Panel",
                Some(ActionKind::Survey),
            ),
            (
                "that the Board be kept informed of progress with the trust",
                Some(ActionKind::Update),
            ),
            (
                "that a further item on placement sufficiency be brought to a future meeting",
                Some(ActionKind::Report),
            ),
            (
                "that the figures be circulated to all members",
                Some(ActionKind::Other),
            ),
            (
                "development sessions to be organised for members",
                Some(ActionKind::Other),
            ),
            (
                "consider a dedicated wellbeing survey of social workers",
                Some(ActionKind::Survey),
            ),
            (
                "the Committee will consider with the health panel how to take this forward",
                Some(ActionKind::Other),
            ),
            (
                "the theme chosen for the next meeting is likely to be sufficiency",
                Some(ActionKind::Other),
            ),
            (
                "the Panel note the report and the progress so far",
                None,
            ),
            ("that the update be noted", None),
            ("that the report be received", None),
            ("the annual report be noted.", None),
            ("the progress report be noted", None),
            (
                "the annual update be noted and the increase in carers' fees welcomed",
                None,
            ),
            ("Date of next meeting", None),
            (
                "the report be noted and that the caseload figures continue to be reported to each meeting",
                Some(ActionKind::Report),
            ),
            (
                "the action plan be presented to the next meeting",
                Some(ActionKind::Report),
            ),
            (
                "the Director carry out a survey of carers on the support they receive, and report the results to the Committee in the autumn",
                Some(ActionKind::Survey),
            ),
            (
                "the Assistant Director - Education and Inclusion submit a report on transport costs, with a breakdown by route, to the meeting of the Board on 18th July, 2023",
                Some(ActionKind::Report),
            ),
            (
                "that the minutes of the last meeting be approved as a correct record",
                None,
            ),
        ] {
            assert_eq!(action_kind(text), want, "{text:?}");
        }
    }

    #[test]
    fn due_dates_are_read_from_the_text() {
        let held = NaiveDate::from_ymd_opt(2019, 1, 15);
        assert_eq!(
            due_of("an update to the next meeting", held),
            Due::NextMeeting
        );
        assert_eq!(
            due_of("a report to a future meeting", held),
            Due::FutureMeeting
        );
        assert_eq!(
            due_of("a report to the March meeting", held),
            Due::MeetingInMonth(3)
        );
        assert_eq!(
            due_of("a report back in six months", held),
            Due::Date(NaiveDate::from_ymd_opt(2019, 7, 15).expect("valid"))
        );
        assert_eq!(
            due_of("the review be completed by 31st May 2019", held),
            Due::Date(NaiveDate::from_ymd_opt(2019, 5, 31).expect("valid"))
        );
        assert_eq!(
            due_of("a report by September 2019", held),
            Due::Date(NaiveDate::from_ymd_opt(2019, 9, 30).expect("valid"))
        );
        assert_eq!(due_of("the figures be circulated", held), Due::Unstated);
    }

    #[test]
    fn plain_text_splits_into_the_words_folding_gives() {
        for text in [
            "Foster carers' Update: the  Children's Services (2019) report",
            "Fostering\tUPDATE -- next meeting; 12 cases",
        ] {
            let mut fast = Vec::new();
            for_each_word(text, |w| fast.push(w.to_string()));
            let folded: Vec<String> = fold(text)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            assert_eq!(
                fast, folded,
                "the ASCII shortcut must split {text:?} as folding does"
            );
        }
    }

    #[test]
    fn subject_terms_keep_what_the_action_is_about() {
        let terms = subject_terms(
            "that the Director provide an update on foster carer recruitment to the next meeting",
        );
        assert_eq!(terms, ["foster", "carer", "recrui"]);
        let subject: HashSet<String> = terms.into_iter().collect();
        let mut cache = TermCache::default();
        assert!(cache.title_follows(&subject, "Fostering Update"));
        assert!(cache.title_follows(&subject, "Recruitment of Foster Carers"));
        assert!(!cache.title_follows(&subject, "Adoption Service Annual Report"));
        assert!(!cache.title_follows(
            &subject,
            "Youth Justice Plan and Foster Placement Costs and Budget Monitoring"
        ));
    }
}
