/** Every kind of request the simulator makes, as the report lists them. */
export const requestKinds = [
  'sale',
  'return',
  'claim_form',
  'claim',
  'loyalty_quote',
  'loyalty_hold',
  'loyalty_capture',
  'loyalty_void',
  'online_order',
] as const;

export type RequestKind = (typeof requestKinds)[number];

/**
 * How one request ended. `accepted`: 2xx. `rejected`: a 4xx, the service refusing on purpose
 * (a contract rule, a rate limit, a conflict). `failed`: what should never happen, a 5xx or no
 * answer at all; any failure makes the run exit non-zero.
 */
export type Outcome =
  | { kind: 'accepted'; status: number }
  | { kind: 'rejected'; status: number; code?: string }
  | { kind: 'failed'; reason: string; status?: number; code?: string };

export function outcomeOf(status: number, code?: string): Outcome {
  if (status >= 200 && status < 300) return { kind: 'accepted', status };
  if (status >= 400 && status < 500) return { kind: 'rejected', status, ...(code !== undefined && { code }) };
  return { kind: 'failed', reason: `http_${status}`, status, ...(code !== undefined && { code }) };
}
