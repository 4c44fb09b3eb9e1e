import { defineConfig, mergeConfig } from 'vitest/config';
import { unitConfig } from '@scontrino/testing/vitest';

// The first test of a file loads a service's env module through tsx: seconds on a loaded machine.
export default mergeConfig(unitConfig, defineConfig({ test: { testTimeout: 30_000 } }));
