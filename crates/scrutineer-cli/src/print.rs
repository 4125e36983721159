//! Text for people: how each command shows its results when `--json` is not given.
//!
//! Document text is printed as text. Search highlights (the core's U+0002/U+0003 markers)
//! become bold on a terminal and `[…]` brackets in a pipe, so grep and diffs still see them.

use std::path::Path;

use scrutineer_core::model::{
    CorrectableField, DateWindow, DocKind, ImportOutcome, ImportStatus, ImportSummary,
    LibraryStats, MeetingDetail, MeetingRecord, MeetingSummary, NamedField, Person, SearchResults,
    HIGHLIGHT_END, HIGHLIGHT_START,
};

pub fn outcome(o: &ImportOutcome) {
    match o.status {
        ImportStatus::Imported => println!("imported  {} — {}", o.path, o.message),
        ImportStatus::Duplicate => println!("duplicate {} ({})", o.path, o.message),
        ImportStatus::Failed => println!("failed    {}: {}", o.path, o.message),
    }
}

pub fn import_summary(s: &ImportSummary) {
    println!(
        "{} imported, {} duplicate{}, {} failed",
        s.imported,
        s.duplicates,
        if s.duplicates == 1 { "" } else { "s" },
        s.failed
    );
}

fn date_text(date: Option<chrono::NaiveDate>, window: Option<&DateWindow>) -> String {
    match (date, window) {
        (Some(d), _) => d.format("%Y-%m-%d").to_string(),
        (None, Some(w)) => match (w.from, w.to) {
            (Some(f), Some(t)) => format!("undated (between {f} and {t})"),
            (Some(f), None) => format!("undated (after {f})"),
            (None, Some(t)) => format!("undated (before {t})"),
            (None, None) => "undated".into(),
        },
        (None, None) => "undated".into(),
    }
}

fn field_name(f: CorrectableField) -> &'static str {
    match f {
        CorrectableField::Council => "council",
        CorrectableField::Committee => "committee",
        CorrectableField::MeetingDate => "date",
    }
}

fn names(fields: &[CorrectableField]) -> String {
    fields
        .iter()
        .map(|f| field_name(*f))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn meetings(list: &[MeetingSummary]) {
    if list.is_empty() {
        println!("no meetings");
        return;
    }
    for m in list {
        let mut flags = String::new();
        if !m.corrected.is_empty() {
            flags.push_str(&format!("  [corrected: {}]", names(&m.corrected)));
        }
        if !m.needs_review.is_empty() {
            flags.push_str(&format!("  [review: {}]", names(&m.needs_review)));
        }
        println!(
            "#{:<5} {:<10}  {} · {} · {} items  ({}){flags}",
            m.id,
            date_text(m.date, None),
            m.council.as_deref().unwrap_or("council not found"),
            m.committee.as_deref().unwrap_or("committee not found"),
            m.item_count,
            m.file_name,
        );
    }
}

fn confidence(c: f32) -> String {
    format!("{:.0}%", c * 100.0)
}

fn named(label: &str, effective: Option<&str>, f: &NamedField, corrected: bool) {
    let value = effective.unwrap_or("not found");
    let how = if corrected {
        format!(
            "corrected; extracted {:?}",
            f.name.as_deref().unwrap_or("nothing")
        )
    } else {
        format!("confidence {}", confidence(f.confidence))
    };
    println!("{label:<11}{value}  ({how})");
    if let Some(evidence) = &f.evidence {
        let page = f.page.map(|p| format!("page {p}: ")).unwrap_or_default();
        println!("{:<11}{page}“{}”", "", one_line(evidence));
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn people(label: &str, list: &[Person]) {
    if list.is_empty() {
        return;
    }
    let names: Vec<String> = list
        .iter()
        .map(|p| {
            let mut s = p.name.clone();
            if p.chair {
                s.push_str(" (chair)");
            }
            if p.vice_chair {
                s.push_str(" (vice-chair)");
            }
            if let Some(role) = &p.role {
                s.push_str(&format!(", {role}"));
            }
            s
        })
        .collect();
    println!("{label} ({}): {}", list.len(), names.join("; "));
}

pub fn detail(d: &MeetingDetail) {
    let m = &d.meeting;
    let r = &d.record;
    println!(
        "#{} {} — {}",
        m.id,
        d.document.file_name,
        kind_label(m.kind)
    );
    if let Some(title) = &m.title {
        println!("{:<11}{title}", "title");
    }
    let corrected = |f| m.corrected.contains(&f);
    named(
        "council",
        m.council.as_deref(),
        &r.council,
        corrected(CorrectableField::Council),
    );
    named(
        "committee",
        m.committee.as_deref(),
        &r.committee,
        corrected(CorrectableField::Committee),
    );
    let date = date_text(m.date, r.meeting_date.window.as_ref());
    let how = if corrected(CorrectableField::MeetingDate) {
        "corrected".to_string()
    } else {
        format!("confidence {}", confidence(r.meeting_date.confidence))
    };
    println!("{:<11}{date}  ({how})", "date");
    if let Some(evidence) = &r.meeting_date.evidence {
        println!("{:<11}“{}”", "", one_line(evidence));
    }
    match (&r.start_time, &r.end_time) {
        (Some(s), Some(e)) => println!("{:<11}{s}–{e}", "time"),
        (Some(s), None) => println!("{:<11}from {s}", "time"),
        _ => {}
    }
    if let Some(venue) = &r.venue {
        println!("{:<11}{venue}", "venue");
    }
    println!(
        "{:<11}{} ({} page{}, {} characters, read by {})",
        "source",
        d.document.path,
        d.document.page_count,
        if d.document.page_count == 1 { "" } else { "s" },
        m.text_chars,
        d.document.extractor.as_str()
    );
    println!("{:<11}{}", "confidence", confidence(r.confidence));
    if !m.needs_review.is_empty() {
        println!("{:<11}{}", "review", names(&m.needs_review));
    }

    let a = &r.attendance;
    if !(a.present.is_empty() && a.apologies.is_empty() && a.in_attendance.is_empty()) {
        println!();
        people("Present", &a.present);
        people("Apologies", &a.apologies);
        people("In attendance", &a.in_attendance);
    }
    if !r.items.is_empty() {
        println!("\nItems ({})", r.items.len());
        for item in &r.items {
            let standing = if item.standing.is_some() {
                "  (standing)"
            } else {
                ""
            };
            println!(
                "  {:<8} {}  p.{}{standing}",
                item.number.as_deref().unwrap_or("–"),
                one_line(&item.title),
                item.page
            );
        }
    }
    if !r.resolutions.is_empty() {
        println!("\nResolutions ({})", r.resolutions.len());
        for res in &r.resolutions {
            println!(
                "  [{}] {}  p.{}",
                res.item.as_deref().unwrap_or("–"),
                one_line(&res.text),
                res.page
            );
        }
    }
    if !r.figures.is_empty() {
        println!("\nFigures ({})", r.figures.len());
        for f in &r.figures {
            let what = f
                .what
                .as_deref()
                .map(|w| format!(" — {w}"))
                .unwrap_or_default();
            println!("  {}{what}  p.{}", f.text, f.page);
        }
    }
    if !d.themes.is_empty() {
        println!("\nThemes (share of the meeting's non-standing text)");
        for t in &d.themes {
            println!(
                "  {:<40} {:>5.1}%  {} paragraph{}",
                t.label,
                t.share * 100.0,
                t.hits,
                if t.hits == 1 { "" } else { "s" }
            );
        }
    }
    if !r.diagnostics.is_empty() {
        println!("\nNotes");
        for diag in &r.diagnostics {
            println!("  {}", diag.message);
        }
    }
}

fn kind_label(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Minutes => "minutes",
        DocKind::Report => "report",
        DocKind::AgendaItem => "agenda item",
        DocKind::Unknown => "unrecognised document",
    }
}

/// A snippet with its match markers made visible: bold on a terminal, brackets elsewhere.
pub fn highlight(snippet: &str, terminal: bool) -> String {
    let (start, end) = if terminal {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    one_line(snippet)
        .replace(HIGHLIGHT_START, start)
        .replace(HIGHLIGHT_END, end)
}

pub fn search(results: &SearchResults, terminal: bool) {
    for hit in &results.hits {
        let item = match (&hit.item_number, &hit.item_title) {
            (Some(n), Some(t)) => format!(" · item {n} {}", one_line(t)),
            (None, Some(t)) => format!(" · {}", one_line(t)),
            _ => String::new(),
        };
        println!(
            "#{} p.{}  {} · {} · {}{item}",
            hit.meeting_id,
            hit.page,
            hit.council.as_deref().unwrap_or("council not found"),
            hit.committee.as_deref().unwrap_or("committee not found"),
            date_text(hit.date, None),
        );
        println!("    {}", highlight(&hit.snippet, terminal));
    }
    let shown = results.hits.len();
    match results.total {
        0 => println!("no matches"),
        1 => println!("1 match"),
        n if (n as usize) > shown => println!("{n} matches (showing {shown})"),
        n => println!("{n} matches"),
    }
    if let Some(note) = &results.note {
        println!("{note}");
    }
}

pub fn record(r: &MeetingRecord) {
    let value = |f: &NamedField| {
        format!(
            "{} ({})",
            f.name.as_deref().unwrap_or("not found"),
            confidence(f.confidence)
        )
    };
    println!("kind       {:?}", r.kind);
    if let Some(title) = &r.title {
        println!("title      {title}");
    }
    println!("council    {}", value(&r.council));
    println!("committee  {}", value(&r.committee));
    println!(
        "date       {} ({})",
        date_text(r.meeting_date.date, r.meeting_date.window.as_ref()),
        confidence(r.meeting_date.confidence)
    );
    println!(
        "contents   {} items, {} resolutions, {} figures, {} paragraphs; {} present, {} apologies",
        r.items.len(),
        r.resolutions.len(),
        r.figures.len(),
        r.paragraphs.len(),
        r.attendance.present.len(),
        r.attendance.apologies.len()
    );
    println!("confidence {}", confidence(r.confidence));
    for item in &r.items {
        println!(
            "  {:<8} {}",
            item.number.as_deref().unwrap_or("–"),
            one_line(&item.title)
        );
    }
    for diag in &r.diagnostics {
        println!("note: {}", diag.message);
    }
}

pub fn info(db: &Path, s: &LibraryStats) {
    println!("library    {}", db.display());
    println!("documents  {}", s.documents);
    println!("councils   {}", s.councils.len());
    for c in s.councils.iter().take(10) {
        println!("           {} ({})", c.value, c.meetings);
    }
    println!("committees {}", s.committees.len());
    if let (Some(last), Some(first)) = (s.years.first(), s.years.last()) {
        println!("years      {}–{}", first.value, last.value);
    }
    println!("undated    {}", s.undated);
    println!("to review  {}", s.needs_review);
}
