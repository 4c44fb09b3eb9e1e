import { defineConfig, mergeConfig } from 'vitest/config';
import { integrationConfig } from '@scontrino/testing/vitest';

// The evaluation's synthetic data (bench/synthetic) has tests of its own.
export default mergeConfig(integrationConfig, defineConfig({ test: { include: ['bench/**/*.test.ts'] } }));
