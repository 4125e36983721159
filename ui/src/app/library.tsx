// The library as the whole window sees it: what it holds (stats for the sidebar and filters), a
// version number that views reload on, and the import and re-theming in flight. Backend events
// land here once; views never subscribe to them directly.

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { toApiError, type ApiError } from '../api/errors';
import type { Codebook, ImportOutcome, ImportProgress, ImportSummary, LibraryStats } from '../api/model';
import { useApi } from './ApiContext';

export type ImportState = {
  running: boolean;
  done: number;
  total: number;
  outcomes: ImportOutcome[];
  summary: ImportSummary | null;
  error: ApiError | null;
};

export type ThemesState = { running: boolean; done: number; total: number };

type LibraryContextValue = {
  /** Bumped whenever stored data changes; views reload when it does. */
  version: number;
  stats: LibraryStats | null;
  statsError: ApiError | null;
  refresh: () => void;
  importState: ImportState;
  importPanelOpen: boolean;
  setImportPanelOpen: (open: boolean) => void;
  startImport: (paths: string[]) => Promise<void>;
  loadSamples: () => Promise<void>;
  pickAndImport: (what: 'files' | 'folder') => Promise<void>;
  cancelImport: () => Promise<void>;
  themes: ThemesState;
  /**
   * Saves the codebook. Re-applying it to the library is reported in `themes` from the moment of
   * the call until `themes-done` (which the backend may send before or after the call answers);
   * a refused codebook rejects and changes nothing.
   */
  saveCodebook: (codebook: Codebook) => Promise<void>;
};

const LibraryContext = createContext<LibraryContextValue | null>(null);

const IDLE: ImportState = { running: false, done: 0, total: 0, outcomes: [], summary: null, error: null };

/** How long to wait after a document lands before views reload, so a big import does not thrash them. */
export const REFRESH_DEBOUNCE_MS = 400;

/**
 * Progress arrives once per file. Applying each event on its own re-renders the window a thousand
 * times in a thousand-file import and starves its drawing, so events are gathered and applied
 * together at most this often.
 */
export const PROGRESS_FLUSH_MS = 150;

/** While an import runs, views reload at most this often: each reload lists the library afresh. */
export const IMPORT_REFRESH_MS = 1500;

export function LibraryProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [version, setVersion] = useState(0);
  const [stats, setStats] = useState<LibraryStats | null>(null);
  const [statsError, setStatsError] = useState<ApiError | null>(null);
  const [importState, setImportState] = useState<ImportState>(IDLE);
  const [importPanelOpen, setImportPanelOpen] = useState(false);
  const [themes, setThemes] = useState<ThemesState>({ running: false, done: 0, total: 0 });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<ImportProgress[]>([]);
  const flushTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refresh = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setVersion((v) => v + 1);
  }, []);

  const refreshSoon = useCallback((delay: number = REFRESH_DEBOUNCE_MS) => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      setVersion((v) => v + 1);
    }, delay);
  }, []);

  /** Applies the progress gathered since the last flush, in one render. */
  const flushProgress = useCallback(() => {
    if (flushTimer.current) clearTimeout(flushTimer.current);
    flushTimer.current = null;
    const batch = pending.current;
    pending.current = [];
    const last = batch.at(-1);
    if (!last) return;
    setImportState((s) => ({ ...s, running: true, done: last.done, total: last.total, outcomes: [...s.outcomes, ...batch.map((p) => p.outcome)] }));
    if (batch.some((p) => p.outcome.status === 'imported')) refreshSoon(last.done < last.total ? IMPORT_REFRESH_MS : REFRESH_DEBOUNCE_MS);
  }, [refreshSoon]);

  useEffect(() => {
    let live = true;
    api.libraryStats().then(
      (s) => {
        if (!live) return;
        setStats(s);
        setStatsError(null);
      },
      (e: unknown) => {
        if (live) setStatsError(toApiError(e));
      },
    );
    return () => {
      live = false;
    };
  }, [api, version]);

  useEffect(() => {
    const unlisteners: Array<Promise<() => void>> = [
      api.onImportProgress((p) => {
        pending.current.push(p);
        if (!flushTimer.current) flushTimer.current = setTimeout(flushProgress, PROGRESS_FLUSH_MS);
      }),
      api.onImportDone((summary) => {
        flushProgress();
        setImportState((s) => ({ ...s, running: false, summary }));
        refresh();
      }),
      api.onThemesProgress((p) => setThemes({ running: true, done: p.done, total: p.total })),
      api.onThemesDone(() => {
        setThemes((t) => ({ ...t, running: false }));
        refresh();
      }),
    ];
    return () => {
      for (const u of unlisteners) void u.then((stop) => stop());
      if (timer.current) clearTimeout(timer.current);
      if (flushTimer.current) clearTimeout(flushTimer.current);
    };
  }, [api, refresh, flushProgress]);

  const begin = useCallback(
    async (run: () => Promise<void>) => {
      setImportState({ ...IDLE, running: true });
      setImportPanelOpen(true);
      try {
        await run();
      } catch (e) {
        setImportState((s) => ({ ...s, running: false, error: toApiError(e) }));
      }
    },
    [],
  );

  const startImport = useCallback((paths: string[]) => begin(() => api.importPaths(paths)), [api, begin]);
  const loadSamples = useCallback(() => begin(() => api.loadSamples()), [api, begin]);
  const running = useRef(false);
  running.current = importState.running;
  const pickAndImport = useCallback(
    async (what: 'files' | 'folder') => {
      // One import at a time: asking again while one runs shows its progress instead.
      if (running.current) {
        setImportPanelOpen(true);
        return;
      }
      try {
        const paths = await api.pickImport(what);
        if (paths && paths.length > 0) await startImport(paths);
      } catch (e) {
        setImportState({ ...IDLE, error: toApiError(e) });
        setImportPanelOpen(true);
      }
    },
    [api, startImport],
  );
  const cancelImport = useCallback(() => api.cancelImport(), [api]);
  const saveCodebook = useCallback(
    async (codebook: Codebook) => {
      setThemes({ running: true, done: 0, total: 0 });
      try {
        await api.saveCodebook(codebook);
      } catch (e) {
        setThemes((t) => ({ ...t, running: false }));
        throw e;
      }
    },
    [api],
  );

  const value = useMemo<LibraryContextValue>(
    () => ({
      version,
      stats,
      statsError,
      refresh,
      importState,
      importPanelOpen,
      setImportPanelOpen,
      startImport,
      loadSamples,
      pickAndImport,
      cancelImport,
      themes,
      saveCodebook,
    }),
    [version, stats, statsError, refresh, importState, importPanelOpen, startImport, loadSamples, pickAndImport, cancelImport, themes, saveCodebook],
  );
  return <LibraryContext.Provider value={value}>{children}</LibraryContext.Provider>;
}

export function useLibrary(): LibraryContextValue {
  const value = useContext(LibraryContext);
  if (!value) throw new Error('useLibrary() must be used inside <LibraryProvider>.');
  return value;
}
