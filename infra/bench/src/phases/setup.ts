import {
  createLoyaltyStaffClient,
  demoProgram,
  issueTerminalKeys,
  memberPool,
  type Member,
} from '@scontrino/pos-simulator';
import type { Progress } from '../progress.js';
import { BRAND, type BenchEstate, benchStores } from '../traffic.js';

export interface SetUpTargets {
  receiptUrl: string;
  loyaltyUrl: string;
  serviceToken: string;
  /** An admin's staff token: the back office's part. */
  staffToken: string;
}

const ENROL_CONCURRENCY = 4;

/**
 * The brand, set up through the public APIs as its back office and tills would: the brand, its
 * stores and one key per till, the loyalty program (the demo's, with its campaign), then the members.
 */
export async function setUpBrand(
  targets: SetUpTargets,
  options: { tillsPerStore: number; members: number },
  progress: Progress,
): Promise<BenchEstate> {
  // The brand first (the tenant registry, with the stores and their keys): every service refuses
  // a call naming a brand nobody created.
  const stores = benchStores(options.tillsPerStore);
  progress.phase('set-up: stores and till keys', stores.length * options.tillsPerStore, 'keys');
  const keys = await issueTerminalKeys(targets.receiptUrl, targets.staffToken, stores);
  progress.update(keys.size);
  const backOffice = createLoyaltyStaffClient(targets.loyaltyUrl, targets.staffToken);
  await backOffice.program.activate.mutate({
    tenantId: BRAND.tenantId,
    config: demoProgram(BRAND.kind, new Date()),
    author: 'bench',
    note: 'pnpm bench: the demo program, for the benchmark',
  });

  const members = memberPool(BRAND.tenantId, options.members);
  const tills = createLoyaltyStaffClient(targets.loyaltyUrl, targets.serviceToken);
  progress.phase('set-up: members', members.length, 'members');
  let next = 0;
  let enrolled = 0;
  const enrol = async () => {
    while (next < members.length) {
      const member = members[next] as Member;
      next += 1;
      await tills.members.enrol.mutate({
        tenantId: member.tenantId,
        email: member.email,
        name: `${member.firstName} ${member.lastName}`,
        cardNumbers: [member.cardNumber],
        marketingConsent: { granted: member.number % 3 !== 0, source: 'till' },
      });
      enrolled += 1;
      progress.update(enrolled);
    }
  };
  await Promise.all(Array.from({ length: ENROL_CONCURRENCY }, enrol));
  return { stores, members, keys };
}
