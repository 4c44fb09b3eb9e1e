import { identifierRefSchema } from '@scontrino/contracts';
import { router, serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { type CustomerDataExporter, exportCustomerData } from '../../use-cases/export-customer-data.js';
import { type ErasureOutcomeReader, readErasureOutcome } from '../../use-cases/read-erasure-outcome.js';

const tenantIdSchema = z.string().min(1).max(64);

/** A data subject as the reconciliation service names them to its peers: keyed hashes, no values. */
export const dataSubjectInput = z.object({
  tenantId: tenantIdSchema,
  profileId: z.string().min(1).max(100).nullable(),
  identifiers: z.array(identifierRefSchema).max(200),
});

/**
 * The reconciliation service's data-subject requests: `exportSubject` (the person's receipts,
 * claims, deliveries and consent, decrypted for their archive) and `erasureOutcome` (what a
 * `customer.erased` changed here).
 */
export function createPrivacyRouter(store: {
  subjectExport: CustomerDataExporter;
  erasureOutcomes: ErasureOutcomeReader;
}) {
  return router({
    exportSubject: serviceProcedure
      .input(dataSubjectInput)
      .query(({ input }) => exportCustomerData(store.subjectExport, input.tenantId, input.identifiers)),
    erasureOutcome: serviceProcedure
      .input(z.object({ tenantId: tenantIdSchema, erasureId: z.string().min(1).max(200) }))
      .query(({ input }) => readErasureOutcome(store.erasureOutcomes, input.tenantId, input.erasureId)),
  });
}
