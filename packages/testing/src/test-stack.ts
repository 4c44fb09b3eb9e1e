import { inject } from 'vitest';

/** Where the servers of this test run listen; every test file of the run shares them. */
export interface TestStack {
  /** No database name: pick one with testDatabaseUri(). */
  mongoUri: string;
  redisUrl: string;
  smtp: { host: string; port: number };
  /** The mail sink's `/api/mails` endpoint. */
  mailApiUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: TestStack;
  }
}

/** The servers started by the integration config's global setup. */
export function testStack(): TestStack {
  const stack = inject('stack') as TestStack | undefined;
  if (!stack) {
    throw new Error(
      "testStack() needs the integration config: `export { integrationConfig as default } from '@scontrino/testing/vitest'`",
    );
  }
  return stack;
}
