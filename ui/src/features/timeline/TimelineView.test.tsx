import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ChartClick, ChartOption } from '../../components/Chart';
import { renderWithApi } from '../../test/render';

// The chart itself is ECharts in a real browser (covered by Playwright); here it is replaced by a
// probe that records the option the view builds and lets the test click a mark.
const drawn: { option: ChartOption | null; click: ((e: ChartClick) => void) | null } = { option: null, click: null };
vi.mock('../../components/Chart', () => ({
  Chart: ({ option, onClick, label }: { option: ChartOption; onClick?: (e: ChartClick) => void; label: string }) => {
    drawn.option = option;
    drawn.click = onClick ?? null;
    return <div role="img" aria-label={label} />;
  },
  chartColours: () => ({ font: 'sans-serif', text: '#000', muted: '#666', grid: '#ddd', surface: '#fff', accent: '#00f', series: ['#1', '#2', '#3', '#4'] }),
}));

const { TimelineView } = await import('./TimelineView');

type Series = { name: string; data: Array<{ value: [number, number, number]; meeting: { meetingId: number; date: string } }> };

describe('TimelineView', () => {
  it('draws one series per council with every dated meeting, and lists undated ones apart', async () => {
    renderWithApi(<TimelineView />, { hash: '#/timeline' });
    expect(await screen.findByRole('img', { name: /Timeline of 28 meetings/ })).toBeInTheDocument();
    const series = (drawn.option as { series: Series[] }).series;
    expect(series.map((s) => s.name)).toEqual(['Harrowfield Borough Council', 'Kilbrack County Council', 'Northwold County Council', 'Town of Millbrook']);
    expect(series.reduce((n, s) => n + s.data.length, 0)).toBe(28);
    for (const s of series) for (const d of s.data) expect(d.value[0]).toBe(Date.parse(`${d.meeting.date}T00:00:00Z`));
    const undated = screen.getByRole('region', { name: 'Undated meetings' });
    expect(within(undated).getByText('No date stated — window 16 Jun–1 Jul 2021')).toBeInTheDocument();
  });

  it('opens the meeting whose mark is clicked', async () => {
    renderWithApi(<TimelineView />, { hash: '#/timeline' });
    await screen.findByRole('img', { name: /Timeline of/ });
    const first = (drawn.option as { series: Series[] }).series[0]!.data[0]!;
    drawn.click?.({ dataIndex: 0, data: first });
    expect(window.location.hash).toBe(`#/meeting/${first.meeting.meetingId}`);
  });

  it('narrows to the councils picked', async () => {
    const user = userEvent.setup();
    renderWithApi(<TimelineView />, { hash: '#/timeline' });
    await screen.findByRole('img', { name: /Timeline of 28/ });
    await user.click(screen.getByRole('button', { name: 'Town of Millbrook' }));
    expect(await screen.findByRole('img', { name: /Timeline of 7 meetings/ })).toBeInTheDocument();
    expect((drawn.option as { series: Series[] }).series.map((s) => s.name)).toEqual(['Town of Millbrook']);
  });
});
