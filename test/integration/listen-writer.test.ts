// The one store function on small batches, as live submissions use it: what a failed batch leaves
// behind, and the duplicate decision when a batch names plays already stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toListenRow } from '../../src/ingest/listen-row.js';
import type { Database } from '../../src/store/database.js';
import { catalogueChanged } from '../../src/store/catalogue-ids.js';
import { ListenWriter, type ListenRow } from '../../src/store/listen-writer.js';
import { count, memoryDb } from '../support/temp.js';

const T0 = Date.UTC(2025, 2, 1, 9, 0, 0);

let db: Database;
beforeEach(async () => {
  db = await memoryDb();
});
afterEach(() => db.close());

function play(at: number, track: string, origin: { format?: string; precisionS?: number } = {}): ListenRow {
  return toListenRow(
    { listenedAt: at, stampedEdge: 'start', precisionS: origin.precisionS ?? 1, artist: 'Burial', track },
    {
      userId: 1,
      source: 'listenbrainz',
      format: origin.format ?? 'listenbrainz-api',
      importRunId: null,
      raw: `{"listened_at":${at / 1000}}`,
    },
  );
}

describe('ListenWriter on small batches', () => {
  it('a batch that fails stores nothing, and the next batch stores only its own listens', async () => {
    const writer = new ListenWriter(db);
    const failing = writer.writeBatch([play(T0, 'Archangel')], [], () => {
      throw new Error('the disk is full');
    });
    await expect(failing).rejects.toThrow('the disk is full');
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(0);
    expect(await count(db, 'SELECT count(*) n FROM recordings')).toBe(0);

    expect(await writer.writeBatch([play(T0 + 300_000, 'Near Dark')], [])).toEqual({
      inserted: 1,
      duplicates: 0,
      merged: 0,
    });
    const tracks = await db.all<{ track: string }>('SELECT track FROM listens');
    expect(tracks.map((t) => t.track)).toEqual(['Near Dark']);
    // The failed play can be sent again and is stored then.
    expect((await writer.writeBatch([play(T0, 'Archangel')], [])).inserted).toBe(1);
    expect(await count(db, 'SELECT count(*) n FROM recordings')).toBe(2);
  });

  it('stores a play once however often it is sent, and keeps new plays of a known recording', async () => {
    const writer = new ListenWriter(db);
    const at = T0 + 37_000;
    expect(await writer.writeBatch([play(at, 'Archangel'), play(at, 'Archangel')], [])).toEqual({
      inserted: 1,
      duplicates: 1,
      merged: 0,
    });
    expect(await writer.writeBatch([play(at, 'Archangel')], [])).toEqual({
      inserted: 0,
      duplicates: 1,
      merged: 0,
    });
    // The same track four minutes later is another play.
    expect((await writer.writeBatch([play(at + 240_000, 'Archangel')], [])).inserted).toBe(1);
    // A Last.fm scrobble of the first play (minute precision: 09:00) joins it as a second source.
    expect(
      await writer.writeBatch([play(T0, 'Archangel', { format: 'lastfm-csv', precisionS: 60 })], []),
    ).toEqual({ inserted: 0, duplicates: 0, merged: 1 });
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(2);
    expect(await count(db, 'SELECT count(*) n FROM listen_sources')).toBe(1);
  });

  it('a record already stored as a second source is a duplicate even when its listen was moved since', async () => {
    const writer = new ListenWriter(db);
    const at = T0 + 37_000;
    await writer.writeBatch([play(at, 'Archangel')], []);
    const scrobble = play(T0, 'Archangel', { format: 'lastfm-csv', precisionS: 60 });
    expect((await writer.writeBatch([scrobble], [])).merged).toBe(1);
    // A correction moves the listen an hour; its Last.fm source keeps the time it was scrobbled at.
    await db.run("UPDATE listens SET listened_at = listened_at + INTERVAL 1 HOUR WHERE track = 'Archangel'");

    expect(await writer.writeBatch([scrobble], [])).toEqual({ inserted: 0, duplicates: 1, merged: 0 });
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(1);
  });
});

describe('ListenWriter inside work that rolls back (a preview)', () => {
  it('writes on afterwards: its staging tables and cached ids are kept only when that work commits', async () => {
    const writer = new ListenWriter(db);
    // The writer's first batch ever runs inside a preview: its staging tables and the ids of the
    // artist and recording it creates are rolled back with it.
    const previewed = await db.preview(() => writer.writeBatch([play(T0, 'Archangel')], []));
    expect(previewed.inserted).toBe(1);
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(0);
    expect(await count(db, 'SELECT count(*) n FROM artists')).toBe(0);

    // The same writer, and a new one on the same connection, write for real afterwards.
    expect((await writer.writeBatch([play(T0, 'Archangel')], [])).inserted).toBe(1);
    expect((await new ListenWriter(db).writeBatch([play(T0 + 600_000, 'Near Dark')], [])).inserted).toBe(1);
    const rows = await db.all<{ track: string; artist: string }>(
      `SELECT l.track, a.name AS artist FROM listens l
       JOIN artist_credit_members m ON m.credit_id = l.artist_credit_id
       JOIN artists a ON a.id = m.artist_id ORDER BY l.listened_at`,
    );
    expect(rows).toEqual([
      { track: 'Archangel', artist: 'Burial' },
      { track: 'Near Dark', artist: 'Burial' },
    ]);
  });
});

describe('the catalogue-id cache after a merge', () => {
  it('stages new listens with the ids the store holds now, once catalogueChanged is called', async () => {
    const writer = new ListenWriter(db);
    await writer.writeBatch([play(T0, 'Archangel')], []);
    // A merge gives the recording a new id, as a quality fix merging two spellings would.
    await db.transaction(async () => {
      await db.run('CREATE TEMP TABLE old_rec AS SELECT * FROM recordings');
      await db.run('DELETE FROM listens');
      await db.run('DELETE FROM recordings');
      await db.run('INSERT INTO recordings SELECT * REPLACE (id + 1000 AS id) FROM old_rec');
      await db.run('DROP TABLE old_rec');
    });
    catalogueChanged(db);
    await writer.writeBatch([play(T0 + 600_000, 'Archangel')], []);
    const ids = await db.all<{ recording_id: number; known: boolean }>(
      `SELECT l.recording_id, r.id IS NOT NULL AS known
       FROM listens l LEFT JOIN recordings r ON r.id = l.recording_id`,
    );
    expect(ids).toHaveLength(1);
    expect(ids[0]!.known).toBe(true);
  });
});
