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
    expect(toAppError(named('MongooseError')).kind).toBe('internal');
  });
});
