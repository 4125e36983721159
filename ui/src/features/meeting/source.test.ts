import { describe, expect, it } from 'vitest';
import { FakeApi } from '../../api/fake';
import { meetingFilter } from '../../api/types';
import { factKey, prepareSource, segmentClass } from './source';

describe('preparing the source text', () => {
  it('marks every figure, resolution and evidence span exactly, across pages and multi-byte text', async () => {
    const api = new FakeApi({ seeded: true, dropTarget: null });
    const meetings = await api.listMeetings(meetingFilter({ council: 'Kilbrack County Council' }));
    const harrow = await api.listMeetings(meetingFilter({ council: 'Harrowfield Borough Council' }));
    for (const summary of [...meetings, ...harrow]) {
      const detail = await api.getMeeting(summary.id);
      const source = prepareSource(detail);
      const text = (key: string) => {
        const mark = source.marks.find((m) => m.key === key);
        return mark ? source.text.slice(mark.start, mark.end) : null;
      };
      detail.record.figures.forEach((f, i) => expect(text(factKey('figure', i))).toBe(f.text));
      detail.record.resolutions.forEach((r, i) => expect(text(factKey('resolution', i))).toBe(r.text));
      if (detail.record.council.evidence) expect(text('e:council')).toBe(detail.record.council.evidence);
      // Each page's segments put back together are exactly that page.
      source.pages.forEach((page, i) => expect(page.segments.map((s) => s.text).join('')).toBe(detail.pages[i]!.text));
    }
  });

  it('marks an item by its heading line only', async () => {
    const api = new FakeApi({ seeded: true, dropTarget: null });
    const [first] = await api.listMeetings(meetingFilter({ council: 'Northwold County Council', kind: 'minutes' }));
    const detail = await api.getMeeting(first!.id);
    const source = prepareSource(detail);
    const item = source.marks.find((m) => m.key === factKey('item', 1))!;
    expect(source.text.slice(item.start, item.end)).not.toContain('\n');
    expect(source.text.slice(item.start, item.end)).toContain(detail.record.items[1]!.title);
  });

  it('marks the words a theme matches, outside standing items and excluded paragraphs', async () => {
    const api = new FakeApi({ seeded: true, dropTarget: null });
    const codebook = await api.getCodebook();
    const fostering = codebook.themes.find((t) => t.id === 'fostering')!;
    const [meeting] = await api.listMeetings(meetingFilter({ council: 'Harrowfield Borough Council', year: 2022, sort: 'dateAsc' }));
    const detail = await api.getMeeting(meeting!.id);
    const source = prepareSource(detail, fostering);
    const words = source.marks.filter((m) => m.key === 't:fostering').map((m) => source.text.slice(m.start, m.end).toLowerCase());
    expect(words.length).toBeGreaterThan(3);
    expect(words.every((w) => w.startsWith('foster'))).toBe(true);
    // The declaration of interest mentions a foster carer but is standing business.
    const declaration = detail.record.paragraphs.find((p) => p.text.includes('declared a personal interest'))!;
    const at = source.text.indexOf(declaration.text);
    expect(source.marks.some((m) => m.key === 't:fostering' && m.start >= at && m.end <= at + declaration.text.length)).toBe(false);
    const excluding = prepareSource(detail, { ...fostering, exclude: ['annual report'] });
    expect(excluding.marks.filter((m) => m.key === 't:fostering').length).toBeLessThan(words.length);
  });

  it('classes segments by the facts they show and flashes the chosen one', () => {
    expect(segmentClass(['p:1', 'f:0'], new Set(), true)).toBe('hl-figure');
    expect(segmentClass(['p:1', 'r:0', 'f:0'], new Set(['r:0']), true)).toBe('hl-figure flash');
    expect(segmentClass(['p:1', 'r:0'], new Set(), false)).toBe('');
    expect(segmentClass(['e:council', 'i:0'], new Set(), true)).toBe('hl-evidence hl-item');
    expect(segmentClass(['p:2', 't:fostering'], new Set(), false)).toBe('hl-theme');
  });
});
