//! PDF text, page by page, in isolated worker processes.
//!
//! pdf-extract (measured on 0.12) panics on some malformed files and, on a PDF whose form
//! XObject draws itself, recurses until the stack overflows and the process aborts. No
//! `catch_unwind` survives that, and an import of a thousand files must not die on one. So PDFs
//! are read in worker processes: a [`PdfPool`] keeps a few long-lived workers, hands each request
//! to a free one, and waits with a time limit. When a worker dies (stack overflow, out of memory,
//! a signal) or overruns, the pool kills and replaces it and fails only that file, with the
//! reason. A worker that crashed by itself gets one more chance with the fallback extractor
//! alone, which guards against self-drawing forms; when that reads the text the file is saved.
//!
//! The protocol is one request at a time per worker over stdin/stdout: a JSON header line
//! ([`Request`]) followed by the PDF's bytes when the header says so, answered by one JSON line
//! ([`Reply`]). The worker ([`run_worker`]) limits its own address space, dies with its parent on
//! Linux, keeps stray prints of the libraries off the protocol channel, and turns panics into
//! `PdfMalformed` answers. Workers are started from [`PdfConfig::worker`]: hosts re-run their own
//! executable with [`WORKER_ARG`]; tests use the `scrutineer-pdf-worker` binary.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

pub use super::pdf_read::{read_pdf, PdfText, ReadMode, ReadOptions};
use crate::error::{Error, Result};
use crate::model::Diagnostic;

/// The hidden first argument on which hosts (the CLI, the app) run [`run_worker`] instead of
/// themselves.
pub const WORKER_ARG: &str = "__pdf-worker";

/// The environment variable that tells a worker its address-space limit, in bytes.
pub const MEMORY_LIMIT_ENV: &str = "SCRUTINEER_PDF_WORKER_MEMORY";

/// How to start a PDF worker: a program and its arguments. Hosts re-run their own executable
/// with a hidden worker argument; tests use the `scrutineer-pdf-worker` binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<String>,
}

impl WorkerCommand {
    /// A worker started as `program args…`.
    pub fn new(program: impl Into<PathBuf>, args: &[&str]) -> WorkerCommand {
        WorkerCommand {
            program: program.into(),
            args: args.iter().map(|a| a.to_string()).collect(),
        }
    }

    /// This executable re-run with [`WORKER_ARG`]: what a host that calls [`run_worker`] on
    /// that argument uses.
    pub fn current_exe() -> Result<WorkerCommand> {
        let program = std::env::current_exe().map_err(|e| Error::io("the running program", e))?;
        Ok(WorkerCommand::new(program, &[WORKER_ARG]))
    }
}

/// PDF extraction settings.
#[derive(Debug, Clone)]
pub struct PdfConfig {
    /// How to start a worker. `None`: extract in this process (only for trusted input, e.g.
    /// fuzzing the extractor itself): no isolation, no time limit.
    pub worker: Option<WorkerCommand>,
    /// Parallel workers.
    pub workers: usize,
    /// Per-file time limit.
    pub timeout: Duration,
    /// Per-worker address-space limit, in bytes.
    pub memory_limit: u64,
    /// PDFs with more pages than this are refused with [`Error::TooManyPages`] before any text
    /// is read. [`super::IngestConfig::pdf_pool`] sets it from the ingest configuration.
    pub max_pages: u32,
}

impl Default for PdfConfig {
    fn default() -> Self {
        PdfConfig {
            worker: None,
            workers: 2,
            timeout: Duration::from_secs(60),
            memory_limit: 2 << 30,
            max_pages: 2_000,
        }
    }
}

/// One request to a worker: the header line. When `len` is set, that many bytes of PDF follow
/// the line; otherwise the worker reads `path`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    pub len: Option<u64>,
    pub path: Option<PathBuf>,
    pub options: ReadOptions,
}

/// A worker's answer: one JSON line.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Reply {
    Ok(PdfText),
    Err(WireError),
}

/// An [`Error`] on the wire: its stable code and enough to rebuild it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireError {
    pub code: String,
    pub message: String,
    pub detail: Option<String>,
    pub pages: Option<u32>,
    pub limit: Option<u32>,
}

impl From<&Error> for WireError {
    fn from(e: &Error) -> WireError {
        let mut w = WireError {
            code: e.code().to_string(),
            message: e.to_string(),
            detail: None,
            pages: None,
            limit: None,
        };
        match e {
            Error::PdfMalformed(s) | Error::PdfCrashed(s) | Error::NotText(s) => {
                w.detail = Some(s.clone())
            }
            Error::TooManyPages { pages, limit } => {
                w.pages = Some(*pages);
                w.limit = Some(*limit);
            }
            _ => {}
        }
        w
    }
}

impl WireError {
    fn into_error(self) -> Error {
        let detail = self.detail.unwrap_or(self.message);
        match self.code.as_str() {
            "pdf_encrypted" => Error::PdfEncrypted,
            "pdf_no_text" => Error::PdfNoText,
            "pdf_crashed" => Error::PdfCrashed(detail),
            "empty_file" => Error::EmptyFile,
            "too_many_pages" => Error::TooManyPages {
                pages: self.pages.unwrap_or(0),
                limit: self.limit.unwrap_or(0),
            },
            "io" => Error::Invalid(detail),
            _ => Error::PdfMalformed(detail),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The pool
// ---------------------------------------------------------------------------------------------

/// A pool of PDF workers, shared by the threads of an import.
///
/// Each request takes a free worker (starting one when fewer than [`PdfConfig::workers`] are
/// running) or waits for one. Dropping the pool kills its workers and reaps them.
#[derive(Debug)]
pub struct PdfPool {
    config: PdfConfig,
    slots: Mutex<Slots>,
    freed: Condvar,
}

#[derive(Debug, Default)]
struct Slots {
    idle: Vec<Worker>,
    /// Workers running, idle or busy.
    live: usize,
    /// Process ids of workers handling a request.
    busy: Vec<u32>,
}

/// How a call to a worker went wrong.
enum Failure {
    /// The worker died; `external` when something outside killed it (SIGKILL, SIGTERM) rather
    /// than the file.
    Died {
        reason: String,
        external: bool,
    },
    TimedOut,
    /// The worker was gone before it took the request (it died while idle).
    Stale,
    /// The worker answered with something that is not a reply.
    Garbled(String),
    /// No worker could be started (a host misconfiguration, not the file's fault).
    Spawn(Error),
}

impl PdfPool {
    pub fn new(config: PdfConfig) -> PdfPool {
        PdfPool {
            config,
            slots: Mutex::new(Slots::default()),
            freed: Condvar::new(),
        }
    }

    pub fn config(&self) -> &PdfConfig {
        &self.config
    }

    /// Process ids of the running workers (idle and busy), for monitoring and tests.
    pub fn worker_pids(&self) -> Vec<u32> {
        let slots = self.lock();
        let mut pids: Vec<u32> = slots.idle.iter().map(|w| w.pid).collect();
        pids.extend(&slots.busy);
        pids
    }

    /// Process ids of workers handling a request right now.
    pub fn busy_worker_pids(&self) -> Vec<u32> {
        self.lock().busy.clone()
    }

    /// The text of a PDF given as bytes.
    pub fn extract(&self, bytes: &[u8]) -> Result<PdfText> {
        self.run(Payload::Bytes(bytes))
    }

    /// The text of a PDF file, read by the worker itself.
    pub fn extract_path(&self, path: &Path) -> Result<PdfText> {
        self.run(Payload::Path(path))
    }

    fn run(&self, payload: Payload) -> Result<PdfText> {
        let full = ReadOptions {
            max_pages: self.config.max_pages,
            mode: ReadMode::Full,
        };
        let Some(command) = &self.config.worker else {
            return in_process(payload, &full);
        };
        match self.call(command, payload, &full) {
            Err(Failure::Died {
                reason,
                external: false,
            }) => {
                let fallback = ReadOptions {
                    mode: ReadMode::FallbackOnly,
                    ..full
                };
                match self.call(command, payload, &fallback) {
                    Ok(Reply::Ok(mut text)) => {
                        text.diagnostics.insert(
                            0,
                            Diagnostic::warning(
                                "pdf_extract_crashed",
                                format!(
                                    "pdf-extract crashed on this file ({reason}); its text was read by the fallback extractor"
                                ),
                            ),
                        );
                        Ok(text)
                    }
                    _ => Err(Error::PdfCrashed(reason)),
                }
            }
            other => self.outcome(other),
        }
    }

    fn outcome(&self, reply: std::result::Result<Reply, Failure>) -> Result<PdfText> {
        match reply {
            Ok(Reply::Ok(text)) => Ok(text),
            Ok(Reply::Err(e)) => Err(e.into_error()),
            Err(Failure::Died { reason, .. }) => Err(Error::PdfCrashed(reason)),
            Err(Failure::TimedOut) => Err(Error::PdfTimeout(
                self.config.timeout.as_secs_f64().ceil() as u64,
            )),
            Err(Failure::Stale) => Err(Error::PdfCrashed(
                "the PDF worker stopped before reading the file".into(),
            )),
            Err(Failure::Garbled(what)) => Err(Error::PdfCrashed(format!(
                "the PDF worker answered nonsense ({what})"
            ))),
            Err(Failure::Spawn(e)) => Err(e),
        }
    }

    /// One request on one worker; a worker found dead before it took the request is replaced
    /// and the request sent again, once.
    fn call(
        &self,
        command: &WorkerCommand,
        payload: Payload,
        options: &ReadOptions,
    ) -> std::result::Result<Reply, Failure> {
        for attempt in 0..2 {
            let mut lease = match self.checkout(command) {
                Ok(lease) => lease,
                Err(e) => return Err(Failure::Spawn(e)),
            };
            match lease.call(payload, options, self.config.timeout) {
                Ok(reply) => {
                    lease.give_back();
                    return Ok(reply);
                }
                // Dropping the lease retires the worker.
                Err(Failure::Stale) if attempt == 0 => drop(lease),
                Err(failure) => return Err(failure),
            }
        }
        Err(Failure::Stale)
    }

    fn lock(&self) -> MutexGuard<'_, Slots> {
        // A poisoned lock only means another thread panicked while holding it; the slot
        // bookkeeping is still consistent (every change is a single push, pop or count).
        self.slots.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A free worker, started if the pool has room, else waited for.
    fn checkout(&self, command: &WorkerCommand) -> Result<Lease<'_>> {
        let limit = self.config.workers.max(1);
        let mut slots = self.lock();
        loop {
            if let Some(mut worker) = slots.idle.pop() {
                if worker.alive() {
                    slots.busy.push(worker.pid);
                    return Ok(Lease {
                        pool: self,
                        worker: Some(worker),
                    });
                }
                slots.live = slots.live.saturating_sub(1);
                drop(slots);
                drop(worker);
                slots = self.lock();
                continue;
            }
            if slots.live < limit {
                slots.live += 1;
                drop(slots);
                return match Worker::spawn(command, self.config.memory_limit) {
                    Ok(worker) => {
                        self.lock().busy.push(worker.pid);
                        Ok(Lease {
                            pool: self,
                            worker: Some(worker),
                        })
                    }
                    Err(e) => {
                        let mut slots = self.lock();
                        slots.live = slots.live.saturating_sub(1);
                        drop(slots);
                        self.freed.notify_one();
                        Err(e)
                    }
                };
            }
            slots = self.freed.wait(slots).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn checkin(&self, worker: Worker) {
        let mut slots = self.lock();
        slots.busy.retain(|&p| p != worker.pid);
        slots.idle.push(worker);
        drop(slots);
        self.freed.notify_one();
    }

    fn retire(&self, worker: Worker) {
        let pid = worker.pid;
        drop(worker);
        let mut slots = self.lock();
        slots.busy.retain(|&p| p != pid);
        slots.live = slots.live.saturating_sub(1);
        drop(slots);
        self.freed.notify_one();
    }
}

impl Drop for PdfPool {
    fn drop(&mut self) {
        // Workers kill and reap themselves when dropped.
        let idle = std::mem::take(&mut self.lock().idle);
        drop(idle);
    }
}

/// A worker checked out of the pool. Returned with [`Lease::give_back`] after a good answer;
/// dropped any other way (a failure, or a panic unwinding through the caller) it is retired, so
/// the pool never loses a slot to a worker nobody holds.
struct Lease<'p> {
    pool: &'p PdfPool,
    worker: Option<Worker>,
}

impl Lease<'_> {
    fn call(
        &mut self,
        payload: Payload,
        options: &ReadOptions,
        timeout: Duration,
    ) -> std::result::Result<Reply, Failure> {
        match self.worker.as_mut() {
            Some(worker) => worker.call(payload, options, timeout),
            None => Err(Failure::Stale),
        }
    }

    fn give_back(mut self) {
        if let Some(worker) = self.worker.take() {
            self.pool.checkin(worker);
        }
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(worker) = self.worker.take() {
            self.pool.retire(worker);
        }
    }
}

#[derive(Clone, Copy)]
enum Payload<'a> {
    Bytes(&'a [u8]),
    Path(&'a Path),
}

fn in_process(payload: Payload, options: &ReadOptions) -> Result<PdfText> {
    let owned;
    let bytes = match payload {
        Payload::Bytes(b) => b,
        Payload::Path(p) => {
            owned = std::fs::read(p).map_err(|e| Error::io(p, e))?;
            &owned
        }
    };
    std::panic::catch_unwind(|| read_pdf(bytes, options)).unwrap_or_else(|panic| {
        Err(Error::PdfMalformed(format!(
            "the PDF extractor failed on this file ({})",
            super::pdf_read::panic_message(panic.as_ref())
        )))
    })
}

// ---------------------------------------------------------------------------------------------
// One worker, seen from the host
// ---------------------------------------------------------------------------------------------

/// How much of a worker's stderr is kept to explain its death.
const STDERR_TAIL: usize = 4096;

#[derive(Debug)]
struct Worker {
    child: Child,
    pid: u32,
    stdin: Option<ChildStdin>,
    replies: Receiver<std::io::Result<String>>,
    stderr: Arc<Mutex<VecDeque<u8>>>,
    threads: Vec<JoinHandle<()>>,
    memory_limit: u64,
}

impl Worker {
    fn spawn(command: &WorkerCommand, memory_limit: u64) -> Result<Worker> {
        let mut child = Command::new(&command.program)
            .args(&command.args)
            .env(MEMORY_LIMIT_ENV, memory_limit.to_string())
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| Error::io(&command.program, e))?;
        let pid = child.id();
        let stdin = child.stdin.take();
        let mut threads = Vec::new();
        let (tx, replies) = mpsc::channel();
        if let Some(stdout) = child.stdout.take() {
            threads.push(std::thread::spawn(move || {
                let mut reader = BufReader::new(stdout);
                loop {
                    let mut line = String::new();
                    match reader.read_line(&mut line) {
                        Ok(0) => break,
                        Ok(_) => {
                            if tx.send(Ok(line)).is_err() {
                                break;
                            }
                        }
                        Err(e) => {
                            let _ = tx.send(Err(e));
                            break;
                        }
                    }
                }
            }));
        }
        let stderr = Arc::new(Mutex::new(VecDeque::with_capacity(STDERR_TAIL)));
        if let Some(mut pipe) = child.stderr.take() {
            let tail = Arc::clone(&stderr);
            threads.push(std::thread::spawn(move || {
                let mut buf = [0u8; 1024];
                while let Ok(n) = pipe.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    let mut tail = tail.lock().unwrap_or_else(|e| e.into_inner());
                    tail.extend(&buf[..n]);
                    let excess = tail.len().saturating_sub(STDERR_TAIL);
                    tail.drain(..excess);
                }
            }));
        }
        Ok(Worker {
            child,
            pid,
            stdin,
            replies,
            stderr,
            threads,
            memory_limit,
        })
    }

    fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn call(
        &mut self,
        payload: Payload,
        options: &ReadOptions,
        timeout: Duration,
    ) -> std::result::Result<Reply, Failure> {
        let request = Request {
            len: match payload {
                Payload::Bytes(b) => Some(b.len() as u64),
                Payload::Path(_) => None,
            },
            path: match payload {
                Payload::Path(p) => Some(p.to_path_buf()),
                Payload::Bytes(_) => None,
            },
            options: *options,
        };
        let mut header = serde_json::to_vec(&request)
            .map_err(|e| Failure::Garbled(format!("cannot encode the request: {e}")))?;
        header.push(b'\n');
        let Some(stdin) = self.stdin.as_mut() else {
            return Err(Failure::Stale);
        };
        let body: &[u8] = match payload {
            Payload::Bytes(b) => b,
            Payload::Path(_) => &[],
        };
        let replies = &self.replies;
        let child = &mut self.child;
        // The request is written on its own thread so that a worker that stops reading (hung
        // or dying) cannot block us past the time limit: killing it breaks the pipe.
        let (answer, wrote) = std::thread::scope(|s| {
            let writer = s.spawn(move || -> std::io::Result<()> {
                stdin.write_all(&header)?;
                stdin.write_all(body)?;
                stdin.flush()
            });
            let answer = replies.recv_timeout(timeout);
            if !matches!(answer, Ok(Ok(_))) {
                let _ = child.kill();
            }
            let wrote = writer
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("the request writer panicked")));
            (answer, wrote)
        });
        match answer {
            Ok(Ok(line)) => serde_json::from_str::<Reply>(&line).map_err(|e| {
                Failure::Garbled(format!(
                    "{e}: {}",
                    line.chars().take(80).collect::<String>()
                ))
            }),
            Err(RecvTimeoutError::Timeout) => Err(Failure::TimedOut),
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
                // A worker that did not take the whole request was gone before it began.
                if wrote.is_err() {
                    self.reap();
                    return Err(Failure::Stale);
                }
                let (reason, external) = self.cause_of_death();
                Err(Failure::Died { reason, external })
            }
        }
    }

    /// Wait for the process to end (killing it if it lingers) and its pipes to drain.
    fn reap(&mut self) -> Option<ExitStatus> {
        let deadline = Instant::now() + Duration::from_secs(2);
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5))
                }
                Ok(None) => {
                    let _ = self.child.kill();
                    break self.child.wait().ok();
                }
                Err(_) => break None,
            }
        };
        self.stdin = None;
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
        status
    }

    fn stderr_text(&self) -> String {
        let tail = self.stderr.lock().unwrap_or_else(|e| e.into_inner());
        let bytes: Vec<u8> = tail.iter().copied().collect();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// Why the worker died, in words, and whether something outside killed it.
    fn cause_of_death(&mut self) -> (String, bool) {
        let status = self.reap();
        let stderr = self.stderr_text();
        if stderr.contains("overflowed its stack") {
            return (
                "stack overflow: the PDF is malformed or nested too deeply".into(),
                false,
            );
        }
        if stderr.contains("memory allocation of") || stderr.contains("out of memory") {
            return (
                format!(
                    "out of memory: the PDF needed more than the worker's {} MiB",
                    self.memory_limit >> 20
                ),
                false,
            );
        }
        let Some(status) = status else {
            return ("the PDF worker vanished".into(), false);
        };
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            if let Some(signal) = status.signal() {
                let (what, external) = match signal {
                    libc::SIGKILL => ("killed (SIGKILL)", true),
                    libc::SIGTERM => ("terminated (SIGTERM)", true),
                    libc::SIGSEGV => ("segmentation fault", false),
                    libc::SIGABRT => ("aborted", false),
                    libc::SIGBUS => ("bus error", false),
                    _ => ("killed by a signal", false),
                };
                return (
                    format!("the PDF worker was {what}, signal {signal}"),
                    external,
                );
            }
        }
        match status.code() {
            Some(code) => (format!("the PDF worker exited with code {code}"), false),
            None => ("the PDF worker was killed".into(), false),
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing stdin lets a healthy worker finish by itself; killing makes sure of it, and
        // waiting reaps it so no zombie is left.
        self.stdin = None;
        let _ = self.child.kill();
        let _ = self.child.wait();
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The worker process
// ---------------------------------------------------------------------------------------------

/// The worker's main loop: read requests on stdin, answer on stdout. Hosts call this when run
/// with their worker argument, before anything else. Returns the process exit code.
pub fn run_worker() -> i32 {
    let memory_limit = std::env::var(MEMORY_LIMIT_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(PdfConfig::default().memory_limit);
    limit_memory(memory_limit);
    die_with_parent();
    // Panics are answered as PdfMalformed; the default hook would only add noise to stderr,
    // which the pool reads to explain real crashes.
    std::panic::set_hook(Box::new(|_| {}));
    let mut output = protocol_output();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    loop {
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) => return 0,
            Ok(_) => {}
            Err(_) => return 1,
        }
        if line.trim().is_empty() {
            continue;
        }
        let request: Request = match serde_json::from_str(&line) {
            Ok(r) => r,
            // A header we cannot read leaves us out of step with the stream: stop, and let
            // the pool start a fresh worker.
            Err(_) => return 2,
        };
        let reply = match read_request(&mut input, &request) {
            Ok(bytes) => answer(&bytes, &request.options),
            Err(ReadFailure::Stream) => return 1,
            Err(ReadFailure::File(e)) => Reply::Err(WireError::from(&e)),
        };
        let Ok(mut encoded) = serde_json::to_vec(&reply) else {
            return 3;
        };
        encoded.push(b'\n');
        if output
            .write_all(&encoded)
            .and_then(|_| output.flush())
            .is_err()
        {
            return 1;
        }
    }
}

enum ReadFailure {
    /// The request's bytes did not arrive: the host went away.
    Stream,
    /// The named file could not be read.
    File(Error),
}

fn read_request(
    input: &mut impl Read,
    request: &Request,
) -> std::result::Result<Vec<u8>, ReadFailure> {
    if let Some(len) = request.len {
        let mut bytes = Vec::new();
        input
            .take(len)
            .read_to_end(&mut bytes)
            .map_err(|_| ReadFailure::Stream)?;
        if bytes.len() as u64 != len {
            return Err(ReadFailure::Stream);
        }
        return Ok(bytes);
    }
    let Some(path) = &request.path else {
        return Err(ReadFailure::File(Error::Invalid(
            "the request names no file".into(),
        )));
    };
    std::fs::read(path).map_err(|e| ReadFailure::File(Error::io(path, e)))
}

fn answer(bytes: &[u8], options: &ReadOptions) -> Reply {
    let outcome = std::panic::catch_unwind(|| read_pdf(bytes, options));
    match outcome {
        Ok(Ok(text)) => Reply::Ok(text),
        Ok(Err(e)) => Reply::Err(WireError::from(&e)),
        Err(panic) => Reply::Err(WireError::from(&Error::PdfMalformed(format!(
            "the PDF extractor failed on this file ({})",
            super::pdf_read::panic_message(panic.as_ref())
        )))),
    }
}

/// Where answers go. On Unix the protocol gets a private copy of stdout and stdout itself is
/// pointed at stderr, so a library that prints cannot corrupt an answer.
fn protocol_output() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::unix::io::FromRawFd;
        // SAFETY: dup and dup2 on the process's own standard descriptors; the duplicate is a
        // fresh descriptor that only the returned File owns.
        unsafe {
            let private = libc::dup(1);
            if private >= 0 && libc::dup2(2, 1) >= 0 {
                return Box::new(std::fs::File::from_raw_fd(private));
            }
        }
    }
    Box::new(std::io::stdout())
}

/// Cap the worker's address space so a PDF that makes the extractor allocate without end fails
/// that worker, not the machine.
fn limit_memory(bytes: u64) {
    #[cfg(unix)]
    {
        let limit = libc::rlimit {
            rlim_cur: bytes as libc::rlim_t,
            rlim_max: libc::RLIM_INFINITY,
        };
        // SAFETY: setrlimit reads the struct we pass; lowering our own soft limit is always
        // allowed. If the hard limit is lower the call fails and the worker runs unlimited.
        unsafe {
            let mut current = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            if libc::getrlimit(libc::RLIMIT_AS, &mut current) == 0 {
                let limit = libc::rlimit {
                    rlim_cur: limit.rlim_cur.min(current.rlim_max),
                    rlim_max: current.rlim_max,
                };
                libc::setrlimit(libc::RLIMIT_AS, &limit);
            }
        }
    }
    #[cfg(not(unix))]
    let _ = bytes;
}

/// End the worker when its host dies. A worker waiting for a request sees its stdin close; one
/// busy on a long file would not, so a watchdog checks once a second that its parent is still
/// the process that started it. (Linux's `PR_SET_PDEATHSIG` would be quicker, but it fires when
/// the spawning *thread* ends, and import threads come and go while the pool lives on.)
fn die_with_parent() {
    #[cfg(unix)]
    {
        // SAFETY: getppid has no preconditions and cannot fail.
        let parent = unsafe { libc::getppid() };
        let _ = std::thread::Builder::new()
            .name("parent-watchdog".into())
            .spawn(move || loop {
                std::thread::sleep(Duration::from_secs(1));
                // SAFETY: as above.
                if unsafe { libc::getppid() } != parent {
                    std::process::exit(0);
                }
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pool_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<PdfPool>();
    }

    #[test]
    fn errors_survive_the_wire() {
        let cases = [
            Error::PdfEncrypted,
            Error::PdfNoText,
            Error::PdfMalformed("broken cross-reference table".into()),
            Error::TooManyPages {
                pages: 600,
                limit: 500,
            },
            Error::PdfCrashed("stack overflow".into()),
        ];
        for e in cases {
            let wire: WireError = serde_json::from_str(
                &serde_json::to_string(&WireError::from(&e)).unwrap_or_default(),
            )
            .unwrap_or_else(|err| panic!("{e}: {err}"));
            let back = wire.into_error();
            assert_eq!(back.code(), e.code(), "the code is kept");
            assert_eq!(back.to_string(), e.to_string(), "the message is kept");
        }
    }
}
