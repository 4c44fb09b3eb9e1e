import type { Problem } from '../api/problems.js';
import type { Messages } from '../i18n/messages.js';

/** The sentence for a problem; `invalid_input` reads as the field's own message where there is one. */
export function problemMessage(t: Messages, problem: Problem, invalidInput = t.errors.unexpected): string {
  switch (problem) {
    case 'unauthorized':
      return t.errors.sessionExpired;
    case 'wrong_code':
      return t.errors.wrongCode;
    case 'too_many_attempts':
      return t.errors.tooManyAttempts;
    case 'too_many_wrong_codes':
      return t.errors.tooManyWrongCodes;
    case 'rate_limited':
      return t.errors.rateLimited;
    case 'invalid_input':
      return invalidInput;
    case 'offline':
      return t.errors.offline;
    case 'unexpected':
      return t.errors.unexpected;
  }
}
