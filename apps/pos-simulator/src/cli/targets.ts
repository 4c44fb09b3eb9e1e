import { staffTokenFromEnv } from '../env.js';
import type { CliOptions } from './options.js';
import { readStackFile, type StackFile } from './stack-file.js';

export interface Targets {
  receiptUrl: string;
  serviceToken: string;
  staffToken: string;
  loyaltyUrl?: string;
  reconciliationUrl?: string;
}

/**
 * Where to send the traffic: the URLs given on the command line, or else the running stack's
 * services from its stack file. Given URLs replace the stack file's entirely (a service without a
 * URL is skipped); the service token comes from --service-token, else from the stack file; the
 * staff token from --staff-token, else SCONTRINO_STAFF_TOKEN, else the stack file's admin token.
 */
export async function resolveTargets(
  cli: CliOptions,
  read: (path: string) => Promise<StackFile> = readStackFile,
  environmentStaffToken: string | undefined = staffTokenFromEnv(),
): Promise<Targets> {
  const explicit = cli.receiptUrl !== undefined;
  const givenStaffToken = cli.staffToken ?? environmentStaffToken;
  const complete = explicit && cli.serviceToken !== undefined && givenStaffToken !== undefined;
  const stack = complete ? null : await read(cli.stackPath);
  const receiptUrl = cli.receiptUrl ?? stack?.services.receipt?.url;
  if (receiptUrl === undefined)
    throw new Error(`${cli.stackPath} lists no receipt service: is the stack running with its services?`);
  const serviceToken = cli.serviceToken ?? stack?.credentials.serviceToken;
  if (serviceToken === undefined) throw new Error('give --service-token with --receipt-url');
  const staffToken = givenStaffToken ?? stack?.staff?.tokens.admin.token;
  if (staffToken === undefined)
    throw new Error(
      `${cli.stackPath} holds no staff token (a stack from before staff access?): setting up stores and till keys needs an admin's staff token; restart the stack or give --staff-token (or SCONTRINO_STAFF_TOKEN)`,
    );
  const loyaltyUrl = explicit ? cli.loyaltyUrl : (cli.loyaltyUrl ?? stack?.services.loyalty?.url);
  const reconciliationUrl = explicit
    ? cli.reconciliationUrl
    : (cli.reconciliationUrl ?? stack?.services.reconciliation?.url);
  return {
    receiptUrl,
    serviceToken,
    staffToken,
    ...(loyaltyUrl !== undefined && !cli.skipLoyalty && { loyaltyUrl }),
    ...(reconciliationUrl !== undefined && !cli.skipReconciliation && { reconciliationUrl }),
  };
}
