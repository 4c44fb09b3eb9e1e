// One lint setup for the whole repo: type-aware typescript-eslint rules, and the layer rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * Layer rules. typescript-eslint's `no-restricted-imports` (ESLint's rule with `allowTypeImports`)
 * on the import as written, per folder glob: no plugin to keep up to date and no resolver, so
 * linting stays as fast as it is on two cores. eslint-plugin-boundaries or import-x would resolve
 * every import to a file (more exact for odd relative paths, but a resolver per lint run); the
 * rooms here are folders with distinct names, so a pattern on the path says the same. The import
 * graph as a whole (cycles) is dependency-cruiser's job: infra/shape, run by `npm test`.
 *
 * Rooms of a service (docs/architecture.md): domain/ (pure), use-cases/, store/, api/, jobs/.
 */
const bodyParsers = [
  { name: 'body-parser', message: 'Use jsonBody or formBody from @scontrino/service.' },
  {
    name: 'express',
    importNames: ['json', 'urlencoded', 'text', 'raw'],
    message: 'Use jsonBody or formBody from @scontrino/service.',
  },
];

/** The rule's options: the body-parser ban everywhere, plus the patterns of the file's layers. */
function restrictImports(...patterns) {
  return ['error', { paths: bodyParsers, patterns: patterns.flat() }];
}

/** A relative import through one of the rooms named (`../store/members.js`, `../../api/x.js`). */
const through = (rooms, except = []) =>
  `^\\.\\.?/(?:.*/)?(?:${rooms.join('|')})/${except.length ? `(?!(?:${except.join('|')})\\.js$)` : ''}`;

const useCaseRooms = ['use-cases'];
const apps = [
  'receipt-service',
  'loyalty-service',
  'reconciliation-service',
  'pos-simulator',
  'loyalty-app',
  'back-office',
];
const anApp = `(?:${apps.join('|')})`;

/** Apps share code through packages: another app is reached over the network, never imported. */
const otherApps = [
  {
    // `@scontrino/x-service/router` is a types-only entry: a client names the router's type.
    regex: `^@scontrino/${anApp}/router$`,
    allowTypeImports: true,
    message: "Only the type of another service's router may be imported (`import type`).",
  },
  {
    regex: `^@scontrino/${anApp}(?!/router$)(/.*)?$`,
    message: "Apps import no other app's code: move what they share into a package (packages/*).",
  },
  {
    regex: `^(\\.\\./)+(apps/)?${anApp}/`,
    message: "Apps import no other app's code: move what they share into a package (packages/*).",
  },
];

const transport = {
  regex: '^(@scontrino/trpc|@trpc/server|express)(/.*)?$',
  message: 'Only api/ knows the transport: throw AppError from @scontrino/errors, which api/ maps.',
};

const domainRules = [
  {
    regex: through(['store', 'api', 'jobs', ...useCaseRooms]),
    message: 'domain/ is pure rules on plain data: it imports no store, api, jobs or use case.',
  },
  {
    regex:
      '^(mongoose|express|bull|ioredis|nodemailer|pino(-http)?|@trpc/(server|client)|(node:)?(fs|net|http|https|http2|tls|dgram|dns|child_process|worker_threads)|@scontrino/(db|queue|service|trpc|testing|audit))(/.*)?$',
    message: 'domain/ uses no I/O library: the use case reads and writes, the domain decides.',
  },
];

const storeRules = (except = []) => [
  {
    regex: through(['api', ...useCaseRooms], except),
    message: 'store/ persists and returns plain objects: it imports no api or use case.',
  },
  transport,
];

const useCaseRules = [
  { regex: through(['api']), message: 'A use case knows no transport: api/ calls it, never the other way.' },
  transport,
];

/** api/ may name the store's types (the deps it hands to use cases), never call it. */
const apiRules = (except = []) => [
  {
    regex: through(['store'], except),
    allowTypeImports: true,
    message: 'api/ is thin: it calls a use case, which reads the store (types may be imported).',
  },
];

const service = (room) => `apps/*-service/src/${room}/**/*.{ts,tsx}`;

const layerRules = [
  {
    files: ['apps/*/src/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports(otherApps) },
  },
  {
    files: [service('domain')],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports(otherApps, domainRules) },
  },
  {
    files: [service('store')],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports(otherApps, storeRules()) },
  },
  {
    files: [service('use-cases')],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports(otherApps, useCaseRules) },
  },
  {
    files: [service('api')],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports(otherApps, apiRules()) },
  },
  {
    // Test helpers start the other services through their `/testing` entries, as tests do.
    files: ['apps/*/src/test-support/**/*.ts', 'apps/*/src/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports() },
  },
  {
    // Packages are shared by the apps: they import none.
    files: ['packages/*/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports({
        regex: `^(@scontrino/${anApp}(/.*)?|(\\.\\./)+(apps/)?${anApp}/.*)$`,
        message: 'Packages import no app: the apps import the packages.',
      }),
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.turbo/**',
      '**/coverage/**',
      '**/test-output/**',
      '.stack/**',
      // Wrong on purpose: infra/shape's tests lint them and expect the layer rules to refuse them.
      'infra/shape/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', '*.mjs', 'infra/*.mjs', '.ci/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through the service env.ts (zod-validated).',
        },
      ],
    },
  },
  {
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='express'][property.name=/^(json|urlencoded|text|raw)$/]",
          message:
            'Parse request bodies with jsonBody or formBody from @scontrino/service: they refuse text no store can hold.',
        },
      ],
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': restrictImports(),
    },
  },
  ...layerRules,
  {
    // The one place body parsers are built, and tests that build apps of their own (and start
    // other services through their `/testing` entries): no body-parser or layer rule.
    files: ['packages/service/src/request-text.ts', '**/*.test.ts'],
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    // Where configuration is read and validated, the launcher that writes it, tests and benchmarks.
    files: [
      '**/env.ts',
      'packages/config/src/**',
      'infra/**',
      '**/*.config.ts',
      'packages/testing/src/**',
      '**/*.test.ts',
      '**/bench/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
