import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: these checks read files all over infra/ and apps/. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const repoPath = (...parts: string[]): string => join(repoRoot, ...parts);

export const readRepoFile = (...parts: string[]): string => readFileSync(repoPath(...parts), 'utf8');

/**
 * The deployables: each gets an image, a compose service and a Kubernetes Deployment of this name.
 * `services.test.ts` fails when an app with a `start.ts` is missing here.
 */
export const SERVICES = ['receipt-service', 'loyalty-service', 'reconciliation-service'] as const;
export type ServiceName = (typeof SERVICES)[number];
