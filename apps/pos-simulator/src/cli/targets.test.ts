import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './options.js';
import type { StackFile } from './stack-file.js';
import { resolveTargets } from './targets.js';

const stack: StackFile = {
  services: {
    receipt: { url: 'http://127.0.0.1:4001' },
    loyalty: { url: 'http://127.0.0.1:4002' },
    reconciliation: { url: 'http://127.0.0.1:4003' },
  },
  credentials: { serviceToken: 'dev_token' },
  staff: { tokens: { admin: { token: 'staff.admin.jwt' } } },
};
const cli = (...argv: string[]) => parseCliOptions(argv, { invocationDir: '/w', repoRoot: '/repo' })!;
const noEnvironment = undefined;
const fromStack = (file: StackFile) => (path: string) => {
  expect(path).toBe('/repo/.stack/stack.json');
  return Promise.resolve(file);
};

describe('targets', () => {
  it('when only the stack file is there, then every service it runs is used with its token', async () => {
    expect(await resolveTargets(cli(), fromStack(stack), noEnvironment)).toEqual({
      receiptUrl: 'http://127.0.0.1:4001',
      serviceToken: 'dev_token',
      staffToken: 'staff.admin.jwt',
      loyaltyUrl: 'http://127.0.0.1:4002',
      reconciliationUrl: 'http://127.0.0.1:4003',
    });
  });

  it('when services are skipped, then their calls are left out', async () => {
    expect(
      await resolveTargets(cli('--skip-loyalty', '--skip-reconciliation'), fromStack(stack), noEnvironment),
    ).toEqual({
      receiptUrl: 'http://127.0.0.1:4001',
      serviceToken: 'dev_token',
      staffToken: 'staff.admin.jwt',
    });
  });

  it('when a receipt URL and both tokens are given, then the stack file is not read and unnamed services are off', async () => {
    const unread = () => Promise.reject(new Error('read'));
    const given = cli('--receipt-url', 'http://r', '--service-token', 't', '--staff-token', 's');
    expect(await resolveTargets(given, unread, noEnvironment)).toEqual({
      receiptUrl: 'http://r',
      serviceToken: 't',
      staffToken: 's',
    });
    const fromEnvironment = cli('--receipt-url', 'http://r', '--service-token', 't');
    expect(await resolveTargets(fromEnvironment, unread, 'env.staff.jwt')).toMatchObject({
      staffToken: 'env.staff.jwt',
    });
  });

  it('when a staff token is given, then it wins over the stack file’s', async () => {
    expect(await resolveTargets(cli('--staff-token', 'mine'), fromStack(stack), 'env')).toMatchObject({
      serviceToken: 'dev_token',
      staffToken: 'mine',
    });
  });

  it('when the stack file holds no staff token and none is given, then the error says how to give one', async () => {
    const old = { services: stack.services, credentials: stack.credentials };
    await expect(resolveTargets(cli(), fromStack(old), noEnvironment)).rejects.toThrow('--staff-token');
  });

  it('when a receipt URL comes without tokens, then the stack file’s tokens are used', async () => {
    expect(await resolveTargets(cli('--receipt-url', 'http://r'), fromStack(stack), noEnvironment)).toEqual({
      receiptUrl: 'http://r',
      serviceToken: 'dev_token',
      staffToken: 'staff.admin.jwt',
    });
  });

  it('when the stack runs no receipt service, then the error says so', async () => {
    const bare = { ...stack, services: {} };
    await expect(resolveTargets(cli(), fromStack(bare), noEnvironment)).rejects.toThrow(
      'lists no receipt service',
    );
  });
});
