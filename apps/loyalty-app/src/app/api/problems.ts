/**
 * What went wrong with a call, in the terms the screens speak: each problem has its own message.
 * Read from the tRPC error's data (`httpStatus`, and `appCode` from the service's error formatter).
 */
export type Problem =
  | 'unauthorized'
  | 'wrong_code'
  | 'too_many_attempts'
  | 'too_many_wrong_codes'
  | 'rate_limited'
  | 'invalid_input'
  | 'offline'
  | 'unexpected';

interface ErrorLike {
  data?: { httpStatus?: unknown; appCode?: unknown } | null;
}

export function problemOf(error: unknown): Problem {
  const data = typeof error === 'object' && error !== null ? (error as ErrorLike).data : undefined;
  // No tRPC answer at all: the network failed, or the proxy found no service (502 without a body).
  if (!data || typeof data.httpStatus !== 'number') return 'offline';
  switch (data.appCode) {
    case 'auth.invalid_code':
      return 'wrong_code';
    case 'auth.too_many_attempts':
      return 'too_many_attempts';
    case 'auth.too_many_wrong_codes':
      return 'too_many_wrong_codes';
    default:
      break;
  }
  const status = data.httpStatus;
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'rate_limited';
  if (status === 400 || status === 422) return 'invalid_input';
  if (status === 502 || status === 503 || status === 504) return 'offline';
  return 'unexpected';
}
