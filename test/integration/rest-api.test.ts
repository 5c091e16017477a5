import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-service.js';
import { testApp } from '../support/app.js';
import type { App } from '../../src/server/app.js';
import { getActivity, getSummary, getTopArtists, getTopRecordings } from '../../src/stats/index.js';
import type { Database } from '../../src/store/database.js';
import { createToken } from '../../src/store/token-repository.js';
import { addUser } from '../../src/store/user-repository.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { count, memoryDb, tempDir } from '../support/temp.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

interface Listen {
  id: number;
  listenedAt: string;
  artist: string;
  track: string;
  release: string | null;
  source: string;
  alsoFrom: unknown[];
}
interface Page {
  user: string;
  total: number;
  next: string | null;
  listens: Listen[];
}

let db: Database;
let server: App;
let admin: string;
let alice: string;
let bob: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function get<T = unknown>(url: string, token?: string): Promise<{ status: number; body: T }> {
  const r = await server.app.inject({ method: 'GET', url, headers: token ? auth(token) : {} });
  return { status: r.statusCode, body: r.json<T>() };
}

async function send<T = unknown>(
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  token: string | undefined,
  payload?: unknown,
): Promise<{ status: number; body: T }> {
  const r = await server.app.inject({
    method,
    url,
    headers: token ? auth(token) : {},
    ...(payload === undefined
      ? {}
      : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
  });
  return { status: r.statusCode, body: r.json<T>() };
}

/** Alice's history: 30 days, three artists, one listen credited to two artists. */
async function submitHistory(token: string): Promise<void> {
  const payload = [];
  for (let d = 0; d < 30; d++) {
    const at = Math.floor((NOW - (d + 1) * DAY) / 1000);
    payload.push({
      listened_at: at,
      track_metadata: { artist_name: 'Radiohead', track_name: `Song ${d % 5}`, release_name: 'OK Computer' },
    });
    payload.push({
      listened_at: at + 600,
      track_metadata: { artist_name: 'Björk', track_name: 'Jóga', release_name: 'Homogenic' },
    });
  }
  payload.push({
    listened_at: Math.floor((NOW - 40 * DAY) / 1000),
    track_metadata: { artist_name: 'Jay-Z feat. Alicia Keys', track_name: 'Empire State of Mind' },
  });
  const r = await server.app.inject({
    method: 'POST',
    url: '/1/submit-listens',
    headers: { authorization: `Token ${token}` },
    payload: JSON.stringify({ listen_type: 'import', payload }),
  });
  expect(r.statusCode).toBe(200);
}

beforeAll(async () => {
  db = await memoryDb();
  server = testApp(db, { now: () => NOW });
  admin = await createToken(db, 1);
  alice = await createToken(db, (await addUser(db, 'alice')).id);
  bob = await createToken(db, (await addUser(db, 'bob')).id);
  await submitHistory(alice);
});

afterAll(async () => {
  await server.app.close();
  db.close();
});

describe('GET /api/listens', () => {
  it('pages through the whole history newest first, each listen exactly once', async () => {
    const seen: Listen[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const r: { status: number; body: Page } = await get<Page>(
        `/api/listens?limit=7${next ? `&before=${next}` : ''}`,
        alice,
      );
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(61);
      seen.push(...r.body.listens);
      next = r.body.next;
      pages++;
    } while (next);
    expect(pages).toBe(Math.ceil(61 / 7));
    expect(new Set(seen.map((l) => l.id)).size).toBe(61);
    const times = seen.map((l) => Date.parse(l.listenedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by time, by any credited artist, by release and by source', async () => {
    const week = await get<Page>(
      `/api/listens?from=${new Date(NOW - 7 * DAY).toISOString()}&to=${new Date(NOW).toISOString()}`,
      alice,
    );
    expect(week.body.total).toBe(14);
    const keys = await get<Page>('/api/listens?artist=alicia%20keys', alice);
    expect(keys.body.listens.map((l) => l.track)).toEqual(['Empire State of Mind']);
    const bjork = await get<Page>(`/api/listens?artist=${encodeURIComponent('BJÖRK')}`, alice);
    expect(bjork.body.total).toBe(30);
    const release = await get<Page>('/api/listens?release=ok%20computer', alice);
    expect(release.body.total).toBe(30);
    expect(release.body.listens.every((l) => l.release === 'OK Computer')).toBe(true);
    expect((await get<Page>('/api/listens?source=spotify', alice)).body.total).toBe(0);
    const epoch = await get<Page>(`/api/listens?from=${Math.floor((NOW - 2 * DAY) / 1000)}`, alice);
    expect(epoch.body.total).toBe(4);
  });

  it('reads whole days in the owner’s zone, and says which zone that is', async () => {
    // A server of its own: carol would change the user lists the other tests check.
    const own = await memoryDb();
    const app = testApp(own, { now: () => NOW }).app;
    const carol = await createToken(own, (await addUser(own, 'carol')).id);
    const ask = async <T>(url: string) => {
      const r = await app.inject({ method: 'GET', url, headers: auth(carol) });
      return { status: r.statusCode, body: r.json<T>() };
    };
    await app.inject({
      method: 'PATCH',
      url: '/api/users/carol',
      headers: auth(carol),
      payload: { timeZone: 'Pacific/Auckland' },
    });
    // 23:30 on 1 May and 00:30 on 2 May in Auckland (UTC+12): both on 1 May in UTC.
    const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    const submit = await app.inject({
      method: 'POST',
      url: '/1/submit-listens',
      headers: { authorization: `Token ${carol}` },
      payload: JSON.stringify({
        listen_type: 'import',
        payload: [
          {
            listened_at: at('2024-05-01T11:30:00Z'),
            track_metadata: { artist_name: 'Lorde', track_name: 'Royals' },
          },
          {
            listened_at: at('2024-05-01T12:30:00Z'),
            track_metadata: { artist_name: 'Lorde', track_name: 'Team' },
          },
        ],
      }),
    });
    expect(submit.statusCode).toBe(200);
    const second = await ask<Page & { timeZone: string }>('/api/listens?fromDay=2024-05-02&toDay=2024-05-02');
    expect(second.body.timeZone).toBe('Pacific/Auckland');
    expect(second.body.listens.map((l) => l.track)).toEqual(['Team']);
    const first = await ask<Page>('/api/listens?fromDay=2024-05-01&toDay=2024-05-01');
    expect(first.body.listens.map((l) => l.track)).toEqual(['Royals']);
    const bad = await ask<{ error: string }>('/api/listens?fromDay=2024-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('fromDay');
    await app.close();
    own.close();
  });

  it('explains bad parameters by name', async () => {
    const limit = await get<{ error: string }>('/api/listens?limit=5000', alice);
    expect(limit.status).toBe(400);
    expect(limit.body.error).toMatch(/^query parameter limit: .*1000/);
    const from = await get<{ error: string }>('/api/listens?from=yesterday', alice);
    expect(from.status).toBe(400);
    expect(from.body.error).toContain('"yesterday" is not a time');
    const order = await get<{ error: string }>('/api/listens?from=2025-02-01&to=2025-01-01', alice);
    expect(order.status).toBe(400);
    expect(order.body.error).toContain('from must be before to');
    const cursor = await get<{ error: string }>('/api/listens?before=nonsense', alice);
    expect(cursor.status).toBe(400);
    expect(cursor.body.error).toContain('not a cursor');
  });

  it('shows one listen by id, and 404 for an id of someone else', async () => {
    const page = await get<Page>('/api/listens?limit=1', alice);
    const id = page.body.listens[0]!.id;
    const one = await get<Listen>(`/api/listens/${id}`, alice);
    expect(one.body).toEqual(page.body.listens[0]);
    expect((await get(`/api/listens/${id}`, bob)).status).toBe(404);
  });
});

describe('who may read and write what', () => {
  it('needs a valid token', async () => {
    const none = await get<{ code: string; status: number; error: string }>('/api/listens');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({
      code: 'UNAUTHORIZED',
      status: 401,
      error: expect.stringContaining('Authorization: Bearer'),
    });
    expect((await get('/api/listens', 'not-a-token')).status).toBe(401);
    const query = await server.app.inject({ method: 'GET', url: `/api/me?token=${alice}` });
    expect(query.json()).toMatchObject({ name: 'alice' });
  });

  it('keeps a private profile from other users, and opens a public one to anyone', async () => {
    expect((await get('/api/listens?user=alice', bob)).status).toBe(403);
    expect((await get('/api/stats/artists?user=alice', bob)).status).toBe(403);
    expect((await get('/api/listens?user=alice')).status).toBe(401);
    expect((await get<Page>('/api/listens?user=alice', admin)).body.total).toBe(61);

    const changed = await send('PATCH', '/api/users/alice', alice, { privacy: 'public' });
    expect(changed).toMatchObject({ status: 200, body: { privacy: 'public' } });
    expect((await get<Page>('/api/listens?user=alice', bob)).body.total).toBe(61);
    expect((await get<Page>('/api/listens?user=alice')).body.total).toBe(61);
    // Public means readable, not writable; and import history stays private.
    expect((await send('PATCH', '/api/users/alice', bob, { privacy: 'private' })).status).toBe(403);
    expect((await get('/api/imports?user=alice', bob)).status).toBe(403);
    await send('PATCH', '/api/users/alice', alice, { privacy: 'private' });
    expect((await get('/api/listens?user=alice', bob)).status).toBe(403);
  });

  it('lets only admins list and add users, or change roles', async () => {
    expect((await get('/api/users', alice)).status).toBe(403);
    expect((await send('POST', '/api/users', alice, { name: 'carol' })).status).toBe(403);
    expect((await send('PATCH', '/api/users/alice', alice, { role: 'admin' })).status).toBe(403);
    const added = await send<{ user: string; token: string }>('POST', '/api/users', admin, { name: 'carol' });
    expect(added.status).toBe(201);
    expect((await get('/api/me', added.body.token)).body).toMatchObject({ name: 'carol', role: 'user' });
    const again = await send<{ error: string }>('POST', '/api/users', admin, { name: 'carol' });
    expect(again.status).toBe(409);
    const bad = await send<{ error: string }>('POST', '/api/users', admin, { name: 'has space' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^body field name: /);
    const users = await get<{ users: { name: string }[] }>('/api/users', admin);
    expect(users.body.users.map((u) => u.name)).toEqual(['me', 'alice', 'bob', 'carol']);
  });

  it('rotates a token: the old one stops working at once', async () => {
    const added = await send<{ token: string }>('POST', '/api/users', admin, { name: 'dave' });
    const rotated = await send<{ token: string }>('POST', '/api/users/dave/token', added.body.token);
    expect(rotated.status).toBe(200);
    expect((await get('/api/me', added.body.token)).status).toBe(401);
    expect((await get('/api/me', rotated.body.token)).status).toBe(200);
    expect((await send('POST', '/api/users/alice/token', rotated.body.token)).status).toBe(403);
  });

  it('checks a new time zone and uses it for statistics', async () => {
    const bad = await send<{ error: string }>('PATCH', '/api/users/bob', bob, { timeZone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('Mars/Olympus');
    const ok = await send('PATCH', '/api/users/bob', bob, { timeZone: 'europe/berlin' });
    expect(ok.body).toMatchObject({ timeZone: 'Europe/Berlin' });
    const stats = await get<{ range: { tz: string } }>('/api/stats/summary', bob);
    expect(stats.body.range.tz).toBe('Europe/Berlin');
  });

  it('answers a body that is not JSON with a clear message', async () => {
    const r = await send<{ code: string; error: string }>('POST', '/api/users', admin, '{"name":');
    expect(r.status).toBe(400);
    expect(r.body.error).toContain('not JSON');
  });
});

describe('GET /api/stats/*', () => {
  it('gives the same numbers as the statistics the CLI shows', async () => {
    const opts = { userId: 2, now: NOW, tz: 'UTC' };
    const summary = await get<Record<string, unknown>>('/api/stats/summary', alice);
    expect(summary.body).toEqual({ user: 'alice', ...(await getSummary(db, opts)) });
    const artists = await get<Record<string, unknown>>('/api/stats/artists?range=month&limit=2', alice);
    expect(artists.body).toEqual({
      user: 'alice',
      ...(await getTopArtists(db, { ...opts, range: 'month', limit: 2 })),
    });
    const recordings = await get<Record<string, unknown>>('/api/stats/recordings?by=time', alice);
    expect(recordings.body).toEqual({
      user: 'alice',
      ...(await getTopRecordings(db, { ...opts, by: 'time' })),
    });
    const activity = await get<Record<string, unknown>>('/api/stats/activity?range=week&period=day', alice);
    expect(activity.body).toEqual({
      user: 'alice',
      ...(await getActivity(db, { ...opts, range: 'week', period: 'day' })),
    });
  });

  it('answers every statistic', async () => {
    for (const name of [
      'summary',
      'artists',
      'releases',
      'recordings',
      'activity',
      'clock',
      'sessions',
      'streaks',
      'breakdown',
    ]) {
      const r = await get<{ user: string }>(`/api/stats/${name}?range=year`, alice);
      expect(r.status, name).toBe(200);
      expect(r.body.user).toBe('alice');
    }
    const clock = await get<{ total: number }>('/api/stats/clock', alice);
    expect(clock.body.total).toBe(61);
    const streaks = await get<{ longest: { days: number } }>('/api/stats/streaks', alice);
    expect(streaks.body.longest.days).toBe(30);
  });

  it('lets a revisit revalidate: 304 while nothing changed, new numbers after a write', async () => {
    const ask = (etag?: string) =>
      server.app.inject({
        method: 'GET',
        url: '/api/stats/summary?range=all_time',
        headers: { ...auth(alice), ...(etag ? { 'if-none-match': etag } : {}) },
      });
    const first = await ask();
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    expect((await ask(etag)).statusCode).toBe(304);
    // Another viewer asking the same URL gets their own tag.
    const other = await server.app.inject({
      method: 'GET',
      url: '/api/stats/summary?range=all_time',
      headers: { ...auth(bob), 'if-none-match': etag },
    });
    expect(other.statusCode).toBe(200);
    const plays = first.json<{ plays: number }>().plays;
    const r = await server.app.inject({
      method: 'POST',
      url: '/1/submit-listens',
      headers: { authorization: `Token ${alice}` },
      payload: JSON.stringify({
        listen_type: 'single',
        payload: [
          {
            listened_at: Math.floor(NOW / 1000) - 60,
            track_metadata: { artist_name: 'Can', track_name: 'Vitamin C' },
          },
        ],
      }),
    });
    expect(r.statusCode).toBe(200);
    const after = await ask(etag);
    expect(after.statusCode).toBe(200);
    expect(after.json<{ plays: number }>().plays).toBe(plays + 1);
    expect(after.headers.etag).not.toBe(etag);
  });

  it('names a bad range and what would work', async () => {
    const r = await get<{ error: string }>('/api/stats/artists?range=fortnight', alice);
    expect(r.status).toBe(400);
    expect(r.body.error).toContain("'fortnight'");
    expect(r.body.error).toContain('2024-01-01..2024-12-31');
  });
});

describe('imports over HTTP', () => {
  const upload = async (
    token: string,
    files: { name: string; content: Buffer }[],
    fields: Record<string, string> = {},
  ) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append('file', new Blob([f.content]), f.name);
    const r = await server.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: auth(token),
      payload: form,
    });
    return { status: r.statusCode, body: r.json<Job & { error: string }>() };
  };
  interface Job {
    id: string;
    status: string;
    report: {
      totals: { inserted: number; duplicates: number; skipped: number };
      files: {
        file: string;
        status: string;
        error?: { message: string };
        examples?: { message: string }[];
      }[];
    } | null;
    error: string | null;
  }
  const finished = async (id: string, token: string): Promise<Job> => {
    for (;;) {
      const r = await get<Job>(`/api/imports/jobs/${id}`, token);
      expect(r.status).toBe(200);
      if (r.body.status === 'completed' || r.body.status === 'failed') return r.body;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('imports an uploaded export as a job with the same report as the CLI, and a re-upload adds nothing', async () => {
    const dir = tempDir();
    const lines = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({
        listened_at: 1_700_000_000 + i * 300,
        track_metadata: { artist_name: 'Nina Simone', track_name: `Track ${i}` },
      }),
    );
    lines.splice(10, 0, '{"listened_at": 1700000000, "track_metadata": {"track_name": "no artist"}}');
    const file = dir.file('listens.jsonl', lines.join('\n') + '\n');

    const started = await upload(bob, [{ name: 'listens.jsonl', content: readFileSync(file) }]);
    expect(started.status).toBe(202);
    const job = await finished(started.body.id, bob);
    expect(job.status).toBe('completed');

    const cliDb = await memoryDb();
    await addUser(cliDb, 'bob');
    const cli = await importFiles(cliDb, { paths: [file], userName: 'bob', defaultUserName: 'me' });
    expect(job.report!.totals).toEqual(cli.totals);
    expect(job.report!.files[0]!.file).toBe('upload:listens.jsonl');
    cliDb.close();

    const rejected = await get<{ records: { reason: string; line: number; raw: string }[] }>(
      '/api/imports/rejected',
      bob,
    );
    expect(rejected.body.records).toEqual([
      expect.objectContaining({ line: 11, raw: expect.stringContaining('no artist') }),
    ]);
    const runs = await get<{ runs: { file: string; inserted: number }[] }>('/api/imports', bob);
    expect(runs.body.runs[0]).toMatchObject({ file: 'upload:listens.jsonl', inserted: 50 });

    const again = await finished(
      (await upload(bob, [{ name: 'listens.jsonl', content: readFileSync(file) }])).body.id,
      bob,
    );
    expect(again.report!.totals).toMatchObject({ inserted: 0, duplicates: 50 });
    dir.cleanup();
  });

  it('reports an unrecognised file as a failed job that says why', async () => {
    const started = await upload(bob, [{ name: 'notes.txt', content: Buffer.from('hello\nworld\n') }]);
    const job = await finished(started.body.id, bob);
    expect(job.status).toBe('failed');
    expect(job.error).toContain('upload:notes.txt: could not recognise the format');
  });

  it('names the upload fields, not the CLI flags, in what an upload shows', async () => {
    const noFlags = (text: string | null | undefined) => expect(text ?? '').not.toMatch(/--[a-z]/);

    const columns = await upload(bob, [{ name: 'a.csv', content: Buffer.from('x') }], {
      columns: 'artist=A,track=T',
    });
    expect(columns.status).toBe(400);
    expect(columns.body.error).toBe(
      'upload field columns: map "timestamp" to a column (e.g. timestamp=Column Name)',
    );

    const unknown = await finished(
      (await upload(bob, [{ name: 'notes.txt', content: Buffer.from('hello\nworld\n') }])).body.id,
      bob,
    );
    expect(unknown.error).toContain(
      'map its columns with the upload field columns (described under POST /api/imports at /docs), ' +
        'or name the format with the upload field format.',
    );
    noFlags(unknown.error);
    noFlags(unknown.report!.files[0]!.error!.message);

    const noMapping = await finished(
      (
        await upload(bob, [{ name: 'plays.csv', content: Buffer.from('Artist,Title\nA,B\n') }], {
          format: 'generic-csv',
        })
      ).body.id,
      bob,
    );
    expect(noMapping.error).toContain(
      'needs a column mapping, e.g. the upload field columns set to artist=Artist,track=Title,timestamp=Played At',
    );
    noFlags(noMapping.error);

    // A Latin-1 byte in an upload said to be UTF-8 (a Latin-1 file is otherwise detected): the
    // row's message says which field reads it.
    const latin1 = Buffer.concat([
      Buffer.from('{"listened_at": 1700000000, "track_metadata": {"artist_name": "Bj'),
      Buffer.from([0xf6]),
      Buffer.from('rk", "track_name": "Joga"}}\n'),
    ]);
    const encoding = await finished(
      (await upload(bob, [{ name: 'latin1.jsonl', content: latin1 }], { encoding: 'utf8' })).body.id,
      bob,
    );
    const examples = encoding.report!.files[0]!.examples!.map((e) => e.message);
    expect(examples).toEqual([
      expect.stringContaining('run again with the upload field encoding set to latin1'),
    ]);
    for (const message of examples) noFlags(message);
  });

  it('refuses uploads without a file, with bad settings, or into another account', async () => {
    const none = await upload(bob, [], { format: 'spotify-extended' });
    expect(none.status).toBe(400);
    expect(none.body.error).toContain('No file');
    const format = await upload(bob, [{ name: 'a.csv', content: Buffer.from('x') }], { format: 'wav' });
    expect(format.status).toBe(400);
    expect(format.body.error).toMatch(/^format: /);
    const columns = await upload(bob, [{ name: 'a.csv', content: Buffer.from('x') }], {
      columns: 'artist=A',
    });
    expect(columns.status).toBe(400);
    expect(columns.body.error).toContain('map "track"');
    const other = await upload(bob, [{ name: 'a.csv', content: Buffer.from('x') }], { user: 'alice' });
    expect(other.status).toBe(403);
    const json = await send<{ error: string }>('POST', '/api/imports', bob, { paths: ['/etc/passwd'] });
    expect(json.status).toBe(400);
    expect(json.body.error).toContain('multipart/form-data');
    const local = await send<{ error: string }>('POST', '/api/imports/local', admin, {
      paths: ['/etc/passwd'],
    });
    expect(local.status).toBe(403);
  });

  it.skipIf(!hasSharedData)(
    'imports a real Spotify export uploaded by an admin into another account',
    async () => {
      const file = sharedFile('spotify-streaming-history-basic', 'StreamingHistory0.json');
      const started = await upload(admin, [{ name: basename(file), content: readFileSync(file) }], {
        user: 'carol',
      });
      expect(started.status).toBe(202);
      const job = await finished(started.body.id, admin);
      expect(job.status).toBe('completed');
      const cliDb = await memoryDb();
      const cli = await importFiles(cliDb, { paths: [file], userName: 'carol', defaultUserName: 'me' });
      expect(job.report!.totals).toEqual(cli.totals);
      cliDb.close();
      expect(
        await count(
          db,
          "SELECT count(*) AS n FROM listens l JOIN users u ON u.id = l.user_id WHERE u.name = 'carol'",
        ),
      ).toBe(cli.totals.inserted);
    },
  );
});

describe('the OpenAPI document, health and metrics', () => {
  it('describes every /api route with its parameters and answers', async () => {
    const doc = await get<{
      openapi: string;
      paths: Record<
        string,
        Record<string, { parameters?: { name: string }[]; responses: Record<string, unknown> }>
      >;
    }>('/openapi.json');
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/listens',
      '/api/listens/{id}',
      '/api/stats/artists',
      '/api/imports',
      '/api/imports/jobs/{id}',
      '/api/users',
      '/api/users/{name}',
      '/api/health',
    ]) {
      expect(doc.body.paths[path], path).toBeDefined();
    }
    const listParams = doc.body.paths['/api/listens']!.get!.parameters!.map((p) => p.name);
    expect(listParams).toEqual(
      expect.arrayContaining(['from', 'to', 'artist', 'release', 'source', 'limit', 'before', 'user']),
    );
    expect(Object.keys(doc.body.paths['/api/listens']!.get!.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401']),
    );
    const ui = await server.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('says only that it is up without an admin token; an admin sees the database and the counts', async () => {
    for (const token of [undefined, alice]) {
      const health = await get('/api/health', token);
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok' });
    }
    const bad = await get<{ error: string }>('/api/health', 'not-a-token');
    expect(bad.status).toBe(401);
    const health = await get<Record<string, unknown>>('/api/health', admin);
    expect(health.body).toEqual({
      status: 'ok',
      version: expect.any(String),
      database: db.path,
      uptimeSeconds: expect.any(Number),
      listens: await count(db, 'SELECT count(*) AS n FROM listens'),
      users: await count(db, 'SELECT count(*) AS n FROM users'),
    });
  });

  it('answers metrics to an admin token or the metrics token only', async () => {
    const scrape = (app: App, token?: string) =>
      app.app.inject({ method: 'GET', url: '/api/metrics', headers: token ? auth(token) : {} });
    const anonymous = await scrape(server);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json<{ error: string }>().error).toContain('LISTENHOUSE_METRICS_TOKEN');
    expect((await scrape(server, alice)).statusCode).toBe(403);

    const metrics = await scrape(server, admin);
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(/^listenhouse_listens \d+$/m);
    expect(metrics.body).toMatch(/^listenhouse_http_requests_total\{api="rest",status="4xx"\} [1-9]\d*$/m);

    const withToken = testApp(db, { now: () => NOW, metricsToken: 'prometheus-secret' });
    try {
      expect((await scrape(withToken, 'prometheus-secret')).statusCode).toBe(200);
      expect((await scrape(withToken, 'prometheus-secre')).statusCode).toBe(401);
      expect((await scrape(withToken)).statusCode).toBe(401);
      // The metrics token reads metrics and nothing else.
      const listens = await withToken.app.inject({
        method: 'GET',
        url: '/api/listens',
        headers: auth('prometheus-secret'),
      });
      expect(listens.statusCode).toBe(401);
      const health = await withToken.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.json()).toEqual({ status: 'ok' });
    } finally {
      await withToken.app.close();
    }
  });
});

describe('body size', () => {
  it('answers a body over the limit with 413 in the /api error shape', async () => {
    const r = await server.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: auth(admin),
      payload: JSON.stringify({ name: 'x'.repeat(12_000_000) }),
    });
    expect(r.statusCode).toBe(413);
    expect(r.json()).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      status: 413,
      error: expect.stringMatching(/too large/i),
    });
  });
});

describe('correcting and deleting listens', () => {
  let erin: string;
  const at = Math.floor((NOW - 3 * DAY) / 1000);
  beforeAll(async () => {
    erin = await createToken(db, (await addUser(db, 'erin')).id);
    const r = await server.app.inject({
      method: 'POST',
      url: '/1/submit-listens',
      headers: { authorization: `Token ${erin}` },
      payload: JSON.stringify({
        listen_type: 'import',
        payload: [
          {
            listened_at: at,
            track_metadata: {
              artist_name: 'Radiohed',
              track_name: 'Karma Police',
              release_name: 'OK Computer',
            },
          },
          { listened_at: at + 300, track_metadata: { artist_name: 'Radiohead', track_name: 'Airbag' } },
          { listened_at: at + 600, track_metadata: { artist_name: 'Radiohead', track_name: 'Airbag' } },
        ],
      }),
    });
    expect(r.statusCode).toBe(200);
  });
  const page = async () => (await get<Page>('/api/listens', erin)).body;

  it('corrects a misspelt artist: the listen and the statistics show the new name', async () => {
    const typo = (await page()).listens.find((l) => l.artist === 'Radiohed')!;
    await db.run(
      `INSERT INTO listen_sources (listen_id, user_id, recording_id, source, format, listened_at)
       SELECT id, user_id, recording_id, 'lastfm', 'lastfm-csv', listened_at FROM listens WHERE id = ?`,
      [typo.id],
    );
    const r = await send<{ outcome: string; listen: Listen }>('PATCH', `/api/listens/${typo.id}`, erin, {
      artist: 'Radiohead',
    });
    expect(r.status).toBe(200);
    expect(r.body.outcome).toBe('updated');
    expect(r.body.listen).toMatchObject({
      artist: 'Radiohead',
      track: 'Karma Police',
      release: 'OK Computer',
    });
    expect(r.body.listen.alsoFrom).toEqual([expect.objectContaining({ source: 'lastfm' })]);
    // The corrected listen keeps its id: a link to it still works
    expect(r.body.listen.id).toBe(typo.id);
    expect((await get<Listen>(`/api/listens/${typo.id}`, erin)).body).toMatchObject({ artist: 'Radiohead' });
    const artists = await get<{ entries: { name: string; plays: number }[] }>('/api/stats/artists', erin);
    expect(artists.body.entries).toEqual([expect.objectContaining({ name: 'Radiohead', plays: 3 })]);
  });

  it('moves a listen in time, and one that becomes a repeat of a stored listen leaves one listen', async () => {
    const [later, earlier] = (await page()).listens; // the two Airbag plays, newest first
    const moved = await send<{ outcome: string; listen: Listen }>(
      'PATCH',
      `/api/listens/${later!.id}`,
      erin,
      {
        listenedAt: at + 300,
      },
    );
    expect(moved.body.outcome).toBe('duplicate');
    expect(moved.body.listen.id).toBe(earlier!.id);
    expect((await page()).total).toBe(2);
    const iso = await send<{ outcome: string; listen: Listen }>(
      'PATCH',
      `/api/listens/${earlier!.id}`,
      erin,
      {
        listenedAt: new Date((at + 900) * 1000).toISOString(),
      },
    );
    expect(iso.body).toMatchObject({
      outcome: 'updated',
      listen: { id: earlier!.id, listenedAt: new Date((at + 900) * 1000).toISOString().replace('.000', '') },
    });
    // and the id the user had still finds it
    expect((await get<Listen>(`/api/listens/${earlier!.id}`, erin)).status).toBe(200);
  });

  it('refuses corrections that are empty, invalid, or not yours', async () => {
    const id = (await page()).listens[0]!.id;
    expect((await send('PATCH', `/api/listens/${id}`, erin, {})).status).toBe(400);
    const blank = await send<{ error: string }>('PATCH', `/api/listens/${id}`, erin, { track: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error).toMatch(/^body field track: /);
    const future = await send<{ error: string }>('PATCH', `/api/listens/${id}`, erin, {
      listenedAt: Math.floor(NOW / 1000) + 86_400,
    });
    expect(future.status).toBe(400);
    expect(future.body.error).toContain('not valid');
    expect((await send('PATCH', `/api/listens/${id}`, bob, { track: 'x' })).status).toBe(404);
    expect((await send('PATCH', `/api/listens/${id}?user=erin`, bob, { track: 'x' })).status).toBe(403);
    expect((await page()).total).toBe(2);
  });

  it('deletes a listen at once, only the owner', async () => {
    const id = (await page()).listens[0]!.id;
    expect((await send('DELETE', `/api/listens/${id}`, bob)).status).toBe(404);
    expect(await send('DELETE', `/api/listens/${id}`, erin)).toEqual({ status: 200, body: { deleted: 1 } });
    expect((await send('DELETE', `/api/listens/${id}`, erin)).status).toBe(404);
    expect((await page()).total).toBe(1);
    expect((await get<{ plays: number }>('/api/stats/summary', erin)).body.plays).toBe(1);
  });

  it('deletes a selection of listens in one request, leaving ids that are not the owner’s', async () => {
    const frank = await createToken(db, (await addUser(db, 'frank')).id);
    const payload = [0, 1, 2, 3].map((i) => ({
      listened_at: at + 1000 + i * 300,
      track_metadata: { artist_name: 'Portishead', track_name: `Track ${i}` },
    }));
    const r = await server.app.inject({
      method: 'POST',
      url: '/1/submit-listens',
      headers: { authorization: `Token ${frank}` },
      payload: JSON.stringify({ listen_type: 'import', payload }),
    });
    expect(r.statusCode).toBe(200);
    const ids = (await get<Page>('/api/listens', frank)).body.listens.map((l) => l.id);
    const aliceId = (await get<Page>('/api/listens?limit=1', alice)).body.listens[0]!.id;
    const selected = [ids[0]!, ids[2]!, aliceId];
    expect(await send('POST', '/api/listens/delete', frank, { ids: selected })).toEqual({
      status: 200,
      body: { deleted: 2, missing: [aliceId] },
    });
    const left = (await get<Page>('/api/listens', frank)).body;
    expect(left.listens.map((l) => l.id).sort()).toEqual([ids[1]!, ids[3]!].sort());
    expect((await get<Page>(`/api/listens?limit=1`, alice)).body.listens[0]!.id).toBe(aliceId);
    const tooMany = await send<{ code: string; field?: string }>('POST', '/api/listens/delete', frank, {
      ids: [],
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('INVALID_INPUT');
  });
});
