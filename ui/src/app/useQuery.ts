// Loading data for a view: the state every view shows (loading, error, data), reloaded when its
// inputs change or the library changes. The previous data stays on screen while a reload runs, so
// a refresh during an import does not flash the view empty; answers that arrive out of order are
// dropped.

import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '../api/errors';
import { useLibrary } from './library';

export type Query<T> = {
  data: T | undefined;
  error: ApiError | null;
  /** True until the first answer, and while a reload runs. */
  loading: boolean;
  reload: () => void;
};

export function useQuery<T>(load: () => Promise<T>, deps: ReadonlyArray<unknown>, options: { enabled?: boolean } = {}): Query<T> {
  const { version } = useLibrary();
  const enabled = options.enabled ?? true;
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [nonce, setNonce] = useState(0);
  const ticket = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    const mine = ++ticket.current;
    setLoading(true);
    loadRef.current().then(
      (result) => {
        if (mine !== ticket.current) return;
        setData(result);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== ticket.current) return;
        setError(toApiError(e));
        setLoading(false);
      },
    );
    // The caller's deps decide when to reload, plus the library version and explicit reloads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version, nonce, enabled]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** A value that follows `value` after it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
