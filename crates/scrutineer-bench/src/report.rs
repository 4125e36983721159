//! The figures, as a table for people and as JSON, with the targets they are read against.

use serde::{Deserialize, Serialize};

use crate::import::ImportRun;
use crate::pdftotext::Poppler;
use crate::queries::{CodebookTiming, Timing};

/// Where the figures were taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory_mb: u64,
    pub os: String,
}

impl Machine {
    pub fn this() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name"))
            .map(|v| v.trim_start_matches([' ', '\t', ':']).trim().to_string())
            .unwrap_or_else(|| "unknown CPU".into());
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory_mb = meminfo
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024);
        Machine {
            cpu,
            cores: crate::cores(),
            memory_mb,
            os: std::env::consts::OS.to_string(),
        }
    }
}

/// Everything one size measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Size {
    pub meetings: usize,
    /// `None` when only queries were run (`--queries-only`).
    pub text: Option<ImportRun>,
    pub pdf: Option<ImportRun>,
    pub pdftotext: Option<Poppler>,
    pub queries: Vec<Timing>,
    /// `None` when the run measured imports only.
    pub codebook: Option<CodebookTiming>,
}

impl Size {
    /// The import's time over `pdftotext`'s with the same parallelism (≤ 1 is the target).
    pub fn pdf_ratio(&self) -> Option<f64> {
        let (pdf, poppler) = (self.pdf.as_ref()?, self.pdftotext.as_ref()?);
        Some(pdf.seconds / poppler.parallel_seconds)
    }
}

/// A whole run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    pub command: String,
    pub machine: Machine,
    pub sizes: Vec<Size>,
}

fn import_line(what: &str, r: &ImportRun) {
    let failed: usize = r.failed.values().sum();
    println!(
        "  {what:<5} {:>6} files {:>8.1} s {:>8.1} docs/s {:>8.1} pages/s  peak RSS {:>6.0} MB (host {:.0} + workers {:.0})  {:.1} KB/meeting",
        r.files,
        r.seconds,
        r.docs_per_second,
        r.pages_per_second,
        r.peak_rss_mb,
        r.peak_rss_host_mb,
        r.peak_rss_workers_mb,
        r.db_kb_per_meeting,
    );
    println!(
        "        imported {}, duplicates {}, failed {failed} {:?}; extractors {:?}; {} reader threads, {} PDF workers ({} started)",
        r.imported,
        r.duplicates,
        r.failed,
        r.extractors,
        r.reader_threads,
        r.pdf_workers,
        r.workers_started,
    );
    let docs = r.imported.max(1) as f64;
    println!(
        "        CPU {:.1} s = {:.2} ms/document (writer thread {:.2} ms/document, readers {:.2} ms/document)",
        r.cpu_ms / 1_000.0,
        r.cpu_ms / docs,
        r.writer_cpu_ms / docs,
        (r.cpu_ms - r.writer_cpu_ms) / docs,
    );
}

/// The figures of one size.
pub fn print_size(s: &Size) {
    println!("\n-- import, {} meetings --", s.meetings);
    if let Some(text) = &s.text {
        import_line("text", text);
    }
    if let Some(pdf) = &s.pdf {
        import_line("pdf", pdf);
    }
    if let (Some(p), Some(ratio)) = (&s.pdftotext, s.pdf_ratio()) {
        println!(
            "  pdftotext over the same {} files: {:.1} s one at a time, {:.1} s with {} at once; import / pdftotext = {ratio:.2}",
            p.files, p.sequential_seconds, p.parallel_seconds, p.parallelism
        );
    }
}

/// One target, met or not.
struct Check {
    what: String,
    figure: String,
    met: bool,
}

fn checks(s: &Size) -> Vec<Check> {
    let mut out = Vec::new();
    let n = s.meetings;
    if let Some(text) = &s.text {
        out.push(Check {
            what: format!("text import ≥ 200 docs/s ({n} meetings)"),
            figure: format!("{:.0} docs/s", text.docs_per_second),
            met: text.docs_per_second >= 200.0,
        });
    }
    if let Some(pdf) = &s.pdf {
        if pdf.files <= 1_100 {
            out.push(Check {
                what: format!("{} PDFs imported in < 60 s", pdf.files),
                figure: format!("{:.1} s ({} pages)", pdf.seconds, pdf.pages),
                met: pdf.seconds < 60.0,
            });
            out.push(Check {
                what: format!("peak RSS during a {}-PDF import < 300 MB", pdf.files),
                figure: format!("{:.0} MB", pdf.peak_rss_mb),
                met: pdf.peak_rss_mb < 300.0,
            });
        }
    }
    if let Some(ratio) = s.pdf_ratio() {
        out.push(Check {
            what: format!("PDF import / pdftotext (same parallelism) ≤ 1.0 ({n})"),
            figure: format!("{ratio:.2}"),
            met: ratio <= 1.0,
        });
    }
    if n >= 10_000 {
        for q in &s.queries {
            let (what, figure, met) = if q.group == "search" {
                (
                    format!("search {}: p50 < 10 ms, p95 < 100 ms", q.name),
                    format!("{:.1} / {:.1} ms", q.p50_ms, q.p95_ms),
                    q.p50_ms < 10.0 && q.p95_ms < 100.0,
                )
            } else {
                (
                    format!("{} {}: p95 < 50 ms", q.group, q.name),
                    format!("{:.1} ms", q.p95_ms),
                    q.p95_ms < 50.0,
                )
            };
            out.push(Check { what, figure, met });
        }
        if let Some(codebook) = &s.codebook {
            out.push(Check {
                what: "codebook edit re-applied < 5 s".into(),
                figure: format!("{:.2} s", codebook.edit_one_theme_seconds),
                met: codebook.edit_one_theme_seconds < 5.0,
            });
        }
    }
    out
}

/// Every target and whether it was met.
pub fn print_targets(run: &Run) {
    println!("\n-- targets --");
    for s in &run.sizes {
        for c in checks(s) {
            println!(
                "  {:<4} {:<62} {}",
                if c.met { "ok" } else { "MISS" },
                c.what,
                c.figure
            );
        }
    }
}
