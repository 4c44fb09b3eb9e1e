// The import-cycle check (`pnpm --filter @scontrino/shape cycles`, and src/cycles.test.ts in
// `npm test`). dependency-cruiser reads the import graph once for the whole repo in a few seconds;
// eslint-plugin-import-x's no-cycle would redo that walk per linted file on two cores.
// Paths are relative to the repo root, where both run it.
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other, directly or through others: type-only imports count too.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['/dist/', '/node_modules/'] },
    // `import type` counts: a loop of types is still two files that cannot be read one at a time.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.d.ts'],
    },
  },
};
