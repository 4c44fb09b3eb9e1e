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
};
const cli = (...argv: string[]) => parseCliOptions(argv, { invocationDir: '/w', repoRoot: '/repo' })!;
const fromStack = (file: StackFile) => (path: string) => {
  expect(path).toBe('/repo/.stack/stack.json');
  return Promise.resolve(file);
};

describe('targets', () => {
  it('when only the stack file is there, then every service it runs is used with its token', async () => {
    expect(await resolveTargets(cli(), fromStack(stack))).toEqual({
      receiptUrl: 'http://127.0.0.1:4001',
      serviceToken: 'dev_token',
      loyaltyUrl: 'http://127.0.0.1:4002',
      reconciliationUrl: 'http://127.0.0.1:4003',
    });
  });

  it('when services are skipped, then their calls are left out', async () => {
    expect(await resolveTargets(cli('--skip-loyalty', '--skip-reconciliation'), fromStack(stack))).toEqual({
      receiptUrl: 'http://127.0.0.1:4001',
      serviceToken: 'dev_token',
    });
  });

  it('when a receipt URL and token are given, then the stack file is not read and unnamed services are off', async () => {
    const targets = await resolveTargets(cli('--receipt-url', 'http://r', '--service-token', 't'), () => {
      throw new Error('read');
    });
    expect(targets).toEqual({ receiptUrl: 'http://r', serviceToken: 't' });
  });

  it('when a receipt URL comes without a token, then the stack file’s token is used', async () => {
    expect(await resolveTargets(cli('--receipt-url', 'http://r'), fromStack(stack))).toEqual({
      receiptUrl: 'http://r',
      serviceToken: 'dev_token',
    });
  });

  it('when the stack runs no receipt service, then the error says so', async () => {
    const bare = { ...stack, services: {} };
    await expect(resolveTargets(cli(), fromStack(bare))).rejects.toThrow('lists no receipt service');
  });
});
