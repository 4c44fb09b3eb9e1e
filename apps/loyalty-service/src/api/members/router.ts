import { router } from '@scontrino/trpc';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { addCardProcedure } from './add-card.js';
import { enrolProcedure } from './enrol.js';
import { getMemberProcedure } from './get.js';
import { lookupProcedure } from './lookup.js';
import { marketingConsentsProcedure } from './marketing-consents.js';
import { ofCustomerProcedure } from './of-customer.js';

export function createMembersRouter(deps: LoyaltyDeps) {
  return router({
    enrol: enrolProcedure(deps),
    addCard: addCardProcedure(deps),
    get: getMemberProcedure(deps),
    lookup: lookupProcedure(deps),
    ofCustomer: ofCustomerProcedure(deps),
    marketingConsents: marketingConsentsProcedure(deps),
  });
}
