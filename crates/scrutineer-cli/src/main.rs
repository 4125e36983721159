//! `scrutineer`: import, read, search and correct council minutes from the command line.
//!
//! A second host over `scrutineer-core` beside the desktop app, sharing its library file
//! (`--db`, else `$SCRUTINEER_DB`, else the platform data directory). Every command prints text
//! for people by default and JSON (the same camelCase contract the UI receives) with `--json`.
//! Exit codes: 0 success, 1 failure (including any file that failed to import), 2 usage.
//!
//! PDFs are never parsed in this process: the CLI re-runs itself with the hidden first
//! argument `__pdf-worker` as its PDF worker, so a PDF that crashes the extractor fails alone.

mod print;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use scrutineer_core::import::{extract_file, Importer};
use scrutineer_core::ingest::pdf::{WorkerCommand, WORKER_ARG as PDF_WORKER_ARG};
use scrutineer_core::ingest::IngestConfig;
use scrutineer_core::model::{
    CorrectableField, Correction, DocKind, ImportStatus, MeetingFilter, MeetingSort, SearchQuery,
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

fn emit_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    println!("{text}");
    Ok(())
}
