import { describe, expect, it } from 'vitest';
import { shopScopeViolation } from './shop-scope.js';

const shop = { tenantId: 'moda-rossi', shopId: 'web-it' };

describe('shopScopeViolation', () => {
  it("refuses another brand's or another shop's order, and leaves a malformed body to validation", () => {
    expect(shopScopeViolation(shop, { tenantId: 'moda-rossi', shopId: 'web-it' })).toBeNull();
    expect(shopScopeViolation(shop, { tenantId: 'casa-verdi', shopId: 'web-it' })).toBe(
      'This key is for tenant moda-rossi; it cannot post for tenant casa-verdi',
    );
    expect(shopScopeViolation(shop, { tenantId: 'moda-rossi', shopId: 'app' })).toBe(
      'This key is for shop web-it; it cannot post for shop app',
    );
    expect(shopScopeViolation(shop, { tenantId: 42 })).toBeNull();
    expect(shopScopeViolation(shop, 'x')).toBeNull();
  });
});
