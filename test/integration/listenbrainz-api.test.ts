// The ListenBrainz API driven in-process (app.inject), with the real fixtures from
// ../shared/fixtures/listenbrainz sent the way real clients send them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/database.js';
import { createToken } from '../../src/store/token-repository.js';
import { ensureUser } from '../../src/store/user-repository.js';
import { SHARED } from '../support/shared-data.js';
import { count, memoryDb } from '../support/temp.js';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const FIXTURES = join(SHARED, 'fixtures', 'listenbrainz');
const hasFixtures = existsSync(FIXTURES);
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

interface ListensPayload {
  count: number;
  latest_listen_ts: number;
  listens: { listened_at: number; track_metadata: { track_name: string } }[];
}

let db: Database;
let app: ReturnType<typeof buildApp>['app'];
let alice: string;
let bob: string;

beforeEach(async () => {
  db = await memoryDb();
  const a = await ensureUser(db, 'alice');
  const b = await ensureUser(db, 'bob');
  alice = await createToken(db, a.user.id);
  bob = await createToken(db, b.user.id);
  app = buildApp({ db, now: () => NOW }).app;
});
afterEach(async () => {
  await app.close();
  db.close();
});

/** As liblistenbrainz does it: no Content-Type header. */
function submit(body: string, token: string | null = alice) {
  return app.inject({
    method: 'POST',
    url: '/1/submit-listens',
    headers: token ? { authorization: `Token ${token}` } : {},
    payload: body,
  });
}

function single(at: number, artist: string, track: string): string {
  return JSON.stringify({
    listen_type: 'single',
    payload: [{ listened_at: at, track_metadata: { artist_name: artist, track_name: track } }],
  });
}

describe('validate-token', () => {
  it('accepts the token in the header or as ?token=, and says who it belongs to', async () => {
    const header = await app.inject({
      url: '/1/validate-token',
      headers: { authorization: `Token ${alice}` },
    });
    expect(header.json()).toEqual({ code: 200, message: 'Token valid.', valid: true, user_name: 'alice' });
    const query = await app.inject({ url: `/1/validate-token?token=${bob}` });
    expect(query.json()).toMatchObject({ valid: true, user_name: 'bob' });
    const wrong = await app.inject({ url: '/1/validate-token?token=00000000-0000-0000-0000-000000000000' });
    expect(wrong.statusCode).toBe(200);
    expect(wrong.json()).toEqual({ code: 200, message: 'Token invalid.', valid: false });
    const missing = await app.inject({ url: '/1/validate-token' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({ code: 400, error: 'You need to provide an Authorization token.' });
  });
});

describe('submit-listens', () => {
  it('stores a listen sent without Content-Type, and it reads back newest first', async () => {
    const t = Math.floor(NOW / 1000) - 600;
    expect((await submit(single(t - 300, 'Burial', 'Archangel'))).json()).toEqual({ status: 'ok' });
    expect((await submit(single(t, 'Four Tet', 'Baby'))).statusCode).toBe(200);
    const res = await app.inject({
      url: '/1/user/alice/listens',
      headers: { authorization: `Token ${alice}` },
    });
    const payload = res.json<{ payload: ListensPayload }>().payload;
    expect(payload.count).toBe(2);
    expect(payload.latest_listen_ts).toBe(t);
    expect(payload.listens.map((l) => l.track_metadata.track_name)).toEqual(['Baby', 'Archangel']);
    const count = await app.inject({
      url: '/1/user/alice/listen-count',
      headers: { authorization: `Token ${alice}` },
    });
    expect(count.json()).toEqual({ payload: { count: 2 } });
  });

  it('is the same write path as imports: the same play twice is stored once', async () => {
    const body = single(Math.floor(NOW / 1000) - 60, 'Burial', 'Archangel');
    await submit(body);
    await submit(body);
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(1);
  });

  it('refuses a request without a valid token', async () => {
    const none = await submit(single(1_700_000_000, 'A', 'B'), null);
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ code: 401, error: 'You need to provide an Authorization header.' });
    const bad = await submit(single(1_700_000_000, 'A', 'B'), 'not-a-token');
    expect(bad.json()).toEqual({ code: 401, error: 'Invalid authorization token.' });
  });

  it("writes as the token's user only", async () => {
    await submit(single(1_700_000_000, 'A', 'B'), bob);
    expect(
      await count(
        db,
        "SELECT count(*) n FROM listens l JOIN users u ON u.id = l.user_id WHERE u.name = 'bob'",
      ),
    ).toBe(1);
    expect(
      await count(
        db,
        "SELECT count(*) n FROM listens l JOIN users u ON u.id = l.user_id WHERE u.name = 'alice'",
      ),
    ).toBe(0);
  });
});

describe('private and public profiles', () => {
  it('a private profile needs its own token; a public one is readable by anyone', async () => {
    const anonymous = await app.inject({ url: '/1/user/alice/listens' });
    expect(anonymous.statusCode).toBe(401);
    const other = await app.inject({
      url: '/1/user/alice/listens',
      headers: { authorization: `Token ${bob}` },
    });
    expect(other.statusCode).toBe(403);
    await db.run("UPDATE users SET privacy = 'public' WHERE name = 'alice'");
    expect((await app.inject({ url: '/1/user/alice/listens' })).statusCode).toBe(200);
    const unknown = await app.inject({ url: '/1/user/nobody/listens' });
    expect(unknown.json()).toEqual({ code: 404, error: 'Cannot find user: nobody' });
  });

  it('checks min_ts / max_ts like ListenBrainz', async () => {
    await db.run("UPDATE users SET privacy = 'public' WHERE name = 'alice'");
    for (const at of [1_700_000_000, 1_700_000_100, 1_700_000_200]) await submit(single(at, 'A', `T${at}`));
    const after = await app.inject({ url: '/1/user/alice/listens?min_ts=1700000000&count=1' });
    expect(after.json<{ payload: ListensPayload }>().payload.listens.map((l) => l.listened_at)).toEqual([
      1_700_000_100,
    ]);
    const bad = await app.inject({ url: '/1/user/alice/listens?min_ts=5&max_ts=5' });
    expect(bad.json()).toEqual({ code: 400, error: 'max_ts should be greater than min_ts' });
  });
});

describe.skipIf(!hasFixtures)('the ListenBrainz fixtures', () => {
  it.each([
    ['valid_single.json', 1],
    ['valid_import.json', 2],
    ['same_batch_duplicates.json', 1],
    ['user_export_test.json', 3],
    ['valid_duration.json', 1],
    ['additional_info.json', 1],
    ['invalid_mbid_listens.json', 2],
  ])('%s is accepted and stores %i listen(s)', async (name, stored) => {
    const res = await submit(fixture(name));
    expect(res.json()).toEqual({ status: 'ok' });
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(stored);
  });

  it('the same timestamp with different tracks stores all four', async () => {
    for (const name of [
      'valid_single.json',
      'same_timestamp_diff_track_valid_single.json',
      'same_timestamp_diff_track_valid_single_2.json',
      'same_timestamp_diff_track_valid_single_3.json',
    ]) {
      expect((await submit(fixture(name))).statusCode).toBe(200);
    }
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(4);
  });

  it.each([
    ['single_more_than_one_listen.json', 'JSON document contains more than listen for a single/playing_now'],
    [
      'playing_now_more_than_one_listen.json',
      'JSON document contains more than listen for a single/playing_now',
    ],
    ['playing_now_with_ts.json', 'should not contain listened_at'],
    ['timestamp_before_lfm_founding.json', 'should be greater than 1033410600 (2002-10-01 00:00:00 UTC)'],
    ['timestamp_in_ns.json', 'Value for key listened_at is too high.'],
    ['invalid_listen_null_listened_at.json', 'listened_at'],
    ['invalid_listen_missing_track_metadata.json', 'track_metadata'],
    ['invalid_listen_null_track_metadata.json', 'track_metadata'],
    ['invalid_listen_nan_in_json.json', 'Cannot parse JSON document'],
    ['empty_track_name.json', 'track_metadata.track_name is empty'],
    ['empty_artist_name.json', 'track_metadata.artist_name is empty'],
    ['artist_name_list.json', 'track_metadata.artist_name must be a single string.'],
    ['invalid_release_name.json', 'track_metadata.release_name must be a single string.'],
    ['invalid_release_mbid.json', 'release_mbid MBID format invalid.'],
    ['invalid_recording_mbid.json', 'recording_mbid MBID format invalid.'],
    ['invalid_artist_mbid.json', 'artist_mbids MBID format invalid.'],
    ['multi_duration.json', 'should not contain both duration and duration_ms'],
    ['invalid_duration.json', 'duration'],
    ['too_many_tags.json', 'tags'],
    ['too_long_tag.json', 'tags'],
    ['too_large_listen.json', 'JSON document is too large. Each listens may not be larger than 10240 bytes'],
    ['listen_having_unicode_null.json', 'contains a unicode null'],
  ])('%s is rejected whole with 400 and a ListenBrainz message', async (name, message) => {
    const res = await submit(fixture(name));
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe(400);
    expect(body.error).toContain(message);
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(0);
  });

  it('more than 1000 listens at once is refused', async () => {
    const doc = JSON.parse(fixture('valid_import.json')) as { payload: unknown[] };
    doc.payload = Array.from({ length: 501 }, () => doc.payload).flat();
    const res = await submit(JSON.stringify(doc));
    expect(res.json()).toEqual({
      code: 400,
      error: 'Too many listens. You may not submit more than 1000 listens at once.',
    });
  });

  it('playing_now is shown, not stored', async () => {
    expect((await submit(fixture('valid_playing_now.json'))).json()).toEqual({ status: 'ok' });
    expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(0);
    const res = await app.inject({
      url: '/1/user/alice/playing-now',
      headers: { authorization: `Token ${alice}` },
    });
    expect(res.json().payload).toMatchObject({ count: 1, user_id: 'alice', playing_now: true });
    expect(res.json().payload.listens[0].track_metadata.artist_name).toBeTruthy();
  });
});

describe('CORS and rate limits', () => {
  it('answers a preflight as ListenBrainz does', async () => {
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/1/submit-listens',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'POST' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-headers']).toBe('Authorization, Content-Type');
    expect(res.headers['access-control-max-age']).toBe('21600');
  });

  it('limits requests per token with X-RateLimit-* headers, then 429', async () => {
    const limited = buildApp({ db, now: () => NOW, rateLimit: 3 }).app;
    try {
      const get = () =>
        limited.inject({ url: '/1/validate-token', headers: { authorization: `Token ${alice}` } });
      const first = await get();
      expect(first.headers['x-ratelimit-limit']).toBe('3');
      expect(first.headers['x-ratelimit-remaining']).toBe('2');
      expect(Number(first.headers['x-ratelimit-reset-in'])).toBeGreaterThan(0);
      await get();
      await get();
      const over = await get();
      expect(over.statusCode).toBe(429);
      expect(over.json<{ code: number; error: string }>()).toMatchObject({ code: 429 });
      // another token has its own window
      const other = await limited.inject({
        url: '/1/validate-token',
        headers: { authorization: `Token ${bob}` },
      });
      expect(other.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('statistics endpoints', () => {
  it('top artists and listening activity in ListenBrainz shapes, for the calendar ranges', async () => {
    await db.run("UPDATE users SET privacy = 'public' WHERE name = 'alice'");
    const day = 86_400;
    const now = Math.floor(NOW / 1000);
    for (const [at, artist] of [
      [now - 1 * day, 'Burial'],
      [now - 2 * day, 'Burial'],
      [now - 3 * day, 'Four Tet'],
      [now - 400 * day, 'Four Tet'],
    ] as const) {
      await submit(single(at, artist, `${artist} ${at}`));
    }
    const all = await app.inject({ url: '/1/stats/user/alice/artists' });
    const payload = all.json<{
      payload: { range: string; artists: { artist_name: string; listen_count: number }[] };
    }>().payload;
    expect(payload.range).toBe('all_time');
    expect(payload.artists).toEqual([
      { artist_name: 'Burial', artist_mbid: null, listen_count: 2 },
      { artist_name: 'Four Tet', artist_mbid: null, listen_count: 2 },
    ]);
    const month = await app.inject({ url: '/1/stats/user/alice/artists?range=this_year' });
    expect(
      month
        .json<{ payload: { artists: { listen_count: number }[] } }>()
        .payload.artists.map((a) => a.listen_count),
    ).toEqual([2, 1]);
    const activity = await app.inject({ url: '/1/stats/user/alice/listening-activity?range=this_month' });
    const buckets = activity.json<{ payload: { listening_activity: { listen_count: number }[] } }>().payload
      .listening_activity;
    expect(buckets.reduce((n, b) => n + b.listen_count, 0)).toBe(3);
    const bad = await app.inject({ url: '/1/stats/user/alice/artists?range=fortnight' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('group commit', () => {
  it('concurrent submissions are all acknowledged, all stored, in fewer transactions', async () => {
    const built = buildApp({ db, now: () => NOW });
    try {
      const base = Math.floor(NOW / 1000) - 100_000;
      const responses = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          built.app.inject({
            method: 'POST',
            url: '/1/submit-listens',
            headers: { authorization: `Token ${i % 2 ? alice : bob}` },
            payload: single(base + i * 300, 'Artist', `Track ${i}`),
          }),
        ),
      );
      expect(responses.every((r) => r.statusCode === 200)).toBe(true);
      expect(await count(db, 'SELECT count(*) n FROM listens')).toBe(60);
      expect(built.submitter.transactions).toBeLessThan(60);
    } finally {
      await built.app.close();
    }
  });
});
