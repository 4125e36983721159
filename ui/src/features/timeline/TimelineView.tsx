// Meetings over time: councils and committees as swimlanes, meetings as marks sized by how much
// they say, a tooltip with the title and top themes, click to open. Zoom and pan over years with
// the slider or the mouse wheel. Undated meetings are listed below with the window their text
// implies, never placed at a guessed date.

import { useMemo } from 'react';
import type { TimelineMeeting } from '../../api/model';
import { allOf } from '../../api/types';
import { useApi } from '../../app/ApiContext';
import { href, navigate, useRoute } from '../../app/router';
import { useTheme } from '../../app/theme';
import { useQuery } from '../../app/useQuery';
import { Chart, chartColours, type ChartOption } from '../../components/Chart';
import { CouncilChips } from '../../components/CouncilChips';
import { Empty, ErrorPanel, Loading } from '../../components/States';
import { formatDate, formatFigure, formatShare, formatUndated, metricLabel, plural } from '../../lib/format';
import { shapeTimeline, shortLabel, type Mark } from './logic';

/** Builds the tooltip as DOM nodes with textContent, so document text can never become markup. */
function tooltip(meeting: TimelineMeeting): HTMLElement {
  const root = document.createElement('div');
  root.className = 'chart-tip';
  const add = (tag: string, text: string, className?: string) => {
    const el = document.createElement(tag);
    el.textContent = text;
    if (className) el.className = className;
    root.appendChild(el);
    return el;
  };
  add('div', [meeting.council, meeting.committee].filter(Boolean).join(' — '), 'tip-title');
  add('div', `${formatDate(meeting.date)}${meeting.kind !== 'minutes' ? ` · ${meeting.kind}` : ''}`, 'tip-sub');
  if (meeting.title) add('div', meeting.title, 'tip-line');
  if (meeting.topThemes.length > 0) {
    add('div', 'Top themes', 'tip-head');
    for (const t of meeting.topThemes) add('div', `${t.label} · ${formatShare(t.share)}`, 'tip-line');
  }
  if (meeting.keyFigures.length > 0) {
    add('div', 'Figures', 'tip-head');
    for (const f of meeting.keyFigures) add('div', `${formatFigure(f.value, f.valueMax, f.unit)} · ${f.what ?? metricLabel(f.metric).toLowerCase()}`, 'tip-line');
  }
  if (meeting.itemTitles.length > 0) {
    add('div', 'Items', 'tip-head');
    for (const t of meeting.itemTitles.slice(0, 4)) add('div', t, 'tip-line');
    if (meeting.itemTitles.length > 4) add('div', `and ${meeting.itemTitles.length - 4} more`, 'tip-line muted');
  }
  add('div', 'Click to open', 'tip-foot');
  return root;
}

export function TimelineView() {
  const api = useApi();
  const route = useRoute();
  const { resolved } = useTheme();
  const councils = route.query.getAll('council');
  const scopeKey = councils.join('\u0000');
  const query = useQuery(() => api.timeline(allOf({ councils })), [scopeKey]);
  const shape = useMemo(() => (query.data ? shapeTimeline(query.data) : null), [query.data]);

  const option = useMemo<ChartOption | null>(() => {
    if (!shape || shape.marks.length === 0) return null;
    const colours = chartColours();
    const councilIndex = new Map(shape.councils.map((c, i) => [c, i]));
    return {
      animation: false,
      aria: { enabled: true, label: { description: `Timeline of ${shape.marks.length} meetings across ${shape.lanes.length} committees.` } },
      textStyle: { fontFamily: colours.font, color: colours.text },
      grid: { left: 16, right: 28, top: 44, bottom: 64, containLabel: true },
      legend: {
        top: 4,
        left: 'center',
        textStyle: { color: colours.text },
        itemWidth: 10,
        itemHeight: 10,
        icon: 'circle',
      },
      tooltip: {
        trigger: 'item',
        confine: true,
        backgroundColor: colours.surface,
        borderColor: colours.grid,
        textStyle: { color: colours.text },
        extraCssText: 'box-shadow: 0 6px 24px rgba(0,0,0,.18); border-radius: 8px; max-width: 340px; white-space: normal;',
        formatter: (params: { data?: { meeting?: TimelineMeeting } }) => {
          const meeting = params.data?.meeting;
          return meeting ? tooltip(meeting) : '';
        },
      },
      xAxis: {
        type: 'time',
        min: shape.range?.min,
        max: shape.range?.max,
        axisLine: { lineStyle: { color: colours.grid } },
        axisLabel: { color: colours.muted, hideOverlap: true },
        splitLine: { show: true, lineStyle: { color: colours.grid, type: 'dashed' } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: shape.lanes.map((l) => ({ value: l.label })),
        axisLine: { lineStyle: { color: colours.grid } },
        axisTick: { show: false },
        axisLabel: {
          color: colours.text,
          lineHeight: 16,
          formatter: (value: string) => value.split('\n').map((line) => shortLabel(line, 40)).join('\n'),
        },
        splitLine: { show: true, lineStyle: { color: colours.grid } },
        splitArea: { show: true, areaStyle: { color: ['transparent', resolved === 'dark' ? 'rgba(255,255,255,0.02)' : 'rgba(0,0,0,0.018)'] } },
      },
      dataZoom: [
        {
          type: 'slider',
          xAxisIndex: 0,
          bottom: 12,
          height: 22,
          borderColor: colours.grid,
          showDataShadow: false,
          fillerColor: 'rgba(100, 130, 180, 0.18)',
          textStyle: { color: colours.muted },
          labelFormatter: (value: number) => formatDate(new Date(value).toISOString().slice(0, 10)),
        },
        { type: 'inside', xAxisIndex: 0 },
      ],
      series: shape.councils.map((council) => ({
        name: council,
        type: 'scatter',
        cursor: 'pointer',
        itemStyle: {
          color: colours.series[(councilIndex.get(council) ?? 0) % colours.series.length],
          opacity: 0.85,
          borderColor: colours.surface,
          borderWidth: 1.5,
        },
        emphasis: { scale: 1.15, itemStyle: { opacity: 1 } },
        symbolSize: (value: [number, number, number]) => value[2],
        data: shape.marks
          .filter((m) => m.meeting.council === council)
          .map((m: Mark) => ({ value: [m.time, m.lane, m.size], meeting: m.meeting, name: m.meeting.meetingId })),
      })),
    };
    // The theme is a dependency: colours are read from CSS custom properties at build time.
  }, [shape, resolved]);

  const laneCount = shape?.lanes.length ?? 0;

  return (
    <div className="view timeline-view">
      <header className="view-head">
        <div>
          <h1>Timeline</h1>
          <p className="view-sub">
            {shape ? `${plural(shape.marks.length, 'dated meeting')} in ${plural(shape.lanes.length, 'committee')}` : ' '}
            {shape && shape.undated.length > 0 ? ` · ${shape.undated.length} not placed` : ''} · mark size shows how much a meeting says
          </p>
        </div>
      </header>
      <CouncilChips chosen={councils} queryKey="council" label="Councils shown" />

      {query.error ? (
        <ErrorPanel error={query.error} onRetry={query.reload} />
      ) : !shape ? (
        <Loading label="Laying out the timeline…" />
      ) : shape.marks.length === 0 && shape.undated.length === 0 ? (
        <Empty title="No meetings to show" icon="timeline">
          Import minutes, or show more councils.
        </Empty>
      ) : (
        <>
          {option && (
            <div className="card chart-card">
              <Chart
                option={option}
                height={Math.max(280, laneCount * 62 + 130)}
                label={`Timeline of ${shape.marks.length} meetings. Each mark is a meeting; click one to open it.`}
                onClick={(e) => {
                  const meeting = (e.data as { meeting?: TimelineMeeting } | undefined)?.meeting;
                  if (meeting) navigate(href('meeting', meeting.meetingId));
                }}
              />
            </div>
          )}
          {shape.undated.length > 0 && (
            <section className="card undated" aria-labelledby="undated-h">
              <h2 id="undated-h">Undated meetings</h2>
              <p className="muted">
                These minutes state no meeting date, or no council was found in them. They are kept off the timeline rather than placed at a
                guess: correct them in the library to place them.
              </p>
              <ul className="undated-list">
                {shape.undated.map((m) => (
                  <li key={m.meetingId}>
                    <a href={href('meeting', m.meetingId)}>
                      <span className="undated-name">{[m.council ?? 'Council not found', m.committee].filter(Boolean).join(' — ')}</span>
                      <span className="undated-window">{m.date ? formatDate(m.date) : formatUndated(m.dateWindow)}</span>
                      {(m.title ?? m.itemTitles[0]) && <span className="muted">{m.title ?? m.itemTitles[0]}</span>}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <details className="card as-list">
            <summary>All dated meetings as a list</summary>
            {shape.lanes.map((lane, laneIndex) => (
              <div key={lane.key} className="lane-list">
                <h3>{lane.label.replace('\n', ' — ')}</h3>
                <ul>
                  {shape.marks
                    .filter((m) => m.lane === laneIndex)
                    .map((m) => (
                      <li key={m.meeting.meetingId}>
                        <a href={href('meeting', m.meeting.meetingId)}>{formatDate(m.meeting.date)}</a>
                        <span className="muted"> {m.meeting.topThemes.map((t) => t.label).join(', ')}</span>
                      </li>
                    ))}
                </ul>
              </div>
            ))}
          </details>
        </>
      )}
    </div>
  );
}
