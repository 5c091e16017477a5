// Exports as a user takes them: the whole history out as ListenBrainz JSON lines, into a new
// database, and the same listens and statistics come back; the same file into the first database
// adds nothing. The API's download is the same export, scoped to the token's user.
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportListens } from '../../src/export/export-service.js';
import { parseExportWindow } from '../../src/export/window.js';
import { importFiles } from '../../src/ingest/import-service.js';
import { testApp } from '../support/app.js';
import type { App } from '../../src/server/app.js';
import { simulateListens, toListenBrainzLine } from '../../src/sim/index.js';
import { getSummary } from '../../src/stats/index.js';
import type { Database } from '../../src/store/database.js';
import { createToken } from '../../src/store/token-repository.js';
import { addUser, findUserByName } from '../../src/store/user-repository.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { count, memoryDb, tempDir } from '../support/temp.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const dir = tempDir();
afterAll(() => dir.cleanup());

async function importAs(db: Database, path: string, user = 'me') {
  const report = await importFiles(db, { paths: [path], userName: user, defaultUserName: 'me', now: NOW });
  return report.totals;
}

async function exportTo(db: Database, user: string, file: string, format: 'jsonl' | 'csv' = 'jsonl') {
  const found = await findUserByName(db, user);
  await pipeline(Readable.from(exportListens(db, { userId: found!.id, format })), createWriteStream(file));
  return file;
}

/** The (listened_at, artist, track, release) multiset of a user's listens, sorted. */
async function playsOf(db: Database, user: string): Promise<string[]> {
  const rows = await db.all<{ k: string }>(
    `SELECT epoch(l.listened_at)::BIGINT || ' | ' || l.artist || ' | ' || l.track || ' | ' || coalesce(l.release, '') AS k
     FROM listens l JOIN users u ON u.id = l.user_id WHERE u.name = ? ORDER BY k`,
    [user],
  );
  return rows.map((r) => r.k);
}

async function summaryOf(db: Database, user: string) {
  const found = await findUserByName(db, user);
  return getSummary(db, { userId: found!.id, range: 'all_time', tz: 'UTC' });
}

async function roundTrip(source: string, user: string) {
  const first = await memoryDb();
  const second = await memoryDb();
  try {
    const imported = await importAs(first, source, user);
    expect(imported.inserted).toBeGreaterThan(0);
    const file = await exportTo(first, user, join(dir.path, `${user}.jsonl`));
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(imported.inserted);

    const into = await importAs(second, file, user);
    expect(into).toMatchObject({ inserted: imported.inserted, rejected: 0, skipped: 0 });
    expect(await playsOf(second, user)).toEqual(await playsOf(first, user));
    const [before, after] = [await summaryOf(first, user), await summaryOf(second, user)];
    // Artist ids are each database's own: compare the names.
    const drop = (x: typeof before) => ({ ...x, topArtists: undefined });
    expect(drop(after)).toEqual(drop(before));
    // Credits come from each listen alone, so the order the export holds them in changes nothing.
    const top = (x: typeof before) => x.topArtists.map((a) => [a.name, a.plays]);
    expect(top(after)).toEqual(top(before));

    const again = await importAs(first, file, user);
    expect(again).toMatchObject({ inserted: 0, duplicates: imported.inserted, merged: 0 });
    expect(await count(first, 'SELECT count(*) n FROM listen_sources')).toBe(0);
    return lines;
  } finally {
    first.close();
    second.close();
  }
}

describe('export → import round trip', () => {
  it('a simulated ListenBrainz history: same listens, same summary, nothing new when imported again', async () => {
    const sim = { seed: 7, users: 1, days: 20, end: NOW - 86_400_000, listensPerUserPerDay: 30, artists: 60 };
    const lines: string[] = [];
    for (const l of simulateListens(sim)) lines.push(toListenBrainzLine(l));
    const source = dir.file('simulated.jsonl', lines.join('\n') + '\n');
    const exported = await roundTrip(source, 'sim');
    const first = JSON.parse(exported[0]!) as {
      listened_at: number;
      inserted_at: number;
      recording_msid: string;
      track_metadata: { artist_name: string; additional_info: Record<string, unknown> };
    };
    expect(Number.isInteger(first.listened_at)).toBe(true);
    expect(first.inserted_at).toBeGreaterThan(0);
    expect(first.recording_msid).toMatch(/^[0-9a-f-]{36}$/);
    // What the simulator's client submitted travels with the listen.
    expect(first.track_metadata.additional_info).toMatchObject({
      duration_ms: expect.any(Number),
      ms_played: expect.any(Number),
      submission_client: expect.any(String),
      media_player: expect.any(String),
      tags: expect.any(Array),
      recording_msid: first.recording_msid,
    });
  });

  it.skipIf(!hasSharedData)('a real Last.fm export (60,950 rows): the same again', async () => {
    const exported = await roundTrip(
      sharedFile('lastfm-scrobbles-export-benjaminbenben', 'lastfm_scrobbles.csv'),
      'ben',
    );
    expect(exported).toHaveLength(58264);
  }, 240_000); // 61k rows imported, exported and imported again
});

describe('the CSV export', () => {
  it('has a header row and one row per listen, ISO UTC times, quoted where needed', async () => {
    const db = await memoryDb();
    try {
      const file = dir.file(
        'two.jsonl',
        [
          {
            listened_at: 1700000000,
            track_metadata: { artist_name: 'Crosby, Stills & Nash', track_name: 'Say "Hi"' },
          },
          {
            listened_at: 1700000300,
            track_metadata: {
              artist_name: 'Björk',
              track_name: 'Jóga',
              release_name: 'Homogenic',
              additional_info: {
                duration_ms: 305000,
                recording_mbid: '3ee55f4b-0c3f-4e0c-9b0b-1c1c3d0e9f39',
              },
            },
          },
        ]
          .map((l) => JSON.stringify(l))
          .join('\n'),
      );
      await importAs(db, file);
      const csv = readFileSync(await exportTo(db, 'me', join(dir.path, 'two.csv'), 'csv'), 'utf8');
      const rows = csv.trimEnd().split('\n');
      expect(rows[0]).toBe(
        'listened_at,artist,track,release,release_artist,duration_ms,played_ms,recording_mbid,release_mbid,' +
          'release_group_mbid,artist_mbids,isrc,spotify_uri,source,format,client,platform,country,inserted_at',
      );
      expect(rows).toHaveLength(3);
      expect(rows[1]).toMatch(/^2023-11-14T22:13:20Z,"Crosby, Stills & Nash","Say ""Hi""",,,,,/);
      expect(rows[2]).toMatch(
        /^2023-11-14T22:18:20Z,Björk,Jóga,Homogenic,,305000,,3ee55f4b-0c3f-4e0c-9b0b-1c1c3d0e9f39,/,
      );
    } finally {
      db.close();
    }
  });
});

describe('--from/--to', () => {
  it('takes whole UTC days (both included), instants and epoch seconds, and explains anything else', () => {
    expect(parseExportWindow({ from: '2024-01-01', to: '2024-12-31' })).toEqual({
      fromMs: Date.parse('2024-01-01T00:00:00Z'),
      toMs: Date.parse('2025-01-01T00:00:00Z'),
    });
    expect(parseExportWindow({ from: '2024-05-01T12:00', to: '1714600000' })).toEqual({
      fromMs: Date.parse('2024-05-01T12:00:00Z'),
      toMs: 1714600000_000,
    });
    expect(() => parseExportWindow({ from: 'yesterday' })).toThrow(/--from 'yesterday' is not a time/);
    expect(() => parseExportWindow({ from: '2024-02-01', to: '2024-01-01' })).toThrow(/is not before/);
  });
});

describe('GET /api/export/listens', () => {
  let db: Database;
  let server: App;
  let admin: string;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    db = await memoryDb();
    server = testApp(db, { now: () => NOW });
    admin = await createToken(db, 1);
    alice = await createToken(db, (await addUser(db, 'alice')).id);
    bob = await createToken(db, (await addUser(db, 'bob')).id);
    const payload = Array.from({ length: 12 }, (_, i) => ({
      listened_at: Date.parse('2026-05-01T00:00:00Z') / 1000 + i * 86_400,
      track_metadata: { artist_name: 'Radiohead', track_name: `Song ${i}`, release_name: 'OK Computer' },
    }));
    const r = await server.app.inject({
      method: 'POST',
      url: '/1/submit-listens',
      headers: { authorization: `Token ${alice}` },
      payload: JSON.stringify({ listen_type: 'import', payload }),
    });
    expect(r.statusCode).toBe(200);
  });

  afterAll(async () => {
    await server.app.close();
    db.close();
  });

  const download = (url: string, token: string) =>
    server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it("is an attachment of the token user's listens, oldest first", async () => {
    const r = await download('/api/export/listens', alice);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(r.headers['content-disposition']).toBe('attachment; filename="listenhouse-alice-listens.jsonl"');
    expect(r.headers['x-listen-count']).toBe('12');
    const lines = r.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { track_metadata: { track_name: string } });
    expect(lines.map((l) => l.track_metadata.track_name)).toEqual(
      Array.from({ length: 12 }, (_, i) => `Song ${i}`),
    );
  });

  it('takes a time window and the CSV format', async () => {
    const r = await download('/api/export/listens?format=csv&from=2026-05-03&to=2026-05-06', alice);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toBe(
      'attachment; filename="listenhouse-alice-listens-from-2026-05-03-to-2026-05-05.csv"',
    );
    const rows = r.body.trimEnd().split('\n');
    expect(rows.slice(1).map((row) => row.slice(0, 20))).toEqual([
      '2026-05-03T00:00:00Z',
      '2026-05-04T00:00:00Z',
      '2026-05-05T00:00:00Z',
    ]);
  });

  it("keeps to the token's user; an admin may name one", async () => {
    const own = await download('/api/export/listens', bob);
    expect(own.statusCode).toBe(200);
    expect(own.body).toBe('');
    const other = await download('/api/export/listens?user=alice', bob);
    expect(other.statusCode).toBe(403);
    expect(other.json<{ error: string }>().error).toContain('Only alice or an admin');
    const byAdmin = await download('/api/export/listens?user=alice&format=csv', admin);
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.body.trimEnd().split('\n')).toHaveLength(13);
    const none = await download('/api/export/listens', 'not-a-token');
    expect(none.statusCode).toBe(401);
    const bad = await download('/api/export/listens?format=xml', alice);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: string }>().error).toContain('format');
  });
});
