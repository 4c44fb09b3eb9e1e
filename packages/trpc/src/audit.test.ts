import { describe, expect, it } from 'vitest';
import { auditTarget } from './audit.js';

describe('auditTarget', () => {
  it('when a reveal names the kinds of data it wants, then the entry lists them beside the ids and the reason', () => {
    expect(
      auditTarget({
        tenantId: 'moda-rossi',
        profileId: 'prf_1',
        fields: ['email', 'phone', 'email'],
        reason: 'ticket 4411: customer asks which address we hold',
      }),
    ).toEqual({
      target: { tenantId: 'moda-rossi', profileId: 'prf_1', fields: 'email,phone' },
      reason: 'ticket 4411: customer asks which address we hold',
    });
  });

  it('when a decision names a suggestion or a link by its long id, then the entry keeps it, and drops what is longer than any id', () => {
    const suggestionId = `sug:moda-rossi:email:${'a'.repeat(43)}~moda-rossi:email:${'b'.repeat(43)}`;
    expect(auditTarget({ tenantId: 'moda-rossi', suggestionId, reason: 'same person' })).toEqual({
      target: { tenantId: 'moda-rossi', suggestionId },
      reason: 'same person',
    });
    expect(auditTarget({ linkId: 'x'.repeat(401) }).target).toEqual({});
  });

  it('when a caller puts a value where a kind of data goes, then the value is not logged', () => {
    const { target } = auditTarget({ profileId: 'prf_1', fields: ['anna@example.com', '+393331234567', 7] });
    expect(target).toEqual({ profileId: 'prf_1' });
    expect(auditTarget({ email: 'anna@example.com', fields: 'email' }).target).toEqual({});
  });
});
