import { pts } from './points-text.js';

/**
 * What a ledger entry did and why, as data: each reader words it in its own language (the app in
 * the member's, {@link describeEntry} in English for staff and the ledger's own record). Plain
 * JSON (instants as ISO strings), so it is stored and sent as it is. Points are positive counts;
 * `adjusted` alone carries a sign.
 */
export type EntryExplanation =
  | {
      kind: 'earned';
      points: number;
      transactionId: string;
      storeId: string;
      /** When the points become spendable: the end of the sale's return window. */
      pendingUntil: string;
    }
  | { kind: 'earned_nothing'; transactionId: string; storeId: string }
  | {
      kind: 'activated';
      points: number;
      /** When the activated points were earned (the sale's time). */
      earnedAt: string;
      /** Of them, points that repaid a debt left by a return. */
      repaid: number;
    }
  | { kind: 'held'; points: number }
  | { kind: 'redeemed'; points: number; posTransactionId: string }
  | { kind: 'released'; points: number }
  | {
      kind: 'reversed';
      points: number;
      transactionId: string;
      originalTransactionId: string;
      /** Points already spent, owed and recovered from later earnings. */
      recovered: number;
      /** Points already spent and let go. */
      writtenOff: number;
    }
  | { kind: 'expired'; points: number; earnedAt: string }
  | { kind: 'adjusted'; points: number; actor: string; reason: string }
  | {
      kind: 'moved_out';
      points: number;
      toMemberId: string;
      /** A merge of customer profiles moved them, or the split of one; `rule` names why. */
      operation: 'merge' | 'unmerge';
      rule: string;
    }
  | { kind: 'moved_in'; points: number; fromMemberId: string; operation: 'merge' | 'unmerge'; rule: string };

const day = (iso: string): string => iso.slice(0, 10);
const why = (operation: 'merge' | 'unmerge', rule: string) =>
  `profiles ${operation === 'merge' ? 'merged' : 'split'} (${rule})`;

/** The entry's explanation in English: `245 pts earned on sale MI-001-T03-000123, pending until 2026-12-06`. */
export function describeEntry(because: EntryExplanation): string {
  switch (because.kind) {
    case 'earned':
      return `${pts(because.points)} earned on sale ${because.transactionId}, pending until ${day(because.pendingUntil)}`;
    case 'earned_nothing':
      return `no points on sale ${because.transactionId}`;
    case 'activated':
      return because.repaid > 0
        ? `${pts(because.points)} earned on ${day(because.earnedAt)} are now spendable (${pts(because.repaid)} repaid returned points already spent)`
        : `${pts(because.points)} earned on ${day(because.earnedAt)} are now spendable`;
    case 'held':
      return `${pts(because.points)} reserved at the till`;
    case 'redeemed':
      return `${pts(because.points)} spent at the till (transaction ${because.posTransactionId})`;
    case 'released':
      return `${pts(because.points)} reserved at the till released`;
    case 'reversed':
      return (
        `${pts(because.points)} taken back for items returned (transaction ${because.transactionId}, ` +
        `bought in ${because.originalTransactionId})` +
        (because.recovered > 0
          ? `; ${pts(because.recovered)} already spent will be recovered from future points`
          : '') +
        (because.writtenOff > 0 ? `; ${pts(because.writtenOff)} already spent were written off` : '')
      );
    case 'expired':
      return `${pts(because.points)} earned on ${day(because.earnedAt)} expired`;
    case 'adjusted':
      return because.points >= 0
        ? `${pts(because.points)} added by ${because.actor}: ${because.reason}`
        : `${pts(-because.points)} removed by ${because.actor}: ${because.reason}`;
    case 'moved_out':
      return `${pts(because.points)} moved to member ${because.toMemberId} (${why(because.operation, because.rule)})`;
    case 'moved_in':
      return `${pts(because.points)} moved in from member ${because.fromMemberId} (${why(because.operation, because.rule)})`;
  }
}

/** An entry's `because` and its English `explanation`, from one source. */
export function explained(because: EntryExplanation): { because: EntryExplanation; explanation: string } {
  return { because, explanation: describeEntry(because) };
}
