import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../store/database.js';
import { count, memoryDb, tempDir } from '../../test/support/temp.js';
import { importFiles } from './import-service.js';

const NOW = Date.UTC(2026, 10, 22);

function oneKFile(users: readonly string[]): string {
  return users
    .map((user, i) => {
      const at = new Date(Date.UTC(2009, 4, 4, 12, i)).toISOString().replace('.000', '');
      return [user, at, '', 'Deep Dish', '', `Track ${i}`].join('\t');
    })
    .join('\n');
}

let db: Database;
let dir: ReturnType<typeof tempDir>;
beforeEach(async () => {
  db = await memoryDb();
  dir = tempDir();
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

const users = async () =>
  (await db.all<{ name: string }>('SELECT name FROM users ORDER BY id')).map((u) => u.name);

describe('importing a file whose records name their users', () => {
  it('creates each user once across batches, and the report says which', async () => {
    const file = dir.file(
      'userid-timestamp-artid-artname-traid-traname.tsv',
      oneKFile(['user_a', 'user_b', 'user_a', 'user_c', 'user_b', 'user_c', 'user_a']),
    );
    const report = await importFiles(db, { paths: [file], defaultUserName: 'me', now: NOW, batchSize: 2 });
    expect(report.files[0]!.usersCreated).toEqual(['user_a', 'user_b', 'user_c']);
    expect(report.totals.inserted).toBe(7);
    expect(await users()).toEqual(['me', 'user_a', 'user_b', 'user_c']);
    expect(await count(db, 'SELECT count(*) n FROM import_run_users')).toBe(3);

    const again = await importFiles(db, { paths: [file], defaultUserName: 'me', now: NOW, batchSize: 2 });
    expect(again.files[0]!.usersCreated).toEqual([]);
    expect(again.totals.duplicates).toBe(7);
  });

  it('a dry run reports the users it would create and keeps none of them', async () => {
    const file = dir.file('userid-timestamp-artid-artname-traid-traname.tsv', oneKFile(['user_a', 'user_b']));
    const report = await importFiles(db, { paths: [file], defaultUserName: 'me', now: NOW, dryRun: true });
    expect(report.files[0]!.usersCreated).toEqual(['user_a', 'user_b']);
    expect(report.files[0]!.importRunId).toBeNull();
    expect(await users()).toEqual(['me']);
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(0);
  });
});

describe('a dry run', () => {
  it('leaves the connection as it found it: a real import after it stores its listens', async () => {
    const file = dir.file(
      'a.jsonl',
      JSON.stringify({ listened_at: 1718354402, track_metadata: { artist_name: 'A', track_name: 'B' } }),
    );
    const dry = await importFiles(db, { paths: [file], defaultUserName: 'me', now: NOW, dryRun: true });
    expect(dry.totals.inserted).toBe(1);
    const real = await importFiles(db, { paths: [file], defaultUserName: 'me', now: NOW });
    expect(real.files[0]!.error).toBeUndefined();
    expect(real.totals.inserted).toBe(1);
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(1);
  });
});
