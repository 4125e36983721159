// Walks every view of the built UI on the demo library in real Chromium, asserting behaviour a
// user relies on and saving a screenshot of each view to artifacts/ui/.

import { expect, test } from '@playwright/test';
import { cspViolations, forbidDialogs, openDemo, shot } from './helpers';

test('first run: empty state, load samples, import panel', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openDemo(page, '#/');
  await expect(page.getByRole('heading', { name: 'Turn council minutes into evidence' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load sample minutes' })).toBeVisible();
  await shot(page, 'welcome');

  await page.getByRole('button', { name: 'Load sample minutes' }).click();
  const panel = page.getByRole('dialog', { name: /Import/ });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Import finished' })).toBeVisible({ timeout: 20_000 });
  await expect(panel.getByText(/^\d+ imported$/)).toHaveText('29 imported');
  await expect(panel.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '29');
  await expect(panel.locator('.outcome.imported').first()).toContainText('·');
  await shot(page, 'import-samples');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // The library filled in behind the panel without a reload.
  await expect(page.getByRole('table', { name: 'Meetings' })).toBeVisible();
  expect(errors, 'no uncaught errors').toEqual([]);
  expect(await cspViolations(page), 'the UI runs under the app CSP').toEqual([]);
});

test('import from the picker reports each file with a friendly reason', async ({ page }) => {
  await openDemo(page, '#/library', { full: true });
  await expect(page.getByRole('table', { name: 'Meetings' })).toBeVisible();
  await page.keyboard.press('Control+o');
  const panel = page.getByRole('dialog', { name: /Import/ });
  await expect(panel.getByRole('heading', { name: 'Import finished' })).toBeVisible({ timeout: 20_000 });
  await expect(panel.locator('.outcome.failed')).toHaveCount(3);
  await expect(panel).toContainText('The PDF is password-protected');
  await expect(panel).toContainText('The PDF has no text to read');
  await expect(panel).toContainText('This kind of file cannot be read');
  await expect(panel.locator('.outcome.duplicate')).toHaveCount(1);
  await expect(panel.locator('.outcome.imported')).toHaveCount(2);
  await expect(panel.locator('.outcome.imported').first()).toContainText(/Council|Town/);
  await shot(page, 'import');
});

test('library: filter, sort, keyboard, correct and delete', async ({ page }) => {
  await openDemo(page, '#/library', { full: true });
  const table = page.getByRole('table', { name: 'Meetings' });
  const rows = table.locator('tbody tr[data-row]');
  await expect(rows).toHaveCount(29);
  await shot(page, 'library');

  await page.getByRole('combobox', { name: 'Council', exact: true }).selectOption('Kilbrack County Council');
  await expect(rows).toHaveCount(7);
  for (const text of await rows.locator('td:nth-child(2)').allTextContents()) expect(text).toContain('Kilbrack');
  await expect(page).toHaveURL(/council=Kilbrack/);

  // Undated meetings sort last whichever way the dates go.
  await expect(rows.last()).toContainText('No date stated');
  await page.getByRole('button', { name: 'Date' }).click();
  await expect(table.locator('th[aria-sort="ascending"]')).toHaveText(/Date/);
  await expect(rows.first()).toContainText('2022');
  await expect(rows.last()).toContainText('No date stated');

  // Needs review: the undated meeting is flagged; correct its date inline.
  await page.getByRole('checkbox', { name: /Needs review/ }).check();
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole('button', { name: /Correct/ }).click();
  const dateInput = page.getByLabel('Meeting date (YYYY-MM-DD)');
  await dateInput.fill('2021-06-31');
  await expect(page.getByText('Write the date as YYYY-MM-DD')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  await dateInput.fill('2021-06-24');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(rows).toHaveCount(0);
  await page.getByRole('checkbox', { name: /Needs review/ }).uncheck();
  const corrected = rows.filter({ hasText: '24 Jun 2021' });
  await expect(corrected).toHaveCount(1);
  await expect(corrected.getByText('corrected')).toBeVisible();

  // Keyboard: arrows move between rows, Delete asks first, Enter opens.
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete this meeting?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(rows).toHaveCount(6);
  await rows.first().focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/meeting\/\d+/);
});

test('meeting: a fact click scrolls to and highlights its passage', async ({ page }) => {
  await openDemo(page, '#/library', { full: true });
  await page.getByRole('link', { name: 'harrowfield-cyp-scrutiny-2022-06-21.pdf' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Children and Young People Scrutiny Committee');
  await expect(page.locator('.people li', { hasText: 'Amara Okafor' }).getByText('Chair')).toBeVisible();

  const figure = page.locator('#m-figures button.fact').filter({ hasText: '24' }).first();
  await figure.scrollIntoViewIfNeeded();
  await figure.click();
  const passage = page.locator('.page-text [data-k~="f:5"]');
  await expect(passage).toHaveText('24 cases per social worker');
  await expect(passage).toHaveClass(/selected/);
  await expect(passage).toHaveClass(/flash/);
  await expect(passage).toBeInViewport();
  await shot(page, 'meeting');

  // Showing a theme marks the words that put the meeting under it.
  await page.getByRole('button', { name: /^Fostering/, pressed: false }).click();
  const themed = page.locator('.page-text .hl-theme');
  expect(await themed.count()).toBeGreaterThan(3);
  for (const word of await themed.allTextContents()) expect(word.toLowerCase()).toMatch(/^foster/);
  await themed.first().scrollIntoViewIfNeeded();
  await shot(page, 'meeting-theme');

  // Evidence for the date: the chip scrolls to where the date was read.
  await page.getByRole('button', { name: /Tuesday, 21 June 2022/ }).click();
  await expect(page.locator('.page-text [data-k~="e:meetingDate"]')).toHaveClass(/selected/);

  // A deep link to a paragraph lands on it.
  const pid = await page.locator('.page-text [id^="para-"]').nth(8).getAttribute('id');
  const url = new URL(page.url());
  await page.goto(`${url.pathname}${url.search}${url.hash.split('?')[0]}?para=${pid!.slice(5)}`);
  await expect(page.locator(`#${pid}`)).toHaveClass(/selected/);
  await expect(page.locator(`#${pid}`)).toBeInViewport();
});

test('timeline: lanes, tooltip, click through, undated apart', async ({ page }) => {
  await openDemo(page, '#/timeline', { full: true });
  const chart = page.getByRole('img', { name: /Timeline of \d+ meetings/ });
  await expect(chart.locator('svg')).toBeVisible();
  await expect(page.getByText('No date stated — window 16 Jun–1 Jul 2021')).toBeVisible();
  await expect(chart).toContainText('Harrowfield Borough Council');

  // Marks are SVG paths with the council's colour; hover one for its tooltip, click to open.
  const box = await chart.boundingBox();
  const marks = chart.locator('svg path[fill-opacity], svg path').filter({ hasNot: page.locator('title') });
  expect(await marks.count()).toBeGreaterThan(20);
  const point = await page.evaluate(() => {
    const paths = [...document.querySelectorAll<SVGPathElement>('.chart svg path')];
    const mark = paths.find((p) => {
      const r = p.getBoundingClientRect();
      return r.width > 8 && r.width < 40 && Math.abs(r.width - r.height) < 1.5 && p.getAttribute('fill') !== 'none';
    });
    if (!mark) return null;
    const r = mark.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  expect(point, 'a meeting mark is drawn').not.toBeNull();
  expect(box).not.toBeNull();
  await page.mouse.move(point!.x, point!.y);
  await expect(page.locator('.chart-tip')).toBeVisible();
  await expect(page.locator('.chart-tip .tip-title')).not.toBeEmpty();
  await shot(page, 'timeline');
  expect(await cspViolations(page), 'charts run under the app CSP').toEqual([]);
  await page.mouse.click(point!.x, point!.y);
  await expect(page).toHaveURL(/#\/meeting\/\d+/);
});

test('themes: heatmap cell opens passages; trends; codebook preview; candidates', async ({ page }) => {
  await openDemo(page, '#/themes', { full: true });
  const table = page.getByRole('table', { name: 'Themes by council' });
  await expect(table).toBeVisible();
  const cell = table.getByRole('button', { name: /^Fostering in Harrowfield Borough Council/ });
  await expect(cell).toBeVisible();
  await shot(page, 'themes');
  await cell.click();
  const drawer = page.getByRole('dialog', { name: /Fostering — Harrowfield/ });
  await expect(drawer).toBeVisible();
  const keys = drawer.locator('.kwic-key');
  expect(await keys.count()).toBeGreaterThan(3);
  for (const k of await keys.allTextContents()) expect(k.toLowerCase()).toMatch(/^foster/);
  await shot(page, 'themes-passages');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  await cell.click();
  await drawer.locator('.kwic-line').first().click();
  await expect(page).toHaveURL(/#\/meeting\/\d+\?para=\d+/);
  await expect(page.locator('.page-text .selected').first()).toBeInViewport();

  await openDemo(page, '#/themes?tab=trends', { full: true });
  await expect(page.getByRole('img', { name: /Trend of/ }).locator('svg')).toBeVisible();
  await page.getByRole('radio', { name: 'Year' }).click();
  await expect(page).toHaveURL(/period=year/);
  await shot(page, 'themes-trends');

  await page.getByRole('tab', { name: 'Codebook' }).click();
  await page.getByLabel('New pattern for finds paragraphs with').fill('emergency accommodation');
  await expect(page.getByText(/“emergency accommodation” matches \d+ paragraphs in \d+ meetings/)).toBeVisible();
  await shot(page, 'themes-codebook');

  await page.getByRole('tab', { name: 'Candidates' }).click();
  await expect(page.locator('.candidate').first()).toBeVisible();
  const phrase = (await page.locator('.candidate h3').first().textContent()) ?? '';
  await shot(page, 'themes-candidates');
  await page.locator('.candidate').first().getByRole('button', { name: 'Add as theme' }).click();
  await expect(page.locator('.candidate h3', { hasText: phrase })).toHaveCount(0);
});

test('compare: two councils side by side, figures cite sources, export', async ({ page }) => {
  await openDemo(page, '#/compare', { full: true });
  await expect(page.getByText('Choose councils to compare')).toBeVisible();
  await page.getByRole('button', { name: /Harrowfield Borough Council/ }).click();
  await page.getByRole('button', { name: /Northwold County Council/ }).click();
  await expect(page.getByRole('article', { name: 'Harrowfield Borough Council' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Northwold County Council' })).toBeVisible();
  const figures = page.locator('.figures-table');
  await expect(figures.getByRole('rowheader', { name: 'Caseload per social worker' })).toBeVisible();
  const cite = figures.locator('a.figure-main').first();
  await expect(cite).toHaveAttribute('href', /#\/meeting\/\d+\?para=\d+/);
  await page.waitForTimeout(200);
  await shot(page, 'compare');
  await page.getByRole('button', { name: 'CSV' }).click();
  await expect(page.getByText(/Saved to .*comparison-harrowfield-northwold\.csv/)).toBeVisible();
  await cite.click();
  await expect(page.locator('.page-text .selected').first()).toBeVisible();
});

test('search: shortcut, highlighted snippets, filters, invalid query', async ({ page }) => {
  await openDemo(page, '#/library', { full: true });
  await expect(page.getByRole('table', { name: 'Meetings' })).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('searchbox', { name: 'Search all minutes' })).toBeFocused();
  await page.keyboard.type('foster*');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/search\?q=foster/);
  await expect(page.getByText(/\d+ paragraphs match/)).toBeVisible();
  const marks = page.locator('.hit-snippet mark');
  expect(await marks.count()).toBeGreaterThan(5);
  for (const m of (await marks.allTextContents()).slice(0, 10)) expect(m.toLowerCase()).toMatch(/^foster/);
  const snippets = (await page.locator('.hit-snippet').allTextContents()).join('');
  expect(snippets.includes('\u0002') || snippets.includes('\u0003'), 'snippet markers never reach the screen').toBe(false);
  await shot(page, 'search');

  await page.getByRole('combobox', { name: 'Council', exact: true }).selectOption('Northwold County Council');
  await expect(page.locator('.hit-source strong').first()).toHaveText('Northwold County Council');
  await page.locator('a.hit').first().click();
  await expect(page).toHaveURL(/#\/meeting\/\d+\?para=\d+/);
  await page.goBack();
  await expect(page).toHaveURL(/#\/search/);

  await page.getByLabel('Search text').fill('"foster carers');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('A quoted phrase is not closed');
});

test('settings and the dark theme', async ({ page }) => {
  const dialogs: string[] = [];
  forbidDialogs(page, dialogs);
  await openDemo(page, '#/settings', { full: true });
  await expect(page.getByText('0.1.0 (demo)')).toBeVisible();
  await page.getByRole('button', { name: 'Back up library…' }).click();
  await expect(page.getByText(/Saved to .*scrutineer-backup-.*\.db/)).toBeVisible();
  await shot(page, 'settings');
  await page.getByRole('radio', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(18, 21, 26)');
  await shot(page, 'settings-dark');
  for (const [hash, name] of [
    ['#/library', 'library-dark'],
    ['#/themes', 'themes-dark'],
    ['#/timeline', 'timeline-dark'],
    ['#/compare?c=Harrowfield+Borough+Council&c=Kilbrack+County+Council', 'compare-dark'],
  ] as const) {
    await page.evaluate((h) => (window.location.hash = h), hash);
    await page.waitForTimeout(300);
    await expect(page.locator('.view')).toBeVisible();
    await shot(page, name);
  }
  await page.locator('a.nav-item', { hasText: 'Library' }).click();
  await page.getByRole('link', { name: 'kilbrack-housing-spc-2023-02-14.pdf' }).click();
  await expect(page.locator('.page-text').first()).toBeVisible();
  await shot(page, 'meeting-dark');
  expect(dialogs).toEqual([]);
});

test('system dark preference is followed', async ({ page }) => {
  await openDemo(page, '#/', { dark: true });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot(page, 'welcome-dark');
});
