import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PosTransaction } from '@scontrino/contracts';
import { z } from 'zod';
import { type Answer, type Http, jsonRequest } from '../run/http.js';
import { withSlash } from './terminal-keys.js';

/** The 201 of `POST /v1/transactions` (docs/receipts.md), as far as a till reads it. */
const recordedSchema = z.object({
  receiptId: z.string(),
  receiptUrl: z.string(),
  claimUrl: z.string().optional(),
});

export type Recorded = z.infer<typeof recordedSchema>;

/**
 * A till retries what may not have arrived, under the same Idempotency-Key. Once, and not after a
 * timeout: the first attempt may still be running, and piling retries onto a slow service would
 * measure the simulator's retries rather than the service.
 */
const RETRIES = 1;
const RETRY_AFTER_MS = 1000;

function retryable(answer: Answer): boolean {
  const { outcome } = answer;
  if (outcome.kind === 'failed') return outcome.reason !== 'timeout';
  return outcome.kind === 'rejected' && outcome.code === 'idempotency.in_progress';
}

/**
 * `serviceToken`, when given, goes with claims: the receipt service then leaves them out of the
 * per-IP limit of its claim form, which is there for the people behind an address, not for us.
 */
export function createReceiptClient(http: Http, receiptUrl: string, serviceToken?: string) {
  const base = withSlash(receiptUrl);
  return {
    /**
     * Records a sale or return the way a till does: bearer terminal key, one Idempotency-Key for
     * every attempt. Resolves the 201's links, or null when the service refused or never answered.
     */
    async record(
      kind: 'sale' | 'return',
      transaction: PosTransaction,
      terminalKey: string,
    ): Promise<Recorded | null> {
      const init = jsonRequest('POST', transaction, {
        authorization: `Bearer ${terminalKey}`,
        'idempotency-key': randomUUID(),
      });
      for (let attempt = 0; ; attempt++) {
        const answer = await http.request(kind, new URL('v1/transactions', base), init);
        if (answer.status === 201) {
          const recorded = recordedSchema.safeParse(answer.json);
          return recorded.success ? recorded.data : null;
        }
        if (attempt >= RETRIES || !retryable(answer)) return null;
        await sleep(RETRY_AFTER_MS);
      }
    },

    /**
     * What a customer does with the QR code: opens the claim page, types an e-mail and sends the
     * form. The page is reached at the receipt service's URL, whatever public host the QR names.
     * True when the claim went through.
     */
    async claim(claimUrl: string, email: string): Promise<boolean> {
      const page = new URL(new URL(claimUrl).pathname.replace(/^\//, ''), base);
      const form = await http.request('claim_form', page, {
        method: 'GET',
        headers: { accept: 'text/html', 'accept-language': 'it-IT' },
      });
      if (form.status !== 200) return false;
      const token = formTokenOf(form.text);
      if (token === null) return false;
      const body = new URLSearchParams({ email, form: token });
      const answer = await http.request('claim', page, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
          ...(serviceToken !== undefined && { authorization: `Bearer ${serviceToken}` }),
        },
        body,
      });
      return answer.status === 200;
    },
  };
}

export type ReceiptClient = ReturnType<typeof createReceiptClient>;

/** The hidden `form` field of the claim page. */
export function formTokenOf(html: string): string | null {
  const input = /<input[^>]*\bname="form"[^>]*>/.exec(html)?.[0];
  const value = input && /\bvalue="([^"]*)"/.exec(input)?.[1];
  return value ? value.replaceAll('&amp;', '&') : null;
}
