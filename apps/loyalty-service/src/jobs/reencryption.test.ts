import { randomBytes } from 'node:crypto';
import { createFieldCipher, keyringFrom } from '@scontrino/crypto';
import { testDatabaseUri, uniqueName } from '@scontrino/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../test-support/eventually.js';
import { startTestLoyaltyService, type TestLoyaltyService } from '../test-support/loyalty-service.js';
import { MEMBER_CARD_CONTEXT } from '../store/loyalty-crypto.js';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
const LOOKUP_HASH_KEY = randomBytes(32).toString('base64');
const onlyA = { CRYPTO_KEYS: { '1': keyA }, CRYPTO_ACTIVE_KEY: 1, LOOKUP_HASH_KEY };
const rotated = { CRYPTO_KEYS: { '1': keyA, '2': keyB }, CRYPTO_ACTIVE_KEY: 2, LOOKUP_HASH_KEY };

const running: TestLoyaltyService[] = [];
afterEach(async () => {
  for (const service of running.splice(0)) await service.close();
});

async function start(options: Parameters<typeof startTestLoyaltyService>[0]) {
  const service = await startTestLoyaltyService(options);
  running.push(service);
  return service;
}

/** A member enrolled under key 1 only, the service then stopped. */
async function memberUnderKeyA(databaseUri: string) {
  const before = await start({ databaseUri, crypto: onlyA });
  const email = `${uniqueName('rotation')}@example.test`;
  const { memberId } = await before.trpc.members.enrol.mutate({
    tenantId: 'moda-rossi',
    email,
    name: 'Giulia Bianchi',
    cardNumbers: ['2900000077777'],
    marketingConsent: { granted: true, source: 'staff' },
  });
  await running.pop()?.close();
  return { memberId, email };
}

const rawMember = async (service: TestLoyaltyService, memberId: string) => {
  const raw = await service.database.collection('members').findOne({ _id: memberId as never });
  return raw as unknown as { email: { encrypted: string }; name: string; cards: { encrypted: string }[] };
};

describe('key rotation in the loyalty service', () => {
  it('when the service restarts with a new key and the old one kept, then members still read, the job rewrites them under the new key, and a second run rewrites nothing', async () => {
    const databaseUri = testDatabaseUri('loyalty_rotation');
    const { memberId, email } = await memberUnderKeyA(databaseUri);

    const after = await start({ databaseUri, crypto: rotated });
    expect((await rawMember(after, memberId)).name).toMatch(/^enc:v1:/);
    const read = await after.staff.members.get.query({ memberId });
    expect(read).toMatchObject({ email, name: 'Giulia Bianchi' });

    const first = await after.reencrypt();
    expect(first.members).toMatchObject({ scanned: 1, stale: 1, rewritten: 1, skipped: 0, failed: 0 });

    const raw = await rawMember(after, memberId);
    expect([raw.email.encrypted, raw.name, raw.cards[0]?.encrypted].map((v) => v?.slice(0, 7))).toEqual([
      'enc:v2:',
      'enc:v2:',
      'enc:v2:',
    ]);
    const onlyB = createFieldCipher(keyringFrom({ '2': keyB }, 2));
    expect(onlyB.decrypt(raw.cards[0]?.encrypted ?? '', MEMBER_CARD_CONTEXT)).toBe('2900000077777');
    expect(await after.staff.members.get.query({ memberId })).toMatchObject({
      email,
      name: 'Giulia Bianchi',
    });

    const second = await after.reencrypt();
    expect(second.members).toMatchObject({ scanned: 1, stale: 0, rewritten: 0 });
  });

  it('when the service starts with an older key in its keyring, then the job runs by itself and is scheduled daily', async () => {
    const databaseUri = testDatabaseUri('loyalty_rotation_job');
    const { memberId } = await memberUnderKeyA(databaseUri);

    const after = await start({ databaseUri, crypto: rotated, scheduleReencryption: true });
    await eventually(
      async () => ((await rawMember(after, memberId)).name.startsWith('enc:v2:') ? true : undefined),
      'the member rewritten under key 2',
    );
    const repeatable = await after.queues.queue('loyalty-service-reencryption').getRepeatableJobs();
    expect(repeatable.map((job) => job.cron)).toEqual(['15 4 * * *']);
  });
});
