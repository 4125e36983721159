// Compare view logic: limits, the export file name, and meetings per quarter for the cadence chart.

import type { Timeline } from '../../api/model';
import type { ExportFormat } from '../../api/types';

export const MIN_COUNCILS = 2;
export const MAX_COUNCILS = 4;

/** A file name that says what was compared: `comparison-harrowfield-northwold.csv`. */
export function exportFileName(councils: string[], format: ExportFormat): string {
  const words = councils.map(
    (c) =>
      c
        .toLowerCase()
        .replace(/\b(borough|county|city|district|town|council|of|the)\b/g, ' ')
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'council',
  );
  return `comparison-${words.join('-')}.${format}`;
}

function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** Every quarter from the first to the last dated meeting, and each council's meetings in each. */
export function cadenceByQuarter(timeline: Timeline, councils: string[]): { quarters: string[]; series: Array<{ council: string; counts: number[] }> } {
  const dates = timeline.lanes.flatMap((l) => l.meetings.map((m) => m.date)).filter((d): d is string => d !== null).sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (!first || !last) return { quarters: [], series: [] };
  const quarters: string[] = [];
  let y = Number(first.slice(0, 4));
  let q = Math.floor((Number(first.slice(5, 7)) - 1) / 3) + 1;
  const end = quarterOf(last);
  for (let guard = 0; guard < 400; guard++) {
    const label = `${y}-Q${q}`;
    quarters.push(label);
    if (label === end) break;
    q++;
    if (q > 4) {
      q = 1;
      y++;
    }
  }
  const series = councils.map((council) => {
    const counts = quarters.map(() => 0);
    for (const lane of timeline.lanes.filter((l) => l.council === council)) {
      for (const m of lane.meetings) {
        if (!m.date) continue;
        const index = quarters.indexOf(quarterOf(m.date));
        if (index >= 0) counts[index] = (counts[index] ?? 0) + 1;
      }
    }
    return { council, counts };
  });
  return { quarters, series };
}
