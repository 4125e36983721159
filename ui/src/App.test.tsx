import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api/errors';
import { FakeApi } from './api/fake';
import { App } from './App';
import { renderWithApi } from './test/render';

describe('the window', () => {
  it('welcomes an empty library and fills it from the samples, with progress', async () => {
    const user = userEvent.setup();
    const api = new FakeApi({ dropTarget: null });
    renderWithApi(<App />, { api });
    expect(await screen.findByRole('heading', { name: 'Turn council minutes into evidence' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load sample minutes' }));
    const panel = await screen.findByRole('dialog', { name: /Import/ });
    await within(panel).findByRole('heading', { name: 'Import finished' }, { timeout: 8000 });
    expect(within(panel).getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(api.library.size));
    expect(within(panel).getByText(`${api.library.size} imported`)).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: /Import/ })).not.toBeInTheDocument();
    expect(await screen.findByRole('table', { name: 'Meetings' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Library/ })).toHaveTextContent(String(api.library.size));
  });

  it('says why the library could not be opened, with its code, instead of loading forever', async () => {
    const api = new FakeApi({ dropTarget: null });
    api.libraryStats = () =>
      Promise.reject(new ApiError('schema_too_new', 'this library was made by a newer version of Scrutineer (schema version 9)'));
    renderWithApi(<App />, { api });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The library was made by a newer Scrutineer');
    expect(within(alert).getByText('schema_too_new')).toBeInTheDocument();
    expect(screen.queryByText('Opening the library…')).not.toBeInTheDocument();
  });

  it('shows the drop overlay while files are dragged over and imports what is dropped', async () => {
    const api = new FakeApi({ dropTarget: window });
    renderWithApi(<App />, { api });
    await screen.findByRole('heading', { name: 'Turn council minutes into evidence' });
    const file = new File(['Northwold County Council\nCabinet\n3 May 2024\n\nThe budget was agreed.'], 'cabinet.txt', { type: 'text/plain' });
    const dataTransfer = { types: ['Files'], files: [file], dropEffect: 'none' };
    const drag = (type: string) => {
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: dataTransfer });
      window.dispatchEvent(event);
    };
    act(() => drag('dragenter'));
    expect(await screen.findByText('Drop minutes to import them')).toBeInTheDocument();
    act(() => drag('drop'));
    const panel = await screen.findByRole('dialog', { name: /Import/ }, { timeout: 4000 });
    await within(panel).findByRole('heading', { name: 'Import finished' }, { timeout: 4000 });
    expect(screen.queryByText('Drop minutes to import them')).not.toBeInTheDocument();
    expect(within(panel).getByText('cabinet.txt')).toBeInTheDocument();
    expect(within(panel).getByText(/Northwold County Council · Cabinet · 3 May 2024/)).toBeInTheDocument();
  });

  it('imports from the picker and says why each failed file failed', async () => {
    const user = userEvent.setup();
    renderWithApi(<App />, { hash: '#/library' });
    await screen.findByRole('table', { name: 'Meetings' });
    await user.keyboard('{Control>}o{/Control}');
    const panel = await screen.findByRole('dialog', { name: /Import/ });
    await within(panel).findByRole('heading', { name: 'Import finished' }, { timeout: 4000 });
    const failed = within(panel).getAllByRole('listitem').filter((li) => li.classList.contains('failed'));
    expect(failed.map((li) => li.querySelector('.failed-reason')?.textContent)).toEqual([
      expect.stringContaining('This kind of file cannot be read'),
      expect.stringContaining('The PDF is password-protected'),
      expect.stringContaining('The PDF has no text to read'),
    ]);
    expect(within(panel).getByText('1 already in the library')).toBeInTheDocument();
  });

  it('focuses the search box on Ctrl+K and searches on Enter', async () => {
    const user = userEvent.setup();
    renderWithApi(<App />, { hash: '#/library' });
    await screen.findByRole('table', { name: 'Meetings' });
    await user.keyboard('{Control>}k{/Control}');
    const box = screen.getByRole('searchbox', { name: 'Search all minutes' });
    expect(box).toHaveFocus();
    await user.type(box, 'caseload{Enter}');
    await waitFor(() => expect(window.location.hash).toBe('#/search?q=caseload'));
    expect(await screen.findByText(/paragraphs? match/)).toBeInTheDocument();
  });
});
