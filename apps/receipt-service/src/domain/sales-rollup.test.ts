import { describe, expect, it } from 'vitest';
import {
  claimContribution,
  deliveryContribution,
  optOutContribution,
  recordedContribution,
  rollupId,
  salesKpis,
  storeDay,
  sumFigures,
  utcDay,
} from './sales-rollup.js';

const sale = {
  type: 'sale' as const,
  total: 10_000,
  identified: false,
  receiptDelivery: [],
  hasEmail: false,
  claimable: true,
};

describe('sales rollup', () => {
  it('counts a sale by what its receipt became', () => {
    expect(recordedContribution(sale)).toMatchObject({
      sales: 1,
      grossRevenue: 10_000,
      claimable: 1,
      digital: 0,
    });
    expect(
      recordedContribution({
        ...sale,
        identified: true,
        hasEmail: true,
        claimable: false,
        receiptDelivery: ['email', 'app'],
      }),
    ).toMatchObject({ identified: 1, emailed: 1, inApp: 1, digital: 1, claimable: 0 });
    // Asked for an e-mail without giving one: no e-mail receipt.
    expect(recordedContribution({ ...sale, identified: true, receiptDelivery: ['email'] })).toMatchObject({
      emailed: 0,
      digital: 0,
    });
  });

  it('counts a return by its refund, whatever the sign of its total', () => {
    expect(recordedContribution({ ...sale, type: 'return', total: -2_500 })).toEqual({
      returns: 1,
      refunded: 2_500,
    });
    expect(recordedContribution({ ...sale, type: 'return', total: 2_500 })).toEqual({
      returns: 1,
      refunded: 2_500,
    });
  });

  it('derives the ratios from the summed counters', () => {
    // Three sales (100 €, 50 €, 30 €): one e-mailed, one anonymous then claimed, one anonymous; a 30 € return.
    const figures = sumFigures([
      recordedContribution({
        ...sale,
        total: 10_000,
        identified: true,
        hasEmail: true,
        receiptDelivery: ['email'],
        claimable: false,
      }),
      recordedContribution({ ...sale, total: 5_000 }),
      claimContribution(),
      recordedContribution({ ...sale, total: 3_000 }),
      recordedContribution({ ...sale, type: 'return', total: -3_000 }),
      // Four e-mails: three sent (one of them opted out from its link), one failed for good.
      deliveryContribution('sent'),
      deliveryContribution('sent'),
      deliveryContribution('sent'),
      deliveryContribution('failed'),
      deliveryContribution('suppressed'),
      optOutContribution(),
    ]);
    expect(salesKpis(figures)).toEqual({
      sales: 3,
      revenue: 15_000,
      averageTicket: 6_000,
      returnsRate: 3_000 / 18_000,
      identifiedShare: 1 / 3,
      digitalReceiptShare: 2 / 3,
      qrClaimRate: 1 / 2,
      emailDeliveryRate: 3 / 4,
      optOutRate: 1 / 3,
    });
  });

  it('has no ratio over nothing', () => {
    expect(salesKpis(sumFigures([]))).toMatchObject({
      averageTicket: null,
      qrClaimRate: null,
      returnsRate: null,
    });
  });

  it("counts a sale on its store's calendar day, around midnight and across a DST change", () => {
    // 00:30 in Milan on 23 November is 23:30 UTC on the 22nd: the store's 23rd.
    expect(storeDay(new Date('2026-11-23T00:30:00+01:00'), 'Europe/Rome')).toBe('2026-11-23');
    expect(storeDay(new Date('2026-11-22T23:59:59+01:00'), 'Europe/Rome')).toBe('2026-11-22');
    expect(utcDay(new Date('2026-11-23T00:30:00+01:00'))).toBe('2026-11-22');
    // Summer time: 00:10 in Milan on 1 July is 22:10 UTC on 30 June.
    expect(storeDay(new Date('2026-07-01T00:10:00+02:00'), 'Europe/Rome')).toBe('2026-07-01');
    expect(storeDay(new Date('2026-11-23T00:30:00+01:00'), 'UTC')).toBe('2026-11-22');
    // A store without a profile: the date its till wrote, else UTC.
    const at = new Date('2026-11-23T00:30:00+01:00');
    expect(storeDay(at, null, '2026-11-23T00:30:00+01:00')).toBe('2026-11-23');
    expect(storeDay(at, null)).toBe('2026-11-22');
    expect(rollupId('moda-rossi', 'MI-001', '2026-11-22')).toBe('moda-rossi|MI-001|2026-11-22');
  });
});
