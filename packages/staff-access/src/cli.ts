/**
 * `pnpm --filter @scontrino/staff-access token -- [mint|jwks|keygen] --key FILE …`: staff tokens
 * from a local issuer's key (see `tokenUsage`).
 */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { invocationDirectory } from './env.js';
import { createLocalIssuer } from './local-issuer.js';
import { readIssuerKey, writeIssuerKey } from './issuer-key.js';
import { parseTokenArgs, tokenUsage, TokenUsageError } from './token-cli.js';

async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseTokenArgs(argv);
    if (command.kind !== 'help')
      command = { ...command, keyFile: resolve(invocationDirectory(), command.keyFile) };
  } catch (error) {
    if (!(error instanceof TokenUsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${tokenUsage}\n`);
    return 2;
  }
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${tokenUsage}\n`);
      return 0;
    case 'keygen': {
      const exists = await access(command.keyFile).then(
        () => true,
        () => false,
      );
      if (exists) {
        process.stderr.write(`${command.keyFile} exists: keygen never replaces a key\n`);
        return 2;
      }
      const issuer = await createLocalIssuer();
      await writeIssuerKey(command.keyFile, issuer.privateJwk);
      process.stdout.write(`${JSON.stringify(issuer.jwks)}\n`);
      return 0;
    }
    case 'jwks': {
      const issuer = await createLocalIssuer({ privateJwk: await readIssuerKey(command.keyFile) });
      process.stdout.write(`${JSON.stringify(issuer.jwks)}\n`);
      return 0;
    }
    case 'mint': {
      const issuer = await createLocalIssuer({
        issuer: command.issuer,
        audience: command.audience,
        privateJwk: await readIssuerKey(command.keyFile),
      });
      process.stdout.write(`${await issuer.sign(command.claims, { expiresIn: `${command.ttl}s` })}\n`);
      return 0;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
