// The layering lint (eslint.config.js) catches an import that points outward: a module of an inner
// layer importing an outer one fails `npm run lint`, so the rule is proved on code written here.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
let eslint: ESLint;

/**
 * The messages of the rules that fire on `code` linted in place of the file `path` (from the root).
 * The file must exist: type-checked linting takes only files the tsconfig includes. Nothing is written.
 */
async function lintAs(path: string, code: string): Promise<{ ruleId: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  return (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message }));
}

beforeAll(() => {
  // With CI set, typescript-eslint infers a "single run" and parses each file's text on disk, not
  // the text given here: that inference is turned off so the probe code is what gets linted.
  eslint = new ESLint({
    cwd: root,
    overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
  });
});

describe('the layering lint', () => {
  it('reports domain importing the store', async () => {
    const messages = await lintAs(
      'src/domain/errors.ts',
      "import type { Database } from '../store/database.js';\nexport type Probe = Database;\n",
    );
    expect(messages).toContainEqual({
      ruleId: 'import-x/no-restricted-paths',
      message: expect.stringContaining('src/domain may import only src/domain'),
    });
  }, 60_000);

  it('reports the store importing the server', async () => {
    const messages = await lintAs(
      'src/store/server-totals.ts',
      "import { buildApp } from '../server/app.js';\nexport const probe = buildApp;\n",
    );
    expect(messages).toContainEqual({
      ruleId: 'import-x/no-restricted-paths',
      message: expect.stringContaining('src/store may import only src/store, src/domain'),
    });
  }, 60_000);

  it('reports DuckDB imported outside the store', async () => {
    const messages = await lintAs(
      'src/stats/queries.ts',
      "import { DuckDBInstance } from '@duckdb/node-api';\nexport const probe = DuckDBInstance;\n",
    );
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  }, 60_000);

  it('reports the server reaching past the face of the store (store/index.ts)', async () => {
    const messages = await lintAs(
      'src/server/api/system.ts',
      "import { findUserByName } from '../../store/user-repository.js';\nexport const probe = findUserByName;\n",
    );
    expect(messages).toContainEqual({
      ruleId: 'no-restricted-imports',
      message: expect.stringContaining('import the store only from store/index.js'),
    });
  }, 60_000);

  it('lets the store import the domain', async () => {
    // Only the boundary rules are asked: type-aware rules see the file's stored text, not this one.
    const messages = await lintAs(
      'src/store/server-totals.ts',
      "import { AppError } from '../domain/errors.js';\nexport const probe = AppError;\n",
    );
    const boundaries = ['import-x/no-restricted-paths', 'no-restricted-imports', 'import-x/no-cycle'];
    expect(messages.filter((m) => m.ruleId !== null && boundaries.includes(m.ruleId))).toEqual([]);
  }, 60_000);
});
