import {
  createStaffTokenVerifier,
  type StaffAuthVariables,
  type StaffTokenVerifier,
  staffTokenConfigFromEnv,
} from '@scontrino/staff-access';
import type { Logger } from 'pino';

/** The staff token verifier a service's environment configures, or null (and a warning) without an issuer. */
export function staffTokensFromEnv(env: StaffAuthVariables, logger: Logger): StaffTokenVerifier | null {
  const config = staffTokenConfigFromEnv(env);
  if (config === null) {
    logger.warn('STAFF_TOKEN_ISSUER is not set: no staff token is accepted, staff procedures answer 401');
    return null;
  }
  logger.info({ issuer: config.issuer, audience: config.audience }, 'staff tokens accepted');
  return createStaffTokenVerifier(config);
}
