import { render } from 'preact-render-to-string';
import { messagesOf, RECEIPT_LANGUAGES } from '../../receipt-view-messages.js';
import type { ReceiptView } from '../../receipt-view.js';
import { transactionQrSvg } from '../qr.js';
import { PageDocument } from './page-document.js';
import { Intro, Lines, Loyalty, Payments, Totals, Vat } from './page-sections.js';
import { pageCss } from './page-styles.js';

export interface PageOptions {
  /** Nonce of the response's Content-Security-Policy for the page's inline <style>. */
  styleNonce?: string;
}

type Props = { view: ReceiptView; returnQrSvg: string | null; styleNonce?: string };

function ReturnCode({ view, returnQrSvg }: Props) {
  if (returnQrSvg === null) return null;
  return (
    <section>
      <figure class="return-code">
        {/* Made by `qrcode` from the transaction id: markup of our own, not of the customer. */}
        <span role="img" aria-label={view.transaction.id} dangerouslySetInnerHTML={{ __html: returnQrSvg }} />
        <figcaption>
          {view.messages.returnCodeHint}
          <code>{view.transaction.id}</code>
        </figcaption>
      </figure>
    </section>
  );
}

/** Links to the same receipt in each language it can be read in (`?lang=`), the current one marked. */
function LanguageSwitch({ view }: { view: ReceiptView }) {
  return (
    <nav aria-label={view.messages.language}>
      <ul class="languages">
        {RECEIPT_LANGUAGES.map((language) => (
          <li key={language}>
            <a
              href={`?lang=${language}`}
              hrefLang={language}
              lang={language}
              aria-current={language === view.language ? 'true' : undefined}
            >
              {messagesOf(language).languageName}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ReceiptPage({ view, returnQrSvg, styleNonce }: Props) {
  const { branding, messages, store } = view;
  return (
    <PageDocument
      lang={view.locale}
      title={`${view.title} · ${store.name}`}
      css={pageCss(branding)}
      styleNonce={styleNonce}
    >
      <main class="receipt">
        <header class="brand">
          <LanguageSwitch view={view} />
          {branding.logo && <img src={branding.logo.url} alt={branding.logo.alt} />}
          <p>{store.name}</p>
        </header>
        <Intro view={view} />
        <Lines view={view} />
        <Totals view={view} />
        <Vat view={view} />
        <Payments view={view} />
        <Loyalty view={view} />
        {view.claimUrl && (
          <section class="claim" aria-labelledby="claim">
            <h2 id="claim">{messages.claimTitle}</h2>
            <p>{messages.claimHint}</p>
            <a class="button" href={view.claimUrl}>
              {messages.claimAction}
            </a>
          </section>
        )}
        <ReturnCode view={view} returnQrSvg={returnQrSvg} />
        <section class="actions">
          <a href={view.pdfUrl}>{messages.downloadPdf}</a>
        </section>
        <footer>
          {branding.footerLines.map((line, i) => (
            <p key={i} lang={branding.footerLang ?? undefined}>
              {line}
            </p>
          ))}
          <p>
            {store.legalName} · {store.addressLines.join(', ')} · {messages.vatNumber} {store.vatNumber}
          </p>
        </footer>
      </main>
    </PageDocument>
  );
}

/**
 * The hosted receipt as a complete HTML document: mobile first, printable, without scripts.
 * A sale carries a QR of its transaction id for the till to scan on a return.
 */
export async function renderReceiptPage(view: ReceiptView, options: PageOptions = {}): Promise<string> {
  const returnQrSvg = view.kind === 'sale' ? await transactionQrSvg(view.transaction.id) : null;
  const page = render(<ReceiptPage view={view} returnQrSvg={returnQrSvg} styleNonce={options.styleNonce} />);
  return `<!DOCTYPE html>${page}`;
}
