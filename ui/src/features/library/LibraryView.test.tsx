import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeApi } from '../../api/fake';
import { samples } from '../../api/fixtures';
import { renderWithApi } from '../../test/render';
import { PAGE_SIZE } from './logic';
import { LibraryView } from './LibraryView';

async function rows() {
  const table = await screen.findByRole('table', { name: 'Meetings' });
  return within(table).getAllByRole('row').slice(1);
}

describe('LibraryView', () => {
  it('filters by council through the address', async () => {
    const user = userEvent.setup();
    renderWithApi(<LibraryView />, { hash: '#/library' });
    expect((await rows()).length).toBeGreaterThan(20);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Council' }), 'Town of Millbrook');
    await waitFor(async () => expect((await rows()).length).toBe(7));
    expect(window.location.hash).toContain('council=Town+of+Millbrook');
    for (const row of await rows()) expect(row).toHaveTextContent('Town of Millbrook');
  });

  it('flags low-confidence fields and refuses an impossible date', async () => {
    const user = userEvent.setup();
    renderWithApi(<LibraryView />, { hash: '#/library?review=1' });
    const [review] = await rows();
    expect(review).toHaveTextContent('needs review');
    await user.click(within(review!).getByRole('button', { name: /Correct/ }));
    const date = screen.getByRole('textbox', { name: 'Meeting date (YYYY-MM-DD)' });
    await user.clear(date);
    await user.type(date, '2021-02-30');
    expect(screen.getByText(/Write the date as YYYY-MM-DD/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('renders one page of a large library at a time', async () => {
    const user = userEvent.setup();
    const api = new FakeApi({ dropTarget: null });
    for (let copy = 0; copy < 5; copy++) {
      for (const fixture of samples) api.library.addFixture({ ...fixture, file: `${copy}-${fixture.file}` }, `/copies/${copy}/${fixture.file}`);
    }
    const total = api.library.size;
    expect(total).toBeGreaterThan(2 * PAGE_SIZE);
    renderWithApi(<LibraryView />, { api, hash: '#/library' });
    await waitFor(async () => expect((await rows()).length).toBe(PAGE_SIZE));
    await user.click(screen.getByRole('button', { name: /Next/ }));
    await user.click(await screen.findByRole('button', { name: /Next/ }));
    const lastPage = total - 2 * PAGE_SIZE;
    await waitFor(async () => expect((await rows()).length).toBe(lastPage));
    expect(screen.getByText(`Showing ${2 * PAGE_SIZE + 1}–${total}`)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Next/ })).toBeDisabled();
  });

  it('asks before deleting and removes the row', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApi(<LibraryView />, { hash: '#/library?council=Kilbrack+County+Council' });
    await waitFor(async () => expect((await rows()).length).toBe(7));
    const before = api.library.size;
    await user.click(within((await rows())[0]!).getByRole('button', { name: /Delete/ }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(async () => expect((await rows()).length).toBe(6));
    expect(api.library.size).toBe(before - 1);
  });
});
