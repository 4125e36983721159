// Picks the backend: the desktop app's Tauri commands when running inside Tauri, otherwise the
// in-memory demo library. Both are imported lazily so the browser build never loads Tauri's
// modules and the app never loads the demo fixtures.

import type { ScrutineerApi } from './types';

export type { ScrutineerApi } from './types';

/** True inside the Tauri webview. */
export function insideTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

export async function createApi(): Promise<ScrutineerApi> {
  if (insideTauri()) {
    const { createTauriApi } = await import('./tauri');
    return createTauriApi();
  }
  const { createFakeApi } = await import('./fake');
  // `?demo=full` opens the demo with the samples already imported; `?demo=fast` drops the
  // pretend latency (the Playwright tests use both).
  const params = new URLSearchParams(window.location.search);
  const demo = params.getAll('demo');
  const fast = demo.includes('fast');
  return createFakeApi({
    seeded: demo.includes('full'),
    latency: fast ? 0 : 80,
    importDelay: fast ? 20 : 140,
  });
}
