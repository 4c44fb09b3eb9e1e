import { performance } from 'node:perf_hooks';
import type { Metrics } from './metrics.js';
import { type Outcome, outcomeOf, type RequestKind } from './request-kinds.js';

export interface Answer {
  /** 0 when no answer came (network error or timeout: `outcome.reason` says which). */
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  outcome: Outcome;
}

/** What the simulator reports about each request as it ends (progress display, tests). */
export interface RequestRecord {
  kind: RequestKind;
  outcome: Outcome;
  latencyMs: number | null;
}

export interface HttpOptions {
  metrics: Metrics;
  timeoutMs: number;
  onRequest?: (record: RequestRecord) => void;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `error.code` of the platform's error body `{ error: { code, message, … } }`, when there is one. */
function errorCodeOf(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || !('error' in json)) return undefined;
  const { error } = json;
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * fetch, timed and counted: every request lands in the metrics under its kind, whatever its end.
 * Never rejects: without an answer (network error, timeout) it resolves status 0.
 */
export function createHttp(options: HttpOptions) {
  function finish(kind: RequestKind, outcome: Outcome, latencyMs: number | null) {
    options.metrics.record(kind, outcome, latencyMs);
    options.onRequest?.({ kind, outcome, latencyMs });
  }

  return {
    async request(kind: RequestKind, url: string | URL, init: RequestInit): Promise<Answer> {
      const started = performance.now();
      try {
        const response = await fetch(url, {
          ...init,
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        const text = await response.text();
        const latencyMs = performance.now() - started;
        const json = parseJson(text);
        const outcome = outcomeOf(response.status, errorCodeOf(json));
        finish(kind, outcome, latencyMs);
        return { status: response.status, headers: response.headers, text, json, outcome };
      } catch (error) {
        const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
        const outcome: Outcome = { kind: 'failed', reason: timedOut ? 'timeout' : 'network' };
        finish(kind, outcome, null);
        return { status: 0, headers: new Headers(), text: '', json: undefined, outcome };
      }
    },
  };
}

export type Http = ReturnType<typeof createHttp>;

export function jsonRequest(
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
