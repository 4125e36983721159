// Hash-based routing, so that back and forward work in the app's webview and every view has an
// address: `#/meeting/12?para=345`, `#/search?q=fostering`. Query strings hold view state worth
// returning to (filters, the selected tab), and nothing else.

import { useCallback, useSyncExternalStore } from 'react';

export type RouteName = 'home' | 'library' | 'meeting' | 'timeline' | 'themes' | 'compare' | 'search' | 'settings';

export type Route = {
  name: RouteName;
  /** Path parameters, e.g. the meeting id. */
  id: string | null;
  query: URLSearchParams;
};

const NAMES: RouteName[] = ['library', 'meeting', 'timeline', 'themes', 'compare', 'search', 'settings'];

/** Reads a hash such as `#/meeting/12?para=3`. Anything unknown is the home route. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  const first = segments[0] as RouteName | undefined;
  const name: RouteName = first && NAMES.includes(first) ? first : 'home';
  return { name, id: segments[1] ?? null, query: new URLSearchParams(search) };
}

type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string>;

/** Builds a hash for a route: `href('meeting', 12, { para: 3 })` → `#/meeting/12?para=3`. */
export function href(name: RouteName, id?: string | number | null, query?: Record<string, QueryValue>): string {
  let path = name === 'home' ? '#/' : `#/${name}`;
  if (id !== undefined && id !== null) path += `/${encodeURIComponent(String(id))}`;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined || value === false || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.set(key, value === true ? '1' : String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Goes to a hash. `replace` swaps the current history entry (for filter changes). */
export function navigate(hash: string, options: { replace?: boolean } = {}): void {
  if (hash === window.location.hash) return;
  if (options.replace) {
    const url = new URL(window.location.href);
    url.hash = hash;
    window.history.replaceState(window.history.state, '', url);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

function snapshot(): string {
  return window.location.hash;
}

/** The current route; re-renders when the hash changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, snapshot, () => '');
  // A new URLSearchParams per render is cheap; views compare values, not the object.
  return parseHash(hash);
}

/** Replaces some query values of the current route, keeping the rest. */
export function useQueryUpdater(): (changes: Record<string, QueryValue>, options?: { push?: boolean }) => void {
  return useCallback((changes, options) => {
    const route = parseHash(window.location.hash);
    const query: Record<string, QueryValue> = {};
    for (const key of new Set(route.query.keys())) {
      const values = route.query.getAll(key);
      query[key] = values.length > 1 ? values : values[0];
    }
    Object.assign(query, changes);
    navigate(href(route.name, route.id, query), { replace: !options?.push });
  }, []);
}
