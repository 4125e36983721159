import { describe, expect, it } from 'vitest';
import type { Codebook, TrendPoint } from '../../api/model';
import { contrast, heatColour, luminance, mix, themeFromPhrase, themeId, trendSeries } from './logic';

const light = { empty: '#f3f5f8', full: '#1f4f8f', darkInk: '#16202c', lightInk: '#ffffff' };
const dark = { empty: '#1f242c', full: '#7fb2ff', darkInk: '#0f1620', lightInk: '#f1f4f8' };

describe('heatmap colour scale', () => {
  it('runs from the empty colour at zero to the full colour at the maximum', () => {
    expect(heatColour(0, 0.4, light).background).toBe(light.empty);
    expect(heatColour(0.4, 0.4, light).background).toBe(light.full);
  });

  it('darkens steadily as the share grows (light theme) and brightens (dark theme)', () => {
    const shares = [0.01, 0.05, 0.1, 0.2, 0.3, 0.4];
    const lightL = shares.map((s) => luminance(heatColour(s, 0.4, light).background));
    const darkL = shares.map((s) => luminance(heatColour(s, 0.4, dark).background));
    for (let i = 1; i < shares.length; i++) {
      expect(lightL[i]!, 'light: larger share is darker').toBeLessThan(lightL[i - 1]!);
      expect(darkL[i]!, 'dark: larger share is brighter').toBeGreaterThan(darkL[i - 1]!);
    }
  });

  it('keeps a small real share visibly different from zero', () => {
    const tiny = heatColour(0.001, 0.5, light).background;
    expect(contrast(tiny, light.empty)).toBeGreaterThan(1.1);
  });

  it('picks the ink that reads on every cell (WCAG AA for normal text)', () => {
    for (const palette of [light, dark]) {
      for (let s = 0; s <= 1; s += 0.05) {
        const { background, color } = heatColour(s, 1, palette);
        expect(contrast(background, color), `share ${s.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('mixes in linear light and clamps t', () => {
    expect(mix('#000000', '#ffffff', 0)).toBe('#000000');
    expect(mix('#000000', '#ffffff', 2)).toBe('#ffffff');
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#bcbcbc');
  });
});

describe('trend series', () => {
  it('aligns every series on the same periods with gaps where a council did not meet', () => {
    const point = (council: string, period: string, share: number): TrendPoint => ({ themeId: 'fostering', council, period, hits: 1, meetings: 1, meetingsTotal: 1, share });
    const { periods, series } = trendSeries([point('A', '2022', 0.1), point('B', '2023', 0.2), point('A', '2024', 0.3)], new Map([['fostering', 'Fostering']]));
    expect(periods).toEqual(['2022', '2023', '2024']);
    const a = series.find((s) => s.council === 'A')!;
    expect(a.name).toBe('Fostering — A');
    expect(a.values.map((v) => v?.share ?? null)).toEqual([0.1, null, 0.3]);
  });
});

describe('new themes', () => {
  const codebook: Codebook = { name: 'x', themes: [{ id: 'kinship-care', label: 'Kinship care', description: '', group: '', include: ['kinship'], exclude: [] }] };
  it('makes ids from labels, unique in the codebook', () => {
    expect(themeId('Áras & Housing', codebook)).toBe('aras-housing');
    expect(themeId('Kinship care', codebook)).toBe('kinship-care-2');
  });
  it('turns an emergent phrase into a theme matching that phrase', () => {
    const theme = themeFromPhrase('opioid settlement', codebook);
    expect(theme).toMatchObject({ id: 'opioid-settlement', label: 'Opioid settlement', include: ['opioid settlement'], group: 'Emerging' });
  });
});
