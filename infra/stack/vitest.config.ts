import { defineConfig } from 'vitest/config';

// Not the shared @scontrino/testing config: that package depends on this one.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 180_000 },
});
