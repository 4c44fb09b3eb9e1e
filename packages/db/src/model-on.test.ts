import mongoose, { Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { modelOn } from './model-on.js';

describe('modelOn', () => {
  it('registers a model once per connection and hands back the same one after', () => {
    const first = mongoose.createConnection();
    const second = mongoose.createConnection();
    const schema = new Schema<{ _id: string; name: string }>({ _id: String, name: String });
    const store = modelOn(first, 'Store', schema);
    expect(modelOn(first, 'Store', schema)).toBe(store);
    expect(modelOn(second, 'Store', schema)).not.toBe(store);
    expect(store.collection.collectionName).toBe('stores');
  });
});
