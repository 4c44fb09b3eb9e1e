import nodemailer, { type Transporter } from 'nodemailer';

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
 * Receipt emails over SMTP (`smtp://` or `smtps://` URL, credentials in the URL when needed).
 * `timeoutMs` bounds the connection, the greeting and each command's answer: past it the attempt
 * fails and is retried later.
 */
export function createMailer(options: { smtpUrl: string; from: string; timeoutMs: number }): Mailer {
  const transporter: Transporter = nodemailer.createTransport(
    withTimeouts(options.smtpUrl, options.timeoutMs),
    {
      from: options.from,
    },
  );
  return {
    async send(mail) {
      const info = (await transporter.sendMail({
        messageId: deliveryMessageId(mail.deliveryId, options.from),
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: {
          'X-Scontrino-Receipt': mail.receiptId,
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
