import { randomBytes } from 'node:crypto';
import type { Response } from 'express';

/**
 * Headers of every response that shows a receipt or answers for a token: the token in the URL
 * is the only key to the receipt, so nothing may cache it, index it or pass it on as a referrer.
 */
export function setPrivateHeaders(res: Response): void {
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Robots-Tag', 'noindex, nofollow');
}

/**
 * A Content-Security-Policy for one HTML page, replacing helmet's default for this response:
 * no script at all, the page's single inline <style> allowed by a fresh nonce, images only from
 * the store's logo origin, forms (claim, unsubscribe) posted only back to this origin. Returns
 * the nonce to put on the <style>.
 */
export function setPageCsp(
  res: Response,
  logoUrl: string | undefined,
  options: { postsForms?: boolean } = {},
): string {
  const nonce = randomBytes(16).toString('base64');
  const imgSrc = logoUrl === undefined ? "'none'" : new URL(logoUrl).origin;
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'none'",
      `style-src 'nonce-${nonce}'`,
      `img-src ${imgSrc}`,
      "base-uri 'none'",
      options.postsForms ? "form-action 'self'" : "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  return nonce;
}

/** `inline; filename="…"` with a name safe in any header and any file system. */
export function inlineDisposition(filename: string): string {
  return `inline; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
}
