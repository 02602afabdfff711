import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson } from './api.ts';

export interface Loaded<T> {
  /** The latest answer; while another path loads it stays on screen rather than flashing away. */
  data: T | null;
  error: ApiError | null;
  /** True from the very render that asks for a new path until its answer arrives (for aria-busy). */
  loading: boolean;
}

/** Loads one API path, refetching when it changes; a stale answer never overwrites a newer one. */
export function useApi<T>(path: string): Loaded<T> {
  const [state, setState] = useState<{ path: string | null; data: T | null; error: ApiError | null }>({ path: null, data: null, error: null });
  useEffect(() => {
    const ctl = new AbortController();
    getJson<T>(path, ctl.signal).then(
      (data) => setState({ path, data, error: null }),
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        const error = err instanceof ApiError ? err : new ApiError(0, `could not reach the server: ${String(err)}`);
        setState({ path, data: null, error });
      },
    );
    return () => ctl.abort();
  }, [path]);
  const current = state.path === path;
  return { data: state.data, error: current ? state.error : null, loading: !current };
}
