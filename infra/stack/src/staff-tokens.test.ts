import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createStaffTokenVerifier } from '@scontrino/staff-access';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_ISSUER_KEY_FILE, stackStaffAccess } from './staff-tokens.js';
import { formatSummary } from './summary.js';
import type { StackDescription } from './stack-file.js';
import { scratchDir } from './test-support.js';

describe("the stack's staff tokens", () => {
  let stateDir: Awaited<ReturnType<typeof scratchDir>>;

  beforeAll(async () => {
    stateDir = await scratchDir('staff');
  });

  afterAll(async () => {
    await stateDir.remove();
  });

  it('when the stack starts twice, then it keeps its key, and a token of the first start verifies with what the services get on the second', async () => {
    const keyFile = join(stateDir.path, STAFF_ISSUER_KEY_FILE);
    const first = await stackStaffAccess(keyFile);
    const second = await stackStaffAccess(keyFile);
    expect([first.keyCreated, second.keyCreated]).toEqual([true, false]);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(second.environment.STAFF_JWKS).not.toContain('"d"');

    const verifier = createStaffTokenVerifier({
      issuer: second.environment.STAFF_TOKEN_ISSUER,
      audience: second.environment.STAFF_TOKEN_AUDIENCE,
      jwks: { keys: JSON.parse(second.environment.STAFF_JWKS) as { keys: [] } },
    });
    expect(await verifier.verify(first.tokens.admin.token)).toMatchObject({
      ok: true,
      staff: { subject: 'demo-admin', roles: ['admin'], tenants: ['*'], stores: null },
    });
    expect(await verifier.verify(second.tokens.storeManager.token)).toMatchObject({
      ok: true,
      staff: { roles: ['store_manager'], tenants: ['moda-rossi'], stores: ['MI-001'] },
    });
    expect(await verifier.verify(second.tokens.crmAnalyst.token)).toMatchObject({
      ok: true,
      staff: { roles: ['crm_analyst'], tenants: ['moda-rossi'], stores: null },
    });
    expect(await verifier.verify(second.tokens.support.token)).toMatchObject({
      ok: true,
      staff: { subject: 'demo-support', roles: ['support'], tenants: ['moda-rossi'], stores: null },
    });
  });

  it('when the summary is printed, then each token is there with what it may do', async () => {
    const staff = await stackStaffAccess(join(stateDir.path, 'summary', STAFF_ISSUER_KEY_FILE));
    const description = {
      dataDir: '/tmp/run',
      database: { kind: 'ferretdb', uri: 'mongodb://127.0.0.1:1', pid: 1 },
      redis: { kind: 'redis-server', url: 'redis://127.0.0.1:2', pid: 2 },
      mail: { smtpHost: '127.0.0.1', smtpPort: 3, viewerUrl: 'http://v', apiUrl: 'http://v/api/mails' },
      services: {},
      credentials: { serviceToken: 'dev_x', metricsToken: 'dev_metrics_x' },
      staff: { issuer: staff.issuer, audience: staff.audience, keyFile: staff.keyFile, tokens: staff.tokens },
    } as unknown as StackDescription;
    const summary = formatSummary(description, '/tmp/stack.json');
    for (const { token, may } of Object.values(staff.tokens)) {
      expect(summary).toContain(token);
      expect(summary).toContain(may);
    }
    expect(summary).toContain(staff.keyFile);
    expect(summary).toContain('dev_metrics_x');
  });
});
