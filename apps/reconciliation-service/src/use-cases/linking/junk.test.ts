import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test-support/platform.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

/** Card numbers of one test run: 13 digits, distinct. */
const cardNumber = (n: number) => `29100000${String(n).padStart(5, '0')}`;

describe('junk identifiers', () => {
  it('when cashiers type the store e-mail on 50 sales of different cards, then it is junk and joins no two of them', async () => {
    const { reconciliation: recon, tenantId } = platform;
    const storeEmail = 'cassa.milano@moda-rossi.it';
    const sales = [];
    for (let batch = 0; batch < 50; batch += 10) {
      const cards = Array.from({ length: 10 }, (_, n) => cardNumber(batch + n));
      sales.push(
        ...(await Promise.all(
          cards.map((card) => platform.tillSale({ loyaltyCardNumber: card, email: storeEmail })),
        )),
      );
    }
    for (const sale of sales) await recon.waitLinked(`txn:${sale.transactionId}`);

    const report = await recon.staff.junk.report.query({ tenantId });
    expect(report.identifiers.map((i) => [i.type, i.reason])).toEqual([['email', 'junk']]);
    expect(report.identifiers[0]?.profilesJoined).toBeGreaterThan(5);
    expect(
      await recon.trpc.profiles.resolve.query({ tenantId, type: 'email', value: storeEmail }),
    ).toBeNull();

    const { profiles } = await recon.trpc.profiles.list.query({ tenantId, limit: 500 });
    expect(profiles).toHaveLength(50);
    expect(profiles.every((p) => p.identifiers.length === 1 && p.identifiers[0]?.type === 'card')).toBe(true);
  }, 120_000);

  it('when a placeholder e-mail on the blocklist is typed, then it is quarantined at once and links nothing', async () => {
    const { reconciliation: recon, tenantId } = platform;
    const a = await platform.tillSale({ loyaltyCardNumber: cardNumber(900), email: 'noemail@moda-rossi.it' });
    const b = await platform.tillSale({ loyaltyCardNumber: cardNumber(901), email: 'noemail@moda-rossi.it' });
    const first = await recon.waitLinked(`txn:${a.transactionId}`);
    const second = await recon.waitLinked(`txn:${b.transactionId}`);
    expect(first.profileId).not.toBe(second.profileId);
    const report = await recon.staff.junk.report.query({ tenantId, reason: 'blocklist' });
    expect(report.identifiers).toEqual([expect.objectContaining({ type: 'email', profilesJoined: null })]);
  });
});
