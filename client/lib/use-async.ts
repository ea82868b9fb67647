import { useCallback, useEffect, useRef, useState } from 'react';

export type AsyncState<T> = { status: 'loading'; data?: T } | { status: 'ready'; data: T } | { status: 'error'; error: string; data?: T };

/**
 * Loads data for a page and reloads it on demand or on an interval (live updates by polling).
 * Keeps the last data while reloading, so lists do not flash.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[], pollMs?: number | ((data: T | undefined) => number | undefined)) {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const dataRef = useRef<T | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const data = await load(ctrl.signal);
        if (ctrl.signal.aborted) return;
        dataRef.current = data;
        setState({ status: 'ready', data });
      } catch (e) {
        if (ctrl.signal.aborted) return;
        setState({ status: 'error', error: e instanceof Error ? e.message : String(e), ...(dataRef.current !== undefined ? { data: dataRef.current } : {}) });
      }
      const every = typeof pollMs === 'function' ? pollMs(dataRef.current) : pollMs;
      if (every && !ctrl.signal.aborted) timer = setTimeout(run, every);
    };
    void run();
    return () => {
      ctrl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [...deps, tick]);

  return {
    state,
    reload,
    setData: (data: T) => {
      dataRef.current = data;
      setState({ status: 'ready', data });
    },
  };
}
