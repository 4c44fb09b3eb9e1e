import { examplePosSale } from '@scontrino/contracts';
import { startTestReceiptService, type TestReceiptService } from '@scontrino/receipt-service/testing';
import { mailSink, uniqueName } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, testClock } from './test-support/eventually.js';
import {
  startTestLoyaltyService,
  testLoyaltyKeys,
  type TestLoyaltyService,
} from './test-support/loyalty-service.js';

const clock = testClock('2026-11-22T09:20:00Z');
const TENANT = 'moda-rossi';
let receipts: TestReceiptService;
let loyalty: TestLoyaltyService;
let key: string;

beforeAll(async () => {
  const crypto = testLoyaltyKeys();
  const queuePrefix = uniqueName('loyalty_join');
  receipts = await startTestReceiptService({ crypto, queuePrefix, clock: clock.now });
  loyalty = await startTestLoyaltyService({ crypto, queuePrefix, clock: clock.now });
  key = await receipts.terminal('MI-001', 'T03');
});

afterAll(async () => {
  await loyalty?.close();
  await receipts?.close();
});

/** The newest sign-in code mailed to the address, once more mails than `before` have arrived. */
async function codeMailedTo(email: string, before: number): Promise<string> {
  const mails = await eventually(async () => {
    const all = await mailSink.list({ to: email });
    return all.filter((mail) => /\b\d{6}\b/.test(mail.subject)).length > before ? all : undefined;
  }, `a sign-in code for ${email}`);
  const codes = mails
    .filter((mail) => /\b\d{6}\b/.test(mail.subject))
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  return /\b(\d{6})\b/.exec(codes.at(-1)?.subject ?? '')?.[1] ?? '';
}

const emailHashOf = (email: string) => loyalty.loyalty.crypto.email(email)?.hash ?? '';

/** An anonymous sale at the till, its slip's receipt claimed with `email`; resolves once loyalty has seen the claim. */
async function claimedSale(email: string): Promise<void> {
  const { customer: _none, ...sale } = examplePosSale();
  const res = await receipts.post({ ...sale, transactionId: uniqueName('T') }, { key });
  const { claimUrl } = res.body as { claimUrl: string };
  await receipts.claim(claimUrl, email);
  const emailHash = loyalty.loyalty.crypto.email(email)?.hash ?? '';
  await eventually(
    async () =>
      (await loyalty.loyalty.store.earlyClaims.ofAddress(TENANT, emailHash)).length ? true : undefined,
    'the claim to reach loyalty',
  );
}

describe('joining in the app', () => {
  it('when a customer claims a receipt and then joins with that email, then they sign in with a digital card and the sale is pending for them', async () => {
    const email = `${uniqueName('newcomer')}@example.test`;
    await claimedSale(email);

    const answer = await loyalty.app().auth.join.mutate({ tenantId: TENANT, email, marketingConsent: false });
    expect(answer).toEqual({ sent: true, expiresInMinutes: 10 });
    const code = await codeMailedTo(email, 0);
    const { token, memberId } = await loyalty.app().auth.signIn.mutate({ tenantId: TENANT, email, code });

    const app = loyalty.app(token);
    const { cards } = await app.me.card.query();
    expect(cards).toHaveLength(1);
    expect(cards[0]?.number).toMatch(/^28\d{11}$/);
    const summary = await app.me.summary.query();
    expect(summary).toMatchObject({ memberId, balance: { active: 0, pending: 232 } });
    expect((await app.me.history.query({})).entries).toMatchObject([{ kind: 'earn', points: 232 }]);
    const member = await loyalty.trpc.members.get.query({ memberId });
    expect(member.consentHistory.at(-1)).toMatchObject({ granted: false, source: 'app' });
  });

  it("when the app asks in Italian, then the code's e-mail is in Italian, text and HTML; asked in English, in English", async () => {
    const email = `${uniqueName('italiano')}@example.test`;
    await loyalty
      .app()
      .auth.join.mutate({ tenantId: TENANT, email, marketingConsent: false, language: 'it' });
    const code = await codeMailedTo(email, 0);
    const [italian] = await mailSink.list({ to: email });
    expect(italian?.subject).toBe(`${code} è il tuo codice di accesso al programma fedeltà`);
    expect(italian?.text).toContain(`Il tuo codice di accesso è ${code}.`);
    expect(italian?.text).toContain('Vale una volta sola, per 10 minuti.');
    expect(italian?.html).toContain('<div lang="it">');

    await loyalty.app().auth.requestCode.mutate({ tenantId: TENANT, email, language: 'en' });
    const next = await codeMailedTo(email, 1);
    const english = (await mailSink.list({ to: email })).find((mail) => mail.subject.startsWith(next));
    expect(english?.subject).toBe(`${next} is your loyalty sign-in code`);
    expect(english?.text).toContain('It works once, for 10 minutes.');
  });

  it('when a member joins again, then the answer is the same, a new code comes, and nothing else changes', async () => {
    const email = `${uniqueName('twice')}@example.test`;
    const stranger = await loyalty
      .app()
      .auth.join.mutate({ tenantId: TENANT, email, marketingConsent: true });
    const first = await codeMailedTo(email, 0);
    const again = await loyalty.app().auth.join.mutate({ tenantId: TENANT, email, marketingConsent: false });
    expect(again).toEqual(stranger);
    const second = await codeMailedTo(email, 1);
    const { memberId, token } = await loyalty
      .app()
      .auth.signIn.mutate({ tenantId: TENANT, email, code: second });
    expect(second).not.toBe('');
    expect(first).not.toBe('');
    expect((await loyalty.app(token).me.card.query()).cards).toHaveLength(1);
    const member = await loyalty.trpc.members.get.query({ memberId });
    // The second join did not ask for offers: its code confirms nothing, the first join's stays pending.
    expect(member.consentHistory).toMatchObject([{ granted: true, source: 'app', pending: true }]);
    expect(member).toMatchObject({ marketingConsent: null, marketingConsentPending: true });
  });

  it('when someone joins with offers ticked, then the consent is pending, and counts only once the e-mailed code is used, with its proof', async () => {
    const email = `${uniqueName('offers')}@example.test`;
    await loyalty.app().auth.join.mutate({ tenantId: TENANT, email, marketingConsent: true });
    const code = await codeMailedTo(email, 0);
    const mail = (await mailSink.list({ to: email }))[0];
    expect(mail?.text).toMatch(/confirms that you want our offers/);
    const memberId = await eventually(
      () =>
        loyalty.loyalty.store.members
          .findByKey(TENANT, 'email', emailHashOf(email))
          .then((id) => id ?? undefined),
      'the enrolment',
    );

    // Anyone can type someone else's address: until the address answers, nothing counts.
    const before = await loyalty.trpc.members.get.query({ memberId });
    expect(before).toMatchObject({ marketingConsent: null, marketingConsentPending: true });
    expect(before.consentHistory).toMatchObject([
      { granted: true, source: 'app', pending: true, proof: null },
    ]);
    const archived = await loyalty.trpc.privacy.exportSubject.query({
      tenantId: TENANT,
      profileId: null,
      identifiers: [{ type: 'email', hash: emailHashOf(email) }],
    });
    expect(archived.members[0]?.consentHistory).toMatchObject([{ granted: true, pending: true }]);

    await loyalty.app().auth.signIn.mutate({ tenantId: TENANT, email, code });
    const after = await loyalty.trpc.members.get.query({ memberId });
    expect(after).toMatchObject({ marketingConsent: true, marketingConsentPending: false });
    expect(after.consentHistory).toHaveLength(2);
    expect(after.consentHistory[1]).toMatchObject({
      granted: true,
      source: 'app',
      pending: false,
      proof: { method: 'email-code', codeId: expect.stringMatching(/^sgn_/) as unknown },
    });
    // The stored proof also names the code's keyed hash, never the code.
    const stored = await loyalty.loyalty.store.members.get(memberId);
    const proof = stored?.consent[1]?.proof;
    expect(proof).toMatchObject({ method: 'email-code', codeHash: expect.any(String) as unknown });
    expect(JSON.stringify(stored?.consent)).not.toContain(code);
  });

  it('when the code of a join with offers is not used, then a later sign-in code does not confirm them', async () => {
    const email = `${uniqueName('unused')}@example.test`;
    await loyalty.app().auth.join.mutate({ tenantId: TENANT, email, marketingConsent: true });
    await codeMailedTo(email, 0);
    await loyalty.app().auth.requestCode.mutate({ tenantId: TENANT, email });
    const later = await codeMailedTo(email, 1);
    const newest = (await mailSink.list({ to: email })).find((mail) => mail.subject.includes(later));
    expect(newest?.text).not.toMatch(/offers/);
    const { memberId } = await loyalty.app().auth.signIn.mutate({ tenantId: TENANT, email, code: later });
    expect(await loyalty.trpc.members.get.query({ memberId })).toMatchObject({
      marketingConsent: null,
      marketingConsentPending: true,
    });
  });

  it('when someone joins without offers, then the refusal is recorded at once', async () => {
    const email = `${uniqueName('no_offers')}@example.test`;
    await loyalty.app().auth.join.mutate({ tenantId: TENANT, email, marketingConsent: false });
    await codeMailedTo(email, 0);
    const memberId = await loyalty.loyalty.store.members.findByKey(TENANT, 'email', emailHashOf(email));
    const member = await loyalty.trpc.members.get.query({ memberId: memberId ?? '' });
    expect(member).toMatchObject({ marketingConsent: false, marketingConsentPending: false });
  });

  it('when a claim is never followed by joining, then the retention purge drops it and the spent sign-in codes', async () => {
    const email = `${uniqueName('never')}@example.test`;
    await claimedSale(email);
    const emailHash = loyalty.loyalty.crypto.email(email)?.hash ?? '';
    expect(await loyalty.purgeExpired()).toMatchObject({ early_claims: 0, sign_in_codes: 0 });
    clock.advanceDays(91);
    try {
      const purged = await loyalty.purgeExpired();
      expect(purged.early_claims).toBeGreaterThanOrEqual(1);
      // The codes the other tests asked for, and their attempts.
      expect(purged.sign_in_codes).toBeGreaterThan(0);
      expect(await loyalty.loyalty.store.earlyClaims.ofAddress(TENANT, emailHash)).toEqual([]);
      expect(await loyalty.database.collection('sign_in_codes').countDocuments()).toBe(0);
    } finally {
      clock.advanceDays(-91);
    }
  });

  it('when the address is not an email, then the join is refused with the path named', async () => {
    await expect(
      loyalty.app().auth.join.mutate({ tenantId: TENANT, email: 'not-an-email', marketingConsent: false }),
    ).rejects.toMatchObject({ data: { httpStatus: 400 } });
  });
});
