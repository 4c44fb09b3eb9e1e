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
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** How long an SMTP relay may take before sending counts as failed (and is retried later). */
export const SMTP_TIMEOUT_MS = 15_000;

/** E-mail over SMTP (`smtp://` or `smtps://` URL, credentials in the URL when needed). */
export function createMailer(options: { smtpUrl: string; from: string }): Mailer {
  const transporter: Transporter = nodemailer.createTransport(options.smtpUrl, {
    from: options.from,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    async send(mail) {
      const info = (await transporter.sendMail({
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
