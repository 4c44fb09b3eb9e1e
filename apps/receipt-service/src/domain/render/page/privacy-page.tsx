import { render } from 'preact-render-to-string';
import { palette } from '../palette.js';
import { PageDocument } from './page-document.js';
import { pageCss } from './page-styles.js';
import { privacyNotice } from './privacy-messages.js';

const neutralBranding = { accentColor: palette.light.ink, onAccentColor: palette.light.paper };

/** `/privacy`: the service's own privacy notice, linked from the claim form of a store without its own. */
export function renderPrivacyPage(locale: string, options: { styleNonce: string }): string {
  const notice = privacyNotice(locale);
  const page = render(
    <PageDocument
      lang={locale}
      title={notice.title}
      css={pageCss(neutralBranding)}
      styleNonce={options.styleNonce}
    >
      <main class="receipt">
        <section class="intro">
          <h1>{notice.title}</h1>
          <p>{notice.intro}</p>
        </section>
        {notice.sections.map((section, i) => (
          <section key={i} aria-labelledby={`privacy-${i}`}>
            <h2 id={`privacy-${i}`}>{section.heading}</h2>
            <p>{section.body}</p>
          </section>
        ))}
      </main>
    </PageDocument>,
  );
  return `<!DOCTYPE html>${page}`;
}
