// The Last.fm and ListenBrainz pollers against local servers that answer in the real shapes
// (paging, 429 with Retry-After, 5xx), on a real DuckDB file: back-fill, a failure in the middle,
// a restart that resumes from the stored cursor, incremental polls, now playing mirrored — and the
// stored listens checked: no duplicates across the restart, across two sources of one play, and
// across a later export import of the same plays.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { importFiles } from '../../src/ingest/import-service.js';
import { servicesOn, type Services } from '../../src/services/index.js';
import { openStore } from '../../src/store/index.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { lastfmServer, listenbrainzServer, type LbListen, type Scrobble } from '../support/live-services.js';
import { tempDir } from '../support/temp.js';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const API_KEY = 'lfm-key-5b1e0c2d9a7f';
const POLL_MS = 180_000;

let dir: ReturnType<typeof tempDir>;
let dbPath: string;
let services: Services;
let clock = NOW;

async function open(): Promise<Services> {
  const { config } = resolveConfig({});
  return servicesOn(await openStore(dbPath), { config, clock: { now: () => clock } });
}

async function restart(): Promise<void> {
  await services.close();
  services = await open();
}

async function aliceId(): Promise<number> {
  return (await services.store.users.ensure('alice')).user.id;
}

async function listens(): Promise<{ n: number; distinct: number }> {
  const rows = await services.store.db.all<{ n: bigint; d: bigint }>(
    `SELECT count(*) AS n, count(DISTINCT (listened_at, artist, track)) AS d FROM listens`,
  );
  return { n: Number(rows[0]!.n), distinct: Number(rows[0]!.d) };
}

/** Polls until the connection is caught up (the next poll waits the interval); returns the polls made. */
async function pollUntilCaughtUp(id: number, limit = 20): Promise<number> {
  for (let polls = 1; polls <= limit; polls++) {
    const next = await services.live.pollOnce(id);
    if (next === POLL_MS) return polls;
    if (next === null || next > POLL_MS)
      throw new Error(`poll ${polls} failed: ${(await services.live.get(id)).lastError}`);
  }
  throw new Error('never caught up');
}

/** The first `n` scrobbles of a real Last.fm export (lastfm-to-csv: artist,album,track,"20 Nov 2020 09:35"). */
function realScrobbles(n: number): { scrobbles: Scrobble[]; csv: string } {
  const lines = readFileSync(
    sharedFile('lastfm-scrobbles-export-benjaminbenben', 'lastfm_scrobbles.csv'),
    'utf8',
  ).split('\n');
  const kept: string[] = [];
  const scrobbles: Scrobble[] = [];
  for (const line of lines) {
    const fields = line.split(',');
    if (fields.length !== 4 || !fields[3]) continue;
    const [artist, album, track, date] = fields as [string, string, string, string];
    // The export keeps the minute; the API has the second (23 s into it here).
    const uts = Date.parse(`${date} UTC`) / 1000 + 23;
    if (!Number.isFinite(uts)) continue;
    kept.push(line);
    scrobbles.push({ artist, album, track, uts });
    if (scrobbles.length === n) break;
  }
  return { scrobbles, csv: kept.join('\n') + '\n' };
}

beforeEach(async () => {
  clock = NOW;
  dir = tempDir();
  dbPath = join(dir.path, 'live.duckdb');
  services = await open();
});
afterEach(async () => {
  await services.close();
  dir.cleanup();
});

describe.skipIf(!hasSharedData)('the Last.fm poller', () => {
  it('back-fills page by page, survives a 503 and a restart, mirrors now playing, honours Retry-After, and merges with a later export import', async () => {
    const { scrobbles, csv } = realScrobbles(450);
    const distinctPlays = new Set(scrobbles.map((s) => `${s.uts}|${s.artist}|${s.track}`)).size;
    const lastfm = await lastfmServer({ user: 'RJ', apiKey: API_KEY, scrobbles });
    try {
      const userId = await aliceId();
      const added = await services.live.add({
        userId,
        kind: 'lastfm',
        settings: { url: `${lastfm.url}/2.0/`, user: 'RJ' },
        credentials: { apiKey: API_KEY },
      });
      const id = added.connection.id;
      // The key is stored sealed and never shown.
      expect(added.connection).toMatchObject({ kind: 'lastfm', status: 'new', credentials: ['apiKey'] });
      expect(JSON.stringify(await services.live.list())).not.toContain(API_KEY);
      const stored = await services.store.db.all<{ credentials: string }>(
        'SELECT credentials FROM live_connections',
      );
      expect(stored[0]!.credentials).not.toContain(API_KEY);

      // Page count first, then the oldest page (3 of 3, 200 a page).
      expect(await services.live.pollOnce(id)).toBe(1000);
      expect(await services.live.pollOnce(id)).toBe(1000);
      const afterOnePage = (await listens()).n;
      expect(afterOnePage).toBeGreaterThan(0);
      expect(afterOnePage).toBeLessThanOrEqual(200);

      // A 503: the connection shows it is failing and backs off.
      lastfm.failNext({ status: 503 });
      expect(await services.live.pollOnce(id)).toBeGreaterThanOrEqual(POLL_MS);
      const failing = await services.live.get(id);
      expect(failing.status).toBe('failing');
      expect(failing.lastError).toContain('HTTP 503');
      expect(failing.lastError).not.toContain(API_KEY);
      expect(failing.failingSince).toBe(new Date(NOW).toISOString());

      // A restart: the stored cursor resumes at page 2; nothing is fetched or stored twice.
      await restart();
      const before = lastfm.requests.length;
      expect(await pollUntilCaughtUp(id)).toBe(3);
      expect(
        lastfm.requests.slice(before).map((r) => new URL(r, 'http://x').searchParams.get('page')),
      ).toEqual(['2', '1', '1']);
      expect(await listens()).toEqual({ n: distinctPlays, distinct: distinctPlays });
      const ok = await services.live.get(id);
      expect(ok).toMatchObject({
        status: 'ok',
        failingSince: null,
        lastError: null,
        plays: scrobbles.length,
      });
      expect(ok.lastSuccess).toBe(new Date(NOW).toISOString());

      // Later: a 429 with Retry-After is honoured, then a new scrobble and the track playing now arrive.
      clock = NOW + 3_600_000;
      lastfm.state.scrobbles.push({
        artist: 'Burial',
        album: 'Untrue',
        track: 'Archangel',
        uts: NOW / 1000 + 1800,
      });
      lastfm.state.nowPlaying = { artist: 'Four Tet', album: 'New Energy', track: 'Baby' };
      lastfm.failNext({ status: 429, retryAfter: '7200' });
      expect(await services.live.pollOnce(id)).toBe(7_200_000);
      expect((await services.live.get(id)).lastError).toContain('HTTP 429');
      expect(await services.live.pollOnce(id)).toBe(POLL_MS);
      expect((await listens()).n).toBe(distinctPlays + 1);
      expect(services.playingNow.get(userId, clock)?.track).toMatchObject({
        artist: 'Four Tet',
        track: 'Baby',
      });
      // Polling again changes nothing.
      expect(await services.live.pollOnce(id)).toBe(POLL_MS);
      expect((await listens()).n).toBe(distinctPlays + 1);

      // The user's Last.fm export of the same plays, imported later: merged, not stored again.
      const exported = dir.file('lastfm_scrobbles.csv', csv);
      await services.close();
      const store = await openStore(dbPath);
      await importFiles(store.db, { paths: [exported], defaultUserName: 'alice', now: clock });
      const rows = await store.db.all<{ n: bigint }>('SELECT count(*) AS n FROM listens');
      expect(Number(rows[0]!.n)).toBe(distinctPlays + 1);
      const merged = await store.db.all<{ n: bigint }>(
        'SELECT count(DISTINCT listen_id) AS n FROM listen_sources',
      );
      expect(Number(merged[0]!.n)).toBeGreaterThan(0);
      store.close();
      services = await open();
    } finally {
      await lastfm.close();
    }
  });

  it('says what is wrong with a bad API key, and refuses bad settings with the field named', async () => {
    const lastfm = await lastfmServer({ user: 'RJ', apiKey: API_KEY, scrobbles: [] });
    try {
      const userId = await aliceId();
      const { connection } = await services.live.add({
        userId,
        kind: 'lastfm',
        settings: { url: `${lastfm.url}/2.0/`, user: 'RJ' },
        credentials: { apiKey: 'wrong' },
      });
      await services.live.pollOnce(connection.id);
      expect((await services.live.get(connection.id)).lastError).toContain('HTTP 403');
      await expect(
        services.live.add({ userId, kind: 'lastfm', settings: { url: 'not a url' }, credentials: {} }),
      ).rejects.toThrow(/settings\.url: .*settings\.user: .*/);
      await expect(
        services.live.add({ userId, kind: 'myspace', settings: {}, credentials: {} }),
      ).rejects.toThrow('Unknown live source "myspace"');
    } finally {
      await lastfm.close();
    }
  });
});

/** The listens of a real ListenBrainz export (koito's test fixture: a zip with listens/YYYY/M.jsonl). */
function exportListens(): { zip: string; listens: LbListen[] } {
  const zip = sharedFile('listenbrainz-export-fixtures', 'koito', 'listenbrainz_shoko1_1749780844.zip');
  const text = execFileSync('unzip', ['-p', zip, 'listens/2025/6.jsonl'], { encoding: 'utf8' });
  const listens = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LbListen);
  return { zip, listens };
}

describe.skipIf(!hasSharedData)('the ListenBrainz poller', () => {
  it('pages by min_ts across a restart, stores a play polled from two sources once, and a later export import adds nothing', async () => {
    const { zip, listens: real } = exportListens();
    expect(real.length).toBeGreaterThanOrEqual(5);
    // The same plays also scrobbled to Last.fm (a player scrobbling to both).
    const both: Scrobble[] = real.slice(0, 3).map((l) => ({
      artist: l.track_metadata.artist_name,
      track: l.track_metadata.track_name,
      album: l.track_metadata.release_name ?? '',
      uts: l.listened_at,
    }));
    const lb = await listenbrainzServer({
      user: 'shoko1',
      listens: real,
      playingNow: {
        artist_name: 'Boards of Canada',
        track_name: 'Roygbiv',
        additional_info: { duration: 150 },
      },
    });
    const lastfm = await lastfmServer({ user: 'shoko', apiKey: API_KEY, scrobbles: both });
    try {
      const userId = await aliceId();
      const lbConnection = await services.live.add({
        userId,
        kind: 'listenbrainz',
        settings: { url: lb.url, user: 'shoko1', count: 2 },
        credentials: {},
      });
      const id = lbConnection.connection.id;
      expect(await services.live.pollOnce(id)).toBe(1000);
      lb.failNext({ status: 500 });
      expect(await services.live.pollOnce(id)).toBeGreaterThanOrEqual(POLL_MS);
      await restart();
      await pollUntilCaughtUp(id);
      expect(await listens()).toEqual({ n: real.length, distinct: real.length });
      expect(lb.requests[0]).toBe('/1/user/shoko1/listens?min_ts=0&count=2');
      expect(services.playingNow.get(userId, clock)?.track).toMatchObject({
        artist: 'Boards of Canada',
        durationS: 150,
      });
      await pollUntilCaughtUp(id);
      expect((await listens()).n).toBe(real.length);

      // Last.fm reports three of the same plays: each merges into the listen already stored.
      const lf = await services.live.add({
        userId,
        kind: 'lastfm',
        settings: { url: `${lastfm.url}/2.0/`, user: 'shoko' },
        credentials: { apiKey: API_KEY },
      });
      await pollUntilCaughtUp(lf.connection.id);
      expect((await listens()).n).toBe(real.length);
      const sources = await services.store.db.all<{ n: bigint }>('SELECT count(*) AS n FROM listen_sources');
      expect(Number(sources[0]!.n)).toBe(3);

      // The user's ListenBrainz export, imported later: every play is there already.
      await services.close();
      const store = await openStore(dbPath);
      await importFiles(store.db, { paths: [zip], userName: 'alice', defaultUserName: 'alice', now: clock });
      const rows = await store.db.all<{ n: bigint }>('SELECT count(*) AS n FROM listens');
      expect(Number(rows[0]!.n)).toBe(real.length);
      store.close();
      services = await open();
    } finally {
      await lb.close();
      await lastfm.close();
    }
  });
});
