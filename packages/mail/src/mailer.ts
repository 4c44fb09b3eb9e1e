import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers (`X-Scontrino-Receipt`: what a bounce or a support ticket is traced to). */
  headers?: Readonly<Record<string, string>>;
  /** One-click unsubscribe (RFC 8058): `List-Unsubscribe` with `List-Unsubscribe-Post`. */
  unsubscribeUrl?: string;
  /** The `Message-ID`, when every attempt of one delivery must carry the same; else the relay's own. */
  messageId?: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** How long an SMTP relay may take before sending counts as failed (and is retried later). */
export const SMTP_TIMEOUT_MS = 15_000;

/**
 * The relay's URL with the timeouts as query settings. nodemailer reads a transport given by URL
 * from the URL alone: timeouts passed beside it (or in the second argument, which only holds
 * message defaults) are dropped, and a stalled relay then holds a send for 30 s to 10 minutes.
 */
export function withTimeouts(smtpUrl: string, timeoutMs: number): string {
  const url = new URL(smtpUrl);
  for (const setting of ['connectionTimeout', 'greetingTimeout', 'socketTimeout'])
    url.searchParams.set(setting, String(timeoutMs));
  return url.href;
}

/**
 * E-mail over SMTP (`smtp://` or `smtps://` URL, credentials in the URL when needed). `timeoutMs`
 * (`SMTP_TIMEOUT_MS`) bounds the connection, the greeting and each answer of the relay: past it
 * the send fails, and the caller retries later.
 *
 * With `pool`, messages go over up to `maxConnections` connections kept open between them
 * (nodemailer's pooled SMTP transport), each used for up to 100 messages: a message then costs
 * its envelope and data, not a TCP connection, a greeting, EHLO and QUIT as well. A connection
 * idle for `timeoutMs` is closed (the same socket timeout), and a broken one is replaced for the
 * next message; `close()` closes them. For a service that sends a stream of mails (receipts).
 */
export function createMailer(options: {
  smtpUrl: string;
  from: string;
  timeoutMs?: number;
  pool?: { maxConnections: number };
}): Mailer {
  const url = new URL(withTimeouts(options.smtpUrl, options.timeoutMs ?? SMTP_TIMEOUT_MS));
  if (options.pool) {
    url.searchParams.set('pool', 'true');
    url.searchParams.set('maxConnections', String(options.pool.maxConnections));
  }
  const transporter: Transporter = nodemailer.createTransport(url.href, { from: options.from });
  return {
    async send(mail) {
      const info = (await transporter.sendMail({
        ...(mail.messageId !== undefined && { messageId: mail.messageId }),
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: {
          ...mail.headers,
          // RFC 8058: mail clients may POST `List-Unsubscribe=One-Click` to the URL below.
          ...(mail.unsubscribeUrl && { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
        },
        ...(mail.unsubscribeUrl ? { list: { unsubscribe: mail.unsubscribeUrl } } : {}),
      })) as { messageId: string };
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}
