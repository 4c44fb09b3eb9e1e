import { describe, expect, it as test } from 'vitest';
import { hrefOf, ROUTES, routeOf } from './routes.js';

describe('routes', () => {
  test('when the hash names a screen, then that screen is shown', () => {
    expect(routeOf('#/history')).toBe('history');
    expect(routeOf('#receipts')).toBe('receipts');
    expect(routeOf('#/card?from=till')).toBe('card');
  });

  test('when the hash is empty or unknown, then the home screen is shown', () => {
    expect(routeOf('')).toBe('home');
    expect(routeOf('#/')).toBe('home');
    expect(routeOf('#/settings')).toBe('home');
  });

  test('when a link to a screen is made, then following it leads back to the same screen', () => {
    for (const route of ROUTES) expect(routeOf(hrefOf(route))).toBe(route);
    expect(hrefOf('home')).toBe('#/');
  });
});
