// Themes over time: one line per theme and council, as the share of the council's text in each
// month, quarter or year. Pick the themes and councils to draw; click a point for its passages.

import { useMemo } from 'react';
import type { Codebook, Period } from '../../api/model';
import { allOf } from '../../api/types';
import { useApi } from '../../app/ApiContext';
import { useQueryUpdater, useRoute } from '../../app/router';
import { useTheme } from '../../app/theme';
import { useQuery } from '../../app/useQuery';
import { Chart, chartColours, type ChartOption } from '../../components/Chart';
import { CouncilChips } from '../../components/CouncilChips';
import { Empty, ErrorPanel, Loading } from '../../components/States';
import { formatShare } from '../../lib/format';
import { trendSeries } from './logic';

const PERIODS: Array<{ value: Period; label: string }> = [
  { value: 'month', label: 'Month' },
  { value: 'quarter', label: 'Quarter' },
  { value: 'year', label: 'Year' },
];
const DEFAULT_THEMES = 2;

export function TrendsPanel({ codebook, onOpen }: { codebook: Codebook; onOpen: (themeId: string, council: string, period: string) => void }) {
  const api = useApi();
  const route = useRoute();
  const update = useQueryUpdater();
  const { resolved } = useTheme();
  const period = (['month', 'quarter', 'year'] as Period[]).find((p) => p === route.query.get('period')) ?? 'quarter';
  const chosenThemes = route.query.getAll('t');
  const themes = chosenThemes.length > 0 ? chosenThemes : codebook.themes.slice(0, DEFAULT_THEMES).map((t) => t.id);
  const councils = route.query.getAll('c');
  const query = useQuery(() => api.trends(allOf({ themes, councils }), period), [themes.join(','), councils.join('\u0000'), period]);
  const labels = useMemo(() => new Map(codebook.themes.map((t) => [t.id, t.label])), [codebook]);
  const shaped = useMemo(() => {
    if (!query.data) return null;
    const all = trendSeries(query.data, labels);
    // A theme a council never mentions would draw a flat line along zero: leave it out.
    return { ...all, series: all.series.filter((s) => s.values.some((p) => p !== null && p.hits > 0)) };
  }, [query.data, labels]);

  const option = useMemo<ChartOption | null>(() => {
    if (!shaped || shaped.series.length === 0) return null;
    const colours = chartColours();
    const themeOrder = [...new Set(shaped.series.map((s) => s.themeId))];
    const councilOrder = [...new Set(shaped.series.map((s) => s.council))];
    const dashes: Array<'solid' | 'dashed' | 'dotted'> = ['solid', 'dashed', 'dotted'];
    const symbols = ['circle', 'rect', 'triangle', 'diamond'];
    return {
      animation: false,
      textStyle: { fontFamily: colours.font, color: colours.text },
      // A plain legend wraps onto as many rows as it needs; the plot starts below it.
      grid: { left: 8, right: 24, top: 56 + Math.ceil(shaped.series.length / 3) * 22, bottom: 36, containLabel: true },
      legend: { type: 'plain', top: 4, left: 8, right: 8, textStyle: { color: colours.text } },
      tooltip: {
        trigger: 'axis',
        confine: true,
        backgroundColor: colours.surface,
        borderColor: colours.grid,
        textStyle: { color: colours.text },
        valueFormatter: (value: number | null) => (value === null || value === undefined ? 'no meetings' : formatShare(value)),
      },
      xAxis: {
        type: 'category',
        data: shaped.periods,
        axisLine: { lineStyle: { color: colours.grid } },
        axisLabel: { color: colours.muted, hideOverlap: true },
      },
      yAxis: {
        type: 'value',
        name: 'share of text',
        nameTextStyle: { color: colours.muted, align: 'left' },
        axisLabel: { color: colours.muted, formatter: (v: number) => formatShare(v) },
        splitLine: { lineStyle: { color: colours.grid, type: 'dashed' } },
      },
      series: shaped.series.map((s) => {
        const colour = colours.series[themeOrder.indexOf(s.themeId) % colours.series.length];
        const c = councilOrder.indexOf(s.council);
        return {
          name: s.name,
          type: 'line',
          connectNulls: true,
          symbol: symbols[c % symbols.length],
          symbolSize: 7,
          lineStyle: { width: 2, type: dashes[c % dashes.length], color: colour },
          itemStyle: { color: colour },
          emphasis: { focus: 'series' },
          data: s.values.map((p) => (p ? { value: p.share, point: p } : null)),
        };
      }),
    };
    // The theme is a dependency: chartColours() reads the CSS custom properties it sets.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shaped, resolved]);

  const toggle = (key: 't' | 'c', list: string[], value: string, fallback: string[]) => {
    const current = list.length > 0 ? list : fallback;
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    update({ [key]: next.length > 0 ? next : null });
  };

  return (
    <div className="trends">
      <div className="trend-controls">
        <div className="segmented" role="radiogroup" aria-label="Period">
          {PERIODS.map((p) => (
            <button key={p.value} type="button" role="radio" aria-checked={period === p.value} className={period === p.value ? 'on' : ''} onClick={() => update({ period: p.value })}>
              {p.label}
            </button>
          ))}
        </div>
        <div className="chips" role="group" aria-label="Themes drawn">
          <span className="chips-label">Themes</span>
          {codebook.themes.map((t) => (
            <button key={t.id} type="button" className={themes.includes(t.id) ? 'chip on' : 'chip'} aria-pressed={themes.includes(t.id)} onClick={() => toggle('t', chosenThemes, t.id, themes)}>
              {t.label}
            </button>
          ))}
        </div>
        <CouncilChips chosen={councils} queryKey="c" label="Councils drawn" />
      </div>
      {query.error ? (
        <ErrorPanel error={query.error} onRetry={query.reload} />
      ) : !shaped ? (
        <Loading label="Counting themes over time…" />
      ) : !option ? (
        <Empty title="Nothing to draw" icon="timeline">
          None of these themes appears in dated meetings of these councils.
        </Empty>
      ) : (
        <div className="card chart-card">
          <Chart
            option={option}
            height={340 + Math.ceil(shaped.series.length / 3) * 22}
            label={`Trend of ${themes.length} themes by ${period}`}
            onClick={(e) => {
              const point = (e.data as { point?: { themeId: string; council: string; period: string } } | undefined)?.point;
              if (point) onOpen(point.themeId, point.council, point.period);
            }}
          />
          <p className="muted chart-note">Line style tells councils apart; colour tells themes apart. Gaps are periods without meetings.</p>
        </div>
      )}
    </div>
  );
}
