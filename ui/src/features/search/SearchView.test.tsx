import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../../test/render';
import { SearchView } from './SearchView';

describe('SearchView', () => {
  it('highlights the matched words as <mark> elements and links to the paragraph', async () => {
    renderWithApi(<SearchView />, { hash: '#/search?q=%22emergency+accommodation%22' });
    expect(await screen.findByText(/paragraphs match/)).toBeInTheDocument();
    const hits = screen.getAllByRole('link').filter((a) => a.classList.contains('hit'));
    expect(hits.length).toBeGreaterThan(2);
    for (const hit of hits) {
      expect(hit.getAttribute('href')).toMatch(/^#\/meeting\/\d+\?para=\d+$/);
      const marks = hit.querySelectorAll('mark');
      expect(marks.length).toBeGreaterThan(0);
      for (const mark of marks) expect(mark.textContent?.toLowerCase()).toBe('emergency accommodation');
      const text = hit.textContent ?? '';
      expect(text.includes('\u0002') || text.includes('\u0003'), 'markers never reach the screen').toBe(false);
    }
  });

  it('shows the backend message for an invalid query', async () => {
    renderWithApi(<SearchView />, { hash: '#/search?q=%22unclosed' });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The search could not be understood')).toBeInTheDocument();
    expect(alert).toHaveTextContent('A quoted phrase is not closed');
  });

  it('says when nothing matches', async () => {
    renderWithApi(<SearchView />, { hash: '#/search?q=zeppelin' });
    expect(await screen.findByText('Nothing matches “zeppelin”')).toBeInTheDocument();
  });
});
