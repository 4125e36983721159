// Shared helpers for the Playwright walk-through: where screenshots go, and how to open the demo.

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

/** Screenshots land in the repo-root `artifacts/ui/` (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../artifacts/ui/', import.meta.url));
mkdirSync(ARTIFACTS, { recursive: true });

export function shot(page: Page, name: string) {
  return page.screenshot({ path: `${ARTIFACTS}${name}.png` });
}

/**
 * Opens the demo at a hash. `full` starts with the sample minutes imported. Every page records
 * Content-Security-Policy violations (the preview serves the app's CSP) for `cspViolations`.
 */
export async function openDemo(page: Page, hash: string, options: { full?: boolean; dark?: boolean } = {}) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  if (options.dark) await page.emulateMedia({ colorScheme: 'dark' });
  const query = options.full ? '?demo=full&demo=fast' : '?demo=fast';
  await page.goto(`/${query}${hash}`);
}

/** Fails the test if any script-created dialog opens. */
export function forbidDialogs(page: Page, seen: string[]) {
  page.on('dialog', async (dialog) => {
    seen.push(dialog.message());
    await dialog.dismiss();
  });
}

/** The CSP violations the page has reported since it opened. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}
