//! Export: any analysis as CSV or JSON, and a comparison as a self-contained HTML report.
//!
//! Exports leave the app, so they must stand on their own. Every CSV row that states a number
//! carries its citation (council, committee, date, item, page, meeting and paragraph ids). The
//! HTML report is one file with inline CSS and inline SVG charts, no scripts and no remote
//! resources (it must open offline, years later, and be safe to e-mail), and every number in
//! it is followed by its citation. All text is HTML-escaped: minutes are untrusted input and
//! can contain `<script>`.
//!
//! CSV cells that a spreadsheet would read as a formula (`=`, `+`, `-`, `@` at the start of a
//! text cell) are prefixed with `'`, so opening an export cannot run anything.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::rows::MeetingRow;
use crate::model::{
    Action, Comparison, EmergentTheme, EvidenceRef, Heatmap, KwicLine, Metric, MetricFigure,
    Timeline, TimelineMeeting, TrendPoint,
};
use crate::{Error, Result};

/// Any analysis as pretty JSON (the same shape the app receives).
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value)
        .map_err(|e| Error::Invalid(format!("cannot write JSON: {e}")))
}

/// A table: a header and rows of cells, ready for CSV.
pub trait Tabular {
    fn header(&self) -> Vec<&'static str>;
    fn rows(&self) -> Vec<Vec<String>>;
}

/// Any tabular analysis as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when
/// needed).
pub fn to_csv<T: Tabular + ?Sized>(table: &T) -> String {
    let mut out = String::new();
    let header: Vec<String> = table.header().into_iter().map(str::to_string).collect();
    write_row(&mut out, &header);
    for row in table.rows() {
        write_row(&mut out, &row);
    }
    out
}

fn write_row(out: &mut String, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = defuse(cell);
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

/// A text cell a spreadsheet would run as a formula gets a leading `'`; numbers stay numbers.
fn defuse(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v:.4}")
    }
}

/// The citation columns every number-bearing row ends with.
const CITATION: [&str; 8] = [
    "council",
    "committee",
    "date",
    "item_number",
    "item_title",
    "page",
    "meeting_id",
    "paragraph_id",
];

fn citation(e: &EvidenceRef) -> Vec<String> {
    vec![
        opt(&e.council),
        opt(&e.committee),
        opt(&e.date),
        opt(&e.item_number),
        opt(&e.item_title),
        e.page.to_string(),
        e.meeting_id.to_string(),
        e.paragraph_id.to_string(),
    ]
}

fn with_citation(mut head: Vec<&'static str>) -> Vec<&'static str> {
    head.extend(CITATION);
    head
}

impl Tabular for [TrendPoint] {
    fn header(&self) -> Vec<&'static str> {
        vec![
            "theme_id",
            "council",
            "period",
            "hits",
            "meetings",
            "meetings_total",
            "share",
        ]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.iter()
            .map(|p| {
                vec![
                    p.theme_id.clone(),
                    p.council.clone(),
                    p.period.clone(),
                    p.hits.to_string(),
                    p.meetings.to_string(),
                    p.meetings_total.to_string(),
                    num(p.share),
                ]
            })
            .collect()
    }
}

impl Tabular for Heatmap {
    fn header(&self) -> Vec<&'static str> {
        vec![
            "theme_id",
            "theme",
            "group",
            "council",
            "hits",
            "meetings",
            "meetings_total",
            "share",
        ]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.cells
            .iter()
            .map(|c| {
                let theme = self.themes.iter().find(|t| t.id == c.theme_id);
                vec![
                    c.theme_id.clone(),
                    theme.map(|t| t.label.clone()).unwrap_or_default(),
                    theme.map(|t| t.group.clone()).unwrap_or_default(),
                    c.council.clone(),
                    c.hits.to_string(),
                    c.meetings.to_string(),
                    c.meetings_total.to_string(),
                    num(c.share),
                ]
            })
            .collect()
    }
}

fn timeline_row(m: &TimelineMeeting) -> Vec<String> {
    vec![
        m.meeting_id.to_string(),
        opt(&m.council),
        opt(&m.committee),
        opt(&m.date),
        m.kind.as_str().to_string(),
        opt(&m.title),
        m.item_titles.join(" | "),
        m.resolutions.len().to_string(),
        m.top_themes
            .iter()
            .map(|t| format!("{} ({:.1}%)", t.label, t.share * 100.0))
            .collect::<Vec<_>>()
            .join(" | "),
        m.text_chars.to_string(),
    ]
}

impl Tabular for Timeline {
    fn header(&self) -> Vec<&'static str> {
        vec![
            "meeting_id",
            "council",
            "committee",
            "date",
            "kind",
            "title",
            "items",
            "resolutions",
            "top_themes",
            "text_chars",
        ]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.lanes
            .iter()
            .flat_map(|l| l.meetings.iter())
            .chain(self.undated.iter())
            .map(timeline_row)
            .collect()
    }
}

impl Tabular for [Action] {
    fn header(&self) -> Vec<&'static str> {
        with_citation(vec![
            "resolution_id",
            "kind",
            "status",
            "due",
            "text",
            "followed_up_meeting_id",
            "followed_up_date",
        ])
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.iter()
            .map(|a| {
                let mut row = vec![
                    a.resolution_id.to_string(),
                    format!("{:?}", a.kind).to_lowercase(),
                    match a.status {
                        crate::model::ActionStatus::FollowedUp => "followed_up",
                        crate::model::ActionStatus::Open => "open",
                        crate::model::ActionStatus::Overdue => "overdue",
                    }
                    .to_string(),
                    opt(&a.due),
                    a.text.clone(),
                    a.followed_up_by
                        .as_ref()
                        .map(|e| e.meeting_id.to_string())
                        .unwrap_or_default(),
                    a.followed_up_by
                        .as_ref()
                        .and_then(|e| e.date)
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                ];
                row.extend(citation(&a.evidence));
                row
            })
            .collect()
    }
}

impl Tabular for [KwicLine] {
    fn header(&self) -> Vec<&'static str> {
        with_citation(vec!["left", "keyword", "right"])
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.iter()
            .map(|k| {
                let mut row = vec![k.left.clone(), k.keyword.clone(), k.right.clone()];
                row.extend(citation(&k.evidence));
                row
            })
            .collect()
    }
}

impl Tabular for [MetricFigure] {
    fn header(&self) -> Vec<&'static str> {
        with_citation(vec![
            "metric",
            "value",
            "value_max",
            "unit",
            "text",
            "what",
            "sentence",
        ])
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.iter()
            .map(|f| {
                let mut row = vec![
                    metric_name(f.metric).to_string(),
                    num(f.value),
                    f.value_max.map(num).unwrap_or_default(),
                    format!("{:?}", f.unit).to_lowercase(),
                    f.text.clone(),
                    opt(&f.what),
                    f.evidence.text.clone(),
                ];
                row.extend(citation(&f.evidence));
                row
            })
            .collect()
    }
}

impl Tabular for [EmergentTheme] {
    fn header(&self) -> Vec<&'static str> {
        with_citation(vec!["phrase", "score", "meetings", "councils", "passage"])
    }
    fn rows(&self) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        for t in self {
            for e in &t.evidence {
                let mut row = vec![
                    t.phrase.clone(),
                    num(t.score),
                    t.meetings.to_string(),
                    t.councils.join(" | "),
                    e.text.clone(),
                ];
                row.extend(citation(e));
                rows.push(row);
            }
        }
        rows
    }
}

/// A comparison in long form: one row per number, each with its citation where the number
/// rests on a passage.
impl Tabular for Comparison {
    fn header(&self) -> Vec<&'static str> {
        with_citation(vec!["section", "subject", "measure", "value", "passage"])
    }
    fn rows(&self) -> Vec<Vec<String>> {
        let blank = || vec![String::new(); CITATION.len()];
        let mut rows = Vec::new();
        for p in &self.councils {
            let mut cells = vec![
                ("meetings", p.meetings.to_string()),
                ("first_date", opt(&p.first_date)),
                ("last_date", opt(&p.last_date)),
                (
                    "median_gap_days",
                    p.median_gap_days.map(num).unwrap_or_default(),
                ),
                ("mean_present", p.mean_present.map(num).unwrap_or_default()),
                (
                    "mean_apologies",
                    p.mean_apologies.map(num).unwrap_or_default(),
                ),
            ];
            for t in &p.themes {
                cells.push(("theme_share", format!("{}={}", t.theme_id, num(t.share))));
            }
            for (measure, value) in cells {
                let mut row = vec![
                    "profile".to_string(),
                    p.council.clone(),
                    measure.to_string(),
                    value,
                    String::new(),
                ];
                row.extend(blank());
                rows.push(row);
            }
        }
        for d in &self.distinctive {
            let mut row = vec![
                "distinctive".to_string(),
                d.council.clone(),
                d.theme_id.clone(),
                num(d.z_score),
                d.evidence
                    .first()
                    .map(|e| e.text.clone())
                    .unwrap_or_default(),
            ];
            row.extend(d.evidence.first().map_or_else(blank, citation));
            rows.push(row);
        }
        for s in &self.shared {
            for (i, share) in s.shares.iter().enumerate() {
                let council = self
                    .councils
                    .get(i)
                    .map(|c| c.council.clone())
                    .unwrap_or_default();
                let e = s
                    .evidence
                    .iter()
                    .find(|e| e.council.as_deref() == Some(council.as_str()));
                let mut row = vec![
                    "shared".to_string(),
                    council,
                    s.theme_id.clone(),
                    num(*share),
                    e.map(|e| e.text.clone()).unwrap_or_default(),
                ];
                row.extend(e.map_or_else(blank, citation));
                rows.push(row);
            }
        }
        for m in &self.metrics {
            for cell in &m.values {
                for f in cell {
                    let mut row = vec![
                        "metric".to_string(),
                        f.evidence.council.clone().unwrap_or_default(),
                        metric_name(m.metric).to_string(),
                        num(f.value),
                        f.evidence.text.clone(),
                    ];
                    row.extend(citation(&f.evidence));
                    rows.push(row);
                }
            }
        }
        rows
    }
}

/// A metric's name for people.
pub fn metric_name(m: Metric) -> &'static str {
    match m {
        Metric::CaseloadPerSocialWorker => "Caseload per social worker",
        Metric::PlacementCostInHouse => "Placement cost (in-house)",
        Metric::PlacementCostAgency => "Placement cost (agency)",
        Metric::PlacementCost => "Placement cost",
        Metric::LookedAfterChildren => "Looked-after children",
        Metric::FosterCarers => "Foster carers / households",
        Metric::AgencyStaffShare => "Agency staff share",
        Metric::Budget => "Budget",
        Metric::Percentage => "Percentage",
        Metric::Money => "Money",
        Metric::Count => "Count",
    }
}

// ---------------------------------------------------------------------------------------------
// HTML report
// ---------------------------------------------------------------------------------------------

/// Escape text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters (highlight markers, form feeds) have no place in a report.
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// How a citation reads: "Sandwell, Children's Services Scrutiny Board, 2017-04-24, item 11/17
/// Fostering Services, p. 2".
pub fn citation_text(e: &EvidenceRef) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.push(
        e.council
            .clone()
            .unwrap_or_else(|| "Unknown council".to_string()),
    );
    if let Some(c) = &e.committee {
        parts.push(c.clone());
    }
    parts.push(
        e.date
            .map_or_else(|| "undated".to_string(), |d| d.to_string()),
    );
    match (&e.item_number, &e.item_title) {
        (Some(n), Some(t)) => parts.push(format!("item {n} {t}")),
        (Some(n), None) => parts.push(format!("item {n}")),
        (None, Some(t)) => parts.push(format!("item \u{201C}{t}\u{201D}")),
        (None, None) => {}
    }
    parts.push(format!("p. {}", e.page));
    parts.join(", ")
}

fn cite_html(e: &EvidenceRef) -> String {
    format!(
        "<cite>{} <span class=\"ids\">[meeting {}, paragraph {}]</span></cite>",
        escape_html(&citation_text(e)),
        e.meeting_id,
        e.paragraph_id
    )
}

/// Who and when a report is for, and the meetings it counted.
#[derive(Debug, Clone)]
pub struct ReportInfo<'a> {
    pub title: &'a str,
    /// The day the report was made (passed in; analysis never reads the clock).
    pub generated: NaiveDate,
    /// The meetings the comparison counted, listed as the sources of its counts and cadence.
    pub meetings: &'a [MeetingRow],
}

const STYLE: &str = "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d2330;max-width:60rem;margin:2rem auto;padding:0 1rem}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #d5d9e0;padding-bottom:.2rem}\
table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{border:1px solid #d5d9e0;padding:.3rem .5rem;text-align:left;vertical-align:top}\
th{background:#f2f4f7}td.n{text-align:right;font-variant-numeric:tabular-nums}\
cite{display:block;font-style:normal;font-size:.8rem;color:#55607a}.ids{color:#8a93a8}\
blockquote{margin:.3rem 0 .6rem;padding:.2rem .7rem;border-left:3px solid #c3cad6;color:#333;font-size:.9rem}\
.meta{color:#55607a;font-size:.9rem}svg{max-width:100%;height:auto}.z{font-weight:600}";

const PALETTE: [&str; 6] = [
    "#2f6db3", "#d9822b", "#3a9a5b", "#a34aa8", "#c23b3b", "#6b7280",
];

/// A comparison as one self-contained HTML file.
pub fn comparison_html(cmp: &Comparison, info: &ReportInfo<'_>) -> String {
    let mut h = String::new();
    let names: Vec<&str> = cmp.councils.iter().map(|c| c.council.as_str()).collect();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"meta\">Compared: {}. Made by Scrutineer on {}. Every figure is followed by the meeting, item and page it comes from.</p>\n",
        escape_html(info.title),
        escape_html(info.title),
        escape_html(&names.join(", ")),
        info.generated
    );

    // Profiles.
    h.push_str("<h2>The councils</h2>\n<table>\n<tr><th>Council</th><th>Meetings</th><th>From</th><th>To</th><th>Median gap (days)</th><th>Mean present</th><th>Mean apologies</th><th>Committees</th></tr>\n");
    for p in &cmp.councils {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            escape_html(&p.council),
            p.meetings,
            p.first_date.map(|d| d.to_string()).unwrap_or_else(|| "–".into()),
            p.last_date.map(|d| d.to_string()).unwrap_or_else(|| "–".into()),
            p.median_gap_days.map(|v| format!("{v:.0}")).unwrap_or_else(|| "–".into()),
            p.mean_present.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".into()),
            p.mean_apologies.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".into()),
            escape_html(&p.committees.join("; "))
        );
    }
    h.push_str("</table>\n<p class=\"meta\">Meetings, dates, gaps and attendance are counted over the meetings listed under Sources at the end.</p>\n");

    // Shared themes, with a grouped bar chart of shares.
    if !cmp.shared.is_empty() {
        h.push_str("<h2>Themes every council discusses</h2>\n<p class=\"meta\">Share: the part of each council's non-standing minutes (by characters of matching paragraphs) given to the theme, so councils with more or longer minutes are not made to look more interested.</p>\n");
        h.push_str(&shares_svg(&cmp.shared, &names));
        h.push_str("<table>\n<tr><th>Theme</th>");
        for n in &names {
            let _ = write!(h, "<th>{}</th>", escape_html(n));
        }
        h.push_str("</tr>\n");
        for s in &cmp.shared {
            let _ = write!(h, "<tr><td>{}</td>", escape_html(&s.label));
            for (i, share) in s.shares.iter().enumerate() {
                let e = names
                    .get(i)
                    .and_then(|n| s.evidence.iter().find(|e| e.council.as_deref() == Some(*n)));
                let _ = write!(
                    h,
                    "<td class=\"n\">{:.1}%{}</td>",
                    share * 100.0,
                    e.map(cite_html).unwrap_or_default()
                );
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</table>\n");
    }

    // Distinctive themes.
    h.push_str("<h2>What sets each council apart</h2>\n<p class=\"meta\">Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &amp; Quinn 2008), each council against the others, as a z-score: above 1.645 a council discusses the theme more than the others at the one-sided 95% level.</p>\n");
    if cmp.distinctive.is_empty() {
        h.push_str("<p>No theme stands out for any council.</p>\n");
    }
    for d in &cmp.distinctive {
        let _ = writeln!(
            h,
            "<h3>{} — {} <span class=\"z\">z = {:.2}</span></h3>",
            escape_html(&d.council),
            escape_html(&d.label),
            d.z_score
        );
        for e in &d.evidence {
            let _ = writeln!(
                h,
                "<blockquote>{}{}</blockquote>",
                escape_html(&excerpt(&e.text)),
                cite_html(e)
            );
        }
    }

    // Metrics.
    if !cmp.metrics.is_empty() {
        h.push_str("<h2>Key figures side by side</h2>\n<table>\n<tr><th>Metric</th>");
        for n in &names {
            let _ = write!(h, "<th>{}</th>", escape_html(n));
        }
        h.push_str("</tr>\n");
        for row in &cmp.metrics {
            let _ = write!(h, "<tr><td>{}</td>", escape_html(metric_name(row.metric)));
            for cell in &row.values {
                h.push_str("<td>");
                if cell.is_empty() {
                    h.push('–');
                }
                for f in cell {
                    let _ = write!(
                        h,
                        "<div><b>{}</b>{}{}</div>",
                        escape_html(&f.text),
                        f.what
                            .as_ref()
                            .map(|w| format!(" {}", escape_html(w)))
                            .unwrap_or_default(),
                        cite_html(&f.evidence)
                    );
                }
                h.push_str("</td>");
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</table>\n");
    }
    sources_html(&mut h, cmp, info.meetings);
    h.push_str("</body>\n</html>\n");
    h
}

/// The meetings behind the profile numbers, per council in date order.
fn sources_html(h: &mut String, cmp: &Comparison, meetings: &[MeetingRow]) {
    h.push_str("<h2>Sources</h2>\n");
    for p in &cmp.councils {
        let key = crate::normalize::fold(&p.council);
        let mut ms: Vec<&MeetingRow> = meetings
            .iter()
            .filter(|m| {
                m.council
                    .as_deref()
                    .is_some_and(|c| crate::normalize::fold(c) == key)
            })
            .collect();
        ms.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        let _ = writeln!(h, "<h3>{}</h3>\n<ul>", escape_html(&p.council));
        if ms.is_empty() {
            h.push_str("<li>No meetings.</li>\n");
        }
        for m in ms {
            let _ = writeln!(
                h,
                "<li>{}, {}{} <span class=\"ids\">[meeting {}]</span></li>",
                escape_html(m.committee.as_deref().unwrap_or("Unknown committee")),
                m.date
                    .map_or_else(|| "undated".to_string(), |d| d.to_string()),
                m.title
                    .as_ref()
                    .map(|t| format!(", {}", escape_html(t)))
                    .unwrap_or_default(),
                m.id
            );
        }
        h.push_str("</ul>\n");
    }
}

/// A passage shortened for a quotation: at most 400 characters, cut at a word.
fn excerpt(text: &str) -> String {
    const MAX: usize = 400;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{cut} …")
}

/// Grouped horizontal bars: one group per shared theme, one bar per council.
fn shares_svg(shared: &[crate::model::SharedTheme], names: &[&str]) -> String {
    let rows: Vec<_> = shared.iter().take(12).collect();
    let max = rows
        .iter()
        .flat_map(|s| s.shares.iter().copied())
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    let bar = 12.0;
    let group = bar * names.len() as f64 + 10.0;
    let label_w = 230.0;
    let chart_w = 420.0;
    let legend = 22.0;
    let height = legend + group * rows.len() as f64 + 10.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg viewBox=\"0 0 {} {height}\" width=\"{}\" height=\"{height}\" role=\"img\" aria-label=\"Theme shares by council\">",
        label_w + chart_w + 60.0,
        label_w + chart_w + 60.0
    );
    for (i, n) in names.iter().enumerate() {
        let x = 10.0 + i as f64 * 150.0;
        let _ = write!(
            s,
            "<rect x=\"{x}\" y=\"4\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"13\" font-size=\"11\">{}</text>",
            PALETTE[i % PALETTE.len()],
            x + 14.0,
            escape_html(n)
        );
    }
    for (r, theme) in rows.iter().enumerate() {
        let y0 = legend + r as f64 * group;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            label_w - 6.0,
            y0 + group / 2.0,
            escape_html(&theme.label)
        );
        for (i, share) in theme.shares.iter().enumerate() {
            let w = (share / max * chart_w).max(0.5);
            let y = y0 + i as f64 * bar;
            let _ = write!(
                s,
                "<rect x=\"{label_w}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"10\">{:.1}%</text>",
                bar - 2.0,
                PALETTE[i % PALETTE.len()],
                label_w + w + 4.0,
                y + bar - 3.0,
                share * 100.0
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting_and_defuses_formulas() {
        struct T;
        impl Tabular for T {
            fn header(&self) -> Vec<&'static str> {
                vec!["a", "b"]
            }
            fn rows(&self) -> Vec<Vec<String>> {
                vec![
                    vec!["x, \"y\"".into(), "=SUM(A1)".into()],
                    vec!["-3".into(), "line\nbreak".into()],
                ]
            }
        }
        assert_eq!(
            to_csv(&T),
            "a,b\r\n\"x, \"\"y\"\"\",'=SUM(A1)\r\n-3,\"line\nbreak\"\r\n"
        );
    }

    #[test]
    fn html_escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape_html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
