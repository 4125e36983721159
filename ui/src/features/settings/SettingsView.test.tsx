import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../App';
import { renderWithApi } from '../../test/render';
import { ISSUES_ADDRESS } from './SettingsView';

describe('Settings: About', () => {
  it('names the app, its version, licence and data folder, from the api', async () => {
    const { api } = renderWithApi(<App />, { hash: '#/settings' });
    const info = await api.appInfo();
    const about = await screen.findByRole('region', { name: 'About' });
    const facts = await within(about).findByText(info.version);
    const list = facts.closest('dl');
    expect(list, 'the facts are a description list').not.toBeNull();
    const text = list?.textContent ?? '';
    expect(text, 'the About box names the app').toContain('Scrutineer');
    expect(text, 'the About box gives the licence').toContain('MIT');
    expect(text, 'the About box shows the library file').toContain(info.databasePath);
    expect(text, 'the About box shows the data folder').toContain(info.dataDir);
  });

  it('gives the issue tracker as text to copy, with no link that would navigate the window', async () => {
    renderWithApi(<App />, { hash: '#/settings' });
    const report = await screen.findByRole('region', { name: 'Report a problem' });
    expect(within(report).getByLabelText('Issue tracker address')).toHaveTextContent(ISSUES_ADDRESS);
    const remote = [...document.querySelectorAll('a[href]')].filter((a) => /^[a-z]+:/i.test(a.getAttribute('href') ?? ''));
    expect(remote, 'the app has no link to a remote address').toEqual([]);
  });

  it('is reached and used from the keyboard', async () => {
    const user = userEvent.setup();
    renderWithApi(<App />, { hash: '#/library' });
    const settings = await screen.findByRole('link', { name: /Settings/ });
    settings.focus();
    await user.keyboard('{Enter}');
    const about = await screen.findByRole('region', { name: 'About' });
    expect(within(about).getByRole('heading', { name: 'About' })).toBeInTheDocument();
    const backup = screen.getByRole('button', { name: /Back up library/ });
    backup.focus();
    expect(backup, 'the backup button takes keyboard focus').toHaveFocus();
  });
});
