import { useEffect, useState } from 'react';
import { type CustomersDaily, reconciliationService, type StaffIdentity } from './api.js';
import {
  customerKpiKeys,
  customerKpiKind,
  type CustomerKpiKey,
  customerKpisCsv,
} from './customer-kpi-rows.js';
import { customerKpiMessages } from './i18n/customer-kpis.js';
import { useI18n } from './i18n/i18n-context.js';
import { DailyBarChart } from './daily-bar-chart.js';
import { KpiTile } from './kpi-tile.js';

function CustomerTile({ name, value }: { name: CustomerKpiKey; value: string }) {
  const { locale } = useI18n();
  const { label, definition } = customerKpiMessages[locale].kpi[name];
  return <KpiTile name={name} label={label} definition={definition} value={value} heading="h4" />;
}

/**
 * The brand's customer figures of the dashboard's range, from the reconciliation service's day
 * counters (UTC days, the whole brand): not shown to staff limited to stores, who are refused them.
 */
export function CustomerKpis({
  identity,
  tenantId,
  storeId,
  from,
  to,
}: {
  identity: StaffIdentity;
  tenantId: string;
  storeId: string;
  from: string;
  to: string;
}) {
  const { locale, t, money, percent, count } = useI18n();
  const m = customerKpiMessages[locale];
  const [data, setData] = useState<CustomersDaily | null>(null);
  const [error, setError] = useState<string | null>(null);
  const limited = identity.stores !== null;
  useEffect(() => {
    if (limited) return;
    let current = true;
    setError(null);
    reconciliationService.kpis.customersDaily
      .query({ tenantId, from, to })
      .then((read) => current && setData(read))
      .catch((caught: unknown) => {
        if (!current) return;
        setData(null);
        setError(caught instanceof Error ? caught.message : String(caught));
      });
    return () => {
      current = false;
    };
  }, [limited, tenantId, from, to]);

  if (limited)
    return (
      <section aria-labelledby="customer-kpis-title" className="customer-kpis">
        <h3 id="customer-kpis-title">{m.title}</h3>
        <p className="note">{m.refused}</p>
      </section>
    );
  const show = (key: CustomerKpiKey, value: number | null) => {
    if (value === null) return '—';
    const kind = customerKpiKind[key];
    if (kind === 'money') return money(value);
    if (kind === 'ratio') return percent(value);
    if (kind === 'decimal')
      return value.toLocaleString(locale === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 2 });
    return count(value);
  };
  const exportCsv = () => {
    if (!data) return;
    const labels = Object.fromEntries(customerKpiKeys.map((key) => [key, m.kpi[key].label])) as Record<
      CustomerKpiKey,
      string
    >;
    const blob = new Blob([customerKpisCsv(data, labels, t.dashboard.day)], {
      type: 'text/csv;charset=utf-8',
    });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `customers-${data.tenantId}-${data.from}-${data.to}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };
  const total = data?.total;
  const chartRows =
    data?.days.map(({ day, kpis }) => ({
      day,
      [m.kpi.customers.label]: kpis.customers,
      [m.kpi.newCustomers.label]: kpis.newCustomers,
    })) ?? [];
  return (
    <section aria-labelledby="customer-kpis-title" className="customer-kpis">
      <h3 id="customer-kpis-title">{m.title}</h3>
      <p className="note">
        {m.intro} {storeId !== '' && m.wholeBrand}
      </p>
      {error && (
        <p role="alert" className="error">
          {t.app.loadError} {error}
        </p>
      )}
      {data && total && (
        <>
          <p className="note" data-testid="customer-kpis-as-of">
            {data.asOf ? m.asOf(data.asOf) : m.notBuilt}
          </p>
          <ul className="tiles" aria-label={m.title}>
            {customerKpiKeys.map((key) => (
              <CustomerTile key={key} name={key} value={show(key, total[key])} />
            ))}
          </ul>
          <p className="note" data-testid="clv-formula">
            <strong>{m.formula}:</strong>{' '}
            {total.clvPredicted === null || total.averageTicket === null || total.purchasesPerYear === null
              ? m.formulaMissing
              : m.formulaText(
                  money(total.averageTicket),
                  show('purchasesPerCustomer', total.purchasesPerYear),
                  show('purchasesPerCustomer', total.expectedYears),
                  money(total.clvPredicted),
                )}
          </p>
          <button type="button" onClick={exportCsv}>
            {m.exportCsv}
          </button>
          {data.days.length > 0 && (
            <DailyBarChart
              caption={m.chart}
              rows={chartRows}
              bars={[
                { dataKey: m.kpi.customers.label, fill: '#1a4d8f' },
                { dataKey: m.kpi.newCustomers.label, fill: '#0b6e4f' },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}
