import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { failureText, loyaltyService, type Memberships } from './api.js';
import { REASON_MIN } from './curation.js';
import { useI18n } from './i18n/i18n-context.js';

type Hashes = { type: 'card' | 'email'; hash: string }[];

/** Tier, points and marketing consent of the members holding the customer's cards and e-mails. */
export function CustomerLoyalty(props: { tenantId: string; identifiers: Hashes; mayAdjust: boolean }) {
  const { t, count } = useI18n();
  const [members, setMembers] = useState<Memberships | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { tenantId, identifiers } = props;
  const key = JSON.stringify(identifiers);
  const load = useCallback(() => {
    const named: Hashes = JSON.parse(key) as Hashes;
    if (named.length === 0) return setMembers([]);
    loyaltyService.members.ofCustomer.query({ tenantId, identifiers: named }).then(
      (answer) => setMembers(answer.members),
      (caught: unknown) => setError(failureText(caught)),
    );
  }, [tenantId, key]);
  useEffect(load, [load]);

  const consent = (value: boolean | null) =>
    value === null ? t.customer.consentUnknown : value ? t.customer.consentYes : t.customer.consentNo;
  return (
    <section aria-labelledby="loyalty-title" className="block" data-testid="customer-loyalty">
      <h3 id="loyalty-title">{t.customer.loyalty}</h3>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {members?.length === 0 && <p>{t.customer.noMember}</p>}
      {members?.map(({ member, balance }) => (
        <div key={member.memberId} className="member" data-member={member.memberId}>
          <dl className="facts">
            <dt>{t.customer.tier}</dt>
            <dd data-testid="tier">{member.tier ?? t.customer.noTier}</dd>
            <dt>{t.customer.points}</dt>
            <dd data-testid="points" data-available={balance.available}>
              {count(balance.available)}
              {balance.pending > 0 && ` (+${count(balance.pending)} ${t.customer.pending})`}
            </dd>
            <dt>{t.customer.consent}</dt>
            <dd data-testid="consent">{consent(member.marketingConsent)}</dd>
          </dl>
          {member.consentHistory.length > 0 && (
            <details>
              <summary>{t.customer.consentHistory}</summary>
              <ul>
                {member.consentHistory.map((change) => (
                  <li key={change.at + change.source}>
                    {change.at.slice(0, 10)}: {consent(change.granted)} ({change.source})
                  </li>
                ))}
              </ul>
            </details>
          )}
          {props.mayAdjust && <AdjustPoints memberId={member.memberId} onDone={load} />}
        </div>
      ))}
    </section>
  );
}

function AdjustPoints({ memberId, onDone }: { memberId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pointsId = useId();
  const reasonId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    loyaltyService.ledger.adjust
      .mutate({ memberId, requestId: crypto.randomUUID(), points: Number(points), reason: reason.trim() })
      .then(
        () => {
          setNotice(t.customer.adjusted);
          setPoints('');
          setReason('');
          onDone();
        },
        (caught: unknown) => setError(failureText(caught)),
      );
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-labelledby={`${pointsId}-title`}>
      <h4 id={`${pointsId}-title`}>{t.customer.adjust}</h4>
      <label htmlFor={pointsId}>{t.customer.adjustPoints}</label>
      <input
        id={pointsId}
        required
        type="number"
        step={1}
        value={points}
        onChange={(event) => setPoints(event.target.value)}
      />
      <label htmlFor={reasonId}>{t.customer.reason}</label>
      <input
        id={reasonId}
        required
        minLength={REASON_MIN}
        maxLength={500}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <button type="submit">{t.customer.adjust}</button>
      {notice && <p role="status">{notice}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
