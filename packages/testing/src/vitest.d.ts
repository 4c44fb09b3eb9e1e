import type { ViteUserConfig } from 'vitest/config';

/** Tests of plain code: no servers. */
export declare const unitConfig: ViteUserConfig;

/** Tests against the real database, Redis and mail sink started once per run; see testStack(). */
export declare const integrationConfig: ViteUserConfig;

/** A service's integration tests: integrationConfig with one module cache per worker (`isolate: false`). */
export declare const serviceConfig: ViteUserConfig;
