import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeApi } from '../../api/fake';
import { meetingFilter } from '../../api/types';
import type { ImportSummary } from '../../api/model';
import { renderWithApi } from '../../test/render';
import { MeetingView } from './MeetingView';

describe('MeetingView', () => {
  it('selects the passage of a figure when the figure is clicked', async () => {
    const user = userEvent.setup();
    const api = new FakeApi({ seeded: true, dropTarget: null });
    const [meeting] = await api.listMeetings(meetingFilter({ council: 'Harrowfield Borough Council', year: 2022 }));
    const detail = await api.getMeeting(meeting!.id);
    const { container } = renderWithApi(<MeetingView id={meeting!.id} />, { api, hash: `#/meeting/${meeting!.id}` });
    const figures = await screen.findByRole('region', { name: /Figures/ });
    const first = detail.record.figures[0]!;
    await user.click(within(figures).getAllByRole('button')[0]!);
    await waitFor(() => {
      const span = container.querySelector('[data-k~="f:0"]');
      expect(span).toHaveTextContent(first.text);
      expect(span).toHaveClass('selected');
    });
  });

  it('traces what a resolution asked for to the meeting that took it up', async () => {
    const api = new FakeApi({ seeded: true, dropTarget: null });
    const [june] = await api.listMeetings(meetingFilter({ council: 'Harrowfield Borough Council', year: 2022, sort: 'dateAsc' }));
    renderWithApi(<MeetingView id={june!.id} />, { api, hash: `#/meeting/${june!.id}` });
    const section = await screen.findByRole('region', { name: 'Follow-ups' });
    const item = (await within(section).findByText(/officers report back to the September meeting/)).closest('li')!;
    expect(within(item).getByText('Followed up')).toBeInTheDocument();
    expect(within(item).getByRole('link')).toHaveAttribute('href', expect.stringMatching(/^#\/meeting\/\d+\?para=\d+$/));
    expect(within(item).getByRole('link')).toHaveTextContent('13 Sep 2022');
  });

  it('opens at the paragraph named in the address', async () => {
    const api = new FakeApi({ seeded: true, dropTarget: null });
    const [meeting] = await api.listMeetings(meetingFilter({ council: 'Northwold County Council' }));
    const detail = await api.getMeeting(meeting!.id);
    const pid = detail.paragraphIds[2]!;
    const { container } = renderWithApi(<MeetingView id={meeting!.id} />, { api, hash: `#/meeting/${meeting!.id}?para=${pid}` });
    await waitFor(() => expect(container.querySelector(`#para-${pid}`)).toHaveClass('selected'));
    expect(container.querySelector(`#para-${pid}`)).toHaveTextContent(detail.record.paragraphs[2]!.text.slice(0, 30));
  });

  it('renders hostile document text as text', async () => {
    const api = new FakeApi({ dropTarget: null });
    const hostile = 'Town of Millbrook\nSelect Board\nJune 4, 2024\n\n<script>alert(1)</script><img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>';
    const done = new Promise<ImportSummary>((resolve) => void api.onImportDone(resolve));
    await api.importPaths([api.stageFile('x.txt', hostile)]);
    const id = (await done).outcomes[0]!.documentId!;
    const { container } = renderWithApi(<MeetingView id={id} />, { api, hash: `#/meeting/${id}` });
    const source = await screen.findByLabelText('Source text');
    expect(source).toHaveTextContent('<script>alert(1)</script>');
    expect(container.querySelectorAll('script, img, iframe').length).toBe(0);
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('says so when the meeting is gone', async () => {
    renderWithApi(<MeetingView id={9999} />, { hash: '#/meeting/9999' });
    expect(await screen.findByRole('alert')).toHaveTextContent('It is no longer in the library');
  });
});
