import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { claimQrPng, claimQrSvg, transactionQrSvg } from './qr.js';
import { decodeQrPng } from '../../test-support/decode-qr-png.js';

const CLAIM_URL = 'https://receipts.example.com/c/Zm9vYmFy.c2lnbmF0dXJl';

describe('QR codes', () => {
  it('the claim PNG decodes to the claim URL', async () => {
    const png = await claimQrPng(CLAIM_URL);
    expect(PNG.sync.read(png).width).toBe(300);
    expect(decodeQrPng(png)).toBe(CLAIM_URL);
  });

  it('the SVGs are standalone SVG documents of a different code for a different text', async () => {
    const claim = await claimQrSvg(CLAIM_URL);
    const transaction = await transactionQrSvg('MI-001-T03-000123');
    expect(claim).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
    expect(transaction).toMatch(/^<svg /);
    expect(transaction).not.toBe(claim);
  });
});
