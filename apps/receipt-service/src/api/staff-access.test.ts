import { refusalOf, staffToken, staffTokensPerRole } from '@scontrino/testing';
import { probeAccessMatrix } from '@scontrino/trpc/access-matrix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sale } from '../test-support/pos-fixtures.js';
import {
  startTestReceiptService,
  TEST_SERVICE_TOKEN,
  type TestReceiptService,
} from '../test-support/receipt-service.js';

let service: TestReceiptService;
const receipts: Record<'milan' | 'rome', string> = { milan: '', rome: '' };

beforeAll(async () => {
  service = await startTestReceiptService();
  for (const [city, storeId] of [
    ['milan', 'MI-001'],
    ['rome', 'RM-001'],
  ] as const) {
    const key = await service.terminal(storeId, 'T01');
    const posted = await service.post(sale(`${storeId}-sale-1`, storeId, 'T01'), { key });
    receipts[city] = (posted.body as { receiptId: string }).receiptId;
  }
});
afterAll(() => service.close());

const asMilanManager = () =>
  staffToken({
    sub: 'giulia@moda-rossi',
    roles: ['store_manager'],
    tenants: ['moda-rossi'],
    stores: ['MI-001'],
  });

describe('who may call what', () => {
  it('every protected procedure lets in the roles its permission names and refuses the others', async () => {
    const tokens = await staffTokensPerRole();
    const cases = await probeAccessMatrix({
      url: service.url,
      procedures: service.procedures,
      serviceToken: TEST_SERVICE_TOKEN,
      staffTokens: tokens,
    });
    expect(cases.filter((c) => !c.held)).toEqual([]);
    const protectedPaths = service.procedures.filter((p) => p.access.kind !== 'public').map((p) => p.path);
    for (const path of protectedPaths) {
      const outcomes = new Set(cases.filter((c) => c.path === path).map((c) => c.expected));
      expect([path, [...outcomes].sort()]).toEqual([path, ['allowed', 'refused']]);
    }
    // Only the till's own procedure is open: it checks the terminal key itself.
    expect(service.procedures.filter((p) => p.access.kind === 'public').map((p) => p.path)).toEqual([
      'transactions.record',
    ]);
  });

  it("lets Milan's store manager read and resend Milan's receipts, never Rome's", async () => {
    const milan = service.trpcAs(await asMilanManager());
    expect(await milan.receipts.get.query({ receiptId: receipts.milan })).toMatchObject({
      storeId: 'MI-001',
      tenantId: 'moda-rossi',
    });
    expect(
      (await milan.receipts.delivery.query({ receiptId: receipts.milan })).deliveries.map((d) => d.source),
    ).toEqual(['till']);
    // All refused as out of scope (awaited together, so no refusal goes unhandled meanwhile).
    const refused = await Promise.all(
      [
        milan.receipts.get.query({ receiptId: receipts.rome }),
        milan.receipts.delivery.query({ receiptId: receipts.rome }),
        milan.receipts.resendEmail.mutate({ receiptId: receipts.rome, email: 'anna@example.com' }),
        milan.stores.get.query({ storeId: 'RM-001' }),
        milan.terminals.issueKey.mutate({ storeId: 'RM-001', terminalId: 'T09' }),
      ].map(refusalOf),
    );
    expect(new Set(refused.map((r) => `${r.status} ${r.code}`))).toEqual(new Set(['403 auth.out_of_scope']));
    await expect(
      milan.terminals.issueKey.mutate({ storeId: 'MI-001', terminalId: 'T09' }),
    ).resolves.toMatchObject({
      keyId: expect.any(String) as string,
    });
  });

  it("keeps another brand's administrator out of this brand's stores and receipts", async () => {
    const otherBrand = service.trpcAs(await staffToken({ sub: 'admin@bella-casa', tenants: ['bella-casa'] }));
    expect(await refusalOf(otherBrand.receipts.get.query({ receiptId: receipts.milan }))).toEqual({
      status: 403,
      code: 'auth.out_of_scope',
    });
    expect(await refusalOf(otherBrand.stores.get.query({ storeId: 'MI-001' }))).toEqual({
      status: 403,
      code: 'auth.out_of_scope',
    });
  });
});

describe('audit log', () => {
  it('records who changed what and who tried what they may not, and exports it for an auditor', async () => {
    const support = service.trpcAs(
      await staffToken({ sub: 'marco@support', roles: ['support'], tenants: ['moda-rossi'] }),
    );
    await support.receipts.resendEmail.mutate({ receiptId: receipts.milan, email: 'anna@example.com' });
    const milan = service.trpcAs(await asMilanManager());
    await refusalOf(milan.terminals.issueKey.mutate({ storeId: 'RM-001', terminalId: 'T10' }));
    await refusalOf(milan.stores.upsert.mutate({} as never));

    const { entries } = await service.trpc.audit.search.query({ tenantId: 'moda-rossi', limit: 50 });
    expect(entries.find((entry) => entry.action === 'receipts.resendEmail')).toMatchObject({
      actor: { subject: 'marco@support', roles: ['support'] },
      kind: 'change',
      tenantId: 'moda-rossi',
      target: { receiptId: receipts.milan, storeId: 'MI-001' },
      outcome: 'ok',
    });
    expect(
      entries
        .filter((entry) => entry.actor.subject === 'giulia@moda-rossi')
        .map((entry) => [entry.action, entry.outcome, entry.errorCode]),
    ).toEqual(expect.arrayContaining([['terminals.issueKey', 'refused', 'auth.out_of_scope']]));
    expect(JSON.stringify(entries)).not.toContain('anna@example.com');

    const exported = await fetch(`${service.url}/v1/audit/export?tenantId=moda-rossi`, {
      headers: { authorization: `Bearer ${await staffToken()}` },
    });
    expect(exported.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await exported.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; at: string });
    expect(lines.map((line) => line.action)).toEqual(
      expect.arrayContaining(['receipts.resendEmail', 'terminals.issueKey']),
    );
    expect(lines.map((line) => line.at)).toEqual([...lines.map((line) => line.at)].sort());

    const refused = await fetch(`${service.url}/v1/audit/export`, {
      headers: { authorization: `Bearer ${await asMilanManager()}` },
    });
    expect(refused.status).toBe(403);
    const noToken = await fetch(`${service.url}/v1/audit/export`);
    expect(noToken.status).toBe(401);
  });

  it("shows a brand's administrator only their brand's entries", async () => {
    const otherBrand = service.trpcAs(await staffToken({ sub: 'admin@bella-casa', tenants: ['bella-casa'] }));
    const { entries } = await otherBrand.audit.search.query({});
    expect(entries.filter((entry) => entry.tenantId !== 'bella-casa')).toEqual([]);
    expect(await refusalOf(otherBrand.audit.search.query({ tenantId: 'moda-rossi' }))).toEqual({
      status: 403,
      code: 'auth.out_of_scope',
    });
  });

  it("refuses another brand's administrator the export of this brand's log, and exports only theirs", async () => {
    const bellaCasa = `Bearer ${await staffToken({ sub: 'admin@bella-casa', tenants: ['bella-casa'] })}`;
    const refused = await fetch(`${service.url}/v1/audit/export?tenantId=moda-rossi`, {
      headers: { authorization: bellaCasa },
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('receipts.resendEmail');

    const own = await fetch(`${service.url}/v1/audit/export`, { headers: { authorization: bellaCasa } });
    expect(own.status).toBe(200);
    const tenants = (await own.text())
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { tenantId: string | null }).tenantId);
    expect(tenants.filter((tenant) => tenant !== 'bella-casa')).toEqual([]);
    // The refusal is itself on file, under the brand it asked for.
    const { entries } = await service.trpc.audit.search.query({
      tenantId: 'moda-rossi',
      action: 'audit.export',
    });
    expect(entries.map((entry) => [entry.actor.subject, entry.outcome])).toContainEqual([
      'admin@bella-casa',
      'refused',
    ]);
  });
});
