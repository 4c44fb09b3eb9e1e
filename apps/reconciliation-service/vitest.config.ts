import { defineConfig, mergeConfig } from 'vitest/config';
import { serviceConfig } from '@scontrino/testing/vitest';

// The evaluation's synthetic data (bench/synthetic) has tests of its own.
export default mergeConfig(serviceConfig, defineConfig({ test: { include: ['bench/**/*.test.ts'] } }));
