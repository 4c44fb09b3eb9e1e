import { type FormEvent, useId, useState } from 'react';
import {
  type AuditEntry,
  failureText,
  loyaltyService,
  receiptService,
  reconciliationService,
  type StaffIdentity,
} from './api.js';
import {
  AUDIT_EXPORT_MAX,
  type AuditPosition,
  type AuditService,
  auditServices,
  mergeAuditPages,
} from './audit-pages.js';
import { DEFAULT_TENANT_ID } from './config.js';
import { toCsv } from './csv.js';
import { fill } from './fill.js';
import { useI18n } from './i18n/i18n-context.js';

const PAGE = 25;
/** What an action's target may name (the ids the services' audit logs keep). */
const targetFields = [
  'profileId',
  'memberId',
  'receiptId',
  'transactionId',
  'storeId',
  'terminalId',
  'suggestionId',
  'linkId',
  'identifierId',
  'version',
] as const;

interface Filters {
  service: AuditService | 'all';
  actor: string;
  action: string;
  targetField: string;
  targetValue: string;
  from: string;
  to: string;
}

type Shown = AuditEntry & { from: AuditService };

const searchOf = (service: AuditService) =>
  ({
    receipt: receiptService.audit.search.query,
    loyalty: loyaltyService.audit.search.query,
    reconciliation: reconciliationService.audit.search.query,
  })[service];

/** A day typed in the form (the browser's zone) as the instant it starts. */
const dayStart = (day: string, plusDays = 0) => {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + plusDays).toISOString();
};

/**
 * The audit log viewer (administrators): the three services' logs, filtered by service, actor,
 * action, target and days, newest first, a page at a time, and the CSV of every entry the filters
 * match (page after page, up to `AUDIT_EXPORT_MAX`). Times in the reader's zone, named.
 */
export function AuditLog({ identity }: { identity: StaffIdentity }) {
  const { t, locale } = useI18n();
  const tenantId = identity.tenants.find((tenant) => tenant !== '*') ?? DEFAULT_TENANT_ID;
  const [filters, setFilters] = useState<Filters>({
    service: 'all',
    actor: '',
    action: '',
    targetField: '',
    targetValue: '',
    from: '',
    to: '',
  });
  const [entries, setEntries] = useState<Shown[] | null>(null);
  const [next, setNext] = useState<AuditPosition | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const ids = {
    service: useId(),
    actor: useId(),
    action: useId(),
    targetField: useId(),
    targetValue: useId(),
    from: useId(),
    to: useId(),
  };
  const time = new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', {
    // Field by field: `dateStyle`/`timeStyle` cannot be combined with `timeZoneName`.
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  });

  const query = {
    tenantId,
    ...(filters.actor.trim() && { actor: filters.actor.trim() }),
    ...(filters.action.trim() && { action: filters.action.trim() }),
    ...(filters.targetField &&
      filters.targetValue.trim() && {
        target: { field: filters.targetField, value: filters.targetValue.trim() },
      }),
    ...(filters.from && { from: dayStart(filters.from) }),
    ...(filters.to && { to: dayStart(filters.to, 1) }),
  };
  const start = (): AuditPosition =>
    Object.fromEntries(
      (filters.service === 'all' ? auditServices : [filters.service]).map((service) => [service, undefined]),
    );

  const page = async (at: AuditPosition, limit: number) => {
    const asked = auditServices.filter((service) => service in at && at[service] !== null);
    const pages: Partial<Record<AuditService, { entries: AuditEntry[]; nextCursor: string | null }>> =
      Object.fromEntries(
        await Promise.all(
          asked.map(
            async (service) =>
              [
                service,
                await searchOf(service)({
                  ...query,
                  limit,
                  ...(at[service] && { cursor: at[service] }),
                }),
              ] as const,
          ),
        ),
      );
    return mergeAuditPages<AuditEntry>(at, pages, limit);
  };

  const show = async (at: AuditPosition | null) => {
    setError(null);
    setNotice(null);
    try {
      const found = await page(at ?? start(), PAGE);
      setEntries((shown) => [...(at ? (shown ?? []) : []), ...found.entries]);
      setNext(found.next);
    } catch (caught) {
      setError(failureText(caught));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void show(null);
  };

  const exportCsv = async () => {
    setError(null);
    setNotice(null);
    try {
      const rows: Shown[] = [];
      let at: AuditPosition | null = start();
      while (at && rows.length < AUDIT_EXPORT_MAX) {
        const found = await page(at, 200);
        rows.push(...found.entries);
        at = found.next;
      }
      if (at) setNotice(fill(t.audit.exportCapped, { max: AUDIT_EXPORT_MAX }));
      const csv = toCsv(
        [
          'at',
          'service',
          'actor',
          'roles',
          'action',
          'kind',
          'tenant',
          'target',
          'reason',
          'outcome',
          'error',
          'request',
        ],
        rows
          .slice(0, AUDIT_EXPORT_MAX)
          .map((entry) => [
            entry.at,
            entry.from,
            entry.actor.subject,
            entry.actor.roles.join(' '),
            entry.action,
            entry.kind,
            entry.tenantId,
            targetText(entry.target),
            entry.reason,
            entry.outcome,
            entry.errorCode,
            entry.requestId,
          ]),
      );
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      link.download = `audit-${tenantId}-${filters.service}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (caught) {
      setError(failureText(caught));
    }
  };

  const field = (key: keyof Filters) => ({
    id: ids[key],
    value: filters[key],
    onChange: (event: { target: { value: string } }) => setFilters({ ...filters, [key]: event.target.value }),
  });

  return (
    <section aria-labelledby="audit-title" className="panel" data-testid="audit-log">
      <h2 id="audit-title">{t.audit.title}</h2>
      <form className="filters" onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.service}>{t.audit.service}</label>
          <select {...field('service')}>
            <option value="all">{t.audit.allServices}</option>
            {auditServices.map((service) => (
              <option key={service} value={service}>
                {t.audit.serviceName[service]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.actor}>{t.audit.actor}</label>
          <input autoComplete="off" {...field('actor')} />
        </div>
        <div className="field">
          <label htmlFor={ids.action}>{t.audit.action}</label>
          <input autoComplete="off" {...field('action')} />
        </div>
        <div className="field">
          <label htmlFor={ids.targetField}>{t.audit.targetField}</label>
          <select {...field('targetField')}>
            <option value="">{t.audit.anyTarget}</option>
            {targetFields.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.targetValue}>{t.audit.targetValue}</label>
          <input autoComplete="off" {...field('targetValue')} />
        </div>
        <div className="field">
          <label htmlFor={ids.from}>{t.audit.from}</label>
          <input type="date" {...field('from')} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>{t.audit.to}</label>
          <input type="date" {...field('to')} />
        </div>
        <button type="submit">{t.audit.search}</button>
        <button type="button" onClick={() => void exportCsv()}>
          {t.audit.exportCsv}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      {entries?.length === 0 && <p role="status">{t.audit.none}</p>}
      {entries && entries.length > 0 && (
        <div className="scroll">
          <table className="list" data-testid="audit-entries">
            <caption>{t.audit.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.audit.at}</th>
                <th scope="col">{t.audit.service}</th>
                <th scope="col">{t.audit.who}</th>
                <th scope="col">{t.audit.what}</th>
                <th scope="col">{t.audit.target}</th>
                <th scope="col">{t.audit.reason}</th>
                <th scope="col">{t.audit.outcome}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={`${entry.from}:${entry.id}`} data-action={entry.action} data-outcome={entry.outcome}>
                  <td>{time.format(new Date(entry.at))}</td>
                  <td>{t.audit.serviceName[entry.from]}</td>
                  <td>
                    {entry.actor.name ?? entry.actor.subject}
                    <span className="subject"> {entry.actor.roles.join(', ')}</span>
                  </td>
                  <td>
                    <code>{entry.action}</code> ({t.audit.kinds[entry.kind]})
                  </td>
                  <td className="wrap">{targetText(entry.target)}</td>
                  <td>{entry.reason ?? '—'}</td>
                  <td>
                    {t.audit.outcomes[entry.outcome]}
                    {entry.errorCode && ` (${entry.errorCode})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" onClick={() => void show(next)}>
          {t.audit.more}
        </button>
      )}
    </section>
  );
}

function targetText(target: Record<string, string>): string {
  return Object.entries(target)
    .filter(([field]) => field !== 'tenantId')
    .map(([field, value]) => `${field}=${value}`)
    .join(' ');
}
