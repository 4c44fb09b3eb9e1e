import { useCallback, useEffect, useState } from 'react';
import { type Problem, problemOf } from './api/problems.js';

export type Loaded<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; problem: Problem };

/**
 * Runs `load` when the screen opens (and on `reload`), dropping answers that arrive after the
 * screen closed. `load` must be stable (a module function or a memoised callback).
 */
export function useLoad<T>(load: () => Promise<T>): { state: Loaded<T>; reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let open = true;
    setState({ status: 'loading' });
    load().then(
      (data) => open && setState({ status: 'ready', data }),
      (error: unknown) => open && setState({ status: 'failed', problem: problemOf(error) }),
    );
    return () => {
      open = false;
    };
  }, [load, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
