//! Scores extraction against documents with a careful reader's truth beside them: the shared
//! corpus of real minutes (`../shared/corpus`: seeds as text and PDF, truth in `truth/`) here,
//! and the held-out set of our own (`heldout.rs`) with the same scorer.
//!
//! A truth file says, per document, the council (with the other names it goes by), the
//! committee, the meeting date (null when none is stated), who was present, sent apologies and
//! was in attendance, the agenda items, the resolutions and the figures. A field that is null
//! (or absent) is not checked; an empty list is checked (nothing must be found). The scorer
//! prints a per-document, per-field table, and with `SCRUTINEER_SCORE_DETAIL=1` every miss and
//! every extra, so a failing bar says what to look at.
//!
//! The corpus test skips cleanly when the corpus is not beside the project (set
//! `SCRUTINEER_CORPUS` to point elsewhere).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scrutineer_core::extract::extract;
use scrutineer_core::model::{MeetingRecord, Person, SourceText};
use serde_json::Value;

pub fn corpus_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("SCRUTINEER_CORPUS") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"),
    };
    dir.join("truth").is_dir().then_some(dir)
}

/// Lower-case, straight quotes, single spaces, no punctuation at the ends.
fn fold(s: &str) -> String {
    scrutineer_core::normalize::fold(s)
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

const TITLES: &[&str] = &[
    "councillor",
    "councillors",
    "cllr",
    "cllrs",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "reverend",
    "rev",
    "revd",
    "mbe",
    "obe",
    "cbe",
    "the",
    "professor",
    "prof",
    "sir",
    "dame",
];

fn name_tokens(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|t| !t.is_empty() && !TITLES.contains(t))
        .map(str::to_string)
        .collect()
}

/// Two names are the same person when one's name tokens are all in the other's.
fn same_person(a: &str, b: &str) -> bool {
    let (ta, tb) = (name_tokens(a), name_tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return false;
    }
    ta.iter().all(|t| tb.contains(t)) || tb.iter().all(|t| ta.contains(t))
}

/// An item number as compared: folded, without an "Item"/"Minute"/"No." prefix, only the
/// characters that make the number.
fn norm_number(s: &str) -> String {
    let mut f = fold(s);
    for prefix in ["agenda item", "item", "minute no", "minute", "min", "no"] {
        if let Some(rest) = f.strip_prefix(prefix) {
            if rest.starts_with([' ', '.']) {
                f = rest.trim_start_matches([' ', '.']).to_string();
            }
        }
    }
    f.chars()
        .filter(|c| c.is_alphanumeric() || *c == '/' || *c == '.' || *c == '-')
        .collect::<String>()
        .trim_end_matches('.')
        .to_string()
}

fn words(s: &str) -> Vec<String> {
    const STOP: &[&str] = &[
        "that", "the", "and", "with", "from", "this", "into", "their", "been", "will", "which",
        "should", "about", "further",
    ];
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 3 && !STOP.contains(w))
        .map(|w| w.chars().take(5).collect())
        .collect()
}

fn title_similar(a: &str, b: &str) -> bool {
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return fold(a) == fold(b);
    }
    let common = wa.iter().filter(|w| wb.contains(w)).count();
    common as f64 / wa.len().min(wb.len()) as f64 >= 0.6
}

/// Counts for precision/recall.
#[derive(Default, Clone, Copy)]
pub struct Prf {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Prf {
    fn add(&mut self, o: Prf) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Greedy one-to-one matching of truth entries to ours; also returns which truth entries were
/// missed and which of ours were extra, for the detail report.
fn match_sets<T, U>(
    truth: &[T],
    ours: &[U],
    same: impl Fn(&T, &U) -> bool,
) -> (Prf, Vec<usize>, Vec<usize>) {
    let mut used = vec![false; ours.len()];
    let mut prf = Prf::default();
    let mut missed = Vec::new();
    for (ti, t) in truth.iter().enumerate() {
        match (0..ours.len()).find(|&i| !used[i] && same(t, &ours[i])) {
            Some(i) => {
                used[i] = true;
                prf.tp += 1;
            }
            None => {
                prf.fn_ += 1;
                missed.push(ti);
            }
        }
    }
    let extra: Vec<usize> = (0..ours.len()).filter(|&i| !used[i]).collect();
    prf.fp = extra.len();
    (prf, missed, extra)
}

/// The numbers a truth value states, with their multipliers: "£1.2 million" is 1,200,000,
/// "£900k" 900,000, "4-5" is 4 and 5.
fn numbers_in(s: &str) -> Vec<f64> {
    let mut out: Vec<f64> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().chain(std::iter::once(' ')).collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() || (c == '.' && !cur.is_empty()) || (c == ',' && !cur.is_empty()) {
            cur.push(c);
        } else if !cur.is_empty() {
            let clean: String = cur
                .trim_end_matches(['.', ','])
                .chars()
                .filter(|c| *c != ',')
                .collect();
            if let Ok(v) = clean.parse::<f64>() {
                let rest: String = chars[i..].iter().collect::<String>().to_lowercase();
                let rest = rest.trim_start();
                let scale = if rest.starts_with("million") || rest.starts_with("m ") {
                    1e6
                } else if rest.starts_with("billion") || rest.starts_with("bn") {
                    1e9
                } else if rest.starts_with("k ") {
                    1e3
                } else {
                    1.0
                };
                out.push(v * scale);
            }
            cur.clear();
        }
        i += 1;
    }
    out
}

/// Field-by-field score of one document.
pub struct DocScore {
    pub council: bool,
    pub date: bool,
    pub committee: bool,
    /// The kind is right (None when the truth does not say).
    pub kind: Option<bool>,
    /// Start and end times are right (None when the truth does not say).
    pub times: Option<bool>,
    pub items: Prf,
    pub attendance: Prf,
    pub resolutions: Prf,
    pub figures: Prf,
    /// What was missed or extra, in words, for the detail report.
    pub notes: Vec<String>,
}

pub fn score(truth: &Value, rec: &MeetingRecord) -> DocScore {
    let s = |v: &Value| v.as_str().map(str::to_string);
    let mut notes = Vec::new();
    let council_ok = {
        let ours = rec.council.name.as_deref().map(fold);
        let mut names = vec![truth["council"].as_str().unwrap_or_default().to_string()];
        if let Some(a) = truth["council_aliases"].as_array() {
            names.extend(a.iter().filter_map(|v| v.as_str().map(str::to_string)));
        }
        match &ours {
            None => truth["council"].is_null(),
            Some(o) => names.iter().any(|n| fold(n) == *o),
        }
    };
    if !council_ok {
        notes.push(format!(
            "council: {:?}, expected {}",
            rec.council.name, truth["council"]
        ));
    }
    let date_ok = rec.meeting_date.date.map(|d| d.to_string()) == s(&truth["meeting_date"]);
    if !date_ok {
        notes.push(format!(
            "date: {:?}, expected {}",
            rec.meeting_date.date.map(|d| d.to_string()),
            truth["meeting_date"]
        ));
    }
    let committee_ok =
        rec.committee.name.as_deref().map(fold) == s(&truth["committee"]).as_deref().map(fold);
    if !committee_ok {
        notes.push(format!(
            "committee: {:?}, expected {}",
            rec.committee.name, truth["committee"]
        ));
    }
    let kind = truth["doc_kind"].as_str().map(|k| {
        let ok = rec.kind.as_str() == k
            || (k == "agenda_item_minutes" && rec.kind.as_str() == "agenda_item");
        if !ok {
            notes.push(format!("kind: {}, expected {k}", rec.kind.as_str()));
        }
        ok
    });
    let times = truth.get("start_time").map(|_| {
        let start = rec.start_time.as_deref() == truth["start_time"].as_str();
        let end = truth.get("end_time").is_none()
            || rec.end_time.as_deref() == truth["end_time"].as_str();
        if !(start && end) {
            notes.push(format!(
                "times: {:?}-{:?}, expected {}-{}",
                rec.start_time, rec.end_time, truth["start_time"], truth["end_time"]
            ));
        }
        start && end
    });

    let mut items = Prf::default();
    if let Some(truth_items) = truth["items"].as_array() {
        let (prf, missed, extra) = match_sets(truth_items, &rec.items, |t, o| {
            let tn = t["number"].as_str();
            match (tn, o.number.as_deref()) {
                (Some(a), Some(b)) if norm_number(a) == norm_number(b) => true,
                _ => title_similar(t["title"].as_str().unwrap_or_default(), &o.title),
            }
        });
        items = prf;
        for i in missed {
            notes.push(format!("item missed: {}", truth_items[i]));
        }
        for i in extra {
            let o = &rec.items[i];
            notes.push(format!("item extra: {:?} {:?}", o.number, o.title));
        }
    }

    let mut attendance = Prf::default();
    for (key, ours) in [
        ("present", &rec.attendance.present),
        ("apologies", &rec.attendance.apologies),
        ("in_attendance", &rec.attendance.in_attendance),
    ] {
        if let Some(t) = truth[key].as_array() {
            let names: Vec<&str> = t.iter().filter_map(Value::as_str).collect();
            let (prf, missed, extra) =
                match_sets(&names, ours, |t, o: &Person| same_person(t, &o.name));
            attendance.add(prf);
            for i in missed {
                notes.push(format!("{key} missed: {}", names[i]));
            }
            for i in extra {
                notes.push(format!("{key} extra: {:?}", ours[i].name));
            }
        }
    }

    let empty = Vec::new();
    let truth_res = truth["resolutions"].as_array().unwrap_or(&empty);
    let (resolutions, missed, extra) = match_sets(truth_res, &rec.resolutions, |t, o| {
        let tw = words(t["text"].as_str().unwrap_or_default());
        let ow = words(&o.text);
        !tw.is_empty()
            && tw.iter().filter(|w| ow.contains(w)).count() as f64 / tw.len() as f64 >= 0.5
    });
    for i in missed {
        notes.push(format!("resolution missed: {}", truth_res[i]["text"]));
    }
    for i in extra {
        notes.push(format!(
            "resolution extra: {:?} {:?}",
            rec.resolutions[i].item, rec.resolutions[i].text
        ));
    }

    let truth_figs = truth["figures"].as_array().unwrap_or(&empty);
    let (figures, missed, _) = match_sets(truth_figs, &rec.figures, |t, o| {
        let v = t["value"].as_str().unwrap_or_default();
        let nums = numbers_in(v);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6 * b.abs().max(1.0);
        match nums.as_slice() {
            [] => fold(&o.text).contains(&fold(
                v.trim_start_matches("about ")
                    .trim_start_matches("approx. "),
            )),
            [x] => close(o.value, *x) || o.value_max.is_some_and(|m| close(m, *x)),
            [lo, hi, ..] => close(o.value, *lo) && o.value_max.is_some_and(|m| close(m, *hi)),
        }
    });
    for i in missed {
        notes.push(format!(
            "figure missed: {} ({})",
            truth_figs[i]["value"], truth_figs[i]["what"]
        ));
    }
    DocScore {
        council: council_ok,
        date: date_ok,
        committee: committee_ok,
        kind,
        times,
        items,
        attendance,
        resolutions,
        figures,
        notes,
    }
}

fn seeds(dir: &Path) -> Vec<(String, Value, PathBuf)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir.join("truth")) else {
        return out;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let Ok(truth) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let stem = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        out.push((
            stem.clone(),
            truth,
            dir.join("seeds").join(format!("{stem}.txt")),
        ));
    }
    out
}

fn detail_wanted() -> bool {
    std::env::var_os("SCRUTINEER_SCORE_DETAIL").is_some_and(|v| v != "0")
}

/// Print the table's heading.
pub fn print_heading(label: &str, against: &str) {
    println!("\n{label}: extraction vs {against}");
    println!(
        "{:<30} {:>7} {:>5} {:>5} {:>4} {:>5} {:>13} {:>13} {:>9} {:>9}",
        "document",
        "council",
        "date",
        "cttee",
        "kind",
        "times",
        "items P/R",
        "attend P/R",
        "resol R",
        "figures R"
    );
}

/// Score one document's record, print its row (and, when asked, what it missed), return the
/// score.
pub fn score_and_print(name: &str, truth: &Value, rec: &MeetingRecord) -> DocScore {
    let sc = score(truth, rec);
    let yn = |b: bool| if b { "ok" } else { "MISS" };
    let opt = |b: Option<bool>| b.map_or("-", yn);
    println!(
        "{:<30} {:>7} {:>5} {:>5} {:>4} {:>5} {:>6.2}/{:<6.2} {:>6.2}/{:<6.2} {:>4}/{:<4} {:>4}/{:<4}",
        name,
        yn(sc.council),
        yn(sc.date),
        yn(sc.committee),
        opt(sc.kind),
        opt(sc.times),
        sc.items.precision(),
        sc.items.recall(),
        sc.attendance.precision(),
        sc.attendance.recall(),
        sc.resolutions.tp,
        sc.resolutions.tp + sc.resolutions.fn_,
        sc.figures.tp,
        sc.figures.tp + sc.figures.fn_,
    );
    if detail_wanted() {
        for n in &sc.notes {
            println!("    {n}");
        }
    }
    sc
}

/// Score every seed read by `read`, print the table, return the per-document scores.
pub fn score_corpus(
    label: &str,
    read: impl Fn(&Path, &str) -> Option<SourceText>,
) -> Option<BTreeMap<String, DocScore>> {
    let dir = corpus_dir()?;
    let mut scores = BTreeMap::new();
    print_heading(label, "../shared/corpus/truth");
    for (stem, truth, txt) in seeds(&dir) {
        let Some(src) = read(&txt, &stem) else {
            println!("{stem:<30} (could not read)");
            continue;
        };
        let rec = extract(&src);
        let sc = score_and_print(&stem, &truth, &rec);
        scores.insert(stem, sc);
    }
    Some(scores)
}

/// The accuracy a set of documents must reach.
#[derive(Debug, Clone, Copy)]
pub struct Bar {
    /// Share of documents whose council is right.
    pub council: f64,
    /// Share of documents whose meeting date is right (null where the text states none).
    pub date: f64,
    pub items_f1: f64,
    pub attendance_f1: f64,
    pub resolutions_recall: f64,
    pub figures_recall: f64,
}

/// The bar for the shared corpus of real minutes: every council and date right.
pub const CORPUS_BAR: Bar = Bar {
    council: 1.0,
    date: 1.0,
    items_f1: 0.9,
    attendance_f1: 0.9,
    resolutions_recall: 0.9,
    figures_recall: 0.8,
};

/// Totals of a set of scores.
pub struct Totals {
    pub n: usize,
    pub council: usize,
    pub date: usize,
    pub committee: usize,
    pub items: Prf,
    pub attendance: Prf,
    pub resolutions: Prf,
    pub figures: Prf,
}

pub fn totals(scores: &BTreeMap<String, DocScore>) -> Totals {
    let mut t = Totals {
        n: scores.len(),
        council: scores.values().filter(|s| s.council).count(),
        date: scores.values().filter(|s| s.date).count(),
        committee: scores.values().filter(|s| s.committee).count(),
        items: Prf::default(),
        attendance: Prf::default(),
        resolutions: Prf::default(),
        figures: Prf::default(),
    };
    for s in scores.values() {
        t.items.add(s.items);
        t.attendance.add(s.attendance);
        t.resolutions.add(s.resolutions);
        t.figures.add(s.figures);
    }
    t
}

/// Print the totals line and check them against `bar`.
pub fn assert_bar_of(label: &str, scores: &BTreeMap<String, DocScore>, bar: &Bar) {
    let t = totals(scores);
    let n = t.n.max(1);
    println!(
        "{label} totals: council {}/{}, date {}/{}, committee {}/{}, items F1 {:.2}, attendance F1 {:.2}, resolutions recall {:.2}, figures recall {:.2}",
        t.council,
        t.n,
        t.date,
        t.n,
        t.committee,
        t.n,
        t.items.f1(),
        t.attendance.f1(),
        t.resolutions.recall(),
        t.figures.recall()
    );
    let share = |k: usize| k as f64 / n as f64;
    assert!(
        share(t.council) >= bar.council,
        "{label}: councils recognised in {}/{} documents, the bar is {:.0}%",
        t.council,
        t.n,
        bar.council * 100.0
    );
    assert!(
        share(t.date) >= bar.date,
        "{label}: meeting dates right (null where the text states none) in {}/{} documents, the bar is {:.0}%",
        t.date,
        t.n,
        bar.date * 100.0
    );
    assert!(
        t.items.f1() >= bar.items_f1,
        "{label}: agenda items F1 >= {}, got {:.2}",
        bar.items_f1,
        t.items.f1()
    );
    assert!(
        t.attendance.f1() >= bar.attendance_f1,
        "{label}: attendance F1 >= {}, got {:.2}",
        bar.attendance_f1,
        t.attendance.f1()
    );
    assert!(
        t.resolutions.recall() >= bar.resolutions_recall,
        "{label}: resolutions recall >= {}, got {:.2}",
        bar.resolutions_recall,
        t.resolutions.recall()
    );
    assert!(
        t.figures.recall() >= bar.figures_recall,
        "{label}: figures recall >= {}, got {:.2}",
        bar.figures_recall,
        t.figures.recall()
    );
}

/// The bar from the core engine issue, checked on the corpus scores.
pub fn assert_bar(label: &str, scores: &BTreeMap<String, DocScore>) {
    assert_bar_of(label, scores, &CORPUS_BAR);
}

#[test]
fn text_seeds_meet_the_accuracy_bar() {
    let Some(scores) = score_corpus("text seeds", |p, _| {
        std::fs::read_to_string(p).ok().map(SourceText::from_plain)
    }) else {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    };
    assert_bar("text seeds", &scores);
}

#[test]
fn the_scorer_reads_numbers_with_multipliers_and_item_prefixes() {
    assert_eq!(numbers_in("£1.2 million"), vec![1_200_000.0], "millions");
    assert_eq!(numbers_in("about £250,000"), vec![250_000.0], "thousands");
    assert_eq!(numbers_in("4-5"), vec![4.0, 5.0], "a range");
    assert_eq!(numbers_in("€1.15 million"), vec![1_150_000.0], "euros");
    assert_eq!(norm_number("Minute 112/22"), "112/22", "'Minute' prefix");
    assert_eq!(norm_number("Item 5"), "5", "'Item' prefix");
    assert_eq!(
        norm_number("PL.42"),
        "pl.42",
        "a prefixed number keeps its prefix"
    );
    assert!(
        same_person("Cllr Jo Smith", "Jo Smith"),
        "titles are ignored"
    );
    assert!(!same_person("Jo Smith", "Jo Brown"), "surnames must agree");
}
