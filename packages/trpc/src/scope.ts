import { hasPermission, scopeDecision, type ScopeTarget } from '@scontrino/staff-access';
import { AppError } from '@scontrino/errors';
import type { Caller } from './service-caller.js';

/**
 * Refuses (403 `auth.out_of_scope`) a member of staff acting outside their tenants or stores,
 * e.g. Milan's store manager asking for a Rome receipt. Services are trusted with every tenant.
 * Call it once the procedure knows which tenant and store the action touches; the audit entry
 * then names them too.
 */
export function requireScope(ctx: { caller: Caller; touched?: ScopeTarget[] }, target: ScopeTarget): void {
  ctx.touched?.push(target);
  if (ctx.caller.kind !== 'staff') return;
  const decision = scopeDecision(ctx.caller.staff, target);
  if (!decision.ok)
    throw new AppError('auth.out_of_scope', `This staff token is ${decision.reason}`, { kind: 'forbidden' });
}

/** Who to name as the author of a change: the member of staff's subject, else what the caller said. */
export function actorOf(caller: Caller, stated: string): string {
  return caller.kind === 'staff' ? caller.staff.subject : stated;
}

/**
 * Whether a caller may see customers' contact data in clear: another service (trusted with the
 * data it is sent), or staff holding `identity.reveal`. Everyone else gets masked values.
 */
export function mayReveal(caller: Caller): boolean {
  return (
    caller.kind === 'service' || (caller.kind === 'staff' && hasPermission(caller.staff, 'identity.reveal'))
  );
}
