import type { EntryExplanation, LineExplanation, NoPointsReason } from '../api/explanation-views.js';
import type { Messages } from '../i18n/messages.js';
import type { Formatter } from './formatter.js';

/**
 * A history entry's explanation in the app's language: `245 punti guadagnati con l’acquisto
 * MI-001-T03-000123: in attesa fino al 6 gen 2027, poi disponibili.` An entry the service wrote
 * before it kept explanations as data shows its English sentence; a kind newer than this app, nothing.
 */
export function explainEntry(because: EntryExplanation, t: Messages, format: Formatter): string {
  const say = t.history.explain;
  const points = (value: number) => ({ text: format.points(value), count: value });
  switch (because.kind) {
    case 'earned':
      return say.earned(points(because.points), because.transactionId, format.date(because.pendingUntil));
    case 'earned_nothing':
      return say.earnedNothing(because.transactionId);
    case 'activated':
      return because.repaid > 0
        ? say.activatedRepaid(points(because.points), format.date(because.earnedAt), points(because.repaid))
        : say.activated(points(because.points), format.date(because.earnedAt));
    case 'held':
      return say.held(points(because.points));
    case 'redeemed':
      return say.redeemed(points(because.points), because.posTransactionId);
    case 'released':
      return say.released(points(because.points));
    case 'reversed':
      return [
        say.reversed(points(because.points), because.transactionId, because.originalTransactionId),
        ...(because.recovered > 0 ? [say.recovered(points(because.recovered))] : []),
        ...(because.writtenOff > 0 ? [say.writtenOff(points(because.writtenOff))] : []),
      ].join(' ');
    case 'expired':
      return say.expired(points(because.points), format.date(because.earnedAt));
    case 'adjusted':
      return because.points >= 0
        ? say.added(points(because.points), because.reason)
        : say.removed(points(-because.points), because.reason);
    case 'moved_out':
      return (because.operation === 'merge' ? say.movedOutMerge : say.movedOutUnmerge)(
        points(because.points),
      );
    case 'moved_in':
      return (because.operation === 'merge' ? say.movedInMerge : say.movedInUnmerge)(points(because.points));
    case 'text':
      return because.text;
    default:
      return '';
  }
}

function noPoints(reason: NoPointsReason, t: Messages, format: Formatter): string {
  const say = t.history.lines.reasons;
  switch (reason.kind) {
    case 'excluded_sku':
      return say.excludedSku(reason.sku);
    case 'excluded_category':
      return say.excludedCategory(reason.category);
    case 'return':
      return say.return;
    case 'other_currency':
      return say.otherCurrency(reason.saleCurrency, reason.programCurrency);
    case 'below_minimum':
      return say.belowMinimum(
        format.money(reason.basket.minor, reason.basket.currency),
        format.money(reason.minimum.minor, reason.minimum.currency),
      );
    default:
      return '';
  }
}

/**
 * A sale line's explanation in the app's language, in the order its points were computed (as the
 * service's English one): `Riga 1: 156 punti = 78,38 € × 1 × campagna AUTUNNO ×2`, then its share of
 * bonuses (`= 156 + bonus WELCOME 20`) and a cap (`= 176, limitati a 120 dal tetto giornaliero`).
 */
export function explainLine(because: LineExplanation, t: Messages, format: Formatter): string {
  const say = t.history.lines;
  switch (because.kind) {
    case 'earned': {
      const chain = [
        `${format.money(because.paid.minor, because.paid.currency)} × ${format.decimal(because.rate)}`,
        ...because.factors.map((f) => `${say.factors[f.kind](f.code)} ×${format.decimal(f.factor)}`),
      ].join(' × ');
      let text = `${say.line(because.lineId)}: ${format.points(because.points)} = ${chain}`;
      const bonuses = because.bonuses.filter((bonus) => bonus.points > 0);
      if (bonuses.length > 0)
        text += ` = ${format.number(because.chainPoints)}${bonuses.map((b) => ` + ${say.bonus(b.code, format.number(b.points))}`).join('')}`;
      if (because.cap) {
        text += ` = ${format.number(bonuses.length > 0 ? because.cap.uncapped : because.chainPoints)}`;
        text += `, ${say.cap[because.cap.period](format.number(because.points))}`;
      }
      return text;
    }
    case 'no_points':
      return `${say.line(because.lineId)}: ${say.noPoints}, ${noPoints(because.reason, t, format)}`;
    case 'returned':
      return `${say.line(because.lineId)}: ${say.returned(
        { text: format.points(because.points), count: because.points },
        { text: format.number(because.quantity), count: because.quantity },
        because.originalLineId,
      )}`;
    case 'text':
      return because.text;
    default:
      return '';
  }
}
