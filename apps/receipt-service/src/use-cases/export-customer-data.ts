import type { IdentifierRef } from '@scontrino/contracts';
import type { CustomerDataExport, ReceiptSubjectExport } from '../store/customer-data-export.js';

export type CustomerDataExporter = Pick<CustomerDataExport, 'export'>;

/**
 * Everything held here about a person (receipts, claims, deliveries, consent), decrypted for their
 * data-subject archive, as the reconciliation service asks for it with the person's hashes.
 */
export function exportCustomerData(
  subjectExport: CustomerDataExporter,
  tenantId: string,
  identifiers: readonly IdentifierRef[],
): Promise<ReceiptSubjectExport> {
  return subjectExport.export(tenantId, identifiers);
}
