import { useCallback, useEffect, useId, useState } from 'react';
import {
  failureText,
  type Profile,
  reconciliationService,
  type StaffIdentity,
  type Suggestion,
} from './api.js';
import { DEFAULT_TENANT_ID } from './config.js';
import { fill } from './fill.js';
import { useI18n } from './i18n/i18n-context.js';

const PAGE = 10;
type Status = 'open' | 'merged';

/**
 * The identity review queue: the probabilistic suggestions, best first, a page at a time; each
 * pair shown side by side (identifier and profile, masked as the reviewer's roles say), with its
 * probability and evidence, to accept (the profiles merge) or reject (they never link) with a
 * reason that the reconciliation service writes to its audit log.
 */
export function ReviewQueue({ identity }: { identity: StaffIdentity }) {
  const { t } = useI18n();
  const tenantId = identity.tenants.find((tenant) => tenant !== '*') ?? DEFAULT_TENANT_ID;
  const [status, setStatus] = useState<Status>('open');
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const statusId = useId();

  const load = useCallback(
    async (cursor: string | null) => {
      setError(null);
      try {
        const page = await reconciliationService.suggestions.list.query({
          tenantId,
          status,
          limit: PAGE,
          ...(cursor && { cursor }),
        });
        setSuggestions((shown) => [...(cursor ? (shown ?? []) : []), ...page.suggestions]);
        setNext(page.nextCursor);
      } catch (caught) {
        setError(failureText(caught));
      }
    },
    [tenantId, status],
  );
  useEffect(() => {
    void load(null);
  }, [load]);
  const decided = (suggestionId: string, text: string) => {
    setNotice(text);
    setSuggestions((shown) => (shown ?? []).filter((s) => s.suggestionId !== suggestionId));
  };

  return (
    <section aria-labelledby="review-title" className="panel" data-testid="review-queue">
      <h2 id="review-title">{t.review.title}</h2>
      <p className="note">{t.review.intro}</p>
      <div className="filters">
        <div className="field">
          <label htmlFor={statusId}>{t.review.status}</label>
          <select id={statusId} value={status} onChange={(event) => setStatus(event.target.value as Status)}>
            <option value="open">{t.review.statusOpen}</option>
            <option value="merged">{t.review.statusMerged}</option>
          </select>
        </div>
        <button type="button" onClick={() => void load(null)}>
          {t.review.load}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      {suggestions?.length === 0 && <p role="status">{t.review.none}</p>}
      {suggestions?.map((suggestion) => (
        <SuggestionCard
          key={suggestion.suggestionId}
          tenantId={tenantId}
          suggestion={suggestion}
          onDecided={(text) => decided(suggestion.suggestionId, text)}
        />
      ))}
      {next && (
        <button type="button" onClick={() => void load(next)}>
          {t.review.more}
        </button>
      )}
    </section>
  );
}

function SuggestionCard(props: {
  tenantId: string;
  suggestion: Suggestion;
  onDecided: (text: string) => void;
}) {
  const { t, percent } = useI18n();
  const { tenantId, suggestion } = props;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonId = useId();
  const titleId = useId();
  const decide = (kind: 'accept' | 'reject') => () => {
    if (reason.trim().length < 3) return setError(t.review.reason);
    setBusy(true);
    setError(null);
    reconciliationService.suggestions[kind]
      .mutate({ tenantId, suggestionId: suggestion.suggestionId, reason: reason.trim() })
      .then(
        (result) =>
          props.onDecided(
            fill(kind === 'accept' ? t.review.accepted : t.review.rejected, {
              merged: result.merged,
              split: result.split,
            }),
          ),
        (caught: unknown) => setError(failureText(caught)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <article
      className="block suggestion"
      aria-labelledby={titleId}
      data-testid="suggestion"
      data-suggestion={suggestion.suggestionId}
    >
      <h3 id={titleId}>
        {suggestion.a.masked} ↔ {suggestion.b.masked}
      </h3>
      <dl className="facts">
        <div>
          <dt>{t.review.score}</dt>
          <dd data-testid="score">{percent(suggestion.score)}</dd>
        </div>
        <div>
          <dt>{t.review.evidence}</dt>
          <dd>
            <ul className="evidence" data-testid="evidence">
              {suggestion.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <div className="columns side-by-side">
        <Side tenantId={tenantId} title={t.review.sideA} side={suggestion.a} />
        <Side tenantId={tenantId} title={t.review.sideB} side={suggestion.b} />
      </div>
      {/* No submit on Enter: a decision is a click on one of the two buttons. */}
      <form className="inline-form" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={reasonId}>{t.review.reason}</label>
        <input
          id={reasonId}
          required
          minLength={3}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        {suggestion.status === 'open' && (
          <button type="button" disabled={busy} onClick={decide('accept')}>
            {t.review.accept}
          </button>
        )}
        <button type="button" disabled={busy} onClick={decide('reject')}>
          {t.review.reject}
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </article>
  );
}

/** One end of the pair: the identifier (masked) and the profile that holds it, masked as well. */
function Side(props: { tenantId: string; title: string; side: Suggestion['a'] }) {
  const { t, count } = useI18n();
  const { tenantId, side } = props;
  const [profile, setProfile] = useState<Profile | null>(null);
  useEffect(() => {
    if (!side.profileId) return;
    reconciliationService.profiles.get
      .query({ tenantId, profileId: side.profileId })
      .then(setProfile, () => setProfile(null));
  }, [tenantId, side.profileId]);
  const purchases = profile
    ? profile.figures.store.purchases +
      profile.figures.online.purchases +
      profile.figures.clickAndCollect.purchases
    : null;
  return (
    <section className="side" data-testid="side">
      <h4>{props.title}</h4>
      <dl className="facts">
        <div>
          <dt>{t.review.identifier}</dt>
          <dd data-identifier={side.type}>
            {side.type}: {side.masked}
          </dd>
        </div>
        <div>
          <dt>{t.review.profile}</dt>
          <dd>
            {side.profileId ? <code>{side.profileId}</code> : t.review.noProfile}
            {profile?.golden.name && ` · ${profile.golden.name.initials}`}
          </dd>
        </div>
        {profile && (
          <>
            <div>
              <dt>{t.review.identifiers}</dt>
              <dd>
                <ul className="evidence">
                  {profile.identifiers.map((identifier) => (
                    <li key={identifier.hash}>
                      {identifier.type}: {identifier.masked} ({identifier.sources.join(', ')})
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt>{t.review.purchases}</dt>
              <dd>{purchases === null ? '—' : count(purchases)}</dd>
            </div>
          </>
        )}
      </dl>
    </section>
  );
}
