import { defineConfig, mergeConfig } from 'vitest/config';
import { unitConfig } from '@scontrino/testing/vitest';

// Each check walks the whole repo (the import graph, or ESLint with types): seconds on a loaded machine.
export default mergeConfig(unitConfig, defineConfig({ test: { testTimeout: 120_000 } }));
