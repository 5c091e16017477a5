// A mistyped --db must not quietly make a new, empty database: reading commands refuse a missing
// file, writing ones create the file but not a missing folder; only the default ./data is created.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const listens = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      listened_at: 1_600_000_000 + i * 300,
      track_metadata: { artist_name: `Artist ${i}`, track_name: `Track ${i}` },
    }),
  ).join('\n') + '\n';

describe('--db naming a database that does not exist', () => {
  it.each(['stats summary', 'imports', 'rejected', 'users', 'users token me'])(
    '`%s` refuses it (exit 2), names the path and the default, and creates nothing',
    async (command) => {
      const db = join(dir.path, 'typo.duckdb');
      const result = await runCli([...command.split(' '), '--db', db]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`No database at ${db} (given with --db)`);
      expect(result.stderr).toContain('./data/listenhouse.duckdb');
      expect(existsSync(db)).toBe(false);
    },
  );

  it('says so as JSON with --json', async () => {
    const db = join(dir.path, 'typo-json.duckdb');
    const result = await runCli(['imports', '--json', '--db', db]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: { code: 'NOT_FOUND', message: expect.stringContaining(`No database at ${db}`) },
    });
  });

  it('names LISTENHOUSE_DB when the path came from there', async () => {
    const db = join(dir.path, 'from-env.duckdb');
    const result = await runCli(['stats', 'summary'], { LISTENHOUSE_DB: db });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`No database at ${db} (from LISTENHOUSE_DB)`);
  });

  it('import creates the file in an existing folder, but not a missing folder', async () => {
    const file = dir.file('few.jsonl', listens(3));
    const missing = join(dir.path, 'no', 'such', 'folder');
    const refused = await runCli(['import', '--db', join(missing, 'x.duckdb'), file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`The folder ${missing} for the database`);
    expect(refused.stderr).toContain(`mkdir -p ${missing}`);
    expect(existsSync(join(dir.path, 'no'))).toBe(false);

    const db = join(dir.path, 'new.duckdb');
    const created = await runCli(['import', '--db', db, '--json', file]);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout).totals.inserted).toBe(3);
    expect(existsSync(db)).toBe(true);
  });

  it('import --dry-run counts against no database without creating one', async () => {
    const file = dir.file('dry.jsonl', listens(4));
    const db = join(dir.path, 'dry.duckdb');
    const result = await runCli(['import', '--dry-run', '--db', db, file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`there is no database at ${db} yet`);
    expect(result.stdout).toContain('read 4, new 4');
    expect(existsSync(db)).toBe(false);
  });

  it('simulate and users add create a new database, as writing commands', async () => {
    const sim = await runCli([
      'simulate',
      '--db',
      join(dir.path, 'sim.duckdb'),
      '--days',
      '2',
      '--per-day',
      '5',
      '--json',
    ]);
    expect(sim.code).toBe(0);
    const add = await runCli(['users', 'add', 'alice', '--db', join(dir.path, 'users.duckdb'), '--json']);
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout).user).toBe('alice');
  });

  it('start with the default path creates ./data and the database on a fresh clone', async () => {
    const clone = join(dir.path, 'fresh-clone');
    mkdirSync(clone);
    // The default path is the one used when neither --db nor LISTENHOUSE_DB names another.
    delete process.env.LISTENHOUSE_DB;
    const stats = await runCli(['stats', 'summary'], {}, { cwd: clone });
    expect(stats.code).toBe(2);
    expect(stats.stderr).toContain('No database at ./data/listenhouse.duckdb (the default)');
    expect(stats.stderr).toContain('npm start');
    expect(existsSync(join(clone, 'data'))).toBe(false);
    const start = await runCli(['start', '--json'], {}, { cwd: clone });
    expect(start.code).toBe(0);
    expect(JSON.parse(start.stdout).demoCreated).toBeGreaterThan(0);
    expect(existsSync(join(clone, 'data', 'listenhouse.duckdb'))).toBe(true);
  }, 60_000);
});
