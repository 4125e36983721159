import { describe, expect, it } from 'vitest';
import type { MeetingSummary } from '../../api/model';
import { PAGE_SIZE, ariaSort, correctionsFrom, filterFromQuery, isIsoDate, nextSort, validateCorrection } from './logic';

describe('library filters from the address', () => {
  it('reads every filter and pages by offset, asking for one row more to know if there is a next page', () => {
    const { filter, page } = filterFromQuery(new URLSearchParams('council=Town+of+Millbrook&year=2023&kind=report&review=1&sort=council&page=3'));
    expect(page).toBe(3);
    expect(filter).toMatchObject({ council: 'Town of Millbrook', year: 2023, kind: 'report', needsReview: true, sort: 'council' });
    expect(filter.offset).toBe(2 * PAGE_SIZE);
    expect(filter.limit).toBe(PAGE_SIZE + 1);
  });

  it('ignores values it does not understand', () => {
    const { filter, page } = filterFromQuery(new URLSearchParams('year=soon&kind=poem&sort=random&page=-2'));
    expect(filter).toMatchObject({ year: null, kind: null, sort: 'dateDesc', needsReview: false, offset: 0 });
    expect(page).toBe(1);
  });
});

describe('sorting by column', () => {
  it('toggles the date direction and reports aria-sort', () => {
    expect(nextSort('dateDesc', 'date')).toBe('dateAsc');
    expect(nextSort('dateAsc', 'date')).toBe('dateDesc');
    expect(nextSort('dateDesc', 'council')).toBe('council');
    expect(ariaSort('dateAsc', 'date')).toBe('ascending');
    expect(ariaSort('council', 'date')).toBe('none');
    expect(ariaSort('council', 'council')).toBe('ascending');
  });
});

describe('corrections', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2021-06-31')).toBe(false);
    expect(isIsoDate('14/03/2023')).toBe(false);
  });

  it('names the field that is wrong', () => {
    expect(validateCorrection({ council: 'Harrowfield', committee: 'Cabinet', meetingDate: '2023-13-01' })).toEqual({
      meetingDate: 'Write the date as YYYY-MM-DD, e.g. 2023-03-14.',
    });
    expect(validateCorrection({ council: 'H', committee: '', meetingDate: '' })).toHaveProperty('council');
  });

  it('sends only what changed, and an emptied field as a revert', () => {
    const meeting = { council: 'A Council', committee: 'Cabinet', date: '2023-01-02' } as MeetingSummary;
    expect(correctionsFrom(meeting, { council: 'A Council', committee: 'Cabinet', meetingDate: '2023-01-02' })).toEqual([]);
    expect(correctionsFrom(meeting, { council: ' B Council ', committee: '', meetingDate: '2023-01-02' })).toEqual([
      { field: 'council', value: 'B Council' },
      { field: 'committee', value: null },
    ]);
  });
});
