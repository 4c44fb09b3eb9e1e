/** The texts of the claim and unsubscribe pages, per language of the receipt catalogues. */
export interface ClaimMessages {
  claimTitle: string;
  claimIntro: string;
  emailLabel: string;
  emailInvalid: string;
  marketingLabel: string;
  claimButton: string;
  /** Before the link to the privacy notice, under the form. */
  privacyNote: string;
  privacyLink: string;
  claimedTitle: string;
  claimedBody: string;
  alreadyClaimedTitle: string;
  alreadyClaimedBody: string;
  /** The sale's loyalty card belongs to a member with an e-mail: the receipt is theirs already. */
  addressKnownTitle: string;
  addressKnownBody: string;
  expiredTitle: string;
  expiredBody: string;
  formExpired: string;
  rateLimitedTitle: string;
  /** Asks to try again after `minutes` (the `Retry-After` of the answer, rounded up). */
  rateLimitedBody(minutes: number): string;
  unsubscribeTitle: string;
  unsubscribeBody: string;
  unsubscribeButton: string;
  unsubscribedTitle: string;
  unsubscribedBody: string;
}

const it: ClaimMessages = {
  claimTitle: 'Ricevi lo scontrino via email',
  claimIntro: 'Inserisci il tuo indirizzo: ti invieremo lo scontrino di questo acquisto.',
  emailLabel: 'Email',
  emailInvalid: 'Inserisci un indirizzo email valido.',
  marketingLabel: 'Voglio ricevere offerte e novità dal negozio via email',
  claimButton: 'Invia lo scontrino',
  privacyNote: 'Useremo il tuo indirizzo per inviarti questo scontrino e, solo se lo chiedi, offerte.',
  privacyLink: 'Informativa sulla privacy',
  claimedTitle: 'Fatto!',
  claimedBody: 'Lo scontrino sta arrivando al tuo indirizzo email.',
  alreadyClaimedTitle: 'Scontrino già richiesto',
  alreadyClaimedBody: 'Questo scontrino è già stato inviato a un indirizzo email.',
  addressKnownTitle: 'Scontrino già nel tuo account',
  addressKnownBody:
    'Questo acquisto è legato a una carta fedeltà: lo scontrino è già nel conto del titolare.',
  expiredTitle: 'Codice scaduto',
  expiredBody: 'Il codice di questo scontrino non è più valido.',
  formExpired: 'Il modulo è scaduto: riprova.',
  rateLimitedTitle: 'Troppi tentativi',
  rateLimitedBody: (minutes) =>
    `Il modulo è stato inviato troppe volte. Riprova tra ${minutes === 1 ? 'un minuto' : `${minutes} minuti`}.`,
  unsubscribeTitle: 'Non ricevere più scontrini via email',
  unsubscribeBody: 'Non ti invieremo più scontrini via email a questo indirizzo.',
  unsubscribeButton: 'Conferma',
  unsubscribedTitle: 'Disiscrizione completata',
  unsubscribedBody: 'Non riceverai più scontrini via email a questo indirizzo.',
};

const en: ClaimMessages = {
  claimTitle: 'Get your receipt by email',
  claimIntro: 'Enter your address and we will email you the receipt of this purchase.',
  emailLabel: 'Email',
  emailInvalid: 'Enter a valid email address.',
  marketingLabel: 'I would like offers and news from the store by email',
  claimButton: 'Send my receipt',
  privacyNote: 'We use your address to send you this receipt and, only if you ask, offers.',
  privacyLink: 'Privacy notice',
  claimedTitle: 'Done!',
  claimedBody: 'Your receipt is on its way to your email address.',
  alreadyClaimedTitle: 'Receipt already claimed',
  alreadyClaimedBody: 'This receipt has already been sent to an email address.',
  addressKnownTitle: 'Receipt already in your account',
  addressKnownBody:
    "This purchase is linked to a loyalty card: the receipt is already in its holder's account.",
  expiredTitle: 'Code expired',
  expiredBody: 'The code of this receipt can no longer be used.',
  formExpired: 'The form has expired: please try again.',
  rateLimitedTitle: 'Too many attempts',
  rateLimitedBody: (minutes) =>
    `This form was sent too many times. Please try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`,
  unsubscribeTitle: 'Stop receipt emails',
  unsubscribeBody: 'We will no longer email receipts to this address.',
  unsubscribeButton: 'Confirm',
  unsubscribedTitle: 'Unsubscribed',
  unsubscribedBody: 'You will no longer receive receipts by email at this address.',
};

export function claimMessages(locale: string): ClaimMessages {
  return locale.toLowerCase().startsWith('it') ? it : en;
}

/** The first of the reader's languages with a catalogue, else English. */
export function claimMessagesFor(locales: readonly string[]): { locale: string; messages: ClaimMessages } {
  const locale = locales.find((tag) => /^(it|en)\b/i.test(tag)) ?? 'en';
  return { locale, messages: claimMessages(locale) };
}
