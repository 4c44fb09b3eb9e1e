import { Counter, type Registry } from '@scontrino/service';
import type { LedgerEntry } from './domain/ledger/entry.js';
import type { LedgerStore } from './store/ledger.js';

/**
 * `loyalty_ledger_entries_total{kind}` and `loyalty_points_total{direction, kind}`: every entry
 * written and the points it moved in or out of members' balances (pending plus active; an
 * activation moves points between the two and counts nothing). Replays are not counted.
 */
export function registerLedgerMetrics(registry: Registry, ledger: Pick<LedgerStore, 'onWritten'>): void {
  const entries = new Counter({
    name: 'loyalty_ledger_entries_total',
    help: 'Ledger entries written, by kind (earn, redeem, reverse, expire, adjust…)',
    labelNames: ['kind'],
    registers: [registry],
  });
  const points = new Counter({
    name: 'loyalty_points_total',
    help: 'Points credited to or debited from member balances, by ledger entry kind',
    labelNames: ['direction', 'kind'],
    registers: [registry],
  });
  ledger.onWritten((entry: LedgerEntry) => {
    entries.inc({ kind: entry.kind });
    const moved = entry.pending + entry.active;
    if (moved > 0) points.inc({ direction: 'credited', kind: entry.kind }, moved);
    if (moved < 0) points.inc({ direction: 'debited', kind: entry.kind }, -moved);
  });
}
