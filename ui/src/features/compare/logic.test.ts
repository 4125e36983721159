import { describe, expect, it } from 'vitest';
import type { Timeline } from '../../api/model';
import { cadenceByQuarter, exportFileName } from './logic';

describe('compare helpers', () => {
  it('names an export after the councils compared', () => {
    expect(exportFileName(['Harrowfield Borough Council', 'Town of Millbrook'], 'csv')).toBe('comparison-harrowfield-millbrook.csv');
    expect(exportFileName(['Kilbrack County Council', 'Comhairle Cathrach Áth Cliath'], 'html')).toBe('comparison-kilbrack-comhairle-cathrach-ath-cliath.html');
  });

  it('counts meetings per quarter with empty quarters in between', () => {
    const m = (council: string, date: string) => ({ meetingId: 0, council, committee: null, date, dateWindow: null, kind: 'minutes' as const, title: null, itemTitles: [], resolutions: [], topThemes: [], keyFigures: [], textChars: 1 });
    const timeline: Timeline = {
      lanes: [
        { council: 'A', committee: null, meetings: [m('A', '2022-11-01'), m('A', '2022-12-01'), m('A', '2023-07-01')] },
        { council: 'B', committee: null, meetings: [m('B', '2023-02-01')] },
      ],
      undated: [],
    };
    const { quarters, series } = cadenceByQuarter(timeline, ['A', 'B']);
    expect(quarters).toEqual(['2022-Q4', '2023-Q1', '2023-Q2', '2023-Q3']);
    expect(series).toEqual([
      { council: 'A', counts: [2, 0, 0, 1] },
      { council: 'B', counts: [0, 1, 0, 0] },
    ]);
  });
});
