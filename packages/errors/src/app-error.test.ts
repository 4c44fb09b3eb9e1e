import { describe, expect, it } from 'vitest';
import { AppError, httpStatusOf, toAppError } from './index.js';

describe('AppError', () => {
  it('retries only what a dependency caused, unless told otherwise', () => {
    expect(new AppError('db.down', 'Database unreachable', { kind: 'unavailable' }).retryable).toBe(true);
    expect(new AppError('sale.invalid', 'Bad sale', { kind: 'invalid' }).retryable).toBe(false);
    expect(new AppError('mail.refused', 'Refused', { kind: 'internal', retryable: true }).retryable).toBe(
      true,
    );
  });

  it('turns anything thrown into an internal error that keeps the original as its cause', () => {
    const original = new TypeError('x is undefined');
    const wrapped = toAppError(original);
    expect([wrapped.code, wrapped.kind, wrapped.cause]).toEqual(['internal', 'internal', original]);
    const known = new AppError('receipt.not_found', 'No such receipt', { kind: 'not_found' });
    expect(toAppError(known)).toBe(known);
  });

  it('answers each kind with its HTTP status', () => {
    expect(httpStatusOf(new AppError('a', 'a', { kind: 'invalid' }))).toBe(422);
    expect(httpStatusOf(new AppError('a', 'a', { kind: 'rate_limited' }))).toBe(429);
    expect(httpStatusOf(toAppError(new Error('boom')))).toBe(500);
  });

  it('turns a database or Redis driver out of reach, however wrapped, into unavailable (503), and nothing else', () => {
    const named = (name: string, extra: object = {}) => Object.assign(new Error(name), { name }, extra);
    const outOfReach = [
      named('MongoServerSelectionError'),
      named('MongoNetworkError'),
      named('MongoPoolClearedError'),
      named('MongoWaitQueueTimeoutError'),
      named('PoolClearedOnNetworkError'),
      named('MaxRetriesPerRequestError'),
      named('MongoBulkWriteError', { errorResponse: named('MongoNetworkTimeoutError') }),
      named('MongoServerError', { cause: named('MongoNetworkError') }),
      named('MongooseError', { message: 'Operation `sales.insertOne()` buffering timed out after 10000ms' }),
      // A server shutting down, a replica set electing its primary.
      named('MongoServerError', { code: 91 }),
      named('MongoServerError', { code: 11600 }),
      named('MongoServerError', { code: 10107 }),
      named('MongoBulkWriteError', { code: 10107, writeErrors: [{ code: 10107 }] }),
      named('MongoBulkWriteError', {
        writeErrors: [
          { code: 11600, index: 0 },
          { code: 91, index: 1 },
        ],
      }),
    ];
    for (const error of outOfReach) {
      const wrapped = toAppError(error);
      expect([wrapped.kind, httpStatusOf(wrapped), wrapped.retryable, wrapped.cause]).toEqual([
        'unavailable',
        503,
        true,
        error,
      ]);
    }
    expect(toAppError(named('MongoServerError', { code: 11000 })).kind).toBe('internal');
    // One document refused for what it is, beside one the shutdown interrupted: not the server's state.
    expect(
      toAppError(named('MongoBulkWriteError', { writeErrors: [{ code: 11600 }, { code: 121 }] })).kind,
    ).toBe('internal');
    expect(toAppError(Object.assign(new Error('x'), { code: 91 })).kind).toBe('internal');
    expect(toAppError(named('MongooseError')).kind).toBe('internal');
  });
});
