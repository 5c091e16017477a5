// Migration 5 on a database written before the rollups: opening it builds them from the listens it
// holds, and the statistics read from them agree with the listens. rebuildRollups of one user leaves
// the others' rollups alone.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-service.js';
import { getSummary, getTopArtists, readingListens } from '../../src/stats/index.js';
import { openDatabase } from '../../src/store/database.js';
import { diffRollups, rebuildRollups } from '../../src/store/rollups.js';
import { count, tempDir } from '../support/temp.js';

const NOW = Date.UTC(2025, 0, 1);
const dir = tempDir();
afterAll(() => dir.cleanup());

const plays = (user: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      listened_at: Date.UTC(2024, 0, 1) / 1000 + i * 1800,
      track_metadata: {
        artist_name: i % 4 === 0 ? 'Caribou & Four Tet' : `Artist ${i % 3}`,
        track_name: `${user} track ${i % 7}`,
        additional_info: { duration_ms: 200_000 },
      },
    }),
  ).join('\n') + '\n';

describe('the rollups of an existing database', () => {
  it('are built by migration 5 when a database without them is opened', async () => {
    const path = join(dir.path, 'old.duckdb');
    let db = await openDatabase(path);
    await importFiles(db, {
      paths: [dir.file('me.jsonl', plays('me', 60))],
      defaultUserName: 'me',
      now: NOW,
    });
    // As a database from before the rollups: no tables, migration 5 not applied.
    for (const table of [
      'quarters',
      'hours',
      'sessions',
      'recordings',
      'releases',
      'release_groups',
      'artists',
      'sources',
    ])
      await db.run(`DROP TABLE rollup_${table}`);
    await db.run('DELETE FROM schema_migrations WHERE version = 5');
    db.close();

    db = await openDatabase(path);
    try {
      expect(await count(db, 'SELECT count(*) n FROM rollup_quarters')).toBeGreaterThan(0);
      expect(await diffRollups(db)).toEqual([]);
      const options = { userId: 1, now: NOW };
      expect(await getSummary(db, options)).toEqual(await readingListens(() => getSummary(db, options)));
      expect(await getTopArtists(db, options)).toEqual(
        await readingListens(() => getTopArtists(db, options)),
      );
    } finally {
      db.close();
    }
  });

  it('rebuilds one user without touching the others', async () => {
    const db = await openDatabase(':memory:');
    try {
      await importFiles(db, {
        paths: [dir.file('a.jsonl', plays('a', 30))],
        userName: 'a',
        defaultUserName: 'me',
        now: NOW,
      });
      await importFiles(db, {
        paths: [dir.file('b.jsonl', plays('b', 40))],
        userName: 'b',
        defaultUserName: 'me',
        now: NOW,
      });
      const [a] = await db.all<{ id: number }>("SELECT id FROM users WHERE name = 'a'");
      const before = await db.all('SELECT * FROM rollup_recordings ORDER BY ALL');
      // Listens changed past the write path: only a rebuild brings user a's rollups back in line.
      await db.run('DELETE FROM listens WHERE user_id = ? AND listened_at > ?', [
        a!.id,
        '2024-01-01 06:00:00',
      ]);
      expect(await diffRollups(db)).not.toEqual([]);
      await rebuildRollups(db, { userId: a!.id });
      expect(await diffRollups(db)).toEqual([]);
      const after = await db.all('SELECT * FROM rollup_recordings ORDER BY ALL');
      const others = (rows: Record<string, unknown>[]) => rows.filter((r) => r.user_id !== a!.id);
      expect(others(after)).toEqual(others(before));
    } finally {
      db.close();
    }
  });
});
