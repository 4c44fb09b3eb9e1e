import { useEffect, useRef } from 'react';
import type { Pages } from '../use-pages.js';
import { Failure, Loading } from './status-views.js';

/**
 * The end of a paged list: a button for the next page, which also loads by itself when it
 * scrolls into view (the "infinite" list), the loading and failure states, and the list's end.
 */
export function LoadMore({
  pages,
  label,
  end,
}: {
  pages: Pages<unknown>;
  label: string;
  end: string | null;
}) {
  const sentinel = useRef<HTMLDivElement>(null);
  const { status, loadMore } = pages;

  useEffect(() => {
    const element = sentinel.current;
    if (!element || status !== 'idle' || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((seen) => {
      if (seen.some((entry) => entry.isIntersecting)) loadMore();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [status, loadMore]);

  return (
    <div className="load-more" ref={sentinel}>
      {status === 'loading' && <Loading />}
      {status === 'failed' && pages.problem && <Failure problem={pages.problem} onRetry={loadMore} />}
      {status === 'idle' && (
        <button type="button" className="button button--secondary" onClick={loadMore}>
          {label}
        </button>
      )}
      {status === 'done' && end && <p className="load-more__end">{end}</p>}
    </div>
  );
}
