import { describe, expect, it } from 'vitest';
import { formatCadence, formatDate, formatFigure, formatShare, formatUndated, formatValue, formatWindow, plural } from './format';

describe('format', () => {
  it('writes dates the British way and keeps unknowns visible', () => {
    expect(formatDate('2023-03-14')).toBe('14 Mar 2023');
    expect(formatDate(null)).toBe('No date');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('writes a date window compactly within one year and fully across years', () => {
    expect(formatWindow({ from: '2021-06-16', to: '2021-07-01' })).toBe('16 Jun–1 Jul 2021');
    expect(formatWindow({ from: '2021-12-20', to: '2022-01-10' })).toBe('20 Dec 2021–10 Jan 2022');
    expect(formatWindow({ from: '2021-06-16', to: null })).toBe('after 16 Jun 2021');
    expect(formatWindow(null)).toBeNull();
    expect(formatUndated({ from: '2021-06-16', to: '2021-07-01' })).toBe('No date stated — window 16 Jun–1 Jul 2021');
    expect(formatUndated(null)).toBe('No date stated');
  });

  it('shows shares with sensible precision and never rounds a real share to zero', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.0004)).toBe('<0.1%');
    expect(formatShare(0.051)).toBe('5.1%');
    expect(formatShare(0.374)).toBe('37%');
  });

  it('writes money, percentages and ranges in their unit', () => {
    expect(formatValue(1050, 'gbp')).toBe('£1,050');
    expect(formatValue(3_400_000, 'gbp')).toBe('£3.4m');
    expect(formatValue(48_200_000, 'usd')).toBe('$48.2m');
    expect(formatValue(31, 'percent')).toBe('31%');
    expect(formatFigure(950, 1400, 'gbp')).toBe('£950–£1,400');
    expect(formatValue(24, 'count')).toBe('24');
  });

  it('describes cadence and plurals in words', () => {
    expect(formatCadence(null)).toBe('—');
    expect(formatCadence(7)).toBe('every 7 days');
    expect(formatCadence(42)).toBe('every 6 weeks');
    expect(formatCadence(91)).toBe('every 3 months');
    expect(plural(1, 'meeting')).toBe('1 meeting');
    expect(plural(2, 'file was', 'files were')).toBe('2 files were');
  });
});
