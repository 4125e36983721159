// Themes × councils as an accessible table: each cell is the theme's share of that council's
// text, coloured on a scale, with the paragraph and meeting counts on hover. A cell is a button
// that opens the passages behind it.

import { useMemo, useState } from 'react';
import type { Heatmap } from '../../api/model';
import { href } from '../../app/router';
import { useTheme } from '../../app/theme';
import { formatShare, plural } from '../../lib/format';
import { cellIndex, groupThemes, heatColour, rowMax } from './logic';

function palette(resolved: 'light' | 'dark') {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    empty: read('--heat-empty', resolved === 'dark' ? '#1f242c' : '#f3f5f8'),
    full: read('--heat-full', resolved === 'dark' ? '#7fb2ff' : '#1f4f8f'),
    darkInk: read('--heat-ink-dark', '#16202c'),
    lightInk: read('--heat-ink-light', '#ffffff'),
  };
}

export function HeatmapTable({ heatmap, onOpen }: { heatmap: Heatmap; onOpen: (themeId: string, council: string) => void }) {
  const { resolved } = useTheme();
  const [scale, setScale] = useState<'table' | 'row'>('table');
  const colours = useMemo(() => palette(resolved), [resolved]);
  const cells = useMemo(() => cellIndex(heatmap), [heatmap]);
  const perRow = useMemo(() => rowMax(heatmap), [heatmap]);
  const tableMax = Math.max(0, ...heatmap.cells.map((c) => c.share));
  const groups = groupThemes(heatmap.themes);

  return (
    <div className="heatmap">
      <div className="heatmap-tools">
        <p className="muted">
          Share of each council’s minutes (excluding standing items) that discusses the theme. Click a cell for its passages.
        </p>
        <div className="segmented" role="radiogroup" aria-label="Colour scale">
          <button type="button" role="radio" aria-checked={scale === 'table'} className={scale === 'table' ? 'on' : ''} onClick={() => setScale('table')}>
            Whole table
          </button>
          <button type="button" role="radio" aria-checked={scale === 'row'} className={scale === 'row' ? 'on' : ''} onClick={() => setScale('row')}>
            Each theme
          </button>
        </div>
      </div>
      <div className="table-scroll">
        <table className="heat-table" aria-label="Themes by council">
          <thead>
            <tr>
              <th scope="col" className="corner">
                Theme
              </th>
              {heatmap.councils.map((council) => (
                <th scope="col" key={council} className="council-col">
                  <span>{council}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map(({ group, themes }) => [
              <tr key={`g-${group}`} className="group-row">
                <th scope="rowgroup" colSpan={heatmap.councils.length + 1}>
                  {group || 'Other'}
                </th>
              </tr>,
              ...themes.map((theme) => (
                <tr key={theme.id}>
                  <th scope="row" className="theme-row">
                    <a href={href('themes', null, { tab: 'trends', t: theme.id })} title={`${theme.label} over time`}>
                      {theme.label}
                    </a>
                  </th>
                  {heatmap.councils.map((council) => {
                    const cell = cells.get(`${theme.id}\u0000${council}`);
                    const share = cell?.share ?? 0;
                    const max = scale === 'table' ? tableMax : (perRow.get(theme.id) ?? 0);
                    const { background, color } = heatColour(share, max, colours);
                    const detail = cell
                      ? `${theme.label} in ${council}: ${formatShare(share)} of the text, ${plural(cell.hits, 'paragraph')} in ${cell.meetings} of ${plural(cell.meetingsTotal, 'meeting')}`
                      : `${theme.label} in ${council}: not discussed`;
                    return (
                      <td key={council} style={{ background, color }}>
                        {cell && cell.hits > 0 ? (
                          <button type="button" className="heat-cell" title={detail} onClick={() => onOpen(theme.id, council)}>
                            <span className="sr-only">
                              {theme.label} in {council}:{' '}
                            </span>
                            <span className="heat-share">{formatShare(share)}</span>
                            <span className="heat-meta">
                              {cell.meetings}/{cell.meetingsTotal} mtgs
                            </span>
                            <span className="sr-only">
                              {' '}
                              ({plural(cell.hits, 'paragraph')} in {cell.meetings} of {plural(cell.meetingsTotal, 'meeting')})
                            </span>
                          </button>
                        ) : (
                          <span className="heat-none" title={detail}>
                            —
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              )),
            ])}
          </tbody>
        </table>
      </div>
    </div>
  );
}
