import { useApi } from '../api/api-context.js';
import type { Summary } from '../api/views.js';
import { Failure, Loading } from '../components/status-views.js';
import { ScreenHeading } from '../components/screen-heading.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { Formatter } from '../format/formatter.js';
import { useLoad } from '../use-load.js';
import { TierCard } from './tier-card.js';

/** The number large, its unit small: a narrow tile keeps `1.250` on one line. */
function Points({ value, format }: { value: number; format: Formatter }) {
  return (
    <>
      {format.number(value)} <span className="stat__unit">{format.pointsUnit(value)}</span>
    </>
  );
}

function Balance({ summary }: { summary: Summary }) {
  const { t, format } = useI18n();
  const { balance, expiring } = summary;
  return (
    <>
      <section className="card balance" aria-labelledby="balance-title">
        <h2 id="balance-title" className="balance__label">
          {t.home.available}
        </h2>
        <p className="balance__value" data-testid="available">
          {format.number(balance.available)}
        </p>
        {balance.held > 0 && (
          <p className="balance__note">
            {t.home.held}: {format.points(balance.held)}
          </p>
        )}
      </section>
      <div className="stats">
        <section className="card stat stat--pending" aria-labelledby="pending-title">
          <h2 id="pending-title" className="stat__label">
            {t.home.pending}
          </h2>
          <p className="stat__value" data-testid="pending">
            <Points value={balance.pending} format={format} />
          </p>
          <p className="stat__hint">{t.home.pendingHint}</p>
        </section>
        <section className="card stat stat--expiring" aria-labelledby="expiring-title">
          <h2 id="expiring-title" className="stat__label">
            {t.home.expiring}
          </h2>
          <p className="stat__value" data-testid="expiring">
            <Points value={expiring.points} format={format} />
          </p>
          <p className="stat__hint">
            {expiring.points > 0 && expiring.firstAt
              ? t.home.expiringFrom(format.date(expiring.firstAt))
              : t.home.noneExpiring}
          </p>
        </section>
        {balance.debt > 0 && (
          <section className="card stat stat--debt" aria-labelledby="debt-title">
            <h2 id="debt-title" className="stat__label">
              {t.home.debt}
            </h2>
            <p className="stat__value">
              <Points value={balance.debt} format={format} />
            </p>
            <p className="stat__hint">{t.home.debtHint}</p>
          </section>
        )}
      </div>
    </>
  );
}

export function HomeScreen() {
  const { t } = useI18n();
  const api = useApi();
  const { state, reload } = useLoad(api.summary);
  return (
    <>
      <ScreenHeading>{t.home.title}</ScreenHeading>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failure problem={state.problem} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <Balance summary={state.data} />
          {state.data.tier && <TierCard tier={state.data.tier} currency={state.data.currency} />}
        </>
      )}
    </>
  );
}
