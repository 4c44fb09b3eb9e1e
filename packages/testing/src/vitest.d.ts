import type { ViteUserConfig } from 'vitest/config';

/** Tests of plain code: no servers. */
export declare const unitConfig: ViteUserConfig;

/** Tests against the real database, Redis and mail sink started once per run; see testStack(). */
export declare const integrationConfig: ViteUserConfig;
