//! Dashboard queries, search and codebook edits, timed on an imported library.
//!
//! Each query runs once to warm the page and statement caches, then `runs` times with its
//! input varied by the run number (another council, another year, another word), and reports
//! its median and 95th percentile. Scopes name councils, committees and years as the library
//! holds them, most frequent first, so every query has real work to do.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use scrutineer_core::analysis::codebook::{CodebookEdit, PatternList};
use scrutineer_core::model::{
    ActionStatus, AnalysisScope, KwicTarget, Metric, Period, SearchQuery, ThemePassageQuery,
};
use scrutineer_core::store::Library;
use serde::{Deserialize, Serialize};

/// One query's timings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timing {
    /// The view (timeline, heatmap, …, search).
    pub group: String,
    pub name: String,
    pub runs: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    /// The same percentiles of the CPU time the querying thread used: what the query costs
    /// when the machine is not shared (wall time also counts waiting for a core).
    pub cpu_p50_ms: f64,
    pub cpu_p95_ms: f64,
    /// What one answer held (rows, hits), from the last run: so a fast query is seen to have
    /// answered something.
    pub size: usize,
}

/// Re-applying the codebook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodebookTiming {
    /// One theme's pattern edited: that theme matched again over every paragraph.
    pub edit_one_theme_seconds: f64,
    pub edit_paragraphs: u32,
    /// Every theme matched again over every paragraph, every count recomputed.
    pub rebuild_all_seconds: f64,
    pub rebuild_hits: u32,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

/// CPU time (user and system) the calling thread has used, in milliseconds.
pub fn thread_cpu_ms() -> f64 {
    cpu_ms(libc::RUSAGE_THREAD)
}

/// CPU time (user and system) this whole process has used (every thread, not its children),
/// in milliseconds.
pub fn process_cpu_ms() -> f64 {
    cpu_ms(libc::RUSAGE_SELF)
}

fn cpu_ms(who: libc::c_int) -> f64 {
    // SAFETY: getrusage writes one rusage struct, which lives on this stack frame.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid `who` with a valid pointer; on failure the zeroed struct is read.
    unsafe { libc::getrusage(who, &mut usage) };
    let t = |v: libc::timeval| v.tv_sec as f64 * 1_000.0 + v.tv_usec as f64 / 1_000.0;
    t(usage.ru_utime) + t(usage.ru_stime)
}

/// Run `f` `runs` times (after one warm-up) and record its p50 and p95.
fn time<T>(
    out: &mut Vec<Timing>,
    group: &str,
    name: &str,
    runs: usize,
    size: impl Fn(&T) -> usize,
    mut f: impl FnMut(usize) -> scrutineer_core::Result<T>,
) -> anyhow::Result<()> {
    let _ = f(runs)?;
    let mut times = Vec::with_capacity(runs);
    let mut cpu = Vec::with_capacity(runs);
    let mut last = 0;
    for i in 0..runs {
        let start = Instant::now();
        let cpu_start = thread_cpu_ms();
        let answer = f(i)?;
        cpu.push(thread_cpu_ms() - cpu_start);
        times.push(ms(start.elapsed()));
        last = size(&answer);
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    let pick = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    let pick_cpu = |q: f64| cpu[((cpu.len() as f64 - 1.0) * q).round() as usize];
    let t = Timing {
        group: group.into(),
        name: name.into(),
        runs,
        p50_ms: pick(0.5),
        p95_ms: pick(0.95),
        max_ms: times.last().copied().unwrap_or(0.0),
        cpu_p50_ms: pick_cpu(0.5),
        cpu_p95_ms: pick_cpu(0.95),
        size: last,
    };
    println!(
        "  {:<12} {:<44} p50 {:>8.2} ms  p95 {:>8.2} ms  (CPU {:>7.2} / {:>7.2} ms)  ({} rows)",
        t.group, t.name, t.p50_ms, t.p95_ms, t.cpu_p50_ms, t.cpu_p95_ms, t.size
    );
    out.push(t);
    Ok(())
}

/// How many rows an answer holds.
#[allow(clippy::ptr_arg)]
fn rows<T>(v: &Vec<T>) -> usize {
    v.len()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

/// Time every dashboard query and search.
pub fn measure(lib: &Library, runs: usize) -> anyhow::Result<Vec<Timing>> {
    let stats = lib.stats()?;
    let councils: Vec<String> = stats
        .councils
        .iter()
        .take(12)
        .map(|c| c.value.clone())
        .collect();
    let committee = stats
        .committees
        .first()
        .map(|c| c.value.clone())
        .unwrap_or_default();
    let mut years: Vec<i32> = stats
        .years
        .iter()
        .filter_map(|y| y.value.parse().ok())
        .collect();
    years.sort_unstable();
    if councils.is_empty() || years.is_empty() {
        anyhow::bail!("the library has no councils or no dated meetings to query");
    }
    let council = |i: usize| councils[i % councils.len()].clone();
    let year = |i: usize| years[i % years.len()];
    let one = |i: usize| AnalysisScope {
        councils: vec![council(i)],
        ..Default::default()
    };
    let all = AnalysisScope::default();
    // Mid-month bounds over four or five years: whole years from the yearly aggregates,
    // whole months from the monthly ones, and the part-months at each end per meeting.
    let span = |i: usize| {
        let first = years[0] + (i % 3) as i32;
        AnalysisScope {
            from: Some(d(first, 3, 15)),
            to: Some(d(first + 4, 9, 10)),
            ..Default::default()
        }
    };
    let today = d(years[years.len() - 1] + 1, 6, 1);
    let mut out = Vec::new();
    let t = &mut out;

    let lanes = |tl: &scrutineer_core::model::Timeline| {
        tl.lanes.iter().map(|l| l.meetings.len()).sum::<usize>() + tl.undated.len()
    };
    time(t, "timeline", "whole library", runs, lanes, |_| {
        lib.timeline(&all)
    })?;
    time(t, "timeline", "one council", runs, lanes, |i| {
        lib.timeline(&one(i))
    })?;
    time(t, "timeline", "one council, one year", runs, lanes, |i| {
        lib.timeline(&AnalysisScope {
            from: Some(d(year(i), 1, 1)),
            to: Some(d(year(i), 12, 31)),
            ..one(i)
        })
    })?;

    let cells = |h: &scrutineer_core::model::Heatmap| h.cells.len();
    time(t, "heatmap", "whole library", runs, cells, |_| {
        lib.heatmap(&all)
    })?;
    time(t, "heatmap", "mid-month date bounds", runs, cells, |i| {
        lib.heatmap(&span(i))
    })?;
    time(t, "heatmap", "one committee", runs, cells, |_| {
        lib.heatmap(&AnalysisScope {
            committee: Some(committee.clone()),
            ..Default::default()
        })
    })?;

    time(
        t,
        "trends",
        "year, every theme, whole library",
        runs,
        rows,
        |_| lib.trends(&all, Period::Year),
    )?;
    time(
        t,
        "trends",
        "month, one theme, whole library",
        runs,
        rows,
        |_| {
            lib.trends(
                &AnalysisScope {
                    themes: vec!["fostering".into()],
                    ..Default::default()
                },
                Period::Month,
            )
        },
    )?;
    time(
        t,
        "trends",
        "quarter, one council, date bounds",
        runs,
        rows,
        |i| {
            lib.trends(
                &AnalysisScope {
                    councils: vec![council(i)],
                    ..span(i)
                },
                Period::Quarter,
            )
        },
    )?;

    let profiles = |c: &scrutineer_core::model::Comparison| c.councils.len();
    time(t, "compare", "two councils", runs, profiles, |i| {
        lib.compare(&[council(i), council(i + 1)], &all)
    })?;
    time(
        t,
        "compare",
        "three councils, date bounds",
        runs,
        profiles,
        |i| lib.compare(&[council(i), council(i + 1), council(i + 2)], &span(i)),
    )?;

    time(
        t,
        "figures",
        "one metric, whole library",
        runs,
        rows,
        |_| lib.metric_figures(&all, Some(Metric::Money)),
    )?;
    time(t, "figures", "every metric, one council", runs, rows, |i| {
        lib.metric_figures(&one(i), None)
    })?;

    time(t, "actions", "whole library", runs, rows, |_| {
        lib.actions(&all, today, None)
    })?;
    time(t, "actions", "overdue, whole library", runs, rows, |_| {
        lib.actions(&all, today, Some(ActionStatus::Overdue))
    })?;
    time(t, "actions", "one council", runs, rows, |i| {
        lib.actions(&one(i), today, None)
    })?;

    time(
        t,
        "kwic",
        "term, whole library, 100 lines",
        runs,
        rows,
        |i| {
            let term = ["foster*", "caseload*", "Ofsted", "care leaver*"][i % 4];
            lib.kwic(&KwicTarget::Term(term.into()), &all, Some(100))
        },
    )?;
    time(
        t,
        "kwic",
        "theme, whole library, 100 lines",
        runs,
        rows,
        |i| {
            let theme = ["fostering", "caseloads", "ofsted", "care-leavers"][i % 4];
            lib.kwic(&KwicTarget::Theme(theme.into()), &all, Some(100))
        },
    )?;
    time(t, "kwic", "term, one council", runs, rows, |i| {
        lib.kwic(&KwicTarget::Term("agency*".into()), &one(i), Some(100))
    })?;

    time(
        t,
        "passages",
        "one cell (council × year)",
        runs,
        rows,
        |i| {
            lib.theme_passages(&ThemePassageQuery {
                theme_id: "caseloads".into(),
                council: Some(council(i)),
                period: Some(year(i).to_string()),
                ..Default::default()
            })
        },
    )?;
    time(t, "passages", "one theme, whole library", runs, rows, |i| {
        let theme = ["fostering", "caseloads", "ofsted", "care-leavers"][i % 4];
        lib.theme_passages(&ThemePassageQuery {
            theme_id: theme.into(),
            ..Default::default()
        })
    })?;

    let matched = |p: &scrutineer_core::model::PatternPreview| p.paragraphs as usize;
    time(
        t,
        "preview",
        "draft pattern, whole library",
        runs,
        matched,
        |i| {
            let p = [
                "fostering household*",
                "placement cost*",
                "CAMHS",
                "local plan",
            ][i % 4];
            lib.preview_pattern(p, None)
        },
    )?;

    let hits = |r: &scrutineer_core::model::SearchResults| r.total as usize;
    let search = |text: &str| {
        lib.search(&SearchQuery {
            text: text.into(),
            ..Default::default()
        })
    };
    time(t, "search", "rare word", runs, hits, |i| {
        search(["defibrillator", "skatepark", "bequest", "otter"][i % 4])
    })?;
    time(t, "search", "common word", runs, hits, |i| {
        search(["fostering", "caseload", "homelessness", "CAMHS"][i % 4])
    })?;
    time(t, "search", "very common word", runs, hits, |i| {
        search(["members", "the", "council", "report"][i % 4])
    })?;
    time(t, "search", "two words", runs, hits, |i| {
        search(
            [
                "foster carers",
                "social workers",
                "budget overspend",
                "care leavers",
            ][i % 4],
        )
    })?;
    time(t, "search", "phrase, one council", runs, hits, |i| {
        lib.search(&SearchQuery {
            text: "\"looked after children\"".into(),
            council: Some(council(i)),
            ..Default::default()
        })
    })?;
    Ok(out)
}

/// Re-apply an edited codebook, then rebuild every theme. Changes the library's codebook.
pub fn codebook(lib: &Library) -> anyhow::Result<CodebookTiming> {
    let start = Instant::now();
    // A library benchmarked before has the pattern already: then taking it out is the edit.
    let pattern = "fostering household*";
    let present = lib
        .codebook()?
        .themes
        .iter()
        .any(|t| t.id == "fostering" && t.include.iter().any(|p| p == pattern));
    let (id, list, pattern) = ("fostering".into(), PatternList::Include, pattern.into());
    let edit = if present {
        CodebookEdit::RemovePattern { id, list, pattern }
    } else {
        CodebookEdit::AddPattern { id, list, pattern }
    };
    let saved = lib.edit_codebook(&edit, &mut |_| {})?;
    let edit_one_theme_seconds = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let rebuilt = lib.rebuild_themes(&mut |_| {})?;
    let rebuild_all_seconds = start.elapsed().as_secs_f64();
    let t = CodebookTiming {
        edit_one_theme_seconds,
        edit_paragraphs: saved.paragraphs,
        rebuild_all_seconds,
        rebuild_hits: rebuilt.hits,
    };
    println!(
        "  codebook     one theme edited, re-applied: {:.2} s ({} paragraphs); every theme rebuilt: {:.2} s",
        t.edit_one_theme_seconds, t.edit_paragraphs, t.rebuild_all_seconds
    );
    Ok(t)
}
