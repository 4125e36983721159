//! `scrutineer-bench`: how fast Scrutineer is at library scale.
//!
//! ```text
//! cargo run --release -p scrutineer-bench -- [--meetings 1000,10000] [--json out.json]
//!     [--councils 30] [--runs 30] [--pdf-meetings N] [--workers N] [--threads N]
//!     [--work DIR] [--skip-pdf] [--queries-only] [--import-only]
//! ```
//!
//! For each library size it writes a synthetic library of minutes as text files and as PDFs
//! (`scrutineer_core::synth::files`, laid out by `scrutineer_core::pdfgen`; kept in `--work`
//! and reused by later runs), then measures:
//! - import throughput, text and PDF, through the real pipeline (ingest, extract, store) in a
//!   child process, with its peak memory (the child's `VmHWM` plus its PDF workers');
//! - `pdftotext` (poppler) over the same PDFs, one at a time and with as many processes as
//!   there are PDF workers: the ratio of the import's time to that is the figure to read;
//! - the library's size per meeting;
//! - p50/p95 of every dashboard query and of search (rare, common and very common words);
//! - re-applying an edited codebook to the whole library, and rebuilding every theme.
//!
//! It prints a table (with each target and whether it was met) and, with `--json`, writes
//! the same figures as JSON. It asserts nothing: figures vary with the machine and its load,
//! so they are for reading, not for pass/fail tests.

mod corpus;
mod import;
mod pdftotext;
mod queries;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use scrutineer_core::ingest::pdf::WORKER_ARG;
use scrutineer_core::synth::SynthConfig;

/// What to measure.
#[derive(Debug, Clone)]
pub struct Args {
    pub meetings: Vec<usize>,
    pub json: Option<PathBuf>,
    pub councils: usize,
    pub runs: usize,
    /// The PDF part uses at most this many meetings of each size.
    pub pdf_meetings: Option<usize>,
    /// PDF worker processes (default: one per core).
    pub workers: usize,
    /// Reader threads of the import (default: the importer's own choice).
    pub threads: Option<usize>,
    pub work: PathBuf,
    pub skip_pdf: bool,
    /// Query the libraries a previous run imported instead of importing again.
    pub queries_only: bool,
    /// Measure imports only: no dashboard queries, no codebook re-application.
    pub import_only: bool,
    pub seed: u64,
}

const USAGE: &str = "usage: scrutineer-bench [--meetings 1000,10000] [--json out.json] \
[--councils 30] [--runs 30] [--pdf-meetings N] [--workers N] [--threads N] [--work DIR] \
[--skip-pdf] [--queries-only] [--import-only] [--seed N]";

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn parse_args() -> anyhow::Result<Args> {
    let mut args = Args {
        meetings: vec![1_000, 10_000],
        json: None,
        councils: 30,
        runs: 30,
        pdf_meetings: None,
        workers: cores(),
        threads: None,
        work: std::env::temp_dir().join("scrutineer-bench"),
        skip_pdf: false,
        queries_only: false,
        import_only: false,
        seed: 2024,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .with_context(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--meetings" => {
                args.meetings = value()?
                    .split(',')
                    .map(|n| n.trim().replace('_', "").parse::<usize>())
                    .collect::<Result<_, _>>()
                    .context("--meetings takes sizes separated by commas, e.g. 1000,10000")?;
            }
            "--json" => args.json = Some(PathBuf::from(value()?)),
            "--councils" => args.councils = value()?.parse()?,
            "--runs" => args.runs = value()?.parse::<usize>()?.max(1),
            "--pdf-meetings" => args.pdf_meetings = Some(value()?.parse()?),
            "--workers" => args.workers = value()?.parse::<usize>()?.max(1),
            "--threads" => args.threads = Some(value()?.parse::<usize>()?.max(1)),
            "--work" => args.work = PathBuf::from(value()?),
            "--seed" => args.seed = value()?.parse()?,
            "--skip-pdf" => args.skip_pdf = true,
            "--queries-only" => args.queries_only = true,
            "--import-only" => args.import_only = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => bail!("unknown argument {other}\n{USAGE}"),
        }
    }
    if args.meetings.is_empty() || args.meetings.contains(&0) {
        bail!("--meetings needs at least one size above zero");
    }
    Ok(args)
}

fn main() -> ExitCode {
    let first = std::env::args().nth(1);
    match first.as_deref() {
        // The PDF workers of a benchmark import are this executable.
        Some(WORKER_ARG) => {
            let code = scrutineer_core::ingest::pdf::run_worker();
            return ExitCode::from(u8::try_from(code).unwrap_or(1));
        }
        // The import itself runs in a child, so its memory is measured alone.
        Some(import::CHILD_ARG) => {
            return match import::child_main() {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("import run failed: {e:#}");
                    ExitCode::from(1)
                }
            };
        }
        _ => {}
    }
    match parse_args().and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &Args) -> anyhow::Result<()> {
    let machine = report::Machine::this();
    println!(
        "scrutineer-bench on {} ({} cores), PDF workers {}, work folder {}",
        machine.cpu,
        machine.cores,
        args.workers,
        args.work.display()
    );
    let mut sizes = Vec::new();
    for &meetings in &args.meetings {
        let config = SynthConfig {
            meetings,
            councils: args.councils,
            first_year: 2014,
            years: 10,
            seed: args.seed,
        };
        let pdf_meetings = if args.skip_pdf {
            0
        } else {
            args.pdf_meetings.unwrap_or(meetings).min(meetings)
        };
        let dir = args.work.join(format!("n{meetings}"));
        println!("\n== {meetings} meetings ({} councils) ==", args.councils);
        let size = if args.queries_only {
            queries_only(args, &dir, meetings)?
        } else {
            let corpus = corpus::prepare(&dir, config, pdf_meetings)?;
            measure(args, &dir, &corpus)?
        };
        report::print_size(&size);
        sizes.push(size);
    }
    let run = report::Run {
        command: std::env::args().collect::<Vec<_>>().join(" "),
        machine,
        sizes,
    };
    report::print_targets(&run);
    if let Some(path) = &args.json {
        let text = serde_json::to_string_pretty(&run)?;
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
        println!("\nfigures written to {}", path.display());
    }
    Ok(())
}

fn measure(
    args: &Args,
    dir: &std::path::Path,
    corpus: &corpus::Corpus,
) -> anyhow::Result<report::Size> {
    let text_db = dir.join("text.db");
    println!("importing {} text files…", corpus.text_files);
    let text = import::run_child(&corpus.text_dir, &text_db, args)?;
    let pdf = if corpus.pdf_files > 0 {
        let pdf_db = dir.join("pdf.db");
        println!("importing {} PDF files…", corpus.pdf_files);
        let imported = import::run_child(&corpus.pdf_dir, &pdf_db, args)?;
        println!(
            "pdftotext over the same files, one at a time and {} at once…",
            args.workers
        );
        let poppler = pdftotext::measure(&corpus.pdf_dir, args.workers)?;
        Some((imported, poppler))
    } else {
        None
    };
    let (timings, codebook) = if args.import_only {
        (Vec::new(), None)
    } else {
        println!("dashboard queries and search, {} runs each…", args.runs);
        let library = scrutineer_core::store::Library::open(&text_db)?;
        let timings = queries::measure(&library, args.runs)?;
        println!("re-applying the codebook…");
        (timings, Some(queries::codebook(&library)?))
    };
    Ok(report::Size {
        meetings: corpus.meetings,
        text: Some(text),
        pdf: pdf.as_ref().map(|p| p.0.clone()),
        pdftotext: pdf.map(|p| p.1),
        queries: timings,
        codebook,
    })
}

/// Query the text library a previous run left in `dir` (no import figures).
fn queries_only(
    args: &Args,
    dir: &std::path::Path,
    meetings: usize,
) -> anyhow::Result<report::Size> {
    let text_db = dir.join("text.db");
    if !text_db.exists() {
        bail!(
            "{} does not exist: run without --queries-only first",
            text_db.display()
        );
    }
    println!("dashboard queries and search, {} runs each…", args.runs);
    let library = scrutineer_core::store::Library::open(&text_db)?;
    let timings = queries::measure(&library, args.runs)?;
    println!("re-applying the codebook…");
    let codebook = Some(queries::codebook(&library)?);
    Ok(report::Size {
        meetings,
        text: None,
        pdf: None,
        pdftotext: None,
        queries: timings,
        codebook,
    })
}
