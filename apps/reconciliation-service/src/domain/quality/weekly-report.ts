/** An ISO week, `2026-W28`: Monday 00:00 UTC to the next Monday. */
export type IsoWeek = string;

const DAY = 24 * 60 * 60 * 1000;

/** The ISO week an instant falls in (UTC). */
export function isoWeekOf(at: Date): IsoWeek {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // The week's Thursday decides its year.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / DAY + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Monday 00:00 UTC of the week, and the Monday after. */
export function weekRange(week: IsoWeek): { from: Date; to: Date } {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new Error(`not an ISO week: ${week}`);
  const [year, number] = [Number(match[1]), Number(match[2])];
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * DAY;
  const from = new Date(mondayOfWeek1 + (number - 1) * 7 * DAY);
  return { from, to: new Date(from.getTime() + 7 * DAY) };
}

/** The week before the one `at` falls in: what a Monday's job reports on. */
export const previousWeek = (at: Date): IsoWeek => isoWeekOf(new Date(at.getTime() - 7 * DAY));

export interface ContactQualityLine {
  sales: number;
  emailGiven: number;
  emailInvalid: number;
  emailPlaceholder: number;
  badEmailShare: number | null;
}

/** What the weekly audit report says of a tenant's week. */
export interface WeeklyReport {
  tenantId: string;
  week: IsoWeek;
  from: string;
  to: string;
  identities: {
    quarantined: number;
    quarantinedThisWeek: number;
    quarantinedByReason: Record<string, number>;
    mergesThisWeek: number;
    staffMergesThisWeek: number;
    suggestionsPending: number;
  };
  /** From the receipt service's till rollups; null when it did not answer. */
  contacts: {
    total: ContactQualityLine;
    stores: (ContactQualityLine & { storeId: string })[];
    cashiers: (ContactQualityLine & { storeId: string; cashier: string })[];
  } | null;
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
const percent = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)}%`);

/** Cashiers listed in the e-mail: the worst ones; the page has them all. */
const CASHIERS_SHOWN = 10;

/**
 * The weekly audit report as an e-mail to the brand's administrators: HTML with a plain-text twin,
 * counts and shares only (no customer, no address). Store and cashier ids are escaped.
 */
export function renderWeeklyReport(report: WeeklyReport): { subject: string; html: string; text: string } {
  const { identities: id, contacts } = report;
  const subject = `Scontrino data quality, ${report.tenantId}, week ${report.week}`;
  const identityRows: [string, string][] = [
    ['Junk identifiers quarantined this week', String(id.quarantinedThisWeek)],
    ['Identifiers in quarantine', String(id.quarantined)],
    ['Duplicate profiles merged this week', String(id.mergesThisWeek)],
    ['… of which by staff', String(id.staffMergesThisWeek)],
    ['Suggestions waiting for review', String(id.suggestionsPending)],
  ];
  const contactRows: [string, string][] = contacts
    ? [
        ['Sales', String(contacts.total.sales)],
        ['Sales with an invalid e-mail', String(contacts.total.emailInvalid)],
        ['Sales with a placeholder e-mail', String(contacts.total.emailPlaceholder)],
        ['Share of sales with an unusable e-mail', percent(contacts.total.badEmailShare)],
      ]
    : [['Till figures', 'not available (the receipt service did not answer)']];
  const table = (rows: [string, string][]) =>
    `<table role="presentation" cellpadding="4">${rows
      .map(
        ([label, value]) =>
          `<tr><th align="left">${escape(label)}</th><td align="right">${escape(value)}</td></tr>`,
      )
      .join('')}</table>`;
  const lines = (rows: { name: string; line: ContactQualityLine }[]) =>
    `<table cellpadding="4"><tr><th align="left">Where</th><th>Sales</th><th>Invalid</th><th>Placeholder</th><th>Share</th></tr>${rows
      .map(
        ({ name, line }) =>
          `<tr><td>${escape(name)}</td><td align="right">${line.sales}</td><td align="right">${line.emailInvalid}</td><td align="right">${line.emailPlaceholder}</td><td align="right">${percent(line.badEmailShare)}</td></tr>`,
      )
      .join('')}</table>`;
  const stores = contacts?.stores.map((s) => ({ name: s.storeId, line: s })) ?? [];
  const cashiers =
    contacts?.cashiers
      .slice(0, CASHIERS_SHOWN)
      .map((c) => ({ name: `${c.storeId} · ${c.cashier}`, line: c })) ?? [];
  const html = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>',
    escape(subject),
    '</title></head><body style="font-family:sans-serif">',
    `<h1>Data quality: ${escape(report.tenantId)}</h1>`,
    `<p>Week ${escape(report.week)} (${escape(report.from)} to ${escape(report.to)}, UTC).</p>`,
    '<h2>Identities</h2>',
    table(identityRows),
    '<h2>E-mails at the till</h2>',
    table(contactRows),
    stores.length > 0 ? `<h3>Per store</h3>${lines(stores)}` : '',
    cashiers.length > 0 ? `<h3>Cashiers with the most unusable e-mails</h3>${lines(cashiers)}` : '',
    '</body></html>',
  ].join('');
  const text = [
    subject,
    '',
    ...identityRows.map(([label, value]) => `${label}: ${value}`),
    '',
    ...contactRows.map(([label, value]) => `${label}: ${value}`),
    ...stores.map(({ name, line }) => `${name}: ${percent(line.badEmailShare)} of ${line.sales} sales`),
  ].join('\n');
  return { subject, html, text };
}
