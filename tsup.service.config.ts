import { defineConfig } from 'tsup';

// Shared by every service (apps/*/tsup.config.ts). One file per service for production images; workspace packages are bundled in (they ship
// TypeScript source), npm dependencies stay external and come from node_modules.
export default defineConfig({
  entry: ['src/start.ts'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  sourcemap: true,
  clean: true,
  noExternal: [/^@scontrino\//],
  // Dependencies of the workspace packages get bundled too; the CommonJS ones among them call require().
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
