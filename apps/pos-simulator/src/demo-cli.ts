#!/usr/bin/env tsx
/**
 * `pnpm --filter @scontrino/pos-simulator demo [--stack FILE] [--staff-token JWT] [--members N] [--arrivals N] [--rate N]`
 * (`--members`: per brand, 300 by default, so 600 in all):
 * seeds the running stack with demo data (the stack's launcher runs it on `npm start`) and prints
 * where to look. The back office's part (stores, till keys, programs) needs an admin's staff token:
 * --staff-token, else SCONTRINO_STAFF_TOKEN, else the stack file's.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createProgress } from './cli/progress.js';
import { readStackFile } from './cli/stack-file.js';
import { staffTokenFromEnv } from './env.js';
import { seedDemo } from './demo/seed-demo.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      stack: { type: 'string', default: `${repoRoot}.stack/stack.json` },
      'staff-token': { type: 'string' },
      members: { type: 'string', default: '300' },
      arrivals: { type: 'string', default: '250' },
      rate: { type: 'string', default: '4' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const stack = await readStackFile(values.stack);
  const { receipt, loyalty, reconciliation } = stack.services;
  if (!receipt || !loyalty || !reconciliation)
    throw new Error(`${values.stack} does not list all three services: start the whole stack`);
  const staffToken = values['staff-token'] ?? staffTokenFromEnv() ?? stack.staff?.tokens.admin.token;
  if (staffToken === undefined)
    throw new Error(
      `${values.stack} holds no staff token: restart the stack, or give --staff-token (an admin's, e.g. from \`pnpm --filter @scontrino/staff-access token\`)`,
    );
  const arrivals = positive('arrivals', values.arrivals);
  const progress = values.quiet ? null : createProgress(arrivals);
  const log = (line: string) => process.stderr.write(`demo: ${line}\n`);

  log('seeding demo data (about a minute)…');
  let demo;
  try {
    demo = await seedDemo(
      {
        receiptUrl: receipt.url,
        loyaltyUrl: loyalty.url,
        reconciliationUrl: reconciliation.url,
        serviceToken: stack.credentials.serviceToken,
        staffToken,
      },
      {
        membersPerBrand: positive('members', values.members),
        arrivals,
        rate: positive('rate', values.rate),
        log: (line) => {
          progress?.stop();
          log(line);
          if (line.endsWith('enrolled')) progress?.start();
        },
        ...(progress && { onArrivalEnd: progress.onArrivalEnd }),
      },
    );
  } finally {
    progress?.stop();
  }

  const rows: [string, string][] = [
    ['Hosted receipt', demo.receiptUrl],
    ['Paper slip QR (claim)', demo.claimUrl],
    // Each service's REST routes, browsable and tried out from this very address.
    ['API docs (receipts)', new URL('docs/', `${receipt.url}/`).href],
    ['API docs (loyalty)', new URL('docs/', `${loyalty.url}/`).href],
    ['API docs (reconciliation)', new URL('docs/', `${reconciliation.url}/`).href],
  ];
  const app = stack.services['loyalty app'];
  if (app) rows.push(['Loyalty app', app.url]);
  rows.push([
    'Demo member',
    `${demo.member.name}, ${demo.member.email} (${demo.member.tenantId}, card ${demo.member.cardNumber})`,
  ]);
  rows.push([
    '  sign in',
    `ask for a code in the app; it arrives in ${stack.mail?.viewerUrl ?? 'the mail sink'}`,
  ]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  const summary = `${demo.enrolled} members, ${demo.history.arrivals.started} sales, returns, web orders and claims`;
  process.stdout.write(['', `Demo data is in: ${summary}.`, '', ...lines, ''].join('\n'));
  return demo.history.unexpectedFailures === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
