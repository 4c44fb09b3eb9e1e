import type { Problem } from '../api/problems.js';
import { useI18n } from '../i18n/i18n-context.js';
import { problemMessage } from './problem-message.js';

/** Announced politely: a screen reader says "Loading…" without interrupting. */
export function Loading() {
  const { t } = useI18n();
  return (
    <p className="status" role="status">
      <span className="spinner" aria-hidden="true" />
      {t.common.loading}
    </p>
  );
}

export function Failure({ problem, onRetry }: { problem: Problem; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notice notice--error" role="alert">
      <p>
        <strong>{t.common.loadError}</strong> {problemMessage(t, problem)}
      </p>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {t.common.retry}
      </button>
    </div>
  );
}
