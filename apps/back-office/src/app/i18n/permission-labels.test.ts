import { permissions } from '@scontrino/staff-access';
import { describe, expect, it } from 'vitest';
import { catalogues, LOCALES } from './messages.js';

describe('"What your roles allow"', () => {
  it.each(LOCALES)('names every permission a staff token can carry in words, in %s', (locale) => {
    const labels = catalogues[locale].who.permission;
    expect(permissions.filter((permission) => !labels[permission])).toEqual([]);
  });
});
