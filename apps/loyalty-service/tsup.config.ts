import { defineConfig } from 'tsup';

// One file per service for production images; workspace packages are bundled in (they ship
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
});
