import type { ServiceName } from './results.js';

/**
 * Why a sale makes each service send a database command (`<command> <collection>`, as the
 * services count them), for the per-command table of docs/performance.md. A command missing
 * here is still counted and shown, with no reason: add it when the code starts sending it.
 */
export const COMMAND_REASONS: Record<ServiceName, Readonly<Record<string, string>>> = {
  receipt: {
    'insert transactions':
      "the till's request: the sale with its outbox event and idempotency key (group-committed: one insert for the requests of a few ms)",
    'find terminal_keys': "the till's key, on a cache miss (cached in process, revocations by Redis pub/sub)",
    'find stores': "the store's profile, on a cache miss",
    'update transactions': 'the outbox dispatcher takes the sent event off its sale (one update for a batch)',
    'find transactions':
      "the event's consumer reads the sale once (its day's figures, the till's address, what the receipt shows, carried in the e-mail's job); a withdrawn claim code's sale",
    'update sales_rollups':
      "the store's day figures (back office KPIs) for the sale and for its e-mail's outcome, guarded so a replay adds nothing (one update for what one store's day is given within 5 ms)",
    'update sales_rollup_marks':
      "the brand's day marked changed for its summary (dated 5 s ahead: the store writes until then mark nothing)",
    'update contact_quality_rollups':
      "the till's data quality of the store's day and cashier (one update for a batch's sales of one store and day)",
    'insert receipt_deliveries': 'the e-mail delivery queued (one insert for a batch of events)',
    'insert receipt_loyalty':
      "loyalty's `sale.credited`: the receipt's loyalty block (one insert for a batch)",
    'find receipt_loyalty':
      "an e-mail whose block did not come within the wait reads it once (loyalty's answer otherwise wakes the e-mail with the block in its job)",
    'find receipt_deliveries':
      'the e-mail job reads its delivery: the address, and whether it is still queued (no second send)',
    'find email_preferences': "the address's opt-out, checked when sending",
    'find return_links':
      'returns of the sale, listed on its receipt: only for a sale a return reserved some of',
    'update receipt_deliveries':
      "the delivery's outcome (sent, failed, suppressed; the e-mails sent within 5 ms in one bulkWrite of up to 4)",
    'find receipt_claims': 'a paper receipt: whether its claim code was used',
  },
  loyalty: {
    'find member_keys': "the card's member, on a cache miss",
    'find members': "the member whose card it is (the tier, the program's context)",
    'insert sales': 'the sale kept with its outcome (archive copy, and the replay guard)',
    'find ledger_heads': "the member's folded ledger (balance, tier, last sequence number)",
    'insert ledger_entries': 'the earn entry, unique by business key (a replay is a duplicate key)',
    'update ledger_entries': "the entry's event off it once the dispatcher has sent `sale.credited`",
    'insert ledger_heads': "a member's first entry",
    'update ledger_heads': 'the folded ledger moves on, guarded by the last sequence number',
    'find ledger_entries': 'a replay: the entry the taken business key belongs to',
    'find program_versions': "the program's rules in force, on a cache miss",
    'update members': "the member's last activity, tier or profile link",
    'find sales': 'a replay: the outcome recorded the first time',
  },
  reconciliation: {
    'find processed_events':
      "the inbox: was this event linked already (claims and web orders; a sale's observation id tells its replays itself)",
    'insert processed_events': 'the inbox: the event marked linked (one insert for a batch)',
    'find identifiers': "each of the sale's identifiers (card, e-mail) by `_id`",
    'find identifier_tombstones': 'a new identifier: was it erased (an erased person is not linked again)',
    'insert observations': 'the sale as an observation (one insert for a batch)',
    'insert linked_observations': "the observation in its profile's page of links (one insert for a batch)",
    'insert identifiers': 'a new identifier',
    'insert profiles': 'a new person',
    'update identifiers': 'an identifier seen with another one: its profile',
    'update profiles': 'a profile that gains an identifier',
    'find profiles': 'the profile an identifier points to, when another joins it',
    'find tenant_settings': "the tenant's linking settings, on a cache miss",
  },
};
