// Type-checked rules: floating promises are the bug class that matters most in an importer.
// The import rules below hold the layering of docs/architecture.md: dependencies point inward.
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** A folder of src/ may import only the folders named here (and itself); the rest is a zone. */
const MODULES = [
  'domain',
  'config',
  'sim',
  'sources',
  'store',
  'ingest',
  'stats',
  'export',
  'jobs',
  'server',
  'services',
  'cli',
];
const MAY_IMPORT = {
  domain: [],
  config: ['domain'],
  // The simulator is pure (domain only); sources/simulator reads what it generates.
  sim: ['domain'],
  sources: ['domain', 'sim'],
  store: ['domain'],
  ingest: ['domain', 'sources', 'store'],
  stats: ['domain', 'store'],
  export: ['domain', 'store'],
  // Background work (import jobs today; the scheduler and pipeline later) runs the write path.
  jobs: ['domain', 'config', 'sources', 'store', 'ingest'],
  server: ['domain', 'config', 'sim', 'sources', 'store', 'ingest', 'stats', 'export', 'jobs'],
  // The composition root builds everything; nothing inside imports it but the outermost callers.
  services: ['domain', 'config', 'sim', 'sources', 'store', 'ingest', 'stats', 'export', 'jobs', 'server'],
  cli: [
    'domain',
    'config',
    'sim',
    'sources',
    'store',
    'ingest',
    'stats',
    'export',
    'jobs',
    'server',
    'services',
  ],
};
/** What the CLI may take from the server: starting it (`serve`), finding a running one, a job's shape. */
const CLI_FROM_SERVER = ['./app.ts', './local-credential.ts'];

const layerZones = Object.entries(MAY_IMPORT).flatMap(([module, allowed]) =>
  MODULES.filter((other) => other !== module && !allowed.includes(other)).map((other) => ({
    target: `./src/${module}`,
    from: `./src/${other}`,
    message: `src/${module} may import only ${[module, ...allowed].map((m) => `src/${m}`).join(', ')} (docs/architecture.md: dependencies point inward).`,
  })),
);
const DUCKDB_ONLY_IN_STORE = [
  { name: '@duckdb/node-api', message: 'Only src/store imports DuckDB; take a Store (or its Database) instead.' },
];
const cliZone = {
  target: './src/cli',
  from: './src/server',
  except: CLI_FROM_SERVER,
  message: `src/cli may take from src/server only ${CLI_FROM_SERVER.join(', ')}: the CLI talks to a server over HTTP.`,
};

export default tseslint.config(
  // Plain-JS launchers and build scripts are kept tiny and are not type-checked.
  {
    ignores: [
      'dist/',
      'node_modules/',
      'data/',
      'bench/out/',
      'bin/',
      'scripts/',
      'scratch/',
      'eslint.config.js',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.check.json', tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // import-x reads the imported files too (for no-cycle): with the TypeScript parser, not espree.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.check.json' })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: [...layerZones, cliZone] },
      ],
      'no-restricted-imports': ['error', { paths: DUCKDB_ONLY_IN_STORE }],
    },
  },
  {
    // The outer layers see the store through its one face (src/store/index.ts: openStore, Store).
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts', 'src/jobs/**/*.ts', 'src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: DUCKDB_ONLY_IN_STORE,
          patterns: [
            {
              regex: '(^|/)store/(?!index\\.js$)',
              message:
                'Outside src/store, import the store only from store/index.js (openStore, Store and its repositories).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
