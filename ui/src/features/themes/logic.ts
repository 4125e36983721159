// Themes view logic: the heatmap's colour scale, trend series, and codebook editing helpers.

import type { Codebook, Heatmap, HeatCell, Theme, TrendPoint } from '../../api/model';

type Rgb = [number, number, number];

export function parseHex(hex: string): Rgb {
  const clean = hex.trim().replace('#', '');
  const full = clean.length === 3 ? clean.split('').map((c) => c + c).join('') : clean.padEnd(6, '0').slice(0, 6);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) || 0) as Rgb;
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0')).join('')}`;
}

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a colour. */
export function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map(linear) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Mixes two colours in linear light, t = 0 → from, 1 → to. */
export function mix(from: string, to: string, t: number): string {
  const a = parseHex(from).map(linear);
  const b = parseHex(to).map(linear);
  const out = a.map((v, i) => {
    const l = v + ((b[i] ?? 0) - v) * Math.max(0, Math.min(1, t));
    const s = l <= 0.0031308 ? l * 12.92 : 1.055 * l ** (1 / 2.4) - 0.055;
    return s * 255;
  }) as Rgb;
  return toHex(out);
}

/**
 * The colour of a heatmap cell. The scale is a square root of share / max, so small but real
 * shares stay visible next to a dominant theme; zero is the empty colour. The text colour is
 * whichever of the two inks reads better on the cell. Mid-scale colours can sit in a band where
 * neither ink reaches WCAG AA (4.5:1); such a cell is pushed further along the scale until one
 * does, so every number in the table stays readable.
 */
export function heatColour(
  share: number,
  max: number,
  palette: { empty: string; full: string; darkInk: string; lightInk: string },
): { background: string; color: string } {
  if (!(max > 0) || !(share > 0)) return { background: palette.empty, color: bestInk(palette.empty, palette) };
  let t = 0.12 + 0.88 * Math.sqrt(Math.min(1, share / max));
  let background = mix(palette.empty, palette.full, t);
  for (let step = 0; step < 50 && inkContrast(background, palette) < 4.5 && t < 1; step++) {
    t = Math.min(1, t + 0.01);
    background = mix(palette.empty, palette.full, t);
  }
  return { background, color: bestInk(background, palette) };
}

function bestInk(background: string, palette: { darkInk: string; lightInk: string }): string {
  return contrast(background, palette.darkInk) >= contrast(background, palette.lightInk) ? palette.darkInk : palette.lightInk;
}

function inkContrast(background: string, palette: { darkInk: string; lightInk: string }): number {
  return Math.max(contrast(background, palette.darkInk), contrast(background, palette.lightInk));
}

/** Cells by theme then council, for table rendering. */
export function cellIndex(heatmap: Heatmap): Map<string, HeatCell> {
  return new Map(heatmap.cells.map((c) => [`${c.themeId}\u0000${c.council}`, c]));
}

/** Themes grouped in codebook order. */
export function groupThemes<T extends { group: string }>(themes: T[]): Array<{ group: string; themes: T[] }> {
  const groups: Array<{ group: string; themes: T[] }> = [];
  for (const theme of themes) {
    const existing = groups.find((g) => g.group === theme.group);
    if (existing) existing.themes.push(theme);
    else groups.push({ group: theme.group, themes: [theme] });
  }
  return groups;
}

/** The largest share per theme row, for colouring each row on its own scale. */
export function rowMax(heatmap: Heatmap): Map<string, number> {
  const max = new Map<string, number>();
  for (const c of heatmap.cells) max.set(c.themeId, Math.max(max.get(c.themeId) ?? 0, c.share));
  return max;
}

export type TrendSeries = { themeId: string; council: string; name: string; values: Array<TrendPoint | null> };

/** Trend points as aligned series: every series has a value (or a gap) for every period. */
export function trendSeries(points: TrendPoint[], labels: Map<string, string>): { periods: string[]; series: TrendSeries[] } {
  const periods = [...new Set(points.map((p) => p.period))].sort();
  const keyed = new Map<string, TrendSeries>();
  for (const p of points) {
    const key = `${p.themeId}\u0000${p.council}`;
    let series = keyed.get(key);
    if (!series) {
      series = { themeId: p.themeId, council: p.council, name: `${labels.get(p.themeId) ?? p.themeId} — ${p.council}`, values: periods.map(() => null) };
      keyed.set(key, series);
    }
    series.values[periods.indexOf(p.period)] = p;
  }
  return { periods, series: [...keyed.values()] };
}

/** A theme id from a label: lower case, words joined by hyphens, unique within the codebook. */
export function themeId(label: string, codebook: Codebook): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'theme';
  const taken = new Set(codebook.themes.map((t) => t.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** A new theme for an emergent phrase, matching exactly that phrase. */
export function themeFromPhrase(phrase: string, codebook: Codebook): Theme {
  const label = phrase.charAt(0).toUpperCase() + phrase.slice(1);
  return { id: themeId(label, codebook), label, description: `Found as a recurring phrase: “${phrase}”.`, group: 'Emerging', include: [phrase.toLowerCase()], exclude: [] };
}

/** Whether two codebooks differ (for the unsaved-changes state). */
export function codebookChanged(a: Codebook | undefined, b: Codebook | undefined): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}
