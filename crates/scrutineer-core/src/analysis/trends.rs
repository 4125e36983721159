//! Themes over time and across councils: trends (theme × council × period) and the heatmap
//! (theme × council).
//!
//! Raw hit counts mislead: a council that publishes twice as many minutes, or longer ones,
//! finds every theme twice as often without caring about it any more. Every cell therefore
//! carries its denominator (`meetings_total`) and a **share**: the characters of the
//! paragraphs matching the theme over the characters of all the council's non-standing
//! paragraphs in the period. Share is what the UI colours and charts by.
//!
//! Input: period cells ([`PeriodTotal`], [`PeriodThemeSum`]) — the library's council × month
//! aggregates summed to the period — or [`MeetingRow`]s (with `text_chars`, the non-standing
//! denominator) and per-meeting [`MeetingThemeCount`]s, which [`period_rows`] sums into the
//! same cells, so both paths compute alike. Undated meetings are left out of trends (they
//! cannot be placed in a period) but count in the heatmap unless the scope has a date bound.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};

use super::rows::{
    period_rows, theme_in_scope, MeetingRow, MeetingThemeCount, PeriodThemeSum, PeriodTotal,
};
use crate::model::{AnalysisScope, Codebook, HeatCell, Heatmap, Period, ThemeRef, TrendPoint};

/// The label of the period a date falls in: `2017`, `2017-Q2` or `2017-04`.
pub fn period_key(date: NaiveDate, period: Period) -> String {
    match period {
        Period::Year => format!("{}", date.year()),
        Period::Quarter => format!("{}-Q{}", date.year(), (date.month() - 1) / 3 + 1),
        Period::Month => format!("{}-{:02}", date.year(), date.month()),
    }
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
    let (totals, sums) = period_rows(meetings, counts, Some(period), scope);
    trends_from(&totals, &sums)
}

/// [`trends`] from period cells (the store's pre-aggregated sums, already limited to the
/// scope): one point per theme with a hit and per council × period total.
pub fn trends_from(totals: &[PeriodTotal], sums: &[PeriodThemeSum]) -> Vec<TrendPoint> {
    let mut cells: Vec<&PeriodTotal> = totals.iter().collect();
    cells.sort_by(|a, b| a.council.cmp(&b.council).then(a.period.cmp(&b.period)));
    let mut by_key: HashMap<(&str, &str, &str), &PeriodThemeSum> = HashMap::new();
    let mut themes: BTreeSet<&str> = BTreeSet::new();
    for s in sums.iter().filter(|s| s.hits > 0) {
        themes.insert(&s.theme_id);
        by_key.insert((&s.theme_id, &s.council, &s.period), s);
    }
    let mut out = Vec::with_capacity(themes.len() * cells.len());
    for theme in themes {
        for t in &cells {
            let s = by_key.get(&(theme, t.council.as_str(), t.period.as_str()));
            out.push(TrendPoint {
                theme_id: theme.to_string(),
                council: t.council.clone(),
                period: t.period.clone(),
                hits: s.map_or(0, |s| s.hits),
                meetings: s.map_or(0, |s| s.meetings),
                meetings_total: t.meetings,
                share: share(s.map_or(0, |s| s.chars), t.chars),
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
    let (totals, sums) = period_rows(meetings, counts, None, scope);
    heatmap_from(&totals, &sums, codebook, scope)
}

/// [`heatmap`] from period cells (any periods: they are summed per council).
pub fn heatmap_from(
    totals: &[PeriodTotal],
    sums: &[PeriodThemeSum],
    codebook: &Codebook,
    scope: &AnalysisScope,
) -> Heatmap {
    let mut council_totals: BTreeMap<&str, (u32, u64)> = BTreeMap::new();
    for t in totals {
        let e = council_totals.entry(&t.council).or_default();
        e.0 += t.meetings;
        e.1 += t.chars;
    }
    let mut cell_sums: HashMap<(&str, &str), (u32, u32, u64)> = HashMap::new();
    for s in sums.iter().filter(|s| s.hits > 0) {
        let e = cell_sums
            .entry((s.theme_id.as_str(), s.council.as_str()))
            .or_default();
        e.0 += s.hits;
        e.1 += s.meetings;
        e.2 += s.chars;
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
    let mut cells = Vec::with_capacity(themes.len() * council_totals.len());
    for theme in &themes {
        for (council, (meetings_total, chars_total)) in &council_totals {
            let (hits, meetings, chars) = cell_sums
                .get(&(theme.id.as_str(), *council))
                .copied()
                .unwrap_or_default();
            cells.push(HeatCell {
                theme_id: theme.id.clone(),
                council: council.to_string(),
                hits,
                meetings,
                meetings_total: *meetings_total,
                share: share(chars, *chars_total),
            });
        }
    }
    Heatmap {
        themes,
        councils: council_totals.keys().map(|c| c.to_string()).collect(),
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
