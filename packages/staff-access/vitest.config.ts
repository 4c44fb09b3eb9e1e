import { defineConfig } from 'vitest/config';

// Not `@scontrino/testing/vitest`: the testing package depends on this one for its staff tokens.
export default defineConfig({ test: { include: ['src/**/*.test.ts'] } });
