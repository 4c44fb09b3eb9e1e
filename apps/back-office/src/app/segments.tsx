import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { failureText, reconciliationService, type StaffIdentity } from './api.js';
import { DEFAULT_TENANT_ID } from './config.js';
import { toCsv } from './csv.js';
import { useI18n } from './i18n/i18n-context.js';
import { segmentsQualityMessages } from './i18n/segments-quality.js';

type Summary = Awaited<ReturnType<typeof reconciliationService.segments.summary.query>>;
type Movement = Awaited<ReturnType<typeof reconciliationService.segments.movement.query>>;
type Members = Awaited<ReturnType<typeof reconciliationService.segments.members.query>>;
type SegmentName = Members['members'][number]['segment'];
type Channel = 'email' | 'sms' | 'app';

const segmentOrder: SegmentName[] = [
  'champions',
  'loyal',
  'potential_loyalists',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
];

function download(name: string, csv: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** The movement matrix: from-segments down, to-segments across, only the places that have customers. */
function MovementTable({ movement }: { movement: Movement }) {
  const { locale, count } = useI18n();
  const m = segmentsQualityMessages[locale].segments;
  const places = [...segmentOrder, 'none' as const];
  const froms = places.filter((p) => movement.cells.some((c) => c.from === p));
  const tos = places.filter((p) => movement.cells.some((c) => c.to === p));
  const cell = (from: string, to: string) =>
    movement.cells.find((c) => c.from === from && c.to === to)?.customers ?? 0;
  return (
    <table className="list matrix" data-testid="segment-movement">
      <caption>
        {m.movement}: {movement.from} → {movement.to}. {m.movementCaption}
      </caption>
      <thead>
        <tr>
          <td />
          {tos.map((to) => (
            <th key={to} scope="col">
              {m.names[to]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {froms.map((from) => (
          <tr key={from}>
            <th scope="row">{m.names[from]}</th>
            {tos.map((to) => (
              <td key={to} data-from={from} data-to={to} className={from === to ? 'stayed' : undefined}>
                {count(cell(from, to))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Segments({ identity }: { identity: StaffIdentity }) {
  const { locale, count, percent } = useI18n();
  const m = segmentsQualityMessages[locale].segments;
  const [tenantId, setTenantId] = useState(
    () => identity.tenants.find((tenant) => tenant !== '*') ?? DEFAULT_TENANT_ID,
  );
  const [date, setDate] = useState('');
  const [compareWith, setCompareWith] = useState('');
  const [summary, setSummary] = useState<Summary | null>(null);
  const [movement, setMovement] = useState<Movement | null>(null);
  const [segment, setSegment] = useState<SegmentName>('champions');
  const [members, setMembers] = useState<Members | null>(null);
  const [page, setPage] = useState(0);
  const [channel, setChannel] = useState<Channel>('email');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mayCurate = identity.permissions.includes('identity.curate');

  const load = useCallback(async (tenant: string, day: string, other: string) => {
    setError(null);
    try {
      const answer = await reconciliationService.segments.summary.query({
        tenantId: tenant,
        ...(day !== '' && { date: day }),
      });
      setSummary(answer);
      const shown = answer.snapshot?.date ?? '';
      setMovement(
        other !== '' && shown !== '' && other !== shown
          ? await reconciliationService.segments.movement.query({
              tenantId: tenant,
              from: other < shown ? other : shown,
              to: other < shown ? shown : other,
            })
          : null,
      );
    } catch (caught) {
      setSummary(null);
      setMovement(null);
      setError(failureText(caught));
    }
  }, []);
  useEffect(() => void load(tenantId, '', ''), [load, tenantId]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void load(tenantId, date, compareWith);
  };
  const snapshot = summary?.snapshot ?? null;
  const listMembers = async (at: number) => {
    if (!snapshot) return;
    setError(null);
    try {
      setMembers(
        await reconciliationService.segments.members.query({
          tenantId,
          date: snapshot.date,
          segment,
          page: at,
        }),
      );
      setPage(at);
    } catch (caught) {
      setError(failureText(caught));
    }
  };
  const exportConsented = async () => {
    if (!snapshot) return;
    setError(null);
    try {
      const answer = await reconciliationService.segments.export.mutate({
        tenantId,
        date: snapshot.date,
        segment,
        channel,
      });
      const csv = toCsv(
        [
          'profile_id',
          'segment',
          'recency',
          'frequency',
          'monetary',
          'contact',
          'consent_email',
          'consent_sms',
          'consent_app',
        ],
        answer.rows.map((row) => [
          row.profileId,
          segment,
          row.recency,
          row.frequency,
          row.monetary,
          row.contact,
          String(row.consent.email),
          String(row.consent.sms),
          String(row.consent.app),
        ]),
      );
      download(`segment-${tenantId}-${snapshot.date}-${segment}-${channel}.csv`, csv);
      setNotice(m.exported(answer.rows.length, answer.members));
    } catch (caught) {
      setError(failureText(caught));
    }
  };
  const takeSnapshot = async () => {
    setError(null);
    try {
      const taken = await reconciliationService.segments.snapshot.mutate({ tenantId });
      setDate(taken.date);
      await load(tenantId, taken.date, compareWith);
    } catch (caught) {
      setError(failureText(caught));
    }
  };
  const chartRows = snapshot
    ? segmentOrder.map((name) => ({ segment: m.names[name], [m.count]: snapshot.counts[name] ?? 0 }))
    : [];

  return (
    <section aria-labelledby="segments-title" className="segments">
      <h2 id="segments-title">{m.title}</h2>
      <form className="filters" onSubmit={submit}>
        <label>
          {m.brand}
          <input
            value={tenantId}
            readOnly={!identity.tenants.includes('*')}
            onChange={(event) => setTenantId(event.target.value)}
          />
        </label>
        <label>
          {m.date}
          <select value={date} onChange={(event) => setDate(event.target.value)} data-testid="segment-date">
            <option value="">{summary?.dates[0] ?? m.none}</option>
            {summary?.dates.slice(1).map((day) => (
              <option key={day} value={day}>
                {day}
              </option>
            ))}
          </select>
        </label>
        <label>
          {m.compareWith}
          <select
            value={compareWith}
            onChange={(event) => setCompareWith(event.target.value)}
            data-testid="segment-compare"
          >
            <option value="">{m.none}</option>
            {summary?.dates.map((day) => (
              <option key={day} value={day}>
                {day}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{m.show}</button>
        {mayCurate && (
          <button type="button" onClick={() => void takeSnapshot()} data-testid="take-snapshot">
            {m.takeSnapshot}
          </button>
        )}
      </form>
      {error && (
        <p role="alert" className="refused">
          {error}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      {summary && !snapshot && <p>{m.noSnapshot}</p>}
      {snapshot && (
        <>
          <p>
            {m.customers}: <strong data-testid="segment-customers">{count(snapshot.customers)}</strong> (
            {snapshot.date})
          </p>
          <p className="method">{m.method}</p>
          <figure className="chart">
            <figcaption>
              {m.count} / {m.segment}
            </figcaption>
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={chartRows} margin={{ left: 24, right: 8, bottom: 16 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="segment" interval={0} angle={-30} textAnchor="end" height={90} />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Bar dataKey={m.count} fill="#1f5f8b" />
              </BarChart>
            </ResponsiveContainer>
          </figure>
          <table className="list" data-testid="segment-counts">
            <thead>
              <tr>
                <th scope="col">{m.segment}</th>
                <th scope="col">{m.count}</th>
                <th scope="col">{m.share}</th>
              </tr>
            </thead>
            <tbody>
              {segmentOrder.map((name) => (
                <tr key={name} data-segment={name}>
                  <th scope="row">{m.names[name]}</th>
                  <td>{count(snapshot.counts[name] ?? 0)}</td>
                  <td>
                    {percent(
                      snapshot.customers === 0 ? null : (snapshot.counts[name] ?? 0) / snapshot.customers,
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {movement && <MovementTable movement={movement} />}
          <h3>{m.members}</h3>
          <div className="filters">
            <label>
              {m.membersOf}
              <select value={segment} onChange={(event) => setSegment(event.target.value as SegmentName)}>
                {segmentOrder.map((name) => (
                  <option key={name} value={name}>
                    {m.names[name]}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => void listMembers(0)} data-testid="list-members">
              {m.list}
            </button>
            <label>
              {m.channel}
              <select value={channel} onChange={(event) => setChannel(event.target.value as Channel)}>
                {(['email', 'sms', 'app'] as const).map((name) => (
                  <option key={name} value={name}>
                    {m.channels[name]}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => void exportConsented()} data-testid="export-segment">
              {m.exportCsv}
            </button>
          </div>
          {members && (
            <table className="list" data-testid="segment-members">
              <caption>
                {m.names[segment]} · {m.page} {page + 1} / {Math.max(1, members.pages)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{m.profile}</th>
                  <th scope="col">{m.scores}</th>
                  <th scope="col">{m.identifiers}</th>
                </tr>
              </thead>
              <tbody>
                {members.members.map((member) => (
                  <tr key={member.profileId}>
                    <td>{member.profileId}</td>
                    <td>
                      {member.recency}·{member.frequency}·{member.monetary}
                    </td>
                    <td>{member.identifiers.map((i) => i.masked).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {members && page + 1 < members.pages && (
            <button type="button" onClick={() => void listMembers(page + 1)}>
              {m.page} {page + 2}
            </button>
          )}
        </>
      )}
    </section>
  );
}
