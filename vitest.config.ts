import { defineConfig } from 'vitest/config';

// `pnpm exec vitest` at the root runs every package's tests, each with its own config.
// CI goes through turbo instead (`npm test`), which also lints and type-checks.
export default defineConfig({
  test: { projects: ['packages/*', 'apps/*', 'infra/stack', 'infra/bench', 'infra/deploy', 'infra/shape'] },
});
