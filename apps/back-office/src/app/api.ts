import type { LoyaltyRouter } from '@scontrino/loyalty-service/router';
import type { ReceiptRouter } from '@scontrino/receipt-service/router';
import type { ReconciliationRouter } from '@scontrino/reconciliation-service/router';
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

/** The loyalty service through the back office server: a customer's members, points corrections. */
export const loyaltyService: TRPCClient<LoyaltyRouter> = createTRPCClient<LoyaltyRouter>({
  links: [httpLink({ url: '/trpc/loyalty', headers: () => PAGE_HEADERS })],
});

/** The reconciliation service through the back office server: profiles, links, curation. */
export const reconciliationService: TRPCClient<ReconciliationRouter> = createTRPCClient<ReconciliationRouter>(
  {
    links: [httpLink({ url: '/trpc/reconciliation', headers: () => PAGE_HEADERS })],
  },
);

export type SalesDaily = Awaited<ReturnType<typeof receiptService.kpis.salesDaily.query>>;
export type PointsDaily = Awaited<ReturnType<typeof loyaltyService.kpis.pointsDaily.query>>;
export type CustomersDaily = Awaited<ReturnType<typeof reconciliationService.kpis.customersDaily.query>>;
export type StoreReceiptPage = Awaited<ReturnType<typeof receiptService.receipts.search.query>>;
export type CustomerReceiptPage = Awaited<ReturnType<typeof receiptService.receipts.ofCustomer.query>>;
export type Deliveries = Awaited<ReturnType<typeof receiptService.receipts.delivery.query>>['deliveries'];
export type Profile = Awaited<ReturnType<typeof reconciliationService.profiles.get.query>>;
export type Explanation = Awaited<ReturnType<typeof reconciliationService.profiles.explain.query>>;
export type SuggestionPage = Awaited<ReturnType<typeof reconciliationService.suggestions.list.query>>;
export type Suggestion = SuggestionPage['suggestions'][number];
export type AuditEntry = Awaited<
  ReturnType<typeof reconciliationService.audit.search.query>
>['entries'][number];
export type ProgramVersion = NonNullable<Awaited<ReturnType<typeof loyaltyService.program.current.query>>>;
export type ProgramDraft = NonNullable<Awaited<ReturnType<typeof loyaltyService.program.draft.query>>>;
export type DryRunReport = Awaited<ReturnType<typeof loyaltyService.program.dryRun.query>>;
export type Memberships = Awaited<ReturnType<typeof loyaltyService.members.ofCustomer.query>>['members'];

/** A refusal's words for the page: the service's message (it names the missing permission). */
export function failureText(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}
