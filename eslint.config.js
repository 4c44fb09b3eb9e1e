// One lint setup for the whole repo: type-aware typescript-eslint rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.turbo/**',
      '**/coverage/**',
      '**/test-output/**',
      '.stack/**',
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
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'body-parser', message: 'Use jsonBody or formBody from @scontrino/service.' },
            {
              name: 'express',
              importNames: ['json', 'urlencoded', 'text', 'raw'],
              message: 'Use jsonBody or formBody from @scontrino/service.',
            },
          ],
        },
      ],
    },
  },
  {
    // The one place body parsers are built, and tests that build apps of their own.
    files: ['packages/service/src/request-text.ts', '**/*.test.ts'],
    rules: { 'no-restricted-syntax': 'off', 'no-restricted-imports': 'off' },
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
