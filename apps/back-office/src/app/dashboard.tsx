import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { loyaltyService, receiptService, type StaffIdentity } from './api.js';
import { DEFAULT_TENANT_ID } from './config.js';
import { CustomerKpis } from './customer-kpis.js';
import {
  dashboardCsv,
  dashboardRows,
  type DashboardRows,
  type KpiKey,
  kpiKeys,
  kpiKind,
  type KpiValues,
} from './dashboard-rows.js';
import { useI18n } from './i18n/i18n-context.js';
import { DailyBarChart } from './daily-bar-chart.js';
import { KpiTile } from './kpi-tile.js';

interface Selection {
  tenantId: string;
  storeId: string;
  from: string;
  to: string;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function initialSelection(identity: StaffIdentity): Selection {
  const today = new Date();
  const from = new Date(today.getTime() - 29 * 86_400_000);
  const tenantId = identity.tenants.find((tenant) => tenant !== '*') ?? DEFAULT_TENANT_ID;
  return { tenantId, storeId: identity.stores?.[0] ?? '', from: isoDay(from), to: isoDay(today) };
}

function SalesTile({ name, value }: { name: KpiKey; value: string }) {
  const { t } = useI18n();
  const { label, definition } = t.kpi[name];
  return <KpiTile name={name} label={label} definition={definition} value={value} heading="h3" />;
}

export function Dashboard({ identity }: { identity: StaffIdentity }) {
  const { t, money, percent, count, locale } = useI18n();
  const [selection, setSelection] = useState(() => initialSelection(identity));
  const [draft, setDraft] = useState(selection);
  const [data, setData] = useState<DashboardRows | null>(null);
  const [pointsMissing, setPointsMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const limitedStores = identity.stores;

  const load = useCallback(async (current: Selection) => {
    setError(null);
    try {
      const input = {
        tenantId: current.tenantId,
        ...(current.storeId !== '' && { storeId: current.storeId }),
        from: current.from,
        to: current.to,
      };
      // Both services' rollups at once; the receipt figures show even if the points cannot be read.
      const [sales, points] = await Promise.all([
        receiptService.kpis.salesDaily.query(input),
        loyaltyService.kpis.pointsDaily.query(input).catch(() => null),
      ]);
      setPointsMissing(points === null);
      setData(dashboardRows(sales, points));
    } catch (caught) {
      setData(null);
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }, []);
  useEffect(() => void load(selection), [load, selection]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSelection(draft);
  };
  const show = (key: KpiKey, values: KpiValues) => {
    const value = values[key];
    if (value === null) return '—';
    return kpiKind[key] === 'money' ? money(value) : kpiKind[key] === 'ratio' ? percent(value) : count(value);
  };
  const exportCsv = () => {
    if (!data) return;
    const labels = Object.fromEntries(kpiKeys.map((key) => [key, t.kpi[key].label])) as Record<
      KpiKey,
      string
    >;
    const blob = new Blob([dashboardCsv(data, labels, t.dashboard.day)], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `kpi-${data.tenantId}-${data.storeId ?? 'all'}-${data.from}-${data.to}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };
  const chartRows =
    data?.days.map(({ day, values, returns }) => {
      const share = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 1000) / 10);
      return {
        day,
        [t.kpi.revenue.label]: values.revenue === null ? null : values.revenue / 100,
        [t.kpi.sales.label]: values.sales,
        returns,
        [t.kpi.identifiedShare.label]: share(values.identifiedShare),
        [t.kpi.digitalReceiptShare.label]: share(values.digitalReceiptShare),
        [t.kpi.qrClaimRate.label]: share(values.qrClaimRate),
        [t.kpi.emailDeliveryRate.label]: share(values.emailDeliveryRate),
        [t.kpi.pointsIssued.label]: values.pointsIssued,
        [t.kpi.pointsRedeemed.label]: values.pointsRedeemed,
        [t.kpi.pointsExpired.label]: values.pointsExpired,
      };
    }) ?? [];
  const returnsLabel = locale === 'it' ? 'Resi' : 'Returns';

  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <h2 id="dashboard-title">{t.dashboard.title}</h2>
      <form className="filters" onSubmit={submit}>
        <label>
          {t.dashboard.brand}
          <input
            value={draft.tenantId}
            readOnly={!identity.tenants.includes('*')}
            onChange={(event) => setDraft({ ...draft, tenantId: event.target.value })}
          />
        </label>
        <label>
          {t.dashboard.store}
          {limitedStores ? (
            <select
              value={draft.storeId}
              onChange={(event) => setDraft({ ...draft, storeId: event.target.value })}
            >
              {limitedStores.map((store) => (
                <option key={store} value={store}>
                  {store}
                </option>
              ))}
            </select>
          ) : (
            <input
              value={draft.storeId}
              placeholder={t.dashboard.allStores}
              onChange={(event) => setDraft({ ...draft, storeId: event.target.value.trim() })}
            />
          )}
        </label>
        <label>
          {t.dashboard.from}
          <input
            type="date"
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.target.value })}
          />
        </label>
        <label>
          {t.dashboard.to}
          <input
            type="date"
            value={draft.to}
            onChange={(event) => setDraft({ ...draft, to: event.target.value })}
          />
        </label>
        <button type="submit">{t.dashboard.show}</button>
        <button type="button" onClick={exportCsv} disabled={!data}>
          {t.dashboard.exportCsv}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {t.app.loadError} {error}
        </p>
      )}
      {data && (
        <>
          <ul className="tiles" aria-label={t.dashboard.title}>
            {kpiKeys.map((key) => (
              <SalesTile key={key} name={key} value={show(key, data.total)} />
            ))}
          </ul>
          <p className="note">{t.dashboard.sourceNote}</p>
          <CustomerKpis
            identity={identity}
            tenantId={selection.tenantId}
            storeId={selection.storeId}
            from={selection.from}
            to={selection.to}
          />
          {pointsMissing && (
            <p role="status" className="note">
              {t.dashboard.pointsMissing}
            </p>
          )}
          {data.days.length === 0 ? (
            <p>{t.dashboard.empty}</p>
          ) : (
            <>
              <div className="charts">
                <figure>
                  <figcaption>{t.dashboard.revenueChart}</figcaption>
                  <ResponsiveContainer width="100%" height={220}>
                    <LineChart data={chartRows}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="day" />
                      <YAxis />
                      <Tooltip />
                      <Line type="monotone" dataKey={t.kpi.revenue.label} stroke="#1a4d8f" strokeWidth={2} />
                    </LineChart>
                  </ResponsiveContainer>
                </figure>
                <DailyBarChart
                  caption={t.dashboard.salesChart}
                  rows={chartRows}
                  bars={[
                    { dataKey: t.kpi.sales.label, fill: '#1a4d8f' },
                    { dataKey: 'returns', name: returnsLabel, fill: '#b3261e' },
                  ]}
                />
                <figure>
                  <figcaption>{t.dashboard.sharesChart}</figcaption>
                  <ResponsiveContainer width="100%" height={220}>
                    <LineChart data={chartRows}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="day" />
                      <YAxis domain={[0, 100]} />
                      <Tooltip />
                      <Legend />
                      <Line dataKey={t.kpi.identifiedShare.label} stroke="#1a4d8f" />
                      <Line dataKey={t.kpi.digitalReceiptShare.label} stroke="#0b6e4f" />
                      <Line dataKey={t.kpi.qrClaimRate.label} stroke="#8a4b00" />
                      <Line dataKey={t.kpi.emailDeliveryRate.label} stroke="#5b2a86" />
                    </LineChart>
                  </ResponsiveContainer>
                </figure>
                <DailyBarChart
                  caption={t.dashboard.pointsChart}
                  rows={chartRows}
                  bars={[
                    { dataKey: t.kpi.pointsIssued.label, fill: '#0b6e4f' },
                    { dataKey: t.kpi.pointsRedeemed.label, fill: '#1a4d8f' },
                    { dataKey: t.kpi.pointsExpired.label, fill: '#8a4b00' },
                  ]}
                />
              </div>
              <table className="per-day">
                <caption>{t.dashboard.perDay}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.dashboard.day}</th>
                    {kpiKeys.map((key) => (
                      <th scope="col" key={key}>
                        {t.kpi[key].label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.days.map((day) => (
                    <tr key={day.day}>
                      <th scope="row">{day.day}</th>
                      {kpiKeys.map((key) => (
                        <td key={key}>{show(key, day.values)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </section>
  );
}
