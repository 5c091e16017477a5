// The catalogue through the REST API (app.inject on a real DuckDB): matching now, the matching
// view's list, hand links that win over every later match, who may link, the MBID map export,
// genre statistics, and the background matcher picking up new listens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackgroundMatcher, exportMbidMap } from '../../src/catalog/index.js';
import { importCatalogue } from '../../src/catalog/dump-import.js';
import { resolveConfig } from '../../src/config/index.js';
import { createEnrichment } from '../../src/enrich/index.js';
import { importFiles } from '../../src/ingest/import-service.js';
import type { App } from '../../src/server/app.js';
import type { Database } from '../../src/store/database.js';
import { createToken } from '../../src/store/token-repository.js';
import { addUser } from '../../src/store/user-repository.js';
import { testApp } from '../support/app.js';
import { memoryDb, tempDir } from '../support/temp.js';

const NOW = Date.UTC(2026, 0, 15);
const mbid = (n: number, k: string) =>
  `${String(n).padStart(8, k)}-${k.repeat(4)}-4${k.repeat(3)}-8${k.repeat(3)}-${String(n).padStart(12, k)}`;
const ARTIST = mbid(1, 'a');
const GUEST = mbid(2, 'a');
const RG = mbid(1, 'b');
const REL = mbid(1, 'c');
const SONG = mbid(1, 'd');
const OTHER = mbid(2, 'd');
const FEAT = mbid(3, 'd');

const RELEASE = JSON.stringify({
  id: REL,
  title: 'Dreamland',
  date: '2019-05-01',
  'artist-credit': [
    {
      name: 'Nova Lights',
      joinphrase: '',
      artist: { id: ARTIST, name: 'Nova Lights', 'sort-name': 'Nova Lights' },
    },
  ],
  'release-group': {
    id: RG,
    title: 'Dreamland',
    'primary-type': 'Album',
    'first-release-date': '2019-05-01',
  },
  media: [
    {
      position: 1,
      tracks: [
        {
          position: 1,
          title: 'Glass Harbour',
          length: 241_000,
          recording: { id: SONG, title: 'Glass Harbour', length: 241_000 },
        },
        {
          position: 2,
          title: 'Paper Moons',
          length: 199_000,
          recording: { id: OTHER, title: 'Paper Moons', length: 199_000 },
        },
        {
          position: 3,
          title: 'Night Swim',
          length: 230_000,
          recording: {
            id: FEAT,
            title: 'Night Swim',
            length: 230_000,
            'artist-credit': [
              {
                name: 'Nova Lights',
                joinphrase: ' feat. ',
                artist: { id: ARTIST, name: 'Nova Lights', 'sort-name': 'Nova Lights' },
              },
              {
                name: 'Ada Vale',
                joinphrase: '',
                artist: { id: GUEST, name: 'Ada Vale', 'sort-name': 'Vale, Ada' },
              },
            ],
          },
        },
      ],
    },
  ],
});

const RELEASE_GROUP = JSON.stringify({
  id: RG,
  title: 'Dreamland',
  'primary-type': 'Album',
  'first-release-date': '2019-05-01',
  genres: [
    { name: 'dream pop', count: 3 },
    { name: 'shoegaze', count: 1 },
  ],
  tags: [],
});

function listen(at: number, artist: string, track: string, release?: string, durationMs?: number): string {
  return JSON.stringify({
    listened_at: at,
    track_metadata: {
      artist_name: artist,
      track_name: track,
      ...(release ? { release_name: release } : {}),
      ...(durationMs ? { additional_info: { duration_ms: durationMs } } : {}),
    },
  });
}

describe('the catalogue API', () => {
  const dir = tempDir();
  let db: Database;
  let server: App;
  let admin: string;
  let alice: string;
  let bob: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  async function call<T>(method: 'GET' | 'POST', url: string, token: string, payload?: unknown) {
    const r = await server.app.inject({
      method,
      url,
      headers: auth(token),
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
    return { status: r.statusCode, body: r.json<T>() };
  }

  beforeAll(async () => {
    db = await memoryDb();
    await importCatalogue(db, {
      paths: [
        dir.file('release.jsonl', RELEASE + '\n'),
        dir.file('release-group.jsonl', RELEASE_GROUP + '\n'),
      ],
      now: () => NOW,
    });
    const aliceId = (await addUser(db, 'alice')).id;
    const bobId = (await addUser(db, 'bob')).id;
    admin = await createToken(db, 1);
    alice = await createToken(db, aliceId);
    bob = await createToken(db, bobId);
    const t = 1_760_000_000;
    const file = dir.file(
      'alice.jsonl',
      [
        listen(t, 'Nova Lights', 'Glass Harbour', 'Dreamland'),
        listen(t + 300, 'Nova Lights', 'Glass Harbour', 'Dreamland'),
        listen(t + 600, 'nova lights', 'Paper Moons (Remastered 2020)', 'Dreamland'),
        listen(t + 900, 'Nova Lights', 'Night Swim (feat. Ada Vale)', 'Dreamland'),
        // A typo and a length far from the recording's: a candidate, but below the threshold.
        listen(t + 1200, 'Nova Lights', 'Glass Harbr', 'Dreamland', 400_000),
        listen(t + 1500, 'Nobody Known', 'Some Song'),
        listen(t + 1800, 'Nobody Known', 'Some Song'),
      ].join('\n') + '\n',
    );
    await importFiles(db, { paths: [file], defaultUserName: 'alice', userName: 'alice', now: NOW });
    server = testApp(db, { now: () => NOW });
  });

  afterAll(async () => {
    await server?.app.close();
    db?.close();
    dir.cleanup();
  });

  it('matches on demand (admin only) and reports how', async () => {
    expect((await call('POST', '/api/catalog/match', alice)).status).toBe(403);
    const r = await call<{
      tuples: number;
      counts: Record<string, number>;
      byMethod: Record<string, number>;
      listensMatched: number;
    }>('POST', '/api/catalog/match', admin);
    expect(r.status).toBe(200);
    expect(r.body.tuples).toBe(5);
    expect(r.body.counts).toMatchObject({ matched: 3, unmatched: 1, partial: 1 });
    expect(r.body.listensMatched).toBe(4);
    const status = await call<{ listensMatched: number; catalogue: { recordings: number } }>(
      'GET',
      '/api/catalog/status',
      alice,
    );
    expect(status.body.catalogue.recordings).toBe(3);
    expect(status.body.listensMatched).toBeCloseTo(4 / 7, 3);
  });

  it("lists a user's tracks without a recording, most played first, with the best candidate below the threshold", async () => {
    const r = await call<{
      total: number;
      entries: {
        tuple: string;
        artist: string;
        track: string;
        plays: number;
        status: string;
        suggestion: { title: string } | null;
      }[];
    }>('GET', '/api/catalog/unmatched?user=alice', alice);
    expect(r.status).toBe(200);
    expect(r.body.entries.map((e) => [e.artist, e.track, e.plays, e.status])).toEqual([
      ['Nobody Known', 'Some Song', 2, 'unmatched'],
      ['Nova Lights', 'Glass Harbr', 1, 'partial'],
    ]);
    expect(r.body.entries[1]!.suggestion?.title).toBe('Glass Harbour');
    expect((await call('GET', '/api/catalog/unmatched?user=alice', bob)).status).toBe(403);
  });

  it('links and unlinks by hand; a hand decision wins over every later match', async () => {
    const list = await call<{ entries: { tuple: string; track: string }[] }>(
      'GET',
      '/api/catalog/unmatched?user=alice',
      alice,
    );
    const live = list.body.entries.find((e) => e.track === 'Glass Harbr')!.tuple;
    expect(
      (await call('POST', `/api/catalog/matches/${live}/link`, bob, { recordingMbid: SONG })).status,
    ).toBe(403);
    const bad = await call<{ error: string }>('POST', `/api/catalog/matches/${live}/link`, alice, {
      recordingMbid: 'not-an-mbid',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('MBID');

    const linked = await call<{
      status: string;
      method: string;
      recordingMbid: string;
      artistMbids: string[];
    }>('POST', `/api/catalog/matches/${live}/link`, alice, { recordingMbid: SONG });
    expect(linked.body).toMatchObject({
      status: 'linked',
      method: 'hand',
      recordingMbid: SONG,
      artistMbids: [ARTIST],
    });

    const songTuple = (
      await db.all<{ t: string }>(
        `SELECT credit_id || '-' || recording_id || '-' || release_id AS t FROM catalog_matches WHERE recording_mbid = ? AND method <> 'hand'`,
        [SONG],
      )
    )[0]!.t;
    const unlinked = await call<{ status: string; recordingMbid: string | null }>(
      'POST',
      `/api/catalog/matches/${songTuple}/unlink`,
      alice,
    );
    expect(unlinked.body).toMatchObject({ status: 'unlinked', recordingMbid: null });

    // A new catalogue generation retries everything not matched: the hand decisions stay.
    await importCatalogue(db, { paths: [dir.file('release-again.jsonl', RELEASE + '\n')], now: () => NOW });
    await call('POST', '/api/catalog/match', admin);
    expect((await call<{ status: string }>('GET', `/api/catalog/matches/${live}`, alice)).body.status).toBe(
      'linked',
    );
    expect(
      (await call<{ status: string }>('GET', `/api/catalog/matches/${songTuple}`, alice)).body.status,
    ).toBe('unlinked');
  });

  it('exports one row per stored track with the issue’s header, empty where unmatched', async () => {
    let csv = '';
    for await (const chunk of exportMbidMap(db, { format: 'csv' })) csv += chunk;
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toBe(
      'artist_name,track_name,release_name,artist_mbids,recording_mbid,release_mbid,confidence,method',
    );
    expect(rows).toHaveLength(5);
    expect(rows).toContain(
      `Nova Lights feat. Ada Vale,Night Swim (feat. Ada Vale),Dreamland,${ARTIST};${GUEST},${FEAT},${REL},1,exact`,
    );
    expect(rows).toContain('Nobody Known,Some Song,,,,,0,none');
    expect(rows.find((r) => r.startsWith('Nova Lights,Glass Harbour,'))).toMatch(/,,,0,hand$/);
    let json = '';
    for await (const chunk of exportMbidMap(db, { format: 'json' })) json += chunk;
    const parsed = JSON.parse(json) as { artist_mbids: string[]; recording_mbid: string | null }[];
    expect(parsed).toHaveLength(5);
    expect(parsed.find((r) => r.recording_mbid === FEAT)!.artist_mbids).toEqual([ARTIST, GUEST]);
  });

  it('gives top genres and genres by hour once enrichment has them', async () => {
    // The catalogue's own genres (no service is asked: nothing listens at the services' addresses).
    const settings = { ...resolveConfig({}).config.enrich, musicbrainzUrl: 'http://127.0.0.1:9', retries: 0 };
    const { service } = createEnrichment({
      reads: db,
      writes: db,
      settings,
      dbPath: ':memory:',
      version: 'test',
      now: () => NOW,
    });
    await service.runBatch({ only: 'genres' });
    const r = await call<{
      genres: { genre: string; share: number; plays: number }[];
      byHour: { genre: string; hours: number[] }[];
      listens: number;
      matched: number;
      withGenre: number;
    }>('GET', '/api/stats/genres?user=alice&tz=UTC', alice);
    expect(r.status).toBe(200);
    // Dream pop and shoegaze are both under rock in the tree; the two listens of the album count.
    expect(r.body).toMatchObject({
      listens: 7,
      withGenre: 2,
      genres: [{ genre: 'rock', plays: 2, share: 1 }],
    });
    const hour = new Date((1_760_000_000 + 600) * 1000).getUTCHours();
    expect(r.body.byHour[0]!.hours[hour]).toBe(2);
  });
});

describe('the background matcher', () => {
  it('matches new listens without being asked, and stays quiet when nothing changed', async () => {
    const dir = tempDir();
    const db = await memoryDb();
    try {
      await importCatalogue(db, { paths: [dir.file('release.jsonl', RELEASE + '\n')], now: () => NOW });
      const matcher = new BackgroundMatcher({
        reads: db.reader(),
        writes: db,
        threshold: 0.8,
        batchSize: 2,
        intervalMs: 60_000,
        now: () => NOW,
      });
      await importFiles(db, {
        paths: [dir.file('a.jsonl', listen(1_760_000_000, 'Nova Lights', 'Glass Harbour') + '\n')],
        defaultUserName: 'me',
        now: NOW,
      });
      await matcher.tick();
      expect(matcher.lastReport?.counts.matched).toBe(1);
      await importFiles(db, {
        paths: [
          dir.file(
            'b.jsonl',
            [
              listen(1_760_001_000, 'Nova Lights', 'Paper Moons'),
              listen(1_760_002_000, 'Nova Lights', 'Night Swim'),
            ].join('\n') + '\n',
          ),
        ],
        defaultUserName: 'me',
        now: NOW,
      });
      await matcher.tick();
      expect(matcher.lastReport).toMatchObject({ tuples: 2, counts: { matched: 2 } });
      const changes = db.changes();
      await matcher.tick();
      await matcher.tick();
      // Nothing new: after one look that finds nothing, it writes nothing.
      expect(db.changes() - changes).toBeLessThanOrEqual(1);
      await matcher.stop();
      const rows = await db.all<{ n: bigint }>(
        `SELECT count(*) AS n FROM catalog_matches WHERE status = 'matched'`,
      );
      expect(Number(rows[0]!.n)).toBe(3);
    } finally {
      db.close();
      dir.cleanup();
    }
  });
});
