// A play's credit comes from that play's own artist field and title, never from another play that
// shares the artist name: the top-artist list is the first thing a user checks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-service.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { rebuildRollups } from '../../src/store/rollups.js';
import { findStatsUser, getTopArtists } from '../../src/stats/index.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { memoryDb, tempDir } from '../support/temp.js';

const NOW = Date.UTC(2026, 10, 22);
const dir = tempDir();
afterAll(() => dir.cleanup());

const DAFT_PUNK = [
  'Daft Punk,Random Access Memories,Get Lucky (feat. Pharrell Williams),01 Jun 2024 10:00',
  'Daft Punk,Homework,Around the World,01 Jun 2024 10:10',
  'Daft Punk,Discovery,One More Time,01 Jun 2024 10:20',
];

async function topArtists(db: Database, user = 'me'): Promise<Record<string, number>> {
  const { id } = await findStatsUser(db, user);
  const top = await getTopArtists(db, { userId: id, range: 'all_time', limit: 50, now: NOW });
  return Object.fromEntries(top.entries.map((e) => [e.name, e.plays]));
}

const importCsv = (db: Database, name: string, rows: string[], userName = 'me') =>
  importFiles(db, {
    paths: [dir.file(name, rows.join('\n') + '\n')],
    defaultUserName: 'me',
    userName,
    now: NOW,
  });

describe('credits', () => {
  let db: Database;
  beforeEach(async () => {
    db = await memoryDb();
  });
  afterEach(() => db.close());

  it('credits a guest only on the play whose title names them, whatever the import order', async () => {
    await importCsv(db, 'guest-first.csv', DAFT_PUNK);
    expect(await topArtists(db)).toEqual({ 'Daft Punk': 3, 'Pharrell Williams': 1 });

    const other = await memoryDb();
    try {
      await importCsv(other, 'guest-last.csv', DAFT_PUNK.slice().reverse());
      expect(await topArtists(other)).toEqual({ 'Daft Punk': 3, 'Pharrell Williams': 1 });
    } finally {
      other.close();
    }
  });

  it("does not hand one user's guest credits to another user's plays", async () => {
    await importCsv(
      db,
      'alice.csv',
      ['Daft Punk,,Get Lucky (feat. Nile Rodgers),01 Jun 2024 09:00'],
      'alice',
    );
    await importCsv(
      db,
      'bob.csv',
      ['Daft Punk,,Get Lucky (feat. Pharrell Williams),01 Jun 2024 09:00'],
      'bob',
    );
    expect(await topArtists(db, 'bob')).toEqual({ 'Daft Punk': 1, 'Pharrell Williams': 1 });
  });
});

describe('migration 3 repairs the credits of an existing database', () => {
  it('recomputes every listen credit from its own fields and drops the credits nothing uses', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'listenhouse-credits-'));
    const path = join(folder, 'old.duckdb');
    try {
      let db = await openDatabase(path);
      await importCsv(db, 'repair.csv', [
        ...DAFT_PUNK,
        'Gilles Peterson,,Mario Basanov & Vidis ‘Test’,02 Jun 2024 10:00',
      ]);
      // What the old writer left: every Daft Punk play on the first-seen credit (Daft Punk feat.
      // Pharrell Williams), the guest artist missing, and the migration not applied yet.
      await db.run(`UPDATE listens SET artist_credit_id = (
          SELECT artist_credit_id FROM listens WHERE track LIKE 'Get Lucky%') WHERE artist = 'Daft Punk'`);
      await db.run(
        `DELETE FROM artist_credit_members WHERE credit_id NOT IN (SELECT artist_credit_id FROM listens)`,
      );
      await db.run(`DELETE FROM artist_credits WHERE id NOT IN (SELECT artist_credit_id FROM listens)`);
      await db.run('DELETE FROM schema_migrations WHERE version = 3');
      // The rollups as the old writer would have kept them, from its listens.
      await rebuildRollups(db);
      expect(await topArtists(db)).toMatchObject({ 'Daft Punk': 3, 'Pharrell Williams': 3 });
      db.close();

      db = await openDatabase(path);
      expect(await topArtists(db)).toEqual({ 'Daft Punk': 3, 'Pharrell Williams': 1, 'Gilles Peterson': 1 });
      const orphans = await db.all(
        'SELECT id FROM artist_credits WHERE id NOT IN (SELECT artist_credit_id FROM listens)',
      );
      expect(orphans).toEqual([]);
      db.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasSharedData)('credits on the real Last.fm export', () => {
  it('no top-100 artist has more plays than the rows that name them in the artist field or the title', async () => {
    const db = await memoryDb();
    try {
      await importFiles(db, {
        paths: [sharedFile('lastfm-scrobbles-export-benjaminbenben', 'lastfm_scrobbles.csv')],
        defaultUserName: 'me',
        now: NOW,
      });
      const rows = await db.all<{ name: string; plays: bigint; naming: bigint }>(`
        WITH top AS (
          SELECT a.name, count(*) AS plays
          FROM listens l
          JOIN (SELECT DISTINCT credit_id, artist_id FROM artist_credit_members) m ON m.credit_id = l.artist_credit_id
          JOIN artists a ON a.id = m.artist_id
          GROUP BY a.id, a.name ORDER BY plays DESC, a.id LIMIT 100
        )
        SELECT top.name, any_value(top.plays) AS plays,
               count(*) FILTER (WHERE strpos(lower(l.artist), lower(top.name)) > 0
                                   OR strpos(lower(l.track), lower(top.name)) > 0) AS naming
        FROM top CROSS JOIN listens l
        GROUP BY top.name`);
      expect(rows).toHaveLength(100);
      const over = rows.filter((r) => r.plays > r.naming).map((r) => `${r.name}: ${r.plays} > ${r.naming}`);
      expect(over).toEqual([]);
      const top = await topArtists(db);
      expect(top['C.L. Smooth'] ?? 0).toBeLessThanOrEqual(6);
      expect(top['Pharrell Williams'] ?? 0).toBeLessThanOrEqual(106);
    } finally {
      db.close();
    }
  });
});
