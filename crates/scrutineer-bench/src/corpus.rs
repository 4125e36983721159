//! The synthetic libraries on disk: minutes as text files and as PDFs, written once and reused
//! (writing ten thousand PDFs takes a while, and every run should read the same files).
//!
//! A few deliberately broken PDFs (one in two hundred: truncated, encrypted, a form that draws
//! itself and overflows pdf-extract's stack, scanned pages with no text) sit among the good
//! ones, so that the import is measured the way it runs on a real archive: with workers that
//! crash, get replaced, and fail only their own file.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Context;
use scrutineer_core::pdfgen;
use scrutineer_core::synth::files::minutes_file;
use scrutineer_core::synth::SynthConfig;
use serde::{Deserialize, Serialize};

/// Bumped whenever the generator changes, so an old corpus is written again.
const GENERATOR_VERSION: u32 = 1;

/// One broken PDF per this many good ones.
const BROKEN_EVERY: usize = 200;

/// A corpus on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    pub version: u32,
    pub config: Config,
    pub meetings: usize,
    pub text_dir: PathBuf,
    pub text_files: usize,
    pub text_bytes: u64,
    pub pdf_dir: PathBuf,
    pub pdf_files: usize,
    pub pdf_bytes: u64,
    /// Broken PDFs among `pdf_files`.
    pub broken_pdfs: usize,
}

/// The part of [`SynthConfig`] that decides the files (it is not serialisable itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Config {
    pub meetings: usize,
    pub councils: usize,
    pub first_year: i32,
    pub years: u32,
    pub seed: u64,
    pub pdf_meetings: usize,
}

/// The corpus for `config` in `dir`, written unless an identical one is already there.
pub fn prepare(dir: &Path, config: SynthConfig, pdf_meetings: usize) -> anyhow::Result<Corpus> {
    let wanted = Config {
        meetings: config.meetings,
        councils: config.councils,
        first_year: config.first_year,
        years: config.years,
        seed: config.seed,
        pdf_meetings,
    };
    let marker = dir.join("corpus.json");
    if let Ok(text) = std::fs::read_to_string(&marker) {
        if let Ok(found) = serde_json::from_str::<Corpus>(&text) {
            if found.version == GENERATOR_VERSION && found.config == wanted {
                println!(
                    "corpus: reusing {} text files and {} PDFs in {}",
                    found.text_files,
                    found.pdf_files,
                    dir.display()
                );
                return Ok(found);
            }
        }
    }
    let text_dir = dir.join("text");
    let pdf_dir = dir.join("pdf");
    for d in [&text_dir, &pdf_dir] {
        if d.exists() {
            std::fs::remove_dir_all(d).with_context(|| format!("clearing {}", d.display()))?;
        }
    }
    let _ = std::fs::remove_file(&marker);
    println!(
        "corpus: writing {} text files and {pdf_meetings} PDFs to {}…",
        config.meetings,
        dir.display()
    );
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let totals = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> anyhow::Result<(u64, u64, usize)> {
                    let (mut text_bytes, mut pdf_bytes, mut broken) = (0u64, 0u64, 0usize);
                    loop {
                        let n = next.fetch_add(1, Ordering::Relaxed);
                        if n >= config.meetings {
                            return Ok((text_bytes, pdf_bytes, broken));
                        }
                        let file = minutes_file(&config, n);
                        let text_path = text_dir
                            .join(&file.folder)
                            .join(format!("{}.txt", file.stem));
                        text_bytes += write(&text_path, file.text.as_bytes())?;
                        if n < pdf_meetings {
                            let pdf = file.pdf().context("laying out a synthetic PDF")?;
                            let pdf_path = pdf_dir
                                .join(&file.folder)
                                .join(format!("{}.pdf", file.stem));
                            pdf_bytes += write(&pdf_path, &pdf)?;
                            if n % BROKEN_EVERY == BROKEN_EVERY - 1 {
                                let bytes = broken_pdf(n / BROKEN_EVERY, &file.text)?;
                                let path =
                                    pdf_dir.join("broken").join(format!("broken-{n:05}.pdf"));
                                pdf_bytes += write(&path, &bytes)?;
                                broken += 1;
                            }
                        }
                    }
                })
            })
            .collect();
        let mut totals = (0u64, 0u64, 0usize);
        for w in workers {
            let (t, p, b) = w
                .join()
                .map_err(|_| anyhow::anyhow!("a corpus writer panicked"))??;
            totals = (totals.0 + t, totals.1 + p, totals.2 + b);
        }
        anyhow::Ok(totals)
    })?;
    let corpus = Corpus {
        version: GENERATOR_VERSION,
        config: wanted,
        meetings: config.meetings,
        text_dir,
        text_files: config.meetings,
        text_bytes: totals.0,
        pdf_dir,
        pdf_files: pdf_meetings + totals.2,
        pdf_bytes: totals.1,
        broken_pdfs: totals.2,
    };
    std::fs::write(&marker, serde_json::to_string_pretty(&corpus)?)?;
    Ok(corpus)
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<u64> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
    Ok(bytes.len() as u64)
}

/// The `k`th broken PDF: each kind in turn.
fn broken_pdf(k: usize, text: &str) -> anyhow::Result<Vec<u8>> {
    let start: String = text.chars().take(3_000).collect();
    Ok(match k % 4 {
        0 => pdfgen::truncated_pdf(&start)?,
        1 => pdfgen::self_referencing_form_pdf(None)?,
        2 => pdfgen::encrypted_pdf(&start, "secret")?,
        _ => pdfgen::image_only_pdf(3)?,
    })
}
