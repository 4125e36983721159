// The api client, handed down from main.tsx. Views call `useApi()`; tests render views inside an
// `ApiProvider` with a fake client.

import { createContext, useContext, type ReactNode } from 'react';
import type { ScrutineerApi } from '../api/types';

const ApiContext = createContext<ScrutineerApi | null>(null);

export function ApiProvider({ api, children }: { api: ScrutineerApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): ScrutineerApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() must be used inside <ApiProvider>: views reach the backend only through it.');
  return api;
}
