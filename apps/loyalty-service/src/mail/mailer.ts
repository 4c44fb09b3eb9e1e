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
 * Sign-in codes over SMTP (`smtp://` or `smtps://` URL, credentials in the URL when needed).
 * `timeoutMs` (`SMTP_TIMEOUT_MS`) bounds the connection, the greeting and each answer of the relay.
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
  {
    subject: (code: string) => string;
    intro: string;
    validity: (minutes: number) => string;
    notAsked: string;
    offers: string;
  }
> = {
  it: {
    subject: (code) => `${code} è il tuo codice di accesso al programma fedeltà`,
    intro: 'Il tuo codice di accesso è',
    validity: (minutes) => `Vale una volta sola, per ${minutes} minuti.`,
    notAsked: 'Se non l’hai chiesto tu, ignora questa email.',
    offers:
      'Usandolo confermi anche di voler ricevere le nostre offerte via email, come chiesto all’iscrizione. Se non ti sei iscritto tu, non usarlo: non ti invieremo nulla.',
  },
  en: {
    subject: (code) => `${code} is your loyalty sign-in code`,
    intro: 'Your sign-in code is',
    validity: (minutes) => `It works once, for ${minutes} minutes.`,
    notAsked: 'If you did not ask for it, ignore this email.',
    offers:
      'Using it also confirms that you want our offers by email, as asked when joining. If you did not join, do not use it: nothing will be sent.',
  },
};

/**
 * The email with a member's one-time code, in the language the app asked in (English when it did
 * not say): the code in the subject too, for phones' autofill. For a join that asked for offers it
 * says that using the code confirms them (double opt-in).
 */
export function signInCodeMail(
  code: string,
  minutes: number,
  options: { confirmsOffers?: boolean; language?: MailLanguage | undefined } = {},
): Omit<OutgoingMail, 'to'> {
  const language = options.language ?? 'en';
  const words = signInCodeWords[language];
  const rest = `${words.validity(minutes)} ${options.confirmsOffers ? words.offers : words.notAsked}`;
  return {
    subject: words.subject(code),
    text: `${words.intro} ${code}.\n\n${rest}`,
    html: `<div lang="${language}"><p>${words.intro} <strong style="font-size:1.4em;letter-spacing:0.2em">${code}</strong>.</p><p>${rest}</p></div>`,
  };
}
