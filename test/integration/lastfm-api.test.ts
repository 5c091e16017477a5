// The Audioscrobbler 2.0 endpoint driven in-process (app.inject), with form bodies as Last.fm
// clients send them. The routes are mounted on a bare Fastify app set up like buildApp's, so each
// test chooses the shared secret without touching the environment.
import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/domain/secret-box.js';
import { PlayingNowBoard } from '../../src/ingest/now-playing.js';
import { ListenSubmitter } from '../../src/ingest/submit-service.js';
import { testApp } from '../support/app.js';
import { registerLastfmRoutes } from '../../src/server/lastfm/routes.js';
import { escapeXml } from '../../src/server/lastfm/render.js';
import { signParams } from '../../src/server/lastfm/signature.js';
import type { Database } from '../../src/store/database.js';
import { storeOn } from '../../src/store/index.js';
import { createToken } from '../../src/store/token-repository.js';
import { ensureUser, updateUser } from '../../src/store/user-repository.js';
import { count, memoryDb } from '../support/temp.js';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const T = Math.floor(NOW / 1000) - 3600;
const SECRET = 'shared-secret';
const box = SecretBox.random();

let db: Database;
let app: FastifyInstance;
let token: string;
let clock = NOW;

async function mount(secret: string | null): Promise<void> {
  app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  registerLastfmRoutes(app, {
    store: storeOn(db),
    submitter: new ListenSubmitter(db),
    now: () => clock,
    secret,
    playingNow: new PlayingNowBoard(),
    credentials: () => box,
  });
  await app.ready();
}

beforeEach(async () => {
  clock = NOW;
  db = await memoryDb();
  const alice = await ensureUser(db, 'alice');
  token = await createToken(db, alice.user.id);
  await mount(null);
});
afterEach(async () => {
  await app.close();
  db.close();
});

function post(params: Record<string, string>, { sign = false, url = '/2.0/' } = {}) {
  const map = new Map(Object.entries(params));
  if (sign) map.set('api_sig', signParams(map, SECRET));
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([...map]).toString(),
  });
}

async function session(): Promise<string> {
  const res = await post({
    method: 'auth.getMobileSession',
    username: 'alice',
    password: token,
    format: 'json',
  });
  return res.json<{ session: { key: string } }>().session.key;
}

function storedListens() {
  return db.all<{
    artist: string;
    track: string;
    release: string | null;
    at: string;
    duration_ms: number | null;
  }>(
    `SELECT artist, track, release, strftime(listened_at, '%Y-%m-%dT%H:%M:%S') AS at, duration_ms
     FROM listens ORDER BY listened_at`,
  );
}

const iso = (s: number) => new Date(s * 1000).toISOString().slice(0, 19);

describe('auth.getMobileSession', () => {
  it('answers in XML by default, with a session key that works as sk', async () => {
    const res = await post({
      method: 'auth.getMobileSession',
      username: 'alice',
      password: token,
      api_key: 'k',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    const match =
      /<lfm status="ok"><session><name>alice<\/name><key>([0-9a-f-]{36})<\/key><subscriber>0<\/subscriber><\/session><\/lfm>/.exec(
        res.body,
      );
    expect(match).not.toBeNull();
    const np = await post({
      method: 'track.updateNowPlaying',
      artist: 'Burial',
      track: 'Archangel',
      sk: match![1]!,
    });
    expect(np.statusCode).toBe(200);
    expect(np.body).toContain('<track corrected="0">Archangel</track>');
  });

  it('answers in JSON with format=json or an Accept header, also by GET on /2.0', async () => {
    const res = await post({
      method: 'auth.getMobileSession',
      username: 'Alice',
      password: token,
      format: 'json',
    });
    expect(res.json()).toEqual({ session: { name: 'alice', key: expect.any(String), subscriber: 0 } });
    const query = new URLSearchParams({
      method: 'auth.getMobileSession',
      username: 'alice',
      password: token,
    });
    const get = await app.inject({
      url: `/2.0?${query.toString()}`,
      headers: { accept: 'application/json' },
    });
    expect(get.json()).toMatchObject({ session: { name: 'alice', subscriber: 0 } });
  });

  it('refuses a wrong token, or a token of another user, with error 4', async () => {
    const bob = await ensureUser(db, 'bob');
    const bobs = await createToken(db, bob.user.id);
    for (const password of ['not-a-token', bobs]) {
      const res = await post({ method: 'auth.getMobileSession', username: 'alice', password });
      expect(res.statusCode).toBe(403);
      expect(res.body).toMatch(/<lfm status="failed"><error code="4">Authentication Failed/);
    }
    const none = await post({ method: 'auth.getMobileSession', username: 'alice', format: 'json' });
    expect(none.json()).toMatchObject({ error: 6 });
  });
});

describe('track.scrobble', () => {
  it('stores a batch in array notation and reports what it accepted and ignored', async () => {
    const sk = await session();
    const params: Record<string, string> = { method: 'track.scrobble', sk, api_key: 'k', format: 'json' };
    for (let i = 0; i < 12; i++) {
      params[`artist[${i}]`] = `Artist ${i}`;
      params[`track[${i}]`] = `Track ${i}`;
      params[`timestamp[${i}]`] = String(T - 600 * (12 - i));
    }
    params['album[0]'] = 'Untrue';
    params['duration[0]'] = '238';
    params['artist[3]'] = '';
    params['track[4]'] = ' ';
    params['timestamp[5]'] = '1000000000'; // 2001
    params['timestamp[10]'] = String(T + 3 * 3600); // two hours past NOW
    const res = await post(params);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.scrobbles['@attr']).toEqual({ accepted: 8, ignored: 4 });
    const codes = (body.scrobbles.scrobble as { ignoredMessage: { code: string } }[]).map(
      (s) => s.ignoredMessage.code,
    );
    expect(codes).toEqual(['0', '0', '0', '1', '2', '3', '0', '0', '0', '0', '4', '0']);
    expect(body.scrobbles.scrobble[0]).toEqual({
      track: { corrected: '0', '#text': 'Track 0' },
      artist: { corrected: '0', '#text': 'Artist 0' },
      album: { corrected: '0', '#text': 'Untrue' },
      albumArtist: { corrected: '0', '#text': '' },
      timestamp: String(T - 7200),
      ignoredMessage: { code: '0', '#text': '' },
    });

    const listens = await storedListens();
    expect(listens).toHaveLength(8);
    expect(listens[0]).toEqual({
      artist: 'Artist 0',
      track: 'Track 0',
      release: 'Untrue',
      at: iso(T - 7200),
      duration_ms: 238_000,
    });
    expect(listens.map((l) => l.track)).toEqual([0, 1, 2, 6, 7, 8, 9, 11].map((i) => `Track ${i}`));
    expect(
      await count(db, "SELECT count(*) n FROM listens WHERE source = 'lastfm' AND format = 'lastfm-api'"),
    ).toBe(8);
  });

  it('answers a single scrobble (no [i]) with an object, in XML too, and stores a repeat once', async () => {
    const sk = await session();
    const one = {
      method: 'track.scrobble',
      sk,
      artist: 'Burial & <Four Tet>',
      track: "Nova's",
      timestamp: String(T),
    };
    const first = await post(one);
    expect(first.body).toContain('<scrobbles accepted="1" ignored="0"><scrobble>');
    expect(first.body).toContain('<artist corrected="0">Burial &amp; &lt;Four Tet&gt;</artist>');
    expect(first.body).toContain('<track corrected="0">Nova&apos;s</track>');
    expect(first.body).toContain('<ignoredMessage code="0"></ignoredMessage>');
    const again = await post({ ...one, format: 'json' });
    expect(again.json().scrobbles.scrobble).toMatchObject({ artist: { '#text': 'Burial & <Four Tet>' } });
    expect(Array.isArray(again.json().scrobbles.scrobble)).toBe(false);
    const listens = await storedListens();
    expect(listens).toEqual([
      { artist: 'Burial & <Four Tet>', track: "Nova's", release: null, at: iso(T), duration_ms: null },
    ]);
  });

  it('refuses a bad session key with error 9 and stores nothing', async () => {
    const res = await post({
      method: 'track.scrobble',
      sk: 'nope',
      artist: 'A',
      track: 'B',
      timestamp: String(T),
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('<error code="9">Invalid session key');
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(0);
  });

  it('fails a request missing a timestamp with error 6, and an unknown method with 3', async () => {
    const sk = await session();
    const res = await post({
      method: 'track.scrobble',
      sk,
      'artist[0]': 'A',
      'track[0]': 'B',
      format: 'json',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 6, message: expect.stringContaining('timestamp') });
    const unknown = await post({ method: 'track.love', format: 'json' });
    expect(unknown.json()).toMatchObject({ error: 3 });
  });
});

describe('user.getInfo and user.getRecentTracks', () => {
  const RECORDING = '8f3471b5-7e6a-48da-86a9-c1c07a0f47ae';
  const ARTIST = 'a74b1b7f-71a5-4011-9441-d0b5e4122711';
  const RELEASE = 'b1392450-e666-3926-a536-22c65f834433';
  interface RecentTrack {
    artist: { '#text'?: string; name?: string; mbid: string };
    name: string;
    mbid: string;
    album: { '#text': string; mbid: string };
    date?: { uts: string; '#text': string };
    '@attr'?: { nowplaying: string };
    loved?: string;
  }
  interface Recent {
    recenttracks: { track: RecentTrack | RecentTrack[]; '@attr': Record<string, string> };
  }
  const asList = (t: RecentTrack | RecentTrack[]) => (Array.isArray(t) ? t : [t]);

  /** Alice's three scrobbles, an hour apart, the oldest with MBIDs. */
  async function scrobbleThree(sk: string): Promise<void> {
    const res = await post({
      method: 'track.scrobble',
      sk,
      'artist[0]': 'Radiohead',
      'track[0]': 'Karma Police',
      'album[0]': 'OK Computer',
      'timestamp[0]': String(T - 7200),
      'mbid[0]': RECORDING,
      'artist[1]': 'Burial',
      'track[1]': 'Archangel',
      'album[1]': 'Untrue',
      'timestamp[1]': String(T - 3600),
      'artist[2]': 'Björk',
      'track[2]': 'Jóga',
      'timestamp[2]': String(T),
    });
    expect(res.statusCode).toBe(200);
    await db.run(
      `UPDATE listens SET artist_mbids = ['${ARTIST}'], release_mbid = '${RELEASE}' WHERE track = 'Karma Police'`,
    );
  }

  const read = (params: Record<string, string>) => post({ format: 'json', ...params });

  it('user.getInfo shows the account: name, playcount, registered (the oldest listen when earlier)', async () => {
    const sk = await session();
    await scrobbleThree(sk);
    const res = await read({ method: 'user.getInfo', sk });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: expect.objectContaining({
        name: 'alice',
        realname: '',
        playcount: '3',
        subscriber: '0',
        type: 'user',
        registered: { unixtime: String(T - 7200), '#text': T - 7200 },
        url: expect.stringMatching(/\/api\/listens\?user=alice$/),
      }),
    });
    const xml = await post({ method: 'user.getinfo', user: 'ALICE', sk });
    expect(xml.headers['content-type']).toMatch(/^text\/xml/);
    expect(xml.body).toContain('<lfm status="ok"><user><name>alice</name>');
    expect(xml.body).toContain(`<playcount>3</playcount>`);
    expect(xml.body).toContain(`<registered unixtime="${T - 7200}">${T - 7200}</registered>`);
  });

  it('user.getRecentTracks pages newest first with Last.fm’s shape and @attr counts', async () => {
    const sk = await session();
    await scrobbleThree(sk);
    const first = await read({ method: 'user.getRecentTracks', user: 'alice', sk, limit: '2' });
    expect(first.statusCode).toBe(200);
    const body = first.json<Recent>().recenttracks;
    expect(body['@attr']).toEqual({ user: 'alice', page: '1', perPage: '2', totalPages: '2', total: '3' });
    const tracks = asList(body.track);
    expect(tracks.map((t) => t.name)).toEqual(['Jóga', 'Archangel']);
    expect(tracks[1]).toMatchObject({
      artist: { '#text': 'Burial', mbid: '' },
      album: { '#text': 'Untrue', mbid: '' },
      mbid: '',
      date: { uts: String(T - 3600), '#text': '22 Nov 2026, 10:00' },
    });

    // The last page holds one track: an object, as Last.fm sends it.
    const second = await read({ method: 'user.getRecentTracks', user: 'alice', sk, limit: '2', page: '2' });
    const last = second.json<Recent>().recenttracks;
    expect(Array.isArray(last.track)).toBe(false);
    expect(last.track).toMatchObject({
      name: 'Karma Police',
      mbid: RECORDING,
      artist: { '#text': 'Radiohead', mbid: ARTIST },
      album: { '#text': 'OK Computer', mbid: RELEASE },
    });
    expect(last['@attr']).toMatchObject({ page: '2', total: '3' });

    // from and to: only scrobbles after `from` and before `to` (epoch seconds).
    const range = await read({
      method: 'user.getRecentTracks',
      user: 'alice',
      sk,
      from: String(T - 7200),
      to: String(T),
    });
    expect(asList(range.json<Recent>().recenttracks.track).map((t) => t.name)).toEqual(['Archangel']);
    expect(range.json<Recent>().recenttracks['@attr']).toMatchObject({ total: '1', totalPages: '1' });

    const extended = await read({ method: 'user.getRecentTracks', sk, extended: '1', limit: '1' });
    expect(extended.json<Recent>().recenttracks.track).toMatchObject({
      artist: { name: 'Björk', mbid: '' },
      loved: '0',
    });

    const xml = await post({ method: 'user.getRecentTracks', user: 'alice', sk, limit: '1' });
    expect(xml.body).toContain(
      '<lfm status="ok"><recenttracks user="alice" page="1" perPage="1" totalPages="3" total="3"><track>' +
        '<artist mbid="">Björk</artist>',
    );
    expect(xml.body).toContain(`<date uts="${T}">22 Nov 2026, 11:00</date>`);

    const none = await read({ method: 'user.getRecentTracks', sk, page: '9' });
    expect(none.json<Recent>().recenttracks.track).toEqual([]);
  });

  it('shows the track playing now first on page 1, without a date, until it has had its time', async () => {
    const sk = await session();
    await scrobbleThree(sk);
    await post({
      method: 'track.updateNowPlaying',
      sk,
      artist: 'Four Tet',
      track: 'Two Thousand and Seventeen',
      duration: '300',
    });
    const res = await read({ method: 'user.getRecentTracks', user: 'alice', sk, limit: '2' });
    const tracks = asList(res.json<Recent>().recenttracks.track);
    expect(tracks).toHaveLength(3);
    expect(tracks[0]).toMatchObject({
      name: 'Two Thousand and Seventeen',
      artist: { '#text': 'Four Tet' },
      '@attr': { nowplaying: 'true' },
    });
    expect(tracks[0]!.date).toBeUndefined();
    expect(res.json<Recent>().recenttracks['@attr']).toMatchObject({ total: '3' });
    const xml = await post({ method: 'user.getRecentTracks', user: 'alice', sk, limit: '1' });
    expect(xml.body).toContain('<track nowplaying="true"><artist mbid="">Four Tet</artist>');

    clock = NOW + 301_000;
    const later = await read({ method: 'user.getRecentTracks', user: 'alice', sk, limit: '2' });
    expect(asList(later.json<Recent>().recenttracks.track).map((t) => t.name)).toEqual(['Jóga', 'Archangel']);
  });

  it('refuses a private profile without its session key (17), an unknown user (6), and bad numbers (6)', async () => {
    const sk = await session();
    await scrobbleThree(sk);
    const bob = await ensureUser(db, 'bob');
    const bobToken = await createToken(db, bob.user.id);
    const bobSk = (
      await post({ method: 'auth.getMobileSession', username: 'bob', password: bobToken, format: 'json' })
    ).json<{ session: { key: string } }>().session.key;

    for (const method of ['user.getRecentTracks', 'user.getInfo']) {
      const anonymous = await read({ method, user: 'alice' });
      expect(anonymous.statusCode).toBe(403);
      expect(anonymous.json()).toEqual({
        error: 17,
        message: "Login required - alice's profile is private: send alice's session key (sk) to read it",
      });
      const other = await read({ method, user: 'alice', sk: bobSk });
      expect(other.json()).toMatchObject({ error: 17, message: expect.stringContaining("bob's") });
      const xml = await post({ method, user: 'alice' });
      expect(xml.body).toContain('<lfm status="failed"><error code="17">Login required');

      const unknown = await read({ method, user: 'nobody' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toEqual({
        error: 6,
        message: 'User not found - no user named "nobody" on this server',
      });
      expect((await read({ method, sk: 'not-a-session' })).json()).toMatchObject({ error: 9 });
      expect((await read({ method })).json()).toMatchObject({
        error: 6,
        message: expect.stringContaining('missing a required parameter: user'),
      });
    }

    // An admin reads any profile; a public one needs no session key.
    const admin = await createToken(db, 1);
    expect((await read({ method: 'user.getRecentTracks', user: 'alice', sk: admin })).statusCode).toBe(200);
    await updateUser(db, (await ensureUser(db, 'alice')).user, { privacy: 'public' });
    const open = await read({ method: 'user.getRecentTracks', user: 'alice' });
    expect(open.statusCode).toBe(200);
    expect(open.json<Recent>().recenttracks['@attr']).toMatchObject({ total: '3' });

    const limit = await read({ method: 'user.getRecentTracks', user: 'alice', limit: 'ten' });
    expect(limit.statusCode).toBe(400);
    expect(limit.json()).toEqual({
      error: 6,
      message: 'Invalid parameters - limit must be a whole number of at least 1, not "ten"',
    });
    const capped = await read({ method: 'user.getRecentTracks', user: 'alice', limit: '5000' });
    expect(capped.json<Recent>().recenttracks['@attr']).toMatchObject({ perPage: '200' });
    expect(
      (await read({ method: 'user.getRecentTracks', user: 'alice', to: '1'.repeat(40) })).json(),
    ).toMatchObject({
      error: 6,
      message: expect.stringContaining('to must be a whole number from 0 to 253402300799'),
    });
    expect((await read({ method: 'user.getRecentTracks', user: 'alice', page: '0' })).json()).toMatchObject({
      error: 6,
      message: expect.stringContaining('page must be'),
    });
  });
});

describe('api_sig with a shared secret', () => {
  beforeEach(async () => {
    await app.close();
    await mount(SECRET);
  });

  it('signs names in code-unit order, so artist[10] comes before artist[1]', () => {
    const params = new Map([
      ['artist[1]', 'b'],
      ['artist[10]', 'a'],
      ['format', 'json'],
      ['method', 'track.scrobble'],
    ]);
    const expected = createHash('md5')
      .update(`artist[10]aartist[1]bmethodtrack.scrobble${SECRET}`)
      .digest('hex');
    expect(signParams(params, SECRET)).toBe(expected);
  });

  it('accepts a correctly signed batch of 11 scrobbles and refuses a wrong signature with 13', async () => {
    const login = await post(
      { method: 'auth.getMobileSession', username: 'alice', password: token, api_key: 'k', format: 'json' },
      { sign: true },
    );
    const sk = login.json<{ session: { key: string } }>().session.key;
    const params: Record<string, string> = { method: 'track.scrobble', sk, api_key: 'k', format: 'json' };
    for (let i = 0; i < 11; i++) {
      params[`artist[${i}]`] = 'Burial';
      params[`track[${i}]`] = `Track ${i}`;
      params[`timestamp[${i}]`] = String(T - 300 * i);
    }
    const signed = await post(params, { sign: true });
    expect(signed.json().scrobbles['@attr']).toEqual({ accepted: 11, ignored: 0 });
    // Upper-case hex is accepted too.
    const upper = new Map(Object.entries({ ...params, 'timestamp[0]': String(T + 60) }));
    const sig = signParams(upper, SECRET).toUpperCase();
    expect((await post({ ...Object.fromEntries(upper), api_sig: sig })).statusCode).toBe(200);

    const wrong = await post({ ...params, api_sig: '0'.repeat(32) });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toEqual({ error: 13, message: 'Invalid method signature supplied' });
    const unsigned = await post({ method: 'auth.getMobileSession', username: 'alice', password: token });
    expect(unsigned.body).toContain('<error code="13">');
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(12);
  });
});

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
  });
});

describe('buildApp', () => {
  it('mounts the Last.fm endpoint beside the ListenBrainz one', async () => {
    const full = testApp(db, { now: () => NOW }).app;
    try {
      const res = await full.inject({
        method: 'POST',
        url: '/2.0/',
        payload: 'method=track.love&format=json',
      });
      expect(res.json()).toMatchObject({ error: 3 });
    } finally {
      await full.close();
    }
  });
});
