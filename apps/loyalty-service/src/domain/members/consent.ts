/**
 * Marketing consent is an append-only history, never a flag overwritten in place: each change
 * keeps what was decided, through which channel and when.
 */
export const consentSources = ['till', 'app', 'web', 'staff', 'claim'] as const;
export type ConsentSource = (typeof consentSources)[number];

export interface ConsentChange {
  purpose: 'marketing_email';
  granted: boolean;
  source: ConsentSource;
  at: Date;
}

/** The latest decision, or null when the member never said anything. */
export function currentMarketingConsent(history: readonly ConsentChange[]): boolean | null {
  let latest: ConsentChange | undefined;
  for (const change of history) if (!latest || change.at >= latest.at) latest = change;
  return latest?.granted ?? null;
}
