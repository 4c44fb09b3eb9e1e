import { describe, expect, it } from 'vitest';
import { withDatabaseName } from './database.js';

describe('withDatabaseName', () => {
  it.each([
    ['mongodb://127.0.0.1:27017', 'mongodb://127.0.0.1:27017/shop'],
    ['mongodb://127.0.0.1:27017/', 'mongodb://127.0.0.1:27017/shop'],
    ['mongodb://127.0.0.1:27017/other', 'mongodb://127.0.0.1:27017/shop'],
    ['mongodb://u:p@h1:1,h2:2/?replicaSet=rs0', 'mongodb://u:p@h1:1,h2:2/shop?replicaSet=rs0'],
    [
      'mongodb+srv://cluster.example.net/admin?retryWrites=true',
      'mongodb+srv://cluster.example.net/shop?retryWrites=true',
    ],
  ])('when the uri is %s, then it names the database in the path', (uri, expected) => {
    expect(withDatabaseName(uri, 'shop')).toBe(expected);
  });
});
