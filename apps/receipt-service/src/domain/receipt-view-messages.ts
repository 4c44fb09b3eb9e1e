import type { PaymentMethod } from '@scontrino/contracts';

/**
 * Every word a receipt prints, per language. Each catalogue is typed as {@link ReceiptMessages},
 * so a label added for one language and forgotten in another fails to compile.
 */
export interface ReceiptMessages {
  /** The language's name in itself, for the page's language switch. */
  languageName: string;
  /** The label of the language switch. */
  language: string;
  saleTitle: string;
  returnTitle: string;
  emailSubject: (storeName: string) => string;
  returnEmailSubject: (storeName: string) => string;
  logoAlt: (storeName: string) => string;
  returnOf: (transactionId: string) => string;
  returnedBy: (transactionId: string) => string;
  vatNumber: string;
  date: string;
  time: string;
  transaction: string;
  store: string;
  terminal: string;
  cashier: string;
  items: string;
  item: string;
  amount: string;
  subtotal: string;
  discounts: string;
  total: string;
  totalRefunded: string;
  vatIncluded: string;
  vatSummary: string;
  vatRate: string;
  vatNet: string;
  vatTax: string;
  vatGross: string;
  payment: string;
  refund: string;
  paymentMethods: Record<PaymentMethod, string>;
  change: string;
  loyalty: string;
  pointsEarned: string;
  /** Spendable points after the sale. */
  pointsAvailable: string;
  /** Points earned but not spendable yet (this sale's and earlier ones still in their return window). */
  pointsPending: string;
  /** Says the sale's points wait until `date` (already formatted) before they can be spent. */
  pointsPendingUntil: (date: string) => string;
  tier: string;
  claimTitle: string;
  claimAction: string;
  claimHint: string;
  returnCodeHint: string;
  viewOnline: string;
  downloadPdf: string;
  notFoundTitle: string;
  notFoundBody: string;
  /** Names of the usual variant attributes; other keys are printed as the POS sent them. */
  variantKeys: Record<string, string>;
}

const it: ReceiptMessages = {
  languageName: 'Italiano',
  language: 'Lingua',
  saleTitle: 'Scontrino',
  returnTitle: 'Reso',
  emailSubject: (store) => `Il tuo scontrino da ${store}`,
  returnEmailSubject: (store) => `Il tuo reso da ${store}`,
  logoAlt: (store) => `Logo ${store}`,
  returnOf: (id) => `Reso dell'acquisto ${id}`,
  returnedBy: (id) => `Articoli resi con l'operazione ${id}`,
  vatNumber: 'P. IVA',
  date: 'Data',
  time: 'Ora',
  transaction: 'Operazione',
  store: 'Negozio',
  terminal: 'Cassa',
  cashier: 'Cassiere',
  items: 'Articoli',
  item: 'Articolo',
  amount: 'Importo',
  subtotal: 'Subtotale',
  discounts: 'Sconti',
  total: 'Totale',
  totalRefunded: 'Totale rimborsato',
  vatIncluded: 'di cui IVA',
  vatSummary: 'Riepilogo IVA',
  vatRate: 'Aliquota',
  vatNet: 'Imponibile',
  vatTax: 'IVA',
  vatGross: 'Totale',
  payment: 'Pagamento',
  refund: 'Rimborso',
  paymentMethods: {
    card: 'Carta',
    cash: 'Contanti',
    voucher: 'Buono',
    gift_card: 'Carta regalo',
    loyalty_points: 'Punti fedeltà',
    other: 'Altro',
  },
  change: 'Resto',
  loyalty: 'Programma fedeltà',
  pointsEarned: 'Punti guadagnati',
  pointsAvailable: 'Punti disponibili',
  pointsPending: 'Punti in attesa',
  pointsPendingUntil: (date) =>
    `I punti di questo acquisto sono in attesa: potrai usarli dal ${date}, finito il periodo per i resi.`,
  tier: 'Livello',
  claimTitle: 'Non perdere questo scontrino',
  claimAction: 'Richiedi questo scontrino',
  claimHint: 'Ricevilo via email e accumula i punti fedeltà.',
  returnCodeHint: 'Per un reso o un cambio, mostra questo codice in cassa.',
  viewOnline: 'Visualizza online',
  downloadPdf: 'Scarica PDF',
  notFoundTitle: 'Scontrino non trovato',
  notFoundBody:
    'Il link non è valido o lo scontrino non è più disponibile. Controlla di averlo copiato per intero.',
  variantKeys: { size: 'Taglia', color: 'Colore', colour: 'Colore' },
};

const en: ReceiptMessages = {
  languageName: 'English',
  language: 'Language',
  saleTitle: 'Receipt',
  returnTitle: 'Return',
  emailSubject: (store) => `Your receipt from ${store}`,
  returnEmailSubject: (store) => `Your return receipt from ${store}`,
  logoAlt: (store) => `${store} logo`,
  returnOf: (id) => `Return of sale ${id}`,
  returnedBy: (id) => `Items returned in transaction ${id}`,
  vatNumber: 'VAT No.',
  date: 'Date',
  time: 'Time',
  transaction: 'Transaction',
  store: 'Store',
  terminal: 'Till',
  cashier: 'Cashier',
  items: 'Items',
  item: 'Item',
  amount: 'Amount',
  subtotal: 'Subtotal',
  discounts: 'Discounts',
  total: 'Total',
  totalRefunded: 'Total refunded',
  vatIncluded: 'incl. VAT',
  vatSummary: 'VAT summary',
  vatRate: 'Rate',
  vatNet: 'Net',
  vatTax: 'VAT',
  vatGross: 'Gross',
  payment: 'Payment',
  refund: 'Refund',
  paymentMethods: {
    card: 'Card',
    cash: 'Cash',
    voucher: 'Voucher',
    gift_card: 'Gift card',
    loyalty_points: 'Loyalty points',
    other: 'Other',
  },
  change: 'Change',
  loyalty: 'Loyalty',
  pointsEarned: 'Points earned',
  pointsAvailable: 'Points available',
  pointsPending: 'Points pending',
  pointsPendingUntil: (date) =>
    `The points of this purchase are pending: you can use them from ${date}, once the return period is over.`,
  tier: 'Tier',
  claimTitle: 'Keep this receipt',
  claimAction: 'Claim this receipt',
  claimHint: 'Get it by email and collect your loyalty points.',
  returnCodeHint: 'For a return or an exchange, show this code at the till.',
  viewOnline: 'View online',
  downloadPdf: 'Download PDF',
  notFoundTitle: 'Receipt not found',
  notFoundBody:
    'The link is not valid or the receipt is no longer available. Check that you copied all of it.',
  variantKeys: { size: 'Size', color: 'Color', colour: 'Color' },
};

const catalogues = { it, en } as const satisfies Record<string, ReceiptMessages>;

export type CatalogueLanguage = keyof typeof catalogues;

/** The languages a receipt can be read in, as the page's language switch offers them. */
export const RECEIPT_LANGUAGES = Object.keys(catalogues) as CatalogueLanguage[];

export function isCatalogueLanguage(value: unknown): value is CatalogueLanguage {
  return typeof value === 'string' && (RECEIPT_LANGUAGES as string[]).includes(value);
}

export function messagesOf(language: CatalogueLanguage): ReceiptMessages {
  return catalogues[language];
}

const FALLBACK_LOCALE = 'en-US';

export function catalogueLanguage(locale: string): CatalogueLanguage | null {
  try {
    const language = new Intl.Locale(locale).language;
    return language in catalogues ? (language as CatalogueLanguage) : null;
  } catch {
    return null;
  }
}

/**
 * The first of `candidates` (most preferred first) that has a catalogue, canonicalised,
 * with its messages; en-US when none has.
 */
export function resolveLocale(candidates: readonly (string | undefined)[]): {
  locale: string;
  messages: ReceiptMessages;
} {
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const language = catalogueLanguage(candidate);
    if (language !== null)
      return { locale: Intl.getCanonicalLocales(candidate)[0] ?? candidate, messages: catalogues[language] };
  }
  return { locale: FALLBACK_LOCALE, messages: catalogues.en };
}
