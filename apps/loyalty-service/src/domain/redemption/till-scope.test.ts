import { describe, expect, it } from 'vitest';
import { tillHoldViolation, tillRequestViolation } from './till-scope.js';

const till = { keyId: 'k', storeId: 'MI-001', terminalId: 'T01', tenantId: 'moda-rossi' };

describe('what a till key may redeem', () => {
  it('when the body names the key own tenant, or none (left to validation), then nothing is refused', () => {
    expect(tillRequestViolation(till, { tenantId: 'moda-rossi' })).toBeNull();
    expect(tillRequestViolation(till, {})).toBeNull();
    expect(tillRequestViolation(till, null)).toBeNull();
  });

  it('when the body names another tenant, then the key is refused naming both', () => {
    expect(tillRequestViolation(till, { tenantId: 'casa-verdi' })).toBe(
      'This key is for tenant moda-rossi; it cannot redeem for tenant casa-verdi',
    );
  });

  it('when the hold is of another tenant or another store, then capture is refused; a store-less hold of the brand is not', () => {
    const hold = { holdId: 'hold_a', tenantId: 'moda-rossi', storeId: 'MI-001' };
    expect(tillHoldViolation(till, hold)).toBeNull();
    expect(tillHoldViolation(till, { ...hold, storeId: null })).toBeNull();
    expect(tillHoldViolation(till, { ...hold, storeId: 'RM-002' })).toBe(
      'This key is for store MI-001; hold hold_a was made at store RM-002',
    );
    expect(tillHoldViolation(till, { ...hold, tenantId: 'casa-verdi' })).toMatch(/tenant moda-rossi/);
  });
});
