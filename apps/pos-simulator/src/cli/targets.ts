import type { CliOptions } from './options.js';
import { readStackFile, type StackFile } from './stack-file.js';

export interface Targets {
  receiptUrl: string;
  serviceToken: string;
  loyaltyUrl?: string;
  reconciliationUrl?: string;
}

/**
 * Where to send the traffic: the URLs given on the command line, or else the running stack's
 * services from its stack file. Given URLs replace the stack file's entirely (a service without a
 * URL is skipped); the service token comes from --service-token, else from the stack file.
 */
export async function resolveTargets(
  cli: CliOptions,
  read: (path: string) => Promise<StackFile> = readStackFile,
): Promise<Targets> {
  const explicit = cli.receiptUrl !== undefined;
  const stack = explicit && cli.serviceToken !== undefined ? null : await read(cli.stackPath);
  const receiptUrl = cli.receiptUrl ?? stack?.services.receipt?.url;
  if (receiptUrl === undefined)
    throw new Error(`${cli.stackPath} lists no receipt service: is the stack running with its services?`);
  const serviceToken = cli.serviceToken ?? stack?.credentials.serviceToken;
  if (serviceToken === undefined) throw new Error('give --service-token with --receipt-url');
  const loyaltyUrl = explicit ? cli.loyaltyUrl : (cli.loyaltyUrl ?? stack?.services.loyalty?.url);
  const reconciliationUrl = explicit
    ? cli.reconciliationUrl
    : (cli.reconciliationUrl ?? stack?.services.reconciliation?.url);
  return {
    receiptUrl,
    serviceToken,
    ...(loyaltyUrl !== undefined && !cli.skipLoyalty && { loyaltyUrl }),
    ...(reconciliationUrl !== undefined && !cli.skipReconciliation && { reconciliationUrl }),
  };
}
