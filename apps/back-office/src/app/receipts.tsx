import { type FormEvent, useState } from 'react';
import { failureText, receiptService, type StaffIdentity, type StoreReceiptPage } from './api.js';
import { DEFAULT_TENANT_ID } from './config.js';
import { useI18n } from './i18n/i18n-context.js';
import { ReceiptDeliveries } from './receipt-deliveries.js';

interface Criteria {
  storeId: string;
  day: string;
  slip: string;
  total: string;
  last4: string;
}

type Found = StoreReceiptPage['receipts'][number];

/** Euros typed by staff (`154,91` or `154.91`) in minor units; null when not an amount. */
export function minorUnits(typed: string): number | null {
  const text = typed.trim().replace(',', '.');
  if (!/^-?\d+(\.\d{1,2})?$/.test(text)) return null;
  return Math.round(Number(text) * 100);
}

/**
 * The receipt search: a store's day (or the number on the slip), narrowed by total and the card's
 * last four digits; each receipt opens its hosted page and shows its deliveries, with a resend
 * for those allowed. A store manager picks among her stores only.
 */
export function Receipts({ identity, today }: { identity: StaffIdentity; today: string }) {
  const { t, money, locale } = useI18n();
  const tenantId = identity.tenants.find((tenant) => tenant !== '*') ?? DEFAULT_TENANT_ID;
  const [criteria, setCriteria] = useState<Criteria>({
    storeId: identity.stores?.[0] ?? '',
    day: today,
    slip: '',
    total: '',
    last4: '',
  });
  const [found, setFound] = useState<Found[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mayResend = identity.permissions.includes('receipts.resend');
  const time = new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
  });

  const search = async (cursor: string | null) => {
    setError(null);
    const total = criteria.total.trim() === '' ? undefined : minorUnits(criteria.total);
    if (total === null) return setError(`${t.receipts.total}: ${criteria.total}`);
    try {
      const page = await receiptService.receipts.search.query({
        tenantId,
        storeId: criteria.storeId.trim(),
        ...(criteria.slip.trim() !== '' ? { transactionId: criteria.slip.trim() } : { day: criteria.day }),
        ...(total !== undefined && { total }),
        ...(criteria.last4.trim() !== '' && { last4: criteria.last4.trim() }),
        ...(cursor && { cursor }),
      });
      setFound((before) => (cursor && before ? [...before, ...page.receipts] : page.receipts));
      setNext(page.nextCursor);
    } catch (caught) {
      setFound(null);
      setNext(null);
      setError(failureText(caught));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOpen(null);
    void search(null);
  };
  const field = (key: keyof Criteria) => ({
    value: criteria[key],
    onChange: (event: { target: { value: string } }) =>
      setCriteria({ ...criteria, [key]: event.target.value }),
  });

  return (
    <section aria-labelledby="receipts-title" className="panel">
      <h2 id="receipts-title">{t.receipts.title}</h2>
      <form className="filters" onSubmit={submit}>
        <label>
          {t.receipts.store}
          {identity.stores ? (
            <select {...field('storeId')}>
              {identity.stores.map((store) => (
                <option key={store} value={store}>
                  {store}
                </option>
              ))}
            </select>
          ) : (
            <input required {...field('storeId')} />
          )}
        </label>
        <label>
          {t.receipts.day}
          <input type="date" required={criteria.slip.trim() === ''} {...field('day')} />
        </label>
        <label>
          {t.receipts.slip}
          <input {...field('slip')} />
        </label>
        <label>
          {t.receipts.total}
          <input inputMode="decimal" {...field('total')} />
        </label>
        <label>
          {t.receipts.last4}
          <input inputMode="numeric" pattern="\d{4}" maxLength={4} {...field('last4')} />
        </label>
        <button type="submit">{t.receipts.search}</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {found && found.length === 0 && <p role="status">{t.receipts.none}</p>}
      {found && found.length > 0 && (
        <table className="list" data-testid="receipt-results">
          <caption>{t.receipts.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t.receipts.time}</th>
              <th scope="col">{t.receipts.slip}</th>
              <th scope="col">{t.receipts.terminal}</th>
              <th scope="col">{t.receipts.kind}</th>
              <th scope="col">{t.receipts.total}</th>
              <th scope="col">{t.receipts.card}</th>
              <th scope="col">{t.receipts.customer}</th>
              <th scope="col">{t.receipts.deliveries}</th>
            </tr>
          </thead>
          <tbody>
            {found.map((receipt) => (
              <ReceiptRow
                key={receipt.receiptId}
                receipt={receipt}
                when={time.format(new Date(receipt.occurredAt))}
                total={money(receipt.total)}
                open={open === receipt.receiptId}
                onToggle={() => setOpen(open === receipt.receiptId ? null : receipt.receiptId)}
                mayResend={mayResend}
              />
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" onClick={() => void search(next)}>
          {t.receipts.more}
        </button>
      )}
    </section>
  );
}

function ReceiptRow(props: {
  receipt: Found;
  when: string;
  total: string;
  open: boolean;
  onToggle: () => void;
  mayResend: boolean;
}) {
  const { t } = useI18n();
  const { receipt } = props;
  return (
    <>
      <tr data-transaction={receipt.transactionId}>
        <td>{props.when}</td>
        <td>
          <a
            href={receipt.receiptUrl}
            target="_blank"
            rel="noreferrer"
            aria-label={`${t.receipts.open} ${receipt.transactionId}`}
          >
            {receipt.transactionId}
          </a>
        </td>
        <td>{receipt.terminalId}</td>
        <td>{receipt.type === 'sale' ? t.receipts.sale : t.receipts.return}</td>
        <td className="number">{props.total}</td>
        <td>{receipt.cardLast4.map((digits) => `•••• ${digits}`).join(', ')}</td>
        <td>{receipt.identified ? t.receipts.identified : t.receipts.anonymous}</td>
        <td>
          <button type="button" aria-expanded={props.open} onClick={props.onToggle}>
            {t.receipts.showDeliveries}
            <span className="visually-hidden"> {receipt.transactionId}</span>
          </button>
        </td>
      </tr>
      {props.open && (
        <tr>
          <td colSpan={8}>
            <ReceiptDeliveries receiptId={receipt.receiptId} mayResend={props.mayResend} />
          </td>
        </tr>
      )}
    </>
  );
}
