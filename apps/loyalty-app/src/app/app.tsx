import { type ComponentType, useCallback, useMemo, useState } from 'react';
import { ApiContext } from './api/api-context.js';
import { createLoyaltyClients } from './api/loyalty-client.js';
import { createMemberApi } from './api/member-api.js';
import type { SessionStore, StoredSession } from './api/session.js';
import type { SignedIn } from './api/views.js';
import { AppHeader } from './components/app-header.js';
import { TabBar } from './components/tab-bar.js';
import { useI18n } from './i18n/i18n-context.js';
import type { Route } from './routes.js';
import { CardScreen } from './screens/card-screen.js';
import { HistoryScreen } from './screens/history-screen.js';
import { HomeScreen } from './screens/home-screen.js';
import { ReceiptsScreen } from './screens/receipts-screen.js';
import { SignInScreen } from './screens/sign-in/sign-in-screen.js';
import { useRoute } from './use-route.js';

const screens: Record<Route, ComponentType> = {
  home: HomeScreen,
  history: HistoryScreen,
  receipts: ReceiptsScreen,
  card: CardScreen,
};

export function App({ sessions, tenantId }: { sessions: SessionStore; tenantId: string }) {
  const { t } = useI18n();
  const route = useRoute();
  const [session, setSession] = useState<StoredSession | null>(() => sessions.read(new Date()));
  const [expired, setExpired] = useState(false);

  const signOut = useCallback(
    (why: 'asked' | 'expired') => {
      sessions.clear();
      setSession(null);
      setExpired(why === 'expired');
    },
    [sessions],
  );
  // One API for the page: it reads the token from the store on every call.
  const api = useMemo(
    () =>
      createMemberApi({
        clients: createLoyaltyClients(() => sessions.read(new Date())?.token ?? null),
        tenantId,
        onUnauthorized: () => signOut('expired'),
      }),
    [sessions, tenantId, signOut],
  );

  const signIn = (signedIn: SignedIn, email: string) => {
    const next = { token: signedIn.token, expiresAt: signedIn.expiresAt, email };
    sessions.write(next);
    setExpired(false);
    setSession(next);
  };

  const Screen = screens[route];
  return (
    <ApiContext value={api}>
      <a className="skip-link" href="#main">
        {t.app.skipToContent}
      </a>
      <AppHeader onSignOut={session ? () => signOut('asked') : null} />
      <main id="main" className="app-main">
        {session ? (
          // A new member (or a new sign-in) starts every screen afresh.
          <Screen key={`${session.token}:${route}`} />
        ) : (
          <SignInScreen notice={expired ? t.errors.sessionExpired : null} onSignedIn={signIn} />
        )}
      </main>
      {session && <TabBar current={route} />}
    </ApiContext>
  );
}
