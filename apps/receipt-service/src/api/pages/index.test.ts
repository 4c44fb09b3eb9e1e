import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_URL } from '../../domain/receipt-view.fixtures.js';
import { decodeQrPng } from '../../test-support/decode-qr-png.js';
import { fixtureClaimCode, fixtureTokens, startPagesTestApp, type PagesTestApp } from './pages-test-app.js';

let pages: PagesTestApp;
beforeAll(async () => {
  pages = await startPagesTestApp();
});
afterAll(() => pages.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${pages.url}${path}`, { headers });

function expectPrivate(res: Response) {
  expect(res.headers.get('cache-control')).toBe('private, no-store');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-robots-tag')).toBe('noindex, nofollow');
}

describe('GET /r/:token', () => {
  it('answers the hosted receipt with private headers and a CSP that allows only its own style', async () => {
    const res = await get(`/r/${fixtureTokens.docSale}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expectPrivate(res);
    const html = await res.text();
    expect(html).toContain('Giacca uomo slim fit');
    expect(html).toContain('154,91');

    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('img-src https://cdn.example.com');
    expect(csp).not.toContain('script-src');
  });

  it('gives every response a fresh nonce', async () => {
    const nonceOf = async () =>
      (await get(`/r/${fixtureTokens.docSale}`)).headers.get('content-security-policy');
    expect(await nonceOf()).not.toBe(await nonceOf());
  });

  it('when the token is unknown, then it answers a friendly 404 page in the reader language', async () => {
    const res = await get(`/r/${'x'.repeat(30)}`, { 'accept-language': 'it-IT,it;q=0.9,en;q=0.5' });
    expect(res.status).toBe(404);
    expectPrivate(res);
    const html = await res.text();
    expect(html).toContain('<html lang="it-IT">');
    expect(html).toContain('Scontrino non trovato');
  });

  it.each(['short', 'has.dot-in-it-000000000000', `${'a'.repeat(65)}`, 'sp%20ace-000000000000000000'])(
    'when the token is malformed (%s), then it answers 404 without looking it up',
    async (token) => {
      const before = pages.lookups.length;
      const res = await get(`/r/${token}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Receipt not found');
      expect(pages.lookups.length).toBe(before);
    },
  );
});

describe('GET /r/:token.pdf', () => {
  it('answers the PDF inline with a file name', async () => {
    const res = await get(`/r/${fixtureTokens.return}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="return-mi-002-t01-000045.pdf"');
    expectPrivate(res);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('when the token is unknown, then it answers the 404 page', async () => {
    const res = await get(`/r/${'y'.repeat(30)}.pdf`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('GET /c/:code/qr.png and qr.svg', () => {
  it('answers a PNG whose QR decodes to the claim URL', async () => {
    const res = await get(`/c/${fixtureClaimCode}/qr.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expectPrivate(res);
    expect(decodeQrPng(Buffer.from(await res.arrayBuffer()))).toBe(`${PUBLIC_URL}/c/${fixtureClaimCode}`);
  });

  it('answers an SVG', async () => {
    const res = await get(`/c/${fixtureClaimCode}/qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await res.text()).toMatch(/^<svg /);
  });

  it.each(['qr.png', 'qr.svg'])('when the code is unknown, expired or used, then %s is 404', async (file) => {
    expect((await get(`/c/used-or-unknown-code/${file}`)).status).toBe(404);
  });
});
