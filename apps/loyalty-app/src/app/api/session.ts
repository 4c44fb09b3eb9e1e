/** A signed-in member as the tab remembers it: gone when the tab closes (sessionStorage). */
export interface StoredSession {
  token: string;
  email: string;
  /** ISO instant; null when the service did not say (the token is then dropped on its first 401). */
  expiresAt: string | null;
}

export interface SessionStore {
  /** The stored session, unless missing, malformed or expired at `now` (then it is dropped). */
  read(now: Date): StoredSession | null;
  write(session: StoredSession): void;
  clear(): void;
}

const KEY = 'scontrino.loyalty.session';

function parse(raw: string | null): StoredSession | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredSession> | null;
    if (typeof value?.token !== 'string' || value.token === '' || typeof value.email !== 'string')
      return null;
    const expiresAt = typeof value.expiresAt === 'string' ? value.expiresAt : null;
    return { token: value.token, email: value.email, expiresAt };
  } catch {
    return null;
  }
}

/** `storage` is `window.sessionStorage` in the app, a Map-backed fake in tests. */
export function sessionStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): SessionStore {
  return {
    read(now) {
      const session = parse(storage.getItem(KEY));
      const expired = session?.expiresAt != null && !(Date.parse(session.expiresAt) > now.getTime());
      if (!session || expired) {
        storage.removeItem(KEY);
        return null;
      }
      return session;
    },
    write: (session) => storage.setItem(KEY, JSON.stringify(session)),
    clear: () => storage.removeItem(KEY),
  };
}

/**
 * The expiry a session token carries in its readable payload (`<base64url JSON>.<signature>`,
 * `exp` in seconds), for when the sign-in answer does not state it; null if it cannot be read.
 */
export function tokenExpiry(token: string): string | null {
  const payload = token.split('.')[0];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='))) as { exp?: unknown };
    return typeof json.exp === 'number' ? new Date(json.exp * 1000).toISOString() : null;
  } catch {
    return null;
  }
}
