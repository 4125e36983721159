//! PDF text, page by page, in isolated worker processes.

use std::path::PathBuf;
use std::time::Duration;

/// How to start a PDF worker: a program and its arguments. Hosts re-run their own executable
/// with a hidden worker argument; tests use the `scrutineer-pdf-worker` binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<String>,
}

/// PDF extraction settings.
#[derive(Debug, Clone)]
pub struct PdfConfig {
    /// How to start a worker. `None`: extract in this process (only for trusted input, e.g.
    /// fuzzing the extractor itself).
    pub worker: Option<WorkerCommand>,
    /// Parallel workers.
    pub workers: usize,
    /// Per-file time limit.
    pub timeout: Duration,
    /// Per-worker address-space limit, in bytes.
    pub memory_limit: u64,
}

impl Default for PdfConfig {
    fn default() -> Self {
        PdfConfig {
            worker: None,
            workers: 2,
            timeout: Duration::from_secs(60),
            memory_limit: 2 << 30,
        }
    }
}

/// A pool of PDF workers.
#[derive(Debug)]
pub struct PdfPool {
    config: PdfConfig,
}

impl PdfPool {
    pub fn new(config: PdfConfig) -> PdfPool {
        PdfPool { config }
    }

    pub fn config(&self) -> &PdfConfig {
        &self.config
    }
}

/// The worker's main loop: read requests on stdin, answer on stdout. Hosts call this when run
/// with their worker argument, before anything else.
pub fn run_worker() -> i32 {
    0
}
