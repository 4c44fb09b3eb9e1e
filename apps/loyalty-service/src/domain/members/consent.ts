/**
 * Marketing consent is an append-only history, never a flag overwritten in place: each change
 * keeps what was decided, through which channel and when.
 *
 * A grant typed into the app by someone who has not yet proven the address is **pending** (double
 * opt-in): it never counts, until the e-mailed code of that join is used; then a second, confirmed
 * grant is appended with its proof. A refusal needs no proof and counts at once.
 */
export const consentSources = ['till', 'app', 'web', 'staff', 'claim'] as const;
export type ConsentSource = (typeof consentSources)[number];

/** How the address's owner confirmed a grant: the sign-in code mailed to it, used. */
export interface ConsentProof {
  method: 'email-code';
  /** The sign-in request whose code was used (`sgn_…`). */
  codeId: string;
  /** That code's keyed hash as stored (bound to its request), never the code. */
  codeHash: string;
  /** When the code was mailed; the change's `at` is when it was used. */
  sentAt: Date;
}

export interface ConsentChange {
  purpose: 'marketing_email';
  granted: boolean;
  source: ConsentSource;
  at: Date;
  /** A grant waiting for the address to confirm it: it does not count. */
  pending?: true;
  /** Present on a grant confirmed by the address's owner. */
  proof?: ConsentProof;
}

/** The latest decision in force (pending grants left out), or null when there is none. */
export function currentMarketingConsent(history: readonly ConsentChange[]): boolean | null {
  let latest: ConsentChange | undefined;
  for (const change of history) if (!change.pending && (!latest || change.at >= latest.at)) latest = change;
  return latest?.granted ?? null;
}

/** The latest change when it is a grant still waiting for its confirmation, else null. */
export function pendingMarketingConsent(history: readonly ConsentChange[]): ConsentChange | null {
  let latest: ConsentChange | undefined;
  for (const change of history) if (!latest || change.at >= latest.at) latest = change;
  return latest?.pending ? latest : null;
}

/** The consent a new member starts with: a grant from the app waits for the address's proof. */
export function initialConsent(
  decision: { granted: boolean; source: ConsentSource; needsProof: boolean },
  at: Date,
): ConsentChange {
  const change: ConsentChange = {
    purpose: 'marketing_email',
    granted: decision.granted,
    source: decision.source,
    at,
  };
  return decision.granted && decision.needsProof ? { ...change, pending: true } : change;
}

/** The grant that confirms a pending one, with the code that proved the address. */
export function confirmedConsent(pending: ConsentChange, proof: ConsentProof, at: Date): ConsentChange {
  return { purpose: 'marketing_email', granted: true, source: pending.source, at, proof };
}
