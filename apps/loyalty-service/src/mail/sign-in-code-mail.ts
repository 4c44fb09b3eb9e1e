import type { OutgoingMail } from '@scontrino/mail';

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
