import { describe, expect, it } from 'vitest';
import { scopeViolation } from './terminal-scope.js';

const terminal = { keyId: 'k', storeId: 'MI-001', terminalId: 'T03', tenantId: 'acme' };

describe('terminal scope', () => {
  it('lets a key post for its own store and terminal', () => {
    expect(scopeViolation(terminal, { storeId: 'MI-001', terminalId: 'T03' })).toBeNull();
  });

  it('refuses another store or another terminal of the same store', () => {
    expect(scopeViolation(terminal, { storeId: 'MI-002', terminalId: 'T03' })).toMatch(/store MI-002/);
    expect(scopeViolation(terminal, { storeId: 'MI-001', terminalId: 'T04' })).toMatch(/terminal T04/);
  });

  it('leaves bodies without string ids to validation', () => {
    for (const body of [null, 'x', [], {}, { storeId: 7 }]) expect(scopeViolation(terminal, body)).toBeNull();
  });
});
