import type { ReceiptRouter } from '@scontrino/receipt-service/router';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';

/** Sent on every call: the server refuses calls without it (a cross-site form cannot add it). */
const PAGE_HEADERS = { 'x-scontrino-back-office': '1' };

/** Who is signed in, as the server read it from their token (`GET /auth/me`). */
export interface StaffIdentity {
  subject: string;
  name: string | null;
  roles: string[];
  tenants: string[];
  stores: string[] | null;
  permissions: string[];
  expiresAt: string;
}

/** null: signed out (or the session ended). */
export async function fetchIdentity(): Promise<StaffIdentity | null> {
  const res = await fetch('/auth/me', { headers: PAGE_HEADERS, credentials: 'same-origin' });
  if (res.status === 401) return null;
  if (!res.ok) throw new Error(`GET /auth/me answered ${res.status}`);
  return (await res.json()) as StaffIdentity;
}

export async function signOut(): Promise<void> {
  await fetch('/auth/logout', { method: 'POST', headers: PAGE_HEADERS, credentials: 'same-origin' });
}

/** The receipt service through the back office server, which adds the staff member's token. */
export const receiptService: TRPCClient<ReceiptRouter> = createTRPCClient<ReceiptRouter>({
  links: [httpLink({ url: '/trpc/receipt', headers: () => PAGE_HEADERS })],
});

export type SalesDaily = Awaited<ReturnType<typeof receiptService.kpis.salesDaily.query>>;
