// The Audioscrobbler 2.0 endpoint driven in-process (app.inject), with form bodies as Last.fm
// clients send them. The routes are mounted on a bare Fastify app set up like buildApp's, so each
// test chooses the shared secret without touching the environment.
import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListenSubmitter } from '../../src/ingest/submit-service.js';
import { buildApp } from '../../src/server/app.js';
import { registerLastfmRoutes } from '../../src/server/lastfm/routes.js';
import { escapeXml } from '../../src/server/lastfm/render.js';
import { signParams } from '../../src/server/lastfm/signature.js';
import type { Database } from '../../src/store/database.js';
import { createToken } from '../../src/store/token-repository.js';
import { ensureUser } from '../../src/store/user-repository.js';
import { count, memoryDb } from '../support/temp.js';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const T = Math.floor(NOW / 1000) - 3600;
const SECRET = 'shared-secret';

let db: Database;
let app: FastifyInstance;
let token: string;

async function mount(secret: string | null): Promise<void> {
  app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  registerLastfmRoutes(app, { db, submitter: new ListenSubmitter(db), now: () => NOW, secret });
  await app.ready();
}

beforeEach(async () => {
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
    const unknown = await post({ method: 'user.getInfo', format: 'json' });
    expect(unknown.json()).toMatchObject({ error: 3 });
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
    const full = buildApp({ db, now: () => NOW }).app;
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
