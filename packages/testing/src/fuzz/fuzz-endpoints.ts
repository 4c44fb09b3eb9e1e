import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { type Answer, problemsOf } from './answer-check.js';
import {
  type Endpoint,
  type FuzzCase,
  type FuzzProcedure,
  restEndpoints,
  trpcEndpoint,
} from './endpoints.js';
import type { KnownValues } from './valid-values.js';

/** Cases per endpoint: `FUZZ_RUNS` for a long run, 10 by default (what CI runs). */
export const fuzzRuns = (): number => Number(process.env.FUZZ_RUNS ?? 10);
/** The run's seed: `FUZZ_SEED` replays another one; each endpoint draws from it and its own name. */
export const fuzzSeed = (): number => Number(process.env.FUZZ_SEED ?? 17_062_026);

/** A test's time for a service's whole fuzz: generous, the run ends by its case count. */
export const fuzzTimeout = (): number => 180_000 + fuzzRuns() * 15_000;

export interface FuzzTarget {
  /** The service's base URL: its OpenAPI document is read from `/openapi.json`, tRPC is at `/trpc`. */
  url: string;
  procedures: readonly (FuzzProcedure & { access: { kind: string } })[];
  /** The Authorization (or other) headers for the security schemes an operation lists. */
  restCredentials: (schemes: readonly string[]) => Record<string, string>;
  /** The headers a procedure is called with, so the fuzz gets past its access check to its input. */
  trpcCredentials: (procedure: FuzzProcedure & { access: { kind: string } }) => Record<string, string>;
  known?: KnownValues;
  /** A fresh valid input of an endpoint, by its name (`POST /v1/x`, `tRPC mutation a.b`), mixed with generated ones. */
  examples?: Readonly<Record<string, () => unknown>>;
  /** What the requests store at once: a refused request must leave it as it was. */
  stored?: () => Promise<unknown>;
  /**
   * For a service that writes after it answers (the loyalty app's join): how long `stored` must
   * read the same before a broken input is sent and after it is refused. Default 0: read once.
   */
  settleMs?: number;
  /** Endpoints left out, by name (`POST /v1/x`, `tRPC mutation a.b`), each with its reason. */
  leftOut?: Readonly<Record<string, string>>;
}

export interface FuzzFailure {
  endpoint: string;
  kind: string;
  request: string;
  problems: string;
}

export interface FuzzReport {
  endpoints: number;
  cases: number;
  failures: FuzzFailure[];
  runs: number;
  seed: number;
}

async function send(url: string, fuzzCase: FuzzCase): Promise<Answer> {
  const { method, target, headers, body } = fuzzCase.request;
  const res = await fetch(`${url}${target}`, {
    method,
    headers,
    ...(body !== undefined && { body }),
    redirect: 'manual',
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** What `stored` reads once it has read the same `quiet` more times, `everyMs` apart (at most 30 times). */
async function settled(stored: () => Promise<unknown>, quiet: number, everyMs: number): Promise<unknown> {
  let last = JSON.stringify(await stored());
  let same = 0;
  for (let i = 0; i < 30 && same < quiet; i++) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    const now = JSON.stringify(await stored());
    same = now === last ? same + 1 : 0;
    last = now;
  }
  if (same < quiet) throw new Error(`the stored counts kept changing: ${last}`);
  return JSON.parse(last) as unknown;
}

const seedOf = (seed: number, name: string) =>
  seed ^ createHash('sha256').update(name).digest().readInt32BE(0);

const shown = (request: FuzzCase['request']) =>
  `${request.method} ${request.target.slice(0, 300)}${request.body === undefined ? '' : ` ${request.body.slice(0, 500)}`}`;

/** Every endpoint of a running service: its REST operations from its OpenAPI document, its tRPC procedures. */
export async function endpointsOf(target: FuzzTarget): Promise<Endpoint[]> {
  const document = (await (await fetch(`${target.url}/openapi.json`)).json()) as Parameters<
    typeof restEndpoints
  >[0];
  return [
    ...restEndpoints(document, target.restCredentials, target.known, target.examples),
    ...target.procedures.map((procedure) =>
      trpcEndpoint(
        procedure,
        target.trpcCredentials(procedure),
        target.known,
        target.examples?.[`tRPC ${procedure.type} ${procedure.path}`],
      ),
    ),
  ].filter((endpoint) => target.leftOut?.[endpoint.name] === undefined);
}

/**
 * Sends `runs` seeded cases to every endpoint of a service and checks each answer: no 5xx, no
 * stack trace or server path, a broken input refused by the path of what broke it, a refused
 * request storing nothing, `Object.prototype` untouched. The first failing case of each endpoint
 * is reported (with its request); the others go on.
 */
export async function fuzzEndpoints(
  target: FuzzTarget,
  runs = fuzzRuns(),
  seed = fuzzSeed(),
): Promise<FuzzReport> {
  const endpoints = await endpointsOf(target);
  const failures: FuzzFailure[] = [];
  let cases = 0;
  /** Whether the last request was accepted: what it set going may still be writing. */
  let busy = true;
  for (const endpoint of endpoints) {
    let failing: FuzzCase | null = null;
    const result = await fc.check(
      fc.asyncProperty(endpoint.cases, async (fuzzCase) => {
        failing = fuzzCase;
        cases++;
        // Only a broken input is checked for writes: after an accepted request, the counts must
        // first stop moving (what it set going may still be writing).
        const watched = fuzzCase.mustRefuse ? target.stored : undefined;
        const settle = target.settleMs ?? 0;
        const before = watched ? await (busy && settle > 0 ? settled(watched, 2, settle) : watched()) : null;
        const answer = await send(target.url, fuzzCase);
        busy = answer.status < 400 || (busy && !watched);
        const problems = problemsOf(fuzzCase, answer);
        if (watched && answer.status >= 400 && answer.status < 500) {
          const after = settle > 0 ? await settled(watched, 1, settle) : await watched();
          if (JSON.stringify(after) !== JSON.stringify(before))
            problems.push(
              `refused with ${answer.status} but stored: ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
            );
        }
        if (problems.length > 0)
          throw new Error(`${problems.join('; ')} (answer ${answer.status}: ${answer.text.slice(0, 300)})`);
      }),
      { numRuns: runs, seed: seedOf(seed, endpoint.name), endOnFailure: true },
    );
    if (result.failed) {
      const fuzzCase = failing as FuzzCase | null;
      failures.push({
        endpoint: endpoint.name,
        kind: fuzzCase?.kind ?? '?',
        request: fuzzCase ? shown(fuzzCase.request) : '?',
        problems:
          result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance),
      });
    }
  }
  return { endpoints: endpoints.length, cases, failures, runs, seed };
}
