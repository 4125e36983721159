import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { renderWithApi } from '../../test/render';
import { ThemesView } from './ThemesView';

describe('ThemesView', () => {
  it('opens the passages behind a heatmap cell, keyword marked', async () => {
    const user = userEvent.setup();
    renderWithApi(<ThemesView />, { hash: '#/themes' });
    const table = await screen.findByRole('table', { name: 'Themes by council' });
    const cell = within(table).getByRole('button', { name: /^Homelessness in Kilbrack County Council/ });
    expect(cell).toHaveAccessibleName(/paragraphs in \d+ of \d+ meetings/);
    await user.click(cell);
    const drawer = await screen.findByRole('dialog', { name: /Homelessness — Kilbrack County Council/ });
    const lines = await within(drawer).findAllByRole('listitem');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.querySelector('mark')?.textContent?.toLowerCase()).toMatch(/homeless|emergency accommodation/);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('previews a draft pattern live and explains a malformed one', async () => {
    const user = userEvent.setup();
    renderWithApi(<ThemesView />, { hash: '#/themes?tab=codebook' });
    const input = await screen.findByRole('textbox', { name: 'New pattern for finds paragraphs with' });
    await user.type(input, 'tusla');
    expect(await screen.findByText(/matches \d+ paragraphs? in \d+ meetings?/)).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, 'fo*ster');
    expect(await screen.findByText(/Only a trailing \* is allowed/)).toBeInTheDocument();
  });

  it('saves an edited codebook and re-applies it', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApi(<ThemesView />, { hash: '#/themes?tab=codebook' });
    const label = await screen.findByRole('textbox', { name: 'Label' });
    await user.clear(label);
    await user.type(label, 'Foster care');
    await user.click(screen.getByRole('button', { name: 'Save and apply' }));
    await waitFor(async () => expect((await api.getCodebook()).themes[0]!.label).toBe('Foster care'));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save and apply' })).toBeDisabled());
  });

  it('shows re-applying from the moment of saving, and stops showing it when the save is refused', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApi(<ThemesView />, { hash: '#/themes?tab=codebook' });
    let refuse: (e: unknown) => void = () => undefined;
    api.saveCodebook = () => new Promise<void>((_, reject) => (refuse = reject));
    const label = await screen.findByRole('textbox', { name: 'Label' });
    await user.type(label, ' and more');
    await user.click(screen.getByRole('button', { name: 'Save and apply' }));
    // The desktop app re-applies the codebook before it answers: progress shows meanwhile.
    expect(await screen.findByText(/Applying themes to the library/)).toBeInTheDocument();
    refuse(new ApiError('invalid', 'theme "fostering": a pattern is empty'));
    expect(await screen.findByText(/a pattern is empty/)).toBeInTheDocument();
    expect(screen.queryByText(/Applying themes to the library/), 'a refused codebook applies nothing').not.toBeInTheDocument();
  });
});
