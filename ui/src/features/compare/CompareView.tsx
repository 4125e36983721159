// Councils side by side: pick two to four; see each one's profile (meetings, cadence, committees,
// attendance, strongest themes), the themes that set each apart (with the passages that show it),
// the themes they share, key figures with every value citing its source, and how often each
// meets. Export the comparison as CSV, JSON or an HTML report through a save dialog.

import { useMemo, useState } from 'react';
import { friendlyError, toApiError, type ApiError } from '../../api/errors';
import type { Comparison, MetricFigure } from '../../api/model';
import { allOf, type ExportFormat } from '../../api/types';
import { useApi } from '../../app/ApiContext';
import { useLibrary } from '../../app/library';
import { useQueryUpdater, useRoute } from '../../app/router';
import { useTheme } from '../../app/theme';
import { useQuery } from '../../app/useQuery';
import { Chart, chartColours, type ChartOption } from '../../components/Chart';
import { EvidenceLink, evidenceHref } from '../../components/Evidence';
import { Icon } from '../../components/Icon';
import { Empty, ErrorPanel, Loading } from '../../components/States';
import { formatCadence, formatDate, formatFigure, formatShare, metricLabel, plural } from '../../lib/format';
import { cadenceByQuarter, exportFileName, MAX_COUNCILS, MIN_COUNCILS } from './logic';

function FigureCell({ figures }: { figures: MetricFigure[] }) {
  const [open, setOpen] = useState(false);
  const [latest, ...earlier] = figures;
  if (!latest) return <span className="muted">—</span>;
  return (
    <div className="figure-cell">
      <a className="figure-main" href={evidenceHref(latest.evidence)} title={latest.evidence.text}>
        <strong>{formatFigure(latest.value, latest.valueMax, latest.unit)}</strong>
        <span className="muted small-text">{formatDate(latest.evidence.date, 'undated')}</span>
      </a>
      {earlier.length > 0 && (
        <>
          <button type="button" className="link-btn small-text" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? 'hide' : `${earlier.length} earlier`}
          </button>
          {open && (
            <ul className="figure-history">
              {earlier.map((f, i) => (
                <li key={i}>
                  <a href={evidenceHref(f.evidence)} title={f.evidence.text}>
                    {formatFigure(f.value, f.valueMax, f.unit)} <span className="muted">{formatDate(f.evidence.date, 'undated')}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function Profiles({ comparison }: { comparison: Comparison }) {
  return (
    <div className="profiles" style={{ gridTemplateColumns: `repeat(${comparison.councils.length}, minmax(0, 1fr))` }}>
      {comparison.councils.map((p, i) => (
        <article key={p.council} className={`card profile series-${i + 1}`} aria-label={p.council}>
          <h3>{p.council}</h3>
          <dl className="profile-facts">
            <div>
              <dt>Meetings</dt>
              <dd>{p.meetings}</dd>
            </div>
            <div>
              <dt>Period</dt>
              <dd>
                {formatDate(p.firstDate, '?')} – {formatDate(p.lastDate, '?')}
              </dd>
            </div>
            <div>
              <dt>Meets</dt>
              <dd>{formatCadence(p.medianGapDays)}</dd>
            </div>
            <div>
              <dt>Present / apologies</dt>
              <dd>
                {p.meanPresent === null ? '—' : p.meanPresent.toFixed(1)} / {p.meanApologies === null ? '—' : p.meanApologies.toFixed(1)}
              </dd>
            </div>
          </dl>
          <p className="profile-committees small-text">{p.committees.join(' · ')}</p>
          <h4>Strongest themes</h4>
          <ul className="theme-bars compact">
            {p.themes.slice(0, 5).map((t) => (
              <li key={t.themeId}>
                <span className="theme-label">{t.label}</span>
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${Math.min(100, t.share * 100)}%` }} />
                </span>
                <span className="theme-share">{formatShare(t.share)}</span>
              </li>
            ))}
            {p.themes.length === 0 && <li className="muted">No themes found.</li>}
          </ul>
        </article>
      ))}
    </div>
  );
}

export function CompareView() {
  const api = useApi();
  const route = useRoute();
  const update = useQueryUpdater();
  const { stats } = useLibrary();
  const { resolved } = useTheme();
  const picked = route.query.getAll('c').slice(0, MAX_COUNCILS);
  const ready = picked.length >= MIN_COUNCILS;
  const key = picked.join('\u0000');
  const query = useQuery(() => api.compareCouncils(picked), [key], { enabled: ready });
  const cadence = useQuery(() => api.timeline(allOf({ councils: picked })), [key], { enabled: ready });
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [exportError, setExportError] = useState<ApiError | null>(null);

  const toggle = (council: string) => {
    setExported(null);
    if (picked.includes(council)) update({ c: picked.filter((c) => c !== council) });
    else if (picked.length < MAX_COUNCILS) update({ c: [...picked, council] });
  };

  const exportAs = async (format: ExportFormat) => {
    setExporting(format);
    setExportError(null);
    setExported(null);
    try {
      const path = await api.pickSavePath({
        title: 'Export the comparison',
        defaultName: exportFileName(picked, format),
        filters: [{ name: format.toUpperCase(), extensions: [format] }],
      });
      if (path) {
        await api.exportComparison(picked, format, path);
        setExported(path);
      }
    } catch (e) {
      setExportError(toApiError(e));
    } finally {
      setExporting(null);
    }
  };

  const cadenceOption = useMemo<ChartOption | null>(() => {
    if (!cadence.data || !query.data) return null;
    const shaped = cadenceByQuarter(cadence.data, picked);
    if (shaped.quarters.length === 0) return null;
    const colours = chartColours();
    return {
      animation: false,
      textStyle: { fontFamily: colours.font, color: colours.text },
      grid: { left: 8, right: 16, top: 36, bottom: 24, containLabel: true },
      legend: { top: 0, textStyle: { color: colours.text } },
      tooltip: { trigger: 'axis', backgroundColor: colours.surface, borderColor: colours.grid, textStyle: { color: colours.text } },
      xAxis: { type: 'category', data: shaped.quarters, axisLabel: { color: colours.muted, hideOverlap: true }, axisLine: { lineStyle: { color: colours.grid } } },
      yAxis: { type: 'value', minInterval: 1, name: 'meetings', nameTextStyle: { color: colours.muted }, axisLabel: { color: colours.muted }, splitLine: { lineStyle: { color: colours.grid, type: 'dashed' } } },
      series: shaped.series.map((s, i) => ({ name: s.council, type: 'bar', data: s.counts, itemStyle: { color: colours.series[i % colours.series.length], borderRadius: [3, 3, 0, 0] } })),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cadence.data, query.data, resolved]);

  const comparison = ready ? query.data : undefined;
  const councilOrder = comparison?.councils.map((c) => c.council) ?? [];

  return (
    <div className="view compare-view">
      <header className="view-head">
        <div>
          <h1>Compare councils</h1>
          <p className="view-sub">Pick two to four councils. Shares are of each council’s own text, so a council with more minutes does not look more interested.</p>
        </div>
        {ready && comparison && (
          <div className="export" role="group" aria-label="Export the comparison">
            {(['csv', 'json', 'html'] as ExportFormat[]).map((f) => (
              <button key={f} type="button" className="btn small" onClick={() => void exportAs(f)} disabled={exporting !== null}>
                <Icon name="download" size={14} /> {f === 'html' ? 'HTML report' : f.toUpperCase()}
              </button>
            ))}
          </div>
        )}
      </header>
      {(exported || exportError) && (
        <p className={exportError ? 'notice error' : 'notice ok'} role="status">
          {exportError ? `${friendlyError(exportError).title}: ${exportError.message}` : `Saved to ${exported}`}
        </p>
      )}
      <div className="chips" role="group" aria-label="Councils to compare">
        <span className="chips-label">Councils</span>
        {(stats?.councils ?? []).map((c) => {
          const on = picked.includes(c.value);
          return (
            <button
              key={c.value}
              type="button"
              className={on ? 'chip on' : 'chip'}
              aria-pressed={on}
              disabled={!on && picked.length >= MAX_COUNCILS}
              onClick={() => toggle(c.value)}
            >
              {on && <Icon name="check" size={13} />} {c.value} <span className="muted">{c.meetings}</span>
            </button>
          );
        })}
      </div>

      {!ready ? (
        <Empty title={picked.length === 0 ? 'Choose councils to compare' : 'Choose one more council'} icon="compare">
          {stats && stats.councils.length < 2 ? 'The library needs minutes from at least two councils.' : 'Comparisons need between two and four councils.'}
        </Empty>
      ) : query.error ? (
        <ErrorPanel error={query.error} onRetry={query.reload} />
      ) : !comparison ? (
        <Loading label="Comparing…" />
      ) : (
        <div className="compare-body">
          <Profiles comparison={comparison} />

          <section className="card" aria-labelledby="distinctive-h">
            <h2 id="distinctive-h">What sets each apart</h2>
            <p className="muted small-text">Themes a council discusses notably more than the others (log-odds with an informative prior; z above 1.645, one-sided 95%, is notable).</p>
            <div className="distinctive" style={{ gridTemplateColumns: `repeat(${councilOrder.length}, minmax(0, 1fr))` }}>
              {councilOrder.map((council) => {
                const mine = comparison.distinctive.filter((d) => d.council === council);
                return (
                  <div key={council} className="distinctive-col">
                    <h3>{council}</h3>
                    {mine.length === 0 ? (
                      <p className="muted">No theme stands out.</p>
                    ) : (
                      <ul>
                        {mine.map((d) => (
                          <li key={d.themeId} className="distinctive-theme">
                            <div className="distinctive-head">
                              <strong>{d.label}</strong>
                              <span className={d.zScore > 1.645 ? 'tag accent' : 'tag'} title="z-score">
                                z {d.zScore.toFixed(1)}
                              </span>
                            </div>
                            {d.evidence.slice(0, 2).map((e) => (
                              <blockquote key={e.paragraphId} className="evidence-quote">
                                <p>{e.text}</p>
                                <EvidenceLink evidence={e} council={false} />
                              </blockquote>
                            ))}
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                );
              })}
            </div>
          </section>

          <section className="card" aria-labelledby="shared-h">
            <h2 id="shared-h">Shared themes</h2>
            {comparison.shared.length === 0 ? (
              <p className="muted">No theme appears in every one of these councils.</p>
            ) : (
              <table className="table shared-table">
                <thead>
                  <tr>
                    <th scope="col">Theme</th>
                    {councilOrder.map((c) => (
                      <th scope="col" key={c}>
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {comparison.shared.map((s) => {
                    const max = Math.max(...s.shares);
                    return (
                      <tr key={s.themeId}>
                        <th scope="row">{s.label}</th>
                        {s.shares.map((share, i) => (
                          <td key={i}>
                            <span className="inline-bar">
                              <span className={`series-fill-${i + 1}`} style={{ width: `${max > 0 ? (share / max) * 100 : 0}%` }} />
                            </span>
                            {formatShare(share)}
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>

          <section className="card" aria-labelledby="figures-h">
            <h2 id="figures-h">Key figures</h2>
            <p className="muted small-text">The latest value stated in each council’s minutes; each links to the passage it was read from.</p>
            {comparison.metrics.length === 0 ? (
              <p className="muted">No comparable figures were found.</p>
            ) : (
              <table className="table figures-table">
                <thead>
                  <tr>
                    <th scope="col">Measure</th>
                    {councilOrder.map((c) => (
                      <th scope="col" key={c}>
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {comparison.metrics.map((row) => (
                    <tr key={row.metric}>
                      <th scope="row">{metricLabel(row.metric)}</th>
                      {row.values.map((figures, i) => (
                        <td key={i}>
                          <FigureCell figures={figures} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section className="card" aria-labelledby="cadence-h">
            <h2 id="cadence-h">Meeting cadence</h2>
            <p className="muted small-text">
              Meetings per quarter.{' '}
              {comparison.councils.map((p) => `${p.council}: ${plural(p.meetings, 'meeting')}, ${formatCadence(p.medianGapDays)}`).join(' · ')}
            </p>
            {cadenceOption ? <Chart option={cadenceOption} height={240} label="Meetings per quarter for each council" /> : <Loading />}
          </section>
        </div>
      )}
    </div>
  );
}
