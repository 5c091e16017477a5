// Backups on a database file: verified when taken, the last N kept, those older than the set days
// gzip-compressed, and a compressed one restored (the current file kept aside).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Backups, restoreBackup } from '../../src/jobs/backups.js';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('backups', () => {
  it('keeps the last N, compresses the older ones, and restores a compressed one', async () => {
    const path = join(dir.path, 'db.duckdb');
    const store = await openStore(path);
    await store.users.add('ann');
    let now = Date.UTC(2026, 0, 1);
    const backups = new Backups(store, { keep: 4, compressDays: 2 }, () => now);
    const taken = [];
    for (let day = 0; day < 6; day++) {
      taken.push(await backups.take('nightly'));
      now += 86_400_000;
    }
    const last = taken.at(-1)!;
    expect(last.counts).toMatchObject({ users: 2, listens: 0 });
    const kept = await backups.list();
    expect(kept).toHaveLength(4);
    // Taken on days 5, 4, 3 and 2: only day 2's is more than two days old.
    expect(kept.map((b) => b.compressed)).toEqual([false, false, false, true]);
    expect(taken[5]!.removed).toEqual([`${taken[1]!.backup.name}.gz`]);
    store.close();

    const oldest = kept.at(-1)!;
    const restored = await restoreBackup(oldest.file, path, now);
    expect(restored.counts.users).toBe(2);
    expect(existsSync(restored.keptAside!)).toBe(true);
    const back = await openStore(path);
    expect((await back.users.list()).map((u) => u.name).sort()).toEqual(['ann', 'me']);
    back.close();
  }, 60_000);

  it('refuses a backup file that is not a database, and leaves the current one in place', async () => {
    const path = join(dir.path, 'other.duckdb');
    (await openStore(path)).close();
    const junk = dir.file('junk.duckdb', 'not a database');
    await expect(restoreBackup(junk, path, Date.now())).rejects.toThrow(/does not open as a DuckDB database/);
    expect(existsSync(path)).toBe(true);
  });
});
