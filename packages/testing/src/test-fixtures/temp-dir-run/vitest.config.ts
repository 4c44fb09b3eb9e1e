import { defineConfig, mergeConfig } from 'vitest/config';
import { unitConfig } from '../../vitest.js';

// A run of its own for temp-dir.test.ts: the shared unit config, with this directory's one test.
export default mergeConfig(unitConfig, defineConfig({ test: { include: ['*.fixture.ts'] } }));
