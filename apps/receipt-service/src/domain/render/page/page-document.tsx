import type { ComponentChildren } from 'preact';

export interface DocumentProps {
  lang: string;
  title: string;
  css: string;
  /** Nonce of the response's Content-Security-Policy, so the one inline <style> may apply. */
  styleNonce: string | undefined;
  children: ComponentChildren;
}

/** The HTML document around a page: no scripts, one inline stylesheet, not for search engines. */
export function PageDocument({ lang, title, css, styleNonce, children }: DocumentProps) {
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <title>{title}</title>
        <style nonce={styleNonce} dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
