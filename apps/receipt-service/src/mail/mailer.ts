import { createMailer as createSmtpMailer } from '@scontrino/mail';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Sent as `X-Scontrino-Receipt`, so a bounce or a support ticket can be traced to its receipt. */
  receiptId: string;
  /**
   * The delivery this send belongs to: its `Message-ID` is made from it, so every attempt of one
   * delivery (a retry after a timeout or a crash) is recognisably the same message.
   */
  deliveryId: string;
  /** One-click unsubscribe (RFC 8058) from receipt emails. */
  unsubscribeUrl?: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** The domain of the sender's address (`Shop <receipts@shop.it>` → `shop.it`), for Message-IDs. */
function senderDomain(from: string): string {
  return /@([^\s>]+)/.exec(from)?.[1] ?? 'scontrino.local';
}

/** One Message-ID per delivery, whatever the attempt (RFC 5322 `<id-left@id-right>`). */
export function deliveryMessageId(deliveryId: string, from: string): string {
  return `<${deliveryId.replace(/[^\w.-]/g, '_')}@${senderDomain(from)}>`;
}

/**
 * Receipt emails over SMTP (@scontrino/mail): `timeoutMs` bounds each answer of the relay, past
 * it the attempt fails and is retried later, with the same Message-ID. With `pool`, over
 * connections kept open between mails (one per e-mail sent at once): connecting, greeting, EHLO
 * and QUIT for every receipt were about 2.5 % of the service's CPU under the ingest bench.
 */
export function createMailer(options: {
  smtpUrl: string;
  from: string;
  timeoutMs: number;
  pool?: { maxConnections: number };
}): Mailer {
  const smtp = createSmtpMailer(options);
  return {
    send: ({ receiptId, deliveryId, unsubscribeUrl, ...mail }) =>
      smtp.send({
        ...mail,
        messageId: deliveryMessageId(deliveryId, options.from),
        headers: { 'X-Scontrino-Receipt': receiptId },
        ...(unsubscribeUrl !== undefined && { unsubscribeUrl }),
      }),
    close: () => smtp.close(),
  };
}
