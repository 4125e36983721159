import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApi } from '../../test/render';
import { CompareView } from './CompareView';

describe('CompareView', () => {
  it('asks for two councils, then shows profiles and cited figures', async () => {
    const user = userEvent.setup();
    renderWithApi(<CompareView />, { hash: '#/compare?c=Harrowfield+Borough+Council' });
    expect(await screen.findByText('Choose one more council')).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: /Northwold County Council/ }));
    expect(await screen.findByRole('article', { name: 'Northwold County Council' })).toBeInTheDocument();
    const caseload = screen.getByRole('rowheader', { name: 'Caseload per social worker' }).closest('tr')!;
    const links = within(caseload).getAllByRole('link');
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const link of links) expect(link.getAttribute('href')).toMatch(/para=\d+/);
  });

  it('exports through the save dialog and says where', async () => {
    const user = userEvent.setup();
    const { api } = renderWithApi(<CompareView />, { hash: '#/compare?c=Harrowfield+Borough+Council&c=Town+of+Millbrook' });
    const exportSpy = vi.spyOn(api, 'exportComparison');
    await user.click(await screen.findByRole('button', { name: 'JSON' }));
    expect(await screen.findByText(/Saved to .*comparison-harrowfield-millbrook\.json/)).toBeInTheDocument();
    expect(exportSpy).toHaveBeenCalledWith(['Harrowfield Borough Council', 'Town of Millbrook'], 'json', expect.stringMatching(/\.json$/));
  });
});
