import type { Model, RootFilterQuery, UpdateQuery } from 'mongoose';
import { isDuplicateKeyError } from './errors.js';

/**
 * A counters update applied only while its guard holds (`counted: { $ne: key }`: the key is not
 * counted yet), creating the document when there is none: whether it applied. When the document
 * exists and the guard fails, the upsert tries to insert and meets the `_id` taken; the same update
 * without upsert then tells whether the guard held after all (another replica created the document
 * meanwhile) or not (the key was counted before).
 */
export async function guardedUpsert<T>(
  model: Model<T>,
  filter: RootFilterQuery<T>,
  update: UpdateQuery<T>,
): Promise<boolean> {
  try {
    const result = await model.updateOne(filter, update, { upsert: true });
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const again = await model.updateOne(filter, update);
    return again.modifiedCount > 0;
  }
}
