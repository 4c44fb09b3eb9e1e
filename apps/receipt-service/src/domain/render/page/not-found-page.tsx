import { render } from 'preact-render-to-string';
import { resolveLocale } from '../../receipt-view-messages.js';
import { palette } from '../palette.js';
import { PageDocument } from './page-document.js';
import { pageCss } from './page-styles.js';

const neutralBranding = {
  accentColor: palette.light.ink,
  onAccentColor: palette.light.paper,
};

/**
 * The friendly page for a receipt link that leads nowhere (unknown, malformed or expired), in the
 * first of `locales` that has a catalogue. It says nothing about why, so links cannot be probed.
 */
export function renderNotFoundPage(
  locales: readonly string[],
  options: { styleNonce?: string } = {},
): string {
  const { locale, messages } = resolveLocale(locales);
  const page = render(
    <PageDocument
      lang={locale}
      title={messages.notFoundTitle}
      css={pageCss(neutralBranding)}
      styleNonce={options.styleNonce}
    >
      <main class="receipt">
        <section class="intro">
          <h1>{messages.notFoundTitle}</h1>
          <p>{messages.notFoundBody}</p>
        </section>
      </main>
    </PageDocument>,
  );
  return `<!DOCTYPE html>${page}`;
}
