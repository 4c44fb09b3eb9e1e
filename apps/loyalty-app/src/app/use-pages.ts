import { useCallback, useEffect, useRef, useState } from 'react';
import { type Problem, problemOf } from './api/problems.js';
import type { Page } from './api/views.js';

export interface Pages<T> {
  items: T[];
  /** `idle` between pages; `done` after the last one. */
  status: 'loading' | 'idle' | 'done' | 'failed';
  problem: Problem | null;
  /** Loads the next page; does nothing while one is loading or after the last. */
  loadMore: () => void;
}

/** A list read a page at a time, newest first, from the first page on. `loadPage` must be stable. */
export function usePages<T>(loadPage: (cursor: string | null) => Promise<Page<T>>): Pages<T> {
  const [items, setItems] = useState<T[]>([]);
  const [status, setStatus] = useState<Pages<T>['status']>('loading');
  const [problem, setProblem] = useState<Problem | null>(null);
  // Refs, not state: two quick calls (the button and the scroll sentinel) must see the same flag.
  const cursor = useRef<string | null>(null);
  const busy = useRef(false);
  const open = useRef(true);

  const load = useCallback(
    (first: boolean) => {
      if (busy.current) return;
      busy.current = true;
      setStatus('loading');
      setProblem(null);
      loadPage(first ? null : cursor.current).then(
        (page) => {
          busy.current = false;
          if (!open.current) return;
          cursor.current = page.nextCursor;
          setItems((earlier) => (first ? page.items : [...earlier, ...page.items]));
          setStatus(page.nextCursor ? 'idle' : 'done');
        },
        (error: unknown) => {
          busy.current = false;
          if (!open.current) return;
          setProblem(problemOf(error));
          setStatus('failed');
        },
      );
    },
    [loadPage],
  );

  useEffect(() => {
    open.current = true;
    cursor.current = null;
    load(true);
    return () => {
      open.current = false;
    };
  }, [load]);

  const loadMore = useCallback(() => {
    if (status === 'done') return;
    // After a failure on the first page there is no cursor yet: start over.
    load(cursor.current === null && items.length === 0);
  }, [load, status, items.length]);

  return { items, status, problem, loadMore };
}
