import type { OutboxModel } from '@scontrino/queue';
import type { Connection } from 'mongoose';
import { ledgerEntryModel } from './ledger-model.js';
import { memberEnrolmentModel } from './member-enrolments.js';
import { saleModel } from './sales.js';

/**
 * The collections whose documents carry events (`sale.credited`, `member.enrolled`), for the
 * outbox dispatcher.
 */
export function loyaltyOutboxModels(connection: Connection): readonly OutboxModel[] {
  return [ledgerEntryModel(connection), saleModel(connection), memberEnrolmentModel(connection)];
}
