import { render } from 'preact-render-to-string';
import { palette } from '../palette.js';
import { PageDocument } from './page-document.js';
import { pageCss } from './page-styles.js';
import { type PageStore, StoreHeader } from './store-header.js';

const neutralBranding = {
  accentColor: palette.light.ink,
  onAccentColor: palette.light.paper,
};

export interface MessagePageContent {
  lang: string;
  title: string;
  body: string;
  /** A form posting back to the same URL with one button (the unsubscribe confirmation). */
  action?: { button: string; fields: Record<string, string> };
  /** The store the page answers for (a claim's): its header, as on the claim form. */
  store?: PageStore;
}

/** A page that says one thing: claimed, already claimed, expired, unsubscribed. */
export function renderMessagePage(content: MessagePageContent, options: { styleNonce: string }): string {
  const page = render(
    <PageDocument
      lang={content.lang}
      title={content.title}
      css={pageCss(content.store?.branding ?? neutralBranding)}
      styleNonce={options.styleNonce}
    >
      <main class="receipt">
        {content.store && <StoreHeader store={content.store} />}
        <section class="intro">
          <h1>{content.title}</h1>
          <p>{content.body}</p>
          {content.action && (
            <form method="post">
              {Object.entries(content.action.fields).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              <button type="submit" class="button">
                {content.action.button}
              </button>
            </form>
          )}
        </section>
      </main>
    </PageDocument>,
  );
  return `<!DOCTYPE html>${page}`;
}
