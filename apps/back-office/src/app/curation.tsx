import { type FormEvent, useId, useState } from 'react';
import { useI18n } from './i18n/i18n-context.js';

export const REASON_MIN = 10;

/**
 * One curation action (cut a link, quarantine, never-link): a button that opens a reason field
 * and a confirmation, so nothing changes on a stray click and every change says why (the reason
 * travels with the call and lands in the service's audit log).
 */
export function CurationAction(props: {
  label: string;
  /** Says on what, for screen readers (the button text alone repeats on every row). */
  target: string;
  run: (reason: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    props.run(reason.trim()).then(
      () => setOpen(false),
      (caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)),
    );
  };
  if (!open)
    return (
      <button
        type="button"
        className="small"
        onClick={() => setOpen(true)}
        aria-label={`${props.label}: ${props.target}`}
      >
        {props.label}
      </button>
    );
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`${props.label}: ${props.target}`}>
      <label htmlFor={id}>{t.customer.curateReason}</label>
      <input
        id={id}
        required
        minLength={REASON_MIN}
        maxLength={500}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <button type="submit">{t.customer.confirm}</button>
      <button type="button" onClick={() => setOpen(false)}>
        {t.customer.cancel}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
