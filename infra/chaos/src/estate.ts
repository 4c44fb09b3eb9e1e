import {
  brands,
  createLoyaltyStaffClient,
  demoProgram,
  issueShopKeys,
  issueTerminalKeys,
  type Member,
  memberPool,
  type ShopKeys,
  type SimulatedStore,
  stores as catalogueStores,
  type TerminalKeys,
} from '@scontrino/pos-simulator';

/** The brand the tills of a chaos run sell for: fashion, so returns are common. */
export const BRAND = brands.modaRossi;

export interface Estate {
  stores: readonly SimulatedStore[];
  members: readonly Member[];
  keys: TerminalKeys;
  /** The brand's web shop's key (`sk_shop_…`) for `POST /v1/online-orders`. */
  shopKeys: ShopKeys;
}

/**
 * The brand, set up through the public APIs as its back office would: the brand, its stores with two
 * tills each and their keys, its web shop's key, the demo's loyalty program, then `memberCount`
 * members (a third without marketing consent, as in the bench).
 */
export async function setUpEstate(
  urls: { receipt: string; loyalty: string },
  tokens: { staff: string; service: string },
  memberCount: number,
): Promise<Estate> {
  // The brand first (issueTerminalKeys creates it in the tenant registry with its stores and keys):
  // every service refuses a call naming a brand nobody created.
  const stores = catalogueStores
    .filter((store) => store.profile.tenantId === BRAND.tenantId)
    .map((store) => ({ ...store, terminals: ['T01', 'T02'] }));
  const keys = await issueTerminalKeys(urls.receipt, tokens.staff, stores);
  const shopKeys = await issueShopKeys(urls.receipt, tokens.staff, [BRAND]);
  await createLoyaltyStaffClient(urls.loyalty, tokens.staff).program.activate.mutate({
    tenantId: BRAND.tenantId,
    config: demoProgram(BRAND.kind, new Date()),
    author: 'chaos',
    note: 'pnpm chaos: the demo program',
  });
  const members = memberPool(BRAND.tenantId, memberCount);
  const tills = createLoyaltyStaffClient(urls.loyalty, tokens.service);
  for (const member of members)
    await tills.members.enrol.mutate({
      tenantId: member.tenantId,
      email: member.email,
      name: `${member.firstName} ${member.lastName}`,
      cardNumbers: [member.cardNumber],
      marketingConsent: { granted: member.number % 3 !== 0, source: 'till' },
    });
  return { stores, members, keys, shopKeys };
}
