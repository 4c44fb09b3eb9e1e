import { rolesGranting, type StaffRole, staffRoles } from '@scontrino/staff-access';
import type { ProcedureAccess } from './trpc.js';

export interface ProcedureEntry {
  path: string;
  type: 'query' | 'mutation';
  access: ProcedureAccess;
}

/** One call of the matrix: who called what, what access says should happen, and what did. */
export interface AccessCase {
  path: string;
  caller: StaffRole | 'service' | 'anonymous';
  expected: 'allowed' | 'refused';
  status: number;
  /** Allowed: past the gate (any answer but 401 and 403). Refused: 401 or 403. */
  held: boolean;
}

export interface AccessMatrixOptions {
  /** The service's base URL (tRPC at `/trpc`). */
  url: string;
  procedures: readonly ProcedureEntry[];
  serviceToken: string;
  /** A token for each role, valid for every tenant (and some store, for a store manager). */
  staffTokens: Readonly<Record<StaffRole, string>>;
}

async function call(url: string, procedure: ProcedureEntry, token: string | null): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const endpoint = `${url}/trpc/${procedure.path}`;
  // An empty input: a caller let through meets the input's validation (or a not-found), never more.
  const res =
    procedure.type === 'query'
      ? await fetch(`${endpoint}?input=${encodeURIComponent('{}')}`, { headers })
      : await fetch(endpoint, { method: 'POST', headers, body: '{}' });
  await res.arrayBuffer();
  return res.status;
}

function expectation(access: ProcedureAccess, caller: AccessCase['caller']): AccessCase['expected'] | null {
  if (access.kind === 'public') return null;
  if (caller === 'anonymous') return 'refused';
  if (access.kind === 'service') return caller === 'service' ? 'allowed' : 'refused';
  if (caller === 'service') return access.services ? 'allowed' : 'refused';
  return rolesGranting(access.permission).includes(caller) ? 'allowed' : 'refused';
}

/**
 * Calls every protected procedure of a running service as each staff role, as another service
 * and as nobody, and reports whether each call was let through or refused as its declared access
 * says. Public procedures are left out: the test lists those by name.
 */
export async function probeAccessMatrix(options: AccessMatrixOptions): Promise<AccessCase[]> {
  const cases: AccessCase[] = [];
  const callers: [AccessCase['caller'], string | null][] = [
    ['anonymous', null],
    ['service', options.serviceToken],
    ...staffRoles.map((role): [StaffRole, string] => [role, options.staffTokens[role]]),
  ];
  for (const procedure of options.procedures)
    for (const [caller, token] of callers) {
      const expected = expectation(procedure.access, caller);
      if (expected === null) continue;
      const status = await call(options.url, procedure, token);
      const held =
        expected === 'allowed' ? status !== 401 && status !== 403 : status === 401 || status === 403;
      cases.push({ path: procedure.path, caller, expected, status, held });
    }
  return cases;
}
