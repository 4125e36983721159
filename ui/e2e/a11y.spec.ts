// Accessibility: axe-core (WCAG 2 A and AA rules) on every view, in light and dark. Serious and
// critical findings fail the test; the list names the rule and the elements so they can be fixed.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { openDemo } from './helpers';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

type Finding = { id: string; impact: string | null; help: string; targets: string[] };

async function audit(page: Page): Promise<Finding[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

const VIEWS: Array<[string, string, string]> = [
  ['welcome', '#/', 'Turn council minutes into evidence'],
  ['library', '#/library', 'Library'],
  ['meeting', '#/meeting/1', 'Children and Young People Scrutiny Committee'],
  ['timeline', '#/timeline', 'Timeline'],
  ['heatmap', '#/themes', 'Themes'],
  ['trends', '#/themes?tab=trends', 'Themes'],
  ['codebook', '#/themes?tab=codebook', 'Themes'],
  ['compare', '#/compare?c=Harrowfield+Borough+Council&c=Northwold+County+Council', 'Compare councils'],
  ['search', '#/search?q=foster*', 'Search'],
  ['settings', '#/settings', 'Settings'],
];

for (const dark of [false, true]) {
  test(`no serious accessibility findings in any view (${dark ? 'dark' : 'light'})`, async ({ page }) => {
    // Audit settled pages: a drawer caught mid-slide is translucent and reads as low contrast.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const failures: string[] = [];
    for (const [name, hash, heading] of VIEWS) {
      await openDemo(page, hash, { full: name !== 'welcome', dark });
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await page.waitForTimeout(250);
      for (const f of await audit(page)) {
        if (f.impact === 'serious' || f.impact === 'critical') failures.push(`${name}: ${f.id} (${f.impact}) ${f.help} — ${f.targets.join(' | ')}`);
      }
    }

    // Panels over a view: the passages behind a heatmap cell, and the import drawer.
    await openDemo(page, '#/themes?theme=fostering&council=Harrowfield+Borough+Council', { full: true, dark });
    await expect(page.getByRole('dialog', { name: /Fostering — Harrowfield/ }).locator('.kwic-line').first()).toBeVisible();
    for (const f of await audit(page)) if (f.impact === 'serious' || f.impact === 'critical') failures.push(`passages: ${f.id} ${f.help} — ${f.targets.join(' | ')}`);
    await openDemo(page, '#/library', { full: true, dark });
    const importButton = page.getByRole('button', { name: 'Import', exact: true });
    await importButton.click();
    await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
    // Audit the settled window: the button is enabled again and not under the pointer (progress
    // is applied in batches, so the heading can show a moment before the button comes back).
    await expect(importButton).toBeEnabled();
    await page.mouse.move(0, 0);
    await page.waitForTimeout(250);
    for (const f of await audit(page)) if (f.impact === 'serious' || f.impact === 'critical') failures.push(`import: ${f.id} ${f.help} — ${f.targets.join(' | ')}`);
    expect(failures, failures.join('\n')).toEqual([]);
  });
}
