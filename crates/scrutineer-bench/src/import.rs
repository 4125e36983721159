//! One import, measured: a folder into a fresh library through [`Importer`], in a child
//! process so that its peak memory is its own (not the corpus writer's or an earlier run's).
//!
//! Peak memory is the child's `VmHWM` plus the `VmHWM` of every PDF worker it ran, read from
//! `/proc` while the import runs (a worker that crashed and was replaced counts with its own
//! peak, so the figure is an upper bound on what was resident at once).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use scrutineer_core::import::Importer;
use scrutineer_core::ingest::pdf::{PdfPool, WorkerCommand};
use scrutineer_core::ingest::IngestConfig;
use scrutineer_core::model::ImportStatus;
use scrutineer_core::store::Library;
use serde::{Deserialize, Serialize};

use crate::queries::{process_cpu_ms, thread_cpu_ms};
use crate::Args;

/// The hidden first argument on which the benchmark runs one import.
pub const CHILD_ARG: &str = "__import";

/// What one import did and cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportRun {
    pub files: usize,
    pub imported: usize,
    pub duplicates: usize,
    /// Failures by error code.
    pub failed: BTreeMap<String, usize>,
    /// Pages of the imported documents (a text file is one page).
    pub pages: u64,
    /// Bytes of the files read.
    pub bytes: u64,
    pub seconds: f64,
    /// CPU time (user + system) of the importing process during the import, every thread
    /// (not its PDF workers): what the import costs on an idle machine.
    #[serde(default)]
    pub cpu_ms: f64,
    /// The part of `cpu_ms` spent by the writer (the importing thread itself).
    #[serde(default)]
    pub writer_cpu_ms: f64,
    pub docs_per_second: f64,
    pub pages_per_second: f64,
    /// Documents by the extractor that produced their text.
    pub extractors: BTreeMap<String, usize>,
    /// Peak resident memory: the importing process.
    pub peak_rss_host_mb: f64,
    /// Peak resident memory: every PDF worker's peak, summed.
    pub peak_rss_workers_mb: f64,
    pub peak_rss_mb: f64,
    /// PDF worker processes that ran (more than the pool size when some were replaced).
    pub workers_started: usize,
    pub reader_threads: usize,
    pub pdf_workers: usize,
    /// The library file after the import (write-ahead log checkpointed), per meeting stored.
    pub db_bytes: u64,
    pub db_kb_per_meeting: f64,
}

/// Import `dir` into a new library at `db` in a child process and return its figures.
pub fn run_child(dir: &Path, db: &Path, args: &Args) -> anyhow::Result<ImportRun> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    let exe = std::env::current_exe().context("finding the benchmark's own path")?;
    let mut command = Command::new(exe);
    command
        .arg(CHILD_ARG)
        .arg(dir)
        .arg(db)
        .arg(args.workers.to_string())
        .arg(args.threads.map_or("auto".to_string(), |t| t.to_string()))
        .stdin(Stdio::null())
        .stderr(Stdio::inherit());
    let output = command.output().context("starting the import run")?;
    if !output.status.success() {
        bail!("the import run failed ({})", output.status);
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.starts_with('{'))
        .context("the import run printed no figures")?;
    let mut run: ImportRun = serde_json::from_str(line)?;
    run.db_bytes = std::fs::metadata(db).map_or(0, |m| m.len());
    run.db_kb_per_meeting = if run.imported == 0 {
        0.0
    } else {
        run.db_bytes as f64 / 1024.0 / run.imported as f64
    };
    Ok(run)
}

/// The child: `__import DIR DB WORKERS THREADS`; prints one JSON line of [`ImportRun`].
pub fn child_main() -> anyhow::Result<()> {
    let argv: Vec<String> = std::env::args().skip(2).collect();
    let [dir, db, workers, threads] = argv.as_slice() else {
        bail!("usage: {CHILD_ARG} DIR DB WORKERS THREADS");
    };
    let workers: usize = workers.parse()?;
    let library = Library::open(db)?;
    let mut config = IngestConfig::default();
    config.pdf.worker = Some(WorkerCommand::current_exe()?);
    config.pdf.workers = workers;
    let pool = Arc::new(config.pdf_pool());
    let mut importer = Importer::new(library.clone(), config).with_pdf_pool(Arc::clone(&pool));
    let reader_threads = match threads.parse::<usize>() {
        Ok(t) => {
            importer = importer.with_threads(t);
            t
        }
        Err(_) => importer.threads(),
    };

    let stop = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (pool, stop) = (Arc::clone(&pool), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut peaks: HashMap<u32, u64> = HashMap::new();
            loop {
                sample(&pool, &mut peaks);
                if stop.load(Ordering::Relaxed) {
                    return peaks;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };

    let files = std::cell::Cell::new(0usize);
    let start = Instant::now();
    let (cpu_start, writer_start) = (process_cpu_ms(), thread_cpu_ms());
    let summary = importer.import(&[PathBuf::from(dir)], &mut |p| {
        files.set(p.total as usize);
        let step = (p.total / 10).max(1);
        if p.done % step == 0 {
            eprint!("\r  {}/{} files", p.done, p.total);
        }
    });
    let seconds = start.elapsed().as_secs_f64();
    let (cpu_ms, writer_cpu_ms) = (process_cpu_ms() - cpu_start, thread_cpu_ms() - writer_start);
    eprintln!();
    stop.store(true, Ordering::Relaxed);
    let peaks = sampler
        .join()
        .map_err(|_| anyhow::anyhow!("the memory sampler panicked"))?;

    let mut failed = BTreeMap::new();
    for o in &summary.outcomes {
        if o.status == ImportStatus::Failed {
            *failed
                .entry(o.code.clone().unwrap_or_default())
                .or_insert(0) += 1;
        }
    }
    let documents = library.documents()?;
    let pages: u64 = documents.iter().map(|d| u64::from(d.page_count)).sum();
    let bytes: u64 = documents.iter().map(|d| d.bytes).sum();
    let mut extractors = BTreeMap::new();
    for d in &documents {
        *extractors
            .entry(d.extractor.as_str().to_string())
            .or_insert(0) += 1;
    }
    let host_kb = vm_hwm_kb(std::process::id()).unwrap_or(0);
    let workers_kb: u64 = peaks.values().sum();
    let imported = summary.imported as usize;
    let run = ImportRun {
        files: files.get().max(summary.outcomes.len()),
        imported,
        duplicates: summary.duplicates as usize,
        failed,
        pages,
        bytes,
        seconds,
        cpu_ms,
        writer_cpu_ms,
        docs_per_second: imported as f64 / seconds,
        pages_per_second: pages as f64 / seconds,
        extractors,
        peak_rss_host_mb: host_kb as f64 / 1024.0,
        peak_rss_workers_mb: workers_kb as f64 / 1024.0,
        peak_rss_mb: (host_kb + workers_kb) as f64 / 1024.0,
        workers_started: peaks.len(),
        reader_threads,
        pdf_workers: workers,
        db_bytes: 0,
        db_kb_per_meeting: 0.0,
    };
    drop(importer);
    drop(pool);
    drop(library);
    println!("{}", serde_json::to_string(&run)?);
    Ok(())
}

/// Read each live worker's peak memory into `peaks` (a worker's peak only grows).
fn sample(pool: &PdfPool, peaks: &mut HashMap<u32, u64>) {
    for pid in pool.worker_pids() {
        if let Some(kb) = vm_hwm_kb(pid) {
            let peak = peaks.entry(pid).or_insert(0);
            *peak = (*peak).max(kb);
        }
    }
}

/// A process's peak resident set (`VmHWM`), in KiB, from `/proc` (Linux only).
fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
