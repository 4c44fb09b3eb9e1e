import { render } from 'preact-render-to-string';
import { palette } from '../palette.js';
import { PageDocument } from './page-document.js';
import { pageCss } from './page-styles.js';

const neutralBranding = {
  accentColor: palette.light.ink,
  onAccentColor: palette.light.paper,
  logo: null,
  footerLines: [],
};

export interface MessagePageContent {
  lang: string;
  title: string;
  body: string;
  /** A form posting back to the same URL with one button (the unsubscribe confirmation). */
  action?: { button: string; fields: Record<string, string> };
}

/** A page that says one thing: claimed, already claimed, expired, unsubscribed. */
export function renderMessagePage(content: MessagePageContent, options: { styleNonce: string }): string {
  const page = render(
    <PageDocument
      lang={content.lang}
      title={content.title}
      css={pageCss(neutralBranding)}
      styleNonce={options.styleNonce}
    >
      <main class="receipt">
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
