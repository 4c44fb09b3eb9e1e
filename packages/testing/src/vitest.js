// Plain JavaScript on purpose: each package's vitest.config.ts imports this file through the
// package name, and Vite leaves such imports to Node, which cannot load TypeScript on Node 20.
import { URL, fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const include = ['src/**/*.test.ts'];
/** A directory per run for `tempDir()`, removed when the run ends. */
const tempRootSetup = fileURLToPath(new URL('./temp-root-setup.ts', import.meta.url));

/** Tests of plain code: no servers. */
export const unitConfig = defineConfig({ test: { include, globalSetup: [tempRootSetup] } });

/**
 * Tests against real servers: one database, Redis and mail sink started per run by the global
 * setup and reached through `testStack()`. Isolate tests with unique names, not by server.
 */
export const integrationConfig = defineConfig({
  test: {
    include,
    globalSetup: [tempRootSetup, fileURLToPath(new URL('./global-setup.ts', import.meta.url))],
    testTimeout: 30_000,
    // The first run on a machine may build the FerretDB binary.
    hookTimeout: 120_000,
    // Stopping drops the run's PostgreSQL database, which takes a while on a loaded machine.
    teardownTimeout: 150_000,
    pool: 'forks',
  },
});

/**
 * A service's integration tests: as {@link integrationConfig}, with the test files of a worker
 * sharing its module cache (`isolate: false`). Every file of a service imports the whole service
 * (express, tRPC, mongoose, bull, the domain); loading it again per file cost a suite about 100 s of
 * CPU (reconciliation: 175 s of user CPU isolated, 76 s shared, same 287 tests). Safe as long as the
 * suites mock no module (none does: they run against real servers) and keep no state between files
 * but memo caches; files still run one after another in a worker, each with its own servers' names.
 */
export const serviceConfig = defineConfig({
  test: { ...integrationConfig.test, isolate: false },
});
