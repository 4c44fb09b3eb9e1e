import { describe, expect, it } from 'vitest';
import type { CustomerView } from './customer-view.js';
import { revealedProfile } from './reveal.js';
import { staffCustomerView } from './staff-view.js';

const at = new Date('2026-03-01T10:00:00Z');
const seen = { firstSeenAt: at, lastSeenAt: at, sources: ['web' as const] };

/** Sara's view in clear, as the data subject's export carries it. */
const sara: CustomerView = {
  profileId: 'prf_sara',
  requestedId: 'prf_old',
  createdAt: at,
  updatedAt: at,
  golden: {
    email: { value: 'sara.neri@famiglia.it', verified: true, lastSeenAt: at },
    phone: { value: '+393471112233', verified: false, lastSeenAt: at },
    name: { value: 'Sara Neri', source: 'order', at },
  },
  identifiers: [
    {
      type: 'email',
      hash: 'h-email-old',
      value: 'sara@old.it',
      masked: 's•••@o•••.it',
      verified: false,
      ...seen,
    },
    {
      type: 'email',
      hash: 'h-email',
      value: 'sara.neri@famiglia.it',
      masked: 's•••i@f•••.it',
      verified: true,
      ...seen,
    },
    {
      type: 'phone',
      hash: 'h-phone',
      value: '+393471112233',
      masked: '+39 ••• ••• 22 33',
      verified: false,
      ...seen,
    },
    { type: 'card', hash: 'h-card', value: '2900000077777', masked: '••••7777', verified: false, ...seen },
  ],
  household: {
    householdId: 'hh_1',
    profileIds: ['prf_sara', 'prf_paolo'],
    shared: [{ type: 'card', hash: 'h-card', masked: '••••7777' }],
  },
  timeline: [],
  figures: {} as CustomerView['figures'],
};

describe('staffCustomerView', () => {
  it('when staff open a profile, then no value is left in clear: identifiers by hash and mask, the golden record too, the name as initials', () => {
    const view = staffCustomerView(sara);
    expect(JSON.stringify(view)).not.toMatch(/sara\.neri|sara@old|3471112233|2900000077777|Neri|"value"/);
    expect(view.golden).toEqual({
      email: { type: 'email', hash: 'h-email', masked: 's•••i@f•••.it', verified: true, lastSeenAt: at },
      phone: { type: 'phone', hash: 'h-phone', masked: '+39 ••• ••• 22 33', verified: false, lastSeenAt: at },
      name: { initials: 'S. N.', source: 'order', at },
    });
    expect(view.identifiers.map((i) => [i.type, i.hash, i.masked])).toEqual([
      ['email', 'h-email-old', 's•••@o•••.it'],
      ['email', 'h-email', 's•••i@f•••.it'],
      ['phone', 'h-phone', '+39 ••• ••• 22 33'],
      ['card', 'h-card', '••••7777'],
    ]);
    expect(view.household).toEqual(sara.household);
  });

  it('when a profile has no golden e-mail, phone or name, then those are null', () => {
    const view = staffCustomerView({
      ...sara,
      golden: { email: null, phone: null, name: null },
      identifiers: [],
    });
    expect(view.golden).toEqual({ email: null, phone: null, name: null });
  });
});

describe('revealedProfile', () => {
  it('when a reveal asks for e-mails and the name, then it holds those in clear and nothing else', () => {
    expect(revealedProfile(sara, ['name', 'email'])).toEqual({
      profileId: 'prf_sara',
      requestedId: 'prf_old',
      fields: ['email', 'name'],
      identifiers: [
        { type: 'email', hash: 'h-email-old', value: 'sara@old.it', verified: false },
        { type: 'email', hash: 'h-email', value: 'sara.neri@famiglia.it', verified: true },
      ],
      name: 'Sara Neri',
    });
  });

  it('when a reveal asks for the card only, then no name key is there at all', () => {
    const revealed = revealedProfile(sara, ['card']);
    expect(revealed.identifiers).toEqual([
      { type: 'card', hash: 'h-card', value: '2900000077777', verified: false },
    ]);
    expect('name' in revealed).toBe(false);
  });
});
