import { setTimeout as sleep } from 'node:timers/promises';
import type { ReceivedMail } from '@scontrino/stack';
import { testStack } from './test-stack.js';

export interface MailQuery {
  /** A recipient (To, Cc or Bcc), case-insensitive. Tests share the sink: use a unique address. */
  to?: string;
  /** A string matches the whole subject; a RegExp any part of it. */
  subject?: RegExp | string;
}

const POLL_MS = 100;

async function list(query: { to?: string } = {}): Promise<ReceivedMail[]> {
  const url = new URL(testStack().mailApiUrl);
  if (query.to !== undefined) url.searchParams.set('to', query.to);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`mail sink answered ${response.status} to GET ${url.href}`);
  return (await response.json()) as ReceivedMail[];
}

function matches(mail: ReceivedMail, subject: MailQuery['subject']): boolean {
  if (subject === undefined) return true;
  return typeof subject === 'string' ? mail.subject === subject : subject.test(mail.subject);
}

/** The newest mail matching `query`, polling until it arrives; the error lists what did arrive. */
async function waitFor(query: MailQuery, timeoutMs = 10_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const received = await list({ to: query.to });
    const found = received.find((mail) => matches(mail, query.subject));
    if (found) return found;
    if (Date.now() >= deadline) {
      const seen = received.map((mail) => `"${mail.subject}" to ${mail.envelope.to.join(', ')}`);
      throw new Error(
        `no mail matching ${JSON.stringify({ to: query.to, subject: String(query.subject) })} within ${timeoutMs} ms; ` +
          `received ${seen.length ? seen.join('; ') : 'none'}${query.to ? ' for that recipient' : ''}`,
      );
    }
    await sleep(POLL_MS);
  }
}

/** The mail sink of the test run, over its HTTP API. */
export const mailSink = { list, waitFor };
