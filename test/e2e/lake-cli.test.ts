// The lake read back by DuckDB as Spark or Trino would read it (Hive partitions): the same count as
// the store after an incremental sync, after a deletion (only the affected partitions written
// again) and after compaction.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

interface SyncReport {
  tables: { table: string; rowsWritten: number; partitionsRewritten: string[] }[];
}

const dir = tempDir();
afterAll(() => dir.cleanup());

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const db = await openDatabase(':memory:');
  try {
    return await db.all(sql);
  } finally {
    db.close();
  }
}

/** Listens per partition as DuckDB reads the lake's files (hive_partitioning, as Spark and Trino do). */
async function lakeCounts(lake: string): Promise<Record<string, number>> {
  const rows = await query(
    `SELECT year, month, count(*) AS n FROM read_parquet('${lake}/listens/*/*/*.parquet', hive_partitioning = true) GROUP BY ALL`,
  );
  return Object.fromEntries(rows.map((r) => [`${String(r.year)}-${String(r.month)}`, Number(r.n)]));
}

async function storeCount(db: string): Promise<number> {
  const store = await openDatabase(db);
  try {
    const [row] = await store.all<{ n: bigint }>('SELECT count(*) AS n FROM listens');
    return Number(row!.n);
  } finally {
    store.close();
  }
}

const filesUnder = (path: string): string[] =>
  readdirSync(path).flatMap((f) =>
    statSync(join(path, f)).isDirectory() ? filesUnder(join(path, f)) : [join(path, f)],
  );

describe('lake sync', () => {
  it('keeps the lake equal to the store, rewriting only the partitions a deletion touched', async () => {
    const db = join(dir.path, 'lake.duckdb');
    const lake = join(dir.path, 'lake');
    const winter = join(dir.path, 'winter.jsonl');
    const spring = join(dir.path, 'spring.jsonl');
    for (const [file, end] of [
      [winter, '2024-01-31'],
      [spring, '2024-04-30'],
    ] as const) {
      const sim = await runCli(['simulate', '--seed', '4', '--days', '25', '--end', end, '--out', file]);
      expect(sim.code, sim.stderr).toBe(0);
    }
    expect((await runCli(['import', '--db', db, winter])).code).toBe(0);
    const first = await runCli(['lake', 'sync', '--lake', lake, '--db', db, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const stored = await storeCount(db);
    expect(Object.values(await lakeCounts(lake)).reduce((a, b) => a + b, 0)).toBe(stored);

    // Incremental: the spring import adds files in its own partitions; January's file stays as it was.
    const januaryFiles = filesUnder(join(lake, 'listens', 'year=2024', 'month=01'));
    expect((await runCli(['import', '--db', db, spring])).code).toBe(0);
    const second: SyncReport = JSON.parse(
      (await runCli(['lake', 'sync', '--lake', lake, '--db', db, '--json'])).stdout,
    );
    const listens = second.tables.find((t) => t.table === 'listens')!;
    expect(listens.partitionsRewritten).toEqual([]);
    expect(listens.rowsWritten).toBe((await storeCount(db)) - stored);
    expect(filesUnder(join(lake, 'listens', 'year=2024', 'month=01'))).toEqual(januaryFiles);
    const both = await lakeCounts(lake);
    expect(Object.values(both).reduce((a, b) => a + b, 0)).toBe(await storeCount(db));

    // A deletion (the winter import undone) reaches the lake: its partitions go, April's stays.
    const imports = JSON.parse((await runCli(['imports', '--db', db, '--json'])).stdout);
    const winterRun = (imports.imports as { id: number; file: string }[]).find((r) => r.file === winter)!;
    expect((await runCli(['imports', 'delete', String(winterRun.id), '--db', db])).code).toBe(0);
    const aprilFiles = filesUnder(join(lake, 'listens', 'year=2024', 'month=04'));
    const third: SyncReport = JSON.parse(
      (await runCli(['lake', 'sync', '--lake', lake, '--db', db, '--json'])).stdout,
    );
    const rewritten = third.tables.find((t) => t.table === 'listens')!.partitionsRewritten;
    expect(rewritten.sort()).toEqual(['year=2024/month=01']);
    expect(filesUnder(join(lake, 'listens', 'year=2024', 'month=04'))).toEqual(aprilFiles);
    const after = await lakeCounts(lake);
    expect(after['2024-01']).toBeUndefined();
    expect(Object.values(after).reduce((a, b) => a + b, 0)).toBe(await storeCount(db));

    // The manifest lists exactly the files there are.
    const manifest = JSON.parse(readFileSync(join(lake, 'listens', '_manifest.json'), 'utf8'));
    const listed = Object.entries(manifest.partitions as Record<string, { files: string[] }>).flatMap(
      ([p, e]) => e.files.map((f) => join(lake, 'listens', p, f)),
    );
    expect(listed.sort()).toEqual(
      filesUnder(join(lake, 'listens'))
        .filter((f) => f.endsWith('.parquet'))
        .sort(),
    );

    // Compaction: one file per partition, the same rows.
    const compacted = await runCli(['lake', 'compact', '--lake', lake, '--json']);
    expect(compacted.code, compacted.stderr).toBe(0);
    expect(await lakeCounts(lake)).toEqual(after);
    for (const month of readdirSync(join(lake, 'listens', 'year=2024')))
      expect(filesUnder(join(lake, 'listens', 'year=2024', month))).toHaveLength(1);
  }, 300_000);

  it('refuses an s3:// lake with a message', async () => {
    const run = await runCli([
      'lake',
      'sync',
      '--lake',
      's3://bucket/lake',
      '--db',
      join(dir.path, 'lake.duckdb'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/only a local folder is supported/);
  });
});
