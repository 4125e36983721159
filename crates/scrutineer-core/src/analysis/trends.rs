//! Themes over time and across councils: trends (theme × council × period) and the heatmap
//! (theme × council).
//!
//! Raw hit counts mislead: a council that publishes twice as many minutes, or longer ones,
//! finds every theme twice as often without caring about it any more. Every cell therefore
//! carries its denominator (`meetings_total`) and a **share**: the characters of the
//! paragraphs matching the theme over the characters of all the council's non-standing
//! paragraphs in the period. Share is what the UI colours and charts by.
//!
//! Input: [`MeetingRow`]s (with `text_chars`, the non-standing denominator) and the
//! pre-aggregated [`MeetingThemeCount`] rows. Undated meetings are left out of trends (they
//! cannot be placed in a period) but count in the heatmap unless the scope has a date bound.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};

use super::rows::{in_scope, theme_in_scope, MeetingRow, MeetingThemeCount};
use crate::model::{AnalysisScope, Codebook, HeatCell, Heatmap, Period, ThemeRef, TrendPoint};

/// The label of the period a date falls in: `2017`, `2017-Q2` or `2017-04`.
pub fn period_key(date: NaiveDate, period: Period) -> String {
    match period {
        Period::Year => format!("{}", date.year()),
        Period::Quarter => format!("{}-Q{}", date.year(), (date.month() - 1) / 3 + 1),
        Period::Month => format!("{}-{:02}", date.year(), date.month()),
    }
}

/// Totals of one council in one period (or overall).
#[derive(Default, Clone, Copy)]
struct Totals {
    meetings: u32,
    chars: u64,
}

/// One theme's sums in one cell.
#[derive(Default, Clone, Copy)]
struct Sums {
    hits: u32,
    meetings: u32,
    chars: u64,
}

fn share(chars: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        (chars as f64 / total as f64).min(1.0)
    }
}

/// Trend points for every theme in scope that appears at least once, every council and every
/// period in which that council has a dated meeting in scope — zeros included, so a line
/// falls to zero where a council stopped discussing a theme. Sorted by theme, council, period.
pub fn trends(
    meetings: &[MeetingRow],
    counts: &[MeetingThemeCount],
    period: Period,
    scope: &AnalysisScope,
) -> Vec<TrendPoint> {
    // Each dated meeting in scope, keyed to its (council, period).
    let mut cell_of: HashMap<i64, (String, String)> = HashMap::new();
    let mut totals: BTreeMap<(String, String), Totals> = BTreeMap::new();
    for m in meetings.iter().filter(|m| in_scope(scope, m)) {
        let Some(date) = m.date else {
            continue;
        };
        let key = (m.council_name().to_string(), period_key(date, period));
        let t = totals.entry(key.clone()).or_default();
        t.meetings += 1;
        t.chars += m.text_chars;
        cell_of.insert(m.id, key);
    }
    let mut sums: HashMap<(&str, &(String, String)), Sums> = HashMap::new();
    let mut themes: BTreeSet<&str> = BTreeSet::new();
    for c in counts
        .iter()
        .filter(|c| c.hits > 0 && theme_in_scope(scope, &c.theme_id))
    {
        let Some(key) = cell_of.get(&c.meeting_id) else {
            continue;
        };
        themes.insert(&c.theme_id);
        let s = sums.entry((c.theme_id.as_str(), key)).or_default();
        s.hits += c.hits;
        s.meetings += 1;
        s.chars += c.chars;
    }
    let mut out = Vec::with_capacity(themes.len() * totals.len());
    for theme in themes {
        for (key, t) in &totals {
            let s = sums.get(&(theme, key)).copied().unwrap_or_default();
            out.push(TrendPoint {
                theme_id: theme.to_string(),
                council: key.0.clone(),
                period: key.1.clone(),
                hits: s.hits,
                meetings: s.meetings,
                meetings_total: t.meetings,
                share: share(s.chars, t.chars),
            });
        }
    }
    out
}

/// Themes × councils over the whole scope. Rows are the codebook's themes in scope (codebook
/// order), columns the councils with meetings in scope (alphabetical); every cell is present.
pub fn heatmap(
    meetings: &[MeetingRow],
    counts: &[MeetingThemeCount],
    codebook: &Codebook,
    scope: &AnalysisScope,
) -> Heatmap {
    let mut council_of: HashMap<i64, &str> = HashMap::new();
    let mut totals: BTreeMap<&str, Totals> = BTreeMap::new();
    for m in meetings.iter().filter(|m| in_scope(scope, m)) {
        let t = totals.entry(m.council_name()).or_default();
        t.meetings += 1;
        t.chars += m.text_chars;
        council_of.insert(m.id, m.council_name());
    }
    let mut sums: HashMap<(&str, &str), Sums> = HashMap::new();
    for c in counts.iter().filter(|c| c.hits > 0) {
        if let Some(council) = council_of.get(&c.meeting_id) {
            let s = sums.entry((c.theme_id.as_str(), council)).or_default();
            s.hits += c.hits;
            s.meetings += 1;
            s.chars += c.chars;
        }
    }
    let themes: Vec<ThemeRef> = codebook
        .themes
        .iter()
        .filter(|t| theme_in_scope(scope, &t.id))
        .map(|t| ThemeRef {
            id: t.id.clone(),
            label: t.label.clone(),
            group: t.group.clone(),
        })
        .collect();
    let mut cells = Vec::with_capacity(themes.len() * totals.len());
    for theme in &themes {
        for (council, t) in &totals {
            let s = sums
                .get(&(theme.id.as_str(), *council))
                .copied()
                .unwrap_or_default();
            cells.push(HeatCell {
                theme_id: theme.id.clone(),
                council: council.to_string(),
                hits: s.hits,
                meetings: s.meetings,
                meetings_total: t.meetings,
                share: share(s.chars, t.chars),
            });
        }
    }
    Heatmap {
        themes,
        councils: totals.keys().map(|c| c.to_string()).collect(),
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_labelled_as_documented() {
        let d = NaiveDate::from_ymd_opt(2017, 4, 24).expect("valid date");
        assert_eq!(period_key(d, Period::Year), "2017");
        assert_eq!(period_key(d, Period::Quarter), "2017-Q2");
        assert_eq!(period_key(d, Period::Month), "2017-04");
        let d = NaiveDate::from_ymd_opt(2019, 12, 31).expect("valid date");
        assert_eq!(period_key(d, Period::Quarter), "2019-Q4");
    }
}
