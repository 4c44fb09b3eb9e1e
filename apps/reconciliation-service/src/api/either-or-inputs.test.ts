import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { identifierRefInput } from '../use-cases/linking/identifier-ref.js';
import { dataSubjectRequest } from '../use-cases/privacy/data-subject.js';
import { erasureReportInput } from './privacy/router.js';
import { blocklistEntry } from './settings/router.js';
import { cutLinkInput } from './staff/cut-link.js';

// Inputs that take one of several fields: a refusal names the first of them, so a client (and the
// fuzz of every endpoint) sees which field to give, not a problem of the whole input.

const pathsOf = (schema: z.ZodType, input: unknown) =>
  (schema.safeParse(input).error?.issues ?? []).map((issue) => issue.path.join('.'));

describe('inputs of one field among several', () => {
  it('when none or two are given, then the refusal names the first of them', () => {
    expect(pathsOf(cutLinkInput, { tenantId: 'moda-rossi', reason: 'wrong link' })).toEqual(['linkId']);
    expect(pathsOf(erasureReportInput, { tenantId: 'moda-rossi', erasureId: 'e', profileId: 'p' })).toEqual([
      'erasureId',
    ]);
    expect(
      pathsOf(dataSubjectRequest, { tenantId: 'moda-rossi', email: 'a@b.it', cardNumber: '1234' }),
    ).toEqual(['profileId']);
    expect(pathsOf(identifierRefInput, { type: 'email' })).toEqual(['value']);
    expect(pathsOf(blocklistEntry, { type: 'email' })).toEqual(['value']);
  });

  it('when exactly one is given, then the input passes', () => {
    expect(pathsOf(cutLinkInput, { tenantId: 'moda-rossi', linkId: 'lnk_1', reason: 'wrong link' })).toEqual(
      [],
    );
    expect(pathsOf(dataSubjectRequest, { tenantId: 'moda-rossi', cardNumber: '1234' })).toEqual([]);
  });
});
