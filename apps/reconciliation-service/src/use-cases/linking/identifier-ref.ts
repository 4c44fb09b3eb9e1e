import { identifierTypes, normaliseIdentifier } from '@scontrino/identity';
import { AppError } from '@scontrino/errors';
import { z } from 'zod';
import { identifierIdOf } from '../../domain/ids.js';
import type { GraphDeps } from './graph-deps.js';
import { tenantConfig } from './tenant-config.js';

export const tenantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ (1–64)');

/** An identifier named by its raw value (normalised here) or by its look-up hash. */
export const identifierRefInput = z
  .object({
    type: z.enum(identifierTypes),
    value: z.string().min(1).max(320).optional(),
    hash: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,128}$/)
      .optional(),
    /** For a phone typed without prefix. */
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .optional(),
    /** For a web-shop account id: the shop it belongs to. */
    shopId: z.string().min(1).max(64).optional(),
  })
  .refine((ref) => (ref.value === undefined) !== (ref.hash === undefined), {
    message: 'give either value or hash',
    path: ['value'],
  });
export type IdentifierRefInput = z.infer<typeof identifierRefInput>;

/** The stored id of a referenced identifier; a value that does not normalise is an invalid input. */
export async function identifierIdFromRef(
  deps: Pick<GraphDeps, 'store' | 'crypto' | 'defaults'>,
  tenantId: string,
  ref: IdentifierRefInput,
): Promise<string> {
  if (ref.hash !== undefined) return identifierIdOf(tenantId, ref.type, ref.hash);
  const { email } = await tenantConfig(deps.store.staff, deps.defaults, tenantId);
  const result = normaliseIdentifier(ref.type, ref.value ?? '', {
    defaultCountry: ref.country,
    shopId: ref.shopId,
    email,
  });
  if (!result.ok) {
    throw new AppError('identifier.invalid', result.reason, {
      kind: 'invalid',
      issues: [{ path: 'value', code: 'invalid_identifier', message: result.reason }],
    });
  }
  return identifierIdOf(tenantId, ref.type, deps.crypto.lookupHash(ref.type, result.identifier.value));
}
