/**
 * A hook for data loaded asynchronously: the latest answer, its error, and
 * a `reload()`. A newer load supersedes an older one (the older is aborted).
 *
 * @module
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { messageOf } from "./http.ts";

/** What {@link useAsync} returns. */
export interface Async<T> {
  data: T | undefined;
  /** The message to show, when the last load failed. */
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` now and whenever `deps` change.
 *
 * @example
 * const keys = useAsync((signal) => ok(client.GET("/api/keys", { signal })), []);
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    loader.current(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ data, loading: false }),
      (err) =>
        !ctl.signal.aborted && setState((s) => ({ ...s, error: messageOf(err), loading: false })),
    );
    return () => ctl.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
