import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { failureText, receiptService, reconciliationService, type StaffIdentity } from './api.js';
import { DEFAULT_TENANT_ID } from './config.js';
import { useI18n } from './i18n/i18n-context.js';
import { segmentsQualityMessages } from './i18n/segments-quality.js';

type TillQuality = Awaited<ReturnType<typeof receiptService.quality.contacts.query>>;
type WeeklyReport = Awaited<ReturnType<typeof reconciliationService.quality.weeklyReport.query>>;
type Line = TillQuality['total'];

const DAY = 86_400_000;

/** The ISO week (`2026-W48`) an instant falls in, UTC. */
export function isoWeekOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  day.setUTCDate(day.getUTCDate() + 4 - (day.getUTCDay() || 7));
  const week = Math.ceil(((day.getTime() - Date.UTC(day.getUTCFullYear(), 0, 1)) / DAY + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Monday and Sunday of an ISO week, as `YYYY-MM-DD`. */
export function weekDays(week: string): { from: string; to: string } {
  const [year, number] = week.split('-W').map(Number) as [number, number];
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * DAY + (number - 1) * 7 * DAY;
  const iso = (at: number) => new Date(at).toISOString().slice(0, 10);
  return { from: iso(monday), to: iso(monday + 6 * DAY) };
}

function LineCells({ line }: { line: Line }) {
  const { count, percent } = useI18n();
  return (
    <>
      <td>{count(line.sales)}</td>
      <td>{count(line.emailInvalid)}</td>
      <td>{count(line.emailPlaceholder)}</td>
      <td>{percent(line.badEmailShare)}</td>
    </>
  );
}

/**
 * Data quality of a week: the till's unusable e-mails per store and cashier (the receipt service;
 * a store manager her stores), and for those who see the brand's customers the identity figures
 * of the weekly audit report (the reconciliation service), with when the e-mail went out.
 */
export function Quality({ identity }: { identity: StaffIdentity }) {
  const { locale, count } = useI18n();
  const m = segmentsQualityMessages[locale].quality;
  const limitedStores = identity.stores;
  const seesIdentities = identity.permissions.includes('profiles.read');
  const [selection, setSelection] = useState(() => ({
    tenantId: identity.tenants.find((tenant) => tenant !== '*') ?? DEFAULT_TENANT_ID,
    week: isoWeekOf(new Date(Date.now() - 7 * DAY)),
    storeId: limitedStores?.[0] ?? '',
  }));
  const [draft, setDraft] = useState(selection);
  const [till, setTill] = useState<TillQuality | null>(null);
  const [report, setReport] = useState<WeeklyReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (current: typeof selection) => {
      setError(null);
      const { from, to } = weekDays(current.week);
      try {
        setTill(
          await receiptService.quality.contacts.query({
            tenantId: current.tenantId,
            ...(current.storeId !== '' && { storeId: current.storeId }),
            from,
            to,
          }),
        );
        setReport(
          seesIdentities
            ? await reconciliationService.quality.weeklyReport.query({
                tenantId: current.tenantId,
                week: current.week,
              })
            : null,
        );
      } catch (caught) {
        setError(failureText(caught));
      }
    },
    [seesIdentities],
  );
  useEffect(() => void load(selection), [load, selection]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSelection(draft);
  };

  return (
    <section aria-labelledby="quality-title" className="quality">
      <h2 id="quality-title">{m.title}</h2>
      <form className="filters" onSubmit={submit}>
        <label>
          {m.brand}
          <input
            value={draft.tenantId}
            readOnly={!identity.tenants.includes('*')}
            onChange={(event) => setDraft({ ...draft, tenantId: event.target.value })}
          />
        </label>
        <label>
          {m.week}
          <input
            type="week"
            value={draft.week}
            onChange={(event) => setDraft({ ...draft, week: event.target.value })}
            data-testid="quality-week"
          />
        </label>
        <label>
          {m.store}
          <select
            value={draft.storeId}
            onChange={(event) => setDraft({ ...draft, storeId: event.target.value })}
          >
            {!limitedStores && <option value="">{m.allStores}</option>}
            {(limitedStores ?? till?.stores.map((s) => s.storeId) ?? []).map((store) => (
              <option key={store} value={store}>
                {store}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{m.show}</button>
      </form>
      {error && (
        <p role="alert" className="refused">
          {error}
        </p>
      )}
      {till && (
        <>
          <h3>{m.till}</h3>
          <p className="method">{m.shareDefinition}</p>
          {till.total.sales === 0 && <p>{m.noSales}</p>}
          <table className="list" data-testid="quality-stores">
            <caption>{m.perStore}</caption>
            <thead>
              <tr>
                <th scope="col">{m.store}</th>
                <th scope="col">{m.sales}</th>
                <th scope="col">{m.invalid}</th>
                <th scope="col">{m.placeholder}</th>
                <th scope="col">{m.share}</th>
              </tr>
            </thead>
            <tbody>
              {till.stores.map((line) => (
                <tr key={line.storeId} data-store={line.storeId}>
                  <th scope="row">{line.storeId}</th>
                  <LineCells line={line} />
                </tr>
              ))}
            </tbody>
          </table>
          <table className="list" data-testid="quality-cashiers">
            <caption>{m.perCashier}</caption>
            <thead>
              <tr>
                <th scope="col">{m.store}</th>
                <th scope="col">{m.cashier}</th>
                <th scope="col">{m.sales}</th>
                <th scope="col">{m.invalid}</th>
                <th scope="col">{m.placeholder}</th>
                <th scope="col">{m.share}</th>
              </tr>
            </thead>
            <tbody>
              {till.cashiers.map((line) => (
                <tr key={`${line.storeId}|${line.cashier}`} data-cashier={line.cashier}>
                  <td>{line.storeId}</td>
                  <th scope="row">{line.cashier}</th>
                  <LineCells line={line} />
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{m.identities}</h3>
      {!seesIdentities && (
        <p className="refused" data-testid="quality-identities-refused">
          {m.identitiesRefused}
        </p>
      )}
      {report && (
        <>
          <dl className="figures" data-testid="quality-identities">
            <dt>{m.quarantinedThisWeek}</dt>
            <dd data-figure="quarantinedThisWeek">{count(report.identities.quarantinedThisWeek)}</dd>
            <dt>{m.quarantined}</dt>
            <dd data-figure="quarantined">{count(report.identities.quarantined)}</dd>
            <dt>{m.merges}</dt>
            <dd data-figure="mergesThisWeek">{count(report.identities.mergesThisWeek)}</dd>
            <dt>{m.staffMerges}</dt>
            <dd>{count(report.identities.staffMergesThisWeek)}</dd>
            <dt>{m.pending}</dt>
            <dd data-figure="suggestionsPending">{count(report.identities.suggestionsPending)}</dd>
          </dl>
          <h3>{m.report}</h3>
          <p data-testid="quality-report-sent">
            {report.sentAt ? m.sentAt(report.sentAt.slice(0, 16).replace('T', ' ')) : m.notSent}
          </p>
        </>
      )}
    </section>
  );
}
