import { useEffect, useState } from 'react';
import { type CustomerReceiptPage, failureText, receiptService } from './api.js';
import { useI18n } from './i18n/i18n-context.js';
import { ReceiptDeliveries } from './receipt-deliveries.js';

type Hashes = { type: 'card' | 'email'; hash: string }[];

/** The customer's receipts of this brand across its stores, newest first, each with its deliveries. */
export function CustomerReceipts(props: { tenantId: string; identifiers: Hashes; mayResend: boolean }) {
  const { t, money } = useI18n();
  const [page, setPage] = useState<CustomerReceiptPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const { tenantId, identifiers } = props;
  const key = JSON.stringify(identifiers);
  useEffect(() => {
    const named: Hashes = JSON.parse(key) as Hashes;
    if (named.length === 0) return setPage({ receipts: [], nextCursor: null });
    receiptService.receipts.ofCustomer
      .query({ tenantId, identifiers: named })
      .then(setPage, (caught: unknown) => setError(failureText(caught)));
  }, [tenantId, key]);
  return (
    <section aria-labelledby="customer-receipts-title" className="block" data-testid="customer-receipts">
      <h3 id="customer-receipts-title">{t.customer.receipts}</h3>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {page?.receipts.length === 0 && <p>{t.receipts.none}</p>}
      {page && page.receipts.length > 0 && (
        <ul className="rows">
          {page.receipts.map((receipt) => (
            <li key={receipt.receiptId} data-transaction={receipt.transactionId}>
              <span>
                {receipt.occurredAt.slice(0, 10)} · {receipt.storeName} ·{' '}
                {receipt.type === 'sale' ? t.receipts.sale : t.receipts.return} · {money(receipt.total)}
              </span>{' '}
              <a href={receipt.receiptUrl} target="_blank" rel="noreferrer">
                {t.receipts.open} {receipt.transactionId}
              </a>{' '}
              <button
                type="button"
                className="small"
                aria-expanded={open === receipt.receiptId}
                onClick={() => setOpen(open === receipt.receiptId ? null : receipt.receiptId)}
              >
                {t.receipts.showDeliveries}
                <span className="visually-hidden"> {receipt.transactionId}</span>
              </button>
              {open === receipt.receiptId && (
                <ReceiptDeliveries receiptId={receipt.receiptId} mayResend={props.mayResend} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
