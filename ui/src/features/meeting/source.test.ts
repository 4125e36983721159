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

  it('classes segments by the facts they show and flashes the chosen one', () => {
    expect(segmentClass(['p:1', 'f:0'], new Set(), true)).toBe('hl-figure');
    expect(segmentClass(['p:1', 'r:0', 'f:0'], new Set(['r:0']), true)).toBe('hl-figure flash');
    expect(segmentClass(['p:1', 'r:0'], new Set(), false)).toBe('');
    expect(segmentClass(['e:council', 'i:0'], new Set(), true)).toBe('hl-evidence hl-item');
  });
});
