// Real ListenBrainz clients against a spawned `listenhouse serve`: every submission fixture of
// ../shared/fixtures/listenbrainz sent the way clients send it (no Content-Type, the token in the
// header or as ?token=, a base URL whose path prefix the client drops, retries on 429 and 5xx),
// then read back as a user would page through their history.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { SHARED } from '../support/shared-data.js';
import { tempDir } from '../support/temp.js';

const FIXTURES = join(SHARED, 'fixtures', 'listenbrainz');
const hasFixtures = existsSync(FIXTURES);

/** The submissions ListenBrainz accepts, per the fixture README; every other submission fixture is refused. */
const ACCEPTED = new Set([
  'valid_single.json',
  'valid_import.json',
  'valid_playing_now.json',
  'playing_now_with_duration.json',
  'playing_now_with_duration_ms.json',
  'valid_duration.json',
  'additional_info.json',
  'invalid_mbid_listens.json',
  'same_batch_duplicates.json',
  'same_timestamp_diff_track_valid_single.json',
  'same_timestamp_diff_track_valid_single_2.json',
  'same_timestamp_diff_track_valid_single_3.json',
  'user_export_test.json',
]);

interface Submission {
  name: string;
  body: string;
  accepted: boolean;
  /** listened_at|artist|track of each listen to store (lower-cased, trimmed): a play is stored once. */
  plays: string[];
}

interface ApiListen {
  listened_at: number;
  recording_msid: string;
  track_metadata: { artist_name: string; track_name: string; additional_info: Record<string, unknown> };
}

const playKey = (at: unknown, meta: { artist_name?: unknown; track_name?: unknown }) =>
  `${String(at)}|${String(meta.artist_name).trim().toLowerCase()}|${String(meta.track_name).trim().toLowerCase()}`;

/** Every fixture that is a submit-listens document (even one that is not valid JSON), in name order. */
function submissions(): Submission[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, body: readFileSync(join(FIXTURES, name), 'utf8') }))
    .filter(({ body }) => body.includes('"listen_type"') && body.includes('"payload"'))
    .map(({ name, body }) => {
      const accepted = ACCEPTED.has(name);
      let plays: string[] = [];
      if (accepted) {
        const doc = JSON.parse(body) as {
          listen_type: string;
          payload: { listened_at?: unknown; track_metadata: Record<string, unknown> }[];
        };
        if (doc.listen_type !== 'playing_now')
          plays = doc.payload.map((l) => playKey(l.listened_at, l.track_metadata));
      }
      return { name, body, accepted, plays };
    });
}

/** A ListenBrainz export line as a migrating client resubmits it: listened_at and track_metadata. */
function exportAsImport(): Submission {
  const lines = readFileSync(join(FIXTURES, 'listenbrainz_listens.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);
  const payload = lines.map((line) => {
    const l = JSON.parse(line) as { listened_at: number; track_metadata: Record<string, unknown> };
    return { listened_at: l.listened_at, track_metadata: l.track_metadata };
  });
  return {
    name: 'listenbrainz_listens.jsonl',
    body: JSON.stringify({ listen_type: 'import', payload }),
    accepted: true,
    plays: payload.map((l) => playKey(l.listened_at, l.track_metadata)),
  };
}

const startServer = (db: string, extra: string[] = []) =>
  spawnServer(['serve', '--db', db, '--port', '0', ...extra]);

async function addUser(db: string, name: string): Promise<string> {
  const added = await runCli(['users', 'add', name, '--db', db, '--json']);
  expect(added.code, added.stderr).toBe(0);
  return (JSON.parse(added.stdout) as { token: string }).token;
}

/**
 * As liblistenbrainz builds its URLs: urljoin(base, '/1/…') — the endpoint path is absolute, so a
 * path prefix in the configured base is dropped and the request goes to the server's root.
 */
const clientUrl = (base: string, endpoint: string) => new URL(endpoint, base).toString();

/** A POST as liblistenbrainz sends it: the JSON as the body, no Content-Type header. */
function postJson(url: string, body: string, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', headers, body: new Blob([body]) });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const dir = tempDir();
afterAll(() => dir.cleanup());

describe.skipIf(!hasFixtures)('ListenBrainz clients against a spawned server', () => {
  let server: SpawnedServer | undefined;
  let token: string;

  beforeAll(async () => {
    const db = join(dir.path, 'clients.duckdb');
    token = await addUser(db, 'ears');
    server = await startServer(db);
  });
  afterAll(() => stopServer(server));

  it('stores what each client submits, refuses the invalid fixtures, and reads everything back newest first', async () => {
    const { url } = server!;
    // liblistenbrainz checks the token with ?token= and no header.
    const check = await fetch(clientUrl(`${url}/listenbrainz/`, `/1/validate-token?token=${token}`));
    expect(await check.json()).toMatchObject({ valid: true, user_name: 'ears' });

    // Alternate two kinds of client: one configured with a path prefix that sends the header, one that
    // sends the token as a query parameter.
    const clients = [
      (body: string) =>
        postJson(clientUrl(`${url}/listenbrainz/api`, '/1/submit-listens'), body, {
          Authorization: `Token ${token}`,
        }),
      (body: string) => postJson(`${url}/1/submit-listens?token=${token}`, body),
    ];
    const all = [...submissions(), exportAsImport()];
    expect(all.filter((s) => !s.accepted).length).toBeGreaterThan(20);
    const expected = new Set<string>();
    for (const [i, submission] of all.entries()) {
      const res = await clients[i % 2]!(submission.body);
      const answer = (await res.json()) as Record<string, unknown>;
      if (submission.accepted) {
        expect([submission.name, res.status, answer]).toEqual([submission.name, 200, { status: 'ok' }]);
        for (const play of submission.plays) expected.add(play);
      } else {
        expect([submission.name, res.status, answer.code]).toEqual([submission.name, 400, 400]);
        expect(typeof answer.error, submission.name).toBe('string');
      }
    }

    // Page back through the history as a client scrolls: max_ts = the oldest listen seen so far.
    const headers = { Authorization: `Token ${token}` };
    const seen: ApiListen[] = [];
    let maxTs: number | null = null;
    for (;;) {
      const query: string = `count=5${maxTs === null ? '' : `&max_ts=${maxTs}`}`;
      const res = await fetch(`${url}/1/user/ears/listens?${query}`, { headers });
      const page = ((await res.json()) as { payload: { listens: ApiListen[] } }).payload.listens;
      if (page.length === 0) break;
      seen.push(...page);
      maxTs = page.at(-1)!.listened_at;
    }
    const count = (await (await fetch(`${url}/1/user/ears/listen-count`, { headers })).json()) as {
      payload: { count: number };
    };
    // Paging with max_ts skips listens that share the oldest second of a page; fetch the rest directly.
    const everything = (
      (await (await fetch(`${url}/1/user/ears/listens?count=1000`, { headers })).json()) as {
        payload: { listens: ApiListen[] };
      }
    ).payload.listens;

    expect(count.payload.count).toBe(expected.size);
    expect(everything).toHaveLength(expected.size);
    expect(new Set(everything.map((l) => playKey(l.listened_at, l.track_metadata)))).toEqual(expected);
    const times = everything.map((l) => l.listened_at);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(seen.map((l) => l.listened_at)).toEqual(seen.map((l) => l.listened_at).sort((a, b) => b - a));
    expect(new Set(seen.map((l) => l.recording_msid)).size).toBeGreaterThan(1);

    // What clients read back: names as submitted, the extra keys kept, an msid to delete with.
    const golden = everything.find((l) => l.track_metadata.track_name === 'Golden Brown')!;
    expect(golden.track_metadata).toMatchObject({
      artist_name: 'The Stranglers',
      additional_info: { isrc: 'GBAYE8100053', music_service: 'spotify.com', duration_ms: 206760 },
    });
    const majid = everything.find((l) => l.track_metadata.additional_info['nested.info'] !== undefined)!;
    expect(majid.track_metadata.additional_info).toMatchObject({
      best_song: 'definitely',
      'nested.info': 'here',
    });

    // Deleting one with the msid it came with, as liblistenbrainz's delete_listen does.
    const deleted = await fetch(`${url}/1/delete-listen`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ listened_at: golden.listened_at, recording_msid: golden.recording_msid }),
    });
    expect(await deleted.json()).toEqual({ status: 'ok' });
    const after = (await (await fetch(`${url}/1/user/ears/listen-count`, { headers })).json()) as {
      payload: { count: number };
    };
    expect(after.payload.count).toBe(expected.size - 1);

    // Playing now: shown to the user, never stored.
    await postJson(`${url}/1/playing-now/delete`, '', headers);
    const playing = all.find((s) => s.name === 'valid_playing_now.json')!;
    expect((await clients[0]!(playing.body)).status).toBe(200);
    const now = (await (await fetch(`${url}/1/user/ears/playing-now`, { headers })).json()) as {
      payload: { count: number; listens: ApiListen[] };
    };
    expect(now.payload.count).toBe(1);
    expect(now.payload.listens[0]!.track_metadata).toMatchObject({
      artist_name: 'Kanye West',
      track_name: 'Fade',
    });
  });

  it('a client that retries on 429 gets every listen stored exactly once', async () => {
    const db = join(dir.path, 'retries.duckdb');
    const retryToken = await addUser(db, 'patient');
    const limited = await startServer(db, ['--rate-limit', '7']);
    try {
      const headers = { Authorization: `Token ${retryToken}` };
      let throttled = 0;
      /** Retries on 429 and 5xx as liblistenbrainz does, waiting as X-RateLimit-Reset-In says. */
      async function withRetries(request: () => Promise<Response>): Promise<Response> {
        for (let attempt = 0; attempt < 10; attempt++) {
          const res = await request();
          if (res.status !== 429 && res.status < 500) return res;
          if (res.status === 429) throttled++;
          await res.arrayBuffer();
          await sleep(Number(res.headers.get('x-ratelimit-reset-in') ?? '1') * 1000 + 100);
        }
        throw new Error('still refused after 10 attempts');
      }
      const send = (body: string) =>
        withRetries(() => postJson(`${limited.url}/1/submit-listens`, body, headers));
      const accepted = submissions().filter((s) => s.accepted && s.plays.length > 0);
      const expected = new Set(accepted.flatMap((s) => s.plays));
      for (const submission of accepted) {
        expect([submission.name, (await send(submission.body)).status]).toEqual([submission.name, 200]);
      }
      // Two answers lost on the way back: the client sends those again.
      for (const submission of accepted.slice(0, 2)) expect((await send(submission.body)).status).toBe(200);
      expect(throttled).toBeGreaterThan(0);

      const res = await withRetries(() =>
        fetch(`${limited.url}/1/user/patient/listens?count=1000`, { headers }),
      );
      expect(res.status).toBe(200);
      const listens = ((await res.json()) as { payload: { listens: ApiListen[] } }).payload.listens;
      expect(listens).toHaveLength(expected.size);
      expect(new Set(listens.map((l) => playKey(l.listened_at, l.track_metadata)))).toEqual(expected);
    } finally {
      await stopServer(limited);
    }
  });
});
