//! `scrutineer`: import, read, search, correct and analyse council minutes from the command
//! line.
//!
//! A second host over `scrutineer-core` beside the desktop app, sharing its library file
//! (`--db`, else `$SCRUTINEER_DB`, else the platform data directory). Every command prints text
//! for people by default and JSON (the same camelCase contract the UI receives) with `--json`;
//! tabular analyses also print CSV with `--csv`. Each command is one core call (see
//! `analyses.rs` for the analysis commands). The clock is read here, never in the core: actions
//! are judged as of `--today`, default the system date.
//! Exit codes: 0 success, 1 failure (including any file that failed to import), 2 usage.
//!
//! PDFs are never parsed in this process: the CLI re-runs itself with the hidden first
//! argument `__pdf-worker` as its PDF worker, so a PDF that crashes the extractor fails alone.

mod analyses;
mod print;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use analyses::{
    CodebookCommand, DateArgs, ExportArgs, MetricArg, Output, PeriodArg, ScopeArgs, StatusArg,
};
use anyhow::{bail, Context};
use chrono::NaiveDate;
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use scrutineer_core::import::{extract_file, Importer};
use scrutineer_core::ingest::pdf::{WorkerCommand, WORKER_ARG as PDF_WORKER_ARG};
use scrutineer_core::ingest::IngestConfig;
use scrutineer_core::model::{
    CorrectableField, Correction, DocKind, ImportStatus, KwicTarget, MeetingFilter, MeetingSort,
    Metric, SearchQuery, ThemePassageQuery,
};
use scrutineer_core::store::{self, Library, Reextract};
use serde::Serialize;

/// The hidden first argument that turns this executable into a PDF worker.

#[derive(Parser)]
#[command(
    name = "scrutineer",
    version,
    about = "Council minutes into evidence: import, search, read and correct meeting records",
    after_help = "The library is a SQLite file; --db or SCRUTINEER_DB choose another one."
)]
struct Cli {
    /// The library file [default: the platform data directory's Scrutineer/library.db]
    #[arg(long, global = true, env = "SCRUTINEER_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    /// Print JSON (for scripts) instead of text
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import files and folders (searched recursively) of minutes: .txt, .md, .html, .pdf
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Files read at once [default: one per core]
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Read one file and print its meeting record, without storing it
    Extract {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// List the meetings in the library
    Meetings(MeetingsArgs),
    /// Show one meeting: metadata with confidence, attendance, items, resolutions, figures
    Show { id: i64 },
    /// Search paragraphs: words must all match; "quoted phrases" match in order; word* is a prefix
    Search(SearchArgs),
    /// Correct a meeting's council, committee or date (an empty value clears the correction)
    Correct(CorrectArgs),
    /// Delete a meeting and everything read from its file
    Delete { id: i64 },
    /// Run extraction again over stored text (one meeting, or all); corrections are kept
    Reextract {
        /// The meeting to re-extract [default: all]
        id: Option<i64>,
    },
    /// Copy the library to a file, safely, while it is in use
    Backup {
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Where the library is and what it holds
    Info,
    /// Each council's meetings over time, per committee, with items, themes and key figures
    Timeline {
        #[command(flatten)]
        scope: ScopeArgs,
        #[arg(long)]
        csv: bool,
    },
    /// Themes × councils: each theme's share of each council's minutes
    Themes {
        #[command(flatten)]
        scope: ScopeArgs,
        /// Only these themes (repeat for several)
        #[arg(long = "theme", value_name = "ID")]
        themes: Vec<String>,
        /// Make this codebook file (.toml or .json) the library's first
        #[arg(long, value_name = "FILE")]
        codebook: Option<PathBuf>,
        #[arg(long)]
        csv: bool,
    },
    /// Themes per council over time
    Trends {
        #[arg(long, value_enum, default_value_t = PeriodArg::Year)]
        period: PeriodArg,
        /// Only these themes (repeat for several)
        #[arg(long = "theme", value_name = "ID")]
        themes: Vec<String>,
        #[command(flatten)]
        scope: ScopeArgs,
        #[arg(long)]
        csv: bool,
    },
    /// The passages behind a theme's count (a heatmap cell, a trend point)
    Passages {
        /// The theme's id
        theme: String,
        /// The council (as the heatmap names it)
        #[arg(long)]
        council: Option<String>,
        /// A year (2019), quarter (2019-Q2) or month (2019-04)
        #[arg(long)]
        period: Option<String>,
        #[command(flatten)]
        dates: DateArgs,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Councils side by side: profiles, distinctive and shared themes, key figures
    Compare {
        #[arg(required = true, value_name = "COUNCIL")]
        councils: Vec<String>,
        #[command(flatten)]
        dates: DateArgs,
        /// Write a self-contained HTML report to this file
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// The report's title
        #[arg(long)]
        title: Option<String>,
        /// The report's date [default: today]
        #[arg(long, value_parser = analyses::parse_date, value_name = "DATE")]
        today: Option<NaiveDate>,
        #[arg(long)]
        csv: bool,
    },
    /// Figures classified into metrics (caseloads, placement costs…), each with its source
    Figures {
        #[arg(long, value_enum)]
        metric: Option<MetricArg>,
        #[command(flatten)]
        scope: ScopeArgs,
        #[arg(long)]
        csv: bool,
    },
    /// Resolutions that asked for something later, and whether a later meeting took them up
    Actions {
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// Judge overdue actions as of this date [default: today]
        #[arg(long, value_parser = analyses::parse_date, value_name = "DATE")]
        today: Option<NaiveDate>,
        #[command(flatten)]
        scope: ScopeArgs,
        #[arg(long)]
        csv: bool,
    },
    /// Keyword in context: a word, phrase or stem* (as in a codebook), or a theme
    #[command(group(ArgGroup::new("target").required(true)))]
    Kwic {
        #[arg(group = "target", value_name = "TERM")]
        term: Option<String>,
        /// A theme's id instead of a term
        #[arg(long, group = "target", value_name = "ID")]
        theme: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[command(flatten)]
        scope: ScopeArgs,
        #[arg(long)]
        csv: bool,
    },
    /// Recurring phrases the codebook does not cover yet: candidate themes
    Emergent {
        #[command(flatten)]
        scope: ScopeArgs,
        #[arg(long)]
        csv: bool,
    },
    /// Export any analysis as CSV or JSON
    Export(ExportArgs),
    /// Which themes a paragraph matches, and why
    Explain {
        #[arg(value_name = "PARAGRAPH_ID")]
        paragraph: i64,
    },
    /// The library's codebook: show, export, import, and edit its themes and patterns
    Codebook {
        #[command(subcommand)]
        command: Option<CodebookCommand>,
    },
}

#[derive(Args)]
struct MeetingsArgs {
    #[arg(long)]
    council: Option<String>,
    #[arg(long)]
    committee: Option<String>,
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Only meetings with a low-confidence field nobody has corrected
    #[arg(long)]
    needs_review: bool,
    #[arg(long, value_enum, default_value_t = SortArg::Date)]
    sort: SortArg,
    #[arg(long)]
    limit: Option<u32>,
}

#[derive(Args)]
struct SearchArgs {
    #[arg(required = true, value_name = "QUERY")]
    query: Vec<String>,
    #[arg(long)]
    council: Option<String>,
    #[arg(long)]
    committee: Option<String>,
    /// From this year (inclusive)
    #[arg(long, value_name = "YEAR")]
    from: Option<i32>,
    /// To this year (inclusive)
    #[arg(long, value_name = "YEAR")]
    to: Option<i32>,
    #[arg(long, default_value_t = 20)]
    limit: u32,
}

#[derive(Args)]
#[command(group(ArgGroup::new("fields").required(true).multiple(true)))]
struct CorrectArgs {
    id: i64,
    #[arg(long, group = "fields")]
    council: Option<String>,
    #[arg(long, group = "fields")]
    committee: Option<String>,
    /// The meeting date, YYYY-MM-DD
    #[arg(long, group = "fields")]
    date: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Minutes,
    Report,
    AgendaItem,
    Unknown,
}

#[derive(Clone, Copy, ValueEnum)]
enum SortArg {
    /// Newest first
    Date,
    /// Oldest first
    DateAsc,
    Council,
    Committee,
    /// Most recently imported first
    Imported,
    /// Least confident first
    Confidence,
}

fn main() -> ExitCode {
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == PDF_WORKER_ARG)
    {
        let code = scrutineer_core::ingest::pdf::run_worker();
        return ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    restore_sigpipe();
    // clap prints usage errors itself and exits with 2.
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let json = cli.json;
    if let Command::Extract { file } = &cli.command {
        let config = ingest_config()?;
        let pool = config.pdf_pool();
        let (_source, record) =
            extract_file(file, &config, &pool).with_context(|| format!("{}", file.display()))?;
        if json {
            emit_json(&record)?;
        } else {
            print::record(&record);
        }
        return Ok(ExitCode::SUCCESS);
    }

    let db = match cli.db {
        Some(db) => db,
        None => store::default_library_path()?,
    };
    let library =
        Library::open(&db).with_context(|| format!("cannot open the library {}", db.display()))?;

    match cli.command {
        Command::Extract { .. } => unreachable!("handled above"),
        Command::Import { paths, threads } => return import(&library, &paths, threads, json),
        Command::Meetings(args) => {
            let filter = MeetingFilter {
                council: args.council,
                committee: args.committee,
                year: args.year,
                kind: args.kind.map(|k| match k {
                    KindArg::Minutes => DocKind::Minutes,
                    KindArg::Report => DocKind::Report,
                    KindArg::AgendaItem => DocKind::AgendaItem,
                    KindArg::Unknown => DocKind::Unknown,
                }),
                needs_review: args.needs_review,
                sort: match args.sort {
                    SortArg::Date => MeetingSort::DateDesc,
                    SortArg::DateAsc => MeetingSort::DateAsc,
                    SortArg::Council => MeetingSort::Council,
                    SortArg::Committee => MeetingSort::Committee,
                    SortArg::Imported => MeetingSort::ImportedDesc,
                    SortArg::Confidence => MeetingSort::Confidence,
                },
                limit: args.limit,
                offset: None,
            };
            let meetings = library.meetings(&filter)?;
            if json {
                emit_json(&meetings)?;
            } else {
                print::meetings(&meetings);
            }
        }
        Command::Show { id } => {
            let detail = library.meeting(id)?;
            if json {
                emit_json(&detail)?;
            } else {
                print::detail(&detail);
            }
        }
        Command::Search(args) => {
            let results = library.search(&SearchQuery {
                text: args.query.join(" "),
                council: args.council,
                committee: args.committee,
                year_from: args.from,
                year_to: args.to,
                limit: Some(args.limit),
                offset: None,
            })?;
            if json {
                emit_json(&results)?;
            } else {
                print::search(&results, std::io::stdout().is_terminal());
            }
        }
        Command::Correct(args) => {
            let mut summary = None;
            for (field, value) in [
                (CorrectableField::Council, args.council),
                (CorrectableField::Committee, args.committee),
                (CorrectableField::MeetingDate, args.date),
            ] {
                let Some(value) = value else { continue };
                // An empty value means "back to what was extracted".
                let value = (!value.trim().is_empty()).then_some(value);
                summary = Some(library.correct(args.id, &Correction { field, value })?);
            }
            let Some(summary) = summary else {
                bail!("say what to correct: --council, --committee or --date");
            };
            if json {
                emit_json(&summary)?;
            } else {
                print::meetings(std::slice::from_ref(&summary));
            }
        }
        Command::Delete { id } => {
            let summary = library.meeting_summary(id)?;
            library.delete(id)?;
            if json {
                emit_json(&serde_json::json!({ "deleted": id }))?;
            } else {
                println!("deleted #{id} ({})", summary.file_name);
            }
        }
        Command::Reextract { id } => {
            let which = id.map_or(Reextract::All, Reextract::One);
            let bar = progress_bar();
            let n = library.reextract(
                which,
                &scrutineer_core::extract::extract,
                &mut |done, total| {
                    bar.set_length(u64::from(total));
                    bar.set_position(u64::from(done));
                },
            )?;
            bar.finish_and_clear();
            if json {
                emit_json(&serde_json::json!({ "reextracted": n }))?;
            } else {
                println!("re-extracted {n} meeting{}", if n == 1 { "" } else { "s" });
            }
        }
        Command::Backup { path } => {
            library.backup(&path)?;
            if json {
                emit_json(&serde_json::json!({ "backup": path }))?;
            } else {
                println!("backed up {} to {}", db.display(), path.display());
            }
        }
        Command::Timeline { scope, csv } => {
            analyses::timeline(&library, &scope.scope(&[]), Output::new(json, csv))?
        }
        Command::Themes {
            scope,
            themes,
            codebook,
            csv,
        } => analyses::themes(
            &library,
            &scope.scope(&themes),
            codebook.as_deref(),
            Output::new(json, csv),
        )?,
        Command::Trends {
            period,
            themes,
            scope,
            csv,
        } => analyses::trends(
            &library,
            &scope.scope(&themes),
            period.into(),
            Output::new(json, csv),
        )?,
        Command::Passages {
            theme,
            council,
            period,
            dates,
            limit,
        } => analyses::passages(
            &library,
            &ThemePassageQuery {
                theme_id: theme,
                council,
                period,
                scope: ScopeArgs {
                    councils: Vec::new(),
                    dates,
                }
                .scope(&[]),
                limit: Some(limit),
            },
            Output::new(json, false),
        )?,
        Command::Compare {
            councils,
            dates,
            html,
            title,
            today: report_day,
            csv,
        } => analyses::compare(
            &library,
            &councils,
            &ScopeArgs {
                councils: Vec::new(),
                dates,
            }
            .scope(&[]),
            html.as_deref(),
            title.as_deref(),
            report_day.unwrap_or_else(today),
            Output::new(json, csv),
        )?,
        Command::Figures { metric, scope, csv } => analyses::figures(
            &library,
            &scope.scope(&[]),
            metric.map(Metric::from),
            Output::new(json, csv),
        )?,
        Command::Actions {
            status,
            today: when,
            scope,
            csv,
        } => analyses::actions(
            &library,
            &scope.scope(&[]),
            when.unwrap_or_else(today),
            status.map(Into::into),
            Output::new(json, csv),
        )?,
        Command::Kwic {
            term,
            theme,
            limit,
            scope,
            csv,
        } => {
            let target = match (term, theme) {
                (_, Some(theme)) => KwicTarget::Theme(theme),
                (Some(term), None) => KwicTarget::Term(term),
                (None, None) => bail!("say what to look for: a TERM or --theme ID"),
            };
            analyses::kwic(
                &library,
                &target,
                &scope.scope(&[]),
                limit,
                Output::new(json, csv),
            )?
        }
        Command::Emergent { scope, csv } => {
            analyses::emergent(&library, &scope.scope(&[]), Output::new(json, csv))?
        }
        Command::Export(args) => analyses::export(&library, &args, today())?,
        Command::Explain { paragraph } => {
            analyses::explain(&library, paragraph, Output::new(json, false))?
        }
        Command::Codebook { command } => {
            analyses::codebook(&library, command, Output::new(json, false))?
        }
        Command::Info => {
            let stats = library.stats()?;
            if json {
                emit_json(&Info {
                    database_path: db.display().to_string(),
                    schema_version: store::SCHEMA_VERSION,
                    stats,
                })?;
            } else {
                print::info(&db, &stats);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Info {
    database_path: String,
    schema_version: i64,
    #[serde(flatten)]
    stats: scrutineer_core::model::LibraryStats,
}

fn import(
    library: &Library,
    paths: &[PathBuf],
    threads: Option<usize>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let mut importer = Importer::new(library.clone(), ingest_config()?);
    if let Some(threads) = threads {
        importer = importer.with_threads(threads);
    }
    // Ctrl-C is left to the terminal: every stored document is whole, so stopping is safe.
    let bar = progress_bar();
    let summary = importer.import(paths, &mut |p| {
        bar.set_length(u64::from(p.total));
        bar.set_position(u64::from(p.done));
        if !json {
            bar.suspend(|| print::outcome(&p.outcome));
        }
    });
    bar.finish_and_clear();
    if json {
        emit_json(&summary)?;
    } else {
        print::import_summary(&summary);
    }
    let failed = summary
        .outcomes
        .iter()
        .any(|o| o.status == ImportStatus::Failed);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Rust ignores SIGPIPE, so printing to a closed pipe panics; a command-line tool should
/// instead end quietly when the reader goes away, as `cat` does.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default has no preconditions; it is done
    // once, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Today's date on this computer's clock: the only place the CLI (or the core) reads it.
fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A progress bar on a terminal (stderr); hidden when stderr is not one.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template("{bar:40.cyan/blue} {pos}/{len} {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(0).with_style(style)
}

/// Ingest settings for this host: PDFs go to worker processes that are this executable.
fn ingest_config() -> anyhow::Result<IngestConfig> {
    let mut config = IngestConfig::default();
    config.pdf.worker =
        Some(WorkerCommand::current_exe().context("cannot find this program's own path")?);
    Ok(config)
}

fn emit_json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    println!("{text}");
    Ok(())
}
