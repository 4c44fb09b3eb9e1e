import { useApi } from '../api/api-context.js';
import type { ReceiptSummary } from '../api/views.js';
import { LoadMore } from '../components/load-more.js';
import { ScreenHeading } from '../components/screen-heading.js';
import { useI18n } from '../i18n/i18n-context.js';
import { usePages } from '../use-pages.js';

function ReceiptItem({ receipt }: { receipt: ReceiptSummary }) {
  const { t, format } = useI18n();
  return (
    <li className={`receipt receipt--${receipt.kind}`}>
      <div className="receipt__head">
        <span className="receipt__kind">{t.receipts.kinds[receipt.kind]}</span>
        <span className="receipt__total">
          <span className="visually-hidden">{t.receipts.total}: </span>
          {format.money(receipt.total, receipt.currency)}
        </span>
      </div>
      <p className="receipt__meta">
        <span>{receipt.store}</span> · <time dateTime={receipt.at}>{format.dateTime(receipt.at)}</time>
      </p>
      {/* The hosted receipt is another site: no opener and no referrer travel with the member. */}
      <a className="receipt__open" href={receipt.receiptUrl} target="_blank" rel="noopener noreferrer">
        {t.receipts.open}
        <span className="visually-hidden"> {t.common.newTab}</span>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M14 4h6v6M20 4l-9 9M18 14v6H4V6h6" />
        </svg>
      </a>
    </li>
  );
}

export function ReceiptsScreen() {
  const { t } = useI18n();
  const api = useApi();
  const pages = usePages(api.receipts);
  return (
    <>
      <ScreenHeading>{t.receipts.title}</ScreenHeading>
      {pages.items.length > 0 && (
        <ul className="receipts" aria-label={t.receipts.title}>
          {pages.items.map((receipt) => (
            <ReceiptItem key={receipt.id} receipt={receipt} />
          ))}
        </ul>
      )}
      {pages.status === 'done' && pages.items.length === 0 && <p className="empty">{t.receipts.empty}</p>}
      <LoadMore pages={pages} label={t.receipts.loadMore} end={null} />
    </>
  );
}
