import { describe, expect, it as test } from 'vitest';
import { historyKindOf, movementOf } from './movement.js';

describe('movementOf', () => {
  test('when a purchase earns points still in the return window, then it is a pending gain', () => {
    expect(movementOf({ kind: 'earn', pending: 79, active: 0 })).toEqual({
      amount: 79,
      tone: 'gain',
      pending: true,
    });
  });

  test('when pending points activate, then the amount is the points made available, in a neutral tone', () => {
    expect(movementOf({ kind: 'activate', pending: -79, active: 79 })).toEqual({
      amount: 79,
      tone: 'neutral',
      pending: false,
    });
  });

  test('when a return takes back pending points, then it is a pending loss', () => {
    expect(movementOf({ kind: 'reverse', pending: -25, active: 0 })).toEqual({
      amount: -25,
      tone: 'loss',
      pending: true,
    });
  });

  test('when points are spent at the till, then it is a loss of active points', () => {
    expect(movementOf({ kind: 'redeem', pending: 0, active: -200 })).toEqual({
      amount: -200,
      tone: 'loss',
      pending: false,
    });
  });

  test('when points expire or move to a merged profile, then the loss is shown quieter', () => {
    expect(movementOf({ kind: 'expire', pending: 0, active: -40 }).tone).toBe('muted');
    expect(movementOf({ kind: 'transfer_out', pending: -10, active: -40 }).tone).toBe('muted');
  });

  test('when an entry moves no points (a hold), then it has no amount and a neutral tone', () => {
    expect(movementOf({ kind: 'hold', pending: 0, active: 0 })).toEqual({
      amount: 0,
      tone: 'neutral',
      pending: false,
    });
  });

  test('when an adjustment adds active and pending points, then they count together and are not pending', () => {
    expect(movementOf({ kind: 'adjust', pending: 10, active: 5 })).toEqual({
      amount: 15,
      tone: 'gain',
      pending: false,
    });
  });
});

describe('historyKindOf', () => {
  test('when the ledger sends a kind the app knows, then it is kept', () => {
    expect(historyKindOf('earn')).toBe('earn');
    expect(historyKindOf('transfer_in')).toBe('transfer_in');
  });

  test('when it sends a kind added after this app was built, then it is shown as a plain entry', () => {
    expect(historyKindOf('gift')).toBe('other');
  });
});
