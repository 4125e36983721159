// Renders a view as the app would: inside the api, theme and library providers, at a hash.

import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { FakeApi, type FakeOptions } from '../api/fake';
import { ApiProvider } from '../app/ApiContext';
import { LibraryProvider } from '../app/library';
import { ThemeProvider } from '../app/theme';

export function renderWithApi(
  ui: ReactElement,
  options: { hash?: string; api?: FakeApi; fake?: FakeOptions } = {},
): RenderResult & { api: FakeApi } {
  const api = options.api ?? new FakeApi({ seeded: true, dropTarget: null, ...options.fake });
  window.location.hash = options.hash ?? '#/';
  const result = render(
    <ApiProvider api={api}>
      <ThemeProvider>
        <LibraryProvider>{ui}</LibraryProvider>
      </ThemeProvider>
    </ApiProvider>,
  );
  return { ...result, api };
}
