import { intlLocale, type Locale, type Messages } from '../i18n/messages.js';

export interface Formatter {
  /** `1.250` / `1,250`. */
  number(value: number): string;
  /** `+79`, `-12`, `0`: a ledger movement. */
  signed(value: number): string;
  /** `79 punti` / `1 point`, with the plural the locale's rules pick. */
  points(value: number): string;
  /** The word alone (`punti` / `point`), for layouts that set the number apart. */
  pointsUnit(value: number): string;
  /** Minor units of `currency` (cents for EUR): `154,91 €` / `€154.91`. */
  money(minor: number, currency: string): string;
  /** A day: `24 nov 2026` / `24 Nov 2026`. */
  date(at: string | Date): string;
  /** A day and a time: `24 nov 2026, 10:15`. */
  dateTime(at: string | Date): string;
  /** A multiplier as a decimal: `1,25` / `1.25`. */
  decimal(value: number): string;
}

export interface FormatterOptions {
  /** The browser's own by default; tests pin one so they read the same everywhere. */
  timeZone?: string;
}

/** Formats numbers, money and dates with Intl for one locale and that locale's words for points. */
export function createFormatter(
  locale: Locale,
  messages: Messages,
  options: FormatterOptions = {},
): Formatter {
  const tag = intlLocale[locale];
  const integer = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(tag, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const decimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const plural = new Intl.PluralRules(tag);
  const timeZone = options.timeZone ? { timeZone: options.timeZone } : {};
  const day = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', ...timeZone });
  const dayAndTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', ...timeZone });
  const currencies = new Map<string, Intl.NumberFormat>();
  const currencyFormat = (currency: string) => {
    let format = currencies.get(currency);
    if (!format) {
      format = new Intl.NumberFormat(tag, { style: 'currency', currency });
      currencies.set(currency, format);
    }
    return format;
  };
  const toDate = (at: string | Date) => (typeof at === 'string' ? new Date(at) : at);
  const pointsUnit = (value: number) =>
    plural.select(value) === 'one' ? messages.common.points.one : messages.common.points.other;

  return {
    number: (value) => integer.format(value),
    signed: (value) => signed.format(value),
    points: (value) => `${integer.format(value)} ${pointsUnit(value)}`,
    pointsUnit,
    money(minor, currency) {
      const format = currencyFormat(currency);
      // Minor units per currency: 2 digits for EUR, 0 for JPY; Intl knows which.
      const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
      return format.format(minor / 10 ** digits);
    },
    date: (at) => day.format(toDate(at)),
    dateTime: (at) => dayAndTime.format(toDate(at)),
    decimal: (value) => decimal.format(value),
  };
}
