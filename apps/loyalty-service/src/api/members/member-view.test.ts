import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loyaltyCrypto, MEMBER_EMAIL_CONTEXT, MEMBER_NAME_CONTEXT } from '../../store/loyalty-crypto.js';
import type { Member } from '../../store/members.js';
import { memberView } from './member-view.js';

const key = () => randomBytes(32).toString('base64');
const crypto = loyaltyCrypto({ CRYPTO_KEYS: { '1': key() }, CRYPTO_ACTIVE_KEY: 1, LOOKUP_HASH_KEY: key() });
const at = new Date('2026-03-01T10:00:00Z');
const card = crypto.card('2900000012345')!;
const giulia: Member = {
  id: 'mbr_aaaaaaaaaaaaaaaaaaaaaaaaaa',
  tenantId: 'moda-rossi',
  email: {
    encrypted: crypto.cipher.encrypt('giulia.bianchi@example.it', MEMBER_EMAIL_CONTEXT),
    hash: crypto.email('giulia.bianchi@example.it')!.hash,
  },
  name: crypto.cipher.encrypt('Giulia Bianchi', MEMBER_NAME_CONTEXT),
  cards: [{ hash: card.hash, masked: card.masked, encrypted: card.encrypted, addedAt: at }],
  profileId: null,
  consent: [],
  tierHistory: [],
  mergedInto: null,
  enrolledAt: at,
  erasedAt: null,
};

describe('memberView', () => {
  it('when the caller may reveal (a service, support, an admin), then e-mail and name are in clear', () => {
    expect(memberView(giulia, crypto, { clear: true })).toMatchObject({
      email: 'giulia.bianchi@example.it',
      name: 'Giulia Bianchi',
      masked: false,
      cards: [{ masked: '••••2345' }],
    });
  });

  it('when the caller may not, then e-mail and name are masked and the view says so', () => {
    const view = memberView(giulia, crypto, { clear: false });
    expect(view).toMatchObject({ email: 'g•••i@e•••.it', name: 'G. B.', masked: true });
    expect(JSON.stringify(view)).not.toMatch(/giulia|bianchi|2900000012345/i);
  });

  it('when an erased member has no e-mail or name, then both stay null either way', () => {
    const erased = { ...giulia, email: null, name: null, cards: [], erasedAt: at };
    expect(memberView(erased, crypto, { clear: false })).toMatchObject({ email: null, name: null });
  });
});
