// Document text is data, never markup. A dropped file full of script tags, event-handler
// attributes, a javascript: link and a 5,000-character line must render inert and readable.

import { expect, test } from '@playwright/test';
import { forbidDialogs, openDemo, shot } from './helpers';

const LONG_LINE = 'Appendix'.padEnd(5000, ' tabled-figures-without-breaks');
const HOSTILE = [
  'Harrowfield Borough Council',
  'Licensing Committee',
  'Minutes of the meeting held on 12 March 2024',
  '',
  '1. Public questions',
  '',
  'A resident submitted <script>alert(1)</script> as a question, and another sent <img src=x onerror=alert(1)> by email.',
  '',
  'The clerk noted a link written as <a href="javascript:alert(1)">click here</a> and the figure of £1,200 for the hearing.',
  '',
  LONG_LINE,
].join('\n');

test('hostile text dropped on the window renders inert and readable', async ({ page }) => {
  const dialogs: string[] = [];
  forbidDialogs(page, dialogs);
  await openDemo(page, '#/');
  await expect(page.getByRole('heading', { name: 'Turn council minutes into evidence' })).toBeVisible();

  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'hostile-minutes.txt', { type: 'text/plain' }));
    return dt;
  }, HOSTILE);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await expect(page.getByText('Drop minutes to import them')).toBeVisible();
  await shot(page, 'import-drop');
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await expect(page.getByText('Drop minutes to import them')).toBeHidden();

  const panel = page.getByRole('dialog', { name: /Import/ });
  await expect(panel.getByRole('heading', { name: 'Import finished' })).toBeVisible();
  await expect(panel.locator('.outcome.imported')).toHaveCount(1);
  await panel.locator('.outcome.imported a').first().click();
  await expect(panel, 'opening a meeting from the panel closes it').toBeHidden();

  const source = page.locator('.source-scroll');
  await expect(source).toContainText('<script>alert(1)</script>');
  await expect(source).toContainText('<img src=x onerror=alert(1)>');
  await expect(source).toContainText('<a href="javascript:alert(1)">click here</a>');
  expect(await source.locator('script, img, a, iframe, object').count(), 'no element is injected from document text').toBe(0);
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);

  // The 5,000-character line wraps inside the source panel instead of widening it.
  const fits = await source.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
  expect(fits, 'the long line wraps within the panel').toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Licensing Committee');
  await page.waitForTimeout(300);
  await shot(page, 'hostile');
  expect(dialogs, 'no dialog fires').toEqual([]);
});
