import { describe, expect, it } from 'vitest';
import { redactUri } from './redact-uri.js';

describe('redactUri', () => {
  it('replaces the password and keeps user, hosts and database', () => {
    expect(redactUri('mongodb://app:s3cr:et@db1:27017,db2:27017/receipts?replicaSet=rs0')).toBe(
      'mongodb://app:***@db1:27017,db2:27017/receipts?replicaSet=rs0',
    );
  });

  it('redacts a mongodb+srv URI', () => {
    expect(redactUri('mongodb+srv://app:pw@cluster0.example.net/x')).toBe(
      'mongodb+srv://app:***@cluster0.example.net/x',
    );
  });

  it('leaves a URI without credentials unchanged', () => {
    expect(redactUri('mongodb://127.0.0.1:27017/test')).toBe('mongodb://127.0.0.1:27017/test');
  });

  it('leaves a URI with a user but no password unchanged', () => {
    expect(redactUri('mongodb://app@127.0.0.1/test')).toBe('mongodb://app@127.0.0.1/test');
  });
});
