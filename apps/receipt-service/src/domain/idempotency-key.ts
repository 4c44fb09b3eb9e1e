import { z } from 'zod';

/** The `Idempotency-Key` a POS sends: 1–255 visible ASCII characters (a UUID is typical). */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7E]+$/, { error: 'must be 1–255 visible ASCII characters, e.g. a UUID' });
