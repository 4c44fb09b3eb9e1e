import { useCallback, useEffect, useState } from 'react';
import { fetchIdentity, signOut, type StaffIdentity } from './api.js';
import { Customer360 } from './customer.js';
import { Dashboard } from './dashboard.js';
import { useI18n } from './i18n/i18n-context.js';
import { LOCALES, localeNames } from './i18n/messages.js';
import { Receipts } from './receipts.js';
import { AuditLog } from './audit-log.js';
import { LoyaltyProgram } from './program.js';
import { ReviewQueue } from './review.js';

const screens = ['dashboard', 'customer', 'receipts', 'review', 'program', 'audit'] as const;
type Screen = (typeof screens)[number];
const screenOf = (hash: string): Screen => screens.find((screen) => `#${screen}` === hash) ?? 'dashboard';

/** The screen in the address (`#customer`, `#receipts`): links, back and forward work as usual. */
function useScreen(): Screen {
  const [screen, setScreen] = useState(() => screenOf(window.location.hash));
  useEffect(() => {
    const follow = () => setScreen(screenOf(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return screen;
}

function Screens({ identity }: { identity: StaffIdentity }) {
  const { t } = useI18n();
  const screen = useScreen();
  const allowed = (permission: string) => identity.permissions.includes(permission);
  return (
    <div className="screens">
      <nav aria-label={t.nav.label} className="tabs">
        <ul>
          {screens.map((name) => (
            <li key={name}>
              <a href={`#${name}`} aria-current={screen === name ? 'page' : undefined}>
                {t.nav[name]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {screen === 'dashboard' &&
        (allowed('kpis.read') ? (
          <Dashboard identity={identity} />
        ) : (
          <p className="refused" data-testid="dashboard-refused">
            {t.dashboard.refused}
          </p>
        ))}
      {screen === 'customer' &&
        (allowed('profiles.read') ? (
          <Customer360 identity={identity} />
        ) : (
          <p className="refused" data-testid="customer-refused">
            {t.customer.refused}
          </p>
        ))}
      {screen === 'receipts' &&
        (allowed('receipts.read') ? (
          <Receipts identity={identity} today={new Date().toISOString().slice(0, 10)} />
        ) : (
          <p className="refused" data-testid="receipts-refused">
            {t.receipts.refused}
          </p>
        ))}
      {screen === 'review' &&
        (allowed('identity.curate') ? (
          <ReviewQueue identity={identity} />
        ) : (
          <p className="refused" data-testid="review-refused">
            {t.review.refused}
          </p>
        ))}
      {screen === 'program' &&
        (allowed('program.read') ? (
          <LoyaltyProgram identity={identity} />
        ) : (
          <p className="refused" data-testid="program-refused">
            {t.program.refused}
          </p>
        ))}
      {screen === 'audit' &&
        (allowed('audit.read') ? (
          <AuditLog identity={identity} />
        ) : (
          <p className="refused" data-testid="audit-refused">
            {t.audit.refused}
          </p>
        ))}
    </div>
  );
}

type Loaded = { state: 'loading' } | { state: 'error' } | { state: 'ready'; identity: StaffIdentity | null };

function WhoYouAre({ identity }: { identity: StaffIdentity }) {
  const { t } = useI18n();
  const tenants = identity.tenants.includes('*') ? t.who.allBrands : identity.tenants.join(', ');
  return (
    <section aria-labelledby="who-title" className="who">
      <h2 id="who-title">{t.who.title}</h2>
      <dl>
        <dt>{identity.name ?? identity.subject}</dt>
        <dd className="subject">{identity.subject}</dd>
        <dt>{t.who.roles}</dt>
        <dd data-testid="roles">{identity.roles.map((role) => t.who.role[role] ?? role).join(', ')}</dd>
        <dt>{t.who.brands}</dt>
        <dd>{tenants}</dd>
        <dt>{t.who.stores}</dt>
        <dd data-testid="stores">{identity.stores ? identity.stores.join(', ') : t.who.allStores}</dd>
      </dl>
      <h3>{t.who.allows}</h3>
      <ul className="permissions" data-testid="permissions">
        {identity.permissions.map((permission) => (
          <li key={permission} data-permission={permission}>
            {t.who.permission[permission] ?? permission}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function App() {
  const { t, locale, setLocale } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const load = useCallback(() => {
    setLoaded({ state: 'loading' });
    fetchIdentity().then(
      (identity) => setLoaded({ state: 'ready', identity }),
      () => setLoaded({ state: 'error' }),
    );
  }, []);
  useEffect(load, [load]);
  const identity = loaded.state === 'ready' ? loaded.identity : null;

  return (
    <>
      <a className="skip" href="#main">
        {t.app.skipToContent}
      </a>
      <header className="bar">
        <h1>{t.app.name}</h1>
        <label className="language">
          {t.app.language}
          <select value={locale} onChange={(event) => setLocale(event.target.value as typeof locale)}>
            {LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {localeNames[code]}
              </option>
            ))}
          </select>
        </label>
        {identity && (
          <button type="button" onClick={() => void signOut().then(load)}>
            {t.app.signOut}
          </button>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {loaded.state === 'loading' && <p role="status">{t.app.loading}</p>}
        {loaded.state === 'error' && (
          <p role="alert">
            {t.app.loadError}{' '}
            <button type="button" onClick={load}>
              {t.app.retry}
            </button>
          </p>
        )}
        {loaded.state === 'ready' && !identity && (
          <section className="sign-in">
            <p>{t.app.signInIntro}</p>
            <a className="button" href="/auth/login">
              {t.app.signIn}
            </a>
          </section>
        )}
        {identity && (
          <div className="layout">
            <WhoYouAre identity={identity} />
            <Screens identity={identity} />
          </div>
        )}
      </main>
    </>
  );
}
