import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stack } from './stack.js';

/** What `.stack/stack.json` holds: everything a script or a developer needs to talk to the running stack. */
export function describeStack(stack: Stack, dataDir: string) {
  return {
    startedAt: new Date().toISOString(),
    launcherPid: process.pid,
    dataDir,
    database: {
      kind: stack.database.kind,
      uri: stack.database.url,
      pid: stack.database.pid,
      /** FerretDB's database on the PostgreSQL server (`ferretdb-postgresql`), dropped at stop unless --keep. */
      postgresql: stack.database.postgresqlDatabase ?? null,
    },
    redis: { kind: stack.redis.kind, url: stack.redis.url, pid: stack.redis.pid },
    mail: {
      smtpHost: stack.mail.smtpHost,
      smtpPort: stack.mail.smtpPort,
      smtpUrl: stack.mail.smtpUrl,
      viewerUrl: stack.mail.webUrl,
      apiUrl: `${stack.mail.webUrl}/api/mails`,
    },
    services: Object.fromEntries(
      stack.services.map(({ name, kind, url, trpcUrl, readyzUrl, pid }) => [
        name,
        { kind, url, trpcUrl, readyzUrl, pid },
      ]),
    ),
    credentials: { serviceToken: stack.serviceToken, metricsToken: stack.metricsToken },
    /** Staff tokens (admin, store manager, CRM analyst, support desk) of the issuer the services trust; null without services. */
    staff: stack.staff && {
      issuer: stack.staff.issuer,
      audience: stack.staff.audience,
      keyFile: stack.staff.keyFile,
      tokens: stack.staff.tokens,
    },
  };
}

export type StackDescription = ReturnType<typeof describeStack>;

export function stackFilePath(stateDir: string): string {
  return join(stateDir, 'stack.json');
}

export async function writeStackFile(stateDir: string, description: StackDescription): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  // Holds the service, metrics and staff tokens: readable by this user only.
  await writeFile(stackFilePath(stateDir), `${JSON.stringify(description, null, 2)}\n`, { mode: 0o600 });
}

/** A stopped stack must not leave a file that points at dead ports. */
export async function removeStackFile(stateDir: string): Promise<void> {
  await rm(stackFilePath(stateDir), { force: true });
}
