import { defineConfig } from 'vitest/config';

// The chaos test starts its own stack (services as processes, a fault proxy): no shared test servers.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
