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

/** The languages the member's e-mails are written in: the app's. */
export const MAIL_LANGUAGES = ['it', 'en'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

const signInCodeWords: Record<
  MailLanguage,
  { subject: (code: string) => string; intro: string; rest: (minutes: number) => string }
> = {
  it: {
    subject: (code) => `${code} è il tuo codice di accesso al programma fedeltà`,
    intro: 'Il tuo codice di accesso è',
    rest: (minutes) =>
      `Vale una volta sola, per ${minutes} minuti. Se non l’hai chiesto tu, ignora questa email.`,
  },
  en: {
    subject: (code) => `${code} is your loyalty sign-in code`,
    intro: 'Your sign-in code is',
    rest: (minutes) => `It works once, for ${minutes} minutes. If you did not ask for it, ignore this email.`,
  },
};

/**
 * The email with a member's one-time code, in the language the app asked in (English when it did
 * not say): the code in the subject too, for phones' autofill.
 */
export function signInCodeMail(
  code: string,
  minutes: number,
  language: MailLanguage = 'en',
): Omit<OutgoingMail, 'to'> {
  const words = signInCodeWords[language];
  return {
    subject: words.subject(code),
    text: `${words.intro} ${code}.\n\n${words.rest(minutes)}`,
    html: `<div lang="${language}"><p>${words.intro} <strong style="font-size:1.4em;letter-spacing:0.2em">${code}</strong>.</p><p>${words.rest(minutes)}</p></div>`,
  };
}
