// How values read on screen: dates as "14 Mar 2023", money with its currency, shares as
// percentages. British English, as the app's default locale; numbers are never rounded away
// silently (a figure shows as printed wherever the source text is at hand).

import type { DateWindow, FigureUnit, Metric } from '../api/model';

const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(date: string): [number, number, number] | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** "2023-03-14" → "14 Mar 2023"; null → the fallback. */
export function formatDate(date: string | null | undefined, fallback = 'No date'): string {
  if (!date) return fallback;
  const p = parts(date);
  if (!p) return date;
  return `${p[2]} ${MONTHS_SHORT[p[1] - 1]} ${p[0]}`;
}

/** A date window as a compact range: "16 Jun–1 Jul 2021", "from 3 May 2021", "until …". */
export function formatWindow(window: DateWindow | null | undefined): string | null {
  if (!window || (!window.from && !window.to)) return null;
  if (window.from && window.to) {
    const a = parts(window.from);
    const b = parts(window.to);
    if (a && b && a[0] === b[0]) {
      const left = `${a[2]} ${MONTHS_SHORT[a[1] - 1]}`;
      return `${left}–${formatDate(window.to)}`;
    }
    return `${formatDate(window.from)}–${formatDate(window.to)}`;
  }
  return window.from ? `after ${formatDate(window.from)}` : `before ${formatDate(window.to)}`;
}

/** "No date stated — window 16 Jun–1 Jul 2021". */
export function formatUndated(window: DateWindow | null | undefined): string {
  const range = formatWindow(window);
  return range ? `No date stated — window ${range}` : 'No date stated';
}

/** A share (0–1) as a percentage with sensible precision. */
export function formatShare(share: number): string {
  const percent = share * 100;
  if (percent === 0) return '0%';
  if (percent < 0.1) return '<0.1%';
  if (percent < 10) return `${percent.toFixed(1)}%`;
  return `${Math.round(percent)}%`;
}

const SYMBOL: Partial<Record<FigureUnit, string>> = { gbp: '£', eur: '€', usd: '$' };

/** A figure's value in its unit: "£1.2m", "36%", "24". */
export function formatValue(value: number, unit: FigureUnit): string {
  if (unit === 'percent') return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
  const symbol = SYMBOL[unit] ?? '';
  if (symbol && Math.abs(value) >= 1_000_000) {
    const millions = value / 1_000_000;
    return `${symbol}${Number.isInteger(millions) ? millions : millions.toFixed(1)}m`;
  }
  return `${symbol}${value.toLocaleString('en-GB', { maximumFractionDigits: 2 })}`;
}

/** A figure with its range, if it has one: "£950–£1,400". */
export function formatFigure(value: number, valueMax: number | null, unit: FigureUnit): string {
  const low = formatValue(value, unit);
  return valueMax === null ? low : `${low}–${formatValue(valueMax, unit)}`;
}

const METRIC_LABELS: Record<Metric, string> = {
  caseload_per_social_worker: 'Caseload per social worker',
  placement_cost_in_house: 'In-house placement cost',
  placement_cost_agency: 'Agency placement cost',
  placement_cost: 'Placement cost',
  looked_after_children: 'Looked after children',
  foster_carers: 'Fostering households',
  agency_staff_share: 'Agency staff share',
  budget: 'Budget and overspend',
  percentage: 'Other percentages',
  money: 'Other sums',
  count: 'Other counts',
};

export function metricLabel(metric: Metric): string {
  return METRIC_LABELS[metric];
}

/** How sure extraction was, in words. */
export function confidenceLabel(confidence: number): 'high' | 'medium' | 'low' {
  if (confidence >= 0.8) return 'high';
  if (confidence >= 0.65) return 'medium';
  return 'low';
}

/** "3 meetings", "1 meeting". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/** The file name of a path, on any platform. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Days as a readable cadence: "every 3 months", "every 6 weeks". */
export function formatCadence(days: number | null): string {
  if (days === null) return '—';
  if (days < 14) return `every ${Math.round(days)} days`;
  if (days < 60) return `every ${Math.round(days / 7)} weeks`;
  return `every ${(days / 30.4).toFixed(days < 300 ? 0 : 1)} months`;
}
