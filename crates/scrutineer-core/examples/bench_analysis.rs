//! The analysis benchmark: builds a synthetic library (10,000 meetings unless told) in a temp
//! file and times theme application at import, full and incremental re-application of the
//! codebook, and p50/p95 of every dashboard query.
//!
//! `cargo run --release -p scrutineer-core --example bench_analysis -- [--meetings N]
//! [--councils N] [--runs N] [--db PATH]`
//!
//! Not a test: it asserts nothing, it prints figures. The targets it is read against: every
//! dashboard query p95 under 50 ms at 10,000 meetings; re-applying the codebook under 5 s.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use scrutineer_core::analysis::codebook::{CodebookEdit, PatternList};
use scrutineer_core::model::{
    AnalysisScope, KwicTarget, Metric, Period, SearchQuery, ThemePassageQuery,
};
use scrutineer_core::store::Library;
use scrutineer_core::synth::{self, SynthConfig};

struct Args {
    meetings: usize,
    councils: usize,
    runs: usize,
    db: Option<PathBuf>,
}

fn args() -> Result<Args, String> {
    let mut out = Args {
        meetings: 10_000,
        councils: 40,
        runs: 40,
        db: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--meetings" => out.meetings = value()?.parse().map_err(|e| format!("{e}"))?,
            "--councils" => out.councils = value()?.parse().map_err(|e| format!("{e}"))?,
            "--runs" => out.runs = value()?.parse().map_err(|e| format!("{e}"))?,
            "--db" => out.db = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(out)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Run `f` `runs` times (with the run number, to vary its input) and print p50 and p95.
fn time<T>(name: &str, runs: usize, mut f: impl FnMut(usize) -> T) -> (f64, f64) {
    let _ = f(0); // warm the page cache and the statement cache
    let mut times: Vec<f64> = (0..runs)
        .map(|i| {
            let start = Instant::now();
            std::hint::black_box(f(i));
            ms(start.elapsed())
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let pick = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    let (p50, p95) = (pick(0.5), pick(0.95));
    println!("{name:<58} p50 {p50:>8.2} ms   p95 {p95:>8.2} ms");
    (p50, p95)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = args()?;
    let dir = tempfile_dir()?;
    let path = args.db.clone().unwrap_or_else(|| dir.join("bench.db"));
    let _ = std::fs::remove_file(&path);
    let lib = Library::open(&path)?;
    let config = SynthConfig {
        meetings: args.meetings,
        councils: args.councils,
        first_year: 2012,
        years: 12,
        seed: 2024,
    };
    let councils = synth::council_names(&config);

    // Import: every document matched against the codebook in its own transaction's batch.
    let start = Instant::now();
    let mut docs = synth::documents(config).peekable();
    let mut paragraphs = 0usize;
    while docs.peek().is_some() {
        let batch: Vec<_> = docs.by_ref().take(64).collect();
        paragraphs += batch
            .iter()
            .map(|d| d.record.paragraphs.len())
            .sum::<usize>();
        lib.write_batch(|b| {
            for d in &batch {
                b.insert(d)?;
            }
            Ok(())
        })?;
    }
    let import = start.elapsed();
    println!(
        "library: {} meetings, {} councils, {paragraphs} paragraphs ({:.0} MB file)",
        args.meetings,
        councils.len(),
        std::fs::metadata(&path).map_or(0.0, |m| m.len() as f64 / 1e6)
    );
    println!(
        "import with theme application                               {:>8.0} ms  ({:.2} ms a meeting)",
        ms(import),
        ms(import) / args.meetings as f64
    );

    let start = Instant::now();
    let saved = lib.rebuild_themes(&mut |_| {})?;
    println!(
        "full re-application (every theme, every paragraph)         {:>8.0} ms  ({} paragraphs, {} hits)",
        ms(start.elapsed()),
        saved.paragraphs,
        saved.hits
    );

    let start = Instant::now();
    let saved = lib.edit_codebook(
        &CodebookEdit::AddPattern {
            id: "fostering".into(),
            list: PatternList::Include,
            pattern: "fostering household*".into(),
        },
        &mut |_| {},
    )?;
    println!(
        "incremental re-application after editing one theme         {:>8.0} ms  (re-matched {:?})",
        ms(start.elapsed()),
        saved.diff.rematch()
    );
    let start = Instant::now();
    lib.edit_codebook(
        &CodebookEdit::RenameTheme {
            id: "fostering".into(),
            label: "Fostering and foster carers".into(),
        },
        &mut |_| {},
    )?;
    println!(
        "renaming a theme (nothing to re-match)                     {:>8.0} ms",
        ms(start.elapsed())
    );

    let runs = args.runs;
    let council = |i: usize| councils[i % councils.len()].clone();
    let one = |i: usize| AnalysisScope {
        councils: vec![council(i)],
        ..Default::default()
    };
    let all = AnalysisScope::default();
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
    let years = |i: usize| AnalysisScope {
        from: Some(d(2014 + (i % 5) as i32, 3, 15)),
        to: Some(d(2018 + (i % 5) as i32, 9, 10)),
        ..Default::default()
    };
    let today = d(2024, 6, 1);
    println!();
    time("timeline: one council", runs, |i| lib.timeline(&one(i)));
    time("timeline: one council, one year", runs, |i| {
        lib.timeline(&AnalysisScope {
            from: Some(d(2015 + (i % 8) as i32, 1, 1)),
            to: Some(d(2015 + (i % 8) as i32, 12, 31)),
            ..one(i)
        })
    });
    time("timeline: whole library", runs.min(5), |_| {
        lib.timeline(&all)
    });
    time("heatmap: whole library", runs, |_| lib.heatmap(&all));
    time("heatmap: mid-month date bounds", runs, |i| {
        lib.heatmap(&years(i))
    });
    time("heatmap: one committee", runs, |_| {
        lib.heatmap(&AnalysisScope {
            committee: Some("Children's Services Scrutiny Board".into()),
            ..Default::default()
        })
    });
    time("trends: year, every theme, whole library", runs, |_| {
        lib.trends(&all, Period::Year)
    });
    time("trends: month, one theme, whole library", runs, |_| {
        lib.trends(
            &AnalysisScope {
                themes: vec!["fostering".into()],
                ..Default::default()
            },
            Period::Month,
        )
    });
    time(
        "trends: quarter, one council, mid-month bounds",
        runs,
        |i| {
            lib.trends(
                &AnalysisScope {
                    councils: vec![council(i)],
                    ..years(i)
                },
                Period::Quarter,
            )
        },
    );
    time("theme passages: one cell (council × year)", runs, |i| {
        lib.theme_passages(&ThemePassageQuery {
            theme_id: "caseloads".into(),
            council: Some(council(i)),
            period: Some(format!("{}", 2013 + i % 10)),
            ..Default::default()
        })
    });
    time("compare: two councils", runs, |i| {
        lib.compare(&[council(i), council(i + 1)], &all)
    });
    time("compare: three councils, date bounds", runs, |i| {
        lib.compare(&[council(i), council(i + 1), council(i + 2)], &years(i))
    });
    time("figures: one metric, whole library", runs, |_| {
        lib.metric_figures(&all, Some(Metric::CaseloadPerSocialWorker))
    });
    time("figures: every metric, one council", runs, |i| {
        lib.metric_figures(&one(i), None)
    });
    time("actions: one council", runs, |i| {
        lib.actions(&one(i), today, None)
    });
    time("actions: whole library", runs.min(5), |_| {
        lib.actions(&all, today, None)
    });
    time("kwic: term, whole library, 100 lines", runs, |i| {
        let term = ["foster*", "caseload*", "Ofsted", "care leaver*"][i % 4];
        lib.kwic(&KwicTarget::Term(term.into()), &all, Some(100))
    });
    time("kwic: theme, whole library, 100 lines", runs, |i| {
        let theme = ["fostering", "caseloads", "ofsted", "care-leavers"][i % 4];
        lib.kwic(&KwicTarget::Theme(theme.into()), &all, Some(100))
    });
    time("kwic: term, one council", runs, |i| {
        lib.kwic(&KwicTarget::Term("agency*".into()), &one(i), Some(100))
    });
    time("search: two words, 50 hits", runs, |i| {
        let text = [
            "foster carers",
            "caseload social",
            "inspection improvement",
            "budget savings",
        ][i % 4];
        lib.search(&SearchQuery {
            text: text.into(),
            ..Default::default()
        })
    });
    time("pattern preview: live, whole library", runs, |i| {
        let p = [
            "fostering household*",
            "placement cost*",
            "CAMHS",
            "local plan",
        ][i % 4];
        lib.preview_pattern(p, None)
    });
    time("explain: one paragraph", runs, |i| {
        lib.explain(1 + i as i64 * 97)
    });
    time("emergent themes: one council", runs.min(5), |i| {
        lib.emergent_themes(&one(i))
    });
    drop(lib);
    if args.db.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}

/// A fresh folder under the system temp dir for the library.
fn tempfile_dir() -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("scrutineer-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
