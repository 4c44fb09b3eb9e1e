import { render } from 'preact-render-to-string';
import type { ReceiptView } from '../../receipt-view.js';
import { claimMessages } from './claim-messages.js';
import { PageDocument } from './page-document.js';
import { pageCss } from './page-styles.js';
import { StoreHeader } from './store-header.js';

const formCss = `
form label{display:block;font-weight:600;margin:12px 0 4px}
form input[type=email]{width:100%;padding:12px;font:inherit;border:1px solid var(--rule);border-radius:6px;background:var(--paper);color:var(--ink)}
form .consent{display:flex;gap:8px;align-items:flex-start;font-weight:400}
form .consent input{margin-top:4px;width:20px;height:20px;flex:none}
form button{border:0;font:inherit;cursor:pointer;width:100%}
.error{color:#b00020;font-weight:600}
.summary{display:flex;justify-content:space-between;font-size:1.3rem;font-weight:700;margin:0}
.privacy{margin:16px 0 0;color:var(--muted);font-size:.875rem}
.privacy a{color:var(--ink)}`;

export interface ClaimFormState {
  formToken: string;
  email?: string;
  error?: string;
  /** The privacy notice the form links to: the brand's, else the service's own (`/privacy`). */
  privacyUrl: string;
}

/** The claim form of an anonymous sale: store, date and total, an email field, an unticked consent. */
export function renderClaimPage(
  view: ReceiptView,
  form: ClaimFormState,
  options: { styleNonce: string },
): string {
  const messages = claimMessages(view.locale);
  const page = render(
    <PageDocument
      lang={view.locale}
      title={messages.claimTitle}
      css={pageCss(view.branding) + formCss}
      styleNonce={options.styleNonce}
    >
      <main class="receipt">
        <StoreHeader store={{ name: view.store.name, branding: view.branding }} />
        <section class="intro">
          <h1>{messages.claimTitle}</h1>
          <p class="meta">
            {view.issuedAt.date}, {view.issuedAt.time}
          </p>
          <p class="summary">
            <span>{view.totals.totalLabel}</span>
            <span>{view.totals.total}</span>
          </p>
        </section>
        <section>
          <p>{messages.claimIntro}</p>
          <form method="post" noValidate>
            <input type="hidden" name="form" value={form.formToken} />
            <label for="email">{messages.emailLabel}</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="email"
              inputMode="email"
              required
              value={form.email ?? ''}
              aria-invalid={form.error ? 'true' : undefined}
              aria-describedby={form.error ? 'email-error' : undefined}
            />
            {form.error && (
              <p id="email-error" class="error" role="alert">
                {form.error}
              </p>
            )}
            <label class="consent">
              <input type="checkbox" name="marketing" value="yes" />
              <span>{messages.marketingLabel}</span>
            </label>
            <button type="submit" class="button">
              {messages.claimButton}
            </button>
          </form>
          <p class="privacy">
            {messages.privacyNote} <a href={form.privacyUrl}>{messages.privacyLink}</a>
          </p>
        </section>
      </main>
    </PageDocument>,
  );
  return `<!DOCTYPE html>${page}`;
}
