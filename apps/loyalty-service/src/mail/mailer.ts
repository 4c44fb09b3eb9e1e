import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** How long an SMTP relay may take before sending counts as failed. */
const SMTP_TIMEOUT_MS = 15_000;

/** Sign-in codes over SMTP (`smtp://` or `smtps://` URL, credentials in the URL when needed). */
export function createMailer(options: { smtpUrl: string; from: string }): Mailer {
  const transporter: Transporter = nodemailer.createTransport(options.smtpUrl, {
    from: options.from,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    async send(mail) {
      await transporter.sendMail(mail);
    },
    close: () => transporter.close(),
  };
}

/**
 * The email with a member's one-time code: the code in the subject too, for phones' autofill. For
 * a join that asked for offers it says that using the code confirms them (double opt-in).
 */
export function signInCodeMail(
  code: string,
  minutes: number,
  options: { confirmsOffers?: boolean } = {},
): Omit<OutgoingMail, 'to'> {
  const offers =
    'Using it also confirms that you want our offers by email, as asked when joining. If you did not join, do not use it: nothing will be sent.';
  const text = `Your sign-in code is ${code}.\n\nIt works once, for ${minutes} minutes. ${
    options.confirmsOffers ? offers : 'If you did not ask for it, ignore this email.'
  }`;
  return {
    subject: `${code} is your loyalty sign-in code`,
    text,
    html: `<p>Your sign-in code is <strong style="font-size:1.4em;letter-spacing:0.2em">${code}</strong>.</p><p>It works once, for ${minutes} minutes. ${
      options.confirmsOffers ? offers : 'If you did not ask for it, ignore this email.'
    }</p>`,
  };
}
