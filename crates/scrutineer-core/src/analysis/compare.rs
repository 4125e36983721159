//! Councils side by side: theme profiles, the themes that set each council apart, the themes
//! they share, meeting cadence, attendance and key figures.
//!
//! **Distinctive themes** use the log-odds ratio with an informative Dirichlet prior (Monroe,
//! Colaresi & Quinn 2008, "Fightin' Words"), each council against all the others pooled. The
//! "vocabulary" is the codebook's themes and the counts are paragraph hits. The prior is the
//! pooled theme distribution scaled to `prior_strength` pseudo-counts (by default one
//! council's worth of hits), which shrinks themes with few hits towards "no difference" so a
//! theme mentioned twice cannot top the list. The
//! log-odds are divided by their standard deviation to give a z-score; only themes above
//! `min_z` are reported: 1.645 by default, the one-sided 95% bound, because the question is
//! one-sided (does this council discuss the theme *more* than the others?). Because the model compares *proportions* of each
//! council's hits, a council with twice the minutes and the same mix scores zero.
//!
//! **Cadence** is the median gap in days between consecutive dated meetings of the same
//! committee, pooled over the council's committees: two committees meeting monthly are a
//! monthly cadence, not a fortnightly one.
//!
//! Input: [`MeetingRow`]s, [`MeetingThemeCount`]s, a few [`ThemeEvidence`] rows per council and
//! theme, and the [`FigureRow`]s of the compared councils.

use std::collections::{BTreeMap, HashMap};

use super::metrics::{is_specific, metric_figure, rank};
use super::rows::{FigureRow, MeetingRow, MeetingThemeCount, ThemeEvidence};
use crate::model::{
    Codebook, Comparison, CouncilProfile, DistinctiveTheme, EvidenceRef, Id, Metric, MetricFigure,
    MetricRow, SharedTheme, ThemeCount,
};
use crate::normalize::fold;

/// Settings of a comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CompareConfig {
    /// Pseudo-counts of the informative prior (α₀ in Monroe et al.). `None`: the mean number
    /// of theme hits per compared council, so the prior weighs as much as one council's
    /// evidence whatever the size of the library.
    pub prior_strength: Option<f64>,
    /// The z-score a theme must exceed to be called distinctive.
    pub min_z: f64,
    /// Distinctive themes kept per council.
    pub max_distinctive: usize,
    /// Citations per distinctive or shared theme.
    pub evidence_per_theme: usize,
    /// Figures per council per metric.
    pub figures_per_metric: usize,
}

impl Default for CompareConfig {
    fn default() -> CompareConfig {
        CompareConfig {
            prior_strength: None,
            min_z: 1.645,
            max_distinctive: 8,
            evidence_per_theme: 3,
            figures_per_metric: 5,
        }
    }
}

/// All rows a comparison is built from.
#[derive(Debug, Clone, Copy)]
pub struct CompareInput<'a> {
    pub meetings: &'a [MeetingRow],
    pub counts: &'a [MeetingThemeCount],
    pub evidence: &'a [ThemeEvidence],
    pub figures: &'a [FigureRow],
    pub codebook: &'a Codebook,
}

/// Compare `councils` (names as stored; matched folded). Councils with no meetings get an
/// empty profile, so the columns always line up with the request.
pub fn compare(councils: &[String], input: CompareInput<'_>, config: CompareConfig) -> Comparison {
    let keys: Vec<String> = councils.iter().map(|c| fold(c)).collect();
    let column = |m: &MeetingRow| -> Option<usize> {
        let c = fold(m.council.as_deref()?);
        keys.iter().position(|k| *k == c)
    };
    let mut col_of: HashMap<Id, usize> = HashMap::new();
    let mut per: Vec<Vec<&MeetingRow>> = vec![Vec::new(); councils.len()];
    for m in input.meetings {
        if let Some(i) = column(m) {
            col_of.insert(m.id, i);
            per[i].push(m);
        }
    }

    // Theme sums per council: paragraph hits and matched characters.
    let mut hits: Vec<HashMap<&str, (u64, u64)>> = vec![HashMap::new(); councils.len()];
    for c in input.counts {
        if let Some(&i) = col_of.get(&c.meeting_id) {
            let e = hits[i].entry(c.theme_id.as_str()).or_default();
            e.0 += u64::from(c.hits);
            e.1 += c.chars;
        }
    }
    let labels: HashMap<&str, &str> = input
        .codebook
        .themes
        .iter()
        .map(|t| (t.id.as_str(), t.label.as_str()))
        .collect();
    let label = |id: &str| {
        labels
            .get(id)
            .map_or_else(|| id.to_string(), |l| l.to_string())
    };
    let text_chars: Vec<u64> = per
        .iter()
        .map(|ms| ms.iter().map(|m| m.text_chars).sum())
        .collect();

    let profiles: Vec<CouncilProfile> = councils
        .iter()
        .enumerate()
        .map(|(i, name)| profile(name, &per[i], &hits[i], text_chars[i], &label))
        .collect();

    let evidence_for = |council: usize, theme: &str, n: usize| -> Vec<EvidenceRef> {
        input
            .evidence
            .iter()
            .filter(|e| e.theme_id == theme)
            .filter(|e| {
                e.evidence
                    .council
                    .as_deref()
                    .is_some_and(|c| fold(c) == keys[council])
            })
            .take(n)
            .map(|e| e.evidence.clone())
            .collect()
    };

    // Distinctive themes: each council against the rest.
    let mut distinctive = Vec::new();
    let themes: Vec<&str> = {
        let mut t: Vec<&str> = hits.iter().flat_map(|h| h.keys().copied()).collect();
        t.sort_unstable();
        t.dedup();
        t
    };
    let total_all: f64 = hits
        .iter()
        .flat_map(|h| h.values())
        .map(|v| v.0 as f64)
        .sum();
    if councils.len() >= 2 && total_all > 0.0 {
        let strength = config
            .prior_strength
            .unwrap_or(total_all / councils.len() as f64)
            .max(1.0);
        for i in 0..councils.len() {
            let n_i: f64 = hits[i].values().map(|v| v.0 as f64).sum();
            let n_j = total_all - n_i;
            if n_i == 0.0 || n_j == 0.0 {
                continue;
            }
            let mut found: Vec<DistinctiveTheme> = themes
                .iter()
                .filter_map(|&t| {
                    let y_i = hits[i].get(t).map_or(0.0, |v| v.0 as f64);
                    let y_all: f64 = hits
                        .iter()
                        .map(|h| h.get(t).map_or(0.0, |v| v.0 as f64))
                        .sum();
                    let z = log_odds_z(y_i, n_i, y_all - y_i, n_j, y_all, total_all, strength);
                    (z > config.min_z && y_i > 0.0).then(|| DistinctiveTheme {
                        council: councils[i].clone(),
                        theme_id: t.to_string(),
                        label: label(t),
                        z_score: z,
                        evidence: evidence_for(i, t, config.evidence_per_theme),
                    })
                })
                .collect();
            found.sort_by(|a, b| {
                b.z_score
                    .total_cmp(&a.z_score)
                    .then(a.theme_id.cmp(&b.theme_id))
            });
            found.truncate(config.max_distinctive);
            distinctive.extend(found);
        }
    }

    // Shared themes: present in every compared council.
    let mut shared: Vec<SharedTheme> = if councils.is_empty() {
        Vec::new()
    } else {
        themes
            .iter()
            .filter(|t| hits.iter().all(|h| h.get(**t).is_some_and(|v| v.0 > 0)))
            .map(|&t| SharedTheme {
                theme_id: t.to_string(),
                label: label(t),
                shares: (0..councils.len())
                    .map(|i| share(hits[i].get(t).map_or(0, |v| v.1), text_chars[i]))
                    .collect(),
                evidence: (0..councils.len())
                    .flat_map(|i| evidence_for(i, t, 1))
                    .collect(),
            })
            .collect()
    };
    shared.sort_by(|a, b| {
        let min = |s: &SharedTheme| s.shares.iter().copied().fold(f64::INFINITY, f64::min);
        min(b).total_cmp(&min(a)).then(a.theme_id.cmp(&b.theme_id))
    });

    // Key figures side by side, specific metrics only.
    let by_id: HashMap<Id, &MeetingRow> = input.meetings.iter().map(|m| (m.id, m)).collect();
    let mut table: BTreeMap<(u8, MetricKey), Vec<Vec<MetricFigure>>> = BTreeMap::new();
    for f in input.figures {
        let Some(&i) = col_of.get(&f.meeting_id) else {
            continue;
        };
        let mf = metric_figure(f, by_id.get(&f.meeting_id).copied());
        if !is_specific(mf.metric) {
            continue;
        }
        let cells = table
            .entry((rank(mf.metric), MetricKey(mf.metric)))
            .or_insert_with(|| vec![Vec::new(); councils.len()]);
        cells[i].push(mf);
    }
    let metrics = table
        .into_iter()
        .map(|((_, MetricKey(metric)), mut values)| {
            for cell in &mut values {
                // Latest first: the most recent figure is the one people quote.
                cell.sort_by_key(|f| std::cmp::Reverse(f.evidence.date));
                cell.truncate(config.figures_per_metric);
            }
            MetricRow { metric, values }
        })
        .collect();

    Comparison {
        councils: profiles,
        distinctive,
        shared,
        metrics,
    }
}

/// A metric as a map key (ordered by rank, so the derive order does not matter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MetricKey(Metric);

impl PartialOrd for MetricKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for MetricKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        rank(self.0).cmp(&rank(other.0))
    }
}

fn share(chars: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        (chars as f64 / total as f64).min(1.0)
    }
}

/// The z-scored log-odds ratio of a theme in group i against group j with an informative
/// Dirichlet prior (Monroe et al. 2008, eq. 16–22): `y_*` the theme's counts, `n_*` the
/// groups' totals, the prior `α_w = strength · y_all / n_all` and `α₀ = strength`.
pub fn log_odds_z(
    y_i: f64,
    n_i: f64,
    y_j: f64,
    n_j: f64,
    y_all: f64,
    n_all: f64,
    strength: f64,
) -> f64 {
    if n_all <= 0.0 || y_all <= 0.0 {
        return 0.0;
    }
    let a_w = strength * y_all / n_all;
    let a_0 = strength;
    let odds = |y: f64, n: f64| ((y + a_w) / (n + a_0 - y - a_w)).ln();
    let delta = odds(y_i, n_i) - odds(y_j, n_j);
    let variance = 1.0 / (y_i + a_w) + 1.0 / (y_j + a_w);
    delta / variance.sqrt()
}

fn profile(
    name: &str,
    meetings: &[&MeetingRow],
    hits: &HashMap<&str, (u64, u64)>,
    text_chars: u64,
    label: &dyn Fn(&str) -> String,
) -> CouncilProfile {
    let dates: Vec<_> = meetings.iter().filter_map(|m| m.date).collect();
    let mut committees: Vec<String> = meetings
        .iter()
        .filter_map(|m| m.committee.clone())
        .collect();
    committees.sort();
    committees.dedup();
    let attendance: Vec<(u32, u32)> = meetings
        .iter()
        .filter_map(|m| Some((m.present?, m.apologies.unwrap_or(0))))
        .collect();
    let mean = |f: &dyn Fn(&(u32, u32)) -> u32| {
        (!attendance.is_empty()).then(|| {
            attendance.iter().map(|a| f64::from(f(a))).sum::<f64>() / attendance.len() as f64
        })
    };
    let mut themes: Vec<ThemeCount> = hits
        .iter()
        .filter(|(_, v)| v.0 > 0)
        .map(|(id, v)| ThemeCount {
            theme_id: id.to_string(),
            label: label(id),
            hits: u32::try_from(v.0).unwrap_or(u32::MAX),
            share: share(v.1, text_chars),
        })
        .collect();
    themes.sort_by(|a, b| {
        b.share
            .total_cmp(&a.share)
            .then(a.theme_id.cmp(&b.theme_id))
    });
    CouncilProfile {
        council: name.to_string(),
        meetings: meetings.len() as u32,
        first_date: dates.iter().min().copied(),
        last_date: dates.iter().max().copied(),
        median_gap_days: median_gap(meetings),
        committees,
        mean_present: mean(&|a| a.0),
        mean_apologies: mean(&|a| a.1),
        themes,
    }
}

/// The median of the gaps between consecutive dated meetings of each committee, pooled.
fn median_gap(meetings: &[&MeetingRow]) -> Option<f64> {
    let mut by_committee: HashMap<Option<String>, Vec<chrono::NaiveDate>> = HashMap::new();
    for m in meetings {
        if let Some(d) = m.date {
            by_committee
                .entry(m.committee.as_deref().map(fold))
                .or_default()
                .push(d);
        }
    }
    let mut gaps: Vec<i64> = Vec::new();
    for dates in by_committee.values_mut() {
        dates.sort_unstable();
        dates.dedup();
        gaps.extend(dates.windows(2).map(|w| (w[1] - w[0]).num_days()));
    }
    if gaps.is_empty() {
        return None;
    }
    gaps.sort_unstable();
    let n = gaps.len();
    Some(if n % 2 == 1 {
        gaps[n / 2] as f64
    } else {
        (gaps[n / 2 - 1] + gaps[n / 2]) as f64 / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_proportions_give_no_log_odds() {
        // Council i has twice the hits everywhere: same mix, z = 0.
        let z = log_odds_z(20.0, 200.0, 10.0, 100.0, 30.0, 300.0, 100.0);
        assert!(
            z.abs() < 1e-9,
            "same proportions are not distinctive (z = {z})"
        );
    }

    #[test]
    fn a_theme_only_one_group_has_is_distinctive_and_a_rare_one_is_shrunk() {
        let strong = log_odds_z(40.0, 200.0, 0.0, 200.0, 40.0, 400.0, 100.0);
        assert!(
            strong > 1.96,
            "40 hits against none stands out (z = {strong})"
        );
        let weak = log_odds_z(2.0, 200.0, 0.0, 200.0, 2.0, 400.0, 100.0);
        assert!(
            weak < strong,
            "two hits are shrunk towards no difference ({weak} < {strong})"
        );
    }
}
