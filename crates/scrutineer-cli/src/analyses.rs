//! The analysis commands: timeline, themes, trends, passages, compare, figures, actions, kwic,
//! emergent, export, explain and the codebook group.
//!
//! Each command makes one core call (the same the desktop app makes) and prints its result as
//! text for people, as JSON (`--json`: the model types as the app receives them) or as CSV
//! (`--csv`, for tabular results: every number-bearing row ends with its citation). Text output
//! ends each number with the ids that resolve it: `#M` is a meeting (`scrutineer show M`) and
//! `¶P` a paragraph (`scrutineer explain P`).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use indicatif::ProgressBar;
use scrutineer_core::analysis::codebook::{CodebookEdit, CodebookSaved, PatternList};
use scrutineer_core::analysis::export::{citation_text, metric_name, to_csv, Tabular};
use scrutineer_core::model::{
    Action, ActionStatus, AnalysisRequest, AnalysisScope, Codebook, Comparison, EmergentTheme,
    EvidenceRef, ExportFormat, Heatmap, KwicLine, KwicTarget, Metric, MetricFigure,
    ParagraphThemes, PatternPreview, Period, Theme, ThemeMatch, ThemePassage, ThemePassageQuery,
    Timeline, TrendPoint,
};
use scrutineer_core::store::Library;
use serde::Serialize;

use crate::{emit_json, progress_bar};

/// How a command prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Text,
    Json,
    Csv,
}

impl Output {
    pub fn new(json: bool, csv: bool) -> Output {
        match (json, csv) {
            (true, _) => Output::Json,
            (false, true) => Output::Csv,
            _ => Output::Text,
        }
    }
}

/// Committee and dates: which meetings an analysis counts.
#[derive(Args, Clone, Debug, Default)]
pub struct DateArgs {
    /// Only this committee
    #[arg(long)]
    pub committee: Option<String>,
    /// From this date, inclusive (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub from: Option<NaiveDate>,
    /// To this date, inclusive (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub to: Option<NaiveDate>,
}

/// Councils, committee and dates.
#[derive(Args, Clone, Debug, Default)]
pub struct ScopeArgs {
    /// Only this council (repeat for several)
    #[arg(long = "council", value_name = "NAME")]
    pub councils: Vec<String>,
    #[command(flatten)]
    pub dates: DateArgs,
}

impl ScopeArgs {
    pub fn scope(&self, themes: &[String]) -> AnalysisScope {
        AnalysisScope {
            councils: self.councils.clone(),
            committee: self.dates.committee.clone(),
            from: self.dates.from,
            to: self.dates.to,
            themes: themes.to_vec(),
        }
    }
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date: write YYYY-MM-DD, for example 2019-03-14"))
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PeriodArg {
    Month,
    Quarter,
    Year,
}

impl From<PeriodArg> for Period {
    fn from(p: PeriodArg) -> Period {
        match p {
            PeriodArg::Month => Period::Month,
            PeriodArg::Quarter => Period::Quarter,
            PeriodArg::Year => Period::Year,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum MetricArg {
    Caseload,
    PlacementCostInHouse,
    PlacementCostAgency,
    PlacementCost,
    LookedAfterChildren,
    FosterCarers,
    AgencyStaffShare,
    Budget,
    Percentage,
    Money,
    Count,
}

impl From<MetricArg> for Metric {
    fn from(m: MetricArg) -> Metric {
        match m {
            MetricArg::Caseload => Metric::CaseloadPerSocialWorker,
            MetricArg::PlacementCostInHouse => Metric::PlacementCostInHouse,
            MetricArg::PlacementCostAgency => Metric::PlacementCostAgency,
            MetricArg::PlacementCost => Metric::PlacementCost,
            MetricArg::LookedAfterChildren => Metric::LookedAfterChildren,
            MetricArg::FosterCarers => Metric::FosterCarers,
            MetricArg::AgencyStaffShare => Metric::AgencyStaffShare,
            MetricArg::Budget => Metric::Budget,
            MetricArg::Percentage => Metric::Percentage,
            MetricArg::Money => Metric::Money,
            MetricArg::Count => Metric::Count,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum StatusArg {
    Open,
    Overdue,
    FollowedUp,
}

impl From<StatusArg> for ActionStatus {
    fn from(s: StatusArg) -> ActionStatus {
        match s {
            StatusArg::Open => ActionStatus::Open,
            StatusArg::Overdue => ActionStatus::Overdue,
            StatusArg::FollowedUp => ActionStatus::FollowedUp,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum AnalysisArg {
    Timeline,
    /// The themes × councils heatmap
    Themes,
    Trends,
    Compare,
    Figures,
    Actions,
    Kwic,
    Emergent,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    Csv,
    Json,
}

/// Everything `export` may need, whatever the analysis.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The analysis to export
    #[arg(value_enum)]
    pub analysis: AnalysisArg,
    #[arg(long, value_enum)]
    pub format: FormatArg,
    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Councils in scope (for compare: the councils compared, at least one)
    #[arg(long = "council", value_name = "NAME")]
    pub councils: Vec<String>,
    #[command(flatten)]
    pub dates: DateArgs,
    /// Only these themes (themes, trends; for kwic: the theme to look for)
    #[arg(long = "theme", value_name = "ID")]
    pub themes: Vec<String>,
    #[arg(long, value_enum, default_value_t = PeriodArg::Year)]
    pub period: PeriodArg,
    #[arg(long, value_enum)]
    pub metric: Option<MetricArg>,
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// The date actions are judged on [default: today]
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub today: Option<NaiveDate>,
    /// The term for kwic
    #[arg(long)]
    pub term: Option<String>,
    /// Lines for kwic
    #[arg(long)]
    pub limit: Option<u32>,
}

/// The codebook commands.
#[derive(Subcommand, Debug)]
pub enum CodebookCommand {
    /// List the themes and their patterns
    Show,
    /// Write the codebook to a file (.toml, or .json)
    Export {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Replace the codebook with one from a file (.toml, or .json); only changed themes are matched again
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Add a theme
    Add {
        /// Lower-case letters, digits and hyphens (as in looked-after-children)
        id: String,
        label: String,
        /// A pattern that finds the theme (repeat for several): words, phrases, stem*
        #[arg(long = "include", value_name = "PATTERN", required = true)]
        include: Vec<String>,
        /// A pattern that silences overlapping include matches (repeat for several)
        #[arg(long = "exclude", value_name = "PATTERN")]
        exclude: Vec<String>,
        #[arg(long, default_value = "")]
        group: String,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Give a theme a new label (its id stays)
    Rename { id: String, label: String },
    /// Merge one theme into another
    Merge { from: String, into: String },
    /// Delete a theme
    Delete { id: String },
    /// Add a pattern to a theme
    AddPattern {
        id: String,
        pattern: String,
        /// To the exclude list
        #[arg(long)]
        exclude: bool,
    },
    /// Remove a pattern from a theme
    RemovePattern {
        id: String,
        pattern: String,
        /// From the exclude list
        #[arg(long)]
        exclude: bool,
    },
    /// How a draft pattern would match across the library
    Preview {
        pattern: String,
        #[arg(long, default_value_t = 5)]
        examples: u32,
    },
    /// Match every theme against every paragraph again (a repair; never needed normally)
    Rebuild,
}

fn show<T: Serialize + ?Sized>(
    value: &T,
    output: Output,
    csv: impl FnOnce() -> Option<String>,
    text: impl FnOnce(),
) -> anyhow::Result<()> {
    match output {
        Output::Json => emit_json(value),
        Output::Csv => match csv() {
            Some(csv) => {
                print!("{csv}");
                Ok(())
            }
            None => bail!("this command has no CSV form; use --json"),
        },
        Output::Text => {
            text();
            Ok(())
        }
    }
}

fn csv_of<T: Tabular + ?Sized>(t: &T) -> Option<String> {
    Some(to_csv(t))
}

pub fn timeline(lib: &Library, scope: &AnalysisScope, output: Output) -> anyhow::Result<()> {
    let t = lib.timeline(scope)?;
    show(&t, output, || csv_of(&t), || print_timeline(&t))
}

pub fn themes(
    lib: &Library,
    scope: &AnalysisScope,
    codebook: Option<&Path>,
    output: Output,
) -> anyhow::Result<()> {
    if let Some(file) = codebook {
        let saved = with_progress(|p| lib.import_codebook(file, p))
            .with_context(|| format!("cannot import the codebook {}", file.display()))?;
        if output == Output::Text {
            print_saved(&saved);
            println!();
        }
    }
    let h = lib.heatmap(scope)?;
    show(&h, output, || csv_of(&h), || print_heatmap(&h))
}

pub fn trends(
    lib: &Library,
    scope: &AnalysisScope,
    period: Period,
    output: Output,
) -> anyhow::Result<()> {
    let t = lib.trends(scope, period)?;
    show(&t, output, || csv_of(t.as_slice()), || print_trends(&t))
}

pub fn passages(lib: &Library, query: &ThemePassageQuery, output: Output) -> anyhow::Result<()> {
    let p = lib.theme_passages(query)?;
    show(&p, output, || None, || print_passages(&p))
}

pub fn compare(
    lib: &Library,
    councils: &[String],
    scope: &AnalysisScope,
    html: Option<&Path>,
    title: Option<&str>,
    today: NaiveDate,
    output: Output,
) -> anyhow::Result<()> {
    if let Some(path) = html {
        let title = title
            .map(str::to_string)
            .unwrap_or_else(|| format!("Comparison: {}", councils.join(", ")));
        let report = lib.export_comparison_html(councils, scope, &title, today)?;
        std::fs::write(path, report).with_context(|| format!("cannot write {}", path.display()))?;
        if output != Output::Text {
            return emit_json(&serde_json::json!({ "report": path }));
        }
        println!("wrote {}", path.display());
        return Ok(());
    }
    let c = lib.compare(councils, scope)?;
    show(&c, output, || csv_of(&c), || print_comparison(&c))
}

pub fn figures(
    lib: &Library,
    scope: &AnalysisScope,
    metric: Option<Metric>,
    output: Output,
) -> anyhow::Result<()> {
    let f = lib.metric_figures(scope, metric)?;
    show(&f, output, || csv_of(f.as_slice()), || print_figures(&f))
}

pub fn actions(
    lib: &Library,
    scope: &AnalysisScope,
    today: NaiveDate,
    status: Option<ActionStatus>,
    output: Output,
) -> anyhow::Result<()> {
    let a = lib.actions(scope, today, status)?;
    show(
        &a,
        output,
        || csv_of(a.as_slice()),
        || print_actions(&a, today),
    )
}

pub fn kwic(
    lib: &Library,
    target: &KwicTarget,
    scope: &AnalysisScope,
    limit: u32,
    output: Output,
) -> anyhow::Result<()> {
    let k = lib.kwic(target, scope, Some(limit))?;
    show(&k, output, || csv_of(k.as_slice()), || print_kwic(&k))
}

pub fn emergent(lib: &Library, scope: &AnalysisScope, output: Output) -> anyhow::Result<()> {
    let e = lib.emergent_themes(scope)?;
    show(&e, output, || csv_of(e.as_slice()), || print_emergent(&e))
}

pub fn explain(lib: &Library, paragraph: i64, output: Output) -> anyhow::Result<()> {
    let e = lib.explain(paragraph)?;
    show(&e, output, || None, || print_explanation(&e))
}

pub fn export(lib: &Library, args: &ExportArgs, today: NaiveDate) -> anyhow::Result<()> {
    let scope = AnalysisScope {
        councils: args.councils.clone(),
        committee: args.dates.committee.clone(),
        from: args.dates.from,
        to: args.dates.to,
        themes: Vec::new(),
    };
    let themed = AnalysisScope {
        themes: args.themes.clone(),
        ..scope.clone()
    };
    let request = match args.analysis {
        AnalysisArg::Timeline => AnalysisRequest::Timeline { scope },
        AnalysisArg::Themes => AnalysisRequest::Heatmap { scope: themed },
        AnalysisArg::Trends => AnalysisRequest::Trends {
            scope: themed,
            period: args.period.into(),
        },
        AnalysisArg::Compare => AnalysisRequest::Compare {
            councils: args.councils.clone(),
            scope: AnalysisScope {
                councils: Vec::new(),
                ..scope
            },
        },
        AnalysisArg::Figures => AnalysisRequest::Figures {
            scope,
            metric: args.metric.map(Metric::from),
        },
        AnalysisArg::Actions => AnalysisRequest::Actions {
            scope,
            today: args.today.unwrap_or(today),
            status: args.status.map(ActionStatus::from),
        },
        AnalysisArg::Kwic => {
            let target = match (&args.term, args.themes.first()) {
                (Some(term), _) => KwicTarget::Term(term.clone()),
                (None, Some(theme)) => KwicTarget::Theme(theme.clone()),
                (None, None) => bail!("say what kwic looks for: --term WORD or --theme ID"),
            };
            AnalysisRequest::Kwic {
                target,
                scope,
                limit: args.limit,
            }
        }
        AnalysisArg::Emergent => AnalysisRequest::Emergent { scope },
    };
    let format = match args.format {
        FormatArg::Csv => ExportFormat::Csv,
        FormatArg::Json => ExportFormat::Json,
    };
    let text = lib.export(&request, format)?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, &text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        None => {
            print!("{text}");
            if !text.ends_with('\n') {
                println!();
            }
        }
    }
    Ok(())
}

pub fn codebook(
    lib: &Library,
    command: Option<CodebookCommand>,
    output: Output,
) -> anyhow::Result<()> {
    let edit = match command.unwrap_or(CodebookCommand::Show) {
        CodebookCommand::Show => {
            let c = lib.codebook()?;
            return show(&c, output, || None, || print_codebook(&c));
        }
        CodebookCommand::Export { file } => {
            lib.export_codebook(&file)?;
            if output == Output::Json {
                return emit_json(&serde_json::json!({ "exported": file }));
            }
            println!("wrote {}", file.display());
            return Ok(());
        }
        CodebookCommand::Import { file } => {
            let saved = with_progress(|p| lib.import_codebook(&file, p))
                .with_context(|| format!("cannot import the codebook {}", file.display()))?;
            return show(&saved, output, || None, || print_saved(&saved));
        }
        CodebookCommand::Preview { pattern, examples } => {
            let p = lib.preview_pattern(&pattern, Some(examples))?;
            return show(&p, output, || None, || print_preview(&p));
        }
        CodebookCommand::Rebuild => {
            let saved = with_progress(|p| lib.rebuild_themes(p))?;
            return show(&saved, output, || None, || print_saved(&saved));
        }
        CodebookCommand::Add {
            id,
            label,
            include,
            exclude,
            group,
            description,
        } => CodebookEdit::AddTheme {
            theme: Theme {
                id,
                label,
                description,
                group,
                include,
                exclude,
            },
        },
        CodebookCommand::Rename { id, label } => CodebookEdit::RenameTheme { id, label },
        CodebookCommand::Merge { from, into } => CodebookEdit::MergeThemes { from, into },
        CodebookCommand::Delete { id } => CodebookEdit::DeleteTheme { id },
        CodebookCommand::AddPattern {
            id,
            pattern,
            exclude,
        } => CodebookEdit::AddPattern {
            id,
            list: list(exclude),
            pattern,
        },
        CodebookCommand::RemovePattern {
            id,
            pattern,
            exclude,
        } => CodebookEdit::RemovePattern {
            id,
            list: list(exclude),
            pattern,
        },
    };
    let saved = with_progress(|p| lib.edit_codebook(&edit, p))?;
    show(&saved, output, || None, || print_saved(&saved))
}

fn list(exclude: bool) -> PatternList {
    if exclude {
        PatternList::Exclude
    } else {
        PatternList::Include
    }
}

/// Run a codebook save with a progress bar on the terminal.
fn with_progress<T>(
    f: impl FnOnce(
        &mut dyn FnMut(scrutineer_core::analysis::ThemeProgress),
    ) -> scrutineer_core::Result<T>,
) -> anyhow::Result<T> {
    let bar: ProgressBar = progress_bar();
    let out = f(&mut |p| {
        bar.set_length(u64::from(p.total));
        bar.set_position(u64::from(p.done));
    });
    bar.finish_and_clear();
    Ok(out?)
}

// ---------------------------------------------------------------------------------------------
// Text for people
// ---------------------------------------------------------------------------------------------

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `n` characters, cut at a word, with an ellipsis when cut.
fn clip(s: &str, n: usize) -> String {
    let s = one_line(s);
    if s.chars().count() <= n {
        return s;
    }
    let cut: String = s.chars().take(n).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// The ids that resolve a citation: `#meeting ¶paragraph`.
fn ids(e: &EvidenceRef) -> String {
    if e.paragraph_id > 0 {
        format!("#{} ¶{}", e.meeting_id, e.paragraph_id)
    } else {
        format!("#{}", e.meeting_id)
    }
}

fn cite(e: &EvidenceRef) -> String {
    format!("{} [{}]", citation_text(e), ids(e))
}

fn date_or_undated(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "undated".to_string(), |d| d.to_string())
}

fn print_timeline(t: &Timeline) {
    if t.lanes.is_empty() && t.undated.is_empty() {
        println!("no meetings");
        return;
    }
    let meeting = |m: &scrutineer_core::model::TimelineMeeting| {
        let themes: Vec<String> = m
            .top_themes
            .iter()
            .map(|t| format!("{} {}", t.label, percent(t.share)))
            .collect();
        println!(
            "  {:<10}  #{:<5} {} item{}, {} resolution{}{}",
            date_or_undated(m.date),
            m.meeting_id,
            m.item_titles.len(),
            if m.item_titles.len() == 1 { "" } else { "s" },
            m.resolutions.len(),
            if m.resolutions.len() == 1 { "" } else { "s" },
            if themes.is_empty() {
                String::new()
            } else {
                format!("  · {}", themes.join(", "))
            }
        );
        if !m.item_titles.is_empty() {
            println!("              {}", clip(&m.item_titles.join("; "), 100));
        }
        for f in &m.key_figures {
            println!(
                "              {}: {} — {}",
                metric_name(f.metric),
                f.text,
                clip(&f.evidence.text, 70)
            );
        }
    };
    for lane in &t.lanes {
        println!(
            "{} — {} ({} meeting{})",
            lane.council,
            lane.committee.as_deref().unwrap_or("committee not found"),
            lane.meetings.len(),
            if lane.meetings.len() == 1 { "" } else { "s" }
        );
        lane.meetings.iter().for_each(meeting);
        println!();
    }
    if !t.undated.is_empty() {
        println!("Undated, or council not found ({})", t.undated.len());
        t.undated.iter().for_each(|m| {
            println!(
                "  {} — {}",
                m.council.as_deref().unwrap_or("council not found"),
                m.committee.as_deref().unwrap_or("committee not found")
            );
            meeting(m);
        });
    }
}

fn print_heatmap(h: &Heatmap) {
    if h.councils.is_empty() {
        println!("no meetings in scope");
        return;
    }
    println!("Share of each council's minutes (non-standing text) given to each theme; (hits)");
    for (i, c) in h.councils.iter().enumerate() {
        let total = h
            .cells
            .iter()
            .find(|x| &x.council == c)
            .map_or(0, |x| x.meetings_total);
        println!(
            "  [{}] {c} — {total} meeting{}",
            i + 1,
            if total == 1 { "" } else { "s" }
        );
    }
    println!();
    let width = 34;
    let mut header = format!("{:<width$}", "theme");
    for i in 0..h.councils.len() {
        header.push_str(&format!("{:>14}", format!("[{}]", i + 1)));
    }
    println!("{header}");
    let mut quiet = 0;
    for theme in &h.themes {
        let cells: Vec<_> = h.cells.iter().filter(|c| c.theme_id == theme.id).collect();
        if cells.iter().all(|c| c.hits == 0) {
            quiet += 1;
            continue;
        }
        let mut row = format!("{:<width$}", clip(&theme.label, width - 2));
        for c in &cells {
            let cell = if c.hits == 0 {
                "–".to_string()
            } else {
                format!("{} ({})", percent(c.share), c.hits)
            };
            row.push_str(&format!("{cell:>14}"));
        }
        println!("{row}");
    }
    if quiet > 0 {
        println!(
            "\n{quiet} theme{} found nowhere in scope",
            if quiet == 1 { "" } else { "s" }
        );
    }
    println!("\nThe passages behind a cell: scrutineer passages THEME --council NAME");
}

fn print_trends(points: &[TrendPoint]) {
    if points.is_empty() {
        println!("no themes found in dated meetings in scope");
        return;
    }
    let mut last: Option<(&str, &str)> = None;
    for p in points {
        if last.map(|l| l.0) != Some(p.theme_id.as_str()) {
            println!("{}", p.theme_id);
        }
        if last != Some((p.theme_id.as_str(), p.council.as_str())) {
            println!("  {}", p.council);
        }
        last = Some((&p.theme_id, &p.council));
        println!(
            "    {:<8} {:>6}  {:>3} hit{} in {}/{} meetings",
            p.period,
            percent(p.share),
            p.hits,
            if p.hits == 1 { " " } else { "s" },
            p.meetings,
            p.meetings_total
        );
    }
}

fn marked(text: &str, matches: &[ThemeMatch]) -> String {
    let terminal = std::io::stdout().is_terminal();
    let (open, close) = if terminal {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::new();
    let mut at = 0;
    let mut sorted: Vec<&ThemeMatch> = matches.iter().collect();
    sorted.sort_by_key(|m| m.start);
    for m in sorted {
        if m.start < at
            || m.end > text.len()
            || !text.is_char_boundary(m.start)
            || !text.is_char_boundary(m.end)
        {
            continue;
        }
        out.push_str(&text[at..m.start]);
        out.push_str(open);
        out.push_str(&text[m.start..m.end]);
        out.push_str(close);
        at = m.end;
    }
    out.push_str(&text[at..]);
    one_line(&out)
}

fn print_passages(passages: &[ThemePassage]) {
    if passages.is_empty() {
        println!("no passages");
        return;
    }
    for p in passages {
        println!("{}", cite(&p.evidence));
        println!("  {}\n", marked(&p.evidence.text, &p.matches));
    }
}

fn print_comparison(c: &Comparison) {
    println!("Councils");
    for p in &c.councils {
        println!(
            "  {} — {} meeting{} ({} to {}), median gap {}, committees: {}",
            p.council,
            p.meetings,
            if p.meetings == 1 { "" } else { "s" },
            date_or_undated(p.first_date),
            date_or_undated(p.last_date),
            p.median_gap_days
                .map_or_else(|| "–".to_string(), |g| format!("{g:.0} days")),
            if p.committees.is_empty() {
                "–".to_string()
            } else {
                p.committees.join("; ")
            }
        );
        let top: Vec<String> = p
            .themes
            .iter()
            .take(5)
            .map(|t| format!("{} {}", t.label, percent(t.share)))
            .collect();
        if !top.is_empty() {
            println!("    strongest themes: {}", top.join(", "));
        }
    }
    println!("\nDistinctive themes (log-odds z-score; above 1.645 a council discusses the theme notably more)");
    if c.distinctive.is_empty() {
        println!("  none");
    }
    for d in &c.distinctive {
        println!("  {} — {} (z = {:.2})", d.council, d.label, d.z_score);
        if let Some(e) = d.evidence.first() {
            println!("    “{}”", clip(&e.text, 140));
            println!("    {}", cite(e));
        }
    }
    println!("\nThemes every council discusses (share of each council's minutes)");
    if c.shared.is_empty() {
        println!("  none");
    }
    for s in &c.shared {
        let shares: Vec<String> = s.shares.iter().map(|x| percent(*x)).collect();
        let sources: Vec<String> = s.evidence.iter().map(ids).collect();
        println!(
            "  {:<40} {}  [{}]",
            clip(&s.label, 38),
            shares.join("  "),
            sources.join(", ")
        );
    }
    if !c.metrics.is_empty() {
        println!("\nFigures side by side (latest first)");
        for row in &c.metrics {
            println!("  {}", metric_name(row.metric));
            for (i, cell) in row.values.iter().enumerate() {
                let name = c.councils.get(i).map_or("", |p| p.council.as_str());
                for f in cell.iter().take(3) {
                    println!(
                        "    {:<36} {:<12} {}  [{}]",
                        clip(name, 34),
                        f.text,
                        date_or_undated(f.evidence.date),
                        ids(&f.evidence)
                    );
                }
            }
        }
    }
}

fn print_figures(figures: &[MetricFigure]) {
    if figures.is_empty() {
        println!("no figures");
        return;
    }
    for f in figures {
        println!(
            "{:<10}  {:<28} {:<14} {}",
            date_or_undated(f.evidence.date),
            metric_name(f.metric),
            f.text,
            f.evidence.council.as_deref().unwrap_or("council not found")
        );
        println!(
            "            “{}”  [{}]",
            clip(&f.evidence.text, 110),
            ids(&f.evidence)
        );
    }
}

fn print_actions(actions: &[Action], today: NaiveDate) {
    if actions.is_empty() {
        println!("no tracked actions");
        return;
    }
    println!("As of {today}:");
    for a in actions {
        let status = match a.status {
            ActionStatus::FollowedUp => "followed up",
            ActionStatus::Open => "open",
            ActionStatus::Overdue => "OVERDUE",
        };
        println!(
            "{:<11} {:?}{}  {}",
            status,
            a.kind,
            a.due.map(|d| format!(", due {d}")).unwrap_or_default(),
            clip(&a.text, 110)
        );
        println!("            asked: {}", cite(&a.evidence));
        if let Some(by) = &a.followed_up_by {
            println!("            taken up: {}", cite(by));
        }
    }
}

fn print_kwic(lines: &[KwicLine]) {
    if lines.is_empty() {
        println!("no matches");
        return;
    }
    let terminal = std::io::stdout().is_terminal();
    for l in lines {
        let left: String = {
            let chars: Vec<char> = l.left.chars().collect();
            let from = chars.len().saturating_sub(50);
            chars[from..].iter().collect()
        };
        let right: String = l.right.chars().take(50).collect();
        let keyword = if terminal {
            format!("\x1b[1m{}\x1b[0m", l.keyword)
        } else {
            format!("[{}]", l.keyword)
        };
        println!("{left:>50}{keyword}{right:<50}  {}", ids(&l.evidence));
    }
}

fn print_emergent(themes: &[EmergentTheme]) {
    if themes.is_empty() {
        println!("no recurring phrases outside the codebook");
        return;
    }
    for t in themes {
        println!(
            "{:<32} score {:>7.2}  {} meeting{}, {}",
            t.phrase,
            t.score,
            t.meetings,
            if t.meetings == 1 { "" } else { "s" },
            t.councils.join("; ")
        );
        if let Some(e) = t.evidence.first() {
            println!("    “{}”  [{}]", clip(&e.text, 110), ids(e));
        }
    }
}

fn print_explanation(e: &ParagraphThemes) {
    println!("{}", cite(&e.evidence));
    println!("\n  {}\n", marked(&e.evidence.text, &e.matches));
    if e.standing {
        println!("Standing business: these matches are shown but not counted in theme statistics.");
    }
    if e.matches.is_empty() {
        println!("No theme of the codebook matches this paragraph.");
    }
    for t in &e.themes {
        let why: Vec<String> = e
            .matches
            .iter()
            .filter(|m| m.theme_id == t.id)
            .map(|m| format!("{:?} on “{}”", m.pattern, &e.evidence.text[m.start..m.end]))
            .collect();
        println!("{} ({}): {}", t.label, t.id, why.join(", "));
    }
}

fn print_codebook(c: &Codebook) {
    println!("{} — {} themes", c.name, c.themes.len());
    let mut group = None;
    for t in &c.themes {
        if group != Some(&t.group) {
            println!(
                "\n{}",
                if t.group.is_empty() {
                    "(no group)"
                } else {
                    &t.group
                }
            );
            group = Some(&t.group);
        }
        println!("  {:<30} {}", t.id, t.label);
        println!("      include: {}", t.include.join(", "));
        if !t.exclude.is_empty() {
            println!("      exclude: {}", t.exclude.join(", "));
        }
    }
}

fn print_saved(s: &CodebookSaved) {
    let d = &s.diff;
    let part = |label: &str, ids: &[String]| {
        if !ids.is_empty() {
            println!("{label}: {}", ids.join(", "));
        }
    };
    part("added", &d.added);
    part("changed", &d.changed);
    part("removed", &d.removed);
    if d.rematch().is_empty() {
        println!("codebook saved; no theme needed matching again");
    } else {
        println!(
            "matched {} theme{} against {} paragraphs: {} hits",
            d.rematch().len(),
            if d.rematch().len() == 1 { "" } else { "s" },
            s.paragraphs,
            s.hits
        );
    }
}

fn print_preview(p: &PatternPreview) {
    println!(
        "{:?} matches {}{} paragraph{} in {} meeting{}",
        p.pattern,
        if p.capped { "at least " } else { "" },
        p.paragraphs,
        if p.paragraphs == 1 { "" } else { "s" },
        p.meetings,
        if p.meetings == 1 { "" } else { "s" }
    );
    print_kwic(&p.examples);
}
