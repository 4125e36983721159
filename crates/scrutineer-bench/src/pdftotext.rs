//! The yardstick: poppler's `pdftotext` over the same PDFs, one file at a time and with as many
//! processes at once as the import has PDF workers. It only extracts text (no structure, no
//! storage), so an import that keeps up with it has made everything else nearly free.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::Context;
use serde::{Deserialize, Serialize};

/// `pdftotext`'s times over a folder of PDFs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Poppler {
    pub files: usize,
    /// Files it could not read (the broken ones).
    pub failed: usize,
    pub sequential_seconds: f64,
    pub parallel_seconds: f64,
    pub parallelism: usize,
}

/// Time `pdftotext` over every PDF under `dir`.
pub fn measure(dir: &Path, parallelism: usize) -> anyhow::Result<Poppler> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    // Warm the page cache and check the tool is there.
    if let Some(first) = files.first() {
        run(first).context("running pdftotext (install poppler-utils)")?;
    }
    let start = Instant::now();
    let mut failed = 0;
    for f in &files {
        if !run(f)? {
            failed += 1;
        }
    }
    let sequential_seconds = start.elapsed().as_secs_f64();

    let next = AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..parallelism.max(1))
            .map(|_| {
                scope.spawn(|| -> anyhow::Result<()> {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(f) = files.get(i) else {
                            return Ok(());
                        };
                        run(f)?;
                    }
                })
            })
            .collect();
        for h in handles {
            h.join()
                .map_err(|_| anyhow::anyhow!("a pdftotext runner panicked"))??;
        }
        anyhow::Ok(())
    })?;
    let parallel_seconds = start.elapsed().as_secs_f64();
    Ok(Poppler {
        files: files.len(),
        failed,
        sequential_seconds,
        parallel_seconds,
        parallelism: parallelism.max(1),
    })
}

/// `pdftotext -q FILE -` with its text thrown away; whether it succeeded.
fn run(file: &Path) -> anyhow::Result<bool> {
    let status = Command::new("pdftotext")
        .arg("-q")
        .arg(file)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    Ok(status.success())
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "pdf") {
            out.push(path);
        }
    }
    Ok(())
}
