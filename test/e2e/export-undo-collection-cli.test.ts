// `listenhouse export listens`, `imports delete` and `collection` as a user runs them: on the
// database directly, and through a running server that holds it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
let server: SpawnedServer | undefined;
afterAll(async () => {
  await stopServer(server);
  dir.cleanup();
});

const json = <T>(text: string) => JSON.parse(text) as T;

const discogs = dir.file(
  'collection.csv',
  ',Catalognum,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,DateAdded\n' +
    '0,NODATA 01,Radiohead,OK Computer,Parlophone,"2xLP, Album, RE",5.0,1997,1001,Uncategorized,2021-11-18 17:52:30\n' +
    '1,SD 7200,"Crosby, Stills, Nash & Young",Déjà Vu,Atlantic,"LP, Album",3.0,1970,1002,Uncategorized,2021-10-23 17:30:19\n',
);

describe('listenhouse export listens', () => {
  it('writes a simulated history that imports into a new database as the same listens', async () => {
    const db = join(dir.path, 'a.duckdb');
    const sim = await runCli([
      'simulate',
      '--db',
      db,
      '--days',
      '10',
      '--seed',
      '3',
      '--end',
      '2026-05-01',
      '--json',
    ]);
    expect(sim.code).toBe(0);
    const out = join(dir.path, 'me.jsonl');
    const exported = await runCli(['export', 'listens', '--db', db, '--out', out, '--json']);
    expect(exported.code).toBe(0);
    const summary = json<{ listens: number; file: string; format: string }>(exported.stdout);
    expect(summary).toMatchObject({ file: out, format: 'jsonl' });
    expect(summary.listens).toBeGreaterThan(100);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(summary.listens);

    const fresh = join(dir.path, 'b.duckdb');
    const imported = await runCli(['import', '--db', fresh, '--json', out]);
    expect(json<{ totals: { inserted: number } }>(imported.stdout).totals.inserted).toBe(summary.listens);
    const again = await runCli(['import', '--db', db, '--json', out]);
    expect(json<{ totals: { inserted: number; duplicates: number } }>(again.stdout).totals).toMatchObject({
      inserted: 0,
      duplicates: summary.listens,
    });
    const stats = async (path: string) =>
      json<{ plays: number }>((await runCli(['stats', 'summary', '--db', path, '--json'])).stdout);
    expect((await stats(fresh)).plays).toBe((await stats(db)).plays);
  }, 180_000);

  it('goes to stdout as CSV with the summary on stderr; bad options say what to give', async () => {
    const db = join(dir.path, 'a.duckdb');
    const csv = await runCli([
      'export',
      'listens',
      '--db',
      db,
      '--format',
      'csv',
      '--from',
      '2026-04-30',
      '--to',
      '2026-04-30',
    ]);
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^listened_at,artist,track,release,/);
    expect(rows.slice(1).every((r) => r.startsWith('2026-04-30T'))).toBe(true);
    expect(csv.stderr).toBe(`Exported ${rows.length - 1} listens of me as csv.\n`);
    const format = await runCli(['export', 'listens', '--db', db, '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("--format takes jsonl, csv, parquet, json, not 'xml'");
    const noOut = await runCli(['export', 'listens', '--db', db, '--json']);
    expect(noOut.code).toBe(2);
    expect(noOut.stdout).toContain('--json needs --out FILE');
  });
});

describe('listenhouse imports delete and listenhouse collection', () => {
  it('previews, undoes and shows the run as deleted; the collection lists what was imported', async () => {
    const db = join(dir.path, 'c.duckdb');
    const report = json<{ files: { importRunId: number }[] }>(
      (await runCli(['import', '--db', db, '--json', discogs])).stdout,
    );
    const run = report.files[0]!.importRunId;

    const table = await runCli(['collection', '--db', db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^artist +title +label/);
    expect(table.stdout).toContain('Déjà Vu');
    expect(table.stdout).toContain('1-2 of 2 in the collection');
    const found = await runCli(['collection', '--db', db, '--search', 'radio', '--json']);
    expect(json<{ total: number; items: { title: string }[] }>(found.stdout)).toMatchObject({
      total: 1,
      items: [{ title: 'OK Computer' }],
    });
    const wanted = await runCli(['collection', '--db', db, '--wantlist']);
    expect(wanted.stdout).toContain('Nothing in the wantlist matches.');

    const preview = await runCli(['imports', 'delete', String(run), '--db', db, '--dry-run']);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain(
      'Undoing it would remove: 0 listens, 0 second-source records, 2 collection items',
    );
    expect(preview.stdout).toContain('Dry run: nothing was changed.');
    const undo = await runCli(['imports', 'delete', String(run), '--db', db, '--json']);
    expect(json<{ removed: { collectionItems: number } }>(undo.stdout).removed.collectionItems).toBe(2);
    const runs = await runCli(['imports', '--db', db]);
    expect(runs.stdout).toMatch(new RegExp(`#${run} .* deleted `));
    const twice = await runCli(['imports', 'delete', String(run), '--db', db]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(`Import run ${run}`);
    expect(twice.stderr).toContain('was already undone');
    expect((await runCli(['collection', '--db', db])).stdout).toContain('No Discogs items yet');
  }, 180_000);

  it('works through the server that holds the database', async () => {
    const db = join(dir.path, 'd.duckdb');
    const report = json<{ files: { importRunId: number }[] }>(
      (await runCli(['import', '--db', db, '--json', discogs])).stdout,
    );
    await runCli(['simulate', '--db', db, '--days', '3', '--seed', '5', '--end', '2026-05-01']);
    server = await spawnServer(['serve', '--db', db, '--port', '0']);

    const out = join(dir.path, 'through-server.jsonl');
    const exported = await runCli(['export', 'listens', '--db', db, '--out', out, '--json']);
    expect(exported.code).toBe(0);
    const listens = json<{ listens: number }>(exported.stdout).listens;
    expect(listens).toBeGreaterThan(10);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(listens);

    const items = await runCli(['collection', '--db', db, '--json']);
    expect(json<{ total: number }>(items.stdout).total).toBe(2);

    const run = report.files[0]!.importRunId;
    const undo = await runCli(['imports', 'delete', String(run), '--db', db, '--json']);
    expect(undo.code).toBe(0);
    expect(json<{ removed: { collectionItems: number } }>(undo.stdout).removed.collectionItems).toBe(2);
    expect(json<{ total: number }>((await runCli(['collection', '--db', db, '--json'])).stdout).total).toBe(
      0,
    );
    expect(await stopServer(server)).toBe(0);
  }, 180_000);
});
