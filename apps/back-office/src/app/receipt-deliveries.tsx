import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { type Deliveries, failureText, receiptService } from './api.js';
import { useI18n } from './i18n/i18n-context.js';

/**
 * A receipt's e-mail deliveries (state, attempts, last error; never the address) and, for staff
 * holding `receipts.resend`, one more delivery to the known address or a new one.
 */
export function ReceiptDeliveries({ receiptId, mayResend }: { receiptId: string; mayResend: boolean }) {
  const { t } = useI18n();
  const [deliveries, setDeliveries] = useState<Deliveries | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const emailId = useId();

  const load = useCallback(() => {
    receiptService.receipts.delivery.query({ receiptId }).then(
      (answer) => setDeliveries(answer.deliveries),
      (caught: unknown) => setError(failureText(caught)),
    );
  }, [receiptId]);
  useEffect(load, [load]);

  const resend = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    receiptService.receipts.resendEmail
      .mutate({ receiptId, ...(email.trim() !== '' && { email: email.trim() }) })
      .then(
        () => {
          setNotice(t.receipts.resent);
          load();
        },
        (caught: unknown) => setError(failureText(caught)),
      );
  };

  return (
    <div className="deliveries" data-testid={`deliveries-${receiptId}`}>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {deliveries &&
        (deliveries.length === 0 ? (
          <p>{t.receipts.noDeliveries}</p>
        ) : (
          <ul>
            {deliveries.map((delivery) => (
              <li key={delivery.deliveryId} data-state={delivery.state}>
                {t.receipts.source[delivery.source] ?? delivery.source}:{' '}
                <strong>{t.receipts.state[delivery.state] ?? delivery.state}</strong> ({delivery.attempts}{' '}
                {t.receipts.attempts}){delivery.lastError ? ` — ${delivery.lastError}` : ''}
              </li>
            ))}
          </ul>
        ))}
      {mayResend && (
        <form className="inline-form" onSubmit={resend}>
          <label htmlFor={emailId}>{t.receipts.resendTo}</label>
          <input id={emailId} type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
          <button type="submit">{t.receipts.resend}</button>
        </form>
      )}
      {notice && <p role="status">{notice}</p>}
    </div>
  );
}
