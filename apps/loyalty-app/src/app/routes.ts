/** The member's screens, one per tab. Hash routes: any static server can host the app. */
export const ROUTES = ['home', 'history', 'receipts', 'card'] as const;
export type Route = (typeof ROUTES)[number];

export function routeOf(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'home';
}

export function hrefOf(route: Route): string {
  return route === 'home' ? '#/' : `#/${route}`;
}
