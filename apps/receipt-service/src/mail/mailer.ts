import { createMailer as createSmtpMailer } from '@scontrino/mail';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Sent as `X-Scontrino-Receipt`, so a bounce or a support ticket can be traced to its receipt. */
  receiptId: string;
  /** One-click unsubscribe (RFC 8058) from receipt emails. */
  unsubscribeUrl?: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** Receipt emails over SMTP (@scontrino/mail: a stuck relay fails the attempt, retried later). */
export function createMailer(options: { smtpUrl: string; from: string }): Mailer {
  const smtp = createSmtpMailer(options);
  return {
    send: ({ receiptId, unsubscribeUrl, ...mail }) =>
      smtp.send({
        ...mail,
        headers: { 'X-Scontrino-Receipt': receiptId },
        ...(unsubscribeUrl !== undefined && { unsubscribeUrl }),
      }),
    close: () => smtp.close(),
  };
}
