import { closeDatabase, connectDatabase } from '@scontrino/db';
import { testDatabaseUri } from '@scontrino/testing';
import type { AuditEntry } from '@scontrino/trpc';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditLog, auditLog } from './audit-log.js';

let connection: Connection;
let log: AuditLog;

const entry = (at: string, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  at: new Date(at),
  actor: { subject: 'marco@moda-rossi', name: 'Marco', roles: ['support'] },
  action: 'ledger.adjust',
  kind: 'change',
  tenantId: 'moda-rossi',
  target: { memberId: 'mbr_1' },
  reason: 'parcel arrived damaged',
  outcome: 'ok',
  errorCode: null,
  requestId: 'req-1',
  ...overrides,
});

beforeAll(async () => {
  connection = await connectDatabase({ uri: testDatabaseUri('audit'), logger: pino({ level: 'silent' }) });
  log = auditLog(connection, 'loyalty-service');
  await log.record(entry('2025-01-10T09:00:00Z', { requestId: 'old' }));
  await log.record(entry('2026-11-01T09:00:00Z', { requestId: 'a', target: { memberId: 'mbr_2' } }));
  await log.record(
    entry('2026-11-02T09:00:00Z', {
      requestId: 'b',
      actor: { subject: 'carla@crm', name: null, roles: ['crm_analyst'] },
      outcome: 'refused',
      errorCode: 'auth.forbidden',
    }),
  );
  await log.record(entry('2026-11-03T09:00:00Z', { requestId: 'c', tenantId: 'bella-casa' }));
});
afterAll(() => closeDatabase(connection));

describe('the audit log', () => {
  it("answers a brand's search newest first, never with another brand's entries, a page at a time", async () => {
    const first = await log.search({ tenants: ['moda-rossi'] }, 2);
    expect(first.map((e) => e.requestId)).toEqual(['b', 'a']);
    expect(first[0]).toMatchObject({ service: 'loyalty-service', actor: { subject: 'carla@crm' } });
    const next = await log.search({ tenants: ['moda-rossi'], before: first.at(-1)!.id }, 2);
    expect(next.map((e) => e.requestId)).toEqual(['old']);
    expect((await log.search({ tenants: null }, 10)).map((e) => e.requestId)).toEqual(['c', 'b', 'a', 'old']);
  });

  it('filters by what an action named: the member it corrected', async () => {
    const of = (value: string) =>
      log.search({ tenants: ['moda-rossi'], target: { field: 'memberId', value } }, 10);
    expect((await of('mbr_2')).map((e) => e.requestId)).toEqual(['a']);
    expect((await of('mbr_1')).map((e) => e.requestId)).toEqual(['b', 'old']);
    expect(await log.search({ tenants: null, target: { field: 'receiptId', value: 'mbr_1' } }, 10)).toEqual(
      [],
    );
  });

  it('filters by actor, outcome and time', async () => {
    expect((await log.search({ tenants: null, actor: 'carla@crm' }, 10)).map((e) => e.requestId)).toEqual([
      'b',
    ]);
    expect((await log.search({ tenants: null, outcome: 'refused' }, 10)).map((e) => e.errorCode)).toEqual([
      'auth.forbidden',
    ]);
    const november = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z') };
    expect((await log.search({ tenants: null, ...november }, 10)).map((e) => e.requestId)).toEqual([
      'b',
      'a',
    ]);
  });

  it('exports oldest first, and the retention purge removes only what is past its time', async () => {
    const exported: string[] = [];
    for await (const e of log.stream({ tenants: ['moda-rossi'] })) exported.push(e.requestId);
    expect(exported).toEqual(['old', 'a', 'b']);
    expect(await log.purgeBefore(new Date('2025-12-05T00:00:00Z'))).toBe(1);
    expect((await log.search({ tenants: null }, 10)).map((e) => e.requestId)).toEqual(['c', 'b', 'a']);
  });
});
