//! Scores extraction against the shared corpus of real minutes (`../shared/corpus`: seeds as
//! text and PDF, and what a careful reader extracts from each in `truth/`).
//!
//! Prints a per-document, per-field table and asserts the accuracy bar. Skips cleanly when the
//! corpus is not beside the project (set `SCRUTINEER_CORPUS` to point elsewhere).

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

fn norm_number(s: &str) -> String {
    let f = fold(s);
    let f = f.trim_start_matches("item").trim();
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

/// Greedy one-to-one matching of truth entries to ours.
fn match_sets<T, U>(truth: &[T], ours: &[U], same: impl Fn(&T, &U) -> bool) -> Prf {
    let mut used = vec![false; ours.len()];
    let mut prf = Prf::default();
    for t in truth {
        match (0..ours.len()).find(|&i| !used[i] && same(t, &ours[i])) {
            Some(i) => {
                used[i] = true;
                prf.tp += 1;
            }
            None => prf.fn_ += 1,
        }
    }
    prf.fp = used.iter().filter(|u| !**u).count();
    prf
}

fn numbers_in(s: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || (c == '.' && !cur.is_empty()) || (c == ',' && !cur.is_empty()) {
            cur.push(c);
        } else if !cur.is_empty() {
            let clean: String = cur
                .trim_end_matches(['.', ','])
                .chars()
                .filter(|c| *c != ',')
                .collect();
            if let Ok(v) = clean.parse() {
                out.push(v);
            }
            cur.clear();
        }
    }
    out
}

/// Field-by-field score of one document.
pub struct DocScore {
    pub council: bool,
    pub date: bool,
    pub committee: bool,
    pub items: Prf,
    pub attendance: Prf,
    pub resolutions: Prf,
    pub figures: Prf,
}

fn score(truth: &Value, rec: &MeetingRecord) -> DocScore {
    let s = |v: &Value| v.as_str().map(str::to_string);
    let council_ok = {
        let ours = rec.council.name.as_deref().map(fold);
        let mut names = vec![truth["council"].as_str().unwrap_or_default().to_string()];
        if let Some(a) = truth["council_aliases"].as_array() {
            names.extend(a.iter().filter_map(|v| v.as_str().map(str::to_string)));
        }
        ours.is_some_and(|o| names.iter().any(|n| fold(n) == o))
    };
    let date_ok = rec.meeting_date.date.map(|d| d.to_string()) == s(&truth["meeting_date"]);
    let committee_ok =
        rec.committee.name.as_deref().map(fold) == s(&truth["committee"]).as_deref().map(fold);

    let empty = Vec::new();
    let truth_items = truth["items"].as_array().unwrap_or(&empty);
    let items = match_sets(truth_items, &rec.items, |t, o| {
        let tn = t["number"].as_str();
        match (tn, o.number.as_deref()) {
            (Some(a), Some(b)) if norm_number(a) == norm_number(b) => true,
            _ => title_similar(t["title"].as_str().unwrap_or_default(), &o.title),
        }
    });

    let mut attendance = Prf::default();
    for (key, ours) in [
        ("present", &rec.attendance.present),
        ("apologies", &rec.attendance.apologies),
        ("in_attendance", &rec.attendance.in_attendance),
    ] {
        if let Some(t) = truth[key].as_array() {
            let names: Vec<&str> = t.iter().filter_map(Value::as_str).collect();
            attendance.add(match_sets(&names, ours, |t, o: &Person| {
                same_person(t, &o.name)
            }));
        }
    }

    let truth_res = truth["resolutions"].as_array().unwrap_or(&empty);
    let resolutions = match_sets(truth_res, &rec.resolutions, |t, o| {
        let tw = words(t["text"].as_str().unwrap_or_default());
        let ow = words(&o.text);
        !tw.is_empty()
            && tw.iter().filter(|w| ow.contains(w)).count() as f64 / tw.len() as f64 >= 0.5
    });

    let truth_figs = truth["figures"].as_array().unwrap_or(&empty);
    let figures = match_sets(truth_figs, &rec.figures, |t, o| {
        let v = t["value"].as_str().unwrap_or_default();
        let nums = numbers_in(v);
        match nums.as_slice() {
            [] => fold(&o.text).contains(&fold(
                v.trim_start_matches("about ")
                    .trim_start_matches("approx. "),
            )),
            [x] => (o.value - x).abs() < 1e-6 || o.value_max.is_some_and(|m| (m - x).abs() < 1e-6),
            [lo, hi, ..] => {
                (o.value - lo).abs() < 1e-6 && o.value_max.is_some_and(|m| (m - hi).abs() < 1e-6)
            }
        }
    });
    DocScore {
        council: council_ok,
        date: date_ok,
        committee: committee_ok,
        items,
        attendance,
        resolutions,
        figures,
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

/// Score every seed read by `read`, print the table, return the per-document scores.
pub fn score_corpus(
    label: &str,
    read: impl Fn(&Path, &str) -> Option<SourceText>,
) -> Option<BTreeMap<String, DocScore>> {
    let dir = corpus_dir()?;
    let mut scores = BTreeMap::new();
    println!("\n{label}: extraction vs ../shared/corpus/truth");
    println!(
        "{:<26} {:>7} {:>5} {:>5} {:>13} {:>13} {:>11} {:>11}",
        "document", "council", "date", "cttee", "items P/R", "attend P/R", "resol R", "figures R"
    );
    for (stem, truth, txt) in seeds(&dir) {
        let Some(src) = read(&txt, &stem) else {
            println!("{stem:<26} (could not read)");
            continue;
        };
        let rec = extract(&src);
        let sc = score(&truth, &rec);
        let yn = |b: bool| if b { "ok" } else { "MISS" };
        println!(
            "{:<26} {:>7} {:>5} {:>5} {:>6.2}/{:<6.2} {:>6.2}/{:<6.2} {:>4}/{:<6} {:>4}/{:<6}",
            stem,
            yn(sc.council),
            yn(sc.date),
            yn(sc.committee),
            sc.items.precision(),
            sc.items.recall(),
            sc.attendance.precision(),
            sc.attendance.recall(),
            sc.resolutions.tp,
            sc.resolutions.tp + sc.resolutions.fn_,
            sc.figures.tp,
            sc.figures.tp + sc.figures.fn_,
        );
        scores.insert(stem, sc);
    }
    Some(scores)
}

/// The bar from the core engine issue, checked on a set of scores.
pub fn assert_bar(label: &str, scores: &BTreeMap<String, DocScore>) {
    let n = scores.len();
    let council = scores.values().filter(|s| s.council).count();
    let date = scores.values().filter(|s| s.date).count();
    let committee = scores.values().filter(|s| s.committee).count();
    let (mut items, mut att, mut res, mut figs) = (
        Prf::default(),
        Prf::default(),
        Prf::default(),
        Prf::default(),
    );
    for s in scores.values() {
        items.add(s.items);
        att.add(s.attendance);
        res.add(s.resolutions);
        figs.add(s.figures);
    }
    println!(
        "{label} totals: council {council}/{n}, date {date}/{n}, committee {committee}/{n}, items F1 {:.2}, attendance F1 {:.2}, resolutions recall {:.2}, figures recall {:.2}",
        items.f1(),
        att.f1(),
        res.recall(),
        figs.recall()
    );
    assert_eq!(council, n, "{label}: every seed's council is recognised");
    assert_eq!(
        date, n,
        "{label}: every seed's meeting date is right (null where the text states none)"
    );
    assert!(
        items.f1() >= 0.9,
        "{label}: agenda items F1 >= 0.9, got {:.2}",
        items.f1()
    );
    assert!(
        att.f1() >= 0.9,
        "{label}: attendance F1 >= 0.9, got {:.2}",
        att.f1()
    );
    assert!(
        res.recall() >= 0.9,
        "{label}: resolutions recall >= 0.9, got {:.2}",
        res.recall()
    );
    assert!(
        figs.recall() >= 0.8,
        "{label}: figures recall >= 0.8, got {:.2}",
        figs.recall()
    );
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
