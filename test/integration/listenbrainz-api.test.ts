// The ListenBrainz API driven in-process (app.inject) through every rule, limit, message and status
// code of ../shared/reference/listenbrainz.md §1, sent the way real clients send them (no
// Content-Type), with the real fixtures from ../shared/fixtures/listenbrainz where they exist.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListenSubmitter } from '../../src/ingest/submit-service.js';
import { testApp } from '../support/app.js';
import type { App } from '../../src/server/app.js';
import type { Database } from '../../src/store/database.js';
import { createToken, rotateToken } from '../../src/store/token-repository.js';
import { ensureUser } from '../../src/store/user-repository.js';
import { SHARED } from '../support/shared-data.js';
import { count, memoryDb } from '../support/temp.js';

/** Sunday 22 November 2026, 12:00 UTC. */
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const NOW_S = NOW / 1000;
const FIXTURES = join(SHARED, 'fixtures', 'listenbrainz');
const hasFixtures = existsSync(FIXTURES);
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

type Obj = Record<string, unknown>;
interface ApiListen {
  listened_at: number;
  inserted_at: number;
  recording_msid: string;
  user_name: string;
  track_metadata: {
    artist_name: string;
    track_name: string;
    release_name?: string;
    additional_info: Obj;
  };
}
interface ListensPayload {
  count: number;
  user_id: string;
  latest_listen_ts: number;
  oldest_listen_ts: number;
  listens: ApiListen[];
}

let db: Database;
let clock: number;
let app: App['app'];
let alice: string;
let bob: string;

beforeEach(async () => {
  db = await memoryDb();
  const a = await ensureUser(db, 'alice');
  const b = await ensureUser(db, 'bob');
  alice = await createToken(db, a.user.id);
  bob = await createToken(db, b.user.id);
  clock = NOW;
  app = testApp(db, { now: () => clock }).app;
});
afterEach(async () => {
  await app.close();
  db.close();
});

const auth = (token: string | null) => (token ? { authorization: `Token ${token}` } : {});

/** As liblistenbrainz does it: the body as text, no Content-Type header. */
function submit(body: string, token: string | null = alice, url = '/1/submit-listens') {
  return app.inject({ method: 'POST', url, headers: auth(token), payload: body });
}

function post(url: string, body: unknown, token: string | null = alice) {
  return app.inject({
    method: 'POST',
    url,
    headers: auth(token),
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

function get(url: string, token: string | null = null) {
  return app.inject({ url, headers: auth(token) });
}

const meta = (artist: string, track: string, extra: Obj = {}) => ({
  artist_name: artist,
  track_name: track,
  ...extra,
});

function doc(listenType: string, payload: unknown[]): string {
  return JSON.stringify({ listen_type: listenType, payload });
}

function single(at: number, artist: string, track: string, extra: Obj = {}): string {
  return doc('single', [{ listened_at: at, track_metadata: meta(artist, track, extra) }]);
}

async function listensOf(user: string, query = '', token: string | null = alice): Promise<ListensPayload> {
  const res = await get(`/1/user/${user}/listens${query}`, token);
  expect(res.statusCode).toBe(200);
  return res.json<{ payload: ListensPayload }>().payload;
}

const stored = (sql = 'SELECT count(*) n FROM listens') => count(db, sql);

/** Expects a ListenBrainz error: the status, and `{code, error}` with the exact message. */
function expectError(res: Awaited<ReturnType<typeof submit>>, status: number, message: string): void {
  expect(res.statusCode).toBe(status);
  expect(res.json()).toMatchObject({ code: status, error: message });
}

describe('validate-token', () => {
  it('takes the token from the header or from ?token=, and says whose it is', async () => {
    const header = await get('/1/validate-token', alice);
    expect(header.json()).toEqual({ code: 200, message: 'Token valid.', valid: true, user_name: 'alice' });
    const lowerCase = await app.inject({
      url: '/1/validate-token',
      headers: { authorization: `token ${bob}` },
    });
    expect(lowerCase.json()).toMatchObject({ valid: true, user_name: 'bob' });
    // liblistenbrainz: the query form, no header
    expect((await get(`/1/validate-token?token=${bob}`)).json()).toMatchObject({
      valid: true,
      user_name: 'bob',
    });
  });

  it('answers 200 for an unknown token and 400 without one', async () => {
    const wrong = await get('/1/validate-token?token=00000000-0000-0000-0000-000000000000');
    expect(wrong.statusCode).toBe(200);
    expect(wrong.json()).toEqual({ code: 200, message: 'Token invalid.', valid: false });
    expectError(await get('/1/validate-token'), 400, 'You need to provide an Authorization token.');
  });

  it('no longer knows a token that was rotated', async () => {
    const { user } = await ensureUser(db, 'alice');
    const fresh = await rotateToken(db, user.id);
    expect((await get(`/1/validate-token?token=${alice}`)).json()).toMatchObject({ valid: false });
    expect((await get(`/1/validate-token?token=${fresh}`)).json()).toMatchObject({ valid: true });
  });
});

describe('authorization on endpoints that write', () => {
  const body = () => single(NOW_S - 60, 'Burial', 'Archangel');

  it('gives ListenBrainz’s three 401 messages', async () => {
    expectError(await submit(body(), null), 401, 'You need to provide an Authorization header.');
    const noSpace = await app.inject({
      method: 'POST',
      url: '/1/submit-listens',
      headers: { authorization: 'Token' },
      payload: body(),
    });
    expectError(noSpace, 401, 'Provided Authorization header is invalid.');
    expectError(await submit(body(), 'not-a-token'), 401, 'Invalid authorization token.');
    expect(await stored()).toBe(0);
  });

  it('takes any first word before the token, as ListenBrainz does, and ?token= without a header', async () => {
    const bearer = await app.inject({
      method: 'POST',
      url: '/1/submit-listens',
      headers: { authorization: `Bearer ${alice}` },
      payload: body(),
    });
    expect(bearer.json()).toEqual({ status: 'ok' });
    const query = await submit(
      single(NOW_S - 120, 'Burial', 'Near Dark'),
      null,
      `/1/submit-listens?token=${alice}`,
    );
    expect(query.json()).toEqual({ status: 'ok' });
    expect((await listensOf('alice')).listens.map((l) => l.track_metadata.track_name)).toEqual([
      'Archangel',
      'Near Dark',
    ]);
  });

  it('checks every endpoint that writes', async () => {
    for (const url of [
      '/1/submit-listens',
      '/1/delete-listen',
      '/1/latest-import',
      '/1/playing-now/delete',
    ]) {
      expectError(await post(url, {}, null), 401, 'You need to provide an Authorization header.');
      expectError(await post(url, {}, 'nope'), 401, 'Invalid authorization token.');
    }
  });
});

describe('submit-listens: request-level rules, in ListenBrainz’s order', () => {
  const ok = (at = NOW_S - 60) => ({ listened_at: at, track_metadata: meta('Burial', 'Archangel') });

  it.each([
    ['a body that is not JSON', '{"listen_type": "single", "payload": [', 'Cannot parse JSON document: '],
    [
      'a top level that is not an object',
      '[{"listen_type": "single"}]',
      'Invalid JSON document submitted. Top level of JSON document should be a json object.',
    ],
    ['no payload', '{"listen_type": "single"}', 'Invalid JSON document submitted.'],
    ['no listen_type', '{"payload": [{}]}', 'Invalid JSON document submitted.'],
    [
      'a payload that is not a list',
      '{"listen_type": "single", "payload": {}}',
      'The payload in the JSON document should be a list of listens.',
    ],
    [
      'an empty payload',
      '{"listen_type": "single", "payload": []}',
      'JSON document does not contain any listens',
    ],
    [
      'an unknown listen_type',
      JSON.stringify({ listen_type: 'scrobble', payload: [{}] }),
      'JSON document requires a valid listen_type key. listen_type is "scrobble"; use one of single, playing_now, import.',
    ],
    [
      'two listens as single',
      doc('single', [ok(NOW_S - 60), ok(NOW_S - 600)]),
      'JSON document contains more than listen for a single/playing_now. It should contain only one.',
    ],
    [
      'two listens as playing_now',
      doc('playing_now', [{ track_metadata: meta('A', 'B') }, { track_metadata: meta('C', 'D') }]),
      'JSON document contains more than listen for a single/playing_now. It should contain only one.',
    ],
    // Unlike ListenBrainz, a wrong listen_type is named before anything about the payload.
    [
      'an empty payload and an unknown listen_type',
      '{"listen_type": "playingNow", "payload": []}',
      'JSON document requires a valid listen_type key. listen_type is "playingNow"; use one of single, playing_now, import.',
    ],
    [
      'a listen_type that is not a string, with a payload that is not a list',
      '{"listen_type": 1, "payload": {}}',
      'JSON document requires a valid listen_type key. listen_type is 1; use one of single, playing_now, import.',
    ],
  ])('refuses %s with 400', async (_what, body, message) => {
    const res = await submit(body);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: number; error: string }>().code).toBe(400);
    expect(res.json<{ error: string }>().error.startsWith(message)).toBe(true);
    expect(await stored()).toBe(0);
  });

  it('takes 1000 listens at once and refuses 1001', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ok(NOW_S - 60 - i * 300));
    expectError(
      await submit(doc('import', many(1001))),
      400,
      'Too many listens. You may not submit more than 1000 listens at once.',
    );
    expect(await stored()).toBe(0);
    expect((await submit(doc('import', many(1000)))).json()).toEqual({ status: 'ok' });
    expect(await stored()).toBe(1000);
  });

  it('refuses a body larger than 10240 bytes per listen on average, and one over 10,240,000 bytes', async () => {
    const padded = (bytes: number) => ({
      listened_at: NOW_S - 60,
      track_metadata: meta('Burial', 'Archangel', { additional_info: { note: 'x'.repeat(bytes) } }),
    });
    expectError(
      await submit(doc('single', [padded(10_300)])),
      400,
      'JSON document is too large. Each listens may not be larger than 10240 bytes.',
    );
    // Averaged over the request: one big listen among small ones passes.
    const mixed = [padded(12_000), ...Array.from({ length: 3 }, (_, i) => ok(NOW_S - 600 - i * 300))];
    expect((await submit(doc('import', mixed))).json()).toEqual({ status: 'ok' });
    const huge = doc(
      'import',
      Array.from({ length: 1000 }, () => padded(10_300)),
    );
    expect(huge.length).toBeGreaterThan(10_240_000);
    expectError(await submit(huge), 400, 'Payload too large. Payload cannot exceed 10240000 bytes');
  });
});

describe('submit-listens: rules for each listen', () => {
  const at = NOW_S - 3600;
  const withInfo = (info: Obj) =>
    doc('single', [
      { listened_at: at, track_metadata: meta('Kanye West', 'Fade', { additional_info: info }) },
    ]);

  it.each<[string, string, string]>([
    [
      'no listened_at',
      doc('single', [{ track_metadata: meta('A', 'B') }]),
      'JSON document must contain the key listened_at at the top level.',
    ],
    [
      'a null listened_at',
      doc('single', [{ listened_at: null, track_metadata: meta('A', 'B') }]),
      'JSON document must contain an int value for listened_at.',
    ],
    [
      'a listened_at that is not a number',
      doc('single', [{ listened_at: 'yesterday', track_metadata: meta('A', 'B') }]),
      'JSON document must contain an int value for listened_at.',
    ],
    ['a listened_at an hour ahead', single(NOW_S + 3600, 'A', 'B'), 'Value for key listened_at is too high.'],
    [
      'a listened_at before 2002-10-01',
      single(1_033_410_599, 'A', 'B'),
      'Value for key listened_at is too low. listened_at timestamp should be greater than 1033410600 (2002-10-01 00:00:00 UTC).',
    ],
    [
      'no track_metadata',
      doc('single', [{ listened_at: at }]),
      'JSON document must contain the key track_metadata at the top level.',
    ],
    [
      'another top-level key',
      doc('import', [{ listened_at: at, track_metadata: meta('A', 'B'), recording_msid: 'x' }]),
      'JSON document may only contain listened_at and track_metadata top level keys',
    ],
    [
      'a playing_now with listened_at',
      doc('playing_now', [{ listened_at: at, track_metadata: meta('A', 'B') }]),
      'JSON document must not contain listened_at while submitting playing_now.',
    ],
    [
      'a playing_now with another top-level key',
      doc('playing_now', [{ track_metadata: meta('A', 'B'), user: 'bob' }]),
      'JSON document may only contain track_metadata as top level key when submitting playing_now.',
    ],
    [
      'a null track_metadata',
      doc('single', [{ listened_at: at, track_metadata: null }]),
      'JSON document may not have track_metadata with null value.',
    ],
    [
      'no track_name',
      doc('single', [{ listened_at: at, track_metadata: { artist_name: 'A' } }]),
      'JSON document does not contain required field track_metadata.track_name.',
    ],
    [
      'a track_name that is not a string',
      doc('single', [{ listened_at: at, track_metadata: { artist_name: 'A', track_name: 7 } }]),
      'track_metadata.track_name must be a single string.',
    ],
    ['a blank track_name', single(at, 'A', '  \t '), 'field track_metadata.track_name is empty.'],
    [
      'no artist_name',
      doc('single', [{ listened_at: at, track_metadata: { track_name: 'B' } }]),
      'JSON document does not contain required field track_metadata.artist_name.',
    ],
    [
      'an artist_name that is a list',
      doc('single', [{ listened_at: at, track_metadata: { artist_name: ['A', 'C'], track_name: 'B' } }]),
      'track_metadata.artist_name must be a single string.',
    ],
    ['a blank artist_name', single(at, ' ', 'B'), 'field track_metadata.artist_name is empty.'],
    [
      'a release_name that is not a string',
      single(at, 'A', 'B', { release_name: 3 }),
      'track_metadata.release_name must be a single string.',
    ],
    [
      '51 tags',
      withInfo({ tags: Array.from({ length: 51 }, (_, i) => `tag${i}`) }),
      'JSON document may not contain more than 50 items in track_metadata.additional_info.tags.',
    ],
    [
      'a tag of 65 characters',
      withInfo({ tags: ['x'.repeat(65)] }),
      'JSON document may not contain track_metadata.additional_info.tags longer than 64 characters.',
    ],
    [
      'both duration and duration_ms',
      withInfo({ duration: 200, duration_ms: 200_000 }),
      'JSON document should not contain both duration and duration_ms.',
    ],
    [
      'a zero duration',
      withInfo({ duration: 0 }),
      'Value for duration is invalid, should be a positive integer.',
    ],
    [
      'a negative duration_ms',
      withInfo({ duration_ms: -1 }),
      'Value for duration_ms is invalid, should be a positive integer.',
    ],
    [
      'a duration that is not a number',
      withInfo({ duration: 'long' }),
      'Value for duration is invalid, should be a positive integer.',
    ],
    [
      'a null duration',
      withInfo({ duration: null }),
      'Value for duration is invalid, should be a positive integer.',
    ],
    [
      'a duration over 24 days',
      withInfo({ duration: 2_073_601 }),
      'Value for duration is too large, max permitted value is 2073600',
    ],
    [
      'a duration_ms over 24 days',
      withInfo({ duration_ms: 2_073_600_001 }),
      'Value for duration_ms is too large, max permitted value is 2073600000',
    ],
    ...['release_mbid', 'recording_mbid', 'release_group_mbid', 'track_mbid'].map(
      (key): [string, string, string] => [
        `a bad ${key}`,
        withInfo({ [key]: 'not-an-mbid' }),
        `${key} MBID format invalid.`,
      ],
    ),
    [
      'a bad entry in artist_mbids',
      withInfo({ artist_mbids: ['2cfad207-3f55-4aec-8120-86cf66e34d59', 'x'] }),
      'artist_mbids MBID format invalid.',
    ],
    ['work_mbids that is not a list', withInfo({ work_mbids: 'x' }), 'work_mbids MBID format invalid.'],
    [
      'a unicode null in a name',
      single(at, 'Kanye West', '\u0000Fade'),
      '\u0000Fade contains a unicode null',
    ],
    [
      'a unicode null deep in additional_info',
      withInfo({ nested: { list: ['ok', 'bad\u0000'] } }),
      'bad\u0000 contains a unicode null',
    ],
  ])('refuses %s with 400 and ListenBrainz’s message', async (_what, body, message) => {
    expectError(await submit(body), 400, message);
    expect(await stored()).toBe(0);
  });

  it('one bad listen rejects the whole request; the error carries the listen’s own keys', async () => {
    const body = doc('import', [
      { listened_at: at, track_metadata: meta('A', 'One') },
      { listened_at: at + 300, track_metadata: meta('A', 'Two') },
      { listened_at: at + 600, track_metadata: meta('A', ''), code: 200 },
    ]);
    const res = await submit(body);
    expect(res.statusCode).toBe(400);
    // The listen's keys are copied in, but cannot override code and error.
    expect(res.json()).toMatchObject({
      code: 400,
      error: 'JSON document may only contain listened_at and track_metadata top level keys',
      listened_at: at + 600,
    });
    expect(await stored()).toBe(0);
  });

  it('a listen ListenBrainz takes but the store would not still rejects the whole request', async () => {
    const body = doc('import', [
      { listened_at: at, track_metadata: meta('A', 'Short') },
      { listened_at: at + 300, track_metadata: meta('A', 'x'.repeat(1001)) },
    ]);
    const res = await submit(body);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: string }>().error).toBe(
      'Listen 2: the track name is 1001 characters long (at most 1000).',
    );
    expect(await stored()).toBe(0);
  });

  it('accepts what ListenBrainz accepts at the edges, and stores it as ListenBrainz would show it', async () => {
    const accepted = [
      single(NOW_S + 3599, 'Edge', 'Almost an hour ahead'),
      single(1_033_430_400, 'Edge', 'First day'),
      doc('single', [{ listened_at: String(at), track_metadata: meta('Edge', 'Time as a string') }]),
      single(at + 1, 'Edge', 'Blank release', { release_name: '   ' }),
      withInfo({ tags: Array.from({ length: 50 }, () => 'y'.repeat(64)), duration: '300' }),
      withInfo({
        recording_mbid: null,
        release_mbid: '',
        artist_mbids: [null, '', '{2CFAD207-3F55-4AEC-8120-86CF66E34D59}'],
        work_mbids: [],
        nested: { info: 'here', deeper: { yes: true } },
      }),
    ];
    for (const body of accepted) expect((await submit(body)).json()).toEqual({ status: 'ok' });
    const listens = (await listensOf('alice', '?count=100')).listens;
    const byTrack = new Map(listens.map((l) => [l.track_metadata.track_name, l]));
    expect(byTrack.get('Time as a string')?.listened_at).toBe(at);
    expect(byTrack.get('Blank release')?.track_metadata).not.toHaveProperty('release_name');
    const fade = listens.filter((l) => l.track_metadata.track_name === 'Fade');
    // The same play twice (same second, same track) is one listen; its first submission is what shows.
    expect(fade).toHaveLength(1);
    expect(fade[0]!.track_metadata.additional_info).toMatchObject({ duration: 300 });
    expect(fade[0]!.track_metadata.additional_info.tags).toHaveLength(50);
  });

  it('keeps any additional_info key, flattens nested objects, and drops empty MBIDs', async () => {
    const info = {
      recording_mbid: null,
      release_mbid: '',
      artist_mbids: [null, '', '2cfad207-3f55-4aec-8120-86cf66e34d59'],
      work_mbids: [],
      listening_from: 'my player',
      discnumber: 2,
      nested: { info: 'here', deeper: { yes: true } },
      duration_ms: '222000.7',
    };
    expect((await submit(withInfo(info))).json()).toEqual({ status: 'ok' });
    const [listen] = (await listensOf('alice')).listens;
    expect(listen!.track_metadata.additional_info).toEqual({
      artist_mbids: ['2cfad207-3f55-4aec-8120-86cf66e34d59'],
      listening_from: 'my player',
      discnumber: 2,
      'nested.info': 'here',
      'nested.deeper.yes': true,
      duration_ms: 222000,
      recording_msid: listen!.recording_msid,
    });
  });
});

describe('reading listens', () => {
  async function seed(times: number[]) {
    await db.run("UPDATE users SET privacy = 'public' WHERE name = 'alice'");
    const listens = times.map((t) => ({ listened_at: t, track_metadata: meta('Four Tet', `T${t}`) }));
    expect((await submit(doc('import', listens))).statusCode).toBe(200);
  }

  it('lists newest first, 25 by default, with bounds of the whole history', async () => {
    const times = Array.from({ length: 30 }, (_, i) => 1_700_000_000 + i * 1000);
    await seed(times);
    const page = await listensOf('alice', '', null);
    expect(page.count).toBe(25);
    expect(page.user_id).toBe('alice');
    expect(page.listens.map((l) => l.listened_at)).toEqual([...times].reverse().slice(0, 25));
    expect(page.latest_listen_ts).toBe(times.at(-1));
    expect(page.oldest_listen_ts).toBe(times[0]);
  });

  it('bounds are exclusive; min_ts alone gives the listens right after it, still newest first', async () => {
    const times = [1_700_000_000, 1_700_000_100, 1_700_000_200, 1_700_000_300, 1_700_000_400];
    await seed(times);
    const at = async (query: string) =>
      (await listensOf('alice', query, null)).listens.map((l) => l.listened_at);
    expect(await at('?min_ts=1700000000&count=2')).toEqual([1_700_000_200, 1_700_000_100]);
    expect(await at('?max_ts=1700000400&count=2')).toEqual([1_700_000_300, 1_700_000_200]);
    expect(await at('?min_ts=1700000000&max_ts=1700000300')).toEqual([1_700_000_200, 1_700_000_100]);
    // Paging forward the way clients do: the newest of a page is the next min_ts.
    const pages: number[][] = [];
    let min = 0;
    for (;;) {
      const page = await at(`?min_ts=${min}&count=2`);
      if (page.length === 0) break;
      pages.push(page);
      min = page[0]!;
    }
    expect(pages.flat().sort()).toEqual(times);
  });

  it('checks its parameters like ListenBrainz', async () => {
    await seed([1_700_000_000]);
    expectError(
      await get('/1/user/alice/listens?min_ts=5&max_ts=5'),
      400,
      'max_ts should be greater than min_ts',
    );
    expectError(
      await get('/1/user/alice/listens?min_ts=yesterday'),
      400,
      'Incorrect min_ts timestamp argument: yesterday',
    );
    expectError(
      await get('/1/user/alice/listens?max_ts=1.5'),
      400,
      'Incorrect max_ts timestamp argument: 1.5',
    );
    expect((await get('/1/user/alice/listens?count=-1')).statusCode).toBe(400);
    expect((await get('/1/user/alice/listens?count=many')).statusCode).toBe(400);
    expect((await listensOf('alice', '?count=0', null)).listens).toEqual([]);
  });

  it('caps count at 1000', async () => {
    await seed(Array.from({ length: 1000 }, (_, i) => 1_600_000_000 + i * 600));
    await seed([1_700_000_000]);
    const page = await listensOf('alice', '?count=5000', null);
    expect(page.count).toBe(1000);
    expect(page.listens[0]!.listened_at).toBe(1_700_000_000);
  });

  it('shows each listen with its recording_msid, user and insert time', async () => {
    expect(
      (await submit(single(NOW_S - 60, 'Burial', 'Archangel', { release_name: 'Untrue' }))).statusCode,
    ).toBe(200);
    const [listen] = (await listensOf('alice')).listens;
    expect(listen).toMatchObject({
      listened_at: NOW_S - 60,
      user_name: 'alice',
      track_metadata: { artist_name: 'Burial', track_name: 'Archangel', release_name: 'Untrue' },
    });
    expect(listen!.recording_msid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(listen!.track_metadata.additional_info.recording_msid).toBe(listen!.recording_msid);
    expect(listen!.inserted_at).toBeGreaterThan(1_700_000_000);
    // The same text gives the same msid for another user; other text another one.
    await submit(single(NOW_S - 600, 'burial', 'ARCHANGEL', { release_name: 'untrue' }), bob);
    await submit(single(NOW_S - 900, 'Burial', 'Archangel'), bob);
    const bobs = (await listensOf('bob', '', bob)).listens.map((l) => l.recording_msid);
    expect(bobs).toEqual([listen!.recording_msid, expect.not.stringMatching(listen!.recording_msid)]);
  });

  it('finds users case-insensitively, and says which name it cannot find', async () => {
    await seed([1_700_000_000]);
    expect((await listensOf('ALICE', '', null)).count).toBe(1);
    expectError(await get('/1/user/nobody/listens'), 404, 'Cannot find user: nobody');
    expectError(await get('/1/user/a%2Fb/listens'), 404, 'Cannot find user: a/b');
  });

  it('counts listens', async () => {
    await seed([1_700_000_000, 1_700_000_100, 1_700_000_200]);
    expect((await get('/1/user/alice/listen-count')).json()).toEqual({ payload: { count: 3 } });
    expect((await get('/1/user/bob/listen-count', bob)).json()).toEqual({ payload: { count: 0 } });
    expect(await listensOf('bob', '', bob)).toMatchObject({
      count: 0,
      latest_listen_ts: 0,
      oldest_listen_ts: 0,
    });
  });
});

describe('playing now', () => {
  const playing = (track: string, info: Obj = {}) =>
    doc('playing_now', [{ track_metadata: meta('Kanye West', track, { additional_info: info }) }]);
  const nowPlaying = async () =>
    (await get('/1/user/alice/playing-now', alice)).json<{
      payload: { count: number; user_id: string; playing_now: boolean; listens: Obj[] };
    }>().payload;

  it('is shown with the user, not stored, and gone after its duration', async () => {
    expect((await submit(playing('Fade', { duration: 200 }))).json()).toEqual({ status: 'ok' });
    expect(await stored()).toBe(0);
    const payload = await nowPlaying();
    expect(payload).toMatchObject({ count: 1, user_id: 'alice', playing_now: true });
    expect(payload.listens[0]).toMatchObject({
      user_name: 'alice',
      playing_now: true,
      track_metadata: { artist_name: 'Kanye West', track_name: 'Fade' },
    });
    expect(payload.listens[0]).not.toHaveProperty('listened_at');
    clock = NOW + 199_000;
    expect((await nowPlaying()).count).toBe(1);
    clock = NOW + 200_000;
    expect(await nowPlaying()).toMatchObject({ count: 0, listens: [] });
  });

  it('lasts duration_ms / 1000, or 600 s without a duration', async () => {
    await submit(playing('Fade', { duration_ms: 30_999 }));
    clock = NOW + 30_000;
    expect((await nowPlaying()).count).toBe(0);
    await submit(playing('Ultralight Beam'));
    clock += 599_000;
    expect((await nowPlaying()).count).toBe(1);
    clock += 1000;
    expect((await nowPlaying()).count).toBe(0);
  });

  it('ignores the same track sent again while it shows (its time is not renewed); another track replaces it', async () => {
    await submit(playing('Fade', { duration: 100 }));
    clock = NOW + 90_000;
    await submit(playing('Fade', { duration: 100 }));
    clock = NOW + 100_000;
    expect((await nowPlaying()).count).toBe(0);
    await submit(playing('Fade', { duration: 100 }));
    await submit(playing('Famous', { duration: 100 }));
    expect((await nowPlaying()).listens[0]).toMatchObject({ track_metadata: { track_name: 'Famous' } });
  });

  it('with ?return_msid=true answers the msid the listen gets once submitted', async () => {
    const res = await submit(playing('Fade'), alice, '/1/submit-listens?return_msid=true');
    const { recording_msid } = res.json<{ status: string; recording_msid: string }>();
    expect(res.json()).toEqual({ status: 'ok', recording_msid });
    expect((await nowPlaying()).listens[0]).toMatchObject({
      track_metadata: { additional_info: { recording_msid } },
    });
    await submit(single(NOW_S - 10, 'Kanye West', 'Fade'));
    expect((await listensOf('alice')).listens[0]!.recording_msid).toBe(recording_msid);
    expect((await submit(playing('Famous'), alice, '/1/submit-listens?return_msid=False')).json()).toEqual({
      status: 'ok',
    });
    expectError(
      await submit(playing('Famous'), alice, '/1/submit-listens?return_msid=yes'),
      400,
      'Invalid return_msid argument: yes',
    );
  });

  it('playing-now/delete clears it, or says it was cleared, and leaves another client’s entry', async () => {
    await submit(playing('Fade', { submission_client: 'Rhythmbox' }));
    expectError(
      await post('/1/playing-now/delete', { client: 'Web Scrobbler' }),
      404,
      'Nothing is playing from Web Scrobbler: another client sent what is playing now.',
    );
    expect((await nowPlaying()).count).toBe(1);
    expect((await post('/1/playing-now/delete', { client: 'Rhythmbox' })).json()).toEqual({
      status: 'ok',
      message: 'Playing now cleared successfully',
    });
    expect((await nowPlaying()).count).toBe(0);
    expect((await post('/1/playing-now/delete', undefined)).json()).toEqual({
      status: 'ok',
      message: 'Playing now was already cleared',
    });
  });
});

describe('delete-listen', () => {
  const at = NOW_S - 3600;

  async function aliceListens() {
    return (await listensOf('alice', '?count=100')).listens;
  }

  it('deletes that listen for good, answers ok, and keeps the others of the same second', async () => {
    await submit(single(at, 'Kanye West', 'Fade'));
    await submit(single(at, 'Radiohead', 'I Promise'));
    await submit(single(at + 60, 'Kanye West', 'Fade'));
    const fade = (await aliceListens()).find(
      (l) => l.listened_at === at && l.track_metadata.track_name === 'Fade',
    )!;
    const res = await post('/1/delete-listen', { listened_at: at, recording_msid: fade.recording_msid });
    expect(res.json()).toEqual({ status: 'ok' });
    const left = await aliceListens();
    expect(left.map((l) => [l.listened_at, l.track_metadata.track_name])).toEqual([
      [at + 60, 'Fade'],
      [at, 'I Promise'],
    ]);
    expect((await get('/1/user/alice/listen-count', alice)).json()).toEqual({ payload: { count: 2 } });
    // Asked again (a client retrying): still ok, nothing more goes.
    expect(
      (await post('/1/delete-listen', { listened_at: at, recording_msid: fade.recording_msid })).json(),
    ).toEqual({ status: 'ok' });
    expect(await stored()).toBe(2);
  });

  it('also removes the further sources recorded for the listen; submitting it again brings it back', async () => {
    await submit(single(at, 'Kanye West', 'Fade'));
    // The same play reported by another source a second later is merged into the stored listen.
    const other = new ListenSubmitter(db);
    const { user } = await ensureUser(db, 'alice');
    await other.submit({
      userId: user.id,
      listens: [
        {
          draft: {
            listenedAt: (at + 1) * 1000,
            stampedEdge: 'start',
            precisionS: 1,
            artist: 'Kanye West',
            track: 'Fade',
          },
          raw: '{}',
        },
      ],
      source: 'lastfm',
      format: 'lastfm-api',
      now: NOW,
    });
    expect(await stored()).toBe(1);
    expect(await stored('SELECT count(*) n FROM listen_sources')).toBe(1);
    const [listen] = await aliceListens();
    await post('/1/delete-listen', { listened_at: at, recording_msid: listen!.recording_msid });
    expect(await stored()).toBe(0);
    expect(await stored('SELECT count(*) n FROM listen_sources')).toBe(0);
    // Nothing remembers the deletion: the same play submitted again is stored again.
    await submit(single(at, 'Kanye West', 'Fade'));
    expect((await aliceListens()).map((l) => l.recording_msid)).toEqual([listen!.recording_msid]);
  });

  it('takes the timestamp as an integer or numeric string, and the msid in any UUID form', async () => {
    await submit(single(at, 'Kanye West', 'Fade'));
    const [listen] = await aliceListens();
    const upper = `{${listen!.recording_msid.toUpperCase()}}`;
    expect(
      (await post('/1/delete-listen', { listened_at: String(at), recording_msid: upper })).json(),
    ).toEqual({
      status: 'ok',
    });
    expect(await stored()).toBe(0);
  });

  it.each([
    ['no timestamp', { recording_msid: '2cfad207-3f55-4aec-8120-86cf66e34d59' }, 'Listen timestamp missing.'],
    [
      'a timestamp that is not a number',
      { listened_at: 'invalid listened_at', recording_msid: '2cfad207-3f55-4aec-8120-86cf66e34d59' },
      'invalid listened_at: Listen timestamp invalid.',
    ],
    ['no msid', { listened_at: 1486449409 }, 'Recording MSID missing.'],
    [
      'an msid that is not a UUID',
      { listened_at: 1486449409, recording_msid: 'invalid recording_msid' },
      'invalid recording_msid: Recording MSID format invalid.',
    ],
  ])('refuses %s with 400', async (_what, body, message) => {
    expectError(await post('/1/delete-listen', body), 400, message);
  });

  it('cannot delete another user’s listen', async () => {
    await submit(single(at, 'Kanye West', 'Fade'), alice);
    const [listen] = await aliceListens();
    expect(
      (
        await post('/1/delete-listen', { listened_at: at, recording_msid: listen!.recording_msid }, bob)
      ).json(),
    ).toEqual({ status: 'ok' });
    expect((await aliceListens()).map((l) => l.recording_msid)).toEqual([listen!.recording_msid]);
  });

  it('a deleted listen leaves the statistics at once', async () => {
    await db.run("UPDATE users SET privacy = 'public' WHERE name = 'alice'");
    await submit(single(at, 'Kanye West', 'Fade'));
    await submit(single(at - 600, 'Burial', 'Archangel'));
    const artists = async () =>
      (await get('/1/stats/user/alice/artists'))
        .json<{ payload: { artists: { artist_name: string }[] } }>()
        .payload.artists.map((a) => a.artist_name)
        .sort();
    expect(await artists()).toEqual(['Burial', 'Kanye West']);
    const fade = (await aliceListens()).find((l) => l.track_metadata.track_name === 'Fade')!;
    await post('/1/delete-listen', { listened_at: at, recording_msid: fade.recording_msid });
    expect(await artists()).toEqual(['Burial']);
  });
});

describe('latest-import', () => {
  const latest = async (query: string, token: string | null = alice) =>
    get(`/1/latest-import${query}`, token);

  it('is 0 until an import tool sets it, then only moves forward, per service', async () => {
    expect((await latest('?user_name=alice')).json()).toEqual({
      musicbrainz_id: 'alice',
      latest_import: 0,
      status: null,
      error: null,
    });
    expect((await post('/1/latest-import', { ts: 1_700_000_000 })).json()).toEqual({ status: 'ok' });
    expect((await post('/1/latest-import', { ts: 1_600_000_000 })).json()).toEqual({ status: 'ok' });
    expect((await latest('?user_name=alice')).json()).toMatchObject({ latest_import: 1_700_000_000 });
    await post('/1/latest-import', { ts: '1700000500', service: 'LibreFM' });
    expect((await latest('?user_name=alice&service=librefm')).json()).toMatchObject({
      latest_import: 1_700_000_500,
    });
    expect((await latest('?user_name=alice&service=lastfm')).json()).toMatchObject({
      latest_import: 1_700_000_000,
    });
    // A body without ts (ts = 0) changes nothing.
    expect((await post('/1/latest-import', {})).json()).toEqual({ status: 'ok' });
    expect((await latest('?user_name=alice')).json()).toMatchObject({ latest_import: 1_700_000_000 });
  });

  it('writes only the token user’s value', async () => {
    await post('/1/latest-import', { ts: 1_700_000_000 }, bob);
    expect((await latest('?user_name=bob', bob)).json()).toMatchObject({ latest_import: 1_700_000_000 });
    expect((await latest('?user_name=alice')).json()).toMatchObject({ latest_import: 0 });
  });

  it('names an unknown service or user', async () => {
    expectError(await latest('?user_name=alice&service=napster'), 404, 'Service does not exist: napster');
    expectError(await latest('?user_name=nobody'), 404, 'Cannot find user: nobody');
    expectError(await latest(''), 404, 'Cannot find user: ');
  });

  it.each([
    ['a body that is not JSON', '{"ts": 1', 'Invalid data sent: Cannot parse JSON document: '],
    [
      'a ts that is not a number',
      { ts: 'soon' },
      'Invalid data sent: ts soon is not a Unix time in seconds.',
    ],
    [
      'an unknown service',
      { ts: 1, service: 'napster' },
      'Invalid data sent: service napster is not one of ',
    ],
  ])('refuses %s with 400', async (_what, body, message) => {
    const res = await post('/1/latest-import', body);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: string }>().error.startsWith(message)).toBe(true);
  });
});

describe('private and public profiles', () => {
  const reads = [
    '/1/user/alice/listens',
    '/1/user/alice/listen-count',
    '/1/user/alice/playing-now',
    '/1/latest-import?user_name=alice',
    ...['artists', 'releases', 'release-groups', 'recordings', 'listening-activity', 'daily-activity'].map(
      (s) => `/1/stats/user/alice/${s}`,
    ),
  ];

  beforeEach(async () => {
    await submit(single(NOW_S - 3600, 'Burial', 'Archangel', { release_name: 'Untrue' }));
  });

  it('a private profile is readable with its own token only: 401 without one, 403 with another user’s', async () => {
    for (const url of reads) {
      const anonymous = await get(url);
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.json()).toEqual({
        code: 401,
        error: "The profile of alice is private: send alice's token (Authorization: Token …) to read it.",
      });
      const other = await get(url, bob);
      expect(other.statusCode, url).toBe(403);
      expect(other.json<{ error: string }>().error).toBe(
        "The profile of alice is private: only alice's own token can read it.",
      );
      expect((await get(url, alice)).statusCode, url).toBe(200);
      expect((await get(`${url}${url.includes('?') ? '&' : '?'}token=${alice}`)).statusCode, url).toBe(200);
    }
  });

  it('an admin may read it; a public profile is readable by anyone', async () => {
    const { user: admin } = await ensureUser(db, 'root');
    await db.run("UPDATE users SET role = 'admin' WHERE name = 'root'");
    const rootToken = await createToken(db, admin.id);
    expect((await get(reads[0]!, rootToken)).statusCode).toBe(200);
    await db.run("UPDATE users SET privacy = 'public' WHERE name = 'alice'");
    for (const url of reads) expect((await get(url)).statusCode, url).toBe(200);
  });

  it('a token writes as its own user only', async () => {
    await submit(single(NOW_S - 60, 'Four Tet', 'Baby'), bob);
    const by = (name: string) =>
      stored(`SELECT count(*) n FROM listens l JOIN users u ON u.id = l.user_id WHERE u.name = '${name}'`);
    expect(await by('bob')).toBe(1);
    expect(await by('alice')).toBe(1);
    expect((await listensOf('alice')).listens.map((l) => l.track_metadata.track_name)).toEqual(['Archangel']);
  });
});

describe('statistics endpoints', () => {
  const day = (iso: string) => Date.parse(iso) / 1000;
  // One listen per artist, each on an edge of the calendar ranges around NOW (Sunday 22 November 2026).
  const edges: [string, string][] = [
    ['A', '2026-11-22T11:00:00Z'],
    ['B', '2026-11-16T00:00:00Z'],
    ['C', '2026-11-15T23:59:59Z'],
    ['D', '2026-11-09T00:00:00Z'],
    ['E', '2026-11-08T23:59:59Z'],
    ['F', '2026-10-31T23:59:59Z'],
    ['G', '2026-10-01T00:00:00Z'],
    ['H', '2026-09-30T23:59:59Z'],
    ['I', '2026-07-01T00:00:00Z'],
    ['J', '2026-06-30T23:59:59Z'],
    ['K', '2026-01-01T00:00:00Z'],
    ['L', '2025-12-31T23:59:59Z'],
    ['M', '2025-01-01T00:00:00Z'],
    ['N', '2024-12-31T23:59:59Z'],
    ['O', '2020-05-05T05:05:05Z'],
  ];

  async function seedEdges() {
    await db.run("UPDATE users SET privacy = 'public' WHERE name = 'alice'");
    const listens = edges.map(([artist, iso]) => ({
      listened_at: day(iso),
      track_metadata: meta(artist, 'Song'),
    }));
    expect((await submit(doc('import', listens))).statusCode).toBe(200);
  }

  const stat = async <T = Obj>(path: string) => {
    const res = await get(`/1/stats/user/alice/${path}`);
    expect(res.statusCode, path).toBe(200);
    return res.json<{ payload: T }>().payload;
  };

  it.each([
    ['this_week', 'AB'],
    ['week', 'CD'],
    ['this_month', 'ABCDE'],
    ['month', 'FG'],
    ['quarter', 'HI'],
    ['half_yearly', 'JK'],
    ['this_year', 'ABCDEFGHIJK'],
    ['year', 'LM'],
    ['all_time', 'ABCDEFGHIJKLMNO'],
  ])('range %s covers the calendar period ListenBrainz means', async (range, artists) => {
    await seedEdges();
    const payload = await stat<{
      artists: { artist_name: string }[];
      total_artist_count: number;
      range: string;
    }>(`artists?range=${range}`);
    expect(payload.range).toBe(range);
    expect(payload.total_artist_count).toBe(artists.length);
    expect(
      payload.artists
        .map((a) => a.artist_name)
        .sort()
        .join(''),
    ).toBe(artists);
  });

  it('refuses an unknown range, and count or offset that are not non-negative integers', async () => {
    await seedEdges();
    expectError(await get('/1/stats/user/alice/artists?range=fortnight'), 400, 'Invalid range: fortnight');
    expectError(await get('/1/stats/user/alice/daily-activity?range=decade'), 400, 'Invalid range: decade');
    expectError(
      await get('/1/stats/user/alice/artists?count=-1'),
      400,
      "'count' should be a non-negative integer",
    );
    expectError(
      await get('/1/stats/user/alice/recordings?count=ten'),
      400,
      "'count' should be a non-negative integer",
    );
    expectError(
      await get('/1/stats/user/alice/releases?offset=-5'),
      400,
      "'offset' should be a non-negative integer",
    );
    expectError(await get('/1/stats/user/nobody/artists'), 404, 'Cannot find user: nobody');
  });

  it('pages a top list with count and offset; count is what came back, the total counts them all', async () => {
    await seedEdges();
    const page = await stat<{
      artists: { artist_name: string }[];
      count: number;
      total_artist_count: number;
      offset: number;
    }>('artists?count=4&offset=12');
    // Every artist has one play: ties go in order of first appearance in the catalogue.
    expect(page.artists.map((a) => a.artist_name)).toEqual(['M', 'N', 'O']);
    expect(page).toMatchObject({ count: 3, total_artist_count: 15, offset: 12 });
    const none = await stat<{ artists: unknown[]; count: number; total_artist_count: number }>(
      'artists?count=0',
    );
    expect(none).toMatchObject({ artists: [], count: 0, total_artist_count: 15 });
    const past = await stat<{ artists: unknown[] }>('artists?offset=1000');
    expect(past.artists).toEqual([]);
  });

  it('answers 204 with an empty body when there is nothing to count', async () => {
    await seedEdges();
    for (const path of [
      'artists',
      'releases',
      'release-groups',
      'recordings',
      'listening-activity',
      'daily-activity',
    ]) {
      const empty = await get(`/1/stats/user/bob/${path}`, bob);
      expect(empty.statusCode, path).toBe(204);
      expect(empty.body, path).toBe('');
    }
    // Alice's listens have no release: no release statistics.
    expect((await get('/1/stats/user/alice/releases')).statusCode).toBe(204);
    expect((await get('/1/stats/user/alice/release-groups')).statusCode).toBe(204);
  });

  it('top releases, release groups and recordings in ListenBrainz’s item shapes', async () => {
    await db.run("UPDATE users SET privacy = 'public' WHERE name = 'alice'");
    const rg = '5c2f7e7f-2b75-4b3e-ac8c-1db09e7c89c6';
    const burial = '9ddce51c-2b75-4b3e-ac8c-1db09e7c89c6';
    const plays: [string, string, string, string | null][] = [
      ['Burial', 'Archangel', 'Untrue', rg],
      ['Burial', 'Near Dark', 'Untrue', rg],
      ['Burial', 'Archangel', 'Street Halo', rg],
      ['Four Tet', 'Baby', 'Sixteen Oceans', null],
      ['Four Tet', 'Teenage Birdsong', 'Sixteen Oceans', null],
      ['Four Tet', 'Baby', 'Morning/Evening', null],
    ];
    const listens = plays.map(([artist, track, release, group], i) => ({
      listened_at: NOW_S - 3600 * (i + 1),
      track_metadata: meta(artist, track, {
        release_name: release,
        additional_info: {
          ...(artist === 'Burial' ? { artist_mbids: [burial] } : {}),
          ...(group ? { release_group_mbid: group } : {}),
        },
      }),
    }));
    expect((await submit(doc('import', listens))).statusCode).toBe(200);

    const groups = await stat<{ release_groups: Obj[]; total_release_group_count: number; count: number }>(
      'release-groups',
    );
    // Untrue and Street Halo share a release group here; the Four Tet releases have none, so each is its own.
    expect(groups.release_groups).toEqual([
      {
        release_group_name: 'Untrue',
        release_group_mbid: rg,
        artist_name: 'Burial',
        artist_mbids: [burial],
        listen_count: 3,
      },
      {
        release_group_name: 'Sixteen Oceans',
        release_group_mbid: null,
        artist_name: 'Four Tet',
        artist_mbids: [],
        listen_count: 2,
      },
      {
        release_group_name: 'Morning/Evening',
        release_group_mbid: null,
        artist_name: 'Four Tet',
        artist_mbids: [],
        listen_count: 1,
      },
    ]);
    expect(groups).toMatchObject({ count: 3, total_release_group_count: 3 });

    const releases = await stat<{ releases: Obj[]; total_release_count: number }>('releases');
    expect(releases.total_release_count).toBe(4);
    expect(releases.releases[0]).toEqual({
      release_name: 'Untrue',
      release_mbid: null,
      artist_name: 'Burial',
      artist_mbids: [burial],
      listen_count: 2,
    });
    const recordings = await stat<{ recordings: Obj[]; total_recording_count: number }>('recordings');
    expect(recordings.total_recording_count).toBe(4);
    expect(recordings.recordings.slice(0, 2)).toEqual([
      {
        track_name: 'Archangel',
        recording_mbid: null,
        artist_name: 'Burial',
        artist_mbids: [burial],
        listen_count: 2,
      },
      {
        track_name: 'Baby',
        recording_mbid: null,
        artist_name: 'Four Tet',
        artist_mbids: [],
        listen_count: 2,
      },
    ]);
    const artists = await stat<{
      artists: Obj[];
      total_artist_count: number;
      from_ts: number;
      to_ts: number;
    }>('artists');
    expect(artists.artists).toEqual([
      { artist_name: 'Burial', artist_mbid: burial, listen_count: 3 },
      { artist_name: 'Four Tet', artist_mbid: null, listen_count: 3 },
    ]);
    expect(artists).toMatchObject({
      total_artist_count: 2,
      from_ts: day('2002-01-01T00:00:00Z'),
      to_ts: NOW_S,
    });
  });

  it('daily-activity counts listens per weekday and UTC hour, Monday first', async () => {
    await seedEdges();
    const payload = await stat<{
      daily_activity: Record<string, { hour: number; listen_count: number }[]>;
      range: string;
    }>('daily-activity?range=this_week');
    expect(Object.keys(payload.daily_activity)).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    for (const hours of Object.values(payload.daily_activity)) {
      expect(hours.map((h) => h.hour)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    }
    const nonZero = Object.entries(payload.daily_activity).flatMap(([weekday, hours]) =>
      hours.filter((h) => h.listen_count > 0).map((h) => `${weekday} ${h.hour}:00 ×${h.listen_count}`),
    );
    // A: Sunday 11:00, B: Monday 00:00
    expect(nonZero).toEqual(['Monday 0:00 ×1', 'Sunday 11:00 ×1']);
    expect(payload.range).toBe('this_week');
  });

  it('listening-activity covers the period and the one before, in ListenBrainz’s buckets and labels', async () => {
    await seedEdges();
    type Bucket = { from_ts: number; to_ts: number; time_range: string; listen_count: number };
    const activity = async (range: string) =>
      (await stat<{ listening_activity: Bucket[] }>(`listening-activity?range=${range}`)).listening_activity;

    // week: the last complete week and the one before, by day.
    const week = await activity('week');
    expect(week).toHaveLength(14);
    expect(week[0]).toEqual({
      from_ts: day('2026-11-02T00:00:00Z'),
      to_ts: day('2026-11-03T00:00:00Z') - 1,
      time_range: 'Monday 02 November 2026',
      listen_count: 0,
    });
    expect(week.at(-1)!.time_range).toBe('Sunday 15 November 2026');
    // C (Sunday 15th), D (Monday 9th), E (Sunday 8th)
    expect(week.filter((b) => b.listen_count > 0).map((b) => b.time_range)).toEqual([
      'Sunday 08 November 2026',
      'Monday 09 November 2026',
      'Sunday 15 November 2026',
    ]);

    // quarter: the last two complete quarters, by week from the first one's start.
    const quarter = await activity('quarter');
    expect(quarter[0]!.time_range).toBe('01 April 2026');
    expect(quarter[1]!.time_range).toBe('08 April 2026');
    expect(quarter[1]!.from_ts - quarter[0]!.from_ts).toBe(7 * 86_400);
    expect(quarter.reduce((n, b) => n + b.listen_count, 0)).toBe(3); // H, I, J

    // this_year: this year and last, by month.
    const year = await activity('this_year');
    expect(year[0]).toMatchObject({ time_range: 'January 2025', from_ts: day('2025-01-01T00:00:00Z') });
    expect(year[0]!.to_ts).toBe(day('2025-02-01T00:00:00Z') - 1);
    expect(year.at(-1)!.time_range).toBe('November 2026');
    expect(year.reduce((n, b) => n + b.listen_count, 0)).toBe(13); // A-K this year, L-M last year

    // all_time: by year, only the years with listens.
    const all = await activity('all_time');
    expect(all.map((b) => [b.time_range, b.listen_count])).toEqual([
      ['2020', 1],
      ['2024', 1],
      ['2025', 2],
      ['2026', 11],
    ]);
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
  ])('%s is accepted and stores %i listen(s)', async (name, count) => {
    const res = await submit(fixture(name));
    expect(res.json()).toEqual({ status: 'ok' });
    expect(await stored()).toBe(count);
  });

  it('additional_info.json comes back with every key, nested ones flattened', async () => {
    await submit(fixture('additional_info.json'));
    const sent = (
      JSON.parse(fixture('additional_info.json')) as {
        payload: { track_metadata: { additional_info: Obj } }[];
      }
    ).payload[0]!.track_metadata.additional_info;
    const { nested, ...flat } = sent;
    const [listen] = (await listensOf('alice')).listens;
    expect(listen!.track_metadata.additional_info).toEqual({
      ...flat,
      'nested.info': (nested as Obj).info,
      recording_msid: listen!.recording_msid,
    });
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
    expect(await stored()).toBe(4);
    expect(new Set((await listensOf('alice')).listens.map((l) => l.recording_msid)).size).toBe(4);
  });

  it.each([
    [
      'single_more_than_one_listen.json',
      'JSON document contains more than listen for a single/playing_now. It should contain only one.',
    ],
    [
      'playing_now_more_than_one_listen.json',
      'JSON document contains more than listen for a single/playing_now. It should contain only one.',
    ],
    ['playing_now_with_ts.json', 'JSON document must not contain listened_at while submitting playing_now.'],
    ['playing_now_ts.json', 'JSON document must not contain listened_at while submitting playing_now.'],
    [
      'timestamp_before_lfm_founding.json',
      'Value for key listened_at is too low. listened_at timestamp should be greater than 1033410600 (2002-10-01 00:00:00 UTC).',
    ],
    ['timestamp_in_ns.json', 'Value for key listened_at is too high.'],
    ['invalid_listen_null_listened_at.json', 'JSON document must contain an int value for listened_at.'],
    [
      'invalid_listen_missing_track_metadata.json',
      'JSON document must contain the key track_metadata at the top level.',
    ],
    ['invalid_listen_null_track_metadata.json', 'JSON document may not have track_metadata with null value.'],
    ['empty_track_name.json', 'field track_metadata.track_name is empty.'],
    ['empty_artist_name.json', 'field track_metadata.artist_name is empty.'],
    ['artist_name_list.json', 'track_metadata.artist_name must be a single string.'],
    ['invalid_release_name.json', 'track_metadata.release_name must be a single string.'],
    ['invalid_release_mbid.json', 'release_mbid MBID format invalid.'],
    ['invalid_recording_mbid.json', 'recording_mbid MBID format invalid.'],
    ['invalid_artist_mbid.json', 'artist_mbids MBID format invalid.'],
    ['multi_duration.json', 'JSON document should not contain both duration and duration_ms.'],
    ['invalid_duration.json', 'Value for duration is invalid, should be a positive integer.'],
    [
      'too_many_tags.json',
      'JSON document may not contain more than 50 items in track_metadata.additional_info.tags.',
    ],
    [
      'too_long_tag.json',
      'JSON document may not contain track_metadata.additional_info.tags longer than 64 characters.',
    ],
    ['too_large_listen.json', 'JSON document is too large. Each listens may not be larger than 10240 bytes.'],
    ['listen_having_unicode_null.json', '\u0000Fade contains a unicode null'],
    [
      'timescale_listenstore_test_listens.json',
      'JSON document may only contain listened_at and track_metadata top level keys',
    ],
  ])('%s is rejected whole with 400 and ListenBrainz’s message', async (name, message) => {
    expectError(await submit(fixture(name)), 400, message);
    expect(await stored()).toBe(0);
  });

  it('invalid_listen_nan_in_json.json (a bare NaN) is not JSON', async () => {
    const res = await submit(fixture('invalid_listen_nan_in_json.json'));
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: string }>().error).toMatch(/^Cannot parse JSON document: /);
  });

  it('too_large_listen.json 300 times over is "Payload too large"', async () => {
    const doc = JSON.parse(fixture('too_large_listen.json')) as { payload: unknown[] };
    doc.payload = Array.from({ length: 300 }, () => doc.payload[0]);
    expectError(
      await submit(JSON.stringify(doc)),
      400,
      'Payload too large. Payload cannot exceed 10240000 bytes',
    );
  });

  it('valid_import.json 501 times over is too many listens', async () => {
    const doc = JSON.parse(fixture('valid_import.json')) as { payload: unknown[] };
    doc.payload = Array.from({ length: 501 }, () => doc.payload).flat();
    expectError(
      await submit(JSON.stringify(doc)),
      400,
      'Too many listens. You may not submit more than 1000 listens at once.',
    );
  });

  it('the playing_now fixtures are shown for their duration, not stored', async () => {
    expect((await submit(fixture('valid_playing_now.json'))).json()).toEqual({ status: 'ok' });
    expect(await stored()).toBe(0);
    const playing = async () =>
      (await get('/1/user/alice/playing-now', alice)).json<{
        payload: { count: number; listens: ApiListen[] };
      }>().payload;
    expect((await playing()).listens[0]!.track_metadata).toMatchObject({
      artist_name: 'Kanye West',
      track_name: 'Fade',
    });
    await post('/1/playing-now/delete', undefined);
    await submit(fixture('playing_now_with_duration.json'));
    clock = NOW + 1000;
    expect((await playing()).count).toBe(0);
    await submit(fixture('playing_now_with_duration_ms.json'));
    clock += 999;
    expect((await playing()).count).toBe(1);
    clock += 1;
    expect((await playing()).count).toBe(0);
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

  it('lets pages read the rate-limit headers of every answer', async () => {
    const res = await app.inject({
      url: '/1/validate-token?token=x',
      headers: { origin: 'https://example.org' },
    });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(String(res.headers['access-control-expose-headers']).split(/,\s*/)).toEqual(
      expect.arrayContaining([
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
        'X-RateLimit-Reset-In',
      ]),
    );
  });

  it('limits requests per token with X-RateLimit-* headers, then 429', async () => {
    const limited = testApp(db, { now: () => NOW, rateLimit: 3 }).app;
    try {
      const request = (token: string) => limited.inject({ url: '/1/validate-token', headers: auth(token) });
      const first = await request(alice);
      expect(first.headers['x-ratelimit-limit']).toBe('3');
      expect(first.headers['x-ratelimit-remaining']).toBe('2');
      const resetIn = Number(first.headers['x-ratelimit-reset-in']);
      expect(resetIn).toBeGreaterThan(0);
      expect(resetIn).toBeLessThanOrEqual(10);
      expect(Number(first.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
      await request(alice);
      await request(alice);
      const over = await request(alice);
      expect(over.statusCode).toBe(429);
      expect(over.json<{ code: number; error: string }>()).toMatchObject({ code: 429 });
      // another token has its own window
      expect((await request(bob)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('group commit', () => {
  it('concurrent submissions are all acknowledged, all stored, in fewer transactions', async () => {
    const built = testApp(db, { now: () => NOW });
    try {
      const base = NOW_S - 100_000;
      const responses = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          built.app.inject({
            method: 'POST',
            url: '/1/submit-listens',
            headers: auth(i % 2 ? alice : bob),
            payload: single(base + i * 300, 'Artist', `Track ${i}`),
          }),
        ),
      );
      expect(responses.every((r) => r.statusCode === 200)).toBe(true);
      expect(await stored()).toBe(60);
      expect(built.submitter.transactions).toBeLessThan(60);
    } finally {
      await built.app.close();
    }
  });
});
