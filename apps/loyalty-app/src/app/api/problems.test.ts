import { describe, expect, it as test } from 'vitest';
import { problemOf } from './problems.js';

const answered = (httpStatus: number, appCode: string | null = null) => ({ data: { httpStatus, appCode } });

describe('problemOf', () => {
  test('when the sign-in code is wrong or used up, then the service’s own codes decide', () => {
    expect(problemOf(answered(401, 'auth.invalid_code'))).toBe('wrong_code');
    expect(problemOf(answered(429, 'auth.too_many_attempts'))).toBe('too_many_attempts');
    expect(problemOf(answered(429, 'auth.too_many_wrong_codes'))).toBe('too_many_wrong_codes');
  });

  test('when a session is missing, expired or forged, then it is unauthorized whatever the code', () => {
    expect(problemOf(answered(401, 'auth.session_expired'))).toBe('unauthorized');
    expect(problemOf(answered(401, 'auth.member_gone'))).toBe('unauthorized');
    expect(problemOf(answered(401))).toBe('unauthorized');
  });

  test('when the input is refused or requests come too fast, then the status decides', () => {
    expect(problemOf(answered(400))).toBe('invalid_input');
    expect(problemOf(answered(422, 'member.invalid_email'))).toBe('invalid_input');
    expect(problemOf(answered(429, 'rate_limited'))).toBe('rate_limited');
  });

  test('when no tRPC answer came back (network down, proxy without service), then the app is offline', () => {
    expect(problemOf(new TypeError('Failed to fetch'))).toBe('offline');
    expect(problemOf({ data: null })).toBe('offline');
    expect(problemOf(answered(503))).toBe('offline');
    expect(problemOf(undefined)).toBe('offline');
  });

  test('when the service fails in an unexpected way, then it is unexpected, not blamed on the member', () => {
    expect(problemOf(answered(500))).toBe('unexpected');
    expect(problemOf(answered(404))).toBe('unexpected');
  });
});
