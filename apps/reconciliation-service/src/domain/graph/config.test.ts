import { describe, expect, it } from 'vitest';
import { defaultBlocklist, isBlocked } from './config.js';

const email = (value: string) => ({ type: 'email' as const, value });

describe('the default blocklist', () => {
  it.each(['cliente@negozio.it', 'no@no.it', 'noemail@gmail.com', 'nessuno@libero.it', 'test@test.com'])(
    'when a cashier types %s into an empty e-mail field, then it links nobody',
    (value) => {
      expect(isBlocked(email(value), defaultBlocklist)).toBe(true);
    },
  );

  it.each(['clienti.rossi@gmail.com', 'nora@no.it', 'anonimo.veneziano@libero.it', 'luca.test@example.it'])(
    'when a real address only starts like a placeholder (%s), then it still links',
    (value) => {
      expect(isBlocked(email(value), defaultBlocklist)).toBe(false);
    },
  );

  it('when a phone matches an e-mail placeholder prefix, then the type keeps it apart', () => {
    expect(isBlocked({ type: 'phone', value: 'no@' }, defaultBlocklist)).toBe(false);
  });
});
